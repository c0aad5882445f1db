#include <string.h>

#include "router.h"
#include "tap.h"

static void h_a(struct request *r) { (void)r; }
static void h_b(struct request *r) { (void)r; }
static void h_c(struct request *r) { (void)r; }

static const struct route routes[] = {
	{ "GET", "/backend-api/me", h_a, ROUTE_AUTH },
	{ "POST", "/backend-api/api_keys", h_b, ROUTE_AUTH },
	{ "GET", "/backend-api/api_keys", h_a, ROUTE_AUTH },
	{ "DELETE", "/backend-api/api_keys/{id}", h_c, ROUTE_AUTH },
	{ "GET", "/backend-api/conversation/{id}/stream_status", h_c, ROUTE_AUTH },
};

struct match_case {
	const char *method, *path;
	int rc;
	route_handler handler;
	const char *capture;
	const char *allow;
};

int main(void)
{
	static const struct match_case cases[] = {
		{ "GET", "/backend-api/me", 0, h_a, NULL, NULL },
		{ "HEAD", "/backend-api/me", 0, h_a, NULL, NULL },
		{ "POST", "/backend-api/me", 405, NULL, NULL, "GET" },
		{ "PUT", "/backend-api/api_keys", 405, NULL, NULL, "POST, GET" },
		{ "POST", "/backend-api/api_keys", 0, h_b, NULL, NULL },
		{ "DELETE", "/backend-api/api_keys/key_0123abcd", 0, h_c, "key_0123abcd", NULL },
		{ "GET", "/backend-api/api_keys/key_1", 405, NULL, NULL, "DELETE" },
		{ "DELETE", "/backend-api/api_keys/", 404, NULL, NULL, NULL },
		{ "DELETE", "/backend-api/api_keys/a/b", 404, NULL, NULL, NULL },
		{ "DELETE", "/backend-api/api_keys/..", 404, NULL, NULL, NULL },
		{ "DELETE", "/backend-api/api_keys/a%2fb", 404, NULL, NULL, NULL },
		{ "DELETE", "/backend-api/api_keys/a.b", 404, NULL, NULL, NULL },
		{ "GET", "/backend-api/conversation/abc-123/stream_status", 0, h_c, "abc-123", NULL },
		{ "GET", "/backend-api/conversation/abc/stream_statusx", 404, NULL, NULL, NULL },
		{ "GET", "/backend-api/me/", 404, NULL, NULL, NULL },
		{ "GET", "/backend-api/mex", 404, NULL, NULL, NULL },
		{ "GET", "/", 404, NULL, NULL, NULL },
		{ "GET", "", 404, NULL, NULL, NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct match_case *c = &cases[i];
		struct arena *a = arena_create(1 << 16);
		struct route_match m;
		int rc = router_match(routes, sizeof(routes) / sizeof(routes[0]), c->method, c->path, a, &m);
		int good = rc == c->rc;
		if (good && rc == 0)
			good = m.route->handler == c->handler &&
			       (c->capture == NULL ? m.ncaptures == 0
						   : m.ncaptures == 1 && strcmp(m.captures[0], c->capture) == 0);
		if (good && rc == 405)
			good = strcmp(m.allow, c->allow) == 0;
		ok(good, "%s %s -> %d (want %d) allow='%s'", c->method, c->path, rc, c->rc,
		   rc == 405 ? m.allow : "");
		arena_destroy(a);
	}
	char longid[200];
	memset(longid, 'a', sizeof(longid));
	longid[sizeof(longid) - 1] = '\0';
	char path[300];
	snprintf(path, sizeof(path), "/backend-api/api_keys/%s", longid);
	struct route_match m;
	ok(router_match(routes, 5, "DELETE", path, NULL, &m) == 404, "a capture over 128 chars is refused");
	return tap_done();
}
