/*
 * Pointer authentication (FEAT_PAuth with the QARMA5 algorithm): the
 * cipher and the pointer operations of pauth_helper.c, exported for the
 * unit test (tests/unit/test-arm-pauth.c).
 */
#ifndef TARGET_ARM_PAUTH_H
#define TARGET_ARM_PAUTH_H

#include <stdint.h>

#include "target/arm/cpu.h"

/*
 * QARMA-64 (Avanzi, "The QARMA Block Cipher Family", ToSC 2017(1)):
 * encrypt p under tweak t with whitening key w0 and core key k0, r
 * rounds on each side, S-box sigma_sbox (0, 1 or 2).
 */
uint64_t qarma64_encrypt(uint64_t p, uint64_t t, uint64_t w0, uint64_t k0,
                         int rounds, int sbox);

/* The ARM ARM's ComputePAC: QARMA-64, sigma_2, 5 rounds; key0 = K<127:64>. */
uint64_t arm_compute_pac(uint64_t data, uint64_t modifier, uint64_t key0,
                         uint64_t key1);

/*
 * The pointer forms as Linux sets EL0 up: 48-bit VAs, TBI for data and
 * instruction addresses (PAC field bits 54:48, bit 55 selects the half;
 * no FEAT_PAuth2, no FEAT_FPAC: a failed AUT leaves an error code in bits
 * 54:53 so that using the pointer faults).
 */
#define ARM_PAC_MASK 0x007f000000000000ull
uint64_t arm_pac_add(const ARMPACKey *key, uint64_t ptr, uint64_t modifier);
/* key_number: 0 for the A keys, 1 for the B keys (the error code). */
uint64_t arm_pac_auth(const ARMPACKey *key, uint64_t ptr, uint64_t modifier,
                      int key_number);
uint64_t arm_pac_strip(uint64_t ptr);
/* PACGA: the top 32 bits of the PAC, zeros below. */
uint64_t arm_pac_generic(const ARMPACKey *key, uint64_t x, uint64_t modifier);

#endif
