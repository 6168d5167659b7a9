/*
 * Unallocated encodings next to the crypto, by-element, dot product,
 * complex, FP16 and conversion groups raise SIGILL (never abort tern):
 * each word runs with a SIGILL handler that puts the trapping word in
 * x27 and skips it; the program prints x27 after each (0 = no trap).
 * Expected output from qemu-aarch64 -cpu max.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGILL, on_ill, SA_SIGINFO
    mov     x25, #0
    mov     x27, #0
    .inst   0x4e684800              /* AESE with size = 01 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x4e281800              /* crypto AES opcode 00001 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x5e007000              /* SHA three-register opcode 111 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x5e283800              /* SHA two-register opcode 00011 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x5e682800              /* SHA1H with size = 01 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0xcec08800              /* SHA512 two-register opcode 10 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0xce600000              /* crypto four-register Op0 = 11 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x2e00c400              /* FCMLA (vector) with size = 00 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x0e409400              /* SDOT (vector) with size = 01 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x0f40e000              /* SDOT (by element) with size = 01 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x4fe01000              /* FMLA (by element) D with L = 1 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x0fc01000              /* FMLA (by element) D with Q = 0 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x0ec02400              /* three same FP16 opcode 100, a = 1, U = 0 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x7ef81800              /* FP16 two-reg misc FRINTZ: no scalar form */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x0f09fc00              /* FCVTZS (fixed point) with immh = 0001 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x5f01fc00              /* scalar FCVTZS (fixed point) with immh = 0000 */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x1ee3c000              /* FCVT Hd, Hn (same format) */
    SHOWHEX "sigill ", x27
    mov     x27, #0
    .inst   0x2ea1e800              /* FRINT32X (vector) with sz = 1, Q = 0 */
    SHOWHEX "sigill ", x27
    SHOWDEC "total ", x25
    EXIT    0

on_ill:
    HANDLER_ENTER
    /* the handler's registers are restored from the frame: count there */
    ldr     x23, [x2, #(SC_REGS + 8 * 25)]
    add     x23, x23, #1
    str     x23, [x2, #(SC_REGS + 8 * 25)]
    ldr     x23, [x2, #SC_PC]
    ldr     w24, [x23]
    str     x24, [x2, #(SC_REGS + 8 * 27)]
    add     x23, x23, #4
    str     x23, [x2, #SC_PC]
    HANDLER_RET

    .ltorg
