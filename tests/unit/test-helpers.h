/*
 * Helper table of the IR tests (see tcg/helper-macros.h for the scheme).
 * The helpers are defined in tests/unit/support/irtest.c, which also
 * includes tcg/helper-info.c.inc for this table.
 *
 * Pure helpers (TCG_CALL_NO_RWG_SE) cover 0..6 arguments of mixed types
 * and every return type; the env helpers read and write globals (no
 * NO_READ/NO_WRITE flags) so the allocator must sync globals before and
 * reload them after the call.
 */

/* Pure, 0..6 arguments, mixed signedness and widths. */
DEF_HELPER_FLAGS_0(irt_h0, TCG_CALL_NO_RWG_SE, i64)
DEF_HELPER_FLAGS_1(irt_h1, TCG_CALL_NO_RWG_SE, i32, i32)
DEF_HELPER_FLAGS_2(irt_h2, TCG_CALL_NO_RWG_SE, s64, s32, i64)
DEF_HELPER_FLAGS_3(irt_h3, TCG_CALL_NO_RWG_SE, i64, i64, s32, i32)
DEF_HELPER_FLAGS_4(irt_h4, TCG_CALL_NO_RWG_SE, s32, s64, i32, i64, s32)
DEF_HELPER_FLAGS_5(irt_h5, TCG_CALL_NO_RWG_SE, i64, i32, i64, s32, i64, i32)
DEF_HELPER_FLAGS_6(irt_h6, TCG_CALL_NO_RWG_SE, i64, i64, s32, i64, i32, s64, i64)
DEF_HELPER_FLAGS_6(irt_h6w, TCG_CALL_NO_RWG_SE, i32, i32, s32, i32, s32, i32, s32)
DEF_HELPER_FLAGS_2(irt_ptr_sum, TCG_CALL_NO_RWG, i64, ptr, i32)

/* Side effects that must survive even though the result is unused. */
DEF_HELPER_FLAGS_1(irt_count, TCG_CALL_NO_RWG, void, env)
DEF_HELPER_FLAGS_2(irt_count_ret, TCG_CALL_NO_RWG, i64, env, i64)

/* Globals: read (sync before), write (reload after), both. */
DEF_HELPER_FLAGS_1(irt_env_read, TCG_CALL_NO_WRITE_GLOBALS, i64, env)
DEF_HELPER_FLAGS_1(irt_env_hash, TCG_CALL_NO_WG_SE, i64, env)
DEF_HELPER_FLAGS_2(irt_env_write, 0, void, env, i64)
DEF_HELPER_FLAGS_3(irt_env_rw, 0, i64, env, i64, i32)
