/*
 * Guest memory accesses (qemu_ld / qemu_st) for the x86-64 backend.
 *
 * User mode: host = guest_base + addr, as [addr], [addr + disp32] or
 * [R14 + addr] (R14 loaded by the prologue when guest_base is set before
 * tcg_emit_prologue and does not fit a simm32; if it is set later, each
 * access loads it into RDI first).  With s->guest_addr_bits, an address
 * with any bit at or above it set (outside the host reservation) jumps
 * to an out-of-line call of s->ld_slow/st_slow instead, which raises the
 * guest's fault: "cmp addr, [env + guest_limit_ofs]; jae slow"
 * before the access (the limit is CPUNegativeOffsetState.guest_limit;
 * CMP+Jcc fuse into one uop where "mov; shr; jnz" took three).
 * An access marked MO_FOLLOW (it follows a checked one of the same guest
 * instruction by at most MO_FOLLOW_SPAN bytes) has no check when
 * s->guest_guard covers that span: it can reach only the guard.
 * Alignment requirements (MO_ALIGN...) are not checked in user mode yet:
 * the access is simply performed (x86 tolerates misalignment).
 *
 * Soft-MMU: the inline TLB fast path of exec/tlb-common.h, with an
 * out-of-line slow path per access emitted by tb_finalize() at the end of
 * the block.  The fast path uses RDI/RSI (call-clobbered, excluded from
 * the address and value constraints) as scratch.
 */
#include <stddef.h>
#include <stdlib.h>
#include "x86-backend.h"
#include "exec/tlb-common.h"

typedef struct X86SlowPath {
    bool is_ld;
    bool data_const;
    TCGType type;
    MemOpIdx oi;
    TCGReg data, addr;
    int64_t data_val;
    uint8_t *jne_field;         /* rw: rel32 of the jne to the slow path */
    const void *raddr;          /* rx: just after the host access */
    const void *back;           /* rx: end of the fast path */
} X86SlowPath;

/* Per thread: the slow paths of the block being generated. */
static __thread struct {
    const TCGContext *owner;
    X86SlowPath *v;
    int n, cap;
} slow;

void x86_block_start_check(TCGContext *s)
{
    if (s->code_ptr == s->code_buf || slow.owner != s) {
        /* First emission of a (possibly retried) block. */
        slow.owner = s;
        slow.n = 0;
    }
}

static X86SlowPath *new_slow_path(TCGContext *s)
{
    x86_block_start_check(s);
    if (slow.n == slow.cap) {
        int cap = slow.cap ? slow.cap * 2 : 64;
        X86SlowPath *v = realloc(slow.v, cap * sizeof(*v));
        if (!v) {
            tcg_abort_msg("x86_64: out of memory for slow paths");
        }
        slow.v = v;
        slow.cap = cap;
    }
    return &slow.v[slow.n++];
}

/* Where the host address of a guest access is: [base + index + disp]. */
typedef struct {
    int base, index;
    intptr_t disp;
} X86Mem;

static void out_mem(TCGContext *s, int opc, int r, X86Mem m)
{
    x86_modrm_sib(s, opc, r, m.base, m.index, 0, m.disp);
}

static X86Mem user_mem(TCGContext *s, TCGReg addr)
{
    X86Mem m = { addr, X86_NOREG, 0 };
    uintptr_t gb = s->guest_base;

    if (gb == 0) {
        return m;
    }
    if ((intptr_t)gb == (int32_t)gb) {
        m.disp = (intptr_t)gb;
        return m;
    }
    m.index = addr;
    if ((s->reserved_regs & R(X86_GUEST_BASE_REG)) &&
        (uintptr_t)s->be_data == gb) {
        /* Loaded by the prologue. */
        m.base = X86_GUEST_BASE_REG;
    } else {
        /* guest_base was set after the prologue: materialise it in a
         * scratch register that the constraints keep free. */
        x86_movi(s, true, X86_TLB_T0, (int64_t)gb, false);
        m.base = X86_TLB_T0;
    }
    return m;
}

/*
 * The TLB lookup: emits the compare and a jne whose rel32 field is stored
 * in *jne; returns the host address operand [T0 + addr].
 */
static X86Mem tlb_lookup(TCGContext *s, TCGReg addr, MemOpIdx oi, bool is_ld,
                         uint8_t **jne)
{
    MemOp mop = get_memop(oi);
    int page_bits = s->softmmu.page_bits;
    int64_t s_mask = memop_size(mop) - 1;
    int64_t a_mask = memop_alignment(mop) - 1;
    intptr_t fast = s->softmmu.tlb_fast_ofs
                  + (intptr_t)get_mmuidx(oi) * (intptr_t)sizeof(CPUTLBDescFast);
    intptr_t cmp_ofs = is_ld ? offsetof(CPUTLBEntry, addr_read)
                             : offsetof(CPUTLBEntry, addr_write);
    X86Mem m = { X86_TLB_T0, addr, 0 };

    tcg_debug_assert(page_bits > CPU_TLB_ENTRY_BITS && page_bits < 32);
    tcg_debug_assert(addr != X86_TLB_T0 && addr != X86_TLB_T1);

    /* T0 = &table[(addr >> (page_bits - 5)) & (mask >> 5)] */
    x86_mov(s, true, X86_TLB_T0, addr);
    x86_shift_ri(s, SHIFT_SHR, true, X86_TLB_T0,
                 page_bits - CPU_TLB_ENTRY_BITS);
    x86_modrm_mem(s, ((ARITH_AND << 3) | 3) | X86_P_W, X86_TLB_T0,
                  X86_ENV_REG, fast + offsetof(CPUTLBDescFast, mask));
    x86_modrm_mem(s, ((ARITH_ADD << 3) | 3) | X86_P_W, X86_TLB_T0,
                  X86_ENV_REG, fast + offsetof(CPUTLBDescFast, table));

    /*
     * T1 = compare value.  When the access may be less aligned than its
     * size, address its last byte (minus the alignment slack) so that a
     * page-crossing access misses; keep the alignment bits so that a
     * misaligned access misses too.
     */
    if (a_mask < s_mask) {
        x86_lea(s, true, X86_TLB_T1, addr, X86_NOREG, 0, s_mask - a_mask);
    } else {
        x86_mov(s, true, X86_TLB_T1, addr);
    }
    x86_arith_ri(s, ARITH_AND, true, X86_TLB_T1,
                 -((int64_t)1 << page_bits) | a_mask);
    x86_modrm_mem(s, ((ARITH_CMP << 3) | 3) | X86_P_W, X86_TLB_T1,
                  X86_TLB_T0, cmp_ofs);
    *jne = x86_jcc_long_fwd(s, JCC_NE);

    /* T0 = addend; host address = T0 + addr. */
    x86_ld(s, true, X86_TLB_T0, X86_TLB_T0, offsetof(CPUTLBEntry, addend));
    return m;
}

/* Emit the load itself; returns with s->code_ptr after the access insn
 * in *raddr_rw (fix-ups such as byte swaps may follow). */
static void emit_load(TCGContext *s, TCGType type, TCGReg data, X86Mem m,
                      MemOp mop, uint8_t **raddr_rw)
{
    bool rexw = type == TCG_TYPE_I64;
    int w = rexw ? X86_P_W : 0;
    bool sign = (mop & MO_SIGN) != 0;
    bool bswap = (mop & MO_BSWAP) != 0;
    bool movbe = have_feat(X86_FEAT_MOVBE);

    switch (mop & MO_SIZE) {
    case MO_8:
        out_mem(s, (sign ? (OPC_MOVSBL | w) : OPC_MOVZBL) & ~X86_P_BYTE_RM,
                data, m);
        *raddr_rw = s->code_ptr;
        break;
    case MO_16:
        if (!bswap) {
            out_mem(s, sign ? (OPC_MOVSWL | w) : OPC_MOVZWL, data, m);
            *raddr_rw = s->code_ptr;
        } else if (movbe) {
            /* movbe r16 only writes the low 16 bits: extend after. */
            out_mem(s, OPC_MOVBE_GyMy | X86_P_66, data, m);
            *raddr_rw = s->code_ptr;
            if (sign) {
                x86_ext16s(s, rexw, data, data);
            } else {
                x86_ext16u(s, data, data);
            }
        } else {
            out_mem(s, OPC_MOVZWL, data, m);
            *raddr_rw = s->code_ptr;
            x86_rol16_8(s, data);
            if (sign) {
                x86_ext16s(s, rexw, data, data);
            }
        }
        break;
    case MO_32:
        if (!bswap) {
            out_mem(s, sign && rexw ? OPC_MOVSLQ : OPC_MOVL_GvEv, data, m);
            *raddr_rw = s->code_ptr;
        } else {
            if (movbe) {
                out_mem(s, OPC_MOVBE_GyMy, data, m);
                *raddr_rw = s->code_ptr;
            } else {
                out_mem(s, OPC_MOVL_GvEv, data, m);
                *raddr_rw = s->code_ptr;
                x86_bswap(s, false, data);
            }
            if (sign && rexw) {
                x86_ext32s(s, data, data);
            }
        }
        break;
    default:
        if (bswap && movbe) {
            out_mem(s, OPC_MOVBE_GyMy | X86_P_W, data, m);
            *raddr_rw = s->code_ptr;
        } else {
            out_mem(s, OPC_MOVL_GvEv | X86_P_W, data, m);
            *raddr_rw = s->code_ptr;
            if (bswap) {
                x86_bswap(s, true, data);
            }
        }
        break;
    }
}

static uint64_t bswap_val(uint64_t v, MemOp size)
{
    switch (size) {
    case MO_16:
        return __builtin_bswap16((uint16_t)v);
    case MO_32:
        return __builtin_bswap32((uint32_t)v);
    case MO_64:
        return __builtin_bswap64(v);
    default:
        return v & 0xff;
    }
}

static void emit_store(TCGContext *s, TCGReg data, bool data_const,
                       int64_t val, X86Mem m, MemOp mop, uint8_t **raddr_rw)
{
    MemOp size = mop & MO_SIZE;
    bool bswap = (mop & MO_BSWAP) != 0 && size != MO_8;
    int opc;

    if (data_const) {
        uint64_t v = bswap ? bswap_val((uint64_t)val, size) : (uint64_t)val;
        if (size == MO_64 && (int64_t)v != (int32_t)v) {
            x86_movi(s, true, X86_TMP, (int64_t)v, false);
            out_mem(s, OPC_MOVL_EvGv | X86_P_W, X86_TMP, m);
        } else if (size == MO_8) {
            out_mem(s, OPC_MOVB_EvIz, 0, m);
            tcg_out8(s, (uint8_t)v);
        } else if (size == MO_16) {
            out_mem(s, OPC_MOVL_EvIz | X86_P_66, 0, m);
            tcg_out16(s, (uint16_t)v);
        } else {
            out_mem(s, OPC_MOVL_EvIz | (size == MO_64 ? X86_P_W : 0), 0, m);
            tcg_out32(s, (uint32_t)v);
        }
        *raddr_rw = s->code_ptr;
        return;
    }

    switch (size) {
    case MO_8:
        opc = OPC_MOVB_EvGv;
        break;
    case MO_16:
        opc = OPC_MOVL_EvGv | X86_P_66;
        break;
    case MO_32:
        opc = OPC_MOVL_EvGv;
        break;
    default:
        opc = OPC_MOVL_EvGv | X86_P_W;
        break;
    }
    if (bswap && have_feat(X86_FEAT_MOVBE)) {
        opc = (opc & (X86_P_66 | X86_P_W)) | OPC_MOVBE_MyGy;
    } else if (bswap) {
        x86_mov(s, size == MO_64, X86_TMP, data);
        if (size == MO_16) {
            x86_rol16_8(s, X86_TMP);
        } else {
            x86_bswap(s, size == MO_64, X86_TMP);
        }
        data = X86_TMP;
    }
    out_mem(s, opc, data, m);
    *raddr_rw = s->code_ptr;
}

/* User mode's address check; returns the jnz's rel32 field, or NULL.
 * None for an access that follows a checked one (MO_FOLLOW) when the
 * guard after the reservation covers it. */
static uint8_t *user_check(TCGContext *s, TCGReg addr, MemOp mop, const void **after)
{
    uint8_t *jnz;

    if (!s->guest_addr_bits ||
        ((mop & MO_FOLLOW) && s->guest_guard >= MO_FOLLOW_SPAN)) {
        return NULL;
    }
    /* cmp addr, [env + guest_limit]; jae slow: one fused compare-branch */
    x86_modrm_mem(s, ((ARITH_CMP << 3) | 3) | X86_P_W, addr, X86_ENV_REG,
                  s->guest_limit_ofs);
    jnz = x86_jcc_long_fwd(s, JCC_AE);
    *after = x86_rx(s, s->code_ptr);
    return jnz;
}

void x86_out_qemu_ld(TCGContext *s, TCGType type, TCGReg data, TCGReg addr,
                     MemOpIdx oi)
{
    MemOp mop = get_memop(oi);
    uint8_t *raddr;
    uint8_t *jne;
    X86SlowPath *sp;

    if (s->mem_mode != TCG_MEM_SOFTMMU) {
        const void *after = NULL;
        uint8_t *jnz = user_check(s, addr, mop, &after);

        emit_load(s, type, data, user_mem(s, addr), mop, &raddr);
        if (jnz) {
            sp = new_slow_path(s);
            *sp = (X86SlowPath){
                .is_ld = true, .type = type, .oi = oi, .data = data,
                .addr = addr, .jne_field = jnz, .raddr = after,
                .back = x86_rx(s, s->code_ptr),
            };
        }
        return;
    }
    sp = new_slow_path(s);
    emit_load(s, type, data, tlb_lookup(s, addr, oi, true, &jne), mop,
              &raddr);
    sp->is_ld = true;
    sp->data_const = false;
    sp->type = type;
    sp->oi = oi;
    sp->data = data;
    sp->addr = addr;
    sp->data_val = 0;
    sp->jne_field = jne;
    sp->raddr = x86_rx(s, raddr);
    sp->back = x86_rx(s, s->code_ptr);
}

void x86_out_qemu_st(TCGContext *s, TCGType type, TCGReg data,
                     bool data_const, int64_t data_val, TCGReg addr,
                     MemOpIdx oi)
{
    MemOp mop = get_memop(oi);
    uint8_t *raddr;
    uint8_t *jne;
    X86SlowPath *sp;

    if (s->mem_mode != TCG_MEM_SOFTMMU) {
        const void *after = NULL;
        uint8_t *jnz = user_check(s, addr, mop, &after);

        emit_store(s, data, data_const, data_val, user_mem(s, addr), mop,
                   &raddr);
        if (jnz) {
            sp = new_slow_path(s);
            *sp = (X86SlowPath){
                .is_ld = false, .data_const = data_const, .type = type,
                .oi = oi, .data = data_const ? X86_NOREG : data,
                .addr = addr, .data_val = data_val, .jne_field = jnz,
                .raddr = after, .back = x86_rx(s, s->code_ptr),
            };
        }
        return;
    }
    sp = new_slow_path(s);
    emit_store(s, data, data_const, data_val,
               tlb_lookup(s, addr, oi, false, &jne), mop, &raddr);
    sp->is_ld = false;
    sp->data_const = data_const;
    sp->type = type;
    sp->oi = oi;
    sp->data = data_const ? X86_NOREG : data;
    sp->addr = addr;
    sp->data_val = data_val;
    sp->jne_field = jne;
    sp->raddr = x86_rx(s, raddr);
    sp->back = x86_rx(s, s->code_ptr);
}

/* Out-of-line slow paths: helper calls for TLB misses (user mode: for
 * addresses outside the reservation). */
bool x86_tb_finalize(TCGContext *s)
{
    x86_block_start_check(s);
    for (int i = 0; i < slow.n; i++) {
        X86SlowPath *sp = &slow.v[i];

        if (s->code_ptr > s->code_gen_highwater) {
            slow.n = 0;
            return false;
        }
        x86_patch_long32(s, sp->jne_field);
        /* Argument registers: env, addr, [val,] oi, retaddr.  addr and
         * val are never in RDI/RSI (constraints). */
        x86_mov(s, true, X86_RDI, X86_ENV_REG);
        x86_mov(s, true, X86_RSI, sp->addr);
        if (sp->is_ld) {
            x86_movi(s, false, X86_RDX, sp->oi, false);
            x86_modrm_rip(s, OPC_LEA | X86_P_W, X86_RCX, sp->raddr, 0);
            x86_call_abs(s, (const void *)s->ld_slow);
            x86_mov(s, sp->type == TCG_TYPE_I64, sp->data, X86_RAX);
        } else {
            if (sp->data_const) {
                x86_movi(s, true, X86_RDX, sp->data_val, false);
            } else {
                x86_mov(s, true, X86_RDX, sp->data);
            }
            x86_movi(s, false, X86_RCX, sp->oi, false);
            x86_modrm_rip(s, OPC_LEA | X86_P_W, X86_R8, sp->raddr, 0);
            x86_call_abs(s, (const void *)s->st_slow);
        }
        x86_jmp_abs(s, sp->back);
    }
    slow.n = 0;
    return s->code_ptr <= s->code_gen_highwater;
}
