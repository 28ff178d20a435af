#!/bin/sh
# Build xiaoer_<version>_<arch>.deb from the PyInstaller folder (`make dist` makes it):
# the folder in /opt/xiaoer, /usr/bin/xiaoer, the desktop entry and icons; Depends on the
# system libraries Qt needs. The version is pyproject.toml's.
# Usage: packaging/build_deb.sh [BUNDLE_DIR [OUT_DIR]]   (default: dist/xiaoer, dist)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bundle=${1:-$root/dist/xiaoer}
out=${2:-$root/dist}

if [ ! -x "$bundle/xiaoer" ]; then
    echo "build_deb: $bundle/xiaoer is missing: run \`make dist\` first" >&2
    exit 1
fi
version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$root/pyproject.toml" | head -n 1)
arch=$(dpkg --print-architecture)
[ -n "$version" ] || { echo "build_deb: no version in pyproject.toml" >&2; exit 1; }

umask 022
stage=$(mktemp -d)
chmod 755 "$stage"
trap 'rm -rf "$stage"' EXIT INT TERM
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" \
    "$stage/usr/share/applications" "$stage/usr/share/doc/xiaoer" \
    "$stage/usr/share/icons/hicolor/256x256/apps" "$stage/usr/share/icons/hicolor/scalable/apps"
cp -R "$bundle" "$stage/opt/xiaoer"
chmod -R u+rwX,go+rX,go-w "$stage/opt/xiaoer"
ln -s /opt/xiaoer/xiaoer "$stage/usr/bin/xiaoer"
cp "$here/xiaoer.desktop" "$stage/usr/share/applications/xiaoer.desktop"
cp "$root/resources/icons/xiaoer.png" "$stage/usr/share/icons/hicolor/256x256/apps/xiaoer.png"
cp "$root/resources/icons/xiaoer.svg" "$stage/usr/share/icons/hicolor/scalable/apps/xiaoer.svg"
cp "$here/deb/copyright" "$stage/usr/share/doc/xiaoer/copyright"
chmod 644 "$stage/usr/share/applications/xiaoer.desktop" "$stage/usr/share/doc/xiaoer/copyright" \
    "$stage/usr/share/icons/hicolor/256x256/apps/xiaoer.png" \
    "$stage/usr/share/icons/hicolor/scalable/apps/xiaoer.svg"

size=$(du -sk "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    "$here/deb/control.in" > "$stage/DEBIAN/control"
cp "$here/deb/postinst" "$here/deb/postrm" "$stage/DEBIAN/"
chmod 755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"

mkdir -p "$out"
deb="$out/xiaoer_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${XIAOER_DEB_COMPRESSION:-xz}" --build "$stage" "$deb" >/dev/null
echo "$deb"
