#!/bin/bash
# tern-system-x86_64 under KVM against qemu-system-x86_64 (Debian's), in
# one run, with the same guest file (the tiny guests carry a Xen PVH note
# so QEMU's microvm boots them too):
#
#   1. process start -> first serial byte, and -> clean exit, for the
#      hello guest (median of RUNS runs each);
#   2. the CPL 3 xorshift loop of cpl3-syscall.elf (-append iters=N),
#      time(N) - time(0) under tern against the same loop compiled
#      natively, as a ratio.
#
#   BUILD=build tests/bench/x86-kvm.sh        (not part of make check)
#   RUNS=20 ITERS=1000000000 tests/bench/x86-kvm.sh
set -u
export LC_ALL=C
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
RUNS=${RUNS:-20}
ITERS=${ITERS:-1000000000}
TERN=$BUILD/tern-system-x86_64
G=$BUILD/tests/guest/x86_64
QEMU=$(command -v qemu-system-x86_64 || true)

make -s -j2 BUILD="$BUILD" "$TERN" "$G/hello.elf" "$G/cpl3-syscall.elf" || exit 1
if ! "$TERN" --check-host >/dev/null 2>&1; then
    echo "x86-kvm bench: KVM is not usable here:"
    "$TERN" --check-host | grep '^/dev/kvm'
    exit 0
fi
[ -d /sys/module/kvm_pvm ] &&
    echo "(host KVM: kvm_pvm, the Pagetable-based Virtual Machine; guest CPL 0 code is slow here)"

python3 - "$RUNS" "$TERN" "$QEMU" "$G/hello.elf" <<'EOF'
import os, statistics, subprocess, sys, time
runs, tern, qemu, elf = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def once(cmd):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    first = p.stdout.read(1)
    t1 = time.perf_counter()
    p.stdout.read()
    status = p.wait()
    t2 = time.perf_counter()
    if first != b"H" or status != 33:
        raise SystemExit("%s: unexpected run (first byte %r, status %d)" % (cmd[0], first, status))
    return t1 - t0, t2 - t0

cmds = [("tern", [tern, "-accel", "kvm", "-display", "none", "-serial", "stdio",
                  "-kernel", elf])]
if qemu:
    cmds.append(("qemu", [qemu, "-M", "microvm,x-option-roms=off,pit=on,pic=off,rtc=off",
                          "-accel", "kvm", "-m", "128M", "-display", "none",
                          "-serial", "stdio", "-monitor", "none", "-no-reboot",
                          "-device", "isa-debug-exit,iobase=0x501,iosize=2",
                          "-kernel", elf]))
print("hello guest, median of %d runs (ms):" % runs)
print("  %-6s %18s %18s" % ("", "first serial byte", "clean exit"))
res = {}
for name, cmd in cmds:
    firsts, exits = zip(*(once(cmd) for _ in range(runs)))
    res[name] = (statistics.median(firsts) * 1e3, statistics.median(exits) * 1e3)
    print("  %-6s %18.1f %18.1f" % (name, *res[name]))
if "qemu" in res:
    print("  qemu/tern: first byte %.1fx, exit %.1fx" %
          (res["qemu"][0] / res["tern"][0], res["qemu"][1] / res["tern"][1]))
elif not qemu:
    print("  (qemu-system-x86_64 not installed: no comparison)")
EOF

# The CPL 3 loop against the same loop run natively.
NATIVE=$BUILD/tests/bench/x86-xorshift-native
mkdir -p "$(dirname "$NATIVE")"
cat > "$NATIVE.c" <<'EOF'
/* The CPL 3 loop of tests/guest/x86_64/cpl3-syscall.c, natively. */
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    unsigned long n = strtoul(argv[1], NULL, 0), x = 88172645463325252ul;
    for (unsigned long i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        __asm__ volatile("" : "+r"(x));
    }
    printf("%#lx\n", x);
    return 0;
}
EOF
cc -O2 -mgeneral-regs-only -o "$NATIVE" "$NATIVE.c" || exit 1

python3 - "$TERN" "$G/cpl3-syscall.elf" "$NATIVE" "$ITERS" <<'EOF'
import subprocess, sys, time
tern, elf, native, iters = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def timed(cmd):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
def tern_run(n):
    # -no-reboot: on hosts where the final syscall cannot reach CPL 0 the
    # guest ends in a triple fault, which ends the run just as well.
    return timed([tern, "-accel", "kvm", "-display", "none", "-serial", "none",
                  "-no-reboot", "-kernel", elf, "-append", "iters=%d" % n])
# Interleaved, so that a busy spell of the (shared) host hits both sides.
base, loops, nats = [], [], []
for _ in range(5):
    base.append(tern_run(0))
    loops.append(tern_run(iters))
    nats.append(timed([native, str(iters)]))
loop = min(loops) - min(base)
nat = min(nats)
print("CPL 3 xorshift loop, %d iterations (best of 5, interleaved):" % iters)
print("  tern/KVM %.3f s (run minus an iters=0 run), native %.3f s, ratio %.3f"
      % (loop, nat, loop / nat))
EOF

# virtio-blk from inside a tiny guest (4 KiB requests, one in flight,
# polled) against the host reading/writing the same raw file the same way
# (both through the page cache: tern's default cache=writeback).
make -s -j2 BUILD="$BUILD" "$G/blk-bench.elf" || exit 1
IMG=$BUILD/tests/bench/x86-blk-bench.img
rm -f "$IMG"
truncate -s 64M "$IMG"
python3 - "$TERN" "$G/blk-bench.elf" "$IMG" "${BLK_COUNT:-4000}" <<'PY'
import os, random, subprocess, sys, time
tern, elf, img, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def tern_run(mode, n):
    t0 = time.perf_counter()
    r = subprocess.run([tern, "-accel", "kvm", "-display", "none", "-serial", "none",
                        "-drive", "file=%s,format=raw,if=virtio" % img,
                        "-append", "count=%d mode=%d span=64" % (n, mode),
                        "-kernel", elf], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 33:
        raise SystemExit("blk-bench guest failed (status %d)" % r.returncode)
    return time.perf_counter() - t0
def host_run(mode, n):
    fd = os.open(img, os.O_RDWR)
    buf = b"\0" * 4096
    rng = random.Random(1)
    blocks = 64 * 256
    t0 = time.perf_counter()
    for i in range(n):
        off = (rng.randrange(blocks) if mode >= 2 else i % blocks) * 4096
        if mode & 1:
            os.pwrite(fd, buf, off)
        else:
            os.pread(fd, 4096, off)
    t = time.perf_counter() - t0
    os.close(fd)
    return t
print("virtio-blk, %d x 4 KiB requests, one in flight (best of 3):" % count)
print("  %-16s %14s %14s" % ("", "tern guest", "host file"))
for mode, name in enumerate(["sequential read", "sequential write", "random read",
                             "random write"]):
    base = min(tern_run(mode, 0) for _ in range(3))
    t = min(tern_run(mode, count) for _ in range(3)) - base
    h = min(host_run(mode, count) for _ in range(3))
    print("  %-16s %8.1f MB/s %8.1f MB/s   (%.0f vs %.0f requests/s)" %
          (name, count * 4096 / t / 1e6, count * 4096 / h / 1e6, count / t, count / h))
PY
rm -f "$IMG"
