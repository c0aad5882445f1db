/*
 * messages: a turn's messages and deltas (messages.h).
 */
#include "messages.h"

static json_t *author(const char *role, const char *name)
{
	return json_pack("{s:s, s:s?, s:{}}", "role", role, "name", name, "metadata");
}

json_t *message_user(const char *id, const char *prompt, const json_t *hints, double now)
{
	return json_pack("{s:s, s:o, s:f, s:n, s:{s:s, s:[s]}, s:s, s:n, s:f, s:{s:O?}, s:s}", "id",
			 id, "author", author("user", NULL), "create_time", now, "update_time",
			 "content", "content_type", "text", "parts", prompt, "status",
			 "finished_successfully", "end_turn", "weight", 1.0, "metadata",
			 "system_hints", hints, "recipient", "all");
}

json_t *message_image_tool(const char *id, const char *prompt, const char *title,
			   const char *call_id, int position, double now)
{
	return json_pack("{s:s, s:o, s:f, s:f, s:{s:s, s:[]}, s:s, s:n, s:f,"
			 " s:{s:s, s:s, s:s, s:s*, s:{s:s, s:i}, s:[]}, s:s}",
			 "id", id, "author", author("tool", "image_gen"), "create_time", now,
			 "update_time", now, "content", "content_type", "multimodal_text", "parts",
			 "status", "in_progress", "end_turn", "weight", 1.0, "metadata",
			 "async_task_type", "image_gen", "user_prompt", prompt, "image_gen_title",
			 title, "tool_call_id", call_id, "image_gen_progress", "state", "queued",
			 "position", position, "partial_images", "recipient", "all");
}

json_t *message_assistant(const char *id, const char *text, bool in_progress, json_t *metadata,
			  double now)
{
	if (metadata == NULL)
		metadata = json_object();
	return json_pack("{s:s, s:o, s:f, s:o, s:{s:s, s:[s]}, s:s, s:o, s:f, s:o, s:s}", "id", id,
			 "author", author("assistant", NULL), "create_time", now, "update_time",
			 in_progress ? json_real(now) : json_null(), "content", "content_type",
			 "text", "parts", text, "status",
			 in_progress ? "in_progress" : "finished_successfully", "end_turn",
			 in_progress ? json_null() : json_true(), "weight", 1.0, "metadata",
			 metadata, "recipient", "all");
}

json_t *delta_add_message(json_t *message, const char *conv_id, int channel)
{
	return json_pack("{s:s, s:s, s:{s:o, s:s, s:n}, s:i}", "p", "", "o", "add", "v", "message",
			 message, "conversation_id", conv_id, "error", "c", channel);
}

json_t *delta_op(const char *path, const char *op, json_t *v)
{
	return json_pack("{s:s, s:s, s:o}", "p", path, "o", op, "v", v);
}
