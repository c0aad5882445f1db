/*
 * The style presets: id, title and the prompt suffix remote engines append.
 * How the built-in engine draws each one lives with the renderer
 * (style parameters keyed by the same ids).
 */
#include <string.h>

#include "pixels.h"
#include "render.h"

static const struct render_style styles[] = {
	{ "sketch", "Sketch", ", pencil sketch, graphite hatching on white paper" },
	{ "gingerbread", "Gingerbread", ", made of gingerbread with white icing details, festive bakery" },
	{ "parisian-postcard", "Parisian postcard",
	  ", vintage Parisian postcard, soft pastel print, cream border" },
	{ "watercolor", "Watercolor", ", watercolor painting, soft washes, paper texture" },
	{ "oil-painting", "Oil painting", ", oil painting, visible brush strokes, rich colour" },
	{ "pixel-art", "Pixel art", ", pixel art, limited palette, crisp pixels" },
	{ "neon", "Neon", ", neon glow, dark background, vivid light trails" },
	{ "claymation", "Claymation", ", claymation, plasticine figures, soft studio light" },
	{ "blueprint", "Blueprint", ", technical blueprint, white lines on blue paper" },
	{ "pop-art", "Pop art", ", pop art, bold flat colours, halftone dots, thick outlines" },
	{ "vintage-photo", "Vintage photo", ", vintage photograph, faded colours, film grain, vignette" },
	{ "low-poly", "Low poly", ", low poly 3D, flat shaded facets" },
	{ "comic", "Comic", ", comic book panel, ink outlines, cel shading" },
	{ "isometric-toy", "Isometric toy", ", isometric toy diorama, glossy plastic, tilt-shift" },
};

const struct render_style *render_styles(size_t *n)
{
	*n = sizeof(styles) / sizeof(styles[0]);
	return styles;
}

const struct render_style *render_style_find(const char *id)
{
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		if (strcmp(styles[i].id, id) == 0)
			return &styles[i];
	}
	return NULL;
}

/* How the built-in engine draws each preset, keyed by the same ids. */
static const struct style_render style_table[] = {
    {"", -1, -1, -1, false, 0, 0, POST_NONE},
    {"sketch", -1, LIGHT_SOFT, MAT_MATTE, false, 0, 0, POST_SKETCH},
    {"gingerbread", -1, LIGHT_SOFT, MAT_MATTE, false, 0.3f, 0, POST_GINGERBREAD},
    {"parisian-postcard", -1, -1, -1, false, 0, 0, POST_POSTCARD},
    {"watercolor", -1, LIGHT_SOFT, MAT_MATTE, false, 0, 0, POST_WATERCOLOR},
    {"oil-painting", -1, -1, -1, false, 0, 0, POST_OIL},
    {"pixel-art", -1, -1, MAT_MATTE, false, 0, 0, POST_PIXEL},
    {"neon", -1, LIGHT_NEON, MAT_GLOSSY, false, 0, 0, POST_NEON},
    {"claymation", -1, LIGHT_SOFT, MAT_MATTE, false, 0.35f, 0, POST_CLAY},
    {"blueprint", -1, LIGHT_SOFT, MAT_MATTE, false, 0, 0, POST_BLUEPRINT},
    {"pop-art", -1, -1, MAT_MATTE, false, 0, 3, POST_POPART},
    {"vintage-photo", -1, -1, -1, false, 0, 0, POST_VINTAGE},
    {"low-poly", -1, -1, MAT_MATTE, true, 0, 0, POST_LOWPOLY},
    {"comic", -1, -1, MAT_MATTE, false, 0, 3, POST_COMIC},
    {"isometric-toy", CAM_ISOMETRIC, LIGHT_SOFT, MAT_PLASTIC, false, 0, 0, POST_TOY},
};

const struct style_render *style_render_find(const char *id)
{
	if (id && id[0]) {
		for (size_t i = 1; i < sizeof(style_table) / sizeof(style_table[0]); i++)
			if (strcmp(style_table[i].id, id) == 0)
				return &style_table[i];
	}
	return &style_table[0];
}
