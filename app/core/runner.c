/*
 * runner: the render threads. Each claims a job, gives up on one claimed too
 * often, and runs it by its kind (jobkinds.h). They run at a lower priority than
 * request threads so API calls stay fast while images render.
 */
#include "runner.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engines.h"
#include "jobkinds.h"
#include "jobs.h"
#include "log.h"
#include "notify.h"

/* An idle thread wakes when a job is queued or one ends (notify.h); this is only the safety net. */
#define IDLE_SAFETY_MS 500
#define MAX_SLOTS 64

/* ---- the threads ---- */

/* A job claimed too often (its workers kept dying, or it could not be recorded) ends failed. */
static int give_up_txn(struct store_txn *txn, void *arg)
{
	const struct job *claimed = arg;
	json_t *job;
	if (!job_held(txn, claimed->id, claimed->claim, &job))
		return STORE_STOP;
	char reason[64];
	snprintf(reason, sizeof(reason), "gave up after %d attempts", JOB_MAX_ATTEMPTS);
	int rc = job_kind_of(job)->end(txn, job, "failed", reason);
	json_decref(job);
	return rc;
}

struct slot {
	pthread_t tid;
	const struct app *app;
	atomic_bool *stopping;
};

static struct slot slots[MAX_SLOTS];
static unsigned nslots;

static void *render_loop(void *arg)
{
	struct slot *s = arg;
	const struct app *app = s->app;
	/* Rendering yields to request threads: this thread alone gets a lower priority. */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	const struct engine *engine = engine_find(app->cfg.engine);
	while (!atomic_load(s->stopping)) {
		json_t *job = NULL;
		uint64_t gen = notify_gen(NOTIFY_JOBS);
		int rc = job_claim(app->store, (int64_t)app->cfg.job_lease_s * 1000, app->cfg.max_running_per_user,
				   &job);
		if (rc != STORE_OK) {
			if (!atomic_load(s->stopping))
				notify_wait(NOTIFY_JOBS, gen, IDLE_SAFETY_MS);
			continue;
		}
		struct job v;
		if (job_view(job, &v) != 0) {
			log_msg("error", "job %s: claimed without an id, a claim or a conversation: left alone", v.id);
		} else if (v.attempts > JOB_MAX_ATTEMPTS) {
			rc = store_update(app->store, give_up_txn, &v);
			log_msg("warn", "job %s: gave up after %d attempts%s", v.id, JOB_MAX_ATTEMPTS,
				rc == STORE_OK ? "" : " (not recorded)");
		} else
			job_kind_of(job)->run(app, engine, &v, s->stopping);
		json_decref(job);
	}
	return NULL;
}

int runner_start(const struct app *app, atomic_bool *stopping)
{
	if (engine_find(app->cfg.engine) == NULL) {
		log_msg("error", "unknown engine '%s' in images.conf", app->cfg.engine);
		return -1;
	}
	if (job_kinds_check_config(&app->cfg) != 0)
		return -1;
	nslots = app->cfg.render_slots < MAX_SLOTS ? app->cfg.render_slots : MAX_SLOTS;
	for (unsigned i = 0; i < nslots; i++) {
		slots[i].app = app;
		slots[i].stopping = stopping;
		if (pthread_create(&slots[i].tid, NULL, render_loop, &slots[i]) != 0) {
			nslots = i;
			return -1;
		}
	}
	return 0;
}

void runner_join(void)
{
	for (unsigned i = 0; i < nslots; i++)
		pthread_join(slots[i].tid, NULL);
	nslots = 0;
}
