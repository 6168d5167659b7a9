/*
 * A breakpoint at CPL 0: INT3 through a DPL 0 interrupt gate (vector 3)
 * must run the handler with the return address just past the INT3, and
 * the guest then carries on.  With hardware virtualization the CPU does
 * this itself; under kvm_pvm, KVM reports that it cannot emulate INT3
 * and tern delivers the trap (accel/kvm/kvm-x86.c, complete_unemulated).
 * Linux executes an INT3 of its own early in boot (int3_selftest).
 */
#include "guest.h"

static u64 idt[2 * 256] __attribute__((aligned(16)));
volatile u64 bp_rip, bp_count;
extern char bp_isr[], after_first[], after_second[];

/* Records the return address the CPU pushed, counts, returns. */
__asm__(".text\n"
        ".globl bp_isr\n"
        "bp_isr:\n"
        "    push %rax\n"
        "    mov 8(%rsp), %rax\n"
        "    mov %rax, bp_rip(%rip)\n"
        "    incq bp_count(%rip)\n"
        "    pop %rax\n"
        "    iretq\n");

static void check(const char *what, const char *want)
{
    serial_puts(what);
    serial_puts(bp_rip == (u64)want ? ": handler saw the next instruction\n"
                                    : ": wrong return address\n");
}

void guest_main(u64 cpu, u64 ncpus)
{
    u64 h = (u64)bp_isr;
    u16 cs;

    (void)cpu;
    (void)ncpus;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    /* 64-bit interrupt gate, DPL 0, present */
    idt[2 * 3] = (h & 0xffff) | ((u64)cs << 16) | (0x8eull << 40) |
                 (((h >> 16) & 0xffff) << 48);
    idt[2 * 3 + 1] = h >> 32;
    struct __attribute__((packed)) { u16 limit; u64 base; } idtr = {
        sizeof(idt) - 1, (u64)idt,
    };
    __asm__ volatile("lidt %0" :: "m"(idtr));

    __asm__ volatile("int3\n.globl after_first\nafter_first:\n" ::: "memory");
    check("first int3", after_first);
    __asm__ volatile("nop\nint3\n.globl after_second\nafter_second:\n" ::: "memory");
    check("second int3", after_second);
    serial_puts("breakpoints: ");
    serial_put_dec(bp_count);
    serial_puts("\n");
    debug_exit(bp_count == 2 ? GUEST_PASS : GUEST_FAIL);
}
