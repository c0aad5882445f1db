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
	default: return false;
	}
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
		if (!model_everyday(b, kind, m))
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
