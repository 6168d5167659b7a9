/* Helpers of the integer/branch/system translator (see target/arm/helper.h). */
/* Raise a guest exception at the current insn: (excp, syndrome). Never returns. */
DEF_HELPER_FLAGS_3(exception, 0, void, env, i32, i32)
/* CNTVCT_EL0: the virtual counter, 1 GHz (host CLOCK_MONOTONIC in ns). */
DEF_HELPER_FLAGS_1(get_cntvct, TCG_CALL_NO_RWG, i64, env)
/* CRC32{B,H,W,X} and CRC32C*: (acc, value, bytes) -> new 32-bit acc. */
DEF_HELPER_FLAGS_3(crc32, TCG_CALL_NO_RWG_SE, i64, i64, i64, i32)
DEF_HELPER_FLAGS_3(crc32c, TCG_CALL_NO_RWG_SE, i64, i64, i64, i32)
/* IC IVAU: drop the blocks translated from the line at addr (and aliases). */
DEF_HELPER_FLAGS_2(ic_ivau, TCG_CALL_NO_RWG, void, env, i64)
