/*
 * worker: the request threads, and one FastCGI request from accept to log line.
 *
 * Each request builds the struct request (arena, method, path, query),
 * matches the route table, resolves who is asking, refuses cross-site
 * state-changing requests, enforces authentication, runs the handler and
 * writes the request's log line. It is called on any request thread; the
 * app it reads is shared and read-only.
 */
#ifndef IMAGES_WORKER_H
#define IMAGES_WORKER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "http.h"
#include "router.h"

/* What the layer above gives the worker: its routes, and how a request's caller is found. */
struct worker_api {
	const struct route *routes;
	size_t nroutes;
	/* Resolves req->user and req->auth from the request's credentials: 0, or -1 once answered. */
	int (*authenticate)(struct request *req);
};

/*
 * The listening socket: a new one at sock_path, or (NULL) the one inherited on
 * fd 0 from spawn-fcgi or lighttpd. The fd, -1 when it cannot listen (logged),
 * -2 when fd 0 is not a socket.
 */
int worker_listen(const char *sock_path);

/*
 * Caps on the streaming routes (ROUTE_STREAM): one user may hold per_user of
 * this process's request threads with open streams (SSE turns, /v1 calls that
 * wait for images); one more is answered 429 with Retry-After at once, so that
 * one user's turns cannot hold every stream thread. Called once before threads start.
 */
void worker_streams_init(unsigned per_user, unsigned threads);

/*
 * n request threads, each looping on accept and answering one request at a time
 * through api until *stopping is true. NULL when they cannot be started.
 */
struct worker_pool *worker_pool_start(const struct app *app, const struct worker_api *api, int listen_fd,
				      unsigned n, atomic_bool *stopping);
/* After *stopping: waits up to grace_s for the requests in flight; true when none is left. */
bool worker_pool_drain(struct worker_pool *p, int grace_s);
/* Cancels the idle threads (blocked in accept), joins them all and frees the pool. */
void worker_pool_stop(struct worker_pool *p);

/*
 * The cross-site request check for a state-changing request: true when the
 * request may proceed. Browsers say where a request comes from with
 * Sec-Fetch-Site (trusted when present) or Origin (compared with the
 * request's own scheme and Host);
 * clients that send neither are not browsers and carry no ambient cookie risk
 * we can judge, so they pass.
 */
bool csrf_allowed(const char *sec_fetch_site, const char *origin, const char *host, bool https);

#endif
