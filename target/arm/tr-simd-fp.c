/*
 * A64 decoder table of the "data processing -- scalar FP and AdvSIMD"
 * class (op0 = x111), see target/arm/translate.h.  Scalar FP (bit 30 = 0,
 * bits 28:24 = 1111x) goes on to tr-fp.c's table; the AdvSIMD groups are
 * here.
 *
 * Register moves, MOVI/MVNI/ORR/BIC immediate and the logical three-same
 * forms are done inline on the two 64-bit halves; the other element-wise
 * groups call one helper per group (simd_helper.c) that works on
 * env->vregs.  A 64-bit (Q = 0) or scalar result zeroes the top of Vd.
 *
 * Groups done: copy, modified immediate (incl. FMOV half), three same
 * (integer and FP, incl. FRECPS/FRSQRTS), three same FP16, three same
 * extra (SQRDMLAH/SH, SDOT/UDOT, FCMLA, FCADD), two-reg misc (integer
 * and FP incl. the estimates, FRINT32/64, FCVTXN, half forms), two-reg
 * misc FP16, across lanes, scalar pairwise, three different (all, with
 * PMULL.1Q), scalar three different, shift by immediate (incl. the
 * fixed-point conversions), vector/scalar x indexed element, permute,
 * EXT, TBL/TBX; each with its scalar form.  Crypto: tr-crypto.c.
 * Not done (SIGILL): FHM, BF16, I8MM.
 */
#include "target/arm/translate.h"
#include "target/arm/tr-simd.h"

extern const A64Pattern a64_fp_patterns[];

#define SIMD_DESC(rd, rn, rm, size, q, u, op, scalar, extra)               \
    ((uint32_t)(rd) | (uint32_t)(rn) << 5 | (uint32_t)(rm) << 10 |         \
     (uint32_t)(size) << 15 | (uint32_t)(q) << 17 | (uint32_t)(u) << 18 |  \
     (uint32_t)(op) << 19 | (uint32_t)(scalar) << 24 |                     \
     (uint32_t)(extra) << 25)


/* Element idx of size (log2 bytes) of Vn, zero- or sign-extended. */
static void ld_elt(TCGv_i64 v, int n, int idx, int size, bool sign)
{
    intptr_t o = vreg_ofs(n, idx << size);

    switch (size) {
    case 0:
        sign ? tcg_gen_ld8s_i64(v, tcg_env, o) : tcg_gen_ld8u_i64(v, tcg_env, o);
        break;
    case 1:
        sign ? tcg_gen_ld16s_i64(v, tcg_env, o)
             : tcg_gen_ld16u_i64(v, tcg_env, o);
        break;
    case 2:
        sign ? tcg_gen_ld32s_i64(v, tcg_env, o)
             : tcg_gen_ld32u_i64(v, tcg_env, o);
        break;
    default:
        tcg_gen_ld_i64(v, tcg_env, o);
        break;
    }
}

static void st_elt(TCGv_i64 v, int n, int idx, int size)
{
    intptr_t o = vreg_ofs(n, idx << size);

    switch (size) {
    case 0:
        tcg_gen_st8_i64(v, tcg_env, o);
        break;
    case 1:
        tcg_gen_st16_i64(v, tcg_env, o);
        break;
    case 2:
        tcg_gen_st32_i64(v, tcg_env, o);
        break;
    default:
        tcg_gen_st_i64(v, tcg_env, o);
        break;
    }
}

static void clear_high(int n)
{
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_ofs(n, 8));
}

/* Vd = the 64-bit pattern v in both halves (Q) or the low half. */
static void st_dup64(TCGv_i64 v, int rd, bool q)
{
    tcg_gen_st_i64(v, tcg_env, vreg_ofs(rd, 0));
    if (q) {
        tcg_gen_st_i64(v, tcg_env, vreg_ofs(rd, 8));
    } else {
        clear_high(rd);
    }
}

/* Replicate the low element of size across 64 bits (v is zero-extended). */
static void gen_dup_bits(TCGv_i64 v, int size)
{
    static const uint64_t rep[4] = {
        0x0101010101010101ull, 0x0001000100010001ull,
        0x0000000100000001ull, 1,
    };

    if (size < 3) {
        tcg_gen_muli_i64(v, v, (int64_t)rep[size]);
    }
}

static uint64_t dup_const(int size, uint64_t x)
{
    switch (size) {
    case 0:
        return (x & 0xff) * 0x0101010101010101ull;
    case 1:
        return (x & 0xffff) * 0x0001000100010001ull;
    case 2:
        return (x & 0xffffffffull) * 0x0000000100000001ull;
    default:
        return x;
    }
}

static void call_simd(void (*gen)(TCGv_ptr, TCGv_i32), uint32_t desc)
{
    gen(tcg_env, tcg_constant_i32((int32_t)desc));
}

static bool dispatch(const A64Pattern *p, DisasContext *s, uint32_t insn)
{
    for (; p->trans; p++) {
        if ((insn & p->mask) == p->value) {
            return p->trans(s, insn);
        }
    }
    return false;
}

static bool trans_fp_class(DisasContext *s, uint32_t insn)
{
    return dispatch(a64_fp_patterns, s, insn);
}

static bool trans_crypto_class(DisasContext *s, uint32_t insn)
{
    return dispatch(a64_crypto_patterns, s, insn);
}

/* ------------------------------------------------------------------ */
/* AdvSIMD copy                                                        */

static bool trans_copy(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1);
    bool op = extract32(insn, 29, 1);
    int imm5 = extract32(insn, 16, 5);
    int imm4 = extract32(insn, 11, 4);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int size = imm5 ? __builtin_ctz(imm5) : 4;
    int idx;
    TCGv_i64 t;

    if (size > 3) {
        return false;
    }
    idx = imm5 >> (size + 1);
    t = new_tmp_a64(s);
    if (op) {                           /* INS (element) */
        if (!q) {
            return false;
        }
        ld_elt(t, rn, imm4 >> size, size, false);
        st_elt(t, rd, idx, size);
        return true;
    }
    switch (imm4) {
    case 0:                             /* DUP (element) */
        if (size == 3 && !q) {
            return false;
        }
        ld_elt(t, rn, idx, size, false);
        gen_dup_bits(t, size);
        st_dup64(t, rd, q);
        return true;
    case 1:                             /* DUP (general) */
        if (size == 3 && !q) {
            return false;
        }
        t = read_cpu_reg(s, rn, true);
        switch (size) {
        case 0: tcg_gen_ext8u_i64(t, t); break;
        case 1: tcg_gen_ext16u_i64(t, t); break;
        case 2: tcg_gen_ext32u_i64(t, t); break;
        }
        gen_dup_bits(t, size);
        st_dup64(t, rd, q);
        return true;
    case 3:                             /* INS (general) */
        if (!q) {
            return false;
        }
        st_elt(read_cpu_reg(s, rn, true), rd, idx, size);
        return true;
    case 5:                             /* SMOV */
        if (size == 3 || (size == 2 && !q)) {
            return false;
        }
        ld_elt(t, rn, idx, size, true);
        if (!q) {
            tcg_gen_ext32u_i64(t, t);
        }
        tcg_gen_mov_i64(cpu_reg(s, rd), t);
        return true;
    case 7:                             /* UMOV */
        if (q ? size != 3 : size == 3) {
            return false;
        }
        ld_elt(cpu_reg(s, rd), rn, idx, size, false);
        return true;
    }
    return false;
}

/* DUP (element), scalar: MOV Bd/Hd/Sd/Dd, Vn.T[i]. */
static bool trans_scalar_copy(DisasContext *s, uint32_t insn)
{
    int imm5 = extract32(insn, 16, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int size = imm5 ? __builtin_ctz(imm5) : 4;
    TCGv_i64 t;

    if (extract32(insn, 29, 1) || extract32(insn, 11, 4) != 0 || size > 3) {
        return false;
    }
    t = new_tmp_a64(s);
    ld_elt(t, rn, imm5 >> (size + 1), size, false);
    tcg_gen_st_i64(t, tcg_env, vreg_ofs(rd, 0));
    clear_high(rd);
    return true;
}

/* ------------------------------------------------------------------ */
/* AdvSIMD modified immediate                                          */

/* VFPExpandImm: imm8 = a:b:cd:efgh to a single (d = 0), double (1) or
 * half (2). */
uint64_t a64_vfp_expand_imm(int imm8, int d);
uint64_t a64_vfp_expand_imm(int imm8, int d)
{
    uint64_t a = (imm8 >> 7) & 1, b = (imm8 >> 6) & 1;
    uint64_t cd = (imm8 >> 4) & 3, efgh = imm8 & 15;

    if (d == 2) {
        return a << 15 | (b ^ 1) << 14 | (b ? 3ull : 0) << 12
               | cd << 10 | efgh << 6;
    }
    if (d) {
        return a << 63 | (b ^ 1) << 62 | (b ? 0xffull : 0) << 54
               | cd << 52 | efgh << 48;
    }
    return a << 31 | (b ^ 1) << 30 | (b ? 0x1full : 0) << 25
           | cd << 23 | efgh << 19;
}

static bool trans_modimm(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1);
    bool op = extract32(insn, 29, 1);
    int cmode = extract32(insn, 12, 4);
    bool o2 = extract32(insn, 11, 1);
    int rd = extract32(insn, 0, 5);
    uint64_t imm8 = extract32(insn, 16, 3) << 5 | extract32(insn, 5, 5);
    uint64_t imm;
    bool orr_bic = false;

    if (o2) {                   /* FMOV (vector, half precision) */
        if (op || cmode != 0xf || !arm_feature(s->env, ARM_FEATURE_ASIMDHP)) {
            return false;
        }
        st_dup64(tcg_constant_i64((int64_t)dup_const(
                     1, a64_vfp_expand_imm((int)imm8, 2))), rd, q);
        return true;
    }
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:     /* 32-bit, shifted */
        imm = dup_const(2, imm8 << (8 * (cmode >> 1)));
        orr_bic = cmode & 1;
        break;
    case 4: case 5:                     /* 16-bit, shifted */
        imm = dup_const(1, imm8 << (8 * ((cmode >> 1) & 1)));
        orr_bic = cmode & 1;
        break;
    case 6:                             /* 32-bit, shifting ones */
        imm = dup_const(2, cmode & 1 ? (imm8 << 16) | 0xffff
                                     : (imm8 << 8) | 0xff);
        break;
    default:
        if (!(cmode & 1)) {
            if (!op) {
                imm = dup_const(0, imm8);       /* MOVI 8-bit */
            } else {
                imm = 0;                        /* MOVI 64-bit */
                for (int i = 0; i < 8; i++) {
                    if (imm8 & (1u << i)) {
                        imm |= 0xffull << (8 * i);
                    }
                }
            }
            op = false;                         /* no inversion */
        } else if (!op) {
            imm = dup_const(2, a64_vfp_expand_imm((int)imm8, false));
        } else {
            if (!q) {
                return false;
            }
            imm = a64_vfp_expand_imm((int)imm8, true);
            op = false;
        }
        break;
    }

    if (orr_bic) {
        /* ORR (op = 0) / BIC (op = 1) on each half */
        TCGv_i64 t = new_tmp_a64(s);

        for (int h = 0; h < (q ? 2 : 1); h++) {
            tcg_gen_ld_i64(t, tcg_env, vreg_ofs(rd, 8 * h));
            if (op) {
                tcg_gen_andi_i64(t, t, (int64_t)~imm);
            } else {
                tcg_gen_ori_i64(t, t, (int64_t)imm);
            }
            tcg_gen_st_i64(t, tcg_env, vreg_ofs(rd, 8 * h));
        }
        if (!q) {
            clear_high(rd);
        }
        return true;
    }
    if (op) {
        imm = ~imm;                     /* MVNI */
    }
    st_dup64(tcg_constant_i64((int64_t)imm), rd, q);
    return true;
}

/* ------------------------------------------------------------------ */
/* Three same                                                          */

/* half: the FP16 encoding (a = bit 23, opcode 13:11 = the single
 * precision opcode's low bits). */
static bool fp_3same(DisasContext *s, uint32_t insn, bool scalar, bool half)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = half ? extract32(insn, 23, 1) << 1 : extract32(insn, 22, 2);
    int opcode = half ? 0x18 | extract32(insn, 11, 3) : extract32(insn, 11, 5);
    int op = opcode | u << 5 | (size >> 1) << 6;
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (scalar) {
        switch (op) {
        case 0x1b: case 0x1c: case 0x3c: case 0x3d:
        case 0x7a: case 0x7c: case 0x7d: case 0x1f: case 0x5f:
            break;
        default:
            return false;
        }
    } else {
        switch (op) {
        case 0x18: case 0x19: case 0x1a: case 0x1b: case 0x1c: case 0x1e:
        case 0x58: case 0x59: case 0x5a: case 0x5e:
        case 0x38: case 0x3a: case 0x3b: case 0x3c: case 0x3d: case 0x3e:
        case 0x3f: case 0x78: case 0x7a: case 0x7c: case 0x7d: case 0x7e:
        case 0x1f: case 0x5f:                   /* FRECPS, FRSQRTS */
            break;
        default:
            return false;
        }
        if ((size & 1) && !q) {
            return false;
        }
    }
    call_simd(gen_helper_simd_fp_3same,
              SIMD_DESC(rd, rn, rm, size, q, u, opcode, scalar, half));
    return true;
}

static bool trans_fp16_3same(DisasContext *s, uint32_t insn)
{
    return arm_feature(s->env, ARM_FEATURE_ASIMDHP) &&
           fp_3same(s, insn, false, true);
}

static bool trans_scalar_fp16_3same(DisasContext *s, uint32_t insn)
{
    return arm_feature(s->env, ARM_FEATURE_ASIMDHP) &&
           fp_3same(s, insn, true, true);
}

static bool logic_3same(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);
    TCGv_i64 n, m, d, t;

    if (simd_vec_logic(size, u, q, rd, rn, rm)) {
        return true;
    }
    n = new_tmp_a64(s);
    m = new_tmp_a64(s);
    d = new_tmp_a64(s);
    t = new_tmp_a64(s);
    for (int h = 0; h < (q ? 2 : 1); h++) {
        tcg_gen_ld_i64(n, tcg_env, vreg_ofs(rn, 8 * h));
        tcg_gen_ld_i64(m, tcg_env, vreg_ofs(rm, 8 * h));
        switch (u << 2 | size) {
        case 0: tcg_gen_and_i64(d, n, m); break;        /* AND */
        case 1: tcg_gen_andc_i64(d, n, m); break;       /* BIC */
        case 2: tcg_gen_or_i64(d, n, m); break;         /* ORR */
        case 3: tcg_gen_orc_i64(d, n, m); break;        /* ORN */
        case 4: tcg_gen_xor_i64(d, n, m); break;        /* EOR */
        case 5:                                         /* BSL: m ^ ((n ^ m) & d) */
            tcg_gen_ld_i64(d, tcg_env, vreg_ofs(rd, 8 * h));
            tcg_gen_xor_i64(t, n, m);
            tcg_gen_and_i64(t, t, d);
            tcg_gen_xor_i64(d, m, t);
            break;
        case 6:                                         /* BIT: d ^ ((d ^ n) & m) */
            tcg_gen_ld_i64(d, tcg_env, vreg_ofs(rd, 8 * h));
            tcg_gen_xor_i64(t, d, n);
            tcg_gen_and_i64(t, t, m);
            tcg_gen_xor_i64(d, d, t);
            break;
        default:                                        /* BIF: d ^ ((d ^ n) & ~m) */
            tcg_gen_ld_i64(d, tcg_env, vreg_ofs(rd, 8 * h));
            tcg_gen_xor_i64(t, d, n);
            tcg_gen_andc_i64(t, t, m);
            tcg_gen_xor_i64(d, d, t);
            break;
        }
        tcg_gen_st_i64(d, tcg_env, vreg_ofs(rd, 8 * h));
    }
    if (!q) {
        clear_high(rd);
    }
    return true;
}

static bool do_3same(DisasContext *s, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 11, 5);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (opcode >= 0x18) {
        return fp_3same(s, insn, scalar, false);
    }
    if (scalar) {
        switch (opcode) {
        case 0x01: case 0x05: case 0x09: case 0x0b:     /* saturating */
            break;
        case 0x06: case 0x07: case 0x08: case 0x0a: case 0x10: case 0x11:
            if (size != 3) {
                return false;
            }
            break;
        case 0x16:                                      /* SQ(R)DMULH */
            if (size == 0 || size == 3) {
                return false;
            }
            break;
        default:
            return false;
        }
    } else {
        if (opcode == 0x03) {
            return logic_3same(s, insn);
        }
        if (size == 3 && !q) {
            return false;
        }
        switch (opcode) {
        case 0x00: case 0x02: case 0x04: case 0x0c: case 0x0d: case 0x0e:
        case 0x0f: case 0x12: case 0x14: case 0x15:
            if (size == 3) {
                return false;
            }
            break;
        case 0x13:                                      /* MUL / PMUL */
            if (size == 3 || (u && size != 0)) {
                return false;
            }
            break;
        case 0x16:
            if (size == 0 || size == 3) {
                return false;
            }
            break;
        case 0x17:                                      /* ADDP */
            if (u) {
                return false;
            }
            break;
        }
    }
    if (simd_vec_3same(opcode, u, size, q, scalar, rd, rn, rm)) {
        return true;
    }
    call_simd(gen_helper_simd_3same,
              SIMD_DESC(rd, rn, rm, size, q, u, opcode, scalar, 0));
    return true;
}

static bool trans_3same(DisasContext *s, uint32_t insn)
{
    return do_3same(s, insn, false);
}

static bool trans_scalar_3same(DisasContext *s, uint32_t insn)
{
    return do_3same(s, insn, true);
}

/* ------------------------------------------------------------------ */
/* Two-register miscellaneous                                          */

static bool fp_2misc(DisasContext *s, uint32_t insn, bool scalar, bool half)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = half ? extract32(insn, 23, 1) << 1 : extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 5);
    int op = opcode | u << 5 | (size >> 1) << 6;
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int extra = 0;
    bool need_q = true;        /* double elements need Q = 1 (vector) */

    switch (op) {
    case 0x4c: case 0x4d: case 0x4e: case 0x6c: case 0x6d:
        break;                                  /* compares with zero */
    case 0x4f: case 0x6f: case 0x7f:            /* FABS, FNEG, FSQRT */
        if (scalar) {
            return false;
        }
        break;
    case 0x16: case 0x17:                       /* FCVTN, FCVTL */
        if (scalar || half) {
            return false;
        }
        need_q = false;
        break;
    case 0x18: extra = 0; goto frint;           /* FRINTN */
    case 0x19: extra = 2; goto frint;           /* FRINTM */
    case 0x58: extra = 1; goto frint;           /* FRINTP */
    case 0x59: extra = 3; goto frint;           /* FRINTZ */
    case 0x38: extra = 4; goto frint;           /* FRINTA */
    case 0x39: extra = 7 | 8; goto frint;       /* FRINTX */
    case 0x79: extra = 7; goto frint;           /* FRINTI */
    frint:
        if (scalar) {
            return false;
        }
        break;
    case 0x1a: case 0x3a: extra = 0; break;     /* FCVTNS/NU */
    case 0x1b: case 0x3b: extra = 2; break;     /* FCVTMS/MU */
    case 0x1c: case 0x3c: extra = 4; break;     /* FCVTAS/AU */
    case 0x5a: case 0x7a: extra = 1; break;     /* FCVTPS/PU */
    case 0x5b: case 0x7b: extra = 3; break;     /* FCVTZS/ZU */
    case 0x1d: case 0x3d: break;                /* SCVTF/UCVTF */
    case 0x5d: case 0x7d: break;                /* FRECPE, FRSQRTE */
    case 0x5f:                                  /* FRECPX */
        if (!scalar) {
            return false;
        }
        break;
    case 0x5c: case 0x7c:                       /* URECPE, URSQRTE */
        if (scalar || half || (size & 1)) {
            return false;
        }
        break;
    case 0x1e: case 0x3e: case 0x1f: case 0x3f: /* FRINT32Z/X, FRINT64Z/X */
        if (scalar || half || !arm_feature(s->env, ARM_FEATURE_FRINT)) {
            return false;
        }
        break;
    case 0x36:                                  /* FCVTXN */
        if (half || !(size & 1)) {
            return false;
        }
        need_q = false;
        break;
    default:
        return false;
    }
    if (!scalar && need_q && (size & 1) && !q) {
        return false;
    }
    call_simd(gen_helper_simd_fp_2misc,
              SIMD_DESC(rd, rn, 0, size, q, u, opcode, scalar,
                        extra | half << 4));
    return true;
}

static bool trans_fp16_2misc(DisasContext *s, uint32_t insn)
{
    return arm_feature(s->env, ARM_FEATURE_ASIMDHP) &&
           fp_2misc(s, insn, false, true);
}

static bool trans_scalar_fp16_2misc(DisasContext *s, uint32_t insn)
{
    return arm_feature(s->env, ARM_FEATURE_ASIMDHP) &&
           fp_2misc(s, insn, true, true);
}

static bool do_2misc(DisasContext *s, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int op = opcode | u << 5;

    if ((opcode >= 0x0c && opcode <= 0x0f && (size & 2))
        || opcode == 0x16 || opcode == 0x17 || opcode >= 0x18) {
        return fp_2misc(s, insn, scalar, false);
    }
    if (scalar) {
        switch (op) {
        case 0x03: case 0x23: case 0x07: case 0x27:
            break;
        case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a:
        case 0x0b: case 0x2b:
            if (size != 3) {
                return false;
            }
            break;
        case 0x14: case 0x34: case 0x32:
            if (size == 3) {
                return false;
            }
            break;
        default:
            return false;
        }
    } else {
        switch (op) {
        case 0x00:                                      /* REV64 */
            if (size == 3) {
                return false;
            }
            break;
        case 0x01:                                      /* REV16 */
            if (size != 0) {
                return false;
            }
            break;
        case 0x20:                                      /* REV32 */
            if (size >= 2) {
                return false;
            }
            break;
        case 0x02: case 0x22: case 0x06: case 0x26:     /* ADDLP, ADALP */
        case 0x04: case 0x24:                           /* CLS, CLZ */
        case 0x12: case 0x32: case 0x14: case 0x34:     /* XTN family */
        case 0x33:                                      /* SHLL */
            if (size == 3) {
                return false;
            }
            break;
        case 0x05:                                      /* CNT */
            if (size != 0) {
                return false;
            }
            break;
        case 0x25:                                      /* NOT, RBIT */
            if (size >= 2) {
                return false;
            }
            if (size == 1) {
                opcode = 0x1f;                          /* RBIT (helper op) */
                size = 0;
            }
            break;
        case 0x03: case 0x23: case 0x07: case 0x27:
        case 0x08: case 0x28: case 0x09: case 0x29: case 0x0a:
        case 0x0b: case 0x2b:
            if (size == 3 && !q) {
                return false;
            }
            break;
        default:
            return false;
        }
    }
    /* (opcode 0x1f: RBIT, renumbered above) */
    if (opcode != 0x1f && simd_vec_2misc(op, size, q, scalar, rd, rn)) {
        return true;
    }
    call_simd(gen_helper_simd_2misc,
              SIMD_DESC(rd, rn, 0, size, q, u, opcode, scalar, 0));
    return true;
}

static bool trans_2misc(DisasContext *s, uint32_t insn)
{
    return do_2misc(s, insn, false);
}

static bool trans_scalar_2misc(DisasContext *s, uint32_t insn)
{
    return do_2misc(s, insn, true);
}

/* ------------------------------------------------------------------ */
/* Across lanes, scalar pairwise                                       */

static bool trans_across(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);

    switch (opcode) {
    case 0x03: case 0x0a: case 0x1a:
        break;
    case 0x1b:
        if (u) {
            return false;
        }
        break;
    case 0x0c: case 0x0f:       /* FMAXNMV/FMINNMV, FMAXV/FMINV */
        if (size & 1) {
            return false;
        }
        if (!u) {               /* 4H/8H (FP16) */
            if (!arm_feature(s->env, ARM_FEATURE_ASIMDHP)) {
                return false;
            }
        } else if (!q) {
            return false;
        }
        call_simd(gen_helper_simd_across,
                  SIMD_DESC(rd, rn, 0, size, q, u, opcode, 0, 0));
        return true;
    default:
        return false;
    }
    if (size == 3 || (size == 2 && !q)) {
        return false;
    }
    call_simd(gen_helper_simd_across,
              SIMD_DESC(rd, rn, 0, size, q, u, opcode, 0, 0));
    return true;
}

static bool trans_scalar_pairwise(DisasContext *s, uint32_t insn)
{
    bool u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);

    if (!u && opcode != 0x1b) {
        /* FP16: FMAXNMP/FADDP/FMAXP (size<1> = min), sz must be 0 */
        if ((opcode != 0x0c && opcode != 0x0d && opcode != 0x0f) ||
            (size & 1) || (opcode == 0x0d && size != 0) ||
            !arm_feature(s->env, ARM_FEATURE_ASIMDHP)) {
            return false;
        }
    } else if (!u) {
        if (size != 3) {
            return false;
        }
    } else {
        if (opcode == 0x0d ? size >= 2 : (opcode != 0x0c && opcode != 0x0f)) {
            return false;
        }
    }
    call_simd(gen_helper_simd_pairwise_scalar,
              SIMD_DESC(rd, rn, 0, size, 0, u, opcode, 1, 0));
    return true;
}

/* ------------------------------------------------------------------ */
/* By element, three same extra, scalar three different                */

static void call_elem(int rd, int rn, int rm, int size, bool q, int op,
                      bool scalar, int extra)
{
    call_simd(gen_helper_simd_elem,
              SIMD_DESC(rd, rn, rm, size, q, 0, op, scalar, extra));
}

/* Element of Vm is Vm[idx]: extra = idx; whole Vm: ELEM_VEC. */
#define ELEM_VEC 0x40

static bool do_elem(DisasContext *s, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int l = extract32(insn, 21, 1), mbit = extract32(insn, 20, 1);
    int rm = extract32(insn, 16, 4), h = extract32(insn, 11, 1);
    int opcode = extract32(insn, 12, 4);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int op = opcode | u << 4;
    int idx;

    switch (op) {
    case 0x01: case 0x05: case 0x09: case 0x19:     /* FMLA/FMLS/FMUL/FMULX */
        if (size == 1) {
            return false;
        }
        if (size == 0) {                            /* half precision */
            if (!arm_feature(s->env, ARM_FEATURE_ASIMDHP)) {
                return false;
            }
            call_elem(rd, rn, rm, 1, q, op, scalar, h << 2 | l << 1 | mbit);
            return true;
        }
        if (size == 3) {
            if (l || (!q && !scalar)) {
                return false;
            }
            idx = h;
        } else {
            idx = h << 1 | l;
        }
        call_elem(rd, rn, mbit << 4 | rm, size, q, op, scalar, idx);
        return true;
    case 0x08: case 0x10: case 0x14:                /* MUL, MLA, MLS */
    case 0x02: case 0x12: case 0x06: case 0x16: case 0x0a: case 0x1a:
        if (scalar) {
            return false;
        }
        break;
    case 0x0c: case 0x0d:                           /* SQDMULH, SQRDMULH */
    case 0x03: case 0x07: case 0x0b:                /* SQDMLAL/SLS/ULL */
        break;
    case 0x1d: case 0x1f:                           /* SQRDMLAH/SH */
        if (!arm_feature(s->env, ARM_FEATURE_ASIMDRDM)) {
            return false;
        }
        break;
    case 0x11: case 0x13: case 0x15: case 0x17:     /* FCMLA by element */
        if (scalar || !arm_feature(s->env, ARM_FEATURE_FCMA)) {
            return false;
        }
        if (size == 1 && arm_feature(s->env, ARM_FEATURE_ASIMDHP) &&
            (q || !h)) {
            idx = h << 1 | l;
        } else if (size == 2 && !l && q) {
            idx = h;
        } else {
            return false;
        }
        call_simd(gen_helper_simd_fcm,
                  SIMD_DESC(rd, rn, mbit << 4 | rm, size, q, 0, 1, 0,
                            idx | ((opcode >> 1) & 3) << 4));
        return true;
    case 0x0e: case 0x1e:                           /* SDOT/UDOT */
        if (scalar || size != 2 || !arm_feature(s->env, ARM_FEATURE_ASIMDDP)) {
            return false;
        }
        call_elem(rd, rn, mbit << 4 | rm, 2, q, op, false, h << 1 | l);
        return true;
    default:
        return false;           /* FMLAL/FCMLA/SUDOT/BFDOT...: not done */
    }
    if (size == 1) {
        idx = h << 2 | l << 1 | mbit;
    } else if (size == 2) {
        idx = h << 1 | l;
        rm |= mbit << 4;
    } else {
        return false;
    }
    call_elem(rd, rn, rm, size, q, op, scalar, idx);
    return true;
}

static bool trans_elem(DisasContext *s, uint32_t insn)
{
    return do_elem(s, insn, false);
}

static bool trans_scalar_elem(DisasContext *s, uint32_t insn)
{
    return do_elem(s, insn, true);
}

static bool do_3same_extra(DisasContext *s, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 11, 4);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    switch (opcode) {
    case 0: case 1:                                 /* SQRDMLAH/SQRDMLSH */
        if (!u || size == 0 || size == 3 ||
            !arm_feature(s->env, ARM_FEATURE_ASIMDRDM)) {
            return false;
        }
        call_elem(rd, rn, rm, size, q, opcode ? 0x1f : 0x1d, scalar,
                  ELEM_VEC);
        return true;
    case 2:                                         /* SDOT/UDOT */
        if (scalar || size != 2 || !arm_feature(s->env, ARM_FEATURE_ASIMDDP)) {
            return false;
        }
        call_elem(rd, rn, rm, 2, q, u ? 0x1e : 0x0e, false, ELEM_VEC);
        return true;
    }
    if (!u || scalar || !arm_feature(s->env, ARM_FEATURE_FCMA) ||
        size == 0 || (size == 3 && !q) ||
        (size == 1 && !arm_feature(s->env, ARM_FEATURE_ASIMDHP))) {
        return false;           /* USDOT, BF16: not done */
    }
    if ((opcode & 0xc) == 0x8) {                    /* FCMLA */
        call_simd(gen_helper_simd_fcm,
                  SIMD_DESC(rd, rn, rm, size, q, 0, 1, 0,
                            ELEM_VEC | (opcode & 3) << 4));
        return true;
    }
    if ((opcode & 0xd) == 0xc) {                    /* FCADD */
        call_simd(gen_helper_simd_fcm,
                  SIMD_DESC(rd, rn, rm, size, q, 0, 0, 0,
                            ELEM_VEC | ((opcode >> 1) & 1) << 4));
        return true;
    }
    return false;
}

static bool trans_3same_extra(DisasContext *s, uint32_t insn)
{
    return do_3same_extra(s, insn, false);
}

static bool trans_scalar_3same_extra(DisasContext *s, uint32_t insn)
{
    return do_3same_extra(s, insn, true);
}

/* SQDMLAL/SQDMLSL/SQDMULL, vector (from trans_3diff) and scalar. */
static bool do_sqdml(int opcode, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (u || size == 0 || size == 3) {
        return false;
    }
    switch (opcode) {
    case 9: case 11: case 13:
        call_elem(rd, rn, rm, size, q, (opcode - 9) * 2 + 3, scalar,
                  ELEM_VEC);
        return true;
    }
    return false;
}

static bool trans_scalar_3diff(DisasContext *s, uint32_t insn)
{
    (void)s;
    return do_sqdml(extract32(insn, 12, 4), insn, true);
}

/* ------------------------------------------------------------------ */
/* Three different                                                     */

static bool trans_3diff(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 4);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    switch (opcode) {
    case 9: case 11: case 13:       /* SQDMLAL/SQDMLSL/SQDMULL */
        return do_sqdml(opcode, insn, false);
    case 15:
        return false;
    case 14:                        /* PMULL */
        if (u || size == 1 || size == 2) {
            return false;
        }
        if (size == 3) {                /* PMULL{2} Vd.1Q (crypto) */
            if (!arm_feature(s->env, ARM_FEATURE_PMULL)) {
                return false;
            }
            gen_helper_crypto_pmull64(tcg_env, tcg_constant_i32(
                (int32_t)(rd | rn << 5 | rm << 10 | (uint32_t)q << 15)));
            return true;
        }
        break;
    default:
        if (size == 3) {
            return false;
        }
        break;
    }
    call_simd(gen_helper_simd_3diff,
              SIMD_DESC(rd, rn, rm, size, q, u, opcode, 0, 0));
    return true;
}

/* ------------------------------------------------------------------ */
/* Shift by immediate                                                  */

static bool do_shift_imm(DisasContext *s, uint32_t insn, bool scalar)
{
    bool q = extract32(insn, 30, 1), u = extract32(insn, 29, 1);
    int immh = extract32(insn, 19, 4);
    int immhb = extract32(insn, 16, 7);
    int opcode = extract32(insn, 11, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int op = opcode | u << 5;
    bool narrow = false;

    if (immh == 0) {
        return false;           /* (vector: modified immediate, above) */
    }
    switch (op) {
    case 0x00: case 0x02: case 0x04: case 0x06:
    case 0x20: case 0x22: case 0x24: case 0x26:
    case 0x28: case 0x0a: case 0x2a:
        if (scalar && !(immh & 8)) {
            return false;
        }
        break;
    case 0x2c: case 0x0e: case 0x2e:
        break;
    case 0x10: case 0x11:       /* SHRN, RSHRN (vector only) */
        if (scalar) {
            return false;
        }
        narrow = true;
        break;
    case 0x30: case 0x31: case 0x12: case 0x13: case 0x32: case 0x33:
        narrow = true;
        break;
    case 0x14: case 0x34:       /* SSHLL/USHLL */
        if (scalar) {
            return false;
        }
        narrow = true;
        break;
    case 0x1c: case 0x3c:       /* SCVTF/UCVTF (fixed point) */
    case 0x1f: case 0x3f: {     /* FCVTZS/FCVTZU (fixed point) */
        int fs, fbits;

        if (immh & 8) {
            fs = 3;
            fbits = 128 - immhb;
        } else if (immh & 4) {
            fs = 2;
            fbits = 64 - immhb;
        } else if ((immh & 2) && arm_feature(s->env, ARM_FEATURE_ASIMDHP)) {
            fs = 1;
            fbits = 32 - immhb;
        } else {
            return false;
        }
        if (!scalar && fs == 3 && !q) {
            return false;
        }
        call_simd(gen_helper_simd_fp_fixed,
                  SIMD_DESC(rd, rn, 0, fs, q, u, (opcode & 3) == 3, scalar,
                            fbits));
        return true;
    }
    default:
        return false;
    }
    if (narrow && (immh & 8)) {
        return false;
    }
    if (!scalar && !narrow && (immh & 8) && !q) {
        return false;
    }
    if (simd_vec_shift_imm(op, immhb, q, scalar, rd, rn)) {
        return true;
    }
    call_simd(gen_helper_simd_shift_imm,
              SIMD_DESC(rd, rn, 0, 0, q, u, opcode, scalar, immhb));
    return true;
}

static bool trans_shift_imm(DisasContext *s, uint32_t insn)
{
    return do_shift_imm(s, insn, false);
}

static bool trans_scalar_shift_imm(DisasContext *s, uint32_t insn)
{
    return do_shift_imm(s, insn, true);
}

/* ------------------------------------------------------------------ */
/* Permute, EXT, TBL/TBX                                               */

static bool trans_permute(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1);
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 3);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if ((opcode & 3) == 0 || (size == 3 && !q)) {
        return false;
    }
    if (simd_vec_permute(opcode, size, q, rd, rn, rm)) {
        return true;
    }
    call_simd(gen_helper_simd_permute,
              SIMD_DESC(rd, rn, rm, size, q, 0, opcode, 0, 0));
    return true;
}

static bool trans_ext(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1);
    int imm4 = extract32(insn, 11, 4);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (!q && (imm4 & 8)) {
        return false;
    }
    if (simd_vec_ext(imm4, q, rd, rn, rm)) {
        return true;
    }
    call_simd(gen_helper_simd_ext, SIMD_DESC(rd, rn, rm, 0, q, 0, 0, 0, imm4));
    return true;
}

static bool trans_tbl(DisasContext *s, uint32_t insn)
{
    bool q = extract32(insn, 30, 1);
    int len = extract32(insn, 13, 2);
    bool tbx = extract32(insn, 12, 1);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (len == 0 && simd_vec_tbl(tbx, q, rd, rn, rm)) {
        return true;
    }
    call_simd(gen_helper_simd_tbl,
              SIMD_DESC(rd, rn, rm, 0, q, 0, 0, 0, len | tbx << 2));
    return true;
}

const A64Pattern a64_simd_fp_patterns[] = {
    /* Scalar FP (bit 30 = 0, bits 28:24 = 1111x): tr-fp.c. */
    { 0x5e000000, 0x1e000000, trans_fp_class, "FP" },
    /* Crypto (AES, SHA*, SHA3): tr-crypto.c. */
    { 0xff3e0c00, 0x4e280800, trans_crypto_class, "Crypto AES" },
    /* FP16 groups (FEAT_FP16). */
    { 0x9f60c400, 0x0e400400, trans_fp16_3same, "AdvSIMD three same (FP16)" },
    { 0xdf60c400, 0x5e400400, trans_scalar_fp16_3same,
      "AdvSIMD scalar three same (FP16)" },
    { 0x9f7e0c00, 0x0e780800, trans_fp16_2misc,
      "AdvSIMD two-reg misc (FP16)" },
    { 0xdf7e0c00, 0x5e780800, trans_scalar_fp16_2misc,
      "AdvSIMD scalar two-reg misc (FP16)" },
    { 0xff208c00, 0x5e000000, trans_crypto_class, "Crypto SHA" },
    { 0xff3e0c00, 0x5e280800, trans_crypto_class, "Crypto SHA" },
    { 0xfe000000, 0xce000000, trans_crypto_class, "Crypto" },
    { 0x9fe08400, 0x0e000400, trans_copy, "AdvSIMD copy" },
    { 0xdfe08400, 0x5e000400, trans_scalar_copy, "AdvSIMD scalar copy" },
    { 0x9ff80400, 0x0f000400, trans_modimm, "AdvSIMD modified immediate" },
    { 0x9f800400, 0x0f000400, trans_shift_imm, "AdvSIMD shift by immediate" },
    { 0xdf800400, 0x5f000400, trans_scalar_shift_imm,
      "AdvSIMD scalar shift by immediate" },
    { 0x9f200400, 0x0e200400, trans_3same, "AdvSIMD three same" },
    { 0xdf200400, 0x5e200400, trans_scalar_3same, "AdvSIMD scalar three same" },
    { 0x9f3e0c00, 0x0e200800, trans_2misc, "AdvSIMD two-reg misc" },
    { 0xdf3e0c00, 0x5e200800, trans_scalar_2misc,
      "AdvSIMD scalar two-reg misc" },
    { 0x9f3e0c00, 0x0e300800, trans_across, "AdvSIMD across lanes" },
    { 0xdf3e0c00, 0x5e300800, trans_scalar_pairwise,
      "AdvSIMD scalar pairwise" },
    { 0x9f200c00, 0x0e200000, trans_3diff, "AdvSIMD three different" },
    { 0xdf200c00, 0x5e200000, trans_scalar_3diff,
      "AdvSIMD scalar three different" },
    { 0x9f000400, 0x0f000000, trans_elem, "AdvSIMD vector x indexed element" },
    { 0xdf000400, 0x5f000000, trans_scalar_elem,
      "AdvSIMD scalar x indexed element" },
    { 0x9f208400, 0x0e008400, trans_3same_extra, "AdvSIMD three same extra" },
    { 0xdf208400, 0x5e008400, trans_scalar_3same_extra,
      "AdvSIMD scalar three same extra" },
    { 0xbf208c00, 0x0e000800, trans_permute, "AdvSIMD permute" },
    { 0xbfe08400, 0x2e000000, trans_ext, "AdvSIMD EXT" },
    { 0xbfe08c00, 0x0e000000, trans_tbl, "AdvSIMD TBL/TBX" },
    { 0, 0, NULL, NULL },
};
