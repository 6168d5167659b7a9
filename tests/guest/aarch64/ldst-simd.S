/*
 * SIMD&FP register loads/stores: LDR/STR of B/H/S/D/Q in every
 * addressing mode (loads zero the rest of the register), LDUR/STUR,
 * LDP/STP/LDNP/STNP of S/D/Q, literal S/D/Q; AdvSIMD structures:
 * LD1/ST1 with 1-4 registers and every arrangement (post-index by
 * immediate and by register), LD2/LD3/LD4 and ST2/ST3/ST4, LD1R-LD4R,
 * single-lane LD1-LD4/ST1-ST4.  Registers are shown by storing them with
 * STR Q and loading the halves with LDR X.  Expected output from
 * qemu-aarch64.
 */
#include "ldst-common.inc"

    .macro  PV n
    str     q\n, [x28]
    ldr     x0, [x28]
    bl      put_hex
    ldr     x0, [x28, #8]
    bl      put_hex
    .endm

    .macro  PMEM off
    ldr     x0, [x20, #\off]
    bl      put_hex
    .endm

    .text
    .globl _start
_start:
    adr     x19, src
    adr     x20, dst
    adr     x28, dump
    adr     x27, ones

    /* Scalar loads zero the upper bits. */
    ldr     q0, [x27]
    ldr     b0, [x19, #1]
    PV      0
    ldr     q1, [x27]
    ldr     h1, [x19, #2]
    PV      1
    ldr     q2, [x27]
    ldr     s2, [x19, #4]
    PV      2
    ldr     q3, [x27]
    ldr     d3, [x19, #8]
    PV      3
    ldr     q4, [x19, #16]
    PV      4
    add     x21, x19, #32
    ldur    q5, [x21, #-31]
    PV      5
    ldur    d6, [x21, #-3]
    PV      6
    ldur    s7, [x21, #-5]
    PV      7
    ldur    h8, [x21, #-7]
    PV      8
    ldur    b9, [x21, #-9]
    PV      9

    /* Pre/post-index and register offset. */
    mov     x22, x19
    ldr     q10, [x22, #16]!
    PV      10
    ldr     d11, [x22], #-8
    PV      11
    ldr     s12, [x22, #4]!
    PV      12
    sub     x0, x22, x19
    bl      put_hex
    ldr     h13, [x22], #3
    PV      13
    ldr     b14, [x22, #-1]!
    PV      14
    sub     x0, x22, x19
    bl      put_hex
    mov     x23, #1
    ldr     q15, [x19, x23, lsl #4]
    PV      15
    ldr     d16, [x19, w23, uxtw #3]
    PV      16
    mov     x24, #-2
    ldr     s17, [x21, x24, sxtx #2]
    PV      17
    mov     w25, #-3
    ldr     h18, [x21, w25, sxtw #1]
    PV      18
    ldr     b19, [x21, w25, sxtw]
    PV      19
    ldr     q20, [x19, x23]
    PV      20

    /* Literals. */
    ldr     q21, litq
    PV      21
    ldr     d22, litq
    PV      22
    ldr     s23, litq + 8
    PV      23

    /* Stores. */
    ldr     q0, [x19]
    ldr     q1, [x19, #16]
    str     q0, [x20]
    str     d1, [x20, #16]
    str     s1, [x20, #24]
    str     h1, [x20, #28]
    str     b1, [x20, #30]
    add     x21, x20, #64
    stur    q1, [x21, #-32]
    stur    d0, [x21, #-16]
    stur    s0, [x21, #-8]
    stur    h0, [x21, #-4]
    stur    b0, [x21, #-1]
    mov     x22, x20
    str     q1, [x22, #64]!
    str     d0, [x22], #16
    str     s0, [x22, #4]!
    str     h1, [x22], #2
    str     b1, [x22, #1]!
    sub     x0, x22, x20
    bl      put_hex
    str     q0, [x20, x23, lsl #4]
    mov     x24, #12
    str     s1, [x20, x24]
    mov     w25, #-1
    str     h0, [x21, w25, sxtw #1]
    str     b0, [x21, w25, sxtw]
    PMEM    0
    PMEM    8
    PMEM    16
    PMEM    24
    PMEM    32
    PMEM    40
    PMEM    48
    PMEM    56
    PMEM    64
    PMEM    72
    PMEM    80
    PMEM    88

    /* Pairs. */
    ldp     s0, s1, [x19, #4]
    PV      0
    PV      1
    ldp     d2, d3, [x19, #8]
    PV      2
    PV      3
    ldp     q4, q5, [x19]
    PV      4
    PV      5
    mov     x22, x19
    ldp     q6, q7, [x22, #16]!
    sub     x0, x22, x19
    bl      put_hex
    PV      6
    PV      7
    ldp     d6, d7, [x22], #-16
    sub     x0, x22, x19
    bl      put_hex
    PV      6
    PV      7
    ldnp    s8, s9, [x19, #-0]
    ldnp    q10, q11, [x19]
    PV      8
    PV      9
    PV      11
    stp     q11, q10, [x20]
    stp     d11, d10, [x20, #32]
    stp     s11, s10, [x20, #48]!
    stnp    s10, s11, [x20, #8]
    stnp    q10, q11, [x20, #16]
    PMEM    -48
    PMEM    -40
    PMEM    -32
    PMEM    -24
    PMEM    -16
    PMEM    -8
    PMEM    0
    PMEM    8
    PMEM    16
    PMEM    24
    PMEM    32
    PMEM    40
    sub     x20, x20, #48

    /* LD1/ST1, multiple registers. */
    ldr     q30, [x27]
    ld1     {v0.16b}, [x19]
    PV      0
    ld1     {v1.8b}, [x19]
    PV      1
    ld1     {v2.4h, v3.4h}, [x19]
    PV      2
    PV      3
    ld1     {v4.2s, v5.2s, v6.2s}, [x19]
    PV      4
    PV      6
    ld1     {v7.1d, v8.1d, v9.1d, v10.1d}, [x19]
    PV      10
    ld1     {v11.8h, v12.8h}, [x19]
    PV      12
    ld1     {v13.4s, v14.4s, v15.4s}, [x19]
    PV      15
    ld1     {v16.2d, v17.2d, v18.2d, v19.2d}, [x19]
    PV      16
    PV      19
    ld1     {v31.16b, v0.16b}, [x19]      /* wraps around to v0 */
    PV      31
    PV      0
    mov     x22, x19
    ld1     {v20.16b}, [x22], #16
    sub     x0, x22, x19
    bl      put_hex
    ld1     {v20.8b, v21.8b}, [x22], #16
    sub     x0, x22, x19
    bl      put_hex
    PV      21
    mov     x23, #-24
    ld1     {v20.4s, v21.4s, v22.4s, v23.4s}, [x22], x23
    sub     x0, x22, x19
    bl      put_hex
    PV      23
    st1     {v23.16b}, [x20]
    st1     {v21.8b, v22.8b}, [x20], #16
    st1     {v0.2d, v1.2d, v2.2d}, [x20]
    st1     {v3.4h, v4.4h, v5.4h, v6.4h}, [x20], x23
    sub     x20, x20, #(16 - 24)
    PMEM    0
    PMEM    8
    PMEM    16
    PMEM    24
    PMEM    32
    PMEM    40
    PMEM    48
    PMEM    56
    PMEM    64
    PMEM    72

    /* LD2/LD3/LD4 and ST2/ST3/ST4. */
    ld2     {v0.16b, v1.16b}, [x19]
    PV      0
    PV      1
    ld2     {v2.4h, v3.4h}, [x19]
    PV      2
    PV      3
    ld3     {v4.8h, v5.8h, v6.8h}, [x19]
    PV      4
    PV      5
    PV      6
    ld4     {v7.4s, v8.4s, v9.4s, v10.4s}, [x19], #64
    PV      7
    PV      10
    ld4     {v11.2d, v12.2d, v13.2d, v14.2d}, [x19]
    PV      11
    PV      14
    sub     x19, x19, #64
    ld3     {v30.8b, v31.8b, v0.8b}, [x19]
    PV      30
    PV      0
    mov     x22, x20
    st2     {v0.8h, v1.8h}, [x22], #32
    st3     {v4.2s, v5.2s, v6.2s}, [x22]
    st4     {v7.16b, v8.16b, v9.16b, v10.16b}, [x22], x23
    sub     x0, x22, x20
    bl      put_hex
    PMEM    0
    PMEM    8
    PMEM    24
    PMEM    32
    PMEM    48
    PMEM    56
    PMEM    64
    PMEM    88

    /* LDnR and single lanes. */
    ld1r    {v0.16b}, [x19]
    PV      0
    ld1r    {v1.4h}, [x19]
    PV      1
    ld2r    {v2.4s, v3.4s}, [x19]
    PV      2
    PV      3
    ld3r    {v4.1d, v5.1d, v6.1d}, [x19]
    PV      6
    mov     x22, x19
    ld4r    {v7.8h, v8.8h, v9.8h, v10.8h}, [x22], #8
    PV      10
    sub     x0, x22, x19
    bl      put_hex
    ld1r    {v11.2d}, [x22], x23
    PV      11
    ldr     q12, [x27]
    ld1     {v12.b}[5], [x19]
    PV      12
    ld1     {v12.h}[7], [x19]
    PV      12
    ld1     {v12.s}[1], [x19]
    PV      12
    ld1     {v12.d}[1], [x19]
    PV      12
    ldr     q13, [x27]
    ldr     q14, [x27]
    ld2     {v13.s, v14.s}[2], [x19]
    PV      13
    PV      14
    ld3     {v13.h, v14.h, v15.h}[3], [x19]
    PV      15
    mov     x22, x19
    ld4     {v16.b, v17.b, v18.b, v19.b}[15], [x22], #4
    PV      19
    sub     x0, x22, x19
    bl      put_hex
    str     xzr, [x20]
    str     xzr, [x20, #8]
    str     xzr, [x20, #16]
    st1     {v12.b}[0], [x20]
    st1     {v12.h}[7], [x20], #2
    st2     {v13.s, v14.s}[2], [x20]
    st4     {v16.d, v17.d, v18.d, v19.d}[1], [x20], x23
    sub     x20, x20, #(2 - 24)
    PMEM    0
    PMEM    8
    PMEM    16
    PMEM    24
    PMEM    32

    EXIT0

    .data
    .balign 16
src:
    .byte   0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77
    .byte   0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
    .byte   0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87
    .byte   0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f
    .byte   0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08
    .byte   0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10
    .byte   0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7
    .byte   0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf
    .byte   0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37
    .byte   0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f
    .balign 16
ones:
    .quad   -1, -1
dump:
    .quad   0, 0
    .balign 16
dstpad:
    .zero   64
dst:
    .zero   160

    .section .rodata
    .balign 16
litq:
    .quad   0xfedcba9876543210, 0x0f1e2d3c4b5a6978
