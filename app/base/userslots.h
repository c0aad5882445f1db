/*
 * userslots: how many of something each user holds in this process (request
 * threads decoding an upload, open streams), with a cap per user and one in all.
 * A take either succeeds at once or says which cap it hit; nothing waits.
 * Thread-safe. A struct userslots is set up with userslots_init() and lives as
 * long as the process.
 */
#ifndef IMAGES_USERSLOTS_H
#define IMAGES_USERSLOTS_H

#include <pthread.h>

#define USERSLOTS_MAX 1024
#define USERSLOTS_USER_LEN 64

enum userslots_rc { USERSLOTS_OK, USERSLOTS_USER_FULL, USERSLOTS_ALL_FULL };

struct userslots {
	pthread_mutex_t lock;
	unsigned per_user, total, used;
	struct {
		char user[USERSLOTS_USER_LEN]; /* "" when free */
		unsigned held;
	} users[USERSLOTS_MAX];
};

/* per_user and total are at least 1; total at most USERSLOTS_MAX. */
void userslots_init(struct userslots *u, unsigned per_user, unsigned total);
/* One slot for user, or the cap that stopped it. */
enum userslots_rc userslots_take(struct userslots *u, const char *user);
/* Gives back a slot user took. */
void userslots_give(struct userslots *u, const char *user);

#endif
