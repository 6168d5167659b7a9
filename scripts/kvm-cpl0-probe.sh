#!/bin/bash
# Which instructions can this host's KVM not run at guest CPL 0?  Boots
# the probe guest (tests/guest/x86_64/cpl0-probe.c) under
# tern-system-x86_64 -accel kvm again and again, skipping each probe that
# stopped the guest, and prints them.  On hardware virtualization the
# list is empty; on a nested KVM that emulates guest kernel code
# (kvm_pvm) it says what a guest kernel must be kept off (clearcpuid=).
#
#   scripts/kvm-cpl0-probe.sh          (after make; BUILD=dir for another build)
#
# Output: one line per failing probe, "NAME: how it failed", then a line
# "clearcpuid=..." with the names that are Linux CPU flags.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
TERN=$BUILD/tern-system-x86_64
GUEST=$BUILD/tests/guest/x86_64/cpl0-probe.elf
[ -x "$TERN" ] && [ -f "$GUEST" ] || { echo "kvm-cpl0-probe: build first (make)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

skip= flags=
for _ in $(seq 1 40); do
    : > "$tmp/serial"
    timeout 30 "$TERN" -accel kvm -no-reboot -display none -monitor none \
        -serial "file:$tmp/serial" -kernel "$GUEST" -append "skip=$skip" \
        > /dev/null 2> "$tmp/err"
    status=$?
    last=$(tr -d '\r' < "$tmp/serial" | tail -n 1)
    [ "$last" = done ] && break
    case $last in
    "try "*) ;;
    *)
        echo "kvm-cpl0-probe: the guest stopped outside a probe (exit status $status):" >&2
        head -n 3 "$tmp/err" >&2
        exit 1 ;;
    esac
    name=${last#try }
    if grep -q "could not emulate" "$tmp/err"; then
        how="KVM could not emulate it"
    elif grep -q "triple fault" "$tmp/err"; then
        how="the guest got an exception (#UD?)"
    else
        how="the guest stopped (exit status $status)"
    fi
    echo "$name: $how"
    skip="$skip${skip:+,}$name"
    case $name in *" "*|xgetbv|fxsave|x87-control|sse|mxcsr|verw) ;;
    *) flags="$flags${flags:+,}$name" ;; esac
done
echo "clearcpuid=$flags"
