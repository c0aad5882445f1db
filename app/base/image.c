#include "image.h"

#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <magic.h>
#include <png.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/encode.h>

const char *image_strerror(enum image_err e)
{
	switch (e) {
	case IMAGE_OK: return "ok";
	case IMAGE_UNSUPPORTED: return "only PNG, JPEG and WebP images are accepted";
	case IMAGE_CORRUPT: return "the image is damaged or truncated and cannot be decoded";
	case IMAGE_TOO_LARGE: return "the image is larger than allowed";
	case IMAGE_NOMEM: return "out of memory";
	case IMAGE_ERROR: return "image processing failed";
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

static enum image_err decode_png(const void *data, size_t len, unsigned max_side,
				 struct image_rgba *out)
{
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
};

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
	volatile enum image_err result = IMAGE_CORRUPT;
	out->pixels = NULL;
	cinfo.err = jpeg_std_error(&fail.mgr);
	fail.mgr.error_exit = jpeg_fail_exit;
	fail.mgr.emit_message = jpeg_quiet;
	if (setjmp(fail.jmp)) {
		jpeg_destroy_decompress(&cinfo);
		image_rgba_free(out);
		return result;
	}
	jpeg_create_decompress(&cinfo);
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK)
		longjmp(fail.jmp, 1);
	if (cinfo.image_width > max_side || cinfo.image_height > max_side) {
		result = IMAGE_TOO_LARGE;
		longjmp(fail.jmp, 1);
	}
	cinfo.out_color_space = JCS_EXT_RGBA;
	jpeg_start_decompress(&cinfo);
	if (alloc_pixels(out, cinfo.output_width, cinfo.output_height) != IMAGE_OK) {
		result = IMAGE_NOMEM;
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
