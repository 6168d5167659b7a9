/*
 * The A64 crypto helpers (target/arm/crypto_helper.c): the host AES-NI /
 * PCLMULQDQ path and the portable C path give the same results for
 * AESE/AESD/AESMC/AESIMC and PMULL.1Q on random states (including Vd
 * aliasing Vn), and the C path matches FIPS-197 appendix B's first round.
 * The guest tests (tests/guest/aarch64/crypto-*) only see the path the
 * host picks.
 */
#include <string.h>

#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/crypto.h"
#include "exec/exec-all.h"

#define HELPER_H "target/arm/helper-crypto.h"
#include "tcg/helper-proto.h.inc"
#undef HELPER_H

static uint64_t rng_state = 0x243f6a8885a308d3ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void fill(CPUARMState *env)
{
    for (int i = 0; i < 32; i++) {
        env->vregs[i].d[0] = rnd();
        env->vregs[i].d[1] = rnd();
    }
}

#define DESC(rd, rn, rm, op) ((rd) | (rn) << 5 | (rm) << 10 | (op) << 15)

static void run_both(void (*fn)(CPUArchState *, uint32_t), uint32_t desc)
{
    static CPUARMState a, b;

    fill(&a);
    b = a;
    arm_crypto_host_accel = false;
    fn((CPUArchState *)&a, desc);
    arm_crypto_host_accel = true;
    fn((CPUArchState *)&b, desc);
    g_assert_cmpmem(a.vregs, sizeof(a.vregs), b.vregs, sizeof(b.vregs));
}

static void test_paths_agree(void)
{
    bool host = arm_crypto_host_accel;

    if (!host) {
        g_test_skip("host has no AES-NI/PCLMULQDQ: only the C path exists");
        return;
    }
    for (int i = 0; i < 2000; i++) {
        int rd = rnd() & 31, rn = i % 3 ? (int)(rnd() & 31) : rd;
        int rm = rnd() & 31;

        run_both(helper_crypto_aes, DESC(rd, rn, 0, i & 3));
        run_both(helper_crypto_pmull64, DESC(rd, rn, rm, i & 1));
    }
    arm_crypto_host_accel = host;
}

/* FIPS-197 appendix B, round 1: start of round (after the initial
 * AddRoundKey) 19 3d e3 be ... -> after MixColumns 04 66 81 e5 ... */
static void test_fips197_round(void)
{
    static const uint8_t start[16] = {
        0x19, 0x3d, 0xe3, 0xbe, 0xa0, 0xf4, 0xe2, 0x2b,
        0x9a, 0xc6, 0x8d, 0x2a, 0xe9, 0xf8, 0x48, 0x08,
    };
    static const uint8_t mixed[16] = {
        0x04, 0x66, 0x81, 0xe5, 0xe0, 0xcb, 0x19, 0x9a,
        0x48, 0xf8, 0xd3, 0x7a, 0x28, 0x06, 0x26, 0x4c,
    };
    bool host = arm_crypto_host_accel;
    static CPUARMState env;

    for (int pass = 0; pass < (host ? 2 : 1); pass++) {
        arm_crypto_host_accel = pass == 1;
        memset(&env, 0, sizeof(env));
        memcpy(&env.vregs[1], start, 16);
        /* v2 = 0: AESE v2, v1 = SubBytes(ShiftRows(start)) */
        helper_crypto_aes((CPUArchState *)&env, DESC(2, 1, 0, 0));
        helper_crypto_aes((CPUArchState *)&env, DESC(3, 2, 0, 2));  /* MC */
        g_assert_cmpmem(&env.vregs[3], 16, mixed, 16);
        /* and back: AESIMC, then AESD into the zero v5 */
        helper_crypto_aes((CPUArchState *)&env, DESC(4, 3, 0, 3));
        g_assert_cmpmem(&env.vregs[4], 16, &env.vregs[2], 16);
        helper_crypto_aes((CPUArchState *)&env, DESC(5, 4, 0, 1));
        g_assert_cmpmem(&env.vregs[5], 16, start, 16);
    }
    arm_crypto_host_accel = host;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-crypto/paths-agree", test_paths_agree);
    g_test_add_func("/arm-crypto/fips197-round", test_fips197_round);
    return g_test_run();
}
