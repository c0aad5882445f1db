#include "http.h"

#include <ctype.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "textparse.h"

const char *http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 206: return "Partial Content";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 416: return "Range Not Satisfiable";
	case 421: return "Misdirected Request";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	case 507: return "Insufficient Storage";
	default: return "Status";
	}
}

const char *req_param(const struct request *req, const char *name)
{
	return FCGX_GetParam(name, req->fcgx->envp);
}

const char *req_header(const struct request *req, const char *name)
{
	char env[128] = "HTTP_";
	size_t n = strlen(name);
	if (n + 6 > sizeof(env))
		return NULL;
	for (size_t i = 0; i < n; i++)
		env[5 + i] = name[i] == '-' ? '_' : (char)toupper((unsigned char)name[i]);
	env[5 + n] = '\0';
	return req_param(req, env);
}

static void parse_query(struct request *req)
{
	req->params_parsed = true;
	const char *q = req->query;
	size_t count = 0;
	for (const char *p = q; *p; p++)
		count += *p == '&';
	count++;
	if (count > 64) {
		req->params_bad = true;
		return;
	}
	req->params = arena_calloc(req->arena, count, sizeof(struct kv));
	if (req->params == NULL) {
		req->params_bad = true;
		return;
	}
	const char *p = q;
	while (*p) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		if (len > 0) {
			const char *eq = memchr(p, '=', len);
			size_t klen = eq ? (size_t)(eq - p) : len;
			size_t vlen_raw = eq ? len - klen - 1 : 0;
			char *k = arena_alloc(req->arena, klen + 1);
			char *v = arena_alloc(req->arena, vlen_raw + 1);
			size_t kout, vout;
			if (k == NULL || v == NULL || percent_decode(p, klen, k, &kout) != 0 ||
			    percent_decode(eq ? eq + 1 : "", vlen_raw, v, &vout) != 0 ||
			    kout != strlen(k) || vout != strlen(v)) {
				req->params_bad = true;
				return;
			}
			for (size_t i = 0; i < req->nparams; i++) {
				if (strcmp(req->params[i].key, k) == 0) {
					req->params_bad = true;
					return;
				}
			}
			req->params[req->nparams++] = (struct kv){ k, v, vout };
		}
		if (amp == NULL)
			break;
		p = amp + 1;
	}
}

int req_query(struct request *req, const char *name, const char **value)
{
	if (!req->params_parsed)
		parse_query(req);
	if (req->params_bad)
		return -1;
	for (size_t i = 0; i < req->nparams; i++) {
		if (strcmp(req->params[i].key, name) == 0) {
			*value = req->params[i].value;
			return 1;
		}
	}
	return 0;
}

const char *req_cookie(struct request *req, const char *name)
{
	const char *h = req_header(req, "Cookie");
	if (h == NULL)
		return NULL;
	size_t nlen = strlen(name);
	const char *p = h;
	while (*p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			const char *v = p + nlen + 1;
			size_t vlen = len - nlen - 1;
			while (vlen > 0 && v[vlen - 1] == ' ')
				vlen--;
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			/* Cookie values we set are base64url: refuse anything else outright. */
			for (size_t i = 0; i < vlen; i++) {
				if (!isalnum((unsigned char)v[i]) && v[i] != '-' && v[i] != '_')
					return NULL;
			}
			return arena_strndup(req->arena, v, vlen);
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	return NULL;
}

int req_body(struct request *req, size_t max, char **body, size_t *len)
{
	const char *cl = req_param(req, "CONTENT_LENGTH");
	unsigned long long declared = 0;
	bool have_length = cl != NULL && cl[0] != '\0';
	if (have_length && parse_ull(cl, strlen(cl), 0, UINT64_MAX, &declared) != 0) {
		resp_error(req, 400, "malformed Content-Length");
		return 400;
	}
	if (declared > max) {
		resp_error(req, 413, "request body is larger than %zu bytes", max);
		return 413;
	}
	size_t cap = have_length ? (size_t)declared : max;
	char *buf = arena_alloc(req->arena, cap + 1);
	if (buf == NULL) {
		resp_error(req, 503, "out of memory");
		return 503;
	}
	size_t got = 0;
	while (got < cap) {
		int chunk = cap - got > 65536 ? 65536 : (int)(cap - got);
		int n = FCGX_GetStr(buf + got, chunk, req->fcgx->in);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (!have_length && got == cap) {
		char extra;
		if (FCGX_GetStr(&extra, 1, req->fcgx->in) == 1) {
			resp_error(req, 413, "request body is larger than %zu bytes", max);
			return 413;
		}
	}
	if (have_length && got != cap) {
		resp_error(req, 400, "request body ended early");
		return 400;
	}
	buf[got] = '\0';
	*body = buf;
	*len = got;
	return 0;
}

/* Nesting depth of JSON text, counted outside strings; the cheap guard before parsing. */
static unsigned json_depth(const char *s, size_t n)
{
	unsigned depth = 0, max = 0;
	bool in_string = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				max = depth;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
	return max;
}

int req_json(struct request *req, json_t **out)
{
	const char *ct = req_param(req, "CONTENT_TYPE");
	size_t mlen = ct ? strcspn(ct, ";") : 0;
	while (mlen > 0 && ct[mlen - 1] == ' ')
		mlen--;
	if (ct == NULL || mlen != strlen("application/json") ||
	    strncasecmp(ct, "application/json", mlen) != 0) {
		resp_error(req, 415, "Content-Type must be application/json");
		return 415;
	}
	char *body;
	size_t len;
	int rc = req_body(req, req->app->cfg.max_json_bytes, &body, &len);
	if (rc != 0)
		return rc;
	if (len == 0) {
		resp_error(req, 400, "request body is empty: expected a JSON object");
		return 400;
	}
	if (!utf8_valid(body, len)) {
		resp_error(req, 400, "request body is not valid UTF-8");
		return 400;
	}
	if (json_depth(body, len) > req->app->cfg.json_max_depth) {
		resp_error(req, 400, "JSON nested deeper than %u levels", req->app->cfg.json_max_depth);
		return 400;
	}
	json_error_t err;
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL) {
		resp_error(req, 400, "invalid JSON at line %d column %d: %s", err.line, err.column,
			   err.text);
		return 400;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		resp_error(req, 400, "request body must be a JSON object");
		return 400;
	}
	*out = j;
	return 0;
}

int resp_header(struct request *req, const char *name, const char *fmt, ...)
{
	if (req->nout_headers >= REQ_MAX_HEADERS)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	char *value = arena_vprintf(req->arena, fmt, ap);
	va_end(ap);
	if (value == NULL || strpbrk(value, "\r\n") != NULL || strpbrk(name, "\r\n: ") != NULL)
		return -1;
	char *line = arena_printf(req->arena, "%s: %s", name, value);
	if (line == NULL)
		return -1;
	req->out_headers[req->nout_headers++] = line;
	return 0;
}

static void note_write(struct request *req, int rc)
{
	if (rc < 0)
		req->client_gone = true;
	else
		req->bytes_out += (size_t)rc;
}

static void write_head(struct request *req, int status, const char *content_type, long long length,
		       const char *cache_control)
{
	FCGX_Stream *o = req->fcgx->out;
	req->status = status;
	req->answered = true;
	note_write(req, FCGX_FPrintF(o, "Status: %d %s\r\n", status, http_reason(status)));
	if (content_type != NULL)
		note_write(req, FCGX_FPrintF(o, "Content-Type: %s\r\n", content_type));
	if (length >= 0)
		note_write(req, FCGX_FPrintF(o, "Content-Length: %lld\r\n", length));
	if (cache_control != NULL)
		note_write(req, FCGX_FPrintF(o, "Cache-Control: %s\r\n", cache_control));
	note_write(req, FCGX_PutS("X-Content-Type-Options: nosniff\r\n", o));
	for (size_t i = 0; i < req->nout_headers; i++)
		note_write(req, FCGX_FPrintF(o, "%s\r\n", req->out_headers[i]));
	note_write(req, FCGX_PutS("\r\n", o));
}

void resp_json(struct request *req, int status, json_t *body)
{
	if (req->answered) {
		json_decref(body);
		return;
	}
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
	json_decref(body);
	if (text == NULL) {
		static const char oom[] = "{\"detail\":\"out of memory\"}";
		write_head(req, 500, "application/json", (long long)strlen(oom), "no-store");
		if (!req->head)
			note_write(req, FCGX_PutStr(oom, (int)strlen(oom), req->fcgx->out));
		return;
	}
	size_t n = strlen(text);
	write_head(req, status, "application/json", (long long)n, "no-store");
	if (!req->head)
		note_write(req, FCGX_PutStr(text, (int)n, req->fcgx->out));
	free(text);
}

void resp_text(struct request *req, int status, const char *content_type, const char *body, size_t len)
{
	if (req->answered)
		return;
	write_head(req, status, content_type, (long long)len, "no-store");
	if (!req->head)
		note_write(req, FCGX_PutStr(body, (int)len, req->fcgx->out));
}

/* OpenAI's error type for a status, as its API sends them. */
static const char *openai_error_type(int status)
{
	if (status == 401)
		return "invalid_request_error";
	if (status == 403)
		return "permission_error";
	if (status == 429)
		return "rate_limit_error";
	if (status >= 500)
		return "server_error";
	return "invalid_request_error";
}

static const char *openai_error_code(int status)
{
	switch (status) {
	case 401: return "invalid_api_key";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 413: return "request_too_large";
	case 415: return "unsupported_media_type";
	case 429: return "rate_limit_exceeded";
	case 504: return "timeout";
	case 507: return "storage_full";
	default: return NULL;
	}
}

static void resp_error_msg(struct request *req, int status, const char *param, const char *code,
			   char *msg)
{
	/*
	 * A detail may quote the client's bytes (jansson's "near '...'" cuts a
	 * multi-byte character in half): json_pack refuses text that is not UTF-8,
	 * which turned a 400 into a 500. Such bytes become '?'.
	 */
	if (!utf8_valid(msg, strlen(msg))) {
		for (char *c = msg; *c; c++)
			if ((unsigned char)*c >= 0x80)
				*c = '?';
	}
	if (!req->openai_errors) {
		resp_json(req, status, json_pack("{s:s}", "detail", msg));
		return;
	}
	resp_json(req, status, json_pack("{s:{s:s, s:s, s:s?, s:s?}, s:s}", "error", "message", msg, "type",
					 openai_error_type(status), "param", param, "code",
					 code ? code : openai_error_code(status), "detail", msg));
}

void resp_error(struct request *req, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vprintf(req->arena, fmt, ap);
	va_end(ap);
	char fallback[] = "error";
	resp_error_msg(req, status, NULL, NULL, msg ? msg : fallback);
}

int store_http_status(int rc)
{
	switch (rc) {
	case STORE_NOTFOUND:
		return 404;
	case STORE_EXISTS:
		return 409;
	case STORE_FULL:
		return 507;
	default:
		return 500;
	}
}

void resp_store_error(struct request *req, int rc, const char *what)
{
	resp_error(req, store_http_status(rc), "%s: %s", what, store_strerror(rc));
}

void resp_error_param(struct request *req, int status, const char *param, const char *code,
		      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vprintf(req->arena, fmt, ap);
	va_end(ap);
	char fallback[] = "error";
	resp_error_msg(req, status, param, code, msg ? msg : fallback);
}

void resp_empty(struct request *req, int status)
{
	if (req->answered)
		return;
	write_head(req, status, NULL, -1, NULL);
}

int sse_start(struct request *req)
{
	if (req->answered)
		return -1;
	if (resp_header(req, "X-Accel-Buffering", "no") != 0)
		return -1;
	write_head(req, 200, "text/event-stream; charset=utf-8", -1, "no-store");
	if (FCGX_FFlush(req->fcgx->out) != 0)
		req->client_gone = true;
	return req->client_gone ? -1 : 0;
}

int sse_send(struct request *req, const char *event, const char *data)
{
	FCGX_Stream *o = req->fcgx->out;
	if (event != NULL)
		note_write(req, FCGX_FPrintF(o, "event: %s\n", event));
	/* A payload with newlines is split into data lines, as the SSE format requires. */
	const char *p = data;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		note_write(req, FCGX_PutS("data: ", o));
		note_write(req, FCGX_PutStr(p, (int)len, o));
		note_write(req, FCGX_PutS("\n", o));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	note_write(req, FCGX_PutS("\n", o));
	if (FCGX_FFlush(o) != 0)
		req->client_gone = true;
	return req->client_gone ? -1 : 0;
}

bool req_peer_closed(struct request *req)
{
	if (req->client_gone)
		return true;
	struct pollfd p = { .fd = req->fcgx->ipcFd, .events = POLLRDHUP };
	if (p.fd < 0 || poll(&p, 1, 0) <= 0 || (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) == 0)
		return false;
	req->client_gone = true;
	return true;
}

int sse_comment(struct request *req, const char *text)
{
	FCGX_Stream *o = req->fcgx->out;
	note_write(req, FCGX_FPrintF(o, ": %s\n\n", text));
	if (FCGX_FFlush(o) != 0)
		req->client_gone = true;
	return req->client_gone ? -1 : 0;
}

void log_request(const struct request *req)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - req->started.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - req->started.tv_nsec) / 1e6;
	static const char *const via[] = { "none", "cookie", "bearer" };
	json_t *o = json_object();
	/* Paths from clients may hold anything: json_stringn_nocheck would not escape safely. */
	const char *path = req->path ? req->path : "";
	json_t *jpath = json_string(path);
	if (jpath == NULL)
		jpath = json_string("<invalid utf-8>");
	json_object_set_new(o, "method", json_string(req->method ? req->method : "-"));
	json_object_set_new(o, "path", jpath);
	json_object_set_new(o, "status", json_integer(req->status));
	json_object_set_new(o, "ms", json_real((double)(long long)(ms * 100) / 100));
	json_object_set_new(o, "bytes", json_integer((json_int_t)req->bytes_out));
	json_object_set_new(o, "user", req->auth != AUTH_NONE ? json_string(req->user.id) : json_null());
	json_object_set_new(o, "auth", json_string(via[req->auth]));
	if (req->client_gone)
		json_object_set_new(o, "client_gone", json_true());
	log_json(o);
}
