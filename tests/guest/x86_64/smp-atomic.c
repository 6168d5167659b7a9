/*
 * Two (or more) vCPUs add to one counter with `lock xadd`, each a fixed
 * number of times; the last one to finish checks the exact total.  Uses
 * tern's ELF boot convention: every vCPU starts at _start with RDI = its
 * index and RDX = the vCPU count.
 */
#include "guest.h"

const int guest_all_cpus = 1;

#define ADDS_PER_CPU 20000ul

static volatile u64 counter;
static volatile u64 finished;

static inline u64 xadd(volatile u64 *p, u64 v)
{
    __asm__ volatile("lock xaddq %0, %1" : "+r"(v), "+m"(*p) :: "memory");
    return v;
}

void guest_main(u64 cpu, u64 ncpus)
{
    for (u64 i = 0; i < ADDS_PER_CPU; i++) {
        xadd(&counter, 1);
    }
    if (xadd(&finished, 1) + 1 != ncpus) {
        for (;;) {
            __asm__ volatile("cli; hlt");
        }
    }
    serial_puts("vCPUs: ");
    serial_put_dec(ncpus);
    serial_puts(", total: ");
    serial_put_dec(counter);
    serial_puts("\n");
    debug_exit(counter == ncpus * ADDS_PER_CPU && ncpus >= 2 ? GUEST_PASS : GUEST_FAIL);
}
