#include "remote_http.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

#define POLL_MS 100
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS 30000

const char *rhttp_strerror(enum rhttp_status st)
{
	switch (st) {
	case RHTTP_OK: return "response received";
	case RHTTP_CANCELLED: return "cancelled";
	case RHTTP_FAILED: return "no response";
	}
	return "unknown";
}

int rhttp_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void rhttp_resp_free(struct rhttp_resp *resp)
{
	free(resp->body);
	resp->body = NULL;
	resp->len = 0;
}

void rhttp_host_of(const char *url, char *out, size_t outlen)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	const char *at = NULL;
	size_t n = strcspn(p, "/?#");
	for (size_t i = 0; i < n; i++)
		if (p[i] == '@')
			at = p + i;
	if (at != NULL) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	snprintf(out, outlen, "%.*s", (int)(n < 200 ? n : 200), p);
}

struct xfer {
	CURL *h;
	const struct rhttp_req *rq;
	struct rhttp_resp *resp;
	size_t cap;
	bool streamed; /* bytes went to on_data: never retried */
	bool too_big, stopped;
};

static size_t on_write(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;
	long status = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	if (x->rq->on_data != NULL && status >= 200 && status < 300) {
		x->streamed = true;
		if (x->rq->on_data(x->rq->data_ctx, ptr, n) != 0) {
			x->stopped = true;
			return 0;
		}
		return n;
	}
	if (x->resp->len + n > x->rq->max_bytes) {
		x->too_big = true;
		return 0;
	}
	if (x->resp->len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 16384;
		while (cap < x->resp->len + n + 1)
			cap *= 2;
		char *b = realloc(x->resp->body, cap);
		if (b == NULL) {
			x->too_big = true;
			return 0;
		}
		x->resp->body = b;
		x->cap = cap;
	}
	memcpy(x->resp->body + x->resp->len, ptr, n);
	x->resp->len += n;
	x->resp->body[x->resp->len] = '\0';
	return n;
}

/* Waits ms, ticking; returns non-zero when tick cancels. */
static int wait_ticking(const struct rhttp_req *rq, long ms)
{
	int64_t end = mono_ms() + ms;
	while (mono_ms() < end) {
		if (rq->tick != NULL && rq->tick(rq->tick_ctx) != 0)
			return 1;
		struct timespec ts = {0, POLL_MS * 1000000L};
		nanosleep(&ts, NULL);
	}
	return 0;
}

static void describe_failure(CURLcode cc, const char *host, const struct rhttp_req *rq, char *err,
			     size_t errlen)
{
	switch (cc) {
	case CURLE_COULDNT_CONNECT:
		snprintf(err, errlen,
			 "the image backend at %s is not reachable (connection refused)", host);
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		snprintf(err, errlen, "the image backend's host name %s does not resolve", host);
		break;
	case CURLE_OPERATION_TIMEDOUT:
		snprintf(err, errlen, "the image backend at %s did not answer in time (%ld s)",
			 host, rq->timeout_ms / 1000);
		break;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
		snprintf(err, errlen,
			 "the image backend at %s closed the connection before answering", host);
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
		snprintf(err, errlen, "a secure connection to the image backend at %s failed",
			 host);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		/* curl says this of an HTTP/0.9-looking answer too: the scheme itself is checked
		 * first. */
		if (strncmp(rq->url, "http://", 7) != 0 && strncmp(rq->url, "https://", 8) != 0) {
			snprintf(err, errlen,
				 "the image backend URL must start with http:// or https://");
			break;
		}
		/* fall through */
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_BAD_CONTENT_ENCODING:
		snprintf(err, errlen, "the image backend at %s sent an answer that is not HTTP",
			 host);
		break;
	default:
		snprintf(err, errlen, "the image backend at %s failed: %s", host,
			 curl_easy_strerror(cc));
	}
}

static bool transient(CURLcode cc)
{
	return cc == CURLE_COULDNT_CONNECT || cc == CURLE_GOT_NOTHING || cc == CURLE_RECV_ERROR ||
	       cc == CURLE_SEND_ERROR || cc == CURLE_PARTIAL_FILE;
}

/* One attempt. Returns the curl result; *cancelled when tick/on_data stopped it. */
static CURLcode attempt(const struct rhttp_req *rq, struct xfer *x, long *retry_after_s,
			bool *cancelled)
{
	CURLcode cc = CURLE_FAILED_INIT;
	CURLM *m = curl_multi_init();
	CURL *h = curl_easy_init();
	struct curl_slist *hdrs = NULL;
	curl_mime *mime = NULL;
	*retry_after_s = 0;
	*cancelled = false;
	if (m == NULL || h == NULL)
		goto out;
	x->h = h;
	for (size_t i = 0; i < RHTTP_MAX_HEADERS && rq->headers[i] != NULL; i++) {
		struct curl_slist *n = curl_slist_append(hdrs, rq->headers[i]);
		if (n == NULL)
			goto out;
		hdrs = n;
	}
	/* No "Expect: 100-continue" round trip on uploads. */
	struct curl_slist *n = curl_slist_append(hdrs, "Expect:");
	if (n == NULL)
		goto out;
	hdrs = n;
	curl_easy_setopt(h, CURLOPT_URL, rq->url);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, rq->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, rq->timeout_ms);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "images/1 (+libcurl)");
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	if (rq->parts != NULL) {
		mime = curl_mime_init(h);
		for (size_t i = 0; mime != NULL && i < rq->nparts; i++) {
			curl_mimepart *p = curl_mime_addpart(mime);
			if (p == NULL || curl_mime_name(p, rq->parts[i].name) != CURLE_OK ||
			    curl_mime_data(p, rq->parts[i].data, rq->parts[i].len) != CURLE_OK)
				goto out;
			if (rq->parts[i].filename != NULL &&
			    curl_mime_filename(p, rq->parts[i].filename) != CURLE_OK)
				goto out;
			if (rq->parts[i].type != NULL &&
			    curl_mime_type(p, rq->parts[i].type) != CURLE_OK)
				goto out;
		}
		if (mime == NULL)
			goto out;
		curl_easy_setopt(h, CURLOPT_MIMEPOST, mime);
	} else if (strcmp(rq->method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body ? rq->body : "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)(rq->body ? rq->body_len : 0));
	}
	if (curl_multi_add_handle(m, h) != CURLM_OK)
		goto out;
	for (;;) {
		int running = 0;
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		if (running == 0)
			break;
		if (rq->tick != NULL && rq->tick(rq->tick_ctx) != 0) {
			*cancelled = true;
			break;
		}
		curl_multi_poll(m, NULL, 0, POLL_MS, NULL);
	}
	if (*cancelled) {
		cc = CURLE_ABORTED_BY_CALLBACK;
	} else {
		int left;
		CURLMsg *msg;
		while ((msg = curl_multi_info_read(m, &left)) != NULL) {
			if (msg->msg == CURLMSG_DONE)
				cc = msg->data.result;
		}
		if (x->stopped)
			*cancelled = true;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &x->resp->status);
	curl_off_t ra = 0;
	if (curl_easy_getinfo(h, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0)
		*retry_after_s = (long)ra;
	char *ct = NULL;
	if (curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct != NULL)
		snprintf(x->resp->content_type, sizeof(x->resp->content_type), "%s", ct);
	curl_multi_remove_handle(m, h);
out:
	curl_mime_free(mime);
	curl_slist_free_all(hdrs);
	if (h != NULL)
		curl_easy_cleanup(h);
	if (m != NULL)
		curl_multi_cleanup(m);
	return cc;
}

enum rhttp_status rhttp_do(const struct rhttp_req *rq, struct rhttp_resp *resp, char *err,
			   size_t errlen)
{
	char host[256];
	rhttp_host_of(rq->url, host, sizeof(host));
	memset(resp, 0, sizeof(*resp));
	long backoff = BACKOFF_FIRST_MS;
	for (unsigned a = 0;; a++) {
		struct xfer x = {.rq = rq, .resp = resp};
		rhttp_resp_free(resp);
		resp->status = 0;
		resp->content_type[0] = '\0';
		long retry_after = 0;
		bool cancelled;
		CURLcode cc = attempt(rq, &x, &retry_after, &cancelled);
		if (cancelled)
			return RHTTP_CANCELLED;
		bool again;
		if (x.too_big) {
			snprintf(err, errlen, "the image backend at %s sent more than %zu bytes",
				 host, rq->max_bytes);
			return RHTTP_FAILED;
		}
		if (cc == CURLE_OK && resp->body == NULL) {
			resp->body = calloc(1, 1);
			if (resp->body == NULL) {
				snprintf(err, errlen, "out of memory");
				return RHTTP_FAILED;
			}
		}
		if (cc != CURLE_OK) {
			describe_failure(cc, host, rq, err, errlen);
			again = transient(cc) && !x.streamed;
		} else {
			again = (resp->status >= 500 || resp->status == 429) && !x.streamed;
		}
		if (!again || a >= rq->retries)
			return cc == CURLE_OK ? RHTTP_OK : RHTTP_FAILED;
		long wait = backoff;
		if (retry_after > 0)
			wait = retry_after * 1000;
		if (wait > BACKOFF_MAX_MS)
			wait = BACKOFF_MAX_MS;
		backoff *= 2;
		if (wait_ticking(rq, wait) != 0)
			return RHTTP_CANCELLED;
	}
}

/* ---- server-sent events ---- */

void rhttp_sse_init(struct rhttp_sse *s, size_t max)
{
	memset(s, 0, sizeof(*s));
	s->max = max ? max : RHTTP_SSE_MAX;
}

void rhttp_sse_free(struct rhttp_sse *s)
{
	free(s->data);
	free(s->line);
	memset(s, 0, sizeof(*s));
}

static int grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 256;
	while (c < need)
		c *= 2;
	char *b = realloc(*buf, c);
	if (b == NULL)
		return -1;
	*buf = b;
	*cap = c;
	return 0;
}

static int sse_line(struct rhttp_sse *s, rhttp_sse_fn fn, void *ctx)
{
	char *l = s->line ? s->line : "";
	size_t n = s->line_len;
	if (n == 0) {
		/* Blank line: dispatch. */
		int rc = 0;
		if (s->len > 0 || s->event[0]) {
			if (grow(&s->data, &s->cap, s->len + 1) != 0)
				return -1;
			if (s->len > 0 && s->data[s->len - 1] == '\n')
				s->len--;
			s->data[s->len] = '\0';
			rc = fn(ctx, s->event[0] ? s->event : "message", s->data, s->len);
		}
		s->len = 0;
		s->event[0] = '\0';
		return rc;
	}
	if (l[0] == ':')
		return 0;
	size_t colon = 0;
	while (colon < n && l[colon] != ':')
		colon++;
	size_t vstart = colon < n ? colon + 1 : n;
	if (vstart < n && l[vstart] == ' ')
		vstart++;
	const char *v = l + vstart;
	size_t vlen = n - vstart;
	if (colon == 4 && memcmp(l, "data", 4) == 0) {
		if (s->len + vlen + 1 > s->max)
			return -1;
		if (grow(&s->data, &s->cap, s->len + vlen + 2) != 0)
			return -1;
		memcpy(s->data + s->len, v, vlen);
		s->len += vlen;
		s->data[s->len++] = '\n';
	} else if (colon == 5 && memcmp(l, "event", 5) == 0) {
		snprintf(s->event, sizeof(s->event), "%.*s", (int)(vlen < 63 ? vlen : 63), v);
	}
	return 0;
}

int rhttp_sse_feed(struct rhttp_sse *s, const char *buf, size_t len, rhttp_sse_fn fn, void *ctx)
{
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\n') {
			if (s->line_len > 0 && s->line[s->line_len - 1] == '\r')
				s->line_len--;
			int rc = sse_line(s, fn, ctx);
			s->line_len = 0;
			if (rc != 0)
				return rc;
			continue;
		}
		if (s->line_len + 2 > s->max)
			return -1;
		if (grow(&s->line, &s->line_cap, s->line_len + 2) != 0)
			return -1;
		s->line[s->line_len++] = c;
	}
	return 0;
}

/* ---- secrets ---- */

int rhttp_read_key_file(const char *path, const char *what, char *key, size_t keylen, char *err,
			size_t errlen)
{
	key[0] = '\0';
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "%s cannot be read (%s)", what, strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
		close(fd);
		snprintf(err, errlen, "%s must be a file readable by its owner only (chmod 600)", what);
		return -1;
	}
	ssize_t n;
	do
		n = read(fd, key, keylen - 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0) {
		OPENSSL_cleanse(key, keylen);
		snprintf(err, errlen, "%s cannot be read", what);
		return -1;
	}
	key[n] = '\0';
	while (n > 0 && (key[n - 1] == '\n' || key[n - 1] == '\r' || key[n - 1] == ' '))
		key[--n] = '\0';
	for (ssize_t i = 0; i < n; i++) {
		if ((unsigned char)key[i] <= 0x20 || (unsigned char)key[i] >= 0x7f) {
			OPENSSL_cleanse(key, keylen);
			snprintf(err, errlen, "%s holds more than one line or odd characters", what);
			return -1;
		}
	}
	return 0;
}

void rhttp_scrub_secret(char *msg, const char *secret)
{
	size_t kn = strlen(secret);
	if (kn < 4)
		return;
	for (char *p = strstr(msg, secret); p != NULL; p = strstr(p + kn, secret))
		memset(p, '*', kn);
}
