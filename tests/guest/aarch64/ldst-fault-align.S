/*
 * A misaligned LSE atomic raises an alignment fault: the guest dies of
 * SIGBUS (status 135) after printing one line.  Expected output and
 * status from qemu-aarch64.
 */
#include "ldst-common.inc"

    .arch   armv8.1-a

    .text
    .globl _start
_start:
    adr     x19, data
    mov     x9, #1
    ldadd   x9, x10, [x19]          /* aligned: fine */
    P       x10
    add     x19, x19, #4
    ldadd   x9, x10, [x19]          /* misaligned: SIGBUS */
    P       x10
    EXIT0

    .data
    .balign 16
data:
    .quad   0x41, 0
