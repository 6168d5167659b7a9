/*
 * Direct boot of an x86-64 guest without firmware: the loaders behind
 * `-kernel`, `-initrd` and `-append` of the x86-64 machine, and the Intel
 * MP table that lets Linux find every vCPU without ACPI.
 *
 * Everything here is pure: it writes into guest RAM buffers the machine
 * hands over and returns the register state the machine puts into the
 * boot vCPU.  Nothing is written outside those buffers, whatever the
 * kernel file contains.
 *
 * Low memory layout (guest physical addresses, all fixed):
 *
 *   0x00000 - 0x004ff   real-mode IVT and BIOS data area (left zero)
 *   0x00500 - 0x0051f   GDT: 0x00 null, 0x08 flat 32-bit code,
 *                       0x10 flat 64-bit code, 0x18 flat data
 *                       (0x10/0x18 are __BOOT_CS/__BOOT_DS of Linux's
 *                       64-bit boot protocol)
 *   0x07000 - 0x07fff   zero page (Linux's struct boot_params), RSI
 *   0x08000 - 0x08fff   boot stack, RSP = 0x8ff0
 *   0x09000 - 0x09fff   PML4 (CR3)
 *   0x0a000 - 0x0afff   PDPT (4 entries)
 *   0x0b000 - 0x0efff   4 page directories of 2 MiB pages: the first
 *                       4 GiB identity mapped (RAM and MMIO alike)
 *   0x20000 - 0x2ffff   kernel command line (NUL terminated)
 *   0x9fc00 - 0x9ffff   reserved in e820 (where a PC's EBDA would be)
 *   0xf0000 - 0xfffff   reserved in e820: MP floating pointer + MP table
 *   0x100000 -          the kernel (bzImage: at its pref_address, 16 MiB
 *                       for Debian's; ELF: at its p_paddr); the initrd
 *                       as high as possible below 4 GiB, RAM's top and
 *                       the kernel's initrd_addr_max
 *
 * The identity map covers 4 GiB with 2 MiB pages (no 1 GiB page support
 * needed from the CPU).  Linux's 64-bit entry needs only the kernel, the
 * zero page, the command line and the initrd mapped, which all live below
 * 4 GiB here; it builds its own page tables right away.
 *
 * Entry state (X86BootState): long mode (CR0.PE|PG, CR4.PAE, EFER.LME|LMA),
 * CS = 0x10 (64-bit), DS/ES/SS/FS/GS = 0x18, interrupts off (RFLAGS = 0x2),
 * RSI = 0x7000.  For a bzImage RIP = load address + 0x200 (the 64-bit
 * entry of boot protocol 2.12+); for an ELF64 image RIP = e_entry (an
 * entry given as a virtual address inside a PT_LOAD segment is turned
 * into its physical address).  An ELF kernel gets the same zero page
 * (e820, command line, initrd), which tern's tiny test guests may read.
 */
#ifndef HW_I386_X86_BOOT_H
#define HW_I386_X86_BOOT_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#define X86_BOOT_GDT_ADDR       0x500
#define X86_BOOT_GDT_ENTRIES    4
#define X86_BOOT_ZERO_PAGE      0x7000
#define X86_BOOT_STACK_TOP      0x8ff0
#define X86_BOOT_PML4           0x9000
#define X86_BOOT_PDPT           0xa000
#define X86_BOOT_PD             0xb000      /* 4 pages */
#define X86_BOOT_CMDLINE        0x20000
#define X86_BOOT_CMDLINE_MAX    0x10000     /* bytes, with the NUL */
#define X86_BOOT_EBDA           0x9fc00
#define X86_BOOT_BIOS_AREA      0xf0000
#define X86_BOOT_MPTABLE        X86_BOOT_BIOS_AREA
#define X86_BOOT_HIGH_MEM       0x100000
/* Smallest below-4G RAM the layout above fits in. */
#define X86_BOOT_MIN_RAM        0x200000

#define X86_BOOT_SEL_CODE32     0x08
#define X86_BOOT_SEL_CODE64     0x10
#define X86_BOOT_SEL_DATA       0x18

#define X86_4G                  0x100000000ULL

/* e820 types (Linux's numbering). */
#define X86_E820_RAM            1
#define X86_E820_RESERVED       2

#define X86_E820_MAX            128     /* what boot_params has room for */

typedef struct X86E820Entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} X86E820Entry;

/*
 * Guest RAM as the machine lays it out: below_4g covers guest physical
 * [0, below_4g_size) (below_4g_size <= 4 GiB, the rest of the 4 GiB is the
 * MMIO hole); above_4g covers [4 GiB, 4 GiB + above_4g_size) and may be
 * NULL with size 0.  The machine may add reserved ranges (e.g. its
 * virtio-mmio window need not be listed: unlisted is not RAM).
 */
typedef struct X86BootRAM {
    uint8_t *below_4g;
    uint64_t below_4g_size;
    uint8_t *above_4g;
    uint64_t above_4g_size;
    const X86E820Entry *extra_e820;     /* appended as given (reserved) */
    unsigned n_extra_e820;
} X86BootRAM;

/* A segment register as KVM's struct kvm_segment wants it. */
typedef struct X86BootSegment {
    uint64_t base;
    uint32_t limit;
    uint16_t selector;
    uint8_t type, present, dpl, db, s, l, g;
} X86BootSegment;

#define X86_CR0_PE      (1ULL << 0)
#define X86_CR0_ET      (1ULL << 4)
#define X86_CR0_NE      (1ULL << 5)
#define X86_CR0_PG      (1ULL << 31)
#define X86_CR4_PAE     (1ULL << 5)
#define X86_EFER_LME    (1ULL << 8)
#define X86_EFER_LMA    (1ULL << 10)

/* What the machine puts into the boot vCPU (the others wait for SIPI). */
typedef struct X86BootState {
    uint64_t rip, rsi, rsp, rflags;
    uint64_t cr0, cr3, cr4, efer;
    uint64_t gdt_base;
    uint16_t gdt_limit;
    X86BootSegment cs;          /* 64-bit code, selector 0x10 */
    X86BootSegment ds;          /* for DS, ES, SS, FS, GS: selector 0x18 */

    /* Where things went (for logs and tests). */
    bool is_bzimage;
    uint16_t boot_protocol;     /* bzImage: 0x020f etc.; ELF: 0 */
    uint64_t kernel_start, kernel_end;  /* bzImage: load .. load+init_size */
    uint64_t initrd_start, initrd_size; /* size 0: no initrd */
    uint64_t cmdline_addr;
    uint64_t zero_page;
    unsigned e820_entries;
} X86BootState;

/*
 * Write the GDT and the identity page tables of the layout above into
 * ram->below_4g and fill the register part of *st (rip/rsi are left for
 * the caller).  Fails only when below_4g_size < X86_BOOT_MIN_RAM.
 */
bool x86_boot_setup_long_mode(const X86BootRAM *ram, X86BootState *st,
                              GError **errp);

/*
 * The e820 map for this RAM layout: [0, 0x9fc00) RAM, the EBDA and BIOS
 * area reserved, [1 MiB, below_4g_size) RAM, [4 GiB, +above_4g_size)
 * RAM, then ram->extra_e820.  Returns the number of entries (at most max).
 */
unsigned x86_boot_e820(const X86BootRAM *ram, X86E820Entry *out,
                       unsigned max);

/*
 * Load KERNEL (a bzImage with boot protocol >= 2.12 and a 64-bit entry,
 * or a plain ELF64 x86-64 executable), optionally INITRD, put CMDLINE
 * (NULL: empty) and the zero page in RAM, set up long mode and fill *out.
 * The file type is found from its contents.  Errors name the file and the
 * problem (missing file, neither bzImage nor ELF64, boot protocol too
 * old, no 64-bit entry, truncated or inconsistent headers, kernel or
 * initrd larger than RAM, command line too long).
 */
bool x86_load_kernel(const X86BootRAM *ram, const char *kernel,
                     const char *initrd, const char *cmdline,
                     X86BootState *out, GError **errp);

/* The same with the kernel and initrd already in memory; NAME and
 * INITRD_NAME are used in error messages only. */
bool x86_load_kernel_image(const X86BootRAM *ram, const char *name,
                           const uint8_t *image, size_t image_size,
                           const char *initrd_name, const uint8_t *initrd,
                           size_t initrd_size, const char *cmdline,
                           X86BootState *out, GError **errp);

/* ------------------------------------------------------------------ */
/* Intel MP table (MultiProcessor Specification 1.4), hw/i386/mptable.c */

#define X86_IOAPIC_ADDR         0xfec00000u
#define X86_LAPIC_ADDR          0xfee00000u
#define X86_MPTABLE_MAX_CPUS    254     /* APIC ids 0..N-1, IOAPIC id N */
#define X86_MPTABLE_MAX_IRQS    24      /* pins of one IOAPIC */

typedef struct X86MPIrq {
    uint8_t gsi;        /* IOAPIC pin, 16..23 (ISA IRQs are implied) */
    bool level;         /* level triggered, active high; else edge high */
} X86MPIrq;

typedef struct X86MPConfig {
    unsigned ncpus;
    /*
     * Where ISA IRQ 0 (the PIT) arrives at the IOAPIC.  A PC wires it to
     * pin 2 (and QEMU programs KVM's GSI routing that way); KVM's default
     * routing without KVM_SET_GSI_ROUTING sends GSI 0 to pin 0.  The
     * table must match what the machine programs: 2 or 0.
     */
    unsigned irq0_pin;
    const X86MPIrq *extra;      /* e.g. the virtio-mmio lines */
    unsigned n_extra;
} X86MPConfig;

/*
 * Write the MP floating pointer and configuration table at
 * X86_BOOT_MPTABLE (inside the reserved BIOS area of the e820 map):
 * one processor entry per CPU (APIC id i, the BSP flag on 0), bus 0 ISA,
 * one IOAPIC (id ncpus, at X86_IOAPIC_ADDR), I/O interrupt entries for
 * ISA IRQs 0..15 (IRQ 0 to cfg->irq0_pin, IRQ 2 (the cascade) skipped
 * when irq0_pin is 2, ExtINT from the 8259 on pin 0 when IRQ 0 is not
 * there), the extra GSIs, and local interrupt entries (ExtINT on LINT0,
 * NMI on LINT1).  Returns false with errp set when the CPU count or an
 * extra GSI is out of range or the RAM is too small.
 */
bool x86_write_mptable(const X86BootRAM *ram, const X86MPConfig *cfg,
                       GError **errp);

#endif /* HW_I386_X86_BOOT_H */
