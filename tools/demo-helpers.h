/* Helper table of tern-ir-demo (see tcg/helper-macros.h). */
DEF_HELPER_FLAGS_2(demo_mix, TCG_CALL_NO_RWG_SE, i64, i64, i32)
