/*
 * Helpers of the integer, branch and system translator (helper-core.h),
 * and the TCGHelperInfo table of the whole target (target/arm/helper.h:
 * the load/store helpers' C bodies live in their own file).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "target/arm/cpu.h"
#include "exec/exec-all.h"
#include "linux-user/user-internal.h"

#define HELPER_H "target/arm/helper.h"
#include "tcg/helper-proto.h.inc"
#include "tcg/helper-info.c.inc"
#undef HELPER_H

static inline CPUARMState *arm_env(CPUArchState *env)
{
    return (CPUARMState *)env;
}

/* The translator stored pc before the call: nothing to restore. */
void helper_exception(CPUArchState *env, uint32_t excp, uint32_t syndrome)
{
    CPUState *cs = env_cpu(env);

    cs->exception_index = (int)excp;
    arm_env(env)->exception_syndrome = syndrome;
    cpu_loop_exit(cs);
}

/*
 * IC IVAU by a line of a page that is not executable: CTR_EL0 says the
 * instruction cache is PIPT, so the line may be the writable alias of
 * code that runs from another mapping of the same file (a W^X JIT's
 * two MAP_SHARED views of one memfd).  The host's /proc/self/maps says
 * which other mappings show the same file offset; their lines lose their
 * blocks.  Slow (a read of the maps per line), but only JITs that clear
 * through the writable alias get here.
 */
static void ic_ivau_aliases(uint64_t line, uint64_t len)
{
    unsigned long start, end, off, ino, want_ino = 0;
    unsigned maj, min, want_maj = 0, want_min = 0;
    uintptr_t h = (uintptr_t)g2h(line);
    uint64_t want_off = 0;
    char *buf = NULL;
    size_t cap = 0;
    bool found = false;
    FILE *f = fopen("/proc/self/maps", "r");

    if (!f) {
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        rewind(f);
        while (getline(&buf, &cap, f) > 0) {
            if (sscanf(buf, "%lx-%lx %*s %lx %x:%x %lu", &start, &end, &off,
                       &maj, &min, &ino) != 6 || ino == 0) {
                continue;
            }
            if (pass == 0) {
                if (h >= start && h < end) {
                    want_off = off + (h - start);
                    want_maj = maj;
                    want_min = min;
                    want_ino = ino;
                    found = true;
                    break;
                }
            } else if (ino == want_ino && maj == want_maj &&
                       min == want_min && want_off >= off &&
                       want_off < off + (end - start)) {
                uintptr_t a = start + (uintptr_t)(want_off - off);

                if (a != h && h2g_valid(a) &&
                    (page_get_flags(h2g(a)) & PAGE_EXEC)) {
                    tb_invalidate_phys_range(h2g(a), h2g(a) + len);
                }
            }
        }
        if (!found) {
            break;
        }
    }
    free(buf);
    fclose(f);
}

void helper_ic_ivau(CPUArchState *env, uint64_t addr)
{
    const uint64_t len = 64;    /* CTR_EL0.IminLine */
    uint64_t line = addr & ~(len - 1);
    int flags;

    (void)env;
    if (!guest_addr_valid(line)) {
        return;
    }
    flags = page_get_flags(line);
    if (flags & PAGE_EXEC) {
        tb_invalidate_phys_range(line, line + len);
    } else if (flags & PAGE_VALID) {
        ic_ivau_aliases(line, len);
    }
}

uint64_t helper_get_cntvct(CPUArchState *env)
{
    struct timespec ts;

    (void)env;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * CRC32/CRC32C as A64 defines them: bit-reflected, no inversion before or
 * after (software does that), the value's bytes fed low byte first.
 * Polynomials 0x04C11DB7 (CRC32) and 0x1EDC6F41 (CRC32C), reflected.
 */
static uint64_t crc32_reflected(uint32_t crc, uint64_t val, unsigned bytes,
                                uint32_t poly_reflected)
{
    for (unsigned i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(val >> (8 * i));
        for (int b = 0; b < 8; b++) {
            crc = (crc >> 1) ^ (poly_reflected & -(crc & 1));
        }
    }
    return crc;
}

uint64_t helper_crc32(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc32_reflected((uint32_t)acc, val, bytes, 0xedb88320u);
}

uint64_t helper_crc32c(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc32_reflected((uint32_t)acc, val, bytes, 0x82f63b78u);
}
