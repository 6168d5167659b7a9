/*
 * Pointer authentication (FEAT_PAuth, QARMA5): the QARMA-64 block cipher,
 * ComputePAC as the ARM ARM builds it from QARMA, AddPAC/Auth/Strip for
 * Linux's EL0 address layout, and the TCG helpers of tr-pauth.c.
 *
 * QARMA-64 is written from its definition (Avanzi, "The QARMA Block
 * Cipher Family", ToSC 2017(1)): 16 four-bit cells, cell 0 the most
 * significant nibble; ShuffleCells by tau, MixColumns by the matrix
 * circ(0, rho, rho^2, rho) with rho a one-bit left rotation of a cell,
 * one of three S-boxes; the tweak is permuted by h and 7 of its cells go
 * through the LFSR omega each round.  ARM's ComputePAC is QARMA-64 with
 * sigma_2 and 5 rounds, key0 (K<127:64>) the whitening key w0 and key1
 * (K<63:0>) the core key k0; the unit test checks the paper's vectors.
 */
#include <stdbool.h>

#include "target/arm/cpu.h"
#include "target/arm/pauth.h"
#include "exec/exec-all.h"

#define HELPER_H "target/arm/helper-pauth.h"
#include "tcg/helper-proto.h.inc"
#undef HELPER_H

static const uint8_t qarma_sbox[3][16] = {
    { 0, 14, 2, 10, 9, 15, 8, 11, 6, 4, 3, 7, 13, 12, 1, 5 },
    { 10, 13, 14, 6, 15, 7, 3, 5, 9, 8, 0, 12, 11, 1, 2, 4 },
    { 11, 6, 8, 15, 12, 0, 9, 14, 3, 7, 4, 5, 13, 2, 1, 10 },
};
static const uint8_t qarma_tau[16] = {
    0, 11, 6, 13, 10, 1, 12, 7, 5, 14, 3, 8, 15, 4, 9, 2
};
static const uint8_t qarma_h[16] = {
    6, 5, 14, 15, 0, 1, 2, 3, 7, 12, 13, 4, 8, 9, 10, 11
};
/* Tweak cells that go through omega after the h permutation. */
static const uint8_t qarma_lfsr_cells[7] = { 0, 1, 3, 4, 8, 11, 13 };
/* Round constants: digits of pi; alpha = the reflection constant. */
static const uint64_t qarma_c[8] = {
    0x0000000000000000ull, 0x13198a2e03707344ull, 0xa4093822299f31d0ull,
    0x082efa98ec4e6c89ull, 0x452821e638d01377ull, 0xbe5466cf34e90c6cull,
    0x3f84d5b5b5470917ull, 0x9216d5d98979fb1bull,
};
#define QARMA_ALPHA 0xc0ac29b7c97c50ddull

static inline unsigned cell(uint64_t x, int i)
{
    return (x >> (60 - 4 * i)) & 0xf;
}

static inline uint64_t put_cell(uint64_t x, int i, unsigned v)
{
    int sh = 60 - 4 * i;
    return (x & ~(0xfull << sh)) | (uint64_t)(v & 0xf) << sh;
}

/* out cell i = in cell perm[i], or the inverse permutation. */
static uint64_t shuffle(uint64_t x, const uint8_t perm[16], bool inverse)
{
    uint64_t r = 0;

    for (int i = 0; i < 16; i++) {
        if (inverse) {
            r = put_cell(r, perm[i], cell(x, i));
        } else {
            r = put_cell(r, i, cell(x, perm[i]));
        }
    }
    return r;
}

static uint64_t subcells(uint64_t x, int sbox, bool inverse)
{
    uint64_t r = 0;

    for (int i = 0; i < 16; i++) {
        unsigned v = cell(x, i), o = v;
        if (inverse) {
            for (unsigned j = 0; j < 16; j++) {
                if (qarma_sbox[sbox][j] == v) {
                    o = j;
                }
            }
        } else {
            o = qarma_sbox[sbox][v];
        }
        r = put_cell(r, i, o);
    }
    return r;
}

static inline unsigned rho(unsigned v, int n)
{
    return ((v << n) | (v >> (4 - n))) & 0xf;
}

/* M = circ(0, rho, rho^2, rho) on the 4x4 cell matrix (an involution). */
static uint64_t mixcolumns(uint64_t x)
{
    static const int rot[4] = { 0, 1, 2, 1 };
    uint64_t r = 0;

    for (int row = 0; row < 4; row++) {
        for (int col = 0; col < 4; col++) {
            unsigned v = 0;
            for (int k = 0; k < 4; k++) {
                int n = rot[(k - row + 4) & 3];
                if (n) {
                    v ^= rho(cell(x, 4 * k + col), n);
                }
            }
            r = put_cell(r, 4 * row + col, v);
        }
    }
    return r;
}

static uint64_t tweak_fwd(uint64_t t)
{
    t = shuffle(t, qarma_h, false);
    for (int i = 0; i < 7; i++) {
        unsigned v = cell(t, qarma_lfsr_cells[i]);
        /* omega: (b3, b2, b1, b0) -> (b0 ^ b1, b3, b2, b1) */
        t = put_cell(t, qarma_lfsr_cells[i], (v >> 1) | ((v ^ (v >> 1)) & 1) << 3);
    }
    return t;
}

static uint64_t tweak_bwd(uint64_t t)
{
    for (int i = 0; i < 7; i++) {
        unsigned v = cell(t, qarma_lfsr_cells[i]);
        t = put_cell(t, qarma_lfsr_cells[i], ((v << 1) & 0xe) | (((v >> 3) ^ v) & 1));
    }
    return shuffle(t, qarma_h, true);
}

uint64_t qarma64_encrypt(uint64_t p, uint64_t t, uint64_t w0, uint64_t k0,
                         int rounds, int sbox)
{
    /* w1 = o(w0) = (w0 >>> 1) ^ (w0 >> 63); encryption uses k1 = k0. */
    uint64_t w1 = (w0 >> 1 | w0 << 63) ^ (w0 >> 63);
    uint64_t x = p ^ w0;

    for (int i = 0; i < rounds; i++) {
        x ^= k0 ^ t ^ qarma_c[i];
        if (i) {
            x = mixcolumns(shuffle(x, qarma_tau, false));
        }
        x = subcells(x, sbox, false);
        t = tweak_fwd(t);
    }
    /* Central rounds around the pseudo-reflector. */
    x ^= w1 ^ t;
    x = subcells(mixcolumns(shuffle(x, qarma_tau, false)), sbox, false);
    x = shuffle(mixcolumns(shuffle(x, qarma_tau, false)) ^ k0, qarma_tau, true);
    x = shuffle(mixcolumns(subcells(x, sbox, true)), qarma_tau, true);
    x ^= w0 ^ t;
    for (int i = rounds - 1; i >= 0; i--) {
        t = tweak_bwd(t);
        x = subcells(x, sbox, true);
        if (i) {
            x = shuffle(mixcolumns(x), qarma_tau, true);
        }
        x ^= k0 ^ t ^ qarma_c[i] ^ QARMA_ALPHA;
    }
    return x ^ w1;
}

uint64_t arm_compute_pac(uint64_t data, uint64_t modifier, uint64_t key0,
                         uint64_t key1)
{
    return qarma64_encrypt(data, modifier, key0, key1, 5, 2);
}

/* The pointer with its PAC field replaced by copies of bit 55. */
static inline uint64_t pac_extend(uint64_t ptr)
{
    return (ptr >> 55) & 1 ? ptr | ARM_PAC_MASK : ptr & ~ARM_PAC_MASK;
}

uint64_t arm_pac_add(const ARMPACKey *key, uint64_t ptr, uint64_t modifier)
{
    uint64_t ext = pac_extend(ptr);
    uint64_t pac = arm_compute_pac(ext, modifier, key->hi, key->lo);
    unsigned top = (ptr >> 48) & 0xff;      /* bits 55:48 */

    /* A pointer that was not canonical gets a PAC that cannot match. */
    if (top != 0 && top != 0xff) {
        pac ^= 1ull << 54;
    }
    return (ptr & ~ARM_PAC_MASK) | (pac & ARM_PAC_MASK);
}

uint64_t arm_pac_auth(const ARMPACKey *key, uint64_t ptr, uint64_t modifier,
                      int key_number)
{
    uint64_t orig = pac_extend(ptr);
    uint64_t pac = arm_compute_pac(orig, modifier, key->hi, key->lo);

    if (((pac ^ ptr) & ARM_PAC_MASK) == 0) {
        return orig;
    }
    /* Error code key_number:NOT(key_number) in bits 54:53. */
    orig &= ~(3ull << 53);
    return orig | (key_number ? 2ull : 1ull) << 53;
}

uint64_t arm_pac_strip(uint64_t ptr)
{
    return pac_extend(ptr);
}

uint64_t arm_pac_generic(const ARMPACKey *key, uint64_t x, uint64_t modifier)
{
    return arm_compute_pac(x, modifier, key->hi, key->lo) &
           0xffffffff00000000ull;
}

/* ------------------------------------------------------------------ */
/* TCG helpers (tr-pauth.c): key is ARM_KEY_*.                         */

static inline CPUARMState *arm_env(CPUArchState *env)
{
    return (CPUARMState *)env;
}

uint64_t helper_pac_add(CPUArchState *env, uint64_t ptr, uint64_t modifier,
                        uint32_t key)
{
    return arm_pac_add(&arm_env(env)->pac_keys[key], ptr, modifier);
}

uint64_t helper_pac_auth(CPUArchState *env, uint64_t ptr, uint64_t modifier,
                         uint32_t key)
{
    /* IB and DB are the B keys. */
    return arm_pac_auth(&arm_env(env)->pac_keys[key], ptr, modifier,
                        key == ARM_KEY_IB || key == ARM_KEY_DB);
}

uint64_t helper_pacga(CPUArchState *env, uint64_t x, uint64_t modifier)
{
    return arm_pac_generic(&arm_env(env)->pac_keys[ARM_KEY_GA], x, modifier);
}
