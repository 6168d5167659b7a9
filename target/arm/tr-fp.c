/*
 * A64 scalar floating point (bit 30 = 0, bits 28:24 = 1111x), reached
 * from tr-simd-fp.c's table.  Single, double and half precision (ftype =
 * 11: FEAT_FP16, only when the CPU model has it; FCVT to and from half
 * is ARMv8.0 and always there).  "d" below is the format, FPF_S/D/H.
 *
 * Done: FMOV (register, immediate, general <-> S/D/V.D[1]), FABS, FNEG,
 * FSQRT, FCVT S<->D, FRINTN/P/M/Z/A/X/I, FADD/FSUB/FMUL/FDIV/FNMUL,
 * FMAX/FMIN/FMAXNM/FMINNM, FMADD/FMSUB/FNMADD/FNMSUB, FCMP/FCMPE (also
 * with #0), FCCMP/FCCMPE, FCSEL, SCVTF/UCVTF and FCVT{N,P,M,Z,A}{S,U}
 * (integer and fixed point), all also for half precision.
 *
 * The arithmetic is in helpers (fp_helper.c) that follow FPCR/FPSR;
 * moves, FABS/FNEG and FCSEL are bit operations here.
 */
#include "target/arm/translate.h"
#include "target/arm/fp-core.h"

/* A helper desc's format bits (see helper-simd.h): bit 3 half, bit 0 double. */
#define FD(d) ((d) == FPF_H ? 8 : (d))

uint64_t a64_vfp_expand_imm(int imm8, int d);

static intptr_t fofs(int n, int half)
{
    return vreg_ofs(n, 8 * half);
}

/* H, S (zero-extended) or D register n. */
static TCGv_i64 read_fp(DisasContext *s, int n, int d)
{
    TCGv_i64 t = new_tmp_a64(s);

    if (d == FPF_D) {
        tcg_gen_ld_i64(t, tcg_env, fofs(n, 0));
    } else if (d == FPF_H) {
        tcg_gen_ld16u_i64(t, tcg_env, fofs(n, 0));
    } else {
        tcg_gen_ld32u_i64(t, tcg_env, fofs(n, 0));
    }
    return t;
}

/* Write H/S/D (low bits of v) register n; the rest of Vn is zeroed. */
static void write_fp(DisasContext *s, int n, TCGv_i64 v, int d)
{
    if (d == FPF_D) {
        tcg_gen_st_i64(v, tcg_env, fofs(n, 0));
    } else {
        TCGv_i64 t = new_tmp_a64(s);

        if (d == FPF_H) {
            tcg_gen_ext16u_i64(t, v);
        } else {
            tcg_gen_ext32u_i64(t, v);
        }
        tcg_gen_st_i64(t, tcg_env, fofs(n, 0));
    }
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, fofs(n, 1));
}

static inline int64_t sign_bit(int d)
{
    return d == FPF_D ? INT64_MIN : d == FPF_H ? 0x8000 : (int64_t)0x80000000u;
}

/* ftype 00 = single, 01 = double, 11 = half (FP16 models); 10 unallocated. */
static bool ftype_to_fmt(DisasContext *s, int ftype, int *d)
{
    *d = ftype == 3 ? FPF_H : ftype;
    return ftype < 2 || (ftype == 3 && arm_feature(s->env, ARM_FEATURE_FPHP));
}

static bool ftype_ok(DisasContext *s, uint32_t insn, int *d)
{
    return ftype_to_fmt(s, extract32(insn, 22, 2), d);
}

/* Lazy flags from an NZCV value in bits 3:0. */
static void gen_set_nzcv4(TCGv_i64 nzcv)
{
    tcg_gen_shli_i64(cpu_NF, nzcv, 60);
    tcg_gen_shli_i64(cpu_VF, nzcv, 63);
    tcg_gen_extract_i64(cpu_CF, nzcv, 1, 1);
    tcg_gen_andi_i64(cpu_ZF, nzcv, 4);
    tcg_gen_xori_i64(cpu_ZF, cpu_ZF, 4);
}

/* ------------------------------------------------------------------ */

static bool trans_fp_1src(DisasContext *s, uint32_t insn)
{
    int opcode = extract32(insn, 15, 6);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 v, r;
    int d;
    int rmode, ftype = extract32(insn, 22, 2);

    if (opcode == 4 || opcode == 5 || opcode == 7) {
        /* FCVT between formats: ARMv8.0, half included */
        int to = opcode == 7 ? FPF_H : opcode - 4;

        d = ftype == 3 ? FPF_H : ftype;
        if (ftype == 2 || d == to) {
            return false;
        }
        r = new_tmp_a64(s);
        gen_helper_fp_unop(r, tcg_env, read_fp(s, rn, d),
                           tcg_constant_i32(3 << 4 | d << 8 | to << 12));
        write_fp(s, rd, r, to);
        return true;
    }
    if (!ftype_ok(s, insn, &d)) {
        return false;
    }
    v = read_fp(s, rn, d);
    r = new_tmp_a64(s);
    switch (opcode) {
    case 0:                                     /* FMOV */
        write_fp(s, rd, v, d);
        return true;
    case 1:                                     /* FABS */
        tcg_gen_andi_i64(r, v, ~sign_bit(d));
        write_fp(s, rd, r, d);
        return true;
    case 2:                                     /* FNEG */
        tcg_gen_xori_i64(r, v, sign_bit(d));
        write_fp(s, rd, r, d);
        return true;
    case 3:                                     /* FSQRT */
        gen_helper_fp_unop(r, tcg_env, v, tcg_constant_i32(FD(d)));
        write_fp(s, rd, r, d);
        return true;
    case 8: rmode = 0; break;                   /* FRINTN */
    case 9: rmode = 1; break;                   /* FRINTP */
    case 10: rmode = 2; break;                  /* FRINTM */
    case 11: rmode = 3; break;                  /* FRINTZ */
    case 12: rmode = 4; break;                  /* FRINTA */
    case 14: rmode = 7 | 8; break;              /* FRINTX */
    case 15: rmode = 7; break;                  /* FRINTI */
    case 16: case 17: case 18: case 19:         /* FRINT32Z/32X/64Z/64X */
        if (d == FPF_H || !arm_feature(s->env, ARM_FEATURE_FRINT)) {
            return false;
        }
        gen_helper_fp_unop(r, tcg_env, v,
                           tcg_constant_i32(4 << 4 | FD(d) |
                                            (opcode & 1 ? 7 : 3) << 8 |
                                            (opcode >= 18) << 11));
        write_fp(s, rd, r, d);
        return true;
    default:
        return false;
    }
    gen_helper_fp_unop(r, tcg_env, v,
                       tcg_constant_i32(1 << 4 | rmode << 8 | FD(d)));
    write_fp(s, rd, r, d);
    return true;
}

static bool trans_fp_compare(DisasContext *s, uint32_t insn)
{
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int opc2 = extract32(insn, 0, 5);
    TCGv_i64 a, b, nzcv;
    int d;

    if (!ftype_ok(s, insn, &d) || (opc2 & 7)) {
        return false;
    }
    a = read_fp(s, rn, d);
    b = (opc2 & 8) ? tcg_constant_i64(0) : read_fp(s, rm, d);
    nzcv = new_tmp_a64(s);
    gen_helper_fp_compare(nzcv, tcg_env, a, b,
                          tcg_constant_i32(FD(d) | ((opc2 >> 4) & 1) << 1));
    gen_set_nzcv4(nzcv);
    return true;
}

static bool trans_fp_ccmp(DisasContext *s, uint32_t insn)
{
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int cond = extract32(insn, 12, 4);
    bool e = extract32(insn, 4, 1);
    int nzcv_imm = extract32(insn, 0, 4);
    TCGLabel *no = gen_new_label(), *done = gen_new_label();
    DisasCompare64 c;
    TCGv_i64 a, b, nzcv;
    int d;

    if (!ftype_ok(s, insn, &d)) {
        return false;
    }
    a64_test_cc(s, &c, cond);
    tcg_gen_brcondi_i64(tcg_invert_cond(c.cond), c.value, 0, no);
    a = read_fp(s, rn, d);
    b = read_fp(s, rm, d);
    nzcv = new_tmp_a64(s);
    gen_helper_fp_compare(nzcv, tcg_env, a, b,
                          tcg_constant_i32(FD(d) | e << 1));
    gen_set_nzcv4(nzcv);
    tcg_gen_br(done);
    tcg_gen_set_label(no);
    gen_set_nzcv4(tcg_constant_i64(nzcv_imm));
    tcg_gen_set_label(done);
    return true;
}

static bool trans_fp_csel(DisasContext *s, uint32_t insn)
{
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);
    DisasCompare64 c;
    TCGv_i64 a, b, r;
    int d;

    if (!ftype_ok(s, insn, &d)) {
        return false;
    }
    a64_test_cc(s, &c, extract32(insn, 12, 4));
    a = read_fp(s, rn, d);
    b = read_fp(s, rm, d);
    r = new_tmp_a64(s);
    tcg_gen_movcond_i64(c.cond, r, c.value, tcg_constant_i64(0), a, b);
    write_fp(s, rd, r, d);
    return true;
}

static bool trans_fp_imm(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int d;

    if (!ftype_ok(s, insn, &d)) {
        return false;
    }
    write_fp(s, rd,
             tcg_constant_i64((int64_t)a64_vfp_expand_imm(
                 (int)extract32(insn, 13, 8), d)), d);
    return true;
}

static bool trans_fp_2src(DisasContext *s, uint32_t insn)
{
    int opcode = extract32(insn, 12, 4);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);
    TCGv_i64 r;
    int d;

    if (!ftype_ok(s, insn, &d) || opcode > 8) {
        return false;
    }
    r = new_tmp_a64(s);
    /* opcode 0..8 = FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL,
     * the same numbering as fp_binop's op. */
    gen_helper_fp_binop(r, tcg_env, read_fp(s, rn, d), read_fp(s, rm, d),
                        tcg_constant_i32(opcode << 4 | FD(d)));
    write_fp(s, rd, r, d);
    return true;
}

static bool trans_fp_3src(DisasContext *s, uint32_t insn)
{
    bool o1 = extract32(insn, 21, 1), o0 = extract32(insn, 15, 1);
    int rm = extract32(insn, 16, 5), ra = extract32(insn, 10, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 a, n, r;
    int d;

    if (!ftype_ok(s, insn, &d)) {
        return false;
    }
    a = read_fp(s, ra, d);
    n = read_fp(s, rn, d);
    /* FMSUB: -n; FNMADD: -a, -n; FNMSUB: -a (FPNeg before FPMulAdd). */
    if (o1) {
        tcg_gen_xori_i64(a, a, sign_bit(d));
    }
    if (o0 != o1) {
        tcg_gen_xori_i64(n, n, sign_bit(d));
    }
    r = new_tmp_a64(s);
    gen_helper_fp_muladd(r, tcg_env, a, n, read_fp(s, rm, d),
                         tcg_constant_i32(FD(d)));
    write_fp(s, rd, r, d);
    return true;
}

/* FP -> integer (rmode as in fp_to_int's desc) into Wd/Xd. */
static void gen_fp_to_int(DisasContext *s, int rd, int rn, int d, bool sf,
                          bool uns, int rmode, int fbits)
{
    TCGv_i64 r = new_tmp_a64(s);

    gen_helper_fp_to_int(r, tcg_env, read_fp(s, rn, d),
                         tcg_constant_i32(FD(d) | sf << 1 | uns << 2 |
                                          rmode << 4 | fbits << 8));
    tcg_gen_mov_i64(cpu_reg(s, rd), r);
}

static void gen_int_to_fp(DisasContext *s, int rd, int rn, int d, bool sf,
                          bool uns, int fbits)
{
    TCGv_i64 v = read_cpu_reg(s, rn, true);
    TCGv_i64 r = new_tmp_a64(s);

    if (!sf) {
        if (uns) {
            tcg_gen_ext32u_i64(v, v);
        } else {
            tcg_gen_ext32s_i64(v, v);
        }
    }
    gen_helper_int_to_fp(r, tcg_env, v,
                         tcg_constant_i32(FD(d) | uns << 2 | fbits << 8));
    write_fp(s, rd, r, d);
}

static bool trans_fp_int(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    int ftype = extract32(insn, 22, 2);
    int rmode = extract32(insn, 19, 2);
    int opcode = extract32(insn, 16, 3);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int d = ftype == 3 ? FPF_H : ftype;
    TCGv_i64 t;

    if (opcode >= 6) {                          /* FMOV */
        bool to_fp = opcode == 7;

        if (rmode == 0 && ((!sf && ftype == 0) || (sf && ftype == 1) ||
                           (ftype == 3 &&
                            arm_feature(s->env, ARM_FEATURE_FPHP)))) {
            if (to_fp) {
                write_fp(s, rd, read_cpu_reg(s, rn, sf), d);
            } else {
                tcg_gen_mov_i64(cpu_reg(s, rd), read_fp(s, rn, d));
            }
            return true;
        }
        if (rmode == 1 && sf && ftype == 2) {   /* Xd <-> Vn.D[1] */
            if (to_fp) {
                tcg_gen_st_i64(read_cpu_reg(s, rn, true), tcg_env,
                               fofs(rd, 1));
            } else {
                t = cpu_reg(s, rd);
                tcg_gen_ld_i64(t, tcg_env, fofs(rn, 1));
            }
            return true;
        }
        if (rmode == 3 && !sf && ftype == 1 && !to_fp &&
            arm_feature(s->env, ARM_FEATURE_JSCVT)) {  /* FJCVTZS */
            t = new_tmp_a64(s);
            gen_helper_fp_jcvt(t, tcg_env, read_fp(s, rn, FPF_D));
            tcg_gen_ext32u_i64(cpu_reg(s, rd), t);
            /* NZCV = 0:Z:0:0 */
            tcg_gen_shri_i64(cpu_ZF, t, 32);
            tcg_gen_xori_i64(cpu_ZF, cpu_ZF, 1);
            tcg_gen_movi_i64(cpu_NF, 0);
            tcg_gen_movi_i64(cpu_CF, 0);
            tcg_gen_movi_i64(cpu_VF, 0);
            return true;
        }
        return false;
    }
    if (!ftype_to_fmt(s, ftype, &d)) {
        return false;
    }
    switch (opcode) {
    case 0: case 1:                             /* FCVT[NPMZ]S/U */
        gen_fp_to_int(s, rd, rn, d, sf, opcode & 1, rmode, 0);
        return true;
    case 2: case 3:                             /* SCVTF/UCVTF */
        if (rmode != 0) {
            return false;
        }
        gen_int_to_fp(s, rd, rn, d, sf, opcode & 1, 0);
        return true;
    default:                                    /* 4, 5: FCVTAS/AU */
        if (rmode != 0) {
            return false;
        }
        gen_fp_to_int(s, rd, rn, d, sf, opcode & 1, 4, 0);
        return true;
    }
}

static bool trans_fp_fixed(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    int rmode = extract32(insn, 19, 2);
    int opcode = extract32(insn, 16, 3);
    int scale = extract32(insn, 10, 6);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    int d;

    if (!ftype_ok(s, insn, &d) || (!sf && scale < 32)) {
        return false;
    }
    if (rmode == 0 && (opcode == 2 || opcode == 3)) {
        gen_int_to_fp(s, rd, rn, d, sf, opcode & 1, 64 - scale);
        return true;
    }
    if (rmode == 3 && opcode < 2) {
        gen_fp_to_int(s, rd, rn, d, sf, opcode & 1, 3, 64 - scale);
        return true;
    }
    return false;
}

const A64Pattern a64_fp_patterns[] = {
    { 0xff000000, 0x1f000000, trans_fp_3src, "FP 3-source" },
    { 0x7f20fc00, 0x1e200000, trans_fp_int, "FP <-> integer" },
    { 0x7f200000, 0x1e000000, trans_fp_fixed, "FP <-> fixed point" },
    { 0xff207c00, 0x1e204000, trans_fp_1src, "FP 1-source" },
    { 0xff20fc00, 0x1e202000, trans_fp_compare, "FP compare" },
    { 0xff201fe0, 0x1e201000, trans_fp_imm, "FP immediate" },
    { 0xff200c00, 0x1e200400, trans_fp_ccmp, "FP conditional compare" },
    { 0xff200c00, 0x1e200800, trans_fp_2src, "FP 2-source" },
    { 0xff200c00, 0x1e200c00, trans_fp_csel, "FP conditional select" },
    { 0, 0, NULL, NULL },
};
