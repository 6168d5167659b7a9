/*
 * SIGILL for UDF, to a plain handler (no SA_SIGINFO: x0 = signal only)
 * and then to an SA_SIGINFO one (si_code ILL_ILLOPC, si_addr = the
 * UDF); each skips the instruction through the saved pc.  SA_RESTORER
 * is not set: the handler returns through tern's trampoline.
 *
 * sig-ill.out is qemu-aarch64 7.2's output except for si_code: qemu
 * reports ILL_ILLOPN (2) for UDF, Linux (arch/arm64/kernel/traps.c,
 * do_el0_undef -> force_signal_inject(SIGILL, ILL_ILLOPC, ...)) reports
 * ILL_ILLOPC (1), which tern follows.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGILL, on_ill_plain, 0
    adr     x20, udf1
udf1:
    udf     #0x1234
    SAY     "back from plain handler\n"
    SIGACTION SIGILL, on_ill_info, SA_SIGINFO
    adr     x20, udf2
    mov     x27, #0x77
udf2:
    .inst   0x00000000              /* udf #0 */
    SHOWHEX "back again, x27=", x27
    EXIT    0

on_ill_plain:
    HANDLER_ENTER
    mov     x19, x0
    SHOWDEC "plain handler: x0=", x19
    mov     x19, x2                 /* not &uc without SA_SIGINFO: unused */
    /* The ucontext is still in the frame at sp + 16 + 128. */
    add     x22, sp, #(16 + 128)
    ldr     x23, [x22, #SC_PC]
    cmp     x23, x20
    cset    x24, eq
    SHOWDEC "saved pc is the UDF: ", x24
    add     x23, x23, #4
    str     x23, [x22, #SC_PC]
    HANDLER_RET

on_ill_info:
    HANDLER_ENTER
    mov     x19, x1
    mov     x22, x2
    ldr     w23, [x19]
    SHOWDEC "info handler: si_signo ", x23
    ldr     w23, [x19, #8]
    SHOWDEC "si_code ", x23
    ldr     x23, [x19, #16]
    cmp     x23, x20
    cset    x23, eq
    SHOWDEC "si_addr is the UDF: ", x23
    ldr     x23, [x22, #(SC_REGS + 8 * 27)]
    SHOWHEX "saved x27 ", x23
    ldr     x23, [x22, #SC_PC]
    add     x23, x23, #4
    str     x23, [x22, #SC_PC]
    HANDLER_RET

    .ltorg
