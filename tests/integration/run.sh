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
exec node --test --test-reporter=tap tests/integration/*.test.mjs
