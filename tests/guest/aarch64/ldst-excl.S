/*
 * Exclusives and ordered accesses: LDXR/STXR (B/H/W/X), LDAXR/STLXR,
 * LDXP/STXP and LDAXP/STLXP (W and X pairs), a failing STXR after CLREX,
 * to a different address, without a reservation and a second time
 * after success (after a syscall: ldst-excl-svc.S); LDAR/STLR
 * (B/H/W/X), LDAPR, LDLAR/STLLR; an LDXR/STXR retry loop.  Nothing is
 * printed between an LDXR and its STXR: printing is a syscall.
 * Expected output from qemu-aarch64.
 */
#include "ldst-common.inc"

    .arch   armv8.3-a

    .text
    .globl _start
_start:
    adr     x19, data
    mov     x20, #0x5678
    movk    x20, #0x1234, lsl #16

    /* X: success, then a second STXR fails (monitor cleared). */
    ldxr    x9, [x19]
    stxr    w11, x20, [x19]
    stxr    w12, x9, [x19]
    ldr     x13, [x19]
    P       x9
    P       x11
    P       x12
    P       x13

    /* W/H/B, acquire/release variants. */
    ldaxr   w9, [x19, #0]
    stlxr   w11, w9, [x19]
    P       x9
    P       x11
    add     x21, x19, #8
    ldxrh   w9, [x21]
    stxrh   w11, w20, [x21]
    P       x9
    P       x11
    ldaxrb  w9, [x21, #0]
    stlxrb  w11, w9, [x21]
    P       x9
    P       x11
    add     x22, x19, #13
    ldxrb   w9, [x22]
    stxrb   w11, w20, [x22]
    P       x9
    P       x11
    ldr     x9, [x19, #8]
    P       x9

    /* Failing: CLREX, other address, no reservation. */
    ldxr    x9, [x19]
    clrex
    stxr    w11, xzr, [x19]
    ldxr    x9, [x19]
    stxr    w12, xzr, [x21]
    stxr    w13, xzr, [x19]
    P       x11
    P       x12
    P       x13
    ldr     x9, [x19]
    P       x9
    ldr     x9, [x19, #8]
    P       x9

    /* Pairs. */
    add     x23, x19, #16
    ldxp    x9, x10, [x23]
    stxp    w11, x10, x9, [x23]
    P       x9
    P       x10
    P       x11
    ldaxp   w9, w10, [x23]
    stlxp   w11, w10, w9, [x23, #0]
    P       x9
    P       x10
    P       x11
    ldp     x9, x10, [x23]
    P       x9
    P       x10
    ldxp    w9, w10, [x23]
    clrex
    stxp    w11, w9, w9, [x23]
    P       x11
    ldaxp   x9, x10, [x23]
    stlxp   w11, xzr, x20, [x23]
    stlxp   w12, x20, x20, [x23]
    P       x11
    P       x12
    ldp     x9, x10, [x23]
    P       x9
    P       x10

    /* Load-acquire / store-release. */
    add     x24, x19, #32
    stlr    x20, [x24]
    ldar    x9, [x24]
    P       x9
    mov     w12, #0xfedc
    stlrb   w12, [x24]
    add     x27, x24, #2
    stlrh   w12, [x27]
    stlr    w12, [x24, #0]
    add     x25, x24, #4
    stlr    w12, [x25]
    ldar    x9, [x24]
    P       x9
    ldarb   w9, [x24]
    P       x9
    ldarh   w9, [x25]
    P       x9
    ldar    w9, [x25]
    P       x9
    ldapr   x9, [x24]
    P       x9
    ldapr   w9, [x25]
    P       x9
    ldaprb  w9, [x24]
    P       x9
    ldaprh  w9, [x24]
    P       x9
    stllr   x20, [x24]
    ldlar   x9, [x24]
    P       x9
    stllrb  w12, [x24]
    stllrh  w12, [x25]
    ldlarb  w9, [x24]
    P       x9
    ldlarh  w9, [x25]
    P       x9
    ldlar   w9, [x24]
    P       x9

    /* A retry loop: 1000 increments by 3. */
    add     x26, x19, #48
    mov     x13, #1000
1:  ldaxr   x9, [x26]
    add     x9, x9, #3
    stlxr   w11, x9, [x26]
    cbnz    w11, 1b
    subs    x13, x13, #1
    b.ne    1b
    ldr     x9, [x26]
    P       x9

    EXIT0

    .data
    .balign 16
data:
    .quad   0x0123456789abcdef, 0xfedcba9876543210
    .quad   0x1111111122222222, 0x3333333344444444
    .quad   0, 0
    .quad   100, 0
