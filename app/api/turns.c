#include "turns.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "chat.h"
#include "conduit.h"
#include "conversations.h"
#include "encode.h"
#include "engine.h"
#include "jobkinds.h"
#include "files.h"
#include "jobs.h"
#include "log.h"
#include "messages.h"
#include "render.h"
#include "textparse.h"
#include "turn_follow.h"
#include "turn_request.h"
#include "validate.h"


static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* The nearest image above msg_id on its branch: its scene and generation id, for an edit. */
static void find_previous_image(struct store_txn *txn, const char *conv_id, const char *msg_id,
				json_t **scene, char *gen_id, size_t gen_len, char *prev_prompt, size_t prev_len,
				char *asset, size_t asset_len)
{
	char cur[64];
	snprintf(cur, sizeof(cur), "%s", msg_id);
	for (int depth = 0; depth < 256 && cur[0]; depth++) {
		json_t *node;
		if (msg_get(txn, conv_id, cur, &node) != STORE_OK)
			return;
		json_t *m = json_object_get(node, "message");
		json_t *meta = json_object_get(m, "metadata");
		json_t *sc = json_object_get(meta, "image_gen_scene");
		if (json_is_object(sc)) {
			*scene = json_incref(sc);
			snprintf(gen_id, gen_len, "%s", jstr(meta, "image_gen_id"));
			snprintf(prev_prompt, prev_len, "%s", jstr(meta, "enhanced_prompt"));
			/* The previous image itself, for engines that edit pixels (openai /v1/images/edits). */
			json_t *part0 = json_array_get(json_object_get(json_object_get(m, "content"), "parts"), 0);
			snprintf(asset, asset_len, "%s", jstr(part0, "asset_pointer"));
			json_decref(node);
			return;
		}
		snprintf(cur, sizeof(cur), "%s", jstr(node, "parent"));
		json_decref(node);
	}
}

struct turn_ctx {
	struct request *req;
	struct turn_req *t;
	char conv_id[UUID_LEN + 1];
	char tool_id[UUID_LEN + 1];
	char assistant_id[UUID_LEN + 1];
	char job_id[UUID_LEN + 1];
	uint32_t turn;
	bool image;
	bool is_new;
	int position;        /* the new job's place in its owner's queue */
	int status;          /* an HTTP error to answer instead, when not 0 */
	char detail[160];
	int64_t retry_after;
	const char *conduit_nonce; /* spent by the turn, when it came with a token */
	int64_t conduit_expires;
};

static int fail(struct turn_ctx *c, int status, const char *detail)
{
	c->status = status;
	snprintf(c->detail, sizeof(c->detail), "%s", detail);
	return STORE_STOP;
}

#define SNIPPET_MAX 160 /* bytes of the latest prompt in the conversation list */

static const char *chat_reply =
	"This Images server makes pictures: describe one (for example \"a red cube left of a blue "
	"sphere at sunset\") and I will draw it. It has no text model connected, so it cannot answer "
	"questions; an administrator can connect one (an OpenAI-compatible chat endpoint such as "
	"llama.cpp, Ollama or vLLM) in images.conf.";

/*
 * A text turn with a text model: the assistant message starts in progress and
 * a chat job (chat.h) writes the reply into it and the turn's log.
 */
static int chat_turn_txn(struct store_txn *txn, struct turn_ctx *c, json_t *conv, const char *user_parent,
			 const char *title, double now)
{
	const struct turn_req *t = c->t;
	const struct config *cfg = &c->req->app->cfg;
	int rc;
	uuid_new(c->assistant_id);
	json_t *am = message_assistant(c->assistant_id, "", true,
				       json_pack("{s:s}", "model_slug", cfg->text_model), now);
	if (am == NULL)
		return STORE_ERROR;
	if ((rc = msg_add(txn, c->conv_id, user_parent, am)) != STORE_OK ||
	    (rc = events_append_delta(txn, c->conv_id, c->turn,
				      delta_add_message(json_incref(am), c->conv_id, 1))) != STORE_OK) {
		json_decref(am);
		return rc;
	}
	json_decref(am);
	json_object_set_new(conv, "current_node", json_string(c->assistant_id));
	uuid_new(c->job_id);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	json_t *job = json_pack("{s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:I, s:i, s:{s:s, s:s, s:i, s:i, s:I, s:b, s:i, s:s, s:n, s:s, s:b}}",
				"id", c->job_id, "kind", "chat", "owner", c->req->user.id, "conversation_id", c->conv_id,
				"turn", c->turn, "tool_message_id", "", "assistant_message_id", c->assistant_id,
				"user_message_id", user_parent, "claim", "", "created_us",
				(json_int_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, "attempts", 0, "request", "prompt",
				t->prompt, "style", t->style, "width", t->width, "height", t->height, "seed",
				(json_int_t)t->seed, "enhance", t->enhance, "n", 1, "parent_gen_id", "", "prev_scene",
				"title", title, "new_conversation", c->is_new);
	if (job == NULL)
		return STORE_ERROR;
	rc = job_enqueue(txn, job);
	json_decref(job);
	if (rc != STORE_OK)
		return rc;
	json_object_set_new(conv, "job_id", json_string(c->job_id));
	return conv_put(txn, conv);
}

/* True when the user message's first reply is an image (a tool message); fallback without one. */
static bool answered_with_image(struct store_txn *txn, const char *conv_id, const json_t *user_node, bool fallback)
{
	const char *first = json_string_value(json_array_get(json_object_get(user_node, "children"), 0));
	json_t *node;
	if (first == NULL || msg_get(txn, conv_id, first, &node) != STORE_OK)
		return fallback;
	bool tool = strcmp(jstr(json_object_get(json_object_get(node, "message"), "author"), "role"), "tool") == 0;
	json_decref(node);
	return tool;
}

static int turn_txn(struct store_txn *txn, void *arg)
{
	struct turn_ctx *c = arg;
	struct turn_req *t = c->t;
	const struct config *cfg = &c->req->app->cfg;
	const char *owner = c->req->user.id;
	double now = now_epoch();
	json_t *conv = NULL, *prev_scene = NULL, *job = NULL, *parent_node = NULL;
	char parent[64], gen_parent[64] = "", prev_prompt[2048] = "", prev_asset[80] = "";
	/* With a text model that can call image_gen, plain text goes to the model, which decides. */
	bool model_decides = chat_enabled(cfg) && cfg->text_model_tools;
	int rc;
	/*
	 * A variant's prompt points into the parent node read below, which this run
	 * frees: a rerun (the map grew) must not read the last run's.
	 */
	if (strcmp(t->action, "variant") == 0)
		t->prompt = NULL;
	/* A token starts one turn: spent in the turn's own transaction (a refused turn leaves it unspent). */
	if (c->conduit_nonce != NULL) {
		rc = conduit_spend(txn, c->conduit_nonce, c->conduit_expires, (int64_t)now);
		if (rc == STORE_EXISTS)
			return fail(c, 403, "this conduit token has already started a turn: call prepare again");
		if (rc != STORE_OK)
			return rc;
	}
	snprintf(parent, sizeof(parent), "%s", t->parent_id);
	c->is_new = t->conv_id[0] == '\0';
	if (c->is_new) {
		uuid_new(c->conv_id);
		c->image = t->picture || (!model_decides && turn_image_intent(t->prompt ? t->prompt : ""));
		conv = json_pack("{s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:b, s:i}", "id", c->conv_id, "owner",
				 owner, "title", "", "kind", c->image ? "images" : "chat", "create_time", now,
				 "update_time", now, "current_node", "", "hidden", 0, "turns", 0);
		json_t *root = json_pack("{s:s, s:n, s:n, s:[]}", "id", "client-created-root", "message",
					 "parent", "children");
		rc = msg_put(txn, c->conv_id, root);
		json_decref(root);
		if (rc != STORE_OK)
			goto out;
		snprintf(parent, sizeof(parent), "client-created-root");
	} else {
		snprintf(c->conv_id, sizeof(c->conv_id), "%s", t->conv_id);
		rc = conv_get_owned(txn, c->conv_id, owner, &conv);
		if (rc == STORE_NOTFOUND) {
			rc = fail(c, 404, "conversation not found");
			goto out;
		}
		if (rc != STORE_OK)
			goto out;
		if (msg_get(txn, c->conv_id, parent, &parent_node) != STORE_OK) {
			rc = fail(c, 404, "parent message not found in this conversation");
			goto out;
		}
		/*
		 * In an images conversation an instruction ("bigger", "at night") edits the
		 * image; a question is a chat turn, as anywhere without picture_v2.
		 */
		const char *p = t->prompt ? t->prompt : "";
		c->image = t->picture || (strcmp(jstr(conv, "kind"), "images") == 0 && !turn_is_question(p)) ||
			   (!model_decides && turn_image_intent(p));
	}
	if (strcmp(t->action, "variant") == 0) {
		/* A variant regenerates under the same user message: the parent must be one. */
		json_t *pm = parent_node ? json_object_get(parent_node, "message") : NULL;
		const char *role = jstr(json_object_get(pm, "author"), "role");
		if (strcmp(role, "user") != 0) {
			rc = fail(c, 400, "variant: parent_message_id must be a user message");
			goto out;
		}
		t->prompt = json_string_value(json_array_get(
			json_object_get(json_object_get(pm, "content"), "parts"), 0));
		if (t->prompt == NULL) {
			rc = fail(c, 400, "variant: the parent message has no prompt");
			goto out;
		}
		/* A variant regenerates what the user message got: an image again, or a text reply. */
		c->image = t->picture || answered_with_image(txn, c->conv_id, parent_node,
								     strcmp(jstr(conv, "kind"), "images") == 0);
		find_previous_image(txn, c->conv_id, jstr(parent_node, "parent"), &prev_scene, gen_parent,
				    sizeof(gen_parent), prev_prompt, sizeof(prev_prompt), prev_asset, sizeof(prev_asset));
	} else if (!c->is_new) {
		find_previous_image(txn, c->conv_id, parent, &prev_scene, gen_parent, sizeof(gen_parent),
				    prev_prompt, sizeof(prev_prompt), prev_asset, sizeof(prev_asset));
	}
	if (c->image || chat_enabled(cfg)) {
		size_t queued, running;
		if ((rc = job_count_active(txn, owner, &queued, &running)) != STORE_OK)
			goto out;
		/* A new job queues behind its owner's queued ones. */
		c->position = (int)queued + 1;
		if (queued + running >= cfg->max_queued_per_user) {
			c->retry_after = 10;
			rc = fail(c, 429, "too many images waiting: wait for some to finish");
			goto out;
		}
	}
	if (c->image) {
		/* An image needs room in its owner's storage: say so now, not when it is made. */
		struct file_quota q = file_quota_of(cfg);
		struct file_usage u;
		if ((rc = file_usage_settle(txn, owner, &u)) != STORE_OK)
			goto out;
		if (file_quota_full(&q, &u, 0)) {
			char why[160] = "your storage is full (";
			size_t n = strlen(why);
			file_usage_describe(&q, &u, why + n, sizeof(why) - n);
			n = strlen(why);
			snprintf(why + n, sizeof(why) - n, "): delete images or uploads to make room");
			rc = fail(c, 507, why);
			goto out;
		}
	}
	c->turn = (uint32_t)json_integer_value(json_object_get(conv, "turns")) + 1;
	json_object_set_new(conv, "turns", json_integer(c->turn));
	json_object_set_new(conv, "update_time", json_real(now));
	const char *user_parent = parent;
	if (strcmp(t->action, "next") == 0) {
		json_t *dup = NULL;
		if (!c->is_new && msg_get(txn, c->conv_id, t->user_msg_id, &dup) == STORE_OK) {
			/* Reusing an id would rewrite that message and could make the tree a cycle. */
			json_decref(dup);
			rc = fail(c, 409, "messages[0].id: this conversation already has a message with this id");
			goto out;
		}
		json_t *um = message_user(t->user_msg_id, t->prompt, t->hints, now);
		if (um == NULL || (rc = msg_add(txn, c->conv_id, parent, um)) != STORE_OK) {
			json_decref(um);
			rc = rc == STORE_OK ? STORE_ERROR : rc;
			goto out;
		}
		rc = events_append(txn, c->conv_id, c->turn, "delta_encoding", "\"v1\"", NULL);
		if (rc == STORE_OK)
			rc = events_append_delta(txn, c->conv_id, c->turn, delta_add_message(um, c->conv_id, 0));
		else
			json_decref(um);
		if (rc != STORE_OK)
			goto out;
		user_parent = t->user_msg_id;
	} else {
		rc = events_append(txn, c->conv_id, c->turn, "delta_encoding", "\"v1\"", NULL);
		if (rc != STORE_OK)
			goto out;
	}
	char title[128], snippet[SNIPPET_MAX + 1];
	engine_title(t->prompt, title, sizeof(title));
	if (c->is_new)
		json_object_set_new(conv, "title", json_string(title));
	/* The list's snippet: the latest prompt, on one line, cut at a character boundary. */
	utf8_copy(snippet, sizeof(snippet), t->prompt, SNIPPET_MAX);
	for (char *s = snippet; *s; s++)
		if (*s == '\n' || *s == '\r' || *s == '\t')
			*s = ' ';
	json_object_set_new(conv, "snippet", json_string(snippet));
	if (!c->image && chat_enabled(cfg)) {
		rc = chat_turn_txn(txn, c, conv, user_parent, title, now);
		goto out;
	}
	if (!c->image) {
		/* No image asked for and no text model: an honest answer, at once. */
		uuid_new(c->assistant_id);
		json_t *am = message_assistant(c->assistant_id, chat_reply, false, NULL, now);
		if ((rc = msg_add(txn, c->conv_id, user_parent, am)) != STORE_OK ||
		    (rc = events_append_delta(txn, c->conv_id, c->turn,
				      delta_add_message(json_incref(am), c->conv_id, 1))) != STORE_OK) {
			json_decref(am);
			goto out;
		}
		json_decref(am);
		json_object_set_new(conv, "current_node", json_string(c->assistant_id));
		if ((rc = events_close_turn(txn, c->conv_id, c->turn, c->is_new ? title : NULL)) != STORE_OK)
			goto out;
		rc = conv_put(txn, conv);
		goto out;
	}
	uuid_new(c->tool_id);
	json_t *tm = message_image_tool(c->tool_id, t->prompt, title, NULL, c->position, now);
	if (tm == NULL || (rc = msg_add(txn, c->conv_id, user_parent, tm)) != STORE_OK) {
		json_decref(tm);
		rc = rc == STORE_OK ? STORE_ERROR : rc;
		goto out;
	}
	if ((rc = events_append_delta(txn, c->conv_id, c->turn, delta_add_message(tm, c->conv_id, 1))) !=
	    STORE_OK)
		goto out;
	json_object_set_new(conv, "current_node", json_string(c->tool_id));
	char *job_id = c->job_id;
	uuid_new(job_id);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	job = json_pack("{s:s, s:s, s:s, s:i, s:s, s:s, s:I, s:i, s:{s:s, s:s, s:i, s:i, s:I, s:b, s:i, s:s, s:O?, s:s, s:b}}",
			"id", job_id, "owner", owner, "conversation_id", c->conv_id, "turn", c->turn,
			"tool_message_id", c->tool_id, "claim", "", "created_us",
			(json_int_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000, "attempts", 0, "request",
			"prompt", t->prompt, "style", t->style, "width", t->width, "height", t->height,
			"seed", (json_int_t)t->seed, "enhance", t->enhance, "n", t->n, "parent_gen_id",
			gen_parent, "prev_scene", prev_scene, "title", title, "new_conversation", c->is_new);
	if (job != NULL && prev_prompt[0] != '\0')
		json_object_set_new(json_object_get(job, "request"), "prev_prompt", json_string(prev_prompt));
	if (job == NULL) {
		rc = STORE_ERROR;
		goto out;
	}
	if (prev_asset[0] != '\0')
		json_object_set_new(json_object_get(job, "request"), "prev_asset", json_string(prev_asset));
	/* The tool message already shows this position: a later event only when it changes. */
	json_object_set_new(job, "last_position", json_integer(c->position));
	if ((rc = job_enqueue(txn, job)) != STORE_OK)
		goto out;
	json_object_set_new(conv, "job_id", json_string(job_id));
	rc = conv_put(txn, conv);
out:
	json_decref(conv);
	json_decref(prev_scene);
	json_decref(job);
	json_decref(parent_node);
	return rc;
}

/* ---- following a turn's events ---- */
void api_turn(struct request *req)
{
	const char *token = req_header(req, "X-Conduit-Token");
	json_t *body;
	if (req_json(req, &body) != 0)
		return;
	char nonce[CONDUIT_NONCE_LEN + 1];
	int64_t expires = 0;
	if (token == NULL || !conduit_check(req->app->keys, token, req->user.id, req->cred_hash,
					    (int64_t)time(NULL), nonce, &expires)) {
		resp_error(req, 403, "missing, expired or foreign conduit token: call prepare first");
		goto out;
	}
	struct turn_req t;
	if (turn_parse(req, body, &t) != 0)
		goto out;
	struct turn_ctx c = { .req = req, .t = &t, .conduit_nonce = nonce, .conduit_expires = expires };
	int rc = store_update(req->app->store, turn_txn, &c);
	if (c.status != 0) {
		if (c.retry_after > 0)
			resp_header(req, "Retry-After", "%lld", (long long)c.retry_after);
		resp_error(req, c.status, "%s", c.detail);
		goto out;
	}
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
		goto out;
	}
	if (sse_start(req) != 0)
		goto out;
	turn_follow(req, c.conv_id, c.turn, c.job_id, 0);
out:
	json_decref(body);
}

int turns_start_image(struct request *req, const struct turn_image_request *in, struct turn_started *out)
{
	struct turn_req t;
	memset(&t, 0, sizeof(t));
	memset(out, 0, sizeof(*out));
	snprintf(t.action, sizeof(t.action), "%s", in->variant ? "variant" : "next");
	snprintf(t.conv_id, sizeof(t.conv_id), "%s", in->conv_id ? in->conv_id : "");
	snprintf(t.parent_id, sizeof(t.parent_id), "%s",
		 in->parent_id && in->parent_id[0] ? in->parent_id : "client-created-root");
	if (uuid_new(t.user_msg_id) != 0)
		return STORE_ERROR;
	t.prompt = in->prompt;
	t.picture = true;
	t.hints = json_pack("[s]", "picture_v2");
	snprintf(t.style, sizeof(t.style), "%s", in->style ? in->style : "");
	t.width = in->width;
	t.height = in->height;
	t.seed = in->seed;
	t.enhance = in->enhance;
	t.n = in->n;
	struct turn_ctx c = { .req = req, .t = &t };
	int rc = store_update(req->app->store, turn_txn, &c);
	json_decref(t.hints);
	out->status = c.status;
	snprintf(out->detail, sizeof(out->detail), "%s", c.detail);
	out->retry_after = c.retry_after;
	if (c.status != 0)
		return STORE_OK;
	memcpy(out->conv_id, c.conv_id, sizeof(out->conv_id));
	memcpy(out->job_id, c.job_id, sizeof(out->job_id));
	memcpy(out->tool_id, c.tool_id, sizeof(out->tool_id));
	out->turn = c.turn;
	return rc;
}

/* ---- prepare ---- */

/* Checks the turn's top-level fields (and that a named conversation is the caller's), then issues a token. */
void api_prepare(struct request *req)
{
	json_t *body;
	if (req_json(req, &body) != 0)
		return;
	struct turn_req t;
	int bad = turn_parse_top(req, body, &t);
	json_decref(body);
	if (bad != 0)
		return;
	if (t.conv_id[0] != '\0') {
		struct latest_ctx l = { .conv_id = t.conv_id, .owner = req->user.id };
		int rc = store_view(req->app->store, turn_latest_txn, &l);
		if (rc != STORE_OK) {
			turn_answer_store_error(req, rc);
			return;
		}
		json_decref(l.conv);
	}
	char token[CONDUIT_MAX];
	if (conduit_issue(req->app->keys, req->user.id, req->cred_hash, (int64_t)time(NULL), token,
			  sizeof(token)) != 0) {
		resp_error(req, 500, "cannot issue a conduit token");
		return;
	}
	resp_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "conduit_token", token));
}
