#!/bin/bash
# Side-by-side: the same Debian bookworm programs as AArch64 binaries under
# tern-aarch64 and qemu-aarch64 (-cpu max, both), and as x86-64 binaries
# natively, in one run.  Prints a Markdown table of median wall-clock
# seconds over N runs (interleaved: native, qemu, tern, native, ...), the ratios tern/qemu, tern/native and qemu/native,
# and the geometric means of the ratios.
#
#   tests/bench/aarch64-user.sh [-n RUNS] [-s MiB] [-c MiB] [-w LIST]
#     -n RUNS   runs of each command (default 3; the median is shown)
#     -s MiB    size of the sha256sum input (default 128; openssl's is
#               a quarter of it)
#     -c MiB    size of the compressors' input (default 8)
#     -w LIST   only these workloads (comma-separated ids, see -h)
#
# Workloads (id: what):
#   sha256sum  coreutils sha256sum of a large file
#   xz         xz -6 -T1 of a tarball of Python's standard library
#   bzip2      bzip2 -9 of the same
#   zstd       zstd -19 of the same
#   python     a pure-Python loop benchmark: nbody, 100,000 steps
#   sqlite3    100,000 INSERTs in one transaction, then aggregate queries
#              (tests/debian/sqlite3-script.sql)
#   lua        lua5.4: recursive fib(35)
#   openssl    openssl dgst -sha256 and enc -aes-256-cbc of a quarter of it
#              (in place of "openssl speed", which runs each algorithm for
#              a fixed time and reports a rate: a fixed amount of data
#              through the same code fits a table of times)
#   sort       coreutils sort -n of 1,000,000 shuffled lines
#   awk        busybox awk floating-point loop
#
# Needs: build/tern-aarch64, the arm64 sysroot (scripts/fetch-arm64-debs.sh),
# qemu-user and the native programs (scripts/install-deps.sh).
# Not part of make check: the machines are shared and noisy.
set -u
export LC_ALL=C
cd "$(dirname "$0")/../.." || exit 1
build=${BUILD:-build}
sysroot=${TERN_SYSROOT:-build/sysroot-arm64}
runs=3
mib=128
cmib=8
only=
all_ids="sha256sum xz bzip2 zstd python sqlite3 lua openssl sort awk"
usage() {
    sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "$0"
}
while [ $# -gt 0 ]; do
    case $1 in
    -n) runs=$2; shift 2 ;;
    -s) mib=$2; shift 2 ;;
    -c) cmib=$2; shift 2 ;;
    -w) only=${2//,/ }; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
    esac
done
ids=${only:-$all_ids}
for need in "$build/tern-aarch64" "$sysroot/bin/busybox" "$sysroot/usr/bin/xz" \
            "$sysroot/usr/bin/python3" "$sysroot/usr/bin/sqlite3" \
            "$sysroot/usr/bin/lua5.4" "$sysroot/usr/bin/openssl"; do
    if [ ! -e "$need" ]; then
        echo "missing $need (make; scripts/fetch-arm64-debs.sh)" >&2
        exit 1
    fi
done
for need in qemu-aarch64 python3 sqlite3 lua5.4 openssl xz bzip2 zstd busybox; do
    command -v "$need" > /dev/null ||
        { echo "$need missing on the host (scripts/install-deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A snapshot of tern: a rebuild in the middle of the run must not change
# (or remove) the binary being measured.
cp "$build/tern-aarch64" "$work/tern-aarch64" || exit 1
sr=$(cd "$sysroot" && pwd)

# Inputs.  Random bytes for the hashes and ciphers (their speed does not
# depend on the data); for the compressors, real files: the start of a
# tarball of the sysroot's Python standard library (source and .so).
head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/big"
head -c $((mib * 256 * 1024)) "$work/big" > "$work/quarter"
tar -C "$sr/usr/lib" --sort=name --mtime=@0 --owner=0 --group=0 -cf - python3.11 |
    head -c $((cmib * 1024 * 1024)) > "$work/corpus"
seq 1 1000000 | shuf --random-source=<(yes) > "$work/lines"
awk 'BEGIN {
    print "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, grp INTEGER, qty INTEGER, price REAL);"
    print "BEGIN;"
    split("ka to mi re su na lo pe zu ri go ba", s, " ")
    x = 12345
    for (i = 1; i <= 100000; i++) {
        x = (x * 69069 + 1) % 4294967296
        printf "INSERT INTO t VALUES(%d,\047%s%s%s\047,%d,%d,%d.%02d);\n", i,
            s[int(x / 65536) % 12 + 1], s[int(x / 1048576) % 12 + 1],
            s[int(x / 16777216) % 3 + 1], int(x / 4096) % 7,
            int(x / 128) % 1000, int(x / 32768) % 1000, int(x / 256) % 100
    }
    print "COMMIT;"
}' > "$work/rows.sql"
cp tests/debian/sqlite3-script.sql "$work/queries.sql"
cat > "$work/nbody.py" << 'EOF'
# The n-body benchmark (planets of the solar system, symplectic Euler).
import sys
PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24
BODIES = [
    ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], SOLAR_MASS),
    ([4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01],
     [1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR], 9.54791938424326609e-04 * SOLAR_MASS),
    ([8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01],
     [-2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR], 2.85885980666130812e-04 * SOLAR_MASS),
    ([1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01],
     [2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR], 4.36624404335156298e-05 * SOLAR_MASS),
    ([1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01],
     [2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR], 5.15138902046611451e-05 * SOLAR_MASS)]
PAIRS = [(BODIES[i], BODIES[j]) for i in range(5) for j in range(i + 1, 5)]

def advance(dt, n):
    for _ in range(n):
        for ([x1, y1, z1], v1, m1), ([x2, y2, z2], v2, m2) in PAIRS:
            dx, dy, dz = x1 - x2, y1 - y2, z1 - z2
            mag = dt * ((dx * dx + dy * dy + dz * dz) ** (-1.5))
            b1m, b2m = m1 * mag, m2 * mag
            v1[0] -= dx * b2m; v1[1] -= dy * b2m; v1[2] -= dz * b2m
            v2[0] += dx * b1m; v2[1] += dy * b1m; v2[2] += dz * b1m
        for (r, [vx, vy, vz], m) in BODIES:
            r[0] += dt * vx; r[1] += dt * vy; r[2] += dt * vz

def energy():
    e = 0.0
    for (((x1, y1, z1), v1, m1), ((x2, y2, z2), v2, m2)) in PAIRS:
        dx, dy, dz = x1 - x2, y1 - y2, z1 - z2
        e -= (m1 * m2) / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    for (r, [vx, vy, vz], m) in BODIES:
        e += m * (vx * vx + vy * vy + vz * vz) / 2.
    return e

px = py = pz = 0.0
for (r, [vx, vy, vz], m) in BODIES:
    px -= vx * m; py -= vy * m; pz -= vz * m
v = BODIES[0][1]
v[0], v[1], v[2] = px / SOLAR_MASS, py / SOLAR_MASS, pz / SOLAR_MASS
print("%.9f" % energy())
advance(0.01, int(sys.argv[1]))
print("%.9f" % energy())
EOF
cat > "$work/fib.lua" << 'EOF'
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(fib(tonumber(arg[1])))
EOF
key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
iv=f0e0d0c0b0a090807060504030201000

# Each workload: a command line with @BIN@ and @USRBIN@ for the program
# directories (/bin and /usr/bin natively, the sysroot's under
# emulation) and @W@ for the scratch directory.
declare -A what cmd
what[sha256sum]="sha256sum, ${mib} MiB";   cmd[sha256sum]='@USRBIN@/sha256sum @W@/big'
what[xz]="xz -6, ${cmib} MiB";              cmd[xz]='@USRBIN@/xz -6 -T1 -c @W@/corpus'
what[bzip2]="bzip2 -9, ${cmib} MiB";        cmd[bzip2]='@BIN@/bzip2 -9 -c @W@/corpus'
what[zstd]="zstd -19, ${cmib} MiB";         cmd[zstd]='@USRBIN@/zstd -19 -c @W@/corpus'
what[python]="python3 nbody 100k";          cmd[python]='@USRBIN@/python3 @W@/nbody.py 100000'
what[sqlite3]="sqlite3 100k inserts+queries"
# shellcheck disable=SC2016  # $$ and $? are for the bash -c that runs it
cmd[sqlite3]='rm -f @W@/db.$$ && @USRBIN@/sqlite3 @W@/db.$$ < @W@/rows.sql && @USRBIN@/sqlite3 @W@/db.$$ < @W@/queries.sql; s=$?; rm -f @W@/db.$$; exit $s'
what[lua]="lua5.4 fib(35)";                 cmd[lua]='@USRBIN@/lua5.4 @W@/fib.lua 35'
what[openssl]="openssl sha256+aes-256-cbc, $((mib / 4)) MiB"
cmd[openssl]="@USRBIN@/openssl dgst -sha256 @W@/quarter && @USRBIN@/openssl enc -aes-256-cbc -K $key -iv $iv -nosalt -in @W@/quarter"
what[sort]="sort -n, 1M lines";             cmd[sort]='@USRBIN@/sort -n @W@/lines'
what[awk]="busybox awk loop (FP)"
cmd[awk]="@BIN@/busybox awk 'BEGIN{s=0;for(i=0;i<1000000;i++)s+=i%7*0.5;print s}'"

# expand TEMPLATE MODE: the shell command for native, qemu or tern.
expand() {
    local c=$1 pre bin=/bin usrbin=/usr/bin
    case $2 in
    native) pre= ;;
    qemu) pre="qemu-aarch64 -cpu max -L $sr"; bin=$sr/bin; usrbin=$sr/usr/bin ;;
    tern) pre="$work/tern-aarch64 -cpu max -L $sr"; bin=$sr/bin; usrbin=$sr/usr/bin ;;
    esac
    c=${c//@W@/$work}
    # Each program of the line runs under the emulator.
    c=${c//@BIN@/${pre:+$pre }$bin}
    c=${c//@USRBIN@/${pre:+$pre }$usrbin}
    echo "$c"
}

# timed COMMAND: wall-clock seconds of a shell command, or "nan" when it
# fails (with its first error lines on stderr).
timed() {
    local t0 t1
    t0=$(date +%s.%N)
    bash -c "$1" > /dev/null 2> "$work/err" ||
        { echo "FAILED: $1" >&2; head -n 3 "$work/err" >&2; echo nan; return; }
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b - a}'
}

# median: of the numbers on stdin ("nan" if any is)
median() {
    sort -g | awk '{ a[NR] = $1 } $1 == "nan" { bad = 1 }
        END { if (bad || !NR) print "nan"; else if (NR % 2) print a[(NR + 1) / 2];
              else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

echo "tern-aarch64 (built $(date -u -r "$build/tern-aarch64" '+%F %H:%M'), tree $(git rev-parse --short HEAD 2>/dev/null)) vs $(qemu-aarch64 -version | head -n 1) vs native;" \
     "median of $runs, wall-clock seconds, $(nproc) CPUs, $(date -u +%F)"
echo
echo "| workload | native | qemu | tern | tern/qemu | tern/native | qemu/native |"
echo "|---|---|---|---|---|---|---|"
logs=$work/ratios
: > "$logs"
for id in $ids; do
    [ -n "${cmd[$id]:-}" ] || { echo "unknown workload '$id' (see -h)" >&2; exit 2; }
    # Interleaved (native, qemu, tern, native, ...): on a shared machine
    # the load drifts, and then it drifts for all three alike.
    : > "$work/t.native"; : > "$work/t.qemu"; : > "$work/t.tern"
    for _ in $(seq "$runs"); do
        for m in native qemu tern; do
            timed "$(expand "${cmd[$id]}" $m)" >> "$work/t.$m"
            echo >> "$work/t.$m"
        done
    done
    n=$(median < "$work/t.native")
    q=$(median < "$work/t.qemu")
    t=$(median < "$work/t.tern")
    awk -v w="${what[$id]}" -v n="$n" -v q="$q" -v t="$t" -v out="$logs" 'BEGIN {
        r1 = (q > 0) ? t / q : "nan"; r2 = (n > 0) ? t / n : "nan"; r3 = (n > 0) ? q / n : "nan"
        printf "| %s | %.2f | %.2f | %.2f | %.2f× | %.1f× | %.1f× |\n", w, n, q, t, r1, r2, r3
        if (n q t !~ /nan/) print r1, r2, r3 >> out
    }'
done
awk '{ for (i = 1; i <= 3; i++) s[i] += log($i) }
     END { if (NR) printf "| geometric mean | | | | %.2f× | %.1f× | %.1f× |\n",
                          exp(s[1] / NR), exp(s[2] / NR), exp(s[3] / NR) }' "$logs"
