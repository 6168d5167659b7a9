/*
 * A misaligned LDXR (an access done in generated code, not a helper)
 * raises an alignment fault: SIGBUS (status 135) after the aligned
 * accesses print.  Expected output and status from qemu-aarch64.
 */
#include "ldst-common.inc"

    .text
    .globl _start
_start:
    adr     x19, data
    ldar    x9, [x19]
    P       x9
    add     x20, x19, #2
    ldarh   w9, [x20]
    P       x9
    ldxrb   w9, [x20]
    P       x9
    add     x20, x19, #4
    ldxr    x9, [x20]               /* misaligned: SIGBUS */
    P       x9
    EXIT0

    .data
    .balign 16
data:
    .quad   0x1122334455667788, 0
