/*
 * A64 loads and stores (decoder table a64_ldst_patterns, see
 * target/arm/translate.h):
 *
 *   - LDR/STR and the signed loads, all sizes, in every addressing mode
 *     (unsigned scaled offset, unscaled, pre/post-index, register offset
 *     with extend and scale, PC-relative literal), PRFM/PRFUM as NOPs,
 *     the unprivileged LDTR/STTR family (EL0 only: same as LDUR/STUR);
 *   - LDP/STP/LDPSW/LDNP/STNP;
 *   - exclusives LDXR/STXR/LDXP/STXP (+ acquire/release forms),
 *     LDAR/STLR, LDLAR/STLLR, LDAPR;
 *   - LSE (v8.1): LDADD..LDUMIN, SWP, CAS, CASP;
 *   - SIMD&FP register loads/stores (B/H/S/D/Q, pairs, literal) and the
 *     AdvSIMD structure loads/stores LD1-LD4/ST1-ST4 (multiple and single
 *     structure), LD1R-LD4R.
 *
 * Guest memory is reached with qemu_ld/qemu_st (user mode: the backend
 * adds guest_base).  Read-modify-write atomics need a host
 * compare-and-swap the IR does not have: helpers in ldst_helper.c do
 * them with __atomic builtins on the host address guest_base + addr;
 * guest_base is taken from tcg_ctx at translation time and passed as an
 * argument (only TCG_MEM_USER is supported by those helpers for now).
 *
 * Memory ordering (blueprint 3.12): the host is x86, whose ordering is
 * stronger than ARM's except for store->load.  Acquire is
 * mb(LD_LD | LD_ST) after the load, release mb(LD_ST | ST_ST) before the
 * store; both are free on x86 but keep the IR honest for other hosts.
 * STLR is RCsc (an STLR followed by an LDAR must not be reordered), so it
 * is followed by mb(ST_LD), an mfence.  STLLR (LORelease) and LDAPR
 * (RCpc) do not need that.  The helpers' locked host instructions are
 * full barriers.
 *
 * Alignment: exclusives, acquire/release and LSE ask for natural
 * alignment with MO_ALIGN (the soft-MMU slow path raises the fault).  In
 * user mode the backend does not check alignment, so the accesses done
 * in IR (LDXR/LDXP/LDAR/LDAPR/LDLAR/STLR/STLLR) test the low address bits
 * themselves (gen_check_align: and + branch, the fault out of line in
 * helper_unaligned); the helpers (STXR, STXP, LSE, CAS, CASP) check and
 * raise EXCP_UNALIGNED too.
 *
 * Addresses: Linux runs EL0 with top-byte-ignore (TCR_EL1.TBI0), so the
 * address used for the access is bits 55:0 sign-extended from bit 55
 * (clean_addr()).  Writeback stores the full value, tag included.
 *
 * CONSTRAINED UNPREDICTABLE choices (ARM ARM "Load/store, writeback"):
 *   - load with writeback and Rt == Rn (Rn != SP): the loaded value wins
 *     (writeback is done first, then Rt is written: "WBSUPPRESS");
 *   - store with writeback and Rt == Rn: the value stored is Rt's value
 *     before the writeback ("NONE");
 *   - LDP/LDXP with Rt == Rt2: Rt2's value wins;
 *   - STXR/STXP with Rs == Rt/Rt2/Rn: the store uses the old values,
 *     then Rs gets the status.
 */
#include <stddef.h>

#include "target/arm/translate.h"
#include "tcg/tcg-vec.h"

/* ------------------------------------------------------------------ */
/* Common pieces                                                       */

/* Xr for reading as a source of a store; 31 reads as XZR. */
static TCGv_i64 load_xr(int r)
{
    return r == 31 ? tcg_constant_i64(0) : cpu_X[r];
}

/* Xr = v, unless r is XZR. */
static void store_xr(int r, TCGv_i64 v)
{
    if (r != 31) {
        tcg_gen_mov_i64(cpu_X[r], v);
    }
}

/*
 * The address an access uses: top byte ignored (Linux enables TBI0 for
 * EL0), i.e. bits 55:0 sign-extended from bit 55.
 */
static TCGv_i64 clean_addr(DisasContext *s, TCGv_i64 addr)
{
    TCGv_i64 c = new_tmp_a64(s);

    tcg_gen_sextract_i64(c, addr, 0, 56);
    return c;
}

/*
 * An address that must stay valid across the alignment check's label
 * (EBB temps die there): a TB temp, freed by the caller.
 */
static TCGv_i64 clean_addr_tb(TCGv_i64 addr)
{
    TCGv_i64 c = tcg_temp_new_tb_i64();

    tcg_gen_sextract_i64(c, addr, 0, 56);
    return c;
}

/*
 * User mode: raise the alignment fault (SIGBUS) unless addr is a
 * multiple of 1 << align_bits.  The soft MMU checks MO_ALIGN itself.
 * Ends the extended basic block: only TB temps, globals and constants
 * may be used after it.
 */
static void gen_check_align(TCGv_i64 addr, int align_bits)
{
    TCGLabel *ok;
    TCGv_i64 t;

    if (align_bits == 0 || tcg_ctx->mem_mode != TCG_MEM_USER) {
        return;
    }
    ok = gen_new_label();
    t = tcg_temp_new_i64();
    tcg_gen_andi_i64(t, addr, (1 << align_bits) - 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 0, ok);
    tcg_temp_free_i64(t);
    gen_helper_unaligned(tcg_env, addr);
    tcg_gen_set_label(ok);
}

static void gen_ld(DisasContext *s, TCGv_i64 val, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_qemu_ld_i64(val, addr, s->mem_idx, mop | MO_LE);
}

static void gen_st(DisasContext *s, TCGv_i64 val, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_qemu_st_i64(val, addr, s->mem_idx, mop | MO_LE);
}

static void gen_acquire(void)
{
    tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_LD_ST);
}

static void gen_release(void)
{
    tcg_gen_mb(TCG_MO_LD_ST | TCG_MO_ST_ST);
}

/* guest_base for the helpers that reach guest memory from C. */
static TCGv_i64 guest_base_arg(void)
{
    tcg_debug_assert(tcg_ctx->mem_mode == TCG_MEM_USER);
    return tcg_constant_i64((int64_t)tcg_ctx->guest_base);
}


/* Store size bytes (1 << size; size <= 3) of val into Vn at byte ofs. */
static void gen_st_vreg_elt(TCGv_i64 val, int n, int byte, int size)
{
    switch (size) {
    case 0:
        tcg_gen_st8_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    case 1:
        tcg_gen_st16_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    case 2:
        tcg_gen_st32_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    default:
        tcg_gen_st_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    }
}

/* val = element of size bytes at byte ofs of Vn, zero-extended. */
static void gen_ld_vreg_elt(TCGv_i64 val, int n, int byte, int size)
{
    switch (size) {
    case 0:
        tcg_gen_ld8u_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    case 1:
        tcg_gen_ld16u_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    case 2:
        tcg_gen_ld32u_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    default:
        tcg_gen_ld_i64(val, tcg_env, vreg_ofs(n, byte));
        break;
    }
}

static void gen_clear_vreg_high(int n)
{
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_ofs(n, 8));
}

/*
 * Load a SIMD&FP register of 1 << size bytes (size 4 = Q) from addr;
 * the bits above the loaded size are zeroed.  A Q register is two 64-bit
 * accesses: each half is single-copy atomic, the whole is not (the
 * architecture only asks for 64-bit single-copy atomicity there too,
 * except with FEAT_LSE2, which we do not advertise).  The high half is
 * MO_FOLLOW of the low one; follow is MO_FOLLOW when the low half itself
 * follows an access of this instruction (the second register of a pair).
 */
static void gen_ld_vreg(DisasContext *s, int n, TCGv_i64 addr, int size, MemOp follow)
{
    TCGv_i64 lo = tcg_temp_new_i64();

    if (size == 4) {
        TCGv_i64 hi = tcg_temp_new_i64();
        TCGv_i64 a8 = tcg_temp_new_i64();

        gen_ld(s, lo, addr, MO_64 | follow);
        tcg_gen_addi_i64(a8, addr, 8);
        gen_ld(s, hi, a8, MO_64 | MO_FOLLOW);
        tcg_gen_st_i64(lo, tcg_env, vreg_ofs(n, 0));
        tcg_gen_st_i64(hi, tcg_env, vreg_ofs(n, 8));
        tcg_temp_free_i64(a8);
        tcg_temp_free_i64(hi);
    } else {
        gen_ld(s, lo, addr, (MemOp)size | follow);
        tcg_gen_st_i64(lo, tcg_env, vreg_ofs(n, 0));
        gen_clear_vreg_high(n);
    }
    tcg_temp_free_i64(lo);
}

static void gen_st_vreg(DisasContext *s, int n, TCGv_i64 addr, int size, MemOp follow)
{
    TCGv_i64 v = tcg_temp_new_i64();

    if (size == 4) {
        TCGv_i64 a8 = tcg_temp_new_i64();

        tcg_gen_ld_i64(v, tcg_env, vreg_ofs(n, 0));
        gen_st(s, v, addr, MO_64 | follow);
        tcg_gen_ld_i64(v, tcg_env, vreg_ofs(n, 8));
        tcg_gen_addi_i64(a8, addr, 8);
        gen_st(s, v, a8, MO_64 | MO_FOLLOW);
        tcg_temp_free_i64(a8);
    } else {
        gen_ld_vreg_elt(v, n, 0, size);
        gen_st(s, v, addr, (MemOp)size | follow);
    }
    tcg_temp_free_i64(v);
}

/*
 * Integer load of 1 << size bytes into val: sign-extended to 64 bits if
 * sign, then cut to 32 bits if !sf (LDRSB/LDRSH to W).
 */
static void gen_ld_int(DisasContext *s, TCGv_i64 val, TCGv_i64 addr,
                       int size, bool sign, bool sf, MemOp extra)
{
    gen_ld(s, val, addr, (MemOp)size | (sign ? MO_SIGN : 0) | extra);
    if (sign && !sf) {
        tcg_gen_ext32u_i64(val, val);
    }
}

/* ------------------------------------------------------------------ */
/* Single register: LDR/STR/LDRS*, integer and SIMD&FP                 */

typedef enum {
    LS_STORE,       /* STR */
    LS_LOAD,        /* LDR, zero-extending */
    LS_LOAD_S64,    /* LDRS* to X */
    LS_LOAD_S32,    /* LDRS* to W */
    LS_PREFETCH,    /* PRFM/PRFUM */
} LsKind;

/*
 * Decode size:V:opc of the single-register forms.  *size becomes the
 * access size (4 = Q for SIMD&FP).  False if unallocated.
 */
static bool decode_ls_kind(uint32_t insn, bool *is_vec, int *size,
                           LsKind *kind)
{
    int sz = extract32(insn, 30, 2);
    int opc = extract32(insn, 22, 2);

    *is_vec = extract32(insn, 26, 1);
    if (*is_vec) {
        if (opc & 2) {
            if (sz != 0) {
                return false;
            }
            sz = 4;
        }
        *size = sz;
        *kind = (opc & 1) ? LS_LOAD : LS_STORE;
        return true;
    }
    *size = sz;
    switch (opc) {
    case 0:
        *kind = LS_STORE;
        return true;
    case 1:
        *kind = LS_LOAD;
        return true;
    case 2:
        *kind = sz == 3 ? LS_PREFETCH : LS_LOAD_S64;
        return true;
    default:
        if (sz >= 2) {
            return false;
        }
        *kind = LS_LOAD_S32;
        return true;
    }
}

/*
 * One register at addr (already clean).  wb_val, if set, is written to
 * the base register rn: after a store, before the register write of a
 * load (see the CONSTRAINED UNPREDICTABLE notes at the top).
 */
static void do_ls_single(DisasContext *s, bool is_vec, LsKind kind,
                         int size, int rt, TCGv_i64 addr, int rn,
                         const TCGv_i64 *wb_val)
{
    if (kind == LS_PREFETCH) {
        /* A hint: nothing to do (and it never faults). */
        return;
    }
    if (is_vec) {
        if (kind == LS_STORE) {
            gen_st_vreg(s, rt, addr, size, 0);
        } else {
            gen_ld_vreg(s, rt, addr, size, 0);
        }
        if (wb_val) {
            tcg_gen_mov_i64(cpu_reg_sp(s, rn), *wb_val);
        }
        return;
    }
    if (kind == LS_STORE) {
        gen_st(s, load_xr(rt), addr, (MemOp)size);
        if (wb_val) {
            tcg_gen_mov_i64(cpu_reg_sp(s, rn), *wb_val);
        }
        return;
    }

    /* Loads: straight into Rt unless the writeback must come first. */
    TCGv_i64 dst = (rt == 31 || wb_val) ? new_tmp_a64(s) : cpu_X[rt];

    gen_ld_int(s, dst, addr, size, kind != LS_LOAD, kind != LS_LOAD_S32, 0);
    if (wb_val) {
        tcg_gen_mov_i64(cpu_reg_sp(s, rn), *wb_val);
        store_xr(rt, dst);
    }
}

/* LDR/STR (unsigned immediate): size 111 V 01 opc imm12 Rn Rt */
static bool trans_ldst_uimm(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    uint64_t imm12 = extract32(insn, 10, 12);
    bool is_vec;
    int size;
    LsKind kind;
    TCGv_i64 addr;

    if (!decode_ls_kind(insn, &is_vec, &size, &kind)) {
        return false;
    }
    if (kind == LS_PREFETCH) {
        return true;
    }
    addr = new_tmp_a64(s);
    tcg_gen_addi_i64(addr, cpu_reg_sp(s, rn), (int64_t)(imm12 << size));
    do_ls_single(s, is_vec, kind, size, rt, clean_addr(s, addr), rn, NULL);
    return true;
}

/*
 * imm9 forms: size 111 V 00 opc 0 imm9 op2 Rn Rt, op2 (bits 11:10):
 * 00 unscaled (LDUR/STUR/PRFUM), 01 post-index, 10 unprivileged
 * (LDTR/STTR..., integer only), 11 pre-index.
 */
static bool trans_ldst_imm9(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int op2 = extract32(insn, 10, 2);
    int64_t imm9 = sextract32(insn, 12, 9);
    bool is_vec;
    int size;
    LsKind kind;
    TCGv_i64 base, addr, wb;
    bool has_wb = false;

    if (!decode_ls_kind(insn, &is_vec, &size, &kind)) {
        return false;
    }
    if (kind == LS_PREFETCH) {
        /* Only the unscaled form (PRFUM) exists. */
        return op2 == 0;
    }
    if (op2 == 2 && is_vec) {
        return false;
    }
    base = cpu_reg_sp(s, rn);
    addr = new_tmp_a64(s);
    switch (op2) {
    case 1:     /* post-index: access at Rn, then Rn += imm */
        tcg_gen_mov_i64(addr, base);
        wb = new_tmp_a64(s);
        tcg_gen_addi_i64(wb, base, imm9);
        has_wb = true;
        break;
    case 3:     /* pre-index: Rn += imm, access at the new Rn */
        tcg_gen_addi_i64(addr, base, imm9);
        wb = addr;
        has_wb = true;
        break;
    default:    /* unscaled; unprivileged is the same at EL0 */
        tcg_gen_addi_i64(addr, base, imm9);
        break;
    }
    do_ls_single(s, is_vec, kind, size, rt, clean_addr(s, addr), rn,
                 has_wb ? &wb : NULL);
    return true;
}

/*
 * Register offset: size 111 V 00 opc 1 Rm option S 10 Rn Rt.
 * option: 010 UXTW, 011 LSL (UXTX), 110 SXTW, 111 SXTX; the offset is
 * shifted left by the access size if S.
 */
static bool trans_ldst_regoff(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    bool scale = extract32(insn, 12, 1);
    int option = extract32(insn, 13, 3);
    int rm = extract32(insn, 16, 5);
    bool is_vec;
    int size;
    LsKind kind;
    TCGv_i64 off, addr;

    if (!(option & 2)) {
        return false;
    }
    if (!decode_ls_kind(insn, &is_vec, &size, &kind)) {
        return false;
    }
    if (kind == LS_PREFETCH) {
        return true;
    }
    off = new_tmp_a64(s);
    switch (option) {
    case 2:
        tcg_gen_ext32u_i64(off, load_xr(rm));
        break;
    case 6:
        tcg_gen_ext32s_i64(off, load_xr(rm));
        break;
    default:
        tcg_gen_mov_i64(off, load_xr(rm));
        break;
    }
    if (scale && size) {
        tcg_gen_shli_i64(off, off, size);
    }
    addr = new_tmp_a64(s);
    tcg_gen_add_i64(addr, cpu_reg_sp(s, rn), off);
    do_ls_single(s, is_vec, kind, size, rt, clean_addr(s, addr), rn, NULL);
    return true;
}

/*
 * LDR (literal): opc 011 V 00 imm19 Rt.  Integer: opc 00 W, 01 X,
 * 10 LDRSW, 11 PRFM; SIMD&FP: 00 S, 01 D, 10 Q.
 */
static bool trans_ld_literal(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int opc = extract32(insn, 30, 2);
    bool is_vec = extract32(insn, 26, 1);
    uint64_t pc = s->pc_curr + (int64_t)sextract32(insn, 5, 19) * 4;
    TCGv_i64 addr = tcg_constant_i64((int64_t)pc);

    if (is_vec) {
        if (opc == 3) {
            return false;
        }
        gen_ld_vreg(s, rt, addr, 2 + opc, 0);
        return true;
    }
    switch (opc) {
    case 0:
        do_ls_single(s, false, LS_LOAD, 2, rt, addr, 0, NULL);
        break;
    case 1:
        do_ls_single(s, false, LS_LOAD, 3, rt, addr, 0, NULL);
        break;
    case 2:
        do_ls_single(s, false, LS_LOAD_S64, 2, rt, addr, 0, NULL);
        break;
    default:    /* PRFM (literal) */
        break;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Pairs: LDP/STP/LDPSW/LDNP/STNP                                      */

/*
 * opc 101 V 0 idx L imm7 Rt2 Rn Rt; idx: 00 non-temporal offset,
 * 01 post-index, 10 offset, 11 pre-index.
 * Integer opc: 00 W, 01 LDPSW (loads only, not LDNP), 10 X.
 * SIMD&FP opc: 00 S, 01 D, 10 Q.
 */
static bool trans_ldst_pair(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int rt2 = extract32(insn, 10, 5);
    int64_t imm7 = sextract32(insn, 15, 7);
    bool is_load = extract32(insn, 22, 1);
    int idx = extract32(insn, 23, 2);
    bool is_vec = extract32(insn, 26, 1);
    int opc = extract32(insn, 30, 2);
    bool sign = false;
    int size;
    TCGv_i64 base, addr, addr2, wb;
    bool has_wb = idx & 1;

    if (opc == 3) {
        return false;
    }
    if (is_vec) {
        size = 2 + opc;
    } else if (opc == 1) {
        /* LDPSW; the store encoding is STGP (MTE), not implemented. */
        if (!is_load || idx == 0) {
            return false;
        }
        size = 2;
        sign = true;
    } else {
        size = opc == 0 ? 2 : 3;
    }
    imm7 *= 1 << size;      /* scaled; a shift of a negative value is UB */

    base = cpu_reg_sp(s, rn);
    addr = new_tmp_a64(s);
    if (idx == 1) {
        tcg_gen_mov_i64(addr, base);
        wb = new_tmp_a64(s);
        tcg_gen_addi_i64(wb, base, imm7);
    } else {
        tcg_gen_addi_i64(addr, base, imm7);
        wb = addr;      /* used by pre-index (idx 3) only */
    }
    addr = clean_addr(s, addr);
    addr2 = new_tmp_a64(s);
    tcg_gen_addi_i64(addr2, addr, 1 << size);

    if (is_vec) {
        if (is_load) {
            gen_ld_vreg(s, rt, addr, size, 0);
            gen_ld_vreg(s, rt2, addr2, size, MO_FOLLOW);
        } else {
            gen_st_vreg(s, rt, addr, size, 0);
            gen_st_vreg(s, rt2, addr2, size, MO_FOLLOW);
        }
    } else if (is_load) {
        TCGv_i64 v1 = new_tmp_a64(s);
        TCGv_i64 v2 = new_tmp_a64(s);

        gen_ld_int(s, v1, addr, size, sign, true, 0);
        gen_ld_int(s, v2, addr2, size, sign, true, MO_FOLLOW);
        if (has_wb) {
            tcg_gen_mov_i64(base, wb);
        }
        store_xr(rt, v1);
        store_xr(rt2, v2);
        return true;
    } else {
        gen_st(s, load_xr(rt), addr, (MemOp)size);
        gen_st(s, load_xr(rt2), addr2, (MemOp)size | MO_FOLLOW);
    }
    if (has_wb) {
        tcg_gen_mov_i64(base, wb);
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Exclusives, acquire/release, CAS/CASP                               */

/*
 * The exclusive monitor (blueprint 3.12): LDXR records the address in
 * exclusive_addr and the value seen in exclusive_val (exclusive_high:
 * second register of an X pair; a W pair keeps its 64 bits in
 * exclusive_val).  STXR is a compare-and-swap from the value seen to the
 * new value at that address (helper_stxr); it always clears the monitor.
 * CLREX (tr-branch.c) sets exclusive_addr = -1.
 */
static void gen_load_exclusive(DisasContext *s, int rt, int rt2, int rn,
                               int size, bool pair, bool acquire)
{
    TCGv_i64 addr = clean_addr_tb(cpu_reg_sp(s, rn));

    gen_check_align(addr, size + pair);

    if (!pair) {
        TCGv_i64 v = new_tmp_a64(s);

        gen_ld(s, v, addr, (MemOp)size | MO_ALIGN);
        tcg_gen_mov_i64(cpu_exclusive_val, v);
        store_xr(rt, v);
    } else if (size == 2) {
        TCGv_i64 v = new_tmp_a64(s);
        TCGv_i64 t = new_tmp_a64(s);

        gen_ld(s, v, addr, MO_64 | MO_ALIGN);
        tcg_gen_mov_i64(cpu_exclusive_val, v);
        tcg_gen_ext32u_i64(t, v);
        store_xr(rt, t);
        tcg_gen_shri_i64(t, v, 32);
        store_xr(rt2, t);
    } else {
        TCGv_i64 lo = new_tmp_a64(s);
        TCGv_i64 hi = new_tmp_a64(s);
        TCGv_i64 a8 = new_tmp_a64(s);

        gen_ld(s, lo, addr, MO_64 | MO_ALIGN_16);
        tcg_gen_addi_i64(a8, addr, 8);
        gen_ld(s, hi, a8, MO_64);
        tcg_gen_mov_i64(cpu_exclusive_val, lo);
        tcg_gen_mov_i64(cpu_exclusive_high, hi);
        store_xr(rt, lo);
        store_xr(rt2, hi);
    }
    tcg_gen_mov_i64(cpu_exclusive_addr, addr);
    tcg_temp_free_i64(addr);
    if (acquire) {
        gen_acquire();
    }
}

static void gen_store_exclusive(DisasContext *s, int rs, int rt, int rt2,
                                int rn, int size, bool pair, bool release)
{
    TCGv_i64 addr = clean_addr(s, cpu_reg_sp(s, rn));
    TCGv_i64 status = new_tmp_a64(s);

    if (release) {
        gen_release();
    }
    if (pair) {
        gen_helper_stxp(status, tcg_env, addr, guest_base_arg(),
                        tcg_constant_i32(size | rt << 8 | rt2 << 16));
    } else {
        gen_helper_stxr(status, tcg_env, addr, load_xr(rt), guest_base_arg(),
                        tcg_constant_i32(size));
    }
    store_xr(rs, status);
}

/*
 * size 001000 o2 L o1 Rs o0 Rt2 Rn Rt:
 *   o2=0 o1=0: STXR/STLXR/LDXR/LDAXR       (o0: release/acquire)
 *   o2=0 o1=1: STXP/STLXP/LDXP/LDAXP (size 1x), CASP* (size 0x, LSE)
 *   o2=1 o1=0: STLLR/STLR/LDLAR/LDAR       (o0=1: the RCsc forms)
 *   o2=1 o1=1: CAS/CASA/CASL/CASAL         (LSE; L: acquire, o0: release)
 */
static bool trans_ldst_excl(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int rt2 = extract32(insn, 10, 5);
    bool o0 = extract32(insn, 15, 1);
    int rs = extract32(insn, 16, 5);
    bool o1 = extract32(insn, 21, 1);
    bool is_load = extract32(insn, 22, 1);
    bool o2 = extract32(insn, 23, 1);
    int size = extract32(insn, 30, 2);
    bool lse = arm_feature(s->env, ARM_FEATURE_ATOMICS);

    if (!o2 && !o1) {
        if (is_load) {
            gen_load_exclusive(s, rt, 31, rn, size, false, o0);
        } else {
            gen_store_exclusive(s, rs, rt, 31, rn, size, false, o0);
        }
        return true;
    }
    if (!o2 && o1) {
        if (size & 2) {
            if (is_load) {
                gen_load_exclusive(s, rt, rt2, rn, size, true, o0);
            } else {
                gen_store_exclusive(s, rs, rt, rt2, rn, size, true, o0);
            }
            return true;
        }
        /* CASP: Rs and Rt even, Rt2 = 11111. */
        if (!lse || rt2 != 31 || (rs & 1) || (rt & 1)) {
            return false;
        }
        if (o0) {
            gen_release();
        }
        gen_helper_casp(tcg_env, clean_addr(s, cpu_reg_sp(s, rn)),
                        guest_base_arg(),
                        tcg_constant_i32((2 + (size & 1)) | rs << 8 | rt << 16));
        if (is_load) {
            gen_acquire();
        }
        return true;
    }
    if (o2 && !o1) {
        TCGv_i64 addr;

        /* LDLAR/STLLR (o0 = 0) are FEAT_LOR, v8.1 like LSE: the models
         * here have both or neither. */
        if (!o0 && !lse) {
            return false;
        }
        addr = clean_addr_tb(cpu_reg_sp(s, rn));

        gen_check_align(addr, size);
        if (is_load) {
            /* LDAR, LDLAR */
            TCGv_i64 v = rt == 31 ? new_tmp_a64(s) : cpu_X[rt];

            gen_ld(s, v, addr, (MemOp)size | MO_ALIGN);
            gen_acquire();
        } else {
            /* STLR, STLLR */
            gen_release();
            gen_st(s, load_xr(rt), addr, (MemOp)size | MO_ALIGN);
            if (o0) {
                tcg_gen_mb(TCG_MO_ST_LD | TCG_BAR_SC);
            }
        }
        tcg_temp_free_i64(addr);
        return true;
    }
    /* CAS */
    if (!lse || rt2 != 31) {
        return false;
    }
    {
        TCGv_i64 old = new_tmp_a64(s);

        if (o0) {
            gen_release();
        }
        gen_helper_cas(old, tcg_env, clean_addr(s, cpu_reg_sp(s, rn)),
                       load_xr(rs), load_xr(rt), guest_base_arg(),
                       tcg_constant_i32(size));
        store_xr(rs, old);
        if (is_load) {
            gen_acquire();
        }
    }
    return true;
}

/*
 * Atomic memory operations (LSE) and LDAPR:
 * size 111 V 00 A R 1 Rs o3 opc 00 Rn Rt, V = 0.
 * o3=0 opc: LDADD LDCLR LDEOR LDSET LDSMAX LDSMIN LDUMAX LDUMIN;
 * o3=1 opc=000: SWP; o3=1 opc=100 A=1 R=0 Rs=11111: LDAPR (RCpc).
 * The ST* aliases are the LD* forms with Rt = XZR.
 */
static bool trans_atomic(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int opc = extract32(insn, 12, 3);
    bool o3 = extract32(insn, 15, 1);
    int rs = extract32(insn, 16, 5);
    bool rel = extract32(insn, 22, 1);
    bool acq = extract32(insn, 23, 1);
    int size = extract32(insn, 30, 2);
    int op;
    TCGv_i64 old;

    if (extract32(insn, 26, 1)) {
        return false;
    }
    if (o3 && opc == 4) {
        TCGv_i64 v, addr;

        if (!acq || rel || rs != 31 ||
            !arm_feature(s->env, ARM_FEATURE_LRCPC)) {
            return false;
        }
        addr = clean_addr_tb(cpu_reg_sp(s, rn));
        gen_check_align(addr, size);
        v = rt == 31 ? new_tmp_a64(s) : cpu_X[rt];
        gen_ld(s, v, addr, (MemOp)size | MO_ALIGN);
        tcg_temp_free_i64(addr);
        gen_acquire();
        return true;
    }
    if (!arm_feature(s->env, ARM_FEATURE_ATOMICS)) {
        return false;
    }
    if (o3) {
        if (opc != 0) {
            return false;
        }
        op = 8;             /* SWP */
    } else {
        op = opc;
    }
    if (rel) {
        gen_release();
    }
    old = new_tmp_a64(s);
    gen_helper_atomic_rmw(old, tcg_env, clean_addr(s, cpu_reg_sp(s, rn)),
                          load_xr(rs), guest_base_arg(),
                          tcg_constant_i32(size | op << 4));
    store_xr(rt, old);
    if (acq) {
        gen_acquire();
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* AdvSIMD structure loads/stores                                      */

/*
 * Multiple structures: 0 Q 0011000 L 000000 opcode size Rn Rt, and the
 * post-indexed 0 Q 0011001 L 0 Rm opcode size Rn Rt (Rm = 31: by the
 * number of bytes transferred).  opcode: 0000 LD4/ST4, 0010 LD1/ST1 x4,
 * 0100 LD3, 0110 LD1 x3, 0111 LD1 x1, 1000 LD2, 1010 LD1 x2.
 *
 * LDn with n > 1 de-interleaves element by element.  LD1 of any
 * arrangement is a plain copy of bytes (little-endian lanes), done with
 * 64-bit accesses.  A fault in the middle leaves the earlier registers
 * loaded (the architecture makes them UNKNOWN).
 */
/*
 * LD2/LD4 and ST2/ST4: the bytes move between memory and staging slots
 * with 64-bit accesses, and vector permutes (de)interleave whole
 * registers: LD2 is UZP1/UZP2 of the two memory vectors, LD4 two levels
 * of them (the first pair splits structure elements 0,2 from 1,3, the
 * second splits those again); ST2/ST4 are the same with ZIP1/ZIP2 in the
 * other direction.  A load that faults leaves every register unchanged.
 * Returns false when the backend cannot do the permutes.
 */
static intptr_t stage_ofs(int i)
{
    return (intptr_t)offsetof(CPUARMState, vscratch[2 + i]);
}

/* Memory vectors 0..n-1 at addr <-> staging slots 0..n-1. */
static void stage_move(DisasContext *s, TCGv_i64 addr, int n, int vbytes,
                       bool is_load)
{
    TCGv_i64 v = new_tmp_a64(s);

    for (int i = 0; i < n; i++) {
        for (int half = 0; half < vbytes / 8; half++) {
            TCGv_i64 a = tcg_temp_new_i64();
            intptr_t slot = stage_ofs(i) + half * 8;

            /* Up to 64 bytes from addr: all but the first follow it. */
            MemOp mop = MO_64 | (i || half ? MO_FOLLOW : 0);

            tcg_gen_addi_i64(a, addr, i * vbytes + half * 8);
            if (is_load) {
                gen_ld(s, v, a, mop);
                tcg_gen_st_i64(v, tcg_env, slot);
            } else {
                tcg_gen_ld_i64(v, tcg_env, slot);
                gen_st(s, v, a, mop);
            }
            tcg_temp_free_i64(a);
        }
    }
}

/* d1, d2 = UZP1, UZP2 (zip: ZIP1, ZIP2) of a and b; d1, d2 are neither. */
static void vec_pair(uint32_t vd, bool zip, intptr_t d1, intptr_t d2,
                     intptr_t a, intptr_t b)
{
    tcg_gen_vec3(zip ? INDEX_op_vec_zip1 : INDEX_op_vec_uzp1, vd, d1, a, b);
    tcg_gen_vec3(zip ? INDEX_op_vec_zip2 : INDEX_op_vec_uzp2, vd, d2, a, b);
}

static bool ldst_mult_staged(DisasContext *s, TCGv_i64 addr, int rt,
                             int selem, int size, bool q, bool is_load)
{
    uint32_t vd = tcg_vdesc(size, q, 0);
    int vbytes = q ? 16 : 8;
#define V(k) vreg_ofs((rt + (k)) % 32, 0)

    if (!tcg_vec_supported(INDEX_op_vec_uzp1, vd) ||
        !tcg_vec_supported(INDEX_op_vec_uzp2, vd) ||
        !tcg_vec_supported(INDEX_op_vec_zip1, vd) ||
        !tcg_vec_supported(INDEX_op_vec_zip2, vd)) {
        return false;
    }
    if (is_load) {
        stage_move(s, addr, selem, vbytes, true);
        if (selem == 2) {
            vec_pair(vd, false, V(0), V(1), stage_ofs(0), stage_ofs(1));
        } else {
            /* stage 4, 5: elements 0 and 2, 1 and 3 of the first half of
             * the structures; 6, 7: of the second half. */
            vec_pair(vd, false, stage_ofs(4), stage_ofs(5), stage_ofs(0), stage_ofs(1));
            vec_pair(vd, false, stage_ofs(6), stage_ofs(7), stage_ofs(2), stage_ofs(3));
            vec_pair(vd, false, V(0), V(2), stage_ofs(4), stage_ofs(6));
            vec_pair(vd, false, V(1), V(3), stage_ofs(5), stage_ofs(7));
        }
        return true;
    }
    if (selem == 2) {
        vec_pair(vd, true, stage_ofs(0), stage_ofs(1), V(0), V(1));
    } else {
        vec_pair(vd, true, stage_ofs(4), stage_ofs(5), V(0), V(2));
        vec_pair(vd, true, stage_ofs(6), stage_ofs(7), V(1), V(3));
        vec_pair(vd, true, stage_ofs(0), stage_ofs(1), stage_ofs(4), stage_ofs(6));
        vec_pair(vd, true, stage_ofs(2), stage_ofs(3), stage_ofs(5), stage_ofs(7));
    }
    stage_move(s, addr, selem, vbytes, false);
    return true;
#undef V
}

static bool trans_simd_ldst_mult(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int size = extract32(insn, 10, 2);
    int opcode = extract32(insn, 12, 4);
    int rm = extract32(insn, 16, 5);
    bool is_load = extract32(insn, 22, 1);
    bool post = extract32(insn, 23, 1);
    bool q = extract32(insn, 30, 1);
    int rpt, selem, ebytes = 1 << size, elements, total;
    bool high_done = false;
    TCGv_i64 base, addr, v;

    if (!post && rm != 0) {
        return false;
    }
    switch (opcode) {
    case 0x0: rpt = 1; selem = 4; break;
    case 0x2: rpt = 4; selem = 1; break;
    case 0x4: rpt = 1; selem = 3; break;
    case 0x6: rpt = 3; selem = 1; break;
    case 0x7: rpt = 1; selem = 1; break;
    case 0x8: rpt = 1; selem = 2; break;
    case 0xa: rpt = 2; selem = 1; break;
    default:
        return false;
    }
    if (size == 3 && !q && selem != 1) {
        return false;
    }
    if (!arm_feature(s->env, ARM_FEATURE_ASIMD)) {
        return false;
    }
    elements = (q ? 16 : 8) / ebytes;
    total = rpt * selem * (q ? 16 : 8);

    base = cpu_reg_sp(s, rn);
    addr = clean_addr(s, base);
    v = new_tmp_a64(s);
    if (selem == 1) {
        for (int r = 0; r < rpt; r++) {
            int t = (rt + r) % 32;

            for (int half = 0; half < (q ? 2 : 1); half++) {
                TCGv_i64 a = tcg_temp_new_i64();
                /* At most 64 bytes from addr: all but the first follow. */
                MemOp mop = MO_64 | (r || half ? MO_FOLLOW : 0);

                tcg_gen_addi_i64(a, addr, r * (q ? 16 : 8) + half * 8);
                if (is_load) {
                    gen_ld(s, v, a, mop);
                    tcg_gen_st_i64(v, tcg_env, vreg_ofs(t, half * 8));
                } else {
                    tcg_gen_ld_i64(v, tcg_env, vreg_ofs(t, half * 8));
                    gen_st(s, v, a, mop);
                }
                tcg_temp_free_i64(a);
            }
        }
    } else if ((selem == 2 || selem == 4) &&
               ldst_mult_staged(s, addr, rt, selem, size, q, is_load)) {
        high_done = true;       /* 8-byte vector ops zero the top */
    } else {
        int off = 0;

        for (int e = 0; e < elements; e++) {
            for (int k = 0; k < selem; k++) {
                int t = (rt + k) % 32;
                TCGv_i64 a = tcg_temp_new_i64();

                MemOp mop = (MemOp)size | (off ? MO_FOLLOW : 0);

                tcg_gen_addi_i64(a, addr, off);
                if (is_load) {
                    gen_ld(s, v, a, mop);
                    gen_st_vreg_elt(v, t, e * ebytes, size);
                } else {
                    gen_ld_vreg_elt(v, t, e * ebytes, size);
                    gen_st(s, v, a, mop);
                }
                tcg_temp_free_i64(a);
                off += ebytes;
            }
        }
    }
    if (is_load && !q && !high_done) {
        for (int r = 0; r < rpt * selem; r++) {
            gen_clear_vreg_high((rt + r) % 32);
        }
    }
    if (post) {
        if (rm == 31) {
            tcg_gen_addi_i64(base, base, total);
        } else {
            tcg_gen_add_i64(base, base, cpu_X[rm]);
        }
    }
    return true;
}

/*
 * Single structure: 0 Q 0011010 L R 00000 opcode S size Rn Rt, and the
 * post-indexed 0 Q 0011011 L R Rm opcode S size Rn Rt.
 * opcode<2:1> is the element size (3: LDnR, replicate), selem =
 * opcode<0>:R + 1; the lane index is Q:S:size scaled down.
 */
static bool trans_simd_ldst_single(DisasContext *s, uint32_t insn)
{
    int rt = extract32(insn, 0, 5);
    int rn = extract32(insn, 5, 5);
    int size = extract32(insn, 10, 2);
    bool S = extract32(insn, 12, 1);
    int opcode = extract32(insn, 13, 3);
    int rm = extract32(insn, 16, 5);
    bool R = extract32(insn, 21, 1);
    bool is_load = extract32(insn, 22, 1);
    bool post = extract32(insn, 23, 1);
    bool q = extract32(insn, 30, 1);
    int scale = opcode >> 1;
    int selem = ((opcode & 1) << 1 | R) + 1;
    bool replicate = false;
    int index = 0;
    TCGv_i64 base, addr, v;

    if (!post && rm != 0) {
        return false;
    }
    switch (scale) {
    case 3:
        if (!is_load || S) {
            return false;
        }
        scale = size;
        replicate = true;
        break;
    case 0:
        index = q << 3 | S << 2 | size;
        break;
    case 1:
        if (size & 1) {
            return false;
        }
        index = q << 2 | S << 1 | size >> 1;
        break;
    case 2:
        if (size & 2) {
            return false;
        }
        if (!(size & 1)) {
            index = q << 1 | S;
        } else {
            if (S) {
                return false;
            }
            index = q;
            scale = 3;
        }
        break;
    }
    if (!arm_feature(s->env, ARM_FEATURE_ASIMD)) {
        return false;
    }

    base = cpu_reg_sp(s, rn);
    addr = clean_addr(s, base);
    v = new_tmp_a64(s);
    for (int k = 0; k < selem; k++) {
        int t = (rt + k) % 32;
        TCGv_i64 a = tcg_temp_new_i64();

        tcg_gen_addi_i64(a, addr, k << scale);
        if (replicate) {
            static const uint64_t rep[4] = {
                0x0101010101010101ull, 0x0001000100010001ull,
                0x0000000100000001ull, 1,
            };

            gen_ld(s, v, a, (MemOp)scale);
            if (scale != 3) {
                tcg_gen_muli_i64(v, v, (int64_t)rep[scale]);
            }
            tcg_gen_st_i64(v, tcg_env, vreg_ofs(t, 0));
            if (q) {
                tcg_gen_st_i64(v, tcg_env, vreg_ofs(t, 8));
            } else {
                gen_clear_vreg_high(t);
            }
        } else if (is_load) {
            gen_ld(s, v, a, (MemOp)scale);
            gen_st_vreg_elt(v, t, index << scale, scale);
        } else {
            gen_ld_vreg_elt(v, t, index << scale, scale);
            gen_st(s, v, a, (MemOp)scale);
        }
        tcg_temp_free_i64(a);
    }
    if (post) {
        if (rm == 31) {
            tcg_gen_addi_i64(base, base, selem << scale);
        } else {
            tcg_gen_add_i64(base, base, cpu_X[rm]);
        }
    }
    return true;
}

/* ------------------------------------------------------------------ */

const A64Pattern a64_ldst_patterns[] = {
    { 0xff200400, 0xf8200400, trans_ldra, "LDRAA/LDRAB (tr-pauth.c)" },
    { 0x3f000000, 0x08000000, trans_ldst_excl, "ldst excl/ordered/cas" },
    { 0x3b000000, 0x18000000, trans_ld_literal, "ldr literal" },
    { 0x3a000000, 0x28000000, trans_ldst_pair, "ldst pair" },
    { 0x3b200000, 0x38000000, trans_ldst_imm9, "ldst imm9" },
    { 0x3b200c00, 0x38200000, trans_atomic, "atomic / ldapr" },
    { 0x3b200c00, 0x38200800, trans_ldst_regoff, "ldst register offset" },
    { 0x3b000000, 0x39000000, trans_ldst_uimm, "ldst unsigned imm" },
    { 0xbfbf0000, 0x0c000000, trans_simd_ldst_mult, "simd ldst multiple" },
    { 0xbfa00000, 0x0c800000, trans_simd_ldst_mult, "simd ldst multiple post" },
    { 0xbf9f0000, 0x0d000000, trans_simd_ldst_single, "simd ldst single" },
    { 0xbf800000, 0x0d800000, trans_simd_ldst_single, "simd ldst single post" },
    { 0, 0, NULL, NULL },
};
