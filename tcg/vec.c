/*
 * Vector ops: which (op, vdesc) pairs are well formed, and the reference
 * implementation in C (include/tcg/tcg-vec.h).  The interpreter backend
 * runs vector ops with tcg_vec_eval; the JIT emits host code for them.
 *
 * Elements are little-endian within a slot (element i of size e occupies
 * bytes [i*e, (i+1)*e)), as AArch64's vector registers are laid out in
 * its CPU state on a little-endian host.
 */
#include <string.h>

#include "tcg/tcg-vec.h"

/* ------------------------------------------------------------------ */
/* Well-formedness                                                     */

static bool cond_ok(unsigned c)
{
    switch (c) {
    case TCG_COND_EQ: case TCG_COND_NE:
    case TCG_COND_LT: case TCG_COND_GE: case TCG_COND_LE: case TCG_COND_GT:
    case TCG_COND_LTU: case TCG_COND_GEU: case TCG_COND_LEU:
    case TCG_COND_GTU:
        return true;
    default:
        return false;
    }
}

bool tcg_vec_valid(TCGOpcode opc, uint32_t vdesc)
{
    unsigned vece = vdesc_vece(vdesc), imm = vdesc_imm(vdesc);
    unsigned bits = 8u << vece;
    bool q = vdesc_q(vdesc);

    if (opc >= NB_OPS || !(tcg_op_defs[opc].flags & TCG_OPF_VEC) ||
        (vdesc & ~0xff07u)) {
        return false;
    }
    switch (opc) {
    case INDEX_op_vec_not: case INDEX_op_vec_and: case INDEX_op_vec_or:
    case INDEX_op_vec_xor: case INDEX_op_vec_andc: case INDEX_op_vec_orc:
    case INDEX_op_vec_bitsel:
    case INDEX_op_vec_neg: case INDEX_op_vec_abs: case INDEX_op_vec_add:
    case INDEX_op_vec_sub: case INDEX_op_vec_smin: case INDEX_op_vec_smax:
    case INDEX_op_vec_umin: case INDEX_op_vec_umax:
        return imm == 0;
    case INDEX_op_vec_cnt: case INDEX_op_vec_tbl: case INDEX_op_vec_tbx:
        return vece == 0 && imm == 0;
    case INDEX_op_vec_mul:
        return vece <= 2 && imm == 0;
    case INDEX_op_vec_shli: case INDEX_op_vec_shri: case INDEX_op_vec_sari:
        return imm < bits;
    case INDEX_op_vec_rev:
        return vece < imm && imm <= 3;
    case INDEX_op_vec_shrn:
        return vece <= 2 && imm <= bits;
    case INDEX_op_vec_cmp:
        return cond_ok(imm);
    case INDEX_op_vec_addp: case INDEX_op_vec_smaxp: case INDEX_op_vec_sminp:
    case INDEX_op_vec_umaxp: case INDEX_op_vec_uminp:
    case INDEX_op_vec_zip1: case INDEX_op_vec_zip2: case INDEX_op_vec_uzp1:
    case INDEX_op_vec_uzp2: case INDEX_op_vec_trn1: case INDEX_op_vec_trn2:
        /* At least two elements. */
        return imm == 0 && vece < 3u + q;
    case INDEX_op_vec_ext:
        return imm < vdesc_oprsz(vdesc);
    default:
        return false;
    }
}

/* ------------------------------------------------------------------ */
/* Reference implementation                                            */

typedef struct VSlot {
    uint8_t b[TCG_VEC_BYTES];
} VSlot;

static uint64_t get(const VSlot *v, unsigned i, unsigned vece)
{
    uint64_t x = 0;

    memcpy(&x, v->b + (i << vece), 1u << vece);
    return x;
}

static int64_t sget(const VSlot *v, unsigned i, unsigned vece)
{
    unsigned sh = 64 - (8u << vece);

    return (int64_t)(get(v, i, vece) << sh) >> sh;
}

static void put(VSlot *v, unsigned i, unsigned vece, uint64_t x)
{
    memcpy(v->b + (i << vece), &x, 1u << vece);
}

static uint64_t pairwise(TCGOpcode opc, const VSlot *a, const VSlot *b,
                         unsigned i, unsigned n, unsigned vece)
{
    /* Element 2i and 2i+1 of the concatenation a:b (n elements each). */
    const VSlot *src = 2 * i < n ? a : b;
    unsigned j = (2 * i) % n;
    uint64_t x = get(src, j, vece), y = get(src, j + 1, vece);
    int64_t sx = sget(src, j, vece), sy = sget(src, j + 1, vece);

    switch (opc) {
    case INDEX_op_vec_addp: return x + y;
    case INDEX_op_vec_smaxp: return (uint64_t)(sx > sy ? sx : sy);
    case INDEX_op_vec_sminp: return (uint64_t)(sx < sy ? sx : sy);
    case INDEX_op_vec_umaxp: return x > y ? x : y;
    default: return x < y ? x : y;
    }
}

void tcg_vec_eval(TCGOpcode opc, uint32_t vdesc, void *base,
                  const intptr_t *ofs)
{
    unsigned vece = vdesc_vece(vdesc), imm = vdesc_imm(vdesc);
    unsigned oprsz = vdesc_oprsz(vdesc), n = oprsz >> vece;
    unsigned bits = 8u << vece;
    uint64_t emask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    int nslots = tcg_vec_nb_slots(opc);
    VSlot a = { { 0 } }, b = { { 0 } }, c = { { 0 } }, d, r = { { 0 } };
    uint8_t *dst = (uint8_t *)base + ofs[0];

    /* Copy the sources first: d may be one of them. */
    memcpy(d.b, dst, TCG_VEC_BYTES);
    memcpy(a.b, (uint8_t *)base + ofs[1], TCG_VEC_BYTES);
    if (nslots > 2) {
        memcpy(b.b, (uint8_t *)base + ofs[2], TCG_VEC_BYTES);
    }
    if (nslots > 3) {
        memcpy(c.b, (uint8_t *)base + ofs[3], TCG_VEC_BYTES);
    }

    switch (opc) {
    case INDEX_op_vec_shrn:
        /* 8 bytes of results from the 16 bytes of a. */
        if (vdesc_q(vdesc)) {
            memcpy(r.b, d.b, 8);
        }
        for (unsigned i = 0; i < (8u >> vece); i++) {
            uint64_t x = get(&a, i, vece + 1);
            put(&r, i + (vdesc_q(vdesc) ? 8u >> vece : 0), vece,
                (imm >= 64 ? 0 : x >> imm) & emask);
        }
        memcpy(dst, r.b, TCG_VEC_BYTES);
        return;
    case INDEX_op_vec_tbl:
    case INDEX_op_vec_tbx:
        for (unsigned i = 0; i < oprsz; i++) {
            unsigned idx = b.b[i];
            r.b[i] = idx < 16 ? a.b[idx]
                     : opc == INDEX_op_vec_tbx ? d.b[i] : 0;
        }
        memcpy(dst, r.b, TCG_VEC_BYTES);
        return;
    case INDEX_op_vec_ext:
        for (unsigned i = 0; i < oprsz; i++) {
            unsigned j = imm + i;
            r.b[i] = j < oprsz ? a.b[j] : b.b[j - oprsz];
        }
        memcpy(dst, r.b, TCG_VEC_BYTES);
        return;
    case INDEX_op_vec_rev:
        for (unsigned i = 0; i < n; i++) {
            unsigned per = (1u << imm) >> vece;
            unsigned j = i - i % per + (per - 1 - i % per);
            put(&r, j, vece, get(&a, i, vece));
        }
        memcpy(dst, r.b, TCG_VEC_BYTES);
        return;
    default:
        break;
    }

    for (unsigned i = 0; i < n; i++) {
        uint64_t x = get(&a, i, vece), y = get(&b, i, vece), v;
        int64_t sx = sget(&a, i, vece), sy = sget(&b, i, vece);

        switch (opc) {
        case INDEX_op_vec_not: v = ~x; break;
        case INDEX_op_vec_neg: v = -x; break;
        case INDEX_op_vec_abs: v = sx < 0 ? -x : x; break;
        case INDEX_op_vec_cnt: v = (uint64_t)__builtin_popcountll(x); break;
        case INDEX_op_vec_shli: v = x << imm; break;
        case INDEX_op_vec_shri: v = x >> imm; break;
        case INDEX_op_vec_sari: v = (uint64_t)(sx >> imm); break;
        case INDEX_op_vec_and: v = x & y; break;
        case INDEX_op_vec_or: v = x | y; break;
        case INDEX_op_vec_xor: v = x ^ y; break;
        case INDEX_op_vec_andc: v = x & ~y; break;
        case INDEX_op_vec_orc: v = x | ~y; break;
        case INDEX_op_vec_add: v = x + y; break;
        case INDEX_op_vec_sub: v = x - y; break;
        case INDEX_op_vec_mul: v = x * y; break;
        case INDEX_op_vec_smin: v = (uint64_t)(sx < sy ? sx : sy); break;
        case INDEX_op_vec_smax: v = (uint64_t)(sx > sy ? sx : sy); break;
        case INDEX_op_vec_umin: v = x < y ? x : y; break;
        case INDEX_op_vec_umax: v = x > y ? x : y; break;
        case INDEX_op_vec_cmp: {
            bool t;
            switch ((TCGCond)imm) {
            case TCG_COND_EQ: t = x == y; break;
            case TCG_COND_NE: t = x != y; break;
            case TCG_COND_LT: t = sx < sy; break;
            case TCG_COND_GE: t = sx >= sy; break;
            case TCG_COND_LE: t = sx <= sy; break;
            case TCG_COND_GT: t = sx > sy; break;
            case TCG_COND_LTU: t = x < y; break;
            case TCG_COND_GEU: t = x >= y; break;
            case TCG_COND_LEU: t = x <= y; break;
            default: t = x > y; break;
            }
            v = t ? ~0ull : 0;
            break;
        }
        case INDEX_op_vec_bitsel:
            v = (y & x) | (get(&c, i, vece) & ~x);
            break;
        case INDEX_op_vec_addp: case INDEX_op_vec_smaxp:
        case INDEX_op_vec_sminp: case INDEX_op_vec_umaxp:
        case INDEX_op_vec_uminp:
            v = pairwise(opc, &a, &b, i, n, vece);
            break;
        case INDEX_op_vec_zip1:
        case INDEX_op_vec_zip2: {
            unsigned j = i / 2 + (opc == INDEX_op_vec_zip2 ? n / 2 : 0);
            v = get(i & 1 ? &b : &a, j, vece);
            break;
        }
        case INDEX_op_vec_uzp1:
        case INDEX_op_vec_uzp2: {
            unsigned j = 2 * i + (opc == INDEX_op_vec_uzp2);
            v = get(j < n ? &a : &b, j % n, vece);
            break;
        }
        case INDEX_op_vec_trn1:
        case INDEX_op_vec_trn2: {
            unsigned j = (i & ~1u) + (opc == INDEX_op_vec_trn2);
            v = get(i & 1 ? &b : &a, j, vece);
            break;
        }
        default:
            v = 0;
            break;
        }
        put(&r, i, vece, v & emask);
    }
    memcpy(dst, r.b, TCG_VEC_BYTES);
}
