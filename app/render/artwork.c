/*
 * artwork: the open vocabulary's index (mapped read-only once) and its
 * rasters (librsvg, cached). See artwork.h.
 */
#include <cairo.h>
#include <fcntl.h>
#include <librsvg/rsvg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "artwork.h"

#ifndef ARTWORK_INDEX
#define ARTWORK_INDEX ""
#endif
#ifndef ARTWORK_INSTALLED
#define ARTWORK_INSTALLED ""
#endif
#ifndef ARTWORK_BUILDDIR
#define ARTWORK_BUILDDIR ""
#endif

#define ART_CACHE_MAX 512

static struct {
	pthread_once_t once;
	int rc;
	const char *base;
	size_t len;
	const struct art_file_header *h;
	const struct art_file_art *arts;
	const struct art_file_noun *nouns;
	const struct art_file_word *words;
	const uint32_t *english;
	const char *strings;
	struct art_info *info;
} ix = {.once = PTHREAD_ONCE_INIT, .rc = -1};

const char *art_path(void)
{
	const char *env = getenv("IMAGES_ARTWORK");
	if (env && env[0])
		return env;
	/*
	 * A program run from the build tree reads the build's index; an installed one
	 * only the installed index, so a later make (or a removed checkout) cannot
	 * change what production draws.
	 */
	static const char build[] = ARTWORK_BUILDDIR;
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0 && build[0] != '\0' && (size_t)n > sizeof(build) - 1 &&
	    memcmp(exe, build, sizeof(build) - 1) == 0 && exe[sizeof(build) - 1] == '/')
		return ARTWORK_INDEX;
	return ARTWORK_INSTALLED;
}

static bool str_ok(uint32_t off)
{
	return off < ix.h->strings_len;
}

static void open_once(void)
{
	const char *path = art_path();
	int fd = -1;
	void *map = MAP_FAILED;
	struct stat st;
	if (path[0] == '\0')
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(struct art_file_header))
		goto out;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		goto out;
	ix.base = map;
	ix.len = (size_t)st.st_size;
	ix.h = map;
	if (memcmp(ix.h->magic, ART_MAGIC, 8) != 0 || ix.h->nart > 100000 ||
	    ix.h->nnoun > 1000000 || ix.h->nword > 2000000 || ix.h->nenglish > 1000000)
		goto bad;
	size_t need = sizeof *ix.h + ix.h->nart * sizeof(struct art_file_art) +
		      ix.h->nnoun * sizeof(struct art_file_noun) +
		      ix.h->nword * sizeof(struct art_file_word) +
		      ix.h->nenglish * sizeof(uint32_t) + ix.h->strings_len;
	if (need != ix.len || ix.h->strings_len == 0)
		goto bad;
	ix.arts = (const void *)(ix.base + sizeof *ix.h);
	ix.nouns = (const void *)(ix.arts + ix.h->nart);
	ix.words = (const void *)(ix.nouns + ix.h->nnoun);
	ix.english = (const uint32_t *)(ix.words + ix.h->nword);
	ix.strings = (const char *)(ix.english + ix.h->nenglish);
	if (ix.strings[ix.h->strings_len - 1] != '\0')
		goto bad;
	for (uint32_t i = 0; i < ix.h->nart; i++) {
		const struct art_file_art *a = &ix.arts[i];
		if (!str_ok(a->name) || !str_ok(a->svg) ||
		    a->svg + (size_t)a->svg_len >= ix.h->strings_len || a->vw == 0 || a->vh == 0)
			goto bad;
	}
	for (uint32_t i = 0; i < ix.h->nnoun; i++)
		if (!str_ok(ix.nouns[i].singular) || !str_ok(ix.nouns[i].plural) ||
		    ix.nouns[i].art >= ix.h->nart)
			goto bad;
	for (uint32_t i = 0; i < ix.h->nenglish; i++)
		if (!str_ok(ix.english[i]))
			goto bad;
	for (uint32_t i = 0; i < ix.h->nword; i++)
		if (!str_ok(ix.words[i].phrase) || ix.words[i].noun >= ix.h->nnoun)
			goto bad;
	ix.info = calloc(ix.h->nart, sizeof *ix.info);
	if (ix.info == NULL)
		goto bad;
	for (uint32_t i = 0; i < ix.h->nart; i++) {
		ix.info[i].name = ix.strings + ix.arts[i].name;
		ix.info[i].height = ix.arts[i].height;
		ix.info[i].flags = ix.arts[i].flags;
		ix.info[i].group = ix.arts[i].group;
	}
	ix.rc = 0;
	goto out;
bad:
	fprintf(stderr, "images: artwork index %s is not valid; open vocabulary off\n", path);
	munmap(map, (size_t)st.st_size);
	ix.h = NULL;
out:
	if (fd >= 0)
		close(fd);
}

int art_open(void)
{
	pthread_once(&ix.once, open_once);
	return ix.rc;
}

int art_count(void)
{
	return art_open() == 0 ? (int)ix.h->nart : 0;
}

int art_noun_count(void)
{
	return art_open() == 0 ? (int)ix.h->nnoun : 0;
}

const char *art_noun_singular(int n)
{
	if (n < 0 || n >= art_noun_count())
		return NULL;
	return ix.strings + ix.nouns[n].singular;
}

const char *art_noun_plural(int n)
{
	if (n < 0 || n >= art_noun_count())
		return NULL;
	return ix.strings + ix.nouns[n].plural;
}

int art_noun_art(int n)
{
	if (n < 0 || n >= art_noun_count())
		return -1;
	return (int)ix.nouns[n].art;
}

bool art_noun_weak(int n)
{
	return n >= 0 && n < art_noun_count() && (ix.nouns[n].flags & ART_NOUN_WEAK) != 0;
}

static const char *noun_key(int i)
{
	return ix.strings + ix.nouns[i].singular;
}

static const char *word_key(int i)
{
	return ix.strings + ix.words[i].phrase;
}

/* Binary search of key among n entries sorted by strcmp of key_at(i): its index or -1. */
static int sorted_find(const char *key, int n, const char *(*key_at)(int))
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = strcmp(key, key_at(mid));
		if (c == 0)
			return mid;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

int art_noun_find(const char *singular)
{
	return sorted_find(singular, art_noun_count(), noun_key);
}

static int word_find(const char *phrase)
{
	return sorted_find(phrase, art_open() == 0 ? (int)ix.h->nword : 0, word_key);
}

static const char *english_key(int i)
{
	return ix.strings + ix.english[i];
}

static bool english_has(const char *w)
{
	return sorted_find(w, (int)ix.h->nenglish, english_key) >= 0;
}

bool art_has_english(void)
{
	return art_open() == 0 && ix.h->nenglish > 0;
}

bool art_english(const char *w)
{
	if (!art_has_english() || w == NULL)
		return false;
	if (english_has(w))
		return true;
	/*
	 * Regular inflections, as WordNet's morphy undoes them: the base form with
	 * the suffix taken off, an "e" put back, a doubled consonant made single.
	 */
	static const struct {
		const char *suffix, *repl;
	} rules[] = { { "s", "" },     { "ses", "s" },	 { "xes", "x" },    { "zes", "z" },
		      { "ches", "ch" }, { "shes", "sh" }, { "men", "man" }, { "ies", "y" },
		      { "es", "e" },	{ "es", "" },	  { "ed", "e" },    { "ed", "" },
		      { "ing", "e" },	{ "ing", "" },	  { "er", "" },	    { "est", "" },
		      { "er", "e" },	{ "est", "e" },	  { "ly", "" },	    { "ies", "ie" },
		      { "y", "" },	{ "y", "e" },	  { "ier", "y" },   { "iest", "y" } };
	size_t len = strlen(w);
	char base[64];
	for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++) {
		size_t sl = strlen(rules[k].suffix), rl = strlen(rules[k].repl);
		if (len <= sl + 1 || len - sl + rl >= sizeof base ||
		    strcmp(w + len - sl, rules[k].suffix) != 0)
			continue;
		memcpy(base, w, len - sl);
		memcpy(base + len - sl, rules[k].repl, rl + 1);
		if (english_has(base))
			return true;
		/* "running" -> "runn" -> "run" */
		size_t bl = len - sl + rl;
		if (rl == 0 && bl >= 3 && base[bl - 1] == base[bl - 2]) {
			base[bl - 1] = '\0';
			if (english_has(base))
				return true;
		}
	}
	return false;
}

int art_phrase_count(void)
{
	return art_open() == 0 ? (int)ix.h->nword : 0;
}

const char *art_phrase(int i)
{
	return i >= 0 && i < art_phrase_count() ? word_key(i) : NULL;
}

bool art_phrase_weak(int i)
{
	return i >= 0 && i < art_phrase_count() && art_noun_weak((int)ix.words[i].noun);
}

int art_phrase_find(const char *const *words, int n, int *used, bool *plural)
{
	char phrase[ART_MAX_WORDS * 40];
	int best = -1;
	*used = 0;
	*plural = false;
	if (art_open() != 0)
		return -1;
	size_t len = 0;
	for (int k = 0; k < n && k < ART_MAX_WORDS; k++) {
		size_t wl = strlen(words[k]);
		if (len + wl + 2 > sizeof phrase)
			break;
		if (k)
			phrase[len++] = ' ';
		memcpy(phrase + len, words[k], wl + 1);
		len += wl;
		int w = word_find(phrase);
		if (w >= 0) {
			best = (int)ix.words[w].noun;
			*used = k + 1;
			*plural = ix.words[w].plural != 0;
		}
	}
	return best;
}

const struct art_info *art_info(int art)
{
	if (art < 0 || art >= art_count())
		return NULL;
	return &ix.info[art];
}

/* ---- rasters ---- */

static struct {
	pthread_mutex_t lock;
	struct art_raster *e[ART_CACHE_MAX];
	uint64_t used[ART_CACHE_MAX];
	int n;
	size_t bytes;
	uint64_t tick;
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The colour #rrggbb at s (6 hex digits after the '#'), or -1. */
static long hex_color(const char *s, size_t left)
{
	if (left < 7 || s[0] != '#')
		return -1;
	long v = 0;
	for (int k = 1; k <= 6; k++) {
		int h = hexval((unsigned char)s[k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	/* "#rrggbbaa" or a longer word is not the colour. */
	if (left > 7 && hexval((unsigned char)s[7]) >= 0)
		return -1;
	return v;
}

bool art_has_color(int art, uint32_t rgb)
{
	if (art_info(art) == NULL)
		return false;
	const struct art_file_art *a = &ix.arts[art];
	const char *svg = ix.strings + a->svg;
	for (size_t i = 0; i < a->svg_len; i++)
		if (svg[i] == '#' && hex_color(svg + i, a->svg_len - i) == (long)rgb)
			return true;
	return false;
}

/* Writes rc's colours over the ones they replace in doc[0..len). */
static void recolor_doc(char *doc, size_t len, const struct art_recolor *rc)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i + 7 <= len; i++) {
		if (doc[i] != '#')
			continue;
		long v = hex_color(doc + i, len - i);
		for (int k = 0; v >= 0 && k < rc->n && k < ART_RECOLOR_MAX; k++) {
			if ((long)rc->from[k] != v)
				continue;
			for (int d = 0; d < 6; d++)
				doc[i + 1 + d] = digits[(rc->to[k] >> (20 - 4 * d)) & 15];
			break;
		}
	}
}

static bool recolor_same(const struct art_recolor *a, const struct art_recolor *b)
{
	if (a->n != b->n)
		return false;
	for (int k = 0; k < a->n; k++)
		if (a->from[k] != b->from[k] || a->to[k] != b->to[k])
			return false;
	return true;
}

static struct art_raster *rasterize(int art, int side, const struct art_recolor *rc)
{
	const struct art_file_art *a = &ix.arts[art];
	struct art_raster *r = NULL;
	char *doc = NULL;
	RsvgHandle *h = NULL;
	cairo_surface_t *surf = NULL;
	cairo_t *cr = NULL;
	GError *err = NULL;
	static const char head[] =
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 %u %u\">";
	size_t cap = sizeof head + 32 + a->svg_len + 8;
	doc = malloc(cap);
	if (doc == NULL)
		goto out;
	int hn = snprintf(doc, cap, head, (unsigned)a->vw, (unsigned)a->vh);
	if (hn < 0 || (size_t)hn + a->svg_len + 7 > cap)
		goto out;
	memcpy(doc + hn, ix.strings + a->svg, a->svg_len);
	memcpy(doc + hn + a->svg_len, "</svg>", 7);
	if (rc->n > 0)
		recolor_doc(doc + hn, a->svg_len, rc);
	h = rsvg_handle_new_from_data((const guint8 *)doc, (gsize)hn + a->svg_len + 6, &err);
	if (h == NULL)
		goto out;
	surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS)
		goto out;
	cr = cairo_create(surf);
	RsvgRectangle vp = {0, 0, side, side};
	if (!rsvg_handle_render_document(h, cr, &vp, &err))
		goto out;
	cairo_surface_flush(surf);
	r = calloc(1, sizeof *r);
	uint8_t *px = malloc((size_t)side * (size_t)side * 4);
	if (r == NULL || px == NULL) {
		free(px);
		free(r);
		r = NULL;
		goto out;
	}
	r->art = art;
	r->side = side;
	r->rc = *rc;
	r->rgba = px;
	const unsigned char *src = cairo_image_surface_get_data(surf);
	int stride = cairo_image_surface_get_stride(surf);
	int x0 = side, y0 = side, x1 = -1, y1 = -1;
	for (int y = 0; y < side; y++) {
		const uint32_t *row = (const uint32_t *)(src + (size_t)y * (size_t)stride);
		for (int x = 0; x < side; x++) {
			uint32_t v = row[x];
			unsigned al = v >> 24;
			uint8_t *d = px + ((size_t)y * (size_t)side + (size_t)x) * 4;
			if (al == 0) {
				d[0] = d[1] = d[2] = d[3] = 0;
				continue;
			}
			/* Premultiplied ARGB -> straight RGBA. */
			unsigned rr = (v >> 16) & 255, gg = (v >> 8) & 255, bb = v & 255;
			d[0] = (uint8_t)((rr * 255 + al / 2) / al);
			d[1] = (uint8_t)((gg * 255 + al / 2) / al);
			d[2] = (uint8_t)((bb * 255 + al / 2) / al);
			d[3] = (uint8_t)al;
			if (al >= 128) {
				if (x < x0)
					x0 = x;
				if (x > x1)
					x1 = x;
				if (y < y0)
					y0 = y;
				if (y > y1)
					y1 = y;
			}
		}
	}
	if (x1 < 0) {
		x0 = y0 = 0;
		x1 = y1 = side - 1;
	}
	float s = (float)side;
	r->x0 = (float)x0 / s;
	r->y0 = (float)y0 / s;
	r->x1 = (float)(x1 + 1) / s;
	r->y1 = (float)(y1 + 1) / s;
	/* The head: the middle of the opaque columns in the top tenth of the opaque part. */
	int band = y0 + (int)((float)(y1 - y0 + 1) * 0.1f);
	double sx = 0;
	int cnt = 0;
	for (int y = y0; y <= band; y++)
		for (int x = 0; x < side; x++)
			if (px[((size_t)y * (size_t)side + (size_t)x) * 4 + 3] >= 128) {
				sx += x;
				cnt++;
			}
	r->head_x = cnt ? (float)(sx / cnt + 0.5) / s : 0.5f * (r->x0 + r->x1);
	r->head_y = r->y0;
out:
	if (err)
		g_error_free(err);
	if (cr)
		cairo_destroy(cr);
	if (surf)
		cairo_surface_destroy(surf);
	if (h)
		g_object_unref(h);
	free(doc);
	return r;
}

static void raster_free(struct art_raster *r)
{
	if (r) {
		free(r->rgba);
		free(r);
	}
}

struct art_raster *art_raster_get(int art, int side)
{
	return art_raster_get_recolored(art, side, NULL);
}

struct art_raster *art_raster_get_recolored(int art, int side, const struct art_recolor *rcp)
{
	static const struct art_recolor none;
	const struct art_recolor *rc = rcp && rcp->n > 0 && rcp->n <= ART_RECOLOR_MAX ? rcp : &none;
	if (art_info(art) == NULL)
		return NULL;
	if (side < 8)
		side = 8;
	if (side > ART_MAX_SIDE)
		side = ART_MAX_SIDE;
	struct art_raster *r = NULL;
	pthread_mutex_lock(&cache.lock);
	for (int i = 0; i < cache.n; i++) {
		if (cache.e[i]->art == art && cache.e[i]->side == side &&
		    recolor_same(&cache.e[i]->rc, rc)) {
			r = cache.e[i];
			r->refs++;
			cache.used[i] = ++cache.tick;
			pthread_mutex_unlock(&cache.lock);
			return r;
		}
	}
	pthread_mutex_unlock(&cache.lock);
	/* Rendering happens outside the lock; two threads may both make one, the second is dropped.
	 */
	r = rasterize(art, side, rc);
	if (r == NULL)
		return NULL;
	size_t sz = (size_t)side * (size_t)side * 4;
	pthread_mutex_lock(&cache.lock);
	for (int i = 0; i < cache.n; i++) {
		if (cache.e[i]->art == art && cache.e[i]->side == side &&
		    recolor_same(&cache.e[i]->rc, rc)) {
			raster_free(r);
			r = cache.e[i];
			r->refs++;
			cache.used[i] = ++cache.tick;
			pthread_mutex_unlock(&cache.lock);
			return r;
		}
	}
	/* Evict the least recently used rasters nobody holds until this one fits. */
	while (cache.n > 0 && (cache.bytes + sz > ART_CACHE_BYTES || cache.n >= ART_CACHE_MAX)) {
		int victim = -1;
		for (int i = 0; i < cache.n; i++)
			if (cache.e[i]->refs == 0 &&
			    (victim < 0 || cache.used[i] < cache.used[victim]))
				victim = i;
		if (victim < 0)
			break;
		cache.bytes -= (size_t)cache.e[victim]->side * (size_t)cache.e[victim]->side * 4;
		raster_free(cache.e[victim]);
		cache.e[victim] = cache.e[cache.n - 1];
		cache.used[victim] = cache.used[cache.n - 1];
		cache.n--;
	}
	r->refs = 1;
	if (cache.n < ART_CACHE_MAX) {
		cache.e[cache.n] = r;
		cache.used[cache.n] = ++cache.tick;
		cache.n++;
		cache.bytes += sz;
	} else {
		r->uncached = true; /* every cached one is held: freed when put back */
	}
	pthread_mutex_unlock(&cache.lock);
	return r;
}

void art_raster_put(struct art_raster *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&cache.lock);
	r->refs--;
	bool drop = r->uncached && r->refs == 0;
	pthread_mutex_unlock(&cache.lock);
	if (drop)
		raster_free(r);
}
