/*
 * A64 data processing, immediate (op0 = 100x): PC-relative addressing,
 * add/subtract, logical, move wide, bitfield and extract.
 * See target/arm/translate.h for the decoder contract.
 */
#include "target/arm/translate.h"

/* ADR, ADRP: sf=op 31, immlo 30:29, immhi 23:5, Rd. */
static bool trans_adr(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    uint64_t imm = sextract64((uint64_t)extract32(insn, 5, 19) << 2 |
                              extract32(insn, 29, 2), 0, 21);
    uint64_t base = s->pc_curr;

    if (insn >> 31) {           /* ADRP: 4 KiB pages */
        base &= ~(uint64_t)0xfff;
        imm <<= 12;
    }
    tcg_gen_movi_i64(cpu_reg(s, rd), (int64_t)(base + imm));
    return true;
}

/* ADD/ADDS/SUB/SUBS (immediate): sf op S, sh 22, imm12 21:10, Rn, Rd. */
static bool trans_addsub_imm(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    uint64_t imm = extract32(insn, 10, 12);
    bool shift = extract32(insn, 22, 1);
    bool setflags = extract32(insn, 29, 1);
    bool sub = extract32(insn, 30, 1);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 rn_v = read_cpu_reg_sp(s, rn, sf);

    if (shift) {
        imm <<= 12;
    }
    if (setflags) {
        /* CMP/CMN: Rd = 31 is XZR here. */
        TCGv_i64 dst = cpu_reg(s, rd);
        TCGv_i64 b = tcg_constant_i64((int64_t)imm);

        if (sub) {
            gen_sub_cc(sf, dst, rn_v, b);
        } else {
            gen_add_cc(sf, dst, rn_v, b);
        }
    } else {
        TCGv_i64 dst = cpu_reg_sp(s, rd);

        tcg_gen_addi_i64(dst, rn_v, sub ? -(int64_t)imm : (int64_t)imm);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
    }
    return true;
}

static uint64_t bitmask64(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

/*
 * DecodeBitMasks() for the logical immediates (ARM ARM, shared pseudocode):
 * false for the reserved encodings.
 */
static bool a64_logic_imm_decode(uint64_t *result, unsigned n, unsigned imms,
                          unsigned immr, bool sf)
{
    unsigned len, levels, S, R, esize;
    uint64_t elem, mask;

    /* len = HighestSetBit(N:NOT(imms)) */
    unsigned combined = n << 6 | (~imms & 0x3f);
    if (combined == 0) {
        return false;
    }
    len = 31 - __builtin_clz(combined);
    if (len < 1) {
        return false;
    }
    esize = 1u << len;
    if (!sf && esize > 32) {
        return false;
    }
    levels = esize - 1;
    S = imms & levels;
    R = immr & levels;
    if (S == levels) {          /* all ones: reserved */
        return false;
    }
    mask = bitmask64(esize);
    elem = bitmask64(S + 1);
    if (R) {
        elem = ((elem >> R) | (elem << (esize - R))) & mask;
    }
    /* Replicate to 64 bits. */
    for (unsigned e = esize; e < 64; e *= 2) {
        elem |= elem << e;
    }
    *result = sf ? elem : elem & 0xffffffffull;
    return true;
}

/* AND/ORR/EOR/ANDS (immediate): sf opc 30:29, N 22, immr 21:16, imms 15:10. */
static bool trans_logic_imm(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    unsigned imms = extract32(insn, 10, 6);
    unsigned immr = extract32(insn, 16, 6);
    unsigned n = extract32(insn, 22, 1);
    unsigned opc = extract32(insn, 29, 2);
    bool sf = extract32(insn, 31, 1);
    uint64_t imm;
    TCGv_i64 rn_v, dst;

    if (!sf && n) {
        return false;
    }
    if (!a64_logic_imm_decode(&imm, n, imms, immr, sf)) {
        return false;
    }
    rn_v = read_cpu_reg(s, rn, sf);
    /* ANDS writes XZR for 31; the others write SP. */
    dst = opc == 3 ? cpu_reg(s, rd) : cpu_reg_sp(s, rd);

    switch (opc) {
    case 0:
    case 3:
        tcg_gen_andi_i64(dst, rn_v, (int64_t)imm);
        break;
    case 1:
        tcg_gen_ori_i64(dst, rn_v, (int64_t)imm);
        break;
    case 2:
        tcg_gen_xori_i64(dst, rn_v, (int64_t)imm);
        break;
    }
    /* rn_v was zero-extended and imm fits 32 bits: dst is already clean. */
    if (opc == 3) {
        gen_set_nzcv_from_logic(dst, sf);
    }
    return true;
}

/* MOVN/MOVZ/MOVK: sf opc 30:29, hw 22:21, imm16 20:5, Rd. */
static bool trans_movw(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    uint64_t imm = extract32(insn, 5, 16);
    unsigned pos = extract32(insn, 21, 2) * 16;
    unsigned opc = extract32(insn, 29, 2);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 dst;

    if (opc == 1 || (!sf && pos >= 32)) {
        return false;
    }
    dst = cpu_reg(s, rd);
    switch (opc) {
    case 0:     /* MOVN */
        imm = ~(imm << pos);
        if (!sf) {
            imm &= 0xffffffffull;
        }
        tcg_gen_movi_i64(dst, (int64_t)imm);
        break;
    case 2:     /* MOVZ */
        tcg_gen_movi_i64(dst, (int64_t)(imm << pos));
        break;
    case 3:     /* MOVK */
        tcg_gen_deposit_i64(dst, dst, tcg_constant_i64((int64_t)imm), pos, 16);
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
        break;
    }
    return true;
}

/*
 * SBFM/BFM/UBFM: sf opc 30:29, N 22, immr 21:16, imms 15:10.
 * With datasize d: imms >= immr extracts the field [immr, imms]
 * (ASR, LSR, SBFX, UBFX, BFXIL, SXTB/H/W, UXTB/H), imms < immr inserts the low
 * imms+1 bits at d - immr (LSL/SBFIZ/UBFIZ/BFI).
 */
static bool trans_bitfield(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    unsigned si = extract32(insn, 10, 6);
    unsigned ri = extract32(insn, 16, 6);
    unsigned n = extract32(insn, 22, 1);
    unsigned opc = extract32(insn, 29, 2);
    bool sf = extract32(insn, 31, 1);
    unsigned bits = sf ? 64 : 32;
    TCGv_i64 src, dst;

    if (opc == 3 || n != sf || (!sf && (si >= 32 || ri >= 32))) {
        return false;
    }
    src = read_cpu_reg(s, rn, sf);
    dst = cpu_reg(s, rd);

    if (opc == 1) {     /* BFM */
        TCGv_i64 old = read_cpu_reg(s, rd, sf);
        if (si >= ri) {
            tcg_gen_extract_i64(src, src, ri, si - ri + 1);
            tcg_gen_deposit_i64(dst, old, src, 0, si - ri + 1);
        } else {
            tcg_gen_deposit_i64(dst, old, src, bits - ri, si + 1);
        }
        if (!sf) {
            tcg_gen_ext32u_i64(dst, dst);
        }
        return true;
    }

    if (si >= ri) {
        if (opc == 0) {
            tcg_gen_sextract_i64(dst, src, ri, si - ri + 1);
        } else {
            tcg_gen_extract_i64(dst, src, ri, si - ri + 1);
        }
    } else {
        if (opc == 0) {
            tcg_gen_sextract_i64(dst, src, 0, si + 1);
        } else {
            tcg_gen_extract_i64(dst, src, 0, si + 1);
        }
        tcg_gen_shli_i64(dst, dst, bits - ri);
    }
    if (!sf) {
        tcg_gen_ext32u_i64(dst, dst);
    }
    return true;
}

/* EXTR (and ROR immediate): sf op21 30:29, N 22, o0 21, Rm, imms, Rn, Rd. */
static bool trans_extr(DisasContext *s, uint32_t insn)
{
    int rd = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    unsigned lsb = extract32(insn, 10, 6);
    int rm = extract32(insn, 16, 5);
    unsigned n = extract32(insn, 22, 1);
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 lo, hi, dst;

    if (extract32(insn, 29, 2) != 0 || extract32(insn, 21, 1) != 0 ||
        n != sf || (!sf && lsb >= 32)) {
        return false;
    }
    lo = read_cpu_reg(s, rm, sf);
    hi = read_cpu_reg(s, rn, sf);
    dst = cpu_reg(s, rd);
    if (sf) {
        if (lsb == 0) {
            tcg_gen_mov_i64(dst, lo);
        } else {
            tcg_gen_extract2_i64(dst, lo, hi, lsb);
        }
    } else {
        /* (Wn:Wm) as one 64-bit value, shifted, low 32 bits kept. */
        tcg_gen_deposit_i64(lo, lo, hi, 32, 32);
        tcg_gen_shri_i64(dst, lo, lsb);
        tcg_gen_ext32u_i64(dst, dst);
    }
    return true;
}

const A64Pattern a64_dp_imm_patterns[] = {
    { 0x1f000000, 0x10000000, trans_adr, "ADR/ADRP" },
    { 0x1f800000, 0x11000000, trans_addsub_imm, "ADD/SUB (immediate)" },
    /* 0x11800000: add/subtract with tags (MTE): unallocated here */
    { 0x1f800000, 0x12000000, trans_logic_imm, "logical (immediate)" },
    { 0x1f800000, 0x12800000, trans_movw, "move wide" },
    { 0x1f800000, 0x13000000, trans_bitfield, "bitfield" },
    { 0x1f800000, 0x13800000, trans_extr, "EXTR" },
    { 0, 0, NULL, NULL },
};
