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

#include "app.h"
#include "conversations.h"
#include "http.h"

void api_prepare(struct request *req);
void api_turn(struct request *req);
void api_resume(struct request *req);
void api_stream_status(struct request *req);
void api_conversations_list(struct request *req);
void api_conversation_get(struct request *req);
void api_conversation_patch(struct request *req);
void api_conversation_cancel(struct request *req);

/*
 * An image turn started by another route (the OpenAI-compatible API): the same
 * user message, tool message, job and event log as POST /f/conversation, written
 * in one transaction, so the image lands in the conversation and the gallery
 * like any other. conv_id "" starts a new conversation; otherwise the turn
 * continues the node parent_id of that conversation (the caller's own and
 * visible, else a 404 refusal) and edits the scene above it. Strings are
 * borrowed for the call.
 */
struct turn_image_request {
	const char *prompt;    /* validated by the caller: UTF-8, no control characters, within max_prompt_bytes */
	const char *conv_id;   /* "" or NULL for a new conversation */
	const char *parent_id; /* the node a follow-up continues */
	const char *style;     /* a preset id or "" */
	int width, height, n;
	uint32_t seed;
	bool enhance;
	bool variant;          /* regenerate what the user message parent_id got (OpenAI's variations) */
};

struct turn_started {
	char conv_id[UUID_LEN + 1];
	char job_id[UUID_LEN + 1];
	char tool_id[UUID_LEN + 1];
	uint32_t turn;
	int status;          /* when not 0: refused with this HTTP status, detail and retry_after */
	char detail[160];
	int64_t retry_after;
};

/* STORE_OK with *out filled (out->status set when refused), or a store error. */
int turns_start_image(struct request *req, const struct turn_image_request *in, struct turn_started *out);

#endif
