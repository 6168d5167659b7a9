/*
 * Interrupted syscalls.  A second thread sends SIGUSR1 to the main
 * thread with tgkill, 200 ms apart, while the main thread blocks:
 *   1. read() on an empty pipe, handler without SA_RESTART: -EINTR;
 *   2. read() again, handler with SA_RESTART: the handler runs, the read
 *      is restarted and returns the byte the child writes later;
 *   3. nanosleep(10 s) with SA_RESTART: -EINTR all the same (Linux
 *      never restarts nanosleep after a handler).
 */
#include "sig-lib.inc"


    .macro KILL_MAIN
    mov     x0, x21
    mov     x1, x21
    mov     x2, #SIGUSR1
    SYSCALL 131
    .endm

    .macro SLEEP_MS ms
    sub     sp, sp, #16
    mov     x9, #0
    str     x9, [sp]
    ldr     x9, =(\ms * 1000000)
    str     x9, [sp, #8]
    mov     x0, sp
    mov     x1, #0
    SYSCALL 101
    add     sp, sp, #16
    .endm

    .text
    .globl _start
_start:
    adr     x0, fds
    mov     x1, #0
    SYSCALL 59                      /* pipe2 */
    SYSCALL 172
    mov     x21, x0                 /* our pid */
    SIGACTION SIGUSR1, on_usr1, 0
    /* clone(CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM, stack_top) */
    mov     x0, #0x0f00
    movk    x0, #0x5, lsl #16
    adr     x1, stack_top
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    SYSCALL 220
    cbz     x0, child

    adr     x22, fds
    ldr     w0, [x22]
    adr     x1, buf
    mov     x2, #1
    SYSCALL 63
    neg     x19, x0
    SHOWDEC "read without SA_RESTART: -", x19

    SIGACTION SIGUSR1, on_usr1, SA_RESTART
    ldr     w0, [x22]
    adr     x1, buf
    mov     x2, #1
    SYSCALL 63
    mov     x19, x0
    SHOWDEC "read with SA_RESTART: ", x19
    adr     x0, buf
    mov     x1, #1
    bl      putmem
    NL

    sub     sp, sp, #16
    mov     x9, #10
    stp     x9, xzr, [sp]
    mov     x0, sp
    mov     x1, #0
    SYSCALL 101
    add     sp, sp, #16
    neg     x19, x0
    SHOWDEC "nanosleep with SA_RESTART: -", x19
    EXIT    0

child:
    SLEEP_MS 200
    KILL_MAIN
    SLEEP_MS 200
    KILL_MAIN
    SLEEP_MS 200
    adr     x22, fds
    ldr     w0, [x22, #4]
    adr     x1, letter
    mov     x2, #1
    SYSCALL 64
    SLEEP_MS 200
    KILL_MAIN
    mov     x0, #0
    SYSCALL 93                      /* exit (this thread) */

on_usr1:
    HANDLER_ENTER
    SAY     "handler\n"
    HANDLER_RET

    .ltorg

letter: .ascii "x"

    .bss
    .balign 16
stack:  .zero   8192
stack_top:

    .data
    .balign 8
fds:    .word 0, 0
buf:    .quad 0
