/*
 * blobstore: content-addressed files for image bytes.
 *
 * A blob is stored once at BLOBS/ab/cd/<sha256 hex> however many files use it:
 * written to a temporary file, fsynced, renamed into place (and the directory
 * fsynced), so a reader never sees a partial blob and a crash leaves at worst
 * an unreferenced temporary. Large values stay out of LMDB, whose overflow
 * pages fragment with megabyte values.
 *
 * LMDB keeps a reference count per blob (DB_BLOBS, sha256 → {refs, size}),
 * changed in the same transaction as the file records that point at it. A
 * blob whose count reaches zero loses its record; blob_sweep() then deletes
 * files that have no record and have not been touched for a grace period, so
 * an upload that is about to reference a deduplicated blob (it touches the
 * file's atime first) never loses it.
 */
#ifndef IMAGES_BLOBSTORE_H
#define IMAGES_BLOBSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Stores data under blobs_dir and returns its SHA-256 hex in sha. 0 or -1 (errno set). */
int blob_put(const char *blobs_dir, const void *data, size_t len, char sha[65]);
/* The file path of a blob: blobs_dir/ab/cd/<sha>. 0 or -1 when it does not fit. */
int blob_path(const char *blobs_dir, const char *sha, char *out, size_t outlen);
/* The path of a blob below the blobs directory, "ab/cd/<sha>". */
int blob_relpath(const char *sha, char *out, size_t outlen);

/* Adds delta (+1 or -1) to a blob's reference count inside txn; the record goes at zero. */
int blob_ref(struct store_txn *txn, const char *sha, int64_t size, int delta);
/* The blob's reference count (0 when it has no record). */
int blob_refs(struct store_txn *txn, const char *sha, int64_t *refs);

/* Deletes blob files with no record untouched for grace_s seconds; *removed gets how many. */
int blob_sweep(struct store *s, const char *blobs_dir, int64_t grace_s, unsigned *removed);

#endif
