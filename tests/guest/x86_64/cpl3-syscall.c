/*
 * A compute loop at CPL 3, entered with iretq, returning to CPL 0 with
 * `syscall` (STAR/LSTAR/SFMASK set up here, libguest's syscall_entry
 * returns with sysretq).  The loop runs xorshift64 for `iters=` rounds
 * (kernel command line; default 5,000,000, whose expected result comes
 * from an independent Python implementation).  tests/bench/x86-kvm.sh
 * times long runs of the same loop against the same loop run natively.
 */
#include "guest.h"

#define SYS_DONE       2
#define DEFAULT_ITERS  5000000ul
#define EXPECTED       0x05f5e1b08c38550ful

static void user_main(u64 n)
{
    u16 cs;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    u64 x = 88172645463325252ul;
    for (u64 i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        __asm__ volatile("" : "+r"(x));   /* keep it a loop */
    }
    user_syscall(SYS_DONE, x, cs & 3);
    for (;;) {
    }
}

u64 syscall_handler(u64 nr, u64 a1, u64 a2)
{
    u16 cs;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    if (nr != SYS_DONE) {
        serial_puts("unknown syscall\n");
        debug_exit(GUEST_FAIL);
    }
    serial_puts("loop ran at CPL ");
    serial_put_dec(a2);
    serial_puts(", back at CPL ");
    serial_put_dec(cs & 3);
    serial_puts(" through syscall, result ");
    serial_put_hex(a1);
    serial_puts("\n");
    debug_exit(a1 == EXPECTED && a2 == 3 && (cs & 3) == 0 ? GUEST_PASS : GUEST_FAIL);
}

void guest_main(u64 cpu, u64 ncpus)
{
    static u8 user_stack[8192] __attribute__((aligned(16)));
    u64 iters = cmdline_u64("iters", DEFAULT_ITERS);
    gdt_load();
    syscall_setup();
    paging_allow_user_low();
    enter_user(user_main, iters, (u64)(user_stack + sizeof(user_stack)));
}
