#!/bin/bash
# Boot the tiny x86-64 guests (tests/guest/x86_64/NAME.c, built by
# mk/x86-guests.mk into $BUILD/tests/guest/x86_64/NAME.elf) under
# tern-system-x86_64 -accel kvm; TAP on stdout.
#
#   BUILD=build tests/system/run-x86-kvm.sh       (make check runs it via prove)
#
# Each guest runs with -serial file:OUT and a timeout.  It passes when
#   - OUT equals NAME.out (serial output; \r\n as the guest sends it)
#     when that file exists,
#   - the exit status equals NAME.status (default 33: the guest wrote
#     GUEST_PASS = 0x10 to isa-debug-exit, (0x10 << 1) | 1),
#   - every line of NAME.err (if it exists) is a fixed string found in
#     tern's stderr; without NAME.err, stderr must be empty.
# NAME.args holds extra command-line arguments (one per line).
# NAME.driven names another script that runs the guest (it is not run here).
# NAME.stdin, when it exists, is tern's standard input, and tern's standard
# output must then equal NAME.stdout (for guests using a stdio chardev).
# NAME.pre / NAME.post (executables, given the scratch directory) prepare
# files before the run and check them after it.
# NAME.pvm-skip holds why the guest cannot pass on a kvm_pvm host (KVM's
# Pagetable-based Virtual Machine, which runs guests without hardware
# virtualization and has its own rules for privilege changes); there it
# is reported as skipped with that reason.
# Without a usable /dev/kvm every guest is reported as skipped, with the
# reason.  A few checks of the accelerator's own errors need no KVM.
# TERN_KVM_TIMEOUT (default 10) seconds per run.
#
# scripts/tap-run passes --tap; it is ignored.

set -u
export LC_ALL=C

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
TIMEOUT=${TERN_KVM_TIMEOUT:-10}
TERN=$BUILD/tern-system-x86_64
DIR=$SRC/tests/guest/x86_64
GDIR=$BUILD/tests/guest/x86_64
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

names=()
for src in "$DIR"/*.c; do
    n=$(basename "$src" .c)
    [ "$n" = libguest ] && continue
    [ -f "$DIR/$n.driven" ] && continue     # run by the script named there
    names+=("$n")
done

NCLI=10
echo "1..$(( ${#names[@]} + 3 + NCLI ))"
t=0

if [ ! -x "$TERN" ]; then
    for ((i = 0; i < ${#names[@]} + 3 + NCLI; i++)); do
        t=$((t + 1)); echo "not ok $t - # $TERN was not built"
    done
    exit 0
fi

# --- the accelerator's errors (no KVM needed) ---
check_err() {   # name, expected status, expected stderr substring, args...
    local name=$1 want_status=$2 want=$3
    shift 3
    t=$((t + 1))
    local err status
    err=$(timeout -k 2 "$TIMEOUT" "$@" 2>&1 >/dev/null)
    status=$?
    if [ "$status" = "$want_status" ] && [[ "$err" == *"$want"* ]] &&
       [ "$(printf '%s\n' "$err" | wc -l)" = 1 ]; then
        echo "ok $t - $name"
    else
        echo "not ok $t - $name"
        echo "# status $status (want $want_status), stderr: $err"
    fi
}
hello=$GDIR/hello.elf
check_err "accel-errors: absent /dev/kvm is one line, exit 1" 1 \
    "-accel kvm: /nonexistent/kvm does not exist: the kernel has no KVM" \
    env TERN_KVM_DEVICE=/nonexistent/kvm "$TERN" -accel kvm -serial none -kernel "$hello"
check_err "accel-errors: a non-KVM device is refused, exit 1" 1 \
    "-accel kvm: /dev/null: not a KVM device" \
    env TERN_KVM_DEVICE=/dev/null "$TERN" -enable-kvm -serial none -kernel "$hello"
check_err "accel-errors: -accel tcg says why it cannot run x86-64" 1 \
    "-accel tcg: no x86-64 translator yet" \
    "$TERN" -accel tcg -serial none -kernel "$hello"

skip=
if ! out=$("$TERN" --check-host 2>&1); then
    skip=$(printf '%s\n' "$out" | grep -m1 '^/dev/kvm\|^KVM: ' || printf '%s\n' "$out" | tail -1)
fi
# Errors found only once the machine is being built need a usable KVM.
check_err_kvm() {
    if [ -n "$skip" ]; then
        t=$((t + 1))
        echo "ok $t - $1 # skip /dev/kvm not available ($skip)"
        return
    fi
    check_err "$@"
}

# --- command-line errors: one line naming the option, exit 1 ---
K=(-kernel "$hello")
check_err "cli: unknown option" 1 "-frobnicate: unknown option" "$TERN" -frobnicate
check_err "cli: missing argument" 1 "-m: requires an argument" "$TERN" "${K[@]}" -m
check_err "cli: bad -m suffix" 1 "-m 12Q: unknown size suffix" "$TERN" "${K[@]}" -m 12Q
check_err "cli: -smp 0" 1 "-smp 0: expected a number of vCPUs >= 1" "$TERN" "${K[@]}" -smp 0
check_err "cli: unknown machine" 1 "-M pc: unknown machine type 'pc'" "$TERN" "${K[@]}" -M pc
check_err "cli: missing kernel file" 1 "-kernel /nonexistent/vmlinuz: No such file" \
    "$TERN" -kernel /nonexistent/vmlinuz
check_err_kvm "cli: not a kernel" 1 "not a Linux bzImage" "$TERN" -serial none -kernel "$DIR/guest.ld"
check_err "cli: unknown CPU feature, with close names" 1 \
    "unknown CPU feature 'avx512fx' (did you mean: avx512f" \
    "$TERN" "${K[@]}" -serial none -cpu host,-avx512fx
check_err_kvm "cli: unknown device" 1 "-device nonsuch: unknown device type" \
    "$TERN" "${K[@]}" -serial none -device nonsuch
check_err "cli: -display other than none" 1 "-display gtk: only -display none" \
    "$TERN" "${K[@]}" -display gtk

# --- the guests ---

for n in "${names[@]}"; do
    t=$((t + 1))
    if [ -n "$skip" ]; then
        echo "ok $t - $n # skip /dev/kvm not available ($skip)"
        continue
    fi
    if [ -d /sys/module/kvm_pvm ] && [ -f "$DIR/$n.pvm-skip" ]; then
        echo "ok $t - $n # skip $(tr '\n' ' ' < "$DIR/$n.pvm-skip")"
        continue
    fi
    elf=$GDIR/$n.elf
    if [ ! -f "$elf" ]; then
        echo "not ok $t - $n # $elf was not built"
        continue
    fi
    args=()
    if [ -f "$DIR/$n.args" ]; then
        while IFS= read -r line; do
            line=${line//@TMP@/$TMP}
            [ -n "$line" ] && args+=("$line")
        done < "$DIR/$n.args"
    fi
    want_status=33
    [ -f "$DIR/$n.status" ] && want_status=$(cat "$DIR/$n.status")
    rm -f "$TMP/out" "$TMP/err" "$TMP/stdout"
    [ -x "$DIR/$n.pre" ] && "$DIR/$n.pre" "$TMP"
    stdin=/dev/null
    [ -f "$DIR/$n.stdin" ] && stdin=$DIR/$n.stdin
    start=$(date +%s.%N)
    timeout -k 2 "$TIMEOUT" "$TERN" -accel kvm -display none -serial "file:$TMP/out" \
        -kernel "$elf" "${args[@]}" <"$stdin" >"$TMP/stdout" 2>"$TMP/err"
    status=$?
    secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    why=
    [ "$status" = "$want_status" ] || why="exit status $status, want $want_status"
    if [ -z "$why" ] && [ -f "$DIR/$n.out" ] && ! cmp -s "$DIR/$n.out" "$TMP/out"; then
        why="serial output differs from $n.out"
    fi
    if [ -z "$why" ] && [ -f "$DIR/$n.stdin" ] && ! cmp -s "$DIR/$n.stdout" "$TMP/stdout"; then
        why="standard output differs from $n.stdout"
    fi
    if [ -z "$why" ] && [ -f "$DIR/$n.err" ]; then
        while IFS= read -r line; do
            [ -z "$line" ] && continue
            if ! grep -qF -- "$line" "$TMP/err"; then
                why="stderr lacks: $line"
                break
            fi
        done < "$DIR/$n.err"
    elif [ -z "$why" ] && [ -s "$TMP/err" ]; then
        why="unexpected stderr"
    fi
    if [ -z "$why" ] && [ -x "$DIR/$n.post" ] && ! post=$("$DIR/$n.post" "$TMP" 2>&1); then
        why="check failed: $post"
    fi
    if [ -z "$why" ]; then
        echo "ok $t - $n (${secs}s)"
    else
        echo "not ok $t - $n: $why"
        [ -f "$TMP/out" ] && sed 's/^/# serial: /' "$TMP/out" | head -20
        sed 's/^/# stderr: /' "$TMP/err" | head -30
    fi
done
