/*
 * replay: runs a fuzz harness over its committed corpus, without libFuzzer.
 *
 * Linked with one harness (its LLVMFuzzerTestOneInput) into a `make check`
 * program, so every seed and every input that once crashed a harness
 * (tests/fuzz/corpus/<name>/crash-*) runs on each build, sanitized builds
 * included. TAP: one case per file. With arguments, replays those files.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define REPLAY_MAX_FILES 4096
#define REPLAY_MAX_BYTES (4u << 20)

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_file(const char *path, unsigned n)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		printf("not ok %u - %s: %s\n", n, path, strerror(errno));
		return 1;
	}
	uint8_t *buf = malloc(REPLAY_MAX_BYTES);
	size_t len = buf ? fread(buf, 1, REPLAY_MAX_BYTES, f) : 0;
	fclose(f);
	if (buf == NULL) {
		printf("not ok %u - %s: out of memory\n", n, path);
		return 1;
	}
	/* A copy of exactly len bytes, so that ASan sees reads past the input. */
	uint8_t *exact = malloc(len ? len : 1);
	if (exact == NULL) {
		free(buf);
		printf("not ok %u - %s: out of memory\n", n, path);
		return 1;
	}
	memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	printf("ok %u - %s\n", n, path);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	static char *files[REPLAY_MAX_FILES];
	size_t nfiles = 0;
	int status = 0;
	if (argc > 1) {
		for (int i = 1; i < argc && nfiles < REPLAY_MAX_FILES; i++)
			files[nfiles++] = argv[i];
	} else {
		const char *srcdir = getenv("srcdir");
		char dir[4096];
		snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", srcdir ? srcdir : ".", FUZZ_NAME);
		DIR *d = opendir(dir);
		if (d == NULL) {
			printf("1..1\nnot ok 1 - corpus %s: %s\n", dir, strerror(errno));
			return 1;
		}
		struct dirent *e;
		while ((e = readdir(d)) != NULL && nfiles < REPLAY_MAX_FILES) {
			if (e->d_name[0] == '.')
				continue;
			size_t len = strlen(dir) + strlen(e->d_name) + 2;
			char *p = malloc(len);
			if (p == NULL)
				break;
			snprintf(p, len, "%s/%s", dir, e->d_name);
			files[nfiles++] = p;
		}
		closedir(d);
		qsort(files, nfiles, sizeof(files[0]), cmp);
	}
	printf("1..%zu\n", nfiles);
	for (size_t i = 0; i < nfiles; i++)
		status |= run_file(files[i], (unsigned)i + 1);
	if (argc <= 1)
		for (size_t i = 0; i < nfiles; i++)
			free(files[i]);
	return status;
}
