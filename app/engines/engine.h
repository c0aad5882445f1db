/*
 * engine: the one interface the generation flow calls, whatever makes the
 * pixels. The built-in procedural engine implements it today; remote engines
 * (OpenAI Images, AUTOMATIC1111, ComfyUI) plug in behind the same calls.
 *
 * A request carries the user's prompt, the previous image's scene (for a
 * follow-up edit, or NULL), style, size, seed and whether to enhance. The
 * engine reports progress and coarse-to-fine previews through a callback and
 * returns the final image encoded (PNG with metadata) plus what the flow
 * stores: the enhanced prompt, the words it did not understand, the scene to
 * edit next time, and the edit it applied. All result fields are owned by the
 * result and released with engine_result_free().
 */
#ifndef IMAGES_ENGINE_H
#define IMAGES_ENGINE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "image.h"

struct config;

struct engine_request {
	const char *prompt;          /* the user's words for this turn */
	const json_t *prev_scene;    /* the scene of the image this turn continues, or NULL */
	const char *style;           /* preset id or "" */
	int width, height;
	uint32_t seed;
	bool enhance;                /* false: render the prompt as written */
	const struct config *cfg;    /* remote engines' settings (base URL, model, timeouts) */
	const uint8_t *prev_png;     /* the previous image's PNG for a follow-up edit, or NULL */
	size_t prev_png_len;
};

/* percent 0..100 and a preview (or NULL). Return non-zero to cancel. */
typedef int (*engine_progress_fn)(void *ctx, int percent, const struct image_rgba *preview);

/* The longest prompt an engine keeps (a longer one is cut on a UTF-8 boundary). */
#define ENGINE_PROMPT_MAX 4096

struct engine_result {
	uint8_t *png;                /* the final image, PNG with tEXt metadata */
	size_t png_len;
	struct image_rgba pixels;    /* the same image decoded, for the thumbnail */
	char enhanced_prompt[ENGINE_PROMPT_MAX];  /* what was rendered, as a sentence */
	char title[128];             /* a short title: "Blue cube" */
	json_t *scene;               /* the scene, to continue from next time (new reference) */
	json_t *unknown_words;       /* array of strings the engine did not understand */
	char edit_op[32];            /* "edit" when a follow-up changed the previous scene, else "" */
	char engine[32];             /* "builtin" */
};

enum engine_status { ENGINE_OK = 0, ENGINE_CANCELLED = 1, ENGINE_FAILED = -1 };

struct engine {
	const char *name;
	/* Edits the previous image's pixels on a follow-up (rq->prev_png is loaded for it). */
	bool edits_pixels;
	/* Generates one image. On ENGINE_FAILED, err says why in words a user can read. */
	enum engine_status (*generate)(const struct engine *e, const struct engine_request *rq,
				       engine_progress_fn progress, void *ctx,
				       struct engine_result *out, char *err, size_t errlen);
};

void engine_result_free(struct engine_result *r);

/* A short title from a prompt: "a blue cube on a table" → "Blue cube on a table" (at most 6 words). */
void engine_title(const char *prompt, char *out, size_t outlen);

#endif
