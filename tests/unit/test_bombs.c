/*
 * Decode bombs (image.h): a PNG whose data inflates past its size, a JPEG with
 * too many scans, are refused; honest files at the edges of the bounds (every
 * PNG interlace and bit depth, a slightly long IDAT, exactly IMAGE_MAX_SCANS
 * scans) still decode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "image.h"
#include "tap.h"

struct buf {
	uint8_t *data;
	size_t len, cap;
};

static void buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->data = realloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void png_write_to_buf(png_structp png, png_bytep data, png_size_t n)
{
	buf_add(png_get_io_ptr(png), data, n);
}

static void png_flush_nothing(png_structp png)
{
	(void)png;
}

/* A w x h PNG of the given color type and depth, interlaced or not, written by libpng. */
static struct buf write_png(unsigned w, unsigned h, int color, int depth, int interlace)
{
	struct buf b = { 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	if (setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		free(b.data);
		return (struct buf){ 0 };
	}
	png_set_write_fn(png, &b, png_write_to_buf, png_flush_nothing);
	png_set_IHDR(png, info, w, h, depth, color, interlace, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	if (color == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[256];
		for (int i = 0; i < 256; i++)
			pal[i] = (png_color){ (png_byte)i, (png_byte)(255 - i), (png_byte)(i / 2) };
		png_set_PLTE(png, info, pal, 1 << depth);
	}
	png_write_info(png, info);
	size_t rowbytes = png_get_rowbytes(png, info);
	png_bytep row = malloc(rowbytes);
	for (size_t i = 0; i < rowbytes; i++)
		row[i] = (png_byte)(i * 37);
	int passes = png_set_interlace_handling(png);
	for (int p = 0; p < passes; p++)
		for (unsigned y = 0; y < h; y++)
			png_write_row(png, row);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return b;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void chunk(struct buf *b, const char *type, const uint8_t *data, uint32_t n)
{
	uint8_t head[8];
	put_be32(head, n);
	memcpy(head + 4, type, 4);
	buf_add(b, head, 8);
	buf_add(b, data, n);
	uLong crc = crc32(0, (const Bytef *)type, 4);
	crc = crc32(crc, data, n);
	uint8_t c[4];
	put_be32(c, (uint32_t)crc);
	buf_add(b, c, 4);
}

/* A w x h 8-bit RGBA PNG whose IDAT holds `inflated` bytes of zeros (rows with filter 0). */
static struct buf png_with_idat_of(unsigned w, unsigned h, size_t inflated)
{
	struct buf b = { 0 };
	buf_add(&b, "\x89PNG\r\n\x1a\n", 8);
	uint8_t ihdr[13] = { 0 };
	put_be32(ihdr, w);
	put_be32(ihdr + 4, h);
	ihdr[8] = 8;
	ihdr[9] = 6;
	chunk(&b, "IHDR", ihdr, 13);
	uint8_t *zeros = calloc(1, inflated);
	uLongf zlen = compressBound(inflated);
	uint8_t *z = malloc(zlen);
	compress2(z, &zlen, zeros, inflated, 9);
	chunk(&b, "IDAT", z, (uint32_t)zlen);
	chunk(&b, "IEND", (const uint8_t *)"", 0);
	free(zeros);
	free(z);
	return b;
}

/* A grayscale progressive JPEG made by libjpeg from a scan script of nscans scans. */
static unsigned char *jpeg_with_scans(const jpeg_scan_info *scans, int nscans, unsigned side, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, len);
	c.image_width = side;
	c.image_height = side;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	c.scan_info = scans;
	c.num_scans = nscans;
	jpeg_start_compress(&c, TRUE);
	JSAMPLE *row = malloc(side);
	while (c.next_scanline < c.image_height) {
		for (unsigned x = 0; x < side; x++)
			row[x] = (JSAMPLE)((x ^ c.next_scanline) & 255);
		jpeg_write_scanlines(&c, &row, 1);
	}
	free(row);
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return out;
}

/* A valid script: the DC scan (with `dc_refine` successive-approximation steps), then AC scans. */
static int script(jpeg_scan_info *s, int dc_refine, int ac_levels)
{
	int n = 0;
	s[n++] = (jpeg_scan_info){ 1, { 0 }, 0, 0, 0, dc_refine };
	for (int al = dc_refine - 1; al >= 0; al--)
		s[n++] = (jpeg_scan_info){ 1, { 0 }, 0, 0, al + 1, al };
	for (int k = 1; k < 64; k++) {
		s[n++] = (jpeg_scan_info){ 1, { 0 }, k, k, 0, ac_levels - 1 };
		for (int al = ac_levels - 2; al >= 0; al--)
			s[n++] = (jpeg_scan_info){ 1, { 0 }, k, k, al + 1, al };
	}
	return n;
}

int main(void)
{
	struct image_rgba img;

	/* PNG: every interlace, color type and depth at awkward sizes decodes (the expected size is right). */
	static const struct {
		int color, depth;
	} kinds[] = { { PNG_COLOR_TYPE_GRAY, 1 },	{ PNG_COLOR_TYPE_GRAY, 2 },
		      { PNG_COLOR_TYPE_GRAY, 16 },	{ PNG_COLOR_TYPE_PALETTE, 1 },
		      { PNG_COLOR_TYPE_PALETTE, 4 },	{ PNG_COLOR_TYPE_RGB, 8 },
		      { PNG_COLOR_TYPE_GRAY_ALPHA, 8 }, { PNG_COLOR_TYPE_RGB_ALPHA, 16 } };
	static const unsigned sizes[][2] = { { 1, 1 }, { 3, 2 }, { 9, 7 }, { 37, 23 }, { 257, 5 } };
	int good = 0, total = 0;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++)
			for (int il = 0; il <= 1; il++) {
				struct buf b = write_png(sizes[z][0], sizes[z][1], kinds[k].color, kinds[k].depth,
							 il ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE);
				total++;
				enum image_err e = image_decode(b.data, b.len, "image/png", 4096, &img);
				if (e == IMAGE_OK && img.width == sizes[z][0] && img.height == sizes[z][1])
					good++;
				else
					printf("# color %d depth %d %ux%u interlace %d: %s\n", kinds[k].color, kinds[k].depth,
					     sizes[z][0], sizes[z][1], il, image_strerror(e));
				image_rgba_free(&img);
				free(b.data);
			}
	ok(good == total, "%d of %d PNGs (interlaced or not, depths 1 to 16) decode", good, total);

	/* PNG: image data that inflates to exactly its size, or a little over, decodes. */
	size_t exact = 64 * (1 + 64 * 4);
	struct buf b = png_with_idat_of(64, 64, exact);
	ok(image_decode(b.data, b.len, "image/png", 4096, &img) == IMAGE_OK, "IDAT of exactly its size decodes");
	image_rgba_free(&img);
	free(b.data);
	b = png_with_idat_of(64, 64, exact + 100);
	ok(image_decode(b.data, b.len, "image/png", 4096, &img) == IMAGE_OK,
	   "100 bytes too many are let through, as libpng lets them");
	image_rgba_free(&img);
	free(b.data);

	/* PNG: a bomb. */
	b = png_with_idat_of(64, 64, 64u << 20);
	ok(b.len < 100000, "a 64x64 PNG of %zu bytes whose data inflates to 64 MB", b.len);
	enum image_err e = image_decode(b.data, b.len, "image/png", 4096, &img);
	ok(e == IMAGE_INFLATES, "is refused: %s", image_strerror(e));
	free(b.data);
	b = png_with_idat_of(8192, 8192, 1024);
	ok(image_decode(b.data, b.len, "image/png", 4096, &img) == IMAGE_TOO_LARGE,
	   "a header over the size limit is refused by its size, before any inflating");
	free(b.data);

	/* JPEG: the scan limit. */
	jpeg_scan_info scans[1024];
	unsigned long jlen;
	int n = script(scans, 0, 1);
	ok(n == IMAGE_MAX_SCANS, "a script of exactly %d scans", n);
	unsigned char *j = jpeg_with_scans(scans, n, 64, &jlen);
	e = image_decode(j, jlen, "image/jpeg", 4096, &img);
	ok(e == IMAGE_OK && img.width == 64, "%d scans decode: %s", n, image_strerror(e));
	image_rgba_free(&img);
	free(j);
	n = script(scans, 1, 1);
	j = jpeg_with_scans(scans, n, 64, &jlen);
	e = image_decode(j, jlen, "image/jpeg", 4096, &img);
	ok(e == IMAGE_TOO_MANY_SCANS, "%d scans are refused: %s", n, image_strerror(e));
	free(j);
	n = script(scans, 10, 11); /* libjpeg encodes Al up to 10 */
	j = jpeg_with_scans(scans, n, 256, &jlen);
	e = image_decode(j, jlen, "image/jpeg", 4096, &img);
	ok(n == 704 && e == IMAGE_TOO_MANY_SCANS, "a bomb of %d scans (%lu bytes) is refused: %s", n, jlen,
	   image_strerror(e));
	free(j);
	return tap_done();
}
