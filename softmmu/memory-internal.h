/*
 * Shared between softmmu/memory.c (the tree and FlatViews) and
 * softmmu/physmem.c (dispatch); not for devices.
 */
#ifndef SOFTMMU_MEMORY_INTERNAL_H
#define SOFTMMU_MEMORY_INTERNAL_H

#include "exec/memory.h"

/* The section containing addr, or NULL. */
const MemoryRegionSection *flatview_lookup(const FlatView *fv, hwaddr addr);
/* Start of the first section above addr (UINT64_MAX: none). */
hwaddr flatview_next_start(const FlatView *fv, hwaddr addr);

#endif
