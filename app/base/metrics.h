/*
 * metrics: counters for Prometheus (GET /metrics), kept per worker process in
 * a small file of its own under <data_dir>/run/metrics/ that the process maps
 * and bumps with atomic adds (no lock, no system call per request). The
 * /metrics route sums every worker's file, the ones of workers that have
 * ended included, so the totals only grow.
 *
 * Per route (its index in the route table): answers by status class and a
 * latency histogram; per process: images made and failed, render seconds.
 */
#ifndef IMAGES_METRICS_H
#define IMAGES_METRICS_H

#include <stddef.h>
#include <stdint.h>

#define METRICS_ROUTES 64
#define METRICS_BUCKETS 10
/* Upper bounds of the latency buckets, in milliseconds (the last is +Inf). */
extern const double metrics_bucket_ms[METRICS_BUCKETS - 1];

struct metrics_route {
	uint64_t status[5]; /* 1xx..5xx */
	uint64_t bucket[METRICS_BUCKETS];
	uint64_t sum_us;
};

struct metrics_block {
	uint64_t magic;
	uint64_t layout; /* routes_sig: the route table this block counts for */
	struct metrics_route route[METRICS_ROUTES];
	uint64_t images_done, images_failed, render_us;
};

/* Maps this process's block at dir/<pid>.metrics; layout names the route table. 0 or -1. */
int metrics_open(const char *dir, uint64_t layout);
/* One answered request of route index i. */
void metrics_request(unsigned route, int status, uint64_t us);
/* One image made (ok) or failed, and the engine's time on it. */
void metrics_image(int ok, uint64_t render_us);
/* Sums every block of dir whose layout matches into out. 0 or -1. */
int metrics_sum(const char *dir, uint64_t layout, struct metrics_block *out, unsigned *processes);

#endif
