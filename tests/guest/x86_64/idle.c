/*
 * Says so and halts every vCPU with interrupts off, forever: a guest for
 * tests that drive tern from outside (QMP stop/cont/quit with vCPUs
 * blocked in the kernel's halt).  It never exits by itself.
 */
#include "guest.h"

const int guest_all_cpus = 1;

void guest_main(u64 cpu, u64 ncpus)
{
    if (cpu == 0) {
        serial_puts("idle\n");
    }
    for (;;) {
        __asm__ volatile("cli; hlt");
    }
}
