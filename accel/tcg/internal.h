/*
 * State shared by the files of accel/tcg/.  Not for use outside.
 */
#ifndef ACCEL_TCG_INTERNAL_H
#define ACCEL_TCG_INTERNAL_H

#include <pthread.h>
#include <glib.h>

#include "accel/tcg.h"
#include "exec/exec-all.h"
#include "tcg/tcg.h"

typedef struct TCGEngine {
    bool initialized;
    TCGContext *ctx;
    TCGv_ptr env;               /* the "env" handle, for other threads */
    TCGv_i32 check_word;        /* global at env + TERN_CHECK_WORD_OFS */
    const TCGBackend *be;
    TCGMemMode mem_mode;

    /* Code buffer (tcg-accel.c). */
    uint8_t *buf_rw;
    uint8_t *buf_rx;
    size_t buf_size;
    int memfd;                  /* split W^X: the shared memory, else -1 */
    uint8_t *code_start;        /* rw: first byte after the prologue */

    /* Guest page size, from the first realized CPU's target. */
    int page_bits;
    uint64_t page_mask;         /* ~(page size - 1) */

    /*
     * The translation lock ("tb lock").  It protects: the code buffer
     * pointer and its contents, the tbs[] array, the hash table, the page
     * lists, every TB's jmp_dest/jmp_list_* fields and the patchable
     * jumps, the statistics, and the CPU list.  The per-CPU jump caches
     * are read without it (atomic pointer loads, checked against the
     * TB's key and its invalid flag).
     */
    pthread_mutex_t lock;

    /* Every TB since the last flush, in increasing tc.ptr order. */
    TranslationBlock **tbs;
    size_t nb_tbs, tbs_cap;
    /* Hash of live TBs keyed by (phys_pc, pc, flags, cs_base, cflags). */
    TranslationBlock **htable;
    size_t hmask;               /* buckets - 1 */
    size_t hcount;
    /* Physical page address -> PageDesc (blocks with code there). */
    GHashTable *pages;

    /* A TB whose translation faulted (longjmp); reused by the next one. */
    TranslationBlock *pending_tb;

    uint64_t flush_count;       /* bumped by every flush (cpu_exec checks it) */
    TBStats stats;

    /* User mode: write-protect pages that hold code (tb_set_page_hooks). */
    void (*page_protect)(uint64_t page);
    void (*page_unprotect)(uint64_t page);

    CPUState *cpus;
    const TCGCPUOps *inited_ops[8];
    int nb_inited_ops;
} TCGEngine;

extern TCGEngine tcg_engine;

/* Make the engine's context current in this thread (tcg_ctx, tcg_env). */
void tcg_engine_thread_enter(void);

/* Per-thread count of tb_lock() nesting; cpu_exec's longjmp landing drops it. */
extern __thread int tb_lock_depth;
void tb_lock_reset_after_longjmp(void);

/* cpu-exclusive.c */
/* At a block boundary of the loop: step out for a pending exclusive
 * section and back in; true if we did (block pointers may be stale). */
bool cpu_exec_pause_if_exclusive(CPUState *cpu);
void cpu_exclusive_fork_child(void);

/* tb-maint.c */
void tb_maint_init(void);
void tb_maint_cleanup(void);
void tb_register(TranslationBlock *tb);        /* append to tbs[] */
void tb_link_page_and_hash(TranslationBlock *tb);
void tb_flush_locked(void);
TranslationBlock *tb_htable_lookup(CPUState *cpu, uint64_t pc,
                                   uint64_t cs_base, uint32_t flags,
                                   uint32_t cflags);

/* translate-all.c */
uint64_t tb_phys_page_of(CPUState *cpu, uint64_t vaddr);

/* cputlb.c */
void tlb_flush_all_cpus_locked(void);

#endif
