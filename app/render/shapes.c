/*
 * shapes: the object kinds as small assemblies of analytic primitives.
 *
 * Every model is authored standing on y = 0, centred on x = z = 0, facing +z
 * (the camera), in world units where a cube is 1 tall; the sizes are the
 * natural scale, compressed so a cup next to a house stays visible. The
 * group's colour goes on the parts that dominate the silhouette; the other
 * parts get the colours they have in life (a trunk is brown whatever colour
 * the tree is).
 */
#include <math.h>
#include <string.h>

#include "pixels.h"

#define DEG (3.14159265f / 180.0f)

static const v3 C_BROWN = {0.20f, 0.10f, 0.04f};
static const v3 C_DARK = {0.02f, 0.02f, 0.02f};
static const v3 C_WHITE = {0.80f, 0.80f, 0.80f};
static const v3 C_CREAM = {0.80f, 0.70f, 0.50f};
static const v3 C_LEAF = {0.10f, 0.45f, 0.06f};
static const v3 C_RED = {0.60f, 0.04f, 0.03f};
static const v3 C_ORANGE = {0.90f, 0.30f, 0.03f};
static const v3 C_YELLOW = {0.90f, 0.65f, 0.05f};
static const v3 C_GREY = {0.25f, 0.25f, 0.26f};
static const v3 C_STEEL = {0.55f, 0.56f, 0.58f};
static const v3 C_GLASSBLUE = {0.45f, 0.65f, 0.85f};
static const v3 C_TERRACOTTA = {0.50f, 0.17f, 0.07f};
static const v3 C_ROOF = {0.35f, 0.06f, 0.04f};

struct kind_info {
	v3 color;
	enum material material;
	bool floats;
};

static const struct kind_info kinds[OBJ__COUNT] = {
    [OBJ_CUBE] = {{0.70f, 0.08f, 0.06f}, MAT_MATTE, false},
    [OBJ_SPHERE] = {{0.08f, 0.20f, 0.70f}, MAT_GLOSSY, false},
    [OBJ_CYLINDER] = {{0.10f, 0.50f, 0.20f}, MAT_MATTE, false},
    [OBJ_CONE] = {{0.85f, 0.40f, 0.05f}, MAT_MATTE, false},
    [OBJ_TORUS] = {{0.85f, 0.35f, 0.50f}, MAT_GLOSSY, false},
    [OBJ_PYRAMID] = {{0.75f, 0.55f, 0.25f}, MAT_STONE, false},
    [OBJ_TREE] = {{0.06f, 0.32f, 0.06f}, MAT_MATTE, false},
    [OBJ_HOUSE] = {{0.80f, 0.70f, 0.50f}, MAT_MATTE, false},
    [OBJ_SNOWMAN] = {{0.90f, 0.92f, 0.95f}, MAT_MATTE, false},
    [OBJ_CUP] = {{0.85f, 0.85f, 0.82f}, MAT_CERAMIC, false},
    [OBJ_TABLE] = {{0.40f, 0.20f, 0.08f}, MAT_WOOD, false},
    [OBJ_CHAIR] = {{0.45f, 0.24f, 0.10f}, MAT_WOOD, false},
    [OBJ_LAMP] = {{0.85f, 0.75f, 0.55f}, MAT_FABRIC, false},
    [OBJ_MUSHROOM] = {{0.75f, 0.06f, 0.04f}, MAT_MATTE, false},
    [OBJ_FLOWER] = {{0.85f, 0.15f, 0.35f}, MAT_MATTE, false},
    [OBJ_CACTUS] = {{0.12f, 0.40f, 0.12f}, MAT_MATTE, false},
    [OBJ_ROCKET] = {{0.85f, 0.85f, 0.88f}, MAT_METAL, false},
    [OBJ_ROBOT] = {{0.50f, 0.55f, 0.60f}, MAT_METAL, false},
    [OBJ_CAR] = {{0.70f, 0.05f, 0.05f}, MAT_GLOSSY, false},
    [OBJ_BOAT] = {{0.80f, 0.80f, 0.80f}, MAT_GLOSSY, false},
    [OBJ_LIGHTHOUSE] = {{0.85f, 0.85f, 0.85f}, MAT_MATTE, false},
    [OBJ_CASTLE] = {{0.45f, 0.43f, 0.40f}, MAT_STONE, false},
    [OBJ_PLANET] = {{0.70f, 0.45f, 0.25f}, MAT_MATTE, true},
    [OBJ_MOON] = {{0.70f, 0.70f, 0.68f}, MAT_STONE, true},
    [OBJ_SUN] = {{1.00f, 0.65f, 0.10f}, MAT_GLOW, true},
    [OBJ_CLOUD] = {{0.90f, 0.90f, 0.92f}, MAT_MATTE, true},
    [OBJ_MOUNTAIN] = {{0.30f, 0.27f, 0.24f}, MAT_STONE, false},
    [OBJ_ROCK] = {{0.35f, 0.33f, 0.30f}, MAT_STONE, false},
    [OBJ_CANDLE] = {{0.85f, 0.80f, 0.65f}, MAT_MATTE, false},
    [OBJ_BOTTLE] = {{0.10f, 0.45f, 0.15f}, MAT_GLASS, false},
    [OBJ_VASE] = {{0.15f, 0.30f, 0.65f}, MAT_CERAMIC, false},
    [OBJ_APPLE] = {{0.65f, 0.04f, 0.03f}, MAT_GLOSSY, false},
    [OBJ_CAKE] = {{0.85f, 0.45f, 0.55f}, MAT_MATTE, false},
    [OBJ_HEART] = {{0.75f, 0.03f, 0.08f}, MAT_GLOSSY, false},
    [OBJ_UMBRELLA] = {{0.70f, 0.05f, 0.05f}, MAT_FABRIC, false},
    [OBJ_TEAPOT] = {{0.85f, 0.85f, 0.82f}, MAT_CERAMIC, false},
    [OBJ_BENCH] = {{0.40f, 0.20f, 0.08f}, MAT_WOOD, false},
    [OBJ_TOWER] = {{0.50f, 0.47f, 0.42f}, MAT_STONE, false},
    [OBJ_BRIDGE] = {{0.45f, 0.40f, 0.35f}, MAT_STONE, false},
    [OBJ_WINDMILL] = {{0.82f, 0.78f, 0.70f}, MAT_MATTE, false},
    [OBJ_TENT] = {{0.85f, 0.35f, 0.05f}, MAT_FABRIC, false},
    [OBJ_BALLOON] = {{0.75f, 0.05f, 0.05f}, MAT_GLOSSY, false},
    [OBJ_GIFT] = {{0.10f, 0.25f, 0.70f}, MAT_GLOSSY, false},
    [OBJ_FENCE] = {{0.80f, 0.78f, 0.72f}, MAT_WOOD, false},
    [OBJ_LOLLIPOP] = {{0.80f, 0.08f, 0.30f}, MAT_GLOSSY, false},
    [OBJ_STAR] = {{0.95f, 0.70f, 0.10f}, MAT_GOLD, true},
    [OBJ_FRIDGE] = {{0.85f, 0.85f, 0.83f}, MAT_GLOSSY, false},
    [OBJ_OVEN] = {{0.55f, 0.56f, 0.58f}, MAT_METAL, false},
    [OBJ_MICROWAVE] = {{0.55f, 0.56f, 0.58f}, MAT_METAL, false},
    [OBJ_SINK] = {{0.85f, 0.85f, 0.82f}, MAT_CERAMIC, false},
    [OBJ_COUNTER] = {{0.40f, 0.20f, 0.08f}, MAT_WOOD, false},
    [OBJ_HYDRANT] = {{0.70f, 0.04f, 0.03f}, MAT_GLOSSY, false},
    [OBJ_BOOKSHELF] = {{0.40f, 0.20f, 0.08f}, MAT_WOOD, false},
    [OBJ_CABINET] = {{0.45f, 0.24f, 0.10f}, MAT_WOOD, false},
    [OBJ_RUG] = {{0.55f, 0.08f, 0.06f}, MAT_FABRIC, false},
    [OBJ_PILLOW] = {{0.80f, 0.78f, 0.70f}, MAT_FABRIC, false},
    [OBJ_SURFBOARD] = {{0.92f, 0.90f, 0.84f}, MAT_GLOSSY, false},
    [OBJ_PARKING_METER] = {{0.40f, 0.42f, 0.45f}, MAT_METAL, false},
    [OBJ_TOASTER] = {{0.55f, 0.56f, 0.58f}, MAT_METAL, false},
    [OBJ_HAIR_DRYER] = {{0.80f, 0.30f, 0.45f}, MAT_PLASTIC, false},
    [OBJ_RAMP] = {{0.55f, 0.40f, 0.25f}, MAT_WOOD, false},
    [OBJ_GREAT_WALL] = {{0.58f, 0.53f, 0.45f}, MAT_STONE, false},
    [OBJ_DISHWASHER] = {{0.75f, 0.76f, 0.78f}, MAT_METAL, false},
    [OBJ_WASHING_MACHINE] = {{0.9f, 0.9f, 0.9f}, MAT_GLOSSY, false},
    [OBJ_WATERFALL] = {{0.42f, 0.41f, 0.38f}, MAT_STONE, false},
    [OBJ_FIREPLACE] = {{0.45f, 0.25f, 0.18f}, MAT_STONE, false},
    [OBJ_BRANCH] = {{0.35f, 0.22f, 0.12f}, MAT_WOOD, false},
    [OBJ_EIFFEL_TOWER] = {{0.43f, 0.19f, 0.04f}, MAT_METAL, false},
    [OBJ_BIG_BEN] = {{0.72f, 0.57f, 0.32f}, MAT_STONE, false},
    [OBJ_GOLDEN_GATE] = {{0.53f, 0.04f, 0.02f}, MAT_MATTE, false},
    [OBJ_TAJ_MAHAL] = {{0.85f, 0.84f, 0.80f}, MAT_MARBLE, false},
    [OBJ_SYDNEY_OPERA_HOUSE] = {{0.86f, 0.85f, 0.80f}, MAT_CERAMIC, false},
    [OBJ_COLOSSEUM] = {{0.70f, 0.58f, 0.40f}, MAT_STONE, false},
    [OBJ_LEANING_TOWER] = {{0.85f, 0.84f, 0.80f}, MAT_MARBLE, false},
    [OBJ_STONEHENGE] = {{0.40f, 0.39f, 0.36f}, MAT_STONE, false},
};

v3 shapes_default_color(enum object_kind kind)
{
	return (unsigned)kind < OBJ__COUNT ? kinds[kind].color : C_WHITE;
}

enum material shapes_default_material(enum object_kind kind)
{
	return (unsigned)kind < OBJ__COUNT ? kinds[kind].material : MAT_MATTE;
}

bool shapes_floats(enum object_kind kind)
{
	return (unsigned)kind < OBJ__COUNT && kinds[kind].floats;
}

bool shapes_landmark(enum object_kind kind)
{
	return (kind >= OBJ_EIFFEL_TOWER && kind <= OBJ_STONEHENGE) || kind == OBJ_GREAT_WALL;
}

bool shapes_in_water(enum object_kind kind)
{
	return kind == OBJ_GOLDEN_GATE || kind == OBJ_SYDNEY_OPERA_HOUSE;
}

bool shapes_has_clearance(enum object_kind kind, float *height)
{
	switch (kind) {
	case OBJ_TABLE: *height = 0.88f; return true;
	case OBJ_CHAIR: *height = 0.45f; return true;
	case OBJ_BENCH: *height = 0.44f; return true;
	case OBJ_UMBRELLA: *height = 1.30f; return true;
	case OBJ_BRIDGE: *height = 0.95f; return true;
	default: return false;
	}
}

/*
 * Material presets. Colours are linear albedo; gold ignores the colour
 * because "gold" is itself the colour.
 */
struct surface surface_make(enum material m, v3 color)
{
	struct surface s;
	memset(&s, 0, sizeof s);
	s.albedo = color;
	s.albedo2 = v3scale(color, 0.6f);
	s.rough = 0.6f;
	s.f0 = 0.04f;
	switch (m) {
	case MAT_MATTE:
		s.rough = 0.9f;
		s.f0 = 0.02f;
		break;
	case MAT_GLOSSY:
		s.rough = 0.12f;
		s.f0 = 0.05f;
		break;
	case MAT_METAL:
		s.rough = 0.22f;
		s.metal = 1.0f;
		break;
	case MAT_GOLD:
		s.albedo = v3m(1.0f, 0.71f, 0.29f);
		s.rough = 0.2f;
		s.metal = 1.0f;
		break;
	case MAT_GLASS:
		s.rough = 0.0f;
		s.transmit = 0.92f;
		s.albedo = v3lerp(color, v3m(1, 1, 1), 0.35f);
		break;
	case MAT_WOOD:
		s.rough = 0.55f;
		s.pattern = PAT_WOOD;
		s.albedo2 = v3scale(color, 0.55f);
		break;
	case MAT_MARBLE:
		s.rough = 0.15f;
		s.f0 = 0.05f;
		s.pattern = PAT_MARBLE;
		s.albedo = v3lerp(color, v3m(0.85f, 0.85f, 0.85f), 0.5f);
		s.albedo2 = v3scale(color, 0.35f);
		break;
	case MAT_STONE:
		s.rough = 0.95f;
		s.f0 = 0.02f;
		s.pattern = PAT_STONE;
		s.albedo2 = v3scale(color, 0.6f);
		break;
	case MAT_RUBBER:
		s.rough = 0.7f;
		s.f0 = 0.03f;
		break;
	case MAT_GLOW:
		s.emit = 3.0f;
		s.rough = 0.9f;
		break;
	case MAT_PLASTIC:
		s.rough = 0.25f;
		s.f0 = 0.05f;
		break;
	case MAT_CERAMIC:
		s.rough = 0.1f;
		s.f0 = 0.05f;
		break;
	case MAT_FABRIC:
		s.rough = 1.0f;
		s.f0 = 0.01f;
		break;
	case MAT_LEATHER:
		/* A soft sheen over a fine pebbled grain. */
		s.rough = 0.45f;
		s.f0 = 0.04f;
		s.pattern = PAT_STONE;
		s.albedo2 = v3scale(color, 0.75f);
		break;
	case MAT_PAPER:
		s.rough = 1.0f;
		s.f0 = 0.01f;
		break;
	case MAT_ICE:
		s.rough = 0.05f;
		s.f0 = 0.03f;
		s.transmit = 0.6f;
		s.albedo = v3lerp(color, v3m(0.75f, 0.88f, 1.0f), 0.6f);
		break;
	case MAT_BRONZE:
		/* Like gold, the substance is the colour. */
		s.albedo = v3m(0.72f, 0.45f, 0.2f);
		s.rough = 0.3f;
		s.metal = 1.0f;
		break;
	case MAT_COPPER:
		s.albedo = v3m(0.95f, 0.64f, 0.54f);
		s.rough = 0.25f;
		s.metal = 1.0f;
		break;
	default: break;
	}
	return s;
}

/* ---- model builder ---- */

struct mb {
	struct world *w;
	int inst;
	float s, cy, sy; /* instance scale, cos and sin of the yaw */
	v3 main;
	enum material mat;
	struct prng r;
	bool failed;
};

static void rot_euler(v3 deg, float r[9])
{
	float ax = deg.x * DEG, ay = deg.y * DEG, az = deg.z * DEG;
	float cx = cosf(ax), sx = sinf(ax), cyy = cosf(ay), syy = sinf(ay), cz = cosf(az),
	      sz = sinf(az);
	/* R = Ry * Rx * Rz */
	float rx[9] = {1, 0, 0, 0, cx, -sx, 0, sx, cx};
	float ry[9] = {cyy, 0, syy, 0, 1, 0, -syy, 0, cyy};
	float rz[9] = {cz, -sz, 0, sz, cz, 0, 0, 0, 1};
	float t[9];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			t[i * 3 + j] = rx[i * 3] * rz[j] + rx[i * 3 + 1] * rz[3 + j] +
				       rx[i * 3 + 2] * rz[6 + j];
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			r[i * 3 + j] =
			    ry[i * 3] * t[j] + ry[i * 3 + 1] * t[3 + j] + ry[i * 3 + 2] * t[6 + j];
}

/* Adds one primitive: centre c and half sizes sc in the model's space, rotation in degrees. */
static void part(struct mb *b, int kind, float param, v3 c, v3 sc, v3 rot, struct surface surf)
{
	struct world *w = b->w;
	if (b->failed || w->nprims >= PIX_MAX_PRIMS) {
		b->failed = true;
		return;
	}
	float rp[9], r[9];
	rot_euler(rot, rp);
	/* Yaw of the whole instance: r = Ryaw * rp. */
	for (int j = 0; j < 3; j++) {
		r[0 * 3 + j] = b->cy * rp[0 * 3 + j] + b->sy * rp[2 * 3 + j];
		r[1 * 3 + j] = rp[1 * 3 + j];
		r[2 * 3 + j] = -b->sy * rp[0 * 3 + j] + b->cy * rp[2 * 3 + j];
	}
	v3 wc = v3m(b->cy * c.x + b->sy * c.z, c.y, -b->sy * c.x + b->cy * c.z);
	wc = v3scale(wc, b->s);
	float sz3[3] = {sc.x * b->s, sc.y * b->s, sc.z * b->s};

	struct prim *p = &w->prims[w->nprims++];
	memset(p, 0, sizeof *p);
	p->kind = (uint8_t)kind;
	p->param = param;
	p->inst = (uint16_t)b->inst;
	p->surf = surf;
	/* world -> local: diag(1/S) * R^T */
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			p->m[i * 3 + j] = r[j * 3 + i] / sz3[i];
	float wcv[3] = {wc.x, wc.y, wc.z};
	for (int i = 0; i < 3; i++)
		p->t[i] =
		    -(p->m[i * 3] * wcv[0] + p->m[i * 3 + 1] * wcv[1] + p->m[i * 3 + 2] * wcv[2]);
	float lr, ext[3];
	switch (kind) {
	case PRIM_SPHERE: lr = 1.0f; break;
	case PRIM_FRUSTUM: lr = 1.4143f; break;
	case PRIM_TORUS: lr = 1.0f + param; break;
	default: lr = 1.7321f; break;
	}
	if (kind == PRIM_TORUS) {
		ext[0] = ext[2] = 1.0f + param;
		ext[1] = param;
	} else {
		ext[0] = ext[1] = ext[2] = 1.0f;
	}
	p->center = wc;
	p->radius = lr * fmaxf(sz3[0], fmaxf(sz3[1], sz3[2]));
	/* Bounding box: the local box's corners through local -> world. */
	struct instance *in = &w->inst[b->inst];
	for (int k = 0; k < 8; k++) {
		float l[3] = {(k & 1 ? 1 : -1) * ext[0] * sz3[0],
			      (k & 2 ? 1 : -1) * ext[1] * sz3[1],
			      (k & 4 ? 1 : -1) * ext[2] * sz3[2]};
		v3 q = v3m(r[0] * l[0] + r[1] * l[1] + r[2] * l[2],
			   r[3] * l[0] + r[4] * l[1] + r[5] * l[2],
			   r[6] * l[0] + r[7] * l[1] + r[8] * l[2]);
		q = v3add(q, wc);
		if (in->nprims == 0 && k == 0) {
			in->bmin = in->bmax = q;
		} else {
			in->bmin = v3m(fminf(in->bmin.x, q.x), fminf(in->bmin.y, q.y),
				       fminf(in->bmin.z, q.z));
			in->bmax = v3m(fmaxf(in->bmax.x, q.x), fmaxf(in->bmax.y, q.y),
				       fmaxf(in->bmax.z, q.z));
		}
	}
	in->nprims++;
}

static struct surface main_surf(struct mb *b)
{
	return surface_make(b->mat, b->main);
}

static struct surface surf(enum material m, v3 c)
{
	return surface_make(m, c);
}

static struct surface with_pattern(struct surface s, int pattern, v3 second)
{
	s.pattern = (uint8_t)pattern;
	s.albedo2 = second;
	return s;
}

/* A colour that stands apart from the main one (ribbons, roofs, stripes). */
static v3 contrast(v3 main, v3 preferred, v3 fallback)
{
	v3 d = v3sub(main, preferred);
	return v3dot(d, d) < 0.08f ? fallback : preferred;
}

static const v3 O = {0, 0, 0};

#define P(b, k, prm, cx, cy_, cz, sx, sy_, sz, s)                                                  \
	part(b, k, prm, v3m(cx, cy_, cz), v3m(sx, sy_, sz), O, s)
#define PR(b, k, prm, cx, cy_, cz, sx, sy_, sz, rx, ry, rz, s)                                     \
	part(b, k, prm, v3m(cx, cy_, cz), v3m(sx, sy_, sz), v3m(rx, ry, rz), s)

/*
 * Cabinet doors on a front face at z: a dark seam between each pair and a
 * knob beside it, for n doors across [-hw, hw] between y0 and y1.
 */
static void door_fronts(struct mb *b, int n, float hw, float y0, float y1, float z)
{
	struct surface seam = surf(MAT_MATTE, C_DARK), knob = surf(MAT_METAL, C_STEEL);
	float step = 2.0f * hw / (float)n, ym = 0.5f * (y0 + y1), hh = 0.5f * (y1 - y0);
	for (int i = 1; i < n; i++)
		P(b, PRIM_BOX, 0, -hw + step * (float)i, ym, z, 0.006f, hh, 0.004f, seam);
	for (int i = 0; i < n; i++) {
		float x = -hw + step * ((float)i + (i & 1 ? 0.12f : 0.88f));
		P(b, PRIM_SPHERE, 0, x, y1 - 0.12f, z + 0.015f, 0.018f, 0.018f, 0.018f, knob);
	}
}

/*
 * The kitchen, the living room and the street: appliances and furniture at
 * their real proportions, in the engine's compressed scale (a person card is
 * 1.36 tall, a fridge 1.4, a counter 1.0, a fire hydrant 0.95). The main
 * colour goes on the body people name ("a white fridge", "a red hydrant").
 */
static bool model_everyday(struct mb *b, enum object_kind kind, struct surface m)
{
	v3 mc = b->main;
	struct prng *r = &b->r;
	struct surface steel = surf(MAT_METAL, C_STEEL), dark = surf(MAT_GLOSSY, C_DARK);
	struct surface top = surf(MAT_STONE, v3m(0.55f, 0.54f, 0.50f));
	switch (kind) {
	case OBJ_FRIDGE:
		P(b, PRIM_BOX, 0, 0, 0.70f, 0, 0.30f, 0.70f, 0.30f, m);
		P(b, PRIM_BOX, 0, 0, 0.95f, 0.30f, 0.30f, 0.006f, 0.004f, surf(MAT_MATTE, C_DARK));
		P(b, PRIM_BOX, 0, 0.23f, 1.16f, 0.325f, 0.015f, 0.14f, 0.015f, steel);
		P(b, PRIM_BOX, 0, 0.23f, 0.66f, 0.325f, 0.015f, 0.2f, 0.015f, steel);
		P(b, PRIM_BOX, 0, 0, 0.015f, 0, 0.28f, 0.015f, 0.28f, surf(MAT_MATTE, C_DARK));
		return true;
	case OBJ_OVEN: {
		P(b, PRIM_BOX, 0, 0, 0.49f, 0, 0.36f, 0.49f, 0.34f, m);
		P(b, PRIM_BOX, 0, 0, 0.99f, 0, 0.36f, 0.012f, 0.34f, dark);
		for (int i = 0; i < 4; i++) {
			float x = (i & 1) ? 0.17f : -0.17f, z = (i & 2) ? 0.14f : -0.14f;
			float rad = (i & 2) ? 0.08f : 0.11f;
			P(b, PRIM_TORUS, 0.18f, x, 1.01f, z, rad, rad, rad, steel);
			P(b, PRIM_FRUSTUM, 1, x, 1.005f, z, rad * 0.7f, 0.006f, rad * 0.7f,
			  surf(MAT_MATTE, v3m(0.05f, 0.05f, 0.05f)));
		}
		P(b, PRIM_BOX, 0, 0, 1.07f, -0.31f, 0.36f, 0.07f, 0.03f, m);
		P(b, PRIM_BOX, 0, 0, 0.42f, 0.345f, 0.26f, 0.2f, 0.006f, dark);
		PR(b, PRIM_FRUSTUM, 1, 0, 0.72f, 0.38f, 0.015f, 0.27f, 0.015f, 0, 0, 90, steel);
		for (int i = 0; i < 4; i++)
			PR(b, PRIM_FRUSTUM, 1, -0.24f + 0.16f * (float)i, 0.88f, 0.35f, 0.025f,
			   0.015f, 0.025f, 90, 0, 0, surf(MAT_MATTE, C_DARK));
		return true;
	}
	case OBJ_MICROWAVE:
		P(b, PRIM_BOX, 0, 0, 0.26f, 0, 0.40f, 0.24f, 0.28f, m);
		P(b, PRIM_BOX, 0, -0.08f, 0.26f, 0.283f, 0.25f, 0.17f, 0.004f, dark);
		P(b, PRIM_BOX, 0, 0.3f, 0.26f, 0.283f, 0.075f, 0.19f, 0.004f,
		  surf(MAT_MATTE, C_GREY));
		P(b, PRIM_BOX, 0, 0.3f, 0.38f, 0.29f, 0.05f, 0.025f, 0.004f,
		  surf(MAT_GLOW, v3m(0.2f, 0.9f, 0.4f)));
		P(b, PRIM_BOX, 0, 0, 0.01f, 0, 0.38f, 0.01f, 0.26f, surf(MAT_MATTE, C_DARK));
		return true;
	case OBJ_SINK:
		P(b, PRIM_BOX, 0, 0, 0.44f, 0, 0.5f, 0.42f, 0.3f, m);
		P(b, PRIM_BOX, 0, 0, 0.035f, -0.02f, 0.48f, 0.035f, 0.28f, surf(MAT_MATTE, C_DARK));
		door_fronts(b, 2, 0.46f, 0.1f, 0.82f, 0.3f);
		P(b, PRIM_BOX, 0, 0, 0.895f, 0.02f, 0.54f, 0.035f, 0.34f, top);
		P(b, PRIM_BOX, 0, 0, 0.932f, 0.05f, 0.3f, 0.004f, 0.2f, steel);
		P(b, PRIM_BOX, 0, 0, 0.936f, 0.05f, 0.26f, 0.003f, 0.16f,
		  surf(MAT_METAL, v3m(0.3f, 0.31f, 0.33f)));
		P(b, PRIM_FRUSTUM, 1, 0, 1.03f, -0.22f, 0.025f, 0.1f, 0.025f, steel);
		PR(b, PRIM_FRUSTUM, 1, 0, 1.12f, -0.15f, 0.02f, 0.08f, 0.02f, 90, 0, 0, steel);
		return true;
	case OBJ_COUNTER:
		P(b, PRIM_BOX, 0, 0, 0.44f, 0, 1.0f, 0.42f, 0.3f, m);
		P(b, PRIM_BOX, 0, 0, 0.035f, -0.02f, 0.98f, 0.035f, 0.28f, surf(MAT_MATTE, C_DARK));
		door_fronts(b, 4, 0.96f, 0.1f, 0.66f, 0.3f);
		P(b, PRIM_BOX, 0, 0, 0.72f, 0.3f, 0.96f, 0.006f, 0.004f, surf(MAT_MATTE, C_DARK));
		P(b, PRIM_BOX, 0, 0, 0.895f, 0.02f, 1.04f, 0.035f, 0.34f, top);
		return true;
	case OBJ_HYDRANT: {
		P(b, PRIM_FRUSTUM, 0.85f, 0, 0.04f, 0, 0.21f, 0.04f, 0.21f, m);
		P(b, PRIM_FRUSTUM, 0.92f, 0, 0.38f, 0, 0.16f, 0.31f, 0.16f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.7f, 0, 0.19f, 0.035f, 0.19f, m);
		P(b, PRIM_SPHERE, 0, 0, 0.72f, 0, 0.155f, 0.14f, 0.155f, m);
		P(b, PRIM_FRUSTUM, 0.6f, 0, 0.89f, 0, 0.04f, 0.04f, 0.04f, m);
		for (int i = -1; i <= 1; i += 2)
			PR(b, PRIM_FRUSTUM, 1, 0.2f * (float)i, 0.52f, 0, 0.06f, 0.07f, 0.06f, 0, 0,
			   90, m);
		PR(b, PRIM_FRUSTUM, 1, 0, 0.48f, 0.2f, 0.08f, 0.06f, 0.08f, 90, 0, 0, m);
		struct surface cap = surf(MAT_METAL, contrast(mc, C_YELLOW, C_STEEL));
		for (int i = -1; i <= 1; i += 2)
			PR(b, PRIM_FRUSTUM, 1, 0.275f * (float)i, 0.52f, 0, 0.045f, 0.012f, 0.045f,
			   0, 0, 90, cap);
		PR(b, PRIM_FRUSTUM, 1, 0, 0.48f, 0.265f, 0.06f, 0.012f, 0.06f, 90, 0, 0, cap);
		return true;
	}
	case OBJ_BOOKSHELF: {
		for (int i = -1; i <= 1; i += 2)
			P(b, PRIM_BOX, 0, 0.475f * (float)i, 0.7f, 0, 0.025f, 0.7f, 0.17f, m);
		P(b, PRIM_BOX, 0, 0, 1.375f, 0, 0.5f, 0.025f, 0.17f, m);
		P(b, PRIM_BOX, 0, 0, 0.04f, 0, 0.45f, 0.04f, 0.17f, m);
		P(b, PRIM_BOX, 0, 0, 0.7f, -0.16f, 0.45f, 0.7f, 0.01f, m);
		static const v3 covers[] = {{0.45f, 0.05f, 0.04f}, {0.05f, 0.15f, 0.35f},
					    {0.08f, 0.28f, 0.10f}, {0.70f, 0.55f, 0.25f},
					    {0.60f, 0.58f, 0.52f}, {0.25f, 0.06f, 0.22f}};
		for (int row = 0; row < 4; row++) {
			float y0 = 0.08f + 0.335f * (float)row;
			if (row > 0)
				P(b, PRIM_BOX, 0, 0, y0 - 0.015f, 0, 0.45f, 0.015f, 0.16f, m);
			float x = -0.43f;
			for (int k = 0; k < 6 && x < 0.3f; k++) {
				float bw = prng_range(r, 0.025f, 0.05f),
				      bh = prng_range(r, 0.1f, 0.13f);
				v3 c = covers[prng_next(r) % 6];
				P(b, PRIM_BOX, 0, x + bw, y0 + bh, 0.01f, bw, bh, 0.13f,
				  surf(MAT_MATTE, c));
				x += 2.0f * bw + 0.006f;
			}
		}
		return true;
	}
	case OBJ_CABINET:
		P(b, PRIM_BOX, 0, 0, 0.53f, 0, 0.5f, 0.46f, 0.25f, m);
		P(b, PRIM_BOX, 0, 0, 0.03f, -0.02f, 0.47f, 0.03f, 0.22f, surf(MAT_MATTE, C_DARK));
		P(b, PRIM_BOX, 0, 0, 1.0f, 0, 0.53f, 0.02f, 0.27f, m);
		door_fronts(b, 2, 0.48f, 0.1f, 0.74f, 0.25f);
		P(b, PRIM_BOX, 0, 0, 0.78f, 0.25f, 0.48f, 0.006f, 0.004f, surf(MAT_MATTE, C_DARK));
		P(b, PRIM_SPHERE, 0, 0, 0.88f, 0.265f, 0.018f, 0.018f, 0.018f, steel);
		return true;
	case OBJ_RUG:
		P(b, PRIM_BOX, 0, 0, 0.01f, 0, 1.06f, 0.01f, 0.71f,
		  surf(MAT_FABRIC, contrast(mc, C_CREAM, C_RED)));
		P(b, PRIM_BOX, 0, 0, 0.012f, 0, 0.98f, 0.012f, 0.63f, m);
		return true;
	case OBJ_PILLOW:
		P(b, PRIM_SPHERE, 0, 0, 0.15f, 0, 0.36f, 0.15f, 0.27f, m);
		P(b, PRIM_SPHERE, 0, 0, 0.15f, 0, 0.33f, 0.17f, 0.22f, m);
		return true;
	case OBJ_SURFBOARD:
		/* Lying flat: a long thin lens of a board, a stripe down it, a fin under the tail. */
		P(b, PRIM_SPHERE, 0, 0, 0.07f, 0, 1.0f, 0.04f, 0.27f, m);
		P(b, PRIM_BOX, 0, 0, 0.1f, 0, 0.8f, 0.012f, 0.035f,
		  surf(MAT_GLOSSY, contrast(mc, C_RED, C_DARK)));
		P(b, PRIM_BOX, 0, -0.82f, 0.035f, 0, 0.06f, 0.035f, 0.008f, surf(MAT_PLASTIC, C_DARK));
		return true;
	case OBJ_PARKING_METER: {
		/* A post, the meter's head with its dial window and coin knob, a domed top. */
		struct surface post = surf(MAT_METAL, C_GREY);
		P(b, PRIM_FRUSTUM, 1, 0, 0.5f, 0, 0.03f, 0.5f, 0.03f, post);
		P(b, PRIM_BOX, 0, 0, 1.13f, 0, 0.1f, 0.13f, 0.08f, m);
		P(b, PRIM_SPHERE, 0, 0, 1.26f, 0, 0.1f, 0.06f, 0.08f, m);
		P(b, PRIM_BOX, 0, 0, 1.18f, 0.081f, 0.065f, 0.045f, 0.004f, surf(MAT_GLOSSY, C_GLASSBLUE));
		P(b, PRIM_SPHERE, 0, 0.05f, 1.06f, 0.085f, 0.022f, 0.022f, 0.022f, steel);
		return true;
	}
	case OBJ_TOASTER: {
		/* A box with two bread slots on top and a lever at the side. */
		struct surface slot = surf(MAT_MATTE, C_DARK);
		P(b, PRIM_BOX, 0, 0, 0.15f, 0, 0.22f, 0.15f, 0.13f, m);
		for (int i = -1; i <= 1; i += 2)
			P(b, PRIM_BOX, 0, 0.07f * (float)i, 0.3f, 0, 0.035f, 0.004f, 0.1f, slot);
		P(b, PRIM_BOX, 0, 0.23f, 0.2f, 0, 0.012f, 0.02f, 0.03f, slot);
		P(b, PRIM_BOX, 0, 0, 0.01f, 0, 0.21f, 0.01f, 0.12f, slot);
		return true;
	}
	case OBJ_RAMP:
		/* A skate ramp: a board sloping up to a post at its high end. */
		PR(b, PRIM_BOX, 0, 0, 0.17f, 0, 0.56f, 0.02f, 0.4f, 0, 0, 18, m);
		P(b, PRIM_BOX, 0, 0.52f, 0.18f, 0, 0.03f, 0.18f, 0.4f, m);
		return true;
	case OBJ_HAIR_DRYER: {
		/* A barrel lying sideways, its nozzle, a grille at the back and a handle below. */
		PR(b, PRIM_FRUSTUM, 1, 0, 0.24f, 0, 0.07f, 0.14f, 0.07f, 0, 0, 90, m);
		PR(b, PRIM_FRUSTUM, 0.7f, 0.17f, 0.24f, 0, 0.05f, 0.04f, 0.05f, 0, 0, 90, m);
		PR(b, PRIM_FRUSTUM, 1, -0.145f, 0.24f, 0, 0.06f, 0.006f, 0.06f, 0, 0, 90,
		   surf(MAT_MATTE, C_DARK));
		P(b, PRIM_BOX, 0, -0.05f, 0.1f, 0, 0.035f, 0.11f, 0.03f, m);
		return true;
	}
	case OBJ_DISHWASHER:
		/* A box the height of a counter: a control strip along the top of its door, a
		 * bar handle under it, a kick plate at the floor. */
		P(b, PRIM_BOX, 0, 0, 0.43f, 0, 0.3f, 0.43f, 0.3f, m);
		P(b, PRIM_BOX, 0, 0, 0.8f, 0.303f, 0.29f, 0.04f, 0.006f, dark);
		P(b, PRIM_BOX, 0, 0.2f, 0.8f, 0.31f, 0.02f, 0.008f, 0.004f,
		  surf(MAT_GLOW, v3m(0.2f, 0.6f, 1.0f)));
		PR(b, PRIM_FRUSTUM, 1, 0, 0.7f, 0.33f, 0.012f, 0.22f, 0.012f, 0, 0, 90, steel);
		P(b, PRIM_BOX, 0, 0, 0.04f, 0.29f, 0.3f, 0.04f, 0.012f, surf(MAT_MATTE, C_DARK));
		return true;
	case OBJ_BRANCH: {
		/* A bough: the stub of a trunk bending into a limb that reaches sideways, a twig
		 * off it, leaves at the ends; things said to be on it rest on the limb. */
		struct surface leaf = surf(MAT_MATTE, v3m(0.16f, 0.42f, 0.12f));
		P(b, PRIM_FRUSTUM, 1, -0.55f, 0.45f, 0, 0.09f, 0.45f, 0.09f, m);
		PR(b, PRIM_FRUSTUM, 1, -0.05f, 0.93f, 0, 0.05f, 0.55f, 0.065f, 0, 0, -84, m);
		PR(b, PRIM_FRUSTUM, 1, 0.1f, 1.08f, 0, 0.025f, 0.2f, 0.025f, 0, 0, -35, m);
		PR(b, PRIM_SPHERE, 0, 0.55f, 1.0f, 0.02f, 0.16f, 0.08f, 0.12f, 0, 0, 12, leaf);
		PR(b, PRIM_SPHERE, 0, 0.24f, 1.26f, 0, 0.12f, 0.06f, 0.1f, 0, 0, 30, leaf);
		PR(b, PRIM_SPHERE, 0, 0.4f, 0.92f, 0.06f, 0.1f, 0.05f, 0.08f, 0, 0, -20, leaf);
		return true;
	}
	case OBJ_FIREPLACE: {
		/* A brick surround against the wall, a mantel shelf on top, the dark firebox with
		 * logs and flames in it. */
		struct surface brick = m;
		brick.pattern = PAT_BRICK;
		brick.albedo2 = v3scale(m.albedo, 0.7f);
		struct surface soot = surf(MAT_MATTE, v3m(0.03f, 0.03f, 0.03f));
		struct surface flame = surf(MAT_GLOW, v3m(1.0f, 0.5f, 0.1f));
		struct surface logw = surf(MAT_WOOD, v3m(0.3f, 0.16f, 0.07f));
		P(b, PRIM_BOX, 0, -0.45f, 0.5f, 0, 0.25f, 0.5f, 0.25f, brick);
		P(b, PRIM_BOX, 0, 0.45f, 0.5f, 0, 0.25f, 0.5f, 0.25f, brick);
		P(b, PRIM_BOX, 0, 0, 0.85f, 0, 0.2f, 0.15f, 0.25f, brick);
		P(b, PRIM_BOX, 0, 0, 0.35f, -0.1f, 0.2f, 0.35f, 0.15f, soot);
		P(b, PRIM_BOX, 0, 0, 1.04f, 0.04f, 0.78f, 0.04f, 0.32f, surf(MAT_WOOD, C_BROWN));
		PR(b, PRIM_FRUSTUM, 1, 0, 0.06f, 0.05f, 0.05f, 0.17f, 0.05f, 0, 20, 90, logw);
		PR(b, PRIM_FRUSTUM, 1, 0, 0.1f, 0.0f, 0.045f, 0.15f, 0.045f, 0, -25, 90, logw);
		P(b, PRIM_FRUSTUM, 0, -0.05f, 0.25f, 0.05f, 0.08f, 0.14f, 0.06f, flame);
		P(b, PRIM_FRUSTUM, 0, 0.07f, 0.22f, 0.04f, 0.06f, 0.11f, 0.05f, flame);
		return true;
	}
	case OBJ_WATERFALL: {
		/* Water falling in a white sheet down the face of a rock cliff into a pool, foam
		 * where it lands, boulders at the pool's edge. */
		struct surface water = surf(MAT_GLOSSY, v3m(0.82f, 0.9f, 0.97f));
		water.pattern = PAT_BANDS; /* turned on its side below: streaks running down */
		water.albedo2 = v3m(0.45f, 0.62f, 0.75f);
		struct surface pool = surf(MAT_GLOSSY, v3m(0.1f, 0.35f, 0.5f));
		struct surface foam = surf(MAT_MATTE, v3m(0.95f, 0.97f, 1.0f));
		P(b, PRIM_BOX, 0, 0, 1.2f, -0.45f, 1.3f, 1.2f, 0.45f, m);
		PR(b, PRIM_SPHERE, 0, -1.0f, 1.6f, -0.3f, 0.7f, 1.0f, 0.6f, 0, 10, 0, m);
		PR(b, PRIM_SPHERE, 0, 1.05f, 1.4f, -0.3f, 0.6f, 0.9f, 0.55f, 0, -10, 0, m);
		PR(b, PRIM_BOX, 0, 0, 1.2f, 0.02f, 1.18f, 0.38f, 0.03f, 0, 0, 90, water);
		P(b, PRIM_FRUSTUM, 1, 0, 0.03f, 0.65f, 0.95f, 0.03f, 0.6f, pool);
		PR(b, PRIM_SPHERE, 0, 0, 0.1f, 0.18f, 0.45f, 0.16f, 0.2f, 0, 0, 0, foam);
		PR(b, PRIM_SPHERE, 0, -0.85f, 0.15f, 0.95f, 0.28f, 0.2f, 0.22f, 0, 30, 0, m);
		PR(b, PRIM_SPHERE, 0, 0.9f, 0.12f, 0.9f, 0.22f, 0.16f, 0.2f, 0, -20, 0, m);
		return true;
	}
	case OBJ_WASHING_MACHINE:
		/* A front loader: a round glass door in a steel ring, a panel with a dial on top. */
		P(b, PRIM_BOX, 0, 0, 0.43f, 0, 0.3f, 0.43f, 0.3f, m);
		PR(b, PRIM_TORUS, 0.16f, 0, 0.4f, 0.3f, 0.19f, 0.19f, 0.19f, 90, 0, 0, steel);
		PR(b, PRIM_FRUSTUM, 1, 0, 0.4f, 0.3f, 0.16f, 0.012f, 0.16f, 90, 0, 0,
		   surf(MAT_GLASS, v3m(0.35f, 0.45f, 0.55f)));
		P(b, PRIM_BOX, 0, 0, 0.79f, 0.303f, 0.29f, 0.05f, 0.006f, surf(MAT_MATTE, C_GREY));
		PR(b, PRIM_FRUSTUM, 1, 0.17f, 0.79f, 0.315f, 0.035f, 0.012f, 0.035f, 90, 0, 0, steel);
		return true;
	default: return false;
	}
}

/* ---- landmarks ---- */

/*
 * Landmarks are authored in metres at their real proportions, then scaled
 * to the engine's compressed size for their real height (a person of 1.7 m
 * is 1.36 tall, the Eiffel Tower's 330 m are 11.2): as seen from a distance,
 * with a person next to one still a visible figure.
 */
static float landmark_metre(float height_m)
{
	return 1.1f * powf(height_m, 0.4f) / height_m;
}

/*
 * A beam of kind from p0 to p1 in the model's space (a leg, a cable, a
 * lintel): its local y runs along the segment, rx and rz are its half
 * thickness across.
 */
static void strut(struct mb *b, int kind, float param, v3 p0, v3 p1, float rx, float rz,
		  struct surface s)
{
	v3 d = v3sub(p1, p0);
	float len = v3len(d);
	if (len < 1e-6f)
		return;
	float hl = sqrtf(d.x * d.x + d.z * d.z);
	float tilt = acosf(clampf(d.y / len, -1.0f, 1.0f)) / DEG;
	float turn = hl > 1e-6f * len ? atan2f(d.z, -d.x) / DEG : 0.0f;
	v3 c = v3scale(v3add(p0, p1), 0.5f);
	part(b, kind, param, c, v3m(rx, 0.5f * len, rz), v3m(0, turn, tilt), s);
}

/* A horizontal box of half height hy and half depth hz from p0 to p1 (a wall, a lintel). */
static void wall(struct mb *b, v3 p0, v3 p1, float hy, float hz, struct surface s)
{
	v3 d = v3sub(p1, p0);
	float len = sqrtf(d.x * d.x + d.z * d.z);
	v3 c = v3scale(v3add(p0, p1), 0.5f);
	part(b, PRIM_BOX, 0, c, v3m(0.5f * len, hy, hz), v3m(0, atan2f(-d.z, d.x) / DEG, 0), s);
}

static struct surface arcade(struct surface s, float cells, float dark)
{
	s.pattern = PAT_ARCADE;
	s.cells = cells;
	s.albedo2 = v3scale(s.albedo, dark);
	return s;
}

/*
 * The Eiffel Tower: four splayed lattice legs joined by arches under the
 * first platform, meeting at the second in one tapering shaft to the tip
 * (125 m square at the base, platforms at 57 and 116 m, 330 m tall).
 */
static void model_eiffel(struct mb *b, struct surface m)
{
	/* Painted iron: the metal's sheen, dulled. */
	if (m.metal > 0)
		m.rough = fmaxf(m.rough, 0.5f);
	struct surface iron = with_pattern(m, PAT_LATTICE, v3scale(m.albedo, 0.45f));
	for (int i = 0; i < 4; i++) {
		float sx = (i & 1) ? 1.0f : -1.0f, sz = (i & 2) ? 1.0f : -1.0f;
		strut(b, PRIM_BOX, 0, v3m(57 * sx, 0, 57 * sz), v3m(33 * sx, 58, 33 * sz), 8, 8,
		      iron);
		strut(b, PRIM_BOX, 0, v3m(33 * sx, 57, 33 * sz), v3m(17 * sx, 117, 17 * sz), 5.5f,
		      5.5f, iron);
	}
	/* The arches between the legs, in each face's sloping plane. */
	for (int f = 0; f < 4; f++) {
		v3 prev = O;
		for (int k = 0; k <= 6; k++) {
			float t = 3.14159265f * (float)k / 6.0f;
			float x = 44.0f * cosf(t), y = 12.0f + 38.0f * sinf(t);
			float z = 57.0f - 24.0f * y / 57.0f;
			v3 p = f == 0	? v3m(x, y, z)
			       : f == 1 ? v3m(-x, y, -z)
			       : f == 2 ? v3m(z, y, -x)
					: v3m(-z, y, x);
			if (k > 0)
				strut(b, PRIM_BOX, 0, prev, p, 1.6f, 1.6f, m);
			prev = p;
		}
	}
	P(b, PRIM_BOX, 0, 0, 57, 0, 37, 4, 37, iron);
	P(b, PRIM_BOX, 0, 0, 116, 0, 22, 3, 22, iron);
	/* The shaft's concave taper: two pyramids, the upper one rising out of the lower. */
	P(b, PRIM_PYRAMID, 0, 0, 188, 0, 20, 72, 20, iron);
	P(b, PRIM_PYRAMID, 0, 0, 255, 0, 10.5f, 75, 10.5f, iron);
	P(b, PRIM_BOX, 0, 0, 279, 0, 6, 5, 6, m);
	P(b, PRIM_FRUSTUM, 0.3f, 0, 305, 0, 1.4f, 25, 1.4f, m);
}

/*
 * Big Ben (the Elizabeth Tower): a square limestone shaft with Gothic
 * panels, a wider clock stage with a face on each side, the belfry and its
 * dark iron spire (12 m square, 96 m tall).
 */
static void model_big_ben(struct mb *b, struct surface m)
{
	struct surface stone = with_pattern(m, PAT_STONE, v3scale(m.albedo, 0.75f));
	struct surface rib = surf(MAT_MATTE, v3scale(m.albedo, 0.55f));
	struct surface roof = surf(MAT_MATTE, v3m(0.05f, 0.06f, 0.08f));
	struct surface gilt = surf(MAT_GOLD, C_YELLOW);
	struct surface face = surf(MAT_GLOSSY, v3m(0.85f, 0.82f, 0.7f));
	struct surface hand = surf(MAT_MATTE, C_DARK);
	P(b, PRIM_BOX, 0, 0, 2, 0, 7, 2, 7, stone);
	P(b, PRIM_BOX, 0, 0, 29, 0, 6, 27, 6, stone);
	for (int s = 0; s < 4; s++) {
		float ry = 90.0f * (float)s;
		for (int k = -1; k <= 1; k++) {
			float x = 3.0f * (float)k;
			v3 c = s == 0	? v3m(x, 31, 6.05f)
			       : s == 1 ? v3m(6.05f, 31, -x)
			       : s == 2 ? v3m(-x, 31, -6.05f)
					: v3m(-6.05f, 31, x);
			part(b, PRIM_BOX, 0, c, v3m(0.3f, 22, 0.15f), v3m(0, ry, 0), rib);
		}
	}
	P(b, PRIM_BOX, 0, 0, 20, 0, 6.3f, 0.5f, 6.3f, stone);
	P(b, PRIM_BOX, 0, 0, 40, 0, 6.3f, 0.5f, 6.3f, stone);
	/* The clock stage: a face on each side, its gilt rim and two hands. */
	P(b, PRIM_BOX, 0, 0, 62, 0, 6.8f, 6.5f, 6.8f, stone);
	for (int s = 0; s < 4; s++) {
		float ry = 90.0f * (float)s, a = ry * DEG;
		v3 out = v3m(sinf(a), 0, cosf(a));
		v3 c = v3add(v3m(0, 62, 0), v3scale(out, 6.95f));
		part(b, PRIM_FRUSTUM, 1, c, v3m(3.6f, 0.15f, 3.6f), v3m(90, ry, 0), face);
		part(b, PRIM_TORUS, 0.1f, v3add(c, v3scale(out, 0.1f)), v3m(3.7f, 3.7f, 3.7f),
		     v3m(90, ry, 0), gilt);
		v3 hc = v3add(c, v3scale(out, 0.2f));
		part(b, PRIM_BOX, 0, v3add(hc, v3m(0, 1.2f, 0)), v3m(0.22f, 1.4f, 0.05f),
		     v3m(0, ry, 0), hand);
		part(b, PRIM_BOX, 0, v3add(hc, v3m(0.7f * cosf(a), -0.5f, -0.7f * sinf(a))),
		     v3m(0.22f, 1.0f, 0.05f), v3m(0, ry, 55), hand);
	}
	P(b, PRIM_BOX, 0, 0, 73.5f, 0, 6, 5, 6, arcade(stone, 3, 0.25f));
	for (int i = 0; i < 4; i++) {
		float x = (i & 1) ? 6.2f : -6.2f, z = (i & 2) ? 6.2f : -6.2f;
		P(b, PRIM_FRUSTUM, 0, x, 71, z, 1.0f, 4, 1.0f, gilt);
	}
	P(b, PRIM_PYRAMID, 0, 0, 85.5f, 0, 6.2f, 7, 6.2f, roof);
	P(b, PRIM_BOX, 0, 0, 90, 0, 1.5f, 2, 1.5f, gilt);
	P(b, PRIM_FRUSTUM, 0, 0, 94, 0, 0.6f, 3, 0.6f, gilt);
}

/*
 * The Golden Gate Bridge: two 227 m towers of two legs and four portals,
 * the deck 67 m above the water, the main cables sagging across the
 * 1280 m span and down to the anchorages. Seen from a headland, the span
 * recedes at a steep angle whatever the shot's turn.
 */
static void model_golden_gate(struct mb *b, struct surface m)
{
	float cy = b->cy, sy = b->sy;
	float turn = (sy >= 0 ? 58.0f : -58.0f) * DEG;
	b->cy = cosf(turn);
	b->sy = sinf(turn);
	struct surface concrete = surf(MAT_STONE, v3m(0.42f, 0.41f, 0.38f));
	struct surface road = surf(MAT_MATTE, v3m(0.06f, 0.06f, 0.06f));
	P(b, PRIM_BOX, 0, 0, 63, 0, 840, 4, 14, m);
	P(b, PRIM_BOX, 0, 0, 67.3f, 0, 840, 0.4f, 12, road);
	for (int t = -1; t <= 1; t += 2) {
		float x = 640.0f * (float)t;
		P(b, PRIM_BOX, 0, x, 5, 0, 16, 5, 26, concrete);
		for (int s = -1; s <= 1; s += 2)
			P(b, PRIM_BOX, 0, x, 118, 15.0f * (float)s, 5.5f, 113, 4.5f, m);
		static const float portal[] = {96, 140, 180, 216};
		for (int k = 0; k < 4; k++)
			P(b, PRIM_BOX, 0, x, portal[k], 0, 4, k == 3 ? 6.0f : 4.0f, 15, m);
		P(b, PRIM_BOX, 0, 830.0f * (float)t, 16, 0, 22, 16, 24, concrete);
	}
	/* Main cables: anchorage, tower top, the span's parabola, tower top, anchorage. */
	v3 pts[15];
	int n = 0;
	pts[n++] = v3m(-840, 30, 0);
	pts[n++] = v3m(-740, 122, 0);
	for (int k = 0; k <= 10; k++) {
		float x = -640.0f + 128.0f * (float)k;
		pts[n++] = v3m(x, 74.0f + 155.0f * (x / 640.0f) * (x / 640.0f), 0);
	}
	pts[n++] = v3m(740, 122, 0);
	pts[n++] = v3m(840, 30, 0);
	for (int s = -1; s <= 1; s += 2)
		for (int k = 1; k < n; k++) {
			v3 z = v3m(0, 0, 15.0f * (float)s);
			strut(b, PRIM_FRUSTUM, 1, v3add(pts[k - 1], z), v3add(pts[k], z), 2.4f,
			      2.4f, m);
		}
	b->cy = cy;
	b->sy = sy;
}

/*
 * The Taj Mahal: white marble on a 95 m plinth, the mausoleum's arched
 * portals, an onion dome on its drum, four domed kiosks, four minarets at
 * the plinth's corners and the reflecting pool in front (73 m tall).
 */
static void model_taj_mahal(struct mb *b, struct surface m)
{
	struct surface dark = surf(MAT_MATTE, v3scale(m.albedo, 0.28f));
	struct surface gilt = surf(MAT_GOLD, C_YELLOW);
	struct surface water = surf(MAT_GLOSSY, v3m(0.03f, 0.08f, 0.1f));
	water.rough = 0.02f;
	P(b, PRIM_BOX, 0, 0, 3.5f, 0, 48, 3.5f, 48, m);
	P(b, PRIM_BOX, 0, 0, 14.75f, 0, 28, 7.75f, 28, arcade(m, 5, 0.35f));
	P(b, PRIM_BOX, 0, 0, 30.25f, 0, 28, 7.75f, 28, arcade(m, 5, 0.35f));
	for (int s = 0; s < 4; s++) {
		float ry = 90.0f * (float)s, a = ry * DEG;
		v3 out = v3m(sinf(a), 0, cosf(a));
		part(b, PRIM_BOX, 0, v3add(v3m(0, 24, 0), v3scale(out, 28.4f)), v3m(11, 17, 0.6f),
		     v3m(0, ry, 0), m);
		part(b, PRIM_BOX, 0, v3add(v3m(0, 19, 0), v3scale(out, 29.0f)), v3m(7, 11, 0.2f),
		     v3m(0, ry, 0), dark);
		part(b, PRIM_PRISM, 0, v3add(v3m(0, 33, 0), v3scale(out, 29.0f)), v3m(7, 3, 0.2f),
		     v3m(0, ry, 0), dark);
	}
	P(b, PRIM_FRUSTUM, 1, 0, 42, 0, 14, 4, 14, m);
	P(b, PRIM_SPHERE, 0, 0, 54, 0, 16.5f, 13, 16.5f, m);
	P(b, PRIM_FRUSTUM, 0, 0, 65.5f, 0, 8, 5.5f, 8, m);
	P(b, PRIM_FRUSTUM, 1, 0, 71, 0, 0.5f, 2.5f, 0.5f, gilt);
	P(b, PRIM_SPHERE, 0, 0, 70, 0, 0.9f, 0.9f, 0.9f, gilt);
	for (int i = 0; i < 4; i++) {
		float x = (i & 1) ? 1.0f : -1.0f, z = (i & 2) ? 1.0f : -1.0f;
		P(b, PRIM_FRUSTUM, 1, 19 * x, 41, 19 * z, 4, 3, 4, m);
		P(b, PRIM_SPHERE, 0, 19 * x, 45, 19 * z, 4.5f, 4, 4.5f, m);
		/* The minarets: three balconies and a kiosk on top. */
		P(b, PRIM_FRUSTUM, 0.8f, 44 * x, 27, 44 * z, 3.2f, 20, 3.2f, m);
		for (int k = 0; k < 3; k++)
			P(b, PRIM_TORUS, 0.18f, 44 * x, 19.0f + 12.5f * (float)k, 44 * z, 3.4f,
			  3.4f, 3.4f, m);
		P(b, PRIM_FRUSTUM, 1, 44 * x, 48.5f, 44 * z, 2.4f, 1.5f, 2.4f, m);
		P(b, PRIM_SPHERE, 0, 44 * x, 51, 44 * z, 2.7f, 2.4f, 2.7f, m);
	}
	P(b, PRIM_BOX, 0, 0, 0.2f, 100, 6, 0.2f, 46, water);
	for (int s = -1; s <= 1; s += 2)
		P(b, PRIM_BOX, 0, 7.0f * (float)s, 0.3f, 100, 1, 0.3f, 46, m);
}

/*
 * The Sydney Opera House: two rows of tiled shells rising one over another
 * on a granite podium, their points leaning towards the harbour, and the
 * restaurant's small pair (183 by 120 m, 65 m tall).
 */
static void model_opera_house(struct mb *b, struct surface m)
{
	struct surface granite = surf(MAT_STONE, v3m(0.42f, 0.3f, 0.22f));
	granite = with_pattern(granite, PAT_STONE, v3m(0.3f, 0.2f, 0.15f));
	struct surface glass = surf(MAT_GLOSSY, v3m(0.08f, 0.06f, 0.04f));
	P(b, PRIM_BOX, 0, 0, 5, 0, 92, 5, 60, granite);
	P(b, PRIM_BOX, 0, 60, 2.5f, 68, 30, 2.5f, 10, granite);
	static const float shells[][5] = {
	    /* x, z, height above the podium, half length, half width */
	    {-30, 24, 38, 20, 19},  {0, 24, 48, 25, 21},  {36, 24, 55, 27, 22},
	    {-26, -28, 32, 18, 16}, {2, -28, 42, 22, 18}, {36, -28, 48, 24, 19},
	    {-62, 46, 18, 10, 9},   {-48, 46, 14, 8, 8},
	};
	for (size_t i = 0; i < sizeof shells / sizeof shells[0]; i++) {
		const float *s = shells[i];
		v3 base = v3m(s[0], 6, s[1]), tip = v3m(s[0] - 0.62f * s[2], 10 + s[2], s[1]);
		strut(b, PRIM_FRUSTUM, 0, base, tip, s[3], s[4], m);
		/* The glass wall under each shell's mouth. */
		if (i == 0 || i == 3)
			strut(b, PRIM_FRUSTUM, 0, v3add(base, v3m(-s[3] * 0.55f, 0, 0)),
			      v3add(tip, v3m(-s[3] * 0.2f, -s[2] * 0.45f, 0)), s[3] * 0.5f,
			      s[4] * 0.85f, glass);
	}
}

/*
 * The Colosseum: an elliptical ring of travertine (189 by 156 m, 48 m
 * tall), three storeys of arcades and the attic, broken away on one side
 * down to one or two storeys, showing the inner ring and the tiers of
 * seating that slope down to the arena.
 */
static void model_colosseum(struct mb *b, struct surface m)
{
	enum { N = 24 };
	/* Storeys left standing on the broken side, segment by segment. */
	static const int broken[N] = {
	    [1] = 3, [2] = 2, [3] = 1, [4] = 2, [5] = 1, [6] = 1, [7] = 2, [8] = 3};
	struct surface worn = with_pattern(m, PAT_STONE, v3scale(m.albedo, 0.7f));
	struct surface seats = with_pattern(surf(MAT_STONE, v3scale(m.albedo, 0.75f)), PAT_STONE,
					    v3scale(m.albedo, 0.5f));
	static const float storey[5] = {0, 10.5f, 22, 33.5f, 48};
	P(b, PRIM_FRUSTUM, 1, 0, 0.3f, 0, 40, 0.3f, 26, surf(MAT_MATTE, v3m(0.45f, 0.36f, 0.24f)));
	for (int i = 0; i < N; i++) {
		float t0 = 2.0f * 3.14159265f * (float)i / N, t1 = t0 + 2.0f * 3.14159265f / N;
		v3 p0 = v3m(94.0f * cosf(t0), 0, 78.0f * sinf(t0));
		v3 p1 = v3m(94.0f * cosf(t1), 0, 78.0f * sinf(t1));
		int keep = broken[i] ? broken[i] - 1 : 4;
		for (int k = 0; k < keep; k++) {
			float y = 0.5f * (storey[k] + storey[k + 1]),
			      hy = 0.5f * (storey[k + 1] - storey[k]);
			struct surface s = k < 3 ? arcade(m, 3, 0.3f) : worn;
			wall(b, v3m(p0.x, y, p0.z), v3m(p1.x, y, p1.z), hy, 3, s);
		}
		/* The inner ring shows where the outer one fell. */
		v3 q0 = v3scale(p0, 0.84f), q1 = v3scale(p1, 0.84f);
		if (broken[i])
			wall(b, v3m(q0.x, 14, q0.z), v3m(q1.x, 14, q1.z), 14, 2.5f,
			     arcade(m, 3, 0.3f));
		/* The seating: a slab sloping down from the inner ring towards the arena. */
		v3 c = v3scale(v3add(p0, p1), 0.5f * 0.62f);
		v3 d = v3sub(p1, p0);
		float len = 0.62f * sqrtf(d.x * d.x + d.z * d.z);
		part(b, PRIM_BOX, 0, v3m(c.x, 15, c.z), v3m(0.5f * len + 1.0f, 1.5f, 22),
		     v3m(32, atan2f(-d.z, d.x) / DEG, 0), seats);
	}
}

/*
 * The Leaning Tower of Pisa: a white marble cylinder of a blind arcade,
 * six open galleries and the narrower belfry, leaning about four degrees
 * (15.5 m across, 56 m tall).
 */
static void model_leaning_tower(struct mb *b, struct surface m)
{
	const float lean = 4.0f;
	v3 axis = v3m(sinf(lean * DEG), cosf(lean * DEG), 0);
	v3 foot = v3m(0, 1.2f, 0);
	struct surface plinth = surf(MAT_STONE, v3m(0.55f, 0.54f, 0.5f));
	P(b, PRIM_FRUSTUM, 1, 0, 0.6f, 0, 9.5f, 0.6f, 9.5f, plinth);
	/* Storeys along the leaning axis: from, to, radius, arches around. */
	static const float storeys[][4] = {
	    {0, 10.5f, 7.75f, 15},     {10.5f, 17.4f, 7.75f, 30}, {17.4f, 24.3f, 7.75f, 30},
	    {24.3f, 31.2f, 7.75f, 30}, {31.2f, 38.1f, 7.75f, 30}, {38.1f, 45.0f, 7.75f, 30},
	    {45.0f, 51.9f, 7.75f, 30}, {51.9f, 56.0f, 6.2f, 12},
	};
	for (size_t i = 0; i < sizeof storeys / sizeof storeys[0]; i++) {
		const float *s = storeys[i];
		v3 c = v3add(foot, v3scale(axis, 0.5f * (s[0] + s[1])));
		part(b, PRIM_FRUSTUM, 1, c, v3m(s[2], 0.5f * (s[1] - s[0]), s[2]), v3m(0, 0, -lean),
		     arcade(m, s[3], i == 0 ? 0.75f : 0.4f));
		v3 k = v3add(foot, v3scale(axis, s[1]));
		part(b, PRIM_FRUSTUM, 1, k, v3m(s[2] + 0.45f, 0.4f, s[2] + 0.45f), v3m(0, 0, -lean),
		     m);
	}
	v3 top = v3add(foot, v3scale(axis, 56.6f));
	part(b, PRIM_FRUSTUM, 0.6f, top, v3m(5.2f, 0.6f, 5.2f), v3m(0, 0, -lean), m);
}

/*
 * Stonehenge: the sarsen circle (33 m across, uprights 4 m tall, a few of
 * their lintels left), the horseshoe of five taller trilithons opening
 * towards the viewer, and stones that fell.
 */
static void model_stonehenge(struct mb *b, struct surface m)
{
	struct prng *r = &b->r;
	/* The uprights still standing, and which of them still carry a lintel to the next. */
	static const char standing[31] = "111111111011001010010110000111";
	static const char lintel[31] = "111101100000000000000000000110";
	for (int i = 0; i < 30; i++) {
		float a = 2.0f * 3.14159265f * (float)i / 30.0f;
		if (standing[i] != '1')
			continue;
		float shade = prng_range(r, 0.85f, 1.15f);
		struct surface s = m;
		s.albedo = v3scale(m.albedo, shade);
		s.albedo2 = v3scale(m.albedo2, shade);
		part(b, PRIM_BOX, 0, v3m(15.5f * cosf(a), 2.05f, 15.5f * sinf(a)),
		     v3m(1.05f, 2.05f, 0.55f),
		     v3m(prng_range(r, -3, 3), -a / DEG + 90.0f, prng_range(r, -3, 3)), s);
		if (lintel[i] == '1' && standing[(i + 1) % 30] == '1') {
			float a1 = 2.0f * 3.14159265f * (float)(i + 1) / 30.0f;
			wall(b, v3m(15.5f * cosf(a), 4.55f, 15.5f * sinf(a)),
			     v3m(15.5f * cosf(a1), 4.55f, 15.5f * sinf(a1)), 0.45f, 0.6f, m);
		}
	}
	/* The trilithons: angle (degrees), height, whether the lintel is still up. */
	static const float tri[5][3] = {
	    {205, 6.0f, 1}, {240, 6.5f, 1}, {270, 7.3f, 1}, {300, 6.5f, 0}, {335, 6.0f, 1}};
	for (int i = 0; i < 5; i++) {
		float a = tri[i][0] * DEG, h = tri[i][1];
		v3 c = v3m(8.5f * cosf(a), 0, 8.5f * sinf(a)), t = v3m(-sinf(a), 0, cosf(a));
		for (int s = -1; s <= 1; s += 2) {
			v3 p = v3add(c, v3scale(t, 1.25f * (float)s));
			part(b, PRIM_BOX, 0, v3m(p.x, 0.5f * h, p.z), v3m(1.1f, 0.5f * h, 0.6f),
			     v3m(0, -a / DEG + 90.0f, 0), m);
		}
		if (tri[i][2] > 0)
			wall(b, v3add(v3m(c.x, h + 0.5f, c.z), v3scale(t, -2.4f)),
			     v3add(v3m(c.x, h + 0.5f, c.z), v3scale(t, 2.4f)), 0.5f, 0.65f, m);
	}
	/* Fallen stones. */
	part(b, PRIM_BOX, 0, v3m(12.0f, 0.5f, 9.0f), v3m(2.0f, 0.5f, 1.0f), v3m(0, 30, 4), m);
	part(b, PRIM_BOX, 0, v3m(-6.0f, 0.45f, 11.5f), v3m(2.2f, 0.45f, 0.9f), v3m(0, -70, 0), m);
	part(b, PRIM_BOX, 0, v3m(1.0f, 0.4f, -2.0f), v3m(2.4f, 0.4f, 0.6f), v3m(0, 10, 0), m);
}

/*
 * The Great Wall: a stretch of it winding across the land, 8 m high and 6 m
 * across, merlons along both parapets and square watchtowers, twice as tall, at its
 * bends.
 */
static void model_great_wall(struct mb *b, struct surface m)
{
	static const float bends[][2] = {
	    {-46, 6}, {-24, -2}, {-4, 5}, {15, -4}, {31, 2}, {50, -7}};
	const int n = (int)(sizeof bends / sizeof bends[0]);
	struct surface stone = m;
	stone.pattern = PAT_BRICK;
	stone.albedo2 = v3scale(m.albedo, 0.8f);
	for (int i = 0; i + 1 < n; i++) {
		v3 p0 = v3m(bends[i][0], 4.0f, bends[i][1]);
		v3 p1 = v3m(bends[i + 1][0], 4.0f, bends[i + 1][1]);
		wall(b, p0, p1, 4.0f, 3.0f, stone);
		v3 d = v3sub(p1, p0);
		float len = sqrtf(d.x * d.x + d.z * d.z);
		v3 out = v3m(d.z / len, 0, -d.x / len); /* the side away from the viewer's left */
		int merlons = (int)(len / 5.0f);
		for (int j = 0; j < merlons; j++) {
			float t = ((float)j + 0.5f) / (float)merlons;
			for (int side = -1; side <= 1; side += 2) {
				v3 c = v3add(v3add(p0, v3scale(d, t)), v3scale(out, 2.6f * (float)side));
				c.y = 8.7f;
				part(b, PRIM_BOX, 0, c, v3m(1.0f, 0.7f, 0.4f),
				     v3m(0, atan2f(-d.z, d.x) / DEG, 0), m);
			}
		}
	}
	for (int i = 0; i < n; i++) {
		v3 c = v3m(bends[i][0], 8.0f, bends[i][1]);
		part(b, PRIM_BOX, 0, c, v3m(4.2f, 8.0f, 4.2f), v3m(0, 0, 0), stone);
		part(b, PRIM_BOX, 0, v3m(c.x, 16.4f, c.z), v3m(4.7f, 0.5f, 4.7f), v3m(0, 0, 0), m);
	}
}

/* The landmarks, each scaled from metres to its compressed height; false for other kinds. */
static bool model_landmark(struct mb *b, enum object_kind kind, struct surface m)
{
	float height;
	switch (kind) {
	case OBJ_EIFFEL_TOWER: height = 330; break;
	case OBJ_BIG_BEN: height = 96; break;
	case OBJ_GOLDEN_GATE: height = 227; break;
	case OBJ_TAJ_MAHAL: height = 73; break;
	case OBJ_SYDNEY_OPERA_HOUSE: height = 65; break;
	case OBJ_COLOSSEUM: height = 48; break;
	case OBJ_LEANING_TOWER: height = 57; break;
	case OBJ_STONEHENGE: height = 7.8f; break;
	case OBJ_GREAT_WALL: height = 17; break;
	default: return false;
	}
	float s = b->s;
	b->s = s * landmark_metre(height);
	switch (kind) {
	case OBJ_EIFFEL_TOWER: model_eiffel(b, m); break;
	case OBJ_BIG_BEN: model_big_ben(b, m); break;
	case OBJ_GOLDEN_GATE: model_golden_gate(b, m); break;
	case OBJ_TAJ_MAHAL: model_taj_mahal(b, m); break;
	case OBJ_SYDNEY_OPERA_HOUSE: model_opera_house(b, m); break;
	case OBJ_COLOSSEUM: model_colosseum(b, m); break;
	case OBJ_LEANING_TOWER: model_leaning_tower(b, m); break;
	case OBJ_GREAT_WALL: model_great_wall(b, m); break;
	default: model_stonehenge(b, m); break;
	}
	b->s = s;
	return true;
}

static void model(struct mb *b, enum object_kind kind)
{
	struct surface m = main_surf(b);
	v3 mc = b->main;
	struct prng *r = &b->r;
	switch (kind) {
	case OBJ_CUBE: P(b, PRIM_BOX, 0, 0, 0.5f, 0, 0.5f, 0.5f, 0.5f, m); break;
	case OBJ_SPHERE: P(b, PRIM_SPHERE, 0, 0, 0.55f, 0, 0.55f, 0.55f, 0.55f, m); break;
	case OBJ_CYLINDER: P(b, PRIM_FRUSTUM, 1, 0, 0.55f, 0, 0.45f, 0.55f, 0.45f, m); break;
	case OBJ_CONE: P(b, PRIM_FRUSTUM, 0, 0, 0.65f, 0, 0.55f, 0.65f, 0.55f, m); break;
	case OBJ_TORUS:
		PR(b, PRIM_TORUS, 0.38f, 0, 0.58f, 0, 0.42f, 0.42f, 0.42f, 75, 0, 0, m);
		break;
	case OBJ_PYRAMID: P(b, PRIM_PYRAMID, 0, 0, 0.5f, 0, 0.65f, 0.5f, 0.65f, m); break;
	case OBJ_TREE: {
		P(b, PRIM_FRUSTUM, 0.7f, 0, 0.45f, 0, 0.15f, 0.45f, 0.15f, surf(MAT_WOOD, C_BROWN));
		float h = prng_range(r, 0.9f, 1.1f);
		P(b, PRIM_FRUSTUM, 0, 0, 1.2f * h, 0, 0.8f, 0.55f * h, 0.8f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 1.68f * h, 0, 0.64f, 0.5f * h, 0.64f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 2.12f * h, 0, 0.46f, 0.45f * h, 0.46f, m);
		break;
	}
	case OBJ_HOUSE: {
		v3 roof = contrast(mc, C_ROOF, v3m(0.15f, 0.17f, 0.22f));
		P(b, PRIM_BOX, 0, 0, 0.65f, 0, 0.9f, 0.65f, 0.7f, m);
		P(b, PRIM_PRISM, 0, 0, 1.65f, 0, 1.05f, 0.36f, 0.82f, surf(MAT_MATTE, roof));
		P(b, PRIM_BOX, 0, 0.52f, 1.85f, -0.25f, 0.1f, 0.3f, 0.1f,
		  surf(MAT_STONE, C_TERRACOTTA));
		P(b, PRIM_BOX, 0, 0, 0.36f, 0.705f, 0.17f, 0.36f, 0.02f, surf(MAT_WOOD, C_BROWN));
		struct surface win = surf(MAT_GLOSSY, C_GLASSBLUE);
		P(b, PRIM_BOX, 0, -0.52f, 0.78f, 0.705f, 0.17f, 0.17f, 0.02f, win);
		P(b, PRIM_BOX, 0, 0.52f, 0.78f, 0.705f, 0.17f, 0.17f, 0.02f, win);
		break;
	}
	case OBJ_SNOWMAN: {
		P(b, PRIM_SPHERE, 0, 0, 0.46f, 0, 0.46f, 0.46f, 0.46f, m);
		P(b, PRIM_SPHERE, 0, 0, 1.12f, 0, 0.34f, 0.34f, 0.34f, m);
		P(b, PRIM_SPHERE, 0, 0, 1.62f, 0, 0.25f, 0.25f, 0.25f, m);
		struct surface black = surf(MAT_MATTE, C_DARK);
		P(b, PRIM_FRUSTUM, 1, 0, 1.84f, 0, 0.27f, 0.02f, 0.27f, black);
		P(b, PRIM_FRUSTUM, 1, 0, 2.0f, 0, 0.17f, 0.16f, 0.17f, black);
		PR(b, PRIM_FRUSTUM, 0, 0, 1.6f, 0.34f, 0.045f, 0.13f, 0.045f, 90, 0, 0,
		   surf(MAT_MATTE, C_ORANGE));
		P(b, PRIM_SPHERE, 0, -0.09f, 1.69f, 0.21f, 0.03f, 0.03f, 0.03f, black);
		P(b, PRIM_SPHERE, 0, 0.09f, 1.69f, 0.21f, 0.03f, 0.03f, 0.03f, black);
		P(b, PRIM_SPHERE, 0, 0, 1.18f, 0.33f, 0.035f, 0.035f, 0.035f, black);
		P(b, PRIM_SPHERE, 0, 0, 1.02f, 0.33f, 0.035f, 0.035f, 0.035f, black);
		P(b, PRIM_TORUS, 0.3f, 0, 1.41f, 0, 0.24f, 0.24f, 0.24f,
		  surf(MAT_FABRIC, contrast(mc, C_RED, v3m(0.05f, 0.2f, 0.6f))));
		struct surface stick = surf(MAT_WOOD, C_BROWN);
		PR(b, PRIM_FRUSTUM, 1, -0.55f, 1.3f, 0, 0.025f, 0.3f, 0.025f, 0, 0, 55, stick);
		PR(b, PRIM_FRUSTUM, 1, 0.55f, 1.3f, 0, 0.025f, 0.3f, 0.025f, 0, 0, -55, stick);
		break;
	}
	case OBJ_CUP:
		P(b, PRIM_FRUSTUM, 1.15f, 0, 0.3f, 0, 0.25f, 0.3f, 0.25f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.6f, 0, 0.255f, 0.012f, 0.255f,
		  surf(MAT_GLOSSY, v3m(0.08f, 0.03f, 0.01f)));
		PR(b, PRIM_TORUS, 0.28f, 0.28f, 0.32f, 0, 0.13f, 0.13f, 0.13f, 90, 0, 0, m);
		break;
	case OBJ_TABLE:
		P(b, PRIM_BOX, 0, 0, 0.94f, 0, 0.95f, 0.05f, 0.58f, m);
		for (int i = 0; i < 4; i++)
			P(b, PRIM_BOX, 0, (i & 1) ? 0.82f : -0.82f, 0.45f, (i & 2) ? 0.46f : -0.46f,
			  0.05f, 0.45f, 0.05f, m);
		break;
	case OBJ_CHAIR:
		P(b, PRIM_BOX, 0, 0, 0.5f, 0, 0.32f, 0.04f, 0.3f, m);
		for (int i = 0; i < 4; i++)
			P(b, PRIM_BOX, 0, (i & 1) ? 0.27f : -0.27f, 0.24f, (i & 2) ? 0.25f : -0.25f,
			  0.03f, 0.24f, 0.03f, m);
		P(b, PRIM_BOX, 0, 0, 0.98f, -0.27f, 0.32f, 0.42f, 0.035f, m);
		break;
	case OBJ_LAMP:
		P(b, PRIM_FRUSTUM, 0.6f, 0, 0.04f, 0, 0.26f, 0.04f, 0.26f, surf(MAT_METAL, C_GREY));
		P(b, PRIM_FRUSTUM, 1, 0, 0.62f, 0, 0.03f, 0.56f, 0.03f, surf(MAT_METAL, C_STEEL));
		P(b, PRIM_SPHERE, 0, 0, 1.12f, 0, 0.1f, 0.1f, 0.1f,
		  surf(MAT_GLOW, v3m(1, 0.75f, 0.4f)));
		P(b, PRIM_FRUSTUM, 0.55f, 0, 1.28f, 0, 0.38f, 0.26f, 0.38f, m);
		break;
	case OBJ_MUSHROOM: {
		P(b, PRIM_FRUSTUM, 0.8f, 0, 0.28f, 0, 0.15f, 0.28f, 0.15f,
		  surf(MAT_MATTE, C_CREAM));
		P(b, PRIM_SPHERE, 0, 0, 0.52f, 0, 0.46f, 0.3f, 0.46f, m);
		struct surface dot = surf(MAT_MATTE, contrast(mc, C_WHITE, C_RED));
		for (int i = 0; i < 7; i++) {
			float th = (i == 0 ? 0.0f : 0.75f) + 0.1f * (float)(i & 1);
			float ph = (float)i * 1.3f + 0.4f;
			v3 pos = v3m(0.46f * sinf(th) * cosf(ph), 0.52f + 0.3f * cosf(th),
				     0.46f * sinf(th) * sinf(ph));
			P(b, PRIM_SPHERE, 0, pos.x, pos.y, pos.z, 0.07f, 0.04f, 0.07f, dot);
		}
		break;
	}
	case OBJ_FLOWER: {
		struct surface stem = surf(MAT_MATTE, C_LEAF);
		P(b, PRIM_FRUSTUM, 1, 0, 0.42f, 0, 0.025f, 0.42f, 0.025f, stem);
		PR(b, PRIM_SPHERE, 0, -0.11f, 0.32f, 0, 0.13f, 0.03f, 0.06f, 0, 0, 30, stem);
		PR(b, PRIM_SPHERE, 0, 0.11f, 0.45f, 0, 0.13f, 0.03f, 0.06f, 0, 0, -30, stem);
		P(b, PRIM_SPHERE, 0, 0, 0.9f, 0.03f, 0.09f, 0.09f, 0.06f,
		  surf(MAT_MATTE, C_YELLOW));
		for (int i = 0; i < 6; i++) {
			float a = (float)i * 60.0f + 30.0f;
			PR(b, PRIM_SPHERE, 0, 0.19f * cosf(a * DEG), 0.9f + 0.19f * sinf(a * DEG),
			   0, 0.13f, 0.075f, 0.03f, 0, 0, a, m);
		}
		break;
	}
	case OBJ_CACTUS: {
		P(b, PRIM_FRUSTUM, 1.2f, 0, 0.15f, 0, 0.27f, 0.15f, 0.27f,
		  surf(MAT_CERAMIC, C_TERRACOTTA));
		P(b, PRIM_FRUSTUM, 1, 0, 0.9f, 0, 0.2f, 0.62f, 0.2f, m);
		P(b, PRIM_SPHERE, 0, 0, 1.52f, 0, 0.2f, 0.2f, 0.2f, m);
		PR(b, PRIM_FRUSTUM, 1, -0.3f, 0.85f, 0, 0.09f, 0.14f, 0.09f, 0, 0, 90, m);
		P(b, PRIM_FRUSTUM, 1, -0.42f, 1.05f, 0, 0.09f, 0.22f, 0.09f, m);
		P(b, PRIM_SPHERE, 0, -0.42f, 1.27f, 0, 0.09f, 0.09f, 0.09f, m);
		PR(b, PRIM_FRUSTUM, 1, 0.3f, 1.05f, 0, 0.09f, 0.14f, 0.09f, 0, 0, 90, m);
		P(b, PRIM_FRUSTUM, 1, 0.42f, 1.22f, 0, 0.09f, 0.18f, 0.09f, m);
		P(b, PRIM_SPHERE, 0, 0.42f, 1.4f, 0, 0.09f, 0.09f, 0.09f, m);
		break;
	}
	case OBJ_ROCKET: {
		v3 accent = contrast(mc, C_RED, v3m(0.05f, 0.15f, 0.6f));
		struct surface acc = surf(MAT_GLOSSY, accent);
		P(b, PRIM_FRUSTUM, 1, 0, 1.2f, 0, 0.3f, 0.8f, 0.3f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 2.3f, 0, 0.3f, 0.3f, 0.3f, acc);
		P(b, PRIM_FRUSTUM, 0.7f, 0, 0.3f, 0, 0.2f, 0.1f, 0.2f, surf(MAT_METAL, C_GREY));
		for (int i = 0; i < 3; i++) {
			float a = (float)i * 120.0f + 90.0f;
			PR(b, PRIM_PRISM, 0, 0.38f * cosf(a * DEG), 0.55f, 0.38f * sinf(a * DEG),
			   0.03f, 0.35f, 0.2f, 0, -a + 90.0f, 0, acc);
		}
		P(b, PRIM_SPHERE, 0, 0, 1.5f, 0.27f, 0.13f, 0.13f, 0.05f,
		  surf(MAT_GLOSSY, C_GLASSBLUE));
		break;
	}
	case OBJ_ROBOT: {
		struct surface grey = surf(MAT_METAL, C_GREY);
		struct surface eye = surf(MAT_GLOW, v3m(0.2f, 0.9f, 1.0f));
		P(b, PRIM_BOX, 0, -0.18f, 0.3f, 0, 0.1f, 0.3f, 0.1f, grey);
		P(b, PRIM_BOX, 0, 0.18f, 0.3f, 0, 0.1f, 0.3f, 0.1f, grey);
		P(b, PRIM_BOX, 0, 0, 0.97f, 0, 0.36f, 0.38f, 0.23f, m);
		P(b, PRIM_BOX, 0, 0, 1.57f, 0, 0.25f, 0.2f, 0.21f, m);
		P(b, PRIM_SPHERE, 0, -0.1f, 1.6f, 0.21f, 0.05f, 0.05f, 0.02f, eye);
		P(b, PRIM_SPHERE, 0, 0.1f, 1.6f, 0.21f, 0.05f, 0.05f, 0.02f, eye);
		P(b, PRIM_FRUSTUM, 1, 0, 1.85f, 0, 0.015f, 0.08f, 0.015f, grey);
		P(b, PRIM_SPHERE, 0, 0, 1.95f, 0, 0.045f, 0.045f, 0.045f, surf(MAT_GLOW, C_RED));
		P(b, PRIM_BOX, 0, -0.45f, 0.95f, 0, 0.07f, 0.3f, 0.07f, grey);
		P(b, PRIM_BOX, 0, 0.45f, 0.95f, 0, 0.07f, 0.3f, 0.07f, grey);
		P(b, PRIM_BOX, 0, 0, 1.02f, 0.235f, 0.18f, 0.12f, 0.01f, surf(MAT_GLOSSY, C_DARK));
		break;
	}
	case OBJ_CAR: {
		struct surface tyre = surf(MAT_RUBBER, C_DARK);
		struct surface hub = surf(MAT_METAL, C_STEEL);
		P(b, PRIM_BOX, 0, 0, 0.47f, 0, 1.1f, 0.22f, 0.5f, m);
		P(b, PRIM_BOX, 0, -0.1f, 0.86f, 0, 0.6f, 0.18f, 0.45f, m);
		P(b, PRIM_BOX, 0, -0.1f, 0.87f, 0, 0.62f, 0.12f, 0.46f,
		  surf(MAT_GLOSSY, v3m(0.05f, 0.08f, 0.12f)));
		for (int i = 0; i < 4; i++) {
			float x = (i & 1) ? 0.68f : -0.68f, z = (i & 2) ? 0.45f : -0.45f;
			PR(b, PRIM_FRUSTUM, 1, x, 0.25f, z, 0.25f, 0.09f, 0.25f, 90, 0, 0, tyre);
			PR(b, PRIM_FRUSTUM, 1, x, 0.25f, z * 1.02f, 0.12f, 0.093f, 0.12f, 90, 0, 0,
			   hub);
		}
		struct surface light = surf(MAT_GLOW, v3m(1, 0.9f, 0.6f));
		light.emit = 1.5f;
		P(b, PRIM_SPHERE, 0, 1.09f, 0.52f, 0.32f, 0.03f, 0.06f, 0.08f, light);
		P(b, PRIM_SPHERE, 0, 1.09f, 0.52f, -0.32f, 0.03f, 0.06f, 0.08f, light);
		break;
	}
	case OBJ_BOAT: {
		PR(b, PRIM_PRISM, 0, 0, 0.32f, 0, 0.48f, 0.3f, 1.2f, 0, 90, 180, m);
		P(b, PRIM_BOX, 0, 0, 0.64f, 0, 1.2f, 0.03f, 0.48f,
		  surf(MAT_WOOD, v3m(0.45f, 0.25f, 0.1f)));
		P(b, PRIM_BOX, 0, -0.35f, 0.85f, 0, 0.3f, 0.2f, 0.28f, surf(MAT_MATTE, C_WHITE));
		P(b, PRIM_FRUSTUM, 1, 0.3f, 1.45f, 0, 0.03f, 0.8f, 0.03f, surf(MAT_WOOD, C_BROWN));
		P(b, PRIM_PRISM, 0, 0.62f, 1.45f, 0, 0.28f, 0.65f, 0.01f,
		  surf(MAT_FABRIC, v3m(0.9f, 0.88f, 0.82f)));
		break;
	}
	case OBJ_LIGHTHOUSE: {
		v3 stripe = contrast(mc, C_RED, C_DARK);
		P(b, PRIM_FRUSTUM, 0.7f, 0, 1.4f, 0, 0.5f, 1.4f, 0.5f,
		  with_pattern(m, PAT_STRIPES, stripe));
		P(b, PRIM_FRUSTUM, 1, 0, 2.84f, 0, 0.45f, 0.05f, 0.45f, surf(MAT_METAL, C_DARK));
		struct surface lamp = surf(MAT_GLOW, v3m(1.0f, 0.85f, 0.4f));
		P(b, PRIM_FRUSTUM, 1, 0, 3.1f, 0, 0.25f, 0.22f, 0.25f, lamp);
		P(b, PRIM_FRUSTUM, 0, 0, 3.52f, 0, 0.33f, 0.2f, 0.33f, surf(MAT_GLOSSY, stripe));
		break;
	}
	case OBJ_CASTLE: {
		v3 rc = contrast(mc, C_ROOF, v3m(0.08f, 0.12f, 0.4f));
		struct surface roof = surf(MAT_MATTE, rc);
		P(b, PRIM_BOX, 0, 0, 1.0f, 0, 1.0f, 1.0f, 0.6f, m);
		for (int i = 0; i < 4; i++) {
			float x = (i & 1) ? 1.05f : -1.05f, z = (i & 2) ? 0.55f : -0.55f;
			P(b, PRIM_FRUSTUM, 1, x, 1.25f, z, 0.3f, 1.25f, 0.3f, m);
			P(b, PRIM_FRUSTUM, 0, x, 2.82f, z, 0.36f, 0.32f, 0.36f, roof);
		}
		for (int i = -3; i <= 3; i++)
			P(b, PRIM_BOX, 0, (float)i * 0.25f, 2.07f, 0.52f, 0.07f, 0.08f, 0.06f, m);
		P(b, PRIM_BOX, 0, 0, 0.42f, 0.605f, 0.26f, 0.42f, 0.01f, surf(MAT_WOOD, C_BROWN));
		break;
	}
	case OBJ_PLANET: {
		float tilt = prng_range(r, 12, 28);
		P(b, PRIM_SPHERE, 0, 0, 1.1f, 0, 1.1f, 1.1f, 1.1f,
		  with_pattern(m, PAT_BANDS, v3lerp(mc, C_WHITE, 0.5f)));
		PR(b, PRIM_TORUS, 0.14f, 0, 1.1f, 0, 1.75f, 0.08f, 1.75f, 15, 0, tilt,
		   surf(MAT_MATTE, v3m(0.7f, 0.6f, 0.45f)));
		break;
	}
	case OBJ_MOON:
		P(b, PRIM_SPHERE, 0, 0, 0.85f, 0, 0.85f, 0.85f, 0.85f,
		  with_pattern(m, PAT_CRATERS, v3scale(mc, 0.55f)));
		break;
	case OBJ_SUN: P(b, PRIM_SPHERE, 0, 0, 1.2f, 0, 1.2f, 1.2f, 1.2f, m); break;
	case OBJ_CLOUD: {
		static const float puffs[6][6] = {
		    {0, 0.5f, 0, 0.62f, 0.46f, 0.45f},
		    {-0.58f, 0.34f, 0.05f, 0.46f, 0.33f, 0.4f},
		    {0.58f, 0.37f, 0, 0.5f, 0.36f, 0.4f},
		    {0.2f, 0.78f, -0.05f, 0.42f, 0.36f, 0.36f},
		    {-0.95f, 0.24f, 0, 0.3f, 0.22f, 0.3f},
		    {0.98f, 0.25f, 0, 0.32f, 0.24f, 0.3f},
		};
		for (int i = 0; i < 6; i++)
			P(b, PRIM_SPHERE, 0, puffs[i][0], puffs[i][1], puffs[i][2], puffs[i][3],
			  puffs[i][4], puffs[i][5], m);
		break;
	}
	case OBJ_MOUNTAIN: {
		struct surface snow = surf(MAT_MATTE, v3m(0.9f, 0.92f, 0.95f));
		P(b, PRIM_FRUSTUM, 0, 1.25f, 1.0f, -0.5f, 1.3f, 1.0f, 1.1f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 1.6f, 0, 2.0f, 1.6f, 1.6f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 2.66f, 0, 0.70f, 0.56f, 0.57f, snow);
		break;
	}
	case OBJ_ROCK:
		PR(b, PRIM_SPHERE, 0, 0, 0.3f, 0, 0.5f, 0.32f, 0.4f, 0, 20, 5, m);
		PR(b, PRIM_SPHERE, 0, 0.32f, 0.2f, 0.15f, 0.28f, 0.2f, 0.25f, 0, -30, 0, m);
		break;
	case OBJ_CANDLE: {
		P(b, PRIM_FRUSTUM, 1, 0, 0.02f, 0, 0.22f, 0.02f, 0.22f, surf(MAT_GOLD, C_YELLOW));
		P(b, PRIM_FRUSTUM, 1, 0, 0.34f, 0, 0.12f, 0.3f, 0.12f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.67f, 0, 0.01f, 0.04f, 0.01f, surf(MAT_MATTE, C_DARK));
		struct surface flame = surf(MAT_GLOW, v3m(1.0f, 0.55f, 0.12f));
		flame.emit = 5.0f;
		P(b, PRIM_SPHERE, 0, 0, 0.77f, 0, 0.045f, 0.09f, 0.045f, flame);
		break;
	}
	case OBJ_BOTTLE:
		P(b, PRIM_FRUSTUM, 1, 0, 0.3f, 0, 0.17f, 0.3f, 0.17f, m);
		P(b, PRIM_FRUSTUM, 0.4f, 0, 0.68f, 0, 0.17f, 0.08f, 0.17f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.86f, 0, 0.065f, 0.11f, 0.065f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.98f, 0, 0.07f, 0.03f, 0.07f, surf(MAT_GOLD, C_YELLOW));
		P(b, PRIM_FRUSTUM, 1, 0, 0.32f, 0, 0.175f, 0.12f, 0.175f, surf(MAT_MATTE, C_CREAM));
		break;
	case OBJ_VASE:
		P(b, PRIM_FRUSTUM, 1, 0, 0.05f, 0, 0.16f, 0.05f, 0.16f, m);
		P(b, PRIM_SPHERE, 0, 0, 0.42f, 0, 0.32f, 0.38f, 0.32f, m);
		P(b, PRIM_FRUSTUM, 1.5f, 0, 0.86f, 0, 0.12f, 0.1f, 0.12f, m);
		break;
	case OBJ_APPLE:
		P(b, PRIM_SPHERE, 0, 0, 0.26f, 0, 0.28f, 0.26f, 0.28f, m);
		PR(b, PRIM_FRUSTUM, 1, 0.01f, 0.55f, 0, 0.012f, 0.06f, 0.012f, 0, 0, 10,
		   surf(MAT_WOOD, C_BROWN));
		PR(b, PRIM_SPHERE, 0, 0.09f, 0.57f, 0, 0.09f, 0.015f, 0.045f, 0, 0, -25,
		   surf(MAT_MATTE, C_LEAF));
		break;
	case OBJ_CAKE: {
		struct surface icing = surf(MAT_CERAMIC, v3m(0.9f, 0.88f, 0.85f));
		P(b, PRIM_FRUSTUM, 1, 0, 0.01f, 0, 0.72f, 0.01f, 0.72f, surf(MAT_CERAMIC, C_WHITE));
		P(b, PRIM_FRUSTUM, 1, 0, 0.22f, 0, 0.55f, 0.2f, 0.55f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.43f, 0, 0.565f, 0.02f, 0.565f, icing);
		P(b, PRIM_FRUSTUM, 1, 0, 0.62f, 0, 0.38f, 0.17f, 0.38f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.8f, 0, 0.39f, 0.02f, 0.39f, icing);
		struct surface flame = surf(MAT_GLOW, v3m(1.0f, 0.55f, 0.12f));
		for (int i = 0; i < 3; i++) {
			float a = (float)i * 2.094f + 0.5f;
			float x = 0.22f * cosf(a), z = 0.22f * sinf(a);
			P(b, PRIM_FRUSTUM, 1, x, 0.9f, z, 0.02f, 0.08f, 0.02f,
			  surf(MAT_MATTE, C_WHITE));
			P(b, PRIM_SPHERE, 0, x, 1.02f, z, 0.02f, 0.04f, 0.02f, flame);
		}
		P(b, PRIM_SPHERE, 0, 0, 0.87f, 0, 0.06f, 0.06f, 0.06f, surf(MAT_GLOSSY, C_RED));
		break;
	}
	case OBJ_HEART:
		P(b, PRIM_SPHERE, 0, -0.27f, 0.78f, 0, 0.34f, 0.33f, 0.22f, m);
		P(b, PRIM_SPHERE, 0, 0.27f, 0.78f, 0, 0.34f, 0.33f, 0.22f, m);
		PR(b, PRIM_FRUSTUM, 0, 0, 0.42f, 0, 0.56f, 0.42f, 0.21f, 0, 0, 180, m);
		break;
	case OBJ_UMBRELLA: {
		struct surface pole = surf(MAT_METAL, C_GREY);
		P(b, PRIM_FRUSTUM, 1, 0, 0.85f, 0, 0.025f, 0.85f, 0.025f, pole);
		P(b, PRIM_FRUSTUM, 0.02f, 0, 1.62f, 0, 0.95f, 0.25f, 0.95f,
		  with_pattern(m, PAT_SEGMENTS, v3m(0.85f, 0.85f, 0.82f)));
		P(b, PRIM_SPHERE, 0, 0, 1.9f, 0, 0.04f, 0.04f, 0.04f, pole);
		break;
	}
	case OBJ_TEAPOT:
		P(b, PRIM_SPHERE, 0, 0, 0.35f, 0, 0.42f, 0.34f, 0.42f, m);
		P(b, PRIM_FRUSTUM, 0.5f, 0, 0.7f, 0, 0.22f, 0.06f, 0.22f, m);
		P(b, PRIM_SPHERE, 0, 0, 0.8f, 0, 0.05f, 0.05f, 0.05f, m);
		PR(b, PRIM_FRUSTUM, 0.45f, 0.5f, 0.48f, 0, 0.08f, 0.2f, 0.08f, 0, 0, -50, m);
		PR(b, PRIM_TORUS, 0.22f, -0.44f, 0.42f, 0, 0.17f, 0.17f, 0.17f, 90, 0, 0, m);
		break;
	case OBJ_BENCH: {
		struct surface iron = surf(MAT_METAL, C_DARK);
		for (int i = -1; i <= 1; i++)
			P(b, PRIM_BOX, 0, 0, 0.47f, (float)i * 0.16f, 1.0f, 0.025f, 0.07f, m);
		PR(b, PRIM_BOX, 0, 0, 0.72f, -0.26f, 1.0f, 0.06f, 0.02f, -10, 0, 0, m);
		PR(b, PRIM_BOX, 0, 0, 0.9f, -0.29f, 1.0f, 0.06f, 0.02f, -10, 0, 0, m);
		for (int i = 0; i < 2; i++) {
			float x = i ? 0.85f : -0.85f;
			P(b, PRIM_BOX, 0, x, 0.23f, 0, 0.04f, 0.23f, 0.22f, iron);
			PR(b, PRIM_BOX, 0, x, 0.72f, -0.27f, 0.04f, 0.28f, 0.03f, -10, 0, 0, iron);
		}
		break;
	}
	case OBJ_TOWER: {
		v3 rc = contrast(mc, C_ROOF, v3m(0.08f, 0.12f, 0.4f));
		P(b, PRIM_FRUSTUM, 0.9f, 0, 1.8f, 0, 0.5f, 1.8f, 0.5f, m);
		P(b, PRIM_FRUSTUM, 1, 0, 3.7f, 0, 0.56f, 0.12f, 0.56f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 4.25f, 0, 0.6f, 0.45f, 0.6f, surf(MAT_MATTE, rc));
		struct surface win = surf(MAT_MATTE, C_DARK);
		for (int i = 0; i < 3; i++) {
			float y = 1.1f + (float)i * 0.9f;
			float rad = 0.5f * (1.0f - 0.1f * y / 3.6f);
			P(b, PRIM_BOX, 0, 0, y, rad, 0.08f, 0.14f, 0.03f, win);
		}
		break;
	}
	case OBJ_BRIDGE: {
		P(b, PRIM_BOX, 0, 0, 1.05f, 0, 2.6f, 0.09f, 0.45f, m);
		for (int i = 0; i < 4; i++)
			P(b, PRIM_BOX, 0, -1.8f + (float)i * 1.2f, 0.5f, 0, 0.13f, 0.5f, 0.32f, m);
		struct surface rail = surf(MAT_METAL, C_GREY);
		for (int s = -1; s <= 1; s += 2) {
			P(b, PRIM_BOX, 0, 0, 1.38f, (float)s * 0.42f, 2.6f, 0.025f, 0.025f, rail);
			for (int i = 0; i < 9; i++)
				P(b, PRIM_BOX, 0, -2.4f + (float)i * 0.6f, 1.26f, (float)s * 0.42f,
				  0.02f, 0.12f, 0.02f, rail);
		}
		break;
	}
	case OBJ_WINDMILL: {
		P(b, PRIM_FRUSTUM, 0.6f, 0, 1.3f, 0, 0.6f, 1.3f, 0.6f, m);
		P(b, PRIM_FRUSTUM, 0, 0, 2.88f, 0, 0.48f, 0.3f, 0.48f, surf(MAT_MATTE, C_ROOF));
		P(b, PRIM_BOX, 0, 0, 0.35f, 0.58f, 0.15f, 0.35f, 0.02f, surf(MAT_WOOD, C_BROWN));
		struct surface blade = surf(MAT_WOOD, v3m(0.55f, 0.4f, 0.25f));
		float spin = prng_range(r, 0, 90);
		P(b, PRIM_SPHERE, 0, 0, 2.45f, 0.62f, 0.09f, 0.09f, 0.09f, blade);
		for (int i = 0; i < 4; i++) {
			float a = spin + (float)i * 90.0f;
			PR(b, PRIM_BOX, 0, 0.85f * cosf(a * DEG), 2.45f + 0.85f * sinf(a * DEG),
			   0.66f, 0.78f, 0.13f, 0.015f, 0, 0, a, blade);
		}
		break;
	}
	case OBJ_TENT:
		P(b, PRIM_PRISM, 0, 0, 0.75f, 0, 1.0f, 0.75f, 1.1f, m);
		P(b, PRIM_PRISM, 0, 0, 0.42f, 1.105f, 0.36f, 0.42f, 0.01f, surf(MAT_MATTE, C_DARK));
		break;
	case OBJ_BALLOON:
		P(b, PRIM_SPHERE, 0, 0, 1.35f, 0, 0.42f, 0.5f, 0.42f, m);
		PR(b, PRIM_FRUSTUM, 0, 0, 0.83f, 0, 0.05f, 0.05f, 0.05f, 180, 0, 0, m);
		P(b, PRIM_FRUSTUM, 1, 0, 0.4f, 0, 0.008f, 0.4f, 0.008f, surf(MAT_MATTE, C_WHITE));
		break;
	case OBJ_GIFT: {
		struct surface rib = surf(MAT_GLOSSY, contrast(mc, C_YELLOW, C_RED));
		P(b, PRIM_BOX, 0, 0, 0.36f, 0, 0.4f, 0.36f, 0.4f, m);
		P(b, PRIM_BOX, 0, 0, 0.36f, 0, 0.41f, 0.365f, 0.07f, rib);
		P(b, PRIM_BOX, 0, 0, 0.36f, 0, 0.07f, 0.365f, 0.41f, rib);
		PR(b, PRIM_TORUS, 0.3f, -0.1f, 0.8f, 0, 0.1f, 0.1f, 0.1f, 90, 0, 20, rib);
		PR(b, PRIM_TORUS, 0.3f, 0.1f, 0.8f, 0, 0.1f, 0.1f, 0.1f, 90, 0, -20, rib);
		break;
	}
	case OBJ_FENCE:
		for (int i = 0; i < 5; i++) {
			float x = -1.2f + (float)i * 0.6f;
			P(b, PRIM_BOX, 0, x, 0.48f, 0, 0.07f, 0.48f, 0.05f, m);
			P(b, PRIM_PYRAMID, 0, x, 1.03f, 0, 0.07f, 0.07f, 0.05f, m);
		}
		P(b, PRIM_BOX, 0, 0, 0.33f, 0.07f, 1.35f, 0.05f, 0.02f, m);
		P(b, PRIM_BOX, 0, 0, 0.75f, 0.07f, 1.35f, 0.05f, 0.02f, m);
		break;
	case OBJ_LOLLIPOP:
		P(b, PRIM_FRUSTUM, 1, 0, 0.45f, 0, 0.025f, 0.45f, 0.025f, surf(MAT_MATTE, C_WHITE));
		PR(b, PRIM_FRUSTUM, 1, 0, 1.12f, 0, 0.32f, 0.06f, 0.32f, 90, 0, 0,
		   with_pattern(m, PAT_SWIRL, v3m(0.9f, 0.88f, 0.85f)));
		break;
	case OBJ_STAR:
		for (int i = 0; i < 5; i++) {
			float a = 90.0f + (float)i * 72.0f;
			PR(b, PRIM_PYRAMID, 0, 0.36f * cosf(a * DEG), 0.62f + 0.36f * sinf(a * DEG),
			   0, 0.2f, 0.3f, 0.12f, 0, 0, a - 90.0f, m);
		}
		PR(b, PRIM_FRUSTUM, 1, 0, 0.62f, 0, 0.26f, 0.12f, 0.26f, 90, 0, 0, m);
		break;
	default:
		if (!model_everyday(b, kind, m) && !model_landmark(b, kind, m))
			P(b, PRIM_BOX, 0, 0, 0.5f, 0, 0.5f, 0.5f, 0.5f, m);
		break;
	}
}

int shapes_add(struct world *w, enum object_kind kind, const struct model_opts *mo)
{
	if (w->ninst >= PIX_MAX_INSTANCES)
		return -1;
	struct mb b;
	memset(&b, 0, sizeof b);
	b.w = w;
	b.inst = w->ninst;
	b.s = mo->scale;
	b.cy = cosf(mo->yaw);
	b.sy = sinf(mo->yaw);
	b.main = mo->main;
	b.mat = mo->material;
	b.r.s = mo->seed;
	struct instance *in = &w->inst[b.inst];
	memset(in, 0, sizeof *in);
	in->first = w->nprims;
	in->group = mo->group;
	in->floating = shapes_floats(kind);
	in->art = -1;
	model(&b, kind);
	if (b.failed || in->nprims == 0) {
		w->nprims = in->first;
		return -1;
	}
	/* Bounding sphere around the parts' spheres, centred on the box centre. */
	in->center = v3scale(v3add(in->bmin, in->bmax), 0.5f);
	in->radius = 0;
	for (int i = in->first; i < in->first + in->nprims; i++) {
		const struct prim *p = &w->prims[i];
		float r = v3len(v3sub(p->center, in->center)) + p->radius;
		if (r > in->radius)
			in->radius = r;
	}
	/* The parts' spheres can be loose; the box's half diagonal is a bound too. */
	float rb = 0.5f * v3len(v3sub(in->bmax, in->bmin));
	if (rb < in->radius)
		in->radius = rb;
	w->ninst++;
	return b.inst;
}

void shapes_stretch(struct world *w, int inst, float k)
{
	struct instance *in = &w->inst[inst];
	if (!(k > 0.05f && k < 20.0f) || k == 1.0f)
		return;
	float cx = 0.5f * (in->bmin.x + in->bmax.x);
	for (int i = in->first; i < in->first + in->nprims; i++) {
		struct prim *p = &w->prims[i];
		/*
		 * World points move as x' = cx + k (x - cx); the world -> local map takes
		 * them back: its x column is divided by k, and the translation keeps
		 * the centre line fixed.
		 */
		for (int r = 0; r < 3; r++) {
			float m0 = p->m[r * 3];
			p->m[r * 3] = m0 / k;
			p->t[r] += m0 * cx - p->m[r * 3] * cx;
		}
		p->center.x = cx + k * (p->center.x - cx);
		if (k > 1.0f)
			p->radius *= k;
		if (p->kind == PRIM_CARD)
			p->stretch = (p->stretch > 0 ? p->stretch : 1.0f) * k;
	}
	in->bmin.x = cx + k * (in->bmin.x - cx);
	in->bmax.x = cx + k * (in->bmax.x - cx);
	in->center.x = cx + k * (in->center.x - cx);
	if (k > 1.0f)
		in->radius *= k;
	if (in->has_head)
		in->head.x *= k;
}

void shapes_translate(struct world *w, int inst, v3 delta)
{
	struct instance *in = &w->inst[inst];
	for (int i = in->first; i < in->first + in->nprims; i++) {
		struct prim *p = &w->prims[i];
		p->center = v3add(p->center, delta);
		for (int k = 0; k < 3; k++)
			p->t[k] -= p->m[k * 3] * delta.x + p->m[k * 3 + 1] * delta.y +
				   p->m[k * 3 + 2] * delta.z;
	}
	in->center = v3add(in->center, delta);
	in->bmin = v3add(in->bmin, delta);
	in->bmax = v3add(in->bmax, delta);
}
