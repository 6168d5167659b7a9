/*
 * A syscall between LDXR and STXR makes the STXR fail: the kernel's
 * exception return clears the local exclusive monitor (ARM ARM: ERET
 * clears it), so user mode must clear exclusive_addr on every SVC.
 * Expected output from qemu-aarch64.
 */
#include "ldst-common.inc"

    .text
    .globl _start
_start:
    adr     x19, data
    ldxr    x9, [x19]
    mov     x0, #1
    adr     x1, data
    mov     x2, #0
    mov     x8, #64             /* write(1, data, 0) */
    svc     #0
    stxr    w11, xzr, [x19]
    P       x11
    ldr     x9, [x19]
    P       x9
    /* Without the syscall it succeeds. */
    ldxr    x9, [x19]
    stxr    w11, xzr, [x19]
    P       x11
    ldr     x9, [x19]
    P       x9
    EXIT0

    .data
    .balign 8
data:
    .quad   0x0123456789abcdef
