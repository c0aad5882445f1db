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
#include "jobs.h"
#include "log.h"
#include "render.h"
#include "textparse.h"
#include "validate.h"

#define PING_S 15
#define FOLLOW_POLL_US 50000

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static void answer_store_error(struct request *req, int rc)
{
	if (rc == STORE_NOTFOUND)
		resp_error(req, 404, "conversation not found");
	else if (rc == STORE_FULL)
		resp_error(req, 507, "storage is full");
	else
		resp_error(req, 500, "database error: %s", store_strerror(rc));
}

/* ---- the turn: validation ---- */

struct turn_req {
	char action[16];
	char conv_id[UUID_LEN + 1];      /* "" for a new conversation */
	char parent_id[64];
	char user_msg_id[UUID_LEN + 1];
	const char *prompt;
	bool picture;                    /* system_hints has picture_v2 */
	json_t *hints;                   /* borrowed from the body */
	char style[RENDER_WORD_MAX];
	int width, height;
	uint32_t seed;
	bool enhance;
	int n;
};

struct image_opts {
	struct field_str style, size;
	long long seed, n;
	bool enhance;
};

static const struct field_spec image_spec[] = {
	{ "style", FIELD_STRING, false, 0, RENDER_WORD_MAX - 1, offsetof(struct image_opts, style) },
	{ "size", FIELD_STRING, false, 3, 16, offsetof(struct image_opts, size) },
	{ "seed", FIELD_INT, false, 0, UINT32_MAX, offsetof(struct image_opts, seed) },
	{ "enhance", FIELD_BOOL, false, 0, 0, offsetof(struct image_opts, enhance) },
	{ "n", FIELD_INT, false, 1, 4, offsetof(struct image_opts, n) },
};

struct turn_body {
	struct field_str action, conversation_id, parent_message_id, model;
};

static const struct field_spec turn_spec[] = {
	{ "action", FIELD_STRING, false, 1, 15, offsetof(struct turn_body, action) },
	{ "conversation_id", FIELD_STRING, false, 0, 64, offsetof(struct turn_body, conversation_id) },
	{ "parent_message_id", FIELD_STRING, false, 1, 63, offsetof(struct turn_body, parent_message_id) },
	{ "model", FIELD_STRING, false, 0, 64, offsetof(struct turn_body, model) },
};

/* Validates the top-level fields (all but messages) into t; answers 400 itself on bad input. */
static int parse_top(struct request *req, json_t *body, struct turn_req *t)
{
	struct turn_body b;
	memset(&b, 0, sizeof(b));
	memset(t, 0, sizeof(*t));
	if (validate_body(req, body, turn_spec, sizeof(turn_spec) / sizeof(turn_spec[0]), &b) != 0)
		return 400;
	snprintf(t->action, sizeof(t->action), "%s", b.action.s ? b.action.s : "next");
	if (strcmp(t->action, "next") != 0 && strcmp(t->action, "variant") != 0) {
		resp_error(req, 400, "action: must be next or variant");
		return 400;
	}
	if (b.conversation_id.s != NULL && b.conversation_id.len > 0) {
		if (!uuid_valid(b.conversation_id.s)) {
			resp_error(req, 404, "conversation not found");
			return 404;
		}
		snprintf(t->conv_id, sizeof(t->conv_id), "%s", b.conversation_id.s);
	}
	snprintf(t->parent_id, sizeof(t->parent_id), "%s",
		 b.parent_message_id.s ? b.parent_message_id.s : "client-created-root");
	json_t *hints = json_object_get(body, "system_hints");
	if (hints != NULL && !json_is_null(hints)) {
		if (!json_is_array(hints) || json_array_size(hints) > 8) {
			resp_error(req, 400, "system_hints: expected an array of strings");
			return 400;
		}
		size_t i;
		json_t *h;
		json_array_foreach(hints, i, h) {
			if (!json_is_string(h)) {
				resp_error(req, 400, "system_hints: expected an array of strings");
				return 400;
			}
			if (strcmp(json_string_value(h), "picture_v2") == 0)
				t->picture = true;
		}
		t->hints = hints;
	}
	return 0;
}

/* Validates the body into t; answers 400 itself and returns non-zero on bad input. */
static int parse_turn(struct request *req, json_t *body, struct turn_req *t)
{
	int rc = parse_top(req, body, t);
	if (rc != 0)
		return rc;
	json_t *messages = json_object_get(body, "messages");
	bool need_prompt = strcmp(t->action, "next") == 0;
	if (messages == NULL || json_is_null(messages)) {
		if (need_prompt) {
			resp_error(req, 400, "messages: required");
			return 400;
		}
	} else if (!json_is_array(messages) || json_array_size(messages) > 1 ||
		   (need_prompt && json_array_size(messages) != 1)) {
		resp_error(req, 400, "messages: expected an array with one user message");
		return 400;
	}
	if (messages != NULL && json_array_size(messages) == 1) {
		json_t *m = json_array_get(messages, 0);
		json_t *parts = json_object_get(json_object_get(m, "content"), "parts");
		const char *role = json_string_value(json_object_get(json_object_get(m, "author"), "role"));
		if (!json_is_object(m) || (role != NULL && strcmp(role, "user") != 0)) {
			resp_error(req, 400, "messages[0]: expected a user message");
			return 400;
		}
		if (!json_is_array(parts) || json_array_size(parts) < 1 ||
		    !json_is_string(json_array_get(parts, 0))) {
			resp_error(req, 400, "messages[0].content.parts: expected [\"prompt text\"]");
			return 400;
		}
		json_t *p0 = json_array_get(parts, 0);
		const char *prompt = json_string_value(p0);
		size_t len = json_string_length(p0);
		if (len > req->app->cfg.max_prompt_bytes) {
			resp_error(req, 400, "prompt: at most %u bytes", req->app->cfg.max_prompt_bytes);
			return 400;
		}
		bool controls = strlen(prompt) != len;
		for (size_t k = 0; k < len && !controls; k++) {
			unsigned char ch = (unsigned char)prompt[k];
			controls = (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f;
		}
		if (controls) {
			resp_error(req, 400, "prompt: contains control characters");
			return 400;
		}
		size_t k = 0;
		while (k < len && isspace((unsigned char)prompt[k]))
			k++;
		if (k == len) {
			resp_error(req, 400, "prompt: empty");
			return 400;
		}
		t->prompt = prompt;
		json_t *jid = json_object_get(m, "id");
		if (jid != NULL && !json_is_null(jid)) {
			/* The client's id is what it names as the next parent: refused, never swapped. */
			if (!json_is_string(jid) || !uuid_valid(json_string_value(jid))) {
				resp_error(req, 400, "messages[0].id: expected a lowercase UUID");
				return 400;
			}
			snprintf(t->user_msg_id, sizeof(t->user_msg_id), "%s", json_string_value(jid));
		}
		json_t *mh = json_object_get(json_object_get(m, "metadata"), "system_hints");
		size_t i;
		json_t *h;
		if (json_is_array(mh))
			json_array_foreach(mh, i, h) if (json_is_string(h) &&
							 strcmp(json_string_value(h), "picture_v2") == 0)
				t->picture = true;
	}
	if (t->user_msg_id[0] == '\0')
		uuid_new(t->user_msg_id);

	struct image_opts io = { .seed = -1, .n = 1, .enhance = true };
	json_t *image = json_object_get(body, "image");
	t->width = t->height = 1024;
	t->enhance = true;
	t->n = 1;
	uint8_t r[4];
	random_bytes(r, 4);
	t->seed = ((uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3]) & 0x7fffffff;
	if (image != NULL && !json_is_null(image)) {
		if (!json_is_object(image)) {
			resp_error(req, 400, "image: expected an object");
			return 400;
		}
		if (validate_body_in(req, image, "image", image_spec,
				     sizeof(image_spec) / sizeof(image_spec[0]), &io) != 0)
			return 400;
		if (io.style.s != NULL && io.style.len > 0) {
			if (render_style_find(io.style.s) == NULL) {
				resp_error(req, 400, "image.style: unknown style '%s'", io.style.s);
				return 400;
			}
			snprintf(t->style, sizeof(t->style), "%s", io.style.s);
		}
		if (io.size.s != NULL && parse_size_wxh(io.size.s, RENDER_MIN_SIDE, RENDER_MAX_SIDE, &t->width, &t->height) != 0) {
			resp_error(req, 400, "image.size: expected WxH with each side %d to %d", RENDER_MIN_SIDE,
				   RENDER_MAX_SIDE);
			return 400;
		}
		if (io.seed >= 0)
			t->seed = (uint32_t)io.seed;
		t->enhance = io.enhance;
		t->n = (int)io.n;
	}
	return 0;
}

/* True when the text, trailing spaces aside, ends with a question mark. */
static bool is_question(const char *text)
{
	size_t tl = strlen(text);
	while (tl > 0 && isspace((unsigned char)text[tl - 1]))
		tl--;
	return tl > 0 && text[tl - 1] == '?';
}

/*
 * Image intent in plain text: a verb or noun that asks for a picture ("draw",
 * "picture of"), or a description the engine can draw (it names objects) that
 * is not a question.
 */
static bool image_intent(const char *text)
{
	if (text[0] != '\0' && !is_question(text)) {
		struct scene s;
		if (render_parse(text, &s) == 0 && !s.abstract) {
			for (int i = 0; i < s.nobjects; i++)
				if (!s.objects[i].removed)
					return true;
		}
	}
	static const char *const words[] = { "draw", "paint", "sketch", "image", "picture", "photo",
					     "render", "illustrat", "generate", "create", "make" };
	char lower[512];
	size_t n = 0;
	for (; text[n] && n < sizeof(lower) - 1; n++)
		lower[n] = (char)tolower((unsigned char)text[n]);
	lower[n] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *p = strstr(lower, words[i]);
		if (p != NULL && (p == lower || !isalpha((unsigned char)p[-1])))
			return true;
	}
	return false;
}

/* ---- messages ---- */

static json_t *author(const char *role, const char *name)
{
	return json_pack("{s:s, s:s?, s:{}}", "role", role, "name", name, "metadata");
}

static json_t *user_message(const struct turn_req *t, double now)
{
	return json_pack("{s:s, s:o, s:f, s:n, s:{s:s, s:[s]}, s:s, s:n, s:f, s:{s:O?}, s:s}", "id",
			 t->user_msg_id, "author", author("user", NULL), "create_time", now, "update_time",
			 "content", "content_type", "text", "parts", t->prompt, "status",
			 "finished_successfully", "end_turn", "weight", 1.0, "metadata", "system_hints",
			 t->hints, "recipient", "all");
}

static json_t *tool_message(const char *id, const char *prompt, const char *title, int position, double now)
{
	return json_pack("{s:s, s:o, s:f, s:f, s:{s:s, s:[]}, s:s, s:n, s:f, s:{s:s, s:s, s:s, s:{s:s, s:i}, s:[]}, s:s}",
			 "id", id, "author", author("tool", "image_gen"), "create_time", now,
			 "update_time", now, "content", "content_type", "multimodal_text", "parts",
			 "status", "in_progress", "end_turn", "weight", 1.0, "metadata", "async_task_type",
			 "image_gen", "user_prompt", prompt, "image_gen_title", title,
			 "image_gen_progress", "state", "queued", "position", position, "partial_images",
			 "recipient", "all");
}

static json_t *delta_add(json_t *message, const char *conv_id, int channel)
{
	return json_pack("{s:s, s:s, s:{s:o, s:s, s:n}, s:i}", "p", "", "o", "add", "v", "message",
			 message, "conversation_id", conv_id, "error", "c", channel);
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
	json_t *am = json_pack("{s:s, s:o, s:f, s:f, s:{s:s, s:[s]}, s:s, s:n, s:f, s:{s:s}, s:s}", "id",
			       c->assistant_id, "author", author("assistant", NULL), "create_time", now, "update_time",
			       now, "content", "content_type", "text", "parts", "", "status", "in_progress", "end_turn",
			       "weight", 1.0, "metadata", "model_slug", cfg->text_model, "recipient", "all");
	if (am == NULL)
		return STORE_ERROR;
	if ((rc = msg_add(txn, c->conv_id, user_parent, am)) != STORE_OK ||
	    (rc = events_append_delta(txn, c->conv_id, c->turn, delta_add(json_incref(am), c->conv_id, 1))) != STORE_OK) {
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
	snprintf(parent, sizeof(parent), "%s", t->parent_id);
	c->is_new = t->conv_id[0] == '\0';
	if (c->is_new) {
		uuid_new(c->conv_id);
		c->image = t->picture || (!model_decides && image_intent(t->prompt ? t->prompt : ""));
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
		c->image = t->picture || (strcmp(jstr(conv, "kind"), "images") == 0 && !is_question(p)) ||
			   (!model_decides && image_intent(p));
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
		json_t *um = user_message(t, now);
		if (um == NULL || (rc = msg_add(txn, c->conv_id, parent, um)) != STORE_OK) {
			json_decref(um);
			rc = rc == STORE_OK ? STORE_ERROR : rc;
			goto out;
		}
		rc = events_append(txn, c->conv_id, c->turn, "delta_encoding", "\"v1\"", NULL);
		if (rc == STORE_OK)
			rc = events_append_delta(txn, c->conv_id, c->turn, delta_add(um, c->conv_id, 0));
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
		json_t *am = json_pack("{s:s, s:o, s:f, s:n, s:{s:s, s:[s]}, s:s, s:b, s:f, s:{}, s:s}", "id",
				       c->assistant_id, "author", author("assistant", NULL), "create_time", now,
				       "update_time", "content", "content_type", "text", "parts", chat_reply,
				       "status", "finished_successfully", "end_turn", 1, "weight", 1.0,
				       "metadata", "recipient", "all");
		if ((rc = msg_add(txn, c->conv_id, user_parent, am)) != STORE_OK ||
		    (rc = events_append_delta(txn, c->conv_id, c->turn, delta_add(json_incref(am), c->conv_id, 1))) != STORE_OK) {
			json_decref(am);
			goto out;
		}
		json_decref(am);
		json_object_set_new(conv, "current_node", json_string(c->assistant_id));
		if (c->is_new) {
			json_t *tg = json_pack("{s:s, s:s, s:s}", "type", "title_generation", "title", title,
					       "conversation_id", c->conv_id);
			char *txt = json_dumps(tg, JSON_COMPACT);
			json_decref(tg);
			rc = events_append(txn, c->conv_id, c->turn, NULL, txt ? txt : "{}", NULL);
			free(txt);
			if (rc != STORE_OK)
				goto out;
		}
		char done[160];
		snprintf(done, sizeof(done), "{\"type\":\"message_stream_complete\",\"conversation_id\":\"%s\"}",
			 c->conv_id);
		if ((rc = events_append(txn, c->conv_id, c->turn, NULL, done, NULL)) != STORE_OK ||
		    (rc = events_append(txn, c->conv_id, c->turn, NULL, "[DONE]", NULL)) != STORE_OK)
			goto out;
		rc = conv_put(txn, conv);
		goto out;
	}
	uuid_new(c->tool_id);
	json_t *tm = tool_message(c->tool_id, t->prompt, title, c->position, now);
	if (tm == NULL || (rc = msg_add(txn, c->conv_id, user_parent, tm)) != STORE_OK) {
		json_decref(tm);
		rc = rc == STORE_OK ? STORE_ERROR : rc;
		goto out;
	}
	if ((rc = events_append_delta(txn, c->conv_id, c->turn, delta_add(tm, c->conv_id, 1))) != STORE_OK)
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

struct follow_ctx {
	struct request *req;
	uint32_t next;
	bool done;
	bool gone;
};

static int send_event(uint32_t seq, const char *event, const char *data, void *arg)
{
	struct follow_ctx *f = arg;
	if (seq != f->next)
		return STORE_STOP;
	if (sse_send(f->req, event, data) != 0) {
		f->gone = true;
		return STORE_STOP;
	}
	f->next = seq + 1;
	if (strcmp(data, "[DONE]") == 0)
		f->done = true;
	return STORE_OK;
}

struct follow_args {
	const char *conv_id;
	uint32_t turn;
	struct follow_ctx *f;
	json_t *job;
};

static int follow_txn(struct store_txn *txn, void *arg)
{
	struct follow_args *a = arg;
	return events_read(txn, a->conv_id, a->turn, a->f->next, send_event, a->f);
}

struct position_args {
	const char *job_id;
	const char *conv_id;
	uint32_t turn;
};

/* Appends a queued-position event when the job's place in its owner's queue changed. */
static int position_txn(struct store_txn *txn, void *arg)
{
	struct position_args *p = arg;
	json_t *job;
	int rc = job_get(txn, p->job_id, &job);
	if (rc != STORE_OK)
		return rc;
	if (strcmp(jstr(job, "kind"), "chat") == 0) {
		/* A text reply has no queue position to show (and its deltas must not be interleaved). */
		json_decref(job);
		return STORE_STOP;
	}
	int pos = 0;
	rc = job_position(txn, job, &pos);
	json_int_t last = json_integer_value(json_object_get(job, "last_position"));
	if (rc == STORE_OK && pos > 0 && pos != last) {
		json_object_set_new(job, "last_position", json_integer(pos));
		rc = job_put(txn, job);
		if (rc == STORE_OK)
			rc = events_append_delta(txn, p->conv_id, p->turn,
						 json_pack("{s:s, s:s, s:{s:{s:s, s:i}}}", "p", "/message/metadata",
							   "o", "append", "v", "image_gen_progress", "state",
							   "queued", "position", pos));
	} else if (rc == STORE_OK) {
		rc = STORE_STOP; /* nothing to write: abort, no commit */
	}
	json_decref(job);
	return rc;
}

/*
 * Streams the turn's events from `from` until [DONE] or the client leaves. The
 * log is read in short read transactions; a ping every 15 s keeps proxies
 * open and notices a client that left.
 */
static void follow(struct request *req, const char *conv_id, uint32_t turn, const char *job_id,
		   uint32_t from)
{
	struct follow_ctx f = { req, from, false, false };
	struct follow_args a = { conv_id, turn, &f, NULL };
	struct position_args pa = { job_id, conv_id, turn };
	time_t last_send = time(NULL), last_position = 0;
	while (!f.done && !f.gone) {
		uint32_t before = f.next;
		store_view(req->app->store, follow_txn, &a);
		time_t now = time(NULL);
		if (f.next != before)
			last_send = now;
		if (f.done || f.gone)
			break;
		if (job_id != NULL && job_id[0] && now != last_position) {
			last_position = now;
			store_update(req->app->store, position_txn, &pa);
		}
		if (now - last_send >= PING_S) {
			if (sse_comment(req, "ping") != 0)
				break;
			last_send = now;
		}
		usleep(FOLLOW_POLL_US);
	}
}

void api_turn(struct request *req)
{
	const char *token = req_header(req, "X-Conduit-Token");
	json_t *body;
	if (req_json(req, &body) != 0)
		return;
	if (token == NULL || !conduit_check(req->app->keys, token, req->user.id, (int64_t)time(NULL))) {
		resp_error(req, 403, "missing, expired or foreign conduit token: call prepare first");
		goto out;
	}
	struct turn_req t;
	if (parse_turn(req, body, &t) != 0)
		goto out;
	struct turn_ctx c = { .req = req, .t = &t };
	int rc = store_update(req->app->store, turn_txn, &c);
	if (c.status != 0) {
		if (c.retry_after > 0)
			resp_header(req, "Retry-After", "%lld", (long long)c.retry_after);
		resp_error(req, c.status, "%s", c.detail);
		goto out;
	}
	if (rc != STORE_OK) {
		answer_store_error(req, rc);
		goto out;
	}
	if (sse_start(req) != 0)
		goto out;
	follow(req, c.conv_id, c.turn, c.job_id, 0);
out:
	json_decref(body);
}

int turns_start_image(struct request *req, const struct turn_image_request *in, struct turn_started *out)
{
	struct turn_req t;
	memset(&t, 0, sizeof(t));
	memset(out, 0, sizeof(*out));
	snprintf(t.action, sizeof(t.action), "next");
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

/* ---- resume and status ---- */

struct latest_ctx {
	const char *conv_id, *owner;
	uint32_t turn;
	char job_id[UUID_LEN + 1];
	char state[16];
	json_t *conv;
};

/* The conversation (owned and visible) and the state of its latest turn's job. */
static int latest_txn(struct store_txn *txn, void *arg)
{
	struct latest_ctx *l = arg;
	json_t *conv;
	int rc = conv_get_owned(txn, l->conv_id, l->owner, &conv);
	if (rc != STORE_OK)
		return rc;
	l->turn = (uint32_t)json_integer_value(json_object_get(conv, "turns"));
	snprintf(l->job_id, sizeof(l->job_id), "%s", jstr(conv, "job_id"));
	snprintf(l->state, sizeof(l->state), "done");
	json_t *job;
	if (l->job_id[0] && job_get(txn, l->job_id, &job) == STORE_OK) {
		if ((uint32_t)json_integer_value(json_object_get(job, "turn")) == l->turn)
			snprintf(l->state, sizeof(l->state), "%s", jstr(job, "state"));
		json_decref(job);
	}
	l->conv = conv;
	return STORE_OK;
}

static bool streaming(const char *state)
{
	return strcmp(state, "queued") == 0 || strcmp(state, "running") == 0;
}

/* ---- prepare ---- */

/* Checks the turn's top-level fields (and that a named conversation is the caller's), then issues a token. */
void api_prepare(struct request *req)
{
	json_t *body;
	if (req_json(req, &body) != 0)
		return;
	struct turn_req t;
	int bad = parse_top(req, body, &t);
	json_decref(body);
	if (bad != 0)
		return;
	if (t.conv_id[0] != '\0') {
		struct latest_ctx l = { .conv_id = t.conv_id, .owner = req->user.id };
		int rc = store_view(req->app->store, latest_txn, &l);
		if (rc != STORE_OK) {
			answer_store_error(req, rc);
			return;
		}
		json_decref(l.conv);
	}
	char token[CONDUIT_MAX];
	if (conduit_issue(req->app->keys, req->user.id, (int64_t)time(NULL), token, sizeof(token)) != 0) {
		resp_error(req, 500, "cannot issue a conduit token");
		return;
	}
	resp_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "conduit_token", token));
}

struct resume_body {
	struct field_str conversation_id;
	long long offset;
};

static const struct field_spec resume_spec[] = {
	{ "conversation_id", FIELD_STRING, true, 1, 64, offsetof(struct resume_body, conversation_id) },
	{ "offset", FIELD_INT, false, 0, 1000000, offsetof(struct resume_body, offset) },
};

struct offset_args {
	const char *conv_id;
	uint32_t turn, offset;
	bool consumed_exist; /* the events before offset were all written */
	bool rest;           /* an event at or after offset exists */
};

static int offset_event(uint32_t seq, const char *event, const char *data, void *ctx)
{
	(void)event;
	(void)data;
	struct offset_args *a = ctx;
	if (seq + 1 == a->offset)
		a->consumed_exist = true;
	if (seq >= a->offset) {
		a->rest = true;
		return STORE_STOP;
	}
	return STORE_OK;
}

static int offset_txn(struct store_txn *txn, void *arg)
{
	struct offset_args *a = arg;
	a->consumed_exist = a->offset == 0;
	return events_read(txn, a->conv_id, a->turn, a->offset ? a->offset - 1 : 0, offset_event, a);
}

void api_resume(struct request *req)
{
	json_t *body;
	struct resume_body b = { { NULL, 0 }, 0 };
	if (req_json(req, &body) != 0)
		return;
	if (validate_body(req, body, resume_spec, 2, &b) != 0)
		goto out;
	struct latest_ctx l = { .conv_id = b.conversation_id.s, .owner = req->user.id };
	int rc = store_view(req->app->store, latest_txn, &l);
	if (rc != STORE_OK) {
		answer_store_error(req, rc);
		goto out;
	}
	json_decref(l.conv);
	if (l.turn == 0) {
		resp_error(req, 404, "this conversation has no turn to resume");
		goto out;
	}
	/* Read after the job's state: a finished turn's events were all written with it. */
	struct offset_args oa = { b.conversation_id.s, l.turn, (uint32_t)b.offset, false, false };
	rc = store_view(req->app->store, offset_txn, &oa);
	if (rc != STORE_OK && rc != STORE_STOP) {
		answer_store_error(req, rc);
		goto out;
	}
	if (!oa.consumed_exist) {
		resp_error(req, 400, "offset: more events than this turn has sent");
		goto out;
	}
	if (sse_start(req) != 0)
		goto out;
	/* A finished turn with nothing after offset: the rest is empty, the stream ends now. */
	if (streaming(l.state) || oa.rest)
		follow(req, b.conversation_id.s, l.turn, l.job_id, (uint32_t)b.offset);
out:
	json_decref(body);
}

void api_stream_status(struct request *req)
{
	struct latest_ctx l = { .conv_id = req->captures[0], .owner = req->user.id };
	int rc = store_view(req->app->store, latest_txn, &l);
	if (rc != STORE_OK) {
		answer_store_error(req, rc);
		return;
	}
	json_decref(l.conv);
	resp_json(req, 200, json_pack("{s:s}", "status", streaming(l.state) ? "IS_STREAMING" : "COMPLETE"));
}

/* ---- conversations ---- */

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
		answer_store_error(req, rc);
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
		answer_store_error(req, rc);
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
		answer_store_error(req, rc);
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
	int rc = latest_txn(txn, &c->l);
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
		answer_store_error(req, rc);
		return;
	}
	resp_json(req, 200, json_pack("{s:s, s:s}", "status", "ok", "detail",
				      c.was_running ? "stopping" : "cancelled"));
}
