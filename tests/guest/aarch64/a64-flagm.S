/*
 * FlagM and FlagM2 (the "max" CPU): CFINV, RMIF, SETF8, SETF16, AXFLAG,
 * XAFLAG, each from several starting NZCV values.
 */
    .arch   armv8.5-a
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    /* CFINV on each NZCV */
    .irp    v, 0, 2, 0xd, 0xf
    SETNZCV \v
    cfinv
    PUTNZCV
    .endr

    /* AXFLAG / XAFLAG on all 16 NZCV values: one nibble each */
    mov     x6, #0
    mov     x4, #0
    mov     x5, #0
1:  lsl     x7, x6, #28
    msr     nzcv, x7
    axflag
    mrs     x3, nzcv
    lsl     x4, x4, #4
    orr     x4, x4, x3, lsr #28
    msr     nzcv, x7
    xaflag
    mrs     x3, nzcv
    lsl     x5, x5, #4
    orr     x5, x5, x3, lsr #28
    add     x6, x6, #1
    cmp     x6, #16
    b.ne    1b
    PUT     x4
    PUT     x5

    /* RMIF: rotate right, then copy the masked low 4 bits into NZCV */
    LI      x1, 0x00000000000000a0
    SETNZCV 0x5
    rmif    x1, #4, #0xf            /* 0xa -> N C */
    PUTNZCV
    SETNZCV 0x5
    rmif    x1, #4, #0x8            /* only N from 0xa */
    PUTNZCV
    LI      x1, 0x8000000000000001
    SETNZCV 0x0
    rmif    x1, #63, #0xf           /* ror 63: bits 0,1 = 1,1 -> C V */
    PUTNZCV
    SETNZCV 0xf
    rmif    x1, #0, #0x6            /* 0x1: Z and C from bits 2, 1 = 0 */
    PUTNZCV

    /* SETF8 / SETF16: N, Z, V from the low byte/halfword; C untouched */
    .irp    val, 0x0, 0x80, 0x7f, 0x100, 0x180, 0x8000, 0x10000, 0x17fff
    LI      x1, \val
    SETNZCV 0x2
    setf8   w1
    PUTNZCV
    SETNZCV 0x0
    setf16  w1
    PUTNZCV
    .endr
    EXIT    0
