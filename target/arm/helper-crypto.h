/*
 * Helpers of the crypto translator (tr-crypto.c) and PMULL.1Q
 * (tr-simd-fp.c); see target/arm/helper.h.  Bodies in
 * target/arm/crypto_helper.c.  They work on env->vregs only (no TCG
 * globals, no FPSR), so they are NO_RWG.  desc: rd 4:0, rn 9:5, rm 14:10,
 * op 19:15 (per helper, see crypto_helper.c), 31:20 extra.
 */
/* op 0 AESE, 1 AESD, 2 AESMC, 3 AESIMC */
DEF_HELPER_FLAGS_2(crypto_aes, TCG_CALL_NO_RWG, void, env, i32)
/* op 0 SHA1C 1 SHA1P 2 SHA1M 3 SHA1SU0 4 SHA256H 5 SHA256H2 6 SHA256SU1
 * 8 SHA1H 9 SHA1SU1 10 SHA256SU0 */
DEF_HELPER_FLAGS_2(crypto_sha, TCG_CALL_NO_RWG, void, env, i32)
/* op 0 SHA512H 1 SHA512H2 2 SHA512SU1 3 SHA512SU0 */
DEF_HELPER_FLAGS_2(crypto_sha512, TCG_CALL_NO_RWG, void, env, i32)
/* PMULL/PMULL2 Vd.1Q, Vn.1D/2D, Vm: op = Q (which half) */
DEF_HELPER_FLAGS_2(crypto_pmull64, TCG_CALL_NO_RWG, void, env, i32)
