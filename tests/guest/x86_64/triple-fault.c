/*
 * A triple fault: with an empty IDT, ud2 raises #UD, whose delivery
 * fails (#GP), whose delivery fails again (#DF -> shutdown).  tern must
 * report it with the registers, the code at RIP and the top of the stack
 * (a marker pushed just before) and, with -no-reboot, exit cleanly.
 */
#include "guest.h"

void guest_main(u64 cpu, u64 ncpus)
{
    struct __attribute__((packed)) { u16 limit; u64 base; } idtr = { 0, 0 };
    serial_puts("about to triple fault\n");
    __asm__ volatile("lidt %0; mov $0x7e57, %%rbx; pushq $0x57ac7e57; ud2" :: "m"(idtr) : "rbx");
    debug_exit(GUEST_FAIL);
}
