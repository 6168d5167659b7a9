#!/usr/bin/env python3
"""Where is a guest kernel spending its time?  Sample vCPU 0's RIP through
tern's QMP socket and name the functions from the kernel's System.map.

    scripts/qmp-sample-rip.py QMP_SOCKET SYSTEM_MAP [SECONDS [INTERVAL]]

Start tern with -qmp unix:QMP_SOCKET,server,nowait (make check-slow's
tests/system/boot-debian-kernel.sh does, at build/amd64-kernel/qmp.sock)
and boot the kernel with nokaslr, so that its addresses are System.map's.
Each sample is "info registers" through human-monitor-command; the guest
keeps running.  Prints the functions by share of samples.  The default is
60 samples, one a second.
"""
import bisect
import json
import re
import socket
import sys
import time


def load_map(path):
    addrs, names = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[1] in "tTwW":
                addrs.append(int(parts[0], 16))
                names.append(parts[2])
    order = sorted(range(len(addrs)), key=addrs.__getitem__)
    return [addrs[i] for i in order], [names[i] for i in order]


class QMP:
    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX)
        self.s.connect(path)
        self.f = self.s.makefile("rwb")
        self.read()                                 # greeting
        self.cmd("qmp_capabilities")

    def read(self):
        while True:
            line = self.f.readline()
            if not line:
                raise SystemExit("qmp-sample-rip: QMP connection closed")
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        self.f.write(json.dumps({"execute": name, "arguments": args}).encode() + b"\n")
        self.f.flush()
        msg = self.read()
        if "error" in msg:
            raise SystemExit("qmp-sample-rip: %s: %s" % (name, msg["error"]))
        return msg["return"]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip())
    secs = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    interval = float(sys.argv[4]) if len(sys.argv) > 4 else 1
    addrs, names = load_map(sys.argv[2])
    q = QMP(sys.argv[1])
    counts, total = {}, 0
    end = time.time() + secs
    while time.time() < end:
        out = q.cmd("human-monitor-command", **{"command-line": "info registers"})
        m = re.search(r"RIP=([0-9a-f]+)", out)
        if m:
            rip = int(m.group(1), 16)
            i = bisect.bisect_right(addrs, rip) - 1
            name = "%s+0x%x" % (names[i], rip - addrs[i]) if i >= 0 else "0x%x" % rip
            func = name.split("+")[0]
            counts[func] = counts.get(func, 0) + 1
            total += 1
            print("%8.1f  %016x  %s" % (secs - (end - time.time()), rip, name), flush=True)
        time.sleep(interval)
    print("\n%d samples" % total)
    for func, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        print("%5.1f%%  %s" % (100.0 * n / total, func))


if __name__ == "__main__":
    main()
