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
exec "$build/tests/bench/tcg-bench" "$@"
