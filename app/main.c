/*
 * images-fcgi: the FastCGI worker.
 *
 * It serves the listening socket it inherits on fd 0 (spawn-fcgi and
 * lighttpd's mod_fastcgi bin-path both hand it over there), or one it opens
 * itself with -s. A pool of request threads (worker.h) each accepts and answers; a
 * housekeeping thread checks LMDB's reader table and purges expired sessions
 * and rate-limit windows. SIGTERM or SIGINT stops accepting, lets requests in
 * flight finish (up to a grace period), and exits 0.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "api_images.h"
#include "blobstore.h"
#include "app.h"
#include "config.h"
#include "keys.h"
#include "log.h"
#include "metrics.h"
#include "prometheus.h"
#include "notify.h"
#include "offload.h"
#include "remote_http.h"
#include "ratelimit.h"
#include "store.h"
#include "supervise.h"
#include "textparse.h"
#include "runner.h"
#include "routes.h"

#define SHUTDOWN_GRACE_S 30
#define HOUSEKEEPING_S 60
#define NUDGE_AFTER_MS 2000

static atomic_bool stopping;

static pthread_mutex_t hk_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hk_cond = PTHREAD_COND_INITIALIZER;

static void housekeeping_once(const struct app *app)
{
	static unsigned rounds;
	int dead = 0;
	unsigned sessions = 0, windows = 0;
	int64_t now = (int64_t)time(NULL);
	store_reader_check(app->store, &dead);
	session_purge_expired(app->store, now, &sessions);
	ratelimit_purge(app->store, now, &windows);
	unsigned blobs = 0;
	/* Once an hour: blob files no record refers to any more (deleted images). */
	if (rounds++ % 60 == 59)
		blob_sweep(app->store, app->blobs_dir, 3600, &blobs);
	if (dead || sessions || windows || blobs)
		log_msg("info", "housekeeping: %d stale readers, %u sessions, %u rate windows, %u blobs cleared",
			dead, sessions, windows, blobs);
}

static void *housekeeping_loop(void *arg)
{
	const struct app *app = arg;
	unsigned ticks = 0;
	pthread_mutex_lock(&hk_lock);
	while (!atomic_load(&stopping)) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&hk_cond, &hk_lock, &until);
		if (atomic_load(&stopping))
			break;
		pthread_mutex_unlock(&hk_lock);
		/* Every second: wake waiters a SIGKILLed worker may have left asleep (store.h). */
		unsigned nudged = store_nudge_waiters(app->store, NUDGE_AFTER_MS);
		if (nudged > 0)
			log_msg("warn", "nudged %u threads waiting over %d ms for an LMDB lock", nudged,
				NUDGE_AFTER_MS);
		unsigned missed = store_waiters_missed(app->store);
		if (missed > 0)
			log_msg("warn", "%u LMDB lock waits could not be noted for nudging (more than %d threads)",
				missed, STORE_MAX_WAITERS);
		if (++ticks % HOUSEKEEPING_S == 0)
			housekeeping_once(app);
		pthread_mutex_lock(&hk_lock);
	}
	pthread_mutex_unlock(&hk_lock);
	return NULL;
}

static void on_signal(int sig)
{
	/* Signals are taken with sigwait in main; this handler only keeps libfcgi's away. */
	(void)sig;
}

/* Joins base and sub into out and, when mode is not 0, makes that directory. */
static int make_dir(const char *base, const char *sub, mode_t mode, char *out, size_t outlen)
{
	int n = snprintf(out, outlen, "%s%s%s", base, sub[0] ? "/" : "", sub);
	if (n < 0 || (size_t)n >= outlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (mode != 0 && mkdir(out, mode) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* -t or -w's value, 1 to 256; 0 (said on stderr) when it is not one. */
static long count_arg(char opt, const char *arg)
{
	unsigned long long v;
	if (parse_ull(arg, strlen(arg), 1, 256, &v) != 0) {
		fprintf(stderr, "images-fcgi: -%c wants 1 to 256\n", opt);
		return 0;
	}
	return (long)v;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: images-fcgi [-c images.conf] [-d data_dir] [-t threads | -S] [-s socket | -w workers]\n"
		   "  Serves FastCGI on the listening socket inherited on fd 0 (spawn-fcgi,\n"
		   "  lighttpd bin-path), or on the unix socket given with -s.\n"
		   "  -S: a streaming pool's worker (stream_threads threads, not threads).\n"
		   "  -w N: supervise N worker processes on fd 0, restarting any that dies.\n"
		   "  IMAGES_VAR in the environment sets the data dir when -d is absent.\n");
}

int main(int argc, char **argv)
{
	static struct app app;
	const char *conf_path = NULL, *data_dir = NULL, *sock_path = NULL;
	long threads = 0;
	unsigned supervised = 0;
	bool stream_pool = false;
	char err[512];
	int opt;
	while ((opt = getopt(argc, argv, "c:d:t:s:w:Sh")) != -1) {
		switch (opt) {
		case 'S': stream_pool = true; break;
		case 'c': conf_path = optarg; break;
		case 'd': data_dir = optarg; break;
		case 's': sock_path = optarg; break;
		case 'w':
			if ((supervised = (unsigned)count_arg('w', optarg)) == 0)
				return 2;
			break;
		case 't':
			if ((threads = count_arg('t', optarg)) == 0)
				return 2;
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	config_defaults(&app.cfg);
	if (conf_path != NULL && config_load(&app.cfg, conf_path, err, sizeof(err)) != 0) {
		fprintf(stderr, "images-fcgi: %s\n", err);
		return 2;
	}
	if (data_dir == NULL)
		data_dir = getenv("IMAGES_VAR");
	if (data_dir != NULL && config_set(&app.cfg, "data_dir", data_dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "images-fcgi: %s\n", err);
		return 2;
	}
	if (threads > 0)
		app.cfg.threads = (unsigned)threads;
	else if (stream_pool)
		app.cfg.threads = app.cfg.stream_threads;
	if (supervised > 0) {
		if (sock_path != NULL) {
			fprintf(stderr, "images-fcgi: -w supervises workers on fd 0; it does not go with -s\n");
			return 2;
		}
		/* The workers' command line: the options given, less -w. */
		char tbuf[24];
		char *wargv[10];
		int k = 0;
		wargv[k++] = argv[0];
		if (conf_path != NULL) {
			wargv[k++] = "-c";
			wargv[k++] = (char *)conf_path;
		}
		if (data_dir != NULL) {
			wargv[k++] = "-d";
			wargv[k++] = (char *)data_dir;
		}
		if (threads > 0) {
			snprintf(tbuf, sizeof(tbuf), "%ld", threads);
			wargv[k++] = "-t";
			wargv[k++] = tbuf;
		}
		if (stream_pool)
			wargv[k++] = "-S";
		wargv[k] = NULL;
		return supervise(supervised, wargv);
	}

	char path[PATH_MAX];
	const char *dd = app.cfg.data_dir;
	if (make_dir(dd, "", 0755, path, sizeof(path)) != 0 ||
	    make_dir(dd, "log", 0750, path, sizeof(path)) != 0 ||
	    make_dir(dd, "keys", 0700, path, sizeof(path)) != 0 ||
	    make_dir(dd, "blobs", 0755, path, sizeof(path)) != 0) {
		fprintf(stderr, "images-fcgi: cannot create %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (make_dir(dd, "log/images.log", 0, path, sizeof(path)) != 0 || log_open(path) != 0)
		fprintf(stderr, "images-fcgi: cannot open %s: %s (logging to stderr)\n", path,
			strerror(errno));
	if (make_dir(dd, "db", 0700, path, sizeof(path)) != 0) {
		fprintf(stderr, "images-fcgi: cannot create %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct store_opts so = {
		.map_bytes = app.cfg.db_map_mb << 20,
		.map_max_bytes = app.cfg.db_map_max_mb << 20,
		.max_readers = app.cfg.db_max_readers,
	};
	if (store_open(&app.store, path, &so, err, sizeof(err)) != STORE_OK) {
		log_msg("error", "store: %s", err);
		fprintf(stderr, "images-fcgi: %s\n", err);
		return 1;
	}

	if (make_dir(dd, "blobs", 0, path, sizeof(path)) != 0 ||
	    realpath(path, app.blobs_dir) == NULL) {
		fprintf(stderr, "images-fcgi: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (make_dir(dd, "keys/estuary.key", 0, path, sizeof(path)) != 0 ||
	    (app.keys = keys_open(path, err, sizeof(err))) == NULL) {
		log_msg("error", "keys: %s", err);
		fprintf(stderr, "images-fcgi: %s\n", err);
		return 1;
	}

	if (app.cfg.styles_file[0] != '\0') {
		snprintf(path, sizeof(path), "%s", app.cfg.styles_file);
	} else if (conf_path != NULL) {
		const char *slash = strrchr(conf_path, '/');
		snprintf(path, sizeof(path), "%.*s%sstyles.json", slash ? (int)(slash - conf_path) : 0, conf_path,
			 slash ? "/" : "");
	} else {
		snprintf(path, sizeof(path), "conf/styles.json");
	}
	if (app.cfg.comfyui_workflow[0] == '\0') {
		/* The ComfyUI workflow template lives beside the config, like styles.json. */
		const char *slash = conf_path ? strrchr(conf_path, '/') : NULL;
		snprintf(app.cfg.comfyui_workflow, sizeof(app.cfg.comfyui_workflow), "%.*s%scomfyui-workflow.json",
			 slash ? (int)(slash - conf_path) : 0, conf_path ? conf_path : "", slash ? "/" : conf_path ? "" : "conf/");
	}
	if (rhttp_global_init() != 0) {
		log_msg("error", "libcurl could not be initialised");
		return 1;
	}
	if ((app.styles = styles_load(path, err, sizeof(err))) == NULL) {
		log_msg("error", "styles: %s", err);
		fprintf(stderr, "images-fcgi: %s\n", err);
		return 1;
	}

	/* Our own handlers first: libfcgi only installs its handlers where none is set. */
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Only interrupts a thread stuck on an LMDB mutex (store_nudge_waiters):
	 * SA_RESTART, so a nudge arriving just after the wait ended restarts
	 * whatever call the thread is in; a restarted futex wait on a mutex whose
	 * owner died returns at once, and glibc takes the mutex over.
	 */
	struct sigaction nudge = { 0 };
	nudge.sa_handler = on_signal;
	nudge.sa_flags = SA_RESTART;
	sigemptyset(&nudge.sa_mask);
	sigaction(STORE_NUDGE_SIGNAL, &nudge, NULL);
	sigset_t waitset;
	sigemptyset(&waitset);
	sigaddset(&waitset, SIGTERM);
	sigaddset(&waitset, SIGINT);
	sigaddset(&waitset, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &waitset, NULL);

	int listen_fd = worker_listen(sock_path);
	if (listen_fd == -2) {
		fprintf(stderr, "images-fcgi: fd 0 is not a socket; run under spawn-fcgi or "
				"lighttpd, or pass -s <socket>\n");
		usage(stderr);
		return 2;
	}
	if (listen_fd < 0) {
		fprintf(stderr, "images-fcgi: cannot listen on %s\n", sock_path ? sock_path : "fd 0");
		return 1;
	}
	/* Wake-ups between the workers (notify.h); without them each waiter falls back to its slow poll. */
	if (make_dir(dd, "run", 0700, path, sizeof(path)) != 0 ||
	    make_dir(dd, "run/notify", 0700, path, sizeof(path)) != 0 || notify_start(path) != 0)
		log_msg("warn", "no wake-ups from other workers (%s: %s): waiting threads poll", path,
			strerror(errno));
	/* Counters for /metrics, in a file of this process's own that the route sums (metrics.h). */
	if (make_dir(dd, "run/metrics", 0700, path, sizeof(path)) != 0 ||
	    metrics_open(path, prometheus_routes_signature(api_routes.routes, api_routes.nroutes)) != 0)
		log_msg("warn", "no metrics from this worker (%s: %s)", path, strerror(errno));
	unsigned n = app.cfg.threads;
	/* Upload decoding (offload.h) may hold all request threads but one. */
	offload_init(n > 1 ? n - 1 : 1);
	worker_streams_init(app.cfg.max_streams_per_user, n);
	struct worker_pool *pool = worker_pool_start(&app, &api_routes, listen_fd, n, &stopping);
	if (pool == NULL)
		return 1;
	pthread_t hk;
	pthread_create(&hk, NULL, housekeeping_loop, &app);
	if (runner_start(&app, &stopping) != 0) {
		fprintf(stderr, "images-fcgi: cannot start render threads (engine '%s')\n", app.cfg.engine);
		return 1;
	}
	log_msg("info", "started: data_dir=%s threads=%u", dd, n);

	int sig = 0;
	for (;;) {
		sigwait(&waitset, &sig);
		if (sig != SIGHUP)
			break;
		/* logrotate moved images.log away (conf/logrotate): write to a new one. */
		if (log_reopen() != 0)
			log_msg("error", "SIGHUP: cannot reopen the log: %s", strerror(errno));
		else
			log_msg("info", "SIGHUP: log reopened");
	}
	atomic_store(&stopping, true);
	notify_wake_all();
	log_msg("info", "signal %d: finishing requests in flight", sig);

	/* Wait for busy threads; idle ones sit in accept and are cancelled there. */
	bool all_idle = worker_pool_drain(pool, SHUTDOWN_GRACE_S);
	pthread_mutex_lock(&hk_lock);
	pthread_cond_broadcast(&hk_cond);
	pthread_mutex_unlock(&hk_lock);
	pthread_join(hk, NULL);
	runner_join();
	notify_stop();
	if (!all_idle) {
		log_msg("warn", "grace period over with requests still running: exiting");
		_exit(0);
	}
	worker_pool_stop(pool);
	store_close(app.store);
	keys_close(app.keys);
	json_decref(app.styles);
	log_msg("info", "stopped");
	return 0;
}
