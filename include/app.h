/*
 * app: what every request handler can reach.
 *
 * One struct app per worker process, built in main() before any thread starts
 * and read-only afterwards (the store is itself thread-safe). Handlers get it
 * through their struct request; nothing else is global.
 */
#ifndef IMAGES_APP_H
#define IMAGES_APP_H

#include "config.h"
#include "store.h"

struct app {
	struct config cfg;
	struct store *store;
};

#endif
