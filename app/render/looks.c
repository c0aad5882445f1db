/*
 * looks: how a person is said to look, and how the artwork shows it. Hair
 * colours ("red hair", "a blonde woman", "pink-haired") and skin tones ("dark
 * skin", "a pale man") are drawn by swapping the colours the emoji artwork
 * paints hair and skin in (Noto's: hair #6d4c41 with #543930 shading, skin
 * #ffca28 with #e59600 / #ffb300 / #eda600 shading) before it is rasterised.
 * The skin tones are Noto's own five (its skin-tone variants use exactly these
 * colours in place of the default ones), so a dark-skinned person looks like
 * the emoji with that modifier. Eyes (#404040) take an eye colour ("blue eyes").
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "artwork.h"
#include "language.h"
#include "pixels.h"

/* Hair colours with a hair shade of their own; any other colour word is the table's colour. */
static const struct {
	const char *name;
	uint32_t rgb;
} hair_colors[] = {
	{ "red", 0xb4441c },     { "ginger", 0xc65a1e },	{ "auburn", 0x8e3a1c },
	{ "blonde", 0xe6c15a },  { "blond", 0xe6c15a },	{ "golden", 0xd9a520 },
	{ "brown", 0x6b4430 },	 { "brunette", 0x5b3a29 },	{ "chestnut", 0x7a3f22 },
	{ "black", 0x262120 },	 { "dark", 0x2e2522 },	{ "fair", 0xd9b96e },	{ "white", 0xeeeeee },
	{ "grey", 0x9e9e9e },	 { "gray", 0x9e9e9e },	{ "silver", 0xc8c8d0 },
	{ "platinum", 0xece6d2 }, { "copper", 0xb5562a },	{ "hazel", 0x8e7618 },
	{ "amber", 0xc08a1e },
};

/* The colours Noto paints hair in (main, then shading), and what each becomes (x 1/256). */
static const struct {
	uint32_t rgb;
	int shade; /* 256: the hair colour itself; less: darker */
} hair_parts[] = {
	{ 0x6d4c41, 256 }, { 0x6d4c3f, 256 }, { 0x543930, 190 }, { 0x63453b, 220 }, { 0x62453b, 220 },
};

/* Skin: Noto's default colours and the part each paints (0 face, 1 its shading, 2 a body,
 * 3 its shading); each tone's colour for each part is its skin-tone variants'. */
static const struct {
	uint32_t rgb;
	int part;
} skin_parts[] = {
	{ 0xffca28, 0 }, { 0xffca26, 0 }, { 0xe59600, 1 }, { 0xf09e00, 1 }, { 0xe59700, 1 },
	{ 0xe39503, 1 }, { 0xe59502, 1 }, { 0xffb300, 2 }, { 0xeda600, 3 },
};
static const uint32_t skin_tones[SKIN__COUNT][4] = {
	[SKIN_LIGHT] = { 0xf9ddbd, 0xedc391, 0xffd29c, 0xedbd82 },
	[SKIN_MEDIUM_LIGHT] = { 0xe0bb95, 0xc48e6a, 0xcca47a, 0xba8f63 },
	[SKIN_MEDIUM] = { 0xba8d68, 0x99674f, 0xa47b62, 0x91674d },
	[SKIN_MEDIUM_DARK] = { 0xa56c43, 0x7a4c32, 0x8d5738, 0x875334 },
	[SKIN_DARK] = { 0x70534a, 0x3c2b24, 0x5c4037, 0x4a2f27 },
};
static const char *const skin_ids[SKIN__COUNT] = {
	[SKIN_LIGHT] = "light", [SKIN_MEDIUM_LIGHT] = "medium light", [SKIN_MEDIUM] = "medium",
	[SKIN_MEDIUM_DARK] = "medium dark", [SKIN_DARK] = "dark",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The colour table is linear light; the SVG is sRGB. */
static uint32_t to_srgb8(float lin)
{
	return (uint32_t)(srgb_encode(lin) * 255.0f + 0.5f);
}

long lang_hair_color(const char *name)
{
	if (name == NULL || name[0] == '\0')
		return -1;
	for (size_t k = 0; k < NELEM(hair_colors); k++)
		if (strcmp(name, hair_colors[k].name) == 0)
			return (long)hair_colors[k].rgb;
	const struct color_entry *c = lang_color(lang_color_find(name));
	if (c == NULL)
		return -1;
	return (long)(to_srgb8(c->rgb.r) << 16 | to_srgb8(c->rgb.g) << 8 | to_srgb8(c->rgb.b));
}

const char *lang_skin_id(int skin)
{
	return skin > SKIN_NONE && skin < SKIN__COUNT ? skin_ids[skin] : NULL;
}

int lang_skin_from_id(const char *id)
{
	for (int k = SKIN_NONE + 1; id && k < SKIN__COUNT; k++)
		if (strcmp(id, skin_ids[k]) == 0)
			return k;
	return -1;
}

bool lang_art_has_hair(int art)
{
	for (size_t k = 0; k < NELEM(hair_parts); k++)
		if (hair_parts[k].shade == 256 && art_has_color(art, hair_parts[k].rgb))
			return true;
	return false;
}

/* Noto paints eyes one dark grey (the standing people a shade off it). */
static const uint32_t eyes_rgb[] = { 0x404040, 0x3f4040 };

bool lang_art_has_eyes(int art)
{
	return art_has_color(art, eyes_rgb[0]) || art_has_color(art, eyes_rgb[1]);
}

bool lang_art_has_skin(int art)
{
	return art_has_color(art, skin_parts[0].rgb) || art_has_color(art, skin_parts[1].rgb);
}

void lang_look_recolor(const struct scene_object *o, struct art_recolor *rc)
{
	memset(rc, 0, sizeof *rc);
	long hair = memchr(o->hair, '\0', sizeof o->hair) ? lang_hair_color(o->hair) : -1;
	if (hair >= 0) {
		for (size_t k = 0; k < NELEM(hair_parts) && rc->n < ART_RECOLOR_MAX; k++) {
			uint32_t v = 0;
			for (int sh = 16; sh >= 0; sh -= 8) {
				uint32_t c = ((uint32_t)hair >> sh) & 255;
				v |= (c * (uint32_t)hair_parts[k].shade / 256u) << sh;
			}
			rc->from[rc->n] = hair_parts[k].rgb;
			rc->to[rc->n++] = v;
		}
	}
	long eyes = memchr(o->eyes, '\0', sizeof o->eyes) ? lang_hair_color(o->eyes) : -1;
	for (size_t k = 0; eyes >= 0 && k < NELEM(eyes_rgb) && rc->n < ART_RECOLOR_MAX; k++) {
		rc->from[rc->n] = eyes_rgb[k];
		rc->to[rc->n++] = (uint32_t)eyes;
	}
	if (o->skin > SKIN_NONE && o->skin < SKIN__COUNT) {
		for (size_t k = 0; k < NELEM(skin_parts) && rc->n < ART_RECOLOR_MAX; k++) {
			rc->from[rc->n] = skin_parts[k].rgb;
			rc->to[rc->n++] = skin_tones[o->skin][skin_parts[k].part];
		}
	}
}
