/*
 * Random IR programs: the same program on the JIT and the interpreter,
 * each with the optimizer on and off, must leave exactly the state the
 * reference interpreter (irt_eval, walking the op list before any pass)
 * computes: the env globals, the host scratch area and guest memory.
 *
 * Programs use 8 i64 and 8 i32 env globals, EBB and TB temps, constants,
 * every integer op, host ld/st to a scratch area, qemu_ld/st to a guest
 * buffer, helper calls of every kind (pure, reading and writing globals,
 * with side effects), forward branches (if, if/else, early exits) and
 * bounded loops counted in TB temps.
 *
 * TERN_IR_SEED (default 1) and TERN_IR_COUNT (default 20000) choose the
 * programs; TERN_IR_START skips to a program index; TERN_IR_VERBOSE=1
 * dumps every program.  A mismatch prints the seed, the program index and
 * the op list; scripts/ir-fuzz.sh runs more seeds.
 */
#include <glib.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "irtest.h"

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

#define NG 8            /* globals of each width used */
#define NT 12           /* EBB temps of each width (at most) */
#define NTB 4           /* TB temps of each width */
#define MAX_DEPTH 3
#define MAX_LOOPS 2
#define GUEST_SPAN 2048 /* guest addresses used: [0, GUEST_SPAN + 8) */
#define SCRATCH_WORDS 16 /* ld/st area; words 16.. receive the temps */

typedef struct Gen {
    IRTCtx *c;
    uint64_t rng;
    TCGv_i64 t64[NT], tb64[NTB], loop_cnt[MAX_LOOPS];
    TCGv_i32 t32[NT], tb32[NTB];
    bool ok64[NT], ok32[NT];
    int nt;                 /* EBB temps in use: 4 or NT */
    int budget;
    int depth, loops;
    int exits;
} Gen;

static unsigned rnd(Gen *g, unsigned n)
{
    return irt_rand_below(&g->rng, n);
}

static bool chance(Gen *g, unsigned percent)
{
    return rnd(g, 100) < percent;
}

static const uint64_t interesting[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
    0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, UINT64_MAX,
    UINT64_MAX - 1, 0x0123456789abcdefull, 0xffffffff80000000ull,
};

static uint64_t rand_const(Gen *g)
{
    switch (rnd(g, 4)) {
    case 0:
    case 1:
        return interesting[rnd(g, N(interesting))];
    case 2:
        return (uint64_t)(int64_t)(int8_t)rnd(g, 256);
    default:
        return irt_rand(&g->rng);
    }
}

/* Operands. */
static TCGv_i64 src64(Gen *g)
{
    for (;;) {
        unsigned r = rnd(g, 10);
        if (r < 3) {
            return g->c->g64[rnd(g, NG)];
        } else if (r < 5) {
            return g->tb64[rnd(g, NTB)];
        } else if (r < 8) {
            int i = rnd(g, g->nt);
            if (g->ok64[i]) {
                return g->t64[i];
            }
        } else {
            return tcg_constant_i64((int64_t)rand_const(g));
        }
    }
}

static TCGv_i32 src32(Gen *g)
{
    for (;;) {
        unsigned r = rnd(g, 10);
        if (r < 3) {
            return g->c->g32[rnd(g, NG)];
        } else if (r < 5) {
            return g->tb32[rnd(g, NTB)];
        } else if (r < 8) {
            int i = rnd(g, g->nt);
            if (g->ok32[i]) {
                return g->t32[i];
            }
        } else {
            return tcg_constant_i32((int32_t)rand_const(g));
        }
    }
}

/* A source that is never a constant (for ops whose API needs a temp). */
static TCGv_i64 var64(Gen *g)
{
    TCGv_i64 v;
    do {
        v = src64(g);
    } while (tcgv_i64_temp(v)->kind == TEMP_CONST);
    return v;
}

/* Destinations: mark EBB temps defined once the op is emitted. */
typedef struct Dst {
    int ebb;        /* index into t64/t32, or -1 */
} Dst;

static TCGv_i64 dst64(Gen *g, Dst *d)
{
    unsigned r = rnd(g, 10);
    d->ebb = -1;
    if (r < 4) {
        return g->c->g64[rnd(g, NG)];
    } else if (r < 6) {
        return g->tb64[rnd(g, NTB)];
    }
    d->ebb = rnd(g, g->nt);
    return g->t64[d->ebb];
}

static TCGv_i32 dst32(Gen *g, Dst *d)
{
    unsigned r = rnd(g, 10);
    d->ebb = -1;
    if (r < 4) {
        return g->c->g32[rnd(g, NG)];
    } else if (r < 6) {
        return g->tb32[rnd(g, NTB)];
    }
    d->ebb = rnd(g, g->nt);
    return g->t32[d->ebb];
}

static void def64(Gen *g, const Dst *d)
{
    if (d->ebb >= 0) {
        g->ok64[d->ebb] = true;
    }
}

static void def32(Gen *g, const Dst *d)
{
    if (d->ebb >= 0) {
        g->ok32[d->ebb] = true;
    }
}

/* A label ends the extended block: EBB temps die. */
static void set_label(Gen *g, TCGLabel *l)
{
    tcg_gen_set_label(l);
    memset(g->ok64, 0, sizeof(g->ok64));
    memset(g->ok32, 0, sizeof(g->ok32));
}

static const TCGCond conds[] = {
    TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
    TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static TCGCond rand_cond(Gen *g)
{
    return conds[rnd(g, N(conds))];
}

/* ------------------------------------------------------------------ */
/* Straight-line ops                                                   */

#define BIN_OPS(X) X(add) X(sub) X(mul) X(and) X(or) X(xor) X(andc) X(orc) \
    X(shl) X(shr) X(sar) X(rotl) X(rotr) X(div) X(divu) X(rem) X(remu)     \
    X(clz) X(ctz)
#define UN_OPS(X) X(neg) X(not) X(ext8s) X(ext8u) X(ext16s) X(ext16u)      \
    X(bswap16) X(bswap32) X(ctpop)

typedef void (*Bin64)(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void (*Bin32)(TCGv_i32, TCGv_i32, TCGv_i32);
typedef void (*Un64)(TCGv_i64, TCGv_i64);
typedef void (*Un32)(TCGv_i32, TCGv_i32);

#define ENTRY64(op) tcg_gen_##op##_i64,
#define ENTRY32(op) tcg_gen_##op##_i32,
static const Bin64 bin64[] = { BIN_OPS(ENTRY64) };
static const Bin32 bin32[] = { BIN_OPS(ENTRY32) };
static const Un64 un64[] = { UN_OPS(ENTRY64) tcg_gen_ext32s_i64,
                             tcg_gen_ext32u_i64, tcg_gen_bswap64_i64 };
static const Un32 un32[] = { UN_OPS(ENTRY32) };

static void rand_field(Gen *g, unsigned w, unsigned *pos, unsigned *len)
{
    *pos = rnd(g, w);
    *len = 1 + rnd(g, w - *pos);
}

static void gen_arith64(Gen *g)
{
    Dst d, d2;
    TCGv_i64 r, r2, a, b;
    unsigned pos, len;

    switch (rnd(g, 12)) {
    case 0: case 1: case 2: case 3:
        a = src64(g);
        b = src64(g);
        r = dst64(g, &d);
        bin64[rnd(g, N(bin64))](r, a, b);
        def64(g, &d);
        break;
    case 4: case 5:
        a = src64(g);
        r = dst64(g, &d);
        un64[rnd(g, N(un64))](r, a);
        def64(g, &d);
        break;
    case 6:
        a = src64(g);
        b = src64(g);
        r = dst64(g, &d);
        switch (rnd(g, 4)) {
        case 0:
            rand_field(g, 64, &pos, &len);
            tcg_gen_deposit_i64(r, a, b, pos, len);
            break;
        case 1:
            rand_field(g, 64, &pos, &len);
            tcg_gen_extract_i64(r, a, pos, len);
            break;
        case 2:
            rand_field(g, 64, &pos, &len);
            tcg_gen_sextract_i64(r, a, pos, len);
            break;
        default:
            tcg_gen_extract2_i64(r, a, b, rnd(g, 64));
            break;
        }
        def64(g, &d);
        break;
    case 7:
        a = src64(g);
        b = src64(g);
        r = dst64(g, &d);
        if (chance(g, 50)) {
            tcg_gen_setcond_i64(rand_cond(g), r, a, b);
        } else {
            tcg_gen_movcond_i64(rand_cond(g), r, a, b, src64(g), src64(g));
        }
        def64(g, &d);
        break;
    case 8: {
        TCGv_i64 al = src64(g), ah = src64(g), bl = src64(g), bh = src64(g);
        r = dst64(g, &d);
        do {
            r2 = dst64(g, &d2);
        } while (r2.t == r.t);
        switch (rnd(g, 4)) {
        case 0: tcg_gen_add2_i64(r, r2, al, ah, bl, bh); break;
        case 1: tcg_gen_sub2_i64(r, r2, al, ah, bl, bh); break;
        case 2: tcg_gen_mulu2_i64(r, r2, al, bl); break;
        default: tcg_gen_muls2_i64(r, r2, al, bl); break;
        }
        def64(g, &d);
        def64(g, &d2);
        break;
    }
    case 9: {
        /* width changes */
        TCGv_i32 a32 = src32(g);
        r = dst64(g, &d);
        if (chance(g, 50)) {
            tcg_gen_ext_i32_i64(r, a32);
        } else {
            tcg_gen_extu_i32_i64(r, a32);
        }
        def64(g, &d);
        break;
    }
    case 10:
        r = dst64(g, &d);
        if (chance(g, 50)) {
            tcg_gen_movi_i64(r, (int64_t)rand_const(g));
        } else {
            tcg_gen_mov_i64(r, var64(g));
        }
        def64(g, &d);
        break;
    default:
        /* immediate forms */
        a = src64(g);
        r = dst64(g, &d);
        switch (rnd(g, 8)) {
        case 0: tcg_gen_addi_i64(r, a, (int64_t)rand_const(g)); break;
        case 1: tcg_gen_subi_i64(r, a, (int64_t)rand_const(g)); break;
        case 2: tcg_gen_andi_i64(r, a, (int64_t)rand_const(g)); break;
        case 3: tcg_gen_xori_i64(r, a, (int64_t)rand_const(g)); break;
        case 4: tcg_gen_shli_i64(r, a, rnd(g, 64)); break;
        case 5: tcg_gen_sari_i64(r, a, rnd(g, 64)); break;
        case 6: tcg_gen_setcondi_i64(rand_cond(g), r, a,
                                     (int64_t)rand_const(g)); break;
        default: tcg_gen_muli_i64(r, a, (int64_t)rand_const(g)); break;
        }
        def64(g, &d);
        break;
    }
}

static void gen_arith32(Gen *g)
{
    Dst d, d2;
    TCGv_i32 r, r2, a, b;
    unsigned pos, len;

    switch (rnd(g, 12)) {
    case 0: case 1: case 2: case 3:
        a = src32(g);
        b = src32(g);
        r = dst32(g, &d);
        bin32[rnd(g, N(bin32))](r, a, b);
        def32(g, &d);
        break;
    case 4: case 5:
        a = src32(g);
        r = dst32(g, &d);
        un32[rnd(g, N(un32))](r, a);
        def32(g, &d);
        break;
    case 6:
        a = src32(g);
        b = src32(g);
        r = dst32(g, &d);
        switch (rnd(g, 4)) {
        case 0:
            rand_field(g, 32, &pos, &len);
            tcg_gen_deposit_i32(r, a, b, pos, len);
            break;
        case 1:
            rand_field(g, 32, &pos, &len);
            tcg_gen_extract_i32(r, a, pos, len);
            break;
        case 2:
            rand_field(g, 32, &pos, &len);
            tcg_gen_sextract_i32(r, a, pos, len);
            break;
        default:
            tcg_gen_extract2_i32(r, a, b, rnd(g, 32));
            break;
        }
        def32(g, &d);
        break;
    case 7:
        a = src32(g);
        b = src32(g);
        r = dst32(g, &d);
        if (chance(g, 50)) {
            tcg_gen_setcond_i32(rand_cond(g), r, a, b);
        } else {
            tcg_gen_movcond_i32(rand_cond(g), r, a, b, src32(g), src32(g));
        }
        def32(g, &d);
        break;
    case 8: {
        TCGv_i32 al = src32(g), ah = src32(g), bl = src32(g), bh = src32(g);
        r = dst32(g, &d);
        do {
            r2 = dst32(g, &d2);
        } while (r2.t == r.t);
        switch (rnd(g, 4)) {
        case 0: tcg_gen_add2_i32(r, r2, al, ah, bl, bh); break;
        case 1: tcg_gen_sub2_i32(r, r2, al, ah, bl, bh); break;
        case 2: tcg_gen_mulu2_i32(r, r2, al, bl); break;
        default: tcg_gen_muls2_i32(r, r2, al, bl); break;
        }
        def32(g, &d);
        def32(g, &d2);
        break;
    }
    case 9: {
        TCGv_i64 a64 = src64(g);
        r = dst32(g, &d);
        if (chance(g, 50)) {
            tcg_gen_extrl_i64_i32(r, a64);
        } else {
            tcg_gen_extrh_i64_i32(r, a64);
        }
        def32(g, &d);
        break;
    }
    case 10:
        r = dst32(g, &d);
        tcg_gen_movi_i32(r, (int32_t)rand_const(g));
        def32(g, &d);
        break;
    default:
        a = src32(g);
        r = dst32(g, &d);
        switch (rnd(g, 6)) {
        case 0: tcg_gen_addi_i32(r, a, (int32_t)rand_const(g)); break;
        case 1: tcg_gen_ori_i32(r, a, (int32_t)rand_const(g)); break;
        case 2: tcg_gen_shri_i32(r, a, rnd(g, 32)); break;
        case 3: tcg_gen_rotli_i32(r, a, rnd(g, 32)); break;
        case 4: tcg_gen_clzi_i32(r, a, rnd(g, 40)); break;
        default: tcg_gen_ctzi_i32(r, a, 32); break;
        }
        def32(g, &d);
        break;
    }
}

/* Host memory: the scratch words 0..15 of env (never globals). */
static void gen_host_mem(Gen *g)
{
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    unsigned size = sizes[rnd(g, 4)];
    intptr_t ofs = IRT_SCRATCH_OFS(0) + rnd(g, SCRATCH_WORDS * 8 - size + 1);
    TCGv_ptr base = tcg_env;
    Dst d;

    if (chance(g, 20)) {
        /* through a computed pointer */
        TCGv_i64 p = tcg_temp_new_i64();
        intptr_t bias = (intptr_t)rnd(g, 64) - 32;
        tcg_gen_addi_i64(p, tcg_env, bias);
        ofs -= bias;
        base = p;
    }
    if (size == 8 || chance(g, 50)) {
        if (chance(g, 50)) {
            TCGv_i64 v = src64(g);
            if (tcgv_i64_temp(v)->kind == TEMP_CONST && chance(g, 50)) {
                v = var64(g);
            }
            switch (size) {
            case 1: tcg_gen_st8_i64(v, base, ofs); break;
            case 2: tcg_gen_st16_i64(v, base, ofs); break;
            case 4: tcg_gen_st32_i64(v, base, ofs); break;
            default: tcg_gen_st_i64(v, base, ofs); break;
            }
        } else {
            TCGv_i64 r = dst64(g, &d);
            bool sign = chance(g, 50);
            switch (size * 2 + sign) {
            case 2: tcg_gen_ld8u_i64(r, base, ofs); break;
            case 3: tcg_gen_ld8s_i64(r, base, ofs); break;
            case 4: tcg_gen_ld16u_i64(r, base, ofs); break;
            case 5: tcg_gen_ld16s_i64(r, base, ofs); break;
            case 8: tcg_gen_ld32u_i64(r, base, ofs); break;
            case 9: tcg_gen_ld32s_i64(r, base, ofs); break;
            default: tcg_gen_ld_i64(r, base, ofs); break;
            }
            def64(g, &d);
        }
    } else {
        if (chance(g, 50)) {
            TCGv_i32 v = src32(g);
            switch (size) {
            case 1: tcg_gen_st8_i32(v, base, ofs); break;
            case 2: tcg_gen_st16_i32(v, base, ofs); break;
            default: tcg_gen_st_i32(v, base, ofs); break;
            }
        } else {
            TCGv_i32 r = dst32(g, &d);
            bool sign = chance(g, 50);
            switch (size * 2 + sign) {
            case 2: tcg_gen_ld8u_i32(r, base, ofs); break;
            case 3: tcg_gen_ld8s_i32(r, base, ofs); break;
            case 4: tcg_gen_ld16u_i32(r, base, ofs); break;
            case 5: tcg_gen_ld16s_i32(r, base, ofs); break;
            default: tcg_gen_ld_i32(r, base, ofs); break;
            }
            def32(g, &d);
        }
    }
}

/* Guest memory through qemu_ld/st, user mode. */
static void gen_guest_mem(Gen *g)
{
    bool is64 = chance(g, 60);
    unsigned size = rnd(g, is64 ? 4 : 3);
    MemOp mop = (MemOp)size;
    TCGv_i64 addr;
    Dst d;

    if (chance(g, 40)) {
        mop |= MO_SIGN;
    }
    if (chance(g, 40)) {
        mop |= MO_BE;
    }
    if (chance(g, 25)) {
        addr = tcg_constant_i64(rnd(g, GUEST_SPAN));
    } else {
        /* an address computed from program values */
        Dst ad;
        addr = dst64(g, &ad);
        if (ad.ebb < 0 && tcgv_i64_temp(addr)->kind != TEMP_TB) {
            /* keep globals out of it: use a fresh EBB temp */
            addr = tcg_temp_new_i64();
        }
        tcg_gen_andi_i64(addr, src64(g), GUEST_SPAN - 1);
        def64(g, &ad);
        if (chance(g, 30)) {
            /* aligned, and say so */
            tcg_gen_andi_i64(addr, addr, ~(int64_t)((1 << size) - 1));
            mop |= MO_ALIGN;
        }
    }
    if (chance(g, 50)) {
        if (is64) {
            TCGv_i64 r = dst64(g, &d);
            tcg_gen_qemu_ld_i64(r, addr, rnd(g, 4), mop);
            def64(g, &d);
        } else {
            TCGv_i32 r = dst32(g, &d);
            tcg_gen_qemu_ld_i32(r, addr, rnd(g, 4), mop);
            def32(g, &d);
        }
    } else if (is64) {
        tcg_gen_qemu_st_i64(src64(g), addr, rnd(g, 4), mop);
    } else {
        tcg_gen_qemu_st_i32(src32(g), addr, rnd(g, 4), mop);
    }
}

static void gen_call(Gen *g)
{
    Dst d;

    switch (rnd(g, 13)) {
    case 0: {
        TCGv_i64 r = dst64(g, &d);
        gen_helper_irt_h0(r);
        def64(g, &d);
        break;
    }
    case 1: {
        TCGv_i32 a = src32(g), r = dst32(g, &d);
        gen_helper_irt_h1(r, a);
        def32(g, &d);
        break;
    }
    case 2: {
        TCGv_i32 a = src32(g);
        TCGv_i64 b = src64(g), r = dst64(g, &d);
        gen_helper_irt_h2(r, a, b);
        def64(g, &d);
        break;
    }
    case 3: {
        TCGv_i64 a = src64(g);
        TCGv_i32 b = src32(g), c = src32(g);
        TCGv_i64 r = dst64(g, &d);
        gen_helper_irt_h3(r, a, b, c);
        def64(g, &d);
        break;
    }
    case 4: {
        TCGv_i64 a = src64(g), c = src64(g);
        TCGv_i32 b = src32(g), e = src32(g), r = dst32(g, &d);
        gen_helper_irt_h4(r, a, b, c, e);
        def32(g, &d);
        break;
    }
    case 5: {
        TCGv_i32 a = src32(g), c = src32(g), e = src32(g);
        TCGv_i64 b = src64(g), dd = src64(g), r = dst64(g, &d);
        gen_helper_irt_h5(r, a, b, c, dd, e);
        def64(g, &d);
        break;
    }
    case 6: {
        TCGv_i64 a = src64(g), c = src64(g), e = src64(g), f = src64(g);
        TCGv_i32 b = src32(g), dd = src32(g);
        TCGv_i64 r = dst64(g, &d);
        gen_helper_irt_h6(r, a, b, c, dd, e, f);
        def64(g, &d);
        break;
    }
    case 7: {
        TCGv_i32 a[6], r;
        for (int i = 0; i < 6; i++) {
            a[i] = src32(g);
        }
        r = dst32(g, &d);
        gen_helper_irt_h6w(r, a[0], a[1], a[2], a[3], a[4], a[5]);
        def32(g, &d);
        break;
    }
    case 8: {
        /* a pointer into the scratch area */
        TCGv_i64 p = tcg_temp_new_i64(), r;
        tcg_gen_addi_i64(p, tcg_env, IRT_SCRATCH_OFS(rnd(g, 8)));
        r = dst64(g, &d);
        gen_helper_irt_ptr_sum(r, p, src32(g));
        def64(g, &d);
        break;
    }
    case 9:
        if (chance(g, 50)) {
            gen_helper_irt_count(tcg_env);
        } else {
            TCGv_i64 r = dst64(g, &d);
            gen_helper_irt_count_ret(r, tcg_env, src64(g));
            def64(g, &d);
        }
        break;
    case 10: {
        TCGv_i64 r = dst64(g, &d);
        if (chance(g, 50)) {
            gen_helper_irt_env_read(r, tcg_env);
        } else {
            gen_helper_irt_env_hash(r, tcg_env);
        }
        def64(g, &d);
        break;
    }
    case 11:
        gen_helper_irt_env_write(tcg_env, src64(g));
        break;
    default: {
        TCGv_i64 v = src64(g);
        TCGv_i32 idx = src32(g);
        TCGv_i64 r = dst64(g, &d);
        gen_helper_irt_env_rw(r, tcg_env, v, idx);
        def64(g, &d);
        break;
    }
    }
}

static void gen_misc(Gen *g)
{
    switch (rnd(g, 4)) {
    case 0:
        tcg_gen_mb(TCG_MO_ALL | (chance(g, 50) ? TCG_BAR_SC : 0));
        break;
    case 1:
        tcg_gen_insn_start(0x4000 + 4 * rnd(g, 1000), rnd(g, 16));
        break;
    default: {
        /* discard an EBB temp: it becomes undefined */
        int i = rnd(g, g->nt);
        if (chance(g, 50)) {
            tcg_gen_discard_i64(g->t64[i]);
            g->ok64[i] = false;
        } else {
            tcg_gen_discard_i32(g->t32[i]);
            g->ok32[i] = false;
        }
        break;
    }
    }
}

/* ------------------------------------------------------------------ */
/* Control flow                                                        */

static void gen_block(Gen *g, int budget);

static void gen_branch(Gen *g, TCGLabel *l)
{
    if (chance(g, 60)) {
        tcg_gen_brcond_i64(rand_cond(g), src64(g), src64(g), l);
    } else {
        tcg_gen_brcond_i32(rand_cond(g), src32(g), src32(g), l);
    }
}

static void gen_if(Gen *g, int budget)
{
    TCGLabel *skip = gen_new_label();

    gen_branch(g, skip);
    g->depth++;
    gen_block(g, budget);
    if (chance(g, 8)) {
        /* early exit */
        g->exits++;
        tcg_gen_exit_tb(0x10000 * g->exits, rnd(g, 4));
    }
    g->depth--;
    set_label(g, skip);
}

static void gen_if_else(Gen *g, int budget)
{
    TCGLabel *els = gen_new_label(), *done = gen_new_label();

    gen_branch(g, els);
    g->depth++;
    gen_block(g, budget / 2);
    tcg_gen_br(done);
    set_label(g, els);
    gen_block(g, budget - budget / 2);
    g->depth--;
    set_label(g, done);
}

static void gen_loop(Gen *g, int budget)
{
    TCGv_i64 cnt = g->loop_cnt[g->loops];
    TCGLabel *top = gen_new_label();

    tcg_gen_movi_i64(cnt, 1 + rnd(g, 4));
    set_label(g, top);
    g->loops++;
    g->depth++;
    gen_block(g, budget);
    g->depth--;
    g->loops--;
    tcg_gen_subi_i64(cnt, cnt, 1);
    tcg_gen_brcondi_i64(TCG_COND_NE, cnt, 0, top);
}

static void gen_block(Gen *g, int budget)
{
    while (budget > 0) {
        unsigned r = rnd(g, 100);
        if (r < 5 && g->depth < MAX_DEPTH && budget > 4) {
            int sub = 2 + rnd(g, budget / 2);
            gen_if(g, sub);
            budget -= sub;
        } else if (r < 8 && g->depth < MAX_DEPTH && budget > 6) {
            int sub = 3 + rnd(g, budget / 2);
            gen_if_else(g, sub);
            budget -= sub;
        } else if (r < 10 && g->loops < MAX_LOOPS && budget > 6) {
            int sub = 3 + rnd(g, budget / 3);
            gen_loop(g, sub);
            budget -= sub;
        } else {
            unsigned k = rnd(g, 100);
            if (k < 38) {
                gen_arith64(g);
            } else if (k < 66) {
                gen_arith32(g);
            } else if (k < 76) {
                gen_host_mem(g);
            } else if (k < 86) {
                gen_guest_mem(g);
            } else if (k < 95) {
                gen_call(g);
            } else {
                gen_misc(g);
            }
            budget--;
        }
    }
}

/* The whole program for one seed; deterministic. */
static void build_program(IRTCtx *c, void *opaque)
{
    Gen g;

    memset(&g, 0, sizeof(g));
    g.c = c;
    g.rng = *(uint64_t *)opaque;
    for (int i = 0; i < NT; i++) {
        g.t64[i] = tcg_temp_new_i64();
        g.t32[i] = tcg_temp_new_i32();
    }
    for (int i = 0; i < NTB; i++) {
        g.tb64[i] = tcg_temp_new_tb_i64();
        g.tb32[i] = tcg_temp_new_tb_i32();
        /* TB temps start defined */
        if (chance(&g, 50)) {
            tcg_gen_movi_i64(g.tb64[i], (int64_t)rand_const(&g));
        } else {
            tcg_gen_mov_i64(g.tb64[i], c->g64[rnd(&g, NG)]);
        }
        tcg_gen_mov_i32(g.tb32[i], c->g32[rnd(&g, NG)]);
    }
    for (int i = 0; i < MAX_LOOPS; i++) {
        g.loop_cnt[i] = tcg_temp_new_tb_i64();
    }
    /* mostly small blocks, some big ones with more live temps */
    if (chance(&g, 10)) {
        g.nt = NT;
        gen_block(&g, 100 + rnd(&g, 200));
    } else {
        g.nt = chance(&g, 50) ? 4 : NT;
        gen_block(&g, 10 + rnd(&g, 70));
    }
    /* make the temps observable */
    for (int i = 0; i < NTB; i++) {
        tcg_gen_st_i64(g.tb64[i], tcg_env, IRT_SCRATCH_OFS(16 + i));
        tcg_gen_st_i32(g.tb32[i], tcg_env, IRT_SCRATCH_OFS(20 + i));
    }
    for (int i = 0; i < 6; i++) {
        if (g.ok64[i]) {
            tcg_gen_st_i64(g.t64[i], tcg_env, IRT_SCRATCH_OFS(24 + i));
        }
        if (g.ok32[i] && i < 2) {
            tcg_gen_st_i32(g.t32[i], tcg_env, IRT_SCRATCH_OFS(30 + i));
        }
    }
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtoull(s, NULL, 0) : dflt;
}

/* What is running, for the crash handler. */
static volatile uint64_t cur_seed, cur_index, cur_prog_seed;
static const char *volatile cur_config = "none";

static void crash_handler(int sig)
{
    char buf[256];
    int n = snprintf(buf, sizeof(buf),
                     "\nir-random: signal %d in program %" PRIu64
                     " (TERN_IR_SEED=%" PRIu64 " TERN_IR_START=%" PRIu64
                     " TERN_IR_COUNT=1 reproduces; program seed 0x%" PRIx64
                     ") on %s\n", sig, cur_index, cur_seed, cur_index,
                     cur_prog_seed, cur_config);
    static volatile int dumping;

    if (write(2, buf, n) < 0) {
        /* nothing to do */
    }
    if (!dumping) {
        /* best effort: the op list of the program, as built */
        IRTCtx *c = irt_ctx("interp");
        uint64_t ps = cur_prog_seed;
        dumping = 1;
        signal(sig, SIG_DFL);
        if (c) {
            irt_begin(c);
            build_program(c, &ps);
            irt_dump(c, stderr, "crashing program");
        }
    }
    _exit(2);
}

static uint64_t program_seed(uint64_t seed, uint64_t index)
{
    uint64_t st = seed * 0x9e3779b97f4a7c15ull + index;
    return irt_rand(&st);
}

typedef struct Config {
    const char *backend;
    bool optimize;
    const char *label;
} Config;

static const Config configs[] = {
    { "jit", true, "jit" },
    { "jit", false, "jit-noopt" },
    { "interp", true, "interp" },
    { "interp", false, "interp-noopt" },
};

static void test_random_programs(void)
{
    uint64_t seed = env_u64("TERN_IR_SEED", 1);
    uint64_t count = env_u64("TERN_IR_COUNT", 20000);
    uint64_t start = env_u64("TERN_IR_START", 0);
    bool verbose = env_u64("TERN_IR_VERBOSE", 0) != 0;
    IRTCtx *ctx[N(configs)];
    int nconf = 0, failures = 0;
    uint8_t *guest0;

    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }
    guest0 = g_malloc(IRT_GUEST_SIZE);
    signal(SIGSEGV, crash_handler);
    signal(SIGILL, crash_handler);
    signal(SIGBUS, crash_handler);
    signal(SIGFPE, crash_handler);
    signal(SIGALRM, crash_handler);
    signal(SIGABRT, crash_handler);
    cur_seed = seed;

    for (int i = 0; i < N(configs); i++) {
        IRTCtx *c = irt_ctx(configs[i].backend);
        if (c) {
            ctx[i] = c;
            nconf++;
        } else {
            ctx[i] = NULL;
        }
    }
    if (!ctx[0]) {
        g_test_message("no JIT on this host: interpreter and reference only");
    }
    g_test_message("seed %" PRIu64 ", programs %" PRIu64 "..%" PRIu64, seed,
                   start, start + count - 1);

    for (uint64_t idx = start; idx < start + count; idx++) {
        uint64_t ps = program_seed(seed, idx);
        IRTEnv init;
        char what[160];

        cur_index = idx;
        cur_prog_seed = ps;
        irt_env_init(&init, ps);
        {
            uint64_t st = ps ^ 0xabcdef;
            for (int i = 0; i < IRT_GUEST_SIZE; i++) {
                guest0[i] = (uint8_t)irt_rand(&st);
            }
        }
        if (verbose) {
            IRTCtx *c = ctx[2];
            irt_begin(c);
            build_program(c, &ps);
            snprintf(what, sizeof(what), "program %" PRIu64, idx);
            irt_dump(c, stdout, what);
        }
        for (int i = 0; i < N(configs); i++) {
            if (!ctx[i]) {
                continue;
            }
            cur_config = configs[i].label;
            snprintf(what, sizeof(what), "seed %" PRIu64 " program %" PRIu64
                     " (TERN_IR_SEED=%" PRIu64 " TERN_IR_START=%" PRIu64
                     " TERN_IR_COUNT=1)", seed, idx, seed, idx);
            alarm(20);
            if (!irt_run_check(ctx[i], build_program, &ps, &init, guest0,
                               configs[i].optimize, stderr, what, NULL)) {
                failures++;
            }
            alarm(0);
        }
        if (failures >= 20) {
            g_test_message("stopping after %d failures", failures);
            break;
        }
    }
    g_free(guest0);
    g_test_message("%" PRIu64 " programs, %d configurations, %d failures",
                   count, nconf, failures);
    if (failures) {
        g_test_fail();
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/ir-random/programs", test_random_programs);
    return g_test_run();
}
