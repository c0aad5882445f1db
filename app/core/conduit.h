/*
 * conduit: the short-lived token that prepare hands out and the turn requires.
 *
 * A token is "<user id>.<expiry epoch s>.<nonce hex>.<sig hex>", where sig is
 * HMAC-SHA256 over "conduit-v2\n<user>\n<credential>\n<expiry>\n<nonce>" with a
 * key derived from the estuary signing key (so rotation covers it too). The
 * credential is the hex SHA-256 of the session cookie or API key the prepare
 * came with, so the token works only with that same credential: a logout (the
 * session is gone) or another session ends it. It binds a turn to the user who
 * prepared it and to a minute's window: an expired or foreign token is refused
 * (403). The turn spends its nonce (conduit_spend, in the turn's transaction),
 * so a token starts one turn at most.
 */
#ifndef IMAGES_CONDUIT_H
#define IMAGES_CONDUIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"
#include "store.h"

#define CONDUIT_TTL_S 60
#define CONDUIT_MAX 160
#define CONDUIT_NONCE_LEN 16

/* Issues a token for user and the credential's SHA-256 at now into out (CONDUIT_MAX bytes). 0 or -1. */
int conduit_issue(struct keyring *k, const char *user, const uint8_t cred[32], int64_t now, char *out,
		  size_t outlen);
/*
 * True when token is valid for user and credential at now; then nonce (when not
 * NULL, CONDUIT_NONCE_LEN + 1 bytes) gets its nonce and *expires its expiry.
 */
bool conduit_check(struct keyring *k, const char *token, const char *user, const uint8_t cred[32],
		   int64_t now, char *nonce, int64_t *expires);
/*
 * Inside the turn's write transaction: marks the nonce spent until expires.
 * STORE_OK the first time, STORE_EXISTS when it was spent already.
 */
int conduit_spend(struct store_txn *txn, const char *nonce, int64_t expires, int64_t now);

#endif
