/*
 * llm: a client for OpenAI-compatible chat completions (POST
 * {base}/v1/chat/completions with "stream": true), as llama.cpp's server,
 * Ollama, vLLM and OpenAI speak it.
 *
 * The reply arrives as Server-Sent Events: `data: {json chunk}` lines, each
 * chunk's choices[0].delta carrying a piece of text (content) or fragments of
 * tool calls (tool_calls[], assembled by their index: id and function.name
 * arrive once, function.arguments in pieces that are concatenated), a
 * finish_reason on the last chunk, and `data: [DONE]` at the end. An error is
 * either an HTTP status with a JSON body {"error": {"message": ...}} or a
 * `data: {"error": ...}` chunk in the stream.
 *
 * The parser (llm_stream_*) is separate from the transfer so it can be tested
 * on its own; llm_chat() runs one request over libcurl on the calling thread
 * with connect, total and idle timeouts, a hard maximum on the bytes it will
 * read, and a cancel callback polled during the transfer. The API key comes
 * from a file or the environment and is never logged or put in an error.
 *
 * Ownership: struct llm_result's text and tool_calls belong to the result and
 * are released by llm_result_free(). json_t values passed in are borrowed.
 */
#ifndef IMAGES_LLM_H
#define IMAGES_LLM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct config;

enum llm_status {
	LLM_OK = 0,        /* the reply ended with [DONE] or a finish_reason */
	LLM_CANCELLED = 1, /* the cancel callback asked to stop; the text so far is kept */
	LLM_TIMEOUT = -1,  /* connect, total or idle timeout */
	LLM_CONNECT = -2,  /* the server could not be reached */
	LLM_HTTP = -3,     /* the server answered an HTTP error (its message is in err) */
	LLM_REMOTE = -4,   /* the stream carried an error object */
	LLM_PROTOCOL = -5, /* the stream was cut or malformed before its end */
	LLM_TOO_LARGE = -6,/* the reply passed the configured maximum */
	LLM_NOMEM = -7,
	LLM_CONFIG = -8,   /* no endpoint configured, or the key file cannot be read */
};

const char *llm_strerror(enum llm_status st);

#define LLM_MAX_TOOL_CALLS 8
#define LLM_LINE_MAX 65536         /* longest SSE line accepted */
#define LLM_TOOL_ARGS_MAX 16384    /* longest arguments string of one tool call */
#define LLM_KEY_MAX 512

/* Where a request goes; filled from images.conf by llm_endpoint_text() / llm_endpoint_enhancer(). */
struct llm_endpoint {
	char base_url[512];        /* http://host:port, without /v1/chat/completions */
	char model[128];
	char key_file[512];        /* "" : no key file */
	unsigned connect_timeout_s;
	unsigned total_timeout_s;
	unsigned idle_timeout_s;   /* no byte for this long: timeout */
	size_t max_response_bytes;
	unsigned max_tokens;       /* 0: not sent */
};

/* The text model of images.conf; false when none is configured. */
bool llm_endpoint_text(const struct config *cfg, struct llm_endpoint *ep);
/* The prompt enhancer's endpoint (its own keys, else the text model's); false when none. */
bool llm_endpoint_enhancer(const struct config *cfg, struct llm_endpoint *ep);

struct llm_tool_call {
	int index;
	char id[128];
	char name[64];
	char *arguments;           /* NUL-terminated, grown as fragments arrive */
	size_t arguments_len;
};

/* Called with each piece of text as it arrives; return non-zero to stop. */
typedef int (*llm_text_fn)(void *ctx, const char *text, size_t len);
/* Polled during the transfer; return true to cancel. */
typedef bool (*llm_cancel_fn)(void *ctx);

/* The incremental SSE parser. */
struct llm_stream {
	char *line;                /* the current, unfinished line */
	size_t line_len;
	char *data;                /* data: lines of the current event, joined by \n */
	size_t data_len;
	char *text;                /* all content so far */
	size_t text_len;
	size_t max_bytes;          /* of text + tool arguments together */
	struct llm_tool_call calls[LLM_MAX_TOOL_CALLS];
	int ncalls;
	char finish_reason[32];
	bool done;                 /* [DONE] seen */
	bool failed;               /* a malformed or error chunk: see status, err */
	enum llm_status status;
	char err[256];
	size_t chunks;             /* data events handled */
	llm_text_fn on_text;
	void *ctx;
};

void llm_stream_init(struct llm_stream *s, size_t max_bytes, llm_text_fn on_text, void *ctx);
/* Feeds bytes of the response body. LLM_OK, or the error that stops the stream. */
enum llm_status llm_stream_feed(struct llm_stream *s, const char *buf, size_t len);
/* At the end of the body: LLM_OK when the reply ended properly ([DONE] or a finish_reason). */
enum llm_status llm_stream_end(struct llm_stream *s);
/* The assembled tool calls as OpenAI's message.tool_calls array (new reference). */
json_t *llm_stream_tool_calls(const struct llm_stream *s);
void llm_stream_free(struct llm_stream *s);

struct llm_result {
	char *text;                /* the whole reply text (may be partial on error/cancel); never NULL after llm_chat */
	size_t text_len;
	json_t *tool_calls;        /* array, possibly empty */
	char finish_reason[32];
	long http_status;
};

void llm_result_free(struct llm_result *r);

/*
 * One streamed chat completion: messages (OpenAI shape) and tools (an array,
 * or NULL for none). on_text gets text as it arrives; cancel is polled. The
 * result holds what arrived, also when the status is not LLM_OK; err then says
 * why in words a user can read (no key, no URL query).
 */
enum llm_status llm_chat(const struct llm_endpoint *ep, const json_t *messages, const json_t *tools,
			 llm_text_fn on_text, llm_cancel_fn cancel, void *ctx, struct llm_result *out,
			 char *err, size_t errlen);

/* Once per process, before threads: libcurl's global state. 0 or -1. */
int llm_global_init(void);

#endif
