/*
 * Scalar floating point with ARM semantics (see target/arm/fp-core.h).
 *
 * How the host is used, and where we correct it:
 *
 *  - The arithmetic itself (+ - * / sqrt fma, double->single, int->FP)
 *    is done by the host's IEEE-754 binary32/64 hardware, which gives the
 *    correctly rounded result in every IEEE rounding mode.  The host
 *    rounding mode is set from FPCR.RMode around the operation and put
 *    back to round-to-nearest afterwards; the host's exception flags give
 *    IOC/DZC/OFC/IXC (on x86-64 straight from MXCSR, elsewhere through
 *    <fenv.h>; see host_begin).  Operands and results go through volatile
 *    variables so the compiler cannot move the operation across the
 *    mode and flag accesses.
 *  - NaNs never reach the host: ARM's propagation order (first signalling
 *    NaN quietened, else first quiet NaN; for FMA the addend first and
 *    the "0 * inf + qNaN" invalid case), FPCR.DN and the positive default
 *    NaN are done here.  A NaN produced by the host from non-NaN operands
 *    (an invalid operation) becomes ARM's default NaN (0x7ff8.../
 *    0x7fc00000; x86 would give a negative one).
 *  - Underflow (UFC) is decided here, not by the host: ARM detects
 *    tininess before rounding.  When the rounded result is at most the
 *    smallest normal, the operation is repeated in round-towards-zero:
 *    the exact result is below 2^Emin iff that truncated result is.
 *    UFC = tiny && inexact.
 *  - FPCR.FZ: denormal inputs are replaced by a zero of the same sign and
 *    IDC is set; a tiny result (before rounding, as above) becomes a zero
 *    of its sign with UFC set and IXC not set, as FPRound does.
 *  - FMAX/FMIN/FMAXNM/FMINNM, compares, FRINT*, FP->integer conversions
 *    are done in software on exact values (no host flags involved).
 *  - Half precision: the operands widen exactly to double; the host
 *    computes in double rounding towards zero, and an inexact result gets
 *    its lowest bit set ("round to odd": 53 bits >= 11 + 2, so rounding
 *    that to half in software gives the correctly rounded result in every
 *    mode, and tininess before rounding is preserved).  The final
 *    rounding, overflow, underflow, FPCR.FZ16 (inputs flushed without IDC,
 *    tiny results flushed with UFC) and FPCR.AHP (conversions only) are
 *    done in software (h_round).  Half additions and products are exact
 *    in double, so FMA is a product plus one rounded addition.
 */
#include <fenv.h>
#include <math.h>
#include <string.h>

#include "target/arm/cpu.h"
#include "target/arm/fp-core.h"
#include "exec/exec-all.h"

#define HELPER_H "target/arm/helper-simd.h"
#include "tcg/helper-proto.h.inc"
#undef HELPER_H

/* ------------------------------------------------------------------ */
/* Bit-pattern classification                                          */

static inline uint64_t f_sign(bool d) { return d ? 1ull << 63 : 1ull << 31; }
static inline uint64_t f_exp(bool d)
{
    return d ? 0x7ff0000000000000ull : 0x7f800000ull;
}
static inline uint64_t f_frac(bool d)
{
    return d ? 0x000fffffffffffffull : 0x007fffffull;
}
static inline uint64_t f_quiet(bool d) { return d ? 1ull << 51 : 1ull << 22; }
static inline uint64_t f_min_normal(bool d)
{
    return d ? 0x0010000000000000ull : 0x00800000ull;
}
static inline uint64_t f_abs(uint64_t x, bool d) { return x & ~f_sign(d); }
static inline bool f_is_nan(uint64_t x, bool d)
{
    return (x & f_exp(d)) == f_exp(d) && (x & f_frac(d)) != 0;
}
static inline bool f_is_snan(uint64_t x, bool d)
{
    return f_is_nan(x, d) && !(x & f_quiet(d));
}
static inline bool f_is_qnan(uint64_t x, bool d)
{
    return f_is_nan(x, d) && (x & f_quiet(d));
}
static inline bool f_is_inf(uint64_t x, bool d)
{
    return f_abs(x, d) == f_exp(d);
}
static inline bool f_is_zero(uint64_t x, bool d) { return f_abs(x, d) == 0; }
static inline bool f_is_denormal(uint64_t x, bool d)
{
    return (x & f_exp(d)) == 0 && (x & f_frac(d)) != 0;
}
static inline uint64_t f_default_nan(bool d) { return f_exp(d) | f_quiet(d); }

static inline double f_to_double(uint64_t x, bool d)
{
    if (d) {
        double v;
        memcpy(&v, &x, 8);
        return v;
    } else {
        uint32_t w = (uint32_t)x;
        float v;
        memcpy(&v, &w, 4);
        return v;
    }
}

static inline uint64_t double_bits(double v)
{
    uint64_t x;
    memcpy(&x, &v, 8);
    return x;
}

static inline uint64_t float_bits(float v)
{
    uint32_t x;
    memcpy(&x, &v, 4);
    return x;
}

static inline float bits_float(uint64_t x)
{
    uint32_t w = (uint32_t)x;
    float v;
    memcpy(&v, &w, 4);
    return v;
}

static inline double bits_double(uint64_t x)
{
    double v;
    memcpy(&v, &x, 8);
    return v;
}

/* ------------------------------------------------------------------ */
/* Flags, flushing, NaNs                                               */

static inline void raise(CPUARMState *env, uint32_t flags)
{
    env->fpsr |= flags;
}

/* FPUnpack's flush of a denormal input under FPCR.FZ. */
static inline uint64_t flush_in(CPUARMState *env, uint64_t x, bool d)
{
    if ((env->fpcr & FPCR_FZ) && f_is_denormal(x, d)) {
        raise(env, FPSR_IDC);
        return x & f_sign(d);
    }
    return x;
}

/* FPProcessNaN: quieten (IOC for a signalling NaN), or the default NaN. */
static uint64_t process_nan(CPUARMState *env, uint64_t x, bool d)
{
    if (f_is_snan(x, d)) {
        raise(env, FPSR_IOC);
        x |= f_quiet(d);
    }
    if (env->fpcr & FPCR_DN) {
        return f_default_nan(d);
    }
    return x;
}

/* FPProcessNaNs: true (and *res) when an operand is a NaN. */
static bool process_nans2(CPUARMState *env, uint64_t a, uint64_t b, bool d,
                          uint64_t *res)
{
    if (f_is_snan(a, d)) {
        *res = process_nan(env, a, d);
    } else if (f_is_snan(b, d)) {
        *res = process_nan(env, b, d);
    } else if (f_is_nan(a, d)) {
        *res = process_nan(env, a, d);
    } else if (f_is_nan(b, d)) {
        *res = process_nan(env, b, d);
    } else {
        return false;
    }
    return true;
}

static bool process_nans3(CPUARMState *env, uint64_t a, uint64_t b,
                          uint64_t c, bool d, uint64_t *res)
{
    if (f_is_snan(a, d)) {
        *res = process_nan(env, a, d);
    } else if (f_is_snan(b, d)) {
        *res = process_nan(env, b, d);
    } else if (f_is_snan(c, d)) {
        *res = process_nan(env, c, d);
    } else if (f_is_nan(a, d)) {
        *res = process_nan(env, a, d);
    } else if (f_is_nan(b, d)) {
        *res = process_nan(env, b, d);
    } else if (f_is_nan(c, d)) {
        *res = process_nan(env, c, d);
    } else {
        return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The host's arithmetic under a given rounding mode                   */

enum { HOP_ADD, HOP_SUB, HOP_MUL, HOP_DIV, HOP_SQRT, HOP_FMA, HOP_D2S };

/*
 * host_begin/host_end bracket one host operation: the rounding mode is
 * FPCR's inside, round-to-nearest outside, and host_end returns exactly
 * the flags that operation raised (all host flags are cleared first).
 *
 * host_begin_acc is for callers that only OR the flags into FPSR: a host
 * flag whose FPSR bit is already set is left as it is, since seeing it
 * again changes nothing.  In the usual steady state (FPSR.IXC set, every
 * operation inexact) that means no write to the host's control register
 * at all.  Its host_end may then report flags that are already in FPSR;
 * a caller that needs this operation's own flags (underflow detection)
 * must redo it between host_begin and host_end.
 */
#if defined(__x86_64__)
/*
 * On x86-64 the compiler's float and double arithmetic is SSE, whose
 * state is MXCSR: flags IE (bit 0), DE, ZE, OE, UE, PE (bit 5); rounding
 * control in bits 14:13 (00 nearest, 01 down, 10 up, 11 towards zero).
 * stmxcsr/ldmxcsr are a few cycles; glibc's feclearexcept also rewrites
 * the x87 environment (fnstenv/fldenv), which costs far more than the
 * operation itself.
 */
#define MXCSR_IE 0x01u
#define MXCSR_ZE 0x04u
#define MXCSR_OE 0x08u
#define MXCSR_PE 0x20u
#define MXCSR_FLAGS 0x3fu
#define MXCSR_RC 0x6000u

/* FPCR.RMode (RN, RP, RM, RZ) -> MXCSR.RC */
static const uint32_t host_rc[4] = { 0u << 13, 2u << 13, 1u << 13, 3u << 13 };

static inline uint32_t mxcsr_get(void)
{
    uint32_t m;

    __asm__ volatile("stmxcsr %0" : "=m"(m) : : "memory");
    return m;
}

static inline void mxcsr_set(uint32_t m)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(m) : "memory");
}

static inline void host_begin_keep(int rmode, uint32_t keep)
{
    uint32_t m = mxcsr_get();
    uint32_t want = (m & ~(MXCSR_RC | (MXCSR_FLAGS & ~keep))) | host_rc[rmode];

    if (want != m) {
        mxcsr_set(want);
    }
}

static inline void host_begin(int rmode)
{
    host_begin_keep(rmode, 0);
}

static inline void host_begin_acc(CPUARMState *env, int rmode)
{
    uint32_t f = env->fpsr, keep = 0;

    if (f & FPSR_IOC) {
        keep |= MXCSR_IE;
    }
    if (f & FPSR_DZC) {
        keep |= MXCSR_ZE;
    }
    if (f & FPSR_OFC) {
        keep |= MXCSR_OE;
    }
    if (f & FPSR_IXC) {
        keep |= MXCSR_PE;
    }
    host_begin_keep(rmode, keep);
}

/* The host's flags as FPSR bits (UFC is decided by the caller). */
static inline uint32_t host_end(int rmode)
{
    uint32_t m = mxcsr_get();
    uint32_t f = 0;

    if (rmode != FPROUND_TIEEVEN) {
        mxcsr_set(m & ~MXCSR_RC);
    }
    if (m & MXCSR_IE) {
        f |= FPSR_IOC;
    }
    if (m & MXCSR_ZE) {
        f |= FPSR_DZC;
    }
    if (m & MXCSR_OE) {
        f |= FPSR_OFC;
    }
    if (m & MXCSR_PE) {
        f |= FPSR_IXC;
    }
    return f;
}
#else
/* Other hosts: C99's <fenv.h>. */
static const int host_rmode[4] = {
    FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO,
};

static inline void host_begin(int rmode)
{
    feclearexcept(FE_ALL_EXCEPT);
    if (rmode != FPROUND_TIEEVEN) {
        fesetround(host_rmode[rmode]);
    }
}

static inline void host_begin_acc(CPUARMState *env, int rmode)
{
    (void)env;
    host_begin(rmode);
}

/* The host's flags as FPSR bits (UFC is decided by the caller). */
static inline uint32_t host_end(int rmode)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    uint32_t f = 0;

    if (rmode != FPROUND_TIEEVEN) {
        fesetround(FE_TONEAREST);
    }
    if (e & FE_INVALID) {
        f |= FPSR_IOC;
    }
    if (e & FE_DIVBYZERO) {
        f |= FPSR_DZC;
    }
    if (e & FE_OVERFLOW) {
        f |= FPSR_OFC;
    }
    if (e & FE_INEXACT) {
        f |= FPSR_IXC;
    }
    return f;
}
#endif

/* One host operation on bit patterns; the result is in format d
 * (HOP_D2S: the operand is double, the result single). */
static uint64_t host_op(int hop, uint64_t a, uint64_t b, uint64_t c, bool d)
{
    if (hop == HOP_D2S) {
        volatile double va = bits_double(a);
        volatile float r = (float)va;
        return float_bits(r);
    }
    if (d) {
        volatile double va = bits_double(a), vb = bits_double(b);
        volatile double vc = bits_double(c);
        volatile double r;

        switch (hop) {
        case HOP_ADD: r = va + vb; break;
        case HOP_SUB: r = va - vb; break;
        case HOP_MUL: r = va * vb; break;
        case HOP_DIV: r = va / vb; break;
        case HOP_SQRT: r = sqrt(va); break;
        default: r = fma(vb, vc, va); break;
        }
        return double_bits(r);
    } else {
        volatile float va = bits_float(a), vb = bits_float(b);
        volatile float vc = bits_float(c);
        volatile float r;

        switch (hop) {
        case HOP_ADD: r = va + vb; break;
        case HOP_SUB: r = va - vb; break;
        case HOP_MUL: r = va * vb; break;
        case HOP_DIV: r = va / vb; break;
        case HOP_SQRT: r = sqrtf(va); break;
        default: r = fmaf(vb, vc, va); break;
        }
        return float_bits(r);
    }
}

/*
 * Run a host operation with NaN-free (and already flushed) operands and
 * give it ARM's result and flags (see the comment at the top).
 * d = the result's format.
 */
static uint64_t arith_rm(CPUARMState *env, int hop, uint64_t a, uint64_t b,
                         uint64_t c, bool d, int rm)
{
    uint64_t r;
    uint32_t fl;

    host_begin_acc(env, rm);
    r = host_op(hop, a, b, c, d);
    fl = host_end(rm);

    if (f_is_nan(r, d)) {
        r = f_default_nan(d);           /* invalid operation */
    } else if (f_abs(r, d) <= f_min_normal(d)) {
        bool inexact, tiny;

        /* This operation's own flags, not those accumulated before. */
        host_begin(rm);
        r = host_op(hop, a, b, c, d);
        fl = host_end(rm);
        inexact = fl & FPSR_IXC;

        if (!inexact) {
            tiny = !f_is_zero(r, d) && f_abs(r, d) < f_min_normal(d);
        } else {
            uint64_t rz;

            host_begin(FPROUND_ZERO);
            rz = host_op(hop, a, b, c, d);
            host_end(FPROUND_ZERO);
            tiny = f_abs(rz, d) < f_min_normal(d);
        }
        if (tiny && (env->fpcr & FPCR_FZ)) {
            r &= f_sign(d);
            fl = (fl & ~FPSR_IXC) | FPSR_UFC;
        } else if (tiny && inexact) {
            fl |= FPSR_UFC;
        }
    }
    raise(env, fl);
    return r;
}

static uint64_t arith(CPUARMState *env, int hop, uint64_t a, uint64_t b,
                      uint64_t c, bool d)
{
    return arith_rm(env, hop, a, b, c, d, fpcr_rmode(env));
}

/* ------------------------------------------------------------------ */
/* Half precision                                                      */

#define H_SIGN 0x8000u
#define H_EXP 0x7c00u
#define H_FRAC 0x03ffu
#define H_QUIET 0x0200u
#define H_DEFAULT_NAN 0x7e00u

static inline bool h_is_nan(uint64_t x)
{
    return (x & H_EXP) == H_EXP && (x & H_FRAC);
}
static inline bool h_is_snan(uint64_t x) { return h_is_nan(x) && !(x & H_QUIET); }
static inline bool h_is_qnan(uint64_t x) { return h_is_nan(x) && (x & H_QUIET); }
static inline bool h_is_inf(uint64_t x) { return (x & 0x7fff) == H_EXP; }
static inline bool h_is_zero(uint64_t x) { return (x & 0x7fff) == 0; }

/* The value of a half (no NaN; inf ok), exact; ahp: exponent 31 normal. */
static double h_value(uint64_t x, bool ahp)
{
    int e = (int)((x >> 10) & 31), f = (int)(x & H_FRAC);
    double v;

    if (e == 31 && !ahp) {
        v = INFINITY;
    } else if (e == 0) {
        v = ldexp(f, -24);
    } else {
        v = ldexp(f | 0x400, e - 25);
    }
    return (x & H_SIGN) ? -v : v;
}

static inline uint64_t h_flush_in(CPUARMState *env, uint64_t x)
{
    /* FPUnpack: FZ16 flushes half denormals without setting IDC. */
    if ((env->fpcr & FPCR_FZ16) && (x & H_EXP) == 0) {
        return x & H_SIGN;
    }
    return x;
}

static uint64_t h_process_nan(CPUARMState *env, uint64_t x)
{
    if (h_is_snan(x)) {
        raise(env, FPSR_IOC);
        x |= H_QUIET;
    }
    return (env->fpcr & FPCR_DN) ? H_DEFAULT_NAN : x;
}

static bool h_process_nans(CPUARMState *env, const uint64_t *ops, int n,
                           uint64_t *res)
{
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++) {
            if (pass ? h_is_nan(ops[i]) : h_is_snan(ops[i])) {
                *res = h_process_nan(env, ops[i]);
                return true;
            }
        }
    }
    return false;
}

/*
 * FPRound to half of v (finite or infinite, not NaN), which is exact or
 * rounded to odd.  fz: FPCR.FZ16 applies; ahp: the alternative format
 * (no infinities: overflow saturates with IOC).
 */
static uint64_t h_round(CPUARMState *env, double v, int rmode, bool fz,
                        bool ahp)
{
    uint64_t sign = signbit(v) ? H_SIGN : 0;
    double x = fabs(v), m, mi, frac;
    int e, q, emax = ahp ? 16 : 15;
    bool up;

    if (x == 0) {
        return sign;
    }
    if (isinf(x)) {
        if (ahp) {
            raise(env, FPSR_IOC);
            return sign | 0x7fff;
        }
        return sign | H_EXP;
    }
    frexp(x, &e);
    e -= 1;                             /* x in [2^e, 2^(e+1)) */
    if (e < -14 && fz) {
        raise(env, FPSR_UFC);
        return sign;
    }
    q = (e < -14 ? -14 : e) - 10;       /* the quantum is 2^q */
    m = ldexp(x, -q);
    mi = floor(m);
    frac = m - mi;
    switch (rmode) {
    case FPROUND_TIEEVEN:
        up = frac > 0.5 || (frac == 0.5 && fmod(mi, 2.0) != 0);
        break;
    case FPROUND_TIEAWAY:
        up = frac >= 0.5;
        break;
    case FPROUND_POSINF:
        up = frac > 0 && !sign;
        break;
    case FPROUND_NEGINF:
        up = frac > 0 && sign;
        break;
    default:
        up = false;
        break;
    }
    if (up) {
        mi += 1;
    }
    if (mi >= 2048) {
        mi /= 2;
        q++;
    }
    if (mi >= 1024 && q + 10 > emax) {
        if (ahp) {
            raise(env, FPSR_IOC);
            return sign | 0x7fff;
        }
        raise(env, FPSR_OFC | FPSR_IXC);
        if (rmode == FPROUND_TIEEVEN || rmode == FPROUND_TIEAWAY ||
            (rmode == FPROUND_POSINF && !sign) ||
            (rmode == FPROUND_NEGINF && sign)) {
            return sign | H_EXP;
        }
        return sign | 0x7bff;
    }
    if (frac != 0) {
        raise(env, e < -14 ? FPSR_IXC | FPSR_UFC : FPSR_IXC);
    }
    if (mi >= 1024) {
        return sign | (uint64_t)(q + 25) << 10 | ((uint64_t)mi - 1024);
    }
    return sign | (uint64_t)mi;
}

static double h_host_op(int hop, double a, double b, double c)
{
    volatile double va = a, vb = b, vc = c, r;

    switch (hop) {
    case HOP_ADD: r = va + vb; break;
    case HOP_SUB: r = va - vb; break;
    case HOP_MUL: r = va * vb; break;
    case HOP_DIV: r = va / vb; break;
    case HOP_SQRT: r = sqrt(va); break;
    default: {                  /* FMA: b * c is exact in double */
        volatile double p = vb * vc;
        r = va + p;
        break;
    }
    }
    return r;
}

/*
 * Host double operation in round-towards-zero, then rounded to odd.  An
 * exact zero sum takes its sign from the FPCR rounding mode (-0 when
 * rounding down), so that case is redone in that mode.
 */
static double h_host(CPUARMState *env, int hop, double a, double b, double c)
{
    int rm = fpcr_rmode(env);
    uint32_t fl;
    uint64_t bits;
    double r;

    host_begin(FPROUND_ZERO);
    r = h_host_op(hop, a, b, c);
    fl = host_end(FPROUND_ZERO);
    if (r == 0 && !(fl & FPSR_IXC) && rm != FPROUND_ZERO) {
        host_begin(rm);
        r = h_host_op(hop, a, b, c);
        host_end(rm);
    }
    raise(env, fl & (FPSR_IOC | FPSR_DZC));
    bits = double_bits(r);
    if ((fl & FPSR_IXC) && !isnan(r)) {
        bits |= 1;
    }
    return bits_double(bits);
}

static uint64_t h_arith(CPUARMState *env, int hop, uint64_t a, uint64_t b,
                        uint64_t c)
{
    double r = h_host(env, hop, h_value(a, false), h_value(b, false),
                      h_value(c, false));

    if (isnan(r)) {
        return H_DEFAULT_NAN;           /* invalid operation (IOC raised) */
    }
    return h_round(env, r, fpcr_rmode(env), env->fpcr & FPCR_FZ16, false);
}

static uint64_t h_minmax(CPUARMState *env, uint64_t a, uint64_t b,
                         bool is_max, bool num)
{
    uint64_t res, ops[2];
    double va, vb;

    a = h_flush_in(env, a);
    b = h_flush_in(env, b);
    if (num) {
        uint64_t loser = is_max ? (H_SIGN | H_EXP) : H_EXP;

        if (h_is_qnan(a) && !h_is_nan(b)) {
            a = loser;
        } else if (h_is_qnan(b) && !h_is_nan(a)) {
            b = loser;
        }
    }
    ops[0] = a;
    ops[1] = b;
    if (h_process_nans(env, ops, 2, &res)) {
        return res;
    }
    if (h_is_zero(a) && h_is_zero(b)) {
        return is_max ? (a & b) : (a | b);
    }
    va = h_value(a, false);
    vb = h_value(b, false);
    return is_max ? (va > vb ? a : b) : (va < vb ? a : b);
}

static uint64_t h_binop(CPUARMState *env, int op, uint64_t a, uint64_t b)
{
    uint64_t res, ops[2];

    switch (op) {
    case FPOP_MAX: return h_minmax(env, a, b, true, false);
    case FPOP_MIN: return h_minmax(env, a, b, false, false);
    case FPOP_MAXNM: return h_minmax(env, a, b, true, true);
    case FPOP_MINNM: return h_minmax(env, a, b, false, true);
    case FPOP_NMUL: return h_binop(env, FPOP_MUL, a, b) ^ H_SIGN;
    case FPOP_ABD: return h_binop(env, FPOP_SUB, a, b) & ~(uint64_t)H_SIGN;
    }
    ops[0] = a = h_flush_in(env, a);
    ops[1] = b = h_flush_in(env, b);
    if (h_process_nans(env, ops, 2, &res)) {
        return res;
    }
    switch (op) {
    case FPOP_MULX:
        if ((h_is_inf(a) && h_is_zero(b)) || (h_is_zero(a) && h_is_inf(b))) {
            return ((a ^ b) & H_SIGN) | 0x4000;
        }
        return h_arith(env, HOP_MUL, a, b, 0);
    case FPOP_MUL: return h_arith(env, HOP_MUL, a, b, 0);
    case FPOP_DIV: return h_arith(env, HOP_DIV, a, b, 0);
    case FPOP_ADD: return h_arith(env, HOP_ADD, a, b, 0);
    default: return h_arith(env, HOP_SUB, a, b, 0);
    }
}

static uint64_t h_muladd(CPUARMState *env, uint64_t addend, uint64_t n,
                         uint64_t m)
{
    uint64_t res, ops[3];
    bool inf_times_zero;

    ops[0] = addend = h_flush_in(env, addend);
    ops[1] = n = h_flush_in(env, n);
    ops[2] = m = h_flush_in(env, m);
    inf_times_zero = (h_is_inf(n) && h_is_zero(m)) ||
                     (h_is_zero(n) && h_is_inf(m));
    if (h_process_nans(env, ops, 3, &res)) {
        if (h_is_qnan(addend) && inf_times_zero) {
            raise(env, FPSR_IOC);
            return H_DEFAULT_NAN;
        }
        return res;
    }
    return h_arith(env, HOP_FMA, addend, n, m);
}

static uint64_t h_sqrt(CPUARMState *env, uint64_t a)
{
    a = h_flush_in(env, a);
    if (h_is_nan(a)) {
        return h_process_nan(env, a);
    }
    return h_arith(env, HOP_SQRT, a, 0, 0);
}

/* ------------------------------------------------------------------ */
/* The operations                                                      */

static uint64_t minmax(CPUARMState *env, uint64_t a, uint64_t b, bool d,
                       bool is_max, bool num)
{
    uint64_t res;
    double va, vb;

    a = flush_in(env, a, d);
    b = flush_in(env, b, d);
    if (num) {
        /* FPMaxNum/FPMinNum: one quiet NaN loses against a number. */
        uint64_t loser = is_max ? (f_sign(d) | f_exp(d)) : f_exp(d);

        if (f_is_qnan(a, d) && !f_is_nan(b, d)) {
            a = loser;
        } else if (f_is_qnan(b, d) && !f_is_nan(a, d)) {
            b = loser;
        }
    }
    if (process_nans2(env, a, b, d, &res)) {
        return res;
    }
    if (f_is_zero(a, d) && f_is_zero(b, d)) {
        /* max(+0, -0) = +0, min(+0, -0) = -0 */
        return is_max ? (a & b) : (a | b);
    }
    va = f_to_double(a, d);
    vb = f_to_double(b, d);
    if (is_max) {
        return va > vb ? a : b;
    }
    return va < vb ? a : b;
}

/* ------------------------------------------------------------------ */
/* The fast path: the host's result without looking at its flags       */

/*
 * When FPSR.IXC is already set, FPCR rounds to nearest and every operand
 * is zero or normal, the host's round-to-nearest result of + - * / sqrt
 * and fused multiply-add is ARM's, and so are the flags, provided the
 * result is finite and either above the smallest normal or an exact
 * zero: the operation cannot then be invalid, divide by zero, overflow
 * or underflow, and inexact is already recorded.  NaN handling, FPCR.DN
 * and FPCR.FZ (denormal inputs, tiny results) do not arise.  Anything
 * else returns false and takes the full path (arith_rm), which gives the
 * same answer more slowly; the host is in round-to-nearest outside
 * host_begin/host_end.  QEMU's "hardfloat" rests on the same argument.
 */
static inline bool f_fast_operand(uint64_t x, bool d)
{
    uint64_t e = x & f_exp(d);

    return e ? e != f_exp(d) : f_abs(x, d) == 0;
}

static inline bool fast_ok(CPUARMState *env)
{
    return (env->fpsr & FPSR_IXC) && fpcr_rmode(env) == FPROUND_TIEEVEN;
}

/*
 * Is r a result the fast path may return?  zero_exact: a zero result is
 * exact (not a tiny value rounded to zero).
 */
static inline bool fast_result(uint64_t r, bool d, bool zero_exact)
{
    uint64_t ar = f_abs(r, d);

    if (ar <= f_min_normal(d)) {
        return ar == 0 && zero_exact;
    }
    return (r & f_exp(d)) != f_exp(d);
}

static bool fast_binop(CPUARMState *env, int op, uint64_t a, uint64_t b,
                       bool d, uint64_t *res)
{
    bool za, zb, zero_exact;
    uint64_t r;

    if (!fast_ok(env) || !f_fast_operand(a, d) || !f_fast_operand(b, d)) {
        return false;
    }
    za = f_is_zero(a, d);
    zb = f_is_zero(b, d);
    switch (op) {
    case FPOP_ADD:
    case FPOP_SUB:
        /* A sum of normals that is tiny is exact: a zero is exact. */
        zero_exact = true;
        break;
    case FPOP_MUL:
    case FPOP_MULX:                 /* no infinities: FMULX is FMUL */
        zero_exact = za || zb;
        break;
    case FPOP_DIV:
        if (zb) {
            return false;           /* DZC or IOC */
        }
        zero_exact = za;
        break;
    default:
        return false;
    }
    if (d) {
        double x = bits_double(a), y = bits_double(b), z;

        switch (op) {
        case FPOP_ADD: z = x + y; break;
        case FPOP_SUB: z = x - y; break;
        case FPOP_DIV: z = x / y; break;
        default: z = x * y; break;
        }
        r = double_bits(z);
    } else {
        float x = bits_float(a), y = bits_float(b), z;

        switch (op) {
        case FPOP_ADD: z = x + y; break;
        case FPOP_SUB: z = x - y; break;
        case FPOP_DIV: z = x / y; break;
        default: z = x * y; break;
        }
        r = float_bits(z);
    }
    if (!fast_result(r, d, zero_exact)) {
        return false;
    }
    *res = r;
    return true;
}

static bool fast_muladd(CPUARMState *env, uint64_t addend, uint64_t n,
                        uint64_t m, bool d, uint64_t *res)
{
    bool zero_exact;
    uint64_t r;

    if (!fast_ok(env) || !f_fast_operand(addend, d) ||
        !f_fast_operand(n, d) || !f_fast_operand(m, d)) {
        return false;
    }
    /* A zero product leaves addend + 0: exact. */
    zero_exact = f_is_zero(n, d) || f_is_zero(m, d);
    if (d) {
        r = double_bits(fma(bits_double(n), bits_double(m),
                            bits_double(addend)));
    } else {
        r = float_bits(fmaf(bits_float(n), bits_float(m),
                            bits_float(addend)));
    }
    if (!fast_result(r, d, zero_exact)) {
        return false;
    }
    *res = r;
    return true;
}

uint64_t fpc_binop(CPUARMState *env, int op, uint64_t a, uint64_t b, int d)
{
    uint64_t res;

    if (d == FPF_H) {
        return h_binop(env, op, a, b);
    }
    switch (op) {
    case FPOP_MAX:
        return minmax(env, a, b, d, true, false);
    case FPOP_MIN:
        return minmax(env, a, b, d, false, false);
    case FPOP_MAXNM:
        return minmax(env, a, b, d, true, true);
    case FPOP_MINNM:
        return minmax(env, a, b, d, false, true);
    case FPOP_NMUL:
        /* FPNeg(FPMul()): a NaN result's sign flips too. */
        return fpc_binop(env, FPOP_MUL, a, b, d) ^ f_sign(d);
    case FPOP_ABD:
        return fpc_binop(env, FPOP_SUB, a, b, d) & ~f_sign(d);
    }
    if (fast_binop(env, op, a, b, d, &res)) {
        return res;
    }

    a = flush_in(env, a, d);
    b = flush_in(env, b, d);
    if (process_nans2(env, a, b, d, &res)) {
        return res;
    }
    switch (op) {
    case FPOP_MULX:
        if ((f_is_inf(a, d) && f_is_zero(b, d))
            || (f_is_zero(a, d) && f_is_inf(b, d))) {
            /* FMULX: 0 * inf = 2.0 with the product's sign */
            return ((a ^ b) & f_sign(d))
                   | (d ? 0x4000000000000000ull : 0x40000000ull);
        }
        return arith(env, HOP_MUL, a, b, 0, d);
    case FPOP_MUL:
        return arith(env, HOP_MUL, a, b, 0, d);
    case FPOP_DIV:
        return arith(env, HOP_DIV, a, b, 0, d);
    case FPOP_ADD:
        return arith(env, HOP_ADD, a, b, 0, d);
    default:
        return arith(env, HOP_SUB, a, b, 0, d);
    }
}

uint64_t fpc_muladd(CPUARMState *env, uint64_t addend, uint64_t n,
                    uint64_t m, int d)
{
    uint64_t res;
    bool inf_times_zero;

    if (d == FPF_H) {
        return h_muladd(env, addend, n, m);
    }
    if (fast_muladd(env, addend, n, m, d, &res)) {
        return res;
    }
    addend = flush_in(env, addend, d);
    n = flush_in(env, n, d);
    m = flush_in(env, m, d);
    inf_times_zero = (f_is_inf(n, d) && f_is_zero(m, d))
                     || (f_is_zero(n, d) && f_is_inf(m, d));
    if (process_nans3(env, addend, n, m, d, &res)) {
        if (f_is_qnan(addend, d) && inf_times_zero) {
            raise(env, FPSR_IOC);
            return f_default_nan(d);
        }
        return res;
    }
    return arith(env, HOP_FMA, addend, n, m, d);
}

uint64_t fpc_sqrt(CPUARMState *env, uint64_t a, int d)
{
    if (d == FPF_H) {
        return h_sqrt(env, a);
    }
    if (fast_ok(env) && f_fast_operand(a, d) && !(a & f_sign(d))) {
        /* A positive normal's root is normal; sqrt(+0) = +0. */
        return d ? double_bits(sqrt(bits_double(a)))
                 : float_bits(sqrtf(bits_float(a)));
    }
    a = flush_in(env, a, d);
    if (f_is_nan(a, d)) {
        return process_nan(env, a, d);
    }
    return arith(env, HOP_SQRT, a, 0, 0, d);
}

/* Round an exact value to an integral value (no flags). */
static double round_exact(double v, int rmode)
{
    switch (rmode) {
    case FPROUND_POSINF:
        return ceil(v);
    case FPROUND_NEGINF:
        return floor(v);
    case FPROUND_ZERO:
        return trunc(v);
    case FPROUND_TIEAWAY:
        return round(v);
    default:
        /* The host runs in round-to-nearest-even outside arith(). */
        return nearbyint(v);
    }
}

uint64_t fpc_round_int(CPUARMState *env, uint64_t a, int d, int rmode,
                       bool exact)
{
    double v, r;

    if (d == FPF_H) {
        a = h_flush_in(env, a);
        if (h_is_nan(a)) {
            return h_process_nan(env, a);
        }
        if (h_is_inf(a) || h_is_zero(a)) {
            return a;
        }
        v = h_value(a, false);
        r = round_exact(v, rmode);
        if (exact && r != v) {
            raise(env, FPSR_IXC);
        }
        return h_round(env, r, FPROUND_ZERO, false, false);     /* exact */
    }

    a = flush_in(env, a, d);
    if (f_is_nan(a, d)) {
        return process_nan(env, a, d);
    }
    if (f_is_inf(a, d) || f_is_zero(a, d)) {
        return a;
    }
    v = f_to_double(a, d);
    r = round_exact(v, rmode);
    if (exact && r != v) {
        raise(env, FPSR_IXC);
    }
    /* Integral values of the source format fit it exactly; a zero keeps
     * the operand's sign (the C functions do that too). */
    return d ? double_bits(r) : float_bits((float)r);
}

uint64_t fpc_convert(CPUARMState *env, uint64_t a, bool from_d)
{
    bool to_d = !from_d;

    a = flush_in(env, a, from_d);
    if (f_is_nan(a, from_d)) {
        uint64_t r;

        if (f_is_snan(a, from_d)) {
            raise(env, FPSR_IOC);
        }
        if (env->fpcr & FPCR_DN) {
            return f_default_nan(to_d);
        }
        /* FPConvertNaN: sign, quiet bit, the top fraction bits. */
        if (from_d) {
            r = ((a >> 32) & 0x80000000u) | 0x7fc00000u
                | ((a >> 29) & 0x003fffffu);
        } else {
            r = ((a & 0x80000000ull) << 32) | 0x7ff8000000000000ull
                | ((a & 0x003fffffull) << 29);
        }
        return r;
    }
    if (from_d) {
        return arith(env, HOP_D2S, a, 0, 0, false);
    }
    return double_bits((double)bits_float(a));       /* exact */
}

/* Flush (and classify) the operands of a compare: true if unordered. */
static bool cmp_operands(CPUARMState *env, uint64_t *a, uint64_t *b, int d,
                         bool signal_qnan, double *va, double *vb)
{
    if (d != FPF_H) {
        *a = flush_in(env, *a, d);
        *b = flush_in(env, *b, d);
        if (f_is_nan(*a, d) || f_is_nan(*b, d)) {
            if (signal_qnan || f_is_snan(*a, d) || f_is_snan(*b, d)) {
                raise(env, FPSR_IOC);
            }
            return true;
        }
        *va = f_to_double(*a, d);
        *vb = f_to_double(*b, d);
        return false;
    }
    *a = h_flush_in(env, *a);
    *b = h_flush_in(env, *b);
    if (h_is_nan(*a) || h_is_nan(*b)) {
        if (signal_qnan || h_is_snan(*a) || h_is_snan(*b)) {
            raise(env, FPSR_IOC);
        }
        return true;
    }
    *va = h_value(*a, false);
    *vb = h_value(*b, false);
    return false;
}

uint64_t fpc_convert_fmt(CPUARMState *env, uint64_t a, int from, int to)
{
    bool ahp = env->fpcr & FPCR_AHP;

    if (from != FPF_H && to != FPF_H) {
        return fpc_convert(env, a, from == FPF_D);
    }
    if (from == FPF_H) {
        double v;

        if (!ahp && h_is_nan(a)) {
            if (h_is_snan(a)) {
                raise(env, FPSR_IOC);
            }
            if (env->fpcr & FPCR_DN) {
                return f_default_nan(to == FPF_D);
            }
            if (to == FPF_D) {
                return (a & H_SIGN) << 48 | 0x7ff8000000000000ull |
                       (a & H_FRAC) << 42;
            }
            return (a & H_SIGN) << 16 | 0x7fc00000u | (a & H_FRAC) << 13;
        }
        v = h_value(a, ahp);            /* exact in either format */
        return to == FPF_D ? double_bits(v) : float_bits((float)v);
    }
    /* single/double -> half */
    a = flush_in(env, a, from == FPF_D);
    if (f_is_nan(a, from == FPF_D)) {
        uint64_t sign = from == FPF_D ? (a >> 48) & H_SIGN : (a >> 16) & H_SIGN;

        if (ahp) {
            raise(env, FPSR_IOC);
            return sign;
        }
        if (f_is_snan(a, from == FPF_D)) {
            raise(env, FPSR_IOC);
        }
        if (env->fpcr & FPCR_DN) {
            return H_DEFAULT_NAN;
        }
        return sign | H_DEFAULT_NAN |
               ((a >> (from == FPF_D ? 42 : 13)) & 0x1ff);
    }
    return h_round(env, f_to_double(a, from == FPF_D), fpcr_rmode(env),
                   false, ahp);
}

unsigned fpc_compare(CPUARMState *env, uint64_t a, uint64_t b, int d,
                     bool signal_all)
{
    double va, vb;

    if (d == FPF_H) {
        if (cmp_operands(env, &a, &b, d, signal_all, &va, &vb)) {
            return 0x3;
        }
        return va == vb ? 0x6 : va < vb ? 0x8 : 0x2;
    }

    a = flush_in(env, a, d);
    b = flush_in(env, b, d);
    if (f_is_nan(a, d) || f_is_nan(b, d)) {
        if (signal_all || f_is_snan(a, d) || f_is_snan(b, d)) {
            raise(env, FPSR_IOC);
        }
        return 0x3;                     /* unordered: C and V */
    }
    va = f_to_double(a, d);
    vb = f_to_double(b, d);
    if (va == vb) {
        return 0x6;                     /* Z and C */
    }
    return va < vb ? 0x8 : 0x2;         /* N, or C */
}

bool fpc_compare_cond(CPUARMState *env, uint64_t a, uint64_t b, int d,
                      int cond)
{
    double va, vb;

    /* FPCompareEQ signals only on signalling NaNs, GE/GT on all. */
    if (cmp_operands(env, &a, &b, d, cond != 0, &va, &vb)) {
        return false;
    }
    switch (cond) {
    case 0:
        return va == vb;
    case 1:
        return va >= vb;
    default:
        return va > vb;
    }
}

uint64_t fpc_to_int_w(CPUARMState *env, uint64_t a, int d, int rmode,
                      int fbits, int width, bool uns)
{
    double v, r, lim;
    uint64_t res, mask = width == 64 ? ~0ull : (1ull << width) - 1;

    if (d == FPF_H) {
        a = h_flush_in(env, a);
        if (h_is_nan(a)) {
            raise(env, FPSR_IOC);
            return 0;
        }
        v = ldexp(h_value(a, false), fbits);
    } else {
        a = flush_in(env, a, d);
        if (f_is_nan(a, d)) {
            raise(env, FPSR_IOC);
            return 0;
        }
        /* Exact: a single widens exactly, scaling by 2^fbits is exact (or
         * overflows to infinity, which saturates below as it should). */
        v = ldexp(f_to_double(a, d), fbits);
    }
    r = round_exact(v, rmode);
    if (uns) {
        lim = ldexp(1.0, width);
        if (r >= lim) {
            raise(env, FPSR_IOC);
            return mask;
        }
        if (r < 0) {
            raise(env, FPSR_IOC);
            return 0;
        }
        res = (uint64_t)r;
    } else {
        lim = ldexp(1.0, width - 1);
        if (r >= lim) {
            raise(env, FPSR_IOC);
            return mask >> 1;
        }
        if (r < -lim) {
            raise(env, FPSR_IOC);
            return (mask >> 1) + 1;
        }
        res = (uint64_t)(int64_t)r & mask;
    }
    if (r != v) {
        raise(env, FPSR_IXC);
    }
    return res;
}

uint64_t fpc_to_int(CPUARMState *env, uint64_t a, int d, int rmode,
                    int fbits, bool is64, bool uns)
{
    return fpc_to_int_w(env, a, d, rmode, fbits, is64 ? 64 : 32, uns);
}

uint64_t fpc_from_int(CPUARMState *env, uint64_t v, int d, int fbits,
                      bool uns)
{
    int rm = fpcr_rmode(env);
    uint64_t r;

    if (d == FPF_H) {
        /* To double rounding towards zero, then to odd, then to half. */
        volatile double x;
        uint64_t bits;

        host_begin(FPROUND_ZERO);
        x = uns ? (double)v : (double)(int64_t)v;
        bits = double_bits(x);
        if (host_end(FPROUND_ZERO) & FPSR_IXC) {
            bits |= 1;
        }
        return h_round(env, ldexp(bits_double(bits), -fbits), rm,
                       env->fpcr & FPCR_FZ16, false);
    }

    /*
     * One rounding by the host's conversion (cvtsi2sd/ss honour the
     * rounding mode; the compiler's unsigned 64-bit sequence keeps a
     * sticky bit, so it rounds correctly in every mode).  Dividing by
     * 2^fbits (<= 64) afterwards is exact: the result stays normal.
     */
    host_begin_acc(env, rm);
    if (d) {
        volatile double x = uns ? (double)v : (double)(int64_t)v;
        r = double_bits(fbits ? ldexp(x, -fbits) : x);
    } else {
        volatile float x = uns ? (float)v : (float)(int64_t)v;
        r = float_bits(fbits ? ldexpf(x, -fbits) : x);
    }
    raise(env, host_end(rm) & FPSR_IXC);
    return r;
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static inline CPUARMState *arm_env(CPUArchState *env)
{
    return (CPUARMState *)env;
}

/* The format of a helper's desc: bit 3 = half, else bit 0 = double. */
static inline int dfmt(uint32_t desc)
{
    return desc & 8 ? FPF_H : (int)(desc & 1);
}

uint64_t helper_fp_binop(CPUArchState *env, uint64_t a, uint64_t b,
                         uint32_t desc)
{
    return fpc_binop(arm_env(env), (desc >> 4) & 0xf, a, b, dfmt(desc));
}

uint64_t helper_fp_muladd(CPUArchState *env, uint64_t addend, uint64_t n,
                          uint64_t m, uint32_t desc)
{
    return fpc_muladd(arm_env(env), addend, n, m, dfmt(desc));
}

uint64_t helper_fp_unop(CPUArchState *env, uint64_t a, uint32_t desc)
{
    int d = dfmt(desc);

    switch ((desc >> 4) & 0xf) {
    case 0:
        return fpc_sqrt(arm_env(env), a, d);
    case 1: {
        int rmode = (desc >> 8) & 7;    /* 7: FPCR.RMode */
        return fpc_round_int(arm_env(env), a, d,
                             rmode == 7 ? fpcr_rmode(arm_env(env)) : rmode,
                             (desc >> 11) & 1);
    }
    case 2:
        return fpc_convert(arm_env(env), a, d);
    case 4: {
        int rmode = (desc >> 8) & 7;
        return fpc_round_int_n(arm_env(env), a, d,
                               rmode == 7 ? fpcr_rmode(arm_env(env)) : rmode,
                               (desc >> 11) & 1 ? 64 : 32);
    }
    default:
        return fpc_convert_fmt(arm_env(env), a, (desc >> 8) & 3,
                               (desc >> 12) & 3);
    }
}

uint64_t helper_fp_compare(CPUArchState *env, uint64_t a, uint64_t b,
                           uint32_t desc)
{
    return fpc_compare(arm_env(env), a, b, dfmt(desc), (desc >> 1) & 1);
}

uint64_t helper_fp_to_int(CPUArchState *env, uint64_t a, uint32_t desc)
{
    return fpc_to_int(arm_env(env), a, dfmt(desc), (desc >> 4) & 7,
                      (desc >> 8) & 0x7f, (desc >> 1) & 1, (desc >> 2) & 1);
}

uint64_t helper_int_to_fp(CPUArchState *env, uint64_t v, uint32_t desc)
{
    return fpc_from_int(arm_env(env), v, dfmt(desc), (desc >> 8) & 0x7f,
                        (desc >> 2) & 1);
}

/* ------------------------------------------------------------------ */
/* Estimates and steps (FRECPE, FRSQRTE, FRECPX, FRECPS, FRSQRTS),     */
/* FRINT32/64, FJCVTZS, FCVTXN                                         */

/* Field widths of a format. */
static void fmt_fields(int fmt, int *e, int *f)
{
    *e = fmt == FPF_H ? 5 : fmt == FPF_D ? 11 : 8;
    *f = fmt == FPF_H ? 10 : fmt == FPF_D ? 52 : 23;
}

static bool any_is_nan(uint64_t x, int fmt)
{
    return fmt == FPF_H ? h_is_nan(x) : f_is_nan(x, fmt);
}

static uint64_t any_process_nan(CPUARMState *env, uint64_t x, int fmt)
{
    return fmt == FPF_H ? h_process_nan(env, x) : process_nan(env, x, fmt);
}

/* FPUnpack's input flush (FZ with IDC, FZ16 without). */
static uint64_t any_flush_in(CPUARMState *env, uint64_t x, int fmt)
{
    return fmt == FPF_H ? h_flush_in(env, x) : flush_in(env, x, fmt);
}

/* RecipEstimate of the ARM ARM: a in [256, 512) -> [256, 512). */
static unsigned recip_estimate(unsigned a)
{
    unsigned b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* RecipSqrtEstimate: a in [128, 512) -> [256, 512). */
static unsigned rsqrt_estimate(unsigned a)
{
    uint64_t b = 512;

    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28)) {
        b++;
    }
    return (unsigned)((b + 1) / 2);
}

uint64_t fpc_recip_estimate(CPUARMState *env, uint64_t a, int fmt)
{
    int ew, fw;
    uint64_t sign, frac, exp, res_exp;
    int64_t e, rexp;
    unsigned est;
    double v;

    fmt_fields(fmt, &ew, &fw);
    sign = a & (1ull << (ew + fw));
    a = any_flush_in(env, a, fmt);
    if (any_is_nan(a, fmt)) {
        return any_process_nan(env, a, fmt);
    }
    exp = (a >> fw) & ((1u << ew) - 1);
    frac = a & ((1ull << fw) - 1);
    if (exp == (1u << ew) - 1) {                /* infinity */
        return sign;
    }
    if (exp == 0 && frac == 0) {                /* zero */
        raise(env, FPSR_DZC);
        return sign | (uint64_t)((1u << ew) - 1) << fw;
    }
    v = fmt == FPF_H ? h_value(a, false) : f_to_double(a, fmt);
    if (fabs(v) < ldexp(1.0, fmt == FPF_H ? -16 : fmt == FPF_D ? -1024 : -128)) {
        int rm = fpcr_rmode(env);
        bool to_inf = rm == FPROUND_TIEEVEN || (rm == FPROUND_POSINF && !sign) ||
                      (rm == FPROUND_NEGINF && sign);

        raise(env, FPSR_OFC | FPSR_IXC);
        if (to_inf) {
            return sign | (uint64_t)((1u << ew) - 1) << fw;
        }
        return sign | ((uint64_t)((1u << ew) - 2) << fw) | ((1ull << fw) - 1);
    }
    if ((fmt == FPF_H ? (env->fpcr & FPCR_FZ16) : (env->fpcr & FPCR_FZ)) &&
        fabs(v) >= ldexp(1.0, fmt == FPF_H ? 14 : fmt == FPF_D ? 1022 : 126)) {
        raise(env, FPSR_UFC);
        return sign;
    }
    /* 52-bit fraction as in the pseudocode. */
    frac <<= 52 - fw;
    e = (int64_t)exp;
    if (e == 0) {
        if (!((frac >> 51) & 1)) {
            e = -1;
            frac = (frac << 2) & ((1ull << 52) - 1);
        } else {
            frac = (frac << 1) & ((1ull << 52) - 1);
        }
    }
    est = recip_estimate((unsigned)(256 | (frac >> 44)));
    rexp = (fmt == FPF_H ? 29 : fmt == FPF_D ? 2045 : 253) - e;
    frac = (uint64_t)(est & 0xff) << 44;
    if (rexp == 0) {
        frac = 1ull << 51 | frac >> 1;
    } else if (rexp == -1) {
        frac = 1ull << 50 | frac >> 2;
        rexp = 0;
    }
    res_exp = (uint64_t)rexp;
    return sign | res_exp << fw | frac >> (52 - fw);
}

uint64_t fpc_rsqrt_estimate(CPUARMState *env, uint64_t a, int fmt)
{
    int ew, fw;
    uint64_t sign, frac, exp;
    int64_t e, rexp;
    unsigned scaled, est;

    fmt_fields(fmt, &ew, &fw);
    a = any_flush_in(env, a, fmt);
    sign = a & (1ull << (ew + fw));
    if (any_is_nan(a, fmt)) {
        return any_process_nan(env, a, fmt);
    }
    exp = (a >> fw) & ((1u << ew) - 1);
    frac = a & ((1ull << fw) - 1);
    if (exp == 0 && frac == 0) {
        raise(env, FPSR_DZC);
        return sign | (uint64_t)((1u << ew) - 1) << fw;
    }
    if (sign) {
        raise(env, FPSR_IOC);
        return fmt == FPF_H ? H_DEFAULT_NAN : f_default_nan(fmt);
    }
    if (exp == (1u << ew) - 1) {
        return 0;
    }
    frac <<= 52 - fw;
    e = (int64_t)exp;
    if (e == 0) {
        while (!((frac >> 51) & 1)) {
            frac = (frac << 1) & ((1ull << 52) - 1);
            e--;
        }
        frac = (frac << 1) & ((1ull << 52) - 1);
    }
    if (!(e & 1)) {
        scaled = (unsigned)(256 | (frac >> 44));
    } else {
        scaled = (unsigned)(128 | (frac >> 45));
    }
    rexp = fmt == FPF_H ? 44 - e : fmt == FPF_D ? 3068 - e : 380 - e;
    rexp = rexp >= 0 ? rexp / 2 : -((-rexp + 1) / 2);    /* floor */
    est = rsqrt_estimate(scaled);
    return (uint64_t)rexp << fw | ((uint64_t)(est & 0xff) << (fw - 8));
}

uint64_t fpc_recpx(CPUARMState *env, uint64_t a, int fmt)
{
    int ew, fw;
    uint64_t sign, exp, emask;

    fmt_fields(fmt, &ew, &fw);
    a = any_flush_in(env, a, fmt);
    if (any_is_nan(a, fmt)) {
        return any_process_nan(env, a, fmt);
    }
    sign = a & (1ull << (ew + fw));
    emask = (1u << ew) - 1;
    exp = (a >> fw) & emask;
    if (exp == 0) {
        return sign | (emask - 1) << fw;
    }
    return sign | (~exp & emask) << fw;
}

/* FRECPS (2 - a*b) / FRSQRTS ((3 - a*b) / 2), fused. */
uint64_t fpc_recip_step(CPUARMState *env, uint64_t a, uint64_t b, int fmt,
                        bool rsqrt)
{
    int ew, fw;
    uint64_t sign, fa, fb, emax, absmask, two, onehalf, three;

    fmt_fields(fmt, &ew, &fw);
    sign = 1ull << (ew + fw);
    absmask = sign - 1;
    emax = (uint64_t)((1u << ew) - 1) << fw;
    /* 2.0, 1.5 and 3.0 in the format: exponent bias + 1, bias, bias + 1 */
    two = (uint64_t)(1u << (ew - 1)) << fw;
    onehalf = ((uint64_t)((1u << (ew - 1)) - 1) << fw) | 1ull << (fw - 1);
    three = two | 1ull << (fw - 1);
    a ^= sign;                                  /* FPNeg(op1) first */
    fa = any_flush_in(env, a, fmt);
    fb = any_flush_in(env, b, fmt);
    if (!any_is_nan(fa, fmt) && !any_is_nan(fb, fmt)) {
        bool inf_a = (fa & absmask) == emax, inf_b = (fb & absmask) == emax;
        bool zero_a = !(fa & absmask), zero_b = !(fb & absmask);

        if ((inf_a && zero_b) || (zero_a && inf_b)) {
            return rsqrt ? onehalf : two;
        }
        if (inf_a || inf_b) {
            return ((fa ^ fb) & sign) | emax;
        }
        if (rsqrt) {
            /* (3 + a*b) / 2 with one rounding: halve an operand that
             * stays normal (exact), else the product is tiny and
             * halving the result is exact. */
            uint64_t minexp2 = 2ull << fw;

            if ((fa & emax) >= minexp2) {
                return fpc_muladd(env, onehalf, fa - (1ull << fw), fb, fmt);
            }
            if ((fb & emax) >= minexp2) {
                return fpc_muladd(env, onehalf, fa, fb - (1ull << fw), fmt);
            }
            return fpc_muladd(env, three, fa, fb, fmt) - (1ull << fw);
        }
    }
    return fpc_muladd(env, rsqrt ? three : two, a, b, fmt);
}

/* FRINT32Z/32X/64Z/64X (single/double): FPRoundIntN. */
uint64_t fpc_round_int_n(CPUARMState *env, uint64_t a, int fmt, int rmode,
                         int intsize)
{
    double v, r, lim = ldexp(1.0, intsize - 1);
    uint64_t minval = fmt ? double_bits(-lim) : float_bits((float)-lim);

    a = flush_in(env, a, fmt);
    if (f_is_nan(a, fmt) || f_is_inf(a, fmt)) {
        raise(env, FPSR_IOC);
        return minval;
    }
    if (f_is_zero(a, fmt)) {
        return a;
    }
    v = f_to_double(a, fmt);
    r = round_exact(v, rmode);
    if (r >= lim || r < -lim) {
        raise(env, FPSR_IOC);
        return minval;
    }
    if (r != v) {
        raise(env, FPSR_IXC);
    }
    return fmt ? double_bits(r) : float_bits((float)r);
}

/* FJCVTZS: double -> int32 rounding towards zero, modulo 2^32; *z = the
 * conversion was exact and in range. */
uint32_t fpc_jcvt(CPUARMState *env, uint64_t a, bool *z)
{
    int exp;
    uint64_t mant;
    uint32_t res;
    bool sign = a >> 63;

    *z = true;
    a = flush_in(env, a, true);
    if (f_is_nan(a, true) || f_is_inf(a, true)) {
        raise(env, FPSR_IOC);
        *z = false;
        return 0;
    }
    exp = (int)((a >> 52) & 0x7ff);
    mant = (a & ((1ull << 52) - 1)) | (exp ? 1ull << 52 : 0);
    if (mant == 0) {
        /* -0 has no int32 equivalent: not exact (Z = 0) */
        *z = !sign;
        return 0;
    }
    exp = (exp ? exp : 1) - 1075;               /* value = mant * 2^exp */
    if (exp >= 0) {
        res = exp >= 32 ? 0 : (uint32_t)(mant << exp);
        *z = exp < 32 && (mant << exp) < (1ull << 31) + sign &&
             (exp == 0 || (mant >> (64 - exp)) == 0);
        if (!*z) {
            raise(env, FPSR_IOC);
        }
    } else {
        uint64_t ip = -exp >= 64 ? 0 : mant >> -exp;
        bool inexact = -exp >= 64 ? true : (mant << (64 + exp)) != 0;

        res = (uint32_t)ip;
        if (ip >= (1ull << 31) + sign) {
            raise(env, FPSR_IOC);       /* out of range: IOC, not IXC */
            *z = false;
        } else if (inexact) {
            raise(env, FPSR_IXC);
            *z = false;
        }
    }
    return sign ? -res : res;
}

/* FCVTXN: double -> single rounding to odd. */
uint64_t fpc_convert_odd(CPUARMState *env, uint64_t a)
{
    uint32_t saved;
    uint64_t r;

    a = flush_in(env, a, true);
    if (f_is_nan(a, true)) {
        return fpc_convert(env, a, true);
    }
    saved = env->fpsr;
    env->fpsr = 0;
    r = arith_rm(env, HOP_D2S, a, 0, 0, false, FPROUND_ZERO);
    if ((env->fpsr & FPSR_IXC) && !f_is_inf(r, false)) {
        r |= 1;
    }
    env->fpsr |= saved;
    return r;
}

uint64_t helper_fp_jcvt(CPUArchState *env, uint64_t a)
{
    bool z;
    uint32_t r = fpc_jcvt(arm_env(env), a, &z);

    return r | (uint64_t)z << 32;
}
