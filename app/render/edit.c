/*
 * edit: follow-ups that change the previous scene ("make it red", "add two
 * spheres", "remove the tree", "now at night", "bigger", "in sketch style").
 *
 * The edit works on a copy whose automatic choices were undone first
 * (lang_unenhance), so the caller's next render_enhance() chooses again for
 * the edited scene while what the user said stays. A follow-up that names
 * something new without "add" ("a red cube") is not an edit: it returns 0 and
 * the caller treats it as a new prompt.
 */
#include <stdlib.h>
#include <string.h>

#include "language.h"

/* Changes for the current targets, collected until the next target is named. */
struct mods {
	int color; /* -1: not said */
	enum material material;
	bool material_said;
	enum size_word size;
	bool size_said;
	int step; /* "bigger" +1, "smaller" -1 */
	int count;
	bool count_said, count_add;
	int position;
	bool position_said;
	int noun; /* noun table index: "turn it into a sphere"; -1 none */
	int rel_kind, rel_object;
	bool any;
};

static void mods_clear(struct mods *m)
{
	memset(m, 0, sizeof *m);
	m->color = -1;
	m->noun = -1;
	m->rel_kind = -1;
	m->rel_object = -1;
}

static int last_live(const struct scene *s)
{
	for (int i = s->nobjects - 1; i >= 0; i--) {
		if (lang_object_live(s, i))
			return i;
	}
	return -1;
}

static uint32_t all_live(const struct scene *s)
{
	uint32_t m = 0;
	for (int i = 0; i < s->nobjects; i++) {
		if (lang_object_live(s, i))
			m |= 1u << i;
	}
	return m;
}

/* Objects of a kind, and of a colour when one was said before the noun. */
static uint32_t matching(const struct scene *s, const struct noun_entry *ne, int color)
{
	const struct color_entry *c = lang_color(color);
	uint32_t m = 0;
	for (int i = 0; i < s->nobjects; i++) {
		if (!lang_object_live(s, i) || !lang_same_thing(&s->objects[i], ne))
			continue;
		if (c && strcmp(s->objects[i].color_name, c->name) != 0)
			continue;
		m |= 1u << i;
	}
	return m;
}

/* The size words as a ladder; past either end the scale multiplies. */
static void size_step(struct scene_object *o, int step)
{
	static const enum size_word ladder[] = { SIZE_TINY, SIZE_SMALL, SIZE_DEFAULT, SIZE_LARGE,
						 SIZE_HUGE };
	int pos = 2;
	for (int i = 0; i < 5; i++) {
		if (ladder[i] == o->size)
			pos = i;
	}
	pos += step;
	for (; pos > 4; pos--)
		o->scale *= 1.25f;
	for (; pos < 0; pos++)
		o->scale /= 1.25f;
	if (o->scale > 4.0f)
		o->scale = 4.0f;
	if (o->scale < 0.25f)
		o->scale = 0.25f;
	o->size = ladder[pos];
}

static void apply_to(struct scene *s, int i, const struct mods *m)
{
	struct scene_object *o = &s->objects[i];
	const struct noun_entry *ne = lang_noun(m->noun);
	if (ne) {
		o->kind = ne->kind;
		lang_copy_word(o->noun, sizeof o->noun, ne->singular);
	}
	if (m->color >= 0)
		lang_set_color(o, m->color);
	if (m->material_said) {
		o->material = m->material;
		/* "make it gold": the colour follows a material that has its own. */
		if (m->color < 0 && m->material != MAT_METAL && lang_material_color(m->material))
			o->color_name[0] = '\0';
	}
	if (m->size_said) {
		o->size = m->size;
		o->scale = 1.0f;
	}
	if (m->step)
		size_step(o, m->step);
	if (m->count_said) {
		int c = m->count_add ? o->count + m->count : m->count;
		o->count = c < 1 ? 1 : c > RENDER_MAX_COUNT ? RENDER_MAX_COUNT : c;
	}
	if (m->position_said)
		o->position_hint = m->position;
}

/* Applies m to the targets ("it" when none were named). */
static void mods_apply(struct scene *s, uint32_t targets, const struct mods *m)
{
	if (!m->any)
		return;
	if (targets == 0) {
		int t = last_live(s);
		if (t < 0)
			return;
		targets = 1u << t;
	}
	int first = -1;
	for (int i = 0; i < s->nobjects; i++) {
		if (!(targets & (1u << i)))
			continue;
		if (first < 0)
			first = i;
		apply_to(s, i, m);
	}
	/* "move the cube behind the sphere": the new relation replaces the cube's old ones. */
	if (m->rel_kind >= 0 && m->rel_object >= 0 && first >= 0 && first != m->rel_object) {
		int o = 0;
		for (int i = 0; i < s->nrelations; i++) {
			if (s->relations[i].subject != first)
				s->relations[o++] = s->relations[i];
		}
		s->nrelations = o;
		lang_add_relation(s, (enum relation_kind)m->rel_kind, first, m->rel_object, -1);
	}
}

static bool sunset_keeps(enum setting set)
{
	return set == SET_BEACH || set == SET_DESERT || set == SET_SNOW || set == SET_FOREST ||
	       set == SET_SKY || set == SET_STREET || set == SET_FIELD || set == SET_ROOM;
}

/* The next token that is not filler, or n. */
static int next_sig(const struct token *t, int n, int i)
{
	while (i < n && (t[i].type == TOK_STOP || t[i].type == TOK_THE || t[i].type == TOK_SIZE ||
			 t[i].type == TOK_MATERIAL))
		i++;
	return i;
}

struct scene_mods {
	bool setting_said, sunset, night, city;
	int base;
	bool light_said;
	enum light light;
	bool camera_said;
	enum camera camera;
	bool style_said;
	const char *style;
	int mood;
	bool any;
};

static void scene_apply(struct scene *s, const struct scene_mods *sm, enum setting before)
{
	if (sm->setting_said) {
		int set = sm->base >= 0 ? sm->base : (int)before;
		if (sm->city) {
			set = SET_CITY_NIGHT;
		} else if (sm->night) {
			/* As in parse.c: a street at night is the city; a room stays lamp-lit. */
			if (set == SET_STREET)
				set = SET_CITY_NIGHT;
			else if (set == SET_ROOM && !sm->light_said)
				s->light = LIGHT_CANDLE;
			else if (set != SET_ROOM && set != SET_CITY_NIGHT && set != SET_SPACE &&
				 set != SET_UNDERWATER)
				set = SET_NIGHT;
		} else if (sm->sunset) {
			if (sunset_keeps((enum setting)set)) {
				if (!sm->light_said)
					s->light = LIGHT_GOLDEN;
			} else {
				set = SET_SUNSET;
			}
		}
		/* A sunset's golden light does not follow the scene into the night. */
		if (!sm->sunset && !sm->light_said && s->light == LIGHT_GOLDEN)
			s->light = LIGHT_DEFAULT;
		if (set > SET_DEFAULT && set < SET__COUNT)
			s->setting = (enum setting)set;
	}
	if (sm->light_said)
		s->light = sm->light;
	if (sm->camera_said)
		s->camera = sm->camera;
	if (sm->style_said)
		lang_copy_word(s->style, sizeof s->style, sm->style ? sm->style : "");
	if (sm->mood >= 0)
		lang_copy_word(s->mood, sizeof s->mood, lang_mood(sm->mood));
}

static int edit_add(struct scene *s, const struct token *t, int n);

static int edit_modify(struct scene *s, const struct token *t, int n, enum setting before)
{
	struct mods m;
	struct scene_mods sm;
	uint32_t targets = 0;
	int filter = -1;
	int count = 0;
	bool indefinite = false, definite = false;
	mods_clear(&m);
	memset(&sm, 0, sizeof sm);
	sm.base = -1;
	sm.mood = -1;
	for (int i = 0; i < n; i++) {
		const struct token *k = &t[i];
		switch (k->type) {
		case TOK_NOUN: {
			const struct noun_entry *ne = lang_noun(k->noun);
			if (ne == NULL)
				break;
			uint32_t found = matching(s, ne, filter);
			if (m.rel_kind >= 0 && m.rel_object < 0) {
				/* The relation's object must already be in the scene. */
				if (found == 0)
					return 0;
				for (int j = s->nobjects - 1; j >= 0; j--) {
					if (found & (1u << j)) {
						m.rel_object = j;
						m.any = true;
						break;
					}
				}
			} else if (targets != 0 && (count > 0 || found == 0)) {
				/* "turn it into a sphere", "make the cube a red sphere" */
				m.noun = k->noun;
				if (filter >= 0)
					m.color = filter;
				m.any = true;
			} else if (count > 0 || found == 0) {
				/* Something new without "add": a new prompt, not an edit. */
				return 0;
			} else {
				if (m.any && targets != 0) {
					mods_apply(s, targets, &m);
					mods_clear(&m);
				}
				targets = found;
			}
			filter = -1;
			count = 0;
			indefinite = false;
			break;
		}
		case TOK_PRONOUN:
			if (m.any && targets != 0) {
				mods_apply(s, targets, &m);
				mods_clear(&m);
			}
			if (k->value == 0 || k->value == 2) {
				int last = k->value == 2 ? lang_last_animate(s) : last_live(s);
				targets = last >= 0 ? 1u << last : 0;
			} else {
				targets = all_live(s);
			}
			if (count > 0 && !indefinite) {
				/* "three of them" */
				m.count = count;
				m.count_said = true;
				m.any = true;
			}
			count = 0;
			break;
		case TOK_COUNT:
			count = k->value;
			indefinite = k->indefinite;
			break;
		case TOK_MORE:
			if (count > 0) {
				m.count = count;
				m.count_said = true;
				m.count_add = true;
				m.any = true;
				count = 0;
			}
			break;
		case TOK_COLOR: {
			int j = next_sig(t, n, i + 1);
			if (j < n && t[j].type == TOK_NOUN) {
				filter = k->value;
			} else {
				m.color = k->value;
				m.any = true;
			}
			break;
		}
		case TOK_MATERIAL:
			m.material = (enum material)k->value;
			m.material_said = true;
			m.any = true;
			break;
		case TOK_SIZE:
			m.size = (enum size_word)k->value;
			m.size_said = true;
			m.any = true;
			break;
		case TOK_BIGGER: m.step++, m.any = true; break;
		case TOK_SMALLER: m.step--, m.any = true; break;
		case TOK_POSITION:
			m.position = k->value;
			m.position_said = true;
			m.any = true;
			break;
		case TOK_RELATION: m.rel_kind = k->value; break;
		case TOK_SETTING:
			sm.setting_said = true;
			if (k->value == SET_SUNSET)
				sm.sunset = true;
			else if (k->value == SET_NIGHT)
				sm.night = true;
			else if (k->value == SET_CITY_NIGHT)
				sm.city = true;
			else
				sm.base = k->value;
			sm.any = true;
			break;
		case TOK_LIGHT:
			sm.light = (enum light)k->value;
			sm.light_said = sm.any = true;
			break;
		case TOK_CAMERA:
			sm.camera = (enum camera)k->value;
			sm.camera_said = sm.any = true;
			break;
		case TOK_STYLE:
			sm.style = k->style;
			sm.style_said = sm.any = true;
			break;
		case TOK_NOSTYLE:
			sm.style = "";
			sm.style_said = sm.any = true;
			break;
		case TOK_MOOD:
			sm.mood = k->value;
			sm.any = true;
			break;
		case TOK_ADD:
			/* "make the cube red and add a green sphere": the rest is an addition. */
			mods_apply(s, targets, &m);
			scene_apply(s, &sm, before);
			return edit_add(s, t + i + 1, n - i - 1);
		case TOK_UNKNOWN:
			/* "a dog" is a new prompt; "the dog" is nothing in this scene. */
			if ((count > 0 && indefinite) || definite)
				return 0;
			break;
		default: break;
		}
		definite = k->type == TOK_THE || (definite && k->type == TOK_STOP);
		if (k->type == TOK_SETTING || k->type == TOK_LIGHT || k->type == TOK_CAMERA ||
		    k->type == TOK_STYLE || k->type == TOK_NOSTYLE)
			count = 0;
	}
	/* "make it three", "five" */
	if (count > 0 && !indefinite) {
		m.count = count;
		m.count_said = true;
		m.any = true;
	}
	if (!m.any && !sm.any)
		return 0;
	mods_apply(s, targets, &m);
	scene_apply(s, &sm, before);
	return 1;
}

static int edit_add(struct scene *s, const struct token *t, int n)
{
	int before = s->nobjects;
	int changes = lang_parse_tokens(s, t, n);
	if (s->nobjects > before)
		return 1;
	/* "add two more", "add another": more of the last object. */
	int count = 0;
	for (int i = 0; i < n; i++) {
		if (t[i].type == TOK_NOUN)
			return changes > 0 ? 1 : 0;
		if (t[i].type == TOK_COUNT)
			count = t[i].value;
	}
	int last = last_live(s);
	if (count > 0 && last >= 0) {
		struct scene_object *o = &s->objects[last];
		o->count = o->count + count > RENDER_MAX_COUNT ? RENDER_MAX_COUNT : o->count + count;
		return 1;
	}
	return changes > 0 ? 1 : 0;
}

static int edit_remove(struct scene *s, const struct token *t, int n)
{
	int filter = -1;
	bool any = false;
	for (int i = 0; i < n; i++) {
		const struct token *k = &t[i];
		if (k->type == TOK_COLOR) {
			filter = k->value;
		} else if (k->type == TOK_NOUN) {
			const struct noun_entry *ne = lang_noun(k->noun);
			uint32_t found = ne ? matching(s, ne, filter) : 0;
			for (int j = 0; j < s->nobjects; j++) {
				if (found & (1u << j)) {
					s->objects[j].removed = true;
					any = true;
				}
			}
			filter = -1;
		} else if (k->type == TOK_PRONOUN) {
			int last = k->value == 2 ? lang_last_animate(s) : last_live(s);
			uint32_t found = k->value == 1 ? all_live(s) : last >= 0 ? 1u << last : 0;
			for (int j = 0; j < s->nobjects; j++) {
				if (found & (1u << j)) {
					s->objects[j].removed = true;
					any = true;
				}
			}
		} else if (k->type == TOK_STYLE && s->style[0]) {
			s->style[0] = '\0';
			any = true;
		}
	}
	return any ? 1 : 0;
}

/* The working copy: bounded counts, automatic choices undone. */
static void prepare(struct scene *w, const struct scene *s)
{
	*w = *s;
	if (w->nobjects < 0 || w->nobjects > RENDER_MAX_OBJECTS)
		w->nobjects = w->nobjects < 0 ? 0 : RENDER_MAX_OBJECTS;
	if (w->nrelations < 0 || w->nrelations > RENDER_MAX_RELATIONS)
		w->nrelations = w->nrelations < 0 ? 0 : RENDER_MAX_RELATIONS;
	if (w->nunknown < 0 || w->nunknown > RENDER_MAX_UNKNOWN)
		w->nunknown = w->nunknown < 0 ? 0 : RENDER_MAX_UNKNOWN;
	lang_unenhance(w);
}

int render_edit(struct scene *s, const char *followup)
{
	int rc = -1;
	struct token *t = NULL;
	int n = 0;
	/* Quoted text: "make it say 'CLOSED'" changes it; "add a sign saying 'hi'" adds it. */
	struct lang_quote *q = NULL;
	char *words = NULL;
	size_t len = followup ? strnlen(followup, LANG_MAX_INPUT + 1) : 0;
	if (s == NULL || followup == NULL || len > LANG_MAX_INPUT)
		goto out;
	q = malloc(LANG_MAX_QUOTES * sizeof *q);
	words = malloc(len + 1);
	if (q == NULL || words == NULL)
		goto out;
	int nq = lang_quotes_find(followup, words, len + 1, q, LANG_MAX_QUOTES);
	if (nq < 0)
		goto out;
	rc = lang_quotes_edit(s, followup, q, nq, words);
	if (rc != 0)
		goto out;
	rc = -1;
	if (lang_lex(words, &t, &n) != 0)
		goto out;
	struct scene w;
	prepare(&w, s);
	int before_objects = w.nobjects;
	enum setting before = (unsigned)s->setting < SET__COUNT ? s->setting : SET_DEFAULT;
	int first = 0;
	while (first < n && (t[first].type == TOK_STOP || t[first].type == TOK_MAKE))
		first++;
	rc = 0;
	/* "make him hold a red balloon": an action reads like a prompt about the scene's objects. */
	for (int i = first; i < n && rc == 0; i++)
		if (t[i].type == TOK_RELATION && t[i].agent &&
		    lang_relation_action((enum relation_kind)t[i].value) && t[first].type != TOK_ADD &&
		    t[first].type != TOK_REMOVE) {
			rc = edit_add(&w, t + first, n - first);
			if (rc == 0)
				prepare(&w, s);
		}
	if (rc == 0 && first < n && t[first].type == TOK_AND) {
		rc = edit_add(&w, t + first + 1, n - first - 1);
		if (rc == 0)
			prepare(&w, s);
	}
	if (rc == 0 && first < n) {
		if (t[first].type == TOK_ADD)
			rc = edit_add(&w, t + first + 1, n - first - 1);
		else if (t[first].type == TOK_REMOVE)
			rc = edit_remove(&w, t + first + 1, n - first - 1);
		else
			rc = edit_modify(&w, t, n, before);
	}
	if (rc == 1) {
		lang_quotes_place(&w, words, q, nq, before_objects);
		lang_drop_empty_titles(&w);
		lang_prune_relations(&w);
		w.enhanced = false;
		*s = w;
	}
out:
	free(words);
	free(q);
	free(t);
	return rc;
}
