/*
 * image_job: runs one claimed image job: the enhancer, the engine, the images
 * stored through the file store, and the turn's final messages and events
 * written in one transaction. A chat turn's image_gen call runs the same code
 * without closing the turn (the chat job goes on after it).
 */
#include "image_job.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "blobstore.h"
#include "conversations.h"
#include "encode.h"
#include "engine.h"
#include "files.h"
#include "gallery.h"
#include "jobs.h"
#include "log.h"
#include "metrics.h"
#include "messages.h"
#include "textparse.h"
#include "enhancer.h"

#define CANCEL_CHECK_MS 250
#define PREVIEW_SIDE 256
#define PREVIEW_QUALITY 55

static const char *jstr(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}


/* Marks the job's tool message failed; closes the turn unless a chat turn goes on after it. */
int image_job_end(struct store_txn *txn, json_t *job, const char *state, const char *reason, bool close)
{
	const char *conv_id = jstr(job, "conversation_id");
	uint32_t turn = (uint32_t)json_integer_value(json_object_get(job, "turn"));
	json_t *node;
	int rc = msg_get(txn, conv_id, jstr(job, "tool_message_id"), &node);
	if (rc != STORE_OK)
		return rc;
	json_t *m = json_object_get(node, "message");
	const char *status = strcmp(state, "cancelled") == 0 ? "finished_with_error" : "finished_with_error";
	json_object_set_new(m, "status", json_string(status));
	json_t *meta = json_object_get(m, "metadata");
	json_object_set_new(meta, "error", json_string(reason));
	json_object_set_new(meta, "image_gen_progress", json_pack("{s:s}", "state", state));
	json_object_set_new(meta, "partial_images", json_array());
	rc = msg_put(txn, conv_id, node);
	json_decref(node);
	if (rc != STORE_OK)
		return rc;
	json_t *ops = json_pack("[o, o]", delta_op("/message/status", "replace", json_string(status)),
				delta_op("/message/metadata", "append",
				      json_pack("{s:s, s:{s:s}}", "error", reason, "image_gen_progress", "state", state)));
	rc = events_append_delta(txn, conv_id, turn, delta_op("", "patch", ops));
	if (close && rc == STORE_OK)
		rc = events_append_closing(txn, job, NULL);
	if (close && rc == STORE_OK)
		rc = job_end(txn, job, state);
	return rc;
}

/* True when the job's tool message already ended (its image made, or its failure written). */
bool image_job_ended(struct store_txn *txn, const json_t *job)
{
	json_t *node;
	if (msg_get(txn, jstr(job, "conversation_id"), jstr(job, "tool_message_id"), &node) != STORE_OK)
		return false;
	bool ended = strncmp(jstr(json_object_get(node, "message"), "status"), "finished", 8) == 0;
	json_decref(node);
	return ended;
}

/* ---- one job ---- */

#define PREV_IMAGE_MAX (64u << 20)

/* The previous image's bytes (sediment://<file id> of the same owner), for engines that edit pixels. */
static uint8_t *load_prev_image(const struct app *app, const struct job *job, size_t *len)
{
	const char *asset = jstr(job->request, "prev_asset");
	struct file_record rec;
	char path[PATH_MAX];
	if (strncmp(asset, "sediment://", 11) != 0 || file_get(app->store, asset + 11, &rec) != STORE_OK ||
	    strcmp(rec.owner, job->owner) != 0 || rec.size <= 0 || rec.size > (int64_t)PREV_IMAGE_MAX ||
	    blob_path(app->blobs_dir, rec.hash, path, sizeof(path)) != 0)
		return NULL;
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	uint8_t *buf = malloc((size_t)rec.size);
	if (buf != NULL && fread(buf, 1, (size_t)rec.size, f) != (size_t)rec.size) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)rec.size;
	return buf;
}

struct run {
	const struct app *app;
	const struct job *job;
	const char *id, *claim, *conv;
	uint32_t turn;
	int64_t last_renew, last_check;
	int last_percent;
	int partials;
	int image_index, images;
	bool cancel, lost, abandon;
	atomic_bool *stopping;
	struct image_job_outcome *chat; /* set when a chat turn's image_gen call runs this job */
};

struct progress_txn_args {
	struct run *r;
	json_t *ev;
};

static int progress_txn(struct store_txn *txn, void *arg)
{
	struct progress_txn_args *a = arg;
	if (!job_held(txn, a->r->id, a->r->claim, NULL))
		return STORE_STOP;
	return events_append_delta(txn, a->r->conv, a->r->turn, json_incref(a->ev));
}

static void append_event(struct run *r, json_t *ev)
{
	struct progress_txn_args a = { r, ev };
	store_update(r->app->store, progress_txn, &a);
	json_decref(ev);
}

static int on_progress(void *ctx, int percent, const struct image_rgba *preview)
{
	struct run *r = ctx;
	int64_t now = now_ms();
	if (now - r->last_renew >= job_renew_every_ms((int64_t)r->app->cfg.job_lease_s * 1000)) {
		r->last_renew = now;
		job_renew(r->app->store, r->id, r->claim, (int64_t)r->app->cfg.job_lease_s * 1000, &r->cancel,
			  &r->lost);
	}
	if (now - r->last_check >= CANCEL_CHECK_MS) {
		/* A cancel should not wait for the next lease renewal: a cheap read looks for it. */
		r->last_check = now;
		bool cancel = false, lost = false;
		job_poll_cancel(r->app->store, r->id, r->claim, &cancel, &lost);
		r->cancel |= cancel;
		r->lost |= lost;
	}
	if (atomic_load(r->stopping)) {
		/* The worker is stopping: give the job back so another worker renders it now. */
		r->abandon = true;
		return 1;
	}
	if (r->cancel || r->lost)
		return 1;
	/* Overall percent across the n images of this turn. */
	int overall = (r->image_index * 100 + percent) / (r->images > 0 ? r->images : 1);
	if (preview != NULL) {
		uint8_t *webp;
		size_t len;
		unsigned w, h;
		if (image_thumbnail_webp(preview, PREVIEW_SIDE, PREVIEW_QUALITY, &webp, &len, &w, &h) == IMAGE_OK) {
			char *b64 = malloc(B64_LEN(len));
			if (b64 != NULL) {
				/* Standard base64, as data: URLs take it. */
				b64_encode(webp, len, b64);
				append_event(r, delta_op("/message/metadata/partial_images", "append",
						      json_pack("{s:i, s:i, s:i, s:s}", "index", r->partials++, "width",
								(int)w, "height", (int)h, "b64_webp", b64)));
				free(b64);
			}
			image_bytes_free(webp);
		}
	}
	if (overall >= r->last_percent + 10 || (preview != NULL && overall > r->last_percent)) {
		r->last_percent = overall;
		append_event(r, delta_op("/message/metadata", "append",
				      json_pack("{s:{s:s, s:i}}", "image_gen_progress", "state", "rendering",
						"percent", overall)));
	}
	return 0;
}

/* While the LLM enhancer runs: the lease is renewed and a cancel noticed, as during a render. */
static bool enhance_tick(void *ctx)
{
	return on_progress(ctx, 0, NULL) != 0;
}

struct finish_args {
	struct run *r;
	json_t *parts;       /* image_asset_pointer parts */
	json_t *scene;
	char enhanced[ENGINE_PROMPT_MAX];
	char title[128];
	char gen_id[UUID_LEN + 1];
	json_t *unknown;
	const char *edit_op;
	const char *engine;
	const char *enhancer;      /* "builtin" or "llm": which enhancer wrote the prompt */
	char enhancer_note[256];   /* why the LLM enhancer was not used, when it was asked for */
	struct file_record recs[4];
	int nrecs;
};

static int finish_txn(struct store_txn *txn, void *arg)
{
	struct finish_args *f = arg;
	struct run *r = f->r;
	json_t *job, *node, *conv;
	if (!job_held(txn, r->id, r->claim, &job))
		return STORE_STOP;
	int rc = msg_get(txn, r->conv, jstr(job, "tool_message_id"), &node);
	if (rc != STORE_OK) {
		json_decref(job);
		return rc;
	}
	json_t *request = json_object_get(job, "request");
	double now = now_epoch();
	json_t *m = json_object_get(node, "message");
	json_t *content = json_pack("{s:s, s:O}", "content_type", "multimodal_text", "parts", f->parts);
	json_object_set(m, "content", content);
	json_object_set_new(m, "status", json_string("finished_successfully"));
	json_object_set_new(m, "update_time", json_real(now));
	json_t *meta = json_object_get(m, "metadata");
	json_t *meta_add = json_pack("{s:s, s:s, s:s, s:O, s:{s:s, s:i}, s:s}", "image_gen_title", f->title,
				     "enhanced_prompt", f->enhanced, "image_gen_id", f->gen_id,
				     "unknown_words", f->unknown, "image_gen_progress", "state", "done",
				     "percent", 100, "engine", f->engine);
	json_object_set_new(meta_add, "enhancer", json_string(f->enhancer ? f->enhancer : "builtin"));
	if (f->enhancer_note[0])
		json_object_set_new(meta_add, "enhancer_fallback", json_string(f->enhancer_note));
	json_object_update(meta, meta_add);
	json_object_set(meta, "image_gen_scene", f->scene);
	json_object_set_new(meta, "partial_images", json_array());
	rc = msg_put(txn, r->conv, node);
	char assistant_id[UUID_LEN + 1];
	uuid_new(assistant_id);
	char text[ENGINE_PROMPT_MAX + 32];
	snprintf(text, sizeof(text), "Image created \xe2\x80\xa2 %s", f->enhanced);
	json_t *am = message_assistant(assistant_id, text, false,
				       json_pack("{s:s}", "image_gen_id", f->gen_id), now);
	if (rc == STORE_OK)
		rc = msg_add(txn, r->conv, jstr(job, "tool_message_id"), am);
	if (rc == STORE_OK)
		rc = events_append_delta(
			txn, r->conv, r->turn,
			delta_op("", "patch",
			      json_pack("[o, o, o]", delta_op("/message/content", "replace", content),
					delta_op("/message/status", "replace", json_string("finished_successfully")),
					delta_op("/message/metadata", "append", meta_add))));
	else {
		json_decref(content);
		json_decref(meta_add);
	}
	if (rc == STORE_OK)
		rc = events_append_delta(txn, r->conv, r->turn,
					 json_pack("{s:s, s:s, s:{s:O, s:s, s:n}, s:i}", "p", "", "o", "add", "v",
						   "message", am, "conversation_id", r->conv, "error", "c", 2));
	json_decref(am);
	if (rc == STORE_OK && (rc = conv_get(txn, r->conv, &conv)) == STORE_OK) {
		json_object_set_new(conv, "update_time", json_real(now));
		json_object_set_new(conv, "current_node", json_string(assistant_id));
		rc = conv_put(txn, conv);
		json_decref(conv);
	}
	for (int i = 0; rc == STORE_OK && i < f->nrecs; i++) {
		const struct file_record *rec = &f->recs[i];
		char pointer[64];
		snprintf(pointer, sizeof(pointer), "sediment://%s", rec->id);
		json_t *card = json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:s, s:s, s:s, s:s}",
					 "title", f->title, "prompt", jstr(request, "prompt"), "enhanced_prompt",
					 f->enhanced, "style", jstr(request, "style"), "width", (int)rec->width,
					 "height", (int)rec->height, "conversation_id", r->conv, "message_id",
					 jstr(job, "tool_message_id"), "asset_pointer", pointer, "hash", rec->hash,
					 "thumb_hash", rec->thumb_hash, "mime", rec->mime);
		rc = card ? gallery_add(txn, rec, (int64_t)(now * 1000.0) + i, card) : STORE_ERROR;
		json_decref(card);
	}
	if (r->chat != NULL) {
		/* A chat turn goes on: the model sees the result and may answer. */
		snprintf(r->chat->assistant_id, sizeof(r->chat->assistant_id), "%s", assistant_id);
		utf8_copy(r->chat->enhanced, sizeof(r->chat->enhanced), f->enhanced, SIZE_MAX);
	} else {
		if (rc == STORE_OK)
			rc = events_append_closing(txn, job, jstr(request, "title"));
		if (rc == STORE_OK)
			rc = job_end(txn, job, "done");
	}
	json_decref(node);
	json_decref(job);
	return rc;
}

struct end_args {
	struct run *r;
	const char *state, *reason;
};

static int end_txn(struct store_txn *txn, void *arg)
{
	struct end_args *e = arg;
	json_t *job;
	if (!job_held(txn, e->r->id, e->r->claim, &job))
		return STORE_STOP;
	int rc = image_job_end(txn, job, e->state, e->reason, e->r->chat == NULL);
	json_decref(job);
	return rc;
}

/* Stores one generated image: full PNG and WebP thumbnail blobs, and its file record. 0, -2 over quota, -1. */
static int store_image(struct run *r, const struct engine_result *res, const char *title,
		       struct file_record *rec)
{
	const struct config *cfg = &r->app->cfg;
	uint8_t *thumb;
	size_t tlen;
	memset(rec, 0, sizeof(*rec));
	if (image_thumbnail_webp(&res->pixels, cfg->thumbnail_side, 80, &thumb, &tlen, &rec->thumb_width,
				 &rec->thumb_height) != IMAGE_OK)
		return -1;
	int rc = -1;
	if (blob_put(r->app->blobs_dir, res->png, res->png_len, rec->hash) != 0 ||
	    blob_put(r->app->blobs_dir, thumb, tlen, rec->thumb_hash) != 0)
		goto out;
	snprintf(rec->owner, sizeof(rec->owner), "%s", r->job->owner);
	file_safe_name(title, "png", rec->name, sizeof(rec->name));
	snprintf(rec->mime, sizeof(rec->mime), "image/png");
	rec->size = (int64_t)res->png_len;
	rec->thumb_size = (int64_t)tlen;
	rec->width = res->pixels.width;
	rec->height = res->pixels.height;
	rec->created = (int64_t)time(NULL);
	snprintf(rec->conversation_id, sizeof(rec->conversation_id), "%s", r->conv);
	snprintf(rec->message_id, sizeof(rec->message_id), "%s", r->job->tool_message_id);
	struct file_quota q = file_quota_of(cfg);
	int frc = file_create(r->app->store, rec, &q);
	rc = frc == STORE_OK ? 0 : frc == FILE_OVER_QUOTA ? -2 : -1;
out:
	image_bytes_free(thumb);
	return rc;
}

void image_job_run(const struct app *app, const struct engine *engine, const struct job *job, atomic_bool *stopping,
		   struct image_job_outcome *chat)
{
	if (chat != NULL)
		memset(chat, 0, sizeof(*chat));
	struct run r = { .app = app, .job = job, .stopping = stopping, .chat = chat, .id = job->id, .claim = job->claim,
			 .conv = job->conversation_id, .turn = job->turn, .last_renew = now_ms() };
	const json_t *rq = job->request;
	int n = (int)json_integer_value(json_object_get(rq, "n"));
	r.images = n < 1 ? 1 : n;
	append_event(&r, delta_op("/message/metadata", "append",
			       json_pack("{s:{s:s, s:i}}", "image_gen_progress", "state", "rendering", "percent", 0)));
	struct finish_args f = { .r = &r, .parts = json_array() };
	uuid_new(f.gen_id);
	const char *parent_gen = jstr(rq, "parent_gen_id");
	char err[256] = "";
	enum engine_status st = ENGINE_OK;
	/* The LLM enhancer, when configured, rewrites the prompt once for all n images. */
	char llm_prompt[2048] = "";
	f.enhancer = json_is_true(json_object_get(rq, "enhance")) ? "builtin" : "off";
	if (json_is_true(json_object_get(rq, "enhance")) && strcmp(app->cfg.enhancer, "llm") == 0) {
		if (enhancer_rewrite(&app->cfg, jstr(rq, "prompt"), jstr(rq, "prev_prompt"), enhance_tick, &r,
					llm_prompt, sizeof(llm_prompt), f.enhancer_note, sizeof(f.enhancer_note)) == 0)
			f.enhancer = "llm";
		else
			log_msg("warn", "job %s: LLM enhancer not used: %s", r.id, f.enhancer_note);
	}
	bool llm = strcmp(f.enhancer, "llm") == 0;
	size_t prev_len = 0;
	uint8_t *prev_png = engine->edits_pixels ? load_prev_image(app, job, &prev_len) : NULL;
	for (r.image_index = 0; r.image_index < r.images && st == ENGINE_OK; r.image_index++) {
		uint32_t seed = (uint32_t)json_integer_value(json_object_get(rq, "seed")) + (uint32_t)r.image_index;
		json_t *prev = json_object_get(rq, "prev_scene");
		struct engine_request er = {
			.prompt = jstr(rq, "prompt"), .prev_scene = json_is_object(prev) ? prev : NULL,
			.style = jstr(rq, "style"), .width = (int)json_integer_value(json_object_get(rq, "width")),
			.height = (int)json_integer_value(json_object_get(rq, "height")), .seed = seed,
			.enhance = json_is_true(json_object_get(rq, "enhance")),
			.cfg = &app->cfg, .prev_png = prev_png, .prev_png_len = prev_len,
		};
		if (llm) {
			/* The rewritten prompt stands on its own (it folds in the previous one): render it as written. */
			er.prompt = llm_prompt;
			er.prev_scene = NULL;
			er.enhance = false;
		}
		struct engine_result res;
		int64_t t0 = now_ms();
		st = engine->generate(engine, &er, on_progress, &r, &res, err, sizeof(err));
		int64_t took = now_ms() - t0;
		if (st != ENGINE_CANCELLED)
			metrics_image(st == ENGINE_OK, took > 0 ? (uint64_t)took * 1000 : 0);
		if (st != ENGINE_OK)
			break;
		struct file_record *recp = &f.recs[f.nrecs < 4 ? f.nrecs : 3];
		struct file_record rec;
		int stored = store_image(&r, &res, jstr(rq, "title"), &rec);
		if (stored != 0) {
			engine_result_free(&res);
			snprintf(err, sizeof(err), "%s",
				 stored == -2 ? "your storage is full: delete images or uploads to make room"
					      : "the image could not be stored");
			st = ENGINE_FAILED;
			break;
		}
		*recp = rec;
		if (f.nrecs < 4)
			f.nrecs++;
		char pointer[64];
		snprintf(pointer, sizeof(pointer), "sediment://%s", rec.id);
		const char *orientation = rec.width == rec.height ? "square" : rec.width > rec.height ? "landscape" : "portrait";
		json_array_append_new(
			f.parts,
			json_pack("{s:s, s:s, s:I, s:i, s:i, s:{s:{s:s, s:i, s:i, s:s, s:s, s:s, s:I}, s:{s:s, s:s, s:I, s:s?, s:s?}}}",
				  "content_type", "image_asset_pointer", "asset_pointer", pointer, "size_bytes",
				  (json_int_t)rec.size, "width", (int)rec.width, "height", (int)rec.height,
				  "metadata", "generation", "gen_id", f.gen_id, "width", (int)rec.width, "height",
				  (int)rec.height, "orientation", orientation, "engine", res.engine, "style",
				  jstr(rq, "style"), "seed", (json_int_t)seed, "dalle", "gen_id", f.gen_id,
				  "prompt", res.enhanced_prompt, "seed", (json_int_t)seed, "parent_gen_id",
				  parent_gen[0] ? parent_gen : NULL, "edit_op",
				  res.edit_op[0] ? res.edit_op : (parent_gen[0] ? "continue" : NULL)));
		if (r.image_index == 0) {
			utf8_copy(f.enhanced, sizeof(f.enhanced), res.enhanced_prompt, SIZE_MAX);
			snprintf(f.title, sizeof(f.title), "%s", jstr(rq, "title"));
			f.scene = json_incref(res.scene);
			f.unknown = json_incref(res.unknown_words);
			f.engine = engine->name;
		}
		engine_result_free(&res);
	}
	int rc;
	if (r.abandon) {
		bool cancel, lost;
		job_renew(app->store, r.id, r.claim, -1, &cancel, &lost);
		rc = STORE_OK;
		log_msg("info", "job %s given back at shutdown", r.id);
	} else if (st == ENGINE_OK) {
		rc = store_update(app->store, finish_txn, &f);
	} else {
		struct end_args e = { &r, st == ENGINE_CANCELLED ? "cancelled" : "failed",
				      st == ENGINE_CANCELLED ? "Cancelled" : err };
		rc = r.lost ? STORE_STOP : store_update(app->store, end_txn, &e);
		if (st == ENGINE_FAILED)
			log_msg("warn", "job %s: engine %s failed: %s", r.id, engine->name, err);
	}
	if (r.abandon || st != ENGINE_OK || rc != STORE_OK) {
		/*
		 * Nothing half-stored: images this turn made before it failed, was given back,
		 * was taken over or could not be recorded are dropped.
		 */
		for (int i = 0; i < f.nrecs; i++)
			file_delete(app->store, f.recs[i].id);
	}
	free(prev_png);
	if (rc == STORE_STOP)
		log_msg("warn", "job %s was taken over by another worker; result dropped", r.id);
	else if (rc != STORE_OK)
		log_msg("error", "job %s: cannot record the result: %s", r.id, store_strerror(rc));
	if (chat != NULL) {
		chat->ok = st == ENGINE_OK && rc == STORE_OK;
		chat->cancelled = st == ENGINE_CANCELLED || r.cancel;
		chat->lost = r.lost || rc == STORE_STOP;
		chat->abandoned = r.abandon;
		if (!chat->ok)
			snprintf(chat->error, sizeof(chat->error), "%s", st == ENGINE_CANCELLED ? "Cancelled" : err[0] ? err : "the image could not be stored");
	}
	json_decref(f.parts);
	json_decref(f.scene);
	json_decref(f.unknown);
}

void image_job_run_turn(const struct app *app, const struct engine *engine, const struct job *job, atomic_bool *stopping)
{
	image_job_run(app, engine, job, stopping, NULL);
}

int image_job_end_turn(struct store_txn *txn, json_t *job, const char *state, const char *reason)
{
	return image_job_end(txn, job, state, reason, true);
}
