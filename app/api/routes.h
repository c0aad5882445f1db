/*
 * routes: every route the worker answers, and how a caller is recognised; the
 * API layer's face to the worker (worker.h).
 */
#ifndef IMAGES_ROUTES_H
#define IMAGES_ROUTES_H

#include "worker.h"

extern const struct worker_api api_routes;

#endif
