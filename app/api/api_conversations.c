/*
 * api_conversations: the conversation list, one conversation, renaming and
 * deleting (hiding) it, and cancelling its latest turn.
 */
#include "turns.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "conversations.h"
#include "jobkinds.h"
#include "jobs.h"
#include "textparse.h"
#include "turn_follow.h"
#include "turn_request.h"
#include "validate.h"

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static json_t *iso_time(double t)
{
	time_t s = (time_t)t;
	struct tm tm;
	char buf[64];
	gmtime_r(&s, &tm);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (int)((t - (double)s) * 1000) % 1000);
	return json_string(buf);
}

struct list_args {
	const char *owner;
	size_t offset, limit, total;
	json_t *items;
};

static int list_txn(struct store_txn *txn, void *arg)
{
	struct list_args *a = arg;
	return conv_list(txn, a->owner, a->offset, a->limit, &a->items, &a->total);
}

static int query_uint(struct request *req, const char *name, unsigned long long min, unsigned long long max,
		      unsigned long long def, unsigned long long *out)
{
	const char *v;
	int rc = req_query(req, name, &v);
	if (rc < 0 || (rc == 1 && parse_ull(v, strlen(v), min, max, out) != 0)) {
		resp_error(req, 400, "%s: expected a whole number from %llu to %llu", name, min, max);
		return -1;
	}
	if (rc == 0)
		*out = def;
	return 0;
}

void api_conversations_list(struct request *req)
{
	unsigned long long offset, limit;
	if (query_uint(req, "offset", 0, 1000000, 0, &offset) != 0 ||
	    query_uint(req, "limit", 1, 100, 28, &limit) != 0)
		return;
	struct list_args a = { req->user.id, (size_t)offset, (size_t)limit, 0, NULL };
	int rc = store_view(req->app->store, list_txn, &a);
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
		return;
	}
	json_t *items = json_array();
	size_t i;
	json_t *conv;
	json_array_foreach(a.items, i, conv) {
		json_array_append_new(items, json_pack("{s:s, s:s, s:o, s:o, s:s, s:s}", "id", jstr(conv, "id"),
						       "title", jstr(conv, "title"), "create_time",
						       iso_time(json_number_value(json_object_get(conv, "create_time"))),
						       "update_time",
						       iso_time(json_number_value(json_object_get(conv, "update_time"))),
						       "kind", jstr(conv, "kind"), "snippet",
						       jstr(conv, jstr(conv, "snippet")[0] ? "snippet" : "title")));
	}
	json_decref(a.items);
	resp_json(req, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)a.total,
				      "limit", (json_int_t)limit, "offset", (json_int_t)offset));
}

struct get_args {
	const char *id, *owner;
	json_t *conv, *mapping;
};

static int get_txn(struct store_txn *txn, void *arg)
{
	struct get_args *g = arg;
	int rc = conv_get_owned(txn, g->id, g->owner, &g->conv);
	if (rc != STORE_OK) {
		g->conv = NULL;
		return rc;
	}
	rc = conv_mapping(txn, g->id, &g->mapping);
	if (rc != STORE_OK) {
		json_decref(g->conv);
		g->conv = NULL;
	}
	return rc;
}

void api_conversation_get(struct request *req)
{
	struct get_args g = { req->captures[0], req->user.id, NULL, NULL };
	int rc = store_view(req->app->store, get_txn, &g);
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
		return;
	}
	/* The scene is the engine's working state: clients get the words, not the internals. */
	const char *k;
	json_t *node;
	json_object_foreach(g.mapping, k, node) {
		json_t *meta = json_object_get(json_object_get(node, "message"), "metadata");
		if (json_is_object(meta))
			json_object_del(meta, "image_gen_scene");
	}
	resp_header(req, "Referrer-Policy", "no-referrer");
	resp_json(req, 200, json_pack("{s:s, s:s, s:s, s:O, s:O, s:s, s:o, s:b}", "conversation_id", g.id,
				      "title", jstr(g.conv, "title"), "kind", jstr(g.conv, "kind"), "create_time",
				      json_object_get(g.conv, "create_time"), "update_time",
				      json_object_get(g.conv, "update_time"), "current_node",
				      jstr(g.conv, "current_node"), "mapping", g.mapping, "is_visible", 1));
	json_decref(g.conv);
}

struct patch_body {
	struct field_str title;
	bool is_visible;
};

static const struct field_spec patch_spec[] = {
	{ "title", FIELD_STRING, false, 1, 200, offsetof(struct patch_body, title) },
	{ "is_visible", FIELD_BOOL, false, 0, 0, offsetof(struct patch_body, is_visible) },
};

struct patch_args {
	const char *id, *owner;
	struct patch_body *b;
	bool hide;
};

static int patch_txn(struct store_txn *txn, void *arg)
{
	struct patch_args *p = arg;
	json_t *conv;
	int rc = conv_get_owned(txn, p->id, p->owner, &conv);
	if (rc != STORE_OK)
		return rc;
	if (p->b->title.s != NULL)
		json_object_set_new(conv, "title", json_string(p->b->title.s));
	if (p->hide)
		json_object_set_new(conv, "hidden", json_true());
	rc = conv_put(txn, conv);
	json_decref(conv);
	return rc;
}

void api_conversation_patch(struct request *req)
{
	json_t *body;
	struct patch_body b = { { NULL, 0 }, true };
	if (req_json(req, &body) != 0)
		return;
	if (validate_body(req, body, patch_spec, 2, &b) != 0)
		goto out;
	bool hide = json_is_false(json_object_get(body, "is_visible"));
	if (b.title.s == NULL && !hide) {
		resp_error(req, 400, "nothing to change: send title or is_visible: false");
		goto out;
	}
	struct patch_args p = { req->captures[0], req->user.id, &b, hide };
	int rc = store_update(req->app->store, patch_txn, &p);
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
		goto out;
	}
	resp_json(req, 200, json_pack("{s:b}", "success", 1));
out:
	json_decref(body);
}

struct cancel_args {
	struct latest_ctx l;
	bool was_running;
};

static int cancel_txn(struct store_txn *txn, void *arg)
{
	struct cancel_args *c = arg;
	int rc = turn_latest_txn(txn, &c->l);
	if (rc != STORE_OK)
		return rc;
	json_decref(c->l.conv);
	c->l.conv = NULL;
	json_t *job;
	if (c->l.job_id[0] == '\0' || job_get(txn, c->l.job_id, &job) != STORE_OK)
		return STORE_STOP;
	if (strcmp(jstr(job, "state"), "queued") == 0) {
		rc = job_kind_of(job)->end(txn, job, "cancelled", "Cancelled");
	} else if (strcmp(jstr(job, "state"), "running") == 0) {
		c->was_running = true;
		rc = job_request_cancel(txn, job);
	} else {
		rc = STORE_STOP;
	}
	json_decref(job);
	return rc;
}

void api_conversation_cancel(struct request *req)
{
	struct cancel_args c = { .l = { .conv_id = req->captures[0], .owner = req->user.id } };
	int rc = store_update(req->app->store, cancel_txn, &c);
	if (rc == STORE_STOP) {
		resp_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "detail", "nothing is running"));
		return;
	}
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
		return;
	}
	resp_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "detail",
				      c.was_running ? "stopping" : "cancelled"));
}
