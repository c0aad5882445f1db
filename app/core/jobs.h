/*
 * jobs: the generation queue and each turn's event log, in LMDB.
 *
 * A job is JSON {id, owner, conversation_id, turn, tool_message_id, request,
 * state "queued"|"running"|"done"|"failed"|"cancelled", created_us, attempts,
 * claim (a random token of the current holder), cancel, last_position}.
 * Queued jobs wait in DB_JOB_QUEUE, oldest first; a claimed job moves to
 * DB_JOB_RUNNING under (owner, id) with a lease end that its render thread
 * renews. A render thread in any worker process claims the oldest queued job
 * whose owner runs fewer than the per-user maximum, and first returns jobs
 * whose lease ran out (their worker died) to the queue, so they finish
 * elsewhere. Only the holder of the current claim token may finish a job.
 *
 * Each turn's stream is an append-only log of events (DB_EVENTS, keyed
 * (conversation, turn, seq)), written in the same transactions as the
 * messages they describe. A stream handler follows the log; resume replays it
 * from an offset. Values handed out are new references the caller decrefs.
 */
#ifndef IMAGES_JOBS_H
#define IMAGES_JOBS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "clock.h"
#include "store.h"

/*
 * A claimed job as the code that runs it sees it, decoded once from the stored
 * object job_claim() returns: the strings and the request are borrowed from
 * json, which stays the caller's. A missing string is "", a missing request an
 * empty object's NULL.
 */
struct job {
	json_t *json;
	const char *id, *claim, *kind, *owner;
	const char *conversation_id, *tool_message_id;
	uint32_t turn;
	long long attempts;
	const json_t *request;
};

/* Decodes j into v. 0, or -1 when j is not an object or lacks an id, a claim or a conversation. */
int job_view(json_t *j, struct job *v);

/* Adds a queued job (its id, owner and created_us must be set). */
int job_enqueue(struct store_txn *txn, json_t *job);
int job_get(struct store_txn *txn, const char *id, json_t **out);
int job_put(struct store_txn *txn, const json_t *job);
/* Jobs of owner waiting or running: for the per-user queue cap. */
int job_count_active(struct store_txn *txn, const char *owner, size_t *queued, size_t *running);
/* 1-based place of a queued job among its owner's queued jobs, 0 when not queued. */
int job_position(struct store_txn *txn, const json_t *job, int *position);

/*
 * Claims the next job this thread may run. Returns STORE_OK with the job (its
 * claim token set, state running) in *out, or STORE_NOTFOUND when nothing is
 * claimable now.
 */
int job_claim(struct store *s, int64_t lease_ms, unsigned max_running_per_user, json_t **out);
/*
 * Extends the lease of a job this thread holds. *cancel is set when a cancel
 * was asked; *lost when another thread has taken the job over.
 */
int job_renew(struct store *s, const char *id, const char *claim, int64_t lease_ms, bool *cancel,
	      bool *lost);
/*
 * How often a holder renews a lease of lease_ms: every 3 s, or a third of the
 * lease when that is shorter, so two renewals can fail before it lapses.
 */
int64_t job_renew_every_ms(int64_t lease_ms);
/*
 * A job claimed more often than this (its workers died or it kept failing to
 * record) is not run again: the runner ends it failed.
 */
#define JOB_MAX_ATTEMPTS 5
/*
 * A read-only look at a job this thread holds, cheaper than job_renew() so a
 * render can poll for a cancel often: *cancel is set when a cancel was asked,
 * *lost when claim no longer holds the job. Returns the store's status.
 */
int job_poll_cancel(struct store *s, const char *id, const char *claim, bool *cancel, bool *lost);
/* Inside the finishing transaction: true when claim still holds the job. */
bool job_held(struct store_txn *txn, const char *id, const char *claim, json_t **job);
/* Inside a transaction: ends the job in state, dropping its queue or running entry. */
int job_end(struct store_txn *txn, json_t *job, const char *state);
/* Asks the job to stop: a queued job ends at once (returns 1), a running one at its next check (0). */
int job_request_cancel(struct store_txn *txn, json_t *job);

/* Appends one event ({"e": name or null, "d": data}) to a turn's log; *seq gets its number. */
int events_append(struct store_txn *txn, const char *conv_id, uint32_t turn, const char *event,
		  const char *data, uint32_t *seq);
/* Appends a delta event (event "delta", data = v serialised). Takes v's reference, on failure too. */
int events_append_delta(struct store_txn *txn, const char *conv_id, uint32_t turn, json_t *v);
/*
 * Appends the events that end a turn: title_generation when title is not NULL,
 * then message_stream_complete, then [DONE]. The one place a turn is closed.
 */
int events_close_turn(struct store_txn *txn, const char *conv_id, uint32_t turn, const char *title);
/*
 * Closes the turn of job (events_close_turn), with a title when its request
 * started a new conversation: title, or when NULL the conversation's stored one.
 */
int events_append_closing(struct store_txn *txn, const json_t *job, const char *title);
/* Calls fn for each event of the turn from seq from on, in order; fn returns STORE_STOP to stop. */
typedef int (*event_fn)(uint32_t seq, const char *event, const char *data, void *ctx);
int events_read(struct store_txn *txn, const char *conv_id, uint32_t turn, uint32_t from, event_fn fn,
		void *ctx);

#endif
