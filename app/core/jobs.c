#include "jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conversations.h"
#include "encode.h"
#include "log.h"
#include "notify.h"

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static int queue_key(struct store_key *k, const json_t *job)
{
	store_key_init(k);
	store_key_u64(k, (uint64_t)json_integer_value(json_object_get(job, "created_us")));
	store_key_str(k, jstr(job, "id"));
	return k->overflow ? STORE_ERROR : STORE_OK;
}

static int running_key(struct store_key *k, const char *owner, const char *id)
{
	store_key_init(k);
	store_key_str(k, owner);
	store_key_str(k, id);
	return k->overflow ? STORE_ERROR : STORE_OK;
}

int job_view(json_t *j, struct job *v)
{
	memset(v, 0, sizeof(*v));
	if (!json_is_object(j))
		return -1;
	v->json = j;
	v->id = jstr(j, "id");
	v->claim = jstr(j, "claim");
	v->kind = jstr(j, "kind");
	v->owner = jstr(j, "owner");
	v->conversation_id = jstr(j, "conversation_id");
	v->tool_message_id = jstr(j, "tool_message_id");
	v->turn = (uint32_t)json_integer_value(json_object_get(j, "turn"));
	v->attempts = (long long)json_integer_value(json_object_get(j, "attempts"));
	v->request = json_object_get(j, "request");
	return v->id[0] && v->claim[0] && v->conversation_id[0] ? 0 : -1;
}

int job_get(struct store_txn *txn, const char *id, json_t **out)
{
	return store_get_json(txn, DB_JOBS, id, strlen(id), out);
}

int job_put(struct store_txn *txn, const json_t *job)
{
	const char *id = jstr(job, "id");
	return store_put_json(txn, DB_JOBS, id, strlen(id), job, 0);
}

int job_enqueue(struct store_txn *txn, json_t *job)
{
	struct store_key k;
	json_object_set_new(job, "state", json_string("queued"));
	int rc = job_put(txn, job);
	if (rc != STORE_OK || (rc = queue_key(&k, job)) != STORE_OK)
		return rc;
	const char *owner = jstr(job, "owner");
	store_txn_notify(txn, NOTIFY_JOBS);
	return store_put(txn, DB_JOB_QUEUE, k.b, k.len, owner, strlen(owner), 0);
}

struct count_ctx {
	const char *owner;
	size_t n;
	const char *stop_at; /* job id: stop counting when reached (for positions) */
	bool reached;
};

static int count_queued(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct count_ctx *c = arg;
	if (c->stop_at != NULL) {
		const char *id = (const char *)key->data + 8;
		if (key->len > 8 && strncmp(id, c->stop_at, key->len - 8) == 0) {
			c->reached = true;
			return STORE_STOP;
		}
	}
	if (val->len == strlen(c->owner) && memcmp(val->data, c->owner, val->len) == 0)
		c->n++;
	return STORE_OK;
}

static int count_any(const struct store_val *key, const struct store_val *val, void *arg)
{
	((struct count_ctx *)arg)->n++;
	return STORE_OK;
}

int job_count_active(struct store_txn *txn, const char *owner, size_t *queued, size_t *running)
{
	struct count_ctx q = { owner, 0, NULL, false }, r = { owner, 0, NULL, false };
	int rc = store_scan(txn, DB_JOB_QUEUE, "", 0, NULL, 0, false, false, count_queued, &q);
	if (rc != STORE_OK)
		return rc;
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, owner);
	rc = store_scan(txn, DB_JOB_RUNNING, prefix.b, prefix.len, NULL, 0, false, false, count_any, &r);
	*queued = q.n;
	*running = r.n;
	return rc;
}

int job_position(struct store_txn *txn, const json_t *job, int *position)
{
	*position = 0;
	if (strcmp(jstr(job, "state"), "queued") != 0)
		return STORE_OK;
	struct count_ctx c = { jstr(job, "owner"), 0, jstr(job, "id"), false };
	int rc = store_scan(txn, DB_JOB_QUEUE, "", 0, NULL, 0, false, false, count_queued, &c);
	if (rc == STORE_OK && c.reached)
		*position = (int)c.n + 1;
	return rc;
}

/* ---- claiming ---- */

#define CLAIM_SCAN_MAX 256

struct expired_ctx {
	int64_t now;
	size_t n;
	char keys[32][STORE_KEY_MAX];
	size_t lens[32];
};

static int find_expired(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct expired_ctx *e = arg;
	if (val->len == 8 && (int64_t)store_be64(val->data) < e->now && key->len <= STORE_KEY_MAX) {
		memcpy(e->keys[e->n], key->data, key->len);
		e->lens[e->n] = key->len;
		if (++e->n == 32)
			return STORE_STOP;
	}
	return STORE_OK;
}

/* Puts jobs whose lease ran out back at their place in the queue. */
static int requeue_expired(struct store_txn *txn, int64_t now)
{
	struct expired_ctx e;
	e.now = now;
	e.n = 0;
	int rc = store_scan(txn, DB_JOB_RUNNING, "", 0, NULL, 0, false, false, find_expired, &e);
	for (size_t i = 0; rc == STORE_OK && i < e.n; i++) {
		const char *owner = (const char *)e.keys[i];
		size_t olen = strnlen(owner, e.lens[i]);
		if (olen + 1 >= e.lens[i])
			continue;
		const char *id = owner + olen + 1;
		json_t *job;
		rc = store_del(txn, DB_JOB_RUNNING, e.keys[i], e.lens[i]);
		if (rc != STORE_OK)
			break;
		if (job_get(txn, id, &job) != STORE_OK)
			continue;
		json_object_set_new(job, "claim", json_string(""));
		rc = job_enqueue(txn, job);
		json_decref(job);
	}
	return rc;
}

struct pick_ctx {
	struct store_txn *txn;
	unsigned max_per_user;
	char owners[CLAIM_SCAN_MAX][48];
	unsigned counts[CLAIM_SCAN_MAX];
	size_t nowners, scanned;
	uint8_t key[STORE_KEY_MAX];
	size_t keylen;
	char owner[48];
	bool found;
};

static unsigned running_for(struct pick_ctx *p, const char *owner, size_t olen)
{
	for (size_t i = 0; i < p->nowners; i++)
		if (strlen(p->owners[i]) == olen && memcmp(p->owners[i], owner, olen) == 0)
			return p->counts[i];
	struct count_ctx r = { "", 0, NULL, false };
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_bytes(&prefix, owner, olen);
	store_key_bytes(&prefix, "", 1);
	store_scan(p->txn, DB_JOB_RUNNING, prefix.b, prefix.len, NULL, 0, false, false, count_any, &r);
	if (p->nowners < CLAIM_SCAN_MAX && olen < sizeof(p->owners[0])) {
		memcpy(p->owners[p->nowners], owner, olen);
		p->owners[p->nowners][olen] = '\0';
		p->counts[p->nowners++] = (unsigned)r.n;
	}
	return (unsigned)r.n;
}

static int pick_next(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct pick_ctx *p = arg;
	if (++p->scanned > CLAIM_SCAN_MAX)
		return STORE_STOP;
	if (val->len >= sizeof(p->owner) || key->len > STORE_KEY_MAX)
		return STORE_OK;
	if (running_for(p, val->data, val->len) >= p->max_per_user)
		return STORE_OK;
	memcpy(p->key, key->data, key->len);
	p->keylen = key->len;
	memcpy(p->owner, val->data, val->len);
	p->owner[val->len] = '\0';
	p->found = true;
	return STORE_STOP;
}

struct claim_ctx {
	int64_t lease_ms;
	unsigned max_per_user;
	json_t *job;
	struct pick_ctx pick;
};

static int claim_txn(struct store_txn *txn, void *arg)
{
	struct claim_ctx *c = arg;
	/* store_update runs this again after growing a full map: drop what an aborted run claimed. */
	json_decref(c->job);
	c->job = NULL;
	int64_t now = now_ms();
	int rc = requeue_expired(txn, now);
	if (rc != STORE_OK)
		return rc;
	memset(&c->pick, 0, sizeof(c->pick));
	c->pick.txn = txn;
	c->pick.max_per_user = c->max_per_user;
	rc = store_scan(txn, DB_JOB_QUEUE, "", 0, NULL, 0, false, false, pick_next, &c->pick);
	if (rc != STORE_OK)
		return rc;
	if (!c->pick.found)
		return STORE_NOTFOUND;
	const char *id = (const char *)c->pick.key + 8;
	json_t *job;
	if ((rc = job_get(txn, id, &job)) != STORE_OK)
		return rc;
	if ((rc = store_del(txn, DB_JOB_QUEUE, c->pick.key, c->pick.keylen)) != STORE_OK) {
		json_decref(job);
		return rc;
	}
	char claim[HEX_LEN(8)];
	uint8_t raw[8];
	random_bytes(raw, sizeof(raw));
	hex_encode(raw, sizeof(raw), claim);
	json_object_set_new(job, "state", json_string("running"));
	json_object_set_new(job, "claim", json_string(claim));
	json_object_set_new(job, "attempts",
			    json_integer(json_integer_value(json_object_get(job, "attempts")) + 1));
	struct store_key k;
	uint8_t lease[8];
	uint64_t until = (uint64_t)(now + c->lease_ms);
	for (int i = 7; i >= 0; i--) {
		lease[i] = (uint8_t)(until & 0xff);
		until >>= 8;
	}
	if ((rc = running_key(&k, c->pick.owner, id)) != STORE_OK ||
	    (rc = store_put(txn, DB_JOB_RUNNING, k.b, k.len, lease, 8, 0)) != STORE_OK ||
	    (rc = job_put(txn, job)) != STORE_OK) {
		json_decref(job);
		return rc;
	}
	c->job = job;
	return STORE_OK;
}

struct peek_ctx {
	int64_t now;
	bool work;
};

static int any_entry(const struct store_val *key, const struct store_val *val, void *arg)
{
	((struct peek_ctx *)arg)->work = true;
	return STORE_STOP;
}

static int any_expired(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct peek_ctx *p = arg;
	if (val->len == 8 && (int64_t)store_be64(val->data) < p->now) {
		p->work = true;
		return STORE_STOP;
	}
	return STORE_OK;
}

static int peek_txn(struct store_txn *txn, void *arg)
{
	struct peek_ctx *p = arg;
	int rc = store_scan(txn, DB_JOB_QUEUE, "", 0, NULL, 0, false, false, any_entry, p);
	if (rc == STORE_OK && !p->work)
		rc = store_scan(txn, DB_JOB_RUNNING, "", 0, NULL, 0, false, false, any_expired, p);
	return rc;
}

int64_t job_renew_every_ms(int64_t lease_ms)
{
	int64_t every = lease_ms / 3;
	if (every > 3000)
		every = 3000;
	return every < 100 ? 100 : every;
}

int job_claim(struct store *s, int64_t lease_ms, unsigned max_running_per_user, json_t **out)
{
	/* A read first: idle threads poll often, and an empty poll should not take the write lock. */
	struct peek_ctx peek = { now_ms(), false };
	int rc = store_view(s, peek_txn, &peek);
	if (rc != STORE_OK)
		return rc;
	if (!peek.work)
		return STORE_NOTFOUND;
	struct claim_ctx *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return STORE_ERROR;
	c->lease_ms = lease_ms;
	c->max_per_user = max_running_per_user;
	rc = store_update(s, claim_txn, c);
	if (rc == STORE_OK)
		*out = c->job;
	else
		json_decref(c->job);
	free(c);
	return rc;
}

struct renew_ctx {
	const char *id, *claim;
	int64_t lease_ms;
	bool cancel, lost;
};

bool job_held(struct store_txn *txn, const char *id, const char *claim, json_t **job)
{
	json_t *j;
	if (job_get(txn, id, &j) != STORE_OK)
		return false;
	bool held = strcmp(jstr(j, "state"), "running") == 0 && strcmp(jstr(j, "claim"), claim) == 0;
	if (held && job != NULL)
		*job = j;
	else
		json_decref(j);
	return held;
}

static int renew_txn(struct store_txn *txn, void *arg)
{
	struct renew_ctx *r = arg;
	json_t *job;
	if (!job_held(txn, r->id, r->claim, &job)) {
		r->lost = true;
		return STORE_STOP;
	}
	r->cancel = json_is_true(json_object_get(job, "cancel"));
	int rc = STORE_OK;
	if (r->lease_ms < 0) {
		/* Given back at shutdown: that claim does not count towards JOB_MAX_ATTEMPTS. */
		json_int_t n = json_integer_value(json_object_get(job, "attempts"));
		json_object_set_new(job, "attempts", json_integer(n > 0 ? n - 1 : 0));
		rc = job_put(txn, job);
		store_txn_notify(txn, NOTIFY_JOBS); /* claimable now: wake another worker's render thread */
	}
	struct store_key k;
	uint8_t lease[8];
	uint64_t until = (uint64_t)(now_ms() + r->lease_ms);
	for (int i = 7; i >= 0; i--) {
		lease[i] = (uint8_t)(until & 0xff);
		until >>= 8;
	}
	if (rc == STORE_OK)
		rc = running_key(&k, jstr(job, "owner"), r->id);
	json_decref(job);
	if (rc != STORE_OK)
		return rc;
	return store_put(txn, DB_JOB_RUNNING, k.b, k.len, lease, 8, 0);
}

int job_renew(struct store *s, const char *id, const char *claim, int64_t lease_ms, bool *cancel,
	      bool *lost)
{
	struct renew_ctx r = { id, claim, lease_ms, false, false };
	int rc = store_update(s, renew_txn, &r);
	*cancel = r.cancel;
	*lost = r.lost;
	return rc == STORE_STOP ? STORE_OK : rc;
}

struct cancel_poll {
	const char *id, *claim;
	bool cancel, lost;
};

static int cancel_poll_txn(struct store_txn *txn, void *arg)
{
	struct cancel_poll *c = arg;
	json_t *job;
	if (!job_held(txn, c->id, c->claim, &job)) {
		c->lost = true;
		return STORE_OK;
	}
	c->cancel = json_is_true(json_object_get(job, "cancel"));
	json_decref(job);
	return STORE_OK;
}

int job_poll_cancel(struct store *s, const char *id, const char *claim, bool *cancel, bool *lost)
{
	struct cancel_poll c = { id, claim, false, false };
	int rc = store_view(s, cancel_poll_txn, &c);
	*cancel = c.cancel;
	*lost = c.lost;
	return rc;
}

int job_end(struct store_txn *txn, json_t *job, const char *state)
{
	struct store_key k;
	int rc;
	const char *was = jstr(job, "state");
	if (strcmp(was, "queued") == 0) {
		if ((rc = queue_key(&k, job)) != STORE_OK)
			return rc;
	} else if ((rc = running_key(&k, jstr(job, "owner"), jstr(job, "id"))) != STORE_OK) {
		return rc;
	}
	rc = store_del(txn, strcmp(was, "queued") == 0 ? DB_JOB_QUEUE : DB_JOB_RUNNING, k.b, k.len);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return rc;
	if (strcmp(was, "queued") != 0)
		store_txn_notify(txn, NOTIFY_JOBS); /* its owner may run another now */
	json_object_set_new(job, "state", json_string(state));
	json_object_set_new(job, "ended_ms", json_integer(now_ms()));
	return job_put(txn, job);
}

int job_request_cancel(struct store_txn *txn, json_t *job)
{
	json_object_set_new(job, "cancel", json_true());
	return job_put(txn, job);
}

/* ---- events ---- */

static int event_prefix(struct store_key *k, const char *conv_id, uint32_t turn)
{
	store_key_init(k);
	store_key_str(k, conv_id);
	uint8_t t[4] = { (uint8_t)(turn >> 24), (uint8_t)(turn >> 16), (uint8_t)(turn >> 8), (uint8_t)turn };
	store_key_bytes(k, t, 4);
	return k->overflow ? STORE_ERROR : STORE_OK;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct last_ctx {
	uint32_t seq;
	bool any;
};

static int last_seq(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct last_ctx *l = arg;
	if (key->len >= 4) {
		l->seq = be32((const uint8_t *)key->data + key->len - 4);
		l->any = true;
	}
	return STORE_STOP;
}

int events_append(struct store_txn *txn, const char *conv_id, uint32_t turn, const char *event,
		  const char *data, uint32_t *seq)
{
	struct store_key k;
	int rc = event_prefix(&k, conv_id, turn);
	if (rc != STORE_OK)
		return rc;
	struct last_ctx l = { 0, false };
	rc = store_scan(txn, DB_EVENTS, k.b, k.len, NULL, 0, false, true, last_seq, &l);
	if (rc != STORE_OK)
		return rc;
	uint32_t next = l.any ? l.seq + 1 : 0;
	uint8_t s[4] = { (uint8_t)(next >> 24), (uint8_t)(next >> 16), (uint8_t)(next >> 8), (uint8_t)next };
	store_key_bytes(&k, s, 4);
	json_t *ev = json_pack("{s:s?, s:s}", "e", event, "d", data);
	if (ev == NULL || k.overflow) {
		json_decref(ev);
		return STORE_ERROR;
	}
	rc = store_put_json(txn, DB_EVENTS, k.b, k.len, ev, 0);
	json_decref(ev);
	if (rc == STORE_OK)
		store_txn_notify(txn, notify_key_turn(conv_id, turn));
	if (rc == STORE_OK && seq != NULL)
		*seq = next;
	return rc;
}

int events_append_delta(struct store_txn *txn, const char *conv_id, uint32_t turn, json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (text == NULL)
		return STORE_ERROR;
	int rc = events_append(txn, conv_id, turn, "delta", text, NULL);
	free(text);
	return rc;
}

/* Appends obj (stolen), serialised, as an event without a name. */
static int append_obj(struct store_txn *txn, const char *conv, uint32_t turn, json_t *obj)
{
	char *text = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
	json_decref(obj);
	if (text == NULL)
		return STORE_ERROR;
	int rc = events_append(txn, conv, turn, NULL, text, NULL);
	free(text);
	return rc;
}

int events_close_turn(struct store_txn *txn, const char *conv, uint32_t turn, const char *title)
{
	int rc = STORE_OK;
	if (title != NULL) {
		json_t *tg = json_pack("{s:s, s:s, s:s}", "type", "title_generation", "title", title,
				       "conversation_id", conv);
		/* A title that cannot be sent (not UTF-8, no memory) is left out: the turn still ends. */
		if (tg != NULL)
			rc = append_obj(txn, conv, turn, tg);
		else
			log_msg("warn", "conversation %s: the title event could not be built; left out", conv);
	}
	if (rc == STORE_OK)
		rc = append_obj(txn, conv, turn, json_pack("{s:s, s:s}", "type", "message_stream_complete",
							   "conversation_id", conv));
	if (rc == STORE_OK)
		rc = events_append(txn, conv, turn, NULL, "[DONE]", NULL);
	return rc;
}

int events_append_closing(struct store_txn *txn, const json_t *job, const char *title)
{
	const char *conv = jstr(job, "conversation_id");
	uint32_t turn = (uint32_t)json_integer_value(json_object_get(job, "turn"));
	bool first = json_is_true(json_object_get(json_object_get(job, "request"), "new_conversation"));
	json_t *c = NULL;
	if (first && title == NULL && conv_get(txn, conv, &c) == STORE_OK) {
		/* Ended without a title of its own (failed, cancelled): the one given at the start. */
		title = json_string_value(json_object_get(c, "title"));
		if (title != NULL && title[0] == '\0')
			title = NULL;
	}
	int rc = events_close_turn(txn, conv, turn, first ? title : NULL);
	json_decref(c);
	return rc;
}

struct read_ctx {
	event_fn fn;
	void *ctx;
};

static int read_one(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct read_ctx *r = arg;
	json_t *ev = json_loadb(val->data, val->len, 0, NULL);
	if (ev == NULL || key->len < 4) {
		json_decref(ev);
		return STORE_CORRUPT;
	}
	int rc = r->fn(be32((const uint8_t *)key->data + key->len - 4),
		       json_string_value(json_object_get(ev, "e")), jstr(ev, "d"), r->ctx);
	json_decref(ev);
	return rc;
}

int events_read(struct store_txn *txn, const char *conv_id, uint32_t turn, uint32_t from, event_fn fn,
		void *ctx)
{
	struct store_key k, start;
	int rc = event_prefix(&k, conv_id, turn);
	if (rc != STORE_OK)
		return rc;
	start = k;
	uint8_t s[4] = { (uint8_t)(from >> 24), (uint8_t)(from >> 16), (uint8_t)(from >> 8), (uint8_t)from };
	store_key_bytes(&start, s, 4);
	struct read_ctx r = { fn, ctx };
	return store_scan(txn, DB_EVENTS, k.b, k.len, start.b, start.len, true, false, read_one, &r);
}
