/*
 * The soft-MMU TLB (accel/tcg/cputlb.c), system mode.
 *
 * For each MMU index a CPU has a direct-mapped table of CPUTLBEntry (what
 * generated code compares, exec/tlb-common.h) and a parallel table of
 * CPUTLBEntryFull (what the slow path needs: physical address, MMIO
 * dispatch).  Targets fill it from their tlb_fill hook with
 * tlb_set_page*(); a fault is raised with cpu_loop_exit_restore().
 *
 * MMIO: a page whose entry has mmio ops goes through them on every access
 * (TLB_MMIO).  Values are passed as host-order (little-endian) numbers of
 * the access size; the slow path applies MO_BSWAP and sign extension.
 * The memory API will provide these ops; until then tests and machines
 * pass their own.
 */
#ifndef EXEC_CPUTLB_H
#define EXEC_CPUTLB_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu-common.h"

#define CPU_TLB_SIZE_BITS 8
#define CPU_TLB_SIZE (1u << CPU_TLB_SIZE_BITS)

typedef struct TLBMMIOOps {
    uint64_t (*read)(void *opaque, CPUState *cpu, uint64_t paddr,
                     unsigned size, uintptr_t retaddr);
    void (*write)(void *opaque, CPUState *cpu, uint64_t paddr, uint64_t val,
                  unsigned size, uintptr_t retaddr);
} TLBMMIOOps;

typedef struct CPUTLBEntryFull {
    uint64_t phys_page;        /* physical page address */
    uint8_t *host_page;        /* host address of the page (RAM), or NULL */
    int prot;                  /* PAGE_READ | PAGE_WRITE | PAGE_EXEC */
    const TLBMMIOOps *mmio;    /* non-NULL: device page */
    void *mmio_opaque;
    uint32_t extra_flags;      /* more TLB_* bits for every comparator */
} CPUTLBEntryFull;

struct CPUTLB {
    int page_bits;
    CPUTLBEntry *table[NB_MMU_MODES];        /* the fast tables */
    CPUTLBEntryFull *full[NB_MMU_MODES];
};

/* Allocate / free a CPU's TLB (tcg_cpu_realize does it in soft-MMU mode). */
void tlb_init(CPUState *cpu, int page_bits);
void tlb_destroy(CPUState *cpu);

/* Map the page of vaddr: RAM at host (page-aligned host pointer). */
void tlb_set_page(CPUState *cpu, uint64_t vaddr, uint64_t paddr, void *host,
                  int prot, int mmu_idx);
/* Map the page of vaddr to a device. */
void tlb_set_page_mmio(CPUState *cpu, uint64_t vaddr, uint64_t paddr,
                       int prot, int mmu_idx, const TLBMMIOOps *ops,
                       void *opaque);
/* The general form; full->phys_page etc. describe the page. */
void tlb_set_page_full(CPUState *cpu, uint64_t vaddr, int mmu_idx,
                       const CPUTLBEntryFull *full);

/* Forget all mappings / those of one page in every MMU index. */
void tlb_flush(CPUState *cpu);
void tlb_flush_page(CPUState *cpu, uint64_t vaddr);
/* Forget all mappings of the MMU indexes in idxmap (bit per index). */
void tlb_flush_by_mmuidx(CPUState *cpu, uint16_t idxmap);

/*
 * Code-page tracking (blueprint 3.8): tb-maint.c calls these when a
 * physical page gains its first block / loses its last one.  Writable
 * entries for the page get TLB_NOTDIRTY so that a store takes the slow
 * path, which invalidates the page's blocks before writing.
 */
void tlb_protect_code(uint64_t phys_page);
void tlb_unprotect_code(uint64_t phys_page);

/*
 * Physical page of the code at vaddr for TCGCPUOps.get_phys_page: fills
 * the TLB for an instruction fetch in probe mode; -1 if unmapped or MMIO.
 * *hostp (if non-NULL) gets the host address of vaddr.
 */
uint64_t tlb_get_phys_page_code(CPUState *cpu, uint64_t vaddr, void **hostp);

/*
 * Guest memory access from C (helpers, the translator's code fetch):
 * same semantics as qemu_ld/qemu_st in generated code, including faults
 * (raised with cpu_loop_exit_restore(retaddr)).
 */
uint64_t cpu_ld_mmu(CPUState *cpu, uint64_t addr, MemOpIdx oi,
                    uintptr_t retaddr);
void cpu_st_mmu(CPUState *cpu, uint64_t addr, uint64_t val, MemOpIdx oi,
                uintptr_t retaddr);

/* The slow paths generated code calls (TCGContext.ld_slow / st_slow). */
uint64_t tlb_ld_slow(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
void tlb_st_slow(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                 uintptr_t retaddr);

#endif
