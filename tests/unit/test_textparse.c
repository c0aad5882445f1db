#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "textparse.h"

struct num_case {
	const char *in;
	unsigned long long min, max;
	int rc;
	unsigned long long want;
};

struct utf8_case {
	const char *in;
	size_t len;
	bool valid;
	const char *what;
};

struct pct_case {
	const char *in;
	int rc;
	const char *want;
};

int main(void)
{
	static const struct num_case nums[] = {
		{ "0", 0, 10, 0, 0 },
		{ "10", 0, 10, 0, 10 },
		{ "11", 0, 10, -1, 0 },
		{ "", 0, 10, -1, 0 },
		{ "-1", 0, 10, -1, 0 },
		{ "+1", 0, 10, -1, 0 },
		{ " 1", 0, 10, -1, 0 },
		{ "1 ", 0, 10, -1, 0 },
		{ "01", 0, 10, -1, 0 },
		{ "1e3", 0, 10000, -1, 0 },
		{ "18446744073709551615", 0, UINT64_MAX, 0, UINT64_MAX },
		{ "18446744073709551616", 0, UINT64_MAX, -1, 0 },
		{ "99999999999999999999", 0, UINT64_MAX, -1, 0 },
		{ "5", 6, 10, -1, 0 },
	};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		unsigned long long v = 0;
		int rc = parse_ull(nums[i].in, strlen(nums[i].in), nums[i].min, nums[i].max, &v);
		ok(rc == nums[i].rc && (rc != 0 || v == nums[i].want), "parse_ull('%s') = %d", nums[i].in,
		   rc);
	}

	static const struct utf8_case u[] = {
		{ "plain ascii", 11, true, "ascii" },
		{ "caf\xc3\xa9", 5, true, "2-byte" },
		{ "\xe2\x82\xac", 3, true, "3-byte euro" },
		{ "\xf0\x9f\x90\xb1", 4, true, "4-byte cat" },
		{ "\xc0\xaf", 2, false, "overlong slash" },
		{ "\xe0\x80\xaf", 3, false, "3-byte overlong" },
		{ "\xed\xa0\x80", 3, false, "surrogate" },
		{ "\xf4\x90\x80\x80", 4, false, "above U+10FFFF" },
		{ "\xc3", 1, false, "truncated" },
		{ "\x80", 1, false, "lone continuation" },
		{ "\xff", 1, false, "0xff" },
		{ "a\0b", 3, true, "NUL is valid UTF-8 (callers check controls)" },
	};
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++)
		ok(utf8_valid(u[i].in, u[i].len) == u[i].valid, "utf8_valid: %s", u[i].what);

	static const struct pct_case p[] = {
		{ "a%20b", 0, "a b" },
		{ "a+b", 0, "a b" },
		{ "%41%42", 0, "AB" },
		{ "%e2%82%ac", 0, "\xe2\x82\xac" },
		{ "%", -1, NULL },
		{ "%4", -1, NULL },
		{ "%zz", -1, NULL },
		{ "%00", -1, NULL },
		{ "%ff", -1, NULL },
		{ "%c0%af", -1, NULL },
	};
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		char out[64];
		size_t n = 0;
		int rc = percent_decode(p[i].in, strlen(p[i].in), out, &n);
		ok(rc == p[i].rc && (rc != 0 || strcmp(out, p[i].want) == 0), "percent_decode('%s')",
		   p[i].in);
	}
	static const struct {
		const char *in;
		int rc, w, h;
	} sizes[] = {
		{ "1024x1024", 0, 1024, 1024 }, { "1536x1024", 0, 1536, 1024 }, { "64x2048", 0, 64, 2048 },
		{ "63x64", -1, 0, 0 }, { "64x2049", -1, 0, 0 }, { "1024", -1, 0, 0 }, { "x1024", -1, 0, 0 },
		{ "1024x", -1, 0, 0 }, { "1024X1024", -1, 0, 0 }, { "1024x1024x1", -1, 0, 0 }, { " 64x64", -1, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		int w = 0, h = 0;
		int rc = parse_size_wxh(sizes[i].in, 64, 2048, &w, &h);
		ok(rc == sizes[i].rc && (rc != 0 || (w == sizes[i].w && h == sizes[i].h)), "size '%s'", sizes[i].in);
	}
	ok(has_control_chars("a\nb", 3), "newline is a control character");
	ok(!has_control_chars("a\tb", 3), "tab is allowed");
	ok(has_control_chars("a\x7f", 2), "DEL is a control character");

	/* Cutting UTF-8: never half a sequence, whatever the limit. */
	const char *mixed = "a\xd0\xb6\xe6\x97\xa5\xf0\x9f\x8e\xa8z"; /* a ж 日 🎨 z */
	size_t ml = strlen(mixed);
	bool all_valid = true;
	for (size_t max = 0; max <= ml + 1; max++) {
		size_t n = utf8_prefix(mixed, ml, max);
		if (n > max || !utf8_valid(mixed, n))
			all_valid = false;
	}
	ok(all_valid, "utf8_prefix: every cut of a mixed-width string is valid UTF-8");
	ok(utf8_prefix(mixed, ml, 2) == 1 && utf8_prefix(mixed, ml, 3) == 3 && utf8_prefix(mixed, ml, 5) == 3 &&
	       utf8_prefix(mixed, ml, 6) == 6 && utf8_prefix(mixed, ml, 9) == 6 && utf8_prefix(mixed, ml, 10) == 10,
	   "utf8_prefix: cuts before the sequence it would split");
	char cut[8];
	ok(utf8_copy(cut, sizeof(cut), mixed, 100) == 6 && strcmp(cut, "a\xd0\xb6\xe6\x97\xa5") == 0,
	   "utf8_copy: the buffer's size bounds the copy, cut on a boundary");
	ok(utf8_copy(cut, sizeof(cut), "abc", 2) == 2 && strcmp(cut, "ab") == 0, "utf8_copy: max bounds it");
	ok(utf8_copy(cut, sizeof(cut), "", 5) == 0 && cut[0] == '\0', "utf8_copy: empty");
	return tap_done();
}
