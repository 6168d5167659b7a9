/*
 * Prints over the 16550 (one OUT per byte, polling LSR), then a line with
 * a single `rep outsb` (string port I/O: one exit carrying every byte),
 * and exits through isa-debug-exit.
 */
#include "guest.h"

void guest_main(u64 cpu, u64 ncpus)
{
    static const char line[] = "and this line with one rep outsb\r\n";
    serial_puts("Hello from a tiny x86-64 guest (vCPU ");
    serial_put_dec(cpu);
    serial_puts(" of ");
    serial_put_dec(ncpus);
    serial_puts(")\n");
    const char *p = line;
    u64 n = sizeof(line) - 1;
    __asm__ volatile("rep outsb" : "+S"(p), "+c"(n) : "d"((u16)0x3f8) : "memory");
    debug_exit(GUEST_PASS);
}
