#include "api_openai.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api_files.h"
#include "blobstore.h"
#include "conversations.h"
#include "encode.h"
#include "files.h"
#include "image.h"
#include "jobs.h"
#include "log.h"
#include "multipart.h"
#include "ratelimit.h"
#include "render.h"
#include "textparse.h"
#include "turn_follow.h"
#include "turns.h"
#include "validate.h"

#define OA_MAX_N 4		  /* images per request, as a turn allows */
#define OA_MAX_IMAGES 16	  /* image parts an edit may send (one of them ours) */
#define OA_MAX_PARTIALS 3	  /* OpenAI's bound on partial_images */
#define OA_GALLERY_SCAN_MAX 10000 /* an edit's source is looked for among this many newest images  \
				   */
#define OA_MAX_IMAGE_BYTES (64u << 20)	/* largest stored image read back into a response */
#define OA_MAX_FIELD_BYTES (256u << 10) /* largest text field of a multipart edit */

enum oa_format { OA_PNG = 0, OA_WEBP, OA_JPEG };

/* The body as OpenAI's clients send it; validated by oa_spec before anything else. */
struct oa_body {
	struct field_str prompt, model, size, quality, background, output_format, response_format,
	    style, user, moderation, input_fidelity;
	long long n, output_compression, partial_images, seed;
	bool stream, enhance;
};

static const struct field_spec oa_spec[] = {
    {"prompt", FIELD_TEXT, true, 1, 100000, offsetof(struct oa_body, prompt)},
    {"model", FIELD_STRING, false, 0, 64, offsetof(struct oa_body, model)},
    {"n", FIELD_INT, false, 1, 10, offsetof(struct oa_body, n)}, /* OpenAI's range; more than OA_MAX_N is explained */
    {"size", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, size)},
    {"quality", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, quality)},
    {"background", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, background)},
    {"output_format", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, output_format)},
    {"output_compression", FIELD_INT, false, 0, 100, offsetof(struct oa_body, output_compression)},
    {"response_format", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, response_format)},
    {"style", FIELD_STRING, false, 1, RENDER_WORD_MAX - 1, offsetof(struct oa_body, style)},
    {"user", FIELD_STRING, false, 0, 256, offsetof(struct oa_body, user)},
    {"moderation", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, moderation)},
    {"input_fidelity", FIELD_STRING, false, 1, 15, offsetof(struct oa_body, input_fidelity)},
    {"stream", FIELD_BOOL, false, 0, 0, offsetof(struct oa_body, stream)},
    {"partial_images", FIELD_INT, false, 0, OA_MAX_PARTIALS,
     offsetof(struct oa_body, partial_images)},
    {"seed", FIELD_INT, false, 0, UINT32_MAX, offsetof(struct oa_body, seed)},
    {"enhance", FIELD_BOOL, false, 0, 0, offsetof(struct oa_body, enhance)},
};
#define OA_NSPEC (sizeof(oa_spec) / sizeof(oa_spec[0]))

/* What a request asks for, once validated. */
struct oa_params {
	const char *prompt;
	int n, width, height;
	bool size_auto;
	char size[16], quality[16], background[16], format_name[8];
	enum oa_format format;
	int compression;
	bool url, stream, edit, enhance;
	int partial_images;
	char style[RENDER_WORD_MAX];
	uint32_t seed;
};

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* Copies f (or def when absent) into out when it is one of allowed; else answers 400. */
static int one_of(struct request *req, const struct field_str *f, const char *name,
		  const char *const *allowed, const char *def, char *out, size_t outlen)
{
	const char *v = f->s != NULL ? f->s : def;
	char list[160] = "";
	size_t used = 0;
	for (size_t i = 0; allowed[i] != NULL; i++) {
		if (strcmp(v, allowed[i]) == 0) {
			snprintf(out, outlen, "%s", v);
			return 0;
		}
		int w =
		    snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", allowed[i]);
		if (w > 0 && (size_t)w < sizeof(list) - used)
			used += (size_t)w;
	}
	resp_error_param(req, 400, name, "invalid_value", "%s: must be one of %s", name, list);
	return -1;
}

/*
 * The models clients may name: this server's engine, and the OpenAI names
 * clients send by default, each drawn by the configured engine.
 */
static const char *const model_aliases[] = { "gpt-image-1", "dall-e-3", "dall-e-2", NULL };

/* OpenAI answers dall-e-2 and dall-e-3 requests with URLs unless asked otherwise; gpt-image-* with base64. */
static bool model_answers_url(const char *model)
{
	return model != NULL && (strcmp(model, "dall-e-2") == 0 || strcmp(model, "dall-e-3") == 0);
}

/* Validates the request into p; answers 400 itself and returns -1 on bad input. */
static int oa_parse(struct request *req, const json_t *body, bool edit, struct oa_params *p)
{
	static const char *const qualities[] = {"auto",	    "low", "medium", "high",
						"standard", "hd",  NULL};
	static const char *const backgrounds[] = {"auto", "opaque", "transparent", NULL};
	static const char *const formats[] = {"png", "webp", "jpeg", NULL};
	static const char *const response_formats[] = {"b64_json", "url", NULL};
	static const char *const moderations[] = {"auto", "low", NULL};
	static const char *const fidelities[] = {"low", "high", NULL};
	const struct config *cfg = &req->app->cfg;
	struct oa_body b;
	memset(&b, 0, sizeof(b));
	memset(p, 0, sizeof(*p));
	b.n = 1;
	b.output_compression = 100;
	b.seed = -1;
	b.enhance = true;
	if (validate_body(req, body, oa_spec, OA_NSPEC, &b) != 0)
		return -1;
	p->edit = edit;
	p->prompt = b.prompt.s;
	if (b.prompt.len > cfg->max_prompt_bytes) {
		resp_error_param(req, 400, "prompt", "string_above_max_length",
				 "prompt: at most %u bytes", cfg->max_prompt_bytes);
		return -1;
	}
	size_t k = 0;
	while (k < b.prompt.len && isspace((unsigned char)b.prompt.s[k]))
		k++;
	if (k == b.prompt.len) {
		resp_error_param(req, 400, "prompt", "empty_string", "prompt: empty");
		return -1;
	}
	if (b.n > OA_MAX_N) {
		resp_error_param(req, 400, "n", "invalid_value",
				 "n: this server makes at most %d images per request (OpenAI allows 10); ask again "
				 "for more, or make the same request in several calls",
				 OA_MAX_N);
		return -1;
	}
	p->n = (int)b.n;
	if (b.size.s == NULL || strcmp(b.size.s, "auto") == 0) {
		p->size_auto = true;
		p->width = p->height = 1024;
	} else if (parse_size_wxh(b.size.s, RENDER_MIN_SIDE, RENDER_MAX_SIDE, &p->width,
				  &p->height) != 0) {
		resp_error_param(
		    req, 400, "size", "invalid_value",
		    "size: expected auto or WIDTHxHEIGHT with each side %d to %d (for example "
		    "1024x1024, 1536x1024, 1024x1536)",
		    RENDER_MIN_SIDE, RENDER_MAX_SIDE);
		return -1;
	}
	char moderation[16], fidelity[16], response_format[16];
	if (one_of(req, &b.quality, "quality", qualities, "auto", p->quality, sizeof(p->quality)) !=
		0 ||
	    one_of(req, &b.background, "background", backgrounds, "auto", p->background,
		   sizeof(p->background)) != 0 ||
	    one_of(req, &b.output_format, "output_format", formats, "png", p->format_name,
		   sizeof(p->format_name)) != 0 ||
	    one_of(req, &b.response_format, "response_format", response_formats,
		   model_answers_url(b.model.s) ? "url" : "b64_json", response_format, sizeof(response_format)) != 0 ||
	    one_of(req, &b.moderation, "moderation", moderations, "auto", moderation,
		   sizeof(moderation)) != 0 ||
	    one_of(req, &b.input_fidelity, "input_fidelity", fidelities, "low", fidelity,
		   sizeof(fidelity)) != 0)
		return -1;
	if (strcmp(p->background, "transparent") == 0) {
		resp_error_param(
		    req, 400, "background", "unsupported_value",
		    "background: this server's engine draws whole scenes and makes opaque images "
		    "only; use opaque or auto");
		return -1;
	}
	/* The engine has one quality and makes opaque images: the answer says what was made. */
	if (strcmp(p->quality, "auto") == 0)
		snprintf(p->quality, sizeof(p->quality), "high");
	snprintf(p->background, sizeof(p->background), "opaque");
	p->format = strcmp(p->format_name, "webp") == 0	  ? OA_WEBP
		    : strcmp(p->format_name, "jpeg") == 0 ? OA_JPEG
							  : OA_PNG;
	p->compression = (int)b.output_compression;
	p->url = strcmp(response_format, "url") == 0;
	if (p->url && p->format != OA_PNG) {
		resp_error_param(
		    req, 400, "response_format", "unsupported_value",
		    "response_format: url links to the stored PNG; ask for output_format png, or "
		    "for response_format b64_json to get %s",
		    p->format_name);
		return -1;
	}
	if (b.style.s != NULL && strcmp(b.style.s, "vivid") != 0 &&
	    strcmp(b.style.s, "natural") != 0) {
		if (render_style_find(b.style.s) == NULL) {
			resp_error_param(
			    req, 400, "style", "invalid_value",
			    "style: '%s' is not vivid, natural or a preset of this server (GET "
			    "/backend-api/images/styles lists them)",
			    b.style.s);
			return -1;
		}
		snprintf(p->style, sizeof(p->style), "%s", b.style.s);
	}
	p->stream = b.stream;
	p->partial_images = p->stream ? (int)b.partial_images : 0;
	p->enhance = b.enhance;
	if (b.seed >= 0) {
		p->seed = (uint32_t)b.seed;
	} else {
		uint8_t r[4];
		if (random_bytes(r, sizeof(r)) != 0) {
			resp_error(req, 500, "no random bytes for a seed");
			return -1;
		}
		p->seed =
		    ((uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3]) &
		    0x7fffffff;
	}
	return 0;
}

/* Counts a request against the caller's per-minute allowance; answers 429 itself. */
static int oa_rate_check(struct request *req)
{
	unsigned limit = req->app->cfg.openai_per_minute;
	int64_t retry = 0;
	/* A store error does not refuse the request: the limit is a fairness measure, not access control. */
	if (ratelimit_per_minute(req->app->store, "openai", req->user.id, limit, (int64_t)time(NULL), &retry) !=
	    STORE_EXISTS)
		return 0;
	resp_header(req, "Retry-After", "%lld", (long long)retry);
	resp_error_param(req, 429, NULL, "rate_limit_exceeded", "too many image requests: at most %u a minute; retry in %lld s",
			 limit, (long long)retry);
	return -1;
}

/* "http://host:port" as the client addressed us, for absolute URLs; NULL for an unusable Host. */
static const char *request_origin(struct request *req)
{
	const char *host = req_header(req, "Host");
	if (host == NULL || host[0] == '\0' || strlen(host) > 255)
		return NULL;
	for (const char *c = host; *c; c++)
		if (!isalnum((unsigned char)*c) && strchr(".-:[]", *c) == NULL)
			return NULL;
	const char *scheme = req_param(req, "REQUEST_SCHEME");
	const char *https = req_param(req, "HTTPS");
	bool tls = (scheme != NULL && strcasecmp(scheme, "https") == 0) ||
		   (https != NULL && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0));
	return arena_printf(req->arena, "%s://%s", tls ? "https" : "http", host);
}

/* ---- base64 and image bytes ---- */

/* Standard base64 (with padding) of in; malloc'd, NUL-terminated, or NULL. */
static char *b64_std(const uint8_t *in, size_t n)
{
	if (n > INT_MAX / 2)
		return NULL;
	char *out = malloc(B64_LEN(n));
	if (out != NULL)
		b64_encode(in, n, out);
	return out;
}

/* Reads a blob whole into malloc'd memory. 0 or -1. */
static int read_blob(const struct app *app, const char *hash, uint8_t **out, size_t *outlen)
{
	char path[PATH_MAX];
	if (blob_path(app->blobs_dir, hash, path, sizeof(path)) != 0)
		return -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = -1;
	uint8_t *buf = NULL;
	struct stat st;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || (uint64_t)st.st_size > OA_MAX_IMAGE_BYTES)
		goto out;
	buf = malloc((size_t)st.st_size);
	if (buf == NULL)
		goto out;
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			goto out;
		got += (size_t)r;
	}
	*out = buf;
	*outlen = got;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	close(fd);
	return rc;
}

/*
 * Base64 of the image bytes in the asked format: PNG as stored (with its
 * metadata), WebP and JPEG encoded from the decoded pixels at
 * output_compression. malloc'd, or NULL.
 */
static char *image_b64(const struct request *req, const struct oa_params *p, const uint8_t *bytes,
		       size_t len, const char *mime)
{
	if ((p->format == OA_PNG && strcmp(mime, "image/png") == 0) ||
	    (p->format == OA_WEBP && strcmp(mime, "image/webp") == 0))
		return b64_std(bytes, len);
	struct image_rgba img;
	if (image_decode(bytes, len, mime, req->app->cfg.max_image_side, &img) != IMAGE_OK)
		return NULL;
	uint8_t *enc = NULL;
	size_t elen = 0;
	unsigned tw, th;
	enum image_err ie;
	if (p->format == OA_WEBP)
		ie = image_thumbnail_webp(&img, img.width > img.height ? img.width : img.height,
					  p->compression, &enc, &elen, &tw, &th);
	else if (p->format == OA_JPEG)
		ie = image_encode_jpeg(&img, p->compression, &enc, &elen);
	else
		ie = image_encode_png(&img, &enc, &elen);
	image_rgba_free(&img);
	if (ie != IMAGE_OK)
		return NULL;
	char *b64 = b64_std(enc, elen);
	image_bytes_free(enc);
	return b64;
}

/* ---- following the turn ---- */

struct oa_follow {
	struct follower f;
	const struct oa_params *p;
	json_t *pending; /* b64 WebP previews read but not yet sent */
	int partials;	 /* previews sent */
	int64_t deadline_ms;
};

/* Keeps the previews (b64 WebP) of the partial_images deltas for after_pass to send. */
static enum follow_step oa_on_event(struct follower *fl, const char *event, const char *data)
{
	struct oa_follow *f = fl->arg;
	if (f->p->partial_images <= 0 || event == NULL || strcmp(event, "delta") != 0 ||
	    strstr(data, "\"/message/metadata/partial_images\"") == NULL)
		return FOLLOW_ON;
	json_t *d = json_loads(data, 0, NULL);
	if (d != NULL && strcmp(jstr(d, "p"), "/message/metadata/partial_images") == 0 &&
	    strcmp(jstr(d, "o"), "append") == 0) {
		const char *b64 = jstr(json_object_get(d, "v"), "b64_webp");
		if (b64[0])
			json_array_append_new(f->pending, json_string(b64));
	}
	json_decref(d);
	return FOLLOW_ON;
}

static json_t *oa_event_base(const struct oa_params *p, const char *type)
{
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "type", type, "created_at",
			 (json_int_t)time(NULL), "size", p->size, "quality", p->quality,
			 "background", p->background, "output_format", p->format_name);
}

/* Sends one SSE event whose data is obj (stolen). 0, or -1 when the client left. */
static int oa_send(struct request *req, const char *event, json_t *obj)
{
	char *text = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
	json_decref(obj);
	if (text == NULL)
		return 0;
	int rc = sse_send(req, event, text);
	free(text);
	return rc;
}

/* Sends the previews read so far as partial_image events, up to partial_images per image. */
static int oa_send_partials(struct request *req, const struct oa_params *p, json_t *pending,
			    int *sent)
{
	size_t i;
	json_t *v;
	const char *event = p->edit ? "image_edit.partial_image" : "image_generation.partial_image";
	json_array_foreach(pending, i, v)
	{
		if (*sent >= p->partial_images * p->n)
			break;
		uint8_t *webp;
		size_t wlen;
		if (b64_decode(json_string_value(v), strlen(json_string_value(v)), &webp, &wlen) != 0)
			continue;
		char *b64 = image_b64(req, p, webp, wlen, "image/webp");
		free(webp);
		if (b64 == NULL)
			continue;
		json_t *ev = oa_event_base(p, event);
		json_object_set_new(ev, "b64_json", json_string(b64));
		json_object_set_new(ev, "partial_image_index", json_integer(*sent));
		free(b64);
		(*sent)++;
		if (oa_send(req, event, ev) != 0)
			return -1;
	}
	json_array_clear(pending);
	return 0;
}

/* After each pass: the previews read so far go out; past the deadline, the follower stops. */
static enum follow_step oa_after_pass(struct follower *fl)
{
	struct oa_follow *f = fl->arg;
	enum follow_step step = FOLLOW_ON;
	if (json_array_size(f->pending) > 0) {
		if (oa_send_partials(fl->req, f->p, f->pending, &f->partials) != 0)
			return FOLLOW_GONE;
		step = FOLLOW_SENT;
	}
	return !fl->done && now_ms() > f->deadline_ms ? FOLLOW_STOP : step;
}

/* ---- the result ---- */

struct oa_result {
	const char *conv, *tool;
	json_t *parts;
	char status[32];
	char state[16];
	char error[512];
};

static int oa_result_txn(struct store_txn *txn, void *arg)
{
	struct oa_result *r = arg;
	json_t *node;
	int rc = msg_get(txn, r->conv, r->tool, &node);
	if (rc != STORE_OK)
		return rc;
	json_t *m = json_object_get(node, "message");
	json_t *meta = json_object_get(m, "metadata");
	snprintf(r->status, sizeof(r->status), "%s", jstr(m, "status"));
	snprintf(r->state, sizeof(r->state), "%s",
		 jstr(json_object_get(meta, "image_gen_progress"), "state"));
	snprintf(r->error, sizeof(r->error), "%s", jstr(meta, "error"));
	r->parts = json_deep_copy(json_object_get(json_object_get(m, "content"), "parts"));
	json_decref(node);
	return r->parts != NULL ? STORE_OK : STORE_ERROR;
}

static int count_words(const char *s)
{
	int n = 0;
	bool in = false;
	for (; *s; s++) {
		bool space = isspace((unsigned char)*s);
		if (!space && !in)
			n++;
		in = !space;
	}
	return n;
}

/*
 * The built-in engine has no tokens. Usage counts what it did take and give:
 * the prompt's words as text tokens, one token per input image and one per
 * image made.
 */
static json_t *oa_usage(const struct oa_params *p, int images)
{
	int words = count_words(p->prompt), in_images = p->edit ? 1 : 0;
	return json_pack("{s:i, s:i, s:i, s:{s:i, s:i}}", "input_tokens", words + in_images,
			 "output_tokens", images, "total_tokens", words + in_images + images,
			 "input_tokens_details", "text_tokens", words, "image_tokens", in_images);
}

/* One data[] item for the image part: its URL or its bytes, and the prompt it was made from. */
static json_t *oa_item(struct request *req, const struct oa_params *p, const json_t *part,
		       const char *origin)
{
	const char *pointer = jstr(part, "asset_pointer");
	const char *prefix = "sediment://";
	if (strncmp(pointer, prefix, strlen(prefix)) != 0 ||
	    !file_id_valid(pointer + strlen(prefix)))
		return NULL;
	struct file_record rec;
	if (file_get(req->app->store, pointer + strlen(prefix), &rec) != STORE_OK ||
	    strcmp(rec.owner, req->user.id) != 0)
		return NULL;
	const char *revised =
	    jstr(json_object_get(json_object_get(part, "metadata"), "dalle"), "prompt");
	if (p->url) {
		char url[512];
		if (files_signed_url(req->app, &rec, false, ESTUARY_INLINE, (int64_t)time(NULL),
				     url, sizeof(url), NULL) < 0)
			return NULL;
		return json_pack("{s:s+, s:s}", "url", origin, url, "revised_prompt", revised);
	}
	uint8_t *bytes;
	size_t len;
	if (read_blob(req->app, rec.hash, &bytes, &len) != 0)
		return NULL;
	char *b64 = image_b64(req, p, bytes, len, rec.mime);
	free(bytes);
	if (b64 == NULL)
		return NULL;
	json_t *item = json_pack("{s:s, s:s}", "b64_json", b64, "revised_prompt", revised);
	free(b64);
	return item;
}

/* Answers an error as JSON, or as an SSE error event once the stream has started. */
static void oa_fail(struct request *req, const struct oa_params *p, int status, const char *code,
		    const char *msg)
{
	if (!p->stream || !req->answered) {
		resp_error_param(req, status, NULL, code, "%s", msg);
		return;
	}
	oa_send(req, "error",
		json_pack("{s:s, s:{s:s, s:s, s:n, s:s?}}", "type", "error", "error", "message",
			  msg, "type", status >= 500 ? "server_error" : "invalid_request_error",
			  "param", "code", code));
}

/* Starts the turn, waits for it (streaming previews when asked) and answers with its images. */
static void oa_run(struct request *req, const struct oa_params *p,
		   const struct turn_image_request *ti)
{
	const char *origin = NULL;
	if (p->url && !p->stream && (origin = request_origin(req)) == NULL) {
		resp_error_param(
		    req, 400, NULL, "invalid_host",
		    "response_format url needs a usable Host header to build the link");
		return;
	}
	struct turn_started ts;
	int rc = turns_start_image(req, ti, &ts);
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot start the image");
		return;
	}
	if (ts.status != 0) {
		if (ts.retry_after > 0)
			resp_header(req, "Retry-After", "%lld", (long long)ts.retry_after);
		resp_error_param(req, ts.status, NULL,
				 ts.status == 429 ? "rate_limit_exceeded" : NULL, "%s", ts.detail);
		return;
	}
	resp_header(req, "X-Images-Conversation-Id", "%s", ts.conv_id);
	if (p->stream && sse_start(req) != 0)
		return;
	struct oa_follow f = { .f = { .req = req, .conv_id = ts.conv_id, .turn = ts.turn, .ping = p->stream,
				      .on_event = oa_on_event, .after_pass = oa_after_pass },
			       .p = p, .pending = json_array(),
			       .deadline_ms = now_ms() + (int64_t)req->app->cfg.openai_wait_s * 1000 };
	f.f.arg = &f;
	follow_events(&f.f);
	json_decref(f.pending);
	bool gone = f.f.gone;
	if (gone)
		return; /* the job goes on: its image still lands in the conversation and the
			   gallery */
	if (!f.f.done) {
		char msg[256];
		snprintf(msg, sizeof(msg),
			 "the image is not ready after %u s; it will appear in conversation %s and "
			 "in the "
			 "gallery when it is",
			 req->app->cfg.openai_wait_s, ts.conv_id);
		oa_fail(req, p, 504, "timeout", msg);
		return;
	}
	struct oa_result r = {.conv = ts.conv_id, .tool = ts.tool_id};
	rc = store_view(req->app->store, oa_result_txn, &r);
	if (rc != STORE_OK) {
		oa_fail(req, p, 500, "server_error", "cannot read the finished turn");
		return;
	}
	if (strcmp(r.status, "finished_successfully") != 0) {
		char msg[600];
		snprintf(msg, sizeof(msg), "the image could not be made: %s",
			 r.error[0] ? r.error : "unknown error");
		bool cancelled = strcmp(r.state, "cancelled") == 0;
		oa_fail(req, p, cancelled ? 409 : 500,
			cancelled ? "cancelled" : "generation_failed", msg);
		json_decref(r.parts);
		return;
	}
	json_t *data = json_array();
	size_t i;
	json_t *part;
	json_array_foreach(r.parts, i, part)
	{
		if (strcmp(jstr(part, "content_type"), "image_asset_pointer") != 0)
			continue;
		json_t *item = oa_item(req, p, part, origin);
		if (item == NULL) {
			json_decref(data);
			json_decref(r.parts);
			oa_fail(req, p, 500, "server_error",
				"a finished image could not be read back");
			return;
		}
		json_array_append_new(data, item);
	}
	json_decref(r.parts);
	int images = (int)json_array_size(data);
	if (p->stream) {
		const char *event = p->edit ? "image_edit.completed" : "image_generation.completed";
		json_array_foreach(data, i, part)
		{
			json_t *ev = oa_event_base(p, event);
			json_object_set(ev, "b64_json", json_object_get(part, "b64_json"));
			json_object_set_new(ev, "usage", oa_usage(p, images));
			if (oa_send(req, event, ev) != 0)
				break;
		}
		json_decref(data);
		return;
	}
	resp_json(req, 200,
		  json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:o, s:s}", "created",
			    (json_int_t)time(NULL), "data", data, "background", p->background,
			    "output_format", p->format_name, "quality", p->quality, "size", p->size,
			    "usage", oa_usage(p, images), "conversation_id", ts.conv_id));
}

static void oa_turn_request(const struct oa_params *p, struct turn_image_request *ti)
{
	memset(ti, 0, sizeof(*ti));
	ti->prompt = p->prompt;
	ti->style = p->style;
	ti->width = p->width;
	ti->height = p->height;
	ti->n = p->n;
	ti->seed = p->seed;
	ti->enhance = p->enhance;
}

void api_openai_generations(struct request *req)
{
	if (oa_rate_check(req) != 0)
		return;
	json_t *body;
	if (req_json(req, &body) != 0)
		return;
	struct oa_params p;
	if (oa_parse(req, body, false, &p) != 0)
		goto out;
	snprintf(p.size, sizeof(p.size), "%dx%d", p.width, p.height);
	struct turn_image_request ti;
	oa_turn_request(&p, &ti);
	oa_run(req, &p, &ti);
out:
	json_decref(body);
}

/* ---- edits ---- */

struct oa_source {
	const char *user;
	char hash[65];
	char conv_id[64], message_id[64], parent_id[64], user_message_id[64];
	int width, height;
	unsigned scanned;
	bool found;
};

static int oa_source_each(const struct store_val *key, const struct store_val *val, void *arg)
{
	(void)key;
	struct oa_source *s = arg;
	if (++s->scanned > OA_GALLERY_SCAN_MAX)
		return STORE_STOP;
	if (memmem(val->data, val->len, s->hash, 64) == NULL)
		return STORE_OK;
	json_t *card = json_loadb(val->data, val->len, 0, NULL);
	if (card != NULL && strcmp(jstr(card, "hash"), s->hash) == 0) {
		snprintf(s->conv_id, sizeof(s->conv_id), "%s", jstr(card, "conversation_id"));
		snprintf(s->message_id, sizeof(s->message_id), "%s", jstr(card, "message_id"));
		s->width = (int)json_integer_value(json_object_get(card, "width"));
		s->height = (int)json_integer_value(json_object_get(card, "height"));
		s->found = s->conv_id[0] != '\0' && s->message_id[0] != '\0';
	}
	json_decref(card);
	return s->found ? STORE_STOP : STORE_OK;
}

/*
 * Finds the user's generated image with these bytes (newest first) and the
 * node an edit continues: the message after its tool message (the "Image
 * created" text), so the edit follows the conversation as a follow-up does.
 */
static int oa_source_txn(struct store_txn *txn, void *arg)
{
	struct oa_source *s = arg;
	struct store_key k;
	store_key_init(&k);
	store_key_str(&k, s->user);
	if (k.overflow)
		return STORE_ERROR;
	int rc = store_scan(txn, DB_GALLERY, k.b, k.len, NULL, 0, false, true, oa_source_each, s);
	if (rc != STORE_OK || !s->found)
		return rc;
	json_t *node;
	snprintf(s->parent_id, sizeof(s->parent_id), "%s", s->message_id);
	if (msg_get(txn, s->conv_id, s->message_id, &node) == STORE_OK) {
		/* The tool message's parent: the user message a variation makes again. */
		snprintf(s->user_message_id, sizeof(s->user_message_id), "%s", jstr(node, "parent"));
		json_t *children = json_object_get(node, "children");
		size_t n = json_array_size(children);
		if (n > 0 && json_is_string(json_array_get(children, n - 1)))
			snprintf(s->parent_id, sizeof(s->parent_id), "%s",
				 json_string_value(json_array_get(children, n - 1)));
		json_decref(node);
	}
	return STORE_OK;
}

/* How a multipart text field becomes JSON, so edits share the generations' validation table. */
static int oa_field_to_json(struct request *req, const struct field_spec *f, const char *d,
			    size_t len, json_t *obj)
{
	if (len > OA_MAX_FIELD_BYTES) {
		resp_error_param(req, 400, f->name, "string_above_max_length", "%s: too long",
				 f->name);
		return -1;
	}
	json_t *v = NULL;
	if (f->type == FIELD_INT) {
		unsigned long long x;
		if (parse_ull(d, len, 0, (unsigned long long)f->max, &x) != 0) {
			resp_error_param(req, 400, f->name, "invalid_value",
					 "%s: expected a whole number from %lld to %lld", f->name,
					 f->min, f->max);
			return -1;
		}
		v = json_integer((json_int_t)x);
	} else if (f->type == FIELD_BOOL) {
		if (len == 4 && memcmp(d, "true", 4) == 0)
			v = json_true();
		else if (len == 5 && memcmp(d, "false", 5) == 0)
			v = json_false();
		else {
			resp_error_param(req, 400, f->name, "invalid_value",
					 "%s: expected true or false", f->name);
			return -1;
		}
	} else {
		v = json_stringn(d, len);
		if (v == NULL) {
			resp_error_param(req, 400, f->name, "invalid_value", "%s: not valid UTF-8",
					 f->name);
			return -1;
		}
	}
	json_object_set_new(obj, f->name, v);
	return 0;
}

/*
 * The image parts of a multipart body ("image" and every "image[]"), in order,
 * into imgs/lens (at most OA_MAX_IMAGES kept; the count can say more). -1 when
 * the body is malformed.
 */
static int oa_image_parts(const char *body, size_t blen, const char *boundary, const char **imgs, size_t *lens)
{
	static const char *const names[2] = { "image", "image[]" };
	int n = 0;
	for (int f = 0; f < 2; f++) {
		const char *cur = body;
		size_t rem = blen;
		for (int guard = 0; guard <= OA_MAX_IMAGES; guard++) {
			const char *d;
			size_t len;
			char fname[256];
			int rc = multipart_find(cur, rem, boundary, names[f], &d, &len, fname, sizeof(fname));
			if (rc < 0)
				return -1;
			if (rc > 0)
				break;
			if (n < OA_MAX_IMAGES) {
				imgs[n] = d;
				lens[n] = len;
			}
			n++;
			/* Past this part's data and its CRLF: the next delimiter starts there. */
			cur = d + len + 2;
			if (cur > body + blen)
				break;
			rem = blen - (size_t)(cur - body);
		}
	}
	return n;
}

/*
 * /v1/images/edits and /v1/images/variations: both take one image this server
 * made for the caller and continue its conversation — an edit with the
 * prompt's words, a variation by making the same request again (a new seed).
 */
static void oa_from_image(struct request *req, bool variation)
{
	const struct config *cfg = &req->app->cfg;
	json_t *fields = NULL;
	if (oa_rate_check(req) != 0)
		return;
	char boundary[80];
	const char *ct = req_param(req, "CONTENT_TYPE");
	if (ct == NULL || multipart_boundary(ct, boundary, sizeof(boundary)) != 0) {
		resp_error(req, 415,
			   "Content-Type must be multipart/form-data with a boundary (fields: "
			   "image, prompt, ...)");
		return;
	}
	char *body;
	size_t blen;
	if (req_body(req, cfg->max_upload_bytes + OA_MAX_FIELD_BYTES, &body, &blen) != 0)
		return;
	fields = json_object();
	for (size_t i = 0; i < OA_NSPEC; i++) {
		const char *d;
		size_t len;
		char fname[256];
		int rc = multipart_find(body, blen, boundary, oa_spec[i].name, &d, &len, fname,
					sizeof(fname));
		if (rc < 0) {
			resp_error(req, 400, "malformed multipart body");
			goto out;
		}
		if (rc == 0 && oa_field_to_json(req, &oa_spec[i], d, len, fields) != 0)
			goto out;
	}
	/* A variation has no prompt: it asks again for what the image's conversation asked. */
	if (variation)
		json_object_set_new(fields, "prompt", json_string("variation"));
	struct oa_params p;
	if (oa_parse(req, fields, !variation, &p) != 0)
		goto out;
	/* Every image part: "image", or "image[]" as often as the client sends it (Open WebUI sends
	 * every image of the chat). The last one this server made for the caller is the one used. */
	const char *imgs[OA_MAX_IMAGES];
	size_t lens[OA_MAX_IMAGES];
	int nimg = oa_image_parts(body, blen, boundary, imgs, lens);
	if (nimg < 0) {
		resp_error(req, 400, "malformed multipart body");
		goto out;
	}
	if (nimg == 0) {
		resp_error_param(req, 400, "image", "missing_required_parameter",
				 "image: required");
		goto out;
	}
	if (nimg > OA_MAX_IMAGES) {
		resp_error_param(req, 400, "image", "unsupported_value", "image: at most %d images", OA_MAX_IMAGES);
		goto out;
	}
	{
		const char *md;
		size_t mlen;
		char fname[256];
		if (multipart_find(body, blen, boundary, "mask", &md, &mlen, fname,
				   sizeof(fname)) == 0) {
			resp_error_param(
			    req, 400, "mask", "unsupported_value",
			    "mask: this server's engine cannot repaint a masked region; send the "
			    "image "
			    "and say what to change in the prompt (\"make the cube red\")");
			goto out;
		}
	}
	struct oa_source src = {.user = req->user.id};
	int usable = 0;
	for (int i = 0; i < nimg && !src.found; i++) {
		int k = nimg - 1 - i; /* the last sent first */
		char mime[32];
		if (lens[k] == 0 || image_sniff(imgs[k], lens[k], mime, sizeof(mime)) != 0 || image_extension(mime) == NULL)
			continue;
		usable++;
		uint8_t digest[32];
		sha256(imgs[k], lens[k], digest);
		hex_encode(digest, 32, src.hash);
		src.scanned = 0;
		int rc = store_view(req->app->store, oa_source_txn, &src);
		if (rc != STORE_OK) {
			resp_store_error(req, rc, "cannot look the image up");
			goto out;
		}
	}
	if (usable == 0) {
		if (nimg == 1 && lens[0] == 0)
			resp_error_param(req, 400, "image", "invalid_value", "image: empty file");
		else
			resp_error_param(req, 400, "image", "invalid_image_format",
					 "image: not a PNG, JPEG or WebP image");
		goto out;
	}
	if (!src.found && variation) {
		resp_error_param(req, 400, "image", "image_not_editable",
				 "image: this server's engine makes variations only of images it made for you: send "
				 "back, unchanged, a PNG that /v1/images returned");
		goto out;
	}
	if (!src.found) {
		resp_error_param(
		    req, 400, "image", "image_not_editable",
		    "image: this server's engine edits only images it made for you: send back, "
		    "unchanged, a PNG that /v1/images/generations or /v1/images/edits returned, "
		    "and say "
		    "what to change in the prompt. It draws scenes from words and cannot repaint "
		    "an "
		    "arbitrary picture; describe it to /v1/images/generations instead");
		goto out;
	}
	if (p.size_auto && src.width >= RENDER_MIN_SIDE && src.width <= RENDER_MAX_SIDE &&
	    src.height >= RENDER_MIN_SIDE && src.height <= RENDER_MAX_SIDE) {
		p.width = src.width;
		p.height = src.height;
	}
	snprintf(p.size, sizeof(p.size), "%dx%d", p.width, p.height);
	struct turn_image_request ti;
	oa_turn_request(&p, &ti);
	ti.conv_id = src.conv_id;
	ti.parent_id = variation ? src.user_message_id : src.parent_id;
	ti.variant = variation;
	oa_run(req, &p, &ti);
out:
	json_decref(fields);
}

void api_openai_edits(struct request *req)
{
	oa_from_image(req, false);
}

void api_openai_variations(struct request *req)
{
	oa_from_image(req, true);
}

/* ---- models ---- */

/* When this build was made (the worker binary's time): the models' "created". */
static int64_t models_created(void)
{
	struct stat st;
	return stat("/proc/self/exe", &st) == 0 ? (int64_t)st.st_mtime : 0;
}

static json_t *model_json(const char *id, int64_t created)
{
	return json_pack("{s:s, s:s, s:I, s:s}", "id", id, "object", "model", "created", (json_int_t)created, "owned_by",
			 "images");
}

void api_openai_models(struct request *req)
{
	int64_t created = models_created();
	json_t *data = json_array();
	json_array_append_new(data, model_json(req->app->cfg.engine, created));
	for (int i = 0; model_aliases[i] != NULL; i++)
		json_array_append_new(data, model_json(model_aliases[i], created));
	resp_json(req, 200, json_pack("{s:s, s:o}", "object", "list", "data", data));
}

void api_openai_model(struct request *req)
{
	const char *id = req->captures[0];
	bool known = strcmp(id, req->app->cfg.engine) == 0;
	for (int i = 0; !known && model_aliases[i] != NULL; i++)
		known = strcmp(id, model_aliases[i]) == 0;
	if (!known) {
		resp_error_param(req, 404, "model", "model_not_found", "The model '%s' does not exist", id);
		return;
	}
	resp_json(req, 200, model_json(id, models_created()));
}
