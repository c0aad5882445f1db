/*
 * vocabulary_bench: how much of what people write the built-in engine
 * understands. Every line of the corpus files (tests/vocabulary/corpus/, one
 * prompt per line, written by people) is parsed with render_parse(); a prompt
 * is "fully understood" when no word of it lands in scene.unknown and it is not
 * drawn as an abstract composition, and "abstract" when nothing in it was an
 * object. It prints both shares overall and per file, the words most often not
 * understood (each counted once per prompt), and with --misses every prompt
 * that lost a word, followed by the words it lost.
 *
 * The anchor, measured in the same run, is the parse time itself: prompts per
 * second, so a vocabulary that grows slower to look up shows here too.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render.h"

#define MAX_LINE 4096
#define MAX_WORDS 8192
#define TOP_WORDS 30

struct word_count {
	char word[RENDER_WORD_MAX];
	int n;
};

struct tally {
	int prompts, understood, abstract, invalid;
};

static struct word_count words[MAX_WORDS];
static int nwords;

static void word_add(const char *w)
{
	for (int i = 0; i < nwords; i++) {
		if (strcmp(words[i].word, w) == 0) {
			words[i].n++;
			return;
		}
	}
	if (nwords == MAX_WORDS)
		return;
	snprintf(words[nwords].word, sizeof words[nwords].word, "%s", w);
	words[nwords++].n = 1;
}

static int by_count(const void *a, const void *b)
{
	const struct word_count *x = a, *y = b;
	if (x->n != y->n)
		return y->n - x->n;
	return strcmp(x->word, y->word);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double pct(int part, int whole)
{
	return whole > 0 ? 100.0 * part / whole : 0.0;
}

/* Parses every line of path into t; prints the misses when asked. 0, or -1 when unreadable. */
static int run_file(const char *path, struct tally *t, bool misses, double *parse_s)
{
	FILE *f = fopen(path, "r");
	char line[MAX_LINE];
	if (f == NULL) {
		fprintf(stderr, "vocabulary: cannot open %s\n", path);
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		if (len == 0)
			continue;
		struct scene s;
		double t0 = now();
		int rc = render_parse(line, &s);
		*parse_s += now() - t0;
		t->prompts++;
		if (rc != 0) {
			t->invalid++;
			if (misses)
				printf("INVALID\t%s\n", line);
			continue;
		}
		if (s.abstract)
			t->abstract++;
		if (s.nunknown == 0 && !s.abstract)
			t->understood++;
		for (int i = 0; i < s.nunknown; i++)
			word_add(s.unknown[i]);
		if (misses && (s.nunknown > 0 || s.abstract)) {
			printf("%s\t%s\t", s.abstract ? "ABSTRACT" : "MISS", line);
			for (int i = 0; i < s.nunknown; i++)
				printf("%s%s", i ? "," : "", s.unknown[i]);
			printf("\n");
		}
	}
	fclose(f);
	return 0;
}

int main(int argc, char **argv)
{
	bool misses = false;
	struct tally all = {0};
	double parse_s = 0;
	int nfiles = 0, rc = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--misses") == 0) {
			misses = true;
			continue;
		}
		struct tally t = {0};
		if (run_file(argv[i], &t, misses, &parse_s) != 0) {
			rc = 1;
			continue;
		}
		nfiles++;
		if (!misses)
			printf("%-48s %5d prompts  understood %5.1f %%  abstract %4.1f %%\n", argv[i],
			       t.prompts, pct(t.understood, t.prompts), pct(t.abstract, t.prompts));
		all.prompts += t.prompts;
		all.understood += t.understood;
		all.abstract += t.abstract;
		all.invalid += t.invalid;
	}
	if (nfiles == 0) {
		fprintf(stderr, "usage: vocabulary_bench [--misses] CORPUS.txt...\n");
		return 2;
	}
	if (misses)
		return rc;
	printf("\nall: %d prompts in %d files\n", all.prompts, nfiles);
	printf("fully understood: %d (%.1f %%)\n", all.understood, pct(all.understood, all.prompts));
	printf("abstract fallback: %d (%.1f %%)\n", all.abstract, pct(all.abstract, all.prompts));
	if (all.invalid > 0)
		printf("refused as invalid input: %d\n", all.invalid);
	printf("parse: %.0f prompts/s (%.3f ms each)\n", parse_s > 0 ? all.prompts / parse_s : 0.0,
	       all.prompts > 0 ? 1e3 * parse_s / all.prompts : 0.0);
	qsort(words, (size_t)nwords, sizeof words[0], by_count);
	printf("\ntop %d words not understood (prompts that lost them):\n", TOP_WORDS);
	for (int i = 0; i < nwords && i < TOP_WORDS; i++)
		printf("%4d  %s\n", words[i].n, words[i].word);
	return rc;
}
