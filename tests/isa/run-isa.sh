#!/bin/bash
# Differential ISA tests (tests/isa/README.md); TAP on stdout.
#
#   BUILD=build tests/isa/run-isa.sh       (make check runs it via prove)
#
# For every class with recorded expectations tests/isa/data/CLASS.xz, the
# Makefile builds $BUILD/tests/isa/CLASS from the program gen.py writes.
# Each program runs under tern-aarch64 once per backend (jit and interp;
# only interp without the JIT; TERN_GUEST_BACKEND=jit|interp picks one)
# and compare.py checks the final state of every case against the data.
# The AdvSIMD classes also run on the JIT with TERN_X86_NO_EXT=1 ("jit,
# SSE2 only"): vector ops then use their SSE2 sequences, and those the
# host cannot do fall back to the helpers.
# No QEMU needed.  scripts/tap-run passes --tap; it is ignored.
set -u
export LC_ALL=C

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
TIMEOUT=${TERN_GUEST_TIMEOUT:-60}
TERN=$BUILD/tern-aarch64
DIR=$SRC/tests/isa

backends=()
if [ -n "${TERN_GUEST_BACKEND:-}" ]; then
    backends=("$TERN_GUEST_BACKEND")
else
    if grep -q '^CONFIG_JIT_X86_64 := y' "$BUILD/config.mak" 2>/dev/null; then
        backends+=(jit)
    fi
    backends+=(interp)
fi

classes=()
for d in "$DIR"/data/*.xz; do
    [ -e "$d" ] || continue
    n=$(basename "$d")
    classes+=("${n%.xz}")
done
# The runs of one class: backend names, plus "jit-sse2" for AdvSIMD.
runs_of() {
    local be
    for be in "${backends[@]}"; do
        echo "$be"
        if [ "$be" = jit ] && { [ "$1" = simd ] || [ "$1" = simd-vec ]; }; then
            echo jit-sse2
        fi
    done
}
total=0
for cls in "${classes[@]}"; do
    total=$((total + $(runs_of "$cls" | wc -l)))
done
echo "1..$total"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tern-isa.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

num=0
for cls in "${classes[@]}"; do
    bin=$BUILD/tests/isa/$cls
    for run in $(runs_of "$cls"); do
        num=$((num + 1))
        label="isa $cls ($run)"
        be=${run%-sse2}
        extra=()
        [ "$run" = jit-sse2 ] && extra=(TERN_X86_NO_EXT=1)
        if [ ! -x "$bin" ]; then
            echo "ok $num - $label # SKIP no AArch64 cross compiler (install gcc-aarch64-linux-gnu and re-run ./configure)"
            continue
        fi
        if ! command -v python3 > /dev/null; then
            echo "ok $num - $label # SKIP no python3"
            continue
        fi
        if [ ! -x "$TERN" ]; then
            echo "not ok $num - $label"
            echo "# $TERN is missing: run make"
            continue
        fi
        env -i PATH=/usr/bin:/bin "${extra[@]}" timeout -k 5 "$TIMEOUT" \
            "$TERN" -accel "tcg,backend=$be" "$bin" \
            > "$tmp/out" 2> "$tmp/err" < /dev/null
        status=$?
        python3 "$DIR/compare.py" check "$cls" "$DIR/data/$cls.xz" \
            < "$tmp/out" > "$tmp/cmp" 2>&1
        cmp=$?
        if [ "$status" = 0 ] && [ "$cmp" = 0 ]; then
            echo "ok $num - $label"
            continue
        fi
        echo "not ok $num - $label"
        [ "$status" = 0 ] || echo "# exit status $status"
        head -n 60 "$tmp/cmp" | sed 's/^#*/#/'
        if [ -s "$tmp/err" ]; then
            echo "# stderr:"
            head -n 20 "$tmp/err" | sed 's/^/#   /'
        fi
    done
done
exit 0
