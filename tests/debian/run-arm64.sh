#!/bin/bash
# Run Debian's own arm64 programs under tern-aarch64 and compare what they
# print with the same programs (same Debian version) run natively on the
# x86-64 host; TAP on stdout.
#
#   BUILD=build tests/debian/run-arm64.sh     (make check runs it via prove)
#
# The programs come from build/sysroot-arm64/, which
# scripts/fetch-arm64-debs.sh fills (make check runs it first; it is cached).
# A missing sysroot is a failure, with the fetch script's reason, never a
# skip.  Each case runs once natively (the oracle) and once per backend
# (jit and interp; only interp when the build has no JIT), each time in a
# fresh scratch directory with a fixed environment (LC_ALL=C, TZ=UTC).  A
# case passes when its stdout and exit status equal the native ones.
#
#   busybox-script       tests/debian/busybox-script.sh by busybox-static's
#                        sh, against the host's busybox (package busybox)
#   coreutils-ls         ls -l of a directory with fixed modes and mtimes
#   coreutils-sort       sort, sort -k/-t/-n/-r, sort -u -f of fixed text
#   coreutils-sha256sum  sha256sum of files and of stdin
#   coreutils-date       date -u -d @0 and a formatted date
#   coreutils-seq-sort-tail   seq 1 100000 | sort -n | tail, three guests
#   python3-script       tests/debian/python3-script.py (classes, big
#                        integers, floats, json, re, threads, subprocess
#                        children that are arm64 programs again)
#   lua-script           tests/debian/lua-script.lua by lua5.4
#   sqlite3-100k         100,000 INSERTs in one transaction, then the
#                        aggregate queries of tests/debian/sqlite3-script.sql
#   compress-gzip, compress-bzip2, compress-xz, compress-xz-6,
#   compress-zstd, compress-zstd-19
#                        compress a generated 256 KiB file (text and
#                        pseudo-random bytes) at fixed levels: the
#                        compressed bytes (their size and sha256) must be
#                        the native ones, and decompressing them under
#                        tern must give the input back
#   openssl              sha256/sha512 of a file, aes-256-cbc encryption
#                        with a fixed key and iv (-K/-iv -nosalt): the
#                        ciphertext must be the native one, and decrypting
#                        it under tern must give the input back
# (all but busybox are dynamic: the sysroot's ld-linux-aarch64.so.1 and
# libc.so.6; the guests run with the default CPU model, so programs that
# pick code paths by HWCAP, like openssl and glibc's string functions,
# take the paths tern advertises)
#
# NAME.xfail (optional) holds the reason a case is expected to fail on
# every backend, NAME.BACKEND.xfail on one: reported as
# "not ok ... # TODO reason" (an unexpected pass shows as "ok ... # TODO":
# then remove the file).  NAME.BACKEND.skip holds the reason a case is not
# run on that backend at all (e.g. too slow on the interpreter).  Guests
# run with -d unimp; what it logs (unimplemented instructions and system
# calls) is shown with a failure.
#
# TERN_GUEST_BACKEND=jit|interp runs only that backend; TERN_DEBIAN_CASES
# (names separated by blanks) only those cases; TERN_DEBIAN_TIMEOUT
# (default 120) seconds per program; TERN_SYSROOT, TERN_DEBS_DIR as for the
# fetch script.  scripts/tap-run passes --tap; it is ignored.

# The case functions are called by name (run_case): not unreachable.
# shellcheck disable=SC2317
set -u
export LC_ALL=C

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
TERN=$BUILD/tern-aarch64
DIR=$SRC/tests/debian
SYSROOT=${TERN_SYSROOT:-$SRC/build/sysroot-arm64}
DEBS=${TERN_DEBS_DIR:-$SRC/build/debs}
TIMEOUT=${TERN_DEBIAN_TIMEOUT:-120}

cases=(busybox-script coreutils-ls coreutils-sort coreutils-sha256sum
       coreutils-date coreutils-seq-sort-tail python3-script lua-script
       sqlite3-100k compress-gzip compress-bzip2 compress-xz compress-xz-6
       compress-zstd compress-zstd-19 openssl)

# The host program each case compares against (beyond coreutils), and the
# Debian package that installs it (scripts/install-deps.sh lists them).
declare -A host_prog=(
    [busybox-script]=busybox:busybox [python3-script]=python3:python3
    [lua-script]=lua5.4:lua5.4 [sqlite3-100k]=sqlite3:sqlite3
    [compress-gzip]=gzip:gzip [compress-bzip2]=bzip2:bzip2
    [compress-xz]=xz:xz-utils [compress-xz-6]=xz:xz-utils
    [compress-zstd]=zstd:zstd [compress-zstd-19]=zstd:zstd
    [openssl]=openssl:openssl)
if [ -n "${TERN_DEBIAN_CASES:-}" ]; then
    read -r -a cases <<< "$TERN_DEBIAN_CASES"
fi

backends=()
if [ -n "${TERN_GUEST_BACKEND:-}" ]; then
    backends=("$TERN_GUEST_BACKEND")
else
    if grep -q '^CONFIG_JIT_X86_64 := y' "$BUILD/config.mak" 2>/dev/null; then
        backends+=(jit)
    fi
    backends+=(interp)
fi

echo "1..$(( ${#cases[@]} * ${#backends[@]} ))"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tern-debian.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

comment() { sed 's/^/#   /'; }

# ------------------------------------------------------------------
# Running a program natively or under tern

# The mode of the current run: "host" or a backend name; set by run_case.
mode=host
unimp=$tmp/unimp

# prog NAME: the program's path, in the sysroot for a guest run.
prog() {
    local root='' d
    [ "$mode" = host ] || root=$SYSROOT
    for d in /bin /usr/bin /sbin /usr/sbin; do
        if [ -f "$root$d/$1" ]; then
            echo "$root$d/$1"
            return 0
        fi
    done
    echo "$root/usr/bin/$1"    # missing: let the run fail and say so
}

# run NAME ARGS...: run a program with a fixed environment (PATH from
# $run_path), natively or under tern with the current backend.
run_path=/usr/bin:/bin
run() {
    local name=$1 path log st
    shift
    path=$(prog "$name")
    if [ "$mode" = host ]; then
        timeout -k 5 "$TIMEOUT" \
            env -i PATH="$run_path" LC_ALL=C TZ=UTC HOME=/nonexistent "$path" "$@"
        return
    fi
    # One log per tern process: the pipeline case runs three at once.
    # The shell's own report of a death by signal ("Illegal instruction")
    # goes to /dev/null; the status tells it.
    log=$tmp/unimp.$BASHPID
    { timeout -k 5 "$TIMEOUT" \
        env -i PATH="$run_path" LC_ALL=C TZ=UTC HOME=/nonexistent \
        "$TERN" -L "$SYSROOT" -accel "tcg,backend=$mode" \
        -d unimp -D "$log" -0 "$name" "$path" "$@" 2>&3; } 3>&2 2> /dev/null
    st=$?
    if [ -s "$log" ]; then
        sed "s|^|$name: |" "$log" >> "$unimp"
    fi
    rm -f "$log"
    return "$st"
}

# ------------------------------------------------------------------
# The cases: each runs in a fresh, empty current directory and writes
# what is compared to stdout.

applets_host=$tmp/applets-host
applets_guest=$tmp/applets-arm64
case_busybox_script() {
    # BusyBox's sh runs its applets itself when they are not found as
    # programs; Debian's dynamic (host) busybox does not, so PATH names
    # only links to busybox for both.
    if [ "$mode" = host ]; then
        run_path=$applets_host
    else
        run_path=$applets_guest
    fi
    cp "$DIR/busybox-script.sh" .
    run busybox sh ./busybox-script.sh 2>&1
}

case_coreutils_ls() {
    mkdir -p fixture/subdir
    printf 'hello\n' > fixture/a.txt
    seq 1 3000 > fixture/numbers
    printf '#!/bin/sh\necho hi\n' > fixture/script.sh
    : > fixture/empty
    ln -s a.txt fixture/link
    ln fixture/numbers fixture/hardlink
    chmod 600 fixture/a.txt
    chmod 755 fixture/script.sh
    chmod 444 fixture/empty
    chmod 2750 fixture/subdir
    touch -d '2001-02-03 04:05:06 UTC' fixture/a.txt fixture/numbers fixture/subdir
    touch -d '2023-06-10 12:00:00.123456789 UTC' fixture/script.sh fixture/empty
    touch -h -d '1999-12-31 23:59:59 UTC' fixture/link
    touch -d '1980-01-01 00:00:00 UTC' fixture
    run ls -l fixture &&
    run ls -ln --time-style=full-iso fixture &&
    run ls -ld --time-style=+%s fixture &&
    run ls -R fixture &&
    run ls -sS fixture
}

# gen_words N SEED: N lines "word,number" from a fixed pseudo-random sequence.
gen_words() {
    local i x=$2 w
    local syl=(ka to mi re su na lo pe zu ri go ba)
    for ((i = 0; i < $1; i++)); do
        x=$(( (x * 1103515245 + 12345) % 2147483648 ))
        w=${syl[x % 12]}${syl[(x >> 4) % 12]}${syl[(x >> 8) % 3]}
        ((x % 5 == 0)) && w=${w^}
        echo "$w,$(( (x >> 12) % 1000 - 200 ))"
    done
}

case_coreutils_sort() {
    gen_words 3000 42 > words
    run sort words > sorted && md5sum < sorted && head -n 5 sorted &&
    run sort -t, -k2,2n -k1,1r words > sorted && head -n 20 sorted &&
    run sort -u -f -t, -k1,1 words &&
    run sort -r -n -t, -k2 words > sorted && tail -n 5 sorted
}

case_coreutils_sha256sum() {
    gen_words 500 7 > words
    seq 1 200000 > numbers
    : > empty
    run sha256sum words numbers empty &&
    run sha256sum < numbers &&
    run sha256sum -b words > sums &&
    run sha256sum -c sums
}

case_coreutils_date() {
    run date -u -d @0 &&
    run date -u -d @1234567890 '+%Y-%m-%d %H:%M:%S %A %B %j %U %s' &&
    run date -u -d '2024-02-29 13:14:15' '+%F %T %a %b %e %y %p %I'
}

case_coreutils_seq_sort_tail() {
    run seq 1 100000 | run sort -n | run tail
}

case_python3_script() {
    cp "$DIR/python3-script.py" .
    run python3 ./python3-script.py
}

case_lua_script() {
    cp "$DIR/lua-script.lua" .
    run lua5.4 ./lua-script.lua
}

# The rows: a fixed linear congruential sequence (exact in awk's doubles).
gen_rows() {
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
    }'
}

case_sqlite3_100k() {
    gen_rows > rows.sql
    run sqlite3 db < rows.sql &&
    run sqlite3 db < "$DIR/sqlite3-script.sql"
}

# gen_data KIB: KIB KiB, three quarters words and lines (compressible),
# one quarter pseudo-random bytes; the same on every run.
gen_data() {
    local text=$(($1 * 768)) bin=$(($1 * 256))
    awk -v n="$text" 'BEGIN {
        split("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor", w, " ")
        x = 7
        while (len < n) {
            x = (x * 69069 + 1) % 4294967296
            s = w[int(x / 65536) % 12 + 1] ((x % 17 == 0) ? ".\n" : " ")
            printf "%s", s
            len += length(s)
        }
    }' | head -c "$text"
    awk -v n="$bin" 'BEGIN {
        x = 99
        for (i = 0; i < n; i++) {
            x = (x * 69069 + 1) % 4294967296
            printf "%c", int(x / 16777216)
        }
    }'
}

# roundtrip PROG OPTIONS LEVEL...: compress data at each level (with the
# options, split at blanks) under the program being tested, print the compressed size and sha256 (computed here, by
# the host's coreutils, for both runs), decompress under the same program
# and compare with the input.
roundtrip() {
    local p=$1 opts l
    read -r -a opts <<< "$2"
    shift 2
    [ -f data ] || gen_data 256 > data
    for l in "$@"; do
        run "$p" "${opts[@]}" "$l" -c < data > data.z || return
        echo "$p ${opts[*]} $l: $(stat -c %s data.z) bytes, sha256 $(sha256sum < data.z | cut -d' ' -f1)"
        run "$p" -d -c < data.z > data.out || return
        if cmp -s data data.out; then
            echo "$p -d: the input back"
        else
            echo "$p -d: differs from the input ($(stat -c %s data.out) bytes)"
        fi
    done
}

# gzip -n: no name and time stamp in the header.
case_compress_gzip() { roundtrip gzip -n -1 -6 -9; }
case_compress_bzip2() { roundtrip bzip2 '' -1 -9; }
# xz 5.4 compresses single-threaded by default; -T1 says so: a
# multi-threaded xz splits the stream into blocks.
case_compress_xz() { roundtrip xz -T1 -0 -3; }
case_compress_xz_6() { roundtrip xz -T1 -6; }
case_compress_zstd() { roundtrip zstd -q -1 -3 -9; }
case_compress_zstd_19() { roundtrip zstd -q -19; }

case_openssl() {
    local key=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
    local iv=f0e0d0c0b0a090807060504030201000
    gen_data 1024 > data
    printf 'abc' > abc
    run openssl dgst -sha256 data abc &&
    run openssl dgst -sha512 data &&
    run openssl sha256 < data &&
    run openssl enc -aes-256-cbc -K "$key" -iv "$iv" -nosalt -in data -out data.enc &&
    echo "aes-256-cbc: $(stat -c %s data.enc) bytes, sha256 $(sha256sum < data.enc | cut -d' ' -f1)" &&
    od -A d -t x1 -N 32 data.enc &&
    run openssl enc -d -aes-256-cbc -K "$key" -iv "$iv" -nosalt -in data.enc -out data.dec &&
    if cmp -s data data.dec; then echo "decrypted: the input back"; else echo "decrypted: differs"; fi &&
    run openssl enc -aes-128-ctr -K "${key:0:32}" -iv "$iv" -in abc | od -A n -t x1
}

# ------------------------------------------------------------------

# run_case NAME MODE OUTDIR: run one case, leave out/err/status in OUTDIR.
run_case() {
    local name=$1 fn=case_${1//-/_} work=$3/work
    mkdir -p "$work"
    rm -f "$unimp"
    (set -o pipefail
     cd "$work" && mode=$2 && "$fn" > "$3/out" 2> "$3/err" < /dev/null
     echo $? > "$3/status") 2> /dev/null
    [ -f "$3/status" ] || echo 255 > "$3/status"
    rm -rf "$work"
}

# Why the sysroot is unusable, or nothing.
sysroot_problem() {
    local why=
    if [ ! -e "$SYSROOT/lib/ld-linux-aarch64.so.1" ] ||
       [ ! -x "$SYSROOT/bin/busybox" ] || [ ! -x "$SYSROOT/bin/ls" ]; then
        why="the arm64 sysroot $SYSROOT is missing or incomplete"
        if [ -s "$DEBS/last-error" ]; then
            why="$why: $(head -n 1 "$DEBS/last-error")"
        else
            why="$why (run scripts/fetch-arm64-debs.sh; make check does)"
        fi
    fi
    echo "$why"
}

# Versions: the host's programs are the oracle only if they are the same
# Debian versions as the sysroot's.
host_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }
sysroot_version() {
    sed -n 's/^[^_]*_\([^_]*\)_.*/\1/p' "$SYSROOT/.tern-debs/$1" 2>/dev/null |
        sed 's/%3a/:/'
}
for pair in busybox:busybox-static coreutils:coreutils \
            python3.11-minimal:python3.11-minimal libpython3.11-stdlib:libpython3.11-stdlib \
            lua5.4:lua5.4 sqlite3:sqlite3 libsqlite3-0:libsqlite3-0 gzip:gzip \
            bzip2:bzip2 xz-utils:xz-utils liblzma5:liblzma5 zstd:zstd \
            libzstd1:libzstd1 openssl:openssl libssl3:libssl3; do
    h=$(host_version "${pair%%:*}")
    g=$(sysroot_version "${pair#*:}")
    echo "# host ${pair%%:*} ${h:-not installed}, sysroot ${pair#*:} ${g:-not fetched}"
done

# case_problem NAME: why the case cannot run (the host's program or the
# sysroot's is missing), or nothing.
case_problem() {
    local spec=${host_prog[$1]:-} p
    [ -n "$spec" ] || return 0
    p=${spec%%:*}
    if ! command -v "$p" > /dev/null 2>&1; then
        echo "the host's $p is missing (package ${spec#*:}; scripts/install-deps.sh installs it)"
    elif [ "$p" = busybox ]; then
        [ -x "$SYSROOT/bin/busybox" ] ||
            echo "$SYSROOT/bin/busybox is missing (scripts/fetch-arm64-debs.sh)"
    elif [ ! -e "$(mode=arm64 prog "$p")" ]; then
        echo "$p is missing from $SYSROOT (tests/debian/packages lists it; scripts/fetch-arm64-debs.sh fetches it)"
    fi
}

problem=$(sysroot_problem)
if [ -x /bin/busybox ]; then
    mkdir -p "$applets_host" "$applets_guest"
    for a in $(/bin/busybox --list); do
        ln -s /bin/busybox "$applets_host/$a"
        ln -s "$SYSROOT/bin/busybox" "$applets_guest/$a"
    done
fi

num=0
for name in "${cases[@]}"; do
    ref=$tmp/$name.host
    mkdir -p "$ref"
    cproblem=$(case_problem "$name")
    if [ -z "$cproblem" ]; then
        run_case "$name" host "$ref"
    fi
    for be in "${backends[@]}"; do
        num=$((num + 1))
        label="$name ($be)"
        todo=
        for f in "$DIR/$name.$be.xfail" "$DIR/$name.xfail"; do
            if [ -f "$f" ]; then
                todo=" # TODO $(head -n 1 "$f")"
                break
            fi
        done
        if [ -f "$DIR/$name.$be.skip" ]; then
            echo "ok $num - $label # SKIP $(head -n 1 "$DIR/$name.$be.skip")"
            continue
        fi
        why=
        if [ ! -x "$TERN" ]; then
            why="$TERN is missing: run make"
        elif [ -n "$problem" ]; then
            why=$problem
        elif [ -n "$cproblem" ]; then
            why=$cproblem
        elif [ "$(cat "$ref/status")" != 0 ]; then
            why="the native run failed (status $(cat "$ref/status")), so there is nothing to compare with"
        fi
        # Not a TODO even when the case has an xfail: a missing sysroot or
        # oracle must not hide behind the reason the guest would fail.
        if [ -n "$why" ]; then
            echo "not ok $num - $label"
            echo "# $why"
            if [ -s "$ref/err" ]; then
                head -n 10 "$ref/err" | comment
            fi
            continue
        fi
        got=$tmp/$name.$be
        mkdir -p "$got"
        start=$SECONDS
        run_case "$name" "$be" "$got"
        took=$((SECONDS - start))
        problems=()
        status=$(cat "$got/status")
        if [ "$status" = 124 ] || [ "$status" = 137 ]; then
            problems+=("timed out after ${TIMEOUT}s")
        elif [ "$status" != "$(cat "$ref/status")" ]; then
            problems+=("exit status $status, natively $(cat "$ref/status")")
        fi
        if ! cmp -s "$ref/out" "$got/out"; then
            problems+=("stdout differs from the native run's:")
        fi
        if [ ${#problems[@]} -eq 0 ]; then
            echo "ok $num - $label$todo"
            echo "# ${took}s"
            continue
        fi
        echo "not ok $num - $label$todo"
        for p in "${problems[@]}"; do
            echo "# $p"
            case $p in
            stdout*)
                diff -u --label native --label tern "$ref/out" "$got/out" |
                    head -n 30 | comment
                echo "# tern's stdout ends with:"
                tail -n 5 "$got/out" | comment ;;
            esac
        done
        if [ -s "$unimp" ]; then
            echo "# -d unimp:"
            sort -u "$unimp" | head -n 10 | comment
        fi
        if [ -s "$got/err" ]; then
            echo "# stderr:"
            head -n 10 "$got/err" | comment
        fi
    done
done
exit 0
