/*
 * accounts: users, passwords, sessions and API keys.
 *
 * Passwords are hashed with scrypt (OpenSSL EVP_KDF "SCRYPT", r = 8, p = 1,
 * N from the config) and a 16-byte random salt; the stored form
 * "scrypt$<log2 N>$<r>$<p>$<salt hex>$<hash hex>" carries its parameters, so
 * raising the cost later keeps old hashes valid. Hashing happens outside any
 * transaction: it is slow on purpose.
 *
 * Session tokens and API keys are 32 random bytes (base64url) shown to the
 * client once; the store keeps only their SHA-256, so a copy of the database
 * grants no access. Looking a token up is a B-tree lookup on that digest.
 *
 * The first account created in a fresh store is the admin; the check and the
 * insert share one write transaction, so two simultaneous first sign-ups
 * cannot both become admin.
 *
 * Every function returns enum acct_err; struct user values are copies the
 * caller owns.
 */
#ifndef IMAGES_ACCOUNTS_H
#define IMAGES_ACCOUNTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

/* A signed-in user, as the request handlers and the store see it (a copy). */
struct user {
	char id[48];
	char email[256];
	char name[256];
	bool is_admin;
	bool disabled;   /* by an administrator (images-admin users disable): no log-in, session or key works */
	int64_t created; /* epoch seconds */
};

enum acct_err {
	ACCT_OK = 0,
	ACCT_EXISTS,          /* the email is already registered (409) */
	ACCT_BAD_CREDENTIALS, /* unknown email or wrong password (401) */
	ACCT_NOTFOUND,        /* no such session, key or user (401 or 404) */
	ACCT_LIMIT,           /* too many API keys (409) */
	ACCT_CLOSED,          /* sign-up is switched off (403) */
	ACCT_DISABLED,        /* the account is disabled (403, after the right password only) */
	ACCT_FULL,            /* the store is full (507) */
	ACCT_ERROR,           /* store or crypto failure (500) */
};

const char *acct_strerror(enum acct_err e);

#define SESSION_TOKEN_LEN 43 /* base64url of 32 bytes */
#define API_KEY_PREFIX "sk-img-"
#define API_KEY_LEN (7 + 43)
#define API_KEY_ID_LEN (4 + 16)

/* Lowercases and checks an email address into out. 0, or -1 when it is not one. */
int email_normalize(const char *in, size_t len, char *out, size_t outlen);

/* Hashes a password into out (at least 160 bytes). 0 or -1. */
int password_hash(const char *pw, size_t len, unsigned log2n, char *out, size_t outlen);
/* 1 when pw matches stored, 0 when not, -1 when stored is malformed. Constant time in pw. */
int password_verify(const char *pw, size_t len, const char *stored);

/* The user as clients see it: {"id","email","name","is_admin","created"}. */
json_t *user_to_json(const struct user *u);

/* Creates an account; email must be normalised. */
enum acct_err account_create(struct store *s, const struct config *cfg, const char *email,
			     const char *name, const char *pw, size_t pwlen, struct user *out);
/* Checks email + password. Takes as long for an unknown email as for a wrong password. */
enum acct_err account_authenticate(struct store *s, const struct config *cfg, const char *email,
				   const char *pw, size_t pwlen, struct user *out);
enum acct_err account_get(struct store *s, const char *user_id, struct user *out);

/* A new session for user_id; token gets SESSION_TOKEN_LEN + 1 bytes. */
enum acct_err session_create(struct store *s, const struct config *cfg, const char *user_id,
			     int64_t now, char *token, int64_t *expires);
/* The user behind a live session token, and the token's digest. */
enum acct_err session_lookup(struct store *s, const char *token, int64_t now, struct user *out,
			     uint8_t hash[32]);
enum acct_err session_revoke(struct store *s, const uint8_t hash[32]);
enum acct_err session_revoke_all(struct store *s, const char *user_id);
/* Deletes expired sessions; *purged gets how many. */
enum acct_err session_purge_expired(struct store *s, int64_t now, unsigned *purged);

/* A new API key: id gets API_KEY_ID_LEN + 1 bytes, key API_KEY_LEN + 1. */
/*
 * What an API key may do. A key made without scopes gets KEY_SCOPE_IMAGES:
 * images, conversations, files, the gallery and the /v1 API. Managing keys and
 * logging out sessions needs KEY_SCOPE_ACCOUNT. A browser session may do both.
 * Keys stored before scopes existed read as KEY_SCOPE_IMAGES.
 */
enum key_scope { KEY_SCOPE_IMAGES = 1u << 0, KEY_SCOPE_ACCOUNT = 1u << 1 };
#define KEY_SCOPES_ALL (KEY_SCOPE_IMAGES | KEY_SCOPE_ACCOUNT)
/* The scope named ("images", "account"), or 0. */
unsigned key_scope_named(const char *name);
/* ["images", "account"] for the bits set, as a new reference. */
json_t *key_scopes_json(unsigned scopes);

enum acct_err apikey_create(struct store *s, const struct config *cfg, const char *user_id,
			    const char *name, unsigned scopes, int64_t now, char *id, char *key);
/* {"items":[{"id","name","created","scopes"}]} newest first, as a new reference in *out. */
enum acct_err apikey_list(struct store *s, const char *user_id, json_t **out);
/* Revokes the user's key id; ACCT_NOTFOUND when it is not theirs or not there. */
enum acct_err apikey_revoke(struct store *s, const char *user_id, const char *key_id);
/*
 * Disables (and ends every session of) or enables the account with this email.
 * Its API keys stay, refused while it is disabled. ACCT_NOTFOUND for no such account.
 */
enum acct_err account_set_disabled(struct store *s, const char *email, bool disabled);
/* Calls fn for every account, in id order, with its user; stops on a non-zero return. */
enum acct_err account_each(struct store *s, int (*fn)(const struct user *u, void *arg), void *arg);

/* Revokes every key of the user. */
enum acct_err apikey_revoke_all(struct store *s, const char *user_id);
/* The user behind a live API key, and the key's scopes. */
enum acct_err apikey_lookup(struct store *s, const char *key, struct user *out, unsigned *scopes);

#endif
