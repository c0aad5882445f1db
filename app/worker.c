#include "worker.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api_accounts.h"
#include "api_files.h"
#include "turns.h"
#include "api_images.h"
#include "api_openai.h"
#include "log.h"
#include "router.h"

/* Every route the worker answers; nginx and lighttpd send all of /backend-api and /f here. */
static const struct route routes[] = {
	{ "GET", "/backend-api/healthz", api_healthz, ROUTE_PUBLIC },
	{ "POST", "/backend-api/auth/signup", api_signup, ROUTE_PUBLIC },
	{ "POST", "/backend-api/auth/login", api_login, ROUTE_PUBLIC },
	{ "POST", "/backend-api/auth/logout", api_logout, ROUTE_PUBLIC },
	{ "GET", "/backend-api/me", api_me, ROUTE_AUTH },
	{ "POST", "/backend-api/api_keys", api_keys_create, ROUTE_AUTH },
	{ "GET", "/backend-api/api_keys", api_keys_list, ROUTE_AUTH },
	{ "DELETE", "/backend-api/api_keys/{id}", api_keys_delete, ROUTE_AUTH },
	{ "POST", "/backend-api/files", api_files_upload, ROUTE_AUTH },
	{ "GET", "/backend-api/files/download/{id}", api_files_download, ROUTE_AUTH },
	{ "GET", "/backend-api/estuary/content", api_estuary_content, ROUTE_PUBLIC },
	{ "POST", "/backend-api/f/conversation/prepare", api_prepare, ROUTE_AUTH },
	{ "POST", "/f/conversation/prepare", api_prepare, ROUTE_AUTH },
	{ "POST", "/backend-api/f/conversation", api_turn, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/f/conversation", api_turn, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/backend-api/f/conversation/resume", api_resume, ROUTE_AUTH | ROUTE_STREAM },
	{ "GET", "/backend-api/conversation/{id}/stream_status", api_stream_status, ROUTE_AUTH },
	{ "POST", "/backend-api/conversation/{id}/cancel", api_conversation_cancel, ROUTE_AUTH },
	{ "GET", "/backend-api/conversations", api_conversations_list, ROUTE_AUTH },
	{ "GET", "/backend-api/conversation/{id}", api_conversation_get, ROUTE_AUTH },
	{ "PATCH", "/backend-api/conversation/{id}", api_conversation_patch, ROUTE_AUTH },
	{ "GET", "/backend-api/images/styles", api_images_styles, ROUTE_PUBLIC },
	{ "GET", "/backend-api/images/bootstrap", api_images_bootstrap, ROUTE_AUTH },
	{ "GET", "/backend-api/my/recent/image_gen", api_recent_images, ROUTE_AUTH },
	{ "DELETE", "/backend-api/my/recent/image_gen/{id}", api_recent_image_delete, ROUTE_AUTH },
	{ "POST", "/v1/images/generations", api_openai_generations, ROUTE_AUTH | ROUTE_STREAM },
	{ "POST", "/v1/images/edits", api_openai_edits, ROUTE_AUTH | ROUTE_STREAM },
	{ "GET", "/v1/models", api_openai_models, ROUTE_AUTH },
};

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

static void dispatch(struct request *req)
{
	struct route_match m;
	req->openai_errors = strncmp(req->path, "/v1/", 4) == 0;
	int rc = router_match(routes, sizeof(routes) / sizeof(routes[0]), req->method, req->path,
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
	if (auth_resolve(req) != 0)
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
	m.route->handler(req);
}

void worker_handle(const struct app *app, FCGX_Request *r)
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
	dispatch(&req);
	if (!req.answered) {
		log_msg("error", "handler for %s %s gave no answer", req.method, req.path);
		resp_error(&req, 500, "internal error");
	}
	log_request(&req);
	arena_destroy(req.arena);
}
