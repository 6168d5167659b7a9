/*
 * rt_sigreturn with a bad frame raises SIGSEGV in the guest (Linux:
 * arm64_notify_segfault(sp), si_code SEGV_ACCERR for a mapped stack);
 * tern itself never crashes.  As in Linux's restore_sigframe, the
 * frame's registers (pc, sp ...) are loaded before the records are
 * checked, so the SIGSEGV frame shows them; a misaligned sp changes
 * nothing (pc stays after the svc).  Bad frames:
 * the fpsimd record's magic destroyed, its size too large, a pstate
 * that is not EL0, and rt_sigreturn called with a misaligned sp.  A
 * SIGSEGV handler reports each and resumes the program (x28 keeps its
 * stack pointer); at the end, without that handler, the process dies
 * of SIGSEGV (status 139).  The failed rt_sigreturn leaves the
 * handler's mask in place, so the program unblocks SIGUSR1 each time.
 *
 * sig-badframe.out differs from qemu-aarch64 7.2 where qemu is not
 * Linux: qemu raises SIGSEGV with si_code SI_KERNEL (128) and no
 * address, and accepts a pstate naming EL1 ("not reached 3"); Linux
 * (valid_user_regs, arm64_notify_segfault) and tern give SEGV_ACCERR
 * with si_addr = sp and refuse the EL1 pstate.
 */
#include "sig-lib.inc"

    .text
    .globl _start
_start:
    SIGACTION SIGSEGV, on_segv, SA_SIGINFO
    SIGACTION SIGUSR1, on_usr1, SA_SIGINFO
    mov     x28, sp

    mov     x20, #1                 /* which corruption */
    adr     x27, resume1
    RAISE   SIGUSR1
    SAY     "not reached 1\n"
resume1:
    mov     sp, x28
    bl      unblock_all
    mov     x20, #2
    adr     x27, resume2
    RAISE   SIGUSR1
    SAY     "not reached 2\n"
resume2:
    mov     sp, x28
    bl      unblock_all
    mov     x20, #3
    adr     x27, resume3
    RAISE   SIGUSR1
    SAY     "not reached 3\n"
resume3:
    mov     sp, x28
    bl      unblock_all
    adr     x27, resume4
    SAY     "misaligned sp\n"
    sub     x9, sp, #8
    mov     sp, x9
    mov     x8, #139
my_sigreturn:
    svc     #0
    SAY     "not reached 4\n"
resume4:
    mov     sp, x28
    bl      unblock_all
    SIGDFL  SIGSEGV
    mov     x20, #1
    RAISE   SIGUSR1
    SAY     "not reached 5\n"
    EXIT    0

/* The failed rt_sigreturn left the handler's mask (SIGUSR1 blocked). */
unblock_all:
    stp     x29, x30, [sp, #-16]!
    sub     sp, sp, #16
    str     xzr, [sp]
    mov     x0, #2                  /* SIG_SETMASK */
    mov     x1, sp
    mov     x2, #0
    mov     x3, #8
    SYSCALL 135
    add     sp, sp, #16
    ldp     x29, x30, [sp], #16
    ret

/* x20: 1 = fpsimd magic, 2 = fpsimd size, 3 = pstate */
on_usr1:
    HANDLER_ENTER
    /* x30 - 4... the trampoline is mov x8, #139; svc #0 at x30 */
    ldr     x9, [sp, #8]
    add     x9, x9, #8
    adr     x10, sigreturn_pcs
    str     x9, [x10]
    mov     x22, x2
    SHOWDEC "corrupting the frame: ", x20
    mov     x2, x22
    add     x9, x2, #SC_RESERVED
    cmp     x20, #1
    b.ne    1f
    str     wzr, [x9]
1:  cmp     x20, #2
    b.ne    2f
    mov     w10, #4096
    str     w10, [x9, #4]
2:  cmp     x20, #3
    b.ne    3f
    mov     x10, #0x5               /* EL1h */
    str     x10, [x2, #SC_PSTATE]
3:  HANDLER_RET

on_segv:
    HANDLER_ENTER
    mov     x19, x1
    mov     x22, x2
    ldr     w23, [x19]
    SHOWDEC "SIGSEGV: si_signo ", x23
    ldr     x23, [x22, #SC_PC]
    adr     x24, sigreturn_pcs
    ldp     x25, x26, [x24]
    cmp     x23, x25
    ccmp    x23, x26, #4, ne
    cset    x23, eq
    SHOWDEC "pc after an rt_sigreturn: ", x23
    ldr     w23, [x19, #8]
    SHOWDEC "si_code ", x23
    ldr     x23, [x19, #16]
    ldr     x24, [x22, #SC_SP]
    cmp     x23, x24
    cset    x23, eq
    SHOWDEC "si_addr = sp: ", x23
    /* resume at x27 */
    str     x27, [x22, #SC_PC]
    HANDLER_RET

    .ltorg

    .data
    .balign 8
/* the trampoline's svc (found at run time), ours */
sigreturn_pcs:
    .quad   0, my_sigreturn + 4
