#include "files.h"

#include <stdio.h>
#include <string.h>

#include "blobstore.h"
#include "encode.h"
#include "textparse.h"

static json_t *record_to_stored(const struct file_record *r)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:i, s:i, s:i, s:i, s:I, s:s, s:s}",
			 "id", r->id, "owner", r->owner, "name", r->name, "mime", r->mime, "hash",
			 r->hash, "thumb_hash", r->thumb_hash, "size", (json_int_t)r->size,
			 "thumb_size", (json_int_t)r->thumb_size, "width", (int)r->width, "height",
			 (int)r->height, "thumb_width", (int)r->thumb_width, "thumb_height",
			 (int)r->thumb_height, "created", (json_int_t)r->created, "conversation_id",
			 r->conversation_id, "message_id", r->message_id);
}

static int copy_str(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap)
		return -1;
	memcpy(dst, src, n + 1);
	return 0;
}

static int record_from_stored(const json_t *j, struct file_record *r)
{
	const char *id, *owner, *name, *mime, *hash, *thash, *conv, *msg;
	json_int_t size, tsize, created;
	int w, h, tw, th;
	if (json_unpack((json_t *)j,
			"{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:i, s:i, s:i, s:i, s:I, s:s, s:s}",
			"id", &id, "owner", &owner, "name", &name, "mime", &mime, "hash", &hash,
			"thumb_hash", &thash, "size", &size, "thumb_size", &tsize, "width", &w,
			"height", &h, "thumb_width", &tw, "thumb_height", &th, "created", &created,
			"conversation_id", &conv, "message_id", &msg) != 0)
		return STORE_CORRUPT;
	if (copy_str(r->id, sizeof(r->id), id) || copy_str(r->owner, sizeof(r->owner), owner) ||
	    copy_str(r->name, sizeof(r->name), name) || copy_str(r->mime, sizeof(r->mime), mime) ||
	    copy_str(r->hash, sizeof(r->hash), hash) ||
	    copy_str(r->thumb_hash, sizeof(r->thumb_hash), thash) ||
	    copy_str(r->conversation_id, sizeof(r->conversation_id), conv) ||
	    copy_str(r->message_id, sizeof(r->message_id), msg))
		return STORE_CORRUPT;
	r->size = size;
	r->thumb_size = tsize;
	r->width = (unsigned)w;
	r->height = (unsigned)h;
	r->thumb_width = (unsigned)tw;
	r->thumb_height = (unsigned)th;
	r->created = created;
	return STORE_OK;
}

static void index_key(struct store_key *k, const struct file_record *r)
{
	store_key_init(k);
	store_key_str(k, r->owner);
	store_key_u64(k, (uint64_t)r->created);
	store_key_str(k, r->id);
}

/* ---- usage ---- */

struct recount {
	struct store_txn *txn;
	struct file_usage u;
};

static int count_one(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct recount *c = arg;
	/* (owner, created be64, file id): the id follows the owner's NUL and 8 bytes. */
	const char *k = key->data;
	size_t olen = strnlen(k, key->len) + 1 + 8;
	if (olen >= key->len)
		return STORE_CORRUPT;
	json_t *j;
	int rc = store_get_json(c->txn, DB_FILES, k + olen, key->len - olen - 1, &j);
	if (rc == STORE_NOTFOUND)
		return STORE_OK;
	if (rc != STORE_OK)
		return rc;
	c->u.bytes += json_integer_value(json_object_get(j, "size")) +
		      json_integer_value(json_object_get(j, "thumb_size"));
	c->u.files++;
	json_decref(j);
	return STORE_OK;
}

int file_usage_txn(struct store_txn *txn, const char *owner, struct file_usage *out)
{
	struct store_val v;
	int rc = store_get(txn, DB_USAGE, owner, strlen(owner), &v);
	if (rc == STORE_OK) {
		if (v.len != 16)
			return STORE_CORRUPT;
		out->bytes = (int64_t)store_be64(v.data);
		out->files = (int64_t)store_be64((const uint8_t *)v.data + 8);
		return STORE_OK;
	}
	if (rc != STORE_NOTFOUND)
		return rc;
	struct store_key k;
	store_key_init(&k);
	store_key_str(&k, owner);
	if (k.overflow)
		return STORE_ERROR;
	struct recount c = { txn, { 0, 0 } };
	rc = store_scan(txn, DB_FILES_BY_USER, k.b, k.len, NULL, 0, false, false, count_one, &c);
	if (rc == STORE_OK)
		*out = c.u;
	return rc;
}

struct usage_get {
	const char *owner;
	struct file_usage *out;
};

static int usage_get_txn(struct store_txn *txn, void *arg)
{
	struct usage_get *g = arg;
	return file_usage_txn(txn, g->owner, g->out);
}

int file_usage_get(struct store *s, const char *owner, struct file_usage *out)
{
	struct usage_get g = { owner, out };
	return store_view(s, usage_get_txn, &g);
}

bool file_quota_full(const struct file_quota *q, const struct file_usage *u, int64_t bytes)
{
	return q != NULL && ((q->files > 0 && u->files + 1 > q->files) || (q->bytes > 0 && u->bytes + bytes > q->bytes));
}

struct file_quota file_quota_of(const struct config *cfg)
{
	return (struct file_quota){ (int64_t)cfg->quota_mb_per_user << 20, (int64_t)cfg->quota_files_per_user };
}

static void human_bytes(int64_t n, char *out, size_t outlen)
{
	if (n >= (int64_t)1 << 30)
		snprintf(out, outlen, "%.1f GB", (double)n / (1 << 30));
	else if (n >= 1 << 20)
		snprintf(out, outlen, "%.1f MB", (double)n / (1 << 20));
	else
		snprintf(out, outlen, "%lld KB", (long long)((n + 1023) / 1024));
}

void file_usage_describe(const struct file_quota *q, const struct file_usage *u, char *out, size_t outlen)
{
	char used[32], cap[32] = "no cap";
	human_bytes(u->bytes, used, sizeof(used));
	if (q->bytes > 0)
		human_bytes(q->bytes, cap, sizeof(cap));
	if (q->files > 0)
		snprintf(out, outlen, "%s of %s and %lld of %lld files are used", used, cap, (long long)u->files,
			 (long long)q->files);
	else
		snprintf(out, outlen, "%s of %s and %lld files are used", used, cap, (long long)u->files);
}

static int usage_put(struct store_txn *txn, const char *owner, const struct file_usage *u)
{
	uint8_t v[16];
	uint64_t b = (uint64_t)(u->bytes > 0 ? u->bytes : 0), f = (uint64_t)(u->files > 0 ? u->files : 0);
	for (int i = 7; i >= 0; i--) {
		v[i] = (uint8_t)(b & 0xff);
		v[8 + i] = (uint8_t)(f & 0xff);
		b >>= 8;
		f >>= 8;
	}
	return store_put(txn, DB_USAGE, owner, strlen(owner), v, 16, 0);
}

int file_usage_settle(struct store_txn *txn, const char *owner, struct file_usage *out)
{
	struct store_val v;
	int rc = store_get(txn, DB_USAGE, owner, strlen(owner), &v);
	if (rc != STORE_NOTFOUND)
		return rc == STORE_OK ? file_usage_txn(txn, owner, out) : rc;
	if ((rc = file_usage_txn(txn, owner, out)) != STORE_OK)
		return rc;
	return usage_put(txn, owner, out);
}

/* ---- records ---- */

struct create_args {
	struct file_record *r;
	const struct file_quota *q;
};

static int create_txn(struct store_txn *txn, void *arg)
{
	struct create_args *a = arg;
	struct file_record *r = a->r;
	struct file_usage u;
	int rc = file_usage_txn(txn, r->owner, &u);
	if (rc != STORE_OK)
		return rc;
	if (file_quota_full(a->q, &u, r->size + r->thumb_size))
		return FILE_OVER_QUOTA;
	u.bytes += r->size + r->thumb_size;
	u.files++;
	if ((rc = usage_put(txn, r->owner, &u)) != STORE_OK)
		return rc;
	json_t *j = record_to_stored(r);
	if (j == NULL)
		return STORE_ERROR;
	rc = store_put_json(txn, DB_FILES, r->id, strlen(r->id), j, STORE_NOOVERWRITE);
	json_decref(j);
	if (rc != STORE_OK)
		return rc;
	struct store_key k;
	index_key(&k, r);
	if (k.overflow)
		return STORE_ERROR;
	if ((rc = store_put(txn, DB_FILES_BY_USER, k.b, k.len, "", 0, 0)) != STORE_OK)
		return rc;
	if ((rc = blob_ref(txn, r->hash, r->size, +1)) != STORE_OK)
		return rc;
	return blob_ref(txn, r->thumb_hash, r->thumb_size, +1);
}

int file_create(struct store *s, struct file_record *rec, const struct file_quota *q)
{
	struct create_args a = { rec, q };
	for (int attempt = 0; attempt < 3; attempt++) {
		if (random_hex_id(FILE_ID_PREFIX, 8, rec->id, sizeof(rec->id)) != 0)
			return STORE_ERROR;
		int rc = store_update(s, create_txn, &a);
		/* 64 random bits collide essentially never; if they do, draw again. */
		if (rc != STORE_EXISTS)
			return rc;
	}
	return STORE_EXISTS;
}

struct get_ctx {
	const char *id;
	struct file_record *out;
};

static int load(struct store_txn *txn, const char *id, struct file_record *out)
{
	json_t *j;
	int rc = store_get_json(txn, DB_FILES, id, strlen(id), &j);
	if (rc != STORE_OK)
		return rc;
	rc = record_from_stored(j, out);
	json_decref(j);
	return rc;
}

static int get_txn(struct store_txn *txn, void *arg)
{
	struct get_ctx *g = arg;
	return load(txn, g->id, g->out);
}

int file_get_txn(struct store_txn *txn, const char *id, struct file_record *out)
{
	return file_id_valid(id) ? load(txn, id, out) : STORE_NOTFOUND;
}

int file_get(struct store *s, const char *id, struct file_record *out)
{
	if (!file_id_valid(id))
		return STORE_NOTFOUND;
	struct get_ctx g = { id, out };
	return store_view(s, get_txn, &g);
}

static int delete_txn(struct store_txn *txn, void *arg)
{
	const char *id = arg;
	struct file_record r;
	int rc = load(txn, id, &r);
	if (rc != STORE_OK)
		return rc;
	struct file_usage u;
	if ((rc = file_usage_txn(txn, r.owner, &u)) != STORE_OK)
		return rc;
	struct store_key k;
	index_key(&k, &r);
	rc = store_del(txn, DB_FILES_BY_USER, k.b, k.len);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if ((rc = store_del(txn, DB_FILES, id, strlen(id))) != STORE_OK)
		return rc;
	/* Counted before the record left the index (a first count would otherwise miss it). */
	u.bytes -= r.size + r.thumb_size;
	u.files--;
	if ((rc = usage_put(txn, r.owner, &u)) != STORE_OK)
		return rc;
	if ((rc = blob_ref(txn, r.hash, r.size, -1)) != STORE_OK)
		return rc;
	return blob_ref(txn, r.thumb_hash, r.thumb_size, -1);
}

int file_delete_txn(struct store_txn *txn, const char *id)
{
	return delete_txn(txn, (void *)id);
}

int file_delete(struct store *s, const char *id)
{
	if (!file_id_valid(id))
		return STORE_NOTFOUND;
	return store_update(s, delete_txn, (void *)id);
}

json_t *file_to_json(const struct file_record *r)
{
	return json_pack("{s:s, s:s, s:s, s:I, s:i, s:i, s:I, s:{s:s, s:I, s:i, s:i}}", "id", r->id,
			 "file_name", r->name, "mime_type", r->mime, "file_size_bytes",
			 (json_int_t)r->size, "width", (int)r->width, "height", (int)r->height,
			 "created", (json_int_t)r->created, "thumbnail", "mime_type", "image/webp",
			 "file_size_bytes", (json_int_t)r->thumb_size, "width", (int)r->thumb_width,
			 "height", (int)r->thumb_height);
}

void file_safe_name(const char *name, const char *ext, char *out, size_t outlen)
{
	const char *base = name ? name : "";
	const char *slash = strrchr(base, '/');
	if (slash)
		base = slash + 1;
	const char *bslash = strrchr(base, '\\');
	if (bslash)
		base = bslash + 1;
	char stem[201];
	size_t n = 0;
	for (size_t i = 0; base[i] != '\0' && n < sizeof(stem) - 1; i++) {
		unsigned char c = (unsigned char)base[i];
		if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || c == ';')
			c = '_';
		stem[n++] = (char)c;
	}
	stem[n] = '\0';
	/* A cut in the middle of a UTF-8 sequence: drop the partial character. */
	while (n > 0 && !utf8_valid(stem, n))
		stem[--n] = '\0';
	char *dot = strrchr(stem, '.');
	if (dot != NULL && dot != stem)
		*dot = '\0';
	while (stem[0] == '.')
		memmove(stem, stem + 1, strlen(stem));
	if (stem[0] == '\0')
		snprintf(stem, sizeof(stem), "image");
	snprintf(out, outlen, "%s.%s", stem, ext);
}
