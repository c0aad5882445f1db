/*
 * artwork: the engine's open vocabulary. Colour emoji artwork (SVG) with
 * English nouns for it, from an index file that artgen writes at build time
 * (from the npm packages in assets/) and the engine maps once, read-only.
 * Without the file the engine still works: every lookup says "not known".
 *
 *   int a = art_noun_find_phrase(words, nwords, &nwords_used, &plural);
 *   const struct art_info *ai = art_info(art_noun_art(a));
 *   struct art_raster *r = art_raster_get(art, 256);  // RGBA at 256 x 256
 *   ...
 *   art_raster_put(r);
 *
 * Rasters are made with librsvg at exactly the size asked and cached per
 * (artwork, size) up to ART_CACHE_BYTES; every function is thread-safe.
 * Not a public header: app/render/render.h is the engine's contract.
 */
#ifndef IMAGES_RENDER_ARTWORK_H
#define IMAGES_RENDER_ARTWORK_H

#include <stdbool.h>
#include <stdint.h>

#define ART_MAGIC "IMGART03"
#define ART_MAX_WORDS 4	  /* longest phrase in the index */
#define ART_MAX_SIDE 2048 /* largest raster */
#define ART_CACHE_BYTES (96u << 20)

/* Flags of an artwork. */
enum {
	ART_WHOLE = 1 << 0,  /* a whole thing (not a face of one) */
	ART_TINT = 1 << 1,   /* a colour adjective reads well as a tint */
	ART_FLOATS = 1 << 2, /* in the sky: clouds, planes */
	ART_PERSON = 1 << 3,
	ART_ANIMAL = 1 << 4,   /* has a head on top: hats go there */
	ART_HEADWEAR = 1 << 5, /* worn on a head */
	ART_TOP = 1 << 6,      /* worn on the body: shirt, coat, dress (ART_LEGS too: to the knee) */
	ART_LEGS = 1 << 7,     /* worn on the legs: jeans, shorts */
	ART_FEET = 1 << 8,     /* worn on the feet: shoes, boots, socks */
	ART_NECK = 1 << 9,     /* worn at the neck: necktie, scarf */
};
#define ART_WORN (ART_HEADWEAR | ART_TOP | ART_LEGS | ART_FEET | ART_NECK)

/* ---- the file (native byte order; written and read on the same machine) ---- */
struct art_file_header {
	char magic[8];
	uint32_t nart, nnoun, nword, strings_len;
	uint32_t nenglish; /* English words (WordNet's lemmas and inflections), sorted offsets */
};
struct art_file_art {
	uint32_t name, svg, svg_len; /* offsets into the strings */
	float height;		     /* metres, real-world */
	uint16_t flags, group;	     /* ART_* flags; emojibase subgroup */
	uint16_t vw, vh;	     /* the SVG's view box */
};
struct art_file_noun { /* sorted by singular */
	uint32_t singular, plural, art;
	uint32_t flags; /* ART_NOUN_* */
};
enum {
	/* Known from WordNet only (a kind of what the artwork shows): loses to any word the
	 * engine's own tables know at the same place ("red hot air balloon" is not a "red hot"). */
	ART_NOUN_WEAK = 1 << 0,
};
struct art_file_word { /* sorted by phrase */
	uint32_t phrase, noun;
	uint8_t plural, nwords, pad[2];
};

/* ---- the index ---- */

struct art_info {
	const char *name; /* the artwork's label: "tropical fish" */
	float height;	  /* metres */
	unsigned flags;
	int group;
};

/* Opens the index once (later calls return the first result): 0, or -1 when absent or bad. */
int art_open(void);
/* The path the index is read from: $IMAGES_ARTWORK, else the build tree's for a program run from
 * the build tree, else the installed one. */
const char *art_path(void);
int art_count(void);
int art_noun_count(void);
const char *art_noun_singular(int noun);
const char *art_noun_plural(int noun);
int art_noun_art(int noun);
/* Whether the noun came from WordNet only (ART_NOUN_WEAK). */
bool art_noun_weak(int noun);
/* The noun whose singular is word, or -1. */
int art_noun_find(const char *singular);
/*
 * The longest phrase at words[0..n): its noun, or -1. *used gets the words
 * it spans and *plural whether the plural was written.
 */
int art_phrase_find(const char *const *words, int n, int *used, bool *plural);
/* Whether w is an English word (any part of speech, as WordNet has it, or a regular
 * inflection of one); false for every word when the index was built without WordNet. */
bool art_english(const char *w);
/* Whether the index knows English words at all. */
bool art_has_english(void);
/* The phrases nouns are found by ("red panda", "pandas"), sorted: how many, and one. */
int art_phrase_count(void);
const char *art_phrase(int i);
/* Whether phrase i names a noun known from WordNet only (ART_NOUN_WEAK). */
bool art_phrase_weak(int i);
const struct art_info *art_info(int art);

/* ---- rasters ---- */

/*
 * Colours of the SVG swapped before it is drawn: from[k] (0xRRGGBB, as the SVG
 * writes it in #rrggbb) becomes to[k]. How a person's hair or skin is drawn in
 * another colour; n = 0 draws the artwork as it is.
 */
#define ART_RECOLOR_MAX 20
struct art_recolor {
	int n;
	uint32_t from[ART_RECOLOR_MAX], to[ART_RECOLOR_MAX];
};

/* Whether art's SVG uses the colour rgb (0xRRGGBB) anywhere. */
bool art_has_color(int art, uint32_t rgb);

struct art_raster {
	int art, side;	      /* a side x side square over the SVG's view box */
	struct art_recolor rc; /* the colours swapped in it */
	uint8_t *rgba;	      /* straight alpha, sRGB */
	float x0, y0, x1, y1; /* the opaque part, as fractions of the side (y down) */
	float head_x, head_y; /* the top of the opaque part: where a hat goes */
	int refs;
	bool uncached;
};

/* A raster of art at side px (clamped to 8..ART_MAX_SIDE), NULL on failure; art_raster_put() it. */
struct art_raster *art_raster_get(int art, int side);
/* The same with colours swapped (rc NULL or rc->n 0: as art_raster_get()); cached per rc too. */
struct art_raster *art_raster_get_recolored(int art, int side, const struct art_recolor *rc);
void art_raster_put(struct art_raster *r);

#endif
