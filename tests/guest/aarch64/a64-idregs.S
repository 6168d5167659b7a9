/*
 * MRS of the ID registers as Linux emulates them for EL0 (HWCAP_CPUID):
 * only facts every CPU model shares are printed, since tern's and QEMU's
 * models differ in detail.  MPIDR reads 0x80000000, REVIDR 0, the
 * ID_AA64PFR0 EL0/EL1 fields say "AArch64 only" (1), ID_AA64MMFR0 shows
 * only TGran4/TGran64 = 0xf, ID_AA64DFR0 DebugVer 6, ISAR0 has AES+PMULL
 * (2) and CRC32 (1); MIDR is readable and names an ARMv8 ("architecture
 * defined by ID registers", 0xf) core.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    mrs     x0, midr_el1
    ubfx    x0, x0, #16, #4         /* Architecture */
    PUT     x0
    mrs     x0, mpidr_el1
    PUT     x0
    mrs     x0, revidr_el1
    PUT     x0
    mrs     x0, id_aa64pfr0_el1
    and     x0, x0, #0xffff
    PUT     x0
    mrs     x0, id_aa64pfr0_el1
    ubfx    x1, x0, #16, #4         /* FP, AdvSIMD: 0 or 1, never 0xf */
    ubfx    x2, x0, #20, #4
    orr     x0, x1, x2
    cmp     x0, #1
    cset    x0, ls
    PUT     x0
    mrs     x0, id_aa64mmfr0_el1
    PUT     x0
    mrs     x0, id_aa64dfr0_el1
    PUT     x0
    mrs     x0, id_aa64isar0_el1
    ubfx    x1, x0, #4, #4          /* AES */
    PUT     x1
    ubfx    x1, x0, #16, #4         /* CRC32 */
    PUT     x1
    EXIT    0
