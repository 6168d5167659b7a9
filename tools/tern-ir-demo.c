/*
 * tern-ir-demo: build a small IR program by hand, compile it with the
 * JIT (or the interpreter) and run it.  With -d op,op_opt,out_asm the log
 * shows each step: the IR as the "front end" wrote it, the IR after the
 * optimizer, and the host code the backend produced.
 *
 * The program computes, for n = the -n argument (default 90):
 *   fib  = the n-th Fibonacci number (a loop with a backward branch)
 *   bits = popcount(fib) + clz(fib)   (bit-count ops)
 *   mix  = a C helper called from generated code (mix64(fib, n))
 *   sum  = 8 + 9 + ... folded to a constant by the optimizer
 * and checks every value against the same computation in C.
 *
 * Usage: tern-ir-demo [-accel tcg[,backend=jit|interp][,tb-size=MiB]
 *                     [,split-wx=on|off][,optimize=on|off]] [-d items]
 *                     [-D logfile] [-n N] [-h]
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accel/tcg-opts.h"
#include "tcg/tcg-op.h"
#include "util/log.h"

/* The "CPU state" the IR program works on. */
typedef struct DemoEnv {
    uint64_t n, fib, bits, mix, sum;
} DemoEnv;

/* A helper: declared once in a table, called from generated code. */
uint64_t helper_demo_mix(uint64_t x, uint32_t k);

uint64_t helper_demo_mix(uint64_t x, uint32_t k)
{
    x ^= x >> 31;
    x *= 0x9e3779b97f4a7c15ull;
    return x ^ ((uint64_t)k << 32);
}

#define HELPER_H "tools/demo-helpers.h"
#include "tcg/helper-info.c.inc"
#include "tcg/helper-gen.h.inc"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: tern-ir-demo [-accel tcg[,prop=value...]] [-d items] "
            "[-D logfile] [-n N]\n"
            "  Builds an IR program by hand, compiles it and runs it.\n"
            "  -accel tcg,backend=jit|interp,tb-size=MiB,split-wx=on|off,"
            "optimize=on|off\n"
            "                        code generator settings (-accel help)\n"
            "  -d items              log items, e.g. op,op_opt,out_asm "
            "(-d help lists them)\n"
            "  -D logfile            write the log to logfile instead of "
            "stderr\n"
            "  -n N                  which Fibonacci number to compute "
            "(0..93, default 90)\n");
}

static void build_program(void)
{
    TCGv_i64 n = tcg_global_mem_new_i64(tcg_env, offsetof(DemoEnv, n), "n");
    TCGv_i64 fib = tcg_global_mem_new_i64(tcg_env, offsetof(DemoEnv, fib), "fib");
    TCGv_i64 bits = tcg_global_mem_new_i64(tcg_env, offsetof(DemoEnv, bits), "bits");
    TCGv_i64 mix = tcg_global_mem_new_i64(tcg_env, offsetof(DemoEnv, mix), "mix");
    TCGv_i64 sum = tcg_global_mem_new_i64(tcg_env, offsetof(DemoEnv, sum), "sum");
    TCGv_i64 a, b, i, t;
    TCGv_i32 k;
    TCGLabel *loop, *done;

    /* Globals are made once per context; the block starts here. */
    tcg_func_start(tcg_ctx);
    a = tcg_temp_new_tb_i64();
    b = tcg_temp_new_tb_i64();
    i = tcg_temp_new_tb_i64();
    t = tcg_temp_new_i64();
    k = tcg_temp_new_i32();
    loop = gen_new_label();
    done = gen_new_label();
    tcg_gen_insn_start(0x1000, 0);
    /* a, b = 0, 1; for (i = n; i != 0; i--) { a, b = b, a + b } */
    tcg_gen_movi_i64(a, 0);
    tcg_gen_movi_i64(b, 1);
    tcg_gen_mov_i64(i, n);
    tcg_gen_set_label(loop);
    tcg_gen_brcondi_i64(TCG_COND_EQ, i, 0, done);
    tcg_gen_add_i64(t, a, b);
    tcg_gen_mov_i64(a, b);
    tcg_gen_mov_i64(b, t);
    tcg_gen_subi_i64(i, i, 1);
    tcg_gen_br(loop);
    tcg_gen_set_label(done);
    tcg_gen_mov_i64(fib, a);

    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_ctpop_i64(t, fib);
    tcg_gen_clzi_i64(bits, fib, 64);
    tcg_gen_add_i64(bits, bits, t);

    tcg_gen_insn_start(0x1008, 0);
    tcg_gen_extrl_i64_i32(k, n);
    gen_helper_demo_mix(mix, fib, k);

    tcg_gen_insn_start(0x100c, 0);
    /* Constant work for the optimizer: (8 + 9) * 4 - (1 << 3) = 60. */
    tcg_gen_movi_i64(t, 8);
    tcg_gen_addi_i64(t, t, 9);
    tcg_gen_muli_i64(t, t, 4);
    tcg_gen_subi_i64(sum, t, 1 << 3);
    tcg_gen_exit_tb(0, 0);
}

int main(int argc, char **argv)
{
    const char *logfile = NULL, *err;
    long n = 90;
    TCGAccelConfig cfg = { 0 };
    TCGContext *s;
    DemoEnv env = { 0 };
    int size, ret;

    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "-h") || !strcmp(o, "-help") || !strcmp(o, "--help")) {
            usage(stdout);
            return 0;
        }
        if (o[0] != '-' || o[1] == 0) {
            fprintf(stderr, "tern-ir-demo: unexpected argument '%s'\n", o);
            usage(stderr);
            return 1;
        }
        if (!v) {
            fprintf(stderr, "tern-ir-demo: option '%s' needs an argument\n", o);
            return 1;
        }
        i++;
        if (!strcmp(o, "-accel")) {
            if (!strcmp(v, "help")) {
                tcg_accel_help(stdout);
                return 0;
            }
            if (tcg_accel_parse_opts(v, &cfg, &err) < 0) {
                fprintf(stderr, "tern-ir-demo: %s\n", err);
                return 1;
            }
        } else if (!strcmp(o, "-d")) {
            int mask = tern_log_parse(v, &err);
            if (mask < 0) {
                fprintf(stderr, "tern-ir-demo: -d %s: %s\n", v, err);
                return 1;
            }
            if (!strcmp(v, "help")) {
                return 0;
            }
            tern_loglevel = mask;
        } else if (!strcmp(o, "-D")) {
            logfile = v;
        } else if (!strcmp(o, "-n")) {
            char *end;
            n = strtol(v, &end, 0);
            if (*end || n < 0 || n > 93) {
                fprintf(stderr, "tern-ir-demo: -n %s: expected a number from "
                        "0 to 93\n", v);
                return 1;
            }
        } else {
            fprintf(stderr, "tern-ir-demo: unknown option '%s'\n", o);
            usage(stderr);
            return 1;
        }
    }
    if (logfile && !tern_log_set_file(logfile)) {
        fprintf(stderr, "tern-ir-demo: -D %s: %s\n", logfile, strerror(errno));
        return 1;
    }
    ret = tcg_exec_init(&cfg, &err);
    if (ret < 0) {
        fprintf(stderr, "tern-ir-demo: %s: %s\n", err, strerror(-ret));
        return 1;
    }
    s = tcg_exec_context();

    build_program();
    if (tern_log_enabled(LOG_OP)) {
        FILE *f = tern_log_lock();
        fprintf(f, "OP:\n");
        tcg_dump_ops(s, f, false);
        fputc('\n', f);
        tern_log_unlock(f);
    }
    size = tcg_gen_code(s);
    if (size < 0) {
        fprintf(stderr, "tern-ir-demo: code generation failed (%d)\n", size);
        return 1;
    }

    env.n = n;
    s->be->tb_exec(s, &env, tcg_splitwx_to_rx(s, s->code_buf));

    /* The same computation in C. */
    uint64_t a = 0, b = 1;
    for (long i = 0; i < n; i++) {
        uint64_t t = a + b;
        a = b;
        b = t;
    }
    uint64_t want_bits = __builtin_popcountll(a) + (a ? __builtin_clzll(a) : 64);
    uint64_t want_mix = helper_demo_mix(a, (uint32_t)n);
    bool ok = env.fib == a && env.bits == want_bits && env.mix == want_mix &&
              env.sum == 60;

    printf("backend %s, %d bytes of host code\n", s->be->name, size);
    printf("fib(%ld) = %" PRIu64 "\n", n, env.fib);
    printf("popcount + clz = %" PRIu64 "\n", env.bits);
    printf("mix64 helper  = 0x%016" PRIx64 "\n", env.mix);
    printf("folded sum    = %" PRIu64 "\n", env.sum);
    printf("%s\n", ok ? "all values match the C reference"
                      : "MISMATCH against the C reference");
    tcg_exec_cleanup();
    return ok ? 0 : 1;
}
