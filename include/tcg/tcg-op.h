/*
 * The front end's way of emitting IR: tcg_gen_<op>_<i32|i64>(...).
 * Each function appends one op (or a few) to the current block.
 * Names follow QEMU's TCG so that readers of either feel at home.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg/tcg.h"

/* Raw op emission by type; args are TCGArg (temp index, label, const). */
TCGOp *tcg_gen_op1(TCGOpcode, TCGType, TCGArg);
TCGOp *tcg_gen_op2(TCGOpcode, TCGType, TCGArg, TCGArg);
TCGOp *tcg_gen_op3(TCGOpcode, TCGType, TCGArg, TCGArg, TCGArg);
TCGOp *tcg_gen_op4(TCGOpcode, TCGType, TCGArg, TCGArg, TCGArg, TCGArg);
TCGOp *tcg_gen_op5(TCGOpcode, TCGType, TCGArg, TCGArg, TCGArg, TCGArg, TCGArg);
TCGOp *tcg_gen_op6(TCGOpcode, TCGType, TCGArg, TCGArg, TCGArg, TCGArg, TCGArg,
                   TCGArg);

#define TCG_OP_DECLS(W, TV)                                                   \
void tcg_gen_mov_##W(TV ret, TV arg);                                         \
void tcg_gen_movi_##W(TV ret, int64_t arg);                                   \
void tcg_gen_add_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_sub_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_mul_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_div_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_divu_##W(TV ret, TV a, TV b);                                    \
void tcg_gen_rem_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_remu_##W(TV ret, TV a, TV b);                                    \
void tcg_gen_and_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_or_##W(TV ret, TV a, TV b);                                      \
void tcg_gen_xor_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_andc_##W(TV ret, TV a, TV b);                                    \
void tcg_gen_orc_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_shl_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_shr_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_sar_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_rotl_##W(TV ret, TV a, TV b);                                    \
void tcg_gen_rotr_##W(TV ret, TV a, TV b);                                    \
void tcg_gen_clz_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_ctz_##W(TV ret, TV a, TV b);                                     \
void tcg_gen_addi_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_subi_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_muli_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_andi_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_ori_##W(TV ret, TV a, int64_t b);                                \
void tcg_gen_xori_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_shli_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_shri_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_sari_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_rotli_##W(TV ret, TV a, int64_t b);                              \
void tcg_gen_rotri_##W(TV ret, TV a, int64_t b);                              \
void tcg_gen_clzi_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_ctzi_##W(TV ret, TV a, int64_t b);                               \
void tcg_gen_neg_##W(TV ret, TV a);                                           \
void tcg_gen_not_##W(TV ret, TV a);                                           \
void tcg_gen_ext8s_##W(TV ret, TV a);                                         \
void tcg_gen_ext8u_##W(TV ret, TV a);                                         \
void tcg_gen_ext16s_##W(TV ret, TV a);                                        \
void tcg_gen_ext16u_##W(TV ret, TV a);                                        \
void tcg_gen_bswap16_##W(TV ret, TV a);                                       \
void tcg_gen_bswap32_##W(TV ret, TV a);                                       \
void tcg_gen_ctpop_##W(TV ret, TV a);                                         \
void tcg_gen_deposit_##W(TV ret, TV a, TV b, unsigned pos, unsigned len);     \
void tcg_gen_extract_##W(TV ret, TV a, unsigned pos, unsigned len);           \
void tcg_gen_sextract_##W(TV ret, TV a, unsigned pos, unsigned len);          \
void tcg_gen_extract2_##W(TV ret, TV lo, TV hi, unsigned pos);                \
void tcg_gen_setcond_##W(TCGCond c, TV ret, TV a, TV b);                      \
void tcg_gen_setcondi_##W(TCGCond c, TV ret, TV a, int64_t b);                \
void tcg_gen_movcond_##W(TCGCond c, TV ret, TV c1, TV c2, TV v1, TV v2);      \
void tcg_gen_brcond_##W(TCGCond c, TV a, TV b, TCGLabel *l);                  \
void tcg_gen_brcondi_##W(TCGCond c, TV a, int64_t b, TCGLabel *l);            \
void tcg_gen_add2_##W(TV rl, TV rh, TV al, TV ah, TV bl, TV bh);              \
void tcg_gen_sub2_##W(TV rl, TV rh, TV al, TV ah, TV bl, TV bh);              \
void tcg_gen_mulu2_##W(TV rl, TV rh, TV a, TV b);                             \
void tcg_gen_muls2_##W(TV rl, TV rh, TV a, TV b);                             \
void tcg_gen_ld8u_##W(TV ret, TCGv_ptr base, intptr_t ofs);                   \
void tcg_gen_ld8s_##W(TV ret, TCGv_ptr base, intptr_t ofs);                   \
void tcg_gen_ld16u_##W(TV ret, TCGv_ptr base, intptr_t ofs);                  \
void tcg_gen_ld16s_##W(TV ret, TCGv_ptr base, intptr_t ofs);                  \
void tcg_gen_ld_##W(TV ret, TCGv_ptr base, intptr_t ofs);                     \
void tcg_gen_st8_##W(TV val, TCGv_ptr base, intptr_t ofs);                    \
void tcg_gen_st16_##W(TV val, TCGv_ptr base, intptr_t ofs);                   \
void tcg_gen_st_##W(TV val, TCGv_ptr base, intptr_t ofs);                     \
void tcg_gen_qemu_ld_##W(TV val, TCGv_i64 addr, unsigned mmu_idx, MemOp mop); \
void tcg_gen_qemu_st_##W(TV val, TCGv_i64 addr, unsigned mmu_idx, MemOp mop); \
void tcg_gen_discard_##W(TV arg);

TCG_OP_DECLS(i32, TCGv_i32)
TCG_OP_DECLS(i64, TCGv_i64)
#undef TCG_OP_DECLS

/* i64 only. */
void tcg_gen_ext32s_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ext32u_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_bswap64_i64(TCGv_i64 ret, TCGv_i64 a);
void tcg_gen_ld32u_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_ld32s_i64(TCGv_i64 ret, TCGv_ptr base, intptr_t ofs);
void tcg_gen_st32_i64(TCGv_i64 val, TCGv_ptr base, intptr_t ofs);

/* Width changes. */
void tcg_gen_ext_i32_i64(TCGv_i64 ret, TCGv_i32 a);    /* sign-extend */
void tcg_gen_extu_i32_i64(TCGv_i64 ret, TCGv_i32 a);   /* zero-extend */
void tcg_gen_extrl_i64_i32(TCGv_i32 ret, TCGv_i64 a);  /* low half */
void tcg_gen_extrh_i64_i32(TCGv_i32 ret, TCGv_i64 a);  /* high half */

/* Control flow and block structure. */
void tcg_gen_br(TCGLabel *l);
void tcg_gen_set_label(TCGLabel *l);
void tcg_gen_mb(unsigned bar);
void tcg_gen_insn_start(uint64_t pc, uint64_t data1);
void tcg_gen_goto_tb(unsigned idx);
/* Leave the block returning tb | idx (tb may be 0, then idx must be 0). */
void tcg_gen_exit_tb(uintptr_t tb, unsigned idx);
void tcg_gen_goto_ptr(TCGv_ptr dest);
/* Look the next block up (helper_lookup_tb_ptr) and jump to it. */
void tcg_gen_lookup_and_goto_ptr(void);

#endif
