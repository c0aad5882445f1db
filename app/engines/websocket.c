#include "websocket.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <openssl/sha.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "encode.h"

#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
#define READ_CHUNK 65536

struct ws_conn {
	int fd;
	size_t max;
	uint8_t *rbuf; /* bytes read, not yet parsed */
	size_t rlen, rcap;
	uint8_t *msg; /* the message being assembled */
	size_t mlen, mcap;
	int mopcode; /* 0: no fragmented message in progress */
	bool closed;
};

const char *ws_strerror(enum ws_result r)
{
	switch (r) {
	case WS_ERROR: return "connection lost or protocol error";
	case WS_TIMEOUT: return "timed out";
	case WS_MESSAGE: return "message";
	case WS_CLOSED: return "closed by the peer";
	}
	return "unknown";
}

int ws_accept_value(const char *key, char out[WS_ACCEPT_LEN + 1])
{
	char buf[128];
	int n = snprintf(buf, sizeof(buf), "%s%s", key, WS_GUID);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return -1;
	unsigned char digest[SHA_DIGEST_LENGTH];
	SHA1((const unsigned char *)buf, (size_t)n, digest);
	b64_encode(digest, SHA_DIGEST_LENGTH, out);
	return strlen(out) == WS_ACCEPT_LEN ? 0 : -1;
}

size_t ws_frame_encode(int opcode, bool fin, const void *payload, size_t len, const uint8_t mask[4],
		       uint8_t *out, size_t outcap)
{
	size_t h = 2;
	uint8_t hdr[14];
	hdr[0] = (uint8_t)((fin ? 0x80 : 0) | (opcode & 0x0f));
	uint8_t mbit = mask ? 0x80 : 0;
	if (len < 126) {
		hdr[1] = (uint8_t)(mbit | len);
	} else if (len <= 0xffff) {
		hdr[1] = mbit | 126;
		hdr[2] = (uint8_t)(len >> 8);
		hdr[3] = (uint8_t)len;
		h = 4;
	} else {
		hdr[1] = mbit | 127;
		for (int i = 0; i < 8; i++)
			hdr[2 + i] = (uint8_t)((uint64_t)len >> (56 - 8 * i));
		h = 10;
	}
	if (mask) {
		memcpy(hdr + h, mask, 4);
		h += 4;
	}
	if (outcap < h || outcap - h < len)
		return 0;
	memcpy(out, hdr, h);
	const uint8_t *p = payload;
	for (size_t i = 0; i < len; i++)
		out[h + i] = mask ? (uint8_t)(p[i] ^ mask[i & 3]) : p[i];
	return h + len;
}

int ws_frame_parse(const uint8_t *buf, size_t len, uint64_t max, bool server_side,
		   struct ws_frame *f)
{
	if (len < 2)
		return 0;
	memset(f, 0, sizeof(*f));
	f->fin = (buf[0] & 0x80) != 0;
	if (buf[0] & 0x70)
		return -1; /* no extension was negotiated */
	f->opcode = buf[0] & 0x0f;
	switch (f->opcode) {
	case WS_CONT:
	case WS_TEXT:
	case WS_BINARY:
	case WS_CLOSE:
	case WS_PING:
	case WS_PONG: break;
	default: return -1;
	}
	f->masked = (buf[1] & 0x80) != 0;
	if (f->masked != server_side)
		return -1; /* clients mask, servers do not (RFC 6455 5.1) */
	uint64_t n = buf[1] & 0x7f;
	size_t h = 2;
	if (n == 126) {
		if (len < 4)
			return 0;
		n = ((uint64_t)buf[2] << 8) | buf[3];
		if (n < 126)
			return -1; /* not the minimal encoding */
		h = 4;
	} else if (n == 127) {
		if (len < 10)
			return 0;
		n = 0;
		for (int i = 0; i < 8; i++)
			n = (n << 8) | buf[2 + i];
		if (n >> 63 || n <= 0xffff)
			return -1;
		h = 10;
	}
	if (f->opcode >= WS_CLOSE && (n > 125 || !f->fin))
		return -1;
	if (n > max)
		return -1;
	if (f->masked) {
		if (len < h + 4)
			return 0;
		memcpy(f->mask, buf + h, 4);
		h += 4;
	}
	f->len = n;
	f->header_len = h;
	return 1;
}

static int send_all(int fd, const uint8_t *p, size_t n)
{
	int64_t deadline = mono_ms() + 10000;
	while (n > 0) {
		struct pollfd pfd = {fd, POLLOUT, 0};
		int64_t left = deadline - mono_ms();
		if (left <= 0)
			return -1;
		int pr = poll(&pfd, 1, (int)left);
		if (pr < 0 && errno == EINTR)
			continue; /* a signal (the SIGURG nudge) is not a failure */
		if (pr <= 0)
			return -1;
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int send_frame(struct ws_conn *c, int opcode, const void *data, size_t len)
{
	uint8_t mask[4];
	if (random_bytes(mask, 4) != 0)
		return -1;
	size_t cap = len + 14;
	uint8_t *frame = malloc(cap);
	if (frame == NULL)
		return -1;
	size_t n = ws_frame_encode(opcode, true, data, len, mask, frame, cap);
	int rc = n ? send_all(c->fd, frame, n) : -1;
	free(frame);
	return rc;
}

int ws_send(struct ws_conn *c, int opcode, const void *data, size_t len)
{
	if (c->closed || (opcode != WS_TEXT && opcode != WS_BINARY) || len > c->max)
		return -1;
	return send_frame(c, opcode, data, len);
}

struct ws_conn *ws_from_fd(int fd, size_t max_message)
{
	struct ws_conn *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->fd = fd;
	c->max = max_message;
	int fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	return c;
}

void ws_close(struct ws_conn *c)
{
	if (c == NULL)
		return;
	if (!c->closed) {
		uint8_t code[2] = {0x03, 0xe8}; /* 1000 normal closure */
		send_frame(c, WS_CLOSE, code, 2);
	}
	close(c->fd);
	free(c->rbuf);
	free(c->msg);
	free(c);
}

static int reserve(uint8_t **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 4096;
	while (n < need)
		n *= 2;
	uint8_t *b = realloc(*buf, n);
	if (b == NULL)
		return -1;
	*buf = b;
	*cap = n;
	return 0;
}

/* Reads what is there, waiting at most ms. 1 read, 0 timeout, -1 error or EOF. */
static int fill(struct ws_conn *c, int ms)
{
	struct pollfd pfd = {c->fd, POLLIN, 0};
	int pr = poll(&pfd, 1, ms < 0 ? 0 : ms);
	if (pr < 0)
		return errno == EINTR ? 0 : -1;
	if (pr == 0)
		return 0;
	if (reserve(&c->rbuf, &c->rcap, c->rlen + READ_CHUNK) != 0)
		return -1;
	ssize_t r = recv(c->fd, c->rbuf + c->rlen, READ_CHUNK, 0);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -1;
	if (r == 0)
		return -1;
	c->rlen += (size_t)r;
	return 1;
}

/* Handles one frame if complete. 1 message ready, 0 need more / consumed a control frame, -1 error,
 * 2 closed. */
static int step(struct ws_conn *c, int *opcode)
{
	struct ws_frame f;
	/* Frames bigger than the message limit are refused by the header alone. */
	int pr = ws_frame_parse(c->rbuf, c->rlen, c->max + 14, false, &f);
	if (pr <= 0)
		return pr;
	if (c->rlen - f.header_len < f.len)
		return 0;
	const uint8_t *payload = c->rbuf + f.header_len;
	size_t plen = (size_t)f.len;
	int ret = 0;
	switch (f.opcode) {
	case WS_PING: ret = send_frame(c, WS_PONG, payload, plen) == 0 ? 3 : -1; break;
	case WS_PONG: ret = 3; break;
	case WS_CLOSE:
		send_frame(c, WS_CLOSE, payload, plen >= 2 ? 2 : 0);
		c->closed = true;
		ret = 2;
		break;
	case WS_TEXT:
	case WS_BINARY:
	case WS_CONT:
		if ((f.opcode == WS_CONT) != (c->mopcode != 0))
			return -1; /* a continuation of nothing, or a new message inside one */
		if (f.opcode != WS_CONT) {
			c->mopcode = f.opcode;
			c->mlen = 0;
		}
		if (c->mlen + plen > c->max || reserve(&c->msg, &c->mcap, c->mlen + plen + 1) != 0)
			return -1;
		memcpy(c->msg + c->mlen, payload, plen);
		c->mlen += plen;
		c->msg[c->mlen] = '\0';
		if (f.fin) {
			*opcode = c->mopcode;
			c->mopcode = 0;
			ret = 1;
		} else {
			ret = 3;
		}
		break;
	default: return -1;
	}
	size_t used = f.header_len + plen;
	memmove(c->rbuf, c->rbuf + used, c->rlen - used);
	c->rlen -= used;
	return ret;
}

enum ws_result ws_recv(struct ws_conn *c, int timeout_ms, int *opcode, const uint8_t **data,
		       size_t *len)
{
	if (c->closed)
		return WS_CLOSED;
	int64_t end = mono_ms() + timeout_ms;
	for (;;) {
		int rc;
		while ((rc = step(c, opcode)) == 3)
			;
		if (rc == 1) {
			*data = c->msg;
			*len = c->mlen;
			return WS_MESSAGE;
		}
		if (rc == 2)
			return WS_CLOSED;
		if (rc < 0)
			return WS_ERROR;
		int64_t left = end - mono_ms();
		if (left <= 0)
			return WS_TIMEOUT;
		int fr = fill(c, (int)left);
		if (fr < 0)
			return WS_ERROR;
	}
}

/* ---- connecting ---- */

static int parse_ws_url(const char *url, char *host, size_t hostlen, char *port, size_t portlen,
			char *path, size_t pathlen)
{
	if (strncmp(url, "ws://", 5) != 0)
		return -1;
	const char *h = url + 5;
	size_t n = strcspn(h, "/?");
	const char *colon = memchr(h, ':', n);
	size_t hn = colon ? (size_t)(colon - h) : n;
	if (hn == 0 || hn >= hostlen)
		return -1;
	snprintf(host, hostlen, "%.*s", (int)hn, h);
	if (colon) {
		size_t pn = n - hn - 1;
		if (pn == 0 || pn >= portlen || strspn(colon + 1, "0123456789") < pn)
			return -1;
		snprintf(port, portlen, "%.*s", (int)pn, colon + 1);
	} else {
		snprintf(port, portlen, "80");
	}
	const char *p = h + n;
	if (snprintf(path, pathlen, "%s%s", *p == '/' ? "" : "/", p) >= (int)pathlen)
		return -1;
	return 0;
}

#define TICK_SLICE_MS 100

/*
 * Waits until fd is ready for events or the deadline passes, in slices of at
 * most 100 ms with tick called between them (a render thread renews its job's
 * lease there). 1 ready, 0 deadline, -1 error or cancelled by tick.
 */
static int wait_ticking(int fd, short events, int64_t end, ws_tick_fn tick, void *tick_ctx)
{
	for (;;) {
		int64_t left = end - mono_ms();
		if (left <= 0)
			return 0;
		struct pollfd pfd = {fd, events, 0};
		int pr = poll(&pfd, 1, (int)(left < TICK_SLICE_MS ? left : TICK_SLICE_MS));
		if (pr > 0)
			return 1;
		if (pr < 0 && errno != EINTR)
			return -1;
		if (tick != NULL && tick(tick_ctx) != 0)
			return -1;
	}
}

static int connect_timeout(const char *host, const char *port, int64_t end, ws_tick_fn tick,
			   void *tick_ctx, char *err, size_t errlen)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
	if (getaddrinfo(host, port, &hints, &res) != 0) {
		snprintf(err, errlen, "the image backend's host name %s does not resolve", host);
		return -1;
	}
	int fd = -1;
	for (struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
			    ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		if (errno == EINPROGRESS) {
			int soerr = 0;
			socklen_t sl = sizeof(soerr);
			if (wait_ticking(fd, POLLOUT, end, tick, tick_ctx) == 1 &&
			    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 && soerr == 0)
				break;
		}
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0)
		snprintf(
		    err, errlen,
		    "the image backend at %s:%s is not reachable (websocket connection failed)",
		    host, port);
	return fd;
}

static const char *header_value(const char *headers, const char *name, char *out, size_t outlen)
{
	size_t nl = strlen(name);
	for (const char *l = strstr(headers, "\r\n"); l != NULL; l = strstr(l, "\r\n")) {
		l += 2;
		if (strncasecmp(l, name, nl) == 0 && l[nl] == ':') {
			const char *v = l + nl + 1;
			while (*v == ' ' || *v == '\t')
				v++;
			size_t vn = strcspn(v, "\r\n");
			while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
				vn--;
			snprintf(out, outlen, "%.*s", (int)(vn < outlen - 1 ? vn : outlen - 1), v);
			return out;
		}
	}
	return NULL;
}

struct ws_conn *ws_connect(const char *url, int timeout_ms, size_t max_message, ws_tick_fn tick,
			   void *tick_ctx, char *err, size_t errlen)
{
	int64_t end = mono_ms() + timeout_ms; /* one budget: every address and the handshake */
	char host[256], port[8], path[1024];
	if (parse_ws_url(url, host, sizeof(host), port, sizeof(port), path, sizeof(path)) != 0) {
		snprintf(err, errlen, "the websocket address is not a ws:// URL");
		return NULL;
	}
	int fd = connect_timeout(host, port, end, tick, tick_ctx, err, errlen);
	if (fd < 0)
		return NULL;
	struct ws_conn *c = ws_from_fd(fd, max_message);
	if (c == NULL) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	uint8_t nonce[16];
	char key[32], expect[WS_ACCEPT_LEN + 1], req[1600];
	if (random_bytes(nonce, sizeof(nonce)) != 0)
		goto fail_msg;
	b64_encode(nonce, sizeof(nonce), key); /* 16 bytes: 24 characters */
	if (ws_accept_value(key, expect) != 0)
		goto fail_msg;
	int n = snprintf(
	    req, sizeof(req),
	    "GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nUser-Agent: images/1\r\n\r\n",
	    path, host, port, key);
	if (n < 0 || (size_t)n >= sizeof(req) || send_all(fd, (const uint8_t *)req, (size_t)n) != 0)
		goto fail_msg;
	char *eoh = NULL;
	while (eoh == NULL) {
		if (c->rlen > WS_HANDSHAKE_MAX)
			goto fail_msg;
		if (wait_ticking(fd, POLLIN, end, tick, tick_ctx) != 1 || fill(c, 0) < 0)
			goto fail_msg;
		if (reserve(&c->rbuf, &c->rcap, c->rlen + 1) != 0)
			goto fail_msg;
		c->rbuf[c->rlen] = '\0';
		eoh = strstr((char *)c->rbuf, "\r\n\r\n");
	}
	size_t hlen = (size_t)(eoh + 4 - (char *)c->rbuf);
	if (hlen > WS_HANDSHAKE_MAX)
		goto fail_msg;
	eoh[2] = '\0';
	char v[128];
	const char *hs = (const char *)c->rbuf;
	if (strncmp(hs, "HTTP/1.1 101", 12) != 0 ||
	    header_value(hs, "Upgrade", v, sizeof(v)) == NULL || strcasecmp(v, "websocket") != 0 ||
	    header_value(hs, "Connection", v, sizeof(v)) == NULL ||
	    strcasestr(v, "upgrade") == NULL ||
	    header_value(hs, "Sec-WebSocket-Accept", v, sizeof(v)) == NULL ||
	    strcmp(v, expect) != 0) {
		snprintf(err, errlen, "the image backend at %s:%s refused the websocket upgrade",
			 host, port);
		goto fail;
	}
	memmove(c->rbuf, c->rbuf + hlen, c->rlen - hlen);
	c->rlen -= hlen;
	return c;
fail_msg:
	snprintf(err, errlen, "the image backend at %s:%s did not complete the websocket handshake",
		 host, port);
fail:
	c->closed = true; /* no close frame on a connection that never opened */
	ws_close(c);
	return NULL;
}
