#!/usr/bin/env bash
# ./test.sh — installs what is missing, builds, and runs every test suite:
#   unit        C unit tests (make check, TAP)
#   nginx       integration tests through real nginx + spawn-fcgi workers
#   lighttpd    the same integration tests through lighttpd (mod_fastcgi bin-path)
#   e2e         the web UI in Debian's Chromium, driven by playwright-core, through real nginx
#   asan        unit + nginx integration tests on an ASan+UBSan build; any sanitizer report fails
#   fuzz        each libFuzzer harness (tests/fuzz/) for 5 s (IMAGES_FUZZ_SECONDS)
#   distcheck   make distcheck: the release tarball builds and passes its tests on its own
# It ends with one line "N passed, N failed, N skipped" and exits non-zero if anything failed.
# IMAGES_TEST_SUITES="unit nginx" runs a subset.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
SUITES=${IMAGES_TEST_SUITES:-"unit nginx lighttpd e2e asan fuzz distcheck"}
JOBS=$(nproc 2>/dev/null || echo 2)
PASS=0 FAIL=0 SKIP=0
LOGDIR=$ROOT/build-test-logs
mkdir -p "$LOGDIR"

say() { printf '== %s\n' "$*"; }
count() { # suite pass fail skip
	say "$1: $2 passed, $3 failed, $4 skipped"
	PASS=$((PASS + $2)) FAIL=$((FAIL + $3)) SKIP=$((SKIP + $4))
}

# Counts TAP cases from automake's .trs files under directory $2 (a crashed program counts as a failure);
# tests/fuzz/ holds the fuzz corpus replays.
count_make_check() {
	local trs p f s
	trs=$(cat "$2"/tests/unit/*.trs "$2"/tests/fuzz/*.trs 2>/dev/null)
	p=$(grep -c '^:test-result: PASS' <<<"$trs")
	f=$(grep -cE '^:test-result: (FAIL|ERROR|XPASS)' <<<"$trs")
	s=$(grep -c '^:test-result: SKIP' <<<"$trs")
	[ -f "$2/test-suite.log" ] || f=$((f + 1))
	count "$1" "$p" "$f" "$s"
}

# Counts from node's TAP reporter output in file $2.
count_node() {
	local p f s
	p=$(awk '/^# pass /{print $3}' "$2" | tail -n1)
	f=$(awk '/^# fail /{print $3}' "$2" | tail -n1)
	s=$(awk '/^# skipped /{print $3}' "$2" | tail -n1)
	[ -n "$p" ] || { p=0; f=1; }
	count "$1" "${p:-0}" "${f:-0}" "${s:-0}"
}

say "dependencies"
WITH_TEST_PACKAGES=1 ./run.sh deps || { echo "installing dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

say "build"
# The same build as ./run.sh: npm ci of the engine's artwork (assets/), autoreconf, configure, make.
if ! ./run.sh build >"$LOGDIR/build.log" 2>&1; then
	tail -n 40 "$LOGDIR/build.log"
	echo "0 passed, 1 failed"
	exit 1
fi

for suite in $SUITES; do
	case $suite in
	unit)
		say "unit tests"
		make -j"$JOBS" check >"$LOGDIR/unit.log" 2>&1 || grep -E '^(FAIL|ERROR|not ok)' -r tests/unit/*.log | head -n 20
		count_make_check unit "$ROOT"
		;;
	nginx | lighttpd)
		say "integration tests through $suite"
		tests/integration/run.sh "$suite" >"$LOGDIR/$suite.log" 2>&1
		grep -E '^not ok|^# (pass|fail|skipped) ' "$LOGDIR/$suite.log"
		count_node "$suite" "$LOGDIR/$suite.log"
		;;
	e2e)
		say "end-to-end tests of the web UI (Chromium + playwright-core)"
		# playwright-core only, pinned by tests/e2e/package-lock.json; it never
		# downloads a browser: the tests drive Debian's /usr/bin/chromium.
		if [ ! -d tests/e2e/node_modules/playwright-core ] &&
			! (cd tests/e2e && npm ci --no-audit --no-fund) >"$LOGDIR/e2e-npm.log" 2>&1; then
			tail -n 20 "$LOGDIR/e2e-npm.log"
			count e2e 0 1 0
			continue
		fi
		# Two files at a time: each drives its own Chromium against its own server.
		IMAGES_SERVER=nginx node --test --test-concurrency=2 --test-timeout=600000 --test-reporter=tap tests/e2e/*.test.mjs >"$LOGDIR/e2e.log" 2>&1
		grep -E '^not ok|^# (pass|fail|skipped) ' "$LOGDIR/e2e.log"
		count_node e2e "$LOGDIR/e2e.log"
		;;
	asan)
		say "ASan+UBSan build"
		# The source tree is configured in place, so the sanitizer build works on a
		# copy of the distribution files (make distdir) in build-asan/src.
		if ! { rm -rf build-asan && mkdir -p build-asan && make distdir distdir=build-asan/src >"$LOGDIR/asan-build.log" 2>&1 &&
			(cd build-asan/src && ./configure -q --enable-sanitizers --with-artwork="$ROOT/assets/node_modules" && make -j"$JOBS") \
				>>"$LOGDIR/asan-build.log" 2>&1; }; then
			tail -n 40 "$LOGDIR/asan-build.log"
			count asan-build 0 1 0
			continue
		fi
		(cd build-asan/src && make -j"$JOBS" check >"$LOGDIR/asan-unit.log" 2>&1)
		count_make_check asan-unit "$ROOT/build-asan/src"
		reports=$(mktemp -d)
		ASAN_OPTIONS="log_path=$reports/asan:detect_leaks=1" \
		UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1" \
		IMAGES_FCGI=$ROOT/build-asan/src/app/images-fcgi \
			tests/integration/run.sh nginx >"$LOGDIR/asan-nginx.log" 2>&1
		grep -E '^not ok|^# (pass|fail|skipped) ' "$LOGDIR/asan-nginx.log"
		count_node asan-nginx "$LOGDIR/asan-nginx.log"
		if compgen -G "$reports/*" >/dev/null; then
			say "sanitizer reports from the workers:"
			head -n 60 "$reports"/*
			count asan-reports 0 1 0
		else
			count asan-reports 1 0 0
		fi
		rm -rf "$reports"
		;;
	fuzz)
		# Each libFuzzer harness of tests/fuzz/ for FUZZ_SECONDS (5 here; make fuzz
		# defaults to 60): one pass per harness that ran without a crash.
		say "fuzzing (libFuzzer, ${IMAGES_FUZZ_SECONDS:-5} s per harness)"
		make fuzz FUZZ_SECONDS="${IMAGES_FUZZ_SECONDS:-5}" >"$LOGDIR/fuzz.log" 2>&1
		grep '^fuzz ' "$LOGDIR/fuzz.log"
		p=$(grep -c '^fuzz .*, ok$' "$LOGDIR/fuzz.log")
		f=$(grep -c '^fuzz .*\(FAILED\|build failed\)' "$LOGDIR/fuzz.log")
		[ "$p" -gt 0 ] || [ "$f" -gt 0 ] || { tail -n 20 "$LOGDIR/fuzz.log"; f=1; }
		count fuzz "$p" "$f" 0
		;;
	distcheck)
		say "make distcheck"
		if make -j"$JOBS" distcheck >"$LOGDIR/distcheck.log" 2>&1; then
			count distcheck 1 0 0
		else
			tail -n 40 "$LOGDIR/distcheck.log"
			count distcheck 0 1 0
		fi
		;;
	*)
		echo "unknown suite: $suite"
		count "$suite" 0 1 0
		;;
	esac
done

echo "$PASS passed, $FAIL failed, $SKIP skipped"
[ "$FAIL" -eq 0 ]
