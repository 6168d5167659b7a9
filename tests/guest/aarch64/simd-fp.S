/*
 * Scalar FP and AdvSIMD FP: arithmetic, fused multiply-add, min/max,
 * compares (NZCV), conditional compare/select, FRINT*, FCVT S<->D, FP <->
 * integer and fixed point, FMOV, vector FP three same / two-reg misc /
 * across lanes / scalar pairwise; over 12 operand sets of special values
 * (zeros, infinities, quiet and signalling NaNs, denormals, rounding
 * boundaries, integer limits) and three FPCR settings (RN, RP+FZ, RM+DN;
 * RZ is covered by FRINTZ/FCVTZ* here and by simd-float's arithmetic);
 * FPSR printed after each.  Generated; expected output from qemu-aarch64,
 * spot-checked against the ARM ARM.
 */
#include "simd-lib.inc"
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #3
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #12
2:
    T       fadd d3, d0, d1
    T       fsub d3, d0, d1
    T       fmul d3, d0, d1
    T       fdiv d3, d0, d1
    T       fmax d3, d0, d1
    T       fmin d3, d0, d1
    T       fmaxnm d3, d0, d1
    T       fminnm d3, d0, d1
    T       fnmul d3, d0, d1
    T       fmadd d3, d0, d1, d2
    T       fmsub d3, d0, d1, d2
    T       fnmadd d3, d0, d1, d2
    T       fnmsub d3, d0, d1, d2
    T       fabs d3, d0
    T       fneg d3, d0
    T       fsqrt d3, d0
    T       fmov d3, d0
    T       frintn d3, d0
    T       frintp d3, d0
    T       frintm d3, d0
    T       frintz d3, d0
    T       frinta d3, d0
    T       frintx d3, d0
    T       frinti d3, d0
    T       fcvt s3, d0
    T       fcmp d0, d1
    T       fcmp d0, #0.0
    T       fcmpe d0, d1
    T       fcmpe d0, #0.0
    T       fccmp d0, d1, #5, eq
    T       fccmpe d0, d1, #2, ne
    T       fcmp d1, d2
    fccmp d0, d1, #4, ge
    T       fcmp d0, d1
    fcsel d3, d0, d2, gt
    T       fcvtns w3, d0
    T       fcvtns x3, d0
    T       fcvtnu w3, d0
    T       fcvtnu x3, d0
    T       fcvtps w3, d0
    T       fcvtps x3, d0
    T       fcvtpu w3, d0
    T       fcvtpu x3, d0
    T       fcvtms w3, d0
    T       fcvtms x3, d0
    T       fcvtmu w3, d0
    T       fcvtmu x3, d0
    T       fcvtzs w3, d0
    T       fcvtzs x3, d0
    T       fcvtzu w3, d0
    T       fcvtzu x3, d0
    T       fcvtas w3, d0
    T       fcvtas x3, d0
    T       fcvtau w3, d0
    T       fcvtau x3, d0
    T       fcvtzs w3, d0, #1
    T       fcvtzu x3, d0, #33
    T       fcvtzs x3, d0, #64
    T       scvtf d3, w5
    T       scvtf d3, x5
    T       scvtf d3, x6
    T       scvtf d3, w6, #7
    T       scvtf d3, x6, #64
    T       ucvtf d3, w5
    T       ucvtf d3, x5
    T       ucvtf d3, x6
    T       ucvtf d3, w6, #7
    T       ucvtf d3, x6, #64
    T       fmov d3, #-1.25
    T       fmov d3, #31.0
    T       fmov d3, #0.125
    T       fadd s3, s4, s5
    T       fsub s3, s4, s5
    T       fmul s3, s4, s5
    T       fdiv s3, s4, s5
    T       fmax s3, s4, s5
    T       fmin s3, s4, s5
    T       fmaxnm s3, s4, s5
    T       fminnm s3, s4, s5
    T       fnmul s3, s4, s5
    T       fmadd s3, s4, s5, s6
    T       fmsub s3, s4, s5, s6
    T       fnmadd s3, s4, s5, s6
    T       fnmsub s3, s4, s5, s6
    T       fabs s3, s4
    T       fneg s3, s4
    T       fsqrt s3, s4
    T       fmov s3, s4
    T       frintn s3, s4
    T       frintp s3, s4
    T       frintm s3, s4
    T       frintz s3, s4
    T       frinta s3, s4
    T       frintx s3, s4
    T       frinti s3, s4
    T       fcvt d3, s4
    T       fcmp s4, s5
    T       fcmp s4, #0.0
    T       fcmpe s4, s5
    T       fcmpe s4, #0.0
    T       fccmp s4, s5, #5, eq
    T       fccmpe s4, s5, #2, ne
    T       fcmp s5, s6
    fccmp s4, s5, #4, ge
    T       fcmp s4, s5
    fcsel s3, s4, s6, gt
    T       fcvtns w3, s4
    T       fcvtns x3, s4
    T       fcvtnu w3, s4
    T       fcvtnu x3, s4
    T       fcvtps w3, s4
    T       fcvtps x3, s4
    T       fcvtpu w3, s4
    T       fcvtpu x3, s4
    T       fcvtms w3, s4
    T       fcvtms x3, s4
    T       fcvtmu w3, s4
    T       fcvtmu x3, s4
    T       fcvtzs w3, s4
    T       fcvtzs x3, s4
    T       fcvtzu w3, s4
    T       fcvtzu x3, s4
    T       fcvtas w3, s4
    T       fcvtas x3, s4
    T       fcvtau w3, s4
    T       fcvtau x3, s4
    T       fcvtzs w3, s4, #1
    T       fcvtzu x3, s4, #33
    T       fcvtzs x3, s4, #64
    T       scvtf s3, w5
    T       scvtf s3, x5
    T       scvtf s3, x6
    T       scvtf s3, w6, #7
    T       scvtf s3, x6, #64
    T       ucvtf s3, w5
    T       ucvtf s3, x5
    T       ucvtf s3, x6
    T       ucvtf s3, w6, #7
    T       ucvtf s3, x6, #64
    T       fmov s3, #-1.25
    T       fmov s3, #31.0
    T       fmov s3, #0.125
    T       fmov x3, d0
    T       fmov w3, s4
    T       fmov d3, x5
    T       fmov s3, w6
    T       fmov v3.d[1], x5
    T       fmov x3, v0.d[1]
    T       fadd v3.2d, v0.2d, v1.2d
    T       fsub v3.2d, v0.2d, v1.2d
    T       fmul v3.2d, v0.2d, v1.2d
    T       fdiv v3.2d, v0.2d, v1.2d
    T       fmax v3.2d, v0.2d, v1.2d
    T       fmin v3.2d, v0.2d, v1.2d
    T       fmaxnm v3.2d, v0.2d, v1.2d
    T       fminnm v3.2d, v0.2d, v1.2d
    T       fmla v3.2d, v0.2d, v1.2d
    T       fmls v3.2d, v0.2d, v1.2d
    T       fmulx v3.2d, v0.2d, v1.2d
    T       fabd v3.2d, v0.2d, v1.2d
    T       fcmeq v3.2d, v0.2d, v1.2d
    T       fcmge v3.2d, v0.2d, v1.2d
    T       fcmgt v3.2d, v0.2d, v1.2d
    T       facge v3.2d, v0.2d, v1.2d
    T       facgt v3.2d, v0.2d, v1.2d
    T       faddp v3.2d, v0.2d, v1.2d
    T       fmaxp v3.2d, v0.2d, v1.2d
    T       fminp v3.2d, v0.2d, v1.2d
    T       fmaxnmp v3.2d, v0.2d, v1.2d
    T       fminnmp v3.2d, v0.2d, v1.2d
    T       fabs v3.2d, v0.2d
    T       fneg v3.2d, v0.2d
    T       fsqrt v3.2d, v0.2d
    T       frintn v3.2d, v0.2d
    T       frintm v3.2d, v0.2d
    T       frintp v3.2d, v0.2d
    T       frintz v3.2d, v0.2d
    T       frinta v3.2d, v0.2d
    T       frintx v3.2d, v0.2d
    T       frinti v3.2d, v0.2d
    T       fcvtns v3.2d, v0.2d
    T       fcvtzs v3.2d, v0.2d
    T       fcvtau v3.2d, v0.2d
    T       fcvtmu v3.2d, v0.2d
    T       scvtf v3.2d, v0.2d
    T       ucvtf v3.2d, v0.2d
    T       fcmeq v3.2d, v0.2d, #0.0
    T       fcmge v3.2d, v0.2d, #0.0
    T       fcmgt v3.2d, v0.2d, #0.0
    T       fcmle v3.2d, v0.2d, #0.0
    T       fcmlt v3.2d, v0.2d, #0.0
    T       fadd v3.4s, v4.4s, v5.4s
    T       fsub v3.4s, v4.4s, v5.4s
    T       fmul v3.4s, v4.4s, v5.4s
    T       fdiv v3.4s, v4.4s, v5.4s
    T       fmax v3.4s, v4.4s, v5.4s
    T       fmin v3.4s, v4.4s, v5.4s
    T       fmaxnm v3.4s, v4.4s, v5.4s
    T       fminnm v3.4s, v4.4s, v5.4s
    T       fmla v3.4s, v4.4s, v5.4s
    T       fmls v3.4s, v4.4s, v5.4s
    T       fmulx v3.4s, v4.4s, v5.4s
    T       fabd v3.4s, v4.4s, v5.4s
    T       fcmeq v3.4s, v4.4s, v5.4s
    T       fcmge v3.4s, v4.4s, v5.4s
    T       fcmgt v3.4s, v4.4s, v5.4s
    T       facge v3.4s, v4.4s, v5.4s
    T       facgt v3.4s, v4.4s, v5.4s
    T       faddp v3.4s, v4.4s, v5.4s
    T       fmaxp v3.4s, v4.4s, v5.4s
    T       fminp v3.4s, v4.4s, v5.4s
    T       fmaxnmp v3.4s, v4.4s, v5.4s
    T       fminnmp v3.4s, v4.4s, v5.4s
    T       fabs v3.4s, v4.4s
    T       fneg v3.4s, v4.4s
    T       fsqrt v3.4s, v4.4s
    T       frintn v3.4s, v4.4s
    T       frintm v3.4s, v4.4s
    T       frintp v3.4s, v4.4s
    T       frintz v3.4s, v4.4s
    T       frinta v3.4s, v4.4s
    T       frintx v3.4s, v4.4s
    T       frinti v3.4s, v4.4s
    T       fcvtns v3.4s, v4.4s
    T       fcvtzs v3.4s, v4.4s
    T       fcvtau v3.4s, v4.4s
    T       fcvtmu v3.4s, v4.4s
    T       scvtf v3.4s, v4.4s
    T       ucvtf v3.4s, v4.4s
    T       fcmeq v3.4s, v4.4s, #0.0
    T       fcmge v3.4s, v4.4s, #0.0
    T       fcmgt v3.4s, v4.4s, #0.0
    T       fcmle v3.4s, v4.4s, #0.0
    T       fcmlt v3.4s, v4.4s, #0.0
    T       fadd v3.2s, v4.2s, v5.2s
    T       fsub v3.2s, v4.2s, v5.2s
    T       fmul v3.2s, v4.2s, v5.2s
    T       fdiv v3.2s, v4.2s, v5.2s
    T       fmax v3.2s, v4.2s, v5.2s
    T       fmin v3.2s, v4.2s, v5.2s
    T       fmaxnm v3.2s, v4.2s, v5.2s
    T       fminnm v3.2s, v4.2s, v5.2s
    T       fmla v3.2s, v4.2s, v5.2s
    T       fmls v3.2s, v4.2s, v5.2s
    T       fmulx v3.2s, v4.2s, v5.2s
    T       fabd v3.2s, v4.2s, v5.2s
    T       fcmeq v3.2s, v4.2s, v5.2s
    T       fcmge v3.2s, v4.2s, v5.2s
    T       fcmgt v3.2s, v4.2s, v5.2s
    T       facge v3.2s, v4.2s, v5.2s
    T       facgt v3.2s, v4.2s, v5.2s
    T       faddp v3.2s, v4.2s, v5.2s
    T       fmaxp v3.2s, v4.2s, v5.2s
    T       fminp v3.2s, v4.2s, v5.2s
    T       fmaxnmp v3.2s, v4.2s, v5.2s
    T       fminnmp v3.2s, v4.2s, v5.2s
    T       fabs v3.2s, v4.2s
    T       fneg v3.2s, v4.2s
    T       fsqrt v3.2s, v4.2s
    T       frintn v3.2s, v4.2s
    T       frintm v3.2s, v4.2s
    T       frintp v3.2s, v4.2s
    T       frintz v3.2s, v4.2s
    T       frinta v3.2s, v4.2s
    T       frintx v3.2s, v4.2s
    T       frinti v3.2s, v4.2s
    T       fcvtns v3.2s, v4.2s
    T       fcvtzs v3.2s, v4.2s
    T       fcvtau v3.2s, v4.2s
    T       fcvtmu v3.2s, v4.2s
    T       scvtf v3.2s, v4.2s
    T       ucvtf v3.2s, v4.2s
    T       fcmeq v3.2s, v4.2s, #0.0
    T       fcmge v3.2s, v4.2s, #0.0
    T       fcmgt v3.2s, v4.2s, #0.0
    T       fcmle v3.2s, v4.2s, #0.0
    T       fcmlt v3.2s, v4.2s, #0.0
    T       fcvtn v3.2s, v0.2d
    T       fcvtn2 v3.4s, v1.2d
    T       fcvtl v3.2d, v4.2s
    T       fcvtl2 v3.2d, v5.4s
    T       fmaxv s3, v4.4s
    T       fminv s3, v5.4s
    T       fmaxnmv s3, v6.4s
    T       fminnmv s3, v4.4s
    T       faddp d3, v0.2d
    T       faddp s3, v4.2s
    T       fmaxp d3, v1.2d
    T       fminnmp s3, v5.2s
    T       fcmeq d3, d0, d1
    T       fcmge s3, s4, s5
    T       fcmgt d3, d1, d2
    T       facgt s3, s5, s6
    T       fabd d3, d0, d2
    T       fmulx s3, s4, s6
    T       fcmlt d3, d0, #0.0
    T       fcvtzs d3, d1
    T       fcvtnu s3, s5
    T       scvtf d3, d2
    T       ucvtf s3, s6
    add     x20, x20, #128
    subs    x25, x25, #1
    b.ne    2b
    subs    x27, x27, #1
    b.ne    1b
    mov     x0, #0
    mov     x8, #93
    svc     #0

    .data
    .balign 16
fpcr_list:
    .quad   0x0
    .quad   0x1400000
    .quad   0x2800000
data:
    .quad   0x0000000000000000, 0x7ff0000000000002
    .quad   0x0010000000000000, 0xfff8000000000005
    .quad   0x3ff0000000000001, 0x0000000000000003
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x7f80000000000000, 0x7f7fffffffc00005
    .quad   0x3f00000000800000, 0xc02000007149f2ca
    .quad   0x008000013f800001, 0x3f8000001e3ce508
    .quad   0x7fffffffffffffff, 0x8000000000000001
    .quad   0xbff8000000000000, 0x7fefffffffffffff
    .quad   0x43e0000000000000, 0x4004000000000000
    .quad   0xbfe0000000000000, 0x43e0000000000000
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x7f800002bfc00000, 0x3f00000000800000
    .quad   0x8da242605f000000, 0x3fc000004b7fffff
    .quad   0x80000000bf000000, 0x00000003ff800000
    .quad   0x8000000000000001, 0x0000000080000001
    .quad   0x7ff8000000000001, 0xc3e0000000000001
    .quad   0x4008000000000000, 0x81a56e1fc2f8f359
    .quad   0x7ff0000000000000, 0xc004000000000000
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x807fffff7fc00001, 0x4f7fffff40200000
    .quad   0xbf40000040400000, 0x80000000bf000000
    .quad   0xffc000057f800000, 0x5f0000007f7fffff
    .quad   0x0000000000000001, 0x0000000000000003
    .quad   0x0000000000000003, 0x3ff0000000000001
    .quad   0x0010000000000001, 0x0010000000000001
    .quad   0x0010000000000000, 0x1eb67e9c127b6e74
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x3eaaaaab00000003, 0x40400000df000001
    .quad   0x1e3ce50800800001, 0x7fc000013f800000
    .quad   0x3f00000000800000, 0xc02000007149f2ca
    .quad   0xffffffffffffffff, 0x7fffffffffffffff
    .quad   0x7fefffffffffffff, 0x8010000000000000
    .quad   0x401c000000000000, 0x0000000000000000
    .quad   0x41effffffff00000, 0xfff0000000000000
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x5f0000007f7fffff, 0x4b7fffff8da24260
    .quad   0xbfc0000040e00000, 0x008000007f800002
    .quad   0x3f8000014f7fffff, 0x1e3ce50800800001
    .quad   0x0000000080000001, 0xffffffffffffffff
    .quad   0x3fe0000000000000, 0x0000000000000000
    .quad   0x7ff0000000000000, 0x7ff8000000000001
    .quad   0xc1e0000000180000, 0x7fefffffffffffff
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x7149f2ca3f000000, 0x80800000c0200000
    .quad   0xffc000057f800000, 0x5f0000007f7fffff
    .quad   0xbf000000bf400000, 0xff80000080000000
    .quad   0x00000000ffffffff, 0x1234567887654321
    .quad   0x41effffffff00000, 0xfff0000000000000
    .quad   0x0000000000000003, 0x7fefffffffffffff
    .quad   0x0000000000000000, 0x7e37e43c8800759c
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x3f8000014f7fffff, 0x1e3ce50800800001
    .quad   0x3eaaaaab00000003, 0x40400000df000001
    .quad   0x7f80000000000000, 0x7f7fffffffc00005
    .quad   0x1234567887654321, 0x0000000020000001
    .quad   0x4008000000000000, 0x800fffffffffffff
    .quad   0x4004000000000000, 0x41effffffff00000
    .quad   0x7ff0000000000002, 0x0010000000000001
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0xbf40000040400000, 0x80000000bf000000
    .quad   0x4f7fffff40200000, 0x008000013f800001
    .quad   0x008000007f800002, 0x7149f2ca3f000000
    .quad   0x0000000000000003, 0x0000000000000001
    .quad   0x41dfffffffe00000, 0x3fe0000000000000
    .quad   0x7e37e43c8800759c, 0x41dfffffffe00000
    .quad   0x4004000000000000, 0x8000000000000000
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x3fc000004b7fffff, 0x7f80000000000000
    .quad   0xc02000007149f2ca, 0x40e0000080800000
    .quad   0x4f7fffff40200000, 0x008000013f800001
    .quad   0xfffffffffffff800, 0x00000000ffffffff
    .quad   0x8010000000000000, 0x81a56e1fc2f8f359
    .quad   0x41dfffffffe00000, 0x1eb67e9c127b6e74
    .quad   0x4008000000000000, 0xfff8000000000005
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x40e0000080800000, 0x7f800002bfc00000
    .quad   0x3fc000004b7fffff, 0x7f80000000000000
    .quad   0xbf40000040400000, 0x80000000bf000000
    .quad   0x0000000020000001, 0xfffffffffffff800
    .quad   0x1eb67e9c127b6e74, 0xc1e0000000180000
    .quad   0xbfe0000000000000, 0x7ff0000000000000
    .quad   0x3ff8000000000000, 0x3fe0000000000000
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0x3f8000001e3ce508, 0x807fffff7fc00001
    .quad   0x80000000bf000000, 0x00000003ff800000
    .quad   0x000000003fc00000, 0xffc000057f800000
    .quad   0x7fffffffffffffff, 0x8000000000000001
    .quad   0x8000000000000000, 0x1eb67e9c127b6e74
    .quad   0x3ff0000000000000, 0x800fffffffffffff
    .quad   0xbff8000000000000, 0x3ff0000000000001
    .quad   0xdeadbeefdeadbeef, 0xdeadbeefdeadbeef
    .quad   0xff80000080000000, 0x3eaaaaab00000003
    .quad   0x7fc000013f800000, 0x40200000807fffff
    .quad   0x7f800002bfc00000, 0x3f00000000800000
    .quad   0x8000000000000001, 0x0000000080000001
    .bss
    .balign 16
scratch:
    .skip   256
