/*
 * describe: the scene as one English sentence, written in the words the
 * parser reads back. Whatever enhancement would choose again by itself
 * (an object's usual material, the colour its material implies, the light
 * that suits the setting, the usual camera) is left out, so the sentence
 * names what was said or chosen from the seed and nothing else, and
 * parse(describe(s)) enhanced again describes to the same sentence.
 */
#include <string.h>

#include "language.h"

struct text {
	char *buf;
	size_t cap, len;
	bool over;
};

static void put(struct text *t, const char *s)
{
	size_t n = strlen(s);
	if (t->over || n >= t->cap - t->len) {
		t->over = true;
		return;
	}
	memcpy(t->buf + t->len, s, n + 1);
	t->len += n;
}

/* A word, with a space before it unless it starts the sentence. */
static void word(struct text *t, const char *s)
{
	if (s == NULL || s[0] == '\0')
		return;
	if (t->len > 0)
		put(t, " ");
	put(t, s);
}

/* The noun as said when the table knows it for this kind, else the kind's name. */
static const char *noun_of(const struct scene_object *o, bool plural)
{
	char noun[RENDER_WORD_MAX];
	lang_copy_word(noun, sizeof noun, o->noun);
	int i = lang_noun_find(noun);
	const struct noun_entry *ne = lang_noun(i);
	const char *singular = (ne && ne->kind == o->kind) ? ne->singular
							   : render_object_name(o->kind);
	return plural ? lang_noun_plural(singular, o->kind) : singular;
}

/*
 * A person's artwork with a look of its own is named "man bald", "woman curly hair":
 * the describer writes "bald man", "curly-haired woman". Fills base and returns the
 * adjective, or NULL for any other noun.
 */
static const char *look_adjective(const char *noun, char *base, size_t cap)
{
	static const struct {
		const char *suffix, *adjective;
	} looks[] = { { " bald", "bald" }, { " beard", "bearded" }, { " curly hair", "curly-haired" } };
	size_t n = strnlen(noun, RENDER_WORD_MAX);
	for (size_t k = 0; k < sizeof looks / sizeof looks[0]; k++) {
		size_t sl = strlen(looks[k].suffix);
		if (n > sl && n - sl < cap && strcmp(noun + n - sl, looks[k].suffix) == 0) {
			memcpy(base, noun, n - sl);
			base[n - sl] = '\0';
			return looks[k].adjective;
		}
	}
	return NULL;
}

/* "with red hair and dark skin": the look said of a person, drawn over the artwork's own. */
static void look_clause(struct text *t, const struct scene_object *o)
{
	bool hair = memchr(o->hair, '\0', sizeof o->hair) && lang_hair_color(o->hair) >= 0;
	const char *skin = lang_skin_id(o->skin);
	bool eyes = memchr(o->eyes, '\0', sizeof o->eyes) && lang_hair_color(o->eyes) >= 0;
	const char *parts[3][2];
	int n = 0;
	if (hair)
		parts[n][0] = o->hair, parts[n++][1] = "hair";
	if (eyes)
		parts[n][0] = o->eyes, parts[n++][1] = "eyes";
	if (skin)
		parts[n][0] = skin, parts[n++][1] = "skin";
	for (int k = 0; k < n; k++) {
		if (k == 0)
			word(t, "with");
		else if (k == n - 1)
			word(t, "and");
		else
			put(t, ",");
		word(t, parts[k][0]);
		word(t, parts[k][1]);
	}
}

/* The colour name the full mention prints: none when the material implies it. */
static const char *printed_color(const struct scene_object *o)
{
	const char *implied = lang_material_color(lang_effective_material(o));
	if (o->color_name[0] == '\0' || memchr(o->color_name, '\0', RENDER_WORD_MAX) == NULL)
		return "";
	if (implied && strcmp(implied, o->color_name) == 0)
		return "";
	return o->color_name;
}

static bool shares_kind(const struct scene *s, int idx)
{
	for (int i = 0; i < lang_object_count(s); i++) {
		if (i != idx && lang_object_live(s, i) && s->objects[i].kind == s->objects[idx].kind)
			return true;
	}
	return false;
}

static int count_of(const struct scene_object *o)
{
	if (o->count < 1)
		return 1;
	return o->count > RENDER_MAX_COUNT ? RENDER_MAX_COUNT : o->count;
}

/*
 * What is written on it: reading "OPEN". The marks are ones the text does not
 * hold, so the parser finds the same text again.
 */
static void text_clause(struct text *t, const struct scene_object *o)
{
	if (memchr(o->text, '\0', sizeof o->text) == NULL || o->text[0] == '\0')
		return;
	const char *open = "\"", *close = "\"";
	if (strchr(o->text, '"') || strstr(o->text, "\xe2\x80\x9d") || strstr(o->text, "\xe2\x80\x9c")) {
		open = "\xc2\xab"; /* « » */
		close = "\xc2\xbb";
	}
	word(t, "reading");
	word(t, open);
	put(t, o->text);
	put(t, close);
}

/* "three small glossy red cubes on the left"; "a blue sphere"; "the red cube". */
static void object_phrase(struct text *t, const struct scene *s, int idx, bool first,
			  bool definite)
{
	const struct scene_object *o = &s->objects[idx];
	int count = count_of(o);
	if (definite) {
		word(t, "the");
		if (shares_kind(s, idx))
			word(t, printed_color(o));
		word(t, noun_of(o, count > 1));
		return;
	}
	char body[256];
	struct text b = { body, sizeof body, 0, false };
	body[0] = '\0';
	if (count > 1)
		word(&b, lang_count_word(count));
	if ((unsigned)o->size <= SIZE_HUGE)
		word(&b, lang_size_name(o->size));
	/* A finish reads before the colour ("glossy red"), a substance after it ("red glass"). */
	const char *material = NULL;
	bool finish = o->material == MAT_MATTE || o->material == MAT_GLOSSY || o->material == MAT_GLOW;
	if (o->material > MAT_DEFAULT && o->material < MAT__COUNT &&
	    o->material != lang_natural_material(o->kind))
		material = render_material_name(o->material);
	/* Adjective traits read first ("an old dirty red car"), the verbs after the noun. */
	for (int k = 0; k < TRAIT__COUNT; k++)
		if ((o->traits & (1u << k)) && (1u << k) != TRAIT_MOVING && (1u << k) != TRAIT_LYING &&
		    (1u << k) != TRAIT_ROW)
			word(&b, (1u << k) == TRAIT_EATEN ? "half-eaten" : render_trait_name(1u << k));
	if (finish)
		word(&b, material);
	word(&b, printed_color(o));
	if (!finish)
		word(&b, material);
	char base[RENDER_WORD_MAX];
	const char *look = look_adjective(o->noun, base, sizeof base);
	if (look != NULL) {
		word(&b, look);
		word(&b, count > 1 ? lang_noun_plural(base, o->kind) : base);
	} else {
		word(&b, noun_of(o, count > 1));
	}
	look_clause(&b, o);
	word(&b, lang_pose_name(o->pose));
	if (o->traits & TRAIT_MOVING)
		word(&b, "moving");
	if (o->traits & TRAIT_LYING)
		word(&b, "lying");
	if (o->traits & TRAIT_ROW)
		word(&b, "in a row");
	if (o->position_hint < 0)
		word(&b, "on the left");
	else if (o->position_hint > 0)
		word(&b, "on the right");
	if (count == 1 && !first)
		word(t, strchr("aeiou", body[0]) ? "an" : "a");
	word(t, body);
	text_clause(t, o);
}

static bool relation_valid(const struct scene *s, const struct scene_relation *r)
{
	if ((unsigned)r->kind >= REL__COUNT || r->subject == r->object)
		return false;
	if (!lang_object_live(s, r->subject) || !lang_object_live(s, r->object))
		return false;
	return r->kind != REL_BETWEEN || lang_object_live(s, r->object2);
}

/* Clause separator: commas, and "and" before the last clause. */
static void joiner(struct text *t, int clause, int nclauses)
{
	if (clause == 0)
		return;
	if (clause == nclauses - 1)
		word(t, "and");
	else
		put(t, ",");
}

/* Objects in relations first, in the relations' order, then the rest. */
static void objects_clauses(struct text *t, const struct scene *s)
{
	bool mentioned[RENDER_MAX_OBJECTS] = { false };
	bool first = true;
	int nrel = s->nrelations < 0 ? 0 : s->nrelations;
	if (nrel > RENDER_MAX_RELATIONS)
		nrel = RENDER_MAX_RELATIONS;
	/* Count the clauses first, to know which one gets the "and". */
	int nclauses = 0, clause = 0;
	bool seen[RENDER_MAX_OBJECTS] = { false };
	for (int i = 0; i < nrel; i++) {
		const struct scene_relation *r = &s->relations[i];
		if (!relation_valid(s, r))
			continue;
		nclauses++;
		seen[r->subject] = seen[r->object] = true;
		if (r->kind == REL_BETWEEN)
			seen[r->object2] = true;
	}
	for (int i = 0; i < lang_object_count(s); i++)
		nclauses += lang_object_live(s, i) && !seen[i];
	for (int i = 0; i < nrel; i++) {
		const struct scene_relation *r = &s->relations[i];
		if (!relation_valid(s, r))
			continue;
		joiner(t, clause++, nclauses);
		object_phrase(t, s, r->subject, first, mentioned[r->subject]);
		mentioned[r->subject] = true;
		first = false;
		word(t, render_relation_name(r->kind));
		object_phrase(t, s, r->object, false, mentioned[r->object]);
		mentioned[r->object] = true;
		if (r->kind == REL_BETWEEN && r->object2 != r->object) {
			word(t, "and");
			object_phrase(t, s, r->object2, false, mentioned[r->object2]);
			mentioned[r->object2] = true;
		}
	}
	for (int i = 0; i < lang_object_count(s); i++) {
		if (!lang_object_live(s, i) || mentioned[i])
			continue;
		joiner(t, clause++, nclauses);
		object_phrase(t, s, i, first, false);
		mentioned[i] = true;
		first = false;
	}
}

static bool sunset_keeps(enum setting set)
{
	return set == SET_BEACH || set == SET_DESERT || set == SET_SNOW || set == SET_FOREST ||
	       set == SET_SKY || set == SET_STREET || set == SET_FIELD || set == SET_ROOM;
}

int render_describe(const struct scene *s, char *out, size_t outlen)
{
	if (s == NULL || out == NULL || outlen == 0)
		return -1;
	struct text t = { out, outlen, 0, false };
	out[0] = '\0';
	bool live = false;
	for (int i = 0; i < lang_object_count(s); i++)
		live = live || lang_object_live(s, i);
	char mood[RENDER_WORD_MAX];
	lang_copy_word(mood, sizeof mood, s->mood);
	word(&t, mood);
	bool golden_said = false, landscape = false;
	if (live) {
		objects_clauses(&t, s);
		if ((unsigned)s->setting < SET__COUNT)
			word(&t, lang_setting_phrase(s->setting));
		/* "on a beach at sunset": the parser reads it back as beach + golden light. */
		if (s->light == LIGHT_GOLDEN && sunset_keeps(s->setting) &&
		    lang_suited_light(s) != LIGHT_GOLDEN) {
			word(&t, "at sunset");
			golden_said = true;
		}
	} else {
		if (s->abstract) {
			word(&t, "abstract composition");
			int nu = s->nunknown < 0 ? 0 : s->nunknown;
			if (nu > RENDER_MAX_UNKNOWN)
				nu = RENDER_MAX_UNKNOWN;
			if (nu > 0)
				word(&t, "of");
			for (int i = 0; i < nu; i++) {
				char w[RENDER_WORD_MAX];
				lang_copy_word(w, sizeof w, s->unknown[i]);
				word(&t, w);
			}
		} else if (s->setting != SET_DEFAULT && s->setting != SET_STUDIO) {
			/* A landscape: "Serene view in a forest"; without its place it would be nothing. */
			word(&t, "view");
			landscape = true;
		} else {
			word(&t, "empty scene");
		}
		if (s->setting != SET_DEFAULT && (s->setting != lang_suited_setting(s) || landscape))
			word(&t, lang_setting_phrase(s->setting));
	}
	if (s->light != LIGHT_DEFAULT && !golden_said && s->light != lang_suited_light(s)) {
		word(&t, "in");
		word(&t, lang_light_name(s->light));
	}
	for (int k = 0; k < FX__COUNT; k++)
		if (s->effects & (1u << k))
			word(&t, lang_effect_phrase(1u << k));
	if (s->camera != CAM_DEFAULT && s->camera != lang_suited_camera(s)) {
		put(&t, ",");
		word(&t, lang_camera_name(s->camera));
	}
	if (s->style[0] != '\0') {
		char style[RENDER_WORD_MAX];
		lang_copy_word(style, sizeof style, s->style);
		word(&t, "in");
		word(&t, style);
		word(&t, "style");
	}
	if (t.over)
		return -1;
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	return (int)t.len;
}
