/*
 * The FP core: IEEE-754 binary32/binary64 operations with the semantics
 * of the ARM ARM (FPCR.RMode, FPCR.FZ, FPCR.DN, NaN propagation order,
 * FPSR cumulative flags), on raw bit patterns.  Implemented in
 * target/arm/fp_helper.c; used by the scalar FP helpers there and by the
 * AdvSIMD FP helpers in simd_helper.c.
 *
 * "d" selects the format: FPF_S (0, false) = single (bits 31:0), FPF_D
 * (1, true) = double, FPF_H (2) = half precision (bits 15:0; FPCR.FZ16
 * instead of FZ, no IDC for flushed inputs).  Every function accumulates
 * its exceptions into env->fpsr.
 */
#ifndef TARGET_ARM_FP_CORE_H
#define TARGET_ARM_FP_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "target/arm/cpu.h"

/* FPSR cumulative exception bits. */
#define FPSR_IOC (1u << 0)
#define FPSR_DZC (1u << 1)
#define FPSR_OFC (1u << 2)
#define FPSR_UFC (1u << 3)
#define FPSR_IXC (1u << 4)
#define FPSR_IDC (1u << 7)
#define FPSR_QC  (1u << 27)

/* FPCR control bits. */
#define FPCR_FZ16 (1u << 19)
#define FPCR_FZ  (1u << 24)
#define FPCR_AHP (1u << 26)
#define FPCR_DN  (1u << 25)
#define FPCR_RMODE_SHIFT 22

/* Formats. */
enum { FPF_S = 0, FPF_D = 1, FPF_H = 2 };

/* Rounding modes: FPCR.RMode's encoding, plus ties-away. */
enum {
    FPROUND_TIEEVEN = 0,
    FPROUND_POSINF = 1,
    FPROUND_NEGINF = 2,
    FPROUND_ZERO = 3,
    FPROUND_TIEAWAY = 4,
};

/* fpc_binop operations (the order of helper-simd.h's fp_binop). */
enum {
    FPOP_MUL, FPOP_DIV, FPOP_ADD, FPOP_SUB, FPOP_MAX, FPOP_MIN,
    FPOP_MAXNM, FPOP_MINNM, FPOP_NMUL, FPOP_MULX, FPOP_ABD,
};

static inline int fpcr_rmode(const CPUARMState *env)
{
    return (env->fpcr >> FPCR_RMODE_SHIFT) & 3;
}

uint64_t fpc_binop(CPUARMState *env, int op, uint64_t a, uint64_t b, int d);
/* addend + n * m with one rounding (FMADD; callers negate for the rest) */
uint64_t fpc_muladd(CPUARMState *env, uint64_t addend, uint64_t n,
                    uint64_t m, int d);
uint64_t fpc_sqrt(CPUARMState *env, uint64_t a, int d);
/* FRINT*: round to an integral value in rmode; exact = FRINTX (IXC). */
uint64_t fpc_round_int(CPUARMState *env, uint64_t a, int d, int rmode,
                       bool exact);
/* FCVT between single and double: from_d = the source is double. */
uint64_t fpc_convert(CPUARMState *env, uint64_t a, bool from_d);
/* FCVT between any two formats (FPF_*), FPCR.AHP for half. */
uint64_t fpc_convert_fmt(CPUARMState *env, uint64_t a, int from, int to);
/* NZCV (bits 3:0) of FCMP (signal_all: FCMPE). */
unsigned fpc_compare(CPUARMState *env, uint64_t a, uint64_t b, int d,
                     bool signal_all);
/* FCMEQ/FCMGE/FCMGT (cond 0/1/2): true/false, IOC per the ARM ARM. */
bool fpc_compare_cond(CPUARMState *env, uint64_t a, uint64_t b, int d,
                      int cond);
/* FP -> integer of width 16, 32 or 64 bits, saturating, zero-extended. */
uint64_t fpc_to_int_w(CPUARMState *env, uint64_t a, int d, int rmode,
                      int fbits, int width, bool uns);
/* FP -> integer with saturation; 32-bit results are zero-extended. */
uint64_t fpc_to_int(CPUARMState *env, uint64_t a, int d, int rmode,
                    int fbits, bool is64, bool uns);
/* 64-bit integer (already sign/zero-extended) -> FP, FPCR rounding. */
uint64_t fpc_from_int(CPUARMState *env, uint64_t v, int d, int fbits,
                      bool uns);
/* FRECPE / FRSQRTE (the ARM ARM's estimate tables), FRECPX. */
uint64_t fpc_recip_estimate(CPUARMState *env, uint64_t a, int d);
uint64_t fpc_rsqrt_estimate(CPUARMState *env, uint64_t a, int d);
uint64_t fpc_recpx(CPUARMState *env, uint64_t a, int d);
/* FRECPS (2 - a*b) or, rsqrt, FRSQRTS ((3 - a*b) / 2), fused. */
uint64_t fpc_recip_step(CPUARMState *env, uint64_t a, uint64_t b, int d,
                        bool rsqrt);
/* FRINT32Z/X, FRINT64Z/X (S/D): rmode, intsize 32 or 64; out of range -2^(n-1). */
uint64_t fpc_round_int_n(CPUARMState *env, uint64_t a, int d, int rmode,
                         int intsize);
/* FJCVTZS: *z = exact and in range (the Z flag). */
uint32_t fpc_jcvt(CPUARMState *env, uint64_t a, bool *z);
/* FCVTXN: double -> single, round to odd. */
uint64_t fpc_convert_odd(CPUARMState *env, uint64_t a);

#endif
