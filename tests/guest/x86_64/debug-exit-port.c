/*
 * QEMU's idiom -device isa-debug-exit,iobase=0xf4,iosize=4 replaces the
 * built-in port at 0x501: a write there must now be ignored (it would end
 * the run with 35), and the write to the port given by exitport= (kernel
 * command line, decimal) ends it with 33.
 */
#include "guest.h"

void guest_main(u64 cpu, u64 ncpus)
{
    u16 port = (u16)cmdline_u64("exitport", 0x501);
    outb(0x501, GUEST_FAIL);
    serial_puts("port 0x501 ignored, exiting through ");
    serial_put_dec(port);
    serial_puts("\n");
    for (;;) {
        outb(port, GUEST_PASS);
    }
}
