/*
 * Guest memory as C code sees it, per mode.  User mode implements these
 * in linux-user/ (host = guest_base + addr, with the page flags checked),
 * system mode through the soft MMU.
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include <stdbool.h>
#include <stdint.h>

#include "exec/cpu-common.h"

/*
 * Fetch 4 bytes of guest code for the translator.  If the address is not
 * executable, the target's instruction-fetch fault is raised (this
 * longjmps to cpu_exec; see docs/tcg.md "Birth").
 */
uint32_t cpu_ldl_code(CPUState *cpu, uint64_t addr);

/*
 * User mode: do all guest pages of [start, start+len) have every PAGE_*
 * bit in flags (0: just mapped)?  Helpers that touch guest memory from C
 * check first, so a bad address becomes a precise guest fault instead of
 * a host fault inside C code.  (linux-user/mmap.c)
 */
bool page_check_range(uint64_t start, uint64_t len, int flags);

/* Is [addr, addr+len) mapped executable in the guest? (user mode) */
bool guest_range_executable(uint64_t addr, uint64_t len);

#endif
