/*
 * render_bench: times render_image() at 1024x1024 on a few representative
 * scenes (the prompts they stand for are printed), five runs each: median,
 * max, and the time to the first partial image. The anchor, measured in the
 * same run on the same machine, is libpng encoding the rendered picture
 * (image_encode_png); the ratio is render median / anchor median, so numbers
 * from different machines compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "image.h"
#include "render.h"

#define RUNS 5

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static struct rgb rgb(float r, float g, float b)
{
	struct rgb c = {r, g, b};
	return c;
}

static int add(struct scene *s, enum object_kind k, const char *cname, struct rgb c, int count,
	       enum material m)
{
	struct scene_object *o = &s->objects[s->nobjects];
	memset(o, 0, sizeof *o);
	o->kind = k;
	snprintf(o->color_name, sizeof o->color_name, "%s", cname);
	o->color = c;
	o->material = m;
	o->scale = 1;
	o->count = count;
	return s->nobjects++;
}

static void relate(struct scene *s, enum relation_kind k, int a, int b)
{
	struct scene_relation *r = &s->relations[s->nrelations++];
	r->kind = k;
	r->subject = a;
	r->object = b;
	r->object2 = -1;
}

struct timing {
	double t0, first;
};

static int on_progress(void *ctx, int pct, const struct image_rgba *partial)
{
	struct timing *t = ctx;
	(void)pct;
	if (partial && t->first == 0)
		t->first = now() - t->t0;
	return 0;
}

static const char *build(int i, struct scene *s)
{
	memset(s, 0, sizeof *s);
	s->enhanced = true;
	switch (i) {
	case 0:
		s->setting = SET_STUDIO;
		add(s, OBJ_CUBE, "red", rgb(0.8f, 0.03f, 0.03f), 1, MAT_MATTE);
		add(s, OBJ_SPHERE, "blue", rgb(0.03f, 0.08f, 0.8f), 1, MAT_GLOSSY);
		relate(s, REL_LEFT_OF, 0, 1);
		return "a red cube left of a blue sphere";
	case 1:
		s->setting = SET_FOREST;
		add(s, OBJ_HOUSE, "", rgb(0, 0, 0), 1, MAT_DEFAULT);
		add(s, OBJ_TREE, "", rgb(0, 0, 0), 2, MAT_DEFAULT);
		relate(s, REL_NEXT_TO, 1, 0);
		return "a house next to two trees in a forest";
	case 2:
		s->setting = SET_SNOW;
		s->light = LIGHT_GOLDEN;
		add(s, OBJ_SNOWMAN, "", rgb(0, 0, 0), 1, MAT_DEFAULT);
		add(s, OBJ_GIFT, "red", rgb(0.7f, 0.03f, 0.03f), 3, MAT_DEFAULT);
		relate(s, REL_AROUND, 1, 0);
		return "three red gifts around a snowman, golden hour";
	case 3:
		s->setting = SET_UNDERWATER;
		add(s, OBJ_BOTTLE, "green", rgb(0.1f, 0.5f, 0.15f), 1, MAT_GLASS);
		add(s, OBJ_STAR, "", rgb(0, 0, 0), 1, MAT_GOLD);
		add(s, OBJ_ROCK, "", rgb(0, 0, 0), 3, MAT_DEFAULT);
		return "a green glass bottle, a gold star and rocks underwater";
	case 5:
	case 6:
	case 7:
	case 8: {
		/*
		 * The open vocabulary (emoji artwork as cards; 3D-only scenes when the build
		 * has none), people, text lettered into a surface, a landmark.
		 */
		static const char *const prompts[] = {
			"a cat wearing a party hat on the beach at sunset",
			"three ducks and a bicycle next to a house in a field",
			"a woman in a red dress riding a horse holding a sign saying \"HELLO\"",
			"the eiffel tower at sunset",
		};
		const char *p = prompts[i - 5];
		render_parse(p, s);
		render_enhance(s, 7);
		return p;
	}
	default:
		s->setting = SET_TABLETOP;
		add(s, OBJ_TABLE, "", rgb(0, 0, 0), 1, MAT_DEFAULT);
		add(s, OBJ_CUP, "", rgb(0, 0, 0), 1, MAT_DEFAULT);
		add(s, OBJ_APPLE, "", rgb(0, 0, 0), 2, MAT_DEFAULT);
		relate(s, REL_ON, 1, 0);
		relate(s, REL_ON, 2, 0);
		snprintf(s->style, sizeof s->style, "watercolor");
		return "a cup and two apples on a table, watercolor";
	}
}

int main(void)
{
	const int W = 1024, H = 1024;
	printf("render_image %dx%d, %d runs each, threads = one per core\n", W, H, RUNS);
	printf("%-56s %8s %8s %8s %8s %7s\n", "scene", "median", "max", "first", "anchor", "ratio");
	double worst_ratio = 0;
	for (int i = 0; i < 9; i++) {
		struct scene s;
		const char *name = build(i, &s);
		double t[RUNS], f[RUNS], a[RUNS];
		for (int r = 0; r < RUNS; r++) {
			struct timing tm = {now(), 0};
			struct render_opts o = {W, H, 7, 0, on_progress, &tm};
			struct image_rgba img;
			if (render_image(&s, &o, &img) != 0) {
				fprintf(stderr, "render failed\n");
				return 1;
			}
			t[r] = now() - tm.t0;
			f[r] = tm.first;
			/* The anchor: libpng encoding this very picture. */
			double p0 = now();
			uint8_t *png;
			size_t len;
			if (image_encode_png(&img, &png, &len) != IMAGE_OK) {
				fprintf(stderr, "png failed\n");
				return 1;
			}
			a[r] = now() - p0;
			image_bytes_free(png);
			image_rgba_free(&img);
		}
		qsort(t, RUNS, sizeof t[0], cmp);
		qsort(f, RUNS, sizeof f[0], cmp);
		qsort(a, RUNS, sizeof a[0], cmp);
		double ratio = t[RUNS / 2] / a[RUNS / 2];
		if (ratio > worst_ratio)
			worst_ratio = ratio;
		printf("%-56s %7.3fs %7.3fs %7.3fs %7.3fs %6.2fx\n", name, t[RUNS / 2], t[RUNS - 1],
		       f[RUNS / 2], a[RUNS / 2], ratio);
	}
	printf(
	    "(first = time to the first partial image; anchor = libpng encode of the same image;\n"
	    " ratio = render median / anchor median; worst ratio %.2fx)\n",
	    worst_ratio);
	return 0;
}
