/*
 * jobkinds: the kinds of job a render thread runs, as a table: for each, what
 * runs a claimed job to its end, and what ends, inside a transaction, one that
 * will not run (cancelled while queued, given up after too many attempts).
 *
 *   "image"  an image turn (image_job.h)
 *   "chat"   a text turn answered by the model, which may call image_gen (chat.h)
 *
 * A job without a kind is an image turn (the jobs written before kinds were).
 */
#ifndef IMAGES_JOBKINDS_H
#define IMAGES_JOBKINDS_H

#include <jansson.h>
#include <stdatomic.h>

#include "app.h"
#include "config.h"
#include "engine.h"
#include "jobs.h"
#include "store.h"

struct job_kind {
	const char *name;
	void (*run)(const struct app *app, const struct engine *engine, const struct job *job, atomic_bool *stopping);
	int (*end)(struct store_txn *txn, json_t *job, const char *state, const char *reason);
};

/* The kind of a stored job (its "kind" field). Never NULL. */
const struct job_kind *job_kind_of(const json_t *job);
/* Checks the configuration the kinds need (the chat model, the enhancer): 0, or -1 logged. */
int job_kinds_check_config(const struct config *cfg);

#endif
