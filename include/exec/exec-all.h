/*
 * Translation blocks and the execution loop (accel/tcg/).
 *
 * A TranslationBlock (TB) is the host code generated for a run of guest
 * instructions that starts at one guest PC in one translation state
 * (pc, cs_base, flags, cflags).  docs/tcg.md tells how a block is born,
 * lives and dies.
 */
#ifndef EXEC_EXEC_ALL_H
#define EXEC_EXEC_ALL_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu-common.h"
#include "exec/tb-exit.h"

/* cflags: how a block was (or must be) compiled; part of the lookup key. */
#define CF_COUNT_MASK   0x000001ff  /* max guest insns, 0 = default (512) */
#define CF_NO_GOTO_TB   0x00000200  /* do not chain out of this block */
#define CF_SINGLE_STEP  0x00000400  /* block for gdb single-stepping */

#define TB_JMP_OFFSET_INVALID 0xffff  /* no goto_tb slot n in this block */

/*
 * Jump cache: direct-mapped, keyed by guest PC (blueprint 3.1), one per
 * vCPU.  An entry holds what a lookup compares (pc and the rest of the
 * key folded into one word) and the block's code address, so that the
 * probe emitted into generated code for indirect branches
 * (translator_lookup_and_goto_ptr) needs no load from the block itself.
 *
 * Only the vCPU's own thread fills entries (tb_jmp_cache_set); other
 * threads only empty them: a CAS of tb to NULL, then key = NONE.  A
 * reader therefore sees either an entry its own thread wrote or one being
 * emptied; running a block that is being invalidated one more time is
 * the same race as with a plain block pointer (blocks stay allocated
 * until the next flush, which runs with every vCPU out of generated
 * code).
 */
#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1u << TB_JMP_CACHE_BITS)
#define TB_JMP_KEY_NONE UINT64_MAX      /* matches no lookup */

typedef struct CPUJumpCacheEntry {
    uint64_t pc;
    uint64_t key;                 /* tb_jmp_cache_key(), or TB_JMP_KEY_NONE */
    const void *code;             /* tb->tc.ptr */
    TranslationBlock *tb;         /* atomic */
} CPUJumpCacheEntry;

#define TB_JMP_CACHE_ENTRY_SHIFT 5
_Static_assert(sizeof(CPUJumpCacheEntry) == 1u << TB_JMP_CACHE_ENTRY_SHIFT,
               "generated code scales the hash by the entry size");

struct CPUJumpCache {
    CPUJumpCacheEntry e[TB_JMP_CACHE_SIZE];
};

static inline unsigned tb_jmp_cache_hash(uint64_t pc)
{
    /* Low 2 bits of most guests' PCs are 0; fold the page number in. */
    return (unsigned)((pc >> 2) ^ (pc >> (TB_JMP_CACHE_BITS + 2))) &
           (TB_JMP_CACHE_SIZE - 1);
}

/*
 * flags and cflags in one word; bit 63 says cs_base is not 0 (its value
 * is then compared in the block).  cflags stay below bit 31, so no key
 * is TB_JMP_KEY_NONE.
 */
static inline uint64_t tb_jmp_cache_key(uint64_t cs_base, uint32_t flags,
                                        uint32_t cflags)
{
    return (uint64_t)flags | (uint64_t)(cflags & 0x7fffffffu) << 32 |
           (uint64_t)(cs_base != 0) << 63;
}

struct TranslationBlock {
    /* The lookup key. */
    uint64_t pc;
    uint64_t cs_base;
    uint32_t flags;
    uint32_t cflags;
    uint64_t phys_pc;         /* physical address of pc, or -1 (one-shot) */

    /* Guest code covered: size bytes starting at pc, on up to 2 pages. */
    uint64_t page_addr[2];    /* physical page addresses, -1 if unused */
    uint32_t size;            /* guest bytes */
    uint16_t icount;          /* guest instructions */
    bool invalid;             /* atomic; never looked up or linked again */

    /* Host code. */
    struct {
        const void *ptr;      /* rx address of the code */
        uint32_t size;        /* bytes of code (the search table follows) */
        const uint8_t *search;/* the search table (rw view) */
        uint32_t search_size;
    } tc;

    /*
     * Chaining.  Slot n (0/1) is a patchable jump at tc.ptr +
     * jmp_insn_offset[n]; unlinked it falls through to tc.ptr +
     * jmp_reset_offset[n], which returns tb | n to the loop.  jmp_dest[n]
     * is the block slot n is linked to.  Blocks linked to this one form
     * the incoming list jmp_list_head -> (tb | n) -> tb->jmp_list_next[n]
     * ... (tagged pointers, 0 terminates).
     */
    uint16_t jmp_insn_offset[2];
    uint16_t jmp_reset_offset[2];
    TranslationBlock *jmp_dest[2];
    uintptr_t jmp_list_head;
    uintptr_t jmp_list_next[2];

    /* Per-page lists (tagged tb | page index) and the global hash. */
    uintptr_t page_next[2];
    TranslationBlock *hash_next;
    uint32_t hash;
} __attribute__((aligned(16)));

/* Host code range of a TB, rx addresses. */
static inline bool tb_contains_host_pc(const TranslationBlock *tb,
                                       uintptr_t host_pc)
{
    uintptr_t start = (uintptr_t)tb->tc.ptr;
    return host_pc >= start && host_pc < start + tb->tc.size;
}

/* ------------------------------------------------------------------ */
/* Execution (accel/tcg/cpu-exec.c)                                    */

/*
 * Run guest code until something needs the caller: returns EXCP_* or the
 * target's exception number (when the target has no do_interrupt).
 */
int cpu_exec(CPUState *cpu);

/* Leave generated code / a helper for the loop; cpu->exception_index says why. */
void cpu_loop_exit(CPUState *cpu) __attribute__((noreturn));
/* Same, after restoring the guest state of the insn at host retaddr (GETPC()). */
void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
    __attribute__((noreturn));
/* Raise exception excp (after restoring state if retaddr != 0). */
void cpu_loop_exit_excp(CPUState *cpu, int excp, uintptr_t retaddr)
    __attribute__((noreturn));

/*
 * Ask the CPU to leave cpu_exec() (any thread): sets the interrupt-check
 * word, so the running chain stops at the next block start.
 */
void cpu_exit(CPUState *cpu);
/*
 * Stop-the-world (accel/tcg/cpu-exclusive.c).  start_exclusive() returns
 * once every other CPU is outside cpu_exec() or paused at a block
 * boundary in its loop, where it holds no block pointer; they stay there
 * until end_exclusive().  The caller must not be inside cpu_exec()
 * itself (or must have stepped out with cpu_exec_end()) and must not
 * hold tb_lock().  Used by tb_flush(): freeing every block is only safe
 * when no thread runs generated code.
 */
void start_exclusive(void);
void end_exclusive(void);
/* cpu_exec() brackets itself with these; a CPU may step out in between. */
void cpu_exec_start(CPUState *cpu);
void cpu_exec_end(CPUState *cpu);
/* Raise / lower interrupt_request bits (any thread). */
void cpu_interrupt(CPUState *cpu, uint32_t mask);
void cpu_reset_interrupt(CPUState *cpu, uint32_t mask);

/*
 * Restore the guest state for the insn whose host code contains
 * host_retaddr - 1; false if host_retaddr is not in generated code.
 */
bool cpu_restore_state(CPUState *cpu, uintptr_t host_retaddr);

/* ------------------------------------------------------------------ */
/* Blocks (accel/tcg/translate-all.c, tb-maint.c)                      */

/*
 * Translate a block and register it (hash, page lists; not the jump
 * cache).  Takes tb_lock() itself.  Never NULL: on a full code buffer
 * everything is flushed (every older TB is freed!) and translation
 * retried.  May longjmp out through cpu_loop_exit() when the target
 * cannot fetch the code.
 */
TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags);
/* Find a block for the key: jump cache, then hash.  NULL on a miss. */
TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                            uint32_t flags, uint32_t cflags);
/* The block that contains host code address host_pc (rx), or NULL. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);

/* Link slot n of tb to tb_next (no-op if already linked or either died). */
void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next);
/* Invalidate one block: unlink it and drop it from every lookup structure. */
void tb_phys_invalidate(TranslationBlock *tb);
/* Invalidate every block with code on the physical page; returns how many. */
int tb_invalidate_phys_page(uint64_t page_addr);
/* Invalidate every block with code in [start, end); returns how many. */
int tb_invalidate_phys_range(uint64_t start, uint64_t end);
/* Does any live block have code on this physical page? */
bool tb_page_has_code(uint64_t page_addr);
/*
 * Drop every block and reset the code buffer, with every other CPU
 * stopped (start_exclusive).  Not from a helper: generated code that
 * called it would return into freed code.
 */
void tb_flush(void);
/*
 * User mode (blueprint 3.8): protect(page) is called when a guest page
 * gets its first block, unprotect(page) when it loses its last one (also
 * for every page at a flush), both under tb_lock().  The user-mode
 * runner write-protects the host page so that guest writes fault and
 * invalidate the page's blocks.  Set after tcg_exec_init().
 */
void tb_set_page_hooks(void (*protect)(uint64_t page),
                       void (*unprotect)(uint64_t page));
/* Clear one CPU's jump cache (e.g. after its mappings changed). */
void tb_jmp_cache_clear(CPUState *cpu);
/* Enter tb into its slot of cpu's jump cache (cpu's own thread only). */
void tb_jmp_cache_set(CPUState *cpu, TranslationBlock *tb);
/* Drop the entries whose block starts on or runs into page. */
void tb_jmp_cache_drop_pages(CPUState *cpu, uint64_t page, uint64_t mask);

/*
 * -perfmap: write /tmp/perf-PID.map, naming each block's host code by its
 * guest PC for `perf report` (accel/tcg/perfmap.c).  False if the file
 * cannot be created.
 */
bool tcg_perfmap_open(void);
void tcg_perfmap_add(const TranslationBlock *tb);
void tcg_perfmap_fork_child(void);      /* the child's own map */

/* The translation lock: protects the code buffer, the TB hash, page lists
 * and links.  Recursive for the owning thread. */
void tb_lock(void);
void tb_unlock(void);

/* Counters for tests and "info jit". */
typedef struct TBStats {
    uint64_t translated;       /* blocks generated since init */
    uint64_t live;             /* blocks in the hash now */
    uint64_t invalidated;      /* blocks killed by tb_phys_invalidate */
    uint64_t flushes;          /* full flushes */
    uint64_t retries_too_big;  /* -2 from tcg_gen_code: fewer insns */
    uint64_t links;            /* goto_tb slots linked */
    uint64_t unlinks;          /* links reset */
    size_t code_used;          /* bytes of the code buffer in use */
    size_t code_size;          /* usable bytes */
} TBStats;
void tb_get_stats(TBStats *st);
/* -d stats: print the counters above and each vCPU's (CPUExecStats). */
void tcg_dump_stats(FILE *f);

#endif
