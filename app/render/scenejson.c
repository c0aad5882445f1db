/*
 * scenejson: struct scene as JSON and back, losslessly. Enums are written as
 * their names ("cube", "golden", "left of") so stored conversations survive
 * a reordering of the enums. Reading is strict: a wrong type, an unknown
 * name, a number out of range, a string too long for its field or an array
 * too long for its table rejects the whole document.
 */
#include <math.h>
#include <string.h>

#include "language.h"
#include "lettering.h"

static json_t *rgb_json(struct rgb c)
{
	/* jansson cannot write NaN or infinity; a scene never holds them on purpose. */
	float v[3] = { c.r, c.g, c.b };
	json_t *a = json_array();
	for (int i = 0; i < 3 && a; i++) {
		double d = isfinite(v[i]) ? (double)v[i] : 0.0;
		if (json_array_append_new(a, json_real(d)) != 0) {
			json_decref(a);
			a = NULL;
		}
	}
	return a;
}

/* Copies a field that may lack its terminator, never splitting a character. */
static json_t *word_json(const char *w)
{
	char buf[RENDER_WORD_MAX];
	lang_copy_word(buf, sizeof buf, w);
	return json_string(buf);
}

static int set_new(json_t *obj, const char *key, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(obj, key, v);
}

/* The names of the bits set in bits (name(1 << k) for k < count) as a JSON array; NULL on error. */
static json_t *bits_json(unsigned bits, int count, const char *(*name)(unsigned))
{
	json_t *a = json_array();
	for (int k = 0; a && k < count; k++) {
		if ((bits & (1u << k)) && json_array_append_new(a, json_string(name(1u << k))) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/*
 * Reads an optional array of distinct names (absent: *bits = 0) back into
 * bits with from_name(); -1 for anything else, an unknown name or a repeat.
 */
static int bits_from_json(const json_t *a, int count, unsigned (*from_name)(const char *),
			  unsigned *bits)
{
	*bits = 0;
	if (a == NULL)
		return 0;
	if (!json_is_array(a) || json_array_size(a) > (size_t)count)
		return -1;
	size_t i;
	const json_t *v;
	json_array_foreach(a, i, v) {
		unsigned bit = json_is_string(v) ? from_name(json_string_value(v)) : 0;
		if (bit == 0 || (*bits & bit))
			return -1;
		*bits |= bit;
	}
	return 0;
}

static json_t *object_json(const struct scene_object *o)
{
	json_t *j = json_object();
	if (j == NULL)
		return NULL;
	int rc = 0;
	rc |= set_new(j, "kind", json_string(render_object_name(o->kind)));
	rc |= set_new(j, "noun", word_json(o->noun));
	rc |= set_new(j, "color_name", word_json(o->color_name));
	rc |= set_new(j, "color", rgb_json(o->color));
	rc |= set_new(j, "material", json_string(render_material_name(o->material)));
	rc |= set_new(j, "size", json_string(lang_size_id(o->size)));
	rc |= set_new(j, "scale", json_real(isfinite(o->scale) ? (double)o->scale : 1.0));
	rc |= set_new(j, "count", json_integer(o->count));
	rc |= set_new(j, "position_hint", json_integer(o->position_hint));
	rc |= set_new(j, "removed", json_boolean(o->removed));
	/* Only when off the ground: scenes stored before poses existed read back the same. */
	if (o->pose > POSE_NONE && o->pose < POSE__COUNT)
		rc |= set_new(j, "pose", json_string(lang_pose_name(o->pose)));
	/* Only when it has any: scenes stored before traits existed read back the same. */
	if (o->traits != 0)
		rc |= set_new(j, "traits", bits_json(o->traits, TRAIT__COUNT, render_trait_name));
	/* Only when there is text: scenes stored before it existed read back the same. */
	if (memchr(o->text, '\0', sizeof o->text) != NULL && o->text[0] != '\0')
		rc |= set_new(j, "text", json_string(o->text));
	/* Only when said: a person's hair colour and skin tone. */
	if (memchr(o->hair, '\0', sizeof o->hair) != NULL && lang_hair_color(o->hair) >= 0)
		rc |= set_new(j, "hair", json_string(o->hair));
	if (lang_skin_id(o->skin) != NULL)
		rc |= set_new(j, "skin", json_string(lang_skin_id(o->skin)));
	if (memchr(o->eyes, '\0', sizeof o->eyes) != NULL && lang_hair_color(o->eyes) >= 0)
		rc |= set_new(j, "eyes", json_string(o->eyes));
	if (rc != 0) {
		json_decref(j);
		return NULL;
	}
	return j;
}

json_t *render_scene_to_json(const struct scene *s)
{
	json_t *j = NULL, *objs = NULL, *rels = NULL, *unk = NULL;
	if (s == NULL)
		return NULL;
	j = json_object();
	objs = json_array();
	rels = json_array();
	unk = json_array();
	if (!j || !objs || !rels || !unk)
		goto fail;
	int no = s->nobjects < 0 ? 0 : s->nobjects > RENDER_MAX_OBJECTS ? RENDER_MAX_OBJECTS
									  : s->nobjects;
	for (int i = 0; i < no; i++) {
		if (json_array_append_new(objs, object_json(&s->objects[i])) != 0)
			goto fail;
	}
	int nr = s->nrelations < 0 ? 0
		 : s->nrelations > RENDER_MAX_RELATIONS ? RENDER_MAX_RELATIONS
							 : s->nrelations;
	for (int i = 0; i < nr; i++) {
		const struct scene_relation *r = &s->relations[i];
		json_t *rj = json_pack("{s:s, s:i, s:i, s:i}", "kind", render_relation_name(r->kind),
				       "subject", r->subject, "object", r->object, "object2",
				       r->object2);
		if (json_array_append_new(rels, rj) != 0)
			goto fail;
	}
	int nu = s->nunknown < 0 ? 0 : s->nunknown > RENDER_MAX_UNKNOWN ? RENDER_MAX_UNKNOWN
									 : s->nunknown;
	for (int i = 0; i < nu; i++) {
		if (json_array_append_new(unk, word_json(s->unknown[i])) != 0)
			goto fail;
	}
	int rc = 0;
	rc |= json_object_set_new(j, "objects", objs);
	objs = NULL;
	rc |= json_object_set_new(j, "relations", rels);
	rels = NULL;
	rc |= set_new(j, "setting", json_string(lang_setting_id(s->setting)));
	rc |= set_new(j, "light", json_string(lang_light_id(s->light)));
	rc |= set_new(j, "camera", json_string(lang_camera_id(s->camera)));
	rc |= set_new(j, "style", word_json(s->style));
	rc |= set_new(j, "mood", word_json(s->mood));
	rc |= json_object_set_new(j, "unknown", unk);
	unk = NULL;
	rc |= set_new(j, "abstract", json_boolean(s->abstract));
	rc |= set_new(j, "palette_seed", json_integer((json_int_t)s->palette_seed));
	/* Only when it has any: scenes stored before effects existed read back the same. */
	if (s->effects != 0)
		rc |= set_new(j, "effects", bits_json(s->effects, FX__COUNT, render_effect_name));
	rc |= set_new(j, "enhanced", json_boolean(s->enhanced));
	if (rc != 0)
		goto fail;
	return j;
fail:
	json_decref(unk);
	json_decref(rels);
	json_decref(objs);
	json_decref(j);
	return NULL;
}

/* A string member that fits a RENDER_WORD_MAX field, without NUL bytes inside. */
static int get_word(const json_t *obj, const char *key, char *dst)
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return -1;
	size_t len = json_string_length(v);
	const char *str = json_string_value(v);
	if (len >= RENDER_WORD_MAX || strlen(str) != len)
		return -1;
	memcpy(dst, str, len + 1);
	return 0;
}

/* An enum member written as a name; -1 when missing or unknown. */
static int get_name(const json_t *obj, const char *key, int (*from)(const char *))
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return -1;
	return from(json_string_value(v));
}

static int get_int(const json_t *obj, const char *key, json_int_t min, json_int_t max,
		   json_int_t *out)
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v))
		return -1;
	json_int_t i = json_integer_value(v);
	if (i < min || i > max)
		return -1;
	*out = i;
	return 0;
}

static int get_float(const json_t *v, double min, double max, float *out)
{
	if (!json_is_number(v))
		return -1;
	double d = json_number_value(v);
	if (!(d >= min && d <= max))
		return -1;
	*out = (float)d;
	return 0;
}

static int get_bool(const json_t *obj, const char *key, bool *out)
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_boolean(v))
		return -1;
	*out = json_is_true(v);
	return 0;
}

/* A look's colour ("red", "blonde") into dst; absent is "", anything else unknown is -1. */
static int look_color_from_json(const json_t *v, char *dst, size_t cap)
{
	dst[0] = '\0';
	if (v == NULL)
		return 0;
	if (!json_is_string(v) || json_string_length(v) >= cap ||
	    lang_hair_color(json_string_value(v)) < 0)
		return -1;
	memcpy(dst, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int object_from_json(const json_t *j, struct scene_object *o)
{
	json_int_t v;
	int k;
	if (!json_is_object(j))
		return -1;
	if ((k = get_name(j, "kind", lang_object_from_name)) < 0)
		return -1;
	o->kind = (enum object_kind)k;
	if (get_word(j, "noun", o->noun) != 0 || get_word(j, "color_name", o->color_name) != 0)
		return -1;
	const json_t *c = json_object_get(j, "color");
	if (!json_is_array(c) || json_array_size(c) != 3 ||
	    get_float(json_array_get(c, 0), 0.0, 1.0, &o->color.r) != 0 ||
	    get_float(json_array_get(c, 1), 0.0, 1.0, &o->color.g) != 0 ||
	    get_float(json_array_get(c, 2), 0.0, 1.0, &o->color.b) != 0)
		return -1;
	if ((k = get_name(j, "material", lang_material_from_name)) < 0)
		return -1;
	o->material = (enum material)k;
	if ((k = get_name(j, "size", lang_size_from_id)) < 0)
		return -1;
	o->size = (enum size_word)k;
	if (get_float(json_object_get(j, "scale"), 0.01, 100.0, &o->scale) != 0)
		return -1;
	if (get_int(j, "count", 1, RENDER_MAX_COUNT, &v) != 0)
		return -1;
	o->count = (int)v;
	if (get_int(j, "position_hint", -1, 1, &v) != 0)
		return -1;
	o->position_hint = (int)v;
	if (get_bool(j, "removed", &o->removed) != 0)
		return -1;
	o->pose = POSE_NONE;
	const json_t *pj = json_object_get(j, "pose");
	if (pj != NULL) {
		int pv = json_is_string(pj) ? lang_pose_from_name(json_string_value(pj)) : -1;
		if (pv < 0)
			return -1;
		o->pose = (enum pose)pv;
	}
	/* Optional; when there, an array of distinct trait names. */
	if (bits_from_json(json_object_get(j, "traits"), TRAIT__COUNT, lang_trait_from_name,
			   &o->traits) != 0)
		return -1;
	/* Optional; when there, text lettering can take (valid UTF-8, 64 characters at most). */
	const json_t *t = json_object_get(j, "text");
	o->text[0] = '\0';
	if (t != NULL) {
		if (!json_is_string(t) || json_string_length(t) >= sizeof o->text ||
		    strlen(json_string_value(t)) != json_string_length(t) ||
		    lettering_valid(json_string_value(t)) != LETTERING_OK)
			return -1;
		memcpy(o->text, json_string_value(t), json_string_length(t) + 1);
	}
	/* Optional: a hair and an eye colour the engine knows, a skin tone's id. */
	if (look_color_from_json(json_object_get(j, "hair"), o->hair, sizeof o->hair) != 0 ||
	    look_color_from_json(json_object_get(j, "eyes"), o->eyes, sizeof o->eyes) != 0)
		return -1;
	const json_t *sk = json_object_get(j, "skin");
	o->skin = SKIN_NONE;
	if (sk != NULL) {
		int tone = json_is_string(sk) ? lang_skin_from_id(json_string_value(sk)) : -1;
		if (tone < 0)
			return -1;
		o->skin = tone;
	}
	return 0;
}

static int relation_from_json(const json_t *j, int nobjects, struct scene_relation *r)
{
	json_int_t a, b, c;
	int k;
	if (!json_is_object(j))
		return -1;
	if ((k = get_name(j, "kind", lang_relation_from_name)) < 0)
		return -1;
	if (get_int(j, "subject", 0, nobjects - 1, &a) != 0 ||
	    get_int(j, "object", 0, nobjects - 1, &b) != 0 ||
	    get_int(j, "object2", -1, nobjects - 1, &c) != 0)
		return -1;
	r->kind = (enum relation_kind)k;
	r->subject = (int)a;
	r->object = (int)b;
	r->object2 = (int)c;
	return 0;
}

int render_scene_from_json(const json_t *j, struct scene *out)
{
	struct scene s;
	json_int_t v;
	int k;
	if (out == NULL || !json_is_object(j))
		return -1;
	lang_scene_init(&s);
	const json_t *objs = json_object_get(j, "objects");
	const json_t *rels = json_object_get(j, "relations");
	const json_t *unk = json_object_get(j, "unknown");
	if (!json_is_array(objs) || json_array_size(objs) > RENDER_MAX_OBJECTS)
		return -1;
	if (!json_is_array(rels) || json_array_size(rels) > RENDER_MAX_RELATIONS)
		return -1;
	if (!json_is_array(unk) || json_array_size(unk) > RENDER_MAX_UNKNOWN)
		return -1;
	s.nobjects = (int)json_array_size(objs);
	for (int i = 0; i < s.nobjects; i++) {
		if (object_from_json(json_array_get(objs, (size_t)i), &s.objects[i]) != 0)
			return -1;
	}
	s.nrelations = (int)json_array_size(rels);
	for (int i = 0; i < s.nrelations; i++) {
		if (relation_from_json(json_array_get(rels, (size_t)i), s.nobjects,
				       &s.relations[i]) != 0)
			return -1;
	}
	s.nunknown = (int)json_array_size(unk);
	for (int i = 0; i < s.nunknown; i++) {
		const json_t *w = json_array_get(unk, (size_t)i);
		if (!json_is_string(w) || json_string_length(w) >= RENDER_WORD_MAX ||
		    strlen(json_string_value(w)) != json_string_length(w))
			return -1;
		memcpy(s.unknown[i], json_string_value(w), json_string_length(w) + 1);
	}
	if ((k = get_name(j, "setting", lang_setting_from_id)) < 0)
		return -1;
	s.setting = (enum setting)k;
	if ((k = get_name(j, "light", lang_light_from_id)) < 0)
		return -1;
	s.light = (enum light)k;
	if ((k = get_name(j, "camera", lang_camera_from_id)) < 0)
		return -1;
	s.camera = (enum camera)k;
	if (get_word(j, "style", s.style) != 0 || get_word(j, "mood", s.mood) != 0)
		return -1;
	if (s.style[0] != '\0' && render_style_find(s.style) == NULL)
		return -1;
	if (get_bool(j, "abstract", &s.abstract) != 0 || get_bool(j, "enhanced", &s.enhanced) != 0)
		return -1;
	if (get_int(j, "palette_seed", 0, UINT32_MAX, &v) != 0)
		return -1;
	s.palette_seed = (uint32_t)v;
	/* Optional; when there, an array of distinct effect names. */
	if (bits_from_json(json_object_get(j, "effects"), FX__COUNT, lang_effect_from_name,
			   &s.effects) != 0)
		return -1;
	*out = s;
	return 0;
}
