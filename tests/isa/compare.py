#!/usr/bin/env python3
"""Record or check the output of a generated ISA test program.

    compare.py record CLASS DATA.xz < guest-stdout   (tests/isa/record.sh)
    compare.py check  CLASS DATA.xz < guest-stdout   (tests/isa/run-isa.sh)
    compare.py count                                 instructions per class

DATA.xz holds, per case, a line "CASE FIELD=HEX ..." with the fields of
the final state that differ from the case's inputs (fields without a
constant input, such as addresses, are always listed).  The cases are
regenerated from gen.py to know the inputs and to show the instruction
sequence on a mismatch.
"""
import lzma
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402


def states(cls, raw):
    nf = gen.nfields(cls)
    rec = nf * 8
    if len(raw) % rec:
        sys.exit(f"# {cls}: output is {len(raw)} bytes, not a multiple of "
                 f"the {rec}-byte record")
    return [struct.unpack_from(f"<{nf}Q", raw, i)
            for i in range(0, len(raw), rec)]


def diffs(cls, cases, sts):
    out = []
    for case, st in zip(cases, sts):
        inp = gen.input_fields(cls, case)
        out.append({i: v for i, v in enumerate(st) if inp[i] != v})
    return out


def load(path):
    res = []
    with lzma.open(path, 'rt') as fh:
        for n, line in enumerate(fh):
            parts = line.split()
            assert int(parts[0]) == n, f"{path}: line {n + 1} out of order"
            d = {}
            for p in parts[1:]:
                k, v = p.split('=')
                d[int(k)] = int(v, 16)
            res.append(d)
    return res


def main():
    if sys.argv[1:] == ['count']:
        tot = 0
        for cls in gen.CLASSES:
            n = sum(c['count'] for c in gen.gen_cases(cls))
            tot += n
            print(f"{cls:8} {len(gen.gen_cases(cls)):6} cases {n:8} instructions")
        print(f"{'total':8} {'':12} {tot:8} instructions")
        return 0
    mode, cls, path = sys.argv[1:4]
    cases = gen.gen_cases(cls)
    raw = sys.stdin.buffer.read()
    sts = states(cls, raw)
    got = diffs(cls, cases, sts)
    if mode == 'record':
        if len(sts) != len(cases):
            sys.exit(f"{cls}: {len(sts)} records for {len(cases)} cases")
        with lzma.open(path, 'wt', preset=9) as fh:
            for n, d in enumerate(got):
                fh.write(str(n) + "".join(f" {k}={v:x}" for k, v in
                                          sorted(d.items())) + "\n")
        return 0
    want = load(path)
    names = gen.field_names(cls)
    bad = 0
    if len(want) != len(cases):
        print(f"# {path}: {len(want)} cases recorded, the generator makes "
              f"{len(cases)} (data out of date: re-run tests/isa/record.sh)")
        return 1
    if len(got) != len(cases):
        print(f"# only {len(got)} of {len(cases)} cases completed")
        bad += 1
    for n, (g, w) in enumerate(zip(got, want)):
        if g == w:
            continue
        bad += 1
        if bad > 5:
            continue
        case = cases[n]
        inp = gen.input_fields(cls, case)
        print(f"# case {n} differs; inputs: fpcr={case['fpcr']:#x} "
              f"nzcv={case['nzcv'] >> 28:#x}")
        for i in sorted(set(g) | set(w)):
            gv = g.get(i, inp[i])
            wv = w.get(i, inp[i])
            if gv == wv:
                continue
            iv = "-" if inp[i] is None else f"{inp[i]:016x}"
            print(f"#   {names[i]:9} in {iv}  expected {wv:016x}  "
                  f"got {gv:016x}")
        print("#   sequence:")
        for l in case['seq']:
            print("#     " + l)
    if bad:
        print(f"# {cls}: {bad} of {len(cases)} cases differ")
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
