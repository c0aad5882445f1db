/*
 * language: the internals shared by the engine's language half (lexicon,
 * parser, enhancer, describer, editor, scene JSON). Not a public header:
 * app/render/render.h is the contract; this file only lets the six sources
 * share one lexicon and one idea of "what enhancement would choose".
 *
 * Text flows one way: lang_lex() turns UTF-8 into tokens (words matched
 * against the phrase tables, longest match first), the parser and the
 * editor walk the tokens. Nothing here allocates except lang_lex(), whose
 * token array the caller frees with free().
 */
#ifndef IMAGES_RENDER_LANGUAGE_H
#define IMAGES_RENDER_LANGUAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "render.h"

#define LANG_MAX_INPUT 4000 /* bytes of prompt or follow-up */

enum tok_type {
	TOK_STOP,      /* understood, carries nothing: "the"-less filler ("with", "picture") */
	TOK_UNKNOWN,   /* text holds the lowercased word */
	TOK_NOUN,      /* value: enum object_kind; noun: index into the noun table */
	TOK_COLOR,     /* value: index into the colour table */
	TOK_MATERIAL,  /* value: enum material */
	TOK_SIZE,      /* value: enum size_word */
	TOK_COUNT,     /* value: 1..RENDER_MAX_COUNT; indefinite for "a", "an", "another" */
	TOK_THE,       /* definite: "the", "this", "that" */
	TOK_PRONOUN,   /* value 0: "it", 1: "them", "all", "both", 2: "him", "she" (a person or animal) */
	TOK_AND,
	TOK_POST,      /* "made of", "in", "of": what follows describes the last object */
	TOK_RELATION,  /* value: enum relation_kind; inverse for "surrounded by" */
	TOK_SETTING,   /* value: enum setting (SET_SUNSET and SET_NIGHT combine with others) */
	TOK_LIGHT,     /* value: enum light */
	TOK_CAMERA,    /* value: enum camera */
	TOK_STYLE,     /* style: the preset id */
	TOK_NOSTYLE,   /* "no style", "realistic" */
	TOK_MOOD,      /* value: index into the mood table */
	TOK_POSITION,  /* value: -1 left, 0 centre, +1 right */
	TOK_ADD,       /* edit verbs; plain filler when parsing a prompt */
	TOK_REMOVE,
	TOK_MOVE,
	TOK_MAKE,
	TOK_BIGGER,
	TOK_SMALLER,
	TOK_MORE,
	TOK_ABSTRACT,  /* "abstract", "composition": the describer's own words */
	TOK_POSE,      /* value: enum pose; "jumping", "flying" */
	TOK_TRAIT,     /* value: one enum trait bit; "old", "walking", "sleeping" */
	TOK_EFFECT,    /* value: one enum effect bit; "in the rain", "blurry" */
	TOK_LOOK,      /* value: enum look_word | skin tone << 4: "hair", "dark skinned", "bald" */
};

/* Words of how a person looks (TOK_LOOK). */
enum look_word {
	LOOKW_HAIR,	  /* "hair": what came before it ("red", "long") is the hair's */
	LOOKW_HAIRED,	  /* "haired": the same, said of the person named next ("red haired woman") */
	LOOKW_HAIR_COLOR, /* "blonde", "ginger": a hair colour by itself; the token's text names it */
	LOOKW_SKIN,	  /* "skin", "pale skin" (tone in value >> 4) */
	LOOKW_SKINNED,	  /* "skinned", "dark skinned" */
	LOOKW_BALD,	  /* "bald": the artwork of a bald one */
	LOOKW_BEARD,	  /* "beard", "bearded": the artwork of a bearded one */
	LOOKW_CURLY,	  /* "curly", "curly haired": the artwork with curly hair */
	LOOKW_EYES,	  /* "eyes": a colour before it is the eyes' ("blue eyes") */
	LOOKW_EYED,	  /* "eyed": the same, said of the person named next ("blue eyed girl") */
	LOOKW_SUIT,	  /* "suit", "tuxedo": the artwork of one in a tuxedo */
};

struct token {
	enum tok_type type;
	int value;
	int noun;          /* TOK_NOUN: index into the noun table */
	bool plural;       /* TOK_NOUN said in the plural */
	bool indefinite;   /* TOK_COUNT from "a", "an" */
	bool inverse;      /* TOK_RELATION: subject and object swap ("surrounded by") */
	bool agent;        /* TOK_RELATION: an action ("holding"), done by a person or animal */
	bool after;        /* TOK_RELATION: relates the object before the last to the last ("in hand") */
	int implied;       /* TOK_RELATION: noun index it implies without an object ("reading"), -1 */
	const char *style; /* TOK_STYLE: the preset id (static storage) */
	char text[RENDER_WORD_MAX]; /* the first word of the match, lowercased */
};

struct noun_entry {
	const char *singular, *plural;
	enum object_kind kind;
};

struct color_entry {
	const char *name;
	struct rgb rgb;
};

/*
 * Splits text (UTF-8, at most LANG_MAX_INPUT bytes) into tokens. On success
 * *out (free() it) holds *n tokens and 0 is returned; -1 for invalid UTF-8,
 * text too long, or no memory. Words longer than RENDER_WORD_MAX - 1 bytes
 * are cut at a character boundary.
 */
int lang_lex(const char *text, struct token **out, int *n);

const struct noun_entry *lang_noun(int idx);
/*
 * Noun indices past the built-in table are the open vocabulary's
 * (artwork.h): kind OBJ_ARTWORK, the artwork named by the singular.
 */
/* Whether o is the thing ne names (same kind; for artwork, the same artwork). */
bool lang_same_thing(const struct scene_object *o, const struct noun_entry *ne);
/* The artwork o shows (OBJ_ARTWORK), or -1. */
int lang_object_art(const struct scene_object *o);
/* The noun table index whose singular is word, or -1. */
int lang_noun_find(const char *word);
/* The plural the describer writes for a noun (falls back to the kind's name + "s"). */
const char *lang_noun_plural(const char *singular, enum object_kind kind);

const struct color_entry *lang_color(int idx);
int lang_color_find(const char *name);

/* The canonical mood adjectives ("vibrant"); NULL past the end. */
const char *lang_mood(int idx);
int lang_mood_count(void);

const char *lang_count_word(int n); /* "two".."ten" */
const char *lang_size_name(enum size_word s);
const char *lang_light_name(enum light l);   /* "golden hour light" */
const char *lang_camera_name(enum camera c); /* "top-down view" */
const char *lang_setting_phrase(enum setting s); /* "on white background" */

/* Stable ids for JSON: "studio", "golden", "topdown", "tiny". */
const char *lang_setting_id(enum setting s);
const char *lang_light_id(enum light l);
const char *lang_camera_id(enum camera c);
const char *lang_size_id(enum size_word s);
/* "jumping", "flying"; NULL for POSE_NONE. Also the JSON id. */
const char *lang_pose_name(enum pose p);
int lang_pose_from_name(const char *name);
/* The trait bit named ("old"), or 0. */
unsigned lang_trait_from_name(const char *name);
/* The effect bit named ("rain"), or 0; the phrase the describer writes for one ("in the rain"). */
unsigned lang_effect_from_name(const char *name);
const char *lang_effect_phrase(unsigned effect);
int lang_setting_from_id(const char *id);
int lang_light_from_id(const char *id);
int lang_camera_from_id(const char *id);
int lang_size_from_id(const char *id);
int lang_object_from_name(const char *name);
int lang_material_from_name(const char *name);
int lang_relation_from_name(const char *name);

/* ---- how a person looks (looks.c) ---- */

/* A hair colour's sRGB (0xRRGGBB): "red", "blonde", "silver", or any colour of the table; -1
 * for a word that is none. */
long lang_hair_color(const char *name);
/* Skin tones' ids for JSON and the describer ("medium dark"); NULL for SKIN_NONE. */
const char *lang_skin_id(int skin);
int lang_skin_from_id(const char *id);
/* Whether the artwork has hair, skin or eyes in the colours a look is drawn over. */
bool lang_art_has_hair(int art);
bool lang_art_has_skin(int art);
bool lang_art_has_eyes(int art);
struct art_recolor;
/* The colour swaps that draw o's hair and skin as said (rc->n = 0: none). */
void lang_look_recolor(const struct scene_object *o, struct art_recolor *rc);

/* Bounded copy that never splits a UTF-8 sequence; always terminates. */
void lang_copy_word(char *dst, size_t dstlen, const char *src);

/* ---- text written in a prompt (quote.c) ---- */

#define LANG_MAX_QUOTES 16

struct lang_quote {
	size_t start, end;  /* the text with its quote marks, bytes of the prompt */
	size_t prefix;	    /* where the words introducing it start ("saying") */
	const char *intro;  /* those words (static), NULL: none */
	bool forward;	    /* written on what follows: "the word 'hi' written on a board" */
	bool too_long;	    /* more than RENDER_TEXT_MAX - 1 bytes */
	char text[RENDER_TEXT_MAX]; /* as written, white space made single spaces */
};

/*
 * Finds the texts of prompt (at most maxq) into q, in the order written, and
 * copies prompt into b (cap bytes) with each text, its quote marks and the
 * words that introduce it made spaces, for the lexer. Returns how many, -1
 * when b is too small.
 */
int lang_quotes_find(const char *prompt, char *b, size_t cap, struct lang_quote *q, int maxq);
/*
 * Writes each text on its object in s (parsed from b): the surface it names
 * or the one named last before it, else a text object of its own. Text that
 * cannot be shown goes to s->unknown in quotes. first >= 0 (an edit): only
 * objects from first on are candidates. Returns how many were placed.
 */
int lang_quotes_place(struct scene *s, const char *b, const struct lang_quote *q, int nq, int first);
/* A follow-up that changes what is written ("make it say 'CLOSED'"): 1 when s changed, 0 not
 * such an edit, -1 invalid. */
int lang_quotes_edit(struct scene *s, const char *followup, const struct lang_quote *q, int nq,
		     const char *b);
/* Whether text can be written on o (a sign kind, a shirt, a cake, a book, a mug, a shop). */
bool lang_writable(const struct scene_object *o);

/* ---- what enhancement would choose (enhance.c) ---- */

enum material lang_natural_material(enum object_kind k);
/* The colour a kind usually has ("white" for a cloud), or NULL. */
const char *lang_natural_color(enum object_kind k);
/* The colour a material implies ("gold", "silver", "brown"), or NULL. */
const char *lang_material_color(enum material m);
enum material lang_effective_material(const struct scene_object *o);
enum setting lang_suited_setting(const struct scene *s);
enum light lang_suited_light(const struct scene *s);
enum camera lang_suited_camera(const struct scene *s);
const char *lang_suited_mood(const struct scene *s);
/*
 * Undoes the choices enhancement made that an edit may invalidate: fields
 * equal to what enhancement would choose go back to "not said", so the next
 * render_enhance() chooses again for the edited scene. User-chosen values
 * that differ from the automatic choice stay.
 */
void lang_unenhance(struct scene *s);

/* ---- parser core, shared with the editor (parse.c) ---- */

void lang_scene_init(struct scene *s);
/* Whether object i exists and was not removed. */
bool lang_object_live(const struct scene *s, int i);
/* How many object slots s uses, clamped to 0..RENDER_MAX_OBJECTS. */
int lang_object_count(const struct scene *s);
/* Reports a word the engine does not show (once; the list is bounded). */
void lang_add_unknown(struct scene *s, const char *word);
void lang_set_color(struct scene_object *o, int color_idx);
/*
 * Reads tokens into s, adding objects, relations and scene fields; objects
 * named with "the" refer to existing ones. Returns how many things it set.
 */
int lang_parse_tokens(struct scene *s, const struct token *t, int n);
/*
 * A colour or material said with nothing named to take it ("the word 'hi' in red":
 * the quote was taken out of the words). lang_parse_tokens() reports such words as
 * not understood; lang_parse_tokens_left() hands them back instead, for the text
 * that quote becomes (render_parse()).
 */
struct lang_leftover {
	int color; /* colour table index, -1 none */
	enum material material;
	char material_word[RENDER_WORD_MAX];
};
int lang_parse_tokens_left(struct scene *s, const struct token *t, int n,
			   struct lang_leftover *left);
/* Adds a relation unless it is invalid or already there; 1 when added. */
int lang_add_relation(struct scene *s, enum relation_kind k, int subject, int object, int object2);
/* The last live person or animal (artwork, robot, snowman), else the last live object; -1. */
int lang_last_animate(const struct scene *s);
/* Whether a relation kind is an action a person or animal does (holding, riding). */
bool lang_relation_action(enum relation_kind k);
/* Drops relations that name removed objects. */
void lang_prune_relations(struct scene *s);

/* ---- from a prompt to a scene (prompt.c), above the parser and quote.c ---- */

/* Takes out text-alone objects ("a logo") that got no text, reporting their noun. */
void lang_drop_empty_titles(struct scene *s);

#endif
