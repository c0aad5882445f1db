/*
 * files: file records, the metadata that points at blobs.
 *
 * A file has an id "file_00000000" + 16 lowercase hex from the CSPRNG, an
 * owner, the SHA-256 of its full bytes and of its WebP thumbnail, the MIME
 * type libmagic found, sizes, dimensions, its creation time and, for
 * generated images, the conversation and message it belongs to. Records live
 * in DB_FILES as JSON; DB_FILES_BY_USER lists a user's files newest first.
 * Creating or deleting a record changes the blobs' reference counts in the
 * same transaction. struct file_record is plain data the caller owns.
 */
#ifndef IMAGES_FILES_H
#define IMAGES_FILES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "estuary.h"
#include "store.h"

struct file_record {
	char id[FILE_ID_LEN + 1];
	char owner[48];
	char name[256];          /* a safe display / download name, "cube.png" */
	char mime[32];           /* of the full image */
	char hash[65];           /* sha256 of the full bytes */
	char thumb_hash[65];     /* sha256 of the WebP thumbnail */
	int64_t size, thumb_size;
	unsigned width, height, thumb_width, thumb_height;
	int64_t created;
	char conversation_id[64]; /* "" for uploads */
	char message_id[64];
};

/*
 * What a user's file records hold, counted in DB_USAGE as records come and go:
 * bytes of the full image and its thumbnail (even where a blob is shared), and
 * files. A user with no count yet (data from before it) is counted once from
 * DB_FILES_BY_USER in the first transaction that needs it.
 */
struct file_usage {
	int64_t bytes, files;
};
/* Per-user caps on file records; 0 is no cap. */
struct file_quota {
	int64_t bytes, files;
};
/* The quota images.conf sets (quota_mb_per_user, quota_files_per_user). */
struct file_quota file_quota_of(const struct config *cfg);
/* "1.2 GB of 5.0 GB and 310 of 20000 files are used" into out, for a 507's detail. */
void file_usage_describe(const struct file_quota *q, const struct file_usage *u, char *out, size_t outlen);
/* file_create's answer when the record would take its owner past the quota. */
#define FILE_OVER_QUOTA (-100)

/* The user's usage. */
int file_usage_get(struct store *s, const char *owner, struct file_usage *out);
/* The same inside the caller's transaction. */
int file_usage_txn(struct store_txn *txn, const char *owner, struct file_usage *out);
/* The same in a write transaction, keeping a first count so that it is not made again. */
int file_usage_settle(struct store_txn *txn, const char *owner, struct file_usage *out);
/* True when usage has no room for one more file of `bytes` under q. */
bool file_quota_full(const struct file_quota *q, const struct file_usage *u, int64_t bytes);

/*
 * Gives rec a fresh id and stores it with its index entry, blob references and
 * its owner's usage; FILE_OVER_QUOTA (nothing stored) when q (may be NULL) has
 * no room for it.
 */
int file_create(struct store *s, struct file_record *rec, const struct file_quota *q);
/* Reads a record by id; STORE_NOTFOUND when there is none. */
int file_get(struct store *s, const char *id, struct file_record *out);
/* The same inside the caller's transaction. */
int file_get_txn(struct store_txn *txn, const char *id, struct file_record *out);
/* Deletes a record and drops its blob references. */
int file_delete(struct store *s, const char *id);
/* The same inside the caller's transaction. */
int file_delete_txn(struct store_txn *txn, const char *id);

/* The record as clients see it (no blob hashes). */
json_t *file_to_json(const struct file_record *rec);

/*
 * Makes name safe to show and to put in a Content-Disposition header: the last
 * path component, no control characters, quotes or backslashes, at most 200
 * bytes of valid UTF-8, with the extension that matches ext. Empty → "image.ext".
 */
void file_safe_name(const char *name, const char *ext, char *out, size_t outlen);

#endif
