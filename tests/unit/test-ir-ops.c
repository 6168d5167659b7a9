/*
 * Every IR op on every backend against a reference written here.
 *
 * For each op and width, a grid of edge-value cases is computed three
 * ways: by the reference C functions below (written independently of the
 * backends, the optimizer and the harness's interpreter), by generated
 * code on the JIT and on the interpreter, with the optimizer on and off,
 * with the inputs coming from env globals (nothing folded), from EBB
 * temps, from constants (folded by the optimizer, passed as immediates
 * to the backend when it is off), and with the output aliasing an input.
 * The harness's reference interpreter (irt_eval) is checked against the
 * same table, since the random-program test relies on it.
 *
 * Cases run in batches: one block computes up to 32 cases into distinct
 * globals, and the whole env is compared, so stray writes show too.
 */
#include <glib.h>
#include <inttypes.h>
#include <string.h>

#include "irtest.h"

/* ------------------------------------------------------------------ */
/* Edge values                                                         */

static const uint64_t vals64[] = {
    0, 1, 2, 3, UINT64_MAX, UINT64_MAX - 1, 0x7f, 0x80, 0xff, 0x100,
    0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, 0x0123456789abcdefull, 0xfedcba9876543210ull,
    0xdeadbeefull, 0xffffffff00000000ull, 0x5555555555555555ull,
    0xffffffff80000000ull, 0x00000001fffffffeull,
};

static const uint64_t vals32[] = {
    0, 1, 2, 3, 0xffffffff, 0xfffffffe, 0x7f, 0x80, 0xff, 0x100, 0x7fff,
    0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0x89abcdef,
    0x12345678, 0xdeadbeef, 0x55555555, 0xffff0000, 0xff800000, 0x00fffffe,
};

static const uint64_t shifts[] = {
    0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, UINT64_MAX,
    0x100000001ull, 0xffffffe1,
};

/* Compare operands: signed/unsigned boundaries and neighbours. */
static const uint64_t cmp64[] = {
    0, 1, 2, UINT64_MAX, UINT64_MAX - 1, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, 0x0123456789abcdefull,
};
static const uint64_t cmp32[] = {
    0, 1, 2, 0xffffffff, 0xfffffffe, 0x7fff, 0x8000, 0x7fffffff, 0x80000000,
    0x80000001, 0x12345678, 0xedcba987,
};

static const uint64_t clz_defaults[] = { 0, 1, 32, 64, 0x1234, UINT64_MAX };

static const uint64_t field64[] = {
    0, UINT64_MAX, 0x0123456789abcdefull, 0xfedcba9876543210ull,
    0x5555555555555555ull, 0x8000000000000001ull,
};
static const uint64_t field32[] = {
    0, 0xffffffff, 0x89abcdef, 0x76543210, 0x55555555, 0x80000001,
};

static const unsigned pos_grid[] = { 0, 1, 3, 7, 8, 15, 16, 24, 31, 32, 33, 47, 48, 62, 63 };
static const unsigned len_grid[] = { 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64 };

static const TCGCond all_conds[] = {
    TCG_COND_NEVER, TCG_COND_ALWAYS, TCG_COND_EQ, TCG_COND_NE,
    TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,
};

static const char *cond_name(TCGCond c)
{
    switch (c) {
    case TCG_COND_NEVER: return "never";
    case TCG_COND_ALWAYS: return "always";
    case TCG_COND_EQ: return "eq";
    case TCG_COND_NE: return "ne";
    case TCG_COND_LT: return "lt";
    case TCG_COND_GE: return "ge";
    case TCG_COND_LE: return "le";
    case TCG_COND_GT: return "gt";
    case TCG_COND_LTU: return "ltu";
    case TCG_COND_GEU: return "geu";
    case TCG_COND_LEU: return "leu";
    case TCG_COND_GTU: return "gtu";
    }
    return "?";
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------------ */
/* Reference semantics                                                 */

/*
 * Written per width with the C types of that width (uint32_t/int32_t or
 * uint64_t/int64_t), bit loops for the counts and swaps, and schoolbook
 * multiplication for the double-word products: a different route from
 * both the backends and irt_eval.
 */
typedef void (*RefFn)(const uint64_t *in, const uint64_t *c, uint64_t *out);

#define REF(name) static void name(const uint64_t *in, const uint64_t *c, \
                                   uint64_t *out)

static bool ref_cond32(TCGCond cond, uint32_t a, uint32_t b)
{
    switch (cond) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return (int32_t)a < (int32_t)b;
    case TCG_COND_GE: return (int32_t)a >= (int32_t)b;
    case TCG_COND_LE: return (int32_t)a <= (int32_t)b;
    case TCG_COND_GT: return (int32_t)a > (int32_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    g_assert_not_reached();
}

static bool ref_cond64(TCGCond cond, uint64_t a, uint64_t b)
{
    switch (cond) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return (int64_t)a < (int64_t)b;
    case TCG_COND_GE: return (int64_t)a >= (int64_t)b;
    case TCG_COND_LE: return (int64_t)a <= (int64_t)b;
    case TCG_COND_GT: return (int64_t)a > (int64_t)b;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    g_assert_not_reached();
}

/* 64x64 -> 128 unsigned, by 32-bit halves. */
static void ref_mulu64(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;

    *lo = (mid << 32) | (uint32_t)p00;
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

#define REFS_WIDTH(W, T, ST, COND)                                            \
REF(ref_add_##W) { (void)c; out[0] = (T)((T)in[0] + (T)in[1]); }              \
REF(ref_sub_##W) { (void)c; out[0] = (T)((T)in[0] - (T)in[1]); }              \
REF(ref_mul_##W) { (void)c; out[0] = (T)((T)in[0] * (T)in[1]); }              \
REF(ref_neg_##W) { (void)c; out[0] = (T)(0 - (T)in[0]); }                     \
REF(ref_and_##W) { (void)c; out[0] = (T)in[0] & (T)in[1]; }                   \
REF(ref_or_##W)  { (void)c; out[0] = (T)in[0] | (T)in[1]; }                   \
REF(ref_xor_##W) { (void)c; out[0] = (T)in[0] ^ (T)in[1]; }                   \
REF(ref_andc_##W) { (void)c; out[0] = (T)((T)in[0] & (T)~(T)in[1]); }         \
REF(ref_orc_##W) { (void)c; out[0] = (T)((T)in[0] | (T)~(T)in[1]); }          \
REF(ref_not_##W) { (void)c; out[0] = (T)~(T)in[0]; }                          \
REF(ref_div_##W)                                                              \
{                                                                             \
    ST a = (ST)(T)in[0], b = (ST)(T)in[1];                                    \
    (void)c;                                                                  \
    if (b == 0) {                                                             \
        out[0] = 0;                                                           \
    } else if (b == -1) {                                                     \
        out[0] = (T)(0 - (T)a);        /* MIN / -1 = MIN */                   \
    } else {                                                                  \
        out[0] = (T)(a / b);                                                  \
    }                                                                         \
}                                                                             \
REF(ref_rem_##W)                                                              \
{                                                                             \
    ST a = (ST)(T)in[0], b = (ST)(T)in[1];                                    \
    (void)c;                                                                  \
    if (b == 0) {                                                             \
        out[0] = (T)a;                                                        \
    } else if (b == -1) {                                                     \
        out[0] = 0;                                                           \
    } else {                                                                  \
        out[0] = (T)(a % b);                                                  \
    }                                                                         \
}                                                                             \
REF(ref_divu_##W)                                                             \
{ T a = (T)in[0], b = (T)in[1]; (void)c; out[0] = b ? a / b : 0; }            \
REF(ref_remu_##W)                                                             \
{ T a = (T)in[0], b = (T)in[1]; (void)c; out[0] = b ? a % b : a; }            \
REF(ref_shl_##W) { (void)c; out[0] = (T)((T)in[0] << (in[1] % W)); }          \
REF(ref_shr_##W) { (void)c; out[0] = (T)((T)in[0] >> (in[1] % W)); }          \
REF(ref_sar_##W) { (void)c; out[0] = (T)((ST)(T)in[0] >> (in[1] % W)); }      \
REF(ref_rotl_##W)                                                             \
{                                                                             \
    T a = (T)in[0]; unsigned n = in[1] % W; (void)c;                          \
    out[0] = n ? (T)((T)(a << n) | (T)(a >> (W - n))) : a;                    \
}                                                                             \
REF(ref_rotr_##W)                                                             \
{                                                                             \
    T a = (T)in[0]; unsigned n = in[1] % W; (void)c;                          \
    out[0] = n ? (T)((T)(a >> n) | (T)(a << (W - n))) : a;                    \
}                                                                             \
REF(ref_ext8s_##W) { (void)c; out[0] = (T)(ST)(int8_t)in[0]; }                \
REF(ref_ext8u_##W) { (void)c; out[0] = (T)(uint8_t)in[0]; }                   \
REF(ref_ext16s_##W) { (void)c; out[0] = (T)(ST)(int16_t)in[0]; }              \
REF(ref_ext16u_##W) { (void)c; out[0] = (T)(uint16_t)in[0]; }                 \
REF(ref_bswap16_##W)                                                          \
{ (void)c; out[0] = (T)(((in[0] & 0xff) << 8) | ((in[0] >> 8) & 0xff)); }     \
REF(ref_bswap32_##W)                                                          \
{                                                                             \
    uint32_t a = (uint32_t)in[0], r = 0; (void)c;                             \
    for (int i = 0; i < 4; i++) {                                             \
        r |= ((a >> (8 * i)) & 0xffu) << (8 * (3 - i));                       \
    }                                                                         \
    out[0] = (T)r;                                                            \
}                                                                             \
REF(ref_clz_##W)                                                              \
{                                                                             \
    T a = (T)in[0]; unsigned n = 0; (void)c;                                  \
    if (a == 0) {                                                             \
        out[0] = (T)in[1];                                                    \
        return;                                                               \
    }                                                                         \
    while (!((a >> (W - 1 - n)) & 1)) {                                       \
        n++;                                                                  \
    }                                                                         \
    out[0] = n;                                                               \
}                                                                             \
REF(ref_ctz_##W)                                                              \
{                                                                             \
    T a = (T)in[0]; unsigned n = 0; (void)c;                                  \
    if (a == 0) {                                                             \
        out[0] = (T)in[1];                                                    \
        return;                                                               \
    }                                                                         \
    while (!((a >> n) & 1)) {                                                 \
        n++;                                                                  \
    }                                                                         \
    out[0] = n;                                                               \
}                                                                             \
REF(ref_ctpop_##W)                                                            \
{                                                                             \
    T a = (T)in[0]; unsigned n = 0; (void)c;                                  \
    for (; a; a &= a - 1) {                                                   \
        n++;                                                                  \
    }                                                                         \
    out[0] = n;                                                               \
}                                                                             \
REF(ref_deposit_##W)                                                          \
{                                                                             \
    unsigned pos = c[0], len = c[1];                                          \
    T m = len == W ? (T)~(T)0 : (T)(((T)1 << len) - 1);                       \
    out[0] = (T)(((T)in[0] & (T)~(T)(m << pos)) | (T)(((T)in[1] & m) << pos)); \
}                                                                             \
REF(ref_extract_##W)                                                          \
{                                                                             \
    unsigned pos = c[0], len = c[1];                                          \
    T m = len == W ? (T)~(T)0 : (T)(((T)1 << len) - 1);                       \
    out[0] = (T)(((T)in[0] >> pos) & m);                                      \
}                                                                             \
REF(ref_sextract_##W)                                                         \
{                                                                             \
    unsigned pos = c[0], len = c[1];                                          \
    out[0] = (T)((ST)(T)((T)in[0] << (W - pos - len)) >> (W - len));          \
}                                                                             \
REF(ref_extract2_##W)                                                         \
{                                                                             \
    unsigned pos = c[0];                                                      \
    T lo = (T)in[0], hi = (T)in[1];                                           \
    out[0] = pos ? (T)((T)(lo >> pos) | (T)(hi << (W - pos))) : lo;           \
}                                                                             \
REF(ref_setcond_##W)                                                          \
{ out[0] = COND((TCGCond)c[0], (T)in[0], (T)in[1]); }                         \
REF(ref_movcond_##W)                                                          \
{ out[0] = COND((TCGCond)c[0], (T)in[0], (T)in[1]) ? (T)in[2] : (T)in[3]; }   \
REF(ref_brcond_##W)                                                           \
{ out[0] = COND((TCGCond)c[0], (T)in[0], (T)in[1]) ? 0x7a : 0x5e; }           \
REF(ref_add2_##W)                                                             \
{                                                                             \
    T al = (T)in[0], ah = (T)in[1], bl = (T)in[2], bh = (T)in[3];             \
    T lo = (T)(al + bl);                                                      \
    (void)c;                                                                  \
    out[0] = lo;                                                              \
    out[1] = (T)(ah + bh + (lo < al));                                        \
}                                                                             \
REF(ref_sub2_##W)                                                             \
{                                                                             \
    T al = (T)in[0], ah = (T)in[1], bl = (T)in[2], bh = (T)in[3];             \
    (void)c;                                                                  \
    out[0] = (T)(al - bl);                                                    \
    out[1] = (T)(ah - bh - (al < bl));                                        \
}

REFS_WIDTH(32, uint32_t, int32_t, ref_cond32)
REFS_WIDTH(64, uint64_t, int64_t, ref_cond64)

REF(ref_ext32s_64) { (void)c; out[0] = (uint64_t)(int64_t)(int32_t)in[0]; }
REF(ref_ext32u_64) { (void)c; out[0] = (uint32_t)in[0]; }
REF(ref_bswap64_64)
{
    uint64_t r = 0;
    (void)c;
    for (int i = 0; i < 8; i++) {
        r |= ((in[0] >> (8 * i)) & 0xff) << (8 * (7 - i));
    }
    out[0] = r;
}
REF(ref_ext_i32_i64) { (void)c; out[0] = (uint64_t)(int64_t)(int32_t)in[0]; }
REF(ref_extu_i32_i64) { (void)c; out[0] = (uint32_t)in[0]; }
REF(ref_extrl_i64_i32) { (void)c; out[0] = (uint32_t)in[0]; }
REF(ref_extrh_i64_i32) { (void)c; out[0] = (uint32_t)(in[0] >> 32); }

REF(ref_mulu2_32)
{
    uint64_t p = (uint64_t)(uint32_t)in[0] * (uint32_t)in[1];
    (void)c;
    out[0] = (uint32_t)p;
    out[1] = (uint32_t)(p >> 32);
}
REF(ref_muls2_32)
{
    int64_t p = (int64_t)(int32_t)in[0] * (int32_t)in[1];
    (void)c;
    out[0] = (uint32_t)p;
    out[1] = (uint32_t)((uint64_t)p >> 32);
}
REF(ref_mulu2_64)
{
    (void)c;
    ref_mulu64(in[0], in[1], &out[0], &out[1]);
}
REF(ref_muls2_64)
{
    uint64_t lo, hi;
    (void)c;
    ref_mulu64(in[0], in[1], &lo, &hi);
    /* signed correction of the high half */
    if ((int64_t)in[0] < 0) {
        hi -= in[1];
    }
    if ((int64_t)in[1] < 0) {
        hi -= in[0];
    }
    out[0] = lo;
    out[1] = hi;
}

/* ------------------------------------------------------------------ */
/* Emitters                                                            */

typedef void (*GenFn)(TCGTemp **o, TCGTemp **i, const uint64_t *c);

#define GEN(name) static void name(TCGTemp **o, TCGTemp **i, \
                                   const uint64_t *c)
#define V32 temp_tcgv_i32
#define V64 temp_tcgv_i64

#define GENS_WIDTH(W, V)                                                      \
GEN(gen_add_##W) { (void)c; tcg_gen_add_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_sub_##W) { (void)c; tcg_gen_sub_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_mul_##W) { (void)c; tcg_gen_mul_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_div_##W) { (void)c; tcg_gen_div_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_divu_##W) { (void)c; tcg_gen_divu_##W(V(o[0]), V(i[0]), V(i[1])); }   \
GEN(gen_rem_##W) { (void)c; tcg_gen_rem_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_remu_##W) { (void)c; tcg_gen_remu_##W(V(o[0]), V(i[0]), V(i[1])); }   \
GEN(gen_and_##W) { (void)c; tcg_gen_and_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_or_##W) { (void)c; tcg_gen_or_##W(V(o[0]), V(i[0]), V(i[1])); }       \
GEN(gen_xor_##W) { (void)c; tcg_gen_xor_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_andc_##W) { (void)c; tcg_gen_andc_##W(V(o[0]), V(i[0]), V(i[1])); }   \
GEN(gen_orc_##W) { (void)c; tcg_gen_orc_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_shl_##W) { (void)c; tcg_gen_shl_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_shr_##W) { (void)c; tcg_gen_shr_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_sar_##W) { (void)c; tcg_gen_sar_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_rotl_##W) { (void)c; tcg_gen_rotl_##W(V(o[0]), V(i[0]), V(i[1])); }   \
GEN(gen_rotr_##W) { (void)c; tcg_gen_rotr_##W(V(o[0]), V(i[0]), V(i[1])); }   \
GEN(gen_clz_##W) { (void)c; tcg_gen_clz_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_ctz_##W) { (void)c; tcg_gen_ctz_##W(V(o[0]), V(i[0]), V(i[1])); }     \
GEN(gen_neg_##W) { (void)c; tcg_gen_neg_##W(V(o[0]), V(i[0])); }             \
GEN(gen_not_##W) { (void)c; tcg_gen_not_##W(V(o[0]), V(i[0])); }             \
GEN(gen_ext8s_##W) { (void)c; tcg_gen_ext8s_##W(V(o[0]), V(i[0])); }         \
GEN(gen_ext8u_##W) { (void)c; tcg_gen_ext8u_##W(V(o[0]), V(i[0])); }         \
GEN(gen_ext16s_##W) { (void)c; tcg_gen_ext16s_##W(V(o[0]), V(i[0])); }       \
GEN(gen_ext16u_##W) { (void)c; tcg_gen_ext16u_##W(V(o[0]), V(i[0])); }       \
GEN(gen_bswap16_##W) { (void)c; tcg_gen_bswap16_##W(V(o[0]), V(i[0])); }     \
GEN(gen_bswap32_##W) { (void)c; tcg_gen_bswap32_##W(V(o[0]), V(i[0])); }     \
GEN(gen_ctpop_##W) { (void)c; tcg_gen_ctpop_##W(V(o[0]), V(i[0])); }         \
GEN(gen_deposit_##W)                                                          \
{ tcg_gen_deposit_##W(V(o[0]), V(i[0]), V(i[1]), c[0], c[1]); }               \
GEN(gen_extract_##W) { tcg_gen_extract_##W(V(o[0]), V(i[0]), c[0], c[1]); }   \
GEN(gen_sextract_##W) { tcg_gen_sextract_##W(V(o[0]), V(i[0]), c[0], c[1]); } \
GEN(gen_extract2_##W)                                                         \
{ tcg_gen_extract2_##W(V(o[0]), V(i[0]), V(i[1]), c[0]); }                    \
GEN(gen_setcond_##W)                                                          \
{ tcg_gen_setcond_##W((TCGCond)c[0], V(o[0]), V(i[0]), V(i[1])); }            \
GEN(gen_movcond_##W)                                                          \
{ tcg_gen_movcond_##W((TCGCond)c[0], V(o[0]), V(i[0]), V(i[1]), V(i[2]),      \
                      V(i[3])); }                                             \
GEN(gen_brcond_##W)                                                           \
{                                                                             \
    TCGLabel *taken = gen_new_label(), *done = gen_new_label();               \
    tcg_gen_brcond_##W((TCGCond)c[0], V(i[0]), V(i[1]), taken);               \
    tcg_gen_movi_##W(V(o[0]), 0x5e);                                          \
    tcg_gen_br(done);                                                         \
    tcg_gen_set_label(taken);                                                 \
    tcg_gen_movi_##W(V(o[0]), 0x7a);                                          \
    tcg_gen_set_label(done);                                                  \
}                                                                             \
GEN(gen_add2_##W)                                                             \
{ (void)c; tcg_gen_add2_##W(V(o[0]), V(o[1]), V(i[0]), V(i[1]), V(i[2]),      \
                            V(i[3])); }                                       \
GEN(gen_sub2_##W)                                                             \
{ (void)c; tcg_gen_sub2_##W(V(o[0]), V(o[1]), V(i[0]), V(i[1]), V(i[2]),      \
                            V(i[3])); }                                       \
GEN(gen_mulu2_##W)                                                            \
{ (void)c; tcg_gen_mulu2_##W(V(o[0]), V(o[1]), V(i[0]), V(i[1])); }           \
GEN(gen_muls2_##W)                                                            \
{ (void)c; tcg_gen_muls2_##W(V(o[0]), V(o[1]), V(i[0]), V(i[1])); }

GENS_WIDTH(i32, V32)
GENS_WIDTH(i64, V64)

GEN(gen_ext32s_i64) { (void)c; tcg_gen_ext32s_i64(V64(o[0]), V64(i[0])); }
GEN(gen_ext32u_i64) { (void)c; tcg_gen_ext32u_i64(V64(o[0]), V64(i[0])); }
GEN(gen_bswap64_i64) { (void)c; tcg_gen_bswap64_i64(V64(o[0]), V64(i[0])); }
GEN(gen_ext_i32_i64) { (void)c; tcg_gen_ext_i32_i64(V64(o[0]), V32(i[0])); }
GEN(gen_extu_i32_i64) { (void)c; tcg_gen_extu_i32_i64(V64(o[0]), V32(i[0])); }
GEN(gen_extrl_i64_i32) { (void)c; tcg_gen_extrl_i64_i32(V32(o[0]), V64(i[0])); }
GEN(gen_extrh_i64_i32) { (void)c; tcg_gen_extrh_i64_i32(V32(o[0]), V64(i[0])); }

/* ------------------------------------------------------------------ */
/* The op table                                                        */

typedef enum CaseKind {
    CK_UN,          /* vals */
    CK_BIN,         /* vals x vals */
    CK_SHIFT,       /* vals x shift counts */
    CK_BITCNT,      /* vals x defaults */
    CK_COND,        /* conds x cmp x cmp */
    CK_MOVCOND,     /* conds x cmp x cmp, distinct v1/v2 */
    CK_DEPOSIT,     /* field values^2 x pos x len */
    CK_EXTRACT,     /* vals x pos x len */
    CK_EXTRACT2,    /* field values^2 x pos */
    CK_DW,          /* double word: vals x vals with varying high parts */
} CaseKind;

typedef struct OpDesc {
    const char *name;
    TCGType tin, tout;
    int nin, nout;
    CaseKind kind;
    GenFn gen;
    RefFn ref;
    bool control_flow;  /* outputs must live across labels */
} OpDesc;

#define I32 TCG_TYPE_I32
#define I64 TCG_TYPE_I64

#define OPW(op, nin, nout, kind) \
    { #op "_i32", I32, I32, nin, nout, kind, gen_##op##_i32, ref_##op##_32, false }, \
    { #op "_i64", I64, I64, nin, nout, kind, gen_##op##_i64, ref_##op##_64, false }

static const OpDesc op_table[] = {
    OPW(add, 2, 1, CK_BIN),
    OPW(sub, 2, 1, CK_BIN),
    OPW(mul, 2, 1, CK_BIN),
    OPW(neg, 1, 1, CK_UN),
    OPW(div, 2, 1, CK_BIN),
    OPW(divu, 2, 1, CK_BIN),
    OPW(rem, 2, 1, CK_BIN),
    OPW(remu, 2, 1, CK_BIN),
    OPW(and, 2, 1, CK_BIN),
    OPW(or, 2, 1, CK_BIN),
    OPW(xor, 2, 1, CK_BIN),
    OPW(andc, 2, 1, CK_BIN),
    OPW(orc, 2, 1, CK_BIN),
    OPW(not, 1, 1, CK_UN),
    OPW(shl, 2, 1, CK_SHIFT),
    OPW(shr, 2, 1, CK_SHIFT),
    OPW(sar, 2, 1, CK_SHIFT),
    OPW(rotl, 2, 1, CK_SHIFT),
    OPW(rotr, 2, 1, CK_SHIFT),
    OPW(ext8s, 1, 1, CK_UN),
    OPW(ext8u, 1, 1, CK_UN),
    OPW(ext16s, 1, 1, CK_UN),
    OPW(ext16u, 1, 1, CK_UN),
    { "ext32s_i64", I64, I64, 1, 1, CK_UN, gen_ext32s_i64, ref_ext32s_64, false },
    { "ext32u_i64", I64, I64, 1, 1, CK_UN, gen_ext32u_i64, ref_ext32u_64, false },
    { "ext_i32_i64", I32, I64, 1, 1, CK_UN, gen_ext_i32_i64, ref_ext_i32_i64, false },
    { "extu_i32_i64", I32, I64, 1, 1, CK_UN, gen_extu_i32_i64, ref_extu_i32_i64, false },
    { "extrl_i64_i32", I64, I32, 1, 1, CK_UN, gen_extrl_i64_i32, ref_extrl_i64_i32, false },
    { "extrh_i64_i32", I64, I32, 1, 1, CK_UN, gen_extrh_i64_i32, ref_extrh_i64_i32, false },
    OPW(deposit, 2, 1, CK_DEPOSIT),
    OPW(extract, 1, 1, CK_EXTRACT),
    OPW(sextract, 1, 1, CK_EXTRACT),
    OPW(extract2, 2, 1, CK_EXTRACT2),
    OPW(bswap16, 1, 1, CK_UN),
    OPW(bswap32, 1, 1, CK_UN),
    { "bswap64_i64", I64, I64, 1, 1, CK_UN, gen_bswap64_i64, ref_bswap64_64, false },
    OPW(clz, 2, 1, CK_BITCNT),
    OPW(ctz, 2, 1, CK_BITCNT),
    OPW(ctpop, 1, 1, CK_UN),
    OPW(setcond, 2, 1, CK_COND),
    OPW(movcond, 4, 1, CK_MOVCOND),
    { "brcond_i32", I32, I32, 2, 1, CK_COND, gen_brcond_i32, ref_brcond_32, true },
    { "brcond_i64", I64, I64, 2, 1, CK_COND, gen_brcond_i64, ref_brcond_64, true },
    OPW(add2, 4, 2, CK_DW),
    OPW(sub2, 4, 2, CK_DW),
    OPW(mulu2, 2, 2, CK_BIN),
    OPW(muls2, 2, 2, CK_BIN),
};

/* ------------------------------------------------------------------ */
/* Cases                                                               */

typedef struct OpCase {
    uint64_t in[4];
    uint64_t c[2];
} OpCase;

static unsigned width_of(TCGType t)
{
    return t == TCG_TYPE_I32 ? 32 : 64;
}

static uint64_t trunc_to(TCGType t, uint64_t v)
{
    return t == TCG_TYPE_I32 ? (uint32_t)v : v;
}

static OpCase *make_cases(const OpDesc *d, int *n_out)
{
    GArray *a = g_array_new(false, true, sizeof(OpCase));
    bool w32 = d->tin == TCG_TYPE_I32;
    const uint64_t *v = w32 ? vals32 : vals64;
    int nv = w32 ? N(vals32) : N(vals64);
    const uint64_t *cmp = w32 ? cmp32 : cmp64;
    int ncmp = w32 ? N(cmp32) : N(cmp64);
    const uint64_t *fv = w32 ? field32 : field64;
    int nfv = w32 ? N(field32) : N(field64);
    unsigned w = width_of(d->tin);
    OpCase k;

    memset(&k, 0, sizeof(k));
    switch (d->kind) {
    case CK_UN:
        for (int i = 0; i < nv; i++) {
            k.in[0] = v[i];
            g_array_append_val(a, k);
        }
        if (d->tin != d->tout || w32) {
            /* width changes and i32 ops also see the other list */
            const uint64_t *o = w32 ? vals64 : vals32;
            int no = w32 ? N(vals64) : N(vals32);
            for (int i = 0; i < no; i++) {
                k.in[0] = trunc_to(d->tin, o[i]);
                g_array_append_val(a, k);
            }
        }
        break;
    case CK_BIN:
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < nv; j++) {
                k.in[0] = v[i];
                k.in[1] = v[j];
                g_array_append_val(a, k);
            }
        }
        break;
    case CK_SHIFT:
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < N(shifts); j++) {
                k.in[0] = v[i];
                k.in[1] = trunc_to(d->tin, shifts[j]);
                g_array_append_val(a, k);
            }
        }
        break;
    case CK_BITCNT:
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < N(clz_defaults); j++) {
                k.in[0] = v[i];
                k.in[1] = trunc_to(d->tin, clz_defaults[j]);
                g_array_append_val(a, k);
            }
        }
        break;
    case CK_COND:
    case CK_MOVCOND:
        for (int ci = 0; ci < N(all_conds); ci++) {
            for (int i = 0; i < ncmp; i++) {
                for (int j = 0; j < ncmp; j++) {
                    k.in[0] = cmp[i];
                    k.in[1] = cmp[j];
                    k.in[2] = trunc_to(d->tin, 0x1111111111111111ull * (1 + (i + j) % 7));
                    k.in[3] = trunc_to(d->tin, ~k.in[2] + j);
                    k.c[0] = all_conds[ci];
                    g_array_append_val(a, k);
                }
            }
        }
        break;
    case CK_DEPOSIT:
        for (int p = 0; p < N(pos_grid); p++) {
            for (int l = 0; l < N(len_grid); l++) {
                if (pos_grid[p] + len_grid[l] > w) {
                    continue;
                }
                for (int i = 0; i < nfv; i++) {
                    for (int j = 0; j < nfv; j++) {
                        if ((i + j + p) % 2) {
                            continue;       /* half the value pairs */
                        }
                        k.in[0] = fv[i];
                        k.in[1] = fv[j];
                        k.c[0] = pos_grid[p];
                        k.c[1] = len_grid[l];
                        g_array_append_val(a, k);
                    }
                }
            }
        }
        break;
    case CK_EXTRACT:
        for (int p = 0; p < N(pos_grid); p++) {
            for (int l = 0; l < N(len_grid); l++) {
                if (pos_grid[p] + len_grid[l] > w) {
                    continue;
                }
                for (int i = 0; i < nfv; i++) {
                    k.in[0] = fv[i];
                    k.c[0] = pos_grid[p];
                    k.c[1] = len_grid[l];
                    g_array_append_val(a, k);
                }
            }
        }
        break;
    case CK_EXTRACT2:
        for (unsigned p = 0; p < w; p++) {
            for (int i = 0; i < nfv; i++) {
                for (int j = 0; j < nfv; j++) {
                    k.in[0] = fv[i];
                    k.in[1] = fv[j];
                    k.c[0] = p;
                    g_array_append_val(a, k);
                }
            }
        }
        break;
    case CK_DW: {
        static const uint64_t highs[] = {
            0, 1, UINT64_MAX, 0x7fffffffffffffffull, 0x8000000000000000ull,
            0x0123456789abcdefull,
        };
        for (int i = 0; i < nv; i++) {
            for (int j = 0; j < nv; j++) {
                k.in[0] = v[i];
                k.in[1] = trunc_to(d->tin, highs[(i + 2 * j) % N(highs)]);
                k.in[2] = v[j];
                k.in[3] = trunc_to(d->tin, highs[(3 * i + j) % N(highs)]);
                g_array_append_val(a, k);
            }
        }
        break;
    }
    }
    *n_out = a->len;
    return (OpCase *)g_array_free(a, false);
}

/* ------------------------------------------------------------------ */
/* Running batches                                                     */

/* How the inputs and outputs of each case are reached. */
typedef enum InMode {
    M_GLOBAL,       /* read and write globals directly */
    M_TEMP,         /* copy into temps, compute in temps, copy out */
    M_ALIAS0,       /* output 0 is the global of input 0 */
    M_ALIAS1,       /* output 0 is the global of input 1 */
} InMode;

static const char *mode_name[] = { "global", "temp", "alias-in0", "alias-in1" };

typedef struct Variant {
    unsigned constmask;     /* inputs given as constants */
    InMode mode;
} Variant;

/* Slots: inputs in [0, 64), outputs in [64, 96). */
#define IN_SLOTS 64
#define OUT_BASE 64
#define OUT_SLOTS 32

static int batch_size(const OpDesc *d)
{
    int k = IN_SLOTS / d->nin;
    if (k > OUT_SLOTS / d->nout) {
        k = OUT_SLOTS / d->nout;
    }
    return k;
}

static TCGTemp *global_temp(IRTCtx *c, TCGType t, int slot)
{
    return t == TCG_TYPE_I32 ? tcgv_i32_temp(c->g32[slot])
                             : tcgv_i64_temp(c->g64[slot]);
}

static void env_set(IRTEnv *env, TCGType t, int slot, uint64_t v)
{
    if (t == TCG_TYPE_I32) {
        env->g32[slot] = (env->g32[slot] & ~0xffffffffull) | (uint32_t)v;
    } else {
        env->g64[slot] = v;
    }
}

static uint64_t env_get(const IRTEnv *env, TCGType t, int slot)
{
    return t == TCG_TYPE_I32 ? (uint32_t)env->g32[slot] : env->g64[slot];
}

static int out_slot(const OpDesc *d, const Variant *v, int k, int m)
{
    if (m == 0 && v->mode == M_ALIAS0) {
        return k * d->nin + 0;
    }
    if (m == 0 && v->mode == M_ALIAS1) {
        return k * d->nin + 1;
    }
    return OUT_BASE + k * d->nout + m;
}

static void build_batch(IRTCtx *c, const OpDesc *d, const OpCase *cs, int n,
                        const Variant *v)
{
    irt_begin(c);
    for (int k = 0; k < n; k++) {
        TCGTemp *in[4], *out[2], *res[2];

        for (int j = 0; j < d->nin; j++) {
            if (v->constmask & (1u << j)) {
                in[j] = tcg_constant_internal(d->tin, (int64_t)cs[k].in[j]);
            } else if (v->mode == M_TEMP) {
                in[j] = tcg_temp_new_internal(d->tin, TEMP_EBB);
                if (d->tin == TCG_TYPE_I32) {
                    tcg_gen_mov_i32(temp_tcgv_i32(in[j]),
                                    c->g32[k * d->nin + j]);
                } else {
                    tcg_gen_mov_i64(temp_tcgv_i64(in[j]),
                                    c->g64[k * d->nin + j]);
                }
            } else {
                in[j] = global_temp(c, d->tin, k * d->nin + j);
            }
        }
        for (int m = 0; m < d->nout; m++) {
            out[m] = global_temp(c, d->tout, out_slot(d, v, k, m));
            res[m] = v->mode == M_TEMP
                ? tcg_temp_new_internal(d->tout,
                                        d->control_flow ? TEMP_TB : TEMP_EBB)
                : out[m];
        }
        d->gen(res, in, cs[k].c);
        if (v->mode == M_TEMP) {
            for (int m = 0; m < d->nout; m++) {
                if (d->tout == TCG_TYPE_I32) {
                    tcg_gen_mov_i32(temp_tcgv_i32(out[m]), temp_tcgv_i32(res[m]));
                } else {
                    tcg_gen_mov_i64(temp_tcgv_i64(out[m]), temp_tcgv_i64(res[m]));
                }
            }
        }
    }
}

static void describe_case(GString *s, const OpDesc *d, const OpCase *k)
{
    g_string_append_printf(s, "%s(", d->name);
    for (int j = 0; j < d->nin; j++) {
        g_string_append_printf(s, "%s0x%" PRIx64, j ? ", " : "", k->in[j]);
    }
    switch (d->kind) {
    case CK_COND:
    case CK_MOVCOND:
        g_string_append_printf(s, "; cond %s", cond_name((TCGCond)k->c[0]));
        break;
    case CK_DEPOSIT:
    case CK_EXTRACT:
        g_string_append_printf(s, "; pos %" PRIu64 " len %" PRIu64, k->c[0],
                               k->c[1]);
        break;
    case CK_EXTRACT2:
        g_string_append_printf(s, "; pos %" PRIu64, k->c[0]);
        break;
    default:
        break;
    }
    g_string_append(s, ")");
}

typedef struct RunStats {
    int runs, cases, failures;
} RunStats;

#define MAX_REPORTS 12

static void run_batch(IRTCtx *c, const OpDesc *d, const OpCase *cs, int n,
                      const Variant *v, bool optimize, bool check_eval,
                      RunStats *st)
{
    IRTEnv init, env, expect;
    uint64_t out[2];
    int r;

    irt_env_init(&init, 0x5eed0000 + n);
    for (int k = 0; k < n; k++) {
        for (int j = 0; j < d->nin; j++) {
            env_set(&init, d->tin, k * d->nin + j, cs[k].in[j]);
        }
    }
    expect = init;
    for (int k = 0; k < n; k++) {
        d->ref(cs[k].in, cs[k].c, out);
        for (int m = 0; m < d->nout; m++) {
            env_set(&expect, d->tout, out_slot(d, v, k, m),
                    trunc_to(d->tout, out[m]));
        }
    }

    build_batch(c, d, cs, n, v);

    if (check_eval) {
        /* The harness's interpreter must agree with the table too. */
        char err[256];
        uintptr_t ev_exit;
        IRTEnv ev = init;
        if (!irt_eval(c, &ev, NULL, &ev_exit, 100000, err, sizeof(err))) {
            g_test_message("irt_eval failed on %s: %s", d->name, err);
            st->failures++;
        } else if (memcmp(&ev, &expect, sizeof(ev)) != 0) {
            for (int k = 0; k < n && st->failures < MAX_REPORTS; k++) {
                for (int m = 0; m < d->nout; m++) {
                    int slot = out_slot(d, v, k, m);
                    if (env_get(&ev, d->tout, slot) !=
                        env_get(&expect, d->tout, slot)) {
                        GString *s = g_string_new("irt_eval disagrees: ");
                        describe_case(s, d, &cs[k]);
                        g_test_message("%s out%d: eval 0x%" PRIx64
                                       " reference 0x%" PRIx64, s->str, m,
                                       env_get(&ev, d->tout, slot),
                                       env_get(&expect, d->tout, slot));
                        g_string_free(s, true);
                        st->failures++;
                    }
                }
            }
        }
    }

    r = irt_finish(c, optimize);
    if (r < 0) {
        g_test_message("%s [%s opt=%d mode=%s const=0x%x]: tcg_gen_code "
                       "returned %d", d->name, c->name, optimize,
                       mode_name[v->mode], v->constmask, r);
        st->failures++;
        return;
    }
    env = init;
    irt_exec(c, &env, NULL);
    st->runs++;
    st->cases += n;

    if (memcmp(&env, &expect, sizeof(env)) == 0) {
        return;
    }
    for (int k = 0; k < n; k++) {
        for (int m = 0; m < d->nout; m++) {
            int slot = out_slot(d, v, k, m);
            uint64_t got = env_get(&env, d->tout, slot);
            uint64_t want = env_get(&expect, d->tout, slot);
            if (got != want) {
                if (st->failures < MAX_REPORTS) {
                    GString *s = g_string_new(NULL);
                    describe_case(s, d, &cs[k]);
                    g_test_message("MISMATCH %s out%d [%s opt=%d mode=%s "
                                   "const=0x%x]: got 0x%" PRIx64
                                   " expected 0x%" PRIx64, s->str, m, c->name,
                                   optimize, mode_name[v->mode], v->constmask,
                                   got, want);
                    g_string_free(s, true);
                }
                st->failures++;
            }
        }
    }
    /* Anything else that changed is a stray write. */
    for (int k = 0; k < n; k++) {
        for (int m = 0; m < d->nout; m++) {
            int slot = out_slot(d, v, k, m);
            env_set(&env, d->tout, slot, env_get(&expect, d->tout, slot));
        }
    }
    if (memcmp(&env, &expect, sizeof(env)) != 0) {
        g_test_message("%s [%s opt=%d mode=%s const=0x%x]: stray writes:",
                       d->name, c->name, optimize, mode_name[v->mode],
                       v->constmask);
        irt_env_equal(&env, &expect, stderr, "got", "expected");
        st->failures++;
    }
}

static int make_variants(const OpDesc *d, Variant *v)
{
    int n = 0;
    unsigned all = (1u << d->nin) - 1;

    v[n++] = (Variant){ 0, M_GLOBAL };
    v[n++] = (Variant){ 0, M_TEMP };
    if (d->tin == d->tout && !d->control_flow) {
        v[n++] = (Variant){ 0, M_ALIAS0 };
        if (d->nin >= 2) {
            v[n++] = (Variant){ 0, M_ALIAS1 };
        }
    }
    v[n++] = (Variant){ all, M_GLOBAL };
    v[n++] = (Variant){ all, M_TEMP };
    if (d->nin >= 2) {
        for (int j = 0; j < d->nin; j++) {
            v[n++] = (Variant){ 1u << j, M_GLOBAL };
            v[n++] = (Variant){ all & ~(1u << j), M_TEMP };
        }
    }
    return n;
}

typedef struct OpTestData {
    const char *backend;
    const OpDesc *d;
} OpTestData;


static void test_op(gconstpointer opaque)
{
    const OpTestData *td = opaque;
    const OpDesc *d = td->d;
    IRTCtx *c = irt_ctx_for_test(td->backend);
    Variant vars[16];
    int nvars, ncases, bs;
    OpCase *cs;
    RunStats st = { 0 };

    if (!c) {
        return;
    }
    cs = make_cases(d, &ncases);
    nvars = make_variants(d, vars);
    bs = batch_size(d);
    for (int first = 0; first < ncases; first += bs) {
        int n = ncases - first < bs ? ncases - first : bs;
        for (int vi = 0; vi < nvars; vi++) {
            for (int opt = 0; opt < 2; opt++) {
                bool check_eval = vi == 0 && opt == 0
                                  && strcmp(c->name, "interp") == 0;
                run_batch(c, d, cs + first, n, &vars[vi], opt, check_eval,
                          &st);
            }
        }
    }
    g_free(cs);
    if (st.failures) {
        g_test_message("%s on %s: %d mismatches in %d cases (%d blocks)",
                       d->name, c->name, st.failures, st.cases, st.runs);
        g_test_fail();
    }
}

/* ------------------------------------------------------------------ */
/* movi of edge values into i32/i64 globals                            */

static void test_movi(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);
    int fails = 0;

    if (!c) {
        return;
    }
    for (int opt = 0; opt < 2; opt++) {
        IRTEnv env, expect;
        irt_env_init(&env, 7);
        expect = env;
        irt_begin(c);
        for (int i = 0; i < N(vals64); i++) {
            tcg_gen_movi_i64(c->g64[i], (int64_t)vals64[i]);
            tcg_gen_movi_i32(c->g32[i], (int64_t)vals64[i]);
            expect.g64[i] = vals64[i];
            env_set(&expect, TCG_TYPE_I32, i, (uint32_t)vals64[i]);
            /* through a temp, and mov between globals */
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_movi_i64(t, (int64_t)vals64[i]);
            tcg_gen_mov_i64(c->g64[OUT_BASE + i], t);
            expect.g64[OUT_BASE + i] = vals64[i];
        }
        g_assert_cmpint(irt_finish(c, opt), >, 0);
        irt_exec(c, &env, NULL);
        if (!irt_env_equal(&env, &expect, stderr, "got", "expected")) {
            g_test_message("movi mismatch on %s opt=%d", c->name, opt);
            fails++;
        }
    }
    if (fails) {
        g_test_fail();
    }
}

/* ------------------------------------------------------------------ */
/* Host memory: ld/st of every size and sign, odd offsets, other bases */

typedef struct HostMemOp {
    const char *name;
    TCGType type;
    unsigned size;
    bool sign;
    bool store;
} HostMemOp;

static const HostMemOp host_ops[] = {
    { "ld8u_i32", I32, 1, false, false }, { "ld8s_i32", I32, 1, true, false },
    { "ld16u_i32", I32, 2, false, false }, { "ld16s_i32", I32, 2, true, false },
    { "ld_i32", I32, 4, false, false },
    { "ld8u_i64", I64, 1, false, false }, { "ld8s_i64", I64, 1, true, false },
    { "ld16u_i64", I64, 2, false, false }, { "ld16s_i64", I64, 2, true, false },
    { "ld32u_i64", I64, 4, false, false }, { "ld32s_i64", I64, 4, true, false },
    { "ld_i64", I64, 8, false, false },
    { "st8_i32", I32, 1, false, true }, { "st16_i32", I32, 2, false, true },
    { "st_i32", I32, 4, false, true },
    { "st8_i64", I64, 1, false, true }, { "st16_i64", I64, 2, false, true },
    { "st32_i64", I64, 4, false, true }, { "st_i64", I64, 8, false, true },
};

static void gen_host_mem(const HostMemOp *h, TCGTemp *val, TCGv_ptr base,
                         intptr_t ofs)
{
    if (h->type == TCG_TYPE_I32) {
        TCGv_i32 v = temp_tcgv_i32(val);
        if (h->store) {
            switch (h->size) {
            case 1: tcg_gen_st8_i32(v, base, ofs); break;
            case 2: tcg_gen_st16_i32(v, base, ofs); break;
            default: tcg_gen_st_i32(v, base, ofs); break;
            }
        } else {
            switch (h->size * 2 + h->sign) {
            case 2: tcg_gen_ld8u_i32(v, base, ofs); break;
            case 3: tcg_gen_ld8s_i32(v, base, ofs); break;
            case 4: tcg_gen_ld16u_i32(v, base, ofs); break;
            case 5: tcg_gen_ld16s_i32(v, base, ofs); break;
            default: tcg_gen_ld_i32(v, base, ofs); break;
            }
        }
    } else {
        TCGv_i64 v = temp_tcgv_i64(val);
        if (h->store) {
            switch (h->size) {
            case 1: tcg_gen_st8_i64(v, base, ofs); break;
            case 2: tcg_gen_st16_i64(v, base, ofs); break;
            case 4: tcg_gen_st32_i64(v, base, ofs); break;
            default: tcg_gen_st_i64(v, base, ofs); break;
            }
        } else {
            switch (h->size * 2 + h->sign) {
            case 2: tcg_gen_ld8u_i64(v, base, ofs); break;
            case 3: tcg_gen_ld8s_i64(v, base, ofs); break;
            case 4: tcg_gen_ld16u_i64(v, base, ofs); break;
            case 5: tcg_gen_ld16s_i64(v, base, ofs); break;
            case 8: tcg_gen_ld32u_i64(v, base, ofs); break;
            case 9: tcg_gen_ld32s_i64(v, base, ofs); break;
            default: tcg_gen_ld_i64(v, base, ofs); break;
            }
        }
    }
}

/* Little-endian host value of size bytes at p, extended. */
static uint64_t ref_host_load(const uint8_t *p, unsigned size, bool sign,
                              TCGType t)
{
    uint64_t v = 0;
    for (unsigned i = size; i-- > 0;) {
        v = (v << 8) | p[i];
    }
    if (sign && (v >> (size * 8 - 1)) & 1) {
        v |= ~0ull << (size * 8);
    }
    return trunc_to(t, v);
}

/*
 * Base kinds: env itself; a temp pointing into scratch (small positive
 * and negative offsets); a temp 8 GiB below env (offset needs 64 bits).
 */
enum { BASE_ENV, BASE_TEMP, BASE_FAR, NB_BASES };
static const char *base_name[] = { "env", "temp", "far" };

static void host_mem_bases(const char *backend, int first_base, int nb_bases)
{
    IRTCtx *c = irt_ctx_for_test(backend);
    static const int offsets[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 15, 24 };
    int fails = 0;

    if (!c) {
        return;
    }
    for (int hi = 0; hi < N(host_ops); hi++) {
        const HostMemOp *h = &host_ops[hi];
        for (int base = first_base; base < first_base + nb_bases; base++) {
            for (int src = 0; src < 3; src++) {     /* global, temp, const */
                if (!h->store && src == 2) {
                    continue;
                }
                for (int opt = 0; opt < 2; opt++) {
                    IRTEnv env, expect;
                    irt_env_init(&env, 99 + hi);
                    /* bytes with alternating sign bits */
                    for (int i = 0; i < IRT_NSCRATCH * 8; i++) {
                        ((uint8_t *)env.scratch)[i] =
                            (uint8_t)(0x81 + i * 0x3b);
                    }
                    expect = env;
                    irt_begin(c);
                    TCGv_ptr b = c->env;
                    intptr_t bias = IRT_SCRATCH_OFS(0);
                    if (base == BASE_TEMP) {
                        b = tcg_temp_new_i64();
                        tcg_gen_addi_i64(b, c->env, IRT_SCRATCH_OFS(8));
                        bias = -64;
                    } else if (base == BASE_FAR) {
                        b = tcg_temp_new_i64();
                        tcg_gen_subi_i64(b, c->env, (int64_t)1 << 33);
                        bias = ((intptr_t)1 << 33) + IRT_SCRATCH_OFS(0);
                    }
                    for (int k = 0; k < N(offsets); k++) {
                        int off = offsets[k];
                        uint8_t *p = (uint8_t *)expect.scratch + off;
                        TCGTemp *g = global_temp(c, h->type, k);
                        if (!h->store) {
                            TCGTemp *dst = g;
                            if (src == 1) {
                                dst = tcg_temp_new_internal(h->type, TEMP_EBB);
                            }
                            gen_host_mem(h, dst, b, bias + off);
                            if (src == 1) {
                                if (h->type == TCG_TYPE_I32) {
                                    tcg_gen_mov_i32(temp_tcgv_i32(g),
                                                    temp_tcgv_i32(dst));
                                } else {
                                    tcg_gen_mov_i64(temp_tcgv_i64(g),
                                                    temp_tcgv_i64(dst));
                                }
                            }
                            env_set(&expect, h->type, k,
                                    ref_host_load(p, h->size, h->sign,
                                                  h->type));
                        }
                    }
                    if (h->store) {
                        /* distinct, non-overlapping store slots: every
                         * third 8-byte word, at an odd byte offset */
                        for (int k = 0; k < 8; k++) {
                            int off = 24 * k + (k % 4);
                            uint64_t val = trunc_to(h->type,
                                vals64[(k * 5 + hi) % N(vals64)]);
                            TCGTemp *v;
                            env_set(&env, h->type, k, val);
                            env_set(&expect, h->type, k, val);
                            if (src == 0) {
                                v = global_temp(c, h->type, k);
                            } else if (src == 1) {
                                v = tcg_temp_new_internal(h->type, TEMP_EBB);
                                if (h->type == TCG_TYPE_I32) {
                                    tcg_gen_mov_i32(temp_tcgv_i32(v), c->g32[k]);
                                } else {
                                    tcg_gen_mov_i64(temp_tcgv_i64(v), c->g64[k]);
                                }
                            } else {
                                v = tcg_constant_internal(h->type, (int64_t)val);
                            }
                            gen_host_mem(h, v, b, bias + off);
                            for (unsigned i = 0; i < h->size; i++) {
                                ((uint8_t *)expect.scratch)[off + i] =
                                    (uint8_t)(val >> (8 * i));
                            }
                        }
                    }
                    if (irt_finish(c, opt) < 0) {
                        g_test_message("%s: tcg_gen_code failed", h->name);
                        fails++;
                        continue;
                    }
                    irt_exec(c, &env, NULL);
                    if (!irt_env_equal(&env, &expect, stderr, "got",
                                       "expected")) {
                        g_test_message("MISMATCH host %s [%s opt=%d base=%s "
                                       "src=%s]", h->name, c->name, opt,
                                       base_name[base],
                                       src == 0 ? "global"
                                       : src == 1 ? "temp" : "const");
                        fails++;
                    }
                }
            }
        }
    }
    if (fails) {
        g_test_fail();
    }
}

static void test_host_mem(gconstpointer opaque)
{
    host_mem_bases(opaque, BASE_ENV, 2);
}

/* An offset that does not fit in 32 bits (a legal intptr_t offset). */
static void test_host_mem_far(gconstpointer opaque)
{
    host_mem_bases(opaque, BASE_FAR, 1);
}

/* ------------------------------------------------------------------ */
/* Guest memory: qemu_ld/st of every size, sign and byte order         */

static uint64_t ref_guest_load(const uint8_t *p, MemOp mop, TCGType t)
{
    unsigned size = memop_size(mop);
    uint64_t v = 0;

    if (mop & MO_BSWAP) {
        for (unsigned i = 0; i < size; i++) {
            v = (v << 8) | p[i];            /* big-endian */
        }
    } else {
        for (unsigned i = size; i-- > 0;) {
            v = (v << 8) | p[i];
        }
    }
    if ((mop & MO_SIGN) && (v >> (size * 8 - 1)) & 1) {
        v |= size == 8 ? 0 : ~0ull << (size * 8);
    }
    return trunc_to(t, v);
}

static void ref_guest_store(uint8_t *p, MemOp mop, uint64_t v)
{
    unsigned size = memop_size(mop);

    for (unsigned i = 0; i < size; i++) {
        unsigned byte = (mop & MO_BSWAP) ? size - 1 - i : i;
        p[i] = (uint8_t)(v >> (8 * byte));
    }
}

static void test_guest_mem(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);
    static const unsigned addrs[] = { 0, 1, 3, 4, 6, 8, 13, 64, 1023,
                                      IRT_GUEST_SIZE - 8 };
    int fails = 0, runs = 0;

    if (!c) {
        return;
    }
    for (int type = 0; type < 2; type++) {
        TCGType t = type ? TCG_TYPE_I64 : TCG_TYPE_I32;
        for (int size = 0; size <= (type ? 3 : 2); size++) {
            for (int flags = 0; flags < 8; flags++) {
                MemOp mop = (MemOp)size;
                bool store = flags & 4;
                if (flags & 1) {
                    mop |= MO_SIGN;
                }
                if (flags & 2) {
                    mop |= MO_BE;
                }
                if (store && (flags & 1)) {
                    continue;
                }
                for (int asrc = 0; asrc < 3; asrc++) {  /* global temp const */
                    for (int opt = 0; opt < 2; opt++) {
                        IRTEnv env, expect;
                        uint8_t *guest = g_malloc(IRT_GUEST_SIZE);
                        uint8_t *gexp = g_malloc(IRT_GUEST_SIZE);
                        irt_env_init(&env, 1234 + size);
                        for (int i = 0; i < IRT_GUEST_SIZE; i++) {
                            guest[i] = (uint8_t)(0x97 * i + 0x85 + (i >> 8));
                        }
                        memcpy(gexp, guest, IRT_GUEST_SIZE);
                        irt_begin(c);
                        for (int k = 0; k < N(addrs); k++) {
                            unsigned addr = addrs[k];
                            /* stores: keep the accesses disjoint */
                            if (store) {
                                addr = k * 16 + (addrs[k] % 8);
                                if (k == N(addrs) - 1) {
                                    addr = IRT_GUEST_SIZE - memop_size(mop);
                                }
                            }
                            if (addr + memop_size(mop) > IRT_GUEST_SIZE) {
                                addr = IRT_GUEST_SIZE - memop_size(mop);
                            }
                            MemOp m = mop;
                            if (k == 2 || k == 5) {
                                /* aligned accesses with MO_ALIGN */
                                addr &= ~(memop_size(mop) - 1);
                                m |= MO_ALIGN;
                            }
                            TCGv_i64 a;
                            env.g64[IN_SLOTS + k] = addr;
                            if (asrc == 0) {
                                a = c->g64[IN_SLOTS + k];
                            } else if (asrc == 1) {
                                a = tcg_temp_new_i64();
                                tcg_gen_mov_i64(a, c->g64[IN_SLOTS + k]);
                            } else {
                                a = tcg_constant_i64(addr);
                            }
                            if (store) {
                                uint64_t val = trunc_to(t, vals64[(k * 7 + size) % N(vals64)]);
                                env_set(&env, t, k, val);
                                TCGTemp *vt = global_temp(c, t, k);
                                if (k % 3 == 1) {
                                    vt = tcg_constant_internal(t, (int64_t)val);
                                }
                                if (t == TCG_TYPE_I32) {
                                    tcg_gen_qemu_st_i32(temp_tcgv_i32(vt), a, k % 4, m);
                                } else {
                                    tcg_gen_qemu_st_i64(temp_tcgv_i64(vt), a, k % 4, m);
                                }
                                ref_guest_store(gexp + addr, mop, val);
                            } else {
                                TCGTemp *dst = global_temp(c, t, k);
                                if (t == TCG_TYPE_I32) {
                                    tcg_gen_qemu_ld_i32(temp_tcgv_i32(dst), a, k % 4, m);
                                } else {
                                    tcg_gen_qemu_ld_i64(temp_tcgv_i64(dst), a, k % 4, m);
                                }
                            }
                        }
                        expect = env;
                        if (!store) {
                            for (int k = 0; k < N(addrs); k++) {
                                unsigned addr = (unsigned)env.g64[IN_SLOTS + k];
                                env_set(&expect, t, k,
                                        ref_guest_load(guest + addr, mop, t));
                            }
                        }
                        if (irt_finish(c, opt) < 0) {
                            fails++;
                        } else {
                            irt_exec(c, &env, guest);
                            runs++;
                            bool ok = irt_env_equal(&env, &expect, stderr,
                                                    "got", "expected");
                            ok &= irt_guest_equal(guest, gexp, IRT_GUEST_SIZE,
                                                  stderr, "got", "expected");
                            if (!ok) {
                                g_test_message("MISMATCH qemu_%s_i%d size=%d "
                                               "sign=%d be=%d [%s opt=%d "
                                               "addr=%s]", store ? "st" : "ld",
                                               type ? 64 : 32, 8 << size,
                                               !!(mop & MO_SIGN),
                                               !!(mop & MO_BE), c->name, opt,
                                               asrc == 0 ? "global"
                                               : asrc == 1 ? "temp" : "const");
                                fails++;
                            }
                        }
                        g_free(guest);
                        g_free(gexp);
                    }
                }
            }
        }
    }
    g_test_message("%d guest memory blocks run", runs);
    if (fails) {
        g_test_fail();
    }
}

/* ------------------------------------------------------------------ */
/* Block structure: mb, insn_start, discard, exit_tb, goto_tb, goto_ptr */

static void test_misc_ops(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);
    static const unsigned bars[] = {
        TCG_MO_LD_LD, TCG_MO_ST_LD, TCG_MO_LD_ST, TCG_MO_ST_ST, TCG_MO_ALL,
        TCG_MO_ALL | TCG_BAR_SC, TCG_MO_ST_LD | TCG_BAR_SC,
    };

    if (!c) {
        return;
    }
    for (int opt = 0; opt < 2; opt++) {
        IRTEnv env, expect;

        /* mb between stores and loads, insn_start, discard */
        irt_env_init(&env, 3);
        expect = env;
        irt_begin(c);
        for (int i = 0; i < N(bars); i++) {
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_insn_start(0x1000 + 4 * i, i);
            tcg_gen_addi_i64(t, c->g64[i], i + 1);
            tcg_gen_st_i64(t, c->env, IRT_SCRATCH_OFS(i));
            tcg_gen_mb(bars[i]);
            tcg_gen_ld_i64(c->g64[OUT_BASE + i], c->env, IRT_SCRATCH_OFS(i));
            tcg_gen_discard_i64(t);
            expect.scratch[i] = env.g64[i] + i + 1;
            expect.g64[OUT_BASE + i] = env.g64[i] + i + 1;
        }
        g_assert_cmpint(irt_finish(c, opt), >, 0);
        irt_exec(c, &env, NULL);
        if (!irt_env_equal(&env, &expect, stderr, "got", "expected")) {
            g_test_message("mb/insn_start/discard mismatch [%s opt=%d]",
                           c->name, opt);
            g_test_fail();
        }
        if (opt == 0 && c->s->gen_nb_insns != N(bars)) {
            g_test_message("gen_nb_insns %d, expected %d", c->s->gen_nb_insns,
                           N(bars));
            g_test_fail();
        }

        /* exit_tb values, chosen by a branch */
        static const uintptr_t tbs[] = { 0x1000, 0x7ffff0001230ull,
                                         0xfffffffffffff000ull };
        for (int i = 0; i < N(tbs); i++) {
            for (unsigned idx = 0; idx < 4; idx++) {
                for (int taken = 0; taken < 2; taken++) {
                    TCGLabel *l;
                    uintptr_t r;
                    irt_env_init(&env, 4);
                    env.g64[0] = taken;
                    irt_begin(c);
                    l = gen_new_label();
                    tcg_gen_brcondi_i64(TCG_COND_NE, c->g64[0], 0, l);
                    tcg_gen_movi_i64(c->g64[1], 11);
                    tcg_gen_exit_tb(tbs[i], idx);
                    tcg_gen_set_label(l);
                    tcg_gen_movi_i64(c->g64[1], 22);
                    tcg_gen_exit_tb(tbs[i] + 0x40, idx ^ 1);
                    g_assert_cmpint(irt_finish_noexit(c, opt), >, 0);
                    r = irt_exec(c, &env, NULL);
                    uintptr_t want = taken ? (tbs[i] + 0x40) | (idx ^ 1)
                                           : tbs[i] | idx;
                    if (r != want || env.g64[1] != (taken ? 22u : 11u)) {
                        g_test_message("exit_tb [%s opt=%d]: returned 0x%"
                                       PRIxPTR " expected 0x%" PRIxPTR
                                       " (g64[1]=%" PRIu64 ")", c->name, opt,
                                       r, want, env.g64[1]);
                        g_test_fail();
                    }
                }
            }
        }
    }
}

/*
 * goto_tb: an unlinked slot falls through to the exit after it (once the
 * slot is reset, as the execution loop does); a linked slot continues in
 * the target block.  goto_ptr jumps to host code or to the epilogue.
 */
static void test_goto(gconstpointer opaque)
{
    IRTCtx *c = irt_ctx_for_test(opaque);
    TCGContext *s;

    if (!c) {
        return;
    }
    s = c->s;
    for (int opt = 0; opt < 2; opt++) {
        IRTEnv env;
        uint8_t *saved_start = c->code_start;
        const uint8_t *b_rx;
        uintptr_t r;

        /* Block B: g64[2] += 5, exit 0x2000. */
        irt_begin(c);
        tcg_gen_addi_i64(c->g64[2], c->g64[2], 5);
        tcg_gen_exit_tb(0x2000, 0);
        g_assert_cmpint(irt_finish_noexit(c, opt), >, 0);
        b_rx = tcg_splitwx_to_rx(s, s->code_buf);
        /* keep B: the next blocks go after it */
        c->code_start = (uint8_t *)(((uintptr_t)s->code_buf + c->last_size
                                     + 63) & ~(uintptr_t)63);

        /* Block A: g64[1] = 7; goto_tb 0; exit 0x1000|0 */
        irt_begin(c);
        tcg_gen_movi_i64(c->g64[1], 7);
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(0x1000, 0);
        g_assert_cmpint(irt_finish_noexit(c, opt), >, 0);
        if (s->tb_jmp_insn_offset[0] == 0xffff ||
            s->tb_jmp_reset_offset[0] == 0xffff) {
            g_test_message("goto_tb did not record its offsets [%s]", c->name);
            g_test_fail();
            c->code_start = saved_start;
            return;
        }
        uintptr_t jmp_rw = (uintptr_t)s->code_buf + s->tb_jmp_insn_offset[0];
        uintptr_t jmp_rx = (uintptr_t)tcg_splitwx_to_rx(s, (void *)jmp_rw);
        uintptr_t reset = (uintptr_t)tcg_splitwx_to_rx(s, s->code_buf)
                          + s->tb_jmp_reset_offset[0];

        /* unlinked */
        s->be->set_jmp_target(jmp_rx, jmp_rw, reset);
        irt_env_init(&env, 5);
        uint64_t g2 = env.g64[2];
        r = irt_exec(c, &env, NULL);
        if (r != 0x1000 || env.g64[1] != 7 || env.g64[2] != g2) {
            g_test_message("unlinked goto_tb [%s opt=%d]: exit 0x%" PRIxPTR,
                           c->name, opt, r);
            g_test_fail();
        }
        /* linked to B */
        s->be->set_jmp_target(jmp_rx, jmp_rw, (uintptr_t)b_rx);
        irt_env_init(&env, 5);
        r = irt_exec(c, &env, NULL);
        if (r != 0x2000 || env.g64[1] != 7 || env.g64[2] != g2 + 5) {
            g_test_message("linked goto_tb [%s opt=%d]: exit 0x%" PRIxPTR,
                           c->name, opt, r);
            g_test_fail();
        }
        /* unlinked again */
        s->be->set_jmp_target(jmp_rx, jmp_rw, reset);
        irt_env_init(&env, 5);
        r = irt_exec(c, &env, NULL);
        if (r != 0x1000 || env.g64[2] != g2) {
            g_test_message("re-unlinked goto_tb [%s opt=%d]: exit 0x%" PRIxPTR,
                           c->name, opt, r);
            g_test_fail();
        }

        /* goto_ptr to B (from a global) and to the epilogue */
        for (int dest = 0; dest < 2; dest++) {
            irt_begin(c);
            tcg_gen_movi_i64(c->g64[1], 9);
            tcg_gen_goto_ptr(c->g64[3]);
            g_assert_cmpint(irt_finish_noexit(c, opt), >, 0);
            irt_env_init(&env, 6);
            g2 = env.g64[2];
            env.g64[3] = dest ? (uintptr_t)s->code_gen_epilogue
                              : (uintptr_t)b_rx;
            r = irt_exec(c, &env, NULL);
            uintptr_t want = dest ? 0 : 0x2000;
            if (r != want || env.g64[1] != 9
                || env.g64[2] != (dest ? g2 : g2 + 5)) {
                g_test_message("goto_ptr to %s [%s opt=%d]: exit 0x%" PRIxPTR,
                               dest ? "epilogue" : "block", c->name, opt, r);
                g_test_fail();
            }
        }
        c->code_start = saved_start;
    }
}

/* ------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    static const char *backends[] = { "jit", "interp" };

    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    for (int b = 0; b < 2; b++) {
        char *p;
        for (int i = 0; i < N(op_table); i++) {
            OpTestData *td = g_new0(OpTestData, 1);
            td->backend = backends[b];
            td->d = &op_table[i];
            p = g_strdup_printf("/ir-ops/%s/%s", backends[b], op_table[i].name);
            g_test_add_data_func(p, td, test_op);
            g_free(p);
        }
        p = g_strdup_printf("/ir-ops/%s/movi", backends[b]);
        g_test_add_data_func(p, backends[b], test_movi);
        g_free(p);
        p = g_strdup_printf("/ir-ops/%s/host-ld-st", backends[b]);
        g_test_add_data_func(p, backends[b], test_host_mem);
        g_free(p);
        p = g_strdup_printf("/ir-ops/%s/host-ld-st-far-offset", backends[b]);
        g_test_add_data_func(p, backends[b], test_host_mem_far);
        g_free(p);
        p = g_strdup_printf("/ir-ops/%s/qemu-ld-st", backends[b]);
        g_test_add_data_func(p, backends[b], test_guest_mem);
        g_free(p);
        p = g_strdup_printf("/ir-ops/%s/mb-insn-start-exit-tb", backends[b]);
        g_test_add_data_func(p, backends[b], test_misc_ops);
        g_free(p);
        p = g_strdup_printf("/ir-ops/%s/goto-tb-goto-ptr", backends[b]);
        g_test_add_data_func(p, backends[b], test_goto);
        g_free(p);
    }
    return g_test_run();
}
