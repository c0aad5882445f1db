/*
 * images-admin: maintenance commands run beside the workers.
 *
 *   images-admin [-c images.conf] [-d data_dir] rotate-keys
 *       Makes a new estuary signing key; the old one still verifies links it
 *       signed until they expire. Workers pick the new key up within a second.
 *   images-admin [-c images.conf] [-d data_dir] sweep [grace seconds]
 *       Deletes blob files no file record refers to (default grace: 3600 s).
 *   images-admin [-c images.conf] [-d data_dir] check
 *       Prints the store's map size, runs LMDB's stale-reader check, and checks
 *       that every file record's full and thumbnail blobs are on disk with the
 *       size and SHA-256 the record names. Exit 1 when anything is missing or
 *       damaged (one line on stderr each).
 *   images-admin [-c images.conf] [-d data_dir] usage
 *       One line per user: email, files and bytes their images and uploads
 *       hold, against the quota images.conf sets; the biggest first.
 */
#include <jansson.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blobstore.h"
#include "config.h"
#include "files.h"
#include "keys.h"
#include "store.h"
#include "textparse.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: images-admin [-c images.conf] [-d data_dir] rotate-keys\n"
		   "       images-admin [-c images.conf] [-d data_dir] sweep [grace_seconds]\n"
		   "       images-admin [-c images.conf] [-d data_dir] check\n"
		   "       images-admin [-c images.conf] [-d data_dir] usage\n");
}

static int open_store(const struct config *cfg, struct store **s)
{
	char path[PATH_MAX], err[512];
	if ((size_t)snprintf(path, sizeof(path), "%s/db", cfg->data_dir) >= sizeof(path))
		return -1;
	struct store_opts o = { cfg->db_map_mb << 20, cfg->db_map_max_mb << 20, cfg->db_max_readers };
	if (store_open(s, path, &o, err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "images-admin: %s\n", err);
		return -1;
	}
	return 0;
}

/* ---- check: every file record's bytes are on disk and are what it says ---- */

#define CHECK_MAX_FILES 1000000

struct check_item {
	char id[48];
	char hash[2][65];
	long long size[2];
};

struct check_list {
	struct check_item *items;
	size_t n, cap;
	bool malformed;
};

static int collect_file(const struct store_val *key, const struct store_val *val, void *ctx)
{
	struct check_list *l = ctx;
	(void)key;
	if (l->n >= CHECK_MAX_FILES)
		return STORE_STOP;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 256;
		struct check_item *grown = realloc(l->items, cap * sizeof(*grown));
		if (grown == NULL)
			return STORE_ERROR;
		l->items = grown;
		l->cap = cap;
	}
	json_t *j = json_loadb(val->data, val->len, 0, NULL);
	const char *id = json_string_value(json_object_get(j, "id"));
	const char *h = json_string_value(json_object_get(j, "hash"));
	const char *th = json_string_value(json_object_get(j, "thumb_hash"));
	if (id == NULL || h == NULL || th == NULL || strlen(h) != 64 || strlen(th) != 64) {
		fprintf(stderr, "check: malformed file record %.*s\n", (int)(val->len > 200 ? 200 : val->len),
			(const char *)val->data);
		l->malformed = true;
		json_decref(j);
		return STORE_OK;
	}
	struct check_item *it = &l->items[l->n++];
	snprintf(it->id, sizeof(it->id), "%s", id);
	memcpy(it->hash[0], h, 65);
	memcpy(it->hash[1], th, 65);
	it->size[0] = (long long)json_integer_value(json_object_get(j, "size"));
	it->size[1] = (long long)json_integer_value(json_object_get(j, "thumb_size"));
	json_decref(j);
	return STORE_OK;
}

static int collect_files_txn(struct store_txn *txn, void *ctx)
{
	return store_scan(txn, DB_FILES, NULL, 0, NULL, 0, false, false, collect_file, ctx);
}

/* 0 when the blob file exists with this size and SHA-256; -1 (with a message) otherwise. */
static int check_blob(const char *blobs_dir, const char *id, const char *sha, long long size)
{
	char path[PATH_MAX];
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	if (blob_path(blobs_dir, sha, path, sizeof(path)) != 0)
		return -1;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "check: %s: blob %s missing\n", id, sha);
		return -1;
	}
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	long long total = 0;
	size_t n;
	int rc = c != NULL && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 ? 0 : -1;
	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), f)) > 0) {
		total += (long long)n;
		if (EVP_DigestUpdate(c, buf, n) != 1)
			rc = -1;
	}
	if (rc == 0 && (ferror(f) || EVP_DigestFinal_ex(c, md, &mdlen) != 1))
		rc = -1;
	EVP_MD_CTX_free(c);
	fclose(f);
	char hex[65];
	for (unsigned i = 0; i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
	if (rc != 0 || mdlen != 32 || strcmp(hex, sha) != 0 || total != size) {
		fprintf(stderr, "check: %s: blob %s is damaged (%lld bytes, want %lld)\n", id, sha, total, size);
		return -1;
	}
	return 0;
}

static int check_files(struct store *s, const char *blobs_dir, unsigned *checked)
{
	struct check_list l = { 0 };
	int problems = 0;
	if (store_view(s, collect_files_txn, &l) != STORE_OK) {
		fprintf(stderr, "check: cannot read the file records\n");
		free(l.items);
		return 1;
	}
	for (size_t i = 0; i < l.n; i++)
		for (int k = 0; k < 2; k++)
			problems += check_blob(blobs_dir, l.items[i].id, l.items[i].hash[k], l.items[i].size[k]) != 0;
	*checked = (unsigned)l.n;
	free(l.items);
	return problems + (l.malformed ? 1 : 0);
}

/* ---- usage: what each user's files hold, against the quota ---- */

struct usage_row {
	char email[256];
	struct file_usage u;
};

struct usage_list {
	struct store_txn *txn;
	struct usage_row *rows;
	size_t n, cap;
	int rc;
};

static int usage_user(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct usage_list *l = arg;
	json_t *j = json_loadb(val->data, val->len, 0, NULL);
	char id[64];
	if (j == NULL || key->len >= sizeof(id)) {
		json_decref(j);
		return STORE_CORRUPT;
	}
	memcpy(id, key->data, key->len);
	id[key->len] = '\0';
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct usage_row *r = realloc(l->rows, cap * sizeof(*r));
		if (r == NULL) {
			json_decref(j);
			return STORE_ERROR;
		}
		l->rows = r;
		l->cap = cap;
	}
	struct usage_row *row = &l->rows[l->n];
	const char *email = json_string_value(json_object_get(j, "email"));
	snprintf(row->email, sizeof(row->email), "%s", email ? email : id);
	json_decref(j);
	int rc = file_usage_txn(l->txn, id, &row->u);
	if (rc != STORE_OK)
		return rc;
	l->n++;
	return STORE_OK;
}

static int usage_txn(struct store_txn *txn, void *arg)
{
	struct usage_list *l = arg;
	l->txn = txn;
	return store_scan(txn, DB_USERS, "", 0, NULL, 0, false, false, usage_user, l);
}

static int by_bytes(const void *a, const void *b)
{
	const struct usage_row *x = a, *y = b;
	return x->u.bytes < y->u.bytes ? 1 : x->u.bytes > y->u.bytes ? -1 : strcmp(x->email, y->email);
}

static int print_usage(const struct config *cfg)
{
	struct store *s;
	if (open_store(cfg, &s) != 0)
		return 1;
	struct usage_list l = { 0 };
	int rc = store_view(s, usage_txn, &l);
	store_close(s);
	if (rc != STORE_OK) {
		fprintf(stderr, "images-admin: cannot read usage: %s\n", store_strerror(rc));
		free(l.rows);
		return 1;
	}
	qsort(l.rows, l.n, sizeof(*l.rows), by_bytes);
	struct file_quota q = file_quota_of(cfg);
	int64_t total = 0, files = 0;
	printf("%-40s %10s %14s  %s\n", "user", "files", "bytes", "of the quota");
	for (size_t i = 0; i < l.n; i++) {
		char share[64] = "no cap";
		if (q.bytes > 0 || q.files > 0)
			snprintf(share, sizeof(share), "%.1f %% of bytes, %.1f %% of files",
				 q.bytes > 0 ? 100.0 * (double)l.rows[i].u.bytes / (double)q.bytes : 0.0,
				 q.files > 0 ? 100.0 * (double)l.rows[i].u.files / (double)q.files : 0.0);
		printf("%-40s %10lld %14lld  %s\n", l.rows[i].email, (long long)l.rows[i].u.files,
		       (long long)l.rows[i].u.bytes, share);
		total += l.rows[i].u.bytes;
		files += l.rows[i].u.files;
	}
	printf("%zu users, %lld files, %lld bytes; quota per user: %lld bytes, %lld files (0: none)\n", l.n,
	       (long long)files, (long long)total, (long long)q.bytes, (long long)q.files);
	free(l.rows);
	return 0;
}

int main(int argc, char **argv)
{
	struct config cfg;
	char err[512], path[PATH_MAX];
	const char *conf = NULL, *dir = NULL;
	int opt;
	config_defaults(&cfg);
	while ((opt = getopt(argc, argv, "c:d:h")) != -1) {
		switch (opt) {
		case 'c': conf = optarg; break;
		case 'd': dir = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (conf != NULL && config_load(&cfg, conf, err, sizeof(err)) != 0) {
		fprintf(stderr, "images-admin: %s\n", err);
		return 2;
	}
	if (dir == NULL)
		dir = getenv("IMAGES_VAR");
	if (dir != NULL && config_set(&cfg, "data_dir", dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "images-admin: %s\n", err);
		return 2;
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[optind];
	if (strcmp(cmd, "rotate-keys") == 0) {
		if ((size_t)snprintf(path, sizeof(path), "%s/keys/estuary.key", cfg.data_dir) >= sizeof(path) ||
		    keys_rotate(path, err, sizeof(err)) != 0) {
			fprintf(stderr, "images-admin: %s\n", err);
			return 1;
		}
		printf("rotated %s: new links use the new key; links signed before stay valid until they expire\n",
		       path);
		return 0;
	}
	if (strcmp(cmd, "sweep") == 0) {
		unsigned long long grace = 3600;
		if (optind + 1 < argc &&
		    parse_ull(argv[optind + 1], strlen(argv[optind + 1]), 0, 86400 * 365, &grace) != 0) {
			fprintf(stderr, "images-admin: grace must be a number of seconds\n");
			return 2;
		}
		struct store *s;
		unsigned removed;
		if ((size_t)snprintf(path, sizeof(path), "%s/blobs", cfg.data_dir) >= sizeof(path) ||
		    open_store(&cfg, &s) != 0)
			return 1;
		int rc = blob_sweep(s, path, (int64_t)grace, &removed);
		store_close(s);
		printf("sweep: %u unreferenced blob files removed\n", removed);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(cmd, "check") == 0) {
		struct store *s;
		int dead = 0;
		if (open_store(&cfg, &s) != 0)
			return 1;
		store_reader_check(s, &dead);
		unsigned files = 0;
		int problems = 0;
		if ((size_t)snprintf(path, sizeof(path), "%s/blobs", cfg.data_dir) >= sizeof(path))
			problems = 1;
		else
			problems = check_files(s, path, &files);
		printf("map size %zu bytes; %d stale readers cleared; %u file records checked (full and "
		       "thumbnail blobs: present, size, SHA-256); %d problems\n",
		       store_map_size(s), dead, files, problems);
		store_close(s);
		return problems == 0 ? 0 : 1;
	}
	if (strcmp(cmd, "usage") == 0)
		return print_usage(&cfg);
	usage(stderr);
	return 2;
}
