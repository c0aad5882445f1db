/*
 * chat: regular conversation turns answered by a text model, and the LLM
 * prompt enhancer, both over the chat-completions client (llm.h).
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
#include "llm.h"
#include "store.h"

/* True when images.conf names a text model: text turns go to it. */
bool chat_enabled(const struct config *cfg);
/* Checks the chat and enhancer keys together (enhancer = llm needs a model). 0, or -1 logged. */
int chat_check_config(const struct config *cfg);

/* Runs a claimed chat job to its end (render thread). */
void chat_run_job(const struct app *app, const struct engine *engine, json_t *job, atomic_bool *stopping);

/* Inside a transaction: ends a chat job that never ran (cancelled while queued). */
int chat_end_without_reply(struct store_txn *txn, json_t *job, const char *state, const char *reason);
/*
 * Ends, inside txn, a chat turn that already called the image tool (its tool
 * message is dealt with by the caller): the reply message opened after the
 * image, if any, ends with reason; then the closing events and the job's end.
 */
int chat_close_after_tool(struct store_txn *txn, json_t *job, const char *state, const char *reason);

/*
 * The LLM enhancer: rewrites prompt (and the conversation's previous prompt,
 * or "" for none) into one image prompt in out. tick is polled during the
 * request (the caller renews its job's lease there; true stops). 0, or -1
 * with the reason in err (the caller then uses the built-in enhancer).
 */
int chat_enhance_prompt(const struct config *cfg, const char *prompt, const char *previous, llm_cancel_fn tick,
			void *ctx, char *out, size_t outlen, char *err, size_t errlen);

/* What an image_gen call rendered for a chat turn (runner.c fills it). */
struct runner_image_outcome {
	bool ok, cancelled, lost, abandoned;
	char assistant_id[UUID_LEN + 1]; /* the "Image created • …" message, on success */
	char enhanced[ENGINE_PROMPT_MAX];
	char error[256];
};

/*
 * Renders the image the job's request and tool_message_id describe, as an
 * image turn does, without closing the turn or ending the job (runner.c).
 */
void runner_chat_image(const struct app *app, const struct engine *engine, json_t *job, atomic_bool *stopping,
		       struct runner_image_outcome *out);

#endif
