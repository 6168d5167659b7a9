/*
 * Loading an AArch64 ELF program into the guest address space, the way
 * Linux's binfmt_elf does it for arm64:
 *
 *   1. the stack: stack_size bytes just below the top of the guest
 *      space; mmap placement starts below it (with a gap);
 *   2. the program's PT_LOAD segments: ET_EXEC at their addresses, ET_DYN
 *      (PIE) at ET_DYN_BASE; the brk starts after the highest segment;
 *   3. PT_INTERP (the dynamic linker), looked up inside the sysroot (-L),
 *      placed top-down like any mmap;
 *   4. the initial stack: argc, argv[], envp[], auxv[] and the strings,
 *      16-byte aligned (see create_stack below for the layout).
 *
 * Every header field is checked before use: a truncated or corrupt file
 * is a one-line error naming the file, never a crash.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec/cpu-common.h"
#include "linux-user/user-internal.h"

#ifndef EM_AARCH64
#define EM_AARCH64 183
#endif
#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

/* Where a PIE main program goes (a 40-bit analogue of arm64's 2/3 point). */
#define ET_DYN_BASE        0x5500000000ull
/* Gap between the stack and the first mmap (Linux: at least 128 MiB). */
#define MMAP_STACK_GAP     (128ull << 20)
/* The largest program header table we accept. */
#define MAX_PHNUM          512

/* arm64 MINSIGSTKSZ: what AT_MINSIGSTKSZ reports. */
#define T_MINSIGSTKSZ      5120

/* HWCAP bits, from Linux's arch/arm64 uapi hwcap.h. */
#define HWCAP_FP        (1ull << 0)
#define HWCAP_ASIMD     (1ull << 1)
#define HWCAP_AES       (1ull << 3)
#define HWCAP_PMULL     (1ull << 4)
#define HWCAP_SHA1      (1ull << 5)
#define HWCAP_SHA2      (1ull << 6)
#define HWCAP_CRC32     (1ull << 7)
#define HWCAP_ATOMICS   (1ull << 8)
#define HWCAP_FPHP      (1ull << 9)
#define HWCAP_ASIMDHP   (1ull << 10)
#define HWCAP_CPUID     (1ull << 11)
#define HWCAP_ASIMDRDM  (1ull << 12)
#define HWCAP_JSCVT     (1ull << 13)
#define HWCAP_FCMA      (1ull << 14)
#define HWCAP_LRCPC     (1ull << 15)
#define HWCAP_DCPOP     (1ull << 16)
#define HWCAP_SHA3      (1ull << 17)
#define HWCAP_ASIMDDP   (1ull << 20)
#define HWCAP_SHA512    (1ull << 21)
#define HWCAP_FLAGM     (1ull << 27)
#define HWCAP_PACA      (1ull << 30)
#define HWCAP_PACG      (1ull << 31)
#define HWCAP2_FLAGM2   (1ull << 7)
#define HWCAP2_FRINT    (1ull << 8)
#define HWCAP2_BTI      (1ull << 17)

UserConfig user_config;
ImageInfo image_info;

uint64_t arm_model_hwcap(const ARMCPUModel *m)
{
    static const struct { int feature; uint64_t bits; } map[] = {
        { ARM_FEATURE_FP, HWCAP_FP },
        { ARM_FEATURE_ASIMD, HWCAP_ASIMD },
        { ARM_FEATURE_AES, HWCAP_AES },
        { ARM_FEATURE_PMULL, HWCAP_PMULL },
        { ARM_FEATURE_SHA1, HWCAP_SHA1 },
        { ARM_FEATURE_SHA256, HWCAP_SHA2 },
        { ARM_FEATURE_SHA512, HWCAP_SHA512 },
        { ARM_FEATURE_SHA3, HWCAP_SHA3 },
        { ARM_FEATURE_CRC32, HWCAP_CRC32 },
        { ARM_FEATURE_ATOMICS, HWCAP_ATOMICS },
        { ARM_FEATURE_FPHP, HWCAP_FPHP },
        { ARM_FEATURE_ASIMDHP, HWCAP_ASIMDHP },
        { ARM_FEATURE_CPUID, HWCAP_CPUID },
        { ARM_FEATURE_ASIMDRDM, HWCAP_ASIMDRDM },
        { ARM_FEATURE_JSCVT, HWCAP_JSCVT },
        { ARM_FEATURE_FCMA, HWCAP_FCMA },
        { ARM_FEATURE_LRCPC, HWCAP_LRCPC },
        { ARM_FEATURE_DCPOP, HWCAP_DCPOP },
        { ARM_FEATURE_ASIMDDP, HWCAP_ASIMDDP },
        { ARM_FEATURE_FLAGM, HWCAP_FLAGM },
        { ARM_FEATURE_PACA, HWCAP_PACA | HWCAP_PACG },
    };
    uint64_t h = 0;

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if ((m->features >> map[i].feature) & 1) {
            h |= map[i].bits;
        }
    }
    return h;
}

uint64_t arm_model_hwcap2(const ARMCPUModel *m)
{
    uint64_t h = 0;

    /* ARM_FEATURE_FLAGM is FlagM and FlagM2 (ID_AA64ISAR0.TS = 2). */
    if ((m->features >> ARM_FEATURE_FLAGM) & 1) {
        h |= HWCAP2_FLAGM2;
    }
    if ((m->features >> ARM_FEATURE_FRINT) & 1) {
        h |= HWCAP2_FRINT;
    }
    if ((m->features >> ARM_FEATURE_BTI) & 1) {
        h |= HWCAP2_BTI;
    }
    return h;
}

/* ------------------------------------------------------------------ */

typedef struct LoadError {
    char *buf;
    size_t len;
    int code;       /* exit status main() should use */
} LoadError;

static int fail(LoadError *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(LoadError *e, int code, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(e->buf, e->len, fmt, ap);
    va_end(ap);
    e->code = code;
    return -1;
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case 3: return "i386";
    case 8: return "MIPS";
    case 20: return "PowerPC";
    case 21: return "PowerPC64";
    case 22: return "s390";
    case 40: return "32-bit ARM";
    case 43: return "SPARC v9";
    case 62: return "x86-64";
    case 183: return "AArch64";
    case 243: return "RISC-V";
    case 258: return "LoongArch";
    default: return "an unknown machine";
    }
}

/* Read exactly len bytes at off; false if the file is shorter. */
static bool read_at(int fd, void *buf, size_t len, off_t off)
{
    ssize_t n = pread(fd, buf, len, off);
    return n >= 0 && (size_t)n == len;
}

static int prot_of(uint32_t pflags)
{
    return (pflags & PF_R ? PAGE_READ : 0) | (pflags & PF_W ? PAGE_WRITE : 0) |
           (pflags & PF_X ? PAGE_EXEC : 0);
}

typedef struct LoadedElf {
    uint64_t bias, entry, phdr, phnum, lo, hi, brk;
    uint64_t start_code, end_code, start_data, end_data;
    bool exec_stack;
    bool bti;               /* executable segments were mapped PROT_BTI */
    char interp[4096];      /* PT_INTERP, "" if none */
} LoadedElf;

#ifndef GNU_PROPERTY_AARCH64_FEATURE_1_AND
#define GNU_PROPERTY_AARCH64_FEATURE_1_AND  0xc0000000u
#endif
#ifndef GNU_PROPERTY_AARCH64_FEATURE_1_BTI
#define GNU_PROPERTY_AARCH64_FEATURE_1_BTI  1u
#endif
#define GNU_PROPERTY_MAX_SIZE               1024    /* as Linux reads it */

/*
 * The PT_GNU_PROPERTY note: one NT_GNU_PROPERTY_TYPE_0 note named "GNU"
 * whose descriptor is a list of {pr_type, pr_datasz, data} entries,
 * each 8-byte aligned, in increasing pr_type order.  Returns 1 when
 * GNU_PROPERTY_AARCH64_FEATURE_1_AND has the BTI bit, 0 when it does not,
 * -1 when the note is malformed (Linux refuses such a program: ENOEXEC).
 */
static int parse_gnu_property(int fd, const Elf64_Phdr *p)
{
    uint8_t buf[GNU_PROPERTY_MAX_SIZE];
    uint32_t namesz, descsz, type, prev = 0;
    size_t off, end;
    bool have_prev = false;
    int bti = 0;

    if (p->p_filesz < 16 || p->p_filesz > sizeof(buf) ||
        !read_at(fd, buf, p->p_filesz, (off_t)p->p_offset)) {
        return -1;
    }
    memcpy(&namesz, buf, 4);
    memcpy(&descsz, buf + 4, 4);
    memcpy(&type, buf + 8, 4);
    if (type != NT_GNU_PROPERTY_TYPE_0 || namesz != 4 ||
        memcmp(buf + 12, "GNU", 4) != 0) {
        return -1;
    }
    off = 16;
    if (descsz > p->p_filesz - off) {
        return -1;
    }
    end = off + descsz;
    while (off < end) {
        uint32_t pr_type, pr_datasz;
        if (end - off < 8) {
            return -1;
        }
        memcpy(&pr_type, buf + off, 4);
        memcpy(&pr_datasz, buf + off + 4, 4);
        off += 8;
        if (pr_datasz > end - off || (have_prev && pr_type <= prev)) {
            return -1;
        }
        if (pr_type == GNU_PROPERTY_AARCH64_FEATURE_1_AND) {
            uint32_t bits;
            if (pr_datasz != 4) {
                return -1;
            }
            memcpy(&bits, buf + off, 4);
            bti = (bits & GNU_PROPERTY_AARCH64_FEATURE_1_BTI) != 0;
        }
        prev = pr_type;
        have_prev = true;
        off += (pr_datasz + 7u) & ~7u;
    }
    return bti;
}

/*
 * Map one ELF file.  is_main: the program (ET_DYN goes to ET_DYN_BASE);
 * otherwise the interpreter (placed top-down).
 */
static int load_elf(const char *path, int fd, bool is_main, LoadedElf *le,
                    LoadError *err)
{
    Elf64_Ehdr eh;
    Elf64_Phdr *ph = NULL;
    const Elf64_Phdr *property = NULL;
    struct stat st;
    uint64_t lo = UINT64_MAX, hi = 0, bias;
    int ret = -1;

    memset(le, 0, sizeof(*le));
    if (fstat(fd, &st) < 0) {
        return fail(err, 1, "%s: %s", path, strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        /* 126, as a shell says for a directory. */
        return fail(err, 126, "%s: Is a directory", path);
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(err, 1, "%s: not a regular file", path);
    }
    if (!read_at(fd, &eh, 4, 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG)) {
        char magic[2] = { 0, 0 };
        if (read_at(fd, magic, 2, 0) && magic[0] == '#' && magic[1] == '!') {
            return fail(err, 1, "%s: a script (#!): run its interpreter "
                        "under tern-aarch64 instead", path);
        }
        return fail(err, 1, "%s: not an ELF file", path);
    }
    if (!read_at(fd, &eh, sizeof(eh), 0)) {
        return fail(err, 1, "%s: truncated ELF header", path);
    }
    if (eh.e_ident[EI_CLASS] != ELFCLASS64) {
        uint16_t m;
        memcpy(&m, (char *)&eh + 18, 2);
        return fail(err, 1, "%s: a 32-bit ELF (%s), not AArch64", path,
                    machine_name(m));
    }
    if (eh.e_ident[EI_DATA] != ELFDATA2LSB) {
        return fail(err, 1, "%s: a big-endian ELF, not supported "
                    "(tern-aarch64 runs little-endian AArch64)", path);
    }
    if (eh.e_machine != EM_AARCH64) {
        return fail(err, 1, "%s: an ELF for %s (e_machine %u), not AArch64",
                    path, machine_name(eh.e_machine), eh.e_machine);
    }
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
        return fail(err, 1, "%s: not an executable (ELF type %u: %s)", path,
                    eh.e_type, eh.e_type == ET_REL ? "an object file" :
                    eh.e_type == ET_CORE ? "a core dump" : "unknown");
    }
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
        eh.e_phnum > MAX_PHNUM) {
        return fail(err, 1, "%s: corrupt ELF: bad program header table "
                    "(%u entries of %u bytes)", path, eh.e_phnum,
                    eh.e_phentsize);
    }
    ph = calloc(eh.e_phnum, sizeof(*ph));
    if (!ph) {
        return fail(err, 1, "%s: out of memory", path);
    }
    if (eh.e_phoff > (uint64_t)st.st_size ||
        !read_at(fd, ph, eh.e_phnum * sizeof(*ph), (off_t)eh.e_phoff)) {
        fail(err, 1, "%s: truncated ELF: program headers past the end of "
             "the file", path);
        goto out;
    }

    /* Check every segment, find the address range and the specials. */
    for (int i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr *p = &ph[i];
        if (p->p_type == PT_LOAD) {
            if (p->p_filesz > p->p_memsz ||
                p->p_offset + p->p_filesz < p->p_offset ||
                p->p_offset + p->p_filesz > (uint64_t)st.st_size ||
                p->p_vaddr + p->p_memsz < p->p_vaddr ||
                p->p_vaddr + p->p_memsz > GUEST_SPACE_SIZE ||
                ((p->p_vaddr - p->p_offset) & (GUEST_PAGE_SIZE - 1))) {
                fail(err, 1, "%s: corrupt or truncated ELF: PT_LOAD segment "
                     "%d (offset 0x%llx, size 0x%llx, vaddr 0x%llx) does not "
                     "fit the file or the address space", path, i,
                     (unsigned long long)p->p_offset,
                     (unsigned long long)p->p_filesz,
                     (unsigned long long)p->p_vaddr);
                goto out;
            }
            if (p->p_memsz == 0) {
                continue;
            }
            if ((p->p_vaddr & GUEST_PAGE_MASK) < lo) {
                lo = p->p_vaddr & GUEST_PAGE_MASK;
            }
            if (p->p_vaddr + p->p_memsz > hi) {
                hi = p->p_vaddr + p->p_memsz;
            }
        } else if (p->p_type == PT_INTERP && is_main) {
            if (p->p_filesz < 2 || p->p_filesz > sizeof(le->interp) ||
                !read_at(fd, le->interp, p->p_filesz, (off_t)p->p_offset) ||
                le->interp[p->p_filesz - 1] != 0 ||
                strlen(le->interp) + 1 != p->p_filesz) {
                fail(err, 1, "%s: corrupt ELF: bad PT_INTERP", path);
                goto out;
            }
        } else if (p->p_type == PT_GNU_STACK) {
            le->exec_stack = (p->p_flags & PF_X) != 0;
        } else if (p->p_type == PT_GNU_PROPERTY) {
            property = p;
        }
    }
    /*
     * BTI: Linux maps the executable segments of the interpreter, or of
     * a program without one, PROT_BTI when the note asks for it and the
     * CPU has BTI; the dynamic linker does it for everything else (the
     * program included).  It reads only the note it will use.
     */
    if (property && (!is_main || le->interp[0] == 0)) {
        int r = parse_gnu_property(fd, property);
        if (r < 0) {
            fail(err, 1, "%s: corrupt ELF: bad PT_GNU_PROPERTY note", path);
            goto out;
        }
        le->bti = r == 1 && user_config.model &&
                  ((user_config.model->features >> ARM_FEATURE_BTI) & 1);
    }
    if (hi == 0) {
        fail(err, 1, "%s: ELF without loadable segments", path);
        goto out;
    }
    hi = GUEST_PAGE_ALIGN(hi);

    /* Choose the place and reserve the whole range. */
    if (eh.e_type == ET_DYN) {
        uint64_t base = is_main ? ET_DYN_BASE : 0;
        base = mmap_find_vma(base, hi - lo);
        if (base == 0) {
            fail(err, 1, "%s: no room for %llu bytes in the guest address "
                 "space", path, (unsigned long long)(hi - lo));
            goto out;
        }
        bias = base - lo;
    } else {
        bias = 0;
        if (lo < GUEST_MMAP_MIN) {
            fail(err, 1, "%s: segments below 0x%llx (mmap_min_addr)", path,
                 GUEST_MMAP_MIN);
            goto out;
        }
    }
    {
        int64_t r = target_mmap(lo + bias, hi - lo, 0,
                                0x02 | 0x20 | 0x100000, /* PRIVATE|ANON|FIXED_NOREPLACE */
                                -1, 0);
        if (r < 0) {
            fail(err, 1, "%s: cannot map 0x%llx-0x%llx: %s", path,
                 (unsigned long long)(lo + bias),
                 (unsigned long long)(hi + bias), strerror((int)-r));
            goto out;
        }
    }

    le->start_code = UINT64_MAX;
    le->start_data = UINT64_MAX;
    for (int i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr *p = &ph[i];
        uint64_t vaddr, page, off_in_page, file_end, mem_end;
        int prot;

        if (p->p_type != PT_LOAD || p->p_memsz == 0) {
            continue;
        }
        prot = prot_of(p->p_flags);
        if (le->bti && (prot & PAGE_EXEC)) {
            prot |= T_PROT_BTI;
        }
        vaddr = p->p_vaddr + bias;
        page = vaddr & GUEST_PAGE_MASK;
        off_in_page = vaddr - page;
        file_end = vaddr + p->p_filesz;
        mem_end = vaddr + p->p_memsz;

        if (p->p_filesz) {
            /* Writable while we clear the tail of the last file page. */
            int64_t r = target_mmap(page, off_in_page + p->p_filesz,
                                    prot | PAGE_WRITE, 0x02 | 0x10, fd,
                                    (int64_t)(p->p_offset - off_in_page));
            if (r < 0) {
                fail(err, 1, "%s: cannot map segment %d: %s", path, i,
                     strerror((int)-r));
                goto out;
            }
            if (mem_end > file_end && (file_end & (GUEST_PAGE_SIZE - 1))) {
                uint64_t zend = GUEST_PAGE_ALIGN(file_end);
                memset(g2h(file_end), 0, zend - file_end);
            }
            if (!(prot & PAGE_WRITE)) {
                target_mprotect(page, GUEST_PAGE_ALIGN(file_end) - page, prot);
            }
        }
        /* The rest (bss) is anonymous memory. */
        if (GUEST_PAGE_ALIGN(mem_end) > GUEST_PAGE_ALIGN(file_end) ||
            p->p_filesz == 0) {
            uint64_t start = p->p_filesz ? GUEST_PAGE_ALIGN(file_end) : page;
            uint64_t end = GUEST_PAGE_ALIGN(mem_end);
            if (end > start) {
                int64_t r = target_mmap(start, end - start, prot,
                                        0x02 | 0x20 | 0x10, -1, 0);
                if (r < 0) {
                    fail(err, 1, "%s: cannot map bss of segment %d: %s", path,
                         i, strerror((int)-r));
                    goto out;
                }
            }
        }
        if (p->p_flags & PF_X) {
            if (vaddr < le->start_code) {
                le->start_code = vaddr;
            }
            if (file_end > le->end_code) {
                le->end_code = file_end;
            }
        }
        if (vaddr < le->start_data && !(p->p_flags & PF_X)) {
            le->start_data = vaddr;
        }
        if (file_end > le->end_data) {
            le->end_data = file_end;
        }
        if (mem_end > le->brk) {
            le->brk = mem_end;
        }
    }

    /* AT_PHDR: PT_PHDR, else the PT_LOAD holding the table. */
    for (int i = 0; i < eh.e_phnum; i++) {
        if (ph[i].p_type == PT_PHDR) {
            le->phdr = ph[i].p_vaddr + bias;
            break;
        }
    }
    if (!le->phdr) {
        for (int i = 0; i < eh.e_phnum; i++) {
            Elf64_Phdr *p = &ph[i];
            if (p->p_type == PT_LOAD && eh.e_phoff >= p->p_offset &&
                eh.e_phoff - p->p_offset < p->p_filesz) {
                le->phdr = p->p_vaddr + (eh.e_phoff - p->p_offset) + bias;
                break;
            }
        }
    }
    le->bias = bias;
    le->entry = eh.e_entry + bias;
    le->phnum = eh.e_phnum;
    le->lo = lo + bias;
    le->hi = hi + bias;
    if (!page_check_range(le->entry, 4, PAGE_EXEC)) {
        fail(err, 1, "%s: corrupt ELF: entry point 0x%llx is not in an "
             "executable segment", path, (unsigned long long)le->entry);
        goto out;
    }
    ret = 0;
out:
    free(ph);
    return ret;
}

/* ------------------------------------------------------------------ */
/* The initial stack                                                   */

/*
 * From the top of the stack down (as Linux lays it out):
 *   execfn string            <- AT_EXECFN
 *   envp strings, argv strings (argv[0] lowest)
 *   (16-byte alignment)
 *   "aarch64"                <- AT_PLATFORM
 *   16 random bytes          <- AT_RANDOM
 *   (16-byte alignment)
 *   auxv pairs, AT_NULL
 *   NULL, envp[envc-1] .. envp[0]
 *   NULL, argv[argc-1] .. argv[0]
 *   argc                     <- sp, 16-byte aligned
 */
static uint64_t push_string(uint64_t *sp, const char *s)
{
    size_t n = strlen(s) + 1;

    *sp -= n;
    memcpy(g2h(*sp), s, n);
    return *sp;
}

static int create_stack(ImageInfo *info, const LoadedElf *exe,
                        char *const argv[], char *const envp[],
                        const char *execfn, LoadError *err)
{
    uint64_t sp = info->stack_top;
    uint64_t total = strlen(execfn) + 1;
    uint64_t u_execfn, u_platform, u_random;
    uint64_t *argv_addr, *envp_addr;
    uint64_t auxv[2 * 32];
    int argc = 0, envc = 0, na = 0, items;
    uint8_t rnd[16];
    uint64_t *w;

    while (argv[argc]) {
        total += strlen(argv[argc++]) + 1;
    }
    while (envp[envc]) {
        total += strlen(envp[envc++]) + 1;
    }
    if (total + 8ull * (argc + envc) + 4096 > (info->stack_top - info->stack_limit) / 4) {
        return fail(err, 1, "%s: argument list too long (%llu bytes of "
                    "arguments and environment)", execfn,
                    (unsigned long long)total);
    }
    argv_addr = calloc(argc + 1, 8);
    envp_addr = calloc(envc + 1, 8);
    if (!argv_addr || !envp_addr) {
        free(argv_addr);
        free(envp_addr);
        return fail(err, 1, "out of memory");
    }

    u_execfn = push_string(&sp, execfn);
    for (int i = envc - 1; i >= 0; i--) {
        envp_addr[i] = push_string(&sp, envp[i]);
    }
    for (int i = argc - 1; i >= 0; i--) {
        argv_addr[i] = push_string(&sp, argv[i]);
    }
    sp &= ~15ull;
    u_platform = push_string(&sp, "aarch64");
    if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
        for (size_t i = 0; i < sizeof(rnd); i++) {
            rnd[i] = (uint8_t)(rand() ^ (i * 37));
        }
    }
    sp -= 16;
    u_random = sp;
    memcpy(g2h(sp), rnd, 16);
    sp &= ~15ull;

#define AUX(k, v) do { auxv[na++] = (k); auxv[na++] = (v); } while (0)
    AUX(AT_MINSIGSTKSZ, T_MINSIGSTKSZ);
    AUX(AT_HWCAP, arm_model_hwcap(user_config.model));
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK));
    AUX(AT_PHDR, exe->phdr);
    AUX(AT_PHENT, sizeof(Elf64_Phdr));
    AUX(AT_PHNUM, exe->phnum);
    AUX(AT_BASE, info->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, exe->entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, u_random);
    AUX(AT_HWCAP2, arm_model_hwcap2(user_config.model));
    AUX(AT_EXECFN, u_execfn);
    AUX(AT_PLATFORM, u_platform);
    AUX(AT_NULL, 0);
#undef AUX

    items = 1 + (argc + 1) + (envc + 1) + na;
    sp = (sp - 8ull * items) & ~15ull;
    info->sp = sp;
    w = g2h(sp);
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++) {
        *w++ = argv_addr[i];
    }
    *w++ = 0;
    for (int i = 0; i < envc; i++) {
        *w++ = envp_addr[i];
    }
    *w++ = 0;
    info->auxv = sp + 8ull * (1 + argc + 1 + envc + 1);
    info->auxv_len = 8ull * na;
    memcpy(w, auxv, 8ull * na);
    free(argv_addr);
    free(envp_addr);
    return 0;
}

/* ------------------------------------------------------------------ */

static int open_program(const char *path, LoadError *err, const char *what)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        int e = errno;
        return fail(err, e == ENOENT ? 127 : e == EACCES ? 126 : 1,
                    "%s%s: %s", what, path, strerror(e));
    }
    return fd;
}

int loader_exec(const char *path, char *const argv[], char *const envp[],
                ImageInfo *info, char *errbuf, size_t errlen)
{
    LoadError err = { errbuf, errlen, 1 };
    LoadedElf exe, interp;
    uint64_t stack_size = user_config.stack_size;
    int fd, ifd;

    memset(info, 0, sizeof(*info));
    fd = open_program(path, &err, "");
    if (fd < 0) {
        return -err.code;
    }
    if (access(path, X_OK) < 0) {
        close(fd);
        fail(&err, 126, "%s: %s", path, strerror(errno));
        return -err.code;
    }

    /* 1. The stack, and mmap placement below it. */
    info->stack_top = GUEST_SPACE_SIZE;
    info->stack_limit = info->stack_top - stack_size;
    {
        int64_t r = target_mmap(info->stack_limit, stack_size,
                                PAGE_READ | PAGE_WRITE, 0x02 | 0x20 | 0x10 | 0x20000,
                                -1, 0);
        if (r < 0) {
            close(fd);
            fail(&err, 1, "cannot map a %llu-byte guest stack: %s",
                 (unsigned long long)stack_size, strerror((int)-r));
            return -err.code;
        }
    }
    mmap_set_base(info->stack_limit - MMAP_STACK_GAP);

    /* 2. The program. */
    if (load_elf(path, fd, true, &exe, &err) < 0) {
        close(fd);
        return -err.code;
    }
    close(fd);
    if (exe.exec_stack) {
        target_mprotect(info->stack_limit, stack_size,
                        PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    }

    /* 3. Its interpreter. */
    info->entry = exe.entry;
    if (exe.interp[0]) {
        char buf[4096];
        const char *ipath = user_path(exe.interp, buf, sizeof(buf));
        ifd = open(ipath, O_RDONLY | O_CLOEXEC);
        if (ifd < 0) {
            int e = errno;
            fail(&err, e == ENOENT ? 127 : 1,
                 "%s: cannot open its interpreter %s%s%s: %s%s", path,
                 user_config.sysroot ? user_config.sysroot : "", exe.interp,
                 user_config.sysroot ? "" : "", strerror(e),
                 user_config.sysroot ? "" :
                 " (give the arm64 root with -L, e.g. -L /usr/aarch64-linux-gnu)");
            return -err.code;
        }
        if (load_elf(ipath, ifd, false, &interp, &err) < 0) {
            close(ifd);
            return -err.code;
        }
        close(ifd);
        info->interp_base = interp.lo;
        info->interp_entry = interp.entry;
        info->entry = interp.entry;
    }

    info->load_bias = exe.bias;
    info->phdr = exe.phdr;
    info->phnum = exe.phnum;
    info->phent = sizeof(Elf64_Phdr);
    info->start_code = exe.start_code;
    info->end_code = exe.end_code;
    info->start_data = exe.start_data;
    info->end_data = exe.end_data;
    info->brk = GUEST_PAGE_ALIGN(exe.brk);
    info->exec_stack = exe.exec_stack;
    target_set_brk(info->brk);

    /* 4. The stack contents. */
    if (create_stack(info, &exe, argv, envp, user_config.exec_name, &err) < 0) {
        return -err.code;
    }
    return 0;
}
