/*
 * Waiting for file descriptors and sockets: ppoll, pselect6, epoll,
 * eventfd2, and the BSD socket calls.
 *
 * Same layout on arm64 and x86-64, passed through after checking the
 * guest buffers: struct pollfd (8 bytes), fd_set (bitmaps of 64-bit
 * words), timespec, sockaddr of every family, socklen_t, socket options
 * (both use asm-generic's SOL_SOCKET numbering), struct msghdr (56 bytes)
 * and cmsghdr, iovecs.  SOCK_NONBLOCK/SOCK_CLOEXEC, EFD_* and
 * EPOLL_CLOEXEC are O_NONBLOCK/O_CLOEXEC, which are the same on both.
 *
 * Translated: struct epoll_event is {u32 events; u32 pad; u64 data}
 * (16 bytes) on arm64 and packed (12 bytes) on x86-64.
 *
 * The signal mask of ppoll/pselect6/epoll_pwait applies during the wait
 * (the host waits with it, minus the signals tern needs); when the wait
 * is interrupted, the handlers run under it and the old mask comes back
 * afterwards, as Linux does (signal.c: signal_temp_mask_*).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/user-internal.h"

#define RW (PAGE_READ | PAGE_WRITE)


/* An optional guest buffer: NULL for address 0; false: -EFAULT. */
static bool opt_buf(uint64_t addr, uint64_t len, int access, void **out)
{
    *out = NULL;
    if (!addr) {
        return true;
    }
    *out = lock_user(addr, len, access);
    return *out != NULL;
}

/* ------------------------------------------------------------------ */
/* ppoll, pselect6                                                     */

static int64_t do_ppoll(uint64_t ufds, uint64_t nfds, uint64_t uts,
                        uint64_t uset, uint64_t setsize)
{
    void *fds, *ts;
    uint64_t gmask = 0;
    sigset_t hset;
    long r;

    if (nfds > (1u << 20)) {
        return -EINVAL;
    }
    if (!opt_buf(ufds, nfds * 8, RW, &fds) || (nfds && !fds) ||
        !opt_buf(uts, 16, PAGE_READ, &ts)) {
        return -EFAULT;
    }
    if (uset) {
        int e = signal_temp_mask_begin(uset, setsize, &gmask, &hset);
        if (e) {
            return e;
        }
    }
    r = safe_syscall(SYS_ppoll, fds, (unsigned long)nfds, ts, uset ? &hset : NULL,
                (size_t)8);
    r = host_ret(r);
    if (uset) {
        signal_temp_mask_end(gmask, r == -EINTR);
    }
    return r;
}

static int64_t do_pselect6(int64_t nfds, uint64_t ur, uint64_t uw, uint64_t ue,
                           uint64_t uts, uint64_t usig)
{
    void *r = NULL, *w = NULL, *e = NULL, *ts = NULL;
    uint64_t sig[2] = { 0, 0 }, gmask = 0;
    struct { sigset_t *set; size_t len; } hsig;
    sigset_t hset;
    size_t bytes;
    long ret;

    if (nfds < 0 || nfds > 1 << 20) {
        return -EINVAL;
    }
    bytes = (size_t)(nfds + 63) / 64 * 8;
    if (!opt_buf(ur, bytes, RW, &r) || !opt_buf(uw, bytes, RW, &w) ||
        !opt_buf(ue, bytes, RW, &e) || !opt_buf(uts, 16, PAGE_READ, &ts)) {
        return -EFAULT;
    }
    if (usig && copy_from_user(sig, usig, 16)) {
        return -EFAULT;
    }
    if (sig[0]) {
        int err = signal_temp_mask_begin(sig[0], sig[1], &gmask, &hset);
        if (err) {
            return err;
        }
    }
    hsig.set = &hset;
    hsig.len = 8;
    ret = host_ret(safe_syscall(SYS_pselect6, (int)nfds, r, w, e, ts,
                       sig[0] ? &hsig : NULL));
    if (sig[0]) {
        signal_temp_mask_end(gmask, ret == -EINTR);
    }
    return ret;
}

/* ------------------------------------------------------------------ */
/* epoll                                                               */

static int64_t do_epoll_ctl(int epfd, int op, int fd, uint64_t uev)
{
    struct epoll_event hev;
    struct { uint32_t events, pad; uint64_t data; } gev;

    if (!uev) {
        return host_ret(epoll_ctl(epfd, op, fd, NULL));
    }
    if (copy_from_user(&gev, uev, 16)) {
        return -EFAULT;
    }
    hev.events = gev.events;
    hev.data.u64 = gev.data;
    return host_ret(epoll_ctl(epfd, op, fd, &hev));
}

#define EPOLL_HOST_MAX 1024

static int64_t do_epoll_wait(int epfd, uint64_t uev, int maxevents,
                             int timeout_ms, uint64_t uts, bool pwait2,
                             uint64_t uset, uint64_t setsize)
{
    struct epoll_event hev[EPOLL_HOST_MAX];
    uint64_t gmask = 0;
    sigset_t hset;
    void *ts = NULL;
    int n, max;
    long r;

    if (maxevents <= 0 || maxevents > INT32_MAX / 16) {
        return -EINVAL;
    }
    if (!lock_user(uev, (uint64_t)maxevents * 16, PAGE_WRITE)) {
        return -EFAULT;
    }
    if (pwait2 && !opt_buf(uts, 16, PAGE_READ, &ts)) {
        return -EFAULT;
    }
    if (uset) {
        int e = signal_temp_mask_begin(uset, setsize, &gmask, &hset);
        if (e) {
            return e;
        }
    }
    /* Fewer at a time is allowed: the rest stay ready for the next call. */
    max = maxevents < EPOLL_HOST_MAX ? maxevents : EPOLL_HOST_MAX;
    if (pwait2) {
        r = safe_syscall(SYS_epoll_pwait2, epfd, hev, max, ts, uset ? &hset : NULL,
                    (size_t)8);
    } else {
        r = safe_syscall(SYS_epoll_pwait, epfd, hev, max, timeout_ms,
                    uset ? &hset : NULL, (size_t)8);
    }
    r = host_ret(r);
    if (uset) {
        signal_temp_mask_end(gmask, r == -EINTR);
    }
    n = r > 0 ? (int)r : 0;
    for (int i = 0; i < n; i++) {
        struct { uint32_t events, pad; uint64_t data; } gev;
        gev.events = hev[i].events;
        gev.pad = 0;
        gev.data = hev[i].data.u64;
        if (copy_to_user(uev + 16 * (uint64_t)i, &gev, 16)) {
            return -EFAULT;
        }
    }
    return r;
}

/* ------------------------------------------------------------------ */
/* Sockets                                                             */

/*
 * A (sockaddr *, socklen_t *) pair the kernel fills in: host pointers
 * (both NULL when the address is 0); 0 or -errno.
 */
static int sockaddr_out(uint64_t uaddr, uint64_t ulen, void **addr,
                        socklen_t **len)
{
    *addr = NULL;
    *len = NULL;
    if (!uaddr) {
        return 0;
    }
    *len = lock_user(ulen, 4, RW);
    if (!*len) {
        return -EFAULT;
    }
    if ((int)**len < 0) {
        return -EINVAL;
    }
    *addr = lock_user(uaddr, **len, PAGE_WRITE);
    return *addr ? 0 : -EFAULT;
}

/* sendmsg / recvmsg: the guest's struct msghdr (same 56-byte layout). */
static int64_t do_msg(int num, int fd, uint64_t umsg, int flags)
{
    bool recv = num == 212;
    struct iovec iov[T_IOV_MAX];
    struct msghdr m;
    uint64_t g[7];
    int64_t n;
    long r;

    if (copy_from_user(g, umsg, 56)) {
        return -EFAULT;
    }
    memset(&m, 0, sizeof(m));
    m.msg_namelen = (uint32_t)g[1];
    if (g[0] && !(m.msg_name = lock_user(g[0], m.msg_namelen,
                                         recv ? PAGE_WRITE : PAGE_READ))) {
        return -EFAULT;
    }
    n = lock_iovec(iov, g[2], (int64_t)g[3], recv ? PAGE_WRITE : PAGE_READ);
    if (n < 0) {
        return n;
    }
    m.msg_iov = iov;
    m.msg_iovlen = (size_t)n;
    m.msg_controllen = g[5];
    if (g[4] && !(m.msg_control = lock_user(g[4], g[5],
                                            recv ? PAGE_WRITE : PAGE_READ))) {
        return -EFAULT;
    }
    m.msg_flags = (int)g[6];
    r = host_ret(safe_syscall(recv ? SYS_recvmsg : SYS_sendmsg, fd, &m, flags));
    if (recv && r >= 0) {
        uint32_t namelen = m.msg_namelen;
        uint64_t controllen = m.msg_controllen;
        int32_t mflags = m.msg_flags;
        if (copy_to_user(umsg + 8, &namelen, 4) ||
            copy_to_user(umsg + 40, &controllen, 8) ||
            copy_to_user(umsg + 48, &mflags, 4)) {
            return -EFAULT;
        }
    }
    return r;
}

static int64_t do_socket_call(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                              uint64_t a4, uint64_t a5, uint64_t a6)
{
    int fd = (int)a1;
    void *addr, *buf;
    socklen_t *len;
    int e;

    switch (num) {
    case 198:                                   /* socket */
        return host_ret(socket((int)a1, (int)a2, (int)a3));
    case 199: {                                 /* socketpair */
        int sv[2];
        if (!lock_user(a4, 8, PAGE_WRITE)) {
            return -EFAULT;
        }
        if (socketpair((int)a1, (int)a2, (int)a3, sv) < 0) {
            return -errno;
        }
        return copy_to_user(a4, sv, 8);
    }
    case 200: case 203:                         /* bind, connect */
        if (!opt_buf(a2, (uint32_t)a3, PAGE_READ, &addr)) {
            return -EFAULT;
        }
        return host_ret(safe_syscall(num == 200 ? SYS_bind : SYS_connect, fd, addr,
                            (socklen_t)a3));
    case 201:                                   /* listen */
        return host_ret(listen(fd, (int)a2));
    case 210:                                   /* shutdown */
        return host_ret(shutdown(fd, (int)a2));
    case 202: case 242:                         /* accept, accept4 */
    case 204: case 205:                         /* getsockname, getpeername */
        e = sockaddr_out(a2, a3, &addr, &len);
        if (e) {
            return e;
        }
        switch (num) {
        case 202: return host_ret(safe_syscall(SYS_accept4, fd, addr, len, 0));
        case 242: return host_ret(safe_syscall(SYS_accept4, fd, addr, len, (int)a4));
        case 204: return host_ret(syscall(SYS_getsockname, fd, addr, len));
        default:  return host_ret(syscall(SYS_getpeername, fd, addr, len));
        }
    case 206:                                   /* sendto */
        if (!opt_buf(a2, a3, PAGE_READ, &buf) || (a3 && !buf) ||
            !opt_buf(a5, (uint32_t)a6, PAGE_READ, &addr)) {
            return -EFAULT;
        }
        return host_ret(safe_syscall(SYS_sendto, fd, buf, (size_t)a3, (int)a4, addr,
                            (socklen_t)a6));
    case 207:                                   /* recvfrom */
        if (!opt_buf(a2, a3, PAGE_WRITE, &buf) || (a3 && !buf)) {
            return -EFAULT;
        }
        e = sockaddr_out(a5, a6, &addr, &len);
        if (e) {
            return e;
        }
        return host_ret(safe_syscall(SYS_recvfrom, fd, buf, (size_t)a3, (int)a4, addr,
                            len));
    case 208:                                   /* setsockopt */
        if (!opt_buf(a4, (uint32_t)a5, PAGE_READ, &buf)) {
            return -EFAULT;
        }
        return host_ret(setsockopt(fd, (int)a2, (int)a3, buf, (socklen_t)a5));
    case 209:                                   /* getsockopt */
        len = lock_user(a5, 4, RW);
        if (!len) {
            return -EFAULT;
        }
        if ((int)*len < 0) {
            return -EINVAL;
        }
        if (!opt_buf(a4, *len, PAGE_WRITE, &buf)) {
            return -EFAULT;
        }
        return host_ret(getsockopt(fd, (int)a2, (int)a3, buf, len));
    case 211: case 212:                         /* sendmsg, recvmsg */
        return do_msg(num, fd, a2, (int)a3);
    default:
        return -ENOSYS;
    }
}

/* ------------------------------------------------------------------ */

bool do_io_syscall(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret)
{
    switch (num) {
    case 73:                                    /* ppoll */
        *ret = do_ppoll(a1, a2, a3, a4, a5);
        return true;
    case 72:                                    /* pselect6 */
        *ret = do_pselect6((int64_t)(int)a1, a2, a3, a4, a5, a6);
        return true;
    case 20:                                    /* epoll_create1 */
        *ret = host_ret(epoll_create1((int)a1));
        return true;
    case 21:                                    /* epoll_ctl */
        *ret = do_epoll_ctl((int)a1, (int)a2, (int)a3, a4);
        return true;
    case 22:                                    /* epoll_pwait */
        *ret = do_epoll_wait((int)a1, a2, (int)a3, (int)a4, 0, false, a5, a6);
        return true;
    case 441:                                   /* epoll_pwait2 */
        *ret = do_epoll_wait((int)a1, a2, (int)a3, 0, a4, true, a5, a6);
        return true;
    case 19:                                    /* eventfd2 */
        *ret = host_ret(syscall(SYS_eventfd2, (unsigned)a1, (int)a2));
        return true;
    case 279: {                                 /* memfd_create */
        /* MFD_* flags are the same numbers on both sides. */
        const char *name = lock_user_string(a1);
        *ret = name ? host_ret(syscall(SYS_memfd_create, name, (unsigned)a2))
                    : -EFAULT;
        return true;
    }
    case 198: case 199: case 200: case 201: case 202: case 203: case 204:
    case 205: case 206: case 207: case 208: case 209: case 210: case 211:
    case 212: case 242:
        *ret = do_socket_call(num, a1, a2, a3, a4, a5, a6);
        return true;
    default:
        return false;
    }
}
