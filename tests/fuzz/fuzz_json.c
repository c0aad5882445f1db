/*
 * fuzz_json: JSON request validation of every route that takes a body.
 *
 * The first input byte picks a route; the rest is its body. The body goes
 * through the real req_json() (Content-Type, size, UTF-8, depth and
 * duplicate-key checks, jansson) over an in-memory FastCGI request, then
 * through that route's own field table with validate_body(), or for
 * POST /f/conversation through the route's whole body parser, turn_parse(),
 * and for POST /v1/images/generations through oa_parse().
 *
 * The field tables are file-static in the route modules;
 * this harness includes those source files (api_accounts.c, the turn modules,
 * api_openai.c) so that it checks the very
 * tables the routes use (a table added there is fuzzed here without being
 * exported). Those files' other symbols then come from here rather than from
 * libimages.a, which is the same code.
 *
 * Checked beyond "no crash": a refused body was answered exactly once with a
 * 4xx; an accepted one was not answered, and every field copied out is
 * within its row's bounds (strings: UTF-8, length in range, no NUL inside;
 * integers: in range).
 */
#include "../../app/api/api_accounts.c"
#include "../../app/api/turns.c"
#include "../../app/api/turn_request.c"
/* Each of these sources has a jstr() of its own (the same helper): one name per source. */
#define jstr tf_jstr
#include "../../app/api/turn_follow.c"
#undef jstr
#define jstr ac_jstr
#include "../../app/api/api_conversations.c"
#undef jstr
/* turns.c has a jstr() of its own (the same helper): rename this one. */
#define jstr oa_jstr
#include "../../app/api/api_openai.c"
#undef jstr

#include <stdint.h>
#include <stdlib.h>

#include "fcgx_mem.h"

struct route_table {
	const char *route;
	const struct field_spec *spec;
	size_t n;
};

#define TABLE(route, spec) { route, spec, sizeof(spec) / sizeof(spec[0]) }
static const struct route_table tables[] = {
	TABLE("POST /backend-api/auth/signup", signup_spec),
	TABLE("POST /backend-api/auth/login", login_spec),
	TABLE("POST /backend-api/auth/logout", logout_spec),
	TABLE("POST /backend-api/api_keys", key_spec),
	TABLE("POST /backend-api/f/conversation/resume", resume_spec),
	TABLE("PATCH /backend-api/conversation/{id}", patch_spec),
	TABLE("POST /backend-api/f/conversation (image)", image_spec),
	TABLE("POST /v1/images/generations", oa_spec),
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static void check_fields(const json_t *body, const struct route_table *t, const void *out)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct field_spec *f = &t->spec[i];
		json_t *v = json_object_get(body, f->name);
		if (v == NULL || json_is_null(v))
			continue;
		const void *src = (const char *)out + f->offset;
		if (f->type == FIELD_STRING || f->type == FIELD_TEXT) {
			const struct field_str *fs = src;
			if (fs->s == NULL || (long long)fs->len < f->min || (long long)fs->len > f->max ||
			    strlen(fs->s) != fs->len || !utf8_valid(fs->s, fs->len))
				abort();
		} else if (f->type == FIELD_INT) {
			long long x = *(const long long *)src;
			if (x < f->min || x > f->max)
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 128 * 1024)
		return 0;
	unsigned pick = data[0];
	const char *body = (const char *)data + 1;
	size_t blen = size - 1;

	static struct app app;
	static bool ready;
	if (!ready) {
		config_defaults(&app.cfg);
		ready = true;
	}
	/* Sized as the worker sizes it: the largest body plus its overhead. */
	struct arena *arena = arena_create(app.cfg.max_json_bytes + (1u << 20));
	if (arena == NULL)
		return 0;
	static struct fcgx_mem m;
	struct request req;
	fcgx_mem_init(&m, &req, &app, arena, body, blen);
	fcgx_mem_env(&m, "CONTENT_TYPE", (pick & 0x80) ? "application/json; charset=utf-8" : "application/json", 
		     (pick & 0x80) ? 31 : 16);
	if (!(pick & 0x40)) {
		char cl[24];
		int n = snprintf(cl, sizeof(cl), "%zu", blen);
		fcgx_mem_env(&m, "CONTENT_LENGTH", cl, (size_t)n);
	}
	json_t *j = NULL;
	if (req_json(&req, &j) != 0) {
		if (!req.answered || req.status < 400 || req.status >= 500) {
			fprintf(stderr, "req_json: answered %d status %d\n", req.answered, req.status);
			abort();
		}
		goto out;
	}
	if (req.answered || !json_is_object(j))
		abort();
	unsigned route = (pick & 0x3f) % (NTABLES + 2);
	if (route == NTABLES + 1) {
		/* POST /v1/images/generations (and /edits' fields) through the whole parser. */
		struct oa_params p;
		if (oa_parse(&req, j, (pick & 0x80) != 0, &p) != 0) {
			if (!req.answered || req.status != 400)
				abort();
		} else {
			if (req.answered || p.prompt == NULL || p.n < 1 || p.n > OA_MAX_N ||
			    p.width < RENDER_MIN_SIDE || p.width > RENDER_MAX_SIDE ||
			    p.height < RENDER_MIN_SIDE || p.height > RENDER_MAX_SIDE ||
			    p.compression < 0 || p.compression > 100 || p.partial_images < 0 ||
			    p.partial_images > OA_MAX_PARTIALS || (p.partial_images && !p.stream) ||
			    (p.url && p.format != OA_PNG) || strcmp(p.background, "opaque") != 0 ||
			    memchr(p.style, '\0', sizeof(p.style)) == NULL ||
			    memchr(p.quality, '\0', sizeof(p.quality)) == NULL ||
			    strlen(p.prompt) > app.cfg.max_prompt_bytes)
				abort();
		}
	} else if (route == NTABLES) {
		struct turn_req t;
		if (turn_parse(&req, j, &t) != 0) {
			if (!req.answered || req.status < 400 || req.status >= 500)
				abort();
		} else {
			if (req.answered || t.width < RENDER_MIN_SIDE || t.width > RENDER_MAX_SIDE ||
			    t.height < RENDER_MIN_SIDE || t.height > RENDER_MAX_SIDE || t.n < 1 || t.n > 4)
				abort();
			if (t.prompt != NULL && strlen(t.prompt) > app.cfg.max_prompt_bytes)
				abort();
		}
	} else {
		const struct route_table *t = &tables[route];
		union {
			struct signup_body signup;
			struct login_body login;
			struct logout_body logout;
			struct key_body key;
			struct resume_body resume;
			struct patch_body patch;
			struct image_opts image;
			struct oa_body oa;
		} out;
		memset(&out, 0, sizeof(out));
		if (validate_body(&req, j, t->spec, t->n, &out) != 0) {
			if (!req.answered || req.status != 400)
				abort();
		} else {
			if (req.answered)
				abort();
			check_fields(j, t, &out);
		}
	}
out:
	json_decref(j);
	arena_destroy(arena);
	return 0;
}
