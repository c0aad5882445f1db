#include "remote_engines.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "encode.h"
#include "remote_http.h"
#include "textparse.h"
#include "websocket.h"

#define KEY_MAX 512
#define WORKFLOW_MAX (1u << 20)
#define MSG_MAX 200 /* characters of a backend's own error message we pass on */
#define WS_SLICE_MS 100

/* ---- shared ---- */

static const char *jstr_or(const json_t *o, const char *k, const char *def)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : def;
}

struct rctx {
	const struct engine_request *rq;
	const struct config *cfg;
	engine_progress_fn progress;
	void *pctx;
	int percent;
	bool cancelled;
	char key[KEY_MAX]; /* openai: the API key, cleansed at the end */
};

static int tick_progress(void *ctx)
{
	struct rctx *r = ctx;
	if (r->cancelled)
		return 1;
	if (r->progress != NULL && r->progress(r->pctx, r->percent, NULL) != 0)
		r->cancelled = true;
	return r->cancelled;
}

static void base_req(struct rctx *r, struct rhttp_req *h, const char *method, const char *url)
{
	memset(h, 0, sizeof(*h));
	h->method = method;
	h->url = url;
	h->connect_timeout_ms = (long)r->cfg->engine_connect_timeout_s * 1000;
	h->timeout_ms = (long)r->cfg->engine_timeout_s * 1000;
	h->retries = r->cfg->engine_retries;
	h->max_bytes = r->cfg->engine_max_response_bytes;
	h->tick = tick_progress;
	h->tick_ctx = r;
}

/* A POST of a JSON text (NUL-terminated, borrowed) with the engine's defaults. */
static void json_post_req(struct rctx *r, struct rhttp_req *h, const char *url, const char *json)
{
	base_req(r, h, "POST", url);
	h->headers[0] = "Content-Type: application/json";
	h->body = json;
	h->body_len = strlen(json);
}

/* Joins base and path without doubling the slash. */
static int join_url(char *out, size_t outlen, const char *base, const char *path)
{
	size_t n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	int w = snprintf(out, outlen, "%.*s%s", (int)n, base, path);
	return w < 0 || (size_t)w >= outlen ? -1 : 0;
}

int remote_b64_decode(const char *in, size_t len, uint8_t **out, size_t *outlen)
{
	*out = NULL;
	if (len > 5 && strncmp(in, "data:", 5) == 0) {
		const char *comma = memchr(in, ',', len < 128 ? len : 128);
		if (comma == NULL || comma - in < 7 || strncmp(comma - 7, ";base64", 7) != 0)
			return -1;
		len -= (size_t)(comma + 1 - in);
		in = comma + 1;
	}
	return b64_decode(in, len, out, outlen);
}

/* A backend's own words about an error, from the shapes OpenAI, A1111 and ComfyUI use. */
static void backend_message(const char *body, char *out, size_t outlen)
{
	out[0] = '\0';
	json_t *j = body ? json_loads(body, 0, NULL) : NULL;
	const char *m = NULL;
	json_t *e = json_object_get(j, "error");
	if (json_is_object(e)) {
		m = json_string_value(json_object_get(e, "message"));
		const char *details = json_string_value(json_object_get(e, "details"));
		if (m != NULL && details != NULL && details[0]) {
			snprintf(out, outlen, "%.*s: %.*s", MSG_MAX / 2, m, MSG_MAX / 2, details);
			json_decref(j);
			return;
		}
	} else if (json_is_string(e)) {
		m = json_string_value(e);
		const char *d = json_string_value(json_object_get(j, "errors"));
		if (d == NULL)
			d = json_string_value(json_object_get(j, "detail"));
		if (d != NULL && d[0]) {
			snprintf(out, outlen, "%.*s: %.*s", MSG_MAX / 2, m, MSG_MAX / 2, d);
			json_decref(j);
			return;
		}
	}
	json_t *dl = json_object_get(j, "detail");
	if (m == NULL && json_is_array(dl)) {
		/* FastAPI validation: [{"loc": ["body", "field"], "msg": "..."}] */
		json_t *d0 = json_array_get(dl, 0);
		json_t *loc = json_object_get(d0, "loc");
		const char *field =
		    json_string_value(json_array_get(loc, json_array_size(loc) - 1));
		const char *msg = json_string_value(json_object_get(d0, "msg"));
		if (msg != NULL) {
			snprintf(out, outlen, "%.60s: %.*s", field ? field : "request", MSG_MAX,
				 msg);
			json_decref(j);
			return;
		}
	}
	if (m == NULL)
		m = json_string_value(dl);
	if (m == NULL)
		m = json_string_value(json_object_get(j, "message"));
	if (m != NULL)
		snprintf(out, outlen, "%.*s", MSG_MAX, m);
	json_decref(j);
	/* Only printable text reaches the user. */
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
}

static void http_error(struct rctx *r, const char *name, const struct rhttp_resp *resp, char *err,
		       size_t errlen)
{
	char m[MSG_MAX * 2 + 8];
	backend_message(resp->body, m, sizeof(m));
	json_t *j = resp->body ? json_loads(resp->body, 0, NULL) : NULL;
	const char *code = json_string_value(json_object_get(json_object_get(j, "error"), "code"));
	long st = resp->status;
	if (st == 401 || st == 403) {
		/* OpenAI's 401 message quotes part of the key: it is not passed on. */
		snprintf(err, errlen, "%s refused the API key (HTTP %ld): check the configured key",
			 name, st);
	} else if (code != NULL && (strcmp(code, "content_policy_violation") == 0 ||
				    strcmp(code, "moderation_blocked") == 0)) {
		snprintf(err, errlen, "%s's moderation refused this prompt%s%s", name,
			 m[0] ? ": " : "", m);
	} else if (st == 429) {
		snprintf(err, errlen, "%s is busy or over its quota (HTTP 429)%s%s", name,
			 m[0] ? ": " : "", m);
	} else if (st >= 500) {
		snprintf(err, errlen, "%s failed (HTTP %ld)%s%s", name, st, m[0] ? ": " : "", m);
	} else {
		snprintf(err, errlen, "%s refused the request (HTTP %ld)%s%s", name, st,
			 m[0] ? ": " : "", m);
	}
	json_decref(j);
	rhttp_scrub_secret(err, r->key);
}

/*
 * Performs h and wants a 200 answer (in resp). false otherwise: *st becomes
 * ENGINE_CANCELLED when the exchange was cancelled and is left as it was when
 * it failed, err then saying why (the backend's own message for an HTTP error).
 */
static bool exchange_200(struct rctx *r, const char *name, const struct rhttp_req *h,
			 struct rhttp_resp *resp, enum engine_status *st, char *err, size_t errlen)
{
	enum rhttp_status hs = rhttp_do(h, resp, err, errlen);
	if (hs == RHTTP_CANCELLED) {
		*st = ENGINE_CANCELLED;
		return false;
	}
	if (hs != RHTTP_OK)
		return false;
	if (resp->status != 200) {
		http_error(r, name, resp, err, errlen);
		return false;
	}
	return true;
}

/* Decodes preview bytes and hands them to the progress callback. Returns non-zero to cancel. */
static int send_preview(struct rctx *r, const uint8_t *bytes, size_t len)
{
	char mime[64];
	struct image_rgba img = {0};
	int rc = 0;
	if (image_sniff(bytes, len, mime, sizeof(mime)) == 0 &&
	    image_decode(bytes, len, mime, r->cfg->max_image_side, &img) == IMAGE_OK) {
		if (r->progress != NULL && r->progress(r->pctx, r->percent, &img) != 0) {
			r->cancelled = true;
			rc = 1;
		}
	}
	image_rgba_free(&img);
	return rc;
}

static int send_preview_b64(struct rctx *r, const char *b64)
{
	uint8_t *bytes;
	size_t n;
	if (b64 == NULL || remote_b64_decode(b64, strlen(b64), &bytes, &n) != 0)
		return 0; /* a bad preview is skipped; the final image is what counts */
	int rc = send_preview(r, bytes, n);
	free(bytes);
	return rc;
}

/* The final image: decoded whatever its format, stored as PNG with our metadata. */
static enum engine_status finish_image(struct rctx *r, const char *name, const uint8_t *bytes,
				       size_t len, const char *model, const char *sampler,
				       uint32_t seed, const char *sent_prompt,
				       struct engine_result *out, char *err, size_t errlen)
{
	char mime[64];
	enum image_err ie;
	if (image_sniff(bytes, len, mime, sizeof(mime)) != 0 || image_extension(mime) == NULL) {
		snprintf(err, errlen, "%s sent something that is not a PNG, JPEG or WebP image",
			 name);
		return ENGINE_FAILED;
	}
	if ((ie = image_decode(bytes, len, mime, r->cfg->max_image_side, &out->pixels)) !=
	    IMAGE_OK) {
		snprintf(err, errlen, "%s sent an image that does not decode (%s)", name,
			 image_strerror(ie));
		return ENGINE_FAILED;
	}
	char seed_s[16], size_s[32];
	snprintf(seed_s, sizeof(seed_s), "%u", seed);
	snprintf(size_s, sizeof(size_s), "%ux%u", out->pixels.width, out->pixels.height);
	const char *keys[] = {"prompt", "enhanced_prompt", "style", "seed",
			      "size",	"engine",	   "model", "sampler"};
	const char *values[] = {r->rq->prompt,
				sent_prompt,
				r->rq->style ? r->rq->style : "",
				seed_s,
				size_s,
				name,
				model ? model : "",
				sampler ? sampler : ""};
	if (render_png(&out->pixels, keys, values, sampler && sampler[0] ? 8 : 7, &out->png,
		       &out->png_len) != 0) {
		snprintf(err, errlen, "PNG encoding failed");
		return ENGINE_FAILED;
	}
	return ENGINE_OK;
}

/* Scene, enhanced prompt and the prompt to send (+ the style's suffix). */
static int prepare(struct rctx *r, const char *engine_name, struct engine_result *out, char *prompt,
		   size_t plen, char *err, size_t errlen)
{
	struct scene s;
	memset(out, 0, sizeof(*out));
	snprintf(out->engine, sizeof(out->engine), "%s", engine_name);
	if (engine_prepare_scene(r->rq, &s, out, err, errlen) != 0)
		return -1;
	const struct render_style *st =
	    r->rq->style && r->rq->style[0] ? render_style_find(r->rq->style) : NULL;
	/* Cut on UTF-8 boundaries only: a half character makes the request's JSON fail. */
	size_t pn = utf8_copy(prompt, plen, out->enhanced_prompt, SIZE_MAX);
	if (st != NULL)
		utf8_copy(prompt + pn, plen - pn, st->prompt, SIZE_MAX);
	out->scene = render_scene_to_json(&s);
	if (out->scene == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static enum engine_status fail_out(struct engine_result *out, enum engine_status st)
{
	if (st != ENGINE_OK)
		engine_result_free(out);
	return st;
}

/* ---- OpenAI Images API ---- */

static int read_key(const struct config *cfg, char *key, size_t keylen, char *err, size_t errlen)
{
	key[0] = '\0';
	if (cfg->openai_key_file[0] == '\0') {
		const char *env = getenv("OPENAI_API_KEY");
		if (env != NULL && strlen(env) < keylen)
			snprintf(key, keylen, "%s", env);
		return 0; /* no key: servers like LocalAI need none */
	}
	return rhttp_read_key_file(cfg->openai_key_file, "the OpenAI key file", key, keylen, err,
				   errlen);
}

struct oa_stream {
	struct rctx *r;
	struct rhttp_sse sse;
	char *final_b64; /* the completed image */
	char *json;	 /* a plain JSON answer when the server did not stream */
	size_t json_len;
	char error[MSG_MAX + 64];
	bool error_code_moderation;
	int partials;
	bool is_json;
	bool decided;
};

static int oa_event(void *ctx, const char *event, const char *data, size_t len)
{
	struct oa_stream *s = ctx;
	(void)len;
	json_t *j = json_loads(data, 0, NULL);
	if (j == NULL)
		return 0; /* garbage events are ignored; a missing final image is the error */
	const char *type = json_string_value(json_object_get(j, "type"));
	if (type == NULL)
		type = event;
	int rc = 0;
	const char *b64 = json_string_value(json_object_get(j, "b64_json"));
	size_t tn = strlen(type);
	if (tn > 14 && strcmp(type + tn - 14, ".partial_image") == 0) {
		int n = (int)s->r->cfg->openai_partial_images;
		s->partials++;
		s->r->percent = 10 + 80 * s->partials / (n + 1);
		rc = send_preview_b64(s->r, b64);
	} else if (tn > 10 && strcmp(type + tn - 10, ".completed") == 0 && b64 != NULL) {
		free(s->final_b64);
		s->final_b64 = strdup(b64);
		s->r->percent = 95;
	} else if (strcmp(type, "error") == 0 || json_is_object(json_object_get(j, "error"))) {
		json_t *e = json_object_get(j, "error");
		const char *m = json_string_value(json_object_get(e, "message"));
		const char *code = json_string_value(json_object_get(e, "code"));
		snprintf(s->error, sizeof(s->error), "%.*s", MSG_MAX,
			 m ? m : "an error event without a message");
		s->error_code_moderation = code && (strcmp(code, "moderation_blocked") == 0 ||
						    strcmp(code, "content_policy_violation") == 0);
	}
	json_decref(j);
	return rc;
}

static int oa_data(void *ctx, const char *data, size_t len)
{
	struct oa_stream *s = ctx;
	if (!s->decided) {
		size_t i = 0;
		while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r'))
			i++;
		if (i == len)
			return 0;
		s->decided = true;
		s->is_json = data[i] == '{';
	}
	if (s->is_json) {
		if (s->json_len + len > s->r->cfg->engine_max_response_bytes)
			return 1;
		char *b = realloc(s->json, s->json_len + len + 1);
		if (b == NULL)
			return 1;
		s->json = b;
		memcpy(s->json + s->json_len, data, len);
		s->json_len += len;
		s->json[s->json_len] = '\0';
		return 0;
	}
	int rc = rhttp_sse_feed(&s->sse, data, len, oa_event, s);
	if (rc < 0)
		snprintf(s->error, sizeof(s->error), "an event over %zu bytes",
			 (size_t)RHTTP_SSE_MAX);
	return rc != 0;
}

static void oa_size(const struct engine_request *rq, const struct config *cfg, char *out,
		    size_t outlen)
{
	if (strcmp(cfg->openai_size, "exact") == 0) {
		snprintf(out, outlen, "%dx%d", rq->width, rq->height);
		return;
	}
	double ratio = (double)rq->width / (double)(rq->height > 0 ? rq->height : 1);
	snprintf(out, outlen, "%s",
		 ratio > 1.2	? "1536x1024"
		 : ratio < 0.83 ? "1024x1536"
				: "1024x1024");
}

enum engine_status remote_openai_generate(const struct engine *e, const struct engine_request *rq,
					  engine_progress_fn progress, void *ctx,
					  struct engine_result *out, char *err, size_t errlen)
{
	const struct config *cfg = rq->cfg;
	struct rctx r = {.rq = rq, .cfg = cfg, .progress = progress, .pctx = ctx, .percent = 5};
	struct oa_stream s = {.r = &r};
	struct rhttp_resp resp = {0};
	json_t *body = NULL;
	char *text = NULL;
	char prompt[ENGINE_PROMPT_MAX + 512], url[600], auth[KEY_MAX + 32], size[32];
	const char *name = "the OpenAI image backend";
	enum engine_status st = ENGINE_FAILED;
	rhttp_sse_init(&s.sse, cfg->engine_max_response_bytes);
	auth[0] = '\0';
	if (prepare(&r, e->name, out, prompt, sizeof(prompt), err, errlen) != 0)
		goto out;
	if (read_key(cfg, r.key, sizeof(r.key), err, errlen) != 0)
		goto out;
	bool gpt_image = strncmp(cfg->openai_model, "gpt-image", 9) == 0;
	bool stream = gpt_image && cfg->openai_stream;
	bool edit = rq->prev_scene != NULL && rq->prev_png != NULL;
	oa_size(rq, cfg, size, sizeof(size));
	if (join_url(url, sizeof(url), cfg->openai_base_url,
		     edit ? "/v1/images/edits" : "/v1/images/generations") != 0) {
		snprintf(err, errlen, "openai_base_url is too long");
		goto out;
	}
	struct rhttp_req h;
	base_req(&r, &h, "POST", url);
	size_t nh = 0;
	if (r.key[0]) {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", r.key);
		h.headers[nh++] = auth;
	}
	char partials_s[8];
	snprintf(partials_s, sizeof(partials_s), "%u", cfg->openai_partial_images);
	struct rhttp_part parts[12];
	size_t np = 0;
	if (edit) {
		parts[np++] = (struct rhttp_part){"image", "image.png", "image/png", rq->prev_png,
						  rq->prev_png_len};
#define FIELD(n, v) parts[np++] = (struct rhttp_part){n, NULL, NULL, v, strlen(v)}
		FIELD("prompt", prompt);
		FIELD("model", cfg->openai_model);
		FIELD("n", "1");
		FIELD("size", size);
		if (gpt_image) {
			FIELD("quality", cfg->openai_quality);
			FIELD("background", cfg->openai_background);
			FIELD("output_format", cfg->openai_output_format);
		} else {
			FIELD("response_format", "b64_json");
		}
		if (stream) {
			FIELD("stream", "true");
			FIELD("partial_images", partials_s);
		}
#undef FIELD
		h.parts = parts;
		h.nparts = np;
	} else {
		body = json_pack("{s:s, s:s, s:i, s:s}", "model", cfg->openai_model, "prompt",
				 prompt, "n", 1, "size", size);
		if (body != NULL && gpt_image) {
			json_object_set_new(body, "quality", json_string(cfg->openai_quality));
			json_object_set_new(body, "background",
					    json_string(cfg->openai_background));
			json_object_set_new(body, "output_format",
					    json_string(cfg->openai_output_format));
		} else if (body != NULL) {
			json_object_set_new(body, "response_format", json_string("b64_json"));
		}
		if (body != NULL && stream) {
			json_object_set_new(body, "stream", json_true());
			json_object_set_new(body, "partial_images",
					    json_integer(cfg->openai_partial_images));
		}
		text = body ? json_dumps(body, JSON_COMPACT) : NULL;
		if (text == NULL) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		h.headers[nh++] = "Content-Type: application/json";
		h.body = text;
		h.body_len = strlen(text);
	}
	if (stream)
		h.headers[nh++] = "Accept: text/event-stream";
	h.on_data = oa_data;
	h.data_ctx = &s;
	enum rhttp_status hs = rhttp_do(&h, &resp, err, errlen);
	if (hs == RHTTP_CANCELLED) {
		st = r.cancelled ? ENGINE_CANCELLED : ENGINE_FAILED;
		if (!r.cancelled && err[0] == '\0')
			snprintf(err, errlen, "%s sent an answer too large or malformed: %s", name,
				 s.error);
		goto out;
	}
	if (hs != RHTTP_OK)
		goto out;
	if (resp.status < 200 || resp.status >= 300) {
		http_error(&r, name, &resp, err, errlen);
		goto out;
	}
	if (s.error[0]) {
		rhttp_scrub_secret(s.error, r.key);
		if (s.error_code_moderation)
			snprintf(err, errlen, "%s's moderation refused this prompt: %s", name,
				 s.error);
		else
			snprintf(err, errlen, "%s reported an error: %s", name, s.error);
		goto out;
	}
	const char *b64 = s.final_b64;
	json_t *j = NULL;
	if (b64 == NULL && s.json != NULL) {
		j = json_loads(s.json, 0, NULL);
		b64 = json_string_value(
		    json_object_get(json_array_get(json_object_get(j, "data"), 0), "b64_json"));
	}
	uint8_t *bytes = NULL;
	size_t n = 0;
	if (b64 == NULL || remote_b64_decode(b64, strlen(b64), &bytes, &n) != 0) {
		json_decref(j);
		snprintf(err, errlen, "%s answered without an image", name);
		goto out;
	}
	json_decref(j);
	st = finish_image(&r, e->name, bytes, n, cfg->openai_model, NULL, rq->seed, prompt, out,
			  err, errlen);
	free(bytes);
out:
	OPENSSL_cleanse(auth, sizeof(auth));
	OPENSSL_cleanse(r.key, sizeof(r.key));
	rhttp_resp_free(&resp);
	rhttp_sse_free(&s.sse);
	free(s.final_b64);
	free(s.json);
	free(text);
	json_decref(body);
	return fail_out(out, st);
}

/* ---- AUTOMATIC1111 / Forge ---- */

struct a1_ctx {
	struct rctx *r;
	char progress_url[600];
	char interrupt_url[600];
	char task[64];
	int64_t last_poll;
	int last_preview_id;
};

static void a1_interrupt(struct a1_ctx *a)
{
	struct rhttp_req h;
	struct rhttp_resp resp;
	char err[256];
	base_req(a->r, &h, "POST", a->interrupt_url);
	h.tick = NULL;
	h.retries = 0;
	h.timeout_ms = 5000;
	h.body = "";
	rhttp_do(&h, &resp, err, sizeof(err));
	rhttp_resp_free(&resp);
}

/* While txt2img runs: poll /internal/progress, forward percent and previews, watch for cancel. */
static int a1_tick(void *ctx)
{
	struct a1_ctx *a = ctx;
	struct rctx *r = a->r;
	if (tick_progress(r) != 0)
		goto cancel;
	if (mono_ms() - a->last_poll < (int64_t)r->cfg->a1111_progress_ms)
		return 0;
	a->last_poll = mono_ms();
	json_t *q = json_pack("{s:s, s:i, s:b}", "id_task", a->task, "id_live_preview",
			      a->last_preview_id, "live_preview", 1);
	char *text = q ? json_dumps(q, JSON_COMPACT) : NULL;
	json_decref(q);
	if (text == NULL)
		return 0;
	struct rhttp_req h;
	struct rhttp_resp resp;
	char err[256];
	json_post_req(r, &h, a->progress_url, text);
	h.tick = NULL;
	h.retries = 0;
	h.timeout_ms = 5000;
	int rc = 0;
	if (rhttp_do(&h, &resp, err, sizeof(err)) == RHTTP_OK && resp.status == 200) {
		json_t *j = json_loads(resp.body, 0, NULL);
		json_t *p = json_object_get(j, "progress");
		if (json_is_number(p)) {
			double f = json_number_value(p);
			int pct = 5 + (int)(90.0 * (f < 0 ? 0 : f > 1 ? 1 : f));
			if (pct > r->percent)
				r->percent = pct;
		}
		json_t *idp = json_object_get(j, "id_live_preview");
		const char *lp = json_string_value(json_object_get(j, "live_preview"));
		if (lp != NULL && json_is_integer(idp) &&
		    (int)json_integer_value(idp) != a->last_preview_id) {
			a->last_preview_id = (int)json_integer_value(idp);
			rc = send_preview_b64(r, lp);
		} else {
			rc = tick_progress(r);
		}
		json_decref(j);
	}
	rhttp_resp_free(&resp);
	free(text);
	if (rc == 0)
		return 0;
cancel:
	a1_interrupt(a);
	return 1;
}

enum engine_status remote_a1111_generate(const struct engine *e, const struct engine_request *rq,
					 engine_progress_fn progress, void *ctx,
					 struct engine_result *out, char *err, size_t errlen)
{
	const struct config *cfg = rq->cfg;
	struct rctx r = {.rq = rq, .cfg = cfg, .progress = progress, .pctx = ctx, .percent = 2};
	struct a1_ctx a = {.r = &r, .last_preview_id = -1};
	struct rhttp_resp resp = {0};
	json_t *body = NULL, *j = NULL, *info = NULL;
	char *text = NULL;
	char prompt[ENGINE_PROMPT_MAX + 512], url[600];
	const char *name = "the AUTOMATIC1111 backend";
	enum engine_status st = ENGINE_FAILED;
	if (prepare(&r, e->name, out, prompt, sizeof(prompt), err, errlen) != 0)
		goto out;
	char hex[HEX_LEN(8)];
	uint8_t rnd[8];
	if (random_bytes(rnd, sizeof(rnd)) != 0) {
		snprintf(err, errlen, "no random bytes for the task id");
		goto out;
	}
	hex_encode(rnd, sizeof(rnd), hex);
	snprintf(a.task, sizeof(a.task), "task(images-%s)", hex);
	if (join_url(url, sizeof(url), cfg->a1111_base_url, "/sdapi/v1/txt2img") != 0 ||
	    join_url(a.progress_url, sizeof(a.progress_url), cfg->a1111_base_url,
		     "/internal/progress") != 0 ||
	    join_url(a.interrupt_url, sizeof(a.interrupt_url), cfg->a1111_base_url,
		     "/sdapi/v1/interrupt") != 0) {
		snprintf(err, errlen, "a1111_base_url is too long");
		goto out;
	}
	body = json_pack("{s:s, s:s, s:I, s:s, s:i, s:i, s:i, s:i, s:i, s:i, s:s, s:b, s:b}",
			 "prompt", prompt, "negative_prompt", cfg->negative_prompt, "seed",
			 (json_int_t)rq->seed, "sampler_name", cfg->a1111_sampler, "steps",
			 (int)cfg->a1111_steps, "cfg_scale", (int)cfg->a1111_cfg_scale, "width",
			 rq->width, "height", rq->height, "batch_size", 1, "n_iter", 1,
			 "force_task_id", a.task, "send_images", 1, "save_images", 0);
	if (body != NULL && cfg->a1111_model[0]) {
		json_object_set_new(body, "override_settings",
				    json_pack("{s:s}", "sd_model_checkpoint", cfg->a1111_model));
		json_object_set_new(body, "override_settings_restore_afterwards", json_true());
	}
	text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	if (text == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	struct rhttp_req h;
	json_post_req(&r, &h, url, text);
	h.tick = a1_tick;
	h.tick_ctx = &a;
	a.last_poll = mono_ms();
	if (!exchange_200(&r, name, &h, &resp, &st, err, errlen))
		goto out;
	j = json_loads(resp.body, 0, NULL);
	const char *b64 = json_string_value(json_array_get(json_object_get(j, "images"), 0));
	const char *info_s = json_string_value(json_object_get(j, "info"));
	info = info_s ? json_loads(info_s, 0, NULL) : NULL;
	uint8_t *bytes = NULL;
	size_t n = 0;
	if (b64 == NULL || remote_b64_decode(b64, strlen(b64), &bytes, &n) != 0) {
		snprintf(err, errlen, "%s answered without an image", name);
		goto out;
	}
	json_t *seed_j = json_object_get(info, "seed");
	uint32_t seed = json_is_integer(seed_j) ? (uint32_t)json_integer_value(seed_j) : rq->seed;
	const char *sampler = json_string_value(json_object_get(info, "sampler_name"));
	const char *model = json_string_value(json_object_get(info, "sd_model_name"));
	st = finish_image(&r, e->name, bytes, n, model ? model : cfg->a1111_model,
			  sampler ? sampler : cfg->a1111_sampler, seed, prompt, out, err, errlen);
	free(bytes);
out:
	rhttp_resp_free(&resp);
	free(text);
	json_decref(body);
	json_decref(j);
	json_decref(info);
	return fail_out(out, st);
}

/* ---- ComfyUI ---- */

static json_t *replace_in_string(const char *s, const char *const *from, const char *const *to,
				 size_t n)
{
	char buf[8192];
	size_t o = 0;
	while (*s) {
		size_t k;
		for (k = 0; k < n; k++) {
			size_t fl = strlen(from[k]);
			if (strncmp(s, from[k], fl) == 0) {
				size_t tl = strlen(to[k]);
				if (o + tl >= sizeof(buf))
					return NULL;
				memcpy(buf + o, to[k], tl);
				o += tl;
				s += fl;
				break;
			}
		}
		if (k < n)
			continue;
		if (o + 1 >= sizeof(buf))
			return NULL;
		buf[o++] = *s++;
	}
	buf[o] = '\0';
	return json_string(buf);
}

static int fill_node(json_t *v, const char *const *from, const char *const *to, size_t n,
		     const char *const *nfrom, const json_int_t *nto, size_t nn, int *prompts,
		     int depth)
{
	if (depth > 32)
		return -1;
	if (json_is_object(v)) {
		const char *k;
		json_t *c;
		void *tmp;
		json_object_foreach_safe(v, tmp, k, c)
		{
			if (json_is_string(c)) {
				const char *s = json_string_value(c);
				bool done = false;
				for (size_t i = 0; i < nn && !done; i++) {
					if (strcmp(s, nfrom[i]) == 0) {
						json_object_set_new(v, k, json_integer(nto[i]));
						done = true;
					}
				}
				if (done)
					continue;
				if (strstr(s, "{{prompt}}") != NULL)
					(*prompts)++;
				json_t *ns = replace_in_string(s, from, to, n);
				if (ns == NULL)
					return -1;
				json_object_set_new(v, k, ns);
			} else if (fill_node(c, from, to, n, nfrom, nto, nn, prompts, depth + 1) !=
				   0) {
				return -1;
			}
		}
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *c = json_array_get(v, i);
			if (json_is_string(c))
				continue; /* node links are ["4", 0]: no placeholders there */
			if (fill_node(c, from, to, n, nfrom, nto, nn, prompts, depth + 1) != 0)
				return -1;
		}
	}
	return 0;
}

int remote_comfyui_fill(json_t *workflow, const char *prompt, const char *negative,
			const char *model, int width, int height, uint32_t seed)
{
	const char *from[] = {"{{prompt}}", "{{negative_prompt}}", "{{model}}"};
	const char *to[] = {prompt, negative, model};
	const char *nfrom[] = {"{{width}}", "{{height}}", "{{seed}}"};
	json_int_t nto[] = {width, height, (json_int_t)seed};
	int prompts = 0;
	if (!json_is_object(workflow) ||
	    fill_node(workflow, from, to, 3, nfrom, nto, 3, &prompts, 0) != 0)
		return -1;
	return prompts > 0 ? 0 : -1;
}

static void url_escape(const char *in, char *out, size_t outlen)
{
	static const char hexd[] = "0123456789ABCDEF";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && o + 4 < outlen; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hexd[*p >> 4];
			out[o++] = hexd[*p & 15];
		}
	}
	out[o] = '\0';
}

/* A best-effort POST of a JSON body to ComfyUI: once, 5 s at most, the answer ignored. */
static void comfy_post_quiet(struct rctx *r, const char *path, const char *body)
{
	char url[600], err[256];
	struct rhttp_resp resp;
	struct rhttp_req h;
	if (join_url(url, sizeof(url), r->cfg->comfyui_base_url, path) != 0)
		return;
	json_post_req(r, &h, url, body);
	h.tick = NULL;
	h.retries = 0;
	h.timeout_ms = 5000;
	rhttp_do(&h, &resp, err, sizeof(err));
	rhttp_resp_free(&resp);
}

static void comfy_cancel(struct rctx *r, const char *prompt_id)
{
	char body[128];
	snprintf(body, sizeof(body), "{\"prompt_id\":\"%s\"}", prompt_id);
	comfy_post_quiet(r, "/interrupt", body);
	snprintf(body, sizeof(body), "{\"delete\":[\"%s\"]}", prompt_id);
	comfy_post_quiet(r, "/queue", body);
}

static json_t *load_workflow(const char *path, char *err, size_t errlen)
{
	json_error_t je;
	struct stat st;
	if (stat(path, &st) != 0 || st.st_size > (off_t)WORKFLOW_MAX) {
		snprintf(err, errlen,
			 "the ComfyUI workflow template cannot be read or is over %u bytes",
			 WORKFLOW_MAX);
		return NULL;
	}
	json_t *w = json_load_file(path, 0, &je);
	if (w == NULL)
		snprintf(err, errlen,
			 "the ComfyUI workflow template is not valid JSON (line %d: %.80s)",
			 je.line, je.text);
	return w;
}

enum engine_status remote_comfyui_generate(const struct engine *e, const struct engine_request *rq,
					   engine_progress_fn progress, void *ctx,
					   struct engine_result *out, char *err, size_t errlen)
{
	const struct config *cfg = rq->cfg;
	struct rctx r = {.rq = rq, .cfg = cfg, .progress = progress, .pctx = ctx, .percent = 2};
	struct rhttp_resp resp = {0};
	struct ws_conn *ws = NULL;
	json_t *wf = NULL, *body = NULL, *hist = NULL;
	char *text = NULL;
	char prompt[ENGINE_PROMPT_MAX + 512], url[1200], client_id[UUID_LEN + 1], prompt_id[UUID_LEN + 1];
	char img_file[256] = "", img_sub[256] = "", img_type[32] = "output";
	const char *name = "the ComfyUI backend";
	enum engine_status st = ENGINE_FAILED;
	bool queued = false;
	if (prepare(&r, e->name, out, prompt, sizeof(prompt), err, errlen) != 0)
		goto out;
	if ((wf = load_workflow(cfg->comfyui_workflow, err, errlen)) == NULL)
		goto out;
	if (remote_comfyui_fill(wf, prompt, cfg->negative_prompt, cfg->comfyui_model, rq->width,
				rq->height, rq->seed) != 0) {
		snprintf(err, errlen,
			 "the ComfyUI workflow template has no {{prompt}} placeholder or a value "
			 "too long");
		goto out;
	}
	if (strncmp(cfg->comfyui_base_url, "http://", 7) != 0) {
		snprintf(err, errlen,
			 "comfyui_base_url must be an http:// URL (the websocket client speaks "
			 "ws:// only)");
		goto out;
	}
	uuid_new(client_id);
	uuid_new(prompt_id);
	/* The socket opens first, so no progress message of our prompt is missed. */
	char path[128];
	snprintf(path, sizeof(path), "/ws?clientId=%s", client_id);
	char wsurl[700];
	if (snprintf(wsurl, sizeof(wsurl), "ws://%s", cfg->comfyui_base_url + 7) >=
		(int)sizeof(wsurl) ||
	    join_url(url, sizeof(url), wsurl, path) != 0) {
		snprintf(err, errlen, "comfyui_base_url is too long");
		goto out;
	}
	/* The lease is renewed while the socket connects (tick_progress), however long that takes. */
	if ((ws = ws_connect(url, (int)cfg->engine_connect_timeout_s * 1000,
			     cfg->engine_max_response_bytes, tick_progress, &r, err, errlen)) == NULL) {
		if (r.cancelled)
			st = ENGINE_CANCELLED;
		goto out;
	}
	body = json_pack("{s:O, s:s, s:s}", "prompt", wf, "client_id", client_id, "prompt_id",
			 prompt_id);
	text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	if (text == NULL || join_url(url, sizeof(url), cfg->comfyui_base_url, "/prompt") != 0) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	struct rhttp_req h;
	json_post_req(&r, &h, url, text);
	if (!exchange_200(&r, name, &h, &resp, &st, err, errlen))
		goto out;
	queued = true;
	int64_t deadline = mono_ms() + (int64_t)cfg->engine_timeout_s * 1000;
	bool done = false;
	while (!done) {
		if (tick_progress(&r) != 0) {
			comfy_cancel(&r, prompt_id);
			st = ENGINE_CANCELLED;
			goto out;
		}
		if (mono_ms() > deadline) {
			comfy_cancel(&r, prompt_id);
			snprintf(err, errlen, "%s did not finish in time (%u s)", name,
				 cfg->engine_timeout_s);
			goto out;
		}
		int op;
		const uint8_t *data;
		size_t len;
		enum ws_result wr = ws_recv(ws, WS_SLICE_MS, &op, &data, &len);
		if (wr == WS_TIMEOUT)
			continue;
		if (wr == WS_CLOSED) {
			snprintf(err, errlen, "%s closed its websocket before the image was done",
				 name);
			goto out;
		}
		if (wr != WS_MESSAGE) {
			snprintf(err, errlen,
				 "%s's websocket broke off (connection lost or a malformed frame) "
				 "before the image was done",
				 name);
			goto out;
		}
		if (op == WS_BINARY) {
			/* 4-byte event type (1: preview image), 4-byte format (1 JPEG, 2 PNG), the
			 * image. */
			if (len > 8 && data[0] == 0 && data[1] == 0 && data[2] == 0 &&
			    data[3] == 1 && send_preview(&r, data + 8, len - 8) != 0) {
				comfy_cancel(&r, prompt_id);
				st = ENGINE_CANCELLED;
				goto out;
			}
			continue;
		}
		json_t *m = json_loadb((const char *)data, len, 0, NULL);
		const char *type = json_string_value(json_object_get(m, "type"));
		json_t *d = json_object_get(m, "data");
		const char *pid = json_string_value(json_object_get(d, "prompt_id"));
		if (type == NULL || pid == NULL || strcmp(pid, prompt_id) != 0) {
			json_decref(m);
			continue; /* status broadcasts and other clients' prompts */
		}
		if (strcmp(type, "progress") == 0) {
			json_int_t v = json_integer_value(json_object_get(d, "value"));
			json_int_t mx = json_integer_value(json_object_get(d, "max"));
			if (mx > 0 && v >= 0 && v <= mx) {
				int pct = 5 + (int)(85 * v / mx);
				if (pct > r.percent)
					r.percent = pct;
			}
		} else if (strcmp(type, "executed") == 0) {
			json_t *img = json_array_get(
			    json_object_get(json_object_get(d, "output"), "images"), 0);
			const char *fn = json_string_value(json_object_get(img, "filename"));
			if (fn != NULL) {
				snprintf(img_file, sizeof(img_file), "%s", fn);
				snprintf(img_sub, sizeof(img_sub), "%s",
					 jstr_or(img, "subfolder", ""));
				snprintf(img_type, sizeof(img_type), "%s",
					 jstr_or(img, "type", "output"));
			}
		} else if (strcmp(type, "executing") == 0 &&
			   json_is_null(json_object_get(d, "node"))) {
			done = true;
		} else if (strcmp(type, "execution_success") == 0) {
			done = true;
		} else if (strcmp(type, "execution_error") == 0) {
			const char *nt = json_string_value(json_object_get(d, "node_type"));
			const char *em = json_string_value(json_object_get(d, "exception_message"));
			snprintf(err, errlen, "%s could not run the workflow: %.60s: %.*s", name,
				 nt ? nt : "node", MSG_MAX, em ? em : "no message");
			for (char *p = err; *p; p++)
				if ((unsigned char)*p < 0x20)
					*p = ' ';
			json_decref(m);
			queued = false;
			goto out;
		} else if (strcmp(type, "execution_interrupted") == 0) {
			snprintf(err, errlen, "%s interrupted the run", name);
			json_decref(m);
			queued = false;
			goto out;
		}
		json_decref(m);
	}
	queued = false;
	r.percent = 92;
	/* The history is the record of what was made; the socket's executed message is a fallback.
	 */
	char hpath[128];
	snprintf(hpath, sizeof(hpath), "/history/%s", prompt_id);
	rhttp_resp_free(&resp);
	if (join_url(url, sizeof(url), cfg->comfyui_base_url, hpath) != 0)
		goto out;
	base_req(&r, &h, "GET", url);
	if (!exchange_200(&r, name, &h, &resp, &st, err, errlen))
		goto out;
	hist = json_loads(resp.body, 0, NULL);
	json_t *outputs = json_object_get(json_object_get(hist, prompt_id), "outputs");
	const char *nk;
	json_t *node;
	json_object_foreach(outputs, nk, node)
	{
		json_t *imgs = json_object_get(node, "images");
		for (size_t i = 0; i < json_array_size(imgs); i++) {
			json_t *img = json_array_get(imgs, i);
			const char *t = json_string_value(json_object_get(img, "type"));
			const char *fn = json_string_value(json_object_get(img, "filename"));
			if (fn != NULL && t != NULL && strcmp(t, "output") == 0) {
				snprintf(img_file, sizeof(img_file), "%s", fn);
				snprintf(img_sub, sizeof(img_sub), "%s",
					 jstr_or(img, "subfolder", ""));
				snprintf(img_type, sizeof(img_type), "%s", t);
			}
		}
	}
	if (img_file[0] == '\0') {
		snprintf(err, errlen,
			 "%s finished without an output image (does the workflow have a SaveImage "
			 "node?)",
			 name);
		goto out;
	}
	char ef[800], es[800], et[100], vpath[1800];
	url_escape(img_file, ef, sizeof(ef));
	url_escape(img_sub, es, sizeof(es));
	url_escape(img_type, et, sizeof(et));
	snprintf(vpath, sizeof(vpath), "/view?filename=%s&subfolder=%s&type=%s", ef, es, et);
	rhttp_resp_free(&resp);
	if (join_url(url, sizeof(url), cfg->comfyui_base_url, vpath) != 0) {
		snprintf(err, errlen, "the output file name is too long");
		goto out;
	}
	base_req(&r, &h, "GET", url);
	if (!exchange_200(&r, name, &h, &resp, &st, err, errlen))
		goto out;
	st = finish_image(&r, e->name, (const uint8_t *)resp.body, resp.len, cfg->comfyui_model,
			  NULL, rq->seed, prompt, out, err, errlen);
out:
	if (queued && st == ENGINE_FAILED)
		comfy_cancel(&r, prompt_id);
	ws_close(ws);
	rhttp_resp_free(&resp);
	free(text);
	json_decref(body);
	json_decref(wf);
	json_decref(hist);
	return fail_out(out, st);
}
