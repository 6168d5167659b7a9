/*
 * Asynchronous signals sent to ourselves: kill(getpid(), SIGUSR1) and
 * tgkill(getpid(), gettid(), SIGUSR2) run the handler before the call
 * returns to the program (delivery at the end of the syscall), with
 * si_code SI_USER / SI_TKILL and si_pid/si_uid of the sender; the
 * syscall's result (0) is kept.  A third handler has SA_RESTORER and
 * returns through our own trampoline.  SIGTERM with SIG_DFL then kills
 * the process (status 143).
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGUSR1, on_usr, SA_SIGINFO
    SIGACTION SIGUSR2, on_usr, SA_SIGINFO
    SYSCALL 172
    mov     x21, x0                 /* pid */
    SYSCALL 174
    mov     x22, x0                 /* uid */

    mov     x0, x21
    mov     x1, #SIGUSR1
    SYSCALL 129
    mov     x19, x0
    SHOWDEC "kill returned ", x19

    SYSCALL 178
    mov     x1, x0
    mov     x0, x21
    mov     x2, #SIGUSR2
    SYSCALL 131
    mov     x19, x0
    SHOWDEC "tgkill returned ", x19

    /* SA_RESTORER: x30 = our trampoline. */
    sub     sp, sp, #32
    adr     x9, on_usr_plain
    str     x9, [sp]
    mov     x9, #0x04000000         /* SA_RESTORER */
    str     x9, [sp, #8]
    adr     x9, my_restorer
    str     x9, [sp, #16]
    str     xzr, [sp, #24]
    mov     x0, #SIGUSR1
    mov     x1, sp
    mov     x2, #0
    mov     x3, #8
    SYSCALL 134
    add     sp, sp, #32
    RAISE   SIGUSR1
    SAY     "back after SA_RESTORER\n"

    SAY     "SIGTERM\n"
    RAISE   SIGTERM
    SAY     "not reached\n"
    EXIT    0

on_usr:
    HANDLER_ENTER
    mov     x19, x0
    mov     x20, x1
    SHOWDEC "handler: signal ", x19
    ldr     w23, [x20, #8]
    sxtw    x23, w23
    neg     x23, x23
    SHOWDEC "-si_code ", x23
    ldr     w23, [x20, #16]
    cmp     x23, x21
    cset    x23, eq
    SHOWDEC "si_pid is ours: ", x23
    ldr     w23, [x20, #20]
    cmp     x23, x22
    cset    x23, eq
    SHOWDEC "si_uid is ours: ", x23
    HANDLER_RET

on_usr_plain:
    HANDLER_ENTER
    adr     x9, my_restorer
    ldr     x10, [sp, #8]
    cmp     x9, x10
    cset    x19, eq
    SHOWDEC "plain handler, x30 = sa_restorer: ", x19
    HANDLER_RET

my_restorer:
    SAY     "in my restorer\n"
    mov     x8, #139
    svc     #0

    .ltorg
