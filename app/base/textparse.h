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

/*
 * The length of the longest prefix of s[0..len), at most max bytes, that does
 * not end inside a UTF-8 sequence (so a valid string cut there stays valid).
 */
size_t utf8_prefix(const char *s, size_t len, size_t max);

/*
 * Copies NUL-terminated s into out (outlen bytes, NUL-terminated) keeping at
 * most max bytes and never cutting a UTF-8 sequence. Returns the bytes copied.
 */
size_t utf8_copy(char *out, size_t outlen, const char *s, size_t max);

/* True when s[0..len) contains a C0 control character other than tab, or DEL. */
bool has_control_chars(const char *s, size_t len);

/*
 * Decodes application/x-www-form-urlencoded text: %XX escapes and '+' as space.
 * out must hold len + 1 bytes; *outlen receives the decoded length (out is
 * NUL-terminated). -1 on a malformed escape, an encoded NUL or invalid UTF-8.
 */
int percent_decode(const char *s, size_t len, char *out, size_t *outlen);

/*
 * Copies s[0..n) into out as one line: control characters become spaces, runs of
 * space shrink to one, a pair of quotes around the whole goes, and a cut never
 * leaves half a UTF-8 sequence.
 */
void text_one_line(const char *s, size_t n, char *out, size_t outlen);

#endif
