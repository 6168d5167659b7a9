/*
 * TCG benchmark (not part of make check; tests/bench/run.sh runs it).
 *
 * (a) Translation throughput: IR ops per second through
 *     optimize -> liveness -> register allocation -> emission for blocks
 *     shaped like translated guest code, on each backend.
 * (b) Execution speed of IR loops on the JIT and the interpreter against
 *     the same loop compiled natively into this binary:
 *       xorshift  - 64-bit xorshift checksum (ALU only)
 *       memsum    - sum of guest memory through qemu_ld (user mode)
 *       helper    - a helper call per iteration
 *     reported as ns per iteration and ratios to native.
 *
 * Usage: tcg-bench [-q] (quick: fewer iterations)
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The IR test harness, built into this binary (benchmarks link only
 * libtern.a). */
#include "tests/unit/support/irtest.c"

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static volatile uint64_t sink;

/* ------------------------------------------------------------------ */
/* (a) translation throughput                                          */

/*
 * A block like a translated guest basic block: per "instruction" an
 * insn_start, a few ALU ops on guest registers (globals) with immediates,
 * lazy flags (setcond/sub), sometimes a load or store through qemu_ld/st
 * or a helper call; a conditional exit at the end.
 */
static void build_guest_like(IRTCtx *c, void *opaque)
{
    uint64_t rng = *(uint64_t *)opaque;
    int insns = 40;
    TCGLabel *l = gen_new_label();

    for (int i = 0; i < insns; i++) {
        TCGv_i64 rd = c->g64[irt_rand_below(&rng, 16)];
        TCGv_i64 rn = c->g64[irt_rand_below(&rng, 16)];
        TCGv_i64 rm = c->g64[irt_rand_below(&rng, 16)];
        TCGv_i64 t = tcg_temp_new_i64();

        tcg_gen_insn_start(0x400000 + 4 * i, 0);
        switch (irt_rand_below(&rng, 8)) {
        case 0:
            tcg_gen_addi_i64(rd, rn, (int64_t)irt_rand_below(&rng, 4096));
            break;
        case 1:
            /* subs: result and NZCV-like flags */
            tcg_gen_sub_i64(t, rn, rm);
            tcg_gen_setcond_i64(TCG_COND_GEU, c->g64[16], rn, rm);
            tcg_gen_mov_i64(c->g64[17], t);
            tcg_gen_mov_i64(rd, t);
            break;
        case 2:
            tcg_gen_shli_i64(t, rm, irt_rand_below(&rng, 64));
            tcg_gen_or_i64(rd, rn, t);
            break;
        case 3: {
            TCGv_i64 a = tcg_temp_new_i64();
            tcg_gen_addi_i64(a, rn, 8 * irt_rand_below(&rng, 64));
            tcg_gen_andi_i64(a, a, IRT_GUEST_SIZE - 8);
            tcg_gen_qemu_ld_i64(rd, a, 0, MO_LEUQ);
            break;
        }
        case 4: {
            TCGv_i64 a = tcg_temp_new_i64();
            tcg_gen_andi_i64(a, rn, IRT_GUEST_SIZE - 8);
            tcg_gen_qemu_st_i64(rm, a, 0, MO_LEUQ);
            break;
        }
        case 5:
            tcg_gen_extract_i64(t, rn, irt_rand_below(&rng, 32), 16);
            tcg_gen_deposit_i64(rd, rd, t, 16, 16);
            break;
        case 6:
            tcg_gen_movcond_i64(TCG_COND_LT, rd, rn, rm, rn, rm);
            break;
        default:
            if (irt_rand_below(&rng, 4) == 0) {
                gen_helper_irt_h2(rd, c->g32[irt_rand_below(&rng, 8)], rn);
            } else {
                tcg_gen_mul_i64(rd, rn, rm);
            }
            break;
        }
    }
    tcg_gen_brcondi_i64(TCG_COND_EQ, c->g64[16], 0, l);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(0x1000, 0);
    tcg_gen_set_label(l);
    tcg_gen_goto_tb(1);
    tcg_gen_exit_tb(0x1000, 1);
}

static void bench_translate(const char *backend, int blocks)
{
    IRTCtx *c = irt_ctx(backend);
    double t_build = 0, t_all, t0;
    uint64_t ops = 0, bytes = 0;

    if (!c) {
        printf("  %-8s (not available)\n", backend);
        return;
    }
    /* front end only: how long building the IR takes */
    t0 = now_sec();
    for (int b = 0; b < blocks; b++) {
        uint64_t seed = b % 64;
        irt_begin(c);
        build_guest_like(c, &seed);
        ops += c->s->nb_ops;
    }
    t_build = now_sec() - t0;

    t0 = now_sec();
    for (int b = 0; b < blocks; b++) {
        uint64_t seed = b % 64;
        int r;
        irt_begin(c);
        build_guest_like(c, &seed);
        r = irt_finish_noexit(c, true);
        if (r < 0) {
            fprintf(stderr, "tcg_gen_code failed: %d\n", r);
            exit(1);
        }
        bytes += r;
    }
    t_all = now_sec() - t0;
    printf("  %-8s %8.0f blocks/s  %6.1f M IR ops/s (pipeline %6.1f M ops/s)"
           "  %5.0f ops/block  %6.0f bytes/block\n",
           backend, blocks / t_all, ops / t_all * 1e-6,
           ops / (t_all - t_build) * 1e-6, (double)ops / blocks,
           (double)bytes / blocks);
}

/* ------------------------------------------------------------------ */
/* (b) execution                                                       */

#define MEMSUM_WORDS 512    /* 4 KiB of guest memory, wrapping */

/* Native versions; the asm barriers keep each iteration one scalar
 * iteration (no vectorization, no hoisting). */
static uint64_t __attribute__((noinline)) native_xorshift(uint64_t x,
                                                          uint64_t n)
{
    uint64_t sum = 0;
    for (uint64_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        sum += x;
        __asm__ volatile("" : "+r"(x), "+r"(sum));
    }
    return sum ^ x;
}

static uint64_t __attribute__((noinline)) native_memsum(const uint8_t *mem,
                                                        uint64_t n)
{
    uint64_t sum = 0, addr = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t v;
        memcpy(&v, mem + addr, 8);
        sum += v;
        addr = (addr + 8) & (MEMSUM_WORDS * 8 - 1);
        __asm__ volatile("" : "+r"(sum), "+r"(addr));
    }
    return sum;
}

static uint64_t (*volatile helper_ptr)(uint64_t, int32_t, uint32_t) =
    helper_irt_h3;

static uint64_t __attribute__((noinline)) native_helper(uint64_t n)
{
    uint64_t sum = 1;
    for (uint64_t i = 0; i < n; i++) {
        sum = helper_ptr(sum, (int32_t)i, 3);
    }
    return sum;
}

/* IR loops: state in TB temps, iteration count in g64[2]. */
typedef enum { L_XORSHIFT, L_MEMSUM, L_HELPER, NB_LOOPS } LoopKind;
static const char *loop_names[] = { "xorshift", "memsum", "helper" };

static void build_loop(IRTCtx *c, void *opaque)
{
    LoopKind k = *(LoopKind *)opaque;
    TCGv_i64 x = tcg_temp_new_tb_i64(), sum = tcg_temp_new_tb_i64();
    TCGv_i64 n = tcg_temp_new_tb_i64(), addr = tcg_temp_new_tb_i64();
    TCGv_i64 i = tcg_temp_new_tb_i64();
    TCGLabel *top = gen_new_label(), *done = gen_new_label();

    tcg_gen_mov_i64(x, c->g64[0]);
    tcg_gen_movi_i64(sum, k == L_HELPER ? 1 : 0);
    tcg_gen_mov_i64(n, c->g64[2]);
    tcg_gen_movi_i64(addr, 0);
    tcg_gen_movi_i64(i, 0);
    tcg_gen_brcondi_i64(TCG_COND_EQ, n, 0, done);
    tcg_gen_set_label(top);
    switch (k) {
    case L_XORSHIFT: {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_shli_i64(t, x, 13);
        tcg_gen_xor_i64(x, x, t);
        tcg_gen_shri_i64(t, x, 7);
        tcg_gen_xor_i64(x, x, t);
        tcg_gen_shli_i64(t, x, 17);
        tcg_gen_xor_i64(x, x, t);
        tcg_gen_add_i64(sum, sum, x);
        break;
    }
    case L_MEMSUM: {
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(v, addr, 0, MO_LEUQ);
        tcg_gen_add_i64(sum, sum, v);
        tcg_gen_addi_i64(addr, addr, 8);
        tcg_gen_andi_i64(addr, addr, MEMSUM_WORDS * 8 - 1);
        break;
    }
    default: {
        TCGv_i32 i32 = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(i32, i);
        gen_helper_irt_h3(sum, sum, i32, tcg_constant_i32(3));
        break;
    }
    }
    tcg_gen_addi_i64(i, i, 1);
    tcg_gen_brcond_i64(TCG_COND_LTU, i, n, top);
    tcg_gen_set_label(done);
    if (k == L_XORSHIFT) {
        tcg_gen_xor_i64(sum, sum, x);
    }
    tcg_gen_mov_i64(c->g64[1], sum);
}

/* Run until at least min_time has passed; returns ns per iteration. */
static double time_ir_loop(IRTCtx *c, LoopKind k, uint64_t iters,
                           uint8_t *guest, uint64_t *result)
{
    IRTEnv env;
    double t0, t;

    irt_begin(c);
    build_loop(c, &k);
    tcg_gen_exit_tb(0, 0);
    if (irt_finish_noexit(c, true) < 0) {
        fprintf(stderr, "tcg_gen_code failed\n");
        exit(1);
    }
    irt_env_init(&env, 1);
    env.g64[0] = 0x9e3779b97f4a7c15ull;
    env.g64[2] = iters;
    memcpy(c->guest, guest, IRT_GUEST_SIZE);
    t0 = now_sec();
    c->s->be->tb_exec(c->s, &env, tcg_splitwx_to_rx(c->s, c->s->code_buf));
    t = now_sec() - t0;
    *result = env.g64[1];
    return t / iters * 1e9;
}

static double time_native(LoopKind k, uint64_t iters, uint8_t *guest,
                          uint64_t *result)
{
    double t0 = now_sec(), t;

    switch (k) {
    case L_XORSHIFT:
        *result = native_xorshift(0x9e3779b97f4a7c15ull, iters);
        break;
    case L_MEMSUM:
        *result = native_memsum(guest, iters);
        break;
    default:
        *result = native_helper(iters);
        break;
    }
    t = now_sec() - t0;
    sink = *result;
    return t / iters * 1e9;
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && strcmp(argv[1], "-q") == 0;
    uint64_t base = quick ? 2000000 : 50000000;
    uint8_t *guest = malloc(IRT_GUEST_SIZE);
    bool jit = irt_have_jit();

    for (int i = 0; i < IRT_GUEST_SIZE; i++) {
        guest[i] = (uint8_t)(i * 37 + 11);
    }

    printf("tern TCG benchmark%s\n\n", quick ? " (quick)" : "");
    printf("(a) translation: guest-like blocks (40 insns) through optimize,"
           " liveness, regalloc, emit\n");
    bench_translate("jit", quick ? 2000 : 20000);
    bench_translate("interp", quick ? 2000 : 20000);

    printf("\n(b) execution: ns per loop iteration (lower is better)\n");
    printf("  %-10s %10s %10s %10s %10s %12s\n", "loop", "native", "jit",
           "interp", "jit/native", "interp/native");
    for (int k = 0; k < NB_LOOPS; k++) {
        uint64_t rn, rj = 0, ri;
        uint64_t iters = k == L_HELPER ? base / 4 : base;
        double tn = 1e9, tj = 1e9, ti = 1e9;
        /* best of 3, after a warm-up run of each */
        time_native(k, iters / 10, guest, &rn);
        for (int rep = 0; rep < 3; rep++) {
            tn = fmin(tn, time_native(k, iters, guest, &rn));
            if (jit) {
                tj = fmin(tj, time_ir_loop(irt_ctx("jit"), k, iters, guest,
                                           &rj));
            }
            /* the interpreter is slower: fewer iterations */
            ti = fmin(ti, time_ir_loop(irt_ctx("interp"), k, iters / 10,
                                       guest, &ri));
        }
        uint64_t rn10;
        time_native(k, iters / 10, guest, &rn10);
        if ((jit && rj != rn) || ri != rn10) {
            printf("  %-10s RESULT MISMATCH: native %" PRIx64 " jit %" PRIx64
                   " interp %" PRIx64 " (native/10 %" PRIx64 ")\n",
                   loop_names[k], rn, rj, ri, rn10);
        }
        if (jit) {
            printf("  %-10s %10.2f %10.2f %10.2f %10.1fx %11.1fx\n",
                   loop_names[k], tn, tj, ti, tj / tn, ti / tn);
        } else {
            printf("  %-10s %10.2f %10s %10.2f %10s %11.1fx\n",
                   loop_names[k], tn, "-", ti, "-", ti / tn);
        }
    }
    free(guest);
    return 0;
}
