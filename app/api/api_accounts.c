#include "api_accounts.h"

#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "accounts.h"
#include "encode.h"
#include "log.h"
#include "ratelimit.h"
#include "validate.h"

/* Sign-up attempts per client address per hour, refused ones (a taken email) included. */

static int64_t now_s(void)
{
	return (int64_t)time(NULL);
}

/* Maps an accounts error to its HTTP answer; the store's own errors as every route maps them. */
static void answer_acct_error(struct request *req, enum acct_err e)
{
	static const int status[] = {
		[ACCT_OK] = 200, [ACCT_EXISTS] = 409, [ACCT_BAD_CREDENTIALS] = 401,
		[ACCT_NOTFOUND] = 404, [ACCT_LIMIT] = 409, [ACCT_CLOSED] = 403, [ACCT_DISABLED] = 403,
	};
	int http = e == ACCT_FULL ? store_http_status(STORE_FULL)
		   : e == ACCT_ERROR ? store_http_status(STORE_ERROR)
				     : status[e];
	if (e == ACCT_ERROR)
		log_msg("error", "accounts: internal error on %s %s", req->method, req->path);
	resp_error(req, http, "%s", acct_strerror(e));
}

static const char *client_addr(const struct request *req)
{
	return req->remote_addr != NULL ? req->remote_addr : "unknown";
}

static void set_session_cookie(struct request *req, const char *token, int64_t max_age)
{
	const char *https = req_param(req, "HTTPS");
	bool secure = https != NULL && (strcmp(https, "on") == 0 || strcmp(https, "1") == 0);
	resp_header(req, "Set-Cookie", "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%lld%s",
		    SESSION_COOKIE, token, (long long)max_age, secure ? "; Secure" : "");
}

/* Starts a session for u and answers {"user": ...} with its cookie. */
static void answer_with_session(struct request *req, const struct user *u)
{
	char token[SESSION_TOKEN_LEN + 1];
	int64_t now = now_s(), expires;
	enum acct_err e = session_create(req->app->store, &req->app->cfg, u->id, now, token, &expires);
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		return;
	}
	set_session_cookie(req, token, expires - now);
	req->auth = AUTH_COOKIE;
	req->user = *u;
	resp_json(req, 200, json_pack("{s:o}", "user", user_to_json(u)));
}

struct health {
	size_t queued, running;
};

static int health_txn(struct store_txn *txn, void *arg)
{
	struct health *h = arg;
	int rc = store_count(txn, DB_JOB_QUEUE, &h->queued);
	return rc == STORE_OK ? store_count(txn, DB_JOB_RUNNING, &h->running) : rc;
}

/* Free bytes on the data directory's file system, or -1. */
static int64_t disk_free(const char *dir)
{
	struct statvfs v;
	return statvfs(dir, &v) == 0 ? (int64_t)v.f_bavail * (int64_t)v.f_frsize : -1;
}

#define READY_MIN_FREE ((int64_t)16 << 20)

/*
 * GET /backend-api/healthz: a read transaction on the store (so a worker whose
 * LMDB is unusable is not "ok"), the engine and the queue. With ?ready, also
 * 503 when the data directory's disk has less than 16 MiB free or the map is
 * nearly at db_map_max_mb: the instance cannot take writes.
 */
void api_healthz(struct request *req)
{
	const struct app *app = req->app;
	struct health h = { 0, 0 };
	int rc = store_view(app->store, health_txn, &h);
	const char *q = NULL;
	bool ready = req_query(req, "ready", &q) == 1;
	if (rc != STORE_OK) {
		resp_error(req, 503, "the store cannot be read: %s", store_strerror(rc));
		return;
	}
	json_t *out = json_pack("{s:s, s:s, s:{s:I, s:I}}", "status", "ok", "engine", app->cfg.engine, "jobs", "queued",
				(json_int_t)h.queued, "running", (json_int_t)h.running);
	if (ready) {
		int64_t free_bytes = disk_free(app->cfg.data_dir);
		size_t used = store_map_used(app->store), max = app->cfg.db_map_max_mb << 20;
		json_object_set_new(out, "disk_free_bytes", json_integer(free_bytes));
		json_object_set_new(out, "db_used_bytes", json_integer((json_int_t)used));
		const char *why = free_bytes >= 0 && free_bytes < READY_MIN_FREE ? "the data directory's disk is nearly full"
				  : max > 0 && used > max / 10 * 9	       ? "the database is nearly at db_map_max_mb"
										: NULL;
		if (why != NULL) {
			json_object_set_new(out, "status", json_string("unavailable"));
			json_object_set_new(out, "detail", json_string(why));
			resp_json(req, 503, out);
			return;
		}
	}
	resp_json(req, 200, out);
}

struct signup_body {
	struct field_str email, password, name;
};

static const struct field_spec signup_spec[] = {
	{ "email", FIELD_STRING, true, 3, 254, offsetof(struct signup_body, email) },
	{ "password", FIELD_TEXT, true, 8, 256, offsetof(struct signup_body, password) },
	{ "name", FIELD_STRING, false, 0, 100, offsetof(struct signup_body, name) },
};

void api_signup(struct request *req)
{
	json_t *body;
	struct signup_body b = { 0 };
	char email[256], name[128];
	if (req_json(req, &body) != 0)
		return;
	if (validate_body(req, body, signup_spec, 3, &b) != 0)
		goto out;
	if (email_normalize(b.email.s, b.email.len, email, sizeof(email)) != 0) {
		resp_error(req, 400, "email: not a valid email address");
		goto out;
	}
	/*
	 * Every sign-up attempt from an address counts, refused ones too (a taken
	 * email is 409, so each one tells whether an account exists): taken before
	 * any work, in one transaction, so attempts at once cannot overrun it.
	 */
	char limiter[128];
	int64_t retry = 0;
	snprintf(limiter, sizeof(limiter), "signup:addr:%s", client_addr(req));
	const char *const names[1] = { limiter };
	const unsigned limits[1] = { req->app->cfg.signups_per_hour };
	int rc = limits[0] == 0 ? STORE_OK : ratelimit_take(req->app->store, names, limits, 1, 3600, now_s(), &retry);
	if (rc == STORE_EXISTS) {
		resp_header(req, "Retry-After", "%lld", (long long)retry);
		resp_error(req, 429, "too many sign-ups from this address; try again in %lld s",
			   (long long)retry);
		goto out;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot count the sign-up");
		goto out;
	}
	if (b.name.s != NULL && b.name.len > 0) {
		snprintf(name, sizeof(name), "%s", b.name.s);
	} else {
		/* No name given: the email's local part stands in. */
		size_t at = strcspn(email, "@");
		snprintf(name, sizeof(name), "%.*s", (int)(at < 100 ? at : 100), email);
	}
	struct user u;
	enum acct_err e = account_create(req->app->store, &req->app->cfg, email, name, b.password.s,
					 b.password.len, &u);
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		goto out;
	}
	log_msg("info", "signup %s%s", u.id, u.is_admin ? " (admin)" : "");
	answer_with_session(req, &u);
out:
	json_decref(body);
}

struct login_body {
	struct field_str email, password;
};

static const struct field_spec login_spec[] = {
	{ "email", FIELD_STRING, true, 1, 254, offsetof(struct login_body, email) },
	{ "password", FIELD_TEXT, true, 1, 256, offsetof(struct login_body, password) },
};

void api_login(struct request *req)
{
	json_t *body;
	struct login_body b = { 0 };
	char email[256], by_acct[400], by_addr[128];
	const struct config *cfg = &req->app->cfg;
	struct store *s = req->app->store;
	if (req_json(req, &body) != 0)
		return;
	if (validate_body(req, body, login_spec, 2, &b) != 0)
		goto out;
	if (email_normalize(b.email.s, b.email.len, email, sizeof(email)) != 0) {
		resp_error(req, 401, "%s", acct_strerror(ACCT_BAD_CREDENTIALS));
		goto out;
	}
	/*
	 * Failures count per address, and per account from each address: guesses
	 * from elsewhere cannot lock the owner out. Each attempt takes its place in
	 * both windows before the password is checked, so attempts at once cannot
	 * overrun the limits; one that did not fail gives its place back.
	 */
	snprintf(by_acct, sizeof(by_acct), "login:acct:%s:%s", email, client_addr(req));
	snprintf(by_addr, sizeof(by_addr), "login:addr:%s", client_addr(req));
	int64_t now = now_s(), retry = 0;
	const char *const names[2] = { by_acct, by_addr };
	const unsigned limits[2] = { cfg->login_fail_per_account, cfg->login_fail_per_address };
	int rc = ratelimit_take(s, names, limits, 2, cfg->login_fail_window_s, now, &retry);
	if (rc == STORE_EXISTS) {
		resp_header(req, "Retry-After", "%lld", (long long)retry);
		resp_error(req, 429, "too many failed log-ins; try again in %lld s", (long long)retry);
		goto out;
	}
	if (rc != STORE_OK) {
		resp_store_error(req, rc, "cannot count the log-in attempt");
		goto out;
	}
	struct user u;
	enum acct_err e = account_authenticate(s, cfg, email, b.password.s, b.password.len, &u);
	if (e != ACCT_BAD_CREDENTIALS) {
		ratelimit_give_back(s, by_addr, now);
		if (e == ACCT_OK)
			ratelimit_reset(s, by_acct);
		else
			ratelimit_give_back(s, by_acct, now);
	}
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		goto out;
	}
	answer_with_session(req, &u);
out:
	json_decref(body);
}

struct logout_body {
	bool all, revoke_keys;
};

static const struct field_spec logout_spec[] = {
	{ "all", FIELD_BOOL, false, 0, 0, offsetof(struct logout_body, all) },
	{ "revoke_keys", FIELD_BOOL, false, 0, 0, offsetof(struct logout_body, revoke_keys) },
};

void api_logout(struct request *req)
{
	struct logout_body b = { false, false };
	json_t *body = NULL;
	const char *cl = req_param(req, "CONTENT_LENGTH");
	if (cl != NULL && cl[0] != '\0' && strcmp(cl, "0") != 0) {
		if (req_json(req, &body) != 0)
			return;
		if (validate_body(req, body, logout_spec, sizeof(logout_spec) / sizeof(logout_spec[0]), &b) != 0)
			goto out;
	}
	enum acct_err e = ACCT_OK;
	if (req->auth == AUTH_COOKIE)
		e = session_revoke(req->app->store, req->session_hash);
	if (e == ACCT_OK && b.all && req->auth != AUTH_NONE)
		e = session_revoke_all(req->app->store, req->user.id);
	/* "Log out everywhere" may also end every API key (the one asking, too). */
	if (e == ACCT_OK && b.all && b.revoke_keys && req->auth != AUTH_NONE)
		e = apikey_revoke_all(req->app->store, req->user.id);
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		goto out;
	}
	set_session_cookie(req, "", 0);
	resp_json(req, 200, json_pack("{s:s}", "status", "ok"));
out:
	json_decref(body);
}

void api_me(struct request *req)
{
	resp_json(req, 200, user_to_json(&req->user));
}

struct key_body {
	struct field_str name;
};

static const struct field_spec key_spec[] = {
	{ "name", FIELD_STRING, false, 0, 100, offsetof(struct key_body, name) },
};

/*
 * A new key's "scopes": absent means ["images"]; else a non-empty array of
 * distinct known names, none beyond what the asking credential holds. 0, or
 * the 400/403 was answered.
 */
static int body_scopes(struct request *req, const json_t *a, unsigned *out)
{
	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 2) {
		resp_error(req, 400, "scopes: a list of \"images\" and/or \"account\"");
		return -1;
	}
	unsigned s = 0;
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v) {
		unsigned one = json_is_string(v) ? key_scope_named(json_string_value(v)) : 0;
		if (one == 0 || (s & one)) {
			resp_error(req, 400, "scopes[%zu]: \"images\" or \"account\", each once", i);
			return -1;
		}
		s |= one;
	}
	*out = s;
	return 0;
}

void api_keys_create(struct request *req)
{
	struct key_body b = { { NULL, 0 } };
	json_t *body = NULL;
	const char *cl = req_param(req, "CONTENT_LENGTH");
	if (cl != NULL && cl[0] != '\0' && strcmp(cl, "0") != 0) {
		if (req_json(req, &body) != 0)
			return;
		if (validate_body(req, body, key_spec, 1, &b) != 0)
			goto out;
	}
	const char *name = b.name.s != NULL && b.name.len > 0 ? b.name.s : "API key";
	unsigned scopes = KEY_SCOPE_IMAGES;
	if (body_scopes(req, json_object_get(body, "scopes"), &scopes) != 0)
		goto out;
	/* The default too: a key with the account scope alone cannot mint an images key. */
	if (scopes & ~req->scopes) {
		resp_error(req, 403, "a key cannot grant a scope it does not have");
		goto out;
	}
	char id[API_KEY_ID_LEN + 1], key[API_KEY_LEN + 1];
	int64_t now = now_s();
	enum acct_err e = apikey_create(req->app->store, &req->app->cfg, req->user.id, name, scopes, now, id, key);
	if (e == ACCT_LIMIT) {
		resp_error(req, 409, "at most %u API keys per user: revoke one first",
			   req->app->cfg.api_keys_per_user);
		goto out;
	}
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		goto out;
	}
	resp_json(req, 200, json_pack("{s:s, s:s, s:s, s:I, s:o}", "id", id, "key", key, "name", name,
				      "created", (json_int_t)now, "scopes", key_scopes_json(scopes)));
out:
	json_decref(body);
}

void api_keys_list(struct request *req)
{
	json_t *out;
	enum acct_err e = apikey_list(req->app->store, req->user.id, &out);
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		return;
	}
	resp_json(req, 200, out);
}

void api_keys_delete(struct request *req)
{
	enum acct_err e = apikey_revoke(req->app->store, req->user.id, req->captures[0]);
	if (e == ACCT_NOTFOUND) {
		resp_error(req, 404, "no such API key");
		return;
	}
	if (e != ACCT_OK) {
		answer_acct_error(req, e);
		return;
	}
	resp_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

int auth_resolve(struct request *req)
{
	const char *authz = req_header(req, "Authorization");
	if (authz != NULL) {
		if (strncmp(authz, "Bearer ", 7) != 0 ||
		    apikey_lookup(req->app->store, authz + 7, &req->user, &req->scopes) != ACCT_OK) {
			resp_header(req, "WWW-Authenticate", "Bearer");
			resp_error(req, 401, "invalid API key");
			return 401;
		}
		req->auth = AUTH_BEARER;
		sha256(authz + 7, strlen(authz + 7), req->cred_hash);
		return 0;
	}
	const char *token = req_cookie(req, SESSION_COOKIE);
	if (token != NULL && token[0] != '\0' &&
	    session_lookup(req->app->store, token, now_s(), &req->user, req->session_hash) == ACCT_OK) {
		req->auth = AUTH_COOKIE;
		req->scopes = KEY_SCOPES_ALL;
		memcpy(req->cred_hash, req->session_hash, sizeof(req->cred_hash));
	}
	return 0;
}
