#include "llm.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "config.h"
#include "remote_http.h"

#define KEY_ENV "IMAGES_TEXT_MODEL_KEY"
#define ERROR_BODY_MAX 8192

const char *llm_strerror(enum llm_status st)
{
	switch (st) {
	case LLM_OK: return "ok";
	case LLM_CANCELLED: return "cancelled";
	case LLM_TIMEOUT: return "the text model did not answer in time";
	case LLM_CONNECT: return "the text model could not be reached";
	case LLM_HTTP: return "the text model answered with an error";
	case LLM_REMOTE: return "the text model reported an error";
	case LLM_PROTOCOL: return "the text model's reply was cut off or malformed";
	case LLM_TOO_LARGE: return "the text model's reply was too long";
	case LLM_NOMEM: return "out of memory";
	case LLM_CONFIG: return "no text model is configured";
	}
	return "unknown error";
}

static void fill_common(const struct config *cfg, struct llm_endpoint *ep)
{
	memset(ep, 0, sizeof(*ep));
	snprintf(ep->base_url, sizeof(ep->base_url), "%s", cfg->text_model_url);
	snprintf(ep->model, sizeof(ep->model), "%s", cfg->text_model);
	snprintf(ep->key_file, sizeof(ep->key_file), "%s", cfg->text_model_key_file);
	ep->connect_timeout_s = cfg->text_model_connect_timeout_s;
	ep->total_timeout_s = cfg->text_model_timeout_s;
	ep->idle_timeout_s = cfg->text_model_idle_timeout_s;
	ep->max_response_bytes = cfg->text_model_max_response_bytes;
	ep->max_tokens = cfg->text_model_max_tokens;
}

bool llm_endpoint_text(const struct config *cfg, struct llm_endpoint *ep)
{
	fill_common(cfg, ep);
	return ep->base_url[0] != '\0' && ep->model[0] != '\0';
}

bool llm_endpoint_enhancer(const struct config *cfg, struct llm_endpoint *ep)
{
	fill_common(cfg, ep);
	if (cfg->enhancer_url[0] != '\0')
		snprintf(ep->base_url, sizeof(ep->base_url), "%s", cfg->enhancer_url);
	if (cfg->enhancer_model[0] != '\0')
		snprintf(ep->model, sizeof(ep->model), "%s", cfg->enhancer_model);
	/* One budget bounds the whole enhancement; a model thinking silently within it is fine. */
	ep->total_timeout_s = cfg->enhancer_timeout_s;
	ep->idle_timeout_s = cfg->enhancer_timeout_s;
	ep->max_tokens = 0;
	return ep->base_url[0] != '\0' && ep->model[0] != '\0';
}

/* ---- the stream parser ---- */

void llm_stream_init(struct llm_stream *s, size_t max_bytes, llm_text_fn on_text, void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->max_bytes = max_bytes;
	s->on_text = on_text;
	s->ctx = ctx;
	for (int i = 0; i < LLM_MAX_TOOL_CALLS; i++)
		s->calls[i].index = -1;
}

void llm_stream_free(struct llm_stream *s)
{
	free(s->line);
	free(s->data);
	free(s->text);
	for (int i = 0; i < LLM_MAX_TOOL_CALLS; i++)
		free(s->calls[i].arguments);
	memset(s, 0, sizeof(*s));
}

static enum llm_status stream_fail(struct llm_stream *s, enum llm_status st, const char *msg)
{
	if (!s->failed) {
		s->failed = true;
		s->status = st;
		snprintf(s->err, sizeof(s->err), "%s", msg);
	}
	return s->status;
}

/* Appends to a NUL-terminated growing buffer, never past max bytes. */
static int buf_append(char **buf, size_t *len, size_t max, const char *p, size_t n)
{
	if (*len + n > max)
		return -1;
	char *nb = realloc(*buf, *len + n + 1);
	if (nb == NULL)
		return -2;
	memcpy(nb + *len, p, n);
	*len += n;
	nb[*len] = '\0';
	*buf = nb;
	return 0;
}

static size_t used_bytes(const struct llm_stream *s)
{
	size_t n = s->text_len;
	for (int i = 0; i < s->ncalls; i++)
		n += s->calls[i].arguments_len;
	return n;
}

static enum llm_status take_text(struct llm_stream *s, const char *p, size_t n)
{
	if (n == 0)
		return LLM_OK;
	if (used_bytes(s) + n > s->max_bytes)
		return stream_fail(s, LLM_TOO_LARGE, "the reply passed the size limit");
	int rc = buf_append(&s->text, &s->text_len, s->max_bytes, p, n);
	if (rc != 0)
		return stream_fail(s, LLM_NOMEM, "out of memory");
	if (s->on_text != NULL && s->on_text(s->ctx, p, n) != 0)
		return stream_fail(s, LLM_CANCELLED, "stopped");
	return LLM_OK;
}

/* One tool_calls[] fragment: found (or started) by index, its pieces concatenated. */
static enum llm_status take_tool_fragment(struct llm_stream *s, const json_t *frag)
{
	json_t *ix = json_object_get(frag, "index");
	int index = json_is_integer(ix) ? (int)json_integer_value(ix) : 0;
	if (index < 0 || index > 1000)
		return stream_fail(s, LLM_PROTOCOL, "a tool call has a bad index");
	struct llm_tool_call *c = NULL;
	for (int i = 0; i < s->ncalls; i++)
		if (s->calls[i].index == index)
			c = &s->calls[i];
	if (c == NULL) {
		if (s->ncalls >= LLM_MAX_TOOL_CALLS)
			return stream_fail(s, LLM_TOO_LARGE, "too many tool calls");
		c = &s->calls[s->ncalls++];
		c->index = index;
	}
	const char *id = json_string_value(json_object_get(frag, "id"));
	if (id != NULL && id[0] != '\0') {
		if (strlen(id) >= sizeof(c->id))
			return stream_fail(s, LLM_PROTOCOL, "a tool call id is too long");
		memcpy(c->id, id, strlen(id) + 1);
	}
	json_t *fn = json_object_get(frag, "function");
	const char *name = json_string_value(json_object_get(fn, "name"));
	if (name != NULL && name[0] != '\0') {
		/* Some servers repeat the name on every fragment; others send it in pieces. */
		size_t have = strlen(c->name), n = strlen(name);
		if (strcmp(c->name, name) != 0) {
			if (have + n >= sizeof(c->name))
				return stream_fail(s, LLM_PROTOCOL, "a tool name is too long");
			memcpy(c->name + have, name, n + 1);
		}
	}
	json_t *args = json_object_get(fn, "arguments");
	if (json_is_string(args)) {
		size_t n = json_string_length(args);
		if (c->arguments_len + n > LLM_TOOL_ARGS_MAX || used_bytes(s) + n > s->max_bytes)
			return stream_fail(s, LLM_TOO_LARGE, "a tool call's arguments passed the size limit");
		if (buf_append(&c->arguments, &c->arguments_len, LLM_TOOL_ARGS_MAX, json_string_value(args), n) != 0)
			return stream_fail(s, LLM_NOMEM, "out of memory");
	}
	return LLM_OK;
}

/* The message of an error object: {"error": {"message": ...}} or {"error": "..."}. */
static void error_message(const json_t *root, char *out, size_t outlen)
{
	json_t *e = json_object_get(root, "error");
	const char *msg = json_is_string(e) ? json_string_value(e) : json_string_value(json_object_get(e, "message"));
	if (msg == NULL)
		msg = json_string_value(json_object_get(root, "message"));
	snprintf(out, outlen, "%s", msg != NULL && msg[0] ? msg : "no message given");
	/* Keep it one printable line. */
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
}

static enum llm_status dispatch(struct llm_stream *s)
{
	const char *d = s->data;
	size_t n = s->data_len;
	s->data_len = 0;
	if (d == NULL || n == 0)
		return LLM_OK;
	if (s->done)
		return LLM_OK; /* anything after [DONE] is ignored */
	if (n == 6 && memcmp(d, "[DONE]", 6) == 0) {
		s->done = true;
		return LLM_OK;
	}
	json_error_t jerr;
	json_t *root = json_loadb(d, n, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(root)) {
		json_decref(root);
		return stream_fail(s, LLM_PROTOCOL, "the stream carried a chunk that is not JSON");
	}
	s->chunks++;
	enum llm_status st = LLM_OK;
	if (json_object_get(root, "error") != NULL) {
		char msg[200];
		error_message(root, msg, sizeof(msg));
		char full[256];
		snprintf(full, sizeof(full), "the text model reported: %s", msg);
		st = stream_fail(s, LLM_REMOTE, full);
		goto out;
	}
	json_t *choice = json_array_get(json_object_get(root, "choices"), 0);
	json_t *delta = json_object_get(choice, "delta");
	if (delta == NULL)
		delta = json_object_get(choice, "message"); /* a server that answers whole messages */
	json_t *content = json_object_get(delta, "content");
	if (json_is_string(content))
		st = take_text(s, json_string_value(content), json_string_length(content));
	json_t *calls = json_object_get(delta, "tool_calls");
	size_t i;
	json_t *frag;
	if (st == LLM_OK && json_is_array(calls)) {
		json_array_foreach(calls, i, frag) {
			if (!json_is_object(frag)) {
				st = stream_fail(s, LLM_PROTOCOL, "a tool call fragment is not an object");
				break;
			}
			if ((st = take_tool_fragment(s, frag)) != LLM_OK)
				break;
		}
	}
	const char *fr = json_string_value(json_object_get(choice, "finish_reason"));
	if (st == LLM_OK && fr != NULL)
		snprintf(s->finish_reason, sizeof(s->finish_reason), "%s", fr);
out:
	json_decref(root);
	return st;
}

/* One complete line of the event stream (without its line ending). */
static enum llm_status take_line(struct llm_stream *s, const char *line, size_t n)
{
	if (n == 0)
		return dispatch(s);
	if (line[0] == ':')
		return LLM_OK; /* a comment: keep-alive */
	const char *colon = memchr(line, ':', n);
	size_t field_len = colon ? (size_t)(colon - line) : n;
	const char *value = colon ? colon + 1 : line + n;
	size_t vlen = colon ? n - field_len - 1 : 0;
	if (vlen > 0 && value[0] == ' ') {
		value++;
		vlen--;
	}
	if (field_len == 4 && memcmp(line, "data", 4) == 0) {
		if (s->data_len > 0 && buf_append(&s->data, &s->data_len, LLM_LINE_MAX, "\n", 1) != 0)
			return stream_fail(s, LLM_TOO_LARGE, "an event of the stream is too long");
		if (s->data == NULL && buf_append(&s->data, &s->data_len, LLM_LINE_MAX, "", 0) != 0)
			return stream_fail(s, LLM_NOMEM, "out of memory");
		if (buf_append(&s->data, &s->data_len, LLM_LINE_MAX, value, vlen) != 0)
			return stream_fail(s, LLM_TOO_LARGE, "an event of the stream is too long");
	}
	/* event:, id:, retry: and unknown fields carry nothing we use. */
	return LLM_OK;
}

enum llm_status llm_stream_feed(struct llm_stream *s, const char *buf, size_t len)
{
	if (s->failed)
		return s->status;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
		if (buf_append(&s->line, &s->line_len, LLM_LINE_MAX, buf + i, n) != 0)
			return stream_fail(s, LLM_TOO_LARGE, "a line of the stream is too long");
		i += n;
		if (nl == NULL)
			break;
		i++; /* the \n */
		size_t ll = s->line_len;
		if (ll > 0 && s->line[ll - 1] == '\r')
			ll--;
		s->line_len = 0;
		enum llm_status st = take_line(s, s->line, ll);
		if (st != LLM_OK)
			return st;
	}
	return LLM_OK;
}

enum llm_status llm_stream_end(struct llm_stream *s)
{
	if (s->failed)
		return s->status;
	if (s->line_len > 0) {
		/* A last line without its newline still counts. */
		size_t ll = s->line_len;
		s->line_len = 0;
		if (take_line(s, s->line, ll) != LLM_OK)
			return s->status;
	}
	if (s->data_len > 0 && dispatch(s) != LLM_OK)
		return s->status;
	if (s->done || s->finish_reason[0] != '\0')
		return LLM_OK;
	return stream_fail(s, LLM_PROTOCOL, "the text model's reply was cut off before its end");
}

json_t *llm_stream_tool_calls(const struct llm_stream *s)
{
	json_t *arr = json_array();
	for (int i = 0; arr != NULL && i < s->ncalls; i++) {
		const struct llm_tool_call *c = &s->calls[i];
		json_array_append_new(arr, json_pack("{s:s, s:s, s:{s:s, s:s}}", "id", c->id, "type", "function",
						     "function", "name", c->name, "arguments",
						     c->arguments ? c->arguments : ""));
	}
	return arr;
}

void llm_result_free(struct llm_result *r)
{
	free(r->text);
	json_decref(r->tool_calls);
	memset(r, 0, sizeof(*r));
}

/* ---- the transfer ---- */

int llm_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

struct transfer {
	struct llm_stream stream;
	long http_status;
	char *error_body;          /* a non-2xx answer's body, up to ERROR_BODY_MAX */
	size_t error_len;
	size_t received;
	size_t max_received;
	bool too_large;
	CURL *curl;
	llm_cancel_fn cancel;
	void *ctx;
	int64_t last_byte_ms;      /* when the last byte arrived (or the request started) */
	int64_t idle_ms;
	bool idle;                 /* ended by the idle timeout */
};

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct transfer *t = userdata;
	size_t n = size * nmemb;
	t->last_byte_ms = mono_ms();
	if (t->http_status == 0)
		curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &t->http_status);
	t->received += n;
	if (t->received > t->max_received) {
		t->too_large = true;
		return 0;
	}
	if (t->http_status < 200 || t->http_status > 299) {
		size_t room = ERROR_BODY_MAX - t->error_len;
		buf_append(&t->error_body, &t->error_len, ERROR_BODY_MAX, ptr, n < room ? n : room);
		return n;
	}
	return llm_stream_feed(&t->stream, ptr, n) == LLM_OK ? n : 0;
}

static int on_xfer(void *clientp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	struct transfer *t = clientp;
	/*
	 * The idle timeout is kept here rather than with CURLOPT_LOW_SPEED_TIME,
	 * whose speed is averaged over several seconds and so ends a stalled
	 * stream seconds late. libcurl calls this at least once a second.
	 */
	if (t->idle_ms > 0 && mono_ms() - t->last_byte_ms > t->idle_ms) {
		t->idle = true;
		return 1;
	}
	return t->cancel != NULL && t->cancel(t->ctx) ? 1 : 0;
}

/* Reads the API key: the environment first, then the key file. 0, or -1 (err says why). */
static int read_key(const struct llm_endpoint *ep, char *key, size_t keylen, char *err, size_t errlen)
{
	key[0] = '\0';
	const char *env = getenv(KEY_ENV);
	if (env != NULL && env[0] != '\0') {
		if (strlen(env) >= keylen) {
			snprintf(err, errlen, "%s is too long", KEY_ENV);
			return -1;
		}
		memcpy(key, env, strlen(env) + 1);
		return 0;
	}
	if (ep->key_file[0] == '\0')
		return 0;
	return rhttp_read_key_file(ep->key_file, "the text model's key file", key, keylen, err, errlen);
}

enum llm_status llm_chat(const struct llm_endpoint *ep, const json_t *messages, const json_t *tools,
			 llm_text_fn on_text, llm_cancel_fn cancel, void *ctx, struct llm_result *out,
			 char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	enum llm_status st = LLM_OK;
	struct transfer t;
	memset(&t, 0, sizeof(t));
	llm_stream_init(&t.stream, ep->max_response_bytes, on_text, ctx);
	t.max_received = ep->max_response_bytes * 2 + 65536; /* the SSE framing around the text */
	t.cancel = cancel;
	t.ctx = ctx;
	struct curl_slist *headers = NULL;
	char *body = NULL;
	char key[LLM_KEY_MAX], auth[LLM_KEY_MAX + 32], url[600];
	key[0] = '\0';
	auth[0] = '\0';
	json_t *req = NULL;
	snprintf(err, errlen, "%s", "");
	if (ep->base_url[0] == '\0' || ep->model[0] == '\0') {
		st = LLM_CONFIG;
		snprintf(err, errlen, "%s", llm_strerror(st));
		goto out;
	}
	if (read_key(ep, key, sizeof(key), err, errlen) != 0) {
		st = LLM_CONFIG;
		goto out;
	}
	size_t bl = strlen(ep->base_url);
	while (bl > 0 && ep->base_url[bl - 1] == '/')
		bl--;
	/* "http://host:11434/v1" is as common a way to write the base as "http://host:11434". */
	bool has_v1 = bl >= 3 && memcmp(ep->base_url + bl - 3, "/v1", 3) == 0;
	int un = snprintf(url, sizeof(url), "%.*s%s/chat/completions", (int)bl, ep->base_url, has_v1 ? "" : "/v1");
	if (un < 0 || (size_t)un >= sizeof(url)) {
		st = LLM_CONFIG;
		snprintf(err, errlen, "the text model's URL is too long");
		goto out;
	}
	req = json_pack("{s:s, s:O, s:b}", "model", ep->model, "messages", messages, "stream", 1);
	if (req != NULL && tools != NULL && json_array_size(tools) > 0)
		json_object_set_new(req, "tools", json_deep_copy(tools));
	if (req != NULL && ep->max_tokens > 0)
		json_object_set_new(req, "max_tokens", json_integer(ep->max_tokens));
	body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	t.curl = curl_easy_init();
	if (body == NULL || t.curl == NULL) {
		st = LLM_NOMEM;
		snprintf(err, errlen, "%s", llm_strerror(st));
		goto out;
	}
	headers = curl_slist_append(headers, "Content-Type: application/json");
	headers = curl_slist_append(headers, "Accept: text/event-stream");
	if (key[0] != '\0') {
		snprintf(auth, sizeof(auth), "Authorization: Bearer %s", key);
		headers = curl_slist_append(headers, auth);
	}
	CURL *c = t.curl;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_xfer);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)ep->connect_timeout_s);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)ep->total_timeout_s);
	t.idle_ms = (int64_t)ep->idle_timeout_s * 1000;
	t.last_byte_ms = mono_ms();
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	CURLcode cc = curl_easy_perform(c);
	if (t.http_status == 0)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &t.http_status);
	if (t.idle) {
		st = LLM_TIMEOUT;
		snprintf(err, errlen, "%s (nothing for %u s)", llm_strerror(st), ep->idle_timeout_s);
	} else if (cc == CURLE_ABORTED_BY_CALLBACK || (t.stream.failed && t.stream.status == LLM_CANCELLED)) {
		st = LLM_CANCELLED;
		snprintf(err, errlen, "stopped");
	} else if (t.too_large) {
		st = LLM_TOO_LARGE;
		snprintf(err, errlen, "%s", llm_strerror(st));
	} else if (t.stream.failed) {
		st = t.stream.status;
		snprintf(err, errlen, "%s", t.stream.err);
	} else if (cc == CURLE_OPERATION_TIMEDOUT) {
		st = LLM_TIMEOUT;
		snprintf(err, errlen, "%s", llm_strerror(st));
	} else if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST) {
		st = LLM_CONNECT;
		snprintf(err, errlen, "%s", llm_strerror(st));
	} else if (t.http_status != 0 && (t.http_status < 200 || t.http_status > 299)) {
		st = LLM_HTTP;
		char msg[200] = "";
		if (t.http_status == 401 || t.http_status == 403) {
			/* OpenAI's 401 message quotes part of the key: it is not passed on. */
			snprintf(err, errlen, "the text model refused the API key (HTTP %ld)", t.http_status);
			goto out;
		}
		json_t *eb = t.error_body ? json_loadb(t.error_body, t.error_len, 0, NULL) : NULL;
		if (json_is_object(eb))
			error_message(eb, msg, sizeof(msg));
		json_decref(eb);
		snprintf(err, errlen, "the text model answered HTTP %ld%s%s", t.http_status, msg[0] ? ": " : "", msg);
	} else if (cc != CURLE_OK) {
		st = LLM_PROTOCOL;
		snprintf(err, errlen, "%s (%s)", llm_strerror(st), curl_easy_strerror(cc));
	} else {
		st = llm_stream_end(&t.stream);
		if (st != LLM_OK)
			snprintf(err, errlen, "%s", t.stream.err);
	}
out:
	/* Never let the key reach a message, whatever the server echoes (an error event, a body). */
	rhttp_scrub_secret(err, key);
	out->text = t.stream.text ? t.stream.text : strdup("");
	out->text_len = t.stream.text ? t.stream.text_len : 0;
	t.stream.text = NULL;
	out->tool_calls = llm_stream_tool_calls(&t.stream);
	snprintf(out->finish_reason, sizeof(out->finish_reason), "%s", t.stream.finish_reason);
	out->http_status = t.http_status;
	if (out->text == NULL && st == LLM_OK)
		st = LLM_NOMEM;
	llm_stream_free(&t.stream);
	free(t.error_body);
	curl_slist_free_all(headers);
	if (t.curl != NULL)
		curl_easy_cleanup(t.curl);
	free(body);
	json_decref(req);
	explicit_bzero(key, sizeof(key));
	explicit_bzero(auth, sizeof(auth));
	return st;
}
