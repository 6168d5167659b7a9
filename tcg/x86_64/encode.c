/*
 * x86-64 instruction encoder for the tern JIT backend.
 *
 * Encodings follow the Intel SDM volume 2 (REX, ModRM/SIB, VEX).
 */
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>
#include "encode.h"

/* ------------------------------------------------------------------ */
/* Host features                                                       */

unsigned x86_host_features;

unsigned x86_cpuid_features(void)
{
    unsigned a, b, c, d, f = 0, max;

    max = __get_cpuid_max(0, NULL);
    if (max >= 1 && __get_cpuid(1, &a, &b, &c, &d)) {
        if (c & (1u << 22)) {
            f |= X86_FEAT_MOVBE;
        }
        if (c & (1u << 23)) {
            f |= X86_FEAT_POPCNT;
        }
        if (c & (1u << 9)) {
            f |= X86_FEAT_SSSE3;
        }
        if (c & (1u << 19)) {
            f |= X86_FEAT_SSE41;
        }
        if (c & (1u << 20)) {
            f |= X86_FEAT_SSE42;
        }
    }
    if (max >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (b & (1u << 3)) {
            f |= X86_FEAT_BMI1;
        }
        if (b & (1u << 8)) {
            f |= X86_FEAT_BMI2;
        }
    }
    if (__get_cpuid_max(0x80000000, NULL) >= 0x80000001 &&
        __get_cpuid(0x80000001, &a, &b, &c, &d)) {
        if (c & (1u << 5)) {
            f |= X86_FEAT_LZCNT;
        }
    }
    return f;
}

void x86_set_host_features(unsigned f)
{
    x86_host_features = f;
}

static void __attribute__((constructor)) x86_detect_features(void)
{
    const char *e = getenv("TERN_X86_NO_EXT");

    if (e && *e && strcmp(e, "0") != 0) {
        x86_host_features = 0;
    } else {
        x86_host_features = x86_cpuid_features();
    }
}

/* ------------------------------------------------------------------ */
/* Raw encoding                                                        */

static inline bool fits_i8(int64_t v) { return v == (int8_t)v; }
static inline bool fits_i32(int64_t v) { return v == (int32_t)v; }

void x86_opc(TCGContext *s, int opc, int r, int rm, int x)
{
    int rex = 0;

    if (opc & X86_P_66) {
        tcg_out8(s, 0x66);
    }
    if (opc & X86_P_F3) {
        tcg_out8(s, 0xf3);
    } else if (opc & X86_P_F2) {
        tcg_out8(s, 0xf2);
    }
    if (r < 0) {
        r = 0;
    }
    if (rm < 0) {
        rm = 0;
    }
    if (x < 0) {
        x = 0;
    }
    if (opc & X86_P_W) {
        rex |= 8;
    }
    rex |= (r & 8) >> 1;
    rex |= (x & 8) >> 2;
    rex |= (rm & 8) >> 3;
    /* SPL, BPL, SIL, DIL need a REX prefix (else they mean AH..BH). */
    if (((opc & X86_P_BYTE_R) && r >= 4) ||
        ((opc & X86_P_BYTE_RM) && rm >= 4)) {
        rex |= 0x40;
    }
    if (rex) {
        tcg_out8(s, 0x40 | rex);
    }
    if (opc & (X86_P_0F | X86_P_0F38 | X86_P_0F3A)) {
        tcg_out8(s, 0x0f);
        if (opc & X86_P_0F38) {
            tcg_out8(s, 0x38);
        } else if (opc & X86_P_0F3A) {
            tcg_out8(s, 0x3a);
        }
    }
    tcg_out8(s, opc & 0xff);
}

void x86_modrm(TCGContext *s, int opc, int r, int rm)
{
    x86_opc(s, opc, r, rm, 0);
    tcg_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

void x86_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                   int shift, intptr_t disp)
{
    int mod;

    tcg_debug_assert(fits_i32(disp));
    tcg_debug_assert(index != X86_RSP);
    x86_opc(s, opc, r, base, index);
    r &= 7;

    if (base < 0) {
        /* No base: SIB with base=101 and mod=00 means disp32 only. */
        tcg_out8(s, 0x04 | (r << 3));
        tcg_out8(s, (shift << 6) | ((index < 0 ? 4 : index & 7) << 3) | 5);
        tcg_out32(s, (uint32_t)disp);
        return;
    }
    if (disp == 0 && (base & 7) != X86_RBP) {
        mod = 0x00;
    } else if (fits_i8(disp)) {
        mod = 0x40;
    } else {
        mod = 0x80;
    }
    if (index < 0 && (base & 7) != X86_RSP) {
        tcg_out8(s, mod | (r << 3) | (base & 7));
    } else {
        tcg_out8(s, mod | (r << 3) | 4);
        tcg_out8(s, (shift << 6) | ((index < 0 ? 4 : index & 7) << 3)
                    | (base & 7));
    }
    if (mod == 0x40) {
        tcg_out8(s, (uint8_t)disp);
    } else if (mod == 0x80) {
        tcg_out32(s, (uint32_t)disp);
    }
}

void x86_modrm_rip(TCGContext *s, int opc, int r, const void *target_rx,
                   int imm_bytes)
{
    intptr_t disp;

    x86_opc(s, opc, r, 0, 0);
    tcg_out8(s, 0x05 | ((r & 7) << 3));
    disp = (intptr_t)target_rx
         - (intptr_t)(x86_rx(s, s->code_ptr) + 4 + imm_bytes);
    tcg_debug_assert(fits_i32(disp));
    tcg_out32(s, (uint32_t)disp);
}

void x86_vex_modrm(TCGContext *s, int opc, int r, int v, int rm)
{
    int map, pp = 0, b1, b2;

    map = (opc & X86_P_0F3A) ? 3 : (opc & X86_P_0F38) ? 2 : 1;
    if (opc & X86_P_66) {
        pp = 1;
    } else if (opc & X86_P_F3) {
        pp = 2;
    } else if (opc & X86_P_F2) {
        pp = 3;
    }
    b1 = ((r & 8) ? 0 : 0x80) | 0x40 | ((rm & 8) ? 0 : 0x20) | map;
    b2 = ((opc & X86_P_W) ? 0x80 : 0) | ((~v & 0xf) << 3) | pp;
    tcg_out8(s, 0xc4);
    tcg_out8(s, b1);
    tcg_out8(s, b2);
    tcg_out8(s, opc & 0xff);
    tcg_out8(s, 0xc0 | ((r & 7) << 3) | (rm & 7));
}

/* ------------------------------------------------------------------ */
/* Instructions                                                        */

#define W(rexw) ((rexw) ? X86_P_W : 0)

void x86_mov(TCGContext *s, bool rexw, int dst, int src)
{
    if (dst != src) {
        x86_modrm(s, OPC_MOVL_EvGv | W(rexw), src, dst);
    }
}

void x86_movi(TCGContext *s, bool rexw, int dst, int64_t val,
              bool keep_flags)
{
    if (!rexw) {
        val = (uint32_t)val;
    }
    if (val == 0 && !keep_flags) {
        x86_modrm(s, (ARITH_XOR << 3) | 3, dst, dst);
    } else if (val == (int64_t)(uint32_t)val) {
        x86_opc(s, OPC_MOVL_Iv + (dst & 7), 0, dst, 0);
        tcg_out32(s, (uint32_t)val);
    } else if (fits_i32(val)) {
        x86_modrm(s, OPC_MOVL_EvIz | X86_P_W, 0, dst);
        tcg_out32(s, (uint32_t)val);
    } else {
        x86_opc(s, (OPC_MOVL_Iv + (dst & 7)) | X86_P_W, 0, dst, 0);
        tcg_out64(s, (uint64_t)val);
    }
}

void x86_arith_rr(TCGContext *s, int arith, bool rexw, int dst, int src)
{
    x86_modrm(s, ((arith << 3) | 3) | W(rexw), dst, src);
}

void x86_arith_ri(TCGContext *s, int arith, bool rexw, int dst, int64_t imm)
{
    if (!rexw) {
        imm = (int32_t)imm;
    }
    tcg_debug_assert(fits_i32(imm));
    if (fits_i8(imm)) {
        x86_modrm(s, OPC_ARITH_EvIb | W(rexw), arith, dst);
        tcg_out8(s, (uint8_t)imm);
    } else {
        x86_modrm(s, OPC_ARITH_EvIz | W(rexw), arith, dst);
        tcg_out32(s, (uint32_t)imm);
    }
}

void x86_shift_ri(TCGContext *s, int sh, bool rexw, int dst, int count)
{
    count &= rexw ? 63 : 31;
    if (count == 0) {
        return;
    }
    if (count == 1) {
        x86_modrm(s, OPC_SHIFT_1 | W(rexw), sh, dst);
    } else {
        x86_modrm(s, OPC_SHIFT_Ib | W(rexw), sh, dst);
        tcg_out8(s, count);
    }
}

void x86_shift_cl(TCGContext *s, int sh, bool rexw, int dst)
{
    x86_modrm(s, OPC_SHIFT_cl | W(rexw), sh, dst);
}

void x86_grp3(TCGContext *s, int ext, bool rexw, int reg)
{
    x86_modrm(s, OPC_GRP3_Ev | W(rexw), ext, reg);
}

void x86_addi(TCGContext *s, bool rexw, int dst, int64_t imm)
{
    if (imm != 0) {
        x86_arith_ri(s, ARITH_ADD, rexw, dst, imm);
    }
}

void x86_ld(TCGContext *s, bool rexw, int dst, int base, intptr_t ofs)
{
    x86_modrm_mem(s, OPC_MOVL_GvEv | W(rexw), dst, base, ofs);
}

void x86_st(TCGContext *s, bool rexw, int src, int base, intptr_t ofs)
{
    x86_modrm_mem(s, OPC_MOVL_EvGv | W(rexw), src, base, ofs);
}

void x86_lea(TCGContext *s, bool rexw, int dst, int base, int index,
             int shift, intptr_t disp)
{
    x86_modrm_sib(s, OPC_LEA | W(rexw), dst, base, index, shift, disp);
}

void x86_ext8u(TCGContext *s, int dst, int src)
{
    x86_modrm(s, OPC_MOVZBL, dst, src);
}

void x86_ext8s(TCGContext *s, bool rexw, int dst, int src)
{
    x86_modrm(s, OPC_MOVSBL | W(rexw), dst, src);
}

void x86_ext16u(TCGContext *s, int dst, int src)
{
    x86_modrm(s, OPC_MOVZWL, dst, src);
}

void x86_ext16s(TCGContext *s, bool rexw, int dst, int src)
{
    x86_modrm(s, OPC_MOVSWL | W(rexw), dst, src);
}

void x86_ext32u(TCGContext *s, int dst, int src)
{
    /* A 32-bit mov always clears bits 63..32, even onto itself. */
    x86_modrm(s, OPC_MOVL_EvGv, src, dst);
}

void x86_ext32s(TCGContext *s, int dst, int src)
{
    x86_modrm(s, OPC_MOVSLQ, dst, src);
}

void x86_bswap(TCGContext *s, bool rexw, int reg)
{
    x86_opc(s, (OPC_BSWAP + (reg & 7)) | W(rexw), 0, reg, 0);
}

void x86_rol16_8(TCGContext *s, int reg)
{
    x86_modrm(s, OPC_SHIFT_Ib | X86_P_66, SHIFT_ROL, reg);
    tcg_out8(s, 8);
}

void x86_push(TCGContext *s, int reg)
{
    x86_opc(s, OPC_PUSH_r + (reg & 7), 0, reg, 0);
}

void x86_pop(TCGContext *s, int reg)
{
    x86_opc(s, OPC_POP_r + (reg & 7), 0, reg, 0);
}

void x86_nops(TCGContext *s, int n)
{
    while (n >= 3) {
        tcg_out8(s, 0x0f);      /* nopl (%rax) */
        tcg_out8(s, 0x1f);
        tcg_out8(s, 0x00);
        n -= 3;
    }
    if (n == 2) {
        tcg_out8(s, 0x66);
        tcg_out8(s, 0x90);
    } else if (n == 1) {
        tcg_out8(s, 0x90);
    }
}

static void x86_branch_abs(TCGContext *s, int opc, int ext,
                           const void *target_rx)
{
    intptr_t disp = (intptr_t)target_rx
                  - (intptr_t)(x86_rx(s, s->code_ptr) + 5);

    if (fits_i32(disp)) {
        tcg_out8(s, opc);
        tcg_out32(s, (uint32_t)disp);
    } else {
        x86_movi(s, true, X86_R11, (intptr_t)target_rx, false);
        x86_modrm(s, OPC_GRP5, ext, X86_R11);
    }
}

void x86_jmp_abs(TCGContext *s, const void *target_rx)
{
    x86_branch_abs(s, OPC_JMP_long, EXT5_JMP_Ev, target_rx);
}

void x86_call_abs(TCGContext *s, const void *target_rx)
{
    x86_branch_abs(s, OPC_CALL_Jz, EXT5_CALL_Ev, target_rx);
}

uint8_t *x86_jcc_short_fwd(TCGContext *s, int jcc)
{
    tcg_out8(s, jcc < 0 ? OPC_JMP_short : OPC_JCC_short + jcc);
    tcg_out8(s, 0);
    return s->code_ptr - 1;
}

void x86_patch_short8(TCGContext *s, uint8_t *field)
{
    intptr_t disp = s->code_ptr - (field + 1);

    tcg_debug_assert(fits_i8(disp));
    *field = (uint8_t)disp;
}

uint8_t *x86_jcc_long_fwd(TCGContext *s, int jcc)
{
    if (jcc < 0) {
        tcg_out8(s, OPC_JMP_long);
    } else {
        tcg_out8(s, 0x0f);
        tcg_out8(s, 0x80 + jcc);
    }
    tcg_out32(s, 0);
    return s->code_ptr - 4;
}

void x86_patch_long32(TCGContext *s, uint8_t *field)
{
    tcg_patch32(field, (uint32_t)(s->code_ptr - (field + 4)));
}

void x86_patch_long32_to(TCGContext *s, uint8_t *field_rw,
                         const void *target_rx)
{
    intptr_t disp = (intptr_t)target_rx - (intptr_t)(x86_rx(s, field_rw) + 4);

    tcg_debug_assert(fits_i32(disp));
    tcg_patch32(field_rw, (uint32_t)disp);
}
