/*
 * The tiny guests' "libc": polled 16550 output at 0x3f8 and the
 * isa-debug-exit port (guest.h).
 */
#include "guest.h"

#define COM1 0x3f8

u64 zero_page;

const char *cmdline(void)
{
    u32 p = zero_page ? *(volatile u32 *)(zero_page + 0x228) : 0;   /* hdr.cmd_line_ptr */
    return p ? (const char *)(u64)p : "";
}

u64 cmdline_u64(const char *name, u64 def)
{
    const char *s = cmdline();
    while (*s) {
        const char *n = name, *p = s;
        while (*n && *p == *n) {
            n++;
            p++;
        }
        if (!*n && *p == '=' && (s == cmdline() || s[-1] == ' ')) {
            u64 v = 0;
            for (p++; *p >= '0' && *p <= '9'; p++) {
                v = v * 10 + (u64)(*p - '0');
            }
            return v;
        }
        s++;
    }
    return def;
}

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

/* ---- CPL 3 support ---- */

/* Linux's layout (__KERNEL_CS 0x10, __KERNEL_DS 0x18, __USER32_CS 0x23,
 * __USER_DS 0x2b, __USER_CS 0x33): PVM-style hosts expect these selectors. */
static const u64 gdt[] = {
    0,
    0x00cf9b000000ffffull,   /* 0x08 kernel code32 (unused) */
    0x00af9b000000ffffull,   /* 0x10 kernel code64: P, DPL0, L */
    0x00cf93000000ffffull,   /* 0x18 kernel data */
    0x00cffb000000ffffull,   /* 0x20 user code32 (unused; sysret base) */
    0x00cff3000000ffffull,   /* 0x28 user data, DPL3 */
    0x00affb000000ffffull,   /* 0x30 user code64, DPL3, L */
};

void gdt_load(void)
{
    struct __attribute__((packed)) { u16 limit; u64 base; } gdtr = {
        sizeof(gdt) - 1, (u64)gdt,
    };
    __asm__ volatile(
        "lgdt %0\n\t"
        "mov $0x18, %%ax\n\t"
        "mov %%ax, %%ds\n\t"
        "mov %%ax, %%es\n\t"
        "mov %%ax, %%ss\n\t"
        "pushq $0x10\n\t"
        "lea 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:" :: "m"(gdtr) : "rax", "memory");
}

extern char syscall_entry[];

void syscall_setup(void)
{
    wrmsr(0xc0000080, rdmsr(0xc0000080) | 1);                 /* EFER.SCE */
    wrmsr(0xc0000081, (0x23ull << 48) | (0x10ull << 32));     /* STAR */
    wrmsr(0xc0000082, (u64)syscall_entry);                     /* LSTAR */
    wrmsr(0xc0000084, 0x700);                                  /* SFMASK: TF, IF, DF */
}

void paging_allow_user_low(void)
{
    u64 cr3;
    __asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
    volatile u64 *pml4 = (u64 *)(cr3 & ~0xfffull);
    volatile u64 *pdpt = (u64 *)(pml4[0] & 0x000ffffffffff000ull);
    volatile u64 *pd = (u64 *)(pdpt[0] & 0x000ffffffffff000ull);
    pml4[0] |= 4;
    pdpt[0] |= 4;
    pd[0] |= 4;
    __asm__ volatile("mov %0, %%cr3" :: "r"(cr3) : "memory");
}
