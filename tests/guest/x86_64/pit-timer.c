/*
 * Timer interrupts from the in-kernel PIT: channel 0 in rate-generator
 * mode at 1 kHz, ISA IRQ 0 routed by the in-kernel IOAPIC (pin 0, KVM's
 * default GSI routing) to vector 0x20 of the local APIC, the 8259s
 * masked.  The guest waits with sti; hlt and counts TICKS interrupts.
 */
#include "guest.h"

#define TICKS      20
#define VECTOR     0x20
#define IOAPIC     0xfec00000ul
#define LAPIC      0xfee00000ul

static volatile u64 ticks;
static u64 idt[2 * 256] __attribute__((aligned(16)));
extern char timer_isr[];

void timer_interrupt(void)
{
    ticks++;
    mmio_write32(LAPIC + 0xb0, 0);          /* EOI */
}

static void ioapic_write(u32 reg, u32 v)
{
    mmio_write32(IOAPIC, reg);
    mmio_write32(IOAPIC + 0x10, v);
}

void guest_main(u64 cpu, u64 ncpus)
{
    u64 h = (u64)timer_isr;
    u16 cs;
    __asm__ volatile("mov %%cs, %0" : "=r"(cs));
    /* 64-bit interrupt gate, DPL 0, present */
    idt[2 * VECTOR] = (h & 0xffff) | ((u64)cs << 16) | (0x8eull << 40) |
                      (((h >> 16) & 0xffff) << 48);
    idt[2 * VECTOR + 1] = h >> 32;
    struct __attribute__((packed)) { u16 limit; u64 base; } idtr = {
        sizeof(idt) - 1, (u64)idt,
    };
    __asm__ volatile("lidt %0" :: "m"(idtr));

    outb(0x21, 0xff);                        /* mask both 8259s */
    outb(0xa1, 0xff);
    mmio_write32(LAPIC + 0xf0, 0x100 | 0xff); /* software enable, spurious 0xff */
    mmio_write32(LAPIC + 0x80, 0);           /* TPR: accept everything */
    ioapic_write(0x10, VECTOR);              /* pin 0: fixed, edge, high, unmasked */
    ioapic_write(0x11, 0);                   /* to APIC id 0 */

    outb(0x43, 0x34);                        /* channel 0, lo/hi, mode 2 */
    outb(0x40, 1193 & 0xff);                 /* 1193182 Hz / 1193 = 1 kHz */
    outb(0x40, 1193 >> 8);

    u64 t0 = rdtsc();
    while (ticks < TICKS) {
        __asm__ volatile("sti; hlt; cli");
    }
    u64 cycles = rdtsc() - t0;
    serial_puts("timer interrupts: ");
    serial_put_dec(ticks);
    serial_puts("\n");
    (void)cycles;
    debug_exit(GUEST_PASS);
}
