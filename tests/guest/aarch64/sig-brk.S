/*
 * SIGTRAP for BRK (si_code TRAP_BRKPT, si_addr = the BRK, saved pc = the
 * BRK itself, as on Linux); the handler skips it.  Then the same BRK
 * with SIGTRAP blocked: a synchronous signal cannot be blocked, the
 * process dies of SIGTRAP (status 133), as under Linux.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGTRAP, on_trap, SA_SIGINFO
    adr     x20, brk1
brk1:
    brk     #0x42
    SAY     "back from the handler\n"
    /* Block SIGTRAP. */
    sub     sp, sp, #16
    mov     x9, #(1 << (SIGTRAP - 1))
    str     x9, [sp]
    mov     x0, #0                  /* SIG_BLOCK */
    mov     x1, sp
    mov     x2, #0
    mov     x3, #8
    SYSCALL 135
    add     sp, sp, #16
    SAY     "blocked; brk again\n"
    brk     #0x43
    SAY     "not reached\n"
    EXIT    0

on_trap:
    HANDLER_ENTER
    mov     x19, x1
    mov     x22, x2
    ldr     w23, [x19]
    SHOWDEC "handler: si_signo ", x23
    ldr     w23, [x19, #8]
    SHOWDEC "si_code ", x23
    ldr     x23, [x19, #16]
    cmp     x23, x20
    cset    x23, eq
    SHOWDEC "si_addr is the BRK: ", x23
    ldr     x23, [x22, #SC_PC]
    cmp     x23, x20
    cset    x24, eq
    SHOWDEC "saved pc is the BRK: ", x24
    add     x23, x23, #4
    str     x23, [x22, #SC_PC]
    HANDLER_RET

    .ltorg
