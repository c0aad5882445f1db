/*
 * api_openai: the OpenAI-compatible Images API, so OpenAI's SDKs, Open WebUI
 * and LibreChat can use this server as their image backend.
 *
 * POST /v1/images/generations (JSON) and POST /v1/images/edits (multipart)
 * take OpenAI's parameters (model, prompt, n, size, quality, background,
 * output_format, output_compression, response_format, style, user, moderation,
 * stream, partial_images; our extensions seed and enhance) and answer with
 * OpenAI's shapes: {created, data: [{b64_json | url, revised_prompt}],
 * background, output_format, quality, size, usage}, or with Server-Sent Events
 * image_generation.partial_image / image_generation.completed
 * (image_edit.* for edits) when stream is true. Errors carry OpenAI's
 * {"error": {message, type, param, code}} beside our "detail".
 *
 * Each call is an ordinary image turn (turns_start_image): the user message,
 * the tool message and the job are written in one transaction, the render
 * threads run the job, and the handler follows the turn's event log until it
 * ends, so every image also lands in the caller's conversations and gallery.
 * An edit continues the conversation of an image this server made for the
 * same user (recognised by the SHA-256 of its bytes in the user's gallery): the
 * built-in engine edits scenes, not arbitrary pixels, so any other image, and
 * any mask, is refused with a 400 that says so.
 *
 * Requests wait at most openai_wait_s (images.conf) for their images, and a
 * user may make openai_per_minute requests a minute (429 with Retry-After
 * beyond); the per-user job caps of every turn apply as well.
 */
#ifndef IMAGES_API_OPENAI_H
#define IMAGES_API_OPENAI_H

#include "http.h"

void api_openai_generations(struct request *req);
void api_openai_edits(struct request *req);
/* GET /v1/models: the one model this server offers, for clients that list models first. */
/* POST /v1/images/variations: the image (one this server made) made again, in its conversation. */
void api_openai_variations(struct request *req);
void api_openai_models(struct request *req);
/* GET /v1/models/{id}: one of the models the list names, or 404. */
void api_openai_model(struct request *req);

#endif
