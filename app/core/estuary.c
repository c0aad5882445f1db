#include "estuary.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <string.h>

#include "encode.h"

static bool is_lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	}
	return true;
}

bool file_id_valid(const char *s)
{
	return strlen(s) == FILE_ID_LEN && strncmp(s, FILE_ID_PREFIX, 13) == 0 &&
	       is_lower_hex(s + 13, 16);
}

int estuary_parse_id(const char *s, struct composite_id *out)
{
	/* {64 hex}#file_00000000{16 hex}[#thumbnail] */
	size_t len = strlen(s);
	size_t base = 64 + 1 + FILE_ID_LEN;
	if (len != base && len != base + strlen("#thumbnail"))
		return -1;
	if (!is_lower_hex(s, 64) || s[64] != '#')
		return -1;
	char fid[FILE_ID_LEN + 1];
	memcpy(fid, s + 65, FILE_ID_LEN);
	fid[FILE_ID_LEN] = '\0';
	if (!file_id_valid(fid))
		return -1;
	bool thumb = len != base;
	if (thumb && strcmp(s + base, "#thumbnail") != 0)
		return -1;
	memcpy(out->hash, s, 64);
	out->hash[64] = '\0';
	memcpy(out->file_id, fid, FILE_ID_LEN + 1);
	out->thumbnail = thumb;
	return 0;
}

void estuary_format_id(const struct composite_id *cid, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s#%s%s", cid->hash, cid->file_id, cid->thumbnail ? "#thumbnail" : "");
}

int estuary_parse_policy(const char *s, enum estuary_policy *out)
{
	if (strcmp(s, "inline") == 0)
		*out = ESTUARY_INLINE;
	else if (strcmp(s, "download") == 0)
		*out = ESTUARY_DOWNLOAD;
	else
		return -1;
	return 0;
}

const char *estuary_policy_name(enum estuary_policy p)
{
	return p == ESTUARY_DOWNLOAD ? "download" : "inline";
}

int estuary_canonical(const struct estuary_link *l, char *out, size_t outlen)
{
	char id[160];
	estuary_format_id(&l->cid, id, sizeof(id));
	int n = snprintf(out, outlen, "estuary-v1\n%s\n%s\n%lld\n%lld\n%s", ESTUARY_PATH, id,
			 (long long)l->ts, (long long)l->ma, estuary_policy_name(l->policy));
	return n > 0 && (size_t)n < outlen ? n : -1;
}

void estuary_sign_with(const uint8_t key[KEY_LEN], const struct estuary_link *l, char sig[65])
{
	char canon[512];
	uint8_t mac[32];
	unsigned int maclen = sizeof(mac);
	int n = estuary_canonical(l, canon, sizeof(canon));
	if (n < 0 || HMAC(EVP_sha256(), key, KEY_LEN, (const uint8_t *)canon, (size_t)n, mac, &maclen) == NULL) {
		/* Never produce a usable signature by accident. */
		memset(sig, 'x', 64);
		sig[64] = '\0';
		return;
	}
	hex_encode(mac, sizeof(mac), sig);
}

int estuary_url(struct keyring *k, const struct estuary_link *l, char *out, size_t outlen)
{
	uint8_t cur[KEY_LEN], prev[KEY_LEN];
	bool has_prev;
	char sig[65];
	keys_get(k, cur, prev, &has_prev);
	estuary_sign_with(cur, l, sig);
	OPENSSL_cleanse(cur, sizeof(cur));
	OPENSSL_cleanse(prev, sizeof(prev));
	int n = snprintf(out, outlen, "%s?id=%s%%23%s%s&ts=%lld&ma=%lld&p=%s&sig=%s", ESTUARY_PATH,
			 l->cid.hash, l->cid.file_id, l->cid.thumbnail ? "%23thumbnail" : "",
			 (long long)l->ts, (long long)l->ma, estuary_policy_name(l->policy), sig);
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

enum estuary_verdict estuary_check(struct keyring *k, const struct estuary_link *l, const char *sig,
				   int64_t now)
{
	uint8_t cur[KEY_LEN], prev[KEY_LEN], given[32];
	bool has_prev, good = false;
	if (strlen(sig) != 64 || !is_lower_hex(sig, 64) || hex_decode(sig, 64, given, 32) != 0)
		return ESTUARY_BAD_SIGNATURE;
	keys_get(k, cur, prev, &has_prev);
	char want_hex[65];
	uint8_t want[32];
	estuary_sign_with(cur, l, want_hex);
	if (hex_decode(want_hex, 64, want, 32) == 0 && CRYPTO_memcmp(want, given, 32) == 0)
		good = true;
	if (!good && has_prev) {
		estuary_sign_with(prev, l, want_hex);
		if (hex_decode(want_hex, 64, want, 32) == 0 && CRYPTO_memcmp(want, given, 32) == 0)
			good = true;
	}
	OPENSSL_cleanse(cur, sizeof(cur));
	OPENSSL_cleanse(prev, sizeof(prev));
	if (!good)
		return ESTUARY_BAD_SIGNATURE;
	if (l->ts > now + ESTUARY_SKEW_S)
		return ESTUARY_NOT_YET;
	if (now > l->ts + l->ma)
		return ESTUARY_EXPIRED;
	return ESTUARY_OK;
}
