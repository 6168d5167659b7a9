/*
 * AdvSIMD integer groups: copy, modified immediate, three same (vector
 * and scalar), two-reg misc, across lanes, shift by immediate, three
 * different, permute, EXT, TBL/TBX; every arrangement, over five input
 * sets (random, edge values, small bytes for TBL indices).  Generated
 * (one T line per instruction, see simd-lib.inc); expected output from
 * qemu-aarch64, spot-checked against the ARM ARM.
 */
#include "simd-lib.inc"
    .globl _start
_start:
    adr     x28, scratch
    mov     x21, #0
    adr     x26, fpcr_list
    mov     x27, #1
1:  ldr     x22, [x26], #8
    adr     x20, data
    mov     x25, #5
2:
    T       dup v3.16b, w5
    T       dup v3.8b, w5
    T       dup v3.4h, w5
    T       dup v3.8h, w6
    T       dup v3.2s, w5
    T       dup v3.4s, w6
    T       dup v3.2d, x5
    T       dup v3.16b, v0.b[15]
    T       dup v3.8b, v0.b[3]
    T       dup v3.4h, v0.h[7]
    T       dup v3.8h, v0.h[1]
    T       dup v3.2s, v0.s[3]
    T       dup v3.4s, v0.s[2]
    T       dup v3.2d, v0.d[1]
    T       dup v3.2d, v3.d[0]
    T       mov v3.b[5], w5
    T       mov v3.h[7], w5
    T       mov v3.s[1], w6
    T       mov v3.d[1], x5
    T       mov v3.b[0], wzr
    T       mov v3.b[9], v0.b[2]
    T       mov v3.h[1], v0.h[6]
    T       mov v3.s[3], v0.s[0]
    T       mov v3.d[0], v0.d[1]
    T       umov w3, v0.b[7]
    T       umov w3, v0.h[5]
    T       umov w3, v0.s[3]
    T       umov x3, v0.d[1]
    T       smov w3, v0.b[1]
    T       smov x3, v0.b[15]
    T       smov w3, v0.h[3]
    T       smov x3, v0.h[7]
    T       smov x3, v0.s[2]
    T       mov b3, v0.b[5]
    T       mov h3, v0.h[3]
    T       mov s3, v0.s[3]
    T       mov d3, v0.d[1]
    T       movi v3.16b, #0xa5
    T       movi v3.8b, #0x7f
    T       movi v3.4h, #0x12, lsl #8
    T       movi v3.8h, #0xff
    T       movi v3.2s, #0x34, lsl #24
    T       movi v3.4s, #0x56, lsl #16
    T       movi v3.4s, #0x78, msl #8
    T       movi v3.2s, #0x9a, msl #16
    T       movi d3, #0xff00ff0000ffff00
    T       movi v3.2d, #0x00ff00ff00ff00ff
    T       mvni v3.4h, #0x12
    T       mvni v3.8h, #0x34, lsl #8
    T       mvni v3.2s, #0x56, lsl #8
    T       mvni v3.4s, #0x78, msl #16
    T       orr v3.4h, #0x12, lsl #8
    T       orr v3.8h, #0xf0
    T       orr v3.2s, #0x3c, lsl #16
    T       orr v3.4s, #0x81, lsl #24
    T       bic v3.4h, #0xff
    T       bic v3.8h, #0xf0, lsl #8
    T       bic v3.2s, #0x3c
    T       bic v3.4s, #0x81, lsl #24
    T       fmov v3.2s, #1.0
    T       fmov v3.4s, #-0.125
    T       fmov v3.2d, #31.0
    T       fmov v3.4s, #2.5
    T       shadd v3.8b, v0.8b, v1.8b
    T       shadd v3.16b, v0.16b, v1.16b
    T       shadd v3.4h, v0.4h, v1.4h
    T       shadd v3.8h, v0.8h, v1.8h
    T       shadd v3.2s, v0.2s, v1.2s
    T       shadd v3.4s, v0.4s, v1.4s
    T       uhadd v3.8b, v0.8b, v1.8b
    T       uhadd v3.16b, v0.16b, v1.16b
    T       uhadd v3.4h, v0.4h, v1.4h
    T       uhadd v3.8h, v0.8h, v1.8h
    T       uhadd v3.2s, v0.2s, v1.2s
    T       uhadd v3.4s, v0.4s, v1.4s
    T       srhadd v3.8b, v0.8b, v1.8b
    T       srhadd v3.16b, v0.16b, v1.16b
    T       srhadd v3.4h, v0.4h, v1.4h
    T       srhadd v3.8h, v0.8h, v1.8h
    T       srhadd v3.2s, v0.2s, v1.2s
    T       srhadd v3.4s, v0.4s, v1.4s
    T       urhadd v3.8b, v0.8b, v1.8b
    T       urhadd v3.16b, v0.16b, v1.16b
    T       urhadd v3.4h, v0.4h, v1.4h
    T       urhadd v3.8h, v0.8h, v1.8h
    T       urhadd v3.2s, v0.2s, v1.2s
    T       urhadd v3.4s, v0.4s, v1.4s
    T       shsub v3.8b, v0.8b, v1.8b
    T       shsub v3.16b, v0.16b, v1.16b
    T       shsub v3.4h, v0.4h, v1.4h
    T       shsub v3.8h, v0.8h, v1.8h
    T       shsub v3.2s, v0.2s, v1.2s
    T       shsub v3.4s, v0.4s, v1.4s
    T       uhsub v3.8b, v0.8b, v1.8b
    T       uhsub v3.16b, v0.16b, v1.16b
    T       uhsub v3.4h, v0.4h, v1.4h
    T       uhsub v3.8h, v0.8h, v1.8h
    T       uhsub v3.2s, v0.2s, v1.2s
    T       uhsub v3.4s, v0.4s, v1.4s
    T       smax v3.8b, v0.8b, v1.8b
    T       smax v3.16b, v0.16b, v1.16b
    T       smax v3.4h, v0.4h, v1.4h
    T       smax v3.8h, v0.8h, v1.8h
    T       smax v3.2s, v0.2s, v1.2s
    T       smax v3.4s, v0.4s, v1.4s
    T       umax v3.8b, v0.8b, v1.8b
    T       umax v3.16b, v0.16b, v1.16b
    T       umax v3.4h, v0.4h, v1.4h
    T       umax v3.8h, v0.8h, v1.8h
    T       umax v3.2s, v0.2s, v1.2s
    T       umax v3.4s, v0.4s, v1.4s
    T       smin v3.8b, v0.8b, v1.8b
    T       smin v3.16b, v0.16b, v1.16b
    T       smin v3.4h, v0.4h, v1.4h
    T       smin v3.8h, v0.8h, v1.8h
    T       smin v3.2s, v0.2s, v1.2s
    T       smin v3.4s, v0.4s, v1.4s
    T       umin v3.8b, v0.8b, v1.8b
    T       umin v3.16b, v0.16b, v1.16b
    T       umin v3.4h, v0.4h, v1.4h
    T       umin v3.8h, v0.8h, v1.8h
    T       umin v3.2s, v0.2s, v1.2s
    T       umin v3.4s, v0.4s, v1.4s
    T       sabd v3.8b, v0.8b, v1.8b
    T       sabd v3.16b, v0.16b, v1.16b
    T       sabd v3.4h, v0.4h, v1.4h
    T       sabd v3.8h, v0.8h, v1.8h
    T       sabd v3.2s, v0.2s, v1.2s
    T       sabd v3.4s, v0.4s, v1.4s
    T       uabd v3.8b, v0.8b, v1.8b
    T       uabd v3.16b, v0.16b, v1.16b
    T       uabd v3.4h, v0.4h, v1.4h
    T       uabd v3.8h, v0.8h, v1.8h
    T       uabd v3.2s, v0.2s, v1.2s
    T       uabd v3.4s, v0.4s, v1.4s
    T       saba v3.8b, v0.8b, v1.8b
    T       saba v3.16b, v0.16b, v1.16b
    T       saba v3.4h, v0.4h, v1.4h
    T       saba v3.8h, v0.8h, v1.8h
    T       saba v3.2s, v0.2s, v1.2s
    T       saba v3.4s, v0.4s, v1.4s
    T       uaba v3.8b, v0.8b, v1.8b
    T       uaba v3.16b, v0.16b, v1.16b
    T       uaba v3.4h, v0.4h, v1.4h
    T       uaba v3.8h, v0.8h, v1.8h
    T       uaba v3.2s, v0.2s, v1.2s
    T       uaba v3.4s, v0.4s, v1.4s
    T       mla v3.8b, v0.8b, v1.8b
    T       mla v3.16b, v0.16b, v1.16b
    T       mla v3.4h, v0.4h, v1.4h
    T       mla v3.8h, v0.8h, v1.8h
    T       mla v3.2s, v0.2s, v1.2s
    T       mla v3.4s, v0.4s, v1.4s
    T       mls v3.8b, v0.8b, v1.8b
    T       mls v3.16b, v0.16b, v1.16b
    T       mls v3.4h, v0.4h, v1.4h
    T       mls v3.8h, v0.8h, v1.8h
    T       mls v3.2s, v0.2s, v1.2s
    T       mls v3.4s, v0.4s, v1.4s
    T       mul v3.8b, v0.8b, v1.8b
    T       mul v3.16b, v0.16b, v1.16b
    T       mul v3.4h, v0.4h, v1.4h
    T       mul v3.8h, v0.8h, v1.8h
    T       mul v3.2s, v0.2s, v1.2s
    T       mul v3.4s, v0.4s, v1.4s
    T       smaxp v3.8b, v0.8b, v1.8b
    T       smaxp v3.16b, v0.16b, v1.16b
    T       smaxp v3.4h, v0.4h, v1.4h
    T       smaxp v3.8h, v0.8h, v1.8h
    T       smaxp v3.2s, v0.2s, v1.2s
    T       smaxp v3.4s, v0.4s, v1.4s
    T       umaxp v3.8b, v0.8b, v1.8b
    T       umaxp v3.16b, v0.16b, v1.16b
    T       umaxp v3.4h, v0.4h, v1.4h
    T       umaxp v3.8h, v0.8h, v1.8h
    T       umaxp v3.2s, v0.2s, v1.2s
    T       umaxp v3.4s, v0.4s, v1.4s
    T       sminp v3.8b, v0.8b, v1.8b
    T       sminp v3.16b, v0.16b, v1.16b
    T       sminp v3.4h, v0.4h, v1.4h
    T       sminp v3.8h, v0.8h, v1.8h
    T       sminp v3.2s, v0.2s, v1.2s
    T       sminp v3.4s, v0.4s, v1.4s
    T       uminp v3.8b, v0.8b, v1.8b
    T       uminp v3.16b, v0.16b, v1.16b
    T       uminp v3.4h, v0.4h, v1.4h
    T       uminp v3.8h, v0.8h, v1.8h
    T       uminp v3.2s, v0.2s, v1.2s
    T       uminp v3.4s, v0.4s, v1.4s
    T       add v3.8b, v0.8b, v1.8b
    T       add v3.16b, v0.16b, v1.16b
    T       add v3.4h, v0.4h, v1.4h
    T       add v3.8h, v0.8h, v1.8h
    T       add v3.2s, v0.2s, v1.2s
    T       add v3.4s, v0.4s, v1.4s
    T       add v3.2d, v0.2d, v1.2d
    T       sub v3.8b, v0.8b, v1.8b
    T       sub v3.16b, v0.16b, v1.16b
    T       sub v3.4h, v0.4h, v1.4h
    T       sub v3.8h, v0.8h, v1.8h
    T       sub v3.2s, v0.2s, v1.2s
    T       sub v3.4s, v0.4s, v1.4s
    T       sub v3.2d, v0.2d, v1.2d
    T       cmeq v3.8b, v0.8b, v1.8b
    T       cmeq v3.16b, v0.16b, v1.16b
    T       cmeq v3.4h, v0.4h, v1.4h
    T       cmeq v3.8h, v0.8h, v1.8h
    T       cmeq v3.2s, v0.2s, v1.2s
    T       cmeq v3.4s, v0.4s, v1.4s
    T       cmeq v3.2d, v0.2d, v1.2d
    T       cmhi v3.8b, v0.8b, v1.8b
    T       cmhi v3.16b, v0.16b, v1.16b
    T       cmhi v3.4h, v0.4h, v1.4h
    T       cmhi v3.8h, v0.8h, v1.8h
    T       cmhi v3.2s, v0.2s, v1.2s
    T       cmhi v3.4s, v0.4s, v1.4s
    T       cmhi v3.2d, v0.2d, v1.2d
    T       cmhs v3.8b, v0.8b, v1.8b
    T       cmhs v3.16b, v0.16b, v1.16b
    T       cmhs v3.4h, v0.4h, v1.4h
    T       cmhs v3.8h, v0.8h, v1.8h
    T       cmhs v3.2s, v0.2s, v1.2s
    T       cmhs v3.4s, v0.4s, v1.4s
    T       cmhs v3.2d, v0.2d, v1.2d
    T       cmgt v3.8b, v0.8b, v1.8b
    T       cmgt v3.16b, v0.16b, v1.16b
    T       cmgt v3.4h, v0.4h, v1.4h
    T       cmgt v3.8h, v0.8h, v1.8h
    T       cmgt v3.2s, v0.2s, v1.2s
    T       cmgt v3.4s, v0.4s, v1.4s
    T       cmgt v3.2d, v0.2d, v1.2d
    T       cmge v3.8b, v0.8b, v1.8b
    T       cmge v3.16b, v0.16b, v1.16b
    T       cmge v3.4h, v0.4h, v1.4h
    T       cmge v3.8h, v0.8h, v1.8h
    T       cmge v3.2s, v0.2s, v1.2s
    T       cmge v3.4s, v0.4s, v1.4s
    T       cmge v3.2d, v0.2d, v1.2d
    T       cmtst v3.8b, v0.8b, v1.8b
    T       cmtst v3.16b, v0.16b, v1.16b
    T       cmtst v3.4h, v0.4h, v1.4h
    T       cmtst v3.8h, v0.8h, v1.8h
    T       cmtst v3.2s, v0.2s, v1.2s
    T       cmtst v3.4s, v0.4s, v1.4s
    T       cmtst v3.2d, v0.2d, v1.2d
    T       sqadd v3.8b, v0.8b, v1.8b
    T       sqadd v3.16b, v0.16b, v1.16b
    T       sqadd v3.4h, v0.4h, v1.4h
    T       sqadd v3.8h, v0.8h, v1.8h
    T       sqadd v3.2s, v0.2s, v1.2s
    T       sqadd v3.4s, v0.4s, v1.4s
    T       sqadd v3.2d, v0.2d, v1.2d
    T       uqadd v3.8b, v0.8b, v1.8b
    T       uqadd v3.16b, v0.16b, v1.16b
    T       uqadd v3.4h, v0.4h, v1.4h
    T       uqadd v3.8h, v0.8h, v1.8h
    T       uqadd v3.2s, v0.2s, v1.2s
    T       uqadd v3.4s, v0.4s, v1.4s
    T       uqadd v3.2d, v0.2d, v1.2d
    T       sqsub v3.8b, v0.8b, v1.8b
    T       sqsub v3.16b, v0.16b, v1.16b
    T       sqsub v3.4h, v0.4h, v1.4h
    T       sqsub v3.8h, v0.8h, v1.8h
    T       sqsub v3.2s, v0.2s, v1.2s
    T       sqsub v3.4s, v0.4s, v1.4s
    T       sqsub v3.2d, v0.2d, v1.2d
    T       uqsub v3.8b, v0.8b, v1.8b
    T       uqsub v3.16b, v0.16b, v1.16b
    T       uqsub v3.4h, v0.4h, v1.4h
    T       uqsub v3.8h, v0.8h, v1.8h
    T       uqsub v3.2s, v0.2s, v1.2s
    T       uqsub v3.4s, v0.4s, v1.4s
    T       uqsub v3.2d, v0.2d, v1.2d
    T       sshl v3.8b, v0.8b, v2.8b
    T       sshl v3.16b, v0.16b, v2.16b
    T       sshl v3.4h, v0.4h, v2.4h
    T       sshl v3.8h, v0.8h, v2.8h
    T       sshl v3.2s, v0.2s, v2.2s
    T       sshl v3.4s, v0.4s, v2.4s
    T       sshl v3.2d, v0.2d, v2.2d
    T       ushl v3.8b, v0.8b, v2.8b
    T       ushl v3.16b, v0.16b, v2.16b
    T       ushl v3.4h, v0.4h, v2.4h
    T       ushl v3.8h, v0.8h, v2.8h
    T       ushl v3.2s, v0.2s, v2.2s
    T       ushl v3.4s, v0.4s, v2.4s
    T       ushl v3.2d, v0.2d, v2.2d
    T       srshl v3.8b, v0.8b, v1.8b
    T       srshl v3.16b, v0.16b, v1.16b
    T       srshl v3.4h, v0.4h, v1.4h
    T       srshl v3.8h, v0.8h, v1.8h
    T       srshl v3.2s, v0.2s, v1.2s
    T       srshl v3.4s, v0.4s, v1.4s
    T       srshl v3.2d, v0.2d, v1.2d
    T       urshl v3.8b, v0.8b, v1.8b
    T       urshl v3.16b, v0.16b, v1.16b
    T       urshl v3.4h, v0.4h, v1.4h
    T       urshl v3.8h, v0.8h, v1.8h
    T       urshl v3.2s, v0.2s, v1.2s
    T       urshl v3.4s, v0.4s, v1.4s
    T       urshl v3.2d, v0.2d, v1.2d
    T       sqshl v3.8b, v0.8b, v1.8b
    T       sqshl v3.16b, v0.16b, v1.16b
    T       sqshl v3.4h, v0.4h, v1.4h
    T       sqshl v3.8h, v0.8h, v1.8h
    T       sqshl v3.2s, v0.2s, v1.2s
    T       sqshl v3.4s, v0.4s, v1.4s
    T       sqshl v3.2d, v0.2d, v1.2d
    T       uqshl v3.8b, v0.8b, v1.8b
    T       uqshl v3.16b, v0.16b, v1.16b
    T       uqshl v3.4h, v0.4h, v1.4h
    T       uqshl v3.8h, v0.8h, v1.8h
    T       uqshl v3.2s, v0.2s, v1.2s
    T       uqshl v3.4s, v0.4s, v1.4s
    T       uqshl v3.2d, v0.2d, v1.2d
    T       sqrshl v3.8b, v0.8b, v1.8b
    T       sqrshl v3.16b, v0.16b, v1.16b
    T       sqrshl v3.4h, v0.4h, v1.4h
    T       sqrshl v3.8h, v0.8h, v1.8h
    T       sqrshl v3.2s, v0.2s, v1.2s
    T       sqrshl v3.4s, v0.4s, v1.4s
    T       sqrshl v3.2d, v0.2d, v1.2d
    T       uqrshl v3.8b, v0.8b, v1.8b
    T       uqrshl v3.16b, v0.16b, v1.16b
    T       uqrshl v3.4h, v0.4h, v1.4h
    T       uqrshl v3.8h, v0.8h, v1.8h
    T       uqrshl v3.2s, v0.2s, v1.2s
    T       uqrshl v3.4s, v0.4s, v1.4s
    T       uqrshl v3.2d, v0.2d, v1.2d
    T       addp v3.8b, v0.8b, v1.8b
    T       addp v3.16b, v0.16b, v1.16b
    T       addp v3.4h, v0.4h, v1.4h
    T       addp v3.8h, v0.8h, v1.8h
    T       addp v3.2s, v0.2s, v1.2s
    T       addp v3.4s, v0.4s, v1.4s
    T       addp v3.2d, v0.2d, v1.2d
    T       sqdmulh v3.4h, v0.4h, v1.4h
    T       sqdmulh v3.8h, v0.8h, v1.8h
    T       sqdmulh v3.2s, v0.2s, v1.2s
    T       sqdmulh v3.4s, v0.4s, v1.4s
    T       sqrdmulh v3.4h, v0.4h, v1.4h
    T       sqrdmulh v3.8h, v0.8h, v1.8h
    T       sqrdmulh v3.2s, v0.2s, v1.2s
    T       sqrdmulh v3.4s, v0.4s, v1.4s
    T       and v3.8b, v0.8b, v1.8b
    T       and v3.16b, v0.16b, v1.16b
    T       bic v3.8b, v0.8b, v1.8b
    T       bic v3.16b, v0.16b, v1.16b
    T       orr v3.8b, v0.8b, v1.8b
    T       orr v3.16b, v0.16b, v1.16b
    T       orn v3.8b, v0.8b, v1.8b
    T       orn v3.16b, v0.16b, v1.16b
    T       eor v3.8b, v0.8b, v1.8b
    T       eor v3.16b, v0.16b, v1.16b
    T       bsl v3.8b, v0.8b, v1.8b
    T       bsl v3.16b, v0.16b, v1.16b
    T       bit v3.8b, v0.8b, v1.8b
    T       bit v3.16b, v0.16b, v1.16b
    T       bif v3.8b, v0.8b, v1.8b
    T       bif v3.16b, v0.16b, v1.16b
    T       pmul v3.8b, v0.8b, v1.8b
    T       pmul v3.16b, v0.16b, v1.16b
    T       mov v3.16b, v1.16b
    T       mov v3.8b, v1.8b
    T       add d3, d0, d1
    T       sub d3, d0, d1
    T       cmeq d3, d0, d1
    T       cmhi d3, d0, d1
    T       cmhs d3, d0, d1
    T       cmgt d3, d0, d1
    T       cmge d3, d0, d1
    T       cmtst d3, d0, d1
    T       sshl d3, d0, d1
    T       ushl d3, d0, d1
    T       srshl d3, d0, d1
    T       urshl d3, d0, d1
    T       sqadd b3, b0, b1
    T       sqadd h3, h0, h1
    T       sqadd s3, s0, s1
    T       sqadd d3, d0, d1
    T       uqadd b3, b0, b1
    T       uqadd h3, h0, h1
    T       uqadd s3, s0, s1
    T       uqadd d3, d0, d1
    T       sqsub b3, b0, b1
    T       sqsub h3, h0, h1
    T       sqsub s3, s0, s1
    T       sqsub d3, d0, d1
    T       uqsub b3, b0, b1
    T       uqsub h3, h0, h1
    T       uqsub s3, s0, s1
    T       uqsub d3, d0, d1
    T       sqshl b3, b0, b1
    T       sqshl h3, h0, h1
    T       sqshl s3, s0, s1
    T       sqshl d3, d0, d1
    T       uqshl b3, b0, b1
    T       uqshl h3, h0, h1
    T       uqshl s3, s0, s1
    T       uqshl d3, d0, d1
    T       sqrshl b3, b0, b1
    T       sqrshl h3, h0, h1
    T       sqrshl s3, s0, s1
    T       sqrshl d3, d0, d1
    T       uqrshl b3, b0, b1
    T       uqrshl h3, h0, h1
    T       uqrshl s3, s0, s1
    T       uqrshl d3, d0, d1
    T       sqdmulh h3, h0, h1
    T       sqdmulh s3, s0, s1
    T       sqrdmulh h3, h0, h1
    T       sqrdmulh s3, s0, s1
    T       rev64 v3.8b, v0.8b
    T       rev64 v3.16b, v0.16b
    T       rev64 v3.4h, v0.4h
    T       rev64 v3.8h, v0.8h
    T       rev64 v3.2s, v0.2s
    T       rev64 v3.4s, v0.4s
    T       rev32 v3.8b, v0.8b
    T       rev32 v3.16b, v0.16b
    T       rev32 v3.4h, v0.4h
    T       rev32 v3.8h, v0.8h
    T       rev16 v3.8b, v0.8b
    T       rev16 v3.16b, v0.16b
    T       saddlp v3.4h, v0.8b
    T       saddlp v3.8h, v0.16b
    T       saddlp v3.2s, v0.4h
    T       saddlp v3.4s, v0.8h
    T       saddlp v3.1d, v0.2s
    T       saddlp v3.2d, v0.4s
    T       uaddlp v3.4h, v0.8b
    T       uaddlp v3.8h, v0.16b
    T       uaddlp v3.2s, v0.4h
    T       uaddlp v3.4s, v0.8h
    T       uaddlp v3.1d, v0.2s
    T       uaddlp v3.2d, v0.4s
    T       sadalp v3.4h, v0.8b
    T       sadalp v3.8h, v0.16b
    T       sadalp v3.2s, v0.4h
    T       sadalp v3.4s, v0.8h
    T       sadalp v3.1d, v0.2s
    T       sadalp v3.2d, v0.4s
    T       uadalp v3.4h, v0.8b
    T       uadalp v3.8h, v0.16b
    T       uadalp v3.2s, v0.4h
    T       uadalp v3.4s, v0.8h
    T       uadalp v3.1d, v0.2s
    T       uadalp v3.2d, v0.4s
    T       cls v3.8b, v0.8b
    T       cls v3.16b, v0.16b
    T       cls v3.4h, v0.4h
    T       cls v3.8h, v0.8h
    T       cls v3.2s, v0.2s
    T       cls v3.4s, v0.4s
    T       clz v3.8b, v0.8b
    T       clz v3.16b, v0.16b
    T       clz v3.4h, v0.4h
    T       clz v3.8h, v0.8h
    T       clz v3.2s, v0.2s
    T       clz v3.4s, v0.4s
    T       cnt v3.8b, v0.8b
    T       cnt v3.16b, v0.16b
    T       not v3.8b, v0.8b
    T       not v3.16b, v0.16b
    T       rbit v3.8b, v0.8b
    T       rbit v3.16b, v0.16b
    T       suqadd v3.8b, v0.8b
    T       suqadd v3.16b, v0.16b
    T       suqadd v3.4h, v0.4h
    T       suqadd v3.8h, v0.8h
    T       suqadd v3.2s, v0.2s
    T       suqadd v3.4s, v0.4s
    T       suqadd v3.2d, v0.2d
    T       usqadd v3.8b, v0.8b
    T       usqadd v3.16b, v0.16b
    T       usqadd v3.4h, v0.4h
    T       usqadd v3.8h, v0.8h
    T       usqadd v3.2s, v0.2s
    T       usqadd v3.4s, v0.4s
    T       usqadd v3.2d, v0.2d
    T       sqabs v3.8b, v0.8b
    T       sqabs v3.16b, v0.16b
    T       sqabs v3.4h, v0.4h
    T       sqabs v3.8h, v0.8h
    T       sqabs v3.2s, v0.2s
    T       sqabs v3.4s, v0.4s
    T       sqabs v3.2d, v0.2d
    T       sqneg v3.8b, v0.8b
    T       sqneg v3.16b, v0.16b
    T       sqneg v3.4h, v0.4h
    T       sqneg v3.8h, v0.8h
    T       sqneg v3.2s, v0.2s
    T       sqneg v3.4s, v0.4s
    T       sqneg v3.2d, v0.2d
    T       abs v3.8b, v0.8b
    T       abs v3.16b, v0.16b
    T       abs v3.4h, v0.4h
    T       abs v3.8h, v0.8h
    T       abs v3.2s, v0.2s
    T       abs v3.4s, v0.4s
    T       abs v3.2d, v0.2d
    T       neg v3.8b, v0.8b
    T       neg v3.16b, v0.16b
    T       neg v3.4h, v0.4h
    T       neg v3.8h, v0.8h
    T       neg v3.2s, v0.2s
    T       neg v3.4s, v0.4s
    T       neg v3.2d, v0.2d
    T       cmgt v3.8b, v0.8b, #0
    T       cmgt v3.16b, v0.16b, #0
    T       cmgt v3.4h, v0.4h, #0
    T       cmgt v3.8h, v0.8h, #0
    T       cmgt v3.2s, v0.2s, #0
    T       cmgt v3.4s, v0.4s, #0
    T       cmgt v3.2d, v0.2d, #0
    T       cmge v3.8b, v0.8b, #0
    T       cmge v3.16b, v0.16b, #0
    T       cmge v3.4h, v0.4h, #0
    T       cmge v3.8h, v0.8h, #0
    T       cmge v3.2s, v0.2s, #0
    T       cmge v3.4s, v0.4s, #0
    T       cmge v3.2d, v0.2d, #0
    T       cmeq v3.8b, v0.8b, #0
    T       cmeq v3.16b, v0.16b, #0
    T       cmeq v3.4h, v0.4h, #0
    T       cmeq v3.8h, v0.8h, #0
    T       cmeq v3.2s, v0.2s, #0
    T       cmeq v3.4s, v0.4s, #0
    T       cmeq v3.2d, v0.2d, #0
    T       cmle v3.8b, v0.8b, #0
    T       cmle v3.16b, v0.16b, #0
    T       cmle v3.4h, v0.4h, #0
    T       cmle v3.8h, v0.8h, #0
    T       cmle v3.2s, v0.2s, #0
    T       cmle v3.4s, v0.4s, #0
    T       cmle v3.2d, v0.2d, #0
    T       cmlt v3.8b, v0.8b, #0
    T       cmlt v3.16b, v0.16b, #0
    T       cmlt v3.4h, v0.4h, #0
    T       cmlt v3.8h, v0.8h, #0
    T       cmlt v3.2s, v0.2s, #0
    T       cmlt v3.4s, v0.4s, #0
    T       cmlt v3.2d, v0.2d, #0
    T       xtn v3.8b, v0.8h
    T       xtn v3.4h, v0.4s
    T       xtn v3.2s, v0.2d
    T       xtn2 v3.16b, v0.8h
    T       xtn2 v3.8h, v0.4s
    T       xtn2 v3.4s, v0.2d
    T       sqxtn v3.8b, v0.8h
    T       sqxtn v3.4h, v0.4s
    T       sqxtn v3.2s, v0.2d
    T       sqxtn2 v3.16b, v0.8h
    T       sqxtn2 v3.8h, v0.4s
    T       sqxtn2 v3.4s, v0.2d
    T       uqxtn v3.8b, v0.8h
    T       uqxtn v3.4h, v0.4s
    T       uqxtn v3.2s, v0.2d
    T       uqxtn2 v3.16b, v0.8h
    T       uqxtn2 v3.8h, v0.4s
    T       uqxtn2 v3.4s, v0.2d
    T       sqxtun v3.8b, v0.8h
    T       sqxtun v3.4h, v0.4s
    T       sqxtun v3.2s, v0.2d
    T       sqxtun2 v3.16b, v0.8h
    T       sqxtun2 v3.8h, v0.4s
    T       sqxtun2 v3.4s, v0.2d
    T       shll v3.8h, v0.8b, #8
    T       shll v3.4s, v0.4h, #16
    T       shll v3.2d, v0.2s, #32
    T       shll2 v3.8h, v0.16b, #8
    T       shll2 v3.4s, v0.8h, #16
    T       shll2 v3.2d, v0.4s, #32
    T       cmeq d3, d0, #0
    T       cmgt d3, d0, #0
    T       cmlt d3, d0, #0
    T       abs d3, d0
    T       neg d3, d0
    T       sqabs b3, b0
    T       sqneg h3, h0
    T       sqabs s3, s0
    T       sqneg d3, d0
    T       suqadd b3, b0
    T       usqadd h3, h0
    T       sqxtn b3, h0
    T       uqxtn s3, d0
    T       sqxtun h3, s0
    T       addv b3, v0.8b
    T       addv b3, v0.16b
    T       addv h3, v0.4h
    T       addv h3, v0.8h
    T       addv s3, v0.4s
    T       umaxv b3, v0.8b
    T       umaxv b3, v0.16b
    T       umaxv h3, v0.4h
    T       umaxv h3, v0.8h
    T       umaxv s3, v0.4s
    T       uminv b3, v0.8b
    T       uminv b3, v0.16b
    T       uminv h3, v0.4h
    T       uminv h3, v0.8h
    T       uminv s3, v0.4s
    T       smaxv b3, v0.8b
    T       smaxv b3, v0.16b
    T       smaxv h3, v0.4h
    T       smaxv h3, v0.8h
    T       smaxv s3, v0.4s
    T       sminv b3, v0.8b
    T       sminv b3, v0.16b
    T       sminv h3, v0.4h
    T       sminv h3, v0.8h
    T       sminv s3, v0.4s
    T       saddlv h3, v0.8b
    T       saddlv h3, v0.16b
    T       saddlv s3, v0.4h
    T       saddlv s3, v0.8h
    T       saddlv d3, v0.4s
    T       uaddlv h3, v0.8b
    T       uaddlv h3, v0.16b
    T       uaddlv s3, v0.4h
    T       uaddlv s3, v0.8h
    T       uaddlv d3, v0.4s
    T       addp d3, v0.2d
    T       sshr v3.8b, v0.8b, #1
    T       sshr v3.8b, v0.8b, #5
    T       sshr v3.8b, v0.8b, #8
    T       sshr v3.16b, v0.16b, #1
    T       sshr v3.16b, v0.16b, #5
    T       sshr v3.16b, v0.16b, #8
    T       sshr v3.4h, v0.4h, #1
    T       sshr v3.4h, v0.4h, #9
    T       sshr v3.4h, v0.4h, #16
    T       sshr v3.8h, v0.8h, #1
    T       sshr v3.8h, v0.8h, #9
    T       sshr v3.8h, v0.8h, #16
    T       sshr v3.2s, v0.2s, #1
    T       sshr v3.2s, v0.2s, #17
    T       sshr v3.2s, v0.2s, #32
    T       sshr v3.4s, v0.4s, #1
    T       sshr v3.4s, v0.4s, #17
    T       sshr v3.4s, v0.4s, #32
    T       sshr v3.2d, v0.2d, #1
    T       sshr v3.2d, v0.2d, #33
    T       sshr v3.2d, v0.2d, #64
    T       ushr v3.8b, v0.8b, #1
    T       ushr v3.8b, v0.8b, #5
    T       ushr v3.8b, v0.8b, #8
    T       ushr v3.16b, v0.16b, #1
    T       ushr v3.16b, v0.16b, #5
    T       ushr v3.16b, v0.16b, #8
    T       ushr v3.4h, v0.4h, #1
    T       ushr v3.4h, v0.4h, #9
    T       ushr v3.4h, v0.4h, #16
    T       ushr v3.8h, v0.8h, #1
    T       ushr v3.8h, v0.8h, #9
    T       ushr v3.8h, v0.8h, #16
    T       ushr v3.2s, v0.2s, #1
    T       ushr v3.2s, v0.2s, #17
    T       ushr v3.2s, v0.2s, #32
    T       ushr v3.4s, v0.4s, #1
    T       ushr v3.4s, v0.4s, #17
    T       ushr v3.4s, v0.4s, #32
    T       ushr v3.2d, v0.2d, #1
    T       ushr v3.2d, v0.2d, #33
    T       ushr v3.2d, v0.2d, #64
    T       ssra v3.8b, v0.8b, #1
    T       ssra v3.8b, v0.8b, #5
    T       ssra v3.8b, v0.8b, #8
    T       ssra v3.16b, v0.16b, #1
    T       ssra v3.16b, v0.16b, #5
    T       ssra v3.16b, v0.16b, #8
    T       ssra v3.4h, v0.4h, #1
    T       ssra v3.4h, v0.4h, #9
    T       ssra v3.4h, v0.4h, #16
    T       ssra v3.8h, v0.8h, #1
    T       ssra v3.8h, v0.8h, #9
    T       ssra v3.8h, v0.8h, #16
    T       ssra v3.2s, v0.2s, #1
    T       ssra v3.2s, v0.2s, #17
    T       ssra v3.2s, v0.2s, #32
    T       ssra v3.4s, v0.4s, #1
    T       ssra v3.4s, v0.4s, #17
    T       ssra v3.4s, v0.4s, #32
    T       ssra v3.2d, v0.2d, #1
    T       ssra v3.2d, v0.2d, #33
    T       ssra v3.2d, v0.2d, #64
    T       usra v3.8b, v0.8b, #1
    T       usra v3.8b, v0.8b, #5
    T       usra v3.8b, v0.8b, #8
    T       usra v3.16b, v0.16b, #1
    T       usra v3.16b, v0.16b, #5
    T       usra v3.16b, v0.16b, #8
    T       usra v3.4h, v0.4h, #1
    T       usra v3.4h, v0.4h, #9
    T       usra v3.4h, v0.4h, #16
    T       usra v3.8h, v0.8h, #1
    T       usra v3.8h, v0.8h, #9
    T       usra v3.8h, v0.8h, #16
    T       usra v3.2s, v0.2s, #1
    T       usra v3.2s, v0.2s, #17
    T       usra v3.2s, v0.2s, #32
    T       usra v3.4s, v0.4s, #1
    T       usra v3.4s, v0.4s, #17
    T       usra v3.4s, v0.4s, #32
    T       usra v3.2d, v0.2d, #1
    T       usra v3.2d, v0.2d, #33
    T       usra v3.2d, v0.2d, #64
    T       srshr v3.8b, v0.8b, #1
    T       srshr v3.8b, v0.8b, #5
    T       srshr v3.8b, v0.8b, #8
    T       srshr v3.16b, v0.16b, #1
    T       srshr v3.16b, v0.16b, #5
    T       srshr v3.16b, v0.16b, #8
    T       srshr v3.4h, v0.4h, #1
    T       srshr v3.4h, v0.4h, #9
    T       srshr v3.4h, v0.4h, #16
    T       srshr v3.8h, v0.8h, #1
    T       srshr v3.8h, v0.8h, #9
    T       srshr v3.8h, v0.8h, #16
    T       srshr v3.2s, v0.2s, #1
    T       srshr v3.2s, v0.2s, #17
    T       srshr v3.2s, v0.2s, #32
    T       srshr v3.4s, v0.4s, #1
    T       srshr v3.4s, v0.4s, #17
    T       srshr v3.4s, v0.4s, #32
    T       srshr v3.2d, v0.2d, #1
    T       srshr v3.2d, v0.2d, #33
    T       srshr v3.2d, v0.2d, #64
    T       urshr v3.8b, v0.8b, #1
    T       urshr v3.8b, v0.8b, #5
    T       urshr v3.8b, v0.8b, #8
    T       urshr v3.16b, v0.16b, #1
    T       urshr v3.16b, v0.16b, #5
    T       urshr v3.16b, v0.16b, #8
    T       urshr v3.4h, v0.4h, #1
    T       urshr v3.4h, v0.4h, #9
    T       urshr v3.4h, v0.4h, #16
    T       urshr v3.8h, v0.8h, #1
    T       urshr v3.8h, v0.8h, #9
    T       urshr v3.8h, v0.8h, #16
    T       urshr v3.2s, v0.2s, #1
    T       urshr v3.2s, v0.2s, #17
    T       urshr v3.2s, v0.2s, #32
    T       urshr v3.4s, v0.4s, #1
    T       urshr v3.4s, v0.4s, #17
    T       urshr v3.4s, v0.4s, #32
    T       urshr v3.2d, v0.2d, #1
    T       urshr v3.2d, v0.2d, #33
    T       urshr v3.2d, v0.2d, #64
    T       srsra v3.8b, v0.8b, #1
    T       srsra v3.8b, v0.8b, #5
    T       srsra v3.8b, v0.8b, #8
    T       srsra v3.16b, v0.16b, #1
    T       srsra v3.16b, v0.16b, #5
    T       srsra v3.16b, v0.16b, #8
    T       srsra v3.4h, v0.4h, #1
    T       srsra v3.4h, v0.4h, #9
    T       srsra v3.4h, v0.4h, #16
    T       srsra v3.8h, v0.8h, #1
    T       srsra v3.8h, v0.8h, #9
    T       srsra v3.8h, v0.8h, #16
    T       srsra v3.2s, v0.2s, #1
    T       srsra v3.2s, v0.2s, #17
    T       srsra v3.2s, v0.2s, #32
    T       srsra v3.4s, v0.4s, #1
    T       srsra v3.4s, v0.4s, #17
    T       srsra v3.4s, v0.4s, #32
    T       srsra v3.2d, v0.2d, #1
    T       srsra v3.2d, v0.2d, #33
    T       srsra v3.2d, v0.2d, #64
    T       ursra v3.8b, v0.8b, #1
    T       ursra v3.8b, v0.8b, #5
    T       ursra v3.8b, v0.8b, #8
    T       ursra v3.16b, v0.16b, #1
    T       ursra v3.16b, v0.16b, #5
    T       ursra v3.16b, v0.16b, #8
    T       ursra v3.4h, v0.4h, #1
    T       ursra v3.4h, v0.4h, #9
    T       ursra v3.4h, v0.4h, #16
    T       ursra v3.8h, v0.8h, #1
    T       ursra v3.8h, v0.8h, #9
    T       ursra v3.8h, v0.8h, #16
    T       ursra v3.2s, v0.2s, #1
    T       ursra v3.2s, v0.2s, #17
    T       ursra v3.2s, v0.2s, #32
    T       ursra v3.4s, v0.4s, #1
    T       ursra v3.4s, v0.4s, #17
    T       ursra v3.4s, v0.4s, #32
    T       ursra v3.2d, v0.2d, #1
    T       ursra v3.2d, v0.2d, #33
    T       ursra v3.2d, v0.2d, #64
    T       sri v3.8b, v0.8b, #1
    T       sri v3.8b, v0.8b, #5
    T       sri v3.8b, v0.8b, #8
    T       sri v3.16b, v0.16b, #1
    T       sri v3.16b, v0.16b, #5
    T       sri v3.16b, v0.16b, #8
    T       sri v3.4h, v0.4h, #1
    T       sri v3.4h, v0.4h, #9
    T       sri v3.4h, v0.4h, #16
    T       sri v3.8h, v0.8h, #1
    T       sri v3.8h, v0.8h, #9
    T       sri v3.8h, v0.8h, #16
    T       sri v3.2s, v0.2s, #1
    T       sri v3.2s, v0.2s, #17
    T       sri v3.2s, v0.2s, #32
    T       sri v3.4s, v0.4s, #1
    T       sri v3.4s, v0.4s, #17
    T       sri v3.4s, v0.4s, #32
    T       sri v3.2d, v0.2d, #1
    T       sri v3.2d, v0.2d, #33
    T       sri v3.2d, v0.2d, #64
    T       shl v3.8b, v0.8b, #0
    T       shl v3.8b, v0.8b, #3
    T       shl v3.8b, v0.8b, #7
    T       shl v3.16b, v0.16b, #0
    T       shl v3.16b, v0.16b, #3
    T       shl v3.16b, v0.16b, #7
    T       shl v3.4h, v0.4h, #0
    T       shl v3.4h, v0.4h, #3
    T       shl v3.4h, v0.4h, #15
    T       shl v3.8h, v0.8h, #0
    T       shl v3.8h, v0.8h, #3
    T       shl v3.8h, v0.8h, #15
    T       shl v3.2s, v0.2s, #0
    T       shl v3.2s, v0.2s, #3
    T       shl v3.2s, v0.2s, #31
    T       shl v3.4s, v0.4s, #0
    T       shl v3.4s, v0.4s, #3
    T       shl v3.4s, v0.4s, #31
    T       shl v3.2d, v0.2d, #0
    T       shl v3.2d, v0.2d, #3
    T       shl v3.2d, v0.2d, #63
    T       sli v3.8b, v0.8b, #0
    T       sli v3.8b, v0.8b, #3
    T       sli v3.8b, v0.8b, #7
    T       sli v3.16b, v0.16b, #0
    T       sli v3.16b, v0.16b, #3
    T       sli v3.16b, v0.16b, #7
    T       sli v3.4h, v0.4h, #0
    T       sli v3.4h, v0.4h, #3
    T       sli v3.4h, v0.4h, #15
    T       sli v3.8h, v0.8h, #0
    T       sli v3.8h, v0.8h, #3
    T       sli v3.8h, v0.8h, #15
    T       sli v3.2s, v0.2s, #0
    T       sli v3.2s, v0.2s, #3
    T       sli v3.2s, v0.2s, #31
    T       sli v3.4s, v0.4s, #0
    T       sli v3.4s, v0.4s, #3
    T       sli v3.4s, v0.4s, #31
    T       sli v3.2d, v0.2d, #0
    T       sli v3.2d, v0.2d, #3
    T       sli v3.2d, v0.2d, #63
    T       sqshl v3.8b, v0.8b, #0
    T       sqshl v3.8b, v0.8b, #3
    T       sqshl v3.8b, v0.8b, #7
    T       sqshl v3.16b, v0.16b, #0
    T       sqshl v3.16b, v0.16b, #3
    T       sqshl v3.16b, v0.16b, #7
    T       sqshl v3.4h, v0.4h, #0
    T       sqshl v3.4h, v0.4h, #3
    T       sqshl v3.4h, v0.4h, #15
    T       sqshl v3.8h, v0.8h, #0
    T       sqshl v3.8h, v0.8h, #3
    T       sqshl v3.8h, v0.8h, #15
    T       sqshl v3.2s, v0.2s, #0
    T       sqshl v3.2s, v0.2s, #3
    T       sqshl v3.2s, v0.2s, #31
    T       sqshl v3.4s, v0.4s, #0
    T       sqshl v3.4s, v0.4s, #3
    T       sqshl v3.4s, v0.4s, #31
    T       sqshl v3.2d, v0.2d, #0
    T       sqshl v3.2d, v0.2d, #3
    T       sqshl v3.2d, v0.2d, #63
    T       uqshl v3.8b, v0.8b, #0
    T       uqshl v3.8b, v0.8b, #3
    T       uqshl v3.8b, v0.8b, #7
    T       uqshl v3.16b, v0.16b, #0
    T       uqshl v3.16b, v0.16b, #3
    T       uqshl v3.16b, v0.16b, #7
    T       uqshl v3.4h, v0.4h, #0
    T       uqshl v3.4h, v0.4h, #3
    T       uqshl v3.4h, v0.4h, #15
    T       uqshl v3.8h, v0.8h, #0
    T       uqshl v3.8h, v0.8h, #3
    T       uqshl v3.8h, v0.8h, #15
    T       uqshl v3.2s, v0.2s, #0
    T       uqshl v3.2s, v0.2s, #3
    T       uqshl v3.2s, v0.2s, #31
    T       uqshl v3.4s, v0.4s, #0
    T       uqshl v3.4s, v0.4s, #3
    T       uqshl v3.4s, v0.4s, #31
    T       uqshl v3.2d, v0.2d, #0
    T       uqshl v3.2d, v0.2d, #3
    T       uqshl v3.2d, v0.2d, #63
    T       sqshlu v3.8b, v0.8b, #0
    T       sqshlu v3.8b, v0.8b, #3
    T       sqshlu v3.8b, v0.8b, #7
    T       sqshlu v3.16b, v0.16b, #0
    T       sqshlu v3.16b, v0.16b, #3
    T       sqshlu v3.16b, v0.16b, #7
    T       sqshlu v3.4h, v0.4h, #0
    T       sqshlu v3.4h, v0.4h, #3
    T       sqshlu v3.4h, v0.4h, #15
    T       sqshlu v3.8h, v0.8h, #0
    T       sqshlu v3.8h, v0.8h, #3
    T       sqshlu v3.8h, v0.8h, #15
    T       sqshlu v3.2s, v0.2s, #0
    T       sqshlu v3.2s, v0.2s, #3
    T       sqshlu v3.2s, v0.2s, #31
    T       sqshlu v3.4s, v0.4s, #0
    T       sqshlu v3.4s, v0.4s, #3
    T       sqshlu v3.4s, v0.4s, #31
    T       sqshlu v3.2d, v0.2d, #0
    T       sqshlu v3.2d, v0.2d, #3
    T       sqshlu v3.2d, v0.2d, #63
    T       shrn v3.8b, v0.8h, #1
    T       shrn v3.8b, v0.8h, #8
    T       shrn v3.4h, v0.4s, #1
    T       shrn v3.4h, v0.4s, #16
    T       shrn v3.2s, v0.2d, #1
    T       shrn v3.2s, v0.2d, #32
    T       shrn2 v3.16b, v0.8h, #5
    T       shrn2 v3.8h, v0.4s, #9
    T       shrn2 v3.4s, v0.2d, #17
    T       rshrn v3.8b, v0.8h, #1
    T       rshrn v3.8b, v0.8h, #8
    T       rshrn v3.4h, v0.4s, #1
    T       rshrn v3.4h, v0.4s, #16
    T       rshrn v3.2s, v0.2d, #1
    T       rshrn v3.2s, v0.2d, #32
    T       rshrn2 v3.16b, v0.8h, #5
    T       rshrn2 v3.8h, v0.4s, #9
    T       rshrn2 v3.4s, v0.2d, #17
    T       sqshrn v3.8b, v0.8h, #1
    T       sqshrn v3.8b, v0.8h, #8
    T       sqshrn v3.4h, v0.4s, #1
    T       sqshrn v3.4h, v0.4s, #16
    T       sqshrn v3.2s, v0.2d, #1
    T       sqshrn v3.2s, v0.2d, #32
    T       sqshrn2 v3.16b, v0.8h, #5
    T       sqshrn2 v3.8h, v0.4s, #9
    T       sqshrn2 v3.4s, v0.2d, #17
    T       uqshrn v3.8b, v0.8h, #1
    T       uqshrn v3.8b, v0.8h, #8
    T       uqshrn v3.4h, v0.4s, #1
    T       uqshrn v3.4h, v0.4s, #16
    T       uqshrn v3.2s, v0.2d, #1
    T       uqshrn v3.2s, v0.2d, #32
    T       uqshrn2 v3.16b, v0.8h, #5
    T       uqshrn2 v3.8h, v0.4s, #9
    T       uqshrn2 v3.4s, v0.2d, #17
    T       sqshrun v3.8b, v0.8h, #1
    T       sqshrun v3.8b, v0.8h, #8
    T       sqshrun v3.4h, v0.4s, #1
    T       sqshrun v3.4h, v0.4s, #16
    T       sqshrun v3.2s, v0.2d, #1
    T       sqshrun v3.2s, v0.2d, #32
    T       sqshrun2 v3.16b, v0.8h, #5
    T       sqshrun2 v3.8h, v0.4s, #9
    T       sqshrun2 v3.4s, v0.2d, #17
    T       sqrshrn v3.8b, v0.8h, #1
    T       sqrshrn v3.8b, v0.8h, #8
    T       sqrshrn v3.4h, v0.4s, #1
    T       sqrshrn v3.4h, v0.4s, #16
    T       sqrshrn v3.2s, v0.2d, #1
    T       sqrshrn v3.2s, v0.2d, #32
    T       sqrshrn2 v3.16b, v0.8h, #5
    T       sqrshrn2 v3.8h, v0.4s, #9
    T       sqrshrn2 v3.4s, v0.2d, #17
    T       sqrshrun v3.8b, v0.8h, #1
    T       sqrshrun v3.8b, v0.8h, #8
    T       sqrshrun v3.4h, v0.4s, #1
    T       sqrshrun v3.4h, v0.4s, #16
    T       sqrshrun v3.2s, v0.2d, #1
    T       sqrshrun v3.2s, v0.2d, #32
    T       sqrshrun2 v3.16b, v0.8h, #5
    T       sqrshrun2 v3.8h, v0.4s, #9
    T       sqrshrun2 v3.4s, v0.2d, #17
    T       uqrshrn v3.8b, v0.8h, #1
    T       uqrshrn v3.8b, v0.8h, #8
    T       uqrshrn v3.4h, v0.4s, #1
    T       uqrshrn v3.4h, v0.4s, #16
    T       uqrshrn v3.2s, v0.2d, #1
    T       uqrshrn v3.2s, v0.2d, #32
    T       uqrshrn2 v3.16b, v0.8h, #5
    T       uqrshrn2 v3.8h, v0.4s, #9
    T       uqrshrn2 v3.4s, v0.2d, #17
    T       sshll v3.8h, v0.8b, #7
    T       sshll2 v3.8h, v0.16b, #0
    T       sshll v3.4s, v0.4h, #15
    T       sshll2 v3.4s, v0.8h, #0
    T       sshll v3.2d, v0.2s, #31
    T       sshll2 v3.2d, v0.4s, #0
    T       ushll v3.8h, v0.8b, #7
    T       ushll2 v3.8h, v0.16b, #0
    T       ushll v3.4s, v0.4h, #15
    T       ushll2 v3.4s, v0.8h, #0
    T       ushll v3.2d, v0.2s, #31
    T       ushll2 v3.2d, v0.4s, #0
    T       sxtl v3.8h, v0.8b
    T       uxtl2 v3.4s, v0.8h
    T       sxtl2 v3.2d, v0.4s
    T       uxtl v3.2d, v0.2s
    T       sshr d3, d0, #63
    T       ushr d3, d0, #64
    T       ssra d3, d0, #1
    T       ursra d3, d0, #7
    T       srshr d3, d0, #64
    T       shl d3, d0, #63
    T       sli d3, d0, #13
    T       sri d3, d0, #64
    T       sri d3, d0, #5
    T       sqshl b3, b0, #3
    T       uqshl h3, h0, #9
    T       sqshl s3, s0, #31
    T       sqshlu d3, d0, #1
    T       sqshrn b3, h0, #2
    T       uqrshrn s3, d0, #16
    T       sqrshrun h3, s0, #3
    T       saddl v3.8h, v0.8b, v1.8b
    T       saddl2 v3.8h, v0.16b, v1.16b
    T       saddl v3.4s, v0.4h, v1.4h
    T       saddl2 v3.4s, v0.8h, v1.8h
    T       saddl v3.2d, v0.2s, v1.2s
    T       saddl2 v3.2d, v0.4s, v1.4s
    T       uaddl v3.8h, v0.8b, v1.8b
    T       uaddl2 v3.8h, v0.16b, v1.16b
    T       uaddl v3.4s, v0.4h, v1.4h
    T       uaddl2 v3.4s, v0.8h, v1.8h
    T       uaddl v3.2d, v0.2s, v1.2s
    T       uaddl2 v3.2d, v0.4s, v1.4s
    T       ssubl v3.8h, v0.8b, v1.8b
    T       ssubl2 v3.8h, v0.16b, v1.16b
    T       ssubl v3.4s, v0.4h, v1.4h
    T       ssubl2 v3.4s, v0.8h, v1.8h
    T       ssubl v3.2d, v0.2s, v1.2s
    T       ssubl2 v3.2d, v0.4s, v1.4s
    T       usubl v3.8h, v0.8b, v1.8b
    T       usubl2 v3.8h, v0.16b, v1.16b
    T       usubl v3.4s, v0.4h, v1.4h
    T       usubl2 v3.4s, v0.8h, v1.8h
    T       usubl v3.2d, v0.2s, v1.2s
    T       usubl2 v3.2d, v0.4s, v1.4s
    T       sabal v3.8h, v0.8b, v1.8b
    T       sabal2 v3.8h, v0.16b, v1.16b
    T       sabal v3.4s, v0.4h, v1.4h
    T       sabal2 v3.4s, v0.8h, v1.8h
    T       sabal v3.2d, v0.2s, v1.2s
    T       sabal2 v3.2d, v0.4s, v1.4s
    T       uabal v3.8h, v0.8b, v1.8b
    T       uabal2 v3.8h, v0.16b, v1.16b
    T       uabal v3.4s, v0.4h, v1.4h
    T       uabal2 v3.4s, v0.8h, v1.8h
    T       uabal v3.2d, v0.2s, v1.2s
    T       uabal2 v3.2d, v0.4s, v1.4s
    T       sabdl v3.8h, v0.8b, v1.8b
    T       sabdl2 v3.8h, v0.16b, v1.16b
    T       sabdl v3.4s, v0.4h, v1.4h
    T       sabdl2 v3.4s, v0.8h, v1.8h
    T       sabdl v3.2d, v0.2s, v1.2s
    T       sabdl2 v3.2d, v0.4s, v1.4s
    T       uabdl v3.8h, v0.8b, v1.8b
    T       uabdl2 v3.8h, v0.16b, v1.16b
    T       uabdl v3.4s, v0.4h, v1.4h
    T       uabdl2 v3.4s, v0.8h, v1.8h
    T       uabdl v3.2d, v0.2s, v1.2s
    T       uabdl2 v3.2d, v0.4s, v1.4s
    T       smlal v3.8h, v0.8b, v1.8b
    T       smlal2 v3.8h, v0.16b, v1.16b
    T       smlal v3.4s, v0.4h, v1.4h
    T       smlal2 v3.4s, v0.8h, v1.8h
    T       smlal v3.2d, v0.2s, v1.2s
    T       smlal2 v3.2d, v0.4s, v1.4s
    T       umlal v3.8h, v0.8b, v1.8b
    T       umlal2 v3.8h, v0.16b, v1.16b
    T       umlal v3.4s, v0.4h, v1.4h
    T       umlal2 v3.4s, v0.8h, v1.8h
    T       umlal v3.2d, v0.2s, v1.2s
    T       umlal2 v3.2d, v0.4s, v1.4s
    T       smlsl v3.8h, v0.8b, v1.8b
    T       smlsl2 v3.8h, v0.16b, v1.16b
    T       smlsl v3.4s, v0.4h, v1.4h
    T       smlsl2 v3.4s, v0.8h, v1.8h
    T       smlsl v3.2d, v0.2s, v1.2s
    T       smlsl2 v3.2d, v0.4s, v1.4s
    T       umlsl v3.8h, v0.8b, v1.8b
    T       umlsl2 v3.8h, v0.16b, v1.16b
    T       umlsl v3.4s, v0.4h, v1.4h
    T       umlsl2 v3.4s, v0.8h, v1.8h
    T       umlsl v3.2d, v0.2s, v1.2s
    T       umlsl2 v3.2d, v0.4s, v1.4s
    T       smull v3.8h, v0.8b, v1.8b
    T       smull2 v3.8h, v0.16b, v1.16b
    T       smull v3.4s, v0.4h, v1.4h
    T       smull2 v3.4s, v0.8h, v1.8h
    T       smull v3.2d, v0.2s, v1.2s
    T       smull2 v3.2d, v0.4s, v1.4s
    T       umull v3.8h, v0.8b, v1.8b
    T       umull2 v3.8h, v0.16b, v1.16b
    T       umull v3.4s, v0.4h, v1.4h
    T       umull2 v3.4s, v0.8h, v1.8h
    T       umull v3.2d, v0.2s, v1.2s
    T       umull2 v3.2d, v0.4s, v1.4s
    T       saddw v3.8h, v0.8h, v1.8b
    T       saddw2 v3.8h, v0.8h, v1.16b
    T       saddw v3.4s, v0.4s, v1.4h
    T       saddw2 v3.4s, v0.4s, v1.8h
    T       saddw v3.2d, v0.2d, v1.2s
    T       saddw2 v3.2d, v0.2d, v1.4s
    T       uaddw v3.8h, v0.8h, v1.8b
    T       uaddw2 v3.8h, v0.8h, v1.16b
    T       uaddw v3.4s, v0.4s, v1.4h
    T       uaddw2 v3.4s, v0.4s, v1.8h
    T       uaddw v3.2d, v0.2d, v1.2s
    T       uaddw2 v3.2d, v0.2d, v1.4s
    T       ssubw v3.8h, v0.8h, v1.8b
    T       ssubw2 v3.8h, v0.8h, v1.16b
    T       ssubw v3.4s, v0.4s, v1.4h
    T       ssubw2 v3.4s, v0.4s, v1.8h
    T       ssubw v3.2d, v0.2d, v1.2s
    T       ssubw2 v3.2d, v0.2d, v1.4s
    T       usubw v3.8h, v0.8h, v1.8b
    T       usubw2 v3.8h, v0.8h, v1.16b
    T       usubw v3.4s, v0.4s, v1.4h
    T       usubw2 v3.4s, v0.4s, v1.8h
    T       usubw v3.2d, v0.2d, v1.2s
    T       usubw2 v3.2d, v0.2d, v1.4s
    T       addhn v3.8b, v0.8h, v1.8h
    T       addhn2 v3.16b, v0.8h, v1.8h
    T       addhn v3.4h, v0.4s, v1.4s
    T       addhn2 v3.8h, v0.4s, v1.4s
    T       addhn v3.2s, v0.2d, v1.2d
    T       addhn2 v3.4s, v0.2d, v1.2d
    T       raddhn v3.8b, v0.8h, v1.8h
    T       raddhn2 v3.16b, v0.8h, v1.8h
    T       raddhn v3.4h, v0.4s, v1.4s
    T       raddhn2 v3.8h, v0.4s, v1.4s
    T       raddhn v3.2s, v0.2d, v1.2d
    T       raddhn2 v3.4s, v0.2d, v1.2d
    T       subhn v3.8b, v0.8h, v1.8h
    T       subhn2 v3.16b, v0.8h, v1.8h
    T       subhn v3.4h, v0.4s, v1.4s
    T       subhn2 v3.8h, v0.4s, v1.4s
    T       subhn v3.2s, v0.2d, v1.2d
    T       subhn2 v3.4s, v0.2d, v1.2d
    T       rsubhn v3.8b, v0.8h, v1.8h
    T       rsubhn2 v3.16b, v0.8h, v1.8h
    T       rsubhn v3.4h, v0.4s, v1.4s
    T       rsubhn2 v3.8h, v0.4s, v1.4s
    T       rsubhn v3.2s, v0.2d, v1.2d
    T       rsubhn2 v3.4s, v0.2d, v1.2d
    T       pmull v3.8h, v0.8b, v1.8b
    T       pmull2 v3.8h, v0.16b, v1.16b
    T       zip1 v3.8b, v0.8b, v1.8b
    T       zip1 v3.16b, v0.16b, v1.16b
    T       zip1 v3.4h, v0.4h, v1.4h
    T       zip1 v3.8h, v0.8h, v1.8h
    T       zip1 v3.2s, v0.2s, v1.2s
    T       zip1 v3.4s, v0.4s, v1.4s
    T       zip1 v3.2d, v0.2d, v1.2d
    T       zip2 v3.8b, v0.8b, v1.8b
    T       zip2 v3.16b, v0.16b, v1.16b
    T       zip2 v3.4h, v0.4h, v1.4h
    T       zip2 v3.8h, v0.8h, v1.8h
    T       zip2 v3.2s, v0.2s, v1.2s
    T       zip2 v3.4s, v0.4s, v1.4s
    T       zip2 v3.2d, v0.2d, v1.2d
    T       uzp1 v3.8b, v0.8b, v1.8b
    T       uzp1 v3.16b, v0.16b, v1.16b
    T       uzp1 v3.4h, v0.4h, v1.4h
    T       uzp1 v3.8h, v0.8h, v1.8h
    T       uzp1 v3.2s, v0.2s, v1.2s
    T       uzp1 v3.4s, v0.4s, v1.4s
    T       uzp1 v3.2d, v0.2d, v1.2d
    T       uzp2 v3.8b, v0.8b, v1.8b
    T       uzp2 v3.16b, v0.16b, v1.16b
    T       uzp2 v3.4h, v0.4h, v1.4h
    T       uzp2 v3.8h, v0.8h, v1.8h
    T       uzp2 v3.2s, v0.2s, v1.2s
    T       uzp2 v3.4s, v0.4s, v1.4s
    T       uzp2 v3.2d, v0.2d, v1.2d
    T       trn1 v3.8b, v0.8b, v1.8b
    T       trn1 v3.16b, v0.16b, v1.16b
    T       trn1 v3.4h, v0.4h, v1.4h
    T       trn1 v3.8h, v0.8h, v1.8h
    T       trn1 v3.2s, v0.2s, v1.2s
    T       trn1 v3.4s, v0.4s, v1.4s
    T       trn1 v3.2d, v0.2d, v1.2d
    T       trn2 v3.8b, v0.8b, v1.8b
    T       trn2 v3.16b, v0.16b, v1.16b
    T       trn2 v3.4h, v0.4h, v1.4h
    T       trn2 v3.8h, v0.8h, v1.8h
    T       trn2 v3.2s, v0.2s, v1.2s
    T       trn2 v3.4s, v0.4s, v1.4s
    T       trn2 v3.2d, v0.2d, v1.2d
    T       ext v3.8b, v0.8b, v1.8b, #0
    T       ext v3.8b, v0.8b, v1.8b, #3
    T       ext v3.8b, v0.8b, v1.8b, #7
    T       ext v3.16b, v0.16b, v1.16b, #0
    T       ext v3.16b, v0.16b, v1.16b, #1
    T       ext v3.16b, v0.16b, v1.16b, #8
    T       ext v3.16b, v0.16b, v1.16b, #15
    T       tbl v3.8b, {v0.16b}, v1.8b
    T       tbl v3.8b, {v0.16b, v1.16b}, v2.8b
    T       tbl v3.8b, {v4.16b, v5.16b, v6.16b}, v2.8b
    T       tbl v3.8b, {v3.16b, v4.16b, v5.16b, v6.16b}, v1.8b
    T       tbl v3.8b, {v31.16b, v0.16b}, v2.8b
    T       tbl v3.16b, {v0.16b}, v1.16b
    T       tbl v3.16b, {v0.16b, v1.16b}, v2.16b
    T       tbl v3.16b, {v4.16b, v5.16b, v6.16b}, v2.16b
    T       tbl v3.16b, {v3.16b, v4.16b, v5.16b, v6.16b}, v1.16b
    T       tbl v3.16b, {v31.16b, v0.16b}, v2.16b
    T       tbx v3.8b, {v0.16b}, v1.8b
    T       tbx v3.8b, {v0.16b, v1.16b}, v2.8b
    T       tbx v3.8b, {v4.16b, v5.16b, v6.16b}, v2.8b
    T       tbx v3.8b, {v3.16b, v4.16b, v5.16b, v6.16b}, v1.8b
    T       tbx v3.8b, {v31.16b, v0.16b}, v2.8b
    T       tbx v3.16b, {v0.16b}, v1.16b
    T       tbx v3.16b, {v0.16b, v1.16b}, v2.16b
    T       tbx v3.16b, {v4.16b, v5.16b, v6.16b}, v2.16b
    T       tbx v3.16b, {v3.16b, v4.16b, v5.16b, v6.16b}, v1.16b
    T       tbx v3.16b, {v31.16b, v0.16b}, v2.16b
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
    .quad   0xbb91433a6aa79987, 0xd1f6f86c029a7245
    .quad   0xcd8778e7d340bbcd, 0xdaea58ba4c73a942
    .quad   0xee8971105e503a67, 0x452ec40a3193ca54
    .quad   0x6facaa5090e5e945, 0x5f811cb929645f8b
    .quad   0xdfc9e3b11fcff454, 0x42d6cb5c6ed4e94b
    .quad   0xa091250e8fe46024, 0x9c9cea0c2ca1c789
    .quad   0x2fd2b7a48d9fe5b9, 0xbcf74d7a5adad121
    .quad   0x0000000000000041, 0xfa88269287f26aee
    .quad   0x0102030405060708, 0x0001000100010001
    .quad   0x80000000ffffffff, 0x7fff7fff7fff7fff
    .quad   0x8000000000000000, 0x8000000000000000
    .quad   0x7fffffffffffffff, 0x0102030405060708
    .quad   0xffffffffffffffff, 0x7fffffffffffffff
    .quad   0x7f7f7f7f7f7f7f7f, 0x7f7f7f7f7f7f7f7f
    .quad   0x0000000000000000, 0x8000800080008000
    .quad   0x123456789abcdef0, 0xf7acee2206e0f458
    .quad   0x0102030405060708, 0x01b5577d00e266d0
    .quad   0x8000000000000000, 0xa70ce1b51978cec0
    .quad   0xae711399e2b2848b, 0x7fffffffffffffff
    .quad   0x0a4de3e4ce9fb6a8, 0x7fcd33d2df8960ad
    .quad   0x96af0dea41fad296, 0x8000000000000000
    .quad   0xdd533730fbb91133, 0x7f7f7f7f7f7f7f7f
    .quad   0x62d1c049282fe557, 0x0102030405060708
    .quad   0x0000000000000041, 0xfe9e6246635a8ce2
    .quad   0x2b2a37010c101903, 0x093030322d323708
    .quad   0x053c243a023f1f16, 0x1e25031d361b1005
    .quad   0x2d3f300e37213933, 0x02211a0403343b02
    .quad   0x3b1427081f1a313a, 0x0f001b111f310002
    .quad   0x2008192203090f0e, 0x13250f073d26002d
    .quad   0x1c2e0c1605203f2d, 0x2b3b2935370f192c
    .quad   0x33190e3d2c2f092a, 0x331b343e0c001530
    .quad   0x123456789abcdef0, 0xa9b04e95c4d3c54c
    .quad   0x1e8fcb74b2d4f32a, 0x060005088e0a890f
    .quad   0x7eb14f84147de9b0, 0x840b040b0a0a0607
    .quad   0x55e6fa5af79fcaa0, 0x040806030b0b0308
    .quad   0x29aa57a529ddf4c7, 0x060f8f0c090d8e07
    .quad   0x173148758980bb2c, 0x820a890f85050108
    .quad   0x2583bf9000da5a80, 0x880d8f0a00008a04
    .quad   0xe2cce77b7efe369a, 0x85038e020f028f03
    .quad   0x000000007fffffff, 0xcc6812b6ef0e1c77
    .bss
    .balign 16
scratch:
    .skip   256
