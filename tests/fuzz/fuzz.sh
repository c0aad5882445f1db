#!/usr/bin/env bash
# tests/fuzz/fuzz.sh SECONDS [HARNESS ...] — builds the libFuzzer harnesses of
# tests/fuzz/ with clang (-fsanitize=fuzzer,address,undefined) and runs each
# for SECONDS, starting from its committed seed corpus and dictionary.
# `make fuzz` calls it with what the build knows (FUZZ_SECONDS, default 60):
#   FUZZ_SRCS      the library sources (libimages.a + librender.a), relative to srcdir
#   FUZZ_CPPFLAGS  preprocessor and library CFLAGS;  FUZZ_LIBS  libraries to link
#   srcdir         the source tree;  FUZZ_DIR  where to build and keep corpora (build-fuzz)
# A crash leaves its input in $FUZZ_DIR/crash-<harness>-*: copy it into
# tests/fuzz/corpus/<harness>/ (make check replays that corpus) and fix the bug.
# Prints one line per harness: "fuzz <name>: <runs> runs in <s> s (<rate>/s), <result>".
set -uo pipefail
SECONDS_EACH=${1:?usage: fuzz.sh SECONDS [HARNESS ...]}
shift
srcdir=${srcdir:-.}
FUZZ_DIR=${FUZZ_DIR:-build-fuzz}
CC=${FUZZ_CC:-clang}
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
ALL="http multipart json estuary prompt image ws sse llm comfyui"
HARNESSES=${*:-$ALL}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c11 $SAN -fsanitize=fuzzer-no-link"

if ! command -v "$CC" >/dev/null; then
	echo "fuzz: $CC not found: install the Debian packages clang and libclang-rt-14-dev" >&2
	exit 2
fi
mkdir -p "$FUZZ_DIR/obj"

# The library, built once with coverage instrumentation; only changed sources recompile.
objs=()
for src in $FUZZ_SRCS; do
	case $src in *.c) ;; *) continue ;; esac
	objs+=("$FUZZ_DIR/obj/$(echo "${src%.c}" | tr / _).o")
done
printf '%s\n' $FUZZ_SRCS | grep '\.c$' | xargs -P "$JOBS" -I{} sh -c '
	o="$0/obj/$(echo "$(dirname {})/$(basename {} .c)" | tr / _).o"
	if [ ! -f "$o" ] || [ "$1/{}" -nt "$o" ] || [ -n "$(find "$1/app" -newer "$o" -name "*.h" | head -n1)" ]; then
		$2 $3 $4 -c "$1/{}" -o "$o" || exit 255
	fi' "$FUZZ_DIR" "$srcdir" "$CC" "$CFLAGS" "$FUZZ_CPPFLAGS" || { echo "fuzz: building the library failed" >&2; exit 1; }
rm -f "$FUZZ_DIR/libfuzz.a"
ar rcs "$FUZZ_DIR/libfuzz.a" "${objs[@]}" || exit 1

status=0
for h in $HARNESSES; do
	bin=$FUZZ_DIR/fuzz_$h
	if ! $CC $CFLAGS $FUZZ_CPPFLAGS -I"$srcdir/tests/fuzz" -fsanitize=fuzzer "$srcdir/tests/fuzz/fuzz_$h.c" \
		"$FUZZ_DIR/libfuzz.a" $FUZZ_LIBS -o "$bin"; then
		echo "fuzz $h: build failed"
		status=1
		continue
	fi
	work=$FUZZ_DIR/corpus/$h
	mkdir -p "$work"
	dict=()
	[ -f "$srcdir/tests/fuzz/$h.dict" ] && dict=(-dict="$srcdir/tests/fuzz/$h.dict")
	log=$FUZZ_DIR/fuzz_$h.log
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$FUZZ_DIR/crash-$h-" "${dict[@]}" \
		"$work" "$srcdir/tests/fuzz/corpus/$h" >"$log" 2>&1
	rc=$?
	runs=$(awk '/stat::number_of_executed_units:/{print $2}' "$log" | tail -n1)
	secs=$(awk '/stat::average_exec_per_sec:/{print $2}' "$log" | tail -n1)
	if [ "$rc" -eq 0 ]; then
		result=ok
	else
		result="FAILED (exit $rc, see $log and $FUZZ_DIR/crash-$h-*)"
		status=1
		grep -m 12 -E 'ERROR|SUMMARY|#[0-9]+ 0x' "$log" >&2
	fi
	echo "fuzz $h: ${runs:-0} runs in $SECONDS_EACH s (${secs:-0}/s), corpus $(ls "$work" | wc -l) inputs, $result"
done
exit $status
