#include "store.h"

#include <errno.h>
#include <lmdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"
#include "notify.h"

#define SCHEMA_VERSION 1
#define GROW_RETRIES 8

static const char *const db_names[DB__COUNT] = {
	[DB_META] = "meta",
	[DB_USERS] = "users",
	[DB_USERS_BY_EMAIL] = "users_by_email",
	[DB_SESSIONS] = "sessions",
	[DB_SESSIONS_BY_USER] = "sessions_by_user",
	[DB_API_KEYS] = "api_keys",
	[DB_API_KEYS_BY_USER] = "api_keys_by_user",
	[DB_RATELIMIT] = "ratelimit",
	[DB_BLOBS] = "blobs",
	[DB_FILES] = "files",
	[DB_FILES_BY_USER] = "files_by_user",
	[DB_CONVS] = "conversations",
	[DB_CONVS_BY_USER] = "conversations_by_user",
	[DB_MESSAGES] = "messages",
	[DB_JOBS] = "jobs",
	[DB_JOB_QUEUE] = "job_queue",
	[DB_JOB_RUNNING] = "job_running",
	[DB_EVENTS] = "events",
	[DB_GALLERY] = "gallery",
	[DB_USAGE] = "usage",
};

struct store {
	MDB_env *env;
	MDB_dbi dbi[DB__COUNT];
	size_t map_max;
	/*
	 * mdb_env_set_mapsize() may only run while this process has no
	 * transaction open: every transaction holds this lock shared, growth
	 * takes it exclusively.
	 */
	pthread_rwlock_t resize_lock;
	/*
	 * Threads of this process inside mdb_txn_begin(), where LMDB takes its
	 * process-shared robust mutexes (the writer lock; the reader table lock).
	 * When a worker is SIGKILLed holding one, the kernel marks it owner-dead
	 * and wakes ONE waiter, which may be a thread of the dying process
	 * itself: the wake-up is lost and our waiters sleep on a mutex nobody
	 * holds. store_nudge_waiters() interrupts long waits with a signal so
	 * glibc reads the mutex again, sees the owner died and takes it over.
	 */
	pthread_mutex_t waiting_lock;
	struct {
		bool used;
		pthread_t tid;
		int64_t since_ms;
	} waiting[STORE_MAX_WAITERS];
	unsigned waiting_missed; /* under waiting_lock */
};

/* Notes this thread as waiting in mdb_txn_begin; -1 when every slot is taken. */
static int waiting_enter(struct store *s)
{
	int slot = -1;
	pthread_mutex_lock(&s->waiting_lock);
	for (int i = 0; i < STORE_MAX_WAITERS; i++) {
		if (!s->waiting[i].used) {
			s->waiting[i].used = true;
			s->waiting[i].tid = pthread_self();
			s->waiting[i].since_ms = mono_ms();
			slot = i;
			break;
		}
	}
	if (slot < 0)
		s->waiting_missed++;
	pthread_mutex_unlock(&s->waiting_lock);
	return slot;
}

static void waiting_leave(struct store *s, int slot)
{
	if (slot < 0)
		return;
	pthread_mutex_lock(&s->waiting_lock);
	s->waiting[slot].used = false;
	pthread_mutex_unlock(&s->waiting_lock);
}

unsigned store_waiters_missed(struct store *s)
{
	pthread_mutex_lock(&s->waiting_lock);
	unsigned n = s->waiting_missed;
	s->waiting_missed = 0;
	pthread_mutex_unlock(&s->waiting_lock);
	return n;
}

unsigned store_nudge_waiters(struct store *s, int64_t older_than_ms)
{
	unsigned n = 0;
	int64_t now = mono_ms();
	/* A thread leaves its slot only under this lock, so every tid signalled here is alive. */
	pthread_mutex_lock(&s->waiting_lock);
	for (int i = 0; i < STORE_MAX_WAITERS; i++) {
		if (s->waiting[i].used && now - s->waiting[i].since_ms >= older_than_ms &&
		    pthread_kill(s->waiting[i].tid, STORE_NUDGE_SIGNAL) == 0)
			n++;
	}
	pthread_mutex_unlock(&s->waiting_lock);
	return n;
}

struct store_txn {
	struct store *s;
	MDB_txn *txn;
	bool map_full;
	/* Keys to wake once this transaction commits (notify.h); more than fit: all. */
	uint32_t notes[NOTIFY_MAX_KEYS];
	size_t nnotes;
	bool notes_overflow;
};

const char *store_strerror(int err)
{
	switch (err) {
	case STORE_OK:
		return "ok";
	case STORE_NOTFOUND:
		return "not found";
	case STORE_EXISTS:
		return "already exists";
	case STORE_FULL:
		return "database is full";
	case STORE_CORRUPT:
		return "stored record is malformed";
	case STORE_STOP:
		return "stopped";
	default:
		return "database error";
	}
}

static int map_err(struct store_txn *t, int rc)
{
	switch (rc) {
	case MDB_SUCCESS:
		return STORE_OK;
	case MDB_NOTFOUND:
		return STORE_NOTFOUND;
	case MDB_KEYEXIST:
		return STORE_EXISTS;
	case MDB_MAP_FULL:
		if (t != NULL)
			t->map_full = true;
		return STORE_FULL;
	case ENOSPC:
	case EDQUOT:
		/* The file system is full (a commit's pwrite failed): also "storage is
		 * full" to the client (507), not a database error; the map is not grown. */
		return STORE_FULL;
	default:
		return STORE_ERROR;
	}
}

int store_open(struct store **out, const char *dir, const struct store_opts *opts, char *err,
	       size_t errlen)
{
	struct store *s = calloc(1, sizeof(*s));
	MDB_txn *txn = NULL;
	int rc;
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return STORE_ERROR;
	}
	s->map_max = opts->map_max_bytes;
	pthread_rwlock_init(&s->resize_lock, NULL);
	pthread_mutex_init(&s->waiting_lock, NULL);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "mkdir %s: %s", dir, strerror(errno));
		goto fail;
	}
	if ((rc = mdb_env_create(&s->env)) != 0 ||
	    (rc = mdb_env_set_maxdbs(s->env, 32)) != 0 ||
	    (rc = mdb_env_set_maxreaders(s->env, opts->max_readers)) != 0 ||
	    (rc = mdb_env_set_mapsize(s->env, opts->map_bytes)) != 0 ||
	    (rc = mdb_env_open(s->env, dir, MDB_NOTLS, 0600)) != 0) {
		snprintf(err, errlen, "lmdb open %s: %s", dir, mdb_strerror(rc));
		goto fail;
	}
	/* Another process may have grown the map past what we asked for: adopt it. */
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	if (info.me_mapsize < opts->map_bytes)
		mdb_env_set_mapsize(s->env, opts->map_bytes);
	int dead = 0;
	mdb_reader_check(s->env, &dead);
	for (int attempt = 0;; attempt++) {
		rc = mdb_txn_begin(s->env, NULL, 0, &txn);
		if (rc == MDB_MAP_RESIZED && attempt < 3) {
			mdb_env_set_mapsize(s->env, 0);
			continue;
		}
		break;
	}
	if (rc != 0) {
		snprintf(err, errlen, "lmdb begin: %s", mdb_strerror(rc));
		goto fail;
	}
	for (int i = 0; i < DB__COUNT; i++) {
		rc = mdb_dbi_open(txn, db_names[i], MDB_CREATE, &s->dbi[i]);
		if (rc != 0) {
			snprintf(err, errlen, "lmdb dbi %s: %s", db_names[i], mdb_strerror(rc));
			goto fail;
		}
	}
	MDB_val k = { 6, "schema" }, v;
	rc = mdb_get(txn, s->dbi[DB_META], &k, &v);
	if (rc == MDB_NOTFOUND) {
		char ver[16];
		int n = snprintf(ver, sizeof(ver), "%d", SCHEMA_VERSION);
		v.mv_data = ver;
		v.mv_size = (size_t)n;
		rc = mdb_put(txn, s->dbi[DB_META], &k, &v, 0);
	} else if (rc == 0 && (v.mv_size != 1 || ((const char *)v.mv_data)[0] != '0' + SCHEMA_VERSION)) {
		snprintf(err, errlen, "database schema %.*s is not %d: refusing to open",
			 (int)(v.mv_size > 8 ? 8 : v.mv_size), (const char *)v.mv_data,
			 SCHEMA_VERSION);
		goto fail;
	}
	if (rc != 0 || (rc = mdb_txn_commit(txn)) != 0) {
		txn = NULL;
		snprintf(err, errlen, "lmdb init: %s", mdb_strerror(rc));
		goto fail;
	}
	*out = s;
	return STORE_OK;
fail:
	if (txn != NULL)
		mdb_txn_abort(txn);
	if (s->env != NULL)
		mdb_env_close(s->env);
	pthread_rwlock_destroy(&s->resize_lock);
	pthread_mutex_destroy(&s->waiting_lock);
	free(s);
	return STORE_ERROR;
}

void store_close(struct store *s)
{
	if (s == NULL)
		return;
	mdb_env_close(s->env);
	pthread_rwlock_destroy(&s->resize_lock);
	pthread_mutex_destroy(&s->waiting_lock);
	free(s);
}

int store_reader_check(struct store *s, int *cleared)
{
	int dead = 0;
	int rc = mdb_reader_check(s->env, &dead);
	if (cleared != NULL)
		*cleared = dead;
	return rc == 0 ? STORE_OK : STORE_ERROR;
}

int store_backup(struct store *s, const char *dir, char *err, size_t errlen)
{
	pthread_rwlock_rdlock(&s->resize_lock);
	int rc = mdb_env_copy2(s->env, dir, MDB_CP_COMPACT);
	pthread_rwlock_unlock(&s->resize_lock);
	if (rc != 0) {
		snprintf(err, errlen, "copying the store to %s: %s", dir, mdb_strerror(rc));
		return -1;
	}
	return 0;
}

size_t store_map_used(struct store *s)
{
	MDB_envinfo info;
	MDB_stat st;
	pthread_rwlock_rdlock(&s->resize_lock);
	mdb_env_info(s->env, &info);
	mdb_env_stat(s->env, &st);
	pthread_rwlock_unlock(&s->resize_lock);
	return (size_t)(info.me_last_pgno + 1) * st.ms_psize;
}

size_t store_map_size(struct store *s)
{
	MDB_envinfo info;
	pthread_rwlock_rdlock(&s->resize_lock);
	mdb_env_info(s->env, &info);
	pthread_rwlock_unlock(&s->resize_lock);
	return info.me_mapsize;
}

/* Adopts a map grown by another process; called with no transaction open. */
static void adopt_map_size(struct store *s)
{
	pthread_rwlock_wrlock(&s->resize_lock);
	mdb_env_set_mapsize(s->env, 0);
	pthread_rwlock_unlock(&s->resize_lock);
}

/* Doubles the map up to the maximum; STORE_FULL when already there. */
static int grow_map(struct store *s)
{
	int rc = STORE_OK;
	pthread_rwlock_wrlock(&s->resize_lock);
	MDB_envinfo info;
	mdb_env_info(s->env, &info);
	size_t cur = info.me_mapsize;
	if (cur >= s->map_max) {
		rc = STORE_FULL;
	} else {
		size_t next = cur > s->map_max / 2 ? s->map_max : cur * 2;
		if (mdb_env_set_mapsize(s->env, next) != 0)
			rc = STORE_ERROR;
	}
	pthread_rwlock_unlock(&s->resize_lock);
	return rc;
}

static int txn_begin(struct store *s, bool write, struct store_txn *t)
{
	t->s = s;
	t->map_full = false;
	t->nnotes = 0;
	t->notes_overflow = false;
	for (int attempt = 0; attempt < 4; attempt++) {
		pthread_rwlock_rdlock(&s->resize_lock);
		int slot = waiting_enter(s);
		int rc = mdb_txn_begin(s->env, NULL, write ? 0 : MDB_RDONLY, &t->txn);
		waiting_leave(s, slot);
		if (rc == 0)
			return STORE_OK;
		pthread_rwlock_unlock(&s->resize_lock);
		if (rc != MDB_MAP_RESIZED)
			return STORE_ERROR;
		adopt_map_size(s);
	}
	return STORE_ERROR;
}

static void txn_end(struct store_txn *t, bool commit, int *rc)
{
	if (commit) {
		int mrc = mdb_txn_commit(t->txn);
		if (mrc != 0)
			*rc = map_err(t, mrc);
	} else {
		mdb_txn_abort(t->txn);
	}
	t->txn = NULL;
	pthread_rwlock_unlock(&t->s->resize_lock);
}

int store_update(struct store *s, store_txn_fn fn, void *ctx)
{
	for (int attempt = 0;; attempt++) {
		struct store_txn t;
		int rc = txn_begin(s, true, &t);
		if (rc != STORE_OK)
			return rc;
		rc = fn(&t, ctx);
		if (t.map_full) {
			txn_end(&t, false, &rc);
			rc = STORE_FULL;
		} else {
			txn_end(&t, rc == STORE_OK, &rc);
		}
		if (rc == STORE_OK && (t.nnotes > 0 || t.notes_overflow))
			notify_send(t.notes, t.notes_overflow ? NOTIFY_MAX_KEYS + 1 : t.nnotes);
		if (!t.map_full)
			return rc;
		if (attempt >= GROW_RETRIES)
			return STORE_FULL;
		int g = grow_map(s);
		if (g != STORE_OK)
			return g;
	}
}

void store_txn_notify(struct store_txn *t, uint32_t key)
{
	for (size_t i = 0; i < t->nnotes; i++)
		if (t->notes[i] == key)
			return;
	if (t->nnotes < NOTIFY_MAX_KEYS)
		t->notes[t->nnotes++] = key;
	else
		t->notes_overflow = true;
}

int store_view(struct store *s, store_txn_fn fn, void *ctx)
{
	struct store_txn t;
	int rc = txn_begin(s, false, &t);
	if (rc != STORE_OK)
		return rc;
	rc = fn(&t, ctx);
	int ignored = 0;
	txn_end(&t, false, &ignored);
	return rc;
}

int store_get(struct store_txn *t, enum store_db db, const void *key, size_t klen,
	      struct store_val *out)
{
	MDB_val k = { klen, (void *)key }, v;
	int rc = mdb_get(t->txn, t->s->dbi[db], &k, &v);
	if (rc != 0)
		return map_err(t, rc);
	out->data = v.mv_data;
	out->len = v.mv_size;
	return STORE_OK;
}

int store_put(struct store_txn *t, enum store_db db, const void *key, size_t klen,
	      const void *val, size_t vlen, unsigned flags)
{
	MDB_val k = { klen, (void *)key }, v = { vlen, (void *)val };
	unsigned mflags = (flags & STORE_NOOVERWRITE) ? MDB_NOOVERWRITE : 0;
	return map_err(t, mdb_put(t->txn, t->s->dbi[db], &k, &v, mflags));
}

int store_del(struct store_txn *t, enum store_db db, const void *key, size_t klen)
{
	MDB_val k = { klen, (void *)key };
	return map_err(t, mdb_del(t->txn, t->s->dbi[db], &k, NULL));
}

int store_count(struct store_txn *t, enum store_db db, size_t *out)
{
	MDB_stat st;
	int rc = mdb_stat(t->txn, t->s->dbi[db], &st);
	if (rc != 0)
		return map_err(t, rc);
	*out = st.ms_entries;
	return STORE_OK;
}

int store_get_json(struct store_txn *t, enum store_db db, const void *key, size_t klen,
		   json_t **out)
{
	struct store_val v;
	int rc = store_get(t, db, key, klen, &v);
	if (rc != STORE_OK)
		return rc;
	json_t *j = json_loadb(v.data, v.len, JSON_REJECT_DUPLICATES, NULL);
	if (j == NULL || !json_is_object(j)) {
		json_decref(j);
		return STORE_CORRUPT;
	}
	*out = j;
	return STORE_OK;
}

int store_put_json(struct store_txn *t, enum store_db db, const void *key, size_t klen,
		   const json_t *obj, unsigned flags)
{
	char *text = json_dumps(obj, JSON_COMPACT);
	if (text == NULL)
		return STORE_ERROR;
	int rc = store_put(t, db, key, klen, text, strlen(text), flags);
	free(text);
	return rc;
}

static bool has_prefix(const MDB_val *k, const void *prefix, size_t plen)
{
	/* No prefix (NULL, 0) matches every key; memcmp may not be given NULL even for 0 bytes. */
	return plen == 0 || (k->mv_size >= plen && memcmp(k->mv_data, prefix, plen) == 0);
}

static bool key_equals(const MDB_val *k, const void *p, size_t n)
{
	return k->mv_size == n && memcmp(k->mv_data, p, n) == 0;
}

/* Positions a reverse scan on the last key <= start (or < start), or the last key under prefix. */
static int seek_reverse(MDB_cursor *c, MDB_val *k, MDB_val *v, const void *prefix, size_t plen,
			const void *start, size_t slen, bool inclusive)
{
	uint8_t upper[STORE_KEY_MAX + 1];
	int rc;
	if (start != NULL) {
		k->mv_data = (void *)start;
		k->mv_size = slen;
		rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
		if (rc == MDB_NOTFOUND)
			return mdb_cursor_get(c, k, v, MDB_LAST);
		if (rc != 0)
			return rc;
		if (inclusive && key_equals(k, start, slen))
			return 0;
		return mdb_cursor_get(c, k, v, MDB_PREV);
	}
	/* The smallest key above every key with this prefix: the prefix incremented. */
	size_t n = plen;
	if (n > STORE_KEY_MAX)
		return MDB_BAD_VALSIZE;
	if (n > 0)
		memcpy(upper, prefix, n);
	while (n > 0 && upper[n - 1] == 0xff)
		n--;
	if (n == 0)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	upper[n - 1]++;
	k->mv_data = upper;
	k->mv_size = n;
	rc = mdb_cursor_get(c, k, v, MDB_SET_RANGE);
	if (rc == MDB_NOTFOUND)
		return mdb_cursor_get(c, k, v, MDB_LAST);
	if (rc != 0)
		return rc;
	return mdb_cursor_get(c, k, v, MDB_PREV);
}

int store_scan(struct store_txn *t, enum store_db db, const void *prefix, size_t plen,
	       const void *start, size_t slen, bool inclusive, bool reverse, store_scan_fn fn,
	       void *ctx)
{
	MDB_cursor *c;
	int rc = mdb_cursor_open(t->txn, t->s->dbi[db], &c);
	if (rc != 0)
		return map_err(t, rc);
	MDB_val k, v;
	if (reverse) {
		rc = seek_reverse(c, &k, &v, prefix, plen, start, slen, inclusive);
	} else {
		k.mv_data = (void *)(start != NULL ? start : prefix);
		k.mv_size = start != NULL ? slen : plen;
		rc = mdb_cursor_get(c, &k, &v, plen == 0 && start == NULL ? MDB_FIRST : MDB_SET_RANGE);
		if (rc == 0 && start != NULL && !inclusive && key_equals(&k, start, slen))
			rc = mdb_cursor_get(c, &k, &v, MDB_NEXT);
	}
	int out = STORE_OK;
	while (rc == 0 && has_prefix(&k, prefix, plen)) {
		struct store_val key = { k.mv_data, k.mv_size }, val = { v.mv_data, v.mv_size };
		int r = fn(&key, &val, ctx);
		if (r == STORE_STOP)
			break;
		if (r != STORE_OK) {
			out = r;
			break;
		}
		rc = mdb_cursor_get(c, &k, &v, reverse ? MDB_PREV : MDB_NEXT);
	}
	if (out == STORE_OK && rc != 0 && rc != MDB_NOTFOUND)
		out = map_err(t, rc);
	mdb_cursor_close(c);
	return out;
}

void store_key_init(struct store_key *k)
{
	k->len = 0;
	k->overflow = false;
}

void store_key_bytes(struct store_key *k, const void *p, size_t n)
{
	if (k->overflow || n > STORE_KEY_MAX - k->len) {
		k->overflow = true;
		return;
	}
	memcpy(k->b + k->len, p, n);
	k->len += n;
}

void store_key_str(struct store_key *k, const char *s)
{
	store_key_bytes(k, s, strlen(s) + 1);
}

void store_key_u64(struct store_key *k, uint64_t v)
{
	uint8_t b[8];
	for (int i = 7; i >= 0; i--) {
		b[i] = (uint8_t)(v & 0xff);
		v >>= 8;
	}
	store_key_bytes(k, b, 8);
}

uint64_t store_be64(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}
