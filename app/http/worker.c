#include "worker.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accounts.h"
#include "log.h"
#include "metrics.h"
#include "router.h"
#include "userslots.h"

/* The arena's hard cap: the largest body plus room for the request's own allocations. */
#define ARENA_OVERHEAD (4u << 20)

bool csrf_allowed(const char *sec_fetch_site, const char *origin, const char *host, bool https)
{
	if (sec_fetch_site != NULL)
		return strcmp(sec_fetch_site, "same-origin") == 0 || strcmp(sec_fetch_site, "none") == 0;
	if (origin == NULL)
		return true;
	if (host == NULL)
		return false;
	const char *scheme = https ? "https://" : "http://";
	if (strncasecmp(origin, scheme, strlen(scheme)) != 0)
		return false; /* another scheme, "null", or anything else that is not our origin */
	const char *o_host = origin + strlen(scheme);
	if (strchr(o_host, '/') != NULL)
		return false;
	return strcasecmp(o_host, host) == 0;
}

static bool request_is_https(const struct request *req)
{
	const char *https = req_param(req, "HTTPS");
	return https != NULL && (strcasecmp(https, "on") == 0 || strcmp(https, "1") == 0);
}

static bool state_changing(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
	       strcmp(method, "OPTIONS") != 0;
}

static void split_uri(struct request *req)
{
	const char *uri = req_param(req, "REQUEST_URI");
	if (uri == NULL)
		uri = req_param(req, "DOCUMENT_URI");
	if (uri == NULL)
		uri = "/";
	const char *q = strchr(uri, '?');
	if (q != NULL) {
		req->path = arena_strndup(req->arena, uri, (size_t)(q - uri));
		req->query = q + 1;
	} else {
		req->path = uri;
		const char *qs = req_param(req, "QUERY_STRING");
		req->query = qs != NULL ? qs : "";
	}
	if (req->path == NULL)
		req->path = "/";
}

/*
 * True when the request's Host (port dropped, [v6] brackets too) is one of the
 * configured server names, case-insensitively, or names none at all (HTTP/1.0).
 * A page on another site whose name an attacker points at this server (DNS
 * rebinding) sends its own name and is refused.
 */
static bool host_allowed(const struct config *cfg, const char *host)
{
	if (host == NULL || host[0] == '\0' || strcmp(cfg->server_names, "*") == 0)
		return true;
	const char *name = host, *end;
	if (host[0] == '[') {
		name = host + 1;
		end = strchr(name, ']');
		if (end == NULL)
			return false;
	} else {
		end = strchr(host, ':');
		if (end == NULL)
			end = host + strlen(host);
	}
	size_t n = (size_t)(end - name);
	for (const char *p = cfg->server_names; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t len = strcspn(p, " \t,");
		if (len > 0 && len == n && strncasecmp(p, name, n) == 0)
			return true;
		p += len;
	}
	return false;
}

/* The request's Origin when cors_origins lets it call /v1 ("*" lets any), else NULL. */
static const char *cors_origin(const struct request *req)
{
	const char *origin = req_header(req, "Origin");
	const char *list = req->app->cfg.cors_origins;
	if (origin == NULL || origin[0] == '\0' || list[0] == '\0')
		return NULL;
	size_t n = strlen(origin);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		size_t len = strcspn(p, " \t,");
		if ((len == 1 && *p == '*') || (len == n && strncasecmp(p, origin, n) == 0))
			return origin;
		p += len;
	}
	return NULL;
}

/*
 * /v1 from a browser on another site (CORS): an allowed Origin gets
 * Access-Control-Allow-Origin on every answer, and OPTIONS preflights are
 * answered here. Credentials (cookies) are never allowed: browser clients send
 * an API key as Authorization: Bearer.
 */
static bool cors_handled(struct request *req)
{
	const char *origin = cors_origin(req);
	if (origin != NULL) {
		resp_header(req, "Access-Control-Allow-Origin", "%s", origin);
		resp_header(req, "Vary", "Origin");
	}
	if (strcmp(req->method, "OPTIONS") != 0)
		return false;
	if (origin == NULL) {
		resp_error(req, 403, "this origin may not call the API from a browser: add it to cors_origins in images.conf");
		return true;
	}
	resp_header(req, "Access-Control-Allow-Methods", "GET, POST, OPTIONS");
	resp_header(req, "Access-Control-Allow-Headers",
		    "Authorization, Content-Type, OpenAI-Organization, OpenAI-Project, OpenAI-Beta, X-Stainless-Lang, "
		    "X-Stainless-Package-Version, X-Stainless-OS, X-Stainless-Arch, X-Stainless-Runtime, "
		    "X-Stainless-Runtime-Version, X-Stainless-Retry-Count, X-Stainless-Timeout");
	resp_header(req, "Access-Control-Expose-Headers", "Retry-After, X-Request-Id");
	resp_header(req, "Access-Control-Max-Age", "600");
	resp_empty(req, 204);
	return true;
}

static struct userslots streams;

void worker_streams_init(unsigned per_user, unsigned threads)
{
	userslots_init(&streams, per_user, threads);
}

static void dispatch(const struct worker_api *api, struct request *req)
{
	struct route_match m;
	req->openai_errors = strncmp(req->path, "/v1/", 4) == 0;
	if (req->openai_errors && cors_handled(req))
		return;
	int rc = router_match(api->routes, api->nroutes, req->method, req->path,
			      req->arena, &m);
	if (rc == 404) {
		resp_error(req, 404, "no route for %s", req->path);
		return;
	}
	if (rc == 405) {
		resp_header(req, "Allow", "%s", m.allow);
		resp_error(req, 405, "method %s not allowed here; use %s", req->method, m.allow);
		return;
	}
	memcpy(req->captures, m.captures, sizeof(req->captures));
	req->ncaptures = m.ncaptures;
	req->route_index = (int)(m.route - api->routes);
	req->routes = api->routes;
	req->nroutes = api->nroutes;
	/* healthz answers any name: probes may use an address; it tells nothing. */
	if (strcmp(req->path, "/backend-api/healthz") != 0 &&
	    !host_allowed(&req->app->cfg, req_header(req, "Host"))) {
		resp_error(req, 421, "this server does not answer to that host name: add it to server_names in images.conf");
		return;
	}
	if (api->authenticate(req) != 0)
		return;
	if (state_changing(req->method) && req->auth != AUTH_BEARER &&
	    !csrf_allowed(req_header(req, "Sec-Fetch-Site"), req_header(req, "Origin"),
			  req_header(req, "Host"), request_is_https(req))) {
		resp_error(req, 403, "cross-site request refused");
		return;
	}
	if ((m.route->flags & ROUTE_AUTH) && req->auth == AUTH_NONE) {
		resp_error(req, 401, "authentication required");
		return;
	}
	if (req->auth == AUTH_BEARER && !(m.route->flags & ROUTE_ANY_SCOPE)) {
		bool account = m.route->flags & ROUTE_ACCOUNT;
		if (!(req->scopes & (account ? KEY_SCOPE_ACCOUNT : KEY_SCOPE_IMAGES))) {
			resp_error(req, 403, "this API key lacks the \"%s\" scope this route needs",
				   account ? "account" : "images");
			return;
		}
	}
	if ((m.route->flags & ROUTE_STREAM) && req->auth != AUTH_NONE) {
		/* The total is the thread count, so only the per-user cap can refuse. */
		if (userslots_take(&streams, req->user.id) != USERSLOTS_OK) {
			resp_header(req, "Retry-After", "2");
			resp_error(req, 429, "you have %u streams open already (the most at once): wait for one to end",
				   streams.per_user);
			return;
		}
		m.route->handler(req);
		userslots_give(&streams, req->user.id);
		return;
	}
	m.route->handler(req);
}

static void handle(const struct app *app, const struct worker_api *api, FCGX_Request *r)
{
	struct request req;
	memset(&req, 0, sizeof(req));
	clock_gettime(CLOCK_MONOTONIC, &req.started);
	req.fcgx = r;
	req.app = app;
	size_t body_max = app->cfg.max_json_bytes > app->cfg.max_upload_bytes ? app->cfg.max_json_bytes
									      : app->cfg.max_upload_bytes;
	req.arena = arena_create(body_max + ARENA_OVERHEAD);
	if (req.arena == NULL) {
		FCGX_PutS("Status: 503 Service Unavailable\r\nContent-Type: application/json\r\n\r\n"
			  "{\"detail\":\"out of memory\"}", r->out);
		return;
	}
	req.method = req_param(&req, "REQUEST_METHOD");
	if (req.method == NULL)
		req.method = "GET";
	req.head = strcmp(req.method, "HEAD") == 0;
	req.remote_addr = req_param(&req, "REMOTE_ADDR");
	split_uri(&req);
	req.route_index = -1;
	dispatch(api, &req);
	if (!req.answered) {
		log_msg("error", "handler for %s %s gave no answer", req.method, req.path);
		resp_error(&req, 500, "internal error");
	}
	log_request(&req);
	struct timespec end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	int64_t us = (int64_t)(end.tv_sec - req.started.tv_sec) * 1000000 + (end.tv_nsec - req.started.tv_nsec) / 1000;
	/* Requests that matched no route are counted in the table's last slot. */
	metrics_request(req.route_index >= 0 ? (unsigned)req.route_index : METRICS_ROUTES - 1, req.status,
			us > 0 ? (uint64_t)us : 0);
	arena_destroy(req.arena);
}

/* ---- the request threads ---- */

enum thread_state { T_IDLE, T_BUSY, T_DONE };

struct request_thread {
	pthread_t tid;
	struct worker_pool *pool;
	_Atomic int state;
};

struct worker_pool {
	const struct app *app;
	const struct worker_api *api;
	int listen_fd;
	atomic_bool *stopping;
	unsigned n;
	struct request_thread t[];
};

static void *request_loop(void *arg)
{
	struct request_thread *t = arg;
	FCGX_Request r;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	if (FCGX_InitRequest(&r, t->pool->listen_fd, 0) != 0) {
		atomic_store(&t->state, T_DONE);
		return NULL;
	}
	while (!atomic_load(t->pool->stopping)) {
		atomic_store(&t->state, T_IDLE);
		/* Only an idle thread, blocked in accept, may be cancelled at shutdown. */
		pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
		int rc = FCGX_Accept_r(&r);
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
		if (rc < 0) {
			if (atomic_load(t->pool->stopping))
				break;
			log_msg("warn", "FCGX_Accept_r: %d", rc);
			usleep(10000);
			continue;
		}
		atomic_store(&t->state, T_BUSY);
		handle(t->pool->app, t->pool->api, &r);
		FCGX_Finish_r(&r);
	}
	FCGX_Free(&r, 0);
	atomic_store(&t->state, T_DONE);
	return NULL;
}

int worker_listen(const char *sock_path)
{
	if (FCGX_Init() != 0) {
		log_msg("error", "FCGX_Init failed");
		return -1;
	}
	if (sock_path != NULL)
		return FCGX_OpenSocket(sock_path, 1024);
	struct stat st;
	if (fstat(0, &st) != 0 || !S_ISSOCK(st.st_mode))
		return -2;
	return 0;
}

struct worker_pool *worker_pool_start(const struct app *app, const struct worker_api *api, int listen_fd,
				      unsigned n, atomic_bool *stopping)
{
	struct worker_pool *p = calloc(1, sizeof(*p) + n * sizeof(p->t[0]));
	if (p == NULL)
		return NULL;
	p->app = app;
	p->api = api;
	p->listen_fd = listen_fd;
	p->stopping = stopping;
	for (unsigned i = 0; i < n; i++) {
		p->t[i].pool = p;
		atomic_store(&p->t[i].state, T_IDLE);
		if (pthread_create(&p->t[i].tid, NULL, request_loop, &p->t[i]) != 0) {
			log_msg("error", "pthread_create failed");
			atomic_store(stopping, true);
			p->n = i;
			worker_pool_stop(p);
			return NULL;
		}
		p->n = i + 1;
	}
	return p;
}

bool worker_pool_drain(struct worker_pool *p, int grace_s)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		unsigned busy = 0;
		for (unsigned i = 0; i < p->n; i++)
			busy += atomic_load(&p->t[i].state) == T_BUSY;
		if (busy == 0)
			return true;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= grace_s)
			return false;
		usleep(20000);
	}
}

void worker_pool_stop(struct worker_pool *p)
{
	for (unsigned i = 0; i < p->n; i++) {
		if (atomic_load(&p->t[i].state) != T_DONE)
			pthread_cancel(p->t[i].tid);
	}
	for (unsigned i = 0; i < p->n; i++)
		pthread_join(p->t[i].tid, NULL);
	free(p);
}
