/*
 * LSE atomics (ARMv8.1): LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/
 * LDUMIN in B/H/W/X with the A/L/AL variants and the ST* aliases, SWP,
 * CAS/CASA/CASL/CASAL (matching and not), CASP (W and X pairs).  Prints
 * the old values returned and the memory afterwards.  Expected output
 * from qemu-aarch64 (-cpu max).
 */
#include "ldst-common.inc"

    .arch   armv8.1-a

    .macro  SHOW  insn, rs, rt, off
    add     x21, x19, #\off
    \insn   \rs, \rt, [x21]
    P       x10
    ldr     x0, [x21]
    bl      put_hex
    .endm

    .text
    .globl _start
_start:
    adr     x19, data
    mov     x9, #0x8001
    movk    x9, #0x7f80, lsl #16
    movk    x9, #0x00ff, lsl #32
    movk    x9, #0x8000, lsl #48        /* 0x800000ff7f808001 */
    mov     x10, #-1

    /* X */
    SHOW    ldadd, x9, x10, 0
    SHOW    ldadda, x9, x10, 0
    SHOW    ldclrl, x9, x10, 0
    SHOW    ldeoral, x9, x10, 0
    SHOW    ldset, x9, x10, 0
    SHOW    ldsmax, x9, x10, 8
    SHOW    ldsmin, x9, x10, 8
    SHOW    ldumax, x9, x10, 8
    SHOW    ldumin, x9, x10, 8
    SHOW    swp, x9, x10, 16
    SHOW    swpal, xzr, x10, 16
    /* W */
    SHOW    ldadd, w9, w10, 24
    SHOW    ldclra, w9, w10, 24
    SHOW    ldeorl, w9, w10, 24
    SHOW    ldsetal, w9, w10, 24
    SHOW    ldsmax, w9, w10, 32
    SHOW    ldsmin, w9, w10, 32
    SHOW    ldumax, w9, w10, 40
    SHOW    ldumin, w9, w10, 40
    SHOW    swpa, w9, w10, 48
    /* H */
    SHOW    ldaddh, w9, w10, 56
    SHOW    ldclrh, w9, w10, 56
    SHOW    ldeorh, w9, w10, 56
    SHOW    ldseth, w9, w10, 56
    SHOW    ldsmaxh, w9, w10, 64
    SHOW    ldsminh, w9, w10, 64
    SHOW    ldumaxh, w9, w10, 72
    SHOW    lduminh, w9, w10, 72
    SHOW    swph, w9, w10, 80
    /* B */
    SHOW    ldaddb, w9, w10, 88
    SHOW    ldclrb, w9, w10, 88
    SHOW    ldeorb, w9, w10, 88
    SHOW    ldsetb, w9, w10, 88
    SHOW    ldsmaxb, w9, w10, 96
    SHOW    ldsminb, w9, w10, 96
    SHOW    ldumaxb, w9, w10, 104
    SHOW    lduminb, w9, w10, 104
    SHOW    swpb, w9, w10, 112
    SHOW    ldaddalb, w9, w10, 113
    SHOW    ldsmaxalh, w9, w10, 114

    /* ST* aliases (Rt = XZR). */
    add     x21, x19, #120
    stadd   x9, [x21]
    stclrl  w9, [x21]
    steorb  w9, [x21]
    stsmaxh w9, [x21]
    ldr     x0, [x21]
    bl      put_hex

    /* CAS: x11 = compare (old returned), x12 = new. */
    add     x21, x19, #128
    ldr     x11, [x21]
    mov     x12, #0x4242
    cas     x11, x12, [x21]         /* matches */
    P       x11
    ldr     x0, [x21]
    bl      put_hex
    mov     x11, #7
    casa    x11, x9, [x21]          /* does not match */
    P       x11
    ldr     x0, [x21]
    bl      put_hex
    mov     x11, #0x4242
    movk    x11, #0xffff, lsl #48   /* high half ignored by the W form */
    casl    w11, w9, [x21]
    P       x11
    ldr     x0, [x21]
    bl      put_hex
    mov     w11, #0x8001
    casalh  w11, w12, [x21]
    P       x11
    ldr     x0, [x21]
    bl      put_hex
    mov     w11, #0x42
    casb    w11, w12, [x21]
    P       x11
    mov     w11, #0x80
    add     x22, x21, #1
    casab   w11, w12, [x22]
    P       x11
    ldr     x0, [x21]
    bl      put_hex
    casl    xzr, x9, [x21]          /* compare with 0: fails */
    ldr     x0, [x21]
    bl      put_hex

    /* CASP: pairs in x14:x15 (compare) and x16:x17 (new). */
    add     x21, x19, #144
    ldp     x14, x15, [x21]
    mov     x16, #1
    mov     x17, #2
    casp    x14, x15, x16, x17, [x21]
    P       x14
    P       x15
    ldp     x0, x1, [x21]
    bl      put_hex
    ldr     x0, [x21, #8]
    bl      put_hex
    mov     x14, #1
    mov     x15, #3
    caspal  x14, x15, x16, x17, [x21]   /* high half differs: fails */
    P       x14
    P       x15
    ldr     w14, [x21]
    ldr     w15, [x21, #4]
    mov     w16, #5
    mov     w17, #6
    caspa   w14, w15, w16, w17, [x21]
    P       x14
    P       x15
    ldr     x0, [x21]
    bl      put_hex
    mov     x14, #0
    mov     x15, #0
    caspl   w14, w15, w16, w17, [x21]   /* fails, returns the old pair */
    P       x14
    P       x15

    EXIT0

    .data
    .balign 16
data:
    .quad   0x00000000000000f0      /* 0 */
    .quad   0x0000000000000005      /* 8 */
    .quad   0x1111111111111111      /* 16 */
    .quad   0x2222222280000000      /* 24 */
    .quad   0x0000000012345678      /* 32 */
    .quad   0x00000000fffffff0      /* 40 */
    .quad   0x3333333333333333      /* 48 */
    .quad   0x000000000000f00f      /* 56 */
    .quad   0x0000000000007001      /* 64 */
    .quad   0x0000000000000010      /* 72 */
    .quad   0x4444444444444444      /* 80 */
    .quad   0x00000000000000ff      /* 88 */
    .quad   0x000000000000007f      /* 96 */
    .quad   0x00000000000000a0      /* 104 */
    .quad   0x5555555555555555      /* 112 */
    .quad   0x0123456789abcdef      /* 120 */
    .quad   0x0000000080018042      /* 128 */
    .quad   0                       /* 136 */
    .quad   0xaaaaaaaabbbbbbbb, 0xccccccccdddddddd  /* 144 */
