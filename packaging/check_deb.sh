#!/bin/sh
# Install the .deb on this machine, start /usr/bin/xiaoer as a user would (offscreen), remove
# the package and check that the user's store is still there. Needs root (CI runs it when
# it is root; elsewhere it says so and does nothing). The package is left removed (purged).
# Usage: packaging/check_deb.sh [dist/xiaoer_<version>_<arch>.deb]
set -eu

cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ] || ! command -v dpkg >/dev/null 2>&1; then
    echo "check_deb: skipped (needs root on a Debian-like system)"
    exit 0
fi
deb=${1:-$(ls -t dist/xiaoer_*.deb | head -n 1)}
home=$(mktemp -d)
cleanup() {
    if dpkg-query -W xiaoer >/dev/null 2>&1; then
        dpkg -P xiaoer >/dev/null 2>&1 || true
    fi
    rm -rf "$home"
}
trap cleanup EXIT INT TERM
fail() { echo "check_deb: FAILED $*" >&2; exit 1; }

echo "check_deb: $deb ($(du -h "$deb" | cut -f1))"
started=$(date +%s.%N)
dpkg -i "$deb" >/dev/null || fail "dpkg -i"
installed=$(date +%s.%N)
[ -x /usr/bin/xiaoer ] || fail "/usr/bin/xiaoer is missing"
[ -x /opt/xiaoer/xiaoer ] || fail "/opt/xiaoer/xiaoer is missing"
[ -f /usr/share/applications/xiaoer.desktop ] || fail "the desktop entry is missing"
[ -f /usr/share/icons/hicolor/256x256/apps/xiaoer.png ] || fail "the icon is missing"

as_user() {
    env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"
}
out=$(as_user xiaoer --smoke 2>/dev/null) || fail "xiaoer --smoke"
echo "check_deb: xiaoer --smoke → $out"
store="$home/.local/share/xiaoer/xiaoer.sqlite3"
[ -f "$store" ] || fail "no store in ~/.local/share/xiaoer"
as_user xiaoer --lang en --smoke >/dev/null 2>&1 || fail "xiaoer --lang en --smoke"

removing=$(date +%s.%N)
dpkg -r xiaoer >/dev/null || fail "dpkg -r"
removed=$(date +%s.%N)
[ ! -e /opt/xiaoer ] || fail "/opt/xiaoer is still there"
[ ! -e /usr/bin/xiaoer ] || fail "/usr/bin/xiaoer is still there"
[ -s "$store" ] || fail "the user's store went with the package"
dpkg -P xiaoer >/dev/null || fail "dpkg -P"
[ -s "$store" ] || fail "purging the package took the user's store"
seconds() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }
echo "check_deb: installed in $(seconds "$started" "$installed") s," \
    "removed in $(seconds "$removing" "$removed") s; the user's store is kept (also on purge)"
