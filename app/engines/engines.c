/*
 * engines: the table of engines images.conf can name: the built-in procedural
 * engine, "noop", and the remote ones (remote_engines.h). Every engine uses the
 * shared helpers below it in engine.c.
 */
#include "engines.h"

#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "remote_engines.h"
#include "render.h"
#include "textparse.h"

/* ---- builtin ---- */

struct builtin_progress {
	engine_progress_fn fn;
	void *ctx;
};

static int forward_progress(void *ctx, int percent, const struct image_rgba *partial)
{
	struct builtin_progress *b = ctx;
	return b->fn ? b->fn(b->ctx, percent, partial) : 0;
}

static enum engine_status builtin_generate(const struct engine *e, const struct engine_request *rq,
					   engine_progress_fn progress, void *ctx,
					   struct engine_result *out, char *err, size_t errlen)
{
	struct scene s;
	memset(out, 0, sizeof(*out));
	snprintf(out->engine, sizeof(out->engine), "%s", e->name);
	if (engine_prepare_scene(rq, &s, out, err, errlen) != 0) {
		engine_result_free(out);
		return ENGINE_FAILED;
	}
	struct builtin_progress bp = { progress, ctx };
	struct render_opts o = { .width = rq->width, .height = rq->height, .seed = rq->seed,
				 .threads = 0, .progress = forward_progress, .progress_ctx = &bp };
	int rc = render_image(&s, &o, &out->pixels);
	if (rc == 1) {
		engine_result_free(out);
		return ENGINE_CANCELLED;
	}
	if (rc != 0) {
		engine_result_free(out);
		snprintf(err, errlen, "the built-in engine could not render this image");
		return ENGINE_FAILED;
	}
	char seed_s[16], size_s[32];
	snprintf(seed_s, sizeof(seed_s), "%u", rq->seed);
	snprintf(size_s, sizeof(size_s), "%dx%d", rq->width, rq->height);
	const char *keys[] = { "prompt", "enhanced_prompt", "style", "seed", "size", "engine" };
	const char *values[] = { rq->prompt, out->enhanced_prompt, s.style, seed_s, size_s,
				 RENDER_ENGINE_VERSION };
	if (render_png(&out->pixels, keys, values, 6, &out->png, &out->png_len) != 0) {
		engine_result_free(out);
		snprintf(err, errlen, "PNG encoding failed");
		return ENGINE_FAILED;
	}
	out->scene = render_scene_to_json(&s);
	return ENGINE_OK;
}

/* ---- noop: a flat image at once, to measure the flow without rendering ---- */

static enum engine_status noop_generate(const struct engine *e, const struct engine_request *rq,
					engine_progress_fn progress, void *ctx,
					struct engine_result *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	snprintf(out->engine, sizeof(out->engine), "%s", e->name);
	utf8_copy(out->enhanced_prompt, sizeof(out->enhanced_prompt), rq->prompt, SIZE_MAX);
	engine_title(rq->prompt, out->title, sizeof(out->title));
	out->unknown_words = json_array();
	out->scene = json_object();
	out->pixels.width = (unsigned)rq->width;
	out->pixels.height = (unsigned)rq->height;
	size_t n = (size_t)rq->width * (size_t)rq->height * 4;
	out->pixels.pixels = malloc(n);
	if (out->pixels.pixels == NULL) {
		snprintf(err, errlen, "out of memory");
		engine_result_free(out);
		return ENGINE_FAILED;
	}
	uint8_t shade = (uint8_t)(rq->seed * 37u);
	for (size_t i = 0; i < n; i += 4) {
		out->pixels.pixels[i] = shade;
		out->pixels.pixels[i + 1] = 128;
		out->pixels.pixels[i + 2] = (uint8_t)(255 - shade);
		out->pixels.pixels[i + 3] = 255;
	}
	if (progress != NULL && progress(ctx, 100, NULL) != 0) {
		engine_result_free(out);
		return ENGINE_CANCELLED;
	}
	if (image_encode_png(&out->pixels, &out->png, &out->png_len) != IMAGE_OK) {
		snprintf(err, errlen, "PNG encoding failed");
		engine_result_free(out);
		return ENGINE_FAILED;
	}
	return ENGINE_OK;
}

static const struct engine engines[] = {
	{ "builtin", false, builtin_generate },
	{ "noop", false, noop_generate },
	{ "openai", true, remote_openai_generate },
	{ "a1111", false, remote_a1111_generate },
	{ "comfyui", false, remote_comfyui_generate },
};

const struct engine *engine_find(const char *name)
{
	for (size_t i = 0; i < sizeof(engines) / sizeof(engines[0]); i++) {
		if (strcmp(engines[i].name, name) == 0)
			return &engines[i];
	}
	return NULL;
}
