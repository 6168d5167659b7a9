/*
 * Data processing (immediate): bitfield moves and all their aliases
 * (LSL/LSR/ASR immediate, SXTB/SXTH/SXTW, UXTB/UXTH, SBFX/UBFX, SBFIZ/
 * UBFIZ, BFI/BFXIL/BFC), EXTR and ROR, logical immediates of every
 * element size, MOVZ/MOVN/MOVK chains, ADR/ADRP, ADD/SUB immediate with
 * SP.  32-bit forms must leave the high half of Xd zero.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    LI      x1, 0x8123456789abcdef
    LI      x2, 0x00000000fedcba98

    /* shifts by immediate */
    lsl     x0, x1, #4
    PUT     x0
    lsl     x0, x1, #63
    PUT     x0
    lsr     x0, x1, #60
    PUT     x0
    asr     x0, x1, #60
    PUT     x0
    asr     x0, x1, #0
    PUT     x0
    lsl     w0, w1, #1
    PUT     x0
    lsr     w0, w1, #31
    PUT     x0
    asr     w0, w1, #16
    PUT     x0
    asr     w0, w2, #31
    PUT     x0

    /* extends */
    sxtb    x0, w1
    PUT     x0
    sxth    x0, w1
    PUT     x0
    sxtw    x0, w1
    PUT     x0
    sxtw    x0, w2
    PUT     x0
    sxtb    w0, w2
    PUT     x0
    sxth    w0, w2
    PUT     x0
    uxtb    w0, w1
    PUT     x0
    uxth    w0, w1
    PUT     x0

    /* field extract and insert-in-zero */
    sbfx    x0, x1, #4, #8
    PUT     x0
    ubfx    x0, x1, #4, #8
    PUT     x0
    sbfx    x0, x1, #60, #4
    PUT     x0
    ubfx    w0, w2, #28, #4
    PUT     x0
    sbfx    w0, w2, #28, #4
    PUT     x0
    sbfiz   x0, x1, #8, #8
    PUT     x0
    ubfiz   x0, x1, #56, #8
    PUT     x0
    sbfiz   w0, w2, #4, #8
    PUT     x0
    ubfiz   w0, w2, #24, #8
    PUT     x0
    sbfiz   w0, w2, #31, #1
    PUT     x0

    /* insert into the destination */
    mov     x0, x1
    bfi     x0, x2, #8, #16
    PUT     x0
    mov     x0, x1
    bfxil   x0, x2, #8, #16
    PUT     x0
    mov     x0, x1
    bfi     w0, w2, #28, #4
    PUT     x0
    mov     x0, x1
    bfxil   w0, w2, #0, #1
    PUT     x0
    mov     x0, x1
    bfm     x0, xzr, #4, #3         /* BFC x0, #60, #4 */
    PUT     x0
    mov     x0, x1
    bfi     x0, x2, #0, #64
    PUT     x0

    /* EXTR and ROR */
    extr    x0, x1, x2, #8
    PUT     x0
    extr    x0, x1, x2, #0
    PUT     x0
    extr    w0, w1, w2, #12
    PUT     x0
    extr    w0, w1, w2, #0
    PUT     x0
    ror     x0, x1, #36
    PUT     x0
    ror     w0, w1, #4
    PUT     x0

    /* logical immediates: element sizes 2, 4, 8, 16, 32, 64 */
    mov     x3, #-1
    and     x0, x3, #0x5555555555555555
    PUT     x0
    and     x0, x3, #0x7777777777777777
    PUT     x0
    and     x0, x3, #0x0f0f0f0f0f0f0f0f
    PUT     x0
    and     x0, x3, #0xc003c003c003c003
    PUT     x0
    eor     x0, x1, #0x00000003fffffffc
    PUT     x0
    orr     x0, xzr, #0x7ffffffffffffffe
    PUT     x0
    orr     x0, x2, #0xff00000000000000
    PUT     x0
    and     w0, w1, #0x80000001
    PUT     x0
    orr     w0, w2, #0x00ff00ff
    PUT     x0
    eor     w0, w1, #0xfffffffe
    PUT     x0
    ands    x0, x1, #0xf000000000000000
    PUT     x0
    PUTNZCV
    ands    w0, w1, #0xff00
    PUT     x0
    PUTNZCV
    tst     w2, #0x80000000
    PUTNZCV
    /* ORR/AND/EOR immediate may write SP */
    mov     x9, sp
    and     sp, x9, #0xfffffffffffffff0
    mov     x10, sp
    sub     x10, x9, x10
    PUT     x10
    mov     sp, x9

    /* move wide */
    movz    x0, #0xbeef, lsl #48
    PUT     x0
    movn    x0, #0x1234, lsl #16
    PUT     x0
    movn    w0, #0x1234, lsl #16
    PUT     x0
    movn    w0, #0
    PUT     x0
    mov     x0, #-1
    movk    x0, #0, lsl #32
    PUT     x0
    mov     x0, #-1
    movk    w0, #0x1234, lsl #16
    PUT     x0
    LI      x0, 0x0123456789abcdef
    PUT     x0
    LI      x0, 0xfedcba9876543210
    PUT     x0

    /* ADD/SUB immediate, SP forms, 32-bit wrap */
    mov     x9, sp
    sub     sp, sp, #0x1000
    add     x0, sp, #0x10
    sub     x0, x9, x0
    PUT     x0
    add     sp, sp, #1, lsl #12
    mov     x0, sp
    sub     x0, x0, x9
    PUT     x0
    LI      x3, 0x00000000ffffffff
    add     w0, w3, #1
    PUT     x0
    mov     w0, #0
    sub     w0, w0, #1
    PUT     x0
    add     x0, x3, #0xfff, lsl #12
    PUT     x0
    mov     w0, wsp
    mov     x10, sp
    and     x10, x10, #0xffffffff
    sub     x0, x0, x10
    PUT     x0

    /* ADR / ADRP: relative to this code */
    adr     x0, _start
    adr     x3, here
here:
    sub     x0, x3, x0
    PUT     x0
    adrp    x0, here
    adr     x3, here
    and     x3, x3, #~0xfff
    sub     x0, x0, x3
    PUT     x0
    adr     x0, .
    adr     x3, . + 4
    sub     x0, x3, x0
    PUT     x0
    EXIT    0
