#include <string.h>

#include "multipart.h"
#include "tap.h"

#define B "----b0undary"

int main(void)
{
	char b[80];
	ok(multipart_boundary("multipart/form-data; boundary=" B, b, sizeof(b)) == 0 && strcmp(b, B) == 0,
	   "plain boundary");
	ok(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"", b, sizeof(b)) == 0 &&
	   strcmp(b, "a b") == 0, "quoted boundary after another parameter");
	ok(multipart_boundary("multipart/form-data", b, sizeof(b)) == -1, "no boundary");
	ok(multipart_boundary("text/plain; boundary=x", b, sizeof(b)) == -1, "not multipart");
	char longb[120] = "multipart/form-data; boundary=";
	memset(longb + strlen(longb), 'x', 75);
	ok(multipart_boundary(longb, b, sizeof(b)) == -1, "boundary over 70 characters");

	static const char body[] =
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"purpose\"\r\n\r\n"
		"vision\r\n"
		"--" B "\r\n"
		"Content-Disposition: form-data; name=\"file\"; filename=\"cat \\\"x\\\".png\"\r\n"
		"Content-Type: image/png\r\n\r\n"
		"\x89PNG\r\n--not-the-boundary\r\n"
		"\r\n--" B "--\r\n";
	const char *data;
	size_t len;
	char fname[256];
	int rc = multipart_find(body, sizeof(body) - 1, B, "file", &data, &len, fname, sizeof(fname));
	ok(rc == 0 && len == strlen("\x89PNG\r\n--not-the-boundary\r\n") &&
	   memcmp(data, "\x89PNG", 4) == 0, "finds the file part, CRLFs inside kept (%zu bytes)", len);
	ok(strncmp(fname, "cat \\", 5) == 0, "filename read up to its closing quote: %s", fname);
	ok(multipart_find(body, sizeof(body) - 1, B, "purpose", &data, &len, fname, sizeof(fname)) == 0 &&
	   len == 6 && memcmp(data, "vision", 6) == 0 && fname[0] == '\0', "finds a plain field");
	ok(multipart_find(body, sizeof(body) - 1, B, "missing", &data, &len, fname, sizeof(fname)) == 1,
	   "absent field is 1");
	ok(multipart_find(body, sizeof(body) - 20, B, "file", &data, &len, fname, sizeof(fname)) == -1,
	   "a body cut before the closing boundary is malformed");
	ok(multipart_find("garbage", 7, B, "file", &data, &len, fname, sizeof(fname)) == -1,
	   "no opening boundary is malformed");
	static const char noheaders[] = "--" B "\r\nContent-Disposition: form-data; name=\"file\"";
	ok(multipart_find(noheaders, sizeof(noheaders) - 1, B, "file", &data, &len, fname, sizeof(fname)) == -1,
	   "headers without their blank line are malformed");
	static const char filename_first[] = "--" B "\r\n"
		"Content-Disposition: form-data; filename=\"a.png\"; name=\"file\"\r\n\r\nX\r\n--" B "--";
	ok(multipart_find(filename_first, sizeof(filename_first) - 1, B, "file", &data, &len, fname,
			  sizeof(fname)) == 0 && len == 1 && strcmp(fname, "a.png") == 0,
	   "name after filename is still the name, not a match inside 'filename'");
	/* Two parts of one name (image[] twice): searching again from the delimiter after the first finds the second. */
	static const char twice[] = "--" B "\r\n"
		"Content-Disposition: form-data; name=\"image[]\"; filename=\"a.png\"\r\n\r\nA\r\n--" B "\r\n"
		"Content-Disposition: form-data; name=\"image[]\"; filename=\"b.png\"\r\n\r\nBB\r\n--" B "--\r\n";
	ok(multipart_find(twice, sizeof(twice) - 1, B, "image[]", &data, &len, fname, sizeof(fname)) == 0 &&
	   len == 1 && strcmp(fname, "a.png") == 0, "first of two same-name parts");
	const char *rest = data + len + 2;
	ok(multipart_find(rest, sizeof(twice) - 1 - (size_t)(rest - twice), B, "image[]", &data, &len, fname,
			  sizeof(fname)) == 0 && len == 2 && strcmp(fname, "b.png") == 0,
	   "the rest of the body after the first part finds the second");
	ok(multipart_find(data + len + 2, sizeof(twice) - 1 - (size_t)(data + len + 2 - twice), B, "image[]",
			  &data, &len, fname, sizeof(fname)) == 1, "and after the second, no third");
	return tap_done();
}
