/*
 * Pointer authentication instructions (FEAT_PAuth), for models with
 * ARM_FEATURE_PACA: PACIA/PACDA/AUTIA/XPACI and relatives (data
 * processing, 1 source), PACGA (2 source), the hint-space forms (PACIASP, AUTIA1716, XPACLRI ...),
 * BRAA/BRAAZ/BLRAA/BLRAAZ/RETAA and the B-key forms, LDRAA/LDRAB.  The
 * cipher and the pointer layout are in pauth_helper.c; the keys are
 * env->pac_keys (random per process, cpu.c).  Without the feature the
 * hint forms are NOPs and the others UNDEF, as on a core without PAuth.
 * The callers (tr-dp-reg.c, tr-branch.c, tr-ldst.c) dispatch here.
 */
#include "target/arm/translate.h"
#include "target/arm/pauth.h"

static bool have_pauth(DisasContext *s)
{
    return arm_feature(s->env, ARM_FEATURE_PACA);
}

static void gen_pac(TCGv_i64 dst, TCGv_i64 ptr, TCGv_i64 mod, int key,
                    bool auth)
{
    if (auth) {
        gen_helper_pac_auth(dst, tcg_env, ptr, mod, tcg_constant_i32(key));
    } else {
        gen_helper_pac_add(dst, tcg_env, ptr, mod, tcg_constant_i32(key));
    }
}

/* XPAC: the PAC field becomes copies of bit 55 (top byte kept: TBI). */
static void gen_xpac(DisasContext *s, TCGv_i64 dst, TCGv_i64 src)
{
    TCGv_i64 t = new_tmp_a64(s);

    tcg_gen_sextract_i64(t, src, 55, 1);
    tcg_gen_andi_i64(t, t, (int64_t)ARM_PAC_MASK);
    tcg_gen_andi_i64(dst, src, (int64_t)~ARM_PAC_MASK);
    tcg_gen_or_i64(dst, dst, t);
}

/* 1 1 0 11010110 00001 opcode Rn Rd (the caller checked opcode2 = 1). */
bool trans_pauth_1src(DisasContext *s, uint32_t insn)
{
    unsigned opcode = extract32(insn, 10, 6);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 ptr, mod;

    if (!have_pauth(s) || !extract32(insn, 31, 1) || opcode > 0x11 ||
        (opcode >= 8 && rn != 31)) {
        return false;
    }
    ptr = read_cpu_reg(s, rd, true);
    if (opcode >= 0x10) {                   /* XPACI, XPACD */
        gen_xpac(s, cpu_reg(s, rd), ptr);
        return true;
    }
    /* opcode<3>: Z forms (modifier 0); <2>: AUT; <1:0>: IA, IB, DA, DB. */
    mod = opcode & 8 ? tcg_constant_i64(0) : read_cpu_reg_sp(s, rn, true);
    gen_pac(cpu_reg(s, rd), ptr, mod, opcode & 3, opcode & 4);
    return true;
}

/* PACGA Xd, Xn, Xm|SP: sf = 1, opcode 001100 of 2 source. */
bool trans_pacga(DisasContext *s, uint32_t insn)
{
    if (!have_pauth(s) || !extract32(insn, 31, 1)) {
        return false;
    }
    gen_helper_pacga(cpu_reg(s, extract32(insn, 0, 5)), tcg_env,
                     read_cpu_reg(s, extract32(insn, 5, 5), true),
                     read_cpu_reg_sp(s, extract32(insn, 16, 5), true));
    return true;
}

/* Hint space: op = CRm:op2.  Not a PAuth hint, or no PAuth: a NOP. */
void gen_pauth_hint(DisasContext *s, unsigned op)
{
    TCGv_i64 mod;

    if (!have_pauth(s)) {
        return;
    }
    switch (op) {
    case 7:                                 /* XPACLRI */
        gen_xpac(s, cpu_X[30], cpu_X[30]);
        return;
    case 8: case 10: case 12: case 14:      /* PACIA1716 ... AUTIB1716 */
        gen_pac(cpu_X[17], cpu_X[17], cpu_X[16],
                op & 2 ? ARM_KEY_IB : ARM_KEY_IA, op & 4);
        return;
    case 24 ... 31:     /* PACIAZ, PACIASP, PACIBZ, PACIBSP, AUTIAZ ... */
        mod = op & 1 ? cpu_X[31] : tcg_constant_i64(0);
        gen_pac(cpu_X[30], cpu_X[30], mod,
                op & 2 ? ARM_KEY_IB : ARM_KEY_IA, op & 4);
        return;
    }
}

/*
 * 1101011 opc 11111 00001M Rn op4: BRAAZ/BRABZ (opc 0), BLRAAZ (1),
 * RETAA/RETAB (2), BRAA (8), BLRAA (9); M selects the B key.
 */
bool trans_pauth_branch(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 21, 4);
    int rn = extract32(insn, 5, 5), op4 = extract32(insn, 0, 5);
    int key = extract32(insn, 10, 1) ? ARM_KEY_IB : ARM_KEY_IA;
    TCGv_i64 target, mod, dest;

    if (!have_pauth(s)) {
        return false;
    }
    switch (opc) {
    case 0: case 1:
        if (op4 != 31) {
            return false;
        }
        target = read_cpu_reg(s, rn, true);
        mod = tcg_constant_i64(0);
        break;
    case 2:
        if (rn != 31 || op4 != 31) {
            return false;
        }
        target = read_cpu_reg(s, 30, true);
        mod = cpu_X[31];
        break;
    case 8: case 9:
        target = read_cpu_reg(s, rn, true);
        mod = read_cpu_reg_sp(s, op4, true);
        break;
    default:            /* ERETAA/ERETAB: not at EL0 */
        return false;
    }
    /* Authenticate before X30 changes: BLRAA x30 jumps to the old x30. */
    dest = new_tmp_a64(s);
    gen_pac(dest, target, mod, key, true);
    if (opc & 1) {
        tcg_gen_movi_i64(cpu_X[30], (int64_t)(s->pc_curr + 4));
    }
    tcg_gen_mov_i64(cpu_pc, dest);
    if (opc != 2) {                 /* RETAA/RETAB leave BTYPE 00 */
        gen_set_btype(s, rn, opc & 1);
    }
    s->base.is_jmp = DISAS_JUMP;
    return true;
}

/* LDRAA/LDRAB: 11111000 M S 1 imm9 W 1 Rn Rt; offset S:imm9 * 8. */
bool trans_ldra(DisasContext *s, uint32_t insn)
{
    int key = extract32(insn, 23, 1) ? ARM_KEY_DB : ARM_KEY_DA;
    int64_t offset = sextract32(extract32(insn, 22, 1) << 9 |
                                extract32(insn, 12, 9), 0, 10) * 8;
    bool wback = extract32(insn, 11, 1);
    int rn = extract32(insn, 5, 5), rt = extract32(insn, 0, 5);
    TCGv_i64 addr, clean, val;

    if (!have_pauth(s)) {
        return false;
    }
    addr = new_tmp_a64(s);
    gen_pac(addr, read_cpu_reg_sp(s, rn, true), tcg_constant_i64(0), key,
            true);
    tcg_gen_addi_i64(addr, addr, offset);
    clean = new_tmp_a64(s);
    tcg_gen_sextract_i64(clean, addr, 0, 56);   /* TBI, as tr-ldst.c */
    val = new_tmp_a64(s);
    tcg_gen_qemu_ld_i64(val, clean, s->mem_idx, MO_LEUQ);
    if (wback) {
        tcg_gen_mov_i64(cpu_reg_sp(s, rn), addr);
    }
    tcg_gen_mov_i64(cpu_reg(s, rt), val);
    return true;
}
