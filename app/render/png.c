/*
 * render_png: PNG output with the generation's metadata in tEXt chunks, so a
 * downloaded image still says what made it (prompt, enhanced prompt, style,
 * seed, size, engine). libpng's simplified API cannot write text chunks, so
 * this uses the classic write API with a memory sink.
 */
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <webp/types.h>

#include "render.h"

struct sink {
	uint8_t *buf;
	size_t len, cap;
	bool failed;
};

static void sink_write(png_structp png, png_bytep data, png_size_t n)
{
	struct sink *s = png_get_io_ptr(png);
	if (s->failed)
		return;
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap : 65536;
		while (cap < s->len + n)
			cap *= 2;
		/* WebPMalloc: the caller frees with image_bytes_free() like every encoder's output. */
		uint8_t *grown = WebPMalloc(cap);
		if (grown == NULL) {
			s->failed = true;
			return;
		}
		if (s->len)
			memcpy(grown, s->buf, s->len);
		WebPFree(s->buf);
		s->buf = grown;
		s->cap = cap;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
}

static void sink_flush(png_structp png)
{
	(void)png;
}

int render_png(const struct image_rgba *img, const char *const *keys, const char *const *values,
	       size_t ntext, uint8_t **out, size_t *outlen)
{
	struct sink sink = { 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_textp text = NULL;
	int rc = -1;
	if (info == NULL)
		goto out;
	if (ntext > 16)
		goto out;
	text = calloc(ntext ? ntext : 1, sizeof(*text));
	if (text == NULL)
		goto out;
	if (setjmp(png_jmpbuf(png)))
		goto out;
	png_set_write_fn(png, &sink, sink_write, sink_flush);
	png_set_IHDR(png, info, img->width, img->height, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, 6);
	for (size_t i = 0; i < ntext; i++) {
		/* tEXt is Latin-1; UTF-8 text goes in iTXt so prompts keep every character. */
		text[i].compression = PNG_ITXT_COMPRESSION_NONE;
		text[i].key = (png_charp)keys[i];
		text[i].text = (png_charp)values[i];
		text[i].text_length = 0;
		text[i].itxt_length = strlen(values[i]);
		text[i].lang = (png_charp) "";
		text[i].lang_key = (png_charp) "";
		for (const unsigned char *p = (const unsigned char *)values[i]; *p; p++) {
			if (*p >= 0x80)
				goto keep_itxt;
		}
		text[i].compression = PNG_TEXT_COMPRESSION_NONE;
		text[i].text_length = strlen(values[i]);
		text[i].itxt_length = 0;
keep_itxt:;
	}
	if (ntext)
		png_set_text(png, info, text, (int)ntext);
	png_write_info(png, info);
	for (unsigned y = 0; y < img->height; y++)
		png_write_row(png, img->pixels + (size_t)y * img->width * 4);
	png_write_end(png, info);
	if (sink.failed)
		goto out;
	*out = sink.buf;
	*outlen = sink.len;
	sink.buf = NULL;
	rc = 0;
out:
	png_destroy_write_struct(&png, &info);
	free(text);
	WebPFree(sink.buf);
	return rc;
}
