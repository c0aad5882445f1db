/*
 * encode: hex and base64url for ids, tokens and digests, plus the CSPRNG.
 *
 * Outputs go to caller-owned buffers sized by the macros below; every output
 * is NUL-terminated. Random bytes come from OpenSSL's RAND_bytes (a CSPRNG);
 * nothing in the worker uses rand().
 */
#ifndef IMAGES_ENCODE_H
#define IMAGES_ENCODE_H

#include <stddef.h>
#include <stdint.h>

#define HEX_LEN(n) ((n) * 2 + 1)
#define B64URL_LEN(n) (((n) * 4 + 2) / 3 + 1)

/* Lowercase hex of in[0..n) into out (HEX_LEN(n) bytes). */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* Decodes exactly 2*n hex digits (either case) into out[0..n). 0 or -1. */
int hex_decode(const char *in, size_t inlen, uint8_t *out, size_t n);
/* Unpadded base64url (RFC 4648 §5) of in[0..n) into out (B64URL_LEN(n) bytes). */
void b64url_encode(const uint8_t *in, size_t n, char *out);
/* Fills buf with n bytes from the CSPRNG. 0, or -1 when it failed (never ignore it). */
int random_bytes(uint8_t *buf, size_t n);
/* A random id: prefix + 2*nbytes lowercase hex, into out (outlen bytes). 0 or -1. */
int random_hex_id(const char *prefix, size_t nbytes, char *out, size_t outlen);
/* SHA-256 of data into out[32]. */
void sha256(const void *data, size_t n, uint8_t out[32]);

#endif
