/*
 * estuary: short-lived HMAC-signed URLs for file bytes.
 *
 * A link names a composite id ("{sha256 hex}#file_{id}" for the full image,
 * "...#thumbnail" for the thumbnail, where the hash is of the bytes the URL
 * serves), an issue time ts, a max age ma and a policy p (inline or
 * download). Its sig is hex HMAC-SHA256 over the canonical string
 *     "estuary-v1\n" path "\n" id "\n" ts "\n" ma "\n" p
 * built from parsed fields in this fixed order, never from the URL text, so
 * reordering, repeating or re-encoding parameters cannot forge a signature.
 * Signatures are compared with CRYPTO_memcmp against the current and the
 * previous key.
 *
 * A link is good from ts - 60 s (clock skew) to ts + ma; ma is at most 7
 * days. ts is bucketed by the caller so that one file read twice within a
 * bucket gets the same URL and caches hit.
 */
#ifndef IMAGES_ESTUARY_H
#define IMAGES_ESTUARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keys.h"

#define ESTUARY_PATH "/backend-api/estuary/content"
#define ESTUARY_MAX_AGE_LIMIT (7 * 86400)
#define ESTUARY_SKEW_S 60
#define FILE_ID_PREFIX "file_00000000"
#define FILE_ID_LEN (13 + 16)

enum estuary_policy { ESTUARY_INLINE = 0, ESTUARY_DOWNLOAD = 1 };

enum estuary_verdict {
	ESTUARY_OK = 0,
	ESTUARY_BAD_SIGNATURE, /* no key signed these fields (403) */
	ESTUARY_EXPIRED,       /* now > ts + ma (403) */
	ESTUARY_NOT_YET,       /* ts is further in the future than the allowed skew (403) */
};

struct composite_id {
	char hash[65];              /* lowercase hex SHA-256 of the served bytes */
	char file_id[FILE_ID_LEN + 1];
	bool thumbnail;
};

struct estuary_link {
	struct composite_id cid;
	int64_t ts;
	int64_t ma;
	enum estuary_policy policy;
};

/* True when s is "file_00000000" followed by 16 lowercase hex digits. */
bool file_id_valid(const char *s);

/* Parses a composite id. 0, or -1 when it is not exactly one of the two forms. */
int estuary_parse_id(const char *s, struct composite_id *out);
/* Writes the composite id's text into out. */
void estuary_format_id(const struct composite_id *cid, char *out, size_t outlen);
/* Parses "inline" / "download". 0 or -1. */
int estuary_parse_policy(const char *s, enum estuary_policy *out);
const char *estuary_policy_name(enum estuary_policy p);

/* The canonical string that is signed, into out. Returns its length, or -1 if out is too small. */
int estuary_canonical(const struct estuary_link *l, char *out, size_t outlen);
/* Hex HMAC-SHA256 of the canonical string under key. */
void estuary_sign_with(const uint8_t key[KEY_LEN], const struct estuary_link *l, char sig[65]);

/* The full relative URL "/backend-api/estuary/content?id=...&ts=...&ma=...&p=...&sig=...". */
int estuary_url(struct keyring *k, const struct estuary_link *l, char *out, size_t outlen);

/* Checks sig (64 hex) and the time window at now. */
enum estuary_verdict estuary_check(struct keyring *k, const struct estuary_link *l, const char *sig,
				   int64_t now);

#endif
