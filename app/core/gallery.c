#include "gallery.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "conversations.h"
#include "encode.h"

static int gallery_key(struct store_key *k, const char *user, int64_t created_ms, const char *file_id)
{
	store_key_init(k);
	store_key_str(k, user);
	store_key_u64(k, (uint64_t)created_ms);
	store_key_str(k, file_id);
	return k->overflow ? STORE_ERROR : STORE_OK;
}

int gallery_add(struct store_txn *txn, const struct file_record *rec, int64_t created_ms,
		const json_t *card)
{
	struct store_key k;
	int rc = gallery_key(&k, rec->owner, created_ms, rec->id);
	if (rc != STORE_OK)
		return rc;
	return store_put_json(txn, DB_GALLERY, k.b, k.len, card, 0);
}

/* True when every word of q appears (case-insensitively) in one of the card's prompts or title. */
static bool matches_words(const json_t *card, const char *q)
{
	const char *fields[] = { "prompt", "enhanced_prompt", "title" };
	char word[64];
	const char *p = q;
	while (*p) {
		while (*p && isspace((unsigned char)*p))
			p++;
		size_t n = 0;
		while (p[n] && !isspace((unsigned char)p[n]))
			n++;
		if (n == 0)
			break;
		size_t w = n < sizeof(word) - 1 ? n : sizeof(word) - 1;
		memcpy(word, p, w);
		word[w] = '\0';
		p += n;
		bool found = false;
		for (size_t i = 0; i < 3 && !found; i++) {
			const char *text = json_string_value(json_object_get(card, fields[i]));
			found = text != NULL && strcasestr(text, word) != NULL;
		}
		if (!found)
			return false;
	}
	return true;
}

struct page_ctx {
	struct store_txn *txn;
	const struct gallery_query *q;
	json_t *items;
	uint8_t last[STORE_KEY_MAX];
	size_t lastlen;
	bool more;
	size_t scanned;
	/* Consecutive images mostly share a conversation: remember the last answer. */
	char last_conv[UUID_LEN + 1];
	bool last_hidden;
};

static int page_one(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct page_ctx *c = arg;
	if (json_array_size(c->items) == c->q->limit) {
		c->more = true;
		return STORE_STOP;
	}
	const char *k = key->data;
	size_t ulen = strnlen(k, key->len) + 1;
	if (ulen + 8 >= key->len || key->len > STORE_KEY_MAX)
		return STORE_CORRUPT;
	memcpy(c->last, key->data, key->len);
	c->lastlen = key->len;
	json_t *card = json_loadb(val->data, val->len, 0, NULL);
	if (card == NULL)
		return STORE_CORRUPT;
	bool keep = true;
	if (c->q->style != NULL)
		keep = strcmp(json_string_value(json_object_get(card, "style")) ?: "", c->q->style) == 0;
	if (keep && c->q->q != NULL)
		keep = matches_words(card, c->q->q);
	if (keep) {
		/* Images of hidden (deleted) conversations leave the gallery. */
		json_t *conv;
		const char *cid = json_string_value(json_object_get(card, "conversation_id"));
		if (cid != NULL && strcmp(cid, c->last_conv) == 0) {
			keep = !c->last_hidden;
		} else if (cid != NULL && conv_get(c->txn, cid, &conv) == STORE_OK) {
			keep = !json_is_true(json_object_get(conv, "hidden"));
			json_decref(conv);
			snprintf(c->last_conv, sizeof(c->last_conv), "%s", cid);
			c->last_hidden = !keep;
		}
	}
	if (keep) {
		int64_t ms = (int64_t)store_be64(k + ulen);
		json_object_set_new(card, "id", json_stringn(k + ulen + 8, strnlen(k + ulen + 8, key->len - ulen - 8)));
		json_object_set_new(card, "created_at", json_real((double)ms / 1000.0));
		json_array_append(c->items, card);
	}
	json_decref(card);
	return STORE_OK;
}

int gallery_page(struct store_txn *txn, const struct gallery_query *q, json_t **items,
		 char *next_cursor, size_t cursor_len)
{
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, q->user);
	if (prefix.overflow)
		return STORE_ERROR;
	uint8_t start[STORE_KEY_MAX];
	size_t slen = 0;
	if (q->after != NULL && q->after[0] != '\0') {
		if (strlen(q->after) > GALLERY_CURSOR_MAX ||
		    b64url_decode(q->after, start, sizeof(start), &slen) != 0 || slen < prefix.len + 9 ||
		    memcmp(start, prefix.b, prefix.len) != 0)
			return STORE_CORRUPT; /* malformed, or another user's cursor */
	}
	struct page_ctx *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return STORE_ERROR;
	c->txn = txn;
	c->q = q;
	c->items = json_array();
	int rc = store_scan(txn, DB_GALLERY, prefix.b, prefix.len, slen ? start : NULL, slen, false, true,
			    page_one, c);
	next_cursor[0] = '\0';
	if (rc == STORE_OK && c->more && B64URL_LEN(c->lastlen) <= cursor_len)
		b64url_encode(c->last, c->lastlen, next_cursor);
	if (rc == STORE_OK)
		*items = c->items;
	else
		json_decref(c->items);
	free(c);
	return rc;
}

struct find_ctx {
	const char *file_id;
	uint8_t key[STORE_KEY_MAX];
	size_t keylen;
	json_t *card;
};

static int find_file(const struct store_val *key, const struct store_val *val, void *arg)
{
	struct find_ctx *f = arg;
	size_t idlen = strlen(f->file_id) + 1;
	if (key->len < idlen || key->len > STORE_KEY_MAX ||
	    memcmp((const char *)key->data + key->len - idlen, f->file_id, idlen) != 0)
		return STORE_OK;
	memcpy(f->key, key->data, key->len);
	f->keylen = key->len;
	f->card = json_loadb(val->data, val->len, 0, NULL);
	return STORE_STOP;
}

int gallery_remove(struct store_txn *txn, const char *user, const char *file_id, json_t **card)
{
	struct file_record rec;
	(void)rec;
	struct store_key prefix;
	store_key_init(&prefix);
	store_key_str(&prefix, user);
	struct find_ctx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return STORE_ERROR;
	f->file_id = file_id;
	int rc = store_scan(txn, DB_GALLERY, prefix.b, prefix.len, NULL, 0, false, true, find_file, f);
	if (rc == STORE_OK && f->keylen == 0)
		rc = STORE_NOTFOUND;
	if (rc == STORE_OK)
		rc = store_del(txn, DB_GALLERY, f->key, f->keylen);
	if (rc == STORE_OK && card != NULL)
		*card = f->card;
	else
		json_decref(f->card);
	free(f);
	return rc;
}

/* Marks the image's part in its tool message as removed. */
static int mark_removed(struct store_txn *txn, const json_t *card, const char *file_id)
{
	json_t *node;
	const char *conv = json_string_value(json_object_get(card, "conversation_id"));
	const char *msg = json_string_value(json_object_get(card, "message_id"));
	if (conv == NULL || msg == NULL || msg_get(txn, conv, msg, &node) != STORE_OK)
		return STORE_OK;
	json_t *parts = json_object_get(json_object_get(json_object_get(node, "message"), "content"), "parts");
	char pointer[64];
	snprintf(pointer, sizeof(pointer), "sediment://%s", file_id);
	size_t i;
	json_t *part;
	json_array_foreach(parts, i, part) {
		const char *p = json_string_value(json_object_get(part, "asset_pointer"));
		if (p != NULL && strcmp(p, pointer) == 0)
			json_object_set_new(part, "removed", json_true());
	}
	int rc = msg_put(txn, conv, node);
	json_decref(node);
	return rc;
}

int gallery_delete_image(struct store_txn *txn, const char *user, const char *file_id)
{
	json_t *card = NULL;
	int rc = gallery_remove(txn, user, file_id, &card);
	if (rc != STORE_OK)
		return rc;
	rc = mark_removed(txn, card, file_id);
	json_decref(card);
	if (rc == STORE_OK) {
		rc = file_delete_txn(txn, file_id);
		if (rc == STORE_NOTFOUND)
			rc = STORE_OK;
	}
	return rc;
}
