/* image: the JPEG encoder the OpenAI-compatible API converts with (output_format jpeg). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "tap.h"

static int absdiff(int a, int b)
{
	return a > b ? a - b : b - a;
}

/* A 64 x 48 image: left half opaque red, right half fully transparent blue. */
static struct image_rgba halves(void)
{
	struct image_rgba img = {malloc(64 * 48 * 4), 64, 48};
	for (unsigned y = 0; y < img.height; y++)
		for (unsigned x = 0; x < img.width; x++) {
			uint8_t *p = img.pixels + ((size_t)y * img.width + x) * 4;
			bool left = x < img.width / 2;
			p[0] = left ? 220 : 0;
			p[1] = left ? 30 : 0;
			p[2] = left ? 30 : 255;
			p[3] = left ? 255 : 0;
		}
	return img;
}

int main(void)
{
	struct image_rgba img = halves();
	uint8_t *jpg = NULL;
	size_t len = 0;
	enum image_err e = image_encode_jpeg(&img, 90, &jpg, &len);
	ok(e == IMAGE_OK && len > 100, "encodes (%zu bytes)", len);
	ok(len >= 3 && jpg[0] == 0xff && jpg[1] == 0xd8 && jpg[2] == 0xff,
	   "starts with the JPEG SOI marker");
	char mime[32] = "";
	ok(image_sniff(jpg, len, mime, sizeof(mime)) == 0 && strcmp(mime, "image/jpeg") == 0,
	   "libmagic reads it as JPEG: %s", mime);
	struct image_rgba back = {0};
	ok(image_decode(jpg, len, "image/jpeg", 4096, &back) == IMAGE_OK, "decodes again");
	ok(back.width == 64 && back.height == 48, "keeps the size: %ux%u", back.width, back.height);
	const uint8_t *l = back.pixels + ((size_t)24 * 64 + 8) * 4,
		      *r = back.pixels + ((size_t)24 * 64 + 56) * 4;
	ok(absdiff(l[0], 220) < 24 && absdiff(l[1], 30) < 24 && absdiff(l[2], 30) < 24,
	   "opaque red stays red: %d %d %d", l[0], l[1], l[2]);
	ok(r[0] > 230 && r[1] > 230 && r[2] > 230,
	   "transparent pixels are composited over white: %d %d %d", r[0], r[1], r[2]);
	image_rgba_free(&back);

	uint8_t *small = NULL;
	size_t slen = 0;
	e = image_encode_jpeg(&img, 5, &small, &slen);
	ok(e == IMAGE_OK && slen < len, "a lower quality gives fewer bytes (%zu < %zu)", slen, len);
	uint8_t *clamped = NULL;
	size_t clen = 0;
	ok(image_encode_jpeg(&img, 1000, &clamped, &clen) == IMAGE_OK && clen >= len,
	   "quality above 100 is taken as 100");
	image_bytes_free(jpg);
	image_bytes_free(small);
	image_bytes_free(clamped);
	image_rgba_free(&img);
	return tap_done();
}
