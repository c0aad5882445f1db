#include "prometheus.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "metrics.h"
#include "store.h"

uint64_t prometheus_routes_signature(const struct route *routes, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		for (const char *parts[2] = { routes[i].method, routes[i].pattern }, **p = parts; p < parts + 2; p++)
			for (const char *c = *p; ; c++) {
				h = (h ^ (uint8_t)*c) * 1099511628211ull;
				if (*c == '\0')
					break;
			}
	return h;
}

struct out {
	char *buf;
	size_t len, cap;
	bool failed;
};

__attribute__((format(printf, 2, 3))) static void put(struct out *o, const char *fmt, ...)
{
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = o->failed ? 0 : vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
		va_end(ap);
		if (o->failed || n < 0) {
			o->failed = true;
			return;
		}
		if ((size_t)n < o->cap - o->len) {
			o->len += (size_t)n;
			return;
		}
		size_t cap = (o->cap + (size_t)n) * 2;
		char *b = realloc(o->buf, cap);
		if (b == NULL) {
			o->failed = true;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
}

struct store_figures {
	size_t queued, running, blobs;
	uint64_t blob_bytes;
};

static int blob_sum(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct store_figures *f = arg;
	(void)key;
	if (val->len == 16 && store_be64(val->data) > 0) {
		f->blobs++;
		f->blob_bytes += store_be64((const uint8_t *)val->data + 8);
	}
	return STORE_OK;
}

static int figures_txn(struct store_txn *txn, void *arg)
{
	struct store_figures *f = arg;
	int rc = store_count(txn, DB_JOB_QUEUE, &f->queued);
	if (rc == STORE_OK)
		rc = store_count(txn, DB_JOB_RUNNING, &f->running);
	if (rc == STORE_OK)
		rc = store_scan(txn, DB_BLOBS, NULL, 0, NULL, 0, false, false, blob_sum, f);
	return rc;
}

static bool loopback(const char *addr)
{
	return addr != NULL && (strcmp(addr, "127.0.0.1") == 0 || strcmp(addr, "::1") == 0 ||
				strcmp(addr, "::ffff:127.0.0.1") == 0);
}

static void route_label(const struct route *r, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s %s", r->method, r->pattern);
}

void prometheus_answer(struct request *req, const struct route *routes, size_t n)
{
	if (!loopback(req->remote_addr) && !(req->auth != AUTH_NONE && req->user.is_admin)) {
		resp_error(req, 403, "metrics are for loopback or an administrator's session or API key");
		return;
	}
	char dir[4200];
	int dn = snprintf(dir, sizeof(dir), "%s/run/metrics", req->app->cfg.data_dir);
	struct metrics_block *sum = dn > 0 && (size_t)dn < sizeof(dir) ? calloc(1, sizeof(*sum)) : NULL;
	unsigned processes = 0;
	struct store_figures f = { 0 };
	int rc = sum == NULL ? -1 : metrics_sum(dir, prometheus_routes_signature(routes, n), sum, &processes);
	if (rc != 0 || store_view(req->app->store, figures_txn, &f) != STORE_OK) {
		free(sum);
		resp_error(req, 503, "metrics cannot be read now");
		return;
	}
	struct out o = { 0 };
	char label[256];
	static const char *const classes[5] = { "1xx", "2xx", "3xx", "4xx", "5xx" };
	put(&o, "# HELP images_http_requests_total Requests answered by the workers, by route and status class.\n"
		"# TYPE images_http_requests_total counter\n");
	for (size_t i = 0; i < n && i < METRICS_ROUTES; i++) {
		route_label(&routes[i], label, sizeof(label));
		for (int k = 0; k < 5; k++)
			if (sum->route[i].status[k] > 0)
				put(&o, "images_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n", label, classes[k],
				    (unsigned long long)sum->route[i].status[k]);
	}
	put(&o, "# HELP images_http_request_duration_seconds Time from the request's arrival at a worker to its answer.\n"
		"# TYPE images_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i < n && i < METRICS_ROUTES; i++) {
		const struct metrics_route *r = &sum->route[i];
		uint64_t count = 0;
		for (int k = 0; k < METRICS_BUCKETS; k++)
			count += r->bucket[k];
		if (count == 0)
			continue;
		route_label(&routes[i], label, sizeof(label));
		uint64_t cum = 0;
		for (int k = 0; k < METRICS_BUCKETS; k++) {
			cum += r->bucket[k];
			if (k < METRICS_BUCKETS - 1)
				put(&o, "images_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n", label,
				    metrics_bucket_ms[k] / 1000.0, (unsigned long long)cum);
			else
				put(&o, "images_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", label,
				    (unsigned long long)cum);
		}
		put(&o, "images_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", label, (double)r->sum_us / 1e6);
		put(&o, "images_http_request_duration_seconds_count{route=\"%s\"} %llu\n", label, (unsigned long long)count);
	}
	put(&o,
	    "# HELP images_jobs_queued Image and text jobs waiting for a render thread.\n# TYPE images_jobs_queued gauge\n"
	    "images_jobs_queued %zu\n"
	    "# HELP images_jobs_running Jobs a render thread holds.\n# TYPE images_jobs_running gauge\nimages_jobs_running %zu\n"
	    "# HELP images_images_total Images the render threads finished, by result.\n# TYPE images_images_total counter\n"
	    "images_images_total{result=\"done\"} %llu\nimages_images_total{result=\"failed\"} %llu\n"
	    "# HELP images_render_seconds_total Seconds engines spent making images.\n"
	    "# TYPE images_render_seconds_total counter\nimages_render_seconds_total %.3f\n"
	    "# HELP images_db_map_used_bytes Bytes of the LMDB map in use.\n# TYPE images_db_map_used_bytes gauge\n"
	    "images_db_map_used_bytes %zu\n"
	    "# HELP images_db_map_size_bytes The LMDB map's size (it grows up to db_map_max_mb).\n"
	    "# TYPE images_db_map_size_bytes gauge\nimages_db_map_size_bytes %zu\n"
	    "# HELP images_blobs Stored blobs (full images and thumbnails) that records refer to.\n"
	    "# TYPE images_blobs gauge\nimages_blobs %zu\n"
	    "# HELP images_blob_bytes Bytes of those blobs.\n# TYPE images_blob_bytes gauge\nimages_blob_bytes %llu\n"
	    "# HELP images_worker_processes Worker processes whose counters are summed here (ended ones too).\n"
	    "# TYPE images_worker_processes gauge\nimages_worker_processes %u\n",
	    f.queued, f.running, (unsigned long long)sum->images_done, (unsigned long long)sum->images_failed,
	    (double)sum->render_us / 1e6, store_map_used(req->app->store), store_map_size(req->app->store), f.blobs,
	    (unsigned long long)f.blob_bytes, processes);
	free(sum);
	if (o.failed) {
		free(o.buf);
		resp_error(req, 500, "out of memory");
		return;
	}
	resp_text(req, 200, "text/plain; version=0.0.4; charset=utf-8", o.buf, o.len);
	free(o.buf);
}
