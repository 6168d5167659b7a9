/*
 * The soft-MMU TLB as generated code sees it (blueprint 3.3).
 *
 * For each MMU index there is a CPUTLBDescFast {mask, table} at
 * env + TCGContext.softmmu.tlb_fast_ofs + mmu_idx * sizeof(CPUTLBDescFast).
 * The fast path of a guest access to addr of size S is:
 *
 *   entry = table + ((addr >> (page_bits - CPU_TLB_ENTRY_BITS)) & mask)
 *   tag   = (addr + S - 1 if unaligned accesses are allowed, else addr)
 *           & (page_mask | alignment_mask)
 *   if (tag != entry->addr_read / addr_write)  -> slow path (helper)
 *   host  = addr + entry->addend
 *
 * Comparators hold the page address with flag bits in the low bits that a
 * page-aligned address never has, so a flagged page fails the one compare:
 */
#ifndef EXEC_TLB_COMMON_H
#define EXEC_TLB_COMMON_H

#include <stdint.h>

typedef struct CPUTLBEntry {
    uint64_t addr_read;     /* page | flags, or TLB_INVALID (-1) */
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;       /* host address = guest address + addend */
} CPUTLBEntry;

#define CPU_TLB_ENTRY_BITS 5
_Static_assert(sizeof(CPUTLBEntry) == (1 << CPU_TLB_ENTRY_BITS),
               "CPUTLBEntry size");

typedef struct CPUTLBDescFast {
    uintptr_t mask;         /* (n_entries - 1) << CPU_TLB_ENTRY_BITS */
    CPUTLBEntry *table;
} CPUTLBDescFast;

/* Flag bits in a comparator; page_bits >= 10 leaves room for them. */
#define TLB_INVALID_MASK(page_bits)  (1ull << ((page_bits) - 1))
#define TLB_NOTDIRTY(page_bits)      (1ull << ((page_bits) - 2)) /* notify on write (code page) */
#define TLB_MMIO(page_bits)          (1ull << ((page_bits) - 3)) /* device, go through the memory API */
#define TLB_FORCE_SLOW(page_bits)    (1ull << ((page_bits) - 4)) /* anything else */
#define TLB_FLAGS_MASK(page_bits)    (0xfull << ((page_bits) - 4))

#endif
