#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"

/* ---- the waiter table holds every thread a worker may run ---- */

static pthread_mutex_t hold_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hold_cond = PTHREAD_COND_INITIALIZER;
static bool holding, release_writer;

static int hold_writer(struct store_txn *txn, void *arg)
{
	pthread_mutex_lock(&hold_lock);
	holding = true;
	pthread_cond_broadcast(&hold_cond);
	while (!release_writer)
		pthread_cond_wait(&hold_cond, &hold_lock);
	pthread_mutex_unlock(&hold_lock);
	return STORE_OK;
}

static int noop_txn(struct store_txn *txn, void *arg)
{
	return STORE_OK;
}

static void *writer_thread(void *arg)
{
	store_update(arg, hold_writer, NULL);
	return NULL;
}

static void *waiter_thread(void *arg)
{
	store_update(arg, noop_txn, NULL);
	return NULL;
}

static void on_nudge(int sig)
{
	(void)sig;
}

#define MANY_WAITERS 320 /* 256 request threads + 64 render threads */

static void many_waiters(struct store *s)
{
	struct sigaction sa = {0};
	sa.sa_handler = on_nudge;
	sa.sa_flags = SA_RESTART;
	sigaction(STORE_NUDGE_SIGNAL, &sa, NULL);
	static pthread_t w[MANY_WAITERS];
	pthread_t holder;
	pthread_create(&holder, NULL, writer_thread, s);
	pthread_mutex_lock(&hold_lock);
	while (!holding)
		pthread_cond_wait(&hold_cond, &hold_lock);
	pthread_mutex_unlock(&hold_lock);
	int started = 0;
	for (int i = 0; i < MANY_WAITERS; i++)
		if (pthread_create(&w[i], NULL, waiter_thread, s) == 0)
			started++;
	unsigned nudged = 0;
	for (int tries = 0; tries < 50 && nudged < (unsigned)started; tries++) {
		usleep(100000);
		nudged = store_nudge_waiters(s, 0);
	}
	ok(started == MANY_WAITERS && nudged == (unsigned)started,
	   "all %d threads waiting on the writer lock can be nudged (%u)", started, nudged);
	ok(store_waiters_missed(s) == 0, "no wait missed the waiter table");
	pthread_mutex_lock(&hold_lock);
	release_writer = true;
	pthread_cond_broadcast(&hold_cond);
	pthread_mutex_unlock(&hold_lock);
	pthread_join(holder, NULL);
	for (int i = 0; i < started; i++)
		pthread_join(w[i], NULL);
}

struct put_ctx {
	const char *user;
	uint64_t t;
	const char *id;
	size_t vlen;
};

static int put_listing(struct store_txn *txn, void *arg)
{
	struct put_ctx *p = arg;
	struct store_key k;
	store_key_init(&k);
	store_key_str(&k, p->user);
	store_key_u64(&k, p->t);
	store_key_str(&k, p->id);
	static char big[1 << 16];
	return store_put(txn, DB_RATELIMIT, k.b, k.len, big, p->vlen, 0);
}

struct page_ctx {
	char ids[16][32];
	size_t n, max;
	uint8_t last[STORE_KEY_MAX];
	size_t lastlen;
};

static int collect(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct page_ctx *p = arg;
	const char *k = key->data;
	size_t ulen = strlen(k) + 1;
	snprintf(p->ids[p->n], sizeof(p->ids[0]), "%s", k + ulen + 8);
	memcpy(p->last, key->data, key->len);
	p->lastlen = key->len;
	return ++p->n == p->max ? STORE_STOP : STORE_OK;
}

struct scan_args {
	const char *user;
	bool reverse;
	struct page_ctx *page;
	bool from_last;
};

static int scan_page(struct store_txn *txn, void *arg)
{
	struct scan_args *a = arg;
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, a->user);
	uint8_t start[STORE_KEY_MAX];
	size_t slen = a->page->lastlen;
	memcpy(start, a->page->last, slen);
	a->page->n = 0;
	return store_scan(txn, DB_RATELIMIT, prefix.b, prefix.len, a->from_last ? start : NULL, slen,
			  false, a->reverse, collect, a->page);
}

static int fail_after_put(struct store_txn *txn, void *arg)
{
	int rc = store_put(txn, DB_META, "ghost", 5, "x", 1, 0);
	return rc == STORE_OK ? STORE_CORRUPT : rc;
}

static int read_ghost(struct store_txn *txn, void *arg)
{
	struct store_val v;
	return store_get(txn, DB_META, "ghost", 5, &v);
}

static int put_unique(struct store_txn *txn, void *arg)
{
	return store_put(txn, DB_META, "once", 4, "1", 1, STORE_NOOVERWRITE);
}

static int count_users(struct store_txn *txn, void *arg)
{
	return store_count(txn, DB_RATELIMIT, arg);
}

static int die_in_txn(struct store_txn *txn, void *arg)
{
	kill(getpid(), SIGKILL);
	return STORE_OK;
}

int main(void)
{
	char dir[256];
	char err[256];
	tap_tmpdir(dir, sizeof(dir));
	struct store *s;
	struct store_opts o = { .map_bytes = 1 << 20, .map_max_bytes = 64 << 20, .max_readers = 126 };
	ok(store_open(&s, dir, &o, err, sizeof(err)) == STORE_OK, "open a fresh store (%s)", err);

	/* Time-ordered listing keys: two users interleaved, pages by cursor. */
	const char *users[] = { "user-a", "user-b" };
	for (int i = 0; i < 10; i++) {
		for (int u = 0; u < 2; u++) {
			char id[16];
			snprintf(id, sizeof(id), "id%02d", i);
			struct put_ctx p = { users[u], 1000 + (uint64_t)i * 256, id, 8 };
			store_update(s, put_listing, &p);
		}
	}
	struct page_ctx page = { .max = 4 };
	struct scan_args args = { "user-a", true, &page, false };
	ok(store_view(s, scan_page, &args) == STORE_OK && page.n == 4, "first page has 4 items");
	ok(strcmp(page.ids[0], "id09") == 0 && strcmp(page.ids[3], "id06") == 0,
	   "newest first: %s..%s", page.ids[0], page.ids[3]);
	args.from_last = true;
	store_view(s, scan_page, &args);
	ok(page.n == 4 && strcmp(page.ids[0], "id05") == 0 && strcmp(page.ids[3], "id02") == 0,
	   "second page continues after the cursor: %s..%s", page.ids[0], page.ids[3]);
	store_view(s, scan_page, &args);
	ok(page.n == 2 && strcmp(page.ids[1], "id00") == 0, "last page is short and stays in user-a");
	struct page_ctx fwd = { .max = 16 };
	struct scan_args fargs = { "user-b", false, &fwd, false };
	store_view(s, scan_page, &fargs);
	ok(fwd.n == 10 && strcmp(fwd.ids[0], "id00") == 0 && strcmp(fwd.ids[9], "id09") == 0,
	   "forward scan sees exactly user-b's 10 items");
	struct page_ctx none = { .max = 16 };
	struct scan_args nargs = { "user-", true, &none, false };
	store_view(s, scan_page, &nargs);
	ok(none.n == 0, "a prefix of another user's id matches nothing (ids are NUL-terminated)");

	/* Aborted writes leave nothing behind. */
	ok(store_update(s, fail_after_put, NULL) == STORE_CORRUPT, "a failing callback's error is returned");
	ok(store_view(s, read_ghost, NULL) == STORE_NOTFOUND, "and its write was rolled back");
	ok(store_update(s, put_unique, NULL) == STORE_OK, "NOOVERWRITE insert");
	ok(store_update(s, put_unique, NULL) == STORE_EXISTS, "NOOVERWRITE refuses a second insert");

	/* Map growth: 1 MiB map, write ~8 MiB of values. */
	size_t before = store_map_size(s);
	int rc = STORE_OK;
	for (int i = 0; i < 200 && rc == STORE_OK; i++) {
		char id[16];
		snprintf(id, sizeof(id), "big%03d", i);
		struct put_ctx p = { "user-c", (uint64_t)i, id, 40000 };
		rc = store_update(s, put_listing, &p);
	}
	size_t count = 0;
	store_view(s, count_users, &count);
	ok(rc == STORE_OK && count == 20 + 200, "200 large writes succeed past the initial map (%zu entries)",
	   count);
	ok(store_map_size(s) > before, "the map grew from %zu to %zu", before, store_map_size(s));

	/* A hard maximum is honoured: STORE_FULL, and nothing half-written. */
	store_close(s);
	struct store_opts tiny = { .map_bytes = 1 << 20, .map_max_bytes = 16 << 20, .max_readers = 126 };
	ok(store_open(&s, dir, &tiny, err, sizeof(err)) == STORE_OK, "reopen with a 16 MiB cap");
	rc = STORE_OK;
	int i;
	for (i = 0; i < 1000 && rc == STORE_OK; i++) {
		char id[16];
		snprintf(id, sizeof(id), "cap%03d", i);
		struct put_ctx p = { "user-d", (uint64_t)i, id, 60000 };
		rc = store_update(s, put_listing, &p);
	}
	ok(rc == STORE_FULL, "writes past the cap fail with STORE_FULL after %d", i);
	ok(store_update(s, put_unique, NULL) == STORE_EXISTS, "the store still works after STORE_FULL");
	store_close(s);

	/* Another process's committed write is visible; a SIGKILLed reader's slot is reclaimed. */
	pid_t pid = fork();
	if (pid == 0) {
		struct store *cs;
		if (store_open(&cs, dir, &o, err, sizeof(err)) != STORE_OK)
			_exit(1);
		struct put_ctx p = { "user-e", 1, "child", 8 };
		_exit(store_update(cs, put_listing, &p) == STORE_OK ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "a child process wrote");
	ok(store_open(&s, dir, &o, err, sizeof(err)) == STORE_OK, "reopen in the parent");
	struct page_ctx child = { .max = 16 };
	struct scan_args cargs = { "user-e", false, &child, false };
	store_view(s, scan_page, &cargs);
	ok(child.n == 1 && strcmp(child.ids[0], "child") == 0, "the child's write is there");
	pid = fork();
	if (pid == 0) {
		struct store *cs;
		if (store_open(&cs, dir, &o, err, sizeof(err)) != STORE_OK)
			_exit(1);
		store_view(cs, die_in_txn, NULL);
		_exit(1);
	}
	waitpid(pid, &status, 0);
	ok(WIFSIGNALED(status), "a reader was SIGKILLed inside its transaction");
	int dead = -1;
	ok(store_reader_check(s, &dead) == STORE_OK && dead == 1, "reader check cleared its slot (%d)", dead);

	struct store_key k;
	store_key_init(&k);
	char huge[600];
	memset(huge, 'x', sizeof(huge) - 1);
	huge[sizeof(huge) - 1] = '\0';
	store_key_str(&k, huge);
	ok(k.overflow, "a key past STORE_KEY_MAX is flagged");
	ok(strcmp(store_strerror(STORE_FULL), "database is full") == 0, "store_strerror");
	many_waiters(s);
	store_close(s);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleanup");
	return tap_done();
}
