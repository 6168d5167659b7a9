/*
 * More descriptor-based calls: sendfile, sendmmsg/recvmmsg, signalfd4,
 * timerfd_*, inotify_*.
 *
 * Their structures have the same layout on arm64 and x86-64 (loff_t,
 * struct mmsghdr = msghdr + msg_len padded to 64 bytes, itimerspec,
 * signalfd_siginfo and inotify_event read from the descriptors), and the
 * flags are O_NONBLOCK / O_CLOEXEC with the same values, so after the
 * guest buffers are checked they go to the host.  signalfd sees the
 * signals the guest blocked, because the guest's mask is the host
 * thread's (signal.c); the ones tern itself queues (32, 33) never show.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/user-internal.h"


/* One guest struct mmsghdr (64 bytes): msghdr fields, then msg_len. */
#define T_MMSGHDR_SIZE 64
#define T_MMSG_MAX     1024     /* UIO_MAXIOV, Linux's cap on vlen */

typedef struct MsgVec {
    struct mmsghdr *h;
    struct iovec **iov;
    unsigned n;
} MsgVec;

static void msgvec_free(MsgVec *v)
{
    for (unsigned i = 0; i < v->n; i++) {
        free(v->iov[i]);
    }
    free(v->iov);
    free(v->h);
}

/* Host mmsghdrs for n guest ones at umsg; 0 or -errno. */
static int64_t msgvec_lock(MsgVec *v, uint64_t umsg, unsigned n, bool recv)
{
    int access = recv ? PAGE_WRITE : PAGE_READ;

    v->n = 0;
    v->h = calloc(n ? n : 1, sizeof(*v->h));
    v->iov = calloc(n ? n : 1, sizeof(*v->iov));
    if (!v->h || !v->iov) {
        return -ENOMEM;
    }
    for (unsigned i = 0; i < n; i++) {
        struct msghdr *m = &v->h[i].msg_hdr;
        uint64_t g[7];
        int64_t cnt;

        if (copy_from_user(g, umsg + (uint64_t)i * T_MMSGHDR_SIZE, 56)) {
            return -EFAULT;
        }
        if (g[3] > T_IOV_MAX) {
            return -EMSGSIZE;
        }
        v->iov[i] = calloc(g[3] ? g[3] : 1, sizeof(struct iovec));
        if (!v->iov[i]) {
            return -ENOMEM;
        }
        v->n = i + 1;
        m->msg_namelen = (uint32_t)g[1];
        if (g[0] && !(m->msg_name = lock_user(g[0], m->msg_namelen, access))) {
            return -EFAULT;
        }
        cnt = lock_iovec(v->iov[i], g[2], (int64_t)g[3], access);
        if (cnt < 0) {
            return cnt;
        }
        m->msg_iov = v->iov[i];
        m->msg_iovlen = (size_t)cnt;
        m->msg_controllen = g[5];
        if (g[4] && !(m->msg_control = lock_user(g[4], g[5], access))) {
            return -EFAULT;
        }
        m->msg_flags = (int)g[6];
    }
    return 0;
}

static int64_t do_mmsg(bool recv, int fd, uint64_t umsg, unsigned vlen,
                       unsigned flags, uint64_t utimeout)
{
    struct timespec ts, *tsp = NULL;
    MsgVec v;
    int64_t r;

    if (vlen > T_MMSG_MAX) {
        vlen = T_MMSG_MAX;
    }
    if (recv && utimeout) {
        if (copy_from_user(&ts, utimeout, sizeof(ts))) {
            return -EFAULT;
        }
        tsp = &ts;
    }
    memset(&v, 0, sizeof(v));
    r = msgvec_lock(&v, umsg, vlen, recv);
    if (r == 0) {
        r = recv ? host_ret(safe_syscall(SYS_recvmmsg, fd, v.h, vlen, flags, tsp))
                 : host_ret(safe_syscall(SYS_sendmmsg, fd, v.h, vlen, flags));
    }
    /* Report what was transferred, message by message. */
    for (int64_t i = 0; i < r; i++) {
        uint64_t g = umsg + (uint64_t)i * T_MMSGHDR_SIZE;
        uint32_t len = v.h[i].msg_len;
        if (copy_to_user(g + 56, &len, 4)) {
            r = -EFAULT;
            break;
        }
        if (recv) {
            uint32_t namelen = v.h[i].msg_hdr.msg_namelen;
            uint64_t controllen = v.h[i].msg_hdr.msg_controllen;
            int32_t mflags = v.h[i].msg_hdr.msg_flags;
            if (copy_to_user(g + 8, &namelen, 4) ||
                copy_to_user(g + 40, &controllen, 8) ||
                copy_to_user(g + 48, &mflags, 4)) {
                r = -EFAULT;
                break;
            }
        }
    }
    if (recv && tsp && r >= 0 && copy_to_user(utimeout, &ts, sizeof(ts))) {
        r = -EFAULT;
    }
    msgvec_free(&v);
    return r;
}

static int64_t do_sendfile(int out_fd, int in_fd, uint64_t uoff, uint64_t count)
{
    int64_t *off = NULL;

    if (uoff && !(off = lock_user(uoff, 8, PAGE_READ | PAGE_WRITE))) {
        return -EFAULT;
    }
    return host_ret(safe_syscall(SYS_sendfile, out_fd, in_fd, off, (size_t)count));
}

static int64_t do_signalfd4(int fd, uint64_t umask, uint64_t size, int flags)
{
    uint64_t gmask;

    if (size != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&gmask, umask, 8)) {
        return -EFAULT;
    }
    /* Guest and host signal numbers and sigset bits are the same. */
    return host_ret(syscall(SYS_signalfd4, fd, &gmask, (size_t)8, flags));
}

static int64_t do_timerfd_settime(int fd, int flags, uint64_t unew, uint64_t uold)
{
    struct itimerspec nv, ov;
    int64_t r;

    if (copy_from_user(&nv, unew, sizeof(nv))) {
        return -EFAULT;
    }
    if (uold && !lock_user(uold, sizeof(ov), PAGE_WRITE)) {
        return -EFAULT;
    }
    r = host_ret(syscall(SYS_timerfd_settime, fd, flags, &nv, uold ? &ov : NULL));
    if (r == 0 && uold && copy_to_user(uold, &ov, sizeof(ov))) {
        return -EFAULT;
    }
    return r;
}

static int64_t do_timerfd_gettime(int fd, uint64_t ucur)
{
    struct itimerspec cur;
    int64_t r = host_ret(syscall(SYS_timerfd_gettime, fd, &cur));

    if (r == 0 && copy_to_user(ucur, &cur, sizeof(cur))) {
        return -EFAULT;
    }
    return r;
}

static int64_t do_inotify_add_watch(int fd, uint64_t upath, uint32_t mask)
{
    const char *p = lock_user_string(upath);
    char buf[PATH_MAX];

    if (!p) {
        return -EFAULT;
    }
    p = user_path(p, buf, sizeof(buf));
    return host_ret(syscall(SYS_inotify_add_watch, fd, p, mask));
}

bool do_fd_syscall(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret)
{
    (void)a6;
    switch (num) {
    case 71:                                    /* sendfile */
        *ret = do_sendfile((int)a1, (int)a2, a3, a4);
        return true;
    case 269:                                   /* sendmmsg */
        *ret = do_mmsg(false, (int)a1, a2, (unsigned)a3, (unsigned)a4, 0);
        return true;
    case 243:                                   /* recvmmsg */
        *ret = do_mmsg(true, (int)a1, a2, (unsigned)a3, (unsigned)a4, a5);
        return true;
    case 74:                                    /* signalfd4 */
        *ret = do_signalfd4((int)a1, a2, a3, (int)a4);
        return true;
    case 85:                                    /* timerfd_create */
        *ret = host_ret(syscall(SYS_timerfd_create, (int)a1, (int)a2));
        return true;
    case 86:                                    /* timerfd_settime */
        *ret = do_timerfd_settime((int)a1, (int)a2, a3, a4);
        return true;
    case 87:                                    /* timerfd_gettime */
        *ret = do_timerfd_gettime((int)a1, a2);
        return true;
    case 26:                                    /* inotify_init1 */
        *ret = host_ret(syscall(SYS_inotify_init1, (int)a1));
        return true;
    case 27:                                    /* inotify_add_watch */
        *ret = do_inotify_add_watch((int)a1, a2, (uint32_t)a3);
        return true;
    case 28:                                    /* inotify_rm_watch */
        *ret = host_ret(syscall(SYS_inotify_rm_watch, (int)a1, (int)a2));
        return true;
    default:
        return false;
    }
}
