/*
 * A reset through the i8042 (command 0xFE, Linux's reboot=k): the first
 * boot leaves a mark in RAM outside the image and resets; tern reloads
 * the kernel and restarts the vCPU at the entry, where the second boot
 * finds the mark (RAM survives a reset, as on a PC).
 */
#include "guest.h"

#define MARK_ADDR 0x80000ul
#define MARK      0x7465726e72657365ul     /* "esernret" */

void guest_main(u64 cpu, u64 ncpus)
{
    volatile u64 *mark = (volatile u64 *)MARK_ADDR;
    if (*mark != MARK) {
        *mark = MARK;
        serial_puts("first boot: resetting through the i8042\n");
        while (inb(0x64) & 2) {          /* input buffer full */
            cpu_relax();
        }
        outb(0x64, 0xfe);
        for (;;) {
            cpu_relax();
        }
    }
    *mark = 0;
    serial_puts("second boot after the reset\n");
    debug_exit(GUEST_PASS);
}
