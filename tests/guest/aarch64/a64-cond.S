/*
 * All 16 condition codes against all 16 NZCV values, three ways: CSINC
 * (conditional select), B.cond (branches) and CCMP (conditional compare).
 * For each NZCV one line per way: a 16-bit mask, bit c set when
 * condition c holds; the three must agree.  By the ARM ARM, for NZCV = 0
 * NE, CC, PL, VC, LS, GE, GT, AL and NV hold: mask 0xd6aa.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    mov     x6, #0                  /* nzcv value 0..15 */
loop:
    lsl     x7, x6, #28
    PUT     x6

    /* CSINC: x4 = cond ? 0 : 1 */
    mov     x5, #0
    .set    idx, 0
    .irp    c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    msr     nzcv, x7
    csinc   x4, xzr, xzr, \c
    eor     x4, x4, #1
    orr     x5, x5, x4, lsl #idx
    .set    idx, idx + 1
    .endr
    PUT     x5

    /* B.cond */
    mov     x5, #0
    .set    idx, 0
    .irp    c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    msr     nzcv, x7
    b.\c    1f
    b       2f
1:  orr     x5, x5, #(1 << idx)
2:
    .set    idx, idx + 1
    .endr
    PUT     x5

    /* CCMP x0, x0 (-> Z C) when the condition holds, else NZCV = 0 */
    mov     x5, #0
    .set    idx, 0
    .irp    c, eq, ne, cs, cc, mi, pl, vs, vc, hi, ls, ge, lt, gt, le, al, nv
    msr     nzcv, x7
    ccmp    x0, x0, #0, \c
    cset    x4, eq
    orr     x5, x5, x4, lsl #idx
    .set    idx, idx + 1
    .endr
    PUT     x5

    add     x6, x6, #1
    cmp     x6, #16
    b.ne    loop
    EXIT    0
