/*
 * turn_request: the body of a turn (POST /backend-api/f/conversation and its
 * prepare), validated into struct turn_req, and what the words of a prompt say
 * about it (a question, a request for a picture).
 */
#ifndef IMAGES_TURN_REQUEST_H
#define IMAGES_TURN_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "encode.h"
#include "http.h"
#include "render.h"

struct turn_req {
	char action[16];
	char conv_id[UUID_LEN + 1];      /* "" for a new conversation */
	char parent_id[64];
	char user_msg_id[UUID_LEN + 1];
	const char *prompt;
	bool picture;                    /* system_hints has picture_v2 */
	json_t *hints;                   /* borrowed from the body */
	char style[RENDER_WORD_MAX];
	int width, height;
	uint32_t seed;
	bool enhance;
	int n;
};

/* Validates the top-level fields (all but messages) into t; answers 400 itself on bad input. */
int turn_parse_top(struct request *req, json_t *body, struct turn_req *t);
/* Validates the whole turn into t (strings borrowed from body); answers 400 itself on bad input. */
int turn_parse(struct request *req, json_t *body, struct turn_req *t);
/* Whether text reads as a question ("what is …?", "how do I …"). */
bool turn_is_question(const char *text);
/* Whether text asks for a picture ("draw …", "a photo of …") rather than a text answer. */
bool turn_image_intent(const char *text);
/* Answers a store error of a conversation route: 404 "conversation not found", else by store_http_status(). */
void turn_answer_store_error(struct request *req, int rc);

#endif
