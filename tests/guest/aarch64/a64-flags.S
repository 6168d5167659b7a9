/*
 * Flag-setting arithmetic, 64- and 32-bit: ADDS/SUBS/ADCS/SBCS (register,
 * immediate, shifted, extended), CMP/CMN, ANDS/BICS/TST, CCMP/CCMN
 * (register and immediate, condition true and false).  Every case prints
 * the result and NZCV.  32-bit cases put garbage in the high halves of
 * the sources: it must not matter, and the result's high half is zero.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    .macro X op, a, b, nzcv_in=0
    LI      x1, \a
    LI      x2, \b
    SETNZCV \nzcv_in
    \op     x0, x1, x2
    PUT     x0
    PUTNZCV
    .endm

    .macro W op, a, b, nzcv_in=0
    LI      x1, (0x5a5a5a5a00000000 | (\a))
    LI      x2, (0xa5a5a5a500000000 | (\b))
    SETNZCV \nzcv_in
    \op     w0, w1, w2
    PUT     x0
    PUTNZCV
    .endm

    /* ADDS 64 */
    X adds, 1, 2
    X adds, 0xffffffffffffffff, 1
    X adds, 0x7fffffffffffffff, 1
    X adds, 0x8000000000000000, 0x8000000000000000
    X adds, 0x8000000000000000, 0xffffffffffffffff
    X adds, 0, 0, 0xf
    /* ADDS 32 */
    W adds, 1, 2
    W adds, 0xffffffff, 1
    W adds, 0x7fffffff, 1
    W adds, 0x80000000, 0x80000000
    W adds, 0x80000000, 0xffffffff
    W adds, 0xfffffffe, 1
    /* SUBS 64: C is "no borrow" */
    X subs, 5, 3
    X subs, 3, 5
    X subs, 5, 5
    X subs, 0x8000000000000000, 1
    X subs, 0x7fffffffffffffff, 0xffffffffffffffff
    X subs, 0, 0xffffffffffffffff
    X subs, 0, 0
    /* SUBS 32 */
    W subs, 5, 3
    W subs, 3, 5
    W subs, 5, 5
    W subs, 0x80000000, 1
    W subs, 0x7fffffff, 0xffffffff
    W subs, 0, 0
    /* ADCS with carry in 0 and 1 */
    X adcs, 1, 2, 0
    X adcs, 1, 2, 2
    X adcs, 0xffffffffffffffff, 0, 2
    X adcs, 0xffffffffffffffff, 0xffffffffffffffff, 2
    X adcs, 0x7fffffffffffffff, 0, 2
    X adcs, 0x8000000000000000, 0x7fffffffffffffff, 2
    W adcs, 0xffffffff, 0, 2
    W adcs, 0x7fffffff, 0, 2
    W adcs, 0xffffffff, 0xffffffff, 2
    W adcs, 0x12345678, 0x11111111, 0
    /* SBCS: a - b - !C */
    X sbcs, 5, 3, 2
    X sbcs, 5, 3, 0
    X sbcs, 5, 5, 0
    X sbcs, 0, 0, 0
    X sbcs, 0x8000000000000000, 0, 0
    W sbcs, 5, 5, 0
    W sbcs, 5, 5, 2
    W sbcs, 0x80000000, 0, 0
    W sbcs, 0, 0xffffffff, 2
    /* ADC/SBC without flags keep NZCV */
    X adc, 10, 20, 0xb
    X sbc, 10, 20, 0x4
    W adc, 0xffffffff, 0, 0x2
    W sbc, 0, 0, 0x0
    /* shifted and extended forms */
    X "adds", 0x10, 0x1
    LI      x1, 0x0fffffffffffffff
    LI      x2, 0x0000000000000001
    adds    x0, x1, x2, lsl #60
    PUT     x0
    PUTNZCV
    subs    x0, x1, x2, lsr #1
    PUT     x0
    PUTNZCV
    LI      x2, 0x00000000000000ff
    subs    w0, w1, w2, asr #4
    PUT     x0
    PUTNZCV
    LI      x2, 0xffffffff80000080
    adds    x0, x1, w2, sxtb #2
    PUT     x0
    PUTNZCV
    adds    x0, x1, w2, uxtb #4
    PUT     x0
    PUTNZCV
    subs    x0, x1, w2, sxtw
    PUT     x0
    PUTNZCV
    subs    w0, w1, w2, uxth #1
    PUT     x0
    PUTNZCV
    /* immediates, CMP/CMN */
    LI      x1, 0x1000
    cmp     x1, #1, lsl #12
    PUTNZCV
    cmp     x1, #0xfff
    PUTNZCV
    cmn     x1, #1
    PUTNZCV
    LI      x1, 0xfffffffffffff000
    cmn     x1, #1, lsl #12
    PUTNZCV
    cmn     w1, #1, lsl #12
    PUTNZCV
    subs    w0, w1, #4095
    PUT     x0
    PUTNZCV
    adds    x0, x1, #4095
    PUT     x0
    PUTNZCV
    /* logical flags: C and V are cleared */
    X ands, 0xf0f0f0f0f0f0f0f0, 0x8000000000000000, 0x3
    X ands, 0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0x3
    X bics, 0xf0f0f0f0f0f0f0f0, 0x0f0f0f0f0f0f0f0f, 0x3
    W ands, 0x80000001, 0x80000000, 0x3
    W bics, 0x80000001, 0x80000001, 0x1
    LI      x1, 0x00000000ffffffff
    tst     x1, #0x80000000
    PUTNZCV
    tst     w1, #0x80000000
    PUTNZCV
    tst     x1, #0x100000000
    PUTNZCV
    LI      x2, 0x8000000000000000
    tst     x2, x2, lsr #0
    PUTNZCV
    /* CCMP / CCMN */
    LI      x1, 5
    LI      x2, 5
    SETNZCV 0x4
    ccmp    x1, x2, #0x3, eq            /* taken: 5-5 -> ZC */
    PUTNZCV
    SETNZCV 0x0
    ccmp    x1, x2, #0x3, eq            /* not taken: 0x3 */
    PUTNZCV
    SETNZCV 0x0
    ccmp    x1, #6, #0xf, ne            /* taken: 5-6 -> N */
    PUTNZCV
    SETNZCV 0x4
    ccmp    x1, #6, #0x9, ne            /* not taken: 0x9 */
    PUTNZCV
    LI      x2, 0xfffffffffffffffb
    SETNZCV 0x2
    ccmn    x1, x2, #0x0, cs            /* taken: 5 + -5 -> ZC */
    PUTNZCV
    SETNZCV 0x0
    ccmn    x1, x2, #0x8, cs            /* not taken */
    PUTNZCV
    LI      x1, 0x7fffffff
    SETNZCV 0x0
    ccmn    w1, #1, #0x0, al            /* always: V N */
    PUTNZCV
    SETNZCV 0x9
    ccmp    w1, w2, #0x6, lt            /* N!=V: taken: 7fffffff - fffffffb */
    PUTNZCV
    SETNZCV 0x8
    ccmp    w1, w2, #0x6, ge            /* N!=V: not taken */
    PUTNZCV
    SETNZCV 0x0
    ccmp    x1, x1, #0x0, nv            /* nv behaves as always */
    PUTNZCV
    EXIT    0
