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
 *   images-admin [-c images.conf] [-d data_dir] backup DIR
 *       Writes a consistent copy of the live store (mdb_env_copy2, compacted,
 *       while workers keep writing), the signing keys and every blob the copy's
 *       file records name (hard-linked when DIR is on the same file system,
 *       else copied) into the new or empty directory DIR.
 *   images-admin [-c images.conf] [-d data_dir] restore DIR
 *       Puts such a backup into data_dir, which must hold no store yet.
 *   images-admin [-c images.conf] [-d data_dir] users [disable|enable EMAIL]
 *       Lists the accounts (email, name, admin, created, disabled, files and
 *       bytes), or disables one (its sessions end; its log-ins, sessions and
 *       API keys are refused until it is enabled again) or enables it.
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
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "blobstore.h"
#include "accounts.h"
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
		   "       images-admin [-c images.conf] [-d data_dir] usage\n"
		   "       images-admin [-c images.conf] [-d data_dir] users [disable|enable EMAIL]\n"
		   "       images-admin [-c images.conf] [-d data_dir] backup DIR\n"
		   "       images-admin [-c images.conf] [-d data_dir] restore DIR\n");
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

/* ---- backup and restore ---- */

/* a/b into out: 0, or -1 (ENAMETOOLONG) when it does not fit. */
static int join(char *out, size_t outlen, const char *a, const char *b)
{
	int n = snprintf(out, outlen, "%s/%s", a, b);
	if (n < 0 || (size_t)n >= outlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

/* Copies src to dst (created with mode, not there before). 0 or -1 with errno. */
static int copy_file(const char *src, const char *dst, mode_t mode)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	char buf[1 << 16];
	ssize_t n;
	int rc = 0;
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(out, buf + off, (size_t)(n - off));
			if (w < 0) {
				rc = -1;
				break;
			}
			off += w;
		}
		if (rc != 0)
			break;
	}
	if (n < 0 || fsync(out) != 0)
		rc = -1;
	int saved = errno;
	close(in);
	if (close(out) != 0)
		rc = -1;
	if (rc != 0) {
		unlink(dst);
		errno = saved;
	}
	return rc;
}

/* Makes dir and its two-level blob parent for sha (blobs/ab/cd/). */
static int blob_parent(const char *blobs, const char *sha)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%.2s", blobs, sha);
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return -1;
	snprintf(path, sizeof(path), "%s/%.2s/%.2s", blobs, sha, sha + 2);
	return mkdir(path, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

struct blob_counts {
	unsigned linked, copied, present;
};

/* The blob sha from one blobs directory into another: a hard link, else a copy. */
static int carry_blob(const char *from, const char *to, const char *sha, struct blob_counts *c)
{
	char src[PATH_MAX], dst[PATH_MAX];
	if (blob_path(from, sha, src, sizeof(src)) != 0 || blob_path(to, sha, dst, sizeof(dst)) != 0 ||
	    blob_parent(to, sha) != 0)
		return -1;
	if (access(dst, F_OK) == 0) {
		c->present++;
		return 0;
	}
	if (link(src, dst) == 0) {
		c->linked++;
		return 0;
	}
	if (errno != EXDEV && errno != EPERM)
		return -1;
	if (copy_file(src, dst, 0644) != 0)
		return -1;
	c->copied++;
	return 0;
}

/* Every blob the store in db_dir names, from blobs `from` into blobs `to`. */
static int carry_blobs(const struct config *cfg, const char *db_dir, const char *from, const char *to,
		       unsigned *records, struct blob_counts *c)
{
	char path[PATH_MAX], err[512];
	if (join(path, sizeof(path), db_dir, "db") != 0)
		return -1;
	struct store *s;
	struct store_opts o = { cfg->db_map_mb << 20, cfg->db_map_max_mb << 20, cfg->db_max_readers };
	if (store_open(&s, path, &o, err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "images-admin: %s\n", err);
		return -1;
	}
	struct check_list l = { 0 };
	int rc = store_view(s, collect_files_txn, &l);
	store_close(s);
	if (rc != STORE_OK || l.malformed) {
		fprintf(stderr, "images-admin: cannot list the file records of %s\n", path);
		free(l.items);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++)
		for (int k = 0; k < 2; k++)
			if (carry_blob(from, to, l.items[i].hash[k], c) != 0) {
				fprintf(stderr, "images-admin: blob %s of %s: %s\n", l.items[i].hash[k], l.items[i].id,
					strerror(errno));
				free(l.items);
				return -1;
			}
	*records = (unsigned)l.n;
	free(l.items);
	return 0;
}

/* The regular files of keys directory from into to (0600): the signing keys, key files. */
static int carry_keys(const char *from, const char *to, unsigned *n)
{
	DIR *d = opendir(from);
	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char src[PATH_MAX], dst[PATH_MAX];
		struct stat st;
		if (e->d_name[0] == '.' || join(src, sizeof(src), from, e->d_name) != 0 || lstat(src, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		rc = join(dst, sizeof(dst), to, e->d_name) == 0 ? copy_file(src, dst, 0600) : -1;
		if (rc == 0)
			(*n)++;
		else
			fprintf(stderr, "images-admin: key file %s: %s\n", src, strerror(errno));
	}
	closedir(d);
	return rc;
}

/* dir/sub made with mode into out. */
static int make_sub(const char *dir, const char *sub, mode_t mode, char *out, size_t outlen)
{
	if (join(out, outlen, dir, sub) != 0)
		return -1;
	return mkdir(out, mode) != 0 && errno != EEXIST ? -1 : 0;
}

static bool dir_empty_or_absent(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return errno == ENOENT;
	struct dirent *e;
	bool empty = true;
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

static int backup(const struct config *cfg, const char *dir)
{
	char db[PATH_MAX], keys[PATH_MAX], blobs[PATH_MAX], from[PATH_MAX], err[512];
	if (!dir_empty_or_absent(dir)) {
		fprintf(stderr, "images-admin: backup: %s exists and is not empty\n", dir);
		return 2;
	}
	if ((mkdir(dir, 0700) != 0 && errno != EEXIST) || make_sub(dir, "db", 0700, db, sizeof(db)) != 0 ||
	    make_sub(dir, "keys", 0700, keys, sizeof(keys)) != 0 ||
	    make_sub(dir, "blobs", 0755, blobs, sizeof(blobs)) != 0) {
		fprintf(stderr, "images-admin: backup: cannot make %s: %s\n", dir, strerror(errno));
		return 1;
	}
	struct store *s;
	if (open_store(cfg, &s) != 0)
		return 1;
	int rc = store_backup(s, db, err, sizeof(err));
	store_close(s);
	if (rc != 0) {
		fprintf(stderr, "images-admin: backup: %s\n", err);
		return 1;
	}
	unsigned nkeys = 0, records = 0;
	struct blob_counts c = { 0 };
	if (join(from, sizeof(from), cfg->data_dir, "keys") != 0 || carry_keys(from, keys, &nkeys) != 0 ||
	    join(from, sizeof(from), cfg->data_dir, "blobs") != 0 || carry_blobs(cfg, dir, from, blobs, &records, &c) != 0)
		return 1;
	printf("backup: store, %u key files, %u file records and their blobs (%u linked, %u copied) in %s\n", nkeys,
	       records, c.linked, c.copied, dir);
	return 0;
}

static int restore(const struct config *cfg, const char *dir)
{
	char path[PATH_MAX], db[PATH_MAX], keys[PATH_MAX], blobs[PATH_MAX], from[PATH_MAX];
	const char *dd = cfg->data_dir;
	if (join(path, sizeof(path), dir, "db/data.mdb") != 0 || access(path, R_OK) != 0) {
		fprintf(stderr, "images-admin: restore: %s is not a backup (no db/data.mdb)\n", dir);
		return 2;
	}
	if (join(db, sizeof(db), dd, "db/data.mdb") != 0 || access(db, F_OK) == 0) {
		fprintf(stderr, "images-admin: restore: %s already holds a store; restore into an empty data directory\n", dd);
		return 2;
	}
	if ((mkdir(dd, 0755) != 0 && errno != EEXIST) || make_sub(dd, "db", 0700, db, sizeof(db)) != 0 ||
	    make_sub(dd, "keys", 0700, keys, sizeof(keys)) != 0 || make_sub(dd, "blobs", 0755, blobs, sizeof(blobs)) != 0 ||
	    make_sub(dd, "log", 0750, from, sizeof(from)) != 0) {
		fprintf(stderr, "images-admin: restore: cannot make %s: %s\n", dd, strerror(errno));
		return 1;
	}
	if (join(db, sizeof(db), dd, "db/data.mdb") != 0 || copy_file(path, db, 0600) != 0) {
		fprintf(stderr, "images-admin: restore: %s: %s\n", db, strerror(errno));
		return 1;
	}
	unsigned nkeys = 0, records = 0;
	struct blob_counts c = { 0 };
	if (join(from, sizeof(from), dir, "keys") != 0 || carry_keys(from, keys, &nkeys) != 0 ||
	    join(from, sizeof(from), dir, "blobs") != 0 || carry_blobs(cfg, dd, from, blobs, &records, &c) != 0)
		return 1;
	printf("restore: store, %u key files, %u file records and their blobs (%u linked, %u copied) into %s\n",
	       nkeys, records, c.linked, c.copied, dd);
	return 0;
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

/* ---- users ---- */

struct users_ctx {
	struct store *s;
	unsigned n;
};

static int print_user(const struct user *u, void *arg)
{
	struct users_ctx *c = arg;
	struct file_usage use = { 0, 0 };
	file_usage_get(c->s, u->id, &use);
	char when[32];
	time_t t = (time_t)u->created;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d", &tm);
	printf("%-40s %-20.20s %-5s %-10s %-8s %8lld %14lld\n", u->email, u->name, u->is_admin ? "admin" : "-", when,
	       u->disabled ? "disabled" : "active", (long long)use.files, (long long)use.bytes);
	c->n++;
	return 0;
}

static int users_cmd(const struct config *cfg, int argc, char **argv)
{
	struct store *s;
	if (open_store(cfg, &s) != 0)
		return 1;
	int rc = 0;
	if (argc == 0) {
		struct users_ctx c = { s, 0 };
		printf("%-40s %-20s %-5s %-10s %-8s %8s %14s\n", "email", "name", "role", "created", "state", "files",
		       "bytes");
		if (account_each(s, print_user, &c) != ACCT_OK)
			rc = 1;
		printf("%u accounts\n", c.n);
	} else if (argc == 2 && (strcmp(argv[0], "disable") == 0 || strcmp(argv[0], "enable") == 0)) {
		bool off = strcmp(argv[0], "disable") == 0;
		enum acct_err e = account_set_disabled(s, argv[1], off);
		if (e == ACCT_OK)
			printf("%s: %s\n", argv[1], off ? "disabled (its sessions ended; log-ins and API keys refused)" : "enabled");
		else {
			fprintf(stderr, "images-admin: %s: %s\n", argv[1], e == ACCT_NOTFOUND ? "no such account" : acct_strerror(e));
			rc = 1;
		}
	} else {
		usage(stderr);
		rc = 2;
	}
	store_close(s);
	return rc;
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
	if (strcmp(cmd, "users") == 0)
		return users_cmd(&cfg, argc - optind - 1, argv + optind + 1);
	if ((strcmp(cmd, "backup") == 0 || strcmp(cmd, "restore") == 0) && optind + 1 < argc)
		return strcmp(cmd, "backup") == 0 ? backup(&cfg, argv[optind + 1]) : restore(&cfg, argv[optind + 1]);
	usage(stderr);
	return 2;
}
