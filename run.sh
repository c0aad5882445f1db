#!/usr/bin/env bash
# run.sh — build Images and run it locally behind nginx (or lighttpd).
#
#   ./run.sh          install missing Debian packages, build, (re)start the
#                     instance and print its URL
#   ./run.sh stop     stop it
#   ./run.sh status   show what runs
#   ./run.sh deps     only install the missing Debian packages (test.sh uses this)
#   ./run.sh build    only install packages and build
#
# Environment: IMAGES_PORT (default 8080), IMAGES_VAR (data directory, default
# ./var; a relative path is taken from the current directory), IMAGES_SERVER
# (nginx | lighttpd) and the other IMAGES_* settings of conf/images-ctl.
set -euo pipefail

CALLER_DIR=$(pwd -P)
cd "$(dirname "${BASH_SOURCE[0]}")"
REPO=$(pwd -P)

# The one list of Debian packages, for building and for running.
BUILD_PACKAGES=(autoconf automake libtool pkg-config gcc make
	libfcgi-dev libjansson-dev liblmdb-dev libssl-dev libmagic-dev
	libpng-dev zlib1g-dev libjpeg-dev libwebp-dev libcurl4-openssl-dev librsvg2-dev
	libharfbuzz-dev libfreetype-dev wordnet-base)
# Text in images: shaped with HarfBuzz, drawn with FreeType in these fonts (app/render/lettering.c).
RUN_PACKAGES=(nginx spawn-fcgi lighttpd lmdb-utils curl fonts-dejavu-core fonts-noto-core)
# ./test.sh and tests/bench also need these (node runs the integration tests).
TEST_PACKAGES=(openssl wrk chromium)
# make fuzz / the fuzz suite: clang with libFuzzer (libclang_rt.fuzzer is in libclang-rt-14-dev).
TEST_PACKAGES+=(clang libclang-rt-14-dev)
# The text-in-images OCR table (tests/unit/ocr.sh) reads rendered text back.
TEST_PACKAGES+=(tesseract-ocr tesseract-ocr-eng)

say() { echo "run.sh: $*" >&2; }

# Installed means dpkg's status "installed" (dpkg -s also succeeds for packages
# removed with their config files left).
installed() {
	dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed
}

deps() {
	local missing=() pkg sudo=()
	for pkg in "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" ${WITH_TEST_PACKAGES:+"${TEST_PACKAGES[@]}"}; do
		installed "$pkg" || missing+=("$pkg")
	done
	if [[ -n ${WITH_TEST_PACKAGES:-} ]] && ! command -v node >/dev/null; then
		missing+=(nodejs)
	fi
	# npm installs the engine's artwork (assets/package.json) at build time.
	command -v npm >/dev/null || missing+=(npm)
	((${#missing[@]})) || return 0
	if [[ $(id -u) != 0 ]]; then
		command -v sudo >/dev/null || { say "missing packages, and not root: ${missing[*]}"; exit 1; }
		sudo=(sudo)
	fi
	say "installing: ${missing[*]}"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		"${missing[@]}"
}

build() {
	# The engine's open vocabulary: emoji artwork and its names, pinned by the lock file.
	if [[ ! -f assets/node_modules/.package-lock.json || assets/package-lock.json -nt assets/node_modules/.package-lock.json ]]; then
		say "npm ci (assets: emoji artwork)"
		(cd assets && npm ci --no-audit --no-fund --loglevel=error)
	fi
	if [[ ! -x configure || configure.ac -nt configure ]]; then
		say "autoreconf -fi"
		autoreconf -fi
	fi
	if [[ ! -f Makefile || configure -nt Makefile ]]; then
		say "./configure"
		./configure
	fi
	make -j"$(nproc)"
}

if [[ -n ${IMAGES_VAR:-} && ${IMAGES_VAR} != /* ]]; then
	IMAGES_VAR=$CALLER_DIR/$IMAGES_VAR
fi
export IMAGES_VAR=${IMAGES_VAR:-$REPO/var}
export IMAGES_PORT=${IMAGES_PORT:-8080}

case ${1:-start} in
deps)
	deps
	;;
build)
	deps
	build
	;;
start)
	deps
	build
	conf/images-ctl start >/dev/null
	echo "Images is running at http://127.0.0.1:$IMAGES_PORT/"
	;;
stop)
	conf/images-ctl stop
	;;
status)
	conf/images-ctl status
	;;
*)
	echo "usage: ./run.sh [start|stop|status|deps|build]" >&2
	exit 2
	;;
esac
