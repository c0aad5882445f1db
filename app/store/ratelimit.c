#include "ratelimit.h"

#include <stdlib.h>
#include <string.h>

/* A counter's value: window end (be64) then count (be64). */
struct window {
	int64_t end;
	uint64_t count;
};

static int read_window(struct store_txn *txn, const char *name, struct window *w)
{
	struct store_val v;
	int rc = store_get(txn, DB_RATELIMIT, name, strlen(name), &v);
	if (rc != STORE_OK)
		return rc;
	if (v.len != 16)
		return STORE_CORRUPT;
	w->end = (int64_t)store_be64(v.data);
	w->count = store_be64((const char *)v.data + 8);
	return STORE_OK;
}

struct take_ctx {
	const char *const *names;
	const unsigned *limits;
	size_t n;
	unsigned window_s;
	int64_t now, retry_after;
};

static int put_window(struct store_txn *txn, const char *name, const struct window *w)
{
	struct store_key k;
	store_key_init(&k);
	store_key_u64(&k, (uint64_t)w->end);
	store_key_u64(&k, w->count);
	return store_put(txn, DB_RATELIMIT, name, strlen(name), k.b, k.len, 0);
}

static int take_txn(struct store_txn *txn, void *arg)
{
	struct take_ctx *t = arg;
	struct window w[8];
	if (t->n > 8)
		return STORE_ERROR;
	for (size_t i = 0; i < t->n; i++) {
		int rc = read_window(txn, t->names[i], &w[i]);
		if (rc == STORE_NOTFOUND || rc == STORE_CORRUPT || (rc == STORE_OK && w[i].end <= t->now)) {
			w[i].end = t->now + t->window_s;
			w[i].count = 0;
		} else if (rc != STORE_OK) {
			return rc;
		}
		if (w[i].count >= t->limits[i]) {
			t->retry_after = w[i].end - t->now;
			return STORE_EXISTS; /* aborts: nothing is counted */
		}
	}
	for (size_t i = 0; i < t->n; i++) {
		w[i].count++;
		int rc = put_window(txn, t->names[i], &w[i]);
		if (rc != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

int ratelimit_take(struct store *s, const char *const *names, const unsigned *limits, size_t n,
		   unsigned window_s, int64_t now, int64_t *retry_after)
{
	struct take_ctx t = { names, limits, n, window_s, now, 0 };
	int rc = store_update(s, take_txn, &t);
	if (rc == STORE_EXISTS)
		*retry_after = t.retry_after > 0 ? t.retry_after : 1;
	return rc;
}

struct give_ctx {
	const char *name;
	int64_t now;
};

static int give_txn(struct store_txn *txn, void *arg)
{
	struct give_ctx *g = arg;
	struct window w;
	int rc = read_window(txn, g->name, &w);
	if (rc != STORE_OK || w.end <= g->now || w.count == 0)
		return rc == STORE_NOTFOUND || rc == STORE_OK ? STORE_STOP : rc;
	w.count--;
	return put_window(txn, g->name, &w);
}

int ratelimit_give_back(struct store *s, const char *name, int64_t now)
{
	struct give_ctx g = { name, now };
	int rc = store_update(s, give_txn, &g);
	return rc == STORE_STOP ? STORE_OK : rc;
}

int ratelimit_once_txn(struct store_txn *txn, const char *name, int64_t until, int64_t now)
{
	struct window w;
	int rc = read_window(txn, name, &w);
	if (rc == STORE_OK && w.end > now)
		return STORE_EXISTS;
	if (rc != STORE_OK && rc != STORE_NOTFOUND && rc != STORE_CORRUPT)
		return rc;
	w.end = until;
	w.count = 1;
	return put_window(txn, name, &w);
}

static int reset_txn(struct store_txn *txn, void *arg)
{
	const char *name = arg;
	int rc = store_del(txn, DB_RATELIMIT, name, strlen(name));
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

int ratelimit_reset(struct store *s, const char *name)
{
	return store_update(s, reset_txn, (void *)name);
}

#define PURGE_BATCH 256

struct purge_ctx {
	int64_t now;
	unsigned n;
	char names[PURGE_BATCH][STORE_KEY_MAX + 1];
};

static int collect_ended(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct purge_ctx *p = arg;
	if (val->len == 16 && (int64_t)store_be64(val->data) <= p->now && key->len <= STORE_KEY_MAX) {
		memcpy(p->names[p->n], key->data, key->len);
		p->names[p->n][key->len] = '\0';
		if (++p->n == PURGE_BATCH)
			return STORE_STOP;
	}
	return STORE_OK;
}

static int purge_txn(struct store_txn *txn, void *arg)
{
	struct purge_ctx *p = arg;
	p->n = 0;
	int rc = store_scan(txn, DB_RATELIMIT, "", 0, NULL, 0, false, false, collect_ended, p);
	for (unsigned i = 0; rc == STORE_OK && i < p->n; i++) {
		rc = store_del(txn, DB_RATELIMIT, p->names[i], strlen(p->names[i]));
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
	}
	return rc;
}

int ratelimit_purge(struct store *s, int64_t now, unsigned *purged)
{
	struct purge_ctx *p = malloc(sizeof(*p));
	if (p == NULL)
		return STORE_ERROR;
	p->now = now;
	*purged = 0;
	int rc;
	do {
		rc = store_update(s, purge_txn, p);
		*purged += p->n;
	} while (rc == STORE_OK && p->n == PURGE_BATCH);
	free(p);
	return rc;
}

int ratelimit_per_minute(struct store *s, const char *kind, const char *user, unsigned limit, int64_t now,
			 int64_t *retry_after)
{
	if (limit == 0)
		return STORE_OK;
	char name[160];
	if ((size_t)snprintf(name, sizeof(name), "%s:%s", kind, user) >= sizeof(name))
		return STORE_ERROR;
	const char *const names[1] = { name };
	int rc = ratelimit_take(s, names, &limit, 1, 60, now, retry_after);
	if (rc == STORE_EXISTS && *retry_after <= 0)
		*retry_after = 1;
	return rc;
}
