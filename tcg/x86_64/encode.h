/*
 * x86-64 instruction encoder used by the tern JIT backend.
 *
 * Opcodes are passed around as an int: the low 8 bits are the final
 * opcode byte, the bits above describe the prefixes and escape bytes
 * (X86_P_*).  Emitters write at s->code_ptr.
 */
#ifndef TCG_X86_64_ENCODE_H
#define TCG_X86_64_ENCODE_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg/tcg.h"

/* Host registers, numbered as in the ModRM/REX encoding. */
enum {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_NB_REGS,
    X86_NOREG = -1,
};

/* Opcode flag bits (above the opcode byte). */
#define X86_P_0F      0x00100        /* 0x0f escape */
#define X86_P_0F38    0x00200        /* 0x0f 0x38 escape */
#define X86_P_0F3A    0x00400        /* 0x0f 0x3a escape */
#define X86_P_66      0x00800        /* operand size prefix */
#define X86_P_F3      0x01000        /* rep / mandatory F3 */
#define X86_P_F2      0x02000        /* repne / mandatory F2 */
#define X86_P_W       0x04000        /* REX.W / VEX.W: 64-bit operand */
#define X86_P_BYTE_R  0x08000        /* reg field names a byte register */
#define X86_P_BYTE_RM 0x10000        /* rm field names a byte register */

/* Selected opcodes. */
#define OPC_ARITH_EvIz  0x81
#define OPC_ARITH_EvIb  0x83
#define OPC_ARITH_GvEv  0x03          /* | (ARITH_x << 3) */
#define OPC_ADD_GvEv    0x03
#define OPC_TESTL       0x85
#define OPC_XCHG        0x87
#define OPC_MOVB_EvGv   (0x88 | X86_P_BYTE_R)
#define OPC_MOVL_EvGv   0x89
#define OPC_MOVL_GvEv   0x8b
#define OPC_LEA         0x8d
#define OPC_MOVL_Iv     0xb8
#define OPC_MOVB_EvIz   0xc6
#define OPC_MOVL_EvIz   0xc7
#define OPC_SHIFT_Ib    0xc1
#define OPC_SHIFT_1     0xd1
#define OPC_SHIFT_cl    0xd3
#define OPC_GRP3_Ev     0xf7
#define OPC_GRP5        0xff
#define OPC_MOVSLQ      (0x63 | X86_P_W)
#define OPC_IMUL_GvEvIb 0x6b
#define OPC_IMUL_GvEvIz 0x69
#define OPC_JCC_short   0x70
#define OPC_JMP_short   0xeb
#define OPC_JMP_long    0xe9
#define OPC_CALL_Jz     0xe8
#define OPC_RET         0xc3
#define OPC_PUSH_r      0x50
#define OPC_POP_r       0x58
#define OPC_CQO         0x99          /* cdq, cqo with P_W */
#define OPC_JCC_long    (0x80 | X86_P_0F)
#define OPC_SETCC       (0x90 | X86_P_0F | X86_P_BYTE_RM)
#define OPC_CMOVCC      (0x40 | X86_P_0F)
#define OPC_IMUL_GvEv   (0xaf | X86_P_0F)
#define OPC_MOVZBL      (0xb6 | X86_P_0F | X86_P_BYTE_RM)
#define OPC_MOVZWL      (0xb7 | X86_P_0F)
#define OPC_MOVSBL      (0xbe | X86_P_0F | X86_P_BYTE_RM)
#define OPC_MOVSWL      (0xbf | X86_P_0F)
#define OPC_BSF         (0xbc | X86_P_0F)
#define OPC_BSR         (0xbd | X86_P_0F)
#define OPC_TZCNT       (0xbc | X86_P_0F | X86_P_F3)
#define OPC_LZCNT       (0xbd | X86_P_0F | X86_P_F3)
#define OPC_POPCNT      (0xb8 | X86_P_0F | X86_P_F3)
#define OPC_BSWAP       (0xc8 | X86_P_0F)
#define OPC_SHRD_Ib     (0xac | X86_P_0F)
#define OPC_MOVBE_GyMy  (0xf0 | X86_P_0F38)
#define OPC_MOVBE_MyGy  (0xf1 | X86_P_0F38)
/* VEX-encoded BMI instructions. */
#define OPC_ANDN        (0xf2 | X86_P_0F38)
#define OPC_SHLX        (0xf7 | X86_P_0F38 | X86_P_66)
#define OPC_SARX        (0xf7 | X86_P_0F38 | X86_P_F3)
#define OPC_SHRX        (0xf7 | X86_P_0F38 | X86_P_F2)
#define OPC_RORX        (0xf0 | X86_P_0F3A | X86_P_F2)
#define OPC_MULX        (0xf6 | X86_P_0F38 | X86_P_F2)

/* Group 1 arithmetic (the /digit of 0x81/0x83 and bits 3..5 of 0x01..). */
enum { ARITH_ADD, ARITH_OR, ARITH_ADC, ARITH_SBB, ARITH_AND, ARITH_SUB,
       ARITH_XOR, ARITH_CMP };
/* Group 2 shifts. */
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5,
       SHIFT_SAR = 7 };
/* Group 3. */
enum { EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4,
       EXT3_IMUL = 5, EXT3_DIV = 6, EXT3_IDIV = 7 };
/* Group 5. */
enum { EXT5_CALL_Ev = 2, EXT5_JMP_Ev = 4 };

/* Condition codes (low nibble of Jcc / SETcc / CMOVcc). */
enum {
    JCC_O = 0, JCC_NO, JCC_B, JCC_AE, JCC_E, JCC_NE, JCC_BE, JCC_A,
    JCC_S, JCC_NS, JCC_P, JCC_NP, JCC_L, JCC_GE, JCC_LE, JCC_G,
};

/* Host features (CPUID), see x86_host_features. */
enum {
    X86_FEAT_BMI1   = 1 << 0,   /* ANDN, TZCNT */
    X86_FEAT_BMI2   = 1 << 1,   /* SHLX/SHRX/SARX, RORX, MULX */
    X86_FEAT_LZCNT  = 1 << 2,
    X86_FEAT_POPCNT = 1 << 3,
    X86_FEAT_MOVBE  = 1 << 4,
    X86_FEAT_SSSE3  = 1 << 5,   /* PSHUFB, PABS* (vector ops) */
    X86_FEAT_SSE41  = 1 << 6,   /* PMULLD, PMIN/PMAX of more sizes, PCMPEQQ */
    X86_FEAT_SSE42  = 1 << 7,   /* PCMPGTQ */
};
extern unsigned x86_host_features;
/* CPUID bits of this host, before the TERN_X86_NO_EXT override. */
unsigned x86_cpuid_features(void);
/* Tests: force a feature set (only between blocks). */
void x86_set_host_features(unsigned f);
static inline bool have_feat(unsigned f) { return (x86_host_features & f) != 0; }

/* Raw prefixes + REX + escapes + opcode.  r/rm/x are register numbers
 * (or extension digits for r) used only to build REX. */
void x86_opc(TCGContext *s, int opc, int r, int rm, int x);
/* opc reg, rm (register-direct ModRM). */
void x86_modrm(TCGContext *s, int opc, int r, int rm);
/* opc reg, [base + index << shift + disp]; base/index may be X86_NOREG. */
void x86_modrm_sib(TCGContext *s, int opc, int r, int base, int index,
                   int shift, intptr_t disp);
static inline void x86_modrm_mem(TCGContext *s, int opc, int r, int base,
                                 intptr_t disp)
{
    x86_modrm_sib(s, opc, r, base, X86_NOREG, 0, disp);
}
/* opc reg, [rip + target] where target is an rx address; imm_bytes
 * immediate bytes follow the displacement (the caller emits them). */
void x86_modrm_rip(TCGContext *s, int opc, int r, const void *target_rx,
                   int imm_bytes);
/* VEX-encoded: opc r, v (vvvv), rm (register-direct). */
void x86_vex_modrm(TCGContext *s, int opc, int r, int v, int rm);

/* Higher level emitters (rexw: 64-bit operation when true). */
void x86_mov(TCGContext *s, bool rexw, int dst, int src);
/* Shortest mov of a constant.  Never changes flags when keep_flags. */
void x86_movi(TCGContext *s, bool rexw, int dst, int64_t val,
              bool keep_flags);
void x86_arith_rr(TCGContext *s, int arith, bool rexw, int dst, int src);
void x86_arith_ri(TCGContext *s, int arith, bool rexw, int dst, int64_t imm);
void x86_shift_ri(TCGContext *s, int sh, bool rexw, int dst, int count);
void x86_shift_cl(TCGContext *s, int sh, bool rexw, int dst);
void x86_grp3(TCGContext *s, int ext, bool rexw, int reg);
void x86_addi(TCGContext *s, bool rexw, int dst, int64_t imm);
void x86_ld(TCGContext *s, bool rexw, int dst, int base, intptr_t ofs);
void x86_st(TCGContext *s, bool rexw, int src, int base, intptr_t ofs);
void x86_lea(TCGContext *s, bool rexw, int dst, int base, int index,
             int shift, intptr_t disp);
void x86_ext8u(TCGContext *s, int dst, int src);
void x86_ext8s(TCGContext *s, bool rexw, int dst, int src);
void x86_ext16u(TCGContext *s, int dst, int src);
void x86_ext16s(TCGContext *s, bool rexw, int dst, int src);
void x86_ext32u(TCGContext *s, int dst, int src);
void x86_ext32s(TCGContext *s, int dst, int src);
void x86_bswap(TCGContext *s, bool rexw, int reg);
void x86_rol16_8(TCGContext *s, int reg);     /* rolw $8, reg */
void x86_push(TCGContext *s, int reg);
void x86_pop(TCGContext *s, int reg);
void x86_nops(TCGContext *s, int n);
/* jmp/call to an rx address: rel32 if reachable, else via scratch. */
void x86_jmp_abs(TCGContext *s, const void *target_rx);
void x86_call_abs(TCGContext *s, const void *target_rx);
/* Short forward branch within the current op: returns the rel8 field
 * to patch with x86_patch_short8(field) once the target is reached. */
uint8_t *x86_jcc_short_fwd(TCGContext *s, int jcc);   /* jcc < 0: jmp */
void x86_patch_short8(TCGContext *s, uint8_t *field);
/* Long forward branch; returns the rel32 field (patch with ...32). */
uint8_t *x86_jcc_long_fwd(TCGContext *s, int jcc);
void x86_patch_long32(TCGContext *s, uint8_t *field);
void x86_patch_long32_to(TCGContext *s, uint8_t *field_rw,
                         const void *target_rx);

static inline const uint8_t *x86_rx(TCGContext *s, const uint8_t *rw)
{
    return (const uint8_t *)tcg_splitwx_to_rx(s, (void *)rw);
}

#endif
