/*
 * multipart: finds one field of a multipart/form-data body (RFC 7578).
 *
 * The body stays where it is: the part's data is returned as a pointer and
 * length into it. Only what an upload needs is parsed: the boundary, each
 * part's Content-Disposition name and filename. Any malformation (no closing
 * boundary, headers over 8 KiB, a boundary longer than 70 characters) is an
 * error, never a guess.
 */
#ifndef IMAGES_MULTIPART_H
#define IMAGES_MULTIPART_H

#include <stddef.h>

/* Extracts the boundary from a Content-Type header value into out. 0 or -1. */
int multipart_boundary(const char *content_type, char *out, size_t outlen);

/*
 * Finds the part named field. Returns 0 with *data and *len pointing into body and
 * the filename (possibly "") in filename, 1 when there is no such part, -1 on
 * a malformed body.
 */
int multipart_find(const char *body, size_t blen, const char *boundary, const char *field,
		   const char **data, size_t *len, char *filename, size_t fnlen);

#endif
