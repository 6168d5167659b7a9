/*
 * FP/SIMD state across a handler: v0..v31, FPCR and FPSR hold patterns
 * when SIGUSR1 arrives; the handler checks the frame's fpsimd_context
 * (magic, size, fpsr, fpcr, vregs), clobbers every V register, FPCR and
 * FPSR, and changes v7 in the frame; after rt_sigreturn the program sees
 * its own values again, except v7, which comes from the frame.
 *
 * sig-fpsimd.out is from qemu-aarch64 -cpu cortex-a72: with -cpu max
 * (SVE) qemu 7.2 saves the Z registers in an sve_context record and
 * restores them from there, so a change to the fpsimd record is lost;
 * Linux restores V from fpsimd_context unless the task uses SVE.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGUSR1, on_usr1, SA_SIGINFO
    /* pattern: byte j of v_i = i * 16 + j */
    adr     x0, buf
    mov     x1, #0
1:  strb    w1, [x0, x1]
    add     x1, x1, #1
    cmp     x1, #512
    b.ne    1b
    bl      load_v
    mov     x9, #0x00c00000         /* RMode = round towards zero */
    orr     x9, x9, #0x01000000     /* FZ */
    msr     fpcr, x9
    mov     x9, #0x11               /* IXC | IOC */
    msr     fpsr, x9
    RAISE   SIGUSR1
    mrs     x19, fpcr
    SHOWHEX "fpcr after: ", x19
    mrs     x19, fpsr
    SHOWHEX "fpsr after: ", x19
    adr     x0, buf2
    bl      store_v
    /* compare buf2 with the pattern */
    adr     x20, buf2
    mov     x21, #0
    mov     x22, #0                 /* mismatches */
2:  ldrb    w9, [x20, x21]
    and     x10, x21, #0xff
    cmp     x9, x10
    cinc    x22, x22, ne
    add     x21, x21, #1
    cmp     x21, #512
    b.ne    2b
    SHOWDEC "bytes differing from the pattern: ", x22
    ldr     x19, [x20, #(7 * 16)]
    SHOWHEX "v7 low: ", x19
    ldr     x19, [x20, #(7 * 16 + 8)]
    SHOWHEX "v7 high: ", x19
    ldr     x19, [x20, #(31 * 16 + 8)]
    SHOWHEX "v31 high: ", x19
    EXIT    0

/* v0..v31 <- [x0], [x0] <- v0..v31 */
load_v:
    ld1     {v0.16b-v3.16b}, [x0], #64
    ld1     {v4.16b-v7.16b}, [x0], #64
    ld1     {v8.16b-v11.16b}, [x0], #64
    ld1     {v12.16b-v15.16b}, [x0], #64
    ld1     {v16.16b-v19.16b}, [x0], #64
    ld1     {v20.16b-v23.16b}, [x0], #64
    ld1     {v24.16b-v27.16b}, [x0], #64
    ld1     {v28.16b-v31.16b}, [x0], #64
    ret
store_v:
    st1     {v0.16b-v3.16b}, [x0], #64
    st1     {v4.16b-v7.16b}, [x0], #64
    st1     {v8.16b-v11.16b}, [x0], #64
    st1     {v12.16b-v15.16b}, [x0], #64
    st1     {v16.16b-v19.16b}, [x0], #64
    st1     {v20.16b-v23.16b}, [x0], #64
    st1     {v24.16b-v27.16b}, [x0], #64
    st1     {v28.16b-v31.16b}, [x0], #64
    ret

on_usr1:
    HANDLER_ENTER
    add     x20, x2, #SC_RESERVED
    ldr     w19, [x20]
    SHOWHEX "magic: ", x19
    ldr     w19, [x20, #4]
    SHOWDEC "size: ", x19
    ldr     w19, [x20, #8]
    SHOWHEX "fpsr in frame: ", x19
    ldr     w19, [x20, #12]
    SHOWHEX "fpcr in frame: ", x19
    ldr     x19, [x20, #(16 + 5 * 16)]
    SHOWHEX "v5 low in frame: ", x19
    ldr     x19, [x20, #(16 + 31 * 16 + 8)]
    SHOWHEX "v31 high in frame: ", x19
    /* clobber */
    adr     x0, zeros
    bl      load_v
    msr     fpcr, xzr
    msr     fpsr, xzr
    /* v7 in the frame := 0x7777... */
    mov     x9, #0x7777
    movk    x9, #0x7777, lsl #16
    movk    x9, #0x7777, lsl #32
    movk    x9, #0x7777, lsl #48
    str     x9, [x20, #(16 + 7 * 16)]
    str     x9, [x20, #(16 + 7 * 16 + 8)]
    HANDLER_RET

    .ltorg

    .bss
    .balign 16
buf:
    .zero   512
buf2:
    .zero   512
zeros:
    .zero   512
