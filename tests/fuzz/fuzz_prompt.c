/*
 * fuzz_prompt: the prompt parser and the scene editor of the built-in engine,
 * through its public header only (app/render/render.h).
 *
 * Input: "prompt \n follow-up \n follow-up ...". The prompt is parsed, the
 * scene described, enhanced, edited by each follow-up, and round-tripped
 * through its JSON form. Checked beyond "no crash": the description is
 * NUL-terminated in its buffer, and a scene read back from its own JSON gives
 * the same JSON. (struct scene's fields are not read here: the engine's
 * vocabulary changes, its API does not.)
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

static void roundtrip(const struct scene *s)
{
	json_t *j = render_scene_to_json(s);
	if (j == NULL)
		return;
	struct scene *back = malloc(sizeof(*back));
	if (back != NULL && render_scene_from_json(j, back) == 0) {
		json_t *j2 = render_scene_to_json(back);
		if (j2 != NULL && !json_equal(j, j2))
			abort();
		json_decref(j2);
	}
	free(back);
	json_decref(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 8192)
		return 0;
	char *text = malloc(size + 1);
	struct scene *s = malloc(sizeof(*s));
	char *desc = malloc(8192);
	if (text == NULL || s == NULL || desc == NULL)
		goto out;
	memcpy(text, data, size);
	text[size] = '\0';
	char *followups = strchr(text, '\n');
	if (followups != NULL)
		*followups++ = '\0';
	if (render_parse(text, s) != 0)
		goto out;
	memset(desc, 'x', 8192);
	if (render_describe(s, desc, 8192) >= 0 && memchr(desc, '\0', 8192) == NULL)
		abort();
	roundtrip(s);
	render_enhance(s, (uint32_t)size * 2654435761u);
	roundtrip(s);
	int edits = 0;
	while (followups != NULL && edits++ < 8) {
		char *line = followups;
		followups = strchr(line, '\n');
		if (followups != NULL)
			*followups++ = '\0';
		(void)render_edit(s, line);
		}
	memset(desc, 'x', 8192);
	if (render_describe(s, desc, 8192) >= 0 && memchr(desc, '\0', 8192) == NULL)
		abort();
	roundtrip(s);
out:
	free(desc);
	free(s);
	free(text);
	return 0;
}
