#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>

#include "blobstore.h"
#include "files.h"
#include "image.h"
#include "tap.h"

static struct image_rgba gradient(unsigned w, unsigned h)
{
	struct image_rgba img = { malloc((size_t)w * h * 4), w, h };
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			uint8_t *p = img.pixels + ((size_t)y * w + x) * 4;
			p[0] = (uint8_t)(x * 255 / w);
			p[1] = (uint8_t)(y * 255 / h);
			p[2] = 128;
			p[3] = 255;
		}
	return img;
}

/* A baseline JPEG of img made with libjpeg, to check the decoder on real data. */
static unsigned char *encode_jpeg(const struct image_rgba *img, unsigned long *len)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr err;
	unsigned char *out = NULL;
	c.err = jpeg_std_error(&err);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &out, len);
	c.image_width = img->width;
	c.image_height = img->height;
	c.input_components = 4;
	c.in_color_space = JCS_EXT_RGBA;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = img->pixels + (size_t)c.next_scanline * img->width * 4;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	return out;
}

int main(void)
{
	/* Image: encode, sniff, decode, thumbnail. */
	struct image_rgba img = gradient(1000, 500);
	uint8_t *png;
	size_t pnglen;
	ok(image_encode_png(&img, &png, &pnglen) == IMAGE_OK, "encode PNG (%zu bytes)", pnglen);
	char mime[32];
	ok(image_sniff(png, pnglen, mime, sizeof(mime)) == 0 && strcmp(mime, "image/png") == 0,
	   "libmagic says image/png");
	ok(image_sniff("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13, mime, sizeof(mime)) == 0 &&
	   image_extension(mime) == NULL, "a GIF is sniffed as %s and not accepted", mime);
	struct image_rgba back;
	ok(image_decode(png, pnglen, "image/png", 4096, &back) == IMAGE_OK && back.width == 1000 &&
	   back.height == 500 && memcmp(back.pixels, img.pixels, 1000 * 500 * 4) == 0,
	   "PNG round-trips pixel for pixel");
	image_rgba_free(&back);
	ok(image_decode(png, pnglen, "image/png", 999, &back) == IMAGE_TOO_LARGE, "over max side refused");
	ok(image_decode(png, pnglen / 2, "image/png", 4096, &back) == IMAGE_CORRUPT, "truncated PNG refused");
	/* Damage the first IDAT's data, keep the chunk structure. */
	uint8_t *bad = malloc(pnglen);
	memcpy(bad, png, pnglen);
	uint8_t *idat = memmem(bad, pnglen, "IDAT", 4);
	for (int i = 8; i < 40 && idat; i++)
		idat[i] ^= 0x5a;
	ok(idat && image_decode(bad, pnglen, "image/png", 4096, &back) == IMAGE_CORRUPT,
	   "PNG with a corrupt IDAT refused");
	free(bad);
	unsigned long jlen = 0;
	unsigned char *jpg = encode_jpeg(&img, &jlen);
	ok(image_sniff(jpg, jlen, mime, sizeof(mime)) == 0 && strcmp(mime, "image/jpeg") == 0,
	   "libmagic says image/jpeg");
	ok(image_decode(jpg, jlen, "image/jpeg", 4096, &back) == IMAGE_OK && back.width == 1000 &&
	   back.height == 500 && back.pixels[3] == 255, "JPEG decodes to RGBA");
	int close_enough = back.pixels != NULL;
	for (size_t i = 0; close_enough && i < 1000 * 500 * 4; i += 4 * 997)
		close_enough = abs((int)back.pixels[i] - (int)img.pixels[i]) < 24;
	ok(close_enough, "JPEG pixels are close to the original");
	image_rgba_free(&back);
	ok(image_decode(jpg, jlen / 2, "image/jpeg", 4096, &back) == IMAGE_CORRUPT, "truncated JPEG refused");
	ok(image_decode(jpg, jlen, "image/jpeg", 999, &back) == IMAGE_TOO_LARGE, "JPEG over max side refused");
	free(jpg);
	ok(image_decode("\xff\xd8\xff\xe0garbage", 11, "image/jpeg", 4096, &back) == IMAGE_CORRUPT,
	   "garbage JPEG refused");
	ok(image_decode("RIFF\x10\x00\x00\x00WEBPVP8 ", 16, "image/webp", 4096, &back) == IMAGE_CORRUPT,
	   "garbage WebP refused");

	uint8_t *thumb;
	size_t tlen;
	unsigned tw, th;
	ok(image_thumbnail_webp(&img, 384, 80, &thumb, &tlen, &tw, &th) == IMAGE_OK && tw == 384 && th == 192,
	   "landscape thumbnail is 384x192 (%ux%u, %zu bytes)", tw, th, tlen);
	ok(image_sniff(thumb, tlen, mime, sizeof(mime)) == 0 && strcmp(mime, "image/webp") == 0,
	   "thumbnail sniffs as image/webp");
	ok(image_decode(thumb, tlen, "image/webp", 4096, &back) == IMAGE_OK && back.width == 384 &&
	   back.height == 192, "thumbnail decodes at its size");
	image_rgba_free(&back);
	struct image_rgba tall = gradient(100, 1000), small = gradient(200, 100);
	uint8_t *t2;
	size_t t2len;
	image_thumbnail_webp(&tall, 384, 80, &t2, &t2len, &tw, &th);
	ok(tw == 38 && th == 384, "portrait thumbnail keeps aspect (%ux%u)", tw, th);
	image_bytes_free(t2);
	image_thumbnail_webp(&small, 384, 80, &t2, &t2len, &tw, &th);
	ok(tw == 200 && th == 100, "small images are not upscaled (%ux%u)", tw, th);
	image_bytes_free(t2);
	image_rgba_free(&tall);
	image_rgba_free(&small);

	/* Safe names. */
	static const struct {
		const char *in, *ext, *want;
	} names[] = {
		{ "photo.jpg", "png", "photo.png" },
		{ "../../etc/passwd", "png", "passwd.png" },
		{ "C:\\Users\\x\\cat.webp", "webp", "cat.webp" },
		{ "a\"b\r\nSet-Cookie: x.png", "png", "a_b__Set-Cookie: x.png" },
		{ "", "jpg", "image.jpg" },
		{ ".hidden", "png", "hidden.png" },
		{ "caf\xc3\xa9.png", "png", "caf\xc3\xa9.png" },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char out[256];
		file_safe_name(names[i].in, names[i].ext, out, sizeof(out));
		ok(strcmp(out, names[i].want) == 0, "safe name '%s' -> '%s'", names[i].want, out);
	}

	/* Blobs and file records against a real store. */
	char dir[256], err[256], blobs[300], dbdir[300];
	tap_tmpdir(dir, sizeof(dir));
	snprintf(blobs, sizeof(blobs), "%s/blobs", dir);
	snprintf(dbdir, sizeof(dbdir), "%s/db", dir);
	mkdir(blobs, 0755);
	struct store *s;
	struct store_opts o = { .map_bytes = 4 << 20, .map_max_bytes = 64 << 20, .max_readers = 126 };
	ok(store_open(&s, dbdir, &o, err, sizeof(err)) == STORE_OK, "open store");
	char h1[65], h2[65], path[512];
	ok(blob_put(blobs, png, pnglen, h1) == 0, "store a blob");
	ok(blob_path(blobs, h1, path, sizeof(path)) == 0 && access(path, R_OK) == 0, "it is at %s", path);
	ok(strstr(path, "/blobs/") && path[strlen(blobs) + 3] == '/' && strncmp(path + strlen(blobs) + 1, h1, 2) == 0,
	   "path is ab/cd/<sha>");
	ok(blob_put(blobs, png, pnglen, h2) == 0 && strcmp(h1, h2) == 0, "the same bytes get the same hash");

	struct file_record a = { 0 }, b = { 0 }, got;
	snprintf(a.owner, sizeof(a.owner), "user-a");
	snprintf(a.name, sizeof(a.name), "x.png");
	snprintf(a.mime, sizeof(a.mime), "image/png");
	memcpy(a.hash, h1, 65);
	char th1[65];
	blob_put(blobs, thumb, tlen, th1);
	memcpy(a.thumb_hash, th1, 65);
	a.size = (int64_t)pnglen;
	a.thumb_size = (int64_t)tlen;
	a.width = 1000;
	a.height = 500;
	a.created = 1000;
	b = a;
	ok(file_create(s, &a, NULL) == STORE_OK && file_id_valid(a.id), "file record created: %s", a.id);
	ok(file_create(s, &b, NULL) == STORE_OK && strcmp(a.id, b.id) != 0, "a second record of the same bytes");
	ok(file_get(s, a.id, &got) == STORE_OK && strcmp(got.hash, h1) == 0 && got.width == 1000,
	   "record reads back");
	ok(file_get(s, "file_0000000000000000000000000", &got) == STORE_NOTFOUND, "malformed id not found");
	struct file_usage u;
	int64_t each = a.size + a.thumb_size;
	ok(file_usage_get(s, "user-a", &u) == STORE_OK && u.files == 2 && u.bytes == 2 * each,
	   "usage counts both records (%lld files, %lld bytes)", (long long)u.files, (long long)u.bytes);
	ok(file_usage_get(s, "user-z", &u) == STORE_OK && u.files == 0 && u.bytes == 0, "a user with nothing");
	struct file_record c = a;
	struct file_quota q = { 0, 2 };
	ok(file_create(s, &c, &q) == FILE_OVER_QUOTA, "a third file over a quota of two files is refused");
	q = (struct file_quota){ 3 * each - 1, 0 };
	ok(file_create(s, &c, &q) == FILE_OVER_QUOTA, "and over a quota in bytes");
	q = (struct file_quota){ 3 * each, 3 };
	ok(file_create(s, &c, &q) == STORE_OK, "exactly at the quota fits");
	ok(file_usage_get(s, "user-a", &u) == STORE_OK && u.files == 3, "counted");
	ok(file_delete(s, c.id) == STORE_OK && file_usage_get(s, "user-a", &u) == STORE_OK && u.files == 2 &&
	   u.bytes == 2 * each,
	   "a delete gives the room back");
	char used[160];
	q = (struct file_quota){ 5ll << 30, 20000 };
	file_usage_describe(&q, &(struct file_usage){ 3ll << 29, 310 }, used, sizeof(used));
	ok(strcmp(used, "1.5 GB of 5.0 GB and 310 of 20000 files are used") == 0, "described: %s", used);
	unsigned removed = 9;
	ok(blob_sweep(s, blobs, 0, &removed) == 0 && removed == 0, "sweep keeps referenced blobs");
	ok(file_delete(s, a.id) == STORE_OK && file_get(s, a.id, &got) == STORE_NOTFOUND, "delete one record");
	blob_sweep(s, blobs, 0, &removed);
	ok(removed == 0 && access(path, R_OK) == 0, "the blob stays while the other record uses it");
	ok(file_delete(s, b.id) == STORE_OK, "delete the last record");
	blob_sweep(s, blobs, 3600, &removed);
	ok(removed == 0 && access(path, R_OK) == 0, "within the grace period the blob stays");
	blob_sweep(s, blobs, 0, &removed);
	ok(removed == 2 && access(path, F_OK) != 0, "then the full blob and thumbnail are reclaimed (%u)", removed);
	store_close(s);
	image_bytes_free(png);
	image_bytes_free(thumb);
	image_rgba_free(&img);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "cleanup");
	return tap_done();
}
