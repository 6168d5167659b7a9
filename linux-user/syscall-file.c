/*
 * File system calls whose arm64 and x86-64 forms are alike and pass
 * through: extended attributes, mknodat, copy_file_range, preadv2/
 * pwritev2, splice/tee/vmsplice, sync_file_range, readahead, syncfs.
 * Paths go through user_path() (the -L sysroot first), buffers are
 * checked guest memory.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/user-internal.h"

/* Largest xattr value or name list Linux accepts (XATTR_SIZE_MAX). */
#define XATTR_MAX 65536

static const char *guest_path(uint64_t addr, char *buf)
{
    const char *p = lock_user_string(addr);

    return p ? user_path(p, buf, PATH_MAX) : NULL;
}

/* The value/list buffer of an xattr call; NULL size 0 is allowed. */
static int64_t xattr_buf(uint64_t addr, uint64_t size, int access, void **p)
{
    if (size > XATTR_MAX) {
        size = XATTR_MAX;       /* the kernel caps it too (E2BIG/ERANGE) */
    }
    *p = lock_user(addr, size, access);
    return *p || size == 0 ? (int64_t)size : -EFAULT;
}

/*
 * setxattr 5, lsetxattr 6, fsetxattr 7, getxattr 8, lgetxattr 9,
 * fgetxattr 10, listxattr 11, llistxattr 12, flistxattr 13,
 * removexattr 14, lremovexattr 15, fremovexattr 16.
 */
static int64_t do_xattr(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5)
{
    static const long host[] = {
        SYS_setxattr, SYS_lsetxattr, SYS_fsetxattr, SYS_getxattr,
        SYS_lgetxattr, SYS_fgetxattr, SYS_listxattr, SYS_llistxattr,
        SYS_flistxattr, SYS_removexattr, SYS_lremovexattr, SYS_fremovexattr,
    };
    int k = num - 5, kind = k / 3, form = k % 3;   /* form 2: by fd */
    char pbuf[PATH_MAX];
    const char *path = NULL, *name = NULL;
    long target;
    void *buf = NULL;
    int64_t n;

    if (form == 2) {
        target = (long)(int)a1;
    } else {
        path = guest_path(a1, pbuf);
        if (!path) {
            return -EFAULT;
        }
        target = (long)path;
    }
    if (kind != 2) {                /* all but list take a name */
        name = lock_user_string(a2);
        if (!name) {
            return -EFAULT;
        }
    }
    switch (kind) {
    case 0:                         /* set: name, value, size, flags */
        n = xattr_buf(a3, a4, PAGE_READ, &buf);
        if (n < 0) {
            return n;
        }
        return host_ret(syscall(host[k], target, name, buf, (size_t)a4,
                                (int)a5));
    case 1:                         /* get: name, value, size */
        n = xattr_buf(a3, a4, PAGE_WRITE, &buf);
        if (n < 0) {
            return n;
        }
        return host_ret(syscall(host[k], target, name, buf, (size_t)n));
    case 2:                         /* list: list, size */
        n = xattr_buf(a2, a3, PAGE_WRITE, &buf);
        if (n < 0) {
            return n;
        }
        return host_ret(syscall(host[k], target, buf, (size_t)n));
    default:                        /* remove: name */
        return host_ret(syscall(host[k], target, name));
    }
}

/* An optional loff_t in guest memory (copy_file_range, splice). */
static int64_t opt_off(uint64_t addr, void **p)
{
    *p = NULL;
    if (addr && !(*p = lock_user(addr, 8, PAGE_READ | PAGE_WRITE))) {
        return -EFAULT;
    }
    return 0;
}

bool do_file_syscall(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                     uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret)
{
    char pbuf[PATH_MAX];
    void *o1, *o2;

    switch (num) {
    case 5: case 6: case 7: case 8: case 9: case 10:
    case 11: case 12: case 13: case 14: case 15: case 16:
        *ret = do_xattr(num, a1, a2, a3, a4, a5);
        return true;
    case 33: {                                  /* mknodat */
        const char *p = guest_path(a2, pbuf);
        *ret = p ? host_ret(syscall(SYS_mknodat, (int)a1, p, (unsigned)a3,
                                    (unsigned)a4))
                 : -EFAULT;
        return true;
    }
    case 285:                                   /* copy_file_range */
        if (opt_off(a2, &o1) || opt_off(a4, &o2)) {
            *ret = -EFAULT;
            return true;
        }
        *ret = host_ret(safe_syscall(SYS_copy_file_range, (int)a1, o1,
                                     (int)a3, o2, (size_t)a5, (unsigned)a6));
        return true;
    case 76:                                    /* splice */
        if (opt_off(a2, &o1) || opt_off(a4, &o2)) {
            *ret = -EFAULT;
            return true;
        }
        *ret = host_ret(safe_syscall(SYS_splice, (int)a1, o1, (int)a3, o2,
                                     (size_t)a5, (unsigned)a6));
        return true;
    case 77:                                    /* tee */
        *ret = host_ret(safe_syscall(SYS_tee, (int)a1, (int)a2, (size_t)a3,
                                     (unsigned)a4));
        return true;
    case 75:                                    /* vmsplice */
    case 286: case 287: {                       /* preadv2, pwritev2 */
        struct iovec iov[T_IOV_MAX];
        bool to_guest = num == 286;             /* vmsplice reads guest memory */
        int64_t n = lock_iovec(iov, a2, (int64_t)a3,
                               to_guest ? PAGE_WRITE : PAGE_READ);
        if (n < 0) {
            *ret = n;
        } else if (num == 75) {
            *ret = host_ret(safe_syscall(SYS_vmsplice, (int)a1, iov,
                                         (unsigned long)n, (unsigned)a4));
        } else {
            /* offset as one 64-bit value: x86-64's pos_l, pos_h = 0 */
            *ret = host_ret(safe_syscall(num == 286 ? SYS_preadv2
                                                    : SYS_pwritev2,
                                         (int)a1, iov, (int)n, a4, 0,
                                         (int)a6));
        }
        return true;
    }
    case 84:                                    /* sync_file_range */
        *ret = host_ret(syscall(SYS_sync_file_range, (int)a1, (off_t)a2,
                                (off_t)a3, (unsigned)a4));
        return true;
    case 213:                                   /* readahead */
        *ret = host_ret(syscall(SYS_readahead, (int)a1, (off_t)a2,
                                (size_t)a3));
        return true;
    case 267:                                   /* syncfs */
        *ret = host_ret(syscall(SYS_syncfs, (int)a1));
        return true;
    default:
        return false;
    }
}
