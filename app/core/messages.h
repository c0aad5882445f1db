/*
 * messages: the one place the shapes of a turn's messages and deltas are built
 * (PROTOCOL.md's message object and delta events): the user's message, the
 * image_gen tool message, the assistant's text, and the deltas that add or
 * patch them. Pure JSON: no storage, no HTTP.
 *
 * Ownership: every json_t * argument named v or message is stolen (its
 * reference passes to the result, on failure too); hints is borrowed. Each
 * function returns a new reference, or NULL when out of memory or a string is
 * not UTF-8.
 */
#ifndef IMAGES_MESSAGES_H
#define IMAGES_MESSAGES_H

#include <jansson.h>
#include <stdbool.h>

/* The user's prompt as a text message, with its system hints (NULL: none). */
json_t *message_user(const char *id, const char *prompt, const json_t *hints, double now);
/*
 * An image_gen tool message, in progress and queued at position, whose parts
 * the image job fills; call_id (NULL: none) ties it to a text model's tool call.
 */
json_t *message_image_tool(const char *id, const char *prompt, const char *title,
			   const char *call_id, int position, double now);
/*
 * The assistant's text. In progress: status in_progress, end_turn null and an
 * update time (a chat job streams into it); otherwise finished_successfully,
 * end_turn true and no update time. metadata (NULL: {}) is stolen.
 */
json_t *message_assistant(const char *id, const char *text, bool in_progress, json_t *metadata,
			  double now);
/* The delta that adds message to the stream on channel c: {"p":"","o":"add","v":{message,…},"c":c}.
 */
json_t *delta_add_message(json_t *message, const char *conv_id, int channel);
/* One delta operation {"p": path, "o": op, "v": v}. */
json_t *delta_op(const char *path, const char *op, json_t *v);

#endif
