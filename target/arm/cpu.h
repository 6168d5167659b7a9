/*
 * AArch64 CPU state (EL0 view for now: what user mode needs).
 *
 * Flags are kept lazily (blueprint 3.7), in a form cheap to produce on
 * x86 and to test with one compare:
 *   N  = bit 63 of NF          (32-bit results are stored sign-extended)
 *   Z  = (ZF == 0)
 *   C  = CF, exactly 0 or 1
 *   V  = bit 63 of VF          (32-bit: sign-extended)
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu-common.h"

/* Guest exceptions (cpu_exec() return values below EXCP_INTERRUPT). */
enum {
    EXCP_UDEF = 1,          /* undefined / unallocated encoding: SIGILL */
    EXCP_SWI = 2,           /* SVC #imm */
    EXCP_BKPT = 3,          /* BRK #imm: SIGTRAP */
    EXCP_DATA_ABORT = 4,    /* fault_addr set: SIGSEGV/SIGBUS */
    EXCP_PREFETCH_ABORT = 5,/* instruction fetch fault at pc */
    EXCP_UNALIGNED = 6,     /* alignment fault: SIGBUS */
    EXCP_BTI = 7,           /* Branch Target exception: SIGILL at pc */
};

typedef struct ARMVReg {
    uint64_t d[2];          /* d[0] = low 64 bits */
} ARMVReg;

/* A 128-bit pointer authentication key (APxxKeyHi_EL1:APxxKeyLo_EL1). */
typedef struct ARMPACKey {
    uint64_t lo, hi;
} ARMPACKey;

enum { ARM_KEY_IA, ARM_KEY_IB, ARM_KEY_DA, ARM_KEY_DB, ARM_KEY_GA,
       ARM_KEY_COUNT };

typedef struct CPUARMState {
    uint64_t xregs[32];     /* X0..X30; [31] is SP (XZR is never stored) */
    uint64_t pc;
    uint64_t NF, ZF, CF, VF;

    /* Exclusive monitor (LDXR/STXR), blueprint 3.12. */
    uint64_t exclusive_addr;    /* -1: no reservation */
    uint64_t exclusive_val;
    uint64_t exclusive_high;

    uint64_t tpidr_el0, tpidrro_el0;
    uint32_t fpcr, fpsr;
    /*
     * PSTATE.BTYPE (BTI): set by BR/BLR and their PAuth forms, checked
     * at the next instruction when that is on a guarded page, 0 after any
     * other instruction.  Part of the translation flags (ARM_TBFLAG_BTYPE):
     * a block knows the BTYPE it was entered with.
     */
    uint32_t btype;
    ARMVReg vregs[32] __attribute__((aligned(16)));
    /*
     * Slots for the translator's vector ops (tr-simd-vec.c, tr-ldst.c):
     * [0] is always zero (compares with #0), [1] holds intermediate
     * results, [2..9] stage LD2/LD4/ST2/ST4.  Not architectural state.
     */
    ARMVReg vscratch[10] __attribute__((aligned(16)));

    /* Exception details for the user-mode loop / signal delivery. */
    uint32_t exception_syndrome;   /* e.g. the SVC/BRK immediate */
    uint64_t exception_vaddr;      /* faulting address */

    /*
     * PAuth keys, random per process as Linux gives them at exec: set at
     * reset, inherited by threads (their env is a copy) and fork.
     */
    ARMPACKey pac_keys[ARM_KEY_COUNT];

    /* The CPU model (set at creation, read-only afterwards). */
    const struct ARMCPUModel *model;
} CPUARMState;

typedef struct ARMCPU {
    CPUState parent;
    CPUNegativeOffsetState neg;
    CPUARMState env;
} ARMCPU;

CPU_NEG_ASSERT(ARMCPU, neg, env);

/* Feature bits of a CPU model (what MRS of the ID registers and HWCAP say). */
enum {
    ARM_FEATURE_FP = 0,
    ARM_FEATURE_ASIMD,
    ARM_FEATURE_AES,
    ARM_FEATURE_PMULL,
    ARM_FEATURE_SHA1,
    ARM_FEATURE_SHA256,
    ARM_FEATURE_SHA512,
    ARM_FEATURE_SHA3,
    ARM_FEATURE_CRC32,
    ARM_FEATURE_ATOMICS,    /* LSE (v8.1) */
    ARM_FEATURE_FPHP,       /* FP16 */
    ARM_FEATURE_ASIMDHP,
    ARM_FEATURE_CPUID,      /* EL0 MRS of ID registers */
    ARM_FEATURE_ASIMDRDM,
    ARM_FEATURE_JSCVT,
    ARM_FEATURE_FCMA,
    ARM_FEATURE_LRCPC,
    ARM_FEATURE_DCPOP,
    ARM_FEATURE_ASIMDDP,    /* DotProd */
    ARM_FEATURE_FLAGM,
    ARM_FEATURE_PACA,       /* PAuth */
    ARM_FEATURE_BTI,
    ARM_FEATURE_FRINT,
    ARM_FEATURE_COUNT,
};

typedef struct ARMCPUModel {
    const char *name;
    uint64_t midr;
    uint64_t features;      /* 1 << ARM_FEATURE_* */
    uint64_t id_aa64isar0, id_aa64isar1, id_aa64pfr0, id_aa64pfr1,
             id_aa64mmfr0;
} ARMCPUModel;

/* Translation flags (tb->flags) of the A64 translator. */
#define ARM_TBFLAG_BTYPE_MASK 3u    /* PSTATE.BTYPE at the block's entry */

static inline bool arm_feature(const CPUARMState *env, int f)
{
    return (env->model->features >> f) & 1;
}

/* Models: "cortex-a57", "cortex-a72", "neoverse-n1", "max"; NULL if unknown. */
const ARMCPUModel *arm_cpu_model_by_name(const char *name);
void arm_cpu_list(FILE *f);

/* Set up an ARMCPU for TCG (cpu_state_init + tcg_cpu_realize) and reset it. */
void arm_cpu_init(ARMCPU *cpu, const ARMCPUModel *model);

/* NZCV as the architecture shows it (bits 31:28), and back. */
uint32_t arm_get_nzcv(const CPUARMState *env);
void arm_set_nzcv(CPUARMState *env, uint32_t nzcv);

extern const TCGCPUOps arm_tcg_ops;

#define TARGET_PAGE_BITS 12

#endif
