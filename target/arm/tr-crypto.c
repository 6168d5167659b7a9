/*
 * A64 cryptographic extension, reached from tr-simd-fp.c's table:
 * AES (AESE/AESD/AESMC/AESIMC), SHA1 (SHA1C/P/M/H/SU0/SU1), SHA256
 * (SHA256H/H2/SU0/SU1), SHA512 (SHA512H/H2/SU0/SU1) and SHA3 (EOR3,
 * BCAX, RAX1, XAR).  PMULL.1Q is in tr-simd-fp.c's three-different
 * group (it calls crypto_pmull64).  SM3/SM4 are not implemented (no CPU
 * model here advertises them): SIGILL.
 *
 * Each group is checked against the CPU model's feature bits, so a model
 * without e.g. SHA512 gets SIGILL exactly as on hardware.  The SHA3
 * operations are bitwise and done inline on the two 64-bit halves; the
 * others call crypto_helper.c.
 */
#include "target/arm/translate.h"

#define CRYPTO_DESC(rd, rn, rm, op) \
    ((uint32_t)(rd) | (uint32_t)(rn) << 5 | (uint32_t)(rm) << 10 | \
     (uint32_t)(op) << 15)

static intptr_t cvofs(int n, int half)
{
    return vreg_ofs(n, 8 * half);
}

static void call_crypto(void (*gen)(TCGv_ptr, TCGv_i32), uint32_t desc)
{
    gen(tcg_env, tcg_constant_i32((int32_t)desc));
}

/* AES: 0100 1110 0010 1000 0 op(16:12) 10 Rn Rd */
static bool trans_crypto_aes(DisasContext *s, uint32_t insn)
{
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);

    if (size != 0 || opcode < 4 || opcode > 7 ||
        !arm_feature(s->env, ARM_FEATURE_AES)) {
        return false;
    }
    call_crypto(gen_helper_crypto_aes, CRYPTO_DESC(rd, rn, 0, opcode - 4));
    return true;
}

/* SHA three-register: 0101 1110 000 Rm 0 op(14:12) 00 Rn Rd */
static bool trans_crypto_sha3reg(DisasContext *s, uint32_t insn)
{
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 3);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (size != 0 || opcode == 7) {
        return false;
    }
    if (!arm_feature(s->env, opcode < 4 ? ARM_FEATURE_SHA1
                                        : ARM_FEATURE_SHA256)) {
        return false;
    }
    call_crypto(gen_helper_crypto_sha, CRYPTO_DESC(rd, rn, rm, opcode));
    return true;
}

/* SHA two-register: 0101 1110 0010 1000 0 op(16:12) 10 Rn Rd */
static bool trans_crypto_sha2reg(DisasContext *s, uint32_t insn)
{
    int size = extract32(insn, 22, 2);
    int opcode = extract32(insn, 12, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);

    if (size != 0 || opcode > 2) {
        return false;
    }
    if (!arm_feature(s->env, opcode < 2 ? ARM_FEATURE_SHA1
                                        : ARM_FEATURE_SHA256)) {
        return false;
    }
    call_crypto(gen_helper_crypto_sha, CRYPTO_DESC(rd, rn, 0, 8 + opcode));
    return true;
}

/* SHA512 three-register (and RAX1): 1100 1110 011 Rm 1 O 00 op Rn Rd */
static bool trans_crypto_sha512_3reg(DisasContext *s, uint32_t insn)
{
    int o = extract32(insn, 14, 1);
    int opcode = extract32(insn, 10, 2);
    int rm = extract32(insn, 16, 5), rn = extract32(insn, 5, 5);
    int rd = extract32(insn, 0, 5);

    if (o) {
        return false;                   /* SM3PARTW1/2, SM4EKEY */
    }
    if (opcode == 3) {                  /* RAX1: Vn ^ ROL(Vm, 1) */
        TCGv_i64 r[2];

        if (!arm_feature(s->env, ARM_FEATURE_SHA3)) {
            return false;
        }
        for (int h = 0; h < 2; h++) {
            TCGv_i64 n = new_tmp_a64(s), m = new_tmp_a64(s);

            tcg_gen_ld_i64(n, tcg_env, cvofs(rn, h));
            tcg_gen_ld_i64(m, tcg_env, cvofs(rm, h));
            tcg_gen_rotli_i64(m, m, 1);
            tcg_gen_xor_i64(n, n, m);
            r[h] = n;
        }
        /* both halves read before Vd (which may alias) is written */
        tcg_gen_st_i64(r[0], tcg_env, cvofs(rd, 0));
        tcg_gen_st_i64(r[1], tcg_env, cvofs(rd, 1));
        return true;
    }
    if (!arm_feature(s->env, ARM_FEATURE_SHA512)) {
        return false;
    }
    call_crypto(gen_helper_crypto_sha512, CRYPTO_DESC(rd, rn, rm, opcode));
    return true;
}

/* SHA512 two-register: 1100 1110 1100 0000 1000 op Rn Rd */
static bool trans_crypto_sha512_2reg(DisasContext *s, uint32_t insn)
{
    int opcode = extract32(insn, 10, 2);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);

    if (opcode != 0 || !arm_feature(s->env, ARM_FEATURE_SHA512)) {
        return false;                   /* SM4E and unallocated */
    }
    call_crypto(gen_helper_crypto_sha512, CRYPTO_DESC(rd, rn, 0, 3));
    return true;
}

/* Four-register: 1100 1110 0 Op0 Rm 0 Ra Rn Rd (EOR3, BCAX) */
static bool trans_crypto_4reg(DisasContext *s, uint32_t insn)
{
    int op0 = extract32(insn, 21, 2);
    int rm = extract32(insn, 16, 5), ra = extract32(insn, 10, 5);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 r[2];

    if (op0 > 1 || !arm_feature(s->env, ARM_FEATURE_SHA3)) {
        return false;                   /* SM3SS1 and unallocated */
    }
    for (int h = 0; h < 2; h++) {
        TCGv_i64 n = new_tmp_a64(s), m = new_tmp_a64(s);
        TCGv_i64 a = new_tmp_a64(s);

        tcg_gen_ld_i64(n, tcg_env, cvofs(rn, h));
        tcg_gen_ld_i64(m, tcg_env, cvofs(rm, h));
        tcg_gen_ld_i64(a, tcg_env, cvofs(ra, h));
        if (op0 == 0) {                 /* EOR3: n ^ m ^ a */
            tcg_gen_xor_i64(n, n, m);
            tcg_gen_xor_i64(n, n, a);
        } else {                        /* BCAX: n ^ (m & ~a) */
            tcg_gen_andc_i64(m, m, a);
            tcg_gen_xor_i64(n, n, m);
        }
        r[h] = n;
    }
    tcg_gen_st_i64(r[0], tcg_env, cvofs(rd, 0));
    tcg_gen_st_i64(r[1], tcg_env, cvofs(rd, 1));
    return true;
}

/* XAR: 1100 1110 100 Rm imm6 Rn Rd: ROR(Vn ^ Vm, imm6) per doubleword */
static bool trans_crypto_xar(DisasContext *s, uint32_t insn)
{
    int rm = extract32(insn, 16, 5), imm6 = extract32(insn, 10, 6);
    int rn = extract32(insn, 5, 5), rd = extract32(insn, 0, 5);
    TCGv_i64 r[2];

    if (!arm_feature(s->env, ARM_FEATURE_SHA3)) {
        return false;
    }
    for (int h = 0; h < 2; h++) {
        TCGv_i64 n = new_tmp_a64(s), m = new_tmp_a64(s);

        tcg_gen_ld_i64(n, tcg_env, cvofs(rn, h));
        tcg_gen_ld_i64(m, tcg_env, cvofs(rm, h));
        tcg_gen_xor_i64(n, n, m);
        tcg_gen_rotri_i64(n, n, imm6);
        r[h] = n;
    }
    tcg_gen_st_i64(r[0], tcg_env, cvofs(rd, 0));
    tcg_gen_st_i64(r[1], tcg_env, cvofs(rd, 1));
    return true;
}

const A64Pattern a64_crypto_patterns[] = {
    { 0xff3e0c00, 0x4e280800, trans_crypto_aes, "Crypto AES" },
    { 0xff208c00, 0x5e000000, trans_crypto_sha3reg,
      "Crypto three-register SHA" },
    { 0xff3e0c00, 0x5e280800, trans_crypto_sha2reg,
      "Crypto two-register SHA" },
    { 0xffe0b000, 0xce608000, trans_crypto_sha512_3reg,
      "Crypto three-register SHA512" },
    { 0xfffff000, 0xcec08000, trans_crypto_sha512_2reg,
      "Crypto two-register SHA512" },
    { 0xff808000, 0xce000000, trans_crypto_4reg, "Crypto four-register" },
    { 0xffe00000, 0xce800000, trans_crypto_xar, "Crypto XAR" },
    { 0, 0, NULL, NULL },
};
