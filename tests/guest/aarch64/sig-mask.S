/*
 * Signal masks: a blocked SIGUSR1 stays pending (rt_sigpending) and is
 * delivered when rt_sigprocmask unblocks it; inside the handler the mask
 * has the signal and sa_mask (SIGUSR2) added and uc_sigmask holds the
 * mask to restore; rt_sigreturn restores it.  rt_sigsuspend runs the
 * handler with the temporary mask, returns -EINTR and puts the old mask
 * back.  rt_sigtimedwait takes a pending blocked signal without running
 * the handler, and times out with -EAGAIN.
 */
#include "sig-lib.inc"

    /* x0 = how, x1 = new set value (or -1: no set); x0 = old mask */
    .text
sigmask:
    sub     sp, sp, #32
    str     x1, [sp]
    cmn     x1, #1
    add     x1, sp, #0
    csel    x1, xzr, x1, eq
    add     x2, sp, #8
    mov     x3, #8
    mov     x8, #135
    svc     #0
    ldr     x0, [sp, #8]
    add     sp, sp, #32
    ret

    .macro SHOWMASK text
    mov     x0, #0
    mov     x1, #-1
    bl      sigmask
    mov     x19, x0
    SHOWHEX "\text", x19
    .endm

    .globl _start
_start:
    SIGACTION SIGUSR1, on_usr1, SA_SIGINFO, (1 << (SIGUSR2 - 1))

    /* 1: block, raise, pending, unblock. */
    mov     x0, #0                  /* SIG_BLOCK */
    mov     x1, #(1 << (SIGUSR1 - 1))
    bl      sigmask
    RAISE   SIGUSR1
    SAY     "raised while blocked\n"
    sub     sp, sp, #16
    mov     x0, sp
    mov     x1, #8
    SYSCALL 136                     /* rt_sigpending */
    ldr     x19, [sp]
    add     sp, sp, #16
    SHOWHEX "pending: ", x19
    mov     x0, #1                  /* SIG_UNBLOCK */
    mov     x1, #(1 << (SIGUSR1 - 1))
    bl      sigmask
    SAY     "unblocked\n"
    SHOWMASK "mask after: "

    /* 2: rt_sigsuspend with an empty mask. */
    mov     x0, #0
    mov     x1, #(1 << (SIGUSR1 - 1))
    bl      sigmask
    RAISE   SIGUSR1
    sub     sp, sp, #16
    str     xzr, [sp]
    mov     x0, sp
    mov     x1, #8
    SYSCALL 133
    add     sp, sp, #16
    neg     x19, x0
    SHOWDEC "rt_sigsuspend: -", x19
    SHOWMASK "mask after: "

    /* 3: rt_sigtimedwait on the blocked SIGUSR1. */
    RAISE   SIGUSR1
    sub     sp, sp, #160
    mov     x9, #(1 << (SIGUSR1 - 1))
    str     x9, [sp]
    mov     x0, sp
    add     x1, sp, #16
    mov     x2, #0
    mov     x3, #8
    SYSCALL 137
    mov     x19, x0
    SHOWDEC "rt_sigtimedwait: ", x19
    ldr     w19, [sp, #16]
    SHOWDEC "si_signo ", x19
    ldr     w19, [sp, #24]
    SHOWDEC "si_code ", x19
    /* nothing pending, zero timeout */
    stp     xzr, xzr, [sp, #144]
    mov     x0, sp
    add     x1, sp, #16
    add     x2, sp, #144
    mov     x3, #8
    SYSCALL 137
    neg     x19, x0
    SHOWDEC "rt_sigtimedwait again: -", x19
    add     sp, sp, #160
    SAY     "done\n"
    EXIT    0

on_usr1:
    HANDLER_ENTER
    mov     x20, x2
    mov     x19, x0
    SHOWDEC "handler: signal ", x19
    SHOWMASK "mask in handler: "
    ldr     x19, [x20, #UC_SIGMASK]
    SHOWHEX "uc_sigmask: ", x19
    HANDLER_RET

    .ltorg
