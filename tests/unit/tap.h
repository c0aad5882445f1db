/*
 * tap: the smallest Test Anything Protocol writer, for one-file unit tests.
 * ok() prints "ok N - message" or "not ok N - message # file:line";
 * tap_done() prints the plan and returns the exit status.
 */
#ifndef IMAGES_TAP_H
#define IMAGES_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int tap_count, tap_failed;

__attribute__((format(printf, 4, 5))) static int tap_ok(int cond, const char *file, int line,
							 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%sok %d - ", cond ? "" : "not ", ++tap_count);
	vprintf(fmt, ap);
	va_end(ap);
	if (!cond) {
		printf(" # at %s:%d", file, line);
		tap_failed++;
	}
	printf("\n");
	fflush(stdout);
	return cond;
}

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

/* A fresh empty directory for this test, under $TEST_TMPDIR or /tmp. */
__attribute__((unused)) static char *tap_tmpdir(char *buf, size_t len)
{
	const char *base = getenv("TEST_TMPDIR");
	snprintf(buf, len, "%s/images-unit-XXXXXX", base ? base : "/tmp");
	return mkdtemp(buf);
}

#endif
