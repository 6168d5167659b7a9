#!/bin/sh
# Build (if needed) and run the TCG benchmark: translation throughput and
# IR loops on the JIT and the interpreter against native code.
#
#   tests/bench/run.sh [-q]       -q: quick run (fewer iterations)
#
# Environment: BUILD (default build).  Not part of make check.
set -u
cd "$(dirname "$0")/../.." || exit 1
build=${BUILD:-build}
if [ ! -f "$build/config.mak" ]; then
    ./configure --builddir="$build" >/dev/null || exit 1
fi
make -s BUILD="$build" "$build/tests/bench/tcg-bench" || exit 1
"$build/tests/bench/tcg-bench" "$@" || exit 1
echo
echo "AArch64 user mode: Debian programs under tern-aarch64 vs qemu-aarch64 vs native"
if [ -e build/sysroot-arm64/bin/busybox ] && [ -x "$build/tern-aarch64" ]; then
    BUILD=$build tests/bench/aarch64-user.sh
else
    echo "  skipped: run scripts/fetch-arm64-debs.sh (and make) first"
fi
echo
echo "x86-64 system mode under KVM: tern-system-x86_64 vs qemu-system-x86_64, CPL 3 loop vs native, virtio-blk"
BUILD=$build tests/bench/x86-kvm.sh
