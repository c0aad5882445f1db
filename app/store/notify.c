/*
 * notify: wake-ups after a commit (notify.h).
 */
#include "notify.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "encode.h"

#define BUCKETS 256u
#define MAX_PEERS 128
#define LISTEN_TICK_MS 250
#define SOCK_SUFFIX ".sock"

struct bucket {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	uint64_t gen;
};

static struct bucket buckets[BUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

/* The peers' socket paths, read again when the directory changes. */
static struct {
	pthread_mutex_t lock;
	char dir[PATH_MAX];
	char self[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct sockaddr_un addr[MAX_PEERS];
	size_t n;
	struct timespec mtime;
	bool scanned, settled;
	bool owe_all; /* a datagram was dropped (a full queue): the next send wakes everything */
	int send_fd, recv_fd;
	pthread_t thread;
	bool started;
	atomic_bool stop;
} ch = { .lock = PTHREAD_MUTEX_INITIALIZER, .send_fd = -1, .recv_fd = -1 };

static atomic_uint_fast64_t n_sent, n_received, n_dropped, n_stale;

static void buckets_init(void)
{
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	for (unsigned i = 0; i < BUCKETS; i++) {
		pthread_mutex_init(&buckets[i].lock, NULL);
		pthread_cond_init(&buckets[i].cond, &ca);
	}
	pthread_condattr_destroy(&ca);
}

static struct bucket *bucket_of(uint32_t key)
{
	pthread_once(&buckets_once, buckets_init);
	return &buckets[key % BUCKETS];
}

static void bump(uint32_t key)
{
	struct bucket *b = bucket_of(key);
	pthread_mutex_lock(&b->lock);
	b->gen++;
	pthread_cond_broadcast(&b->cond);
	pthread_mutex_unlock(&b->lock);
}

void notify_wake_all(void)
{
	for (uint32_t k = 0; k < BUCKETS; k++)
		bump(k);
}

uint32_t notify_key_turn(const char *conv_id, uint32_t turn)
{
	/* FNV-1a over the id and the turn; NOTIFY_JOBS's bucket is left to the jobs. */
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)conv_id; *p; p++)
		h = (h ^ *p) * 16777619u;
	for (int i = 0; i < 4; i++)
		h = (h ^ ((turn >> (8 * i)) & 0xff)) * 16777619u;
	uint32_t k = h % BUCKETS;
	return k == NOTIFY_JOBS ? 1 : k;
}

uint64_t notify_gen(uint32_t key)
{
	struct bucket *b = bucket_of(key);
	pthread_mutex_lock(&b->lock);
	uint64_t g = b->gen;
	pthread_mutex_unlock(&b->lock);
	return g;
}

bool notify_wait(uint32_t key, uint64_t gen, int timeout_ms)
{
	struct bucket *b = bucket_of(key);
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	if (timeout_ms < 0)
		timeout_ms = 0;
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&b->lock);
	while (b->gen == gen)
		if (pthread_cond_timedwait(&b->cond, &b->lock, &until) == ETIMEDOUT)
			break;
	bool woken = b->gen != gen;
	pthread_mutex_unlock(&b->lock);
	return woken;
}

/* ---- the peers ---- */

static bool is_socket_name(const char *name)
{
	size_t n = strlen(name), s = strlen(SOCK_SUFFIX);
	return n > s && strcmp(name + n - s, SOCK_SUFFIX) == 0 && name[0] != '.';
}

/*
 * Reads the directory again when it changed since the last scan; ch.lock held.
 * A directory's time moves in clock ticks, so two sockets bound within one tick
 * leave it the same: a scan less than a second after the last change is not
 * trusted, and the next send reads the directory again.
 */
static void rescan(void)
{
	struct stat st;
	if (stat(ch.dir, &st) != 0)
		return;
	if (ch.scanned && ch.settled && st.st_mtim.tv_sec == ch.mtime.tv_sec &&
	    st.st_mtim.tv_nsec == ch.mtime.tv_nsec)
		return;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	ch.settled = now.tv_sec - st.st_mtim.tv_sec >= 2;
	/* Only a directory of our own that nobody else may write: its entries decide where we send. */
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022) != 0)
		return;
	DIR *d = opendir(ch.dir);
	if (d == NULL)
		return;
	ch.n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL && ch.n < MAX_PEERS) {
		if (!is_socket_name(e->d_name) || (e->d_type != DT_SOCK && e->d_type != DT_UNKNOWN))
			continue;
		struct sockaddr_un *a = &ch.addr[ch.n];
		memset(a, 0, sizeof(*a));
		a->sun_family = AF_UNIX;
		int w = snprintf(a->sun_path, sizeof(a->sun_path), "%s/%s", ch.dir, e->d_name);
		struct stat es;
		if (w < 0 || (size_t)w >= sizeof(a->sun_path) || strcmp(a->sun_path, ch.self) == 0 ||
		    lstat(a->sun_path, &es) != 0 || !S_ISSOCK(es.st_mode))
			continue;
		ch.n++;
	}
	closedir(d);
	ch.mtime = st.st_mtim;
	ch.scanned = true;
}

void notify_send(const uint32_t *keys, size_t n)
{
	/* More keys than a datagram holds: an empty one, which wakes every bucket. */
	size_t len = n > NOTIFY_MAX_KEYS ? 0 : n * sizeof(*keys);
	if (len == 0)
		notify_wake_all();
	else
		for (size_t i = 0; i < n; i++)
			bump(keys[i]);
	pthread_mutex_lock(&ch.lock);
	if (ch.started)
		rescan();
	if (ch.owe_all && len > 0) {
		/* Keys were lost to a full queue earlier: this send wakes every waiter instead. */
		len = 0;
		ch.owe_all = false;
	}
	for (size_t i = 0; ch.started && i < ch.n; i++) {
		ssize_t w = sendto(ch.send_fd, keys, len, MSG_DONTWAIT | MSG_NOSIGNAL,
				   (const struct sockaddr *)&ch.addr[i], sizeof(ch.addr[i]));
		if (w >= 0) {
			atomic_fetch_add(&n_sent, 1);
		} else if (errno == ECONNREFUSED || errno == ENOENT) {
			/*
			 * Nobody listens there (its worker was killed): names carry a random part,
			 * so this one can never be a live worker's, and it is removed.
			 */
			unlink(ch.addr[i].sun_path);
			atomic_fetch_add(&n_stale, 1);
			ch.scanned = false;
		} else {
			/* A full queue: the keys are lost; the next send wakes everything, the timeouts meanwhile. */
			atomic_fetch_add(&n_dropped, 1);
			ch.owe_all = true;
		}
	}
	pthread_mutex_unlock(&ch.lock);
}

/* ---- the listener ---- */

static void *listen_loop(void *arg)
{
	(void)arg;
	while (!atomic_load(&ch.stop)) {
		struct pollfd p = { .fd = ch.recv_fd, .events = POLLIN };
		int r = poll(&p, 1, LISTEN_TICK_MS);
		if (r <= 0)
			continue;
		for (;;) {
			uint32_t keys[NOTIFY_MAX_KEYS];
			ssize_t got = recv(ch.recv_fd, keys, sizeof(keys), MSG_DONTWAIT);
			if (got < 0)
				break;
			atomic_fetch_add(&n_received, 1);
			size_t n = (size_t)got / sizeof(keys[0]);
			if (n == 0 || (size_t)got % sizeof(keys[0]) != 0) { /* "everything" */
				notify_wake_all();
				continue;
			}
			for (size_t i = 0; i < n; i++)
				bump(keys[i]);
		}
	}
	return NULL;
}

int notify_start(const char *dir)
{
	pthread_mutex_lock(&ch.lock);
	if (ch.started) {
		pthread_mutex_unlock(&ch.lock);
		errno = EALREADY;
		return -1;
	}
	int rc = -1;
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	unsigned char rnd[8];
	char hex[sizeof(rnd) * 2 + 1];
	if (snprintf(ch.dir, sizeof(ch.dir), "%s", dir) >= (int)sizeof(ch.dir)) {
		errno = ENAMETOOLONG;
		goto out;
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		goto out;
	if (random_bytes(rnd, sizeof(rnd)) != 0)
		goto out;
	hex_encode(rnd, sizeof(rnd), hex);
	int w = snprintf(a.sun_path, sizeof(a.sun_path), "%s/%ld-%s%s", dir, (long)getpid(), hex, SOCK_SUFFIX);
	if (w < 0 || (size_t)w >= sizeof(a.sun_path)) {
		errno = ENAMETOOLONG;
		goto out;
	}
	ch.recv_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	ch.send_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (ch.recv_fd < 0 || ch.send_fd < 0 || bind(ch.recv_fd, (struct sockaddr *)&a, sizeof(a)) != 0)
		goto fail;
	memcpy(ch.self, a.sun_path, sizeof(ch.self));
	atomic_store(&ch.stop, false);
	if (pthread_create(&ch.thread, NULL, listen_loop, NULL) != 0) {
		unlink(ch.self);
		goto fail;
	}
	ch.started = true;
	ch.scanned = false;
	rc = 0;
	goto out;
fail:;
	int e = errno;
	if (ch.recv_fd >= 0)
		close(ch.recv_fd);
	if (ch.send_fd >= 0)
		close(ch.send_fd);
	ch.recv_fd = ch.send_fd = -1;
	ch.self[0] = '\0';
	errno = e;
out:
	pthread_mutex_unlock(&ch.lock);
	return rc;
}

void notify_stop(void)
{
	pthread_mutex_lock(&ch.lock);
	bool started = ch.started;
	ch.started = false;
	pthread_mutex_unlock(&ch.lock);
	if (started) {
		atomic_store(&ch.stop, true);
		pthread_join(ch.thread, NULL);
		pthread_mutex_lock(&ch.lock);
		unlink(ch.self);
		close(ch.recv_fd);
		close(ch.send_fd);
		ch.recv_fd = ch.send_fd = -1;
		ch.self[0] = '\0';
		ch.n = 0;
		pthread_mutex_unlock(&ch.lock);
	}
	notify_wake_all();
}

void notify_get_stats(struct notify_stats *out)
{
	out->sent = atomic_load(&n_sent);
	out->received = atomic_load(&n_received);
	out->dropped = atomic_load(&n_dropped);
	out->stale = atomic_load(&n_stale);
}
