/*
 * websocket: a small RFC 6455 client, for ComfyUI's /ws progress stream
 * (Debian's libcurl 7.88 is built without websocket support).
 *
 * Plain ws:// over TCP only. ws_connect() sends the HTTP/1.1 Upgrade request
 * with a random 16-byte Sec-WebSocket-Key and accepts only a 101 answer whose
 * Sec-WebSocket-Accept is base64(SHA-1(key + GUID)). Frames we send are masked
 * with a fresh random key (RFC 6455 5.3). ws_recv() returns whole messages: it
 * joins continuation frames, answers pings with pongs, skips pongs, answers a
 * close with a close and reports WS_CLOSED. Everything hostile is an error:
 * reserved bits, unknown opcodes, a masked server frame, a fragmented or long
 * (> 125 bytes) control frame, a continuation with nothing to continue, a new
 * message inside a fragmented one, and any message longer than max_message
 * (a hard limit: nothing larger is ever buffered). The connection is one
 * thread's; functions are not safe to share across threads.
 */
#ifndef IMAGES_WEBSOCKET_H
#define IMAGES_WEBSOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ws_opcode {
	WS_CONT = 0x0,
	WS_TEXT = 0x1,
	WS_BINARY = 0x2,
	WS_CLOSE = 0x8,
	WS_PING = 0x9,
	WS_PONG = 0xA
};

enum ws_result {
	WS_ERROR =
	    -1, /* connection lost, or the peer broke the protocol: the connection is unusable */
	WS_TIMEOUT = 0, /* no whole message within the time asked */
	WS_MESSAGE = 1, /* one whole text or binary message */
	WS_CLOSED = 2,	/* the peer sent a close frame (answered) */
};

const char *ws_strerror(enum ws_result r);

#define WS_ACCEPT_LEN 28      /* base64 of a 20-byte SHA-1 */
#define WS_HANDSHAKE_MAX 8192 /* the server's 101 answer, headers included */

/* The Sec-WebSocket-Accept value for a key: out gets 28 characters + NUL. 0 or -1. */
int ws_accept_value(const char *key, char out[WS_ACCEPT_LEN + 1]);

/*
 * Encodes one frame (FIN set when fin) into out: header, then payload XORed
 * with mask when mask is non-NULL. Returns the frame's length, or 0 when outcap
 * is too small.
 */
size_t ws_frame_encode(int opcode, bool fin, const void *payload, size_t len, const uint8_t mask[4],
		       uint8_t *out, size_t outcap);

struct ws_frame {
	bool fin;
	int opcode;
	bool masked;
	uint8_t mask[4];
	uint64_t len; /* payload length */
	size_t header_len;
};

/*
 * Parses a frame header from buf. Returns 1 with *f filled, 0 when more bytes
 * are needed, -1 when the header breaks the rules above (max: the largest
 * payload accepted; a masked frame is an error when server_side is false).
 */
int ws_frame_parse(const uint8_t *buf, size_t len, uint64_t max, bool server_side,
		   struct ws_frame *f);

struct ws_conn;

/* Called ~every 100 ms while ws_connect waits; non-zero gives up. */
typedef int (*ws_tick_fn)(void *ctx);

/*
 * Connects to a ws:// URL (host, optional port, path) and does the handshake,
 * all within timeout_ms, calling tick (may be NULL) every ~100 ms while it
 * waits. NULL with err on failure.
 */
struct ws_conn *ws_connect(const char *url, int timeout_ms, size_t max_message, ws_tick_fn tick,
			   void *tick_ctx, char *err, size_t errlen);
/* Wraps an already connected socket (tests). The fd is closed by ws_close(). */
struct ws_conn *ws_from_fd(int fd, size_t max_message);
/* Sends one masked message (text or binary). 0 or -1. */
int ws_send(struct ws_conn *c, int opcode, const void *data, size_t len);
/*
 * Waits at most timeout_ms for one whole message. On WS_MESSAGE, *opcode is
 * WS_TEXT or WS_BINARY and *data and *len point into the connection (valid until
 * the next call; text is NUL-terminated).
 */
enum ws_result ws_recv(struct ws_conn *c, int timeout_ms, int *opcode, const uint8_t **data,
		       size_t *len);
/* Sends a close frame (best effort) and frees everything. NULL is fine. */
void ws_close(struct ws_conn *c);

#endif
