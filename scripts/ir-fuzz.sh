#!/bin/sh
# Run the random IR program test (tests/unit/test-ir-random.c) with N
# random seeds, COUNT programs each, and report the seeds that fail.
#
#   scripts/ir-fuzz.sh [N] [COUNT]        (defaults: 10 seeds, 20000 programs)
#
# Each program runs on the JIT and the interpreter, optimizer on and off,
# against the reference interpreter.  A failing seed prints how to
# reproduce a single program:
#   TERN_IR_SEED=s TERN_IR_START=i TERN_IR_COUNT=1 TERN_IR_VERBOSE=1 \
#       build/tests/unit/test-ir-random
# Environment: BUILD (default build), JOBS (parallel seeds, default 2).
set -u

n=${1:-10}
count=${2:-20000}
build=${BUILD:-build}
jobs=${JOBS:-2}
bin=$build/tests/unit/test-ir-random

cd "$(dirname "$0")/.." || exit 1
if [ ! -f "$build/config.mak" ]; then
    ./configure --builddir="$build" >/dev/null || exit 1
fi
make -s BUILD="$build" "$bin" || exit 1

logdir=$(mktemp -d "${TMPDIR:-/tmp}/ir-fuzz.XXXXXX")
seeds=""
i=0
while [ "$i" -lt "$n" ]; do
    # 32 random bits from the kernel
    s=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
    seeds="$seeds $s"
    i=$((i + 1))
done

run_one() {
    TERN_IR_SEED=$1 TERN_IR_COUNT=$count "$bin" >"$logdir/$1.log" 2>&1
    if grep -q '^ok 1 ' "$logdir/$1.log"; then
        echo "seed $1: ok"
    else
        echo "seed $1: FAILED (log: $logdir/$1.log)"
    fi
}

running=0
for s in $seeds; do
    run_one "$s" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

failed=$(grep -L '^ok 1 ' "$logdir"/*.log 2>/dev/null | wc -l)
echo "$n seeds x $count programs: $((n - failed)) passed, $failed failed"
if [ "$failed" -eq 0 ]; then
    rm -rf "$logdir"
    exit 0
fi
echo "failing logs kept in $logdir"
exit 1
