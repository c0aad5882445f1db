/*
 * gallery: a user's generated images, newest first, for /my/recent/image_gen.
 *
 * DB_GALLERY holds one entry per generated image under (user, created ms
 * be64, file id), so a page is one cursor range whatever the gallery's size.
 * The value is everything a gallery card shows (title, prompts, style, size,
 * conversation and message), written in the same transaction that finishes
 * the turn, so listing needs no other lookup but the conversation's hidden
 * flag. Cursors are opaque to clients: base64url of the last key.
 */
#ifndef IMAGES_GALLERY_H
#define IMAGES_GALLERY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "files.h"
#include "store.h"

#define GALLERY_CURSOR_MAX 200

/* Adds the image rec with its card fields (borrowed) inside txn. */
int gallery_add(struct store_txn *txn, const struct file_record *rec, int64_t created_ms,
		const json_t *card);

struct gallery_query {
	const char *user;
	const char *after;  /* cursor from the previous page, or NULL */
	size_t limit;       /* 1..100 */
	const char *q;      /* words that must all appear in the prompts, or NULL */
	const char *style;  /* preset id, or NULL */
};

/*
 * A page: items (new reference; each the stored card plus "id" and
 * "created_at") and the cursor for the next page ("" when this was the last).
 * STORE_CORRUPT for a malformed cursor (the caller answers 400).
 */
int gallery_page(struct store_txn *txn, const struct gallery_query *q, json_t **items,
		 char *next_cursor, size_t cursor_len);

/* Removes the user's image file_id from the gallery; STORE_NOTFOUND when not theirs. */
int gallery_remove(struct store_txn *txn, const char *user, const char *file_id, json_t **card);
/*
 * Deletes the user's generated image file_id: its gallery entry, its part in
 * its conversation (marked removed, so the conversation says so) and its file
 * record. STORE_NOTFOUND when it is not in the user's gallery.
 */
int gallery_delete_image(struct store_txn *txn, const char *user, const char *file_id);

#endif
