#include "engine.h"

#include <ctype.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "render.h"
#include "textparse.h"

void engine_result_free(struct engine_result *r)
{
	image_bytes_free(r->png);
	r->png = NULL;
	image_rgba_free(&r->pixels);
	json_decref(r->scene);
	r->scene = NULL;
	json_decref(r->unknown_words);
	r->unknown_words = NULL;
}

void engine_title(const char *prompt, char *out, size_t outlen)
{
	static const char *const skip[] = { "a", "an", "the", "please", "make", "draw", "create",
					    "generate", "render", "show", "me", "image", "picture", "of" };
	char word[64];
	size_t o = 0, words = 0;
	bool leading = true;
	const char *p = prompt;
	out[0] = '\0';
	while (*p && words < 6 && o + 1 < outlen) {
		while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		size_t n = 0;
		while (p[n] && (isalnum((unsigned char)p[n]) || (unsigned char)p[n] >= 0x80 || p[n] == '-' || p[n] == '\''))
			n++;
		if (n == 0)
			break;
		size_t w = utf8_prefix(p, n, sizeof(word) - 1);
		memcpy(word, p, w);
		word[w] = '\0';
		p += n;
		bool skipped = false;
		if (leading) {
			for (size_t k = 0; k < sizeof(skip) / sizeof(skip[0]); k++)
				if (strcasecmp(word, skip[k]) == 0)
					skipped = true;
		}
		if (skipped)
			continue;
		leading = false;
		int len = snprintf(out + o, outlen - o, "%s%s", o ? " " : "", word);
		if (len < 0 || (size_t)len >= outlen - o) {
			out[o] = '\0'; /* not half a word, nor half a character */
			break;
		}
		if (o == 0)
			out[0] = (char)toupper((unsigned char)out[0]);
		o += (size_t)len;
		words++;
	}
	/* A title should not stop mid-phrase ("House next to two trees in"): drop trailing small words. */
	static const char *const tail[] = { "a", "an", "the", "in", "on", "of", "at", "to", "with", "and",
					    "next", "left", "right", "under", "above", "behind", "near", "by" };
	for (bool cut = true; cut && o > 0;) {
		cut = false;
		char *sp = strrchr(out, ' ');
		if (sp == NULL)
			break;
		for (size_t k = 0; k < sizeof(tail) / sizeof(tail[0]); k++) {
			if (strcasecmp(sp + 1, tail[k]) == 0) {
				*sp = '\0';
				o = (size_t)(sp - out);
				cut = true;
				break;
			}
		}
	}
	if (o == 0)
		snprintf(out, outlen, "Image");
}

int engine_prepare_scene(const struct engine_request *rq, struct scene *s, struct engine_result *out,
			 char *err, size_t errlen)
{
	bool edited = false;
	if (rq->prev_scene != NULL && render_scene_from_json(rq->prev_scene, s) == 0) {
		struct scene next = *s;
		int rc = render_edit(&next, rq->prompt);
		if (rc == 1) {
			*s = next;
			edited = true;
		}
	}
	if (!edited && render_parse(rq->prompt, s) != 0) {
		snprintf(err, errlen, "the prompt is not valid UTF-8 or is too long");
		return -1;
	}
	if (rq->style != NULL && rq->style[0] != '\0')
		snprintf(s->style, sizeof(s->style), "%s", rq->style);
	if (rq->enhance)
		render_enhance(s, rq->seed);
	if (render_describe(s, out->enhanced_prompt, sizeof(out->enhanced_prompt)) < 0)
		utf8_copy(out->enhanced_prompt, sizeof(out->enhanced_prompt), rq->prompt, SIZE_MAX);
	if (!rq->enhance) {
		/* Enhancement off: the prompt is shown and kept exactly as written. */
		utf8_copy(out->enhanced_prompt, sizeof(out->enhanced_prompt), rq->prompt, SIZE_MAX);
	}
	engine_title(rq->prompt, out->title, sizeof(out->title));
	if (edited)
		snprintf(out->edit_op, sizeof(out->edit_op), "edit");
	out->unknown_words = json_array();
	for (int i = 0; i < s->nunknown; i++)
		json_array_append_new(out->unknown_words, json_string(s->unknown[i]));
	return 0;
}
