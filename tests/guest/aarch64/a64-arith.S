/*
 * Data processing (register): logical shifted (all eight, all four shift
 * types), ADD/SUB shifted and extended (with SP), conditional select
 * family, 1-source (RBIT, REV16, REV32, REV, CLZ, CLS), 2-source (UDIV,
 * SDIV incl. by zero and MIN / -1, LSLV/LSRV/ASRV/RORV with counts beyond
 * the width), 3-source (MADD, MSUB, SMADDL, SMSUBL, UMADDL, UMSUBL, SMULH,
 * UMULH) and CRC32/CRC32C.
 */
    .arch   armv8-a+crc
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    LI      x1, 0x8123456789abcdef
    LI      x2, 0x00000000fedcba98
    LI      x3, 0xf0f0f0f00ff00ff0

    /* logical, shifted register */
    and     x0, x1, x3
    PUT     x0
    bic     x0, x1, x3, lsl #4
    PUT     x0
    orr     x0, x1, x3, lsr #8
    PUT     x0
    orn     x0, x1, x3, asr #12
    PUT     x0
    eor     x0, x1, x3, ror #16
    PUT     x0
    eon     x0, x1, x3, ror #1
    PUT     x0
    ands    x0, x1, x3, lsl #63
    PUT     x0
    PUTNZCV
    bics    x0, x1, x1
    PUT     x0
    PUTNZCV
    and     w0, w1, w3, ror #4
    PUT     x0
    orn     w0, w2, w3
    PUT     x0
    eon     w0, w2, w3, asr #31
    PUT     x0
    bic     w0, w1, w2, lsr #3
    PUT     x0
    bics    w0, w2, w3, lsl #31
    PUT     x0
    PUTNZCV
    mvn     x0, x1
    PUT     x0
    mvn     w0, w1
    PUT     x0
    mov     x0, x1
    PUT     x0
    mov     w0, w1
    PUT     x0

    /* add/sub shifted and extended */
    add     x0, x1, x2, lsl #3
    PUT     x0
    sub     x0, x1, x2, asr #63
    PUT     x0
    add     w0, w1, w2, lsr #31
    PUT     x0
    sub     w0, w1, w2, asr #4
    PUT     x0
    neg     x0, x1
    PUT     x0
    neg     w0, w2
    PUT     x0
    negs    x0, xzr
    PUTNZCV
    add     x0, x1, w2, sxtw #4
    PUT     x0
    add     x0, x1, w2, uxtw #2
    PUT     x0
    sub     x0, x1, w2, sxth
    PUT     x0
    sub     x0, x1, w2, uxtb #1
    PUT     x0
    add     x0, x1, x2, sxtx #3
    PUT     x0
    add     w0, w1, w2, sxtb
    PUT     x0
    mov     x9, sp
    add     x0, sp, w2, uxtb        /* SP as the first operand */
    sub     x0, x0, x9
    PUT     x0
    sub     sp, sp, x2, uxtb #2     /* SP as the destination */
    mov     x0, sp
    sub     x0, x9, x0
    PUT     x0
    mov     sp, x9
    cmp     sp, x9
    PUTNZCV
    cmn     w2, w2, uxth
    PUTNZCV

    /* conditional select */
    cmp     x1, x2                  /* signed: x1 < x2, unsigned: x1 > x2 */
    csel    x0, x1, x2, lt
    PUT     x0
    csel    x0, x1, x2, lo
    PUT     x0
    csinc   x0, x1, x2, ge
    PUT     x0
    csinv   x0, x1, x2, ge
    PUT     x0
    csneg   x0, x1, x2, ge
    PUT     x0
    csneg   w0, w1, w2, hs
    PUT     x0
    csinv   w0, w1, w2, eq
    PUT     x0
    csinc   w0, w1, w3, vs
    PUT     x0
    cset    x0, hi
    PUT     x0
    csetm   w0, hi
    PUT     x0
    cinc    x0, x2, lt
    PUT     x0
    cneg    w0, w2, lt
    PUT     x0
    LI      x4, 0xffffffff
    csinc   w0, w4, w4, nv          /* NV acts as AL: w4 */
    PUT     x0

    /* 1-source */
    rbit    x0, x1
    PUT     x0
    rbit    w0, w1
    PUT     x0
    rev16   x0, x1
    PUT     x0
    rev16   w0, w1
    PUT     x0
    rev32   x0, x1
    PUT     x0
    rev     x0, x1
    PUT     x0
    rev     w0, w1
    PUT     x0
    clz     x0, x2
    PUT     x0
    clz     x0, xzr
    PUT     x0
    clz     w0, wzr
    PUT     x0
    clz     w0, w2
    PUT     x0
    clz     x0, x1
    PUT     x0
    cls     x0, x1
    PUT     x0
    cls     x0, xzr
    PUT     x0
    mov     x4, #-1
    cls     x0, x4
    PUT     x0
    cls     w0, w4
    PUT     x0
    cls     w0, w2
    PUT     x0
    LI      x4, 0x00000000003fffff
    cls     w0, w4
    PUT     x0
    cls     x0, x4
    PUT     x0

    /* 2-source: division */
    mov     x4, #7
    mov     x5, #-2
    udiv    x0, x1, x4
    PUT     x0
    sdiv    x0, x1, x4
    PUT     x0
    sdiv    x0, x1, x5
    PUT     x0
    udiv    x0, x1, xzr
    PUT     x0
    sdiv    x0, x1, xzr
    PUT     x0
    udiv    w0, w2, w4
    PUT     x0
    sdiv    w0, w2, w4
    PUT     x0
    sdiv    w0, w2, w5
    PUT     x0
    sdiv    w0, w2, wzr
    PUT     x0
    mov     x4, #-1
    LI      x6, 0x8000000000000000
    sdiv    x0, x6, x4
    PUT     x0
    LI      x6, 0x0000000080000000
    sdiv    w0, w6, w4
    PUT     x0
    udiv    w0, w6, w4
    PUT     x0

    /* 2-source: shifts by register (count modulo the width) */
    mov     x4, #68
    lsl     x0, x1, x4
    PUT     x0
    lsr     x0, x1, x4
    PUT     x0
    asr     x0, x1, x4
    PUT     x0
    ror     x0, x1, x4
    PUT     x0
    mov     x4, #36
    lsl     w0, w1, w4
    PUT     x0
    lsr     w0, w1, w4
    PUT     x0
    asr     w0, w1, w4
    PUT     x0
    ror     w0, w1, w4
    PUT     x0
    ror     w0, w2, wzr
    PUT     x0
    mov     x4, #63
    asr     x0, x1, x4
    PUT     x0

    /* 3-source */
    LI      x4, 0x0000000100000003
    LI      x5, 0xfffffffffffffff0
    madd    x0, x1, x4, x2
    PUT     x0
    msub    x0, x1, x4, x2
    PUT     x0
    madd    w0, w1, w4, w2
    PUT     x0
    msub    w0, w1, w4, w2
    PUT     x0
    mul     x0, x1, x5
    PUT     x0
    mneg    x0, x1, x5
    PUT     x0
    smaddl  x0, w1, w5, x2
    PUT     x0
    smsubl  x0, w1, w5, x2
    PUT     x0
    umaddl  x0, w1, w5, x2
    PUT     x0
    umsubl  x0, w1, w5, x2
    PUT     x0
    smull   x0, w2, w2
    PUT     x0
    umull   x0, w2, w2
    PUT     x0
    smulh   x0, x1, x5
    PUT     x0
    umulh   x0, x1, x5
    PUT     x0
    smulh   x0, x1, x1
    PUT     x0
    umulh   x0, x1, x1
    PUT     x0
    mov     x4, #-1
    umulh   x0, x4, x4
    PUT     x0
    smulh   x0, x4, x4
    PUT     x0

    /* CRC32 (all models here have it) */
    mov     w0, #-1
    crc32b  w0, w0, w1
    PUT     x0
    crc32h  w0, w0, w1
    PUT     x0
    crc32w  w0, w0, w1
    PUT     x0
    crc32x  w0, w0, x1
    PUT     x0
    mov     w0, #-1
    crc32cb w0, w0, w1
    PUT     x0
    crc32ch w0, w0, w1
    PUT     x0
    crc32cw w0, w0, w1
    PUT     x0
    crc32cx w0, w0, x1
    PUT     x0
    /* CRC-32 of "123456789" is 0xcbf43926, CRC-32C 0xe3069283 */
    adr     x4, digits
    mov     w0, #-1
    mov     w6, #-1
    mov     x5, #9
1:  ldrb    w3, [x4], #1
    crc32b  w0, w0, w3
    crc32cb w6, w6, w3
    subs    x5, x5, #1
    b.ne    1b
    mvn     w0, w0
    mvn     w6, w6
    PUT     x0
    PUT     x6
    EXIT    0

digits:
    .ascii  "123456789"
