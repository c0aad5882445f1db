/*
 * remote_http: the HTTP client the remote engines use (libcurl), on the render
 * threads.
 *
 * One call = one exchange, retried with exponential backoff (0.5 s, 1 s, 2 s ...,
 * or the server's Retry-After, at most 30 s) when the failure is transient: the
 * connection was refused or reset, the answer was a 5xx or 429. A 4xx other than
 * 429 is never retried, nor is an exchange whose streamed body was already handed
 * to the caller. Connect and total timeouts are always set; a response body
 * larger than max_bytes ends the exchange as a failure. The tick callback runs
 * every ~100 ms while the transfer is in flight (outside any libcurl callback, so
 * it may make its own rhttp calls) and cancels the exchange by returning non-zero.
 *
 * err receives a reason a user can read ("the image backend at 127.0.0.1:7860 is
 * not reachable (connection refused)"); it never contains request headers, so an
 * API key sent in Authorization cannot reach a log or a message.
 *
 * The SSE parser (rhttp_sse_*) turns a byte stream into events (event name + data),
 * with a hard maximum on one event's size.
 */
#ifndef IMAGES_REMOTE_HTTP_H
#define IMAGES_REMOTE_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rhttp_status {
	RHTTP_OK = 0,	     /* a response arrived (any HTTP status) */
	RHTTP_CANCELLED = 1, /* tick or on_data asked to stop */
	RHTTP_FAILED = -1,   /* no usable response: err says why */
};

const char *rhttp_strerror(enum rhttp_status st);

/* Called ~every 100 ms during a transfer and between retries; non-zero cancels. */
typedef int (*rhttp_tick_fn)(void *ctx);
/* A streamed 2xx body, chunk by chunk; non-zero stops the transfer (as cancelled). */
typedef int (*rhttp_data_fn)(void *ctx, const char *data, size_t len);

struct rhttp_part { /* one multipart/form-data field */
	const char *name;
	const char *filename; /* NULL for a plain field */
	const char *type;     /* MIME type of a file, or NULL */
	const void *data;
	size_t len;
};

#define RHTTP_MAX_HEADERS 8

struct rhttp_req {
	const char *method; /* "GET" or "POST" */
	const char *url;
	const char *headers[RHTTP_MAX_HEADERS]; /* "Name: value", NULL-terminated early */
	const char *body;			/* POST body (JSON), or NULL */
	size_t body_len;
	const struct rhttp_part *parts; /* multipart body instead of body */
	size_t nparts;
	long connect_timeout_ms, timeout_ms;
	unsigned retries;
	size_t max_bytes;
	rhttp_data_fn on_data; /* non-NULL: a 2xx body is streamed here, not buffered */
	void *data_ctx;
	rhttp_tick_fn tick;
	void *tick_ctx;
};

struct rhttp_resp {
	long status; /* HTTP status, 0 when none was received */
	char *body;  /* NUL-terminated; the error body of a streamed request */
	size_t len;
	char content_type[128];
};

/* Once per process, before threads start. 0 or -1. */
int rhttp_global_init(void);

/*
 * Performs the exchange. RHTTP_OK means a response arrived (any status: check
 * resp->status); RHTTP_FAILED means none did (err says why); RHTTP_CANCELLED
 * means tick or on_data asked to stop. resp is always released with rhttp_resp_free().
 */
enum rhttp_status rhttp_do(const struct rhttp_req *rq, struct rhttp_resp *resp, char *err,
			   size_t errlen);
void rhttp_resp_free(struct rhttp_resp *resp);

/* "host:port" of a URL for messages ("api.openai.com"), never its user info or path. */
void rhttp_host_of(const char *url, char *out, size_t outlen);

/* ---- secrets ---- */

/*
 * Reads an API key from a file: opened O_CLOEXEC, refused unless only its owner
 * may read it (mode & 077 == 0), one line of printable ASCII, trailing newline
 * and spaces dropped. what names the file in err ("the OpenAI key file"). 0, or
 * -1 with err set and key wiped.
 */
int rhttp_read_key_file(const char *path, const char *what, char *key, size_t keylen, char *err,
			size_t errlen);

/* Overwrites every occurrence of secret in msg with '*' (a secret under 4 bytes is left). */
void rhttp_scrub_secret(char *msg, const char *secret);

/* ---- server-sent events ---- */

#define RHTTP_SSE_MAX (48u << 20) /* one event's data at most (a base64 image) */

struct rhttp_sse {
	char event[64];
	char *data; /* the current event's data lines, joined by "\n" */
	size_t len, cap;
	char *line; /* the line being read */
	size_t line_len, line_cap;
	size_t max; /* 0: RHTTP_SSE_MAX */
};

/* Called per complete event; data is NUL-terminated. Non-zero stops the parse. */
typedef int (*rhttp_sse_fn)(void *ctx, const char *event, const char *data, size_t len);

void rhttp_sse_init(struct rhttp_sse *s, size_t max);
/* Feeds bytes; returns 0, the callback's non-zero value, or -1 when an event is over max. */
int rhttp_sse_feed(struct rhttp_sse *s, const char *buf, size_t len, rhttp_sse_fn fn, void *ctx);
void rhttp_sse_free(struct rhttp_sse *s);

#endif
