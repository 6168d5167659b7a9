/*
 * sigaltstack + SA_ONSTACK: the handler runs on the alternate stack
 * (sp inside it, the frame just below its top), sigaltstack reports
 * SS_ONSTACK there and refuses changes (EPERM), uc_stack describes the
 * alternate stack; after rt_sigreturn the program is back on its own
 * stack and SS_ONSTACK is gone.  A handler without SA_ONSTACK stays on
 * the program's stack.
 */
#include "sig-lib.inc"

    .equ    ALTSIZE, 16384

    .text
    .globl _start
_start:
    adr     x21, altstack
    /* sigaltstack({altstack, 0, ALTSIZE}, NULL) */
    sub     sp, sp, #32
    str     x21, [sp]
    str     xzr, [sp, #8]
    mov     x9, #ALTSIZE
    str     x9, [sp, #16]
    mov     x0, sp
    mov     x1, #0
    SYSCALL 132
    add     sp, sp, #32
    mov     x19, x0
    SHOWDEC "sigaltstack: ", x19
    bl      show_ss_flags

    SIGACTION SIGUSR1, on_usr, SA_SIGINFO | SA_ONSTACK
    SIGACTION SIGUSR2, on_usr, SA_SIGINFO
    RAISE   SIGUSR1
    bl      show_ss_flags
    RAISE   SIGUSR2
    SAY     "done\n"
    EXIT    0

show_ss_flags:
    stp     x29, x30, [sp, #-48]!
    mov     x0, #0
    add     x1, sp, #16
    SYSCALL 132
    ldr     w19, [sp, #24]
    SHOWDEC "ss_flags: ", x19
    ldp     x29, x30, [sp], #48
    ret

/* x21 = altstack */
on_usr:
    HANDLER_ENTER
    mov     x22, x2
    mov     x19, x0
    SHOWDEC "handler: signal ", x19
    mov     x23, sp
    sub     x19, x23, x21
    cmp     x19, #ALTSIZE
    cset    x19, lo
    SHOWDEC "sp on the alternate stack: ", x19
    add     x19, x21, #ALTSIZE
    add     x23, x23, #16           /* sp at entry */
    sub     x19, x19, x23
    cmp     x19, #ALTSIZE
    b.hs    1f
    SHOWDEC "frame below its top by ", x19
1:  bl      show_ss_flags
    /* sigaltstack(&ss, NULL) while on it: EPERM */
    mov     x0, x21
    mov     x1, #0
    SYSCALL 132
    neg     x19, x0
    SHOWDEC "change while on it: -", x19
    ldr     x19, [x22, #UC_STACK]
    cmp     x19, x21
    cset    x19, eq
    SHOWDEC "uc_stack.ss_sp is it: ", x19
    ldr     w19, [x22, #(UC_STACK + 8)]
    SHOWDEC "uc_stack.ss_flags: ", x19
    ldr     x19, [x22, #(UC_STACK + 16)]
    SHOWDEC "uc_stack.ss_size: ", x19
    HANDLER_RET

    .ltorg

    .bss
    .balign 16
altstack:
    .zero   ALTSIZE
