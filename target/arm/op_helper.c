/*
 * Helpers of the integer, branch and system translator (helper-core.h),
 * and the TCGHelperInfo table of the whole target (target/arm/helper.h:
 * the load/store helpers' C bodies live in their own file).
 */
#include <time.h>

#include "target/arm/cpu.h"
#include "exec/exec-all.h"

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
