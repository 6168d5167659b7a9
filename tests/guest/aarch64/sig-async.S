/*
 * Asynchronous signals while the guest computes (no syscalls): the host
 * handler records the signal and stops the CPU at the next block start,
 * where the cpu loop delivers it.
 *   1. setitimer(ITIMER_REAL, 20 ms): a SIGALRM handler sets a flag the
 *      main loop spins on;
 *   2. a second thread spins the same way until the main thread's
 *      tgkill(SIGUSR1) reaches it; its handler checks it runs on that
 *      thread (gettid) and sets the flag.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGALRM, on_alrm, 0
    SIGACTION SIGUSR1, on_usr1, 0
    /* setitimer(ITIMER_REAL, {{0, 0}, {0, 20000}}, NULL) */
    sub     sp, sp, #32
    stp     xzr, xzr, [sp]
    mov     x9, #20000
    stp     xzr, x9, [sp, #16]
    mov     x0, #0
    mov     x1, sp
    mov     x2, #0
    SYSCALL 103
    add     sp, sp, #32
    mov     x19, x0
    SHOWDEC "setitimer: ", x19
    adr     x20, flag
    mov     x21, #0
1:  add     x21, x21, #1            /* a loop of linked blocks */
    ldr     x9, [x20]
    cbz     x9, 1b
    SAY     "main: SIGALRM seen\n"

    /* 2: a thread */
    str     xzr, [x20]
    mov     x0, #0x0f00             /* CLONE_VM|FS|FILES|SIGHAND */
    movk    x0, #0x5, lsl #16       /* |THREAD|SYSVSEM */
    adr     x1, stack_top
    mov     x2, #0
    mov     x3, #0
    mov     x4, #0
    SYSCALL 220
    cbz     x0, thread
    mov     x22, x0                 /* its tid */
    adr     x23, started
2:  ldar    x9, [x23]
    cbz     x9, 2b
    SYSCALL 172
    mov     x1, x22
    mov     x2, #SIGUSR1
    SYSCALL 131                     /* tgkill(pid, tid, SIGUSR1) */
    adr     x23, finished
3:  ldar    x9, [x23]
    cbz     x9, 3b
    SAY     "main: the thread saw SIGUSR1\n"
    EXIT    0

thread:
    SYSCALL 178
    mov     x24, x0                 /* our tid, for the handler */
    adr     x20, flag
    adr     x23, started
    mov     x9, #1
    stlr    x9, [x23]
1:  ldr     x9, [x20]
    cbz     x9, 1b
    SAY     "thread: SIGUSR1 seen\n"
    adr     x23, finished
    mov     x9, #1
    stlr    x9, [x23]
    mov     x0, #0
    SYSCALL 93

on_alrm:
    HANDLER_ENTER
    SAY     "SIGALRM handler\n"
    adr     x9, flag
    mov     x10, #1
    str     x10, [x9]
    HANDLER_RET

/* x24 = the thread's tid when interrupted there */
on_usr1:
    HANDLER_ENTER
    SYSCALL 178
    cmp     x0, x24
    cset    x19, eq
    SHOWDEC "SIGUSR1 handler on the thread: ", x19
    adr     x9, flag
    mov     x10, #1
    str     x10, [x9]
    HANDLER_RET

    .ltorg

    .data
    .balign 8
flag:     .quad 0
started:  .quad 0
finished: .quad 0

    .bss
    .balign 16
stack:  .zero   8192
stack_top:
