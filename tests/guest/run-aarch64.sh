#!/bin/bash
# Run the AArch64 guest test programs under tern-aarch64; TAP on stdout.
#
#   BUILD=build tests/guest/run-aarch64.sh      (make check runs it via prove)
#
# For every tests/guest/aarch64/NAME.S or NAME.c the Makefile builds
# $BUILD/tests/guest/aarch64/NAME (when configure found the cross
# compiler).  Each program is run once per backend (jit and interp; only
# interp when the build has no JIT).  TERN_GUEST_BACKEND=jit|interp runs
# only that one.  A program passes when
#   - its stdout equals NAME.out (if that file exists; otherwise stdout is
#     not checked),
#   - its exit status equals NAME.status (default 0; a guest killed by
#     signal N shows as 128+N, as in a shell),
#   - and, without NAME.out, nothing was written to stderr.
# NAME.args (optional) holds extra arguments, one per line.
# NAME.accel (optional) holds extra -accel tcg settings (e.g. tb-size=32K).
# NAME.cpu (optional) holds the -cpu model to run it with (default: max).
# NAME.xfail (optional) holds the reason the program is expected to fail:
# it is reported as "not ok ... # TODO reason" (not counted as a failure;
# an unexpected pass shows as "ok ... # TODO").
# TERN_GUEST_TIMEOUT (default 20, 60 in a sanitizer build, which runs
# tern several times slower) seconds per run.
#
# scripts/tap-run passes --tap; it is ignored.

set -u
export LC_ALL=C

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
if grep -q '^CONFIG_SANITIZERS := y' "$BUILD/config.mak" 2>/dev/null; then
    TIMEOUT=${TERN_GUEST_TIMEOUT:-60}
else
    TIMEOUT=${TERN_GUEST_TIMEOUT:-20}
fi
TERN=$BUILD/tern-aarch64
DIR=$SRC/tests/guest/aarch64

backends=()
if [ -n "${TERN_GUEST_BACKEND:-}" ]; then
    backends=("$TERN_GUEST_BACKEND")
else
    if grep -q '^CONFIG_JIT_X86_64 := y' "$BUILD/config.mak" 2>/dev/null; then
        backends+=(jit)
    fi
    backends+=(interp)
fi

names=()
for src in "$DIR"/*.S "$DIR"/*.c; do
    [ -e "$src" ] || continue
    n=$(basename "$src")
    names+=("${n%.*}")
done
mapfile -t names < <(printf '%s\n' "${names[@]}" | sort -u | sed '/^$/d')

# tern-aarch64's own error handling and options (see cli_checks below).
NCLI=24
echo "1..$(( ${#names[@]} * ${#backends[@]} + NCLI ))"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tern-guest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

comment() { sed 's/^/#   /'; }

# cli_check DESC WANT_STATUS PATTERN ARGS...: run tern-aarch64 ARGS, expect
# the exit status and PATTERN (grep -E) somewhere in stdout+stderr.
cli_check() {
    local desc=$1 want=$2 pat=$3 st
    shift 3
    num=$((num + 1))
    if [ ! -x "$TERN" ]; then
        echo "ok $num - cli: $desc # SKIP tern-aarch64 not built"
        return
    fi
    timeout -k 5 "$TIMEOUT" "$TERN" "$@" > "$tmp/cli" 2>&1 < /dev/null
    st=$?
    if [ "$st" = "$want" ] && grep -Eq -- "$pat" "$tmp/cli"; then
        echo "ok $num - cli: $desc"
    else
        echo "not ok $num - cli: $desc"
        echo "# tern-aarch64 $*: exit status $st (expected $want), output:"
        head -n 10 "$tmp/cli" | comment
        echo "# expected to match: $pat"
    fi
}

cli_checks() {
    local hello=$BUILD/tests/guest/aarch64/user-hello
    local args=$BUILD/tests/guest/aarch64/user-args
    cli_check "missing program: 127" 127 "nonexistent: No such file" \
        "$tmp/nonexistent"
    cli_check "x86-64 ELF named as such" 1 "ELF for x86-64.*not AArch64" \
        "$(type -P true)"
    printf '#!/bin/sh\necho hi\n' > "$tmp/script.sh"
    chmod +x "$tmp/script.sh"
    cli_check "script refused with a hint" 1 "script" "$tmp/script.sh"
    printf 'garbage, not an ELF at all\n' > "$tmp/garbage"
    chmod +x "$tmp/garbage"
    cli_check "non-ELF file" 1 "garbage: not an ELF file" "$tmp/garbage"
    cli_check "unknown option" 1 "unknown option '-bogus'" -bogus x
    cli_check "-cpu help lists max" 0 "^  max$" -cpu help
    cli_check "directory: 126" 126 "Is a directory" "$tmp"
    # scripts/binfmt-register.sh --dry-run: the exact registration line.
    num=$((num + 1))
    local want got
    want='would write to /proc/sys/fs/binfmt_misc/register: :tern-aarch64:M::\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff:/opt/tern/tern-aarch64:F'
    got=$("$SRC/scripts/binfmt-register.sh" --dry-run --path /opt/tern/tern-aarch64 2>&1)
    if [ "$got" = "$want" ]; then
        echo "ok $num - binfmt-register.sh --dry-run"
    else
        echo "not ok $num - binfmt-register.sh --dry-run"
        printf '%s\n' "$got" | comment
    fi
    : > "$tmp/empty"
    chmod +x "$tmp/empty"
    cli_check "empty file" 1 "empty: not an ELF file" "$tmp/empty"
    if [ -x "$hello" ]; then
        # Corrupt copies of user-hello (static, 2 program headers: LOAD,
        # NOTE), each with one field broken.
        python3 - "$hello" "$tmp" <<'PYEOF'
import struct, sys
d = open(sys.argv[1], 'rb').read()
phoff = struct.unpack_from('<Q', d, 0x20)[0]
def out(name, fmt, off, val, data=None):
    b = bytearray(d if data is None else data)
    struct.pack_into(fmt, b, off, val)
    open(sys.argv[2] + '/' + name, 'wb').write(b)
out('riscv', '<H', 0x12, 243)                       # e_machine
out('arm32', '<H', 0x12, 40)
out('zero-phnum', '<H', 0x38, 0)                    # e_phnum
out('phdr-past-end', '<Q', 0x20, len(d) + 4096)     # e_phoff
out('huge-filesz', '<Q', phoff + 0x20, 1 << 62)     # LOAD p_filesz
out('huge-offset', '<Q', phoff + 0x08, (1 << 64) - 4096)  # LOAD p_offset
# The NOTE header becomes PT_INTERP naming a file that does not exist.
interp = b'/nonexistent/ld-linux-aarch64.so.1\0'
b = bytearray(d + interp)
struct.pack_into('<IIQ', b, phoff + 56, 3, 4, len(d))
struct.pack_into('<Q', b, phoff + 56 + 0x20, len(interp))
open(sys.argv[2] + '/no-interp', 'wb').write(b)
PYEOF
        chmod +x "$tmp"/riscv "$tmp"/arm32 "$tmp"/zero-phnum "$tmp"/phdr-past-end \
            "$tmp"/huge-filesz "$tmp"/huge-offset "$tmp"/no-interp
        cli_check "ELF for RISC-V" 1 "riscv: an ELF for RISC-V.*not AArch64" \
            "$tmp/riscv"
        cli_check "ELF for 32-bit ARM" 1 "arm32: an ELF for 32-bit ARM" \
            "$tmp/arm32"
        cli_check "no program headers" 1 "zero-phnum: corrupt ELF" \
            "$tmp/zero-phnum"
        cli_check "program headers past the end" 1 \
            "phdr-past-end: truncated ELF: program headers past" \
            "$tmp/phdr-past-end"
        cli_check "huge p_filesz" 1 "huge-filesz: corrupt or truncated ELF" \
            "$tmp/huge-filesz"
        cli_check "huge p_offset" 1 "huge-offset: corrupt or truncated ELF" \
            "$tmp/huge-offset"
        mkdir -p "$tmp/root"
        cli_check "missing interpreter: 127" 127 \
            "no-interp: cannot open its interpreter .*/nonexistent/ld-linux-aarch64.so.1: No such file" \
            -L "$tmp/root" "$tmp/no-interp"
        head -c 100 "$hello" > "$tmp/truncated"
        chmod +x "$tmp/truncated"
        cli_check "truncated ELF" 1 "truncated" "$tmp/truncated"
        cli_check "-strace shows the calls" 0 \
            "^[0-9]+ exit\(0\)" -strace "$hello"
        cli_check "-0 sets argv[0]" 0 'argv\[0\]="renamed"' -0 renamed "$args"
        cli_check "-E and -U edit the environment" 0 "^env=B=2$" \
            -E A=1,B=2 -U A "$args"
        cli_check "-d stats prints the block counters" 0 \
            "^blocks translated [1-9][0-9]*, live" -d stats "$hello"
        # -perfmap: /tmp/perf-PID.map names each block by its guest PC.
        num=$((num + 1))
        # (no timeout(1) in front: the map is named after tern's own pid)
        "$TERN" -perfmap "$hello" > /dev/null 2>&1 < /dev/null &
        local pid=$!
        wait "$pid"
        if grep -Eq '^[0-9a-f]+ [0-9a-f]+ tern:0x4[0-9a-f]{5}$' "/tmp/perf-$pid.map" &&
           ! grep -Evq '^[0-9a-f]+ [0-9a-f]+ tern:0x[0-9a-f]+$' "/tmp/perf-$pid.map"; then
            echo "ok $num - cli: -perfmap writes /tmp/perf-PID.map"
        else
            echo "not ok $num - cli: -perfmap writes /tmp/perf-PID.map"
            head -n 5 "/tmp/perf-$pid.map" 2>&1 | comment
        fi
        rm -f "/tmp/perf-$pid.map"
        # -D: the exec'd child's tern appends to the parent's log.
        num=$((num + 1))
        (cd "$BUILD/tests/guest/aarch64" &&
         timeout -k 5 "$TIMEOUT" "$TERN" -strace -D "$tmp/exec.log" \
             ./user-exec > /dev/null 2>&1 < /dev/null)
        if grep -Eq "^[0-9]+ exit_group\(7\)" "$tmp/exec.log" &&
           grep -Eq "^[0-9]+ exit_group\(0\)" "$tmp/exec.log" &&
           grep -Eq "^[0-9]+ exit\(0\)" "$tmp/exec.log"; then
            echo "ok $num - cli: -D log kept across execve"
        else
            echo "not ok $num - cli: -D log kept across execve"
            echo "# the log lacks the parent's or an exec'd child's exit:"
            grep -E "exit|execve" "$tmp/exec.log" | head -n 10 | comment
        fi
    else
        for d in RISC-V arm32 phnum phoff p_filesz p_offset interp \
                 "truncated ELF" "-strace" "-0" "-E/-U" "-d stats" "-perfmap" \
                 "-D across execve"; do
            num=$((num + 1))
            echo "ok $num - cli: $d # SKIP no AArch64 cross compiler"
        done
    fi
    # bti-elf with the name of its GNU property note broken ("GNU" -> "GNX").
    local bti=$BUILD/tests/guest/aarch64/bti-elf
    if [ -x "$bti" ]; then
        python3 - "$bti" "$tmp/bad-property" <<'PYEOF'
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
phoff, = struct.unpack_from('<Q', b, 0x20)
phnum, = struct.unpack_from('<H', b, 0x38)
for i in range(phnum):
    ptype, = struct.unpack_from('<I', b, phoff + 56 * i)
    if ptype == 0x6474e553:                     # PT_GNU_PROPERTY
        off, = struct.unpack_from('<Q', b, phoff + 56 * i + 8)
        assert b[off + 12:off + 16] == b'GNU\0'
        b[off + 14] = ord('X')
open(sys.argv[2], 'wb').write(b)
PYEOF
        chmod +x "$tmp/bad-property"
        cli_check "malformed PT_GNU_PROPERTY note" 1 \
            "bad-property: corrupt ELF: bad PT_GNU_PROPERTY note" \
            "$tmp/bad-property"
    else
        num=$((num + 1))
        echo "ok $num - cli: PT_GNU_PROPERTY # SKIP no AArch64 cross compiler"
    fi
}

num=0
for name in "${names[@]}"; do
    bin=$BUILD/tests/guest/aarch64/$name
    todo=
    if [ -f "$DIR/$name.xfail" ]; then
        todo=" # TODO $(head -n1 "$DIR/$name.xfail")"
    fi
    for be in "${backends[@]}"; do
        num=$((num + 1))
        label="$name ($be)"
        if [ ! -x "$bin" ]; then
            echo "ok $num - $label # SKIP no AArch64 cross compiler (install gcc-aarch64-linux-gnu and re-run ./configure)"
            continue
        fi
        if [ ! -x "$TERN" ]; then
            if [ ! -f "$SRC/linux-user/main.c" ]; then
                echo "ok $num - $label # SKIP tern-aarch64 not built yet (no linux-user/main.c)"
            else
                echo "not ok $num - $label$todo"
                echo "# $TERN is missing: run make"
            fi
            continue
        fi
        args=()
        if [ -f "$DIR/$name.args" ]; then
            mapfile -t args < "$DIR/$name.args"
        fi
        accel="tcg,backend=$be"
        if [ -f "$DIR/$name.accel" ]; then
            accel="$accel,$(head -n1 "$DIR/$name.accel")"
        fi
        cpu=()
        if [ -f "$DIR/$name.cpu" ]; then
            cpu=(-cpu "$(head -n1 "$DIR/$name.cpu")")
        fi
        want_status=0
        if [ -f "$DIR/$name.status" ]; then
            want_status=$(head -n1 "$DIR/$name.status")
        fi
        out=$tmp/out err=$tmp/err
        # Run from the program's directory with a fixed environment so that
        # what the guest prints (argv, envp) is deterministic.  The status
        # is taken inside the subshell, so that the shell's own report of
        # a death by signal ("Segmentation fault") stays out of our output.
        (cd "$BUILD/tests/guest/aarch64" &&
         env -i PATH=/usr/bin:/bin TERN_TEST=1 \
             timeout -k 5 "$TIMEOUT" "$TERN" -accel "$accel" ${cpu[@]+"${cpu[@]}"} \
             "./$name" ${args[@]+"${args[@]}"} > "$out" 2> "$err" < /dev/null
         echo $? > "$tmp/status") 2> /dev/null
        status=$(cat "$tmp/status")
        problems=()
        if [ "$status" = 124 ] || [ "$status" = 137 ]; then
            problems+=("timed out after ${TIMEOUT}s")
        elif [ "$status" != "$want_status" ]; then
            problems+=("exit status $status, expected $want_status")
        fi
        if [ -f "$DIR/$name.out" ]; then
            if ! cmp -s "$DIR/$name.out" "$out"; then
                problems+=("stdout differs from $name.out:")
            fi
        elif [ -s "$err" ]; then
            problems+=("unexpected output on stderr")
        fi
        if [ ${#problems[@]} -eq 0 ]; then
            echo "ok $num - $label$todo"
            continue
        fi
        echo "not ok $num - $label$todo"
        for p in "${problems[@]}"; do
            echo "# $p"
            case $p in
                stdout*) diff -u "$DIR/$name.out" "$out" | head -n 40 | comment ;;
            esac
        done
        if [ -s "$err" ]; then
            echo "# stderr:"
            head -n 20 "$err" | comment
        fi
    done
done
cli_checks
exit 0
