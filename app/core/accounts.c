#include "accounts.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "textparse.h"

#define SALT_LEN 16
#define HASH_LEN 32
#define SCRYPT_R 8
#define SCRYPT_P 1

const char *acct_strerror(enum acct_err e)
{
	switch (e) {
	case ACCT_OK: return "ok";
	case ACCT_EXISTS: return "an account with this email already exists";
	case ACCT_BAD_CREDENTIALS: return "wrong email or password";
	case ACCT_NOTFOUND: return "not found";
	case ACCT_LIMIT: return "limit reached";
	case ACCT_CLOSED: return "sign-up is closed on this server";
	case ACCT_DISABLED: return "this account has been disabled by an administrator";
	case ACCT_FULL: return "storage is full";
	case ACCT_ERROR: return "internal error";
	}
	return "internal error";
}

static enum acct_err from_store(int rc)
{
	switch (rc) {
	case STORE_OK: return ACCT_OK;
	case STORE_NOTFOUND: return ACCT_NOTFOUND;
	case STORE_EXISTS: return ACCT_EXISTS;
	case STORE_FULL: return ACCT_FULL;
	default: return ACCT_ERROR;
	}
}

static bool local_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 ||
	       strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL;
}

static bool domain_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '-' || c == '.';
}

int email_normalize(const char *in, size_t len, char *out, size_t outlen)
{
	while (len > 0 && (in[0] == ' ' || in[0] == '\t')) {
		in++;
		len--;
	}
	while (len > 0 && (in[len - 1] == ' ' || in[len - 1] == '\t'))
		len--;
	if (len < 3 || len > 254 || len >= outlen || !utf8_valid(in, len))
		return -1;
	size_t at = len;
	for (size_t i = 0; i < len; i++) {
		char c = in[i];
		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		if (c == '@') {
			if (at != len)
				return -1;
			at = i;
		}
	}
	out[len] = '\0';
	if (at == len || at == 0 || at > 64 || at + 1 >= len)
		return -1;
	for (size_t i = 0; i < at; i++)
		if (!local_char((unsigned char)out[i]))
			return -1;
	const char *dom = out + at + 1;
	size_t dlen = len - at - 1;
	if (dom[0] == '.' || dom[0] == '-' || dom[dlen - 1] == '.' || strstr(dom, "..") != NULL ||
	    strchr(dom, '.') == NULL)
		return -1;
	for (size_t i = 0; i < dlen; i++)
		if (!domain_char((unsigned char)dom[i]))
			return -1;
	return 0;
}

static int scrypt(const char *pw, size_t len, const uint8_t *salt, size_t saltlen, uint64_t n,
		  uint32_t r, uint32_t p, uint8_t out[HASH_LEN])
{
	int ok = -1;
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	if (ctx == NULL)
		goto out;
	uint64_t maxmem = 256ull * r * n + (1u << 20);
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)pw, len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, saltlen),
		OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
		OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
		OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
		OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem),
		OSSL_PARAM_construct_end(),
	};
	if (EVP_KDF_derive(ctx, out, HASH_LEN, params) == 1)
		ok = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok;
}

int password_hash(const char *pw, size_t len, unsigned log2n, char *out, size_t outlen)
{
	uint8_t salt[SALT_LEN], hash[HASH_LEN];
	char salt_hex[HEX_LEN(SALT_LEN)], hash_hex[HEX_LEN(HASH_LEN)];
	if (log2n < 10 || log2n > 20 || random_bytes(salt, sizeof(salt)) != 0)
		return -1;
	if (scrypt(pw, len, salt, sizeof(salt), 1ull << log2n, SCRYPT_R, SCRYPT_P, hash) != 0)
		return -1;
	hex_encode(salt, sizeof(salt), salt_hex);
	hex_encode(hash, sizeof(hash), hash_hex);
	int n = snprintf(out, outlen, "scrypt$%u$%u$%u$%s$%s", log2n, SCRYPT_R, SCRYPT_P, salt_hex,
			 hash_hex);
	OPENSSL_cleanse(hash, sizeof(hash));
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

/* Splits "a$b$c" into at most max fields in place. */
static size_t split_dollar(char *s, char **fields, size_t max)
{
	size_t n = 0;
	for (char *p = s; n < max;) {
		fields[n++] = p;
		char *d = strchr(p, '$');
		if (d == NULL)
			break;
		*d = '\0';
		p = d + 1;
	}
	return n;
}

int password_verify(const char *pw, size_t len, const char *stored)
{
	char copy[256];
	char *f[7];
	unsigned long long log2n, r, p;
	uint8_t salt[SALT_LEN], want[HASH_LEN], got[HASH_LEN];
	if (strlen(stored) >= sizeof(copy))
		return -1;
	memcpy(copy, stored, strlen(stored) + 1);
	if (split_dollar(copy, f, 7) != 6 || strcmp(f[0], "scrypt") != 0 ||
	    parse_ull(f[1], strlen(f[1]), 10, 20, &log2n) != 0 ||
	    parse_ull(f[2], strlen(f[2]), 1, 32, &r) != 0 ||
	    parse_ull(f[3], strlen(f[3]), 1, 16, &p) != 0 ||
	    hex_decode(f[4], strlen(f[4]), salt, sizeof(salt)) != 0 ||
	    hex_decode(f[5], strlen(f[5]), want, sizeof(want)) != 0)
		return -1;
	if (scrypt(pw, len, salt, sizeof(salt), 1ull << log2n, (uint32_t)r, (uint32_t)p, got) != 0)
		return -1;
	int match = CRYPTO_memcmp(got, want, HASH_LEN) == 0;
	OPENSSL_cleanse(got, sizeof(got));
	return match;
}

json_t *user_to_json(const struct user *u)
{
	return json_pack("{s:s, s:s, s:s, s:b, s:I}", "id", u->id, "email", u->email, "name",
			 u->name, "is_admin", u->is_admin, "created", (json_int_t)u->created);
}

/* Copies a stored user record into u; STORE_CORRUPT when fields are missing. */
static int user_from_json(const json_t *j, struct user *u, char *pw, size_t pwlen)
{
	const char *id, *email, *name, *hash;
	int admin;
	json_int_t created;
	if (json_unpack((json_t *)j, "{s:s, s:s, s:s, s:b, s:I, s:s}", "id", &id, "email", &email,
			"name", &name, "is_admin", &admin, "created", &created, "pw", &hash) != 0)
		return STORE_CORRUPT;
	if (strlen(id) >= sizeof(u->id) || strlen(email) >= sizeof(u->email) ||
	    strlen(name) >= sizeof(u->name) || (pw != NULL && strlen(hash) >= pwlen))
		return STORE_CORRUPT;
	memcpy(u->id, id, strlen(id) + 1);
	memcpy(u->email, email, strlen(email) + 1);
	memcpy(u->name, name, strlen(name) + 1);
	u->is_admin = admin != 0;
	u->disabled = json_is_true(json_object_get(j, "disabled"));
	u->created = created;
	if (pw != NULL)
		memcpy(pw, hash, strlen(hash) + 1);
	return STORE_OK;
}

static int load_user(struct store_txn *txn, const char *id, struct user *u, char *pw, size_t pwlen)
{
	json_t *j;
	int rc = store_get_json(txn, DB_USERS, id, strlen(id), &j);
	if (rc != STORE_OK)
		return rc;
	rc = user_from_json(j, u, pw, pwlen);
	json_decref(j);
	return rc;
}

/* The user behind a session or key: a disabled account is not there for them. */
static int load_active_user(struct store_txn *txn, const char *id, struct user *u)
{
	int rc = load_user(txn, id, u, NULL, 0);
	return rc == STORE_OK && u->disabled ? STORE_NOTFOUND : rc;
}

struct create_ctx {
	const struct config *cfg;
	const char *email, *name, *hash;
	int64_t now;
	struct user *out;
	bool closed;
};

/* Whether the email is free and sign-up open: before the password is hashed, and again in the write. */
static int may_create(struct store_txn *txn, struct create_ctx *c, size_t *users)
{
	struct store_val v;
	int rc = store_get(txn, DB_USERS_BY_EMAIL, c->email, strlen(c->email), &v);
	if (rc == STORE_OK)
		return STORE_EXISTS;
	if (rc != STORE_NOTFOUND)
		return rc;
	if ((rc = store_count(txn, DB_USERS, users)) != STORE_OK)
		return rc;
	if (*users > 0 && !c->cfg->allow_signup) {
		c->closed = true;
		return STORE_STOP;
	}
	return STORE_OK;
}

static int precheck_txn(struct store_txn *txn, void *arg)
{
	size_t users;
	return may_create(txn, arg, &users);
}

static int create_txn(struct store_txn *txn, void *arg)
{
	struct create_ctx *c = arg;
	struct user *u = c->out;
	size_t users;
	int rc = may_create(txn, c, &users);
	if (rc != STORE_OK)
		return rc;
	if (random_hex_id("user-", 12, u->id, sizeof(u->id)) != 0)
		return STORE_ERROR;
	snprintf(u->email, sizeof(u->email), "%s", c->email);
	snprintf(u->name, sizeof(u->name), "%s", c->name);
	u->is_admin = users == 0;
	u->created = c->now;
	json_t *j = user_to_json(u);
	if (j == NULL || json_object_set_new(j, "pw", json_string(c->hash)) != 0) {
		json_decref(j);
		return STORE_ERROR;
	}
	rc = store_put_json(txn, DB_USERS, u->id, strlen(u->id), j, STORE_NOOVERWRITE);
	json_decref(j);
	if (rc == STORE_OK)
		rc = store_put(txn, DB_USERS_BY_EMAIL, c->email, strlen(c->email), u->id,
			       strlen(u->id), STORE_NOOVERWRITE);
	return rc;
}

enum acct_err account_create(struct store *s, const struct config *cfg, const char *email,
			     const char *name, const char *pw, size_t pwlen, struct user *out)
{
	char hash[256];
	struct create_ctx c = { cfg, email, name, hash, (int64_t)time(NULL), out, false };
	/* A taken email or closed sign-up is answered at once: scrypt is only for accounts that will exist. */
	int rc = store_view(s, precheck_txn, &c);
	if (c.closed)
		return ACCT_CLOSED;
	if (rc != STORE_OK)
		return from_store(rc);
	if (password_hash(pw, pwlen, cfg->scrypt_log2_n, hash, sizeof(hash)) != 0)
		return ACCT_ERROR;
	rc = store_update(s, create_txn, &c);
	if (c.closed)
		return ACCT_CLOSED;
	return from_store(rc);
}

struct auth_ctx {
	const char *email;
	const char *id; /* when looking up by id */
	struct user *u;
	char hash[256];
};

static int auth_txn(struct store_txn *txn, void *arg)
{
	struct auth_ctx *a = arg;
	struct store_val v;
	char id[48];
	if (a->id == NULL) {
		int rc = store_get(txn, DB_USERS_BY_EMAIL, a->email, strlen(a->email), &v);
		if (rc != STORE_OK)
			return rc;
		if (v.len >= sizeof(id))
			return STORE_CORRUPT;
		memcpy(id, v.data, v.len);
		id[v.len] = '\0';
	} else {
		snprintf(id, sizeof(id), "%s", a->id);
	}
	return load_user(txn, id, a->u, a->hash, sizeof(a->hash));
}

enum acct_err account_authenticate(struct store *s, const struct config *cfg, const char *email,
				   const char *pw, size_t pwlen, struct user *out)
{
	struct auth_ctx a = { .email = email, .u = out };
	int rc = store_view(s, auth_txn, &a);
	if (rc == STORE_NOTFOUND) {
		/* Spend the same work as a real check so response time does not reveal accounts. */
		char dummy[160];
		snprintf(dummy, sizeof(dummy), "scrypt$%u$8$1$%032d$%064d", cfg->scrypt_log2_n, 0, 0);
		(void)password_verify(pw, pwlen, dummy);
		return ACCT_BAD_CREDENTIALS;
	}
	if (rc != STORE_OK)
		return from_store(rc);
	int ok = password_verify(pw, pwlen, a.hash);
	OPENSSL_cleanse(a.hash, sizeof(a.hash));
	if (ok < 0)
		return ACCT_ERROR;
	if (ok && out->disabled)
		return ACCT_DISABLED;
	return ok ? ACCT_OK : ACCT_BAD_CREDENTIALS;
}

struct disable_ctx {
	const char *email;
	bool disabled;
	char id[48];
};

static int disable_txn(struct store_txn *txn, void *arg)
{
	struct disable_ctx *d = arg;
	struct store_val v;
	int rc = store_get(txn, DB_USERS_BY_EMAIL, d->email, strlen(d->email), &v);
	if (rc != STORE_OK)
		return rc;
	if (v.len >= sizeof(d->id))
		return STORE_CORRUPT;
	memcpy(d->id, v.data, v.len);
	d->id[v.len] = '\0';
	json_t *j;
	if ((rc = store_get_json(txn, DB_USERS, d->id, strlen(d->id), &j)) != STORE_OK)
		return rc;
	json_object_set_new(j, "disabled", json_boolean(d->disabled));
	rc = store_put_json(txn, DB_USERS, d->id, strlen(d->id), j, 0);
	json_decref(j);
	return rc;
}

enum acct_err account_set_disabled(struct store *s, const char *email, bool disabled)
{
	char norm[256];
	if (email_normalize(email, strlen(email), norm, sizeof(norm)) != 0)
		return ACCT_NOTFOUND;
	struct disable_ctx d = { .email = norm, .disabled = disabled };
	int rc = store_update(s, disable_txn, &d);
	if (rc != STORE_OK)
		return from_store(rc);
	return disabled ? session_revoke_all(s, d.id) : ACCT_OK;
}

struct each_ctx {
	int (*fn)(const struct user *u, void *arg);
	void *arg;
};

static int each_user(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct each_ctx *e = arg;
	(void)key;
	json_t *j = json_loadb(val->data, val->len, 0, NULL);
	struct user u;
	int rc = j != NULL ? user_from_json(j, &u, NULL, 0) : STORE_CORRUPT;
	json_decref(j);
	if (rc != STORE_OK)
		return rc;
	return e->fn(&u, e->arg) != 0 ? STORE_STOP : STORE_OK;
}

static int each_txn(struct store_txn *txn, void *arg)
{
	return store_scan(txn, DB_USERS, NULL, 0, NULL, 0, false, false, each_user, arg);
}

enum acct_err account_each(struct store *s, int (*fn)(const struct user *u, void *arg), void *arg)
{
	struct each_ctx e = { fn, arg };
	int rc = store_view(s, each_txn, &e);
	return rc == STORE_STOP ? ACCT_OK : from_store(rc);
}

enum acct_err account_get(struct store *s, const char *user_id, struct user *out)
{
	struct auth_ctx a = { .id = user_id, .u = out };
	int rc = store_view(s, auth_txn, &a);
	OPENSSL_cleanse(a.hash, sizeof(a.hash));
	return from_store(rc);
}

/* ---- sessions ---- */

struct session_ctx {
	const char *user_id;
	uint8_t hash[32];
	int64_t created, expires, now;
	struct user *u;
};

static void session_index_key(struct store_key *k, const char *user_id, int64_t created,
			      const uint8_t hash[32])
{
	store_key_init(k);
	store_key_str(k, user_id);
	store_key_u64(k, (uint64_t)created);
	store_key_bytes(k, hash, 32);
}

static int session_create_txn(struct store_txn *txn, void *arg)
{
	struct session_ctx *c = arg;
	json_t *j = json_pack("{s:s, s:I, s:I}", "user", c->user_id, "created",
			      (json_int_t)c->created, "expires", (json_int_t)c->expires);
	if (j == NULL)
		return STORE_ERROR;
	int rc = store_put_json(txn, DB_SESSIONS, c->hash, 32, j, STORE_NOOVERWRITE);
	json_decref(j);
	if (rc != STORE_OK)
		return rc;
	struct store_key k;
	session_index_key(&k, c->user_id, c->created, c->hash);
	if (k.overflow)
		return STORE_ERROR;
	return store_put(txn, DB_SESSIONS_BY_USER, k.b, k.len, "", 0, 0);
}

enum acct_err session_create(struct store *s, const struct config *cfg, const char *user_id,
			     int64_t now, char *token, int64_t *expires)
{
	uint8_t raw[32];
	struct session_ctx c = { .user_id = user_id, .created = now };
	c.expires = now + (int64_t)cfg->session_ttl_days * 86400;
	if (random_bytes(raw, sizeof(raw)) != 0)
		return ACCT_ERROR;
	b64url_encode(raw, sizeof(raw), token);
	OPENSSL_cleanse(raw, sizeof(raw));
	sha256(token, strlen(token), c.hash);
	int rc = store_update(s, session_create_txn, &c);
	*expires = c.expires;
	return from_store(rc);
}

static int session_lookup_txn(struct store_txn *txn, void *arg)
{
	struct session_ctx *c = arg;
	json_t *j;
	int rc = store_get_json(txn, DB_SESSIONS, c->hash, 32, &j);
	if (rc != STORE_OK)
		return rc;
	const char *user;
	json_int_t expires;
	if (json_unpack(j, "{s:s, s:I}", "user", &user, "expires", &expires) != 0) {
		json_decref(j);
		return STORE_CORRUPT;
	}
	if (expires <= c->now) {
		json_decref(j);
		return STORE_NOTFOUND;
	}
	rc = load_active_user(txn, user, c->u);
	json_decref(j);
	return rc;
}

static bool token_shape_ok(const char *t, size_t want_len)
{
	if (strlen(t) != want_len)
		return false;
	for (size_t i = 0; i < want_len; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
	}
	return true;
}

enum acct_err session_lookup(struct store *s, const char *token, int64_t now, struct user *out,
			     uint8_t hash[32])
{
	if (!token_shape_ok(token, SESSION_TOKEN_LEN))
		return ACCT_NOTFOUND;
	struct session_ctx c = { .now = now, .u = out };
	sha256(token, strlen(token), c.hash);
	int rc = store_view(s, session_lookup_txn, &c);
	if (rc == STORE_OK)
		memcpy(hash, c.hash, 32);
	return from_store(rc);
}

/* Deletes one session and its index entry. */
static int session_delete(struct store_txn *txn, const uint8_t hash[32])
{
	json_t *j;
	int rc = store_get_json(txn, DB_SESSIONS, hash, 32, &j);
	if (rc != STORE_OK)
		return rc;
	const char *user;
	json_int_t created;
	if (json_unpack(j, "{s:s, s:I}", "user", &user, "created", &created) == 0) {
		struct store_key k;
		session_index_key(&k, user, created, hash);
		if (!k.overflow) {
			rc = store_del(txn, DB_SESSIONS_BY_USER, k.b, k.len);
			if (rc == STORE_NOTFOUND)
				rc = STORE_OK;
		}
	}
	json_decref(j);
	if (rc != STORE_OK)
		return rc;
	return store_del(txn, DB_SESSIONS, hash, 32);
}

static int session_revoke_txn(struct store_txn *txn, void *arg)
{
	return session_delete(txn, arg);
}

enum acct_err session_revoke(struct store *s, const uint8_t hash[32])
{
	int rc = store_update(s, session_revoke_txn, (void *)hash);
	return rc == STORE_NOTFOUND ? ACCT_OK : from_store(rc);
}

#define BATCH 128

struct hash_batch {
	const char *user_id;
	int64_t now;
	size_t n;
	uint8_t hashes[BATCH][32];
};

static int collect_user_session(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct hash_batch *b = arg;
	if (key->len < 32)
		return STORE_CORRUPT;
	memcpy(b->hashes[b->n], (const uint8_t *)key->data + key->len - 32, 32);
	return ++b->n == BATCH ? STORE_STOP : STORE_OK;
}

static int revoke_all_txn(struct store_txn *txn, void *arg)
{
	struct hash_batch *b = arg;
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, b->user_id);
	if (prefix.overflow)
		return STORE_ERROR;
	b->n = 0;
	int rc = store_scan(txn, DB_SESSIONS_BY_USER, prefix.b, prefix.len, NULL, 0, false, false,
			    collect_user_session, b);
	for (size_t i = 0; rc == STORE_OK && i < b->n; i++) {
		rc = session_delete(txn, b->hashes[i]);
		if (rc == STORE_NOTFOUND) {
			/* An index entry whose session is gone: drop the entry itself. */
			rc = STORE_OK;
		}
	}
	return rc;
}

enum acct_err session_revoke_all(struct store *s, const char *user_id)
{
	struct hash_batch *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return ACCT_ERROR;
	b->user_id = user_id;
	int rc;
	do
		rc = store_update(s, revoke_all_txn, b);
	while (rc == STORE_OK && b->n == BATCH);
	free(b);
	return from_store(rc);
}

static int collect_expired(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct hash_batch *b = arg;
	json_t *j = json_loadb(val->data, val->len, 0, NULL);
	json_int_t expires = 0;
	bool dead = j == NULL || json_unpack(j, "{s:I}", "expires", &expires) != 0 ||
		    expires <= b->now;
	json_decref(j);
	if (dead && key->len == 32) {
		memcpy(b->hashes[b->n], key->data, 32);
		if (++b->n == BATCH)
			return STORE_STOP;
	}
	return STORE_OK;
}

static int purge_sessions_txn(struct store_txn *txn, void *arg)
{
	struct hash_batch *b = arg;
	b->n = 0;
	int rc = store_scan(txn, DB_SESSIONS, "", 0, NULL, 0, false, false, collect_expired, b);
	for (size_t i = 0; rc == STORE_OK && i < b->n; i++)
		rc = session_delete(txn, b->hashes[i]);
	return rc;
}

enum acct_err session_purge_expired(struct store *s, int64_t now, unsigned *purged)
{
	struct hash_batch *b = calloc(1, sizeof(*b));
	if (b == NULL)
		return ACCT_ERROR;
	b->now = now;
	*purged = 0;
	int rc;
	do {
		rc = store_update(s, purge_sessions_txn, b);
		*purged += (unsigned)b->n;
	} while (rc == STORE_OK && b->n == BATCH);
	free(b);
	return from_store(rc);
}

/* ---- API keys ---- */

unsigned key_scope_named(const char *name)
{
	if (strcmp(name, "images") == 0)
		return KEY_SCOPE_IMAGES;
	if (strcmp(name, "account") == 0)
		return KEY_SCOPE_ACCOUNT;
	return 0;
}

json_t *key_scopes_json(unsigned scopes)
{
	json_t *a = json_array();
	if (scopes & KEY_SCOPE_IMAGES)
		json_array_append_new(a, json_string("images"));
	if (scopes & KEY_SCOPE_ACCOUNT)
		json_array_append_new(a, json_string("account"));
	return a;
}

/* A stored key's scopes: images alone when it has none (keys made before scopes). */
static unsigned scopes_from_json(const json_t *a)
{
	unsigned s = 0;
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) s |= json_is_string(v) ? key_scope_named(json_string_value(v)) : 0;
	return s != 0 ? s : KEY_SCOPE_IMAGES;
}

struct apikey_ctx {
	const struct config *cfg;
	const char *user_id, *name, *key_id;
	unsigned scopes;
	int64_t now;
	uint8_t hash[32];
	size_t count;
	json_t *items;
	struct store_txn *txn;
	struct user *u;
};

static int count_keys(const struct store_val *key, const struct store_val *val, void *arg)
{
	((struct apikey_ctx *)arg)->count++;
	return STORE_OK;
}

static void apikey_index_prefix(struct store_key *k, const char *user_id)
{
	store_key_init(k);
	store_key_str(k, user_id);
}

static int apikey_create_txn(struct store_txn *txn, void *arg)
{
	struct apikey_ctx *c = arg;
	struct store_key k;
	apikey_index_prefix(&k, c->user_id);
	size_t plen = k.len;
	c->count = 0;
	int rc = store_scan(txn, DB_API_KEYS_BY_USER, k.b, plen, NULL, 0, false, false, count_keys, c);
	if (rc != STORE_OK)
		return rc;
	if (c->count >= c->cfg->api_keys_per_user)
		return STORE_STOP;
	json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:o}", "id", c->key_id, "user", c->user_id, "name",
			      c->name, "created", (json_int_t)c->now, "scopes", key_scopes_json(c->scopes));
	if (j == NULL)
		return STORE_ERROR;
	rc = store_put_json(txn, DB_API_KEYS, c->hash, 32, j, STORE_NOOVERWRITE);
	json_decref(j);
	if (rc != STORE_OK)
		return rc;
	store_key_u64(&k, (uint64_t)c->now);
	store_key_str(&k, c->key_id);
	if (k.overflow)
		return STORE_ERROR;
	return store_put(txn, DB_API_KEYS_BY_USER, k.b, k.len, c->hash, 32, STORE_NOOVERWRITE);
}

enum acct_err apikey_create(struct store *s, const struct config *cfg, const char *user_id,
			    const char *name, unsigned scopes, int64_t now, char *id, char *key)
{
	uint8_t raw[32];
	if (random_hex_id("key_", 8, id, API_KEY_ID_LEN + 1) != 0 ||
	    random_bytes(raw, sizeof(raw)) != 0)
		return ACCT_ERROR;
	memcpy(key, API_KEY_PREFIX, strlen(API_KEY_PREFIX));
	b64url_encode(raw, sizeof(raw), key + strlen(API_KEY_PREFIX));
	OPENSSL_cleanse(raw, sizeof(raw));
	struct apikey_ctx c = { .cfg = cfg, .user_id = user_id, .name = name, .key_id = id, .scopes = scopes,
				.now = now };
	sha256(key, strlen(key), c.hash);
	int rc = store_update(s, apikey_create_txn, &c);
	if (rc == STORE_STOP)
		return ACCT_LIMIT;
	return from_store(rc);
}

static int list_key(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct apikey_ctx *c = arg;
	json_t *j;
	if (val->len != 32)
		return STORE_CORRUPT;
	/* The index names the key's digest; the record holds what clients may see. */
	int rc = store_get_json(c->txn, DB_API_KEYS, val->data, 32, &j);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	json_t *item = json_pack("{s:O?, s:O?, s:O?, s:o}", "id", json_object_get(j, "id"), "name",
				 json_object_get(j, "name"), "created", json_object_get(j, "created"), "scopes",
				 key_scopes_json(scopes_from_json(json_object_get(j, "scopes"))));
	json_decref(j);
	if (item == NULL || json_array_append_new(c->items, item) != 0)
		return STORE_ERROR;
	return STORE_OK;
}

static int apikey_list_txn(struct store_txn *txn, void *arg)
{
	struct apikey_ctx *c = arg;
	struct store_key k;
	apikey_index_prefix(&k, c->user_id);
	if (k.overflow)
		return STORE_ERROR;
	c->txn = txn;
	return store_scan(txn, DB_API_KEYS_BY_USER, k.b, k.len, NULL, 0, false, true, list_key, c);
}

enum acct_err apikey_list(struct store *s, const char *user_id, json_t **out)
{
	struct apikey_ctx c = { .user_id = user_id, .items = json_array() };
	if (c.items == NULL)
		return ACCT_ERROR;
	int rc = store_view(s, apikey_list_txn, &c);
	if (rc != STORE_OK) {
		json_decref(c.items);
		return from_store(rc);
	}
	*out = json_pack("{s:o}", "items", c.items);
	return *out ? ACCT_OK : ACCT_ERROR;
}

struct revoke_ctx {
	const char *key_id;
	uint8_t index_key[STORE_KEY_MAX];
	size_t index_len;
	uint8_t hash[32];
	bool found;
};

static int find_key_id(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct revoke_ctx *r = arg;
	/* Index key: user id NUL, created be64, key id NUL. */
	size_t idlen = strlen(r->key_id) + 1;
	if (key->len < idlen || val->len != 32 ||
	    memcmp((const char *)key->data + key->len - idlen, r->key_id, idlen) != 0)
		return STORE_OK;
	memcpy(r->index_key, key->data, key->len);
	r->index_len = key->len;
	memcpy(r->hash, val->data, 32);
	r->found = true;
	return STORE_STOP;
}

struct revoke_args {
	const char *user_id;
	struct revoke_ctx r;
};

static int apikey_revoke_txn(struct store_txn *txn, void *arg)
{
	struct revoke_args *a = arg;
	struct store_key k;
	apikey_index_prefix(&k, a->user_id);
	if (k.overflow)
		return STORE_ERROR;
	a->r.found = false;
	int rc = store_scan(txn, DB_API_KEYS_BY_USER, k.b, k.len, NULL, 0, false, false, find_key_id,
			    &a->r);
	if (rc != STORE_OK)
		return rc;
	if (!a->r.found)
		return STORE_NOTFOUND;
	rc = store_del(txn, DB_API_KEYS_BY_USER, a->r.index_key, a->r.index_len);
	if (rc == STORE_OK)
		rc = store_del(txn, DB_API_KEYS, a->r.hash, 32);
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

enum acct_err apikey_revoke(struct store *s, const char *user_id, const char *key_id)
{
	struct revoke_args a = { .user_id = user_id, .r = { .key_id = key_id } };
	return from_store(store_update(s, apikey_revoke_txn, &a));
}

struct key_entry {
	uint8_t index_key[STORE_KEY_MAX];
	size_t index_len;
	uint8_t hash[32];
};

struct revoke_all_keys {
	const char *user_id;
	struct key_entry *keys;
	size_t n, cap;
};

static int collect_key(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct revoke_all_keys *a = arg;
	if (val->len != 32 || key->len > STORE_KEY_MAX)
		return STORE_CORRUPT;
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		struct key_entry *k = realloc(a->keys, cap * sizeof(*k));
		if (k == NULL)
			return STORE_ERROR;
		a->keys = k;
		a->cap = cap;
	}
	memcpy(a->keys[a->n].index_key, key->data, key->len);
	a->keys[a->n].index_len = key->len;
	memcpy(a->keys[a->n].hash, val->data, 32);
	a->n++;
	return STORE_OK;
}

static int apikey_revoke_all_txn(struct store_txn *txn, void *arg)
{
	struct revoke_all_keys *a = arg;
	struct store_key k;
	apikey_index_prefix(&k, a->user_id);
	if (k.overflow)
		return STORE_ERROR;
	a->n = 0;
	int rc = store_scan(txn, DB_API_KEYS_BY_USER, k.b, k.len, NULL, 0, false, false, collect_key, a);
	for (size_t i = 0; rc == STORE_OK && i < a->n; i++) {
		rc = store_del(txn, DB_API_KEYS_BY_USER, a->keys[i].index_key, a->keys[i].index_len);
		if (rc == STORE_OK || rc == STORE_NOTFOUND)
			rc = store_del(txn, DB_API_KEYS, a->keys[i].hash, 32);
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
	}
	return rc;
}

enum acct_err apikey_revoke_all(struct store *s, const char *user_id)
{
	struct revoke_all_keys a = { .user_id = user_id };
	int rc = store_update(s, apikey_revoke_all_txn, &a);
	free(a.keys);
	return from_store(rc);
}

static int apikey_lookup_txn(struct store_txn *txn, void *arg)
{
	struct apikey_ctx *c = arg;
	json_t *j;
	int rc = store_get_json(txn, DB_API_KEYS, c->hash, 32, &j);
	if (rc != STORE_OK)
		return rc;
	const char *user;
	if (json_unpack(j, "{s:s}", "user", &user) != 0)
		rc = STORE_CORRUPT;
	else
		rc = load_active_user(txn, user, c->u);
	c->scopes = scopes_from_json(json_object_get(j, "scopes"));
	json_decref(j);
	return rc;
}

enum acct_err apikey_lookup(struct store *s, const char *key, struct user *out, unsigned *scopes)
{
	size_t plen = strlen(API_KEY_PREFIX);
	if (strncmp(key, API_KEY_PREFIX, plen) != 0 || !token_shape_ok(key + plen, API_KEY_LEN - plen))
		return ACCT_NOTFOUND;
	struct apikey_ctx c = { .u = out };
	sha256(key, strlen(key), c.hash);
	enum acct_err e = from_store(store_view(s, apikey_lookup_txn, &c));
	*scopes = e == ACCT_OK ? c.scopes : 0;
	return e;
}
