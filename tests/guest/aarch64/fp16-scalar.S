/*
 * FP16 (FEAT_FP16) scalar: arithmetic, FMA, FRINT*, FCVT between half
 * and single/double (ARMv8.0, with AHP), compares, FCCMP, FCSEL, FMOV
 * (immediate, register, general), FP<->integer and fixed point, over
 * special values (zeros, subnormals, max, inf, quiet/signalling NaNs,
 * rounding boundaries) under FPCR rounding modes, FZ16, DN and AHP.
 * Expected output from qemu-aarch64 -cpu max.
 */
    .arch armv8.2-a+fp16
#include "simd-lib.inc"
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #8
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #12
2:
    T       fadd h3, h0, h1
    T       fsub h3, h2, h4
    T       fmul h3, h0, h5
    T       fdiv h3, h1, h2
    T       fdiv h3, h0, h6
    T       fmax h3, h0, h1
    T       fmin h3, h2, h4
    T       fmaxnm h3, h5, h6
    T       fminnm h3, h1, h4
    T       fnmul h3, h0, h2
    T       fabs h3, h4
    T       fneg h3, h5
    T       fsqrt h3, h0
    T       fsqrt h3, h6
    T       fmadd h3, h0, h1, h2
    T       fmsub h3, h4, h5, h6
    T       fnmadd h3, h1, h2, h0
    T       fnmsub h3, h5, h0, h4
    T       frintn h3, h0
    T       frintp h3, h1
    T       frintm h3, h2
    T       frintz h3, h4
    T       frinta h3, h5
    T       frintx h3, h6
    T       frinti h3, h0
    T       fcvt s3, h0
    T       fcvt d3, h1
    T       fcvt h3, s2
    T       fcvt h3, d4
    T       fcvt s3, h5
    T       fcvt h3, d6
    T       fcmp h0, h1
    T       fcmpe h2, h4
    T       fcmp h5, #0.0
    T       fcmpe h6, #0.0
    T       fccmp h0, h1, #3, eq
    T       fccmpe h2, h0, #8, ne
    T       fcsel h3, h0, h1, eq
    T       fmov h3, #1.5
    T       fmov h3, #-0.125
    T       fmov h3, #31.0
    T       fmov h3, h4
    T       fmov h3, w5
    T       fmov h3, x6
    T       fmov w3, h0
    T       fmov x3, h1
    T       fcvtzs w3, h0
    T       fcvtzu x3, h1
    T       fcvtns w3, h2
    T       fcvtnu w3, h4
    T       fcvtas x3, h5
    T       fcvtau w3, h6
    T       fcvtms x3, h0
    T       fcvtps w3, h1
    T       fcvtzs w3, h2, #4
    T       fcvtzu x3, h0, #10
    T       scvtf h3, w5
    T       ucvtf h3, x6
    T       scvtf h3, x5
    T       ucvtf h3, w6
    T       scvtf h3, w5, #3
    T       ucvtf h3, x6, #60
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
    .quad   0x00080000, 0x02000000, 0x04000000, 0x03c80000
data:
    .quad   0x781e5c8cc1ab3555, 0x725ed09d3a0562d5
    .quad   0x68d6017f9ee6b604, 0xa28f17d83ce44e27
    .quad   0x029738f133000000, 0xaaadd6b855c6b62b
    .quad   0xf3a12456de764f63, 0x3868e6d9ca0bc36c
    .quad   0x9a50f4c9da650001, 0x9b25f81fcec1496e
    .quad   0xa186aadbf8310000, 0xa0729b23994395a7
    .quad   0x40effc0000000000, 0x421bb1235c9dc8b6
    .quad   0xfffffffffffeee90, 0x8000000000000000
    .quad   0x94294b037d527bff, 0xfffc3436d523583b
    .quad   0x0195ca5325518400, 0x278deda97d6933b9
    .quad   0x4de24f123f800000, 0x2a0caf8c10d3cf3f
    .quad   0x7b74b3045b388358, 0xdd4240c6d7a962c6
    .quad   0xc0f86a0000000000, 0xd53cea17744acda7
    .quad   0x14019cef5bb53c00, 0x24d9d8fbf7d457c8
    .quad   0x3b75b50336bde592, 0x8a0a4abb08747035
    .quad   0xffffffff80000000, 0x7a3beae651c287fd
    .quad   0xd057f3e8793b27c8, 0x51ea0edc3a51d302
    .quad   0xb52319d4dd9cfbff, 0x0256edf73e3df858
    .quad   0xa02664f1c7c35000, 0xbce617471d14ea6d
    .quad   0x0c58afd224f1c3f0, 0xe655ab212736cce1
    .quad   0xb184a36b094e03ff, 0x02da11fe95054119
    .quad   0x86803d29c780fbff, 0xa41237b91aa1e9e7
    .quad   0x448125b15c8bc100, 0x76e6a5c567ad1c09
    .quad   0x0000000000000000, 0x0000000000000001
    .quad   0xaacb6d761d813e00, 0x1a71470f625c4b6e
    .quad   0x3746cfe9124c0200, 0x48a4c3f61bb5ced0
    .quad   0x74ad1daa477fe000, 0x3ccf5a5e66529702
    .quad   0xe2082039c021fe55, 0x80597f2e6eceec2d
    .quad   0x7ff4000000000123, 0xd360bc0a7efec597
    .quad   0xdc4a2c94c8dd3a00, 0xd8c625a66d35124e
    .quad   0x3eb0000000000000, 0x1fae80aff9670fc5
    .quad   0x000000000000ffe0, 0x0000000000000001
    .quad   0x712696e820228000, 0x145c5bba8dab51ea
    .quad   0xa1eac3671d6e9b79, 0x765de2740ee0f733
    .quad   0xce6a149b3eaaaaab, 0x836b2b570d6dfab5
    .quad   0x881955b7ceaab800, 0x67032a0b5d46a33b
    .quad   0x6424487b7e4a0400, 0x35ba4a13744101df
    .quad   0x0358b7e71541b8bd, 0x9b58b572652a690b
    .quad   0x34109f8428bb0200, 0x62e052f605de7ee4
    .quad   0x000000007fffffff, 0x0000000000000001
    .quad   0xc9f380ec470adaa5, 0x073abb6483859312
    .quad   0x9cd29d7d5d6702bd, 0x949d657378b5fc6d
    .quad   0x596d7b2d7fc00000, 0xb7f9b7fdbf814cee
    .quad   0x2c3ae80edb493c00, 0xee68356e1788a788
    .quad   0x3e60000000000000, 0xa49a815bd057c647
    .quad   0x18dbf40fbd3603ff, 0x9ce7bf8dee00cae4
    .quad   0xc209b057bf463882, 0x341cc4915834fc09
    .quad   0x0000000000000001, 0x0000000000000000
    .quad   0x268d92fa0ccb4d4d, 0x2866bd36c7a8d966
    .quad   0x3484c5d124341000, 0x1d7cf6495ab59472
    .quad   0xdd68ae9f33000000, 0x9c64ea8a1f6fdeb9
    .quad   0x985f621c8c3b4d4d, 0x5fce773670ed0e4a
    .quad   0x04576edbd7047a00, 0x366c689914832344
    .quad   0x6236f39742940c00, 0x97f27f860e03699f
    .quad   0x40effc0000000000, 0x843eaa780b23d0c7
    .quad   0xfffffffffffeee90, 0x0000000000000001
    .quad   0x0e6d67882e666400, 0xa34e35e3666e1f7b
    .quad   0xbff5d926e357c100, 0xe57bb01224a00368
    .quad   0x0001f7517fc00000, 0x9516d345aa7bf6f5
    .quad   0x9d354b5923a39705, 0xd79fd61ef5866cf2
    .quad   0x3fd5555555555555, 0xd0d334da84bd90e6
    .quad   0x00458987ae735058, 0x88c0c512962c2074
    .quad   0x72684d77366f3555, 0x486d57cbf170c92f
    .quad   0x000000007fffffff, 0x00000000000b0884
    .quad   0x25f7ec7b0f9ccc38, 0xa71acf5e4d997af2
    .quad   0xb28ff52bcfac4d4d, 0x1317f8a850dd5997
    .quad   0xd05de71a387fbe77, 0x4e9566b360996fcd
    .quad   0xa671de1b181d9088, 0x1fcab5900594842f
    .quad   0x55a91d6c73f0e6de, 0xdd8f582df3eb2a9f
    .quad   0x4a2773203ca5b7e5, 0x03a210c6f6eee726
    .quad   0xb32d7977339e0400, 0x1519b396df753fea
    .quad   0xffffffff80000000, 0xffffffffffffffff
    .quad   0x925668a640f2be3a, 0xe3754067f80f2515
    .quad   0xcbdad5362152513d, 0x6b01df005fa570f7
    .quad   0x4a6e9650477fe000, 0xa7b518bf284411d9
    .quad   0xce2433e0e2f60a1a, 0x001fbb4b47433626
    .quad   0x3e70000000000000, 0xd779435fbd672db3
    .quad   0x31f144d9cd2d8000, 0x5b8457227e6e8e81
    .quad   0x40f1170000000000, 0x6b6d2f1faffe11e0
    .quad   0xfffffffffffeee90, 0x0000000000000001
    .quad   0x28d84e02041503ff, 0x631cf2ea2c531375
    .quad   0xf43dbd1c96357bff, 0x071355b125f17193
    .quad   0x3438a5197fc00000, 0xb33049cf17411c50
    .quad   0xf00043980022e917, 0x6d8afa06e2970633
    .quad   0xb215563dfeebc9bc, 0x55ca27dc32290c74
    .quad   0x75af3ff7cfc43c00, 0x0580feca599edfa6
    .quad   0xffcc7052e6983e00, 0xea8bcbb868f7b110
    .quad   0x000000000000ffe0, 0x0000000000000001
    .quad   0x2b880b10582c7d00, 0xfc5acc637c499665
    .quad   0x7f410910357d5630, 0x78094b8350927c5c
    .quad   0xf2716bc1477feffd, 0x4a908dac3e6b57ca
    .quad   0xa49269fb2e9a3555, 0x00c16674e0429a75
    .quad   0x3fd5555555555555, 0x6e857fe1a4b840bd
    .quad   0x26c9a316197e6400, 0x9b9a76d7f53ab60e
    .quad   0x98d2e9f7f19f0737, 0x82113931e4c0b26c
    .quad   0xfffffffffffeee90, 0x0000000000000000
    .bss
    .balign 16
scratch:
    .skip   256
