/*
 * Unit tests for notify: wake-ups within a process, across processes through
 * the socket directory, only after a commit, and past a killed worker's socket.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "notify.h"
#include "store.h"
#include "tap.h"

struct sender {
	uint32_t key;
	int after_ms;
};

static void *send_later(void *arg)
{
	struct sender *s = arg;
	usleep((useconds_t)s->after_ms * 1000);
	notify_send(&s->key, 1);
	return NULL;
}

static int notify_txn(struct store_txn *txn, void *arg)
{
	const int *commit = arg;
	store_txn_notify(txn, 7);
	return *commit ? STORE_OK : STORE_STOP;
}

static size_t count_sockets(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "ls %s | grep -c 'sock$'", dir);
	FILE *p = popen(cmd, "r");
	unsigned long n = 0;
	if (p != NULL) {
		if (fscanf(p, "%lu", &n) != 1)
			n = 0;
		pclose(p);
	}
	return n;
}

int main(void)
{
	char tmp[256], dir[300];
	ok(tap_tmpdir(tmp, sizeof(tmp)) != NULL, "a temporary directory");
	snprintf(dir, sizeof(dir), "%s/notify", tmp);

	/* ---- keys ---- */
	bool jobs_free = true;
	char id[40];
	for (uint32_t i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "conv-%u", i);
		if (notify_key_turn(id, i % 7) == NOTIFY_JOBS)
			jobs_free = false;
	}
	ok(jobs_free, "no turn's key is the jobs key");
	ok(notify_key_turn("a", 1) == notify_key_turn("a", 1) && notify_key_turn("a", 1) != notify_key_turn("a", 2),
	   "a turn's key is stable and differs from the next turn's");

	/* ---- within this process ---- */
	uint32_t k = 5;
	uint64_t g = notify_gen(k);
	int64_t t0 = now_ms();
	ok(!notify_wait(k, g, 120), "nothing sent: the wait times out");
	int64_t waited = now_ms() - t0;
	ok(waited >= 100 && waited < 1000, "after about its timeout (%lld ms)", (long long)waited);
	struct sender s = { k, 50 };
	pthread_t th;
	pthread_create(&th, NULL, send_later, &s);
	t0 = now_ms();
	bool woke = notify_wait(k, g, 5000);
	waited = now_ms() - t0;
	pthread_join(th, NULL);
	ok(woke && waited < 1000, "a send from another thread wakes the waiter (%lld ms)", (long long)waited);
	g = notify_gen(k);
	notify_send(&k, 1);
	ok(notify_wait(k, g, 0), "a send between taking the generation and waiting is not lost");

	uint32_t many[NOTIFY_MAX_KEYS + 1];
	for (size_t i = 0; i < NOTIFY_MAX_KEYS + 1; i++)
		many[i] = (uint32_t)(100 + i);
	uint64_t gj = notify_gen(NOTIFY_JOBS), g9 = notify_gen(9);
	notify_send(many, NOTIFY_MAX_KEYS + 1);
	ok(notify_wait(NOTIFY_JOBS, gj, 0) && notify_wait(9, g9, 0), "more keys than fit wake every waiter");

	/* ---- only after a commit ---- */
	char dbdir[320];
	snprintf(dbdir, sizeof(dbdir), "%s/db", tmp);
	mkdir(dbdir, 0700);
	struct store *st = NULL;
	char err[256] = "";
	struct store_opts o = { .map_bytes = 8u << 20, .map_max_bytes = 64u << 20, .max_readers = 64 };
	ok(store_open(&st, dbdir, &o, err, sizeof(err)) == STORE_OK, "open a store (%s)", err);
	int commit = 0;
	g = notify_gen(7);
	store_update(st, notify_txn, &commit);
	ok(!notify_wait(7, g, 50), "an aborted transaction wakes nobody");
	commit = 1;
	ok(store_update(st, notify_txn, &commit) == STORE_OK && notify_wait(7, g, 0),
	   "a committed one wakes the waiters of its keys");
	store_close(st);

	/* ---- across processes ---- */
	int ready[2], result[2];
	if (pipe(ready) != 0 || pipe(result) != 0)
		return 1;
	pid_t child = fork();
	if (child == 0) {
		close(ready[0]);
		close(result[0]);
		if (notify_start(dir) != 0)
			_exit(3);
		uint64_t cg = notify_gen(42);
		if (write(ready[1], "r", 1) != 1)
			_exit(3);
		int64_t c0 = now_ms();
		bool cw = notify_wait(42, cg, 5000);
		int64_t ms = now_ms() - c0;
		char line[64];
		int n = snprintf(line, sizeof(line), "%d %lld", cw ? 1 : 0, (long long)ms);
		if (write(result[1], line, (size_t)n) != n)
			_exit(3);
		notify_stop();
		_exit(0);
	}
	close(ready[1]);
	close(result[1]);
	ok(notify_start(dir) == 0, "this process listens in %s", dir);
	struct stat sb;
	ok(stat(dir, &sb) == 0 && (sb.st_mode & 0777) == 0700, "the directory is 0700");
	char r;
	ok(read(ready[0], &r, 1) == 1, "the other process listens too");
	ok(count_sockets(dir) == 2, "two sockets in the directory");
	uint32_t key = 42;
	usleep(20000);
	notify_send(&key, 1);
	char line[64] = "";
	ssize_t got = read(result[0], line, sizeof(line) - 1);
	line[got > 0 ? got : 0] = '\0';
	int cw = 0;
	long long ms = -1;
	sscanf(line, "%d %lld", &cw, &ms);
	ok(cw == 1 && ms >= 0 && ms < 1000, "a send here wakes a waiter there (%s)", line);
	int status = 0;
	waitpid(child, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the other process stopped cleanly");
	ok(count_sockets(dir) == 1, "its socket is gone with it");

	/* ---- a worker killed with its socket left behind ---- */
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int w = snprintf(a.sun_path, sizeof(a.sun_path), "%s/99999-deadbeef.sock", dir);
	ok(w > 0 && (size_t)w < sizeof(a.sun_path), "a short enough path");
	const char *dead = a.sun_path;
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	ok(fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0, "a socket nobody will read");
	close(fd);
	struct notify_stats before, after;
	notify_get_stats(&before);
	notify_send(&key, 1);
	notify_get_stats(&after);
	ok(after.stale == before.stale + 1 && access(dead, F_OK) != 0, "a send finds it dead and removes it");

	notify_stop();
	ok(count_sockets(dir) == 0, "stopping removes this process's socket");
	return tap_done();
}
