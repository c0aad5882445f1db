#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textparse.h"

enum opt_type { OPT_UINT, OPT_SIZE_MB, OPT_SIZE_BYTES, OPT_BOOL, OPT_PATH, OPT_WORD, OPT_TEXT, OPT_TOKEN };

struct option {
	const char *key;
	enum opt_type type;
	size_t offset;
	unsigned long long min, max;
};

#define OPT(k, t, field, lo, hi) { k, t, offsetof(struct config, field), lo, hi }

/* The one table of what images.conf may say; conf/images.conf documents each key. */
static const struct option options[] = {
	OPT("data_dir", OPT_PATH, data_dir, 0, 0),
	OPT("listen_port", OPT_UINT, listen_port, 1, 65535),
	OPT("workers", OPT_UINT, workers, 1, 64),
	OPT("stream_workers", OPT_UINT, stream_workers, 1, 64),
	OPT("threads", OPT_UINT, threads, 1, 256),
	OPT("stream_threads", OPT_UINT, stream_threads, 1, 256),
	OPT("max_streams_per_user", OPT_UINT, max_streams_per_user, 1, 256),
	OPT("max_json_bytes", OPT_SIZE_BYTES, max_json_bytes, 1024, 64ull << 20),
	OPT("json_max_depth", OPT_UINT, json_max_depth, 2, 256),
	OPT("session_ttl_days", OPT_UINT, session_ttl_days, 1, 3650),
	OPT("allow_signup", OPT_BOOL, allow_signup, 0, 1),
	OPT("signups_per_hour", OPT_UINT, signups_per_hour, 0, 1000000),
	OPT("login_fail_per_account", OPT_UINT, login_fail_per_account, 1, 1000000),
	OPT("login_fail_per_address", OPT_UINT, login_fail_per_address, 1, 1000000),
	OPT("login_fail_window_s", OPT_UINT, login_fail_window_s, 1, 86400 * 7),
	OPT("scrypt_log2_n", OPT_UINT, scrypt_log2_n, 10, 20),
	OPT("api_keys_per_user", OPT_UINT, api_keys_per_user, 1, 10000),
	OPT("max_upload_bytes", OPT_SIZE_BYTES, max_upload_bytes, 1024, 256ull << 20),
	OPT("quota_mb_per_user", OPT_SIZE_MB, quota_mb_per_user, 0, 1ull << 30),
	OPT("quota_files_per_user", OPT_UINT, quota_files_per_user, 0, 1000000000),
	OPT("uploads_per_minute", OPT_UINT, uploads_per_minute, 0, 100000),
	OPT("max_image_side", OPT_UINT, max_image_side, 16, 16384),
	OPT("thumbnail_side", OPT_UINT, thumbnail_side, 16, 2048),
	OPT("estuary_max_age_s", OPT_UINT, estuary_max_age_s, 60, 7 * 86400),
	OPT("estuary_bucket_s", OPT_UINT, estuary_bucket_s, 1, 86400),
	OPT("estuary_cache_s", OPT_UINT, estuary_cache_s, 0, 3600),
	OPT("engine", OPT_WORD, engine, 0, 0),
	OPT("styles_file", OPT_PATH, styles_file, 0, 0),
	OPT("render_slots", OPT_UINT, render_slots, 0, 64),
	OPT("max_running_per_user", OPT_UINT, max_running_per_user, 1, 64),
	OPT("max_queued_per_user", OPT_UINT, max_queued_per_user, 1, 1000),
	OPT("job_lease_s", OPT_UINT, job_lease_s, 3, 3600),
	OPT("max_prompt_bytes", OPT_UINT, max_prompt_bytes, 16, 100000),
	OPT("db_map_mb", OPT_SIZE_MB, db_map_mb, 1, 1ull << 20),
	OPT("db_map_max_mb", OPT_SIZE_MB, db_map_max_mb, 1, 1ull << 24),
	OPT("db_max_readers", OPT_UINT, db_max_readers, 16, 65536),
	OPT("openai_wait_s", OPT_UINT, openai_wait_s, 5, 3500), /* below the 3600 s fastcgi_read_timeout of /v1/ */
	OPT("openai_per_minute", OPT_UINT, openai_per_minute, 0, 1000000),
	/* OPT_TOKEN: printable ASCII without spaces, max is the field's size; empty = off. */
	OPT("text_model_url", OPT_TOKEN, text_model_url, 0, sizeof(((struct config *)0)->text_model_url)),
	OPT("text_model", OPT_TOKEN, text_model, 0, sizeof(((struct config *)0)->text_model)),
	OPT("text_model_key_file", OPT_TOKEN, text_model_key_file, 0, sizeof(((struct config *)0)->text_model_key_file)),
	OPT("text_model_context_tokens", OPT_UINT, text_model_context_tokens, 256, 10000000),
	OPT("text_model_max_tokens", OPT_UINT, text_model_max_tokens, 0, 1000000),
	OPT("text_model_tools", OPT_BOOL, text_model_tools, 0, 1),
	OPT("text_model_connect_timeout_s", OPT_UINT, text_model_connect_timeout_s, 1, 600),
	OPT("text_model_timeout_s", OPT_UINT, text_model_timeout_s, 1, 3600),
	OPT("text_model_idle_timeout_s", OPT_UINT, text_model_idle_timeout_s, 1, 3600),
	OPT("text_model_max_response_bytes", OPT_SIZE_BYTES, text_model_max_response_bytes, 1024, 64ull << 20),
	OPT("enhancer", OPT_WORD, enhancer, 0, 0),
	OPT("enhancer_url", OPT_TOKEN, enhancer_url, 0, sizeof(((struct config *)0)->enhancer_url)),
	OPT("enhancer_model", OPT_TOKEN, enhancer_model, 0, sizeof(((struct config *)0)->enhancer_model)),
	OPT("enhancer_timeout_s", OPT_UINT, enhancer_timeout_s, 1, 600),
	/* OPT_TEXT: max is the field's size; the value may be empty. */
	OPT("engine_connect_timeout_s", OPT_UINT, engine_connect_timeout_s, 1, 600),
	OPT("engine_timeout_s", OPT_UINT, engine_timeout_s, 1, 3600),
	OPT("engine_retries", OPT_UINT, engine_retries, 0, 10),
	OPT("engine_max_response_bytes", OPT_SIZE_BYTES, engine_max_response_bytes, 65536, 1ull << 30),
	OPT("negative_prompt", OPT_TEXT, negative_prompt, 0, sizeof(((struct config *)0)->negative_prompt)),
	OPT("server_names", OPT_TEXT, server_names, 0, sizeof(((struct config *)0)->server_names)),
	OPT("cors_origins", OPT_TEXT, cors_origins, 0, sizeof(((struct config *)0)->cors_origins)),
	OPT("openai_base_url", OPT_TEXT, openai_base_url, 0, sizeof(((struct config *)0)->openai_base_url)),
	OPT("openai_model", OPT_TEXT, openai_model, 0, sizeof(((struct config *)0)->openai_model)),
	OPT("openai_key_file", OPT_TEXT, openai_key_file, 0, PATH_MAX),
	OPT("openai_size", OPT_WORD, openai_size, 0, 0),
	OPT("openai_quality", OPT_WORD, openai_quality, 0, 0),
	OPT("openai_background", OPT_WORD, openai_background, 0, 0),
	OPT("openai_output_format", OPT_WORD, openai_output_format, 0, 0),
	OPT("openai_stream", OPT_BOOL, openai_stream, 0, 1),
	OPT("openai_partial_images", OPT_UINT, openai_partial_images, 0, 3),
	OPT("a1111_base_url", OPT_TEXT, a1111_base_url, 0, sizeof(((struct config *)0)->a1111_base_url)),
	OPT("a1111_model", OPT_TEXT, a1111_model, 0, sizeof(((struct config *)0)->a1111_model)),
	OPT("a1111_sampler", OPT_TEXT, a1111_sampler, 0, sizeof(((struct config *)0)->a1111_sampler)),
	OPT("a1111_steps", OPT_UINT, a1111_steps, 1, 150),
	OPT("a1111_cfg_scale", OPT_UINT, a1111_cfg_scale, 1, 30),
	OPT("a1111_progress_ms", OPT_UINT, a1111_progress_ms, 100, 10000),
	OPT("comfyui_base_url", OPT_TEXT, comfyui_base_url, 0, sizeof(((struct config *)0)->comfyui_base_url)),
	OPT("comfyui_workflow", OPT_TEXT, comfyui_workflow, 0, PATH_MAX),
	OPT("comfyui_model", OPT_TEXT, comfyui_model, 0, sizeof(((struct config *)0)->comfyui_model)),
};

void config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->data_dir, sizeof(c->data_dir), "%s", "var");
	c->listen_port = 8080;
	c->workers = 2;
	c->stream_workers = 1;
	c->threads = 4;
	snprintf(c->server_names, sizeof(c->server_names), "%s", "localhost 127.0.0.1 ::1");
	c->stream_threads = 32;
	c->max_streams_per_user = 8;
	c->max_json_bytes = 1u << 20;
	c->json_max_depth = 32;
	c->session_ttl_days = 30;
	c->allow_signup = true;
	c->signups_per_hour = 20;
	c->login_fail_per_account = 10;
	c->login_fail_per_address = 50;
	c->login_fail_window_s = 900;
	c->scrypt_log2_n = 15;
	c->api_keys_per_user = 100;
	c->max_upload_bytes = 20u << 20;
	c->quota_mb_per_user = 5120;
	c->quota_files_per_user = 20000;
	c->uploads_per_minute = 30;
	c->max_image_side = 4096;
	c->thumbnail_side = 384;
	c->estuary_max_age_s = 7200;
	c->estuary_bucket_s = 3600;
	c->estuary_cache_s = 60;
	snprintf(c->engine, sizeof(c->engine), "%s", "builtin");
	c->render_slots = 2;
	c->max_running_per_user = 3;
	c->max_queued_per_user = 12;
	c->job_lease_s = 15;
	c->max_prompt_bytes = 4000;
	c->db_map_mb = 64;
	c->db_map_max_mb = 1u << 16;
	c->db_max_readers = 1024;
	c->openai_wait_s = 300;
	c->openai_per_minute = 60;
	c->text_model_context_tokens = 8192;
	c->text_model_tools = true;
	c->text_model_connect_timeout_s = 10;
	c->text_model_timeout_s = 300;
	c->text_model_idle_timeout_s = 60;
	c->text_model_max_response_bytes = 1u << 20;
	snprintf(c->enhancer, sizeof(c->enhancer), "%s", "builtin");
	c->enhancer_timeout_s = 20;
	c->engine_connect_timeout_s = 10;
	c->engine_timeout_s = 300;
	c->engine_retries = 2;
	c->engine_max_response_bytes = 64u << 20;
	snprintf(c->negative_prompt, sizeof(c->negative_prompt), "%s", "blurry, low quality, watermark, text");
	snprintf(c->openai_base_url, sizeof(c->openai_base_url), "%s", "https://api.openai.com");
	snprintf(c->openai_model, sizeof(c->openai_model), "%s", "gpt-image-1");
	snprintf(c->openai_size, sizeof(c->openai_size), "%s", "fit");
	snprintf(c->openai_quality, sizeof(c->openai_quality), "%s", "auto");
	snprintf(c->openai_background, sizeof(c->openai_background), "%s", "auto");
	snprintf(c->openai_output_format, sizeof(c->openai_output_format), "%s", "png");
	c->openai_stream = true;
	c->openai_partial_images = 2;
	snprintf(c->a1111_base_url, sizeof(c->a1111_base_url), "%s", "http://127.0.0.1:7860");
	snprintf(c->a1111_sampler, sizeof(c->a1111_sampler), "%s", "Euler a");
	c->a1111_steps = 20;
	c->a1111_cfg_scale = 7;
	c->a1111_progress_ms = 500;
	snprintf(c->comfyui_base_url, sizeof(c->comfyui_base_url), "%s", "http://127.0.0.1:8188");
	snprintf(c->comfyui_model, sizeof(c->comfyui_model), "%s", "v1-5-pruned-emaonly.safetensors");
}

int config_set(struct config *c, const char *key, const char *value, char *err, size_t errlen)
{
	const struct option *o = NULL;
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		if (strcmp(options[i].key, key) == 0) {
			o = &options[i];
			break;
		}
	}
	if (o == NULL) {
		snprintf(err, errlen, "unknown key '%s'", key);
		return -1;
	}
	void *field = (char *)c + o->offset;
	unsigned long long v;
	switch (o->type) {
	case OPT_PATH:
		if (value[0] == '\0' || strlen(value) >= PATH_MAX) {
			snprintf(err, errlen, "%s: empty or too long", key);
			return -1;
		}
		memcpy(field, value, strlen(value) + 1);
		return 0;
	case OPT_TEXT:
		if (strlen(value) >= o->max) {
			snprintf(err, errlen, "%s: longer than %llu bytes", key, o->max - 1);
			return -1;
		}
		for (const char *p = value; *p; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				snprintf(err, errlen, "%s: control characters are not allowed", key);
				return -1;
			}
		}
		memcpy(field, value, strlen(value) + 1);
		return 0;
	case OPT_WORD:
		if (value[0] == '\0' || strlen(value) >= 32 || strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789-_") != strlen(value)) {
			snprintf(err, errlen, "%s: expected a lowercase word, got '%s'", key, value);
			return -1;
		}
		memcpy(field, value, strlen(value) + 1);
		return 0;
	case OPT_TOKEN:
		/* Printable ASCII only: these go into URLs, request bodies and file names. */
		if (strlen(value) >= o->max) {
			snprintf(err, errlen, "%s: at most %llu bytes", key, o->max - 1);
			return -1;
		}
		for (const char *p = value; *p; p++) {
			if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e) {
				snprintf(err, errlen, "%s: expected printable ASCII without spaces", key);
				return -1;
			}
		}
		memcpy(field, value, strlen(value) + 1);
		return 0;
	case OPT_BOOL:
		if (strcmp(value, "true") == 0 || strcmp(value, "yes") == 0 || strcmp(value, "1") == 0)
			*(bool *)field = true;
		else if (strcmp(value, "false") == 0 || strcmp(value, "no") == 0 || strcmp(value, "0") == 0)
			*(bool *)field = false;
		else {
			snprintf(err, errlen, "%s: expected true or false, got '%s'", key, value);
			return -1;
		}
		return 0;
	case OPT_UINT:
	case OPT_SIZE_MB:
	case OPT_SIZE_BYTES:
		if (parse_ull(value, strlen(value), o->min, o->max, &v) != 0) {
			snprintf(err, errlen, "%s: expected a whole number from %llu to %llu, got '%s'",
				 key, o->min, o->max, value);
			return -1;
		}
		if (o->type == OPT_UINT)
			*(unsigned *)field = (unsigned)v;
		else
			*(size_t *)field = (size_t)v;
		return 0;
	}
	snprintf(err, errlen, "%s: bad option type", key);
	return -1;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char line[PATH_MAX + 128];
	unsigned lineno = 0;
	int rc = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errlen, "%s:%u: line too long", path, lineno);
			rc = -1;
			goto out;
		}
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		char *s = trim(line);
		if (*s == '\0')
			continue;
		char *eq = strchr(s, '=');
		if (eq == NULL) {
			snprintf(err, errlen, "%s:%u: expected 'key = value'", path, lineno);
			rc = -1;
			goto out;
		}
		*eq = '\0';
		char *key = trim(s);
		char *value = trim(eq + 1);
		char msg[256];
		if (config_set(c, key, value, msg, sizeof(msg)) != 0) {
			snprintf(err, errlen, "%s:%u: %s", path, lineno, msg);
			rc = -1;
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		rc = -1;
	}
out:
	fclose(f);
	return rc;
}
