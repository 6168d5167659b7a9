/*
 * An unallocated encoding (UDF #0x1234, in the reserved op0 = 0000
 * space) raises SIGILL; with the default action the process dies:
 * exit status 128 + 4.  Before that, instructions that are allowed at EL0
 * or that are hint-space NOPs must not trap.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    mov     x0, #1
    hint    #0x19                   /* PACIASP: a NOP without PAuth */
    mrs     x1, tpidr_el0
    PUT     x0
    udf     #0x1234
    mov     x0, #2
    PUT     x0
    EXIT    0
