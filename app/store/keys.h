/*
 * keys: the HMAC keys that sign estuary URLs.
 *
 * The key file (DATA_DIR/keys/estuary.key, mode 0600 in a 0700 directory)
 * holds a current key and, after a rotation, the previous one:
 *     current <64 hex>
 *     previous <64 hex>
 * URLs are signed with the current key and verified against both, so links
 * issued before a rotation keep working until they expire. The file is
 * created on first start (random 32-byte key, published with link(2) so two
 * workers starting at once agree on one key) and replaced atomically by
 * keys_rotate(). Workers notice a rotation by the file's mtime, checked at
 * most once a second.
 *
 * A struct keyring is shared by all threads of a process; the key bytes it
 * hands out are copied into the caller's buffers.
 */
#ifndef IMAGES_KEYS_H
#define IMAGES_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEY_LEN 32

struct keyring;

/* Loads (creating when absent) the key file at path. NULL with a message in err. */
struct keyring *keys_open(const char *path, char *err, size_t errlen);
void keys_close(struct keyring *k);

/* Copies the current key and, when there is one, the previous; re-reads the file if it changed. */
int keys_get(struct keyring *k, uint8_t current[KEY_LEN], uint8_t previous[KEY_LEN],
	     bool *has_previous);

/* Makes a new current key; the old current becomes previous. 0 or -1 with err. */
int keys_rotate(const char *path, char *err, size_t errlen);

#endif
