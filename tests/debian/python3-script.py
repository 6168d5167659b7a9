# A Python 3 script run by tests/debian/run-arm64.sh twice: by Debian's
# arm64 python3 under tern-aarch64 and by the host's x86-64 python3 (same
# Debian version).  The two outputs must be identical, byte for byte, so
# everything printed is a function of this file alone (no addresses, ids,
# times, hash-randomised orders or host paths).
#
# It exercises the interpreter (classes, dicts, closures, exceptions,
# generators), big integers, floats (math, struct.pack('d'), repr and
# formatting), json, re, threading and subprocess.  The children are
# coreutils programs by absolute path, where Debian's coreutils package
# puts them (the sysroot is not usr-merged, the host is: a PATH search
# could find /usr/bin/uname on the host before /bin/uname in the
# sysroot).  Under tern they are the sysroot's arm64 programs, exec'd by
# the guest and so run under tern again: `uname -m` must report the same
# machine as Python itself does (aarch64 under tern, x86_64 natively).
import json
import math
import os
import re
import struct
import subprocess
import sys
import threading
from collections import Counter, OrderedDict, defaultdict, namedtuple
from fractions import Fraction
from decimal import Decimal, getcontext


def section(name):
    print("\n== " + name)


section("classes")


class Shape:
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    def area(self):
        raise NotImplementedError

    def __repr__(self):
        return "%s(%s, area=%.6f)" % (type(self).__name__, self.name, self.area())

    def __lt__(self, other):
        return self.area() < other.area()


class Rect(Shape):
    def __init__(self, name, w, h):
        super().__init__(name)
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Circle(Shape):
    __slots__ = ("r",)

    def __init__(self, name, r):
        super().__init__(name)
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    @property
    def diameter(self):
        return 2 * self.r


shapes = [Rect("a", 3, 4), Circle("b", 1.5), Rect("c", 0.5, 20), Circle("d", 2)]
for s in sorted(shapes):
    print(s)
print("count", Shape.count, "diameter", shapes[3].diameter)
print([c.__name__ for c in Circle.__mro__])
try:
    Shape("x").area()
except NotImplementedError as e:
    print("raised", type(e).__name__)

Point = namedtuple("Point", "x y")
p = Point(3, -4)
print(p, p._replace(y=7), abs(complex(*p)))

section("dicts")
d = {}
for i in range(1000):
    d["k%03d" % (i * 7 % 1000)] = i * i
print(len(d), d["k007"], d["k999"], list(d)[:5])
inv = {v: k for k, v in d.items() if v % 97 == 0}
print(len(inv), sorted(inv.items())[:3])
dd = defaultdict(list)
for w in "the quick brown fox jumps over the lazy dog the end".split():
    dd[len(w)].append(w)
print(sorted(dd.items()))
c = Counter("mississippi")
print(sorted(c.items()), c.most_common(2))
od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
print(list(od))
del d["k007"]
print("k007" in d, d.get("k007", "gone"), d.pop("k999"), len(d))

section("big integers")
f = math.factorial(200)
print(len(str(f)), str(f)[:30], f % (10 ** 9 + 7))
print(pow(3, 10 ** 5, 10 ** 40 + 3))
print(2 ** 521 - 1 == int("1" * 521, 2), (2 ** 521 - 1).bit_length())
a = 0xDEADBEEFCAFEBABE1234567890ABCDEF ** 5
b = 7 ** 123 + 1
print(a // b, a % b, divmod(-a, b)[1])
print(math.gcd(a, b * 3), math.isqrt(a), hex(a >> 300), (-a) >> 77)
print(int.from_bytes(b"\x01\x02\xff" * 7, "little"), (12345678901234567890).to_bytes(9, "big").hex())
print(Fraction(355, 113) - Fraction(22, 7), Fraction(1, 3) ** 20)
getcontext().prec = 50
print(Decimal(2).sqrt(), Decimal(1) / Decimal(7))
x = 1
for i in range(1, 60):
    x = x * 6364136223846793005 + 1442695040888963407
print(x % 2 ** 64, len(str(x)))

section("floats")
vals = [0.1 + 0.2, 1e308 * 10, -0.0, 1 / 3, 2.5e-320, math.nan, 123456789.123456789]
print([repr(v) for v in vals])
print([struct.pack("<d", v).hex() for v in vals if v == v])
print(struct.unpack("<d", bytes.fromhex("000000000000f87f"))[0], struct.pack(">f", 1 / 3).hex())
print(math.sqrt(2), math.exp(1), math.log(10), math.log2(3), math.log10(7))
print(math.sin(1), math.cos(1), math.tan(1), math.atan2(-1, -2), math.hypot(3e200, 4e200))
print(math.sinh(0.5), math.erf(0.7), math.gamma(5.5), math.lgamma(100.5))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.prod([1.5] * 7), math.fmod(-7.5, 2))
print(math.floor(-2.5), math.ceil(-2.5), round(2.5), round(3.5), round(-0.5), round(2.675, 2))
print(math.frexp(1e-300), math.ldexp(0.75, 1020), math.copysign(0.0, -1), math.nextafter(1, 2))
print(float("1e-400"), float("inf") - float("inf") != 0, 7.0 // 0.3, 7.0 % -0.3, -7 // 2)
print("%.17g %e %.3f %g %r" % (math.pi, 6.02214076e23, 2 / 3, 1e-5, 0.1))
print(float.hex(0.1), float.fromhex("0x1.fffffffffffffp+1023"), (0.1).as_integer_ratio())
print(f"{math.pi:10.4f}|{-1e-7:.3e}|{12345.678:,.2f}|{0.5:%}|{1e22:g}|{2**0.5:.30f}")
acc = 0.0
for i in range(1, 20001):
    acc += (-1) ** (i + 1) / (2 * i - 1)
print(acc * 4, math.isclose(acc * 4, math.pi, rel_tol=1e-4))
vec = [math.sin(i) * 1e3 for i in range(100)]
print(sum(vec), max(vec), min(vec), sorted(vec)[50])

section("json")
doc = {
    "name": "tern", "version": [0, 3], "pi": math.pi, "big": 2 ** 70,
    "nested": {"list": [1, 2.5, None, True, False, "x\u00e9\u4e2d\n"], "empty": {}},
    "float": 1e-7, "neg": -0.0,
}
s = json.dumps(doc, sort_keys=True)
print(s)
print(json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True))
back = json.loads(s)
print(back == doc, type(back["big"]).__name__, back["nested"]["list"][5])
print(json.loads('{"a": [1e400, -1e400, 1.5E3, 12345678901234567890123]}'))
try:
    json.loads('{"a": [1, 2,]}')
except json.JSONDecodeError as e:
    print("error:", e.msg, e.pos)

section("re")
text = "alice@example.com, bob.smith@mail.example.org; carol+x@test.net and 2024-02-29, 1999-12-31"
print(re.findall(r"[\w.+]+@([\w.]+)", text))
print(re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3/\2/\1", text))
m = re.search(r"(?P<user>\w+)\.(?P<last>\w+)@", text)
print(m.group("user"), m.group("last"), m.span(), m.groupdict())
print(re.split(r"[,;]\s*|\s+and\s+", text))
print([m.group(0) for m in re.finditer(r"\b\w{5}\b", text)])
pat = re.compile(r"^(a+)+$")
print(bool(pat.match("a" * 20)), bool(pat.match("a" * 14 + "b")))
print(re.sub(r"(?i)[aeiou]", lambda m: m.group(0).upper() * 2, "Programming Language"))
print(re.fullmatch(r"(?:[0-9a-f]{2}:){5}[0-9a-f]{2}", "00:1a:2b:3c:4d:5e") is not None)

section("generators and closures")


def counter(start):
    n = start

    def inc(k=1):
        nonlocal n
        n += k
        return n
    return inc


inc = counter(10)
print([inc() for _ in range(3)], inc(100))


def primes():
    found = []
    n = 2
    while True:
        if all(n % q for q in found if q * q <= n):
            found.append(n)
            yield n
        n += 1


g = primes()
print([next(g) for _ in range(15)], sum(p for p, _ in zip(primes(), range(300))))
print(sorted(set(range(0, 100, 3)) ^ set(range(0, 100, 5)))[:10], {1, 2} <= {1, 2, 3})
print(list(map(lambda t: t[0] * t[1], zip(range(5), "abcde"))))
print(bytes(range(0, 256, 37)), bytearray(b"tern").upper(), "\u00e9t\u00e9".encode("utf-8"))

section("threading")
lock = threading.Lock()
results = {}
shared = [0]


def work(k):
    s = 0
    for i in range(20000):
        s = (s * 31 + i * k) % 1000003
    with lock:
        results[k] = s
        shared[0] += k


threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 9)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()), shared[0])
ev = threading.Event()
cond_out = []


def waiter():
    ev.wait()
    cond_out.append("woke")


t = threading.Thread(target=waiter)
t.start()
ev.set()
t.join()
print(cond_out, threading.active_count())

section("subprocess")
r = subprocess.run(["/bin/echo", "hello from", "a child"], capture_output=True, text=True)
print(r.returncode, repr(r.stdout))
r = subprocess.run(["/bin/uname", "-m"], capture_output=True, text=True)
print("child machine is ours:", r.stdout.strip() == os.uname().machine, r.returncode)
r = subprocess.run(["/usr/bin/sort", "-n"], input="10\n9\n100\n-1\n", capture_output=True, text=True)
print(r.stdout.split())
r = subprocess.run(["/bin/ls", "/nonexistent-dir"], stderr=subprocess.DEVNULL)
print("status", r.returncode)
p = subprocess.Popen(["/bin/cat"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(b"x" * 100000)
print(len(out), p.returncode)
print(sys.maxsize, sys.byteorder, sys.float_info.dig, sys.int_info.bits_per_digit)
