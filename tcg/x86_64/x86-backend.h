/*
 * Internal interfaces shared by the files of the x86-64 JIT backend.
 */
#ifndef TCG_X86_64_BACKEND_H
#define TCG_X86_64_BACKEND_H

#include "encode.h"

#define R(x) (1ull << (x))

/*
 * Register roles.
 *   RBP  env (CPU state pointer)
 *   RSP  frame: spill slots at [rsp + 0, rsp + X86_FRAME_SIZE)
 *   R11  backend scratch (never allocated)
 *   R14  guest_base in user mode when it does not fit a simm32
 *        displacement (added to s->reserved_regs by the prologue only
 *        in that case; otherwise allocatable)
 */
#define X86_ENV_REG        X86_RBP
#define X86_TMP            X86_R11
#define X86_GUEST_BASE_REG X86_R14

#define X86_RESERVED  (R(X86_RSP) | R(X86_ENV_REG) | R(X86_TMP))
#define X86_ALL_REGS  (0xffffull & ~X86_RESERVED)

/* Spill area above the (empty: at most 6 register args) outgoing area. */
#define X86_FRAME_START 0
#define X86_FRAME_SIZE  (128 * 8)
/* 6 pushes + return address = 56 bytes; 56 + 1032 is a multiple of 16. */
#define X86_FRAME_ALLOC (X86_FRAME_SIZE + 8)

/* Scratch registers of the soft-MMU fast path (excluded from the address
 * and value inputs of qemu_ld/qemu_st). */
#define X86_TLB_T0 X86_RDI
#define X86_TLB_T1 X86_RSI

/* Relocation types. */
enum { R_X86_PC32 = 1 };

/* Emit a branch (jcc < 0: jmp) to a label, with a relocation. */
void x86_jcc_label(TCGContext *s, int jcc, TCGLabel *l);

/* ldst.c */
void x86_out_qemu_ld(TCGContext *s, TCGType type, TCGReg data, TCGReg addr,
                     MemOpIdx oi);
void x86_out_qemu_st(TCGContext *s, TCGType type, TCGReg data,
                     bool data_const, int64_t data_val, TCGReg addr,
                     MemOpIdx oi);
bool x86_tb_finalize(TCGContext *s);
/* Forget slow paths of an abandoned block when a new one starts. */
void x86_block_start_check(TCGContext *s);

/* vec.c: vector ops (include/tcg/tcg-vec.h) */
bool x86_vec_supported(TCGOpcode opc, uint32_t vdesc);
void x86_out_vec(TCGContext *s, const TCGOp *op, const TCGArg *args);

/* disas.c */
void x86_disas(FILE *f, const void *code_rx, size_t size);

#endif
