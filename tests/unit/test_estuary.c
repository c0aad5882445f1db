#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "encode.h"
#include "estuary.h"
#include "keys.h"
#include "tap.h"

#define HASH "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define FID "file_000000000123456789abcdef"

/* HMAC-SHA256 of text under a hex key, computed by the openssl command-line tool. */
static int openssl_hmac(const char *hexkey, const char *text, char out[65])
{
	char path[] = "/tmp/images-canon-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -1;
	close(fd);
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "openssl dgst -sha256 -mac HMAC -macopt hexkey:%s -r < %s", hexkey, path);
	FILE *p = popen(cmd, "r");
	int rc = -1;
	if (p != NULL && fscanf(p, "%64s", out) == 1)
		rc = 0;
	if (p != NULL)
		pclose(p);
	unlink(path);
	return rc;
}

static void link_init(struct estuary_link *l, bool thumb)
{
	memset(l, 0, sizeof(*l));
	estuary_parse_id(thumb ? HASH "#" FID "#thumbnail" : HASH "#" FID, &l->cid);
	l->ts = 1795600800;
	l->ma = 7200;
	l->policy = ESTUARY_INLINE;
}

int main(void)
{
	/* Composite ids: exactly two shapes. */
	struct composite_id cid;
	ok(estuary_parse_id(HASH "#" FID, &cid) == 0 && !cid.thumbnail &&
	   strcmp(cid.file_id, FID) == 0 && strcmp(cid.hash, HASH) == 0, "full composite id parses");
	ok(estuary_parse_id(HASH "#" FID "#thumbnail", &cid) == 0 && cid.thumbnail, "thumbnail id parses");
	static const char *const bad_ids[] = {
		"", HASH, HASH "#", HASH "#" FID "#", HASH "#" FID "#thumb", HASH "#" FID "#thumbnailx",
		HASH "#" FID "#thumbnail#thumbnail", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08#" FID,
		HASH "#file_000000000123456789ABCDEF", HASH "#file_100000000123456789abcdef",
		HASH "#file_00000000../../etc/passwd", HASH "x#" FID, HASH "#" FID "x",
		"../" HASH "#" FID,
	};
	for (size_t i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++)
		ok(estuary_parse_id(bad_ids[i], &cid) == -1, "composite id %zu refused: '%.40s...'", i, bad_ids[i]);
	ok(file_id_valid(FID) && !file_id_valid("file_0000000") && !file_id_valid(FID "0"), "file id shape");

	/* Known-answer vectors: our signature equals openssl's HMAC of the canonical string. */
	uint8_t key[KEY_LEN];
	for (int i = 0; i < KEY_LEN; i++)
		key[i] = (uint8_t)(i * 7 + 1);
	char hexkey[HEX_LEN(KEY_LEN)];
	hex_encode(key, KEY_LEN, hexkey);
	for (int v = 0; v < 4; v++) {
		struct estuary_link l;
		link_init(&l, v & 1);
		if (v & 2) {
			l.policy = ESTUARY_DOWNLOAD;
			l.ma = 60;
		}
		char canon[512], ours[65], theirs[65];
		estuary_canonical(&l, canon, sizeof(canon));
		estuary_sign_with(key, &l, ours);
		ok(openssl_hmac(hexkey, canon, theirs) == 0 && strcmp(ours, theirs) == 0,
		   "vector %d matches openssl dgst -hmac: %s", v, ours);
	}
	struct estuary_link l;
	link_init(&l, false);
	char canon[512];
	estuary_canonical(&l, canon, sizeof(canon));
	ok(strcmp(canon, "estuary-v1\n/backend-api/estuary/content\n" HASH "#" FID "\n1795600800\n7200\ninline") == 0,
	   "canonical string is fixed-order and newline-separated");

	/* A keyring on disk, created 0600. */
	char dir[256], path[300], err[256];
	tap_tmpdir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/estuary.key", dir);
	struct keyring *k = keys_open(path, err, sizeof(err));
	struct stat st;
	ok(k != NULL && stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "key file created 0600");
	struct keyring *k2 = keys_open(path, err, sizeof(err));
	uint8_t c1[KEY_LEN], c2[KEY_LEN], p[KEY_LEN];
	bool hp;
	keys_get(k, c1, p, &hp);
	keys_get(k2, c2, p, &hp);
	ok(k2 != NULL && memcmp(c1, c2, KEY_LEN) == 0 && !hp, "a second opener reads the same key, no previous");
	keys_close(k2);

	int64_t now = l.ts + 100;
	char url[512], sig[65];
	ok(estuary_url(k, &l, url, sizeof(url)) == 0, "url: %s", url);
	const char *s = strstr(url, "&sig=");
	snprintf(sig, sizeof(sig), "%s", s ? s + 5 : "");
	ok(strstr(url, "?id=" HASH "%23" FID "&ts=1795600800&ma=7200&p=inline&sig=") != NULL,
	   "url carries the encoded id and fields in order");
	ok(estuary_check(k, &l, sig, now) == ESTUARY_OK, "a fresh link verifies");

	/* Canonicalisation: any change to a signed field breaks the signature. */
	struct estuary_link t = l;
	t.cid.thumbnail = true;
	ok(estuary_check(k, &t, sig, now) == ESTUARY_BAD_SIGNATURE, "same sig for the thumbnail: refused");
	t = l;
	t.ts += 1;
	ok(estuary_check(k, &t, sig, now) == ESTUARY_BAD_SIGNATURE, "ts changed: refused");
	t = l;
	t.ma = 604800;
	ok(estuary_check(k, &t, sig, now) == ESTUARY_BAD_SIGNATURE, "ma stretched: refused");
	t = l;
	t.policy = ESTUARY_DOWNLOAD;
	ok(estuary_check(k, &t, sig, now) == ESTUARY_BAD_SIGNATURE, "policy changed: refused");
	t = l;
	t.cid.file_id[FILE_ID_LEN - 1] = t.cid.file_id[FILE_ID_LEN - 1] == 'f' ? 'e' : 'f';
	ok(estuary_check(k, &t, sig, now) == ESTUARY_BAD_SIGNATURE, "file id changed: refused");
	char upper[65];
	for (int i = 0; i < 64; i++)
		upper[i] = (char)(sig[i] >= 'a' ? sig[i] - 32 : sig[i]);
	upper[64] = '\0';
	ok(estuary_check(k, &l, upper, now) == ESTUARY_BAD_SIGNATURE, "upper-case hex sig refused");
	ok(estuary_check(k, &l, "", now) == ESTUARY_BAD_SIGNATURE, "empty sig refused");
	char flipped[65];
	memcpy(flipped, sig, 65);
	flipped[63] = flipped[63] == '0' ? '1' : '0';
	ok(estuary_check(k, &l, flipped, now) == ESTUARY_BAD_SIGNATURE, "one hex digit changed: refused");

	/* Time window. */
	ok(estuary_check(k, &l, sig, l.ts + l.ma) == ESTUARY_OK, "good at the last second");
	ok(estuary_check(k, &l, sig, l.ts + l.ma + 1) == ESTUARY_EXPIRED, "expired one second later");
	ok(estuary_check(k, &l, sig, l.ts - ESTUARY_SKEW_S) == ESTUARY_OK, "60 s of clock skew allowed");
	ok(estuary_check(k, &l, sig, l.ts - ESTUARY_SKEW_S - 1) == ESTUARY_NOT_YET, "ts further ahead refused");

	/* Rotation: the previous key still verifies; a second rotation drops it. */
	ok(keys_rotate(path, err, sizeof(err)) == 0, "rotate");
	sleep(1); /* keyrings re-read the file at most once a second */
	char url2[512];
	estuary_url(k, &l, url2, sizeof(url2));
	ok(strcmp(url, url2) != 0, "after rotation new links use the new key");
	ok(estuary_check(k, &l, sig, now) == ESTUARY_OK, "an old link verifies against the previous key");
	keys_rotate(path, err, sizeof(err));
	sleep(1);
	ok(estuary_check(k, &l, sig, now) == ESTUARY_BAD_SIGNATURE, "two rotations later it does not");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "rotated key file is still 0600");
	keys_close(k);

	chmod(path, 0644);
	ok(keys_open(path, err, sizeof(err)) == NULL && strstr(err, "chmod 600") != NULL,
	   "a key file readable by others is refused: %s", err);
	FILE *f = fopen(path, "w");
	fputs("current nothex\n", f);
	fclose(f);
	chmod(path, 0600);
	ok(keys_open(path, err, sizeof(err)) == NULL, "a malformed key file is refused");
	unlink(path);
	rmdir(dir);
	return tap_done();
}
