/*
 * The crypto helpers' host acceleration switch (crypto_helper.c).
 */
#ifndef TARGET_ARM_CRYPTO_H
#define TARGET_ARM_CRYPTO_H

#include <stdbool.h>

/* True when the host has AES-NI and PCLMULQDQ and the helpers use them
 * (set at start-up); false selects the portable C code (tests). */
extern bool arm_crypto_host_accel;

#endif
