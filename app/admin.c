/*
 * images-admin: maintenance commands run beside the workers.
 *
 *   images-admin [-c images.conf] [-d data_dir] rotate-keys
 *       Makes a new estuary signing key; the old one still verifies links it
 *       signed until they expire. Workers pick the new key up within a second.
 *   images-admin [-c images.conf] [-d data_dir] sweep [grace seconds]
 *       Deletes blob files no file record refers to (default grace: 3600 s).
 *   images-admin [-c images.conf] [-d data_dir] check
 *       Prints the store's map size and runs LMDB's stale-reader check.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blobstore.h"
#include "config.h"
#include "keys.h"
#include "store.h"
#include "textparse.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: images-admin [-c images.conf] [-d data_dir] rotate-keys\n"
		   "       images-admin [-c images.conf] [-d data_dir] sweep [grace_seconds]\n"
		   "       images-admin [-c images.conf] [-d data_dir] check\n");
}

static int open_store(const struct config *cfg, struct store **s)
{
	char path[PATH_MAX], err[512];
	if ((size_t)snprintf(path, sizeof(path), "%s/db", cfg->data_dir) >= sizeof(path))
		return -1;
	struct store_opts o = { cfg->db_map_mb << 20, cfg->db_map_max_mb << 20, cfg->db_max_readers };
	if (store_open(s, path, &o, err, sizeof(err)) != STORE_OK) {
		fprintf(stderr, "images-admin: %s\n", err);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct config cfg;
	char err[512], path[PATH_MAX];
	const char *conf = NULL, *dir = NULL;
	int opt;
	config_defaults(&cfg);
	while ((opt = getopt(argc, argv, "c:d:h")) != -1) {
		switch (opt) {
		case 'c': conf = optarg; break;
		case 'd': dir = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (conf != NULL && config_load(&cfg, conf, err, sizeof(err)) != 0) {
		fprintf(stderr, "images-admin: %s\n", err);
		return 2;
	}
	if (dir == NULL)
		dir = getenv("IMAGES_VAR");
	if (dir != NULL && config_set(&cfg, "data_dir", dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "images-admin: %s\n", err);
		return 2;
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[optind];
	if (strcmp(cmd, "rotate-keys") == 0) {
		if ((size_t)snprintf(path, sizeof(path), "%s/keys/estuary.key", cfg.data_dir) >= sizeof(path) ||
		    keys_rotate(path, err, sizeof(err)) != 0) {
			fprintf(stderr, "images-admin: %s\n", err);
			return 1;
		}
		printf("rotated %s: new links use the new key; links signed before stay valid until they expire\n",
		       path);
		return 0;
	}
	if (strcmp(cmd, "sweep") == 0) {
		unsigned long long grace = 3600;
		if (optind + 1 < argc &&
		    parse_ull(argv[optind + 1], strlen(argv[optind + 1]), 0, 86400 * 365, &grace) != 0) {
			fprintf(stderr, "images-admin: grace must be a number of seconds\n");
			return 2;
		}
		struct store *s;
		unsigned removed;
		if ((size_t)snprintf(path, sizeof(path), "%s/blobs", cfg.data_dir) >= sizeof(path) ||
		    open_store(&cfg, &s) != 0)
			return 1;
		int rc = blob_sweep(s, path, (int64_t)grace, &removed);
		store_close(s);
		printf("sweep: %u unreferenced blob files removed\n", removed);
		return rc == 0 ? 0 : 1;
	}
	if (strcmp(cmd, "check") == 0) {
		struct store *s;
		int dead = 0;
		if (open_store(&cfg, &s) != 0)
			return 1;
		store_reader_check(s, &dead);
		printf("map size %zu bytes; %d stale readers cleared\n", store_map_size(s), dead);
		store_close(s);
		return 0;
	}
	usage(stderr);
	return 2;
}
