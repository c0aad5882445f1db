/*
 * arena: a per-request allocator.
 *
 * A handler allocates everything it needs for one request from the request's
 * arena and frees nothing individually; the arena is destroyed when the
 * request ends. Every arena has a hard maximum: an allocation that would take
 * it past its limit returns NULL, so a hostile request cannot make a worker
 * grow without bound. Memory returned by arena_* is zero-initialised only
 * where the function says so, is aligned for any type, and stays valid until
 * arena_destroy(). An arena is not thread-safe: one request, one thread.
 */
#ifndef IMAGES_ARENA_H
#define IMAGES_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* Creates an arena that may hand out at most max_bytes in total. NULL on OOM. */
struct arena *arena_create(size_t max_bytes);
void arena_destroy(struct arena *a);

/* n bytes, uninitialised. NULL when over the limit or out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* n * size bytes, zeroed; NULL on overflow, over the limit or out of memory. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena; NULL on error or over the limit. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

/* Bytes handed out so far (for tests and logs). */
size_t arena_used(const struct arena *a);

#endif
