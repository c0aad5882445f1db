#include "validate.h"

#include <stdio.h>
#include <string.h>

#include "textparse.h"

static bool text_ok(const char *s, size_t len, bool multiline)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7f || (c < 0x20 && !(multiline && (c == '\n' || c == '\r' || c == '\t'))))
			return false;
	}
	return utf8_valid(s, len);
}

int validate_body(struct request *req, const json_t *body, const struct field_spec *spec, size_t n,
		  void *out)
{
	return validate_body_in(req, body, NULL, spec, n, out);
}

int validate_body_in(struct request *req, const json_t *body, const char *prefix, const struct field_spec *spec,
		     size_t n, void *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct field_spec *f = &spec[i];
		void *dst = (char *)out + f->offset;
		json_t *v = json_object_get(body, f->name);
		/* The name errors give: the field's path from the body's top ("image.seed"). */
		char path[96];
		const char *name = f->name;
		if (prefix != NULL) {
			snprintf(path, sizeof(path), "%s.%s", prefix, f->name);
			name = path;
		}
		if (v == NULL || json_is_null(v)) {
			if (f->required) {
				resp_error_param(req, 400, name, NULL, "%s: required", name);
				return 400;
			}
			continue;
		}
		switch (f->type) {
		case FIELD_STRING:
		case FIELD_TEXT: {
			if (!json_is_string(v)) {
				resp_error_param(req, 400, name, NULL, "%s: expected a string", name);
				return 400;
			}
			const char *s = json_string_value(v);
			size_t len = json_string_length(v);
			if (strlen(s) != len || !text_ok(s, len, f->type == FIELD_TEXT)) {
				resp_error_param(req, 400, name, NULL, "%s: contains control characters", name);
				return 400;
			}
			if ((long long)len < f->min || (long long)len > f->max) {
				resp_error_param(req, 400, name, NULL, "%s: must be %lld to %lld bytes long", name, f->min,
					   f->max);
				return 400;
			}
			struct field_str *fs = dst;
			fs->s = s;
			fs->len = len;
			break;
		}
		case FIELD_BOOL:
			if (!json_is_boolean(v)) {
				resp_error_param(req, 400, name, NULL, "%s: expected true or false", name);
				return 400;
			}
			*(bool *)dst = json_is_true(v);
			break;
		case FIELD_INT: {
			if (!json_is_integer(v)) {
				resp_error_param(req, 400, name, NULL, "%s: expected an integer", name);
				return 400;
			}
			long long x = json_integer_value(v);
			if (x < f->min || x > f->max) {
				resp_error_param(req, 400, name, NULL, "%s: must be from %lld to %lld", name, f->min, f->max);
				return 400;
			}
			*(long long *)dst = x;
			break;
		}
		}
	}
	return 0;
}
