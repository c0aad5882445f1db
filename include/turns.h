/*
 * turns: the conversation routes and the generation flow.
 *
 * POST /backend-api/f/conversation/prepare issues a conduit token.
 * POST /backend-api/f/conversation validates the turn, writes the user
 * message, the tool message and the job in one transaction, then follows the
 * turn's event log (DB_EVENTS) as Server-Sent Events until [DONE]. The
 * render threads (turns_runner_*) claim jobs, call the engine, store the
 * image through the file store and append the final events, all in LMDB, so
 * any worker can stream any turn and a killed worker loses nothing that was
 * acknowledged. Conversations are listed, read, renamed, hidden and
 * cancelled through the other routes here.
 */
#ifndef IMAGES_TURNS_H
#define IMAGES_TURNS_H

#include <stdatomic.h>

#include "app.h"
#include "http.h"

void api_prepare(struct request *req);
void api_turn(struct request *req);
void api_resume(struct request *req);
void api_stream_status(struct request *req);
void api_conversations_list(struct request *req);
void api_conversation_get(struct request *req);
void api_conversation_patch(struct request *req);
void api_conversation_cancel(struct request *req);

/* Starts cfg.render_slots render threads; they stop when *stopping becomes true. */
int turns_runner_start(const struct app *app, atomic_bool *stopping);
/* Joins the render threads (a job in flight is abandoned; its lease lets another worker finish it). */
void turns_runner_join(void);

#endif
