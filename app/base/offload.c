#include "offload.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_SLOTS 64
#define USER_LEN 64

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned nslots = 1;
static char running[MAX_SLOTS][USER_LEN]; /* the users whose jobs hold a slot; "" is free */

void offload_init(unsigned slots)
{
	pthread_mutex_lock(&lock);
	nslots = slots == 0 ? 1 : slots > MAX_SLOTS ? MAX_SLOTS : slots;
	pthread_mutex_unlock(&lock);
}

/* A slot for user, or -1 with why. */
static int take_slot(const char *user, enum offload_rc *why)
{
	int free_at = -1;
	pthread_mutex_lock(&lock);
	for (unsigned i = 0; i < nslots; i++) {
		if (running[i][0] == '\0') {
			if (free_at < 0)
				free_at = (int)i;
		} else if (strncmp(running[i], user, USER_LEN - 1) == 0) {
			pthread_mutex_unlock(&lock);
			*why = OFFLOAD_USER_BUSY;
			return -1;
		}
	}
	if (free_at >= 0) {
		strncpy(running[free_at], user, USER_LEN - 1);
		running[free_at][USER_LEN - 1] = '\0';
	} else
		*why = OFFLOAD_FULL;
	pthread_mutex_unlock(&lock);
	return free_at;
}

static void give_slot(int i)
{
	pthread_mutex_lock(&lock);
	running[i][0] = '\0';
	pthread_mutex_unlock(&lock);
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
	enum offload_rc why = OFFLOAD_ERROR;
	int slot = take_slot(user != NULL ? user : "", &why);
	if (slot < 0)
		return why;
	struct call c = { fn, arg };
	pthread_t t;
	bool started = pthread_create(&t, NULL, run_low, &c) == 0;
	if (started)
		pthread_join(t, NULL);
	give_slot(slot);
	return started ? OFFLOAD_RAN : OFFLOAD_ERROR;
}
