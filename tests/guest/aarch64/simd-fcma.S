/*
 * FCADD and FCMLA (FEAT_FCMA): vector (H, S, D) and by element (H, S),
 * every rotation, with zeros, infinities and NaNs, under RN and
 * FZ/FZ16/DN with RZ.  Expected output from qemu-aarch64 -cpu max.
 */
    .arch armv8.3-a+fp16
#include "simd-lib.inc"
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #2
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #8
2:
    T       fcadd v3.4h, v0.4h, v1.4h, #90
    T       fcadd v3.8h, v2.8h, v4.8h, #90
    T       fcadd v3.2s, v5.2s, v6.2s, #90
    T       fcadd v3.4s, v0.4s, v2.4s, #90
    T       fcadd v3.2d, v1.2d, v4.2d, #90
    T       fcadd v3.4h, v0.4h, v1.4h, #270
    T       fcadd v3.8h, v2.8h, v4.8h, #270
    T       fcadd v3.2s, v5.2s, v6.2s, #270
    T       fcadd v3.4s, v0.4s, v2.4s, #270
    T       fcadd v3.2d, v1.2d, v4.2d, #270
    T       fcmla v3.4h, v0.4h, v1.4h, #0
    T       fcmla v3.8h, v2.8h, v4.8h, #0
    T       fcmla v3.2s, v5.2s, v6.2s, #0
    T       fcmla v3.4s, v0.4s, v2.4s, #0
    T       fcmla v3.2d, v1.2d, v4.2d, #0
    T       fcmla v3.4h, v5.4h, v6.h[1], #0
    T       fcmla v3.8h, v0.8h, v1.h[3], #0
    T       fcmla v3.4s, v2.4s, v4.s[1], #0
    T       fcmla v3.4s, v3.4s, v3.s[0], #0
    T       fcmla v3.4h, v0.4h, v1.4h, #90
    T       fcmla v3.8h, v2.8h, v4.8h, #90
    T       fcmla v3.2s, v5.2s, v6.2s, #90
    T       fcmla v3.4s, v0.4s, v2.4s, #90
    T       fcmla v3.2d, v1.2d, v4.2d, #90
    T       fcmla v3.4h, v5.4h, v6.h[1], #90
    T       fcmla v3.8h, v0.8h, v1.h[3], #90
    T       fcmla v3.4s, v2.4s, v4.s[1], #90
    T       fcmla v3.4s, v3.4s, v3.s[0], #90
    T       fcmla v3.4h, v0.4h, v1.4h, #180
    T       fcmla v3.8h, v2.8h, v4.8h, #180
    T       fcmla v3.2s, v5.2s, v6.2s, #180
    T       fcmla v3.4s, v0.4s, v2.4s, #180
    T       fcmla v3.2d, v1.2d, v4.2d, #180
    T       fcmla v3.4h, v5.4h, v6.h[1], #180
    T       fcmla v3.8h, v0.8h, v1.h[3], #180
    T       fcmla v3.4s, v2.4s, v4.s[1], #180
    T       fcmla v3.4s, v3.4s, v3.s[0], #180
    T       fcmla v3.4h, v0.4h, v1.4h, #270
    T       fcmla v3.8h, v2.8h, v4.8h, #270
    T       fcmla v3.2s, v5.2s, v6.2s, #270
    T       fcmla v3.4s, v0.4s, v2.4s, #270
    T       fcmla v3.2d, v1.2d, v4.2d, #270
    T       fcmla v3.4h, v5.4h, v6.h[1], #270
    T       fcmla v3.8h, v0.8h, v1.h[3], #270
    T       fcmla v3.4s, v2.4s, v4.s[1], #270
    T       fcmla v3.4s, v3.4s, v3.s[0], #270
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
    .quad   0x0, 0x03c80000
data:
    .quad   0x37a16c262777579c, 0x8000000000000000
    .quad   0x40e000003f000000, 0x7149f2ca00000000
    .quad   0x37a16c262777579c, 0x7149f2ca00000000
    .quad   0x7c00be003c00be00, 0x7fc00000bfc00000
    .quad   0x4280380038007c00, 0x3f000000c0000000
    .quad   0xbe007d00c0000001, 0xbff8000000000000
    .quad   0x4050000080000000, 0x7c007d00be004280
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x4050000080000000, 0x8000000000000000
    .quad   0x3ff0000000000000, 0x3f800000bfc00000
    .quad   0x3ff0000000000000, 0x7ff8000000000000
    .quad   0x405000003f800000, 0xbff8000000000000
    .quad   0x3f800000000116c2, 0x40500000000116c2
    .quad   0x3f80000000000000, 0x7149f2ca3f000000
    .quad   0xc00000007149f2ca, 0x7c0042807bff7e00
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x405000007f800000, 0x0001be00c0007d00
    .quad   0x000116c23f000000, 0x7bff80003c003c00
    .quad   0x8000be0038000001, 0xbe00c0003c000001
    .quad   0x400a000000000000, 0x7149f2ca000116c2
    .quad   0x00000000bfc00000, 0x7d00000100017bff
    .quad   0x0001c0000000c000, 0x7ff8000000000000
    .quad   0x405000007f800000, 0x7d007c003c00be00
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0xc0007c003c000000, 0x7fc0000040500000
    .quad   0x0000000000000000, 0x40e0000080000000
    .quad   0xc000000000000000, 0x7c003c003c007d00
    .quad   0x00007e007c007d00, 0xbe00000142807d00
    .quad   0x40e000007f800000, 0x7f800000c0000000
    .quad   0x380000007bff0000, 0x8000be0038008000
    .quad   0x3f0000003f800000, 0x3fe0000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x3f000000000116c2, 0x3f8000003f800000
    .quad   0x400a000000000000, 0x8000000000000000
    .quad   0x800000007d003c00, 0x7149f2ca7fc00000
    .quad   0x3fe0000000000000, 0x7149f2cabfc00000
    .quad   0xbff8000000000000, 0x7f800000c0000000
    .quad   0x3fe0000000000000, 0x7c007d007d007bff
    .quad   0xbe00470038007d00, 0x37a16c262777579c
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x3c00c00000007e00, 0x46293e5939a08cea
    .quad   0x40e000003f000000, 0x405000003f000000
    .quad   0x3f00000040500000, 0x7ff8000000000000
    .quad   0xc0007c007bff7bff, 0x7fc000007149f2ca
    .quad   0x4700c0007bff8000, 0x000116c2000116c2
    .quad   0x46293e5939a08cea, 0x46293e5939a08cea
    .quad   0xc0007d0047007bff, 0xc00080007bff0001
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0xc0003800be004280, 0x7fc00000bfc00000
    .quad   0x3ff0000000000000, 0x401c000000000000
    .quad   0x3c00000147003c00, 0x400a000000000000
    .quad   0x400a000000000000, 0xbff8000000000000
    .quad   0x3c0042807e000001, 0x3c000001c0000001
    .quad   0xc00000017c007c00, 0x3f80000040500000
    .quad   0xc000c00038007d00, 0x000116c200000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x46293e5939a08cea, 0x7d00be003c007e00
    .quad   0xc000000000000000, 0x3ff0000000000000
    .quad   0x7ff8000000000000, 0x38007e007c003800
    .quad   0x40e0000000000000, 0x3f0000007fc00000
    .quad   0xc000000040500000, 0xc00000003f800000
    .quad   0xc000000040e00000, 0xc000000000000000
    .quad   0x7bff47007e003c00, 0x40e0000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .bss
    .balign 16
scratch:
    .skip   256
