/*
 * The IR's vector ops (include/tcg/tcg-vec.h) on every backend against a
 * reference written here, independently of tcg/vec.c (which the
 * interpreter runs): every well-formed (op, element size, 8/16 bytes,
 * immediate) over edge-value and random slots, with the destination
 * apart from and equal to a source.  On x86-64 the JIT runs with all of
 * the host's SSE extensions, with none (SSE2 only) and with each alone,
 * so every fallback sequence is exercised; an op a feature set cannot
 * emit must be refused by tcg_vec_supported, and every op must be
 * available with all of the host's features.
 * A few known answers pin the semantics down (so that the reference
 * here and tcg/vec.c cannot agree on a mistake).
 */
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "config-host.h"
#include "irtest.h"
#include "tcg/tcg-vec.h"
#ifdef CONFIG_JIT_X86_64
#include "tcg/x86_64/encode.h"
#endif

/* Slots in the harness env's scratch area: 16 bytes each. */
#define SLOT_OFS(i) IRT_SCRATCH_OFS(2 * (i))
enum { S_D, S_A, S_B, S_C, NB_SLOTS = 16 };

typedef struct Vec { uint8_t b[16]; } Vec;

/* ------------------------------------------------------------------ */
/* Reference: per element, straight from the definitions.              */

static uint64_t el(const Vec *v, unsigned i, unsigned vece)
{
    uint64_t x = 0;
    for (unsigned k = 0; k < (1u << vece); k++) {
        x |= (uint64_t)v->b[(i << vece) + k] << (8 * k);
    }
    return x;
}

static int64_t sel_(const Vec *v, unsigned i, unsigned vece)
{
    unsigned bits = 8u << vece;
    uint64_t x = el(v, i, vece);
    if (bits < 64 && (x >> (bits - 1)) & 1) {
        x |= ~0ull << bits;
    }
    return (int64_t)x;
}

static void set_el(Vec *v, unsigned i, unsigned vece, uint64_t x)
{
    for (unsigned k = 0; k < (1u << vece); k++) {
        v->b[(i << vece) + k] = (uint8_t)(x >> (8 * k));
    }
}

static bool ref_cond(TCGCond c, uint64_t x, uint64_t y, int64_t sx, int64_t sy)
{
    switch (c) {
    case TCG_COND_EQ: return x == y;
    case TCG_COND_NE: return x != y;
    case TCG_COND_LT: return sx < sy;
    case TCG_COND_GE: return sx >= sy;
    case TCG_COND_LE: return sx <= sy;
    case TCG_COND_GT: return sx > sy;
    case TCG_COND_LTU: return x < y;
    case TCG_COND_GEU: return x >= y;
    case TCG_COND_LEU: return x <= y;
    default: return x > y;
    }
}

static uint64_t ref_binop(TCGOpcode opc, uint64_t x, uint64_t y, int64_t sx,
                          int64_t sy)
{
    switch (opc) {
    case INDEX_op_vec_add: case INDEX_op_vec_addp: return x + y;
    case INDEX_op_vec_smax: case INDEX_op_vec_smaxp:
        return sx >= sy ? x : y;
    case INDEX_op_vec_smin: case INDEX_op_vec_sminp:
        return sx <= sy ? x : y;
    case INDEX_op_vec_umax: case INDEX_op_vec_umaxp:
        return x >= y ? x : y;
    default:
        return x <= y ? x : y;
    }
}

/* The expected d after op on slots d0 (old d), a, b, c. */
static Vec reference(TCGOpcode opc, uint32_t vdesc, Vec d0, Vec a, Vec b,
                     Vec c)
{
    unsigned vece = vdesc_vece(vdesc), imm = vdesc_imm(vdesc);
    unsigned bytes = vdesc_oprsz(vdesc), n = bytes >> vece;
    unsigned bits = 8u << vece;
    uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;
    Vec r;

    memset(&r, 0, sizeof(r));
    switch (opc) {
    case INDEX_op_vec_shrn: {
        unsigned half = vdesc_q(vdesc) ? 8 : 0;
        if (half) {
            memcpy(r.b, d0.b, 8);
        }
        for (unsigned i = 0; i < 8u >> vece; i++) {
            uint64_t wide = el(&a, i, vece + 1);
            set_el(&r, i + (half >> vece), vece, (wide >> imm) & m);
        }
        return r;
    }
    case INDEX_op_vec_tbl:
    case INDEX_op_vec_tbx:
        for (unsigned i = 0; i < bytes; i++) {
            uint8_t k = b.b[i];
            r.b[i] = k < 16 ? a.b[k] : opc == INDEX_op_vec_tbx ? d0.b[i] : 0;
        }
        return r;
    case INDEX_op_vec_ext: {
        uint8_t cat[32];
        memcpy(cat, a.b, bytes);
        memcpy(cat + bytes, b.b, bytes);
        memcpy(r.b, cat + imm, bytes);
        return r;
    }
    case INDEX_op_vec_rev: {
        unsigned group = (1u << imm) >> vece;   /* elements per group */
        for (unsigned g = 0; g < n; g += group) {
            for (unsigned k = 0; k < group; k++) {
                set_el(&r, g + k, vece, el(&a, g + group - 1 - k, vece));
            }
        }
        return r;
    }
    case INDEX_op_vec_zip1: case INDEX_op_vec_zip2: {
        unsigned base = opc == INDEX_op_vec_zip2 ? n / 2 : 0;
        for (unsigned k = 0; k < n / 2; k++) {
            set_el(&r, 2 * k, vece, el(&a, base + k, vece));
            set_el(&r, 2 * k + 1, vece, el(&b, base + k, vece));
        }
        return r;
    }
    case INDEX_op_vec_uzp1: case INDEX_op_vec_uzp2: {
        unsigned odd = opc == INDEX_op_vec_uzp2;
        for (unsigned k = 0; k < n / 2; k++) {
            set_el(&r, k, vece, el(&a, 2 * k + odd, vece));
            set_el(&r, n / 2 + k, vece, el(&b, 2 * k + odd, vece));
        }
        return r;
    }
    case INDEX_op_vec_trn1: case INDEX_op_vec_trn2: {
        unsigned odd = opc == INDEX_op_vec_trn2;
        for (unsigned k = 0; k < n; k += 2) {
            set_el(&r, k, vece, el(&a, k + odd, vece));
            set_el(&r, k + 1, vece, el(&b, k + odd, vece));
        }
        return r;
    }
    case INDEX_op_vec_addp: case INDEX_op_vec_smaxp: case INDEX_op_vec_sminp:
    case INDEX_op_vec_umaxp: case INDEX_op_vec_uminp:
        for (unsigned k = 0; k < n / 2; k++) {
            set_el(&r, k, vece, ref_binop(opc, el(&a, 2 * k, vece),
                                          el(&a, 2 * k + 1, vece),
                                          sel_(&a, 2 * k, vece),
                                          sel_(&a, 2 * k + 1, vece)) & m);
            set_el(&r, n / 2 + k, vece,
                   ref_binop(opc, el(&b, 2 * k, vece), el(&b, 2 * k + 1, vece),
                             sel_(&b, 2 * k, vece),
                             sel_(&b, 2 * k + 1, vece)) & m);
        }
        return r;
    default:
        break;
    }
    for (unsigned i = 0; i < n; i++) {
        uint64_t x = el(&a, i, vece), y = el(&b, i, vece), v;
        int64_t sx = sel_(&a, i, vece), sy = sel_(&b, i, vece);

        switch (opc) {
        case INDEX_op_vec_not: v = x ^ m; break;
        case INDEX_op_vec_neg: v = (0 - x) & m; break;
        case INDEX_op_vec_abs: v = sx < 0 ? (0 - x) & m : x; break;
        case INDEX_op_vec_cnt: {
            v = 0;
            for (unsigned k = 0; k < 8; k++) {
                v += (x >> k) & 1;
            }
            break;
        }
        case INDEX_op_vec_shli: v = (x << imm) & m; break;
        case INDEX_op_vec_shri: v = x >> imm; break;
        case INDEX_op_vec_sari: v = (uint64_t)(sx >> imm) & m; break;
        case INDEX_op_vec_and: v = x & y; break;
        case INDEX_op_vec_or: v = x | y; break;
        case INDEX_op_vec_xor: v = x ^ y; break;
        case INDEX_op_vec_andc: v = x & ~y & m; break;
        case INDEX_op_vec_orc: v = (x | ~y) & m; break;
        case INDEX_op_vec_add: v = (x + y) & m; break;
        case INDEX_op_vec_sub: v = (x - y) & m; break;
        case INDEX_op_vec_mul: v = (x * y) & m; break;
        case INDEX_op_vec_cmp:
            v = ref_cond((TCGCond)imm, x, y, sx, sy) ? m : 0;
            break;
        case INDEX_op_vec_bitsel: {
            uint64_t z = el(&c, i, vece);
            v = (x & y) | (~x & z & m);
            break;
        }
        default:
            v = ref_binop(opc, x, y, sx, sy);
            break;
        }
        set_el(&r, i, vece, v);
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* Running ops                                                         */

static const uint8_t edge_bytes[] = {
    0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff, 0x0f, 0x10, 0x55, 0xaa,
};

/* Slot contents for iteration it: edge patterns, then random. */
static void fill(Vec *v, uint64_t *rng, int it, int which)
{
    for (int k = 0; k < 16; k++) {
        if (it < 8) {
            /* Same-size edges in every element position. */
            v->b[k] = edge_bytes[(size_t)(k * (which + 1) + it * 3) %
                                 sizeof(edge_bytes)];
        } else if (it < 12) {
            v->b[k] = (uint8_t)(irt_rand(rng) & 0x1f);  /* small (indices) */
        } else if (it < 18) {
            /* Bytes of element edges: 0, -1, MAX, MIN, 1 of every size. */
            static const uint8_t e[] = { 0x00, 0xff, 0x7f, 0x80, 0x01 };
            v->b[k] = e[irt_rand(rng) % sizeof(e)];
        } else {
            v->b[k] = (uint8_t)irt_rand(rng);
        }
    }
    if (it == 1 && which == 1) {
        memcpy(v, &(Vec){ { 0 } }, sizeof(*v));
    }
}

enum { ITERS = 24 };

static int g_failures;

/*
 * Generate op (d = slot dslot, sources a, b, c) on c, run it ITERS times
 * with fresh slot contents, compare with the reference.  Returns false
 * on a mismatch (reported on stderr).
 */
static bool run_op(IRTCtx *ctx, TCGOpcode opc, uint32_t vdesc, int dslot,
                   uint64_t seed, const char *feat)
{
    int nslots = tcg_vec_nb_slots(opc);
    int src[3] = { S_A, S_B, S_C };
    IRTEnv env;
    uint64_t rng = seed;
    int r;

    irt_begin(ctx);
    if (nslots == 2) {
        tcg_gen_vec2(opc, vdesc, SLOT_OFS(dslot), SLOT_OFS(src[0]));
    } else if (nslots == 3) {
        tcg_gen_vec3(opc, vdesc, SLOT_OFS(dslot), SLOT_OFS(src[0]),
                     SLOT_OFS(src[1]));
    } else {
        tcg_gen_vec4(opc, vdesc, SLOT_OFS(dslot), SLOT_OFS(src[0]),
                     SLOT_OFS(src[1]), SLOT_OFS(src[2]));
    }
    r = irt_finish(ctx, true);
    if (r <= 0) {
        fprintf(stderr, "%s: %s vdesc 0x%x: code generation failed (%d)\n",
                ctx->name, tcg_op_defs[opc].name, vdesc, r);
        return false;
    }
    for (int it = 0; it < ITERS; it++) {
        Vec s[4], want, got, other[NB_SLOTS];

        irt_env_init(&env, seed + (uint64_t)it);
        for (int k = 0; k < 4; k++) {
            fill(&s[k], &rng, it, k);
        }
        for (int k = 0; k < 4; k++) {
            memcpy((uint8_t *)&env + SLOT_OFS(k), &s[k], 16);
        }
        if (dslot != S_D) {
            s[S_D] = s[dslot];          /* d is that source */
        }
        want = reference(opc, vdesc, s[S_D], s[S_A], s[S_B], s[S_C]);
        memcpy(other, (uint8_t *)&env + SLOT_OFS(0), sizeof(other));
        irt_exec(ctx, &env, NULL);
        memcpy(&got, (uint8_t *)&env + SLOT_OFS(dslot), 16);
        /* Nothing else changed. */
        memcpy(&other[dslot], &got, 16);
        if (memcmp(&got, &want, 16) != 0 ||
            memcmp(other, (uint8_t *)&env + SLOT_OFS(0), sizeof(other)) != 0) {
            if (g_failures++ < 20) {
                fprintf(stderr, "%s%s: %s.%ux%u imm %u (d = slot %d), "
                        "iteration %d\n  a    ", ctx->name, feat,
                        tcg_op_defs[opc].name, 8u << vdesc_vece(vdesc),
                        vdesc_oprsz(vdesc) >> vdesc_vece(vdesc),
                        vdesc_imm(vdesc), dslot, it);
                for (int k = 15; k >= 0; k--) fprintf(stderr, "%02x", s[S_A].b[k]);
                fprintf(stderr, "\n  b    ");
                for (int k = 15; k >= 0; k--) fprintf(stderr, "%02x", s[S_B].b[k]);
                fprintf(stderr, "\n  want ");
                for (int k = 15; k >= 0; k--) fprintf(stderr, "%02x", want.b[k]);
                fprintf(stderr, "\n  got  ");
                for (int k = 15; k >= 0; k--) fprintf(stderr, "%02x", got.b[k]);
                fprintf(stderr, "\n");
            }
            return false;
        }
    }
    return true;
}

/* Every well-formed vdesc of op: element sizes, q, immediates. */
static int for_each_vdesc(TCGOpcode opc, uint32_t *out, int max)
{
    int n = 0;

    for (unsigned vece = 0; vece < 4; vece++) {
        for (int q = 0; q < 2; q++) {
            for (unsigned imm = 0; imm < 64; imm++) {
                uint32_t vd = tcg_vdesc(vece, q, imm);
                if (tcg_vec_valid(opc, vd) && n < max) {
                    out[n++] = vd;
                }
            }
        }
    }
    return n;
}

/* Run every op on ctx; returns the number of (op, vdesc) run. */
static int run_all(IRTCtx *ctx, const char *feat, bool all_supported)
{
    int count = 0;

    for (int opc = 0; opc < NB_OPS; opc++) {
        uint32_t vds[512];
        int n;

        if (!(tcg_op_defs[opc].flags & TCG_OPF_VEC)) {
            continue;
        }
        n = for_each_vdesc((TCGOpcode)opc, vds, 512);
        g_assert_cmpint(n, >, 0);
        for (int i = 0; i < n; i++) {
            tcg_ctx = ctx->s;
            if (!tcg_vec_supported((TCGOpcode)opc, vds[i])) {
                if (all_supported) {
                    fprintf(stderr, "%s%s: %s vdesc 0x%x not supported\n",
                            ctx->name, feat, tcg_op_defs[opc].name, vds[i]);
                    g_failures++;
                }
                continue;
            }
            /* d apart, d = a, d = b (where there is a b). */
            for (int ds = 0; ds < (tcg_vec_nb_slots((TCGOpcode)opc) > 2 ? 3 : 2);
                 ds++) {
                int dslot = ds == 0 ? S_D : ds == 1 ? S_A : S_B;
                run_op(ctx, (TCGOpcode)opc, vds[i], dslot,
                       0x9e3779b97f4a7c15ull * (uint64_t)(opc * 4096 + i * 4 + ds),
                       feat);
                count++;
            }
        }
    }
    return count;
}

static void test_backend(const void *data)
{
    IRTCtx *ctx = irt_ctx_for_test(data);
    int n;

    if (!ctx) {
        return;
    }
    irt_time_limit(120);
    g_failures = 0;
    n = run_all(ctx, "", true);
    g_assert_cmpint(g_failures, ==, 0);
    g_assert_cmpint(n, >, 1000);
}

#ifdef CONFIG_JIT_X86_64
/* The JIT with fewer host extensions: fallbacks, or refusals. */
static void test_x86_features(void)
{
    IRTCtx *ctx = irt_ctx_for_test("jit");
    unsigned all = x86_host_features;
    static const struct { unsigned f; const char *name; } sets[] = {
        { 0, " (SSE2 only)" },
        { X86_FEAT_SSSE3, " (SSSE3)" },
        { X86_FEAT_SSE41, " (SSE4.1)" },
        { X86_FEAT_SSE42, " (SSE4.2)" },
    };
    int n_sse2 = 0;

    if (!ctx) {
        return;
    }
    irt_time_limit(240);
    g_failures = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(sets); i++) {
        int n;
        if (sets[i].f && !(all & sets[i].f)) {
            continue;
        }
        x86_set_host_features(sets[i].f);
        n = run_all(ctx, sets[i].name, false);
        if (i == 0) {
            n_sse2 = n;
        }
    }
    x86_set_host_features(all);
    g_assert_cmpint(g_failures, ==, 0);
    /* SSE2 alone still does most of them. */
    g_assert_cmpint(n_sse2, >, 1000);
}
#endif

/* ------------------------------------------------------------------ */
/* Known answers                                                       */

static Vec bytes_seq(uint8_t first)
{
    Vec v;
    for (int k = 0; k < 16; k++) {
        v.b[k] = (uint8_t)(first + k);
    }
    return v;
}

static void check_known(IRTCtx *ctx, TCGOpcode opc, uint32_t vd, Vec a, Vec b,
                        Vec d0, const uint8_t want[16])
{
    IRTEnv env;
    Vec got;

    irt_begin(ctx);
    if (tcg_vec_nb_slots(opc) == 2) {
        tcg_gen_vec2(opc, vd, SLOT_OFS(S_D), SLOT_OFS(S_A));
    } else {
        tcg_gen_vec3(opc, vd, SLOT_OFS(S_D), SLOT_OFS(S_A), SLOT_OFS(S_B));
    }
    g_assert_cmpint(irt_finish(ctx, true), >, 0);
    irt_env_init(&env, 1);
    memcpy((uint8_t *)&env + SLOT_OFS(S_D), &d0, 16);
    memcpy((uint8_t *)&env + SLOT_OFS(S_A), &a, 16);
    memcpy((uint8_t *)&env + SLOT_OFS(S_B), &b, 16);
    irt_exec(ctx, &env, NULL);
    memcpy(&got, (uint8_t *)&env + SLOT_OFS(S_D), 16);
    if (memcmp(got.b, want, 16) != 0) {
        fprintf(stderr, "%s: %s vdesc 0x%x:\n  want", ctx->name,
                tcg_op_defs[opc].name, vd);
        for (int k = 0; k < 16; k++) fprintf(stderr, " %02x", want[k]);
        fprintf(stderr, "\n  got ");
        for (int k = 0; k < 16; k++) fprintf(stderr, " %02x", got.b[k]);
        fprintf(stderr, "\n");
        g_assert_not_reached();
    }
}

static void test_known(const void *data)
{
    IRTCtx *ctx = irt_ctx_for_test(data);
    Vec a = bytes_seq(0x00), b = bytes_seq(0x10), d0 = bytes_seq(0xa0);

    if (!ctx) {
        return;
    }
    /* Bytes listed from element 0 (lowest address) up. */
    check_known(ctx, INDEX_op_vec_zip1, tcg_vdesc(0, true, 0), a, b, d0,
                (const uint8_t[16]){ 0x00, 0x10, 0x01, 0x11, 0x02, 0x12, 0x03,
                                     0x13, 0x04, 0x14, 0x05, 0x15, 0x06, 0x16,
                                     0x07, 0x17 });
    check_known(ctx, INDEX_op_vec_zip2, tcg_vdesc(1, false, 0), a, b, d0,
                (const uint8_t[16]){ 0x04, 0x05, 0x14, 0x15, 0x06, 0x07, 0x16,
                                     0x17 });
    check_known(ctx, INDEX_op_vec_uzp2, tcg_vdesc(0, false, 0), a, b, d0,
                (const uint8_t[16]){ 0x01, 0x03, 0x05, 0x07, 0x11, 0x13, 0x15,
                                     0x17 });
    check_known(ctx, INDEX_op_vec_trn1, tcg_vdesc(2, true, 0), a, b, d0,
                (const uint8_t[16]){ 0x00, 0x01, 0x02, 0x03, 0x10, 0x11, 0x12,
                                     0x13, 0x08, 0x09, 0x0a, 0x0b, 0x18, 0x19,
                                     0x1a, 0x1b });
    check_known(ctx, INDEX_op_vec_ext, tcg_vdesc(0, true, 3), a, b, d0,
                (const uint8_t[16]){ 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09,
                                     0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10,
                                     0x11, 0x12 });
    check_known(ctx, INDEX_op_vec_ext, tcg_vdesc(0, false, 6), a, b, d0,
                (const uint8_t[16]){ 0x06, 0x07, 0x10, 0x11, 0x12, 0x13, 0x14,
                                     0x15 });
    check_known(ctx, INDEX_op_vec_rev, tcg_vdesc(0, true, 2), a, b, d0,
                (const uint8_t[16]){ 0x03, 0x02, 0x01, 0x00, 0x07, 0x06, 0x05,
                                     0x04, 0x0b, 0x0a, 0x09, 0x08, 0x0f, 0x0e,
                                     0x0d, 0x0c });
    /* Pairs of a then pairs of b: 0+1, 2+3, ... */
    check_known(ctx, INDEX_op_vec_addp, tcg_vdesc(0, false, 0), a, b, d0,
                (const uint8_t[16]){ 0x01, 0x05, 0x09, 0x0d, 0x21, 0x25, 0x29,
                                     0x2d });
    /* SHRN2 #4 of halfwords 0x0100, 0x0302, ...: high half, low half kept. */
    check_known(ctx, INDEX_op_vec_shrn, tcg_vdesc(0, true, 4), a, b, d0,
                (const uint8_t[16]){ 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6,
                                     0xa7, 0x10, 0x30, 0x50, 0x70, 0x90, 0xb0,
                                     0xd0, 0xf0 });
    {
        Vec idx = bytes_seq(0x0c);          /* 12..27: 16.. out of range */
        if (tcg_vec_supported(INDEX_op_vec_tbx, tcg_vdesc(0, true, 0))) {
            check_known(ctx, INDEX_op_vec_tbx, tcg_vdesc(0, true, 0), b, idx,
                        d0, (const uint8_t[16]){ 0x1c, 0x1d, 0x1e, 0x1f, 0xa4,
                                                 0xa5, 0xa6, 0xa7, 0xa8, 0xa9,
                                                 0xaa, 0xab, 0xac, 0xad, 0xae,
                                                 0xaf });
        }
    }
    {
        Vec x = { { 0x80, 0x7f, 0xff, 0x01 } }, y = { { 0x7f, 0x80, 0x01, 0xff } };
        /* Unsigned and signed orders differ on 0x80/0x7f and 0xff/0x01. */
        check_known(ctx, INDEX_op_vec_cmp, tcg_vdesc(0, false, TCG_COND_GTU),
                    x, y, d0, (const uint8_t[16]){ 0xff, 0x00, 0xff, 0x00 });
        check_known(ctx, INDEX_op_vec_cmp, tcg_vdesc(0, false, TCG_COND_GT),
                    x, y, d0, (const uint8_t[16]){ 0x00, 0xff, 0x00, 0xff });
    }
}

static void test_valid(void)
{
    /* A sample of ill-formed descriptors. */
    g_assert_false(tcg_vec_valid(INDEX_op_vec_shli, tcg_vdesc(0, true, 8)));
    g_assert_true(tcg_vec_valid(INDEX_op_vec_shli, tcg_vdesc(0, true, 7)));
    g_assert_false(tcg_vec_valid(INDEX_op_vec_mul, tcg_vdesc(3, true, 0)));
    g_assert_false(tcg_vec_valid(INDEX_op_vec_rev, tcg_vdesc(2, true, 2)));
    g_assert_false(tcg_vec_valid(INDEX_op_vec_zip1, tcg_vdesc(3, false, 0)));
    g_assert_true(tcg_vec_valid(INDEX_op_vec_zip1, tcg_vdesc(3, true, 0)));
    g_assert_false(tcg_vec_valid(INDEX_op_vec_ext, tcg_vdesc(0, false, 8)));
    g_assert_false(tcg_vec_valid(INDEX_op_vec_cmp, tcg_vdesc(0, true,
                                                             TCG_COND_ALWAYS)));
    g_assert_false(tcg_vec_valid(INDEX_op_add, tcg_vdesc(0, true, 0)));
    g_assert_false(tcg_vec_valid(INDEX_op_vec_add, 0x10000));
}

int main(int argc, char **argv)
{
    static const char *const backends[] = { "jit", "interp" };

    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vec/valid", test_valid);
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++) {
        char path[64];
        snprintf(path, sizeof(path), "/vec/%s/all", backends[i]);
        g_test_add_data_func(path, backends[i], test_backend);
        snprintf(path, sizeof(path), "/vec/%s/known", backends[i]);
        g_test_add_data_func(path, backends[i], test_known);
    }
#ifdef CONFIG_JIT_X86_64
    g_test_add_func("/vec/jit/host-features", test_x86_features);
#endif
    return g_test_run();
}
