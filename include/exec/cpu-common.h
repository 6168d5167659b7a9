/*
 * The guest-neutral view of a virtual CPU, as the TCG accelerator
 * (accel/tcg/) sees it, and the operations a target implements for it.
 *
 * A target lays out its CPU object like this:
 *
 *     typedef struct ToyCPU {
 *         CPUState parent;                  // anywhere, usually first
 *         CPUNegativeOffsetState neg;       // immediately before env
 *         CPUToyState env;                  // what generated code sees
 *     } ToyCPU;
 *
 * and checks it with CPU_NEG_ASSERT(ToyCPU, neg, env).  Generated code
 * reaches the interrupt-check word and the soft-MMU TLB descriptors at
 * fixed negative offsets from env (TERN_CHECK_WORD_OFS, TERN_TLB_FAST_OFS),
 * and C code gets from env back to the CPUState through neg.cpu
 * (env_cpu()).  Nothing here knows any guest instruction set.
 */
#ifndef EXEC_CPU_COMMON_H
#define EXEC_CPU_COMMON_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/memop.h"
#include "exec/tlb-common.h"

typedef struct CPUState CPUState;
typedef struct TranslationBlock TranslationBlock;
typedef struct TCGCPUOps TCGCPUOps;
typedef struct CPUJumpCache CPUJumpCache;
typedef struct CPUTLB CPUTLB;

/*
 * Exit reasons of cpu_exec() that are not guest exceptions.  Targets
 * number their own exceptions below EXCP_INTERRUPT.
 */
#define EXCP_INTERRUPT  0x10000  /* async exit: cpu_exit() / exit request */
#define EXCP_HLT        0x10001  /* the CPU executed a halt instruction */
#define EXCP_DEBUG      0x10002  /* breakpoint / single step */
#define EXCP_HALTED     0x10003  /* the CPU is halted and has no work */
#define EXCP_YIELD      0x10004  /* give other vCPUs a chance */
#define EXCP_ATOMIC     0x10005  /* retry one instruction exclusively */
#define EXCP_NONE       (-1)

/* interrupt_request bits; bits from CPU_INTERRUPT_TGT_0 up are the target's. */
#define CPU_INTERRUPT_HARD       0x0002
#define CPU_INTERRUPT_EXITTB     0x0004  /* leave the block, re-evaluate flags */
#define CPU_INTERRUPT_HALT       0x0020
#define CPU_INTERRUPT_FIQ        0x0010
#define CPU_INTERRUPT_VIRQ       0x0100
#define CPU_INTERRUPT_VFIQ       0x0200
#define CPU_INTERRUPT_TGT_0      0x1000

/* Page protection bits (tlb_set_page, user-mode page flags). */
#define PAGE_READ   0x1
#define PAGE_WRITE  0x2
#define PAGE_EXEC   0x4
/* A guarded page (arm64 BTI; user mode: PROT_BTI). */
#define PAGE_BTI    0x20

typedef enum MMUAccessType {
    MMU_DATA_LOAD  = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

/*
 * The per-vCPU state generated code addresses relative to env with
 * negative offsets.  Its last member, the interrupt-check word, ends
 * right where env starts.
 */
typedef struct CPUNegativeOffsetState {
    /* Soft-MMU fast-path descriptors (exec/tlb-common.h), one per MMU index. */
    CPUTLBDescFast tlb_fast[NB_MMU_MODES];
    /* Back pointer for env_cpu(). */
    CPUState *cpu;
    /* The CPU's jump cache, for the probe of indirect branches. */
    CPUJumpCache *jmp_cache;
    /*
     * User mode: guest addresses must be below this (1 << guest_addr_bits,
     * the host reservation); generated code compares each access with it.
     */
    uint64_t guest_limit;
    uint32_t pad;
    /*
     * The interrupt-check word (blueprint 3.2).  Every block starts with
     * "if ((int32_t)u32 < 0) exit_tb(tb, TB_EXIT_REQUESTED)".  cpu_exit()
     * and cpu_interrupt() set u16.high to 0xffff from any thread; the
     * execution loop clears it.  u16.low is reserved for instruction
     * counting (icount) and is 0 for now.
     */
    union {
        uint32_t u32;
        struct {
            uint16_t low;
            uint16_t high;
        } u16;
    } icount_decr;
} __attribute__((aligned(16))) CPUNegativeOffsetState;

/* Offsets from env, for generated code. */
#define TERN_CHECK_WORD_OFS \
    ((intptr_t)offsetof(CPUNegativeOffsetState, icount_decr) - \
     (intptr_t)sizeof(CPUNegativeOffsetState))
#define TERN_JMP_CACHE_OFS \
    ((intptr_t)offsetof(CPUNegativeOffsetState, jmp_cache) - \
     (intptr_t)sizeof(CPUNegativeOffsetState))
#define TERN_GUEST_LIMIT_OFS \
    ((intptr_t)offsetof(CPUNegativeOffsetState, guest_limit) - \
     (intptr_t)sizeof(CPUNegativeOffsetState))
#define TERN_TLB_FAST_OFS \
    ((intptr_t)offsetof(CPUNegativeOffsetState, tlb_fast) - \
     (intptr_t)sizeof(CPUNegativeOffsetState))

/* The target's layout check: neg must end exactly where env begins. */
#define CPU_NEG_ASSERT(ArchCPU, negfield, envfield) \
    _Static_assert(offsetof(ArchCPU, envfield) - offsetof(ArchCPU, negfield) \
                   == sizeof(CPUNegativeOffsetState), \
                   #ArchCPU ": " #negfield " must immediately precede " \
                   #envfield)

/* The operations a target supplies to the TCG accelerator. */
struct TCGCPUOps {
    const char *name;
    /* Guest page size, log2 (soft-MMU, page-granular invalidation). */
    int page_bits;

    /*
     * Create the target's TCG globals (tcg_global_mem_new_*).  Called once
     * per accelerator instance (tcg_exec_init), with tcg_ctx set, the first
     * time a CPU of this target is realized.
     */
    void (*initialize)(void);

    /* The block lookup key for the CPU's current state (blueprint 3.9). */
    void (*get_tb_cpu_state)(CPUState *cpu, uint64_t *pc, uint64_t *cs_base,
                             uint32_t *flags);
    /*
     * Emit IR for the block at tb->pc (tcg-op.h), at most max_insns
     * instructions; set tb->size (guest bytes) and tb->icount.  Usually
     * a call to translator_loop() (exec/translator.h).
     */
    void (*translate_code)(CPUState *cpu, TranslationBlock *tb, int max_insns);
    /* Restore the CPU state of an insn from its insn_start words. */
    void (*restore_state_to_opc)(CPUState *cpu, const TranslationBlock *tb,
                                 const uint64_t *data);
    /*
     * Optional: set the guest PC to the start of tb (when a block was left
     * at its start because of an exit request).  Targets that keep the PC
     * in env at block boundaries need not provide it.
     */
    void (*synchronize_from_tb)(CPUState *cpu, const TranslationBlock *tb);

    /* Optional: take a pending interrupt; true if the CPU state changed. */
    bool (*cpu_exec_interrupt)(CPUState *cpu, int interrupt_request);
    /*
     * Optional: deliver exception_index to the guest (system mode).  When
     * NULL, cpu_exec() returns guest exceptions to its caller instead
     * (user mode: syscalls, signals).
     */
    void (*do_interrupt)(CPUState *cpu);
    /* Optional: may a halted CPU run again?  Default: interrupt pending. */
    bool (*has_work)(CPUState *cpu);

    /*
     * Physical page address of the code at vaddr, or -1 if it cannot be
     * fetched (the translator will raise the fault).  NULL = identity
     * (user mode).  System-mode targets may use tlb_get_phys_page_code().
     */
    uint64_t (*get_phys_page)(CPUState *cpu, uint64_t vaddr);

    /*
     * Soft MMU: translate addr for an access, installing the mapping with
     * tlb_set_page*().  On a fault: if probe, return false; otherwise raise
     * the guest exception with cpu_loop_exit_restore(cpu, retaddr).
     */
    bool (*tlb_fill)(CPUState *cpu, uint64_t addr, int size,
                     MMUAccessType access_type, int mmu_idx, bool probe,
                     uintptr_t retaddr);
    /* MMU index of instruction fetches in the current state (soft MMU). */
    int (*mmu_index)(CPUState *cpu, bool ifetch);
    /*
     * Raise the alignment fault for an access that violates its MemOp's
     * alignment (never returns: cpu_loop_exit_restore).  NULL = alignment
     * is not checked.
     */
    void (*do_unaligned_access)(CPUState *cpu, uint64_t addr,
                                MMUAccessType access_type, int mmu_idx,
                                uintptr_t retaddr);

    /* Optional: print the CPU state (-d cpu). */
    void (*dump_state)(CPUState *cpu, FILE *f);
};

/* Per-CPU counters; cheap, updated only by the owning thread. */
typedef struct CPUExecStats {
    uint64_t tb_exec;          /* blocks entered from the C loop */
    uint64_t tb_translated;    /* blocks this CPU translated */
    uint64_t tb_linked;        /* goto_tb slots this CPU linked */
    uint64_t exits_requested;  /* TB_EXIT_REQUESTED returns */
    uint64_t lookup_calls;     /* helper_lookup_tb_ptr calls (probe misses) */
} CPUExecStats;

struct CPUState {
    const TCGCPUOps *tcg_ops;
    void *env_ptr;                     /* the target's CPUArchState */
    CPUNegativeOffsetState *neg;       /* == (CPUNegativeOffsetState *)env - 1 */
    int cpu_index;

    /* What the execution loop does next. */
    int exception_index;               /* EXCP_NONE or an exception number */
    uint32_t interrupt_request;        /* CPU_INTERRUPT_*, atomic */
    uint32_t halted;
    bool exit_request;                 /* atomic: leave cpu_exec() soon */
    bool singlestep_enabled;           /* one insn per block, EXCP_DEBUG */
    uint32_t tcg_cflags;               /* extra CF_* for new blocks */

    /* cpu_loop_exit() lands here (inside cpu_exec()). */
    sigjmp_buf jmp_env;
    bool in_exec;                      /* jmp_env is valid */
    /*
     * Exclusive sections (accel/tcg/cpu-exclusive.c): running is true
     * while the CPU is inside cpu_exec() and may use blocks; excl_waited
     * while an exclusive section waits for this CPU to step out.  Both
     * are atomic / under the exclusive lock.
     */
    bool running;
    bool excl_waited;

    /* Per-vCPU block cache in front of the global hash (tb-maint.c). */
    CPUJumpCache *tb_jmp_cache;
    /* Soft-MMU TLB (cputlb.c); NULL in user mode. */
    CPUTLB *tlb;

    /* Registered CPUs (tcg_cpu_realize). */
    CPUState *next_cpu;

    CPUExecStats stats;
    void *opaque;                      /* for the machine / the target */
};

/* The CPU whose code the current thread runs (set inside cpu_exec). */
extern __thread CPUState *current_cpu;

static inline CPUState *env_cpu(void *env)
{
    return ((CPUNegativeOffsetState *)env - 1)->cpu;
}

static inline void *cpu_env(CPUState *cpu)
{
    return cpu->env_ptr;
}

/*
 * Wire up a CPU object: env is the target's state, which must be directly
 * preceded by a CPUNegativeOffsetState (CPU_NEG_ASSERT).  Call before
 * tcg_cpu_realize().
 */
void cpu_state_init(CPUState *cpu, const TCGCPUOps *ops, void *env);

#endif
