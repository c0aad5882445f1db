/*
 * chat: regular conversation turns answered by a text model, over the
 * chat-completions client (llm.h).
 *
 * A chat turn is a job like an image turn (kind "chat"): the request handler
 * writes the user message, an assistant message in progress and the job in one
 * transaction; a render thread claims the job, sends the conversation's active
 * branch (root to the user message, trimmed to the model's window, oldest
 * first out, the system prompt kept) to the model, and writes the reply into
 * the assistant message and the turn's event log as it grows, so a client that
 * leaves can resume from the same log. When the model calls the image_gen
 * tool, the same job renders the image exactly as an image turn does (tool
 * message, progress, previews, "Image created • …"), and the model then sees
 * the result and may answer after it. A cancel ends the reply keeping what was
 * written; an error ends it with status finished_with_error and the reason.
 *
 * Everything here runs on render threads; nothing is kept between calls.
 */
#ifndef IMAGES_CHAT_H
#define IMAGES_CHAT_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "conversations.h"
#include "engine.h"
#include "jobs.h"
#include "llm.h"
#include "store.h"

/* True when images.conf names a text model: text turns go to it. */
bool chat_enabled(const struct config *cfg);
/* Checks the chat and enhancer keys together (enhancer = llm needs a model). 0, or -1 logged. */
int chat_check_config(const struct config *cfg);

/* Runs a claimed chat job to its end (render thread). */
void chat_run_job(const struct app *app, const struct engine *engine, const struct job *job, atomic_bool *stopping);

/*
 * Inside a transaction: ends a chat job that will not run (on): cancelled while
 * queued, given up, or taken over after its image_gen call.
 */
int chat_job_end(struct store_txn *txn, json_t *job, const char *state, const char *reason);
#endif
