/*
 * Integer LDR/STR in every addressing mode and size: unsigned scaled
 * offset, unscaled (LDUR/STUR), pre/post-index with writeback, register
 * offset (LSL/UXTW/SXTW/SXTX, scaled or not), literal (incl. LDRSW),
 * signed loads to W and X, PRFM/PRFUM, LDTR/STTR, SP as base, XZR as Rt.
 * Prints each result in hex; expected output from qemu-aarch64.
 */
#include "ldst-common.inc"

    .text
    .globl _start
_start:
    adr     x19, src
    adr     x20, dst

    /* Unsigned offset, all sizes, zero- and sign-extending. */
    ldrb    w9, [x19]
    P       x9
    ldrsb   w9, [x19]
    P       x9
    ldrsb   x9, [x19, #8]
    P       x9
    ldrsb   x9, [x19]
    P       x9
    ldrh    w9, [x19, #2]
    P       x9
    ldrsh   w9, [x19, #2]
    P       x9
    ldrsh   x9, [x19, #2]
    P       x9
    ldr     w9, [x19, #4]
    P       x9
    ldrsw   x9, [x19, #4]
    P       x9
    ldrsw   x9, [x19, #8]
    P       x9
    ldr     x9, [x19, #8]
    P       x9
    ldr     x9, [x19, #16]
    P       x9
    mov     x9, #-1
    ldr     w9, [x19, #16]          /* W load zeroes the top half */
    P       x9
    ldr     x9, [x19, #4088 & 0]    /* offset 0 spelled oddly */
    P       x9

    /* Unscaled, negative offsets. */
    add     x21, x19, #16
    ldur    x9, [x21, #-8]
    P       x9
    ldurb   w9, [x21, #-1]
    P       x9
    ldursb  x9, [x21, #-16]
    P       x9
    ldursh  w9, [x21, #-15]         /* unaligned */
    P       x9
    ldurh   w9, [x21, #-3]
    P       x9
    ldursw  x9, [x21, #-13]
    P       x9
    ldur    w9, [x21, #255]
    P       x9
    add     x27, x19, #300
    ldur    x9, [x27, #-256]
    P       x9

    /* Pre- and post-index with writeback. */
    mov     x22, x19
    ldr     x9, [x22, #8]!
    P       x9
    sub     x10, x22, x19
    P       x10
    ldrb    w9, [x22], #-3
    P       x9
    sub     x10, x22, x19
    P       x10
    ldrsh   x9, [x22, #1]!
    P       x9
    sub     x10, x22, x19
    P       x10
    ldrsw   x9, [x22], #255
    P       x9
    sub     x10, x22, x19
    P       x10
    ldrsb   w9, [x22, #-256]!
    P       x9
    sub     x10, x22, x19
    P       x10

    /* Register offset. */
    mov     x23, #1
    ldr     x9, [x19, x23, lsl #3]
    P       x9
    ldr     x9, [x19, x23]
    P       x9
    ldrh    w9, [x19, w23, uxtw #1]
    P       x9
    ldrh    w9, [x19, w23, uxtw]
    P       x9
    mov     w24, #-1                /* w24 = 0xffffffff */
    ldrb    w9, [x21, w24, sxtw]    /* x21 - 1 */
    P       x9
    ldrsb   x9, [x21, w24, sxtw #0]
    P       x9
    mov     x25, #-2
    ldr     w9, [x21, x25, sxtx #2] /* x21 - 8 */
    P       x9
    ldrsw   x9, [x21, x25, sxtx]    /* x21 - 2 */
    P       x9
    mov     x26, #1
    movk    x26, #1, lsl #32        /* uxtw drops the top half */
    ldr     w9, [x19, w26, uxtw #2]
    P       x9
    ldrsh   w9, [x19, x23, lsl #1]
    P       x9
    ldr     x9, [x19, xzr]
    P       x9

    /* Literal loads. */
    ldr     x9, lit64
    P       x9
    ldr     w9, lit64
    P       x9
    ldrsw   x9, lit64 + 4
    P       x9
    ldrsw   x9, lit64
    P       x9
    prfm    pldl1keep, lit64
    prfm    pldl1keep, [x19]
    prfm    pstl2strm, [x19, x23, lsl #3]
    prfum   pldl3keep, [x19, #-7]

    /* Stores, all sizes and modes. */
    str     xzr, [x20]
    str     xzr, [x20, #8]
    ldr     x9, lit_pattern
    strb    w9, [x20]
    strh    w9, [x20, #2]
    str     w9, [x20, #4]
    str     x9, [x20, #8]
    ldr     x10, [x20]
    P       x10
    ldr     x10, [x20, #8]
    P       x10
    add     x21, x20, #16
    sturb   w9, [x21, #-16]
    sturh   w9, [x21, #-13]
    stur    w9, [x21, #-11]
    stur    xzr, [x21, #-8]
    ldr     x10, [x20]
    P       x10
    ldr     x10, [x20, #8]
    P       x10
    mov     x22, x20
    mov     x9, #0xabcd
    strh    w9, [x22, #2]!
    strb    w9, [x22], #3
    str     w9, [x22, #-1]!
    sub     x10, x22, x20
    P       x10
    str     x9, [x22], #-4
    sub     x10, x22, x20
    P       x10
    ldr     x10, [x20]
    P       x10
    ldr     x10, [x20, #8]
    P       x10
    mov     x9, #0x77
    mov     x23, #3
    strb    w9, [x20, x23]
    strh    w9, [x20, x23, lsl #1]
    mov     x25, #-1
    str     w9, [x21, x25, sxtx #2]
    mov     w24, #-2
    strh    wzr, [x21, w24, sxtw #1]
    ldr     x10, [x20]
    P       x10
    ldr     x10, [x20, #8]
    P       x10
    str     x9, [x20, #32760 & 0x38]
    ldr     x10, [x20, #56]
    P       x10

    /* Unprivileged forms (EL0: the same as LDUR/STUR). */
    ldtrb   w9, [x19, #1]
    P       x9
    ldtrsb  x9, [x19, #1]
    P       x9
    ldtrsh  w9, [x19, #-0]
    P       x9
    ldtrh   w9, [x19, #6]
    P       x9
    ldtr    w9, [x19, #3]
    P       x9
    ldtrsw  x9, [x19, #4]
    P       x9
    ldtr    x9, [x19, #-1 + 9]
    P       x9
    mov     x9, #0x5a5a
    sttrb   w9, [x20, #40]
    sttrh   w9, [x20, #42]
    sttr    w9, [x20, #44]
    ldr     x10, [x20, #40]
    P       x10
    sttr    x9, [x20, #40]
    ldr     x10, [x20, #40]
    P       x10

    /* SP as the base register, with writeback. */
    mov     x22, sp
    mov     x9, #0x1234
    str     x9, [sp, #-16]!
    mov     x10, sp
    sub     x10, x22, x10
    P       x10
    ldrh    w11, [sp, #0]
    P       x11
    ldr     x11, [sp], #16
    P       x11
    mov     x10, sp
    sub     x10, x22, x10
    P       x10

    EXIT0

    .data
    .balign 16
src:
    .byte   0x81, 0x92, 0xa3, 0xb4, 0xc5, 0xd6, 0xe7, 0xf8
    .byte   0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87
    .quad   0x0123456789abcdef, 0xfedcba9876543210
    .fill   512, 1, 0x3c
    .balign 16
dst:
    .zero   64

    .section .rodata
    .balign 8
lit64:
    .quad   0x80000001fedcba98
lit_pattern:
    .quad   0x1122334455667788
