#!/usr/bin/env bash
# tests/integration/run.sh [nginx|lighttpd] — run the integration tests against one
# web server, TAP output (test.sh counts the "# pass N" / "# fail N" lines).
# IMAGES_FCGI selects the worker binary (default app/images-fcgi).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export IMAGES_SERVER=${1:-${IMAGES_SERVER:-nginx}}
case $IMAGES_SERVER in
nginx | lighttpd) ;;
*) echo "usage: $0 [nginx|lighttpd]" >&2; exit 2 ;;
esac
# The official openai client (tests/integration/package.json, pinned by its lock)
# drives the OpenAI-compatible API; installed here, once, like the e2e suite's.
if [ ! -d tests/integration/node_modules/openai ]; then
	(cd tests/integration && npm ci --no-audit --no-fund) >&2 || { echo "npm ci in tests/integration failed" >&2; exit 1; }
fi
files=(tests/integration/*.test.mjs)
if [ "$IMAGES_SERVER" = lighttpd ]; then
	# These check a backend's protocol or a timeout, which do not depend on the web server in
	# front; the nginx suite (and its ASan run) covers them. Skipping them here keeps ./test.sh
	# within its time budget on two cores.
	files=()
	for f in tests/integration/*.test.mjs; do
		case ${f##*/} in
		remote-a1111.test.mjs | remote-comfyui.test.mjs | remote-openai-compat.test.mjs | \
			chat-notools.test.mjs | openai-wait.test.mjs) ;;
		*) files+=("$f") ;;
		esac
	done
fi
# A test that hangs fails after 10 min (tests that need longer set their own timeout).
# Files run three at a time (IMAGES_TEST_CONCURRENCY): each starts its own web server and
# workers on free loopback ports with a data dir of its own, and most of a file's time is
# spent waiting on timeouts and renders, so on two cores this halves the suite's time.
exec node --test --test-concurrency="${IMAGES_TEST_CONCURRENCY:-3}" --test-timeout=600000 --test-reporter=tap "${files[@]}"
