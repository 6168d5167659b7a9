/*
 * An atomic (done by a helper, not by generated code) on a read-only
 * page: the guest dies of SIGSEGV (status 139) after printing the value
 * a plain load of the same address gives.  Expected output and status
 * from qemu-aarch64.
 */
#include "ldst-common.inc"

    .arch   armv8.1-a

    .text
    .globl _start
_start:
    adr     x19, ro
    ldr     x10, [x19]
    P       x10
    mov     x9, #1
    ldadd   x9, x10, [x19]          /* SIGSEGV */
    P       x10
    EXIT0

    .section .rodata
    .balign 8
ro:
    .quad   0x52
