/*
 * pixels: the internals of the engine's pixel half, shared by pix.c, layout.c,
 * shapes.c, trace.c, shade.c, post.c and passes.c. Nothing here is public;
 * app/render/render.h is the contract.
 *
 * The pipeline: world_build() turns an enhanced scene into a world (placed
 * instances made of analytic primitives, a camera, lamps, a setting), the
 * tracer shades one sample per pixel into a float frame buffer (plus object
 * id, depth and normal for the styles' edge detection), edges get extra
 * samples, and post_process() tone-maps and applies the style into RGBA8.
 *
 * Every random choice comes from hashing (seed, pixel, sample), never from a
 * shared generator, so a pixel's value does not depend on which thread
 * computed it or in which order.
 */
#ifndef IMAGES_RENDER_PIXELS_H
#define IMAGES_RENDER_PIXELS_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "artwork.h"
#include "render.h"

/* ---- small vector math (float: the tracer's hot path) ---- */

typedef struct {
	float x, y, z;
} v3;

/* Linear light 0..1 to the sRGB curve's 0..1 (clamped). */
static inline float srgb_encode(float v)
{
	v = fminf(fmaxf(v, 0.0f), 1.0f);
	return v <= 0.0031308f ? 12.92f * v : 1.055f * powf(v, 1.0f / 2.4f) - 0.055f;
}

static inline v3 v3m(float x, float y, float z)
{
	v3 r = {x, y, z};
	return r;
}
static inline v3 v3add(v3 a, v3 b)
{
	return v3m(a.x + b.x, a.y + b.y, a.z + b.z);
}
static inline v3 v3sub(v3 a, v3 b)
{
	return v3m(a.x - b.x, a.y - b.y, a.z - b.z);
}
static inline v3 v3scale(v3 a, float s)
{
	return v3m(a.x * s, a.y * s, a.z * s);
}
static inline v3 v3mul(v3 a, v3 b)
{
	return v3m(a.x * b.x, a.y * b.y, a.z * b.z);
}
/* a + b * s */
static inline v3 v3madd(v3 a, v3 b, float s)
{
	return v3m(a.x + b.x * s, a.y + b.y * s, a.z + b.z * s);
}
static inline float v3dot(v3 a, v3 b)
{
	return a.x * b.x + a.y * b.y + a.z * b.z;
}
static inline v3 v3cross(v3 a, v3 b)
{
	return v3m(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
static inline float v3len(v3 a)
{
	return sqrtf(v3dot(a, a));
}
static inline v3 v3norm(v3 a)
{
	float l = v3len(a);
	return l > 1e-20f ? v3scale(a, 1.0f / l) : v3m(0, 1, 0);
}
static inline v3 v3lerp(v3 a, v3 b, float t)
{
	return v3m(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t);
}
static inline float v3max(v3 a)
{
	return fmaxf(a.x, fmaxf(a.y, a.z));
}
static inline float clampf(float x, float lo, float hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}
static inline float mixf(float a, float b, float t)
{
	return a + (b - a) * t;
}
static inline float smoothstepf(float e0, float e1, float x)
{
	float t = clampf((x - e0) / (e1 - e0), 0.0f, 1.0f);
	return t * t * (3.0f - 2.0f * t);
}
static inline float lumaf(v3 c)
{
	return 0.2126f * c.x + 0.7152f * c.y + 0.0722f * c.z;
}

/* ---- deterministic randomness ---- */

/* A 32-bit integer hash with good avalanche (lowbias32). */
static inline uint32_t hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}
static inline uint32_t hash4(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	return hash32(a ^ hash32(b ^ hash32(c ^ hash32(d + 0x9e3779b9U))));
}
/* [0, 1) from the top 24 bits. */
static inline float unitf(uint32_t h)
{
	return (float)(h >> 8) * (1.0f / 16777216.0f);
}

/* A small sequential generator for layout and model choices (single-threaded use). */
struct prng {
	uint32_t s;
};
static inline uint32_t prng_next(struct prng *r)
{
	r->s = r->s * 747796405U + 2891336453U;
	return hash32(r->s);
}
/* Uniform in [lo, hi). */
static inline float prng_range(struct prng *r, float lo, float hi)
{
	return lo + (hi - lo) * unitf(prng_next(r));
}

/* Value noise in [0, 1] and its fractal sum (shade.c). */
float pix_noise3(float x, float y, float z);
float pix_fbm3(float x, float y, float z, int octaves);
float pix_noise2(float x, float y, uint32_t layer);

/* ---- primitives and the world ---- */

enum prim_kind {
	PRIM_BOX,     /* [-1,1]^3 */
	PRIM_SPHERE,  /* unit sphere */
	PRIM_FRUSTUM, /* y in [-1,1], radius 1 at the bottom and param at the top (1: cylinder, 0:
			 cone) */
	PRIM_TORUS,   /* major radius 1 in the xz plane, minor radius param */
	PRIM_PYRAMID, /* square base [-1,1]^2 at y = -1, apex (0,1,0) */
	PRIM_PRISM,   /* triangle (-1,-1) (1,-1) (0,1) in xy, extruded over z in [-1,1] */
	PRIM_CARD,    /* artwork: the square [-1,1]^2 at z = 0, hit where its raster is opaque */
};

struct art_raster;

enum pattern {
	PAT_NONE,
	PAT_WOOD,
	PAT_MARBLE,
	PAT_STONE,
	PAT_STRIPES,
	PAT_BANDS,
	PAT_CRATERS,
	PAT_SEGMENTS,
	PAT_SWIRL,
	PAT_BRICK,
	PAT_SAND,
	PAT_LATTICE, /* iron lattice: diagonal bracing over darker gaps */
	PAT_ARCADE,  /* a row of round-headed arches, dark in the second colour */
};

struct surface {
	v3 albedo;
	v3 albedo2; /* the pattern's second colour */
	float rough, metal, f0, transmit, emit;
	float cells; /* PAT_ARCADE: arches across a face, or around a cylinder */
	uint8_t pattern;
};

struct prim {
	float m[9]; /* world -> local linear part, row major */
	float t[3]; /* world -> local translation */
	v3 center;  /* world bounding sphere */
	float radius;
	float param;
	uint8_t kind;
	uint16_t inst;
	struct surface surf;
	const struct art_raster *tex; /* PRIM_CARD: the artwork (NULL until sprites_finish) */
	float tint[4];		      /* PRIM_CARD: rgb and strength of a colour adjective */
	bool mirror;		      /* PRIM_CARD: drawn mirrored */
	float roll;		      /* PRIM_CARD: a slight per-seed tilt in its plane (radians) */
	float stretch;		      /* PRIM_CARD: width over natural width (0 means 1) */
	bool lying;		      /* PRIM_CARD: on its side, turned about its centre */
	bool bitten;		      /* PRIM_CARD: a bite out of its top right ("half eaten") */
	uint8_t cut;		      /* PRIM_CARD: 1 cut to a triangle, 2 to a circle; 0 as drawn */
};

struct instance {
	v3 center; /* bounding sphere */
	float radius;
	v3 bmin, bmax; /* bounding box */
	int first, nprims;
	int group;
	bool floating; /* sky objects: sun, moon, cloud, planet */
	int art;       /* artwork shown (a sprite), or -1 */
	bool has_head; /* a sprite with a head: head is where a hat goes, from bmin */
	v3 head;
	/* A card with text (signs.c): the object it shows, valid during world_build() only, and
	 * how its surface looks; NULL for every other instance. */
	const struct scene_object *lettered;
	int look;
	unsigned traits; /* the object's enum trait bits: post.c draws age, dirt, motion */
	bool mirror;	 /* drawn mirrored: artwork faces right, so it moves right */
	struct art_recolor recolor; /* a person's hair and skin as said (layout.c) */
};

struct cam {
	v3 pos, fwd, right, up;
	float tan_half; /* tan(vertical fov / 2) */
	float aspect;	/* width / height */
	bool ortho;
	float ortho_half; /* half height of the orthographic view */
};

struct lamp {
	v3 dir;	      /* towards the light */
	v3 color;     /* radiance scale */
	float spread; /* angular radius in radians: soft shadows */
	float tan_spread;
	bool shadow;
};

#define PIX_MAX_INSTANCES (RENDER_MAX_OBJECTS * RENDER_MAX_COUNT + 16)
#define PIX_MAX_PRIMS (PIX_MAX_INSTANCES * 32)

enum post_kind {
	POST_NONE,
	POST_SKETCH,
	POST_GINGERBREAD,
	POST_POSTCARD,
	POST_WATERCOLOR,
	POST_OIL,
	POST_PIXEL,
	POST_NEON,
	POST_CLAY,
	POST_BLUEPRINT,
	POST_POPART,
	POST_VINTAGE,
	POST_LOWPOLY,
	POST_COMIC,
	POST_TOY,
};

/* How the built-in engine draws one style preset (ids as in styles.c). */
struct style_render {
	const char *id;
	int camera;   /* enum camera to force, -1 to keep the scene's */
	int light;    /* enum light to force, -1 to keep */
	int material; /* enum material forced on the main parts, -1 to keep */
	bool facets;  /* flat-shaded facets (low poly) */
	float bump;   /* plasticine unevenness */
	float cel;    /* number of light bands for cel shading, 0 for smooth */
	int post;     /* enum post_kind */
};

/* The style's parameters; the plain entry for "" or an unknown id. */
const struct style_render *style_render_find(const char *id);

struct world {
	struct prim *prims;
	int nprims;
	struct instance inst[PIX_MAX_INSTANCES];
	int ninst;
	struct cam cam;
	struct lamp lamps[3];
	int nlamps;
	v3 amb_up, amb_down; /* hemisphere ambient */
	enum setting setting;
	enum light light;
	bool ground;
	/*
	 * A backdrop: the vertical plane z = back_z behind everything, facing the
	 * camera (a room's wall, a street's facades up to world_backdrop_top()).
	 */
	bool backdrop;
	float back_z;
	float back_scale; /* the backdrop's metre: boards, windows, storeys */
	bool kitchen;	  /* a room with kitchen things: tiles instead of boards */
	float shore_z;	  /* the beach: the sea begins behind this z (a wave runs along it) */
	float fog; /* density per unit distance */
	v3 fog_color;
	float ao_radius;
	float exposure;
	float unit;	  /* a typical object size, for noise scales */
	float star_scale; /* star cells per radian: tied to the output resolution */
	v3 bmin, bmax;	  /* bounds of everything placed */
	const struct style_render *style;
	int mood; /* the scene's mood (lang_mood index) graded into the colours, -1 none */
	unsigned effects; /* the scene's enum effect bits, drawn by post.c */
	uint32_t seed;
	int width, height;
};

/* layout.c: scene -> world. 0 or -1 (no memory). */
int world_build(struct world *w, const struct scene *s, int width, int height, uint32_t seed);
void world_free(struct world *w);

/* shapes.c: adds one instance of kind at the origin (standing on y = 0). */
struct model_opts {
	v3 main;		/* the group's colour */
	enum material material; /* the group's material (resolved) */
	float scale, yaw;	/* uniform scale, rotation about y in radians */
	int group;
	uint32_t seed;
	bool facets;
};
int shapes_add(struct world *w, enum object_kind kind, const struct model_opts *mo);
void shapes_translate(struct world *w, int inst, v3 delta);
/* Stretches an instance sideways (world x) by k about its centre: "a long table". */
void shapes_stretch(struct world *w, int inst, float k);
/* The colour a kind has when the prompt names none. */
v3 shapes_default_color(enum object_kind kind);
enum material shapes_default_material(enum object_kind kind);
bool shapes_floats(enum object_kind kind);
/* Whether a kind is a landmark (drawn at its real proportions, seen from a distance). */
bool shapes_landmark(enum object_kind kind);
/* Whether a kind stands in the water on a beach (a bridge's towers, a harbour's podium). */
bool shapes_in_water(enum object_kind kind);
/* Whether something can stand under it (table, chair, bench, umbrella, bridge). */
bool shapes_has_clearance(enum object_kind kind, float *height);
struct surface surface_make(enum material m, v3 color);

/* sprites.c: emoji artwork as upright cards in the scene (artwork.h). */
/* Height in layout units of an artwork at its real-world size. */
float sprites_height(int art);
bool sprites_floats(int art);
bool sprites_headed(int art);
/* Whether art is sat or lain on below its top: a sofa, a chair, a bed. */
bool sprites_seat(int art);
/*
 * The world height of a card's top surface under the world x-span [xlo, xhi],
 * read from its raster's alpha while it still stands upright (before
 * sprites_finish): the median top of the columns under the span, or for a
 * seat the lowest level a tenth of its columns share (the seat, not the
 * backrest). False when inst is not a card.
 */
bool sprites_surface(const struct world *w, int inst, float xlo, float xhi, bool seat, float *y);
/* Adds one card of art standing on y = 0 at the origin; the instance or -1. */
int sprites_add(struct world *w, int art, const struct model_opts *mo, const float tint[4]);
/* Lays a person's or animal's card on its side, its bottom on the ground; -1 if not a card. */
int sprites_lie(struct world *w, int inst);
/* A card of art (-1: none, a lettered card) whose opaque part is ext = x0, y0, x1, y1 (fractions
 * of the square, y down) with its head at ext[4], ext[5], H tall. */
int sprites_card_add(struct world *w, int art, const float ext[6], float H, bool mirror,
		     const struct model_opts *mo, const float tint[4]);
/*
 * After the camera is set: turns cards to it and gives each the raster raster() makes of its
 * instance at the size it shows at (signs_texture: the artwork, or a lettered card's own).
 */
typedef struct art_raster *sprites_raster_fn(const struct instance *in, int side);
int sprites_finish(struct world *w, sprites_raster_fn *raster);
/* The texel under a card's local point: straight linear RGB and alpha; false when transparent. */
bool sprites_texel(const struct prim *p, float lx, float ly, v3 *rgb, float *alpha);
void sprites_release(struct world *w);

/* signs.c: text in the scene, on a card of its surface (a sign, a board, a shirt's artwork). */
/* Whether o is drawn as a lettered card: a sign kind, or text on a surface that takes it. */
bool signs_carries(const struct scene_object *o);
/* Adds one lettered card of o standing on y = 0 at the origin; the instance or -1. */
int signs_add(struct world *w, const struct scene_object *o, const struct model_opts *mo);
/*
 * The raster of a card at side px: a lettered card's own (its surface with the text on it), else
 * the artwork's; released with art_raster_put(); NULL: no memory. sprites_finish()'s raster().
 */
struct art_raster *signs_texture(const struct instance *in, int side);

/* trace.c */
struct hit {
	float t;
	v3 p, n;  /* world point and shading normal (facing the ray) */
	v3 lp;	  /* the primitive's local point, for patterns */
	int prim; /* -1: the ground */
	int inst; /* -1: the ground */
	bool inside;
};
bool prim_intersect(const struct prim *p, v3 o, v3 d, float tmin, float tmax, float *t, v3 *ln,
		    v3 *lp);
bool world_intersect(const struct world *w, v3 o, v3 d, float tmax, struct hit *h);
/* Transmittance along a shadow ray through the listed instances (glass lets some through). */
float world_transmit(const struct world *w, v3 o, v3 d, float tmax, const int *list, int n);
v3 world_sky(const struct world *w, v3 d);
/* Height of the backdrop above x: the street's building tops, unbounded for a wall. */
float world_backdrop_top(const struct world *w, float x);

/* shade.c: one camera sample. */
struct sample {
	v3 rgb; /* linear radiance */
	int id; /* 0: background, else instance + 1 */
	float depth;
	v3 n;
};
void shade_setup(struct world *w);
void shade_camera_sample(const struct world *w, float px, float py, uint32_t rs,
			 struct sample *out);

/* post.c */
struct fbuf {
	int w, h;   /* the view's size */
	int step;   /* pixel step in the full buffer (8 and 2 for previews) */
	int pitch;  /* full buffer width */
	float *rgb; /* 3 per full pixel */
	uint16_t *id;
	uint16_t *depth; /* log2 encoded: depth_pack() */
	int8_t *nrm;	 /* 2 per full pixel: octahedral normal */
};
static inline size_t fbuf_at(const struct fbuf *f, int x, int y)
{
	return (size_t)(y * f->step) * (size_t)f->pitch + (size_t)(x * f->step);
}
void nrm_pack(v3 n, int8_t *out);
v3 nrm_unpack(const int8_t *in);
uint16_t depth_pack(float d);
/* The ACES fit the tone mapper uses (0..1), and its inverse. */
float pix_aces(float x);
float pix_aces_inverse(float y);
/* Bytes post_process() allocates for a view of w x h. */
size_t post_scratch_bytes(int w, int h);
/* Tone-maps f and draws the style into rgba (w x h x 4). 0 or -1 (no memory). */
int post_process(const struct world *w, const struct fbuf *f, uint8_t *rgba, int threads);

/* pix.c: runs fn(ctx, i) for i in [0, n) on threads; the results must not depend on order. */
void pix_parallel(int threads, int n, void (*fn)(void *ctx, int i), void *ctx);
/* Peak working bytes of a w x h render (checked against RENDER_MAX_BYTES). */
size_t render_plan_bytes(int w, int h);

#endif
