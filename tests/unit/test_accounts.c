#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "tap.h"

struct email_case {
	const char *in, *want;
};

int main(void)
{
	static const struct email_case emails[] = {
		{ "Alice@Example.COM", "alice@example.com" },
		{ "  bob@example.org ", "bob@example.org" },
		{ "a.b+tag@sub.example.co", "a.b+tag@sub.example.co" },
		{ "caf\xc3\xa9@example.fr", "caf\xc3\xa9@example.fr" },
		{ "no-at-sign", NULL },
		{ "two@@example.com", NULL },
		{ "a@b@example.com", NULL },
		{ "@example.com", NULL },
		{ "alice@", NULL },
		{ "alice@localhost", NULL },
		{ "alice@.example.com", NULL },
		{ "alice@example..com", NULL },
		{ "alice@example.com.", NULL },
		{ "al ice@example.com", NULL },
		{ "alice@exa mple.com", NULL },
		{ "alice@example.com\r\nBcc: x@y.z", NULL },
		{ "<alice>@example.com", NULL },
		{ "\xc3@example.com", NULL },
	};
	for (size_t i = 0; i < sizeof(emails) / sizeof(emails[0]); i++) {
		char out[256];
		int rc = email_normalize(emails[i].in, strlen(emails[i].in), out, sizeof(out));
		if (emails[i].want)
			ok(rc == 0 && strcmp(out, emails[i].want) == 0, "email '%s' -> '%s'", emails[i].in, out);
		else
			ok(rc == -1, "email '%s' refused", emails[i].in);
	}
	char longlocal[300];
	memset(longlocal, 'a', 65);
	snprintf(longlocal + 65, sizeof(longlocal) - 65, "@example.com");
	char out[256];
	ok(email_normalize(longlocal, strlen(longlocal), out, sizeof(out)) == -1,
	   "a local part over 64 bytes is refused");

	char h1[256], h2[256];
	ok(password_hash("correct horse", 13, 10, h1, sizeof(h1)) == 0, "hash a password");
	ok(strncmp(h1, "scrypt$10$8$1$", 14) == 0 && strlen(h1) == 14 + 32 + 1 + 64, "stored form: %s", h1);
	ok(password_verify("correct horse", 13, h1) == 1, "the right password verifies");
	ok(password_verify("correct horsf", 13, h1) == 0, "a wrong password does not");
	ok(password_verify("correct hors", 12, h1) == 0, "a prefix does not");
	password_hash("correct horse", 13, 10, h2, sizeof(h2));
	ok(strcmp(h1, h2) != 0, "salts differ between two hashes of one password");
	static const char *const malformed[] = {
		"", "scrypt", "scrypt$10$8$1$00$00", "bcrypt$10$8$1$" "00000000000000000000000000000000$"
		"0000000000000000000000000000000000000000000000000000000000000000",
		"scrypt$99$8$1$00000000000000000000000000000000$"
		"0000000000000000000000000000000000000000000000000000000000000000",
		"scrypt$10$8$1$zz000000000000000000000000000000$"
		"0000000000000000000000000000000000000000000000000000000000000000",
		"scrypt$10$8$1$00000000000000000000000000000000$"
		"0000000000000000000000000000000000000000000000000000000000000000$extra",
	};
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++)
		ok(password_verify("x", 1, malformed[i]) == -1, "malformed stored hash %zu refused", i);

	/* Accounts, sessions and API keys against a real store. */
	char dir[256], err[256];
	tap_tmpdir(dir, sizeof(dir));
	struct store *s;
	struct store_opts o = { .map_bytes = 4 << 20, .map_max_bytes = 64 << 20, .max_readers = 126 };
	ok(store_open(&s, dir, &o, err, sizeof(err)) == STORE_OK, "open store");
	struct config cfg;
	config_defaults(&cfg);
	cfg.scrypt_log2_n = 10;
	cfg.api_keys_per_user = 3;
	struct user a, b, got;
	ok(account_create(s, &cfg, "a@example.com", "A", "password-a", 10, &a) == ACCT_OK && a.is_admin,
	   "the first account is admin");
	ok(account_create(s, &cfg, "b@example.com", "B", "password-b", 10, &b) == ACCT_OK && !b.is_admin,
	   "the second is not");
	ok(strncmp(a.id, "user-", 5) == 0 && strlen(a.id) == 29 && strcmp(a.id, b.id) != 0, "user ids");
	ok(account_create(s, &cfg, "a@example.com", "A2", "password-x", 10, &got) == ACCT_EXISTS,
	   "a taken email is refused");
	ok(account_authenticate(s, &cfg, "a@example.com", "password-a", 10, &got) == ACCT_OK &&
	   strcmp(got.id, a.id) == 0, "log in with the right password");
	ok(account_authenticate(s, &cfg, "a@example.com", "password-b", 10, &got) == ACCT_BAD_CREDENTIALS,
	   "wrong password");
	ok(account_authenticate(s, &cfg, "nobody@example.com", "password-a", 10, &got) ==
	   ACCT_BAD_CREDENTIALS, "unknown email looks the same as a wrong password");
	cfg.allow_signup = false;
	ok(account_create(s, &cfg, "c@example.com", "C", "password-c", 10, &got) == ACCT_CLOSED,
	   "sign-up can be closed");
	cfg.allow_signup = true;

	char tok[SESSION_TOKEN_LEN + 1], tok2[SESSION_TOKEN_LEN + 1];
	uint8_t hash[32];
	int64_t exp;
	ok(session_create(s, &cfg, a.id, 1000, tok, &exp) == ACCT_OK && exp == 1000 + 30 * 86400,
	   "session created for 30 days");
	ok(strlen(tok) == SESSION_TOKEN_LEN, "token is 43 base64url characters");
	ok(session_lookup(s, tok, 2000, &got, hash) == ACCT_OK && strcmp(got.id, a.id) == 0,
	   "token resolves to its user");
	ok(session_lookup(s, tok, exp, &got, hash) == ACCT_NOTFOUND, "an expired session is refused");
	char bad[SESSION_TOKEN_LEN + 1];
	memcpy(bad, tok, sizeof(bad));
	bad[0] = bad[0] == 'A' ? 'B' : 'A';
	ok(session_lookup(s, bad, 2000, &got, hash) == ACCT_NOTFOUND, "a changed token is refused");
	ok(session_lookup(s, "short", 2000, &got, hash) == ACCT_NOTFOUND, "a malformed token is refused");
	session_create(s, &cfg, a.id, 1001, tok2, &exp);
	session_lookup(s, tok, 2000, &got, hash);
	ok(session_revoke(s, hash) == ACCT_OK && session_lookup(s, tok, 2000, &got, hash) == ACCT_NOTFOUND,
	   "a revoked session is gone");
	ok(session_lookup(s, tok2, 2000, &got, hash) == ACCT_OK, "the user's other session lives");
	ok(session_revoke_all(s, a.id) == ACCT_OK &&
	   session_lookup(s, tok2, 2000, &got, hash) == ACCT_NOTFOUND, "revoke all ends every session");
	unsigned purged = 0;
	session_create(s, &cfg, b.id, 5, tok, &exp);
	ok(session_purge_expired(s, exp + 1, &purged) == ACCT_OK && purged == 1, "purge removes expired (%u)",
	   purged);

	unsigned scopes = 0;
	char kid[API_KEY_ID_LEN + 1], key[API_KEY_LEN + 1];
	ok(apikey_create(s, &cfg, a.id, "ci", KEY_SCOPE_IMAGES, 100, kid, key) == ACCT_OK, "create an API key");
	ok(strncmp(key, "sk-img-", 7) == 0 && strlen(key) == API_KEY_LEN && strlen(kid) == API_KEY_ID_LEN,
	   "key %s id %s", key, kid);
	ok(apikey_lookup(s, key, &got, &scopes) == ACCT_OK && strcmp(got.id, a.id) == 0, "the key identifies its user");
	ok(scopes == KEY_SCOPE_IMAGES, "an images key has that scope only");
	ok(apikey_revoke(s, b.id, kid) == ACCT_NOTFOUND, "another user cannot revoke it");
	ok(apikey_lookup(s, key, &got, &scopes) == ACCT_OK, "and it still works");
	json_t *list;
	ok(apikey_list(s, a.id, &list) == ACCT_OK && json_array_size(json_object_get(list, "items")) == 1,
	   "list shows one key");
	const char *dumped = json_dumps(list, 0);
	ok(dumped && strstr(dumped, key + 7) == NULL, "the list never contains the secret");
	free((void *)dumped);
	json_decref(list);
	ok(apikey_list(s, b.id, &list) == ACCT_OK && json_array_size(json_object_get(list, "items")) == 0,
	   "another user's list is empty");
	json_decref(list);
	char k2[API_KEY_ID_LEN + 1], s2[API_KEY_LEN + 1];
	apikey_create(s, &cfg, a.id, "2", KEY_SCOPE_IMAGES, 101, k2, s2);
	apikey_create(s, &cfg, a.id, "3", KEY_SCOPE_IMAGES, 102, k2, s2);
	ok(apikey_create(s, &cfg, a.id, "4", KEY_SCOPE_IMAGES, 103, k2, s2) == ACCT_LIMIT, "the per-user key limit holds");
	ok(apikey_revoke(s, a.id, kid) == ACCT_OK && apikey_lookup(s, key, &got, &scopes) == ACCT_NOTFOUND,
	   "a revoked key stops working");
	ok(apikey_lookup(s, "sk-img-short", &got, &scopes) == ACCT_NOTFOUND, "malformed key refused");
	char k3[API_KEY_ID_LEN + 1], s3[API_KEY_LEN + 1];
	ok(apikey_create(s, &cfg, a.id, "acct", KEY_SCOPES_ALL, 104, k3, s3) == ACCT_OK &&
	   apikey_lookup(s, s3, &got, &scopes) == ACCT_OK && scopes == KEY_SCOPES_ALL,
	   "an account key carries both scopes");
	ok(apikey_list(s, a.id, &list) == ACCT_OK &&
	   json_array_size(json_object_get(json_array_get(json_object_get(list, "items"), 0), "scopes")) == 2,
	   "the list shows a key's scopes");
	json_decref(list);
	char s4[API_KEY_LEN + 1];
	ok(apikey_create(s, &cfg, b.id, "bob", KEY_SCOPE_IMAGES, 105, k3, s4) == ACCT_OK, "bob's key");
	ok(apikey_revoke_all(s, a.id) == ACCT_OK && apikey_lookup(s, s3, &got, &scopes) == ACCT_NOTFOUND,
	   "revoking all of a user's keys ends each");
	ok(apikey_list(s, a.id, &list) == ACCT_OK && json_array_size(json_object_get(list, "items")) == 0,
	   "and lists none");
	json_decref(list);
	ok(apikey_lookup(s, s4, &got, &scopes) == ACCT_OK, "another user's key lives");
	store_close(s);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleanup");
	return tap_done();
}
