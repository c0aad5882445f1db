/*
 * enhance: fills what the prompt left open. Every choice except the palette
 * for objects without a natural colour is a function of the scene alone, so
 * the describer can leave out what enhancement would choose anyway ("a blue
 * cube" does not need "in soft light, front view"), and the editor can tell
 * which fields were chosen automatically: they equal what enhancement would
 * choose again.
 */
#include <string.h>

#include "language.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool kind_valid(enum object_kind k)
{
	return (unsigned)k < OBJ__COUNT;
}

/* What each object is made of when nobody says: the material it usually has. */
static const enum material natural_material[OBJ__COUNT] = {
	[OBJ_CUBE] = MAT_MATTE,	      [OBJ_SPHERE] = MAT_GLOSSY,    [OBJ_CYLINDER] = MAT_MATTE,
	[OBJ_CONE] = MAT_MATTE,	      [OBJ_TORUS] = MAT_GLOSSY,     [OBJ_PYRAMID] = MAT_MATTE,
	[OBJ_TREE] = MAT_MATTE,	      [OBJ_HOUSE] = MAT_MATTE,	    [OBJ_SNOWMAN] = MAT_MATTE,
	[OBJ_CUP] = MAT_CERAMIC,      [OBJ_TABLE] = MAT_WOOD,	    [OBJ_CHAIR] = MAT_WOOD,
	[OBJ_LAMP] = MAT_METAL,	      [OBJ_MUSHROOM] = MAT_MATTE,   [OBJ_FLOWER] = MAT_MATTE,
	[OBJ_CACTUS] = MAT_MATTE,     [OBJ_ROCKET] = MAT_METAL,	    [OBJ_ROBOT] = MAT_METAL,
	[OBJ_CAR] = MAT_GLOSSY,	      [OBJ_BOAT] = MAT_WOOD,	    [OBJ_LIGHTHOUSE] = MAT_MATTE,
	[OBJ_CASTLE] = MAT_STONE,     [OBJ_PLANET] = MAT_MATTE,	    [OBJ_MOON] = MAT_MATTE,
	[OBJ_SUN] = MAT_GLOW,	      [OBJ_CLOUD] = MAT_MATTE,	    [OBJ_MOUNTAIN] = MAT_STONE,
	[OBJ_ROCK] = MAT_STONE,	      [OBJ_CANDLE] = MAT_MATTE,	    [OBJ_BOTTLE] = MAT_GLASS,
	[OBJ_VASE] = MAT_CERAMIC,     [OBJ_APPLE] = MAT_GLOSSY,	    [OBJ_CAKE] = MAT_MATTE,
	[OBJ_HEART] = MAT_GLOSSY,     [OBJ_UMBRELLA] = MAT_FABRIC,  [OBJ_TEAPOT] = MAT_CERAMIC,
	[OBJ_BENCH] = MAT_WOOD,	      [OBJ_TOWER] = MAT_STONE,	    [OBJ_BRIDGE] = MAT_STONE,
	[OBJ_WINDMILL] = MAT_MATTE,   [OBJ_TENT] = MAT_FABRIC,	    [OBJ_BALLOON] = MAT_RUBBER,
	[OBJ_GIFT] = MAT_MATTE,	      [OBJ_FENCE] = MAT_WOOD,	    [OBJ_LOLLIPOP] = MAT_GLOSSY,
	[OBJ_STAR] = MAT_GLOW,
	[OBJ_FRIDGE] = MAT_GLOSSY,    [OBJ_OVEN] = MAT_METAL,	    [OBJ_MICROWAVE] = MAT_METAL,
	[OBJ_SINK] = MAT_CERAMIC,     [OBJ_COUNTER] = MAT_WOOD,	    [OBJ_HYDRANT] = MAT_GLOSSY,
	[OBJ_BOOKSHELF] = MAT_WOOD,   [OBJ_CABINET] = MAT_WOOD,	    [OBJ_RUG] = MAT_FABRIC,
	[OBJ_PILLOW] = MAT_FABRIC,	[OBJ_SURFBOARD] = MAT_GLOSSY,
	[OBJ_PARKING_METER] = MAT_METAL, [OBJ_TOASTER] = MAT_METAL, [OBJ_HAIR_DRYER] = MAT_PLASTIC,
	[OBJ_RAMP] = MAT_WOOD, [OBJ_GREAT_WALL] = MAT_STONE, [OBJ_DISHWASHER] = MAT_METAL,
	[OBJ_WASHING_MACHINE] = MAT_GLOSSY, [OBJ_WATERFALL] = MAT_STONE,
	[OBJ_FIREPLACE] = MAT_STONE, [OBJ_BRANCH] = MAT_WOOD,
	[OBJ_SIGN] = MAT_MATTE,
	[OBJ_EIFFEL_TOWER] = MAT_METAL, [OBJ_BIG_BEN] = MAT_STONE,   [OBJ_GOLDEN_GATE] = MAT_MATTE,
	[OBJ_TAJ_MAHAL] = MAT_MARBLE, [OBJ_SYDNEY_OPERA_HOUSE] = MAT_CERAMIC,
	[OBJ_COLOSSEUM] = MAT_STONE,  [OBJ_LEANING_TOWER] = MAT_MARBLE, [OBJ_STONEHENGE] = MAT_STONE,
};

/* The colour an object usually has; NULL: it has none, the palette decides. */
static const char *const natural_color[OBJ__COUNT] = {
	[OBJ_CONE] = "orange",	   [OBJ_TREE] = "green",     [OBJ_SNOWMAN] = "white",
	[OBJ_MUSHROOM] = "red",	   [OBJ_FLOWER] = "pink",    [OBJ_CACTUS] = "green",
	[OBJ_LIGHTHOUSE] = "white", [OBJ_MOON] = "ivory",    [OBJ_SUN] = "yellow",
	[OBJ_CLOUD] = "white",	   [OBJ_CANDLE] = "ivory",   [OBJ_BOTTLE] = "emerald",
	[OBJ_APPLE] = "red",	   [OBJ_CAKE] = "pink",	     [OBJ_HEART] = "red",
	[OBJ_TEAPOT] = "white",	   [OBJ_WINDMILL] = "white", [OBJ_TENT] = "orange",
	[OBJ_BALLOON] = "red",	   [OBJ_STAR] = "yellow",
	[OBJ_FRIDGE] = "white",	   [OBJ_SINK] = "white",     [OBJ_HYDRANT] = "red",
	/* Wrought iron in its bronze paint, Anston limestone, the bridge's international
	 * orange, tiled shells, travertine. */
	[OBJ_EIFFEL_TOWER] = "bronze", [OBJ_BIG_BEN] = "sand",   [OBJ_GOLDEN_GATE] = "red",
	[OBJ_TAJ_MAHAL] = "white",     [OBJ_SYDNEY_OPERA_HOUSE] = "white",
	[OBJ_COLOSSEUM] = "tan",     [OBJ_LEANING_TOWER] = "white", [OBJ_STONEHENGE] = "grey",
	[OBJ_GREAT_WALL] = "sand",   [OBJ_DISHWASHER] = "silver",   [OBJ_WASHING_MACHINE] = "white",
	[OBJ_WATERFALL] = "grey", [OBJ_FIREPLACE] = "brown", [OBJ_BRANCH] = "brown",
};

/* Where an object usually is; SET_DEFAULT: anywhere. */
static const enum setting affinity[OBJ__COUNT] = {
	[OBJ_PLANET] = SET_SPACE,    [OBJ_MOON] = SET_SPACE,	   [OBJ_ROCKET] = SET_SPACE,
	[OBJ_STAR] = SET_SPACE,	     [OBJ_SUN] = SET_SKY,	   [OBJ_BOAT] = SET_BEACH,
	[OBJ_LIGHTHOUSE] = SET_BEACH, [OBJ_UMBRELLA] = SET_BEACH,   [OBJ_SNOWMAN] = SET_SNOW,
	[OBJ_CACTUS] = SET_DESERT,   [OBJ_TREE] = SET_FOREST,	   [OBJ_TENT] = SET_FOREST,
	[OBJ_MUSHROOM] = SET_FOREST, [OBJ_FLOWER] = SET_FOREST,	   [OBJ_BENCH] = SET_FOREST,
	[OBJ_CANDLE] = SET_TABLETOP, [OBJ_CUP] = SET_TABLETOP,	   [OBJ_TEAPOT] = SET_TABLETOP,
	[OBJ_VASE] = SET_TABLETOP,   [OBJ_BOTTLE] = SET_TABLETOP,  [OBJ_CAKE] = SET_TABLETOP,
	[OBJ_APPLE] = SET_TABLETOP,  [OBJ_LAMP] = SET_TABLETOP,	   [OBJ_GIFT] = SET_TABLETOP,
	[OBJ_BALLOON] = SET_SKY,     [OBJ_CLOUD] = SET_SKY,	   [OBJ_WINDMILL] = SET_SKY,
	[OBJ_HOUSE] = SET_SKY,	     [OBJ_CASTLE] = SET_SKY,	   [OBJ_BRIDGE] = SET_SKY,
	[OBJ_TOWER] = SET_SKY,	     [OBJ_MOUNTAIN] = SET_SKY,	   [OBJ_FENCE] = SET_SKY,
	[OBJ_FRIDGE] = SET_ROOM,     [OBJ_OVEN] = SET_ROOM,	   [OBJ_MICROWAVE] = SET_ROOM,
	[OBJ_SINK] = SET_ROOM,	     [OBJ_COUNTER] = SET_ROOM,	   [OBJ_BOOKSHELF] = SET_ROOM,
	[OBJ_CABINET] = SET_ROOM,    [OBJ_RUG] = SET_ROOM,	   [OBJ_PILLOW] = SET_ROOM,
	[OBJ_SURFBOARD] = SET_BEACH, [OBJ_PARKING_METER] = SET_STREET, [OBJ_TOASTER] = SET_ROOM,
	[OBJ_HAIR_DRYER] = SET_ROOM, [OBJ_RAMP] = SET_STREET, [OBJ_GREAT_WALL] = SET_FIELD,
	[OBJ_DISHWASHER] = SET_ROOM, [OBJ_WASHING_MACHINE] = SET_ROOM, [OBJ_WATERFALL] = SET_FOREST,
	[OBJ_FIREPLACE] = SET_ROOM,
	[OBJ_HYDRANT] = SET_STREET,
	[OBJ_EIFFEL_TOWER] = SET_FIELD, [OBJ_BIG_BEN] = SET_FIELD, [OBJ_GOLDEN_GATE] = SET_BEACH,
	[OBJ_TAJ_MAHAL] = SET_FIELD,  [OBJ_SYDNEY_OPERA_HOUSE] = SET_BEACH,
	[OBJ_COLOSSEUM] = SET_FIELD,  [OBJ_LEANING_TOWER] = SET_FIELD, [OBJ_STONEHENGE] = SET_FIELD,
};

/* Pleasing sets of five; the seed picks one and where in it to start. No "gold":
 * that name means the material. */
static const char *const palettes[][5] = {
	{ "coral", "teal", "amber", "lavender", "mint" },
	{ "blue", "orange", "pink", "lime", "purple" },
	{ "red", "sky blue", "yellow", "emerald", "violet" },
	{ "turquoise", "peach", "indigo", "salmon", "light green" },
	{ "magenta", "cyan", "amber", "navy", "mint" },
	{ "crimson", "cream", "teal", "peach", "dark blue" },
};

enum material lang_natural_material(enum object_kind k)
{
	return kind_valid(k) ? natural_material[k] : MAT_MATTE;
}

const char *lang_natural_color(enum object_kind k)
{
	return kind_valid(k) ? natural_color[k] : NULL;
}

const char *lang_material_color(enum material m)
{
	switch (m) {
	case MAT_GOLD: return "gold";
	case MAT_METAL: return "silver";
	case MAT_WOOD: return "brown";
	case MAT_MARBLE: return "white";
	case MAT_STONE: return "grey";
	case MAT_LEATHER: return "brown";
	case MAT_PAPER: return "ivory";
	case MAT_ICE: return "white";
	case MAT_BRONZE: return "bronze";
	case MAT_COPPER: return "copper";
	default: return NULL;
	}
}

enum material lang_effective_material(const struct scene_object *o)
{
	if (o->material > MAT_DEFAULT && o->material < MAT__COUNT)
		return o->material;
	return lang_natural_material(o->kind);
}

static bool sunset_keeps(enum setting set)
{
	return set == SET_BEACH || set == SET_DESERT || set == SET_SNOW || set == SET_FOREST ||
	       set == SET_SKY || set == SET_STREET || set == SET_FIELD || set == SET_ROOM;
}

enum setting lang_suited_setting(const struct scene *s)
{
	enum setting aff = SET_DEFAULT;
	for (int i = 0; i < lang_object_count(s) && aff == SET_DEFAULT; i++) {
		if (lang_object_live(s, i) && kind_valid(s->objects[i].kind))
			aff = affinity[s->objects[i].kind];
	}
	if (s->light == LIGHT_NEON)
		return SET_CITY_NIGHT;
	if (s->light == LIGHT_CANDLE)
		return aff == SET_ROOM ? SET_ROOM : SET_TABLETOP;
	if (s->light == LIGHT_GOLDEN)
		return sunset_keeps(aff) ? aff : SET_SUNSET;
	return aff != SET_DEFAULT ? aff : SET_STUDIO;
}

static bool has_kind(const struct scene *s, enum object_kind k)
{
	for (int i = 0; i < lang_object_count(s); i++) {
		if (lang_object_live(s, i) && s->objects[i].kind == k)
			return true;
	}
	return false;
}

enum light lang_suited_light(const struct scene *s)
{
	switch (s->setting) {
	case SET_SUNSET: return LIGHT_GOLDEN;
	case SET_NIGHT: return has_kind(s, OBJ_CANDLE) ? LIGHT_CANDLE : LIGHT_DRAMATIC;
	case SET_SPACE: return LIGHT_DRAMATIC;
	case SET_CITY_NIGHT: return LIGHT_NEON;
	case SET_TABLETOP: return has_kind(s, OBJ_CANDLE) ? LIGHT_CANDLE : LIGHT_SOFT;
	default: return LIGHT_SOFT;
	}
}

enum camera lang_suited_camera(const struct scene *s)
{
	int total = 0;
	for (int i = 0; i < lang_object_count(s); i++) {
		if (!lang_object_live(s, i))
			continue;
		enum object_kind k = s->objects[i].kind;
		if (k == OBJ_MOUNTAIN || k == OBJ_BRIDGE || k == OBJ_CASTLE)
			return CAM_WIDE;
		total += s->objects[i].count;
	}
	return total >= 6 ? CAM_WIDE : CAM_FRONT;
}

static bool saturated(struct rgb c)
{
	float mx = c.r > c.g ? (c.r > c.b ? c.r : c.b) : (c.g > c.b ? c.g : c.b);
	float mn = c.r < c.g ? (c.r < c.b ? c.r : c.b) : (c.g < c.b ? c.g : c.b);
	return mx > 0.05f && (mx - mn) / mx > 0.5f;
}

/* The mood follows the light and the place first, then the objects' colours. */
const char *lang_suited_mood(const struct scene *s)
{
	static const char *const abstract_moods[] = { "dreamy",	    "vibrant", "serene",
						      "whimsical", "mysterious", "playful",
						      "calm",	    "moody" };
	bool live = false;
	for (int i = 0; i < lang_object_count(s); i++)
		live = live || lang_object_live(s, i);
	if (!live)
		return s->abstract ? abstract_moods[s->palette_seed % NELEM(abstract_moods)] : "calm";
	if (s->light == LIGHT_NEON || s->setting == SET_CITY_NIGHT)
		return "moody";
	if (s->light == LIGHT_CANDLE || s->setting == SET_TABLETOP || s->setting == SET_ROOM)
		return "cozy";
	switch (s->setting) {
	case SET_SPACE: return "mysterious";
	case SET_NIGHT:
	case SET_UNDERWATER:
	case SET_SKY: return "dreamy";
	case SET_SUNSET: return "serene";
	default: break;
	}
	if (s->light == LIGHT_DRAMATIC)
		return "dramatic";
	if (s->light == LIGHT_GOLDEN)
		return "serene";
	switch (s->setting) {
	case SET_BEACH:
	case SET_SNOW: return "serene";
	case SET_FOREST:
	case SET_FIELD: return "peaceful";
	case SET_DESERT: return "majestic";
	default: break;
	}
	int nsat = 0;
	const char *first_sat = NULL;
	for (int i = 0; i < lang_object_count(s); i++) {
		if (!lang_object_live(s, i))
			continue;
		const struct scene_object *o = &s->objects[i];
		enum object_kind k = o->kind;
		if (k == OBJ_HEART || k == OBJ_LOLLIPOP || k == OBJ_BALLOON || k == OBJ_MUSHROOM ||
		    k == OBJ_SNOWMAN || k == OBJ_CAKE || k == OBJ_GIFT || k == OBJ_STAR ||
		    k == OBJ_CLOUD)
			return "whimsical";
		enum material m = lang_effective_material(o);
		if (m == MAT_GLASS || m == MAT_GOLD || m == MAT_MARBLE)
			return "elegant";
		if (o->color_name[0] && saturated(o->color)) {
			if (first_sat == NULL || strcmp(first_sat, o->color_name) != 0)
				nsat++;
			if (first_sat == NULL)
				first_sat = o->color_name;
		}
	}
	if (nsat >= 2)
		return "playful";
	return nsat == 1 ? "vibrant" : "calm";
}

static bool color_used(const struct scene *s, int except, const char *name)
{
	for (int i = 0; i < lang_object_count(s); i++) {
		if (i != except && lang_object_live(s, i) &&
		    strcmp(s->objects[i].color_name, name) == 0)
			return true;
	}
	return false;
}

/* Nouns whose colour is more particular than their kind's ("sunflower"). */
static const struct {
	const char *noun, *color;
} noun_colors[] = {
	{ "sunflower", "yellow" }, { "rose", "red" },	    { "daisy", "white" },
	{ "tulip", "red" },	   { "lily", "white" },	    { "pine tree", "dark green" },
	{ "pine", "dark green" },  { "fir", "dark green" }, { "earth", "blue" },
	{ "mars", "red" },	   { "saturn", "beige" },   { "jupiter", "tan" },
	{ "taxi", "yellow" },	   { "cupcake", "pink" },   { "snowball", "white" },
	{ "pearl", "ivory" },	   { "bagel", "tan" },	    { "doughnut", "pink" },
	{ "donut", "pink" },	   { "volcano", "charcoal" },
};

/*
 * The colour an object's material, noun or kind implies, or NULL. A kind in
 * its own material keeps its own colour: stone Big Ben is sand, not grey.
 */
static const char *natural_color_of(const struct scene_object *o)
{
	enum material m = lang_effective_material(o);
	const char *name = lang_material_color(m);
	bool own = kind_valid(o->kind) && natural_color[o->kind] != NULL &&
		   m == natural_material[o->kind];
	if (name != NULL && !own)
		return name;
	for (size_t i = 0; i < NELEM(noun_colors); i++) {
		if (strncmp(o->noun, noun_colors[i].noun, RENDER_WORD_MAX) == 0)
			return noun_colors[i].color;
	}
	return kind_valid(o->kind) ? natural_color[o->kind] : NULL;
}

/* A colour for object i: what its material or kind implies, else the seed's palette. */
static int choose_color(const struct scene *s, int i, uint32_t seed)
{
	const struct scene_object *o = &s->objects[i];
	const char *name = natural_color_of(o);
	if (name != NULL)
		return lang_color_find(name);
	uint32_t h = seed * 2654435761u;
	h ^= h >> 15;
	const char *const *p = palettes[h % NELEM(palettes)];
	uint32_t off = (h / NELEM(palettes)) % 5;
	for (uint32_t k = 0; k < 5; k++) {
		const char *c = p[(off + (uint32_t)i + k) % 5];
		if (!color_used(s, i, c))
			return lang_color_find(c);
	}
	return lang_color_find(p[(off + (uint32_t)i) % 5]);
}

/* Out-of-range fields (a scene from elsewhere) become "not said" or their bound. */
static void sanitize(struct scene *s)
{
	s->nobjects = lang_object_count(s);
	if (s->nrelations < 0 || s->nrelations > RENDER_MAX_RELATIONS)
		s->nrelations = s->nrelations < 0 ? 0 : RENDER_MAX_RELATIONS;
	if (s->nunknown < 0 || s->nunknown > RENDER_MAX_UNKNOWN)
		s->nunknown = s->nunknown < 0 ? 0 : RENDER_MAX_UNKNOWN;
	if ((unsigned)s->setting >= SET__COUNT)
		s->setting = SET_DEFAULT;
	if ((unsigned)s->light >= LIGHT__COUNT)
		s->light = LIGHT_DEFAULT;
	if ((unsigned)s->camera >= CAM__COUNT)
		s->camera = CAM_DEFAULT;
	s->style[RENDER_WORD_MAX - 1] = '\0';
	s->mood[RENDER_WORD_MAX - 1] = '\0';
	for (int i = 0; i < s->nobjects; i++) {
		struct scene_object *o = &s->objects[i];
		if (!kind_valid(o->kind))
			o->kind = OBJ_CUBE;
		if ((unsigned)o->material >= MAT__COUNT)
			o->material = MAT_DEFAULT;
		if ((unsigned)o->size > SIZE_HUGE)
			o->size = SIZE_DEFAULT;
		if (o->count < 1)
			o->count = 1;
		if (o->count > RENDER_MAX_COUNT)
			o->count = RENDER_MAX_COUNT;
		if (!(o->scale > 0.0f && o->scale <= 100.0f))
			o->scale = 1.0f;
		if (o->position_hint < -1 || o->position_hint > 1)
			o->position_hint = 0;
		o->noun[RENDER_WORD_MAX - 1] = '\0';
		o->color_name[RENDER_WORD_MAX - 1] = '\0';
	}
	lang_prune_relations(s);
}

void render_enhance(struct scene *s, uint32_t seed)
{
	if (s == NULL || s->enhanced)
		return;
	sanitize(s);
	/* Natural colours first, so the palette can avoid them. */
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < s->nobjects; i++) {
			struct scene_object *o = &s->objects[i];
			if (o->removed)
				continue;
			if (o->material == MAT_DEFAULT)
				o->material = lang_natural_material(o->kind);
			/* Artwork has its own colours. */
			if (o->kind != OBJ_ARTWORK && o->kind != OBJ_SIGN && o->color_name[0] == '\0' &&
			    (pass == 1 || natural_color_of(o)))
				lang_set_color(o, choose_color(s, i, seed));
		}
	}
	/* Light and setting suit each other: a said light picks the place, else the
	 * place picks the light. */
	if (s->setting == SET_DEFAULT)
		s->setting = lang_suited_setting(s);
	if (s->light == LIGHT_DEFAULT)
		s->light = lang_suited_light(s);
	if (s->camera == CAM_DEFAULT)
		s->camera = lang_suited_camera(s);
	if (s->mood[0] == '\0')
		lang_copy_word(s->mood, sizeof s->mood, lang_suited_mood(s));
	s->enhanced = true;
}

void lang_unenhance(struct scene *s)
{
	if (!s->enhanced)
		return;
	sanitize(s);
	/* Decide everything against the scene as enhancement left it, then reset. */
	enum setting set = lang_suited_setting(s);
	enum light light = lang_suited_light(s);
	enum camera cam = lang_suited_camera(s);
	char mood[RENDER_WORD_MAX];
	lang_copy_word(mood, sizeof mood, lang_suited_mood(s));
	if (s->setting == set)
		s->setting = SET_DEFAULT;
	if (s->light == light)
		s->light = LIGHT_DEFAULT;
	if (s->camera == cam)
		s->camera = CAM_DEFAULT;
	if (strcmp(s->mood, mood) == 0)
		s->mood[0] = '\0';
	for (int i = 0; i < s->nobjects; i++) {
		struct scene_object *o = &s->objects[i];
		const char *natural = natural_color_of(o);
		if (natural && strcmp(o->color_name, natural) == 0) {
			o->color_name[0] = '\0';
			memset(&o->color, 0, sizeof o->color);
		}
		if (o->material == lang_natural_material(o->kind))
			o->material = MAT_DEFAULT;
	}
	s->enhanced = false;
}
