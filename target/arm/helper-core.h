/* Helpers of the integer/branch/system translator (see target/arm/helper.h). */
/* Raise a guest exception at the current insn: (excp, syndrome). Never returns. */
DEF_HELPER_FLAGS_3(exception, 0, void, env, i32, i32)
/* CNTVCT_EL0: the virtual counter, 1 GHz (host CLOCK_MONOTONIC in ns). */
DEF_HELPER_FLAGS_1(get_cntvct, TCG_CALL_NO_RWG, i64, env)
