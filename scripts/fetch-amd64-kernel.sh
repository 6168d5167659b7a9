#!/bin/bash
# Fetch Debian's amd64 cloud kernel and busybox-static and build a busybox
# initramfs, for `make check-slow` (tests/system/boot-debian-kernel.sh) and
# the debian-bzimage case of tests/unit/test-x86-boot.
#
#   scripts/fetch-amd64-kernel.sh
#
# Everything lives in $BUILD/amd64-kernel (BUILD defaults to build):
#   lists/ cache/           apt's package lists and cache (private copies)
#   *.deb                   linux-image-<version>-cloud-amd64, busybox-static
#   root/                   both packages unpacked (dpkg-deb -x)
#   vmlinuz                 the kernel (bzImage)
#   initrd.cpio             busybox + /init, newc cpio, uncompressed (make
#                           check-slow boots it: inflating at the emulated
#                           CPL 0 of this machine's nested KVM takes minutes)
#   initrd.cpio.gz          the same, gzip (what a usual initramfs looks like)
#
# /init mounts /proc, prints TERN-INITRAMFS-OK, the CPU count and the
# uptime, then `poweroff -f`.  The cpio archive is written by a few lines
# of Python so that /dev/console is a device node without needing root.
#
# --symbols also fetches the kernel's -dbg package (about 280 MB) and
# extracts its System.map (Debian's linux-image ships a placeholder) to
# System.map, for scripts/qmp-sample-rip.py and for looking up the
# addresses tern prints on a KVM error (the boot test passes nokaslr).
#
# Cached: a warm run makes no network access and takes well under a
# second.  To start over: rm -rf build/amd64-kernel.
# Exit status 0 when vmlinuz, initrd.cpio and initrd.cpio.gz are ready, 1 otherwise
# (with the reason).
set -u
export LC_ALL=C

me=fetch-amd64-kernel
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
DIR=$BUILD/amd64-kernel

say() { echo "$me: $*"; }
die() { echo "$me: $*" >&2; exit 1; }

symbols=
case ${1:-} in
-h|--help) sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
--symbols) symbols=1 ;;
'') ;;
*) die "unknown argument '$1' (see --help)" ;;
esac

for tool in apt-get apt-cache dpkg-deb python3 gzip; do
    command -v "$tool" > /dev/null 2>&1 ||
        die "$tool not found: fetching Debian's kernel needs a Debian host with apt, python3 and gzip"
done

mkdir -p "$DIR/lists/partial" "$DIR/cache/archives/partial" ||
    die "cannot create $DIR"
if command -v flock > /dev/null 2>&1; then
    exec 9> "$DIR/.lock"
    flock 9
fi

# --symbols: System.map from the -dbg package of the kernel in $DIR.
fetch_symbols() {
    local kdeb kpkg dbg
    [ -s "$DIR/System.map" ] && return 0
    kdeb=$(compgen -G "$DIR/linux-image-*-cloud-amd64_*.deb" | sort | tail -n 1)
    [ -n "$kdeb" ] || die "no kernel package in $DIR to find symbols for"
    kpkg=$(basename "$kdeb" | cut -d_ -f1)
    dbg=$(deb_of "$kpkg-dbg")
    if [ -z "$dbg" ]; then
        say "downloading $kpkg-dbg (about 280 MB) for its System.map"
        (cd "$DIR" && apt-get -q "${apt_opts[@]}" "${dl_opts[@]}" download "$kpkg-dbg") > "$log" 2>&1 ||
            die "apt-get download failed: $(grep -m1 -E '^(E|W): ' "$log" || tail -n 1 "$log")"
        dbg=$(deb_of "$kpkg-dbg")
        [ -n "$dbg" ] || die "apt-get download left no $kpkg-dbg .deb"
    fi
    dpkg-deb --fsys-tarfile "$dbg" |
        tar -xO --wildcards './usr/lib/debug/boot/System.map-*' > "$DIR/System.map.tmp" &&
        [ -s "$DIR/System.map.tmp" ] || { rm -f "$DIR/System.map.tmp"; die "no System.map in $dbg"; }
    mv "$DIR/System.map.tmp" "$DIR/System.map"
    say "symbols: ${DIR#"$SRC"/}/System.map"
}

# Private lists and cache, empty dpkg status: the host's apt state is
# neither needed nor changed.  The sources are the machine's.
apt_opts=(
    -o APT::Architecture=amd64
    -o APT::Architectures=amd64
    -o "Dir::State::Lists=$DIR/lists"
    -o "Dir::Cache=$DIR/cache"
    -o Dir::State::status=/dev/null
)
dl_opts=()
[ "$(id -u)" -eq 0 ] && dl_opts=(-o APT::Sandbox::User=root)
log=$DIR/apt.log

deb_of() { compgen -G "$DIR/$1_*.deb" | sort | tail -n 1; }

# Warm cache: the outputs exist and are newer than this script.
if [ -s "$DIR/vmlinuz" ] && [ -s "$DIR/initrd.cpio" ] && [ -s "$DIR/initrd.cpio.gz" ] &&
   [ "$DIR/initrd.cpio.gz" -nt "$0" ]; then
    [ -n "$symbols" ] && fetch_symbols
    exit 0
fi

kernel_deb=$(compgen -G "$DIR/linux-image-*-cloud-amd64_*.deb" | sort | tail -n 1)
busybox_deb=$(deb_of busybox-static)
if [ -z "$kernel_deb" ] || [ -z "$busybox_deb" ]; then
    if ! compgen -G "$DIR/lists/*_Packages*" > /dev/null; then
        say "fetching the amd64 package lists (apt-get update)"
        apt-get -q "${apt_opts[@]}" update > "$log" 2>&1 ||
            die "apt-get update failed: $(grep -m1 -E '^(E|W): ' "$log" || tail -n 1 "$log")"
    fi
    # linux-image-cloud-amd64 is a metapackage naming the versioned one.
    kpkg=$(apt-cache "${apt_opts[@]}" depends linux-image-cloud-amd64 2> "$log" |
           awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
    [ -n "$kpkg" ] ||
        die "cannot resolve linux-image-cloud-amd64 to a versioned kernel package: $(tail -n 1 "$log")"
    say "downloading $kpkg and busybox-static"
    (cd "$DIR" && apt-get -q "${apt_opts[@]}" "${dl_opts[@]}" download "$kpkg" busybox-static) > "$log" 2>&1 ||
        die "apt-get download failed: $(grep -m1 -E '^(E|W): ' "$log" || tail -n 1 "$log")"
    kernel_deb=$(deb_of "$kpkg")
    busybox_deb=$(deb_of busybox-static)
    [ -n "$kernel_deb" ] && [ -n "$busybox_deb" ] || die "apt-get download left no .deb"
fi

rm -rf "$DIR/root"
mkdir -p "$DIR/root"
dpkg-deb -x "$kernel_deb" "$DIR/root" || die "cannot unpack $kernel_deb"
dpkg-deb -x "$busybox_deb" "$DIR/root" || die "cannot unpack $busybox_deb"
vmlinuz=$(compgen -G "$DIR/root/boot/vmlinuz-*" | head -n 1)
[ -n "$vmlinuz" ] || die "$kernel_deb holds no boot/vmlinuz-*"
[ -x "$DIR/root/bin/busybox" ] || die "$busybox_deb holds no bin/busybox"
cp "$vmlinuz" "$DIR/vmlinuz.tmp" && mv "$DIR/vmlinuz.tmp" "$DIR/vmlinuz" ||
    die "cannot copy $vmlinuz"

# The initramfs: directories, /dev/console, busybox and /init.
python3 - "$DIR/root/bin/busybox" "$DIR/initrd.cpio" << 'EOF' || die "cannot write the initramfs"
import sys

busybox = open(sys.argv[1], "rb").read()
init = b"""#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
echo TERN-INITRAMFS-OK
echo "cpus: $(grep -c ^processor /proc/cpuinfo)"
echo "uptime: $(cat /proc/uptime)"
poweroff -f
"""
out = open(sys.argv[2], "wb")
ino = [1]

def entry(name, mode, data=b"", rdev=(0, 0)):
    # newc: "070701", then 13 fields of 8 hex digits, the name with its
    # NUL, padding to 4 bytes, the data, padding to 4 bytes.
    name = name.encode() + b"\0"
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name), 0]
    ino[0] += 1
    hdr = b"070701" + b"".join(b"%08x" % f for f in fields)
    out.write(hdr + name)
    out.write(b"\0" * (-(len(hdr) + len(name)) % 4))
    out.write(data)
    out.write(b"\0" * (-len(data) % 4))

for d in ("bin", "dev", "proc", "sys", "sbin", "usr", "usr/bin",
          "usr/sbin", "tmp"):
    entry(d, 0o040755)
entry("dev/console", 0o020600, rdev=(5, 1))
entry("dev/null", 0o020666, rdev=(1, 3))
entry("bin/busybox", 0o100755, busybox)
entry("init", 0o100755, init)
entry("TRAILER!!!", 0)
out.close()
EOF
gzip -9 -n -k -f "$DIR/initrd.cpio" || die "gzip failed"
say "ready: $(basename "$kernel_deb" .deb), $(du -h "$DIR/initrd.cpio.gz" | cut -f1) initramfs in ${DIR#"$SRC"/}"
[ -n "$symbols" ] && fetch_symbols
exit 0
