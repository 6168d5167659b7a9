/*
 * Entry of the tiny x86-64 guests.  tern's ELF boot convention
 * (include/hw/i386/microvm.h): every vCPU arrives here in long mode at
 * CPL 0 with RDI = its index, RSI = the zero page, RDX = the vCPU count.
 * Each gets its own 16 KiB stack and calls guest_main(cpu, ncpus).
 */
    .section .text.entry, "ax"
    .globl _start
_start:
    cmp $8, %rdi
    jae 2f                       /* more vCPUs than stacks: park them */
    mov %rdi, %rax
    inc %rax
    shl $14, %rax
    lea __stacks(%rip), %rsp
    add %rax, %rsp
    mov %rdx, %rsi
    call guest_main
    /* guest_main returned: report failure through debug-exit. */
    mov $0x7f, %al
    mov $0x501, %dx
    outb %al, %dx
2:  cli
    hlt
    jmp 2b
