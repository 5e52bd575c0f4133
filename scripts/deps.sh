#!/bin/sh
# Installs every build and test dependency on Debian 12 (as root).
# Idempotent: only what is missing is installed.
set -eu

PKGS="make gcc pkg-config perl libcapstone-dev libelf-dev libunwind-dev libcmocka-dev
      gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-user
      dpkg-dev file ca-certificates libzstd-dev liblzma-dev zlib1g-dev"

if [ "$(id -u)" != 0 ]; then
    echo "deps.sh: run as root (it uses apt-get)" >&2
    exit 1
fi

need=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need="$need $p"
done
armhf_known=1
dpkg --print-foreign-architectures | grep -qx armhf || armhf_known=0

if [ -n "$need" ] || [ "$armhf_known" = 0 ]; then
    # armhf packages (busybox-static, coreutils...) feed the integration
    # tests and benchmarks; they are downloaded, never installed.
    [ "$armhf_known" = 1 ] || dpkg --add-architecture armhf
    # A mirror that is mid-sync can fail one index; what is there still works.
    apt-get update -q || echo "deps.sh: apt-get update reported errors; going on" >&2
fi
if [ -n "$need" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
fi
echo "deps.sh: all dependencies present"
