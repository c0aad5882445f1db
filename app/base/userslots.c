#include "userslots.h"

#include <string.h>

void userslots_init(struct userslots *u, unsigned per_user, unsigned total)
{
	memset(u, 0, sizeof(*u));
	pthread_mutex_init(&u->lock, NULL);
	u->per_user = per_user == 0 ? 1 : per_user;
	u->total = total == 0 ? 1 : total > USERSLOTS_MAX ? USERSLOTS_MAX : total;
}

enum userslots_rc userslots_take(struct userslots *u, const char *user)
{
	enum userslots_rc rc = USERSLOTS_OK;
	int mine = -1, free_at = -1;
	pthread_mutex_lock(&u->lock);
	for (unsigned i = 0; i < u->total && mine < 0; i++) {
		if (u->users[i].held == 0) {
			if (free_at < 0)
				free_at = (int)i;
		} else if (strncmp(u->users[i].user, user, USERSLOTS_USER_LEN - 1) == 0)
			mine = (int)i;
	}
	if (mine >= 0 && u->users[mine].held >= u->per_user)
		rc = USERSLOTS_USER_FULL;
	else if (u->used >= u->total)
		rc = USERSLOTS_ALL_FULL;
	else {
		if (mine < 0) {
			/* used < total, and each user entry holds at least one: an entry is free. */
			mine = free_at;
			strncpy(u->users[mine].user, user, USERSLOTS_USER_LEN - 1);
			u->users[mine].user[USERSLOTS_USER_LEN - 1] = '\0';
		}
		u->users[mine].held++;
		u->used++;
	}
	pthread_mutex_unlock(&u->lock);
	return rc;
}

void userslots_give(struct userslots *u, const char *user)
{
	pthread_mutex_lock(&u->lock);
	for (unsigned i = 0; i < u->total; i++) {
		if (u->users[i].held > 0 && strncmp(u->users[i].user, user, USERSLOTS_USER_LEN - 1) == 0) {
			if (--u->users[i].held == 0)
				u->users[i].user[0] = '\0';
			u->used--;
			break;
		}
	}
	pthread_mutex_unlock(&u->lock);
}
