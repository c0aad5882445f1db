/*
 * gallery_seed: fills a data directory for tests/bench/gallery — USERS users,
 * one of them with IMAGES gallery entries — straight through the store and
 * gallery modules (rendering 100,000 images first would take hours). Every
 * entry points at one real file record, so each signed URL still downloads.
 *
 *   gallery_seed DATA_DIR USERS IMAGES   (prints the heavy user's email)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "blobstore.h"
#include "conversations.h"
#include "files.h"
#include "gallery.h"
#include "image.h"
#include "textparse.h"

struct batch {
	const struct file_record *rec;
	const char *owner;
	int64_t base_ms;
	long from, count;
	const char *conv;
};

static int add_batch(struct store_txn *txn, void *arg)
{
	struct batch *b = arg;
	static const char *const words[] = { "zebra", "castle", "rocket", "garden", "harbor", "meadow" };
	for (long i = b->from; i < b->from + b->count; i++) {
		char prompt[96];
		snprintf(prompt, sizeof(prompt), "a %s number %ld", words[i % 6], i);
		json_t *card = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:s, s:s}", "title", prompt,
					 "prompt", prompt, "enhanced_prompt", prompt, "style", i % 4 ? "" : "sketch",
					 "width", 64, "height", 64, "conversation_id", b->conv, "message_id", "m",
					 "asset_pointer", "sediment://x", "hash", b->rec->hash, "thumb_hash",
					 b->rec->thumb_hash, "mime", "image/png");
		struct file_record r = *b->rec;
		snprintf(r.owner, sizeof(r.owner), "%s", b->owner);
		int rc = gallery_add(txn, &r, b->base_ms + i, card);
		json_decref(card);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int main(int argc, char **argv)
{
	unsigned long long users, images;
	if (argc != 4 || parse_ull(argv[2], strlen(argv[2]), 1, 1000000, &users) != 0 ||
	    parse_ull(argv[3], strlen(argv[3]), 1, 10000000, &images) != 0) {
		fprintf(stderr, "usage: gallery_seed DATA_DIR USERS IMAGES\n");
		return 2;
	}
	char path[4096], err[256], blobs[4096];
	snprintf(path, sizeof(path), "%s/db", argv[1]);
	snprintf(blobs, sizeof(blobs), "%s/blobs", argv[1]);
	struct store *s;
	struct store_opts o = { 64u << 20, 64ull << 30, 1024 };
	if (store_open(&s, path, &o, err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	struct config cfg;
	config_defaults(&cfg);
	cfg.scrypt_log2_n = 10;
	struct user heavy, u;
	char email[64];
	for (unsigned long long i = 0; i < users; i++) {
		snprintf(email, sizeof(email), "user%llu@bench.example", i);
		if (account_create(s, &cfg, email, "Bench", "bench password", 14, i == 0 ? &heavy : &u) != ACCT_OK) {
			fprintf(stderr, "cannot create %s\n", email);
			return 1;
		}
	}
	/* One real image that every entry shows. */
	struct image_rgba img = { malloc(64 * 64 * 4), 64, 64 };
	memset(img.pixels, 200, 64 * 64 * 4);
	uint8_t *png, *thumb;
	size_t plen, tlen;
	unsigned tw, th;
	struct file_record rec;
	memset(&rec, 0, sizeof(rec));
	image_encode_png(&img, &png, &plen);
	image_thumbnail_webp(&img, 384, 80, &thumb, &tlen, &tw, &th);
	blob_put(blobs, png, plen, rec.hash);
	blob_put(blobs, thumb, tlen, rec.thumb_hash);
	snprintf(rec.owner, sizeof(rec.owner), "%s", heavy.id);
	snprintf(rec.name, sizeof(rec.name), "bench.png");
	snprintf(rec.mime, sizeof(rec.mime), "image/png");
	rec.size = (int64_t)plen;
	rec.thumb_size = (int64_t)tlen;
	rec.width = rec.height = 64;
	rec.thumb_width = tw;
	rec.thumb_height = th;
	rec.created = (int64_t)time(NULL);
	file_create(s, &rec, NULL);
	char conv[UUID_LEN + 1];
	uuid_new(conv);
	int64_t base = (int64_t)time(NULL) * 1000 - (int64_t)images;
	for (long from = 0; from < (long)images; from += 5000) {
		struct batch b = { &rec, heavy.id, base, from, (long)images - from < 5000 ? (long)images - from : 5000, conv };
		if (store_update(s, add_batch, &b) != STORE_OK) {
			fprintf(stderr, "seeding failed\n");
			return 1;
		}
	}
	store_close(s);
	printf("user0@bench.example\n");
	return 0;
}
