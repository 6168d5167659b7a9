/*
 * The tiny guests' "libc": polled 16550 output at 0x3f8 and the
 * isa-debug-exit port (guest.h).
 */
#include "guest.h"

#define COM1 0x3f8

void serial_putc(char c)
{
    if (c == '\n') {
        serial_putc('\r');
    }
    while (!(inb(COM1 + 5) & 0x20)) {   /* LSR.THRE */
        cpu_relax();
    }
    outb(COM1, (u8)c);
}

void serial_puts(const char *s)
{
    while (*s) {
        serial_putc(*s++);
    }
}

void serial_put_hex(u64 v)
{
    serial_puts("0x");
    for (int i = 60; i >= 0; i -= 4) {
        serial_putc("0123456789abcdef"[(v >> i) & 0xf]);
    }
}

void serial_put_dec(u64 v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        serial_putc(buf[--n]);
    }
}

void debug_exit(u8 v)
{
    for (;;) {
        outb(0x501, v);
    }
}
