/*
 * Pointer authentication (target/arm/pauth_helper.c): QARMA-64 against
 * the published test vectors of Avanzi, "The QARMA Block Cipher Family"
 * (ToSC 2017(1), appendix: P = fb623599da6e8127, T = 477d469dec0b8762,
 * w0 = 84be85ce9804e94b, k0 = ec2802d4e0a488e9, for each S-box and 5, 6
 * and 7 rounds); ComputePAC is the sigma_2, 5-round case.  Then the
 * pointer operations for Linux's EL0 layout (PAC in bits 54:48, TBI):
 * add/auth round trips, the error code of a failed auth, strip, PACGA.
 */
#include <glib.h>

#include "target/arm/cpu.h"
#include "target/arm/pauth.h"

#define P  0xfb623599da6e8127ull
#define T  0x477d469dec0b8762ull
#define W0 0x84be85ce9804e94bull
#define K0 0xec2802d4e0a488e9ull

static void test_qarma_vectors(void)
{
    static const uint64_t want[3][3] = {
        { 0x3ee99a6c82af0c38ull, 0x9f5c41ec525603c9ull, 0xbcaf6c89de930765ull },
        { 0x544b0ab95bda7c3aull, 0xa512dd1e4e3ec582ull, 0xedf67ff370a483f2ull },
        { 0xc003b93999b33765ull, 0x270a787275c48d10ull, 0x5c06a7501b63b2fdull },
    };

    for (int sbox = 0; sbox < 3; sbox++) {
        for (int r = 5; r <= 7; r++) {
            uint64_t c = qarma64_encrypt(P, T, W0, K0, r, sbox);
            if (c != want[sbox][r - 5]) {
                g_test_message("sigma_%d, r = %d: got %016llx want %016llx",
                               sbox, r, (unsigned long long)c,
                               (unsigned long long)want[sbox][r - 5]);
            }
            g_assert_cmphex(c, ==, want[sbox][r - 5]);
        }
    }
    /* ComputePAC(data, modifier, key0 = K<127:64>, key1 = K<63:0>). */
    g_assert_cmphex(arm_compute_pac(P, T, W0, K0), ==, 0xc003b93999b33765ull);
}

static const ARMPACKey key_a = { .hi = W0, .lo = K0 };
static const ARMPACKey key_b = { .hi = 0x0123456789abcdefull,
                                 .lo = 0xfedcba9876543210ull };

static void test_add_auth(void)
{
    static const uint64_t ptrs[] = {
        0x0000aaaabbbbccc0ull,      /* user half */
        0x0000ffffffffe000ull,
        0x5a00000000401000ull,      /* a tag in the top byte (TBI) */
        0xffff800000001234ull,      /* bit 55 set: the upper half */
    };

    for (size_t i = 0; i < G_N_ELEMENTS(ptrs); i++) {
        uint64_t p = ptrs[i], mod = 0x7ffffff0ull + i;
        uint64_t s = arm_pac_add(&key_a, p, mod);

        /* Only the PAC field changes; the PAC is the cipher's output. */
        g_assert_cmphex(s & ~ARM_PAC_MASK, ==, p & ~ARM_PAC_MASK);
        g_assert_cmphex(s & ARM_PAC_MASK, ==,
                        arm_compute_pac(p, mod, W0, K0) & ARM_PAC_MASK);
        g_assert_cmphex(arm_pac_auth(&key_a, s, mod, 0), ==, p);
        g_assert_cmphex(arm_pac_strip(s), ==, p);
        /* Wrong modifier or key: error code in bits 54:53 (A: 01, B: 10). */
        uint64_t bad = arm_pac_auth(&key_a, s, mod + 1, 0);
        g_assert_cmphex(bad, ==, (p & ~(3ull << 53)) | 1ull << 53);
        bad = arm_pac_auth(&key_b, s, mod, 1);
        g_assert_cmphex(bad, ==, (p & ~(3ull << 53)) | 2ull << 53);
    }
    /* An unsigned pointer fails (its PAC bits are zero; the PAC is not). */
    uint64_t p = 0x0000000000400000ull;
    if ((arm_pac_add(&key_a, p, 0) & ARM_PAC_MASK) != 0) {
        g_assert_cmphex(arm_pac_auth(&key_a, p, 0, 0), ==, p | 1ull << 53);
    }
    /* A non-canonical pointer gets a PAC with bit 54 inverted. */
    uint64_t nc = 0x0001000000400000ull;
    g_assert_cmphex(arm_pac_add(&key_a, nc, 5) & ARM_PAC_MASK, ==,
                    (arm_compute_pac(nc & ~ARM_PAC_MASK, 5, W0, K0) ^
                     1ull << 54) & ARM_PAC_MASK);
}

static void test_pacga(void)
{
    uint64_t g = arm_pac_generic(&key_a, P, T);

    g_assert_cmphex(g, ==, 0xc003b93900000000ull);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/arm-pauth/qarma64-vectors", test_qarma_vectors);
    g_test_add_func("/arm-pauth/add-auth-strip", test_add_auth);
    g_test_add_func("/arm-pauth/pacga", test_pacga);
    return g_test_run();
}
