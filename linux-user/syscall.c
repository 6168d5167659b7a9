/*
 * The generic arm64 syscall ABI on an x86-64 Linux host.
 *
 * The guest puts the number in x8 and arguments in x0..x5; the result
 * (or -errno) goes back into x0.  Most calls mean the same on both
 * sides and only need their guest pointers turned into host ones
 * (guest_base + addr) after checking the guest page flags, so a bad
 * pointer gives -EFAULT and never a fault in tern.  Where arm64 and
 * x86-64 differ we translate:
 *   - struct stat (arm64 uses the asm-generic layout),
 *   - open flags (O_DIRECTORY, O_NOFOLLOW, O_DIRECT, O_LARGEFILE),
 *   - the memory calls (the guest address space, mmap.c),
 *   - the signal calls (signal.c),
 *   - uname's machine ("aarch64"),
 *   - /proc/self/exe (the guest program, not tern).
 * Errno values, signal numbers, mmap flags, struct timespec/termios/
 * winsize/rlimit/utsname/statx/dirent64/flock are the same on both.
 * Unknown calls return -ENOSYS (visible with -strace, logged with
 * -d unimp).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "util/log.h"
#include "exec/exec-all.h"
#include "linux-user/user-internal.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */


#define T_AT_FDCWD (-100)

/* open flags: arm64 values -> host (x86-64) kernel values. */
#define T_O_DIRECTORY  0040000
#define T_O_NOFOLLOW   0100000
#define T_O_DIRECT     0200000
#define T_O_LARGEFILE  0400000
#define H_O_DIRECT     0040000
#define H_O_LARGEFILE  0100000
#define H_O_DIRECTORY  0200000
#define H_O_NOFOLLOW   0400000
#define O_SWAPPED      (T_O_DIRECTORY | T_O_NOFOLLOW | T_O_DIRECT | T_O_LARGEFILE)

static int open_flags_to_host(int64_t f)
{
    int h = (int)(f & ~O_SWAPPED);

    if (f & T_O_DIRECTORY) h |= H_O_DIRECTORY;
    if (f & T_O_NOFOLLOW) h |= H_O_NOFOLLOW;
    if (f & T_O_DIRECT) h |= H_O_DIRECT;
    if (f & T_O_LARGEFILE) h |= H_O_LARGEFILE;
    return h;
}

static int open_flags_to_target(int h)
{
    int f = h & ~(H_O_DIRECTORY | H_O_NOFOLLOW | H_O_DIRECT | H_O_LARGEFILE);

    if (h & H_O_DIRECTORY) f |= T_O_DIRECTORY;
    if (h & H_O_NOFOLLOW) f |= T_O_NOFOLLOW;
    if (h & H_O_DIRECT) f |= T_O_DIRECT;
    if (h & H_O_LARGEFILE) f |= T_O_LARGEFILE;
    return f;
}

const char *user_path(const char *path, char *buf, size_t len)
{
    struct stat st;

    if (!user_config.sysroot || path[0] != '/') {
        return path;
    }
    if ((size_t)snprintf(buf, len, "%s%s", user_config.sysroot, path) >= len) {
        return path;
    }
    if (lstat(buf, &st) == 0) {
        return buf;
    }
    return path;
}

/* Is path /proc/self/exe (or /proc/<our pid>/exe)? */
bool is_proc_self_exe(const char *path)
{
    char mine[64];

    if (!strcmp(path, "/proc/self/exe") ||
        !strcmp(path, "/proc/thread-self/exe")) {
        return true;
    }
    snprintf(mine, sizeof(mine), "/proc/%d/exe", (int)getpid());
    return !strcmp(path, mine);
}

/* A guest path argument, validated and redirected into the sysroot. */
#define GUEST_PATH(var, addr)                                   \
    char var##_buf[PATH_MAX];                                   \
    const char *var = lock_user_string(addr);                   \
    if (!var) {                                                 \
        return -EFAULT;                                         \
    }                                                           \
    var = user_path(var, var##_buf, sizeof(var##_buf))

#define GUEST_BUF(var, addr, len, access)                       \
    void *var = lock_user((addr), (len), (access));             \
    if (!var) {                                                 \
        return -EFAULT;                                         \
    }

/* ------------------------------------------------------------------ */
/* struct stat                                                         */

struct target_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct target_stat) == 128, "arm64 struct stat is 128 bytes");

static int64_t put_stat(uint64_t addr, const struct stat *st)
{
    struct target_stat t;

    memset(&t, 0, sizeof(t));
    t.st_dev = st->st_dev;
    t.st_ino = st->st_ino;
    t.st_mode = st->st_mode;
    t.st_nlink = (uint32_t)st->st_nlink;
    t.st_uid = st->st_uid;
    t.st_gid = st->st_gid;
    t.st_rdev = st->st_rdev;
    t.st_size = st->st_size;
    t.st_blksize = (int32_t)st->st_blksize;
    t.st_blocks = st->st_blocks;
    t.st_atime_sec = st->st_atim.tv_sec;
    t.st_atime_nsec = st->st_atim.tv_nsec;
    t.st_mtime_sec = st->st_mtim.tv_sec;
    t.st_mtime_nsec = st->st_mtim.tv_nsec;
    t.st_ctime_sec = st->st_ctim.tv_sec;
    t.st_ctime_nsec = st->st_ctim.tv_nsec;
    return copy_to_user(addr, &t, sizeof(t));
}

static int64_t do_newfstatat(int dirfd, uint64_t upath, uint64_t ust, int flags)
{
    struct stat st;
    const char *p;
    char buf[PATH_MAX];
    long r;

    p = lock_user_string(upath);
    if (!p) {
        return -EFAULT;
    }
    if (is_proc_self_exe(p)) {
        p = user_config.exec_path;
    } else {
        p = user_path(p, buf, sizeof(buf));
    }
    r = syscall(SYS_newfstatat, dirfd, p, &st, flags);
    if (r < 0) {
        return -errno;
    }
    return put_stat(ust, &st);
}

/* ------------------------------------------------------------------ */
/* iovecs                                                              */


/* Build host iovecs for a guest array; the count, or -errno. */
int64_t lock_iovec(struct iovec *iov, uint64_t uiov, int64_t cnt,
                   int access)
{
    uint64_t g[2];

    if (cnt < 0 || cnt > T_IOV_MAX) {
        return -EINVAL;
    }
    for (int64_t i = 0; i < cnt; i++) {
        if (copy_from_user(g, uiov + 16 * i, 16)) {
            return -EFAULT;
        }
        if ((int64_t)g[1] < 0) {
            return -EINVAL;
        }
        iov[i].iov_len = g[1];
        iov[i].iov_base = lock_user(g[0], g[1], access);
        if (!iov[i].iov_base) {
            return -EFAULT;
        }
    }
    return cnt;
}

/* ------------------------------------------------------------------ */
/* ioctl                                                               */

static int64_t do_ioctl(int fd, uint64_t cmd, uint64_t arg)
{
    size_t size;
    int access;

    switch ((uint32_t)cmd) {
    case 0x5401:            /* TCGETS: struct termios (36 bytes, same layout) */
        size = 36; access = PAGE_WRITE; break;
    case 0x5402: case 0x5403: case 0x5404:  /* TCSETS, TCSETSW, TCSETSF */
        size = 36; access = PAGE_READ; break;
    case 0x5413:            /* TIOCGWINSZ */
        size = 8; access = PAGE_WRITE; break;
    case 0x5414:            /* TIOCSWINSZ */
        size = 8; access = PAGE_READ; break;
    case 0x541B:            /* FIONREAD */
    case 0x540F:            /* TIOCGPGRP */
    case 0x5429:            /* TIOCGSID */
    case 0x80045430:        /* TIOCGPTN */
        size = 4; access = PAGE_WRITE; break;
    case 0x5410:            /* TIOCSPGRP */
    case 0x5421:            /* FIONBIO */
    case 0x5452:            /* FIOASYNC */
    case 0x40045431:        /* TIOCSPTLCK */
        size = 4; access = PAGE_READ; break;
    case 0x5450: case 0x5451:   /* FIONCLEX, FIOCLEX */
    case 0x5409: case 0x540A: case 0x540B:  /* TCSBRK, TCXONC, TCFLSH */
    case 0x540E:            /* TIOCSCTTY */
    case 0x5422:            /* TIOCNOTTY */
        return host_ret(syscall(SYS_ioctl, fd, (unsigned long)cmd,
                                (unsigned long)arg));
    case 0x5441:            /* TIOCGPTPEER: arg = open flags, returns an fd */
        return host_ret(syscall(SYS_ioctl, fd, (unsigned long)cmd,
                                (unsigned long)open_flags_to_host((int64_t)arg)));
    default:
        tern_log_mask(LOG_UNIMP, "ioctl: unsupported command 0x%llx on fd %d\n",
                      (unsigned long long)cmd, fd);
        return -ENOTTY;
    }
    {
        GUEST_BUF(p, arg, size, access);
        return host_ret(safe_syscall(SYS_ioctl, fd, (unsigned long)cmd, p));
    }
}

/* ------------------------------------------------------------------ */
/* fcntl                                                               */

static int64_t do_fcntl(int fd, int cmd, uint64_t arg)
{
    switch (cmd) {
    case 0: case 1030:              /* F_DUPFD, F_DUPFD_CLOEXEC */
    case 1: case 2:                 /* F_GETFD, F_SETFD */
    case 8: case 9:                 /* F_SETOWN, F_GETOWN */
    case 10: case 11:               /* F_SETSIG, F_GETSIG */
    case 1024: case 1025: case 1026:/* F_SETLEASE, F_GETLEASE, F_NOTIFY */
    case 1031: case 1032:           /* F_SETPIPE_SZ, F_GETPIPE_SZ */
    case 1033: case 1034:           /* F_ADD_SEALS, F_GET_SEALS */
        return host_ret(syscall(SYS_fcntl, fd, cmd, (unsigned long)arg));
    case 3: {                       /* F_GETFL */
        long r = syscall(SYS_fcntl, fd, cmd);
        return r < 0 ? -errno : open_flags_to_target((int)r);
    }
    case 4:                         /* F_SETFL */
        return host_ret(syscall(SYS_fcntl, fd, cmd,
                                (unsigned long)open_flags_to_host((int64_t)arg)));
    case 5: case 36:                /* F_GETLK, F_OFD_GETLK: struct flock, 32 bytes */
    {
        GUEST_BUF(p, arg, 32, PAGE_WRITE);
        return host_ret(syscall(SYS_fcntl, fd, cmd, p));
    }
    case 6: case 7: case 37: case 38: /* F_SETLK(W), F_OFD_SETLK(W) */
    {
        GUEST_BUF(p, arg, 32, PAGE_READ);
        return host_ret(safe_syscall(SYS_fcntl, fd, cmd, p));   /* may wait */
    }
    case 15: case 16:               /* F_SETOWN_EX, F_GETOWN_EX: 8 bytes */
    {
        GUEST_BUF(p, arg, 8, cmd == 16 ? PAGE_WRITE : PAGE_READ);
        return host_ret(syscall(SYS_fcntl, fd, cmd, p));
    }
    default:
        tern_log_mask(LOG_UNIMP, "fcntl: unsupported command %d\n", cmd);
        return -EINVAL;
    }
}

/* ------------------------------------------------------------------ */
/* futex                                                               */

static int64_t do_futex(uint64_t uaddr, int op, uint32_t val, uint64_t timeout,
                        uint64_t uaddr2, uint32_t val3)
{
    int cmd = op & 0x7f;    /* without FUTEX_PRIVATE_FLAG / CLOCK_REALTIME */
    void *h1, *h2 = NULL, *ht = NULL;
    uintptr_t val2 = 0;

    h1 = lock_user(uaddr, 4, PAGE_READ);
    if (!h1 || (uaddr & 3)) {
        return h1 ? -EINVAL : -EFAULT;
    }
    switch (cmd) {
    case 0: case 6: case 9: case 11: case 13:
        /* WAIT, LOCK_PI, WAIT_BITSET, WAIT_REQUEUE_PI, LOCK_PI2: timespec */
        if (timeout) {
            ht = lock_user(timeout, 16, PAGE_READ);
            if (!ht) {
                return -EFAULT;
            }
        }
        break;
    default:
        /* REQUEUE, CMP_REQUEUE, WAKE_OP, CMP_REQUEUE_PI: a number. */
        val2 = (uintptr_t)timeout;
        break;
    }
    switch (cmd) {
    case 3: case 4: case 5: case 11: case 12:
        h2 = lock_user(uaddr2, 4, PAGE_READ);
        if (!h2) {
            return -EFAULT;
        }
        break;
    default:
        break;
    }
    return host_ret(safe_syscall(SYS_futex, h1, op, val, ht ? ht : (void *)val2,
                            h2, val3));
}

/* ------------------------------------------------------------------ */
/* prlimit                                                             */

static int64_t do_prlimit64(int pid, int res, uint64_t unew, uint64_t uold)
{
    uint64_t lim[2];
    void *old = NULL;

    if (uold) {
        old = lock_user(uold, 16, PAGE_WRITE);
        if (!old) {
            return -EFAULT;
        }
    }
    if (unew) {
        if (copy_from_user(lim, unew, 16)) {
            return -EFAULT;
        }
        /*
         * Address-space, data and stack limits would apply to tern's
         * host process (the guest reservation alone is 1 TiB): do not
         * pass them on, as qemu-aarch64 does not.
         */
        if (res == 9 || res == 2 || res == 3) {   /* AS, DATA, STACK */
            return host_ret(syscall(SYS_prlimit64, pid, res, NULL, old));
        }
        return host_ret(syscall(SYS_prlimit64, pid, res, lim, old));
    }
    return host_ret(syscall(SYS_prlimit64, pid, res, NULL, old));
}

/* ------------------------------------------------------------------ */
/* readlink                                                            */

static int64_t do_readlinkat(int dirfd, uint64_t upath, uint64_t ubuf,
                             int64_t size)
{
    const char *p = lock_user_string(upath);
    char pbuf[PATH_MAX];
    void *buf;

    if (!p) {
        return -EFAULT;
    }
    if (size <= 0) {
        return -EINVAL;
    }
    buf = lock_user(ubuf, size, PAGE_WRITE);
    if (!buf) {
        return -EFAULT;
    }
    if (is_proc_self_exe(p)) {
        size_t n = strlen(user_config.exec_path);
        if ((int64_t)n > size) {
            n = size;
        }
        memcpy(buf, user_config.exec_path, n);
        return (int64_t)n;
    }
    p = user_path(p, pbuf, sizeof(pbuf));
    return host_ret(syscall(SYS_readlinkat, dirfd, p, buf, (size_t)size));
}

static int64_t do_openat(int dirfd, uint64_t upath, int64_t flags, int mode)
{
    const char *p = lock_user_string(upath);
    char pbuf[PATH_MAX];
    int hflags = open_flags_to_host(flags);

    if (!p) {
        return -EFAULT;
    }
    if (is_proc_self_exe(p)) {
        return host_ret(syscall(SYS_openat, AT_FDCWD, user_config.exec_path,
                                hflags, mode));
    }
    {
        int64_t r;
        if (proc_open_emulated(p, hflags, &r)) {   /* procfs.c */
            return r;
        }
    }
    p = user_path(p, pbuf, sizeof(pbuf));
    return host_ret(safe_syscall(SYS_openat, dirfd, p, hflags, mode));
}

/* ------------------------------------------------------------------ */

void user_exit(int status)
{
    if (tern_log_enabled(LOG_STATS)) {
        FILE *f = tern_log_lock();
        tcg_dump_stats(f);
        tern_log_unlock(f);
    }
    fflush(stdout);
    fflush(stderr);
    _exit(status);
}

/*
 * timer_create: the host's timer, which signals the process (or a thread,
 * SIGEV_THREAD_ID: guest and host thread ids are the same) with the
 * guest's signal number and value; tern's handler queues it as any
 * other.  A guest signal the host cannot carry (32, 33, 64; guest glibc
 * uses 32 for SIGEV_THREAD timers) is sent as TERN_SIG_KICK, and
 * signal.c's table turns it back into the guest's signal and value.
 */
static int64_t do_timer_create(int clock, uint64_t uev, uint64_t uid)
{
    struct {
        uint64_t value;
        int32_t signo, notify;
        int32_t rest[12];
    } ev;
    int id, gsig = 0;
    uint64_t gvalue = 0;

    if (uev) {
        if (copy_from_user(&ev, uev, sizeof(ev))) {
            return -EFAULT;
        }
        if (ev.notify != 1 /* SIGEV_NONE */ && ev.signo >= 1 &&
            ev.signo <= TARGET_NSIG && !signal_host_can_carry(ev.signo)) {
            gsig = ev.signo;
            gvalue = ev.value;
            ev.signo = TERN_SIG_KICK;
        }
    }
    GUEST_BUF(p, uid, 4, PAGE_WRITE);
    if (syscall(SYS_timer_create, clock, uev ? &ev : NULL, &id) < 0) {
        return -errno;
    }
    if (gsig && !signal_timer_map(id, gsig, gvalue)) {
        syscall(SYS_timer_delete, id);
        return -EAGAIN;
    }
    memcpy(p, &id, 4);
    return 0;
}

static int64_t do_uname(uint64_t ubuf)
{
    struct utsname u;

    if (uname(&u) < 0) {
        return -errno;
    }
    snprintf(u.machine, sizeof(u.machine), "aarch64");
    return copy_to_user(ubuf, &u, sizeof(u));
}

static int64_t do_unimplemented(int num)
{
    const char *name = syscall_name(num);

    if (name) {
        tern_log_mask(LOG_UNIMP, "syscall %d (%s) not implemented\n", num, name);
    } else {
        tern_log_mask(LOG_UNIMP, "unknown syscall %d\n", num);
    }
    return -ENOSYS;
}

static int64_t dispatch(CPUARMState *env, int num, uint64_t a1, uint64_t a2,
                        uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6)
{
    switch (num) {
    /* --- files --------------------------------------------------- */
    case 63: {                                   /* read */
        GUEST_BUF(p, a2, a3, PAGE_WRITE);
        return host_ret(safe_syscall(SYS_read, (int)a1, p, a3));
    }
    case 64: {                                   /* write */
        GUEST_BUF(p, a2, a3, PAGE_READ);
        return host_ret(safe_syscall(SYS_write, (int)a1, p, a3));
    }
    case 65: case 66: case 69: case 70: {        /* readv writev preadv pwritev */
        struct iovec iov[T_IOV_MAX];
        bool rd = num == 65 || num == 69;
        int64_t n = lock_iovec(iov, a2, (int64_t)a3, rd ? PAGE_WRITE : PAGE_READ);
        if (n < 0) {
            return n;
        }
        switch (num) {
        case 65: return host_ret(safe_syscall(SYS_readv, (int)a1, iov, (int)n));
        case 66: return host_ret(safe_syscall(SYS_writev, (int)a1, iov, (int)n));
        case 69: return host_ret(safe_syscall(SYS_preadv, (int)a1, iov, (int)n, a4, 0));
        default: return host_ret(safe_syscall(SYS_pwritev, (int)a1, iov, (int)n, a4, 0));
        }
    }
    case 67: {                                   /* pread64 */
        GUEST_BUF(p, a2, a3, PAGE_WRITE);
        return host_ret(safe_syscall(SYS_pread64, (int)a1, p, a3, (off_t)a4));
    }
    case 68: {                                   /* pwrite64 */
        GUEST_BUF(p, a2, a3, PAGE_READ);
        return host_ret(safe_syscall(SYS_pwrite64, (int)a1, p, a3, (off_t)a4));
    }
    case 56:                                     /* openat */
        return do_openat((int)a1, a2, (int64_t)a3, (int)a4);
    case 57:                                     /* close */
        return host_ret(close((int)a1));
    case 62:                                     /* lseek */
        return host_ret(syscall(SYS_lseek, (int)a1, (off_t)a2, (int)a3));
    case 79:                                     /* newfstatat */
        return do_newfstatat((int)a1, a2, a3, (int)a4);
    case 80: {                                   /* fstat */
        struct stat st;
        if (syscall(SYS_fstat, (int)a1, &st) < 0) {
            return -errno;
        }
        return put_stat(a2, &st);
    }
    case 291: {                                  /* statx: same layout */
        GUEST_PATH(p, a2);
        GUEST_BUF(buf, a5, 256, PAGE_WRITE);
        return host_ret(syscall(SYS_statx, (int)a1, p, (int)a3, (unsigned)a4, buf));
    }
    case 61: {                                   /* getdents64: same layout */
        GUEST_BUF(p, a2, a3, PAGE_WRITE);
        return host_ret(syscall(SYS_getdents64, (int)a1, p, (unsigned)a3));
    }
    case 78:                                     /* readlinkat */
        return do_readlinkat((int)a1, a2, a3, (int64_t)a4);
    case 29:                                     /* ioctl */
        return do_ioctl((int)a1, a2, a3);
    case 25:                                     /* fcntl */
        return do_fcntl((int)a1, (int)a2, a3);
    case 23:                                     /* dup */
        return host_ret(dup((int)a1));
    case 24:                                     /* dup3 */
        return host_ret(dup3((int)a1, (int)a2, open_flags_to_host((int64_t)a3)));
    case 59: {                                   /* pipe2 */
        int fds[2];
        GUEST_BUF(p, a1, 8, PAGE_WRITE);
        if (pipe2(fds, open_flags_to_host((int64_t)a2)) < 0) {
            return -errno;
        }
        memcpy(p, fds, 8);
        return 0;
    }
    case 48: case 439: {                         /* faccessat, faccessat2 */
        GUEST_PATH(p, a2);
        if (num == 48) {
            return host_ret(syscall(SYS_faccessat, (int)a1, p, (int)a3));
        }
        return host_ret(syscall(SYS_faccessat2, (int)a1, p, (int)a3, (int)a4));
    }
    case 35: {                                   /* unlinkat */
        GUEST_PATH(p, a2);
        return host_ret(unlinkat((int)a1, p, (int)a3));
    }
    case 34: {                                   /* mkdirat */
        GUEST_PATH(p, a2);
        return host_ret(mkdirat((int)a1, p, (mode_t)a3));
    }
    case 38: case 276: {                         /* renameat, renameat2 */
        GUEST_PATH(from, a2);
        GUEST_PATH(to, a4);
        return host_ret(syscall(SYS_renameat2, (int)a1, from, (int)a3, to,
                                num == 276 ? (unsigned)a5 : 0));
    }
    case 36: {                                   /* symlinkat */
        const char *target = lock_user_string(a1);
        if (!target) {
            return -EFAULT;
        }
        GUEST_PATH(p, a3);
        return host_ret(symlinkat(target, (int)a2, p));
    }
    case 37: {                                   /* linkat */
        GUEST_PATH(from, a2);
        GUEST_PATH(to, a4);
        return host_ret(linkat((int)a1, from, (int)a3, to, (int)a5));
    }
    case 53: {                                   /* fchmodat */
        GUEST_PATH(p, a2);
        return host_ret(syscall(SYS_fchmodat, (int)a1, p, (mode_t)a3));
    }
    case 54: {                                   /* fchownat */
        GUEST_PATH(p, a2);
        return host_ret(fchownat((int)a1, p, (uid_t)a3, (gid_t)a4, (int)a5));
    }
    case 52: return host_ret(fchmod((int)a1, (mode_t)a2));
    case 55: return host_ret(fchown((int)a1, (uid_t)a2, (gid_t)a3));
    case 88: {                                   /* utimensat */
        const char *p = NULL;
        char pbuf[PATH_MAX];
        void *ts = NULL;
        if (a2) {
            p = lock_user_string(a2);
            if (!p) {
                return -EFAULT;
            }
            p = user_path(p, pbuf, sizeof(pbuf));
        }
        if (a3) {
            ts = lock_user(a3, 32, PAGE_READ);
            if (!ts) {
                return -EFAULT;
            }
        }
        return host_ret(syscall(SYS_utimensat, (int)a1, p, ts, (int)a4));
    }
    case 46: return host_ret(ftruncate((int)a1, (off_t)a2));
    case 45: {                                   /* truncate */
        GUEST_PATH(p, a1);
        return host_ret(truncate(p, (off_t)a2));
    }
    case 47: return host_ret(fallocate((int)a1, (int)a2, (off_t)a3, (off_t)a4));
    case 82: return host_ret(fsync((int)a1));
    case 83: return host_ret(fdatasync((int)a1));
    case 81: sync(); return 0;
    case 32: return host_ret(safe_syscall(SYS_flock, (int)a1, (int)a2));
    case 223:                                    /* fadvise64 */
        return -posix_fadvise((int)a1, (off_t)a2, (off_t)a3, (int)a4);
    case 43: case 44: {                          /* statfs, fstatfs: same layout (120 bytes) */
        GUEST_BUF(buf, a2, 120, PAGE_WRITE);
        if (num == 44) {
            return host_ret(syscall(SYS_fstatfs, (int)a1, buf));
        } else {
            GUEST_PATH(p, a1);
            return host_ret(syscall(SYS_statfs, p, buf));
        }
    }
    case 17: {                                   /* getcwd */
        GUEST_BUF(p, a1, a2, PAGE_WRITE);
        return host_ret(syscall(SYS_getcwd, p, (size_t)a2));
    }
    case 49: {                                   /* chdir */
        GUEST_PATH(p, a1);
        return host_ret(chdir(p));
    }
    case 50: return host_ret(fchdir((int)a1));
    case 166: return umask((mode_t)a1);
    case 436:                                    /* close_range */
        return host_ret(syscall(SYS_close_range, (unsigned)a1, (unsigned)a2,
                                (unsigned)a3));

    /* --- process ------------------------------------------------- */
    case 93:                                     /* exit: this thread */
        if (tern_log_enabled(LOG_STRACE)) {
            tern_log("\n");
        }
        do_thread_exit((int)a1);
    case 94:                                     /* exit_group */
        if (tern_log_enabled(LOG_STRACE)) {
            tern_log("\n");
        }
        user_exit((int)a1);
    case 220:                                    /* clone */
        return do_clone(env, a1, a2, a3, a4, a5);
    case 221:                                    /* execve */
        return do_execve(a1, a2, a3);
    case 260:                                    /* wait4 */
        return do_wait4((int)a1, a2, (int)a3, a4);
    case 95:                                     /* waitid */
        return do_waitid((int)a1, (int)a2, a3, (int)a4, a5);
    case 172: return getpid();
    case 173: return getppid();
    case 178: return syscall(SYS_gettid);
    case 174: return getuid();
    case 175: return geteuid();
    case 176: return getgid();
    case 177: return getegid();
    case 148: case 150: {                        /* getresuid, getresgid */
        unsigned int r[3];
        long ret = syscall(num == 148 ? SYS_getresuid : SYS_getresgid,
                           &r[0], &r[1], &r[2]);
        if (ret < 0) {
            return -errno;
        }
        if (copy_to_user(a1, &r[0], 4) || copy_to_user(a2, &r[1], 4) ||
            copy_to_user(a3, &r[2], 4)) {
            return -EFAULT;
        }
        return 0;
    }
    /*
     * Credentials: the raw calls, which change only the calling thread,
     * as the kernel does; guest glibc makes them process-wide itself by
     * running the call in every thread (signal 33, queued by tern).
     */
    case 146: return host_ret(syscall(SYS_setuid, (uid_t)a1));
    case 144: return host_ret(syscall(SYS_setgid, (gid_t)a1));
    case 145: return host_ret(syscall(SYS_setreuid, (uid_t)a1, (uid_t)a2));
    case 143: return host_ret(syscall(SYS_setregid, (gid_t)a1, (gid_t)a2));
    case 147: return host_ret(syscall(SYS_setresuid, (uid_t)a1, (uid_t)a2,
                                      (uid_t)a3));
    case 149: return host_ret(syscall(SYS_setresgid, (gid_t)a1, (gid_t)a2,
                                      (gid_t)a3));
    case 151: return syscall(SYS_setfsuid, (uid_t)a1);  /* the old id */
    case 152: return syscall(SYS_setfsgid, (gid_t)a1);
    case 159: {                                  /* setgroups */
        if ((int)a1 < 0 || (int)a1 > 65536) {
            return -EINVAL;
        }
        GUEST_BUF(p, a2, (uint64_t)(int)a1 * 4, PAGE_READ);
        return host_ret(syscall(SYS_setgroups, (int)a1, p));
    }
    case 158: {                                  /* getgroups */
        if ((int)a1 < 0) {
            return -EINVAL;
        }
        GUEST_BUF(p, a2, (uint64_t)(int)a1 * 4, PAGE_WRITE);
        return host_ret(syscall(SYS_getgroups, (int)a1, p));
    }
    case 155: return host_ret(getpgid((pid_t)a1));
    case 154: return host_ret(setpgid((pid_t)a1, (pid_t)a2));
    case 156: return host_ret(getsid((pid_t)a1));
    case 157: return host_ret(setsid());
    case 96:                                     /* set_tid_address */
        thread_ts->clear_child_tid = a1;
        return syscall(SYS_gettid);
    case 99:                                     /* set_robust_list */
        /*
         * The kernel would walk the list at exit with host pointers,
         * but the list holds guest addresses: refuse, as glibc copes.
         */
        return -ENOSYS;
    case 293:                                    /* rseq: refused cleanly */
        return -ENOSYS;
    case 261:                                    /* prlimit64 */
        return do_prlimit64((int)a1, (int)a2, a3, a4);
    case 163: {                                  /* getrlimit */
        return do_prlimit64(0, (int)a1, 0, a2);
    }
    case 164:                                    /* setrlimit */
        return do_prlimit64(0, (int)a1, a2, 0);
    case 165: {                                  /* getrusage: same layout */
        GUEST_BUF(p, a2, 144, PAGE_WRITE);
        return host_ret(syscall(SYS_getrusage, (int)a1, p));
    }
    case 153: {                                  /* times */
        if (a1) {
            GUEST_BUF(p, a1, 32, PAGE_WRITE);
            return host_ret(syscall(SYS_times, p));
        }
        return host_ret(syscall(SYS_times, NULL));
    }
    case 179: {                                  /* sysinfo: same layout */
        GUEST_BUF(p, a1, 112, PAGE_WRITE);
        return host_ret(syscall(SYS_sysinfo, p));
    }
    case 160:                                    /* uname */
        return do_uname(a1);
    case 167:                                    /* prctl */
        switch ((int)a1) {
        case 15: {                               /* PR_SET_NAME */
            GUEST_BUF(p, a2, 16, PAGE_READ);
            return host_ret(syscall(SYS_prctl, 15, p, 0, 0, 0));
        }
        case 16: {                               /* PR_GET_NAME */
            GUEST_BUF(p, a2, 16, PAGE_WRITE);
            return host_ret(syscall(SYS_prctl, 16, p, 0, 0, 0));
        }
        case 1: case 2:                          /* PR_SET/GET_PDEATHSIG */
            if ((int)a1 == 2) {
                int sig;
                long r = syscall(SYS_prctl, 2, &sig, 0, 0, 0);
                if (r < 0) {
                    return -errno;
                }
                return copy_to_user(a2, &sig, 4);
            }
            return host_ret(syscall(SYS_prctl, 1, (unsigned long)a2, 0, 0, 0));
        case 3: case 4:                          /* PR_GET/SET_DUMPABLE */
            return host_ret(syscall(SYS_prctl, (int)a1, (unsigned long)a2, 0, 0, 0));
        default:
            tern_log_mask(LOG_UNIMP, "prctl option %d not implemented\n", (int)a1);
            return -EINVAL;
        }
    case 278: {                                  /* getrandom */
        GUEST_BUF(p, a1, a2, PAGE_WRITE);
        return host_ret(syscall(SYS_getrandom, p, (size_t)a2, (unsigned)a3));
    }
    case 123: {                                  /* sched_getaffinity */
        GUEST_BUF(p, a3, a2, PAGE_WRITE);
        return host_ret(syscall(SYS_sched_getaffinity, (pid_t)a1, (size_t)a2, p));
    }
    case 122: {                                  /* sched_setaffinity */
        GUEST_BUF(p, a3, a2, PAGE_READ);
        return host_ret(syscall(SYS_sched_setaffinity, (pid_t)a1, (size_t)a2, p));
    }
    case 124: return host_ret(sched_yield());
    case 120: return host_ret(syscall(SYS_sched_getscheduler, (pid_t)a1));
    case 121: {
        GUEST_BUF(p, a2, 4, PAGE_WRITE);
        return host_ret(syscall(SYS_sched_getparam, (pid_t)a1, p));
    }
    case 118: {                                  /* sched_setparam */
        GUEST_BUF(p, a2, 4, PAGE_READ);
        return host_ret(syscall(SYS_sched_setparam, (pid_t)a1, p));
    }
    case 119: {                                  /* sched_setscheduler */
        GUEST_BUF(p, a3, 4, PAGE_READ);
        return host_ret(syscall(SYS_sched_setscheduler, (pid_t)a1, (int)a2, p));
    }
    case 127: {                                  /* sched_rr_get_interval */
        GUEST_BUF(p, a2, 16, PAGE_WRITE);
        return host_ret(syscall(SYS_sched_rr_get_interval, (pid_t)a1, p));
    }
    case 90: case 91: {                          /* capget, capset */
        /* header {version, pid}; data: 1 struct (v1) or 2 (v2, v3) of 12 bytes */
        uint32_t hdr[2];
        void *data = NULL;
        if (copy_from_user(hdr, a1, 8)) {
            return -EFAULT;
        }
        if (a2) {
            size_t len = hdr[0] == 0x19980330 ? 12 : 24;
            if (!(data = lock_user(a2, len, num == 90 ? PAGE_WRITE : PAGE_READ))) {
                return -EFAULT;
            }
        }
        int64_t r = host_ret(syscall(num == 90 ? SYS_capget : SYS_capset, hdr, data));
        /* The kernel reports the version it prefers in the header. */
        if (copy_to_user(a1, hdr, 8)) {
            return -EFAULT;
        }
        return r;
    }
    case 92:                                     /* personality */
        /* Queries (0xffffffff) and PER_LINUX are the host's; the guest
         * cannot change how tern itself runs. */
        if ((uint32_t)a1 == 0xffffffffu || (uint32_t)a1 == 0) {
            return host_ret(syscall(SYS_personality, (unsigned long)(uint32_t)a1));
        }
        return -EINVAL;
    case 283:                                    /* membarrier */
        /* Guest threads are host threads: the host's barrier covers them. */
        return host_ret(syscall(SYS_membarrier, (int)a1, (unsigned)a2, (int)a3));
    case 434:                                    /* pidfd_open */
        return host_ret(syscall(SYS_pidfd_open, (pid_t)a1, (unsigned)a2));
    case 424: {                                  /* pidfd_send_signal */
        void *info = NULL;
        if ((int)a2 < 0 || (int)a2 > TARGET_NSIG ||
            ((int)a2 && !signal_host_can_carry((int)a2))) {
            return -EINVAL;     /* 32, 33, 64 cannot travel through the host */
        }
        if (a3 && !(info = lock_user(a3, 128, PAGE_READ))) {
            return -EFAULT;
        }
        return host_ret(syscall(SYS_pidfd_send_signal, (int)a1, (int)a2, info,
                                (unsigned)a4));
    }
    case 125: case 126:
        return host_ret(syscall(num == 125 ? SYS_sched_get_priority_max
                                           : SYS_sched_get_priority_min, (int)a1));
    case 141: return host_ret(syscall(SYS_getpriority, (int)a1, (int)a2));
    case 140: return host_ret(syscall(SYS_setpriority, (int)a1, (int)a2, (int)a3));
    case 168: {                                  /* getcpu */
        unsigned cpu, node;
        if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0) {
            return -errno;
        }
        if ((a1 && copy_to_user(a1, &cpu, 4)) || (a2 && copy_to_user(a2, &node, 4))) {
            return -EFAULT;
        }
        return 0;
    }

    /* --- memory -------------------------------------------------- */
    case 214:                                    /* brk */
        return (int64_t)target_brk(a1);
    case 222:                                    /* mmap */
        return target_mmap(a1, a2, (int)a3, (int)a4, (int)a5, (int64_t)a6);
    case 215:                                    /* munmap */
        return target_munmap(a1, a2);
    case 226:                                    /* mprotect */
        return target_mprotect(a1, a2, (int)a3);
    case 216:                                    /* mremap */
        return target_mremap(a1, a2, a3, (int)a4, a5);
    case 233:                                    /* madvise */
        return target_madvise(a1, a2, (int)a3);
    case 227:                                    /* msync */
        if (!page_check_range(a1, a2, 0)) {
            return -ENOMEM;
        }
        return host_ret(msync(g2h(a1), a2, (int)a3));
    case 228: case 229: case 230: case 231: case 284:  /* mlock family */
        return 0;
    case 232: {                                  /* mincore */
        if (!page_check_range(a1, a2, 0)) {
            return -ENOMEM;
        }
        GUEST_BUF(vec, a3, (a2 + GUEST_PAGE_SIZE - 1) >> GUEST_PAGE_BITS, PAGE_WRITE);
        return host_ret(mincore(g2h(a1), a2, vec));
    }

    /* --- time ---------------------------------------------------- */
    case 113: case 114: {                        /* clock_gettime, clock_getres */
        if (!a2) {
            return host_ret(syscall(num == 113 ? SYS_clock_gettime : SYS_clock_getres,
                                    (int)a1, NULL));
        }
        GUEST_BUF(p, a2, 16, PAGE_WRITE);
        return host_ret(syscall(num == 113 ? SYS_clock_gettime : SYS_clock_getres,
                                (int)a1, p));
    }
    case 169: {                                  /* gettimeofday */
        void *tv = NULL, *tz = NULL;
        if (a1 && !(tv = lock_user(a1, 16, PAGE_WRITE))) {
            return -EFAULT;
        }
        if (a2 && !(tz = lock_user(a2, 8, PAGE_WRITE))) {
            return -EFAULT;
        }
        return host_ret(syscall(SYS_gettimeofday, tv, tz));
    }
    case 101: {                                  /* nanosleep */
        void *rem = NULL;
        GUEST_BUF(req, a1, 16, PAGE_READ);
        if (a2 && !(rem = lock_user(a2, 16, PAGE_WRITE))) {
            return -EFAULT;
        }
        return host_ret(safe_syscall(SYS_nanosleep, req, rem));
    }
    case 115: {                                  /* clock_nanosleep */
        void *rem = NULL;
        GUEST_BUF(req, a3, 16, PAGE_READ);
        if (a4 && !(rem = lock_user(a4, 16, PAGE_WRITE))) {
            return -EFAULT;
        }
        return host_ret(safe_syscall(SYS_clock_nanosleep, (int)a1, (int)a2, req, rem));
    }

    case 102: {                                  /* getitimer: same layout */
        GUEST_BUF(p, a2, 32, PAGE_WRITE);
        return host_ret(syscall(SYS_getitimer, (int)a1, p));
    }
    case 103: {                                  /* setitimer */
        void *old = NULL;
        GUEST_BUF(p, a2, 32, PAGE_READ);
        if (a3 && !(old = lock_user(a3, 32, PAGE_WRITE))) {
            return -EFAULT;
        }
        return host_ret(syscall(SYS_setitimer, (int)a1, p, old));
    }

    /* POSIX timers: struct sigevent and itimerspec are alike on both. */
    case 107:                                    /* timer_create */
        return do_timer_create((int)a1, a2, a3);
    case 108: {                                  /* timer_gettime */
        GUEST_BUF(p, a2, 32, PAGE_WRITE);
        return host_ret(syscall(SYS_timer_gettime, (int)a1, p));
    }
    case 109:                                    /* timer_getoverrun */
        return host_ret(syscall(SYS_timer_getoverrun, (int)a1));
    case 110: {                                  /* timer_settime */
        void *old = NULL;
        GUEST_BUF(p, a3, 32, PAGE_READ);
        if (a4 && !(old = lock_user(a4, 32, PAGE_WRITE))) {
            return -EFAULT;
        }
        return host_ret(syscall(SYS_timer_settime, (int)a1, (int)a2, p, old));
    }
    case 111: {                                  /* timer_delete */
        int64_t r = host_ret(syscall(SYS_timer_delete, (int)a1));
        if (r == 0) {
            signal_timer_unmap((int)a1);
        }
        return r;
    }

    /* --- signals ------------------------------------------------- */
    case 134:                                    /* rt_sigaction */
        return do_rt_sigaction((int)a1, a2, a3, a4);
    case 135:                                    /* rt_sigprocmask */
        return do_rt_sigprocmask((int)a1, a2, a3, a4);
    case 132:                                    /* sigaltstack */
        return do_sigaltstack(a1, a2, env->xregs[31]);
    case 139:                                    /* rt_sigreturn */
        return do_rt_sigreturn(env);
    case 133:                                    /* rt_sigsuspend */
        return do_rt_sigsuspend(a1, a2);
    case 136:                                    /* rt_sigpending */
        return do_rt_sigpending(a1, a2);
    case 137:                                    /* rt_sigtimedwait */
        return do_rt_sigtimedwait(a1, a2, a3, a4);
    case 129:                                    /* kill */
        if ((pid_t)a1 == getpid() && (int)a2 >= 1 &&
            (int)a2 <= TARGET_NSIG && !signal_host_can_carry((int)a2)) {
            /* A signal the host cannot carry (host glibc's 32, 33;
             * tern's 64): queued to this thread. */
            return do_tkill(-1, (int)syscall(SYS_gettid), (int)a2);
        }
        return host_ret(kill((pid_t)a1, (int)a2));
    case 130:                                    /* tkill */
        return do_tkill(-1, (int)a1, (int)a2);
    case 131:                                    /* tgkill */
        return do_tkill((int)a1, (int)a2, (int)a3);
    case 138:                                    /* rt_sigqueueinfo */
        return do_sigqueueinfo((int)a1, -1, (int)a2, a3);
    case 240:                                    /* rt_tgsigqueueinfo */
        return do_sigqueueinfo((int)a1, (int)a2, (int)a3, a4);

    /* --- threads ------------------------------------------------- */
    case 98:                                     /* futex */
        return do_futex(a1, (int)a2, (uint32_t)a3, a4, a5, (uint32_t)a6);

    default: {
        int64_t ret;
        if (do_io_syscall(num, a1, a2, a3, a4, a5, a6, &ret) ||
            do_fd_syscall(num, a1, a2, a3, a4, a5, a6, &ret) ||
            do_file_syscall(num, a1, a2, a3, a4, a5, a6, &ret)) {
            return ret;
        }
        return do_unimplemented(num);
    }
    }
}

int64_t do_syscall(CPUARMState *env, int num, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6)
{
    int64_t ret;

    if (tern_log_enabled(LOG_STRACE)) {
        uint64_t args[6] = { a1, a2, a3, a4, a5, a6 };
        strace_print_call(num, args);
    }
    ret = dispatch(env, num, a1, a2, a3, a4, a5, a6);
    if (tern_log_enabled(LOG_STRACE)) {
        /* rt_sigreturn "returns" the restored x0. */
        strace_print_ret(num, ret == -TERN_ESIGRETURN ? (int64_t)env->xregs[0]
                                                      : ret);
    }
    return ret;
}
