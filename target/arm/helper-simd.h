/*
 * Helpers of the FP and AdvSIMD translator (tr-simd-fp.c, tr-fp.c); see
 * target/arm/helper.h.  Bodies: target/arm/simd_helper.c (AdvSIMD
 * integer/permute groups) and target/arm/fp_helper.c (IEEE arithmetic
 * with ARM semantics, see the comment there).
 *
 * Vector registers live in env->vregs, which are not TCG globals, and
 * FPCR/FPSR are plain env fields: the helpers read/write only those, so
 * they are NO_RWG; none is SE (they write a register or FPSR).
 *
 * Most AdvSIMD helpers take one descriptor (see SIMD_DESC in
 * tr-simd-fp.c): rd 4:0, rn 9:5, rm 14:10, size 16:15, Q 17, U 18,
 * opcode 23:19, scalar 24, extra 31:25.  The translator has already
 * rejected unallocated encodings.
 */
/* AdvSIMD integer groups, on env->vregs. */
DEF_HELPER_FLAGS_2(simd_3same, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_3diff, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_2misc, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_across, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_shift_imm, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_permute, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_tbl, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_ext, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_pairwise_scalar, TCG_CALL_NO_RWG, void, env, i32)
/* AdvSIMD FP groups (element-wise through the scalar FP core). */
/* fixed-point conversions: size 1/2/3 = H/S/D, op 0 to FP, 1 to int,
 * extra = fbits */
DEF_HELPER_FLAGS_2(simd_fp_fixed, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_fp_3same, TCG_CALL_NO_RWG, void, env, i32)
DEF_HELPER_FLAGS_2(simd_fp_2misc, TCG_CALL_NO_RWG, void, env, i32)

/*
 * Scalar FP, on raw bits (H in the low 16 bits, S in 32, D in 64); desc
 * bit 0 = double, bit 3 = half.  They read env->fpcr and accumulate into env->fpsr.
 */
/* op (desc 7:4): 0 FMUL 1 FDIV 2 FADD 3 FSUB 4 FMAX 5 FMIN 6 FMAXNM
 * 7 FMINNM 8 FNMUL 9 FMULX 10 FABD */
DEF_HELPER_FLAGS_4(fp_binop, TCG_CALL_NO_RWG, i64, env, i64, i64, i32)
/* (addend, n, m): addend + n * m, one rounding */
DEF_HELPER_FLAGS_5(fp_muladd, TCG_CALL_NO_RWG, i64, env, i64, i64, i64, i32)
/* op (desc 7:4): 0 FSQRT 1 FRINT (rmode 10:8, exact bit 11) 2 FCVT
 * (desc bit 0 = source is double; to the other size) 3 FCVT from format
 * 9:8 to format 13:12 (FPF_*: 0 S, 1 D, 2 H) 4 FRINT32/64 (rmode 10:8,
 * bit 11 = 64) */
DEF_HELPER_FLAGS_3(fp_unop, TCG_CALL_NO_RWG, i64, env, i64, i32)
/* NZCV (bits 3:0) of a compare; desc bit 1: signal on quiet NaN too */
DEF_HELPER_FLAGS_4(fp_compare, TCG_CALL_NO_RWG, i64, env, i64, i64, i32)
/* FP -> integer: desc rmode 6:4 (4 = ties away), fbits 14:8,
 * bit 1 = 64-bit result, bit 2 = unsigned */
DEF_HELPER_FLAGS_3(fp_to_int, TCG_CALL_NO_RWG, i64, env, i64, i32)
/* integer (64-bit, sign- or zero-extended) -> FP: desc fbits 14:8,
 * bit 2 = unsigned */
DEF_HELPER_FLAGS_3(int_to_fp, TCG_CALL_NO_RWG, i64, env, i64, i32)
/* By element (vector/scalar), SDOT/UDOT, SQRDMLAH/SH, SQDMLAL/SLS/ULL
 * (see simd_helper.c: op = opcode | U << 4, extra = index | vec_m << 6) */
DEF_HELPER_FLAGS_2(simd_elem, TCG_CALL_NO_RWG, void, env, i32)
/* FJCVTZS: the int32 result (low 32 bits) | Z flag << 32 */
DEF_HELPER_FLAGS_2(fp_jcvt, TCG_CALL_NO_RWG, i64, env, i64)
/* FCADD/FCMLA (see simd_helper.c) */
DEF_HELPER_FLAGS_2(simd_fcm, TCG_CALL_NO_RWG, void, env, i32)
