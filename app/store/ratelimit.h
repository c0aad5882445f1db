/*
 * ratelimit: fixed-window counters kept in LMDB, so every worker process
 * sees the same counts (workers are stateless).
 *
 * A limiter is a name ("login:acct:bob@example.com") with a count and the end
 * of its window. A window starts at the first hit; when it ends, the count
 * starts again from zero. ratelimit_purge() drops windows that ended.
 */
#ifndef IMAGES_RATELIMIT_H
#define IMAGES_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/*
 * Takes one hit from each of n limiters in one write transaction, before the
 * work they limit: STORE_OK with every count raised, or STORE_EXISTS (nothing
 * counted, *retry_after set) when any of them has reached its limit. Concurrent
 * callers cannot overrun a limit: each hit is counted before it is checked.
 */
int ratelimit_take(struct store *s, const char *const *names, const unsigned *limits, size_t n,
		   unsigned window_s, int64_t now, int64_t *retry_after);
/*
 * One hit of user's per-minute allowance for kind ("upload", "openai"):
 * ratelimit_take on the limiter "kind:user" with a 60 s window. A limit of 0
 * is no limit (STORE_OK).
 */
int ratelimit_per_minute(struct store *s, const char *kind, const char *user, unsigned limit, int64_t now,
			 int64_t *retry_after);
/* Gives back one hit taken from name (the attempt did not count, a right password for example). */
int ratelimit_give_back(struct store *s, const char *name, int64_t now);
/*
 * Inside a write transaction: marks name as used until `until` (a window of one
 * hit). STORE_OK the first time, STORE_EXISTS while an earlier mark lives. For
 * things that may happen once, such as spending a token.
 */
int ratelimit_once_txn(struct store_txn *txn, const char *name, int64_t until, int64_t now);
/* Forgets name (for example after a successful login). */
int ratelimit_reset(struct store *s, const char *name);
/* Deletes ended windows; *purged gets how many. */
int ratelimit_purge(struct store *s, int64_t now, unsigned *purged);

#endif
