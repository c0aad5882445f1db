/*
 * app: what every request handler can reach.
 *
 * One struct app per worker process, built in main() before any thread starts
 * and read-only afterwards (the store is itself thread-safe). Handlers get it
 * through their struct request; nothing else is global.
 */
#ifndef IMAGES_APP_H
#define IMAGES_APP_H

#include <jansson.h>
#include <limits.h>

#include "config.h"
#include "keys.h"
#include "store.h"

struct app {
	struct config cfg;
	struct store *store;
	struct keyring *keys;        /* estuary signing keys */
	char blobs_dir[PATH_MAX];    /* absolute: lighttpd's X-Sendfile needs a full path */
	json_t *styles;              /* the presets of conf/styles.json, as /images/styles answers them */
};

#endif
