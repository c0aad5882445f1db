#include "blobstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "encode.h"

int blob_relpath(const char *sha, char *out, size_t outlen)
{
	if (strlen(sha) != 64)
		return -1;
	int n = snprintf(out, outlen, "%.2s/%.2s/%s", sha, sha + 2, sha);
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

int blob_path(const char *blobs_dir, const char *sha, char *out, size_t outlen)
{
	char rel[80];
	if (blob_relpath(sha, rel, sizeof(rel)) != 0)
		return -1;
	int n = snprintf(out, outlen, "%s/%s", blobs_dir, rel);
	return n > 0 && (size_t)n < outlen ? 0 : -1;
}

static int ensure_dir(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

static int fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

int blob_put(const char *blobs_dir, const void *data, size_t len, char sha[65])
{
	uint8_t digest[32];
	char path[4096], dir[4096], tmp[4200];
	sha256(data, len, digest);
	hex_encode(digest, 32, sha);
	if (blob_path(blobs_dir, sha, path, sizeof(path)) != 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	struct stat st;
	if (stat(path, &st) == 0 && (size_t)st.st_size == len) {
		/* Already stored: mark it in use (atime) so a sweep running now leaves it alone. */
		struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
		utimensat(AT_FDCWD, path, times, 0);
		return 0;
	}
	snprintf(dir, sizeof(dir), "%s/%.2s", blobs_dir, sha);
	if (ensure_dir(dir) != 0)
		return -1;
	snprintf(dir, sizeof(dir), "%s/%.2s/%.2s", blobs_dir, sha, sha + 2);
	if (ensure_dir(dir) != 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s/.tmp-%s-XXXXXX", dir, sha);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	return fsync_dir(dir);
fail:;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

int blob_refs(struct store_txn *txn, const char *sha, int64_t *refs)
{
	uint8_t key[32];
	struct store_val v;
	if (hex_decode(sha, strlen(sha), key, 32) != 0)
		return STORE_ERROR;
	int rc = store_get(txn, DB_BLOBS, key, 32, &v);
	if (rc == STORE_NOTFOUND) {
		*refs = 0;
		return STORE_OK;
	}
	if (rc != STORE_OK)
		return rc;
	if (v.len != 16)
		return STORE_CORRUPT;
	*refs = (int64_t)store_be64(v.data);
	return STORE_OK;
}

int blob_ref(struct store_txn *txn, const char *sha, int64_t size, int delta)
{
	uint8_t key[32];
	int64_t refs;
	if (hex_decode(sha, strlen(sha), key, 32) != 0)
		return STORE_ERROR;
	int rc = blob_refs(txn, sha, &refs);
	if (rc != STORE_OK)
		return rc;
	refs += delta;
	if (refs <= 0) {
		rc = store_del(txn, DB_BLOBS, key, 32);
		return rc == STORE_NOTFOUND ? STORE_OK : rc;
	}
	struct store_key v;
	store_key_init(&v);
	store_key_u64(&v, (uint64_t)refs);
	store_key_u64(&v, (uint64_t)size);
	return store_put(txn, DB_BLOBS, key, 32, v.b, v.len, 0);
}

struct sweep_check {
	const char *sha;
	int64_t refs;
};

static int check_txn(struct store_txn *txn, void *arg)
{
	struct sweep_check *c = arg;
	return blob_refs(txn, c->sha, &c->refs);
}

/* Visits blobs_dir/xx/yy/<sha> and removes unreferenced, untouched blobs and stale temporaries. */
int blob_sweep(struct store *s, const char *blobs_dir, int64_t grace_s, unsigned *removed)
{
	*removed = 0;
	int64_t cutoff = (int64_t)time(NULL) - grace_s;
	DIR *d1 = opendir(blobs_dir);
	if (d1 == NULL)
		return errno == ENOENT ? 0 : -1;
	struct dirent *e1;
	char p1[4096], p2[4096], p3[4200];
	while ((e1 = readdir(d1)) != NULL) {
		if (strlen(e1->d_name) != 2 || e1->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(p1, sizeof(p1), "%s/%s", blobs_dir, e1->d_name) >= sizeof(p1))
			continue;
		DIR *d2 = opendir(p1);
		if (d2 == NULL)
			continue;
		struct dirent *e2;
		while ((e2 = readdir(d2)) != NULL) {
			if (strlen(e2->d_name) != 2 || e2->d_name[0] == '.')
				continue;
			if ((size_t)snprintf(p2, sizeof(p2), "%s/%s", p1, e2->d_name) >= sizeof(p2))
				continue;
			DIR *d3 = opendir(p2);
			if (d3 == NULL)
				continue;
			struct dirent *e3;
			while ((e3 = readdir(d3)) != NULL) {
				const char *name = e3->d_name;
				if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
					continue;
				if ((size_t)snprintf(p3, sizeof(p3), "%s/%s", p2, name) >= sizeof(p3))
					continue;
				struct stat st;
				if (lstat(p3, &st) != 0)
					continue;
				int64_t touched = st.st_mtime > st.st_atime ? st.st_mtime : st.st_atime;
				if (touched > cutoff)
					continue;
				bool temp = strncmp(name, ".tmp-", 5) == 0;
				if (!temp) {
					struct sweep_check c = { name, 1 };
					if (strlen(name) != 64 || store_view(s, check_txn, &c) != STORE_OK ||
					    c.refs > 0)
						continue;
				}
				if (unlink(p3) == 0)
					(*removed)++;
			}
			closedir(d3);
		}
		closedir(d2);
	}
	closedir(d1);
	return 0;
}
