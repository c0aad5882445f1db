/*
 * post: from the float frame buffer to RGBA8, and the fourteen styles.
 *
 * Tone mapping is the ACES fit (Narkowicz) on exposed linear radiance, with
 * a little bloom from the brightest pixels, then sRGB. The styles then work
 * on those display values, helped by an edge map made from the object ids,
 * depths and normals the tracer stored (outlines follow real silhouettes and
 * creases, not texture noise).
 *
 * Every size is relative to the view's width (sc = width / 1024), so a
 * 1/8-resolution preview looks like a small copy of the final picture. All
 * noise is hashed from pixel coordinates and the seed.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "pixels.h"

#define LUT_N 4096
static uint8_t srgb_lut[LUT_N + 1];
static pthread_once_t lut_once = PTHREAD_ONCE_INIT;

static void lut_init(void)
{
	for (int i = 0; i <= LUT_N; i++) {
		srgb_lut[i] = (uint8_t)lrintf(srgb_encode((float)i / LUT_N) * 255.0f);
	}
}

static inline uint8_t to_srgb(float v)
{
	return srgb_lut[(int)(clampf(v, 0, 1) * LUT_N + 0.5f)];
}


/* ---- the post context ---- */

struct post {
	const struct world *w;
	const struct fbuf *f;
	int W, H;
	float sc;
	uint8_t *base, *out, *edge, *tmp;
	float *bloom, *btmp;
	int bw, bh, brad;
	float bloom_gain;
	int line; /* dilation radius of the edges */
	uint32_t seed;
	const struct style_render *st;
	uint8_t *orig; /* the toned picture before the traits pass (NULL: no traits) */
	bool graded;	       /* a mood grade applies: */
	float grade_sat;       /* its saturation, applied first, */
	uint8_t grade_lut[3][256]; /* then its per-channel contrast, gain, lift and balance */
	uint8_t *soft; /* FX_BLUR, FX_BOKEH: the picture blurred */
	int blur_r;    /* its box radius in pixels */
};

size_t post_scratch_bytes(int w, int h)
{
	size_t px = (size_t)w * (size_t)h;
	size_t bw = (size_t)(w + 3) / 4, bh = (size_t)(h + 3) / 4;
	return px * 4 + px * 2 + bw * bh * 3 * sizeof(float) * 2;
}

static inline float n2(uint32_t seed, int x, int y)
{
	return unitf(hash4((uint32_t)x, (uint32_t)y, seed, 0x2badU));
}

static inline void put(uint8_t *o, float r, float g, float b)
{
	o[0] = (uint8_t)lrintf(clampf(r, 0, 1) * 255.0f);
	o[1] = (uint8_t)lrintf(clampf(g, 0, 1) * 255.0f);
	o[2] = (uint8_t)lrintf(clampf(b, 0, 1) * 255.0f);
	o[3] = 255;
}

static inline v3 get(const struct post *p, const uint8_t *img, int x, int y)
{
	x = x < 0 ? 0 : (x >= p->W ? p->W - 1 : x);
	y = y < 0 ? 0 : (y >= p->H ? p->H - 1 : y);
	const uint8_t *c = img + ((size_t)y * (size_t)p->W + (size_t)x) * 4;
	return v3m((float)c[0] / 255.0f, (float)c[1] / 255.0f, (float)c[2] / 255.0f);
}

static inline int id_at(const struct post *p, int x, int y)
{
	x = x < 0 ? 0 : (x >= p->W ? p->W - 1 : x);
	y = y < 0 ? 0 : (y >= p->H ? p->H - 1 : y);
	return p->f->id[fbuf_at(p->f, x, y)];
}

static inline float edge_at(const struct post *p, int x, int y)
{
	return (float)p->edge[(size_t)y * (size_t)p->W + (size_t)x] / 255.0f;
}

static v3 saturate(v3 c, float k)
{
	float l = lumaf(c);
	return v3m(l + (c.x - l) * k, l + (c.y - l) * k, l + (c.z - l) * k);
}


/* ---- mood: a colour grade per mood adjective (lexicon order) ---- */

struct grade {
	float sat, contrast, gain, lift; /* saturation, contrast about mid grey, gain, lift */
	float r, g, b;			 /* white balance */
};

static const struct grade grades[] = {
	/* vibrant */ { 1.28f, 1.05f, 1.00f, 0.00f, 1.00f, 1.00f, 1.00f },
	/* serene */ { 0.85f, 0.97f, 1.00f, 0.02f, 0.97f, 1.00f, 1.04f },
	/* whimsical */ { 1.15f, 1.00f, 1.02f, 0.03f, 1.03f, 0.99f, 1.03f },
	/* dramatic */ { 1.05f, 1.22f, 0.95f, 0.00f, 1.00f, 0.99f, 0.98f },
	/* cozy */ { 1.00f, 1.02f, 1.00f, 0.01f, 1.06f, 1.00f, 0.90f },
	/* dreamy */ { 0.88f, 0.90f, 0.92f, 0.09f, 1.02f, 0.99f, 1.04f },
	/* moody */ { 0.80f, 1.12f, 0.88f, 0.00f, 0.96f, 0.99f, 1.05f },
	/* mysterious */ { 0.85f, 1.08f, 0.85f, 0.00f, 0.95f, 0.97f, 1.06f },
	/* cheerful */ { 1.15f, 1.02f, 1.05f, 0.01f, 1.03f, 1.01f, 0.96f },
	/* calm */ { 0.92f, 0.98f, 1.00f, 0.01f, 1.00f, 1.00f, 1.00f },
	/* playful */ { 1.20f, 1.03f, 1.02f, 0.01f, 1.02f, 1.00f, 0.98f },
	/* elegant */ { 0.85f, 1.08f, 1.00f, 0.00f, 1.00f, 1.00f, 1.01f },
	/* majestic */ { 1.05f, 1.12f, 1.00f, 0.00f, 1.04f, 1.01f, 0.95f },
	/* peaceful */ { 0.90f, 0.98f, 1.00f, 0.02f, 1.02f, 1.00f, 0.97f },
};

/* Builds the mood's grade for one post pass: saturation, then one table per channel. */
static void grade_prepare(struct post *p)
{
	p->graded = p->w->mood >= 0 && p->w->mood < (int)(sizeof grades / sizeof grades[0]);
	if (!p->graded)
		return;
	const struct grade *g = &grades[p->w->mood];
	const float bal[3] = { g->r, g->g, g->b };
	p->grade_sat = g->sat;
	for (int c = 0; c < 3; c++) {
		for (int i = 0; i < 256; i++) {
			float v = (float)i / 255.0f;
			v = ((v - 0.5f) * g->contrast + 0.5f) * g->gain * bal[c];
			v = g->lift + v * (1.0f - g->lift);
			p->grade_lut[c][i] = (uint8_t)(clampf(v, 0.0f, 1.0f) * 255.0f + 0.5f);
		}
	}
}

/* The grade of one display pixel, in place. */
static inline void grade_px(const struct post *p, uint8_t *o)
{
	float r = o[0], g = o[1], b = o[2];
	float l = 0.2126f * r + 0.7152f * g + 0.0722f * b, k = p->grade_sat;
	r = clampf(l + (r - l) * k, 0.0f, 255.0f);
	g = clampf(l + (g - l) * k, 0.0f, 255.0f);
	b = clampf(l + (b - l) * k, 0.0f, 255.0f);
	o[0] = p->grade_lut[0][(int)(r + 0.5f)];
	o[1] = p->grade_lut[1][(int)(g + 0.5f)];
	o[2] = p->grade_lut[2][(int)(b + 0.5f)];
}

/* ---- bloom ---- */

static void bright_row(void *ctx, int by)
{
	struct post *p = ctx;
	const struct fbuf *f = p->f;
	bool studio = p->w->setting == SET_STUDIO || p->w->setting == SET_DEFAULT;
	float e = p->w->exposure;
	for (int bx = 0; bx < p->bw; bx++) {
		float acc[3] = {0, 0, 0};
		int n = 0;
		for (int y = by * 4; y < by * 4 + 4 && y < p->H; y++) {
			for (int x = bx * 4; x < bx * 4 + 4 && x < p->W; x++) {
				size_t i = fbuf_at(f, x, y);
				n++;
				if (studio && f->id[i] == 0)
					continue;
				for (int k = 0; k < 3; k++)
					acc[k] +=
					    fmaxf(0.0f, fminf(f->rgb[i * 3 + k] * e, 16.0f) - 1.0f);
			}
		}
		float *b = &p->bloom[((size_t)by * (size_t)p->bw + (size_t)bx) * 3];
		for (int k = 0; k < 3; k++)
			b[k] = n ? acc[k] / (float)n : 0.0f;
	}
}

static void blur_h(void *ctx, int y)
{
	struct post *p = ctx;
	int r = p->brad, w = p->bw;
	const float *src = p->bloom + (size_t)y * (size_t)w * 3;
	float *dst = p->btmp + (size_t)y * (size_t)w * 3;
	for (int x = 0; x < w; x++) {
		float acc[3] = {0, 0, 0};
		for (int k = -r; k <= r; k++) {
			int xx = x + k < 0 ? 0 : (x + k >= w ? w - 1 : x + k);
			for (int c = 0; c < 3; c++)
				acc[c] += src[xx * 3 + c];
		}
		for (int c = 0; c < 3; c++)
			dst[x * 3 + c] = acc[c] / (float)(2 * r + 1);
	}
}

static void blur_v(void *ctx, int x)
{
	struct post *p = ctx;
	int r = p->brad, w = p->bw, h = p->bh;
	for (int y = 0; y < h; y++) {
		float acc[3] = {0, 0, 0};
		for (int k = -r; k <= r; k++) {
			int yy = y + k < 0 ? 0 : (y + k >= h ? h - 1 : y + k);
			for (int c = 0; c < 3; c++)
				acc[c] += p->btmp[((size_t)yy * (size_t)w + (size_t)x) * 3 + c];
		}
		for (int c = 0; c < 3; c++)
			p->bloom[((size_t)y * (size_t)w + (size_t)x) * 3 + c] =
			    acc[c] / (float)(2 * r + 1);
	}
}

static void bloom_blur(struct post *p, int threads)
{
	for (int it = 0; it < 2; it++) {
		pix_parallel(threads, p->bh, blur_h, p);
		pix_parallel(threads, p->bw, blur_v, p);
	}
}

static v3 bloom_at(const struct post *p, int x, int y)
{
	float fx = ((float)x + 0.5f) / 4.0f - 0.5f, fy = ((float)y + 0.5f) / 4.0f - 0.5f;
	int x0 = (int)floorf(fx), y0i = (int)floorf(fy);
	float tx = fx - (float)x0, ty = fy - (float)y0i;
	v3 acc = v3m(0, 0, 0);
	for (int k = 0; k < 4; k++) {
		int xx = x0 + (k & 1), yy = y0i + (k >> 1);
		xx = xx < 0 ? 0 : (xx >= p->bw ? p->bw - 1 : xx);
		yy = yy < 0 ? 0 : (yy >= p->bh ? p->bh - 1 : yy);
		float wgt = ((k & 1) ? tx : 1 - tx) * ((k >> 1) ? ty : 1 - ty);
		const float *b = &p->bloom[((size_t)yy * (size_t)p->bw + (size_t)xx) * 3];
		acc = v3madd(acc, v3m(b[0], b[1], b[2]), wgt);
	}
	return acc;
}

static void tone_row(void *ctx, int y)
{
	struct post *p = ctx;
	const struct fbuf *f = p->f;
	float e = p->w->exposure;
	for (int x = 0; x < p->W; x++) {
		size_t i = fbuf_at(f, x, y);
		v3 c = v3scale(v3m(f->rgb[i * 3], f->rgb[i * 3 + 1], f->rgb[i * 3 + 2]), e);
		if (p->bloom_gain > 0)
			c = v3madd(c, bloom_at(p, x, y), p->bloom_gain);
		uint8_t *o = p->base + ((size_t)y * (size_t)p->W + (size_t)x) * 4;
		o[0] = to_srgb(pix_aces(c.x));
		o[1] = to_srgb(pix_aces(c.y));
		o[2] = to_srgb(pix_aces(c.z));
		o[3] = 255;
		if (p->graded)
			grade_px(p, o);
	}
}


/* ---- traits: age, dirt and motion drawn over the objects that have them ---- */

static unsigned traits_at(const struct post *p, int x, int y, bool *mirror)
{
	int id = id_at(p, x, y);
	if (id <= 0 || id > p->w->ninst)
		return 0;
	const struct instance *in = &p->w->inst[id - 1];
	if (mirror)
		*mirror = in->mirror;
	return in->traits;
}

/* Smooth value noise on a grid of cell pixels, 0..1. */
static float blotch(uint32_t seed, float x, float y, float cell)
{
	float fx = x / cell, fy = y / cell;
	int ix = (int)floorf(fx), iy = (int)floorf(fy);
	float tx = fx - (float)ix, ty = fy - (float)iy;
	tx = tx * tx * (3.0f - 2.0f * tx);
	ty = ty * ty * (3.0f - 2.0f * ty);
	float a = n2(seed, ix, iy), b = n2(seed, ix + 1, iy);
	float c = n2(seed, ix, iy + 1), d = n2(seed, ix + 1, iy + 1);
	return (a + (b - a) * tx) * (1.0f - ty) + (c + (d - c) * tx) * ty;
}

static v3 aged(const struct post *p, v3 c, int x, int y)
{
	/* Faded and yellowed like an old photograph, with a little wear. */
	float l = lumaf(c);
	v3 sepia = v3m(fminf(l * 1.08f + 0.06f, 1.0f), l * 0.9f + 0.03f, l * 0.66f);
	float wear = (n2(p->seed ^ 0x01d5U, x, y) - 0.5f) * 0.08f;
	return v3add(v3lerp(c, sepia, 0.8f), v3m(wear, wear, wear));
}

static v3 grimy(const struct post *p, v3 c, int x, int y)
{
	/* Brown-grey blotches of grime and a speckle of dirt. */
	float b = blotch(p->seed ^ 0xd127U, (float)x, (float)y, 9.0f * fmaxf(p->sc, 0.125f));
	float k = clampf((b - 0.35f) * 1.6f, 0.0f, 0.8f);
	if (n2(p->seed ^ 0x5eedU, x, y) > 0.93f)
		k = fmaxf(k, 0.7f);
	v3 grime = v3scale(v3m(0.36f, 0.3f, 0.22f), 0.6f + 0.4f * lumaf(c));
	return v3lerp(c, grime, k);
}

/*
 * Speed streaks: background pixels beside a moving object, on the side it
 * comes from, take its colour in horizontal bands that fade with distance.
 * Artwork faces left unless mirrored, so it moves that way and trails right.
 */
static void streak_row(struct post *p, int y)
{
	int W = p->W;
	float reach = 0.18f * (float)W;
	int band_h = (int)fmaxf(2.0f, 5.0f * p->sc);
	int band = y / band_h;
	float bandf = n2(p->seed ^ 0x57e4U, band, 0);
	if ((y % band_h) >= (band_h + 1) / 2 + 1 || bandf < 0.3f)
		return; /* the gaps between streaks */
	float len = reach * (0.45f + 0.55f * bandf);
	for (int dir = -1; dir <= 1; dir += 2) {
		/* dir +1: streaks to the right of movers facing left; -1 the other way. */
		int last = -1, run = 0;
		v3 col = v3m(0, 0, 0), sum = v3m(0, 0, 0);
		for (int k = 0; k < W; k++) {
			int x = dir > 0 ? k : W - 1 - k;
			bool mirror = false;
			unsigned t = traits_at(p, x, y, &mirror);
			bool trails_here = (t & TRAIT_MOVING) && (dir > 0) != mirror;
			if (trails_here) {
				/* The streak takes the mean colour of the mover across this row. */
				if (last != x - dir)
					run = 0, sum = v3m(0, 0, 0);
				last = x;
				sum = v3add(sum, get(p, p->orig, x, y));
				run++;
				col = v3scale(sum, 1.0f / (float)run);
				continue;
			}
			if (last < 0 || t != 0)
				continue;
			float d = (float)abs(x - last);
			if (d > len)
				continue;
			float a = 0.75f * (1.0f - d / len);
			uint8_t *o = p->base + ((size_t)y * (size_t)W + (size_t)x) * 4;
			v3 c = v3lerp(get(p, p->orig, x, y), col, a);
			put(o, c.x, c.y, c.z);
		}
	}
}

static void traits_row(void *ctx, int y)
{
	struct post *p = ctx;
	for (int x = 0; x < p->W; x++) {
		unsigned t = traits_at(p, x, y, NULL);
		if (!(t & (TRAIT_OLD | TRAIT_DIRTY)))
			continue;
		v3 c = get(p, p->orig, x, y);
		if (t & TRAIT_DIRTY)
			c = grimy(p, c, x, y);
		if (t & TRAIT_OLD)
			c = aged(p, c, x, y);
		put(p->base + ((size_t)y * (size_t)p->W + (size_t)x) * 4, c.x, c.y, c.z);
	}
	streak_row(p, y);
}

static bool traits_drawn(const struct world *w)
{
	for (int i = 0; i < w->ninst; i++)
		if (w->inst[i].traits & (TRAIT_OLD | TRAIT_DIRTY | TRAIT_MOVING))
			return true;
	return false;
}


/* ---- effects: rain, fog, a blurry picture, a soft background ---- */

/* One box pass of radius r over rows (from src into dst), RGBA8. */
static void box_row(const struct post *p, const uint8_t *src, uint8_t *dst, int y)
{
	int W = p->W, r = p->blur_r;
	const uint8_t *row = src + (size_t)y * (size_t)W * 4;
	uint8_t *out = dst + (size_t)y * (size_t)W * 4;
	int acc[3] = { 0, 0, 0 };
	for (int x = -r; x <= r; x++) {
		int cx = x < 0 ? 0 : (x >= W ? W - 1 : x);
		for (int c = 0; c < 3; c++)
			acc[c] += row[cx * 4 + c];
	}
	for (int x = 0; x < W; x++) {
		for (int c = 0; c < 3; c++)
			out[x * 4 + c] = (uint8_t)(acc[c] / (2 * r + 1));
		out[x * 4 + 3] = 255;
		int add = x + r + 1 >= W ? W - 1 : x + r + 1, sub = x - r < 0 ? 0 : x - r;
		for (int c = 0; c < 3; c++)
			acc[c] += row[add * 4 + c] - row[sub * 4 + c];
	}
}

static void box_col(const struct post *p, const uint8_t *src, uint8_t *dst, int x)
{
	int W = p->W, H = p->H, r = p->blur_r;
	int acc[3] = { 0, 0, 0 };
	for (int y = -r; y <= r; y++) {
		int cy = y < 0 ? 0 : (y >= H ? H - 1 : y);
		for (int c = 0; c < 3; c++)
			acc[c] += src[((size_t)cy * (size_t)W + (size_t)x) * 4 + c];
	}
	for (int y = 0; y < H; y++) {
		uint8_t *o = dst + ((size_t)y * (size_t)W + (size_t)x) * 4;
		for (int c = 0; c < 3; c++)
			o[c] = (uint8_t)(acc[c] / (2 * r + 1));
		o[3] = 255;
		int add = y + r + 1 >= H ? H - 1 : y + r + 1, sub = y - r < 0 ? 0 : y - r;
		for (int c = 0; c < 3; c++)
			acc[c] += src[((size_t)add * (size_t)W + (size_t)x) * 4 + c] -
				  src[((size_t)sub * (size_t)W + (size_t)x) * 4 + c];
	}
}

static void soft_h1(void *ctx, int y)
{
	struct post *p = ctx;
	box_row(p, p->base, p->orig, y);
}
static void soft_v1(void *ctx, int x)
{
	struct post *p = ctx;
	box_col(p, p->orig, p->soft, x);
}
static void soft_h2(void *ctx, int y)
{
	struct post *p = ctx;
	box_row(p, p->soft, p->orig, y);
}
static void soft_v2(void *ctx, int x)
{
	struct post *p = ctx;
	box_col(p, p->orig, p->soft, x);
}

/* Distance along the view of pixel x, y (infinity for the sky). */
static float depth_at(const struct post *p, int x, int y)
{
	uint16_t v = p->f->depth[fbuf_at(p->f, x, y)];
	if (v >= 65534)
		return 1e30f;
	return exp2f(((float)v - 32768.0f) / 1024.0f);
}

static void effects_row(void *ctx, int y)
{
	struct post *p = ctx;
	unsigned fx = p->w->effects;
	float sc = fmaxf(p->sc, 0.125f);
	for (int x = 0; x < p->W; x++) {
		uint8_t *o = p->base + ((size_t)y * (size_t)p->W + (size_t)x) * 4;
		v3 c = get(p, p->base, x, y);
		if (fx & FX_BLUR) {
			c = get(p, p->soft, x, y);
		} else if (fx & FX_BOKEH) {
			/* The subject stays sharp; the ground and the sky behind it go soft. */
			if (id_at(p, x, y) == 0)
				c = get(p, p->soft, x, y);
		}
		if (fx & FX_FOG) {
			float d = depth_at(p, x, y);
			float k = d > 1e29f ? 0.85f : 1.0f - expf(-fmaxf(d - 2.0f, 0.0f) * 0.13f);
			c = v3lerp(c, v3m(0.80f, 0.82f, 0.84f), clampf(k, 0.0f, 0.85f));
		}
		if (fx & FX_RAIN) {
			/* A grey day, and slanted streaks of rain in front of everything. */
			c = v3scale(saturate(c, 0.8f), 0.9f);
			float spacing = 9.0f * sc + 2.0f, len = 30.0f * sc + 4.0f;
			float u = (float)x + 0.22f * (float)y;
			int col = (int)floorf(u / spacing);
			float off = u - (float)col * spacing;
			float shift = unitf(hash4((uint32_t)col, 0x5a1U, p->seed, 7)) * len * 4.0f;
			int seg = (int)floorf(((float)y + shift) / len);
			float pos = ((float)y + shift) / len - (float)seg;
			bool drop = n2(p->seed ^ 0x7a1dU, col, seg) < 0.35f;
			if (drop && off < fmaxf(1.0f, 1.3f * sc) && pos < 0.7f)
				c = v3lerp(c, v3m(0.86f, 0.88f, 0.92f), 0.55f * (1.0f - pos / 0.7f) + 0.15f);
		}
		put(o, c.x, c.y, c.z);
	}
}

/* ---- edges ---- */

static void edge_row(void *ctx, int y)
{
	struct post *p = ctx;
	const struct fbuf *f = p->f;
	for (int x = 0; x < p->W; x++) {
		size_t i = fbuf_at(f, x, y);
		int e = 0;
		static const int dx[2] = {1, 0}, dy[2] = {0, 1};
		v3 n = nrm_unpack(&f->nrm[i * 2]);
		for (int k = 0; k < 2; k++) {
			int nx = x + dx[k], ny = y + dy[k];
			if (nx >= p->W || ny >= p->H)
				continue;
			size_t q = fbuf_at(f, nx, ny);
			if (f->id[q] != f->id[i]) {
				e = 255;
				break;
			}
			if (f->id[i] == 0)
				continue; /* ground and sky: only silhouettes */
			if (abs((int)f->depth[q] - (int)f->depth[i]) > 90) {
				e = 255;
				break;
			}
			float d = v3dot(n, nrm_unpack(&f->nrm[q * 2]));
			if (d < 0.8f && e < 200)
				e = 200;
		}
		p->tmp[(size_t)y * (size_t)p->W + (size_t)x] = (uint8_t)e;
	}
}

static void dilate_h(void *ctx, int y)
{
	struct post *p = ctx;
	int r = p->line;
	const uint8_t *src = p->tmp + (size_t)y * (size_t)p->W;
	uint8_t *dst = p->edge + (size_t)y * (size_t)p->W;
	for (int x = 0; x < p->W; x++) {
		int m = 0;
		for (int k = -r; k <= r; k++) {
			int xx = x + k;
			if (xx >= 0 && xx < p->W && src[xx] > m)
				m = src[xx];
		}
		dst[x] = (uint8_t)m;
	}
}

static void dilate_v(void *ctx, int x)
{
	struct post *p = ctx;
	int r = p->line;
	for (int y = 0; y < p->H; y++) {
		int m = 0;
		for (int k = -r; k <= r; k++) {
			int yy = y + k;
			if (yy >= 0 && yy < p->H) {
				int v = p->edge[(size_t)yy * (size_t)p->W + (size_t)x];
				if (v > m)
					m = v;
			}
		}
		p->tmp[(size_t)y * (size_t)p->W + (size_t)x] = (uint8_t)m;
	}
}

/* ---- styles, one output row at a time ---- */

static v3 paper(const struct post *p, int x, int y, v3 tint)
{
	float s = p->sc > 0.05f ? p->sc : 0.05f;
	float n = pix_noise2((float)x * 0.35f / s, (float)y * 0.35f / s, 3U);
	float fib = pix_noise2((float)x * 0.05f / s, (float)y * 0.6f / s, 9U);
	return v3scale(tint, 0.95f + 0.035f * n + 0.015f * fib);
}

static v3 style_sketch(const struct post *p, int x, int y)
{
	v3 c = get(p, p->base, x, y);
	float l = lumaf(c);
	float per = fmaxf(3.0f, 7.0f * p->sc);
	float s = p->sc > 0.05f ? p->sc : 0.05f;
	float wob = pix_noise2((float)x * 0.04f / s, (float)y * 0.04f / s, 1U);
	float dark = 0;
	float h1 = (float)(x + y) / per + wob * 0.8f;
	h1 -= floorf(h1);
	if (l < 0.85f && h1 < 0.12f + 0.55f * (0.85f - l))
		dark = 0.45f;
	float h2 = (float)(x - y) / per + wob * 0.6f;
	h2 -= floorf(h2);
	if (l < 0.5f && h2 < 0.1f + 0.6f * (0.5f - l))
		dark = fmaxf(dark, 0.55f);
	float h3 = (float)y / (per * 0.8f) + wob * 0.5f;
	h3 -= floorf(h3);
	if (l < 0.22f && h3 < 0.45f)
		dark = fmaxf(dark, 0.7f);
	dark *= 0.7f + 0.3f * n2(p->seed, x, y);
	dark = fmaxf(dark, 0.85f * edge_at(p, x, y));
	v3 pap = paper(p, x, y, v3m(0.97f, 0.96f, 0.93f));
	return v3lerp(pap, v3m(0.18f, 0.18f, 0.2f), dark);
}

static v3 style_gingerbread(const struct post *p, int x, int y)
{
	v3 c = get(p, p->base, x, y);
	int id = id_at(p, x, y);
	float e = edge_at(p, x, y);
	v3 icing = v3m(0.98f, 0.96f, 0.92f);
	if (id == 0) {
		v3 bg = v3lerp(c, v3m(0.55f, 0.12f, 0.10f), 0.55f);
		return v3lerp(bg, icing, e);
	}
	float l = lumaf(c);
	v3 cookie = v3lerp(v3m(0.33f, 0.16f, 0.06f), v3m(0.80f, 0.52f, 0.25f), powf(l, 0.8f));
	cookie = v3lerp(cookie, c, 0.18f);
	float pore = n2(p->seed, x / (int)fmaxf(1, 2 * p->sc), y / (int)fmaxf(1, 2 * p->sc));
	cookie = v3scale(cookie, pore < 0.06f ? 0.8f : 0.95f + 0.08f * pore);
	/* Icing dots in a loose grid over the cookie. */
	float cell = fmaxf(6.0f, 28.0f * p->sc);
	float gx = (float)x / cell, gy = (float)y / cell;
	float fx = gx - floorf(gx) - 0.5f, fy = gy - floorf(gy) - 0.5f;
	if (((int)floorf(gx) + (int)floorf(gy)) % 3 == 0 && fx * fx + fy * fy < 0.012f)
		cookie = icing;
	return v3lerp(cookie, icing, e);
}

static v3 style_postcard(const struct post *p, int x, int y)
{
	int m = p->W < p->H ? p->W : p->H;
	float border = 0.06f * (float)m;
	float dx = fminf((float)x, (float)(p->W - 1 - x)),
	      dy = fminf((float)y, (float)(p->H - 1 - y));
	float d = fminf(dx, dy);
	v3 cream = paper(p, x, y, v3m(0.96f, 0.92f, 0.80f));
	if (d < border) {
		float lw = fmaxf(1.0f, 1.5f * p->sc);
		if (fabsf(d - border * 0.55f) < lw)
			return v3m(0.70f, 0.45f, 0.42f);
		return cream;
	}
	v3 acc = v3m(0, 0, 0);
	int r = p->sc > 0.4f ? 1 : 0;
	int n = 0;
	for (int j = -r; j <= r; j++)
		for (int i = -r; i <= r; i++, n++)
			acc = v3add(acc, get(p, p->base, x + i, y + j));
	v3 c = v3scale(acc, 1.0f / (float)n);
	c = saturate(c, 0.75f);
	c = v3lerp(c, v3m(1, 1, 1), 0.22f);
	c = v3add(c, v3m(0.04f, 0.0f, 0.03f));
	c = v3add(v3m(0.5f, 0.5f, 0.5f), v3scale(v3sub(c, v3m(0.5f, 0.5f, 0.5f)), 0.85f));
	float grain = (n2(p->seed, x, y) - 0.5f) * 0.03f;
	c = v3add(c, v3m(grain, grain, grain));
	return v3mul(c, v3scale(cream, 1.0f / 0.96f));
}

static v3 style_watercolor(const struct post *p, int x, int y)
{
	float s = p->sc > 0.05f ? p->sc : 0.05f;
	float ox =
	    (pix_noise2((float)x * 0.025f / s, (float)y * 0.025f / s, 5U) - 0.5f) * 14.0f * s;
	float oy =
	    (pix_noise2((float)x * 0.025f / s, (float)y * 0.025f / s, 8U) - 0.5f) * 14.0f * s;
	int r = (int)fmaxf(1.0f, 2.5f * s);
	static const int tx[9] = {0, 1, -1, 0, 0, 1, -1, 1, -1};
	static const int ty[9] = {0, 0, 0, 1, -1, 1, 1, -1, -1};
	v3 acc = v3m(0, 0, 0);
	for (int k = 0; k < 9; k++)
		acc = v3add(acc, get(p, p->base, x + (int)ox + tx[k] * r, y + (int)oy + ty[k] * r));
	v3 c = v3scale(acc, 1.0f / 9.0f);
	/* Pigment pools at the borders of a wash. */
	int ex = clampf((float)x + ox * 0.5f, 0, (float)(p->W - 1)),
	    ey = clampf((float)y + oy * 0.5f, 0, (float)(p->H - 1));
	float e = edge_at(p, ex, ey);
	c = v3scale(c, 1.0f - 0.22f * e);
	v3 q = v3m(floorf(c.x * 5.0f + 0.5f) / 5.0f, floorf(c.y * 5.0f + 0.5f) / 5.0f,
		   floorf(c.z * 5.0f + 0.5f) / 5.0f);
	c = v3lerp(c, q, 0.3f);
	c = v3sub(v3m(1, 1, 1), v3scale(v3sub(v3m(1, 1, 1), c), 0.82f));
	float gran = pix_noise2((float)x * 0.5f / s, (float)y * 0.5f / s, 2U);
	c = v3scale(c, 0.94f + 0.06f * gran);
	return v3mul(c, paper(p, x, y, v3m(1.0f, 0.985f, 0.95f)));
}

static v3 style_oil(const struct post *p, int x, int y)
{
	int r = (int)fmaxf(2.0f, 6.0f * p->sc + 0.5f);
	int step = r >= 6 ? r / 2 : 1;
	v3 best = v3m(0, 0, 0);
	float bestv = 1e30f;
	for (int q = 0; q < 4; q++) {
		int sx = (q & 1) ? 1 : -1, sy = (q & 2) ? 1 : -1;
		v3 sum = v3m(0, 0, 0);
		float sl = 0, sl2 = 0;
		int n = 0;
		for (int j = 0; j <= r; j += step) {
			for (int i = 0; i <= r; i += step) {
				v3 c = get(p, p->base, x + sx * i, y + sy * j);
				float l = lumaf(c);
				sum = v3add(sum, c);
				sl += l;
				sl2 += l * l;
				n++;
			}
		}
		float mean = sl / (float)n, var = sl2 / (float)n - mean * mean;
		if (var < bestv) {
			bestv = var;
			best = v3scale(sum, 1.0f / (float)n);
		}
	}
	/* Strokes follow the edges: streaky noise along the brightness contours. */
	v3 cx = v3sub(get(p, p->base, x + 2, y), get(p, p->base, x - 2, y));
	v3 cy = v3sub(get(p, p->base, x, y + 2), get(p, p->base, x, y - 2));
	float gx = lumaf(cx), gy = lumaf(cy);
	/* Along the contour: the gradient turned a quarter. */
	float gl = sqrtf(gx * gx + gy * gy);
	float ca = gl > 1e-6f ? -gy / gl : 1.0f, sa = gl > 1e-6f ? gx / gl : 0.0f;
	float s = p->sc > 0.05f ? p->sc : 0.05f;
	float u = ((float)x * ca + (float)y * sa) * 0.06f / s;
	float v = (-(float)x * sa + (float)y * ca) * 0.6f / s;
	float stroke = pix_noise2(u, v, 4U);
	best = saturate(best, 1.2f);
	best = v3scale(best, 0.9f + 0.2f * stroke);
	float weave = 1.0f + 0.04f * sinf((float)x * 2.0f / s) * sinf((float)y * 2.0f / s);
	/* Warm varnish over a cream canvas. */
	return v3mul(v3scale(best, weave), v3m(0.98f, 0.92f, 0.80f));
}

/*
 * DawnBringer's 32-colour palette, without its pure white: a pixel-art sky or
 * studio wall reads as the palette's pale blue, as in the games.
 */
static const uint8_t pixel_palette[][3] = {
    {0, 0, 0},	     {34, 32, 52},    {69, 40, 60},    {102, 57, 49},	{143, 86, 59},
    {223, 113, 38},  {217, 160, 102}, {238, 195, 154}, {251, 242, 54},	{153, 229, 80},
    {106, 190, 48},  {55, 148, 110},  {75, 105, 47},   {82, 75, 36},	{50, 60, 57},
    {63, 63, 116},   {48, 96, 130},   {91, 110, 225},  {99, 155, 255},	{95, 205, 228},
    {203, 219, 252}, {155, 173, 183}, {132, 126, 135}, {105, 106, 106}, {89, 86, 82},
    {118, 66, 138},  {172, 50, 50},   {217, 87, 99},   {215, 123, 186}, {143, 151, 74},
    {138, 111, 48},
};

static v3 style_pixel(const struct post *p, int x, int y)
{
	int b = (int)fmaxf(1.0f, 8.0f * p->sc + 0.5f);
	int bx = x / b * b + b / 2, by = y / b * b + b / 2;
	bx = bx >= p->W ? p->W - 1 : bx;
	by = by >= p->H ? p->H - 1 : by;
	v3 c = get(p, p->base, bx, by);
	if (edge_at(p, bx, by) > 0.5f)
		c = v3scale(c, 0.35f);
	int bi = 0;
	float bd = 1e30f;
	for (size_t i = 0; i < sizeof(pixel_palette) / sizeof(pixel_palette[0]); i++) {
		float dr = c.x - pixel_palette[i][0] / 255.0f,
		      dg = c.y - pixel_palette[i][1] / 255.0f,
		      db = c.z - pixel_palette[i][2] / 255.0f;
		float d = 0.3f * dr * dr + 0.59f * dg * dg + 0.11f * db * db;
		if (d < bd) {
			bd = d;
			bi = (int)i;
		}
	}
	return v3m(pixel_palette[bi][0] / 255.0f, pixel_palette[bi][1] / 255.0f,
		   pixel_palette[bi][2] / 255.0f);
}

static v3 vivid(v3 c)
{
	c = saturate(c, 1.8f);
	c = v3m(fmaxf(c.x, 0), fmaxf(c.y, 0), fmaxf(c.z, 0));
	float m = v3max(c);
	if (m < 0.05f)
		return v3m(0.3f, 0.9f, 1.0f);
	return v3scale(c, 1.0f / m);
}

/* Neon's glow source: the edges in their object's vivid colour, at a quarter size. */
static void neon_src_row(void *ctx, int by)
{
	struct post *p = ctx;
	for (int bx = 0; bx < p->bw; bx++) {
		v3 acc = v3m(0, 0, 0);
		int n = 0;
		for (int y = by * 4; y < by * 4 + 4 && y < p->H; y++)
			for (int x = bx * 4; x < bx * 4 + 4 && x < p->W; x++, n++)
				acc = v3madd(acc, vivid(get(p, p->base, x, y)), edge_at(p, x, y));
		float *b = &p->bloom[((size_t)by * (size_t)p->bw + (size_t)bx) * 3];
		b[0] = n ? acc.x / (float)n : 0;
		b[1] = n ? acc.y / (float)n : 0;
		b[2] = n ? acc.z / (float)n : 0;
	}
}

static v3 style_neon(const struct post *p, int x, int y)
{
	v3 c = get(p, p->base, x, y);
	int id = id_at(p, x, y);
	v3 bg = v3m(0.02f, 0.01f, 0.05f);
	float fy = (float)y / (float)p->H;
	bg = v3add(bg, v3scale(v3m(0.05f, 0.0f, 0.08f), fy));
	v3 col =
	    id == 0 ? v3add(bg, v3scale(c, 0.05f)) : v3add(bg, v3scale(saturate(c, 1.4f), 0.22f));
	float e = edge_at(p, x, y);
	v3 vc = vivid(c);
	col = v3add(col, v3scale(v3lerp(vc, v3m(1, 1, 1), 0.35f), e));
	col = v3madd(col, bloom_at(p, x, y), 2.2f);
	return col;
}

/* A soft two-colour backdrop, like the painted sets of stop motion and toy photography. */
static v3 backdrop_color(const struct post *p, int y, v3 top, v3 bottom)
{
	return v3lerp(top, bottom, (float)y / (float)(p->H > 1 ? p->H - 1 : 1));
}

static v3 style_clay(const struct post *p, int x, int y)
{
	v3 c = saturate(get(p, p->base, x, y), 1.3f);
	if (id_at(p, x, y) == 0)
		c = v3mul(c, backdrop_color(p, y, v3m(0.78f, 0.88f, 0.95f), v3m(0.98f, 0.84f, 0.72f)));
	c = v3mul(c, v3m(1.04f, 1.0f, 0.95f));
	c = v3add(v3m(0.5f, 0.5f, 0.5f), v3scale(v3sub(c, v3m(0.5f, 0.5f, 0.5f)), 1.08f));
	float g = (n2(p->seed, x, y) - 0.5f) * 0.025f;
	return v3add(c, v3m(g, g, g));
}

static v3 style_blueprint(const struct post *p, int x, int y)
{
	v3 bg = v3m(0.09f, 0.27f, 0.55f);
	float g = fmaxf(4.0f, 24.0f * p->sc);
	float lw = fmaxf(1.0f, p->sc);
	float mx = fmodf((float)x, g), my = fmodf((float)y, g);
	if (mx < lw || my < lw)
		bg = v3add(bg, v3m(0.05f, 0.07f, 0.08f));
	float mx4 = fmodf((float)x, 4 * g), my4 = fmodf((float)y, 4 * g);
	if (mx4 < lw || my4 < lw)
		bg = v3add(bg, v3m(0.07f, 0.09f, 0.1f));
	int id = id_at(p, x, y);
	if (id != 0) {
		float l = lumaf(get(p, p->base, x, y));
		bg = v3add(v3m(0.12f, 0.32f, 0.62f), v3scale(v3m(0.1f, 0.12f, 0.14f), l));
	}
	float n = (pix_noise2((float)x * 0.2f, (float)y * 0.2f, 6U) - 0.5f) * 0.04f;
	bg = v3add(bg, v3m(n, n, n));
	return v3lerp(bg, v3m(0.93f, 0.96f, 1.0f), edge_at(p, x, y));
}

static v3 style_popart(const struct post *p, int x, int y)
{
	v3 c = get(p, p->base, x, y);
	int id = id_at(p, x, y);
	float cell = fmaxf(3.0f, 10.0f * p->sc);
	float u = ((float)x + (float)y) * 0.7071f / cell,
	      v = ((float)x - (float)y) * 0.7071f / cell;
	float fu = u - floorf(u) - 0.5f, fv = v - floorf(v) - 0.5f;
	float d2 = fu * fu + fv * fv;
	static const v3 bgs[3] = {{1.0f, 0.84f, 0.05f}, {0.15f, 0.8f, 0.95f}, {1.0f, 0.42f, 0.7f}};
	if (id == 0) {
		v3 bg = bgs[p->seed % 3];
		float l = lumaf(c);
		float rad = 0.12f + 0.2f * (1.0f - l);
		if (d2 < rad * rad)
			bg = v3scale(bg, 0.8f);
		return v3lerp(bg, v3m(0, 0, 0), edge_at(p, x, y));
	}
	float chroma = v3max(c) - fminf(c.x, fminf(c.y, c.z));
	c = saturate(c, chroma > 0.15f ? 1.7f : 1.0f);
	v3 q = v3m(floorf(clampf(c.x, 0, 1) * 2.0f + 0.5f) / 2.0f,
		   floorf(clampf(c.y, 0, 1) * 2.0f + 0.5f) / 2.0f,
		   floorf(clampf(c.z, 0, 1) * 2.0f + 0.5f) / 2.0f);
	float l = lumaf(c);
	float rad = 0.5f * sqrtf(clampf(1.0f - l * 1.4f, 0, 1));
	if (d2 < rad * rad)
		q = v3scale(q, 0.55f);
	return v3lerp(q, v3m(0, 0, 0), edge_at(p, x, y));
}

static v3 style_vintage(const struct post *p, int x, int y)
{
	v3 c = v3scale(v3add(v3add(get(p, p->base, x, y), get(p, p->base, x + 1, y)),
			     v3add(get(p, p->base, x, y + 1), get(p, p->base, x - 1, y))),
		       0.25f);
	float l = lumaf(c);
	v3 sep = v3m(l * 1.0f + 0.08f, l * 0.86f + 0.04f, l * 0.62f);
	c = v3lerp(c, sep, 0.8f);
	c = v3add(v3m(0.09f, 0.08f, 0.06f), v3scale(c, 0.8f));
	float grain = (n2(p->seed, x, y) - 0.5f) * 0.09f;
	c = v3add(c, v3m(grain, grain, grain));
	float dx = (float)x / (float)p->W - 0.5f, dy = (float)y / (float)p->H - 0.5f;
	float r2 = (dx * dx + dy * dy) * 2.0f;
	c = v3scale(c, 1.0f - 0.6f * powf(r2, 1.5f));
	int col = (int)((float)x / fmaxf(1.0f, p->sc));
	uint32_t hs = hash4((uint32_t)col, p->seed, 0x5c7aU, 1);
	if (unitf(hs) < 0.004f && pix_noise2((float)y * 0.02f, (float)col, 1U) > 0.45f)
		c = v3add(c, v3m(0.15f, 0.13f, 0.1f));
	return c;
}

static v3 style_lowpoly(const struct post *p, int x, int y)
{
	int id = id_at(p, x, y);
	v3 c = get(p, p->base, x, y);
	if (id == 0) {
		/* The background as a mosaic of flat triangles over a gradient. */
		float cell = fmaxf(4.0f, 56.0f * p->sc);
		float gx = (float)x / cell, gy = (float)y / cell;
		float cx = floorf(gx), cy = floorf(gy), fx = gx - cx, fy = gy - cy;
		bool upper = fx > fy;
		float tx = cx + (upper ? 0.667f : 0.333f), ty = cy + (upper ? 0.333f : 0.667f);
		int sx = (int)(tx * cell), sy = (int)(ty * cell);
		if (id_at(p, sx, sy) == 0)
			c = get(p, p->base, sx, sy);
		else
			sy = y;
		c = v3mul(c, backdrop_color(p, sy, v3m(0.70f, 0.85f, 0.92f), v3m(0.95f, 0.86f, 0.74f)));
		float k = 0.92f + 0.12f * unitf(hash4((uint32_t)cx, (uint32_t)cy, upper, p->seed));
		c = v3scale(c, k);
	}
	return saturate(c, 1.12f);
}

static v3 style_comic(const struct post *p, int x, int y)
{
	v3 c = saturate(get(p, p->base, x, y), 1.35f);
	float l = lumaf(c);
	if (id_at(p, x, y) == 0) {
		/* Newsprint behind: a warm paper with light Ben-Day dots. */
		c = v3mul(c, v3m(1.0f, 0.95f, 0.8f));
		float cell = fmaxf(3.0f, 9.0f * p->sc);
		float u = (float)(x + y) * 0.7071f / cell, v = (float)(x - y) * 0.7071f / cell;
		float fu = u - floorf(u) - 0.5f, fv = v - floorf(v) - 0.5f;
		if (fu * fu + fv * fv < 0.04f)
			c = v3mul(c, v3m(0.95f, 0.8f, 0.7f));
	} else if (l < 0.45f) {
		float cell = fmaxf(3.0f, 7.0f * p->sc);
		float u = (float)x / cell, v = (float)y / cell;
		float fu = u - floorf(u) - 0.5f, fv = v - floorf(v) - 0.5f;
		if (fu * fu + fv * fv < 0.06f)
			c = v3scale(c, 0.6f);
	}
	return v3lerp(c, v3m(0.03f, 0.03f, 0.05f), edge_at(p, x, y));
}

static v3 toy_px(const struct post *p, int x, int y)
{
	v3 c = get(p, p->base, x, y);
	if (id_at(p, x, y) == 0)
		c = v3mul(c, backdrop_color(p, y, v3m(0.62f, 0.80f, 0.95f), v3m(0.80f, 0.93f, 0.85f)));
	return c;
}

static v3 style_toy(const struct post *p, int x, int y)
{
	float t = fabsf((float)y / (float)p->H - 0.55f);
	float rb = smoothstepf(0.12f, 0.5f, t) * 7.0f * p->sc;
	v3 c = toy_px(p, x, y);
	if (rb >= 0.6f) {
		for (int k = 0; k < 8; k++) {
			float a = (float)k * 0.7854f;
			c = v3add(c, toy_px(p, x + (int)lrintf(rb * cosf(a)),
					    y + (int)lrintf(rb * sinf(a))));
		}
		c = v3scale(c, 1.0f / 9.0f);
	}
	c = saturate(c, 1.3f);
	return v3add(v3m(0.5f, 0.5f, 0.5f), v3scale(v3sub(c, v3m(0.5f, 0.5f, 0.5f)), 1.08f));
}

static void style_row(void *ctx, int y)
{
	struct post *p = ctx;
	for (int x = 0; x < p->W; x++) {
		v3 c;
		switch (p->st->post) {
		case POST_SKETCH: c = style_sketch(p, x, y); break;
		case POST_GINGERBREAD: c = style_gingerbread(p, x, y); break;
		case POST_POSTCARD: c = style_postcard(p, x, y); break;
		case POST_WATERCOLOR: c = style_watercolor(p, x, y); break;
		case POST_OIL: c = style_oil(p, x, y); break;
		case POST_PIXEL: c = style_pixel(p, x, y); break;
		case POST_NEON: c = style_neon(p, x, y); break;
		case POST_CLAY: c = style_clay(p, x, y); break;
		case POST_BLUEPRINT: c = style_blueprint(p, x, y); break;
		case POST_POPART: c = style_popart(p, x, y); break;
		case POST_VINTAGE: c = style_vintage(p, x, y); break;
		case POST_LOWPOLY: c = style_lowpoly(p, x, y); break;
		case POST_COMIC: c = style_comic(p, x, y); break;
		case POST_TOY: c = style_toy(p, x, y); break;
		default: c = get(p, p->base, x, y); break;
		}
		put(p->out + ((size_t)y * (size_t)p->W + (size_t)x) * 4, c.x, c.y, c.z);
	}
}

/* Outline width per style, in pixels at 1024 wide. */
static float style_line(int post)
{
	switch (post) {
	case POST_SKETCH: return 1.0f;
	case POST_GINGERBREAD: return 2.5f;
	case POST_WATERCOLOR: return 1.5f;
	case POST_PIXEL: return 2.0f;
	case POST_NEON: return 1.5f;
	case POST_BLUEPRINT: return 1.0f;
	case POST_POPART: return 3.0f;
	case POST_COMIC: return 2.0f;
	default: return -1.0f; /* no edges needed */
	}
}

int post_process(const struct world *w, const struct fbuf *f, uint8_t *rgba, int threads)
{
	pthread_once(&lut_once, lut_init);
	struct post p;
	memset(&p, 0, sizeof p);
	int rc = -1;
	p.w = w;
	p.f = f;
	p.W = f->w;
	p.H = f->h;
	p.sc = (float)p.W / 1024.0f;
	p.out = rgba;
	p.st = w->style;
	p.seed = w->seed;
	size_t px = (size_t)p.W * (size_t)p.H;
	p.bw = (p.W + 3) / 4;
	p.bh = (p.H + 3) / 4;
	p.brad = (int)fmaxf(1.0f, (float)p.bw / 90.0f);
	p.bloom = malloc((size_t)p.bw * (size_t)p.bh * 3 * sizeof(float));
	p.btmp = malloc((size_t)p.bw * (size_t)p.bh * 3 * sizeof(float));
	bool styled = p.st->post != POST_NONE;
	p.base = styled ? malloc(px * 4) : rgba;
	p.edge = malloc(px);
	p.tmp = malloc(px);
	if (!p.bloom || !p.btmp || !p.base || !p.edge || !p.tmp)
		goto out;

	grade_prepare(&p);
	p.bloom_gain = 0.35f;
	pix_parallel(threads, p.bh, bright_row, &p);
	bloom_blur(&p, threads);
	pix_parallel(threads, p.H, tone_row, &p);
	if (traits_drawn(w)) {
		p.orig = malloc(px * 4);
		if (p.orig == NULL)
			goto out;
		memcpy(p.orig, p.base, px * 4);
		pix_parallel(threads, p.H, traits_row, &p);
	}
	if (w->effects & (FX_BLUR | FX_BOKEH)) {
		/* Two box passes each way: close to a Gaussian of the picture. */
		p.blur_r = (int)fmaxf(1.0f, ((w->effects & FX_BLUR) ? 5.0f : 9.0f) * p.sc);
		if (p.orig == NULL)
			p.orig = malloc(px * 4);
		p.soft = malloc(px * 4);
		if (p.orig == NULL || p.soft == NULL)
			goto out;
		pix_parallel(threads, p.H, soft_h1, &p);
		pix_parallel(threads, p.W, soft_v1, &p);
		pix_parallel(threads, p.H, soft_h2, &p);
		pix_parallel(threads, p.W, soft_v2, &p);
	}
	if (w->effects)
		pix_parallel(threads, p.H, effects_row, &p);
	if (!styled) {
		rc = 0;
		goto out;
	}
	float line = style_line(p.st->post);
	if (line >= 0) {
		pix_parallel(threads, p.H, edge_row, &p);
		p.line = (int)(line * p.sc * 0.5f + 0.25f);
		/* tmp holds the thin edges: dilate into edge (rows), then back into tmp (columns).
		 */
		pix_parallel(threads, p.H, dilate_h, &p);
		pix_parallel(threads, p.W, dilate_v, &p);
		uint8_t *t = p.edge;
		p.edge = p.tmp;
		p.tmp = t;
	} else {
		memset(p.edge, 0, px);
	}
	if (p.st->post == POST_NEON) {
		pix_parallel(threads, p.bh, neon_src_row, &p);
		p.brad = (int)fmaxf(1.0f, (float)p.bw / 60.0f);
		bloom_blur(&p, threads);
	}
	pix_parallel(threads, p.H, style_row, &p);
	rc = 0;
out:
	free(p.orig);
	free(p.soft);
	free(p.bloom);
	free(p.btmp);
	if (p.base != rgba)
		free(p.base);
	free(p.edge);
	free(p.tmp);
	return rc;
}
