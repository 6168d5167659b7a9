/*
 * The guest address space of user mode.
 *
 * One big reservation of host address space (GUEST_SPACE_SIZE bytes,
 * PROT_NONE, MAP_NORESERVE) holds the whole guest: guest address a lives
 * at host address guest_base + a.  Guest mappings replace parts of the
 * reservation with MAP_FIXED; unmapping puts the reservation back, so no
 * host allocation (malloc, the code buffer, libraries) can ever land in
 * the guest's range.
 *
 * A byte per guest page records what the guest may do with it
 * (PAGE_READ/WRITE/EXEC, PAGE_VALID = mapped).  The table is itself a
 * MAP_NORESERVE mapping: only the parts describing used address space
 * are ever touched.  Instruction fetch (cpu_ldl_code), syscall buffers
 * (lock_user) and the mmap placement all read it.
 *
 * Host protection follows the guest's, except that guest-executable
 * pages are host-readable (the translator reads them) and nothing is
 * host-executable.
 *
 * Translated code: every change of a mapping that was executable
 * (munmap, mmap over it, mprotect, mremap) invalidates the blocks
 * translated from it.  A page that is writable and holds translated code
 * is write-protected on the host (PAGE_CODE_PROT): the guest's first
 * write faults, user-exec.c's handler calls page_unprotect_for_write(),
 * which invalidates the page's blocks and makes it writable again
 * (blueprint 3.8).  lock_user() does the same for syscall buffers, so
 * that the kernel never sees such a page read-only.
 *
 * The page table and the host mappings change under tb_lock(), the lock
 * that also protects the blocks' page lists, so threads calling mmap and
 * translating at the same time see consistent flags.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/tcg.h"
#include "exec/exec-all.h"
#include "util/log.h"
#include "linux-user/user-internal.h"

/* Guest (arm64 = generic) mmap values; the same numbers on x86-64. */
#define T_MAP_SHARED           0x01
#define T_MAP_PRIVATE          0x02
#define T_MAP_SHARED_VALIDATE  0x03
#define T_MAP_TYPE             0x0f
#define T_MAP_FIXED            0x10
#define T_MAP_ANONYMOUS        0x20
#define T_MAP_GROWSDOWN        0x0100
#define T_MAP_DENYWRITE        0x0800
#define T_MAP_EXECUTABLE       0x1000
#define T_MAP_LOCKED           0x2000
#define T_MAP_NORESERVE        0x4000
#define T_MAP_POPULATE         0x8000
#define T_MAP_NONBLOCK         0x10000
#define T_MAP_STACK            0x20000
#define T_MAP_HUGETLB          0x40000
#define T_MAP_SYNC             0x80000
#define T_MAP_FIXED_NOREPLACE  0x100000

#define T_PROT_READ   0x1
#define T_PROT_WRITE  0x2
#define T_PROT_EXEC   0x4
#define T_PROT_MTE    0x20
#define T_PROT_GROWSDOWN 0x01000000
#define T_PROT_GROWSUP   0x02000000

#define T_MREMAP_MAYMOVE   1
#define T_MREMAP_FIXED     2
#define T_MREMAP_DONTUNMAP 4

uintptr_t guest_base;
static uint8_t *page_flags;
static uint64_t mmap_base;
static uint64_t brk_start, brk_cur, brk_mapped_end;

#define NPAGES (GUEST_SPACE_SIZE >> GUEST_PAGE_BITS)

bool guest_space_init(const char **err)
{
    void *p;

    if (sysconf(_SC_PAGESIZE) != (long)GUEST_PAGE_SIZE) {
        *err = "the host page size is not 4 KiB (not supported yet)";
        return false;
    }
    /*
     * The guest space plus a guard that stays PROT_NONE for good: an
     * access that starts just below 1 TiB and runs past it (at most 64
     * bytes, DC ZVA) faults there.  Addresses at or above 1 TiB never
     * reach the host: generated code sends them to user_ld_slow/
     * user_st_slow (user-exec.c).
     */
    p = mmap(NULL, GUEST_SPACE_SIZE + GUEST_GUARD_SIZE, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        *err = "cannot reserve host address space for the guest "
               "(1 TiB, PROT_NONE): is 'ulimit -v' set?";
        return false;
    }
    guest_base = (uintptr_t)p;
    page_flags = mmap(NULL, NPAGES, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (page_flags == MAP_FAILED) {
        *err = "cannot allocate the guest page table";
        return false;
    }
    mmap_base = GUEST_SPACE_SIZE;
    return true;
}

/* tb_lock() once the accelerator exists (mmap calls before it: one thread). */
static void mmap_lock(void)
{
    if (tcg_exec_initialized()) {
        tb_lock();
    }
}

static void mmap_unlock(void)
{
    if (tcg_exec_initialized()) {
        tb_unlock();
    }
}

int page_get_flags(uint64_t addr)
{
    if (!guest_addr_valid(addr)) {
        return 0;
    }
    return page_flags[addr >> GUEST_PAGE_BITS];
}

void page_set_flags(uint64_t start, uint64_t end, int flags)
{
    if (end <= start) {
        return;
    }
    memset(page_flags + (start >> GUEST_PAGE_BITS), flags,
           (end - start) >> GUEST_PAGE_BITS);
    if (tern_log_enabled(LOG_PAGE)) {
        tern_log("page: %010llx-%010llx %c%c%c%s\n",
                 (unsigned long long)start, (unsigned long long)end,
                 flags & PAGE_READ ? 'r' : '-', flags & PAGE_WRITE ? 'w' : '-',
                 flags & PAGE_EXEC ? 'x' : '-',
                 flags & PAGE_VALID ? "" : " (unmapped)");
    }
}

bool page_check_range(uint64_t start, uint64_t len, int flags)
{
    uint64_t p, end;

    if (len == 0) {
        return true;
    }
    end = start + len;
    if (end < start || !guest_addr_valid(start) || end > GUEST_SPACE_SIZE) {
        return false;
    }
    flags |= PAGE_VALID;
    for (p = start >> GUEST_PAGE_BITS; p <= (end - 1) >> GUEST_PAGE_BITS; p++) {
        if ((page_flags[p] & flags) != flags) {
            return false;
        }
    }
    return true;
}

static bool range_free(uint64_t start, uint64_t len)
{
    uint64_t first = start >> GUEST_PAGE_BITS;
    uint64_t n = len >> GUEST_PAGE_BITS;

    for (uint64_t i = 0; i < n; i++) {
        if (page_flags[first + i] & PAGE_VALID) {
            return false;
        }
    }
    return true;
}

/* Blocks translated from [start, start+len) die if the range had code. */
static void invalidate_code(uint64_t start, uint64_t len)
{
    uint64_t first = start >> GUEST_PAGE_BITS;
    uint64_t n = len >> GUEST_PAGE_BITS;
    uint64_t i = 0;

    if (!tcg_exec_initialized()) {
        return;
    }
    while (i < n) {
        uint64_t j;
        if (!(page_flags[first + i] & PAGE_EXEC)) {
            i++;
            continue;
        }
        for (j = i; j < n && (page_flags[first + j] & PAGE_EXEC); j++) {
        }
        tb_invalidate_phys_range((first + i) << GUEST_PAGE_BITS,
                                 (first + j) << GUEST_PAGE_BITS);
        i = j;
    }
}

/*
 * A guest prot argument (arm64 PROT_* values; also_ok: other bits the
 * call accepts and ignores) as page flags, or -1 for bits Linux refuses.
 * PROT_BTI exists only when the CPU has BTI (Linux's
 * arch_validate_prot); it marks the pages guarded (PAGE_BTI).
 */
static int guest_prot_to_flags(int prot, int also_ok)
{
    int ok = T_PROT_READ | T_PROT_WRITE | T_PROT_EXEC | also_ok;

    if (user_config.model &&
        (user_config.model->features >> ARM_FEATURE_BTI) & 1) {
        ok |= T_PROT_BTI;
    }
    if (prot & ~ok) {
        return -1;
    }
    return (prot & (PAGE_READ | PAGE_WRITE | PAGE_EXEC)) |
           (prot & T_PROT_BTI ? PAGE_BTI : 0);
}

static int host_prot(int prot)
{
    int h = prot & (PROT_READ | PROT_WRITE);

    if (prot & PAGE_EXEC) {
        h |= PROT_READ;     /* the translator reads the code */
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Write protection of pages with translated code                      */

void page_protect_code(uint64_t page)
{
    uint64_t i = page >> GUEST_PAGE_BITS;
    int f;

    if (!guest_addr_valid(page)) {
        return;
    }
    f = page_flags[i];
    if ((f & (PAGE_WRITE | PAGE_VALID)) != (PAGE_WRITE | PAGE_VALID) ||
        (f & PAGE_CODE_PROT)) {
        return;
    }
    if (mprotect(g2h(page), GUEST_PAGE_SIZE, host_prot(f) & ~PROT_WRITE) == 0) {
        page_flags[i] = f | PAGE_CODE_PROT;
    }
}

void page_unprotect_code(uint64_t page)
{
    uint64_t i = page >> GUEST_PAGE_BITS;
    int f;

    if (!guest_addr_valid(page)) {
        return;
    }
    f = page_flags[i];
    if (!(f & PAGE_CODE_PROT)) {
        return;
    }
    if (mprotect(g2h(page), GUEST_PAGE_SIZE, host_prot(f)) == 0) {
        page_flags[i] = f & ~PAGE_CODE_PROT;
    }
}

bool page_unprotect_for_write(uint64_t addr)
{
    uint64_t page = addr & GUEST_PAGE_MASK;
    bool ok = true;
    int f;

    if (!guest_addr_valid(addr)) {
        return false;
    }
    f = page_flags[page >> GUEST_PAGE_BITS];
    if ((f & (PAGE_WRITE | PAGE_VALID)) != (PAGE_WRITE | PAGE_VALID)) {
        return false;
    }
    mmap_lock();
    f = page_flags[page >> GUEST_PAGE_BITS];
    if (f & PAGE_CODE_PROT) {
        /* Losing its last block makes the page writable (the hook)... */
        tb_invalidate_phys_page(page);
        /* ... and a page whose blocks went in a flush is done here. */
        page_unprotect_code(page);
        ok = !(page_flags[page >> GUEST_PAGE_BITS] & PAGE_CODE_PROT);
    } else if ((f & (PAGE_WRITE | PAGE_VALID)) != (PAGE_WRITE | PAGE_VALID)) {
        ok = false;     /* another thread changed the mapping */
    } else {
        /*
         * Another thread unprotected the page between our fault and now:
         * retrying the write is right.  Make sure the host agrees, so a
         * page the guest may write can never fault forever.
         */
        ok = mprotect(g2h(page), GUEST_PAGE_SIZE, host_prot(f)) == 0;
    }
    mmap_unlock();
    return ok;
}

/* Before the kernel or C code writes [addr, addr+len): no code protection. */
static void unprotect_range(uint64_t addr, uint64_t len)
{
    uint64_t p, last = (addr + len - 1) >> GUEST_PAGE_BITS;

    for (p = addr >> GUEST_PAGE_BITS; p <= last; p++) {
        if (page_flags[p] & PAGE_CODE_PROT) {
            page_unprotect_for_write(p << GUEST_PAGE_BITS);
        }
    }
}

/* Put [start, start+len) back into the reservation. */
static void reserve_again(uint64_t start, uint64_t len)
{
    void *p = mmap(g2h(start), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
                   -1, 0);
    if (p == MAP_FAILED) {
        /* The range is still mapped by the guest's old mapping. */
        tern_log_mask(LOG_GUEST_ERROR, "munmap: cannot re-reserve %llx+%llx\n",
                      (unsigned long long)start, (unsigned long long)len);
    }
}

void mmap_set_base(uint64_t base)
{
    mmap_base = base & GUEST_PAGE_MASK;
}

uint64_t mmap_find_vma(uint64_t hint, uint64_t len)
{
    uint64_t end;

    len = GUEST_PAGE_ALIGN(len);
    if (len == 0 || len > GUEST_SPACE_SIZE) {
        return 0;
    }
    hint &= GUEST_PAGE_MASK;
    if (hint >= GUEST_MMAP_MIN && hint + len <= GUEST_SPACE_SIZE &&
        hint + len > hint && range_free(hint, len)) {
        return hint;
    }
    /* Top-down from the mmap base, as Linux places mappings. */
    end = mmap_base;
    while (end >= GUEST_MMAP_MIN + len) {
        uint64_t start = end - len;
        uint64_t p = end >> GUEST_PAGE_BITS;
        uint64_t first = start >> GUEST_PAGE_BITS;
        /* Highest used page in [start, end): continue below it. */
        while (p > first && !(page_flags[p - 1] & PAGE_VALID)) {
            p--;
        }
        if (p == first) {
            return start;
        }
        end = (p - 1) << GUEST_PAGE_BITS;
    }
    /* Then bottom-up above the base (rarely needed). */
    for (uint64_t start = GUEST_PAGE_ALIGN(mmap_base);
         start + len <= GUEST_SPACE_SIZE && start + len > start;) {
        uint64_t p = start >> GUEST_PAGE_BITS, last = (start + len) >> GUEST_PAGE_BITS;
        while (p < last && !(page_flags[p] & PAGE_VALID)) {
            p++;
        }
        if (p == last) {
            return start;
        }
        start = (p + 1) << GUEST_PAGE_BITS;
    }
    return 0;
}

static int64_t target_mmap_locked(uint64_t addr, uint64_t len, int prot, int flags,
                    int fd, int64_t offset)
{
    int type = flags & T_MAP_TYPE;
    int hflags;
    uint64_t start;
    void *p;

    if (len == 0 || (offset & (GUEST_PAGE_SIZE - 1))) {
        return -EINVAL;
    }
    if (type != T_MAP_SHARED && type != T_MAP_PRIVATE &&
        type != T_MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    prot = guest_prot_to_flags(prot, 0);
    if (prot < 0) {
        return -EINVAL;
    }
    if (GUEST_PAGE_ALIGN(len) < len || GUEST_PAGE_ALIGN(len) > GUEST_SPACE_SIZE) {
        return -ENOMEM;
    }
    len = GUEST_PAGE_ALIGN(len);

    if (flags & (T_MAP_FIXED | T_MAP_FIXED_NOREPLACE)) {
        if (addr & (GUEST_PAGE_SIZE - 1)) {
            return -EINVAL;
        }
        if (addr + len > GUEST_SPACE_SIZE || addr + len < addr) {
            return -ENOMEM;
        }
        if ((flags & T_MAP_FIXED_NOREPLACE) && !(flags & T_MAP_FIXED) &&
            !range_free(addr, len)) {
            return -EEXIST;
        }
        start = addr;
    } else {
        start = mmap_find_vma(addr, len);
        if (start == 0) {
            return -ENOMEM;
        }
    }

    hflags = MAP_FIXED | (type == T_MAP_SHARED_VALIDATE ? MAP_SHARED_VALIDATE
                          : type == T_MAP_SHARED ? MAP_SHARED : MAP_PRIVATE);
    if (flags & T_MAP_ANONYMOUS) {
        hflags |= MAP_ANONYMOUS;
        fd = -1;
        offset = 0;
    }
    hflags |= flags & (T_MAP_NORESERVE | T_MAP_POPULATE | T_MAP_NONBLOCK |
                       T_MAP_LOCKED | T_MAP_SYNC);

    invalidate_code(start, len);
    p = mmap(g2h(start), len, host_prot(prot), hflags, fd, offset);
    if (p == MAP_FAILED) {
        int e = errno;
        /* A failed MAP_FIXED may have unmapped the old pages. */
        if (flags & T_MAP_FIXED) {
            reserve_again(start, len);
            page_set_flags(start, start + len, 0);
        }
        return -e;
    }
    page_set_flags(start, start + len, prot | PAGE_VALID);
    return (int64_t)start;
}

int64_t target_mmap(uint64_t addr, uint64_t len, int prot, int flags,
                    int fd, int64_t offset)
{
    int64_t r;

    mmap_lock();
    r = target_mmap_locked(addr, len, prot, flags, fd, offset);
    mmap_unlock();
    return r;
}

static int target_munmap_locked(uint64_t addr, uint64_t len)
{
    if ((addr & (GUEST_PAGE_SIZE - 1)) || len == 0) {
        return -EINVAL;
    }
    len = GUEST_PAGE_ALIGN(len);
    if (addr + len > GUEST_SPACE_SIZE || addr + len < addr || len == 0) {
        return -EINVAL;
    }
    invalidate_code(addr, len);
    reserve_again(addr, len);
    page_set_flags(addr, addr + len, 0);
    return 0;
}

int target_munmap(uint64_t addr, uint64_t len)
{
    int r;

    mmap_lock();
    r = target_munmap_locked(addr, len);
    mmap_unlock();
    return r;
}

static int target_mprotect_locked(uint64_t addr, uint64_t len, int prot)
{
    uint64_t p, end;

    if (addr & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    prot = guest_prot_to_flags(prot, T_PROT_GROWSDOWN | T_PROT_GROWSUP);
    if (prot < 0) {
        return -EINVAL;
    }
    len = GUEST_PAGE_ALIGN(len);
    if (len == 0) {
        return 0;
    }
    end = addr + len;
    if (end > GUEST_SPACE_SIZE || end < addr) {
        return -ENOMEM;
    }
    for (p = addr; p < end; p += GUEST_PAGE_SIZE) {
        if (!(page_flags[p >> GUEST_PAGE_BITS] & PAGE_VALID)) {
            return -ENOMEM;
        }
    }
    /*
     * Code that a guest JIT rewrites typically goes RX -> RW -> RX:
     * dropping the blocks whenever an executable page changes protection
     * catches that.
     */
    invalidate_code(addr, len);
    if (mprotect(g2h(addr), len, host_prot(prot)) < 0) {
        return -errno;
    }
    page_set_flags(addr, end, prot | PAGE_VALID);
    return 0;
}

int target_mprotect(uint64_t addr, uint64_t len, int prot)
{
    int r;

    mmap_lock();
    r = target_mprotect_locked(addr, len, prot);
    mmap_unlock();
    return r;
}

static int64_t target_mremap_locked(uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                      int flags, uint64_t new_addr)
{
    uint64_t dest;
    int prot;
    void *p;

    if (flags & ~(T_MREMAP_MAYMOVE | T_MREMAP_FIXED | T_MREMAP_DONTUNMAP)) {
        return -EINVAL;
    }
    if ((flags & T_MREMAP_FIXED) && !(flags & T_MREMAP_MAYMOVE)) {
        return -EINVAL;
    }
    if (flags & T_MREMAP_DONTUNMAP) {
        return -EINVAL;     /* not emulated */
    }
    if (old_addr & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    old_len = GUEST_PAGE_ALIGN(old_len);
    if (GUEST_PAGE_ALIGN(new_len) < new_len) {
        return -ENOMEM;
    }
    new_len = GUEST_PAGE_ALIGN(new_len);
    if (new_len == 0 || old_len == 0) {
        return -EINVAL;
    }
    if (!page_check_range(old_addr, old_len, 0)) {
        return -EFAULT;
    }
    prot = page_get_flags(old_addr) &
           (PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_BTI);

    if (!(flags & T_MREMAP_FIXED)) {
        if (new_len <= old_len) {
            if (new_len < old_len) {
                target_munmap(old_addr + new_len, old_len - new_len);
            }
            return (int64_t)old_addr;
        }
        /* Grow in place when the pages after it are free. */
        if (old_addr + new_len <= GUEST_SPACE_SIZE &&
            range_free(old_addr + old_len, new_len - old_len)) {
            /* Free the reservation behind it so the host can grow there. */
            munmap(g2h(old_addr + old_len), new_len - old_len);
            p = mremap(g2h(old_addr), old_len, new_len, 0);
            if (p != MAP_FAILED) {
                page_set_flags(old_addr + old_len, old_addr + new_len,
                               prot | PAGE_VALID);
                return (int64_t)old_addr;
            }
            reserve_again(old_addr + old_len, new_len - old_len);
        }
        if (!(flags & T_MREMAP_MAYMOVE)) {
            return -ENOMEM;
        }
        dest = mmap_find_vma(0, new_len);
        if (dest == 0) {
            return -ENOMEM;
        }
    } else {
        dest = new_addr;
        if ((dest & (GUEST_PAGE_SIZE - 1)) || dest + new_len > GUEST_SPACE_SIZE ||
            dest + new_len < dest) {
            return -EINVAL;
        }
        if (dest < old_addr + old_len && old_addr < dest + new_len) {
            return -EINVAL;     /* overlapping, as Linux says */
        }
        invalidate_code(dest, new_len);
    }
    /* Before the move: code protection must not travel with the pages. */
    invalidate_code(old_addr, old_len);
    p = mremap(g2h(old_addr), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED,
               g2h(dest));
    if (p == MAP_FAILED) {
        return -errno;
    }
    reserve_again(old_addr, old_len);
    page_set_flags(old_addr, old_addr + old_len, 0);
    page_set_flags(dest, dest + new_len, prot | PAGE_VALID);
    return (int64_t)dest;
}

int64_t target_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                      int flags, uint64_t new_addr)
{
    int64_t r;

    mmap_lock();
    r = target_mremap_locked(old_addr, old_len, new_len, flags, new_addr);
    mmap_unlock();
    return r;
}

int target_madvise(uint64_t addr, uint64_t len, int advice)
{
    /* Guest values: MADV_DONTNEED 4, MADV_FREE 8, MADV_REMOVE 9. */
    if (addr & (GUEST_PAGE_SIZE - 1)) {
        return -EINVAL;
    }
    len = GUEST_PAGE_ALIGN(len);
    if (addr + len > GUEST_SPACE_SIZE || addr + len < addr) {
        return -EINVAL;
    }
    if (len == 0) {
        return 0;
    }
    if (!page_check_range(addr, len, 0)) {
        return -ENOMEM;
    }
    switch (advice) {
    case 4: case 8: case 9:
        /* These change what the guest reads: the host must do them. */
        if (madvise(g2h(addr), len, advice) < 0) {
            return -errno;
        }
        return 0;
    default:
        /* Hints only. */
        return 0;
    }
}

/* ------------------------------------------------------------------ */
/* brk                                                                 */

void target_brk_range(uint64_t *start, uint64_t *cur)
{
    *start = brk_start;
    *cur = brk_cur;
}

void target_set_brk(uint64_t start)
{
    brk_start = brk_cur = start;
    brk_mapped_end = GUEST_PAGE_ALIGN(start);
}

static uint64_t target_brk_locked(uint64_t new_brk)
{
    uint64_t new_end;

    if (new_brk == 0 || new_brk < brk_start || new_brk >= GUEST_SPACE_SIZE) {
        return brk_cur;
    }
    new_end = GUEST_PAGE_ALIGN(new_brk);
    if (new_end > brk_mapped_end) {
        int64_t r;
        if (!range_free(brk_mapped_end, new_end - brk_mapped_end)) {
            return brk_cur;     /* would run into another mapping */
        }
        r = target_mmap(brk_mapped_end, new_end - brk_mapped_end,
                        PAGE_READ | PAGE_WRITE,
                        T_MAP_PRIVATE | T_MAP_ANONYMOUS | T_MAP_FIXED, -1, 0);
        if (r < 0) {
            return brk_cur;
        }
        brk_mapped_end = new_end;
    } else if (new_end < brk_mapped_end) {
        target_munmap(new_end, brk_mapped_end - new_end);
        brk_mapped_end = new_end;
    }
    /* Linux gives zeroed memory when the break grows again. */
    if (new_brk > brk_cur) {
        uint64_t zero_end = new_brk < GUEST_PAGE_ALIGN(brk_cur)
                            ? new_brk : GUEST_PAGE_ALIGN(brk_cur);
        if (zero_end > brk_cur && page_check_range(brk_cur, zero_end - brk_cur,
                                                   PAGE_WRITE)) {
            memset(g2h(brk_cur), 0, zero_end - brk_cur);
        }
    }
    brk_cur = new_brk;
    return brk_cur;
}

uint64_t target_brk(uint64_t new_brk)
{
    uint64_t r;

    mmap_lock();
    r = target_brk_locked(new_brk);
    mmap_unlock();
    return r;
}

/* ------------------------------------------------------------------ */
/* Syscall buffers                                                     */

void *lock_user(uint64_t addr, uint64_t len, int access)
{
    if (len == 0) {
        return g2h(addr < GUEST_SPACE_SIZE ? addr : 0);
    }
    if (!page_check_range(addr, len, access)) {
        return NULL;
    }
    if (access & PAGE_WRITE) {
        unprotect_range(addr, len);
    }
    return g2h(addr);
}

const char *lock_user_string(uint64_t addr)
{
    uint64_t a = addr;

    for (;;) {
        uint64_t page_end;
        const char *h, *nul;
        if (!page_check_range(a, 1, PAGE_READ)) {
            return NULL;
        }
        page_end = (a & GUEST_PAGE_MASK) + GUEST_PAGE_SIZE;
        h = g2h(a);
        nul = memchr(h, 0, page_end - a);
        if (nul) {
            return g2h(addr);
        }
        a = page_end;
    }
}

int copy_to_user(uint64_t addr, const void *src, size_t len)
{
    void *p = lock_user(addr, len, PAGE_WRITE);

    if (!p) {
        return -EFAULT;
    }
    memcpy(p, src, len);
    return 0;
}

int copy_from_user(void *dst, uint64_t addr, size_t len)
{
    const void *p = lock_user(addr, len, PAGE_READ);

    if (!p) {
        return -EFAULT;
    }
    memcpy(dst, p, len);
    return 0;
}
