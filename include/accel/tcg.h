/*
 * Setting up the TCG accelerator: one code buffer, one translation
 * context, the block tables, and the vCPUs that use them.
 *
 *     TCGAccelConfig cfg = { .backend = tcg_backend_by_name("jit"),
 *                            .tb_size_mb = 32 };
 *     tcg_exec_init(&cfg, &err);          // -accel tcg,tb-size=32,split-wx=on
 *     cpu_state_init(cpu, &toy_tcg_ops, &toy->env);
 *     tcg_cpu_realize(cpu);
 *     cpu_exec(cpu);
 *     ...
 *     tcg_exec_cleanup();                 // tests run several instances
 */
#ifndef ACCEL_TCG_H
#define ACCEL_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/cpu-common.h"
#include "tcg/tcg.h"

#define TCG_DEFAULT_TB_SIZE_MB 32

typedef struct TCGAccelConfig {
    const TCGBackend *backend;  /* NULL: tcg_backend_default() */
    size_t tb_size_mb;          /* code buffer in MiB; 0: default (32) */
    size_t tb_size_bytes;       /* if nonzero, overrides tb_size_mb (tests) */
    bool split_wx;              /* W^X: rw and rx views of one memfd */
    bool no_optimize;           /* skip tcg/optimize.c */
    TCGMemMode mem_mode;        /* user (guest_base) or soft MMU */
    uintptr_t guest_base;       /* user mode: host = guest_base + addr */
    /*
     * User mode: guest addresses must be below 1 << guest_addr_bits (the
     * host reservation); an access to one that is not calls user_ld_slow
     * or user_st_slow instead (which raise the guest's fault), so that
     * no guest address reaches host memory outside the reservation.
     * 0: no check.
     */
    unsigned guest_addr_bits;
    /* User mode: bytes of PROT_NONE guard after the reservation (lets
     * MO_FOLLOW accesses skip the check when >= MO_FOLLOW_SPAN). */
    unsigned guest_guard;
    uint64_t (*user_ld_slow)(void *env, uint64_t addr, MemOpIdx oi,
                             uintptr_t retaddr);
    void (*user_st_slow)(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                         uintptr_t retaddr);
} TCGAccelConfig;

/*
 * Create the accelerator.  Returns 0 or a negative errno with a message
 * in *err (static storage, names the option to change).
 */
int tcg_exec_init(const TCGAccelConfig *cfg, const char **err);
/* Tear it down (no CPU may be running); the registered CPUs are forgotten. */
void tcg_exec_cleanup(void);
bool tcg_exec_initialized(void);

/* The translation context (tests, the monitor). */
TCGContext *tcg_exec_context(void);

/*
 * Register a CPU set up by cpu_state_init(): allocates its jump cache and
 * (soft MMU) its TLB, runs the target's initialize hook once.
 */
void tcg_cpu_realize(CPUState *cpu);
void tcg_cpu_unrealize(CPUState *cpu);

/* Iterate over registered CPUs. */
CPUState *tcg_first_cpu(void);

#endif
