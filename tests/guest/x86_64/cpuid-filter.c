/*
 * -cpu host,-cx16,-clflushopt: the guest's CPUID lacks exactly the hidden
 * features while keeping the others (sse2, and x2apic which KVM always
 * emulates), and leaf 1 reports this vCPU's APIC id.
 */
#include "guest.h"

static void cpuid(u32 leaf, u32 sub, u32 r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
                     : "a"(leaf), "c"(sub));
}

static void show(const char *name, int on)
{
    serial_puts(name);
    serial_puts(on ? " yes" : " no");
}

void guest_main(u64 cpu, u64 ncpus)
{
    u32 l1[4], l7[4];
    cpuid(1, 0, l1);
    cpuid(7, 0, l7);
    show("sse2", (l1[3] >> 26) & 1);
    show(", x2apic", (l1[2] >> 21) & 1);
    show(", cx16", (l1[2] >> 13) & 1);
    show(", clflushopt", (l7[1] >> 23) & 1);
    serial_puts(", apic id ");
    serial_put_dec(l1[1] >> 24);
    serial_puts("\n");
    debug_exit(GUEST_PASS);
}
