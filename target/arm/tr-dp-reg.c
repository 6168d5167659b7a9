/*
 * A64 data processing, register (op0 = x101): shifted/extended add and
 * subtract, logical, add/subtract with carry, flag manipulation (FlagM),
 * conditional compare and select, 1-, 2- and 3-source operations.
 * See target/arm/translate.h for the decoder contract.
 *
 * Convention: with sf = 0 every value is kept zero-extended from 32 bits
 * (read_cpu_reg), and results are zero-extended before they are written.
 */
#include "target/arm/translate.h"

enum { SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR };

/* dst = src <shift> amount, in the operation size (src zero-extended). */
static void gen_shift_imm(TCGv_i64 dst, TCGv_i64 src, bool sf, int type,
                          unsigned amount)
{
    if (amount == 0) {
        tcg_gen_mov_i64(dst, src);
        return;
    }
    switch (type) {
    case SHIFT_LSL:
        tcg_gen_shli_i64(dst, src, amount);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    case SHIFT_LSR:
        tcg_gen_shri_i64(dst, src, amount);
        break;
    case SHIFT_ASR:
        if (sf) {
            tcg_gen_sari_i64(dst, src, amount);
        } else {
            tcg_gen_ext32s_i64(dst, src);
            tcg_gen_sari_i64(dst, dst, amount);
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    case SHIFT_ROR:
        if (sf) {
            tcg_gen_rotri_i64(dst, src, amount);
        } else {
            /* (w:w) >> amount, low 32 bits */
            tcg_gen_deposit_i64(dst, src, src, 32, 32);
            tcg_gen_shri_i64(dst, dst, amount);
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Logical (shifted register)                                          */

/* sf opc 30:29, shift 23:22, N 21, Rm, imm6 15:10, Rn, Rd. */
static bool trans_logic_reg(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    unsigned amount = extract32(insn, 10, 6);
    int rm = extract32(insn, 16, 5);
    bool invert = extract32(insn, 21, 1);
    int type = extract32(insn, 22, 2);
    unsigned opc = extract32(insn, 29, 2);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 a, b, dst;

    if (!sf && amount >= 32) {
        return false;
    }
    a = read_cpu_reg(s, rn, sf);
    b = read_cpu_reg(s, rm, sf);
    gen_shift_imm(b, b, sf, type, amount);
    dst = cpu_reg(s, rd);

    switch (opc) {
    case 0:
    case 3:
        if (invert) {
            tcg_gen_andc_i64(dst, a, b);
        } else {
            tcg_gen_and_i64(dst, a, b);
        }
        break;
    case 1:
        if (invert) {
            tcg_gen_orc_i64(dst, a, b);
        } else {
            tcg_gen_or_i64(dst, a, b);
        }
        break;
    case 2:
        if (invert) {
            tcg_gen_not_i64(b, b);
        }
        tcg_gen_xor_i64(dst, a, b);
        break;
    }
    if (!sf && invert && opc != 0 && opc != 3) {
        tcg_gen_ext32u_i64(dst, dst);   /* ORN/EON set the high half */
    }
    if (opc == 3) {
        gen_set_nzcv_from_logic(dst, sf);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Add/subtract (shifted and extended register)                        */

static void gen_addsub(DisasContext *s, TCGv_i64 dst, TCGv_i64 a,
                       TCGv_i64 b, bool sub, bool setflags, bool sf)
{
    (void)s;
    if (setflags) {
        if (sub) {
            gen_sub_cc(sf, dst, a, b);
        } else {
            gen_add_cc(sf, dst, a, b);
        }
        return;
    }
    if (sub) {
        tcg_gen_sub_i64(dst, a, b);
    } else {
        tcg_gen_add_i64(dst, a, b);
    }
    if (!sf) {
        tcg_gen_ext32u_i64(dst, dst);
    }
}

/* sf op S, shift 23:22, Rm, imm6, Rn, Rd (31 = XZR everywhere). */
static bool trans_addsub_shift(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    unsigned amount = extract32(insn, 10, 6);
    int rm = extract32(insn, 16, 5);
    int type = extract32(insn, 22, 2);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 a, b;

    if (type == SHIFT_ROR || (!sf && amount >= 32)) {
        return false;
    }
    a = read_cpu_reg(s, rn, sf);
    b = read_cpu_reg(s, rm, sf);
    gen_shift_imm(b, b, sf, type, amount);
    gen_addsub(s, cpu_reg(s, rd), a, b, extract32(insn, 30, 1),
               extract32(insn, 29, 1), sf);
    return true;
}

/* sf op S, opt 23:22 = 0, Rm, option 15:13, imm3 12:10, Rn (SP), Rd. */
static bool trans_addsub_ext(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    unsigned shift = extract32(insn, 10, 3);
    unsigned option = extract32(insn, 13, 3);
    int rm = extract32(insn, 16, 5);
    bool setflags = extract32(insn, 29, 1);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 a, b, dst;

    if (shift > 4 || extract32(insn, 22, 2) != 0) {
        return false;
    }
    a = read_cpu_reg_sp(s, rn, sf);
    b = read_cpu_reg(s, rm, true);
    switch (option) {
    case 0: tcg_gen_ext8u_i64(b, b); break;      /* UXTB */
    case 1: tcg_gen_ext16u_i64(b, b); break;     /* UXTH */
    case 2: tcg_gen_ext32u_i64(b, b); break;     /* UXTW */
    case 4: tcg_gen_ext8s_i64(b, b); break;      /* SXTB */
    case 5: tcg_gen_ext16s_i64(b, b); break;     /* SXTH */
    case 6: tcg_gen_ext32s_i64(b, b); break;     /* SXTW */
    default: break;                              /* UXTX, SXTX */
    }
    tcg_gen_shli_i64(b, b, shift);
    if (!sf) {
        tcg_gen_ext32u_i64(b, b);
    }
    dst = setflags ? cpu_reg(s, rd) : cpu_reg_sp(s, rd);
    gen_addsub(s, dst, a, b, extract32(insn, 30, 1), setflags, sf);
    return true;
}

/* ------------------------------------------------------------------ */
/* Add/subtract with carry, flag manipulation                          */

/* ADC/ADCS/SBC/SBCS: sf op S 11010000 Rm 000000 Rn Rd. */
static bool trans_adc(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 a = read_cpu_reg(s, extract32(insn, 5, 5), sf);
    TCGv_i64 b = read_cpu_reg(s, extract32(insn, 16, 5), sf);
    TCGv_i64 dst = cpu_reg(s, rd);

    if (extract32(insn, 30, 1)) {           /* SBC: a + ~b + C */
        tcg_gen_not_i64(b, b);
        if (!sf) {
            tcg_gen_ext32u_i64(b, b);
        }
    }
    if (extract32(insn, 29, 1)) {
        gen_adc_cc(sf, dst, a, b);
    } else {
        tcg_gen_add_i64(dst, a, b);
        tcg_gen_add_i64(dst, dst, cpu_CF);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
    }
    return true;
}

/* RMIF: 1 0 1 11010000 imm6 00001 Rn 0 mask (FlagM). */
static bool trans_rmif(DisasContext *s, uint32_t insn)
{
    unsigned mask = extract32(insn, 0, 4);
    TCGv_i64 t;

    if (!arm_feature(s->env, ARM_FEATURE_FLAGM) ||
        extract32(insn, 29, 3) != 5 || extract32(insn, 4, 1)) {
        return false;
    }
    t = read_cpu_reg(s, extract32(insn, 5, 5), true);
    tcg_gen_rotri_i64(t, t, extract32(insn, 15, 6));
    if (mask & 8) {
        tcg_gen_shli_i64(cpu_NF, t, 60);        /* bit 3 -> 63 */
    }
    if (mask & 4) {
        TCGv_i64 z = new_tmp_a64(s);
        tcg_gen_not_i64(z, t);
        tcg_gen_andi_i64(cpu_ZF, z, 4);         /* bit 2 set: ZF = 0 */
    }
    if (mask & 2) {
        tcg_gen_extract_i64(cpu_CF, t, 1, 1);
    }
    if (mask & 1) {
        tcg_gen_shli_i64(cpu_VF, t, 63);
    }
    return true;
}

/* SETF8/SETF16: 0 0 1 11010000 000000 sz 0010 Rn 0 1101 (FlagM). */
static bool trans_setf(DisasContext *s, uint32_t insn)
{
    unsigned bits = extract32(insn, 14, 1) ? 16 : 8;
    TCGv_i64 x, t;

    if (!arm_feature(s->env, ARM_FEATURE_FLAGM) ||
        extract32(insn, 29, 3) != 1 || extract32(insn, 15, 6) != 0 ||
        extract32(insn, 0, 5) != 0xd) {
        return false;
    }
    x = read_cpu_reg(s, extract32(insn, 5, 5), false);
    t = new_tmp_a64(s);
    /* N = x[bits-1], Z = x[bits-1:0] == 0, V = x[bits] ^ x[bits-1] */
    tcg_gen_shli_i64(cpu_NF, x, 64 - bits);
    tcg_gen_andi_i64(cpu_ZF, x, (1 << bits) - 1);
    tcg_gen_shli_i64(t, x, 1);
    tcg_gen_xor_i64(t, t, x);
    tcg_gen_shli_i64(cpu_VF, t, 63 - bits);
    return true;
}

/* The lazy form of an NZCV immediate (bits 3:0). */
static void gen_set_nzcv_imm(unsigned nzcv, int64_t *n, int64_t *z,
                             int64_t *c, int64_t *v)
{
    *n = nzcv & 8 ? -1 : 0;
    *z = nzcv & 4 ? 0 : 1;
    *c = (nzcv >> 1) & 1;
    *v = nzcv & 1 ? -1 : 0;
}

/*
 * CCMN/CCMP (register and immediate):
 * sf op S=1 11010010 Rm|imm5 cond imm 0 Rn 0 nzcv.
 * Branchless: the compare sets the flags, then each flag is replaced by
 * the immediate's when the condition (taken from the old flags) fails.
 */
static bool trans_ccmp(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    bool sub = extract32(insn, 30, 1);
    unsigned cond = extract32(insn, 12, 4);
    int64_t n, z, c, v;
    DisasCompare64 cmp;
    TCGv_i64 a, b, ok, zero;

    if (!extract32(insn, 29, 1) || extract32(insn, 10, 1) ||
        extract32(insn, 4, 1)) {
        return false;
    }
    a64_test_cc(s, &cmp, cond);
    ok = new_tmp_a64(s);
    tcg_gen_mov_i64(ok, cmp.value);     /* before the flags change */

    a = read_cpu_reg(s, extract32(insn, 5, 5), sf);
    if (extract32(insn, 11, 1)) {
        b = tcg_constant_i64(extract32(insn, 16, 5));
    } else {
        b = read_cpu_reg(s, extract32(insn, 16, 5), sf);
    }
    if (sub) {
        gen_sub_cc(sf, new_tmp_a64(s), a, b);
    } else {
        gen_add_cc(sf, new_tmp_a64(s), a, b);
    }
    if (cmp.cond == TCG_COND_ALWAYS) {
        return true;
    }
    gen_set_nzcv_imm(extract32(insn, 0, 4), &n, &z, &c, &v);
    zero = tcg_constant_i64(0);
    tcg_gen_movcond_i64(cmp.cond, cpu_NF, ok, zero, cpu_NF,
                        tcg_constant_i64(n));
    tcg_gen_movcond_i64(cmp.cond, cpu_ZF, ok, zero, cpu_ZF,
                        tcg_constant_i64(z));
    tcg_gen_movcond_i64(cmp.cond, cpu_CF, ok, zero, cpu_CF,
                        tcg_constant_i64(c));
    tcg_gen_movcond_i64(cmp.cond, cpu_VF, ok, zero, cpu_VF,
                        tcg_constant_i64(v));
    return true;
}

/* CSEL/CSINC/CSINV/CSNEG: sf op S=0 11010100 Rm cond op2 Rn Rd. */
static bool trans_csel(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    bool inv = extract32(insn, 30, 1);
    bool inc = extract32(insn, 10, 1);
    DisasCompare64 cmp;
    TCGv_i64 a, b;

    if (extract32(insn, 29, 1) || extract32(insn, 11, 1)) {
        return false;
    }
    a64_test_cc(s, &cmp, extract32(insn, 12, 4));
    a = read_cpu_reg(s, extract32(insn, 5, 5), sf);
    b = read_cpu_reg(s, extract32(insn, 16, 5), sf);
    if (inv && inc) {
        tcg_gen_neg_i64(b, b);
    } else if (inv) {
        tcg_gen_not_i64(b, b);
    } else if (inc) {
        tcg_gen_addi_i64(b, b, 1);
    }
    if (!sf) {
        tcg_gen_ext32u_i64(b, b);
    }
    tcg_gen_movcond_i64(cmp.cond, cpu_reg(s, extract32(insn, 0, 5)),
                        cmp.value, tcg_constant_i64(0), a, b);
    return true;
}

/* ------------------------------------------------------------------ */
/* 1-source                                                            */

/* Reverse the bits of each byte (RBIT = this, then a byte swap). */
static void gen_bitrev_bytes(DisasContext *s, TCGv_i64 x)
{
    static const uint64_t masks[3] = {
        0x5555555555555555ull, 0x3333333333333333ull, 0x0f0f0f0f0f0f0f0full,
    };
    TCGv_i64 t = new_tmp_a64(s);

    for (int i = 0; i < 3; i++) {
        unsigned sh = 1u << i;
        tcg_gen_shri_i64(t, x, sh);
        tcg_gen_andi_i64(t, t, (int64_t)masks[i]);
        tcg_gen_andi_i64(x, x, (int64_t)masks[i]);
        tcg_gen_shli_i64(x, x, sh);
        tcg_gen_or_i64(x, x, t);
    }
}

/* sf 1 S=0 11010110 opcode2 = 0, opcode 15:10, Rn, Rd. */
static bool trans_dp_1src(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    unsigned opcode = extract32(insn, 10, 6);
    TCGv_i64 x, dst;

    if (!extract32(insn, 29, 1) && extract32(insn, 16, 5) == 1) {
        return trans_pauth_1src(s, insn);
    }
    if (extract32(insn, 29, 1) || extract32(insn, 16, 5) != 0) {
        return false;
    }
    if (opcode > 5 || (!sf && opcode == 3)) {
        return false;   /* CSSC (ABS, CNT, CTZ ...) and others */
    }
    x = read_cpu_reg(s, extract32(insn, 5, 5), sf);
    dst = cpu_reg(s, extract32(insn, 0, 5));

    switch (opcode) {
    case 0:     /* RBIT */
        gen_bitrev_bytes(s, x);
        tcg_gen_bswap64_i64(x, x);
        if (!sf) {
            tcg_gen_shri_i64(x, x, 32);
        }
        tcg_gen_mov_i64(dst, x);
        break;
    case 1: {   /* REV16: swap the bytes of each halfword */
        TCGv_i64 t = new_tmp_a64(s);
        const int64_t m = 0x00ff00ff00ff00ffll;
        tcg_gen_shri_i64(t, x, 8);
        tcg_gen_andi_i64(t, t, m);
        tcg_gen_andi_i64(x, x, m);
        tcg_gen_shli_i64(x, x, 8);
        tcg_gen_or_i64(dst, x, t);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    }
    case 2:     /* REV32 (sf), REV Wd */
        if (sf) {
            tcg_gen_bswap64_i64(dst, x);
            tcg_gen_rotri_i64(dst, dst, 32);
        } else {
            tcg_gen_bswap32_i64(dst, x);
        }
        break;
    case 3:     /* REV Xd */
        tcg_gen_bswap64_i64(dst, x);
        break;
    case 4:     /* CLZ */
        tcg_gen_clzi_i64(dst, x, 64);
        if (!sf) {
            tcg_gen_subi_i64(dst, dst, 32);
        }
        break;
    case 5: {   /* CLS = CLZ(x ^ (x >> 1 arithmetic)) - 1 */
        TCGv_i64 t = new_tmp_a64(s);
        if (!sf) {
            tcg_gen_ext32s_i64(x, x);
        }
        tcg_gen_sari_i64(t, x, 1);
        tcg_gen_xor_i64(t, t, x);
        tcg_gen_clzi_i64(dst, t, 64);
        tcg_gen_subi_i64(dst, dst, sf ? 1 : 33);
        break;
    }
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* 2-source                                                            */

static bool gen_crc32(DisasContext *s, uint32_t insn, unsigned opcode,
                      bool sf)
{
    unsigned sz = opcode & 3;           /* B, H, W, X */
    TCGv_i64 acc, val;

    if (!arm_feature(s->env, ARM_FEATURE_CRC32) || sf != (sz == 3)) {
        return false;
    }
    acc = read_cpu_reg(s, extract32(insn, 5, 5), false);
    val = read_cpu_reg(s, extract32(insn, 16, 5), true);
    if (opcode & 4) {
        gen_helper_crc32c(cpu_reg(s, extract32(insn, 0, 5)), acc, val,
                          tcg_constant_i32(1 << sz));
    } else {
        gen_helper_crc32(cpu_reg(s, extract32(insn, 0, 5)), acc, val,
                         tcg_constant_i32(1 << sz));
    }
    return true;
}

/* sf 0 S=0 11010110 Rm opcode 15:10 Rn Rd. */
static bool trans_dp_2src(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    unsigned opcode = extract32(insn, 10, 6);
    int rd = extract32(insn, 0, 5);
    TCGv_i64 a, b, dst;

    if (extract32(insn, 29, 1)) {
        return false;   /* SUBPS (MTE) */
    }
    if (opcode >= 0x10 && opcode <= 0x17) {
        return gen_crc32(s, insn, opcode, sf);
    }
    if (opcode == 12) {
        return trans_pacga(s, insn);
    }
    switch (opcode) {
    case 2: case 3:                 /* UDIV, SDIV */
    case 8: case 9: case 10: case 11:   /* LSLV, LSRV, ASRV, RORV */
        break;
    default:
        return false;   /* IRG, GMI, SUBP, CSSC min/max ... */
    }
    a = read_cpu_reg(s, extract32(insn, 5, 5), sf);
    b = read_cpu_reg(s, extract32(insn, 16, 5), sf);
    dst = cpu_reg(s, rd);

    switch (opcode) {
    case 2:     /* UDIV: x / 0 = 0 in the IR as in A64 */
        tcg_gen_divu_i64(dst, a, b);
        break;
    case 3:     /* SDIV: MIN / -1 = MIN; 32-bit: 2^31 truncates to MIN */
        if (!sf) {
            tcg_gen_ext32s_i64(a, a);
            tcg_gen_ext32s_i64(b, b);
        }
        tcg_gen_div_i64(dst, a, b);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    case 8:     /* LSLV */
        tcg_gen_andi_i64(b, b, sf ? 63 : 31);
        tcg_gen_shl_i64(dst, a, b);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    case 9:     /* LSRV */
        tcg_gen_andi_i64(b, b, sf ? 63 : 31);
        tcg_gen_shr_i64(dst, a, b);
        break;
    case 10:    /* ASRV */
        tcg_gen_andi_i64(b, b, sf ? 63 : 31);
        if (sf) {
            tcg_gen_sar_i64(dst, a, b);
        } else {
            tcg_gen_ext32s_i64(a, a);
            tcg_gen_sar_i64(dst, a, b);
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    case 11:    /* RORV */
        if (sf) {
            tcg_gen_rotr_i64(dst, a, b);    /* count modulo 64 */
        } else {
            TCGv_i32 a32 = tcg_temp_new_i32(), b32 = tcg_temp_new_i32();
            tcg_gen_extrl_i64_i32(a32, a);
            tcg_gen_extrl_i64_i32(b32, b);
            tcg_gen_rotr_i32(a32, a32, b32);  /* count modulo 32 */
            tcg_gen_extu_i32_i64(dst, a32);
            tcg_temp_free_i32(a32);
            tcg_temp_free_i32(b32);
        }
        break;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* 3-source                                                            */

/* sf op54 11011 op31 Rm o0 Ra Rn Rd. */
static bool trans_dp_3src(DisasContext *s, uint32_t insn)
{
    bool sf = extract32(insn, 31, 1);
    unsigned op = extract32(insn, 21, 3) << 1 | extract32(insn, 15, 1);
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int ra = extract32(insn, 10, 5);
    int rm = extract32(insn, 16, 5);
    TCGv_i64 a, b, acc, lo, dst;

    if (extract32(insn, 29, 2) != 0) {
        return false;
    }
    switch (op) {
    case 0: case 1:                     /* MADD, MSUB */
        break;
    case 2: case 3: case 4:             /* SMADDL, SMSUBL, SMULH */
    case 10: case 11: case 12:          /* UMADDL, UMSUBL, UMULH */
        if (!sf) {
            return false;
        }
        break;
    default:
        return false;
    }
    dst = cpu_reg(s, rd);

    if (op == 4 || op == 12) {          /* SMULH, UMULH */
        a = read_cpu_reg(s, rn, true);
        b = read_cpu_reg(s, rm, true);
        lo = new_tmp_a64(s);
        if (op == 4) {
            tcg_gen_muls2_i64(lo, dst, a, b);
        } else {
            tcg_gen_mulu2_i64(lo, dst, a, b);
        }
        return true;
    }

    a = read_cpu_reg(s, rn, true);
    b = read_cpu_reg(s, rm, true);
    acc = read_cpu_reg(s, ra, true);
    if (op >= 2 && op <= 3) {           /* signed 32x32 -> 64 */
        tcg_gen_ext32s_i64(a, a);
        tcg_gen_ext32s_i64(b, b);
    } else if (op >= 10) {              /* unsigned 32x32 -> 64 */
        tcg_gen_ext32u_i64(a, a);
        tcg_gen_ext32u_i64(b, b);
    }
    tcg_gen_mul_i64(a, a, b);
    if (op & 1) {
        tcg_gen_sub_i64(dst, acc, a);
    } else {
        tcg_gen_add_i64(dst, acc, a);
    }
    if (!sf) {
        tcg_gen_ext32u_i64(dst, dst);
    }
    return true;
}

const A64Pattern a64_dp_reg_patterns[] = {
    { 0x1f000000, 0x0a000000, trans_logic_reg, "logical (shifted register)" },
    { 0x1f200000, 0x0b000000, trans_addsub_shift, "ADD/SUB (shifted register)" },
    { 0x1f200000, 0x0b200000, trans_addsub_ext, "ADD/SUB (extended register)" },
    { 0x1fe0fc00, 0x1a000000, trans_adc, "ADC/SBC" },
    { 0x1fe07c00, 0x1a000400, trans_rmif, "RMIF" },
    { 0x1fe03c00, 0x1a000800, trans_setf, "SETF8/SETF16" },
    { 0x1fe00000, 0x1a400000, trans_ccmp, "CCMN/CCMP" },
    { 0x1fe00000, 0x1a800000, trans_csel, "conditional select" },
    { 0x5fe00000, 0x5ac00000, trans_dp_1src, "data processing (1 source)" },
    { 0x5fe00000, 0x1ac00000, trans_dp_2src, "data processing (2 source)" },
    { 0x1f000000, 0x1b000000, trans_dp_3src, "data processing (3 source)" },
    { 0, 0, NULL, NULL },
};
