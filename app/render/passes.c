/*
 * passes: render_image(): buffers, threads, progressive passes, edge
 * anti-aliasing, previews and cancellation.
 *
 * Pixels are traced in three passes over the same full-resolution buffer:
 * every 8th pixel of every 8th row, then the rest of the even pixels of even
 * rows, then everything else. Each pass only fills pixels no earlier pass
 * did, so the previews cost nothing extra, and a pixel's value is a function
 * of (scene, seed, x, y) alone: threads take rows in any order and the bytes
 * come out the same. After the full pass, pixels on an edge (object id,
 * depth, normal or brightness changes) get four more samples.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pixels.h"

static int thread_count(int asked)
{
	if (asked > 0)
		return asked > 64 ? 64 : asked;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > 64 ? 64 : (int)n;
}

/* ---- passes ---- */

struct job {
	const struct world *w;
	struct fbuf f; /* full resolution, step 1 */
	int width, height;
	int pass; /* 0: 1/8, 1: 1/2, 2: the rest */
	int row0;
	uint8_t *mask;
};

static void put_sample(struct job *j, int x, int y, const struct sample *s)
{
	size_t i = (size_t)y * (size_t)j->width + (size_t)x;
	j->f.rgb[i * 3] = s->rgb.x;
	j->f.rgb[i * 3 + 1] = s->rgb.y;
	j->f.rgb[i * 3 + 2] = s->rgb.z;
	j->f.id[i] = (uint16_t)(s->id > 65535 ? 65535 : s->id);
	j->f.depth[i] = depth_pack(s->depth);
	nrm_pack(s->n, &j->f.nrm[i * 2]);
}

static uint32_t pixel_seed(const struct world *w, int x, int y, int k)
{
	return hash4((uint32_t)x, (uint32_t)y, w->seed, (uint32_t)k * 0x9e3779b9U + 1U);
}

static void trace_pixel(struct job *j, int x, int y)
{
	struct sample s;
	shade_camera_sample(j->w, (float)x + 0.5f, (float)y + 0.5f, pixel_seed(j->w, x, y, 0), &s);
	put_sample(j, x, y, &s);
}

static void pass_row(void *ctx, int item)
{
	struct job *j = ctx;
	int y;
	switch (j->pass) {
	case 0:
		y = item * 8;
		for (int x = 0; x < j->width; x += 8)
			trace_pixel(j, x, y);
		break;
	case 1:
		y = item * 2;
		for (int x = 0; x < j->width; x += 2)
			if ((x & 7) || (y & 7))
				trace_pixel(j, x, y);
		break;
	default:
		y = j->row0 + item;
		for (int x = 0; x < j->width; x++)
			if ((x & 1) || (y & 1))
				trace_pixel(j, x, y);
		break;
	}
}

/* ---- edge anti-aliasing ---- */

static float disp_luma(const struct world *w, const float *c)
{
	float e = w->exposure;
	return 0.2126f * pix_aces(c[0] * e) + 0.7152f * pix_aces(c[1] * e) +
	       0.0722f * pix_aces(c[2] * e);
}

static void mask_row(void *ctx, int y)
{
	struct job *j = ctx;
	int W = j->width, H = j->height;
	for (int x = 0; x < W; x++) {
		size_t i = (size_t)y * (size_t)W + (size_t)x;
		float l = disp_luma(j->w, &j->f.rgb[i * 3]);
		uint8_t m = 0;
		static const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};
		for (int k = 0; k < 4 && !m; k++) {
			int nx = x + dx[k], ny = y + dy[k];
			if (nx < 0 || ny < 0 || nx >= W || ny >= H)
				continue;
			size_t q = (size_t)ny * (size_t)W + (size_t)nx;
			if (j->f.id[q] != j->f.id[i])
				m = 1;
			else if (abs((int)j->f.depth[q] - (int)j->f.depth[i]) > 200)
				m = 1;
			else if (fabsf(disp_luma(j->w, &j->f.rgb[q * 3]) - l) > 0.1f)
				m = 1;
		}
		j->mask[i] = m;
	}
}

static void aa_row(void *ctx, int y)
{
	struct job *j = ctx;
	/* Rotated-grid offsets around the pixel centre. */
	static const float ox[4] = {-0.125f, 0.375f, 0.125f, -0.375f};
	static const float oy[4] = {-0.375f, -0.125f, 0.375f, 0.125f};
	float e = j->w->exposure;
	for (int x = 0; x < j->width; x++) {
		size_t i = (size_t)y * (size_t)j->width + (size_t)x;
		if (!j->mask[i])
			continue;
		float *c = &j->f.rgb[i * 3];
		/* Average on the display scale, so a bright background does not swallow the edge.
		 */
		float acc[3] = {pix_aces(c[0] * e), pix_aces(c[1] * e), pix_aces(c[2] * e)};
		for (int k = 0; k < 4; k++) {
			struct sample s;
			shade_camera_sample(j->w, (float)x + 0.5f + ox[k], (float)y + 0.5f + oy[k],
					    pixel_seed(j->w, x, y, k + 1), &s);
			acc[0] += pix_aces(s.rgb.x * e);
			acc[1] += pix_aces(s.rgb.y * e);
			acc[2] += pix_aces(s.rgb.z * e);
		}
		for (int k = 0; k < 3; k++)
			c[k] = pix_aces_inverse(acc[k] / 5.0f) / e;
	}
}

/* ---- memory plan ---- */

static size_t fbuf_bytes(int w, int h)
{
	return (size_t)w * (size_t)h * (3 * sizeof(float) + 2 * sizeof(uint16_t) + 2);
}

size_t render_plan_bytes(int w, int h)
{
	size_t world = PIX_MAX_PRIMS * sizeof(struct prim) + sizeof(struct world);
	size_t out = (size_t)w * (size_t)h * 4;
	size_t fb = fbuf_bytes(w, h);
	int hw = (w + 1) / 2, hh = (h + 1) / 2;
	size_t preview = (size_t)hw * (size_t)hh * 4 + post_scratch_bytes(hw, hh);
	size_t aa = (size_t)w * (size_t)h;
	size_t final = post_scratch_bytes(w, h);
	size_t peak = preview > aa ? preview : aa;
	if (final > peak)
		peak = final;
	return world + out + fb + peak;
}

/* ---- previews ---- */

/* Post-processes the strided view and scales it up into out (nearest), then reports it. */
static int preview(struct job *j, int step, int threads, struct image_rgba *out, int pct,
		   const struct render_opts *o)
{
	struct fbuf v = j->f;
	v.step = step;
	v.w = (j->width + step - 1) / step;
	v.h = (j->height + step - 1) / step;
	uint8_t *small = malloc((size_t)v.w * (size_t)v.h * 4);
	if (!small)
		return -1;
	int rc = post_process(j->w, &v, small, threads);
	if (rc == 0) {
		for (int y = 0; y < j->height; y++) {
			const uint8_t *srow = small + (size_t)(y / step) * (size_t)v.w * 4;
			uint8_t *drow = out->pixels + (size_t)y * (size_t)j->width * 4;
			for (int x = 0; x < j->width; x++)
				memcpy(drow + (size_t)x * 4, srow + (size_t)(x / step) * 4, 4);
		}
	}
	free(small);
	if (rc != 0)
		return -1;
	return o->progress(o->progress_ctx, pct, out) ? 1 : 0;
}

/* ---- entry point ---- */

int render_image(const struct scene *s, const struct render_opts *o, struct image_rgba *out)
{
	if (!s || !o || !out)
		return -1;
	out->pixels = NULL;
	out->width = out->height = 0;
	if (o->width < RENDER_MIN_SIDE || o->width > RENDER_MAX_SIDE ||
	    o->height < RENDER_MIN_SIDE || o->height > RENDER_MAX_SIDE)
		return -1;
	if (render_plan_bytes(o->width, o->height) > RENDER_MAX_BYTES)
		return -1;
	int W = o->width, H = o->height, rc = -1;
	int threads = thread_count(o->threads);
	struct world w;
	struct job j;
	memset(&j, 0, sizeof j);
	if (world_build(&w, s, W, H, o->seed) < 0)
		return -1;
	size_t n = (size_t)W * (size_t)H;
	j.w = &w;
	j.width = W;
	j.height = H;
	j.f.w = W;
	j.f.h = H;
	j.f.step = 1;
	j.f.pitch = W;
	j.f.rgb = malloc(n * 3 * sizeof(float));
	j.f.id = malloc(n * sizeof(uint16_t));
	j.f.depth = malloc(n * sizeof(uint16_t));
	j.f.nrm = malloc(n * 2);
	out->pixels = malloc(n * 4);
	if (!j.f.rgb || !j.f.id || !j.f.depth || !j.f.nrm || !out->pixels)
		goto out;
	out->width = (unsigned)W;
	out->height = (unsigned)H;
	if (o->progress && o->progress(o->progress_ctx, 0, NULL)) {
		rc = 1;
		goto out;
	}

	j.pass = 0;
	pix_parallel(threads, (H + 7) / 8, pass_row, &j);
	if (o->progress) {
		int p = preview(&j, 8, threads, out, 3, o);
		if (p != 0) {
			rc = p;
			goto out;
		}
	}
	j.pass = 1;
	pix_parallel(threads, (H + 1) / 2, pass_row, &j);
	if (o->progress) {
		int p = preview(&j, 2, threads, out, 25, o);
		if (p != 0) {
			rc = p;
			goto out;
		}
	}
	/* The full pass in bands, so progress moves and a cancel is heard quickly. */
	j.pass = 2;
	const int bands = 8;
	for (int b = 0; b < bands; b++) {
		j.row0 = H * b / bands;
		int rows = H * (b + 1) / bands - j.row0;
		pix_parallel(threads, rows, pass_row, &j);
		if (o->progress && o->progress(o->progress_ctx, 25 + 60 * (b + 1) / bands, NULL)) {
			rc = 1;
			goto out;
		}
	}

	j.mask = malloc(n);
	if (!j.mask)
		goto out;
	pix_parallel(threads, H, mask_row, &j);
	pix_parallel(threads, H, aa_row, &j);
	free(j.mask);
	j.mask = NULL;
	if (o->progress && o->progress(o->progress_ctx, 92, NULL)) {
		rc = 1;
		goto out;
	}
	if (post_process(&w, &j.f, out->pixels, threads) < 0)
		goto out;
	if (o->progress)
		o->progress(o->progress_ctx, 100, NULL);
	rc = 0;
out:
	free(j.mask);
	free(j.f.rgb);
	free(j.f.id);
	free(j.f.depth);
	free(j.f.nrm);
	world_free(&w);
	if (rc != 0) {
		free(out->pixels);
		out->pixels = NULL;
		out->width = out->height = 0;
	}
	return rc;
}
