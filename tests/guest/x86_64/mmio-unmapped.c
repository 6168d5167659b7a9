/*
 * MMIO to an address where nothing is mapped: tern logs the access on
 * stderr and the guest continues (reads see all ones, writes vanish).
 */
#include "guest.h"

#define HOLE 0xfe000000ul   /* in the hole below 4 GiB, no device there */

void guest_main(u64 cpu, u64 ncpus)
{
    mmio_write32(HOLE, 0x12345678);
    u32 v = mmio_read32(HOLE + 0x10);
    serial_puts("unmapped read returned ");
    serial_put_hex(v);
    serial_puts("\n");
    debug_exit(v == 0xffffffffu ? GUEST_PASS : GUEST_FAIL);
}
