/*
 * The Intel MultiProcessor table (MP Specification 1.4) of the x86-64
 * machine: how Linux finds the vCPUs, the IOAPIC and the interrupt
 * wiring when there is neither ACPI nor a BIOS.  Linux scans the BIOS
 * area 0xf0000-0xfffff for the floating pointer "_MP_", which points to
 * the configuration table "PCMP" right after it.  Layout and routing
 * choices are documented in include/hw/i386/x86-boot.h.
 */
#include <string.h>

#include "hw/i386/x86-boot.h"

#define MP_PROCESSOR    0
#define MP_BUS          1
#define MP_IOAPIC       2
#define MP_INTSRC       3
#define MP_LINTSRC      4

#define MP_INT          0       /* vectored interrupt (through the IOAPIC) */
#define MP_NMI          1
#define MP_EXTINT       3       /* from the 8259 */

/* irqflag: polarity in bits 0-1, trigger mode in bits 2-3. */
#define MP_IRQ_CONFORMING       0x0
#define MP_IRQ_EDGE_HIGH        (0x1 | (0x1 << 2))
#define MP_IRQ_LEVEL_HIGH       (0x1 | (0x3 << 2))

#define MP_LAPIC_VERSION        0x14
#define MP_IOAPIC_VERSION       0x11
#define MP_CPU_ENABLED          0x01
#define MP_CPU_BSP              0x02

typedef struct MPWriter {
    uint8_t *base;      /* start of the configuration table */
    size_t len;
    unsigned entries;
} MPWriter;

static uint8_t *mp_entry(MPWriter *w, size_t size, uint8_t type)
{
    uint8_t *p = w->base + w->len;

    memset(p, 0, size);
    p[0] = type;
    w->len += size;
    w->entries++;
    return p;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void put32(uint8_t *p, uint32_t v) { put16(p, v); put16(p + 2, v >> 16); }

static uint8_t mp_checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++) {
        sum += p[i];
    }
    return (uint8_t)-sum;
}

static void mp_intsrc(MPWriter *w, uint8_t kind, uint16_t flags,
                      uint8_t src_irq, uint8_t ioapic, uint8_t pin)
{
    uint8_t *p = mp_entry(w, 8, MP_INTSRC);

    p[1] = kind;
    put16(p + 2, flags);
    p[4] = 0;                   /* source bus: ISA */
    p[5] = src_irq;
    p[6] = ioapic;
    p[7] = pin;
}

bool x86_write_mptable(const X86BootRAM *ram, const X86MPConfig *cfg,
                       GError **errp)
{
    /* The floating pointer (16 bytes) first, the table right after it. */
    const uint64_t fp_addr = X86_BOOT_MPTABLE;
    const uint64_t table_addr = fp_addr + 16;
    uint16_t isa_flags[16];
    uint8_t ioapic_id = cfg->ncpus;
    uint8_t *fp, *p;
    MPWriter w;

    if (cfg->ncpus < 1 || cfg->ncpus > X86_MPTABLE_MAX_CPUS) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-smp %u: the MP table describes 1 to %u CPUs",
                    cfg->ncpus, X86_MPTABLE_MAX_CPUS);
        return false;
    }
    if (cfg->irq0_pin != 0 && cfg->irq0_pin != 2) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "MP table: IRQ 0 goes to IOAPIC pin 0 or 2, not %u",
                    cfg->irq0_pin);
        return false;
    }
    if (!ram->below_4g || ram->below_4g_size < X86_BOOT_HIGH_MEM) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "MP table: RAM below 4 GiB (%" G_GUINT64_FORMAT
                    " bytes) does not reach the BIOS area at 0x%x",
                    ram->below_4g_size, X86_BOOT_BIOS_AREA);
        return false;
    }
    for (unsigned i = 0; i < 16; i++) {
        isa_flags[i] = MP_IRQ_CONFORMING;
    }
    for (unsigned i = 0; i < cfg->n_extra; i++) {
        unsigned gsi = cfg->extra[i].gsi;

        if (gsi >= X86_MPTABLE_MAX_IRQS || gsi == 0 || gsi == 2) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "MP table: interrupt line %u is not a free IOAPIC "
                        "pin (1, 3..%u)", gsi, X86_MPTABLE_MAX_IRQS - 1);
            return false;
        }
        if (gsi < 16) {
            isa_flags[gsi] = cfg->extra[i].level ? MP_IRQ_LEVEL_HIGH
                                                 : MP_IRQ_EDGE_HIGH;
        }
    }
    /* Worst case: header 44, CPUs, bus, IOAPIC, 16 + 24 + 2 interrupts. */
    G_STATIC_ASSERT(44 + 20 * X86_MPTABLE_MAX_CPUS + 16 + 42 * 8 <=
                    X86_BOOT_HIGH_MEM - X86_BOOT_MPTABLE - 16);

    fp = ram->below_4g + fp_addr;
    w = (MPWriter){ .base = ram->below_4g + table_addr, .len = 44 };
    memset(w.base, 0, 44);

    for (unsigned i = 0; i < cfg->ncpus; i++) {
        p = mp_entry(&w, 20, MP_PROCESSOR);
        p[1] = i;                               /* local APIC id */
        p[2] = MP_LAPIC_VERSION;
        p[3] = MP_CPU_ENABLED | (i == 0 ? MP_CPU_BSP : 0);
        put32(p + 4, 0x600);                    /* family 6 */
        put32(p + 8, (1 << 0) | (1 << 9));      /* FPU, APIC */
    }

    p = mp_entry(&w, 8, MP_BUS);
    p[1] = 0;
    memcpy(p + 2, "ISA   ", 6);

    p = mp_entry(&w, 8, MP_IOAPIC);
    p[1] = ioapic_id;
    p[2] = MP_IOAPIC_VERSION;
    p[3] = 1;                                   /* usable */
    put32(p + 4, X86_IOAPIC_ADDR);

    /* ISA IRQs: identity to the IOAPIC pins, except the PC's IRQ 0 on
     * pin 2 with the 8259's ExtINT on pin 0 (and no IRQ 2, the cascade). */
    if (cfg->irq0_pin == 2) {
        mp_intsrc(&w, MP_EXTINT, MP_IRQ_CONFORMING, 0, ioapic_id, 0);
    }
    for (unsigned irq = 0; irq < 16; irq++) {
        if (irq == 2 && cfg->irq0_pin == 2) {
            continue;
        }
        mp_intsrc(&w, MP_INT, isa_flags[irq], irq, ioapic_id,
                  irq == 0 ? cfg->irq0_pin : irq);
    }
    for (unsigned i = 0; i < cfg->n_extra; i++) {
        unsigned gsi = cfg->extra[i].gsi;
        if (gsi >= 16) {
            mp_intsrc(&w, MP_INT, cfg->extra[i].level ? MP_IRQ_LEVEL_HIGH
                                                      : MP_IRQ_EDGE_HIGH,
                      gsi, ioapic_id, gsi);
        }
    }

    /* LINT0 takes the 8259 (virtual wire), LINT1 NMI, on every CPU. */
    p = mp_entry(&w, 8, MP_LINTSRC);
    p[1] = MP_EXTINT;
    p[6] = 0xff;
    p[7] = 0;
    p = mp_entry(&w, 8, MP_LINTSRC);
    p[1] = MP_NMI;
    p[6] = 0xff;
    p[7] = 1;

    memcpy(w.base, "PCMP", 4);
    put16(w.base + 4, w.len);
    w.base[6] = 4;                              /* spec revision 1.4 */
    memcpy(w.base + 8, "TERN    ", 8);
    memcpy(w.base + 16, "X86-64 VM   ", 12);
    put16(w.base + 34, w.entries);
    put32(w.base + 36, X86_LAPIC_ADDR);
    w.base[7] = mp_checksum(w.base, w.len);

    memset(fp, 0, 16);
    memcpy(fp, "_MP_", 4);
    put32(fp + 4, table_addr);
    fp[8] = 1;                                  /* length in 16-byte units */
    fp[9] = 4;
    fp[10] = mp_checksum(fp, 16);
    /* Feature bytes 0: the table above; IMCR absent (virtual wire). */
    return true;
}
