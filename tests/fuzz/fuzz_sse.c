/*
 * fuzz_sse: the server-sent events parser of the remote engines' HTTP client
 * (rhttp_sse_*, app/engines/remote_http.h), which reads OpenAI's streamed image
 * answers.
 *
 * Input: byte 0 picks the event limit (16 << (b & 15) bytes), byte 1 the
 * chunk size the body is fed in (1 + b), byte 2 after how many events the
 * callback stops the parse (0: never); the rest is the body.
 *
 * Checked beyond "no crash": every event's data is NUL-terminated at its
 * length and within the limit, its name NUL-terminated within 63 bytes, a
 * stop asked by the callback is the value returned, and the same body fed in
 * one piece gives the same result and the same events as fed in chunks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "remote_http.h"

struct seen {
	size_t max;
	unsigned stop_after, events;
	uint64_t hash; /* of every event's name and data, in order */
};

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return (h ^ n) * 1099511628211ull;
}

static int on_event(void *ctx, const char *event, const char *data, size_t len)
{
	struct seen *s = ctx;
	if (event == NULL || data == NULL || data[len] != '\0' || len > s->max ||
	    memchr(event, '\0', 64) == NULL)
		abort();
	s->events++;
	s->hash = mix(mix(s->hash, event, strlen(event)), data, len);
	return s->stop_after != 0 && s->events >= s->stop_after ? 7 : 0;
}

static int parse(const char *body, size_t len, size_t chunk, struct seen *seen)
{
	struct rhttp_sse sse;
	rhttp_sse_init(&sse, seen->max);
	int rc = 0;
	for (size_t off = 0; off < len && rc == 0; off += chunk)
		rc = rhttp_sse_feed(&sse, body + off, len - off < chunk ? len - off : chunk, on_event,
				    seen);
	rhttp_sse_free(&sse);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3 || size > 256 * 1024)
		return 0;
	struct seen a = {.max = (size_t)16 << (data[0] & 15), .stop_after = data[2]};
	size_t chunk = 1 + (size_t)data[1];
	const char *body = (const char *)data + 3;
	size_t len = size - 3;
	int rc = parse(body, len, chunk, &a);
	if (rc != 0 && rc != -1 && rc != 7)
		abort();
	if (rc == 7 && a.events != a.stop_after)
		abort();
	struct seen b = {.max = a.max, .stop_after = a.stop_after};
	int rc2 = parse(body, len, len ? len : 1, &b);
	if (rc2 != rc || a.events != b.events || a.hash != b.hash)
		abort();
	return 0;
}
