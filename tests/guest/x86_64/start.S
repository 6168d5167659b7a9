/*
 * Entry of the tiny x86-64 guests.  tern's ELF boot convention
 * (include/hw/i386/microvm.h): every vCPU arrives here in long mode at
 * CPL 0 with RDI = its index, RSI = the zero page, RDX = the vCPU count.
 * Each gets its own 16 KiB stack and calls guest_main(cpu, ncpus); the
 * others halt unless the guest defines guest_all_cpus = 1.
 */
    .section .text.entry, "ax"
    .globl _start
_start:
    cmp $8, %rdi
    jae 2f                       /* more vCPUs than stacks: park them */
    test %rdi, %rdi
    jz 1f
    cmpl $0, guest_all_cpus(%rip)
    je 2f                        /* only vCPU 0 runs guests that did not ask */
1:
    mov %rdi, %rax
    inc %rax
    shl $14, %rax
    lea __stacks(%rip), %rsp
    add %rax, %rsp
    mov %rsi, zero_page(%rip)    /* same value from every vCPU */
    mov %rdx, %rsi
    call guest_main
    /* guest_main returned: report failure through debug-exit. */
    mov $0x7f, %al
    mov $0x501, %dx
    outb %al, %dx
2:  cli
    hlt
    jmp 2b

/*
 * syscall entry (LSTAR): runs on the caller's stack (the tiny guests do not
 * use SMAP, and their user stacks are kernel memory too), calls
 * syscall_handler(nr = RAX, a1 = RDI, a2 = RSI) and returns with sysretq.
 */
    .text
    .weak syscall_handler, timer_interrupt
    .globl syscall_entry
syscall_entry:
    push %rcx                    /* user RIP */
    push %r11                    /* user RFLAGS */
    mov %rsi, %rdx
    mov %rdi, %rsi
    mov %rax, %rdi
    call syscall_handler
    pop %r11
    pop %rcx
    sysretq

/*
 * enter_user(fn, arg, stack_top): iretq to fn(arg) at CPL 3 with the user
 * selectors of libguest's GDT (code 0x33, data 0x2b).
 */
    .globl enter_user
enter_user:
    mov %rdi, %rax
    mov %rsi, %rdi
    pushq $0x2b                  /* SS */
    push %rdx                    /* RSP */
    pushq $0x2                   /* RFLAGS: interrupts off */
    pushq $0x33                  /* CS */
    push %rax                    /* RIP */
    iretq

/* Interrupt stub for vector 0x20: saves the caller-saved registers, calls
 * timer_interrupt(), returns with iretq. */
    .globl timer_isr
timer_isr:
    push %rax
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %r8
    push %r9
    push %r10
    push %r11
    call timer_interrupt
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rax
    iretq

/*
 * Xen PVH entry, so that QEMU (-M microvm -kernel guest.elf) boots the
 * same file (tests/bench/x86-kvm.sh): QEMU enters here in 32-bit protected
 * mode with paging off.  The stub builds the layout tern's loader gives
 * (GDT at 0x500 with 0x10 = 64-bit code, 0x18 = data; identity page
 * tables of 4 GiB with 2 MiB pages at 0x9000), enters long mode and jumps
 * to _start as vCPU 0 of 1 (no zero page).  tern enters at _start directly
 * (e_entry) and never runs this.
 */
    .section .note.Xen, "a"
    .align 4
    .long 4                      /* namesz */
    .long 4                      /* descsz */
    .long 18                     /* XEN_ELFNOTE_PHYS32_ENTRY */
    .asciz "Xen"
    .long pvh_start

    .section .text.pvh, "ax"
    .code32
pvh_start:
    cli
    movl $0, 0x500
    movl $0, 0x504
    movl $0x0000ffff, 0x508      /* 0x08: 32-bit code */
    movl $0x00cf9b00, 0x50c
    movl $0x0000ffff, 0x510      /* 0x10: 64-bit code */
    movl $0x00af9b00, 0x514
    movl $0x0000ffff, 0x518      /* 0x18: data */
    movl $0x00cf9300, 0x51c
    lgdt pvh_gdtr
    /* PML4 at 0x9000, PDPT at 0xa000, four PDs at 0xb000..0xefff */
    xor %eax, %eax
    mov $0x9000, %edi
    mov $(6 * 4096 / 4), %ecx
    rep stosl
    movl $0xa003, 0x9000
    movl $0xb003, 0xa000
    movl $0xc003, 0xa008
    movl $0xd003, 0xa010
    movl $0xe003, 0xa018
    mov $0xb000, %edi
    mov $0x83, %eax
1:  mov %eax, (%edi)
    add $8, %edi
    add $0x200000, %eax
    cmp $0xf000, %edi
    jb 1b
    mov %cr4, %eax
    or $0x620, %eax              /* PAE, OSFXSR, OSXMMEXCPT */
    mov %eax, %cr4
    mov $0x9000, %eax
    mov %eax, %cr3
    mov $0xc0000080, %ecx        /* EFER.LME | SCE */
    rdmsr
    or $0x101, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80010001, %eax         /* PG, WP, PE */
    mov %eax, %cr0
    ljmp $0x10, $pvh_long

    .code64
pvh_long:
    mov $0x18, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %edi, %edi
    xor %esi, %esi
    mov $1, %edx
    jmp _start

    .section .rodata
pvh_gdtr:
    .word 31
    .long 0x500
