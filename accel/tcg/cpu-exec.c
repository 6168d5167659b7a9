/*
 * The guest-neutral execution loop.
 *
 *   cpu_exec
 *     sigsetjmp  <----------------------------- cpu_loop_exit (helpers, faults)
 *     loop: pending exception -> do_interrupt or return it
 *       loop: interrupt requests / exit request -> back out
 *             key = get_tb_cpu_state; tb = jump cache | hash | tb_gen_code
 *             link the previous block's goto_tb slot to tb
 *             ret = backend tb_exec(tb)  -> (last tb | exit index)
 */
#include <setjmp.h>
#include <stdlib.h>

#include "internal.h"
#include "util/log.h"

static bool cpu_has_work(CPUState *cpu)
{
    if (cpu->tcg_ops->has_work) {
        return cpu->tcg_ops->has_work(cpu);
    }
    return (__atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE) &
            ~CPU_INTERRUPT_HALT) != 0;
}

static uint32_t curr_cflags(CPUState *cpu)
{
    uint32_t cflags = cpu->tcg_cflags;

    if (cpu->singlestep_enabled) {
        cflags = (cflags & ~CF_COUNT_MASK) | 1 | CF_SINGLE_STEP | CF_NO_GOTO_TB;
    }
    if (tern_log_enabled(LOG_NOCHAIN)) {
        cflags |= CF_NO_GOTO_TB;
    }
    return cflags;
}

/* Returns true (with *ret set) when cpu_exec must return. */
static bool cpu_handle_exception(CPUState *cpu, int *ret)
{
    int excp = cpu->exception_index;

    if (excp < 0) {
        return false;
    }
    if (excp >= EXCP_INTERRUPT || !cpu->tcg_ops->do_interrupt) {
        /* Internal exits, or user mode: the caller deals with it. */
        *ret = excp;
        cpu->exception_index = EXCP_NONE;
        return true;
    }
    tern_log_mask(LOG_INT, "cpu %d: exception %d\n", cpu->cpu_index, excp);
    cpu->tcg_ops->do_interrupt(cpu);
    cpu->exception_index = EXCP_NONE;
    return false;
}

/* Returns true when the inner loop must stop (exception_index says why). */
static bool cpu_handle_interrupt(CPUState *cpu, TranslationBlock **last_tb)
{
    uint32_t req;

    /*
     * Clear the check word before looking at the reasons: a request
     * arriving after this point sets it again and is seen at the next
     * block start.
     */
    if (__atomic_load_n(&cpu->neg->icount_decr.u16.high, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&cpu->neg->icount_decr.u16.high, 0, __ATOMIC_SEQ_CST);
    }
    /* Another thread wants every CPU out of generated code (a flush). */
    if (cpu_exec_pause_if_exclusive(cpu)) {
        *last_tb = NULL;
    }

    req = __atomic_load_n(&cpu->interrupt_request, __ATOMIC_ACQUIRE);
    if (req) {
        if (req & CPU_INTERRUPT_HALT) {
            __atomic_and_fetch(&cpu->interrupt_request, ~CPU_INTERRUPT_HALT,
                               __ATOMIC_SEQ_CST);
            cpu->halted = 1;
            cpu->exception_index = EXCP_HLT;
            return true;
        }
        if (cpu->tcg_ops->cpu_exec_interrupt &&
            cpu->tcg_ops->cpu_exec_interrupt(cpu, (int)req)) {
            /* The CPU state changed: do not chain into the next block. */
            cpu->exception_index = EXCP_NONE;
            *last_tb = NULL;
        }
        if (req & CPU_INTERRUPT_EXITTB) {
            __atomic_and_fetch(&cpu->interrupt_request, ~CPU_INTERRUPT_EXITTB,
                               __ATOMIC_SEQ_CST);
            *last_tb = NULL;
        }
    }

    if (__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&cpu->exit_request, false, __ATOMIC_SEQ_CST);
        if (cpu->exception_index == EXCP_NONE) {
            cpu->exception_index = EXCP_INTERRUPT;
        }
        return true;
    }
    return cpu->exception_index != EXCP_NONE;
}

static void log_exec(CPUState *cpu, const TranslationBlock *tb)
{
    if (tern_log_enabled(LOG_EXEC)) {
        tern_log("Trace %d: %p [%016llx/%016llx/%08x/%08x]\n", cpu->cpu_index,
                 tb->tc.ptr, (unsigned long long)tb->cs_base,
                 (unsigned long long)tb->pc, tb->flags, tb->cflags);
    }
    if (tern_log_enabled(LOG_CPU) && cpu->tcg_ops->dump_state) {
        FILE *f = tern_log_lock();
        cpu->tcg_ops->dump_state(cpu, f);
        tern_log_unlock(f);
    }
}

static int cpu_exec_loop(CPUState *cpu)
{
    TCGEngine *e = &tcg_engine;
    const TCGCPUOps *ops = cpu->tcg_ops;
    int ret;

    while (!cpu_handle_exception(cpu, &ret)) {
        TranslationBlock *last_tb = NULL;
        int tb_exit = 0;
        uint64_t flush_gen = __atomic_load_n(&e->flush_count, __ATOMIC_ACQUIRE);

        while (!cpu_handle_interrupt(cpu, &last_tb)) {
            uint64_t pc, cs_base;
            uint32_t flags, cflags = curr_cflags(cpu);
            TranslationBlock *tb;
            uintptr_t r;

            ops->get_tb_cpu_state(cpu, &pc, &cs_base, &flags);
            tb = tb_lookup(cpu, pc, cs_base, flags, cflags);
            if (!tb) {
                tb = tb_gen_code(cpu, pc, cs_base, flags, cflags);
                if (tb->phys_pc != (uint64_t)-1) {
                    tb_jmp_cache_set(cpu, tb);
                }
            }
            /* A flush (here or in a helper) freed every older block. */
            if (__atomic_load_n(&e->flush_count, __ATOMIC_ACQUIRE) != flush_gen) {
                flush_gen = e->flush_count;
                last_tb = NULL;
            }
            if (last_tb) {
                tb_add_jump(last_tb, tb_exit, tb);
            }

            log_exec(cpu, tb);
            cpu->stats.tb_exec++;
            r = e->be->tb_exec(e->ctx, cpu->env_ptr, tb->tc.ptr);

            last_tb = (TranslationBlock *)(r & ~(uintptr_t)TB_EXIT_MASK);
            tb_exit = (int)(r & TB_EXIT_MASK);
            if (__atomic_load_n(&e->flush_count, __ATOMIC_ACQUIRE) != flush_gen) {
                flush_gen = e->flush_count;
                last_tb = NULL;
                continue;
            }
            if (tb_exit == TB_EXIT_REQUESTED) {
                /* Stopped at a block start by the interrupt-check word. */
                cpu->stats.exits_requested++;
                if (last_tb && ops->synchronize_from_tb) {
                    ops->synchronize_from_tb(cpu, last_tb);
                }
                last_tb = NULL;
            }
        }
    }
    return ret;
}

int cpu_exec(CPUState *cpu)
{
    int ret;

    tcg_engine_thread_enter();
    current_cpu = cpu;

    if (cpu->halted) {
        if (!cpu_has_work(cpu)) {
            return EXCP_HALTED;
        }
        cpu->halted = 0;
    }

    cpu_exec_start(cpu);
    if (sigsetjmp(cpu->jmp_env, 0) != 0) {
        /* Back from cpu_loop_exit(): undo what the jump skipped. */
        tci_retaddr = 0;
        tb_lock_reset_after_longjmp();
        tcg_engine_thread_enter();
        current_cpu = cpu;
    }
    cpu->in_exec = true;
    ret = cpu_exec_loop(cpu);
    cpu->in_exec = false;
    cpu_exec_end(cpu);
    return ret;
}

void cpu_loop_exit(CPUState *cpu)
{
    if (!cpu->in_exec) {
        tcg_abort_msg("cpu_loop_exit outside cpu_exec (exception %d)",
                      cpu->exception_index);
    }
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu, uintptr_t retaddr)
{
    if (retaddr) {
        cpu_restore_state(cpu, retaddr);
    }
    cpu_loop_exit(cpu);
}

void cpu_loop_exit_excp(CPUState *cpu, int excp, uintptr_t retaddr)
{
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu, retaddr);
}

void cpu_exit(CPUState *cpu)
{
    __atomic_store_n(&cpu->exit_request, true, __ATOMIC_SEQ_CST);
    /* Seen by generated code at the next block start. */
    __atomic_store_n(&cpu->neg->icount_decr.u16.high, 0xffff, __ATOMIC_SEQ_CST);
}

void cpu_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_or_fetch(&cpu->interrupt_request, mask, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cpu->neg->icount_decr.u16.high, 0xffff, __ATOMIC_SEQ_CST);
}

void cpu_reset_interrupt(CPUState *cpu, uint32_t mask)
{
    __atomic_and_fetch(&cpu->interrupt_request, ~mask, __ATOMIC_SEQ_CST);
}
