/*
 * The tiny guests' "libc": polled 16550 output at 0x3f8 and the
 * isa-debug-exit port (guest.h).
 */
#include "guest.h"

#define COM1 0x3f8

u64 zero_page;
__attribute__((weak)) const int guest_all_cpus = 0;

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

/* ---- virtio-mmio, version 2, polled ---- */

#define VM_MAGIC        0x000
#define VM_VERSION      0x004
#define VM_DEVICE_ID    0x008
#define VM_DEV_FEAT     0x010
#define VM_DEV_FEAT_SEL 0x014
#define VM_DRV_FEAT     0x020
#define VM_DRV_FEAT_SEL 0x024
#define VM_QUEUE_SEL    0x030
#define VM_QUEUE_NUM_MAX 0x034
#define VM_QUEUE_NUM    0x038
#define VM_QUEUE_READY  0x044
#define VM_QUEUE_NOTIFY 0x050
#define VM_STATUS       0x070
#define VM_DESC_LO      0x080
#define VM_DESC_HI      0x084
#define VM_DRIVER_LO    0x090
#define VM_DRIVER_HI    0x094
#define VM_DEVICE_LO    0x0a0
#define VM_DEVICE_HI    0x0a4

u64 virtio_find(u32 device_id)
{
    for (unsigned i = 0; i < 8; i++) {
        u64 b = VIRTIO_MMIO_BASE(i);
        if (mmio_read32(b + VM_MAGIC) == 0x74726976 && mmio_read32(b + VM_VERSION) == 2 &&
            mmio_read32(b + VM_DEVICE_ID) == device_id) {
            return b;
        }
    }
    return 0;
}

int virtio_init(u64 base, u32 features)
{
    mmio_write32(base + VM_STATUS, 0);
    mmio_write32(base + VM_STATUS, 1);            /* ACKNOWLEDGE */
    mmio_write32(base + VM_STATUS, 1 | 2);        /* DRIVER */
    mmio_write32(base + VM_DEV_FEAT_SEL, 1);
    if (!(mmio_read32(base + VM_DEV_FEAT) & 1)) { /* VIRTIO_F_VERSION_1 */
        return 0;
    }
    mmio_write32(base + VM_DEV_FEAT_SEL, 0);
    u32 offered = mmio_read32(base + VM_DEV_FEAT);
    mmio_write32(base + VM_DRV_FEAT_SEL, 1);
    mmio_write32(base + VM_DRV_FEAT, 1);
    mmio_write32(base + VM_DRV_FEAT_SEL, 0);
    mmio_write32(base + VM_DRV_FEAT, offered & features);
    mmio_write32(base + VM_STATUS, 1 | 2 | 8);    /* FEATURES_OK */
    return (mmio_read32(base + VM_STATUS) & 8) != 0;
}

int virtq_setup(struct virtq *q, u64 base, unsigned index)
{
    q->base = base;
    q->index = index;
    q->last_used = 0;
    mmio_write32(base + VM_QUEUE_SEL, index);
    if (mmio_read32(base + VM_QUEUE_NUM_MAX) < VQ_SIZE) {
        return 0;
    }
    mmio_write32(base + VM_QUEUE_NUM, VQ_SIZE);
    mmio_write32(base + VM_DESC_LO, (u32)(u64)q->desc);
    mmio_write32(base + VM_DESC_HI, (u32)((u64)q->desc >> 32));
    mmio_write32(base + VM_DRIVER_LO, (u32)(u64)&q->avail);
    mmio_write32(base + VM_DRIVER_HI, (u32)((u64)&q->avail >> 32));
    mmio_write32(base + VM_DEVICE_LO, (u32)(u64)&q->used);
    mmio_write32(base + VM_DEVICE_HI, (u32)((u64)&q->used >> 32));
    mmio_write32(base + VM_QUEUE_READY, 1);
    return 1;
}

void virtio_driver_ok(u64 base)
{
    mmio_write32(base + VM_STATUS, 1 | 2 | 8 | 4);
}

u32 virtq_submit(struct virtq *q, unsigned n, const u64 *addr, const u32 *len,
                 const u8 *writable)
{
    for (unsigned i = 0; i < n; i++) {
        q->desc[i].addr = addr[i];
        q->desc[i].len = len[i];
        q->desc[i].flags = (u16)((i + 1 < n ? 1 : 0) | (writable[i] ? 2 : 0));
        q->desc[i].next = (u16)(i + 1);
    }
    q->avail.ring[q->avail.idx % VQ_SIZE] = 0;
    __asm__ volatile("" ::: "memory");
    q->avail.idx++;
    __asm__ volatile("mfence" ::: "memory");
    mmio_write32(q->base + VM_QUEUE_NOTIFY, q->index);
    while (*(volatile u16 *)&q->used.idx == q->last_used) {
        cpu_relax();
    }
    u32 used_len = q->used.ring[q->last_used % VQ_SIZE].len;
    q->last_used++;
    return used_len;
}
