/* Helpers of pointer authentication (tr-pauth.c, pauth_helper.c). */
/* (ptr, modifier, ARM_KEY_*) -> ptr with its PAC inserted. */
DEF_HELPER_FLAGS_4(pac_add, TCG_CALL_NO_RWG_SE, i64, env, i64, i64, i32)
/* (ptr, modifier, ARM_KEY_*) -> ptr, or ptr with an error code if wrong. */
DEF_HELPER_FLAGS_4(pac_auth, TCG_CALL_NO_RWG_SE, i64, env, i64, i64, i32)
/* PACGA: (Xn, Xm|SP) -> the generic PAC in bits 63:32. */
DEF_HELPER_FLAGS_3(pacga, TCG_CALL_NO_RWG_SE, i64, env, i64, i64)
