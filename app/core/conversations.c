#include "conversations.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "encode.h"

int conv_get(struct store_txn *txn, const char *id, json_t **out)
{
	if (!uuid_valid(id))
		return STORE_NOTFOUND;
	return store_get_json(txn, DB_CONVS, id, strlen(id), out);
}

int conv_get_owned(struct store_txn *txn, const char *id, const char *owner, json_t **out)
{
	json_t *conv;
	int rc = conv_get(txn, id, &conv);
	if (rc != STORE_OK)
		return rc;
	const char *o = json_string_value(json_object_get(conv, "owner"));
	if (o == NULL || strcmp(o, owner) != 0 || json_is_true(json_object_get(conv, "hidden"))) {
		json_decref(conv);
		return STORE_NOTFOUND;
	}
	*out = conv;
	return STORE_OK;
}

static int index_key(struct store_key *k, const json_t *conv)
{
	const char *owner = json_string_value(json_object_get(conv, "owner"));
	const char *id = json_string_value(json_object_get(conv, "id"));
	double t = json_number_value(json_object_get(conv, "update_time"));
	if (owner == NULL || id == NULL)
		return STORE_CORRUPT;
	store_key_init(k);
	store_key_str(k, owner);
	store_key_u64(k, (uint64_t)(t * 1000.0));
	store_key_str(k, id);
	return k->overflow ? STORE_ERROR : STORE_OK;
}

int conv_put(struct store_txn *txn, const json_t *conv)
{
	const char *id = json_string_value(json_object_get(conv, "id"));
	if (id == NULL || !uuid_valid(id))
		return STORE_ERROR;
	json_t *old = NULL;
	struct store_key k;
	int rc = store_get_json(txn, DB_CONVS, id, strlen(id), &old);
	if (rc == STORE_OK) {
		if (index_key(&k, old) == STORE_OK) {
			rc = store_del(txn, DB_CONVS_BY_USER, k.b, k.len);
			if (rc == STORE_NOTFOUND)
				rc = STORE_OK;
		}
		json_decref(old);
		if (rc != STORE_OK)
			return rc;
	} else if (rc != STORE_NOTFOUND) {
		return rc;
	}
	if ((rc = store_put_json(txn, DB_CONVS, id, strlen(id), conv, 0)) != STORE_OK)
		return rc;
	if ((rc = index_key(&k, conv)) != STORE_OK)
		return rc;
	return store_put(txn, DB_CONVS_BY_USER, k.b, k.len, "", 0, 0);
}

struct list_ctx {
	struct store_txn *txn;
	size_t offset, limit, seen;
	json_t *items;
	int err;
};

static int list_one(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct list_ctx *c = arg;
	/* Key: owner NUL, update be64, id NUL. */
	const char *k = key->data;
	size_t olen = strnlen(k, key->len) + 1;
	if (olen + 8 >= key->len)
		return STORE_CORRUPT;
	const char *id = k + olen + 8;
	json_t *conv;
	if (conv_get(c->txn, id, &conv) != STORE_OK)
		return STORE_OK;
	if (json_is_true(json_object_get(conv, "hidden"))) {
		json_decref(conv);
		return STORE_OK;
	}
	if (c->seen >= c->offset && json_array_size(c->items) < c->limit)
		json_array_append(c->items, conv);
	c->seen++;
	json_decref(conv);
	return STORE_OK;
}

int conv_list(struct store_txn *txn, const char *owner, size_t offset, size_t limit, json_t **items,
	      size_t *total)
{
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, owner);
	if (prefix.overflow)
		return STORE_ERROR;
	struct list_ctx c = { txn, offset, limit, 0, json_array(), 0 };
	if (c.items == NULL)
		return STORE_ERROR;
	int rc = store_scan(txn, DB_CONVS_BY_USER, prefix.b, prefix.len, NULL, 0, false, true, list_one, &c);
	if (rc != STORE_OK) {
		json_decref(c.items);
		return rc;
	}
	*items = c.items;
	*total = c.seen;
	return STORE_OK;
}

static int msg_key(struct store_key *k, const char *conv_id, const char *msg_id)
{
	store_key_init(k);
	store_key_str(k, conv_id);
	store_key_str(k, msg_id);
	return k->overflow ? STORE_ERROR : STORE_OK;
}

int msg_get(struct store_txn *txn, const char *conv_id, const char *msg_id, json_t **out)
{
	struct store_key k;
	if (msg_key(&k, conv_id, msg_id) != STORE_OK)
		return STORE_NOTFOUND;
	return store_get_json(txn, DB_MESSAGES, k.b, k.len, out);
}

int msg_put(struct store_txn *txn, const char *conv_id, const json_t *node)
{
	const char *id = json_string_value(json_object_get(node, "id"));
	struct store_key k;
	if (id == NULL || msg_key(&k, conv_id, id) != STORE_OK)
		return STORE_ERROR;
	return store_put_json(txn, DB_MESSAGES, k.b, k.len, node, 0);
}

int msg_add(struct store_txn *txn, const char *conv_id, const char *parent, json_t *message)
{
	const char *id = json_string_value(json_object_get(message, "id"));
	if (id == NULL)
		return STORE_ERROR;
	json_t *node = json_pack("{s:s, s:O, s:s?, s:[]}", "id", id, "message", message, "parent",
				 parent, "children");
	if (node == NULL)
		return STORE_ERROR;
	int rc = msg_put(txn, conv_id, node);
	json_decref(node);
	if (rc != STORE_OK || parent == NULL)
		return rc;
	json_t *p;
	rc = msg_get(txn, conv_id, parent, &p);
	if (rc != STORE_OK)
		return rc;
	json_t *children = json_object_get(p, "children");
	if (!json_is_array(children)) {
		children = json_array();
		json_object_set_new(p, "children", children);
	}
	json_array_append_new(children, json_string(id));
	rc = msg_put(txn, conv_id, p);
	json_decref(p);
	return rc;
}

struct mapping_ctx {
	json_t *mapping;
};

static int mapping_one(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct mapping_ctx *m = arg;
	json_t *node = json_loadb(val->data, val->len, 0, NULL);
	const char *id = node ? json_string_value(json_object_get(node, "id")) : NULL;
	if (id == NULL) {
		json_decref(node);
		return STORE_CORRUPT;
	}
	json_object_set_new(m->mapping, id, node);
	return STORE_OK;
}

int conv_mapping(struct store_txn *txn, const char *conv_id, json_t **out)
{
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, conv_id);
	struct mapping_ctx m = { json_object() };
	int rc = store_scan(txn, DB_MESSAGES, prefix.b, prefix.len, NULL, 0, false, false, mapping_one, &m);
	if (rc != STORE_OK) {
		json_decref(m.mapping);
		return rc;
	}
	*out = m.mapping;
	return STORE_OK;
}
