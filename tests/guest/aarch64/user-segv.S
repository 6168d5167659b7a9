/*
 * A store to an unmapped address: the guest dies of SIGSEGV, as it
 * would natively (exit status 128+11 in a shell), after what it wrote
 * before.  Exercises the host fault handler: the store faults inside
 * generated code (or the interpreter), and the guest state is restored
 * from the block's search table.
 */
#include "user-lib.inc"

    .text
    .globl _start
_start:
    SAY     "before\n"
    mov     x0, #0x10
    mov     x1, #42
    str     x1, [x0]
    SAY     "after\n"
    EXIT    0
