/*
 * AArch64 CPU models and the TCG hooks of the ARM target (user mode: EL0).
 */
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "target/arm/cpu.h"
#include "target/arm/translate.h"
#include "accel/tcg.h"
#include "exec/exec-all.h"

#define F(x) (1ull << ARM_FEATURE_##x)

/* What every model here has (ARMv8.0-A with the crypto extension). */
#define FEATURES_V80 \
    (F(FP) | F(ASIMD) | F(AES) | F(PMULL) | F(SHA1) | F(SHA256) | \
     F(CRC32) | F(CPUID))
/* ARMv8.2-A as in Neoverse N1. */
#define FEATURES_N1 \
    (FEATURES_V80 | F(ATOMICS) | F(FPHP) | F(ASIMDHP) | F(ASIMDRDM) | \
     F(LRCPC) | F(DCPOP) | F(ASIMDDP))

/*
 * ID register values follow the cores' Technical Reference Manuals
 * (fields: ISAR0 AES[7:4] SHA1[11:8] SHA2[15:12] CRC32[19:16]
 * ATOMIC[23:20] RDM[31:28] SHA3[35:32] DP[47:44] TS[55:52];
 * ISAR1 DPB[3:0] JSCVT[15:12] FCMA[19:16] LRCPC[23:20] FRINTTS[35:32];
 * PFR0 EL0..EL3[15:0] FP[19:16] AdvSIMD[23:20]).  "max" advertises what
 * tern aims to implement (ARM_FEATURE_FLAGM stands for FlagM and FlagM2:
 * CFINV, RMIF, SETF8/16, AXFLAG, XAFLAG), PAuth with QARMA5 (ISAR1
 * APA[7:4] = 1: PAuth without PAuth2/FPAC, GPA[27:24] = 1) and BTI
 * (PFR1 BT[3:0] = 1: guarded pages, PROT_BTI).
 */
static const ARMCPUModel arm_models[] = {
    {
        .name = "cortex-a57",
        .midr = 0x411fd070,             /* r1p0 */
        .features = FEATURES_V80,
        .id_aa64isar0 = 0x0000000000011120,
        .id_aa64isar1 = 0,
        .id_aa64pfr0 = 0x0000000000002222,
        .id_aa64mmfr0 = 0x0000000000001124,
    },
    {
        .name = "cortex-a72",
        .midr = 0x410fd083,             /* r0p3 */
        .features = FEATURES_V80,
        .id_aa64isar0 = 0x0000000000011120,
        .id_aa64isar1 = 0,
        .id_aa64pfr0 = 0x0000000000002222,
        .id_aa64mmfr0 = 0x0000000000001124,
    },
    {
        .name = "neoverse-n1",
        .midr = 0x414fd0c1,             /* r4p1 */
        .features = FEATURES_N1,
        .id_aa64isar0 = 0x0000100010211120,
        .id_aa64isar1 = 0x0000000000100001,
        .id_aa64pfr0 = 0x1100000010111112,
        .id_aa64mmfr0 = 0x0000000000101125,
    },
    {
        .name = "max",
        .midr = 0x000f0510,             /* implementer 0: software model */
        .features = FEATURES_N1 | F(SHA512) | F(SHA3) | F(JSCVT) | F(FCMA) |
                    F(FLAGM) | F(FRINT) | F(PACA) | F(BTI),
        .id_aa64isar0 = 0x0020100110212120,  /* TS = 2: FlagM2 */
        .id_aa64isar1 = 0x0000000101111011,
        .id_aa64pfr0 = 0x0000000000111111,
        .id_aa64pfr1 = 0x0000000000000001,
        .id_aa64mmfr0 = 0x0000000000001125,
    },
};

#undef F

const ARMCPUModel *arm_cpu_model_by_name(const char *name)
{
    for (size_t i = 0; i < sizeof(arm_models) / sizeof(arm_models[0]); i++) {
        if (strcmp(arm_models[i].name, name) == 0) {
            return &arm_models[i];
        }
    }
    return NULL;
}

void arm_cpu_list(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < sizeof(arm_models) / sizeof(arm_models[0]); i++) {
        fprintf(f, "  %s\n", arm_models[i].name);
    }
}

/* ------------------------------------------------------------------ */
/* NZCV                                                                */

uint32_t arm_get_nzcv(const CPUARMState *env)
{
    return (uint32_t)(env->NF >> 63) << 31 |
           (uint32_t)(env->ZF == 0) << 30 |
           (uint32_t)(env->CF & 1) << 29 |
           (uint32_t)(env->VF >> 63) << 28;
}

void arm_set_nzcv(CPUARMState *env, uint32_t nzcv)
{
    env->NF = (nzcv >> 31) & 1 ? ~0ull : 0;
    env->ZF = (nzcv >> 30) & 1 ? 0 : 1;
    env->CF = (nzcv >> 29) & 1;
    env->VF = (nzcv >> 28) & 1 ? ~0ull : 0;
}

/* ------------------------------------------------------------------ */
/* TCG hooks                                                           */

static void arm_get_tb_cpu_state(CPUState *cs, uint64_t *pc,
                                 uint64_t *cs_base, uint32_t *flags)
{
    CPUARMState *env = cpu_env(cs);

    *pc = env->pc;
    *cs_base = 0;
    /* EL0, AArch64, little-endian: only PSTATE.BTYPE varies. */
    *flags = env->btype & ARM_TBFLAG_BTYPE_MASK;
}

static void arm_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                     const uint64_t *data)
{
    CPUARMState *env = cpu_env(cs);

    (void)tb;
    env->pc = data[0];
}

static void arm_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    CPUARMState *env = cpu_env(cs);

    env->pc = tb->pc;
}

static void arm_dump_state(CPUState *cs, FILE *f)
{
    CPUARMState *env = cpu_env(cs);
    uint32_t nzcv = arm_get_nzcv(env);

    fprintf(f, "PC=%016llx\n", (unsigned long long)env->pc);
    for (int i = 0; i < 31; i++) {
        fprintf(f, "X%02d=%016llx%c", i, (unsigned long long)env->xregs[i],
                (i & 3) == 3 ? '\n' : ' ');
    }
    fprintf(f, " SP=%016llx\n", (unsigned long long)env->xregs[31]);
    fprintf(f, "NZCV=%c%c%c%c BTYPE=%u  FPCR=%08x FPSR=%08x\n",
            nzcv & (1u << 31) ? 'N' : '-', nzcv & (1u << 30) ? 'Z' : '-',
            nzcv & (1u << 29) ? 'C' : '-', nzcv & (1u << 28) ? 'V' : '-',
            env->btype, env->fpcr, env->fpsr);
}

const TCGCPUOps arm_tcg_ops = {
    .name = "aarch64",
    .page_bits = TARGET_PAGE_BITS,
    .initialize = arm_translate_init,
    .get_tb_cpu_state = arm_get_tb_cpu_state,
    .translate_code = arm_translate_code,
    .restore_state_to_opc = arm_restore_state_to_opc,
    .synchronize_from_tb = arm_synchronize_from_tb,
    .dump_state = arm_dump_state,
};

static void arm_cpu_reset(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    const ARMCPUModel *model = env->model;

    memset(env, 0, sizeof(*env));
    env->model = model;
    env->exclusive_addr = ~0ull;    /* no reservation */
    arm_set_nzcv(env, 0);
    env->fpcr = 0;                  /* round to nearest, no FZ/DN */
    env->fpsr = 0;
    /*
     * Fresh random PAuth keys, as Linux gives a process at exec (threads
     * then copy their parent's env; a forked child has the same memory).
     * Without randomness the keys stay zero: PAC still works, only
     * unpredictability is lost.
     */
    if (getrandom(env->pac_keys, sizeof(env->pac_keys), 0) !=
        (ssize_t)sizeof(env->pac_keys)) {
        memset(env->pac_keys, 0, sizeof(env->pac_keys));
    }
}

void arm_cpu_init(ARMCPU *cpu, const ARMCPUModel *model)
{
    cpu_state_init(&cpu->parent, &arm_tcg_ops, &cpu->env);
    cpu->env.model = model ? model : arm_cpu_model_by_name("max");
    arm_cpu_reset(cpu);
    tcg_cpu_realize(&cpu->parent);
}
