/*
 * Helper calls and register pressure on both backends, optimizer on/off.
 *
 * - arguments: helpers of 0..6 arguments of mixed types (i32, s32, i64,
 *   s64, ptr, env) and every return type, arguments from globals, temps
 *   and constants, checked against direct C calls;
 * - effect flags: a pure helper (TCG_CALL_NO_SIDE_EFFECTS) whose result is
 *   unused is removed by liveness, helpers with side effects are not;
 *   a helper that reads globals sees the values the IR just computed
 *   (sync before the call), a helper that writes globals has its writes
 *   seen by the IR after it (reload after the call);
 * - register pressure: 48 temps live at once across arithmetic and calls
 *   (spills/reloads), TB temps across labels and a loop.
 * Expected states come from direct C computation or from the harness's
 * reference interpreter (irt_eval), itself checked by test-ir-ops.
 */
#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "irtest.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))


/* ------------------------------------------------------------------ */
/* Arguments and return values                                         */

static const uint64_t arg_vals[] = {
    0, 1, UINT64_MAX, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x8000000000000000ull, 0x0123456789abcdefull, 0xfedcba9876543210ull,
    0x00000000fffffffeull, 0xffffffff00000001ull,
};

/* Source of each argument: global, temp or constant (per-argument mix). */
typedef struct ArgsCase {
    uint64_t v[6];
    unsigned src;           /* 2 bits per argument: 0 global 1 temp 2 const */
} ArgsCase;

/* Helper arguments are 32- or 64-bit: i32/s32 come from g32, else g64. */
typedef enum { AT_32, AT_64 } ArgWidth;

typedef struct HelperDesc {
    const char *name;
    int nargs;
    ArgWidth w[6];
    bool ret32;
    void (*gen)(TCGTemp *ret, TCGTemp **a);
    uint64_t (*call)(const uint64_t *a);
} HelperDesc;

#define T32(x) temp_tcgv_i32(x)
#define T64(x) temp_tcgv_i64(x)

static void gen_h0(TCGTemp *r, TCGTemp **a) { (void)a; gen_helper_irt_h0(T64(r)); }
static void gen_h1(TCGTemp *r, TCGTemp **a) { gen_helper_irt_h1(T32(r), T32(a[0])); }
static void gen_h2(TCGTemp *r, TCGTemp **a) { gen_helper_irt_h2(T64(r), T32(a[0]), T64(a[1])); }
static void gen_h3(TCGTemp *r, TCGTemp **a)
{ gen_helper_irt_h3(T64(r), T64(a[0]), T32(a[1]), T32(a[2])); }
static void gen_h4(TCGTemp *r, TCGTemp **a)
{ gen_helper_irt_h4(T32(r), T64(a[0]), T32(a[1]), T64(a[2]), T32(a[3])); }
static void gen_h5(TCGTemp *r, TCGTemp **a)
{ gen_helper_irt_h5(T64(r), T32(a[0]), T64(a[1]), T32(a[2]), T64(a[3]), T32(a[4])); }
static void gen_h6(TCGTemp *r, TCGTemp **a)
{ gen_helper_irt_h6(T64(r), T64(a[0]), T32(a[1]), T64(a[2]), T32(a[3]), T64(a[4]), T64(a[5])); }
static void gen_h6w(TCGTemp *r, TCGTemp **a)
{ gen_helper_irt_h6w(T32(r), T32(a[0]), T32(a[1]), T32(a[2]), T32(a[3]), T32(a[4]), T32(a[5])); }

static uint64_t call_h0(const uint64_t *a) { (void)a; return helper_irt_h0(); }
static uint64_t call_h1(const uint64_t *a) { return helper_irt_h1((uint32_t)a[0]); }
static uint64_t call_h2(const uint64_t *a) { return (uint64_t)helper_irt_h2((int32_t)a[0], a[1]); }
static uint64_t call_h3(const uint64_t *a) { return helper_irt_h3(a[0], (int32_t)a[1], (uint32_t)a[2]); }
static uint64_t call_h4(const uint64_t *a)
{ return (uint32_t)helper_irt_h4((int64_t)a[0], (uint32_t)a[1], a[2], (int32_t)a[3]); }
static uint64_t call_h5(const uint64_t *a)
{ return helper_irt_h5((uint32_t)a[0], a[1], (int32_t)a[2], a[3], (uint32_t)a[4]); }
static uint64_t call_h6(const uint64_t *a)
{ return helper_irt_h6(a[0], (int32_t)a[1], a[2], (uint32_t)a[3], (int64_t)a[4], a[5]); }
static uint64_t call_h6w(const uint64_t *a)
{ return helper_irt_h6w((uint32_t)a[0], (int32_t)a[1], (uint32_t)a[2], (int32_t)a[3], (uint32_t)a[4], (int32_t)a[5]); }

static const HelperDesc helpers[] = {
    { "h0", 0, { 0 }, false, gen_h0, call_h0 },
    { "h1", 1, { AT_32 }, true, gen_h1, call_h1 },
    { "h2", 2, { AT_32, AT_64 }, false, gen_h2, call_h2 },
    { "h3", 3, { AT_64, AT_32, AT_32 }, false, gen_h3, call_h3 },
    { "h4", 4, { AT_64, AT_32, AT_64, AT_32 }, true, gen_h4, call_h4 },
    { "h5", 5, { AT_32, AT_64, AT_32, AT_64, AT_32 }, false, gen_h5, call_h5 },
    { "h6", 6, { AT_64, AT_32, AT_64, AT_32, AT_64, AT_64 }, false, gen_h6, call_h6 },
    { "h6w", 6, { AT_32, AT_32, AT_32, AT_32, AT_32, AT_32 }, true, gen_h6w, call_h6w },
};

typedef struct ArgsBatch {
    const HelperDesc *h;
    const ArgsCase *cases;
    int n;
} ArgsBatch;

/* Case k: args in g64/g32[k*6 + j], result in g64/g32[64 + k]. */
static void build_args(IRTCtx *c, void *opaque)
{
    const ArgsBatch *b = opaque;
    const HelperDesc *h = b->h;

    for (int k = 0; k < b->n; k++) {
        TCGTemp *a[6], *ret;
        for (int j = 0; j < h->nargs; j++) {
            unsigned src = (b->cases[k].src >> (2 * j)) & 3;
            TCGType t = h->w[j] == AT_32 ? TCG_TYPE_I32 : TCG_TYPE_I64;
            TCGTemp *g = t == TCG_TYPE_I32 ? tcgv_i32_temp(c->g32[k * 6 + j])
                                           : tcgv_i64_temp(c->g64[k * 6 + j]);
            if (src == 2) {
                a[j] = tcg_constant_internal(t, (int64_t)b->cases[k].v[j]);
            } else if (src == 1) {
                a[j] = tcg_temp_new_internal(t, TEMP_EBB);
                if (t == TCG_TYPE_I32) {
                    tcg_gen_mov_i32(temp_tcgv_i32(a[j]), temp_tcgv_i32(g));
                } else {
                    tcg_gen_mov_i64(temp_tcgv_i64(a[j]), temp_tcgv_i64(g));
                }
            } else {
                a[j] = g;
            }
        }
        ret = h->ret32 ? tcgv_i32_temp(c->g32[64 + k])
                       : tcgv_i64_temp(c->g64[64 + k]);
        h->gen(ret, a);
    }
}

static void test_args(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);
    uint64_t rng = 42;
    int fails = 0;

    if (!c) {
        return;
    }
    for (int hi = 0; hi < N(helpers); hi++) {
        const HelperDesc *h = &helpers[hi];
        ArgsCase cases[10];
        ArgsBatch b = { h, cases, N(cases) };
        IRTEnv init, expect;

        for (int round = 0; round < 6; round++) {
            irt_env_init(&init, 77 + round);
            for (int k = 0; k < N(cases); k++) {
                for (int j = 0; j < 6; j++) {
                    uint64_t v = arg_vals[irt_rand_below(&rng, N(arg_vals))];
                    if (irt_rand_below(&rng, 3) == 0) {
                        v = irt_rand(&rng);
                    }
                    if (h->w[j] == AT_32 || j >= h->nargs) {
                        v = (uint32_t)v;
                    }
                    cases[k].v[j] = v;
                }
                /* round 0: all globals, 1: all temps, 2: all constants,
                 * later: random mixes */
                cases[k].src = round == 0 ? 0 : round == 1 ? 0x555
                             : round == 2 ? 0xaaa
                             : (unsigned)irt_rand(&rng) & 0xfff;
                for (int j = 0; j < 6; j++) {
                    if (((cases[k].src >> (2 * j)) & 3) == 3) {
                        cases[k].src &= ~(1u << (2 * j));
                    }
                }
                for (int j = 0; j < h->nargs; j++) {
                    if (h->w[j] == AT_32) {
                        init.g32[k * 6 + j] = (init.g32[k * 6 + j]
                                               & ~0xffffffffull)
                                              | cases[k].v[j];
                    } else {
                        init.g64[k * 6 + j] = cases[k].v[j];
                    }
                }
            }
            expect = init;
            for (int k = 0; k < N(cases); k++) {
                uint64_t r = h->call(cases[k].v);
                if (h->ret32) {
                    expect.g32[64 + k] = (expect.g32[64 + k] & ~0xffffffffull)
                                         | (uint32_t)r;
                } else {
                    expect.g64[64 + k] = r;
                }
            }
            for (int opt = 0; opt < 2; opt++) {
                IRTEnv got;
                char what[64];
                snprintf(what, sizeof(what), "helper %s round %d", h->name,
                         round);
                if (!irt_run_check(c, build_args, &b, &init, NULL, opt,
                                   stderr, what, &got)) {
                    fails++;
                } else if (memcmp(&got, &expect, sizeof(got)) != 0) {
                    /* backend agrees with irt_eval but not with C */
                    fprintf(stderr, "%s [%s opt=%d]: differs from the direct "
                            "C call:\n", what, c->name, opt);
                    irt_env_equal(&got, &expect, stderr, c->name, "C");
                    fails++;
                }
            }
        }
    }
    if (fails) {
        g_test_fail();
    }
}

/* ------------------------------------------------------------------ */
/* Effect flags: removal of pure calls                                 */

static int count_calls_of(IRTCtx *c, const TCGHelperInfo *info)
{
    int n = 0;

    QTAILQ_FOREACH_OP(op, c->s) {
        if (op->opc == INDEX_op_call) {
            unsigned no = TCGOP_CALLO(op), ni = TCGOP_CALLI(op);
            if ((const TCGHelperInfo *)(uintptr_t)op->args[no + ni + 1] == info) {
                n++;
            }
        }
    }
    return n;
}

static void build_removal(IRTCtx *c, void *opaque)
{
    TCGv_i64 t64 = tcg_temp_new_i64(), u64 = tcg_temp_new_i64();
    TCGv_i32 t32 = tcg_temp_new_i32();

    (void)opaque;
    /* pure helpers, results unused: may (and should) disappear */
    gen_helper_irt_h2(t64, c->g32[0], c->g64[1]);
    gen_helper_irt_h1(t32, c->g32[2]);
    gen_helper_irt_env_hash(u64, tcg_env);
    /* pure helper whose result is overwritten before any use */
    gen_helper_irt_h3(t64, c->g64[3], c->g32[3], c->g32[4]);
    tcg_gen_movi_i64(t64, 5);
    tcg_gen_mov_i64(c->g64[10], t64);
    /* side effects: must stay even though the results are unused */
    gen_helper_irt_count(tcg_env);
    gen_helper_irt_count_ret(u64, tcg_env, c->g64[4]);
    gen_helper_irt_count(tcg_env);
    /* a pure helper whose result is used stays */
    gen_helper_irt_h6w(t32, c->g32[0], c->g32[1], c->g32[2], c->g32[3],
                       c->g32[4], c->g32[5]);
    tcg_gen_mov_i32(c->g32[10], t32);
}

static void test_pure_removed(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);

    if (!c) {
        return;
    }
    for (int opt = 0; opt < 2; opt++) {
        IRTEnv init, got;
        irt_env_init(&init, 5);

        /* the op list after optimize + liveness (tcg_gen_code keeps it) */
        irt_begin(c);
        build_removal(c, NULL);
        g_assert_cmpint(count_calls_of(c, &helper_info_irt_h2), ==, 1);
        g_assert_cmpint(irt_finish(c, opt), >, 0);
        if (count_calls_of(c, &helper_info_irt_h2) != 0 ||
            count_calls_of(c, &helper_info_irt_h1) != 0 ||
            count_calls_of(c, &helper_info_irt_h3) != 0 ||
            count_calls_of(c, &helper_info_irt_env_hash) != 0) {
            g_test_message("[%s opt=%d] a pure helper with an unused result "
                           "was not removed:", c->name, opt);
            irt_dump(c, stderr, "after tcg_gen_code");
            g_test_fail();
        }
        if (count_calls_of(c, &helper_info_irt_count) != 2 ||
            count_calls_of(c, &helper_info_irt_count_ret) != 1 ||
            count_calls_of(c, &helper_info_irt_h6w) != 1) {
            g_test_message("[%s opt=%d] a helper with side effects (or a used "
                           "result) was removed:", c->name, opt);
            irt_dump(c, stderr, "after tcg_gen_code");
            g_test_fail();
        }

        /* and the remaining calls do their job */
        if (!irt_run_check(c, build_removal, NULL, &init, NULL, opt, stderr,
                           "pure-removal", &got)) {
            g_test_fail();
        }
        if (got.aux[0] != 2 || got.aux[1] != init.g64[4]) {
            g_test_message("[%s opt=%d] side effects: aux[0]=%" PRIu64
                           " aux[1]=0x%" PRIx64, c->name, opt, got.aux[0],
                           got.aux[1]);
            g_test_fail();
        }
    }
}

/* ------------------------------------------------------------------ */
/* Globals around calls                                                */

/*
 * Compute new values into the globals (in host registers, not yet
 * stored), then call a helper that reads them: it must see the new
 * values.  Then a helper writes globals; the IR must see its writes.
 */
static void build_sync(IRTCtx *c, void *opaque)
{
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 old = tcg_temp_new_i64();
    unsigned variant = *(unsigned *)opaque;

    for (int i = 0; i < 8; i++) {
        tcg_gen_addi_i64(c->g64[i], c->g64[i], 0x1111 * (i + 1));
        tcg_gen_xori_i32(c->g32[i], c->g32[i], 0x0f0f0f0f + i);
    }
    if (variant & 1) {
        gen_helper_irt_env_hash(r, tcg_env);       /* NO_WG_SE, used */
    } else {
        gen_helper_irt_env_read(r, tcg_env);       /* NO_WRITE_GLOBALS */
    }
    tcg_gen_mov_i64(c->g64[20], r);

    /* keep some globals in registers across the writing helper */
    tcg_gen_add_i64(c->g64[21], c->g64[0], c->g64[1]);
    tcg_gen_add_i32(c->g32[21], c->g32[2], c->g32[3]);
    tcg_gen_addi_i64(c->g64[7], c->g64[7], 1);      /* dirty, not written */

    /* writes g64[v & 7] and g32[(v >> 3) & 7] */
    gen_helper_irt_env_write(tcg_env, c->g64[30]);
    for (int i = 0; i < 8; i++) {
        /* read every global after the call */
        tcg_gen_add_i64(c->g64[40 + i], c->g64[i], c->g64[21]);
        tcg_gen_mov_i32(c->g32[40 + i], c->g32[i]);
    }
    /* read-modify-write helper with a return value */
    gen_helper_irt_env_rw(old, tcg_env, c->g64[31], c->g32[31]);
    tcg_gen_mov_i64(c->g64[50], old);
    for (int i = 0; i < 8; i++) {
        tcg_gen_xor_i64(c->g64[51 + i], c->g64[i], old);
        tcg_gen_mov_i32(c->g32[51 + i], c->g32[i]);
    }
    /* a second read after writes */
    gen_helper_irt_env_read(r, tcg_env);
    tcg_gen_mov_i64(c->g64[60], r);
}

static void test_globals_sync(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);

    if (!c) {
        return;
    }
    for (unsigned variant = 0; variant < 2; variant++) {
        for (int seed = 0; seed < 16; seed++) {
            for (int opt = 0; opt < 2; opt++) {
                IRTEnv init, got, expect;
                char what[64];

                irt_env_init(&init, 1000 + seed);
                init.g64[30] = init.g64[30] ^ seed;   /* target varies */
                init.g32[31] = (init.g32[31] & ~0xffffffffull) | seed * 9;
                snprintf(what, sizeof(what), "globals-sync v%u seed %d",
                         variant, seed);
                if (!irt_run_check(c, build_sync, &variant, &init, NULL, opt,
                                   stderr, what, &got)) {
                    g_test_fail();
                    continue;
                }
                /* independent check of the first read, in C */
                expect = init;
                for (int i = 0; i < 8; i++) {
                    expect.g64[i] += 0x1111 * (i + 1);
                    expect.g32[i] ^= 0x0f0f0f0f + i;
                }
                uint64_t want = variant & 1
                    ? helper_irt_env_hash((CPUArchState *)&expect)
                    : helper_irt_env_read((CPUArchState *)&expect);
                if (got.g64[20] != want) {
                    g_test_message("%s [%s opt=%d]: the helper did not see "
                                   "the globals computed before the call",
                                   what, c->name, opt);
                    g_test_fail();
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Register pressure                                                   */

#define NLIVE 48

/*
 * 48 i64 and 8 i32 EBB temps live at once through rounds of arithmetic
 * with helper calls (call-clobbered registers) in between, then summed.
 */
static void build_pressure(IRTCtx *c, void *opaque)
{
    TCGv_i64 t[NLIVE], r = tcg_temp_new_i64(), sum = tcg_temp_new_i64();
    TCGv_i32 w[8];

    (void)opaque;
    for (int i = 0; i < NLIVE; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_addi_i64(t[i], c->g64[i % 16], i * 0x10001);
    }
    for (int i = 0; i < 8; i++) {
        w[i] = tcg_temp_new_i32();
        tcg_gen_xori_i32(w[i], c->g32[i], i * 3);
    }
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < NLIVE; i++) {
            TCGv_i64 a = t[(i + 1 + round) % NLIVE];
            tcg_gen_muli_i64(t[i], t[i], 3 + 2 * round);
            tcg_gen_xor_i64(t[i], t[i], a);
            if (i % 7 == 0) {
                tcg_gen_rotli_i64(t[i], t[i], i % 64);
            }
            if (i % 12 == 5) {
                /* a call with everything live */
                gen_helper_irt_h6(r, t[i], w[i % 8], t[(i + 5) % NLIVE],
                                  w[(i + 3) % 8], t[(i + 9) % NLIVE],
                                  t[(i + 17) % NLIVE]);
                tcg_gen_add_i64(t[i], t[i], r);
                gen_helper_irt_h1(w[i % 8], w[(i + 1) % 8]);
            }
        }
        gen_helper_irt_count(tcg_env);
    }
    tcg_gen_movi_i64(sum, 0);
    for (int i = 0; i < NLIVE; i++) {
        tcg_gen_add_i64(sum, sum, t[i]);
        tcg_gen_mov_i64(c->g64[32 + i], t[i]);
    }
    for (int i = 0; i < 8; i++) {
        TCGv_i64 e = tcg_temp_new_i64();
        tcg_gen_extu_i32_i64(e, w[i]);
        tcg_gen_add_i64(sum, sum, e);
    }
    tcg_gen_mov_i64(c->g64[90], sum);
}

/*
 * TB temps live across labels (if/else diamonds and a counted loop),
 * EBB temps only inside one extended block each.
 */
static void build_tb_temps(IRTCtx *c, void *opaque)
{
    TCGv_i64 tb[NLIVE], cnt = tcg_temp_new_tb_i64();
    TCGv_i64 r = tcg_temp_new_tb_i64();
    TCGLabel *top;

    (void)opaque;
    for (int i = 0; i < NLIVE; i++) {
        tb[i] = tcg_temp_new_tb_i64();
        tcg_gen_xori_i64(tb[i], c->g64[i % 16], (int64_t)(0x9e3779b97f4a7c15ull * (uint64_t)i));
    }
    for (int d = 0; d < 6; d++) {
        TCGLabel *els = gen_new_label(), *done = gen_new_label();
        TCGv_i64 e = tcg_temp_new_i64();    /* EBB: dies at els */
        tcg_gen_andi_i64(e, tb[d], 1 << d);
        tcg_gen_brcondi_i64(TCG_COND_EQ, e, 0, els);
        for (int i = d; i < NLIVE; i += 6) {
            tcg_gen_add_i64(tb[i], tb[i], e);
            tcg_gen_rotli_i64(tb[i], tb[i], 5);
        }
        tcg_gen_br(done);
        tcg_gen_set_label(els);
        for (int i = d + 1; i < NLIVE; i += 5) {
            TCGv_i64 e2 = tcg_temp_new_i64();
            tcg_gen_shri_i64(e2, tb[i], 3);
            tcg_gen_sub_i64(tb[i], tb[i], e2);
        }
        tcg_gen_set_label(done);
    }
    /* counted loop: 5 iterations, a helper call inside */
    tcg_gen_movi_i64(cnt, 5);
    top = gen_new_label();
    tcg_gen_set_label(top);
    for (int i = 0; i < NLIVE; i += 3) {
        tcg_gen_mul_i64(tb[i], tb[i], tb[(i + 1) % NLIVE]);
        tcg_gen_addi_i64(tb[i], tb[i], 1);
    }
    gen_helper_irt_h3(r, tb[7], c->g32[1], c->g32[2]);
    tcg_gen_xor_i64(tb[11], tb[11], r);
    tcg_gen_subi_i64(cnt, cnt, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, cnt, 0, top);
    for (int i = 0; i < NLIVE; i++) {
        tcg_gen_mov_i64(c->g64[32 + i], tb[i]);
    }
    tcg_gen_mov_i64(c->g64[90], cnt);
}

static void test_pressure(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);

    if (!c) {
        return;
    }
    for (int seed = 0; seed < 8; seed++) {
        for (int opt = 0; opt < 2; opt++) {
            IRTEnv init, got;
            char what[64];
            irt_env_init(&init, 500 + seed);
            snprintf(what, sizeof(what), "pressure seed %d", seed);
            if (!irt_run_check(c, build_pressure, NULL, &init, NULL, opt,
                               stderr, what, &got)) {
                g_test_fail();
            }
            if (got.aux[0] != 3) {
                g_test_message("%s: irt_count ran %" PRIu64 " times", what,
                               got.aux[0]);
                g_test_fail();
            }
            snprintf(what, sizeof(what), "tb-temps seed %d", seed);
            if (!irt_run_check(c, build_tb_temps, NULL, &init, NULL, opt,
                               stderr, what, &got)) {
                g_test_fail();
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Allocator corner cases (each once found by test-ir-random)          */

/* add2/sub2 with one dead temp as two inputs (outputs alias inputs). */
static void build_dw_shared_input(IRTCtx *c, void *opaque)
{
    TCGv_i32 lo = tcg_temp_new_i32(), x = tcg_temp_new_i32();
    TCGv_i64 y = tcg_temp_new_i64();

    (void)opaque;
    tcg_gen_mov_i32(x, c->g32[0]);
    tcg_gen_add2_i32(lo, c->g32[6], x, x, c->g32[1], c->g32[5]);
    tcg_gen_mov_i32(c->g32[10], lo);
    tcg_gen_mov_i32(x, c->g32[2]);
    tcg_gen_sub2_i32(c->g32[11], c->g32[12], x, c->g32[3], c->g32[4], x);
    tcg_gen_mov_i64(y, c->g64[0]);
    tcg_gen_add2_i64(c->g64[10], c->g64[11], y, y, y, y);
    tcg_gen_mov_i64(y, c->g64[1]);
    tcg_gen_sub2_i64(c->g64[12], c->g64[13], c->g64[2], y, y, c->g64[3]);
    tcg_gen_mulu2_i64(c->g64[14], c->g64[15], c->g64[4], c->g64[4]);
}

/*
 * A shift whose aliased input is live after it and currently sits in the
 * count register (RCX on x86) that the other input needs.
 */
static void build_alias_in_count_reg(IRTCtx *c, void *opaque)
{
    TCGv_i64 t = tcg_temp_new_i64();

    (void)opaque;
    tcg_gen_mov_i64(t, c->g64[0]);
    tcg_gen_rotl_i64(c->g64[1], c->g64[2], t);  /* t now in the count reg */
    tcg_gen_rotr_i64(c->g64[3], t, c->g64[4]);  /* t aliased, still live */
    tcg_gen_add_i64(c->g64[5], t, c->g64[6]);
    tcg_gen_shr_i64(c->g64[7], t, t);
    tcg_gen_sar_i64(t, t, t);
    tcg_gen_mov_i64(c->g64[8], t);
}

/* The same temp as every input of a 4-input op and of a call. */
static void build_same_temp_everywhere(IRTCtx *c, void *opaque)
{
    TCGv_i64 t = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    TCGv_i32 w = tcg_temp_new_i32();

    (void)opaque;
    tcg_gen_mov_i64(t, c->g64[0]);
    tcg_gen_movcond_i64(TCG_COND_LTU, c->g64[1], t, t, t, t);
    tcg_gen_movcond_i64(TCG_COND_EQ, t, t, c->g64[2], t, c->g64[3]);
    tcg_gen_mov_i32(w, c->g32[0]);
    gen_helper_irt_h6(r, t, w, t, w, t, t);
    tcg_gen_mov_i64(c->g64[4], r);
    tcg_gen_deposit_i64(t, t, t, 7, 13);
    tcg_gen_extract2_i64(c->g64[5], t, t, 9);
    tcg_gen_div_i64(c->g64[6], t, t);
    tcg_gen_muls2_i64(t, r, t, t);
    tcg_gen_mov_i64(c->g64[7], t);
    tcg_gen_mov_i64(c->g64[8], r);
}

static void test_alloc_corners(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);
    static const struct {
        const char *name;
        IRTBuildFn fn;
    } progs[] = {
        { "double-word op with a shared dead input", build_dw_shared_input },
        { "aliased input in the count register", build_alias_in_count_reg },
        { "one temp as every input", build_same_temp_everywhere },
    };

    if (!c) {
        return;
    }
    for (int p = 0; p < N(progs); p++) {
        for (int seed = 0; seed < 4; seed++) {
            for (int opt = 0; opt < 2; opt++) {
                IRTEnv init;
                irt_env_init(&init, 900 + seed);
                if (seed == 1) {
                    init.g64[0] = 0;            /* div by zero path */
                }
                if (!irt_run_check(c, progs[p].fn, NULL, &init, NULL, opt,
                                   stderr, progs[p].name, NULL)) {
                    g_test_fail();
                }
            }
        }
    }
}

/* The same programs on both backends must leave the same state. */
static void test_backends_agree(void)
{
    IRTCtx *b[2];
    IRTBuildFn progs[] = { build_pressure, build_tb_temps, build_removal };

    if (!g_test_subprocess()) {
        if (!tcg_backend_by_name("jit")) {
            g_test_skip("no JIT on this host");
            return;
        }
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }
    irt_time_limit(120);
    b[0] = irt_ctx("jit");
    b[1] = irt_ctx("interp");
    for (int p = 0; p < N(progs); p++) {
        IRTEnv init, got[2];
        irt_env_init(&init, 31337 + p);
        for (int i = 0; i < 2; i++) {
            irt_run_check(b[i], progs[p], NULL, &init, NULL, true, stderr,
                          "agree", &got[i]);
        }
        if (!irt_env_equal(&got[0], &got[1], stderr, "jit", "interp")) {
            g_test_fail();
        }
    }
}

int main(int argc, char **argv)
{
    static const char *backends[] = { "jit", "interp" };

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    for (int b = 0; b < 2; b++) {
        char *p;
        p = g_strdup_printf("/ir-calls/%s/args", backends[b]);
        g_test_add_data_func(p, backends[b], test_args);
        g_free(p);
        p = g_strdup_printf("/ir-calls/%s/pure-call-removed", backends[b]);
        g_test_add_data_func(p, backends[b], test_pure_removed);
        g_free(p);
        p = g_strdup_printf("/ir-calls/%s/globals-sync-reload", backends[b]);
        g_test_add_data_func(p, backends[b], test_globals_sync);
        g_free(p);
        p = g_strdup_printf("/ir-calls/%s/allocator-corners", backends[b]);
        g_test_add_data_func(p, backends[b], test_alloc_corners);
        g_free(p);
        p = g_strdup_printf("/ir-calls/%s/register-pressure", backends[b]);
        g_test_add_data_func(p, backends[b], test_pressure);
        g_free(p);
    }
    g_test_add_func("/ir-calls/backends-agree", test_backends_agree);
    return g_test_run();
}
