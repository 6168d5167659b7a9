/* Prints over the 16550 and exits through isa-debug-exit. */
#include "guest.h"

void guest_main(u64 cpu, u64 ncpus)
{
    serial_puts("Hello from a tiny x86-64 guest (vCPU ");
    serial_put_dec(cpu);
    serial_puts(" of ");
    serial_put_dec(ncpus);
    serial_puts(")\n");
    debug_exit(GUEST_PASS);
}
