/*
 * worker: one FastCGI request from accept to log line.
 *
 * worker_handle() builds the struct request (arena, method, path, query),
 * matches the route table, resolves who is asking, refuses cross-site
 * state-changing requests, enforces authentication, runs the handler and
 * writes the request's log line. It is called on any request thread; the
 * app it reads is shared and read-only.
 */
#ifndef IMAGES_WORKER_H
#define IMAGES_WORKER_H

#include <fcgiapp.h>
#include <stdbool.h>

#include "app.h"
#include "http.h"

void worker_handle(const struct app *app, FCGX_Request *r);

/*
 * The cross-site request check for a state-changing request: true when the
 * request may proceed. Browsers say where a request comes from with
 * Sec-Fetch-Site (trusted when present) or Origin (compared with the
 * request's own scheme and Host);
 * clients that send neither are not browsers and carry no ambient cookie risk
 * we can judge, so they pass.
 */
bool csrf_allowed(const char *sec_fetch_site, const char *origin, const char *host, bool https);

#endif
