#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "tap.h"

int main(void)
{
	struct arena *a = arena_create(64 * 1024);
	ok(a != NULL, "arena created");
	char *s = arena_strdup(a, "hello");
	ok(s && strcmp(s, "hello") == 0, "strdup copies");
	void *p = arena_alloc(a, 3);
	ok(((uintptr_t)p & 15) == 0, "allocations are 16-byte aligned");
	char *f = arena_printf(a, "%d-%s", 42, "x");
	ok(f && strcmp(f, "42-x") == 0, "printf formats");
	void *big = arena_alloc(a, 20000);
	ok(big != NULL, "a large block gets its own chunk");
	memset(big, 1, 20000);
	char *after = arena_strdup(a, "after");
	ok(after && strcmp(after, "after") == 0, "small allocations continue after a large one");
	ok(arena_alloc(a, 64 * 1024) == NULL, "an allocation past the limit fails");
	ok(arena_calloc(a, SIZE_MAX / 2, 4) == NULL, "calloc overflow is refused");
	int *z = arena_calloc(a, 10, sizeof(int));
	int zero = 1;
	for (int i = 0; z && i < 10; i++)
		zero &= z[i] == 0;
	ok(z && zero, "calloc zeroes");
	ok(arena_used(a) > 20000 && arena_used(a) <= 64 * 1024, "used is tracked (%zu)", arena_used(a));
	arena_destroy(a);
	arena_destroy(NULL);
	ok(1, "destroy frees everything (checked by ASan)");
	return tap_done();
}
