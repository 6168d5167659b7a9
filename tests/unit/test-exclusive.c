/*
 * Exclusive sections (accel/tcg/cpu-exclusive.c) on the toy guest, both
 * backends: several host threads, each running its own vCPU through a
 * lot of distinct code with a tiny code buffer, so the buffer fills and
 * is flushed while the other threads are inside generated code.  Every
 * thread must end with the right result; and start_exclusive must stop
 * a vCPU that spins in a chained loop, keep it stopped until
 * end_exclusive, then let it finish.
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "tests/unit/support/toy.h"

#define NTHREADS  4
#define REGION    (64 * 1024)       /* code per thread */
#define NADDI     6000              /* straight-line insns per thread */
#define LOOPS     30
#define RAM_SIZE  (NTHREADS * REGION + 4096)

typedef struct Worker {
    ToyCPU *toy;
    uint64_t pc;
    int ret;
} Worker;

static void *worker_main(void *arg)
{
    Worker *w = arg;

    w->ret = toy_run(w->toy, w->pc);
    return NULL;
}

/*
 * At base: r3 = LOOPS; loop: NADDI x "ADDI r1, r1, k" (k varies, so the
 * blocks differ from thread to thread), r3 -= 1, BNE r3, r0 -> loop; HALT.
 * Returns the value r1 must end with.
 */
static uint64_t make_program(ToyCPU *toy, uint64_t base, unsigned seed)
{
    uint32_t *p = g_new(uint32_t, NADDI + 4);
    uint64_t sum = 0;
    unsigned n = 0;

    p[n++] = T_ADDI(3, 0, LOOPS);
    for (unsigned i = 0; i < NADDI; i++) {
        int k = (int)((i * 7 + seed * 13) % 100) + 1;
        p[n++] = T_ADDI(1, 1, k);
        sum += (uint64_t)k;
    }
    p[n++] = T_ADDI(3, 3, -1);
    p[n] = T_BNE(3, 0, -(int)n);    /* pc + 4 - 4n: back to insn 1 */
    n++;
    p[n++] = T_HALT();
    toy_load(toy, base, p, n);
    g_free(p);
    return sum * LOOPS;
}

static void test_flush_under_threads(const void *data)
{
    TCGAccelConfig cfg = {
        .tb_size_bytes = 32 * 1024,
        .mem_mode = TCG_MEM_USER,
    };
    ToyCPU *first = toy_setup(data, cfg, RAM_SIZE);
    Worker w[NTHREADS];
    pthread_t th[NTHREADS];
    uint64_t want[NTHREADS];
    TBStats st;

    if (!first) {
        return;
    }
    for (int i = 0; i < NTHREADS; i++) {
        w[i].toy = i == 0 ? first : toy_cpu_new(first->ram, first->ram_size);
        w[i].pc = (uint64_t)i * REGION;
        want[i] = make_program(first, w[i].pc, (unsigned)i);
    }
    for (int i = 0; i < NTHREADS; i++) {
        g_assert_cmpint(pthread_create(&th[i], NULL, worker_main, &w[i]), ==, 0);
    }
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], NULL);
    }
    tb_get_stats(&st);
    for (int i = 0; i < NTHREADS; i++) {
        g_assert_cmpint(w[i].ret, ==, TOY_EXCP_HALT);
        g_assert_cmpuint(w[i].toy->env.regs[1], ==, want[i]);
        g_assert_cmpuint(w[i].toy->env.regs[3], ==, 0);
    }
    /* The point of the test: many flushes happened while others ran. */
    g_assert_cmpuint(st.flushes, >=, 20);
    for (int i = 1; i < NTHREADS; i++) {
        toy_cpu_free(w[i].toy);
    }
    toy_teardown(first);
}

/* A vCPU spinning in a self-linked block is held by an exclusive section. */
static void test_exclusive_stops_spinner(const void *data)
{
    TCGAccelConfig cfg = { .mem_mode = TCG_MEM_USER };
    ToyCPU *toy = toy_setup(data, cfg, 64 * 1024);
    static const uint32_t prog[] = {
        T_ADDI(1, 1, 1),        /* 0: r1++ */
        T_LD(2, 0, 0x40, MO_LEUQ), /* r2 = [0x40] (the stop flag) */
        T_BNE(2, 5, -3),        /* while r2 != r5 (5 = 1) */
        T_HALT(),
    };
    uint64_t r1_a, r1_b;
    Worker w;
    pthread_t th;

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    memset(toy->ram + 0x40, 0, 8);
    toy->env.regs[5] = 1;
    w.toy = toy;
    w.pc = 0;
    g_assert_cmpint(pthread_create(&th, NULL, worker_main, &w), ==, 0);
    while (__atomic_load_n(&toy->env.regs[1], __ATOMIC_RELAXED) < 1000) {
        usleep(1000);
    }
    start_exclusive();
    r1_a = __atomic_load_n(&toy->env.regs[1], __ATOMIC_RELAXED);
    usleep(20000);
    r1_b = __atomic_load_n(&toy->env.regs[1], __ATOMIC_RELAXED);
    /* Stopped: r1 (synced at block ends) did not move while we held it. */
    g_assert_cmpuint(r1_a, ==, r1_b);
    memcpy(toy->ram + 0x40, &(uint64_t){ 1 }, 8);
    end_exclusive();
    pthread_join(th, NULL);
    g_assert_cmpint(w.ret, ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[1], >, r1_b);
    toy_teardown(toy);
}

static void add(const char *name, GTestDataFunc fn)
{
    static const char *const backends[] = { "jit", "interp" };

    for (unsigned i = 0; i < G_N_ELEMENTS(backends); i++) {
        char *path = g_strdup_printf("/exclusive/%s/%s", backends[i], name);
        g_test_add_data_func(path, backends[i], fn);
        g_free(path);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    add("flush-under-threads", test_flush_under_threads);
    add("stops-spinner", test_exclusive_stops_spinner);
    return g_test_run();
}
