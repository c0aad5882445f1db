/*
 * conduit: the short-lived token that prepare hands out and the turn requires.
 *
 * A token is "<user id>.<expiry epoch s>.<nonce hex>.<sig hex>", where sig is
 * HMAC-SHA256 over "conduit-v1\n<user>\n<expiry>\n<nonce>" with a key derived
 * from the estuary signing key (so rotation covers it too). It binds a turn to
 * the user who prepared it and to a minute's window: an expired or foreign
 * token is refused (403).
 */
#ifndef IMAGES_CONDUIT_H
#define IMAGES_CONDUIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"

#define CONDUIT_TTL_S 60
#define CONDUIT_MAX 160

/* Issues a token for user at now into out (CONDUIT_MAX bytes). 0 or -1. */
int conduit_issue(struct keyring *k, const char *user, int64_t now, char *out, size_t outlen);
/* True when token is valid for user at now. */
bool conduit_check(struct keyring *k, const char *token, const char *user, int64_t now);

#endif
