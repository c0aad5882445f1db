/*
 * The engine's pixel half: layout, rendering, styles, determinism, previews.
 * Scenes are built by hand (the language half is tested on its own), and the
 * checks read the rendered pixels: colours where the layout put them,
 * separate regions per instance, white studio corners, and so on. Renders
 * stay small so the suite is quick under the sanitizers too.
 */
#include <stdlib.h>
#include <string.h>

#include "../../app/render/artwork.h"
#include "../../app/render/pixels.h"
#include "render.h"
#include "tap.h"

static struct rgb rgb(float r, float g, float b)
{
	struct rgb c = {r, g, b};
	return c;
}

static void scene_init(struct scene *s, enum setting set)
{
	memset(s, 0, sizeof *s);
	s->setting = set;
	s->enhanced = true;
}

static int add(struct scene *s, enum object_kind k, const char *cname, struct rgb c, int count)
{
	struct scene_object *o = &s->objects[s->nobjects];
	memset(o, 0, sizeof *o);
	o->kind = k;
	snprintf(o->noun, sizeof o->noun, "thing");
	snprintf(o->color_name, sizeof o->color_name, "%s", cname);
	o->color = c;
	o->scale = 1;
	o->count = count;
	return s->nobjects++;
}

static void relate(struct scene *s, enum relation_kind k, int a, int b, int c)
{
	struct scene_relation *r = &s->relations[s->nrelations++];
	r->kind = k;
	r->subject = a;
	r->object = b;
	r->object2 = c;
}

static int render(const struct scene *s, int w, int h, uint32_t seed, int threads,
		  struct image_rgba *img)
{
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.width = w;
	o.height = h;
	o.seed = seed;
	o.threads = threads;
	return render_image(s, &o, img);
}

static const uint8_t *px(const struct image_rgba *img, unsigned x, unsigned y)
{
	return img->pixels + ((size_t)y * img->width + x) * 4;
}

/* Colour classes for reading pictures: clearly red, green or blue. */
static bool is_red(const uint8_t *p)
{
	return p[0] > 110 && p[0] > p[1] * 2 && p[0] > p[2] * 2;
}
static bool is_green(const uint8_t *p)
{
	return p[1] > 90 && p[1] > p[0] + 40 && p[1] > p[2] + 40;
}
static bool is_blue(const uint8_t *p)
{
	return p[2] > 110 && p[2] > p[0] + 40 && p[2] > p[1] + 20;
}
static bool is_magenta(const uint8_t *p)
{
	return p[0] > 90 && p[2] > 70 && p[1] + 40 < p[0] && p[1] + 30 < p[2];
}

static bool centroid(const struct image_rgba *img, bool (*cls)(const uint8_t *), float *cx,
		     float *cy, long *count)
{
	double sx = 0, sy = 0;
	long n = 0;
	for (unsigned y = 0; y < img->height; y++)
		for (unsigned x = 0; x < img->width; x++)
			if (cls(px(img, x, y))) {
				sx += x;
				sy += y;
				n++;
			}
	if (count)
		*count = n;
	if (n == 0)
		return false;
	*cx = (float)(sx / (double)n);
	*cy = (float)(sy / (double)n);
	return true;
}

/* Connected regions of a colour class with at least min_px pixels (4-connected flood fill). */
static int regions(const struct image_rgba *img, bool (*cls)(const uint8_t *), long min_px)
{
	size_t n = (size_t)img->width * img->height;
	uint8_t *seen = calloc(n, 1);
	int *stack = malloc(n * sizeof(int));
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if (seen[i] || !cls(img->pixels + i * 4))
			continue;
		long size = 0;
		int top = 0;
		stack[top++] = (int)i;
		seen[i] = 1;
		while (top) {
			int c = stack[--top];
			size++;
			int x = c % (int)img->width, y = c / (int)img->width;
			int nb[4][2] = {{x + 1, y}, {x - 1, y}, {x, y + 1}, {x, y - 1}};
			for (int k = 0; k < 4; k++) {
				int nx = nb[k][0], ny = nb[k][1];
				if (nx < 0 || ny < 0 || nx >= (int)img->width ||
				    ny >= (int)img->height)
					continue;
				size_t q = (size_t)ny * img->width + (size_t)nx;
				if (!seen[q] && cls(img->pixels + q * 4)) {
					seen[q] = 1;
					stack[top++] = (int)q;
				}
			}
		}
		if (size >= min_px)
			found++;
	}
	free(seen);
	free(stack);
	return found;
}

static double mean_abs_diff(const struct image_rgba *a, const struct image_rgba *b)
{
	size_t n = (size_t)a->width * a->height * 4;
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += abs((int)a->pixels[i] - (int)b->pixels[i]);
	return sum / (double)n;
}

static bool same_bytes(const struct image_rgba *a, const struct image_rgba *b)
{
	return a->width == b->width && a->height == b->height &&
	       memcmp(a->pixels, b->pixels, (size_t)a->width * a->height * 4) == 0;
}

/* Where a world point lands in the picture, through the world's own camera. */
static void project(const struct world *w, v3 p, float *sx, float *sy)
{
	const struct cam *c = &w->cam;
	v3 rel = v3sub(p, c->pos);
	float x = v3dot(rel, c->right), y = v3dot(rel, c->up), z = v3dot(rel, c->fwd);
	float nx, ny;
	if (c->ortho) {
		nx = x / (c->ortho_half * c->aspect);
		ny = y / c->ortho_half;
	} else {
		nx = x / (z * c->tan_half * c->aspect);
		ny = y / (z * c->tan_half);
	}
	*sx = (nx + 1.0f) * 0.5f * (float)w->width;
	*sy = (1.0f - ny) * 0.5f * (float)w->height;
}

static void red_cube_left_of_blue_sphere(struct scene *s)
{
	scene_init(s, SET_STUDIO);
	add(s, OBJ_CUBE, "red", rgb(0.8f, 0.03f, 0.03f), 1);
	add(s, OBJ_SPHERE, "blue", rgb(0.03f, 0.08f, 0.8f), 1);
	relate(s, REL_LEFT_OF, 0, 1, -1);
}

static void test_sizes(void)
{
	struct scene s;
	red_cube_left_of_blue_sphere(&s);
	struct image_rgba img;
	static const int bad[][2] = {{63, 256}, {256, 63},   {0, 0},
				     {-1, 256}, {2049, 256}, {256, 4096}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = render(&s, bad[i][0], bad[i][1], 1, 0, &img);
		ok(rc == -1 && img.pixels == NULL, "%dx%d is refused", bad[i][0], bad[i][1]);
	}
	static const int good[][2] = {{64, 64}, {96, 64}, {64, 96}, {150, 100}};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		int rc = render(&s, good[i][0], good[i][1], 1, 0, &img);
		ok(rc == 0 && img.width == (unsigned)good[i][0] &&
		       img.height == (unsigned)good[i][1] && px(&img, 0, 0)[3] == 255,
		   "%dx%d renders, opaque", good[i][0], good[i][1]);
		image_rgba_free(&img);
	}
	ok(render_plan_bytes(2048, 2048) <= RENDER_MAX_BYTES,
	   "2048x2048 plans %zu bytes, within %u", render_plan_bytes(2048, 2048), RENDER_MAX_BYTES);
	ok(render_plan_bytes(1024, 1536) < render_plan_bytes(2048, 2048), "plan grows with size");
	ok(render_image(NULL, NULL, NULL) == -1, "NULL arguments are refused");
}

static void test_relation_left_of(void)
{
	struct scene s;
	red_cube_left_of_blue_sphere(&s);
	int left = 0;
	for (uint32_t seed = 1; seed <= 3; seed++) {
		struct image_rgba img;
		if (render(&s, 256, 256, seed, 0, &img) != 0) {
			ok(0, "render");
			continue;
		}
		float rx = 0, ry = 0, bx = 0, by = 0;
		long rn = 0, bn = 0;
		bool r = centroid(&img, is_red, &rx, &ry, &rn),
		     b = centroid(&img, is_blue, &bx, &by, &bn);
		ok(r && b && rn > 300 && bn > 300,
		   "seed %u: red (%ld px) and blue (%ld px) regions", seed, rn, bn);
		left += r && b && rx < bx;
		/* The pixel under each object's projected centre has that object's colour. */
		struct world w;
		if (world_build(&w, &s, 256, 256, seed) == 0) {
			for (int i = 0; i < w.ninst; i++) {
				float sx, sy;
				project(&w, w.inst[i].center, &sx, &sy);
				const uint8_t *p = px(&img, (unsigned)clampf(sx, 0, 255),
						      (unsigned)clampf(sy, 0, 255));
				bool want = w.inst[i].group == 0 ? is_red(p) : is_blue(p);
				ok(want,
				   "seed %u: group %d's colour at its projected centre (%.0f, "
				   "%.0f)",
				   seed, w.inst[i].group, sx, sy);
			}
			world_free(&w);
		}
		image_rgba_free(&img);
	}
	ok(left == 3, "the red cube's centre is left of the blue sphere's, for every seed");
}

static void test_three_cubes(void)
{
	struct scene s;
	scene_init(&s, SET_STUDIO);
	add(&s, OBJ_CUBE, "green", rgb(0.03f, 0.55f, 0.05f), 3);
	for (uint32_t seed = 1; seed <= 3; seed++) {
		struct image_rgba img;
		if (render(&s, 256, 256, seed, 0, &img) != 0) {
			ok(0, "render");
			continue;
		}
		int n = regions(&img, is_green, 80);
		ok(n == 3, "seed %u: three green cubes are three separate green regions (%d)", seed,
		   n);
		image_rgba_free(&img);
	}
	scene_init(&s, SET_STUDIO);
	add(&s, OBJ_SPHERE, "blue", rgb(0.03f, 0.08f, 0.8f), 7);
	struct image_rgba img;
	if (render(&s, 256, 256, 5, 0, &img) == 0) {
		int n = regions(&img, is_blue, 40);
		ok(n == 7, "seven blue spheres are seven blue regions (%d)", n);
		image_rgba_free(&img);
	}
}

static void test_studio_white(void)
{
	struct scene s;
	red_cube_left_of_blue_sphere(&s);
	struct image_rgba img;
	if (render(&s, 256, 192, 7, 0, &img) != 0) {
		ok(0, "render");
		return;
	}
	unsigned xs[2] = {0, img.width - 1}, ys[2] = {0, img.height - 1};
	for (int i = 0; i < 4; i++) {
		const uint8_t *p = px(&img, xs[i & 1], ys[i >> 1]);
		ok(p[0] >= 250 && p[1] >= 250 && p[2] >= 250,
		   "studio corner (%u,%u) is white: %d %d %d", xs[i & 1], ys[i >> 1], p[0], p[1],
		   p[2]);
	}
	image_rgba_free(&img);
}

static void test_determinism(void)
{
	struct scene s;
	scene_init(&s, SET_FOREST);
	add(&s, OBJ_HOUSE, "", rgb(0, 0, 0), 1);
	add(&s, OBJ_TREE, "", rgb(0, 0, 0), 2);
	add(&s, OBJ_SPHERE, "", rgb(0, 0, 0), 1);
	s.objects[2].material = MAT_GLASS;
	relate(&s, REL_RIGHT_OF, 1, 0, -1);
	struct image_rgba a, b, c, d;
	int ra = render(&s, 200, 160, 42, 1, &a), rb = render(&s, 200, 160, 42, 2, &b);
	int rc = render(&s, 200, 160, 42, 3, &c), rd = render(&s, 200, 160, 43, 2, &d);
	ok(ra == 0 && rb == 0 && rc == 0 && rd == 0, "renders");
	if (ra == 0 && rb == 0 && rc == 0 && rd == 0) {
		ok(same_bytes(&a, &b), "same seed: identical bytes with 1 and 2 threads");
		ok(same_bytes(&a, &c), "same seed: identical bytes with 1 and 3 threads");
		ok(mean_abs_diff(&a, &d) > 2.0,
		   "another seed gives a visibly different image (%.1f)", mean_abs_diff(&a, &d));
		image_rgba_free(&a);
		image_rgba_free(&b);
		image_rgba_free(&c);
		image_rgba_free(&d);
	}
	struct image_rgba e;
	if (render(&s, 200, 160, 42, 2, &e) == 0 && render(&s, 200, 160, 42, 2, &a) == 0) {
		ok(same_bytes(&a, &e), "same seed twice: identical bytes");
		image_rgba_free(&a);
		image_rgba_free(&e);
	}
}

struct progress_log {
	int calls, partials, last_pct, cancel_at_partial;
	bool monotonic, coarse_to_fine, saw_100;
	int block[8];
};

/* The largest block size (8, 2, 1) at which the picture is made of constant square blocks. */
static int blockiness(const struct image_rgba *img)
{
	static const int sizes[2] = {8, 2};
	for (int k = 0; k < 2; k++) {
		int b = sizes[k];
		bool flat = true;
		for (unsigned y = 0; y < img->height && flat; y++)
			for (unsigned x = 0; x < img->width && flat; x++)
				if (memcmp(px(img, x, y), px(img, x / b * b, y / b * b), 4) != 0)
					flat = false;
		if (flat)
			return b;
	}
	return 1;
}

static int on_progress(void *ctx, int pct, const struct image_rgba *partial)
{
	struct progress_log *l = ctx;
	l->calls++;
	if (pct < l->last_pct || pct < 0 || pct > 100)
		l->monotonic = false;
	l->last_pct = pct;
	if (pct == 100)
		l->saw_100 = true;
	if (partial) {
		if (l->partials < 8)
			l->block[l->partials] = blockiness(partial);
		l->partials++;
		if (l->saw_100)
			l->coarse_to_fine = false;
		if (l->cancel_at_partial && l->partials >= l->cancel_at_partial)
			return 1;
	}
	return 0;
}

static void test_previews(void)
{
	struct scene s;
	red_cube_left_of_blue_sphere(&s);
	struct progress_log log;
	memset(&log, 0, sizeof log);
	log.monotonic = log.coarse_to_fine = true;
	struct render_opts o;
	memset(&o, 0, sizeof o);
	o.width = 256;
	o.height = 256;
	o.seed = 3;
	o.progress = on_progress;
	o.progress_ctx = &log;
	struct image_rgba img, plain;
	int rc = render_image(&s, &o, &img);
	ok(rc == 0, "render with progress");
	ok(log.partials >= 2, "at least two partial images (%d)", log.partials);
	ok(log.monotonic && log.saw_100, "percent rises to 100");
	ok(log.coarse_to_fine, "partials come before 100%%");
	ok(log.block[0] == 8 && log.block[1] == 2,
	   "coarse to fine: 1/8 then 1/2 resolution (%d, %d)", log.block[0], log.block[1]);
	if (rc == 0) {
		ok(blockiness(&img) == 1, "the final image is full resolution");
		if (render(&s, 256, 256, 3, 0, &plain) == 0) {
			ok(same_bytes(&img, &plain), "previews do not change the final bytes");
			image_rgba_free(&plain);
		}
		image_rgba_free(&img);
	}

	for (int at = 1; at <= 2; at++) {
		memset(&log, 0, sizeof log);
		log.monotonic = log.coarse_to_fine = true;
		log.cancel_at_partial = at;
		rc = render_image(&s, &o, &img);
		ok(rc == 1 && img.pixels == NULL, "cancel at partial %d: render_image returns 1",
		   at);
		ok(!log.saw_100, "a cancelled render never reports 100%%");
	}
}

static const char *const style_ids[] = {
    "sketch", "gingerbread",   "parisian-postcard", "watercolor", "oil-painting",  "pixel-art",
    "neon",   "claymation",    "blueprint",	    "pop-art",	  "vintage-photo", "low-poly",
    "comic",  "isometric-toy",
};
#define NSTYLES (sizeof style_ids / sizeof style_ids[0])

static void test_styles(void)
{
	size_t n;
	const struct render_style *list = render_styles(&n);
	ok(n == NSTYLES, "14 style presets");
	for (size_t i = 0; i < n; i++) {
		const struct style_render *st = style_render_find(list[i].id);
		ok(st && strcmp(st->id, list[i].id) == 0 && st->post != POST_NONE,
		   "style '%s' has rendering parameters", list[i].id);
	}
	ok(style_render_find("")->post == POST_NONE && style_render_find("nope")->post == POST_NONE,
	   "no style and unknown ids render plainly");

	struct scene s;
	red_cube_left_of_blue_sphere(&s);
	add(&s, OBJ_TREE, "", rgb(0, 0, 0), 1);
	struct image_rgba plain, img[NSTYLES];
	bool okr = render(&s, 160, 160, 9, 0, &plain) == 0;
	for (size_t i = 0; i < NSTYLES; i++) {
		snprintf(s.style, sizeof s.style, "%s", style_ids[i]);
		okr = render(&s, 160, 160, 9, 0, &img[i]) == 0 && okr;
	}
	ok(okr, "every style renders");
	if (!okr)
		return;
	for (size_t i = 0; i < NSTYLES; i++) {
		double d = mean_abs_diff(&plain, &img[i]);
		ok(d > 8.0, "style '%s' changes the picture (mean diff %.1f)", style_ids[i], d);
	}
	double least = 1e9;
	size_t li = 0, lj = 0;
	for (size_t i = 0; i < NSTYLES; i++)
		for (size_t j = i + 1; j < NSTYLES; j++) {
			double d = mean_abs_diff(&img[i], &img[j]);
			if (d < least) {
				least = d, li = i, lj = j;
			}
		}
	ok(least > 5.0, "every two styles differ (closest: %s vs %s, %.1f)", style_ids[li],
	   style_ids[lj], least);
	/* A few look checks: sketch is grey, blueprint is blue, neon is dark. */
	double sat = 0, blue = 0, lum = 0;
	size_t npx = 160 * 160;
	for (size_t k = 0; k < npx; k++) {
		const uint8_t *a = img[0].pixels + k * 4, *b = img[8].pixels + k * 4,
			      *c = img[6].pixels + k * 4;
		int mx = a[0] > a[1] ? (a[0] > a[2] ? a[0] : a[2]) : (a[1] > a[2] ? a[1] : a[2]);
		int mn = a[0] < a[1] ? (a[0] < a[2] ? a[0] : a[2]) : (a[1] < a[2] ? a[1] : a[2]);
		sat += mx - mn;
		blue += b[2] > b[0] + 40;
		lum += (c[0] + c[1] + c[2]) / 3.0;
	}
	ok(sat / (double)npx < 12.0, "sketch is nearly grey (%.1f)", sat / (double)npx);
	ok(blue / (double)npx > 0.7, "blueprint is mostly blue (%.2f)", blue / (double)npx);
	ok(lum / (double)npx < 50.0, "neon is dark (%.1f)", lum / (double)npx);
	image_rgba_free(&plain);
	for (size_t i = 0; i < NSTYLES; i++)
		image_rgba_free(&img[i]);
}

/* Every kind draws its main colour: a magenta one of each shows magenta. */
static void test_every_kind(void)
{
	int missing = 0;
	for (int k = 0; k < OBJ__COUNT; k++) {
		struct scene s;
		scene_init(&s, SET_STUDIO);
		add(&s, (enum object_kind)k, "magenta", rgb(0.75f, 0.02f, 0.55f), 1);
		s.objects[0].material = MAT_MATTE;
		struct image_rgba img;
		if (render(&s, 80, 80, 1, 0, &img) != 0) {
			ok(0, "kind %d renders", k);
			continue;
		}
		long n = 0;
		float cx = 0, cy = 0;
		centroid(&img, is_magenta, &cx, &cy, &n);
		if (n < 60) {
			ok(0, "kind %d shows its main colour (%ld px)", k, n);
			missing++;
		}
		image_rgba_free(&img);
	}
	ok(missing == 0, "all %d kinds show their main colour", OBJ__COUNT);
}

static bool box_overlap(const struct instance *a, const struct instance *b)
{
	return a->bmin.x < b->bmax.x && b->bmin.x < a->bmax.x && a->bmin.z < b->bmax.z &&
	       b->bmin.z < a->bmax.z && a->bmin.y < b->bmax.y && b->bmin.y < a->bmax.y;
}

/* Bounds of a group's instances. */
static bool group_box(const struct world *w, int g, v3 *lo, v3 *hi, int *count)
{
	*count = 0;
	for (int i = 0; i < w->ninst; i++) {
		if (w->inst[i].group != g)
			continue;
		if ((*count)++ == 0) {
			*lo = w->inst[i].bmin;
			*hi = w->inst[i].bmax;
		} else {
			*lo = v3m(fminf(lo->x, w->inst[i].bmin.x), fminf(lo->y, w->inst[i].bmin.y),
				  fminf(lo->z, w->inst[i].bmin.z));
			*hi = v3m(fmaxf(hi->x, w->inst[i].bmax.x), fmaxf(hi->y, w->inst[i].bmax.y),
				  fmaxf(hi->z, w->inst[i].bmax.z));
		}
	}
	return *count > 0;
}

static void test_layout(void)
{
	struct world w;
	struct scene s;
	v3 alo, ahi, blo, bhi, clo, chi;
	int na, nb, nc;
	bool all = true;

	/* Relations hold for many seeds. */
	static const enum relation_kind kinds[] = {REL_LEFT_OF,	    REL_RIGHT_OF, REL_ABOVE,
						   REL_BELOW,	    REL_ON,	  REL_UNDER,
						   REL_IN_FRONT_OF, REL_BEHIND,	  REL_NEXT_TO};
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		bool held = true;
		for (uint32_t seed = 1; seed <= 12; seed++) {
			scene_init(&s, SET_STUDIO);
			add(&s, OBJ_CUBE, "red", rgb(0.8f, 0, 0), 1 + (int)(seed % 3));
			add(&s, OBJ_TABLE, "", rgb(0, 0, 0), 1);
			relate(&s, kinds[k], 0, 1, -1);
			if (world_build(&w, &s, 256, 256, seed) != 0) {
				held = false;
				continue;
			}
			group_box(&w, 0, &alo, &ahi, &na);
			group_box(&w, 1, &blo, &bhi, &nb);
			float eps = 1e-3f;
			bool h = na == 1 + (int)(seed % 3) && nb == 1;
			switch (kinds[k]) {
			case REL_LEFT_OF: h = h && ahi.x <= blo.x + eps; break;
			case REL_RIGHT_OF:
			case REL_NEXT_TO: h = h && alo.x >= bhi.x - eps; break;
			case REL_ABOVE: h = h && alo.y >= bhi.y - eps; break;
			case REL_BELOW: h = h && blo.y >= ahi.y - eps; break;
			case REL_ON: h = h && fabsf(alo.y - bhi.y) < 1e-2f; break;
			case REL_UNDER: h = h && ahi.y <= bhi.y - 0.05f && alo.y < 1e-3f; break;
			case REL_IN_FRONT_OF: h = h && alo.z >= bhi.z - eps; break;
			case REL_BEHIND: h = h && ahi.z <= blo.z + eps; break;
			default: break;
			}
			for (int i = 0; i < w.ninst; i++)
				for (int j = i + 1; j < w.ninst; j++)
					if (w.inst[i].group == w.inst[j].group &&
					    box_overlap(&w.inst[i], &w.inst[j]))
						h = false;
			held = held && h;
			world_free(&w);
		}
		ok(held, "relation %d holds, counts exact, instances apart, over 12 seeds",
		   kinds[k]);
	}

	/* Between: the subject sits between the two others. */
	scene_init(&s, SET_STUDIO);
	add(&s, OBJ_SPHERE, "", rgb(0, 0, 0), 1);
	add(&s, OBJ_CUBE, "", rgb(0, 0, 0), 1);
	add(&s, OBJ_CONE, "", rgb(0, 0, 0), 1);
	relate(&s, REL_BETWEEN, 0, 1, 2);
	if (world_build(&w, &s, 256, 256, 4) == 0) {
		group_box(&w, 0, &alo, &ahi, &na);
		group_box(&w, 1, &blo, &bhi, &nb);
		group_box(&w, 2, &clo, &chi, &nc);
		float ax = 0.5f * (alo.x + ahi.x);
		ok(ax > fminf(0.5f * (blo.x + bhi.x), 0.5f * (clo.x + chi.x)) &&
		       ax < fmaxf(0.5f * (blo.x + bhi.x), 0.5f * (clo.x + chi.x)),
		   "between: the sphere is between the cube and the cone");
		world_free(&w);
	}

	/* Around: a ring of instances on every side of the object. */
	scene_init(&s, SET_STUDIO);
	add(&s, OBJ_ROCK, "", rgb(0, 0, 0), 6);
	add(&s, OBJ_TREE, "", rgb(0, 0, 0), 1);
	relate(&s, REL_AROUND, 0, 1, -1);
	if (world_build(&w, &s, 256, 256, 4) == 0) {
		group_box(&w, 1, &blo, &bhi, &nb);
		v3 c = v3scale(v3add(blo, bhi), 0.5f);
		int sides = 0;
		for (int i = 0; i < w.ninst; i++) {
			if (w.inst[i].group != 0)
				continue;
			v3 d = v3sub(w.inst[i].center, c);
			sides |= d.x < 0 ? 1 : 2;
			sides |= d.z < 0 ? 4 : 8;
		}
		ok(sides == 15, "around: the rocks ring the tree");
		for (int i = 0; i < w.ninst; i++)
			for (int j = i + 1; j < w.ninst; j++)
				if (box_overlap(&w.inst[i], &w.inst[j]))
					all = false;
		ok(all, "around: nothing overlaps");
		world_free(&w);
	}

	/* Removed groups are not built; position hints shift left and right. */
	scene_init(&s, SET_STUDIO);
	add(&s, OBJ_CUBE, "", rgb(0, 0, 0), 2);
	add(&s, OBJ_SPHERE, "", rgb(0, 0, 0), 1);
	s.objects[0].removed = true;
	if (world_build(&w, &s, 256, 256, 4) == 0) {
		ok(w.ninst == 1 && w.inst[0].group == 1, "removed groups are not drawn");
		world_free(&w);
	}
	s.objects[0].removed = false;
	s.nobjects = 1;
	for (int hint = -1; hint <= 1; hint += 2) {
		s.objects[0].position_hint = hint;
		struct image_rgba img;
		s.objects[0].color = rgb(0.8f, 0.03f, 0.03f);
		snprintf(s.objects[0].color_name, sizeof s.objects[0].color_name, "red");
		if (render(&s, 128, 128, 4, 0, &img) == 0) {
			float cx = 0, cy = 0;
			bool f = centroid(&img, is_red, &cx, &cy, NULL);
			ok(f && (hint < 0 ? cx < 54 : cx > 74),
			   "position hint %d moves the group (x %.0f)", hint, cx);
			image_rgba_free(&img);
		}
	}

	/* Sizes: a huge cube is bigger than a tiny one. */
	scene_init(&s, SET_STUDIO);
	add(&s, OBJ_CUBE, "", rgb(0, 0, 0), 1);
	add(&s, OBJ_CUBE, "", rgb(0, 0, 0), 1);
	s.objects[0].size = SIZE_TINY;
	s.objects[1].size = SIZE_HUGE;
	s.objects[1].scale = 1.5f;
	if (world_build(&w, &s, 256, 256, 4) == 0) {
		group_box(&w, 0, &alo, &ahi, &na);
		group_box(&w, 1, &blo, &bhi, &nb);
		ok((bhi.y - blo.y) > 5.0f * (ahi.y - alo.y), "huge x1.5 is much taller than tiny");
		world_free(&w);
	}
}

static void test_settings_and_light(void)
{
	struct scene s;
	red_cube_left_of_blue_sphere(&s);
	struct image_rgba ref;
	if (render(&s, 96, 96, 2, 0, &ref) != 0) {
		ok(0, "render");
		return;
	}
	int distinct = 0;
	for (int set = SET_SKY; set < SET__COUNT; set++) {
		s.setting = (enum setting)set;
		struct image_rgba img;
		if (render(&s, 96, 96, 2, 0, &img) == 0) {
			distinct += mean_abs_diff(&ref, &img) > 10.0;
			if (set == SET_SPACE || set == SET_NIGHT) {
				const uint8_t *c = px(&img, 2, 2);
				ok(c[0] + c[1] + c[2] < 90, "setting %d: a dark sky", set);
			}
			if (set == SET_UNDERWATER) {
				const uint8_t *c = px(&img, 48, 4);
				ok(c[2] > c[0] + 30, "underwater is blue-green");
			}
			image_rgba_free(&img);
		}
	}
	ok(distinct == SET__COUNT - SET_SKY, "every setting differs from the studio (%d)",
	   distinct);
	s.setting = SET_STUDIO;
	distinct = 0;
	for (int l = LIGHT_SOFT; l < LIGHT__COUNT; l++) {
		s.light = (enum light)l;
		struct image_rgba img;
		if (render(&s, 96, 96, 2, 0, &img) == 0) {
			double d = mean_abs_diff(&ref, &img);
			distinct += d > 1.0;
			if (d <= 1.0)
				printf("# light %d differs by %.2f only\n", l, d);
			image_rgba_free(&img);
		}
	}
	ok(distinct == LIGHT__COUNT - LIGHT_SOFT, "every light differs from the default (%d)",
	   distinct);
	s.light = LIGHT_DEFAULT;
	distinct = 0;
	for (int c = CAM_CLOSEUP; c < CAM__COUNT; c++) {
		s.camera = (enum camera)c;
		struct image_rgba img;
		if (render(&s, 96, 96, 2, 0, &img) == 0) {
			distinct += mean_abs_diff(&ref, &img) > 1.0;
			image_rgba_free(&img);
		}
	}
	ok(distinct == CAM__COUNT - CAM_CLOSEUP, "every camera differs from the default (%d)",
	   distinct);
	image_rgba_free(&ref);

	/* An abstract scene still draws something colourful; an empty one draws the setting. */
	scene_init(&s, SET_STUDIO);
	s.abstract = true;
	s.palette_seed = 99;
	struct image_rgba img;
	if (render(&s, 96, 96, 2, 0, &img) == 0) {
		long coloured = 0;
		for (size_t k = 0; k < 96 * 96; k++) {
			const uint8_t *c = img.pixels + k * 4;
			int mx =
			    c[0] > c[1] ? (c[0] > c[2] ? c[0] : c[2]) : (c[1] > c[2] ? c[1] : c[2]);
			int mn =
			    c[0] < c[1] ? (c[0] < c[2] ? c[0] : c[2]) : (c[1] < c[2] ? c[1] : c[2]);
			coloured += mx - mn > 60;
		}
		ok(coloured > 300, "an abstract scene is colourful (%ld px)", coloured);
		image_rgba_free(&img);
	}
}

/* ---- everyday places and things: a street by day, a room, a field ---- */

struct rows {
	double lum, sat, r, g, b; /* means over the rows */
};

static struct rows rows_mean(const struct image_rgba *img, unsigned y0, unsigned y1)
{
	struct rows m = {0, 0, 0, 0, 0};
	long n = 0;
	for (unsigned y = y0; y < y1 && y < img->height; y++)
		for (unsigned x = 0; x < img->width; x++) {
			const uint8_t *c = px(img, x, y);
			int mx =
			    c[0] > c[1] ? (c[0] > c[2] ? c[0] : c[2]) : (c[1] > c[2] ? c[1] : c[2]);
			int mn =
			    c[0] < c[1] ? (c[0] < c[2] ? c[0] : c[2]) : (c[1] < c[2] ? c[1] : c[2]);
			m.lum += 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
			m.sat += mx - mn;
			m.r += c[0], m.g += c[1], m.b += c[2];
			n++;
		}
	if (n > 0)
		m.lum /= n, m.sat /= n, m.r /= n, m.g /= n, m.b /= n;
	return m;
}

/*
 * The extent of a colour class: how many columns and rows hold at least
 * eight of its pixels (so stray stars do not count), and its pixel count.
 */
static long class_box(const struct image_rgba *img, bool (*cls)(const uint8_t *), int *bw, int *bh)
{
	int cols[2048] = {0}, rows[2048] = {0};
	long n = 0;
	for (unsigned y = 0; y < img->height && y < 2048; y++)
		for (unsigned x = 0; x < img->width && x < 2048; x++)
			if (cls(px(img, x, y))) {
				n++;
				cols[x]++;
				rows[y]++;
			}
	*bw = *bh = 0;
	for (unsigned i = 0; i < 2048; i++) {
		*bw += cols[i] >= 8;
		*bh += rows[i] >= 8;
	}
	return n;
}

static bool is_bright(const uint8_t *p)
{
	return p[0] > 150 && p[1] > 150 && p[2] > 150;
}

static bool is_coloured(const uint8_t *p)
{
	int mx = p[0] > p[1] ? (p[0] > p[2] ? p[0] : p[2]) : (p[1] > p[2] ? p[1] : p[2]);
	int mn = p[0] < p[1] ? (p[0] < p[2] ? p[0] : p[2]) : (p[1] < p[2] ? p[1] : p[2]);
	return mx - mn > 50;
}

static bool one_render(enum setting set, enum object_kind k, const char *cname, struct rgb c,
		       struct image_rgba *img)
{
	struct scene s;
	scene_init(&s, set);
	add(&s, k, cname, c, 1);
	return render(&s, 96, 96, 5, 0, img) == 0;
}

static void test_everyday(void)
{
	struct image_rgba street, city, room, table, field, forest, img;
	struct rgb none = rgb(0, 0, 0);
	if (!one_render(SET_STREET, OBJ_CONE, "", none, &street) ||
	    !one_render(SET_CITY_NIGHT, OBJ_CONE, "", none, &city) ||
	    !one_render(SET_ROOM, OBJ_CUBE, "", none, &room) ||
	    !one_render(SET_TABLETOP, OBJ_CUBE, "", none, &table) ||
	    !one_render(SET_FIELD, OBJ_CUBE, "", none, &field) ||
	    !one_render(SET_FOREST, OBJ_CUBE, "", none, &forest)) {
		ok(0, "everyday settings render");
		return;
	}
	/* The street by day: grey asphalt in front, lit; the city at night is dark there. */
	struct rows sr = rows_mean(&street, 80, 96), cr = rows_mean(&city, 80, 96);
	ok(sr.lum > 60 && sr.sat < 25, "street: grey asphalt in daylight (lum %.0f, sat %.0f)",
	   sr.lum, sr.sat);
	ok(cr.lum + 30 < sr.lum, "street by day is brighter than the city at night (%.0f, %.0f)",
	   sr.lum, cr.lum);
	struct rows st = rows_mean(&street, 0, 12);
	ok(st.lum > 80, "street: facades or sky above, not a night sky (lum %.0f)", st.lum);
	/* The room: a warm wall at the top, not sky; not the tabletop's backdrop. */
	struct rows rt = rows_mean(&room, 0, 12);
	ok(rt.lum > 60 && rt.b <= rt.r && rt.lum < 240,
	   "room: a lit wall at the top, not a blue sky (r %.0f, b %.0f, lum %.0f)", rt.r, rt.b,
	   rt.lum);
	ok(mean_abs_diff(&room, &table) > 8.0, "room differs from the tabletop (%.1f)",
	   mean_abs_diff(&room, &table));
	/* The field: green grass in front, and no forest. */
	struct rows fr = rows_mean(&field, 80, 96);
	ok(fr.g > fr.r + 15 && fr.g > fr.b + 15, "field: green grass (r %.0f g %.0f b %.0f)", fr.r,
	   fr.g, fr.b);
	ok(mean_abs_diff(&field, &forest) > 6.0, "field differs from the forest (%.1f)",
	   mean_abs_diff(&field, &forest));
	image_rgba_free(&street);
	image_rgba_free(&city);
	image_rgba_free(&room);
	image_rgba_free(&table);
	image_rgba_free(&field);
	image_rgba_free(&forest);

	/* A fire hydrant is red: most coloured pixels of one in the studio are red. */
	if (one_render(SET_STUDIO, OBJ_HYDRANT, "", none, &img)) {
		long red = 0, coloured = 0;
		for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
			red += is_red(img.pixels + i * 4);
			coloured += is_coloured(img.pixels + i * 4);
		}
		ok(red > 600 && red * 10 > coloured * 7, "fire hydrant: mostly red (%ld of %ld)",
		   red, coloured);
		image_rgba_free(&img);
	}
	/* A refrigerator is a tall bright box (against space's black), a counter a long one. */
	int bw = 0, bh = 0;
	if (one_render(SET_SPACE, OBJ_FRIDGE, "", none, &img)) {
		long n = class_box(&img, is_bright, &bw, &bh);
		ok(n > 500 && 2 * bh > 3 * bw, "refrigerator: tall and bright (%ld px, %d x %d)", n,
		   bw, bh);
		image_rgba_free(&img);
	}
	if (one_render(SET_STUDIO, OBJ_COUNTER, "magenta", rgb(0.75f, 0.02f, 0.55f), &img)) {
		long n = class_box(&img, is_magenta, &bw, &bh);
		ok(n > 500 && 2 * bw > 3 * bh, "counter: long and low (%ld px, %d x %d)", n, bw,
		   bh);
		image_rgba_free(&img);
	}
}

/* ---- open vocabulary: emoji artwork as cards in the scene ---- */

static void art_scene(struct scene *s, const char *prompt)
{
	render_parse(prompt, s);
	if (s->setting == SET_DEFAULT)
		s->setting = SET_STUDIO;
	render_enhance(s, 7);
}

/* Not the white studio, not its grey shadows: a coloured pixel. */
static bool is_colourful(const uint8_t *p)
{
	int mx = p[0] > p[1] ? (p[0] > p[2] ? p[0] : p[2]) : (p[1] > p[2] ? p[1] : p[2]);
	int mn = p[0] < p[1] ? (p[0] < p[2] ? p[0] : p[2]) : (p[1] < p[2] ? p[1] : p[2]);
	return mx - mn > 60;
}

static int art_of(const char *noun)
{
	return art_noun_art(art_noun_find(noun));
}

static void test_artwork(void)
{
	if (art_count() == 0) {
		printf("# artwork pixel tests skipped: no artwork index at %s (a build without "
		       "assets/node_modules, e.g. from the tarball)\n",
		       art_path());
		return;
	}
	/* Three cats: three cat cards, each drawn where the layout put it, three separate blobs. */
	struct scene s;
	art_scene(&s, "three cats");
	struct world w;
	int cat = art_of("cat");
	if (world_build(&w, &s, 240, 160, 7) != 0) {
		ok(0, "three cats: world builds");
		return;
	}
	int ncat = 0, hit = 0;
	float xs[RENDER_MAX_COUNT];
	for (int i = 0; i < w.ninst; i++) {
		if (w.inst[i].art != cat)
			continue;
		float sx, sy;
		project(&w, v3scale(v3add(w.inst[i].bmin, w.inst[i].bmax), 0.5f), &sx, &sy);
		if (ncat < RENDER_MAX_COUNT)
			xs[ncat] = sx;
		ncat++;
	}
	world_free(&w);
	struct image_rgba img;
	ok(ncat == 3 && render(&s, 240, 160, 7, 2, &img) == 0, "three cats: three cat cards (%d)",
	   ncat);
	for (int k = 0; k < ncat && k < 3; k++) {
		/* Around the card's centre (a cat's middle may be a gap between its legs). */
		int found = 0;
		for (int dx = -6; dx <= 6; dx++) {
			int x = (int)xs[k] + dx;
			for (int y = 0; y < 160; y++)
				if (x >= 0 && x < 240 &&
				    is_colourful(px(&img, (unsigned)x, (unsigned)y)))
					found = 1;
		}
		hit += found;
	}
	ok(hit == 3, "three cats: the artwork's colours show in each card's column (%d of 3)", hit);
	int blobs = regions(&img, is_colourful, 40);
	ok(blobs == 3, "three cats: three separate coloured regions (%d)", blobs);
	image_rgba_free(&img);

	/* Relations: a dog next to a house is to its right; a hat worn sits on the head. */
	art_scene(&s, "a dog next to a house");
	if (world_build(&w, &s, 240, 160, 7) == 0) {
		float dx = -1, hx = -1, sy;
		for (int i = 0; i < w.ninst; i++) {
			v3 c = v3scale(v3add(w.inst[i].bmin, w.inst[i].bmax), 0.5f);
			if (w.inst[i].art == art_of("dog"))
				project(&w, c, &dx, &sy);
			else if (w.inst[i].group == 1)
				project(&w, c, &hx, &sy);
		}
		ok(dx > hx && hx >= 0, "a dog next to a house: right of it (%.0f > %.0f)", dx, hx);
		world_free(&w);
	}
	art_scene(&s, "a cat wearing a party hat");
	if (world_build(&w, &s, 240, 160, 7) == 0) {
		const struct instance *c = NULL, *h = NULL;
		for (int i = 0; i < w.ninst; i++) {
			if (w.inst[i].art == cat)
				c = &w.inst[i];
			else if (w.inst[i].group == 1)
				h = &w.inst[i];
		}
		bool on_head = c && h && h->bmin.y > c->bmin.y + 0.6f * (c->bmax.y - c->bmin.y) &&
			       0.5f * (h->bmin.x + h->bmax.x) > c->bmin.x &&
			       0.5f * (h->bmin.x + h->bmax.x) < c->bmax.x &&
			       h->bmax.y - h->bmin.y < 0.4f * (c->bmax.y - c->bmin.y);
		ok(on_head, "a cat wearing a party hat: a small hat on the top of the cat");
		world_free(&w);
	}
	/* Real-world scale: an elephant is taller than a cat, a cat than a mouse. */
	ok(sprites_height(art_of("elephant")) > sprites_height(cat) &&
	       sprites_height(cat) > sprites_height(art_of("mouse")),
	   "sizes follow the real world: elephant > cat > mouse");
	/* Determinism, and every style applies to artwork. */
	struct image_rgba a, b;
	art_scene(&s, "a red bicycle next to a dog on the beach");
	ok(render(&s, 96, 64, 3, 1, &a) == 0 && render(&s, 96, 64, 3, 4, &b) == 0 &&
	       same_bytes(&a, &b),
	   "artwork renders the same bytes with any thread count");
	image_rgba_free(&b);
	size_t nst;
	const struct render_style *st = render_styles(&nst);
	int styled = 0;
	for (size_t i = 0; i < nst; i++) {
		struct scene t = s;
		snprintf(t.style, sizeof t.style, "%s", st[i].id);
		if (render(&t, 96, 64, 3, 1, &b) == 0) {
			styled += mean_abs_diff(&a, &b) > 2.0;
			image_rgba_free(&b);
		}
	}
	ok(styled == (int)nst, "every style preset changes an artwork scene (%d of %zu)", styled,
	   nst);
	image_rgba_free(&a);
}


/* Clothes said to be worn cover the part of the body they are for, on the wearer. */
static void test_worn(void)
{
	if (art_count() == 0)
		return;
	struct scene s;
	struct world w;
	art_scene(&s, "a woman in a red dress and a man in a blue shirt and jeans");
	if (world_build(&w, &s, 256, 256, 7) != 0) {
		ok(0, "worn clothes: world builds");
		return;
	}
	int woman = art_of("woman"), dress = art_of("dress"), man = art_of("man"),
	    shirt = art_of("shirt"), jeans = art_of("jeans");
	const struct instance *iw = NULL, *id = NULL, *im = NULL, *is = NULL, *ij = NULL;
	for (int i = 0; i < w.ninst; i++) {
		const struct instance *in = &w.inst[i];
		if (in->art == woman)
			iw = in;
		else if (in->art == dress)
			id = in;
		else if (in->art == man)
			im = in;
		else if (in->art == shirt)
			is = in;
		else if (in->art == jeans)
			ij = in;
	}
	ok(iw && id && im && is && ij, "worn clothes: five cards");
	if (iw && id && im && is && ij) {
		float hw = iw->bmax.y - iw->bmin.y, hm = im->bmax.y - im->bmin.y;
		float dcx = 0.5f * (id->bmin.x + id->bmax.x), wcx = 0.5f * (iw->bmin.x + iw->bmax.x);
		ok(fabsf(dcx - wcx) < 0.1f * hw && id->bmin.y > iw->bmin.y + 0.05f * hw &&
		       id->bmax.y < iw->bmax.y - 0.15f * hw && id->bmax.z > iw->bmax.z,
		   "the dress is on the woman, below her face and in front of her");
		ok(is->bmin.y > im->bmin.y + 0.3f * hm && is->bmax.y < im->bmax.y &&
		       ij->bmax.y <= is->bmin.y + 0.15f * hm && ij->bmin.y < im->bmin.y + 0.15f * hm,
		   "the shirt covers the man's body and the jeans his legs");
	}
	world_free(&w);
	/* A rider in clothes still rides: the clothes follow him onto the horse. */
	art_scene(&s, "a man in a blue shirt riding a horse");
	if (world_build(&w, &s, 256, 256, 7) != 0) {
		ok(0, "rider in a shirt: world builds");
		return;
	}
	int horse = art_of("horse");
	im = is = NULL;
	const struct instance *ih = NULL;
	for (int i = 0; i < w.ninst; i++) {
		if (w.inst[i].art == man)
			im = &w.inst[i];
		else if (w.inst[i].art == shirt)
			is = &w.inst[i];
		else if (w.inst[i].art == horse)
			ih = &w.inst[i];
	}
	ok(im && is && ih && im->bmin.y > ih->bmin.y + 0.2f * (ih->bmax.y - ih->bmin.y) &&
		   is->bmin.y > im->bmin.y && is->bmax.y < im->bmax.y,
	   "a rider in a shirt sits up on the horse, the shirt on him");
	world_free(&w);
}

/* ---- people and actions, support surfaces, framing (issue 15) ---- */

/* The screen box of an instance's world box (the 8 corners through the camera). */
static void screen_box(const struct world *w, const struct instance *in, float *x0, float *y0,
		       float *x1, float *y1)
{
	*x0 = *y0 = 1e30f;
	*x1 = *y1 = -1e30f;
	for (int k = 0; k < 8; k++) {
		v3 p = v3m(k & 1 ? in->bmax.x : in->bmin.x, k & 2 ? in->bmax.y : in->bmin.y,
			   k & 4 ? in->bmax.z : in->bmin.z);
		float sx, sy;
		project(w, p, &sx, &sy);
		*x0 = fminf(*x0, sx), *x1 = fmaxf(*x1, sx), *y0 = fminf(*y0, sy), *y1 = fmaxf(*y1, sy);
	}
}

/* The first instance of a group. */
static const struct instance *first_of(const struct world *w, int group)
{
	for (int i = 0; i < w->ninst; i++)
		if (w->inst[i].group == group)
			return &w->inst[i];
	return NULL;
}

/* The lowest row where group g shows, by tracing the world's camera rays (every other column). */
static int lowest_opaque_row(const struct scene *s, int g, int side, uint32_t seed)
{
	struct world w;
	int low = -1;
	if (world_build(&w, s, side, side, seed) != 0)
		return -1;
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x += 2) {
			struct sample smp;
			shade_camera_sample(&w, (float)x + 0.5f, (float)y + 0.5f, 1, &smp);
			if (smp.id > 0 && w.inst[smp.id - 1].group == g)
				low = y;
		}
	world_free(&w);
	return low;
}

static void test_people(void)
{
	if (art_count() == 0) {
		printf("# people pixel tests skipped: no artwork index at %s\n", art_path());
		return;
	}
	static const char *const holding[] = { "a person holding a cup", "a woman carrying a bag",
					       "a man reading a book", "a girl playing a guitar",
					       "a man with a sword in hand" };
	for (size_t i = 0; i < sizeof holding / sizeof holding[0]; i++) {
		bool good = true;
		float fy = 0;
		for (uint32_t seed = 1; seed <= 6; seed++) {
			struct scene s;
			struct world w;
			art_scene(&s, holding[i]);
			if (world_build(&w, &s, 256, 256, seed) != 0) {
				good = false;
				continue;
			}
			const struct instance *h = first_of(&w, 0), *o = first_of(&w, 1);
			float hx0, hy0, hx1, hy1, ox0, oy0, ox1, oy1;
			if (h == NULL || o == NULL) {
				good = false;
				world_free(&w);
				continue;
			}
			screen_box(&w, h, &hx0, &hy0, &hx1, &hy1);
			screen_box(&w, o, &ox0, &oy0, &ox1, &oy1);
			float cx = 0.5f * (ox0 + ox1), cy = 0.5f * (oy0 + oy1);
			/* From the feet up: 0 at the bottom of the holder, 1 at its top. */
			fy = (hy1 - cy) / fmaxf(hy1 - hy0, 1);
			float size = (oy1 - oy0) / fmaxf(hy1 - hy0, 1);
			good = good && cx > hx0 && cx < hx1 && fy > 0.25f && fy < 0.7f &&
			       size > 0.08f && size < 0.75f && o->bmin.z >= h->bmax.z - 1e-3f;
			world_free(&w);
		}
		ok(good, "%s: the held thing is at the hand, in front, sized to the holder (at %.2f)",
		   holding[i], (double)fy);
	}
	static const char *const riding[] = { "a man riding a horse", "a monkey riding a bike",
					      "a dog on a skateboard", "a woman riding a camel" };
	for (size_t i = 0; i < sizeof riding / sizeof riding[0]; i++) {
		bool good = true;
		for (uint32_t seed = 1; seed <= 6; seed++) {
			struct scene s;
			struct world w;
			art_scene(&s, riding[i]);
			if (world_build(&w, &s, 256, 256, seed) != 0) {
				good = false;
				continue;
			}
			const struct instance *r = first_of(&w, 0), *m = first_of(&w, 1);
			if (r == NULL || m == NULL) {
				good = false;
				world_free(&w);
				continue;
			}
			float mh = m->bmax.y - m->bmin.y;
			float rc = 0.5f * (r->bmin.x + r->bmax.x);
			/* Sits on it: its feet within the mount's body (hidden behind it), over it,
			 * its head above it. */
			good = good && r->bmin.y >= m->bmin.y + 0.3f * mh && r->bmin.y < m->bmax.y &&
			       r->bmax.y > m->bmax.y && rc > m->bmin.x && rc < m->bmax.x;
			world_free(&w);
		}
		ok(good, "%s: the rider sits on the mount over 6 seeds", riding[i]);
	}
	/* A cat on a sofa sits on its seat, on the card: not above the lamp in the air. */
	static const char *const on[] = { "a cat on a sofa", "a cat sleeping on a sofa",
					  "a dog on a bed", "a cube on a sofa", "a cat on a chair" };
	for (size_t i = 0; i < sizeof on / sizeof on[0]; i++) {
		struct scene s;
		struct world w;
		art_scene(&s, on[i]);
		if (world_build(&w, &s, 192, 192, 7) != 0) {
			ok(0, "%s: builds", on[i]);
			continue;
		}
		const struct instance *c = first_of(&w, 0), *f = first_of(&w, 1);
		float fx0, fy0, fx1, fy1, cx0, cy0, cx1, cy1;
		screen_box(&w, f, &fx0, &fy0, &fx1, &fy1);
		screen_box(&w, c, &cx0, &cy0, &cx1, &cy1);
		float top = fy0, fh = fy1 - fy0;
		world_free(&w);
		int low = lowest_opaque_row(&s, 0, 192, 7);
		/* Its lowest drawn row lies within the support's box and below its top fifth. */
		ok(c && f && low > top + 0.2f * fh && low < fy1,
		   "%s: rests on the seat (lowest row %d in %.0f..%.0f)", on[i], low, top, fy1);
	}
}

/* A portrait frames a standing person's head and shoulders; a wide shot of one still shows it whole. */
static void test_portrait(void)
{
	if (art_count() == 0)
		return;
	static const struct {
		const char *prompt;
		float lo, hi; /* the person's projected height over the frame's */
	} cases[] = {
		{ "portrait of a woman", 1.6f, 3.0f },
		{ "a headshot of a man", 1.6f, 3.0f },
		{ "a woman", 0.4f, 1.0f },
		{ "full body shot of a woman", 0.4f, 1.0f },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scene s;
		struct world w;
		art_scene(&s, cases[i].prompt);
		if (world_build(&w, &s, 256, 256, 7) != 0) {
			ok(0, "%s: builds", cases[i].prompt);
			continue;
		}
		float x0, y0, x1, y1;
		screen_box(&w, &w.inst[0], &x0, &y0, &x1, &y1);
		float h = (y1 - y0) / 256.0f;
		ok(h >= cases[i].lo && h <= cases[i].hi && y0 > -0.15f * 256.0f,
		   "%s: the person is %.2f frames tall, its head in the picture (top %.0f)",
		   cases[i].prompt, (double)h, (double)y0);
		world_free(&w);
	}
}

/* Counts of small things in a wide setting: each one clearly visible, the group a good share. */
static void test_wide_groups(void)
{
	static const char *const prompts[] = { "six orange spheres on the beach",
					       "eight red cubes in a desert",
					       "ten small blue spheres in the snow" };
	for (size_t i = 0; i < sizeof prompts / sizeof prompts[0]; i++) {
		float least = 1, group = 0;
		for (uint32_t seed = 1; seed <= 4; seed++) {
			struct scene s;
			struct world w;
			render_parse(prompts[i], &s);
			render_enhance(&s, seed);
			if (world_build(&w, &s, 512, 512, seed) != 0)
				continue;
			float gx0 = 1e30f, gx1 = -1e30f;
			for (int k = 0; k < w.ninst; k++) {
				float x0, y0, x1, y1;
				screen_box(&w, &w.inst[k], &x0, &y0, &x1, &y1);
				/* The box is wider than the thing: its footprint's diagonal. */
				least = fminf(least, (x1 - x0) / 512.0f);
				gx0 = fminf(gx0, x0), gx1 = fmaxf(gx1, x1);
			}
			group = seed == 1 ? (gx1 - gx0) / 512.0f : fminf(group, (gx1 - gx0) / 512.0f);
			/* The setting keeps its horizon: the camera looks nearly level. */
			ok(w.cam.fwd.y > -0.35f, "%s (seed %u): the horizon stays in the frame",
			   prompts[i], seed);
			world_free(&w);
		}
		ok(least >= 0.06f && group >= 0.5f && group <= 1.0f,
		   "%s: each instance spans %.1f %% of the width at least, the group %.0f %%", prompts[i],
		   100.0 * least, 100.0 * group);
	}
}

/* A jump lifts the jumper off the ground; flight puts it up in the sky. */
static void test_poses(void)
{
	if (art_count() == 0)
		return;
	const char *const prompts[] = { "a dog on the grass", "a dog jumping on the grass",
					"a dog flying on the grass" };
	float lows[3] = { 0, 0, 0 };
	for (int k = 0; k < 3; k++) {
		struct scene s;
		struct world w;
		art_scene(&s, prompts[k]);
		if (world_build(&w, &s, 256, 256, 7) != 0) {
			ok(0, "%s: world builds", prompts[k]);
			return;
		}
		int dog = art_of("dog");
		for (int i = 0; i < w.ninst; i++)
			if (w.inst[i].art == dog)
				lows[k] = w.inst[i].bmin.y / fmaxf(w.inst[i].bmax.y - w.inst[i].bmin.y, 1e-3f);
		world_free(&w);
	}
	ok(lows[0] < 0.05f && lows[1] > 0.25f && lows[2] > lows[1],
	   "standing on the ground, a jump a third of its height up, flight higher (%.2f %.2f %.2f)",
	   lows[0], lows[1], lows[2]);
	/* Flying beside something on the ground: the relation no longer keeps it down. */
	struct scene s;
	struct world w;
	art_scene(&s, "a bird flying next to a tree");
	if (world_build(&w, &s, 256, 256, 7) != 0) {
		ok(0, "a bird flying next to a tree: world builds");
		return;
	}
	float low = -1;
	int bird = art_of("bird");
	for (int i = 0; i < w.ninst; i++)
		if (w.inst[i].art == bird)
			low = w.inst[i].bmin.y / fmaxf(w.inst[i].bmax.y - w.inst[i].bmin.y, 1e-3f);
	world_free(&w);
	ok(low > 1.0f, "a bird flying next to a tree is up in the air (%.2f of its height)", low);
}


/* ---- traits ---- */

/* The box of the (first) instance showing noun in a world built from prompt (studio). */
static bool trait_box(const char *prompt, const char *noun, v3 *lo, v3 *hi)
{
	struct scene s;
	struct world w;
	*lo = *hi = v3m(0, 0, 0);
	art_scene(&s, prompt);
	if (world_build(&w, &s, 256, 256, 7) != 0)
		return false;
	int art = noun ? art_of(noun) : -1;
	bool found = false;
	for (int i = 0; i < w.ninst && !found; i++) {
		if ((noun && w.inst[i].art == art) || (noun == NULL && w.inst[i].group == 0)) {
			*lo = w.inst[i].bmin;
			*hi = w.inst[i].bmax;
			found = true;
		}
	}
	world_free(&w);
	return found;
}

static long count_px(const struct image_rgba *img, bool (*cls)(const uint8_t *))
{
	long n = 0;
	for (unsigned y = 0; y < img->height; y++)
		for (unsigned x = 0; x < img->width; x++)
			n += cls(px(img, x, y));
	return n;
}

/* Each trait changes the picture: shape for long, thin and lying; pixels for old, dirty, moving. */
static bool is_pink(const uint8_t *p)
{
	return p[0] > 170 && p[2] > 90 && p[0] > p[1] + 60 && p[2] > p[1] + 20;
}
/* Noto's default skin, a warm yellow. */
static bool is_yellow_skin(const uint8_t *p)
{
	return p[0] > 170 && p[1] > 120 && p[2] < 80 && p[0] > p[2] + 110;
}
static bool is_dark_brown(const uint8_t *p)
{
	return p[0] > 60 && p[0] < 140 && p[0] > p[2] + 15 && p[1] < p[0] && p[2] < 100;
}

static bool is_pure_red(const uint8_t *p)
{
	return p[0] > 150 && p[1] < 90 && p[2] < 90;
}
static bool is_pinkish(const uint8_t *p)
{
	return p[0] > 200 && p[1] > 110 && p[2] > 110 && p[0] > p[1] + 40;
}
static bool is_near_black(const uint8_t *p)
{
	return p[0] < 60 && p[1] < 60 && p[2] < 60;
}

/*
 * A colour said of pale artwork reads as that colour to a person: "a red bird"
 * is red, not pink; "a black horse" is black, not grey.
 */
static void test_tint(void)
{
	if (art_count() == 0)
		return;
	struct scene s;
	struct image_rgba img;
	art_scene(&s, "a red bird");
	if (render(&s, 256, 256, 3, 2, &img) == 0) {
		long red = count_px(&img, is_pure_red), pink = count_px(&img, is_pinkish);
		ok(red > 400 && pink < red / 10, "a red bird is red: %ld red pixels, %ld pink", red,
		   pink);
		free(img.pixels);
	} else {
		ok(0, "a red bird renders");
	}
	art_scene(&s, "a black horse");
	if (render(&s, 256, 256, 3, 2, &img) == 0) {
		long black = count_px(&img, is_near_black);
		ok(black > 1500, "a black horse is black: %ld near-black pixels", black);
		free(img.pixels);
	} else {
		ok(0, "a black horse renders");
	}
}

/* Pixels that differ clearly from the top-left corner's (the background there). */
static long count_unlike_corner(const struct image_rgba *img)
{
	const uint8_t *c = px(img, 0, 0);
	long n = 0;
	for (unsigned y = 0; y < img->height; y++)
		for (unsigned x = 0; x < img->width; x++) {
			const uint8_t *p = px(img, x, y);
			n += abs(p[0] - c[0]) + abs(p[1] - c[1]) + abs(p[2] - c[2]) > 60;
		}
	return n;
}

/* "Triangular" and "round" cut artwork to that shape: a triangle keeps about half the square. */
static void test_cut_shapes(void)
{
	if (art_count() == 0)
		return;
	struct scene s;
	struct image_rgba plain, tri, round;
	art_scene(&s, "a picture frame");
	int rc = render(&s, 256, 256, 3, 2, &plain);
	art_scene(&s, "a triangular picture frame");
	rc |= render(&s, 256, 256, 3, 2, &tri);
	art_scene(&s, "a round picture frame");
	rc |= render(&s, 256, 256, 3, 2, &round);
	if (rc != 0) {
		ok(0, "picture frames render");
		return;
	}
	long a = count_unlike_corner(&plain), t = count_unlike_corner(&tri),
	     r = count_unlike_corner(&round);
	ok(a > 2000 && t < a * 7 / 10 && t > a / 4 && r < a * 9 / 10 && r > t,
	   "a triangular frame keeps %ld of %ld pixels, a round one %ld", t, a, r);
	free(plain.pixels);
	free(tri.pixels);
	free(round.pixels);
}

/* How a person looks: the artwork's hair, eyes and skin drawn in the colours said. */
static void test_looks(void)
{
	if (art_count() == 0)
		return;
	/* The raster cache keeps a recoloured artwork apart from the artwork itself. */
	int man = art_of("man standing");
	struct art_recolor rc = { .n = 2, .from = { 0x6d4c3f, 0x62453b }, .to = { 0xff00ff, 0xff00ff } };
	struct art_raster *a = art_raster_get(man, 256), *b = art_raster_get_recolored(man, 256, &rc);
	struct art_raster *c = art_raster_get(man, 256);
	long magenta_a = 0, magenta_b = 0;
	for (int i = 0; a && b && i < 256 * 256; i++) {
		magenta_a += a->rgba[i * 4] > 200 && a->rgba[i * 4 + 1] < 60 && a->rgba[i * 4 + 2] > 200;
		magenta_b += b->rgba[i * 4] > 200 && b->rgba[i * 4 + 1] < 60 && b->rgba[i * 4 + 2] > 200;
	}
	ok(a && b && a == c && a != b && magenta_a == 0 && magenta_b > 100,
	   "a recoloured raster is cached apart: %ld magenta pixels, the artwork's own %ld", magenta_b,
	   magenta_a);
	art_raster_put(a);
	art_raster_put(b);
	art_raster_put(c);
	ok(art_has_color(man, 0x6d4c3f) && !art_has_color(man, 0x123456),
	   "art_has_color finds the colours an SVG uses");

	struct image_rgba plain, pink, dark;
	struct scene sp, sk, sd;
	art_scene(&sp, "a woman");
	art_scene(&sk, "a woman with pink hair");
	art_scene(&sd, "a woman with dark skin");
	if (render(&sp, 256, 256, 3, 2, &plain) != 0 || render(&sk, 256, 256, 3, 2, &pink) != 0 ||
	    render(&sd, 256, 256, 3, 2, &dark) != 0) {
		ok(0, "look scenes render");
		return;
	}
	long pink0 = count_px(&plain, is_pink), pink1 = count_px(&pink, is_pink);
	ok(pink1 > 150 && pink0 < 10, "a woman with pink hair has pink hair: %ld pink pixels (%ld without)",
	   pink1, pink0);
	long skin0 = count_px(&plain, is_yellow_skin), skin1 = count_px(&dark, is_yellow_skin);
	long brown0 = count_px(&plain, is_dark_brown), brown1 = count_px(&dark, is_dark_brown);
	ok(skin0 > 100 && skin1 < skin0 / 10 && brown1 > brown0 + skin0 / 2,
	   "a woman with dark skin: %ld default-skin pixels (%ld without), %ld brown (%ld without)",
	   skin1, skin0, brown1, brown0);
	free(plain.pixels);
	free(pink.pixels);
	free(dark.pixels);
}

/* Where the artwork named by art rests on the scene's second thing, as a fraction of that
 * thing's height; -1 when the world does not build. */
static float support_height(const char *prompt, const char *art)
{
	struct scene s;
	struct world w;
	art_scene(&s, prompt);
	if (world_build(&w, &s, 256, 256, 7) != 0)
		return -1;
	int a = art_of(art);
	float feet = -1, lo = 0, hi = -1;
	for (int i = 0; i < w.ninst; i++) {
		if (w.inst[i].art == a)
			feet = w.inst[i].bmin.y;
		else if (w.inst[i].group == 1) {
			lo = w.inst[i].bmin.y;
			hi = w.inst[i].bmax.y;
		}
	}
	world_free(&w);
	return hi > lo ? (feet - lo) / (hi - lo) : -1;
}

static void test_traits(void)
{
	if (art_count() == 0)
		return;
	v3 lo0 = v3m(0, 0, 0), hi0 = lo0, lo1 = lo0, hi1 = lo0;
	bool built = trait_box("a table", NULL, &lo0, &hi0) &&
		     trait_box("a long table", NULL, &lo1, &hi1);
	ok(built && (hi1.x - lo1.x) > 1.4f * (hi0.x - lo0.x),
	   "a long table is 1.6 times as wide as a table (%.2f vs %.2f)", hi1.x - lo1.x, hi0.x - lo0.x);
	built = trait_box("a dog", "dog", &lo0, &hi0) && trait_box("a thin dog", "dog", &lo1, &hi1);
	ok(built && (hi1.x - lo1.x) < 0.75f * (hi0.x - lo0.x) &&
	       fabsf((hi1.y - lo1.y) - (hi0.y - lo0.y)) < 0.1f * (hi0.y - lo0.y),
	   "a thin dog is narrower, as tall (%.2f vs %.2f wide, %.2f vs %.2f tall)", hi1.x - lo1.x,
	   hi0.x - lo0.x, hi1.y - lo1.y, hi0.y - lo0.y);
	built = trait_box("a woman", "woman", &lo0, &hi0) &&
		trait_box("a woman sleeping", "woman", &lo1, &hi1);
	ok(built && (hi1.y - lo1.y) < 0.6f * (hi0.y - lo0.y) && (hi1.x - lo1.x) > (hi1.y - lo1.y) &&
	       lo1.y > -0.02f && lo1.y < 0.05f,
	   "a sleeping woman lies on the ground: %.2f tall, %.2f wide (standing %.2f tall), bottom %.2f",
	   hi1.y - lo1.y, hi1.x - lo1.x, hi0.y - lo0.y, lo1.y);
	/* A cat lying on a bed rests on it: its bottom is above the ground, below the bed's top. */
	struct scene s;
	struct world w;
	art_scene(&s, "a cat sleeping on a bed");
	if (world_build(&w, &s, 256, 256, 7) == 0) {
		int cat = art_of("cat");
		float bottom = -1, top_bed = -1;
		for (int i = 0; i < w.ninst; i++) {
			if (w.inst[i].art == cat)
				bottom = w.inst[i].bmin.y;
			else if (w.inst[i].group == 1)
				top_bed = w.inst[i].bmax.y;
		}
		ok(bottom > 0.1f * top_bed && bottom < top_bed,
		   "a cat sleeping on a bed lies on it (bottom %.2f, bed top %.2f)", bottom, top_bed);
		world_free(&w);
	} else {
		ok(0, "a cat sleeping on a bed: world builds");
	}

	/* Ten bottles are two rows; ten bottles in a row are one. */
	for (int lined = 0; lined < 2; lined++) {
		art_scene(&s, lined ? "ten bottles in a row" : "ten bottles");
		if (world_build(&w, &s, 256, 256, 7) != 0) {
			ok(0, "bottles: world builds");
			continue;
		}
		float zmin = 1e9f, zmax = -1e9f;
		for (int i = 0; i < w.ninst; i++) {
			if (w.inst[i].group != 0)
				continue;
			zmin = fminf(zmin, w.inst[i].center.z);
			zmax = fmaxf(zmax, w.inst[i].center.z);
		}
		bool one_row = zmax - zmin < 0.05f;
		ok(lined ? one_row : !one_row, "ten bottles%s: %s (depth spread %.2f)",
		   lined ? " in a row" : "", one_row ? "one row" : "two rows", zmax - zmin);
		world_free(&w);
	}

	/* A bird on a branch perches on its limb, below the leaves at its top; a man on a boat
	 * stands on its deck (the hull is the lower third), not on its mast. */
	float f = support_height("a bird on a branch", "bird");
	ok(f > 0.6f && f < 0.85f, "a bird on a branch perches on the limb (%.2f of its height)", f);
	f = support_height("a man on a boat", "man standing");
	ok(f > 0.2f && f < 0.45f, "a man on a boat stands on its deck (%.2f of its height)", f);

	/* A half eaten tomato has a bite out of it: fewer red pixels, the same tomato. */
	{
		struct scene sa, sb;
		struct image_rgba whole, bitten;
		art_scene(&sa, "a tomato");
		art_scene(&sb, "a half eaten tomato");
		if (render(&sa, 128, 128, 3, 2, &whole) == 0 &&
		    render(&sb, 128, 128, 3, 2, &bitten) == 0) {
			long r0 = count_px(&whole, is_red), r1 = count_px(&bitten, is_red);
			ok(r0 > 300 && r1 < r0 * 92 / 100 && r1 > r0 / 2,
			   "a half eaten tomato has a bite out of it: %ld red pixels, whole %ld", r1, r0);
			free(whole.pixels);
			free(bitten.pixels);
		} else {
			ok(0, "tomatoes render");
		}
	}

	struct image_rgba plain, old, dirty, still, moving;
	struct scene sp, so, sd, ss, sm;
	art_scene(&sp, "a red car");
	art_scene(&so, "an old red car");
	art_scene(&sd, "a dirty red car");
	art_scene(&ss, "a red car");
	art_scene(&sm, "a red car driving");
	if (render(&sp, 128, 128, 3, 2, &plain) != 0 || render(&so, 128, 128, 3, 2, &old) != 0 ||
	    render(&sd, 128, 128, 3, 2, &dirty) != 0 || render(&ss, 256, 256, 3, 2, &still) != 0 ||
	    render(&sm, 256, 256, 3, 2, &moving) != 0) {
		ok(0, "trait scenes render");
		return;
	}
	long red = count_px(&plain, is_red), red_old = count_px(&old, is_red);
	ok(red > 300 && red_old * 4 < red, "an old red car is faded: %ld red pixels, new %ld", red_old, red);
	long red_dirty = count_px(&dirty, is_red);
	ok(red_dirty < red * 9 / 10 && red_dirty > red / 5 && mean_abs_diff(&plain, &dirty) > 1.0,
	   "a dirty red car has grime over it: %ld red pixels of %ld, mean difference %.2f", red_dirty,
	   red, mean_abs_diff(&plain, &dirty));
	/* Same seed, same car: what differs is the streaks, in the car's colours row by row (red
	 * body, dark windows and tyres). */
	long streak = 0, redder = 0;
	for (unsigned y = 0; y < moving.height; y++) {
		for (unsigned x = 0; x < moving.width; x++) {
			const uint8_t *a = px(&still, x, y), *b = px(&moving, x, y);
			int d = abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2]);
			if (d > 30) {
				streak++;
				redder += (b[0] - b[1]) > (a[0] - a[1]);
			}
		}
	}
	ok(streak > 1000 && redder > streak * 2 / 5,
	   "a red car driving trails streaks: %ld pixels changed, %ld of them redder", streak, redder);
	free(plain.pixels);
	free(old.pixels);
	free(dirty.pixels);
	free(still.pixels);
	free(moving.pixels);
}


/* Mean display luminance and saturation (max - min over max) of an image, 0..1. */
static void image_stats(const struct image_rgba *img, double *luma, double *sat)
{
	double l = 0, st = 0;
	size_t n = (size_t)img->width * img->height;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *q = img->pixels + i * 4;
		int mx = q[0] > q[1] ? (q[0] > q[2] ? q[0] : q[2]) : (q[1] > q[2] ? q[1] : q[2]);
		int mn = q[0] < q[1] ? (q[0] < q[2] ? q[0] : q[2]) : (q[1] < q[2] ? q[1] : q[2]);
		l += (0.2126 * q[0] + 0.7152 * q[1] + 0.0722 * q[2]) / 255.0;
		st += mx > 0 ? (double)(mx - mn) / mx : 0;
	}
	*luma = l / (double)n;
	*sat = st / (double)n;
}

/* A mood word grades the colours: each one its own picture, vibrant the most saturated. */
static void test_moods(void)
{
	static const char *const moods[] = { "vibrant", "serene", "whimsical", "dramatic", "cozy",
					     "dreamy", "moody", "mysterious", "cheerful", "calm",
					     "playful", "elegant", "majestic", "peaceful" };
	enum { NM = sizeof moods / sizeof moods[0] };
	struct image_rgba img[NM];
	double luma[NM], sat[NM];
	int made = 0;
	for (int k = 0; k < NM; k++) {
		char prompt[96];
		struct scene s;
		snprintf(prompt, sizeof prompt, "a red cube and a blue sphere on the grass, %s", moods[k]);
		render_parse(prompt, &s);
		render_enhance(&s, 7);
		if (strcmp(s.mood, moods[k]) != 0 || render(&s, 96, 96, 7, 2, &img[k]) != 0)
			break;
		image_stats(&img[k], &luma[k], &sat[k]);
		made++;
	}
	ok(made == NM, "a scene renders in each of the %d moods", NM);
	if (made != NM) {
		for (int k = 0; k < made; k++)
			free(img[k].pixels);
		return;
	}
	int same = 0;
	for (int a = 0; a < NM; a++)
		for (int b = a + 1; b < NM; b++)
			same += mean_abs_diff(&img[a], &img[b]) < 0.5;
	ok(same == 0, "every mood gives a picture of its own (%d pairs alike)", same);
	int most = 0;
	for (int k = 1; k < NM; k++)
		if (sat[k] > sat[most])
			most = k;
	ok(most == 0, "vibrant is the most saturated (%.3f; the most: %s %.3f)", sat[0], moods[most],
	   sat[most]);
	ok(luma[6] < luma[0] && luma[7] < luma[9] && luma[5] > luma[6],
	   "moody and mysterious are darker, dreamy lighter (vibrant %.3f moody %.3f mysterious %.3f "
	   "calm %.3f dreamy %.3f)", luma[0], luma[6], luma[7], luma[9], luma[5]);
	for (int k = 0; k < NM; k++)
		free(img[k].pixels);
}


/* Sum of absolute horizontal differences: how much fine detail an image has. */
static double detail(const struct image_rgba *img)
{
	double d = 0;
	for (unsigned y = 0; y < img->height; y++)
		for (unsigned x = 1; x < img->width; x++)
			for (int c = 0; c < 3; c++)
				d += abs(px(img, x, y)[c] - px(img, x - 1, y)[c]);
	return d / ((double)img->width * img->height);
}

/* Rain, fog, blur and bokeh each change the picture the way they say. */
static void test_effects(void)
{
	if (art_count() == 0)
		return;
	static const char *const prompts[] = { "a red car on the grass", "a red car on the grass in the rain",
					       "a red car on the grass, foggy", "a blurry red car on the grass",
					       "a red car on the grass, bokeh" };
	struct image_rgba img[5];
	int made = 0;
	for (int k = 0; k < 5; k++) {
		struct scene s;
		render_parse(prompts[k], &s);
		render_enhance(&s, 7);
		if (render(&s, 128, 128, 5, 2, &img[k]) != 0)
			break;
		made++;
	}
	ok(made == 5, "the effect scenes render");
	if (made != 5) {
		for (int k = 0; k < made; k++)
			free(img[k].pixels);
		return;
	}
	double l[5], st[5], det[5];
	for (int k = 0; k < 5; k++) {
		image_stats(&img[k], &l[k], &st[k]);
		det[k] = detail(&img[k]);
	}
	/* Rain: greyer, with light streaks that add detail everywhere. */
	ok(st[1] < st[0] && det[1] > det[0] * 1.05, "rain: saturation %.3f < %.3f, detail %.2f > %.2f",
	   st[1], st[0], det[1], det[0]);
	/* Fog: the top of the picture (the distance) is paler and greyer. */
	struct image_rgba top0 = img[0], top2 = img[2];
	top0.height = top2.height = img[0].height / 3;
	double lt0, st0, lt2, st2;
	image_stats(&top0, &lt0, &st0);
	image_stats(&top2, &lt2, &st2);
	ok(st2 < st0 * 0.8 && lt2 > lt0, "fog: the distance is greyer (%.3f < %.3f) and paler (%.3f > %.3f)",
	   st2, st0, lt2, lt0);
	/* Blur: less fine detail everywhere. */
	ok(det[3] < det[0] * 0.7, "blurry: detail %.2f < %.2f", det[3], det[0]);
	/* Bokeh: the car's pixels stay as they were, the background softens. */
	long same_car = 0, car = 0;
	for (unsigned y = 0; y < 128; y++)
		for (unsigned x = 0; x < 128; x++)
			if (is_red(px(&img[0], x, y))) {
				car++;
				same_car += memcmp(px(&img[0], x, y), px(&img[4], x, y), 3) == 0;
			}
	ok(car > 100 && same_car > car * 8 / 10 && det[4] < det[0],
	   "bokeh: %ld of %ld car pixels unchanged, detail %.2f < %.2f", same_car, car, det[4], det[0]);
	for (int k = 0; k < 5; k++)
		free(img[k].pixels);
}

/* ---- landmarks ---- */

#define LM_SIDE 128

/* Where a landmark shows: one byte per pixel, set where a camera ray hits it. */
struct silhouette {
	uint8_t on[LM_SIDE * LM_SIDE];
	int x0, y0, x1, y1; /* its bounding box in pixels, inclusive */
	long n;
	bool framed; /* its bounding box projects inside the picture */
};

/*
 * Builds the world of one landmark alone (in the field, as enhancement puts
 * most of them), checks the camera frames it, and traces its silhouette.
 */
static bool silhouette_of(enum object_kind k, enum setting set, uint32_t seed,
			  struct silhouette *sil)
{
	struct scene s;
	struct world w;
	scene_init(&s, set);
	add(&s, k, "", rgb(0, 0, 0), 1);
	s.objects[0].material = MAT_DEFAULT;
	memset(sil, 0, sizeof *sil);
	if (world_build(&w, &s, LM_SIDE, LM_SIDE, seed) != 0)
		return false;
	float fx0, fy0, fx1, fy1;
	screen_box(&w, &w.inst[0], &fx0, &fy0, &fx1, &fy1);
	sil->framed =
	    w.ninst == 1 && fx0 >= -1 && fy0 >= -1 && fx1 <= LM_SIDE + 1 && fy1 <= LM_SIDE + 1;
	sil->x0 = sil->y0 = LM_SIDE;
	sil->x1 = sil->y1 = -1;
	for (int y = 0; y < LM_SIDE; y++)
		for (int x = 0; x < LM_SIDE; x++) {
			struct sample smp;
			shade_camera_sample(&w, (float)x + 0.5f, (float)y + 0.5f, 1, &smp);
			if (smp.id <= 0 || w.inst[smp.id - 1].group != 0)
				continue;
			sil->on[y * LM_SIDE + x] = 1;
			sil->n++;
			sil->x0 = x < sil->x0 ? x : sil->x0, sil->x1 = x > sil->x1 ? x : sil->x1;
			sil->y0 = y < sil->y0 ? y : sil->y0, sil->y1 = y > sil->y1 ? y : sil->y1;
		}
	world_free(&w);
	return sil->n > 0;
}

/* The silhouette's width (first to last pixel on) over rows [y0, y1), at its widest. */
static int band_width(const struct silhouette *sil, int y0, int y1)
{
	int lo = LM_SIDE, hi = -1;
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < LM_SIDE; x++)
			if (sil->on[y * LM_SIDE + x])
				lo = x < lo ? x : lo, hi = x > hi ? x : hi;
	return hi >= lo ? hi - lo + 1 : 0;
}

/* The mean column of the silhouette over rows [y0, y1). */
static float band_centre(const struct silhouette *sil, int y0, int y1)
{
	double sum = 0;
	long n = 0;
	for (int y = y0; y < y1; y++)
		for (int x = 0; x < LM_SIDE; x++)
			if (sil->on[y * LM_SIDE + x])
				sum += x, n++;
	return n ? (float)(sum / (double)n) : -1.0f;
}

/* Separate runs of the silhouette along row y (stones of a circle, legs of a tower). */
static int row_runs(const struct silhouette *sil, int y)
{
	int runs = 0;
	for (int x = 0; x < LM_SIDE; x++)
		if (sil->on[y * LM_SIDE + x] && (x == 0 || !sil->on[y * LM_SIDE + x - 1]))
			runs++;
	return runs;
}

static void test_landmarks(void)
{
	static const struct {
		enum object_kind kind;
		enum setting set;
	} all[] = {
	    {OBJ_EIFFEL_TOWER, SET_FIELD},	 {OBJ_BIG_BEN, SET_FIELD},
	    {OBJ_GOLDEN_GATE, SET_BEACH},	 {OBJ_TAJ_MAHAL, SET_FIELD},
	    {OBJ_SYDNEY_OPERA_HOUSE, SET_BEACH}, {OBJ_COLOSSEUM, SET_FIELD},
	    {OBJ_LEANING_TOWER, SET_FIELD},	 {OBJ_STONEHENGE, SET_FIELD},
	    {OBJ_GREAT_WALL, SET_FIELD},
	};
	struct silhouette *sil = malloc(sizeof *sil);
	if (sil == NULL) {
		ok(0, "landmarks: memory");
		return;
	}
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		bool built = silhouette_of(all[i].kind, all[i].set, 3, sil);
		int w = sil->x1 - sil->x0 + 1, h = sil->y1 - sil->y0 + 1;
		ok(built && sil->framed && (w > LM_SIDE / 2 || h > LM_SIDE / 2),
		   "%s: builds, framed, %d x %d px of the picture", render_object_name(all[i].kind),
		   w, h);
		if (!built)
			continue;
		int q = h / 4 > 1 ? h / 4 : 1;
		switch (all[i].kind) {
		case OBJ_EIFFEL_TOWER: {
			/* Much taller than wide, a point at the top, four legs apart at the foot.
			 */
			int top = band_width(sil, sil->y0, sil->y0 + q);
			int foot = band_width(sil, sil->y1 - q / 4, sil->y1 + 1), legs = 0;
			for (int y = sil->y1 - q / 2; y <= sil->y1; y++)
				legs = row_runs(sil, y) > legs ? row_runs(sil, y) : legs;
			ok(h > 2 * w && 3 * top < foot && legs >= 3,
			   "eiffel tower: %d x %d, %d px wide at the top quarter, %d at the foot, "
			   "%d legs apart near the ground",
			   w, h, top, foot, legs);
			break;
		}
		case OBJ_BIG_BEN: ok(h > 3 * w, "big ben: a slender tower (%d x %d)", w, h); break;
		case OBJ_TAJ_MAHAL: {
			/* The dome is the top, in the middle; the minarets stand apart on both
			 * sides. */
			float top = band_centre(sil, sil->y0, sil->y0 + 3);
			float mid = 0.5f * (float)(sil->x0 + sil->x1);
			int runs = row_runs(sil, sil->y0 + (int)(0.3f * (float)h));
			ok(fabsf(top - mid) < 0.15f * (float)w && runs >= 3,
			   "taj mahal: the dome's top at %.0f of %d..%d, %d runs across the "
			   "minarets",
			   top, sil->x0, sil->x1, runs);
			break;
		}
		case OBJ_SYDNEY_OPERA_HOUSE:
		case OBJ_COLOSSEUM:
			ok(w > 2 * h, "%s: long and low (%d x %d)", render_object_name(all[i].kind),
			   w, h);
			break;
		case OBJ_GREAT_WALL: {
			/* Long and low, its watchtowers standing above the wall along the top. */
			int runs = row_runs(sil, sil->y0 + 2);
			ok(w > 3 * h && runs >= 3, "great wall: %d x %d, %d towers above the wall", w, h,
			   runs);
			break;
		}
		case OBJ_STONEHENGE: {
			/* A wide ring of stones standing apart. */
			int runs = row_runs(sil, sil->y1 - 3);
			ok(w > 2 * h && runs >= 4, "stonehenge: %d x %d, %d stones along a row", w,
			   h, runs);
			break;
		}
		default: break;
		}
	}

	/* The Leaning Tower's top stands to one side of its foot, whichever way the shot turns. */
	float least = 1e30f;
	for (uint32_t seed = 1; seed <= 3; seed++) {
		if (!silhouette_of(OBJ_LEANING_TOWER, SET_FIELD, seed, sil))
			continue;
		int h = sil->y1 - sil->y0 + 1, q = h / 6;
		float top = band_centre(sil, sil->y0 + 2, sil->y0 + q);
		float foot = band_centre(sil, sil->y1 - q, sil->y1 - 2);
		float wd = (float)band_width(sil, sil->y1 - q, sil->y1 - 2);
		least = fminf(least, fabsf(top - foot) / fmaxf(wd, 1.0f));
	}
	ok(least > 0.08f && least < 0.6f,
	   "leaning tower: the top is off its foot by %.0f %% of its width at least", 100 * least);

	/* The Golden Gate's towers and span are red; the sea runs under it, sand in front. */
	struct scene s;
	struct image_rgba img;
	scene_init(&s, SET_BEACH);
	add(&s, OBJ_GOLDEN_GATE, "", rgb(0, 0, 0), 1);
	if (silhouette_of(OBJ_GOLDEN_GATE, SET_BEACH, 3, sil) &&
	    render(&s, LM_SIDE, LM_SIDE, 3, 0, &img) == 0) {
		/*
		 * Its top: the towers above the deck and the cables between them, a pixel or
		 * two wide at this size, so blended with the sky: clearly redder than it.
		 */
		long red = 0, top = 0;
		int h = sil->y1 - sil->y0 + 1;
		for (int y = sil->y0; y < sil->y0 + (2 * h) / 5; y++)
			for (int x = 0; x < LM_SIDE; x++) {
				const uint8_t *p = px(&img, (unsigned)x, (unsigned)y);
				if (!sil->on[y * LM_SIDE + x])
					continue;
				top++;
				red += p[0] > p[1] + 40 && p[0] > p[2] + 35;
			}
		ok(top > 15 && red * 2 > top, "golden gate: red towers (%ld of their %ld px)", red,
		   top);
		image_rgba_free(&img);
	}
	free(sil);
	struct world w;
	if (world_build(&w, &s, 128, 128, 3) == 0) {
		const struct instance *in = &w.inst[0];
		ok(w.shore_z > in->bmin.z + 0.5f * (in->bmax.z - in->bmin.z),
		   "golden gate: the sea reaches under most of the span (shore at %.1f, span "
		   "%.1f..%.1f)",
		   w.shore_z, in->bmin.z, in->bmax.z);
		world_free(&w);
	}

	/* A person beside the Eiffel Tower stays a visible figure, in front of its middle. */
	if (art_count() > 0) {
		scene_init(&s, SET_FIELD);
		add(&s, OBJ_ARTWORK, "", rgb(0, 0, 0), 1);
		snprintf(s.objects[0].noun, sizeof s.objects[0].noun, "man");
		add(&s, OBJ_EIFFEL_TOWER, "", rgb(0, 0, 0), 1);
		relate(&s, REL_NEXT_TO, 0, 1, -1);
		if (world_build(&w, &s, 256, 256, 3) == 0) {
			const struct instance *man = first_of(&w, 0), *tower = first_of(&w, 1);
			float x0 = 0, y0 = 0, x1 = 0, y1 = 0, tx0 = 0, ty0 = 0, tx1 = 0, ty1 = 0;
			if (man && tower) {
				screen_box(&w, man, &x0, &y0, &x1, &y1);
				screen_box(&w, tower, &tx0, &ty0, &tx1, &ty1);
			}
			ok(man && tower && y1 - y0 > 12 && x0 >= 0 && x1 <= 256 && y1 <= 256 &&
			       (ty1 - ty0) > 4 * (y1 - y0),
			   "a man next to the eiffel tower: %.0f px tall beside %.0f px of tower",
			   y1 - y0, ty1 - ty0);
			world_free(&w);
		}
	}
}

int main(void)
{
	test_artwork();
	test_worn();
	test_poses();
	test_traits();
	test_looks();
	test_tint();
	test_cut_shapes();
	test_moods();
	test_effects();
	test_sizes();
	test_relation_left_of();
	test_three_cubes();
	test_studio_white();
	test_determinism();
	test_previews();
	test_styles();
	test_every_kind();
	test_layout();
	test_settings_and_light();
	test_everyday();
	test_people();
	test_wide_groups();
	test_portrait();
	test_landmarks();
	return tap_done();
}
