#include "offload.h"

#include <pthread.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "userslots.h"

static struct userslots slots;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;
static unsigned nslots = 1;

static void slots_init(void)
{
	userslots_init(&slots, 1, nslots);
}

void offload_init(unsigned n)
{
	nslots = n == 0 ? 1 : n;
	pthread_once(&slots_once, slots_init);
}

struct call {
	void (*fn)(void *);
	void *arg;
};

static void *run_low(void *p)
{
	struct call *c = p;
	/* Only this thread: nice 10, as the render threads. */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	c->fn(c->arg);
	return NULL;
}

enum offload_rc offload_run(const char *user, void (*fn)(void *), void *arg)
{
	pthread_once(&slots_once, slots_init);
	const char *who = user != NULL ? user : "";
	switch (userslots_take(&slots, who)) {
	case USERSLOTS_OK: break;
	case USERSLOTS_USER_FULL: return OFFLOAD_USER_BUSY;
	case USERSLOTS_ALL_FULL: return OFFLOAD_FULL;
	}
	struct call c = { fn, arg };
	pthread_t t;
	bool started = pthread_create(&t, NULL, run_low, &c) == 0;
	if (started)
		pthread_join(t, NULL);
	userslots_give(&slots, who);
	return started ? OFFLOAD_RAN : OFFLOAD_ERROR;
}
