/*
 * MSR to the read-only TPIDRRO_EL0 is UNDEFINED at EL0: SIGILL
 * (exit status 128 + 4), after the readable registers worked.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    mrs     x0, tpidrro_el0
    PUT     x0
    mov     x1, #5
    msr     tpidrro_el0, x1
    mov     x0, #3
    PUT     x0
    EXIT    0
