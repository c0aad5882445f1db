/*
 * remote_engines: engines that ask a diffusion backend over HTTP for the pixels
 * (app/engines/engine.h is the interface; app/engines/remote_http.h the client).
 *
 * The prompt sent is the one the built-in engine would describe: the scene
 * parsed from the user's words (or the previous scene edited by them, for a
 * follow-up), enhanced when enhance is on, then the style preset's prompt
 * suffix from render_style_find(). With enhance off it is the user's prompt as
 * written, plus the suffix. The scene is kept as the result's scene, so the
 * next follow-up edits it the same way.
 *
 *   openai   POST {openai_base_url}/v1/images/generations (JSON; stream: true and
 *            partial_images for gpt-image models, forwarded as previews); a
 *            follow-up with a previous image POSTs /v1/images/edits (multipart,
 *            the previous PNG as `image`). Key: openai_key_file (must not be
 *            readable by group or others) or $OPENAI_API_KEY; sent only in the
 *            Authorization header, never logged nor put in an error.
 *   a1111    POST /sdapi/v1/txt2img with force_task_id; while it runs, POST
 *            /internal/progress every a1111_progress_ms gives percent and live
 *            previews; cancel POSTs /sdapi/v1/interrupt. Follow-ups are txt2img
 *            with the edited prompt and the same seed.
 *   comfyui  the workflow template (comfyui_workflow) with {{prompt}},
 *            {{negative_prompt}}, {{model}} substituted inside strings and
 *            "{{width}}", "{{height}}", "{{seed}}" replaced by numbers; websocket
 *            /ws?clientId= opened first, POST /prompt with our prompt_id, progress
 *            and binary preview frames from the socket, then /history/{id} and
 *            /view; cancel POSTs /interrupt and removes it from /queue.
 *
 * Whatever format the backend returns (PNG, JPEG, WebP) is decoded and stored as
 * a PNG whose tEXt chunks carry prompt, enhanced_prompt, style, seed, size,
 * engine, model and (a1111) sampler. Failures set err to a reason a user can read.
 */
#ifndef IMAGES_REMOTE_ENGINES_H
#define IMAGES_REMOTE_ENGINES_H

#include "engine.h"
#include "render.h"

/* The scene and prompt a request asks for (shared with the built-in engine). 0 or -1 with err. */
int engine_prepare_scene(const struct engine_request *rq, struct scene *s,
			 struct engine_result *out, char *err, size_t errlen);

enum engine_status remote_openai_generate(const struct engine *e, const struct engine_request *rq,
					  engine_progress_fn progress, void *ctx,
					  struct engine_result *out, char *err, size_t errlen);
enum engine_status remote_a1111_generate(const struct engine *e, const struct engine_request *rq,
					 engine_progress_fn progress, void *ctx,
					 struct engine_result *out, char *err, size_t errlen);
enum engine_status remote_comfyui_generate(const struct engine *e, const struct engine_request *rq,
					   engine_progress_fn progress, void *ctx,
					   struct engine_result *out, char *err, size_t errlen);

/* Substitutes the placeholders of a ComfyUI workflow in place. 0, or -1 when {{prompt}} is missing.
 */
int remote_comfyui_fill(json_t *workflow, const char *prompt, const char *negative,
			const char *model, int width, int height, uint32_t seed);

/* Decodes standard base64 (a "data:...;base64," prefix is skipped). 0 or -1; *out freed with
 * free(). */
int remote_b64_decode(const char *in, size_t len, uint8_t **out, size_t *outlen);

#endif
