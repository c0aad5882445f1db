/*
 * ocr_prep: prepares a rendered PNG for tesseract (tests/unit/ocr.sh): grey,
 * shrunk by an integer factor with a box filter so letters are the size
 * tesseract reads best and a style's halftone dots average out, and with
 * -n the negative, since it finds dark letters on light far more reliably
 * than light ones on a chalkboard.
 *
 *   ocr_prep [-n] FACTOR IN.png OUT.png
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "render.h"

#define MAX_FILE (64u << 20)

int main(int argc, char **argv)
{
	int rc = 1;
	FILE *f = NULL;
	uint8_t *data = NULL, *png = NULL;
	size_t len = 0, pnglen = 0;
	struct image_rgba img = {0};
	bool negate = argc > 1 && strcmp(argv[1], "-n") == 0;
	if (negate) {
		argc--;
		argv++;
	}
	char *end = NULL;
	long k = argc == 4 ? strtol(argv[1], &end, 10) : 0;
	if (argc != 4 || end == argv[1] || *end != '\0' || k < 1 || k > 8) {
		fprintf(stderr, "usage: ocr_prep [-n] FACTOR IN.png OUT.png\n");
		return 2;
	}
	argv++;
	f = fopen(argv[1], "rb");
	data = malloc(MAX_FILE);
	if (f == NULL || data == NULL)
		goto out;
	len = fread(data, 1, MAX_FILE, f);
	fclose(f);
	f = NULL;
	if (len == 0 || len == MAX_FILE ||
	    image_decode(data, len, "image/png", RENDER_MAX_SIDE, &img) != IMAGE_OK)
		goto out;
	unsigned w = img.width / (unsigned)k, h = img.height / (unsigned)k;
	if (w == 0 || h == 0)
		goto out;
	/* In place: the output pixel (x, y) is written after every input it reads. */
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			unsigned sum = 0;
			for (unsigned dy = 0; dy < (unsigned)k; dy++)
				for (unsigned dx = 0; dx < (unsigned)k; dx++) {
					const uint8_t *p = img.pixels +
							   (((size_t)(y * k + dy)) * img.width + (x * k + dx)) * 4;
					sum += (54u * p[0] + 183u * p[1] + 19u * p[2]) >> 8;
				}
			unsigned v = sum / (unsigned)(k * k);
			uint8_t *o = img.pixels + ((size_t)y * w + x) * 4;
			o[0] = o[1] = o[2] = (uint8_t)(negate ? 255u - v : v);
			o[3] = 255;
		}
	img.width = w;
	img.height = h;
	if (render_png(&img, NULL, NULL, 0, &png, &pnglen) != 0)
		goto out;
	f = fopen(argv[2], "wb");
	if (f == NULL || fwrite(png, 1, pnglen, f) != pnglen)
		goto out;
	rc = 0;
out:
	if (f && fclose(f) != 0)
		rc = 1;
	image_bytes_free(png);
	image_rgba_free(&img);
	free(data);
	if (rc != 0)
		fprintf(stderr, "ocr_prep: cannot prepare %s into %s\n", argv[1], argv[2]);
	return rc;
}
