/*
 * turn_request: a turn's body, validated (turn_request.h).
 */
#include "turn_request.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "textparse.h"
#include "validate.h"

void turn_answer_store_error(struct request *req, int rc)
{
	if (rc == STORE_NOTFOUND)
		resp_error(req, 404, "conversation not found");
	else
		resp_store_error(req, rc, "database error");
}

/* ---- the turn: validation ---- */


struct image_opts {
	struct field_str style, size;
	long long seed, n;
	bool enhance;
};

static const struct field_spec image_spec[] = {
	{ "style", FIELD_STRING, false, 0, RENDER_WORD_MAX - 1, offsetof(struct image_opts, style) },
	{ "size", FIELD_STRING, false, 3, 16, offsetof(struct image_opts, size) },
	{ "seed", FIELD_INT, false, 0, UINT32_MAX, offsetof(struct image_opts, seed) },
	{ "enhance", FIELD_BOOL, false, 0, 0, offsetof(struct image_opts, enhance) },
	{ "n", FIELD_INT, false, 1, 4, offsetof(struct image_opts, n) },
};

struct turn_body {
	struct field_str action, conversation_id, parent_message_id, model;
};

static const struct field_spec turn_spec[] = {
	{ "action", FIELD_STRING, false, 1, 15, offsetof(struct turn_body, action) },
	{ "conversation_id", FIELD_STRING, false, 0, 64, offsetof(struct turn_body, conversation_id) },
	{ "parent_message_id", FIELD_STRING, false, 1, 63, offsetof(struct turn_body, parent_message_id) },
	{ "model", FIELD_STRING, false, 0, 64, offsetof(struct turn_body, model) },
};

/* Validates the top-level fields (all but messages) into t; answers 400 itself on bad input. */
int turn_parse_top(struct request *req, json_t *body, struct turn_req *t)
{
	struct turn_body b;
	memset(&b, 0, sizeof(b));
	memset(t, 0, sizeof(*t));
	if (validate_body(req, body, turn_spec, sizeof(turn_spec) / sizeof(turn_spec[0]), &b) != 0)
		return 400;
	snprintf(t->action, sizeof(t->action), "%s", b.action.s ? b.action.s : "next");
	if (strcmp(t->action, "next") != 0 && strcmp(t->action, "variant") != 0) {
		resp_error(req, 400, "action: must be next or variant");
		return 400;
	}
	if (b.conversation_id.s != NULL && b.conversation_id.len > 0) {
		if (!uuid_valid(b.conversation_id.s)) {
			resp_error(req, 404, "conversation not found");
			return 404;
		}
		snprintf(t->conv_id, sizeof(t->conv_id), "%s", b.conversation_id.s);
	}
	snprintf(t->parent_id, sizeof(t->parent_id), "%s",
		 b.parent_message_id.s ? b.parent_message_id.s : "client-created-root");
	json_t *hints = json_object_get(body, "system_hints");
	if (hints != NULL && !json_is_null(hints)) {
		if (!json_is_array(hints) || json_array_size(hints) > 8) {
			resp_error(req, 400, "system_hints: expected an array of strings");
			return 400;
		}
		size_t i;
		json_t *h;
		json_array_foreach(hints, i, h) {
			if (!json_is_string(h)) {
				resp_error(req, 400, "system_hints: expected an array of strings");
				return 400;
			}
			if (strcmp(json_string_value(h), "picture_v2") == 0)
				t->picture = true;
		}
		t->hints = hints;
	}
	return 0;
}

/* Validates the body into t; answers 400 itself and returns non-zero on bad input. */
int turn_parse(struct request *req, json_t *body, struct turn_req *t)
{
	int rc = turn_parse_top(req, body, t);
	if (rc != 0)
		return rc;
	json_t *messages = json_object_get(body, "messages");
	bool need_prompt = strcmp(t->action, "next") == 0;
	if (messages == NULL || json_is_null(messages)) {
		if (need_prompt) {
			resp_error(req, 400, "messages: required");
			return 400;
		}
	} else if (!json_is_array(messages) || json_array_size(messages) > 1 ||
		   (need_prompt && json_array_size(messages) != 1)) {
		resp_error(req, 400, "messages: expected an array with one user message");
		return 400;
	}
	if (messages != NULL && json_array_size(messages) == 1) {
		json_t *m = json_array_get(messages, 0);
		json_t *parts = json_object_get(json_object_get(m, "content"), "parts");
		const char *role = json_string_value(json_object_get(json_object_get(m, "author"), "role"));
		if (!json_is_object(m) || (role != NULL && strcmp(role, "user") != 0)) {
			resp_error(req, 400, "messages[0]: expected a user message");
			return 400;
		}
		if (!json_is_array(parts) || json_array_size(parts) < 1 ||
		    !json_is_string(json_array_get(parts, 0))) {
			resp_error(req, 400, "messages[0].content.parts: expected [\"prompt text\"]");
			return 400;
		}
		json_t *p0 = json_array_get(parts, 0);
		const char *prompt = json_string_value(p0);
		size_t len = json_string_length(p0);
		if (len > req->app->cfg.max_prompt_bytes) {
			resp_error(req, 400, "prompt: at most %u bytes", req->app->cfg.max_prompt_bytes);
			return 400;
		}
		bool controls = strlen(prompt) != len;
		for (size_t k = 0; k < len && !controls; k++) {
			unsigned char ch = (unsigned char)prompt[k];
			controls = (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t') || ch == 0x7f;
		}
		if (controls) {
			resp_error(req, 400, "prompt: contains control characters");
			return 400;
		}
		size_t k = 0;
		while (k < len && isspace((unsigned char)prompt[k]))
			k++;
		if (k == len) {
			resp_error(req, 400, "prompt: empty");
			return 400;
		}
		t->prompt = prompt;
		json_t *jid = json_object_get(m, "id");
		if (jid != NULL && !json_is_null(jid)) {
			/* The client's id is what it names as the next parent: refused, never swapped. */
			if (!json_is_string(jid) || !uuid_valid(json_string_value(jid))) {
				resp_error(req, 400, "messages[0].id: expected a lowercase UUID");
				return 400;
			}
			snprintf(t->user_msg_id, sizeof(t->user_msg_id), "%s", json_string_value(jid));
		}
		json_t *mh = json_object_get(json_object_get(m, "metadata"), "system_hints");
		size_t i;
		json_t *h;
		if (json_is_array(mh))
			json_array_foreach(mh, i, h) if (json_is_string(h) &&
							 strcmp(json_string_value(h), "picture_v2") == 0)
				t->picture = true;
	}
	if (t->user_msg_id[0] == '\0')
		uuid_new(t->user_msg_id);

	struct image_opts io = { .seed = -1, .n = 1, .enhance = true };
	json_t *image = json_object_get(body, "image");
	t->width = t->height = 1024;
	t->enhance = true;
	t->n = 1;
	uint8_t r[4];
	random_bytes(r, 4);
	t->seed = ((uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3]) & 0x7fffffff;
	if (image != NULL && !json_is_null(image)) {
		if (!json_is_object(image)) {
			resp_error(req, 400, "image: expected an object");
			return 400;
		}
		if (validate_body_in(req, image, "image", image_spec,
				     sizeof(image_spec) / sizeof(image_spec[0]), &io) != 0)
			return 400;
		if (io.style.s != NULL && io.style.len > 0) {
			if (render_style_find(io.style.s) == NULL) {
				resp_error(req, 400, "image.style: unknown style '%s'", io.style.s);
				return 400;
			}
			snprintf(t->style, sizeof(t->style), "%s", io.style.s);
		}
		if (io.size.s != NULL && parse_size_wxh(io.size.s, RENDER_MIN_SIDE, RENDER_MAX_SIDE, &t->width, &t->height) != 0) {
			resp_error(req, 400, "image.size: expected WxH with each side %d to %d", RENDER_MIN_SIDE,
				   RENDER_MAX_SIDE);
			return 400;
		}
		if (io.seed >= 0)
			t->seed = (uint32_t)io.seed;
		t->enhance = io.enhance;
		t->n = (int)io.n;
	}
	return 0;
}

/* True when the text, trailing spaces aside, ends with a question mark. */
bool turn_is_question(const char *text)
{
	size_t tl = strlen(text);
	while (tl > 0 && isspace((unsigned char)text[tl - 1]))
		tl--;
	return tl > 0 && text[tl - 1] == '?';
}

/*
 * Image intent in plain text: a verb or noun that asks for a picture ("draw",
 * "picture of"), or a description the engine can draw (it names objects) that
 * is not a question.
 */
bool turn_image_intent(const char *text)
{
	if (text[0] != '\0' && !turn_is_question(text)) {
		struct scene s;
		if (render_parse(text, &s) == 0 && !s.abstract) {
			for (int i = 0; i < s.nobjects; i++)
				if (!s.objects[i].removed)
					return true;
		}
	}
	static const char *const words[] = { "draw", "paint", "sketch", "image", "picture", "photo",
					     "render", "illustrat", "generate", "create", "make" };
	char lower[512];
	size_t n = 0;
	for (; text[n] && n < sizeof(lower) - 1; n++)
		lower[n] = (char)tolower((unsigned char)text[n]);
	lower[n] = '\0';
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		const char *p = strstr(lower, words[i]);
		if (p != NULL && (p == lower || !isalpha((unsigned char)p[-1])))
			return true;
	}
	return false;
}
