/*
 * Translation blocks and the execution loop (accel/tcg/), on the toy
 * guest, on both backends: chaining, indirect jumps, unlinking and
 * invalidation, full flush, W^X, the interrupt-check word, precise
 * exceptions from the search table.
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "tests/unit/support/toy.h"
#include "util/log.h"

#define RAM_SIZE (64 * 1024)

static ToyCPU *setup_user(const char *be, size_t tb_bytes, bool split_wx)
{
    TCGAccelConfig cfg = {
        .tb_size_bytes = tb_bytes,
        .tb_size_mb = 4,
        .split_wx = split_wx,
        .mem_mode = TCG_MEM_USER,
    };
    return toy_setup(be, cfg, RAM_SIZE);
}

static TranslationBlock *lookup(ToyCPU *toy, uint64_t pc)
{
    return tb_lookup(toy_cs(toy), pc, 0, 0, 0);
}

/* ------------------------------------------------------------------ */

static void test_straight_line(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    static const uint32_t prog[] = {
        T_ADDI(1, 0, 5),
        T_ADDI(2, 1, -7),
        T_ADD(3, 1, 2),
        T_LUI(4, 0x1234),
        T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmphex(toy->env.regs[1], ==, 5);
    g_assert_cmphex(toy->env.regs[2], ==, (uint64_t)-2);
    g_assert_cmphex(toy->env.regs[3], ==, 3);
    g_assert_cmphex(toy->env.regs[4], ==, 0x12340000);
    g_assert_cmphex(toy->env.pc, ==, 16);
    toy_teardown(toy);
}

/*
 * A counted loop: after its blocks are linked, iterations no longer come
 * back to the C loop.
 */
static const uint32_t loop_prog[] = {
    /* 0 */  T_ADDI(1, 0, 1000),
    /* 4 */  T_ADDI(2, 2, 1),          /* loop: */
    /* 8 */  T_ADDI(1, 1, -1),
    /* 12 */ T_BNE(1, 0, -3),          /* -> 4 */
    /* 16 */ T_HALT(),
};

static void test_chaining(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    TBStats st;

    if (!toy) {
        return;
    }
    toy_load(toy, 0, loop_prog, G_N_ELEMENTS(loop_prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 1000);
    g_assert_cmpuint(toy->env.pc, ==, 16);
    /* Blocks at 0, 4 (looping on itself), 16: a handful of C-loop entries. */
    g_assert_cmpuint(toy_cs(toy)->stats.tb_exec, <=, 6);
    tb_get_stats(&st);
    g_assert_cmpuint(st.translated, ==, 3);
    g_assert_cmpuint(st.links, >=, 2);

    /* The loop block is linked to itself through slot 1. */
    TranslationBlock *body = lookup(toy, 4);
    g_assert_nonnull(body);
    g_assert_true(body->jmp_dest[1] == body);

    /* Second run: everything cached and linked. */
    toy->env.regs[2] = 0;
    toy_cs(toy)->stats.tb_exec = 0;
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 1000);
    g_assert_cmpuint(toy_cs(toy)->stats.tb_exec, <=, 3);
    tb_get_stats(&st);
    g_assert_cmpuint(st.translated, ==, 3);
    toy_teardown(toy);
}

static void test_nochain(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    int saved = tern_loglevel;

    if (!toy) {
        return;
    }
    tern_loglevel |= LOG_NOCHAIN;
    toy_load(toy, 0, loop_prog, G_N_ELEMENTS(loop_prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    tern_loglevel = saved;
    g_assert_cmpuint(toy->env.regs[2], ==, 1000);
    /* Every iteration went through the C loop. */
    g_assert_cmpuint(toy_cs(toy)->stats.tb_exec, >=, 1000);
    toy_teardown(toy);
}

/* Indirect jumps find the next block from generated code. */
static void test_indirect(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    static const uint32_t prog[] = {
        /* 0 */  T_ADDI(1, 0, 100),
        /* 4 */  T_ADDI(5, 0, 12),
        /* 8 */  T_JR(5),
        /* 12 */ T_ADDI(2, 2, 1),      /* loop */
        /* 16 */ T_ADDI(1, 1, -1),
        /* 20 */ T_BNE(1, 0, 1),       /* -> 28 */
        /* 24 */ T_HALT(),
        /* 28 */ T_JR(5),              /* -> 12 */
    };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 100);
    g_assert_cmpuint(toy->env.pc, ==, 24);
    g_assert_cmpuint(toy_cs(toy)->stats.tb_exec, <=, 8);
    /*
     * The jump-cache probe in the generated code finds block 12 itself:
     * the helper only sees the first jumps (before 12 and 28 exist).
     */
    g_assert_cmpuint(toy_cs(toy)->stats.lookup_calls, <=, 2);
    toy_teardown(toy);
}

static const uint32_t indirect_prog[] = {
    /* 0 */  T_ADDI(1, 0, 100),
    /* 4 */  T_ADDI(5, 0, 12),
    /* 8 */  T_JR(5),
    /* 12 */ T_ADDI(2, 2, 1),      /* loop */
    /* 16 */ T_ADDI(1, 1, -1),
    /* 20 */ T_BNE(1, 0, 1),       /* -> 28 */
    /* 24 */ T_HALT(),
    /* 28 */ T_JR(5),              /* -> 12 */
};

/* Without chaining (-d nochain) indirect jumps go back to the loop. */
static void test_indirect_nochain(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    int saved = tern_loglevel;

    if (!toy) {
        return;
    }
    tern_loglevel |= LOG_NOCHAIN;
    toy_load(toy, 0, indirect_prog, G_N_ELEMENTS(indirect_prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    tern_loglevel = saved;
    g_assert_cmpuint(toy->env.regs[2], ==, 100);
    g_assert_cmpuint(toy_cs(toy)->stats.tb_exec, >=, 200);
    toy_teardown(toy);
}

/*
 * The probe never reaches a dead block: invalidating the target empties
 * its jump-cache entry, and so does entering a block that died meanwhile
 * (another thread invalidated it between the hash lookup and
 * tb_jmp_cache_set).
 */
static void test_indirect_invalidate(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    CPUState *cs;
    TranslationBlock *body;
    uint32_t insn;
    unsigned h = tb_jmp_cache_hash(12);

    if (!toy) {
        return;
    }
    cs = toy_cs(toy);
    toy_load(toy, 0, indirect_prog, G_N_ELEMENTS(indirect_prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    body = lookup(toy, 12);
    g_assert_nonnull(body);
    g_assert_true(cs->tb_jmp_cache->e[h].tb == body);
    g_assert_true(cs->tb_jmp_cache->e[h].code == body->tc.ptr);

    /* New loop body; the old block dies and leaves the jump cache. */
    insn = T_ADDI(2, 2, 3);
    memcpy(toy->ram + 12, &insn, 4);
    g_assert_cmpint(tb_invalidate_phys_range(12, 16), ==, 1);
    g_assert_cmphex(cs->tb_jmp_cache->e[h].key, ==, TB_JMP_KEY_NONE);
    toy->env.regs[2] = 0;
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 300);

    /* A racing insert of a block that is already dead is undone. */
    body = lookup(toy, 12);
    g_assert_nonnull(body);
    insn = T_ADDI(2, 2, 5);
    memcpy(toy->ram + 12, &insn, 4);
    tb_phys_invalidate(body);
    tb_jmp_cache_set(cs, body);
    g_assert_cmphex(cs->tb_jmp_cache->e[h].key, ==, TB_JMP_KEY_NONE);
    g_assert_null(cs->tb_jmp_cache->e[h].tb);
    toy->env.regs[2] = 0;
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 500);
    toy_teardown(toy);
}

/*
 * Invalidation: killing one block resets the links into it and removes it
 * from the hash and the jump cache; the next execution retranslates.
 */
static void test_unlink(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    TranslationBlock *head, *body, *tail;
    TBStats st;

    if (!toy) {
        return;
    }
    toy_load(toy, 0, loop_prog, G_N_ELEMENTS(loop_prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    head = lookup(toy, 0);
    body = lookup(toy, 4);
    tail = lookup(toy, 16);
    g_assert_nonnull(head);
    g_assert_nonnull(body);
    g_assert_nonnull(tail);
    g_assert_true(head->jmp_dest[1] == body);
    g_assert_true(body->jmp_dest[0] == tail);
    g_assert_true(body->jmp_list_head != 0);

    /* Change the loop body behind the translator's back, then kill it. */
    uint32_t new_insn = T_ADDI(2, 2, 3);
    memcpy(toy->ram + 4, &new_insn, 4);
    tb_phys_invalidate(body);

    g_assert_true(body->invalid);
    g_assert_null(lookup(toy, 4));
    g_assert_null(head->jmp_dest[1]);       /* incoming link reset */
    g_assert_cmphex(body->jmp_list_head, ==, 0);
    g_assert_null(body->jmp_dest[0]);       /* outgoing link dropped */
    g_assert_cmphex(tail->jmp_list_head, ==, 0);
    g_assert_true(lookup(toy, 0) == head);  /* the others live on */
    g_assert_true(lookup(toy, 16) == tail);

    /* The head block (0..12) still has the old first iteration. */
    toy->env.regs[2] = 0;
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 1 + 999 * 3);
    TranslationBlock *body2 = lookup(toy, 4);
    g_assert_nonnull(body2);
    g_assert_true(body2 != body);
    g_assert_true(head->jmp_dest[1] == body2);   /* relinked */

    /* Page invalidation kills all three. */
    new_insn = T_ADDI(2, 2, 5);
    memcpy(toy->ram + 4, &new_insn, 4);
    g_assert_cmpint(tb_invalidate_phys_page(0), ==, 3);
    g_assert_null(lookup(toy, 0));
    g_assert_null(lookup(toy, 4));
    g_assert_null(lookup(toy, 16));
    g_assert_false(tb_page_has_code(0));
    tb_get_stats(&st);
    g_assert_cmpuint(st.live, ==, 0);
    g_assert_cmpuint(st.invalidated, ==, 4);

    toy->env.regs[2] = 0;
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 5000);
    g_assert_true(tb_page_has_code(0));

    /* Range invalidation only hits blocks overlapping the range. */
    g_assert_cmpint(tb_invalidate_phys_range(16, 20), ==, 1);
    g_assert_nonnull(lookup(toy, 0));
    g_assert_null(lookup(toy, 16));
    toy_teardown(toy);
}

/* Many blocks through a tiny buffer: full flushes, still correct. */
static void run_many_blocks(ToyCPU *toy)
{
    enum { NBLOCKS = 3000 };
    uint32_t *prog = g_new(uint32_t, 2 * NBLOCKS + 1);

    for (int i = 0; i < NBLOCKS; i++) {
        prog[2 * i] = T_ADDI(2, 2, 1);
        prog[2 * i + 1] = T_BNE(0, 0, 0);   /* never taken: next block */
    }
    prog[2 * NBLOCKS] = T_HALT();
    toy_load(toy, 0, prog, 2 * NBLOCKS + 1);
    g_free(prog);

    for (int round = 1; round <= 2; round++) {
        g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
        g_assert_cmpuint(toy->env.regs[2], ==, (uint64_t)NBLOCKS * round);
        g_assert_cmpuint(toy->env.pc, ==, 8 * NBLOCKS);
    }
}

static void test_flush(const void *data)
{
    ToyCPU *toy = setup_user(data, 4 * TCG_HIGHWATER, false);
    TBStats st;

    if (!toy) {
        return;
    }
    run_many_blocks(toy);
    tb_get_stats(&st);
    g_assert_cmpuint(st.flushes, >=, 1);
    g_assert_cmpuint(st.translated, >, 3000);
    g_assert_cmpuint(st.code_used, <=, st.code_size + TCG_HIGHWATER);

    /* An explicit flush empties everything. */
    tb_flush();
    g_assert_null(lookup(toy, 0));
    tb_get_stats(&st);
    g_assert_cmpuint(st.live, ==, 0);
    g_assert_cmpuint(st.code_used, ==, 0);
    toy_teardown(toy);
}

static void test_split_wx(const void *data)
{
    ToyCPU *toy = setup_user(data, 8 * TCG_HIGHWATER, true);
    TBStats st;

    if (!toy) {
        return;
    }
    g_assert_cmpint(tcg_exec_context()->splitwx_diff, !=, 0);
    toy_load(toy, 0, loop_prog, G_N_ELEMENTS(loop_prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 1000);
    g_assert_cmpuint(toy_cs(toy)->stats.tb_exec, <=, 6);
    /* Linking patched code through the rw view; flushing works too. */
    tb_get_stats(&st);
    g_assert_cmpuint(st.links, >=, 2);
    toy->env.regs[2] = 0;
    run_many_blocks(toy);
    tb_get_stats(&st);
    g_assert_cmpuint(st.flushes, >=, 1);
    toy_teardown(toy);
}

/* ------------------------------------------------------------------ */
/* The interrupt-check word                                            */

typedef struct Kick {
    ToyCPU *toy;
    uint64_t until;         /* wait for r2 to reach this, then kick */
} Kick;

static void *kicker(void *opaque)
{
    Kick *k = opaque;
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    /* The loop stores r2 to env at every block end. */
    while (__atomic_load_n(&k->toy->env.regs[2], __ATOMIC_RELAXED) < k->until &&
           g_get_monotonic_time() < deadline) {
        g_usleep(100);
    }
    cpu_exit(toy_cs(k->toy));
    return NULL;
}

static void test_exit_from_thread(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    static const uint32_t prog[] = {
        /* 0 */ T_ADDI(2, 2, 1),
        /* 4 */ T_BNE(2, 0, -2),       /* -> 0, practically forever */
        /* 8 */ T_HALT(),
    };
    pthread_t th;

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    for (int round = 0; round < 2; round++) {
        uint64_t before = toy->env.regs[2];
        uint64_t entries = toy_cs(toy)->stats.tb_exec;
        Kick k = { toy, before + 5000 };
        g_assert_cmpint(pthread_create(&th, NULL, kicker, &k), ==, 0);
        toy->env.pc = 0;
        g_assert_cmpint(cpu_exec(toy_cs(toy)), ==, EXCP_INTERRUPT);
        pthread_join(th, NULL);
        /* It ran many iterations, chained, and stopped at a block start. */
        g_assert_cmpuint(toy->env.regs[2], >=, before + 5000);
        g_assert_cmpuint(toy_cs(toy)->stats.tb_exec - entries, <=, 4);
        g_assert_cmpuint(toy->env.pc, ==, 0);
        g_assert_cmpuint(toy_cs(toy)->stats.exits_requested, >=, 1);
    }
    toy_teardown(toy);
}

static void test_exit_from_helper(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    static const uint32_t prog[] = {
        /* 0 */ T_ADDI(2, 2, 1),
        /* 4 */ T_KICK(),
        /* 8 */ T_ADDI(3, 3, 1),
        /* 12 */ T_BNE(2, 0, -4),      /* -> 0 */
        /* 16 */ T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    for (int i = 1; i <= 3; i++) {
        /* The rest of the block runs; the next block start stops. */
        g_assert_cmpint(toy_run(toy, 0), ==, EXCP_INTERRUPT);
        g_assert_cmpuint(toy->env.regs[2], ==, (uint64_t)i);
        g_assert_cmpuint(toy->env.regs[3], ==, (uint64_t)i);
        g_assert_cmpuint(toy->env.pc, ==, 0);
    }
    toy_teardown(toy);
}

/* cpu_interrupt() with a target that takes nothing: the loop resumes. */
static void test_interrupt_request(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);

    if (!toy) {
        return;
    }
    toy_load(toy, 0, loop_prog, G_N_ELEMENTS(loop_prog));
    cpu_interrupt(toy_cs(toy), CPU_INTERRUPT_EXITTB);
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 1000);
    g_assert_cmphex(toy_cs(toy)->interrupt_request, ==, 0);

    cpu_interrupt(toy_cs(toy), CPU_INTERRUPT_HALT);
    g_assert_cmpint(toy_run(toy, 0), ==, EXCP_HLT);
    g_assert_cmpuint(toy_cs(toy)->halted, ==, 1);
    g_assert_cmpint(toy_run(toy, 0), ==, EXCP_HALTED);
    toy_teardown(toy);
}

/* ------------------------------------------------------------------ */
/* Precise exceptions                                                  */

static void test_precise_exception(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    enum { N = 200 };
    uint32_t prog[N + 3];

    if (!toy) {
        return;
    }
    /* r1 counts up by varying steps; then a trap deep inside the block. */
    for (int i = 0; i < N; i++) {
        prog[i] = T_ADDI(1 + (i % 3), 1 + (i % 3), i);
    }
    prog[N] = T_RAISE(0x77);
    prog[N + 1] = T_ADDI(4, 0, 33);
    prog[N + 2] = T_HALT();
    toy_load(toy, 0x1000, prog, N + 3);

    uint64_t expect[3] = { 0, 0, 0 };
    for (int i = 0; i < N; i++) {
        expect[i % 3] += (uint64_t)i;
    }

    for (int round = 0; round < 2; round++) {
        memset(toy->env.regs, 0, sizeof(toy->env.regs));
        toy->env.last_insn = 0;
        g_assert_cmpint(toy_run(toy, 0x1000), ==, TOY_EXCP_TRAP);
        g_assert_cmphex(toy->env.pc, ==, 0x1000 + 4 * N);
        g_assert_cmphex(toy->env.last_insn, ==, T_RAISE(0x77));
        g_assert_cmphex(toy->env.trap_code, ==, 0x77);
        g_assert_cmpuint(toy->env.regs[1], ==, expect[0]);
        g_assert_cmpuint(toy->env.regs[2], ==, expect[1]);
        g_assert_cmpuint(toy->env.regs[3], ==, expect[2]);
        g_assert_cmpuint(toy->env.regs[4], ==, 0);
    }

    /* Resume after the trap. */
    g_assert_cmpint(toy_run(toy, 0x1000 + 4 * N + 4), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[4], ==, 33);

    /* A host address outside generated code restores nothing. */
    g_assert_false(cpu_restore_state(toy_cs(toy), (uintptr_t)&test_precise_exception));
    g_assert_false(cpu_restore_state(toy_cs(toy), 0));
    toy_teardown(toy);
}

/* A fault while translating (no code there) unwinds the translation lock. */
static void test_fetch_fault(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    static const uint32_t prog[] = {
        T_ADDI(5, 0, 0x7ff0), T_ADD(5, 5, 5), T_JR(5),   /* -> 0xffe0 */
    };
    static const uint32_t tail[] = { T_ADDI(1, 0, 1), T_ADDI(2, 0, 2) };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    /* The last two words of RAM; the block runs off its end. */
    toy_load(toy, RAM_SIZE - 8, tail, 2);
    g_assert_cmpint(toy_run(toy, RAM_SIZE * 2), ==, TOY_EXCP_PAGEFAULT);
    g_assert_cmphex(toy->env.fault_addr, ==, RAM_SIZE * 2);
    g_assert_cmpint(toy_run(toy, RAM_SIZE - 8), ==, TOY_EXCP_PAGEFAULT);
    g_assert_cmphex(toy->env.fault_addr, ==, RAM_SIZE);
    /* Translation still works afterwards (the lock was released). */
    toy_load(toy, 0x100, loop_prog, G_N_ELEMENTS(loop_prog));
    toy->env.regs[2] = 0;
    memcpy(toy->ram + 0x100, loop_prog, sizeof(loop_prog));
    uint32_t fix = T_BNE(1, 0, -3);
    memcpy(toy->ram + 0x10c, &fix, 4);
    g_assert_cmpint(toy_run(toy, 0x100), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[2], ==, 1000);
    toy_teardown(toy);
}

/* A block whose instruction straddles two pages is on both page lists. */
static void test_two_pages(const void *data)
{
    ToyCPU *toy = setup_user(data, 0, false);
    uint32_t insn = T_ADDI(1, 0, 5), halt = T_HALT();
    TranslationBlock *tb;

    if (!toy) {
        return;
    }
    memcpy(toy->ram + 0xffe, &insn, 4);
    memcpy(toy->ram + 0x1002, &halt, 4);
    g_assert_cmpint(toy_run(toy, 0xffe), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[1], ==, 5);
    g_assert_cmphex(toy->env.pc, ==, 0x1002);

    tb = lookup(toy, 0xffe);
    g_assert_nonnull(tb);
    g_assert_cmphex(tb->page_addr[0], ==, 0);
    g_assert_cmphex(tb->page_addr[1], ==, 0x1000);
    g_assert_cmpuint(tb->size, ==, 4);
    g_assert_cmpuint(tb->icount, ==, 1);
    g_assert_true(tb_page_has_code(0));

    /* Bytes of the second page after the insn do not touch it... */
    g_assert_cmpint(tb_invalidate_phys_range(0x1002, 0x1003), ==, 1); /* HALT */
    g_assert_true(lookup(toy, 0xffe) == tb);
    /* ...its last byte does, and both page lists forget it. */
    g_assert_cmpint(tb_invalidate_phys_range(0x1001, 0x1002), ==, 1);
    g_assert_true(tb->invalid);
    g_assert_false(tb_page_has_code(0));
    g_assert_false(tb_page_has_code(0x1000));

    /* Retranslated, then killed through its second page. */
    g_assert_cmpint(toy_run(toy, 0xffe), ==, TOY_EXCP_HALT);
    tb = lookup(toy, 0xffe);
    g_assert_nonnull(tb);
    g_assert_cmpint(tb_invalidate_phys_page(0x1000), ==, 2);
    g_assert_true(tb->invalid);
    g_assert_false(tb_page_has_code(0));
    toy_teardown(toy);
}

static void add(const char *name, GTestDataFunc fn)
{
    static const char *const backends[] = { "jit", "interp" };

    for (unsigned i = 0; i < G_N_ELEMENTS(backends); i++) {
        char *path = g_strdup_printf("/tb/%s/%s", backends[i], name);
        g_test_add_data_func(path, backends[i], fn);
        g_free(path);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    add("straight-line", test_straight_line);
    add("chaining", test_chaining);
    add("nochain", test_nochain);
    add("indirect", test_indirect);
    add("indirect-nochain", test_indirect_nochain);
    add("indirect-invalidate", test_indirect_invalidate);
    add("unlink", test_unlink);
    add("flush", test_flush);
    add("split-wx", test_split_wx);
    add("exit-from-thread", test_exit_from_thread);
    add("exit-from-helper", test_exit_from_helper);
    add("interrupt-request", test_interrupt_request);
    add("precise-exception", test_precise_exception);
    add("fetch-fault", test_fetch_fault);
    add("two-pages", test_two_pages);
    return g_test_run();
}
