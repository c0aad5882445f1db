/*
 * signs: text in the scene. An object with text (or a sign kind, text or
 * not) stands as a card like artwork (sprites.c) whose raster is drawn here:
 * a surface (a sign board on posts, a chalkboard, a banner, a poster, or an
 * artwork that carries text, like a t-shirt) with the text lettered into it
 * before tracing. The letters are pixels of the card, so the scene's light,
 * shadows, reflections and the style's post-processing treat them like the
 * rest of the surface.
 *
 * Lettered cards are never mirrored (the text would read backwards) and are
 * made larger than the thing would be, so the text is big enough to read.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "artwork.h"
#include "language.h"
#include "lettering.h"
#include "pixels.h"

enum look {
	LOOK_NONE,
	LOOK_SIGN,     /* a light board in a wooden frame on two posts */
	LOOK_CHALK,    /* a dark green chalkboard on legs: light letters */
	LOOK_WHITE,    /* a whiteboard on legs */
	LOOK_BANNER,   /* cloth between two poles */
	LOOK_POSTER,   /* paper on an easel */
	LOOK_TITLE,    /* the letters alone, outlined */
	LOOK_GRAFFITI, /* a brick wall sprayed with the letters */
	LOOK_ART,      /* an artwork, the text in a rectangle of it */
};

/* The looks of the sign kind's nouns (lexicon.c lists the nouns). */
static const struct {
	const char *noun;
	enum look look;
	float height; /* layout units */
} sign_nouns[] = {
	{"sign", LOOK_SIGN, 1.5f},	       {"signboard", LOOK_SIGN, 1.5f},
	{"signpost", LOOK_SIGN, 1.5f},	       {"board", LOOK_SIGN, 1.5f},
	{"placard", LOOK_SIGN, 1.5f},	       {"plaque", LOOK_SIGN, 1.3f},
	{"billboard", LOOK_SIGN, 2.6f},	       {"noticeboard", LOOK_SIGN, 1.5f},
	{"blackboard", LOOK_CHALK, 1.6f},      {"chalkboard", LOOK_CHALK, 1.6f},
	{"whiteboard", LOOK_WHITE, 1.6f},      {"banner", LOOK_BANNER, 1.6f},
	{"poster", LOOK_POSTER, 1.6f},	       {"text", LOOK_TITLE, 1.2f},
	{"title", LOOK_TITLE, 1.2f},	       {"word", LOOK_TITLE, 1.2f},
	{"logo", LOOK_TITLE, 1.2f},	       {"caption", LOOK_TITLE, 1.2f},
	{"headline", LOOK_TITLE, 1.2f},	       {"lettering", LOOK_TITLE, 1.2f},
	{"graffiti", LOOK_GRAFFITI, 1.8f},
};

/*
 * Surfaces that are artwork: the text goes in rect (fractions of the square
 * raster, y down), found by looking at each artwork. Builtin kinds with text
 * (a cake, a mug) show the artwork instead of their 3D model.
 */
static const struct {
	const char *noun; /* the object's noun */
	const char *art;  /* the artwork's noun in the index */
	float rect[4];
	float height;
} art_surfaces[] = {
	{"t shirt", "t shirt", {0.30f, 0.34f, 0.70f, 0.66f}, 1.5f},
	{"tshirt", "t shirt", {0.30f, 0.34f, 0.70f, 0.66f}, 1.5f},
	{"shirt", "t shirt", {0.30f, 0.34f, 0.70f, 0.66f}, 1.5f},
	{"tee", "t shirt", {0.30f, 0.34f, 0.70f, 0.66f}, 1.5f},
	{"cake", "birthday cake", {0.20f, 0.62f, 0.80f, 0.84f}, 1.4f},
	{"book", "closed book", {0.30f, 0.22f, 0.76f, 0.62f}, 1.4f},
	{"cup", "hot beverage", {0.24f, 0.50f, 0.64f, 0.78f}, 1.3f},
	{"mug", "hot beverage", {0.24f, 0.50f, 0.64f, 0.78f}, 1.3f},
	{"shop", "convenience store", {0.12f, 0.16f, 0.88f, 0.34f}, 2.2f},
	{"store", "convenience store", {0.12f, 0.16f, 0.88f, 0.34f}, 2.2f},
	{"storefront", "convenience store", {0.12f, 0.16f, 0.88f, 0.34f}, 2.2f},
};

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static int sign_look(const char *noun, float *height)
{
	for (size_t i = 0; i < NELEMS(sign_nouns); i++)
		if (strcmp(sign_nouns[i].noun, noun) == 0) {
			*height = sign_nouns[i].height;
			return (int)i;
		}
	return -1;
}

static int art_surface(const char *noun)
{
	for (size_t i = 0; i < NELEMS(art_surfaces); i++)
		if (strcmp(art_surfaces[i].noun, noun) == 0)
			return (int)i;
	return -1;
}

static bool has_text(const struct scene_object *o)
{
	return memchr(o->text, '\0', sizeof o->text) != NULL && o->text[0] != '\0';
}

bool signs_carries(const struct scene_object *o)
{
	if (o->kind == OBJ_SIGN)
		return true;
	return has_text(o);
}

/* The raster's opaque part for a generated look (x0, y0, x1, y1, head x, head y). */
static void look_extent(enum look lk, float ext[6])
{
	static const float e[][4] = {
	    [LOOK_SIGN] = {0.04f, 0.16f, 0.96f, 1.0f},	 [LOOK_CHALK] = {0.03f, 0.14f, 0.97f, 1.0f},
	    [LOOK_WHITE] = {0.03f, 0.14f, 0.97f, 1.0f},	 [LOOK_BANNER] = {0.02f, 0.12f, 0.98f, 1.0f},
	    [LOOK_POSTER] = {0.14f, 0.02f, 0.86f, 1.0f}, [LOOK_TITLE] = {0.02f, 0.30f, 0.98f, 0.70f},
	    [LOOK_GRAFFITI] = {0.0f, 0.16f, 1.0f, 1.0f},
	};
	memcpy(ext, e[lk], 4 * sizeof(float));
	ext[4] = 0.5f * (ext[0] + ext[2]);
	ext[5] = ext[1];
}

int signs_add(struct world *w, const struct scene_object *o, const struct model_opts *mo)
{
	float ext[6], H = 1.5f;
	int art = -1, look = LOOK_SIGN;
	int sn = sign_look(o->noun, &H);
	if (o->kind == OBJ_SIGN && sn >= 0) {
		look = (int)sign_nouns[sn].look;
	} else {
		int as = art_surface(o->noun);
		int noun = as >= 0 ? art_noun_find(art_surfaces[as].art) : -1;
		if (as < 0 && o->kind == OBJ_ARTWORK)
			art = lang_object_art(o); /* text on any other artwork: a rectangle mid-card */
		else
			art = art_noun_art(noun);
		if (art >= 0 && art_info(art) != NULL) {
			look = LOOK_ART;
			H = as >= 0 ? art_surfaces[as].height : fmaxf(1.4f, sprites_height(art));
		} else {
			art = -1;
		}
	}
	if (look == LOOK_ART) {
		struct art_raster *probe = art_raster_get(art, 96);
		if (probe == NULL)
			return -1;
		ext[0] = probe->x0, ext[1] = probe->y0, ext[2] = probe->x1, ext[3] = probe->y1;
		ext[4] = probe->head_x, ext[5] = probe->head_y;
		art_raster_put(probe);
	} else {
		look_extent((enum look)look, ext);
	}
	static const float no_tint[4] = {0, 0, 0, 0};
	int id = sprites_card_add(w, art, ext, H * mo->scale, false, mo, no_tint);
	if (id < 0)
		return -1;
	w->inst[id].lettered = o;
	w->inst[id].look = look;
	return id;
}

/* ---- drawing the surfaces ---- */

struct canvas {
	uint8_t *px;
	int side;
};

static void fill(struct canvas *c, float x0, float y0, float x1, float y1, const float rgb[3])
{
	int n = c->side;
	int a = (int)lroundf(x0 * n), b = (int)lroundf(x1 * n);
	int t = (int)lroundf(y0 * n), u = (int)lroundf(y1 * n);
	for (int y = t < 0 ? 0 : t; y < u && y < n; y++)
		for (int x = a < 0 ? 0 : a; x < b && x < n; x++) {
			uint8_t *p = c->px + ((size_t)y * n + x) * 4;
			for (int k = 0; k < 3; k++)
				p[k] = (uint8_t)lroundf(fminf(fmaxf(rgb[k], 0.0f), 1.0f) * 255.0f);
			p[3] = 255;
		}
}

/* Grain of wood and paper: a little per-row noise so flat panels do not look printed. */
static void grain(struct canvas *c, float x0, float y0, float x1, float y1, float amount,
		  uint32_t seed)
{
	int n = c->side;
	for (int y = (int)(y0 * n); y < (int)(y1 * n) && y < n; y++) {
		if (y < 0)
			continue;
		float g = (unitf(hash32(seed ^ (uint32_t)(y * 2654435761u / (uint32_t)(n / 64 + 1)))) -
			   0.5f) * amount;
		for (int x = (int)(x0 * n); x < (int)(x1 * n) && x < n; x++) {
			if (x < 0)
				continue;
			uint8_t *p = c->px + ((size_t)y * n + x) * 4;
			for (int k = 0; k < 3; k++)
				p[k] = (uint8_t)lroundf(fminf(fmaxf((float)p[k] * (1.0f + g), 0.0f), 255.0f));
		}
	}
}

static float srgb_luma(const float c[3])
{
	return 0.2126f * c[0] + 0.7152f * c[1] + 0.0722f * c[2];
}

/* Dark letters on a light surface, light ones on a dark surface. */
static void ink_for(float surface_luma, struct lettering_ink *ink)
{
	memset(ink, 0, sizeof *ink);
	if (surface_luma > 0.5f) {
		ink->rgb[0] = 22, ink->rgb[1] = 22, ink->rgb[2] = 28;
	} else {
		ink->rgb[0] = 246, ink->rgb[1] = 244, ink->rgb[2] = 236;
	}
}

/* The panel colour: the colour said (in sRGB), else the look's own. */
static void panel_color(const struct scene_object *o, const float own[3], float out[3])
{
	if (o->color_name[0] == '\0') {
		memcpy(out, own, 3 * sizeof(float));
		return;
	}
	const float lin[3] = {o->color.r, o->color.g, o->color.b};
	for (int k = 0; k < 3; k++)
		out[k] = srgb_encode(lin[k]);
}

/* Draws a generated look; *text_rect gets where its letters go. */
static void draw_look(struct canvas *c, enum look lk, const struct scene_object *o, float rect[4],
		      struct lettering_ink *ink)
{
	static const float wood[3] = {0.45f, 0.28f, 0.14f}, wood_dark[3] = {0.32f, 0.19f, 0.09f};
	/* A frame lighter than the letters: a dark box around them reads as a picture to OCR and,
	 * like to OCR, to the eye it competes with the text. */
	static const float wood_light[3] = {0.72f, 0.55f, 0.36f};
	static const float cream[3] = {0.95f, 0.92f, 0.82f}, chalk[3] = {0.12f, 0.24f, 0.17f};
	static const float white[3] = {0.97f, 0.97f, 0.96f}, alu[3] = {0.62f, 0.64f, 0.66f};
	static const float red[3] = {0.74f, 0.10f, 0.10f}, paper[3] = {0.96f, 0.95f, 0.90f};
	static const float brick[3] = {0.55f, 0.27f, 0.20f}, mortar[3] = {0.72f, 0.68f, 0.62f};
	float panel[3];
	uint32_t seed = 0x51ab;
	switch (lk) {
	case LOOK_SIGN:
		panel_color(o, cream, panel);
		fill(c, 0.18f, 0.6f, 0.24f, 1.0f, wood_dark);
		fill(c, 0.76f, 0.6f, 0.82f, 1.0f, wood_dark);
		fill(c, 0.04f, 0.16f, 0.96f, 0.70f, wood_light);
		grain(c, 0.04f, 0.16f, 0.96f, 0.70f, 0.12f, seed);
		fill(c, 0.08f, 0.20f, 0.92f, 0.66f, panel);
		grain(c, 0.08f, 0.20f, 0.92f, 0.66f, 0.05f, seed + 1);
		rect[0] = 0.11f, rect[1] = 0.23f, rect[2] = 0.89f, rect[3] = 0.63f;
		break;
	case LOOK_CHALK:
	case LOOK_WHITE:
		panel_color(o, lk == LOOK_CHALK ? chalk : white, panel);
		fill(c, 0.12f, 0.6f, 0.17f, 1.0f, lk == LOOK_CHALK ? wood_dark : alu);
		fill(c, 0.83f, 0.6f, 0.88f, 1.0f, lk == LOOK_CHALK ? wood_dark : alu);
		fill(c, 0.03f, 0.14f, 0.97f, 0.74f, lk == LOOK_CHALK ? wood : alu);
		fill(c, 0.06f, 0.17f, 0.94f, 0.71f, panel);
		grain(c, 0.06f, 0.17f, 0.94f, 0.71f, lk == LOOK_CHALK ? 0.10f : 0.02f, seed);
		rect[0] = 0.09f, rect[1] = 0.20f, rect[2] = 0.91f, rect[3] = 0.68f;
		break;
	case LOOK_BANNER:
		panel_color(o, red, panel);
		fill(c, 0.02f, 0.12f, 0.05f, 1.0f, wood_dark);
		fill(c, 0.95f, 0.12f, 0.98f, 1.0f, wood_dark);
		fill(c, 0.05f, 0.16f, 0.95f, 0.56f, panel);
		grain(c, 0.05f, 0.16f, 0.95f, 0.56f, 0.06f, seed);
		rect[0] = 0.08f, rect[1] = 0.19f, rect[2] = 0.92f, rect[3] = 0.53f;
		break;
	case LOOK_POSTER:
		panel_color(o, paper, panel);
		fill(c, 0.22f, 0.7f, 0.26f, 1.0f, wood_dark);
		fill(c, 0.74f, 0.7f, 0.78f, 1.0f, wood_dark);
		fill(c, 0.14f, 0.02f, 0.86f, 0.80f, panel);
		grain(c, 0.14f, 0.02f, 0.86f, 0.80f, 0.03f, seed);
		rect[0] = 0.18f, rect[1] = 0.06f, rect[2] = 0.82f, rect[3] = 0.76f;
		break;
	case LOOK_GRAFFITI: {
		fill(c, 0.0f, 0.16f, 1.0f, 1.0f, mortar);
		int rows = 12;
		for (int r = 0; r < rows; r++) {
			float y0 = 0.16f + 0.84f * (float)r / (float)rows;
			float y1 = y0 + 0.84f / (float)rows * 0.86f;
			float off = (r & 1) ? 0.0625f : 0.0f;
			for (int b = -1; b < 8; b++) {
				float x0 = off + (float)b * 0.125f;
				float shade[3];
				float v = 0.85f + 0.3f * unitf(hash32((uint32_t)(r * 31 + b + 7)));
				for (int k = 0; k < 3; k++)
					shade[k] = brick[k] * v;
				fill(c, x0 + 0.006f, y0, x0 + 0.119f, y1, shade);
			}
		}
		rect[0] = 0.04f, rect[1] = 0.22f, rect[2] = 0.96f, rect[3] = 0.94f;
		memset(ink, 0, sizeof *ink);
		panel_color(o, (const float[3]){0.98f, 0.85f, 0.10f}, panel);
		for (int k = 0; k < 3; k++)
			ink->rgb[k] = (uint8_t)lroundf(panel[k] * 255.0f);
		ink->halo[0] = 20, ink->halo[1] = 20, ink->halo[2] = 30, ink->halo[3] = 255;
		return;
	}
	case LOOK_TITLE:
	default:
		rect[0] = 0.02f, rect[1] = 0.30f, rect[2] = 0.98f, rect[3] = 0.70f;
		memset(ink, 0, sizeof *ink);
		panel_color(o, (const float[3]){0.08f, 0.08f, 0.10f}, panel);
		for (int k = 0; k < 3; k++)
			ink->rgb[k] = (uint8_t)lroundf(panel[k] * 255.0f);
		if (srgb_luma(panel) > 0.5f)
			ink->halo[0] = 20, ink->halo[1] = 20, ink->halo[2] = 24;
		else
			ink->halo[0] = 250, ink->halo[1] = 250, ink->halo[2] = 245;
		ink->halo[3] = 255;
		return;
	}
	ink_for(srgb_luma(panel), ink);
}

/* The text's rectangle on an artwork, and ink that contrasts with what is under it. */
static void art_rect(const struct instance *in, const uint8_t *px, int side, float rect[4],
		     struct lettering_ink *ink)
{
	int as = art_surface(in->lettered->noun);
	if (as >= 0) {
		memcpy(rect, art_surfaces[as].rect, 4 * sizeof(float));
	} else {
		rect[0] = 0.25f, rect[1] = 0.38f, rect[2] = 0.75f, rect[3] = 0.62f;
	}
	double sum = 0;
	long n = 0;
	for (int y = (int)(rect[1] * side); y < (int)(rect[3] * side); y++)
		for (int x = (int)(rect[0] * side); x < (int)(rect[2] * side); x++) {
			const uint8_t *p = px + ((size_t)y * side + x) * 4;
			if (p[3] < 128)
				continue;
			sum += 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
			n++;
		}
	float luma = n > 0 ? (float)(sum / (double)n / 255.0) : 1.0f;
	ink_for(luma, ink);
	/* Artwork is busy: an outline in the surface's tone keeps the letters apart from it. */
	bool dark = luma > 0.5f;
	ink->halo[0] = ink->halo[1] = ink->halo[2] = dark ? 250 : 20;
	ink->halo[3] = 160;
}

static struct art_raster *lettered_raster(const struct instance *in, int side)
{
	struct art_raster *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	r->art = in->art;
	r->side = side;
	r->refs = 1;
	r->uncached = true;
	r->rgba = calloc((size_t)side * (size_t)side, 4);
	if (r->rgba == NULL) {
		free(r);
		return NULL;
	}
	float rect[4];
	struct lettering_ink ink;
	if (in->look == LOOK_ART) {
		struct art_raster *a = art_raster_get_recolored(in->art, side, &in->recolor);
		if (a == NULL) {
			free(r->rgba);
			free(r);
			return NULL;
		}
		memcpy(r->rgba, a->rgba, (size_t)side * (size_t)side * 4);
		r->x0 = a->x0, r->y0 = a->y0, r->x1 = a->x1, r->y1 = a->y1;
		art_raster_put(a);
		art_rect(in, r->rgba, side, rect, &ink);
	} else {
		struct canvas c = {r->rgba, side};
		draw_look(&c, (enum look)in->look, in->lettered, rect, &ink);
	}
	/* Text that cannot be drawn was reported when the prompt was parsed: the surface stays. */
	if (has_text(in->lettered))
		(void)lettering_draw(r->rgba, side, side, rect, in->lettered->text, &ink);
	return r;
}

struct art_raster *signs_texture(const struct instance *in, int side)
{
	return in->lettered ? lettered_raster(in, side)
			    : art_raster_get_recolored(in->art, side, &in->recolor);
}
