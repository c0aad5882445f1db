#include "api_files.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "blobstore.h"
#include "encode.h"
#include "gallery.h"
#include "image.h"
#include "log.h"
#include "multipart.h"
#include "offload.h"
#include "ratelimit.h"
#include "textparse.h"

#define THUMB_QUALITY 80

int files_signed_url(const struct app *app, const struct file_record *rec, bool thumbnail,
		     enum estuary_policy policy, int64_t now, char *out, size_t outlen,
		     int64_t *expires)
{
	struct estuary_link l;
	memset(&l, 0, sizeof(l));
	memcpy(l.cid.hash, thumbnail ? rec->thumb_hash : rec->hash, 65);
	memcpy(l.cid.file_id, rec->id, sizeof(l.cid.file_id));
	l.cid.thumbnail = thumbnail;
	int64_t bucket = app->cfg.estuary_bucket_s;
	l.ts = now - now % bucket;
	l.ma = app->cfg.estuary_max_age_s;
	/* A bucket longer than the lifetime would hand out dead links. */
	if (l.ma <= now - l.ts)
		l.ts = now;
	l.policy = policy;
	if (expires != NULL)
		*expires = l.ts + l.ma;
	return estuary_url(app->keys, &l, out, outlen);
}

static void answer_file_error(struct request *req, int status, const char *code, const char *msg)
{
	resp_json(req, status, json_pack("{s:s, s:s, s:s, s:s}", "detail", msg, "status", "error",
					 "error_code", code, "error_message", msg));
}

/* The HTTP status of a decoding failure. */
static int image_status(enum image_err e)
{
	switch (e) {
	case IMAGE_NOMEM: return 503;
	case IMAGE_ERROR: return 500;
	case IMAGE_TOO_SLOW: return 413;
	case IMAGE_UNSUPPORTED: return 415;
	default: return 400;
	}
}

/* An upload's decoding and thumbnail, run by offload_run() off the request thread. */
struct decoding {
	const char *data;
	size_t len;
	const char *mime;
	unsigned max_side, thumb_side;
	enum image_err err;
	uint8_t *thumb;
	size_t tlen;
	unsigned width, height, thumb_width, thumb_height;
	bool thumb_failed;
};

static void decode_upload(void *arg)
{
	struct decoding *d = arg;
	struct image_rgba img;
	d->err = image_decode(d->data, d->len, d->mime, d->max_side, &img);
	if (d->err != IMAGE_OK)
		return;
	d->width = img.width;
	d->height = img.height;
	d->err = image_thumbnail_webp(&img, d->thumb_side, THUMB_QUALITY, &d->thumb, &d->tlen, &d->thumb_width,
				      &d->thumb_height);
	d->thumb_failed = d->err != IMAGE_OK;
	image_rgba_free(&img);
}

/* Counts an upload against the user's per-minute allowance; 0, or the 429 was answered. */
static int upload_rate_check(struct request *req)
{
	unsigned limit = req->app->cfg.uploads_per_minute;
	int64_t retry = 0;
	/* A store error does not refuse: the limit is for fairness, not access. */
	if (ratelimit_per_minute(req->app->store, "upload", req->user.id, limit, (int64_t)time(NULL), &retry) !=
	    STORE_EXISTS)
		return 0;
	resp_header(req, "Retry-After", "%lld", (long long)retry);
	resp_error(req, 429, "too many uploads: at most %u a minute; retry in %lld s", limit, (long long)retry);
	return -1;
}

/* 0 when the user has room for one more file of bytes; else the 507 was answered. */
static int quota_check(struct request *req, int64_t bytes)
{
	struct file_quota q = file_quota_of(&req->app->cfg);
	struct file_usage u;
	if (file_usage_get(req->app->store, req->user.id, &u) != STORE_OK || !file_quota_full(&q, &u, bytes))
		return 0;
	char used[160];
	file_usage_describe(&q, &u, used, sizeof(used));
	resp_error(req, 507, "your storage is full (%s): delete images or uploads to make room", used);
	return -1;
}

void api_files_upload(struct request *req)
{
	const struct config *cfg = &req->app->cfg;
	char *body;
	size_t blen;
	if (upload_rate_check(req) != 0)
		return;
	if (req_body(req, cfg->max_upload_bytes, &body, &blen) != 0)
		return;
	const char *data = body;
	size_t len = blen;
	char given_name[256] = "";
	char boundary[80];
	const char *ct = req_param(req, "CONTENT_TYPE");
	if (ct != NULL && strncasecmp(ct, "multipart/", 10) == 0) {
		if (multipart_boundary(ct, boundary, sizeof(boundary)) != 0) {
			resp_error(req, 400, "multipart body without a usable boundary");
			return;
		}
		int rc = multipart_find(body, blen, boundary, "file", &data, &len, given_name,
					sizeof(given_name));
		if (rc != 0) {
			resp_error(req, 400, rc > 0 ? "multipart body has no \"file\" field"
						    : "malformed multipart body");
			return;
		}
	} else {
		const char *q;
		if (req_query(req, "name", &q) == 1)
			snprintf(given_name, sizeof(given_name), "%s", q);
	}
	if (len == 0) {
		resp_error(req, 400, "empty file");
		return;
	}
	char mime[32];
	if (image_sniff(data, len, mime, sizeof(mime)) != 0) {
		resp_error(req, 500, "cannot determine the file type");
		return;
	}
	const char *ext = image_extension(mime);
	if (ext == NULL) {
		resp_error(req, 415, "%s is not accepted: upload a PNG, JPEG or WebP image", mime);
		return;
	}
	if (quota_check(req, (int64_t)len) != 0)
		return;
	struct file_record rec;
	memset(&rec, 0, sizeof(rec));
	struct decoding d = { .data = data, .len = len, .mime = mime, .max_side = cfg->max_image_side,
			      .thumb_side = cfg->thumbnail_side };
	switch (offload_run(req->user.id, decode_upload, &d)) {
	case OFFLOAD_RAN: break;
	case OFFLOAD_USER_BUSY:
		resp_header(req, "Retry-After", "1");
		resp_error(req, 429, "another upload of yours is still being decoded: send the next when it is done");
		return;
	case OFFLOAD_FULL:
		resp_header(req, "Retry-After", "1");
		resp_error(req, 503, "every upload slot is busy: try again in a moment");
		return;
	case OFFLOAD_ERROR: resp_error(req, 500, "cannot start decoding"); return;
	}
	enum image_err ie = d.err;
	if (ie != IMAGE_OK) {
		image_bytes_free(d.thumb);
		if (ie == IMAGE_TOO_LARGE)
			resp_error(req, 400, "the image is larger than %u x %u pixels", cfg->max_image_side,
				   cfg->max_image_side);
		else if (d.thumb_failed)
			resp_error(req, 500, "cannot make a thumbnail: %s", image_strerror(ie));
		else
			resp_error(req, image_status(ie), "%s", image_strerror(ie));
		return;
	}
	uint8_t *thumb = d.thumb;
	size_t tlen = d.tlen;
	rec.width = d.width;
	rec.height = d.height;
	rec.thumb_width = d.thumb_width;
	rec.thumb_height = d.thumb_height;
	if (blob_put(req->app->blobs_dir, data, len, rec.hash) != 0 ||
	    blob_put(req->app->blobs_dir, thumb, tlen, rec.thumb_hash) != 0) {
		image_bytes_free(thumb);
		log_msg("error", "blob_put: %s", strerror(errno));
		resp_error(req, errno == ENOSPC ? 507 : 500, "cannot store the file");
		return;
	}
	image_bytes_free(thumb);
	memcpy(rec.owner, req->user.id, sizeof(rec.owner));
	snprintf(rec.mime, sizeof(rec.mime), "%s", mime);
	file_safe_name(given_name, ext, rec.name, sizeof(rec.name));
	rec.size = (int64_t)len;
	rec.thumb_size = (int64_t)tlen;
	rec.created = (int64_t)time(NULL);
	struct file_quota q = file_quota_of(cfg);
	int rc = file_create(req->app->store, &rec, &q);
	if (rc == FILE_OVER_QUOTA) {
		quota_check(req, rec.size + rec.thumb_size);
		if (!req->answered)
			resp_error(req, 507, "your storage is full: delete images or uploads to make room");
		return;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot record the file");
		return;
	}
	resp_json(req, 200, file_to_json(&rec));
}

struct file_delete {
	const char *user, *id;
};

static int file_delete_user_txn(struct store_txn *txn, void *arg)
{
	struct file_delete *d = arg;
	struct file_record rec;
	int rc = file_get_txn(txn, d->id, &rec);
	if (rc != STORE_OK)
		return rc;
	if (strcmp(rec.owner, d->user) != 0)
		return STORE_NOTFOUND; /* another user's file is not there, for this user */
	if (rec.conversation_id[0] != '\0') {
		rc = gallery_delete_image(txn, d->user, d->id);
		/* A record whose image never reached the gallery (its worker died between the two). */
		if (rc != STORE_NOTFOUND)
			return rc;
	}
	return file_delete_txn(txn, d->id);
}

void api_files_delete(struct request *req)
{
	struct file_delete d = { req->user.id, req->captures[0] };
	int rc = store_update(req->app->store, file_delete_user_txn, &d);
	if (rc == STORE_NOTFOUND) {
		resp_error(req, 404, "file not found");
		return;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot delete the file");
		return;
	}
	resp_json(req, 200, json_pack("{s:b, s:s}", "success", 1, "id", d.id));
}

void api_files_download(struct request *req)
{
	const char *id = req->captures[0];
	struct file_record rec;
	const char *variant = NULL, *policy_s = NULL;
	int rv = req_query(req, "variant", &variant), rp = req_query(req, "p", &policy_s);
	if (rv < 0 || rp < 0) {
		answer_file_error(req, 400, "bad_request", "malformed query string");
		return;
	}
	bool thumb = false;
	if (rv == 1) {
		if (strcmp(variant, "thumbnail") == 0)
			thumb = true;
		else if (strcmp(variant, "full") != 0) {
			answer_file_error(req, 400, "bad_request", "variant must be full or thumbnail");
			return;
		}
	}
	enum estuary_policy policy = ESTUARY_INLINE;
	if (rp == 1 && estuary_parse_policy(policy_s, &policy) != 0) {
		answer_file_error(req, 400, "bad_request", "p must be inline or download");
		return;
	}
	int rc = file_get(req->app->store, id, &rec);
	/* Someone else's file answers exactly like a missing one, so ids cannot be probed. */
	if (rc == STORE_NOTFOUND || (rc == STORE_OK && strcmp(rec.owner, req->user.id) != 0)) {
		answer_file_error(req, 404, "not_found", "file not found");
		return;
	}
	if (rc != STORE_OK) {
		answer_file_error(req, 500, "internal", "cannot read the file record");
		return;
	}
	char url[512];
	int64_t expires;
	if (files_signed_url(req->app, &rec, thumb, policy, (int64_t)time(NULL), url, sizeof(url),
			     &expires) != 0) {
		answer_file_error(req, 500, "internal", "cannot sign the link");
		return;
	}
	char name[300];
	if (thumb) {
		const char *dot = strrchr(rec.name, '.');
		snprintf(name, sizeof(name), "%.*s.webp", dot ? (int)(dot - rec.name) : (int)strlen(rec.name),
			 rec.name);
	} else {
		snprintf(name, sizeof(name), "%s", rec.name);
	}
	resp_header(req, "Referrer-Policy", "no-referrer");
	resp_json(req, 200,
		  json_pack("{s:s, s:s, s:s, s:s, s:I, s:i, s:i, s:I}", "status", "success",
			    "download_url", url, "file_name", name, "mime_type",
			    thumb ? "image/webp" : rec.mime, "file_size_bytes",
			    (json_int_t)(thumb ? rec.thumb_size : rec.size), "width",
			    (int)(thumb ? rec.thumb_width : rec.width), "height",
			    (int)(thumb ? rec.thumb_height : rec.height), "expires_at",
			    (json_int_t)expires));
}

/* Percent-encodes a UTF-8 file name for RFC 6266 filename*. */
static void rfc5987(const char *in, char *out, size_t outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)in; *p && o + 4 < outlen; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("!#$&+-.^_`|~", *p)) {
			out[o++] = (char)*p;
		} else {
			out[o++] = '%';
			out[o++] = hex[*p >> 4];
			out[o++] = hex[*p & 15];
		}
	}
	out[o] = '\0';
}

void api_estuary_content(struct request *req)
{
	static const char *const allowed[] = { "id", "ts", "ma", "p", "sig" };
	const char *v[5];
	for (int i = 0; i < 5; i++) {
		int rc = req_query(req, allowed[i], &v[i]);
		if (rc != 1) {
			resp_error(req, 400, rc < 0 ? "malformed or repeated query parameter"
						    : "missing query parameter");
			return;
		}
	}
	if (req->nparams != 5) {
		resp_error(req, 400, "unknown query parameter");
		return;
	}
	struct estuary_link l;
	unsigned long long ts, ma;
	if (estuary_parse_id(v[0], &l.cid) != 0 ||
	    parse_ull(v[1], strlen(v[1]), 0, 1ull << 40, &ts) != 0 ||
	    parse_ull(v[2], strlen(v[2]), 1, ESTUARY_MAX_AGE_LIMIT, &ma) != 0 ||
	    estuary_parse_policy(v[3], &l.policy) != 0) {
		resp_error(req, 403, "invalid link");
		return;
	}
	l.ts = (int64_t)ts;
	l.ma = (int64_t)ma;
	int64_t now = (int64_t)time(NULL);
	enum estuary_verdict verdict = estuary_check(req->app->keys, &l, v[4], now);
	if (verdict != ESTUARY_OK) {
		resp_error(req, 403, "%s", verdict == ESTUARY_EXPIRED ? "link expired"
					   : verdict == ESTUARY_NOT_YET ? "link not valid yet"
									: "invalid signature");
		return;
	}
	struct file_record rec;
	int rc = file_get(req->app->store, l.cid.file_id, &rec);
	const char *want = l.cid.thumbnail ? rec.thumb_hash : rec.hash;
	if (rc == STORE_NOTFOUND || (rc == STORE_OK && strcmp(want, l.cid.hash) != 0)) {
		resp_error(req, 404, "file not found");
		return;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot read the file record");
		return;
	}
	/*
	 * The browser may keep the response only while the link lives. nginx may
	 * cache it for cache_s more, and serves it with this same max-age, so
	 * max-age leaves room for that: a copy served from nginx's cache at its
	 * oldest still expires in the browser no later than the link.
	 */
	int64_t left = l.ts + l.ma - now;
	int64_t cache_s = req->app->cfg.estuary_cache_s;
	if (cache_s > left / 2)
		cache_s = left / 2;
	int64_t max_age = left - cache_s;
	const char *server = req_param(req, "SERVER_SOFTWARE");
	bool lighttpd = server != NULL && strncmp(server, "lighttpd", 8) == 0;
	char rel[80], path[4200];
	blob_relpath(l.cid.hash, rel, sizeof(rel));
	resp_header(req, "Content-Type", "%s", l.cid.thumbnail ? "image/webp" : rec.mime);
	resp_header(req, "Cache-Control", "public, max-age=%lld, immutable", (long long)max_age);
	const char *ext = l.cid.thumbnail ? "webp" : image_extension(rec.mime);
	char name[300], encoded[900];
	file_safe_name(rec.name, ext ? ext : "bin", name, sizeof(name));
	rfc5987(name, encoded, sizeof(encoded));
	/* The quoted form keeps only ASCII; filename* carries the exact UTF-8 name. */
	for (char *p = name; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '_';
	resp_header(req, "Content-Disposition", "%s; filename=\"%s\"; filename*=UTF-8''%s",
		    l.policy == ESTUARY_DOWNLOAD ? "attachment" : "inline", name, encoded);
	if (lighttpd) {
		blob_path(req->app->blobs_dir, l.cid.hash, path, sizeof(path));
		resp_header(req, "X-Sendfile", "%s", path);
	} else {
		resp_header(req, "X-Accel-Expires", "%lld", (long long)cache_s);
		resp_header(req, "X-Accel-Redirect", "/_blobs/%s", rel);
	}
	resp_empty(req, 200);
}
