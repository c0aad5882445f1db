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
/*
 * Streams the turn's events from `from` until [DONE] or the client leaves. The
 * log is read in short read transactions; a ping every 15 s keeps proxies
 * open and notices a client that left.
 */
void turn_follow(struct request *req, const char *conv_id, uint32_t turn, const char *job_id, uint32_t from);

#endif
