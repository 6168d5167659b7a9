#!/bin/bash
# Record the expected final states with qemu-aarch64 as the oracle
# (tests/isa/README.md).  Run once, after changing gen.py:
#
#   make && tests/isa/record.sh [CLASS...]       (default: every class)
#
# Writes tests/isa/data/CLASS.xz.  Programs are regenerated and built
# here, so a class new to gen.py can be recorded before the Makefile
# knows it.  Afterwards, apply the documented oracle corrections (see
# README.md, "Where QEMU is wrong") if any are listed there.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
QEMU=${QEMU:-qemu-aarch64}
CC=$(sed -n 's/^CROSS_CC_AARCH64 := //p' "$BUILD/config.mak")
CC=${CC:-aarch64-linux-gnu-gcc}
mkdir -p "$BUILD/tests/isa" "$SRC/tests/isa/data"
if [ $# -eq 0 ]; then
    set -- $(python3 "$SRC/tests/isa/gen.py" --list)
fi
for cls in "$@"; do
    s=$BUILD/tests/isa/$cls.S
    python3 "$SRC/tests/isa/gen.py" "$cls" "$s"
    "$CC" -static -nostdlib -o "$BUILD/tests/isa/$cls" "$s"
    "$QEMU" -cpu max "$BUILD/tests/isa/$cls" > "$BUILD/tests/isa/$cls.qemu"
    python3 "$SRC/tests/isa/compare.py" record "$cls" \
        "$SRC/tests/isa/data/$cls.xz" < "$BUILD/tests/isa/$cls.qemu"
    echo "recorded $cls"
done
