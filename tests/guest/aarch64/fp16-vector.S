/*
 * FP16 (FEAT_FP16) vector and AdvSIMD scalar: three same (arithmetic,
 * FMLA/FMLS, compares, pairwise), two-reg misc (FABS..FSQRT, FRINT*,
 * conversions to/from 16-bit integers, compares with zero), FCVTN/FCVTL
 * single<->half (ARMv8.0), across lanes, scalar pairwise, FMOV
 * immediate, by element; special values under RN/RP/RM/RZ, FZ16, DN,
 * AHP.  Expected output from qemu-aarch64 -cpu max.
 */
    .arch armv8.2-a+fp16
#include "simd-lib.inc"
    .macro TM insn:vararg
    bl      reset
    mov     v15.16b, v1.16b
    \insn
    bl      dump
    .endm
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #6
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #8
2:
    TM      fadd v3.4h, v0.4h, v1.4h
    TM      fadd v3.8h, v2.8h, v4.8h
    TM      fsub v3.4h, v0.4h, v1.4h
    TM      fsub v3.8h, v2.8h, v4.8h
    TM      fmul v3.4h, v0.4h, v1.4h
    TM      fmul v3.8h, v2.8h, v4.8h
    TM      fdiv v3.4h, v0.4h, v1.4h
    TM      fdiv v3.8h, v2.8h, v4.8h
    TM      fmax v3.4h, v0.4h, v1.4h
    TM      fmax v3.8h, v2.8h, v4.8h
    TM      fmin v3.4h, v0.4h, v1.4h
    TM      fmin v3.8h, v2.8h, v4.8h
    TM      fmaxnm v3.4h, v0.4h, v1.4h
    TM      fmaxnm v3.8h, v2.8h, v4.8h
    TM      fminnm v3.4h, v0.4h, v1.4h
    TM      fminnm v3.8h, v2.8h, v4.8h
    TM      fmulx v3.4h, v0.4h, v1.4h
    TM      fmulx v3.8h, v2.8h, v4.8h
    TM      fabd v3.4h, v0.4h, v1.4h
    TM      fabd v3.8h, v2.8h, v4.8h
    TM      fmla v3.4h, v0.4h, v1.4h
    TM      fmla v3.8h, v2.8h, v4.8h
    TM      fmls v3.4h, v0.4h, v1.4h
    TM      fmls v3.8h, v2.8h, v4.8h
    TM      fcmeq v3.4h, v0.4h, v1.4h
    TM      fcmeq v3.8h, v2.8h, v4.8h
    TM      fcmge v3.4h, v0.4h, v1.4h
    TM      fcmge v3.8h, v2.8h, v4.8h
    TM      fcmgt v3.4h, v0.4h, v1.4h
    TM      fcmgt v3.8h, v2.8h, v4.8h
    TM      facge v3.4h, v0.4h, v1.4h
    TM      facge v3.8h, v2.8h, v4.8h
    TM      facgt v3.4h, v0.4h, v1.4h
    TM      facgt v3.8h, v2.8h, v4.8h
    TM      faddp v3.4h, v0.4h, v1.4h
    TM      faddp v3.8h, v2.8h, v4.8h
    TM      fmaxp v3.4h, v0.4h, v1.4h
    TM      fmaxp v3.8h, v2.8h, v4.8h
    TM      fminp v3.4h, v0.4h, v1.4h
    TM      fminp v3.8h, v2.8h, v4.8h
    TM      fmaxnmp v3.4h, v0.4h, v1.4h
    TM      fmaxnmp v3.8h, v2.8h, v4.8h
    TM      fminnmp v3.4h, v0.4h, v1.4h
    TM      fminnmp v3.8h, v2.8h, v4.8h
    TM      fmulx h3, h5, h6
    TM      fabd h3, h5, h6
    TM      fcmeq h3, h5, h6
    TM      fcmge h3, h5, h6
    TM      fcmgt h3, h5, h6
    TM      facge h3, h5, h6
    TM      facgt h3, h5, h6
    TM      fabs v3.4h, v0.4h
    TM      fabs v3.8h, v2.8h
    TM      fneg v3.4h, v0.4h
    TM      fneg v3.8h, v2.8h
    TM      fsqrt v3.4h, v0.4h
    TM      fsqrt v3.8h, v2.8h
    TM      frintn v3.4h, v0.4h
    TM      frintn v3.8h, v2.8h
    TM      frintp v3.4h, v0.4h
    TM      frintp v3.8h, v2.8h
    TM      frintm v3.4h, v0.4h
    TM      frintm v3.8h, v2.8h
    TM      frintz v3.4h, v0.4h
    TM      frintz v3.8h, v2.8h
    TM      frinta v3.4h, v0.4h
    TM      frinta v3.8h, v2.8h
    TM      frintx v3.4h, v0.4h
    TM      frintx v3.8h, v2.8h
    TM      frinti v3.4h, v0.4h
    TM      frinti v3.8h, v2.8h
    TM      fcvtns v3.4h, v0.4h
    TM      fcvtns v3.8h, v2.8h
    TM      fcvtnu v3.4h, v0.4h
    TM      fcvtnu v3.8h, v2.8h
    TM      fcvtms v3.4h, v0.4h
    TM      fcvtms v3.8h, v2.8h
    TM      fcvtmu v3.4h, v0.4h
    TM      fcvtmu v3.8h, v2.8h
    TM      fcvtps v3.4h, v0.4h
    TM      fcvtps v3.8h, v2.8h
    TM      fcvtpu v3.4h, v0.4h
    TM      fcvtpu v3.8h, v2.8h
    TM      fcvtzs v3.4h, v0.4h
    TM      fcvtzs v3.8h, v2.8h
    TM      fcvtzu v3.4h, v0.4h
    TM      fcvtzu v3.8h, v2.8h
    TM      fcvtas v3.4h, v0.4h
    TM      fcvtas v3.8h, v2.8h
    TM      fcvtau v3.4h, v0.4h
    TM      fcvtau v3.8h, v2.8h
    TM      scvtf v3.4h, v0.4h
    TM      scvtf v3.8h, v2.8h
    TM      ucvtf v3.4h, v0.4h
    TM      ucvtf v3.8h, v2.8h
    TM      fcvtns h3, h4
    TM      fcvtzu h3, h4
    TM      fcvtas h3, h4
    TM      scvtf h3, h4
    TM      ucvtf h3, h4
    TM      fcmgt v3.8h, v1.8h, #0.0
    TM      fcmgt h3, h5, #0.0
    TM      fcmge v3.8h, v1.8h, #0.0
    TM      fcmge h3, h5, #0.0
    TM      fcmeq v3.8h, v1.8h, #0.0
    TM      fcmeq h3, h5, #0.0
    TM      fcmle v3.8h, v1.8h, #0.0
    TM      fcmle h3, h5, #0.0
    TM      fcmlt v3.8h, v1.8h, #0.0
    TM      fcmlt h3, h5, #0.0
    TM      fcvtn v3.4h, v0.4s
    TM      fcvtn2 v3.8h, v1.4s
    TM      fcvtl v3.4s, v2.4h
    TM      fcvtl2 v3.4s, v4.8h
    TM      fmaxnmv h3, v0.8h
    TM      fminnmv h3, v1.4h
    TM      fmaxv h3, v2.8h
    TM      fminv h3, v4.4h
    TM      faddp h3, v5.2h
    TM      fmaxp h3, v6.2h
    TM      fminp h3, v0.2h
    TM      fmaxnmp h3, v1.2h
    TM      fminnmp h3, v2.2h
    TM      fmov v3.8h, #1.5
    TM      fmov v3.4h, #-31.0
    TM      fmul v3.8h, v0.8h, v1.h[7]
    TM      fmla v3.4h, v2.4h, v4.h[2]
    TM      fmls v3.8h, v5.8h, v6.h[0]
    TM      fmulx v3.4h, v0.4h, v15.h[5]
    TM      fmul h3, h1, v2.h[3]
    TM      fmla h3, h4, v5.h[6]
    TM      fmulx h3, h6, v0.h[1]
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
    .quad   0x0, 0x00400000, 0x00800000, 0x00c00000
    .quad   0x02080000, 0x04000000
data:
    .quad   0x8a4910007d000c00, 0x64004d4d3fb81c33
    .quad   0x490066ceaf377e01, 0x0c00b80032527a00
    .quad   0x3555a386fbff35c3, 0x3e000c005bff6400
    .quad   0x0ce010003c010490, 0x04003d2b3c005ff4
    .quad   0x4d4d0c000ee086e4, 0x7d003a0078008e38
    .quad   0xc1007c003c017e01, 0x040002004d4d5916
    .quad   0x8676054ab71e7bff, 0x7c002eeb3c01672b
    .quad   0x269aed1df5fd749b, 0x1c43af35ad22a5cd
    .quad   0x7f800000477fe000, 0xb80000003f800000
    .quad   0x3f8000003eaaaaab, 0x3eaaaaab322bcc77
    .quad   0x3aa3000000003555, 0x3e004d4d7d007a00
    .quad   0x3b29f800f6e07800, 0x3c01355510005e32
    .quad   0xc3d6e60c0400fbff, 0x3c0049003e000000
    .quad   0x3614565cd38903ff, 0x7800fbffb800fbff
    .quad   0x06b2d1eb19430400, 0xcb4007a938d87a00
    .quad   0x44f9b14343289d78, 0x58e98fca5b5da72d
    .quad   0x1000f800f9ae94ce, 0x48eaa05ed4a014b6
    .quad   0xfc00ec774900fbff, 0x7d003a003a007c00
    .quad   0x35550c00c9883e00, 0x4900e6683e007800
    .quad   0xf4e964007e013c01, 0x6d5126a32b2b10db
    .quad   0x84000001c0164900, 0x355555c23c003e00
    .quad   0x7e01fc0003ff3e00, 0x7e014eed0001766a
    .quad   0xfbdd7a006fac8395, 0x7d00040041e8c61b
    .quad   0xba069375d6d8e6b1, 0x601d83ba6fa87c0e
    .quad   0x33000000477fe000, 0x477ff0003eaaaaab
    .quad   0x477fe0007f800000, 0x3eaaaaabc7c35000
    .quad   0x7bf300014d4d3a00, 0x3a4d3555219cd060
    .quad   0xfe55cb61640060e1, 0xa68235553c00db98
    .quad   0x000104007c0003ff, 0xa579fc00c100fbff
    .quad   0x02003c018472fc00, 0xfc00b43f5bff4900
    .quad   0x7d001b8a0400e692, 0x0c008400fe947e01
    .quad   0x14413462f5746200, 0xb6b482df0a771951
    .quad   0x000004007602fbff, 0x23f51b3004a97800
    .quad   0x35557e014ceffc00, 0xbc64896d1a953c00
    .quad   0x5bff020080001000, 0xad60c313d4bcb994
    .quad   0xdfd19275d78ac100, 0x7d42618f1ba13555
    .quad   0x4d4d8400acc13555, 0x7e01d4c238d50001
    .quad   0x77c404009ece0c00, 0x3fd132ef35553555
    .quad   0xb800d457de51c100, 0x1000020010004900
    .quad   0xb353328252e684e6, 0x52438f519784caa0
    .quad   0x387fda4033800000, 0x387fda40b8000000
    .quad   0x7f800000b8000000, 0x477ff000322bcc77
    .quad   0x42e835550001f3de, 0xfc0084007bffe546
    .quad   0x3c007c0041fa3e00, 0xc100365503ff7800
    .quad   0x03ff3a347d00b800, 0x08497d0a5bfff800
    .quad   0x3c013e006933d0dc, 0x3c0103ff7bffffd9
    .quad   0x4d4d0c007a00a74e, 0x00007d20edfd4d4d
    .quad   0x99600c5b911d53c2, 0xe8f55a6f6d6b65e3
    .quad   0x874eb4acfc004f4c, 0xc9424d4d53bd2219
    .quad   0x5ebd7bff3e007d00, 0x6400d0837e016400
    .quad   0xcf580798cd340400, 0x800069b33e007a00
    .quad   0x10003a007e01fc00, 0x0c00f800d6ba7bff
    .quad   0x02005603681e859b, 0x7c00a3455bff7bdd
    .quad   0x10003c008400b800, 0x386d7a004d4dc100
    .quad   0x492645eaa4e6e8f3, 0x03180200014a4900
    .quad   0x950c89d5b3aa694d, 0x391d9598bbbe39f7
    .quad   0x33800000322bcc77, 0x7f80000033800000
    .quad   0x477ff00033800000, 0xc7c35000322bcc77
    .quad   0x6400f800c1005bff, 0x0c00c1007800dc1a
    .quad   0xfcf1113d7e0c3e00, 0x7def0200aed23c01
    .quad   0x07925bff35553e00, 0xc9a92e697a007c00
    .quad   0x6400d4c64d4d0400, 0xeb1df800000133ce
    .quad   0x681bfc0002007800, 0x3f973e009622efd8
    .quad   0xa313e21566c5d7de, 0x56da48998ae8525e
    .bss
    .balign 16
scratch:
    .skip   256
