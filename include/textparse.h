/*
 * textparse: bounded parsers for untrusted text.
 *
 * Every function takes an explicit length, never reads past it, and reports
 * failure instead of guessing. Nothing here allocates: outputs go to buffers
 * the caller owns. These are the only number and escape parsers the worker
 * uses (no atoi, no strtol without bounds).
 */
#ifndef IMAGES_TEXTPARSE_H
#define IMAGES_TEXTPARSE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Parses s[0..len) as a decimal whole number in [min, max]: digits only, no
 * sign, no spaces, no leading zeros except "0" itself. 0 on success, -1 otherwise.
 */
int parse_ull(const char *s, size_t len, unsigned long long min, unsigned long long max,
	      unsigned long long *out);

/* Parses "WxH" with each side in [min, max]. 0, or -1 when malformed or out of range. */
int parse_size_wxh(const char *s, unsigned min, unsigned max, int *w, int *h);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* True when s[0..len) contains a C0 control character other than tab, or DEL. */
bool has_control_chars(const char *s, size_t len);

/*
 * Decodes application/x-www-form-urlencoded text: %XX escapes and '+' as space.
 * out must hold len + 1 bytes; *outlen receives the decoded length (out is
 * NUL-terminated). -1 on a malformed escape, an encoded NUL or invalid UTF-8.
 */
int percent_decode(const char *s, size_t len, char *out, size_t *outlen);

#endif
