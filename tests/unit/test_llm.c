/* The chat-completions stream parser: text, tool calls by index, [DONE], errors, cuts, limits. */
#include <string.h>

#include "llm.h"
#include "tap.h"

struct seen {
	char text[512];
	size_t pieces;
	size_t stop_after;
};

static int on_text(void *ctx, const char *p, size_t n)
{
	struct seen *s = ctx;
	size_t have = strlen(s->text);
	if (have + n < sizeof(s->text)) {
		memcpy(s->text + have, p, n);
		s->text[have + n] = '\0';
	}
	s->pieces++;
	return s->stop_after && s->pieces >= s->stop_after;
}

/* Feeds body in pieces of `step` bytes (every split point must work), then ends. */
static enum llm_status run(const char *body, size_t step, struct llm_stream *s, struct seen *seen, size_t max)
{
	llm_stream_init(s, max, on_text, seen);
	size_t len = strlen(body);
	for (size_t i = 0; i < len; i += step) {
		size_t n = len - i < step ? len - i : step;
		enum llm_status st = llm_stream_feed(s, body + i, n);
		if (st != LLM_OK)
			return st;
	}
	return llm_stream_end(s);
}

static const char *text_stream =
	": keep-alive\n\n"
	"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n"
	"data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}\n\n"
	"data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo, \\u00e9\\n**world**\"},\"finish_reason\":null}]}\r\n\r\n"
	"data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
	"data: [DONE]\n\n";

static const char *tool_stream =
	"data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"image_gen\",\"arguments\":\"\"}}]}}]}\n\n"
	"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"pro\"}}]}}]}\n\n"
	"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"image_gen\",\"arguments\":\"{\\\"prompt\\\":\"}}]}}]}\n\n"
	"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"mpt\\\":\\\"a red cube\\\"}\"}}]}}]}\n\n"
	"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"a cat\\\"}\"}}]}}]}\n\n"
	"data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
	"data: [DONE]\n\n";

int main(void)
{
	struct llm_stream s;
	static const size_t steps[] = { 1, 2, 3, 7, 64, 100000 };
	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		struct seen seen = { "", 0, 0 };
		enum llm_status st = run(text_stream, steps[k], &s, &seen, 4096);
		ok(st == LLM_OK, "text stream in pieces of %zu: ok", steps[k]);
		ok(s.text != NULL && strcmp(s.text, "Hello, \xc3\xa9\n**world**") == 0, "text assembled (step %zu)", steps[k]);
		ok(strcmp(seen.text, s.text ? s.text : "") == 0 && seen.pieces == 2, "callback saw the two pieces in order (step %zu)", steps[k]);
		ok(s.done && strcmp(s.finish_reason, "stop") == 0, "[DONE] and finish_reason (step %zu)", steps[k]);
		llm_stream_free(&s);
	}

	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++) {
		struct seen seen = { "", 0, 0 };
		enum llm_status st = run(tool_stream, steps[k], &s, &seen, 4096);
		ok(st == LLM_OK && s.ncalls == 2, "two tool calls (step %zu)", steps[k]);
		json_t *calls = llm_stream_tool_calls(&s);
		json_t *c0 = json_array_get(calls, 0), *c1 = json_array_get(calls, 1);
		ok(strcmp(json_string_value(json_object_get(c0, "id")), "call_a") == 0 &&
			   strcmp(json_string_value(json_object_get(json_object_get(c0, "function"), "name")), "image_gen") == 0,
		   "call 0: id and name (step %zu)", steps[k]);
		ok(strcmp(json_string_value(json_object_get(json_object_get(c0, "function"), "arguments")),
			  "{\"prompt\":\"a red cube\"}") == 0,
		   "call 0: interleaved argument fragments joined by index (step %zu)", steps[k]);
		ok(strcmp(json_string_value(json_object_get(json_object_get(c1, "function"), "arguments")),
			  "{\"prompt\":\"a cat\"}") == 0 &&
			   strcmp(json_string_value(json_object_get(c1, "id")), "call_b") == 0,
		   "call 1 assembled (step %zu)", steps[k]);
		ok(strcmp(s.finish_reason, "tool_calls") == 0 && seen.pieces == 0, "finish_reason tool_calls, no text (step %zu)", steps[k]);
		json_decref(calls);
		llm_stream_free(&s);
	}

	static const struct {
		const char *body;
		enum llm_status want;
		const char *what;
	} bad[] = {
		{ "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n", LLM_PROTOCOL, "cut before finish/[DONE]" },
		{ "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choi", LLM_PROTOCOL, "cut mid-chunk" },
		{ "data: {\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}\n\n", LLM_REMOTE, "error chunk" },
		{ "data: not json\n\n", LLM_PROTOCOL, "garbage chunk" },
		{ "data: [1,2]\n\n", LLM_PROTOCOL, "chunk not an object" },
		{ "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":-1}]}}]}\n\n", LLM_PROTOCOL, "negative tool index" },
		{ "data: {\"choices\":[{\"delta\":{\"tool_calls\":[\"x\"]}}]}\n\n", LLM_PROTOCOL, "tool fragment not an object" },
		{ "data: {\"choices\":[{\"delta\":{\"content\":\"0123456789abcdef0123456789abcdef!\"}}]}\n\n", LLM_TOO_LARGE, "text past the maximum" },
		{ "", LLM_PROTOCOL, "empty body" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct seen seen = { "", 0, 0 };
		enum llm_status st = run(bad[i].body, 5, &s, &seen, 32);
		ok(st == bad[i].want, "%s: %s (got %d, %s)", bad[i].what, llm_strerror(bad[i].want), st, s.err);
		llm_stream_free(&s);
	}
	{
		struct seen seen = { "", 0, 0 };
		run("data: {\"error\":{\"message\":\"model overloaded\"}}\n\n", 1000, &s, &seen, 1000);
		ok(strstr(s.err, "model overloaded") != NULL, "error chunk's message is kept: %s", s.err);
		llm_stream_free(&s);
	}
	{
		/* Nine tool calls: more than the maximum. */
		char body[4096] = "";
		size_t o = 0;
		for (int i = 0; i < 9; i++)
			o += (size_t)snprintf(body + o, sizeof(body) - o,
					      "data: {\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":%d,\"id\":\"c%d\",\"function\":{\"name\":\"f\"}}]}}]}\n\n",
					      i, i);
		struct seen seen = { "", 0, 0 };
		ok(run(body, 50, &s, &seen, 4096) == LLM_TOO_LARGE, "more than %d tool calls is refused", LLM_MAX_TOOL_CALLS);
		llm_stream_free(&s);
	}
	{
		/* A line longer than LLM_LINE_MAX. */
		static char big[LLM_LINE_MAX + 64];
		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		memcpy(big, "data: ", 6);
		struct seen seen = { "", 0, 0 };
		ok(run(big, 4096, &s, &seen, 1u << 20) == LLM_TOO_LARGE, "an endless line is refused");
		llm_stream_free(&s);
	}
	{
		/* The callback stops the stream: the text so far is kept. */
		struct seen seen = { "", 0, 1 };
		ok(run(text_stream, 9, &s, &seen, 4096) == LLM_CANCELLED && strcmp(s.text, "Hel") == 0,
		   "a callback's stop keeps the text so far");
		llm_stream_free(&s);
	}
	{
		/* Anything after [DONE] is ignored; a last line without its newline still counts. */
		struct seen seen = { "", 0, 0 };
		ok(run("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\n",
		       3, &s, &seen, 4096) == LLM_OK && strcmp(s.text, "a") == 0, "nothing after [DONE]");
		llm_stream_free(&s);
		ok(run("data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":\"stop\"}]}", 3, &s, &seen, 4096) == LLM_OK,
		   "last event without a blank line");
		llm_stream_free(&s);
	}
	{
		/* A non-streaming answer (a server that ignores stream: true) is read as one message. */
		struct seen seen = { "", 0, 0 };
		ok(run("data: {\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"whole\"},\"finish_reason\":\"stop\"}]}\n\n", 4, &s, &seen, 4096) == LLM_OK &&
			   strcmp(s.text, "whole") == 0, "choices[0].message is taken too");
		llm_stream_free(&s);
	}
	{
		/*
		 * Random streams built from real fragments (and random bytes), fed in random
		 * pieces: the parser must always end in a defined state, its text must stay
		 * within the maximum, and the sanitizers must stay quiet. A fixed seed keeps
		 * it repeatable.
		 */
		static const char *const frags[] = {
			"data: ", "data:", "\n", "\r\n", "\n\n", ": ping\n", "event: x\n", "[DONE]",
			"{\"choices\":[{\"delta\":{\"content\":\"ab\"}}]}",
			"{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":3,\"id\":\"c\",\"function\":{\"name\":\"image_gen\",\"arguments\":\"{\\\"p\"}}]}}]}",
			"{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}",
			"{\"error\":{\"message\":\"x\"}}", "{\"choices\":", "\xff\xfe", "null", "\"",
		};
		unsigned seed = 12345;
		int defined = 1, bounded = 1;
		for (int round = 0; round < 3000; round++) {
			char body[2048];
			size_t len = 0;
			int parts = 1 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 24;
			for (int k = 0; k < parts; k++) {
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 16) % 9 == 0 && len < sizeof(body)) {
					body[len++] = (char)(seed >> 8);
					continue;
				}
				const char *f = frags[(seed >> 16) % (sizeof(frags) / sizeof(frags[0]))];
				size_t fl = strlen(f);
				if (len + fl > sizeof(body))
					break;
				memcpy(body + len, f, fl);
				len += fl;
			}
			struct seen seen = { "", 0, 0 };
			llm_stream_init(&s, 64, on_text, &seen);
			enum llm_status st = LLM_OK;
			for (size_t i = 0; i < len && st == LLM_OK;) {
				seed = seed * 1103515245u + 12345u;
				size_t n = 1 + (seed >> 16) % 17;
				if (n > len - i)
					n = len - i;
				st = llm_stream_feed(&s, body + i, n);
				i += n;
			}
			if (st == LLM_OK)
				st = llm_stream_end(&s);
			defined &= st == LLM_OK || st == LLM_PROTOCOL || st == LLM_REMOTE || st == LLM_TOO_LARGE;
			bounded &= s.text_len <= 64 && s.ncalls <= LLM_MAX_TOOL_CALLS;
			json_decref(llm_stream_tool_calls(&s));
			llm_stream_free(&s);
		}
		ok(defined, "3000 random streams end in a defined status");
		ok(bounded, "text and tool calls never pass their maximum");
	}
	return tap_done();
}
