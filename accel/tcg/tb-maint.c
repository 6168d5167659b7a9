/*
 * Block maintenance: the global hash, the per-vCPU jump caches, the
 * per-page lists, chaining (goto_tb links) and invalidation.
 *
 * Everything here runs under tb_lock() except the jump-cache probe in
 * tb_lookup(), which only reads atomically stored pointers and checks
 * what it finds.  TB structures are freed only by a full flush, so a
 * stale pointer read from a jump cache is always safe to examine.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "exec/cputlb.h"
#include "util/log.h"

typedef struct PageDesc {
    uint64_t addr;              /* physical page address (hash key) */
    uintptr_t first;            /* tagged list: tb | n, via tb->page_next[n] */
} PageDesc;

#define TB_HTABLE_MIN_BITS 12

static inline TranslationBlock *tag_tb(uintptr_t v)
{
    return (TranslationBlock *)(v & ~(uintptr_t)3);
}

static inline int tag_n(uintptr_t v)
{
    return (int)(v & 1);
}

/* ------------------------------------------------------------------ */
/* Setup                                                               */

void tb_maint_init(void)
{
    TCGEngine *e = &tcg_engine;

    e->hmask = (1u << TB_HTABLE_MIN_BITS) - 1;
    e->htable = g_new0(TranslationBlock *, e->hmask + 1);
    e->hcount = 0;
    e->tbs_cap = 1024;
    e->tbs = g_new(TranslationBlock *, e->tbs_cap);
    e->nb_tbs = 0;
    e->pages = g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, g_free);
}

static void tb_free_all(void)
{
    TCGEngine *e = &tcg_engine;

    for (size_t i = 0; i < e->nb_tbs; i++) {
        free(e->tbs[i]);
    }
    e->nb_tbs = 0;
}

void tb_maint_cleanup(void)
{
    TCGEngine *e = &tcg_engine;

    tb_free_all();
    free(e->pending_tb);
    e->pending_tb = NULL;
    g_free(e->tbs);
    g_free(e->htable);
    g_hash_table_destroy(e->pages);
    e->tbs = NULL;
    e->htable = NULL;
    e->pages = NULL;
}

/* ------------------------------------------------------------------ */
/* The sorted array of blocks (for host pc -> TB)                      */

void tb_register(TranslationBlock *tb)
{
    TCGEngine *e = &tcg_engine;

    if (e->nb_tbs == e->tbs_cap) {
        e->tbs_cap *= 2;
        e->tbs = g_renew(TranslationBlock *, e->tbs, e->tbs_cap);
    }
    /* Code is allocated upwards until a flush, so appending keeps order. */
    tcg_debug_assert(e->nb_tbs == 0 ||
                     (uintptr_t)e->tbs[e->nb_tbs - 1]->tc.ptr <
                     (uintptr_t)tb->tc.ptr);
    e->tbs[e->nb_tbs++] = tb;
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    TCGEngine *e = &tcg_engine;
    TranslationBlock *found = NULL;
    size_t lo = 0, hi;

    if (!e->initialized) {
        return NULL;
    }
    tb_lock();
    hi = e->nb_tbs;
    /* Find the last block starting at or below host_pc. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((uintptr_t)e->tbs[mid]->tc.ptr <= host_pc) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo > 0 && tb_contains_host_pc(e->tbs[lo - 1], host_pc)) {
        found = e->tbs[lo - 1];
    }
    tb_unlock();
    return found;
}

/* ------------------------------------------------------------------ */
/* Hash                                                                */

static uint32_t tb_hash_func(uint64_t phys_pc, uint64_t pc, uint32_t flags,
                             uint64_t cs_base, uint32_t cflags)
{
    uint64_t h = phys_pc * 0x9e3779b97f4a7c15ull;

    h ^= (pc + (h << 6) + (h >> 2)) * 0xc2b2ae3d27d4eb4full;
    h ^= ((uint64_t)flags << 32 | cflags) * 0x165667b19e3779f9ull;
    h ^= cs_base * 0x85ebca77c2b2ae63ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

static void tb_htable_grow(void)
{
    TCGEngine *e = &tcg_engine;
    size_t nsize = (e->hmask + 1) * 2;
    TranslationBlock **nt = g_new0(TranslationBlock *, nsize);

    for (size_t i = 0; i <= e->hmask; i++) {
        TranslationBlock *tb = e->htable[i], *next;
        for (; tb; tb = next) {
            next = tb->hash_next;
            size_t b = tb->hash & (nsize - 1);
            tb->hash_next = nt[b];
            nt[b] = tb;
        }
    }
    g_free(e->htable);
    e->htable = nt;
    e->hmask = nsize - 1;
}

static void tb_htable_insert(TranslationBlock *tb)
{
    TCGEngine *e = &tcg_engine;

    tb->hash = tb_hash_func(tb->phys_pc, tb->pc, tb->flags, tb->cs_base,
                            tb->cflags);
    if (e->hcount >= e->hmask + 1) {
        tb_htable_grow();
    }
    size_t b = tb->hash & e->hmask;
    tb->hash_next = e->htable[b];
    e->htable[b] = tb;
    e->hcount++;
}

static void tb_htable_remove(TranslationBlock *tb)
{
    TCGEngine *e = &tcg_engine;

    for (TranslationBlock **pp = &e->htable[tb->hash & e->hmask]; *pp;
         pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            tb->hash_next = NULL;
            e->hcount--;
            return;
        }
    }
}

TranslationBlock *tb_htable_lookup(CPUState *cpu, uint64_t pc,
                                   uint64_t cs_base, uint32_t flags,
                                   uint32_t cflags)
{
    TCGEngine *e = &tcg_engine;
    TranslationBlock *tb;
    uint64_t phys_page = tb_phys_page_of(cpu, pc);
    uint64_t phys_pc;
    uint32_t h;

    if (phys_page == (uint64_t)-1) {
        return NULL;
    }
    phys_pc = phys_page | (pc & ~e->page_mask);
    h = tb_hash_func(phys_pc, pc, flags, cs_base, cflags);

    tb_lock();
    for (tb = e->htable[h & e->hmask]; tb; tb = tb->hash_next) {
        if (tb->hash == h && tb->pc == pc && tb->phys_pc == phys_pc &&
            tb->flags == flags && tb->cs_base == cs_base &&
            tb->cflags == cflags) {
            break;
        }
    }
    tb_unlock();
    return tb;
}

TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                            uint32_t flags, uint32_t cflags)
{
    unsigned h = tb_jmp_cache_hash(pc);
    CPUJumpCacheEntry *je = &cpu->tb_jmp_cache->e[h];
    uint64_t key = tb_jmp_cache_key(cs_base, flags, cflags);
    TranslationBlock *tb;

    if (je->pc == pc && __atomic_load_n(&je->key, __ATOMIC_ACQUIRE) == key) {
        tb = __atomic_load_n(&je->tb, __ATOMIC_ACQUIRE);
        if (tb && tb->cs_base == cs_base &&
            !__atomic_load_n(&tb->invalid, __ATOMIC_ACQUIRE)) {
            return tb;
        }
    }
    tb = tb_htable_lookup(cpu, pc, cs_base, flags, cflags);
    if (tb) {
        tb_jmp_cache_set(cpu, tb);
    }
    return tb;
}

/* Empty one entry if it holds tb (any thread). */
static void tb_jmp_cache_drop(CPUJumpCacheEntry *je, TranslationBlock *tb)
{
    TranslationBlock *expected = tb;

    if (__atomic_compare_exchange_n(&je->tb, &expected, NULL, false,
                                    __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
        __atomic_store_n(&je->key, TB_JMP_KEY_NONE, __ATOMIC_RELEASE);
    }
}

void tb_jmp_cache_set(CPUState *cpu, TranslationBlock *tb)
{
    CPUJumpCacheEntry *je = &cpu->tb_jmp_cache->e[tb_jmp_cache_hash(tb->pc)];

    /* Only this vCPU's thread writes pc and code (see exec-all.h). */
    __atomic_store_n(&je->key, TB_JMP_KEY_NONE, __ATOMIC_RELAXED);
    je->pc = tb->pc;
    je->code = tb->tc.ptr;
    __atomic_store_n(&je->tb, tb, __ATOMIC_RELEASE);
    __atomic_store_n(&je->key, tb_jmp_cache_key(tb->cs_base, tb->flags,
                                                tb->cflags), __ATOMIC_RELEASE);
    /*
     * Another thread may have invalidated tb since we found or made it
     * (it wrote to the block's page).  It sets tb->invalid, then empties
     * the entries holding tb; we store the entry, then look at
     * tb->invalid.  With both sides sequentially consistent, at least one
     * of us sees the other's store, so no entry keeps a dead block: the
     * probe in generated code does not look at tb->invalid.
     */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&tb->invalid, __ATOMIC_SEQ_CST)) {
        tb_jmp_cache_drop(je, tb);
    }
}

void tb_jmp_cache_clear(CPUState *cpu)
{
    if (!cpu->tb_jmp_cache) {
        return;
    }
    for (unsigned i = 0; i < TB_JMP_CACHE_SIZE; i++) {
        CPUJumpCacheEntry *je = &cpu->tb_jmp_cache->e[i];

        __atomic_store_n(&je->key, TB_JMP_KEY_NONE, __ATOMIC_RELAXED);
        __atomic_store_n(&je->tb, NULL, __ATOMIC_RELAXED);
    }
}

void tb_jmp_cache_drop_pages(CPUState *cpu, uint64_t page, uint64_t mask)
{
    if (!cpu->tb_jmp_cache) {
        return;
    }
    for (unsigned j = 0; j < TB_JMP_CACHE_SIZE; j++) {
        CPUJumpCacheEntry *je = &cpu->tb_jmp_cache->e[j];
        TranslationBlock *tb = __atomic_load_n(&je->tb, __ATOMIC_ACQUIRE);

        if (tb && ((tb->pc & mask) == page ||
                   ((tb->pc + tb->size - 1) & mask) == page)) {
            tb_jmp_cache_drop(je, tb);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Page lists                                                          */

static void tb_page_add(TranslationBlock *tb, int n, uint64_t page)
{
    TCGEngine *e = &tcg_engine;
    PageDesc *pd = g_hash_table_lookup(e->pages, &page);

    if (!pd) {
        pd = g_new0(PageDesc, 1);
        pd->addr = page;
        g_hash_table_insert(e->pages, &pd->addr, pd);
    }
    bool first = pd->first == 0;
    tb->page_next[n] = pd->first;
    pd->first = (uintptr_t)tb | (uintptr_t)n;
    if (first) {
        /* Writes to this page must now invalidate code (blueprint 3.8). */
        tlb_protect_code(page);
        if (e->page_protect) {
            e->page_protect(page);
        }
    }
}

static void tb_page_remove(TranslationBlock *tb, int n)
{
    TCGEngine *e = &tcg_engine;
    uint64_t page = tb->page_addr[n];
    PageDesc *pd = g_hash_table_lookup(e->pages, &page);

    if (!pd) {
        return;
    }
    for (uintptr_t *pp = &pd->first; *pp;
         pp = &tag_tb(*pp)->page_next[tag_n(*pp)]) {
        if (tag_tb(*pp) == tb && tag_n(*pp) == n) {
            *pp = tb->page_next[n];
            break;
        }
    }
    tb->page_next[n] = 0;
    if (!pd->first) {
        g_hash_table_remove(e->pages, &page);
        tlb_unprotect_code(page);
        if (e->page_unprotect) {
            e->page_unprotect(page);
        }
    }
}

bool tb_page_has_code(uint64_t page_addr)
{
    TCGEngine *e = &tcg_engine;
    bool r;

    if (!e->initialized) {
        return false;
    }
    page_addr &= e->page_mask;
    tb_lock();
    r = g_hash_table_lookup(e->pages, &page_addr) != NULL;
    tb_unlock();
    return r;
}

void tb_link_page_and_hash(TranslationBlock *tb)
{
    TCGEngine *e = &tcg_engine;

    tb_page_add(tb, 0, tb->page_addr[0]);
    if (tb->page_addr[1] != (uint64_t)-1) {
        tb_page_add(tb, 1, tb->page_addr[1]);
    }
    tb_htable_insert(tb);
    e->stats.live++;
}

/* ------------------------------------------------------------------ */
/* Chaining                                                            */

static void tb_set_jmp(TranslationBlock *tb, int n, uintptr_t addr)
{
    TCGContext *s = tcg_engine.ctx;
    uintptr_t jmp_rx = (uintptr_t)tb->tc.ptr + tb->jmp_insn_offset[n];
    uintptr_t jmp_rw = (uintptr_t)tcg_splitwx_to_rw(s, (const void *)jmp_rx);

    tcg_engine.be->set_jmp_target(jmp_rx, jmp_rw, addr);
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *tb_next)
{
    TCGEngine *e = &tcg_engine;

    if (n < 0 || n > TB_EXIT_IDXMAX) {
        return;
    }
    tb_lock();
    if (tb->jmp_dest[n] || tb->invalid || tb_next->invalid ||
        tb->jmp_insn_offset[n] == TB_JMP_OFFSET_INVALID ||
        tb->jmp_reset_offset[n] == TB_JMP_OFFSET_INVALID ||
        tb_next->phys_pc == (uint64_t)-1 || (tb->cflags & CF_NO_GOTO_TB)) {
        tb_unlock();
        return;
    }
    tb->jmp_dest[n] = tb_next;
    tb->jmp_list_next[n] = tb_next->jmp_list_head;
    tb_next->jmp_list_head = (uintptr_t)tb | (uintptr_t)n;
    tb_set_jmp(tb, n, (uintptr_t)tb_next->tc.ptr);
    e->stats.links++;
    if (current_cpu) {
        current_cpu->stats.tb_linked++;
    }
    tb_unlock();
}

/* Point slot n of tb back at its own exit (unlinked). */
static void tb_reset_jump(TranslationBlock *tb, int n)
{
    tb_set_jmp(tb, n, (uintptr_t)tb->tc.ptr + tb->jmp_reset_offset[n]);
    tb->jmp_dest[n] = NULL;
    tcg_engine.stats.unlinks++;
}

/* Remove (tb, n) from the incoming list of the block it is linked to. */
static void tb_remove_from_jmp_list(TranslationBlock *tb, int n)
{
    TranslationBlock *dest = tb->jmp_dest[n];

    if (!dest) {
        return;
    }
    for (uintptr_t *pp = &dest->jmp_list_head; *pp;
         pp = &tag_tb(*pp)->jmp_list_next[tag_n(*pp)]) {
        if (tag_tb(*pp) == tb && tag_n(*pp) == n) {
            *pp = tb->jmp_list_next[n];
            break;
        }
    }
    tb->jmp_list_next[n] = 0;
    tb->jmp_dest[n] = NULL;
}

/* ------------------------------------------------------------------ */
/* Invalidation                                                        */

static void tb_phys_invalidate_locked(TranslationBlock *tb)
{
    TCGEngine *e = &tcg_engine;

    if (tb->invalid) {
        return;
    }
    /* Sequentially consistent: see tb_jmp_cache_set. */
    __atomic_store_n(&tb->invalid, true, __ATOMIC_SEQ_CST);

    if (tb->phys_pc != (uint64_t)-1) {
        tb_htable_remove(tb);
        tb_page_remove(tb, 0);
        if (tb->page_addr[1] != (uint64_t)-1) {
            tb_page_remove(tb, 1);
        }
        e->stats.live--;
    }

    unsigned h = tb_jmp_cache_hash(tb->pc);
    for (CPUState *cpu = e->cpus; cpu; cpu = cpu->next_cpu) {
        if (cpu->tb_jmp_cache) {
            tb_jmp_cache_drop(&cpu->tb_jmp_cache->e[h], tb);
        }
    }

    /*
     * Our own outgoing links: leave the destinations' incoming lists, and
     * point our jumps back at our own exits.  The block may be running
     * right now (it wrote to its own page, or another thread did): it
     * finishes with the old code, then returns to the loop instead of
     * following a link (a link to itself would loop in stale code).
     */
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            tb_remove_from_jmp_list(tb, n);
            tb_reset_jump(tb, n);
        }
    }

    /* Every block jumping into us goes back to its own exit. */
    uintptr_t v = tb->jmp_list_head;
    while (v) {
        TranslationBlock *src = tag_tb(v);
        int n = tag_n(v);
        v = src->jmp_list_next[n];
        src->jmp_list_next[n] = 0;
        tb_reset_jump(src, n);
    }
    tb->jmp_list_head = 0;
    e->stats.invalidated++;
}

void tb_phys_invalidate(TranslationBlock *tb)
{
    tb_lock();
    tb_phys_invalidate_locked(tb);
    tb_unlock();
}

/* Does tb's guest code intersect physical [start, end)? */
static bool tb_overlaps(const TranslationBlock *tb, uint64_t start,
                        uint64_t end)
{
    TCGEngine *e = &tcg_engine;
    uint64_t page_size = ~e->page_mask + 1;
    uint64_t s0 = tb->phys_pc;
    uint64_t first_len = tb->size;

    if (tb->page_addr[1] != (uint64_t)-1) {
        first_len = tb->page_addr[0] + page_size - s0;
        uint64_t s1 = tb->page_addr[1];
        uint64_t e1 = s1 + (tb->size - first_len);
        if (s1 < end && start < e1) {
            return true;
        }
    }
    /* An empty block (size 0) still "covers" its first byte. */
    uint64_t e0 = s0 + (first_len ? first_len : 1);
    return s0 < end && start < e0;
}

static int tb_invalidate_page_range_locked(uint64_t page, uint64_t start,
                                           uint64_t end)
{
    TCGEngine *e = &tcg_engine;
    PageDesc *pd = g_hash_table_lookup(e->pages, &page);
    int count = 0;

    if (!pd) {
        return 0;
    }
    /*
     * Killing a block removes only its own entry from this list (and frees
     * pd when the list empties), so remember the successor first.
     */
    for (uintptr_t v = pd->first, next; v; v = next) {
        TranslationBlock *tb = tag_tb(v);
        next = tb->page_next[tag_n(v)];
        if (tb_overlaps(tb, start, end)) {
            tb_phys_invalidate_locked(tb);
            count++;
        }
    }
    return count;
}

int tb_invalidate_phys_page(uint64_t page_addr)
{
    TCGEngine *e = &tcg_engine;
    int n;

    if (!e->initialized || !e->page_bits) {
        return 0;
    }
    page_addr &= e->page_mask;
    tb_lock();
    n = tb_invalidate_page_range_locked(page_addr, page_addr,
                                        page_addr + ~e->page_mask + 1);
    tb_unlock();
    return n;
}

int tb_invalidate_phys_range(uint64_t start, uint64_t end)
{
    TCGEngine *e = &tcg_engine;
    int n = 0;

    if (!e->initialized || !e->page_bits || end <= start) {
        return 0;
    }
    tb_lock();
    for (uint64_t page = start & e->page_mask; page < end;
         page += ~e->page_mask + 1) {
        n += tb_invalidate_page_range_locked(page, start, end);
        if (page + (~e->page_mask + 1) < page) {
            break;      /* wrapped around the address space */
        }
    }
    tb_unlock();
    return n;
}

/* ------------------------------------------------------------------ */
/* Flush                                                               */

void tb_flush_locked(void)
{
    TCGEngine *e = &tcg_engine;

    tb_free_all();
    memset(e->htable, 0, (e->hmask + 1) * sizeof(*e->htable));
    e->hcount = 0;
    if (e->page_unprotect) {
        GHashTableIter it;
        gpointer key, val;
        g_hash_table_iter_init(&it, e->pages);
        while (g_hash_table_iter_next(&it, &key, &val)) {
            e->page_unprotect(((PageDesc *)val)->addr);
        }
    }
    g_hash_table_remove_all(e->pages);
    for (CPUState *cpu = e->cpus; cpu; cpu = cpu->next_cpu) {
        tb_jmp_cache_clear(cpu);
    }
    /* TLB entries may carry TLB_NOTDIRTY for pages that lost their code. */
    tlb_flush_all_cpus_locked();
    e->ctx->code_gen_ptr = e->code_start;
    e->stats.live = 0;
    e->stats.flushes++;
    __atomic_add_fetch(&e->flush_count, 1, __ATOMIC_RELEASE);
    tern_log_mask(LOG_EXEC, "tb_flush: code buffer reset\n");
}

void tb_flush(void)
{
    CPUState *self = current_cpu;
    bool was_running = self && self->running;

    if (!tcg_engine.initialized) {
        return;
    }
    /* Called from the loop of a running CPU: step out for the section. */
    if (was_running) {
        cpu_exec_end(self);
    }
    start_exclusive();
    tb_lock();
    tb_flush_locked();
    tb_unlock();
    end_exclusive();
    if (was_running) {
        cpu_exec_start(self);
    }
}

void tb_set_page_hooks(void (*protect)(uint64_t page),
                       void (*unprotect)(uint64_t page))
{
    tb_lock();
    tcg_engine.page_protect = protect;
    tcg_engine.page_unprotect = unprotect;
    tb_unlock();
}

void tb_get_stats(TBStats *st)
{
    TCGEngine *e = &tcg_engine;

    tb_lock();
    *st = e->stats;
    st->code_used = e->ctx->code_gen_ptr - e->code_start;
    tb_unlock();
}

/* -d stats: the block cache's counters and each vCPU's, on f. */
void tcg_dump_stats(FILE *f)
{
    TCGEngine *e = &tcg_engine;
    TBStats st;

    tb_get_stats(&st);
    fprintf(f, "blocks translated %llu, live %llu, invalidated %llu, "
            "retried smaller %llu; full flushes %llu\n",
            (unsigned long long)st.translated, (unsigned long long)st.live,
            (unsigned long long)st.invalidated,
            (unsigned long long)st.retries_too_big,
            (unsigned long long)st.flushes);
    fprintf(f, "links made %llu, reset %llu; code buffer %zu of %zu KiB\n",
            (unsigned long long)st.links, (unsigned long long)st.unlinks,
            st.code_used / 1024, st.code_size / 1024);
    tb_lock();
    for (CPUState *cpu = e->cpus; cpu; cpu = cpu->next_cpu) {
        fprintf(f, "cpu %d: blocks entered from the loop %llu, translated "
                "%llu, linked %llu, indirect-branch probe misses %llu, "
                "exit requests %llu\n", cpu->cpu_index,
                (unsigned long long)cpu->stats.tb_exec,
                (unsigned long long)cpu->stats.tb_translated,
                (unsigned long long)cpu->stats.tb_linked,
                (unsigned long long)cpu->stats.lookup_calls,
                (unsigned long long)cpu->stats.exits_requested);
    }
    tb_unlock();
}
