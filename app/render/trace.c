/*
 * trace: ray casting against the analytic primitives, and the sky.
 *
 * Rays are tested against an instance's bounding sphere, then each part's,
 * before the exact test in the part's local space, so a ray that passes
 * between objects costs a handful of dot products per object.
 */
#include <math.h>

#include "pixels.h"

static inline bool sphere_maybe(v3 c, float r, v3 o, v3 d, float tmax)
{
	v3 oc = v3sub(c, o);
	float tca = v3dot(oc, d);
	float d2 = v3dot(oc, oc) - tca * tca;
	if (d2 > r * r)
		return false;
	return tca >= -r && tca - r <= tmax;
}

static bool hit_sphere(v3 o, v3 d, float tmin, float tmax, float *t, v3 *n)
{
	float a = v3dot(d, d), b = v3dot(o, d), c = v3dot(o, o) - 1.0f;
	float disc = b * b - a * c;
	if (disc < 0)
		return false;
	float s = sqrtf(disc);
	float t0 = (-b - s) / a;
	if (t0 < tmin)
		t0 = (-b + s) / a;
	if (t0 < tmin || t0 > tmax)
		return false;
	*t = t0;
	*n = v3madd(o, d, t0);
	return true;
}

static bool hit_box(v3 o, v3 d, float tmin, float tmax, float *t, v3 *n)
{
	float tn = -1e30f, tf = 1e30f;
	int an = 0, af = 0;
	float oo[3] = {o.x, o.y, o.z}, dd[3] = {d.x, d.y, d.z};
	for (int i = 0; i < 3; i++) {
		if (fabsf(dd[i]) < 1e-12f) {
			if (oo[i] < -1.0f || oo[i] > 1.0f)
				return false;
			continue;
		}
		float inv = 1.0f / dd[i];
		float t1 = (-1.0f - oo[i]) * inv, t2 = (1.0f - oo[i]) * inv;
		if (t1 > t2) {
			float tmp = t1;
			t1 = t2;
			t2 = tmp;
		}
		if (t1 > tn) {
			tn = t1;
			an = i;
		}
		if (t2 < tf) {
			tf = t2;
			af = i;
		}
		if (tn > tf)
			return false;
	}
	float th = tn;
	int ax = an;
	if (th < tmin) {
		th = tf;
		ax = af;
	}
	if (th < tmin || th > tmax)
		return false;
	*t = th;
	v3 p = v3madd(o, d, th);
	float pp[3] = {p.x, p.y, p.z};
	float nn[3] = {0, 0, 0};
	nn[ax] = pp[ax] > 0 ? 1.0f : -1.0f;
	*n = v3m(nn[0], nn[1], nn[2]);
	return true;
}

/* Frustum: radius 1 at y = -1, k at y = 1, with both caps. */
static bool hit_frustum(v3 o, v3 d, float k, float tmin, float tmax, float *t, v3 *n)
{
	float b = (k - 1.0f) * 0.5f, a = (k + 1.0f) * 0.5f;
	float best = tmax;
	bool found = false;
	float ra = a + b * o.y, rb = b * d.y;
	float A = d.x * d.x + d.z * d.z - rb * rb;
	float B = o.x * d.x + o.z * d.z - ra * rb;
	float C = o.x * o.x + o.z * o.z - ra * ra;
	if (fabsf(A) > 1e-12f) {
		float disc = B * B - A * C;
		if (disc >= 0) {
			float s = sqrtf(disc);
			float r1 = (-B - s) / A, r2 = (-B + s) / A;
			if (r1 > r2) {
				float tmp = r1;
				r1 = r2;
				r2 = tmp;
			}
			float roots[2] = {r1, r2};
			for (int i = 0; i < 2; i++) {
				float tt = roots[i];
				if (tt < tmin || tt >= best)
					continue;
				float y = o.y + d.y * tt;
				if (y < -1.0f || y > 1.0f || a + b * y < 0)
					continue;
				best = tt;
				v3 p = v3madd(o, d, tt);
				*n = v3m(p.x, -b * (a + b * y), p.z);
				found = true;
				break;
			}
		}
	}
	if (fabsf(d.y) > 1e-12f) {
		for (int cap = 0; cap < 2; cap++) {
			float y = cap ? 1.0f : -1.0f, rr = cap ? k : 1.0f;
			if (rr <= 0)
				continue;
			float tt = (y - o.y) / d.y;
			if (tt < tmin || tt >= best)
				continue;
			float x = o.x + d.x * tt, z = o.z + d.z * tt;
			if (x * x + z * z > rr * rr)
				continue;
			best = tt;
			*n = v3m(0, y, 0);
			found = true;
		}
	}
	if (found)
		*t = best;
	return found;
}

static float torus_sdf(v3 p, float r)
{
	float q = sqrtf(p.x * p.x + p.z * p.z) - 1.0f;
	return sqrtf(q * q + p.y * p.y) - r;
}

/* Sphere tracing inside the torus's box: exact enough, and tori are rare. */
static bool hit_torus(v3 o, v3 d, float r, float tmin, float tmax, float *t, v3 *n)
{
	float dl = v3len(d);
	if (dl < 1e-20f)
		return false;
	v3 dn = v3scale(d, 1.0f / dl);
	/* Clip to the torus's bounding box first. */
	float lo[3] = {-1.0f - r, -r, -1.0f - r}, hi[3] = {1.0f + r, r, 1.0f + r};
	float oo[3] = {o.x, o.y, o.z}, dd[3] = {dn.x, dn.y, dn.z};
	float s0 = tmin * dl, s1 = tmax * dl;
	for (int i = 0; i < 3; i++) {
		if (fabsf(dd[i]) < 1e-12f) {
			if (oo[i] < lo[i] || oo[i] > hi[i])
				return false;
			continue;
		}
		float t1 = (lo[i] - oo[i]) / dd[i], t2 = (hi[i] - oo[i]) / dd[i];
		if (t1 > t2) {
			float tmp = t1;
			t1 = t2;
			t2 = tmp;
		}
		s0 = fmaxf(s0, t1);
		s1 = fminf(s1, t2);
		if (s0 > s1)
			return false;
	}
	float s = s0;
	float eps = 1e-4f * (1.0f + r);
	bool inside = torus_sdf(v3madd(o, dn, s), r) < 0;
	for (int i = 0; i < 96 && s <= s1; i++) {
		v3 p = v3madd(o, dn, s);
		float dist = torus_sdf(p, r);
		if (inside)
			dist = -dist;
		if (dist < eps) {
			if (s / dl < tmin)
				return false;
			*t = s / dl;
			float q = sqrtf(p.x * p.x + p.z * p.z);
			v3 c = q > 1e-9f ? v3m(p.x / q, 0, p.z / q) : v3m(1, 0, 0);
			*n = v3sub(p, c);
			return true;
		}
		s += dist * 0.95f;
	}
	return false;
}

struct plane {
	float nx, ny, nz, dd;
};

static const struct plane pyramid_planes[5] = {
    {0, -1, 0, 1}, {2, 1, 0, 1}, {-2, 1, 0, 1}, {0, 1, 2, 1}, {0, 1, -2, 1},
};
static const struct plane prism_planes[5] = {
    {0, -1, 0, 1}, {2, 1, 0, 1}, {-2, 1, 0, 1}, {0, 0, 1, 1}, {0, 0, -1, 1},
};

/* A convex solid as the intersection of half-spaces n.p <= d. */
static bool hit_convex(const struct plane *pl, int np, v3 o, v3 d, float tmin, float tmax, float *t,
		       v3 *n)
{
	float tn = -1e30f, tf = 1e30f;
	int an = -1, af = -1;
	for (int i = 0; i < np; i++) {
		v3 pn = v3m(pl[i].nx, pl[i].ny, pl[i].nz);
		float den = v3dot(pn, d), num = pl[i].dd - v3dot(pn, o);
		if (fabsf(den) < 1e-12f) {
			if (num < 0)
				return false;
			continue;
		}
		float tt = num / den;
		if (den < 0) {
			if (tt > tn) {
				tn = tt;
				an = i;
			}
		} else if (tt < tf) {
			tf = tt;
			af = i;
		}
		if (tn > tf)
			return false;
	}
	float th = tn;
	int ax = an;
	if (th < tmin) {
		th = tf;
		ax = af;
	}
	if (ax < 0 || th < tmin || th > tmax)
		return false;
	*t = th;
	*n = v3m(pl[ax].nx, pl[ax].ny, pl[ax].nz);
	return true;
}

bool prim_intersect(const struct prim *p, v3 o, v3 d, float tmin, float tmax, float *t, v3 *ln,
		    v3 *lp)
{
	const float *m = p->m;
	v3 lo = v3m(m[0] * o.x + m[1] * o.y + m[2] * o.z + p->t[0],
		    m[3] * o.x + m[4] * o.y + m[5] * o.z + p->t[1],
		    m[6] * o.x + m[7] * o.y + m[8] * o.z + p->t[2]);
	v3 ld = v3m(m[0] * d.x + m[1] * d.y + m[2] * d.z, m[3] * d.x + m[4] * d.y + m[5] * d.z,
		    m[6] * d.x + m[7] * d.y + m[8] * d.z);
	bool hit;
	if (p->kind == PRIM_CARD) {
		/* The square at z = 0, where its artwork is opaque. */
		if (fabsf(ld.z) < 1e-12f)
			return false;
		float tt = -lo.z / ld.z;
		if (tt < tmin || tt > tmax)
			return false;
		float x = lo.x + ld.x * tt, y = lo.y + ld.y * tt, a;
		if (x < -1.0f || x > 1.0f || y < -1.0f || y > 1.0f || !sprites_texel(p, x, y, NULL, &a))
			return false;
		*t = tt;
		*ln = v3m(0, 0, 1);
		if (lp)
			*lp = v3m(x, y, 0);
		return true;
	}
	switch (p->kind) {
	case PRIM_SPHERE: hit = hit_sphere(lo, ld, tmin, tmax, t, ln); break;
	case PRIM_BOX: hit = hit_box(lo, ld, tmin, tmax, t, ln); break;
	case PRIM_FRUSTUM: hit = hit_frustum(lo, ld, p->param, tmin, tmax, t, ln); break;
	case PRIM_TORUS: hit = hit_torus(lo, ld, p->param, tmin, tmax, t, ln); break;
	case PRIM_PYRAMID: hit = hit_convex(pyramid_planes, 5, lo, ld, tmin, tmax, t, ln); break;
	case PRIM_PRISM: hit = hit_convex(prism_planes, 5, lo, ld, tmin, tmax, t, ln); break;
	default: hit = false; break;
	}
	if (hit && lp)
		*lp = v3madd(lo, ld, *t);
	return hit;
}

bool world_intersect(const struct world *w, v3 o, v3 d, float tmax, struct hit *h)
{
	float best = tmax;
	int bp = -1;
	v3 bln = {0, 1, 0}, blp = {0, 0, 0};
	const float tmin = 1e-5f;
	for (int i = 0; i < w->ninst; i++) {
		const struct instance *in = &w->inst[i];
		if (!sphere_maybe(in->center, in->radius, o, d, best))
			continue;
		for (int k = in->first; k < in->first + in->nprims; k++) {
			const struct prim *p = &w->prims[k];
			if (!sphere_maybe(p->center, p->radius, o, d, best))
				continue;
			float t;
			v3 ln, lp;
			if (prim_intersect(p, o, d, tmin, best, &t, &ln, &lp)) {
				best = t;
				bp = k;
				bln = ln;
				blp = lp;
			}
		}
	}
	bool ground = false;
	if (w->ground && d.y < -1e-9f) {
		float tg = -o.y / d.y;
		if (tg > tmin && tg < best) {
			best = tg;
			ground = true;
		}
	}
	bool back = false;
	if (w->backdrop && d.z < -1e-9f && o.z > w->back_z) {
		float tb = (w->back_z - o.z) / d.z;
		if (tb > tmin && tb < best) {
			v3 q = v3madd(o, d, tb);
			if (q.y >= 0 && q.y < world_backdrop_top(w, q.x)) {
				best = tb;
				back = true;
				ground = false;
			}
		}
	}
	if (!ground && !back && bp < 0)
		return false;
	h->t = best;
	h->p = v3madd(o, d, best);
	if (ground || back) {
		h->prim = -1;
		h->inst = -1;
		h->n = back ? v3m(0, 0, 1) : v3m(0, 1, 0);
		h->lp = h->p;
		h->inside = back ? false : o.y < 0;
		return true;
	}
	const struct prim *p = &w->prims[bp];
	const float *m = p->m;
	/* Normal to world: the transpose of the world -> local matrix. */
	v3 n = v3m(m[0] * bln.x + m[3] * bln.y + m[6] * bln.z,
		   m[1] * bln.x + m[4] * bln.y + m[7] * bln.z,
		   m[2] * bln.x + m[5] * bln.y + m[8] * bln.z);
	n = v3norm(n);
	h->inside = v3dot(n, d) > 0;
	h->n = h->inside ? v3scale(n, -1.0f) : n;
	h->lp = blp;
	h->prim = bp;
	h->inst = p->inst;
	return true;
}

float world_transmit(const struct world *w, v3 o, v3 d, float tmax, const int *list, int n)
{
	float tr = 1.0f;
	for (int j = 0; j < n; j++) {
		const struct instance *in = &w->inst[list[j]];
		if (!sphere_maybe(in->center, in->radius, o, d, tmax))
			continue;
		for (int k = in->first; k < in->first + in->nprims; k++) {
			const struct prim *p = &w->prims[k];
			if (!sphere_maybe(p->center, p->radius, o, d, tmax))
				continue;
			float t;
			v3 ln;
			if (prim_intersect(p, o, d, 1e-5f, tmax, &t, &ln, NULL)) {
				if (p->surf.transmit <= 0 && p->surf.emit <= 0)
					return 0.0f;
				tr *= p->surf.emit > 0 ? 0.9f : 0.6f;
			}
		}
	}
	return tr;
}

/* Sparse point stars: one candidate per cell of a grid on the direction. */
static float stars(const struct world *w, v3 d, float density)
{
	float k = w->star_scale;
	float gx = d.x * k, gy = d.y * k, gz = d.z * k;
	float cx = floorf(gx), cy = floorf(gy), cz = floorf(gz);
	uint32_t h =
	    hash4((uint32_t)(int32_t)cx, (uint32_t)(int32_t)cy, (uint32_t)(int32_t)cz, 77U);
	if (unitf(h) > density)
		return 0.0f;
	uint32_t h2 = hash32(h);
	float jx = 0.25f + 0.5f * unitf(h2), jy = 0.25f + 0.5f * unitf(hash32(h2)),
	      jz = 0.25f + 0.5f * unitf(hash32(h2 + 1));
	float dx = gx - cx - jx, dy = gy - cy - jy, dz = gz - cz - jz;
	float r2 = dx * dx + dy * dy + dz * dz;
	float b = unitf(hash32(h2 + 7));
	return expf(-r2 * 40.0f) * (0.6f + 4.0f * b * b * b);
}

static v3 gradient3(float y, v3 top, v3 mid, v3 low)
{
	if (y > 0)
		return v3lerp(mid, top, sqrtf(clampf(y, 0, 1)));
	return v3lerp(mid, low, clampf(-y * 4.0f, 0, 1));
}

float world_backdrop_top(const struct world *w, float x)
{
	if (w->setting != SET_STREET)
		return 1e30f;
	/* A row of buildings 2.6 metres of the backdrop wide, each two to seven storeys. */
	float k = w->back_scale;
	int32_t b = (int32_t)floorf(x / (2.6f * k));
	uint32_t h = hash32((uint32_t)b * 2654435761U + 0x57eeU);
	return (1.0f + (float)(2 + (int)(h % 6))) * 0.9f * k;
}

static v3 world_sky_base(const struct world *w, enum setting setting, v3 d)
{
	float y = d.y;
	switch (setting) {
	case SET_STUDIO:
	case SET_DEFAULT: return v3m(1.0f, 1.0f, 1.0f);
	case SET_ROOM:
		/* Only reflections and rays towards the camera see it: the room's warm air. */
		return v3lerp(v3m(0.32f, 0.26f, 0.2f), v3m(0.62f, 0.55f, 0.45f),
			      clampf(y * 0.5f + 0.5f, 0, 1));
	case SET_FIELD: {
		v3 c = world_sky_base(w, SET_SKY, d);
		/* Far low hills, hazy: open country, not a forest's tree line. */
		float az = atan2f(d.x, -d.z);
		float line = 0.012f + 0.035f * pix_noise3(az * 3.0f, 4.5f, 0.5f);
		if (y > -0.01f && y < line)
			c = v3lerp(v3m(0.30f, 0.42f, 0.30f), v3m(0.55f, 0.68f, 0.78f),
				   clampf(y / line, 0, 1) * 0.6f);
		return c;
	}
	case SET_SKY:
	case SET_BEACH:
	case SET_STREET:
	case SET_DESERT: {
		v3 top =
		    setting == SET_DESERT ? v3m(0.16f, 0.32f, 0.72f) : v3m(0.10f, 0.28f, 0.80f);
		v3 hor =
		    setting == SET_DESERT ? v3m(0.95f, 0.80f, 0.62f) : v3m(0.62f, 0.78f, 0.95f);
		v3 c = gradient3(y, top, hor, v3m(0.45f, 0.62f, 0.88f));
		if (y > 0.02f && setting != SET_DESERT) {
			/* Soft clouds on a plane high above. */
			float u = d.x / y, v = d.z / y;
			float cl = pix_fbm3(u * 0.35f + 3.1f, v * 0.35f, (float)(w->seed % 97), 4);
			cl = smoothstepf(0.52f, 0.78f, cl) * smoothstepf(0.02f, 0.25f, y);
			c = v3lerp(c, v3m(1.0f, 1.0f, 1.0f), cl * 0.85f);
		}
		return c;
	}
	case SET_SUNSET: {
		v3 c;
		if (y > 0.25f)
			c = v3lerp(v3m(0.50f, 0.22f, 0.35f), v3m(0.08f, 0.06f, 0.25f),
				   clampf((y - 0.25f) * 1.6f, 0, 1));
		else if (y > 0)
			c = v3lerp(v3m(1.2f, 0.52f, 0.18f), v3m(0.50f, 0.22f, 0.35f), y * 4.0f);
		else
			c = v3m(0.55f, 0.25f, 0.15f);
		v3 sd = w->nlamps ? w->lamps[0].dir : v3m(0, 0.1f, -1);
		sd = v3norm(v3m(sd.x, fmaxf(sd.y, 0.04f), -fabsf(sd.z)));
		float cs = v3dot(d, sd);
		c = v3add(c, v3scale(v3m(1.0f, 0.6f, 0.25f), powf(fmaxf(cs, 0), 40.0f) * 0.8f));
		if (cs > 0.9985f)
			c = v3m(6.0f, 4.0f, 2.0f);
		return c;
	}
	case SET_NIGHT:
	case SET_CITY_NIGHT: {
		v3 c = gradient3(y, v3m(0.002f, 0.003f, 0.012f),
				 setting == SET_CITY_NIGHT ? v3m(0.12f, 0.05f, 0.14f)
							      : v3m(0.012f, 0.02f, 0.05f),
				 v3m(0.01f, 0.01f, 0.02f));
		if (y > 0)
			c = v3add(c, v3scale(v3m(0.9f, 0.9f, 1.0f),
					     stars(w, d, 0.08f) * smoothstepf(0, 0.15f, y)));
		if (setting == SET_CITY_NIGHT && y > -0.01f) {
			/* A skyline: buildings by azimuth, windows lit at random. */
			float az = atan2f(d.x, -d.z) * 40.0f;
			float col = floorf(az);
			uint32_t hb = hash32((uint32_t)(int32_t)col * 7919U + 13U);
			float hgt = 0.04f + 0.16f * unitf(hb) * unitf(hash32(hb));
			if (y < hgt) {
				c = v3m(0.015f, 0.015f, 0.03f);
				float wx = (az - col) * 3.0f, wy = y * 90.0f;
				uint32_t hw = hash4((uint32_t)(int32_t)floorf(wx),
						    (uint32_t)(int32_t)floorf(wy), hb, 5U);
				if (fabsf(wx - floorf(wx) - 0.5f) < 0.28f &&
				    fabsf(wy - floorf(wy) - 0.5f) < 0.3f && unitf(hw) < 0.35f)
					c = v3scale(v3m(1.0f, 0.75f, 0.4f),
						    0.8f + unitf(hash32(hw)));
			}
		}
		return c;
	}
	case SET_SPACE: {
		v3 c = v3m(0.002f, 0.002f, 0.006f);
		float neb = pix_fbm3(d.x * 2.0f + 5.0f, d.y * 2.0f, d.z * 2.0f, 4);
		neb = smoothstepf(0.45f, 0.85f, neb);
		c = v3add(c, v3scale(v3m(0.18f, 0.05f, 0.25f), neb * 0.5f));
		c = v3add(c, v3scale(v3m(0.9f, 0.92f, 1.0f), stars(w, d, 0.1f)));
		return c;
	}
	case SET_SNOW:
		return gradient3(y, v3m(0.45f, 0.55f, 0.72f), v3m(0.85f, 0.88f, 0.92f),
				 v3m(0.9f, 0.92f, 0.95f));
	case SET_FOREST: {
		v3 c = gradient3(y, v3m(0.25f, 0.45f, 0.70f), v3m(0.7f, 0.8f, 0.78f),
				 v3m(0.1f, 0.2f, 0.1f));
		float az = atan2f(d.x, -d.z);
		float line =
		    0.03f + 0.05f * pix_noise3(az * 6.0f, 1.5f, 0.5f) +
		    0.06f * fabsf(fmodf(az * 40.0f, 2.0f) - 1.0f) * pix_noise3(az * 40.0f, 2.5f, 0);
		if (y < line)
			c = v3lerp(v3m(0.04f, 0.10f, 0.04f), v3m(0.2f, 0.32f, 0.25f), 0.3f);
		return c;
	}
	case SET_UNDERWATER: {
		v3 c = gradient3(y, v3m(0.15f, 0.60f, 0.70f), v3m(0.02f, 0.25f, 0.35f),
				 v3m(0.01f, 0.08f, 0.15f));
		if (y > 0) {
			float ray =
			    pix_noise3(d.x * 8.0f / (y + 0.3f), 0.5f, (float)(w->seed % 31));
			c = v3add(c,
				  v3scale(v3m(0.1f, 0.3f, 0.3f), smoothstepf(0.6f, 0.9f, ray) * y));
		}
		return c;
	}
	case SET_TABLETOP: {
		v3 wall = v3lerp(v3m(0.30f, 0.22f, 0.16f), v3m(0.55f, 0.45f, 0.35f),
				 clampf(y * 2.0f + 0.5f, 0, 1));
		float bokeh = pix_noise3(d.x * 5.0f, d.y * 5.0f, 3.0f);
		return v3add(wall, v3scale(v3m(0.4f, 0.3f, 0.15f), smoothstepf(0.7f, 0.8f, bokeh)));
	}
	default: return v3m(1, 1, 1);
	}
}

/*
 * Golden-hour light outdoors is that place at sunset (the describer says "on a
 * beach at sunset"): its sky takes the sunset's colours, kept a little of its own.
 */
v3 world_sky(const struct world *w, v3 d)
{
	v3 c = world_sky_base(w, w->setting, d);
	switch (w->setting) {
	case SET_SKY:
	case SET_BEACH:
	case SET_DESERT:
	case SET_SNOW:
	case SET_FOREST:
	case SET_STREET:
	case SET_FIELD:
		if (w->light == LIGHT_GOLDEN)
			c = v3lerp(c, world_sky_base(w, SET_SUNSET, d), 0.75f);
		break;
	default:
		break;
	}
	return c;
}
