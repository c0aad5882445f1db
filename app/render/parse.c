/*
 * parse: English prompt to struct scene. The tokens from lang_lex() are read
 * left to right with a little state: modifiers (count, size, material,
 * colour) wait for the next noun; a relation waits for its object; words
 * after "made of"/"in" describe the last object. The core, lang_parse_tokens(),
 * is shared with render_edit() for "add a tree next to the house".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artwork.h"
#include "language.h"

struct pending {
	int count; /* 0: not said */
	int color; /* colour table index, -1: not said */
	enum material material;
	enum size_word size;
	bool size_said;
	bool definite;
	enum pose pose; /* "a flying car": said before its noun */
	/* Traits said before the noun ("an old sleeping dog"), with their words. */
	int ntraits;
	unsigned trait[4];
	char trait_text[4][RENDER_WORD_MAX];
	/* An unknown word came after the modifiers: without a noun they described it
	 * ("a purple unicorn"), not the last object. */
	bool before_unknown;
	char size_text[RENDER_WORD_MAX], material_text[RENDER_WORD_MAX];
	const struct substance *substance; /* "a chocolate bunny": what the next noun is made of */
	/* How the person named next (or last) looks: "a red haired woman", "with a beard". */
	bool look_said;
	char hair[RENDER_WORD_MAX], eyes[RENDER_WORD_MAX];
	int skin;
	unsigned variant; /* LOOKV_* */
	int nlook_words;  /* the words that said it, reported when nobody can show it */
	char look_words[4][RENDER_WORD_MAX];
	unsigned look_part[4]; /* LOOKP_*: what each word said */
};

/* Artwork of a person with a look of its own: "man bald", "woman curly hair". */
enum { LOOKV_BALD = 1, LOOKV_BEARD = 2, LOOKV_CURLY = 4, LOOKV_SUIT = 8 };
/* The parts of a look (pending.look_part). */
enum { LOOKP_VARIANT = 1, LOOKP_HAIR = 2, LOOKP_SKIN = 4, LOOKP_EYES = 8 };

struct parser {
	struct scene *s;
	struct pending p;
	int cur; /* the last object mentioned, -1 before any */
	/* The relation waiting for its object: stage 0 wants the object, 1 has it and
	 * (between) waits for "and", 2 wants the second object. kind -1: none. */
	int rel_kind, rel_subject, rel_object, rel_object2, rel_stage;
	bool rel_inverse;
	/* An action ("holding"): a word to report when it gets no object, and the object it
	 * implies then ("reading": a book), -1 for none. */
	bool rel_agent;
	int rel_implied;
	char rel_text[RENDER_WORD_MAX];
	int prev; /* the object mentioned before cur, -1 before any */
	bool post; /* after "made of", "in": modifiers describe the last object */
	bool post_in; /* that word was "in": "a man in a red shirt" wears it */
	int wearer;   /* who wears what "in" named, while "and" lists more: -1 none */
	bool sunset, night, city;
	bool day;    /* "by day", "at noon": a city is its streets by day */
	bool autumn; /* "in autumn": the trees turn */
	char game_word[RENDER_WORD_MAX]; /* "game" said: understood if a video game is drawn */
	int shape_of; /* "a cloud shaped like a heart": the cloud, whose look the heart takes; -1 */
	int held_in;  /* "a dog in a teacup": the dog, waiting for its container; -1 */
	int base; /* the last setting said other than sunset, night, city; -1 none */
	bool setting_said, light_said;
	int changes;
	struct lang_leftover *left; /* where modifiers with nothing to go to go; NULL: reported */
	bool negated; /* after "no", "not", "without": the next thing said is not drawn */
	bool from;    /* "from", "off" said since the last noun: "fishing from a boat" */
	int container; /* a container named just before "of" ("a bowl of fruit"), -1 none */
	/* Age and dirt said of the place ("an old kitchen", "the bathroom is dirty"): given to
	 * the things in it at the end, or reported when there are none. */
	unsigned place_traits;
	int nplace_words;
	char place_words[4][RENDER_WORD_MAX];
};

static void pending_clear(struct pending *p)
{
	memset(p, 0, sizeof *p);
	p->color = -1;
}

bool lang_object_live(const struct scene *s, int i)
{
	return s != NULL && i >= 0 && i < s->nobjects && i < RENDER_MAX_OBJECTS &&
	       !s->objects[i].removed;
}

int lang_object_count(const struct scene *s)
{
	if (s->nobjects < 0)
		return 0;
	return s->nobjects > RENDER_MAX_OBJECTS ? RENDER_MAX_OBJECTS : s->nobjects;
}

void lang_scene_init(struct scene *s)
{
	memset(s, 0, sizeof *s);
}

void lang_set_color(struct scene_object *o, int color_idx)
{
	const struct color_entry *c = lang_color(color_idx);
	if (c == NULL)
		return;
	lang_copy_word(o->color_name, sizeof o->color_name, c->name);
	o->color = c->rgb;
}

int lang_add_relation(struct scene *s, enum relation_kind k, int subject, int object, int object2)
{
	if ((unsigned)k >= REL__COUNT || subject < 0 || object < 0 || subject >= s->nobjects ||
	    object >= s->nobjects || subject == object)
		return 0;
	if (k == REL_BETWEEN) {
		if (object2 < 0 || object2 >= s->nobjects || object2 == subject)
			return 0;
	} else {
		object2 = -1;
	}
	if (s->nrelations >= RENDER_MAX_RELATIONS)
		return 0;
	for (int i = 0; i < s->nrelations; i++) {
		const struct scene_relation *r = &s->relations[i];
		if (r->kind == k && r->subject == subject && r->object == object &&
		    r->object2 == object2)
			return 0;
	}
	struct scene_relation *r = &s->relations[s->nrelations++];
	r->kind = k;
	r->subject = subject;
	r->object = object;
	r->object2 = object2;
	return 1;
}

void lang_prune_relations(struct scene *s)
{
	int o = 0;
	for (int i = 0; i < s->nrelations && i < RENDER_MAX_RELATIONS; i++) {
		const struct scene_relation *r = &s->relations[i];
		if (!lang_object_live(s, r->subject) || !lang_object_live(s, r->object))
			continue;
		if (r->kind == REL_BETWEEN && !lang_object_live(s, r->object2))
			continue;
		s->relations[o++] = *r;
	}
	s->nrelations = o;
}


bool lang_relation_action(enum relation_kind k)
{
	return k == REL_HOLDING || k == REL_RIDING;
}

/* 2: a person (or robot, snowman), 1: an animal, 0: a thing. */
static int object_animate(const struct scene_object *o)
{
	const struct art_info *ai = art_info(lang_object_art(o));
	if (ai)
		return (ai->flags & ART_PERSON) ? 2 : (ai->flags & ART_ANIMAL) ? 1 : 0;
	return o->kind == OBJ_ROBOT || o->kind == OBJ_SNOWMAN ? 2 : 0;
}

/* People first: "she" in "a woman and a horse" is the woman. */
int lang_last_animate(const struct scene *s)
{
	int best = -1, rank = -1;
	for (int i = s->nobjects - 1; i >= 0; i--) {
		int a = lang_object_live(s, i) ? object_animate(&s->objects[i]) : -1;
		if (a > rank)
			best = i, rank = a;
	}
	return best;
}

/*
 * Who does an action: the last one named, unless that is something held or
 * ridden ("a man holding a cup riding a horse": the man rides) or worn; with nobody
 * named yet ("make her hold a balloon"), the last person or animal.
 */
static int agent_of(const struct parser *ps)
{
	int c = ps->cur;
	if (c < 0)
		return lang_last_animate(ps->s);
	for (int i = ps->s->nrelations - 1; i >= 0; i--) {
		const struct scene_relation *r = &ps->s->relations[i];
		if (lang_relation_action(r->kind) && r->object == c && r->subject != c)
			return r->subject;
		/* "a man in a blue shirt riding a horse": the man rides, not his shirt. */
		const struct art_info *worn = art_info(lang_object_art(&ps->s->objects[c]));
		if (r->kind == REL_ON && r->subject == c && r->object != c && worn &&
		    (worn->flags & ART_WORN))
			return r->object;
	}
	return c;
}

/* A plain object for a noun nobody said ("a girl reading": the book); its index or -1. */
static int implied_object(struct parser *ps, int noun)
{
	const struct noun_entry *ne = lang_noun(noun);
	struct scene *s = ps->s;
	if (ne == NULL || s->nobjects < 0 || s->nobjects >= RENDER_MAX_OBJECTS)
		return -1;
	int idx = s->nobjects++;
	struct scene_object *o = &s->objects[idx];
	memset(o, 0, sizeof *o);
	o->kind = ne->kind;
	lang_copy_word(o->noun, sizeof o->noun, ne->singular);
	o->scale = 1.0f;
	o->count = 1;
	ps->changes++;
	return idx;
}

/*
 * A person doing what the artwork shows a person doing: "a woman walking",
 * "people running", "a man surfing" become the artwork of that pose ("woman
 * walking"), when there is one. Returns whether the word was drawn so.
 */
static bool pose_of(struct parser *ps, int who, const char *verb)
{
	if (who < 0 || who >= ps->s->nobjects || verb[0] == '\0')
		return false;
	struct scene_object *o = &ps->s->objects[who];
	const struct art_info *ai = art_info(lang_object_art(o));
	if (o->kind != OBJ_ARTWORK || ai == NULL)
		return false;
	if (!(ai->flags & ART_PERSON))
		return false;
	/* Verbs whose pose the artwork names otherwise. */
	static const struct {
		const char *verb, *pose;
	} aliases[] = {
		{ "skiing", "skier" }, { "snowboarding", "snowboarder" }, { "cycling", "biking" },
		{ "jogging", "running" }, { "meditating", "in lotus position" },
		{ "bathing", "taking bath" }, { "dribbling", "bouncing ball" }, { "golfing", "golfing" },
		{ "walks", "walking" }, { "runs", "running" }, { "swims", "swimming" },
		{ "surfs", "surfing" }, { "skis", "skier" }, { "climbs", "climbing" },
		{ "dances", "dancing" }, { "kneels", "kneeling" }, { "rowing", "rowing boat" },
		{ "rows", "rowing boat" }, { "bikes", "biking" }, { "juggles", "juggling" },
	};
	for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++) {
		if (strcmp(verb, aliases[k].verb) != 0)
			continue;
		verb = aliases[k].pose;
		/* Poses without a body word of their own ("skier"). */
		const struct art_info *only = art_info(art_noun_art(art_noun_find(verb)));
		if (only && (only->flags & ART_PERSON) && strchr(verb, ' ') == NULL) {
			lang_copy_word(o->noun, sizeof o->noun, verb);
			ps->changes++;
			return true;
		}
		break;
	}
	/* "man standing" -> "man walking"; "police officer" -> "police officer walking" (none). */
	static const char *const bodies[] = { "person", "man", "woman" };
	for (size_t k = 0; k < sizeof bodies / sizeof bodies[0]; k++) {
		size_t n = strlen(bodies[k]);
		if (strncmp(ai->name, bodies[k], n) != 0 || (ai->name[n] != ' ' && ai->name[n] != '\0'))
			continue;
		char phrase[RENDER_WORD_MAX];
		if ((size_t)snprintf(phrase, sizeof phrase, "%s %s", bodies[k], verb) >= sizeof phrase)
			return false;
		const struct art_info *pose = art_info(art_noun_art(art_noun_find(phrase)));
		/* Some poses only come as "person ...": "person in bed"; some only as a man's or a
		 * woman's ("woman dancing"), the nearest for a person. */
		if (pose == NULL && k > 0 &&
		    (size_t)snprintf(phrase, sizeof phrase, "person %s", verb) < sizeof phrase)
			pose = art_info(art_noun_art(art_noun_find(phrase)));
		for (int g = 0; pose == NULL && k == 0 && g < 2; g++)
			if ((size_t)snprintf(phrase, sizeof phrase, "%s %s", g ? "man" : "woman", verb) <
			    sizeof phrase)
				pose = art_info(art_noun_art(art_noun_find(phrase)));
		if (pose == NULL || !(pose->flags & ART_PERSON))
			return false;
		lang_copy_word(o->noun, sizeof o->noun, phrase);
		ps->changes++;
		return true;
	}
	return false;
}

/*
 * Verbs that say where a thing is, when no artwork shows the pose: a turtle
 * swimming is under water, a person sunbathing on a beach. Returns whether the
 * word was drawn so (the setting, unless another was said).
 */
static bool place_of(struct parser *ps, const char *verb)
{
	static const struct {
		const char *verb;
		enum setting set;
	} places[] = {
		{ "swimming", SET_UNDERWATER }, { "swims", SET_UNDERWATER }, { "swim", SET_UNDERWATER },
		{ "snorkeling", SET_UNDERWATER }, { "scuba", SET_UNDERWATER },
		{ "sunbathing", SET_BEACH },	  { "sunbathes", SET_BEACH },
		{ "sledding", SET_SNOW },	  { "sledging", SET_SNOW },
	};
	if (ps->cur < 0)
		return false;
	for (size_t k = 0; k < sizeof places / sizeof places[0]; k++) {
		if (strcmp(verb, places[k].verb) != 0)
			continue;
		if (!ps->setting_said) {
			ps->base = places[k].set;
			ps->setting_said = true;
		}
		ps->changes++;
		return true;
	}
	return false;
}

/* Words that only say a thing rests where it is: no trait for what is not alive. */
static bool resting_word(const char *w)
{
	static const char *const words[] = { "lying", "laying", "lies", "lays", "lay" };
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strcmp(w, words[k]) == 0)
			return true;
	return false;
}

/*
 * Gives object idx a trait said by word (trait_apply's caller has the token):
 * an old man or woman becomes the artwork of one, a person going somewhere the
 * artwork of that gait where there is one ("man walking"), and the trait bit is
 * set for the renderer. Lying is for people and animals; anything else said to
 * lie rests where it is ("a book lying on a table"), and "a sleeping car" is a
 * word not understood.
 */
static void trait_apply(struct parser *ps, int idx, unsigned bit, const char *word)
{
	if (!lang_object_live(ps->s, idx)) {
		lang_add_unknown(ps->s, word);
		return;
	}
	struct scene_object *o = &ps->s->objects[idx];
	const struct art_info *ai = art_info(lang_object_art(o));
	bool alive = o->kind == OBJ_ARTWORK && ai && (ai->flags & (ART_PERSON | ART_ANIMAL));
	/* A bite is taken out of artwork's outline: a 3D shape with artwork of the same name
	 * ("apple", "donut") becomes that artwork; one without has no outline to bite. */
	if (bit == TRAIT_EATEN && o->kind != OBJ_ARTWORK) {
		char noun[RENDER_WORD_MAX];
		lang_copy_word(noun, sizeof noun, o->noun);
		int an = art_noun_find(noun);
		if (an < 0 || art_noun_weak(an)) {
			lang_add_unknown(ps->s, word);
			return;
		}
		o->kind = OBJ_ARTWORK;
	}
	/* A cut to a shape is of artwork's outline; the 3D shapes keep theirs. */
	if ((bit == TRAIT_TRIANGLE || bit == TRAIT_ROUND) && o->kind != OBJ_ARTWORK) {
		lang_add_unknown(ps->s, word);
		return;
	}
	if (bit == TRAIT_ROW && o->count < 2) {
		lang_add_unknown(ps->s, word); /* one thing is no row */
		return;
	}
	if (bit == TRAIT_LYING && !alive) {
		if (!resting_word(word))
			lang_add_unknown(ps->s, word);
		return;
	}
	/* Only an age makes a person the artwork of an old one: a medieval king, a
	 * victorian lady are of their time, drawn aged like a thing of it. */
	static const char *const ages_said[] = { "old", "older", "oldest", "elderly", "aged",
						 "aging", "ageing", "very" };
	bool age = false;
	for (size_t k = 0; k < sizeof ages_said / sizeof ages_said[0]; k++)
		age = age || strcmp(word, ages_said[k]) == 0;
	if (bit == TRAIT_OLD && alive && (ai->flags & ART_PERSON) && age) {
		static const struct {
			const char *young, *old;
		} ages[] = { { "man", "old man" }, { "woman", "old woman" }, { "person", "older person" } };
		for (size_t k = 0; k < sizeof ages / sizeof ages[0]; k++) {
			int n = art_noun_find(ages[k].old);
			if (strcmp(o->noun, ages[k].young) == 0 && n >= 0) {
				lang_copy_word(o->noun, sizeof o->noun, ages[k].old);
				ps->changes++;
				return;
			}
		}
	}
	if (bit == TRAIT_MOVING)
		pose_of(ps, idx, word);
	o->traits |= bit;
	ps->changes++;
}

static bool is_person(const struct scene *s, int idx);

static bool at_play(const char *verb)
{
	return strcmp(verb, "playing") == 0 || strcmp(verb, "plays") == 0 ||
	       strcmp(verb, "play") == 0;
}

/*
 * Ends the pending relation. "between two spheres" names one group of at
 * least two for both ends; otherwise a relation without its objects is dropped.
 * An action without its object takes the one it implies, or its word is
 * reported as not understood: it changed nothing in the picture.
 */
static void relation_finish(struct parser *ps)
{
	if (ps->rel_kind < 0)
		return;
	if (ps->rel_agent && ps->rel_object < 0 && ps->rel_subject >= 0 && ps->rel_implied >= 0)
		ps->rel_object = implied_object(ps, ps->rel_implied);
	/* "a girl on a horse rides past a lake": already on what she rides, as drawn. */
	if (ps->rel_kind == REL_RIDING && ps->rel_object < 0 && ps->rel_subject >= 0) {
		for (int r = 0; r < ps->s->nrelations; r++) {
			struct scene_relation *q = &ps->s->relations[r];
			if ((q->subject == ps->rel_subject || q->object == ps->rel_subject) &&
			    (q->kind == REL_ON || q->kind == REL_RIDING) && is_person(ps->s, q->subject)) {
				q->kind = REL_RIDING;
				ps->changes++;
				ps->rel_kind = -1;
				return;
			}
		}
	}
	if (ps->rel_agent && (ps->rel_object < 0 || ps->rel_subject < 0) &&
	    !pose_of(ps, ps->rel_subject, ps->rel_text)) {
		/* At play with nothing named: people and animals on the move ("dogs playing"). */
		if (at_play(ps->rel_text) && ps->rel_subject >= 0)
			trait_apply(ps, ps->rel_subject, TRAIT_MOVING, ps->rel_text);
		else
			lang_add_unknown(ps->s, ps->rel_text);
	}
	int subject = ps->rel_subject, object = ps->rel_object, object2 = ps->rel_object2;
	if (ps->rel_kind == REL_BETWEEN && object2 < 0 && object >= 0 &&
	    ps->s->objects[object].count >= 2)
		object2 = object;
	if (ps->rel_inverse) {
		int tmp = subject;
		subject = object;
		object = tmp;
	}
	if (subject >= 0 && object >= 0)
		ps->changes += lang_add_relation(ps->s, (enum relation_kind)ps->rel_kind, subject,
						 object, object2);
	ps->rel_kind = -1;
}

/* The object just mentioned completes the pending relation, if any. */
static void relation_attach(struct parser *ps, int idx)
{
	if (ps->rel_kind < 0 || idx == ps->rel_subject)
		return;
	/* "a man fishing from a boat": the action takes what it implies, and the one doing
	 * it is on what it is done from. */
	if (ps->from && ps->rel_agent && ps->rel_stage == 0 && ps->rel_implied >= 0 &&
	    ps->rel_subject >= 0) {
		int who = ps->rel_subject;
		relation_finish(ps);
		ps->changes += lang_add_relation(ps->s, REL_ON, who, idx, -1);
		return;
	}
	switch (ps->rel_stage) {
	case 0:
		ps->rel_object = idx;
		if (ps->rel_kind == REL_BETWEEN)
			ps->rel_stage = 1;
		else
			relation_finish(ps);
		break;
	case 1:
		/* "between two spheres, a cone": the cone is not the second end. */
		relation_finish(ps);
		break;
	default:
		if (idx != ps->rel_object)
			ps->rel_object2 = idx;
		relation_finish(ps);
		break;
	}
}

static void look_apply(struct parser *ps, int idx);

/* Modifiers said after a noun ("a cube, glossy") belong to it. */
static void pending_flush(struct parser *ps, bool keep_without_object)
{
	struct pending *p = &ps->p;
	if (ps->cur < 0 && keep_without_object)
		return;
	if (p->look_said)
		look_apply(ps, ps->cur); /* "a woman, blonde" */
	if (ps->cur < 0 && !p->before_unknown && (p->color >= 0 || p->material != MAT_DEFAULT)) {
		/* Nothing named yet to take them: handed back, or reported. */
		struct lang_leftover *l = ps->left;
		if (l && l->color < 0 && p->color >= 0)
			l->color = p->color;
		else if (p->color >= 0 && lang_color(p->color))
			lang_add_unknown(ps->s, lang_color(p->color)->name);
		if (l && l->material == MAT_DEFAULT && p->material != MAT_DEFAULT) {
			l->material = p->material;
			lang_copy_word(l->material_word, sizeof l->material_word, p->material_text);
		} else if (p->material != MAT_DEFAULT && p->material_text[0]) {
			lang_add_unknown(ps->s, p->material_text);
		}
	}
	if (ps->cur >= 0 && !p->before_unknown) {
		struct scene_object *o = &ps->s->objects[ps->cur];
		if (p->color >= 0) {
			lang_set_color(o, p->color);
			ps->changes++;
		}
		if (p->material != MAT_DEFAULT) {
			o->material = p->material;
			ps->changes++;
		}
		if (p->size_said) {
			o->size = p->size;
			ps->changes++;
		}
	}
	pending_clear(p);
}

static int find_existing(const struct scene *s, const struct noun_entry *ne, const char *color)
{
	for (int i = s->nobjects - 1; i >= 0; i--) {
		const struct scene_object *o = &s->objects[i];
		if (!lang_object_live(s, i) || !lang_same_thing(o, ne))
			continue;
		if (color && strcmp(o->color_name, color) != 0)
			continue;
		return i;
	}
	return -1;
}

static int last_live_except(const struct scene *s, int a, int b)
{
	for (int i = s->nobjects - 1; i >= 0; i--) {
		if (lang_object_live(s, i) && i != a && i != b)
			return i;
	}
	return -1;
}

/* The metal a colour names ("silver", "gold"), or MAT_DEFAULT. */
static enum material metal_of_color(const char *color)
{
	if (strcmp(color, "silver") == 0)
		return MAT_METAL;
	if (strcmp(color, "gold") == 0)
		return MAT_GOLD;
	if (strcmp(color, "bronze") == 0)
		return MAT_BRONZE;
	if (strcmp(color, "copper") == 0)
		return MAT_COPPER;
	return MAT_DEFAULT;
}

/* The skin tone a colour said of a person means ("a white man"), or 0. */
static int skin_of_color(const char *color)
{
	if (strcmp(color, "white") == 0)
		return SKIN_LIGHT;
	if (strcmp(color, "brown") == 0)
		return SKIN_MEDIUM;
	if (strcmp(color, "black") == 0)
		return SKIN_DARK;
	return 0;
}

static bool is_person(const struct scene *s, int idx)
{
	if (!lang_object_live(s, idx) || s->objects[idx].kind != OBJ_ARTWORK)
		return false;
	const struct art_info *ai = art_info(lang_object_art(&s->objects[idx]));
	return ai && (ai->flags & ART_PERSON);
}

/* Notes a word of a look and the part it says (LOOKP_*), to report it if that is not shown. */
static void look_word(struct pending *p, const char *w, unsigned part)
{
	p->look_said = true;
	if (p->nlook_words < 4) {
		p->look_part[p->nlook_words] = part;
		lang_copy_word(p->look_words[p->nlook_words++], RENDER_WORD_MAX, w);
	}
}

static void look_clear(struct pending *p)
{
	p->look_said = false;
	p->hair[0] = '\0';
	p->eyes[0] = '\0';
	p->skin = 0;
	p->variant = 0;
	p->nlook_words = 0;
}

/*
 * A person's artwork with a look of its own: the man, woman or person of Noto
 * that is bald, bearded or curly haired. Returns the noun, or -1 where there is
 * none (an old man, a boy).
 */
static int look_variant(const struct scene_object *o, unsigned variant)
{
	static const struct {
		const char *art, *base;
	} bases[] = { { "man standing", "man" },	  { "woman standing", "woman" },
		      { "person standing", "person" }, { "man", "man" },
		      { "woman", "woman" },	  { "person", "person" },
		      { "old man", "man" },	  { "old woman", "woman" },
		      { "older person", "person" } };
	const struct art_info *ai = art_info(lang_object_art(o));
	const char *suffix = variant == LOOKV_BALD    ? "bald"
			     : variant == LOOKV_BEARD ? "beard"
			     : variant == LOOKV_CURLY ? "curly hair"
			     : variant == LOOKV_SUIT  ? "in tuxedo"
						      : NULL;
	if (ai == NULL || suffix == NULL)
		return -1;
	for (size_t k = 0; k < sizeof bases / sizeof bases[0]; k++) {
		if (strcmp(ai->name, bases[k].art) != 0)
			continue;
		char name[RENDER_WORD_MAX];
		size_t bl = strlen(bases[k].base), sl = strlen(suffix);
		if (bl + 1 + sl >= sizeof name)
			return -1;
		memcpy(name, bases[k].base, bl);
		name[bl] = ' ';
		memcpy(name + bl + 1, suffix, sl + 1);
		return art_noun_find(name) >= 0 ? lang_noun_find(name) : -1;
	}
	return -1;
}

/*
 * Gives person idx the look the pending words said: the artwork that is bald,
 * bearded or curly haired, the hair colour and the skin tone drawn over the
 * artwork's own. What cannot be shown (a look said of a cup, a beard on a boy,
 * hair the artwork does not have) is reported as not understood.
 */
static void look_apply(struct parser *ps, int idx)
{
	struct pending *p = &ps->p;
	struct scene *s = ps->s;
	unsigned shown = 0;
	if (idx >= 0 && is_person(s, idx)) {
		struct scene_object *o = &s->objects[idx];
		if (p->variant) {
			const struct art_info *was = art_info(lang_object_art(o));
			bool old = was && strncmp(was->name, "old", 3) == 0;
			const struct noun_entry *ne = lang_noun(look_variant(o, p->variant));
			if (ne != NULL) {
				lang_copy_word(o->noun, sizeof o->noun, ne->singular);
				shown |= LOOKP_VARIANT;
				/* "an old man with a beard": the bearded man, his hair white. */
				if (old && !p->hair[0])
					lang_copy_word(p->hair, sizeof p->hair, "white");
			}
		}
		int art = lang_object_art(o);
		if (p->hair[0] && lang_art_has_hair(art)) {
			lang_copy_word(o->hair, sizeof o->hair, p->hair);
			shown |= LOOKP_HAIR;
		}
		if (p->skin > 0 && lang_art_has_skin(art)) {
			o->skin = p->skin;
			shown |= LOOKP_SKIN;
		}
		if (p->eyes[0] && lang_art_has_eyes(art)) {
			lang_copy_word(o->eyes, sizeof o->eyes, p->eyes);
			shown |= LOOKP_EYES;
		}
		if (shown)
			ps->changes++;
	}
	for (int k = 0; k < p->nlook_words; k++)
		if (!(p->look_part[k] & shown))
			lang_add_unknown(s, p->look_words[k]);
	look_clear(p);
}

/*
 * Object gone is drawn as object into from now on ("a cup of coffee" is the coffee):
 * gone is removed and its relations go to into.
 */
static void object_merge(struct scene *s, int gone, int into)
{
	s->objects[gone].removed = true;
	for (int r = 0; r < s->nrelations; r++) {
		if (s->relations[r].subject == gone)
			s->relations[r].subject = into;
		if (s->relations[r].object == gone)
			s->relations[r].object = into;
	}
	lang_prune_relations(s);
}

/*
 * Gives o a colour (a name, NULL for none) and a material (MAT_DEFAULT for none)
 * as far as it can show them: a glow washes artwork out, and artwork that takes no
 * tint keeps its colours. Returns whether anything was given.
 */
static bool look_give(struct scene_object *o, const char *color, enum material m)
{
	bool given = false;
	if (m != MAT_DEFAULT && !(o->kind == OBJ_ARTWORK && m == MAT_GLOW)) {
		o->material = m;
		given = true;
	}
	int c = color && color[0] ? lang_color_find(color) : -1;
	const struct art_info *ai = art_info(lang_object_art(o));
	if (c >= 0 && (o->kind != OBJ_ARTWORK || (ai && (ai->flags & ART_TINT)))) {
		lang_set_color(o, c);
		given = true;
	}
	return given;
}

/*
 * Things a thing can be made of that are things themselves ("a house made of
 * cheese", "a chocolate bunny"): the look it takes, a material and a colour
 * ("" keeps the thing's own).
 */
static const struct substance {
	const char *noun;
	enum material material;
	const char *color;
} substances[] = {
	{ "fire", MAT_GLOW, "orange" },	    { "flame", MAT_GLOW, "orange" },
	{ "lava", MAT_GLOW, "red" },	    { "ice", MAT_ICE, "" },
	{ "water", MAT_GLASS, "light blue" }, { "cloud", MAT_MATTE, "white" },
	{ "smoke", MAT_MATTE, "grey" },	    { "snow", MAT_MATTE, "white" },
	{ "chocolate", MAT_MATTE, "brown" }, { "cheese", MAT_MATTE, "yellow" },
	{ "candy", MAT_GLOSSY, "pink" },    { "sugar", MAT_MATTE, "white" },
	{ "bread", MAT_MATTE, "tan" },	    { "yarn", MAT_FABRIC, "" },
	{ "wool", MAT_FABRIC, "cream" },    { "flower", MAT_MATTE, "pink" },
	{ "leaf", MAT_MATTE, "green" },	    { "grass", MAT_MATTE, "green" },
	{ "sand", MAT_STONE, "sand" },	    { "crystal", MAT_GLASS, "" },
	{ "diamond", MAT_GLASS, "" },	    { "pearl", MAT_GLOSSY, "ivory" },
	{ "bone", MAT_MATTE, "ivory" },	    { "lego", MAT_PLASTIC, "" },
	{ "brick", MAT_STONE, "brown" },    { "coin", MAT_GOLD, "" },
	{ "balloon", MAT_RUBBER, "" },	    { "jelly", MAT_GLASS, "" },
	{ "glass", MAT_GLASS, "" },	    { "paper", MAT_PAPER, "" },
};

static const struct substance *substance_of(const char *noun)
{
	for (size_t k = 0; k < sizeof substances / sizeof substances[0]; k++)
		if (strcmp(noun, substances[k].noun) == 0)
			return &substances[k];
	return NULL;
}

/* Gives object idx the look of what it is made of. */
static void substance_give(struct parser *ps, int idx, const struct substance *sb)
{
	/* Fire on artwork is its colour, on a 3D shape a glow too. */
	look_give(&ps->s->objects[idx], sb->color, sb->material);
	ps->changes++;
}

/* Things that hold what is "of" them: "a bowl of fruit", "a cup of coffee". */
static bool container_noun(const char *noun)
{
	static const char *const words[] = { "bowl", "cup", "mug", "glass", "plate", "basket",
					     "box", "jar", "bucket", "vase", "bag", "pot", "tray",
					     "bottle", "crate", "dish", "pan", "platter", "carton",
					     "barrel", "pitcher", "jug", "cart", "teacup", "bathtub",
					     "tub", "sink", "bed", "crib", "nest", "backpack",
					     "wheelbarrow", "wagon" };
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strcmp(noun, words[k]) == 0)
			return true;
	return false;
}

/*
 * "A bowl of fruit on a table": the fruit is in the bowl, and what is said next
 * is the bowl's. A drink's artwork is in its own cup or glass: "a cup of coffee"
 * is the coffee, the cup it shows. Returns whether idx went so (cur is then set).
 */
static bool container_of(struct parser *ps, int container, int idx)
{
	struct scene *s = ps->s;
	const struct art_info *ai = art_info(lang_object_art(&s->objects[idx]));
	bool drink = ai && ai->group == 47; /* emojibase's drink subgroup */
	static const char *const vessels[] = { "cup", "mug", "glass", "bottle" };
	bool vessel = false;
	for (size_t k = 0; k < sizeof vessels / sizeof vessels[0]; k++)
		vessel = vessel || strcmp(s->objects[container].noun, vessels[k]) == 0;
	/* Artwork that shows its container already: "a bowl of ramen" is the steaming bowl. */
	bool shown = false;
	if (ai) {
		const char *c = s->objects[container].noun;
		size_t cl = strlen(c);
		for (const char *p = strstr(ai->name, c); p && !shown; p = strstr(p + 1, c))
			shown = (p == ai->name || p[-1] == ' ') && (p[cl] == '\0' || p[cl] == ' ');
	}
	if ((drink && vessel) || shown) {
		/* The drink takes the vessel's count and what was said of it. */
		struct scene_object *c = &s->objects[container], *o = &s->objects[idx];
		o->count = c->count;
		if (c->color_name[0] && !o->color_name[0]) {
			memcpy(o->color_name, c->color_name, sizeof o->color_name);
			o->color = c->color;
		}
		object_merge(s, container, idx);
		ps->changes++;
		return false;
	}
	ps->changes += lang_add_relation(s, REL_ON, idx, container, -1);
	ps->prev = idx;
	ps->cur = container;
	ps->post = false;
	pending_clear(&ps->p);
	return true;
}

/*
 * "A cloud shaped like a heart": the heart is drawn in the cloud's look (its
 * colour and material, said or natural), and takes the cloud's place.
 */
static void shape_give(struct parser *ps, int from, int idx)
{
	struct scene *s = ps->s;
	struct scene_object *f = &s->objects[from], *o = &s->objects[idx];
	const char *color = f->color_name[0] ? f->color_name : lang_natural_color(f->kind);
	enum material m = f->material != MAT_DEFAULT ? f->material : lang_natural_material(f->kind);
	/* Artwork has no colour or material of its own to give: "a pizza shaped like a heart"
	 * is a heart, the pizza not shown. */
	if (!look_give(o, color, m))
		lang_add_unknown(s, f->noun);
	o->count = f->count;
	object_merge(s, from, idx);
	if (idx != ps->cur)
		ps->prev = ps->cur;
	ps->cur = idx;
	ps->changes++;
}

static void on_noun(struct parser *ps, const struct token *t)
{
	struct scene *s = ps->s;
	struct pending *p = &ps->p;
	const struct noun_entry *ne = lang_noun(t->noun);
	int idx = -1;
	if (ne == NULL)
		return;
	/* "the house" names one already in the scene; with a colour, that colour's. */
	if (p->definite && p->count == 0 && p->material == MAT_DEFAULT && !p->size_said) {
		const struct color_entry *c = lang_color(p->color);
		idx = find_existing(s, ne, c ? c->name : NULL);
	}
	if (idx < 0) {
		if (s->nobjects >= RENDER_MAX_OBJECTS || s->nobjects < 0)
			goto out;
		idx = s->nobjects++;
		struct scene_object *o = &s->objects[idx];
		memset(o, 0, sizeof *o);
		o->kind = ne->kind;
		lang_copy_word(o->noun, sizeof o->noun, ne->singular);
		if (p->color >= 0) {
			lang_set_color(o, p->color);
			/* Artwork takes a colour as a tint only where that reads (a red car, not a
			 * red person): otherwise the colour is reported as not shown. */
			const struct art_info *ai = art_info(lang_object_art(o));
			int tone = skin_of_color(o->color_name);
			if (o->kind == OBJ_ARTWORK && ai && (ai->flags & ART_PERSON) && tone > 0 &&
			    lang_art_has_skin(lang_object_art(o))) {
				/* "a black woman", "a white man": the colour is the skin's. */
				o->skin = tone;
				o->color_name[0] = '\0';
				memset(&o->color, 0, sizeof o->color);
			} else if (o->kind == OBJ_ARTWORK && ai && !(ai->flags & ART_TINT) &&
				   metal_of_color(o->color_name) != MAT_DEFAULT &&
				   p->material == MAT_DEFAULT) {
				/* "a silver pan", "a gold watch": a metal's colour is the metal. */
				p->material = metal_of_color(o->color_name);
				o->color_name[0] = '\0';
				memset(&o->color, 0, sizeof o->color);
			} else if (o->kind == OBJ_ARTWORK && (ai == NULL || !(ai->flags & ART_TINT))) {
				lang_add_unknown(s, o->color_name);
				o->color_name[0] = '\0';
				memset(&o->color, 0, sizeof o->color);
			}
		}
		o->material = p->material;
		o->size = p->size;
		o->pose = p->pose;
		o->scale = 1.0f;
		o->count = p->count > 0 ? p->count : (t->plural ? 3 : 1);
		if (o->count > RENDER_MAX_COUNT)
			o->count = RENDER_MAX_COUNT;
		ps->changes++;
	}
	for (int k = 0; k < p->ntraits; k++)
		trait_apply(ps, idx, p->trait[k], p->trait_text[k]);
	if (p->look_said)
		look_apply(ps, idx);
	if (p->substance)
		substance_give(ps, idx, p->substance);
	int container = ps->container;
	ps->container = -1;
	int held_in = ps->held_in;
	ps->held_in = -1;
	int shape_of = ps->shape_of;
	ps->shape_of = -1;
	if (shape_of >= 0 && shape_of != idx && lang_object_live(s, shape_of)) {
		shape_give(ps, shape_of, idx);
		goto out;
	}
	relation_attach(ps, idx);
	if (held_in >= 0 && held_in != idx && lang_object_live(s, held_in) &&
	    container_noun(s->objects[idx].noun) && ps->rel_kind < 0)
		ps->changes += lang_add_relation(s, REL_ON, held_in, idx, -1);
	ps->from = false;
	if (container >= 0 && container != idx && lang_object_live(s, container) &&
	    container_of(ps, container, idx))
		return;
	/* "a woman in a dress": clothes after "in" are worn by the person said before. */
	int who = ps->wearer >= 0 ? ps->wearer : ps->cur;
	ps->wearer = -1;
	if (ps->post_in && ps->rel_kind < 0 && who >= 0 && who != idx) {
		const struct art_info *wearer = art_info(lang_object_art(&s->objects[who]));
		const struct art_info *worn = art_info(lang_object_art(&s->objects[idx]));
		if (wearer && worn && (wearer->flags & (ART_PERSON | ART_ANIMAL)) &&
		    (worn->flags & ART_WORN)) {
			ps->changes += lang_add_relation(s, REL_ON, idx, who, -1);
			ps->wearer = who; /* "in a blue shirt and jeans" */
		} else if (s->objects[idx].kind == OBJ_RUG && !is_person(s, who) &&
			   (wearer == NULL || !(wearer->flags & ART_ANIMAL))) {
			/* "a bed with red sheets", "a table with a tablecloth": the cloth on it. */
			ps->changes += lang_add_relation(s, REL_ON, idx, who, -1);
		}
	}
	if (idx != ps->cur)
		ps->prev = ps->cur;
	ps->cur = idx;
	ps->post_in = false;
out:
	pending_clear(p);
	ps->post = false;
}

/*
 * "it"/"them": the last object, or for a relation's object the last one that
 * is not its subject; "him"/"she": the last person or animal.
 */
static void on_pronoun(struct parser *ps, int value)
{
	int target;
	if (value == 2 && ps->rel_kind < 0)
		target = lang_last_animate(ps->s);
	else if (ps->rel_kind >= 0)
		target = last_live_except(ps->s, ps->rel_subject, ps->rel_object);
	else
		target = ps->cur >= 0 ? ps->cur : last_live_except(ps->s, -1, -1);
	pending_clear(&ps->p);
	ps->post = false;
	if (target < 0)
		return;
	relation_attach(ps, target);
	if (target != ps->cur)
		ps->prev = ps->cur;
	ps->cur = target;
}

void lang_add_unknown(struct scene *s, const char *word)
{
	if (s->nunknown < 0 || s->nunknown >= RENDER_MAX_UNKNOWN)
		return;
	for (int i = 0; i < s->nunknown; i++) {
		if (strcmp(s->unknown[i], word) == 0)
			return;
	}
	lang_copy_word(s->unknown[s->nunknown], RENDER_WORD_MAX, word);
	s->nunknown++;
}

/*
 * Places with a ground of their own keep it at sunset: the sunset becomes the
 * light (a room's is the evening sun through its window).
 */
static bool sunset_keeps(int set)
{
	return set == SET_BEACH || set == SET_DESERT || set == SET_SNOW || set == SET_FOREST ||
	       set == SET_SKY || set == SET_STREET || set == SET_FIELD || set == SET_ROOM;
}

static void resolve_setting(struct parser *ps)
{
	struct scene *s = ps->s;
	if (!ps->setting_said)
		return;
	int set = ps->base;
	if (ps->city && ps->day && !ps->night) {
		set = SET_STREET;
	} else if (ps->city) {
		set = SET_CITY_NIGHT;
	} else if (ps->night) {
		/* A street at night is the city at night; a room at night is lamp-lit. */
		if (set == SET_STREET) {
			set = SET_CITY_NIGHT;
		} else if (set == SET_ROOM) {
			if (!ps->light_said)
				s->light = LIGHT_CANDLE;
		} else if (set != SET_SPACE && set != SET_UNDERWATER) {
			set = SET_NIGHT;
		}
	} else if (ps->sunset) {
		if (sunset_keeps(set)) {
			if (!ps->light_said)
				s->light = LIGHT_GOLDEN;
		} else {
			set = SET_SUNSET;
		}
	}
	if (set > SET_DEFAULT && set < SET__COUNT)
		s->setting = (enum setting)set;
}

static void on_setting(struct parser *ps, int value)
{
	switch (value) {
	case SET_SUNSET: ps->sunset = true; break;
	case SET_NIGHT: ps->night = true; break;
	case SET_CITY_NIGHT: ps->city = true; break;
	default: ps->base = value; break;
	}
	ps->setting_said = true;
	ps->changes++;
}

/* Opens the relation a token names; it waits for its object. */
static void relation_start(struct parser *ps, const struct token *k)
{
	ps->rel_kind = k->value;
	ps->rel_agent = k->agent;
	ps->rel_implied = k->implied;
	lang_copy_word(ps->rel_text, sizeof ps->rel_text, k->text);
	ps->rel_subject = k->agent ? agent_of(ps) : ps->cur;
	ps->rel_object = -1;
	ps->rel_object2 = -1;
	ps->rel_stage = 0;
	ps->rel_inverse = k->inverse;
	ps->post = false;
}

static bool noun_ahead(const struct token *t, int n, int i, bool determiners);

/* Whether a thing is named from t[i] on: determiners and modifiers, then a noun. */
static bool object_follows(const struct token *t, int n, int i)
{
	return noun_ahead(t, n, i, true);
}

/*
 * An English verb the tables do not know, in -ing or (right after its
 * subject) in -s, done by someone to a thing named right after it ("a man
 * repairing a bike", "a girl feeds a giraffe"): the thing is beside the one
 * doing it, as for "tending", "cleaning". Returns whether the word was taken so.
 */
static bool tending_verb(struct parser *ps, const struct token *t, int n, int i)
{
	const char *w = t[i].text;
	size_t len = strlen(w);
	/* "polishing", or "polishes" right after the one doing it ("a man polishes a car"). */
	bool ing = len >= 5 && strcmp(w + len - 3, "ing") == 0;
	bool s_form = len >= 4 && w[len - 1] == 's' && w[len - 2] != 's' && i > 0 &&
		      (t[i - 1].type == TOK_NOUN || t[i - 1].type == TOK_PRONOUN);
	if (!(ing || s_form) || !art_english(w) || !object_follows(t, n, i + 1) || agent_of(ps) < 0)
		return false;
	struct token k = t[i];
	k.type = TOK_RELATION;
	k.value = REL_NEXT_TO;
	k.agent = true;
	k.after = false;
	k.inverse = false;
	k.implied = -1;
	pending_flush(ps, false);
	relation_finish(ps);
	relation_start(ps, &k);
	return true;
}

/* A word the lexer read as something else ("drink" the verb, "orange" the colour) as its noun. */
static void as_noun(struct parser *ps, const struct token *k)
{
	struct token nt = *k;
	nt.type = TOK_NOUN;
	nt.noun = lang_noun_find(k->text);
	nt.value = (int)lang_noun(nt.noun)->kind;
	nt.plural = false;
	on_noun(ps, &nt);
}

/*
 * Whether the modifiers from t[i] on lead to a noun: "a man in a red shirt"
 * is a red shirt, not a red man, although "in" says what follows describes him.
 */
static bool modifiers_before_noun(const struct token *t, int n, int i)
{
	return noun_ahead(t, n, i, false);
}

/* Whether only modifiers (and, when determiners, "the", "his", "her") stand between t[i] and a
 * noun. */
static bool noun_ahead(const struct token *t, int n, int i, bool determiners)
{
	for (; i < n; i++) {
		switch (t[i].type) {
		case TOK_THE:
		case TOK_STOP: /* "his", "her", "their" */
			if (!determiners)
				return false;
			continue;
		case TOK_COLOR:
		case TOK_MATERIAL:
		case TOK_SIZE:
		case TOK_TRAIT:
		case TOK_COUNT: continue;
		case TOK_NOUN: return true;
		default: return false;
		}
	}
	return false;
}

/*
 * Whether t[i] starts a noun phrase ("a sleeping cat", "two moving trains"),
 * as opposed to a verb that follows its subject ("a train passing a tree").
 */
static bool opens_noun_phrase(const struct token *t, int i)
{
	if (i == 0)
		return true;
	switch (t[i - 1].type) {
	case TOK_COUNT:
	case TOK_THE:
	case TOK_COLOR:
	case TOK_SIZE:
	case TOK_MATERIAL:
	case TOK_TRAIT:
	case TOK_AND:
	case TOK_POST: return true;
	default: return false;
	}
}

static bool hair_next(const struct token *t, int n, int i)
{
	return i < n && t[i].type == TOK_LOOK &&
	       ((t[i].value & 15) == LOOKW_HAIR || (t[i].value & 15) == LOOKW_HAIRED);
}

/* The skin tone of a colour said before "skin" ("brown skin" is a phrase; "white" is too). */
static int skin_of_pending(const struct parser *ps)
{
	const struct color_entry *c = lang_color(ps->p.color);
	return c ? skin_of_color(c->name) : 0;
}

/*
 * A word of how a person looks (TOK_LOOK). What came before "hair" or "skin"
 * (a colour, "golden", "long") is theirs: the colour is drawn, a length is
 * reported as not shown. The look goes to the person named next when a noun
 * follows ("a red haired woman"), else to the last person named ("a woman
 * with red hair").
 */
static void on_look(struct parser *ps, const struct token *t, int n, int i)
{
	struct pending *p = &ps->p;
	const struct token *k = &t[i];
	int kind = k->value & 15, tone = k->value >> 4;
	bool noun_form = false;
	switch (kind) {
	case LOOKW_HAIR_COLOR: /* "blonde", "dark hair" */
		lang_copy_word(p->hair, sizeof p->hair, k->text);
		look_word(p, k->text, LOOKP_HAIR);
		if (hair_next(t, n, i + 1))
			return; /* "blonde hair": the hair word ends it */
		noun_form = tone != 0;
		break;
	case LOOKW_CURLY:
		p->variant |= LOOKV_CURLY;
		look_word(p, k->text, LOOKP_VARIANT);
		if (hair_next(t, n, i + 1))
			return;
		break;
	case LOOKW_SUIT:
		/* A wet suit, a space suit, a swim suit are not a tuxedo. */
		if (i > 0 && (strcmp(t[i - 1].text, "wet") == 0 || strcmp(t[i - 1].text, "space") == 0 ||
			      strcmp(t[i - 1].text, "swim") == 0 || strcmp(t[i - 1].text, "bathing") == 0 ||
			      strcmp(t[i - 1].text, "diving") == 0 || strcmp(t[i - 1].text, "jump") == 0)) {
			lang_add_unknown(ps->s, k->text);
			return;
		}
		p->variant |= LOOKV_SUIT;
		look_word(p, k->text, LOOKP_VARIANT);
		noun_form = true;
		break;
	case LOOKW_BALD:
	case LOOKW_BEARD:
		p->variant |= kind == LOOKW_BALD ? LOOKV_BALD : LOOKV_BEARD;
		look_word(p, k->text, LOOKP_VARIANT);
		if (kind == LOOKW_BEARD && lang_color(p->color) != NULL) {
			/* "a white beard": the artwork's beard is its hair's colour. */
			lang_copy_word(p->hair, sizeof p->hair, lang_color(p->color)->name);
			look_word(p, lang_color(p->color)->name, LOOKP_HAIR);
			p->color = -1;
		}
		noun_form = strcmp(k->text, "beard") == 0 || strcmp(k->text, "beards") == 0;
		break;
	case LOOKW_HAIR:
	case LOOKW_HAIRED: {
		const struct color_entry *c = lang_color(p->color);
		const char *metal = p->material == MAT_GOLD	? "golden"
				    : p->material == MAT_COPPER ? "copper"
				    : p->material == MAT_METAL && strcmp(p->material_text, "silver") == 0
					? "silver"
					: NULL;
		if (c != NULL) {
			lang_copy_word(p->hair, sizeof p->hair, c->name);
			look_word(p, c->name, LOOKP_HAIR);
			p->color = -1;
		} else if (metal != NULL) {
			lang_copy_word(p->hair, sizeof p->hair, metal);
			look_word(p, p->material_text, LOOKP_HAIR);
			p->material = MAT_DEFAULT;
		}
		/* "long hair", "short hair": a length the artwork cannot show. */
		if (p->size_said)
			lang_add_unknown(ps->s, p->size_text);
		for (int j = 0; j < p->ntraits; j++)
			lang_add_unknown(ps->s, p->trait_text[j]);
		p->size_said = false;
		p->ntraits = 0;
		noun_form = kind == LOOKW_HAIR;
		if (!p->look_said) {
			lang_add_unknown(ps->s, k->text); /* "with hair": nothing to draw */
			return;
		}
		break;
	}
	case LOOKW_EYES:
	case LOOKW_EYED: {
		const struct color_entry *c = lang_color(p->color);
		/* "eyes" with no colour, or no person: the artwork of eyes, as before. */
		if (c == NULL || (kind == LOOKW_EYES && !is_person(ps->s, ps->cur))) {
			if (kind == LOOKW_EYES && lang_noun_find("eyes") >= 0)
				as_noun(ps, k);
			else
				lang_add_unknown(ps->s, k->text);
			return;
		}
		lang_copy_word(p->eyes, sizeof p->eyes, c->name);
		look_word(p, c->name, LOOKP_EYES);
		p->color = -1;
		noun_form = kind == LOOKW_EYES;
		break;
	}
	case LOOKW_SKIN:
	case LOOKW_SKINNED:
		if (tone == 0) {
			tone = skin_of_pending(ps);
			if (tone > 0)
				p->color = -1;
		}
		if (tone <= 0 || tone >= SKIN__COUNT) {
			lang_add_unknown(ps->s, k->text);
			return;
		}
		p->skin = tone;
		look_word(p, k->text, LOOKP_SKIN);
		noun_form = kind == LOOKW_SKIN;
		break;
	default: return;
	}
	/* "a red haired woman", "a bearded old man": the person comes next. A noun ("hair",
	 * "a beard") is the last person's, and so are the words before it ("with a"). */
	if (!noun_form && modifiers_before_noun(t, n, i + 1))
		return;
	p->count = 0;
	p->definite = false;
	int who = -1;
	if (ps->cur >= 0 && is_person(ps->s, ps->cur))
		who = ps->cur;
	for (int j = ps->s->nobjects - 1; who < 0 && j >= 0; j--)
		if (is_person(ps->s, j))
			who = j;
	look_apply(ps, who);
}

/*
 * A word for a kind of things, drawn as a few of them: "furniture" is a sofa, a
 * chair and a table; "appliances" a refrigerator, an oven and a microwave. The
 * modifiers said before it go to each ("white appliances"); a relation waiting
 * for its object takes the first.
 */
static bool group_of(struct parser *ps, const char *word)
{
	static const struct {
		const char *word;
		const char *members[3];
	} groups[] = {
		{ "furniture", { "sofa", "chair", "table" } },
		{ "furnishings", { "sofa", "chair", "table" } },
		{ "appliances", { "refrigerator", "oven", "microwave" } },
		{ "appliance", { "refrigerator", "oven", "microwave" } },
		{ "animals", { "cow", "horse", "sheep" } },
		{ "livestock", { "cow", "pig", "sheep" } },
		{ "produce", { "carrot", "tomato", "apple" } },
		{ "veggies", { "carrot", "tomato", "broccoli" } },
		{ "groceries", { "carrot", "apple", "bread" } },
		{ "utensils", { "fork", "knife", "spoon" } },
		{ "silverware", { "fork", "knife", "spoon" } },
		{ "flatware", { "fork", "knife", "spoon" } },
		{ "electronics", { "laptop", "phone", "tv" } },
		{ "devices", { "laptop", "phone", "tv" } },
		{ "gadgets", { "laptop", "phone", "tv" } },
		{ "village", { "house", "house", "house" } },
	};
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		if (strcmp(word, groups[g].word) != 0)
			continue;
		struct pending said = ps->p;
		bool any = false;
		/* "a village": three of one kind are one group of three. */
		bool same = strcmp(groups[g].members[0], groups[g].members[1]) == 0 &&
			    strcmp(groups[g].members[1], groups[g].members[2]) == 0;
		for (int m = 0; m < (same ? 1 : 3); m++) {
			int nn = lang_noun_find(groups[g].members[m]);
			const struct noun_entry *ne = lang_noun(nn);
			if (ne == NULL)
				continue;
			struct token nt;
			memset(&nt, 0, sizeof nt);
			nt.type = TOK_NOUN;
			nt.noun = nn;
			nt.value = (int)ne->kind;
			lang_copy_word(nt.text, sizeof nt.text, groups[g].members[m]);
			ps->p = said;
			ps->p.count = same ? 3 : 1;
			ps->p.definite = false;
			on_noun(ps, &nt);
			any = true;
		}
		return any;
	}
	return false;
}

/*
 * "A busy street", "a crowded beach": a crowd is people there, drawn as a group
 * of people unless people were named already. The modifiers said before the word
 * wait for the noun after it.
 */
static bool crowd_of(struct parser *ps, const char *word)
{
	static const char *const words[] = { "busy", "crowded", "bustling", "packed", "teeming",
					     "thronged", "populated" };
	bool crowd = false;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		crowd = crowd || strcmp(word, words[k]) == 0;
	if (!crowd)
		return false;
	for (int i = 0; i < ps->s->nobjects; i++)
		if (is_person(ps->s, i))
			return true; /* the people are there */
	int nn = lang_noun_find("person");
	const struct noun_entry *ne = lang_noun(nn);
	if (ne == NULL)
		return false;
	struct token nt;
	memset(&nt, 0, sizeof nt);
	nt.type = TOK_NOUN;
	nt.noun = nn;
	nt.value = (int)ne->kind;
	nt.plural = true;
	lang_copy_word(nt.text, sizeof nt.text, ne->singular);
	struct pending said = ps->p;
	int rel = ps->rel_kind;
	pending_clear(&ps->p);
	ps->p.count = 5;
	ps->rel_kind = -1; /* "on a busy street": the relation waits for the street */
	on_noun(ps, &nt);
	ps->rel_kind = rel;
	ps->p = said;
	return true;
}

/*
 * "A cow sculpture", "a bronze horse statue": the thing named just before is a
 * sculpture of it, carved in marble unless a material was said.
 */
static bool sculpture_of(struct parser *ps, const struct token *t, int i)
{
	static const char *const words[] = { "sculpture", "sculptures", "statue", "statues",
					     "statuette", "figurine", "bust" };
	bool said = false;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		said = said || strcmp(t[i].text, words[k]) == 0;
	if (!said || i == 0 || t[i - 1].type != TOK_NOUN || ps->cur < 0)
		return false;
	struct scene_object *o = &ps->s->objects[ps->cur];
	if (o->material == MAT_DEFAULT)
		o->material = MAT_MARBLE;
	ps->changes++;
	return true;
}

/* Whether a count or "the" comes before t[i], past its adjectives: "an empty glass". */
static bool counted_before(const struct token *t, int i)
{
	int j = i - 1;
	while (j >= 0 && (t[j].type == TOK_COLOR || t[j].type == TOK_SIZE ||
			  t[j].type == TOK_ABSTRACT || t[j].type == TOK_STOP))
		j--;
	return j >= 0 && (t[j].type == TOK_COUNT || t[j].type == TOK_THE);
}

/*
 * "A house made of cheese": after "made of", a substance that is a thing is what
 * the last thing is made of. "A chocolate bunny": before another noun, it is what
 * that one is made of (kept pending for it). Returns whether t[i] was taken so.
 */
static bool substance_said(struct parser *ps, const struct token *t, int n, int i)
{
	const struct noun_entry *ne = lang_noun(t[i].noun);
	const struct substance *sb = ne ? substance_of(ne->singular) : NULL;
	if (sb == NULL)
		return false;
	int j = i - 1;
	while (j >= 0 && (t[j].type == TOK_COUNT || t[j].type == TOK_THE))
		j--;
	bool made = j >= 0 && t[j].type == TOK_POST && strcmp(t[j].text, "made") == 0;
	if (made && ps->cur >= 0 && lang_object_live(ps->s, ps->cur)) {
		substance_give(ps, ps->cur, sb);
		pending_clear(&ps->p);
		ps->post = false;
		return true;
	}
	if (!made && i + 1 < n && t[i + 1].type == TOK_NOUN && !t[i].plural) {
		ps->p.substance = sb;
		return true;
	}
	return false;
}

static bool ing_word(const char *w)
{
	size_t len = strlen(w);
	return len >= 5 && strcmp(w + len - 3, "ing") == 0;
}

/* Whether what follows t[i] is, past colours, materials, sizes and traits, a word of how a
 * person looks or one not understood: "long white beard", "long wavy hair". */
static bool look_or_unknown_ahead(const struct token *t, int n, int i)
{
	for (; i < n; i++) {
		if (t[i].type == TOK_COLOR || t[i].type == TOK_MATERIAL || t[i].type == TOK_SIZE ||
		    t[i].type == TOK_TRAIT)
			continue;
		return t[i].type == TOK_LOOK || t[i].type == TOK_UNKNOWN;
	}
	return false;
}

/*
 * A city said by name is drawn as its landmark, unless that was named already:
 * "paris" is the Eiffel Tower, "london" Big Ben. Only cities whose landmark the
 * engine draws.
 */
static bool city_of(struct parser *ps, const char *word)
{
	static const struct {
		const char *city, *landmark;
	} cities[] = {
		{ "paris", "eiffel tower" },	{ "london", "big ben" },
		{ "rome", "colosseum" },	{ "pisa", "leaning tower of pisa" },
		{ "sydney", "sydney opera house" }, { "agra", "taj mahal" },
		{ "beijing", "great wall" },	{ "giza", "pyramid" },
		{ "cairo", "pyramid" },		{ "egypt", "pyramid" },
	};
	for (size_t c = 0; c < sizeof cities / sizeof cities[0]; c++) {
		if (strcmp(word, cities[c].city) != 0)
			continue;
		int nn = lang_noun_find(cities[c].landmark);
		const struct noun_entry *ne = lang_noun(nn);
		/* Indoors ("a cafe in paris") the landmark is not in the picture. */
		if (ne == NULL || ps->base == SET_ROOM)
			return false;
		for (int i = 0; i < ps->s->nobjects; i++)
			if (lang_object_live(ps->s, i) && ps->s->objects[i].kind == ne->kind) {
				ps->changes++;
				return true; /* "the eiffel tower in paris" */
			}
		struct token nt;
		memset(&nt, 0, sizeof nt);
		nt.type = TOK_NOUN;
		nt.noun = nn;
		nt.value = (int)ne->kind;
		lang_copy_word(nt.text, sizeof nt.text, ne->singular);
		struct pending said = ps->p;
		int rel = ps->rel_kind, cur = ps->cur, prev = ps->prev;
		pending_clear(&ps->p);
		ps->rel_kind = -1; /* "a cafe in paris": the city is the place, not the cafe's */
		on_noun(ps, &nt);
		ps->rel_kind = rel;
		ps->p = said;
		/* What is said next still belongs to what was named before the city. */
		ps->cur = cur >= 0 ? cur : ps->cur;
		ps->prev = prev;
		return true;
	}
	return false;
}

/*
 * "Playing a game with a Wii controller": the game is the video game drawn,
 * named before or after the word; decided when the prompt is read (game_decide()).
 */
static bool game_of(struct parser *ps, const char *word)
{
	if (strcmp(word, "game") != 0 && strcmp(word, "games") != 0 && strcmp(word, "gaming") != 0)
		return false;
	lang_copy_word(ps->game_word, sizeof ps->game_word, word);
	return true;
}

static void game_decide(struct parser *ps)
{
	if (!ps->game_word[0])
		return;
	for (int i = 0; i < ps->s->nobjects; i++) {
		const struct art_info *ai = art_info(lang_object_art(&ps->s->objects[i]));
		if (lang_object_live(ps->s, i) && ai &&
		    (strcmp(ai->name, "video game") == 0 || strcmp(ai->name, "joystick") == 0)) {
			ps->changes++;
			return;
		}
	}
	lang_add_unknown(ps->s, ps->game_word);
}

/*
 * "A young beautiful woman", "a young female": the person artwork is a young
 * adult, as "a young woman" is (artgen's synonym); said of anything else, "young"
 * is not shown.
 */
static bool young_of(const struct token *t, int n, int i)
{
	if (strcmp(t[i].text, "young") != 0)
		return false;
	for (int j = i + 1; j < n && j <= i + 4; j++) {
		if (t[j].type == TOK_STOP || t[j].type == TOK_COLOR || t[j].type == TOK_SIZE ||
		    t[j].type == TOK_LOOK || t[j].type == TOK_MOOD)
			continue;
		if (t[j].type != TOK_NOUN || t[j].value != OBJ_ARTWORK)
			return false;
		const struct noun_entry *ne = lang_noun(t[j].noun);
		const struct art_info *ai =
		    ne ? art_info(art_noun_art(art_noun_find(ne->singular))) : NULL;
		return ai && (ai->flags & ART_PERSON) && strncmp(ai->name, "old", 3) != 0;
	}
	return false;
}

/* The last person named, when cur is not one ("a person is kite surfing"), or -1. */
static int last_person(const struct parser *ps)
{
	if (ps->cur >= 0 && is_person(ps->s, ps->cur))
		return -1; /* cur was tried */
	for (int i = ps->s->nobjects - 1; i >= 0; i--)
		if (is_person(ps->s, i))
			return i;
	return -1;
}

/*
 * "A woman and a man talking": people talking with no one named are together,
 * the last two people side by side. Returns whether the word was drawn so.
 */
/* The last two people named (a before b); false when there are fewer than two. */
static bool last_two_people(const struct scene *s, int *a, int *b)
{
	*a = *b = -1;
	for (int i = s->nobjects - 1; i >= 0 && *a < 0; i--) {
		if (!is_person(s, i))
			continue;
		if (*b < 0)
			*b = i;
		else
			*a = i;
	}
	return *a >= 0;
}

static bool talk_of(struct parser *ps, const char *verb)
{
	static const char *const words[] = { "talking", "chatting", "conversing", "talk", "chat",
					     "talks", "chats", "arguing", "gossiping" };
	bool talk = false;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		talk = talk || strcmp(verb, words[k]) == 0;
	if (!talk)
		return false;
	int a, b;
	if (!last_two_people(ps->s, &a, &b))
		return false; /* one person, or one group of them: nothing the word changes */
	ps->changes += lang_add_relation(ps->s, REL_NEXT_TO, a, b, -1);
	return true;
}

/* 'm' for a man's artwork, 'w' a woman's, 'p' anyone else's. */
static char gender_of(const struct scene_object *o)
{
	const struct art_info *ai = art_info(lang_object_art(o));
	if (ai == NULL)
		return 'p';
	if (strncmp(ai->name, "man", 3) == 0 || strncmp(ai->name, "old man", 7) == 0 ||
	    strcmp(ai->name, "boy") == 0)
		return 'm';
	if (strncmp(ai->name, "woman", 5) == 0 || strncmp(ai->name, "old woman", 9) == 0 ||
	    strcmp(ai->name, "girl") == 0)
		return 'w';
	return 'p';
}

/*
 * "A man and a woman holding hands", "two women holding hands": the two people
 * become the artwork of two holding hands (a couple, two men, two women, two
 * people). False when there are not two people to say it of.
 */
static bool hands_held(struct parser *ps)
{
	struct scene *s = ps->s;
	int a, b;
	bool two = last_two_people(s, &a, &b);
	if (b >= 0) {
		/* "a couple holding hands": that artwork holds hands already. */
		const struct art_info *ai = art_info(lang_object_art(&s->objects[b]));
		if (ai && strstr(ai->name, "holding hands")) {
			ps->changes++;
			return true;
		}
		if (s->objects[b].count == 2)
			two = true, a = b; /* a group of two */
	}
	if (!two || s->objects[a].count + (a != b ? s->objects[b].count : 0) != 2)
		return false;
	char ga = gender_of(&s->objects[a]), gb = gender_of(&s->objects[b]);
	const char *pair = ga == 'm' && gb == 'm'   ? "men holding hands"
			   : ga == 'w' && gb == 'w' ? "women holding hands"
			   : (ga == 'm' && gb == 'w') || (ga == 'w' && gb == 'm')
			       ? "couple"
			       : "people holding hands";
	const struct noun_entry *ne = lang_noun(lang_noun_find(pair));
	if (ne == NULL)
		return false;
	struct scene_object *o = &s->objects[a];
	lang_copy_word(o->noun, sizeof o->noun, ne->singular);
	o->count = 1;
	if (b != a) {
		object_merge(s, b, a);
		if (ps->cur == b)
			ps->cur = a;
	}
	ps->changes++;
	return true;
}

/* "Trees in autumn": the trees not given a colour turn orange. */
static void autumn_give(struct parser *ps)
{
	int orange = lang_color_find("orange");
	for (int i = 0; i < ps->s->nobjects; i++) {
		struct scene_object *o = &ps->s->objects[i];
		if (!lang_object_live(ps->s, i) || o->color_name[0] || o->kind != OBJ_TREE)
			continue;
		lang_set_color(o, orange);
		ps->changes++;
	}
}

/* "An old kitchen with a table": the place's age or dirt is its things'. */
static void place_traits_give(struct parser *ps)
{
	if (ps->place_traits == 0)
		return;
	bool given = false;
	for (int i = 0; i < ps->s->nobjects; i++) {
		if (!lang_object_live(ps->s, i))
			continue;
		const struct art_info *ai = art_info(lang_object_art(&ps->s->objects[i]));
		if (ai && (ai->flags & (ART_PERSON | ART_ANIMAL)))
			continue; /* the people and animals in an old room are not old */
		ps->s->objects[i].traits |= ps->place_traits;
		given = true;
	}
	if (given)
		ps->changes++;
	else
		for (int k = 0; k < ps->nplace_words; k++)
			lang_add_unknown(ps->s, ps->place_words[k]);
}

int lang_parse_tokens(struct scene *s, const struct token *t, int n)
{
	return lang_parse_tokens_left(s, t, n, NULL);
}

int lang_parse_tokens_left(struct scene *s, const struct token *t, int n, struct lang_leftover *left)
{
	struct parser ps;
	memset(&ps, 0, sizeof ps);
	ps.s = s;
	ps.left = left;
	if (left) {
		memset(left, 0, sizeof *left);
		left->color = -1;
	}
	ps.cur = -1;
	ps.prev = -1;
	ps.rel_kind = -1;
	ps.base = -1;
	ps.wearer = -1;
	ps.container = -1;
	ps.shape_of = -1;
	ps.held_in = -1;
	pending_clear(&ps.p);
	for (int i = 0; i < n; i++) {
		const struct token *k = &t[i];
		/* "in" waits for its noun across "a", "the" and the noun's modifiers only. */
		if (k->type == TOK_AND && ps.wearer >= 0) {
			ps.post_in = true; /* the list of clothes goes on */
		} else if (k->type != TOK_COUNT && k->type != TOK_THE && k->type != TOK_COLOR &&
			   k->type != TOK_MATERIAL && k->type != TOK_SIZE && k->type != TOK_NOUN) {
			ps.post_in = false;
			ps.wearer = -1;
		}
		/* "a plate with no food", "a cat that is not black", "a man without a hat": what
		 * is negated is left out of the picture, which is what was asked. */
		if (ps.negated) {
			bool content = k->type == TOK_NOUN || k->type == TOK_COLOR ||
				       k->type == TOK_MATERIAL || k->type == TOK_SIZE ||
				       k->type == TOK_TRAIT || k->type == TOK_POSE ||
				       k->type == TOK_EFFECT || k->type == TOK_LOOK;
			bool filler = k->type == TOK_COUNT || k->type == TOK_THE ||
				      (k->type == TOK_STOP && strcmp(k->text, "any") == 0);
			if (content) {
				/* Modifiers say which thing is not there: "no red cars". */
				if (k->type == TOK_NOUN || !modifiers_before_noun(t, n, i + 1)) {
					ps.negated = false;
					pending_clear(&ps.p);
					if (k->type == TOK_NOUN && ps.rel_kind >= 0 && ps.rel_stage == 0)
						ps.rel_kind = -1; /* "with no food on it" */
				}
				ps.changes++;
				continue;
			}
			if (!filler)
				ps.negated = false;
		}
		if ((k->type == TOK_REMOVE && (strcmp(k->text, "no") == 0 ||
					       strcmp(k->text, "without") == 0)) ||
		    (k->type == TOK_STOP && (strcmp(k->text, "not") == 0 ||
					     strcmp(k->text, "never") == 0))) {
			ps.negated = true;
			continue;
		}
		if (k->type == TOK_STOP && (strcmp(k->text, "from") == 0 || strcmp(k->text, "off") == 0))
			ps.from = true;
		if (k->type == TOK_STOP && k->value == 1)
			ps.day = true; /* "by day", "at noon" */
		if (k->type == TOK_STOP && k->value == 2 && ps.cur >= 0)
			ps.shape_of = ps.cur; /* "shaped like" */
		if (k->type == TOK_STOP && k->value == 3 && !hands_held(&ps))
			lang_add_unknown(s, k->text); /* "holding hands" with one person */
		/* "a dog with a red collar", "a man with a hat": worn, as "in" says it. */
		if (k->type == TOK_STOP && strcmp(k->text, "with") == 0 && ps.rel_kind < 0)
			ps.post_in = true;
		switch (k->type) {
		case TOK_COUNT:
			ps.p.count = k->value;
			ps.post = false;
			break;
		case TOK_THE: ps.p.definite = true; break;
		case TOK_COLOR:
			/* "an orange", "three oranges": a colour that is also a thing, counted and
			 * followed by no noun, is the thing. */
			if (i > 0 && (t[i - 1].type == TOK_COUNT || t[i - 1].type == TOK_THE) &&
			    !modifiers_before_noun(t, n, i + 1) && !(i + 1 < n && t[i + 1].type == TOK_POST) &&
			    /* "a white beard", "an orange blanket": the colour is the next word's */
			    !(i + 1 < n && (t[i + 1].type == TOK_LOOK || t[i + 1].type == TOK_UNKNOWN)) &&
			    lang_noun_find(k->text) >= 0) {
				as_noun(&ps, k);
				break;
			}
			/* "in his forties, brown hair": a colour before a word of looks is its. */
			if (ps.post && ps.cur >= 0 && !modifiers_before_noun(t, n, i + 1) &&
			    !(i + 1 < n && t[i + 1].type == TOK_LOOK)) {
				lang_set_color(&s->objects[ps.cur], k->value);
				ps.changes++;
			} else {
				ps.p.color = k->value;
			}
			break;
		case TOK_MATERIAL:
			/* "a glass", "an empty glass": a material that is also a thing, counted
			 * and followed by no noun, is the thing. */
			if (counted_before(t, i) && !modifiers_before_noun(t, n, i + 1) &&
			    !(i + 1 < n && (t[i + 1].type == TOK_POST || t[i + 1].type == TOK_UNKNOWN)) &&
			    lang_noun_find(k->text) >= 0 && !art_noun_weak(art_noun_find(k->text))) {
				as_noun(&ps, k);
				break;
			}
			if (ps.post && ps.cur >= 0 && !modifiers_before_noun(t, n, i + 1)) {
				s->objects[ps.cur].material = (enum material)k->value;
				ps.changes++;
			} else {
				ps.p.material = (enum material)k->value;
				lang_copy_word(ps.p.material_text, sizeof ps.p.material_text, k->text);
			}
			break;
		case TOK_SIZE:
			if (ps.post && ps.cur >= 0 && !modifiers_before_noun(t, n, i + 1)) {
				s->objects[ps.cur].size = (enum size_word)k->value;
				ps.changes++;
			} else {
				ps.p.size = (enum size_word)k->value;
				ps.p.size_said = true;
				lang_copy_word(ps.p.size_text, sizeof ps.p.size_text, k->text);
			}
			break;
		case TOK_NOUN:
			/* "a child building a sandcastle": an -ing word right after someone, with
			 * an object after it, is what they do, not a second thing. */
			if (i > 0 && t[i - 1].type == TOK_NOUN && !k->plural && ing_word(k->text) &&
			    i + 1 < n && (t[i + 1].type == TOK_COUNT || t[i + 1].type == TOK_THE) &&
			    tending_verb(&ps, t, n, i))
				break;
			if (substance_said(&ps, t, n, i))
				break;
			if (!sculpture_of(&ps, t, i)) /* "a horse statue" */
				on_noun(&ps, k);
			break;
		case TOK_PRONOUN: on_pronoun(&ps, k->value); break;
		case TOK_AND:
			pending_flush(&ps, true);
			ps.post = false;
			/* "between two spheres and a cone": two spheres are both ends already. */
			if (ps.rel_kind == REL_BETWEEN && ps.rel_stage == 1) {
				if (ps.rel_object >= 0 && s->objects[ps.rel_object].count >= 2)
					relation_finish(&ps);
				else
					ps.rel_stage = 2;
			}
			break;
		case TOK_POST:
			/* "a red colored car": the colour waits for its noun. */
			if ((strcmp(k->text, "colored") == 0 || strcmp(k->text, "coloured") == 0) &&
			    ps.p.color >= 0 && modifiers_before_noun(t, n, i + 1))
				break;
			pending_flush(&ps, false);
			ps.post = true;
			ps.post_in = strcmp(k->text, "in") == 0;
			if (strcmp(k->text, "of") == 0 && ps.cur >= 0 && i > 0 && t[i - 1].type == TOK_NOUN &&
			    container_noun(s->objects[ps.cur].noun))
				ps.container = ps.cur;
			/* "a dog in a teacup", "a sphere inside a box": waits for its container. */
			if ((strcmp(k->text, "in") == 0 || strcmp(k->text, "inside") == 0) && ps.cur >= 0)
				ps.held_in = ps.cur;
			break;
		case TOK_RELATION:
			/* "holding her drink": an action waiting for its object takes a word
			 * that is a verb and a noun as the noun. */
			if (ps.rel_kind >= 0 && ps.rel_agent && ps.rel_stage == 0 && ps.rel_object < 0 &&
			    k->agent && !k->after && lang_noun_find(k->text) >= 0 &&
			    (i + 1 >= n || (t[i + 1].type != TOK_NOUN && t[i + 1].type != TOK_COUNT &&
					    t[i + 1].type != TOK_THE))) {
				as_noun(&ps, k);
				break;
			}
			pending_flush(&ps, false);
			relation_finish(&ps);
			if (k->after) {
				/* "a man with a sword in hand": the man holds the sword; "a snail with
				 * a house on its back": the house is on the snail (inverse). */
				if (ps.prev >= 0 && ps.cur >= 0)
					ps.changes += lang_add_relation(
					    s, (enum relation_kind)k->value, k->inverse ? ps.cur : ps.prev,
					    k->inverse ? ps.prev : ps.cur, -1);
				ps.post = false;
				break;
			}
			relation_start(&ps, k);
			break;
		case TOK_SETTING:
		case TOK_LIGHT:
		case TOK_CAMERA:
		case TOK_STYLE:
		case TOK_NOSTYLE:
		case TOK_POSITION:
			pending_flush(&ps, false);
			ps.post = false;
			/* "on a beach": the "on" never had an object (an action may imply one). */
			if (ps.rel_kind >= 0 && ps.rel_stage == 0 && !ps.rel_agent)
				ps.rel_kind = -1;
			/* "watching the sunset", "looking at the sea": what is looked at or
			 * kept company is the place itself, and the place is drawn. */
			if (ps.rel_kind == REL_NEXT_TO && ps.rel_stage == 0 && ps.rel_agent &&
			    k->type == TOK_SETTING && ps.rel_subject >= 0)
				ps.rel_kind = -1;
			relation_finish(&ps);
			if (k->type == TOK_SETTING) {
				on_setting(&ps, k->value);
			} else if (k->type == TOK_LIGHT) {
				s->light = (enum light)k->value;
				ps.light_said = true;
				ps.changes++;
			} else if (k->type == TOK_CAMERA) {
				s->camera = (enum camera)k->value;
				ps.changes++;
			} else if (k->type == TOK_STYLE) {
				lang_copy_word(s->style, sizeof s->style, k->style ? k->style : "");
				ps.changes++;
			} else if (k->type == TOK_NOSTYLE) {
				s->style[0] = '\0';
				ps.changes++;
			} else if (ps.cur >= 0) {
				s->objects[ps.cur].position_hint = k->value;
				ps.changes++;
			}
			break;
		case TOK_POSE:
			/* "a frisbee in the air": the last thing named is off the ground (a
			 * jump it has stays), not the one who threw it. */
			if (k->value == POSE__COUNT) {
				if (ps.cur >= 0 && lang_object_live(s, ps.cur)) {
					if (s->objects[ps.cur].pose == POSE_NONE)
						s->objects[ps.cur].pose = POSE_FLY;
					ps.changes++;
				} else {
					lang_add_unknown(s, k->text);
				}
				break;
			}
			/* "a flying car" waits for its noun; "birds flying", "a man in a red
			 * shirt jumping" is the last one named (the wearer, not the shirt). */
			if (modifiers_before_noun(t, n, i + 1)) {
				ps.p.pose = (enum pose)k->value;
			} else {
				int who = agent_of(&ps);
				if (who >= 0) {
					s->objects[who].pose = (enum pose)k->value;
					ps.changes++;
				} else {
					lang_add_unknown(s, k->text);
				}
			}
			break;
		case TOK_TRAIT:
			/* "an old car" waits for its noun; "a train passing" is the last one
			 * named, the one doing it for a verb ("a man in a hat walking"). */
			if (modifiers_before_noun(t, n, i + 1) &&
			    (!(k->value == TRAIT_MOVING || k->value == TRAIT_LYING) ||
			     opens_noun_phrase(t, i))) {
				if (ps.p.ntraits < 4) {
					ps.p.trait[ps.p.ntraits] = (unsigned)k->value;
					lang_copy_word(ps.p.trait_text[ps.p.ntraits],
						       sizeof ps.p.trait_text[0], k->text);
					ps.p.ntraits++;
				}
			} else {
				bool verb = k->value == TRAIT_MOVING || k->value == TRAIT_LYING;
				int who = verb ? agent_of(&ps) : ps.cur;
				/* "a woman with long hair": the adjective is the unknown word's, not
				 * the woman's. */
				bool of_unknown = !verb && look_or_unknown_ahead(t, n, i + 1);
				if (who >= 0 && !of_unknown) {
					trait_apply(&ps, who, (unsigned)k->value, k->text);
				} else if (who < 0 && !of_unknown &&
					   (k->value == TRAIT_OLD || k->value == TRAIT_DIRTY)) {
					ps.place_traits |= (unsigned)k->value;
					if (ps.nplace_words < 4)
						lang_copy_word(ps.place_words[ps.nplace_words++],
							       RENDER_WORD_MAX, k->text);
				} else {
					lang_add_unknown(s, k->text);
				}
			}
			break;
		case TOK_LOOK: on_look(&ps, t, n, i); break;
		case TOK_EFFECT:
			s->effects |= (unsigned)k->value;
			ps.changes++;
			break;
		case TOK_MOOD:
			lang_copy_word(s->mood, sizeof s->mood, lang_mood(k->value));
			ps.changes++;
			/* The autumn phrases ("autumn", "in autumn", "fall foliage") start so. */
			if (strcmp(k->text, "autumn") == 0 || strcmp(k->text, "autumnal") == 0 ||
			    strcmp(k->text, "fall") == 0 ||
			    (strcmp(k->text, "in") == 0 && strcmp(lang_mood(k->value), "cozy") == 0))
				ps.autumn = true;
			break;
		case TOK_UNKNOWN:
			if (pose_of(&ps, ps.cur, k->text) || pose_of(&ps, last_person(&ps), k->text) ||
			    talk_of(&ps, k->text) || sculpture_of(&ps, t, i) || city_of(&ps, k->text) ||
			    game_of(&ps, k->text) || young_of(t, n, i))
				break;
			if (place_of(&ps, k->text) || tending_verb(&ps, t, n, i) || group_of(&ps, k->text) ||
			    crowd_of(&ps, k->text))
				break;
			lang_add_unknown(s, k->text);
			ps.p.before_unknown = ps.p.color >= 0 || ps.p.material != MAT_DEFAULT ||
					      ps.p.size_said || ps.p.count > 0;
			break;
		default: break;
		}
	}
	pending_flush(&ps, false);
	relation_finish(&ps);
	resolve_setting(&ps);
	place_traits_give(&ps);
	if (ps.autumn)
		autumn_give(&ps);
	game_decide(&ps);
	return ps.changes;
}
