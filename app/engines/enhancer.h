/*
 * enhancer: the LLM prompt enhancer, over the chat-completions client (llm.h).
 */
#ifndef IMAGES_ENHANCER_H
#define IMAGES_ENHANCER_H

#include <stddef.h>

#include "config.h"
#include "llm.h"

/*
 * The LLM enhancer: rewrites prompt (and the conversation's previous prompt,
 * or "" for none) into one image prompt in out. tick is polled during the
 * request (the caller renews its job's lease there; true stops). 0, or -1
 * with the reason in err (the caller then uses the built-in enhancer).
 */
int enhancer_rewrite(const struct config *cfg, const char *prompt, const char *previous, llm_cancel_fn tick,
		      void *ctx, char *out, size_t outlen, char *err, size_t errlen);

#endif
