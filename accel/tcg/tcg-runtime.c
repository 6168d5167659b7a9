/*
 * Helpers generic TCG code calls (include/tcg/helper-tcg.h).
 */
#include "internal.h"
#include "util/log.h"

#define HELPER_H "tcg/helper-tcg.h"
#include "tcg/helper-proto.h.inc"
#include "tcg/helper-info.c.inc"

/*
 * Indirect branches (tcg_gen_lookup_and_goto_ptr): find the next block
 * for the CPU's state without going back to the C loop and without
 * translating.  env -> CPUState goes through CPUNegativeOffsetState.cpu,
 * which sits just before env (env_cpu()).  A miss returns the epilogue,
 * which leaves to the loop with 0 (no chaining), and the loop translates.
 */
void *helper_lookup_tb_ptr(CPUArchState *env)
{
    CPUState *cpu = env_cpu(env);
    TranslationBlock *tb;
    uint64_t pc, cs_base;
    uint32_t flags, cflags;

    cpu->stats.lookup_calls++;
    if (tern_log_enabled(LOG_NOCHAIN | LOG_EXEC | LOG_CPU)) {
        /* Every block must pass through the loop to be logged. */
        return (void *)tcg_engine.ctx->code_gen_epilogue;
    }
    cflags = cpu->tcg_cflags;
    if (cpu->singlestep_enabled) {
        return (void *)tcg_engine.ctx->code_gen_epilogue;
    }
    cpu->tcg_ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
    tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
    if (!tb) {
        return (void *)tcg_engine.ctx->code_gen_epilogue;
    }
    return (void *)tb->tc.ptr;
}
