#include "multipart.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define MAX_PART_HEADERS 8192

int multipart_boundary(const char *ct, char *out, size_t outlen)
{
	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	const char *p = ct + 19;
	while (*p) {
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0) {
			p += 9;
			size_t n;
			if (*p == '"') {
				p++;
				const char *q = strchr(p, '"');
				if (q == NULL)
					return -1;
				n = (size_t)(q - p);
			} else {
				n = strcspn(p, "; \t");
			}
			if (n == 0 || n > 70 || n >= outlen)
				return -1;
			memcpy(out, p, n);
			out[n] = '\0';
			return 0;
		}
		p += strcspn(p, ";");
	}
	return -1;
}

static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	return memmem(hay, hlen, needle, nlen);
}

/* Reads param="value" (or param=token) from a Content-Disposition header line. */
static bool header_param(const char *line, size_t len, const char *param, char *out, size_t outlen)
{
	size_t plen = strlen(param);
	for (size_t i = 0; i + plen + 1 < len; i++) {
		if ((i == 0 || line[i - 1] == ';' || line[i - 1] == ' ') &&
		    strncasecmp(line + i, param, plen) == 0 && line[i + plen] == '=') {
			const char *v = line + i + plen + 1;
			size_t rest = len - (i + plen + 1), n;
			if (rest > 0 && v[0] == '"') {
				const char *q = memchr(v + 1, '"', rest - 1);
				if (q == NULL)
					return false;
				n = (size_t)(q - v - 1);
				v++;
			} else {
				n = 0;
				while (n < rest && v[n] != ';' && v[n] != ' ')
					n++;
			}
			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, v, n);
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

int multipart_find(const char *body, size_t blen, const char *boundary, const char *field,
		   const char **data, size_t *len, char *filename, size_t fnlen)
{
	char delim[80];
	size_t bl = strlen(boundary);
	if (bl == 0 || bl > 70)
		return -1;
	/* The first delimiter has no leading CRLF; every later one does. */
	delim[0] = '\r';
	delim[1] = '\n';
	delim[2] = '-';
	delim[3] = '-';
	memcpy(delim + 4, boundary, bl);
	size_t dl = bl + 4;
	if (blen < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return -1;
	size_t pos = dl - 2;
	for (;;) {
		if (blen - pos >= 2 && memcmp(body + pos, "--", 2) == 0)
			return 1; /* closing delimiter: no such field */
		if (blen - pos < 2 || memcmp(body + pos, "\r\n", 2) != 0)
			return -1;
		pos += 2;
		const char *hend = find(body + pos, blen - pos, "\r\n\r\n", 4);
		if (hend == NULL || (size_t)(hend - (body + pos)) > MAX_PART_HEADERS)
			return -1;
		const char *hstart = body + pos;
		size_t hlen = (size_t)(hend - hstart);
		size_t dstart = (size_t)(hend - body) + 4;
		const char *next = find(body + dstart, blen - dstart, delim, dl);
		if (next == NULL)
			return -1;
		char name[128] = "", fname[256] = "";
		const char *line = hstart;
		while (line < hstart + hlen) {
			const char *eol = find(line, (size_t)(hstart + hlen - line), "\r\n", 2);
			size_t llen = eol ? (size_t)(eol - line) : (size_t)(hstart + hlen - line);
			if (llen > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				header_param(line + 20, llen - 20, "name", name, sizeof(name));
				header_param(line + 20, llen - 20, "filename", fname, sizeof(fname));
			}
			if (eol == NULL)
				break;
			line = eol + 2;
		}
		if (strcmp(name, field) == 0) {
			*data = body + dstart;
			*len = (size_t)(next - (body + dstart));
			size_t n = strlen(fname);
			if (n >= fnlen)
				n = fnlen - 1;
			memcpy(filename, fname, n);
			filename[n] = '\0';
			return 0;
		}
		pos = (size_t)(next - body) + dl;
	}
}
