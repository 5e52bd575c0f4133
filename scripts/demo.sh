#!/bin/sh
# `make demo`: from a fresh Debian 12 machine (as root) to an ARM busybox
# running under ferry-arm. Installs missing dependencies with
# scripts/deps.sh, configures and builds ferry-arm, downloads the armhf
# busybox-static package (apt-get download + dpkg -x, nothing is
# installed) and runs a shell command in it.
#   sh scripts/demo.sh [RUNNER]     RUNNER defaults to ./ferry-arm
set -eu
MAKE=${MAKE:-make}

if ! ./configure >/dev/null 2>&1; then
    echo "demo: installing missing dependencies (scripts/deps.sh)"
    sh scripts/deps.sh
    ./configure
fi
runner=${1:-./ferry-arm}
if [ "$runner" = ./ferry-arm ]; then
    $MAKE ferry-arm
fi

bb=build/demo/bin/busybox
if [ ! -x "$bb" ]; then
    mkdir -p build/demo
    if ! dpkg --print-foreign-architectures | grep -qx armhf; then
        sh scripts/deps.sh   # enables the armhf architecture
    fi
    (cd build/demo && rm -f busybox-static_*_armhf.deb &&
        apt-get download -q busybox-static:armhf 2>&1 | grep -v -e '^W: Download is performed unsandboxed' -e '^Get:' || true)
    deb=$(ls build/demo/busybox-static_*_armhf.deb 2>/dev/null | head -n 1)
    [ -n "$deb" ] || { echo "demo: could not download busybox-static:armhf (apt-get update?)" >&2; exit 1; }
    dpkg -x "$deb" build/demo
fi
echo "demo: file $bb: $(file -b "$bb" 2>/dev/null | cut -d, -f1-2)"
echo "demo: \$ $runner $bb sh -c 'uname -m; echo hello from ARM'"
exec $runner "$bb" sh -c 'uname -m; echo hello from ARM'
