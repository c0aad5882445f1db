/* jobs: claims count attempts (a give-back at shutdown does not), and the lease
 * renewal interval fits any configured lease. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jobs.h"
#include "tap.h"

static int enqueue_txn(struct store_txn *txn, void *arg)
{
	json_t *job = json_pack("{s:s, s:s, s:s, s:I, s:i}", "id", "job-one", "owner", "user-a", "kind", "images",
				"created_us", (json_int_t)1, "attempts", 0);
	int rc = job ? job_enqueue(txn, job) : STORE_ERROR;
	json_decref(job);
	return rc;
}

/* Claims the job again after letting its lease lapse; returns its attempts, -1 when not claimed. */
static int reclaim(struct store *s, json_t **held)
{
	json_decref(*held);
	*held = NULL;
	usleep(20000);
	if (job_claim(s, 5, 4, held) != STORE_OK)
		return -1;
	return (int)json_integer_value(json_object_get(*held, "attempts"));
}

int main(void)
{
	ok(job_renew_every_ms(15000) == 3000, "a 15 s lease renews every 3 s");
	ok(job_renew_every_ms(3000) == 1000, "a 3 s lease (the minimum) renews every second");
	ok(job_renew_every_ms(3600000) == 3000, "a long lease still renews every 3 s");

	char dir[256], err[256] = "";
	tap_tmpdir(dir, sizeof(dir));
	struct store *s;
	struct store_opts o = {.map_bytes = 1 << 20, .map_max_bytes = 64 << 20, .max_readers = 126};
	ok(store_open(&s, dir, &o, err, sizeof(err)) == STORE_OK, "open a fresh store (%s)", err);
	ok(store_update(s, enqueue_txn, NULL) == STORE_OK, "enqueue a job");
	json_t *job = NULL;
	ok(job_claim(s, 5, 4, &job) == STORE_OK && json_integer_value(json_object_get(job, "attempts")) == 1,
	   "the first claim is attempt 1");
	int a2 = reclaim(s, &job), a3 = reclaim(s, &job);
	ok(a2 == 2 && a3 == 3, "a lapsed lease claimed again counts (%d, %d)", a2, a3);
	bool cancel, lost;
	ok(job_renew(s, json_string_value(json_object_get(job, "id")), json_string_value(json_object_get(job, "claim")),
		     -1, &cancel, &lost) == STORE_OK && !lost,
	   "given back at shutdown");
	int a4 = reclaim(s, &job);
	ok(a4 == 3, "a give-back does not count as an attempt (%d)", a4);
	int last = a4;
	while (last >= 0 && last <= JOB_MAX_ATTEMPTS)
		last = reclaim(s, &job);
	ok(last == JOB_MAX_ATTEMPTS + 1, "claims go past JOB_MAX_ATTEMPTS, where the runner ends the job (%d)", last);
	json_decref(job);
	store_close(s);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleanup");
	return tap_done();
}
