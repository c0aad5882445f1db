/*
 * fuzz_multipart: the multipart/form-data parser (app/http/multipart.c).
 *
 * Input: "Content-Type header value \n body". Checked beyond "no crash": a
 * found part lies inside the body, and its filename is NUL-terminated within
 * the buffer given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 256 * 1024)
		return 0;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hlen = nl ? (size_t)(nl - data) : size;
	char ct[1024];
	if (hlen >= sizeof(ct))
		return 0;
	memcpy(ct, data, hlen);
	ct[hlen] = '\0';
	const char *body = nl ? (const char *)nl + 1 : (const char *)data + size;
	size_t blen = (size_t)((const char *)data + size - body);
	/* The body as the worker holds it: exactly blen bytes, heap-allocated. */
	char *copy = malloc(blen ? blen : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, body, blen);

	char boundary[128];
	if (multipart_boundary(ct, boundary, sizeof(boundary)) == 0) {
		if (strlen(boundary) == 0 || strlen(boundary) > 70)
			abort();
		static const char *const fields[] = { "file", "use_case", "" };
		for (size_t i = 0; i < 3; i++) {
			const char *part = NULL;
			size_t len = 0;
			char filename[256];
			memset(filename, 'x', sizeof(filename));
			if (multipart_find(copy, blen, boundary, fields[i], &part, &len, filename,
					   sizeof(filename)) == 0) {
				if (part < copy || part + len > copy + blen)
					abort();
				if (memchr(filename, '\0', sizeof(filename)) == NULL)
					abort();
			}
		}
	}
	free(copy);
	return 0;
}
