/*
 * lettering: text written in the scene ("a sign saying 'OPEN'"). Shapes a
 * short UTF-8 string with HarfBuzz and draws it with FreeType into a
 * rectangle of an RGBA raster (straight alpha, sRGB), wrapped onto at most
 * LETTERING_MAX_LINES lines and sized to fill the rectangle.
 *
 *   if (lettering_check(text) == LETTERING_OK) ...        // parse time: can it be drawn?
 *   struct lettering_ink ink = {{20, 20, 20}, {0, 0, 0, 0}};
 *   lettering_draw(rgba, side, side, rect, text, &ink);  // onto a card's raster
 *
 * Fonts are TrueType files read at run time from LETTERING_FONTDIR (Debian's
 * fonts-dejavu-core first, then fonts-noto-core per script); each character
 * takes the first font of that chain that has a glyph for it. A character no
 * font has, or no font at all, is LETTERING_NO_GLYPH / LETTERING_NO_FONT: the
 * caller reports the text as not shown rather than drawing boxes.
 *
 * Every call opens its own FT_Library and faces and closes them before it
 * returns (FreeType objects are not thread-safe), so all functions may run
 * on any thread at once; the output depends only on the arguments. Nothing
 * returned needs freeing. Not a public header: app/render/render.h is the
 * engine's contract.
 */
#ifndef IMAGES_RENDER_LETTERING_H
#define IMAGES_RENDER_LETTERING_H

#include <stddef.h>
#include <stdint.h>

#include "render.h"

#define LETTERING_MAX_LINES 3

enum lettering_err {
	LETTERING_OK = 0,
	LETTERING_INVALID,   /* not UTF-8, a control character, empty, or over RENDER_TEXT_CHARS */
	LETTERING_NO_FONT,   /* not one font file of the chain could be opened */
	LETTERING_NO_GLYPH,  /* a character no font of the chain has (a script not installed) */
	LETTERING_NO_MEMORY, /* allocation or FreeType/HarfBuzz failure */
};

const char *lettering_strerror(enum lettering_err e);

/*
 * Whether text (NUL-terminated) is a valid text for a scene: strict UTF-8,
 * no control characters, 1..RENDER_TEXT_CHARS characters and fewer than
 * RENDER_TEXT_MAX bytes. Does not look at fonts.
 */
enum lettering_err lettering_valid(const char *text);

/* lettering_valid(), then whether the installed fonts have a glyph for every character. */
enum lettering_err lettering_check(const char *text);

struct lettering_ink {
	uint8_t rgb[3];	 /* the letters' colour, sRGB */
	uint8_t halo[4]; /* an outline around them (rgb, alpha 0: none), for text on nothing */
};

/*
 * Draws text into rect (x0, y0, x1, y1 as fractions of w and h, y down) of
 * rgba (w x h x 4), centred, on up to LETTERING_MAX_LINES lines, as large as
 * fits. Pixels outside the rectangle are never written; the rectangle's own
 * alpha is kept where it is opaque and raised under the letters.
 */
enum lettering_err lettering_draw(uint8_t *rgba, int w, int h, const float rect[4],
				  const char *text, const struct lettering_ink *ink);

#endif
