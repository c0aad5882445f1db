/*
 * store: the LMDB environment that holds all metadata.
 *
 * One environment per process, opened after fork (spawn-fcgi and lighttpd exec
 * each worker, so opening in main() is right), with MDB_NOTLS so any thread may
 * use any read transaction. Records are small (JSON text or ids); blobs live in
 * files, never here. Every named database is listed in enum store_db.
 *
 * Transactions are short: begin, read or write, copy out, end. A struct
 * store_val points into the map and is valid only until its transaction ends
 * (like mdb_get): copy what you keep. Never hold a transaction across I/O to a
 * client.
 *
 * Writes go through store_update(), which runs a callback in a write
 * transaction and, when LMDB reports MDB_MAP_FULL, aborts, doubles the map (up
 * to the configured maximum) and runs the callback again from the start, so
 * callbacks must have no effects outside the transaction. A committed write
 * is on disk (LMDB syncs at commit) before store_update() returns 0.
 *
 * Keys that list in time order are composite and big-endian, built with
 * struct store_key, so one cursor range (MDB_SET_RANGE then NEXT/PREV) is a page.
 */
#ifndef IMAGES_STORE_H
#define IMAGES_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>

enum store_err {
	STORE_OK = 0,        /* success */
	STORE_NOTFOUND = -1, /* no such key (maps to 404) */
	STORE_EXISTS = -2,   /* key exists and STORE_NOOVERWRITE was asked (409) */
	STORE_FULL = -3,     /* the map is at db_map_max_mb and still full (507) */
	STORE_CORRUPT = -4,  /* a stored value is not what it should be (500) */
	STORE_ERROR = -5,    /* any other LMDB or system error (500) */
	STORE_STOP = -6,     /* a scan callback asked to stop early; not an error */
};

/* The named databases; their names on disk are in store.c. */
enum store_db {
	DB_META,             /* "schema" → version, and other singletons */
	DB_USERS,            /* user id → user JSON */
	DB_USERS_BY_EMAIL,   /* normalised email → user id */
	DB_SESSIONS,         /* sha256(token) → session JSON */
	DB_SESSIONS_BY_USER, /* (user id, created be64, sha256) → "" */
	DB_API_KEYS,         /* sha256(key) → api key JSON */
	DB_API_KEYS_BY_USER, /* (user id, key id) → sha256(key) */
	DB_RATELIMIT,        /* limiter name → (window end be64, count be64) */
	DB_BLOBS,            /* sha256 → (refs be64, size be64) */
	DB_FILES,            /* file id → file record JSON */
	DB_FILES_BY_USER,    /* (user id, created be64, file id) → "" */
	DB_CONVS,            /* conversation id → conversation JSON */
	DB_CONVS_BY_USER,    /* (user id, update ms be64, conversation id) → "" */
	DB_MESSAGES,         /* (conversation id, message id) → mapping node JSON */
	DB_JOBS,             /* job id → job JSON */
	DB_JOB_QUEUE,        /* (queued us be64, job id) → owner: jobs waiting, oldest first */
	DB_JOB_RUNNING,      /* (owner, job id) → lease end ms be64 */
	DB_EVENTS,           /* (conversation id, turn be32, seq be32) → one stream event JSON */
	DB_GALLERY,          /* (user id, created ms be64, file id) → gallery item JSON */
	DB_USAGE,            /* user id → (bytes be64, files be64): what the user's file records hold */
	DB__COUNT
};

#define STORE_NOOVERWRITE 1u

struct store;
struct store_txn;

struct store_val {
	const void *data; /* valid until the transaction ends */
	size_t len;
};

struct store_opts {
	size_t map_bytes;     /* initial map size */
	size_t map_max_bytes; /* growth stops here: STORE_FULL */
	unsigned max_readers;
};

/* Opens (creating) the environment in dir. 0 or STORE_ERROR with a message in err. */
int store_open(struct store **out, const char *dir, const struct store_opts *opts, char *err,
	       size_t errlen);
void store_close(struct store *s);
/*
 * Writes a consistent, compacted copy of the store (as of one read
 * transaction: writers go on meanwhile) into dir/data.mdb; dir must exist and
 * hold no data.mdb. 0, or -1 with err.
 */
int store_backup(struct store *s, const char *dir, char *err, size_t errlen);

/* Clears reader slots left by dead processes; *cleared gets how many. */
int store_reader_check(struct store *s, int *cleared);

/*
 * Interrupts, with STORE_NUDGE_SIGNAL, every thread of this process that has
 * been waiting in a transaction begin for at least older_than_ms. A worker
 * SIGKILLed while holding LMDB's writer (or reader-table) mutex can leave the
 * other processes' waiters asleep on a mutex nobody holds (the kernel wakes
 * one waiter on owner death, possibly one of the dying process); once
 * interrupted, a waiter reads the mutex again and takes it over. Harmless
 * when the owner is alive (the waiter sleeps again). The process must catch
 * STORE_NUDGE_SIGNAL with a handler (one that does nothing); call this about
 * once a second from a thread of its own. Returns how many were nudged.
 */
#define STORE_NUDGE_SIGNAL SIGURG
/* Room for every thread a worker may run: 256 request + 64 render threads, and more. */
#define STORE_MAX_WAITERS 512
unsigned store_nudge_waiters(struct store *s, int64_t older_than_ms);
/* How many waits found the waiter table full (so could not be nudged) since the last call. */
unsigned store_waiters_missed(struct store *s);
/* The current map size in bytes. */
size_t store_map_size(struct store *s);
/* Bytes of the map in use (pages up to the last one written). */
size_t store_map_used(struct store *s);

typedef int (*store_txn_fn)(struct store_txn *txn, void *ctx);
/*
 * Runs fn in a write transaction and commits when it returns STORE_OK. Any other
 * return aborts and is passed back. Grows the map and reruns fn on MDB_MAP_FULL.
 */
int store_update(struct store *s, store_txn_fn fn, void *ctx);
/*
 * Inside a write transaction: once it commits, wake whoever waits on key
 * (notify.h). Nothing is sent when it aborts.
 */
void store_txn_notify(struct store_txn *txn, uint32_t key);
/* Runs fn in a read transaction; returns what fn returned. */
int store_view(struct store *s, store_txn_fn fn, void *ctx);

int store_get(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
	      struct store_val *out);
int store_put(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
	      const void *val, size_t vlen, unsigned flags);
int store_del(struct store_txn *txn, enum store_db db, const void *key, size_t klen);
/* Number of entries in db as of this transaction. */
int store_count(struct store_txn *txn, enum store_db db, size_t *out);

/* The value at key parsed as a JSON object; *out is a new reference the caller decrefs. */
int store_get_json(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
		   json_t **out);
/* Stores obj serialised compactly. */
int store_put_json(struct store_txn *txn, enum store_db db, const void *key, size_t klen,
		   const json_t *obj, unsigned flags);

/*
 * Calls fn for each key that starts with prefix, in key order (reverse: from
 * the last). With start (not NULL), the scan begins at the first key >= start
 * (reverse: the last key <= start) and includes it only when inclusive.
 * fn returns STORE_OK to go on, STORE_STOP to stop (store_scan then returns
 * STORE_OK), anything else to stop with that error.
 */
typedef int (*store_scan_fn)(const struct store_val *key, const struct store_val *val, void *ctx);
int store_scan(struct store_txn *txn, enum store_db db, const void *prefix, size_t plen,
	       const void *start, size_t slen, bool inclusive, bool reverse, store_scan_fn fn,
	       void *ctx);

/* A composite key under construction; overflow makes every later use fail. */
#define STORE_KEY_MAX 480
struct store_key {
	uint8_t b[STORE_KEY_MAX];
	size_t len;
	bool overflow;
};
void store_key_init(struct store_key *k);
/* A string component, NUL-terminated in the key so "ab" sorts before "ab\0..." siblings. */
void store_key_str(struct store_key *k, const char *s);
void store_key_u64(struct store_key *k, uint64_t v); /* big-endian */
void store_key_bytes(struct store_key *k, const void *p, size_t n);
uint64_t store_be64(const void *p);

const char *store_strerror(int err);

#endif
