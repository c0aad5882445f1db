#include "tap.h"
#include "worker.h"

struct csrf_case {
	const char *site, *origin, *host;
	bool https, allowed;
};

int main(void)
{
	static const struct csrf_case cases[] = {
		{ NULL, NULL, "127.0.0.1:8080", false, true },          /* curl, API clients */
		{ "same-origin", NULL, "127.0.0.1:8080", false, true },
		{ "none", NULL, "127.0.0.1:8080", false, true },          /* typed into the address bar */
		{ "cross-site", NULL, "127.0.0.1:8080", false, false },
		{ "same-site", NULL, "127.0.0.1:8080", false, false },    /* a sibling subdomain */
		{ "cross-site", "http://127.0.0.1:8080", "127.0.0.1:8080", false, false }, /* header wins */
		{ NULL, "http://127.0.0.1:8080", "127.0.0.1:8080", false, true },
		{ NULL, "https://Images.Example.com", "images.example.com", true, true },
		{ NULL, "http://evil.example", "127.0.0.1:8080", false, false },
		{ NULL, "http://127.0.0.1:8081", "127.0.0.1:8080", false, false },
		{ NULL, "http://127.0.0.1:8080.evil.example", "127.0.0.1:8080", false, false },
		{ NULL, "null", "127.0.0.1:8080", false, false },
		{ NULL, "http://127.0.0.1:8080/path", "127.0.0.1:8080", false, false },
		{ NULL, "http://127.0.0.1:8080", NULL, false, false },
		{ NULL, "https://127.0.0.1:8080", "127.0.0.1:8080", false, false }, /* scheme differs */
		{ NULL, "http://images.example.com", "images.example.com", true, false },
		{ NULL, "https://images.example.com", "images.example.com", true, true },
		{ NULL, "HTTPS://images.example.com", "images.example.com", true, true },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct csrf_case *c = &cases[i];
		ok(csrf_allowed(c->site, c->origin, c->host, c->https) == c->allowed,
		   "Sec-Fetch-Site=%s Origin=%s Host=%s%s -> %s", c->site ? c->site : "-",
		   c->origin ? c->origin : "-", c->host ? c->host : "-", c->https ? " (https)" : "",
		   c->allowed ? "allowed" : "refused");
	}
	return tap_done();
}
