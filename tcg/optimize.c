/*
 * The IR optimizer: one forward pass over the ops of a block.
 *
 * For every temp we track what is known about its current value:
 *   - a constant value,
 *   - z: the bits that may be 1 (a 0 bit is known to be zero),
 *   - o: the bits known to be 1 (always a subset of z),
 *   - srep: how many leading bits (within the temp's width, sign bit
 *     included) are known to be equal to the sign bit,
 *   - membership in a class of temps that hold the same value (copies),
 *   - "this temp is ~s / -s / ext(s)" for a source whose version has not
 *     changed since (double not/neg, extrl of an ext).
 * Values of i32 temps are kept zero-extended to 64 bits here; a movi we
 * emit for an i32 output carries the value sign-extended from bit 31,
 * as tcg_constant_i32 does.
 *
 * With that knowledge inputs are replaced by constants or the oldest
 * equivalent temp, ops with known results become movi/mov, identities are
 * simplified, conditional branches with a known outcome become br or
 * vanish, and code that cannot be reached is removed.
 *
 * Knowledge is dropped at every label that is still a branch target
 * (control flow joins there), for globals at calls that may write them
 * and at host stores (they may alias a global's slot), and for any temp
 * an op writes.  Labels that are no longer targets are removed, so the
 * code around them becomes one extended basic block.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tcg/tcg.h"

typedef enum {
    DEF_NONE,
    DEF_NOT,        /* temp == ~src */
    DEF_NEG,        /* temp == -src */
    DEF_EXT32S,     /* i64 temp == (int32_t)src, src an i32 temp */
    DEF_EXT32U,     /* i64 temp == (uint32_t)src, src an i32 temp */
} DefKind;

typedef struct TempInfo {
    uint32_t epoch;         /* stale entries are reinitialised on access */
    bool is_const;
    uint8_t srep;
    uint8_t def_kind;
    uint64_t val, z, o;
    int prev, next;         /* circular list of equivalent temps */
    uint32_t seq;           /* when last written (0: before the block) */
    int def_src;
    uint32_t def_ver;
} TempInfo;

typedef struct OptCtx {
    TCGContext *s;
    uint32_t seq;
    bool unreachable;
    TCGOp *next;            /* next op to visit */
} OptCtx;

static __thread TempInfo opt_info[TCG_MAX_TEMPS];
static __thread uint32_t opt_ver[TCG_MAX_TEMPS];   /* bumped on each write */
static __thread int opt_label_refs[TCG_MAX_LABELS];
static __thread uint32_t opt_epoch;

/* ------------------------------------------------------------------ */
/* Bit helpers                                                         */

static inline unsigned type_width(TCGType t)
{
    return t == TCG_TYPE_I32 ? 32 : 64;
}

static inline uint64_t low_mask(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

static inline uint64_t type_mask(TCGType t)
{
    return low_mask(type_width(t));
}

static inline uint64_t sext_w(uint64_t v, unsigned w)
{
    if (w >= 64) {
        return v;
    }
    return (uint64_t)((int64_t)(v << (64 - w)) >> (64 - w));
}

/* Number of bits needed to represent x (0 for 0). */
static inline unsigned nbits(uint64_t x)
{
    return x ? 64 - __builtin_clzll(x) : 0;
}

static inline unsigned clz_w(uint64_t x, unsigned w)
{
    x &= low_mask(w);
    return x ? (unsigned)__builtin_clzll(x) - (64 - w) : w;
}

static inline unsigned ctz_w(uint64_t x, unsigned w)
{
    x &= low_mask(w);
    return x ? (unsigned)__builtin_ctzll(x) : w;
}

/* Mask of bits at or above position n (n may be >= 64). */
static inline uint64_t high_from(unsigned n)
{
    return n >= 64 ? 0 : ~0ull << n;
}

static inline uint64_t rotl_w(uint64_t x, unsigned c, unsigned w)
{
    x &= low_mask(w);
    c &= w - 1;
    if (c == 0) {
        return x;
    }
    return ((x << c) | (x >> (w - c))) & low_mask(w);
}

/* Leading bits equal to the sign bit, sign bit included. */
static unsigned srep_of_val(uint64_t v, unsigned w)
{
    v &= low_mask(w);
    if ((v >> (w - 1)) & 1) {
        v = ~v & low_mask(w);
    }
    return clz_w(v, w);
}

static inline unsigned umin(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

static inline unsigned umax(unsigned a, unsigned b)
{
    return a > b ? a : b;
}

/* ------------------------------------------------------------------ */
/* Per-temp knowledge                                                  */

static void ti_init(OptCtx *c, int idx)
{
    TCGTemp *ts = &c->s->temps[idx];
    TempInfo *ti = &opt_info[idx];
    uint64_t m = type_mask(ts->type);

    ti->epoch = opt_epoch;
    ti->prev = ti->next = idx;
    ti->seq = 0;
    ti->def_kind = DEF_NONE;
    ti->def_src = 0;
    ti->def_ver = 0;
    if (ts->kind == TEMP_CONST) {
        uint64_t v = (uint64_t)ts->val & m;
        ti->is_const = true;
        ti->val = ti->z = ti->o = v;
        ti->srep = srep_of_val(v, type_width(ts->type));
    } else {
        ti->is_const = false;
        ti->val = 0;
        ti->z = m;
        ti->o = 0;
        ti->srep = 1;
    }
}

static TempInfo *ti_get(OptCtx *c, int idx)
{
    TempInfo *ti = &opt_info[idx];
    if (ti->epoch != opt_epoch) {
        ti_init(c, idx);
    }
    return ti;
}

static inline TempInfo *ai(OptCtx *c, TCGArg a)
{
    return ti_get(c, (int)a);
}

static inline TCGTemp *at(OptCtx *c, TCGArg a)
{
    return &c->s->temps[a];
}

/* Forget everything about every temp (a control-flow join). */
static void forget_all(void)
{
    if (++opt_epoch == 0) {
        memset(opt_info, 0, sizeof(opt_info));
        opt_epoch = 1;
    }
}

static void class_remove(int idx)
{
    TempInfo *ti = &opt_info[idx];
    if (ti->next != idx) {
        opt_info[ti->prev].next = ti->next;
        opt_info[ti->next].prev = ti->prev;
        ti->prev = ti->next = idx;
    }
}

/* Put dst (alone in its class) into src's class. */
static void class_add(int dst, int src)
{
    TempInfo *d = &opt_info[dst], *sr = &opt_info[src];
    d->next = sr->next;
    d->prev = src;
    opt_info[sr->next].prev = dst;
    sr->next = dst;
}

/* The temp is being written: forget what we knew. */
static void reset_temp(OptCtx *c, int idx)
{
    ti_get(c, idx);
    class_remove(idx);
    ti_init(c, idx);
    opt_ver[idx]++;
    opt_info[idx].seq = ++c->seq;
}

static void reset_globals(OptCtx *c)
{
    for (int i = 0; i < c->s->nb_globals; i++) {
        if (c->s->temps[i].kind == TEMP_GLOBAL) {
            reset_temp(c, i);
        }
    }
}

static bool arg_const(OptCtx *c, TCGArg a, uint64_t *v)
{
    TempInfo *ti = ai(c, a);
    if (ti->is_const) {
        *v = ti->val;
        return true;
    }
    return false;
}

static bool arg_is(OptCtx *c, TCGArg a, uint64_t v)
{
    uint64_t x;
    return arg_const(c, a, &x) && x == v;
}

/* Do the two args hold the same value? */
static bool args_same(OptCtx *c, TCGArg a, TCGArg b)
{
    if (a == b) {
        return true;
    }
    TempInfo *x = ai(c, a), *y = ai(c, b);
    if (x->is_const || y->is_const) {
        return x->is_const && y->is_const && x->val == y->val;
    }
    for (int i = x->next; i != (int)a; i = opt_info[i].next) {
        if (i == (int)b) {
            return true;
        }
    }
    return false;
}

static int kind_prio(TCGTempKind k)
{
    switch (k) {
    case TEMP_GLOBAL:
        return 3;
    case TEMP_TB:
        return 2;
    default:
        return 1;
    }
}

/* The replacement for an input: a constant or the best equivalent temp. */
static TCGArg propagate(OptCtx *c, TCGArg a)
{
    TCGTemp *ts = at(c, a);
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        return a;
    }
    TempInfo *ti = ti_get(c, (int)a);
    if (ti->is_const) {
        TCGContext *s = c->s;
        if (s->nb_temps < TCG_MAX_TEMPS - 1 && !s->ops_overflow) {
            int64_t v = ts->type == TCG_TYPE_I32 ? (int64_t)(int32_t)ti->val
                                                 : (int64_t)ti->val;
            TCGTemp *k = tcg_constant_internal(ts->type, v);
            if (k && k->kind == TEMP_CONST && k->type == ts->type) {
                return (TCGArg)(k - s->temps);
            }
        }
        return a;
    }
    int best = (int)a;
    int bprio = kind_prio(ts->kind);
    uint32_t bseq = ti->seq;
    for (int i = ti->next; i != (int)a; i = opt_info[i].next) {
        int p = kind_prio(c->s->temps[i].kind);
        if (p > bprio || (p == bprio && opt_info[i].seq < bseq)) {
            best = i;
            bprio = p;
            bseq = opt_info[i].seq;
        }
    }
    return (TCGArg)best;
}

/* ------------------------------------------------------------------ */
/* Constant evaluation                                                 */

/* 1 or 0 if "a cond b" is known, -1 otherwise. */
static int cond_known(OptCtx *c, TCGCond cond, TCGType t, TCGArg a, TCGArg b)
{
    uint64_t x, y;
    if (cond == TCG_COND_NEVER) {
        return 0;
    }
    if (cond == TCG_COND_ALWAYS) {
        return 1;
    }
    if (arg_const(c, a, &x) && arg_const(c, b, &y)) {
        return tcg_cond_eval(cond, t, x, y);
    }
    if (args_same(c, a, b)) {
        return tcg_cond_eval(cond, t, 0, 0);
    }

    TempInfo *ta = ai(c, a), *tb = ai(c, b);
    uint64_t za = ta->z, oa = ta->o, zb = tb->z, ob = tb->o;
    unsigned w = type_width(t);

    if (cond == TCG_COND_EQ || cond == TCG_COND_NE) {
        if ((oa & ~zb) | (ob & ~za)) {
            return cond == TCG_COND_NE;
        }
        return -1;
    }
    if (!tcg_cond_is_unsigned(cond)) {
        /*
         * Signed and unsigned order agree when both are known to be
         * non-negative, or both known to be negative.
         */
        bool both_pos = !(((za | zb) >> (w - 1)) & 1);
        bool both_neg = ((oa & ob) >> (w - 1)) & 1;
        if (!both_pos && !both_neg) {
            return -1;
        }
        cond = (TCGCond)(cond + (TCG_COND_LTU - TCG_COND_LT));
    }
    /* As unsigned numbers a is in [oa, za] and b in [ob, zb]. */
    switch (cond) {
    case TCG_COND_LTU:
    case TCG_COND_GEU: {
        int r = za < ob ? 1 : oa >= zb ? 0 : -1;
        if (r >= 0 && cond == TCG_COND_GEU) {
            r = !r;
        }
        return r;
    }
    case TCG_COND_LEU:
    case TCG_COND_GTU: {
        int r = za <= ob ? 1 : oa > zb ? 0 : -1;
        if (r >= 0 && cond == TCG_COND_GTU) {
            r = !r;
        }
        return r;
    }
    default:
        return -1;
    }
}

static uint64_t eval_binary(TCGOpcode opc, TCGType t, uint64_t x, uint64_t y)
{
    unsigned w = type_width(t);
    uint64_t m = low_mask(w);
    unsigned sh = (unsigned)(y & (w - 1));
    int64_t sx = (int64_t)sext_w(x & m, w), sy = (int64_t)sext_w(y & m, w);
    int64_t smin = (int64_t)sext_w(1ull << (w - 1), w);

    x &= m;
    y &= m;
    switch (opc) {
    case INDEX_op_add:  return (x + y) & m;
    case INDEX_op_sub:  return (x - y) & m;
    case INDEX_op_mul:  return (x * y) & m;
    case INDEX_op_and:  return x & y;
    case INDEX_op_or:   return x | y;
    case INDEX_op_xor:  return x ^ y;
    case INDEX_op_andc: return x & ~y & m;
    case INDEX_op_orc:  return (x | ~y) & m;
    case INDEX_op_shl:  return (x << sh) & m;
    case INDEX_op_shr:  return x >> sh;
    case INDEX_op_sar:  return (uint64_t)(sx >> sh) & m;
    case INDEX_op_rotl: return rotl_w(x, sh, w);
    case INDEX_op_rotr: return rotl_w(x, (w - sh) & (w - 1), w);
    case INDEX_op_div:
        if (sy == 0) {
            return 0;
        }
        if (sx == smin && sy == -1) {
            return (uint64_t)smin & m;
        }
        return (uint64_t)(sx / sy) & m;
    case INDEX_op_divu:
        return y ? x / y : 0;
    case INDEX_op_rem:
        if (sy == 0) {
            return x;
        }
        if (sy == -1) {
            return 0;
        }
        return (uint64_t)(sx % sy) & m;
    case INDEX_op_remu:
        return y ? x % y : x;
    case INDEX_op_clz:
        return x ? clz_w(x, w) : y;
    case INDEX_op_ctz:
        return x ? ctz_w(x, w) : y;
    default:
        tcg_abort_msg("optimize: eval_binary: bad op %d", opc);
    }
}

/* Unary ops; x is the input's value in the input temp's width. */
static uint64_t eval_unary(TCGOpcode opc, TCGType t, uint64_t x)
{
    unsigned w = type_width(t);
    uint64_t m = low_mask(w);

    switch (opc) {
    case INDEX_op_neg:    return -x & m;
    case INDEX_op_not:    return ~x & m;
    case INDEX_op_ext8s:  return sext_w(x & 0xff, 8) & m;
    case INDEX_op_ext8u:  return x & 0xff;
    case INDEX_op_ext16s: return sext_w(x & 0xffff, 16) & m;
    case INDEX_op_ext16u: return x & 0xffff;
    case INDEX_op_ext32s: return sext_w(x & 0xffffffffu, 32) & m;
    case INDEX_op_ext32u: return x & 0xffffffffu;
    case INDEX_op_ext_i32_i64:   return sext_w(x & 0xffffffffu, 32);
    case INDEX_op_extu_i32_i64:  return x & 0xffffffffu;
    case INDEX_op_extrl_i64_i32: return x & 0xffffffffu;
    case INDEX_op_extrh_i64_i32: return x >> 32;
    case INDEX_op_bswap16: return __builtin_bswap16((uint16_t)x);
    case INDEX_op_bswap32: return __builtin_bswap32((uint32_t)x);
    case INDEX_op_bswap64: return __builtin_bswap64(x) & m;
    case INDEX_op_ctpop:   return (uint64_t)__builtin_popcountll(x & m);
    default:
        tcg_abort_msg("optimize: eval_unary: bad op %d", opc);
    }
}

/* ------------------------------------------------------------------ */
/* Rewriting ops                                                       */

static void remove_op(OptCtx *c, TCGOp *op)
{
    if (c->next == op) {
        c->next = op->next;
    }
    tcg_op_remove(c->s, op);
}

static void do_movi(OptCtx *c, TCGOp *op)
{
    TCGArg d = op->args[0];
    TCGTemp *dt = at(c, d);
    uint64_t v = op->args[1] & type_mask(dt->type);

    if (dt->kind == TEMP_FIXED) {
        return;
    }
    TempInfo *di = ti_get(c, (int)d);
    if (di->is_const && di->val == v) {
        remove_op(c, op);
        return;
    }
    reset_temp(c, (int)d);
    di->is_const = true;
    di->val = di->z = di->o = v;
    di->srep = srep_of_val(v, type_width(dt->type));
}

static void op_to_movi(OptCtx *c, TCGOp *op, uint64_t v)
{
    TCGType t = at(c, op->args[0])->type;
    v &= type_mask(t);
    op->opc = INDEX_op_movi;
    op->nargs = 2;
    op->args[1] = t == TCG_TYPE_I32 ? (TCGArg)(int64_t)(int32_t)v : v;
    do_movi(c, op);
}

static void do_mov(OptCtx *c, TCGOp *op)
{
    TCGArg d = op->args[0], src = op->args[1];
    TCGTemp *dt = at(c, d), *st = at(c, src);

    if (d == src) {
        remove_op(c, op);
        return;
    }
    if (dt->kind == TEMP_FIXED) {
        return;
    }
    TempInfo *si = ai(c, src);
    if (si->is_const && dt->type == st->type) {
        op_to_movi(c, op, si->val);
        return;
    }
    if (args_same(c, d, src)) {
        remove_op(c, op);
        return;
    }

    TempInfo copy = *si;
    reset_temp(c, (int)d);
    TempInfo *di = &opt_info[d];
    if (dt->type == st->type) {
        di->z = copy.z;
        di->o = copy.o;
        di->srep = copy.srep;
        di->def_kind = copy.def_kind;
        di->def_src = copy.def_src;
        di->def_ver = copy.def_ver;
        if (st->kind != TEMP_FIXED) {
            class_add((int)d, (int)src);
        }
    }
}

static void op_to_mov(OptCtx *c, TCGOp *op, TCGArg src)
{
    op->opc = INDEX_op_mov;
    op->nargs = 2;
    op->args[1] = src;
    do_mov(c, op);
}

/* Replace op's input i by a constant temp holding v (false if we can't). */
static bool set_const_arg(OptCtx *c, TCGOp *op, int i, TCGType t, uint64_t v)
{
    TCGContext *s = c->s;
    if (s->nb_temps >= TCG_MAX_TEMPS - 1 || s->ops_overflow) {
        return false;
    }
    v &= type_mask(t);
    TCGTemp *k = tcg_constant_internal(
        t, t == TCG_TYPE_I32 ? (int64_t)(int32_t)v : (int64_t)v);
    if (!k || k->kind != TEMP_CONST) {
        return false;
    }
    op->args[i] = (TCGArg)(k - s->temps);
    return true;
}

/* A two-output op with known results becomes "movi lo; movi hi". */
static void fold_two_movi(OptCtx *c, TCGOp *op, uint64_t rl, uint64_t rh)
{
    TCGType t = at(c, op->args[1])->type;
    TCGOp *op2 = tcg_op_insert_after(c->s, op, INDEX_op_movi, t, 2);
    rh &= type_mask(t);
    op2->args[0] = op->args[1];
    op2->args[1] = t == TCG_TYPE_I32 ? (TCGArg)(int64_t)(int32_t)rh : rh;
    c->next = op2;          /* visited next, as an ordinary movi */
    op_to_movi(c, op, rl);
}

/* Known bits of a result. */
typedef struct Bits {
    uint64_t z, o;
    unsigned srep;
} Bits;

/*
 * Record the output of a single-output op; if all of its bits are known
 * the op becomes a movi.
 */
static void finish_out(OptCtx *c, TCGOp *op, Bits b, bool can_fold)
{
    TCGArg d = op->args[0];
    TCGTemp *dt = at(c, d);
    unsigned w = type_width(dt->type);
    uint64_t m = low_mask(w);

    if (dt->kind == TEMP_FIXED) {
        return;
    }
    b.z &= m;
    b.o &= b.z;
    if (can_fold && b.z == b.o) {
        op_to_movi(c, op, b.z);
        return;
    }
    reset_temp(c, (int)d);
    TempInfo *di = &opt_info[d];
    di->z = b.z;
    di->o = b.o;
    unsigned s = umax(b.srep, umax(clz_w(b.z, w), clz_w(~b.o, w)));
    di->srep = (uint8_t)umin(umax(s, 1), w);
    if (b.z == b.o) {
        di->is_const = true;
        di->val = b.z;
    }
}

static void reset_outputs(OptCtx *c, TCGOp *op, int nb_oargs)
{
    for (int i = 0; i < nb_oargs; i++) {
        if (at(c, op->args[i])->kind != TEMP_FIXED) {
            reset_temp(c, (int)op->args[i]);
        }
    }
}

/* Remember "out == kind(src)" after out has been written. */
static void set_def(OptCtx *c, TCGArg out, DefKind kind, TCGArg src,
                    uint32_t src_ver)
{
    TCGTemp *ot = at(c, out), *st = at(c, src);
    if (ot->kind == TEMP_FIXED || st->kind == TEMP_FIXED ||
        st->kind == TEMP_CONST) {
        return;
    }
    TempInfo *oi = ai(c, out);
    if (oi->is_const) {
        return;
    }
    oi->def_kind = kind;
    oi->def_src = (int)src;
    oi->def_ver = src_ver;
}

static bool def_is(OptCtx *c, TCGArg a, DefKind kind)
{
    TempInfo *ti = ai(c, a);
    return ti->def_kind == kind && opt_ver[ti->def_src] == ti->def_ver &&
           opt_info[ti->def_src].epoch == opt_epoch;
}

static bool is_commutative(TCGOpcode opc)
{
    return opc == INDEX_op_add || opc == INDEX_op_mul ||
           opc == INDEX_op_and || opc == INDEX_op_or || opc == INDEX_op_xor;
}

/* ------------------------------------------------------------------ */
/* Control flow                                                        */

/* The next op, skipping insn_start (which emits no code). */
static TCGOp *next_code_op(TCGOp *op)
{
    for (op = op->next; op && op->opc == INDEX_op_insn_start; op = op->next) {
    }
    return op;
}

/*
 * An unconditional branch: what follows up to the next label is
 * unreachable.  If that label is the branch's own target, the branch
 * only skips dead code: drop both the branch and the dead code.
 */
static void do_br(OptCtx *c, TCGOp *op)
{
    TCGArg l = op->args[0];
    TCGOp *n;

    for (n = op->next; n && n->opc != INDEX_op_set_label; n = n->next) {
    }
    if (n && n->args[0] == l) {
        TCGOp *next;
        for (TCGOp *d = op->next; d != n; d = next) {
            next = d->next;
            if (d->opc == INDEX_op_insn_start) {
                continue;
            }
            if (d->opc == INDEX_op_br) {
                opt_label_refs[d->args[0]]--;
            } else if (d->opc == INDEX_op_brcond) {
                opt_label_refs[d->args[3]]--;
            }
            remove_op(c, d);
        }
        opt_label_refs[l]--;
        remove_op(c, op);
        return;
    }
    c->unreachable = true;
}

static void do_set_label(OptCtx *c, TCGOp *op)
{
    TCGArg l = op->args[0];
    if (opt_label_refs[l] <= 0) {
        /* Nobody branches here any more: not a join point. */
        TCGLabel *lab = &c->s->labels[l];
        lab->refs = false;
        lab->present = false;
        remove_op(c, op);
        return;
    }
    c->unreachable = false;
    forget_all();
}

static void do_brcond(OptCtx *c, TCGOp *op)
{
    TCGArg *a = op->args;
    TCGType t = op->type;
    uint64_t v;

    if (arg_const(c, a[0], &v) && !arg_const(c, a[1], &v)) {
        TCGArg tmp = a[0];
        a[0] = a[1];
        a[1] = tmp;
        a[2] = tcg_swap_cond((TCGCond)a[2]);
    }
    TCGCond cond = (TCGCond)a[2];
    TCGArg l = a[3];
    int r = cond_known(c, cond, t, a[0], a[1]);
    if (r == 0) {
        opt_label_refs[l]--;
        remove_op(c, op);
        return;
    }
    if (r == 1) {
        op->opc = INDEX_op_br;
        op->nargs = 1;
        op->args[0] = l;
        do_br(c, op);
        return;
    }
    TCGOp *n = next_code_op(op);
    if (n && n->opc == INDEX_op_set_label && n->args[0] == l) {
        /* Both ways lead to the same place. */
        opt_label_refs[l]--;
        remove_op(c, op);
        return;
    }
    /* On the fall-through path of "a != k", a == k. */
    if (cond == TCG_COND_NE && arg_const(c, a[1], &v) &&
        at(c, a[0])->kind != TEMP_FIXED && at(c, a[0])->kind != TEMP_CONST) {
        TCGTemp *ts = at(c, a[0]);
        reset_temp(c, (int)a[0]);
        TempInfo *ti = &opt_info[a[0]];
        ti->is_const = true;
        ti->val = ti->z = ti->o = v;
        ti->srep = srep_of_val(v, type_width(ts->type));
    }
}

/* ------------------------------------------------------------------ */
/* Integer ops                                                         */

static void fold_int(OptCtx *c, TCGOp *op)
{
    TCGArg *a = op->args;
    TCGType t;
    unsigned w;
    uint64_t m, x = 0, y = 0;
    bool cx, cy;
    TempInfo *xi, *yi;
    Bits b;

again:
    t = op->type;
    w = type_width(t);
    m = low_mask(w);
    b.z = m;
    b.o = 0;
    b.srep = 1;

    switch (op->opc) {
    case INDEX_op_mov:
        do_mov(c, op);
        return;
    case INDEX_op_movi:
        do_movi(c, op);
        return;

    case INDEX_op_add:
    case INDEX_op_sub:
    case INDEX_op_mul:
    case INDEX_op_and:
    case INDEX_op_or:
    case INDEX_op_xor:
    case INDEX_op_andc:
    case INDEX_op_orc:
    case INDEX_op_shl:
    case INDEX_op_shr:
    case INDEX_op_sar:
    case INDEX_op_rotl:
    case INDEX_op_rotr:
    case INDEX_op_div:
    case INDEX_op_divu:
    case INDEX_op_rem:
    case INDEX_op_remu:
    case INDEX_op_clz:
    case INDEX_op_ctz: {
        if (is_commutative(op->opc) && arg_const(c, a[1], &x) &&
            !arg_const(c, a[2], &y)) {
            TCGArg tmp = a[1];
            a[1] = a[2];
            a[2] = tmp;
        }
        cx = arg_const(c, a[1], &x);
        cy = arg_const(c, a[2], &y);
        if (cx && cy) {
            op_to_movi(c, op, eval_binary(op->opc, t, x, y));
            return;
        }
        xi = ai(c, a[1]);
        yi = ai(c, a[2]);
        uint64_t xz = xi->z, xo = xi->o, yz = yi->z, yo = yi->o;
        unsigned xs = xi->srep, ys = yi->srep;
        unsigned smin = umin(xs, ys);

        switch (op->opc) {
        case INDEX_op_add:
            if (cy && y == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if ((xz & yz) == 0) {
                /* No carries: the sum is the or. */
                b.z = xz | yz;
                b.o = xo | yo;
            } else {
                unsigned tz = umin(ctz_w(xz, w), ctz_w(yz, w));
                unsigned hb = umax(nbits(xz), nbits(yz)) + 1;
                b.z = low_mask(hb) & high_from(tz);
            }
            b.srep = smin > 1 ? smin - 1 : 1;
            break;
        case INDEX_op_sub:
            if (cy && y == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (args_same(c, a[1], a[2])) {
                op_to_movi(c, op, 0);
                return;
            }
            if (cx && x == 0) {
                op->opc = INDEX_op_neg;
                op->nargs = 2;
                a[1] = a[2];
                goto again;
            }
            if ((yz & ~xo) == 0) {
                /* No borrows: the difference is the andc. */
                b.z = xz & ~yo;
                b.o = xo & ~yz;
            } else {
                b.z = high_from(umin(ctz_w(xz, w), ctz_w(yz, w)));
            }
            b.srep = smin > 1 ? smin - 1 : 1;
            break;
        case INDEX_op_mul:
            if (cy && y == 0) {
                op_to_movi(c, op, 0);
                return;
            }
            if (cy && y == 1) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (cy && y == m) {
                op->opc = INDEX_op_neg;
                op->nargs = 2;
                goto again;
            }
            b.z = low_mask(nbits(xz) + nbits(yz)) &
                  high_from(ctz_w(xz, w) + ctz_w(yz, w));
            break;
        case INDEX_op_and:
            if (args_same(c, a[1], a[2]) || (xz & ~yo & m) == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if ((yz & ~xo & m) == 0) {
                op_to_mov(c, op, a[2]);
                return;
            }
            b.z = xz & yz;
            b.o = xo & yo;
            b.srep = smin;
            break;
        case INDEX_op_or:
            if (args_same(c, a[1], a[2]) || (yz & ~xo & m) == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if ((xz & ~yo & m) == 0) {
                op_to_mov(c, op, a[2]);
                return;
            }
            b.z = xz | yz;
            b.o = xo | yo;
            b.srep = smin;
            break;
        case INDEX_op_xor: {
            if (args_same(c, a[1], a[2])) {
                op_to_movi(c, op, 0);
                return;
            }
            if (yz == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (xz == 0) {
                op_to_mov(c, op, a[2]);
                return;
            }
            if (cy && y == m) {
                op->opc = INDEX_op_not;
                op->nargs = 2;
                goto again;
            }
            uint64_t known = (~xz | xo) & (~yz | yo) & m;
            b.o = (xo ^ yo) & known;
            b.z = b.o | (~known & m);
            b.srep = smin;
            break;
        }
        case INDEX_op_andc:
            if (args_same(c, a[1], a[2])) {
                op_to_movi(c, op, 0);
                return;
            }
            if ((xz & yz) == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (cx && x == m) {
                op->opc = INDEX_op_not;
                op->nargs = 2;
                a[1] = a[2];
                goto again;
            }
            if (cy && set_const_arg(c, op, 2, t, ~y)) {
                op->opc = INDEX_op_and;
                goto again;
            }
            b.z = xz & ~yo;
            b.o = xo & ~yz;
            b.srep = smin;
            break;
        case INDEX_op_orc:
            if (args_same(c, a[1], a[2])) {
                op_to_movi(c, op, m);
                return;
            }
            if ((~yo & ~xo & m) == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (cx && x == 0) {
                op->opc = INDEX_op_not;
                op->nargs = 2;
                a[1] = a[2];
                goto again;
            }
            if (cy && set_const_arg(c, op, 2, t, ~y)) {
                op->opc = INDEX_op_or;
                goto again;
            }
            b.z = xz | ~yo;
            b.o = xo | ~yz;
            b.srep = smin;
            break;
        case INDEX_op_shl:
        case INDEX_op_shr:
        case INDEX_op_sar:
        case INDEX_op_rotl:
        case INDEX_op_rotr: {
            if (cy) {
                unsigned sh = (unsigned)(y & (w - 1));
                if (sh == 0) {
                    op_to_mov(c, op, a[1]);
                    return;
                }
                switch (op->opc) {
                case INDEX_op_shl:
                    b.z = xz << sh;
                    b.o = xo << sh;
                    b.srep = xs > sh ? xs - sh : 1;
                    break;
                case INDEX_op_shr:
                    b.z = xz >> sh;
                    b.o = xo >> sh;
                    break;
                case INDEX_op_sar:
                    b.z = (uint64_t)((int64_t)sext_w(xz, w) >> sh);
                    b.o = (uint64_t)((int64_t)sext_w(xo, w) >> sh);
                    b.srep = umin(w, xs + sh);
                    break;
                case INDEX_op_rotl:
                    b.z = rotl_w(xz, sh, w);
                    b.o = rotl_w(xo, sh, w);
                    break;
                default:
                    b.z = rotl_w(xz, w - sh, w);
                    b.o = rotl_w(xo, w - sh, w);
                    break;
                }
                break;
            }
            switch (op->opc) {
            case INDEX_op_shl:
                b.z = high_from(ctz_w(xz, w));
                break;
            case INDEX_op_shr:
                b.z = low_mask(nbits(xz));
                break;
            case INDEX_op_sar:
                b.z = (xz >> (w - 1)) & 1 ? m : low_mask(nbits(xz));
                b.o = (xo >> (w - 1)) & 1 ? high_from(nbits(~xo & m)) : 0;
                b.srep = xs;
                break;
            default:
                b.z = xz ? m : 0;
                b.o = xo == m ? m : 0;
                break;
            }
            break;
        }
        case INDEX_op_div:
        case INDEX_op_divu:
            if (cy && y == 0) {
                op_to_movi(c, op, 0);
                return;
            }
            if (cy && y == 1) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (op->opc == INDEX_op_divu) {
                b.z = low_mask(nbits(xz));
            }
            break;
        case INDEX_op_rem:
        case INDEX_op_remu:
            if (cy && y == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (cy && (y == 1 || (op->opc == INDEX_op_rem && y == m))) {
                op_to_movi(c, op, 0);
                return;
            }
            if (op->opc == INDEX_op_remu) {
                b.z = low_mask(nbits(xz));
            }
            break;
        case INDEX_op_clz:
        case INDEX_op_ctz:
            if (cx) {
                if (x) {
                    op_to_movi(c, op, eval_binary(op->opc, t, x, 0));
                } else {
                    op_to_mov(c, op, a[2]);
                }
                return;
            }
            if (xo) {
                b.z = low_mask(nbits(w - 1));
            } else {
                b.z = low_mask(nbits(w)) | yz;
            }
            break;
        default:
            break;
        }
        finish_out(c, op, b, true);
        return;
    }

    case INDEX_op_neg:
    case INDEX_op_not:
    case INDEX_op_ext8s:
    case INDEX_op_ext8u:
    case INDEX_op_ext16s:
    case INDEX_op_ext16u:
    case INDEX_op_ext32s:
    case INDEX_op_ext32u:
    case INDEX_op_ext_i32_i64:
    case INDEX_op_extu_i32_i64:
    case INDEX_op_extrl_i64_i32:
    case INDEX_op_extrh_i64_i32:
    case INDEX_op_bswap16:
    case INDEX_op_bswap32:
    case INDEX_op_bswap64:
    case INDEX_op_ctpop: {
        if (arg_const(c, a[1], &x)) {
            op_to_movi(c, op, eval_unary(op->opc, t, x));
            return;
        }
        xi = ai(c, a[1]);
        uint64_t xz = xi->z, xo = xi->o;
        unsigned xs = xi->srep;
        TCGArg src = a[1];
        uint32_t src_ver = opt_ver[src];
        DefKind dk = DEF_NONE;

        switch (op->opc) {
        case INDEX_op_neg:
        case INDEX_op_not: {
            DefKind k = op->opc == INDEX_op_neg ? DEF_NEG : DEF_NOT;
            if (def_is(c, a[1], k) &&
                at(c, xi->def_src)->type == at(c, a[0])->type) {
                op_to_mov(c, op, (TCGArg)xi->def_src);
                return;
            }
            if (k == DEF_NOT) {
                b.z = ~xo;
                b.o = ~xz;
                b.srep = xs;
            } else {
                b.z = high_from(ctz_w(xz, w));
            }
            dk = k;
            break;
        }
        case INDEX_op_ext8u:
        case INDEX_op_ext16u:
        case INDEX_op_ext32u: {
            uint64_t keep = op->opc == INDEX_op_ext8u ? 0xff
                          : op->opc == INDEX_op_ext16u ? 0xffff : 0xffffffffu;
            if ((xz & ~keep & m) == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            b.z = xz & keep;
            b.o = xo & keep;
            break;
        }
        case INDEX_op_ext8s:
        case INDEX_op_ext16s:
        case INDEX_op_ext32s: {
            unsigned bits = op->opc == INDEX_op_ext8s ? 8
                          : op->opc == INDEX_op_ext16s ? 16 : 32;
            if (xs >= w - bits + 1) {
                op_to_mov(c, op, a[1]);
                return;
            }
            b.z = sext_w(xz & low_mask(bits), bits);
            b.o = sext_w(xo & low_mask(bits), bits);
            b.srep = w - bits + 1;
            break;
        }
        case INDEX_op_ext_i32_i64:
            b.z = sext_w(xz, 32);
            b.o = sext_w(xo, 32);
            b.srep = xs + 32;
            dk = DEF_EXT32S;
            break;
        case INDEX_op_extu_i32_i64:
            b.z = xz & 0xffffffffu;
            b.o = xo & 0xffffffffu;
            dk = DEF_EXT32U;
            break;
        case INDEX_op_extrl_i64_i32:
            if ((def_is(c, a[1], DEF_EXT32S) || def_is(c, a[1], DEF_EXT32U)) &&
                at(c, xi->def_src)->type == at(c, a[0])->type) {
                op_to_mov(c, op, (TCGArg)xi->def_src);
                return;
            }
            b.z = xz;
            b.o = xo;
            b.srep = xs > 32 ? xs - 32 : 1;
            break;
        case INDEX_op_extrh_i64_i32:
            b.z = xz >> 32;
            b.o = xo >> 32;
            b.srep = umin(xs, 32);
            break;
        case INDEX_op_bswap16:
            b.z = __builtin_bswap16((uint16_t)xz);
            b.o = __builtin_bswap16((uint16_t)xo);
            break;
        case INDEX_op_bswap32:
            b.z = __builtin_bswap32((uint32_t)xz);
            b.o = __builtin_bswap32((uint32_t)xo);
            break;
        case INDEX_op_bswap64:
            b.z = __builtin_bswap64(xz);
            b.o = __builtin_bswap64(xo);
            break;
        case INDEX_op_ctpop:
            b.z = low_mask(nbits((uint64_t)__builtin_popcountll(xz & m)));
            break;
        default:
            break;
        }
        finish_out(c, op, b, true);
        if (dk != DEF_NONE && op->opc != INDEX_op_movi) {
            set_def(c, a[0], dk, src, src_ver);
        }
        return;
    }

    case INDEX_op_deposit: {
        unsigned pos = (unsigned)a[3], len = (unsigned)a[4];
        if (pos == 0 && len >= w) {
            op_to_mov(c, op, a[2]);
            return;
        }
        uint64_t fm = low_mask(len) << pos;
        cx = arg_const(c, a[1], &x);
        cy = arg_const(c, a[2], &y);
        if (cx && cy) {
            op_to_movi(c, op, (x & ~fm) | ((y << pos) & fm));
            return;
        }
        xi = ai(c, a[1]);
        yi = ai(c, a[2]);
        b.z = (xi->z & ~fm) | ((yi->z << pos) & fm);
        b.o = (xi->o & ~fm) | ((yi->o << pos) & fm);
        finish_out(c, op, b, true);
        return;
    }

    case INDEX_op_extract:
    case INDEX_op_sextract: {
        unsigned pos = (unsigned)a[2], len = (unsigned)a[3];
        bool sign = op->opc == INDEX_op_sextract;
        if (arg_const(c, a[1], &x)) {
            uint64_t v = (x >> pos) & low_mask(len);
            op_to_movi(c, op, sign ? sext_w(v, len) : v);
            return;
        }
        xi = ai(c, a[1]);
        if (pos == 0) {
            if (!sign && (xi->z & ~low_mask(len) & m) == 0) {
                op_to_mov(c, op, a[1]);
                return;
            }
            if (sign && xi->srep >= w - len + 1) {
                op_to_mov(c, op, a[1]);
                return;
            }
        }
        b.z = (xi->z >> pos) & low_mask(len);
        b.o = (xi->o >> pos) & low_mask(len);
        if (sign) {
            b.z = sext_w(b.z, len);
            b.o = sext_w(b.o, len);
            b.srep = w - len + 1;
        }
        finish_out(c, op, b, true);
        return;
    }

    case INDEX_op_extract2: {
        unsigned pos = (unsigned)a[3];
        if (pos == 0) {
            op_to_mov(c, op, a[1]);
            return;
        }
        cx = arg_const(c, a[1], &x);
        cy = arg_const(c, a[2], &y);
        if (cx && cy) {
            op_to_movi(c, op, (x >> pos) | (y << (w - pos)));
            return;
        }
        xi = ai(c, a[1]);
        yi = ai(c, a[2]);
        b.z = (xi->z >> pos) | (yi->z << (w - pos));
        b.o = (xi->o >> pos) | (yi->o << (w - pos));
        finish_out(c, op, b, true);
        return;
    }

    case INDEX_op_setcond: {
        if (arg_const(c, a[1], &x) && !arg_const(c, a[2], &y)) {
            TCGArg tmp = a[1];
            a[1] = a[2];
            a[2] = tmp;
            a[3] = tcg_swap_cond((TCGCond)a[3]);
        }
        TCGCond cond = (TCGCond)a[3];
        int r = cond_known(c, cond, t, a[1], a[2]);
        if (r >= 0) {
            op_to_movi(c, op, (uint64_t)r);
            return;
        }
        xi = ai(c, a[1]);
        if (cond == TCG_COND_NE && arg_is(c, a[2], 0) && (xi->z & ~1ull) == 0) {
            op_to_mov(c, op, a[1]);
            return;
        }
        b.z = 1;
        finish_out(c, op, b, true);
        return;
    }

    case INDEX_op_movcond: {
        if (arg_const(c, a[1], &x) && !arg_const(c, a[2], &y)) {
            TCGArg tmp = a[1];
            a[1] = a[2];
            a[2] = tmp;
            a[5] = tcg_swap_cond((TCGCond)a[5]);
        }
        int r = cond_known(c, (TCGCond)a[5], t, a[1], a[2]);
        if (r >= 0) {
            op_to_mov(c, op, r ? a[3] : a[4]);
            return;
        }
        if (args_same(c, a[3], a[4])) {
            op_to_mov(c, op, a[3]);
            return;
        }
        xi = ai(c, a[3]);
        yi = ai(c, a[4]);
        b.z = xi->z | yi->z;
        b.o = xi->o & yi->o;
        b.srep = umin(xi->srep, yi->srep);
        finish_out(c, op, b, true);
        return;
    }

    case INDEX_op_add2:
    case INDEX_op_sub2: {
        uint64_t al, ah, bl, bh;
        if (arg_const(c, a[2], &al) && arg_const(c, a[3], &ah) &&
            arg_const(c, a[4], &bl) && arg_const(c, a[5], &bh) &&
            at(c, a[0])->kind != TEMP_FIXED && at(c, a[1])->kind != TEMP_FIXED) {
            uint64_t rl, rh;
            if (w == 32) {
                uint64_t av = al | (ah << 32), bv = bl | (bh << 32);
                uint64_t r = op->opc == INDEX_op_add2 ? av + bv : av - bv;
                rl = r & m;
                rh = r >> 32;
            } else {
                unsigned __int128 av = ((unsigned __int128)ah << 64) | al;
                unsigned __int128 bv = ((unsigned __int128)bh << 64) | bl;
                unsigned __int128 r = op->opc == INDEX_op_add2 ? av + bv
                                                               : av - bv;
                rl = (uint64_t)r;
                rh = (uint64_t)(r >> 64);
            }
            fold_two_movi(c, op, rl, rh);
            return;
        }
        reset_outputs(c, op, 2);
        return;
    }

    case INDEX_op_mulu2:
    case INDEX_op_muls2: {
        if (arg_const(c, a[2], &x) && arg_const(c, a[3], &y) &&
            at(c, a[0])->kind != TEMP_FIXED && at(c, a[1])->kind != TEMP_FIXED) {
            uint64_t rl, rh;
            bool sgn = op->opc == INDEX_op_muls2;
            if (w == 32) {
                uint64_t r = sgn ? (uint64_t)((int64_t)(int32_t)x *
                                              (int64_t)(int32_t)y)
                                 : x * y;
                rl = r & m;
                rh = r >> 32;
            } else {
                unsigned __int128 r =
                    sgn ? (unsigned __int128)((__int128)(int64_t)x *
                                              (__int128)(int64_t)y)
                        : (unsigned __int128)x * y;
                rl = (uint64_t)r;
                rh = (uint64_t)(r >> 64);
            }
            fold_two_movi(c, op, rl, rh);
            return;
        }
        reset_outputs(c, op, 2);
        return;
    }

    case INDEX_op_ld8u:
    case INDEX_op_ld16u:
    case INDEX_op_ld32u:
        b.z = op->opc == INDEX_op_ld8u ? 0xff
            : op->opc == INDEX_op_ld16u ? 0xffff : 0xffffffffu;
        finish_out(c, op, b, false);
        return;
    case INDEX_op_ld8s:
    case INDEX_op_ld16s:
    case INDEX_op_ld32s:
        b.srep = w - (op->opc == INDEX_op_ld8s ? 8
                      : op->opc == INDEX_op_ld16s ? 16 : 32) + 1;
        finish_out(c, op, b, false);
        return;
    case INDEX_op_ld:
        finish_out(c, op, b, false);
        return;

    case INDEX_op_st8:
    case INDEX_op_st16:
    case INDEX_op_st32:
    case INDEX_op_st:
        /* The store may hit a global's slot in the CPU state. */
        reset_globals(c);
        return;

    case INDEX_op_qemu_ld: {
        MemOp mop = get_memop((MemOpIdx)a[2]);
        unsigned bits = 8u << (mop & MO_SIZE);
        if (bits < w) {
            if (mop & MO_SIGN) {
                b.srep = w - bits + 1;
            } else {
                b.z = low_mask(bits);
            }
        }
        finish_out(c, op, b, false);
        return;
    }

    default:
        reset_outputs(c, op, tcg_op_defs[op->opc].nb_oargs);
        return;
    }
}

/* ------------------------------------------------------------------ */
/* The pass                                                            */

static void opt_one(OptCtx *c, TCGOp *op)
{
    TCGOpcode opc = op->opc;
    const TCGOpDef *def = &tcg_op_defs[opc];
    int nb_oargs, nb_iargs;

    if (c->unreachable) {
        switch (opc) {
        case INDEX_op_set_label:
            do_set_label(c, op);
            return;
        case INDEX_op_insn_start:
            /* Kept: the unwind table counts guest instructions. */
            return;
        case INDEX_op_br:
            opt_label_refs[op->args[0]]--;
            break;
        case INDEX_op_brcond:
            opt_label_refs[op->args[3]]--;
            break;
        default:
            break;
        }
        remove_op(c, op);
        return;
    }

    if (opc == INDEX_op_call) {
        nb_oargs = TCGOP_CALLO(op);
        nb_iargs = TCGOP_CALLI(op);
    } else {
        nb_oargs = def->nb_oargs;
        nb_iargs = def->nb_iargs;
    }
    for (int i = nb_oargs; i < nb_oargs + nb_iargs; i++) {
        op->args[i] = propagate(c, op->args[i]);
    }

    switch (opc) {
    case INDEX_op_set_label:
        do_set_label(c, op);
        return;
    case INDEX_op_br:
        do_br(c, op);
        return;
    case INDEX_op_brcond:
        do_brcond(c, op);
        return;
    case INDEX_op_exit_tb:
    case INDEX_op_goto_ptr:
        c->unreachable = true;
        return;
    case INDEX_op_goto_tb:
    case INDEX_op_insn_start:
    case INDEX_op_mb:
    case INDEX_op_qemu_st:
        return;
    case INDEX_op_call: {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)(uintptr_t)op->args[nb_oargs + nb_iargs + 1];
        if (!info || !(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
            reset_globals(c);
        }
        reset_outputs(c, op, nb_oargs);
        return;
    }
    case INDEX_op_discard:
        reset_outputs(c, op, 1);
        return;
    default:
        break;
    }

    for (int i = 0; i < nb_oargs; i++) {
        if (at(c, op->args[i])->kind == TEMP_FIXED) {
            /* Never rewrite an op that writes a fixed register. */
            return;
        }
    }
    if (def->flags & TCG_OPF_INT) {
        fold_int(c, op);
    } else {
        reset_outputs(c, op, nb_oargs);
    }
}

void tcg_optimize(TCGContext *s)
{
    OptCtx ctx = { .s = s };

    if (s->ops_overflow) {
        return;         /* the block is thrown away anyway */
    }
    forget_all();
    memset(opt_label_refs, 0, sizeof(opt_label_refs[0]) * s->nb_labels);
    for (TCGOp *op = s->first_op; op; op = op->next) {
        if (op->opc == INDEX_op_br) {
            opt_label_refs[op->args[0]]++;
        } else if (op->opc == INDEX_op_brcond) {
            opt_label_refs[op->args[3]]++;
        }
    }

    for (TCGOp *op = s->first_op; op; op = ctx.next) {
        ctx.next = op->next;
        opt_one(&ctx, op);
    }
}
