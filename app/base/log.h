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

#include <jansson.h>

int log_open(const char *path);
/* Opens the log's path again (after logrotate moved the file; SIGHUP): 0 or -1. */
int log_reopen(void);
/* {"ts","level","pid","msg"}: process events (start, stop, errors). */
void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One line of obj's fields after "ts" and "pid"; takes the reference to obj. */
void log_json(json_t *obj);

#endif
