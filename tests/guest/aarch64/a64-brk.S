/*
 * BRK raises SIGTRAP (exit status 128 + 5 with the default action);
 * the instructions before it ran.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    mov     x0, #7
    PUT     x0
    brk     #0x3e8
    mov     x0, #8
    PUT     x0
    EXIT    0
