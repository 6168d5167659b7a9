/*
 * Shared harness of the IR tests: contexts on each backend, the test
 * helper table, and a reference interpreter of the op list.
 * See tests/unit/irtest.h.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "../irtest.h"

/* ------------------------------------------------------------------ */
/* The test helpers                                                    */

#define HELPER_H "tests/unit/test-helpers.h"
#include "tcg/helper-info.c.inc"
#undef HELPER_H

static inline uint64_t irt_mix(uint64_t x)
{
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ull;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dull;
    return x ^ (x >> 33);
}

uint64_t helper_irt_h0(void)
{
    return 0x0123456789abcdefull;
}

uint32_t helper_irt_h1(uint32_t a)
{
    return (a * 0x9e3779b1u) ^ (a >> 7) ^ 0x5bd1e995u;
}

int64_t helper_irt_h2(int32_t a, uint64_t b)
{
    /* Wrapping arithmetic: signed overflow would be undefined in C. */
    return (int64_t)((uint64_t)(int64_t)a * 3 - b);
}

uint64_t helper_irt_h3(uint64_t a, int32_t b, uint32_t c)
{
    return irt_mix(a) + (uint64_t)(int64_t)b * 5 + ((uint64_t)c << 17);
}

int32_t helper_irt_h4(int64_t a, uint32_t b, uint64_t c, int32_t d)
{
    return (int32_t)((uint32_t)((a >> 13) ^ (int64_t)b ^ (int64_t)(c >> 29))
                     - (uint32_t)d * 7);
}

uint64_t helper_irt_h5(uint32_t a, uint64_t b, int32_t c, uint64_t d,
                       uint32_t e)
{
    return irt_mix(((uint64_t)a << 32) ^ b) + (uint64_t)(int64_t)c * 11
           + (d ^ 0xa5a5a5a5a5a5a5a5ull) * 13 + e;
}

uint64_t helper_irt_h6(uint64_t a, int32_t b, uint64_t c, uint32_t d,
                       int64_t e, uint64_t f)
{
    return (a * 3) ^ ((uint64_t)(int64_t)b << 1) ^ irt_mix(c + 1) ^ d
           ^ ((uint64_t)e >> 3) ^ (f * 0x100000001ull);
}

uint32_t helper_irt_h6w(uint32_t a, int32_t b, uint32_t c, int32_t d,
                        uint32_t e, int32_t f)
{
    /* Each argument weighted differently so a swapped pair shows. */
    return a + (uint32_t)b * 3 + c * 5 + (uint32_t)d * 7 + e * 11
           + (uint32_t)(((int64_t)f) >> 1) * 13;
}

uint64_t helper_irt_ptr_sum(void *p, uint32_t n)
{
    const uint64_t *w = p;
    uint64_t sum = 0;

    for (uint32_t i = 0; i < (n & 7); i++) {
        sum = sum * 31 + w[i];
    }
    return sum;
}

void helper_irt_count(CPUArchState *env)
{
    ((IRTEnv *)env)->aux[0]++;
}

uint64_t helper_irt_count_ret(CPUArchState *env, uint64_t v)
{
    IRTEnv *e = (IRTEnv *)env;

    e->aux[1] = e->aux[1] * 7 + v;
    return e->aux[1];
}

uint64_t helper_irt_env_read(CPUArchState *env)
{
    IRTEnv *e = (IRTEnv *)env;
    uint64_t h = 0;

    for (int i = 0; i < 8; i++) {
        h = irt_mix(h + e->g64[i]) ^ (uint32_t)e->g32[i];
    }
    return h;
}

uint64_t helper_irt_env_hash(CPUArchState *env)
{
    IRTEnv *e = (IRTEnv *)env;
    uint64_t h = 1;

    for (int i = 0; i < 8; i++) {
        h = h * 0x100000001b3ull + e->g64[i];
        h = h * 0x100000001b3ull + (uint32_t)e->g32[i];
    }
    return h;
}

void helper_irt_env_write(CPUArchState *env, uint64_t v)
{
    IRTEnv *e = (IRTEnv *)env;

    e->g64[v & 7] = v ^ 0xfeedfacecafebeefull;
    /* only the low half: the high half is the guard word */
    e->g32[(v >> 3) & 7] = (e->g32[(v >> 3) & 7] & ~0xffffffffull)
                           | (uint32_t)(v >> 32);
}

uint64_t helper_irt_env_rw(CPUArchState *env, uint64_t v, uint32_t idx)
{
    IRTEnv *e = (IRTEnv *)env;
    uint64_t old = e->g64[idx & 7];

    e->g64[idx & 7] = old + v;
    e->g32[(idx >> 3) & 7] = (e->g32[(idx >> 3) & 7] & ~0xffffffffull)
                             | (uint32_t)(old ^ v);
    return old;
}

/* ------------------------------------------------------------------ */
/* Contexts                                                            */

#define IRT_CODE_SIZE (16u << 20)

static IRTCtx *irt_ctx_cache[2];

static IRTCtx *irt_ctx_create(const char *backend)
{
    const TCGBackend *be = tcg_backend_by_name(backend);
    IRTCtx *c;
    char name[32];

    if (!be) {
        return NULL;
    }
    c = calloc(1, sizeof(*c));
    c->name = backend;
    c->s = tcg_context_new(be);
    if (!c->s) {
        fprintf(stderr, "irtest: tcg_context_new(%s) failed\n", backend);
        abort();
    }
    c->buf_size = IRT_CODE_SIZE;
    c->buf = mmap(NULL, c->buf_size, PROT_READ | PROT_WRITE | PROT_EXEC,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (c->buf == MAP_FAILED) {
        perror("irtest: mmap code buffer");
        abort();
    }
    c->guest = mmap(NULL, IRT_GUEST_SIZE + 4096, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (c->guest == MAP_FAILED) {
        perror("irtest: mmap guest buffer");
        abort();
    }

    tcg_ctx = c->s;
    tcg_set_code_buffer(c->s, c->buf, c->buf_size, 0);
    tcg_emit_prologue(c->s);
    c->code_start = c->s->code_gen_ptr;

    tcg_func_start(c->s);
    c->env = tcg_env;
    for (int i = 0; i < IRT_NG64; i++) {
        snprintf(name, sizeof(name), "g64_%d", i);
        c->g64[i] = tcg_global_mem_new_i64(tcg_env, IRT_G64_OFS(i),
                                           strdup(name));
    }
    for (int i = 0; i < IRT_NG32; i++) {
        snprintf(name, sizeof(name), "g32_%d", i);
        c->g32[i] = tcg_global_mem_new_i32(tcg_env, IRT_G32_OFS(i),
                                           strdup(name));
    }
    c->s->mem_mode = TCG_MEM_USER;
    c->s->guest_base = (uintptr_t)c->guest;
    return c;
}

IRTCtx *irt_ctx(const char *backend)
{
    int k = strcmp(backend, "jit") == 0 ? 0 : 1;
    static bool tried[2];

    if (!tried[k]) {
        tried[k] = true;
        irt_ctx_cache[k] = irt_ctx_create(k == 0 ? "jit" : "interp");
        if (irt_ctx_cache[k]) {
            /* the same handles on every context */
            IRTCtx *o = irt_ctx_cache[!k];
            if (o && (o->g64[0].t != irt_ctx_cache[k]->g64[0].t ||
                      o->env.t != irt_ctx_cache[k]->env.t)) {
                fprintf(stderr, "irtest: global handles differ between "
                        "contexts\n");
                abort();
            }
        }
    }
    return irt_ctx_cache[k];
}

bool irt_have_jit(void)
{
    return irt_ctx("jit") != NULL;
}

void irt_begin(IRTCtx *c)
{
    tcg_ctx = c->s;
    tcg_func_start(c->s);
    tcg_env = c->env;
    c->s->mem_mode = TCG_MEM_USER;
    c->s->guest_base = (uintptr_t)c->guest;
}

int irt_finish_noexit(IRTCtx *c, bool optimize)
{
    int r;

    tcg_ctx = c->s;
    c->s->optimize = optimize;
    /* Every block overwrites the previous one. */
    c->s->code_gen_ptr = c->code_start;
    r = tcg_gen_code(c->s);
    c->last_size = r > 0 ? (size_t)r : 0;
    return r;
}

int irt_finish(IRTCtx *c, bool optimize)
{
    tcg_ctx = c->s;
    tcg_gen_exit_tb(0, 0);
    return irt_finish_noexit(c, optimize);
}

uintptr_t irt_exec(IRTCtx *c, IRTEnv *env, uint8_t *guest)
{
    uintptr_t r;

    if (guest) {
        memcpy(c->guest, guest, IRT_GUEST_SIZE);
    }
    r = c->s->be->tb_exec(c->s, env, tcg_splitwx_to_rx(c->s, c->s->code_buf));
    if (guest) {
        memcpy(guest, c->guest, IRT_GUEST_SIZE);
    }
    return r;
}

void irt_env_init(IRTEnv *env, uint64_t seed)
{
    uint64_t st = seed ^ 0x243f6a8885a308d3ull;

    for (int i = 0; i < IRT_NG64; i++) {
        env->g64[i] = irt_rand(&st);
    }
    for (int i = 0; i < IRT_NG32; i++) {
        /* guard pattern in the high half */
        env->g32[i] = (0xdead0000ull + (uint64_t)i) << 32
                      | (uint32_t)irt_rand(&st);
    }
    for (int i = 0; i < IRT_NSCRATCH; i++) {
        env->scratch[i] = irt_rand(&st);
    }
    memset(env->aux, 0, sizeof(env->aux));
}

int irt_reports_left = 4;

static void irt_alarm(int sig)
{
    static const char msg[] = "irtest: time limit exceeded (generated code "
                              "in an endless loop?)\n";
    (void)sig;
    if (write(2, msg, sizeof(msg) - 1) < 0) {
        /* nothing more to do */
    }
    _exit(3);
}

void irt_time_limit(unsigned seconds)
{
    signal(SIGALRM, irt_alarm);
    alarm(seconds);
}

bool irt_run_check(IRTCtx *c, IRTBuildFn build, void *opaque,
                   const IRTEnv *init, const uint8_t *guest_init,
                   bool optimize, FILE *f, const char *what,
                   IRTEnv *out_env)
{
    IRTEnv *ref = malloc(sizeof(*ref)), *got = malloc(sizeof(*got));
    uint8_t *gref = calloc(1, IRT_GUEST_SIZE), *ggot = calloc(1, IRT_GUEST_SIZE);
    uintptr_t ref_exit, got_exit;
    char err[256];
    bool ok = true, quiet = false;
    int r;

    *ref = *init;
    *got = *init;
    if (guest_init) {
        memcpy(gref, guest_init, IRT_GUEST_SIZE);
        memcpy(ggot, guest_init, IRT_GUEST_SIZE);
    }
    irt_begin(c);
    build(c, opaque);
    tcg_gen_exit_tb(0, 0);
    if (!irt_eval(c, ref, gref, &ref_exit, 10000000, err, sizeof(err))) {
        fprintf(f, "%s: the reference interpreter failed: %s\n", what, err);
        irt_dump(c, f, what);
        ok = false;
        goto out;
    }
    r = irt_finish_noexit(c, optimize);
    if (r < 0) {
        fprintf(f, "%s [%s opt=%d]: tcg_gen_code returned %d\n", what,
                c->name, optimize, r);
        ok = false;
        goto out;
    }
    got_exit = irt_exec(c, got, ggot);
    if (irt_reports_left <= 0) {
        /* enough detail printed: just say whether it failed */
        f = fopen("/dev/null", "w");
        quiet = f != NULL;
        if (!f) {
            f = stderr;
        }
    }
    if (got_exit != ref_exit) {
        fprintf(f, "%s [%s opt=%d]: exit value 0x%lx, reference 0x%lx\n",
                what, c->name, optimize, (unsigned long)got_exit,
                (unsigned long)ref_exit);
        ok = false;
    }
    if (memcmp(got, ref, sizeof(*got)) != 0) {
        fprintf(f, "%s [%s opt=%d]: env differs from the reference:\n", what,
                c->name, optimize);
        irt_env_equal(got, ref, f, c->name, "ref");
        ok = false;
    }
    if (memcmp(ggot, gref, IRT_GUEST_SIZE) != 0) {
        fprintf(f, "%s [%s opt=%d]: guest memory differs:\n", what, c->name,
                optimize);
        irt_guest_equal(ggot, gref, IRT_GUEST_SIZE, f, c->name, "ref");
        ok = false;
    }
    if (!ok && quiet) {
        fclose(f);
        f = stderr;
        fprintf(f, "%s [%s opt=%d]: MISMATCH (details omitted)\n", what,
                c->name, optimize);
    } else if (!ok) {
        irt_reports_left--;
        /* the op list as built, before optimization */
        irt_begin(c);
        build(c, opaque);
        tcg_gen_exit_tb(0, 0);
        irt_dump(c, f, what);
    }
out:
    if (out_env) {
        *out_env = *got;
    }
    free(ref);
    free(got);
    free(gref);
    free(ggot);
    return ok;
}

void irt_dump(IRTCtx *c, FILE *f, const char *title)
{
    fprintf(f, "---- %s (%s) ----\n", title, c->name);
    tcg_ctx = c->s;
    tcg_dump_ops(c->s, f, false);
    fprintf(f, "---- end ----\n");
}

int irt_count_ops(IRTCtx *c, TCGOpcode opc)
{
    int n = 0;

    QTAILQ_FOREACH_OP(op, c->s) {
        n += op->opc == opc;
    }
    return n;
}

bool irt_env_equal(const IRTEnv *a, const IRTEnv *b, FILE *f,
                   const char *wa, const char *wb)
{
    bool eq = true;

#define IRT_CMP_ARRAY(field, n, label)                                      \
    for (int i = 0; i < (n); i++) {                                         \
        if (a->field[i] != b->field[i]) {                                   \
            if (f) {                                                        \
                fprintf(f, "  %s[%d]: %s=0x%016" PRIx64 " %s=0x%016"        \
                        PRIx64 "\n", label, i, wa, a->field[i], wb,         \
                        b->field[i]);                                       \
            }                                                               \
            eq = false;                                                     \
        }                                                                   \
    }
    IRT_CMP_ARRAY(g64, IRT_NG64, "g64")
    IRT_CMP_ARRAY(g32, IRT_NG32, "g32")
    IRT_CMP_ARRAY(scratch, IRT_NSCRATCH, "scratch")
    IRT_CMP_ARRAY(aux, 8, "aux")
#undef IRT_CMP_ARRAY
    return eq;
}

bool irt_guest_equal(const uint8_t *a, const uint8_t *b, size_t n, FILE *f,
                     const char *wa, const char *wb)
{
    bool eq = true;
    int shown = 0;

    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            if (f && shown++ < 16) {
                fprintf(f, "  guest[%zu]: %s=0x%02x %s=0x%02x\n", i, wa, a[i],
                        wb, b[i]);
            }
            eq = false;
        }
    }
    return eq;
}

/* ------------------------------------------------------------------ */
/* Reference interpreter                                               */

typedef struct IRTEval {
    TCGContext *s;
    IRTEnv *env;
    uint8_t *guest;
    uint64_t val[TCG_MAX_TEMPS];
    bool def[TCG_MAX_TEMPS];
    char *err;
    size_t errlen;
    bool failed;
} IRTEval;

static void ev_fail(IRTEval *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void ev_fail(IRTEval *e, const char *fmt, ...)
{
    va_list ap;

    if (e->failed) {
        return;
    }
    e->failed = true;
    va_start(ap, fmt);
    vsnprintf(e->err, e->errlen, fmt, ap);
    va_end(ap);
}

static inline uint64_t ev_mask(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static uint64_t ev_read(IRTEval *e, TCGArg a)
{
    TCGContext *s = e->s;
    TCGTemp *ts;

    if (a >= (TCGArg)s->nb_temps) {
        ev_fail(e, "temp index %" PRIu64 " out of range", (uint64_t)a);
        return 0;
    }
    ts = &s->temps[a];
    switch (ts->kind) {
    case TEMP_CONST:
        return ev_mask(ts->type, (uint64_t)ts->val);
    case TEMP_FIXED:
        if (ts == s->env_temp) {
            return (uint64_t)(uintptr_t)e->env;
        }
        ev_fail(e, "read of fixed temp %s", ts->name ? ts->name : "?");
        return 0;
    case TEMP_GLOBAL: {
        uint8_t *p = (uint8_t *)(uintptr_t)ev_read(e, temp_arg(ts->mem_base))
                     + ts->mem_offset;
        if (ts->type == TCG_TYPE_I32) {
            uint32_t v;
            memcpy(&v, p, 4);
            return v;
        } else {
            uint64_t v;
            memcpy(&v, p, 8);
            return v;
        }
    }
    case TEMP_EBB:
    case TEMP_TB:
        if (!e->def[a]) {
            ev_fail(e, "read of undefined temp %" PRIu64 " (%s)", (uint64_t)a,
                    ts->kind == TEMP_EBB ? "ebb" : "tb");
            return 0;
        }
        return e->val[a];
    }
    ev_fail(e, "bad temp kind");
    return 0;
}

static void ev_write(IRTEval *e, TCGArg a, uint64_t v)
{
    TCGContext *s = e->s;
    TCGTemp *ts = &s->temps[a];

    v = ev_mask(ts->type, v);
    switch (ts->kind) {
    case TEMP_GLOBAL: {
        uint8_t *p = (uint8_t *)(uintptr_t)ev_read(e, temp_arg(ts->mem_base))
                     + ts->mem_offset;
        if (ts->type == TCG_TYPE_I32) {
            uint32_t w = (uint32_t)v;
            memcpy(p, &w, 4);
        } else {
            memcpy(p, &v, 8);
        }
        return;
    }
    case TEMP_EBB:
    case TEMP_TB:
        e->val[a] = v;
        e->def[a] = true;
        return;
    default:
        ev_fail(e, "write to a %s temp",
                ts->kind == TEMP_CONST ? "constant" : "fixed");
    }
}

static bool ev_cond(TCGCond c, TCGType t, uint64_t a, uint64_t b)
{
    int64_t sa, sb;

    if (t == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER:  return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ:     return a == b;
    case TCG_COND_NE:     return a != b;
    case TCG_COND_LT:     return sa < sb;
    case TCG_COND_GE:     return sa >= sb;
    case TCG_COND_LE:     return sa <= sb;
    case TCG_COND_GT:     return sa > sb;
    case TCG_COND_LTU:    return a < b;
    case TCG_COND_GEU:    return a >= b;
    case TCG_COND_LEU:    return a <= b;
    case TCG_COND_GTU:    return a > b;
    }
    return false;
}

static inline int64_t ev_sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static inline uint64_t ev_lowmask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

static uint64_t ev_bswap(uint64_t v, unsigned bytes)
{
    uint64_t r = 0;

    for (unsigned i = 0; i < bytes; i++) {
        r = (r << 8) | ((v >> (8 * i)) & 0xff);
    }
    return r;
}

/* Host memory access of size 1/2/4/8 at p. */
static uint64_t ev_load(const void *p, unsigned size)
{
    uint8_t b[8];
    uint64_t v = 0;

    memcpy(b, p, size);
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)b[i] << (8 * i);   /* hosts are little-endian */
    }
    return v;
}

static void ev_store(void *p, uint64_t v, unsigned size)
{
    uint8_t b[8];

    for (unsigned i = 0; i < size; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
    memcpy(p, b, size);
}

/* Call a test helper: the table expanded into typed C calls. */
#define IRT_ARG_i32(x) ((uint32_t)(x))
#define IRT_ARG_s32(x) ((int32_t)(uint32_t)(x))
#define IRT_ARG_i64(x) ((uint64_t)(x))
#define IRT_ARG_s64(x) ((int64_t)(x))
#define IRT_ARG_ptr(x) ((void *)(uintptr_t)(x))
#define IRT_ARG_env(x) ((CPUArchState *)(uintptr_t)(x))
#define IRT_A(t, i) IRT_ARG_##t(a[i])
#define IRT_RET_void(x) ((x), (uint64_t)0)
#define IRT_RET_i32(x) ((uint64_t)(uint32_t)(x))
#define IRT_RET_s32(x) ((uint64_t)(uint32_t)(x))
#define IRT_RET_i64(x) ((uint64_t)(x))
#define IRT_RET_s64(x) ((uint64_t)(x))
#define IRT_RET_ptr(x) ((uint64_t)(uintptr_t)(x))

static bool ev_call_helper(const TCGHelperInfo *info, const uint64_t *a,
                           uint64_t *r)
{
#define DEF_HELPER_FLAGS_0(name, flags, ret) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name()); return true; }
#define DEF_HELPER_FLAGS_1(name, flags, ret, t1) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name(IRT_A(t1, 0))); return true; }
#define DEF_HELPER_FLAGS_2(name, flags, ret, t1, t2) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name(IRT_A(t1, 0), IRT_A(t2, 1))); \
        return true; }
#define DEF_HELPER_FLAGS_3(name, flags, ret, t1, t2, t3) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name(IRT_A(t1, 0), IRT_A(t2, 1), \
                                         IRT_A(t3, 2))); \
        return true; }
#define DEF_HELPER_FLAGS_4(name, flags, ret, t1, t2, t3, t4) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name(IRT_A(t1, 0), IRT_A(t2, 1), \
                                         IRT_A(t3, 2), IRT_A(t4, 3))); \
        return true; }
#define DEF_HELPER_FLAGS_5(name, flags, ret, t1, t2, t3, t4, t5) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name(IRT_A(t1, 0), IRT_A(t2, 1), \
                                         IRT_A(t3, 2), IRT_A(t4, 3), \
                                         IRT_A(t5, 4))); \
        return true; }
#define DEF_HELPER_FLAGS_6(name, flags, ret, t1, t2, t3, t4, t5, t6) \
    if (info == &helper_info_##name) { \
        *r = IRT_RET_##ret(helper_##name(IRT_A(t1, 0), IRT_A(t2, 1), \
                                         IRT_A(t3, 2), IRT_A(t4, 3), \
                                         IRT_A(t5, 4), IRT_A(t6, 5))); \
        return true; }
#include "../test-helpers.h"
#undef DEF_HELPER_FLAGS_0
#undef DEF_HELPER_FLAGS_1
#undef DEF_HELPER_FLAGS_2
#undef DEF_HELPER_FLAGS_3
#undef DEF_HELPER_FLAGS_4
#undef DEF_HELPER_FLAGS_5
#undef DEF_HELPER_FLAGS_6
    return false;
}

static uint8_t *ev_guest_ptr(IRTEval *e, uint64_t addr, unsigned size)
{
    if (addr > IRT_GUEST_SIZE || addr + size > IRT_GUEST_SIZE) {
        ev_fail(e, "guest access 0x%" PRIx64 "+%u out of the buffer", addr,
                size);
        return NULL;
    }
    return e->guest + addr;
}

bool irt_eval(IRTCtx *c, IRTEnv *env, uint8_t *guest, uintptr_t *exit_val,
              long max_steps, char *err, size_t errlen)
{
    TCGContext *s = c->s;
    IRTEval *e = calloc(1, sizeof(*e));
    TCGOp *label_op[TCG_MAX_LABELS] = { 0 };
    TCGOp *op;
    long steps = 0;
    bool ok;

    tcg_ctx = s;
    e->s = s;
    e->env = env;
    e->guest = guest;
    e->err = err;
    e->errlen = errlen;
    if (errlen) {
        err[0] = 0;
    }
    *exit_val = 0;

    QTAILQ_FOREACH_OP(o, s) {
        if (o->opc == INDEX_op_set_label) {
            label_op[o->args[0]] = o;
        }
    }

    op = s->first_op;
    while (op && !e->failed) {
        const TCGArg *x = op->args;
        TCGType t = op->type;
        unsigned w = t == TCG_TYPE_I32 ? 32 : 64;
        TCGOp *next = op->next;
        uint64_t a = 0, b = 0;

        if (++steps > max_steps) {
            ev_fail(e, "more than %ld ops executed", max_steps);
            break;
        }

        switch (op->opc) {
        case INDEX_op_discard:
            if (arg_temp(x[0])->kind == TEMP_EBB ||
                arg_temp(x[0])->kind == TEMP_TB) {
                e->def[x[0]] = false;
            }
            break;
        case INDEX_op_set_label:
            for (int i = s->nb_globals; i < s->nb_temps; i++) {
                if (s->temps[i].kind == TEMP_EBB) {
                    e->def[i] = false;
                }
            }
            break;
        case INDEX_op_insn_start:
        case INDEX_op_mb:
        case INDEX_op_goto_tb:      /* unlinked: falls through */
            break;
        case INDEX_op_mov:
            ev_write(e, x[0], ev_read(e, x[1]));
            break;
        case INDEX_op_movi:
            ev_write(e, x[0], x[1]);
            break;
        case INDEX_op_br:
            next = label_op[x[0]];
            if (!next) {
                ev_fail(e, "br to unset label %" PRIu64, (uint64_t)x[0]);
            }
            break;
        case INDEX_op_brcond:
            a = ev_read(e, x[0]);
            b = ev_read(e, x[1]);
            if (ev_cond((TCGCond)x[2], t, a, b)) {
                next = label_op[x[3]];
                if (!next) {
                    ev_fail(e, "brcond to unset label %" PRIu64,
                            (uint64_t)x[3]);
                }
            }
            break;
        case INDEX_op_setcond:
            ev_write(e, x[0], ev_cond((TCGCond)x[3], t, ev_read(e, x[1]),
                                      ev_read(e, x[2])));
            break;
        case INDEX_op_movcond: {
            uint64_t c1 = ev_read(e, x[1]), c2 = ev_read(e, x[2]);
            uint64_t v1 = ev_read(e, x[3]), v2 = ev_read(e, x[4]);
            ev_write(e, x[0], ev_cond((TCGCond)x[5], t, c1, c2) ? v1 : v2);
            break;
        }

        case INDEX_op_ld8u: case INDEX_op_ld8s:
        case INDEX_op_ld16u: case INDEX_op_ld16s:
        case INDEX_op_ld32u: case INDEX_op_ld32s:
        case INDEX_op_ld: {
            unsigned size = op->opc <= INDEX_op_ld8s ? 1
                          : op->opc <= INDEX_op_ld16s ? 2
                          : op->opc <= INDEX_op_ld32s ? 4 : w / 8;
            bool sign = op->opc == INDEX_op_ld8s || op->opc == INDEX_op_ld16s
                        || op->opc == INDEX_op_ld32s;
            uint8_t *p = (uint8_t *)(uintptr_t)ev_read(e, x[1])
                         + (intptr_t)x[2];
            uint64_t v;
            if (e->failed) {
                break;
            }
            v = ev_load(p, size);
            if (sign) {
                v = (uint64_t)ev_sext(v, size * 8);
            }
            ev_write(e, x[0], v);
            break;
        }
        case INDEX_op_st8: case INDEX_op_st16:
        case INDEX_op_st32: case INDEX_op_st: {
            unsigned size = op->opc == INDEX_op_st8 ? 1
                          : op->opc == INDEX_op_st16 ? 2
                          : op->opc == INDEX_op_st32 ? 4 : w / 8;
            uint64_t v = ev_read(e, x[0]);
            uint8_t *p = (uint8_t *)(uintptr_t)ev_read(e, x[1])
                         + (intptr_t)x[2];
            if (!e->failed) {
                ev_store(p, v, size);
            }
            break;
        }

#define EV_BIN(opname, expr) \
        case INDEX_op_##opname: \
            a = ev_read(e, x[1]); b = ev_read(e, x[2]); \
            ev_write(e, x[0], (expr)); \
            break;
#define EV_UN(opname, expr) \
        case INDEX_op_##opname: \
            a = ev_read(e, x[1]); \
            ev_write(e, x[0], (expr)); \
            break;

        EV_BIN(add, a + b)
        EV_BIN(sub, a - b)
        EV_BIN(mul, a * b)
        EV_UN(neg, -a)
        EV_BIN(and, a & b)
        EV_BIN(or, a | b)
        EV_BIN(xor, a ^ b)
        EV_BIN(andc, a & ~b)
        EV_BIN(orc, a | ~b)
        EV_UN(not, ~a)
        EV_BIN(shl, a << (b & (w - 1)))
        EV_BIN(shr, ev_mask(t, a) >> (b & (w - 1)))
        EV_BIN(sar, (uint64_t)(ev_sext(a, w) >> (b & (w - 1))))
        EV_BIN(rotl, (b & (w - 1)) == 0 ? a
                     : (a << (b & (w - 1))) | (ev_mask(t, a) >> (w - (b & (w - 1)))))
        EV_BIN(rotr, (b & (w - 1)) == 0 ? a
                     : (ev_mask(t, a) >> (b & (w - 1))) | (a << (w - (b & (w - 1)))))
        EV_UN(ext8s, (uint64_t)ev_sext(a, 8))
        EV_UN(ext8u, a & 0xff)
        EV_UN(ext16s, (uint64_t)ev_sext(a, 16))
        EV_UN(ext16u, a & 0xffff)
        EV_UN(ext32s, (uint64_t)ev_sext(a, 32))
        EV_UN(ext32u, a & 0xffffffffull)
        EV_UN(ext_i32_i64, (uint64_t)ev_sext(a, 32))
        EV_UN(extu_i32_i64, a & 0xffffffffull)
        EV_UN(extrl_i64_i32, a & 0xffffffffull)
        EV_UN(extrh_i64_i32, a >> 32)
        EV_UN(bswap16, ev_bswap(a, 2))
        EV_UN(bswap32, ev_bswap(a, 4))
        EV_UN(bswap64, ev_bswap(a, 8))
        EV_BIN(clz, ev_mask(t, a) == 0 ? b
                    : (uint64_t)(__builtin_clzll(ev_mask(t, a)) - (64 - w)))
        EV_BIN(ctz, ev_mask(t, a) == 0 ? b
                    : (uint64_t)__builtin_ctzll(ev_mask(t, a)))
        EV_UN(ctpop, (uint64_t)__builtin_popcountll(ev_mask(t, a)))
#undef EV_BIN
#undef EV_UN

        case INDEX_op_div: case INDEX_op_rem: {
            int64_t sa, sb, q, r;
            a = ev_read(e, x[1]);
            b = ev_read(e, x[2]);
            sa = ev_sext(a, w);
            sb = ev_sext(b, w);
            if (sb == 0) {
                q = 0;
                r = sa;
            } else if (sb == -1) {
                /* no overflow trap: MIN / -1 = MIN, MIN % -1 = 0 */
                q = (int64_t)(0 - (uint64_t)sa);
                r = 0;
            } else {
                q = sa / sb;
                r = sa % sb;
            }
            ev_write(e, x[0], (uint64_t)(op->opc == INDEX_op_div ? q : r));
            break;
        }
        case INDEX_op_divu: case INDEX_op_remu:
            a = ev_mask(t, ev_read(e, x[1]));
            b = ev_mask(t, ev_read(e, x[2]));
            if (op->opc == INDEX_op_divu) {
                ev_write(e, x[0], b ? a / b : 0);
            } else {
                ev_write(e, x[0], b ? a % b : a);
            }
            break;

        case INDEX_op_deposit: {
            unsigned pos = x[3], len = x[4];
            uint64_t m;
            if (len == 0 || pos + len > w) {
                ev_fail(e, "deposit pos %u len %u", pos, len);
                break;
            }
            m = ev_lowmask(len) << pos;
            a = ev_read(e, x[1]);
            b = ev_read(e, x[2]);
            ev_write(e, x[0], (a & ~m) | ((b << pos) & m));
            break;
        }
        case INDEX_op_extract:
        case INDEX_op_sextract: {
            unsigned pos = x[2], len = x[3];
            uint64_t v;
            if (len == 0 || pos + len > w) {
                ev_fail(e, "extract pos %u len %u", pos, len);
                break;
            }
            v = (ev_mask(t, ev_read(e, x[1])) >> pos) & ev_lowmask(len);
            if (op->opc == INDEX_op_sextract) {
                v = (uint64_t)ev_sext(v, len);
            }
            ev_write(e, x[0], v);
            break;
        }
        case INDEX_op_extract2: {
            unsigned pos = x[3];
            if (pos >= w) {
                ev_fail(e, "extract2 pos %u", pos);
                break;
            }
            a = ev_mask(t, ev_read(e, x[1]));
            b = ev_mask(t, ev_read(e, x[2]));
            ev_write(e, x[0], pos == 0 ? a : (a >> pos) | (b << (w - pos)));
            break;
        }

        case INDEX_op_add2:
        case INDEX_op_sub2: {
            uint64_t al = ev_read(e, x[2]), ah = ev_read(e, x[3]);
            uint64_t bl = ev_read(e, x[4]), bh = ev_read(e, x[5]);
            uint64_t lo, hi;
            if (w == 64) {
                unsigned __int128 A = ((unsigned __int128)ah << 64) | al;
                unsigned __int128 B = ((unsigned __int128)bh << 64) | bl;
                unsigned __int128 R = op->opc == INDEX_op_add2 ? A + B : A - B;
                lo = (uint64_t)R;
                hi = (uint64_t)(R >> 64);
            } else {
                uint64_t A = (ah << 32) | (uint32_t)al;
                uint64_t B = (bh << 32) | (uint32_t)bl;
                uint64_t R = op->opc == INDEX_op_add2 ? A + B : A - B;
                lo = (uint32_t)R;
                hi = R >> 32;
            }
            if (!e->failed) {
                ev_write(e, x[0], lo);
                ev_write(e, x[1], hi);
            }
            break;
        }
        case INDEX_op_mulu2:
        case INDEX_op_muls2: {
            uint64_t lo, hi;
            a = ev_read(e, x[2]);
            b = ev_read(e, x[3]);
            if (w == 64) {
                if (op->opc == INDEX_op_mulu2) {
                    unsigned __int128 R = (unsigned __int128)a * b;
                    lo = (uint64_t)R;
                    hi = (uint64_t)(R >> 64);
                } else {
                    __int128 R = (__int128)(int64_t)a * (int64_t)b;
                    lo = (uint64_t)R;
                    hi = (uint64_t)((unsigned __int128)R >> 64);
                }
            } else {
                uint64_t R = op->opc == INDEX_op_mulu2
                    ? (uint64_t)(uint32_t)a * (uint32_t)b
                    : (uint64_t)((int64_t)(int32_t)a * (int32_t)b);
                lo = (uint32_t)R;
                hi = R >> 32;
            }
            if (!e->failed) {
                ev_write(e, x[0], lo);
                ev_write(e, x[1], hi);
            }
            break;
        }

        case INDEX_op_qemu_ld: {
            MemOp mop = get_memop((MemOpIdx)x[2]);
            unsigned size = memop_size(mop);
            uint8_t *p = ev_guest_ptr(e, ev_read(e, x[1]), size);
            uint64_t v;
            if (!p || e->failed) {
                break;
            }
            v = ev_load(p, size);
            if (mop & MO_BSWAP) {
                v = ev_bswap(v, size);
            }
            if (mop & MO_SIGN) {
                v = (uint64_t)ev_sext(v, size * 8);
            }
            ev_write(e, x[0], v);
            break;
        }
        case INDEX_op_qemu_st: {
            MemOp mop = get_memop((MemOpIdx)x[2]);
            unsigned size = memop_size(mop);
            uint64_t v = ev_read(e, x[0]);
            uint8_t *p = ev_guest_ptr(e, ev_read(e, x[1]), size);
            if (!p || e->failed) {
                break;
            }
            if (mop & MO_BSWAP) {
                v = ev_bswap(v, size);
            }
            ev_store(p, v, size);
            break;
        }

        case INDEX_op_call: {
            unsigned no = TCGOP_CALLO(op), ni = TCGOP_CALLI(op);
            const TCGHelperInfo *info =
                (const TCGHelperInfo *)(uintptr_t)x[no + ni + 1];
            uint64_t in[TCG_MAX_CALL_IARGS], r = 0;
            for (unsigned i = 0; i < ni; i++) {
                in[i] = ev_read(e, x[no + i]);
            }
            if (e->failed) {
                break;
            }
            if (!ev_call_helper(info, in, &r)) {
                ev_fail(e, "call of unknown helper %s", info->name);
                break;
            }
            if (no) {
                ev_write(e, x[0], r);
            }
            break;
        }

        case INDEX_op_exit_tb:
            *exit_val = (uintptr_t)x[0];
            next = NULL;
            break;
        case INDEX_op_goto_ptr:
            ev_fail(e, "goto_ptr is not supported by the reference");
            break;
        default:
            ev_fail(e, "op %d (%s) is not supported by the reference",
                    (int)op->opc, (unsigned)op->opc < NB_OPS
                    ? tcg_op_defs[(unsigned)op->opc % NB_OPS].name : "?");
            break;
        }
        op = next;
    }
    ok = !e->failed;
    free(e);
    return ok;
}

/*
 * The context for a test, or NULL when the caller should return: the
 * backend is missing (skip), or this is the parent process.  Each test
 * runs in a child process so that an abort or a crash in generated code
 * fails that test only, not every test after it.
 */
IRTCtx *irt_ctx_for_test(const char *backend)
{
    IRTCtx *c;

    if (!g_test_subprocess()) {
        if (!tcg_backend_by_name(backend)) {
            g_test_skip("backend not available on this host");
            return NULL;
        }
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return NULL;
    }
    irt_time_limit(120);
    c = irt_ctx(backend);
    g_assert_nonnull(c);
    return c;
}
