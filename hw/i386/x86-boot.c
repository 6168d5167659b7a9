/*
 * Direct boot of an x86-64 guest: identity page tables and a GDT for long
 * mode, the Linux x86 boot protocol for bzImages (setup header, zero page
 * with e820, command line, initrd) and plain ELF64 images.  The memory
 * layout and the entry state are described in include/hw/i386/x86-boot.h.
 *
 * Every value read from a kernel file is checked against the file size and
 * the RAM before use; all guest writes go through ram_span(), which refuses
 * anything outside the RAM buffers.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>

#include "hw/i386/x86-boot.h"

#define MiB ((uint64_t)1 << 20)

/* Boot protocol offsets (Documentation/arch/x86/boot.rst), relative to
 * the start of the bzImage file and, from 0x1f1 on, of boot_params. */
#define BP_EXT_RAMDISK_IMAGE    0x0c0
#define BP_EXT_RAMDISK_SIZE     0x0c4
#define BP_EXT_CMD_LINE_PTR     0x0c8
#define BP_E820_ENTRIES         0x1e8
#define BP_HDR                  0x1f1
#define BP_E820_TABLE           0x2d0
#define BP_HDR_END              0x290   /* room for the setup header */

#define HDR_SETUP_SECTS         0x1f1
#define HDR_SYSSIZE             0x1f4
#define HDR_BOOT_FLAG           0x1fe
#define HDR_JUMP                0x200
#define HDR_MAGIC               0x202
#define HDR_VERSION             0x206
#define HDR_TYPE_OF_LOADER      0x210
#define HDR_LOADFLAGS           0x211
#define HDR_RAMDISK_IMAGE       0x218
#define HDR_RAMDISK_SIZE        0x21c
#define HDR_HEAP_END_PTR        0x224
#define HDR_CMD_LINE_PTR        0x228
#define HDR_INITRD_ADDR_MAX     0x22c
#define HDR_KERNEL_ALIGNMENT    0x230
#define HDR_RELOCATABLE         0x234
#define HDR_XLOADFLAGS          0x236
#define HDR_CMDLINE_SIZE        0x238
#define HDR_PREF_ADDRESS        0x258
#define HDR_INIT_SIZE           0x260

#define LOADED_HIGH             0x01
#define CAN_USE_HEAP            0x80
#define XLF_KERNEL_64           0x01

/* ------------------------------------------------------------------ */
/* Guest RAM access */

/* Host pointer for guest [addr, addr + len), or NULL when any of it is
 * outside RAM or the range crosses from one RAM block to the other. */
static uint8_t *ram_span(const X86BootRAM *ram, uint64_t addr, uint64_t len)
{
    if (addr <= ram->below_4g_size && len <= ram->below_4g_size - addr) {
        return ram->below_4g + addr;
    }
    if (ram->above_4g && addr >= X86_4G) {
        uint64_t off = addr - X86_4G;
        if (off <= ram->above_4g_size && len <= ram->above_4g_size - off) {
            return ram->above_4g + off;
        }
    }
    return NULL;
}

static void st16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static void st32(uint8_t *p, uint32_t v) { st16(p, v); st16(p + 2, v >> 16); }
static void st64(uint8_t *p, uint64_t v) { st32(p, v); st32(p + 4, v >> 32); }
static uint16_t ld16(const uint8_t *p) { return p[0] | (uint16_t)p[1] << 8; }
static uint32_t ld32(const uint8_t *p) { return ld16(p) | (uint32_t)ld16(p + 2) << 16; }
static uint64_t ld64(const uint8_t *p) { return ld32(p) | (uint64_t)ld32(p + 4) << 32; }

/* ------------------------------------------------------------------ */
/* Long mode: GDT, page tables, register state */

/* A flat segment descriptor: base 0, limit 4 GiB (G=1, limit 0xfffff). */
static uint64_t gdt_flat(unsigned type, bool l, bool db)
{
    uint64_t d = 0xffff;                        /* limit 15:0 */
    d |= (uint64_t)(type | 0x10) << 40;         /* type + S (code/data) */
    d |= 1ULL << 47;                            /* present, DPL 0 */
    d |= 0xfULL << 48;                          /* limit 19:16 */
    d |= (uint64_t)l << 53;
    d |= (uint64_t)db << 54;
    d |= 1ULL << 55;                            /* 4 KiB granularity */
    return d;
}

static X86BootSegment seg_flat(uint16_t sel, unsigned type, bool l, bool db)
{
    return (X86BootSegment) {
        .base = 0, .limit = 0xffffffff, .selector = sel, .type = type,
        .present = 1, .dpl = 0, .db = db, .s = 1, .l = l, .g = 1,
    };
}

bool x86_boot_setup_long_mode(const X86BootRAM *ram, X86BootState *st,
                              GError **errp)
{
    uint8_t *gdt, *pml4, *pdpt, *pd;

    if (!ram->below_4g || ram->below_4g_size < X86_BOOT_MIN_RAM ||
        ram->below_4g_size > X86_4G) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "RAM below 4 GiB is %" G_GUINT64_FORMAT " bytes: direct "
                    "boot needs at least %u MiB", ram->below_4g_size,
                    (unsigned)(X86_BOOT_MIN_RAM / MiB));
        return false;
    }

    /* Type 0xb: code execute/read, accessed; 0x3: data read/write, accessed. */
    gdt = ram_span(ram, X86_BOOT_GDT_ADDR, X86_BOOT_GDT_ENTRIES * 8);
    st64(gdt + 0x00, 0);
    st64(gdt + X86_BOOT_SEL_CODE32, gdt_flat(0xb, false, true));
    st64(gdt + X86_BOOT_SEL_CODE64, gdt_flat(0xb, true, false));
    st64(gdt + X86_BOOT_SEL_DATA, gdt_flat(0x3, false, true));

    /* PML4[0] -> PDPT; PDPT[0..3] -> 4 PDs; each PD 512 x 2 MiB pages.
     * Present | writable, PS on the leaves; everything else 0 (WB). */
    pml4 = ram_span(ram, X86_BOOT_PML4, 4096);
    pdpt = ram_span(ram, X86_BOOT_PDPT, 4096);
    pd = ram_span(ram, X86_BOOT_PD, 4 * 4096);
    memset(pml4, 0, 4096);
    memset(pdpt, 0, 4096);
    st64(pml4, X86_BOOT_PDPT | 0x3);
    for (unsigned i = 0; i < 4; i++) {
        st64(pdpt + i * 8, (X86_BOOT_PD + i * 4096) | 0x3);
    }
    for (unsigned i = 0; i < 4 * 512; i++) {
        st64(pd + i * 8, ((uint64_t)i << 21) | 0x83);
    }

    st->rsp = X86_BOOT_STACK_TOP;
    st->rflags = 0x2;
    st->cr0 = X86_CR0_PE | X86_CR0_ET | X86_CR0_NE | X86_CR0_PG;
    st->cr3 = X86_BOOT_PML4;
    st->cr4 = X86_CR4_PAE;
    st->efer = X86_EFER_LME | X86_EFER_LMA;
    st->gdt_base = X86_BOOT_GDT_ADDR;
    st->gdt_limit = X86_BOOT_GDT_ENTRIES * 8 - 1;
    st->cs = seg_flat(X86_BOOT_SEL_CODE64, 0xb, true, false);
    st->ds = seg_flat(X86_BOOT_SEL_DATA, 0x3, false, true);
    return true;
}

unsigned x86_boot_e820(const X86BootRAM *ram, X86E820Entry *out,
                       unsigned max)
{
    X86E820Entry e[4 + X86_E820_MAX];
    unsigned n = 0, k = 0;

    e[n++] = (X86E820Entry){ 0, X86_BOOT_EBDA, X86_E820_RAM };
    e[n++] = (X86E820Entry){ X86_BOOT_EBDA, 0xa0000 - X86_BOOT_EBDA,
                             X86_E820_RESERVED };
    e[n++] = (X86E820Entry){ X86_BOOT_BIOS_AREA,
                             X86_BOOT_HIGH_MEM - X86_BOOT_BIOS_AREA,
                             X86_E820_RESERVED };
    if (ram->below_4g_size > X86_BOOT_HIGH_MEM) {
        e[n++] = (X86E820Entry){ X86_BOOT_HIGH_MEM,
                                 ram->below_4g_size - X86_BOOT_HIGH_MEM,
                                 X86_E820_RAM };
    }
    if (ram->above_4g && ram->above_4g_size) {
        e[n++] = (X86E820Entry){ X86_4G, ram->above_4g_size, X86_E820_RAM };
    }
    for (unsigned i = 0; i < ram->n_extra_e820 && n < G_N_ELEMENTS(e); i++) {
        e[n++] = ram->extra_e820[i];
    }
    for (k = 0; k < n && k < max; k++) {
        out[k] = e[k];
    }
    return k;
}

/* Zero page, command line and initrd fields common to both formats. */
static bool write_zero_page(const X86BootRAM *ram, const char *name,
                            const char *cmdline,
                            uint64_t cmdline_max, X86BootState *st,
                            const uint8_t *hdr, size_t hdr_len,
                            GError **errp)
{
    uint8_t *zp = ram_span(ram, X86_BOOT_ZERO_PAGE, 4096);
    X86E820Entry e820[X86_E820_MAX];
    size_t len = cmdline ? strlen(cmdline) : 0;
    unsigned n;
    uint8_t *cl;

    if (len > cmdline_max) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: -append: the command line is %zu bytes, the "
                    "kernel accepts at most %" G_GUINT64_FORMAT,
                    name, len, cmdline_max);
        return false;
    }
    cl = ram_span(ram, X86_BOOT_CMDLINE, len + 1);
    memcpy(cl, cmdline ? cmdline : "", len + 1);

    memset(zp, 0, 4096);
    if (hdr_len) {
        memcpy(zp + BP_HDR, hdr, hdr_len);
    }
    zp[HDR_TYPE_OF_LOADER] = 0xff;
    zp[HDR_LOADFLAGS] |= LOADED_HIGH | CAN_USE_HEAP;
    /* End of the real-mode setup heap, relative to the setup code, minus
     * 0x200; unused by the 64-bit entry but some kernels sanity-check it. */
    st16(zp + HDR_HEAP_END_PTR, 0xe000 - 0x200);
    st32(zp + HDR_CMD_LINE_PTR, (uint32_t)X86_BOOT_CMDLINE);
    st32(zp + BP_EXT_CMD_LINE_PTR, 0);     /* the command line is below 4 GiB */
    st32(zp + HDR_RAMDISK_IMAGE, (uint32_t)st->initrd_start);
    st32(zp + HDR_RAMDISK_SIZE, (uint32_t)st->initrd_size);
    st32(zp + BP_EXT_RAMDISK_IMAGE, (uint32_t)(st->initrd_start >> 32));
    st32(zp + BP_EXT_RAMDISK_SIZE, (uint32_t)(st->initrd_size >> 32));

    n = x86_boot_e820(ram, e820, X86_E820_MAX);
    zp[BP_E820_ENTRIES] = n;
    for (unsigned i = 0; i < n; i++) {
        uint8_t *p = zp + BP_E820_TABLE + i * 20;
        st64(p, e820[i].addr);
        st64(p + 8, e820[i].size);
        st32(p + 16, e820[i].type);
    }
    st->zero_page = X86_BOOT_ZERO_PAGE;
    st->rsi = X86_BOOT_ZERO_PAGE;
    st->cmdline_addr = X86_BOOT_CMDLINE;
    st->e820_entries = n;
    return true;
}

/* Place the initrd as high as possible below LIMIT (exclusive) and above
 * LOW (the end of the kernel). */
static bool place_initrd(const X86BootRAM *ram, const char *name,
                         const uint8_t *data, size_t size, uint64_t low,
                         uint64_t limit, X86BootState *st, GError **errp)
{
    uint64_t top = MIN(limit, ram->below_4g_size), start;

    st->initrd_start = st->initrd_size = 0;
    if (!data) {
        return true;
    }
    if (size > top || ((top - size) & ~0xfffULL) < low) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "%s: the initrd (%" G_GUINT64_FORMAT " bytes) does not "
                    "fit between the kernel's end (0x%" G_GINT64_MODIFIER
                    "x) and the top of usable RAM (0x%" G_GINT64_MODIFIER
                    "x): use a larger -m", name, (uint64_t)size, low, top);
        return false;
    }
    start = (top - size) & ~0xfffULL;
    memcpy(ram_span(ram, start, size), data, size);
    st->initrd_start = start;
    st->initrd_size = size;
    return true;
}

/* ------------------------------------------------------------------ */
/* bzImage */

static bool load_bzimage(const X86BootRAM *ram, const char *name,
                         const uint8_t *img, size_t size,
                         const char *initrd_name, const uint8_t *initrd,
                         size_t initrd_size, const char *cmdline,
                         X86BootState *st, GError **errp)
{
    uint16_t version = ld16(img + HDR_VERSION);
    unsigned setup_sects = img[HDR_SETUP_SECTS] ? img[HDR_SETUP_SECTS] : 4;
    uint64_t setup_size = (setup_sects + 1) * 512ULL;
    uint64_t payload, syssize, init_size, align, pref, load, footprint;
    uint64_t initrd_max, cmdline_max;
    size_t hdr_end;

    /* setup_size >= 1 KiB covers every header field read below. */
    if (setup_size >= size) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: truncated: the setup code (%u sectors) extends "
                    "past the end of the file (%zu bytes)", name,
                    setup_sects, size);
        return false;
    }
    if (version < 0x20c) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: Linux boot protocol %u.%02u is too old: tern "
                    "enters the kernel in 64-bit mode, which needs 2.12 "
                    "or later (Linux 3.8+)", name, version >> 8,
                    version & 0xff);
        return false;
    }
    if (!(ld16(img + HDR_XLOADFLAGS) & XLF_KERNEL_64)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: the kernel has no 64-bit entry point "
                    "(XLF_KERNEL_64 not set in xloadflags): a 32-bit "
                    "kernel cannot be booted directly", name);
        return false;
    }
    payload = size - setup_size;
    syssize = (uint64_t)ld32(img + HDR_SYSSIZE) * 16;
    /* syssize is rounded up to 16 bytes by the kernel's build tool. */
    if (syssize == 0 || syssize > payload + 15) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: truncated: the header announces a %"
                    G_GUINT64_FORMAT "-byte kernel, the file holds %"
                    G_GUINT64_FORMAT " bytes after the setup code",
                    name, syssize, payload);
        return false;
    }
    payload = MIN(payload, syssize);

    init_size = ld32(img + HDR_INIT_SIZE);
    footprint = MAX(init_size, payload);
    align = ld32(img + HDR_KERNEL_ALIGNMENT);
    if (align == 0 || (align & (align - 1))) {
        align = 2 * MiB;
    }
    pref = ld64(img + HDR_PREF_ADDRESS);
    load = pref;
    if (load < X86_BOOT_HIGH_MEM || load > ram->below_4g_size ||
        footprint > ram->below_4g_size - load) {
        if (!img[HDR_RELOCATABLE]) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                        "%s: the kernel is not relocatable and needs %"
                        G_GUINT64_FORMAT " MiB of RAM at 0x%"
                        G_GINT64_MODIFIER "x; RAM below 4 GiB is %"
                        G_GUINT64_FORMAT " MiB: use a larger -m", name,
                        (footprint + MiB - 1) / MiB, pref,
                        ram->below_4g_size / MiB);
            return false;
        }
        load = (X86_BOOT_HIGH_MEM + align - 1) & ~(align - 1);
        if (load > ram->below_4g_size ||
            footprint > ram->below_4g_size - load) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                        "%s: the kernel needs %" G_GUINT64_FORMAT
                        " MiB of RAM from 0x%" G_GINT64_MODIFIER "x; RAM "
                        "below 4 GiB is %" G_GUINT64_FORMAT " MiB: use a "
                        "larger -m", name, (footprint + MiB - 1) / MiB,
                        load, ram->below_4g_size / MiB);
            return false;
        }
    }

    cmdline_max = MIN(ld32(img + HDR_CMDLINE_SIZE),
                      (uint64_t)X86_BOOT_CMDLINE_MAX - 1);
    initrd_max = (uint64_t)ld32(img + HDR_INITRD_ADDR_MAX) + 1;

    if (!x86_boot_setup_long_mode(ram, st, errp)) {
        return false;
    }
    st->is_bzimage = true;
    st->boot_protocol = version;
    st->kernel_start = load;
    st->kernel_end = load + footprint;
    if (!place_initrd(ram, initrd_name, initrd, initrd_size, st->kernel_end,
                      initrd_max, st, errp)) {
        return false;
    }

    /* The setup header runs from 0x1f1 to 0x202 + the jump's offset. */
    hdr_end = MIN((size_t)0x202 + img[HDR_JUMP + 1], (size_t)BP_HDR_END);
    if (!write_zero_page(ram, name, cmdline, cmdline_max, st, img + BP_HDR,
                         hdr_end - BP_HDR, errp)) {
        return false;
    }

    memcpy(ram_span(ram, load, payload), img + setup_size, payload);
    if (footprint > payload) {
        memset(ram_span(ram, load + payload, footprint - payload), 0,
               footprint - payload);
    }
    st->rip = load + 0x200;
    return true;
}

/* ------------------------------------------------------------------ */
/* ELF64 */

static bool load_elf64(const X86BootRAM *ram, const char *name,
                       const uint8_t *img, size_t size,
                       const char *initrd_name, const uint8_t *initrd,
                       size_t initrd_size, const char *cmdline,
                       X86BootState *st, GError **errp)
{
    Elf64_Ehdr eh;
    uint64_t entry_phys = UINT64_MAX, kstart = UINT64_MAX, kend = 0;

#define ELF_FAIL(...) do { \
        char *m_ = g_strdup_printf(__VA_ARGS__); \
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", \
                    name, m_); \
        g_free(m_); \
        return false; \
    } while (0)

    if (size < sizeof(eh)) {
        ELF_FAIL("truncated: the ELF header needs %zu bytes, the file has "
                 "%zu", sizeof(eh), size);
    }
    memcpy(&eh, img, sizeof(eh));
    if (eh.e_ident[EI_CLASS] != ELFCLASS64) {
        ELF_FAIL("not an ELF64 image (ELF class %u): only 64-bit kernels "
                 "are supported", eh.e_ident[EI_CLASS]);
    }
    if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        ELF_FAIL("not a little-endian ELF image");
    }
    if (eh.e_machine != EM_X86_64) {
        ELF_FAIL("ELF machine %u is not x86-64 (%u)", eh.e_machine,
                 EM_X86_64);
    }
    if (eh.e_type != ET_EXEC) {
        ELF_FAIL("ELF type %u is not an executable (ET_EXEC)", eh.e_type);
    }
    if (eh.e_phnum == 0) {
        ELF_FAIL("no program headers");
    }
    if (eh.e_phentsize != sizeof(Elf64_Phdr)) {
        ELF_FAIL("program header size %u is not %zu", eh.e_phentsize,
                 sizeof(Elf64_Phdr));
    }
    if (eh.e_phoff > size ||
        (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > size - eh.e_phoff) {
        ELF_FAIL("program headers (%u at offset %" G_GUINT64_FORMAT
                 ") extend past the end of the file (%zu bytes)",
                 eh.e_phnum, (uint64_t)eh.e_phoff, size);
    }

    /* Check every header before writing anything. */
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;

        memcpy(&ph, img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset) {
            ELF_FAIL("program header %u extends past the end of the file "
                     "(offset %" G_GUINT64_FORMAT " + %" G_GUINT64_FORMAT
                     " bytes > %zu)", i, (uint64_t)ph.p_offset,
                     (uint64_t)ph.p_filesz, size);
        }
        if (ph.p_filesz > ph.p_memsz) {
            ELF_FAIL("program header %u has a file size (%" G_GUINT64_FORMAT
                     ") larger than its memory size (%" G_GUINT64_FORMAT ")",
                     i, (uint64_t)ph.p_filesz, (uint64_t)ph.p_memsz);
        }
        if (!ram_span(ram, ph.p_paddr, ph.p_memsz)) {
            ELF_FAIL("segment %u (0x%" G_GINT64_MODIFIER "x, %"
                     G_GUINT64_FORMAT " bytes) is outside guest RAM: use a "
                     "larger -m", i, (uint64_t)ph.p_paddr,
                     (uint64_t)ph.p_memsz);
        }
        if (ph.p_paddr < X86_BOOT_HIGH_MEM) {
            ELF_FAIL("segment %u at 0x%" G_GINT64_MODIFIER "x overlaps "
                     "tern's boot data below 1 MiB: link the image at "
                     "0x100000 or above", i, (uint64_t)ph.p_paddr);
        }
        if (eh.e_entry >= ph.p_vaddr && eh.e_entry - ph.p_vaddr < ph.p_memsz) {
            entry_phys = ph.p_paddr + (eh.e_entry - ph.p_vaddr);
        }
        kstart = MIN(kstart, ph.p_paddr);
        kend = MAX(kend, ph.p_paddr + ph.p_memsz);
    }
    if (entry_phys == UINT64_MAX) {
        ELF_FAIL("the entry point 0x%" G_GINT64_MODIFIER "x is not inside "
                 "any loadable segment", (uint64_t)eh.e_entry);
    }
    if (entry_phys >= X86_4G) {
        ELF_FAIL("the entry point 0x%" G_GINT64_MODIFIER "x is above "
                 "4 GiB, outside the boot identity map", entry_phys);
    }
#undef ELF_FAIL

    if (!x86_boot_setup_long_mode(ram, st, errp)) {
        return false;
    }
    st->is_bzimage = false;
    st->boot_protocol = 0;
    st->kernel_start = kstart;
    st->kernel_end = kend;
    /* Above the kernel when it is below 4 GiB, else anywhere above 1 MiB. */
    if (!place_initrd(ram, initrd_name, initrd, initrd_size,
                      kend < X86_4G ? kend : X86_BOOT_HIGH_MEM, X86_4G,
                      st, errp)) {
        return false;
    }
    if (!write_zero_page(ram, name, cmdline, X86_BOOT_CMDLINE_MAX - 1, st, NULL,
                         0, errp)) {
        return false;
    }
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;

        memcpy(&ph, img + eh.e_phoff + i * sizeof(ph), sizeof(ph));
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0) {
            continue;
        }
        uint8_t *dst = ram_span(ram, ph.p_paddr, ph.p_memsz);
        memcpy(dst, img + ph.p_offset, ph.p_filesz);
        memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
    }
    st->rip = entry_phys;
    return true;
}

/* ------------------------------------------------------------------ */

bool x86_load_kernel_image(const X86BootRAM *ram, const char *name,
                           const uint8_t *image, size_t image_size,
                           const char *initrd_name, const uint8_t *initrd,
                           size_t initrd_size, const char *cmdline,
                           X86BootState *out, GError **errp)
{
    memset(out, 0, sizeof(*out));
    if (!initrd_name) {
        initrd_name = "initrd";
    }
    if (image_size > ram->below_4g_size + ram->above_4g_size) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "%s: the kernel (%zu bytes) is larger than guest RAM "
                    "(%" G_GUINT64_FORMAT " MiB): use a larger -m", name,
                    image_size,
                    (ram->below_4g_size + ram->above_4g_size) / MiB);
        return false;
    }
    if (initrd && initrd_size > ram->below_4g_size) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                    "%s: the initrd (%zu bytes) is larger than guest RAM "
                    "below 4 GiB (%" G_GUINT64_FORMAT " MiB): use a larger "
                    "-m", initrd_name, initrd_size,
                    ram->below_4g_size / MiB);
        return false;
    }
    if (image_size >= 0x210 && memcmp(image + HDR_MAGIC, "HdrS", 4) == 0) {
        return load_bzimage(ram, name, image, image_size, initrd_name,
                            initrd, initrd_size, cmdline, out, errp);
    }
    if (image_size >= SELFMAG && memcmp(image, ELFMAG, SELFMAG) == 0) {
        return load_elf64(ram, name, image, image_size, initrd_name,
                          initrd, initrd_size, cmdline, out, errp);
    }
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                "%s: not a Linux bzImage (no HdrS signature) nor an ELF64 "
                "image", name);
    return false;
}

bool x86_load_kernel(const X86BootRAM *ram, const char *kernel,
                     const char *initrd, const char *cmdline,
                     X86BootState *out, GError **errp)
{
    gchar *kdata = NULL, *idata = NULL;
    gsize klen = 0, ilen = 0;
    GError *err = NULL;
    bool ok;

    if (!g_file_get_contents(kernel, &kdata, &klen, &err)) {
        g_set_error(errp, G_FILE_ERROR, err->code, "-kernel %s: %s",
                    kernel, err->message);
        g_error_free(err);
        return false;
    }
    if (initrd && !g_file_get_contents(initrd, &idata, &ilen, &err)) {
        g_set_error(errp, G_FILE_ERROR, err->code, "-initrd %s: %s",
                    initrd, err->message);
        g_error_free(err);
        g_free(kdata);
        return false;
    }
    ok = x86_load_kernel_image(ram, kernel, (const uint8_t *)kdata, klen,
                               initrd, (const uint8_t *)idata, ilen,
                               cmdline, out, errp);
    g_free(kdata);
    g_free(idata);
    return ok;
}
