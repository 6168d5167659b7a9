/*
 * Direct x86-64 boot (hw/i386/x86-boot.c, hw/i386/mptable.c): synthetic
 * bzImages and ELF64 images loaded into a RAM buffer, the zero page, e820,
 * the identity page tables (walked here like the MMU would), the GDT, the
 * errors for broken files, and the MP table.  When Debian's amd64 kernel
 * has been fetched (scripts/fetch-amd64-kernel.sh) its real bzImage is
 * loaded too.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "hw/i386/x86-boot.h"

#define MiB (1024 * 1024)
#define RAM_SIZE (64 * MiB)
#define HIGH_SIZE (1 * MiB)

typedef struct Ram {
    X86BootRAM r;
} Ram;

/* RAM filled with 0xcc so that zeroing shows; exact-size allocations so
 * that ASan catches any write outside. */
static Ram *ram_new(uint64_t below, uint64_t above)
{
    Ram *ram = g_new0(Ram, 1);

    ram->r.below_4g = g_malloc(below);
    memset(ram->r.below_4g, 0xcc, below);
    ram->r.below_4g_size = below;
    if (above) {
        ram->r.above_4g = g_malloc(above);
        memset(ram->r.above_4g, 0xcc, above);
        ram->r.above_4g_size = above;
    }
    return ram;
}

static void ram_free(Ram *ram)
{
    g_free(ram->r.below_4g);
    g_free(ram->r.above_4g);
    g_free(ram);
}

static uint64_t rd(Ram *ram, uint64_t addr, unsigned size)
{
    uint64_t v = 0;

    g_assert_cmpuint(addr + size, <=, ram->r.below_4g_size);
    memcpy(&v, ram->r.below_4g + addr, size);
    return v;
}

static void put(uint8_t *p, uint64_t v, unsigned size)
{
    memcpy(p, &v, size);
}

/* Walk the 4-level page tables from CR3 as the MMU does; returns the
 * physical address or UINT64_MAX when not mapped. */
static uint64_t walk(Ram *ram, uint64_t cr3, uint64_t va)
{
    uint64_t table = cr3 & ~0xfffULL;

    for (int level = 3; level >= 0; level--) {
        unsigned idx = (va >> (12 + 9 * level)) & 511;
        uint64_t e = rd(ram, table + idx * 8, 8);

        if (!(e & 1)) {
            return UINT64_MAX;
        }
        g_assert_true(e & 2);           /* writable */
        if (level > 0 && (e & 0x80)) {
            g_assert_cmpint(level, ==, 1);  /* only 2 MiB pages are used */
            uint64_t mask = (1ULL << (12 + 9 * level)) - 1;
            return (e & 0x000ffffffffff000ULL & ~mask) | (va & mask);
        }
        table = e & 0x000ffffffffff000ULL;
        if (level == 0) {
            return table | (va & 0xfff);
        }
    }
    return UINT64_MAX;
}

/* ------------------------------------------------------------------ */
/* A synthetic bzImage: the setup header of boot protocol 2.15 and a
 * patterned payload standing in for the compressed kernel. */

typedef struct BzOpts {
    unsigned setup_sects;       /* as stored (0 means 4) */
    uint16_t version;
    uint16_t xloadflags;
    uint32_t cmdline_size;
    uint64_t pref_address;
    uint32_t init_size;
    uint8_t relocatable;
    size_t payload;
} BzOpts;

static BzOpts bz_default(void)
{
    return (BzOpts) {
        .setup_sects = 0, .version = 0x20f, .xloadflags = 0x3,
        .cmdline_size = 2047, .pref_address = 0x1000000,
        .init_size = 0x400000, .relocatable = 1, .payload = 300000,
    };
}

static uint8_t *bz_make(const BzOpts *o, size_t *size)
{
    unsigned sects = o->setup_sects ? o->setup_sects : 4;
    size_t setup = (sects + 1) * 512;
    uint8_t *img = g_malloc0(setup + o->payload);

    for (size_t i = 0; i < setup; i++) {
        img[i] = 0x5a;          /* real-mode code: not loaded */
    }
    memset(img + 0x1f1, 0, 0x268 - 0x1f1);
    img[0x1f1] = o->setup_sects;
    put(img + 0x1f4, (o->payload + 15) / 16, 4);    /* syssize */
    put(img + 0x1fa, 0xffff, 2);                    /* vid_mode */
    put(img + 0x1fe, 0xaa55, 2);
    img[0x200] = 0xeb;                              /* jmp short */
    img[0x201] = 0x268 - 0x202;                     /* end of header */
    memcpy(img + 0x202, "HdrS", 4);
    put(img + 0x206, o->version, 2);
    put(img + 0x20e, 0x1234, 2);                    /* kernel_version */
    img[0x211] = 0x01;                              /* LOADED_HIGH */
    put(img + 0x214, 0x100000, 4);                  /* code32_start */
    put(img + 0x22c, 0x7fffffff, 4);                /* initrd_addr_max */
    put(img + 0x230, 0x200000, 4);                  /* kernel_alignment */
    img[0x234] = o->relocatable;
    img[0x235] = 21;                                /* min_alignment */
    put(img + 0x236, o->xloadflags, 2);
    put(img + 0x238, o->cmdline_size, 4);
    put(img + 0x258, o->pref_address, 8);
    put(img + 0x260, o->init_size, 4);
    for (size_t i = 0; i < o->payload; i++) {
        img[setup + i] = (uint8_t)(i * 7 + 1);
    }
    *size = setup + o->payload;
    return img;
}

static bool bz_load(Ram *ram, const BzOpts *o, const char *cmdline,
                    const uint8_t *initrd, size_t initrd_size,
                    X86BootState *st, GError **err)
{
    size_t size;
    uint8_t *img = bz_make(o, &size);
    bool ok = x86_load_kernel_image(&ram->r, "bz", img, size, "rd", initrd,
                                    initrd_size, cmdline, st, err);
    g_free(img);
    return ok;
}

static void check_long_mode(Ram *ram, const X86BootState *st)
{
    uint64_t gdt64;

    g_assert_cmphex(st->cr3, ==, X86_BOOT_PML4);
    g_assert_true(st->cr0 & X86_CR0_PE);
    g_assert_true(st->cr0 & X86_CR0_PG);
    g_assert_true(st->cr4 & X86_CR4_PAE);
    g_assert_cmphex(st->efer & (X86_EFER_LME | X86_EFER_LMA), ==,
                    X86_EFER_LME | X86_EFER_LMA);
    g_assert_cmphex(st->rflags, ==, 0x2);           /* IF clear */
    g_assert_cmphex(st->rsi, ==, X86_BOOT_ZERO_PAGE);
    g_assert_cmphex(st->cs.selector, ==, 0x10);
    g_assert_cmpuint(st->cs.l, ==, 1);
    g_assert_cmpuint(st->cs.db, ==, 0);
    g_assert_cmphex(st->ds.selector, ==, 0x18);
    g_assert_cmphex(st->gdt_base, ==, X86_BOOT_GDT_ADDR);
    g_assert_cmpuint(st->gdt_limit, ==, 31);

    /* The descriptors in memory agree with the cached segments. */
    g_assert_cmphex(rd(ram, X86_BOOT_GDT_ADDR, 8), ==, 0);
    gdt64 = rd(ram, X86_BOOT_GDT_ADDR + 0x10, 8);
    g_assert_cmphex((gdt64 >> 40) & 0xff, ==, 0x9b);  /* P, S, code, R, A */
    g_assert_cmphex((gdt64 >> 53) & 3, ==, 1);        /* L=1, D=0 */
    g_assert_cmphex(rd(ram, X86_BOOT_GDT_ADDR + 0x18, 8), ==,
                    0x00cf93000000ffffULL);           /* flat data */
    g_assert_cmphex(rd(ram, X86_BOOT_GDT_ADDR + 0x08, 8), ==,
                    0x00cf9b000000ffffULL);           /* flat 32-bit code */

    /* Identity map of the first 4 GiB, nothing above. */
    static const uint64_t probes[] = {
        0, 0x7000, 0x8fef, 0x1000200, 0x3ffffff, 0x40000000, 0xfec00000,
        0xfee00123, 0xffffffff,
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(probes); i++) {
        g_assert_cmphex(walk(ram, st->cr3, probes[i]), ==, probes[i]);
    }
    g_assert_cmphex(walk(ram, st->cr3, 0x100000000ULL), ==, UINT64_MAX);
    g_assert_cmphex(walk(ram, st->cr3, 0xffffffff81000000ULL), ==,
                    UINT64_MAX);
    g_assert_cmphex(st->rsp, ==, X86_BOOT_STACK_TOP);
}

static void test_bzimage_load(void)
{
    Ram *ram = ram_new(RAM_SIZE, HIGH_SIZE);
    BzOpts o = bz_default();
    X86BootState st;
    GError *err = NULL;
    size_t size, setup = 5 * 512;
    uint8_t *img = bz_make(&o, &size);
    uint8_t initrd[10000];
    const char *cmdline = "console=ttyS0 root=/dev/vda quiet";
    uint64_t zp = X86_BOOT_ZERO_PAGE, rd_start;

    for (size_t i = 0; i < sizeof(initrd); i++) {
        initrd[i] = (uint8_t)(i ^ 0x3c);
    }
    g_assert_true(x86_load_kernel_image(&ram->r, "bz", img, size, "rd",
                                        initrd, sizeof(initrd), cmdline,
                                        &st, &err));
    g_assert_no_error(err);
    check_long_mode(ram, &st);

    /* Protected-mode kernel at pref_address, entry +0x200. */
    g_assert_true(st.is_bzimage);
    g_assert_cmphex(st.boot_protocol, ==, 0x20f);
    g_assert_cmphex(st.kernel_start, ==, 0x1000000);
    g_assert_cmphex(st.rip, ==, 0x1000200);
    g_assert_cmpmem(ram->r.below_4g + 0x1000000, o.payload, img + setup,
                    o.payload);
    /* The rest of init_size is cleared; the byte after it is untouched. */
    g_assert_cmphex(rd(ram, 0x1000000 + o.payload, 1), ==, 0);
    g_assert_cmphex(rd(ram, 0x1000000 + 0x400000 - 1, 1), ==, 0);
    g_assert_cmphex(rd(ram, 0x1000000 + 0x400000, 1), ==, 0xcc);
    g_assert_cmphex(st.kernel_end, ==, 0x1400000);

    /* Zero page: the setup header copied, then the loader's fields. */
    g_assert_cmpmem(ram->r.below_4g + zp + 0x1f1, 0x210 - 0x1f1,
                    img + 0x1f1, 0x210 - 0x1f1);
    g_assert_cmpmem(ram->r.below_4g + zp + 0x22c, 0x268 - 0x22c,
                    img + 0x22c, 0x268 - 0x22c);
    g_assert_cmphex(rd(ram, zp + 0x202, 4), ==, 0x53726448);   /* HdrS */
    g_assert_cmphex(rd(ram, zp + 0x1ef, 1), ==, 0);    /* sentinel */
    g_assert_cmphex(rd(ram, zp + 0x210, 1), ==, 0xff); /* type_of_loader */
    g_assert_cmphex(rd(ram, zp + 0x211, 1) & 0x81, ==, 0x81);
    g_assert_cmphex(rd(ram, zp + 0x224, 2), ==, 0xde00);
    g_assert_cmphex(rd(ram, zp + 0x228, 4), ==, X86_BOOT_CMDLINE);
    g_assert_cmphex(rd(ram, zp + 0x0c8, 4), ==, 0);
    g_assert_cmpstr((const char *)ram->r.below_4g + X86_BOOT_CMDLINE, ==,
                    cmdline);
    g_assert_cmphex(rd(ram, zp + 0x290, 8), ==, 0);    /* past the header */

    /* initrd: as high as possible below RAM's top, page aligned. */
    rd_start = (RAM_SIZE - sizeof(initrd)) & ~0xfffULL;
    g_assert_cmphex(st.initrd_start, ==, rd_start);
    g_assert_cmphex(rd(ram, zp + 0x218, 4), ==, rd_start);
    g_assert_cmphex(rd(ram, zp + 0x21c, 4), ==, sizeof(initrd));
    g_assert_cmphex(rd(ram, zp + 0x0c0, 4), ==, 0);
    g_assert_cmphex(rd(ram, zp + 0x0c4, 4), ==, 0);
    g_assert_cmpmem(ram->r.below_4g + rd_start, sizeof(initrd), initrd,
                    sizeof(initrd));

    /* e820 from the RAM layout. */
    static const X86E820Entry want[] = {
        { 0, 0x9fc00, 1 },
        { 0x9fc00, 0x400, 2 },
        { 0xf0000, 0x10000, 2 },
        { 0x100000, RAM_SIZE - 0x100000, 1 },
        { 0x100000000ULL, HIGH_SIZE, 1 },
    };
    g_assert_cmpuint(rd(ram, zp + 0x1e8, 1), ==, G_N_ELEMENTS(want));
    g_assert_cmpuint(st.e820_entries, ==, G_N_ELEMENTS(want));
    for (unsigned i = 0; i < G_N_ELEMENTS(want); i++) {
        uint64_t e = zp + 0x2d0 + i * 20;
        g_assert_cmphex(rd(ram, e, 8), ==, want[i].addr);
        g_assert_cmphex(rd(ram, e + 8, 8), ==, want[i].size);
        g_assert_cmphex(rd(ram, e + 16, 4), ==, want[i].type);
    }
    g_free(img);
    ram_free(ram);
}

/* initrd_addr_max below RAM's top caps the initrd; no initrd leaves the
 * fields zero; an empty command line is an empty string. */
static void test_bzimage_initrd_max(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    BzOpts o = bz_default();
    X86BootState st;
    GError *err = NULL;
    size_t size;
    uint8_t *img = bz_make(&o, &size);
    uint8_t initrd[5000] = { 1, 2, 3 };

    put(img + 0x22c, 0x2ffffff, 4);     /* initrd_addr_max: 48 MiB - 1 */
    g_assert_true(x86_load_kernel_image(&ram->r, "bz", img, size, "rd",
                                        initrd, sizeof(initrd), NULL, &st,
                                        &err));
    g_assert_no_error(err);
    g_assert_cmphex(st.initrd_start, ==, (0x3000000 - 5000) & ~0xfffULL);
    g_assert_cmphex(st.initrd_start + st.initrd_size, <=, 0x3000000);
    g_assert_cmpstr((const char *)ram->r.below_4g + X86_BOOT_CMDLINE, ==,
                    "");
    /* Without above-4G RAM there are 4 e820 entries. */
    g_assert_cmpuint(rd(ram, X86_BOOT_ZERO_PAGE + 0x1e8, 1), ==, 4);

    g_assert_true(x86_load_kernel_image(&ram->r, "bz", img, size, NULL,
                                        NULL, 0, "x", &st, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(st.initrd_size, ==, 0);
    g_assert_cmphex(rd(ram, X86_BOOT_ZERO_PAGE + 0x218, 8), ==, 0);
    g_free(img);
    ram_free(ram);
}

/* A relocatable kernel whose pref_address does not fit goes to the first
 * aligned address above 1 MiB; a non-relocatable one is refused. */
static void test_bzimage_relocate(void)
{
    Ram *ram = ram_new(16 * MiB, 0);
    BzOpts o = bz_default();
    X86BootState st;
    GError *err = NULL;

    g_assert_true(bz_load(ram, &o, "", NULL, 0, &st, &err));
    g_assert_no_error(err);
    g_assert_cmphex(st.kernel_start, ==, 0x200000);
    g_assert_cmphex(st.rip, ==, 0x200200);
    g_assert_cmphex(rd(ram, 0x200000, 1), ==, 1);

    o.relocatable = 0;
    g_assert_false(bz_load(ram, &o, "", NULL, 0, &st, &err));
    g_assert_nonnull(strstr(err->message, "not relocatable"));
    g_assert_nonnull(strstr(err->message, "-m"));
    g_clear_error(&err);

    /* Too big for the RAM wherever it goes. */
    o = bz_default();
    o.init_size = 15 * MiB;
    g_assert_false(bz_load(ram, &o, "", NULL, 0, &st, &err));
    g_assert_nonnull(strstr(err->message, "the kernel needs 15 MiB"));
    g_clear_error(&err);
    ram_free(ram);
}

static void expect_bz_error(BzOpts o, const char *cmdline, size_t cut,
                            const char *msg)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    X86BootState st;
    GError *err = NULL;
    size_t size;
    uint8_t *img = bz_make(&o, &size);

    g_assert_false(x86_load_kernel_image(&ram->r, "vmlinuz", img, size - cut,
                                         NULL, NULL, 0, cmdline, &st, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, msg) || strncmp(err->message, "vmlinuz: ", 9)) {
        g_error("error '%s' does not start with 'vmlinuz: ' or lacks '%s'",
                err->message, msg);
    }
    g_error_free(err);
    /* Nothing was loaded: the kernel area is untouched. */
    g_assert_cmphex(rd(ram, 0x1000000, 8), ==, 0xccccccccccccccccULL);
    g_free(img);
    ram_free(ram);
}

static void test_bzimage_errors(void)
{
    BzOpts o = bz_default();
    char *longcmd;

    o.version = 0x20b;
    expect_bz_error(o, "", 0, "boot protocol 2.11 is too old");
    o = bz_default();
    o.xloadflags = 0x2;
    expect_bz_error(o, "", 0, "XLF_KERNEL_64");
    o = bz_default();
    expect_bz_error(o, "", 100, "truncated");
    /* The whole payload missing: the file ends in the setup code. */
    expect_bz_error(o, "", o.payload + 1, "truncated");

    /* cmdline_size counts the bytes without the NUL. */
    o.cmdline_size = 16;
    expect_bz_error(o, "12345678901234567", 0,
                    "command line is 17 bytes, the kernel accepts at most 16");
    {
        Ram *ram = ram_new(RAM_SIZE, 0);
        X86BootState st;
        GError *err = NULL;
        g_assert_true(bz_load(ram, &o, "1234567890123456", NULL, 0, &st,
                              &err));
        g_assert_no_error(err);
        ram_free(ram);
    }
    /* A kernel allowing more still stops at tern's 64 KiB area. */
    o.cmdline_size = 0x100000;
    longcmd = g_strnfill(X86_BOOT_CMDLINE_MAX, 'a');
    expect_bz_error(o, longcmd, 0, "at most 65535");
    g_free(longcmd);
}

static void test_bad_magic(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    X86BootState st;
    GError *err = NULL;
    uint8_t junk[4096];

    memset(junk, 0x90, sizeof(junk));
    g_assert_false(x86_load_kernel_image(&ram->r, "junk.bin", junk,
                                         sizeof(junk), NULL, NULL, 0, "",
                                         &st, &err));
    g_assert_cmpstr(err->message, ==, "junk.bin: not a Linux bzImage (no "
                    "HdrS signature) nor an ELF64 image");
    g_clear_error(&err);
    /* Too short to hold a header at all. */
    g_assert_false(x86_load_kernel_image(&ram->r, "junk.bin", junk, 10,
                                         NULL, NULL, 0, "", &st, &err));
    g_assert_nonnull(strstr(err->message, "no HdrS signature"));
    g_clear_error(&err);
    ram_free(ram);
}

static void test_initrd_too_big(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    BzOpts o = bz_default();
    X86BootState st;
    GError *err = NULL;
    /* Fits in RAM but not between the kernel's end (20 MiB) and 64 MiB. */
    size_t big = 50 * MiB;
    uint8_t *initrd = g_malloc0(big);

    g_assert_false(bz_load(ram, &o, "", initrd, big, &st, &err));
    g_assert_nonnull(strstr(err->message, "rd: the initrd (52428800 bytes) "
                            "does not fit"));
    g_clear_error(&err);
    g_free(initrd);

    /* Larger than RAM itself. */
    big = RAM_SIZE + 1;
    initrd = g_malloc0(big);
    g_assert_false(bz_load(ram, &o, "", initrd, big, &st, &err));
    g_assert_nonnull(strstr(err->message, "larger than guest RAM"));
    g_clear_error(&err);
    g_free(initrd);
    ram_free(ram);
}

static void test_ram_too_small(void)
{
    Ram *ram = ram_new(1 * MiB, 0);
    BzOpts o = bz_default();
    X86BootState st;
    GError *err = NULL;

    o.payload = 4096;
    o.init_size = 4096;
    g_assert_false(bz_load(ram, &o, "", NULL, 0, &st, &err));
    g_assert_nonnull(err);
    g_clear_error(&err);
    ram_free(ram);
}

static void test_missing_file(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    X86BootState st;
    GError *err = NULL;

    g_assert_false(x86_load_kernel(&ram->r, "/nonexistent/vmlinuz", NULL,
                                   "", &st, &err));
    g_assert_nonnull(strstr(err->message, "-kernel /nonexistent/vmlinuz"));
    g_clear_error(&err);
    ram_free(ram);
}

/* The same through files, with an initrd file that does not exist. */
static void test_files(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    BzOpts o = bz_default();
    X86BootState st;
    GError *err = NULL;
    size_t size;
    uint8_t *img = bz_make(&o, &size);
    char *dir = g_dir_make_tmp("tern-x86-boot-XXXXXX", NULL);
    char *kpath = g_build_filename(dir, "bzImage", NULL);
    char *ipath = g_build_filename(dir, "initrd", NULL);

    g_assert_true(g_file_set_contents(kpath, (char *)img, size, NULL));
    g_assert_false(x86_load_kernel(&ram->r, kpath, ipath, "", &st, &err));
    g_assert_nonnull(strstr(err->message, "-initrd "));
    g_clear_error(&err);
    g_assert_true(g_file_set_contents(ipath, "0123456789", 10, NULL));
    g_assert_true(x86_load_kernel(&ram->r, kpath, ipath, "a=b", &st, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(st.initrd_size, ==, 10);
    g_assert_cmpmem(ram->r.below_4g + st.initrd_start, 10, "0123456789", 10);
    g_assert_cmphex(st.rip, ==, 0x1000200);
    remove(kpath);
    remove(ipath);
    remove(dir);
    g_free(kpath);
    g_free(ipath);
    g_free(dir);
    g_free(img);
    ram_free(ram);
}

/* ------------------------------------------------------------------ */
/* ELF64 */

#define ELF_NPH 3

typedef struct ElfImg {
    uint8_t buf[0x1000];
    Elf64_Ehdr *eh;
    Elf64_Phdr *ph;
} ElfImg;

/* Text at virtual 0xffffffff80200000 / physical 2 MiB (100 bytes), data
 * at 3 MiB (50 bytes + bss to 4 KiB), a PT_NOTE; entry text + 0x10. */
static void elf_make(ElfImg *e)
{
    memset(e->buf, 0, sizeof(e->buf));
    e->eh = (Elf64_Ehdr *)e->buf;
    e->ph = (Elf64_Phdr *)(e->buf + sizeof(Elf64_Ehdr));
    memcpy(e->eh->e_ident, ELFMAG, SELFMAG);
    e->eh->e_ident[EI_CLASS] = ELFCLASS64;
    e->eh->e_ident[EI_DATA] = ELFDATA2LSB;
    e->eh->e_ident[EI_VERSION] = EV_CURRENT;
    e->eh->e_type = ET_EXEC;
    e->eh->e_machine = EM_X86_64;
    e->eh->e_version = EV_CURRENT;
    e->eh->e_entry = 0xffffffff80200010ULL;
    e->eh->e_phoff = sizeof(Elf64_Ehdr);
    e->eh->e_ehsize = sizeof(Elf64_Ehdr);
    e->eh->e_phentsize = sizeof(Elf64_Phdr);
    e->eh->e_phnum = ELF_NPH;
    e->ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
        .p_offset = 0x400, .p_vaddr = 0xffffffff80200000ULL,
        .p_paddr = 0x200000, .p_filesz = 100, .p_memsz = 100 };
    e->ph[1] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = 0x300,
        .p_filesz = 16, .p_memsz = 0 };
    e->ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
        .p_offset = 0x800, .p_vaddr = 0x300000, .p_paddr = 0x300000,
        .p_filesz = 50, .p_memsz = 4096 };
    for (unsigned i = 0; i < 100; i++) {
        e->buf[0x400 + i] = 0xa0 + i;
    }
    for (unsigned i = 0; i < 50; i++) {
        e->buf[0x800 + i] = 0x10 + i;
    }
}

static void test_elf_load(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    ElfImg e;
    X86BootState st;
    GError *err = NULL;
    uint8_t initrd[3] = { 7, 8, 9 };

    elf_make(&e);
    g_assert_true(x86_load_kernel_image(&ram->r, "kernel.elf", e.buf,
                                        sizeof(e.buf), "rd", initrd, 3,
                                        "hello", &st, &err));
    g_assert_no_error(err);
    check_long_mode(ram, &st);
    g_assert_false(st.is_bzimage);
    g_assert_cmphex(st.rip, ==, 0x200010);
    g_assert_cmpmem(ram->r.below_4g + 0x200000, 100, e.buf + 0x400, 100);
    g_assert_cmphex(rd(ram, 0x200000 + 100, 1), ==, 0xcc);
    g_assert_cmpmem(ram->r.below_4g + 0x300000, 50, e.buf + 0x800, 50);
    for (unsigned i = 50; i < 4096; i++) {
        g_assert_cmphex(ram->r.below_4g[0x300000 + i], ==, 0);   /* bss */
    }
    g_assert_cmphex(rd(ram, 0x301000, 1), ==, 0xcc);
    g_assert_cmphex(st.kernel_start, ==, 0x200000);
    g_assert_cmphex(st.kernel_end, ==, 0x301000);
    /* The zero page carries the command line, initrd and e820 too. */
    g_assert_cmphex(rd(ram, X86_BOOT_ZERO_PAGE + 0x228, 4), ==,
                    X86_BOOT_CMDLINE);
    g_assert_cmpstr((char *)ram->r.below_4g + X86_BOOT_CMDLINE, ==, "hello");
    g_assert_cmphex(rd(ram, X86_BOOT_ZERO_PAGE + 0x218, 4), ==,
                    st.initrd_start);
    g_assert_cmpmem(ram->r.below_4g + st.initrd_start, 3, initrd, 3);
    g_assert_cmpuint(rd(ram, X86_BOOT_ZERO_PAGE + 0x1e8, 1), ==, 4);
    ram_free(ram);
}

static void expect_elf_error(ElfImg *e, size_t size, const char *msg)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    X86BootState st;
    GError *err = NULL;

    g_assert_false(x86_load_kernel_image(&ram->r, "kernel.elf", e->buf,
                                         size, NULL, NULL, 0, "", &st,
                                         &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, msg) ||
        strncmp(err->message, "kernel.elf: ", 12)) {
        g_error("error '%s' does not start with 'kernel.elf: ' or lacks "
                "'%s'", err->message, msg);
    }
    g_error_free(err);
    /* Nothing was written: not even the page tables. */
    g_assert_cmphex(rd(ram, 0x200000, 8), ==, 0xccccccccccccccccULL);
    g_assert_cmphex(rd(ram, X86_BOOT_PML4, 8), ==, 0xccccccccccccccccULL);
    ram_free(ram);
}

static void test_elf_errors(void)
{
    ElfImg e;

    elf_make(&e);
    expect_elf_error(&e, 0x830, "program header 2 extends past the end of "
                     "the file");
    expect_elf_error(&e, 40, "truncated");
    expect_elf_error(&e, sizeof(Elf64_Ehdr) + 10, "program headers (3 at "
                     "offset 64) extend past the end of the file");
    elf_make(&e);
    e.eh->e_ident[EI_CLASS] = ELFCLASS32;
    expect_elf_error(&e, sizeof(e.buf), "not an ELF64 image");
    elf_make(&e);
    e.eh->e_machine = EM_AARCH64;
    expect_elf_error(&e, sizeof(e.buf), "is not x86-64");
    elf_make(&e);
    e.eh->e_type = ET_DYN;
    expect_elf_error(&e, sizeof(e.buf), "not an executable");
    elf_make(&e);
    e.eh->e_phentsize = 40;
    expect_elf_error(&e, sizeof(e.buf), "program header size 40");
    elf_make(&e);
    e.eh->e_phoff = UINT64_MAX - 8;
    expect_elf_error(&e, sizeof(e.buf), "extend past the end of the file");
    elf_make(&e);
    e.ph[0].p_offset = UINT64_MAX - 10;
    expect_elf_error(&e, sizeof(e.buf), "program header 0 extends past");
    elf_make(&e);
    e.ph[2].p_filesz = 5000;
    e.ph[2].p_offset = 0;
    expect_elf_error(&e, sizeof(e.buf), "program header 2 extends past");
    elf_make(&e);
    e.ph[2].p_filesz = 4097;
    e.ph[2].p_offset = 0;
    e.ph[2].p_memsz = 4096;
    expect_elf_error(&e, sizeof(e.buf), "past the end");
    elf_make(&e);
    e.ph[2].p_filesz = 60;
    e.ph[2].p_memsz = 50;
    expect_elf_error(&e, sizeof(e.buf), "larger than its memory size");
    elf_make(&e);
    e.ph[2].p_paddr = RAM_SIZE - 100;
    expect_elf_error(&e, sizeof(e.buf), "segment 2 (0x3ffff9c, 4096 bytes) "
                     "is outside guest RAM");
    elf_make(&e);
    e.ph[2].p_paddr = UINT64_MAX - 100;
    expect_elf_error(&e, sizeof(e.buf), "outside guest RAM");
    elf_make(&e);
    e.ph[0].p_paddr = 0x8000;
    expect_elf_error(&e, sizeof(e.buf), "below 1 MiB");
    elf_make(&e);
    e.eh->e_entry = 0x400000;
    expect_elf_error(&e, sizeof(e.buf), "entry point 0x400000 is not inside");
}

/* ------------------------------------------------------------------ */
/* MP table, read back the way Linux finds it */

typedef struct MPParsed {
    unsigned cpus, bsp_count, buses, ioapics, lints;
    uint8_t apic_ids[256];
    uint8_t ioapic_id;
    uint32_t ioapic_addr;
    int pin_of_irq[32];         /* INT entries: source IRQ -> pin, or -1 */
    uint16_t flags_of_irq[32];
    int extint_pin;
    bool lint_extint, lint_nmi;
} MPParsed;

static uint8_t sum8(const uint8_t *p, size_t len)
{
    uint8_t s = 0;
    while (len--) {
        s += *p++;
    }
    return s;
}

static void mp_parse(Ram *ram, MPParsed *m)
{
    const uint8_t *r = ram->r.below_4g, *fp = NULL, *t, *e;
    uint32_t len;

    memset(m, 0, sizeof(*m));
    m->extint_pin = -1;
    for (unsigned i = 0; i < 32; i++) {
        m->pin_of_irq[i] = -1;
    }
    for (uint64_t a = 0xf0000; a < 0x100000; a += 16) {
        if (!memcmp(r + a, "_MP_", 4) && sum8(r + a, 16) == 0) {
            fp = r + a;
            break;
        }
    }
    g_assert_nonnull(fp);
    g_assert_cmpuint(fp[8], ==, 1);
    g_assert_cmpuint(fp[9], ==, 4);
    g_assert_cmpuint(fp[11], ==, 0);        /* a table, not a default config */
    t = r + rd(ram, fp - r + 4, 4);
    g_assert_cmpmem(t, 4, "PCMP", 4);
    len = rd(ram, t - r + 4, 2);
    g_assert_cmpuint(sum8(t, len), ==, 0);
    g_assert_cmpuint(t[6], ==, 4);
    g_assert_cmphex(rd(ram, t - r + 36, 4), ==, 0xfee00000);
    e = t + 44;
    for (unsigned n = rd(ram, t - r + 34, 2); n; n--) {
        g_assert_cmpuint(e - t, <, len);
        switch (e[0]) {
        case 0:
            g_assert_true(e[3] & 1);
            m->apic_ids[m->cpus++] = e[1];
            m->bsp_count += (e[3] & 2) != 0;
            if (e[3] & 2) {
                g_assert_cmpuint(e[1], ==, 0);
            }
            e += 20;
            break;
        case 1:
            g_assert_cmpmem(e + 2, 6, "ISA   ", 6);
            m->buses++;
            e += 8;
            break;
        case 2:
            g_assert_true(e[3] & 1);
            m->ioapics++;
            m->ioapic_id = e[1];
            m->ioapic_addr = rd(ram, e - r + 4, 4);
            e += 8;
            break;
        case 3:
            g_assert_cmpuint(e[4], ==, 0);  /* bus ISA */
            g_assert_cmpuint(e[6], ==, m->ioapic_id);
            if (e[1] == 3) {
                m->extint_pin = e[7];
            } else {
                g_assert_cmpuint(e[1], ==, 0);
                g_assert_cmpint(m->pin_of_irq[e[5]], ==, -1);
                m->pin_of_irq[e[5]] = e[7];
                m->flags_of_irq[e[5]] = rd(ram, e - r + 2, 2);
            }
            e += 8;
            break;
        case 4:
            g_assert_cmpuint(e[6], ==, 0xff);
            m->lint_extint |= e[1] == 3 && e[7] == 0;
            m->lint_nmi |= e[1] == 1 && e[7] == 1;
            m->lints++;
            e += 8;
            break;
        default:
            g_error("unknown MP entry type %u", e[0]);
        }
    }
    g_assert_cmpuint(e - t, ==, len);
}

static void test_mptable(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    static const X86MPIrq extra[] = { { 16, true }, { 17, false }, { 5, true } };
    X86MPConfig cfg = { .ncpus = 4, .irq0_pin = 2, .extra = extra,
                        .n_extra = G_N_ELEMENTS(extra) };
    GError *err = NULL;
    MPParsed m;

    g_assert_true(x86_write_mptable(&ram->r, &cfg, &err));
    g_assert_no_error(err);
    mp_parse(ram, &m);
    g_assert_cmpuint(m.cpus, ==, 4);
    for (unsigned i = 0; i < 4; i++) {
        g_assert_cmpuint(m.apic_ids[i], ==, i);
    }
    g_assert_cmpuint(m.bsp_count, ==, 1);
    g_assert_cmpuint(m.buses, ==, 1);
    g_assert_cmpuint(m.ioapics, ==, 1);
    g_assert_cmpuint(m.ioapic_id, ==, 4);
    g_assert_cmphex(m.ioapic_addr, ==, 0xfec00000);
    /* PC wiring: IRQ 0 on pin 2, the 8259 on pin 0, no IRQ 2. */
    g_assert_cmpint(m.pin_of_irq[0], ==, 2);
    g_assert_cmpint(m.extint_pin, ==, 0);
    g_assert_cmpint(m.pin_of_irq[2], ==, -1);
    for (unsigned irq = 1; irq < 16; irq++) {
        if (irq != 2) {
            g_assert_cmpint(m.pin_of_irq[irq], ==, irq);
        }
    }
    g_assert_cmphex(m.flags_of_irq[4], ==, 0);          /* ISA default */
    g_assert_cmphex(m.flags_of_irq[5], ==, 0xd);        /* level, high */
    g_assert_cmpint(m.pin_of_irq[16], ==, 16);
    g_assert_cmphex(m.flags_of_irq[16], ==, 0xd);
    g_assert_cmpint(m.pin_of_irq[17], ==, 17);
    g_assert_cmphex(m.flags_of_irq[17], ==, 0x5);       /* edge, high */
    g_assert_cmpint(m.pin_of_irq[18], ==, -1);
    g_assert_true(m.lint_extint);
    g_assert_true(m.lint_nmi);
    g_assert_cmpuint(m.lints, ==, 2);

    /* KVM's default routing: IRQ 0 on pin 0, no ExtINT on the IOAPIC;
     * the largest machine fits in the BIOS area. */
    cfg = (X86MPConfig){ .ncpus = X86_MPTABLE_MAX_CPUS, .irq0_pin = 0 };
    g_assert_true(x86_write_mptable(&ram->r, &cfg, &err));
    mp_parse(ram, &m);
    g_assert_cmpuint(m.cpus, ==, X86_MPTABLE_MAX_CPUS);
    g_assert_cmpuint(m.apic_ids[253], ==, 253);
    g_assert_cmpuint(m.ioapic_id, ==, 254);
    g_assert_cmpint(m.extint_pin, ==, -1);
    for (unsigned irq = 0; irq < 16; irq++) {
        g_assert_cmpint(m.pin_of_irq[irq], ==, irq);
    }
    ram_free(ram);
}

static void test_mptable_errors(void)
{
    Ram *ram = ram_new(RAM_SIZE, 0);
    X86MPIrq bad = { 24, true };
    X86MPConfig cfg = { .ncpus = 0, .irq0_pin = 2 };
    GError *err = NULL;

    g_assert_false(x86_write_mptable(&ram->r, &cfg, &err));
    g_assert_nonnull(strstr(err->message, "-smp 0"));
    g_clear_error(&err);
    cfg.ncpus = 255;
    g_assert_false(x86_write_mptable(&ram->r, &cfg, &err));
    g_clear_error(&err);
    cfg.ncpus = 1;
    cfg.irq0_pin = 1;
    g_assert_false(x86_write_mptable(&ram->r, &cfg, &err));
    g_clear_error(&err);
    cfg.irq0_pin = 2;
    cfg.extra = &bad;
    cfg.n_extra = 1;
    g_assert_false(x86_write_mptable(&ram->r, &cfg, &err));
    g_assert_nonnull(strstr(err->message, "interrupt line 24"));
    g_clear_error(&err);
    /* Nothing written on failure. */
    g_assert_cmphex(rd(ram, 0xf0000, 8), ==, 0xccccccccccccccccULL);
    ram_free(ram);
}

/* ------------------------------------------------------------------ */
/* Debian's kernel, when scripts/fetch-amd64-kernel.sh has fetched it. */

static void test_debian_bzimage(void)
{
    const char *build = g_getenv("BUILD") ? g_getenv("BUILD") : "build";
    char *path = g_build_filename(build, "amd64-kernel", "vmlinuz", NULL);
    Ram *ram;
    X86BootState st;
    GError *err = NULL;
    gchar *img;
    gsize size;
    uint16_t xlf;

    if (!g_file_get_contents(path, &img, &size, NULL)) {
        char *why = g_strdup_printf("%s not fetched (run "
                                    "scripts/fetch-amd64-kernel.sh)", path);
        g_test_skip(why);
        g_free(why);
        g_free(path);
        return;
    }
    ram = ram_new(128 * MiB, 0);
    g_assert_true(x86_load_kernel_image(&ram->r, path, (uint8_t *)img, size,
                                        NULL, NULL, 0, "console=ttyS0", &st,
                                        &err));
    g_assert_no_error(err);
    g_test_message("%s: protocol %x, load 0x%" G_GINT64_MODIFIER "x, "
                   "init_size %" G_GUINT64_FORMAT " KiB", path,
                   st.boot_protocol, st.kernel_start,
                   (st.kernel_end - st.kernel_start) / 1024);
    g_assert_true(st.is_bzimage);
    g_assert_cmphex(st.boot_protocol, >=, 0x20f);
    xlf = rd(ram, X86_BOOT_ZERO_PAGE + 0x236, 2);
    g_assert_true(xlf & 1);
    /* Debian's x86-64 kernels prefer 16 MiB with 2 MiB alignment. */
    g_assert_cmphex(st.kernel_start, ==, 0x1000000);
    g_assert_cmphex(st.rip, ==, 0x1000200);
    g_assert_cmphex(st.kernel_end - st.kernel_start, >, size / 2);
    /* The payload is the compressed kernel, loaded byte for byte. */
    {
        unsigned sects = (uint8_t)img[0x1f1] ? (uint8_t)img[0x1f1] : 4;
        size_t setup = (sects + 1) * 512;
        g_assert_cmpmem(ram->r.below_4g + 0x1000000, 4096, img + setup,
                        4096);
    }
    check_long_mode(ram, &st);
    ram_free(ram);
    g_free(img);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86-boot/bzimage/load", test_bzimage_load);
    g_test_add_func("/x86-boot/bzimage/initrd-max", test_bzimage_initrd_max);
    g_test_add_func("/x86-boot/bzimage/relocate", test_bzimage_relocate);
    g_test_add_func("/x86-boot/bzimage/errors", test_bzimage_errors);
    g_test_add_func("/x86-boot/bzimage/initrd-too-big", test_initrd_too_big);
    g_test_add_func("/x86-boot/bzimage/ram-too-small", test_ram_too_small);
    g_test_add_func("/x86-boot/bad-magic", test_bad_magic);
    g_test_add_func("/x86-boot/missing-file", test_missing_file);
    g_test_add_func("/x86-boot/files", test_files);
    g_test_add_func("/x86-boot/elf/load", test_elf_load);
    g_test_add_func("/x86-boot/elf/errors", test_elf_errors);
    g_test_add_func("/x86-boot/mptable", test_mptable);
    g_test_add_func("/x86-boot/mptable-errors", test_mptable_errors);
    g_test_add_func("/x86-boot/debian-bzimage", test_debian_bzimage);
    return g_test_run();
}
