#!/bin/sh
# Builds the armhf test sysroot: real Debian armhf packages, downloaded
# with `apt-get download` and unpacked with `dpkg -x` (never installed).
# The integration tests run these binaries under ferry-arm -L SYSROOT and
# the benchmarks use them as workloads.
#
#   sh scripts/sysroot.sh [DIR]        default DIR: build/sysroot
#   SYSROOT_PACKAGES="pkg ..." adds packages (without :armhf)
#
# The package list is fixed (not apt's dependency closure, which would
# pull in half of Debian); afterwards every ELF's DT_NEEDED libraries are
# checked to be present, so a missing library dependency is named here
# rather than found later as a confusing test failure.
# Cached: a sysroot with a .complete stamp for the same package list is kept.
set -eu

dir=${1:-build/sysroot}
debs=${SYSROOT_DEBS:-build/sysroot-debs}

# Programs the tests and benchmarks run, then their library dependencies.
PROGRAMS="busybox-static libc6 coreutils bash grep sed tar gzip xz-utils
          findutils bzip2 lua5.4 sqlite3 diffutils perl-base python3.11-minimal"
LIBS="libacl1 libattr1 libselinux1 libpcre2-8-0 libtinfo6 libgmp10 liblzma5
      libbz2-1.0 liblua5.4-0 libsqlite3-0 libreadline8 zlib1g libgcc-s1
      libstdc++6 libcrypt1 libzstd1 libmd0 libpython3.11-minimal
      libpython3.11-stdlib libexpat1 libffi8 libuuid1"
PKGS="$PROGRAMS $LIBS ${SYSROOT_PACKAGES:-}"
want="merged-usr $(echo $PKGS | tr ' ' '\n' | sort -u | tr '\n' ' ')"

if [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$want" ]; then
    echo "sysroot.sh: $dir is up to date"
    exit 0
fi

command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
    echo "sysroot.sh: needs apt-get and dpkg (Debian)" >&2; exit 1; }
if ! dpkg --print-foreign-architectures | grep -qx armhf; then
    echo "sysroot.sh: the armhf architecture is not enabled; run 'sh scripts/deps.sh' as root" >&2
    exit 1
fi

mkdir -p "$debs"
absdebs=$(cd "$debs" && pwd)
missing=""
for p in ${want#merged-usr }; do
    ls "$absdebs/${p}_"*_armhf.deb >/dev/null 2>&1 && continue
    missing="$missing $p:armhf"
done
if [ -n "$missing" ]; then
    echo "sysroot.sh: downloading$missing"
    # apt-get download writes into the current directory; as root it warns
    # that the download is unsandboxed, which is harmless here.
    if ! (cd "$absdebs" && apt-get download -q $missing 2>&1 | grep -v -e '^W: Download is performed unsandboxed' -e '^Get:' >&2); then
        :
    fi
    for p in $missing; do
        p=${p%:armhf}
        ls "$absdebs/${p}_"*_armhf.deb >/dev/null 2>&1 || {
            echo "sysroot.sh: could not download $p:armhf (try 'apt-get update')" >&2; exit 1; }
    done
fi

rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
for p in ${want#merged-usr }; do
    for deb in "$absdebs/${p}_"*_armhf.deb; do
        dpkg -x "$deb" "$dir.tmp"
    done
done

# Every DT_NEEDED library of every ELF must resolve inside the sysroot
# (in the directories Debian's armhf ld.so searches).
readelf=$(command -v arm-linux-gnueabihf-readelf || command -v readelf || true)
if [ -n "$readelf" ]; then
    bad=""
    for f in "$dir.tmp"/bin/* "$dir.tmp"/usr/bin/*; do
        [ -f "$f" ] && [ ! -L "$f" ] || continue
        head -c 4 "$f" | grep -q 'ELF' || continue
        for lib in $("$readelf" -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
            found=0
            for d in lib/arm-linux-gnueabihf usr/lib/arm-linux-gnueabihf lib usr/lib; do
                [ -e "$dir.tmp/$d/$lib" ] && { found=1; break; }
            done
            [ $found = 1 ] || bad="$bad
  ${f#$dir.tmp/} needs $lib"
        done
    done
    if [ -n "$bad" ]; then
        echo "sysroot.sh: libraries missing from the sysroot (add their packages to LIBS):$bad" >&2
        exit 1
    fi
fi

# Merged /usr, as on an installed Debian 12: /bin, /sbin and /lib are
# links into /usr, so that a PATH search (/usr/bin before /bin) finds the
# armhf programs inside the sysroot rather than the host's.
for d in bin sbin lib; do
    [ -d "$dir.tmp/$d" ] && [ ! -L "$dir.tmp/$d" ] || continue
    mkdir -p "$dir.tmp/usr/$d"
    cp -a "$dir.tmp/$d/." "$dir.tmp/usr/$d/"
    rm -rf "$dir.tmp/$d"
    ln -s "usr/$d" "$dir.tmp/$d"
done

rm -rf "$dir"
mv "$dir.tmp" "$dir"
echo "$want" > "$dir/.complete"
echo "sysroot.sh: $dir ready ($(echo ${want#merged-usr } | wc -w) packages)"
