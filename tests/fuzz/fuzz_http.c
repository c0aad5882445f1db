/*
 * fuzz_http: the query-string and cookie parsers (app/http/http.c) and the text
 * parsers under them (app/base/textparse.c).
 *
 * Input: "query \n cookie-header \n rest"; the rest goes to the number,
 * size, UTF-8 and percent-decoding parsers directly. Checked beyond "no
 * crash": a decoded value is always valid UTF-8 without NUL, and a cookie
 * value is only base64url characters.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fcgx_mem.h"
#include "textparse.h"

static const char *const names[] = { "limit", "offset", "cursor", "id", "ts", "ma", "p", "sig", "q", "" };
static const char *const cookies[] = { "__Secure-images.session", "images_session", "csrf", "" };

static const char *next_line(const char **p, const char *end, size_t *len)
{
	const char *s = *p;
	const char *nl = memchr(s, '\n', (size_t)(end - s));
	*len = nl ? (size_t)(nl - s) : (size_t)(end - s);
	*p = nl ? nl + 1 : end;
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 64 * 1024)
		return 0;
	const char *p = (const char *)data, *end = p + size;
	size_t qlen, clen, rlen;
	const char *q = next_line(&p, end, &qlen);
	const char *c = next_line(&p, end, &clen);
	const char *rest = p;
	rlen = (size_t)(end - p);

	struct app app;
	memset(&app, 0, sizeof(app));
	config_defaults(&app.cfg);
	struct arena *arena = arena_create(1u << 20);
	if (arena == NULL)
		return 0;
	static struct fcgx_mem m;
	struct request req;
	fcgx_mem_init(&m, &req, &app, arena, "", 0);
	char *qs = arena_strndup(arena, q, qlen);
	if (qs != NULL && strlen(qs) == qlen)
		req.query = qs;
	if (memchr(c, '\0', clen) == NULL)
		fcgx_mem_env(&m, "HTTP_COOKIE", c, clen);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = NULL;
		if (req_query(&req, names[i], &v) == 1) {
			if (v == NULL || !utf8_valid(v, strlen(v)))
				abort();
		}
	}
	for (size_t i = 0; i < sizeof(cookies) / sizeof(cookies[0]); i++) {
		const char *v = req_cookie(&req, cookies[i]);
		for (; v && *v; v++)
			if (!isalnum((unsigned char)*v) && *v != '-' && *v != '_')
				abort();
	}

	unsigned long long ull;
	(void)parse_ull(rest, rlen, 0, UINT64_MAX, &ull);
	(void)parse_ull(rest, rlen, 1, 1000, &ull);
	char *dec = malloc(rlen + 1);
	char *z = malloc(rlen + 1);
	if (dec != NULL && z != NULL) {
		size_t dlen = 0;
		if (percent_decode(rest, rlen, dec, &dlen) == 0) {
			if (dlen > rlen || dec[dlen] != '\0' || !utf8_valid(dec, dlen))
				abort();
		}
		memcpy(z, rest, rlen);
		z[rlen] = '\0';
		int w, h;
		if (parse_size_wxh(z, 64, 2048, &w, &h) == 0 && (w < 64 || w > 2048 || h < 64 || h > 2048))
			abort();
		(void)utf8_valid(rest, rlen);
		(void)has_control_chars(rest, rlen);
	}
	free(dec);
	free(z);
	arena_destroy(arena);
	return 0;
}
