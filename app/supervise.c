#include "supervise.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define MAX_WORKERS 256
#define QUICK_DEATH_MS 5000 /* a worker that dies sooner than this counts as crashing */
#define FIRST_PAUSE_MS 200
#define MAX_PAUSE_MS 5000

struct slot {
	pid_t pid;           /* 0: not running */
	int64_t started_ms;  /* when it was started */
	int64_t restart_at;  /* when to start it again (pid 0) */
	int64_t pause_ms;    /* the pause before the next start after a quick death */
};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pid_t start_worker(char **argv, const char *self, pid_t parent, const sigset_t *old_mask)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid; /* the supervisor, or -1 */
	/* The worker: dies with the supervisor, and starts with the signal mask it had. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() != parent)
		_exit(1); /* the supervisor died before the line above */
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	execv(self, argv);
	fprintf(stderr, "images-fcgi: cannot exec %s: %s\n", self, strerror(errno));
	_exit(127);
}

static void describe_exit(int status, char *out, size_t outlen)
{
	if (WIFSIGNALED(status))
		snprintf(out, outlen, "was killed by signal %d", WTERMSIG(status));
	else
		snprintf(out, outlen, "exited with status %d", WEXITSTATUS(status));
}

int supervise(unsigned n, char **argv)
{
	if (n == 0 || n > MAX_WORKERS)
		return 2;
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len <= 0) {
		fprintf(stderr, "images-fcgi: cannot find its own executable: %s\n", strerror(errno));
		return 1;
	}
	self[len] = '\0';
	/* Workers serve the socket on fd 0: without one they would only die and be restarted. */
	int type;
	socklen_t tlen = sizeof(type);
	if (getsockopt(0, SOL_SOCKET, SO_TYPE, &type, &tlen) != 0) {
		fprintf(stderr, "images-fcgi: -w needs the listening socket on fd 0 (spawn-fcgi)\n");
		return 2;
	}
	/* Started with SIGCHLD ignored, the kernel would reap the workers and we could not see them end. */
	signal(SIGCHLD, SIG_DFL);
	sigset_t watch, old_mask;
	sigemptyset(&watch);
	sigaddset(&watch, SIGCHLD);
	sigaddset(&watch, SIGTERM);
	sigaddset(&watch, SIGINT);
	sigaddset(&watch, SIGHUP);
	sigprocmask(SIG_BLOCK, &watch, &old_mask);
	pid_t me = getpid();
	static struct slot slots[MAX_WORKERS];
	int64_t now = mono_ms();
	for (unsigned i = 0; i < n; i++)
		slots[i] = (struct slot){ 0, 0, now, FIRST_PAUSE_MS };
	bool stopping = false;
	log_msg("info", "supervisor %d: keeping %u workers", (int)me, n);
	for (;;) {
		now = mono_ms();
		int64_t next = -1;
		unsigned running = 0;
		for (unsigned i = 0; i < n; i++) {
			struct slot *s = &slots[i];
			if (s->pid == 0 && !stopping && now >= s->restart_at) {
				s->pid = start_worker(argv, self, me, &old_mask);
				if (s->pid < 0) {
					log_msg("error", "supervisor: fork: %s", strerror(errno));
					s->pid = 0;
					s->restart_at = now + MAX_PAUSE_MS;
				} else
					s->started_ms = now;
			}
			if (s->pid > 0)
				running++;
			else if (!stopping && (next < 0 || s->restart_at < next))
				next = s->restart_at;
		}
		if (stopping && running == 0)
			return 0;
		struct timespec wait = { 3600, 0 };
		if (next >= 0) {
			int64_t ms = next > now ? next - now : 0;
			wait = (struct timespec){ (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };
		}
		int sig = sigtimedwait(&watch, NULL, &wait);
		if (sig == SIGHUP) {
			/* The workers reopen their log (logrotate). */
			for (unsigned i = 0; i < n; i++)
				if (slots[i].pid > 0)
					kill(slots[i].pid, SIGHUP);
		}
		if (sig == SIGTERM || sig == SIGINT) {
			if (!stopping)
				log_msg("info", "supervisor: signal %d: stopping %u workers", sig, running);
			stopping = true;
			for (unsigned i = 0; i < n; i++)
				if (slots[i].pid > 0)
					kill(slots[i].pid, sig);
		}
		/* Reap every worker that ended, whatever woke us. */
		int status;
		pid_t pid;
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (unsigned i = 0; i < n; i++) {
				struct slot *s = &slots[i];
				if (s->pid != pid)
					continue;
				s->pid = 0;
				now = mono_ms();
				bool quick = now - s->started_ms < QUICK_DEATH_MS;
				int64_t pause = quick ? s->pause_ms : FIRST_PAUSE_MS;
				s->pause_ms = quick ? (s->pause_ms * 2 > MAX_PAUSE_MS ? MAX_PAUSE_MS : s->pause_ms * 2)
						    : FIRST_PAUSE_MS;
				s->restart_at = now + pause;
				if (!stopping) {
					char how[64];
					describe_exit(status, how, sizeof(how));
					log_msg("warn", "supervisor: worker %d %s: starting another in %lld ms", (int)pid, how,
						(long long)pause);
				}
			}
		}
	}
}
