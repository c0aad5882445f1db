/*
 * pix: the helpers every pass of the built-in engine shares, below all of them:
 * running a loop on threads, lattice noise, the ACES tone curve and its inverse,
 * and the packing of normals and depths into the frame buffer.
 *
 * Nothing here knows a world, a scene or a style; layout, trace, shade, post
 * and render use it, and it uses only pixels.h's inline maths.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>

#include "pixels.h"

/* ---- threads ---- */

struct par {
	void (*fn)(void *ctx, int i);
	void *ctx;
	int n;
	atomic_int next;
};

static void *par_worker(void *arg)
{
	struct par *p = arg;
	for (;;) {
		int i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			break;
		p->fn(p->ctx, i);
	}
	return NULL;
}

void pix_parallel(int threads, int n, void (*fn)(void *ctx, int i), void *ctx)
{
	struct par p;
	p.fn = fn;
	p.ctx = ctx;
	p.n = n;
	atomic_init(&p.next, 0);
	if (threads > 64)
		threads = 64;
	if (threads > n)
		threads = n;
	pthread_t tid[64];
	int started = 0;
	for (int t = 1; t < threads; t++) {
		if (pthread_create(&tid[started], NULL, par_worker, &p) != 0)
			break; /* fewer threads is still correct, only slower */
		started++;
	}
	par_worker(&p);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
}

/* ---- noise ---- */

/* One hash round per lattice point: noise is on every textured pixel's path. */
static inline float lattice(int x, int y, int z)
{
	return unitf(hash32((uint32_t)x * 0x8da6b343U ^ (uint32_t)y * 0xd8163841U ^
			    (uint32_t)z * 0xcb1ab31fU));
}

float pix_noise3(float x, float y, float z)
{
	/* Keep the lattice coordinates in int range whatever the caller passes. */
	x = fmodf(x, 8192.0f), y = fmodf(y, 8192.0f), z = fmodf(z, 8192.0f);
	if (!(x == x) || !(y == y) || !(z == z))
		return 0.5f;
	float fx = floorf(x), fy = floorf(y), fz = floorf(z);
	int ix = (int)fx, iy = (int)fy, iz = (int)fz;
	float tx = x - fx, ty = y - fy, tz = z - fz;
	tx = tx * tx * (3 - 2 * tx), ty = ty * ty * (3 - 2 * ty), tz = tz * tz * (3 - 2 * tz);
	float a = mixf(lattice(ix, iy, iz), lattice(ix + 1, iy, iz), tx);
	float b = mixf(lattice(ix, iy + 1, iz), lattice(ix + 1, iy + 1, iz), tx);
	float c = mixf(lattice(ix, iy, iz + 1), lattice(ix + 1, iy, iz + 1), tx);
	float d = mixf(lattice(ix, iy + 1, iz + 1), lattice(ix + 1, iy + 1, iz + 1), tx);
	return mixf(mixf(a, b, ty), mixf(c, d, ty), tz);
}

/* The 2D version for image-space textures: half the lattice lookups. */
float pix_noise2(float x, float y, uint32_t layer)
{
	x = fmodf(x, 8192.0f), y = fmodf(y, 8192.0f);
	if (!(x == x) || !(y == y))
		return 0.5f;
	float fx = floorf(x), fy = floorf(y);
	int ix = (int)fx, iy = (int)fy;
	float tx = x - fx, ty = y - fy;
	tx = tx * tx * (3 - 2 * tx), ty = ty * ty * (3 - 2 * ty);
	int iz = (int)layer;
	float a = mixf(lattice(ix, iy, iz), lattice(ix + 1, iy, iz), tx);
	float b = mixf(lattice(ix, iy + 1, iz), lattice(ix + 1, iy + 1, iz), tx);
	return mixf(a, b, ty);
}

float pix_fbm3(float x, float y, float z, int octaves)
{
	float sum = 0, amp = 0.5f, norm = 0;
	for (int i = 0; i < octaves; i++) {
		sum += amp * pix_noise3(x, y, z);
		norm += amp;
		x = x * 2.03f + 1.7f, y = y * 2.03f + 9.2f, z = z * 2.03f + 3.1f;
		amp *= 0.5f;
	}
	return sum / norm;
}

/* ---- packing ---- */

void nrm_pack(v3 n, int8_t *out)
{
	float s = fabsf(n.x) + fabsf(n.y) + fabsf(n.z);
	if (s < 1e-12f) {
		out[0] = out[1] = 0;
		return;
	}
	float x = n.x / s, y = n.y / s;
	if (n.z < 0) {
		float tx = (1.0f - fabsf(y)) * (x >= 0 ? 1.0f : -1.0f);
		float ty = (1.0f - fabsf(x)) * (y >= 0 ? 1.0f : -1.0f);
		x = tx, y = ty;
	}
	out[0] = (int8_t)lrintf(clampf(x, -1, 1) * 127.0f);
	out[1] = (int8_t)lrintf(clampf(y, -1, 1) * 127.0f);
}

v3 nrm_unpack(const int8_t *in)
{
	float x = (float)in[0] / 127.0f, y = (float)in[1] / 127.0f;
	float z = 1.0f - fabsf(x) - fabsf(y);
	if (z < 0) {
		float tx = (1.0f - fabsf(y)) * (x >= 0 ? 1.0f : -1.0f);
		float ty = (1.0f - fabsf(x)) * (y >= 0 ? 1.0f : -1.0f);
		x = tx, y = ty;
	}
	return v3norm(v3m(x, y, z));
}

uint16_t depth_pack(float d)
{
	if (!(d < 1e29f))
		return 65535;
	float v = log2f(fmaxf(d, 1e-6f)) * 1024.0f + 32768.0f;
	return (uint16_t)clampf(v, 0.0f, 65534.0f);
}

/* ---- tone ---- */

float pix_aces(float x)
{
	if (!(x > 0))
		return 0.0f;
	float v = (x * (2.51f * x + 0.03f)) / (x * (2.43f * x + 0.59f) + 0.14f);
	return v > 1.0f ? 1.0f : v;
}

float pix_aces_inverse(float y)
{
	if (y <= 0)
		return 0.0f;
	if (y >= 0.9999f)
		return 8.0f;
	float a = 2.43f * y - 2.51f, b = 0.59f * y - 0.03f, c = 0.14f * y;
	float disc = b * b - 4.0f * a * c;
	return (-b - sqrtf(fmaxf(disc, 0))) / (2.0f * a);
}
