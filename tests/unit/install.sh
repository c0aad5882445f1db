#!/bin/sh
# install.sh: make install puts the operations files where their programs look
# (systemd units with the installed paths written in, sysusers.d, tmpfiles.d) and
# the nginx site and logrotate file in pkgdatadir; make uninstall takes them away.
# TAP on stdout. Runs in the build directory.
dest=$(mktemp -d "${TEST_TMPDIR:-/tmp}/images-install.XXXXXX") || exit 1
trap 'rm -rf "$dest"' EXIT
make=${MAKE:-make}
n=0
fail=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }
echo "1..5"
$make install DESTDIR="$dest" prefix=/opt/images >"$dest.log" 2>&1
ok $? "make install DESTDIR=... prefix=/opt/images"
u="$dest/opt/images/lib/systemd/system/images-api@.service"
grep -q '^ExecStart=/opt/images/bin/images-fcgi -c /opt/images/etc/images/images.conf ' "$u" 2>/dev/null
ok $? "the API unit starts the installed binary with the installed config"
s="$dest/opt/images/lib/systemd/system/images-stream@.service"
[ -f "$dest/opt/images/lib/systemd/system/images-api.socket" ] && [ -f "$dest/opt/images/lib/systemd/system/images.target" ] &&
	grep -q '^ExecStart=/opt/images/bin/images-fcgi .* -S$' "$s"
ok $? "the sockets, the target and the streaming unit (-S) are there"
grep -q '^u images ' "$dest/opt/images/lib/sysusers.d/images.conf" 2>/dev/null &&
	grep -q '^d /var/lib/images ' "$dest/opt/images/lib/tmpfiles.d/images.conf" &&
	grep -q 'root /opt/images/share/images/www;' "$dest/opt/images/share/images/nginx/images.conf" &&
	[ -f "$dest/opt/images/share/images/logrotate/images" ]
ok $? "sysusers.d, tmpfiles.d, the nginx site (serving the installed web UI) and logrotate"
$make uninstall DESTDIR="$dest" prefix=/opt/images >>"$dest.log" 2>&1 &&
	[ -z "$(find "$dest" -type f | head -n 1)" ]
ok $? "make uninstall leaves no file behind"
rm -f "$dest.log"
exit $fail
