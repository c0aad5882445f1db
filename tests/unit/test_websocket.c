/* websocket: RFC 6455 accept key, frame encoding and parsing, and a connection
 * fed through a socketpair (fragmentation, ping/pong, close, limits). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "websocket.h"

struct ticks {
	int n, stop_after;
};

static int count_tick(void *ctx)
{
	struct ticks *t = ctx;
	t->n++;
	return t->stop_after > 0 && t->n >= t->stop_after;
}

static long long now_ms_test(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A loopback listener that never accepts: TCP connects, the websocket handshake never comes. */
static int silent_listener(char *url, size_t urllen)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof(a);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 4) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &al) != 0)
		abort();
	snprintf(url, urllen, "ws://127.0.0.1:%u/ws", ntohs(a.sin_port));
	return fd;
}

/* Writes one unmasked server frame to fd. */
static void server_frame(int fd, int opcode, bool fin, const void *data, size_t len)
{
	uint8_t buf[70000];
	size_t n = ws_frame_encode(opcode, fin, data, len, NULL, buf, sizeof(buf));
	if (n == 0 || write(fd, buf, n) != (ssize_t)n)
		abort();
}

/* Reads one masked client frame from fd and unmasks it into out. Returns its opcode or -1. */
static int client_frame(int fd, uint8_t *out, size_t *len)
{
	uint8_t buf[512];
	ssize_t n = read(fd, buf, sizeof(buf));
	struct ws_frame f;
	if (n <= 0 || ws_frame_parse(buf, (size_t)n, 125, true, &f) != 1 ||
	    f.header_len + f.len != (size_t)n)
		return -1;
	for (size_t i = 0; i < f.len; i++)
		out[i] = buf[f.header_len + i] ^ f.mask[i & 3];
	*len = (size_t)f.len;
	return f.opcode;
}

int main(void)
{
	char acc[WS_ACCEPT_LEN + 1];
	ok(ws_accept_value("dGhlIHNhbXBsZSBub25jZQ==", acc) == 0 &&
	       strcmp(acc, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") == 0,
	   "accept value of the RFC 6455 example key: %s", acc);

	/* Encoding: the three length forms, masking. */
	uint8_t out[70016], payload[70000];
	memset(payload, 'x', sizeof(payload));
	const uint8_t mask[4] = {0x37, 0xfa, 0x21, 0x3d};
	size_t n = ws_frame_encode(WS_TEXT, true, "Hello", 5, mask, out, sizeof(out));
	static const uint8_t rfc_masked[] = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d,
					     0x7f, 0x9f, 0x4d, 0x51, 0x58};
	ok(n == sizeof(rfc_masked) && memcmp(out, rfc_masked, n) == 0,
	   "masked \"Hello\" matches RFC 6455 5.7");
	n = ws_frame_encode(WS_BINARY, true, payload, 256, NULL, out, sizeof(out));
	ok(n == 260 && out[1] == 126 && out[2] == 1 && out[3] == 0,
	   "256 bytes use the 16-bit length");
	n = ws_frame_encode(WS_BINARY, true, payload, 65536, NULL, out, sizeof(out));
	ok(n == 65546 && out[1] == 127 && out[7] == 1 && out[8] == 0,
	   "65536 bytes use the 64-bit length");
	ok(ws_frame_encode(WS_TEXT, true, payload, 100, NULL, out, 50) == 0,
	   "too small an output buffer is 0");

	/* Parsing: incomplete headers, rule breaks. */
	struct ws_frame f;
	ok(ws_frame_parse(rfc_masked, 1, 1000, true, &f) == 0, "one byte: need more");
	ok(ws_frame_parse(rfc_masked, 4, 1000, true, &f) == 0, "mask key cut: need more");
	ok(ws_frame_parse(rfc_masked, sizeof(rfc_masked), 1000, true, &f) == 1 && f.len == 5 &&
	       f.fin && f.opcode == WS_TEXT && f.header_len == 6,
	   "masked client frame parsed server side");
	ok(ws_frame_parse(rfc_masked, sizeof(rfc_masked), 1000, false, &f) == -1,
	   "a masked frame from a server is refused");
	uint8_t h[16] = {0xc1, 0x00};
	ok(ws_frame_parse(h, 2, 1000, false, &f) == -1, "reserved bit RSV1 refused");
	h[0] = 0x83;
	ok(ws_frame_parse(h, 2, 1000, false, &f) == -1, "reserved opcode 3 refused");
	h[0] = 0x09;
	ok(ws_frame_parse(h, 2, 1000, false, &f) == -1, "fragmented ping refused");
	h[0] = 0x89;
	h[1] = 126;
	h[2] = 0;
	h[3] = 200;
	ok(ws_frame_parse(h, 4, 1000, false, &f) == -1, "ping longer than 125 bytes refused");
	h[0] = 0x82;
	h[1] = 126;
	h[2] = 0;
	h[3] = 100;
	ok(ws_frame_parse(h, 4, 1000, false, &f) == -1, "non-minimal 16-bit length refused");
	h[1] = 127;
	memset(h + 2, 0, 8);
	h[2] = 0x80;
	ok(ws_frame_parse(h, 10, UINT64_MAX, false, &f) == -1,
	   "64-bit length with the top bit set refused");
	h[2] = 0;
	h[6] = 1; /* 2^32 */
	ok(ws_frame_parse(h, 10, 1u << 20, false, &f) == -1,
	   "a frame over the maximum refused by its header");

	/* A connection over a socketpair. */
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return 1;
	struct ws_conn *c = ws_from_fd(sv[0], 4096);
	int op;
	const uint8_t *data;
	size_t len;
	ok(ws_recv(c, 50, &op, &data, &len) == WS_TIMEOUT, "nothing sent: timeout");
	server_frame(sv[1], WS_TEXT, true, "{\"type\":\"status\"}", 17);
	ok(ws_recv(c, 1000, &op, &data, &len) == WS_MESSAGE && op == WS_TEXT && len == 17 &&
	       strcmp((const char *)data, "{\"type\":\"status\"}") == 0,
	   "a text message, NUL-terminated");
	/* Fragmented binary with a ping in the middle. */
	server_frame(sv[1], WS_BINARY, false, "\0\0\0\1", 4);
	server_frame(sv[1], WS_PING, true, "hb", 2);
	server_frame(sv[1], WS_CONT, false, "\0\0\0\2", 4);
	server_frame(sv[1], WS_CONT, true, "PNG", 3);
	ok(ws_recv(c, 1000, &op, &data, &len) == WS_MESSAGE && op == WS_BINARY && len == 11 &&
	       memcmp(data, "\0\0\0\1\0\0\0\2PNG", 11) == 0,
	   "three fragments joined around a ping");
	uint8_t pong[200];
	size_t plen;
	ok(client_frame(sv[1], pong, &plen) == WS_PONG && plen == 2 && memcmp(pong, "hb", 2) == 0,
	   "the ping was answered by a masked pong with its payload");
	/* A message split across reads. */
	uint8_t fb[64];
	size_t fl = ws_frame_encode(WS_TEXT, true, "split message", 13, NULL, fb, sizeof(fb));
	if (write(sv[1], fb, 3) != 3)
		return 1;
	ok(ws_recv(c, 50, &op, &data, &len) == WS_TIMEOUT, "half a frame: still waiting");
	if (write(sv[1], fb + 3, fl - 3) != (ssize_t)(fl - 3))
		return 1;
	ok(ws_recv(c, 1000, &op, &data, &len) == WS_MESSAGE && len == 13,
	   "the rest arrives: one message");
	/* Sending. */
	ok(ws_send(c, WS_TEXT, "hi", 2) == 0 && client_frame(sv[1], pong, &plen) == WS_TEXT &&
	       plen == 2 && memcmp(pong, "hi", 2) == 0,
	   "ws_send writes a masked text frame");
	/* Close. */
	server_frame(sv[1], WS_CLOSE, true, "\x03\xe8", 2);
	ok(ws_recv(c, 1000, &op, &data, &len) == WS_CLOSED, "a close frame ends the connection");
	ok(client_frame(sv[1], pong, &plen) == WS_CLOSE && plen == 2,
	   "and is answered with a close");
	ws_close(c);
	close(sv[1]);

	/* Hostile streams: each on a fresh connection. */
	struct {
		const char *what;
		int op1;
		bool fin1;
		int op2;
		size_t len2;
	} bad[] = {
	    {"a continuation of nothing", WS_CONT, true, -1, 0},
	    {"a new message inside a fragmented one", WS_TEXT, false, WS_TEXT, 3},
	    {"a message over the limit in fragments", WS_BINARY, false, WS_CONT, 4000},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
			return 1;
		c = ws_from_fd(sv[0], 4096);
		server_frame(sv[1], bad[i].op1, bad[i].fin1, payload,
			     bad[i].op2 == WS_CONT ? 3000 : 3);
		if (bad[i].op2 >= 0)
			server_frame(sv[1], bad[i].op2, true, payload, bad[i].len2);
		ok(ws_recv(c, 1000, &op, &data, &len) == WS_ERROR, "%s is an error", bad[i].what);
		ws_close(c);
		close(sv[1]);
	}
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return 1;
	c = ws_from_fd(sv[0], 4096);
	close(sv[1]);
	ok(ws_recv(c, 1000, &op, &data, &len) == WS_ERROR, "the peer going away is an error");
	ws_close(c);

	char err[256];
	ok(ws_connect("http://127.0.0.1:1/ws", 500, 4096, NULL, NULL, err, sizeof(err)) == NULL,
	   "an http:// URL is refused: %s", err);
	ok(ws_connect("ws://127.0.0.1:1/ws", 500, 4096, NULL, NULL, err, sizeof(err)) == NULL &&
	       strstr(err, "not reachable"),
	   "nothing listening: %s", err);

	/* A silent server: the handshake wait ticks (the lease is renewed there) and ends in time. */
	char url[64];
	int lfd = silent_listener(url, sizeof(url));
	struct ticks t = {0, 0};
	long long t0 = now_ms_test();
	ok(ws_connect(url, 700, 4096, count_tick, &t, err, sizeof(err)) == NULL,
	   "no handshake answer: fails (%s)", err);
	long long took = now_ms_test() - t0;
	ok(took >= 650 && took < 2000, "within the one connect budget (%lld ms)", took);
	ok(t.n >= 4, "the tick ran while it waited (%d times)", t.n);
	struct ticks stop = {0, 2};
	t0 = now_ms_test();
	ok(ws_connect(url, 5000, 4096, count_tick, &stop, err, sizeof(err)) == NULL &&
	       now_ms_test() - t0 < 1500,
	   "a tick returning non-zero gives up at once");
	close(lfd);
	ok(strcmp(ws_strerror(WS_CLOSED), "closed by the peer") == 0, "ws_strerror names results");
	return tap_done();
}
