/*
 * AdvSIMD multiplies by element (integer, long, saturating doubling, FP),
 * the same saturating forms with vector operands (SQDMLAL/SQDMLSL/
 * SQDMULL vector and scalar, SQRDMLAH/SQRDMLSH), and SDOT/UDOT vector
 * and by element, over random, saturation-edge and FP special inputs.
 * v7..v31 used as Vm are reloaded from v0..v6 first.  Expected output
 * from qemu-aarch64 -cpu max.
 */
    .arch armv8.2-a+rdma+dotprod
#include "simd-lib.inc"
    .macro TM insn:vararg
    bl      reset
    mov     v11.16b, v1.16b
    mov     v15.16b, v2.16b
    mov     v17.16b, v4.16b
    mov     v20.16b, v5.16b
    mov     v21.16b, v6.16b
    mov     v22.16b, v0.16b
    mov     v31.16b, v1.16b
    \insn
    bl      dump
    .endm
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #2
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #5
2:
    TM      mul v3.4h, v0.4h, v1.h[7]
    TM      mul v3.8h, v2.8h, v15.h[2]
    TM      mul v3.2s, v4.2s, v1.s[1]
    TM      mul v3.4s, v5.4s, v17.s[3]
    TM      mla v3.4h, v0.4h, v1.h[7]
    TM      mla v3.8h, v2.8h, v15.h[2]
    TM      mla v3.2s, v4.2s, v1.s[1]
    TM      mla v3.4s, v5.4s, v17.s[3]
    TM      mls v3.4h, v0.4h, v1.h[7]
    TM      mls v3.8h, v2.8h, v15.h[2]
    TM      mls v3.2s, v4.2s, v1.s[1]
    TM      mls v3.4s, v5.4s, v17.s[3]
    TM      sqdmulh v3.4h, v0.4h, v1.h[7]
    TM      sqdmulh v3.8h, v2.8h, v15.h[2]
    TM      sqdmulh v3.2s, v4.2s, v1.s[1]
    TM      sqdmulh v3.4s, v5.4s, v17.s[3]
    TM      sqrdmulh v3.4h, v0.4h, v1.h[7]
    TM      sqrdmulh v3.8h, v2.8h, v15.h[2]
    TM      sqrdmulh v3.2s, v4.2s, v1.s[1]
    TM      sqrdmulh v3.4s, v5.4s, v17.s[3]
    TM      sqrdmlah v3.4h, v0.4h, v1.h[7]
    TM      sqrdmlah v3.8h, v2.8h, v15.h[2]
    TM      sqrdmlah v3.2s, v4.2s, v1.s[1]
    TM      sqrdmlah v3.4s, v5.4s, v17.s[3]
    TM      sqrdmlsh v3.4h, v0.4h, v1.h[7]
    TM      sqrdmlsh v3.8h, v2.8h, v15.h[2]
    TM      sqrdmlsh v3.2s, v4.2s, v1.s[1]
    TM      sqrdmlsh v3.4s, v5.4s, v17.s[3]
    TM      sqdmulh h3, h0, v1.h[5]
    TM      sqdmulh s3, s2, v6.s[2]
    TM      sqrdmulh h3, h0, v1.h[5]
    TM      sqrdmulh s3, s2, v6.s[2]
    TM      sqrdmlah h3, h0, v1.h[5]
    TM      sqrdmlah s3, s2, v6.s[2]
    TM      sqrdmlsh h3, h0, v1.h[5]
    TM      sqrdmlsh s3, s2, v6.s[2]
    TM      smull v3.4s, v0.4h, v1.h[3]
    TM      smull2 v3.4s, v2.8h, v11.h[6]
    TM      smull v3.2d, v4.2s, v1.s[2]
    TM      smull2 v3.2d, v5.4s, v22.s[1]
    TM      umull v3.4s, v0.4h, v1.h[3]
    TM      umull2 v3.4s, v2.8h, v11.h[6]
    TM      umull v3.2d, v4.2s, v1.s[2]
    TM      umull2 v3.2d, v5.4s, v22.s[1]
    TM      smlal v3.4s, v0.4h, v1.h[3]
    TM      smlal2 v3.4s, v2.8h, v11.h[6]
    TM      smlal v3.2d, v4.2s, v1.s[2]
    TM      smlal2 v3.2d, v5.4s, v22.s[1]
    TM      umlal v3.4s, v0.4h, v1.h[3]
    TM      umlal2 v3.4s, v2.8h, v11.h[6]
    TM      umlal v3.2d, v4.2s, v1.s[2]
    TM      umlal2 v3.2d, v5.4s, v22.s[1]
    TM      smlsl v3.4s, v0.4h, v1.h[3]
    TM      smlsl2 v3.4s, v2.8h, v11.h[6]
    TM      smlsl v3.2d, v4.2s, v1.s[2]
    TM      smlsl2 v3.2d, v5.4s, v22.s[1]
    TM      umlsl v3.4s, v0.4h, v1.h[3]
    TM      umlsl2 v3.4s, v2.8h, v11.h[6]
    TM      umlsl v3.2d, v4.2s, v1.s[2]
    TM      umlsl2 v3.2d, v5.4s, v22.s[1]
    TM      sqdmull v3.4s, v0.4h, v1.h[3]
    TM      sqdmull2 v3.4s, v2.8h, v11.h[6]
    TM      sqdmull v3.2d, v4.2s, v1.s[2]
    TM      sqdmull2 v3.2d, v5.4s, v22.s[1]
    TM      sqdmlal v3.4s, v0.4h, v1.h[3]
    TM      sqdmlal2 v3.4s, v2.8h, v11.h[6]
    TM      sqdmlal v3.2d, v4.2s, v1.s[2]
    TM      sqdmlal2 v3.2d, v5.4s, v22.s[1]
    TM      sqdmlsl v3.4s, v0.4h, v1.h[3]
    TM      sqdmlsl2 v3.4s, v2.8h, v11.h[6]
    TM      sqdmlsl v3.2d, v4.2s, v1.s[2]
    TM      sqdmlsl2 v3.2d, v5.4s, v22.s[1]
    TM      sqdmull s3, h0, v1.h[1]
    TM      sqdmull d3, s2, v6.s[3]
    TM      sqdmull s3, h4, h5
    TM      sqdmull d3, s6, s0
    TM      sqdmull v3.4s, v0.4h, v1.4h
    TM      sqdmull2 v3.4s, v2.8h, v4.8h
    TM      sqdmull v3.2d, v5.2s, v6.2s
    TM      sqdmull2 v3.2d, v0.4s, v1.4s
    TM      sqdmlal s3, h0, v1.h[1]
    TM      sqdmlal d3, s2, v6.s[3]
    TM      sqdmlal s3, h4, h5
    TM      sqdmlal d3, s6, s0
    TM      sqdmlal v3.4s, v0.4h, v1.4h
    TM      sqdmlal2 v3.4s, v2.8h, v4.8h
    TM      sqdmlal v3.2d, v5.2s, v6.2s
    TM      sqdmlal2 v3.2d, v0.4s, v1.4s
    TM      sqdmlsl s3, h0, v1.h[1]
    TM      sqdmlsl d3, s2, v6.s[3]
    TM      sqdmlsl s3, h4, h5
    TM      sqdmlsl d3, s6, s0
    TM      sqdmlsl v3.4s, v0.4h, v1.4h
    TM      sqdmlsl2 v3.4s, v2.8h, v4.8h
    TM      sqdmlsl v3.2d, v5.2s, v6.2s
    TM      sqdmlsl2 v3.2d, v0.4s, v1.4s
    TM      sqrdmlah v3.4h, v0.4h, v1.4h
    TM      sqrdmlah v3.8h, v2.8h, v4.8h
    TM      sqrdmlah v3.2s, v5.2s, v6.2s
    TM      sqrdmlah v3.4s, v0.4s, v2.4s
    TM      sqrdmlah h3, h4, h5
    TM      sqrdmlah s3, s0, s1
    TM      sqrdmlsh v3.4h, v0.4h, v1.4h
    TM      sqrdmlsh v3.8h, v2.8h, v4.8h
    TM      sqrdmlsh v3.2s, v5.2s, v6.2s
    TM      sqrdmlsh v3.4s, v0.4s, v2.4s
    TM      sqrdmlsh h3, h4, h5
    TM      sqrdmlsh s3, s0, s1
    TM      sdot v3.2s, v0.8b, v1.8b
    TM      sdot v3.4s, v2.16b, v4.16b
    TM      sdot v3.2s, v5.8b, v6.4b[3]
    TM      sdot v3.4s, v0.16b, v21.4b[1]
    TM      sdot v3.4s, v3.16b, v3.4b[2]
    TM      udot v3.2s, v0.8b, v1.8b
    TM      udot v3.4s, v2.16b, v4.16b
    TM      udot v3.2s, v5.8b, v6.4b[3]
    TM      udot v3.4s, v0.16b, v21.4b[1]
    TM      udot v3.4s, v3.16b, v3.4b[2]
    TM      fmul v3.2s, v0.2s, v1.s[3]
    TM      fmul v3.4s, v2.4s, v20.s[1]
    TM      fmul v3.2d, v4.2d, v5.d[1]
    TM      fmul v3.2d, v6.2d, v31.d[0]
    TM      fmul s3, s0, v1.s[2]
    TM      fmul d3, d4, v2.d[1]
    TM      fmla v3.2s, v0.2s, v1.s[3]
    TM      fmla v3.4s, v2.4s, v20.s[1]
    TM      fmla v3.2d, v4.2d, v5.d[1]
    TM      fmla v3.2d, v6.2d, v31.d[0]
    TM      fmla s3, s0, v1.s[2]
    TM      fmla d3, d4, v2.d[1]
    TM      fmls v3.2s, v0.2s, v1.s[3]
    TM      fmls v3.4s, v2.4s, v20.s[1]
    TM      fmls v3.2d, v4.2d, v5.d[1]
    TM      fmls v3.2d, v6.2d, v31.d[0]
    TM      fmls s3, s0, v1.s[2]
    TM      fmls d3, d4, v2.d[1]
    TM      fmulx v3.2s, v0.2s, v1.s[3]
    TM      fmulx v3.4s, v2.4s, v20.s[1]
    TM      fmulx v3.2d, v4.2d, v5.d[1]
    TM      fmulx v3.2d, v6.2d, v31.d[0]
    TM      fmulx s3, s0, v1.s[2]
    TM      fmulx d3, d4, v2.d[1]
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
    .quad   0x0, 0x03c00000
data:
    .quad   0x4164d8399f767c45, 0x5bc8fbbcbde5c099
    .quad   0xb0c11fdecb91ce37, 0xd76d4330f1446bea
    .quad   0xa6eb8c9ebd69fe29, 0x87b0b125ec1d7da0
    .quad   0xd7210dff076ce2ef, 0xc6a5387777330bdb
    .quad   0x3fc1ea36f17fd374, 0x0d464138a6233255
    .quad   0x2827688de6a16a3b, 0x5f2dd97f1cfb10f6
    .quad   0xde5271007814e8a2, 0x617959ce3f1f65a8
    .quad   0x1a1afe878b33e968, 0x3fd4235992edcf45
    .quad   0xbb2edb20035b7399, 0x687c966c377b9aa2
    .quad   0x2e9c82b1478c281d, 0xde11cc9dea959c21
    .quad   0x63b229f1c4069545, 0xc30d8b7628dbd25e
    .quad   0x126a1e48cc11d357, 0x9e30691c238642ea
    .quad   0x71e0c07e9e115e4b, 0x21da8978206f5c66
    .quad   0xf8eb18b900745130, 0x015c33b2df1461aa
    .quad   0xc60a3cab359eeefb, 0xf5cae3bf3729c619
    .quad   0x2a759159fb7ff337, 0x2a9eba0cdf561d80
    .quad   0x504b74ba4a0fe75d, 0x32ea6928f6236bf2
    .quad   0xe049548e8a0a8c96, 0xa02fdaa1ad864c44
    .quad   0x2e81d66d346c6e2b, 0xf7f35634f0e3cd97
    .quad   0x3266aa3bb0cde917, 0xf7108e96f770c226
    .quad   0x621aef57e4cc4132, 0x0585a01c4c7d6df0
    .quad   0x6a3753915c76f18a, 0xef901b932a7c1880
    .quad   0x43892dfc254cb864, 0x54f46a6910acff00
    .quad   0xd14125844d25deb3, 0x960d5a8f9a656aaf
    .quad   0x8000800080008000, 0x8000000080000000
    .quad   0x7fff7fff7fff7fff, 0x7fffffff7fffffff
    .quad   0x8000000080000000, 0x8000800080008000
    .quad   0x8000000000000001, 0xffff0001ffff0001
    .quad   0x7fff80007fff8000, 0x800000007fffffff
    .quad   0x0001000100010001, 0x0000000100000001
    .quad   0x8000800080008000, 0x8000000080000000
    .quad   0x0000000000000041, 0x0000000100000002
    .quad   0x3ff8000000000000, 0x477fe00000800000
    .quad   0x3fb999999999999a, 0x7fa000007fc00001
    .quad   0x0000000000000000, 0x0000000080000000
    .quad   0x3fd5555555555555, 0x800000003dcccccd
    .quad   0x3eaaaaab7f61b1e6, 0x3dcccccd3eaaaaab
    .quad   0x3fc000007f61b1e6, 0x3fc0000000000000
    .quad   0x800000003dcccccd, 0x3fc000007f800000
    .quad   0x7f800000c0e00000, 0x7f80000080000000
    .bss
    .balign 16
scratch:
    .skip   256
