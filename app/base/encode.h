/*
 * encode: hex and base64url for ids, tokens and digests, the CSPRNG, and UUIDs.
 *
 * Outputs go to caller-owned buffers sized by the macros below; every output
 * is NUL-terminated. Random bytes come from OpenSSL's RAND_bytes (a CSPRNG);
 * nothing in the worker uses rand().
 */
#ifndef IMAGES_ENCODE_H
#define IMAGES_ENCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEX_LEN(n) ((n) * 2 + 1)
#define B64URL_LEN(n) (((n) * 4 + 2) / 3 + 1)
#define B64_LEN(n) (((n) + 2) / 3 * 4 + 1)

/* Lowercase hex of in[0..n) into out (HEX_LEN(n) bytes). */
void hex_encode(const uint8_t *in, size_t n, char *out);
/* The value of one hex digit (either case), or -1. */
int hex_digit(char c);
/* Decodes exactly 2*n hex digits (either case) into out[0..n). 0 or -1. */
int hex_decode(const char *in, size_t inlen, uint8_t *out, size_t n);
/* Unpadded base64url (RFC 4648 §5) of in[0..n) into out (B64URL_LEN(n) bytes). */
void b64url_encode(const uint8_t *in, size_t n, char *out);
/* Decodes unpadded base64url into out[0..cap); -1 on a bad character, an impossible length or no room. */
int b64url_decode(const char *in, uint8_t *out, size_t cap, size_t *outlen);
/* Standard padded base64 (RFC 4648 §4) of in[0..n), n < INT_MAX / 2, into out (B64_LEN(n) bytes). */
void b64_encode(const uint8_t *in, size_t n, char *out);
/*
 * Decodes standard padded base64 in[0..len) (need not be NUL-terminated) into
 * malloc'd *out: strict, any character outside the alphabet, padding inside, or
 * a length not a multiple of 4 refuses it. 0, or -1.
 */
int b64_decode(const char *in, size_t len, uint8_t **out, size_t *outlen);
/* Fills buf with n bytes from the CSPRNG. 0, or -1 when it failed (never ignore it). */
int random_bytes(uint8_t *buf, size_t n);
/* A random id: prefix + 2*nbytes lowercase hex, into out (outlen bytes). 0 or -1. */
int random_hex_id(const char *prefix, size_t nbytes, char *out, size_t outlen);
/* SHA-256 of data into out[32]. */
void sha256(const void *data, size_t n, uint8_t out[32]);

#define UUID_LEN 36

/* A random (version 4) UUID into out (UUID_LEN + 1 bytes). 0 or -1. */
int uuid_new(char *out);
/* True when s looks like a UUID: 8-4-4-4-12 lowercase hex. */
bool uuid_valid(const char *s);

#endif
