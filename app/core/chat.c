#include "chat.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "jobs.h"
#include "llm.h"
#include "log.h"
#include "messages.h"
#include "render.h"
#include "textparse.h"
#include "image_job.h"

#define MAX_ROUNDS 3            /* model replies in one turn: tool calls, then the answer */
#define MAX_IMAGES_PER_TURN 2
#define FLUSH_MS 60             /* text is written to the log at most this often */
#define FLUSH_BYTES 512         /* or when this much is waiting */
#define CANCEL_CHECK_MS 250
#define MAX_BRANCH 2000         /* messages walked from the current node to the root */
#define TITLE_MAX 80

static const char *system_prompt =
	"You are a helpful assistant in Images, a self-hosted app that makes pictures. Answer in "
	"Markdown when it helps. When the user asks for a picture, call the image_gen tool with a "
	"clear, concrete description of the scene; after it ran, answer briefly.";

static const char *title_prompt =
	"Write a title of at most six words for this conversation. Answer with the title only, no "
	"quotes, no final full stop.";

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

bool chat_enabled(const struct config *cfg)
{
	return cfg->text_model_url[0] != '\0' && cfg->text_model[0] != '\0';
}

int chat_check_config(const struct config *cfg)
{
	struct llm_endpoint ep;
	if (strcmp(cfg->enhancer, "builtin") != 0 && strcmp(cfg->enhancer, "llm") != 0) {
		log_msg("error", "images.conf: enhancer must be builtin or llm, not '%s'", cfg->enhancer);
		return -1;
	}
	if (strcmp(cfg->enhancer, "llm") == 0 && !llm_endpoint_enhancer(cfg, &ep)) {
		log_msg("error", "images.conf: enhancer = llm needs enhancer_url/enhancer_model or text_model_url/text_model");
		return -1;
	}
	if ((cfg->text_model_url[0] != '\0') != (cfg->text_model[0] != '\0')) {
		log_msg("error", "images.conf: text_model_url and text_model go together");
		return -1;
	}
	if (llm_global_init() != 0) {
		log_msg("error", "libcurl could not be initialised");
		return -1;
	}
	return 0;
}

/* ---- the context ---- */

struct branch_args {
	const char *conv, *from;
	json_t *nodes; /* root first */
};

static int branch_txn(struct store_txn *txn, void *arg)
{
	struct branch_args *b = arg;
	char cur[64];
	snprintf(cur, sizeof(cur), "%s", b->from);
	b->nodes = json_array();
	for (int depth = 0; depth < MAX_BRANCH && cur[0]; depth++) {
		json_t *node;
		int rc = msg_get(txn, b->conv, cur, &node);
		if (rc != STORE_OK)
			return rc;
		json_array_insert_new(b->nodes, 0, node);
		snprintf(cur, sizeof(cur), "%s", jstr(node, "parent"));
	}
	return STORE_OK;
}

static const char *first_text(const json_t *message)
{
	json_t *content = json_object_get(message, "content");
	if (strcmp(jstr(content, "content_type"), "text") != 0)
		return NULL;
	return json_string_value(json_array_get(json_object_get(content, "parts"), 0));
}

/* About four bytes a token, plus the message's framing. */
static size_t cost(const json_t *m)
{
	size_t n = 8;
	const char *c = json_string_value(json_object_get(m, "content"));
	if (c != NULL)
		n += strlen(c) / 4;
	json_t *calls = json_object_get(m, "tool_calls");
	size_t i;
	json_t *call;
	json_array_foreach(calls, i, call) n += 16 + strlen(jstr(json_object_get(call, "function"), "arguments")) / 4;
	return n;
}

/*
 * The active branch as chat messages: the system prompt, then user and
 * assistant texts; an assistant's tool calls and their results stay paired.
 * Oldest messages leave first when the window is full; the system prompt and
 * the newest message always stay.
 */
static json_t *branch_messages(const json_t *nodes, const struct config *cfg)
{
	json_t *msgs = json_array();
	size_t i;
	json_t *node;
	bool tool_chain = false; /* inside a model's tool calls: their "Image created" lines are results, not replies */
	json_array_foreach(nodes, i, node) {
		json_t *m = json_object_get(node, "message");
		if (!json_is_object(m))
			continue;
		const char *role = jstr(json_object_get(m, "author"), "role");
		json_t *meta = json_object_get(m, "metadata");
		if (strcmp(role, "tool") != 0 && !(strcmp(role, "assistant") == 0 && json_object_get(meta, "image_gen_id")))
			tool_chain = false;
		if (strcmp(role, "tool") == 0)
			tool_chain = json_object_get(meta, "tool_call_id") != NULL;
		else if (tool_chain)
			continue;
		if (strcmp(role, "user") == 0) {
			const char *t = first_text(m);
			if (t != NULL)
				json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", "user", "content", t));
		} else if (strcmp(role, "assistant") == 0) {
			const char *t = first_text(m);
			json_t *calls = json_object_get(meta, "tool_calls");
			if (json_is_array(calls) && json_array_size(calls) > 0)
				json_array_append_new(msgs, json_pack("{s:s, s:s?, s:O}", "role", "assistant", "content",
								      t && t[0] ? t : NULL, "tool_calls", calls));
			else if (t != NULL && t[0] != '\0')
				json_array_append_new(msgs, json_pack("{s:s, s:s}", "role", "assistant", "content", t));
		} else if (strcmp(role, "tool") == 0) {
			json_t *results = json_object_get(meta, "tool_results");
			size_t k;
			json_t *res;
			json_array_foreach(results, k, res) json_array_append(msgs, res);
		}
	}
	size_t window = cfg->text_model_context_tokens;
	size_t reserve = cfg->text_model_max_tokens ? cfg->text_model_max_tokens : window / 4;
	size_t budget = window > reserve ? window - reserve : window / 2;
	/* An assistant's tool calls must be followed by their results; a call left unanswered (a crash) goes. */
	for (i = 0; i < json_array_size(msgs); i++) {
		json_t *m = json_array_get(msgs, i);
		if (json_object_get(m, "tool_calls") == NULL)
			continue;
		if (strcmp(jstr(json_array_get(msgs, i + 1), "role"), "tool") == 0)
			continue;
		json_object_del(m, "tool_calls");
		if (json_string_value(json_object_get(m, "content")) == NULL)
			json_array_remove(msgs, i--);
	}
	json_t *sys = json_pack("{s:s, s:s}", "role", "system", "content", system_prompt);
	size_t total = cost(sys);
	json_array_foreach(msgs, i, node) total += cost(node);
	while (json_array_size(msgs) > 1 && total > budget) {
		total -= cost(json_array_get(msgs, 0));
		json_array_remove(msgs, 0);
		/* A tool result without its call, or an assistant first, is not a valid start. */
		while (json_array_size(msgs) > 1 && strcmp(jstr(json_array_get(msgs, 0), "role"), "user") != 0) {
			total -= cost(json_array_get(msgs, 0));
			json_array_remove(msgs, 0);
		}
	}
	json_array_insert_new(msgs, 0, sys);
	return msgs;
}

static json_t *image_tool(void)
{
	size_t n;
	const struct render_style *styles = render_styles(&n);
	char list[1024] = "";
	size_t o = 0;
	for (size_t i = 0; i < n && o + 40 < sizeof(list); i++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", i ? ", " : "", styles[i].id);
	char desc[1200];
	snprintf(desc, sizeof(desc), "Optional style preset: one of %s.", list);
	return json_pack("[{s:s, s:{s:s, s:s, s:{s:s, s:{s:{s:s, s:s}, s:{s:s, s:[s, s, s]}, s:{s:s, s:s}}, s:[s]}}}]",
			 "type", "function", "function", "name", "image_gen", "description",
			 "Create an image from a description and show it to the user in this conversation.",
			 "parameters", "type", "object", "properties", "prompt", "type", "string", "description",
			 "What the image shows: subjects, colours, positions, setting, light.", "size", "type",
			 "string", "enum", "1024x1024", "1536x1024", "1024x1536", "style", "type", "string",
			 "description", desc, "required", "prompt");
}

/* ---- one chat job ---- */

struct chat_run {
	const struct app *app;
	const struct engine *engine;
	json_t *job;
	const char *id, *claim, *conv;
	uint32_t turn;
	int channel;
	char msg_id[UUID_LEN + 1];   /* the assistant message being written */
	bool appended;               /* its first text append was written (later ones use the short form) */
	char *pending;
	size_t pending_len;
	int64_t last_flush, last_renew, last_check;
	bool cancel, lost, stop, failed_write;
	atomic_bool *stopping;
};


struct flush_args {
	struct chat_run *r;
	bool reset;
};

static int flush_txn(struct store_txn *txn, void *arg)
{
	struct flush_args *a = arg;
	struct chat_run *r = a->r;
	if (!job_held(txn, r->id, r->claim, NULL))
		return STORE_STOP;
	json_t *node;
	int rc = msg_get(txn, r->conv, r->msg_id, &node);
	if (rc != STORE_OK)
		return rc;
	json_t *parts = json_object_get(json_object_get(json_object_get(node, "message"), "content"), "parts");
	const char *have = a->reset ? "" : json_string_value(json_array_get(parts, 0));
	size_t hl = have ? strlen(have) : 0;
	char *text = malloc(hl + r->pending_len + 1);
	if (text == NULL) {
		json_decref(node);
		return STORE_ERROR;
	}
	memcpy(text, have ? have : "", hl);
	memcpy(text + hl, r->pending ? r->pending : "", r->pending_len);
	text[hl + r->pending_len] = '\0';
	json_array_set_new(parts, 0, json_stringn(text, hl + r->pending_len));
	free(text);
	rc = msg_put(txn, r->conv, node);
	json_decref(node);
	if (rc != STORE_OK)
		return rc;
	json_t *ev;
	if (a->reset)
		ev = delta_op("/message/content/parts/0", "replace", json_string(""));
	else if (!r->appended)
		ev = delta_op("/message/content/parts/0", "append", json_stringn(r->pending, r->pending_len));
	else
		ev = json_pack("{s:o}", "v", json_stringn(r->pending, r->pending_len));
	return events_append_delta(txn, r->conv, r->turn, ev);
}

/* Writes the text waiting in r->pending into the message and the log. */
static void flush(struct chat_run *r)
{
	if (r->pending_len == 0)
		return;
	struct flush_args a = { r, false };
	int rc = store_update(r->app->store, flush_txn, &a);
	if (rc == STORE_STOP)
		r->lost = true;
	else if (rc != STORE_OK)
		r->failed_write = true;
	else
		r->appended = true;
	r->pending_len = 0;
	r->last_flush = now_ms();
}

static bool should_stop(void *ctx)
{
	struct chat_run *r = ctx;
	int64_t now = now_ms();
	if (now - r->last_renew >= job_renew_every_ms((int64_t)r->app->cfg.job_lease_s * 1000)) {
		bool cancel = false, lost = false;
		r->last_renew = now;
		job_renew(r->app->store, r->id, r->claim, (int64_t)r->app->cfg.job_lease_s * 1000, &cancel, &lost);
		r->cancel |= cancel;
		r->lost |= lost;
	}
	if (now - r->last_check >= CANCEL_CHECK_MS) {
		bool cancel = false, lost = false;
		r->last_check = now;
		job_poll_cancel(r->app->store, r->id, r->claim, &cancel, &lost);
		r->cancel |= cancel;
		r->lost |= lost;
	}
	if (atomic_load(r->stopping))
		r->stop = true;
	if (r->pending_len > 0 && now - r->last_flush >= FLUSH_MS)
		flush(r);
	return r->cancel || r->lost || r->stop || r->failed_write;
}

static int on_text(void *ctx, const char *text, size_t len)
{
	struct chat_run *r = ctx;
	char *nb = realloc(r->pending, r->pending_len + len + 1);
	if (nb == NULL)
		return 1;
	memcpy(nb + r->pending_len, text, len);
	r->pending = nb;
	r->pending_len += len;
	/* The first piece goes out at once (time to first text); later ones are batched. */
	if (!r->appended || r->pending_len >= FLUSH_BYTES || now_ms() - r->last_flush >= FLUSH_MS)
		flush(r);
	return should_stop(r) ? 1 : 0;
}

static int add_event(struct store_txn *txn, struct chat_run *r, json_t *message)
{
	return events_append_delta(txn, r->conv, r->turn,
				   delta_add_message(json_incref(message), r->conv, ++r->channel));
}

static int set_current(struct store_txn *txn, const char *conv_id, const char *node, const char *title)
{
	json_t *conv;
	int rc = conv_get(txn, conv_id, &conv);
	if (rc != STORE_OK)
		return rc;
	json_object_set_new(conv, "current_node", json_string(node));
	json_object_set_new(conv, "update_time", json_real(now_epoch()));
	if (title != NULL && title[0])
		json_object_set_new(conv, "title", json_string(title));
	rc = conv_put(txn, conv);
	json_decref(conv);
	return rc;
}

/* Ends the message msg_id: status, end_turn and metadata, as a patch in the log. */
static int end_message(struct store_txn *txn, const char *conv, uint32_t turn, const char *msg_id, const char *status,
		       bool end_turn, json_t *meta_add)
{
	json_t *node;
	int rc = msg_get(txn, conv, msg_id, &node);
	if (rc != STORE_OK) {
		json_decref(meta_add);
		return rc;
	}
	json_t *m = json_object_get(node, "message");
	json_object_set_new(m, "status", json_string(status));
	json_object_set_new(m, "end_turn", json_boolean(end_turn));
	json_object_set_new(m, "update_time", json_real(now_epoch()));
	json_object_update(json_object_get(m, "metadata"), meta_add);
	rc = msg_put(txn, conv, node);
	json_decref(node);
	if (rc == STORE_OK)
		rc = events_append_delta(txn, conv, turn,
					 delta_op("", "patch",
					       json_pack("[o, o, o]", delta_op("/message/status", "replace", json_string(status)),
							 delta_op("/message/end_turn", "replace", json_boolean(end_turn)),
							 delta_op("/message/metadata", "append", json_incref(meta_add)))));
	json_decref(meta_add);
	return rc;
}

static int chat_end_without_reply(struct store_txn *txn, json_t *job, const char *state, const char *reason)
{
	const char *conv = jstr(job, "conversation_id");
	uint32_t turn = (uint32_t)json_integer_value(json_object_get(job, "turn"));
	int rc = end_message(txn, conv, turn, jstr(job, "assistant_message_id"), "finished_with_error", true,
			     json_pack("{s:s}", "error", reason));
	if (rc == STORE_OK)
		rc = events_append_closing(txn, job, NULL);
	if (rc == STORE_OK)
		rc = job_end(txn, job, state);
	return rc;
}

static int chat_close_after_tool(struct store_txn *txn, json_t *job, const char *state, const char *reason)
{
	const char *conv = jstr(job, "conversation_id");
	uint32_t turn = (uint32_t)json_integer_value(json_object_get(job, "turn"));
	const char *open = jstr(job, "open_message_id");
	int rc = STORE_OK;
	if (open[0] != '\0') {
		bool cancelled = strcmp(state, "cancelled") == 0;
		rc = end_message(txn, conv, turn, open, cancelled ? "finished_successfully" : "finished_with_error", true,
				 cancelled ? json_pack("{s:{s:s}}", "finish_details", "type", "interrupted")
					   : json_pack("{s:s}", "error", reason));
	}
	if (rc == STORE_OK)
		rc = events_append_closing(txn, job, NULL);
	if (rc == STORE_OK)
		rc = job_end(txn, job, state);
	return rc;
}

/* A chat job taken over after it called the image tool is not run again from the start. */
static int takeover_end_txn(struct store_txn *txn, void *arg)
{
	struct chat_run *r = arg;
	json_t *job;
	if (!job_held(txn, r->id, r->claim, &job))
		return STORE_STOP;
	int rc = chat_job_end(txn, job, "failed", "the reply was interrupted (its worker stopped); ask again");
	json_decref(job);
	return rc;
}

struct final_args {
	struct chat_run *r;
	const char *status, *state;
	json_t *meta;
	const char *title;
};

static int final_txn(struct store_txn *txn, void *arg)
{
	struct final_args *a = arg;
	struct chat_run *r = a->r;
	json_t *job;
	if (!job_held(txn, r->id, r->claim, &job)) {
		json_decref(a->meta);
		return STORE_STOP;
	}
	int rc = end_message(txn, r->conv, r->turn, r->msg_id, a->status, true, a->meta);
	if (rc == STORE_OK)
		rc = set_current(txn, r->conv, r->msg_id, a->title);
	if (rc == STORE_OK)
		rc = events_append_closing(txn, job, a->title);
	if (rc == STORE_OK)
		rc = job_end(txn, job, a->state);
	json_decref(job);
	return rc;
}

/* A title for a new conversation from its first exchange, by the model; "" when it cannot. */
static void model_title(const struct config *cfg, const char *prompt, const char *reply, llm_cancel_fn tick,
			void *ctx, char *out, size_t outlen)
{
	struct llm_endpoint ep;
	out[0] = '\0';
	if (!llm_endpoint_text(cfg, &ep))
		return;
	ep.total_timeout_s = cfg->enhancer_timeout_s;
	ep.max_tokens = 24;
	char head[1200];
	utf8_copy(head, sizeof(head), reply, 1000);
	json_t *msgs = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "role", "system", "content", title_prompt,
				 "role", "user", "content", prompt, "role", "assistant", "content", head);
	struct llm_result res;
	char err[256];
	if (msgs != NULL && llm_chat(&ep, msgs, NULL, NULL, tick, ctx, &res, err, sizeof(err)) == LLM_OK) {
		char line[TITLE_MAX + 1];
		text_one_line(res.text, res.text_len, line, sizeof(line));
		size_t n = strlen(line);
		while (n > 0 && line[n - 1] == '.')
			line[--n] = '\0';
		snprintf(out, outlen, "%s", line);
	}
	if (msgs != NULL)
		llm_result_free(&res);
	json_decref(msgs);
}

struct image_call_args {
	struct chat_run *r;
	const char *parent;       /* the assistant message that called the tool */
	char tool_id[UUID_LEN + 1];
	const char *call_id, *prompt, *style;
	int width, height;
	const char *title;
	json_t *calls;            /* the assistant's tool_calls, recorded on it */
	const char *text;
};

static int image_call_txn(struct store_txn *txn, void *arg)
{
	struct image_call_args *a = arg;
	struct chat_run *r = a->r;
	json_t *job;
	if (!job_held(txn, r->id, r->claim, &job))
		return STORE_STOP;
	int rc = STORE_OK;
	if (a->calls != NULL) {
		/* The calling message ends (not the turn): its tool calls are kept for the context. */
		rc = end_message(txn, r->conv, r->turn, a->parent, "finished_successfully", false,
				 json_pack("{s:O, s:{s:s}}", "tool_calls", a->calls, "finish_details", "type", "tool_calls"));
	}
	uuid_new(a->tool_id);
	json_t *tm = message_image_tool(a->tool_id, a->prompt, a->title, a->call_id, 1, now_epoch());
	if (rc == STORE_OK && (tm == NULL || (rc = msg_add(txn, r->conv, a->parent, tm)) != STORE_OK))
		rc = rc == STORE_OK ? STORE_ERROR : rc;
	if (rc == STORE_OK)
		rc = add_event(txn, r, tm);
	json_decref(tm);
	json_t *rq = json_object_get(job, "request");
	if (json_object_get(rq, "user_prompt") == NULL) {
		/* request.prompt becomes the tool's: the user's words and title are kept beside it. */
		json_object_set(rq, "user_prompt", json_object_get(rq, "prompt"));
		json_object_set(rq, "user_title", json_object_get(rq, "title"));
	}
	json_object_set_new(job, "tool_message_id", json_string(a->tool_id));
	json_object_set_new(job, "open_message_id", json_string(""));
	json_object_set_new(rq, "prompt", json_string(a->prompt));
	json_object_set_new(rq, "style", json_string(a->style));
	json_object_set_new(rq, "width", json_integer(a->width));
	json_object_set_new(rq, "height", json_integer(a->height));
	json_object_set_new(rq, "title", json_string(a->title));
	json_object_set_new(rq, "n", json_integer(1));
	json_object_set_new(rq, "prev_scene", json_null());
	json_object_set_new(rq, "parent_gen_id", json_string(""));
	if (rc == STORE_OK)
		rc = job_put(txn, job);
	if (rc == STORE_OK)
		rc = set_current(txn, r->conv, a->tool_id, NULL);
	if (rc == STORE_OK) {
		/* The thread's copy of the job follows the stored one. */
		json_object_set(r->job, "tool_message_id", json_object_get(job, "tool_message_id"));
		json_object_set(r->job, "open_message_id", json_object_get(job, "open_message_id"));
		json_object_set(r->job, "request", rq);
	}
	json_decref(job);
	return rc;
}

struct results_args {
	struct chat_run *r;
	const char *tool_id;
	json_t *results;
};

static int results_txn(struct store_txn *txn, void *arg)
{
	struct results_args *a = arg;
	json_t *node;
	int rc = msg_get(txn, a->r->conv, a->tool_id, &node);
	if (rc != STORE_OK)
		return rc;
	json_object_set(json_object_get(json_object_get(node, "message"), "metadata"), "tool_results", a->results);
	rc = msg_put(txn, a->r->conv, node);
	json_decref(node);
	return rc;
}

struct new_msg_args {
	struct chat_run *r;
	const char *parent;
};

static int new_msg_txn(struct store_txn *txn, void *arg)
{
	struct new_msg_args *a = arg;
	struct chat_run *r = a->r;
	json_t *job;
	if (!job_held(txn, r->id, r->claim, &job))
		return STORE_STOP;
	uuid_new(r->msg_id);
	json_t *am = message_assistant(r->msg_id, "", true,
				       json_pack("{s:s}", "model_slug", r->app->cfg.text_model), now_epoch());
	int rc = am ? msg_add(txn, r->conv, a->parent, am) : STORE_ERROR;
	if (rc == STORE_OK)
		rc = add_event(txn, r, am);
	if (rc == STORE_OK)
		rc = set_current(txn, r->conv, r->msg_id, NULL);
	/* Noted in the job, so whoever ends this turn (a cancel while queued, a takeover) closes it. */
	json_object_set_new(job, "open_message_id", json_string(r->msg_id));
	if (rc == STORE_OK)
		rc = job_put(txn, job);
	if (rc == STORE_OK)
		json_object_set(r->job, "open_message_id", json_object_get(job, "open_message_id"));
	json_decref(job);
	json_decref(am);
	r->appended = false;
	return rc;
}

/* Reads a tool call's arguments; false with why in err. */
static bool image_args(const struct config *cfg, const char *args, char *prompt, size_t plen, char *style, size_t slen,
		       int *w, int *h, char *err, size_t errlen)
{
	json_t *a = json_loads(args, 0, NULL);
	bool good = false;
	const char *p = json_string_value(json_object_get(a, "prompt"));
	*w = *h = 1024;
	style[0] = '\0';
	if (!json_is_object(a) || p == NULL || p[0] == '\0') {
		snprintf(err, errlen, "image_gen needs a prompt (a string)");
		goto out;
	}
	if (strlen(p) > cfg->max_prompt_bytes) {
		snprintf(err, errlen, "the prompt is longer than %u bytes", cfg->max_prompt_bytes);
		goto out;
	}
	text_one_line(p, strlen(p), prompt, plen);
	if (prompt[0] == '\0') {
		snprintf(err, errlen, "image_gen needs a prompt");
		goto out;
	}
	const char *size = json_string_value(json_object_get(a, "size"));
	if (size != NULL && parse_size_wxh(size, RENDER_MIN_SIDE, RENDER_MAX_SIDE, w, h) != 0)
		*w = *h = 1024;
	const char *st = json_string_value(json_object_get(a, "style"));
	if (st != NULL && render_style_find(st) != NULL)
		snprintf(style, slen, "%s", st);
	good = true;
out:
	json_decref(a);
	return good;
}

struct reset_args {
	struct chat_run *r;
	bool had_text;
};

static int look_txn(struct store_txn *txn, void *arg)
{
	struct reset_args *a = arg;
	json_t *node;
	int rc = msg_get(txn, a->r->conv, a->r->msg_id, &node);
	if (rc != STORE_OK)
		return rc;
	const char *t = first_text(json_object_get(node, "message"));
	a->had_text = t != NULL && t[0] != '\0';
	json_decref(node);
	return STORE_OK;
}

void chat_run_job(const struct app *app, const struct engine *engine, const struct job *claimed,
		  atomic_bool *stopping)
{
	const struct config *cfg = &app->cfg;
	/* The claimed object: an image_gen call records its tool message and request in it. */
	json_t *job = claimed->json;
	struct chat_run r = { .app = app, .engine = engine, .job = job, .id = claimed->id, .claim = claimed->claim,
			      .conv = claimed->conversation_id, .turn = claimed->turn, .channel = 1,
			      .stopping = stopping, .last_flush = now_ms(), .last_renew = now_ms() };
	snprintf(r.msg_id, sizeof(r.msg_id), "%s", jstr(job, "assistant_message_id"));
	/* The request object is replaced when a tool call renders an image: copy what is needed now. */
	json_t *rq = json_object_get(job, "request");
	char user_prompt[4096], first_title[128];
	bool after_tool = claimed->tool_message_id[0] != '\0';
	utf8_copy(user_prompt, sizeof(user_prompt), jstr(rq, after_tool ? "user_prompt" : "prompt"), SIZE_MAX);
	utf8_copy(first_title, sizeof(first_title), jstr(rq, after_tool ? "user_title" : "title"), SIZE_MAX);
	bool new_conversation = json_is_true(json_object_get(rq, "new_conversation"));
	rq = NULL;
	struct llm_endpoint ep;
	json_t *msgs = NULL, *tools = NULL;
	struct llm_result res = { 0 };
	enum llm_status st = LLM_CONFIG;
	char err[256] = "no text model is configured";
	int images = 0;
	struct branch_args b = { r.conv, jstr(job, "user_message_id"), NULL };
	if (after_tool) {
		/*
		 * Taken over after the tool ran: starting again would blank the reply
		 * already finished and make the image again. The turn ends here.
		 */
		int rc = store_update(app->store, takeover_end_txn, &r);
		log_msg("warn", "chat job %s taken over after an image_gen call: turn ended%s", r.id,
			rc == STORE_OK ? "" : " (not recorded)");
		goto done;
	}
	if (!llm_endpoint_text(cfg, &ep) || store_view(app->store, branch_txn, &b) != STORE_OK)
		goto finish;
	/* A job taken over after its worker died may have written part of a reply: start it again. */
	struct reset_args ra = { &r, false };
	if (store_view(app->store, look_txn, &ra) == STORE_OK && ra.had_text) {
		struct flush_args fa = { &r, true };
		store_update(app->store, flush_txn, &fa);
	}
	msgs = branch_messages(b.nodes, cfg);
	if (cfg->text_model_tools)
		tools = image_tool();
	for (int round = 0; round < MAX_ROUNDS; round++) {
		llm_result_free(&res);
		bool offer = tools != NULL && round < MAX_ROUNDS - 1;
		st = llm_chat(&ep, msgs, offer ? tools : NULL, on_text, should_stop, &r, &res, err, sizeof(err));
		flush(&r);
		if (r.lost || r.stop)
			goto finish;
		if (st != LLM_OK || !offer || json_array_size(res.tool_calls) == 0)
			break;
		/* The model called tools: run image_gen, answer every call, then let it answer. */
		json_t *results = json_array();
		json_array_append_new(msgs, json_pack("{s:s, s:s?, s:O}", "role", "assistant", "content",
						      res.text_len ? res.text : NULL, "tool_calls", res.tool_calls));
		const char *parent = r.msg_id;
		char parent_buf[UUID_LEN + 1], last_tool[UUID_LEN + 1] = "";
		snprintf(parent_buf, sizeof(parent_buf), "%s", r.msg_id);
		parent = parent_buf;
		bool recorded = false;
		size_t i;
		json_t *call;
		json_array_foreach(res.tool_calls, i, call) {
			const char *call_id = jstr(call, "id");
			json_t *fn = json_object_get(call, "function");
			char prompt[2048], style[RENDER_WORD_MAX], why[256] = "", content[ENGINE_PROMPT_MAX + 128];
			int w, h;
			if (strcmp(jstr(fn, "name"), "image_gen") != 0) {
				char name[64];
				utf8_copy(name, sizeof(name), jstr(fn, "name"), 60);
				snprintf(content, sizeof(content), "Unknown tool '%s': only image_gen exists.", name);
			} else if (images >= MAX_IMAGES_PER_TURN) {
				snprintf(content, sizeof(content), "Not run: at most %d images per reply.", MAX_IMAGES_PER_TURN);
			} else if (!image_args(cfg, jstr(fn, "arguments"), prompt, sizeof(prompt), style, sizeof(style), &w, &h,
					       why, sizeof(why))) {
				snprintf(content, sizeof(content), "Not run: %s.", why);
			} else {
				char title[128];
				engine_title(prompt, title, sizeof(title));
				struct image_call_args ia = { .r = &r, .parent = parent, .call_id = call_id, .prompt = prompt,
							      .style = style, .width = w, .height = h, .title = title,
							      .calls = recorded ? NULL : res.tool_calls };
				int rc = store_update(app->store, image_call_txn, &ia);
				if (rc != STORE_OK) {
					r.lost = rc == STORE_STOP;
					snprintf(err, sizeof(err), "the image could not be started");
					st = LLM_PROTOCOL;
					json_decref(results);
					goto finish;
				}
				recorded = true;
				images++;
				struct image_job_outcome out;
				struct job image;
				job_view(r.job, &image); /* what the call just recorded in it */
				image_job_run(app, engine, &image, stopping, &out);
				if (out.abandoned || out.lost) {
					r.lost = out.lost;
					r.stop = out.abandoned;
					json_decref(results);
					goto finish;
				}
				if (out.cancelled)
					r.cancel = true;
				if (out.ok) {
					snprintf(content, sizeof(content), "The image was created and is shown to the user. Prompt used: %s",
						 out.enhanced);
					snprintf(parent_buf, sizeof(parent_buf), "%s", out.assistant_id);
				} else {
					snprintf(content, sizeof(content), "The image could not be made: %s", out.error);
					snprintf(parent_buf, sizeof(parent_buf), "%s", ia.tool_id);
				}
				snprintf(last_tool, sizeof(last_tool), "%s", ia.tool_id);
			}
			json_t *result = json_pack("{s:s, s:s, s:s}", "role", "tool", "tool_call_id", call_id, "content", content);
			json_array_append(msgs, result);
			json_array_append_new(results, result);
		}
		if (last_tool[0]) {
			struct results_args xa = { &r, last_tool, results };
			store_update(app->store, results_txn, &xa);
		}
		json_decref(results);
		if (!recorded) {
			/* No image ran (bad arguments, unknown tool): the model answers in the same message. */
			if (r.cancel)
				break;
			continue;
		}
		if (r.cancel) {
			/* Cancelled during the image: the image message already says so; the turn ends there. */
			st = LLM_CANCELLED;
			struct new_msg_args na = { &r, parent };
			if (store_update(app->store, new_msg_txn, &na) != STORE_OK)
				goto finish;
			break;
		}
		struct new_msg_args na = { &r, parent };
		if (store_update(app->store, new_msg_txn, &na) != STORE_OK) {
			r.lost = true;
			goto finish;
		}
	}
finish:
	if (r.stop) {
		/* The worker is stopping: give the job back so another worker answers it now. */
		bool c, l;
		job_renew(app->store, r.id, r.claim, -1, &c, &l);
		log_msg("info", "chat job %s given back at shutdown", r.id);
	} else if (!r.lost) {
		char title[TITLE_MAX + 1] = "";
		struct final_args fa = { .r = &r };
		if (st == LLM_OK) {
			fa.status = "finished_successfully";
			fa.state = "done";
			fa.meta = json_pack("{s:{s:s}, s:s}", "finish_details", "type", "stop", "model_slug", ep.model);
		} else if (st == LLM_CANCELLED || r.cancel) {
			/* Stop generating: the reply ends cleanly with what was written. */
			fa.status = "finished_successfully";
			fa.state = "cancelled";
			fa.meta = json_pack("{s:{s:s}}", "finish_details", "type", "interrupted");
		} else {
			fa.status = "finished_with_error";
			fa.state = "failed";
			fa.meta = json_pack("{s:s, s:{s:s}}", "error", err[0] ? err : llm_strerror(st), "finish_details",
					    "type", "error");
			log_msg("warn", "chat job %s: %s", r.id, llm_strerror(st));
		}
		if (new_conversation) {
			if (st == LLM_OK)
				model_title(cfg, user_prompt, res.text ? res.text : "", should_stop, &r, title, sizeof(title));
			if (title[0] == '\0')
				utf8_copy(title, sizeof(title), first_title, 80);
			fa.title = title;
		}
		int rc = store_update(app->store, final_txn, &fa);
		if (rc == STORE_STOP)
			log_msg("warn", "chat job %s was taken over by another worker; result dropped", r.id);
		else if (rc != STORE_OK)
			log_msg("error", "chat job %s: cannot record the reply: %s", r.id, store_strerror(rc));
	}
done:
	llm_result_free(&res);
	json_decref(msgs);
	json_decref(tools);
	json_decref(b.nodes);
	free(r.pending);
}

int chat_job_end(struct store_txn *txn, json_t *job, const char *state, const char *reason)
{
	if (jstr(job, "tool_message_id")[0] == '\0')
		return chat_end_without_reply(txn, job, state, reason);
	/* A chat turn past an image_gen call: the tool message (unless done) and any reply after it end. */
	int rc = image_job_ended(txn, job) ? STORE_OK : image_job_end(txn, job, state, reason, false);
	if (rc == STORE_OK)
		rc = chat_close_after_tool(txn, job, state, reason);
	return rc;
}
