/*
 * wordnet: WordNet's noun hypernyms for artgen (see wordnet.h). The file
 * formats are WordNet's wndb(5): in data.noun a synset's offset is the byte
 * offset of its line, so following a pointer is reading the line there.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "wordnet.h"

#define WN_MAX_FILE (64u << 20) /* data.noun is 15 MB in WordNet 3.0 */
#define WN_MAX_VISIT 512	/* synsets one search looks at */
#define WN_MAX_SENSES 8		/* senses of a lemma looked at for ambiguity */

struct lemma {
	const char *text;	      /* NUL-terminated inside index_buf */
	long offset[WN_MAX_SENSES]; /* its senses' synsets in data.noun, most used first */
	int nsenses;
	int total; /* all its noun senses (nsenses keeps at most WN_MAX_SENSES) */
};

struct wordnet {
	char *index_buf, *data_buf;
	size_t data_len;
	struct lemma *lemmas;
	size_t nlemmas;
};

/* The whole file, NUL-terminated; NULL when it cannot be read or is too large. */
static char *read_file(const char *dir, const char *name, size_t *len)
{
	char path[4096];
	char *buf = NULL;
	FILE *f = NULL;
	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
		goto fail;
	f = fopen(path, "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0)
		goto fail;
	long n = ftell(f);
	if (n < 0 || (unsigned long)n > WN_MAX_FILE || fseek(f, 0, SEEK_SET) != 0)
		goto fail;
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
fail:
	fprintf(stderr, "wordnet: cannot read %s/%s\n", dir, name);
	free(buf);
	if (f)
		fclose(f);
	return NULL;
}

/* Splits one line of index.noun in place: the lemma and its first synset offset. */
static bool parse_index_line(char *line, struct lemma *out)
{
	char *tok[64];
	int n = 0;
	char *p = line;
	while (*p && n < 64) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		tok[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
	}
	if (n < 6)
		return false;
	char *end;
	long ptrs = strtol(tok[3], &end, 10);
	if (*end || ptrs < 0 || 4 + ptrs + 2 >= n)
		return false;
	long total = strtol(tok[2], &end, 10);
	if (*end || total < 0)
		return false;
	out->total = (int)total;
	out->nsenses = 0;
	for (long k = 4 + ptrs + 2; k < n && out->nsenses < WN_MAX_SENSES; k++) {
		long off = strtol(tok[k], &end, 10);
		if (*end || off < 0)
			return false;
		out->offset[out->nsenses++] = off;
	}
	out->text = tok[0];
	return true;
}

struct wordnet *wordnet_open(const char *dir)
{
	struct wordnet *wn = calloc(1, sizeof *wn);
	size_t index_len;
	if (wn == NULL)
		return NULL;
	wn->index_buf = read_file(dir, "index.noun", &index_len);
	wn->data_buf = read_file(dir, "data.noun", &wn->data_len);
	if (wn->index_buf == NULL || wn->data_buf == NULL)
		goto fail;
	size_t lines = 1;
	for (size_t i = 0; i < index_len; i++)
		lines += wn->index_buf[i] == '\n';
	wn->lemmas = calloc(lines, sizeof *wn->lemmas);
	if (wn->lemmas == NULL)
		goto fail;
	char *line = wn->index_buf;
	while (*line) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		/* The licence at the top is indented by two spaces. */
		if (line[0] != ' ' && parse_index_line(line, &wn->lemmas[wn->nlemmas]))
			wn->nlemmas++;
		if (nl == NULL)
			break;
		line = nl + 1;
	}
	return wn;
fail:
	wordnet_close(wn);
	return NULL;
}

void wordnet_close(struct wordnet *wn)
{
	if (wn == NULL)
		return;
	free(wn->lemmas);
	free(wn->index_buf);
	free(wn->data_buf);
	free(wn);
}

int wordnet_senses(const struct wordnet *wn, size_t i)
{
	return i < wn->nlemmas ? wn->lemmas[i].total : 0;
}

size_t wordnet_lemma_count(const struct wordnet *wn)
{
	return wn->nlemmas;
}

const char *wordnet_lemma(const struct wordnet *wn, size_t i)
{
	return i < wn->nlemmas ? wn->lemmas[i].text : NULL;
}

/* The line of the synset at offset, or NULL when the offset does not start a line. */
static const char *synset_at(const struct wordnet *wn, long offset)
{
	if (offset <= 0 || (size_t)offset >= wn->data_len || wn->data_buf[offset - 1] != '\n')
		return NULL;
	return wn->data_buf + offset;
}

/* Copies the next space-separated field of *p into out (cut to outlen - 1); false at the end. */
static bool field(const char **p, char *out, size_t outlen)
{
	const char *s = *p;
	while (*s == ' ')
		s++;
	if (*s == '\0' || *s == '\n')
		return false;
	size_t n = 0;
	while (*s && *s != ' ' && *s != '\n') {
		if (n + 1 < outlen)
			out[n++] = *s;
		s++;
	}
	out[n] = '\0';
	*p = s;
	return true;
}

/*
 * Reads a synset line: its lexicographer file, the index of the first of
 * cats[] among its words (or -1), and its noun hypernyms (at most maxh).
 */
static int synset_read(const char *line, const char *const *cats, size_t ncats, int *lexfile,
		       long *hyper, int maxh, int *nhyper, bool *instance)
{
	char f[128], sym[8], off[16], pos[8], st[8];
	int best = -1;
	*nhyper = 0;
	*instance = false;
	*lexfile = -1;
	const char *p = line;
	if (!field(&p, f, sizeof f) || !field(&p, f, sizeof f))
		return -1;
	*lexfile = (int)strtol(f, NULL, 10);
	if (!field(&p, f, sizeof f) || !field(&p, f, sizeof f))
		return -1;
	long words = strtol(f, NULL, 16);
	for (long w = 0; w < words; w++) {
		if (!field(&p, f, sizeof f) || !field(&p, sym, sizeof sym))
			return best;
		for (size_t c = 0; c < ncats; c++) {
			if (strcasecmp(f, cats[c]) == 0 && (best < 0 || (int)c < best))
				best = (int)c;
		}
	}
	if (!field(&p, f, sizeof f))
		return best;
	long ptrs = strtol(f, NULL, 10);
	for (long k = 0; k < ptrs; k++) {
		if (!field(&p, sym, sizeof sym) || !field(&p, off, sizeof off) ||
		    !field(&p, pos, sizeof pos) || !field(&p, st, sizeof st))
			break;
		/* "@" hypernym; "@i" makes the synset one named thing ("Eiffel Tower"). */
		if (strcmp(sym, "@i") == 0)
			*instance = true;
		if ((strcmp(sym, "@") == 0 || strcmp(sym, "@i") == 0) && pos[0] == 'n' &&
		    *nhyper < maxh)
			hyper[(*nhyper)++] = strtol(off, NULL, 10);
	}
	return best;
}

/* The lexicographer file of synset offset, or -1; *instance when it names one thing. */
static int synset_lexfile(const struct wordnet *wn, long offset, bool *instance)
{
	const char *line = synset_at(wn, offset);
	long hyper[1];
	int lexfile, nh;
	*instance = false;
	if (line == NULL)
		return -1;
	synset_read(line, NULL, 0, &lexfile, hyper, 0, &nh, instance);
	return lexfile;
}

int wordnet_lexfile(const struct wordnet *wn, size_t i)
{
	bool instance;
	if (i >= wn->nlemmas || wn->lemmas[i].nsenses == 0)
		return -1;
	return synset_lexfile(wn, wn->lemmas[i].offset[0], &instance);
}

bool wordnet_plain_thing(const struct wordnet *wn, size_t i)
{
	bool instance;
	if (i >= wn->nlemmas || wn->lemmas[i].nsenses == 0)
		return false;
	const struct lemma *l = &wn->lemmas[i];
	int first = synset_lexfile(wn, l->offset[0], &instance);
	if (instance)
		return false;
	for (int k = 1; k < l->nsenses; k++) {
		int lf = synset_lexfile(wn, l->offset[k], &instance);
		bool concrete = lf == WN_ANIMAL || lf == WN_ARTIFACT || lf == WN_FOOD ||
				lf == WN_OBJECT || lf == WN_PERSON || lf == WN_PLANT;
		if (concrete && lf != first)
			return false;
	}
	return true;
}

int wordnet_kind_of(const struct wordnet *wn, size_t i, const char *const *cats, size_t ncats,
		    int maxdepth)
{
	long level[WN_MAX_VISIT], next[WN_MAX_VISIT];
	int nlevel = 1;
	if (i >= wn->nlemmas)
		return -1;
	if (wn->lemmas[i].nsenses == 0)
		return -1;
	level[0] = wn->lemmas[i].offset[0];
	for (int depth = 0; depth <= maxdepth && nlevel > 0; depth++) {
		int best = -1, nnext = 0;
		for (int k = 0; k < nlevel; k++) {
			const char *line = synset_at(wn, level[k]);
			long hyper[16];
			int lexfile, nh;
			bool instance;
			if (line == NULL)
				continue;
			int c = synset_read(line, cats, ncats, &lexfile, hyper, 16, &nh, &instance);
			if (c >= 0 && (best < 0 || c < best))
				best = c;
			for (int h = 0; h < nh && nnext < WN_MAX_VISIT; h++)
				next[nnext++] = hyper[h];
		}
		if (best >= 0)
			return best;
		memcpy(level, next, (size_t)nnext * sizeof next[0]);
		nlevel = nnext;
	}
	return -1;
}
