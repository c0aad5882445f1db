/*
 * lettering: shaping and drawing text onto a raster (lettering.h). Text is
 * split into words at spaces; each run of characters one font draws is
 * shaped by HarfBuzz (script and direction guessed, so Arabic and Hebrew run
 * right to left), and the glyphs FreeType renders are accumulated as
 * coverage over the rectangle, then inked onto the pixels.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>

#include "lettering.h"
#include "utf8.h"

#ifndef LETTERING_FONTDIR
#define LETTERING_FONTDIR "/usr/share/fonts/truetype"
#endif

#define MAX_FONTS 16
#define MAX_WORDS 64 /* RENDER_TEXT_CHARS characters hold at most 32 words */
#define REF_PX 64    /* the size words are measured at */

/* The fallback chain: a bold sans for legibility, then the scripts DejaVu lacks. */
static const char *const font_files[] = {
	"dejavu/DejaVuSans-Bold.ttf",	     "noto/NotoSans-Bold.ttf",
	"noto/NotoSansArabic-Bold.ttf",	     "noto/NotoSansHebrew-Bold.ttf",
	"noto/NotoSansDevanagari-Bold.ttf",  "noto/NotoSansBengali-Bold.ttf",
	"noto/NotoSansThai-Bold.ttf",	     "noto/NotoSansArmenian-Bold.ttf",
	"noto/NotoSansGeorgian-Bold.ttf",    "noto/NotoSansTamil-Bold.ttf",
	"noto/NotoSansEthiopic-Bold.ttf",    "noto/NotoSansKhmer-Bold.ttf",
	"noto/NotoSansSymbols-Bold.ttf",
};

const char *lettering_strerror(enum lettering_err e)
{
	switch (e) {
	case LETTERING_OK: return "ok";
	case LETTERING_INVALID: return "not valid text (UTF-8, at most 64 characters, no controls)";
	case LETTERING_NO_FONT: return "no font installed (fonts-dejavu-core)";
	case LETTERING_NO_GLYPH: return "a character no installed font has";
	case LETTERING_NO_MEMORY: return "out of memory";
	}
	return "unknown error";
}


enum lettering_err lettering_valid(const char *text)
{
	if (text == NULL)
		return LETTERING_INVALID;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, len = strnlen(text, RENDER_TEXT_MAX);
	int chars = 0;
	bool visible = false;
	while (s[i]) {
		uint32_t cp;
		size_t n = i < len ? utf8_decode(s, len, i, &cp) : 0;
		if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			return LETTERING_INVALID;
		visible = visible || cp != ' ';
		i += n;
		if (++chars > RENDER_TEXT_CHARS || i >= RENDER_TEXT_MAX)
			return LETTERING_INVALID;
	}
	return visible ? LETTERING_OK : LETTERING_INVALID;
}

/* The fonts of one call: opened on first need, closed by fonts_close(). */
struct fonts {
	FT_Library lib;
	FT_Face face[MAX_FONTS];
	bool tried[MAX_FONTS];
	int nopen;
};

static enum lettering_err fonts_open(struct fonts *f)
{
	memset(f, 0, sizeof *f);
	if (FT_Init_FreeType(&f->lib) != 0)
		return LETTERING_NO_MEMORY;
	return LETTERING_OK;
}

static void fonts_close(struct fonts *f)
{
	for (int i = 0; i < MAX_FONTS; i++)
		if (f->face[i])
			FT_Done_Face(f->face[i]);
	if (f->lib)
		FT_Done_FreeType(f->lib);
	memset(f, 0, sizeof *f);
}

static FT_Face fonts_face(struct fonts *f, int i)
{
	if (i < 0 || i >= (int)(sizeof font_files / sizeof font_files[0]) || i >= MAX_FONTS)
		return NULL;
	if (!f->tried[i]) {
		f->tried[i] = true;
		char path[512];
		int n = snprintf(path, sizeof path, "%s/%s", LETTERING_FONTDIR, font_files[i]);
		if (n > 0 && (size_t)n < sizeof path && FT_New_Face(f->lib, path, 0, &f->face[i]) == 0)
			f->nopen++;
		else
			f->face[i] = NULL;
	}
	return f->face[i];
}

/* The first font of the chain with a glyph for cp; spaces and marks take prefer's. -1: none. */
static int font_for(struct fonts *f, uint32_t cp, int prefer)
{
	if (prefer >= 0 && f->face[prefer] && FT_Get_Char_Index(f->face[prefer], cp) != 0)
		return prefer;
	for (int i = 0; i < (int)(sizeof font_files / sizeof font_files[0]); i++) {
		FT_Face face = fonts_face(f, i);
		if (face && FT_Get_Char_Index(face, cp) != 0)
			return i;
	}
	return -1;
}

/* Characters drawn as nothing: any font will do for them. */
static bool blank_char(uint32_t cp)
{
	return cp == ' ' || cp == 0xa0 || cp == 0x200b || cp == 0x200c || cp == 0x200d ||
	       cp == 0xfe0f || cp == 0xfe0e;
}

enum lettering_err lettering_check(const char *text)
{
	enum lettering_err rc = lettering_valid(text);
	if (rc != LETTERING_OK)
		return rc;
	struct fonts f;
	rc = fonts_open(&f);
	if (rc != LETTERING_OK)
		goto out;
	const unsigned char *s = (const unsigned char *)text;
	size_t len = strlen(text);
	int prefer = -1;
	for (size_t i = 0; s[i];) {
		uint32_t cp;
		size_t n = utf8_decode(s, len, i, &cp);
		if (n == 0)
			break; /* validated before: cannot happen */
		i += n;
		if (blank_char(cp))
			continue;
		int k = font_for(&f, cp, prefer);
		if (k < 0) {
			rc = f.nopen == 0 ? LETTERING_NO_FONT : LETTERING_NO_GLYPH;
			goto out;
		}
		prefer = k;
	}
	if (f.nopen == 0)
		rc = LETTERING_NO_FONT;
out:
	fonts_close(&f);
	return rc;
}

/* ---- shaping ---- */

/* A glyph placed at pixel size px, relative to the word's start on the baseline. */
struct glyph {
	int font;
	unsigned id;
	float x, y; /* pen position, pixels */
};

struct word {
	const char *s;
	size_t len;
	float width; /* at REF_PX */
};

/*
 * Shapes one word at px pixels per em into g (up to max glyphs); returns the
 * glyph count (-1 on failure) and its advance in *width. Each run of
 * characters one font draws is shaped on its own; a right-to-left run's
 * glyphs come out in visual order from HarfBuzz.
 */
static int shape_word(struct fonts *f, const char *s, size_t len, float px, struct glyph *g,
		      int max, float *width)
{
	int ng = 0;
	float pen = 0;
	int prefer = -1;
	size_t i = 0;
	const unsigned char *u = (const unsigned char *)s;
	/* Runs in logical order; a word wholly right to left is laid out from its end. */
	struct {
		size_t a, b;
		int font;
	} runs[RENDER_TEXT_CHARS];
	int nruns = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(u, len, i, &cp);
		if (n == 0)
			return -1;
		int k = blank_char(cp) && prefer >= 0 ? prefer : font_for(f, cp, prefer);
		if (k < 0)
			return -1;
		if (nruns > 0 && runs[nruns - 1].font == k) {
			runs[nruns - 1].b = i + n;
		} else {
			if (nruns >= RENDER_TEXT_CHARS)
				return -1;
			runs[nruns].a = i;
			runs[nruns].b = i + n;
			runs[nruns].font = k;
			nruns++;
		}
		prefer = k;
		i += n;
	}
	bool rtl_word = false;
	hb_buffer_t *buf = hb_buffer_create();
	if (!hb_buffer_allocation_successful(buf))
		return -1;
	for (int r = 0; r < nruns; r++) {
		int ri = rtl_word ? nruns - 1 - r : r;
		FT_Face face = f->face[runs[ri].font];
		if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)lroundf(px * 64.0f), 72, 72) != 0)
			goto fail;
		hb_font_t *font = hb_ft_font_create_referenced(face);
		hb_buffer_reset(buf);
		hb_buffer_add_utf8(buf, s + runs[ri].a, (int)(runs[ri].b - runs[ri].a), 0, -1);
		hb_buffer_guess_segment_properties(buf);
		if (r == 0 && !rtl_word && hb_buffer_get_direction(buf) == HB_DIRECTION_RTL &&
		    nruns > 1) {
			/* The first run decides the word's direction; shape again in visual order. */
			hb_font_destroy(font);
			rtl_word = true;
			r = -1;
			continue;
		}
		hb_shape(font, buf, NULL, 0);
		unsigned n = 0;
		hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
		hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
		for (unsigned k = 0; k < n; k++) {
			if (ng >= max) {
				hb_font_destroy(font);
				goto fail;
			}
			g[ng].font = runs[ri].font;
			g[ng].id = info[k].codepoint;
			g[ng].x = pen + (float)pos[k].x_offset / 64.0f;
			g[ng].y = (float)pos[k].y_offset / 64.0f;
			pen += (float)pos[k].x_advance / 64.0f;
			ng++;
		}
		hb_font_destroy(font);
	}
	hb_buffer_destroy(buf);
	*width = pen;
	return ng;
fail:
	hb_buffer_destroy(buf);
	return -1;
}

/* ---- line breaking ---- */

/*
 * Splits the words into nlines balanced lines (the widest as narrow as it
 * can be): brk[l] is the first word of line l. Returns the widest line's
 * width at REF_PX, or a negative value when there are fewer words than lines.
 */
static float balance(const struct word *w, int nw, float space, int nlines, int *brk)
{
	if (nw < nlines)
		return -1.0f;
	float best = INFINITY;
	int b1 = 0, b2 = 0;
	/* Lines are [0, i), [i, j), [j, nw): at most 32 words, so the pairs are few. */
	for (int i = (nlines > 1 ? 1 : nw); i <= nw - (nlines - 1); i++) {
		for (int j = (nlines > 2 ? i + 1 : nw); j <= nw - (nlines > 2 ? 1 : 0); j++) {
			float widths[3] = {0, 0, 0};
			int bounds[4] = {0, i, j, nw};
			int cuts = nlines;
			if (nlines == 1)
				bounds[1] = nw;
			else if (nlines == 2)
				bounds[2] = nw;
			float widest = 0;
			for (int l = 0; l < cuts; l++) {
				for (int k = bounds[l]; k < bounds[l + 1]; k++)
					widths[l] += w[k].width + (k > bounds[l] ? space : 0);
				widest = fmaxf(widest, widths[l]);
			}
			if (widest < best) {
				best = widest;
				b1 = bounds[1];
				b2 = bounds[2];
			}
			if (nlines < 3)
				break;
		}
		if (nlines < 2)
			break;
	}
	brk[0] = 0;
	brk[1] = nlines > 1 ? b1 : nw;
	brk[2] = nlines > 2 ? b2 : nw;
	brk[3] = nw;
	return best;
}

/* ---- drawing ---- */

/* Adds one rendered glyph's coverage at (ox, oy) (pixel origin on the baseline) into cov. */
static void blit(uint8_t *cov, int cw, int ch, const FT_Bitmap *bm, int ox, int oy)
{
	for (unsigned y = 0; y < bm->rows; y++) {
		int yy = oy + (int)y;
		if (yy < 0 || yy >= ch)
			continue;
		const unsigned char *row = bm->buffer + (ptrdiff_t)y * bm->pitch;
		for (unsigned x = 0; x < bm->width; x++) {
			int xx = ox + (int)x;
			if (xx < 0 || xx >= cw)
				continue;
			uint8_t *c = &cov[(size_t)yy * (size_t)cw + (size_t)xx];
			unsigned v = (unsigned)*c + row[x];
			*c = (uint8_t)(v > 255 ? 255 : v);
		}
	}
}

/* A square max filter of radius r, in place (two separable passes through tmp). */
static void dilate(const uint8_t *src, uint8_t *dst, uint8_t *tmp, int w, int h, int r)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t m = 0;
			for (int k = x - r; k <= x + r; k++)
				if (k >= 0 && k < w && src[(size_t)y * w + k] > m)
					m = src[(size_t)y * w + k];
			tmp[(size_t)y * w + x] = m;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t m = 0;
			for (int k = y - r; k <= y + r; k++)
				if (k >= 0 && k < h && tmp[(size_t)k * w + x] > m)
					m = tmp[(size_t)k * w + x];
			dst[(size_t)y * w + x] = m;
		}
}

static float clampf_(float v)
{
	return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v);
}

/* Source-over of colour c at coverage a (0..255) onto a straight-alpha pixel. */
static void over(uint8_t *px, const uint8_t c[3], unsigned a)
{
	if (a == 0)
		return;
	float sa = (float)a / 255.0f, da = (float)px[3] / 255.0f;
	float oa = sa + da * (1.0f - sa);
	for (int k = 0; k < 3; k++) {
		float v = ((float)c[k] * sa + (float)px[k] * da * (1.0f - sa)) / oa;
		px[k] = (uint8_t)lroundf(fminf(fmaxf(v, 0.0f), 255.0f));
	}
	px[3] = (uint8_t)lroundf(oa * 255.0f);
}

enum lettering_err lettering_draw(uint8_t *rgba, int w, int h, const float rect[4],
				  const char *text, const struct lettering_ink *ink)
{
	enum lettering_err rc = lettering_valid(text);
	struct fonts f;
	struct glyph *g = NULL;
	uint8_t *cov = NULL;
	memset(&f, 0, sizeof f);
	if (rc != LETTERING_OK)
		return rc;
	if (rgba == NULL || w <= 0 || h <= 0 || ink == NULL)
		return LETTERING_INVALID;
	int rx0 = (int)floorf(clampf_(rect[0]) * (float)w), ry0 = (int)floorf(clampf_(rect[1]) * (float)h);
	int rx1 = (int)ceilf(clampf_(rect[2]) * (float)w), ry1 = (int)ceilf(clampf_(rect[3]) * (float)h);
	int cw = rx1 - rx0, ch = ry1 - ry0;
	if (cw < 4 || ch < 4)
		return LETTERING_OK; /* too small to show anything: nothing to draw */
	rc = fonts_open(&f);
	if (rc != LETTERING_OK)
		goto out;

	/* The words, measured at REF_PX. */
	struct word words[MAX_WORDS];
	int nw = 0;
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		while (i < len && text[i] == ' ')
			i++;
		size_t j = i;
		while (j < len && text[j] != ' ')
			j++;
		if (j > i) {
			if (nw >= MAX_WORDS) {
				rc = LETTERING_INVALID;
				goto out;
			}
			words[nw].s = text + i;
			words[nw].len = j - i;
			nw++;
		}
		i = j;
	}
	int maxg = 4 * RENDER_TEXT_CHARS + 8;
	g = malloc((size_t)maxg * sizeof *g);
	if (g == NULL) {
		rc = LETTERING_NO_MEMORY;
		goto out;
	}
	for (int k = 0; k < nw; k++) {
		if (shape_word(&f, words[k].s, words[k].len, REF_PX, g, maxg, &words[k].width) < 0) {
			rc = f.nopen == 0 ? LETTERING_NO_FONT : LETTERING_NO_GLYPH;
			goto out;
		}
	}
	FT_Face base = NULL;
	for (int k = 0; k < MAX_FONTS && base == NULL; k++)
		base = fonts_face(&f, k);
	if (base == NULL) {
		rc = LETTERING_NO_FONT;
		goto out;
	}
	/* Line height and the letters' extent above the baseline, from the first font. */
	float asc = (float)base->ascender / (float)base->units_per_EM * REF_PX;
	float desc = -(float)base->descender / (float)base->units_per_EM * REF_PX;
	float cap = 0.73f * REF_PX; /* DejaVu's cap height: the box centres capitals */
	float lead = 1.12f * REF_PX;
	float space = 0.32f * REF_PX;
	(void)asc;
	(void)desc;

	/* The number of lines that lets the letters be largest. */
	int brk[4] = {0, nw, nw, nw}, best_lines = 1;
	float best_px = 0;
	for (int nl = 1; nl <= LETTERING_MAX_LINES; nl++) {
		int b[4];
		float widest = balance(words, nw, space, nl, b);
		if (widest <= 0)
			break;
		float tall = cap + (float)(nl - 1) * lead + 0.22f * REF_PX;
		float scale = fminf((float)cw / widest, (float)ch / tall);
		/* One more line must pay for itself: it costs legibility of the whole. */
		if (scale * REF_PX > best_px * 1.08f) {
			best_px = scale * REF_PX;
			best_lines = nl;
			memcpy(brk, b, sizeof brk);
		}
	}
	float px = best_px * 0.96f;
	if (!(px >= 3.0f))
		goto out; /* nothing legible fits: leave the surface plain */
	if (px > 2000.0f)
		px = 2000.0f;
	float k = px / REF_PX;

	cov = calloc((size_t)cw * (size_t)ch, 3);
	if (cov == NULL) {
		rc = LETTERING_NO_MEMORY;
		goto out;
	}
	float block = (cap + (float)(best_lines - 1) * lead) * k;
	float top = ((float)ch - block) * 0.5f;
	for (int l = 0; l < best_lines; l++) {
		float lw = 0;
		for (int q = brk[l]; q < brk[l + 1]; q++)
			lw += words[q].width * k + (q > brk[l] ? space * k : 0);
		float x = ((float)cw - lw) * 0.5f;
		float base_y = top + cap * k + (float)l * lead * k;
		for (int q = brk[l]; q < brk[l + 1]; q++) {
			float ww = 0;
			int ng = shape_word(&f, words[q].s, words[q].len, px, g, maxg, &ww);
			if (ng < 0) {
				rc = LETTERING_NO_GLYPH;
				goto out;
			}
			for (int i = 0; i < ng; i++) {
				FT_Face face = f.face[g[i].font];
				if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)lroundf(px * 64.0f), 72, 72) != 0 ||
				    FT_Load_Glyph(face, g[i].id, FT_LOAD_DEFAULT | FT_LOAD_NO_HINTING) != 0 ||
				    FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0)
					continue;
				const FT_GlyphSlot sl = face->glyph;
				blit(cov, cw, ch, &sl->bitmap, (int)lroundf(x + g[i].x) + sl->bitmap_left,
				     (int)lroundf(base_y - g[i].y) - sl->bitmap_top);
			}
			x += ww + space * k;
		}
	}
	/* A halo: the coverage grown by a tenth of the letters' stroke-ish size. */
	uint8_t *halo = cov + (size_t)cw * ch, *tmp = halo + (size_t)cw * ch;
	bool with_halo = ink->halo[3] > 0;
	if (with_halo)
		dilate(cov, halo, tmp, cw, ch, (int)fmaxf(1.0f, px * 0.07f));
	for (int y = 0; y < ch; y++) {
		for (int x = 0; x < cw; x++) {
			size_t ci = (size_t)y * cw + x;
			uint8_t *p = rgba + (((size_t)(ry0 + y)) * (size_t)w + (size_t)(rx0 + x)) * 4;
			if (with_halo)
				over(p, ink->halo, (unsigned)halo[ci] * ink->halo[3] / 255u);
			over(p, ink->rgb, cov[ci]);
		}
	}
out:
	free(cov);
	free(g);
	fonts_close(&f);
	return rc;
}
