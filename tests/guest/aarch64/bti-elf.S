/*
 * BTI through the ELF loader: this static program carries the GNU
 * property note "AArch64 feature: BTI", so on a CPU with BTI (tern's
 * "max") its text is mapped PROT_BTI (Linux's arch_elf_adjust_prot) and
 * every indirect branch into it must land on a compatible BTI/PACIxSP.
 * The same program on a CPU without BTI (bti-elf-cortex-a72, a symlink)
 * runs every branch without a fault: the note is ignored there and BTI
 * instructions are NOPs.
 *
 * Each case sets x20 = where a Branch Target exception would be (the
 * target) and x21 = where to go on; the SIGILL handler (itself reached
 * with BTYPE = 10, so it starts with BTI c) prints si_code, whether
 * si_addr and the saved pc are the target, and the saved PSTATE.BTYPE,
 * and clears that BTYPE before it returns to x21 (rt_sigreturn restores
 * it: x21 would fault again).
 *
 * bti-elf.out and bti-elf-cortex-a72.out are qemu-aarch64 7.2's output
 * (-cpu max and -cpu cortex-a72) except for si_code, 2 (ILL_ILLOPN) from
 * qemu and 1 (ILL_ILLOPC) from Linux's do_el0_bti, which tern follows.
 */
#include "sig-lib.inc"

    /* NT_GNU_PROPERTY_TYPE_0 "GNU": FEATURE_1_AND = BTI (-> PT_GNU_PROPERTY) */
    .pushsection .note.gnu.property, "a"
    .balign 8
    .long   4, 16, 5
    .asciz  "GNU"
    .long   0xc0000000, 4, 1, 0
    .popsection

    .macro CASE text, target, after
    SAY     "\text: "
    adr     x20, \target
    adr     x21, \after
    .endm

    .text
    .globl _start
_start:                             /* entered with BTYPE 00: no landing pad */
    SIGACTION SIGILL, on_ill, SA_SIGINFO

    CASE    "blr to bti c", t_btic, 1f
    blr     x20
    SAY     "ok\n"
1:
    CASE    "blr to paciasp", t_paciasp, 1f
    blr     x20
    SAY     "ok\n"
1:
    CASE    "blr to nop", t_nop, 1f
    blr     x20
    SAY     "ok\n"
1:
    CASE    "blr to bti j", t_btij, 1f
    blr     x20
    SAY     "ok\n"
1:
    CASE    "br x9 to bti j", t_btij, 1f
    adr     x30, 2f
    mov     x9, x20
    br      x9
2:  SAY     "ok\n"
1:
    CASE    "br x9 to bti c", t_btic, 1f
    adr     x30, 2f
    mov     x9, x20
    br      x9
2:  SAY     "ok\n"
1:
    CASE    "br x9 to paciasp", t_paciasp, 1f
    adr     x30, 2f
    mov     x9, x20
    br      x9
2:  SAY     "ok\n"
1:
    CASE    "br x16 to bti c", t_btic, 1f
    adr     x30, 2f
    mov     x16, x20
    br      x16
2:  SAY     "ok\n"
1:
    CASE    "br x17 to paciasp", t_paciasp, 1f
    adr     x30, 2f
    mov     x17, x20
    br      x17
2:  SAY     "ok\n"
1:
    CASE    "br x16 to bti j", t_btij, 1f
    adr     x30, 2f
    mov     x16, x20
    br      x16
2:  SAY     "ok\n"
1:
    CASE    "br x16 to bti", t_bti, 1f
    adr     x30, 2f
    mov     x16, x20
    br      x16
2:  SAY     "ok\n"
1:
    CASE    "br x9 to bti jc", t_btijc, 1f
    adr     x30, 2f
    mov     x9, x20
    br      x9
2:  SAY     "ok\n"
1:
    CASE    "ret to nop", t_nop, 1f
    adr     x30, 2f
    mov     x19, x30
    mov     x30, x20
    ret
2:  SAY     "ok\n"
1:
    EXIT    0

    /* Targets: a landing pad (or not), then back through x30. */
    .balign 16
t_btic:
    hint    #34                     /* bti c */
    ret
t_btij:
    hint    #36                     /* bti j */
    ret
t_btijc:
    hint    #38                     /* bti jc */
    ret
t_bti:
    hint    #32                     /* bti */
    ret
t_paciasp:
    hint    #25                     /* paciasp */
    hint    #29                     /* autiasp */
    ret
t_nop:
    nop
    cbz     x19, 1f                 /* "ret to nop": x30 is t_nop itself */
    mov     x30, x19
    mov     x19, #0
1:  ret

on_ill:
    hint    #34                     /* bti c: handlers are entered as calls */
    HANDLER_ENTER
    mov     x22, x1
    mov     x23, x2
    ldr     w24, [x22, #8]
    SHOWDEC "SIGILL si_code ", x24
    ldr     x24, [x22, #16]
    cmp     x24, x20
    cset    x24, eq
    SHOWDEC "  si_addr is the target: ", x24
    ldr     x24, [x23, #SC_PC]
    cmp     x24, x20
    cset    x24, eq
    SHOWDEC "  saved pc is the target: ", x24
    ldr     x24, [x23, #SC_PSTATE]
    ubfx    x24, x24, #10, #2
    SHOWDEC "  saved BTYPE ", x24
    /*
     * Go on at x21 with BTYPE 00: rt_sigreturn restores the saved BTYPE,
     * and x21 is no landing pad.
     */
    ldr     x24, [x23, #SC_PSTATE]
    and     x24, x24, #~0xc00
    str     x24, [x23, #SC_PSTATE]
    str     x21, [x23, #SC_PC]
    mov     x19, #0
    str     xzr, [x23, #(SC_REGS + 8 * 19)]
    HANDLER_RET
