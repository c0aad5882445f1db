/*
 * image_job: one image job, claimed by a render thread (runner.c) or called by a
 * chat job's image_gen tool (chat.c): the enhancer, the engine, the images
 * stored, the tool message finished and the events written.
 */
#ifndef IMAGES_IMAGE_JOB_H
#define IMAGES_IMAGE_JOB_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "app.h"
#include "conversations.h"
#include "engine.h"
#include "jobs.h"
#include "store.h"
#include "textparse.h"

/* What an image_gen call rendered for a chat turn (image_job_run fills it). */
struct image_job_outcome {
	bool ok, cancelled, lost, abandoned;
	char assistant_id[UUID_LEN + 1]; /* the "Image created • …" message, on success */
	char enhanced[ENGINE_PROMPT_MAX];
	char error[256];
};

/*
 * Renders the image the job's request and tool_message_id describe. out NULL: an
 * image turn, which the job's end closes; otherwise a chat turn's image_gen call,
 * which neither closes the turn nor ends the job, and out says how it went.
 */
void image_job_run(const struct app *app, const struct engine *engine, const struct job *job, atomic_bool *stopping,
		   struct image_job_outcome *out);
/* image_job_run(..., NULL): the runner's entry for kind "image". */
void image_job_run_turn(const struct app *app, const struct engine *engine, const struct job *job, atomic_bool *stopping);
/*
 * Inside a transaction: marks the job's tool message failed with reason and its
 * progress state; with close, also writes the closing events and ends the job.
 */
int image_job_end(struct store_txn *txn, json_t *job, const char *state, const char *reason, bool close);
/* image_job_end(..., true): an image turn that will not run (cancelled while queued, given up). */
int image_job_end_turn(struct store_txn *txn, json_t *job, const char *state, const char *reason);
/* True when the job's tool message already ended (its image made, or its failure written). */
bool image_job_ended(struct store_txn *txn, const json_t *job);

#endif
