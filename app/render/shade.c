/*
 * shade: lights, settings, materials and the shading of one camera sample.
 *
 * The model is the usual cheap-but-plausible one: Lambert diffuse and a
 * normalised Blinn-Phong lobe per lamp, soft shadows from a few stratified
 * rays towards an area light, short-range ray-traced ambient occlusion under
 * a sky/ground hemisphere ambient, mirror reflections faded by roughness,
 * refraction for glass, fog towards the horizon. Only camera rays pay for
 * several shadow and occlusion rays; reflected rays shade cheaply.
 *
 * Per-pixel sampling patterns are rotated by a hash of (seed, pixel), which
 * turns banding into fine grain that the edge pass and the styles absorb.
 */
#include <math.h>
#include <pthread.h>

#include "pixels.h"

#define PI 3.14159265f

/* ---- setup ---- */

static pthread_once_t tables_once;
static void tables_init(void);

static void lamp_set(struct lamp *l, v3 dir, v3 color, float spread, bool shadow)
{
	l->dir = v3norm(dir);
	l->color = color;
	l->spread = spread;
	l->tan_spread = tanf(spread);
	l->shadow = shadow;
}

void shade_setup(struct world *w)
{
	pthread_once(&tables_once, tables_init);
	struct prng r = {hash32(w->seed ^ 0x11a9U)};
	float jx = prng_range(&r, -0.15f, 0.15f), jy = prng_range(&r, -0.08f, 0.08f);
	enum light lt = w->light;
	/* A setting picks the light when the scene did not. */
	if (lt == LIGHT_DEFAULT) {
		switch (w->setting) {
		case SET_SUNSET: lt = LIGHT_GOLDEN; break;
		case SET_TABLETOP: lt = LIGHT_SOFT; break;
		default: break;
		}
	}
	w->nlamps = 2;
	w->amb_up = v3m(0.35f, 0.37f, 0.42f);
	w->amb_down = v3m(0.16f, 0.15f, 0.14f);
	switch (lt) {
	case LIGHT_DRAMATIC:
		lamp_set(&w->lamps[0], v3m(-0.9f + jx, 0.42f + jy, 0.3f), v3m(3.2f, 3.0f, 2.8f),
			 0.025f, true);
		lamp_set(&w->lamps[1], v3m(0.7f, 0.5f, -0.8f), v3m(1.4f, 1.5f, 1.8f), 0, false);
		w->amb_up = v3m(0.04f, 0.045f, 0.06f);
		w->amb_down = v3m(0.02f, 0.02f, 0.02f);
		break;
	case LIGHT_GOLDEN:
		lamp_set(&w->lamps[0], v3m(0.85f + jx, 0.3f + jy, 0.2f), v3m(3.0f, 1.9f, 0.9f),
			 0.03f, true);
		lamp_set(&w->lamps[1], v3m(-0.5f, 0.6f, 0.6f), v3m(0.15f, 0.2f, 0.35f), 0, false);
		w->amb_up = v3m(0.30f, 0.25f, 0.25f);
		w->amb_down = v3m(0.2f, 0.12f, 0.06f);
		break;
	case LIGHT_NEON:
		lamp_set(&w->lamps[0], v3m(-0.8f + jx, 0.45f, 0.55f), v3m(2.6f, 0.35f, 2.2f), 0.1f,
			 true);
		lamp_set(&w->lamps[1], v3m(0.85f, 0.35f, 0.45f), v3m(0.2f, 1.7f, 2.6f), 0, false);
		w->amb_up = v3m(0.04f, 0.03f, 0.08f);
		w->amb_down = v3m(0.02f, 0.01f, 0.03f);
		break;
	case LIGHT_CANDLE:
		lamp_set(&w->lamps[0], v3m(0.45f + jx, 0.35f + jy, 0.8f), v3m(2.6f, 1.3f, 0.45f),
			 0.2f, true);
		lamp_set(&w->lamps[1], v3m(-0.6f, 0.3f, 0.5f), v3m(0.08f, 0.05f, 0.03f), 0, false);
		w->amb_up = v3m(0.05f, 0.035f, 0.025f);
		w->amb_down = v3m(0.03f, 0.015f, 0.008f);
		break;
	case LIGHT_SOFT:
		lamp_set(&w->lamps[0], v3m(-0.45f + jx, 0.85f + jy, 0.55f), v3m(1.1f, 1.08f, 1.05f),
			 0.25f, true);
		lamp_set(&w->lamps[1], v3m(0.6f, 0.4f, 0.6f), v3m(0.35f, 0.36f, 0.4f), 0, false);
		w->amb_up = v3m(0.5f, 0.52f, 0.56f);
		w->amb_down = v3m(0.25f, 0.24f, 0.22f);
		break;
	default:
		lamp_set(&w->lamps[0], v3m(-0.5f + jx, 0.75f + jy, 0.55f), v3m(1.6f, 1.55f, 1.48f),
			 0.1f, true);
		lamp_set(&w->lamps[1], v3m(0.65f, 0.3f, 0.6f), v3m(0.22f, 0.25f, 0.32f), 0, false);
		break;
	}
	w->exposure = 1.0f;
	w->fog = 0;
	float span = fmaxf(v3len(v3sub(w->bmax, w->bmin)), w->unit);
	switch (w->setting) {
	case SET_SKY:
		w->amb_up = v3m(0.35f, 0.45f, 0.65f);
		w->amb_down = v3m(0.3f, 0.32f, 0.36f);
		w->exposure = 0.9f;
		break;
	case SET_BEACH:
	case SET_DESERT:
		w->amb_up = v3m(0.3f, 0.4f, 0.55f);
		w->amb_down =
		    w->setting == SET_BEACH ? v3m(0.25f, 0.21f, 0.15f) : v3m(0.3f, 0.18f, 0.1f);
		w->fog = 0.02f / span;
		w->fog_color =
		    w->setting == SET_BEACH ? v3m(0.62f, 0.75f, 0.9f) : v3m(0.85f, 0.72f, 0.58f);
		w->exposure = 0.8f;
		break;
	case SET_SUNSET:
		w->amb_up = v3m(0.28f, 0.16f, 0.22f);
		w->amb_down = v3m(0.15f, 0.08f, 0.05f);
		w->fog = 0.04f / span;
		w->fog_color = v3m(0.95f, 0.5f, 0.25f);
		break;
	case SET_NIGHT:
	case SET_CITY_NIGHT:
		if (w->light == LIGHT_DEFAULT)
			lamp_set(&w->lamps[0], v3m(-0.4f + jx, 0.7f, 0.3f), v3m(0.3f, 0.38f, 0.62f),
				 0.05f, true);
		if (w->light == LIGHT_DEFAULT)
			lamp_set(&w->lamps[1], v3m(0.7f, 0.3f, 0.6f),
				 w->setting == SET_CITY_NIGHT ? v3m(0.9f, 0.25f, 0.7f)
							      : v3m(0.03f, 0.04f, 0.08f),
				 0, false);
		w->exposure = 0.7f;
		w->amb_up = v3m(0.04f, 0.05f, 0.1f);
		w->amb_down = v3m(0.02f, 0.02f, 0.03f);
		w->fog = 0.03f / span;
		w->fog_color = w->setting == SET_CITY_NIGHT ? v3m(0.08f, 0.04f, 0.1f)
							    : v3m(0.012f, 0.02f, 0.05f);
		break;
	case SET_SPACE:
		w->amb_up = v3m(0.03f, 0.03f, 0.05f);
		w->amb_down = v3m(0.02f, 0.02f, 0.04f);
		w->lamps[0].spread = 0.01f;
		w->lamps[0].tan_spread = tanf(0.01f);
		break;
	case SET_SNOW:
		w->amb_up = v3m(0.45f, 0.5f, 0.62f);
		w->amb_down = v3m(0.45f, 0.47f, 0.52f);
		w->fog = 0.05f / span;
		w->fog_color = v3m(0.85f, 0.88f, 0.92f);
		w->exposure = 0.8f;
		break;
	case SET_FOREST:
		w->amb_up = v3m(0.3f, 0.38f, 0.42f);
		w->amb_down = v3m(0.08f, 0.14f, 0.05f);
		w->fog = 0.05f / span;
		w->fog_color = v3m(0.45f, 0.55f, 0.52f);
		break;
	case SET_UNDERWATER:
		for (int i = 0; i < w->nlamps; i++)
			w->lamps[i].color = v3mul(w->lamps[i].color, v3m(0.45f, 0.85f, 0.95f));
		w->lamps[0].dir = v3norm(v3m(0.1f, 1.0f, 0.2f));
		w->lamps[0].spread = 0.15f;
		w->lamps[0].tan_spread = tanf(0.15f);
		w->amb_up = v3m(0.08f, 0.3f, 0.38f);
		w->amb_down = v3m(0.02f, 0.1f, 0.12f);
		w->fog = 0.12f / span;
		w->fog_color = v3m(0.02f, 0.22f, 0.3f);
		break;
	case SET_STREET:
		w->amb_up = v3m(0.32f, 0.4f, 0.52f);
		w->amb_down = v3m(0.2f, 0.2f, 0.2f);
		w->fog = 0.008f / span;
		w->fog_color = v3m(0.62f, 0.7f, 0.8f);
		w->exposure = 0.85f;
		break;
	case SET_FIELD:
		w->amb_up = v3m(0.32f, 0.42f, 0.58f);
		w->amb_down = v3m(0.12f, 0.2f, 0.06f);
		w->fog = 0.02f / span;
		w->fog_color = v3m(0.62f, 0.75f, 0.9f);
		w->exposure = 0.85f;
		break;
	case SET_ROOM:
		/* Indoor light is warmer than daylight: lamps and walls tint it. */
		if (w->light == LIGHT_DEFAULT || w->light == LIGHT_SOFT)
			for (int i = 0; i < w->nlamps; i++)
				w->lamps[i].color =
				    v3mul(w->lamps[i].color, v3m(1.08f, 0.96f, 0.8f));
		w->amb_up = v3m(0.36f, 0.32f, 0.27f);
		w->amb_down = v3m(0.22f, 0.16f, 0.1f);
		w->exposure = 0.9f;
		break;
	case SET_TABLETOP:
		w->amb_up = v3m(0.32f, 0.28f, 0.24f);
		w->amb_down = v3m(0.2f, 0.12f, 0.07f);
		w->fog = 0.03f / span;
		w->fog_color = v3m(0.45f, 0.36f, 0.28f);
		break;
	default: /* studio: bright and even, a little under so colours keep their depth */
		w->exposure = 0.85f;
		w->amb_up = v3m(0.4f, 0.4f, 0.42f);
		w->amb_down = v3m(0.22f, 0.22f, 0.22f);
		break;
	}
	/* Golden hour outdoors is that place at sunset: warm haze and a dusk sky's ambient. */
	if (w->light == LIGHT_GOLDEN &&
	    (w->setting == SET_SKY || w->setting == SET_BEACH || w->setting == SET_DESERT ||
	     w->setting == SET_SNOW || w->setting == SET_FOREST || w->setting == SET_STREET ||
	     w->setting == SET_FIELD)) {
		w->fog_color = v3lerp(w->fog_color, v3m(0.95f, 0.5f, 0.25f), 0.6f);
		w->amb_up = v3lerp(w->amb_up, v3m(0.28f, 0.16f, 0.22f), 0.5f);
	}
	w->ao_radius = 0.45f * w->unit;
	/* Star cells about three pixels wide. */
	float fov = 2.0f * atanf(w->cam.tan_half);
	w->star_scale = (float)w->height / (fov > 0.05f ? fov : 0.7f) / 3.0f;
}

/* ---- helpers ---- */

static void basis(v3 n, v3 *t, v3 *b)
{
	float sign = copysignf(1.0f, n.z);
	float a = -1.0f / (sign + n.z);
	float bb = n.x * n.y * a;
	*t = v3m(1.0f + sign * n.x * n.x * a, sign * bb, -sign * n.x);
	*b = v3m(bb, sign + n.y * n.y * a, -n.y);
}

static v3 reflect(v3 d, v3 n)
{
	return v3madd(d, n, -2.0f * v3dot(d, n));
}

static float fract(float x)
{
	return x - floorf(x);
}

static inline float pow5(float x)
{
	float x2 = x * x;
	return x2 * x2 * x;
}

/*
 * Sample patterns, the same for every pixel and rotated per pixel: a unit
 * disk (golden-angle spiral) for area lights, and cosine-weighted directions
 * for occlusion. Tables spare a sine and cosine per ray.
 */
static float disk4[4][2], disk8[8][2], hemi4[4][3], hemi8[8][3];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void spiral(float (*d)[2], int n, float (*h)[3])
{
	for (int k = 0; k < n; k++) {
		float u = ((float)k + 0.5f) / (float)n;
		float a = (float)k * 2.39996323f;
		float r = sqrtf(u);
		if (d) {
			d[k][0] = r * cosf(a);
			d[k][1] = r * sinf(a);
		} else {
			h[k][0] = r * cosf(a);
			h[k][1] = r * sinf(a);
			h[k][2] = sqrtf(fmaxf(0.0f, 1.0f - u));
		}
	}
}

static void tables_init(void)
{
	spiral(disk4, 4, NULL);
	spiral(disk8, 8, NULL);
	spiral(NULL, 4, hemi4);
	spiral(NULL, 8, hemi8);
}

/* Flat facets for low poly: the local normal snapped to a coarse grid of directions. */
static v3 facet_normal(const struct prim *p, v3 lp, v3 n)
{
	v3 ln;
	switch (p->kind) {
	case PRIM_SPHERE: {
		float len = v3len(lp);
		float th = acosf(clampf(lp.y / (len > 0 ? len : 1), -1, 1));
		float ring = floorf(th / (PI / 6.0f));
		th = (ring + 0.5f) * (PI / 6.0f);
		float ph = atan2f(lp.z, lp.x) + ((int)ring & 1 ? PI / 9.0f : 0.0f);
		ph = (floorf(ph / (2.0f * PI / 9.0f)) + 0.5f) * (2.0f * PI / 9.0f);
		ln = v3m(sinf(th) * cosf(ph), cosf(th), sinf(th) * sinf(ph));
		break;
	}
	case PRIM_FRUSTUM: {
		if (fabsf(lp.y) > 0.999f)
			return n;
		float b = (p->param - 1.0f) * 0.5f;
		float ph = atan2f(lp.z, lp.x);
		ph = (floorf(ph / (2.0f * PI / 8.0f)) + 0.5f) * (2.0f * PI / 8.0f);
		ln = v3m(cosf(ph), -b, sinf(ph));
		break;
	}
	case PRIM_TORUS: {
		float ph = atan2f(lp.z, lp.x);
		ph = (floorf(ph / (2.0f * PI / 12.0f)) + 0.5f) * (2.0f * PI / 12.0f);
		float q = sqrtf(lp.x * lp.x + lp.z * lp.z) - 1.0f;
		float ps = atan2f(lp.y, q);
		ps = (floorf(ps / (2.0f * PI / 6.0f)) + 0.5f) * (2.0f * PI / 6.0f);
		ln = v3m(cosf(ps) * cosf(ph), sinf(ps), cosf(ps) * sinf(ph));
		break;
	}
	default: return n;
	}
	const float *m = p->m;
	v3 wn = v3norm(v3m(m[0] * ln.x + m[3] * ln.y + m[6] * ln.z,
			   m[1] * ln.x + m[4] * ln.y + m[7] * ln.z,
			   m[2] * ln.x + m[5] * ln.y + m[8] * ln.z));
	return v3dot(wn, n) < 0 ? v3scale(wn, -1.0f) : wn;
}

/* ---- surfaces ---- */

/*
 * The street by day: asphalt with a dashed centre line and a solid edge line,
 * a kerb, and paving slabs up to the facades (the backdrop).
 */
static struct surface street_ground(const struct world *w, v3 p)
{
	float k = w->back_scale;
	float kerb = w->back_z + 1.4f * k;
	struct surface s = surface_make(MAT_MATTE, v3m(0.5f, 0.5f, 0.5f));
	if (p.z < kerb) {
		float u = p.x / (0.6f * k), v = (p.z - w->back_z) / (0.6f * k);
		float seam = fminf(fabsf(fract(u) - 0.5f), fabsf(fract(v) - 0.5f));
		float n = pix_noise3(p.x * 3.0f / k, 0.7f, p.z * 3.0f / k);
		s.albedo = v3scale(v3m(0.42f, 0.41f, 0.39f), 0.9f + 0.2f * n);
		if (seam > 0.47f)
			s.albedo = v3scale(s.albedo, 0.7f);
		if (kerb - p.z < 0.1f * k)
			s.albedo = v3m(0.55f, 0.55f, 0.53f);
		return s;
	}
	float n = pix_fbm3(p.x * 2.0f / k, 0.3f, p.z * 2.0f / k, 3);
	float grit = pix_noise3(p.x * 30.0f / k, 1.3f, p.z * 30.0f / k);
	s.albedo = v3scale(v3m(0.16f, 0.16f, 0.17f), 0.85f + 0.25f * n + 0.15f * grit);
	float edge = kerb + 0.3f * k, centre = kerb + 2.4f * k;
	bool line = fabsf(p.z - edge) < 0.05f * k;
	line = line || (fabsf(p.z - centre) < 0.06f * k && fract(p.x / (2.0f * k)) < 0.55f);
	if (line)
		s.albedo = v3m(0.75f, 0.75f, 0.72f);
	return s;
}

/* A room's floor: wooden boards, or tiles where there is a kitchen. */
static struct surface room_floor(const struct world *w, v3 p)
{
	float k = w->back_scale;
	struct surface s = surface_make(MAT_MATTE, v3m(0.5f, 0.5f, 0.5f));
	if (w->kitchen) {
		float u = p.x / (0.5f * k), v = p.z / (0.5f * k);
		float seam = fminf(fabsf(fract(u) - 0.5f), fabsf(fract(v) - 0.5f));
		bool dark = (((int)floorf(u) + (int)floorf(v)) & 1) != 0;
		s.albedo = dark ? v3m(0.42f, 0.40f, 0.36f) : v3m(0.62f, 0.6f, 0.55f);
		if (seam > 0.48f)
			s.albedo = v3m(0.25f, 0.24f, 0.22f);
		s.rough = 0.35f;
		s.f0 = 0.04f;
		return s;
	}
	float bw = 0.22f * k;
	float board = floorf(p.x / bw);
	uint32_t hb = hash32((uint32_t)(int32_t)board * 7919U + 3U);
	float len = 1.6f * k, zz = p.z / len + unitf(hb);
	uint32_t hp = hash32(hb ^ (uint32_t)(int32_t)floorf(zz));
	float n = pix_noise3(p.x * 2.0f / k, zz * 3.0f, 1.7f);
	float grain = fract(p.x / bw * 3.0f + n * 2.0f);
	v3 c = v3lerp(v3m(0.24f, 0.12f, 0.05f), v3m(0.40f, 0.22f, 0.09f), unitf(hp));
	s.albedo = v3scale(c, 0.85f + 0.2f * smoothstepf(0.2f, 0.8f, grain));
	float fx = fract(p.x / bw), fz = fract(zz);
	if (fx < 0.03f || fz < 0.006f)
		s.albedo = v3scale(s.albedo, 0.45f);
	s.rough = 0.5f;
	s.f0 = 0.04f;
	return s;
}

/* The backdrop: the room's painted wall, or the street's facades with their windows. */
static struct surface backdrop_surface(const struct world *w, v3 p)
{
	float k = w->back_scale;
	struct surface s = surface_make(MAT_MATTE, v3m(0.5f, 0.5f, 0.5f));
	if (w->setting == SET_ROOM) {
		float n = pix_fbm3(p.x * 1.5f / k, p.y * 1.5f / k, 0.4f, 3);
		s.albedo = v3scale(v3m(0.66f, 0.6f, 0.5f), 0.94f + 0.08f * n);
		float base = 0.12f * k;
		if (p.y < base)
			s.albedo = p.y > base - 0.015f * k ? v3m(0.5f, 0.5f, 0.48f)
							   : v3m(0.78f, 0.77f, 0.74f);
		if (w->kitchen && p.y > 1.0f * k && p.y < 1.5f * k) {
			/* The tiled splashback above the counters. */
			float u = p.x / (0.16f * k), v = p.y / (0.16f * k);
			float seam = fminf(fabsf(fract(u) - 0.5f), fabsf(fract(v) - 0.5f));
			s.albedo = seam > 0.45f ? v3m(0.5f, 0.5f, 0.48f) : v3m(0.75f, 0.78f, 0.78f);
			s.rough = 0.2f;
			s.f0 = 0.05f;
		}
		return s;
	}
	/* Street facades: each building its own colour, storeys of windows, a shop floor. */
	float bwid = 2.6f * k;
	float bx = p.x / bwid;
	int32_t b = (int32_t)floorf(bx);
	uint32_t h = hash32((uint32_t)b * 2654435761U + 0x57eeU);
	static const v3 walls[] = {{0.45f, 0.16f, 0.09f}, {0.62f, 0.52f, 0.38f},
				   {0.5f, 0.5f, 0.48f},	  {0.7f, 0.64f, 0.52f},
				   {0.35f, 0.36f, 0.4f},  {0.55f, 0.3f, 0.2f}};
	v3 wall = walls[hash32(h) % 6];
	float top = world_backdrop_top(w, p.x);
	float fx = (bx - (float)b) * bwid; /* metres into the building */
	float n = pix_noise3(p.x * 4.0f / k, p.y * 4.0f / k, 2.0f);
	s.albedo = v3scale(wall, 0.9f + 0.15f * n);
	if (top - p.y < 0.12f * k || fx < 0.06f * k || bwid - fx < 0.06f * k) {
		s.albedo = v3scale(wall, 0.6f); /* cornice and party walls */
		return s;
	}
	float storey = 0.9f * k;
	if (p.y < storey) {
		/* Shop window and door at street level. */
		if (p.y > 0.12f * k && p.y < 0.75f * k && fx > 0.25f * k && fx < bwid - 0.25f * k) {
			bool door = fx > 0.35f * k && fx < 0.75f * k;
			s.albedo = door ? v3m(0.12f, 0.08f, 0.05f) : v3m(0.1f, 0.14f, 0.18f);
			s.rough = 0.1f;
			s.f0 = door ? 0.04f : 0.08f;
		}
		return s;
	}
	float wx = fx / (0.65f * k), wy = (p.y - storey) / storey;
	float cx = fract(wx), cy = fract(wy);
	if (cx > 0.28f && cx < 0.72f && cy > 0.2f && cy < 0.75f && p.y < top - 0.3f * k &&
	    fx > 0.2f * k && fx < bwid - 0.2f * k) {
		uint32_t hw =
		    hash4((uint32_t)(int32_t)floorf(wx), (uint32_t)(int32_t)floorf(wy), h, 9U);
		s.albedo = v3lerp(v3m(0.08f, 0.11f, 0.15f), v3m(0.3f, 0.38f, 0.45f), unitf(hw));
		s.rough = 0.08f;
		s.f0 = 0.06f;
	}
	return s;
}

static struct surface ground_surface(const struct world *w, v3 p, bool *water)
{
	struct surface s = surface_make(MAT_MATTE, v3m(0.5f, 0.5f, 0.5f));
	float k = 1.0f / w->unit;
	float x = p.x * k, z = p.z * k;
	*water = false;
	switch (w->setting) {
	case SET_BEACH: {
		float shore = w->shore_z + 0.4f * w->unit * sinf(x * 0.7f);
		if (p.z < shore) {
			*water = true;
			s.albedo = v3m(0.02f, 0.12f, 0.16f);
			s.rough = 0.05f;
			s.f0 = 0.03f;
			float foam = smoothstepf(0.25f * w->unit, 0.0f, shore - p.z);
			s.albedo = v3lerp(s.albedo, v3m(0.8f, 0.85f, 0.85f), foam * 0.8f);
			return s;
		}
		float n = pix_fbm3(x * 3.0f, 0, z * 3.0f, 3);
		s.albedo = v3lerp(v3m(0.45f, 0.34f, 0.2f), v3m(0.6f, 0.48f, 0.3f), n);
		break;
	}
	case SET_DESERT: {
		float n = pix_fbm3(x * 0.8f, 0, z * 0.8f, 3);
		float ripple = 0.5f + 0.5f * sinf(x * 6.0f + z * 2.0f + n * 8.0f);
		s.albedo = v3lerp(v3m(0.5f, 0.27f, 0.11f), v3m(0.68f, 0.42f, 0.2f),
				  0.6f * n + 0.4f * ripple);
		break;
	}
	case SET_SNOW: {
		float n = pix_fbm3(x * 2.0f, 0, z * 2.0f, 3);
		s.albedo = v3lerp(v3m(0.72f, 0.76f, 0.84f), v3m(0.9f, 0.92f, 0.95f), n);
		s.rough = 0.7f;
		break;
	}
	case SET_FOREST:
	case SET_NIGHT:
	case SET_SUNSET:
	case SET_DEFAULT: {
		float n = pix_fbm3(x * 2.5f, 0, z * 2.5f, 3);
		float blade = pix_noise3(x * 40.0f, 0, z * 40.0f);
		v3 g1 = v3m(0.05f, 0.16f, 0.03f), g2 = v3m(0.14f, 0.30f, 0.06f);
		if (w->setting == SET_SUNSET)
			g1 = v3m(0.10f, 0.09f, 0.04f), g2 = v3m(0.25f, 0.20f, 0.08f);
		s.albedo = v3scale(v3lerp(g1, g2, n), 0.8f + 0.4f * blade);
		if (w->setting == SET_FOREST && n < 0.35f)
			s.albedo = v3lerp(s.albedo, v3m(0.18f, 0.12f, 0.06f), 0.5f);
		break;
	}
	case SET_UNDERWATER: {
		float n = pix_fbm3(x * 2.0f, 0, z * 2.0f, 3);
		/* Caustics: the bright network where two ridged noises meet. */
		float c1 = 1.0f - fabsf(2.0f * pix_noise3(x * 3.0f, 1.0f, z * 3.0f) - 1.0f);
		float c2 =
		    1.0f - fabsf(2.0f * pix_noise3(x * 3.0f + 7.0f, 2.0f, z * 3.0f - 3.0f) - 1.0f);
		float ca = powf(c1 * c2, 6.0f);
		s.albedo = v3add(v3lerp(v3m(0.45f, 0.42f, 0.30f), v3m(0.6f, 0.55f, 0.4f), n),
				 v3scale(v3m(0.4f, 0.6f, 0.6f), ca));
		break;
	}
	case SET_CITY_NIGHT: {
		float n = pix_fbm3(x * 4.0f, 0, z * 4.0f, 3);
		s.albedo = v3scale(v3m(0.05f, 0.05f, 0.06f), 0.7f + 0.6f * n);
		s.rough = 0.3f;
		s.f0 = 0.03f;
		*water = true; /* wet asphalt reflects */
		break;
	}
	case SET_FIELD: {
		float n = pix_fbm3(x * 1.5f, 0, z * 1.5f, 3);
		float blade = pix_noise3(x * 40.0f, 0, z * 40.0f);
		s.albedo = v3scale(v3lerp(v3m(0.09f, 0.24f, 0.04f), v3m(0.24f, 0.40f, 0.08f), n),
				   0.85f + 0.3f * blade);
		break;
	}
	case SET_STREET: return street_ground(w, p);
	case SET_ROOM: return room_floor(w, p);
	case SET_TABLETOP: {
		float n = pix_noise3(x * 0.5f, z * 8.0f, 0.3f);
		float grain = fract(z * 6.0f + n * 3.0f);
		s.albedo = v3lerp(v3m(0.22f, 0.10f, 0.04f), v3m(0.42f, 0.22f, 0.09f),
				  smoothstepf(0.1f, 0.9f, grain));
		s.rough = 0.55f; /* oiled, not varnished: no mirror to pay for */
		s.f0 = 0.04f;
		break;
	}
	default: break;
	}
	return s;
}

/*
 * 1 inside one of a row of round-headed arches on a box's vertical faces
 * (across the face) or around a cylinder, cells of them, in the prim's own
 * metres so the arches keep their shape whatever the face's proportions.
 */
static float arcade_at(const struct prim *p, v3 lp, float cells)
{
	const float *m = p->m;
	float sx = 1.0f / sqrtf(m[0] * m[0] + m[1] * m[1] + m[2] * m[2]);
	float sy = 1.0f / sqrtf(m[3] * m[3] + m[4] * m[4] + m[5] * m[5]);
	float sz = 1.0f / sqrtf(m[6] * m[6] + m[7] * m[7] + m[8] * m[8]);
	float u, width;
	if (p->kind == PRIM_FRUSTUM) {
		u = atan2f(lp.z, lp.x) / (2.0f * PI) + 0.5f;
		width = 2.0f * PI * sx;
	} else if (fabsf(lp.z) >= fabsf(lp.x)) {
		u = 0.5f * (lp.x + 1.0f);
		width = 2.0f * sx;
	} else {
		u = 0.5f * (lp.z + 1.0f);
		width = 2.0f * sz;
	}
	if (cells < 1.0f || fabsf(lp.y) > 0.999f)
		return 0.0f;
	float bay = width / cells, h = 2.0f * sy;
	float dx = (fract(u * cells) - 0.5f) * bay, y = (lp.y + 1.0f) * sy;
	float hw = 0.34f * bay, y0 = 0.08f * h, spring = fmaxf(0.86f * h - hw, y0);
	if (fabsf(dx) > hw || y < y0)
		return 0.0f;
	return y < spring || dx * dx + (y - spring) * (y - spring) < hw * hw ? 1.0f : 0.0f;
}

static struct surface surface_at(const struct world *w, const struct hit *h, bool *water)
{
	*water = false;
	if (h->prim < 0)
		return h->n.z > 0.5f ? backdrop_surface(w, h->p) : ground_surface(w, h->p, water);
	const struct prim *p = &w->prims[h->prim];
	struct surface s = p->surf;
	if (p->kind == PRIM_CARD) {
		float a;
		if (!sprites_texel(p, h->lp.x, h->lp.y, &s.albedo, &a))
			s.albedo = v3m(0.5f, 0.5f, 0.5f);
		if (s.pattern == PAT_NONE)
			return s;
		/* A material's grain over the artwork: its darker shade of the texel. */
		s.albedo2 = v3scale(s.albedo, 0.6f);
	}
	if (s.pattern == PAT_NONE)
		return s;
	const struct instance *in = &w->inst[p->inst];
	float k = 1.0f / fmaxf(in->radius, 1e-3f);
	v3 q = v3scale(v3sub(h->p, in->center), k);
	v3 lp = h->lp;
	float t = 0;
	switch (s.pattern) {
	case PAT_WOOD: {
		float n = pix_noise3(q.x * 2.0f, q.y * 12.0f, q.z * 12.0f);
		t = smoothstepf(0.2f, 0.8f, fract((q.y + q.z) * 7.0f + n * 2.5f)) * 0.7f;
		break;
	}
	case PAT_MARBLE: {
		float n = pix_fbm3(q.x * 3.0f, q.y * 3.0f, q.z * 3.0f, 4);
		t = powf(1.0f - fabsf(sinf(q.x * 4.0f + n * 9.0f)), 8.0f);
		break;
	}
	case PAT_STONE: {
		float n = pix_fbm3(q.x * 6.0f, q.y * 6.0f, q.z * 6.0f, 4);
		t = smoothstepf(0.3f, 0.75f, n);
		break;
	}
	case PAT_STRIPES: t = fract((lp.y + 1.0f) * 1.5f) < 0.5f ? 0.0f : 1.0f; break;
	case PAT_BANDS: {
		float n = pix_noise3(lp.x * 3.0f, lp.y * 3.0f, lp.z * 3.0f);
		t = 0.5f + 0.5f * sinf(lp.y * 14.0f + n * 3.0f);
		break;
	}
	case PAT_CRATERS: {
		float n = pix_fbm3(lp.x * 2.5f + 4.0f, lp.y * 2.5f, lp.z * 2.5f, 4);
		float c = pix_noise3(lp.x * 9.0f, lp.y * 9.0f, lp.z * 9.0f);
		t = smoothstepf(0.5f, 0.65f, n) * 0.8f + smoothstepf(0.75f, 0.85f, c) * 0.5f;
		break;
	}
	case PAT_SEGMENTS: {
		float a = atan2f(lp.z, lp.x) / (2.0f * PI) + 0.5f;
		t = ((int)floorf(a * 8.0f) & 1) ? 1.0f : 0.0f;
		break;
	}
	case PAT_SWIRL: {
		float a = atan2f(lp.z, lp.x) / (2.0f * PI);
		float rr = sqrtf(lp.x * lp.x + lp.z * lp.z);
		t = fract(a * 3.0f + rr * 2.5f) < 0.5f ? 0.0f : 1.0f;
		break;
	}
	case PAT_LATTICE: {
		/* Diagonal bracing and girders at a fixed pitch across the whole instance. */
		float u = (q.x + q.z) * 40.0f, v = q.y * 40.0f;
		bool bar = fabsf(fract(u + v) - 0.5f) > 0.38f ||
			   fabsf(fract(u - v) - 0.5f) > 0.38f ||
			   fabsf(fract(v * 0.5f) - 0.5f) > 0.45f;
		t = bar ? 0.0f : 1.0f;
		break;
	}
	case PAT_ARCADE: t = arcade_at(p, lp, s.cells); break;
	default: break;
	}
	s.albedo = v3lerp(s.albedo, s.albedo2, clampf(t, 0, 1));
	return s;
}

/* ---- visibility ---- */

static float soft_shadow(const struct world *w, v3 p, const struct lamp *l, uint32_t rs, int n,
			 int skip)
{
	int list[PIX_MAX_INSTANCES], nl = 0;
	float tan_s = l->tan_spread + 1e-3f;
	for (int i = 0; i < w->ninst; i++) {
		const struct instance *in = &w->inst[i];
		if (i == skip)
			continue; /* a card does not shade itself */
		v3 v = v3sub(in->center, p);
		float tca = v3dot(v, l->dir);
		if (tca < -in->radius)
			continue;
		float d2 = v3dot(v, v) - tca * tca;
		float reach = in->radius + fmaxf(tca, 0.0f) * tan_s;
		if (d2 > reach * reach)
			continue;
		list[nl++] = i;
	}
	if (nl == 0)
		return 1.0f;
	if (n <= 1 || l->spread < 1e-3f)
		return world_transmit(w, p, l->dir, 1e30f, list, nl);
	v3 t, b;
	basis(l->dir, &t, &b);
	/*
	 * Four stratified rays first; where they disagree (a penumbra) eight more,
	 * so soft edges are smooth while fully lit or shadowed pixels stay cheap.
	 */
	float sum = 0;
	int done = 0;
	(void)n;
	for (int round = 0; round < 2; round++) {
		int m = round == 0 ? 4 : 8;
		const float(*disk)[2] =
		    round == 0 ? (const float(*)[2])disk4 : (const float(*)[2])disk8;
		float a0 = unitf(hash32(rs + (uint32_t)round * 0x68e31da4U)) * 2.0f * PI;
		float ca = cosf(a0) * tan_s, sa = sinf(a0) * tan_s;
		for (int k = 0; k < m; k++) {
			float dx = disk[k][0] * ca - disk[k][1] * sa,
			      dy = disk[k][0] * sa + disk[k][1] * ca;
			v3 dir = v3norm(v3add(l->dir, v3add(v3scale(t, dx), v3scale(b, dy))));
			sum += world_transmit(w, p, dir, 1e30f, list, nl);
		}
		done += m;
		if (round == 0 && (sum == 0.0f || sum == (float)m))
			break;
	}
	return sum / (float)done;
}

/* Distance to the nearest hit within r among the listed instances (and the ground). */
static float near_hit(const struct world *w, v3 o, v3 d, float r, const int *list, int n,
		      bool ground)
{
	float best = r;
	for (int j = 0; j < n; j++) {
		const struct instance *in = &w->inst[list[j]];
		v3 ic = v3sub(in->center, o);
		float itc = v3dot(ic, d);
		if (v3dot(ic, ic) - itc * itc > in->radius * in->radius || itc < -in->radius ||
		    itc - in->radius > best)
			continue;
		for (int k = in->first; k < in->first + in->nprims; k++) {
			const struct prim *p = &w->prims[k];
			v3 oc = v3sub(p->center, o);
			float tca = v3dot(oc, d);
			float d2 = v3dot(oc, oc) - tca * tca;
			if (d2 > p->radius * p->radius || tca < -p->radius ||
			    tca - p->radius > best)
				continue;
			float t;
			v3 ln;
			if (prim_intersect(p, o, d, 1e-5f, best, &t, &ln, NULL))
				best = t;
		}
	}
	if (ground && d.y < 0) {
		float tg = -o.y / d.y;
		if (tg > 0 && tg < best)
			best = tg;
	}
	return best;
}

static float ambient_occlusion(const struct world *w, v3 p, v3 n, bool on_ground, uint32_t rs,
			       int ns)
{
	float r = w->ao_radius;
	int list[PIX_MAX_INSTANCES], nl = 0;
	for (int i = 0; i < w->ninst; i++) {
		const struct instance *in = &w->inst[i];
		float reach = in->radius + r;
		v3 v = v3sub(in->center, p);
		if (v3dot(v, v) < reach * reach)
			list[nl++] = i;
	}
	bool ground = !on_ground && w->ground && p.y < r;
	if (nl == 0 && !ground)
		return 1.0f;
	v3 t, b;
	basis(n, &t, &b);
	float occ = 0;
	int done = 0;
	(void)ns;
	for (int round = 0; round < 2; round++) {
		int m = 4;
		const float(*hemi)[3] =
		    round == 0 ? (const float(*)[3])hemi4 : (const float(*)[3])hemi8;
		float a0 = unitf(hash32(rs ^ (0xa0a0U + (uint32_t)round))) * 2.0f * PI;
		float ca = cosf(a0), sa = sinf(a0);
		float hits = 0;
		for (int k = 0; k < m; k++) {
			float hx = hemi[k][0] * ca - hemi[k][1] * sa,
			      hy = hemi[k][0] * sa + hemi[k][1] * ca;
			v3 d = v3add(v3add(v3scale(t, hx), v3scale(b, hy)), v3scale(n, hemi[k][2]));
			float h = near_hit(w, p, d, r, list, nl, ground);
			occ += 1.0f - h / r;
			hits += h < r;
		}
		done += m;
		/* Nothing near in four directions: open enough, stop. */
		if (round == 0 && hits == 0)
			break;
	}
	return 1.0f - occ / (float)done;
}

/* ---- shading ---- */

static v3 trace(const struct world *w, v3 o, v3 d, int depth, uint32_t rs, struct sample *g);

static v3 ambient_env(const struct world *w, v3 n)
{
	return v3lerp(w->amb_down, w->amb_up, 0.5f + 0.5f * n.y);
}

static v3 shade_glass(const struct world *w, v3 d, const struct hit *h, const struct surface *s,
		      int depth, uint32_t rs)
{
	v3 n = h->n;
	float eps = 2e-4f * w->unit;
	float eta = h->inside ? 1.5f : 1.0f / 1.5f;
	float cosi = -v3dot(d, n);
	float k = 1.0f - eta * eta * (1.0f - cosi * cosi);
	float f = 0.04f + 0.96f * pow5(1.0f - clampf(cosi, 0, 1));
	v3 col = v3m(0, 0, 0);
	if (k < 0) {
		f = 1.0f;
	} else {
		v3 rd = v3norm(v3add(v3scale(d, eta), v3scale(n, eta * cosi - sqrtf(k))));
		v3 tr = depth < 5
			    ? trace(w, v3madd(h->p, n, -eps), rd, depth + 1, hash32(rs + 1U), NULL)
			    : ambient_env(w, rd);
		/* Tint by the glass colour, more when looking through the thick middle. */
		col = v3scale(v3mul(tr, s->albedo), (1.0f - f) * s->transmit);
	}
	v3 rd = reflect(d, n);
	v3 rc = depth < 2 ? trace(w, v3madd(h->p, n, eps), rd, depth + 1, hash32(rs + 2U), NULL)
			  : world_sky(w, rd);
	col = v3add(col, v3scale(rc, f));
	/* Highlights from the lamps. */
	for (int i = 0; i < w->nlamps; i++) {
		const struct lamp *l = &w->lamps[i];
		v3 hv = v3norm(v3sub(l->dir, d));
		float nh = fmaxf(v3dot(n, hv), 0);
		col = v3add(col, v3scale(l->color, powf(nh, 400.0f) * 3.0f));
	}
	return col;
}

static v3 shade(const struct world *w, v3 d, const struct hit *h, int depth, uint32_t rs)
{
	bool water;
	struct surface s = surface_at(w, h, &water);
	v3 n = h->n, p = h->p, v = v3scale(d, -1.0f);
	const struct style_render *st = w->style;
	bool card = h->prim >= 0 && w->prims[h->prim].kind == PRIM_CARD;
	if (card) {
		/* The artwork carries its own shading: light it as if rounded towards the sky. */
		n = v3norm(v3add(n, v3m(0, 0.7f, 0)));
	} else if (h->prim >= 0) {
		if (st->facets)
			n = facet_normal(&w->prims[h->prim], h->lp, n);
		if (st->bump > 0) {
			float k = 7.0f / fmaxf(w->inst[h->inst].radius, 1e-3f);
			v3 q = v3scale(p, k);
			v3 g = v3m(pix_noise3(q.x, q.y, q.z) - 0.5f,
				   pix_noise3(q.x + 17.0f, q.y, q.z) - 0.5f,
				   pix_noise3(q.x, q.y + 31.0f, q.z) - 0.5f);
			n = v3norm(v3madd(n, g, st->bump));
		}
	}
	if (s.emit > 0) {
		float rim = fmaxf(v3dot(n, v), 0);
		return v3scale(s.albedo, s.emit * (0.55f + 0.45f * rim));
	}
	if (s.transmit > 0)
		return shade_glass(w, d, h, &s, depth, rs);

	float eps = 1e-3f * w->unit;
	v3 po = v3madd(p, n, eps);
	bool primary = depth == 0;
	bool studio_floor = h->prim < 0 && (w->setting == SET_STUDIO || w->setting == SET_DEFAULT);
	int nsh = primary ? 4 : 1;
	float ao = primary ? ambient_occlusion(w, po, n, h->prim < 0, rs, 4) : 1.0f;

	if (studio_floor) {
		/* The studio sweep is a shadow catcher: white, darkened only by shadow and contact.
		 */
		float vis = soft_shadow(w, po, &w->lamps[0], hash32(rs ^ 0x5ad0U), nsh, -1);
		float f = (1.0f - 0.5f * (1.0f - vis)) * (0.25f + 0.75f * ao);
		float r = primary ? pix_aces_inverse(f) / w->exposure : f;
		return v3m(r, r, r);
	}

	v3 diff = v3m(0, 0, 0), spec = v3m(0, 0, 0);
	float f0 = s.metal > 0 ? 0.0f : s.f0;
	for (int i = 0; i < w->nlamps; i++) {
		const struct lamp *l = &w->lamps[i];
		float ndl = v3dot(n, l->dir);
		if (ndl <= 0)
			continue;
		float vis = l->shadow ? soft_shadow(w, po, l, hash32(rs + (uint32_t)i * 7919U), nsh,
						    card ? h->inst : -1)
				      : 1.0f;
		float lit = ndl * vis;
		if (st->cel > 0)
			lit = floorf(lit * st->cel + 0.35f) / st->cel;
		diff = v3madd(diff, l->color, lit);
		float rough = fmaxf(s.rough, 0.06f + l->spread);
		float sh =
		    clampf(2.0f / (rough * rough * rough * rough + 1e-4f) - 2.0f, 1.0f, 3000.0f);
		v3 hv = v3norm(v3add(l->dir, v));
		float nh = fmaxf(v3dot(n, hv), 0);
		/* Past this the lobe is below a thousandth: skip the pow. */
		float dfac = nh > 1.0f - 7.0f / sh ? (sh + 8.0f) / 8.0f * powf(nh, sh) : 0.0f;
		if (st->cel > 0)
			dfac = dfac > 1.5f ? 2.0f : 0.0f;
		float vh = fmaxf(v3dot(v, hv), 0);
		float fr = f0 + (1.0f - f0) * pow5(1.0f - vh);
		if (s.metal > 0)
			fr = 1.0f;
		spec = v3madd(spec, l->color, dfac * fr * lit * (1.0f - 0.7f * s.rough));
	}
	v3 amb = v3scale(ambient_env(w, n), ao);
	float cosv = clampf(v3dot(n, v), 0, 1);
	float fres = f0 + (1.0f - f0) * pow5(1.0f - cosv);
	fres *= (1.0f - s.rough) * (1.0f - s.rough);
	v3 refl = v3m(0, 0, 0);
	bool shiny = s.metal > 0 || s.rough < 0.5f || water;
	if (shiny) {
		v3 rd = reflect(d, n);
		float blur = smoothstepf(0.08f, 0.5f, s.rough);
		if (depth < 2 && blur < 0.99f)
			refl = trace(w, po, rd, depth + 1, hash32(rs + 11U), NULL);
		else
			refl = world_sky(w, rd);
		refl = v3lerp(refl, v3scale(ambient_env(w, rd), ao), blur);
	} else {
		refl = amb;
	}
	v3 col;
	if (s.metal > 0) {
		v3 fm = v3add(s.albedo, v3scale(v3sub(v3m(1, 1, 1), s.albedo), pow5(1.0f - cosv)));
		col = v3add(v3mul(refl, fm), v3mul(spec, s.albedo));
		col = v3add(col, v3scale(v3mul(s.albedo, v3add(diff, amb)), 0.08f));
	} else {
		col = v3scale(v3mul(s.albedo, v3add(diff, amb)), 1.0f - fres);
		col = v3add(col, v3add(spec, v3scale(refl, fres)));
	}
	return col;
}

static v3 fog_apply(const struct world *w, v3 c, v3 d, float t)
{
	if (w->fog <= 0)
		return c;
	float f = 1.0f - expf(-w->fog * t);
	(void)d;
	return v3lerp(c, w->fog_color, f);
}

static v3 trace(const struct world *w, v3 o, v3 d, int depth, uint32_t rs, struct sample *g)
{
	struct hit h;
	if (!world_intersect(w, o, d, 1e30f, &h)) {
		if (g) {
			g->id = 0;
			g->depth = 1e30f;
			g->n = v3scale(d, -1.0f);
		}
		if (depth == 0 && (w->setting == SET_STUDIO || w->setting == SET_DEFAULT))
			return v3m(8.0f, 8.0f, 8.0f); /* past the tone curve's white: pure white */
		v3 c = world_sky(w, d);
		if (w->setting == SET_UNDERWATER)
			c = v3lerp(c, w->fog_color, 0.3f);
		return c;
	}
	if (g) {
		g->id = h.inst >= 0 ? h.inst + 1 : 0;
		g->depth = h.t;
		g->n = h.n;
	}
	v3 c = shade(w, d, &h, depth, rs);
	return fog_apply(w, c, d, h.t);
}

void shade_camera_sample(const struct world *w, float px, float py, uint32_t rs, struct sample *out)
{
	const struct cam *c = &w->cam;
	float sx = (2.0f * px / (float)w->width - 1.0f), sy = (1.0f - 2.0f * py / (float)w->height);
	v3 o, d;
	if (c->ortho) {
		o = v3add(c->pos, v3add(v3scale(c->right, sx * c->ortho_half * c->aspect),
					v3scale(c->up, sy * c->ortho_half)));
		d = c->fwd;
	} else {
		o = c->pos;
		d = v3norm(v3add(c->fwd, v3add(v3scale(c->right, sx * c->tan_half * c->aspect),
					       v3scale(c->up, sy * c->tan_half))));
	}
	out->rgb = trace(w, o, d, 0, rs, out);
	if (!(out->rgb.x == out->rgb.x) || !(out->rgb.y == out->rgb.y) ||
	    !(out->rgb.z == out->rgb.z))
		out->rgb = v3m(0, 0, 0);
}
