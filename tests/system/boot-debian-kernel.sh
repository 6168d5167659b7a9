#!/bin/bash
# Boot Debian's unmodified amd64 cloud kernel with a busybox initramfs
# under tern-system-x86_64 -accel kvm, as far as it gets (`make
# check-slow`; not part of `make check`).  Prints TAP (1 test) and a report:
# how long each boot milestone took and the last lines of the console.
#
#   tests/system/boot-debian-kernel.sh
#
# scripts/fetch-amd64-kernel.sh provides $BUILD/amd64-kernel/vmlinuz and
# initrd.cpio (uncompressed: inflating it at emulated CPL 0 takes minutes); /init prints TERN-INITRAMFS-OK and powers off.  The test
# passes when that line appears on the serial console.
#
# Environment:
#   BUILD                build directory (default build)
#   TERN_SLOW_TIMEOUT    seconds before giving up (default 3600: this
#                        machine's nested KVM runs guest CPL 0 at about
#                        1 us per instruction, a kernel boot takes minutes)
#   TERN_SLOW_CPU        -cpu value (default: host without xsave and its
#                        relatives, which fail under this nested KVM,
#                        without cx16, whose locked form fails too, and
#                        without smap, whose CLAC/STAC it cannot emulate)
#   TERN_SLOW_SMP        -smp value (default 1: Debian's cloud kernel is
#                        built without CONFIG_X86_MPPARSE, so it finds
#                        further CPUs only through ACPI, which tern lacks)
#   TERN_SLOW_MEM        -m value (default 512M)
#   TERN_SLOW_APPEND     extra kernel command line
#
# The console goes to $BUILD/amd64-kernel/boot.log (each line prefixed with
# the seconds since tern started), tern's own messages to boot.stderr and
# the report to boot-report.txt.
set -u
export LC_ALL=C

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
DIR=$BUILD/amd64-kernel
TERN=$BUILD/tern-system-x86_64
TIMEOUT=${TERN_SLOW_TIMEOUT:-3600}
CPU=${TERN_SLOW_CPU:-host,-xsave,-xsaveopt,-xsavec,-xsaves,-avx,-avx2,-cx16,-smap}
SMP=${TERN_SLOW_SMP:-1}
MEM=${TERN_SLOW_MEM:-512M}
# On a kvm_pvm host the guest sees the host's CPUID whatever -cpu says:
# noxsave and clearcpuid keep the kernel itself off XSAVE, CMPXCHG16B,
# SMAP's CLAC/STAC and the other instructions that host cannot emulate at
# CPL 0 (docs/kvm.md).  ssse3: the one SIMD user built into Debian's cloud
# kernel is BLAKE2s for the random pool (CONFIG_CRYPTO_BLAKE2S_X86=y),
# which without SSSE3 stays generic and never calls kernel_fpu_begin, whose
# LDMXCSR that host cannot emulate either.
# nokaslr: the addresses tern prints on a KVM error (RIP, the stack) can
# be looked up in the package's System.map.
# no_timer_check, tsc=reliable and mitigations=off save CPL 0 work.
APPEND="console=ttyS0 earlyprintk=ttyS0 panic=-1 noxsave clearcpuid=cx16,smap,ssse3,popcnt,bmi1,bmi2,adx,movbe,sse4_2,rdtscp,rdpid,clwb,invpcid,pcid,monitor idle=halt no_timer_check tsc=reliable mitigations=off nokaslr ${TERN_SLOW_APPEND:-}"
LOG=$DIR/boot.log
RAW=$DIR/boot.raw
ERR=$DIR/boot.stderr
REPORT=$DIR/boot-report.txt

echo "1..1"
skip() { echo "ok 1 - debian-kernel-boot # SKIP $*"; exit 0; }
fail() { echo "not ok 1 - debian-kernel-boot: $*"; exit 1; }

[ -x "$TERN" ] || fail "$TERN not built (run make first)"
[ -e /dev/kvm ] || skip "/dev/kvm does not exist (no KVM on this host)"
[ -r /dev/kvm ] && [ -w /dev/kvm ] || skip "/dev/kvm is not accessible to $(id -un)"
if ! [ -s "$DIR/vmlinuz" ] || ! [ -s "$DIR/initrd.cpio" ]; then
    BUILD=$BUILD "$SRC/scripts/fetch-amd64-kernel.sh" >&2 ||
        fail "scripts/fetch-amd64-kernel.sh failed (reason above)"
fi

# -no-reboot: a panic (panic=-1 reboots at once) ends the run.
# -qmp: scripts/qmp-sample-rip.py can sample where the guest spends its time.
rm -f "$DIR/qmp.sock"
cmd=("$TERN" -accel kvm -cpu "$CPU" -smp "$SMP" -m "$MEM" -nographic -no-reboot
     -qmp "unix:$DIR/qmp.sock,server,nowait"
     -kernel "$DIR/vmlinuz" -initrd "$DIR/initrd.cpio" -append "$APPEND")
echo "# ${cmd[*]}"
echo "# time limit ${TIMEOUT}s; console in ${LOG#"$SRC"/}"

: > "$RAW"
: > "$ERR"
: > "$LOG"
start=$(date +%s.%N)
"${cmd[@]}" < /dev/null > "$RAW" 2> "$ERR" &
pid=$!

# Milestones: a label and the console text that marks it.
# TERN-INITRAMFS-OK must stay index 6 and the power-off index 7.
labels=("first console output" "Linux version" "TSC/clock calibrated"
        "FPU set up" "initramfs unpacked" "init started"
        "TERN-INITRAMFS-OK" "powered off" "kernel panic/BUG"
        "tern reported a KVM error")
patterns=("." "Linux version" "tsc: (Detected|Refined)|Calibrating delay"
          "x86/fpu: " "Freeing initrd memory|Trying to unpack rootfs"
          "Run /init as init process" "TERN-INITRAMFS-OK"
          "reboot: Power down|System halted"
          "Kernel panic|kernel BUG at|Oops:"
          "KVM internal error|KVM could not enter|triple fault")
declare -a seen
lines_done=0
elapsed() { awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }'; }
# gt A B: A > B for decimal numbers.
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

status=running
ok_at=
while :; do
    now=$(elapsed)
    # Timestamp the console lines that arrived since the last look.
    total=$(wc -l < "$RAW")
    if [ "$total" -gt "$lines_done" ]; then
        sed -n "$((lines_done + 1)),${total}p" "$RAW" | tr -d '\r' |
            sed "s/^/[$now] /" >> "$LOG"
        lines_done=$total
    fi
    for i in "${!labels[@]}"; do
        if [ -z "${seen[$i]:-}" ] && grep -qE -- "${patterns[$i]}" "$RAW" "$ERR"; then
            seen[$i]=$now
        fi
    done
    if ! kill -0 "$pid" 2> /dev/null; then
        wait "$pid"
        rc=$?
        status="tern exited with status $rc"
        break
    fi
    if [ -n "${seen[6]:-}" ]; then
        ok_at=${ok_at:-$now}
        # /init powered off; tern may keep running when the guest has no
        # way to turn the machine off (no ACPI): give it 30 s.
        if [ -n "${seen[7]:-}" ] ||
           gt "$now" "$(awk -v a="$ok_at" 'BEGIN { print a + 30 }')"; then
            sleep 2
            if kill -0 "$pid" 2> /dev/null; then
                kill "$pid"
                wait "$pid" 2> /dev/null
                status="tern still running after the guest powered off: killed"
            else
                wait "$pid"
                status="tern exited with status $? after power-off"
            fi
            break
        fi
    fi
    # A panic or a KVM error should end tern (-no-reboot); if it does not
    # within a minute, stop waiting.
    for i in 8 9; do
        if [ -n "${seen[$i]:-}" ] && gt "$now" "$(awk -v a="${seen[$i]}" 'BEGIN { print a + 60 }')"; then
            kill "$pid" 2> /dev/null
            wait "$pid" 2> /dev/null
            status="${labels[$i]}; tern still running a minute later: killed"
            break 2
        fi
    done
    if gt "$now" "$TIMEOUT"; then
        kill "$pid" 2> /dev/null
        sleep 1
        kill -9 "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        status="time limit of ${TIMEOUT}s reached: killed"
        break
    fi
    sleep 1
done
total=$(wc -l < "$RAW")
if [ "$total" -gt "$lines_done" ]; then
    sed -n "$((lines_done + 1)),${total}p" "$RAW" | tr -d '\r' |
        sed "s/^/[$(elapsed)] /" >> "$LOG"
fi
# A last line without a newline.
if [ -s "$RAW" ] && [ -n "$(tail -c 1 "$RAW")" ]; then
    printf '[%s] %s\n' "$(elapsed)" "$(tail -n 1 "$RAW" | tr -d '\r')" >> "$LOG"
fi

{
    echo "Debian kernel boot under tern-system-x86_64 -accel kvm ($(date -u '+%Y-%m-%d %H:%M UTC'))"
    echo "kernel: $(basename "$(compgen -G "$DIR/linux-image-*.deb" | tail -n 1)" .deb)"
    echo "command: ${cmd[*]}"
    echo "result: $status after $(elapsed) s"
    echo "milestones (seconds since start):"
    for i in "${!labels[@]}"; do
        printf '  %-22s %s\n' "${labels[$i]}" "${seen[$i]:-not reached}"
    done
    echo "last console lines:"
    tail -n 15 "$LOG" | sed 's/^/  /'
    if [ -s "$ERR" ]; then
        echo "tern's messages (stderr):"
        head -n 40 "$ERR" | sed 's/^/  /'
    fi
} > "$REPORT"
sed 's/^/# /' "$REPORT"

if [ -n "${seen[6]:-}" ]; then
    echo "ok 1 - debian-kernel-boot: initramfs /init ran after ${seen[6]} s"
else
    last=
    for i in 0 1 2 3 4 5; do
        [ -n "${seen[$i]:-}" ] && last="${labels[$i]} at ${seen[$i]} s"
    done
    why=
    for i in 8 9; do
        [ -n "${seen[$i]:-}" ] && why="$why; ${labels[$i]} at ${seen[$i]} s"
    done
    fail "no TERN-INITRAMFS-OK ($status); furthest milestone: ${last:-none}$why"
fi
