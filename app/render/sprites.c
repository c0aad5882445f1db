/*
 * sprites: emoji artwork (artwork.h) placed in the 3D scene as upright
 * cards. A card is a square primitive that rays hit only where its raster is
 * opaque, so it occludes and is occluded by depth, casts a shadow shaped like
 * the artwork in the scene's light, shows in reflections, and gets ambient
 * occlusion at its feet like any other object.
 *
 * Layout sizes a card from the artwork's real-world height and its opaque
 * part (measured on a small probe raster), so its feet touch the ground;
 * sprites_finish() then leans each card towards the camera (less than fully,
 * so it still stands) and asks for a raster at the size it shows on screen.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "artwork.h"
#include "pixels.h"

#define PROBE_SIDE 96

float sprites_height(int art)
{
	const struct art_info *ai = art_info(art);
	float h = ai ? ai->height : 0.5f;
	/* Real sizes compressed so an ant and a house can share a frame: a cat ~0.7, a house ~2.5.
	 */
	return clampf(1.1f * powf(fmaxf(h, 0.005f), 0.4f), 0.22f, 4.5f);
}

bool sprites_floats(int art)
{
	const struct art_info *ai = art_info(art);
	return ai && (ai->flags & ART_FLOATS);
}

bool sprites_headed(int art)
{
	const struct art_info *ai = art_info(art);
	return ai && (ai->flags & (ART_ANIMAL | ART_PERSON));
}

/* Things sat or lain on, whose seat is below their top (a backrest, a headboard, a lamp). */
bool sprites_seat(int art)
{
	static const char *const seats[] = { "couch and lamp", "chair", "bed", "seat", "toilet",
					     "bathtub" };
	const struct art_info *ai = art_info(art);
	for (size_t k = 0; ai && k < sizeof seats / sizeof seats[0]; k++)
		if (strcmp(ai->name, seats[k]) == 0)
			return true;
	return false;
}

bool sprites_surface(const struct world *w, int inst, float xlo, float xhi, bool seat, float *y)
{
	const struct instance *in = &w->inst[inst];
	if (in->art < 0 || in->nprims < 1 || w->prims[in->first].kind != PRIM_CARD)
		return false;
	const struct prim *p = &w->prims[in->first];
	struct art_raster *r = art_raster_get(in->art, PROBE_SIDE);
	if (r == NULL)
		return false;
	int n = r->side < PROBE_SIDE ? r->side : PROBE_SIDE;
	int top[PROBE_SIDE], nop = 0, best = -1;
	/* Each column's first opaque row from the top; n where it has none. */
	for (int x = 0; x < n; x++) {
		top[x] = n;
		for (int yy = 0; yy < n; yy++)
			if (r->rgba[((size_t)yy * (size_t)r->side + (size_t)x) * 4 + 3] >= 128) {
				top[x] = yy;
				nop++;
				break;
			}
	}
	if (seat) {
		/* The lowest level a tenth of the columns share: the seat, not the backrest. */
		for (int x = 0; x < n; x++) {
			int cnt = 0;
			for (int k = 0; top[x] < n && k < n; k++)
				cnt += top[k] < n && abs(top[k] - top[x]) <= 2;
			if (top[x] < n && cnt * 10 >= nop && top[x] > best)
				best = top[x];
		}
	} else {
		/* The median top under the span: a lamp post or a horse's neck does not count. */
		float hs = p->param;
		float u0 = 0.5f * ((xlo - p->center.x) / hs + 1.0f) * (float)n;
		float u1 = 0.5f * ((xhi - p->center.x) / hs + 1.0f) * (float)n;
		if (p->mirror) {
			float t = u0;
			u0 = (float)n - u1;
			u1 = (float)n - t;
		}
		int c0 = (int)clampf(floorf(u0), 0, (float)(n - 1));
		int c1 = (int)clampf(ceilf(u1), 0, (float)(n - 1));
		int hist[PROBE_SIDE + 1], cnt = 0;
		memset(hist, 0, sizeof hist);
		for (int x = c0; x <= c1; x++)
			if (top[x] < n)
				hist[top[x]]++, cnt++;
		for (int t = 0, acc = 0; t < n && cnt > 0; t++) {
			acc += hist[t];
			if (2 * acc >= cnt) {
				best = t;
				break;
			}
		}
		/* Nothing under the span: the highest point. */
		for (int x = 0; x < n && best < 0; x++)
			if (top[x] < n && (best < 0 || top[x] < best))
				best = top[x];
	}
	art_raster_put(r);
	if (best < 0)
		return false;
	*y = p->center.y + p->param * (1.0f - 2.0f * (float)best / (float)n);
	return true;
}

static float srgb_to_linear(float c)
{
	return c <= 0.04045f ? c / 12.92f : powf((c + 0.055f) / 1.055f, 2.4f);
}

static float lut[256];
static pthread_once_t lut_once = PTHREAD_ONCE_INIT;
static void lut_make(void)
{
	for (int i = 0; i < 256; i++)
		lut[i] = srgb_to_linear((float)i / 255.0f);
}
static void lut_init(void)
{
	pthread_once(&lut_once, lut_make);
}

/*
 * The colour a substance gives artwork made of it, or x < 0 for a finish
 * (matte, glossy, plastic) that keeps the artwork's own colours.
 */
static v3 material_tint(enum material m)
{
	switch (m) {
	case MAT_GOLD: return v3m(1.0f, 0.71f, 0.29f);
	case MAT_METAL: return v3m(0.62f, 0.64f, 0.67f);
	case MAT_GLASS: return v3m(0.75f, 0.88f, 0.95f);
	case MAT_WOOD: return v3m(0.36f, 0.18f, 0.07f);
	case MAT_MARBLE: return v3m(0.8f, 0.8f, 0.78f);
	case MAT_STONE: return v3m(0.33f, 0.32f, 0.3f);
	case MAT_LEATHER: return v3m(0.26f, 0.11f, 0.04f);
	case MAT_PAPER: return v3m(0.85f, 0.82f, 0.72f);
	case MAT_ICE: return v3m(0.7f, 0.85f, 1.0f);
	case MAT_BRONZE: return v3m(0.72f, 0.45f, 0.2f);
	case MAT_COPPER: return v3m(0.95f, 0.64f, 0.54f);
	default: return v3m(-1.0f, 0, 0);
	}
}

/* Sets the card's transform: bottom centre b, axes R (right), U (up), N (normal), half side hs. */
static void card_place(struct prim *p, v3 b, v3 R, v3 U, v3 N, float hs)
{
	v3 c = v3madd(b, U, hs);
	float st = p->stretch > 0 ? p->stretch : 1.0f;
	v3 rows[3] = {v3scale(R, 1.0f / (hs * st)), v3scale(U, 1.0f / hs), N};
	for (int k = 0; k < 3; k++) {
		p->m[k * 3] = rows[k].x;
		p->m[k * 3 + 1] = rows[k].y;
		p->m[k * 3 + 2] = rows[k].z;
		p->t[k] = -v3dot(rows[k], c);
	}
	p->center = c;
	p->radius = hs * 1.4143f * fmaxf(st, 1.0f);
	p->param = hs;
}

int sprites_add(struct world *w, int art, const struct model_opts *mo, const float tint[4])
{
	if (w->ninst >= PIX_MAX_INSTANCES || w->nprims >= PIX_MAX_PRIMS)
		return -1;
	struct art_raster *probe = art_raster_get(art, PROBE_SIDE);
	if (probe == NULL)
		return -1;
	const float ext[6] = {probe->x0,     probe->y0,	    probe->x1,
			      probe->y1,     probe->head_x, probe->head_y};
	art_raster_put(probe);
	return sprites_card_add(w, art, ext, sprites_height(art) * mo->scale, (mo->seed >> 7) & 1,
				mo, tint);
}

int sprites_card_add(struct world *w, int art, const float ext[6], float H, bool mirror,
		     const struct model_opts *mo, const float tint[4])
{
	if (w->ninst >= PIX_MAX_INSTANCES || w->nprims >= PIX_MAX_PRIMS)
		return -1;
	lut_init();
	float x0 = ext[0], y0 = ext[1], x1 = ext[2], y1 = ext[3];
	float hx = ext[4], hy = ext[5];
	float oh = fmaxf(y1 - y0, 0.05f);
	float S = H / oh; /* the whole square's side */
	float hs = 0.5f * S;
	if (mirror) {
		float t = x0;
		x0 = 1.0f - x1;
		x1 = 1.0f - t;
		hx = 1.0f - hx;
	}
	int id = w->ninst;
	struct instance *in = &w->inst[id];
	memset(in, 0, sizeof *in);
	in->first = w->nprims;
	in->nprims = 1;
	in->group = mo->group;
	in->art = art;
	in->floating = sprites_floats(art);
	struct prim *p = &w->prims[w->nprims];
	memset(p, 0, sizeof *p);
	p->kind = PRIM_CARD;
	p->inst = (uint16_t)id;
	p->mirror = mirror;
	/* A slight tilt in its plane, different per instance: no two stand exactly alike. */
	p->roll =
	    (((float)((mo->seed >> 9) & 1023) / 1023.0f) - 0.5f) * 4.0f * 3.14159265f / 180.0f;
	memcpy(p->tint, tint, sizeof p->tint);
	p->surf = surface_make(MAT_MATTE, v3m(0.8f, 0.8f, 0.8f));
	if (mo->material > MAT_DEFAULT && mo->material < MAT__COUNT) {
		/*
		 * A material said of artwork: its sheen, reflections and grain, and for a
		 * substance with a colour of its own (gold, wood, ice) that colour carried
		 * by the artwork's shading, unless a colour was said too ("a red leather
		 * jacket" stays red).
		 */
		v3 mc = material_tint(mo->material);
		p->surf = surface_make(mo->material, mc);
		if (p->tint[3] <= 0 && mc.x >= 0) {
			p->tint[0] = p->surf.albedo.x;
			p->tint[1] = p->surf.albedo.y;
			p->tint[2] = p->surf.albedo.z;
			p->tint[3] = 0.85f;
		}
	}
	/* The square's bottom sits below the ground by its transparent margin. */
	v3 b = v3m(0, -(1.0f - y1) * S, 0);
	card_place(p, b, v3m(1, 0, 0), v3m(0, 1, 0), v3m(0, 0, 1), hs);
	float depth = 0.25f * (x1 - x0) * S;
	in->bmin = v3m((x0 - 0.5f) * S, 0, -0.5f * depth);
	in->bmax = v3m((x1 - 0.5f) * S, H, 0.5f * depth);
	in->has_head = sprites_headed(art);
	in->head = v3m((hx - x0) * S, (y1 - hy) * S, 0.5f * depth);
	in->center = v3scale(v3add(in->bmin, in->bmax), 0.5f);
	in->radius = 0.5f * v3len(v3sub(in->bmax, in->bmin)) + hs;
	w->nprims++;
	w->ninst++;
	return id;
}

int sprites_lie(struct world *w, int inst)
{
	struct instance *in = &w->inst[inst];
	if (in->art < 0 || in->nprims != 1 || w->prims[in->first].kind != PRIM_CARD)
		return -1;
	struct prim *p = &w->prims[in->first];
	struct art_raster *probe = art_raster_get(in->art, PROBE_SIDE);
	if (probe == NULL)
		return -1;
	float x0 = probe->x0, x1 = probe->x1, y0 = probe->y0, y1 = probe->y1;
	art_raster_put(probe);
	if (p->mirror) {
		float t = x0;
		x0 = 1.0f - x1;
		x1 = 1.0f - t;
	}
	float hs = p->param, S = 2.0f * hs;
	/*
	 * A quarter turn: the texture's u runs up the world, v runs left to right.
	 * The opaque columns x0..x1 become heights, the lowest on the ground; the
	 * rows y0..y1 become the width.
	 */
	p->lying = true;
	p->roll = 0.5f * 3.14159265f;
	float cx = 0.5f * (in->bmin.x + in->bmax.x);
	v3 c = v3m(cx, (0.5f - x0) * S, p->center.z);
	v3 R2 = v3m(0, 1, 0), U2 = v3m(-1, 0, 0);
	card_place(p, v3madd(c, U2, -hs), R2, U2, v3m(0, 0, 1), hs);
	float depth = in->bmax.z - in->bmin.z;
	in->bmin = v3m(cx + (y0 - 0.5f) * S, 0, c.z - 0.5f * depth);
	in->bmax = v3m(cx + (y1 - 0.5f) * S, (x1 - x0) * S, c.z + 0.5f * depth);
	in->center = v3scale(v3add(in->bmin, in->bmax), 0.5f);
	in->radius = 0.5f * v3len(v3sub(in->bmax, in->bmin)) + hs;
	in->has_head = false;
	return 0;
}

int sprites_finish(struct world *w, sprites_raster_fn *raster)
{
	const struct cam *c = &w->cam;
	for (int i = 0; i < w->nprims; i++) {
		struct prim *p = &w->prims[i];
		if (p->kind != PRIM_CARD)
			continue;
		float hs = p->param;
		v3 up = v3m(0, 1, 0);
		/* The bottom centre before turning: the card was upright, U = up. */
		v3 U0 = v3m(p->m[3] * hs, p->m[4] * hs, p->m[5] * hs);
		v3 b = v3madd(p->center, U0, -hs);
		v3 to = c->ortho ? v3scale(c->fwd, -1.0f) : v3sub(c->pos, p->center);
		v3 hd = v3m(to.x, 0, to.z);
		float hl = v3len(hd);
		hd = hl > 1e-6f ? v3scale(hd, 1.0f / hl) : v3m(0, 0, 1);
		float el = atan2f(to.y, fmaxf(hl, 1e-6f));
		float lean = clampf(el * 0.75f, 0.0f, 1.05f);
		v3 N = v3norm(v3add(v3scale(hd, cosf(lean)), v3scale(up, sinf(lean))));
		v3 R = v3norm(v3cross(up, N));
		v3 U = v3cross(N, R);
		float cr = cosf(p->roll), sr = sinf(p->roll);
		v3 R2 = v3add(v3scale(R, cr), v3scale(U, sr)),
		   U2 = v3sub(v3scale(U, cr), v3scale(R, sr));
		/* A card on its side turns about its centre, which sprites_lie() set. */
		if (p->lying)
			b = v3madd(p->center, U2, -hs);
		card_place(p, b, R2, U2, N, hs);
		/* The size it shows at: its side over the view's height, in pixels. */
		float dist =
		    c->ortho ? 1.0f : fmaxf(v3dot(v3sub(p->center, c->pos), c->fwd), 1e-3f);
		float view = c->ortho ? 2.0f * c->ortho_half : 2.0f * dist * c->tan_half;
		float px = 2.0f * hs / fmaxf(view, 1e-6f) * (float)w->height;
		float want = px * 1.15f;
		if (!(want > 32.0f))
			want = 32.0f; /* also NaN */
		if (want > (float)ART_MAX_SIDE)
			want = (float)ART_MAX_SIDE;
		int side = (int)ceilf(want / 16.0f) * 16;
		if (side < 32)
			side = 32;
		struct instance *in = &w->inst[p->inst];
		p->tex = raster(in, side);
		if (p->tex == NULL)
			return -1;
		/* Bounds grow to the leaning square's. */
		in->radius = fmaxf(in->radius, v3len(v3sub(p->center, in->center)) + p->radius);
	}
	return 0;
}

void sprites_release(struct world *w)
{
	for (int i = 0; w->prims && i < w->nprims; i++) {
		struct prim *p = &w->prims[i];
		if (p->kind == PRIM_CARD && p->tex) {
			art_raster_put((struct art_raster *)p->tex);
			p->tex = NULL;
		}
	}
}

/*
 * "Half eaten": three overlapping round bites out of the top right of the
 * artwork's opaque part, as teeth leave them; u, v are fractions of the raster.
 */
static bool bite_at(const struct art_raster *r, float u, float v)
{
	float w = r->x1 - r->x0, h = r->y1 - r->y0, s = fmaxf(w, h);
	static const float bites[3][3] = {{0.98f, 0.12f, 0.2f}, {0.9f, 0.34f, 0.19f},
					  {0.72f, 0.06f, 0.17f}};
	for (int k = 0; k < 3; k++) {
		float du = u - (r->x0 + bites[k][0] * w), dv = v - (r->y0 + bites[k][1] * h);
		float rad = bites[k][2] * s;
		if (du * du + dv * dv < rad * rad)
			return true;
	}
	return false;
}

/* "Triangular" (cut 1: a triangle standing on its base), "round" (2: the inscribed ellipse),
 * over the artwork's opaque part. */
static bool inside_cut(const struct art_raster *r, int cut, float u, float v)
{
	float w = fmaxf(r->x1 - r->x0, 1e-3f), h = fmaxf(r->y1 - r->y0, 1e-3f);
	float x = (u - r->x0) / w - 0.5f, y = (v - r->y0) / h;
	if (cut == 1)
		return fabsf(x) <= 0.5f * y;
	float yc = y - 0.5f;
	return x * x + yc * yc <= 0.25f;
}

bool sprites_texel(const struct prim *p, float lx, float ly, v3 *rgb, float *alpha)
{
	const struct art_raster *r = p->tex;
	if (r == NULL)
		return false;
	float u = 0.5f * (lx + 1.0f), v = 0.5f * (1.0f - ly);
	if (p->mirror)
		u = 1.0f - u;
	if ((p->bitten && bite_at(r, u, v)) || (p->cut && !inside_cut(r, p->cut, u, v))) {
		*alpha = 0;
		return false;
	}
	int n = r->side;
	float fx = u * (float)n - 0.5f, fy = v * (float)n - 0.5f;
	int ix = (int)floorf(fx), iy = (int)floorf(fy);
	float tx = fx - (float)ix, ty = fy - (float)iy;
	float acc[4] = {0, 0, 0, 0};
	for (int k = 0; k < 4; k++) {
		int x = ix + (k & 1), y = iy + (k >> 1);
		if (x < 0 || y < 0 || x >= n || y >= n)
			continue;
		float wgt = ((k & 1) ? tx : 1.0f - tx) * ((k >> 1) ? ty : 1.0f - ty);
		const uint8_t *q = r->rgba + ((size_t)y * (size_t)n + (size_t)x) * 4;
		float a = (float)q[3] * (1.0f / 255.0f) * wgt;
		acc[0] += lut[q[0]] * a;
		acc[1] += lut[q[1]] * a;
		acc[2] += lut[q[2]] * a;
		acc[3] += a;
	}
	*alpha = acc[3];
	if (acc[3] < 0.5f)
		return false;
	if (rgb) {
		v3 c = v3scale(v3m(acc[0], acc[1], acc[2]), 1.0f / acc[3]);
		if (p->tint[3] > 0) {
			/*
			 * A colour adjective: the artwork's shading carried by the named
			 * colour, as bright as the artwork was there (a purple dress said to
			 * be red becomes a red of the same lightness, not a dark purple),
			 * never brighter than the colour can be nor much brighter than the
			 * colour named, so a pale artwork said to be green reads as green, not
			 * mint, and one said to be navy or black stays dark.
			 */
			v3 tc = v3m(p->tint[0], p->tint[1], p->tint[2]);
			float lt = fmaxf(lumaf(tc), 0.02f);
			float mx = fmaxf(tc.x, fmaxf(tc.y, tc.z));
			float k = fminf(fminf(1.25f * lumaf(c) / lt, mx > 0 ? 1.0f / mx : 1.0f), 1.6f);
			c = v3lerp(c, v3scale(tc, k), p->tint[3]);
		}
		*rgb = c;
	}
	return true;
}
