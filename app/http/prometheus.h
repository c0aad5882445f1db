/*
 * prometheus: GET /metrics in Prometheus' text exposition format — requests by
 * route and status class with latency histograms, summed over every worker
 * (metrics.h); jobs queued and running, the LMDB map in use and the bytes of
 * stored blobs, read from the store at scrape time; images made and failed and
 * render seconds. Only from loopback, or for an admin's session or API key.
 */
#ifndef IMAGES_PROMETHEUS_H
#define IMAGES_PROMETHEUS_H

#include <stdint.h>

#include "http.h"
#include "router.h"

/* A signature of the route table (methods and patterns): the blocks metrics_sum adds up. */
uint64_t prometheus_routes_signature(const struct route *routes, size_t n);
/* Answers GET /metrics. */
void prometheus_answer(struct request *req, const struct route *routes, size_t n);

#endif
