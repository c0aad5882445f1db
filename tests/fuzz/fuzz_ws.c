/*
 * fuzz_ws: the websocket client's reading side (app/engines/websocket.h), which
 * parses what a ComfyUI backend sends on /ws.
 *
 * Input: byte 0 picks the message limit (64 << (b & 7) bytes), the rest is
 * what the server sends. First ws_frame_parse() runs on it directly (both
 * sides); then the bytes go through a socketpair into ws_recv(), which joins
 * continuations, answers pings and closes, until it reports an error, a close
 * or the end of the bytes.
 *
 * Checked beyond "no crash": a parsed header lies within the input and within
 * the limit, re-encoding it with ws_frame_encode() gives back the same header
 * bytes, and every message ws_recv() hands out is text or binary, within the
 * limit, and NUL-terminated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "websocket.h"

#define WS_FUZZ_MAX_INPUT 16384 /* its pongs must fit the socketpair's buffer */

static void check_header(const uint8_t *buf, size_t len, uint64_t max, bool server_side)
{
	struct ws_frame f;
	int rc = ws_frame_parse(buf, len, max, server_side, &f);
	if (rc != 1)
		return;
	if (f.header_len > len || f.header_len < 2 || f.header_len > 14 || f.len > max ||
	    f.masked != server_side)
		abort();
	/* The same header encoded again (the payload's bytes do not change the header). */
	if (f.len <= 125) {
		uint8_t payload[125], out[14 + 125];
		memset(payload, 0, sizeof(payload));
		size_t n = ws_frame_encode(f.opcode, f.fin, payload, (size_t)f.len,
					   f.masked ? f.mask : NULL, out, sizeof(out));
		if (n != f.header_len + f.len || memcmp(out, buf, f.header_len) != 0)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > WS_FUZZ_MAX_INPUT)
		return 0;
	size_t max = (size_t)64 << (data[0] & 7);
	const uint8_t *in = data + 1;
	size_t len = size - 1;
	check_header(in, len, max, false);
	check_header(in, len, max, true);

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return 0;
	struct ws_conn *c = ws_from_fd(sv[0], max);
	if (c == NULL) {
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(sv[1], in + off, len - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	shutdown(sv[1], SHUT_WR); /* the end of the bytes: ws_recv then sees EOF */
	for (int i = 0; i < 4096; i++) {
		int op = 0;
		const uint8_t *msg = NULL;
		size_t mlen = 0;
		enum ws_result r = ws_recv(c, 0, &op, &msg, &mlen);
		if (r == WS_MESSAGE) {
			if ((op != WS_TEXT && op != WS_BINARY) || mlen > max || msg == NULL ||
			    msg[mlen] != '\0')
				abort();
			continue;
		}
		if (r == WS_TIMEOUT && i < 4000)
			continue; /* bytes still in flight */
		break;
	}
	ws_close(c);
	close(sv[1]);
	return 0;
}
