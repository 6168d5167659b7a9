/*
 * Exclusive sections: stop every other vCPU at a safe point, do
 * something no generated code may see happen (free every block), let
 * them go again.
 *
 * A CPU is "running" from cpu_exec_start() to cpu_exec_end(), which
 * cpu_exec() calls on entry and exit; inside, the loop steps out and in
 * again at a block boundary when an exclusive section asks for it
 * (cpu_exec_pause_if_exclusive), since user-mode threads can stay in
 * cpu_exec() for a long time.
 *
 * start_exclusive():
 *   1. wait for any other exclusive section to end;
 *   2. set excl_pending, then mark every CPU that is running as waited
 *      for and kick it: the interrupt-check word makes its generated code
 *      return to the loop at the next block start (blueprint 3.2);
 *   3. sleep until each of them has stepped out (cpu_exec_end counts it
 *      down).
 * A CPU entering (cpu_exec_start) while excl_pending is set and not
 * counted waits for end_exclusive().  The store of running / the load of
 * excl_pending on one side and the store of excl_pending / the load of
 * running on the other are sequentially consistent, so either the
 * section sees the CPU running (and waits for it) or the CPU sees the
 * section pending (and waits itself).
 */
#include "internal.h"

static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_done = PTHREAD_COND_INITIALIZER;   /* count hit 0 */
static pthread_cond_t excl_resume = PTHREAD_COND_INITIALIZER; /* section over */
static int excl_pending;        /* atomic: a section is starting or active */
static int excl_count;          /* CPUs still to step out (under excl_lock) */

static void cpu_kick(CPUState *cpu)
{
    __atomic_store_n(&cpu->neg->icount_decr.u16.high, 0xffff, __ATOMIC_SEQ_CST);
}

void cpu_exec_start(CPUState *cpu)
{
    __atomic_store_n(&cpu->running, true, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&excl_lock);
        if (!cpu->excl_waited) {
            /* The section did not count us: keep out until it is over. */
            __atomic_store_n(&cpu->running, false, __ATOMIC_SEQ_CST);
            while (__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)) {
                pthread_cond_wait(&excl_resume, &excl_lock);
            }
            __atomic_store_n(&cpu->running, true, __ATOMIC_SEQ_CST);
        }
        /* Counted: it was kicked and will step out at the next boundary. */
        pthread_mutex_unlock(&excl_lock);
    }
}

void cpu_exec_end(CPUState *cpu)
{
    __atomic_store_n(&cpu->running, false, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&excl_lock);
        if (cpu->excl_waited) {
            cpu->excl_waited = false;
            if (--excl_count == 0) {
                pthread_cond_signal(&excl_done);
            }
        }
        pthread_mutex_unlock(&excl_lock);
    }
}

bool cpu_exec_pause_if_exclusive(CPUState *cpu)
{
    if (!__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)) {
        return false;
    }
    cpu_exec_end(cpu);
    cpu_exec_start(cpu);
    return true;
}

void start_exclusive(void)
{
    TCGEngine *e = &tcg_engine;
    CPUState *self = current_cpu;
    int n = 0;

    pthread_mutex_lock(&excl_lock);
    while (__atomic_load_n(&excl_pending, __ATOMIC_SEQ_CST)) {
        pthread_cond_wait(&excl_resume, &excl_lock);
    }
    __atomic_store_n(&excl_pending, 1, __ATOMIC_SEQ_CST);
    /* The CPU list is protected by tb_lock (order: excl_lock, tb_lock). */
    tb_lock();
    for (CPUState *cpu = e->cpus; cpu; cpu = cpu->next_cpu) {
        if (cpu != self && __atomic_load_n(&cpu->running, __ATOMIC_SEQ_CST)) {
            cpu->excl_waited = true;
            n++;
            cpu_kick(cpu);
        }
    }
    tb_unlock();
    excl_count = n;
    while (excl_count > 0) {
        pthread_cond_wait(&excl_done, &excl_lock);
    }
    pthread_mutex_unlock(&excl_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&excl_lock);
    __atomic_store_n(&excl_pending, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&excl_resume);
    pthread_mutex_unlock(&excl_lock);
}

void cpu_exclusive_fork_child(void)
{
    CPUState *self = current_cpu;

    /* Only the forking thread exists in the child. */
    pthread_mutex_init(&excl_lock, NULL);
    pthread_cond_init(&excl_done, NULL);
    pthread_cond_init(&excl_resume, NULL);
    excl_pending = 0;
    excl_count = 0;
    for (CPUState *cpu = tcg_engine.cpus; cpu; cpu = cpu->next_cpu) {
        cpu->excl_waited = false;
        if (cpu != self) {
            cpu->running = false;
        }
    }
}
