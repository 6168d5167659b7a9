/*
 * SA_RESETHAND: the first SIGUSR1 runs the handler, which already sees
 * SIG_DFL as the disposition; the second one kills the process with
 * the default action (status 128 + 10).
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGUSR1, on_usr1, SA_RESETHAND
    RAISE   SIGUSR1
    SAY     "first one handled\n"
    RAISE   SIGUSR1
    SAY     "not reached\n"
    EXIT    0

on_usr1:
    HANDLER_ENTER
    sub     sp, sp, #32
    mov     x0, #SIGUSR1
    mov     x1, #0
    mov     x2, sp
    mov     x3, #8
    SYSCALL 134
    ldr     x19, [sp]
    add     sp, sp, #32
    SHOWHEX "handler; disposition now ", x19
    HANDLER_RET

    .ltorg
