#!/bin/sh
# Install the Debian packages Xiaoer needs from the system (Qt's libraries, poppler-utils
# for the PDF tests), but only those missing: nothing to do means no apt-get at all.
# Usage: .ci/system-deps.sh [package ...]   (default: the list below)
set -eu

if [ "$#" -eq 0 ]; then
    set -- libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
        libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
        libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
        poppler-utils
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: not a Debian-like system; make sure these are installed: $*" >&2
    exit 0
fi

missing=""
for package in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    case "$status" in
        *" installed") ;;
        *) missing="$missing $package" ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "system-deps: installing$missing"
    apt-get update -qq
    # shellcheck disable=SC2086  # one word per package
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
else
    echo "system-deps: missing system packages; install them with:" >&2
    echo "    sudo apt-get install -y$missing" >&2
fi
