#include "conduit.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

#include "encode.h"
#include "ratelimit.h"
#include "textparse.h"

static void derive(const uint8_t key[KEY_LEN], uint8_t out[32])
{
	unsigned int len = 32;
	HMAC(EVP_sha256(), key, KEY_LEN, (const uint8_t *)"conduit-v1", 10, out, &len);
}

static void sign(const uint8_t key[KEY_LEN], const char *user, const uint8_t cred[32], long long exp,
		 const char *nonce, uint8_t mac[32])
{
	uint8_t k[32];
	char text[320], credhex[HEX_LEN(32)];
	unsigned int len = 32;
	derive(key, k);
	hex_encode(cred, 32, credhex);
	int n = snprintf(text, sizeof(text), "conduit-v2\n%s\n%s\n%lld\n%s", user, credhex, exp, nonce);
	if (n < 0 || (size_t)n >= sizeof(text))
		n = 0;
	HMAC(EVP_sha256(), k, sizeof(k), (const uint8_t *)text, (size_t)n, mac, &len);
	OPENSSL_cleanse(k, sizeof(k));
}

int conduit_issue(struct keyring *k, const char *user, const uint8_t cred[32], int64_t now, char *out,
		  size_t outlen)
{
	uint8_t cur[KEY_LEN], prev[KEY_LEN], raw[8], mac[32];
	char nonce[HEX_LEN(8)], sig[HEX_LEN(32)];
	bool has_prev;
	if (strlen(user) > 64 || random_bytes(raw, sizeof(raw)) != 0)
		return -1;
	hex_encode(raw, sizeof(raw), nonce);
	keys_get(k, cur, prev, &has_prev);
	sign(cur, user, cred, (long long)(now + CONDUIT_TTL_S), nonce, mac);
	OPENSSL_cleanse(cur, sizeof(cur));
	OPENSSL_cleanse(prev, sizeof(prev));
	hex_encode(mac, sizeof(mac), sig);
	int n = snprintf(out, outlen, "%s.%lld.%s.%s", user, (long long)(now + CONDUIT_TTL_S), nonce, sig);
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

bool conduit_check(struct keyring *k, const char *token, const char *user, const uint8_t cred[32],
		   int64_t now, char *nonce, int64_t *expires)
{
	char copy[CONDUIT_MAX];
	if (strlen(token) >= sizeof(copy))
		return false;
	memcpy(copy, token, strlen(token) + 1);
	char *f[4];
	char *p = copy;
	for (int i = 0; i < 4; i++) {
		f[i] = p;
		char *dot = strchr(p, '.');
		if (i < 3) {
			if (dot == NULL)
				return false;
			*dot = '\0';
			p = dot + 1;
		} else if (dot != NULL) {
			return false;
		}
	}
	unsigned long long exp;
	uint8_t given[32], want[32], cur[KEY_LEN], prev[KEY_LEN];
	bool has_prev, good = false;
	if (strcmp(f[0], user) != 0 || parse_ull(f[1], strlen(f[1]), 0, 1ull << 40, &exp) != 0 ||
	    strlen(f[2]) != CONDUIT_NONCE_LEN || hex_decode(f[3], strlen(f[3]), given, 32) != 0)
		return false;
	if ((int64_t)exp < now || (int64_t)exp > now + CONDUIT_TTL_S + 5)
		return false;
	keys_get(k, cur, prev, &has_prev);
	sign(cur, f[0], cred, (long long)exp, f[2], want);
	good = CRYPTO_memcmp(want, given, 32) == 0;
	if (!good && has_prev) {
		sign(prev, f[0], cred, (long long)exp, f[2], want);
		good = CRYPTO_memcmp(want, given, 32) == 0;
	}
	OPENSSL_cleanse(cur, sizeof(cur));
	OPENSSL_cleanse(prev, sizeof(prev));
	if (good && nonce != NULL)
		memcpy(nonce, f[2], CONDUIT_NONCE_LEN + 1);
	if (good && expires != NULL)
		*expires = (int64_t)exp;
	return good;
}

int conduit_spend(struct store_txn *txn, const char *nonce, int64_t expires, int64_t now)
{
	char name[32];
	snprintf(name, sizeof(name), "conduit:%s", nonce);
	/* Kept a little past the token's own expiry (the check allows 5 s of skew); purged with rate windows. */
	return ratelimit_once_txn(txn, name, expires + 10, now);
}
