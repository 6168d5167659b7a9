/*
 * SIGSEGV to a handler (SA_SIGINFO): a store to an unmapped page
 * (SEGV_MAPERR) and one to a read-only page (SEGV_ACCERR).  The handler
 * checks siginfo (si_addr = the faulting address), the frame (x1/x2/sp,
 * sigcontext pc = the faulting insn, fault_address, registers, NZCV, the
 * __reserved records), then skips the insn by advancing the saved pc and
 * returns; the program goes on with its registers and flags intact.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGSEGV, on_segv, SA_SIGINFO
    mov     x19, x0
    SHOWDEC "sigaction: ", x19

    /* 1: unmapped page; flags N=1 C=1 (cmp -1, 0) must survive. */
    mov     x28, #0x2828
    mov     x0, #0x10
    mov     x1, #42
    mov     x5, #-1
    cmp     x5, #0
    adr     x20, fault1
    mov     x21, #0
fault1:
    str     x1, [x0]
    cset    x22, mi
    cset    x23, cs
    cset    x24, eq
    mov     x25, x0
    mov     x26, x1
    SHOWDEC "after 1: N=", x22
    SHOWDEC "C=", x23
    SHOWDEC "Z=", x24
    SHOWHEX "x0=", x25
    SHOWDEC "x1=", x26
    SHOWHEX "x28=", x28

    /* 2: a read-only page. */
    mov     x0, #0
    mov     x1, #4096
    mov     x2, #1                  /* PROT_READ */
    mov     x3, #0x22               /* MAP_PRIVATE|MAP_ANONYMOUS */
    mov     x4, #-1
    mov     x5, #0
    SYSCALL 222
    mov     x21, x0
    add     x0, x21, #8
    mov     x1, #7
    adr     x20, fault2
    cmp     x1, x1                  /* Z=1 C=1 */
fault2:
    str     x1, [x0]
    cset    x24, eq
    SHOWDEC "after 2: Z=", x24
    SAY     "done\n"
    EXIT    0

/* x20 = the expected pc, x21 = page base for si_addr (0: absolute). */
on_segv:
    HANDLER_ENTER
    mov     x19, x1
    mov     x22, x2
    mov     x23, x0
    SHOWDEC "handler: signal ", x23
    ldr     w23, [x19]
    SHOWDEC "si_signo ", x23
    ldr     w23, [x19, #8]
    SHOWDEC "si_code ", x23
    ldr     x23, [x19, #16]
    sub     x23, x23, x21
    SHOWHEX "si_addr (from base) ", x23
    sub     x23, x22, x19
    SHOWDEC "uc - info = ", x23
    add     x23, sp, #16
    cmp     x23, x19
    cset    x23, eq
    SHOWDEC "sp at entry == info: ", x23
    ldr     x23, [x22, #SC_PC]
    cmp     x23, x20
    cset    x23, eq
    SHOWDEC "sigcontext pc == faulting insn: ", x23
    ldr     x23, [x22, #SC_FAULT]
    sub     x23, x23, x21
    SHOWHEX "fault_address (from base) ", x23
    ldr     x23, [x22, #SC_PSTATE]
    lsr     x23, x23, #28
    SHOWHEX "pstate NZCV ", x23
    ldr     x23, [x22, #(SC_REGS + 8 * 20)]
    cmp     x23, x20
    cset    x23, eq
    SHOWDEC "regs[20] ok: ", x23
    ldr     x23, [x22, #(SC_REGS + 8 * 28)]
    SHOWHEX "regs[28] ", x23
    /* The fpsimd record comes first. */
    ldr     w23, [x22, #SC_RESERVED]
    SHOWHEX "record 0 magic ", x23
    ldr     w23, [x22, #(SC_RESERVED + 4)]
    SHOWDEC "record 0 size ", x23
    /* Skip the store. */
    ldr     x23, [x22, #SC_PC]
    add     x23, x23, #4
    str     x23, [x22, #SC_PC]
    HANDLER_RET

    .ltorg
