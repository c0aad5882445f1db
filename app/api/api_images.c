#include "api_images.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api_files.h"
#include "conversations.h"
#include "gallery.h"
#include "jobs.h"
#include "render.h"
#include "textparse.h"

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* The engine's own presets, when no styles.json is installed beside the config. */
static json_t *engine_styles(void)
{
	size_t n;
	const struct render_style *st = render_styles(&n);
	json_t *out = json_array();
	for (size_t i = 0; i < n; i++) {
		char url[128];
		snprintf(url, sizeof(url), "/images-app/%s.webp", st[i].id);
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:i, s:i}]}", "id", st[i].id,
						     "title", st[i].title, "prompt", st[i].prompt, "variants",
						     "format", "webp", "url", url, "width_px", 341, "height_px", 512));
	}
	return out;
}

json_t *styles_load(const char *path, char *err, size_t errlen)
{
	json_error_t je;
	if (access(path, F_OK) != 0)
		return engine_styles();
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	json_t *out = NULL;
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d: %s", path, je.line, je.text);
		return NULL;
	}
	json_t *showcase = json_object_get(root, "showcase");
	json_t *list = json_object_get(root, "styles");
	int w = (int)json_integer_value(json_object_get(showcase, "width"));
	int h = (int)json_integer_value(json_object_get(showcase, "height"));
	if (!json_is_array(list) || w <= 0 || h <= 0) {
		snprintf(err, errlen, "%s: expected {\"showcase\": {width, height ...}, \"styles\": [...]}", path);
		goto out;
	}
	out = json_array();
	size_t i;
	json_t *st;
	json_array_foreach(list, i, st) {
		const char *id = jstr(st, "id"), *title = jstr(st, "title"), *prompt = jstr(st, "prompt");
		if (render_style_find(id) == NULL || title[0] == '\0') {
			snprintf(err, errlen, "%s: style %zu: unknown id '%s' or no title", path, i, id);
			json_decref(out);
			out = NULL;
			goto out;
		}
		char url[128];
		snprintf(url, sizeof(url), "/images-app/%s.webp", id);
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:i, s:i}]}", "id", id, "title",
						     title, "prompt", prompt, "variants", "format", "webp", "url",
						     url, "width_px", w, "height_px", h));
	}
out:
	json_decref(root);
	return out;
}

void api_images_styles(struct request *req)
{
	resp_json(req, 200, json_pack("{s:O}", "styles", req->app->styles));
}

/* Turns a stored card into a gallery item with freshly signed URLs. */
static json_t *gallery_item(const struct app *app, json_t *card, int64_t now)
{
	struct file_record rec;
	memset(&rec, 0, sizeof(rec));
	snprintf(rec.id, sizeof(rec.id), "%s", jstr(card, "id"));
	snprintf(rec.hash, sizeof(rec.hash), "%s", jstr(card, "hash"));
	snprintf(rec.thumb_hash, sizeof(rec.thumb_hash), "%s", jstr(card, "thumb_hash"));
	char full[512], thumb[512];
	if (files_signed_url(app, &rec, false, ESTUARY_INLINE, now, full, sizeof(full), NULL) != 0 ||
	    files_signed_url(app, &rec, true, ESTUARY_INLINE, now, thumb, sizeof(thumb), NULL) != 0)
		return NULL;
	return json_pack("{s:s, s:s, s:s, s:s, s:{s:{s:s}}, s:s, s:s, s:s, s:s, s:O, s:O, s:O, s:s, s:s, s:s}",
			 "id", rec.id, "kind", "media_generation", "generation_type", "image_gen", "url", full,
			 "encodings", "thumbnail", "path", thumb, "title", jstr(card, "title"), "prompt",
			 jstr(card, "prompt"), "enhanced_prompt", jstr(card, "enhanced_prompt"), "style",
			 jstr(card, "style"), "width", json_object_get(card, "width"), "height",
			 json_object_get(card, "height"), "created_at", json_object_get(card, "created_at"),
			 "conversation_id", jstr(card, "conversation_id"), "message_id",
			 jstr(card, "message_id"), "asset_pointer", jstr(card, "asset_pointer"));
}

struct page_args {
	struct gallery_query q;
	json_t *items;
	char cursor[GALLERY_CURSOR_MAX + 8];
};

static int page_txn(struct store_txn *txn, void *arg)
{
	struct page_args *p = arg;
	return gallery_page(txn, &p->q, &p->items, p->cursor, sizeof(p->cursor));
}

/* A gallery page as {"items": [...], "cursor": ...}; answers errors itself and returns NULL. */
static json_t *recent_page(struct request *req, struct page_args *p)
{
	int rc = store_view(req->app->store, page_txn, p);
	if (rc == STORE_CORRUPT) {
		resp_error(req, 400, "after: not a cursor this gallery gave out");
		return NULL;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot read the gallery");
		return NULL;
	}
	int64_t now = (int64_t)time(NULL);
	json_t *items = json_array();
	size_t i;
	json_t *card;
	json_array_foreach(p->items, i, card) {
		json_t *item = gallery_item(req->app, card, now);
		if (item != NULL)
			json_array_append_new(items, item);
	}
	json_decref(p->items);
	return json_pack("{s:o, s:s?}", "items", items, "cursor", p->cursor[0] ? p->cursor : NULL);
}

void api_recent_images(struct request *req)
{
	struct page_args p;
	memset(&p, 0, sizeof(p));
	p.q.user = req->user.id;
	const char *limit_s, *after, *cursor, *q, *style;
	unsigned long long limit = 25;
	/* after= or cursor= (both names are in use by clients): the page's cursor either way. */
	int rl = req_query(req, "limit", &limit_s), ra = req_query(req, "after", &after),
	    rc = req_query(req, "cursor", &cursor), rq = req_query(req, "q", &q),
	    rs = req_query(req, "style", &style);
	if (rl < 0 || ra < 0 || rc < 0 || rq < 0 || rs < 0) {
		resp_error(req, 400, "malformed or repeated query parameter");
		return;
	}
	if (ra == 1 && rc == 1 && strcmp(after, cursor) != 0) {
		resp_error(req, 400, "after and cursor: give one of them");
		return;
	}
	if (ra != 1 && rc == 1) {
		after = cursor;
		ra = 1;
	}
	if (rl == 1 && parse_ull(limit_s, strlen(limit_s), 1, 100, &limit) != 0) {
		resp_error(req, 400, "limit: expected 1 to 100");
		return;
	}
	if (rq == 1 && strlen(q) > 200) {
		resp_error(req, 400, "q: at most 200 bytes");
		return;
	}
	if (rs == 1 && style[0] != '\0' && render_style_find(style) == NULL) {
		resp_error(req, 400, "style: unknown style '%s'", style);
		return;
	}
	p.q.limit = (size_t)limit;
	p.q.after = ra == 1 ? after : NULL;
	p.q.q = rq == 1 && q[0] ? q : NULL;
	p.q.style = rs == 1 && style[0] ? style : NULL;
	json_t *page = recent_page(req, &p);
	if (page == NULL)
		return;
	resp_header(req, "Referrer-Policy", "no-referrer");
	resp_json(req, 200, page);
}

struct delete_args {
	const char *user, *file_id;
};

static int delete_txn(struct store_txn *txn, void *arg)
{
	struct delete_args *d = arg;
	return gallery_delete_image(txn, d->user, d->file_id);
}

void api_recent_image_delete(struct request *req)
{
	struct delete_args d = { req->user.id, req->captures[0] };
	if (!file_id_valid(d.file_id)) {
		resp_error(req, 404, "image not found");
		return;
	}
	int rc = store_update(req->app->store, delete_txn, &d);
	if (rc == STORE_NOTFOUND) {
		resp_error(req, 404, "image not found");
		return;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot delete");
		return;
	}
	resp_json(req, 200, json_pack("{s:b}", "success", 1));
}

struct jobs_args {
	const char *owner;
	json_t *jobs;
};

static int add_job(struct store_txn *txn, struct jobs_args *a, const char *id)
{
	json_t *job;
	if (job_get(txn, id, &job) != STORE_OK)
		return STORE_OK;
	int pos = 0;
	job_position(txn, job, &pos);
	json_array_append_new(a->jobs, json_pack("{s:s, s:s, s:s, s:i}", "conversation_id",
						 jstr(job, "conversation_id"), "message_id",
						 jstr(job, "tool_message_id"), "state", jstr(job, "state"),
						 "position", pos));
	json_decref(job);
	return STORE_OK;
}

struct scan_jobs {
	struct store_txn *txn;
	struct jobs_args *a;
	bool running;
};

static int each_job(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct scan_jobs *s = arg;
	char id[64];
	if (s->running) {
		const char *k = key->data;
		size_t olen = strnlen(k, key->len) + 1;
		if (olen >= key->len || key->len - olen >= sizeof(id))
			return STORE_OK;
		memcpy(id, k + olen, key->len - olen);
		id[key->len - olen] = '\0';
	} else {
		if (val->len != strlen(s->a->owner) || memcmp(val->data, s->a->owner, val->len) != 0 ||
		    key->len <= 8 || key->len - 8 >= sizeof(id))
			return STORE_OK;
		memcpy(id, (const char *)key->data + 8, key->len - 8);
		id[key->len - 8] = '\0';
	}
	return add_job(s->txn, s->a, id);
}

static int jobs_txn(struct store_txn *txn, void *arg)
{
	struct jobs_args *a = arg;
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, a->owner);
	struct scan_jobs r = { txn, a, true }, q = { txn, a, false };
	int rc = store_scan(txn, DB_JOB_RUNNING, prefix.b, prefix.len, NULL, 0, false, false, each_job, &r);
	if (rc == STORE_OK)
		rc = store_scan(txn, DB_JOB_QUEUE, "", 0, NULL, 0, false, false, each_job, &q);
	return rc;
}

void api_images_bootstrap(struct request *req)
{
	const struct config *cfg = &req->app->cfg;
	struct jobs_args ja = { req->user.id, json_array() };
	int rc = store_view(req->app->store, jobs_txn, &ja);
	if (rc != STORE_OK) {
		json_decref(ja.jobs);
		resp_store_error(req, rc, "cannot read jobs");
		return;
	}
	struct page_args p;
	memset(&p, 0, sizeof(p));
	p.q.user = req->user.id;
	p.q.limit = 25;
	json_t *recent = recent_page(req, &p);
	if (recent == NULL) {
		json_decref(ja.jobs);
		return;
	}
	json_t *user = json_pack("{s:s, s:s, s:s, s:b}", "id", req->user.id, "email", req->user.email, "name",
				 req->user.name, "is_admin", req->user.is_admin);
	struct file_quota q = file_quota_of(cfg);
	struct file_usage u = { 0, 0 };
	file_usage_get(req->app->store, req->user.id, &u);
	json_t *limits = json_pack("{s:i, s:i, s:[s, s, s], s:i, s:i, s:i, s:i}", "max_parallel",
				   (int)cfg->max_running_per_user, "max_queued", (int)cfg->max_queued_per_user,
				   "sizes", "1024x1024", "1536x1024", "1024x1536", "min_side", RENDER_MIN_SIDE,
				   "max_side", RENDER_MAX_SIDE, "max_prompt_bytes", (int)cfg->max_prompt_bytes,
				   "max_n", 4);
	/* Storage: the caps (0: none) and what this user's images and uploads hold. */
	json_object_set_new(limits, "storage",
			    json_pack("{s:I, s:I, s:I, s:I, s:i}", "quota_bytes", (json_int_t)q.bytes, "quota_files",
				      (json_int_t)q.files, "used_bytes", (json_int_t)u.bytes, "used_files",
				      (json_int_t)u.files, "uploads_per_minute", (int)cfg->uploads_per_minute));
	json_t *engine = json_pack("{s:s, s:s, s:{s:i, s:i, s:i, s:i, s:i, s:i}}", "name", cfg->engine, "version",
				   RENDER_ENGINE_VERSION, "vocabulary", "objects", OBJ__COUNT, "materials",
				   MAT__COUNT - 1, "settings", SET__COUNT - 1, "lights", LIGHT__COUNT - 1,
				   "cameras", CAM__COUNT - 1, "relations", REL__COUNT);
	resp_header(req, "Referrer-Policy", "no-referrer");
	resp_json(req, 200, json_pack("{s:o, s:O, s:o, s:o, s:o, s:o}", "user", user, "styles", req->app->styles,
				      "limits", limits, "engine", engine, "jobs", ja.jobs, "recent", recent));
}
