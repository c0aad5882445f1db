/*
 * http: one request as the worker sees it, and the ways to answer it.
 *
 * A struct request lives for one FastCGI request on one thread. Everything it
 * points to (method, path, decoded parameters, the body, captures) is owned by
 * the request's arena or by the FCGX_Request, and is valid until the request
 * ends. Handlers answer exactly once with resp_json(), resp_error() or
 * sse_start(); helpers never write a second set of headers.
 *
 * Input helpers validate as they parse: query strings and cookies are
 * percent-decoded and must be UTF-8, duplicate query parameters are refused,
 * bodies have a hard maximum, JSON bodies must be application/json, UTF-8,
 * an object, no deeper than the configured depth and without duplicate keys.
 */
#ifndef IMAGES_HTTP_H
#define IMAGES_HTTP_H

#include <fcgiapp.h>
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "accounts.h"
#include "app.h"
#include "arena.h"

#define REQ_MAX_CAPTURES 4
#define REQ_MAX_HEADERS 16

enum auth_via { AUTH_NONE = 0, AUTH_COOKIE, AUTH_BEARER };

struct kv {
	const char *key;
	const char *value;
	size_t vlen;
};

struct route;

struct request {
	FCGX_Request *fcgx;
	struct arena *arena;
	const struct app *app;
	const char *method;      /* "GET", ...; HEAD is answered like GET without a body */
	bool head;
	const char *path;        /* the path of REQUEST_URI, undecoded, without the query */
	const char *query;       /* the raw query string, "" when absent */
	const char *remote_addr;
	const char *captures[REQ_MAX_CAPTURES]; /* {name} segments of the matched route */
	size_t ncaptures;
	bool openai_errors;      /* /v1/: errors also carry OpenAI's {"error":{message,type,param,code}} */

	/* Who is asking: filled by auth before the handler runs. */
	enum auth_via auth;
	struct user user;
	uint8_t session_hash[32]; /* sha256 of the session token, when auth == AUTH_COOKIE */
	uint8_t cred_hash[32];    /* sha256 of the credential (session token or API key) */
	unsigned scopes;          /* enum key_scope bits the credential carries (a session: all) */
	int route_index;          /* the matched route's place in the table, -1 when none */
	const struct route *routes; /* the table it was matched in (for /metrics' labels) */
	size_t nroutes;

	/* Decoded query parameters, parsed on first use. */
	struct kv *params;
	size_t nparams;
	bool params_parsed;
	bool params_bad;

	/* Response state. */
	const char *out_headers[REQ_MAX_HEADERS];
	size_t nout_headers;
	int status;
	bool answered;
	bool client_gone;
	size_t bytes_out;
	struct timespec started;
};

/* A FastCGI parameter (REQUEST_METHOD, HTTP_ORIGIN ...) or NULL. */
const char *req_param(const struct request *req, const char *name);
/* A request header by its HTTP name ("Origin", "Sec-Fetch-Site") or NULL. */
const char *req_header(const struct request *req, const char *name);

/*
 * A decoded query parameter. Returns 1 and sets *value when present, 0 when
 * absent, -1 when the query string is malformed or names it twice (the caller
 * answers 400).
 */
int req_query(struct request *req, const char *name, const char **value);
/* The value of cookie name, or NULL. Malformed cookie headers yield NULL. */
const char *req_cookie(struct request *req, const char *name);

/*
 * Reads the whole body, at most max bytes. Returns 0, or an HTTP status
 * (413 too large, 400 short read) after answering the request itself.
 */
int req_body(struct request *req, size_t max, char **body, size_t *len);

/*
 * Reads and parses a JSON object body within the configured limits. Returns 0
 * with a new reference in *out (the caller decrefs), or an HTTP status after
 * answering the request (400, 413, 415).
 */
int req_json(struct request *req, json_t **out);

/* Adds a response header ("Name: value"); refuses values with CR or LF. 0 or -1. */
int resp_header(struct request *req, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Answers with len bytes of body of content_type (text/plain for /metrics). */
void resp_text(struct request *req, int status, const char *content_type, const char *body, size_t len);
/* Answers with a JSON body and steals the reference to body. */
void resp_json(struct request *req, int status, json_t *body);
/* Answers {"detail": message}. */
void resp_error(struct request *req, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * The HTTP status of a store error, in one place: STORE_NOTFOUND 404,
 * STORE_EXISTS 409, STORE_FULL 507 (Insufficient Storage), anything else 500.
 */
int store_http_status(int rc);
/* Answers store_http_status(rc) with {"detail": "<what>: <the store's words>"}. */
void resp_store_error(struct request *req, int rc, const char *what);
/*
 * Answers an error naming the field at fault (param) and a machine-readable
 * code, either may be NULL. Routes under /v1/ answer
 * {"error":{"message","type","param","code"},"detail"}: the shape OpenAI's
 * clients parse, with our "detail" beside it; other routes answer {"detail"}.
 */
void resp_error_param(struct request *req, int status, const char *param, const char *code,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Answers with headers only (X-Accel-Redirect, 304 ...). */
void resp_empty(struct request *req, int status);

/* Starts a text/event-stream response. 0, or -1 when the client is gone. */
int sse_start(struct request *req);
/* Sends one event (event may be NULL) and flushes. 0, or -1 when the client is gone. */
int sse_send(struct request *req, const char *event, const char *data);
/* Sends ": text" and flushes; the 15 s ping that also notices a departed client. */
int sse_comment(struct request *req, const char *text);
/*
 * True when the web server has closed this request's connection (its client
 * left: nginx and lighttpd then close the FastCGI connection), seen without
 * writing. A stream that waits for events checks it so that it does not hold
 * its thread until its next event.
 */
bool req_peer_closed(struct request *req);

const char *http_reason(int status);

/* The access log: {"ts","pid","method","path","status","ms","bytes","user","auth"}, one per request. */
void log_request(const struct request *req);

#endif
