/*
 * log: one JSON line per event, appended to the worker's log file.
 *
 * log_open() is called once in main() before threads start; afterwards every
 * call writes one complete line with a single write(2) on an O_APPEND file, so
 * lines from several threads and processes never interleave. Until log_open()
 * succeeds, lines go to stderr.
 */
#ifndef IMAGES_LOG_H
#define IMAGES_LOG_H

#include "http.h"

int log_open(const char *path);
/* {"ts","level","pid","msg"}: process events (start, stop, errors). */
void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* {"ts","pid","method","path","status","ms","bytes","user","auth"}: one per request. */
void log_request(const struct request *req);

#endif
