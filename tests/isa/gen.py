#!/usr/bin/env python3
"""Differential ISA test generator for tern-aarch64 (see tests/isa/README.md).

    gen.py CLASS OUT.S      write the guest program for CLASS
    gen.py --list           the classes, one per line

The cases are a pure function of the class name and SEED (own splitmix64
generator, no dependence on Python's `random`), so compare.py regenerates
them in memory to show inputs and instruction sequences on a mismatch.

Record layout (little-endian quads), written to stdout by the guest after
every case: X0..X27, NZCV, FPSR, then V0..V31 (lo, hi) for FP classes, then
the 256-byte scratch buffer for the ldst class.  X28 holds the case's slot
pointer, X29/X30/SP are not used by the sequences.
"""
import sys

SEED = 0x7465726e49534131  # "ternISA1"
M64 = (1 << 64) - 1

# class -> (number of cases, instructions per case)
CLASSES = {
    'dp-imm': (1100, 40),
    'dp-reg': (1300, 40),
    'cond':   (900, 40),
    'ldst':   (900, 40),
    'fp':     (1600, 40),
    'simd':   (1000, 40),
    'simd-ext': (600, 40),
    'fp16':   (700, 40),
    'simd-vec': (800, 40),
}

# The assembler's .arch line per class (the default suits the rest).
ARCH = {
    'simd-ext': 'armv8.5-a+lse+crypto+sha3+sm4+dotprod+fp16',
    'fp16': 'armv8.5-a+fp16',
}


class Rng:
    def __init__(self, seed):
        self.s = seed & M64

    def u64(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & M64
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)

    def below(self, n):
        return self.u64() % n

    def range(self, lo, hi):          # inclusive
        return lo + self.below(hi - lo + 1)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def chance(self, p):
        return self.below(1000) < p * 1000


def class_seed(name):
    h = SEED
    for c in name.encode():
        h = ((h ^ c) * 0x100000001B3) & M64
    return h


# ---------------------------------------------------------------- values

INT_SPECIAL = [0, 1, 2, M64, M64 - 1, 0x7fffffffffffffff, 0x8000000000000000,
               0xffffffff, 0x7fffffff, 0x80000000, 0x100000000, 0xffff,
               0x8000, 0xff, 0x80, 0xffffffff80000000, 0x00000000ffff0000]


def int_value(r):
    k = r.below(10)
    if k < 4:
        return r.u64()
    if k < 6:
        return r.choice(INT_SPECIAL)
    if k < 8:
        return r.below(64)
    if k < 9:
        return r.u64() & 0xffffffff
    return (-r.range(1, 300)) & M64


def f64_values():
    v = [0x0000000000000000, 0x8000000000000000,          # +-0
         0x7ff0000000000000, 0xfff0000000000000,          # +-inf
         0x7ff8000000000000, 0xfff8000000000001,          # qNaN
         0x7ff0000000000001, 0xfff4000000000123,          # sNaN
         0x0000000000000001, 0x800fffffffffffff,          # subnormals
         0x0010000000000000, 0x8010000000000000,          # min normal
         0x7fefffffffffffff, 0xffefffffffffffff,          # max
         0x3ff0000000000000, 0xbff0000000000000,          # +-1
         0x3ff8000000000000, 0xc004000000000000,          # 1.5, -2.5
         0x4000000000000000, 0x3fe0000000000000,          # 2, 0.5
         0x3ff0000010000000, 0x3ff0000008000000,          # 1+2^-24ish (fcvt)
         0x3ff0000018000000, 0x47efffffe0000000,          # f32 max halfway
         0x36a0000000000000, 0x3690000000000000,          # f32 min subn, half
         0x41dfffffffc00000, 0x41e0000000000000,          # 2^31-1, 2^31
         0xc1e0000000000000, 0xc1e0000000200000,          # -2^31, below
         0x43e0000000000000, 0xc3e0000000000000,          # +-2^63
         0x41efffffffe00000, 0x43f0000000000000,          # 2^32-1, 2^64
         0x4330000000000001, 0x432fffffffffffff]          # near 2^52
    return v


def f32_values():
    return [0x00000000, 0x80000000, 0x7f800000, 0xff800000,
            0x7fc00000, 0xffc00001, 0x7f800001, 0xff912345,
            0x00000001, 0x807fffff, 0x00800000, 0x80800000,
            0x7f7fffff, 0xff7fffff, 0x3f800000, 0xbf800000,
            0x3fc00000, 0xc0200000, 0x40000000, 0x3f000000,
            0x3f800001, 0x4b000001, 0x4effffff, 0x4f000000,
            0xcf000000, 0xcf000001, 0x5f000000, 0xdf000000,
            0x4f7fffff, 0x5f800000, 0x34000000, 0x33ffffff]


F64 = f64_values()
F32 = f32_values()
F16 = [0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0xfe01, 0x7c01, 0xfd23,
       0x0001, 0x83ff, 0x0400, 0x8400, 0x7bff, 0xfbff, 0x3c00, 0xbc00,
       0x3e00, 0xc100, 0x4000, 0x3800, 0x3c01, 0x6400, 0x7800, 0x0200,
       0x3555, 0x5bff, 0x1000, 0x4d4d]


def f16x4_value(r):
    """Four halves: specials, moderate values, or random bits."""
    x = 0
    for i in range(4):
        k = r.below(3)
        if k == 0:
            h = r.choice(F16)
        elif k == 1:
            h = (r.u64() & 0x83ff) | (r.range(10, 20) << 10)
        else:
            h = r.u64() & 0xffff
        x |= h << (16 * i)
    return x


def f64_value(r):
    k = r.below(8)
    if k < 4:
        return r.choice(F64)
    if k < 6:   # random normal-ish, moderate exponent
        return (r.u64() & 0x800fffffffffffff) | (r.range(0x3f0, 0x440) << 52)
    if k < 7:   # halfway integer-ish values for rounding
        return F64_HALF[r.below(len(F64_HALF))]
    return r.u64()


def f32_value(r):
    k = r.below(8)
    if k < 4:
        return r.choice(F32)
    if k < 6:
        return (r.u64() & 0x807fffff) | (r.range(0x70, 0x98) << 23)
    if k < 7:
        return F32_HALF[r.below(len(F32_HALF))]
    return r.u64() & 0xffffffff


def _halves():
    import struct
    d, s = [], []
    for x in (0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 1e6 + 0.5, -7.5, 0.4999999):
        d.append(struct.unpack('<Q', struct.pack('<d', x))[0])
        s.append(struct.unpack('<I', struct.pack('<f', x))[0])
    return d, s


F64_HALF, F32_HALF = _halves()

# ---------------------------------------------------------------- helpers

CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge',
         'lt', 'gt', 'le', 'al', 'nv']


MAXREG = [27]


def xr(r, n=None):
    return r.below((MAXREG[0] if n is None else n) + 1)


def reg(sf, n):
    return ('x' if sf else 'w') + str(n)


def bitmask_imm(r, width):
    """A valid logical immediate for WIDTH (32/64)."""
    sizes = [e for e in (2, 4, 8, 16, 32, 64) if e <= width]
    e = r.choice(sizes)
    s = r.range(1, e - 1)
    rot = r.below(e)
    pat = (1 << s) - 1
    pat = ((pat >> rot) | (pat << (e - rot))) & ((1 << e) - 1)
    v = 0
    for i in range(width // e):
        v |= pat << (i * e)
    return v


# ---------------------------------------------------------------- classes

def gen_dp_imm(r, c):
    sf = r.below(4) != 0
    w = 64 if sf else 32
    d, n = xr(r), xr(r)
    R = lambda x: reg(sf, x)
    k = r.below(9)
    if k == 0:
        op = r.choice(['add', 'adds', 'sub', 'subs'])
        return f"{op} {R(d)}, {R(n)}, #{r.below(4096)}" + \
            (", lsl #12" if r.chance(0.3) else "")
    if k == 1:
        op = r.choice(['cmp', 'cmn'])
        return f"{op} {R(n)}, #{r.below(4096)}"
    if k == 2:
        op = r.choice(['and', 'orr', 'eor', 'ands'])
        return f"{op} {R(d)}, {R(n)}, #{hex(bitmask_imm(r, w))}"
    if k == 3:
        return f"tst {R(n)}, #{hex(bitmask_imm(r, w))}"
    if k == 4:
        op = r.choice(['movz', 'movn', 'movk'])
        hw = r.below(4 if sf else 2) * 16
        return f"{op} {R(d)}, #{r.below(65536)}, lsl #{hw}"
    if k == 5:
        op = r.choice(['sbfm', 'bfm', 'ubfm'])
        return f"{op} {R(d)}, {R(n)}, #{r.below(w)}, #{r.below(w)}"
    if k == 6:
        m = xr(r)
        return f"extr {R(d)}, {R(n)}, {R(m)}, #{r.below(w)}"
    if k == 7:
        op = r.choice(['lsl', 'lsr', 'asr', 'ror'])
        return f"{op} {R(d)}, {R(n)}, #{r.below(w)}"
    op = r.choice(['sxtb', 'sxth', 'uxtb', 'uxth', 'sxtw'])
    if op == 'sxtw':
        return f"sxtw x{d}, w{n}"
    if op.startswith('u'):
        return f"{op} w{d}, w{n}"
    return f"{op} {R(d)}, w{n}"


def gen_dp_reg(r, c):
    sf = r.below(4) != 0
    w = 64 if sf else 32
    d, n, m, a = xr(r), xr(r), xr(r), xr(r)
    R = lambda x: reg(sf, x)
    k = r.below(13)
    if k == 0:
        op = r.choice(['add', 'adds', 'sub', 'subs'])
        sh = r.choice(['lsl', 'lsr', 'asr'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}, {sh} #{r.below(w)}"
    if k == 1:
        op = r.choice(['add', 'adds', 'sub', 'subs', 'cmp', 'cmn'])
        ext = r.choice(['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth',
                        'sxtw', 'sxtx'] if sf else
                       ['uxtb', 'uxth', 'uxtw', 'sxtb', 'sxth', 'sxtw'])
        mr = ('x' if ext.endswith('x') else 'w') + str(m) if sf else f"w{m}"
        dst = "" if op in ('cmp', 'cmn') else f"{R(d)}, "
        return f"{op} {dst}{R(n)}, {mr}, {ext} #{r.below(5)}"
    if k == 2:
        op = r.choice(['and', 'bic', 'orr', 'orn', 'eor', 'eon', 'ands',
                       'bics'])
        sh = r.choice(['lsl', 'lsr', 'asr', 'ror'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}, {sh} #{r.below(w)}"
    if k == 3:
        op = r.choice(['adc', 'adcs', 'sbc', 'sbcs'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}"
    if k == 4:
        op = r.choice(['madd', 'msub'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}, {R(a)}"
    if k == 5:
        if sf:
            op = r.choice(['smaddl', 'umaddl', 'smsubl', 'umsubl'])
            return f"{op} x{d}, w{n}, w{m}, x{a}"
        op = r.choice(['mul', 'mneg'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}"
    if k == 6:
        if sf and r.chance(0.5):
            op = r.choice(['smulh', 'umulh'])
            return f"{op} x{d}, x{n}, x{m}"
        op = r.choice(['udiv', 'sdiv'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}"
    if k == 7:
        op = r.choice(['lslv', 'lsrv', 'asrv', 'rorv'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}"
    if k == 8:
        ops = ['clz', 'cls', 'rbit', 'rev', 'rev16'] + (['rev32'] if sf else [])
        return f"{r.choice(ops)} {R(d)}, {R(n)}"
    if k == 9:
        op = r.choice(['csel', 'csinc', 'csinv', 'csneg'])
        return f"{op} {R(d)}, {R(n)}, {R(m)}, {r.choice(CONDS)}"
    if k == 10:
        op = r.choice(['ccmp', 'ccmn'])
        src = R(m) if r.chance(0.5) else f"#{r.below(32)}"
        return f"{op} {R(n)}, {src}, #{r.below(16)}, {r.choice(CONDS)}"
    if k == 11:
        op = r.choice(['cset', 'csetm'])
        return f"{op} {R(d)}, {r.choice(CONDS[:14])}"
    op = r.choice(['cmp', 'cmn', 'tst'])
    sh = r.choice(['lsl', 'lsr', 'asr'] + (['ror'] if op == 'tst' else []))
    return f"{op} {R(n)}, {R(m)}, {sh} #{r.below(w)}"


def gen_cond(r, c, label):
    """Returns a list of lines (a short branchy block)."""
    k = r.below(7)
    lab = label()
    body = [gen_dp_reg(r, c) for _ in range(r.range(1, 3))]
    if k == 0:
        return [gen_flagset(r), f"b.{r.choice(CONDS)} {lab}"] + body + [f"{lab}:"]
    if k == 1:
        op = r.choice(['cbz', 'cbnz'])
        return [f"{op} {reg(r.chance(0.7), xr(r))}, {lab}"] + body + [f"{lab}:"]
    if k == 2:
        op = r.choice(['tbz', 'tbnz'])
        return [f"{op} x{xr(r)}, #{r.below(64)}, {lab}"] + body + [f"{lab}:"]
    if k == 3:
        # indirect branch through a register to a local label
        t = xr(r)
        return [f"adr x{t}, {lab}", f"br x{t}"] + body + [f"{lab}:"]
    if k == 4:
        # bl over a body; x30 is not in the record
        return [f"bl {lab}"] + body + [f"{lab}:"]
    if k == 5:
        return [gen_flagset(r)]
    return [gen_dp_reg(r, c)]


def gen_flagset(r):
    sf = r.chance(0.7)
    n, m = xr(r), xr(r)
    op = r.choice(['cmp', 'cmn', 'tst', 'adds', 'subs', 'ccmp'])
    if op in ('adds', 'subs'):
        return f"{op} {reg(sf, xr(r))}, {reg(sf, n)}, {reg(sf, m)}"
    if op == 'ccmp':
        return f"ccmp {reg(sf, n)}, {reg(sf, m)}, #{r.below(16)}, {r.choice(CONDS)}"
    return f"{op} {reg(sf, n)}, {reg(sf, m)}"


# ldst: x27 = scratch buffer (256 bytes), x26 = moving base kept in range
# by the generator (its offset from x27 is tracked in st['off']), x25 =
# index register.  The data registers are x0..x24.
def gen_ldst(r, c, st):
    t, t2 = r.below(25), r.below(25)
    while t2 == t:
        t2 = r.below(25)
    k = r.below(9)
    sizes = [('b', 1), ('h', 2), ('', 4), ('', 8)]
    if k == 0:   # unsigned offset
        sfx, sz = r.choice(sizes)
        rr = 'x' if sz == 8 else 'w'
        op = r.choice(['ldr', 'str'])
        return [f"{op}{sfx} {rr}{t}, [x27, #{r.below(256 // sz) * sz}]"]
    if k == 1:   # unscaled, signed
        sfx, sz = r.choice(sizes)
        rr = 'x' if sz == 8 else 'w'
        op = r.choice(['ldur', 'stur'])
        if r.chance(0.5):
            lo, hi = max(-256, -st['off']), min(255, 248 - st['off'])
            return [f"{op}{sfx} {rr}{t}, [x26, #{r.range(lo, hi)}]"]
        return [f"{op}{sfx} {rr}{t}, [x27, #{r.below(256 - 8)}]"]
    if k == 2:   # sign-extending loads
        op, sz = r.choice([('ldrsb', 1), ('ldrsh', 2), ('ldrsw', 4)])
        rr = 'w' if sz < 4 and r.chance(0.5) else 'x'
        return [f"{op} {rr}{t}, [x27, #{r.below(256 // sz) * sz}]"]
    if k == 3:   # register offset
        sfx, sz = r.choice(sizes)
        rr = 'x' if sz == 8 else 'w'
        op = r.choice(['ldr', 'str'])
        sh = {1: 0, 2: 1, 4: 2, 8: 3}[sz]
        idx = r.below(256 // sz)
        if r.chance(0.5) and sh:
            return [f"mov x25, #{idx}", f"{op}{sfx} {rr}{t}, [x27, x25, lsl #{sh}]"]
        idx = idx * sz
        if r.chance(0.5):
            return [f"mov w25, #{idx}", f"{op}{sfx} {rr}{t}, [x27, w25, uxtw]"]
        return [f"mov x25, #{idx}", f"{op}{sfx} {rr}{t}, [x27, x25]"]
    if k == 4:   # pairs
        sz = r.choice([4, 8])
        rr = 'x' if sz == 8 else 'w'
        op = r.choice(['ldp', 'stp', 'ldpsw'] if sz == 4 else ['ldp', 'stp'])
        if op == 'ldpsw':
            rr = 'x'
        return [f"{op} {rr}{t}, {rr}{t2}, [x27, #{r.below(256 // sz - 1) * sz}]"]
    if k == 5:   # pre/post index on x26, kept inside the buffer
        sz = r.choice([1, 2, 4, 8])
        sfx = {1: 'b', 2: 'h', 4: '', 8: ''}[sz]
        rr = 'x' if sz == 8 else 'w'
        op = r.choice(['ldr', 'str'])
        lo = -st['off'] + 0
        hi = 256 - 16 - st['off']
        delta = r.range(max(lo, -64), min(hi, 64))
        delta = delta // sz * sz if delta >= 0 else -((-delta) // sz * sz)
        if r.chance(0.5):
            st['off'] += delta
            return [f"{op}{sfx} {rr}{t}, [x26, #{delta}]!"]
        st['off'] += delta
        return [f"{op}{sfx} {rr}{t}, [x26], #{delta}"]
    if k == 6:   # pair with writeback
        lo = -st['off']
        hi = 256 - 32 - st['off']
        delta = r.range(max(lo, -64), min(hi, 64)) // 8 * 8
        op = r.choice(['ldp', 'stp'])
        if op == 'ldp' and t == t2:
            t2 = (t + 1) % 25
        st['off'] += delta
        if r.chance(0.5):
            return [f"{op} x{t}, x{t2}, [x26, #{delta}]!"]
        return [f"{op} x{t}, x{t2}, [x26], #{delta}"]
    if k == 7:   # LSE atomics, naturally aligned in the buffer
        sz = r.choice([4, 8])
        rr = 'x' if sz == 8 else 'w'
        off = r.below(256 // sz) * sz
        op = r.choice(['ldadd', 'ldclr', 'ldeor', 'ldset', 'ldsmax', 'ldsmin',
                       'ldumax', 'ldumin', 'swp', 'cas'])
        op += r.choice(['', 'a', 'l', 'al'])
        return [f"add x25, x27, #{off}", f"{op} {rr}{t}, {rr}{t2}, [x25]"]
    return [gen_dp_reg(r, c)]


# fp: v0..v31 random special values, x0..x7 random integers (x0..x27 are
# loaded, the sequences write only x0..x7 and the V registers).
def gen_fp(r, c):
    P = r.choice('sd')
    v = lambda: f"{P}{r.below(32)}"
    k = r.below(16)
    if k < 4:
        op = r.choice(['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin',
                       'fmaxnm', 'fminnm', 'fnmul'])
        return f"{op} {v()}, {v()}, {v()}"
    if k < 6:
        op = r.choice(['fabs', 'fneg', 'fsqrt', 'fmov', 'frintn', 'frintp',
                       'frintm', 'frintz', 'frinta', 'frintx', 'frinti'])
        return f"{op} {v()}, {v()}"
    if k < 8:
        op = r.choice(['fmadd', 'fmsub', 'fnmadd', 'fnmsub'])
        return f"{op} {v()}, {v()}, {v()}, {v()}"
    if k == 8:
        q = 'd' if P == 's' else 's'
        return f"fcvt {q}{r.below(32)}, {v()}"
    if k == 9:
        op = 'fcvt' + r.choice('npmza') + r.choice('su')
        return f"{op} {reg(r.chance(0.5), r.below(8))}, {v()}"
    if k == 10:
        sf = r.chance(0.5)
        op = r.choice(['fcvtzs', 'fcvtzu', 'scvtf', 'ucvtf'])
        fb = r.range(1, 64 if sf else 32)
        if op.startswith('fcvt'):
            return f"{op} {reg(sf, r.below(8))}, {v()}" + \
                (f", #{fb}" if r.chance(0.5) else "")
        return f"{op} {v()}, {reg(sf, r.below(8))}" + \
            (f", #{fb}" if r.chance(0.5) else "")
    if k == 11:
        op = r.choice(['fcmp', 'fcmpe'])
        return f"{op} {v()}, " + ("#0.0" if r.chance(0.25) else v())
    if k == 12:
        op = r.choice(['fccmp', 'fccmpe'])
        return f"{op} {v()}, {v()}, #{r.below(16)}, {r.choice(CONDS)}"
    if k == 13:
        return f"fcsel {v()}, {v()}, {v()}, {r.choice(CONDS)}"
    if k == 14:
        n = r.below(8)
        vv = r.below(32)
        return r.choice([f"fmov w{n}, s{vv}", f"fmov s{vv}, w{n}",
                         f"fmov x{n}, d{vv}", f"fmov d{vv}, x{n}",
                         f"fmov x{n}, v{vv}.d[1]", f"fmov v{vv}.d[1], x{n}"])
    imm = r.choice(['1.0', '-2.5', '0.125', '31.0', '-0.1875', '1.9375'])
    return f"fmov {v()}, #{imm}"


SIMD_ARR = ['8b', '16b', '4h', '8h', '2s', '4s', '2d']


def gen_simd(r, c):
    v = lambda: r.below(32)
    d, n, m = v(), v(), v()
    k = r.below(8)
    if k < 3:
        a = r.choice(SIMD_ARR)
        ops = ['add', 'sub', 'and', 'orr', 'eor', 'bic', 'orn', 'cmeq',
               'cmgt', 'cmge', 'cmhi', 'cmhs', 'cmtst', 'sqadd', 'uqadd',
               'sqsub', 'uqsub', 'addp', 'uzp1', 'uzp2', 'zip1', 'zip2',
               'trn1', 'trn2', 'sshl', 'ushl']
        if a != '2d':
            ops += ['mul', 'smax', 'smin', 'umax', 'umin', 'sabd', 'uabd',
                    'shadd', 'uhadd', 'mla', 'mls']
        op = r.choice(ops)
        if op in ('and', 'orr', 'eor', 'bic', 'orn'):
            a = r.choice(['8b', '16b'])
        if op in ('mul', 'mla', 'mls') and a == '2d':
            a = '4s'
        return f"{op} v{d}.{a}, v{n}.{a}, v{m}.{a}"
    if k == 3:
        a = r.choice(SIMD_ARR)
        ops = ['abs', 'neg', 'cmeq', 'cmlt', 'cmgt']
        op = r.choice(ops)
        z = ", #0" if op.startswith('cm') else ""
        return f"{op} v{d}.{a}, v{n}.{a}{z}"
    if k == 4:
        a = r.choice(SIMD_ARR)
        w = int(a[:-1]) if False else {'b': 8, 'h': 16, 's': 32, 'd': 64}[a[-1]]
        op = r.choice(['shl', 'sshr', 'ushr', 'ssra', 'usra', 'sli', 'sri'])
        sh = r.below(w) if op in ('shl', 'sli') else r.range(1, w)
        return f"{op} v{d}.{a}, v{n}.{a}, #{sh}"
    if k == 5:
        a = r.choice(['8b', '16b'])
        op = r.choice(['cnt', 'rev64', 'not', 'rbit', 'rev16', 'rev32'])
        if op in ('rev32',):
            a = r.choice(['8b', '16b'])
        return f"{op} v{d}.{a}, v{n}.{a}"
    if k == 6:
        q = r.choice([8, 16])
        return f"ext v{d}.{q}b, v{n}.{q}b, v{m}.{q}b, #{r.below(q)}"
    a = r.choice(['2s', '4s', '2d'])
    op = r.choice(['fadd', 'fsub', 'fmul', 'fmax', 'fmin', 'fmaxnm',
                   'fminnm', 'fabd', 'fcmeq', 'fcmge', 'fcmgt', 'faddp'])
    return f"{op} v{d}.{a}, v{n}.{a}, v{m}.{a}"


ARR_BITS = {'b': 8, 'h': 16, 's': 32, 'd': 64}


def gen_simd_vec(r, c):
    """The AdvSIMD forms tern does with IR vector ops (target/arm/
    tr-simd-vec.c), each arrangement, Q = 0 and 1, scalar D forms."""
    v = lambda: r.below(32)
    d, n, m = v(), v(), v()
    k = r.below(12)
    if k < 3:
        a = r.choice(SIMD_ARR)
        ops = ['add', 'sub', 'cmeq', 'cmgt', 'cmge', 'cmhi', 'cmhs', 'cmtst',
               'addp', 'uzp1', 'uzp2', 'zip1', 'zip2', 'trn1', 'trn2']
        if a != '2d':
            ops += ['mul', 'mla', 'mls', 'smax', 'smin', 'umax', 'umin',
                    'smaxp', 'sminp', 'umaxp', 'uminp']
        op = r.choice(ops)
        if op in ('mul', 'mla', 'mls') and a == '2d':
            a = '4s'
        return f"{op} v{d}.{a}, v{n}.{a}, v{m}.{a}"
    if k == 3:
        op = r.choice(['and', 'orr', 'eor', 'bic', 'orn', 'bsl', 'bit', 'bif',
                       'mov'])
        a = r.choice(['8b', '16b'])
        if op == 'mov':
            return f"mov v{d}.{a}, v{n}.{a}"
        return f"{op} v{d}.{a}, v{n}.{a}, v{m}.{a}"
    if k == 4:
        a = r.choice(SIMD_ARR)
        op = r.choice(['abs', 'neg', 'cmeq', 'cmlt', 'cmgt', 'cmge', 'cmle'])
        z = ", #0" if op.startswith('cm') else ""
        return f"{op} v{d}.{a}, v{n}.{a}{z}"
    if k == 5:
        a = r.choice(SIMD_ARR)
        w = ARR_BITS[a[-1]]
        op = r.choice(['shl', 'sshr', 'ushr', 'ssra', 'usra'])
        if op == 'shl':
            sh = r.below(w)
        else:
            # Favour the edges: 1 and the element size.
            sh = r.choice([1, w, w, r.range(1, w)])
        return f"{op} v{d}.{a}, v{n}.{a}, #{sh}"
    if k == 6:
        # Narrowing: SHRN/XTN and their "2" forms.
        src, dst8, dst16 = r.choice([('8h', '8b', '16b'), ('4s', '4h', '8h'),
                                     ('2d', '2s', '4s')])
        two = r.chance(0.5)
        dst = dst16 if two else dst8
        w = ARR_BITS[dst[-1]]
        if r.chance(0.3):
            return f"xtn{'2' if two else ''} v{d}.{dst}, v{n}.{src}"
        sh = r.choice([1, w, r.range(1, w)])
        return f"shrn{'2' if two else ''} v{d}.{dst}, v{n}.{src}, #{sh}"
    if k == 7:
        op = r.choice(['rev64', 'rev32', 'rev16', 'cnt', 'not'])
        if op == 'rev64':
            a = r.choice(['8b', '16b', '4h', '8h', '2s', '4s'])
        elif op == 'rev32':
            a = r.choice(['8b', '16b', '4h', '8h'])
        else:
            a = r.choice(['8b', '16b'])
        return f"{op} v{d}.{a}, v{n}.{a}"
    if k == 8:
        q = r.choice([8, 16])
        return f"ext v{d}.{q}b, v{n}.{q}b, v{m}.{q}b, #{r.below(q)}"
    if k == 9:
        # Tables of one to four consecutive registers (one: vector op).
        a = r.choice(['8b', '16b'])
        ln = r.choice([1, 1, 1, 2, 3, 4])
        t = r.below(32)
        regs = ", ".join(f"v{(t + i) % 32}.16b" for i in range(ln))
        return f"{r.choice(['tbl', 'tbx'])} v{d}.{a}, {{{regs}}}, v{m}.{a}"
    if k == 10:
        op = r.choice(['add', 'sub', 'cmeq', 'cmgt', 'cmge', 'cmhi', 'cmhs',
                       'cmtst'])
        return f"{op} d{d}, d{n}, d{m}"
    op = r.choice(['abs', 'neg', 'cmeq0', 'cmgt0', 'cmge0', 'cmle0', 'cmlt0',
                   'shl', 'sshr', 'ushr', 'ssra', 'usra'])
    if op.endswith('0'):
        return f"{op[:-1]} d{d}, d{n}, #0"
    if op in ('abs', 'neg'):
        return f"{op} d{d}, d{n}"
    sh = r.below(64) if op == 'shl' else r.choice([1, 64, r.range(1, 64)])
    return f"{op} d{d}, d{n}, #{sh}"


def simd_int_value(r):
    """A 64-bit lane pattern for the integer SIMD class: element edges of
    every size (0, -1, MIN, MAX, 1), small table indices, or random."""
    k = r.below(4)
    if k == 0:
        return sum(r.choice([0x00, 0xff, 0x7f, 0x80, 0x01]) << (8 * i)
                   for i in range(8))
    if k == 1:
        return sum(r.below(40) << (8 * i) for i in range(8))
    if k == 2:
        w = r.choice([16, 32, 64])
        e = r.choice([0, (1 << w) - 1, (1 << (w - 1)) - 1, 1 << (w - 1), 1])
        return sum(e << (w * i) for i in range(64 // w)) & M64
    return r.u64()


def gen_simd_ext(r, c):
    """Crypto, by element, DotProd, RDM, SQDML*, FCADD/FCMLA."""
    v = lambda: r.below(32)
    lo = lambda: r.below(16)
    d, n, m = v(), v(), v()
    k = r.below(12)
    if k == 0:
        op = r.choice(['aese', 'aesd', 'aesmc', 'aesimc'])
        return f"{op} v{d}.16b, v{n}.16b"
    if k == 1:
        return r.choice([
            f"sha1c q{d}, s{n}, v{m}.4s", f"sha1p q{d}, s{n}, v{m}.4s",
            f"sha1m q{d}, s{n}, v{m}.4s", f"sha1su0 v{d}.4s, v{n}.4s, v{m}.4s",
            f"sha1h s{d}, s{n}", f"sha1su1 v{d}.4s, v{n}.4s",
            f"sha256h q{d}, q{n}, v{m}.4s", f"sha256h2 q{d}, q{n}, v{m}.4s",
            f"sha256su0 v{d}.4s, v{n}.4s", f"sha256su1 v{d}.4s, v{n}.4s, v{m}.4s"])
    if k == 2:
        a = v()
        return r.choice([
            f"sha512h q{d}, q{n}, v{m}.2d", f"sha512h2 q{d}, q{n}, v{m}.2d",
            f"sha512su0 v{d}.2d, v{n}.2d", f"sha512su1 v{d}.2d, v{n}.2d, v{m}.2d",
            f"eor3 v{d}.16b, v{n}.16b, v{m}.16b, v{a}.16b",
            f"bcax v{d}.16b, v{n}.16b, v{m}.16b, v{a}.16b",
            f"rax1 v{d}.2d, v{n}.2d, v{m}.2d",
            f"xar v{d}.2d, v{n}.2d, v{m}.2d, #{r.below(64)}",
            f"pmull v{d}.1q, v{n}.1d, v{m}.1d", f"pmull2 v{d}.1q, v{n}.2d, v{m}.2d"])
    if k in (3, 4):
        op = r.choice(['mul', 'mla', 'mls', 'sqdmulh', 'sqrdmulh', 'sqrdmlah',
                       'sqrdmlsh'])
        if r.chance(0.5):
            a = r.choice(['4h', '8h'])
            return f"{op} v{d}.{a}, v{n}.{a}, v{lo()}.h[{r.below(8)}]"
        a = r.choice(['2s', '4s'])
        return f"{op} v{d}.{a}, v{n}.{a}, v{m}.s[{r.below(4)}]"
    if k == 5:
        op = r.choice(['smull', 'umull', 'smlal', 'umlal', 'smlsl', 'umlsl',
                       'sqdmull', 'sqdmlal', 'sqdmlsl'])
        two = '2' if r.chance(0.5) else ''
        if r.chance(0.5):
            src = '8h' if two else '4h'
            return f"{op}{two} v{d}.4s, v{n}.{src}, v{lo()}.h[{r.below(8)}]"
        src = '4s' if two else '2s'
        return f"{op}{two} v{d}.2d, v{n}.{src}, v{m}.s[{r.below(4)}]"
    if k == 6:
        op = r.choice(['sqdmull', 'sqdmlal', 'sqdmlsl'])
        two = '2' if r.chance(0.5) else ''
        return r.choice([
            f"{op}{two} v{d}.4s, v{n}.{'8h' if two else '4h'}, v{m}.{'8h' if two else '4h'}",
            f"{op}{two} v{d}.2d, v{n}.{'4s' if two else '2s'}, v{m}.{'4s' if two else '2s'}",
            f"{op} s{d}, h{n}, h{m}", f"{op} d{d}, s{n}, s{m}",
            f"{op} s{d}, h{n}, v{lo()}.h[{r.below(8)}]",
            f"{op} d{d}, s{n}, v{m}.s[{r.below(4)}]"])
    if k == 7:
        op = r.choice(['sqrdmlah', 'sqrdmlsh', 'sqdmulh', 'sqrdmulh'])
        a = r.choice(['4h', '8h', '2s', '4s'])
        return r.choice([f"{op} v{d}.{a}, v{n}.{a}, v{m}.{a}",
                         f"{op} h{d}, h{n}, h{m}", f"{op} s{d}, s{n}, s{m}",
                         f"{op} h{d}, h{n}, v{lo()}.h[{r.below(8)}]",
                         f"{op} s{d}, s{n}, v{m}.s[{r.below(4)}]"])
    if k == 8:
        op = r.choice(['sdot', 'udot'])
        q = r.choice([('2s', '8b'), ('4s', '16b')])
        if r.chance(0.5):
            return f"{op} v{d}.{q[0]}, v{n}.{q[1]}, v{m}.{q[1]}"
        return f"{op} v{d}.{q[0]}, v{n}.{q[1]}, v{m}.4b[{r.below(4)}]"
    if k == 9:
        op = r.choice(['fmul', 'fmla', 'fmls', 'fmulx'])
        return r.choice([
            f"{op} v{d}.2s, v{n}.2s, v{m}.s[{r.below(4)}]",
            f"{op} v{d}.4s, v{n}.4s, v{m}.s[{r.below(4)}]",
            f"{op} v{d}.2d, v{n}.2d, v{m}.d[{r.below(2)}]",
            f"{op} v{d}.8h, v{n}.8h, v{lo()}.h[{r.below(8)}]",
            f"{op} s{d}, s{n}, v{m}.s[{r.below(4)}]",
            f"{op} d{d}, d{n}, v{m}.d[{r.below(2)}]",
            f"{op} h{d}, h{n}, v{lo()}.h[{r.below(8)}]"])
    if k == 10:
        rot = r.choice([90, 270])
        a = r.choice(['4h', '8h', '2s', '4s', '2d'])
        return f"fcadd v{d}.{a}, v{n}.{a}, v{m}.{a}, #{rot}"
    rot = r.choice([0, 90, 180, 270])
    a = r.choice(['4h', '8h', '2s', '4s', '2d'])
    return r.choice([f"fcmla v{d}.{a}, v{n}.{a}, v{m}.{a}, #{rot}",
                     f"fcmla v{d}.8h, v{n}.8h, v{m}.h[{r.below(4)}], #{rot}",
                     f"fcmla v{d}.4h, v{n}.4h, v{m}.h[{r.below(2)}], #{rot}",
                     f"fcmla v{d}.4s, v{n}.4s, v{m}.s[{r.below(2)}], #{rot}"])


def gen_fp16(r, c):
    """FP16 scalar and vector, estimates, FRINT32/64, FJCVTZS, FCVTXN,
    fixed-point vector conversions."""
    v = lambda: r.below(32)
    h = lambda: f"h{r.below(32)}"
    d, n, m = v(), v(), v()
    k = r.below(16)
    if k < 2:
        op = r.choice(['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin',
                       'fmaxnm', 'fminnm', 'fnmul', 'fabd', 'fmulx',
                       'frecps', 'frsqrts', 'facge', 'facgt', 'fcmeq',
                       'fcmge', 'fcmgt'])
        if op in ('fabd', 'fmulx', 'frecps', 'frsqrts', 'facge', 'facgt',
                  'fcmeq', 'fcmge', 'fcmgt') and r.chance(0.5):
            P = r.choice('sd')
            return f"{op} {P}{d}, {P}{n}, {P}{m}"
        return f"{op} {h()}, {h()}, {h()}"
    if k == 2:
        op = r.choice(['fabs', 'fneg', 'fsqrt', 'fmov', 'frintn', 'frintp',
                       'frintm', 'frintz', 'frinta', 'frintx', 'frinti',
                       'frecpe', 'frsqrte', 'frecpx'])
        return f"{op} {h()}, {h()}"
    if k == 3:
        op = r.choice(['fmadd', 'fmsub', 'fnmadd', 'fnmsub'])
        return f"{op} {h()}, {h()}, {h()}, {h()}"
    if k == 4:
        return r.choice([f"fcvt s{d}, h{n}", f"fcvt d{d}, h{n}",
                         f"fcvt h{d}, s{n}", f"fcvt h{d}, d{n}",
                         f"fcvtn v{d}.4h, v{n}.4s", f"fcvtn2 v{d}.8h, v{n}.4s",
                         f"fcvtl v{d}.4s, v{n}.4h", f"fcvtl2 v{d}.4s, v{n}.8h",
                         f"fcvtxn v{d}.2s, v{n}.2d", f"fcvtxn s{d}, d{n}"])
    if k == 5:
        sf = r.chance(0.5)
        op = r.choice(['fcvtzs', 'fcvtzu', 'fcvtns', 'fcvtnu', 'fcvtas',
                       'fcvtau', 'fcvtms', 'fcvtps', 'scvtf', 'ucvtf'])
        fb = f", #{r.range(1, 64 if sf else 32)}" \
            if op in ('fcvtzs', 'fcvtzu', 'scvtf', 'ucvtf') and r.chance(0.4) else ""
        if op.endswith('cvtf'):
            return f"{op} {h()}, {reg(sf, r.below(8))}{fb}"
        return f"{op} {reg(sf, r.below(8))}, {h()}{fb}"
    if k == 6:
        op = r.choice(['fcmp', 'fcmpe'])
        return f"{op} {h()}, " + ("#0.0" if r.chance(0.25) else h())
    if k == 7:
        return r.choice([
            f"fccmp {h()}, {h()}, #{r.below(16)}, {r.choice(CONDS)}",
            f"fcsel {h()}, {h()}, {h()}, {r.choice(CONDS)}",
            f"fmov {h()}, #{r.choice(['1.0', '-2.5', '0.125', '31.0'])}",
            f"fmov w{r.below(8)}, {h()}", f"fmov {h()}, w{r.below(8)}"])
    if k < 11:
        a = r.choice(['4h', '8h'])
        op = r.choice(['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin',
                       'fmaxnm', 'fminnm', 'fabd', 'fmulx', 'fmla', 'fmls',
                       'fcmeq', 'fcmge', 'fcmgt', 'facge', 'facgt', 'faddp',
                       'fmaxp', 'fminp', 'fmaxnmp', 'fminnmp', 'frecps',
                       'frsqrts'])
        return f"{op} v{d}.{a}, v{n}.{a}, v{m}.{a}"
    if k == 11:
        a = r.choice(['4h', '8h'])
        op = r.choice(['fabs', 'fneg', 'fsqrt', 'frintn', 'frintp', 'frintm',
                       'frintz', 'frinta', 'frintx', 'frinti', 'fcvtzs',
                       'fcvtzu', 'fcvtns', 'fcvtau', 'scvtf', 'ucvtf',
                       'frecpe', 'frsqrte', 'fcmgt', 'fcmle'])
        z = ", #0.0" if op.startswith('fcm') else ""
        return f"{op} v{d}.{a}, v{n}.{a}{z}"
    if k == 12:
        return r.choice([f"fmaxnmv h{d}, v{n}.8h", f"fminv h{d}, v{n}.4h",
                         f"fmaxp h{d}, v{n}.2h", f"faddp h{d}, v{n}.2h",
                         f"fmov v{d}.8h, #-1.5"])
    if k == 13:
        a = r.choice(['2s', '4s', '2d'])
        op = r.choice(['frecpe', 'frsqrte', 'frint32z', 'frint32x',
                       'frint64z', 'frint64x'])
        if r.chance(0.3):
            P = 'd' if a == '2d' else 's'
            op = r.choice(['frecpe', 'frsqrte', 'frecpx', 'frint32z',
                           'frint64x'])
            return f"{op} {P}{d}, {P}{n}"
        return f"{op} v{d}.{a}, v{n}.{a}"
    if k == 14:
        return f"fjcvtzs w{r.below(28)}, d{n}"
    a = r.choice(['4h', '8h', '2s', '4s', '2d'])
    w = {'h': 16, 's': 32, 'd': 64}[a[-1]]
    op = r.choice(['scvtf', 'ucvtf', 'fcvtzs', 'fcvtzu'])
    return f"{op} v{d}.{a}, v{n}.{a}, #{r.range(1, w)}"


def fpcr_value(r, cls=''):
    # RMode (23:22), FZ (24), DN (25); no trap enables; FZ16 (19) and
    # AHP (26) for the FP16 classes
    v = (r.below(4) << 22) | (r.below(2) << 24) | (r.below(2) << 25)
    if cls in ('simd-ext', 'fp16'):
        v |= (r.below(2) << 19) | (int(r.chance(0.2)) << 26)
    return v


# ---------------------------------------------------------------- cases

def has_v(cls):
    return cls in ('fp', 'simd', 'simd-ext', 'fp16', 'simd-vec')


def has_buf(cls):
    return cls == 'ldst'


def nfields(cls):
    return 30 + (64 if has_v(cls) else 0) + (32 if has_buf(cls) else 0)


def field_names(cls):
    names = [f"x{i}" for i in range(28)] + ['nzcv', 'fpsr']
    if has_v(cls):
        for i in range(32):
            names += [f"v{i}.lo", f"v{i}.hi"]
    if has_buf(cls):
        names += [f"buf[{8 * i}]" for i in range(32)]
    return names


def gen_cases(cls):
    ncases, nins = CLASSES[cls]
    r = Rng(class_seed(cls))
    MAXREG[0] = 24 if cls == 'ldst' else 27
    cases = []
    labn = [0]

    def label():
        labn[0] += 1
        return f"L{labn[0]}"

    for c in range(ncases):
        inp = [int_value(r) for _ in range(28)]
        nzcv = r.below(16) << 28
        fpcr = fpcr_value(r, cls) if has_v(cls) else 0
        vals = []
        if has_v(cls):
            for i in range(32):
                if cls == 'simd-vec':
                    vals += [simd_int_value(r), simd_int_value(r)]
                    continue
                if cls in ('simd-ext', 'fp16') and r.chance(0.3):
                    lo = f16x4_value(r)
                elif r.chance(0.5):
                    lo = f64_value(r)
                else:
                    lo = (r.u64() & 0xffffffff00000000) | f32_value(r)
                hi = r.u64() if r.chance(0.5) else f64_value(r)
                if cls in ('simd-ext', 'fp16') and r.chance(0.3):
                    hi = f16x4_value(r)
                vals += [lo, hi]
        buf = []
        if has_buf(cls):
            buf = [r.u64() for _ in range(32)]
        seq = []
        count = 0
        st = {'off': 128}
        while count < nins:
            if cls == 'dp-imm':
                lines = [gen_dp_imm(r, c)]
            elif cls == 'dp-reg':
                lines = [gen_dp_reg(r, c)]
            elif cls == 'cond':
                lines = gen_cond(r, c, label)
            elif cls == 'ldst':
                lines = gen_ldst(r, c, st)
            elif cls == 'simd':
                lines = [gen_simd(r, c)]
            elif cls == 'simd-ext':
                lines = [gen_simd_ext(r, c)]
            elif cls == 'simd-vec':
                lines = [gen_simd_vec(r, c)]
            elif cls == 'fp16':
                lines = [gen_fp16(r, c)]
            else:
                lines = [gen_fp(r, c)]
            seq += lines
            count += sum(1 for l in lines if not l.endswith(':'))
        if has_buf(cls):
            inp[27] = None          # buffer address, not random
            inp[26] = None          # x27 + 128
        cases.append({'inp': inp, 'nzcv': nzcv, 'fpcr': fpcr, 'v': vals,
                      'buf': buf, 'seq': seq, 'count': count})
    return cases


def input_fields(cls, case):
    """The record the case would produce if it changed nothing (None for
    fields whose input is not a constant)."""
    f = list(case['inp']) + [case['nzcv'], 0]
    f += case['v'] + case['buf']
    return f


def emit(cls, out):
    cases = gen_cases(cls)
    nf = nfields(cls)
    recsz = nf * 8
    o = []
    w = o.append
    w(f"/* Generated by tests/isa/gen.py {cls}: do not edit. */")
    w(f"    .arch {ARCH.get(cls, 'armv8.2-a+lse')}")
    w("    .text")
    w("    .globl _start")
    w("_start:")
    for i, c in enumerate(cases):
        w(f"    adrp x28, slot{i}")
        w(f"    add x28, x28, :lo12:slot{i}")
        w("    bl load")
        for l in c['seq']:
            w(l if l.endswith(':') else "    " + l)
        w("    bl dump")
    w("    mov x0, #0")
    w("    mov x8, #93")
    w("    svc #0")
    # load: X0..X27, NZCV, FPCR (slot field 29 holds FPCR on input)
    w("load:")
    if has_v(cls):
        for i in range(0, 32, 2):
            w(f"    ldp q{i}, q{i + 1}, [x28, #{240 + 16 * i}]")
    if has_buf(cls):
        boff = 240 + (512 if has_v(cls) else 0)
        w("    adrp x27, scratch")
        w("    add x27, x27, :lo12:scratch")
        w(f"    add x26, x28, #{boff}")
        for i in range(0, 256, 16):
            w(f"    ldp x0, x1, [x26, #{i}]")
            w(f"    stp x0, x1, [x27, #{i}]")
    w("    ldr x0, [x28, #224]")
    w("    msr nzcv, x0")
    w("    ldr x0, [x28, #232]")
    w("    msr fpcr, x0")
    w("    msr fpsr, xzr")
    last = 26 if has_buf(cls) else 28
    for i in range(0, last, 2):
        w(f"    ldp x{i}, x{i + 1}, [x28, #{8 * i}]")
    if has_buf(cls):
        w("    add x26, x27, #128")
    w("    ret")
    w("dump:")
    for i in range(0, 28, 2):
        w(f"    stp x{i}, x{i + 1}, [x28, #{8 * i}]")
    w("    mrs x0, nzcv")
    w("    mrs x1, fpsr")
    w("    stp x0, x1, [x28, #224]")
    if has_v(cls):
        for i in range(0, 32, 2):
            w(f"    stp q{i}, q{i + 1}, [x28, #{240 + 16 * i}]")
    if has_buf(cls):
        boff = 240 + (512 if has_v(cls) else 0)
        w(f"    add x26, x28, #{boff}")
        for i in range(0, 256, 16):
            w(f"    ldp x0, x1, [x27, #{i}]")
            w(f"    stp x0, x1, [x26, #{i}]")
    w("    mov x0, #1")
    w("    mov x1, x28")
    w(f"    mov x2, #{recsz}")
    w("    mov x8, #64")
    w("    svc #0")
    w("    ret")
    w("    .data")
    w("    .balign 16")
    for i, c in enumerate(cases):
        f = input_fields(cls, c)
        f[29] = c['fpcr']
        f = [0 if x is None else x for x in f]
        w(f"slot{i}:")
        for j in range(0, len(f), 4):
            w("    .quad " + ", ".join(hex(x) for x in f[j:j + 4]))
    if has_buf(cls):
        w("    .balign 16")
        w("scratch: .skip 256")
    with open(out, 'w') as fh:
        fh.write("\n".join(o) + "\n")


if __name__ == '__main__':
    if sys.argv[1:] == ['--list']:
        print("\n".join(CLASSES))
    elif len(sys.argv) == 3 and sys.argv[1] in CLASSES:
        emit(sys.argv[1], sys.argv[2])
    else:
        sys.exit("usage: gen.py CLASS OUT.S | gen.py --list")
