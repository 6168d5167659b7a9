/*
 * FRECPE/FRSQRTE (the ARM ARM estimate tables), FRECPX, FRECPS/FRSQRTS
 * (single, double, half; vector and scalar), URECPE/URSQRTE, FRINT32Z/X
 * and FRINT64Z/X (FEAT_FRINTTS), FJCVTZS (FEAT_JSCVT; NZCV printed),
 * FCVTXN, and the fixed-point SCVTF/UCVTF/FCVTZS/FCVTZU with #fbits
 * (vector and scalar), under RN/RP/RM/RZ and FZ/FZ16/DN.  Expected
 * output from qemu-aarch64 -cpu max, except where QEMU 7.2 is wrong:
 * "fcvtzs h3, h0, #9" saturating to -32768 (tests 0325, 0721, 0b1d, 0f19,
 * 1315) leaves 0xffff8000 in S3 under QEMU; the result is a 16-bit H
 * register and the rest of V3 is zeroed (ARM ARM, V[d] = result), so the
 * expected lines hold 0x8000.
 */
    .arch armv8.5-a+fp16
#include "simd-lib.inc"
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #5
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #10
2:
    T       frecpe v3.2s, v0.2s
    T       frecpe v3.4s, v1.4s
    T       frecpe v3.2d, v2.2d
    T       frecpe v3.4h, v4.4h
    T       frecpe v3.8h, v5.8h
    T       frecpe s3, s6
    T       frecpe d3, d0
    T       frecpe h3, h1
    T       frsqrte v3.2s, v0.2s
    T       frsqrte v3.4s, v1.4s
    T       frsqrte v3.2d, v2.2d
    T       frsqrte v3.4h, v4.4h
    T       frsqrte v3.8h, v5.8h
    T       frsqrte s3, s6
    T       frsqrte d3, d0
    T       frsqrte h3, h1
    T       frecpx s3, s2
    T       frecpx d3, d4
    T       frecpx h3, h5
    T       frecps v3.2s, v0.2s, v1.2s
    T       frecps v3.4s, v2.4s, v4.4s
    T       frecps v3.2d, v5.2d, v6.2d
    T       frecps v3.8h, v0.8h, v2.8h
    T       frecps s3, s1, s4
    T       frecps d3, d5, d0
    T       frecps h3, h6, h2
    T       frsqrts v3.2s, v0.2s, v1.2s
    T       frsqrts v3.4s, v2.4s, v4.4s
    T       frsqrts v3.2d, v5.2d, v6.2d
    T       frsqrts v3.8h, v0.8h, v2.8h
    T       frsqrts s3, s1, s4
    T       frsqrts d3, d5, d0
    T       frsqrts h3, h6, h2
    T       urecpe v3.2s, v0.2s
    T       urecpe v3.4s, v1.4s
    T       ursqrte v3.2s, v2.2s
    T       ursqrte v3.4s, v4.4s
    T       frint32z v3.2s, v0.2s
    T       frint32z v3.4s, v1.4s
    T       frint32z v3.2d, v2.2d
    T       frint32z s3, s4
    T       frint32z d3, d5
    T       frint32x v3.2s, v0.2s
    T       frint32x v3.4s, v1.4s
    T       frint32x v3.2d, v2.2d
    T       frint32x s3, s4
    T       frint32x d3, d5
    T       frint64z v3.2s, v0.2s
    T       frint64z v3.4s, v1.4s
    T       frint64z v3.2d, v2.2d
    T       frint64z s3, s4
    T       frint64z d3, d5
    T       frint64x v3.2s, v0.2s
    T       frint64x v3.4s, v1.4s
    T       frint64x v3.2d, v2.2d
    T       frint64x s3, s4
    T       frint64x d3, d5
    T       fjcvtzs w3, d0
    T       fjcvtzs w3, d1
    T       fjcvtzs w3, d2
    T       fjcvtzs w3, d4
    T       fjcvtzs w3, d5
    T       fjcvtzs w3, d6
    T       fcvtxn v3.2s, v0.2d
    T       fcvtxn2 v3.4s, v2.2d
    T       fcvtxn s3, d4
    T       scvtf v3.4h, v0.4h, #3
    T       scvtf v3.8h, v1.8h, #16
    T       scvtf v3.2s, v2.2s, #1
    T       scvtf v3.4s, v4.4s, #31
    T       scvtf v3.2d, v5.2d, #64
    T       scvtf v3.2d, v6.2d, #7
    T       scvtf h3, h0, #9
    T       scvtf s3, s1, #32
    T       scvtf d3, d2, #40
    T       ucvtf v3.4h, v0.4h, #3
    T       ucvtf v3.8h, v1.8h, #16
    T       ucvtf v3.2s, v2.2s, #1
    T       ucvtf v3.4s, v4.4s, #31
    T       ucvtf v3.2d, v5.2d, #64
    T       ucvtf v3.2d, v6.2d, #7
    T       ucvtf h3, h0, #9
    T       ucvtf s3, s1, #32
    T       ucvtf d3, d2, #40
    T       fcvtzs v3.4h, v0.4h, #3
    T       fcvtzs v3.8h, v1.8h, #16
    T       fcvtzs v3.2s, v2.2s, #1
    T       fcvtzs v3.4s, v4.4s, #31
    T       fcvtzs v3.2d, v5.2d, #64
    T       fcvtzs v3.2d, v6.2d, #7
    T       fcvtzs h3, h0, #9
    T       fcvtzs s3, s1, #32
    T       fcvtzs d3, d2, #40
    T       fcvtzu v3.4h, v0.4h, #3
    T       fcvtzu v3.8h, v1.8h, #16
    T       fcvtzu v3.2s, v2.2s, #1
    T       fcvtzu v3.4s, v4.4s, #31
    T       fcvtzu v3.2d, v5.2d, #64
    T       fcvtzu v3.2d, v6.2d, #7
    T       fcvtzu h3, h0, #9
    T       fcvtzu s3, s1, #32
    T       fcvtzu d3, d2, #40
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
    .quad   0x0, 0x00400000, 0x00800000, 0x00c00000, 0x03080000
data:
    .quad   0x3fe8000000000000, 0x0040000040200000
    .quad   0x1710cf5327ac435a, 0x004000003f800000
    .quad   0x2e6640007d01bc00, 0x00018000fc000001
    .quad   0xbff0000000000000, 0x03fffc007e000001
    .quad   0x600000007bff0200, 0xfc007d0140003555
    .quad   0x0010000000000000, 0x3c0003ff2e660000
    .quad   0x7e00400003ff7000, 0x995253fd6c79a3de
    .quad   0x6e58d5ca49c7b59b, 0x294c4ea3738d243a
    .quad   0x3fe8000000000000, 0x0080bc000000bc00
    .quad   0x004002002e664000, 0x010000007e007c00
    .quad   0xc1e0000000200000, 0x2f0733c846bbe9e8
    .quad   0x0200040070000100, 0x41f0000000080000
    .quad   0xbf8000005f01103d, 0x37f0000000000000
    .quad   0x3ff8000000000000, 0x3c00008003fffc00
    .quad   0x4f00000000000001, 0x3dcccccd000d111d
    .quad   0xacdac615bc20f626, 0x53be4721f5b9e1f5
    .quad   0x3dcccccd00800000, 0x6000010002007c00
    .quad   0x3f4000003dcccccd, 0x37da22393b33036b
    .quad   0x6000355500017c00, 0xc1e00000000ccccd
    .quad   0xbf80000000000001, 0x5d7d255f2b68beef
    .quad   0x00808000700003ff, 0xc3e02207973f6440
    .quad   0x3ff8000000000000, 0xbf800000bf800000
    .quad   0x41e0000000000000, 0x41e0000000000000
    .quad   0x8bd5bb710a77ec0c, 0x952989c17d9c649a
    .quad   0x7f8000017fa00000, 0x7f8000017fa00000
    .quad   0x00407e0002000100, 0xc7ec363cbf21f28a
    .quad   0x7defb12b691e8e3b, 0x7f0000003fc00000
    .quad   0xa5be57d93fa3549b, 0x37396957d4bf8115
    .quad   0x081a3cfe300dc4c2, 0x4040000040400000
    .quad   0x0002000000000000, 0x47ec363cbf21f28a
    .quad   0x42fdef77dea5486a, 0x41f0000000080000
    .quad   0xe41a3f3d0d204649, 0x50842aaaed939512
    .quad   0x0040000000100000, 0x00400000ff61b1e6
    .quad   0x7fc000007f000000, 0xc1e00000000ccccd
    .quad   0x0100040002000040, 0x43e0000000000000
    .quad   0x0000004035550400, 0x3555bc007e000200
    .quad   0x37f0000000000000, 0xff800000df01103d
    .quad   0x78e100a991b77af5, 0x63f40668ed6f642c
    .quad   0x3ff0000000000000, 0x3810000000000000
    .quad   0x9c298cc9035b31e4, 0x41e0f8f2e05d4bd0
    .quad   0x501502f900400000, 0x38eaf8cae0bc9aa3
    .quad   0x7fc00000000d111d, 0x4530000000000009
    .quad   0x0080400000402e66, 0xbf80000000000000
    .quad   0x00200000ff61b1e6, 0x7bffbc007c006000
    .quad   0x000d111dc0200000, 0x5f01103d3dcccccd
    .quad   0x00802e6600000000, 0xc99239cc3491fea1
    .quad   0x355500407d013555, 0x8000000000000000
    .quad   0x9ef7590eea6ef21a, 0xe2a5d4ffcc60e673
    .quad   0x0080010001004000, 0x000d111d4f800000
    .quad   0xc1e0000000200000, 0x2e66800001000040
    .quad   0x4004000000000000, 0x36a0000000000000
    .quad   0x41f0000000080000, 0x56ad802ddc1d4141
    .quad   0x3c00fc003c002e66, 0x004080002e668000
    .quad   0x13600c4086bc3816, 0x43e02207973f6440
    .quad   0x0200fc007d017bff, 0xbf800000cf000000
    .quad   0xe85ae7849c0a7a5d, 0x8b4923be5032a185
    .quad   0xe9520b19c84ed939, 0x6000600000804000
    .quad   0x2402ca31644d686a, 0x7c0004007bff6000
    .quad   0x9b09f6d11522a8d2, 0x000012688b70e62b
    .quad   0x37e0000000000000, 0x60007bff70007e00
    .quad   0x0040000000000000, 0xc1e00000000ccccd
    .quad   0x3c0003fffc000400, 0xc0200000000116c2
    .quad   0x00000001501502f9, 0xff800000ff800000
    .quad   0xfcae7b91958c1623, 0xa937cb4d7ec81eaa
    .quad   0x42f6e979c0200000, 0x4f800000ff800000
    .quad   0xe2e645b0ace6c937, 0x41dfffffffc00000
    .quad   0x00407d0160003555, 0x3fe8000000000000
    .quad   0x02002e6604007d01, 0xcd879bb1e62607b8
    .quad   0x6691a7ec819be1a0, 0x70000100008003ff
    .quad   0xff80000040400000, 0x8fa683f4b17b6979
    .quad   0x3c00600035553555, 0x0004000000000000
    .quad   0x754c4bc31155dcc0, 0xf70e39e6f94a4dfd
    .quad   0x0001000003ff6000, 0xa3d307fc38df9418
    .quad   0x9a8768a2e47f1046, 0x42f6e9797f800000
    .quad   0x7ff0000000000000, 0x3555fc00bc007c00
    .quad   0xfc007d0140003c00, 0xbf8000007fc00000
    .quad   0xbc00000180000000, 0x7c00fc0002006000
    .quad   0x2147494ef3de70f2, 0x0000000100200000
    .quad   0x000d111d40200000, 0x0004000000000000
    .quad   0x2779bdf86973a73e, 0xd826608b370de6ed
    .bss
    .balign 16
scratch:
    .skip   256
