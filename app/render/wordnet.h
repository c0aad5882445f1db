/*
 * wordnet: the build-time reader of Princeton WordNet's noun database
 * (Debian's wordnet-base: /usr/share/wordnet/index.noun and data.noun), used
 * by artgen to find what kind of thing a word names: a "pelican" is a kind of
 * "bird", a "retriever" a kind of "dog", a "limousine" a kind of "car". Only
 * artgen uses it; the engine never reads WordNet at run time.
 *
 *   struct wordnet *wn = wordnet_open("/usr/share/wordnet");
 *   for (size_t i = 0; i < wordnet_lemma_count(wn); i++) {
 *       const char *lemma = wordnet_lemma(wn, i);          // "pelican", "sea_lion"
 *       int c = wordnet_kind_of(wn, i, cats, ncats, 6);    // index into cats, or -1
 *   }
 *   wordnet_close(wn);
 *
 * The database is read into memory once (about 20 MB); lemma strings stay valid
 * until wordnet_close(). A lemma's first sense (WordNet orders senses by how
 * often they are used) is the only one followed.
 */
#ifndef IMAGES_RENDER_WORDNET_H
#define IMAGES_RENDER_WORDNET_H

#include <stdbool.h>
#include <stddef.h>

struct wordnet;

/* Reads DIR/index.noun and DIR/data.noun; NULL (with a message on stderr) when absent or bad. */
struct wordnet *wordnet_open(const char *dir);
void wordnet_close(struct wordnet *wn);

size_t wordnet_lemma_count(const struct wordnet *wn);
/* The i-th lemma as WordNet writes it: lowercase, words joined by '_'. */
const char *wordnet_lemma(const struct wordnet *wn, size_t i);

/* WordNet's lexicographer files that name concrete things. */
enum wordnet_lexfile {
	WN_ANIMAL = 5, WN_ARTIFACT = 6, WN_FOOD = 13, WN_OBJECT = 17, WN_PERSON = 18, WN_PLANT = 20,
};
/* The lexicographer file of lemma i's first sense, or -1. */
int wordnet_lexfile(const struct wordnet *wn, size_t i);
/* How many senses lemma i has as a noun (WordNet's synset count). */
int wordnet_senses(const struct wordnet *wn, size_t i);

/*
 * Whether lemma i names plain things of one sort: its first sense is not one
 * named thing (a person, a building: "Villa", "Eiffel Tower") and none of its
 * other concrete senses is of another sort ("toaster" the person who toasts
 * and the appliance; "stroller" the walker and the pram).
 */
bool wordnet_plain_thing(const struct wordnet *wn, size_t i);

/*
 * Whether any word of lemma i's first-sense synset (depth 0: its synonyms)
 * or of a hypernym at most maxdepth steps up is one of cats[] (written like
 * lemmas: "ice_cream"): the index of the nearest such category, or -1.
 * Among categories at the same depth the lower index wins.
 */
int wordnet_kind_of(const struct wordnet *wn, size_t i, const char *const *cats, size_t ncats,
		    int maxdepth);

#endif
