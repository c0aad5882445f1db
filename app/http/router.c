#include "router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool capture_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* Matches path against pattern segment by segment, collecting captures. */
static bool pattern_match(const char *pattern, const char *path, struct arena *arena,
			  const char **caps, size_t *ncaps)
{
	const char *p = pattern, *s = path;
	*ncaps = 0;
	while (*p != '\0') {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			if (close == NULL)
				return false;
			size_t n = 0;
			while (capture_char(s[n]))
				n++;
			if (n == 0 || n > 128 || (s[n] != '\0' && s[n] != '/'))
				return false;
			if (*ncaps >= REQ_MAX_CAPTURES)
				return false;
			if (arena != NULL) {
				caps[*ncaps] = arena_strndup(arena, s, n);
				if (caps[*ncaps] == NULL)
					return false;
			}
			(*ncaps)++;
			s += n;
			p = close + 1;
		} else {
			if (*p != *s)
				return false;
			p++;
			s++;
		}
	}
	return *s == '\0';
}

int router_match(const struct route *routes, size_t n, const char *method, const char *path,
		 struct arena *arena, struct route_match *m)
{
	bool path_known = false;
	const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < n; i++) {
		const char *caps[REQ_MAX_CAPTURES];
		size_t ncaps;
		if (!pattern_match(routes[i].pattern, path, NULL, caps, &ncaps))
			continue;
		path_known = true;
		if (strcmp(routes[i].method, want) != 0) {
			size_t used = strlen(m->allow);
			if (strstr(m->allow, routes[i].method) == NULL)
				snprintf(m->allow + used, sizeof(m->allow) - used, "%s%s",
					 used ? ", " : "", routes[i].method);
			continue;
		}
		if (!pattern_match(routes[i].pattern, path, arena, m->captures, &m->ncaptures))
			return 404;
		m->route = &routes[i];
		return 0;
	}
	return path_known ? 405 : 404;
}
