/*
 * Nested signals.  The SIGUSR1 handler raises SIGUSR2, whose handler runs
 * on top of it (a second frame below the first), and raises SIGUSR1
 * again, which is blocked while its handler runs and is delivered right
 * after the first rt_sigreturn.  SIGALRM has SA_NODEFER: its handler
 * raises SIGALRM from inside itself, three levels deep.  Every level
 * prints on the way in and out; the callee-saved x28 survives all of it.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGUSR1, on_usr1, 0
    SIGACTION SIGUSR2, on_usr2, 0
    SIGACTION SIGALRM, on_alrm, SA_NODEFER
    mov     x28, #0x2828
    RAISE   SIGUSR1
    SAY     "main: after SIGUSR1\n"
    RAISE   SIGALRM
    SAY     "main: after SIGALRM\n"
    SHOWHEX "x28=", x28
    EXIT    0

on_usr1:
    HANDLER_ENTER
    mov     x28, #0
    adr     x20, count1
    ldr     x21, [x20]
    add     x21, x21, #1
    str     x21, [x20]
    SHOWDEC "usr1 enter #", x21
    cmp     x21, #1
    b.ne    1f
    RAISE   SIGUSR2
    RAISE   SIGUSR1
    SAY     "usr1: raised SIGUSR1 again (blocked)\n"
1:  SHOWDEC "usr1 leave #", x21
    HANDLER_RET

on_usr2:
    HANDLER_ENTER
    mov     x28, #0
    SAY     "  usr2 (nested)\n"
    HANDLER_RET

on_alrm:
    HANDLER_ENTER
    stp     x21, x22, [sp, #-16]!
    adr     x20, depth
    ldr     x21, [x20]
    add     x21, x21, #1
    str     x21, [x20]
    SHOWDEC "alrm enter depth ", x21
    cmp     x21, #3
    b.hs    1f
    RAISE   SIGALRM
1:  SHOWDEC "alrm leave depth ", x21
    ldp     x21, x22, [sp], #16
    HANDLER_RET

    .ltorg

    .data
    .balign 8
count1: .quad 0
depth:  .quad 0
