/*
 * The interpreter backend ("interp"): the same IR, after the same
 * optimizer, liveness and register allocator as the JIT, is lowered to a
 * compact bytecode which tci_tb_exec() runs.  It lets tern work on hosts
 * without a JIT and lets tests compare both backends op by op.
 *
 * Machine model
 *   16 virtual 64-bit registers r0..r15.  r14 holds env, r15 points at a
 *   spill frame of TCI_FRAME_WORDS uint64_t that tci_tb_exec() keeps on
 *   its C stack (frame_start 0).  Helper arguments go in r0..r6, the
 *   result comes back in r0; r0..r7 count as call-clobbered so that the
 *   allocator keeps long-lived values in r8..r13 (allocated first).  With
 *   only 14 allocatable registers the spill paths get exercised.
 *   A register holding an i32 has undefined high 32 bits: every
 *   instruction whose low 32 result bits depend on the high input bits
 *   (shr, sar, rotates, div/rem, compares, clz, ...) exists in a 32-bit
 *   form that truncates or extends its inputs itself.
 *
 * Encoding
 *   Instructions are 32-bit little-endian words, aligned to 4 bytes
 *   relative to the block start, possibly followed by more words:
 *     bits 0..7    opcode (enum TCIOp)
 *     bits 8..31   up to six 4-bit register fields F0..F5 (F0 = bits 8..11)
 *                  and/or small constants, see the per-format notes below.
 *   "imm16x" is a signed 16-bit field in bits 16..31; the value -32768
 *   escapes to a full 64-bit immediate in the next 8 bytes.  Host ld/st
 *   offsets, movi values and exit_tb values use it, and so do the
 *   register-immediate forms: the last input of add, sub, and, or, xor,
 *   shl, shr, sar and brcond accepts any constant (constraint bit
 *   CT_TCI_IMM), which saves the allocator's movi into a register.
 *   Branch targets are 32-bit offsets relative to the address of the
 *   offset word itself (relocation type R_TCI_REL32).
 *   Multi-byte operands after the first word are read with memcpy, so
 *   nothing but the goto_tb slot needs any alignment.
 *   The loop uses threaded dispatch (a label per opcode, computed goto)
 *   and each handler decodes only the fields it uses.
 *
 * Control flow
 *   exit_tb v        returns v from tci_tb_exec().
 *   goto_tb n        the opcode word is followed by 0/4 bytes of padding
 *                    and an 8-byte-aligned slot holding the (rx) address of
 *                    the next instruction to run.  Unlinked, the slot points
 *                    just past itself (tb_jmp_reset_offset); linking stores a
 *                    block's start there atomically (tci_set_jmp_target).
 *                    tb_jmp_insn_offset is the offset of the opcode word,
 *                    which is the jmp_rx handed back to set_jmp_target.
 *   goto_ptr r       continues at the bytecode address in r.
 *   The "prologue" is pure data: a single "exit_tb 0" which serves as
 *   code_gen_epilogue (helper_lookup_tb_ptr returns it on a miss).  The
 *   interpreter has no entry or return sequence, so code_gen_prologue and
 *   tb_ret_addr point at the same instruction.
 *
 * Calls and guest memory
 *   call info        arguments in r0.., result in r0, through libffi with
 *                    the cif built by tcg_helper_ffi_cif().  i32 results are
 *                    zero-extended, s32 sign-extended (libffi widens them).
 *   qemu_ld/st       user mode: host = guest_base + addr (guest_base is in
 *                    the instruction); soft-MMU: the same TLB fast path the
 *                    JIT emits (exec/tlb-common.h), calling s->ld_slow /
 *                    s->st_slow (pointers in the instruction) on a miss.
 *   While a helper, a slow path or a user-mode guest access runs,
 *   tci_retaddr holds the rx address just past the instruction, so GETPC()
 *   and a user-mode SIGSEGV handler can find the guest instruction; it is
 *   cleared when the access returns normally (the execution loop clears it
 *   after a longjmp).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <ffi.h>

#include "tcg/tcg.h"
#include "tcg/tcg-vec.h"
#include "exec/memop.h"
#include "exec/tlb-common.h"

__thread uintptr_t tci_retaddr;

/* ------------------------------------------------------------------ */
/* Registers                                                           */

#define TCI_NB_REGS     16
#define TCI_REG_ENV     14
#define TCI_REG_FRAME   15
#define TCI_FRAME_WORDS 256
#define TCI_ALLOC_MASK  ((TCGRegSet)0x3fff)

#define R_TCI_REL32     1

static const char *const tci_reg_names[TCI_NB_REGS] = {
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
    "r8", "r9", "r10", "r11", "r12", "r13", "env", "frame",
};

static const TCGReg tci_alloc_order[] = {
    8, 9, 10, 11, 12, 13, 7, 6, 5, 4, 3, 2, 1, 0,
};

static const TCGReg tci_call_iarg_regs[TCG_MAX_CALL_IARGS] = {
    0, 1, 2, 3, 4, 5, 6,
};

/* ------------------------------------------------------------------ */
/* Instruction set                                                     */

/* Operand formats (emission, execution and disassembly agree on them). */
typedef enum TCIFmt {
    FMT_NONE,       /* -                                          */
    FMT_R1,         /* F0                                         */
    FMT_R2,         /* F0 = op F1                                 */
    FMT_R3,         /* F0 = F1 op F2                              */
    FMT_R4,         /* F0, F1 = F2 op F3                          */
    FMT_R6,         /* F0, F1 = (F3:F2) op (F5:F4)                */
    FMT_MOVI,       /* F0 = imm16x                                */
    FMT_LDST,       /* F0 <-> [F1 + imm16x]                       */
    FMT_SETC,       /* F0 = F1 cond(bits 20..23) F2               */
    FMT_MOVC,       /* F0 = F1 cond(bits 28..31) F2 ? F3 : F4     */
    FMT_BRC,        /* if F0 cond(bits 16..19) F1 goto rel32      */
    FMT_BR,         /* goto rel32                                 */
    FMT_DEP,        /* F0 = dep(F1, F2, pos 20..25, len-1 26..31) */
    FMT_EXT,        /* F0 = ext(F1, pos 16..21, len-1 22..27)     */
    FMT_EXT2,       /* F0 = (F2:F1) >> pos(bits 20..25)           */
    FMT_MB,         /* barrier kind in bits 8..15                 */
    FMT_QUSER,      /* F0, [F1], addr bits 16..23: + oi32 + guest_base64 */
    FMT_QMMU,       /* F0, [F1], page_bits 16..21: + oi32 + tlb_ofs64 + slow64 */
    FMT_CALL,       /* + info64                                   */
    FMT_EXIT,       /* return imm16x                              */
    FMT_GOTO_TB,    /* + pad to 8 + slot64                        */
    FMT_RI,         /* F0 = F1 op imm16x                          */
    FMT_BRCI,       /* if F0 cond(bits 12..15) imm16x goto rel32  */
    FMT_VEC,        /* base F0, IR opcode 16..31: + vdesc32 + ofs32 x slots */
} TCIFmt;

#define TCI_OPS(X) \
    X(nop, NONE) X(mov, R2) X(movi, MOVI) \
    X(ld8u, LDST) X(ld8s, LDST) X(ld16u, LDST) X(ld16s, LDST) \
    X(ld32u, LDST) X(ld32s, LDST) X(ld64, LDST) \
    X(st8, LDST) X(st16, LDST) X(st32, LDST) X(st64, LDST) \
    X(add, R3) X(sub, R3) X(mul, R3) X(neg, R2) \
    X(and, R3) X(or, R3) X(xor, R3) X(andc, R3) X(orc, R3) X(not, R2) \
    X(div32, R3) X(div64, R3) X(divu32, R3) X(divu64, R3) \
    X(rem32, R3) X(rem64, R3) X(remu32, R3) X(remu64, R3) \
    X(shl32, R3) X(shl64, R3) X(shr32, R3) X(shr64, R3) \
    X(sar32, R3) X(sar64, R3) X(rotl32, R3) X(rotl64, R3) \
    X(rotr32, R3) X(rotr64, R3) \
    X(ext8s, R2) X(ext8u, R2) X(ext16s, R2) X(ext16u, R2) \
    X(ext32s, R2) X(ext32u, R2) X(extrh, R2) \
    X(deposit, DEP) X(extract, EXT) X(sextract, EXT) \
    X(extract2_32, EXT2) X(extract2_64, EXT2) \
    X(bswap16, R2) X(bswap32, R2) X(bswap64, R2) \
    X(clz32, R3) X(clz64, R3) X(ctz32, R3) X(ctz64, R3) \
    X(ctpop32, R2) X(ctpop64, R2) \
    X(add2_32, R6) X(add2_64, R6) X(sub2_32, R6) X(sub2_64, R6) \
    X(mulu2_32, R4) X(mulu2_64, R4) X(muls2_32, R4) X(muls2_64, R4) \
    X(setcond32, SETC) X(setcond64, SETC) \
    X(movcond32, MOVC) X(movcond64, MOVC) \
    X(brcond32, BRC) X(brcond64, BRC) X(br, BR) \
    X(mb, MB) \
    X(qld_user, QUSER) X(qst_user, QUSER) X(qld_mmu, QMMU) X(qst_mmu, QMMU) \
    X(call, CALL) X(exit_tb, EXIT) X(goto_tb, GOTO_TB) X(goto_ptr, R1) \
    X(addi, RI) X(andi, RI) X(ori, RI) X(xori, RI) X(shli, RI) \
    X(shri32, RI) X(shri64, RI) X(sari32, RI) X(sari64, RI) \
    X(brcondi32, BRCI) X(brcondi64, BRCI) \
    X(vec, VEC)

typedef enum TCIOp {
#define X(name, fmt) TCI_##name,
    TCI_OPS(X)
#undef X
    TCI_NB_OPS
} TCIOp;

static const char *const tci_op_names[TCI_NB_OPS] = {
#define X(name, fmt) [TCI_##name] = #name,
    TCI_OPS(X)
#undef X
};

static const uint8_t tci_op_fmt[TCI_NB_OPS] = {
#define X(name, fmt) [TCI_##name] = FMT_##fmt,
    TCI_OPS(X)
#undef X
};

_Static_assert(TCI_NB_OPS <= 256, "TCI opcodes fit 8 bits");

#define IMM16X_ESCAPE 0x8000u

/* Number of register operands (outputs + inputs) of each IR op. */
static const uint8_t ir_nb_regargs[NB_OPS] = {
#define DEF(name, oargs, iargs, cargs, flags) [INDEX_op_##name] = (oargs) + (iargs),
#include "tcg/tcg-opc.h"
};

/* ------------------------------------------------------------------ */
/* Small accessors                                                     */

static inline uint32_t ld32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint64_t ld64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline unsigned field(uint32_t insn, int n)
{
    return (insn >> (8 + 4 * n)) & 15;
}

static inline unsigned bits(uint32_t insn, int pos, int len)
{
    return (insn >> pos) & ((1u << len) - 1);
}

/* Decode an imm16x operand; *p points past the words consumed so far. */
static inline int64_t imm16x(uint32_t insn, const uint8_t **p)
{
    if ((insn >> 16) == IMM16X_ESCAPE) {
        int64_t v = (int64_t)ld64(*p);
        *p += 8;
        return v;
    }
    return (int16_t)(insn >> 16);
}

static inline uintptr_t align8(uintptr_t p)
{
    return (p + 7) & ~(uintptr_t)7;
}

/* ------------------------------------------------------------------ */
/* Emission                                                            */

static inline uint32_t enc(TCIOp op, unsigned f0, unsigned f1, unsigned f2)
{
    tcg_debug_assert(f0 < 16 && f1 < 16 && f2 < 16);
    return op | f0 << 8 | f1 << 12 | f2 << 16;
}

static void out_imm16x(TCGContext *s, uint32_t word, int64_t v)
{
    tcg_debug_assert((word >> 16) == 0);
    if (v >= -32767 && v <= 32767) {
        tcg_out32(s, word | (uint32_t)(uint16_t)v << 16);
    } else {
        tcg_out32(s, word | IMM16X_ESCAPE << 16);
        tcg_out64(s, (uint64_t)v);
    }
}

static void out_r2(TCGContext *s, TCIOp op, TCGReg a, TCGReg b)
{
    tcg_out32(s, enc(op, a, b, 0));
}

static void out_r3(TCGContext *s, TCIOp op, TCGReg a, TCGReg b, TCGReg c)
{
    tcg_out32(s, enc(op, a, b, c));
}

static void out_ldst(TCGContext *s, TCIOp op, TCGReg r, TCGReg base,
                     intptr_t ofs)
{
    out_imm16x(s, enc(op, r, base, 0), ofs);
}

static bool tci_patch_reloc(void *code_ptr_rw, int type, uintptr_t value,
                            intptr_t addend)
{
    /* addend is -splitwx_diff: the field's rx address is code_ptr_rw - addend. */
    int64_t off = (int64_t)(value + addend - (uintptr_t)code_ptr_rw);

    if (type != R_TCI_REL32 || off != (int32_t)off) {
        return false;
    }
    tcg_patch32(code_ptr_rw, (uint32_t)(int32_t)off);
    return true;
}

/* Emit a branch offset field aimed at label l. */
static void out_label_ref(TCGContext *s, TCGLabel *l)
{
    void *field = s->code_ptr;

    tcg_out32(s, 0);
    if (l->has_value) {
        if (!tci_patch_reloc(field, R_TCI_REL32, l->value, -s->splitwx_diff)) {
            tcg_abort_msg("tci: branch out of range");
        }
    } else {
        tcg_out_reloc(s, field, R_TCI_REL32, l, -s->splitwx_diff);
    }
}

static void tci_out_mov(TCGContext *s, TCGType type, TCGReg ret, TCGReg arg)
{
    (void)type;
    if (ret != arg) {
        out_r2(s, TCI_mov, ret, arg);
    }
}

static void tci_out_movi(TCGContext *s, TCGType type, TCGReg ret, int64_t val)
{
    if (type == TCG_TYPE_I32) {
        /* High bits are don't-care: pick the shortest encoding. */
        val = (int32_t)val;
    }
    out_imm16x(s, enc(TCI_movi, ret, 0, 0), val);
}

static void tci_out_ld(TCGContext *s, TCGType type, TCGReg ret, TCGReg base,
                       intptr_t ofs)
{
    out_ldst(s, type == TCG_TYPE_I32 ? TCI_ld32u : TCI_ld64, ret, base, ofs);
}

static void tci_out_st(TCGContext *s, TCGType type, TCGReg arg, TCGReg base,
                       intptr_t ofs)
{
    out_ldst(s, type == TCG_TYPE_I32 ? TCI_st32 : TCI_st64, arg, base, ofs);
}

static void tci_out_prologue(TCGContext *s)
{
    const void *rx = tcg_splitwx_to_rx(s, s->code_ptr);

    out_imm16x(s, TCI_exit_tb, 0);
    s->code_gen_epilogue = rx;
    s->code_gen_prologue = rx;
    s->tb_ret_addr = rx;
}

static void tci_out_call(TCGContext *s, const TCGHelperInfo *info)
{
    /* Build the cif now so that running code only reads info->cif. */
    tcg_helper_ffi_cif((TCGHelperInfo *)info);
    tcg_out32(s, TCI_call);
    tcg_out64(s, (uintptr_t)info);
}

static void out_qemu_ldst(TCGContext *s, bool is_ld, TCGReg val, TCGReg addr,
                          MemOpIdx oi)
{
    if (s->mem_mode == TCG_MEM_USER) {
        tcg_out32(s, enc(is_ld ? TCI_qld_user : TCI_qst_user, val, addr, 0) |
                     (uint32_t)s->guest_addr_bits << 16);
        tcg_out32(s, oi);
        tcg_out64(s, s->guest_base);
    } else {
        int pb = s->softmmu.page_bits;
        void *slow = is_ld ? (void *)s->ld_slow : (void *)s->st_slow;

        tcg_debug_assert(pb >= 10 && pb < 64);
        tcg_out32(s, enc(is_ld ? TCI_qld_mmu : TCI_qst_mmu, val, addr, 0)
                     | (uint32_t)pb << 16);
        tcg_out32(s, oi);
        tcg_out64(s, (uint64_t)s->softmmu.tlb_fast_ofs);
        tcg_out64(s, (uintptr_t)slow);
    }
}

static void out_goto_tb(TCGContext *s, unsigned n)
{
    uint8_t *insn = s->code_ptr;
    uintptr_t slot_rx;

    tcg_debug_assert(n < 2);
    s->tb_jmp_insn_offset[n] = (uint16_t)(insn - s->code_buf);
    tcg_out32(s, TCI_goto_tb);
    slot_rx = align8((uintptr_t)tcg_splitwx_to_rx(s, s->code_ptr));
    while ((uintptr_t)tcg_splitwx_to_rx(s, s->code_ptr) != slot_rx) {
        tcg_out8(s, 0);
    }
    /* Unlinked: continue with the instruction after the slot. */
    tcg_out64(s, slot_rx + 8);
    s->tb_jmp_reset_offset[n] = (uint16_t)(s->code_ptr - s->code_buf);
}

static void tci_set_jmp_target(uintptr_t jmp_rx, uintptr_t jmp_rw,
                               uintptr_t addr)
{
    uintptr_t slot_rx = align8(jmp_rx + 4);
    uint64_t *slot = (uint64_t *)(jmp_rw + (slot_rx - jmp_rx));

    __atomic_store_n(slot, (uint64_t)addr, __ATOMIC_RELEASE);
}

/* Constraint bit: any constant, encoded as imm16x. */
#define CT_TCI_IMM 1

/* Ops whose last input has a register-immediate form. */
static bool op_imm_ok(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_add:
    case INDEX_op_sub:
    case INDEX_op_and:
    case INDEX_op_or:
    case INDEX_op_xor:
    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
    case INDEX_op_brcond:
        return true;
    default:
        return false;
    }
}

/* Pick the 32- or 64-bit flavour of an instruction. */
#define W(op) (is64 ? TCI_##op##64 : TCI_##op##32)

static void tci_out_op(TCGContext *s, const TCGOp *op, const TCGArg *args,
                       const int *const_args)
{
    bool is64 = op->type == TCG_TYPE_I64;
    unsigned nregs = ir_nb_regargs[op->opc];
    TCIOp t;

    for (unsigned i = 0; i < nregs; i++) {
        if (const_args[i] && !(i == nregs - 1 && op_imm_ok(op->opc))) {
            tcg_abort_msg("tci: constant operand %u of op %d", i, op->opc);
        }
    }

    /* Register-immediate forms (see tci_op_constraints). */
    if (nregs && const_args[nregs - 1]) {
        int64_t imm = (int64_t)args[nregs - 1];
        unsigned mask = is64 ? 63 : 31;

        switch (op->opc) {
        case INDEX_op_brcond:
            out_imm16x(s, enc(W(brcondi), args[0], args[2] & 15, 0), imm);
            out_label_ref(s, &s->labels[args[3]]);
            return;
        case INDEX_op_sub:
            t = TCI_addi;
            imm = (int64_t)(0 - (uint64_t)imm);
            break;
        case INDEX_op_add: t = TCI_addi; break;
        case INDEX_op_and: t = TCI_andi; break;
        case INDEX_op_or:  t = TCI_ori;  break;
        case INDEX_op_xor: t = TCI_xori; break;
        case INDEX_op_shl: t = TCI_shli; imm &= mask; break;
        case INDEX_op_shr: t = W(shri);  imm &= mask; break;
        case INDEX_op_sar: t = W(sari);  imm &= mask; break;
        default:
            tcg_abort_msg("tci: no immediate form of op %d", op->opc);
        }
        out_imm16x(s, enc(t, args[0], args[1], 0), imm);
        return;
    }

    if (tcg_op_defs[op->opc].flags & TCG_OPF_VEC) {
        /* Run by tcg_vec_eval: the slots' offsets follow as int32s. */
        int nslots = tcg_vec_nb_slots(op->opc);
        tcg_out32(s, enc(TCI_vec, args[0], 0, 0) | (uint32_t)op->opc << 16);
        tcg_out32(s, (uint32_t)args[1 + nslots]);
        for (int i = 0; i < nslots; i++) {
            intptr_t o = (intptr_t)args[1 + i];
            if (o != (int32_t)o) {
                tcg_abort_msg("tci: vector slot offset out of range");
            }
            tcg_out32(s, (uint32_t)(int32_t)o);
        }
        return;
    }

    switch (op->opc) {
    case INDEX_op_br:
        tcg_out32(s, TCI_br);
        out_label_ref(s, &s->labels[args[0]]);
        break;
    case INDEX_op_brcond:
        tcg_out32(s, enc(W(brcond), args[0], args[1], args[2] & 15));
        out_label_ref(s, &s->labels[args[3]]);
        break;
    case INDEX_op_mb:
        tcg_out32(s, TCI_mb | (uint32_t)(args[0] & 0xff) << 8);
        break;

    case INDEX_op_setcond:
        tcg_out32(s, enc(W(setcond), args[0], args[1], args[2])
                     | (uint32_t)(args[3] & 15) << 20);
        break;
    case INDEX_op_movcond:
        tcg_out32(s, enc(W(movcond), args[0], args[1], args[2])
                     | (uint32_t)args[3] << 20 | (uint32_t)args[4] << 24
                     | (uint32_t)(args[5] & 15) << 28);
        break;

    case INDEX_op_ld8u:  t = TCI_ld8u;  goto do_ld;
    case INDEX_op_ld8s:  t = TCI_ld8s;  goto do_ld;
    case INDEX_op_ld16u: t = TCI_ld16u; goto do_ld;
    case INDEX_op_ld16s: t = TCI_ld16s; goto do_ld;
    case INDEX_op_ld32u: t = TCI_ld32u; goto do_ld;
    case INDEX_op_ld32s: t = TCI_ld32s; goto do_ld;
    case INDEX_op_ld:    t = is64 ? TCI_ld64 : TCI_ld32u; goto do_ld;
    case INDEX_op_st8:   t = TCI_st8;   goto do_ld;
    case INDEX_op_st16:  t = TCI_st16;  goto do_ld;
    case INDEX_op_st32:  t = TCI_st32;  goto do_ld;
    case INDEX_op_st:    t = is64 ? TCI_st64 : TCI_st32;
    do_ld:
        out_ldst(s, t, args[0], args[1], (intptr_t)args[2]);
        break;

    case INDEX_op_add:  t = TCI_add;  goto do_r3;
    case INDEX_op_sub:  t = TCI_sub;  goto do_r3;
    case INDEX_op_mul:  t = TCI_mul;  goto do_r3;
    case INDEX_op_and:  t = TCI_and;  goto do_r3;
    case INDEX_op_or:   t = TCI_or;   goto do_r3;
    case INDEX_op_xor:  t = TCI_xor;  goto do_r3;
    case INDEX_op_andc: t = TCI_andc; goto do_r3;
    case INDEX_op_orc:  t = TCI_orc;  goto do_r3;
    case INDEX_op_div:  t = W(div);   goto do_r3;
    case INDEX_op_divu: t = W(divu);  goto do_r3;
    case INDEX_op_rem:  t = W(rem);   goto do_r3;
    case INDEX_op_remu: t = W(remu);  goto do_r3;
    case INDEX_op_shl:  t = W(shl);   goto do_r3;
    case INDEX_op_shr:  t = W(shr);   goto do_r3;
    case INDEX_op_sar:  t = W(sar);   goto do_r3;
    case INDEX_op_rotl: t = W(rotl);  goto do_r3;
    case INDEX_op_rotr: t = W(rotr);  goto do_r3;
    case INDEX_op_clz:  t = W(clz);   goto do_r3;
    case INDEX_op_ctz:  t = W(ctz);
    do_r3:
        out_r3(s, t, args[0], args[1], args[2]);
        break;

    case INDEX_op_neg:    t = TCI_neg;    goto do_r2;
    case INDEX_op_not:    t = TCI_not;    goto do_r2;
    case INDEX_op_ext8s:  t = TCI_ext8s;  goto do_r2;
    case INDEX_op_ext8u:  t = TCI_ext8u;  goto do_r2;
    case INDEX_op_ext16s: t = TCI_ext16s; goto do_r2;
    case INDEX_op_ext16u: t = TCI_ext16u; goto do_r2;
    case INDEX_op_ext32s:
    case INDEX_op_ext_i32_i64:
        t = TCI_ext32s;
        goto do_r2;
    case INDEX_op_ext32u:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
        t = TCI_ext32u;
        goto do_r2;
    case INDEX_op_extrh_i64_i32: t = TCI_extrh; goto do_r2;
    case INDEX_op_bswap16: t = TCI_bswap16; goto do_r2;
    case INDEX_op_bswap32: t = TCI_bswap32; goto do_r2;
    case INDEX_op_bswap64: t = TCI_bswap64; goto do_r2;
    case INDEX_op_ctpop:   t = W(ctpop);
    do_r2:
        out_r2(s, t, args[0], args[1]);
        break;

    case INDEX_op_deposit:
        tcg_debug_assert(args[4] >= 1 && args[3] + args[4] <= (is64 ? 64u : 32u));
        tcg_out32(s, enc(TCI_deposit, args[0], args[1], args[2])
                     | (uint32_t)args[3] << 20 | (uint32_t)(args[4] - 1) << 26);
        break;
    case INDEX_op_extract:
    case INDEX_op_sextract:
        tcg_debug_assert(args[3] >= 1 && args[2] + args[3] <= (is64 ? 64u : 32u));
        tcg_out32(s, enc(op->opc == INDEX_op_extract ? TCI_extract : TCI_sextract,
                         args[0], args[1], 0)
                     | (uint32_t)args[2] << 16 | (uint32_t)(args[3] - 1) << 22);
        break;
    case INDEX_op_extract2:
        tcg_debug_assert(args[3] < (is64 ? 64u : 32u));
        tcg_out32(s, enc(is64 ? TCI_extract2_64 : TCI_extract2_32,
                         args[0], args[1], args[2]) | (uint32_t)args[3] << 20);
        break;

    case INDEX_op_add2: t = is64 ? TCI_add2_64 : TCI_add2_32; goto do_r6;
    case INDEX_op_sub2: t = is64 ? TCI_sub2_64 : TCI_sub2_32;
    do_r6:
        tcg_out32(s, enc(t, args[0], args[1], args[2])
                     | (uint32_t)args[3] << 20 | (uint32_t)args[4] << 24
                     | (uint32_t)args[5] << 28);
        break;
    case INDEX_op_mulu2: t = is64 ? TCI_mulu2_64 : TCI_mulu2_32; goto do_r4;
    case INDEX_op_muls2: t = is64 ? TCI_muls2_64 : TCI_muls2_32;
    do_r4:
        tcg_out32(s, enc(t, args[0], args[1], args[2]) | (uint32_t)args[3] << 20);
        break;

    case INDEX_op_qemu_ld:
        out_qemu_ldst(s, true, args[0], args[1], (MemOpIdx)args[2]);
        break;
    case INDEX_op_qemu_st:
        out_qemu_ldst(s, false, args[0], args[1], (MemOpIdx)args[2]);
        break;

    case INDEX_op_goto_tb:
        out_goto_tb(s, (unsigned)args[0]);
        break;
    case INDEX_op_exit_tb:
        out_imm16x(s, TCI_exit_tb, (int64_t)args[0]);
        break;
    case INDEX_op_goto_ptr:
        tcg_out32(s, enc(TCI_goto_ptr, args[0], 0, 0));
        break;

    default:
        tcg_abort_msg("tci: unexpected op %d in out_op", op->opc);
    }
}

#undef W

static TCGRegSet tci_op_constraints(const TCGOp *op, TCGArgConstraint *args_ct)
{
    unsigned n = ir_nb_regargs[op->opc];

    for (unsigned i = 0; i < n; i++) {
        args_ct[i] = (TCGArgConstraint){
            .regs = TCI_ALLOC_MASK, .alias = -1, .newreg = false, .ct = 0,
        };
    }
    if (tcg_op_defs[op->opc].flags & TCG_OPF_VEC) {
        /* The base (env) stays where it is. */
        args_ct[0].regs |= (TCGRegSet)1 << TCI_REG_ENV;
    }
    /* The last input of a few common ops may be any constant (imm16x). */
    if (n && op_imm_ok(op->opc)) {
        args_ct[n - 1].ct = CT_TCI_IMM;
    }
    return 0;
}

static bool tci_const_match(int64_t val, TCGType type, unsigned ct)
{
    (void)val;
    (void)type;
    return (ct & CT_TCI_IMM) != 0;
}

static bool tci_tb_finalize(TCGContext *s)
{
    (void)s;
    return true;
}

/* ------------------------------------------------------------------ */
/* Execution                                                           */

static inline bool tci_cond64(unsigned c, uint64_t a, uint64_t b)
{
    switch (c) {
    case TCG_COND_NEVER:  return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ:     return a == b;
    case TCG_COND_NE:     return a != b;
    case TCG_COND_LT:     return (int64_t)a < (int64_t)b;
    case TCG_COND_GE:     return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE:     return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT:     return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU:    return a < b;
    case TCG_COND_GEU:    return a >= b;
    case TCG_COND_LEU:    return a <= b;
    case TCG_COND_GTU:    return a > b;
    default:
        tcg_abort_msg("tci: bad condition %u", c);
    }
}

static inline bool tci_cond32(unsigned c, uint64_t a, uint64_t b)
{
    /* Extend so that the 64-bit compare gives the 32-bit answer. */
    if (tcg_cond_is_unsigned((TCGCond)c)) {
        return tci_cond64(c, (uint32_t)a, (uint32_t)b);
    }
    return tci_cond64(c, (uint64_t)(int64_t)(int32_t)a,
                      (uint64_t)(int64_t)(int32_t)b);
}

static inline uint64_t guest_load(const void *host, MemOp mop)
{
    uint64_t v;

    switch (mop & MO_SIZE) {
    case MO_8: {
        uint8_t x;
        memcpy(&x, host, 1);
        v = mop & MO_SIGN ? (uint64_t)(int8_t)x : x;
        break;
    }
    case MO_16: {
        uint16_t x;
        memcpy(&x, host, 2);
        if (mop & MO_BSWAP) {
            x = __builtin_bswap16(x);
        }
        v = mop & MO_SIGN ? (uint64_t)(int16_t)x : x;
        break;
    }
    case MO_32: {
        uint32_t x;
        memcpy(&x, host, 4);
        if (mop & MO_BSWAP) {
            x = __builtin_bswap32(x);
        }
        v = mop & MO_SIGN ? (uint64_t)(int32_t)x : x;
        break;
    }
    default: {
        uint64_t x;
        memcpy(&x, host, 8);
        v = mop & MO_BSWAP ? __builtin_bswap64(x) : x;
        break;
    }
    }
    return v;
}

static inline void guest_store(void *host, MemOp mop, uint64_t v)
{
    switch (mop & MO_SIZE) {
    case MO_8: {
        uint8_t x = v;
        memcpy(host, &x, 1);
        break;
    }
    case MO_16: {
        uint16_t x = v;
        if (mop & MO_BSWAP) {
            x = __builtin_bswap16(x);
        }
        memcpy(host, &x, 2);
        break;
    }
    case MO_32: {
        uint32_t x = v;
        if (mop & MO_BSWAP) {
            x = __builtin_bswap32(x);
        }
        memcpy(host, &x, 4);
        break;
    }
    default:
        if (mop & MO_BSWAP) {
            v = __builtin_bswap64(v);
        }
        memcpy(host, &v, 8);
        break;
    }
}

/*
 * The soft-MMU fast path: the TLB entry for addr, and whether its
 * comparator (read or write) matches the tag of an access of this memop.
 */
static inline CPUTLBEntry *tlb_lookup(void *env, intptr_t tlb_ofs, unsigned pb,
                                      uint64_t addr, MemOpIdx oi, bool is_ld)
{
    MemOp mop = get_memop(oi);
    CPUTLBDescFast *fast = (CPUTLBDescFast *)((uint8_t *)env + tlb_ofs)
                           + get_mmuidx(oi);
    uintptr_t idx = (uintptr_t)(addr >> (pb - CPU_TLB_ENTRY_BITS)) & fast->mask;
    CPUTLBEntry *e = (CPUTLBEntry *)((uint8_t *)fast->table + idx);
    uint64_t size = memop_size(mop), align = memop_alignment(mop);
    uint64_t tag = align < size ? addr + size - align : addr;
    uint64_t cmp;

    tag &= ~(((uint64_t)1 << pb) - 1) | (align - 1);
    cmp = is_ld ? __atomic_load_n(&e->addr_read, __ATOMIC_RELAXED)
                : __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED);
    return cmp == tag ? e : NULL;
}

typedef uint64_t (*TCILdSlow)(void *, uint64_t, MemOpIdx, uintptr_t);
typedef void (*TCIStSlow)(void *, uint64_t, uint64_t, MemOpIdx, uintptr_t);

static uintptr_t tci_tb_exec(TCGContext *s, void *env, const void *code_rx)
{
    uint64_t regs[TCI_NB_REGS];
    uint64_t frame[TCI_FRAME_WORDS] __attribute__((aligned(16)));
    const uint8_t *pc = code_rx;

    memset(regs, 0, sizeof(regs));
    regs[TCI_REG_ENV] = (uintptr_t)env;
    regs[TCI_REG_FRAME] = (uintptr_t)frame;

    /*
     * Threaded dispatch: every handler ends by fetching the next word and
     * jumping through the table, and decodes only the fields it uses.
     */
    static const void *const dispatch[TCI_NB_OPS] = {
#define X(name, fmt) [TCI_##name] = &&L_##name,
        TCI_OPS(X)
#undef X
    };
    uint32_t insn;
    uint8_t *host;

#define f0 field(insn, 0)
#define f1 field(insn, 1)
#define f2 field(insn, 2)
#define f3 field(insn, 3)
#define f4 field(insn, 4)
#define f5 field(insn, 5)
#define a  regs[f1]
#define b  regs[f2]
#define NEXT() \
    do { \
        insn = ld32(pc); \
        pc += 4; \
        if (__builtin_expect((insn & 0xff) >= TCI_NB_OPS, 0)) { \
            goto bad_opcode; \
        } \
        goto *dispatch[insn & 0xff]; \
    } while (0)

    NEXT();

    L_nop:
        NEXT();
    L_mov:
        regs[f0] = a;
        NEXT();
    L_movi:
        regs[f0] = (uint64_t)imm16x(insn, &pc);
        NEXT();

    /* Host memory: F0 <-> [F1 + imm16x]. */
#define HOST_ADDR() (host = (uint8_t *)(uintptr_t)(a + (uint64_t)imm16x(insn, &pc)))
    L_ld8u:
        HOST_ADDR();
        regs[f0] = *(uint8_t *)host;
        NEXT();
    L_ld8s:
        HOST_ADDR();
        regs[f0] = (uint64_t)(int64_t)*(int8_t *)host;
        NEXT();
    L_ld16u: {
        uint16_t x;
        HOST_ADDR();
        memcpy(&x, host, 2);
        regs[f0] = x;
        NEXT();
    }
    L_ld16s: {
        int16_t x;
        HOST_ADDR();
        memcpy(&x, host, 2);
        regs[f0] = (uint64_t)(int64_t)x;
        NEXT();
    }
    L_ld32u: {
        uint32_t x;
        HOST_ADDR();
        memcpy(&x, host, 4);
        regs[f0] = x;
        NEXT();
    }
    L_ld32s: {
        int32_t x;
        HOST_ADDR();
        memcpy(&x, host, 4);
        regs[f0] = (uint64_t)(int64_t)x;
        NEXT();
    }
    L_ld64:
        HOST_ADDR();
        memcpy(&regs[f0], host, 8);
        NEXT();
    L_st8: {
        uint8_t x = regs[f0];
        HOST_ADDR();
        memcpy(host, &x, 1);
        NEXT();
    }
    L_st16: {
        uint16_t x = regs[f0];
        HOST_ADDR();
        memcpy(host, &x, 2);
        NEXT();
    }
    L_st32: {
        uint32_t x = regs[f0];
        HOST_ADDR();
        memcpy(host, &x, 4);
        NEXT();
    }
    L_st64:
        HOST_ADDR();
        memcpy(host, &regs[f0], 8);
        NEXT();
#undef HOST_ADDR

    /* Width-agnostic arithmetic: the low 32 bits come out right. */
    L_add:  regs[f0] = a + b;  NEXT();
    L_sub:  regs[f0] = a - b;  NEXT();
    L_mul:  regs[f0] = a * b;  NEXT();
    L_neg:  regs[f0] = -a;     NEXT();
    L_and:  regs[f0] = a & b;  NEXT();
    L_or:   regs[f0] = a | b;  NEXT();
    L_xor:  regs[f0] = a ^ b;  NEXT();
    L_andc: regs[f0] = a & ~b; NEXT();
    L_orc:  regs[f0] = a | ~b; NEXT();
    L_not:  regs[f0] = ~a;     NEXT();

    L_div32: {
        int32_t x = a, y = b;
        regs[f0] = (uint32_t)(y == 0 ? 0 : (x == INT32_MIN && y == -1)
                              ? INT32_MIN : x / y);
        NEXT();
    }
    L_div64: {
        int64_t x = a, y = b;
        regs[f0] = (uint64_t)(y == 0 ? 0 : (x == INT64_MIN && y == -1)
                              ? INT64_MIN : x / y);
        NEXT();
    }
    L_divu32:
        regs[f0] = (uint32_t)b ? (uint32_t)a / (uint32_t)b : 0;
        NEXT();
    L_divu64:
        regs[f0] = b ? a / b : 0;
        NEXT();
    L_rem32: {
        int32_t x = a, y = b;
        regs[f0] = (uint32_t)(y == 0 ? x : y == -1 ? 0 : x % y);
        NEXT();
    }
    L_rem64: {
        int64_t x = a, y = b;
        regs[f0] = (uint64_t)(y == 0 ? x : y == -1 ? 0 : x % y);
        NEXT();
    }
    L_remu32:
        regs[f0] = (uint32_t)b ? (uint32_t)a % (uint32_t)b : (uint32_t)a;
        NEXT();
    L_remu64:
        regs[f0] = b ? a % b : a;
        NEXT();

    L_shl32: regs[f0] = (uint32_t)a << (b & 31); NEXT();
    L_shl64: regs[f0] = a << (b & 63); NEXT();
    L_shr32: regs[f0] = (uint32_t)a >> (b & 31); NEXT();
    L_shr64: regs[f0] = a >> (b & 63); NEXT();
    L_sar32: regs[f0] = (uint32_t)((int32_t)a >> (b & 31)); NEXT();
    L_sar64: regs[f0] = (uint64_t)((int64_t)a >> (b & 63)); NEXT();
    L_rotl32: {
        uint32_t x = a;
        unsigned n = b & 31;
        regs[f0] = n ? (uint32_t)(x << n | x >> (32 - n)) : x;
        NEXT();
    }
    L_rotl64: {
        unsigned n = b & 63;
        regs[f0] = n ? a << n | a >> (64 - n) : a;
        NEXT();
    }
    L_rotr32: {
        uint32_t x = a;
        unsigned n = b & 31;
        regs[f0] = n ? (uint32_t)(x >> n | x << (32 - n)) : x;
        NEXT();
    }
    L_rotr64: {
        unsigned n = b & 63;
        regs[f0] = n ? a >> n | a << (64 - n) : a;
        NEXT();
    }

    L_ext8s:  regs[f0] = (uint64_t)(int64_t)(int8_t)a;  NEXT();
    L_ext8u:  regs[f0] = (uint8_t)a;                     NEXT();
    L_ext16s: regs[f0] = (uint64_t)(int64_t)(int16_t)a; NEXT();
    L_ext16u: regs[f0] = (uint16_t)a;                    NEXT();
    L_ext32s: regs[f0] = (uint64_t)(int64_t)(int32_t)a; NEXT();
    L_ext32u: regs[f0] = (uint32_t)a;                    NEXT();
    L_extrh:  regs[f0] = a >> 32;                        NEXT();

    L_deposit: {
        unsigned pos = bits(insn, 20, 6), len = bits(insn, 26, 6) + 1;
        uint64_t m = (len == 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1)
                     << pos;
        regs[f0] = (a & ~m) | ((b << pos) & m);
        NEXT();
    }
    L_extract: {
        unsigned pos = bits(insn, 16, 6), len = bits(insn, 22, 6) + 1;
        regs[f0] = len == 64 ? a : (a >> pos) & (((uint64_t)1 << len) - 1);
        NEXT();
    }
    L_sextract: {
        unsigned pos = bits(insn, 16, 6), len = bits(insn, 22, 6) + 1;
        regs[f0] = (uint64_t)((int64_t)(a << (64 - pos - len)) >> (64 - len));
        NEXT();
    }
    L_extract2_32: {
        unsigned pos = bits(insn, 20, 6);
        regs[f0] = pos ? (uint32_t)((uint32_t)a >> pos | (uint32_t)b << (32 - pos))
                       : (uint32_t)a;
        NEXT();
    }
    L_extract2_64: {
        unsigned pos = bits(insn, 20, 6);
        regs[f0] = pos ? a >> pos | b << (64 - pos) : a;
        NEXT();
    }

    L_bswap16: regs[f0] = __builtin_bswap16((uint16_t)a); NEXT();
    L_bswap32: regs[f0] = __builtin_bswap32((uint32_t)a); NEXT();
    L_bswap64: regs[f0] = __builtin_bswap64(a);           NEXT();

    L_clz32:
        regs[f0] = (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : b;
        NEXT();
    L_clz64:
        regs[f0] = a ? (uint64_t)__builtin_clzll(a) : b;
        NEXT();
    L_ctz32:
        regs[f0] = (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : b;
        NEXT();
    L_ctz64:
        regs[f0] = a ? (uint64_t)__builtin_ctzll(a) : b;
        NEXT();
    L_ctpop32:
        regs[f0] = (uint64_t)__builtin_popcount((uint32_t)a);
        NEXT();
    L_ctpop64:
        regs[f0] = (uint64_t)__builtin_popcountll(a);
        NEXT();

    /* Double words: F0 = low out, F1 = high out, then (F3:F2), (F5:F4). */
    L_add2_32:
    L_sub2_32: {
        uint64_t x = (uint64_t)(uint32_t)regs[f3] << 32 | (uint32_t)b;
        uint64_t y = (uint64_t)(uint32_t)regs[f5] << 32 | (uint32_t)regs[f4];
        uint64_t r = (insn & 0xff) == TCI_add2_32 ? x + y : x - y;
        regs[f0] = (uint32_t)r;
        regs[f1] = r >> 32;
        NEXT();
    }
    L_add2_64:
    L_sub2_64: {
        unsigned __int128 x = (unsigned __int128)regs[f3] << 64 | b;
        unsigned __int128 y = (unsigned __int128)regs[f5] << 64 | regs[f4];
        unsigned __int128 r = (insn & 0xff) == TCI_add2_64 ? x + y : x - y;
        regs[f0] = (uint64_t)r;
        regs[f1] = (uint64_t)(r >> 64);
        NEXT();
    }
    L_mulu2_32: {
        uint64_t r = (uint64_t)(uint32_t)b * (uint32_t)regs[f3];
        regs[f0] = (uint32_t)r;
        regs[f1] = r >> 32;
        NEXT();
    }
    L_muls2_32: {
        int64_t r = (int64_t)(int32_t)b * (int32_t)regs[f3];
        regs[f0] = (uint32_t)r;
        regs[f1] = (uint32_t)((uint64_t)r >> 32);
        NEXT();
    }
    L_mulu2_64: {
        unsigned __int128 r = (unsigned __int128)b * regs[f3];
        regs[f0] = (uint64_t)r;
        regs[f1] = (uint64_t)(r >> 64);
        NEXT();
    }
    L_muls2_64: {
        __int128 r = (__int128)(int64_t)b * (int64_t)regs[f3];
        regs[f0] = (uint64_t)r;
        regs[f1] = (uint64_t)((unsigned __int128)r >> 64);
        NEXT();
    }

    L_setcond32:
        regs[f0] = tci_cond32(bits(insn, 20, 4), a, b);
        NEXT();
    L_setcond64:
        regs[f0] = tci_cond64(bits(insn, 20, 4), a, b);
        NEXT();
    L_movcond32:
        regs[f0] = tci_cond32(bits(insn, 28, 4), a, b) ? regs[f3] : regs[f4];
        NEXT();
    L_movcond64:
        regs[f0] = tci_cond64(bits(insn, 28, 4), a, b) ? regs[f3] : regs[f4];
        NEXT();
    L_brcond32:
        if (tci_cond32(bits(insn, 16, 4), regs[f0], a)) {
            pc += (int32_t)ld32(pc);
        } else {
            pc += 4;
        }
        NEXT();
    L_brcond64:
        if (tci_cond64(bits(insn, 16, 4), regs[f0], a)) {
            pc += (int32_t)ld32(pc);
        } else {
            pc += 4;
        }
        NEXT();
    L_br:
        pc += (int32_t)ld32(pc);
        NEXT();

    L_mb:
        if (bits(insn, 8, 8) & (TCG_BAR_SC | TCG_MO_ST_LD)) {
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
        } else {
            __atomic_thread_fence(__ATOMIC_ACQ_REL);
        }
        NEXT();

    L_qld_user:
    L_qst_user: {
        MemOpIdx oi = ld32(pc);
        uintptr_t base = (uintptr_t)ld64(pc + 4);

        unsigned abits = bits(insn, 16, 8);

        pc += 12;
        if (abits && (regs[f1] >> abits)) {
            /* Outside the guest's reservation: the guest's fault. */
            void *env = (void *)(uintptr_t)regs[TCI_REG_ENV];
            if ((insn & 0xff) == TCI_qld_user) {
                regs[f0] = s->ld_slow(env, regs[f1], oi, (uintptr_t)pc);
            } else {
                s->st_slow(env, regs[f1], regs[f0], oi, (uintptr_t)pc);
            }
            NEXT();
        }
        host = (uint8_t *)(base + (uintptr_t)regs[f1]);
        tci_retaddr = (uintptr_t)pc;
        if ((insn & 0xff) == TCI_qld_user) {
            regs[f0] = guest_load(host, get_memop(oi));
        } else {
            guest_store(host, get_memop(oi), regs[f0]);
        }
        tci_retaddr = 0;
        NEXT();
    }
    L_qld_mmu:
    L_qst_mmu: {
        bool is_ld = (insn & 0xff) == TCI_qld_mmu;
        MemOpIdx oi = ld32(pc);
        intptr_t tlb_ofs = (intptr_t)ld64(pc + 4);
        void *slow = (void *)(uintptr_t)ld64(pc + 12);
        uint64_t addr = regs[f1];
        CPUTLBEntry *e;

        pc += 20;
        e = tlb_lookup((void *)(uintptr_t)regs[TCI_REG_ENV], tlb_ofs,
                       bits(insn, 16, 6), addr, oi, is_ld);
        if (e) {
            host = (uint8_t *)(uintptr_t)(addr + e->addend);
            if (is_ld) {
                regs[f0] = guest_load(host, get_memop(oi));
            } else {
                guest_store(host, get_memop(oi), regs[f0]);
            }
        } else {
            void *cpu = (void *)(uintptr_t)regs[TCI_REG_ENV];

            tci_retaddr = (uintptr_t)pc;
            if (is_ld) {
                regs[f0] = ((TCILdSlow)slow)(cpu, addr, oi, (uintptr_t)pc);
            } else {
                ((TCIStSlow)slow)(cpu, addr, regs[f0], oi, (uintptr_t)pc);
            }
            tci_retaddr = 0;
        }
        NEXT();
    }

    L_call: {
        TCGHelperInfo *info = (TCGHelperInfo *)(uintptr_t)ld64(pc);
        ffi_cif *cif = __atomic_load_n((ffi_cif **)&info->cif,
                                       __ATOMIC_ACQUIRE);
        void *argp[TCG_MAX_CALL_IARGS];
        uint64_t ret = 0;

        pc += 8;
        if (!cif) {
            cif = tcg_helper_ffi_cif(info);
        }
        for (unsigned i = 0; i < info->nb_args; i++) {
            argp[i] = &regs[i];
        }
        tci_retaddr = (uintptr_t)pc;
        ffi_call(cif, FFI_FN(info->func), &ret, argp);
        tci_retaddr = 0;
        regs[0] = ret;
        NEXT();
    }

    L_exit_tb:
        return (uintptr_t)imm16x(insn, &pc);
    L_goto_tb: {
        const uint64_t *slot = (const uint64_t *)align8((uintptr_t)pc);
        pc = (const uint8_t *)(uintptr_t)__atomic_load_n(slot, __ATOMIC_ACQUIRE);
        NEXT();
    }
    L_goto_ptr:
        pc = (const uint8_t *)(uintptr_t)regs[f0];
        NEXT();

    L_vec: {
        TCGOpcode vop = (TCGOpcode)(insn >> 16);
        int nslots = tcg_vec_nb_slots(vop);
        intptr_t ofs[4];

        for (int i = 0; i < nslots; i++) {
            ofs[i] = (int32_t)ld32(pc + 4 + 4 * i);
        }
        tcg_vec_eval(vop, ld32(pc), (void *)(uintptr_t)regs[f0], ofs);
        pc += 4 + 4 * nslots;
        NEXT();
    }

    /* Register-immediate forms: F0 = F1 op imm16x. */
    L_addi:
        regs[f0] = a + (uint64_t)imm16x(insn, &pc);
        NEXT();
    L_andi:
        regs[f0] = a & (uint64_t)imm16x(insn, &pc);
        NEXT();
    L_ori:
        regs[f0] = a | (uint64_t)imm16x(insn, &pc);
        NEXT();
    L_xori:
        regs[f0] = a ^ (uint64_t)imm16x(insn, &pc);
        NEXT();
    L_shli:
        regs[f0] = a << (imm16x(insn, &pc) & 63);
        NEXT();
    L_shri32:
        regs[f0] = (uint32_t)a >> (imm16x(insn, &pc) & 31);
        NEXT();
    L_shri64:
        regs[f0] = a >> (imm16x(insn, &pc) & 63);
        NEXT();
    L_sari32:
        regs[f0] = (uint32_t)((int32_t)a >> (imm16x(insn, &pc) & 31));
        NEXT();
    L_sari64:
        regs[f0] = (uint64_t)((int64_t)a >> (imm16x(insn, &pc) & 63));
        NEXT();
    L_brcondi32: {
        uint64_t imm = (uint64_t)imm16x(insn, &pc);
        if (tci_cond32(bits(insn, 12, 4), regs[f0], imm)) {
            pc += (int32_t)ld32(pc);
        } else {
            pc += 4;
        }
        NEXT();
    }
    L_brcondi64: {
        uint64_t imm = (uint64_t)imm16x(insn, &pc);
        if (tci_cond64(bits(insn, 12, 4), regs[f0], imm)) {
            pc += (int32_t)ld32(pc);
        } else {
            pc += 4;
        }
        NEXT();
    }

bad_opcode:
    tcg_abort_msg("tci: bad opcode 0x%02x at %p", insn & 0xff,
                  (const void *)(pc - 4));
#undef f0
#undef f1
#undef f2
#undef f3
#undef f4
#undef f5
#undef a
#undef b
#undef NEXT
}

/* ------------------------------------------------------------------ */
/* Disassembly                                                         */

static const char *cond_name(unsigned c)
{
    return tcg_cond_name((TCGCond)c);
}

#define RN(n) tci_reg_names[n]

static void tci_disas(FILE *f, const void *code_rx, size_t size)
{
    const uint8_t *p = code_rx, *end = p + size;

    while (p + 4 <= end) {
        const uint8_t *start = p;
        uint32_t insn = ld32(p);
        unsigned opc = insn & 0xff;
        unsigned f0 = field(insn, 0), f1 = field(insn, 1), f2 = field(insn, 2);
        unsigned f3 = field(insn, 3), f4 = field(insn, 4), f5 = field(insn, 5);

        p += 4;
        fprintf(f, "  %p:  ", (const void *)start);
        if (opc >= TCI_NB_OPS) {
            fprintf(f, ".word 0x%08x\n", insn);
            continue;
        }
        fprintf(f, "%-12s", tci_op_names[opc]);
        switch (tci_op_fmt[opc]) {
        case FMT_NONE:
            break;
        case FMT_R1:
            fprintf(f, "%s", RN(f0));
            break;
        case FMT_R2:
            fprintf(f, "%s, %s", RN(f0), RN(f1));
            break;
        case FMT_R3:
            fprintf(f, "%s, %s, %s", RN(f0), RN(f1), RN(f2));
            break;
        case FMT_R4:
            fprintf(f, "%s, %s, %s, %s", RN(f0), RN(f1), RN(f2), RN(f3));
            break;
        case FMT_R6:
            fprintf(f, "%s, %s, %s, %s, %s, %s", RN(f0), RN(f1), RN(f2),
                    RN(f3), RN(f4), RN(f5));
            break;
        case FMT_MOVI: {
            int64_t v = imm16x(insn, &p);
            fprintf(f, "%s, 0x%" PRIx64, RN(f0), (uint64_t)v);
            break;
        }
        case FMT_LDST: {
            int64_t v = imm16x(insn, &p);
            fprintf(f, "%s, [%s %c 0x%" PRIx64 "]", RN(f0), RN(f1),
                    v < 0 ? '-' : '+', v < 0 ? -(uint64_t)v : (uint64_t)v);
            break;
        }
        case FMT_SETC:
            fprintf(f, "%s, %s, %s, %s", RN(f0), RN(f1), RN(f2),
                    cond_name(bits(insn, 20, 4)));
            break;
        case FMT_MOVC:
            fprintf(f, "%s, %s, %s, %s, %s, %s", RN(f0), RN(f1), RN(f2),
                    RN(f3), RN(f4), cond_name(bits(insn, 28, 4)));
            break;
        case FMT_BRC:
            if (p + 4 > end) {
                goto truncated;
            }
            fprintf(f, "%s, %s, %s, %p", RN(f0), RN(f1),
                    cond_name(bits(insn, 16, 4)),
                    (const void *)(p + (int32_t)ld32(p)));
            p += 4;
            break;
        case FMT_BR:
            if (p + 4 > end) {
                goto truncated;
            }
            fprintf(f, "%p", (const void *)(p + (int32_t)ld32(p)));
            p += 4;
            break;
        case FMT_DEP:
            fprintf(f, "%s, %s, %s, %u, %u", RN(f0), RN(f1), RN(f2),
                    bits(insn, 20, 6), bits(insn, 26, 6) + 1);
            break;
        case FMT_EXT:
            fprintf(f, "%s, %s, %u, %u", RN(f0), RN(f1),
                    bits(insn, 16, 6), bits(insn, 22, 6) + 1);
            break;
        case FMT_EXT2:
            fprintf(f, "%s, %s, %s, %u", RN(f0), RN(f1), RN(f2),
                    bits(insn, 20, 6));
            break;
        case FMT_MB:
            fprintf(f, "0x%02x", bits(insn, 8, 8));
            break;
        case FMT_QUSER:
            if (p + 12 > end) {
                goto truncated;
            }
            fprintf(f, "%s, [%s], memop 0x%x, mmu %u, base 0x%" PRIx64
                    ", address bits %u",
                    RN(f0), RN(f1), get_memop(ld32(p)), get_mmuidx(ld32(p)),
                    ld64(p + 4), bits(insn, 16, 8));
            p += 12;
            break;
        case FMT_QMMU:
            if (p + 20 > end) {
                goto truncated;
            }
            fprintf(f, "%s, [%s], memop 0x%x, mmu %u, tlb %" PRId64
                    ", page_bits %u, slow %p",
                    RN(f0), RN(f1), get_memop(ld32(p)), get_mmuidx(ld32(p)),
                    (int64_t)ld64(p + 4), bits(insn, 16, 6),
                    (void *)(uintptr_t)ld64(p + 12));
            p += 20;
            break;
        case FMT_CALL: {
            const TCGHelperInfo *info;
            if (p + 8 > end) {
                goto truncated;
            }
            info = (const TCGHelperInfo *)(uintptr_t)ld64(p);
            fprintf(f, "%s", info && info->name ? info->name : "?");
            p += 8;
            break;
        }
        case FMT_EXIT:
            fprintf(f, "0x%" PRIx64, (uint64_t)imm16x(insn, &p));
            break;
        case FMT_RI:
            fprintf(f, "%s, %s, 0x%" PRIx64, RN(f0), RN(f1),
                    (uint64_t)imm16x(insn, &p));
            break;
        case FMT_BRCI: {
            uint64_t imm = (uint64_t)imm16x(insn, &p);
            if (p + 4 > end) {
                goto truncated;
            }
            fprintf(f, "%s, 0x%" PRIx64 ", %s, %p", RN(f0), imm,
                    cond_name(bits(insn, 12, 4)),
                    (const void *)(p + (int32_t)ld32(p)));
            p += 4;
            break;
        }
        case FMT_VEC: {
            unsigned vop = insn >> 16;
            int nslots;
            if (vop >= NB_OPS || !(tcg_op_defs[vop].flags & TCG_OPF_VEC)) {
                fprintf(f, "? (op %u)", vop);
                break;
            }
            nslots = tcg_vec_nb_slots((TCGOpcode)vop);
            if (p + 4 + 4 * nslots > end) {
                goto truncated;
            }
            fprintf(f, "%s [%s], vdesc 0x%x", tcg_op_defs[vop].name, RN(f0),
                    ld32(p));
            for (int i = 0; i < nslots; i++) {
                fprintf(f, ", 0x%x", ld32(p + 4 + 4 * i));
            }
            p += 4 + 4 * nslots;
            break;
        }
        case FMT_GOTO_TB:
            p = (const uint8_t *)align8((uintptr_t)p);
            if (p + 8 > end) {
                goto truncated;
            }
            fprintf(f, "-> %p", (void *)(uintptr_t)ld64(p));
            p += 8;
            break;
        }
        fputc('\n', f);
    }
    if (p < end) {
truncated:
        fprintf(f, "  (%zu trailing bytes)\n", (size_t)(end - p));
    }
}

#undef RN

/* Every well-formed vector op: tcg_vec_eval runs them all. */
static bool tci_vec_supported(TCGOpcode opc, uint32_t vdesc)
{
    return tcg_vec_valid(opc, vdesc);
}

/* ------------------------------------------------------------------ */

const TCGBackend tcg_backend_interp = {
    .name = "interp",
    .nb_regs = TCI_NB_REGS,
    .reg_names = tci_reg_names,
    .alloc_order = tci_alloc_order,
    .alloc_order_len = sizeof(tci_alloc_order) / sizeof(tci_alloc_order[0]),
    .reserved_regs = (TCGRegSet)1 << TCI_REG_ENV | (TCGRegSet)1 << TCI_REG_FRAME,
    .call_clobber_regs = 0xff,
    .call_iarg_regs = tci_call_iarg_regs,
    .call_oarg_reg = 0,
    .env_reg = TCI_REG_ENV,
    .frame_reg = TCI_REG_FRAME,
    .frame_start = 0,
    .frame_size = TCI_FRAME_WORDS * sizeof(uint64_t),

    .op_constraints = tci_op_constraints,
    .const_match = tci_const_match,

    .out_prologue = tci_out_prologue,
    .out_mov = tci_out_mov,
    .out_movi = tci_out_movi,
    .out_ld = tci_out_ld,
    .out_st = tci_out_st,
    .out_op = tci_out_op,
    .out_call = tci_out_call,
    .patch_reloc = tci_patch_reloc,
    .tb_finalize = tci_tb_finalize,

    .tb_exec = tci_tb_exec,
    .set_jmp_target = tci_set_jmp_target,
    .disas = tci_disas,
    .vec_supported = tci_vec_supported,
};
