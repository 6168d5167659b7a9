/*
 * The one-table helper declaration scheme.
 *
 * A helper table (e.g. include/tcg/helper-tcg.h, later target/arm/helper.h)
 * holds lines like
 *
 *     DEF_HELPER_FLAGS_2(name, TCG_CALL_NO_RWG_SE, i64, i64, i32)
 *
 * (name, effect flags, return type, argument types).  Types are
 * void, i32, s32, i64, s64, ptr and env.  Including the table through
 *   - tcg/helper-proto.h.inc  gives the C prototypes  helper_name(...);
 *   - tcg/helper-info.c.inc   defines TCGHelperInfo helper_info_name, which
 *                             carries the flags that liveness obeys and
 *                             the type mask libffi needs (interp backend);
 *   - tcg/helper-gen.h.inc    gives gen_helper_name(TCGv ret, TCGv args...)
 *                             which emits the call op.
 * Define HELPER_H to the table's header name before including each.
 */
#ifndef TCG_HELPER_MACROS_H
#define TCG_HELPER_MACROS_H

typedef struct CPUArchState CPUArchState;

#define dh_ctype_void void
#define dh_ctype_i32  uint32_t
#define dh_ctype_s32  int32_t
#define dh_ctype_i64  uint64_t
#define dh_ctype_s64  int64_t
#define dh_ctype_ptr  void *
#define dh_ctype_env  CPUArchState *
#define dh_ctype(t) dh_ctype_##t

#define dh_tcgv_i32 TCGv_i32
#define dh_tcgv_s32 TCGv_i32
#define dh_tcgv_i64 TCGv_i64
#define dh_tcgv_s64 TCGv_i64
#define dh_tcgv_ptr TCGv_ptr
#define dh_tcgv_env TCGv_ptr

#define dh_temp_i32(x) tcgv_i32_temp(x)
#define dh_temp_s32(x) tcgv_i32_temp(x)
#define dh_temp_i64(x) tcgv_i64_temp(x)
#define dh_temp_s64(x) tcgv_i64_temp(x)
#define dh_temp_ptr(x) tcgv_ptr_temp(x)
#define dh_temp_env(x) tcgv_ptr_temp(x)

#define dh_typemask(t, n) ((unsigned)dh_typecode_##t << (3 * (n)))

/* Return value in gen_helper_*: a leading parameter unless void. */
#define dh_retdecl0_void void
#define dh_retdecl0_i32 TCGv_i32 retval
#define dh_retdecl0_s32 TCGv_i32 retval
#define dh_retdecl0_i64 TCGv_i64 retval
#define dh_retdecl0_s64 TCGv_i64 retval
#define dh_retdecl0_ptr TCGv_ptr retval
#define dh_retdecl_void
#define dh_retdecl_i32 TCGv_i32 retval,
#define dh_retdecl_s32 TCGv_i32 retval,
#define dh_retdecl_i64 TCGv_i64 retval,
#define dh_retdecl_s64 TCGv_i64 retval,
#define dh_retdecl_ptr TCGv_ptr retval,
#define dh_rettemp_void NULL
#define dh_rettemp_i32 tcgv_i32_temp(retval)
#define dh_rettemp_s32 tcgv_i32_temp(retval)
#define dh_rettemp_i64 tcgv_i64_temp(retval)
#define dh_rettemp_s64 tcgv_i64_temp(retval)
#define dh_rettemp_ptr tcgv_ptr_temp(retval)

#define dh_arg_decl(t, n) dh_tcgv_##t arg##n
#define dh_arg(t, n) dh_temp_##t(arg##n)

#endif
