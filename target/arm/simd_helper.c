/*
 * AdvSIMD helpers: element-wise C over copies of the source registers
 * (so a destination may alias a source), writing Vd at the end; a 64-bit
 * (Q = 0) or scalar result zeroes the rest of the 128-bit register.
 * The translator (tr-simd-fp.c) has rejected unallocated encodings.
 * Elements are little-endian in memory, as on the host (x86-64).
 */
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/fp-core.h"
#include "exec/exec-all.h"

#define HELPER_H "target/arm/helper-simd.h"
#include "tcg/helper-proto.h.inc"
#undef HELPER_H

typedef union {
    uint64_t d[2];
    uint8_t b[16];
} Vec;

typedef struct {
    int rd, rn, rm, size, q, u, op, scalar, extra;
} SimdDesc;

static SimdDesc unpack(uint32_t desc)
{
    SimdDesc s = {
        .rd = desc & 31, .rn = (desc >> 5) & 31, .rm = (desc >> 10) & 31,
        .size = (desc >> 15) & 3, .q = (desc >> 17) & 1,
        .u = (desc >> 18) & 1, .op = (desc >> 19) & 31,
        .scalar = (desc >> 24) & 1, .extra = (desc >> 25) & 127,
    };
    return s;
}

static inline CPUARMState *arm_env(CPUArchState *env)
{
    return (CPUARMState *)env;
}

static inline Vec vload(CPUARMState *env, int r)
{
    Vec v;

    v.d[0] = env->vregs[r].d[0];
    v.d[1] = env->vregs[r].d[1];
    return v;
}

/* Write Vd; bytes >= "bytes" are zeroed. */
static inline void vstore(CPUARMState *env, int r, Vec v, int bytes)
{
    if (bytes < 16) {
        memset(v.b + bytes, 0, 16 - bytes);
    }
    env->vregs[r].d[0] = v.d[0];
    env->vregs[r].d[1] = v.d[1];
}

static inline uint64_t eget(const Vec *v, int i, int size)
{
    switch (size) {
    case 0:
        return v->b[i];
    case 1: {
        uint16_t x;
        memcpy(&x, v->b + 2 * i, 2);
        return x;
    }
    case 2: {
        uint32_t x;
        memcpy(&x, v->b + 4 * i, 4);
        return x;
    }
    default:
        return v->d[i];
    }
}

static inline int64_t esget(const Vec *v, int i, int size)
{
    uint64_t x = eget(v, i, size);
    int sh = 64 - (8 << size);

    return (int64_t)(x << sh) >> sh;
}

static inline void eset(Vec *v, int i, int size, uint64_t x)
{
    switch (size) {
    case 0:
        v->b[i] = (uint8_t)x;
        break;
    case 1: {
        uint16_t y = (uint16_t)x;
        memcpy(v->b + 2 * i, &y, 2);
        break;
    }
    case 2: {
        uint32_t y = (uint32_t)x;
        memcpy(v->b + 4 * i, &y, 4);
        break;
    }
    default:
        v->d[i] = x;
        break;
    }
}

static inline uint64_t emask(int size)
{
    return size == 3 ? ~0ull : (1ull << (8 << size)) - 1;
}

static inline int64_t smax_of(int size)
{
    return (int64_t)(emask(size) >> 1);
}

static inline int64_t smin_of(int size)
{
    return -smax_of(size) - 1;
}

/* Saturate a wide value to the element range; sets QC on saturation. */
static uint64_t sat_s(CPUARMState *env, __int128 v, int size)
{
    if (v > smax_of(size)) {
        env->fpsr |= FPSR_QC;
        return (uint64_t)smax_of(size);
    }
    if (v < smin_of(size)) {
        env->fpsr |= FPSR_QC;
        return (uint64_t)smin_of(size);
    }
    return (uint64_t)(int64_t)v;
}

static uint64_t sat_u(CPUARMState *env, __int128 v, int size)
{
    if (v < 0) {
        env->fpsr |= FPSR_QC;
        return 0;
    }
    if (v > (__int128)emask(size)) {
        env->fpsr |= FPSR_QC;
        return emask(size);
    }
    return (uint64_t)v;
}

/*
 * SSHL/USHL/SRSHL/URSHL/SQSHL/UQSHL/SQRSHL/UQRSHL: shift element x
 * (already sign/zero-extended) by the signed low byte of the shift
 * operand; negative = right.  round: rounding right shifts; sat:
 * saturating left shifts.
 */
static uint64_t shift_reg(CPUARMState *env, uint64_t x, int64_t sh,
                          int size, bool uns, bool round, bool sat)
{
    int esize = 8 << size;
    __int128 v = uns ? (__int128)(x & emask(size)) : (__int128)(int64_t)x;

    sh = (int8_t)sh;
    if (sh >= 0) {
        __int128 r;

        if (v == 0) {
            return 0;
        }
        if (sh >= esize) {
            if (!sat) {
                return 0;
            }
            /* Any nonzero value saturates. */
            return uns ? sat_u(env, (__int128)emask(size) + 1, size)
                       : sat_s(env, v < 0 ? (__int128)smin_of(size) - 1
                                          : (__int128)smax_of(size) + 1,
                               size);
        }
        r = v * ((__int128)1 << sh);   /* v may be negative: no shift */
        if (sat) {
            return uns ? sat_u(env, r, size) : sat_s(env, r, size);
        }
        return (uint64_t)r & emask(size);
    } else {
        int rs = (int)-sh;

        if (rs > esize + 1) {
            rs = esize + 1;     /* all bits out: 0 or the sign */
        }
        if (round) {
            v += (__int128)1 << (rs - 1);
        }
        v >>= rs;
        return (uint64_t)v & emask(size);
    }
}

/* ------------------------------------------------------------------ */
/* Three same (integer), vector and scalar                             */

static uint64_t op_3same(CPUARMState *env, const SimdDesc *s, int size,
                         uint64_t a, uint64_t b, uint64_t d)
{
    int esize = 8 << size;
    uint64_t m = emask(size);
    int sh = 64 - esize;
    int64_t sa = (int64_t)(a << sh) >> sh, sb = (int64_t)(b << sh) >> sh;
    bool u = s->u;

    switch (s->op) {
    case 0x00:  /* SHADD/UHADD */
        return u ? (uint64_t)(((unsigned __int128)a + b) >> 1)
                 : (uint64_t)(((__int128)sa + sb) >> 1);
    case 0x01:  /* SQADD/UQADD */
        return u ? sat_u(env, (__int128)a + b, size)
                 : sat_s(env, (__int128)sa + sb, size);
    case 0x02:  /* SRHADD/URHADD */
        return u ? (uint64_t)(((unsigned __int128)a + b + 1) >> 1)
                 : (uint64_t)(((__int128)sa + sb + 1) >> 1);
    case 0x04:  /* SHSUB/UHSUB */
        return u ? (uint64_t)(((__int128)a - (__int128)b) >> 1)
                 : (uint64_t)(((__int128)sa - sb) >> 1);
    case 0x05:  /* SQSUB/UQSUB */
        return u ? sat_u(env, (__int128)a - (__int128)b, size)
                 : sat_s(env, (__int128)sa - sb, size);
    case 0x06:  /* CMGT/CMHI */
        return (u ? a > b : sa > sb) ? m : 0;
    case 0x07:  /* CMGE/CMHS */
        return (u ? a >= b : sa >= sb) ? m : 0;
    case 0x08:  /* SSHL/USHL */
        return shift_reg(env, u ? a : (uint64_t)sa, (int64_t)b, size, u,
                         false, false);
    case 0x09:  /* SQSHL/UQSHL */
        return shift_reg(env, u ? a : (uint64_t)sa, (int64_t)b, size, u,
                         false, true);
    case 0x0a:  /* SRSHL/URSHL */
        return shift_reg(env, u ? a : (uint64_t)sa, (int64_t)b, size, u,
                         true, false);
    case 0x0b:  /* SQRSHL/UQRSHL */
        return shift_reg(env, u ? a : (uint64_t)sa, (int64_t)b, size, u,
                         true, true);
    case 0x0c:  /* SMAX/UMAX */
    case 0x14:  /* SMAXP/UMAXP (pairs arranged by the caller) */
        return u ? (a > b ? a : b) : (uint64_t)(sa > sb ? sa : sb);
    case 0x0d:  /* SMIN/UMIN */
    case 0x15:
        return u ? (a < b ? a : b) : (uint64_t)(sa < sb ? sa : sb);
    case 0x0e:  /* SABD/UABD */
        return u ? (a > b ? a - b : b - a)
                 : (uint64_t)(sa > sb ? sa - sb : sb - sa);
    case 0x0f:  /* SABA/UABA */
        return d + (u ? (a > b ? a - b : b - a)
                      : (uint64_t)(sa > sb ? sa - sb : sb - sa));
    case 0x10:  /* ADD/SUB */
        return u ? a - b : a + b;
    case 0x11:  /* CMTST/CMEQ */
        return (u ? a == b : (a & b) != 0) ? m : 0;
    case 0x12:  /* MLA/MLS */
        return u ? d - a * b : d + a * b;
    case 0x13:  /* MUL/PMUL */
        if (u) {
            uint64_t r = 0;
            for (int i = 0; i < 8; i++) {
                if (b & (1u << i)) {
                    r ^= a << i;
                }
            }
            return r;
        }
        return a * b;
    case 0x16: {    /* SQDMULH/SQRDMULH */
        __int128 p = (__int128)sa * sb * 2;
        if (u) {
            p += (__int128)1 << (esize - 1);
        }
        return sat_s(env, p >> esize, size);
    }
    case 0x17:  /* ADDP */
    default:
        return a + b;
    }
}

void helper_simd_3same(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    int bytes = s.scalar ? 1 << s.size : (s.q ? 16 : 8);
    int elts = bytes >> s.size;
    bool pairwise = s.op == 0x14 || s.op == 0x15 || s.op == 0x17;

    for (int i = 0; i < elts; i++) {
        uint64_t a, b;

        if (pairwise) {
            /* Pairs of the concatenation m:n, low half from n. */
            const Vec *src = i < elts / 2 ? &n : &m;
            int j = 2 * (i % (elts / 2));
            a = eget(src, j, s.size);
            b = eget(src, j + 1, s.size);
        } else {
            a = eget(&n, i, s.size);
            b = eget(&m, i, s.size);
        }
        eset(&r, i, s.size,
             op_3same(env, &s, s.size, a, b, eget(&d, i, s.size)));
    }
    vstore(env, s.rd, r, bytes);
}

/* ------------------------------------------------------------------ */
/* Three different: long, wide and narrow forms                        */

void helper_simd_3diff(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm), d = vload(env, s.rd);
    Vec r = d;
    int half = s.q ? 8 >> s.size : 0;      /* "2" forms: upper half */
    int elts = 8 >> s.size;
    int ws = s.size + 1;                    /* wide element size */
    bool u = s.u;

    if (s.op == 4 || s.op == 6) {
        /* ADDHN/RADDHN, SUBHN/RSUBHN: wide n, m -> narrow high halves */
        int esize = 8 << s.size;
        if (!s.q) {
            memset(&r, 0, sizeof(r));
        }
        for (int i = 0; i < elts; i++) {
            uint64_t a = eget(&n, i, ws), b = eget(&m, i, ws);
            unsigned __int128 v = s.op == 4 ? (unsigned __int128)a + b
                                            : (unsigned __int128)a - b;
            if (u) {
                v += (unsigned __int128)1 << (esize - 1);
            }
            eset(&r, half + i, s.size, (uint64_t)(v >> esize));
        }
        vstore(env, s.rd, r, 16);
        return;
    }
    for (int i = 0; i < elts; i++) {
        int64_t a, b, acc = (int64_t)eget(&d, i, ws), res;

        if (s.op == 1 || s.op == 3) {       /* wide first operand */
            a = u ? (int64_t)eget(&n, i, ws) : esget(&n, i, ws);
        } else {
            a = u ? (int64_t)eget(&n, half + i, s.size)
                  : esget(&n, half + i, s.size);
        }
        b = u ? (int64_t)eget(&m, half + i, s.size)
              : esget(&m, half + i, s.size);
        switch (s.op) {
        case 0: case 1:     /* ADDL, ADDW */
            res = (int64_t)((uint64_t)a + (uint64_t)b);
            break;
        case 2: case 3:     /* SUBL, SUBW */
            res = (int64_t)((uint64_t)a - (uint64_t)b);
            break;
        case 5:             /* ABAL */
            res = (int64_t)((uint64_t)acc +
                            (a > b ? (uint64_t)a - (uint64_t)b
                                   : (uint64_t)b - (uint64_t)a));
            break;
        case 7:             /* ABDL */
            res = (int64_t)(a > b ? (uint64_t)a - (uint64_t)b
                                  : (uint64_t)b - (uint64_t)a);
            break;
        case 8:             /* MLAL */
            res = (int64_t)((uint64_t)acc + (uint64_t)a * (uint64_t)b);
            break;
        case 10:            /* MLSL */
            res = (int64_t)((uint64_t)acc - (uint64_t)a * (uint64_t)b);
            break;
        case 12:            /* MULL */
            res = (int64_t)((uint64_t)a * (uint64_t)b);
            break;
        default: {          /* 14: PMULL (8-bit elements) */
            uint64_t p = 0, ua = eget(&n, half + i, 0);
            for (int k = 0; k < 8; k++) {
                if ((uint64_t)b & (1u << k)) {
                    p ^= ua << k;
                }
            }
            res = (int64_t)p;
            break;
        }
        }
        eset(&r, i, ws, (uint64_t)res);
    }
    vstore(env, s.rd, r, 16);
}

/* ------------------------------------------------------------------ */
/* Two-register miscellaneous (integer)                                */

static uint64_t rev_elems(uint64_t x, int size, int group)
{
    /* Reverse the order of "size" elements within each "group" bytes
     * chunk of the 64-bit x. */
    Vec v = { { x, 0 } }, r = { { 0, 0 } };
    int per = group >> size;

    for (int i = 0; i < (8 >> size); i++) {
        int base = i - i % per;
        eset(&r, base + (per - 1 - i % per), size, eget(&v, i, size));
    }
    return r.d[0];
}

void helper_simd_2misc(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    int bytes = s.scalar ? 1 << s.size : (s.q ? 16 : 8);
    int elts = bytes >> s.size;
    int esize = 8 << s.size;
    uint64_t m = emask(s.size);
    int op = s.op | (s.u << 5);

    switch (op) {
    case 0x00: case 0x01: case 0x20:    /* REV64, REV16, REV32 */
        {
            int group = op == 0x00 ? 8 : op == 0x01 ? 2 : 4;
            r.d[0] = rev_elems(n.d[0], s.size, group);
            r.d[1] = rev_elems(n.d[1], s.size, group);
        }
        vstore(env, s.rd, r, bytes);
        return;
    case 0x12: case 0x14: case 0x34: case 0x32: {
        /* XTN, SQXTN, UQXTN, SQXTUN: wide elements (size + 1) of n to
         * the low or (Q: "2") high half of d. */
        int half = s.scalar ? 0 : (s.q ? 8 >> s.size : 0);
        int cnt = s.scalar ? 1 : 8 >> s.size;
        r = (s.q && !s.scalar) ? d : r;
        for (int i = 0; i < cnt; i++) {
            uint64_t x = eget(&n, i, s.size + 1);
            int64_t sx = esget(&n, i, s.size + 1);
            uint64_t v;
            switch (op) {
            case 0x12: v = x; break;
            case 0x14: v = sat_s(env, sx, s.size); break;
            case 0x34: v = sat_u(env, (__int128)x, s.size); break;
            default: v = sat_u(env, sx, s.size); break;
            }
            eset(&r, half + i, s.size, v);
        }
        vstore(env, s.rd, r, s.scalar ? 1 << s.size : (s.q ? 16 : 8));
        return;
    }
    case 0x33: {    /* SHLL/SHLL2: widen and shift by the element size */
        int half = s.q ? 8 >> s.size : 0;
        for (int i = 0; i < (8 >> s.size); i++) {
            eset(&r, i, s.size + 1, eget(&n, half + i, s.size) << esize);
        }
        vstore(env, s.rd, r, 16);
        return;
    }
    case 0x02: case 0x22: case 0x06: case 0x26: {
        /* SADDLP/UADDLP, SADALP/UADALP */
        bool uns = s.u, acc = (s.op == 6);
        int cnt = elts / 2;
        for (int i = 0; i < cnt; i++) {
            int64_t a = uns ? (int64_t)eget(&n, 2 * i, s.size)
                            : esget(&n, 2 * i, s.size);
            int64_t b = uns ? (int64_t)eget(&n, 2 * i + 1, s.size)
                            : esget(&n, 2 * i + 1, s.size);
            uint64_t v = (uint64_t)(a + b);
            if (acc) {
                v += eget(&d, i, s.size + 1);
            }
            eset(&r, i, s.size + 1, v);
        }
        vstore(env, s.rd, r, bytes);
        return;
    }
    }

    for (int i = 0; i < elts; i++) {
        uint64_t x = eget(&n, i, s.size);
        int64_t sx = esget(&n, i, s.size);
        uint64_t v;

        switch (op) {
        case 0x04:  /* CLS */
            v = 0;
            for (int b = esize - 2; b >= 0 && ((x >> b) & 1) == ((x >> (esize - 1)) & 1); b--) {
                v++;
            }
            break;
        case 0x24:  /* CLZ */
            v = 0;
            for (int b = esize - 1; b >= 0 && !((x >> b) & 1); b--) {
                v++;
            }
            break;
        case 0x05:  /* CNT */
            v = (uint64_t)__builtin_popcountll(x);
            break;
        case 0x25:  /* NOT (the translator passes RBIT as op 0x3f) */
            v = ~x;
            break;
        case 0x3f:  /* RBIT: bytes */
            v = 0;
            for (int b = 0; b < 8; b++) {
                v |= ((x >> b) & 1) << (7 - b);
            }
            break;
        case 0x03:  /* SUQADD: signed Vd + unsigned Vn */
            v = sat_s(env, (__int128)esget(&d, i, s.size) + (__int128)x,
                      s.size);
            break;
        case 0x23:  /* USQADD: unsigned Vd + signed Vn */
            v = sat_u(env, (__int128)eget(&d, i, s.size) + (__int128)sx,
                      s.size);
            break;
        case 0x07:  /* SQABS */
            v = sat_s(env, sx < 0 ? -(__int128)sx : sx, s.size);
            break;
        case 0x27:  /* SQNEG */
            v = sat_s(env, -(__int128)sx, s.size);
            break;
        case 0x08:  /* CMGT #0 */
            v = sx > 0 ? m : 0;
            break;
        case 0x28:  /* CMGE #0 */
            v = sx >= 0 ? m : 0;
            break;
        case 0x09:  /* CMEQ #0 */
            v = x == 0 ? m : 0;
            break;
        case 0x29:  /* CMLE #0 */
            v = sx <= 0 ? m : 0;
            break;
        case 0x0a:  /* CMLT #0 */
            v = sx < 0 ? m : 0;
            break;
        case 0x0b:  /* ABS */
            v = sx < 0 ? -x : x;
            break;
        case 0x2b:  /* NEG */
        default:
            v = -x;
            break;
        }
        eset(&r, i, s.size, v);
    }
    vstore(env, s.rd, r, bytes);
}

/* ------------------------------------------------------------------ */
/* Across lanes                                                        */

void helper_simd_across(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn);
    Vec r = { { 0, 0 } };
    int elts = (s.q ? 16 : 8) >> s.size;
    int64_t acc;
    int outsize = s.size;

    if (s.op == 0x0c || s.op == 0x0f) {
        /* FMAXNMV/FMINNMV, FMAXV/FMINV (4S; U = 0: 4H/8H): Reduce()
         * combines the two halves' reductions, recursively. */
        int fop = s.op == 0x0c ? (s.size & 2 ? FPOP_MINNM : FPOP_MAXNM)
                               : (s.size & 2 ? FPOP_MIN : FPOP_MAX);
        int fmt = s.u ? FPF_S : FPF_H, fs = s.u ? 2 : 1;
        uint64_t v[8];
        int cnt = (s.q ? 16 : 8) >> fs;

        for (int i = 0; i < cnt; i++) {
            v[i] = eget(&n, i, fs);
        }
        for (; cnt > 1; cnt /= 2) {
            for (int i = 0; i < cnt / 2; i++) {
                v[i] = fpc_binop(env, fop, v[2 * i], v[2 * i + 1], fmt);
            }
        }
        eset(&r, 0, fs, v[0]);
        vstore(env, s.rd, r, 1 << fs);
        return;
    }
    if (s.op == 0x03) {     /* SADDLV/UADDLV */
        acc = 0;
        for (int i = 0; i < elts; i++) {
            acc += s.u ? (int64_t)eget(&n, i, s.size) : esget(&n, i, s.size);
        }
        outsize = s.size + 1;
    } else {
        acc = s.u ? (int64_t)eget(&n, 0, s.size) : esget(&n, 0, s.size);
        for (int i = 1; i < elts; i++) {
            int64_t x = s.u ? (int64_t)eget(&n, i, s.size)
                            : esget(&n, i, s.size);
            switch (s.op) {
            case 0x0a:      /* SMAXV/UMAXV (unsigned fits in int64) */
                acc = x > acc ? x : acc;
                break;
            case 0x1a:      /* SMINV/UMINV */
                acc = x < acc ? x : acc;
                break;
            default:        /* 0x1b: ADDV */
                acc += x;
                break;
            }
        }
    }
    eset(&r, 0, outsize, (uint64_t)acc);
    vstore(env, s.rd, r, 1 << outsize);
}

/* Scalar pairwise: ADDP Dd, Vn.2D (op 0x1b). */
void helper_simd_pairwise_scalar(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn);
    Vec r = { { 0, 0 } };
    /* U = 0 (except ADDP): the FP16 forms, same ops as U = 1 */
    bool h = !s.u && s.op != 0x1b;
    int d = h ? FPF_H : (s.size & 1);
    int fs = h ? 1 : d ? 3 : 2;
    uint64_t a = eget(&n, 0, fs), b = eget(&n, 1, fs);

    switch (s.op | ((s.u || h) << 5)) {
    case 0x1b:                  /* ADDP */
        r.d[0] = n.d[0] + n.d[1];
        vstore(env, s.rd, r, 8);
        return;
    case 0x2d:                  /* FADDP */
        eset(&r, 0, fs, fpc_binop(env, FPOP_ADD, a, b, d));
        break;
    case 0x2c:                  /* FMAXNMP / FMINNMP */
        eset(&r, 0, fs, fpc_binop(env, s.size & 2 ? FPOP_MINNM : FPOP_MAXNM,
                                  a, b, d));
        break;
    default:                    /* 0x2f: FMAXP / FMINP */
        eset(&r, 0, fs, fpc_binop(env, s.size & 2 ? FPOP_MIN : FPOP_MAX,
                                  a, b, d));
        break;
    }
    vstore(env, s.rd, r, 1 << fs);
}

/* ------------------------------------------------------------------ */
/* Shift by immediate                                                  */

void helper_simd_shift_imm(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    int immhb = s.extra;
    int size = 31 - __builtin_clz((unsigned)immhb >> 3);
    int esize = 8 << size;
    int rshift = 2 * esize - immhb;     /* right shifts: 1..esize */
    int lshift = immhb - esize;         /* left shifts: 0..esize-1 */
    int bytes = s.scalar ? 1 << size : (s.q ? 16 : 8);
    int elts = bytes >> size;
    uint64_t m = emask(size);
    int op = s.op | (s.u << 5);

    switch (op) {
    case 0x14: case 0x34: {     /* SSHLL/USHLL (SXTL/UXTL) */
        int half = s.q ? 8 >> size : 0;
        for (int i = 0; i < (8 >> size); i++) {
            uint64_t x = s.u ? eget(&n, half + i, size)
                             : (uint64_t)esget(&n, half + i, size);
            eset(&r, i, size + 1, x << lshift);
        }
        vstore(env, s.rd, r, 16);
        return;
    }
    case 0x10: case 0x11: case 0x12: case 0x13:
    case 0x30: case 0x31: case 0x32: case 0x33: {
        /* SHRN/RSHRN, SQSHRN/SQRSHRN, SQSHRUN/SQRSHRUN, UQSHRN/UQRSHRN:
         * elements of size + 1 in n, narrowed into the low half of d (or
         * the high half, keeping the low: the "2" forms). */
        bool round = s.op & 1;
        int half = s.scalar ? 0 : (s.q ? 8 >> size : 0);
        int cnt = s.scalar ? 1 : 8 >> size;
        if (s.q && !s.scalar) {
            r = d;
        }
        for (int i = 0; i < cnt; i++) {
            __int128 v;
            uint64_t res;
            bool src_uns = (op == 0x10 || op == 0x11 || op == 0x32 ||
                            op == 0x33);
            v = src_uns ? (__int128)eget(&n, i, size + 1)
                        : (__int128)esget(&n, i, size + 1);
            if (round) {
                v += (__int128)1 << (rshift - 1);
            }
            v >>= rshift;
            switch (op) {
            case 0x10: case 0x11:       /* SHRN, RSHRN */
                res = (uint64_t)v;
                break;
            case 0x12: case 0x13:       /* SQSHRN */
                res = sat_s(env, v, size);
                break;
            case 0x30: case 0x31:       /* SQSHRUN */
            case 0x32: case 0x33:       /* UQSHRN */
            default:
                res = sat_u(env, v, size);
                break;
            }
            eset(&r, half + i, size, res);
        }
        vstore(env, s.rd, r, s.scalar ? 1 << size : (s.q ? 16 : 8));
        return;
    }
    }

    for (int i = 0; i < elts; i++) {
        uint64_t x = eget(&n, i, size);
        int64_t sx = esget(&n, i, size);
        uint64_t dv = eget(&d, i, size);
        uint64_t v;
        __int128 w;

        switch (op) {
        case 0x00: case 0x02: case 0x04: case 0x06:    /* SSHR/SSRA/SRSHR/SRSRA */
            w = sx;
            if (op & 4) {
                w += (__int128)1 << (rshift - 1);
            }
            v = (uint64_t)(w >> rshift) & m;
            if (op & 2) {
                v = (v + dv) & m;
            }
            break;
        case 0x20: case 0x22: case 0x24: case 0x26:    /* USHR/USRA/URSHR/URSRA */
            w = x;
            if (op & 4) {
                w += (__int128)1 << (rshift - 1);
            }
            v = (uint64_t)(w >> rshift) & m;
            if (op & 2) {
                v = (v + dv) & m;
            }
            break;
        case 0x28: {    /* SRI */
            uint64_t keep = rshift == esize ? m : ~(m >> rshift) & m;
            v = rshift == esize ? dv : ((x >> rshift) | (dv & keep));
            break;
        }
        case 0x0a:      /* SHL */
            v = (x << lshift) & m;
            break;
        case 0x2a:      /* SLI */
            v = ((x << lshift) | (dv & ~(m << lshift))) & m;
            break;
        case 0x2c:      /* SQSHLU */
            v = sat_u(env, (__int128)sx * ((__int128)1 << lshift), size);
            break;
        case 0x0e:      /* SQSHL (imm) */
            v = sat_s(env, (__int128)sx * ((__int128)1 << lshift), size);
            break;
        case 0x2e:      /* UQSHL (imm) */
        default:
            v = sat_u(env, (__int128)x << lshift, size);
            break;
        }
        eset(&r, i, size, v);
    }
    vstore(env, s.rd, r, bytes);
}

/* ------------------------------------------------------------------ */
/* Permute, EXT, TBL/TBX                                               */

void helper_simd_permute(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm);
    Vec r = { { 0, 0 } };
    int bytes = s.q ? 16 : 8;
    int elts = bytes >> s.size;
    int part = (s.op >> 2) & 1;         /* 1: UZP2/TRN2/ZIP2 */
    int half = elts / 2;

    for (int i = 0; i < elts; i++) {
        uint64_t v;

        switch (s.op & 3) {
        case 1:     /* UZP: even (or odd) elements of n:m */
            {
                int j = 2 * i + part;
                v = j < elts ? eget(&n, j, s.size) : eget(&m, j - elts, s.size);
            }
            break;
        case 2:     /* TRN */
            v = (i & 1) ? eget(&m, (i & ~1) + part, s.size)
                        : eget(&n, i + part, s.size);
            break;
        default:    /* 3: ZIP */
            v = (i & 1) ? eget(&m, part * half + i / 2, s.size)
                        : eget(&n, part * half + i / 2, s.size);
            break;
        }
        eset(&r, i, s.size, v);
    }
    vstore(env, s.rd, r, bytes);
}

void helper_simd_ext(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm);
    Vec r = { { 0, 0 } };
    int bytes = s.q ? 16 : 8;
    int pos = s.extra;

    for (int i = 0; i < bytes; i++) {
        int j = i + pos;
        r.b[i] = j < bytes ? n.b[j] : m.b[j - bytes];
    }
    vstore(env, s.rd, r, bytes);
}

/* TBL/TBX: extra = len (1:0) | tbx << 2; the table is Vn..Vn+len (mod 32). */
void helper_simd_tbl(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    int nregs = (s.extra & 3) + 1;
    bool tbx = (s.extra >> 2) & 1;
    Vec idx = vload(env, s.rm), d = vload(env, s.rd);
    Vec table[4];
    Vec r = { { 0, 0 } };
    int bytes = s.q ? 16 : 8;

    for (int i = 0; i < nregs; i++) {
        table[i] = vload(env, (s.rn + i) % 32);
    }
    for (int i = 0; i < bytes; i++) {
        unsigned k = idx.b[i];
        if (k < 16u * nregs) {
            r.b[i] = table[k / 16].b[k % 16];
        } else {
            r.b[i] = tbx ? d.b[i] : 0;
        }
    }
    vstore(env, s.rd, r, bytes);
}

/* ------------------------------------------------------------------ */
/* AdvSIMD FP: three same and two-reg misc, element by element          */

/*
 * Three same FP: op = opcode (4:0 of 15:11, i.e. 0x18-0x1f) | U << 5 |
 * size<1> << 6; size<0> = double; extra bit 0 = half precision.
 * Pairwise forms take pairs of m:n.
 */
void helper_simd_fp_3same(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    int dbl = (s.extra & 1) ? FPF_H : (s.size & 1);
    int fs = dbl == FPF_H ? 1 : dbl ? 3 : 2;
    int bytes = s.scalar ? 1 << fs : (s.q ? 16 : 8);
    int elts = bytes >> fs;
    int op = s.op | (s.u << 5) | ((s.size >> 1) << 6);
    bool pairwise = op == 0x38 || op == 0x3a || op == 0x3e ||
                    op == 0x78 || op == 0x7e;

    for (int i = 0; i < elts; i++) {
        uint64_t a, b, acc = eget(&d, i, fs), v;
        uint64_t sign = 1ull << ((8 << fs) - 1);

        if (pairwise) {
            const Vec *src = i < elts / 2 ? &n : &m;
            int j = 2 * (i % (elts / 2));
            a = eget(src, j, fs);
            b = eget(src, j + 1, fs);
        } else {
            a = eget(&n, i, fs);
            b = eget(&m, i, fs);
        }
        switch (op) {
        case 0x18: v = fpc_binop(env, FPOP_MAXNM, a, b, dbl); break;
        case 0x19: v = fpc_muladd(env, acc, a, b, dbl); break;      /* FMLA */
        case 0x1a: v = fpc_binop(env, FPOP_ADD, a, b, dbl); break;
        case 0x1b: v = fpc_binop(env, FPOP_MULX, a, b, dbl); break;
        case 0x1c: v = fpc_compare_cond(env, a, b, dbl, 0) ? ~0ull : 0; break;
        case 0x1e: v = fpc_binop(env, FPOP_MAX, a, b, dbl); break;
        case 0x58: v = fpc_binop(env, FPOP_MINNM, a, b, dbl); break;
        case 0x59: v = fpc_muladd(env, acc, a ^ sign, b, dbl); break; /* FMLS */
        case 0x5a: v = fpc_binop(env, FPOP_SUB, a, b, dbl); break;
        case 0x5e: v = fpc_binop(env, FPOP_MIN, a, b, dbl); break;
        case 0x38: v = fpc_binop(env, FPOP_MAXNM, a, b, dbl); break; /* FMAXNMP */
        case 0x3a: v = fpc_binop(env, FPOP_ADD, a, b, dbl); break;   /* FADDP */
        case 0x3b: v = fpc_binop(env, FPOP_MUL, a, b, dbl); break;
        case 0x3c: v = fpc_compare_cond(env, a, b, dbl, 1) ? ~0ull : 0; break;
        case 0x3d:  /* FACGE */
            v = fpc_compare_cond(env, a & ~sign, b & ~sign, dbl, 1) ? ~0ull : 0;
            break;
        case 0x3e: v = fpc_binop(env, FPOP_MAX, a, b, dbl); break;   /* FMAXP */
        case 0x3f: v = fpc_binop(env, FPOP_DIV, a, b, dbl); break;
        case 0x78: v = fpc_binop(env, FPOP_MINNM, a, b, dbl); break; /* FMINNMP */
        case 0x7a: v = fpc_binop(env, FPOP_ABD, a, b, dbl); break;
        case 0x7c: v = fpc_compare_cond(env, a, b, dbl, 2) ? ~0ull : 0; break;
        case 0x7d:  /* FACGT */
            v = fpc_compare_cond(env, a & ~sign, b & ~sign, dbl, 2) ? ~0ull : 0;
            break;
        case 0x1f: v = fpc_recip_step(env, a, b, dbl, false); break; /* FRECPS */
        case 0x5f: v = fpc_recip_step(env, a, b, dbl, true); break;  /* FRSQRTS */
        case 0x7e:
        default:
            v = fpc_binop(env, FPOP_MIN, a, b, dbl);                 /* FMINP */
            break;
        }
        eset(&r, i, fs, v);
    }
    vstore(env, s.rd, r, bytes);
}

/* URECPE/URSQRTE: RecipEstimate / RecipSqrtEstimate of the ARM ARM on
 * the top 9 bits (a >= 256, resp. a >= 128). */
static unsigned recip_est9(unsigned a, bool rsqrt)
{
    if (!rsqrt) {
        unsigned b = (1u << 19) / (a * 2 + 1);

        return (b + 1) / 2;
    } else {
        uint64_t b = 512;

        a = a < 256 ? a * 2 + 1 : ((a >> 1) << 1) * 2 + 2;
        while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
            b++;
        }
        return (unsigned)((b + 1) / 2);
    }
}

/*
 * Two-reg misc FP: op = opcode | U << 5 | size<1> << 6, size<0> =
 * double; extra = rmode for the FRINT/FCVT forms chosen by the
 * translator (7 = FPCR), bit 3 of extra = FRINTX-style exactness, bit 4
 * = half precision.  FCVTN/FCVTL: size<0> = 0 is the single <-> half
 * form.
 */
void helper_simd_fp_2misc(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    int dbl = (s.extra & 16) ? FPF_H : (s.size & 1);
    int fs = dbl == FPF_H ? 1 : dbl ? 3 : 2;
    int bytes = s.scalar ? 1 << fs : (s.q ? 16 : 8);
    int elts = bytes >> fs;
    int op = s.op | (s.u << 5) | ((s.size >> 1) << 6);
    int rmode = s.extra & 7;
    uint64_t sign = 1ull << ((8 << fs) - 1);
    uint64_t zero = 0;

    if (rmode == 7) {
        rmode = fpcr_rmode(env);
    }
    switch (op) {
    case 0x16: {                /* FCVTN/FCVTN2: double -> single, single -> half */
        int from = s.size & 1 ? FPF_D : FPF_S, ns = s.size & 1 ? 2 : 1;
        int cnt = 8 >> ns, half = s.q ? cnt : 0;

        r = s.q ? d : r;
        for (int i = 0; i < cnt; i++) {
            eset(&r, half + i, ns,
                 fpc_convert_fmt(env, eget(&n, i, ns + 1), from,
                                 from == FPF_D ? FPF_S : FPF_H));
        }
        vstore(env, s.rd, r, s.q ? 16 : 8);
        return;
    }
    case 0x36: {                /* FCVTXN/FCVTXN2 (and scalar): round to odd */
        int cnt = s.scalar ? 1 : 2, half = s.q && !s.scalar ? 2 : 0;

        r = half ? d : r;
        for (int i = 0; i < cnt; i++) {
            eset(&r, half + i, 2, fpc_convert_odd(env, eget(&n, i, 3)));
        }
        vstore(env, s.rd, r, s.scalar ? 4 : s.q ? 16 : 8);
        return;
    }
    case 0x17: {                /* FCVTL/FCVTL2: single -> double, half -> single */
        int to = s.size & 1 ? FPF_D : FPF_S, ns = s.size & 1 ? 2 : 1;
        int cnt = 8 >> ns, half = s.q ? cnt : 0;

        for (int i = 0; i < cnt; i++) {
            eset(&r, i, ns + 1,
                 fpc_convert_fmt(env, eget(&n, half + i, ns),
                                 to == FPF_D ? FPF_S : FPF_H, to));
        }
        vstore(env, s.rd, r, 16);
        return;
    }
    }
    for (int i = 0; i < elts; i++) {
        uint64_t a = eget(&n, i, fs), v;

        switch (op) {
        case 0x4f: v = a & ~sign; break;                            /* FABS */
        case 0x6f: v = a ^ sign; break;                             /* FNEG */
        case 0x7f: v = fpc_sqrt(env, a, dbl); break;                /* FSQRT */
        case 0x4c: v = fpc_compare_cond(env, a, zero, dbl, 2) ? ~0ull : 0; break;
        case 0x4d: v = fpc_compare_cond(env, a, zero, dbl, 0) ? ~0ull : 0; break;
        case 0x4e: v = fpc_compare_cond(env, zero, a, dbl, 2) ? ~0ull : 0; break;
        case 0x6c: v = fpc_compare_cond(env, a, zero, dbl, 1) ? ~0ull : 0; break;
        case 0x6d: v = fpc_compare_cond(env, zero, a, dbl, 1) ? ~0ull : 0; break;
        case 0x1d: v = fpc_from_int(env, (uint64_t)esget(&n, i, fs),
                                    dbl, 0, false); break;           /* SCVTF */
        case 0x3d: v = fpc_from_int(env, a, dbl, 0, true); break;    /* UCVTF */
        case 0x1a: case 0x1b: case 0x1c: case 0x5a: case 0x5b:
            v = fpc_to_int_w(env, a, dbl, rmode, 0, 8 << fs, false);
            break;
        case 0x3a: case 0x3b: case 0x3c: case 0x7a: case 0x7b:
            v = fpc_to_int_w(env, a, dbl, rmode, 0, 8 << fs, true);
            break;
        case 0x5d: v = fpc_recip_estimate(env, a, dbl); break;       /* FRECPE */
        case 0x7d: v = fpc_rsqrt_estimate(env, a, dbl); break;       /* FRSQRTE */
        case 0x5f: v = fpc_recpx(env, a, dbl); break;                /* FRECPX */
        case 0x5c:                                                   /* URECPE */
            v = (a >> 31) ? (uint64_t)recip_est9((unsigned)(a >> 23) & 0x1ff,
                                                 false) << 23
                          : 0xffffffffu;
            break;
        case 0x7c:                                                   /* URSQRTE */
            v = (a >> 30) ? (uint64_t)recip_est9((unsigned)(a >> 23) & 0x1ff,
                                                 true) << 23
                          : 0xffffffffu;
            break;
        case 0x1e: case 0x1f:                        /* FRINT32Z, FRINT64Z */
            v = fpc_round_int_n(env, a, dbl, FPROUND_ZERO,
                                op == 0x1e ? 32 : 64);
            break;
        case 0x3e: case 0x3f:                        /* FRINT32X, FRINT64X */
            v = fpc_round_int_n(env, a, dbl, fpcr_rmode(env),
                                op == 0x3e ? 32 : 64);
            break;
        default:    /* FRINT* (0x18/0x19/0x58/0x59/0x38/0x39/0x79) */
            v = fpc_round_int(env, a, dbl, rmode, (s.extra >> 3) & 1);
            break;
        }
        eset(&r, i, fs, v);
    }
    vstore(env, s.rd, r, bytes);
    (void)d;
}

/* ------------------------------------------------------------------ */
/* Multiplies by element, dot products, saturating doubling multiplies */

/*
 * One helper for the AdvSIMD "by element" group (vector and scalar) and
 * for the same operations with a vector second operand (three-same
 * extra: SQRDMLAH/SQRDMLSH/SDOT/UDOT; three-different: SQDMLAL/SQDMLSL/
 * SQDMULL).  op = opcode (15:12 of the by-element encoding) | U << 4;
 * size = element size (log2 bytes; for FP 2 = single, 3 = double);
 * extra bits 2:0 = index into Vm, bit 6 = Vm is a vector (no index).
 */
void helper_simd_elem(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    bool vec_m = (s.extra >> 6) & 1;
    int idx = s.extra & 7;
    int size = s.size, esize = 8 << size;
    int bytes = s.scalar ? 1 << size : (s.q ? 16 : 8);
    int elts = bytes >> size;

    switch (s.op) {
    case 0x02: case 0x12: case 0x06: case 0x16: case 0x0a: case 0x1a:
    case 0x03: case 0x07: case 0x0b: {
        /* Long: [SU]ML[AS]L, [SU]MULL, SQDML[AS]L, SQDMULL. */
        int half = (s.q && !s.scalar) ? 8 >> size : 0;
        int ws = size + 1;
        bool u = s.op & 0x10;

        elts = s.scalar ? 1 : 8 >> size;
        for (int i = 0; i < elts; i++) {
            int64_t a = u ? (int64_t)eget(&n, half + i, size)
                          : esget(&n, half + i, size);
            int j = vec_m ? half + i : idx;
            int64_t b = u ? (int64_t)eget(&m, j, size) : esget(&m, j, size);
            uint64_t acc = eget(&d, i, ws), p = (uint64_t)a * (uint64_t)b, v;

            switch (s.op & 0xf) {
            case 0x2: v = acc + p; break;
            case 0x6: v = acc - p; break;
            case 0xa: v = p; break;
            default: {
                /* 2 * a * b saturated, then the saturating accumulate */
                int64_t dp = (int64_t)sat_s(env, (__int128)a * b * 2, ws);
                int64_t sacc = esget(&d, i, ws);

                if (s.op == 0x03) {
                    v = sat_s(env, (__int128)sacc + dp, ws);
                } else if (s.op == 0x07) {
                    v = sat_s(env, (__int128)sacc - dp, ws);
                } else {
                    v = (uint64_t)dp;
                }
                break;
            }
            }
            eset(&r, i, ws, v);
        }
        vstore(env, s.rd, r, s.scalar ? 2 << size : 16);
        return;
    }
    case 0x0e: case 0x1e:       /* SDOT/UDOT: 4 bytes into each word */
        for (int i = 0; i < elts; i++) {
            uint32_t acc = (uint32_t)eget(&d, i, 2);

            for (int k = 0; k < 4; k++) {
                int j = (vec_m ? 4 * i : 4 * idx) + k;

                if (s.op == 0x1e) {
                    acc += (uint32_t)n.b[4 * i + k] * m.b[j];
                } else {
                    acc += (uint32_t)((int8_t)n.b[4 * i + k] *
                                      (int8_t)m.b[j]);
                }
            }
            eset(&r, i, 2, acc);
        }
        vstore(env, s.rd, r, bytes);
        return;
    }

    for (int i = 0; i < elts; i++) {
        int j = vec_m ? i : idx;
        uint64_t a = eget(&n, i, size), b = eget(&m, j, size);
        uint64_t acc = eget(&d, i, size), v;
        int64_t sa = esget(&n, i, size), sb = esget(&m, j, size);
        int dbl = size == 3 ? FPF_D : size == 2 ? FPF_S : FPF_H;
        uint64_t sign = 1ull << (esize - 1);

        switch (s.op) {
        case 0x01: v = fpc_muladd(env, acc, a, b, dbl); break;       /* FMLA */
        case 0x05: v = fpc_muladd(env, acc, a ^ sign, b, dbl); break; /* FMLS */
        case 0x09: v = fpc_binop(env, FPOP_MUL, a, b, dbl); break;
        case 0x19: v = fpc_binop(env, FPOP_MULX, a, b, dbl); break;
        case 0x08: v = a * b; break;                                  /* MUL */
        case 0x10: v = acc + a * b; break;                            /* MLA */
        case 0x14: v = acc - a * b; break;                            /* MLS */
        case 0x0c: case 0x0d: {                       /* SQ(R)DMULH */
            __int128 p = (__int128)sa * sb * 2;

            if (s.op == 0x0d) {
                p += (__int128)1 << (esize - 1);
            }
            v = sat_s(env, p >> esize, size);
            break;
        }
        default: {                                    /* SQRDMLAH/SQRDMLSH */
            __int128 p = (__int128)sa * sb * 2;
            __int128 x = (__int128)esget(&d, i, size) * ((__int128)1 << esize);

            x = s.op == 0x1d ? x + p : x - p;
            x += (__int128)1 << (esize - 1);
            v = sat_s(env, x >> esize, size);
            break;
        }
        }
        eset(&r, i, size, v);
    }
    vstore(env, s.rd, r, bytes);
}

/*
 * SCVTF/UCVTF/FCVTZS/FCVTZU with #fbits, vector and scalar: size =
 * element size (1 H, 2 S, 3 D), op 0 = to FP, 1 = to integer (rounding
 * towards zero), extra = fbits.
 */
void helper_simd_fp_fixed(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn);
    Vec r = { { 0, 0 } };
    int fs = s.size;
    int fmt = fs == 1 ? FPF_H : fs == 3 ? FPF_D : FPF_S;
    int bytes = s.scalar ? 1 << fs : (s.q ? 16 : 8);

    for (int i = 0; i < bytes >> fs; i++) {
        uint64_t v;

        if (s.op == 0) {
            v = fpc_from_int(env, s.u ? eget(&n, i, fs)
                                      : (uint64_t)esget(&n, i, fs),
                             fmt, s.extra, s.u);
        } else {
            v = fpc_to_int_w(env, eget(&n, i, fs), fmt, FPROUND_ZERO,
                             s.extra, 8 << fs, s.u);
        }
        eset(&r, i, fs, v);
    }
    vstore(env, s.rd, r, bytes);
}

/*
 * FCADD (op 0, rot = extra bit 4: 90 / 270) and FCMLA (op 1, rot = extra
 * bits 5:4: 0/90/180/270) on pairs of (real, imaginary) elements; size =
 * element size (1 H, 2 S, 3 D); FCMLA by element: extra bit 6 clear and
 * the pair index in extra bits 1:0, else Vm is a vector.
 */
void helper_simd_fcm(CPUArchState *cenv, uint32_t desc)
{
    CPUARMState *env = arm_env(cenv);
    SimdDesc s = unpack(desc);
    Vec n = vload(env, s.rn), m = vload(env, s.rm), d = vload(env, s.rd);
    Vec r = { { 0, 0 } };
    int fs = s.size, fmt = fs == 1 ? FPF_H : fs == 3 ? FPF_D : FPF_S;
    int bytes = s.q ? 16 : 8, pairs = (bytes >> fs) / 2;
    int rot = (s.extra >> 4) & 3;
    bool vec_m = (s.extra >> 6) & 1;
    uint64_t sign = 1ull << ((8 << fs) - 1);

    for (int e = 0; e < pairs; e++) {
        int j = vec_m ? e : (s.extra & 3);
        uint64_t n0 = eget(&n, 2 * e, fs), n1 = eget(&n, 2 * e + 1, fs);
        uint64_t m0 = eget(&m, 2 * j, fs), m1 = eget(&m, 2 * j + 1, fs);
        uint64_t re, im;

        if (s.op == 0) {                        /* FCADD */
            if (!(rot & 1)) {                   /* 90 */
                re = fpc_binop(env, FPOP_ADD, n0, m1 ^ sign, fmt);
                im = fpc_binop(env, FPOP_ADD, n1, m0, fmt);
            } else {                            /* 270 */
                re = fpc_binop(env, FPOP_ADD, n0, m1, fmt);
                im = fpc_binop(env, FPOP_ADD, n1, m0 ^ sign, fmt);
            }
        } else {                                /* FCMLA */
            uint64_t e1, e2, e3;

            switch (rot) {
            case 0: e1 = m0; e2 = n0; e3 = m1; break;
            case 1: e1 = m1 ^ sign; e2 = n1; e3 = m0; break;
            case 2: e1 = m0 ^ sign; e2 = n0; e3 = m1 ^ sign; break;
            default: e1 = m1; e2 = n1; e3 = m0 ^ sign; break;
            }
            re = fpc_muladd(env, eget(&d, 2 * e, fs), e2, e1, fmt);
            im = fpc_muladd(env, eget(&d, 2 * e + 1, fs), e2, e3, fmt);
        }
        eset(&r, 2 * e, fs, re);
        eset(&r, 2 * e + 1, fs, im);
    }
    vstore(env, s.rd, r, bytes);
}
