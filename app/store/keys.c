#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "encode.h"

struct keyring {
	char path[4096];
	pthread_mutex_t lock;
	uint8_t current[KEY_LEN], previous[KEY_LEN];
	bool has_previous;
	struct timespec mtime;
	ino_t inode; /* a rotation renames a new file in: the inode tells even within one mtime tick */
	time_t checked;
};

/* Parses the key file's text. 0 or -1. */
static int parse_keys(const char *text, uint8_t cur[KEY_LEN], uint8_t prev[KEY_LEN], bool *has_prev)
{
	bool has_cur = false;
	*has_prev = false;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 8 + 2 * KEY_LEN && strncmp(p, "current ", 8) == 0) {
			if (hex_decode(p + 8, 2 * KEY_LEN, cur, KEY_LEN) != 0)
				return -1;
			has_cur = true;
		} else if (len == 9 + 2 * KEY_LEN && strncmp(p, "previous ", 9) == 0) {
			if (hex_decode(p + 9, 2 * KEY_LEN, prev, KEY_LEN) != 0)
				return -1;
			*has_prev = true;
		} else if (len != 0) {
			return -1;
		}
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return has_cur ? 0 : -1;
}

static int read_file(const char *path, char *buf, size_t cap, struct timespec *mtime, ino_t *inode)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	ssize_t n = -1;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size < cap) {
		n = read(fd, buf, cap - 1);
		*mtime = st.st_mtim;
		*inode = st.st_ino;
	}
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return 0;
}

/* Writes text to a fresh temporary file beside path, fsynced, mode 0600; its name goes to tmp. */
static int write_temp(const char *path, const char *text, char *tmp, size_t tmplen)
{
	int n = snprintf(tmp, tmplen, "%s.XXXXXX", path);
	if (n < 0 || (size_t)n >= tmplen)
		return -1;
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	size_t len = strlen(text);
	int rc = (fchmod(fd, 0600) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0) ? 0 : -1;
	close(fd);
	if (rc != 0)
		unlink(tmp);
	return rc;
}

static void format_keys(char *out, size_t outlen, const uint8_t cur[KEY_LEN], const uint8_t *prev)
{
	char h1[HEX_LEN(KEY_LEN)], h2[HEX_LEN(KEY_LEN)];
	hex_encode(cur, KEY_LEN, h1);
	if (prev != NULL) {
		hex_encode(prev, KEY_LEN, h2);
		snprintf(out, outlen, "current %s\nprevious %s\n", h1, h2);
	} else {
		snprintf(out, outlen, "current %s\n", h1);
	}
	OPENSSL_cleanse(h1, sizeof(h1));
	OPENSSL_cleanse(h2, sizeof(h2));
}

/* Creates the key file unless another process already has: link(2) refuses to replace it. */
static int create_keys(const char *path)
{
	uint8_t key[KEY_LEN];
	char text[256], tmp[4200];
	if (random_bytes(key, KEY_LEN) != 0)
		return -1;
	format_keys(text, sizeof(text), key, NULL);
	OPENSSL_cleanse(key, sizeof(key));
	int rc = write_temp(path, text, tmp, sizeof(tmp));
	OPENSSL_cleanse(text, sizeof(text));
	if (rc != 0)
		return -1;
	rc = link(tmp, path);
	int saved = errno;
	unlink(tmp);
	return rc == 0 || saved == EEXIST ? 0 : -1;
}

static int load(struct keyring *k)
{
	char text[512];
	struct timespec mtime;
	ino_t inode;
	if (read_file(k->path, text, sizeof(text), &mtime, &inode) != 0)
		return -1;
	uint8_t cur[KEY_LEN], prev[KEY_LEN];
	bool has_prev;
	int rc = parse_keys(text, cur, prev, &has_prev);
	OPENSSL_cleanse(text, sizeof(text));
	if (rc != 0)
		return -1;
	memcpy(k->current, cur, KEY_LEN);
	memcpy(k->previous, prev, KEY_LEN);
	k->has_previous = has_prev;
	k->mtime = mtime;
	k->inode = inode;
	OPENSSL_cleanse(cur, sizeof(cur));
	OPENSSL_cleanse(prev, sizeof(prev));
	return 0;
}

struct keyring *keys_open(const char *path, char *err, size_t errlen)
{
	struct keyring *k = calloc(1, sizeof(*k));
	if (k == NULL || strlen(path) >= sizeof(k->path)) {
		snprintf(err, errlen, "key path too long");
		free(k);
		return NULL;
	}
	memcpy(k->path, path, strlen(path) + 1);
	pthread_mutex_init(&k->lock, NULL);
	if (access(path, F_OK) != 0 && create_keys(path) != 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		goto fail;
	}
	struct stat st;
	if (stat(path, &st) == 0 && (st.st_mode & 077) != 0) {
		snprintf(err, errlen, "%s is readable by others (mode %o): chmod 600 it", path,
			 st.st_mode & 0777);
		goto fail;
	}
	if (load(k) != 0) {
		snprintf(err, errlen, "cannot read keys from %s", path);
		goto fail;
	}
	k->checked = time(NULL);
	return k;
fail:
	pthread_mutex_destroy(&k->lock);
	free(k);
	return NULL;
}

void keys_close(struct keyring *k)
{
	if (k == NULL)
		return;
	OPENSSL_cleanse(k->current, KEY_LEN);
	OPENSSL_cleanse(k->previous, KEY_LEN);
	pthread_mutex_destroy(&k->lock);
	free(k);
}

int keys_get(struct keyring *k, uint8_t current[KEY_LEN], uint8_t previous[KEY_LEN],
	     bool *has_previous)
{
	pthread_mutex_lock(&k->lock);
	time_t now = time(NULL);
	if (now != k->checked) {
		k->checked = now;
		struct stat st;
		if (stat(k->path, &st) == 0 &&
		    (st.st_ino != k->inode || st.st_mtim.tv_sec != k->mtime.tv_sec ||
		     st.st_mtim.tv_nsec != k->mtime.tv_nsec))
			load(k); /* on failure the keys in memory stay in use */
	}
	memcpy(current, k->current, KEY_LEN);
	memcpy(previous, k->previous, KEY_LEN);
	*has_previous = k->has_previous;
	pthread_mutex_unlock(&k->lock);
	return 0;
}

int keys_rotate(const char *path, char *err, size_t errlen)
{
	char text[512], tmp[4200];
	struct timespec mtime;
	ino_t inode;
	uint8_t cur[KEY_LEN], prev[KEY_LEN], fresh[KEY_LEN];
	bool has_prev;
	if (access(path, F_OK) != 0 && create_keys(path) != 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		return -1;
	}
	if (read_file(path, text, sizeof(text), &mtime, &inode) != 0 ||
	    parse_keys(text, cur, prev, &has_prev) != 0) {
		snprintf(err, errlen, "cannot read keys from %s", path);
		return -1;
	}
	if (random_bytes(fresh, KEY_LEN) != 0) {
		snprintf(err, errlen, "no randomness");
		return -1;
	}
	format_keys(text, sizeof(text), fresh, cur);
	int rc = write_temp(path, text, tmp, sizeof(tmp));
	if (rc == 0 && rename(tmp, path) != 0) {
		unlink(tmp);
		rc = -1;
	}
	if (rc != 0)
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
	OPENSSL_cleanse(text, sizeof(text));
	OPENSSL_cleanse(cur, sizeof(cur));
	OPENSSL_cleanse(prev, sizeof(prev));
	OPENSSL_cleanse(fresh, sizeof(fresh));
	return rc;
}
