/*
 * validate: one table per route describes its JSON body.
 *
 * Each row names a field, its type, whether it is required and its bounds
 * (bytes for strings, value for integers). validate_body() checks a parsed
 * object against the table and copies each field into the route's typed
 * struct at the row's offset, before any handler logic runs. Unknown fields
 * are ignored (clients send more than we read); a wrong type, a missing required field or a value
 * out of bounds is answered 400 with a detail naming the field.
 *
 * Strings copied out point into the json_t and live as long as it does.
 */
#ifndef IMAGES_VALIDATE_H
#define IMAGES_VALIDATE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "http.h"

enum field_type {
	FIELD_STRING, /* struct field_str; UTF-8, no control characters, min..max bytes */
	FIELD_TEXT,   /* like FIELD_STRING but newlines and tabs allowed (prompts) */
	FIELD_BOOL,   /* bool */
	FIELD_INT,    /* long long, min..max */
};

struct field_str {
	const char *s; /* NULL when absent (or JSON null for optional fields) */
	size_t len;
};

struct field_spec {
	const char *name;
	enum field_type type;
	bool required;
	long long min, max;
	size_t offset;
};

/* 0 when body satisfies spec (fields copied to out); else the 400 was answered. */
int validate_body(struct request *req, const json_t *body, const struct field_spec *spec, size_t n,
		  void *out);
/* The same for an object nested at prefix ("image"): details name "image.seed". */
int validate_body_in(struct request *req, const json_t *body, const char *prefix, const struct field_spec *spec,
		     size_t n, void *out);

#endif
