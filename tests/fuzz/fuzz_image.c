/*
 * fuzz_image: the decoders behind POST /backend-api/files (app/base/image.c):
 * libmagic's sniffing, then libpng / libjpeg-turbo / libwebp through our
 * wrappers with the dimension check before allocation, then the WebP
 * thumbnail. Input: the uploaded bytes. Checked beyond "no crash": a decoded
 * image is within the side limit and has pixels, and a thumbnail is within
 * its side.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

#define FUZZ_MAX_SIDE 1024

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1u << 20)
		return 0;
	char mime[64];
	static const char *const claimed[] = { "image/png", "image/jpeg", "image/webp" };
	const char *types[4];
	size_t nt = 0;
	if (image_sniff(data, size, mime, sizeof(mime)) == 0 && image_extension(mime) != NULL)
		types[nt++] = mime;
	/* The decoders also see bytes whose sniffed type they would not get, by the first byte. */
	if (size > 0)
		types[nt++] = claimed[data[0] % 3];
	for (size_t t = 0; t < nt; t++) {
		struct image_rgba img;
		memset(&img, 0, sizeof(img));
		if (image_decode(data, size, types[t], FUZZ_MAX_SIDE, &img) != IMAGE_OK)
			continue;
		if (img.pixels == NULL || img.width == 0 || img.height == 0 || img.width > FUZZ_MAX_SIDE ||
		    img.height > FUZZ_MAX_SIDE)
			abort();
		if (img.width * img.height <= 256 * 256) {
			uint8_t *webp = NULL;
			size_t wlen = 0;
			unsigned tw = 0, th_ = 0;
			if (image_thumbnail_webp(&img, 64, 60, &webp, &wlen, &tw, &th_) == IMAGE_OK) {
				if (tw == 0 || th_ == 0 || tw > 64 || th_ > 64)
					abort();
				struct image_rgba th;
				memset(&th, 0, sizeof(th));
				if (image_decode(webp, wlen, "image/webp", 64, &th) != IMAGE_OK)
					abort();
				image_rgba_free(&th);
				image_bytes_free(webp);
			}
		}
		image_rgba_free(&img);
	}
	return 0;
}
