/*
 * fuzz_estuary: the signed-URL fields and the composite id parser
 * (app/core/estuary.c), as GET /backend-api/estuary/content reads them.
 *
 * Input: "id \n ts \n ma \n p \n sig". Checked beyond "no crash":
 *   - a composite id that parses formats back to exactly the same text;
 *   - fields that parse and are signed by estuary_url() give a URL whose sig
 *     estuary_check() accepts, and the fuzzed sig is accepted only if it is
 *     that signature (no other string passes);
 *   - changing any one field after signing (re-parameterising) is refused.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "estuary.h"
#include "keys.h"
#include "textparse.h"

static struct keyring *keys;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	char dir[] = "/tmp/fuzz-estuary-XXXXXX";
	char path[64], err[256];
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(path, sizeof(path), "%s/keys", dir);
	keys = keys_open(path, err, sizeof(err));
	if (keys == NULL) {
		fprintf(stderr, "keys_open: %s\n", err);
		abort();
	}
	unlink(path);
	rmdir(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char buf[4097];
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (strlen(buf) != size)
		return 0;
	char *f[5] = { buf, "", "", "", "" };
	char *p = buf;
	for (int i = 1; i < 5; i++) {
		char *nl = strchr(p, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		f[i] = p = nl + 1;
	}
	char *nl = strchr(f[4], '\n');
	if (nl != NULL)
		*nl = '\0';

	struct estuary_link l;
	memset(&l, 0, sizeof(l));
	if (estuary_parse_id(f[0], &l.cid) == 0) {
		char again[160];
		estuary_format_id(&l.cid, again, sizeof(again));
		if (strcmp(again, f[0]) != 0)
			abort();
		if (!file_id_valid(l.cid.file_id))
			abort();
	}
	(void)file_id_valid(f[0]);
	unsigned long long ts, ma;
	if (estuary_parse_id(f[0], &l.cid) != 0 || parse_ull(f[1], strlen(f[1]), 0, 1ull << 40, &ts) != 0 ||
	    parse_ull(f[2], strlen(f[2]), 1, ESTUARY_MAX_AGE_LIMIT, &ma) != 0 ||
	    estuary_parse_policy(f[3], &l.policy) != 0)
		return 0;
	l.ts = (int64_t)ts;
	l.ma = (int64_t)ma;
	int64_t now = l.ts; /* inside the window, so only the signature decides */
	char url[1024];
	if (estuary_url(keys, &l, url, sizeof(url)) != 0)
		abort();
	const char *s = strstr(url, "sig=");
	if (s == NULL || strlen(s + 4) != 64)
		abort();
	char good[65];
	memcpy(good, s + 4, 65);
	if (estuary_check(keys, &l, good, now) != ESTUARY_OK)
		abort();
	enum estuary_verdict v = estuary_check(keys, &l, f[4], now);
	if (v == ESTUARY_OK && strcmp(f[4], good) != 0)
		abort();
	/* Re-parameterised: each field changed in turn must fail. */
	struct estuary_link m = l;
	m.ts = l.ts + 1;
	if (estuary_check(keys, &m, good, m.ts) == ESTUARY_OK)
		abort();
	m = l;
	m.ma = l.ma == 1 ? 2 : l.ma - 1;
	if (estuary_check(keys, &m, good, now) == ESTUARY_OK)
		abort();
	m = l;
	m.policy = l.policy == ESTUARY_INLINE ? ESTUARY_DOWNLOAD : ESTUARY_INLINE;
	if (estuary_check(keys, &m, good, now) == ESTUARY_OK)
		abort();
	m = l;
	m.cid.thumbnail = !l.cid.thumbnail;
	if (estuary_check(keys, &m, good, now) == ESTUARY_OK)
		abort();
	/* Outside the window. */
	if (estuary_check(keys, &l, good, l.ts + l.ma + 1) != ESTUARY_EXPIRED)
		abort();
	return 0;
}
