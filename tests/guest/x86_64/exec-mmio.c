/*
 * Jumps to an address where nothing is mapped: KVM cannot fetch the
 * instruction and stops with an emulation failure.  tern must report it
 * with the registers and the code bytes at RIP and exit with status 1,
 * never hang.
 */
#include "guest.h"

void guest_main(u64 cpu, u64 ncpus)
{
    serial_puts("jumping into unmapped space\n");
    __asm__ volatile("mov $0x7e57, %%rbx; jmp *%0" :: "r"(0xfe000000ul) : "rbx");
    debug_exit(GUEST_FAIL);
}
