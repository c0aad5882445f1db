/*
 * prompt: from a prompt to a scene, render_parse(). Quoted text is taken out of
 * the words first (quote.c), the words are read into objects, relations and
 * scene fields (parse.c), then the text is written on what carries it; a prompt
 * that names nothing the engine can show becomes an abstract composition whose
 * palette the unknown words choose.
 */
#include <stdlib.h>
#include <string.h>

#include "language.h"

/*
 * Text alone ("a title", "a logo", "the caption") is drawn as its letters only:
 * without quoted text there is nothing to draw, so the noun is reported as not
 * shown and the object taken out, not left as an invisible card.
 */
void lang_drop_empty_titles(struct scene *s)
{
	static const char *const titles[] = { "text",	 "title",    "word",	 "logo",
					      "caption", "headline", "lettering" };
	for (int i = 0; i < s->nobjects && i < RENDER_MAX_OBJECTS; i++) {
		struct scene_object *o = &s->objects[i];
		if (o->kind != OBJ_SIGN || o->removed || o->text[0] != '\0')
			continue;
		for (size_t k = 0; k < sizeof titles / sizeof titles[0]; k++) {
			if (strcmp(o->noun, titles[k]) == 0) {
				lang_add_unknown(s, o->noun);
				o->removed = true;
				break;
			}
		}
	}
	lang_prune_relations(s);
}

/* FNV-1a: a stable hash of the words, so an abstract prompt always gets the same palette. */
/*
 * "The word 'hi' in red": a colour or material said with nothing named to take it
 * goes to the text the quotes became (objects from index first on); without any,
 * its word is reported as not understood.
 */
static void give_leftover(struct scene *s, int first, const struct lang_leftover *left)
{
	bool given = false;
	for (int i = first; i < s->nobjects && i < RENDER_MAX_OBJECTS; i++) {
		struct scene_object *o = &s->objects[i];
		if (o->removed || o->text[0] == '\0')
			continue;
		if (left->color >= 0)
			lang_set_color(o, left->color);
		if (left->material != MAT_DEFAULT)
			o->material = left->material;
		given = true;
	}
	if (given)
		return;
	if (left->color >= 0 && lang_color(left->color))
		lang_add_unknown(s, lang_color(left->color)->name);
	if (left->material != MAT_DEFAULT && left->material_word[0])
		lang_add_unknown(s, left->material_word);
}

static uint32_t hash_words(uint32_t h, const char *w)
{
	for (const unsigned char *p = (const unsigned char *)w; *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	h ^= ' ';
	h *= 16777619u;
	return h;
}

int render_parse(const char *prompt, struct scene *out)
{
	int rc = -1;
	struct token *t = NULL;
	int n = 0;
	/* Quoted text is taken out of the words and written on its object (quote.c). */
	struct lang_quote *q = NULL;
	char *words = NULL;
	if (out == NULL)
		return -1;
	lang_scene_init(out);
	size_t len = prompt ? strnlen(prompt, LANG_MAX_INPUT + 1) : 0;
	q = malloc(LANG_MAX_QUOTES * sizeof *q);
	words = malloc(len + 1);
	if (prompt == NULL || len > LANG_MAX_INPUT || q == NULL || words == NULL)
		goto out;
	int nq = lang_quotes_find(prompt, words, len + 1, q, LANG_MAX_QUOTES);
	if (nq < 0 || lang_lex(words, &t, &n) != 0)
		goto out;
	struct lang_leftover left;
	lang_parse_tokens_left(out, t, n, &left);
	int before = out->nobjects;
	lang_quotes_place(out, words, q, nq, -1);
	give_leftover(out, before, &left);
	lang_drop_empty_titles(out);
	bool any = false, empty = false;
	for (int i = 0; i < out->nobjects; i++)
		any = any || lang_object_live(out, i);
	for (int i = 0; i < n; i++)
		empty = empty || (t[i].type == TOK_ABSTRACT && t[i].value == 1);
	/* "empty scene" (what the describer calls a scene whose objects were all
	 * removed) is just the setting, not an abstract composition; so is a place
	 * said without things in it ("a city street at night", "an underwater
	 * scene"): a landscape. */
	bool place = out->setting != SET_DEFAULT && out->setting != SET_STUDIO;
	if (!any && !place && !(empty && out->nunknown == 0)) {
		/* The words the engine did not know are what makes the prompt itself;
		 * the describer repeats them, so a re-parse finds the same palette. */
		uint32_t h = 2166136261u;
		if (out->nunknown > 0) {
			for (int i = 0; i < out->nunknown; i++)
				h = hash_words(h, out->unknown[i]);
		} else {
			for (int i = 0; i < n; i++)
				h = hash_words(h, t[i].text);
		}
		out->abstract = true;
		out->palette_seed = h;
	}
	rc = 0;
out:
	free(words);
	free(q);
	free(t);
	return rc;
}
