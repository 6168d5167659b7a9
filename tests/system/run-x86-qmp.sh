#!/bin/bash
# QMP driven from a test client: tern-system-x86_64 -S with the idle guest
# (two vCPUs halted with interrupts off) and -qmp on a unix socket; the
# client checks the greeting, qmp_capabilities, query-status through
# prelaunch/running/paused, query-cpus-fast, stop/cont with vCPUs blocked
# in the kernel's halt, human-monitor-command "info registers", and that
# quit ends the process with status 0.  TAP on stdout; skipped with the
# reason without a usable /dev/kvm.
#
#   BUILD=build tests/system/run-x86-qmp.sh     (make check runs it via prove)
set -u
export LC_ALL=C
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$SRC/$BUILD ;; esac
TERN=$BUILD/tern-system-x86_64
ELF=$BUILD/tests/guest/x86_64/idle.elf
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ ! -x "$TERN" ] || [ ! -f "$ELF" ]; then
    echo "1..1"
    echo "not ok 1 - qmp # $TERN or $ELF was not built"
    exit 0
fi
if ! out=$("$TERN" --check-host 2>&1); then
    echo "1..1"
    echo "ok 1 - qmp # skip /dev/kvm not available ($(printf '%s\n' "$out" | grep -m1 '^/dev/kvm\|^KVM: ' || printf '%s\n' "$out" | tail -1))"
    exit 0
fi

# Not exec: the EXIT trap must still remove $TMP.
python3 - "$TERN" "$ELF" "$TMP" <<'PY'
import json, os, socket, subprocess, sys, time
tern, elf, tmp = sys.argv[1:4]
sock_path = os.path.join(tmp, "qmp.sock")
proc = subprocess.Popen([tern, "-accel", "kvm", "-display", "none", "-S", "-smp", "2",
                         "-serial", "file:" + os.path.join(tmp, "serial"),
                         "-qmp", "unix:%s,server,nowait" % sock_path, "-kernel", elf],
                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE)
checks = []
def check(name, ok, detail=""):
    checks.append((name, bool(ok), detail))

def finish():
    print("1..%d" % len(checks))
    for i, (name, ok, detail) in enumerate(checks, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            print("# " + str(detail).replace("\n", "\n# "))
    sys.exit(0)

deadline = time.time() + 10
s = None
while time.time() < deadline:
    try:
        s = socket.socket(socket.AF_UNIX)
        s.connect(sock_path)
        break
    except OSError:
        s = None
        time.sleep(0.05)
if s is None:
    proc.kill()
    out, err = proc.communicate()
    check("qmp socket accepts a connection", False, err.decode(errors="replace"))
    finish()
s.settimeout(10)
f = s.makefile("rw")

def recv():
    while True:
        line = f.readline()
        if not line:
            raise EOFError("QMP connection closed")
        msg = json.loads(line)
        if "event" not in msg:
            return msg

def cmd(name, **args):
    req = {"execute": name}
    if args:
        req["arguments"] = args
    f.write(json.dumps(req) + "\n")
    f.flush()
    return recv()

try:
    greeting = recv()
    check("greeting announces QMP", "QMP" in greeting, greeting)
    r = cmd("qmp_capabilities")
    check("qmp_capabilities", r.get("return") == {}, r)
    r = cmd("query-status")
    check("-S: status prelaunch, not running",
          r.get("return", {}).get("status") == "prelaunch" and
          r["return"].get("running") is False, r)
    r = cmd("cont")
    time.sleep(0.3)
    r = cmd("query-status")
    check("cont: running", r.get("return", {}).get("status") == "running", r)
    r = cmd("query-cpus-fast")
    cpus = r.get("return", [])
    check("query-cpus-fast: two x86_64 vCPUs with their own threads",
          len(cpus) == 2 and [c.get("cpu-index") for c in cpus] == [0, 1] and
          all(c.get("target") == "x86_64" and c.get("thread-id", 0) > 0 for c in cpus) and
          cpus[0]["thread-id"] != cpus[1]["thread-id"], r)
    t0 = time.time()
    r = cmd("stop")
    stop_time = time.time() - t0
    r2 = cmd("query-status")
    check("stop with both vCPUs halted returns (%.3f s) and the VM is paused" % stop_time,
          "return" in r and r2.get("return", {}).get("status") == "paused" and stop_time < 5,
          (r, r2))
    r = cmd("human-monitor-command", **{"command-line": "info registers"})
    regs = r.get("return", "")
    check("info registers through QMP shows vCPU 0 halted in long mode",
          "RIP=" in regs and "CS  =0010" in regs and "EFER=" in regs, regs[:400])
    r = cmd("cont")
    r2 = cmd("query-status")
    check("cont again: running", r2.get("return", {}).get("status") == "running", r2)
    cmd("quit")
except (EOFError, OSError, ValueError) as e:
    check("QMP conversation", False, e)
try:
    status = proc.wait(timeout=10)
except subprocess.TimeoutExpired:
    proc.kill()
    status = None
out, err = proc.communicate()
check("quit: the process exits with status 0 (got %s)" % status, status == 0,
      err.decode(errors="replace"))
serial = open(os.path.join(tmp, "serial"), "rb").read() if os.path.exists(
    os.path.join(tmp, "serial")) else b""
check("the guest ran (serial: %r)" % serial, serial == b"idle\r\n")
finish()
PY
exit $?
