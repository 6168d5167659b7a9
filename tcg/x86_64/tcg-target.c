/*
 * The x86-64 JIT backend: register constraints, op emission, prologue,
 * calls and block chaining.  Guest memory accesses are in ldst.c.
 */
#include <string.h>
#include "x86-backend.h"

#define REXW(type) ((type) == TCG_TYPE_I64)

/* Constant classes accepted by an input (TCGArgConstraint.ct). */
enum {
    CT_ANY = 1,         /* any constant */
    CT_S32 = 2,         /* fits a sign-extended imm32 (any for i32) */
    CT_U32 = 4,         /* fits a zero-extended imm32 (any for i32) */
};

static const char *const x86_reg_names[X86_NB_REGS] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

/* Callee-saved first: values there survive helper calls. */
static const TCGReg x86_alloc_order[] = {
    X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_R10, X86_R9, X86_R8, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RAX,
};

/*
 * SysV: 6 integer argument registers.  Helpers take at most 6 arguments;
 * the 7th slot of TCG_MAX_CALL_IARGS has no register (-1).
 */
static const TCGReg x86_call_iarg_regs[TCG_MAX_CALL_IARGS] = {
    X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9, -1,
};

#define X86_CALL_CLOBBER (R(X86_RAX) | R(X86_RCX) | R(X86_RDX) | R(X86_RSI) | \
                          R(X86_RDI) | R(X86_R8) | R(X86_R9) | R(X86_R10) | \
                          R(X86_R11))

static const uint8_t cond_to_jcc[16] = {
    [TCG_COND_EQ]  = JCC_E,
    [TCG_COND_NE]  = JCC_NE,
    [TCG_COND_LT]  = JCC_L,
    [TCG_COND_GE]  = JCC_GE,
    [TCG_COND_LE]  = JCC_LE,
    [TCG_COND_GT]  = JCC_G,
    [TCG_COND_LTU] = JCC_B,
    [TCG_COND_GEU] = JCC_AE,
    [TCG_COND_LEU] = JCC_BE,
    [TCG_COND_GTU] = JCC_A,
};

/* ------------------------------------------------------------------ */
/* Constraints                                                         */

static bool x86_const_match(int64_t val, TCGType type, unsigned ct)
{
    if (ct & CT_ANY) {
        return true;
    }
    if (type == TCG_TYPE_I32 && (ct & (CT_S32 | CT_U32))) {
        return true;
    }
    if ((ct & CT_S32) && val == (int32_t)val) {
        return true;
    }
    if ((ct & CT_U32) && val == (int64_t)(uint32_t)val) {
        return true;
    }
    return false;
}

static TCGRegSet x86_op_constraints(const TCGOp *op, TCGArgConstraint *c)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int n = def->nb_oargs + def->nb_iargs;

    for (int i = 0; i < n; i++) {
        /* The allocator never picks reserved registers, but fixed temps
         * (env in RBP, the frame in RSP) may be inputs anywhere. */
        c[i].regs = 0xffff;
        c[i].alias = -1;
        c[i].newreg = false;
        c[i].ct = 0;
    }

    switch (op->opc) {
    case INDEX_op_brcond:
        c[1].ct = CT_S32;
        return 0;
    case INDEX_op_setcond:
        c[2].ct = CT_S32;
        return 0;
    case INDEX_op_movcond:
        c[0].alias = 4;
        c[2].ct = CT_S32;
        return 0;

    case INDEX_op_st8:
    case INDEX_op_st16:
    case INDEX_op_st32:
    case INDEX_op_st:
        c[0].ct = CT_S32;
        return 0;

    case INDEX_op_add:
        c[2].ct = CT_S32;
        return 0;
    case INDEX_op_sub:
    case INDEX_op_or:
    case INDEX_op_xor:
    case INDEX_op_mul:
        c[0].alias = 1;
        c[2].ct = CT_S32;
        return 0;
    case INDEX_op_and:
        c[0].alias = 1;
        c[2].ct = CT_S32 | CT_U32;
        return 0;
    case INDEX_op_andc:
        if (!have_feat(X86_FEAT_BMI1)) {
            c[0].alias = 1;
        }
        return 0;
    case INDEX_op_orc:
    case INDEX_op_deposit:
    case INDEX_op_extract2:
        c[0].alias = 1;
        return 0;

    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:
    case INDEX_op_mulu2:
    case INDEX_op_muls2:
        for (int i = def->nb_oargs; i < n; i++) {
            c[i].regs &= ~(R(X86_RAX) | R(X86_RDX));
        }
        return R(X86_RAX) | R(X86_RDX);

    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
        if (have_feat(X86_FEAT_BMI2)) {
            c[2].ct = CT_ANY;
            return 0;
        }
        /* fall through */
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        c[0].alias = 1;
        c[1].regs &= ~R(X86_RCX);
        c[2].regs = R(X86_RCX);
        c[2].ct = CT_ANY;
        return 0;

    case INDEX_op_clz:
    case INDEX_op_ctz:
        c[2].ct = CT_ANY;
        return 0;

    case INDEX_op_add2:
    case INDEX_op_sub2:
        c[4].ct = CT_S32;
        c[5].ct = CT_S32;
        return 0;

    case INDEX_op_qemu_ld:
    case INDEX_op_qemu_st:
        /* RDI/RSI: TLB scratch (soft-MMU), guest_base scratch (user). */
        for (int i = def->nb_oargs; i < n; i++) {
            c[i].regs &= ~(R(X86_TLB_T0) | R(X86_TLB_T1));
        }
        if (op->opc == INDEX_op_qemu_st) {
            c[0].ct = CT_S32;
        }
        return 0;

    default:
        return 0;
    }
}

/* ------------------------------------------------------------------ */
/* Basic moves                                                         */

static void x86_out_mov(TCGContext *s, TCGType type, TCGReg ret, TCGReg arg)
{
    x86_block_start_check(s);
    x86_mov(s, REXW(type), ret, arg);
}

static void x86_out_movi(TCGContext *s, TCGType type, TCGReg ret, int64_t val)
{
    x86_block_start_check(s);
    x86_movi(s, REXW(type), ret, val, false);
}

/* Offsets beyond a disp32: form the address in TMP. */
static void x86_far_base(TCGContext *s, TCGReg *base, intptr_t *ofs)
{
    if (*ofs != (int32_t)*ofs) {
        x86_movi(s, true, X86_TMP, (int64_t)*ofs, false);
        x86_arith_rr(s, ARITH_ADD, true, X86_TMP, *base);
        *base = X86_TMP;
        *ofs = 0;
    }
}

static void x86_out_ld(TCGContext *s, TCGType type, TCGReg ret, TCGReg base,
                       intptr_t ofs)
{
    x86_block_start_check(s);
    x86_far_base(s, &base, &ofs);
    x86_ld(s, REXW(type), ret, base, ofs);
}

static void x86_out_st(TCGContext *s, TCGType type, TCGReg arg, TCGReg base,
                       intptr_t ofs)
{
    x86_block_start_check(s);
    x86_far_base(s, &base, &ofs);
    x86_st(s, REXW(type), arg, base, ofs);
}

/* ------------------------------------------------------------------ */
/* Branches                                                            */

void x86_jcc_label(TCGContext *s, int jcc, TCGLabel *l)
{
    if (l->has_value) {
        intptr_t disp = (intptr_t)l->value
                      - (intptr_t)(x86_rx(s, s->code_ptr) + 2);
        if (disp == (int8_t)disp) {
            tcg_out8(s, jcc < 0 ? OPC_JMP_short : OPC_JCC_short + jcc);
            tcg_out8(s, (uint8_t)disp);
            return;
        }
    }
    if (jcc < 0) {
        tcg_out8(s, OPC_JMP_long);
    } else {
        tcg_out8(s, 0x0f);
        tcg_out8(s, 0x80 + jcc);
    }
    /* The addend folds in the rw->rx distance, so that patch_reloc can
     * work from the rw address alone: disp = value - (field_rx + 4). */
    tcg_out_reloc(s, s->code_ptr, R_X86_PC32, l, -4 - s->splitwx_diff);
    tcg_out32(s, 0);
}

static bool x86_patch_reloc(void *code_ptr_rw, int type, uintptr_t value,
                            intptr_t addend)
{
    intptr_t disp = (intptr_t)(value - (uintptr_t)code_ptr_rw) + addend;

    if (type != R_X86_PC32 || disp != (int32_t)disp) {
        return false;
    }
    tcg_patch32(code_ptr_rw, (uint32_t)disp);
    return true;
}

/* Compare a with b (register or constant) for a following jcc/setcc. */
static void x86_cmp(TCGContext *s, bool rexw, TCGReg a, TCGArg b, int bconst)
{
    if (bconst) {
        int64_t v = rexw ? (int64_t)b : (int32_t)b;
        if (v == 0) {
            x86_modrm(s, OPC_TESTL | (rexw ? X86_P_W : 0), a, a);
        } else {
            x86_arith_ri(s, ARITH_CMP, rexw, a, v);
        }
    } else {
        x86_arith_rr(s, ARITH_CMP, rexw, a, b);
    }
}

/* ------------------------------------------------------------------ */
/* Arithmetic helpers                                                  */

/* out = a OP b for group-1 ops, whatever registers the allocator chose. */
static void x86_binop(TCGContext *s, int arith, bool rexw, TCGReg out,
                      TCGReg a, TCGArg b, int bconst, bool commutative)
{
    if (bconst) {
        x86_mov(s, rexw, out, a);
        x86_arith_ri(s, arith, rexw, out, rexw ? (int64_t)b : (int32_t)b);
    } else if (out == a) {
        x86_arith_rr(s, arith, rexw, out, b);
    } else if (out == (TCGReg)b && commutative) {
        x86_arith_rr(s, arith, rexw, out, a);
    } else if (out == (TCGReg)b) {
        x86_mov(s, rexw, X86_TMP, b);
        x86_mov(s, rexw, out, a);
        x86_arith_rr(s, arith, rexw, out, X86_TMP);
    } else {
        x86_mov(s, rexw, out, a);
        x86_arith_rr(s, arith, rexw, out, b);
    }
}

static void x86_out_and(TCGContext *s, bool rexw, TCGReg out, TCGReg a,
                        TCGArg b, int bconst)
{
    if (bconst) {
        uint64_t v = rexw ? b : (uint32_t)b;
        if (v == 0xff) {
            x86_ext8u(s, out, a);
        } else if (v == 0xffff) {
            x86_ext16u(s, out, a);
        } else if (v == 0xffffffffu) {
            if (rexw) {
                x86_ext32u(s, out, a);
            } else {
                x86_mov(s, false, out, a);
            }
        } else if (!rexw || (int64_t)v == (int32_t)v) {
            x86_mov(s, rexw, out, a);
            x86_arith_ri(s, ARITH_AND, rexw, out, (int64_t)v);
        } else {
            /* Zero-extended imm32: a 32-bit and clears bits 63..32. */
            tcg_debug_assert(v == (uint32_t)v);
            x86_mov(s, rexw, out, a);
            x86_arith_ri(s, ARITH_AND, false, out, (int32_t)v);
        }
        return;
    }
    x86_binop(s, ARITH_AND, rexw, out, a, b, 0, true);
}

static void x86_out_mul(TCGContext *s, bool rexw, TCGReg out, TCGReg a,
                        TCGArg b, int bconst)
{
    int w = rexw ? X86_P_W : 0;

    if (bconst) {
        int64_t v = rexw ? (int64_t)b : (int32_t)b;
        if (v == (int8_t)v) {
            x86_modrm(s, OPC_IMUL_GvEvIb | w, out, a);
            tcg_out8(s, (uint8_t)v);
        } else {
            x86_modrm(s, OPC_IMUL_GvEvIz | w, out, a);
            tcg_out32(s, (uint32_t)v);
        }
    } else if (out == a) {
        x86_modrm(s, OPC_IMUL_GvEv | w, out, b);
    } else if (out == (TCGReg)b) {
        x86_modrm(s, OPC_IMUL_GvEv | w, out, a);
    } else {
        x86_mov(s, rexw, out, a);
        x86_modrm(s, OPC_IMUL_GvEv | w, out, b);
    }
}

/*
 * Division with the IR's total semantics: x/0 = 0, x%0 = x,
 * MIN/-1 = MIN, MIN%-1 = 0 (idiv would trap on the last ones).
 * a and b are not in RAX/RDX (constraints), which are clobbered.
 */
static void x86_out_div(TCGContext *s, TCGOpcode opc, bool rexw, TCGReg out,
                        TCGReg a, TCGReg b)
{
    bool is_rem = opc == INDEX_op_rem || opc == INDEX_op_remu;
    bool is_signed = opc == INDEX_op_div || opc == INDEX_op_rem;
    TCGReg res = is_rem ? X86_RDX : X86_RAX;
    uint8_t *to_done0, *to_done1 = NULL, *to_div = NULL;

    /* Result if b == 0. */
    if (is_rem) {
        x86_mov(s, rexw, X86_RDX, a);
    } else {
        x86_movi(s, false, X86_RAX, 0, false);
    }
    x86_modrm(s, OPC_TESTL | (rexw ? X86_P_W : 0), b, b);
    to_done0 = x86_jcc_short_fwd(s, JCC_E);

    if (is_signed) {
        /* b == -1: the quotient is -a (wraps for MIN), the remainder 0. */
        x86_arith_ri(s, ARITH_CMP, rexw, b, -1);
        to_div = x86_jcc_short_fwd(s, JCC_NE);
        if (is_rem) {
            x86_movi(s, false, X86_RDX, 0, false);
        } else {
            x86_mov(s, rexw, X86_RAX, a);
            x86_grp3(s, EXT3_NEG, rexw, X86_RAX);
        }
        to_done1 = x86_jcc_short_fwd(s, -1);
        x86_patch_short8(s, to_div);
        x86_mov(s, rexw, X86_RAX, a);
        x86_opc(s, OPC_CQO | (rexw ? X86_P_W : 0), 0, 0, 0);   /* cqo/cdq */
        x86_grp3(s, EXT3_IDIV, rexw, b);
    } else {
        x86_mov(s, rexw, X86_RAX, a);
        x86_movi(s, false, X86_RDX, 0, false);
        x86_grp3(s, EXT3_DIV, rexw, b);
    }
    x86_patch_short8(s, to_done0);
    if (to_done1) {
        x86_patch_short8(s, to_done1);
    }
    x86_mov(s, rexw, out, res);
}

/* (rax, rdx) -> (lo, hi) after mul/imul. */
static void x86_out_mul2(TCGContext *s, bool is_signed, bool rexw,
                         TCGReg lo, TCGReg hi, TCGReg a, TCGReg b)
{
    x86_mov(s, rexw, X86_RAX, a);
    x86_grp3(s, is_signed ? EXT3_IMUL : EXT3_MUL, rexw, b);
    if (lo == X86_RDX && hi == X86_RAX) {
        x86_modrm(s, OPC_XCHG | (rexw ? X86_P_W : 0), X86_RAX, X86_RDX);
    } else if (lo == X86_RDX) {
        x86_mov(s, rexw, hi, X86_RDX);
        x86_mov(s, rexw, lo, X86_RAX);
    } else {
        x86_mov(s, rexw, lo, X86_RAX);
        x86_mov(s, rexw, hi, X86_RDX);
    }
}

static void x86_out_shift(TCGContext *s, TCGOpcode opc, bool rexw,
                          TCGReg out, TCGReg a, TCGArg b, int bconst)
{
    int sh, bits = rexw ? 64 : 32;
    int w = rexw ? X86_P_W : 0;

    switch (opc) {
    case INDEX_op_shl:  sh = SHIFT_SHL; break;
    case INDEX_op_shr:  sh = SHIFT_SHR; break;
    case INDEX_op_sar:  sh = SHIFT_SAR; break;
    case INDEX_op_rotl: sh = SHIFT_ROL; break;
    default:            sh = SHIFT_ROR; break;
    }

    if (bconst) {
        int n = b & (bits - 1);
        if (n == 0) {
            x86_mov(s, rexw, out, a);
        } else if ((sh == SHIFT_ROL || sh == SHIFT_ROR) && out != a &&
                   have_feat(X86_FEAT_BMI2)) {
            /* rorx: three-operand rotate right by an immediate. */
            x86_vex_modrm(s, OPC_RORX | w, out, 0, a);
            tcg_out8(s, sh == SHIFT_ROL ? bits - n : n);
        } else if (sh == SHIFT_SHL && n == 1 && out != a) {
            x86_lea(s, rexw, out, a, a, 0, 0);
        } else {
            x86_mov(s, rexw, out, a);
            x86_shift_ri(s, sh, rexw, out, n);
        }
        return;
    }
    if (sh != SHIFT_ROL && sh != SHIFT_ROR && have_feat(X86_FEAT_BMI2)) {
        int opc_x = sh == SHIFT_SHL ? OPC_SHLX
                  : sh == SHIFT_SHR ? OPC_SHRX : OPC_SARX;
        x86_vex_modrm(s, opc_x | w, out, b, a);
        return;
    }
    /* Count in CL (constraint); out may not be RCX unless a is. */
    tcg_debug_assert(b == X86_RCX);
    if (out == X86_RCX && a != X86_RCX) {
        /* Not produced by our constraints; keep it correct anyway. */
        x86_mov(s, rexw, X86_TMP, a);
        x86_shift_cl(s, sh, rexw, X86_TMP);
        x86_mov(s, rexw, out, X86_TMP);
        return;
    }
    x86_mov(s, rexw, out, a);
    x86_shift_cl(s, sh, rexw, out);
}

/* Load a reg-or-constant argument into dst without touching flags. */
static void x86_mov_arg_keepflags(TCGContext *s, bool rexw, TCGReg dst,
                                  TCGArg v, int vconst)
{
    if (vconst) {
        x86_movi(s, rexw, dst, (int64_t)v, true);
    } else {
        x86_mov(s, rexw, dst, v);
    }
}

/* clz/ctz: out = a ? count(a) : b. */
static void x86_out_count(TCGContext *s, bool is_clz, bool rexw, TCGReg out,
                          TCGReg a, TCGArg b, int bconst)
{
    int bits = rexw ? 64 : 32;
    int w = rexw ? X86_P_W : 0;
    bool fast = is_clz ? have_feat(X86_FEAT_LZCNT) : have_feat(X86_FEAT_BMI1);

    if (bconst && !rexw) {
        b = (uint32_t)b;
    }
    if (fast) {
        /* lzcnt/tzcnt give the width for 0 and set CF. */
        int opc = (is_clz ? OPC_LZCNT : OPC_TZCNT) | w;
        if (bconst && (int64_t)b == bits) {
            x86_modrm(s, opc, out, a);
        } else if (bconst) {
            x86_modrm(s, opc, out, a);
            x86_movi(s, rexw, X86_TMP, (int64_t)b, true);
            x86_modrm(s, (OPC_CMOVCC + JCC_B) | w, out, X86_TMP);
        } else if (out != (TCGReg)b) {
            x86_modrm(s, opc, out, a);
            x86_modrm(s, (OPC_CMOVCC + JCC_B) | w, out, b);
        } else {
            x86_modrm(s, opc, X86_TMP, a);
            x86_modrm(s, (OPC_CMOVCC + JCC_AE) | w, out, X86_TMP);
        }
        return;
    }
    /* bsr/bsf set ZF for 0 and leave the destination undefined. */
    if (is_clz) {
        x86_modrm(s, OPC_BSR | w, X86_TMP, a);
        x86_arith_ri(s, ARITH_XOR, rexw, X86_TMP, bits - 1);
        x86_modrm(s, OPC_TESTL | w, a, a);
    } else {
        x86_modrm(s, OPC_BSF | w, X86_TMP, a);
    }
    if (bconst || out != (TCGReg)b) {
        x86_mov_arg_keepflags(s, rexw, out, b, bconst);
    }
    x86_modrm(s, (OPC_CMOVCC + JCC_NE) | w, out, X86_TMP);
}

static void x86_out_ctpop(TCGContext *s, bool rexw, TCGReg out, TCGReg a)
{
    uint8_t *loop, *done;

    if (have_feat(X86_FEAT_POPCNT)) {
        x86_modrm(s, OPC_POPCNT | (rexw ? X86_P_W : 0), out, a);
        return;
    }
    /* Fallback for hosts without POPCNT: shift bits out into CF. */
    x86_mov(s, rexw, X86_TMP, a);
    if (!rexw) {
        x86_ext32u(s, X86_TMP, X86_TMP);
    }
    x86_movi(s, false, out, 0, false);
    loop = s->code_ptr;
    x86_modrm(s, OPC_TESTL | X86_P_W, X86_TMP, X86_TMP);
    done = x86_jcc_short_fwd(s, JCC_E);
    x86_shift_ri(s, SHIFT_SHR, true, X86_TMP, 1);
    x86_arith_ri(s, ARITH_ADC, false, out, 0);
    tcg_out8(s, OPC_JMP_short);
    tcg_out8(s, (uint8_t)(loop - (s->code_ptr + 1)));
    x86_patch_short8(s, done);
}

/* out = a with b[len-1:0] at pos; out is aliased to a. */
static void x86_out_deposit(TCGContext *s, bool rexw, TCGReg out, TCGReg a,
                            TCGReg b, unsigned pos, unsigned len)
{
    unsigned bits = rexw ? 64 : 32;
    uint64_t field;

    if (len >= bits) {
        x86_mov(s, rexw, out, b);
        return;
    }
    /* TMP = b zero-extended from len bits (b read before out changes). */
    if (len == 8) {
        x86_ext8u(s, X86_TMP, b);
    } else if (len == 16) {
        x86_ext16u(s, X86_TMP, b);
    } else if (len == 32) {
        x86_ext32u(s, X86_TMP, b);
    } else {
        x86_mov(s, rexw, X86_TMP, b);
        x86_shift_ri(s, SHIFT_SHL, rexw, X86_TMP, bits - len);
        x86_shift_ri(s, SHIFT_SHR, rexw, X86_TMP, bits - len);
    }
    x86_mov(s, rexw, out, a);
    field = (len == 64 ? ~0ull : ((1ull << len) - 1)) << pos;
    if (!rexw || (int64_t)~field == (int32_t)~field) {
        x86_shift_ri(s, SHIFT_SHL, rexw, X86_TMP, pos);
        x86_arith_ri(s, ARITH_AND, rexw, out, (int64_t)~field);
        x86_arith_rr(s, ARITH_OR, rexw, out, X86_TMP);
    } else {
        /* Rotate the field to the bottom, clear it, insert, rotate back. */
        x86_shift_ri(s, SHIFT_ROR, rexw, out, pos);
        x86_shift_ri(s, SHIFT_SHR, rexw, out, len);
        x86_shift_ri(s, SHIFT_SHL, rexw, out, len);
        x86_arith_rr(s, ARITH_OR, rexw, out, X86_TMP);
        x86_shift_ri(s, SHIFT_ROL, rexw, out, pos);
    }
}

static void x86_out_extract(TCGContext *s, bool is_signed, bool rexw,
                            TCGReg out, TCGReg a, unsigned pos, unsigned len)
{
    unsigned bits = rexw ? 64 : 32;

    if (pos == 0 && len >= bits) {
        x86_mov(s, rexw, out, a);
        return;
    }
    if (is_signed) {
        if (pos == 0 && len == 8) {
            x86_ext8s(s, rexw, out, a);
        } else if (pos == 0 && len == 16) {
            x86_ext16s(s, rexw, out, a);
        } else if (pos == 0 && len == 32 && rexw) {
            x86_ext32s(s, out, a);
        } else {
            x86_mov(s, rexw, out, a);
            x86_shift_ri(s, SHIFT_SHL, rexw, out, bits - pos - len);
            x86_shift_ri(s, SHIFT_SAR, rexw, out, bits - len);
        }
        return;
    }
    if (pos + len == bits) {
        x86_mov(s, rexw, out, a);
        x86_shift_ri(s, SHIFT_SHR, rexw, out, pos);
        return;
    }
    if (pos == 0 && len == 8) {
        x86_ext8u(s, out, a);
        return;
    }
    if (pos == 0 && len == 16) {
        x86_ext16u(s, out, a);
        return;
    }
    if (pos == 0 && len == 32) {
        x86_ext32u(s, out, a);
        return;
    }
    if (pos + len <= 32 || len <= 31) {
        /* shift down, then and with a positive imm32 (zero-extends). */
        x86_mov(s, rexw, out, a);
        x86_shift_ri(s, SHIFT_SHR, rexw, out, pos);
        if (len == 32) {
            x86_ext32u(s, out, out);
        } else {
            x86_arith_ri(s, ARITH_AND, false, out, (int32_t)((1u << len) - 1));
        }
        return;
    }
    x86_mov(s, rexw, out, a);
    x86_shift_ri(s, SHIFT_SHL, rexw, out, bits - pos - len);
    x86_shift_ri(s, SHIFT_SHR, rexw, out, bits - len);
}

/*
 * add2/sub2 with no aliasing constraints: the outputs may share registers
 * with any dead input, so order the writes (TMP holds the low part when
 * writing ol early would destroy an input still needed).
 */
static void x86_out_addsub2(TCGContext *s, bool is_sub, bool rexw,
                            const TCGArg *args, const int *const_args)
{
    TCGReg ol = args[0], oh = args[1], al = args[2], ah = args[3];
    TCGArg bl = args[4], bh = args[5];
    int cl = const_args[4], ch = const_args[5];
    int op_lo = is_sub ? ARITH_SUB : ARITH_ADD;
    int op_hi = is_sub ? ARITH_SBB : ARITH_ADC;
    TCGReg lo = ol;

    if (ol == ah || (!ch && ol == (TCGReg)bh) ||
        (!cl && ol == (TCGReg)bl && ol != al)) {
        lo = X86_TMP;
    }
    x86_mov(s, rexw, lo, al);
    if (cl) {
        x86_arith_ri(s, op_lo, rexw, lo, rexw ? (int64_t)bl : (int32_t)bl);
    } else {
        x86_arith_rr(s, op_lo, rexw, lo, bl);
    }

    /* Flags live from here: only mov (no xor) until the adc/sbb. */
    if (oh == ah || ch || oh != (TCGReg)bh) {
        x86_mov(s, rexw, oh, ah);
        if (ch) {
            x86_arith_ri(s, op_hi, rexw, oh, rexw ? (int64_t)bh : (int32_t)bh);
        } else {
            x86_arith_rr(s, op_hi, rexw, oh, bh);
        }
    } else if (!is_sub) {
        x86_arith_rr(s, op_hi, rexw, oh, ah);       /* oh holds bh */
    } else if (lo != X86_TMP) {
        x86_mov(s, rexw, X86_TMP, ah);
        x86_arith_rr(s, op_hi, rexw, X86_TMP, bh);
        x86_mov(s, rexw, oh, X86_TMP);
    } else {
        /* oh == bh, low part in TMP: compute the high part in ol. */
        x86_mov(s, rexw, ol, ah);
        x86_arith_rr(s, op_hi, rexw, ol, bh);
        x86_mov(s, rexw, oh, ol);
    }
    x86_mov(s, rexw, ol, lo);
}

/* ------------------------------------------------------------------ */
/* Ops                                                                 */

static void x86_out_ldst_host(TCGContext *s, TCGOpcode opc, bool rexw,
                              const TCGArg *args, const int *const_args)
{
    TCGReg r = args[0], base = args[1];
    intptr_t ofs = (intptr_t)args[2];
    int w = rexw ? X86_P_W : 0;
    int64_t v = (int64_t)args[0];

    x86_far_base(s, &base, &ofs);
    switch (opc) {
    case INDEX_op_ld8u:
        x86_modrm_mem(s, OPC_MOVZBL & ~X86_P_BYTE_RM, r, base, ofs);
        break;
    case INDEX_op_ld8s:
        x86_modrm_mem(s, (OPC_MOVSBL & ~X86_P_BYTE_RM) | w, r, base, ofs);
        break;
    case INDEX_op_ld16u:
        x86_modrm_mem(s, OPC_MOVZWL, r, base, ofs);
        break;
    case INDEX_op_ld16s:
        x86_modrm_mem(s, OPC_MOVSWL | w, r, base, ofs);
        break;
    case INDEX_op_ld32u:
        x86_ld(s, false, r, base, ofs);
        break;
    case INDEX_op_ld32s:
        if (rexw) {
            x86_modrm_mem(s, OPC_MOVSLQ, r, base, ofs);
        } else {
            x86_ld(s, false, r, base, ofs);
        }
        break;
    case INDEX_op_ld:
        x86_ld(s, rexw, r, base, ofs);
        break;
    case INDEX_op_st8:
        if (const_args[0]) {
            x86_modrm_mem(s, OPC_MOVB_EvIz, 0, base, ofs);
            tcg_out8(s, (uint8_t)v);
        } else {
            x86_modrm_mem(s, OPC_MOVB_EvGv, r, base, ofs);
        }
        break;
    case INDEX_op_st16:
        if (const_args[0]) {
            x86_modrm_mem(s, OPC_MOVL_EvIz | X86_P_66, 0, base, ofs);
            tcg_out16(s, (uint16_t)v);
        } else {
            x86_modrm_mem(s, OPC_MOVL_EvGv | X86_P_66, r, base, ofs);
        }
        break;
    case INDEX_op_st32:
    case INDEX_op_st:
        if (opc == INDEX_op_st32) {
            rexw = false;
            w = 0;
        }
        if (const_args[0]) {
            x86_modrm_mem(s, OPC_MOVL_EvIz | w, 0, base, ofs);
            tcg_out32(s, (uint32_t)v);
        } else {
            x86_st(s, rexw, r, base, ofs);
        }
        break;
    default:
        tcg_abort_msg("x86_64: bad host ld/st op");
    }
}

static void x86_out_goto_tb(TCGContext *s, unsigned n)
{
    /* Align the rel32 of the jmp so set_jmp_target can store it
     * atomically. */
    int pad = (int)(-(uintptr_t)(s->code_ptr + 1) & 3);

    tcg_debug_assert(n < 2);
    x86_nops(s, pad);
    s->tb_jmp_insn_offset[n] = (uint16_t)tcg_current_code_size(s);
    tcg_out8(s, OPC_JMP_long);
    tcg_out32(s, 0);
    s->tb_jmp_reset_offset[n] = (uint16_t)tcg_current_code_size(s);
}

static void x86_out_op(TCGContext *s, const TCGOp *op, const TCGArg *args,
                       const int *const_args)
{
    bool rexw = op->type == TCG_TYPE_I64;
    int w = rexw ? X86_P_W : 0;
    TCGCond cond;

    x86_block_start_check(s);

    if (tcg_op_defs[op->opc].flags & TCG_OPF_VEC) {
        x86_out_vec(s, op, args);
        return;
    }

    switch (op->opc) {
    case INDEX_op_br:
        x86_jcc_label(s, -1, arg_label(args[0]));
        break;
    case INDEX_op_brcond:
        cond = (TCGCond)args[2];
        if (cond == TCG_COND_ALWAYS) {
            x86_jcc_label(s, -1, arg_label(args[3]));
        } else if (cond != TCG_COND_NEVER) {
            x86_cmp(s, rexw, args[0], args[1], const_args[1]);
            x86_jcc_label(s, cond_to_jcc[cond], arg_label(args[3]));
        }
        break;
    case INDEX_op_mb:
        if (args[0] & TCG_MO_ST_LD) {
            tcg_out8(s, 0x0f);      /* mfence */
            tcg_out8(s, 0xae);
            tcg_out8(s, 0xf0);
        }
        break;

    case INDEX_op_setcond:
        cond = (TCGCond)args[3];
        if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
            x86_movi(s, false, args[0], cond == TCG_COND_ALWAYS, false);
        } else if (args[0] != args[1] &&
                   (const_args[2] || args[0] != args[2])) {
            x86_movi(s, false, args[0], 0, false);
            x86_cmp(s, rexw, args[1], args[2], const_args[2]);
            x86_modrm(s, OPC_SETCC + cond_to_jcc[cond], 0, args[0]);
        } else {
            x86_cmp(s, rexw, args[1], args[2], const_args[2]);
            x86_modrm(s, OPC_SETCC + cond_to_jcc[cond], 0, args[0]);
            x86_ext8u(s, args[0], args[0]);
        }
        break;
    case INDEX_op_movcond:
        cond = (TCGCond)args[5];
        if (cond == TCG_COND_NEVER) {
            x86_mov(s, rexw, args[0], args[4]);
        } else if (cond == TCG_COND_ALWAYS) {
            x86_mov(s, rexw, args[0], args[3]);
        } else if (args[0] == args[4]) {
            x86_cmp(s, rexw, args[1], args[2], const_args[2]);
            x86_modrm(s, (OPC_CMOVCC + cond_to_jcc[cond]) | w,
                      args[0], args[3]);
        } else if (args[0] == args[3]) {
            x86_cmp(s, rexw, args[1], args[2], const_args[2]);
            x86_modrm(s, (OPC_CMOVCC + cond_to_jcc[tcg_invert_cond(cond)])
                      | w, args[0], args[4]);
        } else {
            /* Compute in TMP so out may overlap c1/c2. */
            x86_mov(s, rexw, X86_TMP, args[4]);
            x86_cmp(s, rexw, args[1], args[2], const_args[2]);
            x86_modrm(s, (OPC_CMOVCC + cond_to_jcc[cond]) | w,
                      X86_TMP, args[3]);
            x86_mov(s, rexw, args[0], X86_TMP);
        }
        break;

    case INDEX_op_ld8u:
    case INDEX_op_ld8s:
    case INDEX_op_ld16u:
    case INDEX_op_ld16s:
    case INDEX_op_ld32u:
    case INDEX_op_ld32s:
    case INDEX_op_ld:
    case INDEX_op_st8:
    case INDEX_op_st16:
    case INDEX_op_st32:
    case INDEX_op_st:
        x86_out_ldst_host(s, op->opc, rexw, args, const_args);
        break;

    case INDEX_op_add:
        if (const_args[2]) {
            int64_t v = rexw ? (int64_t)args[2] : (int32_t)args[2];
            if (args[0] == args[1]) {
                x86_addi(s, rexw, args[0], v);
            } else if (v == 0) {
                x86_mov(s, rexw, args[0], args[1]);
            } else {
                x86_lea(s, rexw, args[0], args[1], X86_NOREG, 0, v);
            }
        } else if (args[0] == args[1]) {
            x86_arith_rr(s, ARITH_ADD, rexw, args[0], args[2]);
        } else if (args[0] == args[2]) {
            x86_arith_rr(s, ARITH_ADD, rexw, args[0], args[1]);
        } else if (args[2] == X86_RSP) {
            x86_lea(s, rexw, args[0], args[2], args[1], 0, 0);
        } else {
            x86_lea(s, rexw, args[0], args[1], args[2], 0, 0);
        }
        break;
    case INDEX_op_sub:
        x86_binop(s, ARITH_SUB, rexw, args[0], args[1], args[2],
                  const_args[2], false);
        break;
    case INDEX_op_or:
        x86_binop(s, ARITH_OR, rexw, args[0], args[1], args[2],
                  const_args[2], true);
        break;
    case INDEX_op_xor:
        x86_binop(s, ARITH_XOR, rexw, args[0], args[1], args[2],
                  const_args[2], true);
        break;
    case INDEX_op_and:
        x86_out_and(s, rexw, args[0], args[1], args[2], const_args[2]);
        break;
    case INDEX_op_mul:
        x86_out_mul(s, rexw, args[0], args[1], args[2], const_args[2]);
        break;
    case INDEX_op_andc:
        if (have_feat(X86_FEAT_BMI1)) {
            x86_vex_modrm(s, OPC_ANDN | w, args[0], args[2], args[1]);
            break;
        }
        /* fall through */
    case INDEX_op_orc:
        x86_mov(s, rexw, X86_TMP, args[2]);
        x86_grp3(s, EXT3_NOT, rexw, X86_TMP);
        x86_binop(s, op->opc == INDEX_op_andc ? ARITH_AND : ARITH_OR, rexw,
                  args[0], args[1], X86_TMP, 0, true);
        break;
    case INDEX_op_neg:
        x86_mov(s, rexw, args[0], args[1]);
        x86_grp3(s, EXT3_NEG, rexw, args[0]);
        break;
    case INDEX_op_not:
        x86_mov(s, rexw, args[0], args[1]);
        x86_grp3(s, EXT3_NOT, rexw, args[0]);
        break;
    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:
        x86_out_div(s, op->opc, rexw, args[0], args[1], args[2]);
        break;

    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        x86_out_shift(s, op->opc, rexw, args[0], args[1], args[2],
                      const_args[2]);
        break;

    case INDEX_op_ext8s:
        x86_ext8s(s, rexw, args[0], args[1]);
        break;
    case INDEX_op_ext8u:
        x86_ext8u(s, args[0], args[1]);
        break;
    case INDEX_op_ext16s:
        x86_ext16s(s, rexw, args[0], args[1]);
        break;
    case INDEX_op_ext16u:
        x86_ext16u(s, args[0], args[1]);
        break;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        x86_ext32s(s, args[0], args[1]);
        break;
    case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64:
        x86_ext32u(s, args[0], args[1]);
        break;
    case INDEX_op_extrl_i64_i32:
        x86_mov(s, false, args[0], args[1]);
        break;
    case INDEX_op_extrh_i64_i32:
        if (have_feat(X86_FEAT_BMI2)) {
            x86_vex_modrm(s, OPC_RORX | X86_P_W, args[0], 0, args[1]);
            tcg_out8(s, 32);
        } else {
            x86_mov(s, true, args[0], args[1]);
            x86_shift_ri(s, SHIFT_SHR, true, args[0], 32);
        }
        break;

    case INDEX_op_deposit:
        x86_out_deposit(s, rexw, args[0], args[1], args[2], args[3], args[4]);
        break;
    case INDEX_op_extract:
    case INDEX_op_sextract:
        x86_out_extract(s, op->opc == INDEX_op_sextract, rexw, args[0],
                        args[1], args[2], args[3]);
        break;
    case INDEX_op_extract2: {
        unsigned pos = args[3] & (rexw ? 63 : 31);
        TCGReg out = args[0], a = args[1], b = args[2];
        if (pos == 0) {
            x86_mov(s, rexw, out, a);
            break;
        }
        if (out == b && out != a) {
            x86_mov(s, rexw, X86_TMP, b);
            b = X86_TMP;
        }
        x86_mov(s, rexw, out, a);
        x86_modrm(s, OPC_SHRD_Ib | w, b, out);
        tcg_out8(s, pos);
        break;
    }

    case INDEX_op_bswap16:
        x86_mov(s, false, args[0], args[1]);
        x86_bswap(s, false, args[0]);
        x86_shift_ri(s, SHIFT_SHR, false, args[0], 16);
        break;
    case INDEX_op_bswap32:
        x86_mov(s, false, args[0], args[1]);
        x86_bswap(s, false, args[0]);
        break;
    case INDEX_op_bswap64:
        x86_mov(s, true, args[0], args[1]);
        x86_bswap(s, true, args[0]);
        break;

    case INDEX_op_clz:
    case INDEX_op_ctz:
        x86_out_count(s, op->opc == INDEX_op_clz, rexw, args[0], args[1],
                      args[2], const_args[2]);
        break;
    case INDEX_op_ctpop:
        x86_out_ctpop(s, rexw, args[0], args[1]);
        break;

    case INDEX_op_add2:
    case INDEX_op_sub2:
        x86_out_addsub2(s, op->opc == INDEX_op_sub2, rexw, args, const_args);
        break;
    case INDEX_op_mulu2:
    case INDEX_op_muls2:
        x86_out_mul2(s, op->opc == INDEX_op_muls2, rexw, args[0], args[1],
                     args[2], args[3]);
        break;

    case INDEX_op_qemu_ld:
        x86_out_qemu_ld(s, op->type, args[0], args[1], (MemOpIdx)args[2]);
        break;
    case INDEX_op_qemu_st:
        x86_out_qemu_st(s, op->type, args[0], const_args[0],
                        (int64_t)args[0], args[1], (MemOpIdx)args[2]);
        break;

    case INDEX_op_goto_tb:
        x86_out_goto_tb(s, (unsigned)args[0]);
        break;
    case INDEX_op_exit_tb:
        if (args[0] == 0) {
            x86_jmp_abs(s, s->code_gen_epilogue);
        } else {
            x86_movi(s, true, X86_RAX, (int64_t)args[0], false);
            x86_jmp_abs(s, s->tb_ret_addr);
        }
        break;
    case INDEX_op_goto_ptr:
        x86_modrm(s, OPC_GRP5, EXT5_JMP_Ev, args[0]);
        break;

    default:
        tcg_abort_msg("x86_64: unhandled op %s", tcg_op_defs[op->opc].name);
    }
}

/* ------------------------------------------------------------------ */
/* Prologue, calls, chaining                                           */

static const TCGReg x86_saved_regs[] = {
    X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15,
};

static void x86_out_prologue(TCGContext *s)
{
    int n = (int)(sizeof(x86_saved_regs) / sizeof(x86_saved_regs[0]));

    s->code_gen_prologue = x86_rx(s, s->code_ptr);
    for (int i = 0; i < n; i++) {
        x86_push(s, x86_saved_regs[i]);
    }
    x86_mov(s, true, X86_ENV_REG, X86_RDI);
    if (s->mem_mode == TCG_MEM_USER && s->guest_base != 0 &&
        (intptr_t)s->guest_base != (int32_t)s->guest_base) {
        x86_movi(s, true, X86_GUEST_BASE_REG, (int64_t)s->guest_base, false);
        s->reserved_regs |= R(X86_GUEST_BASE_REG);
        s->be_data = (void *)s->guest_base;   /* the value R14 holds */
    }
    x86_arith_ri(s, ARITH_SUB, true, X86_RSP, X86_FRAME_ALLOC);
    x86_modrm(s, OPC_GRP5, EXT5_JMP_Ev, X86_RSI);

    /* exit_tb 0 */
    s->code_gen_epilogue = x86_rx(s, s->code_ptr);
    x86_movi(s, false, X86_RAX, 0, false);
    /* return RAX */
    s->tb_ret_addr = x86_rx(s, s->code_ptr);
    x86_arith_ri(s, ARITH_ADD, true, X86_RSP, X86_FRAME_ALLOC);
    for (int i = n - 1; i >= 0; i--) {
        x86_pop(s, x86_saved_regs[i]);
    }
    tcg_out8(s, OPC_RET);
}

static void x86_out_call(TCGContext *s, const TCGHelperInfo *info)
{
    x86_block_start_check(s);
    x86_call_abs(s, info->func);
}

static uintptr_t x86_tb_exec(TCGContext *s, void *env, const void *code_rx)
{
    uintptr_t (*entry)(void *, const void *) =
        (uintptr_t (*)(void *, const void *))s->code_gen_prologue;

    return entry(env, code_rx);
}

static void x86_set_jmp_target(uintptr_t jmp_rx, uintptr_t jmp_rw,
                               uintptr_t addr)
{
    intptr_t disp = (intptr_t)(addr - (jmp_rx + 5));

    tcg_debug_assert(disp == (int32_t)disp);
    tcg_debug_assert(((jmp_rw + 1) & 3) == 0);
    __atomic_store_n((uint32_t *)(jmp_rw + 1), (uint32_t)disp,
                     __ATOMIC_RELEASE);
}

const TCGBackend tcg_backend_x86_64 = {
    .name = "x86_64",
    .nb_regs = X86_NB_REGS,
    .reg_names = x86_reg_names,
    .alloc_order = x86_alloc_order,
    .alloc_order_len = (int)(sizeof(x86_alloc_order) /
                             sizeof(x86_alloc_order[0])),
    .reserved_regs = X86_RESERVED,
    .call_clobber_regs = X86_CALL_CLOBBER,
    .call_iarg_regs = x86_call_iarg_regs,
    .call_oarg_reg = X86_RAX,
    .env_reg = X86_ENV_REG,
    .frame_reg = X86_RSP,
    .frame_start = X86_FRAME_START,
    .frame_size = X86_FRAME_SIZE,
    .op_constraints = x86_op_constraints,
    .const_match = x86_const_match,
    .out_prologue = x86_out_prologue,
    .out_mov = x86_out_mov,
    .out_movi = x86_out_movi,
    .out_ld = x86_out_ld,
    .out_st = x86_out_st,
    .out_op = x86_out_op,
    .out_call = x86_out_call,
    .patch_reloc = x86_patch_reloc,
    .tb_finalize = x86_tb_finalize,
    .tb_exec = x86_tb_exec,
    .set_jmp_target = x86_set_jmp_target,
    .disas = x86_disas,
    .vec_supported = x86_vec_supported,
};
