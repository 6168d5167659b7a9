/* Helpers of the integer/branch/system translator (see target/arm/helper.h). */
/* Raise a guest exception at the current insn: (excp, syndrome). Never returns. */
DEF_HELPER_FLAGS_3(exception, 0, void, env, i32, i32)
