#include "image.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <magic.h>
#include <png.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <webp/decode.h>
#include <webp/encode.h>
#include <zlib.h>

const char *image_strerror(enum image_err e)
{
	switch (e) {
	case IMAGE_OK: return "ok";
	case IMAGE_UNSUPPORTED: return "only PNG, JPEG and WebP images are accepted";
	case IMAGE_CORRUPT: return "the image is damaged or truncated and cannot be decoded";
	case IMAGE_TOO_LARGE: return "the image is larger than allowed";
	case IMAGE_NOMEM: return "out of memory";
	case IMAGE_ERROR: return "image processing failed";
	case IMAGE_INFLATES: return "the PNG's compressed data inflates to far more than its size needs";
	case IMAGE_TOO_MANY_SCANS: return "the JPEG has more than 64 progressive scans";
	case IMAGE_TOO_SLOW: return "the image takes more than 3 s of CPU to decode";
	}
	return "image processing failed";
}

/* libmagic handles are not thread-safe: one per thread, loaded on first use. */
static pthread_key_t magic_key;
static pthread_once_t magic_once = PTHREAD_ONCE_INIT;

static void magic_destroy(void *m)
{
	magic_close(m);
}

static void magic_key_init(void)
{
	pthread_key_create(&magic_key, magic_destroy);
}

static magic_t thread_magic(void)
{
	pthread_once(&magic_once, magic_key_init);
	magic_t m = pthread_getspecific(magic_key);
	if (m == NULL) {
		m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR |
			       MAGIC_NO_CHECK_ELF);
		if (m == NULL)
			return NULL;
		if (magic_load(m, NULL) != 0) {
			magic_close(m);
			return NULL;
		}
		pthread_setspecific(magic_key, m);
	}
	return m;
}

int image_sniff(const void *data, size_t len, char *out, size_t outlen)
{
	magic_t m = thread_magic();
	if (m == NULL)
		return -1;
	const char *type = magic_buffer(m, data, len);
	if (type == NULL || strlen(type) >= outlen)
		return -1;
	memcpy(out, type, strlen(type) + 1);
	return 0;
}

const char *image_extension(const char *mime)
{
	if (strcmp(mime, "image/png") == 0)
		return "png";
	if (strcmp(mime, "image/jpeg") == 0)
		return "jpg";
	if (strcmp(mime, "image/webp") == 0)
		return "webp";
	return NULL;
}

void image_rgba_free(struct image_rgba *img)
{
	free(img->pixels);
	img->pixels = NULL;
}

static enum image_err alloc_pixels(struct image_rgba *out, unsigned w, unsigned h)
{
	out->width = w;
	out->height = h;
	out->pixels = malloc((size_t)w * h * 4);
	return out->pixels ? IMAGE_OK : IMAGE_NOMEM;
}

/* ---- PNG: the inflated size, counted before libpng decodes ---- */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Filtered bytes of a w x h (pass of an) image: a filter byte and the packed pixels per row. */
static uint64_t png_raw_size(uint64_t w, uint64_t h, unsigned bits_per_pixel)
{
	if (w == 0 || h == 0)
		return 0;
	return h * (1 + (w * bits_per_pixel + 7) / 8);
}

/* What the image data of this header inflates to exactly (Adam7: the sum of its seven passes). */
static uint64_t png_expected(uint32_t w, uint32_t h, unsigned bpp, bool interlaced)
{
	if (!interlaced)
		return png_raw_size(w, h, bpp);
	static const unsigned x0[7] = { 0, 4, 0, 2, 0, 1, 0 }, dx[7] = { 8, 8, 4, 4, 2, 2, 1 };
	static const unsigned y0[7] = { 0, 0, 4, 0, 2, 0, 1 }, dy[7] = { 8, 8, 8, 4, 4, 2, 2 };
	uint64_t sum = 0;
	for (int p = 0; p < 7; p++) {
		uint64_t pw = w > x0[p] ? (w - x0[p] + dx[p] - 1) / dx[p] : 0;
		uint64_t ph = h > y0[p] ? (h - y0[p] + dy[p] - 1) / dy[p] : 0;
		sum += png_raw_size(pw, ph, bpp);
	}
	return sum;
}

/*
 * Inflates in (a zlib stream, fed in pieces) into a scratch buffer, counting;
 * stops as soon as the count passes limit. 1 past the limit, 0 otherwise (a
 * damaged stream is left for libpng to report).
 */
static int inflate_past(z_stream *z, const uint8_t *in, size_t len, uint64_t *count, uint64_t limit)
{
	static _Thread_local uint8_t scratch[32768];
	z->next_in = (Bytef *)in;
	z->avail_in = (uInt)len;
	while (z->avail_in > 0) {
		z->next_out = scratch;
		z->avail_out = sizeof(scratch);
		int rc = inflate(z, Z_NO_FLUSH);
		*count += sizeof(scratch) - z->avail_out;
		if (*count > limit)
			return 1;
		if (rc != Z_OK)
			return 0;
	}
	return 0;
}

/*
 * Walks the chunks of a PNG: its IDAT data may inflate to no more than the
 * header's size needs (libpng would inflate all of it, the excess too, before
 * calling it benign "extra data"). Anything else wrong is for libpng to find.
 * Compressed text and profile chunks are bounded by libpng itself (8 MB).
 */
static enum image_err png_check_inflation(const uint8_t *d, size_t len, unsigned max_side)
{
	if (len < 8 + 25 || memcmp(d + 12, "IHDR", 4) != 0 || be32(d + 8) != 13)
		return IMAGE_OK;
	uint32_t w = be32(d + 16), h = be32(d + 20);
	if (w > max_side || h > max_side)
		return IMAGE_OK; /* refused by its size, from the header alone */
	unsigned depth = d[24], color = d[25];
	static const unsigned channels[7] = { 1, 0, 3, 1, 2, 0, 4 };
	if (color > 6 || channels[color] == 0 || depth == 0 || depth > 16)
		return IMAGE_OK;
	uint64_t expected = png_expected(w, h, channels[color] * depth, d[28] == 1);
	/* Some slack: libpng only warns of a little extra data, and so do we not refuse it. */
	uint64_t limit = expected + expected / 8 + 65536;
	z_stream idat = { 0 };
	if (inflateInit(&idat) != Z_OK)
		return IMAGE_NOMEM;
	uint64_t idat_out = 0;
	enum image_err e = IMAGE_OK;
	for (size_t at = 8; e == IMAGE_OK && at + 12 <= len;) {
		uint32_t n = be32(d + at);
		if (n > len - at - 12)
			break;
		const uint8_t *type = d + at + 4, *body = d + at + 8;
		if (memcmp(type, "IDAT", 4) == 0) {
			if (inflate_past(&idat, body, n, &idat_out, limit))
				e = IMAGE_INFLATES;
		} else if (memcmp(type, "IEND", 4) == 0)
			break;
		at += 12 + (size_t)n;
	}
	inflateEnd(&idat);
	return e;
}

static enum image_err decode_png(const void *data, size_t len, unsigned max_side,
				 struct image_rgba *out)
{
	enum image_err bomb = png_check_inflation(data, len, max_side);
	if (bomb != IMAGE_OK)
		return bomb;
	png_image img;
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len))
		return IMAGE_CORRUPT;
	if (img.width == 0 || img.height == 0 || img.width > max_side || img.height > max_side) {
		png_image_free(&img);
		return img.width == 0 || img.height == 0 ? IMAGE_CORRUPT : IMAGE_TOO_LARGE;
	}
	img.format = PNG_FORMAT_RGBA;
	enum image_err e = alloc_pixels(out, img.width, img.height);
	if (e != IMAGE_OK) {
		png_image_free(&img);
		return e;
	}
	if (!png_image_finish_read(&img, NULL, out->pixels, 0, NULL)) {
		image_rgba_free(out);
		return IMAGE_CORRUPT;
	}
	/* libpng keeps going past some damage with a warning; a damaged stream is refused. */
	if (img.warning_or_error & PNG_IMAGE_ERROR) {
		image_rgba_free(out);
		return IMAGE_CORRUPT;
	}
	return IMAGE_OK;
}

struct jpeg_fail {
	struct jpeg_error_mgr mgr;
	jmp_buf jmp;
	struct jpeg_progress_mgr progress;
	int64_t cpu_start_ns;
	unsigned calls;
	volatile enum image_err why; /* what a longjmp means (set after setjmp, read after longjmp) */
};

static int64_t thread_cpu_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/*
 * libjpeg calls this between pieces of work (each iMCU row of each scan it
 * absorbs): a file with too many scans, or one that has taken too much CPU,
 * stops here.
 */
static void jpeg_watch(j_common_ptr cinfo)
{
	struct jpeg_fail *f = (struct jpeg_fail *)cinfo->err;
	j_decompress_ptr d = (j_decompress_ptr)cinfo;
	if (d->input_scan_number > IMAGE_MAX_SCANS)
		f->why = IMAGE_TOO_MANY_SCANS;
	else if (++f->calls % 32 == 0 && /* the clock is a system call: not every row */
		 thread_cpu_ns() - f->cpu_start_ns > (int64_t)IMAGE_MAX_CPU_MS * 1000000)
		f->why = IMAGE_TOO_SLOW;
	else
		return;
	longjmp(f->jmp, 1);
}

static void jpeg_fail_exit(j_common_ptr cinfo)
{
	struct jpeg_fail *f = (struct jpeg_fail *)cinfo->err;
	longjmp(f->jmp, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
	struct jpeg_fail *f = (struct jpeg_fail *)cinfo->err;
	/* Level -1 is a corrupt-data warning ("premature end of file"): the stream is damaged. */
	if (level < 0)
		longjmp(f->jmp, 1);
}

static enum image_err decode_jpeg(const void *data, size_t len, unsigned max_side,
				  struct image_rgba *out)
{
	struct jpeg_decompress_struct cinfo;
	struct jpeg_fail fail;
	out->pixels = NULL;
	cinfo.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_fail_exit;
	fail.mgr.emit_message = jpeg_quiet;
	fail.why = IMAGE_CORRUPT;
	fail.calls = 0;
	fail.cpu_start_ns = thread_cpu_ns();
	if (setjmp(fail.jmp)) {
		jpeg_destroy_decompress(&cinfo);
		image_rgba_free(out);
		return fail.why;
	}
	jpeg_create_decompress(&cinfo);
	memset(&fail.progress, 0, sizeof(fail.progress));
	fail.progress.progress_monitor = jpeg_watch;
	cinfo.progress = &fail.progress;
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
		longjmp(fail.jmp, 1);
	if (cinfo.image_width > max_side || cinfo.image_height > max_side) {
		fail.why = IMAGE_TOO_LARGE;
		longjmp(fail.jmp, 1);
	}
	cinfo.out_color_space = JCS_EXT_RGBA;
	jpeg_start_decompress(&cinfo);
	if (alloc_pixels(out, cinfo.output_width, cinfo.output_height) != IMAGE_OK) {
		fail.why = IMAGE_NOMEM;
		longjmp(fail.jmp, 1);
	}
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = out->pixels + (size_t)cinfo.output_scanline * out->width * 4;
		if (jpeg_read_scanlines(&cinfo, &row, 1) != 1)
			longjmp(fail.jmp, 1);
	}
	jpeg_finish_decompress(&cinfo);
	jpeg_destroy_decompress(&cinfo);
	return IMAGE_OK;
}

static enum image_err decode_webp(const void *data, size_t len, unsigned max_side,
				  struct image_rgba *out)
{
	int w, h;
	if (!WebPGetInfo(data, len, &w, &h) || w <= 0 || h <= 0)
		return IMAGE_CORRUPT;
	if ((unsigned)w > max_side || (unsigned)h > max_side)
		return IMAGE_TOO_LARGE;
	enum image_err e = alloc_pixels(out, (unsigned)w, (unsigned)h);
	if (e != IMAGE_OK)
		return e;
	int stride = w * 4;
	if (WebPDecodeRGBAInto(data, len, out->pixels, (size_t)stride * (size_t)h, stride) == NULL) {
		image_rgba_free(out);
		return IMAGE_CORRUPT;
	}
	return IMAGE_OK;
}

enum image_err image_decode(const void *data, size_t len, const char *mime, unsigned max_side,
			    struct image_rgba *out)
{
	memset(out, 0, sizeof(*out));
	if (strcmp(mime, "image/png") == 0)
		return decode_png(data, len, max_side, out);
	if (strcmp(mime, "image/jpeg") == 0)
		return decode_jpeg(data, len, max_side, out);
	if (strcmp(mime, "image/webp") == 0)
		return decode_webp(data, len, max_side, out);
	return IMAGE_UNSUPPORTED;
}

enum image_err image_thumbnail_webp(const struct image_rgba *img, unsigned max_side, int quality,
				    uint8_t **out, size_t *outlen, unsigned *tw, unsigned *th)
{
	WebPConfig config;
	WebPPicture pic;
	WebPMemoryWriter wr;
	enum image_err result = IMAGE_ERROR;
	if (!WebPConfigPreset(&config, WEBP_PRESET_PHOTO, (float)quality) || !WebPPictureInit(&pic))
		return IMAGE_ERROR;
	unsigned w = img->width, h = img->height;
	if (w > max_side || h > max_side) {
		if (w >= h) {
			h = (unsigned)(((unsigned long long)h * max_side + w / 2) / w);
			w = max_side;
		} else {
			w = (unsigned)(((unsigned long long)w * max_side + h / 2) / h);
			h = max_side;
		}
		if (w == 0)
			w = 1;
		if (h == 0)
			h = 1;
	}
	pic.use_argb = 1;
	pic.width = (int)img->width;
	pic.height = (int)img->height;
	WebPMemoryWriterInit(&wr);
	if (!WebPPictureImportRGBA(&pic, img->pixels, (int)img->width * 4))
		goto out;
	if ((w != img->width || h != img->height) && !WebPPictureRescale(&pic, (int)w, (int)h))
		goto out;
	pic.writer = WebPMemoryWrite;
	pic.custom_ptr = &wr;
	if (!WebPEncode(&config, &pic))
		goto out;
	*out = wr.mem;
	*outlen = wr.size;
	wr.mem = NULL;
	*tw = w;
	*th = h;
	result = IMAGE_OK;
out:
	WebPPictureFree(&pic);
	WebPMemoryWriterClear(&wr);
	return result;
}

enum image_err image_encode_png(const struct image_rgba *img, uint8_t **out, size_t *outlen)
{
	png_image p;
	memset(&p, 0, sizeof(p));
	p.version = PNG_IMAGE_VERSION;
	p.width = img->width;
	p.height = img->height;
	p.format = PNG_FORMAT_RGBA;
	png_alloc_size_t size = 0;
	if (!png_image_write_to_memory(&p, NULL, &size, 0, img->pixels, 0, NULL))
		return IMAGE_ERROR;
	uint8_t *buf = WebPMalloc(size);
	if (buf == NULL)
		return IMAGE_NOMEM;
	if (!png_image_write_to_memory(&p, buf, &size, 0, img->pixels, 0, NULL)) {
		WebPFree(buf);
		return IMAGE_ERROR;
	}
	*out = buf;
	*outlen = size;
	return IMAGE_OK;
}

void image_bytes_free(uint8_t *bytes)
{
	/* Both encoders hand out memory from libwebp's allocator or malloc; WebPFree is free(). */
	WebPFree(bytes);
}

enum image_err image_encode_jpeg(const struct image_rgba *img, int quality, uint8_t **out, size_t *outlen)
{
	struct jpeg_compress_struct cinfo;
	struct jpeg_fail fail;
	/* volatile: it changes between setjmp and a longjmp back to it. */
	uint8_t *volatile row = NULL;
	unsigned long size = 0;
	enum image_err result = IMAGE_ERROR;
	cinfo.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_fail_exit;
	if (setjmp(fail.jmp)) {
		/* libjpeg's buffer may have moved: it is left to the process (only an internal error gets here). */
		jpeg_destroy_compress(&cinfo);
		free(row);
		return IMAGE_ERROR;
	}
	jpeg_create_compress(&cinfo);
	unsigned char *m = NULL;
	jpeg_mem_dest(&cinfo, &m, &size);
	cinfo.image_width = img->width;
	cinfo.image_height = img->height;
	cinfo.input_components = 3;
	cinfo.in_color_space = JCS_RGB;
	jpeg_set_defaults(&cinfo);
	jpeg_set_quality(&cinfo, quality < 1 ? 1 : quality > 100 ? 100 : quality, TRUE);
	row = malloc((size_t)img->width * 3);
	if (row == NULL) {
		result = IMAGE_NOMEM;
		goto out;
	}
	jpeg_start_compress(&cinfo, TRUE);
	/* JPEG has no alpha: each pixel is composited over white, as viewers show transparency. */
	for (unsigned y = 0; y < img->height; y++) {
		const uint8_t *src = img->pixels + (size_t)y * img->width * 4;
		for (unsigned x = 0; x < img->width; x++) {
			unsigned a = src[x * 4 + 3];
			for (int c = 0; c < 3; c++)
				row[x * 3 + c] = (uint8_t)((src[x * 4 + c] * a + 255 * (255 - a) + 127) / 255);
		}
		JSAMPROW r = row;
		jpeg_write_scanlines(&cinfo, &r, 1);
	}
	jpeg_finish_compress(&cinfo);
	*out = m;
	*outlen = size;
	result = IMAGE_OK;
out:
	jpeg_destroy_compress(&cinfo);
	free(row);
	return result;
}
