/*
 * enhancer: the LLM prompt enhancer (images.conf enhancer = llm). One request to
 * the chat-completions endpoint the configuration names (llm.h) rewrites the
 * user's prompt, and a follow-up's previous prompt, into one image prompt.
 */
#include "enhancer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textparse.h"

static const char *enhancer_prompt =
	"You rewrite prompts for an image generator. Given the user's request (and, for a follow-up, "
	"the previous prompt it changes), answer with one improved prompt: concrete subjects, colours, "
	"setting, light and composition, in one sentence of at most 60 words. Keep every object, colour "
	"and position the user named. Answer with the prompt only, no quotes, no explanation.";

int enhancer_rewrite(const struct config *cfg, const char *prompt, const char *previous, llm_cancel_fn tick,
			void *ctx, char *out, size_t outlen, char *err, size_t errlen)
{
	struct llm_endpoint ep;
	if (!llm_endpoint_enhancer(cfg, &ep)) {
		snprintf(err, errlen, "no model configured for the enhancer");
		return -1;
	}
	char *user = NULL;
	size_t ulen = strlen(prompt) + strlen(previous) + 64;
	if ((user = malloc(ulen)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (previous[0] != '\0')
		snprintf(user, ulen, "Previous prompt: %s\nChange: %s", previous, prompt);
	else
		snprintf(user, ulen, "Request: %s", prompt);
	json_t *msgs = json_pack("[{s:s, s:s}, {s:s, s:s}]", "role", "system", "content", enhancer_prompt, "role",
				 "user", "content", user);
	free(user);
	struct llm_result r;
	enum llm_status st = llm_chat(&ep, msgs, NULL, NULL, tick, ctx, &r, err, errlen);
	json_decref(msgs);
	int rc = -1;
	if (st == LLM_OK) {
		text_one_line(r.text, r.text_len, out, outlen);
		if (out[0] != '\0')
			rc = 0;
		else
			snprintf(err, errlen, "the enhancer answered nothing");
	}
	llm_result_free(&r);
	return rc;
}
