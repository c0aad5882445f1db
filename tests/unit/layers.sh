#!/bin/sh
# layers.sh: every module under app/ includes headers of its own layer or of the
# layers below it (Makefile.am lists them, lowest first), LMDB is called only in
# app/store/ and libfcgi only in app/http/. TAP on stdout.
srcdir=${srcdir:-.}
cd "$srcdir" || exit 1
order="base store render engines core http api"
rank() {
	i=0
	for l in $order; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo 99 # app/main.c, app/admin.c: on top
}
# The layer that holds header $1, or nothing for a system header.
layer_of() {
	for l in $order; do
		[ -f "app/$l/$1" ] && { echo "$l"; return; }
	done
}
n=0
fail=0
echo "1..3"
bad=""
for f in app/*.c app/*/*.c app/*/*.h; do
	case $f in app/render/artgen.c | app/render/wordnet.*) continue ;; esac
	dir=${f#app/}
	dir=${dir%%/*}
	case $dir in *.c) dir=top ;; esac
	me=$(rank "$dir")
	for h in $(sed -n 's/^#include "\([^"/]*\)".*/\1/p' "$f"); do
		l=$(layer_of "$h")
		[ -n "$l" ] || continue
		if [ "$(rank "$l")" -gt "$me" ]; then
			bad="$bad $f->$l/$h"
		fi
	done
done
if [ -z "$bad" ]; then echo "ok 1 - no module includes a header of a layer above its own"; else
	echo "not ok 1 - modules that include a layer above their own:$bad"; fail=1; fi
lmdb=$(grep -l 'mdb_[a-z_]*(\|<lmdb.h>' app/*.c app/*/*.c app/*/*.h | grep -v '^app/store/')
if [ -z "$lmdb" ]; then echo "ok 2 - only app/store/ calls LMDB"; else
	echo "not ok 2 - LMDB outside app/store/: $lmdb"; fail=1; fi
fcgi=$(grep -l 'FCGX_\|<fcgiapp.h>\|<fcgi_stdio.h>' app/*.c app/*/*.c app/*/*.h | grep -v '^app/http/')
if [ -z "$fcgi" ]; then echo "ok 3 - only app/http/ calls libfcgi"; else
	echo "not ok 3 - libfcgi outside app/http/: $fcgi"; fail=1; fi
exit $fail
