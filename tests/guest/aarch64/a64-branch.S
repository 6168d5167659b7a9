/*
 * Branches and system instructions: B, BL/RET (nested), BLR, BR through
 * a jump table, CBZ/CBNZ (32-bit forms ignore the high half), TBZ/TBNZ on
 * every bit position, B.cond loops; hints (NOP, YIELD, WFE-free forms,
 * PACIASP/AUTIASP/BTI as NOPs), barriers, CLREX, cache maintenance NOPs,
 * DC ZVA with DCZID_EL0; MRS/MSR round trips of NZCV (all 16 values),
 * TPIDR_EL0, FPCR and FPSR; CNTVCT_EL0 counting.
 */
#include "a64-lib.inc"

    .text
    .globl _start
_start:
    /* B.cond loop: sum 1..100 */
    mov     x0, #0
    mov     x1, #100
1:  add     x0, x0, x1
    subs    x1, x1, #1
    b.gt    1b
    PUT     x0

    /* CBNZ loop, CBZ forward */
    mov     x0, #0
    mov     x1, #10
2:  add     x0, x0, #3
    sub     x1, x1, #1
    cbnz    x1, 2b
    cbz     x1, 3f
    mov     x0, #-1
3:  PUT     x0
    /* 32-bit CBZ/CBNZ look at the low half only */
    LI      x2, 0xffffffff00000000
    mov     x0, #0
    cbz     w2, 4f
    mov     x0, #1
4:  cbnz    x2, 5f
    mov     x0, #2
5:  PUT     x0
    cbnz    w2, 6f
    add     x0, x0, #0x10
6:  PUT     x0

    /* TBZ/TBNZ on every bit: rebuild x1 bit by bit */
    LI      x1, 0x8123456789abcdef
    mov     x3, #0
    .irp    b, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
    tbz     x1, #\b, 7f
    orr     x3, x3, #(1 << \b)
7:
    .endr
    PUT     x3
    mov     x3, #0
    .irp    b, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63
    tbnz    x1, #\b, 7f
    orr     x3, x3, #(1 << \b)
7:
    .endr
    PUT     x3

    /* BL/RET, nested, and the link register's value */
    mov     x0, #5
    bl      fact
    PUT     x0
    adr     x4, after_bl
    bl      get_lr
after_bl:
    sub     x0, x0, x4
    PUT     x0
    /* BLR, and BLR x30 (the target is the old x30) */
    adr     x5, fact
    mov     x0, #6
    blr     x5
    PUT     x0
    adr     x30, get_lr
    blr     x30
    adr     x4, 8f
8:  sub     x0, x0, x4
    PUT     x0
    /* BR through a jump table */
    mov     x6, #0
    mov     x7, #0
9:  adr     x5, table
    add     x5, x5, x7, lsl #3
    br      x5
table:
    add     x6, x6, #1
    b       10f
    add     x6, x6, #20
    b       10f
    add     x6, x6, #300
    b       10f
10: add     x7, x7, #1
    cmp     x7, #3
    b.ne    9b
    PUT     x6
    /* RET to another register */
    adr     x9, 11f
    ret     x9
    mov     x6, #0
11: PUT     x6

    /* hints, barriers, cache maintenance: no effect on registers */
    mov     x0, #0x55
    nop
    yield
    sev
    sevl
    hint    #0x19           /* PACIASP */
    hint    #0x1d           /* AUTIASP */
    hint    #0x22           /* BTI c */
    hint    #0x7            /* XPACLRI */
    hint    #0x7f
    dmb     ish
    dmb     ishld
    dmb     ishst
    dsb     sy
    dsb     nsh
    isb
    clrex
    mov     x4, sp
    dc      cvau, x4
    dc      civac, x4
    dc      cvac, x4
    ic      ivau, x4
    PUT     x0

    /*
     * DC ZVA zeroes exactly the aligned block of 4 << DCZID_EL0.BS bytes
     * holding the address (tern: 64 like the Cortex cores, QEMU's max:
     * 512).  x0 = 1 if every word of a 4 KiB buffer is zero exactly when
     * it is in that block, and DZP (bit 4) is clear.
     */
    mrs     x8, dczid_el0
    and     x9, x8, #0xf
    mov     x10, #4
    lsl     x10, x10, x9            /* block bytes */
    mov     x11, sp
    sub     sp, sp, #8192
    mov     x4, sp
    add     x4, x4, #4095
    and     x4, x4, #~4095          /* 4 KiB-aligned buffer below x11 */
    mov     x5, #-1
    mov     x6, #0
12: str     x5, [x4, x6, lsl #3]
    add     x6, x6, #1
    cmp     x6, #512
    b.ne    12b
    add     x5, x4, #2048 + 24
    dc      zva, x5
    sub     x12, x10, #1
    bic     x12, x5, x12            /* block start */
    add     x13, x12, x10           /* block end */
    mov     x0, #1
    tbz     x8, #4, 13f
    mov     x0, #0
13: mov     x6, #0
14: add     x7, x4, x6, lsl #3
    ldr     x5, [x7]
    cmp     x7, x12
    ccmp    x7, x13, #2, hs         /* in block: lo; else force hs */
    cset    x9, lo
    cmp     x5, #0
    cset    x5, eq
    cmp     x5, x9
    csel    x0, x0, xzr, eq
    add     x6, x6, #1
    cmp     x6, #512
    b.ne    14b
    PUT     x0
    mov     sp, x11

    /* NZCV round trips */
    mov     x6, #0
    mov     x3, #0
15: lsl     x7, x6, #28
    orr     x7, x7, #0x0fffffff     /* other bits are RES0 */
    msr     nzcv, x7
    mrs     x5, nzcv
    lsl     x3, x3, #4
    orr     x3, x3, x5, lsr #28
    add     x6, x6, #1
    cmp     x6, #16
    b.ne    15b
    PUT     x3
    msr     nzcv, xzr
    mrs     x5, nzcv
    PUT     x5

    /* TPIDR_EL0 read/write; TPIDRRO_EL0 reads 0 for a native process */
    LI      x4, 0x0123456789abcdef
    msr     tpidr_el0, x4
    mrs     x0, tpidr_el0
    PUT     x0
    msr     tpidr_el0, xzr
    mrs     x0, tpidr_el0
    PUT     x0
    mrs     x0, tpidrro_el0
    PUT     x0

    /* FPCR: rounding mode, FZ, DN, AHP, FZ16 stick */
    LI      x4, 0x07c80000
    msr     fpcr, x4
    mrs     x0, fpcr
    PUT     x0
    mov     x4, #0x00400000
    msr     fpcr, x4
    mrs     x0, fpcr
    PUT     x0
    msr     fpcr, xzr
    mrs     x0, fpcr
    PUT     x0
    /* FPSR: QC and the cumulative flags */
    LI      x4, 0x0800009f
    msr     fpsr, x4
    mrs     x0, fpsr
    PUT     x0
    msr     fpsr, xzr
    mrs     x0, fpsr
    PUT     x0

    /* CNTVCT_EL0 runs forward; CNTFRQ_EL0 is nonzero */
    mrs     x4, cntvct_el0
    mov     x6, #2000
16: subs    x6, x6, #1
    b.ne    16b
    isb
    mrs     x5, cntvct_el0
    cmp     x5, x4
    cset    x0, hi
    PUT     x0
    mrs     x4, cntfrq_el0
    cmp     x4, #0
    cset    x0, ne
    PUT     x0
    EXIT    0

/* x0 = x0! (recursive, keeps x30 on the stack) */
fact:
    cmp     x0, #1
    b.ls    1f
    stp     x0, x30, [sp, #-16]!
    sub     x0, x0, #1
    bl      fact
    ldp     x1, x30, [sp], #16
    mul     x0, x0, x1
1:  ret

get_lr:
    mov     x0, x30
    ret
