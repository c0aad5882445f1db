/*
 * images-render: the built-in engine on the command line.
 *
 *   images-render "a red cube left of a blue sphere" --style sketch --size 1024x1024 --seed 7 -o out.png
 *
 * prints the enhanced prompt and timings (an -o name ending in .webp writes WebP); --explain prints the parsed scene as
 * JSON instead of rendering; --edit TEXT (repeatable) applies follow-ups to the
 * scene first, as a conversation would; --styles lists the presets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "render.h"
#include "textparse.h"

#define MAX_EDITS 16

struct progress_log {
	struct timespec start;
	double first_partial_ms;
	int partials;
	const char *preview_prefix;
};

static double ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static int on_progress(void *ctx, int percent, const struct image_rgba *partial)
{
	struct progress_log *p = ctx;
	(void)percent;
	if (partial == NULL)
		return 0;
	if (p->partials++ == 0)
		p->first_partial_ms = ms_since(&p->start);
	if (p->preview_prefix != NULL) {
		uint8_t *webp;
		size_t len;
		unsigned w, h;
		char path[4096];
		if (image_thumbnail_webp(partial, partial->width > partial->height ? partial->width : partial->height,
					 70, &webp, &len, &w, &h) == IMAGE_OK) {
			snprintf(path, sizeof(path), "%s%d.webp", p->preview_prefix, p->partials);
			FILE *f = fopen(path, "wb");
			if (f != NULL) {
				fwrite(webp, 1, len, f);
				fclose(f);
			}
			image_bytes_free(webp);
		}
	}
	return 0;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: images-render PROMPT [--style ID] [--size WxH] [--seed N] [-o out.png]\n"
		   "                     [--edit TEXT]... [--no-enhance] [--threads N] [--previews PREFIX]\n"
		   "       images-render PROMPT --explain [--edit TEXT]...\n"
		   "       images-render --styles\n");
}

int main(int argc, char **argv)
{
	const char *prompt = NULL, *style = NULL, *out_path = NULL, *previews = NULL;
	const char *edits[MAX_EDITS];
	int nedits = 0, width = 1024, height = 1024, threads = 0;
	unsigned long long seed = 1, v;
	bool explain = false, enhance = true;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--styles") == 0) {
			size_t n;
			const struct render_style *st = render_styles(&n);
			for (size_t k = 0; k < n; k++)
				printf("%-18s %-18s %s\n", st[k].id, st[k].title, st[k].prompt);
			return 0;
		} else if (strcmp(a, "--explain") == 0) {
			explain = true;
		} else if (strcmp(a, "--no-enhance") == 0) {
			enhance = false;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (next != NULL && strcmp(a, "--style") == 0) {
			style = next;
			i++;
		} else if (next != NULL && strcmp(a, "--size") == 0) {
			if (parse_size_wxh(next, RENDER_MIN_SIDE, RENDER_MAX_SIDE, &width, &height) != 0) {
				fprintf(stderr, "images-render: --size wants WxH, each %d to %d\n", RENDER_MIN_SIDE,
					RENDER_MAX_SIDE);
				return 2;
			}
			i++;
		} else if (next != NULL && strcmp(a, "--seed") == 0) {
			if (parse_ull(next, strlen(next), 0, UINT32_MAX, &seed) != 0) {
				fprintf(stderr, "images-render: --seed wants 0 to %u\n", UINT32_MAX);
				return 2;
			}
			i++;
		} else if (next != NULL && strcmp(a, "--threads") == 0) {
			if (parse_ull(next, strlen(next), 1, 256, &v) != 0) {
				fprintf(stderr, "images-render: --threads wants 1 to 256\n");
				return 2;
			}
			threads = (int)v;
			i++;
		} else if (next != NULL && strcmp(a, "--edit") == 0) {
			if (nedits == MAX_EDITS) {
				fprintf(stderr, "images-render: at most %d edits\n", MAX_EDITS);
				return 2;
			}
			edits[nedits++] = next;
			i++;
		} else if (next != NULL && strcmp(a, "-o") == 0) {
			out_path = next;
			i++;
		} else if (next != NULL && strcmp(a, "--previews") == 0) {
			previews = next;
			i++;
		} else if (a[0] != '-' && prompt == NULL) {
			prompt = a;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (prompt == NULL) {
		usage(stderr);
		return 2;
	}
	if (style != NULL && style[0] != '\0' && render_style_find(style) == NULL) {
		fprintf(stderr, "images-render: unknown style '%s' (see --styles)\n", style);
		return 2;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct scene s;
	if (render_parse(prompt, &s) != 0) {
		fprintf(stderr, "images-render: the prompt is not valid UTF-8 or is too long\n");
		return 2;
	}
	if (style != NULL)
		snprintf(s.style, sizeof(s.style), "%s", style);
	if (enhance)
		render_enhance(&s, (uint32_t)seed);
	for (int k = 0; k < nedits; k++) {
		if (render_edit(&s, edits[k]) != 1)
			fprintf(stderr, "images-render: '%s' is not an edit the engine understands\n", edits[k]);
		if (enhance)
			render_enhance(&s, (uint32_t)seed);
	}
	double parse_ms = ms_since(&t0);
	char described[2048];
	if (render_describe(&s, described, sizeof(described)) < 0)
		snprintf(described, sizeof(described), "%s", prompt);
	if (explain) {
		json_t *j = render_scene_to_json(&s);
		json_object_set_new(j, "enhanced_prompt", json_string(described));
		json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		putchar('\n');
		json_decref(j);
		return 0;
	}
	printf("%s\n", described);
	fflush(stdout);
	for (int k = 0; k < s.nunknown; k++)
		printf("%s%s%s", k ? ", " : "not understood: ", s.unknown[k], k + 1 == s.nunknown ? "\n" : "");
	if (out_path == NULL) {
		fprintf(stderr, "images-render: -o out.png is needed to render (or --explain)\n");
		return 2;
	}
	struct progress_log pl = { .preview_prefix = previews };
	clock_gettime(CLOCK_MONOTONIC, &pl.start);
	struct render_opts o = { .width = width, .height = height, .seed = (uint32_t)seed,
				 .threads = threads, .progress = on_progress, .progress_ctx = &pl };
	struct image_rgba img;
	if (render_image(&s, &o, &img) != 0) {
		fprintf(stderr, "images-render: rendering failed\n");
		return 1;
	}
	double render_ms = ms_since(&pl.start);
	char seed_s[16], size_s[32];
	snprintf(seed_s, sizeof(seed_s), "%llu", seed);
	snprintf(size_s, sizeof(size_s), "%dx%d", width, height);
	const char *keys[] = { "prompt", "enhanced_prompt", "style", "seed", "size", "engine" };
	const char *values[] = { prompt, described, s.style, seed_s, size_s, RENDER_ENGINE_VERSION };
	uint8_t *png;
	size_t len;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	size_t plen = strlen(out_path);
	bool webp = plen > 5 && strcmp(out_path + plen - 5, ".webp") == 0;
	unsigned ww, wh;
	int enc = webp ? (image_thumbnail_webp(&img, img.width > img.height ? img.width : img.height, 85, &png,
					       &len, &ww, &wh) == IMAGE_OK ? 0 : -1)
		       : render_png(&img, keys, values, 6, &png, &len);
	if (enc != 0) {
		fprintf(stderr, "images-render: encoding failed\n");
		image_rgba_free(&img);
		return 1;
	}
	double png_ms = ms_since(&t1);
	image_rgba_free(&img);
	FILE *f = strcmp(out_path, "-") == 0 ? stdout : fopen(out_path, "wb");
	if (f == NULL || fwrite(png, 1, len, f) != len || (f != stdout && fclose(f) != 0)) {
		fprintf(stderr, "images-render: cannot write %s: %s\n", out_path, strerror(errno));
		image_bytes_free(png);
		return 1;
	}
	image_bytes_free(png);
	fprintf(stderr, "parse+enhance %.1f ms, render %.0f ms (first partial %.0f ms, %d partials), png %.0f ms, %zu bytes\n",
		parse_ms, render_ms, pl.first_partial_ms, pl.partials, png_ms, len);
	return 0;
}
