/* userslots: the per-user cap, the total cap, giving back, many users. */
#include <stdio.h>

#include "tap.h"
#include "userslots.h"

static struct userslots u;

int main(void)
{
	userslots_init(&u, 2, 5);
	ok(userslots_take(&u, "alice") == USERSLOTS_OK && userslots_take(&u, "alice") == USERSLOTS_OK,
	   "a user takes up to the per-user cap");
	ok(userslots_take(&u, "alice") == USERSLOTS_USER_FULL, "one more is refused for that user");
	ok(userslots_take(&u, "bob") == USERSLOTS_OK && userslots_take(&u, "carol") == USERSLOTS_OK &&
	   userslots_take(&u, "bob") == USERSLOTS_OK,
	   "other users still get theirs");
	ok(userslots_take(&u, "dave") == USERSLOTS_ALL_FULL, "the total cap refuses anyone once reached");
	userslots_give(&u, "alice");
	ok(userslots_take(&u, "dave") == USERSLOTS_OK, "a slot given back is free for another");
	ok(userslots_take(&u, "alice") == USERSLOTS_ALL_FULL, "and counts against the total again");
	userslots_give(&u, "bob");
	ok(userslots_take(&u, "alice") == USERSLOTS_OK && userslots_take(&u, "alice") == USERSLOTS_USER_FULL,
	   "alice holds two again, not three");
	userslots_give(&u, "nobody");
	ok(u.used == 5, "giving back what was never taken changes nothing (%u used)", u.used);

	/* Many users, one slot each, in a big table; entries are reused once free. */
	static struct userslots big;
	userslots_init(&big, 1, USERSLOTS_MAX);
	char name[32];
	int good = 0;
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < USERSLOTS_MAX; i++) {
			snprintf(name, sizeof(name), "user-%d-%d", round, i);
			good += userslots_take(&big, name) == USERSLOTS_OK;
		}
		for (int i = 0; i < USERSLOTS_MAX; i++) {
			snprintf(name, sizeof(name), "user-%d-%d", round, i);
			userslots_give(&big, name);
		}
	}
	ok(good == 3 * USERSLOTS_MAX && big.used == 0, "%d takes by %d users over three rounds", good, USERSLOTS_MAX);
	return tap_done();
}
