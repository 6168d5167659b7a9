/*
 * The soft-MMU TLB and the slow path of guest loads and stores
 * (include/exec/cputlb.h, blueprint 3.3).
 *
 * Generated code handles the common case inline (tag compare + addend).
 * Everything else arrives here: misses (-> target's tlb_fill), flagged
 * pages (TLB_MMIO -> device callbacks, TLB_NOTDIRTY -> invalidate the
 * code on the page, then write), accesses crossing a page (split into
 * bytes, both pages checked before a store writes anything) and
 * misaligned accesses whose MemOp demands alignment (-> target fault).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "exec/cputlb.h"
#include "util/log.h"

static inline uint64_t tlb_page_mask(const CPUTLB *t)
{
    return ~((1ull << t->page_bits) - 1);
}

static inline unsigned tlb_index(const CPUTLB *t, uint64_t addr)
{
    return (unsigned)(addr >> t->page_bits) & (CPU_TLB_SIZE - 1);
}

static inline uint64_t tlb_cmp(const CPUTLBEntry *e, MMUAccessType type)
{
    switch (type) {
    case MMU_DATA_LOAD:
        return e->addr_read;
    case MMU_DATA_STORE:
        return e->addr_write;
    default:
        return e->addr_code;
    }
}

/* Does the comparator map page (ignoring flag bits other than INVALID)? */
static inline bool tlb_hit_page(const CPUTLB *t, uint64_t cmp, uint64_t page)
{
    return (cmp & (tlb_page_mask(t) | TLB_INVALID_MASK(t->page_bits))) == page;
}

static void tlb_entry_invalidate(CPUTLBEntry *e, CPUTLBEntryFull *f)
{
    memset(e, 0xff, sizeof(*e));
    memset(f, 0, sizeof(*f));
    f->phys_page = (uint64_t)-1;
}

/* ------------------------------------------------------------------ */
/* Setup and flushes                                                   */

void tlb_init(CPUState *cpu, int page_bits)
{
    CPUTLB *t = g_new0(CPUTLB, 1);

    t->page_bits = page_bits;
    for (int i = 0; i < NB_MMU_MODES; i++) {
        t->table[i] = g_new(CPUTLBEntry, CPU_TLB_SIZE);
        t->full[i] = g_new(CPUTLBEntryFull, CPU_TLB_SIZE);
        cpu->neg->tlb_fast[i].mask =
            (uintptr_t)(CPU_TLB_SIZE - 1) << CPU_TLB_ENTRY_BITS;
        cpu->neg->tlb_fast[i].table = t->table[i];
    }
    cpu->tlb = t;
    tlb_flush(cpu);
}

void tlb_destroy(CPUState *cpu)
{
    CPUTLB *t = cpu->tlb;

    if (!t) {
        return;
    }
    for (int i = 0; i < NB_MMU_MODES; i++) {
        g_free(t->table[i]);
        g_free(t->full[i]);
        cpu->neg->tlb_fast[i].mask = 0;
        cpu->neg->tlb_fast[i].table = NULL;
    }
    g_free(t);
    cpu->tlb = NULL;
}

void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap)
{
    CPUTLB *t = cpu->tlb;

    if (!t) {
        return;
    }
    for (int i = 0; i < NB_MMU_MODES; i++) {
        if (idxmap & (1u << i)) {
            for (unsigned j = 0; j < CPU_TLB_SIZE; j++) {
                tlb_entry_invalidate(&t->table[i][j], &t->full[i][j]);
            }
        }
    }
    /* The jump cache is keyed by virtual PC: mappings changed under it. */
    tb_jmp_cache_clear(cpu);
}

void tlb_flush(CPUState *cpu)
{
    tlb_flush_by_mmuidx(cpu, 0xffff);
}

void tlb_flush_page(CPUState *cpu, uint64_t vaddr)
{
    CPUTLB *t = cpu->tlb;
    uint64_t page;
    unsigned idx;

    if (!t) {
        return;
    }
    page = vaddr & tlb_page_mask(t);
    idx = tlb_index(t, page);
    for (int i = 0; i < NB_MMU_MODES; i++) {
        CPUTLBEntry *e = &t->table[i][idx];
        if (tlb_hit_page(t, e->addr_read, page) ||
            tlb_hit_page(t, e->addr_write, page) ||
            tlb_hit_page(t, e->addr_code, page)) {
            tlb_entry_invalidate(e, &t->full[i][idx]);
        }
    }
    /* Forget cached blocks that start on (or run into) this page. */
    tb_jmp_cache_drop_pages(cpu, page, tlb_page_mask(t));
}

/* Called with tb_lock held (tb_flush_locked). */
void tlb_flush_all_cpus_locked(void)
{
    for (CPUState *cpu = tcg_engine.cpus; cpu; cpu = cpu->next_cpu) {
        if (cpu->tlb) {
            tlb_flush(cpu);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Filling                                                             */

void tlb_set_page_full(CPUState *cpu, uint64_t vaddr, int mmu_idx,
                       const CPUTLBEntryFull *full)
{
    CPUTLB *t = cpu->tlb;
    uint64_t page, flags;
    unsigned idx;
    CPUTLBEntry *e;

    if (!t) {
        tcg_abort_msg("tlb_set_page on a CPU without a soft-MMU TLB");
    }
    if (mmu_idx < 0 || mmu_idx >= NB_MMU_MODES) {
        tcg_abort_msg("tlb_set_page: bad mmu_idx %d", mmu_idx);
    }
    page = vaddr & tlb_page_mask(t);
    idx = tlb_index(t, page);
    e = &t->table[mmu_idx][idx];

    flags = full->extra_flags & TLB_FLAGS_MASK(t->page_bits);
    if (full->mmio || !full->host_page) {
        flags |= TLB_MMIO(t->page_bits);
    }

    t->full[mmu_idx][idx] = *full;
    t->full[mmu_idx][idx].phys_page = full->phys_page & tlb_page_mask(t);

    e->addr_read = (full->prot & PAGE_READ) ? page | flags : (uint64_t)-1;
    e->addr_code = (full->prot & PAGE_EXEC) ? page | flags : (uint64_t)-1;
    if (full->prot & PAGE_WRITE) {
        uint64_t w = page | flags;
        if (!(flags & TLB_MMIO(t->page_bits)) &&
            tb_page_has_code(full->phys_page & tlb_page_mask(t))) {
            w |= TLB_NOTDIRTY(t->page_bits);
        }
        e->addr_write = w;
    } else {
        e->addr_write = (uint64_t)-1;
    }
    e->addend = full->host_page ? (uintptr_t)full->host_page - (uintptr_t)page
                                : 0;
    tern_log_mask(LOG_PAGE, "tlb_set_page: cpu %d idx %d %016llx -> "
                  "%016llx prot %x%s\n", cpu->cpu_index, mmu_idx,
                  (unsigned long long)page,
                  (unsigned long long)full->phys_page, full->prot,
                  full->mmio ? " mmio" : "");
}

void tlb_set_page(CPUState *cpu, uint64_t vaddr, uint64_t paddr, void *host,
                  int prot, int mmu_idx)
{
    CPUTLBEntryFull full = {
        .phys_page = paddr,
        .host_page = host,
        .prot = prot,
    };
    tlb_set_page_full(cpu, vaddr, mmu_idx, &full);
}

void tlb_set_page_mmio(CPUState *cpu, uint64_t vaddr, uint64_t paddr,
                       int prot, int mmu_idx, const TLBMMIOOps *ops,
                       void *opaque)
{
    CPUTLBEntryFull full = {
        .phys_page = paddr,
        .prot = prot,
        .mmio = ops,
        .mmio_opaque = opaque,
    };
    tlb_set_page_full(cpu, vaddr, mmu_idx, &full);
}

/* Set or clear TLB_NOTDIRTY in every writable RAM entry of phys_page. */
static void tlb_set_notdirty(uint64_t phys_page, bool set)
{
    for (CPUState *cpu = tcg_engine.cpus; cpu; cpu = cpu->next_cpu) {
        CPUTLB *t = cpu->tlb;
        if (!t) {
            continue;
        }
        uint64_t nd = TLB_NOTDIRTY(t->page_bits);
        for (int i = 0; i < NB_MMU_MODES; i++) {
            for (unsigned j = 0; j < CPU_TLB_SIZE; j++) {
                CPUTLBEntry *e = &t->table[i][j];
                if (t->full[i][j].phys_page != phys_page ||
                    e->addr_write == (uint64_t)-1 ||
                    (e->addr_write & TLB_MMIO(t->page_bits))) {
                    continue;
                }
                uint64_t w = set ? e->addr_write | nd : e->addr_write & ~nd;
                __atomic_store_n(&e->addr_write, w, __ATOMIC_RELEASE);
            }
        }
    }
}

void tlb_protect_code(uint64_t phys_page)
{
    tlb_set_notdirty(phys_page, true);
}

void tlb_unprotect_code(uint64_t phys_page)
{
    tlb_set_notdirty(phys_page, false);
}

/*
 * Make sure the page of addr is mapped for the access; returns its index
 * in the table of mmu_idx.  A fault does not return (tlb_fill raises).
 */
static unsigned tlb_fill_page(CPUState *cpu, uint64_t addr, int size,
                              MMUAccessType type, int mmu_idx,
                              uintptr_t retaddr)
{
    CPUTLB *t = cpu->tlb;
    uint64_t page = addr & tlb_page_mask(t);
    unsigned idx = tlb_index(t, addr);

    if (tlb_hit_page(t, tlb_cmp(&t->table[mmu_idx][idx], type), page)) {
        return idx;
    }
    if (!cpu->tcg_ops->tlb_fill) {
        tcg_abort_msg("target %s has no tlb_fill hook",
                      cpu->tcg_ops->name ? cpu->tcg_ops->name : "?");
    }
    cpu->tcg_ops->tlb_fill(cpu, addr, size, type, mmu_idx, false, retaddr);
    if (!tlb_hit_page(t, tlb_cmp(&t->table[mmu_idx][idx], type), page)) {
        tcg_abort_msg("tlb_fill for %016llx (type %d, mmu_idx %d) installed "
                      "no usable mapping", (unsigned long long)addr, type,
                      mmu_idx);
    }
    return idx;
}

uint64_t tlb_get_phys_page_code(CPUState *cpu, uint64_t vaddr, void **hostp)
{
    CPUTLB *t = cpu->tlb;
    uint64_t page;
    unsigned idx;
    int mmu_idx;
    CPUTLBEntry *e;

    if (!t) {
        return (uint64_t)-1;
    }
    mmu_idx = cpu->tcg_ops->mmu_index ? cpu->tcg_ops->mmu_index(cpu, true) : 0;
    page = vaddr & tlb_page_mask(t);
    idx = tlb_index(t, vaddr);
    e = &t->table[mmu_idx][idx];
    if (!tlb_hit_page(t, e->addr_code, page)) {
        if (!cpu->tcg_ops->tlb_fill ||
            !cpu->tcg_ops->tlb_fill(cpu, vaddr, 1, MMU_INST_FETCH, mmu_idx,
                                    true, 0) ||
            !tlb_hit_page(t, e->addr_code, page)) {
            return (uint64_t)-1;
        }
    }
    if (e->addr_code & TLB_MMIO(t->page_bits)) {
        return (uint64_t)-1;    /* executing from a device: not supported */
    }
    if (hostp) {
        *hostp = (void *)(uintptr_t)(vaddr + e->addend);
    }
    return t->full[mmu_idx][idx].phys_page;
}

/* ------------------------------------------------------------------ */
/* Accesses within one page                                            */

static uint64_t load_host(const void *p, unsigned size)
{
    switch (size) {
    case 1: return *(const uint8_t *)p;
    case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
    case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
    default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
}

static void store_host(void *p, uint64_t val, unsigned size)
{
    switch (size) {
    case 1: *(uint8_t *)p = (uint8_t)val; break;
    case 2: { uint16_t v = (uint16_t)val; memcpy(p, &v, 2); break; }
    case 4: { uint32_t v = (uint32_t)val; memcpy(p, &v, 4); break; }
    default: memcpy(p, &val, 8); break;
    }
}

/* Host-order value of size bytes at addr; the access is within one page. */
static uint64_t ld_page(CPUState *cpu, uint64_t addr, unsigned size,
                        int mmu_idx, MMUAccessType type, uintptr_t retaddr)
{
    CPUTLB *t = cpu->tlb;
    unsigned idx = tlb_fill_page(cpu, addr, size, type, mmu_idx, retaddr);
    CPUTLBEntry *e = &t->table[mmu_idx][idx];
    CPUTLBEntryFull *f = &t->full[mmu_idx][idx];

    if (tlb_cmp(e, type) & TLB_MMIO(t->page_bits)) {
        uint64_t paddr = f->phys_page | (addr & ~tlb_page_mask(t));
        if (!f->mmio || !f->mmio->read) {
            tern_log_mask(LOG_GUEST_ERROR, "read from unassigned physical "
                          "address %016llx\n", (unsigned long long)paddr);
            return 0;
        }
        uint64_t v = f->mmio->read(f->mmio_opaque, cpu, paddr, size, retaddr);
        return size == 8 ? v : v & ((1ull << (size * 8)) - 1);
    }
    return load_host((void *)(uintptr_t)(addr + e->addend), size);
}

static void st_page(CPUState *cpu, uint64_t addr, uint64_t val, unsigned size,
                    int mmu_idx, uintptr_t retaddr)
{
    CPUTLB *t = cpu->tlb;
    unsigned idx = tlb_fill_page(cpu, addr, size, MMU_DATA_STORE, mmu_idx,
                                 retaddr);
    CPUTLBEntry *e = &t->table[mmu_idx][idx];
    CPUTLBEntryFull *f = &t->full[mmu_idx][idx];
    uint64_t cmp = e->addr_write;
    uint64_t paddr = f->phys_page | (addr & ~tlb_page_mask(t));

    if (cmp & TLB_MMIO(t->page_bits)) {
        if (!f->mmio || !f->mmio->write) {
            tern_log_mask(LOG_GUEST_ERROR, "write to unassigned physical "
                          "address %016llx\n", (unsigned long long)paddr);
            return;
        }
        f->mmio->write(f->mmio_opaque, cpu, paddr, val, size, retaddr);
        return;
    }
    if (cmp & TLB_NOTDIRTY(t->page_bits)) {
        /*
         * The page holds translated code: drop the blocks covering the
         * bytes written.  When the page's last block goes, tb-maint.c
         * clears TLB_NOTDIRTY (tlb_unprotect_code) and stores are fast
         * again.  A block that modifies itself keeps running its old code
         * to its end; the next execution retranslates.
         */
        tb_invalidate_phys_range(paddr, paddr + size);
    }
    store_host((void *)(uintptr_t)(addr + e->addend), val, size);
}

/* ------------------------------------------------------------------ */
/* Full accesses: alignment, page crossing, byte order, sign           */

static void check_alignment(CPUState *cpu, uint64_t addr, MemOp mop,
                            MMUAccessType type, int mmu_idx, uintptr_t retaddr)
{
    unsigned a = memop_alignment(mop);

    if (a > 1 && (addr & (a - 1)) && cpu->tcg_ops->do_unaligned_access) {
        cpu->tcg_ops->do_unaligned_access(cpu, addr, type, mmu_idx, retaddr);
    }
}

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 2: return __builtin_bswap16((uint16_t)v);
    case 4: return __builtin_bswap32((uint32_t)v);
    case 8: return __builtin_bswap64(v);
    default: return v;
    }
}

static uint64_t do_ld(CPUState *cpu, uint64_t addr, MemOpIdx oi,
                      MMUAccessType type, uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    int mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop);
    uint64_t mask = tlb_page_mask(cpu->tlb);
    uint64_t val;

    check_alignment(cpu, addr, mop, type, mmu_idx, retaddr);

    if (((addr ^ (addr + size - 1)) & mask) == 0) {
        val = ld_page(cpu, addr, size, mmu_idx, type, retaddr);
    } else {
        /* Crosses a page: assemble little-endian from single bytes. */
        val = 0;
        for (unsigned i = 0; i < size; i++) {
            val |= ld_page(cpu, addr + i, 1, mmu_idx, type, retaddr) << (8 * i);
        }
    }
    if (mop & MO_BSWAP) {
        val = bswap_size(val, size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        unsigned sh = 64 - 8 * size;
        val = (uint64_t)((int64_t)(val << sh) >> sh);
    }
    return val;
}

static void do_st(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi,
                  uintptr_t retaddr)
{
    MemOp mop = get_memop(oi);
    int mmu_idx = get_mmuidx(oi);
    unsigned size = memop_size(mop);
    uint64_t mask = tlb_page_mask(cpu->tlb);

    check_alignment(cpu, addr, mop, MMU_DATA_STORE, mmu_idx, retaddr);

    if (mop & MO_BSWAP) {
        val = bswap_size(val, size);
    }
    if (((addr ^ (addr + size - 1)) & mask) == 0) {
        st_page(cpu, addr, val, size, mmu_idx, retaddr);
        return;
    }
    /*
     * Crosses a page: make sure both pages are writable before touching
     * either (a fault on the second must leave memory unchanged).
     */
    tlb_fill_page(cpu, addr, 1, MMU_DATA_STORE, mmu_idx, retaddr);
    /* The second page's fault names its first byte, like a byte loop would. */
    tlb_fill_page(cpu, (addr + size - 1) & mask, 1, MMU_DATA_STORE, mmu_idx,
                  retaddr);
    for (unsigned i = 0; i < size; i++) {
        st_page(cpu, addr + i, (val >> (8 * i)) & 0xff, 1, mmu_idx, retaddr);
    }
}

uint64_t tlb_ld_slow(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    return do_ld(env_cpu(env), addr, oi, MMU_DATA_LOAD, retaddr);
}

void tlb_st_slow(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                 uintptr_t retaddr)
{
    do_st(env_cpu(env), addr, val, oi, retaddr);
}

uint64_t cpu_ld_mmu(CPUState *cpu, uint64_t addr, MemOpIdx oi,
                    uintptr_t retaddr)
{
    return do_ld(cpu, addr, oi, MMU_DATA_LOAD, retaddr);
}

void cpu_st_mmu(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi,
                uintptr_t retaddr)
{
    do_st(cpu, addr, val, oi, retaddr);
}
