/*
 * Prints the kernel command line tern passed in the zero page: -append
 * followed by the virtio_mmio.device= entries of the transports that have
 * a device (here one virtio-rng in slot 0, GSI 16).
 */
#include "guest.h"

void guest_main(u64 cpu, u64 ncpus)
{
    serial_puts("cmdline: ");
    serial_puts(cmdline());
    serial_puts("\n");
    debug_exit(GUEST_PASS);
}
