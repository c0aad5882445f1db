#include <stdlib.h>
#include <string.h>

#include "encode.h"
#include "tap.h"

int main(void)
{
	char hex[HEX_LEN(4)];
	hex_encode((const uint8_t *)"\x00\x01\xab\xff", 4, hex);
	ok(strcmp(hex, "0001abff") == 0, "hex_encode");
	uint8_t back[4];
	ok(hex_decode("0001ABff", 8, back, 4) == 0 && memcmp(back, "\x00\x01\xab\xff", 4) == 0,
	   "hex_decode accepts either case");
	ok(hex_decode("0001abf", 7, back, 4) == -1, "hex_decode refuses odd length");
	ok(hex_decode("0001abfg", 8, back, 4) == -1, "hex_decode refuses non-hex");

	/* RFC 4648 test vectors, base64url without padding. */
	static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const want[] = { "", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy" };
	for (int i = 0; i < 7; i++) {
		char out[16];
		b64url_encode((const uint8_t *)in[i], strlen(in[i]), out);
		ok(strcmp(out, want[i]) == 0, "b64url('%s') = '%s'", in[i], out);
	}
	char out[8];
	b64url_encode((const uint8_t *)"\xfb\xff", 2, out);
	ok(strcmp(out, "-_8") == 0, "b64url uses - and _");

	uint8_t d[32];
	char dh[HEX_LEN(32)];
	sha256("abc", 3, d);
	hex_encode(d, 32, dh);
	ok(strcmp(dh, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
	   "sha256('abc') known answer");

	char id1[64], id2[64];
	ok(random_hex_id("file_00000000", 8, id1, sizeof(id1)) == 0, "random id");
	ok(strlen(id1) == 13 + 16, "random id has 16 hex digits after the prefix");
	random_hex_id("file_00000000", 8, id2, sizeof(id2));
	ok(strcmp(id1, id2) != 0, "two random ids differ");
	ok(random_hex_id("x", 8, id1, 10) == -1, "random id refuses a short buffer");

	/* 20,000 file ids: all well-formed, none repeated. */
	enum { N = 20000 };
	static char ids[N][32];
	int shaped = 1;
	for (int i = 0; i < N; i++) {
		random_hex_id("file_00000000", 8, ids[i], sizeof(ids[i]));
		for (int k = 13; k < 29; k++)
			shaped &= (ids[i][k] >= '0' && ids[i][k] <= '9') || (ids[i][k] >= 'a' && ids[i][k] <= 'f');
		shaped &= strlen(ids[i]) == 29;
	}
	qsort(ids, N, sizeof(ids[0]), (int (*)(const void *, const void *))strcmp);
	int dupes = 0;
	for (int i = 1; i < N; i++)
		dupes += strcmp(ids[i - 1], ids[i]) == 0;
	ok(shaped, "every id is file_00000000 + 16 lowercase hex");
	ok(dupes == 0, "no duplicates among %d ids", N);
	return tap_done();
}
