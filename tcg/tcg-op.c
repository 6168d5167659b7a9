/*
 * Front-end emitters: tcg_gen_<op>_<width>() append ops to the block.
 * Immediate forms go through interned constants (tcg_constant_*), which
 * the optimizer folds and the allocator may pass to the backend directly.
 */
#include "tcg/tcg-op.h"
#include "exec/tb-exit.h"

#define HELPER_H "tcg/helper-tcg.h"
#include "tcg/helper-gen.h.inc"

TCGOp *tcg_gen_op1(TCGOpcode opc, TCGType t, TCGArg a1)
{
    TCGOp *op = tcg_emit_op(opc, t, 1);
    op->args[0] = a1;
    return op;
}

TCGOp *tcg_gen_op2(TCGOpcode opc, TCGType t, TCGArg a1, TCGArg a2)
{
    TCGOp *op = tcg_emit_op(opc, t, 2);
    op->args[0] = a1;
    op->args[1] = a2;
    return op;
}

TCGOp *tcg_gen_op3(TCGOpcode opc, TCGType t, TCGArg a1, TCGArg a2, TCGArg a3)
{
    TCGOp *op = tcg_emit_op(opc, t, 3);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    return op;
}

TCGOp *tcg_gen_op4(TCGOpcode opc, TCGType t, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4)
{
    TCGOp *op = tcg_emit_op(opc, t, 4);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    return op;
}

TCGOp *tcg_gen_op5(TCGOpcode opc, TCGType t, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4, TCGArg a5)
{
    TCGOp *op = tcg_emit_op(opc, t, 5);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    return op;
}

TCGOp *tcg_gen_op6(TCGOpcode opc, TCGType t, TCGArg a1, TCGArg a2, TCGArg a3,
                   TCGArg a4, TCGArg a5, TCGArg a6)
{
    TCGOp *op = tcg_emit_op(opc, t, 6);
    op->args[0] = a1;
    op->args[1] = a2;
    op->args[2] = a3;
    op->args[3] = a4;
    op->args[4] = a5;
    op->args[5] = a6;
    return op;
}

#define A(v) ((TCGArg)(v).t)

/* Both widths share one body; W is the suffix, TV the handle type. */
#define TCG_OP_DEFS(W, TV, TYPE, CONST)                                       \
void tcg_gen_mov_##W(TV ret, TV arg)                                          \
{ if (ret.t != arg.t) tcg_gen_op2(INDEX_op_mov, TYPE, A(ret), A(arg)); }      \
void tcg_gen_movi_##W(TV ret, int64_t arg)                                    \
{ tcg_gen_op2(INDEX_op_movi, TYPE, A(ret),                                    \
              TYPE == TCG_TYPE_I32 ? (TCGArg)(int64_t)(int32_t)arg : (TCGArg)arg); } \
void tcg_gen_add_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_add, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_sub_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_sub, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_mul_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_mul, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_div_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_div, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_divu_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_divu, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_rem_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_rem, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_remu_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_remu, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_and_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_and, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_or_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_or, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_xor_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_xor, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_andc_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_andc, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_orc_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_orc, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_shl_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_shl, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_shr_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_shr, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_sar_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_sar, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_rotl_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_rotl, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_rotr_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_rotr, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_clz_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_clz, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_ctz_##W(TV r, TV a, TV b) { tcg_gen_op3(INDEX_op_ctz, TYPE, A(r), A(a), A(b)); } \
void tcg_gen_addi_##W(TV r, TV a, int64_t b)                                  \
{ if (b == 0) tcg_gen_mov_##W(r, a); else tcg_gen_add_##W(r, a, CONST(b)); }  \
void tcg_gen_subi_##W(TV r, TV a, int64_t b)                                  \
{ if (b == 0) tcg_gen_mov_##W(r, a); else tcg_gen_sub_##W(r, a, CONST(b)); }  \
void tcg_gen_muli_##W(TV r, TV a, int64_t b) { tcg_gen_mul_##W(r, a, CONST(b)); } \
void tcg_gen_andi_##W(TV r, TV a, int64_t b) { tcg_gen_and_##W(r, a, CONST(b)); } \
void tcg_gen_ori_##W(TV r, TV a, int64_t b) { tcg_gen_or_##W(r, a, CONST(b)); } \
void tcg_gen_xori_##W(TV r, TV a, int64_t b) { tcg_gen_xor_##W(r, a, CONST(b)); } \
void tcg_gen_shli_##W(TV r, TV a, int64_t b) { tcg_gen_shl_##W(r, a, CONST(b)); } \
void tcg_gen_shri_##W(TV r, TV a, int64_t b) { tcg_gen_shr_##W(r, a, CONST(b)); } \
void tcg_gen_sari_##W(TV r, TV a, int64_t b) { tcg_gen_sar_##W(r, a, CONST(b)); } \
void tcg_gen_rotli_##W(TV r, TV a, int64_t b) { tcg_gen_rotl_##W(r, a, CONST(b)); } \
void tcg_gen_rotri_##W(TV r, TV a, int64_t b) { tcg_gen_rotr_##W(r, a, CONST(b)); } \
void tcg_gen_clzi_##W(TV r, TV a, int64_t b) { tcg_gen_clz_##W(r, a, CONST(b)); } \
void tcg_gen_ctzi_##W(TV r, TV a, int64_t b) { tcg_gen_ctz_##W(r, a, CONST(b)); } \
void tcg_gen_neg_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_neg, TYPE, A(r), A(a)); } \
void tcg_gen_not_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_not, TYPE, A(r), A(a)); } \
void tcg_gen_ext8s_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_ext8s, TYPE, A(r), A(a)); } \
void tcg_gen_ext8u_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_ext8u, TYPE, A(r), A(a)); } \
void tcg_gen_ext16s_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_ext16s, TYPE, A(r), A(a)); } \
void tcg_gen_ext16u_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_ext16u, TYPE, A(r), A(a)); } \
void tcg_gen_bswap16_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_bswap16, TYPE, A(r), A(a)); } \
void tcg_gen_bswap32_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_bswap32, TYPE, A(r), A(a)); } \
void tcg_gen_ctpop_##W(TV r, TV a) { tcg_gen_op2(INDEX_op_ctpop, TYPE, A(r), A(a)); } \
void tcg_gen_deposit_##W(TV r, TV a, TV b, unsigned pos, unsigned len)        \
{ check_field(TYPE, pos, len);                                                \
  if (len == tcg_type_bits(TYPE)) { tcg_gen_mov_##W(r, b); return; }          \
  tcg_gen_op5(INDEX_op_deposit, TYPE, A(r), A(a), A(b), pos, len); }          \
void tcg_gen_extract_##W(TV r, TV a, unsigned pos, unsigned len)              \
{ check_field(TYPE, pos, len);                                                \
  tcg_gen_op4(INDEX_op_extract, TYPE, A(r), A(a), pos, len); }                \
void tcg_gen_sextract_##W(TV r, TV a, unsigned pos, unsigned len)             \
{ check_field(TYPE, pos, len);                                                \
  tcg_gen_op4(INDEX_op_sextract, TYPE, A(r), A(a), pos, len); }               \
void tcg_gen_extract2_##W(TV r, TV lo, TV hi, unsigned pos)                   \
{ tcg_debug_assert(pos < tcg_type_bits(TYPE));                                \
  tcg_gen_op4(INDEX_op_extract2, TYPE, A(r), A(lo), A(hi), pos); }            \
void tcg_gen_setcond_##W(TCGCond c, TV r, TV a, TV b)                         \
{ tcg_gen_op4(INDEX_op_setcond, TYPE, A(r), A(a), A(b), c); }                 \
void tcg_gen_setcondi_##W(TCGCond c, TV r, TV a, int64_t b)                   \
{ tcg_gen_setcond_##W(c, r, a, CONST(b)); }                                   \
void tcg_gen_movcond_##W(TCGCond c, TV r, TV c1, TV c2, TV v1, TV v2)         \
{ tcg_gen_op6(INDEX_op_movcond, TYPE, A(r), A(c1), A(c2), A(v1), A(v2), c); } \
void tcg_gen_brcond_##W(TCGCond c, TV a, TV b, TCGLabel *l)                   \
{ if (c == TCG_COND_ALWAYS) { tcg_gen_br(l); return; }                        \
  if (c == TCG_COND_NEVER) return;                                            \
  l->refs = true;                                                             \
  tcg_gen_op4(INDEX_op_brcond, TYPE, A(a), A(b), c, label_arg(l)); }          \
void tcg_gen_brcondi_##W(TCGCond c, TV a, int64_t b, TCGLabel *l)             \
{ tcg_gen_brcond_##W(c, a, CONST(b), l); }                                    \
void tcg_gen_add2_##W(TV rl, TV rh, TV al, TV ah, TV bl, TV bh)               \
{ tcg_gen_op6(INDEX_op_add2, TYPE, A(rl), A(rh), A(al), A(ah), A(bl), A(bh)); } \
void tcg_gen_sub2_##W(TV rl, TV rh, TV al, TV ah, TV bl, TV bh)               \
{ tcg_gen_op6(INDEX_op_sub2, TYPE, A(rl), A(rh), A(al), A(ah), A(bl), A(bh)); } \
void tcg_gen_mulu2_##W(TV rl, TV rh, TV a, TV b)                              \
{ tcg_gen_op4(INDEX_op_mulu2, TYPE, A(rl), A(rh), A(a), A(b)); }              \
void tcg_gen_muls2_##W(TV rl, TV rh, TV a, TV b)                              \
{ tcg_gen_op4(INDEX_op_muls2, TYPE, A(rl), A(rh), A(a), A(b)); }              \
void tcg_gen_ld8u_##W(TV r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld8u, TYPE, A(r), A(b), o); } \
void tcg_gen_ld8s_##W(TV r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld8s, TYPE, A(r), A(b), o); } \
void tcg_gen_ld16u_##W(TV r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld16u, TYPE, A(r), A(b), o); } \
void tcg_gen_ld16s_##W(TV r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld16s, TYPE, A(r), A(b), o); } \
void tcg_gen_ld_##W(TV r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld, TYPE, A(r), A(b), o); } \
void tcg_gen_st8_##W(TV v, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_st8, TYPE, A(v), A(b), o); } \
void tcg_gen_st16_##W(TV v, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_st16, TYPE, A(v), A(b), o); } \
void tcg_gen_st_##W(TV v, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_st, TYPE, A(v), A(b), o); } \
void tcg_gen_qemu_ld_##W(TV v, TCGv_i64 addr, unsigned idx, MemOp mop)        \
{ check_memop(TYPE, &mop);                                                    \
  tcg_gen_op3(INDEX_op_qemu_ld, TYPE, A(v), A(addr), make_memop_idx(mop, idx)); } \
void tcg_gen_qemu_st_##W(TV v, TCGv_i64 addr, unsigned idx, MemOp mop)        \
{ check_memop(TYPE, &mop); mop &= ~MO_SIGN;                                   \
  tcg_gen_op3(INDEX_op_qemu_st, TYPE, A(v), A(addr), make_memop_idx(mop, idx)); } \
void tcg_gen_discard_##W(TV a) { tcg_gen_op1(INDEX_op_discard, TYPE, A(a)); }

static void check_field(TCGType type, unsigned pos, unsigned len)
{
    if (len == 0 || pos + len > tcg_type_bits(type)) {
        tcg_abort_msg("bit field pos %u len %u out of range", pos, len);
    }
}

static void check_memop(TCGType type, MemOp *mop)
{
    if (type == TCG_TYPE_I32 && (*mop & MO_SIZE) == MO_64) {
        tcg_abort_msg("64-bit guest access into an i32");
    }
    /* A full-width load has nothing to extend, and bytes have no order. */
    if ((*mop & MO_SIZE) == (type == TCG_TYPE_I32 ? MO_32 : MO_64)) {
        *mop &= ~MO_SIGN;
    }
    if ((*mop & MO_SIZE) == MO_8) {
        *mop &= ~MO_BSWAP;
    }
}

TCG_OP_DEFS(i32, TCGv_i32, TCG_TYPE_I32, tcg_constant_i32)
TCG_OP_DEFS(i64, TCGv_i64, TCG_TYPE_I64, tcg_constant_i64)

void tcg_gen_ext32s_i64(TCGv_i64 r, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext32s, TCG_TYPE_I64, A(r), A(a)); }
void tcg_gen_ext32u_i64(TCGv_i64 r, TCGv_i64 a) { tcg_gen_op2(INDEX_op_ext32u, TCG_TYPE_I64, A(r), A(a)); }
void tcg_gen_bswap64_i64(TCGv_i64 r, TCGv_i64 a) { tcg_gen_op2(INDEX_op_bswap64, TCG_TYPE_I64, A(r), A(a)); }
void tcg_gen_ld32u_i64(TCGv_i64 r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld32u, TCG_TYPE_I64, A(r), A(b), o); }
void tcg_gen_ld32s_i64(TCGv_i64 r, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_ld32s, TCG_TYPE_I64, A(r), A(b), o); }
void tcg_gen_st32_i64(TCGv_i64 v, TCGv_ptr b, intptr_t o) { tcg_gen_op3(INDEX_op_st32, TCG_TYPE_I64, A(v), A(b), o); }

void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a) { tcg_gen_op2(INDEX_op_ext_i32_i64, TCG_TYPE_I64, A(r), A(a)); }
void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a) { tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_TYPE_I64, A(r), A(a)); }
void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a) { tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, A(r), A(a)); }
void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a) { tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, A(r), A(a)); }

void tcg_gen_br(TCGLabel *l)
{
    l->refs = true;
    tcg_gen_op1(INDEX_op_br, TCG_TYPE_I64, label_arg(l));
}

void tcg_gen_set_label(TCGLabel *l)
{
    l->present = true;
    tcg_gen_op1(INDEX_op_set_label, TCG_TYPE_I64, label_arg(l));
}

void tcg_gen_mb(unsigned bar)
{
    tcg_gen_op1(INDEX_op_mb, TCG_TYPE_I64, bar);
}

void tcg_gen_insn_start(uint64_t pc, uint64_t data1)
{
    tcg_gen_op2(INDEX_op_insn_start, TCG_TYPE_I64, pc, data1);
}

void tcg_gen_goto_tb(unsigned idx)
{
    tcg_debug_assert(idx <= TB_EXIT_IDXMAX);
    tcg_gen_op1(INDEX_op_goto_tb, TCG_TYPE_I64, idx);
}

void tcg_gen_exit_tb(uintptr_t tb, unsigned idx)
{
    tcg_debug_assert(idx <= TB_EXIT_MASK && (tb & TB_EXIT_MASK) == 0);
    tcg_debug_assert(tb != 0 || idx == 0);
    tcg_gen_op1(INDEX_op_exit_tb, TCG_TYPE_I64, tb | idx);
}

void tcg_gen_goto_ptr(TCGv_ptr dest)
{
    tcg_gen_op1(INDEX_op_goto_ptr, TCG_TYPE_I64, A(dest));
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    TCGv_ptr ptr = tcg_temp_new_i64();

    gen_helper_lookup_tb_ptr(ptr, tcg_env);
    tcg_gen_goto_ptr(ptr);
    tcg_temp_free_i64(ptr);
}
