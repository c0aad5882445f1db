#include "metrics.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define METRICS_MAGIC 0x494d474d45545231ull /* "IMGMETR1" */

const double metrics_bucket_ms[METRICS_BUCKETS - 1] = { 1, 2.5, 5, 10, 25, 50, 100, 250, 1000 };

static struct metrics_block *mine;

int metrics_open(const char *dir, uint64_t layout)
{
	char path[4096];
	if ((size_t)snprintf(path, sizeof(path), "%s/%d.metrics", dir, (int)getpid()) >= sizeof(path))
		return -1;
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, sizeof(struct metrics_block)) != 0) {
		close(fd);
		return -1;
	}
	void *p = mmap(NULL, sizeof(struct metrics_block), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	struct metrics_block *b = p;
	b->layout = layout;
	__atomic_store_n(&b->magic, METRICS_MAGIC, __ATOMIC_RELEASE);
	mine = b;
	return 0;
}

void metrics_request(unsigned route, int status, uint64_t us)
{
	if (mine == NULL || route >= METRICS_ROUTES)
		return;
	struct metrics_route *r = &mine->route[route];
	int cls = status / 100 - 1;
	if (cls >= 0 && cls < 5)
		__atomic_fetch_add(&r->status[cls], 1, __ATOMIC_RELAXED);
	double ms = (double)us / 1000.0;
	unsigned b = 0;
	while (b < METRICS_BUCKETS - 1 && ms > metrics_bucket_ms[b])
		b++;
	__atomic_fetch_add(&r->bucket[b], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&r->sum_us, us, __ATOMIC_RELAXED);
}

void metrics_image(int ok, uint64_t render_us)
{
	if (mine == NULL)
		return;
	__atomic_fetch_add(ok ? &mine->images_done : &mine->images_failed, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&mine->render_us, render_us, __ATOMIC_RELAXED);
}

static void add_block(struct metrics_block *out, const struct metrics_block *b)
{
	for (unsigned i = 0; i < METRICS_ROUTES; i++) {
		const struct metrics_route *r = &b->route[i];
		for (int k = 0; k < 5; k++)
			out->route[i].status[k] += __atomic_load_n(&r->status[k], __ATOMIC_RELAXED);
		for (int k = 0; k < METRICS_BUCKETS; k++)
			out->route[i].bucket[k] += __atomic_load_n(&r->bucket[k], __ATOMIC_RELAXED);
		out->route[i].sum_us += __atomic_load_n(&r->sum_us, __ATOMIC_RELAXED);
	}
	out->images_done += __atomic_load_n(&b->images_done, __ATOMIC_RELAXED);
	out->images_failed += __atomic_load_n(&b->images_failed, __ATOMIC_RELAXED);
	out->render_us += __atomic_load_n(&b->render_us, __ATOMIC_RELAXED);
}

int metrics_sum(const char *dir, uint64_t layout, struct metrics_block *out, unsigned *processes)
{
	memset(out, 0, sizeof(*out));
	*processes = 0;
	DIR *d = opendir(dir);
	if (d == NULL)
		return -1;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 9 || strcmp(e->d_name + n - 8, ".metrics") != 0)
			continue;
		int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd < 0)
			continue;
		struct stat st;
		void *p = MAP_FAILED;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == sizeof(struct metrics_block))
			p = mmap(NULL, sizeof(struct metrics_block), PROT_READ, MAP_SHARED, fd, 0);
		close(fd);
		if (p == MAP_FAILED)
			continue;
		const struct metrics_block *b = p;
		if (__atomic_load_n(&b->magic, __ATOMIC_ACQUIRE) == METRICS_MAGIC && b->layout == layout) {
			add_block(out, b);
			(*processes)++;
		}
		munmap(p, sizeof(struct metrics_block));
	}
	closedir(d);
	return 0;
}
