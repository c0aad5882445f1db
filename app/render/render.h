/*
 * render: the built-in image engine. A prompt becomes a scene, the scene an
 * image, with no network and no model weights.
 *
 *   struct scene s;
 *   render_parse("a red cube left of a blue sphere", &s);  // what the words say
 *   render_enhance(&s, seed);                               // fill what they left open
 *   render_describe(&s, text, sizeof text);                 // "Vibrant red cube left of ..."
 *   render_edit(&s, "make it bigger");                      // follow-ups change the scene
 *   render_image(&s, &opts, &img);                          // pixels, with progress + previews
 *
 * The engine does not depend on the web layer. struct scene is plain data,
 * copied by value, with fixed-size arrays: nothing in it is allocated and
 * nothing needs freeing. render_image() allocates the output pixels (freed
 * with image_rgba_free()) and at most RENDER_MAX_BYTES of working memory.
 *
 * Everything is deterministic: the same scene, options and seed give the
 * same bytes on every run and with any thread count.
 */
#ifndef IMAGES_RENDER_H
#define IMAGES_RENDER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "image.h"

#define RENDER_ENGINE_VERSION "builtin-1"
#define RENDER_MAX_OBJECTS 16   /* distinct object groups in a scene */
#define RENDER_MAX_COUNT 10     /* instances in one group ("ten cubes") */
#define RENDER_MAX_RELATIONS 16
#define RENDER_MAX_UNKNOWN 16
#define RENDER_WORD_MAX 32
#define RENDER_TEXT_CHARS 64  /* characters of text written on one object ("OPEN") */
#define RENDER_TEXT_MAX 256   /* its bytes, UTF-8, with the terminating NUL */
#define RENDER_MIN_SIDE 64
#define RENDER_MAX_SIDE 2048
#define RENDER_MAX_BYTES (128u << 20) /* working memory bound for a 2048 x 2048 render */

/* The six primitives, then the composite objects built from them. */
enum object_kind {
	OBJ_CUBE, OBJ_SPHERE, OBJ_CYLINDER, OBJ_CONE, OBJ_TORUS, OBJ_PYRAMID,
	OBJ_TREE, OBJ_HOUSE, OBJ_SNOWMAN, OBJ_CUP, OBJ_TABLE, OBJ_CHAIR, OBJ_LAMP, OBJ_MUSHROOM,
	OBJ_FLOWER, OBJ_CACTUS, OBJ_ROCKET, OBJ_ROBOT, OBJ_CAR, OBJ_BOAT, OBJ_LIGHTHOUSE,
	OBJ_CASTLE, OBJ_PLANET, OBJ_MOON, OBJ_SUN, OBJ_CLOUD, OBJ_MOUNTAIN, OBJ_ROCK, OBJ_CANDLE,
	OBJ_BOTTLE, OBJ_VASE, OBJ_APPLE, OBJ_CAKE, OBJ_HEART, OBJ_UMBRELLA, OBJ_TEAPOT, OBJ_BENCH,
	OBJ_TOWER, OBJ_BRIDGE, OBJ_WINDMILL, OBJ_TENT, OBJ_BALLOON, OBJ_GIFT, OBJ_FENCE,
	OBJ_LOLLIPOP, OBJ_STAR,
	OBJ_ARTWORK, /* open vocabulary: emoji artwork named by the noun (app/render/artwork.h) */
	/* Everyday rooms and streets; after OBJ_ARTWORK so no earlier value moves. */
	OBJ_FRIDGE, OBJ_OVEN, OBJ_MICROWAVE, OBJ_SINK, OBJ_COUNTER, OBJ_HYDRANT, OBJ_BOOKSHELF,
	OBJ_CABINET, OBJ_RUG, OBJ_PILLOW,
	OBJ_SIGN,    /* a surface for text: sign, board, banner, poster, or the text alone */
	/* Famous places, drawn as seen from a distance at their real proportions. */
	OBJ_EIFFEL_TOWER, OBJ_BIG_BEN, OBJ_GOLDEN_GATE, OBJ_TAJ_MAHAL, OBJ_SYDNEY_OPERA_HOUSE,
	OBJ_COLOSSEUM, OBJ_LEANING_TOWER, OBJ_STONEHENGE,
	/* Everyday things no artwork shows, drawn from parts. */
	OBJ_SURFBOARD, OBJ_PARKING_METER, OBJ_TOASTER, OBJ_HAIR_DRYER, OBJ_RAMP,
	OBJ_GREAT_WALL, /* a famous place too, appended so no earlier value moves */
	OBJ_DISHWASHER, OBJ_WASHING_MACHINE, OBJ_WATERFALL, OBJ_FIREPLACE, OBJ_BRANCH,
	OBJ__COUNT
};

enum material {
	MAT_DEFAULT = 0, /* not said: enhancement picks one that suits the object */
	MAT_MATTE, MAT_GLOSSY, MAT_METAL, MAT_GOLD, MAT_GLASS, MAT_WOOD, MAT_MARBLE, MAT_STONE,
	MAT_RUBBER, MAT_GLOW, MAT_PLASTIC, MAT_CERAMIC, MAT_FABRIC,
	MAT_LEATHER, MAT_PAPER, MAT_ICE, MAT_BRONZE, MAT_COPPER,
	MAT__COUNT
};

enum size_word { SIZE_DEFAULT = 0, SIZE_TINY, SIZE_SMALL, SIZE_LARGE, SIZE_HUGE };

enum relation_kind {
	REL_LEFT_OF, REL_RIGHT_OF, REL_ABOVE, REL_BELOW, REL_ON, REL_UNDER, REL_IN_FRONT_OF,
	REL_BEHIND, REL_NEXT_TO, REL_BETWEEN, REL_AROUND,
	REL_HOLDING, /* subject holds object at its hand ("carrying", "reading", "playing" a guitar) */
	REL_RIDING,  /* subject sits on object's back or seat ("riding a horse", "on the back of") */
	REL__COUNT
};

enum setting {
	SET_DEFAULT = 0, SET_STUDIO /* white background */, SET_SKY, SET_SUNSET, SET_NIGHT, SET_SPACE,
	SET_BEACH, SET_SNOW, SET_FOREST, SET_DESERT, SET_UNDERWATER, SET_CITY_NIGHT, SET_TABLETOP,
	SET_STREET /* by day */, SET_ROOM /* indoors: floor and wall */, SET_FIELD /* open grass */,
	SET__COUNT
};

enum light {
	LIGHT_DEFAULT = 0, LIGHT_SOFT, LIGHT_DRAMATIC, LIGHT_GOLDEN, LIGHT_NEON, LIGHT_CANDLE,
	LIGHT__COUNT
};

enum camera {
	CAM_DEFAULT = 0, CAM_FRONT, CAM_CLOSEUP, CAM_WIDE, CAM_TOPDOWN, CAM_ISOMETRIC, CAM_LOWANGLE,
	CAM__COUNT
};

struct rgb {
	float r, g, b; /* linear light, 0..1 */
};

/* How a thing is off the ground, said by a verb: "jumping", "flying". */
enum pose { POSE_NONE = 0, POSE_JUMP, POSE_FLY, POSE__COUNT };

/*
 * How a thing is, beyond colour, material and size, said by an adjective or a
 * verb; each one changes the picture. Bits of scene_object.traits.
 */
enum trait {
	TRAIT_MOVING = 1u << 0, /* "walking", "driving", "passing": speed streaks trail it */
	TRAIT_LYING = 1u << 1,	/* "sleeping", "lying": a person or animal on its side */
	TRAIT_OLD = 1u << 2,	/* "old", "rusty", "antique": faded and yellowed; an old man */
	TRAIT_DIRTY = 1u << 3,	/* "dirty", "muddy", "messy": grime over it */
	TRAIT_LONG = 1u << 4,	/* "long", "wide", "fat": stretched sideways */
	TRAIT_THIN = 1u << 5,	/* "thin", "skinny", "narrow": squeezed sideways */
	TRAIT_EATEN = 1u << 6,	/* "half eaten", "bitten": a bite out of it (artwork) */
	TRAIT_ROW = 1u << 7,	/* "in a row", "lined up": a group in one row, however many */
	TRAIT_TRIANGLE = 1u << 8, /* "triangular": artwork cut to a triangle */
	TRAIT_ROUND = 1u << 9,	  /* "round", "circular": artwork cut to a circle */
};
#define TRAIT__COUNT 10

/* A person's skin as said ("dark skin", "a pale woman"): scene_object.skin. */
enum skin {
	SKIN_NONE,	   /* not said: the artwork's own */
	SKIN_LIGHT,	   /* "pale", "fair", "light", "white" */
	SKIN_MEDIUM_LIGHT, /* "olive", "tan", "tanned" */
	SKIN_MEDIUM,	   /* "brown" */
	SKIN_MEDIUM_DARK,  /* "dark" */
	SKIN_DARK,	   /* "black", "very dark" */
};
#define SKIN__COUNT 6

/* What the air or the lens does to the whole picture: bits of scene.effects. */
enum effect {
	FX_RAIN = 1u << 0,  /* "in the rain": streaks of rain, a greyer day */
	FX_FOG = 1u << 1,   /* "foggy", "misty", "haze": distance fades into grey */
	FX_BLUR = 1u << 2,  /* "blurry", "out of focus": the whole picture soft */
	FX_BOKEH = 1u << 3, /* "bokeh", "depth of field": the background soft, the subject sharp */
};
#define FX__COUNT 4

/* One group of identical objects: "three small glossy red cubes". */
struct scene_object {
	enum object_kind kind;
	char noun[RENDER_WORD_MAX];       /* the word used, singular: "cube", "box", "mug" */
	char color_name[RENDER_WORD_MAX]; /* "" when not said (enhancement may fill it) */
	struct rgb color;                 /* meaningful when color_name is not "" */
	enum material material;
	enum size_word size;
	float scale;                      /* 1 = natural size; edits ("bigger") multiply it */
	int count;                        /* 1..RENDER_MAX_COUNT */
	int position_hint;                /* -1 left, 0 none, +1 right: from "move it to the left" */
	bool removed;                     /* removed by an edit; kept so indices stay stable */
	enum pose pose;                   /* off the ground: "a dog jumping", "a bird flying" */
	unsigned traits;                  /* enum trait bits: "an old boat", "a cat sleeping" */
	/* Text written on it, UTF-8 in the prompt's case ("OPEN"), "" for none; at most
	 * RENDER_TEXT_CHARS characters. Signs, boards, shirts, cakes, books, mugs, shops. */
	char text[RENDER_TEXT_MAX];
	/* A person's hair colour as said ("red", "blonde", "pink"), "" for the artwork's own;
	 * and skin (enum skin). Both are drawn by recolouring the artwork's hair and skin. */
	char hair[RENDER_WORD_MAX];
	int skin;
	char eyes[RENDER_WORD_MAX]; /* eye colour as said ("blue"), "" for the artwork's own */
};

/* subject REL object (object2 only for REL_BETWEEN): indices into objects[]. */
struct scene_relation {
	enum relation_kind kind;
	int subject, object, object2;
};

struct scene {
	struct scene_object objects[RENDER_MAX_OBJECTS];
	int nobjects;
	struct scene_relation relations[RENDER_MAX_RELATIONS];
	int nrelations;
	enum setting setting;
	enum light light;
	enum camera camera;
	char style[RENDER_WORD_MAX];      /* a style preset id, "" for none */
	char mood[RENDER_WORD_MAX];       /* the mood adjective enhancement chose: "vibrant" */
	unsigned effects;                 /* enum effect bits: "in the rain", "blurry" */
	/* Words of the prompt the engine did not understand, in order. */
	char unknown[RENDER_MAX_UNKNOWN][RENDER_WORD_MAX];
	int nunknown;
	bool abstract;                    /* nothing understood: an abstract composition */
	uint32_t palette_seed;            /* colours an abstract composition from its words */
	bool enhanced;                    /* render_enhance() has run */
};

/* ---- language ---- */

/*
 * Parses an English prompt (UTF-8, at most 4000 bytes) into a fresh scene.
 * Returns 0; -1 only for invalid input (not UTF-8, too long). Words that are
 * not understood land in scene.unknown; a prompt with no object gets
 * scene.abstract. Quoted text ("a sign saying 'OPEN'", "the word \"hi\"") is
 * written on the object it names, or on a text object of its own; text that
 * cannot be shown (too long, no font for its script) lands in scene.unknown
 * in quotes.
 */
int render_parse(const char *prompt, struct scene *out);

/*
 * Fills what the prompt left open (setting, light, camera, colours,
 * materials, mood) with choices that suit the scene; deterministic for a
 * given seed, and idempotent: a second call changes nothing.
 */
void render_enhance(struct scene *s, uint32_t seed);

/*
 * The English sentence that describes exactly what will be rendered: the
 * enhanced prompt. "a blue cube" enhanced gives "Vibrant blue cube on white
 * background". Parsing the description and enhancing gives the same scene
 * (idempotence). Returns its length, or -1 when out is too small.
 */
int render_describe(const struct scene *s, char *out, size_t outlen);

/*
 * Applies a follow-up ("make it red", "add two spheres", "remove the tree",
 * "now at night", "bigger", "move the cube to the left", "in sketch style")
 * to s. Returns 1 when the text was understood as an edit and s changed, 0
 * when it was not an edit (the caller treats it as a new prompt), -1 on
 * invalid input. The edited scene is enhanced again with its seed by the caller.
 */
int render_edit(struct scene *s, const char *followup);

/* The scene as JSON (for --explain, and to keep a conversation's scene), and back. */
json_t *render_scene_to_json(const struct scene *s);
int render_scene_from_json(const json_t *j, struct scene *out);

/* Names for the enums, as the describer writes them ("golden hour light"). */
const char *render_object_name(enum object_kind k);
const char *render_material_name(enum material m);
const char *render_setting_name(enum setting s);
const char *render_relation_name(enum relation_kind r);
/* "moving", "lying", "old", "dirty", "long", "thin" for one trait bit; NULL otherwise. */
const char *render_trait_name(unsigned trait);
/* "rain", "fog", "blur", "bokeh" for one effect bit; NULL otherwise. */
const char *render_effect_name(unsigned effect);

/* ---- styles ---- */

struct render_style {
	const char *id;     /* "sketch" */
	const char *title;  /* "Sketch" */
	const char *prompt; /* suffix for remote engines: ", pencil sketch, graphite on paper" */
};

/* The presets, in display order. */
const struct render_style *render_styles(size_t *n);
/* A preset by id, or NULL. */
const struct render_style *render_style_find(const char *id);

/* ---- pixels ---- */

/*
 * Progress: percent 0..100, and a partial image (coarse to fine) or NULL.
 * The partial's pixels belong to the engine and live only during the call.
 * Return non-zero to cancel the render (render_image then returns 1).
 */
typedef int (*render_progress_fn)(void *ctx, int percent, const struct image_rgba *partial);

struct render_opts {
	int width, height;          /* RENDER_MIN_SIDE..RENDER_MAX_SIDE */
	uint32_t seed;
	int threads;                /* 0: one per core */
	render_progress_fn progress;
	void *progress_ctx;
};

/* Renders s (enhanced) into out (RGBA8). 0 done, 1 cancelled, -1 error (bad size, no memory). */
int render_image(const struct scene *s, const struct render_opts *o, struct image_rgba *out);

/*
 * Encodes img as PNG with tEXt chunks for each key/value pair (prompt, enhanced
 * prompt, style, seed, size, engine). *out is freed with image_bytes_free().
 */
int render_png(const struct image_rgba *img, const char *const *keys, const char *const *values,
	       size_t ntext, uint8_t **out, size_t *outlen);

#endif
