/*
 * router: method + path pattern → handler.
 *
 * A pattern is a literal path whose segments may be `{name}` captures; a
 * capture matches one segment of 1 to 128 characters from [A-Za-z0-9_-], so
 * percent-escapes, dots and slashes never reach a handler through an id. The
 * table is static data; router_match() only reads it. HEAD matches GET routes.
 */
#ifndef IMAGES_ROUTER_H
#define IMAGES_ROUTER_H

#include <stddef.h>

#include "http.h"

typedef void (*route_handler)(struct request *req);

enum route_flags {
	ROUTE_PUBLIC = 0,        /* no session needed */
	ROUTE_AUTH = 1u << 0,    /* 401 unless a session or API key identifies the user */
	ROUTE_STREAM = 1u << 1,  /* answers with Server-Sent Events */
	/* An API key needs the "account" scope here (keys, log-out); elsewhere it needs "images". */
	ROUTE_ACCOUNT = 1u << 2,
	ROUTE_ANY_SCOPE = 1u << 3, /* any key will do (/me) */
};

struct route {
	const char *method;
	const char *pattern;
	route_handler handler;
	unsigned flags;
};

struct route_match {
	const struct route *route;
	const char *captures[REQ_MAX_CAPTURES]; /* in the request's arena */
	size_t ncaptures;
	char allow[64]; /* for 405: the methods the path accepts, "GET, POST" */
};

/*
 * Finds the route for method and path. Returns 0 with m->route set, 404 when
 * no pattern matches the path, or 405 with m->allow listing what would.
 */
int router_match(const struct route *routes, size_t n, const char *method, const char *path,
		 struct arena *arena, struct route_match *m);

#endif
