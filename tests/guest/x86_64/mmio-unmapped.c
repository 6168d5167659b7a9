/*
 * Accesses where nothing is mapped: MMIO in the hole below 4 GiB (4- and
 * 8-byte) and port I/O to a free port (single and `rep insb`).  tern logs
 * the MMIO accesses on stderr and the guest continues; reads see all
 * ones, writes vanish.
 */
#include "guest.h"

#define HOLE 0xfe000000ul   /* in the hole below 4 GiB, no device there */
#define FREE_PORT 0x1234

void guest_main(u64 cpu, u64 ncpus)
{
    mmio_write32(HOLE, 0x12345678);
    u32 v = mmio_read32(HOLE + 0x10);
    u64 q = *(volatile u64 *)(HOLE + 0x20);
    serial_puts("unmapped read returned ");
    serial_put_hex(v);
    serial_puts(", 8-byte read ");
    serial_put_hex(q);
    serial_puts("\n");

    u8 p = inb(FREE_PORT);
    static u8 buf[16];
    u8 *d = buf;
    u64 n = sizeof(buf);
    __asm__ volatile("rep insb" : "+D"(d), "+c"(n) : "d"((u16)FREE_PORT) : "memory");
    int all = 1;
    for (unsigned i = 0; i < sizeof(buf); i++) {
        all &= buf[i] == 0xff;
    }
    serial_puts("free port reads ");
    serial_put_hex(p);
    serial_puts(all ? ", rep insb 16 x 0xff\n" : ", rep insb wrong\n");
    debug_exit(v == 0xffffffffu && q == ~0ul && p == 0xff && all ? GUEST_PASS : GUEST_FAIL);
}
