/*
 * layout: an enhanced scene becomes placed instances and a camera.
 *
 * The layout frame is the camera's: x is screen right, y is up, +z points at
 * the camera. Relations are therefore solved on screen axes and stay true
 * whatever the camera angle; the "camera yaw" of a shot is applied to the
 * objects themselves (each one turns to show three quarters), which keeps
 * "left of" meaning left in the picture.
 *
 * Groups are expanded into rows of separate instances, then relations merge
 * groups into clusters one by one (a relation between two groups already in
 * one cluster is skipped: it cannot move one without breaking another), and
 * the clusters that remain stand side by side. The seed only jitters inside
 * the gaps, so it never breaks a relation or merges two instances.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "artwork.h"
#include "language.h"
#include "pixels.h"

#define DEG (3.14159265f / 180.0f)

struct box {
	v3 lo, hi;
};

struct group {
	bool live;
	int first, n; /* instances [first, first + n) */
	int cluster;
	struct box b;		   /* world box of the group */
	float on_width, on_used_w; /* widths of the things resting on it, to share its top */
	float shrink;		   /* scale factor from fitting under something */
	bool related;
};

static struct box box_empty(void)
{
	struct box b = {{1e30f, 1e30f, 1e30f}, {-1e30f, -1e30f, -1e30f}};
	return b;
}

static void box_grow(struct box *b, v3 lo, v3 hi)
{
	b->lo = v3m(fminf(b->lo.x, lo.x), fminf(b->lo.y, lo.y), fminf(b->lo.z, lo.z));
	b->hi = v3m(fmaxf(b->hi.x, hi.x), fmaxf(b->hi.y, hi.y), fmaxf(b->hi.z, hi.z));
}

static v3 box_center(const struct box *b)
{
	return v3scale(v3add(b->lo, b->hi), 0.5f);
}

static v3 box_size(const struct box *b)
{
	return v3sub(b->hi, b->lo);
}

/* Whether a group floats in the sky: its kind's, or its artwork's. */
static bool object_floats(const struct scene_object *o)
{
	if (o->pose == POSE_FLY)
		return true;
	if (o->kind == OBJ_ARTWORK)
		return sprites_floats(lang_object_art(o));
	return shapes_floats(o->kind);
}

static float size_factor(enum size_word s)
{
	switch (s) {
	case SIZE_TINY: return 0.45f;
	case SIZE_SMALL: return 0.7f;
	case SIZE_LARGE: return 1.4f;
	case SIZE_HUGE: return 2.0f;
	default: return 1.0f;
	}
}

static void group_update_box(const struct world *w, struct group *g)
{
	g->b = box_empty();
	for (int i = g->first; i < g->first + g->n; i++)
		box_grow(&g->b, w->inst[i].bmin, w->inst[i].bmax);
}

static void group_move(struct world *w, struct group *g, v3 d)
{
	for (int i = g->first; i < g->first + g->n; i++)
		shapes_translate(w, i, d);
	g->b.lo = v3add(g->b.lo, d);
	g->b.hi = v3add(g->b.hi, d);
}

static struct box cluster_box(const struct group *gs, int ng, int cluster)
{
	struct box b = box_empty();
	for (int i = 0; i < ng; i++)
		if (gs[i].live && gs[i].cluster == cluster)
			box_grow(&b, gs[i].b.lo, gs[i].b.hi);
	return b;
}

static void cluster_move(struct world *w, struct group *gs, int ng, int cluster, v3 d)
{
	for (int i = 0; i < ng; i++)
		if (gs[i].live && gs[i].cluster == cluster)
			group_move(w, &gs[i], d);
}

static void cluster_merge(struct group *gs, int ng, int from, int to)
{
	for (int i = 0; i < ng; i++)
		if (gs[i].cluster == from)
			gs[i].cluster = to;
}

/*
 * Builds a group's instances in rows of at most five, the back row offset by
 * half a step so each one shows between those in front. Gaps are a quarter of
 * an instance wide, and the jitter stays inside a third of the gap.
 */
/*
 * What traits do to an instance's shape (post.c draws the rest): a person or
 * animal lying lies on its side; "long" stretches a thing to 1.6 times its
 * width, "thin" squeezes it to 0.65; artwork half eaten has a bite out of it.
 */
static void traits_give(struct world *w, int id, unsigned traits)
{
	struct instance *in = &w->inst[id];
	in->traits = traits;
	const struct prim *p = in->nprims > 0 ? &w->prims[in->first] : NULL;
	in->mirror = p && p->kind == PRIM_CARD && p->mirror;
	bool lying = (traits & TRAIT_LYING) && sprites_lie(w, id) == 0;
	if ((traits & TRAIT_EATEN) && p && p->kind == PRIM_CARD)
		w->prims[in->first].bitten = true;
	if ((traits & (TRAIT_TRIANGLE | TRAIT_ROUND)) && p && p->kind == PRIM_CARD)
		w->prims[in->first].cut = (traits & TRAIT_TRIANGLE) ? 1 : 2;
	float k = (traits & TRAIT_LONG) ? 1.6f : (traits & TRAIT_THIN) ? 0.65f : 1.0f;
	if (!lying)
		shapes_stretch(w, id, k);
}

static int group_build(struct world *w, const struct scene *s, int gi, struct group *g, float yaw,
		       float shrink, struct prng *r)
{
	const struct scene_object *o = &s->objects[gi];
	int count = o->count < 1 ? 1 : (o->count > RENDER_MAX_COUNT ? RENDER_MAX_COUNT : o->count);
	float scale = o->scale > 0.01f && o->scale < 100.0f ? o->scale : 1.0f;
	scale = clampf(scale * size_factor(o->size) * shrink, 0.05f, 20.0f);
	enum object_kind kind = (unsigned)o->kind < OBJ__COUNT ? o->kind : OBJ_CUBE;
	/* Artwork this build does not have (a scene kept from a build that had it): a stand-in. */
	if (kind == OBJ_ARTWORK && lang_object_art(o) < 0)
		kind = OBJ_CUBE;
	struct model_opts mo;
	memset(&mo, 0, sizeof mo);
	if (o->color_name[0]) {
		mo.main = v3m(clampf(o->color.r, 0, 1), clampf(o->color.g, 0, 1),
			      clampf(o->color.b, 0, 1));
	} else {
		/* No colour said: the kind's own, varied a little by the seed. */
		v3 c = shapes_default_color(kind);
		float k = prng_range(r, 0.85f, 1.15f);
		mo.main = v3m(clampf(c.x * k, 0, 1), clampf(c.y * prng_range(r, 0.9f, 1.1f), 0, 1),
			      clampf(c.z * k, 0, 1));
	}
	enum material mat = o->material;
	if (mat == MAT_DEFAULT || (unsigned)mat >= MAT__COUNT)
		mat = shapes_default_material(kind);
	if (w->style && w->style->material >= 0 && mat != MAT_GLOW && mat != MAT_GLASS)
		mat = (enum material)w->style->material;
	mo.material = mat;
	mo.scale = scale;
	mo.group = gi;
	mo.facets = w->style && w->style->facets;
	g->first = w->ninst;
	g->n = 0;
	int per_row = count <= 6 || (o->traits & TRAIT_ROW) ? count : (count + 1) / 2;
	float step = 0, depth = 0;
	for (int k = 0; k < count; k++) {
		mo.yaw = yaw + prng_range(r, -8.0f, 8.0f) * DEG;
		mo.seed = hash32(w->seed ^ (uint32_t)(gi * 131 + k * 7 + 1));
		int id;
		if (signs_carries(o)) {
			/* Text, or a sign: a card with the letters in its surface (signs.c). */
			id = signs_add(w, o, &mo);
		} else if (kind == OBJ_ARTWORK) {
			/* A colour said tints the artwork (the parser keeps it only where that
			 * reads). */
			float tint[4] = {0, 0, 0, 0};
			if (o->color_name[0])
				tint[0] = mo.main.x, tint[1] = mo.main.y, tint[2] = mo.main.z,
				tint[3] = 1.0f;
			struct model_opts so = mo;
			so.scale = scale * prng_range(r, 0.92f, 1.08f); /* no two alike */
			/* Artwork keeps its own look unless a material was said ("a golden cat"). */
			so.material = MAT_DEFAULT;
			if (o->material > MAT_DEFAULT && o->material < MAT__COUNT)
				so.material = (w->style && w->style->material >= 0 &&
					       o->material != MAT_GLOW && o->material != MAT_GLASS)
						  ? (enum material)w->style->material
						  : o->material;
			id = sprites_add(w, lang_object_art(o), &so, tint);
		} else {
			id = shapes_add(w, kind, &mo);
		}
		if (id < 0)
			return -1;
		traits_give(w, id, o->traits);
		/* A person's hair and skin as said: the artwork's own colours swapped. */
		if (w->inst[id].art >= 0)
			lang_look_recolor(o, &w->inst[id].recolor);
		g->n++;
		v3 sz = v3sub(w->inst[id].bmax, w->inst[id].bmin);
		if (sz.x > step)
			step = sz.x;
		if (sz.z > depth)
			depth = sz.z;
	}
	/*
	 * Two rows leave a whole step between the front instances, so each one
	 * behind shows in a gap of its own instead of merging with its neighbours.
	 */
	float gap = step * (count > per_row ? 1.0f : 0.3f);
	for (int k = 0; k < count; k++) {
		int id = g->first + k;
		int row = k / per_row, col = k % per_row;
		int in_row = row == 0 ? per_row : count - per_row;
		float x = ((float)col - (float)(in_row - 1) * 0.5f) * (step + gap);
		if (row == 1 && in_row == per_row)
			x += (step + gap) * 0.5f;
		float z = row == 1 ? -(depth + 0.3f * step) : 0.0f;
		float jitter = count > 1 ? fminf(gap, 0.3f * step) * 0.15f : 0.0f;
		x += prng_range(r, -jitter, jitter);
		z += prng_range(r, -jitter, jitter);
		v3 c = box_center(&(struct box){w->inst[id].bmin, w->inst[id].bmax});
		shapes_translate(w, id, v3m(x - c.x, -w->inst[id].bmin.y, z - c.z));
	}
	group_update_box(w, g);
	return 0;
}

/* Rings the subject's instances around the object's centre (REL_AROUND). */
static void ring_around(struct world *w, struct group *gs, int ng, int si, int oi)
{
	struct group *sg = &gs[si], *og = &gs[oi];
	v3 oc = box_center(&og->b), osz = box_size(&og->b);
	float inst_r = 0;
	for (int i = sg->first; i < sg->first + sg->n; i++) {
		v3 sz = v3sub(w->inst[i].bmax, w->inst[i].bmin);
		inst_r = fmaxf(inst_r, 0.5f * sqrtf(sz.x * sz.x + sz.z * sz.z));
	}
	/* Half diagonals: no box of the ring can reach the object's box or the next one. */
	float gap = 0.25f * inst_r + 0.05f;
	float rad = 0.5f * sqrtf(osz.x * osz.x + osz.z * osz.z) + inst_r + gap;
	float need = (float)sg->n * (2.0f * inst_r + gap) / (2.0f * 3.14159265f);
	if (need > rad)
		rad = need;
	for (int k = 0; k < sg->n; k++) {
		int id = sg->first + k;
		/* Start at the front left so no instance hides exactly behind the object. */
		float a = 2.0f * 3.14159265f * (float)k / (float)sg->n + 0.6f;
		v3 c = box_center(&(struct box){w->inst[id].bmin, w->inst[id].bmax});
		v3 target = v3m(oc.x + rad * sinf(a), 0, oc.z + rad * cosf(a));
		shapes_translate(
		    w, id, v3m(target.x - c.x, og->b.lo.y - w->inst[id].bmin.y, target.z - c.z));
	}
	group_update_box(w, sg);
	(void)ng;
}

/* Real-world height in metres: the artwork's, or a typical one for a 3D kind. */
static float real_height(const struct scene_object *o)
{
	const struct art_info *ai = art_info(lang_object_art(o));
	if (ai)
		return ai->height;
	switch (o->kind) {
	case OBJ_CUP: case OBJ_APPLE: return 0.1f;
	case OBJ_CANDLE: case OBJ_TEAPOT: case OBJ_CAKE: case OBJ_HEART: return 0.18f;
	case OBJ_BOTTLE: case OBJ_VASE: case OBJ_LOLLIPOP: case OBJ_GIFT: case OBJ_STAR: return 0.3f;
	case OBJ_FLOWER: return 0.4f;
	case OBJ_BALLOON: return 1.3f; /* with its string: held, it floats above the head */
	case OBJ_LAMP: return 0.5f;
	case OBJ_UMBRELLA: return 0.9f;
	case OBJ_ROBOT: case OBJ_SNOWMAN: return 1.6f;
	default: return 0.3f;
	}
}

/* Whether a group is alone in its cluster (nothing related to it moved with it yet). */
static bool group_alone(const struct group *gs, int ng, int gi)
{
	for (int i = 0; i < ng; i++)
		if (i != gi && gs[i].live && gs[i].cluster == gs[gi].cluster)
			return false;
	return true;
}

/* The instance of a group whose x-span overlaps [x0, x1] most. */
static int group_under(const struct world *w, const struct group *g, float x0, float x1)
{
	int best = g->first;
	float most = -1e30f;
	for (int i = g->first; i < g->first + g->n; i++) {
		float o = fminf(x1, w->inst[i].bmax.x) - fmaxf(x0, w->inst[i].bmin.x);
		if (o > most)
			most = o, best = i;
	}
	return best;
}

/*
 * Seats the subject's instances on the object's (REL_RIDING, and an animal or
 * person on another): rider k on mount k, centred, its bottom on the mount's
 * back or seat and sunk a little, so the legs hang down behind the mount's
 * body (the rider stands just behind the card) while it stays in the mount's
 * upper half. Riders beyond the mounts sit one behind another.
 */
static void ride(struct world *w, struct group *sg, const struct group *og, float unit)
{
	for (int k = 0; k < sg->n; k++) {
		int mi = og->first + k % og->n, ri = sg->first + k;
		const struct instance *m = &w->inst[mi];
		const struct instance *rd = &w->inst[ri];
		float rh = rd->bmax.y - rd->bmin.y, rw = rd->bmax.x - rd->bmin.x;
		float mh = m->bmax.y - m->bmin.y;
		float back = (float)(k / og->n);
		float x0 = 0.5f * (m->bmin.x + m->bmax.x) - 0.5f * rw + back * 0.45f * rw;
		float ys = m->bmax.y, bottom, z;
		if (sprites_surface(w, mi, x0, x0 + rw, sprites_seat(m->art), &ys)) {
			bottom = fminf(ys, fmaxf(ys - 0.35f * rh, m->bmin.y + 0.35f * mh));
			/* Cards lean back towards the camera from their feet: behind the mount's
			 * card at the rider's seat height too. */
			z = 0.5f * (m->bmin.z + m->bmax.z) - 0.5f * (rd->bmax.z - rd->bmin.z) -
			    0.3f * (bottom - m->bmin.y) - 0.02f * unit - back * 0.1f * unit;
		} else {
			/* A 3D mount: on its top, in the middle of it. */
			bottom = m->bmax.y - 0.05f * rh;
			z = 0.5f * (m->bmin.z + m->bmax.z) - back * 0.1f * unit;
		}
		v3 c = v3scale(v3add(rd->bmin, rd->bmax), 0.5f);
		shapes_translate(w, ri,
				 v3m(x0 + 0.5f * rw - c.x, bottom - rd->bmin.y,
				     z - c.z));
	}
	group_update_box(w, sg);
}

/*
 * Puts the held group's instances at the holders' hands: a person's (or a 3D
 * robot's) at 45 % of its height by the side of its body, an animal's at its
 * mouth, just in front of the body. Something that floats (a balloon) hangs
 * from the hand by its bottom.
 */
static void hold(struct world *w, const struct group *hg, struct group *og,
		 const struct scene_object *held)
{
	bool up = held->kind == OBJ_BALLOON || (held->kind != OBJ_ARTWORK && shapes_floats(held->kind));
	for (int k = 0; k < og->n; k++) {
		const struct instance *h = &w->inst[hg->first + k % hg->n];
		const struct instance *o = &w->inst[og->first + k];
		const struct art_info *ai = art_info(h->art);
		float H = h->bmax.y - h->bmin.y, W = h->bmax.x - h->bmin.x;
		float hx = h->bmax.x - 0.18f * W, hy = h->bmin.y + 0.45f * H;
		if (ai && (ai->flags & ART_ANIMAL) && h->has_head) {
			hx = h->bmin.x + h->head.x;
			hy = h->bmin.y + 0.45f * H;
		}
		/* More held than holders: the rest fan out beside the first. */
		float ow = o->bmax.x - o->bmin.x, oh = o->bmax.y - o->bmin.y;
		hx += (float)(k / hg->n) * 0.6f * ow;
		v3 c = v3scale(v3add(o->bmin, o->bmax), 0.5f);
		float y = up ? hy + 0.5f * oh : hy;
		shapes_translate(w, og->first + k,
				 v3m(hx - c.x, y - c.y, h->bmax.z + 0.02f * H - o->bmin.z));
	}
	group_update_box(w, og);
}

/* Places the subject's cluster against the object per one relation; merges the clusters. */
/*
 * Where on a wearer's height clothes go: the bottom of the part they cover,
 * and how much of the height they span (a dress from the shoulders to the knee).
 */
static bool worn_region(unsigned flags, float *bottom, float *span)
{
	if ((flags & ART_TOP) && (flags & ART_LEGS)) {
		*bottom = 0.12f, *span = 0.58f;
	} else if (flags & ART_TOP) {
		*bottom = 0.42f, *span = 0.3f;
	} else if (flags & ART_LEGS) {
		*bottom = 0.04f, *span = 0.42f;
	} else if (flags & ART_FEET) {
		*bottom = 0.0f, *span = 0.1f;
	} else if (flags & ART_NECK) {
		*bottom = 0.6f, *span = 0.2f;
	} else {
		return false;
	}
	return true;
}

/* The worn flags of the artwork a relation's subject shows when its object can wear it, else 0. */
static unsigned worn_on_body(const struct scene *s, const struct scene_relation *rel)
{
	const struct art_info *worn = art_info(lang_object_art(&s->objects[rel->subject]));
	const struct art_info *wearer = art_info(lang_object_art(&s->objects[rel->object]));
	if (rel->kind != REL_ON || worn == NULL || wearer == NULL ||
	    !(wearer->flags & (ART_PERSON | ART_ANIMAL)))
		return 0;
	return worn->flags & (ART_TOP | ART_LEGS | ART_FEET | ART_NECK);
}

/* Whether the relation puts clothes or a hat on a person or an animal. */
static bool worn_by_someone(const struct scene *s, const struct scene_relation *rel)
{
	const struct art_info *worn = art_info(lang_object_art(&s->objects[rel->subject]));
	const struct art_info *wearer = art_info(lang_object_art(&s->objects[rel->object]));
	return rel->kind == REL_ON && worn && wearer && (worn->flags & ART_WORN) &&
	       (wearer->flags & (ART_PERSON | ART_ANIMAL));
}

/*
 * Clothes on a person (or an animal): over the part of the body they cover,
 * one on each wearer, just in front of it, so "a woman in a red dress" shows
 * her in it. Returns whether the relation was placed.
 */
static bool wear(struct world *w, const struct scene *s, struct group *gs, int ng,
		 const struct scene_relation *rel)
{
	float bottom, span;
	unsigned flags = worn_on_body(s, rel);
	if (flags == 0 || !worn_region(flags, &bottom, &span))
		return false;
	struct group *sg = &gs[rel->subject], *og = &gs[rel->object];
	if (og->n == 0)
		return false;
	for (int k = 0; k < sg->n; k++) {
		const struct instance *oin = &w->inst[og->first + k % og->n];
		struct instance *sin = &w->inst[sg->first + k];
		float ho = oin->bmax.y - oin->bmin.y;
		v3 sc0 = v3scale(v3add(sin->bmin, sin->bmax), 0.5f);
		float ox = 0.5f * (oin->bmin.x + oin->bmax.x);
		shapes_translate(w, sg->first + k,
				 v3m(ox - sc0.x, oin->bmin.y + bottom * ho - sin->bmin.y,
				     oin->bmax.z + 0.02f * ho - sc0.z));
	}
	group_update_box(w, sg);
	cluster_merge(gs, ng, sg->cluster, og->cluster);
	return true;
}

/*
 * The depth things beside a box line up with: its middle, or for a landmark
 * (deep as it is: a bridge's span, a pool in front) near its front, so a
 * person next to one stands by its near end instead of far inside the picture.
 */
static float anchor_z(struct box b, bool landmark)
{
	return landmark ? b.hi.z - 0.15f * (b.hi.z - b.lo.z) : 0.5f * (b.lo.z + b.hi.z);
}

static void relate(struct world *w, const struct scene *s, struct group *gs, int ng,
		   const struct scene_relation *rel, float unit)
{
	int si = rel->subject, oi = rel->object;
	struct group *sg = &gs[si], *og = &gs[oi];
	int sc = sg->cluster, oc = og->cluster;
	if (sc == oc)
		return;
	struct box cb = cluster_box(gs, ng, oc), scb = cluster_box(gs, ng, sc);
	v3 obc = box_center(&og->b), sbc = box_center(&sg->b);
	obc.z = anchor_z(og->b, shapes_landmark(s->objects[oi].kind));
	sbc.z = anchor_z(sg->b, shapes_landmark(s->objects[si].kind));
	v3 osz = box_size(&og->b), ssz = box_size(&sg->b);
	float gap = 0.3f * unit;
	v3 d = v3m(0, 0, 0);
	float lateral = 0.3f * fmaxf(osz.x, ssz.x);
	switch (rel->kind) {
	case REL_LEFT_OF:
		d.x = (cb.lo.x - gap) - scb.hi.x;
		d.z = obc.z - sbc.z;
		break;
	case REL_RIGHT_OF:
	case REL_NEXT_TO:
		d.x = (cb.hi.x + gap) - scb.lo.x;
		d.z = obc.z - sbc.z;
		break;
	case REL_IN_FRONT_OF:
		d.z = (cb.hi.z + gap) - scb.lo.z;
		d.x = obc.x - sbc.x + lateral;
		break;
	case REL_BEHIND:
		d.z = (cb.lo.z - gap) - scb.hi.z;
		d.x = obc.x - sbc.x - lateral;
		break;
	case REL_ABOVE:
		d.y = (cb.hi.y + gap) - scb.lo.y;
		d.x = obc.x - sbc.x;
		d.z = obc.z - sbc.z;
		break;
	case REL_ON: {
		if (wear(w, s, gs, ng, rel))
			return;
		/* An animal or a person on another sits on its back, not on its head. */
		if (og->n > 0 && sg->n > 0 && w->inst[og->first].has_head &&
		    w->inst[sg->first].has_head && group_alone(gs, ng, si))
			goto ride;
		if (og->n > 0 && w->inst[og->first].has_head) {
			/* On an animal or a person: on its head, one each while there are heads. */
			bool alone = true;
			for (int i = 0; i < ng; i++)
				if (i != si && gs[i].live && gs[i].cluster == sc)
					alone = false;
			if (alone) {
				for (int k = 0; k < sg->n; k++) {
					const struct instance *oin =
					    &w->inst[og->first + k % og->n];
					struct instance *sin = &w->inst[sg->first + k];
					v3 head = v3add(oin->bmin, oin->head);
					float sh = sin->bmax.y - sin->bmin.y;
					v3 sc0 = v3scale(v3add(sin->bmin, sin->bmax), 0.5f);
					/* Sunk a little into the head, and just in front of it. */
					shapes_translate(w, sg->first + k,
							 v3m(head.x - sc0.x,
							     head.y - 0.12f * sh - sin->bmin.y,
							     oin->bmax.z + 0.02f * sh - sc0.z));
				}
				group_update_box(w, sg);
				cluster_merge(gs, ng, sc, oc);
				return;
			}
		}
		/*
		 * Rest on the top; several things on one object share its top side by
		 * side, each slot as wide as its share of their total width.
		 */
		float total = og->on_width > 0 ? og->on_width : ssz.x;
		float span = fmaxf(osz.x * 0.9f, total);
		float x0 = obc.x - 0.5f * span + og->on_used_w * span / total;
		og->on_used_w += ssz.x;
		d.x = x0 + 0.5f * ssz.x * span / total - sbc.x;
		d.z = obc.z - sbc.z;
		d.y = og->b.hi.y - sg->b.lo.y;
		/*
		 * On artwork: on the surface its raster shows under the subject (a sofa's
		 * seat, not its lamp), sunk a little and just in front of the card, so it
		 * sits on it rather than hovering above its bounding box.
		 */
		int ui = group_under(w, og, sg->b.lo.x + d.x, sg->b.hi.x + d.x);
		float ys;
		/* A 3D chair or bench: on its seat (shapes.c: 0.54 of 1.4, 0.5 of 0.96 high); a
		 * boat: on its deck (0.67 of 2.1), not on its mast. */
		if (s->objects[oi].kind == OBJ_CHAIR || s->objects[oi].kind == OBJ_BENCH)
			d.y = og->b.lo.y + (s->objects[oi].kind == OBJ_CHAIR ? 0.39f : 0.52f) * osz.y -
			      sg->b.lo.y;
		else if (s->objects[oi].kind == OBJ_BOAT)
			d.y = og->b.lo.y + 0.32f * osz.y - sg->b.lo.y;
		else if (s->objects[oi].kind == OBJ_BRANCH) /* on the limb, under its leaves */
			d.y = og->b.lo.y + 0.74f * osz.y - sg->b.lo.y;
		else if (sprites_surface(w, ui, sg->b.lo.x + d.x, sg->b.hi.x + d.x,
				    sprites_seat(w->inst[ui].art), &ys)) {
			ys = fminf(ys, og->b.hi.y);
			d.y = ys - 0.06f * ssz.y - sg->b.lo.y;
			/* A card stands in front of the card; a 3D thing through its plane. */
			if (w->inst[sg->first].art >= 0)
				d.z = w->inst[ui].bmax.z - sg->b.lo.z;
		}
		break;
	}
	case REL_RIDING:
		if (!group_alone(gs, ng, si) || og->n < 1)
			goto next_to;
	ride:
		ride(w, sg, og, unit);
		cluster_merge(gs, ng, sc, oc);
		return;
	case REL_HOLDING:
		/* The held thing comes to the hand: it must not drag anything else along. */
		if (!group_alone(gs, ng, oi) || sg->n < 1)
			goto next_to;
		hold(w, sg, og, &s->objects[oi]);
		cluster_merge(gs, ng, oc, sc);
		return;
	case REL_UNDER:
	case REL_BELOW: {
		float clear;
		d.x = obc.x - sbc.x;
		d.z = obc.z - sbc.z;
		d.y = -scb.lo.y;
		if (rel->kind == REL_UNDER && shapes_has_clearance(s->objects[oi].kind, &clear))
			break; /* stands beneath it: it was shrunk to fit before the build */
		/* Otherwise the object goes up: it floats above (below) or rests on top (under). */
		float lift = sg->b.hi.y + d.y + (rel->kind == REL_BELOW ? gap : 0.0f) - og->b.lo.y;
		if (lift > 0)
			cluster_move(w, gs, ng, oc, v3m(0, lift, 0));
		break;
	}
	case REL_BETWEEN: {
		int o2 = rel->object2;
		if (o2 < 0 || o2 >= ng || !gs[o2].live || o2 == si || o2 == oi)
			goto next_to;
		struct group *g2 = &gs[o2];
		if (g2->cluster == sc)
			return;
		if (g2->cluster != oc) {
			struct box c2 = cluster_box(gs, ng, g2->cluster);
			v3 d2 = v3m((cb.hi.x + ssz.x + 2 * gap) - c2.lo.x, 0,
				    obc.z - box_center(&g2->b).z);
			int from = g2->cluster;
			cluster_move(w, gs, ng, from, d2);
			cluster_merge(gs, ng, from, oc);
		}
		v3 a = box_center(&og->b), b = box_center(&g2->b);
		float lo = fminf(og->b.hi.x, g2->b.hi.x), hi = fmaxf(og->b.lo.x, g2->b.lo.x);
		float mx = lo < hi ? 0.5f * (lo + hi) : 0.5f * (a.x + b.x);
		d.x = mx - sbc.x;
		d.z = 0.5f * (a.z + b.z) - sbc.z;
		d.y = -scb.lo.y;
		break;
	}
	case REL_AROUND: {
		bool alone = true;
		for (int i = 0; i < ng; i++)
			if (i != si && gs[i].live && gs[i].cluster == sc)
				alone = false;
		if (!alone)
			goto next_to;
		ring_around(w, gs, ng, si, oi);
		cluster_merge(gs, ng, sc, oc);
		return;
	}
	default:
	next_to:
		d.x = (cb.hi.x + gap) - scb.lo.x;
		d.z = obc.z - sbc.z;
		break;
	}
	cluster_move(w, gs, ng, sc, d);
	cluster_merge(gs, ng, sc, oc);
}

static bool rel_ok(const struct scene *s, const struct group *gs, int ng,
		   const struct scene_relation *rel)
{
	if ((unsigned)rel->kind >= REL__COUNT)
		return false;
	if (rel->subject < 0 || rel->subject >= ng || rel->object < 0 || rel->object >= ng)
		return false;
	if (rel->subject == rel->object)
		return false;
	(void)s;
	return gs[rel->subject].live && gs[rel->object].live;
}

/* sRGB-ish HSV to linear RGB, for palettes made from a seed. */
static v3 hsv_linear(float h, float sat, float val)
{
	h = h - floorf(h);
	float c = val * sat, x = c * (1.0f - fabsf(fmodf(h * 6.0f, 2.0f) - 1.0f)), m = val - c;
	v3 rgb;
	int k = (int)(h * 6.0f) % 6;
	switch (k) {
	case 0: rgb = v3m(c, x, 0); break;
	case 1: rgb = v3m(x, c, 0); break;
	case 2: rgb = v3m(0, c, x); break;
	case 3: rgb = v3m(0, x, c); break;
	case 4: rgb = v3m(x, 0, c); break;
	default: rgb = v3m(c, 0, x); break;
	}
	rgb = v3add(rgb, v3m(m, m, m));
	return v3m(powf(rgb.x, 2.2f), powf(rgb.y, 2.2f), powf(rgb.z, 2.2f));
}

/* Nothing understood: floating primitives in a palette drawn from the prompt's words. */
static int abstract_build(struct world *w, const struct scene *s, struct prng *r)
{
	struct prng pr = {hash32(s->palette_seed ^ 0xab57u)};
	float h0 = unitf(prng_next(&pr));
	static const enum object_kind shapes[] = {OBJ_SPHERE, OBJ_TORUS,    OBJ_CUBE,
						  OBJ_CONE,   OBJ_CYLINDER, OBJ_PYRAMID};
	static const float hues[] = {0.0f, 0.08f, 0.5f, 0.58f, 0.33f, 0.92f};
	for (int i = 0; i < 6; i++) {
		struct model_opts mo;
		memset(&mo, 0, sizeof mo);
		mo.main = hsv_linear(h0 + hues[i] + prng_range(&pr, -0.03f, 0.03f),
				     prng_range(&pr, 0.55f, 0.9f), prng_range(&pr, 0.7f, 0.95f));
		mo.material = (i & 1) ? MAT_GLOSSY : MAT_MATTE;
		if (i == 3)
			mo.material = MAT_METAL;
		mo.scale = prng_range(r, 0.6f, 1.2f);
		mo.yaw = prng_range(r, -40, 40) * DEG;
		mo.group = -1;
		mo.seed = prng_next(r);
		int id = shapes_add(w, shapes[(prng_next(&pr) % 6 + (unsigned)i) % 6], &mo);
		if (id < 0)
			return -1;
		struct instance *in = &w->inst[id];
		v3 c = v3scale(v3add(in->bmin, in->bmax), 0.5f);
		float x = ((float)(i % 3) - 1.0f) * 1.7f + prng_range(r, -0.2f, 0.2f);
		float z = (i < 3 ? 0.0f : -1.5f) + prng_range(r, -0.2f, 0.2f);
		float y = (i < 3 ? 0.0f : 0.8f) + prng_range(r, 0.0f, 0.5f);
		shapes_translate(w, id, v3m(x - c.x, y - in->bmin.y, z - c.z));
	}
	return 0;
}

static bool kitchen_kind(enum object_kind k)
{
	return k == OBJ_FRIDGE || k == OBJ_OVEN || k == OBJ_MICROWAVE || k == OBJ_SINK ||
	       k == OBJ_COUNTER;
}

/*
 * A room's wall stands a little behind everything placed, a street's
 * facades across the pavement. Their metre is the objects' unit, never so
 * small that a cup gets a doll's house.
 */
static void backdrop_place(struct world *w, const struct scene *s)
{
	w->backdrop = w->setting == SET_ROOM || w->setting == SET_STREET;
	if (!w->backdrop)
		return;
	float k = fmaxf(w->unit, w->setting == SET_ROOM ? 0.8f : 1.0f);
	w->back_scale = k;
	w->back_z = w->bmin.z - (w->setting == SET_ROOM ? 0.9f : 4.0f) * k;
	int n = s->nobjects < 0
		    ? 0
		    : (s->nobjects > RENDER_MAX_OBJECTS ? RENDER_MAX_OBJECTS : s->nobjects);
	for (int i = 0; i < n; i++)
		if (!s->objects[i].removed && kitchen_kind(s->objects[i].kind))
			w->kitchen = true;
}

/*
 * The beach's sea begins behind everything placed; a landmark that stands
 * in the water (a bridge, a harbour's podium) has it come forward to its
 * near end, as long as everything else keeps its feet on the sand.
 */
static void shore_place(struct world *w, const struct scene *s)
{
	w->shore_z = w->bmin.z - 1.2f * w->unit;
	if (w->setting != SET_BEACH)
		return;
	float wet = -1e30f, dry = 1e30f;
	for (int i = 0; i < w->ninst; i++) {
		const struct instance *in = &w->inst[i];
		int g = in->group;
		bool water = g >= 0 && g < s->nobjects && g < RENDER_MAX_OBJECTS &&
			     shapes_in_water(s->objects[g].kind);
		if (water)
			wet = fmaxf(wet, in->bmax.z - 0.1f * (in->bmax.z - in->bmin.z));
		else if (!in->floating)
			dry = fminf(dry, in->bmin.z - 0.3f * w->unit);
	}
	if (wet > w->shore_z)
		w->shore_z = fminf(wet, fmaxf(dry, w->shore_z));
}

/*
 * A close-up of a standing person (a card much taller than wide) frames the
 * head and shoulders: the top 45 % of the tallest one, across its width.
 */
static struct box portrait_frame(const struct world *w, struct box frame)
{
	int best = -1;
	float tallest = 0;
	for (int i = 0; i < w->ninst; i++) {
		const struct instance *in = &w->inst[i];
		const struct art_info *ai = art_info(in->art);
		float h = in->bmax.y - in->bmin.y, wd = in->bmax.x - in->bmin.x;
		if (ai && (ai->flags & ART_PERSON) && h > 1.8f * wd && h > tallest)
			best = i, tallest = h;
	}
	if (best < 0)
		return frame;
	struct box b = {w->inst[best].bmin, w->inst[best].bmax};
	b.lo.y = b.hi.y - 0.45f * tallest;
	return b;
}

/*
 * Fits the whole bounding box in the frame for the chosen shot. A wide shot
 * fills at least wide_fill of the frame: a row of small things is the
 * subject, not dots on the horizon.
 */
static void camera_fit(struct world *w, enum camera cam, struct box fb, float wide_fill,
		       struct prng *r)
{
	float pitch = 14.0f, fovy = 38.0f, fill = 0.8f;
	bool ortho = false, low = false;
	switch (cam) {
	case CAM_CLOSEUP: pitch = 9.0f, fovy = 30.0f, fill = 0.97f; break;
	case CAM_WIDE: pitch = 12.0f, fovy = 55.0f, fill = clampf(wide_fill, 0.45f, 0.8f); break;
	case CAM_TOPDOWN: pitch = 72.0f, fovy = 40.0f, fill = 0.8f; break;
	case CAM_ISOMETRIC: pitch = 30.0f, ortho = true, fill = 0.8f; break;
	case CAM_LOWANGLE: pitch = -6.0f, fovy = 50.0f, fill = 0.85f, low = true; break;
	default: break;
	}
	/* Settings whose sky is the point show more of it. */
	bool sky = w->setting == SET_SUNSET || w->setting == SET_NIGHT ||
		   w->setting == SET_CITY_NIGHT || w->setting == SET_BEACH ||
		   w->setting == SET_DESERT;
	if (sky && (cam == CAM_DEFAULT || cam == CAM_FRONT || cam == CAM_WIDE))
		pitch = 6.0f;
	/* A street's facades and a room's wall stand behind: look along the ground at them. */
	if ((w->setting == SET_STREET || w->setting == SET_ROOM) &&
	    (cam == CAM_DEFAULT || cam == CAM_FRONT || cam == CAM_WIDE))
		pitch = w->setting == SET_STREET ? 7.0f : 10.0f;
	/* Up in the sky there is no ground to look down on. */
	if (w->setting == SET_SKY && (cam == CAM_DEFAULT || cam == CAM_FRONT || cam == CAM_WIDE))
		pitch = -4.0f;
	if (cam != CAM_ISOMETRIC && cam != CAM_TOPDOWN)
		pitch += prng_range(r, -3.0f, 3.0f);
	struct cam *c = &w->cam;
	c->aspect = (float)w->width / (float)w->height;
	c->tan_half = tanf(fovy * 0.5f * DEG);
	c->ortho = ortho;
	v3 tgt = box_center(&fb);
	float hmin = 0.08f * fmaxf(fb.hi.y - fb.lo.y, 0.2f) + fb.lo.y;
	float dist = 1.0f;
	for (int iter = 0; iter < 4; iter++) {
		float p = pitch * DEG;
		c->fwd = v3m(0, -sinf(p), -cosf(p));
		c->right = v3m(1, 0, 0);
		c->up = v3cross(c->right, c->fwd);
		float tx = c->tan_half * c->aspect, ty = c->tan_half;
		v3 q[8];
		for (int k = 0; k < 8; k++)
			q[k] = v3m(k & 1 ? fb.hi.x : fb.lo.x, k & 2 ? fb.hi.y : fb.lo.y,
				   k & 4 ? fb.hi.z : fb.lo.z);
		if (ortho) {
			float xl = 1e30f, xh = -1e30f, yl = 1e30f, yh = -1e30f;
			for (int k = 0; k < 8; k++) {
				v3 rel = v3sub(q[k], tgt);
				float xr = v3dot(rel, c->right), yu = v3dot(rel, c->up);
				xl = fminf(xl, xr), xh = fmaxf(xh, xr), yl = fminf(yl, yu),
				yh = fmaxf(yh, yu);
			}
			tgt = v3add(tgt, v3add(v3scale(c->right, 0.5f * (xl + xh)),
					       v3scale(c->up, 0.5f * (yl + yh))));
			c->ortho_half =
			    fmaxf(0.5f * (yh - yl), 0.5f * (xh - xl) / c->aspect) / fill;
			/* In front of everything, but not so far that fog swallows it. */
			dist = 1.5f * v3len(box_size(&fb)) + 1.0f;
			continue;
		}
		float d = 0;
		for (int k = 0; k < 8; k++) {
			v3 rel = v3sub(q[k], tgt);
			float xr = v3dot(rel, c->right), yu = v3dot(rel, c->up),
			      zf = v3dot(rel, c->fwd);
			d = fmaxf(d, fabsf(xr) / (fill * tx) - zf);
			d = fmaxf(d, fabsf(yu) / (fill * ty) - zf);
			d = fmaxf(d, 0.3f - zf);
		}
		float xl = 1e30f, xh = -1e30f, yl = 1e30f, yh = -1e30f;
		for (int k = 0; k < 8; k++) {
			v3 rel = v3sub(q[k], tgt);
			float xr = v3dot(rel, c->right), yu = v3dot(rel, c->up),
			      zf = v3dot(rel, c->fwd);
			float depth = d + zf;
			xl = fminf(xl, xr / (depth * tx)), xh = fmaxf(xh, xr / (depth * tx));
			yl = fminf(yl, yu / (depth * ty)), yh = fmaxf(yh, yu / (depth * ty));
		}
		dist = d;
		if (iter < 3)
			tgt = v3add(tgt, v3add(v3scale(c->right, 0.5f * (xl + xh) * d * tx),
					       v3scale(c->up, 0.5f * (yl + yh) * d * ty)));
		if (low && iter < 3) {
			/* Keep the camera near the ground, looking up at the subject. */
			pitch = -atan2f(tgt.y - hmin, d) / DEG;
		}
	}
	c->pos = v3sub(tgt, v3scale(c->fwd, dist));
	if (!ortho && w->ground && c->pos.y < 0.05f)
		c->pos.y = 0.05f;
}

/*
 * Builds a relation's subject and object alone, at their natural size, to
 * measure their heights, then takes the instances back: sizing passes use it
 * before the real build. 0, or -1 when a group cannot be built.
 */
static int measure_pair(struct world *w, const struct scene *s, const struct scene_relation *rel,
			float yaw, struct prng r, float *hs, float *ho)
{
	struct group ts, to;
	int save_i = w->ninst, save_p = w->nprims, rc = -1;
	if (group_build(w, s, rel->subject, &ts, yaw, 1.0f, &r) == 0 &&
	    group_build(w, s, rel->object, &to, yaw, 1.0f, &r) == 0) {
		*hs = w->inst[ts.first].bmax.y - w->inst[ts.first].bmin.y;
		*ho = w->inst[to.first].bmax.y - w->inst[to.first].bmin.y;
		rc = 0;
	}
	w->ninst = save_i;
	w->nprims = save_p;
	return rc;
}

int world_build(struct world *w, const struct scene *s, int width, int height, uint32_t seed)
{
	memset(w, 0, sizeof *w);
	w->prims = calloc(PIX_MAX_PRIMS, sizeof *w->prims);
	if (!w->prims)
		return -1;
	w->style = style_render_find(s->style);
	w->mood = -1;
	w->effects = s->effects;
	/*
	 * A mood the prompt asked for is graded into the colours; the one
	 * enhancement picks for the scene describes it as it is drawn anyway.
	 */
	for (int k = 0; s->mood[0] && k < lang_mood_count(); k++)
		if (strcmp(s->mood, lang_mood(k)) == 0 && strcmp(s->mood, lang_suited_mood(s)) != 0)
			w->mood = k;
	w->seed = seed;
	w->width = width;
	w->height = height;
	w->setting = (unsigned)s->setting < SET__COUNT && s->setting != SET_DEFAULT ? s->setting
										    : SET_STUDIO;
	w->light = (unsigned)s->light < LIGHT__COUNT ? s->light : LIGHT_DEFAULT;
	if (w->style->light >= 0)
		w->light = (enum light)w->style->light;
	enum camera cam = (unsigned)s->camera < CAM__COUNT ? s->camera : CAM_DEFAULT;
	if (w->style->camera >= 0)
		cam = (enum camera)w->style->camera;
	w->ground = w->setting != SET_SPACE && w->setting != SET_SKY;

	struct prng r = {hash32(seed * 2654435761U + 17U)};
	/* The shot's yaw turns every object to show three quarters, never square on. */
	float yaw;
	if (cam == CAM_ISOMETRIC)
		yaw = 45.0f * DEG;
	else
		yaw = (prng_next(&r) & 1 ? 1.0f : -1.0f) * prng_range(&r, 12.0f, 30.0f) * DEG;

	struct group gs[RENDER_MAX_OBJECTS];
	memset(gs, 0, sizeof gs);
	int ng = s->nobjects < 0
		     ? 0
		     : (s->nobjects > RENDER_MAX_OBJECTS ? RENDER_MAX_OBJECTS : s->nobjects);
	int nrel = s->nrelations < 0 ? 0
				     : (s->nrelations > RENDER_MAX_RELATIONS ? RENDER_MAX_RELATIONS
									     : s->nrelations);
	int live = 0;
	for (int i = 0; i < ng; i++) {
		gs[i].live = !s->objects[i].removed;
		gs[i].cluster = i;
		gs[i].shrink = 1.0f;
		live += gs[i].live;
	}

	/* Things under a table must fit beneath it: measure, then shrink before the real build. */
	for (int k = 0; k < nrel; k++) {
		const struct scene_relation *rel = &s->relations[k];
		float clear;
		if (!rel_ok(s, gs, ng, rel) || rel->kind != REL_UNDER ||
		    !shapes_has_clearance(s->objects[rel->object].kind, &clear))
			continue;
		struct prng tr = r;
		struct group tmp;
		int save_i = w->ninst, save_p = w->nprims;
		if (group_build(w, s, rel->subject, &tmp, yaw, 1.0f, &tr) == 0) {
			const struct scene_object *o = &s->objects[rel->object];
			float os = (o->scale > 0.01f && o->scale < 100.0f ? o->scale : 1.0f) *
				   size_factor(o->size);
			float h = tmp.b.hi.y - tmp.b.lo.y;
			if (h > 0.85f * clear * os)
				gs[rel->subject].shrink = 0.85f * clear * os / h;
		}
		w->ninst = save_i;
		w->nprims = save_p;
	}

	/*
	 * Clothes are sized to the part of the wearer they cover, larger or
	 * smaller; things worn on a head (an animal's or a person's) at most to it.
	 */
	for (int k = 0; k < nrel; k++) {
		const struct scene_relation *rel = &s->relations[k];
		if (!rel_ok(s, gs, ng, rel))
			continue;
		float bottom, span = 0;
		bool body = worn_region(worn_on_body(s, rel), &bottom, &span);
		const struct art_info *worn = art_info(lang_object_art(&s->objects[rel->subject]));
		bool head = !body && rel->kind == REL_ON && s->objects[rel->object].kind == OBJ_ARTWORK &&
			    (sprites_headed(lang_object_art(&s->objects[rel->object])) ||
			     (worn && (worn->flags & ART_HEADWEAR)));
		if (!body && !head)
			continue;
		float hs, ho;
		if (measure_pair(w, s, rel, yaw, r, &hs, &ho) != 0)
			continue;
		if (body && hs > 0)
			gs[rel->subject].shrink = span * ho / hs;
		else if (head && hs > 0.22f * ho)
			gs[rel->subject].shrink = 0.22f * ho / hs;
	}

	/*
	 * Things held are sized to the holder as in the real world (a cup is a
	 * fifteenth of a person), but never so small they vanish nor as big as them.
	 */
	for (int k = 0; k < nrel; k++) {
		const struct scene_relation *rel = &s->relations[k];
		if (!rel_ok(s, gs, ng, rel) || rel->kind != REL_HOLDING)
			continue;
		const struct scene_object *ho = &s->objects[rel->subject], *o = &s->objects[rel->object];
		float hh, h;
		if (measure_pair(w, s, rel, yaw, r, &hh, &h) != 0 || h <= 0)
			continue;
		float ratio = clampf(real_height(o) / fmaxf(real_height(ho), 0.01f), 0.15f,
				     o->kind == OBJ_BALLOON ? 0.8f : 0.6f);
		float want = hh * ratio * size_factor(o->size) *
			     (o->scale > 0.01f && o->scale < 100.0f ? o->scale : 1.0f);
		gs[rel->object].shrink = clampf(want / h, 0.02f, 5.0f);
	}

	float unit = 0;
	int nunit = 0;
	for (int i = 0; i < ng; i++) {
		if (!gs[i].live)
			continue;
		if (group_build(w, s, i, &gs[i], yaw, gs[i].shrink, &r) < 0)
			goto fail;
		v3 isz = v3sub(w->inst[gs[i].first].bmax, w->inst[gs[i].first].bmin);
		unit += fmaxf(isz.y, 0.5f * (isz.x + isz.z));
		nunit++;
	}
	if (live == 0 && s->abstract) {
		if (abstract_build(w, s, &r) < 0)
			goto fail;
	}
	w->unit = nunit ? unit / (float)nunit : 1.0f;

	for (int k = 0; k < nrel; k++)
		if (rel_ok(s, gs, ng, &s->relations[k]) && s->relations[k].kind == REL_ON)
			gs[s->relations[k].object].on_width +=
			    gs[s->relations[k].subject].b.hi.x - gs[s->relations[k].subject].b.lo.x;
	/*
	 * Clothes and hats go on last: a rider or a holder moves alone, and what it
	 * wears then follows it to where it ended up.
	 */
	for (int k = 0; k < 2 * nrel; k++) {
		const struct scene_relation *rel = &s->relations[k % nrel];
		if (!rel_ok(s, gs, ng, rel) || (k < nrel) == worn_by_someone(s, rel))
			continue;
		gs[rel->subject].related = gs[rel->object].related = true;
		relate(w, s, gs, ng, rel, w->unit);
	}

	/* Clusters left side by side: hinted left first, hinted right last. */
	int order[RENDER_MAX_OBJECTS], nc = 0;
	for (int pass = -1; pass <= 1; pass++) {
		for (int i = 0; i < ng; i++) {
			if (!gs[i].live || gs[i].cluster != i)
				continue;
			int hint = 0;
			for (int j = 0; j < ng; j++)
				if (gs[j].live && gs[j].cluster == i && s->objects[j].position_hint)
					hint = s->objects[j].position_hint < 0 ? -1 : 1;
			if (hint == pass)
				order[nc++] = i;
		}
	}
	float ground_top = 0;
	for (int i = 0; i < ng; i++)
		if (gs[i].live && !object_floats(&s->objects[i]))
			ground_top = fmaxf(ground_top, gs[i].b.hi.y);
	/*
	 * Many clusters wrap into rows, each further back (and so higher in the
	 * picture), so ten objects do not become a thin strip across the frame.
	 */
	int cols = nc <= 3 ? nc : (int)ceilf(sqrtf((float)nc * 1.6f));
	if (cols < 1)
		cols = 1;
	float gap = 0.35f * w->unit;
	float row_width[RENDER_MAX_OBJECTS], row_depth[RENDER_MAX_OBJECTS];
	memset(row_width, 0, sizeof row_width);
	memset(row_depth, 0, sizeof row_depth);
	for (int k = 0; k < nc; k++) {
		struct box cb = cluster_box(gs, ng, order[k]);
		int row = k / cols;
		row_width[row] += (cb.hi.x - cb.lo.x) + (k % cols ? gap : 0.0f);
		row_depth[row] = fmaxf(row_depth[row], cb.hi.z - cb.lo.z);
	}
	struct box ghosts = box_empty();
	float cursor = 0, zrow = 0;
	for (int k = 0; k < nc; k++) {
		int c = order[k];
		int row = k / cols;
		if (k % cols == 0) {
			cursor = -0.5f * row_width[row] + (row & 1 ? 0.5f * gap : 0.0f);
			if (row > 0)
				zrow -= 0.5f * (row_depth[row - 1] + row_depth[row]) + 2.0f * gap;
		}
		struct box cb = cluster_box(gs, ng, c);
		bool all_float = true, landmark = false;
		int hint = 0;
		for (int i = 0; i < ng; i++) {
			if (!gs[i].live || gs[i].cluster != c)
				continue;
			landmark = landmark || shapes_landmark(s->objects[i].kind);
			if (!object_floats(&s->objects[i]) || gs[i].related)
				all_float = false;
			if (s->objects[i].position_hint)
				hint = s->objects[i].position_hint < 0 ? -1 : 1;
		}
		float y = all_float && w->ground ? fmaxf(1.2f * w->unit, 0.7f * ground_top) : 0.0f;
		v3 d = v3m(cursor - cb.lo.x, y - cb.lo.y, zrow - anchor_z(cb, landmark));
		cluster_move(w, gs, ng, c, d);
		cursor += (cb.hi.x - cb.lo.x) + gap;
		if (hint) {
			/*
			 * "Move it to the left": shift it and frame as if it were also on the
			 * other side, so the camera does not simply follow it back to the centre.
			 */
			struct box nb = cluster_box(gs, ng, c);
			float amt = 0.5f * (nb.hi.x - nb.lo.x) + 0.8f * w->unit;
			cluster_move(w, gs, ng, c, v3m((float)hint * amt, 0, 0));
			struct box g = nb;
			g.lo.x -= (float)hint * amt;
			g.hi.x -= (float)hint * amt;
			box_grow(&ghosts, g.lo, g.hi);
		}
	}
	/*
	 * A jump lifts the jumper by a third of its height, with what it holds and
	 * wears; its shadow stays on the ground below, which is what reads as a jump.
	 */
	for (int i = 0; i < ng; i++) {
		if (!gs[i].live || gs[i].n == 0)
			continue;
		float h = w->inst[gs[i].first].bmax.y - w->inst[gs[i].first].bmin.y;
		float lift = s->objects[i].pose == POSE_JUMP ? 0.35f * h : 0.0f;
		/* Something flying beside something on the ground ("a bird flying next to a
		 * tree") was kept on the ground by the relation: up it goes, beside it. */
		if (s->objects[i].pose == POSE_FLY && w->ground && gs[i].b.lo.y < 0.05f * h)
			lift = 1.2f * h;
		if (lift <= 0)
			continue;
		v3 up = v3m(0, lift, 0);
		group_move(w, &gs[i], up);
		for (int k = 0; k < nrel; k++) {
			const struct scene_relation *rel = &s->relations[k];
			if (!rel_ok(s, gs, ng, rel))
				continue;
			if ((rel->kind == REL_ON && rel->object == i) ||
			    (rel->kind == REL_HOLDING && rel->subject == i))
				group_move(w, &gs[rel->kind == REL_ON ? rel->subject : rel->object], up);
		}
	}

	struct box all = box_empty();
	for (int i = 0; i < w->ninst; i++)
		box_grow(&all, w->inst[i].bmin, w->inst[i].bmax);
	if (w->ninst == 0) {
		all.lo = v3m(-1, 0, -1);
		all.hi = v3m(1, 1.5f, 1);
	}
	/* Centre the picture on x = 0 (ghosts included). */
	struct box frame = all;
	if (ghosts.lo.x < ghosts.hi.x)
		box_grow(&frame, ghosts.lo, ghosts.hi);
	float cx = box_center(&frame).x;
	for (int i = 0; i < w->ninst; i++)
		shapes_translate(w, i, v3m(-cx, 0, 0));
	all.lo.x -= cx, all.hi.x -= cx, frame.lo.x -= cx, frame.hi.x -= cx;
	w->bmin = all.lo;
	w->bmax = all.hi;
	if (w->unit <= 0)
		w->unit = 1.0f;
	backdrop_place(w, s);
	shore_place(w, s);
	/* A wide shot of many things: the narrowest one spans a twelfth of the frame's width. */
	float smallest = 1e30f;
	for (int i = 0; i < w->ninst; i++)
		if (!w->inst[i].floating)
			smallest = fminf(smallest, w->inst[i].bmax.x - w->inst[i].bmin.x);
	float fw = fmaxf(frame.hi.x - frame.lo.x,
			 (frame.hi.y - frame.lo.y) * (float)width / (float)height);
	float wide_fill = smallest < 1e30f && smallest > 0 ? 0.085f * fw / smallest : 0.0f;
	if (cam == CAM_CLOSEUP)
		frame = portrait_frame(w, frame);
	camera_fit(w, cam, frame, wide_fill, &r);
	if (sprites_finish(w, signs_texture) < 0)
		goto fail;
	shade_setup(w);
	return 0;
fail:
	world_free(w);
	return -1;
}

void world_free(struct world *w)
{
	sprites_release(w);
	free(w->prims);
	w->prims = NULL;
	w->nprims = 0;
	w->ninst = 0;
}
