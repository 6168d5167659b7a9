/*
 * Shared harness for the IR tests (test-ir-ops, test-ir-calls,
 * test-ir-random) and the TCG benchmark.
 *
 * An IRTCtx is one TCGContext on one backend with its own code buffer,
 * a fixed set of globals over an IRTEnv (the fake CPU state) and a guest
 * buffer reached by qemu_ld/st in user mode.  Globals are created in the
 * same order on every context, so a TCGv handle built on one context
 * names the same global on every other: the same generator code can
 * build the same program on each backend.
 *
 * A test builds a program between irt_begin() and irt_finish() with the
 * tcg-op.h API, then runs it with irt_exec().  irt_eval() interprets the
 * (unoptimized) op list in C: an independent reference that catches bugs
 * common to both backends.
 */
#ifndef TESTS_UNIT_IRTEST_H
#define TESTS_UNIT_IRTEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"

/* Globals: IRT_NG64 i64 globals, IRT_NG32 i32 globals. */
#define IRT_NG64 96
#define IRT_NG32 96
#define IRT_NSCRATCH 32         /* u64 words reached only by host ld/st */
#define IRT_GUEST_SIZE 4096     /* bytes of guest memory (qemu_ld/st) */

/*
 * The fake CPU state.  i32 globals live in the low half of a 64-bit word
 * whose high half must never change (catches over-wide stores).  The
 * scratch area is never a global (aliasing a global through ld/st is
 * not allowed by the IR), the helpers use "aux".
 */
typedef struct IRTEnv {
    uint64_t g64[IRT_NG64];
    uint64_t g32[IRT_NG32];             /* low 32 bits: global; high: guard */
    uint64_t scratch[IRT_NSCRATCH];
    uint64_t aux[8];                    /* helpers' private state */
} IRTEnv;

#define IRT_G64_OFS(i)     ((intptr_t)offsetof(IRTEnv, g64) + 8 * (i))
#define IRT_G32_OFS(i)     ((intptr_t)offsetof(IRTEnv, g32) + 8 * (i))
#define IRT_SCRATCH_OFS(i) ((intptr_t)offsetof(IRTEnv, scratch) + 8 * (i))

typedef struct IRTCtx {
    const char *name;           /* "jit" or "interp" */
    TCGContext *s;
    uint8_t *buf;               /* code buffer (rw == rx) */
    size_t buf_size;
    uint8_t *code_start;        /* first byte after the prologue */
    uint8_t *guest;             /* guest memory: s->guest_base */
    TCGv_ptr env;
    TCGv_i64 g64[IRT_NG64];
    TCGv_i32 g32[IRT_NG32];
    size_t last_size;           /* size of the last generated block */
} IRTCtx;

/* The context for a backend ("jit", "interp"); NULL when unavailable.
 * Contexts are created once and cached. */
IRTCtx *irt_ctx(const char *backend);
/*
 * For a GTest case: in the parent, skip if the backend is missing or run
 * the case again in a child (so a crash fails only this case) and return
 * NULL; in the child, return the context.
 */
IRTCtx *irt_ctx_for_test(const char *backend);
/* True when the JIT backend exists on this host/build. */
bool irt_have_jit(void);

/* Start a program on c (makes c current: tcg_ctx, tcg_env). */
void irt_begin(IRTCtx *c);
/*
 * End the program with exit_tb(0, 0) (unless no_exit) and generate code
 * with the optimizer on or off.  Returns the tcg_gen_code result (size or
 * negative error).
 */
int irt_finish(IRTCtx *c, bool optimize);
int irt_finish_noexit(IRTCtx *c, bool optimize);
/* Run the block generated last: copies guest[] into the context's guest
 * memory and back.  guest may be NULL.  Returns the exit_tb value. */
uintptr_t irt_exec(IRTCtx *c, IRTEnv *env, uint8_t *guest);

/* A deterministic, well-mixed initial state. */
void irt_env_init(IRTEnv *env, uint64_t seed);

/*
 * Reference interpreter of the current op list of c (call it before
 * irt_finish: it needs the unoptimized list).  Globals are read and
 * written in env's memory, host ld/st go through real pointers (the env
 * temp evaluates to env), qemu_ld/st to guest[].  Loops are allowed;
 * max_steps bounds the ops executed.  Returns true and *exit_val on
 * success; false with a message in err for an ill-formed program (read
 * of an undefined temp, unknown op, step limit).
 */
bool irt_eval(IRTCtx *c, IRTEnv *env, uint8_t *guest, uintptr_t *exit_val,
              long max_steps, char *err, size_t errlen);

/*
 * Build a program with build(c, opaque) on c, evaluate it with irt_eval
 * from init/guest_init, generate it with the optimizer on or off, run it
 * from the same state and compare everything (env, guest memory, exit
 * value).  On a mismatch, describe it and the op list to f and return
 * false.  guest_init may be NULL.  If out_env is not NULL it receives the
 * state after the generated code ran.
 */
typedef void (*IRTBuildFn)(IRTCtx *c, void *opaque);
bool irt_run_check(IRTCtx *c, IRTBuildFn build, void *opaque,
                   const IRTEnv *init, const uint8_t *guest_init,
                   bool optimize, FILE *f, const char *what,
                   IRTEnv *out_env);

/* Detailed mismatch reports irt_run_check still prints (then one line
 * each). */
extern int irt_reports_left;

/* Kill the process with a message after this many seconds (generated
 * code looping forever must fail a test, not hang the suite). */
void irt_time_limit(unsigned seconds);

/* Dump the current op list of c to f (with a title line). */
void irt_dump(IRTCtx *c, FILE *f, const char *title);

/* Number of ops of the given opcode in the current list. */
int irt_count_ops(IRTCtx *c, TCGOpcode opc);

/* Compare two envs / guest buffers; print differences to f with a prefix.
 * Returns true when equal. */
bool irt_env_equal(const IRTEnv *a, const IRTEnv *b, FILE *f,
                   const char *what_a, const char *what_b);
bool irt_guest_equal(const uint8_t *a, const uint8_t *b, size_t n, FILE *f,
                     const char *what_a, const char *what_b);

/* splitmix64: the PRNG of the random tests. */
static inline uint64_t irt_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline unsigned irt_rand_below(uint64_t *state, unsigned n)
{
    return (unsigned)(irt_rand(state) % n);
}

/* ------------------------------------------------------------------ */
/* Test helpers (tests/unit/test-helpers.h), defined in support/irtest.c */

#define HELPER_H "tests/unit/test-helpers.h"
#include "tcg/helper-proto.h.inc"
#include "tcg/helper-gen.h.inc"
#undef HELPER_H

/* Which global/aux slots the env helpers touch. */
#define IRT_HELPER_RD_G64  5    /* irt_env_read reads g64[5], g32[5] */
#define IRT_HELPER_WR_G64  6    /* irt_env_write writes g64[6], g32[6] */
/* Count of irt_count calls lives in aux[0]. */

#endif
