#include "textparse.h"

#include <stdint.h>
#include <string.h>

#include "encode.h"

int parse_ull(const char *s, size_t len, unsigned long long min, unsigned long long max,
	      unsigned long long *out)
{
	if (len == 0 || len > 20)
		return -1;
	if (len > 1 && s[0] == '0')
		return -1;
	unsigned long long v = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		unsigned d = (unsigned)(s[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

bool utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		uint32_t cp;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}

bool has_control_chars(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return true;
	}
	return false;
}

int percent_decode(const char *s, size_t len, char *out, size_t *outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			out[o++] = ' ';
		} else if (c == '%') {
			if (len - i < 3)
				return -1;
			int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			char d = (char)(hi * 16 + lo);
			if (d == '\0')
				return -1;
			out[o++] = d;
			i += 2;
		} else {
			out[o++] = c;
		}
	}
	out[o] = '\0';
	if (!utf8_valid(out, o))
		return -1;
	*outlen = o;
	return 0;
}

int parse_size_wxh(const char *s, unsigned min, unsigned max, int *w, int *h)
{
	const char *x = strchr(s, 'x');
	unsigned long long a, b;
	if (x == NULL || parse_ull(s, (size_t)(x - s), min, max, &a) != 0 ||
	    parse_ull(x + 1, strlen(x + 1), min, max, &b) != 0)
		return -1;
	*w = (int)a;
	*h = (int)b;
	return 0;
}

size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	/* s[n] exists: cutting before it is safe unless it continues a sequence. */
	for (int back = 0; n > 0 && back < 3 && ((unsigned char)s[n] & 0xc0) == 0x80; back++)
		n--;
	return n;
}

size_t utf8_copy(char *out, size_t outlen, const char *s, size_t max)
{
	if (outlen == 0)
		return 0;
	if (max > outlen - 1)
		max = outlen - 1;
	size_t n = utf8_prefix(s, strnlen(s, max + 1), max);
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

/* Copies s into out as one line: controls become spaces, runs of space shrink, quotes around it go. */
void text_one_line(const char *s, size_t n, char *out, size_t outlen)
{
	size_t o = 0, i = 0;
	bool space = true;
	for (; i < n && o + 1 < outlen; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x20 || ch == 0x7f || ch == ' ') {
			if (!space)
				out[o++] = ' ';
			space = true;
			continue;
		}
		out[o++] = (char)ch;
		space = false;
	}
	if (i < n) {
		/* Cut short: do not leave half a UTF-8 sequence at the end. */
		size_t p = o;
		while (p > 0 && ((unsigned char)out[p - 1] & 0xc0) == 0x80)
			p--;
		if (p > 0) {
			unsigned char lead = (unsigned char)out[p - 1];
			size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
			if (p - 1 + need > o)
				o = p - 1;
		}
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	size_t len = strlen(out);
	if (len >= 2 && (out[0] == '"' || out[0] == '\'') && out[len - 1] == out[0]) {
		memmove(out, out + 1, len - 2);
		out[len - 2] = '\0';
	}
}
