/*
 * image: sniffing, decoding and thumbnailing of untrusted image bytes.
 *
 * The type of a file is what libmagic says its bytes are, never what a client
 * claims. Only PNG, JPEG and WebP are accepted, and an image is decoded fully
 * (libpng, libjpeg-turbo, libwebp) before anything is stored, so a truncated
 * or hostile file is refused up front. Dimensions are checked against the
 * caller's limit before the pixel buffer is allocated.
 *
 * Decoding work is bounded before and while it happens, so a small hostile file
 * cannot cost seconds of CPU or gigabytes of inflation ("decode bombs"):
 *   - a PNG's image data (IDAT) is inflated once, counted, before libpng runs, and
 *     refused if it inflates past what its header's size needs;
 *   - a JPEG may have at most IMAGE_MAX_SCANS scans (a legitimate progressive
 *     JPEG has about ten; thousands of near-empty scans each cost a pass over
 *     every block);
 *   - a JPEG's decode stops once it has taken IMAGE_MAX_CPU_MS of the thread's
 *     CPU time. PNG and WebP work is bounded by their pixel count.
 *
 * Thumbnails are WebP, made with libwebp's own rescaler (WebPPictureRescale)
 * from the decoded pixels; the longest side becomes at most max_side, aspect
 * kept, never upscaled.
 *
 * Buffers returned are owned by the caller: pixels are released with
 * image_rgba_free(), encoded bytes with image_bytes_free().
 * Every function is thread-safe (libmagic handles are per thread).
 */
#ifndef IMAGES_IMAGE_H
#define IMAGES_IMAGE_H

#include <stddef.h>
#include <stdint.h>

enum image_err {
	IMAGE_OK = 0,
	IMAGE_UNSUPPORTED, /* not PNG, JPEG or WebP (415) */
	IMAGE_CORRUPT,     /* the bytes do not decode (400) */
	IMAGE_TOO_LARGE,   /* width or height over the limit (400) */
	IMAGE_NOMEM,       /* out of memory (503) */
	IMAGE_ERROR,       /* encoder or libmagic failure (500) */
	IMAGE_INFLATES,    /* PNG data that inflates past what its size needs (400) */
	IMAGE_TOO_MANY_SCANS, /* a JPEG with more than IMAGE_MAX_SCANS scans (400) */
	IMAGE_TOO_SLOW,    /* decoding took more than IMAGE_MAX_CPU_MS of CPU (413) */
};

#define IMAGE_MAX_SCANS 64
#define IMAGE_MAX_CPU_MS 3000

const char *image_strerror(enum image_err e);

struct image_rgba {
	uint8_t *pixels; /* width * height * 4 bytes, rows top to bottom */
	unsigned width, height;
};

/* The MIME type libmagic reads from the bytes ("image/png"), into out. 0 or -1. */
int image_sniff(const void *data, size_t len, char *out, size_t outlen);
/* The usual file extension for a supported MIME type ("png"), or NULL. */
const char *image_extension(const char *mime);

/* Decodes a PNG, JPEG or WebP of the given MIME type, at most max_side on either side. */
enum image_err image_decode(const void *data, size_t len, const char *mime, unsigned max_side,
			    struct image_rgba *out);
void image_rgba_free(struct image_rgba *img);

/* Encodes img as a WebP thumbnail whose longest side is at most max_side. */
enum image_err image_thumbnail_webp(const struct image_rgba *img, unsigned max_side, int quality,
				    uint8_t **out, size_t *outlen, unsigned *tw, unsigned *th);

/* Frees bytes returned by the encoders. */
void image_bytes_free(uint8_t *bytes);

/*
 * Encodes img as a baseline JPEG at quality 1..100; alpha is composited over
 * white (JPEG has none). The bytes are freed with image_bytes_free().
 */
enum image_err image_encode_jpeg(const struct image_rgba *img, int quality, uint8_t **out, size_t *outlen);
/* Encodes img as PNG (used by engines and tests). */
enum image_err image_encode_png(const struct image_rgba *img, uint8_t **out, size_t *outlen);

#endif
