/*
 * Top-byte-ignore: Linux runs EL0 with TCR_EL1.TBI0 set, so a pointer
 * with a tag in bits 63:56 reaches the same memory; writeback keeps the
 * tag.  Expected output from qemu-aarch64.
 */
#include "ldst-common.inc"

    .arch   armv8.1-a

    .text
    .globl _start
_start:
    adr     x19, data
    movz    x20, #0xab00, lsl #48
    orr     x20, x20, x19
    ldr     x9, [x20]
    P       x9
    ldr     x9, [x20, #8]!
    P       x9
    P       x20
    sub     x9, x20, x19
    P       x9
    mov     x10, #0x77
    str     x10, [x20], #-8
    ldr     x9, [x19, #8]
    P       x9
    ldp     x9, x10, [x20]
    P       x9
    P       x10
    mov     x11, #5
    ldadd   x11, x9, [x20]
    P       x9
    ldxr    x9, [x20]
    stxr    w12, x11, [x20]
    P       x12
    ldr     x9, [x19]
    P       x9
    EXIT0

    .data
    .balign 16
data:
    .quad   0x1111, 0x2222
