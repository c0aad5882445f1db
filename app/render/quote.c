/*
 * quote: text written in a prompt. "a sign saying 'OPEN'", "a cake with
 * “Happy Birthday” on it", "the word hello written on a blackboard": the
 * text (in the prompt's own case) and the words that introduce it are taken
 * out before the lexer sees the prompt, so "a sign saying 'big red cube'"
 * does not add a cube, and put back afterwards on the object they belong to.
 *
 * An opening quote is ", “, ”, «, ‘ or a ' that starts a word; a ' or ’ closes
 * only where a word ends, so "a dog's sign" has no quote in it. A quote
 * without its closing mark is no quote: its words are read as words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "language.h"
#include "utf8.h"
#include "lettering.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Words that introduce the text, matched right before it (longest first). */
static const char *const before_phrases[] = {
	"with the words", "with the word", "with the text", "with the caption", "with the title",
	"with the slogan", "with the message", "inscribed with", "that says", "which says",
	"that reads", "which reads", "that read", "that say", "that said", "spelling out",
	"with words", "with text", "the words", "the word", "the text", "the title",
	"saying", "says", "say", "reading", "reads", "labeled", "labelled", "titled", "entitled",
	"spelling", "captioned", "displaying", "showing", "written", "printed", "with", "words",
	"word", "text", "the caption", "the slogan", "the message",
};

/* Introductions that make the text a thing of its own ("the word 'hi'"), which then may be
 * written on what follows. */
static bool standalone_intro(const char *phrase)
{
	return phrase == NULL || strcmp(phrase, "the word") == 0 || strcmp(phrase, "the words") == 0 ||
	       strcmp(phrase, "the text") == 0 || strcmp(phrase, "word") == 0 ||
	       strcmp(phrase, "words") == 0 || strcmp(phrase, "text") == 0 ||
	       strcmp(phrase, "the title") == 0 || strcmp(phrase, "the caption") == 0 ||
	       strcmp(phrase, "the slogan") == 0 || strcmp(phrase, "the message") == 0 ||
	       strcmp(phrase, "the number") == 0 || strcmp(phrase, "number") == 0 ||
	       strcmp(phrase, "the letter") == 0 || strcmp(phrase, "the letters") == 0 ||
	       strcmp(phrase, "letter") == 0;
}

/* Words after the text that say where it is written; "on it" points back. */
static const struct {
	const char *phrase;
	bool forward; /* the surface follows ("written on a board") */
	bool any_intro; /* also after a verb ("a sign saying 'hi' on a beach" is not one) */
} after_phrases[] = {
	{"written on it", false, true},	 {"painted on it", false, true}, {"printed on it", false, true},
	{"on it", false, true},		 {"on the front", false, true},	 {"written on", true, true},
	{"painted on", true, true},	 {"printed on", true, true},	 {"scrawled on", true, true},
	{"sprayed on", true, true},	 {"written across", true, true}, {"written in", true, true},
	{"written with", false, true},	 {"spelled out with", false, true}, {"spelled with", false, true},
	{"on", true, false},		 {"across", true, false},
};

/* Introductions that take one unquoted word as the text ("a sign saying hello"). */
static const char *const unquoted_intro[] = {
	"saying", "that says", "which says", "the word", "with the word", "labeled", "labelled",
	"titled", "entitled", "the number", "with the number", "number", "the letter", "the letters",
	"with the letter", "letter",
};

/* "the letter A": one letter or digit, never "a letter from home". */
static bool letter_intro(const char *intro)
{
	return strcmp(intro, "the letter") == 0 || strcmp(intro, "with the letter") == 0 ||
	       strcmp(intro, "letter") == 0;
}

/* "the number 7": a numeral, never "a number of cars". */
static bool number_intro(const char *intro)
{
	return strcmp(intro, "the number") == 0 || strcmp(intro, "with the number") == 0 ||
	       strcmp(intro, "number") == 0;
}

/* Objects that text can be written on (signs.c knows how each looks). */
static const char *const writable_nouns[] = {
	"t-shirt", "t shirt", "tshirt", "shirt", "tee", "cake", "book", "cup", "mug", "shop", "store",
	"storefront",
};

bool lang_writable(const struct scene_object *o)
{
	if (o->kind == OBJ_SIGN)
		return true;
	for (size_t i = 0; i < NELEM(writable_nouns); i++)
		if (strcmp(o->noun, writable_nouns[i]) == 0)
			return true;
	return false;
}

static bool word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80;
}

/* The UTF-8 character at s[i] (i < len), or 0 when invalid; *n gets its length (1 then). */
static uint32_t char_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;
	*n = utf8_decode((const unsigned char *)s, len, i, &cp);
	if (*n == 0) {
		*n = 1;
		return 0;
	}
	return cp;
}

/* Whether a word character is at s[i] (a letter or digit, any script). */
static bool word_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return false;
	size_t n;
	uint32_t cp = char_at(s, len, i, &n);
	if (cp < 0x80)
		return word_byte((unsigned char)cp);
	/* Punctuation and quotes of U+2000..U+206F, and « », are not letters. */
	return !(cp >= 0x2000 && cp <= 0x206f) && cp != 0xab && cp != 0xbb && cp != 0xa0;
}

/*
 * The phrase of the table that ends right before pos in b (words lowercased,
 * separated by spaces, commas or colons); its start in *start.
 */
static const char *phrase_before(const char *b, size_t pos, const char *const *tab, size_t ntab,
				 size_t *start)
{
	const char *best = NULL;
	size_t best_len = 0;
	for (size_t k = 0; k < ntab; k++) {
		const char *ph = tab[k];
		size_t pl = strlen(ph);
		/* Match the phrase backwards, word by word, skipping separators between. */
		size_t i = pos;
		/* A quote mark left open ("saying \"OPEN") is skipped like a comma. */
		while (i > 0 && (b[i - 1] == ' ' || b[i - 1] == ',' || b[i - 1] == ':' ||
				 b[i - 1] == '"' || b[i - 1] == '\''))
			i--;
		size_t j = pl;
		bool ok = true;
		while (j > 0) {
			if (ph[j - 1] == ' ') {
				if (i == 0 || b[i - 1] != ' ') {
					ok = false;
					break;
				}
				while (i > 0 && b[i - 1] == ' ')
					i--;
				j--;
				continue;
			}
			char c = i > 0 ? b[i - 1] : '\0';
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (i == 0 || c != ph[j - 1]) {
				ok = false;
				break;
			}
			i--;
			j--;
		}
		if (!ok || (i > 0 && word_byte((unsigned char)b[i - 1])))
			continue;
		if (pl > best_len) {
			best = ph;
			best_len = pl;
			*start = i;
		}
	}
	return best;
}

/* Whether phrase starts at b[pos] (after separators) as whole words; its end in *end. */
static bool phrase_after(const char *b, size_t len, size_t pos, const char *ph, size_t *end)
{
	size_t i = pos;
	while (i < len && (b[i] == ' ' || b[i] == ',' || b[i] == '.'))
		i++;
	size_t pl = strlen(ph);
	for (size_t j = 0; j < pl; j++, i++) {
		if (ph[j] == ' ') {
			if (i >= len || b[i] != ' ')
				return false;
			while (i + 1 < len && b[i + 1] == ' ')
				i++;
			continue;
		}
		char c = i < len ? b[i] : '\0';
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != ph[j])
			return false;
	}
	if (i < len && word_byte((unsigned char)b[i]))
		return false;
	*end = i;
	return true;
}

static void blank(char *b, size_t a, size_t e)
{
	memset(b + a, ' ', e - a);
}

/* The closing mark for an opening one at s[i], or 0 when s[i] opens nothing. */
static uint32_t closer_for(const char *s, size_t len, size_t i, uint32_t cp)
{
	switch (cp) {
	case '"': return '"';
	case 0x201c: return 0x201d;
	case 0x201d: return 0x201d;
	case 0x201e: return 0x201c;
	case 0xab: return 0xbb;
	case 0x2018: return 0x2019;
	case '\'':
		/* An apostrophe inside or at the end of a word ("dog's", "dogs'") opens nothing. */
		if (i > 0 && word_at(s, len, i - 1))
			return 0;
		{
			size_t k = i;
			while (k > 0 && ((unsigned char)s[k - 1] & 0xc0) == 0x80)
				k--;
			if (k > 0 && k != i && word_at(s, len, k - 1))
				return 0;
		}
		return '\'';
	default: return 0;
	}
}

/* Whether cp at s[i] closes a quote opened with want. */
static bool closes(const char *s, size_t len, size_t i, size_t n, uint32_t cp, uint32_t want)
{
	bool single = want == '\'' || want == 0x2019;
	bool dbl = want == '"' || want == 0x201d || want == 0x201c;
	if (single && (cp == '\'' || cp == 0x2019))
		return !word_at(s, len, i + n); /* "don't" inside the text is an apostrophe */
	if (dbl && (cp == '"' || cp == 0x201d || cp == 0x201c))
		return true;
	return cp == want;
}

/* A text that cannot be shown, in the scene's unknown words: in quotes, cut to fit. */
static void unknown_text(struct scene *s, const char *text)
{
	if (s->nunknown < 0 || s->nunknown >= RENDER_MAX_UNKNOWN)
		return;
	char w[RENDER_WORD_MAX];
	char body[RENDER_WORD_MAX];
	lang_copy_word(body, RENDER_WORD_MAX - 2, text);
	size_t n = strlen(body);
	w[0] = '"';
	memcpy(w + 1, body, n);
	w[n + 1] = '"';
	w[n + 2] = '\0';
	for (int i = 0; i < s->nunknown; i++)
		if (strcmp(s->unknown[i], w) == 0)
			return;
	memcpy(s->unknown[s->nunknown++], w, n + 3);
}

/* Copies the text between a and e, spaces trimmed and runs of white space made one space. */
static void text_copy(char *dst, size_t cap, const char *s, size_t a, size_t e, bool *too_long)
{
	size_t o = 0;
	bool space = false;
	*too_long = false;
	for (size_t i = a; i < e; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o + 1 >= cap) {
				*too_long = true;
				break;
			}
			dst[o++] = ' ';
			space = false;
		}
		if (o + 1 >= cap) {
			*too_long = true;
			break;
		}
		dst[o++] = c;
	}
	dst[o] = '\0';
}

/* Strict UTF-8 (utf8.h): the text inside quotes is never seen by the lexer, which checks the rest. */
static bool utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	for (size_t i = 0, n; i < len; i += n) {
		n = utf8_decode((const unsigned char *)s, len, i, &cp);
		if (n == 0)
			return false;
	}
	return true;
}

int lang_quotes_find(const char *prompt, char *b, size_t cap, struct lang_quote *q, int maxq)
{
	size_t len = strlen(prompt);
	int nq = 0;
	if (len + 1 > cap || !utf8_valid(prompt, len))
		return -1;
	memcpy(b, prompt, len + 1);
	for (size_t i = 0; i < len && nq < maxq;) {
		size_t n;
		uint32_t cp = char_at(prompt, len, i, &n);
		uint32_t want = cp ? closer_for(prompt, len, i, cp) : 0;
		if (want == 0) {
			i += n;
			continue;
		}
		/* Find the closing mark. */
		size_t j = i + n, close = 0, cn = 0;
		while (j < len) {
			size_t m;
			uint32_t c = char_at(prompt, len, j, &m);
			if (c && closes(prompt, len, j, m, c, want)) {
				close = j;
				cn = m;
				break;
			}
			j += m;
		}
		if (cn == 0) {
			i += n; /* unterminated: not a quote */
			continue;
		}
		struct lang_quote *x = &q[nq];
		memset(x, 0, sizeof *x);
		bool too_long;
		text_copy(x->text, sizeof x->text, prompt, i + n, close, &too_long);
		x->start = i;
		x->end = close + cn;
		if (too_long)
			x->text[RENDER_TEXT_MAX - 1] = '\0';
		x->too_long = too_long;
		blank(b, x->start, x->end);
		size_t ts = x->start;
		x->intro = phrase_before(b, x->start, before_phrases, NELEM(before_phrases), &ts);
		if (x->intro)
			blank(b, ts, x->start);
		x->prefix = ts;
		for (size_t k = 0; k < NELEM(after_phrases); k++) {
			size_t e;
			if (!after_phrases[k].any_intro && !standalone_intro(x->intro))
				continue;
			if (phrase_after(b, len, x->end, after_phrases[k].phrase, &e)) {
				x->forward = after_phrases[k].forward;
				blank(b, x->end, e);
				break;
			}
		}
		nq++;
		i = close + cn;
	}
	/* Unquoted: "a sign saying hello", "the word OPEN". */
	for (size_t i = 0; i < len && nq < maxq; i++) {
		if (!word_byte((unsigned char)b[i]) || (i > 0 && word_byte((unsigned char)b[i - 1])))
			continue;
		size_t e = i;
		while (e < len && word_byte((unsigned char)b[e]))
			e++;
		size_t ts;
		const char *intro = phrase_before(b, i, unquoted_intro, NELEM(unquoted_intro), &ts);
		if (intro == NULL || ts == i)
			continue;
		char w[RENDER_WORD_MAX];
		lang_copy_word(w, sizeof w, b + i);
		w[e - i < sizeof w ? e - i : sizeof w - 1] = '\0';
		for (char *p = w; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		bool letter = letter_intro(intro);
		if (letter && e - i != 1)
			continue;
		if (!letter && (strcmp(w, "a") == 0 || strcmp(w, "an") == 0 || strcmp(w, "the") == 0 ||
				strcmp(w, "on") == 0 || strcmp(w, "in") == 0 || strcmp(w, "and") == 0))
			continue;
		if (number_intro(intro) && !(w[0] >= '0' && w[0] <= '9'))
			continue;
		struct lang_quote *x = &q[nq];
		memset(x, 0, sizeof *x);
		bool too_long;
		text_copy(x->text, sizeof x->text, prompt, i, e, &too_long);
		x->too_long = too_long;
		x->start = i;
		x->end = e;
		x->intro = intro;
		x->prefix = ts;
		blank(b, ts, e);
		for (size_t k = 0; k < NELEM(after_phrases); k++) {
			size_t f;
			if (!after_phrases[k].any_intro && !standalone_intro(x->intro))
				continue;
			if (phrase_after(b, len, x->end, after_phrases[k].phrase, &f)) {
				x->forward = after_phrases[k].forward;
				blank(b, x->end, f);
				break;
			}
		}
		nq++;
		i = e;
	}
	/* In the order they were written, so they are placed left to right. */
	for (int a = 1; a < nq; a++)
		for (int k = a; k > 0 && q[k - 1].start > q[k].start; k--) {
			struct lang_quote t = q[k];
			q[k] = q[k - 1];
			q[k - 1] = t;
		}
	return nq;
}

/* How many objects the words before pos make (the prompt's own parse is a prefix of it). */
static int objects_before(const char *b, size_t pos)
{
	int n = -1;
	char *pre = malloc(pos + 1);
	struct scene *s = malloc(sizeof *s);
	struct token *t = NULL;
	int nt = 0;
	if (pre == NULL || s == NULL)
		goto out;
	memcpy(pre, b, pos);
	pre[pos] = '\0';
	lang_scene_init(s);
	if (lang_lex(pre, &t, &nt) != 0)
		goto out;
	lang_parse_tokens(s, t, nt);
	n = s->nobjects;
out:
	free(t);
	free(s);
	free(pre);
	return n;
}

/* A text object of its own ("the word 'hello'"), or -1 when the scene is full. */
static int standalone(struct scene *s)
{
	if (s->nobjects < 0 || s->nobjects >= RENDER_MAX_OBJECTS)
		return -1;
	struct scene_object *o = &s->objects[s->nobjects++];
	memset(o, 0, sizeof *o);
	o->kind = OBJ_SIGN;
	lang_copy_word(o->noun, sizeof o->noun, "text");
	o->scale = 1.0f;
	o->count = 1;
	return s->nobjects - 1;
}

static bool free_surface(const struct scene *s, int i)
{
	return i >= 0 && i < s->nobjects && lang_object_live(s, i) && lang_writable(&s->objects[i]) &&
	       s->objects[i].text[0] == '\0';
}

/* Checks x's text and writes it on object idx (-1: a text object of its own); 1 when placed. */
static int write_text(struct scene *s, const struct lang_quote *x, int idx)
{
	if (x->text[0] == '\0')
		return 0; /* "" says nothing */
	if (x->too_long || lettering_check(x->text) != LETTERING_OK) {
		unknown_text(s, x->text);
		return 0;
	}
	if (idx < 0)
		idx = standalone(s);
	if (idx < 0) {
		unknown_text(s, x->text);
		return 0;
	}
	memcpy(s->objects[idx].text, x->text, sizeof x->text);
	return 1;
}

int lang_quotes_place(struct scene *s, const char *b, const struct lang_quote *q, int nq, int first)
{
	int placed = 0;
	for (int k = 0; k < nq; k++) {
		const struct lang_quote *x = &q[k];
		int idx = -1;
		int before = first >= 0 ? first : objects_before(b, x->prefix);
		if (x->forward) {
			for (int i = before < 0 ? 0 : before; i < s->nobjects && idx < 0; i++)
				if (free_surface(s, i))
					idx = i;
		}
		if (idx < 0 && !standalone_intro(x->intro)) {
			/* The surface named last before the text ("a sign next to a tree saying"
			 * is the tree's: a text of its own). */
			int last = first >= 0 ? s->nobjects - 1 : before - 1;
			if (free_surface(s, last))
				idx = last;
		}
		placed += write_text(s, x, idx);
	}
	return placed;
}

/* Words that make a follow-up change what is written ("make it say 'CLOSED'"). */
static const char *const edit_verbs[] = {
	"say", "says", "saying", "read", "reads", "reading", "text", "words", "word", "write",
	"writing", "written", "change", "rename", "replace", "title", "label", "spell", "letters",
};

int lang_quotes_edit(struct scene *s, const char *followup, const struct lang_quote *q, int nq,
		     const char *b)
{
	if (nq <= 0)
		return 0;
	const struct lang_quote *x = &q[0];
	struct token *t = NULL;
	int nt = 0, rc = 0;
	char *pre = malloc(x->start + 1);
	if (pre == NULL)
		return -1;
	/* The follow-up's words before the text, as written (the introduction included). */
	memcpy(pre, followup, x->start);
	pre[x->start] = '\0';
	if (lang_lex(pre, &t, &nt) != 0) {
		rc = -1;
		goto out;
	}
	bool verb = false, adds = false;
	int named = -1;
	for (int i = 0; i < nt; i++) {
		if (t[i].type == TOK_ADD)
			adds = true;
		for (size_t k = 0; k < NELEM(edit_verbs); k++)
			if (strcmp(t[i].text, edit_verbs[k]) == 0)
				verb = true;
		if (t[i].type == TOK_NOUN) {
			const struct noun_entry *ne = lang_noun(t[i].noun);
			for (int j = s->nobjects - 1; ne && j >= 0 && named < 0; j--)
				if (lang_object_live(s, j) && lang_same_thing(&s->objects[j], ne))
					named = j;
			if (named < 0)
				adds = true; /* "a sign saying 'hi'": a new object, the editor's add */
		}
	}
	if (adds || !verb)
		goto out;
	/* The object named, else the one with text, else the last surface. */
	int idx = named;
	for (int j = s->nobjects - 1; j >= 0 && idx < 0; j--)
		if (lang_object_live(s, j) && s->objects[j].text[0])
			idx = j;
	for (int j = s->nobjects - 1; j >= 0 && idx < 0; j--)
		if (lang_object_live(s, j) && lang_writable(&s->objects[j]))
			idx = j;
	if (x->text[0] == '\0' || x->too_long || lettering_check(x->text) != LETTERING_OK) {
		rc = 0;
		goto out;
	}
	if (idx >= 0) {
		memcpy(s->objects[idx].text, x->text, sizeof x->text);
		rc = 1;
	} else {
		rc = write_text(s, x, -1);
	}
	if (rc == 1)
		s->enhanced = false;
	(void)b;
out:
	free(t);
	free(pre);
	return rc;
}
