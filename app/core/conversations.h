/*
 * conversations: conversation records and their message trees in LMDB.
 *
 * A conversation (DB_CONVS) is JSON {id, owner, title, kind "images"|"chat",
 * create_time, update_time (epoch seconds, float), current_node, hidden,
 * turns, scene (the last image's scene, for follow-up edits)}; a user's
 * conversations are listed newest-updated first through DB_CONVS_BY_USER,
 * which conv_put() keeps in step with update_time. Messages are mapping nodes
 * {id, message, parent, children} under (conversation id, message id), the
 * tree ChatGPT's clients know.
 *
 * Every function works inside the caller's transaction, so a turn can create
 * its conversation, messages and job atomically. json_t values passed in are
 * borrowed; values handed out are new references the caller decrefs.
 */
#ifndef IMAGES_CONVERSATIONS_H
#define IMAGES_CONVERSATIONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "encode.h"
#include "clock.h"
#include "store.h"


/* Reads a conversation; STORE_NOTFOUND when absent. */
int conv_get(struct store_txn *txn, const char *id, json_t **out);
/*
 * The conversation id if owner owns it and has not deleted (hidden) it, else
 * STORE_NOTFOUND: the one ownership check every route makes, so a conversation
 * of another user and a missing one answer alike.
 */
int conv_get_owned(struct store_txn *txn, const char *id, const char *owner, json_t **out);
/* Writes a conversation, moving its listing entry when update_time changed. */
int conv_put(struct store_txn *txn, const json_t *conv);
/* A page of the owner's visible conversations, newest updated first: items and total. */
int conv_list(struct store_txn *txn, const char *owner, size_t offset, size_t limit, json_t **items,
	      size_t *total);

/* Reads / writes one mapping node. */
int msg_get(struct store_txn *txn, const char *conv_id, const char *msg_id, json_t **out);
int msg_put(struct store_txn *txn, const char *conv_id, const json_t *node);
/*
 * Adds a message under parent (NULL for a root) and appends it to the
 * parent's children; the node is {id, message, parent, children: []}.
 */
int msg_add(struct store_txn *txn, const char *conv_id, const char *parent, json_t *message);
/* The whole mapping {id: node} of a conversation. */
int conv_mapping(struct store_txn *txn, const char *conv_id, json_t **out);


#endif
