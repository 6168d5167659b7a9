/*
 * Crypto extension: AESE/AESD/AESMC/AESIMC, SHA1C/P/M/H/SU0/SU1,
 * SHA256H/H2/SU0/SU1, SHA512H/H2/SU0/SU1, EOR3/BCAX/RAX1/XAR, PMULL.1Q
 * and PMULL.8H, over random and all-0/all-1 inputs, including Vd
 * aliasing a source.  Expected output from qemu-aarch64 -cpu max; the
 * known-answer tests (FIPS-197, FIPS-180) are in crypto-kat.c.
 */
    .arch armv8.2-a+crypto+sha3
#include "simd-lib.inc"
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #1
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #6
2:
    T       aese v3.16b, v0.16b
    T       aesd v3.16b, v1.16b
    T       aesmc v3.16b, v2.16b
    T       aesimc v3.16b, v4.16b
    T       aese v3.16b, v3.16b
    T       aesmc v3.16b, v3.16b
    T       sha1c q3, s0, v1.4s
    T       sha1p q3, s2, v4.4s
    T       sha1m q3, s5, v6.4s
    T       sha1h s3, s0
    T       sha1su0 v3.4s, v1.4s, v2.4s
    T       sha1su1 v3.4s, v4.4s
    T       sha256h q3, q0, v1.4s
    T       sha256h2 q3, q2, v4.4s
    T       sha256su0 v3.4s, v5.4s
    T       sha256su1 v3.4s, v0.4s, v6.4s
    T       sha1c q3, s3, v3.4s
    T       sha256h q3, q3, v3.4s
    T       sha512h q3, q0, v1.2d
    T       sha512h2 q3, q2, v4.2d
    T       sha512su0 v3.2d, v5.2d
    T       sha512su1 v3.2d, v0.2d, v6.2d
    T       sha512h q3, q3, v3.2d
    T       eor3 v3.16b, v0.16b, v1.16b, v2.16b
    T       eor3 v3.16b, v3.16b, v4.16b, v3.16b
    T       bcax v3.16b, v0.16b, v1.16b, v2.16b
    T       bcax v3.16b, v4.16b, v3.16b, v5.16b
    T       rax1 v3.2d, v0.2d, v1.2d
    T       rax1 v3.2d, v3.2d, v3.2d
    T       xar v3.2d, v0.2d, v1.2d, #0
    T       xar v3.2d, v2.2d, v4.2d, #1
    T       xar v3.2d, v5.2d, v6.2d, #63
    T       xar v3.2d, v3.2d, v0.2d, #17
    T       pmull v3.1q, v0.1d, v1.1d
    T       pmull2 v3.1q, v0.2d, v1.2d
    T       pmull v3.1q, v3.1d, v3.1d
    T       pmull2 v3.1q, v4.2d, v3.2d
    T       pmull v3.8h, v0.8b, v1.8b
    T       pmull2 v3.8h, v0.16b, v1.16b
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
data:
    .quad   0x97b750923ceb3ffd, 0x216363698b529b4a
    .quad   0xea7b5bf55eb561a4, 0x795b929e9a9a80fd
    .quad   0x94b2b8fda02f34a6, 0x9b08923d10c67fd9
    .quad   0xe8a8529f035efa25, 0x781f9c58d6645fa9
    .quad   0x8d0038ec42650644, 0x311624273bfd1d33
    .quad   0xb7970386fee29476, 0x8a7d43b578633074
    .quad   0x8cb4a0d7d6225675, 0x65aa9c8279f248b0
    .quad   0xdc6bf1e1a399f82a, 0x3b5f3d86268ecc45
    .quad   0x26d0b944a2863a7f, 0xed038db4de383784
    .quad   0x63d2e49085ef3430, 0x03e0a813bdc2ae99
    .quad   0xc6f8da3eabe19f58, 0x28ce6f2410645d51
    .quad   0xf51e8722c21b6092, 0x0af438d297524d6a
    .quad   0xc7b317d94d1fe09f, 0xd2d5844307f062ce
    .quad   0x44f9794cdd933160, 0x9841811779061596
    .quad   0xeb8f624fb804d820, 0x633a50eee0f9e038
    .quad   0xc9c18070b6d13089, 0x6d4b9adbebcd1f5e
    .quad   0xba6676b3651c5253, 0x93b05a04cd085b71
    .quad   0xf6ced90a71d2af72, 0x2257989fef829c88
    .quad   0x5d92b243e0fd67dd, 0x092fdddf18f2c41c
    .quad   0x7eb0adf422cedafb, 0x420b0ebe378c74dc
    .quad   0xac0ae4e2f729b4c8, 0xc76abf436fa84dca
    .quad   0xdaf0105ba06c05a1, 0x6bd0638b4d100d8f
    .quad   0xd55ec1a581daad10, 0x92f3277b62c82185
    .quad   0x88bafad959d54505, 0x6856e45b95c76ab4
    .quad   0x3b7dae0495918694, 0x56363b4be779c470
    .quad   0xea6d5547ae966193, 0x07564931edcf6109
    .quad   0x47997b6bdb3d1150, 0x9b16f809fdb17f54
    .quad   0xb2109307abd8952c, 0xb2d87d5e29c0e596
    .quad   0x538e504edc52bdca, 0x8ab12c32f6f22f41
    .quad   0x926baeafe79a27e6, 0x1aa4b64091b1078e
    .quad   0xa7cf94d7b6bcb64f, 0xa20ab57c360c4979
    .quad   0xfcf249f3d4e441c3, 0x445fad2a92d3043a
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0x0000000000000000, 0x0000000000000000
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .quad   0xffffffffffffffff, 0xffffffffffffffff
    .bss
    .balign 16
scratch:
    .skip   256
