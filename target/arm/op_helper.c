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
