/*
 * LDP/STP/LDPSW/LDNP/STNP: W and X pairs, signed offset, pre-index and
 * post-index with writeback, negative offsets, SP as base, XZR as Rt.
 * Expected output from qemu-aarch64.
 */
#include "ldst-common.inc"

    .text
    .globl _start
_start:
    adr     x19, src
    adr     x20, dst

    /* Loads. */
    ldp     x9, x10, [x19]
    P       x9
    P       x10
    ldp     w9, w10, [x19, #8]
    P       x9
    P       x10
    ldpsw   x9, x10, [x19, #4]
    P       x9
    P       x10
    ldp     x9, x10, [x19, #504]
    P       x9
    P       x10
    add     x21, x19, #512
    ldp     x9, x10, [x21, #-512]
    P       x9
    P       x10
    ldp     w9, w10, [x21, #-256]
    P       x9
    P       x10
    ldnp    x9, x10, [x19, #16]
    P       x9
    P       x10
    ldnp    w9, w10, [x19, #12]
    P       x9
    P       x10

    /* Writeback. */
    mov     x22, x19
    ldp     x9, x10, [x22, #16]!
    P       x9
    P       x10
    sub     x11, x22, x19
    P       x11
    ldp     w9, w10, [x22], #-8
    P       x9
    P       x10
    sub     x11, x22, x19
    P       x11
    ldpsw   x9, x10, [x22, #-8]!
    P       x9
    P       x10
    sub     x11, x22, x19
    P       x11
    ldpsw   x9, x10, [x22], #252
    P       x9
    P       x10
    sub     x11, x22, x19
    P       x11
    ldp     xzr, x10, [x19]
    P       x10

    /* Stores. */
    adr     x9, lit
    ldp     x9, x10, [x9]
    stp     x9, x10, [x20]
    stp     w10, w9, [x20, #16]
    stp     xzr, x9, [x20, #24]
    stnp    w9, wzr, [x20, #40]
    stnp    x10, x10, [x20, #48]
    mov     x22, x20
    stp     w9, w9, [x22, #64]!
    sub     x11, x22, x20
    P       x11
    stp     x10, x9, [x22], #-56
    sub     x11, x22, x20
    P       x11
    stp     w10, w10, [x22, #-8]!
    sub     x11, x22, x20
    P       x11
    mov     x23, #0
1:  ldr     x11, [x20, x23, lsl #3]
    P       x11
    add     x23, x23, #1
    cmp     x23, #10
    b.ne    1b

    /* SP as base. */
    mov     x22, sp
    stp     x9, x10, [sp, #-32]!
    stp     w10, w9, [sp, #16]
    ldp     x11, x12, [sp, #8]
    P       x11
    P       x12
    ldp     x11, x12, [sp], #32
    P       x11
    P       x12
    mov     x11, sp
    sub     x11, x22, x11
    P       x11

    EXIT0

    .data
    .balign 16
src:
    .byte   0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8
    .byte   0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87
    .quad   0x0123456789abcdef, 0xfedcba9876543210
    .fill   480, 1, 0x3c
    .quad   0x1111111111111111, 0x2222222222222222, 0x3333333333333333
    .balign 16
dst:
    .zero   96

    .section .rodata
    .balign 16
lit:
    .quad   0x8899aabbccddeeff, 0x0102030405060708
