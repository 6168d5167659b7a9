/*
 * Unit tests of the interpreter backend (tcg/tci/tci.c) at the backend
 * interface: bytecode is emitted through the backend's out_* hooks into a
 * buffer (as the register allocator would, but with hand-picked
 * registers) and run with tb_exec.  Every integer op is checked against a
 * reference model written independently of the interpreter, with garbage
 * in the high half of i32 inputs; control flow, helper calls through
 * libffi, guest memory in user and soft-MMU mode, goto_tb linking, a split
 * (W^X) code buffer and the disassembler are covered too.
 */
#define _GNU_SOURCE
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "tcg/helper-macros.h"
#include "exec/tlb-common.h"

#define BUF_SIZE (256 * 1024)

/* ------------------------------------------------------------------ */
/* A hand-made context                                                 */

typedef struct Harness {
    TCGContext *s;
    uint8_t *rw, *rx;
    bool split;
} Harness;

static void harness_init(Harness *h, bool split)
{
    TCGContext *s;

    h->split = split;
    if (split) {
        int fd = memfd_create("tci-test", 0);
        g_assert_cmpint(fd, >=, 0);
        g_assert_cmpint(ftruncate(fd, BUF_SIZE), ==, 0);
        h->rw = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        h->rx = mmap(NULL, BUF_SIZE, PROT_READ, MAP_SHARED, fd, 0);
        g_assert(h->rw != MAP_FAILED && h->rx != MAP_FAILED);
        close(fd);
    } else {
        h->rw = h->rx = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE,
                             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        g_assert(h->rw != MAP_FAILED);
    }
    s = h->s = tcg_context_new(&tcg_backend_interp);
    g_assert(s);
    tcg_set_code_buffer(s, h->rw, BUF_SIZE, h->rx - h->rw);
    tcg_emit_prologue(s);
    g_assert(s->code_gen_epilogue == h->rx);
}

static void harness_free(Harness *h)
{
    munmap(h->rw, BUF_SIZE);
    if (h->split) {
        munmap(h->rx, BUF_SIZE);
    }
    tcg_context_free(h->s);
}

#define NB_TEST_LABELS 8

/* Start a new block at the current emission point, with labels 0..7. */
static const void *block_start(Harness *h)
{
    TCGContext *s = h->s;

    tcg_func_start(s);
    for (int i = 0; i < NB_TEST_LABELS; i++) {
        g_assert_cmpint(gen_new_label()->id, ==, i);
    }
    if (s->code_ptr > s->code_gen_highwater) {
        s->code_ptr = s->code_gen_ptr;      /* "flush": start over */
    }
    if (s->code_ptr < s->code_gen_ptr) {
        s->code_ptr = s->code_gen_ptr;
    }
    /* Keep blocks 4-byte aligned, as tcg_gen_code's callers do. */
    while ((uintptr_t)s->code_ptr & 3) {
        tcg_out8(s, 0);
    }
    s->code_buf = s->code_ptr;
    return tcg_splitwx_to_rx(s, s->code_buf);
}

/* Patch the relocations and finish the block, as tcg_gen_code does. */
static void block_end(Harness *h)
{
    TCGContext *s = h->s;

    g_assert(s->be->tb_finalize(s));
    g_assert(!s->ops_overflow);
    tcg_resolve_block_relocs(s);
}

static void emit(TCGContext *s, TCGOpcode opc, TCGType type, int nargs,
                 const TCGArg *args)
{
    TCGOp op = { .opc = opc, .type = type, .nargs = nargs };
    int const_args[TCG_MAX_OP_ARGS] = { 0 };

    memcpy(op.args, args, nargs * sizeof(TCGArg));
    s->be->out_op(s, &op, op.args, const_args);
}

/* E(s, add, I64, out, a, b): every argument converted to TCGArg. */
#define E(s, opc, type, ...) \
    emit(s, INDEX_op_##opc, TCG_TYPE_##type, \
         (int)(sizeof((TCGArg[]){ __VA_ARGS__ }) / sizeof(TCGArg)), \
         (TCGArg[]){ __VA_ARGS__ })

static void bind(TCGContext *s, int label)
{
    tcg_out_label(s, &s->labels[label]);
}

#define ENV 14
#define FRAME 15

static uintptr_t run(Harness *h, const void *code, void *env)
{
    return h->s->be->tb_exec(h->s, env, code);
}

/* ------------------------------------------------------------------ */
/* Reference model of the integer ops                                  */

static uint64_t wmask(TCGType t)
{
    return t == TCG_TYPE_I32 ? 0xffffffffull : ~0ull;
}

static unsigned wbits(TCGType t)
{
    return t == TCG_TYPE_I32 ? 32 : 64;
}

static __int128 sval(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (int32_t)v : (int64_t)v;
}

static bool ref_cond(TCGCond c, TCGType t, uint64_t a, uint64_t b)
{
    __int128 sa = sval(t, a), sb = sval(t, b);
    uint64_t ua = a & wmask(t), ub = b & wmask(t);

    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return ua == ub;
    case TCG_COND_NE: return ua != ub;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return ua < ub;
    case TCG_COND_GEU: return ua >= ub;
    case TCG_COND_LEU: return ua <= ub;
    case TCG_COND_GTU: return ua > ub;
    }
    g_assert_not_reached();
}

static uint64_t bit_at(uint64_t v, unsigned i)
{
    return (v >> i) & 1;
}

/* One output (or two for the double-word ops) from inputs and constants. */
static void ref_op(TCGOpcode opc, TCGType t, const uint64_t *in,
                   const uint64_t *c, uint64_t *out)
{
    unsigned w = wbits(t);
    uint64_t m = wmask(t);
    uint64_t a = in[0] & m, b = in[1] & m, r = 0;

    switch (opc) {
    case INDEX_op_add: r = a + b; break;
    case INDEX_op_sub: r = a - b; break;
    case INDEX_op_mul: r = a * b; break;
    case INDEX_op_neg: r = 0 - a; break;
    case INDEX_op_and: r = a & b; break;
    case INDEX_op_or: r = a | b; break;
    case INDEX_op_xor: r = a ^ b; break;
    case INDEX_op_andc: r = a & ~b; break;
    case INDEX_op_orc: r = a | ~b; break;
    case INDEX_op_not: r = ~a; break;
    case INDEX_op_div:
        r = b == 0 ? 0 : (uint64_t)(sval(t, a) / sval(t, b));
        break;
    case INDEX_op_rem:
        r = b == 0 ? a : (uint64_t)(sval(t, a) % sval(t, b));
        break;
    case INDEX_op_divu: r = b == 0 ? 0 : a / b; break;
    case INDEX_op_remu: r = b == 0 ? a : a % b; break;
    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
    case INDEX_op_rotl:
    case INDEX_op_rotr:
        r = a;
        for (unsigned i = 0; i < (b & (w - 1)); i++) {
            uint64_t top = bit_at(r, w - 1), low = r & 1;
            switch (opc) {
            case INDEX_op_shl: r = r << 1; break;
            case INDEX_op_shr: r = r >> 1; break;
            case INDEX_op_sar: r = r >> 1 | top << (w - 1); break;
            case INDEX_op_rotl: r = r << 1 | top; break;
            default: r = r >> 1 | low << (w - 1); break;
            }
            r &= m;
        }
        break;
    case INDEX_op_ext8s: r = (uint64_t)(int64_t)(int8_t)a; break;
    case INDEX_op_ext8u: r = a & 0xff; break;
    case INDEX_op_ext16s: r = (uint64_t)(int64_t)(int16_t)a; break;
    case INDEX_op_ext16u: r = a & 0xffff; break;
    case INDEX_op_ext32s: r = (uint64_t)(int64_t)(int32_t)a; break;
    case INDEX_op_ext32u: r = a & 0xffffffff; break;
    case INDEX_op_ext_i32_i64: r = (uint64_t)(int64_t)(int32_t)in[0]; break;
    case INDEX_op_extu_i32_i64: r = (uint32_t)in[0]; break;
    case INDEX_op_extrl_i64_i32: r = in[0]; break;
    case INDEX_op_extrh_i64_i32: r = in[0] >> 32; break;
    case INDEX_op_bswap16: r = (a & 0xff) << 8 | (a >> 8 & 0xff); break;
    case INDEX_op_bswap32:
    case INDEX_op_bswap64: {
        unsigned n = opc == INDEX_op_bswap32 ? 4 : 8;
        for (unsigned i = 0; i < n; i++) {
            r |= ((a >> (8 * i)) & 0xff) << (8 * (n - 1 - i));
        }
        break;
    }
    case INDEX_op_clz:
        r = b;
        for (unsigned i = 0; i < w; i++) {
            if (bit_at(a, w - 1 - i)) {
                r = i;
                break;
            }
        }
        break;
    case INDEX_op_ctz:
        r = b;
        for (unsigned i = 0; i < w; i++) {
            if (bit_at(a, i)) {
                r = i;
                break;
            }
        }
        break;
    case INDEX_op_ctpop:
        for (unsigned i = 0; i < w; i++) {
            r += bit_at(a, i);
        }
        break;
    case INDEX_op_setcond:
        r = ref_cond((TCGCond)c[0], t, in[0], in[1]);
        break;
    case INDEX_op_movcond:
        r = ref_cond((TCGCond)c[0], t, in[0], in[1]) ? in[2] : in[3];
        break;
    case INDEX_op_deposit:
        r = a;
        for (unsigned i = 0; i < c[1]; i++) {
            r &= ~(1ull << (c[0] + i));
            r |= bit_at(b, i) << (c[0] + i);
        }
        break;
    case INDEX_op_extract:
    case INDEX_op_sextract:
        for (unsigned i = 0; i < w; i++) {
            unsigned src = c[0] + (i < c[1] ? i : c[1] - 1);
            if (i < c[1] || opc == INDEX_op_sextract) {
                r |= bit_at(a, src) << i;
            }
        }
        break;
    case INDEX_op_extract2:
        for (unsigned i = 0; i < w; i++) {
            unsigned src = c[0] + i;
            r |= (src < w ? bit_at(a, src) : bit_at(b, src - w)) << i;
        }
        break;
    case INDEX_op_add2:
    case INDEX_op_sub2: {
        uint64_t al = in[0] & m, ah = in[1] & m, bl = in[2] & m, bh = in[3] & m;
        uint64_t lo, carry;
        if (opc == INDEX_op_add2) {
            lo = (al + bl) & m;
            carry = lo < al;
            out[1] = (ah + bh + carry) & m;
        } else {
            lo = (al - bl) & m;
            carry = al < bl;
            out[1] = (ah - bh - carry) & m;
        }
        out[0] = lo;
        return;
    }
    case INDEX_op_mulu2:
    case INDEX_op_muls2: {
        /* Schoolbook on 32-bit digits of the absolute values. */
        bool neg = false;
        uint64_t x = a, y = b, d[4] = { 0 };
        if (opc == INDEX_op_muls2) {
            if (sval(t, a) < 0) {
                x = (0 - a) & m;
                neg = !neg;
            }
            if (sval(t, b) < 0) {
                y = (0 - b) & m;
                neg = !neg;
            }
        }
        if (w == 32) {
            uint64_t p = x * y;
            d[0] = p & m;
            d[1] = p >> 32;
        } else {
            uint64_t x0 = (uint32_t)x, x1 = x >> 32, y0 = (uint32_t)y, y1 = y >> 32;
            uint64_t p00 = x0 * y0, p01 = x0 * y1, p10 = x1 * y0, p11 = x1 * y1;
            uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
            d[0] = (uint32_t)p00 | mid << 32;
            d[1] = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
        }
        if (neg) {
            d[0] = (~d[0] + 1) & m;
            d[1] = (~d[1] + (d[0] == 0)) & m;
        }
        out[0] = d[0];
        out[1] = d[1];
        return;
    }
    default:
        g_assert_not_reached();
    }
    out[0] = r;
}

/* ------------------------------------------------------------------ */
/* Running one op                                                      */

/* Input registers are spread out; outputs go to fresh registers or over
 * the inputs (the allocator may reuse a dead input's register). */
static const TCGReg in_regs[4] = { 3, 12, 7, 0 };

static void run_one_c(Harness *h, TCGOpcode opc, TCGType t, int nout, int nin,
                      const uint64_t *in, int ncon, const uint64_t *con,
                      bool overlap, bool const_last, uint64_t *out)
{
    TCGContext *s = h->s;
    TCGOp op = { .opc = opc, .type = t };
    int const_args[TCG_MAX_OP_ARGS] = { 0 };
    uint64_t env[8] = { 0 };
    const void *code = block_start(h);
    int n = 0;

    for (int i = 0; i < nin; i++) {
        s->be->out_movi(s, TCG_TYPE_I64, in_regs[i], (int64_t)in[i]);
    }
    for (int i = 0; i < nout; i++) {
        op.args[n++] = overlap ? in_regs[(i + 1) % nin] : 9 + i;
    }
    for (int i = 0; i < nin; i++) {
        op.args[n++] = in_regs[i];
    }
    if (const_last) {
        /* As the allocator passes it: the constant's value (i32 ones are
         * kept sign-extended), accepted by the backend's constraint. */
        TCGArgConstraint ct[TCG_MAX_OP_ARGS];
        int64_t v = t == TCG_TYPE_I32 ? (int32_t)in[nin - 1] : (int64_t)in[nin - 1];
        memset(ct, 0, sizeof(ct));
        s->be->op_constraints(&op, ct);
        g_assert(s->be->const_match(v, t, ct[n - 1].ct) && ct[n - 1].ct);
        const_args[n - 1] = 1;
        op.args[n - 1] = (TCGArg)v;
    }
    for (int i = 0; i < ncon; i++) {
        op.args[n++] = con[i];
    }
    op.nargs = n;
    s->be->out_op(s, &op, op.args, const_args);
    for (int i = 0; i < nout; i++) {
        s->be->out_st(s, TCG_TYPE_I64, op.args[i], ENV, i * 8);
    }
    E(s, exit_tb, I64, 0);
    block_end(h);
    g_assert_cmpuint(run(h, code, env), ==, 0);
    for (int i = 0; i < nout; i++) {
        out[i] = env[i];
    }
}

static void run_one(Harness *h, TCGOpcode opc, TCGType t, int nout, int nin,
                    const uint64_t *in, int ncon, const uint64_t *con,
                    bool overlap, uint64_t *out)
{
    run_one_c(h, opc, t, nout, nin, in, ncon, con, overlap, false, out);
}

static const uint64_t interesting[] = {
    0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 0x7f, 0x80, 0xff, 0x100,
    0x7fff, 0x8000, 0xffff, 0x12345678, 0x7fffffff, 0x80000000, 0x80000001,
    0xfffffffe, 0xffffffff, 0x100000000ull, 0x123456789abcdef0ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xfffffffffffffffeull,
    0xffffffffffffffffull, 0xdeadbeefcafef00dull, 0xffffffff80000000ull,
};
#define N_INTERESTING (sizeof(interesting) / sizeof(interesting[0]))

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* An input value: interesting or random, with garbage above an i32. */
static uint64_t pick(TCGType t, int k, int which)
{
    uint64_t v = k < (int)(N_INTERESTING * N_INTERESTING)
                 ? interesting[which ? k / N_INTERESTING : k % N_INTERESTING]
                 : rnd();
    if (rnd() & 1) {
        v = 0 - v;
    }
    if (t == TCG_TYPE_I32) {
        v = (uint32_t)v | (rnd() & 0xffffffff00000000ull);
    }
    return v;
}

static void check_op(Harness *h, TCGOpcode opc, TCGType t, TCGType out_t,
                     int nout, int nin, int ncon, const uint64_t *con,
                     int iterations)
{
    /* Ops with a register-immediate form get a constant every other time. */
    TCGOp probe = { .opc = opc, .type = t };
    TCGArgConstraint ct[TCG_MAX_OP_ARGS];
    bool const_last;

    memset(ct, 0, sizeof(ct));
    tcg_backend_interp.op_constraints(&probe, ct);
    const_last = ct[nout + nin - 1].ct != 0;

    for (int k = 0; k < iterations; k++) {
        uint64_t in[4], got[2], want[2] = { 0, 0 };
        for (int i = 0; i < nin; i++) {
            in[i] = pick(t, k, i & 1);
        }
        if (opc == INDEX_op_div || opc == INDEX_op_rem ||
            opc == INDEX_op_divu || opc == INDEX_op_remu) {
            /* Make b == 0 and b == -1 frequent. */
            if (k % 7 == 0) {
                in[1] = (in[1] & ~wmask(t)) | (k % 14 ? 0 : wmask(t));
            }
        }
        ref_op(opc, t, in, con, want);
        run_one_c(h, opc, t, nout, nin, in, ncon, con, k & 1,
                  const_last && (k & 2), got);
        for (int i = 0; i < nout; i++) {
            if ((got[i] ^ want[i]) & wmask(out_t)) {
                g_test_message("%s %s in 0x%" PRIx64 " 0x%" PRIx64
                               " 0x%" PRIx64 " 0x%" PRIx64 " con %" PRIu64
                               " %" PRIu64 ": out%d 0x%" PRIx64
                               " want 0x%" PRIx64,
                               tcg_backend_interp.name,
                               t == TCG_TYPE_I32 ? "i32" : "i64",
                               in[0], nin > 1 ? in[1] : 0, nin > 2 ? in[2] : 0,
                               nin > 3 ? in[3] : 0, ncon ? con[0] : 0,
                               ncon > 1 ? con[1] : 0, i, got[i], want[i]);
                g_test_fail();
                g_error("opcode %d mismatch", opc);
            }
        }
    }
}

static const TCGOpcode binops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_div, INDEX_op_divu,
    INDEX_op_rem, INDEX_op_remu, INDEX_op_and, INDEX_op_or, INDEX_op_xor,
    INDEX_op_andc, INDEX_op_orc, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar,
    INDEX_op_rotl, INDEX_op_rotr, INDEX_op_clz, INDEX_op_ctz,
};

static const TCGOpcode unops[] = {
    INDEX_op_neg, INDEX_op_not, INDEX_op_ext8s, INDEX_op_ext8u,
    INDEX_op_ext16s, INDEX_op_ext16u, INDEX_op_bswap16, INDEX_op_bswap32,
    INDEX_op_ctpop,
};

#define ITER (int)(N_INTERESTING * N_INTERESTING + 200)

static void test_ops(bool split)
{
    Harness h;
    static const TCGType types[2] = { TCG_TYPE_I32, TCG_TYPE_I64 };

    harness_init(&h, split);
    for (int ti = 0; ti < 2; ti++) {
        TCGType t = types[ti];
        for (size_t i = 0; i < G_N_ELEMENTS(binops); i++) {
            check_op(&h, binops[i], t, t, 1, 2, 0, NULL, ITER);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(unops); i++) {
            check_op(&h, unops[i], t, t, 1, 1, 0, NULL, ITER);
        }
        for (unsigned c = 0; c < 14; c++) {
            uint64_t con[1] = { c };
            if (c == 6 || c == 7) {
                continue;
            }
            check_op(&h, INDEX_op_setcond, t, t, 1, 2, 1, con, ITER);
            check_op(&h, INDEX_op_movcond, t, t, 1, 4, 1, con, 300);
        }
        check_op(&h, INDEX_op_add2, t, t, 2, 4, 0, NULL, ITER);
        check_op(&h, INDEX_op_sub2, t, t, 2, 4, 0, NULL, ITER);
        check_op(&h, INDEX_op_mulu2, t, t, 2, 2, 0, NULL, ITER);
        check_op(&h, INDEX_op_muls2, t, t, 2, 2, 0, NULL, ITER);
        for (unsigned pos = 0; pos < wbits(t); pos += 1 + pos / 8) {
            uint64_t con2[1] = { pos };
            check_op(&h, INDEX_op_extract2, t, t, 1, 2, 1, con2, 40);
            for (unsigned len = 1; pos + len <= wbits(t); len += 1 + len / 4) {
                uint64_t con[2] = { pos, len };
                check_op(&h, INDEX_op_deposit, t, t, 1, 2, 2, con, 12);
                check_op(&h, INDEX_op_extract, t, t, 1, 1, 2, con, 12);
                check_op(&h, INDEX_op_sextract, t, t, 1, 1, 2, con, 12);
            }
        }
    }
    check_op(&h, INDEX_op_bswap64, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, ITER);
    check_op(&h, INDEX_op_ext32s, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, ITER);
    check_op(&h, INDEX_op_ext32u, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, ITER);
    check_op(&h, INDEX_op_ext_i32_i64, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, ITER);
    check_op(&h, INDEX_op_extu_i32_i64, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, ITER);
    check_op(&h, INDEX_op_extrl_i64_i32, TCG_TYPE_I32, TCG_TYPE_I32, 1, 1, 0, NULL, ITER);
    check_op(&h, INDEX_op_extrh_i64_i32, TCG_TYPE_I32, TCG_TYPE_I32, 1, 1, 0, NULL, ITER);
    harness_free(&h);
}

static void test_ops_plain(void)
{
    test_ops(false);
}

static void test_ops_splitwx(void)
{
    test_ops(true);
}

/* A few results written down by hand, in case model and interpreter
 * share a misreading of the spec. */
static void test_spot_checks(void)
{
    static const struct {
        TCGOpcode opc;
        TCGType t;
        uint64_t a, b, want;
    } cases[] = {
        { INDEX_op_div, TCG_TYPE_I32, 0x80000000, 0xffffffff, 0x80000000 },
        { INDEX_op_rem, TCG_TYPE_I32, 0x80000000, 0xffffffff, 0 },
        { INDEX_op_div, TCG_TYPE_I64, 1ull << 63, ~0ull, 1ull << 63 },
        { INDEX_op_rem, TCG_TYPE_I64, 1ull << 63, ~0ull, 0 },
        { INDEX_op_div, TCG_TYPE_I64, 5, 0, 0 },
        { INDEX_op_rem, TCG_TYPE_I64, 5, 0, 5 },
        { INDEX_op_divu, TCG_TYPE_I32, 7, 0, 0 },
        { INDEX_op_remu, TCG_TYPE_I32, 7, 0, 7 },
        { INDEX_op_div, TCG_TYPE_I32, (uint64_t)-7, 2, (uint32_t)-3 },
        { INDEX_op_rem, TCG_TYPE_I32, (uint64_t)-7, 2, (uint32_t)-1 },
        { INDEX_op_shl, TCG_TYPE_I32, 1, 33, 2 },
        { INDEX_op_shr, TCG_TYPE_I32, 0xffffffff80000000ull, 31, 1 },
        { INDEX_op_sar, TCG_TYPE_I32, 0x80000000, 36, 0xf8000000 },
        { INDEX_op_sar, TCG_TYPE_I64, 1ull << 63, 66, 0xe000000000000000ull },
        { INDEX_op_rotl, TCG_TYPE_I32, 0x80000001, 1, 3 },
        { INDEX_op_rotr, TCG_TYPE_I64, 1, 1, 1ull << 63 },
        { INDEX_op_clz, TCG_TYPE_I32, 0xffffffff00000000ull, 99, 99 },
        { INDEX_op_clz, TCG_TYPE_I32, 0x00010000, 99, 15 },
        { INDEX_op_ctz, TCG_TYPE_I64, 0, 64, 64 },
        { INDEX_op_ctz, TCG_TYPE_I64, 0x100, 64, 8 },
        { INDEX_op_bswap16, TCG_TYPE_I64, 0xffffffffffff1234ull, 0, 0x3412 },
        { INDEX_op_bswap32, TCG_TYPE_I64, 0xffffffff12345678ull, 0, 0x78563412 },
    };
    Harness h;

    harness_init(&h, false);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint64_t in[2] = { cases[i].a, cases[i].b }, got;
        int nin = cases[i].opc == INDEX_op_bswap16 ||
                  cases[i].opc == INDEX_op_bswap32 ? 1 : 2;
        run_one(&h, cases[i].opc, cases[i].t, 1, nin, in, 0, NULL, false, &got);
        g_assert_cmphex(got & wmask(cases[i].t), ==, cases[i].want);
    }
    harness_free(&h);
}

/* ------------------------------------------------------------------ */
/* Moves, host loads/stores, spills                                    */

static void test_movi_ldst(void)
{
    Harness h;
    TCGContext *s;
    uint64_t env[8200] = { 0 };
    static const int64_t vals[] = {
        0, 1, -1, 32767, -32767, -32768, 32768, 0x12345678, INT64_MIN,
        INT64_MAX, 0x123456789abcdef0,
    };
    static const intptr_t offs[] = { 0, 8, 32760, 32768, 65528 };

    harness_init(&h, false);
    s = h.s;
    for (size_t i = 0; i < G_N_ELEMENTS(vals); i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(offs); j++) {
            const void *code = block_start(&h);
            memset(env, 0, sizeof(env));
            s->be->out_movi(s, TCG_TYPE_I64, 5, vals[i]);
            s->be->out_mov(s, TCG_TYPE_I64, 6, 5);
            /* through the spill frame and back */
            s->be->out_st(s, TCG_TYPE_I64, 6, FRAME, 8 * (int)j);
            s->be->out_ld(s, TCG_TYPE_I64, 7, FRAME, 8 * (int)j);
            s->be->out_st(s, TCG_TYPE_I64, 7, ENV, offs[j]);
            s->be->out_st(s, TCG_TYPE_I32, 7, ENV, offs[j] + 8);
            E(s, exit_tb, I64, 4);
            block_end(&h);
            g_assert_cmpuint(run(&h, code, env), ==, 4);
            g_assert_cmphex(env[offs[j] / 8], ==, (uint64_t)vals[i]);
            g_assert_cmphex(env[offs[j] / 8 + 1], ==, (uint32_t)vals[i]);
        }
    }

    harness_free(&h);

    {
        uint8_t mem[160];
        uint64_t res[8];
        Harness h2;
        const void *code;

        harness_init(&h2, false);
        s = h2.s;
        code = block_start(&h2);
        for (int i = 0; i < 32; i++) {
            mem[i] = 0x80 + i * 3;
        }
        E(s, ld8u, I64, 1, ENV, 0);
        E(s, ld8s, I64, 2, ENV, 1);
        E(s, ld16u, I64, 3, ENV, 2);
        E(s, ld16s, I64, 4, ENV, 4);
        E(s, ld32u, I64, 5, ENV, 8);
        E(s, ld32s, I64, 6, ENV, 12);
        E(s, ld, I32, 7, ENV, 16);
        E(s, ld, I64, 8, ENV, 20);
        s->be->out_movi(s, TCG_TYPE_I64, 9, 96);
        E(s, add, I64, 9, 9, ENV);
        for (int r = 1; r <= 8; r++) {
            E(s, st, I64, r, 9, (r - 1) * 8 - 64);
        }
        /* sub-word stores */
        s->be->out_movi(s, TCG_TYPE_I64, 10, 0x1122334455667788ll);
        E(s, st8, I64, 10, ENV, 100);
        E(s, st16, I32, 10, ENV, 102);
        E(s, st32, I64, 10, ENV, 104);
        E(s, exit_tb, I64, 0);
        block_end(&h2);
        memset(mem + 32, 0xaa, sizeof(mem) - 32);
        g_assert_cmpuint(run(&h2, code, mem), ==, 0);
        memcpy(res, mem + 32, sizeof(res));
        g_assert_cmphex(res[0], ==, mem[0]);
        g_assert_cmphex(res[1], ==, (uint64_t)(int64_t)(int8_t)mem[1]);
        g_assert_cmphex(res[2], ==, (uint64_t)(mem[2] | mem[3] << 8));
        g_assert_cmphex(res[3], ==, (uint64_t)(int64_t)(int16_t)(mem[4] | mem[5] << 8));
        {
            uint32_t u;
            int32_t i32;
            uint64_t u64;
            memcpy(&u, mem + 8, 4);
            g_assert_cmphex(res[4], ==, u);
            memcpy(&i32, mem + 12, 4);
            g_assert_cmphex(res[5], ==, (uint64_t)(int64_t)i32);
            memcpy(&u, mem + 16, 4);
            g_assert_cmphex(res[6] & 0xffffffff, ==, u);
            memcpy(&u64, mem + 20, 8);
            g_assert_cmphex(res[7], ==, u64);
        }
        g_assert_cmphex(mem[100], ==, 0x88);
        g_assert_cmphex(mem[101], ==, 0xaa);
        g_assert_cmphex(mem[102] | mem[103] << 8, ==, 0x7788);
        {
            uint32_t u;
            memcpy(&u, mem + 104, 4);
            g_assert_cmphex(u, ==, 0x55667788);
            g_assert_cmphex(mem[108], ==, 0xaa);
        }
        harness_free(&h2);
    }
}

/* ------------------------------------------------------------------ */
/* Control flow                                                        */

/* sum = 0; for (i = n; i != 0; i--) sum += i; with brcond back, br fwd */
static void test_branches(void)
{
    Harness h;
    TCGContext *s;
    const void *code;
    uint64_t env[4];

    for (int split = 0; split < 2; split++) {
        harness_init(&h, split);
        s = h.s;
        code = block_start(&h);
        E(s, ld, I64, 1, ENV, 0);                 /* i = env[0] */
        s->be->out_movi(s, TCG_TYPE_I64, 2, 0);   /* sum */
        s->be->out_movi(s, TCG_TYPE_I64, 3, 0);
        s->be->out_movi(s, TCG_TYPE_I64, 4, 1);
        E(s, brcond, I64, 1, 3, TCG_COND_EQ, 1);  /* if i == 0 goto done */
        bind(s, 0);
        E(s, add, I64, 2, 2, 1);
        E(s, sub, I64, 1, 1, 4);
        E(s, brcond, I32, 1, 3, TCG_COND_NE, 0);  /* loop while i != 0 */
        E(s, br, I64, 2);
        E(s, exit_tb, I64, 99);                   /* skipped */
        bind(s, 2);
        E(s, brcond, I64, 1, 3, TCG_COND_NEVER, 3);
        E(s, brcond, I64, 1, 3, TCG_COND_ALWAYS, 1);
        E(s, exit_tb, I64, 98);                   /* skipped */
        bind(s, 1);
        E(s, brcond, I64, 1, 3, TCG_COND_NE, 3);  /* not taken */
        E(s, st, I64, 2, ENV, 8);
        E(s, exit_tb, I64, 0x1234567890ull);
        bind(s, 3);
        E(s, exit_tb, I64, 97);
        block_end(&h);

        env[0] = 100;
        env[1] = 0;
        g_assert_cmpuint(run(&h, code, env), ==, 0x1234567890ull);
        g_assert_cmpuint(env[1], ==, 5050);
        env[0] = 0;
        g_assert_cmpuint(run(&h, code, env), ==, 0x1234567890ull);
        g_assert_cmpuint(env[1], ==, 0);
        harness_free(&h);
    }
}

/* brcond against an immediate (the constant form), every condition. */
static void test_brcond_imm(void)
{
    Harness h;
    TCGContext *s;

    harness_init(&h, true);
    s = h.s;
    for (int ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TCG_TYPE_I64 : TCG_TYPE_I32;
        for (unsigned c = 0; c < 14; c++) {
            if (c == 6 || c == 7) {
                continue;
            }
            for (int k = 0; k < 300; k++) {
                uint64_t a = pick(t, k, 0), b = pick(t, k, 1);
                int64_t imm = t == TCG_TYPE_I32 ? (int32_t)b : (int64_t)b;
                TCGOp op = { .opc = INDEX_op_brcond, .type = t, .nargs = 4 };
                int const_args[TCG_MAX_OP_ARGS] = { 0, 1 };
                const void *code = block_start(&h);
                uint64_t env[1] = { 0 };

                s->be->out_movi(s, TCG_TYPE_I64, 6, (int64_t)a);
                op.args[0] = 6;
                op.args[1] = (TCGArg)imm;
                op.args[2] = c;
                op.args[3] = 0;
                s->be->out_op(s, &op, op.args, const_args);
                E(s, exit_tb, I64, 100);
                bind(s, 0);
                E(s, exit_tb, I64, 200);
                block_end(&h);
                g_assert_cmpuint(run(&h, code, env), ==,
                                 ref_cond((TCGCond)c, t, a, b) ? 200 : 100);
            }
        }
    }
    harness_free(&h);
}

/* Two blocks: A ends with goto_tb 0 / exit_tb A|0; linking A to B. */
static void test_goto_tb(void)
{
    for (int split = 0; split < 2; split++) {
        Harness h;
        TCGContext *s;
        const void *a, *b, *c;
        uint16_t jmp_off, reset_off;
        uint64_t env[2] = { 0, 0 };

        harness_init(&h, split);
        s = h.s;
        for (int pad = 0; pad < 2; pad++) {
            a = block_start(&h);
            if (pad) {
                tcg_out32(s, 0);   /* a nop: moves the slot alignment */
            }
            s->be->out_movi(s, TCG_TYPE_I64, 1, 1);
            E(s, st, I64, 1, ENV, 0);
            E(s, goto_tb, I64, 0);
            E(s, exit_tb, I64, 0x1000 | 0);
            block_end(&h);
            jmp_off = s->tb_jmp_insn_offset[0];
            reset_off = s->tb_jmp_reset_offset[0];

            b = block_start(&h);
            s->be->out_movi(s, TCG_TYPE_I64, 1, 2);
            E(s, st, I64, 1, ENV, 8);
            s->be->out_movi(s, TCG_TYPE_I64, 2, (intptr_t)h.s->code_gen_epilogue);
            E(s, goto_ptr, I64, 2);
            block_end(&h);

            c = block_start(&h);
            E(s, exit_tb, I64, 0x2001);
            block_end(&h);

            env[0] = env[1] = 0;
            g_assert_cmpuint(run(&h, a, env), ==, 0x1000);
            g_assert_cmpuint(env[0], ==, 1);
            g_assert_cmpuint(env[1], ==, 0);

            /* link */
            s->be->set_jmp_target((uintptr_t)a + jmp_off,
                                  (uintptr_t)tcg_splitwx_to_rw(s, a) + jmp_off,
                                  (uintptr_t)b);
            env[0] = env[1] = 0;
            g_assert_cmpuint(run(&h, a, env), ==, 0);   /* b's goto_ptr to epilogue */
            g_assert_cmpuint(env[0], ==, 1);
            g_assert_cmpuint(env[1], ==, 2);

            /* relink to c, then unlink */
            s->be->set_jmp_target((uintptr_t)a + jmp_off,
                                  (uintptr_t)tcg_splitwx_to_rw(s, a) + jmp_off,
                                  (uintptr_t)c);
            g_assert_cmpuint(run(&h, a, env), ==, 0x2001);
            s->be->set_jmp_target((uintptr_t)a + jmp_off,
                                  (uintptr_t)tcg_splitwx_to_rw(s, a) + jmp_off,
                                  (uintptr_t)a + reset_off);
            g_assert_cmpuint(run(&h, a, env), ==, 0x1000);
        }
        harness_free(&h);
    }
}

/* ------------------------------------------------------------------ */
/* Helper calls                                                        */

static uintptr_t seen_retaddr;
static const uint8_t *call_block_lo, *call_block_hi;

static uint64_t helper_mix(uint32_t a, int32_t b, uint64_t c, int64_t d,
                           void *e, uint32_t f, uint64_t g)
{
    seen_retaddr = GETPC();
    return (uint64_t)a * 1 + (uint64_t)(int64_t)b * 3 + c * 5 +
           (uint64_t)d * 7 + (uint64_t)(uintptr_t)e * 11 +
           (uint64_t)f * 13 + g * 17;
}

static int32_t helper_neg32(int32_t x)
{
    return -x;
}

static uint32_t helper_not32(uint32_t x)
{
    return ~x;
}

static uint64_t counter;

static void helper_count(void)
{
    counter++;
}

static TCGHelperInfo info_mix = {
    .func = (void *)helper_mix, .name = "mix", .nb_args = 7,
    .typemask = dh_typemask(i64, 0) | dh_typemask(i32, 1) |
                dh_typemask(s32, 2) | dh_typemask(i64, 3) |
                dh_typemask(s64, 4) | dh_typemask(ptr, 5) |
                dh_typemask(i32, 6) | dh_typemask(i64, 7),
};
static TCGHelperInfo info_neg32 = {
    .func = (void *)helper_neg32, .name = "neg32", .nb_args = 1,
    .typemask = dh_typemask(s32, 0) | dh_typemask(s32, 1),
};
static TCGHelperInfo info_not32 = {
    .func = (void *)helper_not32, .name = "not32", .nb_args = 1,
    .typemask = dh_typemask(i32, 0) | dh_typemask(i32, 1),
};
static TCGHelperInfo info_count = {
    .func = (void *)helper_count, .name = "count", .nb_args = 0,
    .typemask = dh_typemask(void, 0),
};

static void test_call(void)
{
    Harness h;
    TCGContext *s;
    const void *code;
    uint64_t env[4] = { 0 };
    static const uint64_t args[7] = {
        0xffffffff00000005ull,      /* i32: high bits ignored -> 5 */
        0x00000000fffffffeull,      /* s32: -2 */
        0x100000000ull, (uint64_t)-3, 0x1000, 0xabcdef0000000001ull, 9,
    };
    uint64_t want;

    harness_init(&h, true);
    s = h.s;
    code = block_start(&h);
    call_block_lo = code;
    for (int i = 0; i < 7; i++) {
        s->be->out_movi(s, TCG_TYPE_I64, i, (int64_t)args[i]);
    }
    s->be->out_call(s, &info_mix);
    s->be->out_st(s, TCG_TYPE_I64, 0, ENV, 0);
    s->be->out_movi(s, TCG_TYPE_I64, 0, 0x7fffffff00000005ll);
    s->be->out_call(s, &info_neg32);
    s->be->out_st(s, TCG_TYPE_I64, 0, ENV, 8);
    s->be->out_movi(s, TCG_TYPE_I64, 0, 0x7fffffff00000005ll);
    s->be->out_call(s, &info_not32);
    s->be->out_st(s, TCG_TYPE_I64, 0, ENV, 16);
    s->be->out_call(s, &info_count);
    s->be->out_call(s, &info_count);
    E(s, exit_tb, I64, 0);
    block_end(&h);
    call_block_hi = tcg_splitwx_to_rx(s, s->code_ptr);

    g_assert_cmpuint(run(&h, code, env), ==, 0);
    want = 5 + (uint64_t)-2 * 3 + 0x100000000ull * 5 + (uint64_t)-3 * 7 +
           0x1000 * 11 + 1 * 13 + 9 * 17;
    g_assert_cmphex(env[0], ==, want);
    /* s32 results are sign-extended, i32 zero-extended (low half counts). */
    g_assert_cmphex(env[1] & 0xffffffff, ==, (uint32_t)-5);
    g_assert_cmphex(env[2] & 0xffffffff, ==, (uint32_t)~5u);
    g_assert_cmpuint(counter, ==, 2);
    g_assert_cmpuint(seen_retaddr, >, (uintptr_t)call_block_lo);
    g_assert_cmpuint(seen_retaddr, <=, (uintptr_t)call_block_hi);
    g_assert_cmpuint(tci_retaddr, ==, 0);
    g_assert(info_mix.cif != NULL);
    g_assert(tcg_helper_ffi_cif(&info_mix) == info_mix.cif);
    harness_free(&h);
}

/* ------------------------------------------------------------------ */
/* Guest memory                                                        */

static void test_qemu_user(void)
{
    Harness h;
    TCGContext *s;
    uint8_t *guest = g_malloc0(4096);
    uint64_t env[32] = { 0 };
    static const MemOp mops[] = {
        MO_UB, MO_SB, MO_LEUW, MO_BEUW, MO_SW | MO_LE, MO_SW | MO_BE,
        MO_LEUL, MO_BEUL, MO_SL | MO_LE, MO_SL | MO_BE, MO_LEUQ, MO_BEUQ,
    };
    const void *code;

    for (int i = 0; i < 64; i++) {
        guest[0x100 + i] = 0x81 + i * 7;
    }
    harness_init(&h, false);
    s = h.s;
    s->mem_mode = TCG_MEM_USER;
    s->guest_base = (uintptr_t)guest - 0x10000;
    code = block_start(&h);
    s->be->out_movi(s, TCG_TYPE_I64, 1, 0x10101);   /* unaligned on purpose */
    for (size_t i = 0; i < G_N_ELEMENTS(mops); i++) {
        E(s, qemu_ld, I64, 2, 1, make_memop_idx(mops[i], 0));
        s->be->out_st(s, TCG_TYPE_I64, 2, ENV, 8 * i);
    }
    /* store: a value in every memop, at 0x10200 + 16*i */
    s->be->out_movi(s, TCG_TYPE_I64, 3, 0x0102030405060708ll);
    for (size_t i = 0; i < G_N_ELEMENTS(mops); i++) {
        s->be->out_movi(s, TCG_TYPE_I64, 1, 0x10200 + 16 * i);
        E(s, qemu_st, I64, 3, 1, make_memop_idx(mops[i], 1));
    }
    E(s, exit_tb, I64, 0);
    block_end(&h);

    g_assert_cmpuint(run(&h, code, env), ==, 0);
    for (size_t i = 0; i < G_N_ELEMENTS(mops); i++) {
        MemOp mop = mops[i];
        unsigned size = memop_size(mop);
        uint64_t want = 0;
        const uint8_t *p = guest + 0x101;
        for (unsigned k = 0; k < size; k++) {
            unsigned byte = mop & MO_BSWAP ? size - 1 - k : k;
            want |= (uint64_t)p[k] << (8 * byte);
        }
        if ((mop & MO_SIGN) && size < 8 && (want >> (8 * size - 1)) & 1) {
            want |= ~0ull << (8 * size);
        }
        g_assert_cmphex(env[i], ==, want);

        p = guest + 0x200 + 16 * i;
        for (unsigned k = 0; k < size; k++) {
            unsigned byte = mop & MO_BSWAP ? size - 1 - k : k;
            g_assert_cmphex(p[k], ==, (0x0102030405060708ull >> (8 * byte)) & 0xff);
        }
        g_assert_cmphex(p[size], ==, 0);
    }
    harness_free(&h);
    g_free(guest);
}

#define PAGE_BITS 12
#define GUEST_PAGE 0x40000000ull
#define TLB_ENTRIES 64

typedef struct FakeCPU {
    CPUTLBDescFast fast[NB_MMU_MODES];
    uint64_t env[8];
} FakeCPU;

static int slow_loads, slow_stores;
static uint64_t slow_addr;
static MemOpIdx slow_oi;
static uintptr_t slow_ra;
static FakeCPU *fake_cpu;

static uint64_t fake_ld_slow(void *env, uint64_t addr, MemOpIdx oi,
                             uintptr_t ra)
{
    g_assert(env == fake_cpu->env);
    slow_loads++;
    slow_addr = addr;
    slow_oi = oi;
    slow_ra = ra;
    return 0x5105;
}

static void fake_st_slow(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                         uintptr_t ra)
{
    g_assert(env == fake_cpu->env);
    slow_stores++;
    slow_addr = addr;
    slow_oi = oi;
    slow_ra = ra;
    g_assert_cmphex(val, ==, 0xfeedface);
}

static void test_qemu_softmmu(void)
{
    Harness h;
    TCGContext *s;
    FakeCPU *cpu = g_new0(FakeCPU, 1);
    CPUTLBEntry *table = g_new0(CPUTLBEntry, TLB_ENTRIES);
    uint8_t *ram = g_malloc0(2 << PAGE_BITS);
    unsigned idx = (GUEST_PAGE >> PAGE_BITS) & (TLB_ENTRIES - 1);
    struct { uint64_t addr; MemOp mop; bool st; bool hit; } cases[] = {
        { GUEST_PAGE + 0x10, MO_LEUQ, false, true },
        { GUEST_PAGE + 0x11, MO_LEUQ, false, true },               /* unaligned ok */
        { GUEST_PAGE + 0x11, MO_LEUQ | MO_ALIGN, false, false },   /* misaligned */
        { GUEST_PAGE + 0x12, MO_LEUQ | MO_ALIGN_2, false, true },
        { GUEST_PAGE + 0x13, MO_LEUQ | MO_ALIGN_2, false, false },
        { GUEST_PAGE + 0xffc, MO_LEUL, false, true },              /* last word */
        { GUEST_PAGE + 0xffd, MO_LEUL, false, false },             /* crosses page */
        { GUEST_PAGE + 0xffe, MO_LEUL | MO_ALIGN_2, false, false },/* crosses page */
        { GUEST_PAGE + 0xff0, MO_UB | MO_ALIGN_16, false, true },
        { GUEST_PAGE + 0xff8, MO_UB | MO_ALIGN_16, false, false },
        { GUEST_PAGE + 0x1010, MO_LEUQ, false, false },            /* other page */
        { GUEST_PAGE + 0x20, MO_BEUL, true, false },                /* notdirty */
        { GUEST_PAGE + 0x20, MO_SB, false, true },
    };
    const void *code;
    uint64_t env_out[16];

    fake_cpu = cpu;
    for (int i = 0; i < (2 << PAGE_BITS); i++) {
        ram[i] = i * 13 + 1;
    }
    for (int i = 0; i < TLB_ENTRIES; i++) {
        table[i].addr_read = table[i].addr_write = ~0ull;
    }
    table[idx].addr_read = GUEST_PAGE;
    table[idx].addr_write = GUEST_PAGE | TLB_NOTDIRTY(PAGE_BITS);
    table[idx].addend = (uintptr_t)ram - GUEST_PAGE;
    cpu->fast[3].mask = (TLB_ENTRIES - 1) << CPU_TLB_ENTRY_BITS;
    cpu->fast[3].table = table;
    for (int m = 0; m < NB_MMU_MODES; m++) {
        if (m != 3) {
            cpu->fast[m].mask = 0;
            cpu->fast[m].table = &table[(idx + 1) % TLB_ENTRIES];
        }
    }

    harness_init(&h, true);
    s = h.s;
    s->mem_mode = TCG_MEM_SOFTMMU;
    s->softmmu.page_bits = PAGE_BITS;
    s->softmmu.tlb_fast_ofs = (intptr_t)offsetof(FakeCPU, fast) -
                              (intptr_t)offsetof(FakeCPU, env);
    s->ld_slow = fake_ld_slow;
    s->st_slow = fake_st_slow;

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const uint8_t *end;
        MemOpIdx oi = make_memop_idx(cases[i].mop, 3);

        code = block_start(&h);
        s->be->out_movi(s, TCG_TYPE_I64, 4, (int64_t)cases[i].addr);
        s->be->out_movi(s, TCG_TYPE_I64, 5, 0xfeedface);
        if (cases[i].st) {
            E(s, qemu_st, I32, 5, 4, oi);
        } else {
            E(s, qemu_ld, I64, 5, 4, oi);
        }
        end = tcg_splitwx_to_rx(s, s->code_ptr);
        s->be->out_st(s, TCG_TYPE_I64, 5, ENV, 0);
        E(s, exit_tb, I64, 0);
        block_end(&h);

        slow_loads = slow_stores = 0;
        slow_ra = 0;
        memset(env_out, 0, sizeof(env_out));
        g_assert_cmpuint(run(&h, code, cpu->env), ==, 0);
        if (cases[i].hit) {
            const uint8_t *p = ram + (cases[i].addr - GUEST_PAGE);
            uint64_t want = 0;
            unsigned size = memop_size(cases[i].mop);
            g_assert_cmpint(slow_loads + slow_stores, ==, 0);
            for (unsigned k = 0; k < size; k++) {
                want |= (uint64_t)p[k] << (8 * k);
            }
            if ((cases[i].mop & MO_SIGN) && (want >> (8 * size - 1)) & 1) {
                want |= ~0ull << (8 * size);
            }
            g_assert_cmphex(cpu->env[0], ==, want);
        } else {
            g_assert_cmpint(cases[i].st ? slow_stores : slow_loads, ==, 1);
            g_assert_cmphex(slow_addr, ==, cases[i].addr);
            g_assert_cmphex(slow_oi, ==, oi);
            g_assert_cmphex(slow_ra, ==, (uintptr_t)end);
            if (!cases[i].st) {
                g_assert_cmphex(cpu->env[0], ==, 0x5105);
            }
        }
    }

    /* A store hit once the page is clean, byte-swapped. */
    table[idx].addr_write = GUEST_PAGE;
    code = block_start(&h);
    s->be->out_movi(s, TCG_TYPE_I64, 4, (int64_t)GUEST_PAGE + 0x40);
    s->be->out_movi(s, TCG_TYPE_I64, 5, 0xffffffff11223344ll);
    E(s, qemu_st, I32, 5, 4, make_memop_idx(MO_BEUL, 3));
    E(s, exit_tb, I64, 0);
    block_end(&h);
    slow_stores = 0;
    g_assert_cmpuint(run(&h, code, cpu->env), ==, 0);
    g_assert_cmpint(slow_stores, ==, 0);
    g_assert_cmphex(ram[0x40], ==, 0x11);
    g_assert_cmphex(ram[0x43], ==, 0x44);

    harness_free(&h);
    g_free(cpu);
    g_free(table);
    g_free(ram);
}

/* ------------------------------------------------------------------ */
/* Disassembly and the barrier                                         */

static void test_disas(void)
{
    Harness h;
    TCGContext *s;
    const void *code;
    char *text = NULL;
    size_t len = 0;
    FILE *f;

    harness_init(&h, false);
    s = h.s;
    s->mem_mode = TCG_MEM_USER;
    code = block_start(&h);
    s->be->out_movi(s, TCG_TYPE_I64, 1, 0x123456789ll);
    E(s, mb, I64, TCG_MO_ALL | TCG_BAR_SC);
    E(s, mb, I64, TCG_MO_LD_LD);
    E(s, brcond, I64, 1, 1, TCG_COND_LTU, 0);
    E(s, deposit, I64, 2, 1, 1, 8, 16);
    E(s, movcond, I32, 3, 1, 2, 1, 2, TCG_COND_GT);
    E(s, qemu_ld, I64, 4, 1, make_memop_idx(MO_BEUL, 2));
    s->be->out_call(s, &info_count);
    bind(s, 0);
    E(s, goto_tb, I64, 1);
    E(s, exit_tb, I64, 0x40001);
    block_end(&h);

    f = open_memstream(&text, &len);
    s->be->disas(f, code, tcg_current_code_size(s));
    fclose(f);
    g_test_message("%s", text);
    g_assert(strstr(text, "movi") && strstr(text, "0x123456789"));
    g_assert(strstr(text, "brcond64") && strstr(text, "ltu"));
    g_assert(strstr(text, "deposit") && strstr(text, "8, 16"));
    g_assert(strstr(text, "movcond32"));
    g_assert(strstr(text, "qld_user"));
    g_assert(strstr(text, "count"));
    g_assert(strstr(text, "goto_tb"));
    g_assert(strstr(text, "exit_tb") && strstr(text, "0x40001"));
    g_assert(!strstr(text, "trailing"));
    free(text);

    harness_free(&h);
}

/* ------------------------------------------------------------------ */
/* Whole IR programs through optimizer, liveness and register allocator */

typedef struct PEnv {
    uint64_t n, fib, x[48], sum, ret[4];
    uint32_t w32[4];
} PEnv;

typedef struct Pipe {
    Harness h;
    TCGv_i64 n, fib, sum;
    TCGv_i64 x[48];
    TCGv_i32 w32[4];
} Pipe;

static void pipe_init(Pipe *p, bool split, bool optimize)
{
    harness_init(&p->h, split);
    p->h.s->optimize = optimize;
    p->n = tcg_global_mem_new_i64(tcg_env, offsetof(PEnv, n), "n");
    p->fib = tcg_global_mem_new_i64(tcg_env, offsetof(PEnv, fib), "fib");
    p->sum = tcg_global_mem_new_i64(tcg_env, offsetof(PEnv, sum), "sum");
    for (int i = 0; i < 48; i++) {
        p->x[i] = tcg_global_mem_new_i64(tcg_env, offsetof(PEnv, x) + 8 * i, "x");
    }
    for (int i = 0; i < 4; i++) {
        p->w32[i] = tcg_global_mem_new_i32(tcg_env, offsetof(PEnv, w32) + 4 * i,
                                           "w");
    }
    tcg_func_start(p->h.s);
}

/* Generate the current op list; returns its rx address. */
static const void *pipe_gen(Pipe *p)
{
    TCGContext *s = p->h.s;
    int size;
    const void *code;

    if (g_test_verbose()) {
        tcg_dump_ops(s, stderr, false);
    }
    size = tcg_gen_code(s);
    g_assert_cmpint(size, >, 0);
    code = tcg_splitwx_to_rx(s, s->code_buf);
    if (g_test_verbose()) {
        tcg_dump_ops(s, stderr, true);
        s->be->disas(stderr, code, size);
    }
    s->code_gen_ptr = (uint8_t *)(((uintptr_t)s->code_ptr + 63) & ~(uintptr_t)63);
    return code;
}

static uint64_t c_mix(uint64_t a, uint32_t b, int64_t c, int32_t d, void *e,
                      uint64_t f, uint32_t g)
{
    return a * 3 + b * 5 + (uint64_t)c * 7 + (uint64_t)(int64_t)d * 11 +
           (uintptr_t)e * 13 + f * 17 + g * 19;
}

static TCGHelperInfo info_cmix = {
    .func = (void *)c_mix, .name = "cmix", .nb_args = 7,
    .typemask = dh_typemask(i64, 0) | dh_typemask(i64, 1) |
                dh_typemask(i32, 2) | dh_typemask(s64, 3) |
                dh_typemask(s32, 4) | dh_typemask(ptr, 5) |
                dh_typemask(i64, 6) | dh_typemask(i32, 7),
};

static void test_pipeline(void)
{
    for (int variant = 0; variant < 4; variant++) {
        Pipe p;
        PEnv env;
        const void *fib_code, *spill_code, *call_code;
        uint64_t want;

        pipe_init(&p, variant & 1, variant & 2);

        /* fib(n) with a loop, TB temps across labels. */
        {
            TCGv_i64 a = tcg_temp_new_tb_i64(), b = tcg_temp_new_tb_i64();
            TCGv_i64 i = tcg_temp_new_tb_i64(), t = tcg_temp_new_i64();
            TCGLabel *top = gen_new_label(), *done = gen_new_label();

            tcg_gen_movi_i64(a, 0);
            tcg_gen_movi_i64(b, 1);
            tcg_gen_mov_i64(i, p.n);
            tcg_gen_set_label(top);
            tcg_gen_brcondi_i64(TCG_COND_EQ, i, 0, done);
            tcg_gen_add_i64(t, a, b);
            tcg_gen_mov_i64(a, b);
            tcg_gen_mov_i64(b, t);
            tcg_gen_subi_i64(i, i, 1);
            tcg_gen_br(top);
            tcg_gen_set_label(done);
            tcg_gen_mov_i64(p.fib, a);
            tcg_gen_exit_tb(0, 0);
            fib_code = pipe_gen(&p);
            tcg_func_start(p.h.s);
        }

        /* 48 values live at once: forces spills through the frame. */
        {
            TCGv_i64 v[48], acc = tcg_temp_new_i64();
            TCGv_i32 w = tcg_temp_new_i32();
            for (int k = 0; k < 48; k++) {
                v[k] = tcg_temp_new_i64();
                tcg_gen_muli_i64(v[k], p.x[k], k + 1);
                tcg_gen_xori_i64(v[k], v[k], 0x5555 * k);
            }
            tcg_gen_movi_i64(acc, 0);
            for (int k = 47; k >= 0; k--) {
                tcg_gen_rotli_i64(acc, acc, 7);
                tcg_gen_add_i64(acc, acc, v[k]);
                tcg_gen_mov_i64(p.x[k], v[(k + 1) % 48]);
            }
            tcg_gen_mov_i64(p.sum, acc);
            tcg_gen_extrl_i64_i32(w, acc);
            tcg_gen_shri_i32(w, w, 3);
            tcg_gen_sub_i32(p.w32[1], w, p.w32[0]);
            tcg_gen_exit_tb(0x1230, 1);
            spill_code = pipe_gen(&p);
            tcg_func_start(p.h.s);
        }

        /* A 7-argument helper call with i32/s32 arguments and globals. */
        {
            TCGTemp *args[7];
            TCGv_i32 w = tcg_temp_new_i32(), z = tcg_temp_new_i32();
            TCGv_i64 r = tcg_temp_new_i64(), q = tcg_temp_new_i64();
            tcg_gen_addi_i32(w, p.w32[2], 1);
            tcg_gen_movi_i32(z, -9);
            tcg_gen_movi_i64(q, 0x4000);
            args[0] = tcgv_i64_temp(p.n);
            args[1] = tcgv_i32_temp(w);
            args[2] = tcgv_i64_temp(p.fib);
            args[3] = tcgv_i32_temp(z);
            args[4] = tcgv_i64_temp(q);
            args[5] = tcgv_i64_temp(p.sum);
            args[6] = tcgv_i32_temp(p.w32[3]);
            tcg_gen_callN(&info_cmix, tcgv_i64_temp(r), args);
            tcg_gen_add_i64(p.x[0], r, p.n);   /* n must survive the call */
            tcg_gen_exit_tb(0, 0);
            call_code = pipe_gen(&p);
        }

        memset(&env, 0, sizeof(env));
        env.n = 90;
        g_assert_cmpuint(run(&p.h, fib_code, &env), ==, 0);
        g_assert_cmpuint(env.fib, ==, 2880067194370816120ull);

        for (int k = 0; k < 48; k++) {
            env.x[k] = 0x0123456789abcdefull * (k + 3);
        }
        env.w32[0] = 77;
        {
            uint64_t vals[48], acc = 0, x0[48];
            memcpy(x0, env.x, sizeof(x0));
            for (int k = 0; k < 48; k++) {
                vals[k] = (x0[k] * (k + 1)) ^ (uint64_t)(0x5555 * k);
            }
            for (int k = 47; k >= 0; k--) {
                acc = (acc << 7 | acc >> 57) + vals[k];
            }
            g_assert_cmpuint(run(&p.h, spill_code, &env), ==, 0x1231);
            g_assert_cmphex(env.sum, ==, acc);
            for (int k = 0; k < 48; k++) {
                g_assert_cmphex(env.x[k], ==, vals[(k + 1) % 48]);
            }
            g_assert_cmphex(env.w32[1], ==, ((uint32_t)acc >> 3) - 77);
        }

        env.w32[2] = 0xffffffff;
        env.w32[3] = 0x80000000;
        /* arguments as passed: n, w32[2] + 1, fib, -9, 0x4000, sum, w32[3] */
        want = c_mix(env.n, 0, (int64_t)env.fib, -9, (void *)0x4000, env.sum,
                     0x80000000);
        g_assert_cmpuint(run(&p.h, call_code, &env), ==, 0);
        g_assert_cmphex(env.x[0], ==, want + env.n);
        harness_free(&p.h);
    }
}

/* goto_tb / exit_tb / goto_ptr as the front end emits them. */
static void test_pipeline_chain(void)
{
    Pipe p;
    PEnv env;
    TCGContext *s;
    const void *a, *b;
    uint16_t jmp, reset;

    pipe_init(&p, true, true);
    s = p.h.s;

    tcg_gen_addi_i64(p.n, p.n, 1);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb(0x2000, 0);
    a = pipe_gen(&p);
    jmp = s->tb_jmp_insn_offset[0];
    reset = s->tb_jmp_reset_offset[0];
    g_assert_cmpuint(jmp, !=, 0xffff);
    g_assert_cmpuint(reset, !=, 0xffff);
    tcg_func_start(s);

    {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_muli_i64(p.n, p.n, 3);
        tcg_gen_movi_i64(t, (intptr_t)s->code_gen_epilogue);
        tcg_gen_goto_ptr(t);
        b = pipe_gen(&p);
    }

    memset(&env, 0, sizeof(env));
    env.n = 5;
    g_assert_cmpuint(run(&p.h, a, &env), ==, 0x2000);
    g_assert_cmpuint(env.n, ==, 6);
    s->be->set_jmp_target((uintptr_t)a + jmp,
                          (uintptr_t)tcg_splitwx_to_rw(s, a) + jmp, (uintptr_t)b);
    g_assert_cmpuint(run(&p.h, a, &env), ==, 0);
    g_assert_cmpuint(env.n, ==, 21);
    s->be->set_jmp_target((uintptr_t)a + jmp,
                          (uintptr_t)tcg_splitwx_to_rw(s, a) + jmp,
                          (uintptr_t)a + reset);
    g_assert_cmpuint(run(&p.h, a, &env), ==, 0x2000);
    g_assert_cmpuint(env.n, ==, 22);
    harness_free(&p.h);
}

/* Guest loads and stores from IR, user mode. */
static void test_pipeline_qemu(void)
{
    Pipe p;
    PEnv env;
    const void *code;
    uint8_t *guest = g_malloc0(256);

    pipe_init(&p, false, true);
    p.h.s->mem_mode = TCG_MEM_USER;
    p.h.s->guest_base = (uintptr_t)guest - 0x1000;
    {
        TCGv_i64 v = tcg_temp_new_i64(), addr = tcg_temp_new_i64();
        TCGv_i32 w = tcg_temp_new_i32();
        tcg_gen_addi_i64(addr, p.n, 0x1000);
        tcg_gen_qemu_ld_i64(v, addr, 0, MO_BEUQ);
        tcg_gen_qemu_ld_i32(w, addr, 0, MO_SW | MO_LE);
        tcg_gen_ext_i32_i64(p.sum, w);
        tcg_gen_addi_i64(v, v, 1);
        tcg_gen_addi_i64(addr, addr, 16);
        tcg_gen_qemu_st_i64(v, addr, 0, MO_LEUQ);
        tcg_gen_qemu_st_i32(w, addr, 0, MO_BEUW);   /* overwrite 2 bytes */
        tcg_gen_mov_i64(p.fib, v);
        tcg_gen_exit_tb(0, 0);
        code = pipe_gen(&p);
    }
    for (int i = 0; i < 16; i++) {
        guest[8 + i] = 0xf0 + i;
    }
    memset(&env, 0, sizeof(env));
    env.n = 8;
    g_assert_cmpuint(run(&p.h, code, &env), ==, 0);
    g_assert_cmphex(env.fib, ==, 0xf0f1f2f3f4f5f6f7ull + 1);
    g_assert_cmphex(env.sum, ==, (uint64_t)(int64_t)(int16_t)0xf1f0);
    g_assert_cmphex(guest[24], ==, 0xf1);
    g_assert_cmphex(guest[25], ==, 0xf0);
    g_assert_cmphex(guest[26], ==, 0xf5);
    g_assert_cmphex(guest[31], ==, 0xf0);
    harness_free(&p.h);
    g_free(guest);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tci/ops", test_ops_plain);
    g_test_add_func("/tci/ops-splitwx", test_ops_splitwx);
    g_test_add_func("/tci/spot-checks", test_spot_checks);
    g_test_add_func("/tci/movi-ldst", test_movi_ldst);
    g_test_add_func("/tci/branches", test_branches);
    g_test_add_func("/tci/brcond-imm", test_brcond_imm);
    g_test_add_func("/tci/goto-tb", test_goto_tb);
    g_test_add_func("/tci/call", test_call);
    g_test_add_func("/tci/qemu-user", test_qemu_user);
    g_test_add_func("/tci/qemu-softmmu", test_qemu_softmmu);
    g_test_add_func("/tci/disas", test_disas);
    g_test_add_func("/tci/pipeline", test_pipeline);
    g_test_add_func("/tci/pipeline-chain", test_pipeline_chain);
    g_test_add_func("/tci/pipeline-qemu", test_pipeline_qemu);
    return g_test_run();
}
