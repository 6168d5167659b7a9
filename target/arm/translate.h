/*
 * The A64 translator's shared pieces.
 *
 * Decoding is table-driven (blueprint 3.10): each instruction class has a
 * table of patterns {mask, value, trans_*, name}, in its own file:
 *
 *   translate-a64.c      the loop, fetch, dispatch by class, block ends,
 *                        condition codes, exceptions
 *   tr-dp-imm.c          data processing, immediate (ADD/SUB/logical/MOVx/
 *                        bitfield/EXTR/ADR)
 *   tr-branch.c          branches, exception generation, system (MRS/MSR,
 *                        hints, barriers)
 *   tr-ldst.c            loads and stores (all integer forms, pairs,
 *                        exclusives, acquire/release, LSE, SIMD&FP
 *                        register loads/stores)
 *   tr-dp-reg.c          data processing, register (shifted/extended
 *                        ADD/SUB, logical, ADC/SBC, CCMP, CSEL, 1/2-source,
 *                        3-source multiply)
 *   tr-fp.c, tr-simd-*.c FP and AdvSIMD (later)
 *
 * The dispatcher looks at bits 28:25 (op0) to pick the class table, then
 * takes the first pattern with (insn & mask) == value.  A trans_* function
 * returns false for an encoding it finds unallocated (or a feature the
 * CPU model lacks); the instruction then raises EXCP_UDEF (SIGILL).
 */
#ifndef TARGET_ARM_TRANSLATE_H
#define TARGET_ARM_TRANSLATE_H

#include "exec/translator.h"
#include "target/arm/cpu.h"
#include "tcg/tcg-op.h"

typedef struct DisasContext {
    DisasContextBase base;
    CPUARMState *env;
    uint64_t pc_curr;           /* address of the insn being translated */
    uint32_t insn;
    int mem_idx;                /* MMU index of EL0 accesses */
    /*
     * BTI: the BTYPE the block was entered with (tb->flags), whether its
     * page is guarded, and the BTYPE an indirect branch ending the block
     * leaves (set by BR/BLR; 0 for RET and everything else).
     */
    unsigned btype;
    bool guarded_page;
    unsigned next_btype;
    /* Temps freed automatically at the end of each instruction. */
    int ntmp;
    TCGv_i64 tmp[16];
} DisasContext;

/* Block end reasons beyond the generic ones. */
#define DISAS_JUMP   DISAS_TARGET_0   /* cpu_pc set: look the next block up */
#define DISAS_UPDATE DISAS_TARGET_1   /* cpu_pc set: exit to the main loop */

typedef bool A64TransFn(DisasContext *s, uint32_t insn);

typedef struct A64Pattern {
    uint32_t mask, value;
    A64TransFn *trans;
    const char *name;
} A64Pattern;

/* Class tables, each ended by { 0, 0, NULL, NULL }. */
extern const A64Pattern a64_dp_imm_patterns[];
extern const A64Pattern a64_branch_sys_patterns[];
extern const A64Pattern a64_ldst_patterns[];
extern const A64Pattern a64_dp_reg_patterns[];
extern const A64Pattern a64_simd_fp_patterns[];
extern const A64Pattern a64_crypto_patterns[];    /* tr-crypto.c, via simd_fp */

/* TCG globals (created by arm_translate_init). */
extern TCGv_i64 cpu_X[32];      /* [31] is SP */
extern TCGv_i64 cpu_pc;
extern TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
extern TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

/* tr-pauth.c: pointer authentication (the callers dispatch there). */
bool trans_pauth_1src(DisasContext *s, uint32_t insn);
bool trans_pacga(DisasContext *s, uint32_t insn);
bool trans_pauth_branch(DisasContext *s, uint32_t insn);
bool trans_ldra(DisasContext *s, uint32_t insn);
void gen_pauth_hint(DisasContext *s, unsigned op);   /* op = CRm:op2 */

/*
 * tr-branch.c: BTI.  gen_set_btype records the BTYPE an indirect branch
 * to register rn leaves (blr: a call); a64_btype_compatible says whether
 * insn may be the target of a branch that left btype (1..3) on a guarded
 * page.
 */
void gen_set_btype(DisasContext *s, int rn, bool blr);
bool a64_btype_compatible(uint32_t insn, unsigned btype);

void arm_translate_init(void);
void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns);

/* Bit fields of the instruction. */
static inline uint32_t extract32(uint32_t v, int pos, int len)
{
    return (v >> pos) & (len == 32 ? ~0u : (1u << len) - 1);
}

static inline int32_t sextract32(uint32_t v, int pos, int len)
{
    return (int32_t)(v << (32 - pos - len)) >> (32 - len);
}

static inline uint64_t sextract64(uint64_t v, int pos, int len)
{
    return (uint64_t)((int64_t)(v << (64 - pos - len)) >> (64 - len));
}

/* Offset in CPUARMState of byte `byte` of V register n (host is LE). */
static inline intptr_t vreg_ofs(int n, int byte)
{
    return (intptr_t)(offsetof(CPUARMState, vregs) + n * sizeof(ARMVReg)
                      + byte);
}

/* A temp that lives until the end of the current instruction. */
TCGv_i64 new_tmp_a64(DisasContext *s);
/* A zero temp (XZR reads) that lives until the end of the insn. */
TCGv_i64 new_tmp_a64_zero(DisasContext *s);

/*
 * Register access.  "reg" is the 5-bit field; register 31 is XZR for
 * cpu_reg()/read_cpu_reg() and SP for cpu_reg_sp().
 */
TCGv_i64 cpu_reg(DisasContext *s, int reg);        /* for writing; 31 = a discarded temp */
TCGv_i64 cpu_reg_sp(DisasContext *s, int reg);
/* A copy of the register value, zero-extended from 32 bits unless sf. */
TCGv_i64 read_cpu_reg(DisasContext *s, int reg, bool sf);
TCGv_i64 read_cpu_reg_sp(DisasContext *s, int reg, bool sf);

/* Flags. */
void gen_set_nzcv_from_logic(TCGv_i64 result, bool sf);  /* N,Z; C=V=0 */
void gen_add_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b);
void gen_sub_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b);
void gen_adc_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b);

/* A condition (cond field 0..15) as "value cond 0". */
typedef struct DisasCompare64 {
    TCGCond cond;
    TCGv_i64 value;
} DisasCompare64;
void a64_test_cc(DisasContext *s, DisasCompare64 *c, int cc);

/* Block ends. */
void gen_goto_tb(DisasContext *s, int n, uint64_t dest);
void gen_a64_update_pc(DisasContext *s, uint64_t pc);
/* Raise a guest exception at the current insn (pc = pc_curr). */
void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
/* Raise a guest exception with env->pc = pc (SVC: the next insn). */
void gen_exception_at(DisasContext *s, uint64_t pc, int excp,
                      uint32_t syndrome);
void unallocated_encoding(DisasContext *s);

/* Helper table. */
#define HELPER_H "target/arm/helper.h"
#include "tcg/helper-gen.h.inc"
#undef HELPER_H

#endif
