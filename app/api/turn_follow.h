/*
 * turn_follow: a turn's events as Server-Sent Events: the follower that streams
 * a turn's log until [DONE], the resume and stream-status routes, and the
 * lookup of a conversation's latest turn they share with prepare and cancel.
 */
#ifndef IMAGES_TURN_FOLLOW_H
#define IMAGES_TURN_FOLLOW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "encode.h"
#include "http.h"
#include "store.h"

/* A conversation's latest turn: in conv_id and owner; out the rest (conv: a reference to release). */
struct latest_ctx {
	const char *conv_id, *owner;
	uint32_t turn;
	char job_id[UUID_LEN + 1];
	char state[16];
	json_t *conv;
};

/*
 * Inside a read or write transaction: the conversation (owned and visible, else
 * STORE_NOTFOUND) and the state of its latest turn's job into l.
 */
int turn_latest_txn(struct store_txn *txn, void *arg);
/* Whether a job state still produces events (queued or running). */
bool turn_streaming(const char *state);
/* What a follower's callback did; FOLLOW_GONE: the client left. */
enum follow_step { FOLLOW_ON, FOLLOW_SENT, FOLLOW_STOP, FOLLOW_GONE };

/*
 * One follower of a turn's event log, for the conversation stream and the
 * OpenAI-compatible routes alike. It reads the log from `next` in short read
 * transactions and hands each event, in order, to on_event ([DONE] included,
 * after which it stops with done set); after each pass it calls after_pass (may
 * be NULL), which may stop it. With ping set, a comment goes out when nothing
 * was sent for 15 s, which keeps proxies open and notices a client that left.
 * A callback that answers FOLLOW_SENT counts as sending.
 */
struct follower {
	struct request *req;
	const char *conv_id;
	uint32_t turn, next;
	bool ping;
	enum follow_step (*on_event)(struct follower *f, const char *event, const char *data);
	enum follow_step (*after_pass)(struct follower *f);
	void *arg;
	bool done, gone; /* out: [DONE] was read; the client left */
};
void follow_events(struct follower *f);

/*
 * Streams the turn's events from `from` until [DONE] or the client leaves, with
 * the queued job's place in its owner's queue while it waits.
 */
void turn_follow(struct request *req, const char *conv_id, uint32_t turn, const char *job_id, uint32_t from);

#endif
