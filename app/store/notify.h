/*
 * notify: wake-ups after a commit, within a process and across the workers.
 *
 * LMDB stays the truth; a notification only says "look again". A writer names
 * what it changed as a key (a turn's event log, or NOTIFY_JOBS for "a job may be
 * claimable") on its write transaction (store_txn_notify in store.h); once the
 * transaction commits, the store calls notify_send with those keys. Waiters in
 * this process wake at once; every other worker gets one datagram on its unix
 * socket in the shared directory (<data_dir>/run/notify/<pid>-<random>.sock),
 * whose listener thread wakes its own waiters.
 *
 * A waiter takes the key's generation (notify_gen) before it reads the store
 * and waits for it to change (notify_wait). Since the send follows the commit,
 * a commit the read missed always changes the generation afterwards: no lost
 * wake-up. A datagram can still be dropped (a full socket buffer, a listener
 * that died with kill -9 and its socket left behind), so every waiter also has a
 * timeout: the slow poll is kept as the safety net, never the path.
 *
 * Keys hash into a fixed set of buckets; two keys may share one, which only
 * wakes a waiter that finds nothing new and waits again. Sending never blocks.
 */
#ifndef IMAGES_NOTIFY_H
#define IMAGES_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The key of "a job was queued or a running one ended": what idle render threads wait for. */
#define NOTIFY_JOBS 0u
/* At most this many keys travel in one notification; more wake everyone. */
#define NOTIFY_MAX_KEYS 16

/* The key of a conversation turn's event log (never NOTIFY_JOBS). */
uint32_t notify_key_turn(const char *conv_id, uint32_t turn);

/*
 * Starts this process's listener: makes dir (0700) when missing, binds a socket
 * in it and starts its thread. 0, or -1 with errno (the process then still
 * wakes its own waiters; others reach it by their timeouts).
 */
int notify_start(const char *dir);
/* Stops the listener, removes its socket and wakes every waiter of this process. */
void notify_stop(void);

/* Wakes the waiters of keys here and in every other started process. */
void notify_send(const uint32_t *keys, size_t n);
/* Wakes every waiter of this process (shutdown). */
void notify_wake_all(void);

/* The current generation of key: take it before reading the store. */
uint64_t notify_gen(uint32_t key);
/*
 * Waits until key's generation is no longer gen, or timeout_ms passes. true
 * when woken (or it had changed already), false on timeout.
 */
bool notify_wait(uint32_t key, uint64_t gen, int timeout_ms);

/* Datagrams sent, received, and peers found gone (their sockets removed): for tests and logs. */
struct notify_stats {
	uint64_t sent, received, dropped, stale;
};
void notify_get_stats(struct notify_stats *out);

#endif
