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
exec node --test --test-reporter=tap tests/integration/*.test.mjs
