/*
 * The AArch64 target's helper table (see tcg/helper-macros.h): one
 * sub-table per translator area, so each area declares its own helpers.
 */
#include "target/arm/helper-core.h"     /* translate-a64.c, tr-dp-*.c, tr-branch.c */
#include "target/arm/helper-ldst.h"     /* tr-ldst.c */
#include "target/arm/helper-simd.h"     /* tr-simd-fp.c, tr-fp.c */
#include "target/arm/helper-crypto.h"   /* tr-crypto.c */
#include "target/arm/helper-pauth.h"    /* tr-pauth.c */
