/*
 * The smallest user-mode program: write(1, "hello\n", 6) and exit(0)
 * with SVC, no C library.  Generic arm64 syscall numbers: write 64,
 * exit 93; x8 = number, x0..x5 = arguments, x0 = result.
 */
    .text
    .globl _start
_start:
    mov     x0, #1
    adr     x1, msg
    mov     x2, #6
    mov     x8, #64
    svc     #0
    cmp     x0, #6
    b.ne    fail
    mov     x0, #0
    mov     x8, #93
    svc     #0
fail:
    mov     x0, #1
    mov     x8, #93
    svc     #0

    .section .rodata
msg:
    .ascii  "hello\n"
