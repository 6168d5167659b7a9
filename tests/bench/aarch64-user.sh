#!/bin/bash
# Side-by-side: the same Debian bookworm programs as AArch64 binaries under
# tern-aarch64 and qemu-aarch64, and as x86-64 binaries natively, in one
# run.  Prints wall-clock seconds (best of N runs) and the ratios.
#
#   tests/bench/aarch64-user.sh [-n RUNS] [-s MiB]
#
# Needs: build/tern-aarch64, the arm64 sysroot (scripts/fetch-arm64-debs.sh),
# qemu-user (scripts/install-deps.sh), busybox and xz on the host.
# Not part of make check: the machines are shared and noisy.
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${BUILD:-build}
sysroot=build/sysroot-arm64
runs=3
mib=32
while [ $# -gt 0 ]; do
    case $1 in
    -n) runs=$2; shift 2 ;;
    -s) mib=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-s MiB]" >&2; exit 2 ;;
    esac
done
for need in "$build/tern-aarch64" "$sysroot/bin/busybox" "$sysroot/usr/bin/xz"; do
    if [ ! -e "$need" ]; then
        echo "missing $need (make; scripts/fetch-arm64-debs.sh)" >&2
        exit 1
    fi
done
command -v qemu-aarch64 >/dev/null || { echo "qemu-aarch64 missing (scripts/install-deps.sh)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Deterministic input: a repeated pseudo-random pattern (compressible in part).
head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/data"
seq 1 200000 | sort -R --random-source="$work/data" > "$work/lines"

tern="$build/tern-aarch64 -L $sysroot"
qemu="qemu-aarch64 -L $sysroot"

# best RUNS wall-clock seconds of a shell command
best() {
    local b=
    for _ in $(seq "$runs"); do
        local t0 t1 t
        t0=$(date +%s.%N)
        bash -c "$1" >/dev/null 2>&1 || { echo "FAILED: $1" >&2; echo nan; return; }
        t1=$(date +%s.%N)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b - a}')
        if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN{exit !(t < b)}'; then b=$t; fi
    done
    echo "$b"
}

printf '%-24s %9s %9s %9s %11s %11s\n' workload native qemu tern tern/native tern/qemu
row() {
    local name=$1 native=$2 arm=$3 n q t
    n=$(best "$native")
    q=$(best "$qemu $arm")
    t=$(best "$tern $arm")
    awk -v name="$name" -v n="$n" -v q="$q" -v t="$t" \
        'BEGIN{printf "%-24s %9.2f %9.2f %9.2f %10.2fx %10.2fx\n", name, n, q, t, t / n, t / q}'
}
row "busybox sha256sum" "busybox sha256sum $work/data" "$sysroot/bin/busybox sha256sum $work/data"
row "busybox md5sum"    "busybox md5sum $work/data"    "$sysroot/bin/busybox md5sum $work/data"
row "xz -1"             "xz -1 -T1 -c $work/data"      "$sysroot/usr/bin/xz -1 -T1 -c $work/data"
row "sort -n (200k lines)" "sort -n $work/lines"       "$sysroot/usr/bin/sort -n $work/lines"
row "busybox awk loop"  "busybox awk 'BEGIN{s=0;for(i=0;i<300000;i++)s+=i%7;print s}'" \
                        "$sysroot/bin/busybox awk 'BEGIN{s=0;for(i=0;i<300000;i++)s+=i%7;print s}'"
