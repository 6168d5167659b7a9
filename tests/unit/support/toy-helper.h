/* Helpers of the toy guest (tests/unit/support/toy.c). */
DEF_HELPER_FLAGS_2(toy_raise, 0, void, env, i32)
DEF_HELPER_FLAGS_1(toy_kick, TCG_CALL_NO_RWG, void, env)
DEF_HELPER_FLAGS_1(toy_count, TCG_CALL_NO_RWG, void, env)
