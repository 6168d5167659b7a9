/*
 * Unit tests of the IR optimizer (tcg/optimize.c).
 *
 * Three kinds of checks:
 *  - shape: a small program is optimized and the resulting op list is
 *    inspected (an identity became a mov, a chain of constants one movi,
 *    a branch on constants a br and the code after it vanished ...);
 *  - meaning: every program is run through the reference interpreter
 *    (irt_eval) before and after tcg_optimize, and the final CPU state,
 *    guest memory and exit value must agree.  This covers constant
 *    folding of every op against an independent implementation, and
 *    thousands of random programs with branches, labels, loops, calls,
 *    host and guest memory;
 *  - code: random programs are compiled with and without the optimizer
 *    on every available backend and run; all must agree with the
 *    reference interpreter.
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "irtest.h"

#define MAX_STEPS 1000000

static IRTCtx *ictx(void)
{
    IRTCtx *c = irt_ctx("interp");
    g_assert_nonnull(c);
    return c;
}

static int count_ops(IRTCtx *c, TCGOpcode opc)
{
    return irt_count_ops(c, opc);
}

static int count_all_ops(IRTCtx *c)
{
    int n = 0;
    QTAILQ_FOREACH_OP(op, c->s) {
        n++;
    }
    return n;
}

/* The last op whose first output is temp t (NULL if none). */
static TCGOp *last_def(IRTCtx *c, int t)
{
    TCGOp *found = NULL;
    QTAILQ_FOREACH_OP(op, c->s) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nout = op->opc == INDEX_op_call ? TCGOP_CALLO(op) : def->nb_oargs;
        if (nout > 0 && op->args[0] == (TCGArg)t) {
            found = op;
        }
    }
    return found;
}

static char *dump_ops(IRTCtx *c, const char *title)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    irt_dump(c, f, title);
    fclose(f);
    return buf;
}

static void guest_init(uint8_t *g, uint64_t seed)
{
    uint64_t st = seed * 77 + 1;
    for (int i = 0; i < IRT_GUEST_SIZE; i++) {
        g[i] = (uint8_t)irt_rand(&st);
    }
}

/*
 * Run the current (unoptimized) op list of c in the reference
 * interpreter, optimize it, run it again and compare.  Returns false
 * (after printing both listings) on a mismatch; an ill-formed input
 * program is a test bug and fails at once.
 */
/* Optional: adjusts the initial state of the next runs. */
static void (*env_patch)(IRTEnv *env);

static bool opt_preserves_meaning(IRTCtx *c, uint64_t seed)
{
    static IRTEnv e1, e2;
    static uint8_t g1[IRT_GUEST_SIZE], g2[IRT_GUEST_SIZE];
    char err[256];
    uintptr_t x1, x2;
    bool ok = true;

    irt_env_init(&e1, seed);
    if (env_patch) {
        env_patch(&e1);
    }
    e2 = e1;
    guest_init(g1, seed);
    memcpy(g2, g1, sizeof(g1));

    char *before = dump_ops(c, "before optimization");
    if (!irt_eval(c, &e1, g1, &x1, MAX_STEPS, err, sizeof(err))) {
        fprintf(stderr, "%s", before);
        g_error("seed %" PRIu64 ": reference run of the input failed: %s",
                seed, err);
    }
    tcg_optimize(c->s);
    if (!irt_eval(c, &e2, g2, &x2, MAX_STEPS, err, sizeof(err))) {
        fprintf(stderr, "seed %" PRIu64 ": optimized program failed: %s\n",
                seed, err);
        ok = false;
    } else {
        if (x1 != x2) {
            fprintf(stderr, "seed %" PRIu64 ": exit value %#" PRIxPTR
                    " became %#" PRIxPTR "\n", seed, x1, x2);
            ok = false;
        }
        if (!irt_env_equal(&e1, &e2, stderr, "unopt", "opt") ||
            !irt_guest_equal(g1, g2, IRT_GUEST_SIZE, stderr, "unopt", "opt")) {
            fprintf(stderr, "seed %" PRIu64 ": state differs\n", seed);
            ok = false;
        }
    }
    if (!ok) {
        char *after = dump_ops(c, "after optimization");
        fprintf(stderr, "%s%s", before, after);
        free(after);
    }
    free(before);
    return ok;
}

static void optimize_checked(IRTCtx *c, uint64_t seed)
{
    g_assert_true(opt_preserves_meaning(c, seed));
}

/* ------------------------------------------------------------------ */
/* Shape tests                                                         */

static void test_const_chain(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
    TCGv_i64 d = tcg_temp_new_i64();
    TCGv_i32 w = tcg_temp_new_i32();

    tcg_gen_movi_i64(a, 5);
    tcg_gen_addi_i64(b, a, 3);              /* 8 */
    tcg_gen_mul_i64(d, b, b);               /* 64 */
    tcg_gen_shli_i64(d, d, 2);              /* 256 */
    tcg_gen_not_i64(d, d);                  /* ~256 */
    tcg_gen_mov_i64(c->g64[0], d);

    tcg_gen_movi_i32(w, 0x7fffffff);
    tcg_gen_addi_i32(w, w, 1);              /* 0x80000000 */
    tcg_gen_sari_i32(w, w, 4);              /* 0xf8000000 */
    tcg_gen_mov_i32(c->g32[0], w);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 1);

    g_assert_cmpint(count_ops(c, INDEX_op_add), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_mul), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_shl), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_not), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_sar), ==, 0);
    TCGOp *op = last_def(c, c->g64[0].t);
    g_assert_nonnull(op);
    g_assert_cmpint(op->opc, ==, INDEX_op_movi);
    g_assert_cmphex(op->args[1], ==, ~(uint64_t)256);
    op = last_def(c, c->g32[0].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_movi);
    g_assert_cmphex((uint32_t)op->args[1], ==, 0xf8000000u);
    /* i32 constants are stored sign-extended, like tcg_constant_i32. */
    g_assert_cmphex(op->args[1], ==, 0xfffffffff8000000ull);
}

static void test_identities(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 x = c->g64[0];
    TCGv_i64 *g = c->g64;

    tcg_gen_add_i64(g[1], x, tcg_constant_i64(0));
    tcg_gen_add_i64(g[2], tcg_constant_i64(0), x);
    tcg_gen_sub_i64(g[3], x, tcg_constant_i64(0));
    tcg_gen_muli_i64(g[4], x, 1);
    tcg_gen_andi_i64(g[5], x, -1);
    tcg_gen_ori_i64(g[6], x, 0);
    tcg_gen_xori_i64(g[7], x, 0);
    tcg_gen_shli_i64(g[8], x, 0);
    tcg_gen_sari_i64(g[9], x, 64);         /* count modulo 64 */
    tcg_gen_and_i64(g[10], x, x);
    tcg_gen_or_i64(g[11], x, x);
    tcg_gen_divu_i64(g[12], x, tcg_constant_i64(1));
    /* these become constants */
    tcg_gen_xor_i64(g[20], x, x);
    tcg_gen_sub_i64(g[21], x, x);
    tcg_gen_andi_i64(g[22], x, 0);
    tcg_gen_ori_i64(g[23], x, -1);
    tcg_gen_muli_i64(g[24], x, 0);
    tcg_gen_andc_i64(g[25], x, x);
    tcg_gen_orc_i64(g[26], x, x);
    tcg_gen_remu_i64(g[27], x, tcg_constant_i64(1));
    tcg_gen_div_i64(g[28], x, tcg_constant_i64(0));     /* x / 0 = 0 */
    tcg_gen_rem_i64(g[29], x, tcg_constant_i64(0));     /* x % 0 = x */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 2);

    for (int i = 1; i <= 12; i++) {
        TCGOp *op = last_def(c, g[i].t);
        g_assert_nonnull(op);
        g_assert_cmpint(op->opc, ==, INDEX_op_mov);
        g_assert_cmpint(op->args[1], ==, x.t);
    }
    for (int i = 20; i <= 28; i++) {
        TCGOp *op = last_def(c, g[i].t);
        g_assert_nonnull(op);
        g_assert_cmpint(op->opc, ==, INDEX_op_movi);
    }
    g_assert_cmphex(last_def(c, g[23].t)->args[1], ==, ~0ull);
    g_assert_cmphex(last_def(c, g[26].t)->args[1], ==, ~0ull);
    g_assert_cmpint(last_def(c, g[29].t)->opc, ==, INDEX_op_mov);
}

static void test_copy_propagation(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64();

    tcg_gen_mov_i64(t, c->g64[0]);
    tcg_gen_mov_i64(u, t);
    tcg_gen_add_i64(c->g64[1], u, t);       /* -> add g1, g0, g0 */
    tcg_gen_mov_i64(v, u);
    tcg_gen_mov_i64(t, v);                  /* already equal: removed */
    tcg_gen_addi_i64(c->g64[0], c->g64[0], 1); /* the source changes */
    tcg_gen_sub_i64(c->g64[2], u, t);       /* still u - t == 0 */
    tcg_gen_add_i64(c->g64[3], u, c->g64[0]); /* u must not become g0 */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 3);

    TCGOp *op = last_def(c, c->g64[1].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_add);
    g_assert_cmpint(op->args[1], ==, c->g64[0].t);
    g_assert_cmpint(op->args[2], ==, c->g64[0].t);
    op = last_def(c, c->g64[2].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_movi);
    g_assert_cmpint(op->args[1], ==, 0);
    op = last_def(c, c->g64[3].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_add);
    g_assert_cmpint(op->args[1], !=, c->g64[0].t);
    g_assert_cmpint(op->args[2], ==, c->g64[0].t);
    /* mov t, v was redundant: t's only definition is the first mov */
    op = last_def(c, t.t);
    g_assert_nonnull(op);
    g_assert_cmpint(op->args[1], ==, c->g64[0].t);
}

static void test_known_bits(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 b = tcg_temp_new_i64(), h = tcg_temp_new_i64();
    TCGv_i64 s = tcg_temp_new_i64(), q = tcg_temp_new_i64();
    TCGv_i32 w = tcg_temp_new_i32();

    tcg_gen_ld8u_i64(b, tcg_env, IRT_SCRATCH_OFS(0));
    tcg_gen_ext8u_i64(c->g64[0], b);            /* mov */
    tcg_gen_andi_i64(c->g64[1], b, 0xff);       /* mov */
    tcg_gen_ext16u_i64(c->g64[2], b);           /* mov */
    tcg_gen_ext32s_i64(c->g64[3], b);           /* mov: bit 31 is 0 */
    tcg_gen_andi_i64(c->g64[4], b, 0xf00);      /* 0 */
    tcg_gen_ld16s_i64(h, tcg_env, IRT_SCRATCH_OFS(1));
    tcg_gen_ext16s_i64(c->g64[5], h);           /* mov */
    tcg_gen_sextract_i64(c->g64[6], h, 0, 20);  /* mov */
    tcg_gen_sari_i64(s, h, 3);
    tcg_gen_ext16s_i64(c->g64[7], s);           /* mov */
    tcg_gen_ori_i64(q, c->g64[10], 1);
    tcg_gen_setcondi_i64(TCG_COND_EQ, c->g64[8], q, 0);   /* 0 */
    tcg_gen_setcondi_i64(TCG_COND_GEU, c->g64[9], b, 0x100); /* 0 */
    tcg_gen_shri_i64(q, c->g64[11], 60);
    tcg_gen_setcondi_i64(TCG_COND_LT, c->g64[12], q, 16);   /* 1 */
    tcg_gen_ld8u_i32(w, tcg_env, IRT_SCRATCH_OFS(2));
    tcg_gen_extract_i32(c->g32[0], w, 0, 8);    /* mov */
    tcg_gen_ext8s_i32(c->g32[1], w);            /* stays */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 4);

    static const int movs[] = { 0, 1, 2, 3, 5, 6, 7 };
    for (size_t i = 0; i < G_N_ELEMENTS(movs); i++) {
        TCGOp *op = last_def(c, c->g64[movs[i]].t);
        g_assert_cmpint(op->opc, ==, INDEX_op_mov);
    }
    g_assert_cmpint(last_def(c, c->g64[4].t)->opc, ==, INDEX_op_movi);
    g_assert_cmpint(last_def(c, c->g64[8].t)->opc, ==, INDEX_op_movi);
    g_assert_cmpint(last_def(c, c->g64[8].t)->args[1], ==, 0);
    g_assert_cmpint(last_def(c, c->g64[9].t)->args[1], ==, 0);
    g_assert_cmpint(last_def(c, c->g64[12].t)->opc, ==, INDEX_op_movi);
    g_assert_cmpint(last_def(c, c->g64[12].t)->args[1], ==, 1);
    g_assert_cmpint(last_def(c, c->g32[0].t)->opc, ==, INDEX_op_mov);
    g_assert_cmpint(last_def(c, c->g32[1].t)->opc, ==, INDEX_op_ext8s);
}

static void test_inverse_pairs(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();
    TCGv_i64 e = tcg_temp_new_i64();
    TCGv_i32 w = tcg_temp_new_i32();

    tcg_gen_not_i64(t, c->g64[0]);
    tcg_gen_not_i64(c->g64[1], t);              /* mov g1, g0 */
    tcg_gen_neg_i64(u, c->g64[0]);
    tcg_gen_neg_i64(c->g64[2], u);              /* mov g2, g0 */
    tcg_gen_ext_i32_i64(e, c->g32[0]);
    tcg_gen_extrl_i64_i32(c->g32[1], e);        /* mov g32_1, g32_0 */
    tcg_gen_not_i32(w, c->g32[2]);
    tcg_gen_addi_i32(c->g32[2], c->g32[2], 1);  /* source changes */
    tcg_gen_not_i32(c->g32[3], w);              /* must stay a not */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 5);

    TCGOp *op = last_def(c, c->g64[1].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_mov);
    g_assert_cmpint(op->args[1], ==, c->g64[0].t);
    op = last_def(c, c->g64[2].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_mov);
    g_assert_cmpint(op->args[1], ==, c->g64[0].t);
    op = last_def(c, c->g32[1].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_mov);
    g_assert_cmpint(op->args[1], ==, c->g32[0].t);
    g_assert_cmpint(last_def(c, c->g32[3].t)->opc, ==, INDEX_op_not);
}

static void test_branch_taken(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGLabel *l = gen_new_label();
    TCGv_i64 t = tcg_temp_new_tb_i64();

    tcg_gen_movi_i64(t, 5);
    tcg_gen_brcondi_i64(TCG_COND_EQ, t, 5, l);  /* always taken */
    tcg_gen_addi_i64(c->g64[0], c->g64[0], 1);  /* dead */
    tcg_gen_mov_i64(c->g64[1], t);              /* dead */
    tcg_gen_set_label(l);
    tcg_gen_addi_i64(c->g64[2], t, 1);          /* t is still 5 */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 6);

    g_assert_cmpint(count_ops(c, INDEX_op_brcond), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_br), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_set_label), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_add), ==, 0);
    g_assert_null(last_def(c, c->g64[0].t));
    g_assert_null(last_def(c, c->g64[1].t));
    TCGOp *op = last_def(c, c->g64[2].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_movi);
    g_assert_cmpint(op->args[1], ==, 6);
}

static void test_branch_not_taken(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGLabel *l = gen_new_label();
    TCGv_i64 t = tcg_temp_new_tb_i64();

    tcg_gen_movi_i64(t, 5);
    tcg_gen_brcondi_i64(TCG_COND_GTU, t, 7, l); /* never taken */
    tcg_gen_addi_i64(c->g64[0], t, 1);
    tcg_gen_set_label(l);                       /* no longer a target */
    tcg_gen_addi_i64(c->g64[1], t, 2);          /* t still known */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 7);

    g_assert_cmpint(count_ops(c, INDEX_op_brcond), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_set_label), ==, 0);
    g_assert_cmpint(last_def(c, c->g64[0].t)->opc, ==, INDEX_op_movi);
    g_assert_cmpint(last_def(c, c->g64[0].t)->args[1], ==, 6);
    g_assert_cmpint(last_def(c, c->g64[1].t)->args[1], ==, 7);
}

/* A label that is still a target is a join: knowledge is dropped. */
static void test_label_join(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGLabel *l = gen_new_label();
    TCGv_i64 t = tcg_temp_new_tb_i64();
    TCGv_i64 e = tcg_temp_new_i64();

    tcg_gen_movi_i64(t, 1);
    tcg_gen_mov_i64(e, c->g64[5]);
    tcg_gen_mov_i64(c->g64[6], e);
    tcg_gen_brcond_i64(TCG_COND_LT, c->g64[0], c->g64[1], l);
    tcg_gen_movi_i64(t, 2);
    tcg_gen_set_label(l);
    tcg_gen_addi_i64(c->g64[2], t, 10);
    tcg_gen_mov_i64(c->g64[3], c->g64[6]);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 8);

    g_assert_cmpint(count_ops(c, INDEX_op_brcond), ==, 1);
    g_assert_cmpint(count_ops(c, INDEX_op_set_label), ==, 1);
    TCGOp *op = last_def(c, c->g64[2].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_add);
    g_assert_cmpint(op->args[1], ==, t.t);
    op = last_def(c, c->g64[3].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_mov);
    g_assert_cmpint(op->args[1], ==, c->g64[6].t);
}

/* On the fall-through of "x != k", x is k. */
static void test_branch_fallthrough_knowledge(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGLabel *l = gen_new_label();

    tcg_gen_brcondi_i64(TCG_COND_NE, c->g64[0], 42, l);
    tcg_gen_addi_i64(c->g64[1], c->g64[0], 1);  /* 43 */
    tcg_gen_set_label(l);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 9);
    g_assert_cmpint(last_def(c, c->g64[1].t)->opc, ==, INDEX_op_movi);
    g_assert_cmpint(last_def(c, c->g64[1].t)->args[1], ==, 43);

    /* Both states of the branch, through the reference interpreter. */
    for (int v = 41; v <= 43; v++) {
        irt_begin(c);
        l = gen_new_label();
        tcg_gen_movi_i64(c->g64[0], v);
        tcg_gen_movi_i64(c->g64[2], 0);
        tcg_gen_brcond_i64(TCG_COND_NE, c->g64[0], c->g64[3], l);
        tcg_gen_addi_i64(c->g64[1], c->g64[3], 1);
        tcg_gen_set_label(l);
        tcg_gen_exit_tb(0, 0);
        optimize_checked(c, 100 + v);
    }
}

static void test_dead_code(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGLabel *l = gen_new_label(), *m = gen_new_label();

    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_brcond_i64(TCG_COND_EQ, c->g64[0], c->g64[1], l);
    tcg_gen_br(m);
    tcg_gen_insn_start(0x1004, 0);              /* kept: unwind data */
    tcg_gen_addi_i64(c->g64[2], c->g64[2], 1);  /* dead */
    tcg_gen_set_label(l);
    tcg_gen_addi_i64(c->g64[3], c->g64[3], 1);
    tcg_gen_exit_tb(0, 0);
    tcg_gen_addi_i64(c->g64[4], c->g64[4], 1);  /* dead */
    tcg_gen_set_label(m);
    tcg_gen_addi_i64(c->g64[5], c->g64[5], 1);
    tcg_gen_goto_tb(0);
    tcg_gen_addi_i64(c->g64[6], c->g64[6], 1);  /* reachable: unlinked */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 10);

    g_assert_null(last_def(c, c->g64[2].t));
    g_assert_null(last_def(c, c->g64[4].t));
    g_assert_nonnull(last_def(c, c->g64[3].t));
    g_assert_nonnull(last_def(c, c->g64[5].t));
    g_assert_nonnull(last_def(c, c->g64[6].t));
    g_assert_cmpint(count_ops(c, INDEX_op_insn_start), ==, 2);
    g_assert_cmpint(count_ops(c, INDEX_op_set_label), ==, 2);
    g_assert_cmpint(count_ops(c, INDEX_op_goto_tb), ==, 1);
}

/* "br L; [dead]; L:" disappears, and so does the label. */
static void test_br_to_next(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGLabel *l = gen_new_label();
    TCGv_i64 t = tcg_temp_new_tb_i64();

    tcg_gen_movi_i64(t, 3);
    tcg_gen_br(l);
    tcg_gen_addi_i64(c->g64[0], c->g64[0], 1);
    tcg_gen_set_label(l);
    tcg_gen_addi_i64(c->g64[1], t, 1);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 11);

    g_assert_cmpint(count_ops(c, INDEX_op_br), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_set_label), ==, 0);
    g_assert_null(last_def(c, c->g64[0].t));
    g_assert_cmpint(last_def(c, c->g64[1].t)->opc, ==, INDEX_op_movi);
}

static void test_calls(void)
{
    IRTCtx *c = ictx();
    TCGv_i64 r;
    TCGv_i32 r32;

    /* A pure helper leaves globals alone. */
    irt_begin(c);
    r32 = tcg_temp_new_i32();
    tcg_gen_movi_i64(c->g64[0], 5);
    gen_helper_irt_h1(r32, c->g32[0]);
    tcg_gen_addi_i64(c->g64[1], c->g64[0], 1);
    tcg_gen_mov_i32(c->g32[1], r32);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 12);
    g_assert_cmpint(last_def(c, c->g64[1].t)->opc, ==, INDEX_op_movi);

    /* A helper that may write globals makes us forget them. */
    irt_begin(c);
    r = tcg_temp_new_i64();
    tcg_gen_movi_i64(c->g64[0], 5);
    tcg_gen_movi_i64(r, 7);
    gen_helper_irt_env_write(tcg_env, c->g64[1]);
    tcg_gen_addi_i64(c->g64[1], c->g64[0], 1);
    tcg_gen_addi_i64(c->g64[2], r, 1);          /* temps survive */
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 13);
    g_assert_cmpint(last_def(c, c->g64[1].t)->opc, ==, INDEX_op_add);
    g_assert_cmpint(last_def(c, c->g64[2].t)->opc, ==, INDEX_op_movi);

    /* Call outputs are not constants any more. */
    irt_begin(c);
    r = tcg_temp_new_i64();
    tcg_gen_movi_i64(r, 7);
    gen_helper_irt_env_read(r, tcg_env);
    tcg_gen_addi_i64(c->g64[1], r, 1);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 14);
    g_assert_cmpint(last_def(c, c->g64[1].t)->opc, ==, INDEX_op_add);
}

static void test_double_word(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    tcg_gen_add2_i64(c->g64[0], c->g64[1], tcg_constant_i64(-1),
                     tcg_constant_i64(5), tcg_constant_i64(1),
                     tcg_constant_i64(2));
    tcg_gen_sub2_i32(c->g32[0], c->g32[1], tcg_constant_i32(0),
                     tcg_constant_i32(5), tcg_constant_i32(1),
                     tcg_constant_i32(2));
    tcg_gen_mulu2_i64(c->g64[2], c->g64[3], tcg_constant_i64(-1),
                      tcg_constant_i64(-1));
    tcg_gen_muls2_i32(c->g32[2], c->g32[3], tcg_constant_i32(-3),
                      tcg_constant_i32(7));
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 15);

    g_assert_cmpint(count_ops(c, INDEX_op_add2), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_sub2), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_mulu2), ==, 0);
    g_assert_cmpint(count_ops(c, INDEX_op_muls2), ==, 0);
    g_assert_cmphex(last_def(c, c->g64[0].t)->args[1], ==, 0);
    g_assert_cmphex(last_def(c, c->g64[1].t)->args[1], ==, 8);
    g_assert_cmphex(last_def(c, c->g64[2].t)->args[1], ==, 1);
    g_assert_cmphex(last_def(c, c->g64[3].t)->args[1], ==, ~1ull);
}

static void test_select(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 *g = c->g64;

    tcg_gen_setcond_i64(TCG_COND_LT, g[0], g[10], g[10]);      /* 0 */
    tcg_gen_setcond_i64(TCG_COND_GEU, g[1], g[10], g[10]);     /* 1 */
    tcg_gen_movcond_i64(TCG_COND_LT, g[2], g[10], g[11], g[12], g[12]);
    tcg_gen_movcond_i64(TCG_COND_EQ, g[3], tcg_constant_i64(1),
                        tcg_constant_i64(2), g[12], g[13]);    /* g13 */
    tcg_gen_setcondi_i64(TCG_COND_NEVER, g[4], g[10], 3);
    tcg_gen_setcond_i64(TCG_COND_LT, g[5], tcg_constant_i64(4), g[10]);
    tcg_gen_exit_tb(0, 0);
    optimize_checked(c, 16);

    g_assert_cmpint(last_def(c, g[0].t)->opc, ==, INDEX_op_movi);
    g_assert_cmpint(last_def(c, g[0].t)->args[1], ==, 0);
    g_assert_cmpint(last_def(c, g[1].t)->args[1], ==, 1);
    g_assert_cmpint(last_def(c, g[2].t)->opc, ==, INDEX_op_mov);
    g_assert_cmpint(last_def(c, g[2].t)->args[1], ==, g[12].t);
    g_assert_cmpint(last_def(c, g[3].t)->opc, ==, INDEX_op_mov);
    g_assert_cmpint(last_def(c, g[3].t)->args[1], ==, g[13].t);
    g_assert_cmpint(last_def(c, g[4].t)->opc, ==, INDEX_op_movi);
    /* the constant moved to the second operand, the condition swapped */
    TCGOp *op = last_def(c, g[5].t);
    g_assert_cmpint(op->opc, ==, INDEX_op_setcond);
    g_assert_cmpint(op->args[1], ==, g[10].t);
    g_assert_cmpint(op->args[3], ==, TCG_COND_GT);
}

static void patch_ranges(IRTEnv *env)
{
    env->g64[0] = 0xff;
    env->g64[1] = 0;
    env->g64[2] = 0;
}

/* Compares decided (or not) from the ranges known bits give. */
static void test_compare_ranges(void)
{
    IRTCtx *c = ictx();
    irt_begin(c);
    TCGv_i64 a = tcg_temp_new_i64(), b = tcg_temp_new_i64();
    TCGv_i64 d = tcg_temp_new_i64(), n = tcg_temp_new_i64();

    tcg_gen_ext8u_i64(a, c->g64[0]);                /* [0, 0xff] */
    tcg_gen_ori_i64(b, c->g64[1], 0xff);            /* >= 0xff */
    tcg_gen_ori_i64(d, c->g64[2], 0x100);           /* >= 0x100 */
    tcg_gen_ori_i64(n, c->g64[1], INT64_MIN);       /* negative */
    tcg_gen_setcond_i64(TCG_COND_LTU, c->g64[10], a, b);  /* unknown */
    tcg_gen_setcond_i64(TCG_COND_LEU, c->g64[11], a, b);  /* 1 */
    tcg_gen_setcond_i64(TCG_COND_LTU, c->g64[12], a, d);  /* 1 */
    tcg_gen_setcond_i64(TCG_COND_GEU, c->g64[13], a, d);  /* 0 */
    tcg_gen_setcond_i64(TCG_COND_GT, c->g64[14], a, n);   /* unknown */
    tcg_gen_setcond_i64(TCG_COND_LT, c->g64[15], a, d);   /* unknown */
    tcg_gen_setcond_i64(TCG_COND_LTU, c->g64[16], a, n);  /* 1 */
    tcg_gen_setcond_i64(TCG_COND_NE, c->g64[17], a, d);   /* 1 */
    tcg_gen_exit_tb(0, 0);
    env_patch = patch_ranges;
    optimize_checked(c, 17);
    env_patch = NULL;

    static const int known[] = { 11, 12, 13, 16, 17 };
    static const int unknown[] = { 10, 14, 15 };
    for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
        g_assert_cmpint(last_def(c, c->g64[known[i]].t)->opc, ==,
                        INDEX_op_movi);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(unknown); i++) {
        g_assert_cmpint(last_def(c, c->g64[unknown[i]].t)->opc, ==,
                        INDEX_op_setcond);
    }
}

/* ------------------------------------------------------------------ */
/* Constant folding of every op against the reference interpreter      */

static const uint64_t special[] = {
    0, 1, 2, 3, 5, 7, 8, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100,
    0x7fff, 0x8000, 0xffff, 0x12345678, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0xffffffff80000000ull,
    0x0123456789abcdefull, 0xfedcba9876543210ull, 0x00000000ffff0000ull,
};
#define NSPECIAL G_N_ELEMENTS(special)

typedef enum { F_BIN, F_UN, F_W2N, F_N2W } FoldKind;

static const struct {
    TCGOpcode opc;
    FoldKind kind;
    bool i64_only;
} fold_ops[] = {
    { INDEX_op_add, F_BIN, false }, { INDEX_op_sub, F_BIN, false }, { INDEX_op_mul, F_BIN, false },
    { INDEX_op_div, F_BIN, false }, { INDEX_op_divu, F_BIN, false },
    { INDEX_op_rem, F_BIN, false }, { INDEX_op_remu, F_BIN, false },
    { INDEX_op_and, F_BIN, false }, { INDEX_op_or, F_BIN, false }, { INDEX_op_xor, F_BIN, false },
    { INDEX_op_andc, F_BIN, false }, { INDEX_op_orc, F_BIN, false },
    { INDEX_op_shl, F_BIN, false }, { INDEX_op_shr, F_BIN, false }, { INDEX_op_sar, F_BIN, false },
    { INDEX_op_rotl, F_BIN, false }, { INDEX_op_rotr, F_BIN, false },
    { INDEX_op_clz, F_BIN, false }, { INDEX_op_ctz, F_BIN, false },
    { INDEX_op_neg, F_UN, false }, { INDEX_op_not, F_UN, false },
    { INDEX_op_ext8s, F_UN, false }, { INDEX_op_ext8u, F_UN, false },
    { INDEX_op_ext16s, F_UN, false }, { INDEX_op_ext16u, F_UN, false },
    { INDEX_op_ext32s, F_UN, true }, { INDEX_op_ext32u, F_UN, true },
    { INDEX_op_bswap16, F_UN, false }, { INDEX_op_bswap32, F_UN, false },
    { INDEX_op_bswap64, F_UN, true }, { INDEX_op_ctpop, F_UN, false },
    { INDEX_op_ext_i32_i64, F_N2W, false }, { INDEX_op_extu_i32_i64, F_N2W, false },
    { INDEX_op_extrl_i64_i32, F_W2N, false }, { INDEX_op_extrh_i64_i32, F_W2N, false },
};

/*
 * For one op and width, fold it over many constant pairs; each result is
 * stored in a global.  The inputs come from movi into temps (so the
 * optimizer has to track them) or directly from constant temps.
 */
static void fold_one(IRTCtx *c, TCGOpcode opc, FoldKind kind, TCGType t,
                     size_t first)
{
    bool w64 = t == TCG_TYPE_I64;
    int n = 0;

    irt_begin(c);
    for (size_t i = first; i < NSPECIAL && n < 80; i++) {
        for (size_t j = 0; j < (kind == F_BIN ? NSPECIAL : 1) && n < 80;
             j += 3, n++) {
            uint64_t x = special[i], y = special[(j + i) % NSPECIAL];
            TCGTemp *out, *in1, *in2;
            TCGType tin = kind == F_N2W ? TCG_TYPE_I32
                        : kind == F_W2N ? TCG_TYPE_I64 : t;
            TCGType tout = kind == F_N2W ? TCG_TYPE_I64
                         : kind == F_W2N ? TCG_TYPE_I32 : t;

            if (n & 1) {
                in1 = tcg_temp_new_internal(tin, TEMP_EBB);
                tcg_gen_op2(INDEX_op_movi, tin, temp_arg(in1),
                            tin == TCG_TYPE_I32 ? (TCGArg)(int64_t)(int32_t)x
                                                : x);
            } else {
                in1 = tcg_constant_internal(tin, (int64_t)x);
            }
            in2 = tcg_constant_internal(tin, (int64_t)y);
            out = tout == TCG_TYPE_I64 ? tcgv_i64_temp(c->g64[n])
                                       : tcgv_i32_temp(c->g32[n]);
            if (kind == F_BIN) {
                tcg_gen_op3(opc, t, temp_arg(out), temp_arg(in1),
                            temp_arg(in2));
            } else {
                tcg_gen_op2(opc, tout, temp_arg(out), temp_arg(in1));
            }
        }
    }
    (void)w64;
    tcg_gen_exit_tb(0, 0);
    if (!opt_preserves_meaning(c, opc * 1000 + first)) {
        g_error("folding %s (%s) disagrees with the reference",
                tcg_op_defs[opc].name, t == TCG_TYPE_I32 ? "i32" : "i64");
    }
    if (count_ops(c, opc) != 0) {
        char *d = dump_ops(c, "not folded");
        fprintf(stderr, "%s", d);
        free(d);
        g_error("%s was not folded", tcg_op_defs[opc].name);
    }
}

static void test_fold_all(void)
{
    IRTCtx *c = ictx();
    for (size_t k = 0; k < G_N_ELEMENTS(fold_ops); k++) {
        for (int w = 0; w < 2; w++) {
            TCGType t = w ? TCG_TYPE_I64 : TCG_TYPE_I32;
            FoldKind kind = fold_ops[k].kind;
            if ((fold_ops[k].i64_only || kind == F_N2W) && !w) {
                continue;
            }
            if (kind == F_W2N && w) {
                continue;
            }
            if (kind == F_W2N) {
                t = TCG_TYPE_I32;
            }
            for (size_t first = 0; first < NSPECIAL; first += 3) {
                fold_one(c, fold_ops[k].opc, kind, t, first);
            }
        }
    }
}

/* Bit-field ops, conditions, double-word ops over constants. */
static void test_fold_fields_and_conds(void)
{
    IRTCtx *c = ictx();
    uint64_t st = 99;

    for (int round = 0; round < 200; round++) {
        irt_begin(c);
        for (int n = 0; n < 60; n++) {
            bool w64 = irt_rand(&st) & 1;
            TCGType t = w64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
            unsigned w = w64 ? 64 : 32;
            uint64_t x = special[irt_rand_below(&st, NSPECIAL)];
            uint64_t y = irt_rand_below(&st, 4) ? special[irt_rand_below(&st, NSPECIAL)]
                                               : irt_rand(&st);
            TCGTemp *a = tcg_constant_internal(t, (int64_t)x);
            TCGTemp *b = tcg_constant_internal(t, (int64_t)y);
            TCGTemp *o = w64 ? tcgv_i64_temp(c->g64[n]) : tcgv_i32_temp(c->g32[n]);
            TCGTemp *o2 = w64 ? tcgv_i64_temp(c->g64[n + 30])
                              : tcgv_i32_temp(c->g32[n + 30]);
            unsigned len = 1 + irt_rand_below(&st, w);
            unsigned pos = irt_rand_below(&st, w - len + 1);
            TCGCond cond = (TCGCond)(irt_rand_below(&st, 14));

            if (cond == 6 || cond == 7) {
                cond = TCG_COND_EQ;
            }
            switch (irt_rand_below(&st, 9)) {
            case 0:
                tcg_gen_op5(INDEX_op_deposit, t, temp_arg(o), temp_arg(a),
                            temp_arg(b), pos, len);
                break;
            case 1:
                tcg_gen_op4(INDEX_op_extract, t, temp_arg(o), temp_arg(a),
                            pos, len);
                break;
            case 2:
                tcg_gen_op4(INDEX_op_sextract, t, temp_arg(o), temp_arg(a),
                            pos, len);
                break;
            case 3:
                tcg_gen_op4(INDEX_op_extract2, t, temp_arg(o), temp_arg(a),
                            temp_arg(b), pos % w);
                break;
            case 4:
                tcg_gen_op4(INDEX_op_setcond, t, temp_arg(o), temp_arg(a),
                            temp_arg(b), cond);
                break;
            case 5:
                tcg_gen_op6(INDEX_op_movcond, t, temp_arg(o), temp_arg(a),
                            temp_arg(b), temp_arg(b), temp_arg(a), cond);
                break;
            case 6:
                tcg_gen_op6(irt_rand(&st) & 1 ? INDEX_op_add2 : INDEX_op_sub2,
                            t, temp_arg(o), temp_arg(o2), temp_arg(a),
                            temp_arg(b), temp_arg(b), temp_arg(a));
                break;
            default:
                tcg_gen_op4(irt_rand(&st) & 1 ? INDEX_op_mulu2 : INDEX_op_muls2,
                            t, temp_arg(o), temp_arg(o2), temp_arg(a),
                            temp_arg(b));
                break;
            }
        }
        tcg_gen_exit_tb(0, 0);
        optimize_checked(c, 5000 + round);
        g_assert_cmpint(count_all_ops(c), ==,
                        count_ops(c, INDEX_op_movi) +
                        count_ops(c, INDEX_op_mov) + 1);
    }
}

/* ------------------------------------------------------------------ */
/* Random programs                                                     */

#define RG_NG   6       /* globals used as operands */
#define RG_NTB  6
#define RG_NEBB 4
#define RG_OUT  40      /* TB temps are copied to globals from here */

typedef struct RGen {
    uint64_t st;
    bool no_host_mem;               /* leave out host ld/st via env */
    IRTCtx *c;
    TCGv_i64 tb64[RG_NTB], ebb64[RG_NEBB];
    TCGv_i32 tb32[RG_NTB], ebb32[RG_NEBB];
    unsigned def64, def32;          /* EBB temps defined since the label */
    TCGLabel *pending[8];           /* created, not yet set */
    int npending;
    unsigned last_len;              /* makes field widths collide */
} RGen;

static uint64_t low_bits_mask(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static unsigned rr(RGen *g, unsigned n)
{
    return irt_rand_below(&g->st, n);
}

static int64_t rconst(RGen *g)
{
    switch (rr(g, 5)) {
    case 0:
        return (int64_t)irt_rand(&g->st);
    case 1:
        return (int64_t)(irt_rand(&g->st) & low_bits_mask(rr(g, 64)));
    default:
        return (int64_t)special[rr(g, NSPECIAL)];
    }
}

static TCGv_i64 in64(RGen *g)
{
    switch (rr(g, 9)) {
    case 0:
    case 1:
        return g->c->g64[rr(g, RG_NG)];
    case 2:
    case 3:
    case 4:
        return g->tb64[rr(g, RG_NTB)];
    case 5:
        if (g->def64) {
            int i;
            do {
                i = (int)rr(g, RG_NEBB);
            } while (!(g->def64 & (1u << i)));
            return g->ebb64[i];
        }
        /* fall through */
    default:
        return tcg_constant_i64(rconst(g));
    }
}

static TCGv_i32 in32(RGen *g)
{
    switch (rr(g, 9)) {
    case 0:
    case 1:
        return g->c->g32[rr(g, RG_NG)];
    case 2:
    case 3:
    case 4:
        return g->tb32[rr(g, RG_NTB)];
    case 5:
        if (g->def32) {
            int i;
            do {
                i = (int)rr(g, RG_NEBB);
            } while (!(g->def32 & (1u << i)));
            return g->ebb32[i];
        }
        /* fall through */
    default:
        return tcg_constant_i32((int32_t)rconst(g));
    }
}

static TCGv_i64 out64(RGen *g)
{
    switch (rr(g, 5)) {
    case 0:
        return g->c->g64[rr(g, RG_NG)];
    case 1: {
        int i = (int)rr(g, RG_NEBB);
        g->def64 |= 1u << i;
        return g->ebb64[i];
    }
    default:
        return g->tb64[rr(g, RG_NTB)];
    }
}

static TCGv_i32 out32(RGen *g)
{
    switch (rr(g, 5)) {
    case 0:
        return g->c->g32[rr(g, RG_NG)];
    case 1: {
        int i = (int)rr(g, RG_NEBB);
        g->def32 |= 1u << i;
        return g->ebb32[i];
    }
    default:
        return g->tb32[rr(g, RG_NTB)];
    }
}

static TCGCond rcond(RGen *g)
{
    static const TCGCond conds[] = {
        TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
        TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
        TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
        TCG_COND_EQ, TCG_COND_NE, TCG_COND_EQ, TCG_COND_NE,
    };
    return conds[rr(g, G_N_ELEMENTS(conds))];
}

static TCGLabel *pending_label(RGen *g)
{
    if (g->npending == 0 || (g->npending < 8 && rr(g, 3) == 0)) {
        g->pending[g->npending++] = gen_new_label();
    }
    return g->pending[rr(g, g->npending)];
}

static void set_some_label(RGen *g)
{
    if (g->npending == 0) {
        return;
    }
    int i = (int)rr(g, g->npending);
    tcg_gen_set_label(g->pending[i]);
    g->pending[i] = g->pending[--g->npending];
    g->def64 = g->def32 = 0;
}

typedef void (*Bin64)(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void (*Bin32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*Un64)(TCGv_i64, TCGv_i64);
typedef void (*Un32)(TCGv_i32, TCGv_i32);

static const Bin64 bin64[] = {
    tcg_gen_add_i64, tcg_gen_sub_i64, tcg_gen_mul_i64, tcg_gen_div_i64,
    tcg_gen_divu_i64, tcg_gen_rem_i64, tcg_gen_remu_i64, tcg_gen_and_i64,
    tcg_gen_or_i64, tcg_gen_xor_i64, tcg_gen_andc_i64, tcg_gen_orc_i64,
    tcg_gen_shl_i64, tcg_gen_shr_i64, tcg_gen_sar_i64, tcg_gen_rotl_i64,
    tcg_gen_rotr_i64, tcg_gen_clz_i64, tcg_gen_ctz_i64,
    tcg_gen_add_i64, tcg_gen_and_i64, tcg_gen_or_i64, tcg_gen_xor_i64,
};
static const Bin32 bin32[] = {
    tcg_gen_add_i32, tcg_gen_sub_i32, tcg_gen_mul_i32, tcg_gen_div_i32,
    tcg_gen_divu_i32, tcg_gen_rem_i32, tcg_gen_remu_i32, tcg_gen_and_i32,
    tcg_gen_or_i32, tcg_gen_xor_i32, tcg_gen_andc_i32, tcg_gen_orc_i32,
    tcg_gen_shl_i32, tcg_gen_shr_i32, tcg_gen_sar_i32, tcg_gen_rotl_i32,
    tcg_gen_rotr_i32, tcg_gen_clz_i32, tcg_gen_ctz_i32,
    tcg_gen_add_i32, tcg_gen_and_i32, tcg_gen_or_i32, tcg_gen_xor_i32,
};
static const Un64 un64[] = {
    tcg_gen_neg_i64, tcg_gen_not_i64, tcg_gen_ext8s_i64, tcg_gen_ext8u_i64,
    tcg_gen_ext16s_i64, tcg_gen_ext16u_i64, tcg_gen_ext32s_i64,
    tcg_gen_ext32u_i64, tcg_gen_bswap16_i64, tcg_gen_bswap32_i64,
    tcg_gen_bswap64_i64, tcg_gen_ctpop_i64, tcg_gen_mov_i64,
};
static const Un32 un32[] = {
    tcg_gen_neg_i32, tcg_gen_not_i32, tcg_gen_ext8s_i32, tcg_gen_ext8u_i32,
    tcg_gen_ext16s_i32, tcg_gen_ext16u_i32, tcg_gen_bswap16_i32,
    tcg_gen_bswap32_i32, tcg_gen_ctpop_i32, tcg_gen_mov_i32,
};

/*
 * A chain that shapes the known bits of a value (shifts, masks, sign and
 * zero extensions, loads of narrow fields) and then feeds it to an op
 * that known bits may simplify (extensions, masks, compares).
 */
/* Field widths and shift counts near the interesting boundaries. */
static unsigned rlen(RGen *g, unsigned w)
{
    static const unsigned lens[] = { 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63 };
    unsigned l;

    if (g->last_len && rr(g, 2)) {
        l = g->last_len + rr(g, 3);
        l = l > 1 ? l - 1 : 1;
    } else {
        l = rr(g, 3) ? lens[rr(g, G_N_ELEMENTS(lens))] : 1 + rr(g, w);
    }
    l = l > w ? w : l;
    g->last_len = l;
    return l;
}

static unsigned rshift(RGen *g, unsigned w)
{
    static const unsigned sh[] = { 0, 1, 2, 3, 7, 8, 15, 16, 24, 31, 32, 48 };
    return rr(g, 3) ? sh[rr(g, G_N_ELEMENTS(sh))] % w : rr(g, w);
}

static const TCGOpcode ext_ops[] = {
    INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
    INDEX_op_ext32s, INDEX_op_ext32u,
};

/*
 * A chain that shapes the known bits of a value (shifts, masks, sign and
 * zero extensions, narrow fields, sums) and then feeds it to an op that
 * known bits may simplify (extensions, masks, compares, selects).
 */
static void gen_bits_chain(RGen *g, bool w64)
{
    TCGType t = w64 ? TCG_TYPE_I64 : TCG_TYPE_I32;
    unsigned w = w64 ? 64 : 32;
    TCGArg v = w64 ? (TCGArg)in64(g).t : (TCGArg)in32(g).t;
    int steps = 1 + (int)rr(g, 4);

#define K(x) temp_arg(tcg_constant_internal(t, (int64_t)(x)))
    for (int i = 0; i < steps; i++) {
        TCGArg o = temp_arg(tcg_temp_new_internal(t, TEMP_EBB));
        TCGArg o2 = temp_arg(tcg_temp_new_internal(t, TEMP_EBB));
        unsigned len = rlen(g, w), pos = rr(g, 2) ? 0 : rr(g, w - len + 1);
        TCGArg other = rr(g, 2) ? K(rconst(g)) : v;

        if (rr(g, 3) == 0) {
            /* a second value of known shape */
            tcg_gen_op4(rr(g, 2) ? INDEX_op_sextract : INDEX_op_extract, t,
                        o2, w64 ? (TCGArg)in64(g).t : (TCGArg)in32(g).t,
                        0, rlen(g, w));
            other = o2;
        }
        switch (rr(g, 17)) {
        case 15:
            /* through the other width and back */
            if (w64) {
                TCGv_i32 n = tcg_temp_new_i32();
                tcg_gen_op2(rr(g, 2) ? INDEX_op_extrl_i64_i32
                                     : INDEX_op_extrh_i64_i32,
                            TCG_TYPE_I32, temp_arg(tcgv_i32_temp(n)), v);
                tcg_gen_op2(rr(g, 2) ? INDEX_op_ext_i32_i64
                                     : INDEX_op_extu_i32_i64,
                            TCG_TYPE_I64, o, temp_arg(tcgv_i32_temp(n)));
            } else {
                TCGv_i64 n = tcg_temp_new_i64();
                tcg_gen_op2(rr(g, 2) ? INDEX_op_ext_i32_i64
                                     : INDEX_op_extu_i32_i64,
                            TCG_TYPE_I64, temp_arg(tcgv_i64_temp(n)), v);
                tcg_gen_op2(rr(g, 3) ? INDEX_op_extrl_i64_i32
                                     : INDEX_op_extrh_i64_i32,
                            TCG_TYPE_I32, o, temp_arg(tcgv_i64_temp(n)));
            }
            break;
        case 0: tcg_gen_op3(INDEX_op_sar, t, o, v, K(rshift(g, w))); break;
        case 1: tcg_gen_op3(INDEX_op_shr, t, o, v, K(rshift(g, w))); break;
        case 2: tcg_gen_op3(INDEX_op_shl, t, o, v, K(rshift(g, w))); break;
        case 3: tcg_gen_op3(INDEX_op_and, t, o, v, other); break;
        case 4: tcg_gen_op3(INDEX_op_or, t, o, v, other); break;
        case 5: tcg_gen_op2(ext_ops[rr(g, w64 ? 6 : 4)], t, o, v); break;
        case 6: tcg_gen_op4(INDEX_op_sextract, t, o, v, pos, len); break;
        case 7: tcg_gen_op4(INDEX_op_extract, t, o, v, pos, len); break;
        case 8: tcg_gen_op3(INDEX_op_xor, t, o, v, other); break;
        case 9: tcg_gen_op3(INDEX_op_add, t, o, v, other); break;
        case 10: tcg_gen_op3(INDEX_op_sub, t, o, v, other); break;
        case 11: tcg_gen_op3(INDEX_op_mul, t, o, v, other); break;
        case 12: tcg_gen_op2(rr(g, 2) ? INDEX_op_not : INDEX_op_neg, t, o, v);
            break;
        case 13: tcg_gen_op3(rr(g, 2) ? INDEX_op_andc : INDEX_op_orc, t, o, v,
                             other);
            break;
        case 14: tcg_gen_op3(rr(g, 2) ? INDEX_op_sar : INDEX_op_shr, t, o, v,
                             other);
            break;
        default:
            tcg_gen_op6(INDEX_op_movcond, t, o, v, other, v, other, rcond(g));
            break;
        }
        v = o;
    }
    TCGArg out = w64 ? (TCGArg)out64(g).t : (TCGArg)out32(g).t;
    unsigned len = rlen(g, w);
    switch (rr(g, 8)) {
    case 0: case 1:
        tcg_gen_op2(ext_ops[rr(g, w64 ? 6 : 4)], t, out, v);
        break;
    case 2: tcg_gen_op4(INDEX_op_sextract, t, out, v, 0, len); break;
    case 3: tcg_gen_op4(INDEX_op_extract, t, out, v, 0, len); break;
    case 4: tcg_gen_op3(INDEX_op_and, t, out, v, K(low_bits_mask(len))); break;
    case 5:
        tcg_gen_op4(INDEX_op_setcond, t, out, v,
                    K(rr(g, 2) ? (uint64_t)rconst(g) : low_bits_mask(len)), rcond(g));
        break;
    case 6:
        if (w64) {
            TCGv_i32 n = tcg_temp_new_i32();
            tcg_gen_extrl_i64_i32(n, temp_tcgv_i64(arg_temp(v)));
            tcg_gen_ext_i32_i64(temp_tcgv_i64(arg_temp(out)), n);
        } else {
            TCGv_i64 n = tcg_temp_new_i64();
            tcg_gen_ext_i32_i64(n, temp_tcgv_i32(arg_temp(v)));
            tcg_gen_extrh_i64_i32(temp_tcgv_i32(arg_temp(out)), n);
        }
        break;
    default:
        tcg_gen_op6(INDEX_op_movcond, t, out, v, K(rconst(g)), v,
                    K(rconst(g)), rcond(g));
        break;
    }
#undef K
}

/* One random op (or a small group of ops). */
static void gen_random_op(RGen *g, bool allow_flow)
{
    bool w64 = rr(g, 2);
    unsigned w = w64 ? 64 : 32;
    unsigned len = 1 + rr(g, w);
    unsigned pos = rr(g, w - len + 1);

    switch (rr(g, allow_flow ? 24 : 19)) {
    case 0: case 1: case 2: case 3: case 4:
        if (w64) {
            TCGv_i64 a = in64(g), b = in64(g);
            bin64[rr(g, G_N_ELEMENTS(bin64))](out64(g), a, b);
        } else {
            TCGv_i32 a = in32(g), b = in32(g);
            bin32[rr(g, G_N_ELEMENTS(bin32))](out32(g), a, b);
        }
        break;
    case 5: case 6:
        if (w64) {
            TCGv_i64 a = in64(g);
            un64[rr(g, G_N_ELEMENTS(un64))](out64(g), a);
        } else {
            TCGv_i32 a = in32(g);
            un32[rr(g, G_N_ELEMENTS(un32))](out32(g), a);
        }
        break;
    case 7:
        if (w64) {
            tcg_gen_movi_i64(out64(g), rconst(g));
        } else {
            tcg_gen_movi_i32(out32(g), (int32_t)rconst(g));
        }
        break;
    case 8:
        if (w64) {
            TCGv_i64 a = in64(g), b = in64(g);
            switch (rr(g, 4)) {
            case 0: tcg_gen_deposit_i64(out64(g), a, b, pos, len); break;
            case 1: tcg_gen_extract_i64(out64(g), a, pos, len); break;
            case 2: tcg_gen_sextract_i64(out64(g), a, pos, len); break;
            default: tcg_gen_extract2_i64(out64(g), a, b, pos % w); break;
            }
        } else {
            TCGv_i32 a = in32(g), b = in32(g);
            switch (rr(g, 4)) {
            case 0: tcg_gen_deposit_i32(out32(g), a, b, pos, len); break;
            case 1: tcg_gen_extract_i32(out32(g), a, pos, len); break;
            case 2: tcg_gen_sextract_i32(out32(g), a, pos, len); break;
            default: tcg_gen_extract2_i32(out32(g), a, b, pos % w); break;
            }
        }
        break;
    case 9:
        if (w64) {
            TCGv_i64 a = in64(g), b = in64(g), v1 = in64(g), v2 = in64(g);
            if (rr(g, 2)) {
                tcg_gen_setcond_i64(rcond(g), out64(g), a, b);
            } else {
                tcg_gen_movcond_i64(rcond(g), out64(g), a, b, v1, v2);
            }
        } else {
            TCGv_i32 a = in32(g), b = in32(g), v1 = in32(g), v2 = in32(g);
            if (rr(g, 2)) {
                tcg_gen_setcond_i32(rcond(g), out32(g), a, b);
            } else {
                tcg_gen_movcond_i32(rcond(g), out32(g), a, b, v1, v2);
            }
        }
        break;
    case 10: {
        /* double-word ops: two distinct outputs */
        int k = (int)rr(g, 4);
        if (w64) {
            TCGv_i64 a = in64(g), b = in64(g), d = in64(g), e = in64(g);
            TCGv_i64 lo = g->tb64[rr(g, 3)], hi = g->tb64[3 + rr(g, 3)];
            if (k == 0) tcg_gen_add2_i64(lo, hi, a, b, d, e);
            else if (k == 1) tcg_gen_sub2_i64(lo, hi, a, b, d, e);
            else if (k == 2) tcg_gen_mulu2_i64(lo, hi, a, b);
            else tcg_gen_muls2_i64(lo, hi, a, b);
        } else {
            TCGv_i32 a = in32(g), b = in32(g), d = in32(g), e = in32(g);
            TCGv_i32 lo = g->tb32[rr(g, 3)], hi = g->c->g32[rr(g, RG_NG)];
            if (k == 0) tcg_gen_add2_i32(lo, hi, a, b, d, e);
            else if (k == 1) tcg_gen_sub2_i32(lo, hi, a, b, d, e);
            else if (k == 2) tcg_gen_mulu2_i32(lo, hi, a, b);
            else tcg_gen_muls2_i32(lo, hi, a, b);
        }
        break;
    }
    case 11:
        switch (rr(g, 4)) {
        case 0: { TCGv_i32 a = in32(g); tcg_gen_ext_i32_i64(out64(g), a); break; }
        case 1: { TCGv_i32 a = in32(g); tcg_gen_extu_i32_i64(out64(g), a); break; }
        case 2: { TCGv_i64 a = in64(g); tcg_gen_extrl_i64_i32(out32(g), a); break; }
        default: { TCGv_i64 a = in64(g); tcg_gen_extrh_i64_i32(out32(g), a); break; }
        }
        break;
    case 12: {
        /* host memory: the scratch area (never a global) */
        if (g->no_host_mem) {
            break;
        }
        intptr_t ofs = IRT_SCRATCH_OFS(rr(g, IRT_NSCRATCH)) + rr(g, 4);
        if (w64) {
            switch (rr(g, 8)) {
            case 0: tcg_gen_ld8u_i64(out64(g), tcg_env, ofs); break;
            case 1: tcg_gen_ld8s_i64(out64(g), tcg_env, ofs); break;
            case 2: tcg_gen_ld16u_i64(out64(g), tcg_env, ofs); break;
            case 3: tcg_gen_ld16s_i64(out64(g), tcg_env, ofs); break;
            case 4: tcg_gen_ld32u_i64(out64(g), tcg_env, ofs); break;
            case 5: tcg_gen_ld32s_i64(out64(g), tcg_env, ofs); break;
            case 6: tcg_gen_st8_i64(in64(g), tcg_env, ofs); break;
            default: tcg_gen_st32_i64(in64(g), tcg_env, ofs); break;
            }
        } else {
            switch (rr(g, 6)) {
            case 0: tcg_gen_ld8u_i32(out32(g), tcg_env, ofs); break;
            case 1: tcg_gen_ld8s_i32(out32(g), tcg_env, ofs); break;
            case 2: tcg_gen_ld16u_i32(out32(g), tcg_env, ofs); break;
            case 3: tcg_gen_ld16s_i32(out32(g), tcg_env, ofs); break;
            case 4: tcg_gen_st16_i32(in32(g), tcg_env, ofs); break;
            default: tcg_gen_st_i32(in32(g), tcg_env, ofs); break;
            }
        }
        break;
    }
    case 13: {
        /* guest memory at a known-in-range address */
        TCGv_i64 addr = tcg_temp_new_i64();
        MemOp mop = (MemOp)(rr(g, w64 ? 4 : 3) | (rr(g, 2) ? MO_SIGN : 0) |
                            (rr(g, 4) == 0 ? MO_BE : 0));
        tcg_gen_andi_i64(addr, in64(g), IRT_GUEST_SIZE - 16);
        if (rr(g, 3)) {
            if (w64) {
                tcg_gen_qemu_ld_i64(out64(g), addr, 0, mop);
            } else {
                tcg_gen_qemu_ld_i32(out32(g), addr, 0, mop);
            }
        } else {
            if (w64) {
                tcg_gen_qemu_st_i64(in64(g), addr, 0, mop);
            } else {
                tcg_gen_qemu_st_i32(in32(g), addr, 0, mop);
            }
        }
        tcg_temp_free_i64(addr);
        break;
    }
    case 14:
        gen_bits_chain(g, w64);
        break;
    case 15: {
        /* calls: pure, global-reading and global-writing helpers */
        switch (rr(g, 4)) {
        case 0: {
            TCGv_i32 a = in32(g);
            TCGv_i64 b = in64(g);
            gen_helper_irt_h2(out64(g), a, b);
            break;
        }
        case 1:
            gen_helper_irt_env_read(out64(g), tcg_env);
            break;
        case 2:
            gen_helper_irt_env_write(tcg_env, in64(g));
            break;
        default: {
            TCGv_i64 a = in64(g);
            gen_helper_irt_env_rw(out64(g), tcg_env, a, in32(g));
            break;
        }
        }
        break;
    }
    case 16: case 17: case 18:
        if (w64) {
            TCGv_i64 a = in64(g);
            tcg_gen_mov_i64(out64(g), a);
        } else {
            TCGv_i32 a = in32(g);
            tcg_gen_mov_i32(out32(g), a);
        }
        break;
    /* control flow */
    case 19: case 20:
        if (w64) {
            TCGv_i64 a = in64(g), b = in64(g);
            tcg_gen_brcond_i64(rcond(g), a, b, pending_label(g));
        } else {
            TCGv_i32 a = in32(g), b = in32(g);
            tcg_gen_brcond_i32(rcond(g), a, b, pending_label(g));
        }
        break;
    case 21:
        set_some_label(g);
        break;
    case 22:
        if (rr(g, 2)) {
            tcg_gen_br(pending_label(g));
        } else {
            tcg_gen_exit_tb(0, 0);
        }
        break;
    default:
        if (rr(g, 2)) {
            tcg_gen_insn_start(rr(g, 1000) * 4, 0);
        } else {
            tcg_gen_discard_i64(g->ebb64[rr(g, RG_NEBB)]);
            g->def64 = 0;
        }
        break;
    }
}

/* A small counted loop; its body has no labels or branches. */
static void gen_loop(RGen *g)
{
    TCGv_i64 n = tcg_temp_new_tb_i64();
    TCGLabel *top = gen_new_label();
    int body = 1 + (int)rr(g, 6);

    tcg_gen_movi_i64(n, 1 + rr(g, 4));
    tcg_gen_set_label(top);
    g->def64 = g->def32 = 0;
    for (int i = 0; i < body; i++) {
        gen_random_op(g, false);
    }
    tcg_gen_subi_i64(n, n, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, n, 0, top);
}

static bool rg_no_host_mem;

static void gen_program(IRTCtx *c, uint64_t seed)
{
    RGen g = { .st = seed * 0x9e3779b97f4a7c15ull + 12345, .c = c,
               .no_host_mem = rg_no_host_mem };
    int nops = 5 + (int)rr(&g, 60);

    for (int i = 0; i < RG_NTB; i++) {
        g.tb64[i] = tcg_temp_new_tb_i64();
        g.tb32[i] = tcg_temp_new_tb_i32();
        if (rr(&g, 2)) {
            tcg_gen_movi_i64(g.tb64[i], rconst(&g));
        } else {
            tcg_gen_mov_i64(g.tb64[i], c->g64[RG_NG + i]);
        }
        if (rr(&g, 2)) {
            tcg_gen_movi_i32(g.tb32[i], (int32_t)rconst(&g));
        } else {
            tcg_gen_mov_i32(g.tb32[i], c->g32[RG_NG + i]);
        }
    }
    for (int i = 0; i < RG_NEBB; i++) {
        g.ebb64[i] = tcg_temp_new_i64();
        g.ebb32[i] = tcg_temp_new_i32();
    }
    for (int i = 0; i < nops; i++) {
        if (rr(&g, 40) == 0) {
            gen_loop(&g);
        } else {
            gen_random_op(&g, true);
        }
    }
    while (g.npending) {
        set_some_label(&g);
    }
    for (int i = 0; i < RG_NTB; i++) {
        tcg_gen_mov_i64(c->g64[RG_OUT + i], g.tb64[i]);
        tcg_gen_mov_i32(c->g32[RG_OUT + i], g.tb32[i]);
    }
    tcg_gen_exit_tb(0, 0);
}

static void test_random_eval(void)
{
    IRTCtx *c = ictx();
    int n = g_test_slow() ? 20000 : 3000;
    int fails = 0;

    for (int seed = 1; seed <= n; seed++) {
        irt_begin(c);
        gen_program(c, (uint64_t)seed);
        if (!opt_preserves_meaning(c, (uint64_t)seed) && ++fails >= 3) {
            break;
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

/* Programs made mostly of known-bits chains. */
static void test_random_bits(void)
{
    IRTCtx *c = ictx();
    int n = g_test_slow() ? 20000 : 3000;
    int fails = 0;

    for (int seed = 1; seed <= n && fails < 3; seed++) {
        RGen g = { .st = (uint64_t)seed * 31 + 7, .c = c };
        irt_begin(c);
        for (int i = 0; i < RG_NTB; i++) {
            g.tb64[i] = tcg_temp_new_tb_i64();
            g.tb32[i] = tcg_temp_new_tb_i32();
            tcg_gen_mov_i64(g.tb64[i], c->g64[RG_NG + i]);
            tcg_gen_mov_i32(g.tb32[i], c->g32[RG_NG + i]);
        }
        for (int i = 0; i < RG_NEBB; i++) {
            g.ebb64[i] = tcg_temp_new_i64();
            g.ebb32[i] = tcg_temp_new_i32();
        }
        for (int i = 0; i < 12; i++) {
            gen_bits_chain(&g, rr(&g, 2));
        }
        for (int i = 0; i < RG_NTB; i++) {
            tcg_gen_mov_i64(c->g64[RG_OUT + i], g.tb64[i]);
            tcg_gen_mov_i32(c->g32[RG_OUT + i], g.tb32[i]);
        }
        tcg_gen_exit_tb(0, 0);
        if (!opt_preserves_meaning(c, (uint64_t)seed)) {
            fails++;
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

/* Compile with and without the optimizer on each backend and run. */
static bool run_on_backend(const char *be, bool optimize, uint64_t seed,
                           const IRTEnv *ref_env, const uint8_t *ref_guest,
                           uintptr_t ref_exit)
{
    static IRTEnv env;
    static uint8_t guest[IRT_GUEST_SIZE];
    IRTCtx *c = irt_ctx(be);
    int r;

    if (getenv("TERN_TEST_VERBOSE")) {
        fprintf(stderr, "# %s seed %" PRIu64 " optimize %d\n", be, seed,
                optimize);
    }
    irt_begin(c);
    gen_program(c, seed);
    r = irt_finish_noexit(c, optimize);
    if (r <= 0) {
        fprintf(stderr, "%s seed %" PRIu64 ": tcg_gen_code returned %d\n",
                be, seed, r);
        return false;
    }
    irt_env_init(&env, seed);
    guest_init(guest, seed);
    uintptr_t x = irt_exec(c, &env, guest);
    char what[64];
    snprintf(what, sizeof(what), "%s%s", be, optimize ? "-opt" : "");
    bool ok = x == ref_exit &&
              irt_env_equal(ref_env, &env, stderr, "reference", what) &&
              irt_guest_equal(ref_guest, guest, IRT_GUEST_SIZE, stderr,
                              "reference", what);
    if (!ok) {
        fprintf(stderr, "%s seed %" PRIu64 ": differs from the reference\n",
                what, seed);
        irt_begin(c);
        gen_program(c, seed);
        irt_dump(c, stderr, "program");
    }
    return ok;
}

static void test_random_backends(void)
{
    static const char *const backends[] = { "interp", "jit" };
    static IRTEnv ref;
    static uint8_t ref_guest[IRT_GUEST_SIZE];
    int n = g_test_slow() ? 3000 : 400;
    int fails = 0;

    rg_no_host_mem = getenv("TERN_TEST_NO_HOST_MEM") != NULL;

    for (int seed = 1; seed <= n && fails < 3; seed++) {
        IRTCtx *c = ictx();
        char err[256];
        uintptr_t x;

        irt_begin(c);
        gen_program(c, (uint64_t)seed);
        irt_env_init(&ref, (uint64_t)seed);
        guest_init(ref_guest, (uint64_t)seed);
        g_assert_true(irt_eval(c, &ref, ref_guest, &x, MAX_STEPS, err,
                               sizeof(err)));
        for (size_t b = 0; b < G_N_ELEMENTS(backends); b++) {
            const char *only = getenv("TERN_TEST_BACKEND");
            if ((only && strcmp(only, backends[b])) || !irt_ctx(backends[b])) {
                continue;
            }
            for (int opt = 0; opt < 2; opt++) {
                if (!run_on_backend(backends[b], opt, (uint64_t)seed, &ref,
                                    ref_guest, x)) {
                    fails++;
                }
            }
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/optimize/const-chain", test_const_chain);
    g_test_add_func("/optimize/identities", test_identities);
    g_test_add_func("/optimize/copy-propagation", test_copy_propagation);
    g_test_add_func("/optimize/known-bits", test_known_bits);
    g_test_add_func("/optimize/inverse-pairs", test_inverse_pairs);
    g_test_add_func("/optimize/branch-taken", test_branch_taken);
    g_test_add_func("/optimize/branch-not-taken", test_branch_not_taken);
    g_test_add_func("/optimize/label-join", test_label_join);
    g_test_add_func("/optimize/branch-fallthrough",
                    test_branch_fallthrough_knowledge);
    g_test_add_func("/optimize/dead-code", test_dead_code);
    g_test_add_func("/optimize/br-to-next", test_br_to_next);
    g_test_add_func("/optimize/calls", test_calls);
    g_test_add_func("/optimize/double-word", test_double_word);
    g_test_add_func("/optimize/select", test_select);
    g_test_add_func("/optimize/compare-ranges", test_compare_ranges);
    g_test_add_func("/optimize/fold-all", test_fold_all);
    g_test_add_func("/optimize/fold-fields-conds", test_fold_fields_and_conds);
    g_test_add_func("/optimize/random-eval", test_random_eval);
    g_test_add_func("/optimize/random-bits", test_random_bits);
    g_test_add_func("/optimize/random-backends", test_random_backends);
    return g_test_run();
}
