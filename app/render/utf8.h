/*
 * utf8: the engine's one UTF-8 decoder, shared by the lexer, the quote
 * finder and lettering. Strict: overlong forms, surrogates and values past
 * U+10FFFF are invalid, so text that passes it is what HarfBuzz, FreeType
 * and JSON will take. Header-only: nothing to own or free.
 */
#ifndef IMAGES_RENDER_UTF8_H
#define IMAGES_RENDER_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the sequence at s[i] (i < len) into *cp. Returns its length, 0 when invalid. */
static inline size_t utf8_decode(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
	unsigned char c = s[i];
	size_t n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len - i < n)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((s[i + k] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i + k] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

#endif
