/*
 * fuzz_llm: the OpenAI chat-completions stream parser (llm_stream_*,
 * app/engines/llm.h): SSE lines, JSON chunks, content deltas, tool_calls
 * assembled by index, error chunks, [DONE].
 *
 * Input: byte 0 picks the size limit (32 << (b & 15) bytes), byte 1 the chunk
 * size the body is fed in (1 + b), byte 2 after how many pieces of text the
 * on_text callback stops the stream (0: never); the rest is the body.
 *
 * Checked beyond "no crash": the text and each tool call's arguments are
 * NUL-terminated at their length with no NUL inside (jansson refuses \u0000),
 * text and arguments together stay within the limit, the text handed to
 * on_text is exactly the text kept, a failed stream reports a failure status
 * with a message, and llm_stream_tool_calls() gives one object per call with
 * the call's id, name and arguments.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "llm.h"

struct seen {
	unsigned stop_after, pieces;
	size_t bytes;
	uint64_t hash;
};

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ull;
	return h;
}

static int on_text(void *ctx, const char *text, size_t len)
{
	struct seen *s = ctx;
	if (text == NULL || len == 0)
		abort();
	s->pieces++;
	s->bytes += len;
	s->hash = mix(s->hash, text, len);
	return s->stop_after != 0 && s->pieces >= s->stop_after;
}

static void check(const struct llm_stream *s, const struct seen *seen, enum llm_status st)
{
	size_t used = s->text_len;
	if (s->text != NULL && (s->text[s->text_len] != '\0' || strlen(s->text) != s->text_len))
		abort();
	if (s->text == NULL && s->text_len != 0)
		abort();
	if (seen->bytes != s->text_len || seen->hash != mix(0, s->text ? s->text : "", s->text_len))
		abort();
	if (s->ncalls < 0 || s->ncalls > LLM_MAX_TOOL_CALLS)
		abort();
	for (int i = 0; i < s->ncalls; i++) {
		const struct llm_tool_call *c = &s->calls[i];
		if (memchr(c->id, '\0', sizeof(c->id)) == NULL ||
		    memchr(c->name, '\0', sizeof(c->name)) == NULL ||
		    c->arguments_len > LLM_TOOL_ARGS_MAX)
			abort();
		if (c->arguments != NULL && (c->arguments[c->arguments_len] != '\0' ||
					     strlen(c->arguments) != c->arguments_len))
			abort();
		used += c->arguments_len;
	}
	if (used > s->max_bytes)
		abort();
	if (memchr(s->finish_reason, '\0', sizeof(s->finish_reason)) == NULL)
		abort();
	if (st != LLM_OK && (!s->failed || s->status != st || s->err[0] == '\0'))
		abort();
	json_t *calls = llm_stream_tool_calls(s);
	if (calls == NULL || json_array_size(calls) != (size_t)s->ncalls)
		abort();
	for (int i = 0; i < s->ncalls; i++) {
		json_t *c = json_array_get(calls, (size_t)i);
		json_t *fn = json_object_get(c, "function");
		const char *args = json_string_value(json_object_get(fn, "arguments"));
		const char *name = json_string_value(json_object_get(fn, "name"));
		const char *id = json_string_value(json_object_get(c, "id"));
		if (args == NULL || name == NULL || id == NULL || strcmp(id, s->calls[i].id) != 0 ||
		    strcmp(name, s->calls[i].name) != 0 ||
		    strcmp(args, s->calls[i].arguments ? s->calls[i].arguments : "") != 0)
			abort();
	}
	json_decref(calls);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3 || size > 256 * 1024)
		return 0;
	struct seen seen = {.stop_after = data[2]};
	size_t max = (size_t)32 << (data[0] & 15);
	size_t chunk = 1 + (size_t)data[1];
	const char *body = (const char *)data + 3;
	size_t len = size - 3;
	struct llm_stream s;
	llm_stream_init(&s, max, on_text, &seen);
	enum llm_status st = LLM_OK;
	for (size_t off = 0; off < len && st == LLM_OK; off += chunk)
		st = llm_stream_feed(&s, body + off, len - off < chunk ? len - off : chunk);
	if (st == LLM_OK)
		st = llm_stream_end(&s);
	check(&s, &seen, st);
	llm_stream_free(&s);
	return 0;
}
