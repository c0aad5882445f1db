/*
 * offload: CPU-heavy work on untrusted input (decoding an uploaded image and
 * making its thumbnail) run on a thread of its own at a lower priority than
 * the request threads, so that other users' requests in the same worker keep
 * the CPU while it runs. The request thread waits for it.
 *
 * Each worker runs at most `slots` such jobs at once and at most one per user:
 * a second upload of a user whose first is still being decoded, or one that
 * finds every slot taken, is refused at once (the caller answers 429 / 503
 * with Retry-After) instead of holding a request thread in a queue. One user's
 * uploads thus hold at most one request thread per worker.
 */
#ifndef IMAGES_OFFLOAD_H
#define IMAGES_OFFLOAD_H

enum offload_rc {
	OFFLOAD_RAN,       /* fn ran to its end */
	OFFLOAD_USER_BUSY, /* this user already has a job running in this worker */
	OFFLOAD_FULL,      /* every slot of this worker is taken */
	OFFLOAD_ERROR,     /* no thread could be started */
};

/* Sets the number of slots (at least 1); called once before request threads start. */
void offload_init(unsigned slots);
/* Runs fn(arg) on a lower-priority thread for user and waits for it. */
enum offload_rc offload_run(const char *user, void (*fn)(void *), void *arg);

#endif
