/*
 * turn_follow: following a turn's events (turn_follow.h).
 */
#include "turn_follow.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conversations.h"
#include "jobs.h"
#include "notify.h"
#include "turn_request.h"
#include "validate.h"

#define PING_S 15
/* A follower wakes when its turn's log grows (notify.h); this is only the safety net. */
#define FOLLOW_SAFETY_MS 1000

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* ---- the one follower of a turn's log ---- */

struct follow_pass {
	struct follower *f;
	bool sent;
};

static int pass_event(uint32_t seq, const char *event, const char *data, void *arg)
{
	struct follow_pass *p = arg;
	struct follower *f = p->f;
	if (seq != f->next)
		return STORE_STOP;
	enum follow_step step = f->on_event(f, event, data);
	if (step == FOLLOW_GONE) {
		f->gone = true;
		return STORE_STOP;
	}
	p->sent |= step == FOLLOW_SENT;
	f->next = seq + 1;
	if (strcmp(data, "[DONE]") == 0) {
		f->done = true;
		return STORE_STOP;
	}
	return STORE_OK;
}

static int pass_txn(struct store_txn *txn, void *arg)
{
	struct follow_pass *p = arg;
	return events_read(txn, p->f->conv_id, p->f->turn, p->f->next, pass_event, p);
}

void follow_events(struct follower *f)
{
	time_t last_send = time(NULL);
	uint32_t key = notify_key_turn(f->conv_id, f->turn);
	while (!f->done && !f->gone) {
		struct follow_pass p = { f, false };
		uint64_t gen = notify_gen(key);
		store_view(f->req->app->store, pass_txn, &p);
		if (f->gone)
			break;
		enum follow_step step = f->after_pass != NULL ? f->after_pass(f) : FOLLOW_ON;
		if (step == FOLLOW_GONE) {
			f->gone = true;
			break;
		}
		if (p.sent || step == FOLLOW_SENT)
			last_send = time(NULL);
		if (f->done || step == FOLLOW_STOP)
			break;
		/* A client that left is noticed within the safety wait, not at the next event. */
		if (req_peer_closed(f->req)) {
			f->gone = true;
			break;
		}
		if (f->ping && time(NULL) - last_send >= PING_S) {
			if (sse_comment(f->req, "ping") != 0) {
				f->gone = true;
				break;
			}
			last_send = time(NULL);
		}
		notify_wait(key, gen, FOLLOW_SAFETY_MS);
	}
}

/* ---- the conversation stream: every event as it is, and the queue position ---- */

struct position_args {
	const char *job_id;
	const char *conv_id;
	uint32_t turn;
	time_t last;
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

static enum follow_step send_event(struct follower *f, const char *event, const char *data)
{
	return sse_send(f->req, event, data) == 0 ? FOLLOW_SENT : FOLLOW_GONE;
}

/* Once a second while the job waits: its place in the queue, as an event the next pass sends. */
static enum follow_step update_position(struct follower *f)
{
	struct position_args *pa = f->arg;
	time_t now = time(NULL);
	if (!f->done && pa->job_id != NULL && pa->job_id[0] && now != pa->last) {
		pa->last = now;
		store_update(f->req->app->store, position_txn, pa);
	}
	return FOLLOW_ON;
}

void turn_follow(struct request *req, const char *conv_id, uint32_t turn, const char *job_id,
		   uint32_t from)
{
	struct position_args pa = { job_id, conv_id, turn, 0 };
	struct follower f = { .req = req, .conv_id = conv_id, .turn = turn, .next = from, .ping = true,
			      .on_event = send_event, .after_pass = update_position, .arg = &pa };
	follow_events(&f);
}

int turn_latest_txn(struct store_txn *txn, void *arg)
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

bool turn_streaming(const char *state)
{
	return strcmp(state, "queued") == 0 || strcmp(state, "running") == 0;
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
	int rc = store_view(req->app->store, turn_latest_txn, &l);
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
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
		turn_answer_store_error(req, rc);
		goto out;
	}
	if (!oa.consumed_exist) {
		resp_error(req, 400, "offset: more events than this turn has sent");
		goto out;
	}
	if (sse_start(req) != 0)
		goto out;
	/* A finished turn with nothing after offset: the rest is empty, the stream ends now. */
	if (turn_streaming(l.state) || oa.rest)
		turn_follow(req, b.conversation_id.s, l.turn, l.job_id, (uint32_t)b.offset);
out:
	json_decref(body);
}

void api_stream_status(struct request *req)
{
	struct latest_ctx l = { .conv_id = req->captures[0], .owner = req->user.id };
	int rc = store_view(req->app->store, turn_latest_txn, &l);
	if (rc != STORE_OK) {
		turn_answer_store_error(req, rc);
		return;
	}
	json_decref(l.conv);
	resp_json(req, 200, json_pack("{s:s}", "status", turn_streaming(l.state) ? "IS_STREAMING" : "COMPLETE"));
}
