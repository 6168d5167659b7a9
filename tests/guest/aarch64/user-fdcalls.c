/*
 * sendfile, sendmmsg/recvmmsg, signalfd4, timerfd_*, inotify_* and
 * clone3 (ENOSYS is fine: glibc falls back to clone).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

static void test_sendfile(const char *dir)
{
    char src[128], dst[128], back[64] = "";
    const char *text = "0123456789abcdefghij";
    off_t off = 5;
    ssize_t n;
    int in, out;

    snprintf(src, sizeof(src), "%s/src", dir);
    snprintf(dst, sizeof(dst), "%s/dst", dir);
    in = open(src, O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(in, text, strlen(text));
    out = open(dst, O_RDWR | O_CREAT | O_TRUNC, 0600);
    n = sendfile(out, in, &off, 10);
    pread(out, back, sizeof(back) - 1, 0);
    printf("sendfile: %zd bytes \"%s\", offset now %lld, file position %lld\n",
           n, back, (long long)off, (long long)lseek(in, 0, SEEK_CUR));
    lseek(in, 0, SEEK_SET);
    n = sendfile(out, in, NULL, 4);
    printf("sendfile without offset: %zd, file position %lld\n", n,
           (long long)lseek(in, 0, SEEK_CUR));
    close(in);
    close(out);
    unlink(src);
    unlink(dst);
}

static void test_mmsg(void)
{
    struct mmsghdr msgs[4];
    struct iovec iov[4];
    char bufs[4][16];
    const char *words[3] = { "one", "three", "fifteen" };
    int sv[2], n;

    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    memset(msgs, 0, sizeof(msgs));
    for (int i = 0; i < 3; i++) {
        iov[i].iov_base = (void *)words[i];
        iov[i].iov_len = strlen(words[i]);
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    n = sendmmsg(sv[0], msgs, 3, 0);
    printf("sendmmsg: %d, lengths %u %u %u\n", n, msgs[0].msg_len,
           msgs[1].msg_len, msgs[2].msg_len);
    memset(msgs, 0, sizeof(msgs));
    memset(bufs, 0, sizeof(bufs));
    for (int i = 0; i < 4; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = sizeof(bufs[i]) - 1;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    n = recvmmsg(sv[1], msgs, 4, MSG_DONTWAIT, NULL);
    printf("recvmmsg: %d:", n);
    for (int i = 0; i < n; i++) {
        printf(" %s(%u)", bufs[i], msgs[i].msg_len);
    }
    printf("\n");
    n = recvmmsg(sv[1], msgs, 4, MSG_DONTWAIT, NULL);
    printf("recvmmsg on empty socket: %d errno %s\n", n,
           errno == EAGAIN ? "EAGAIN" : strerror(errno));
    close(sv[0]);
    close(sv[1]);
}

static void test_signalfd(void)
{
    struct signalfd_siginfo si;
    sigset_t set;
    ssize_t n;
    int fd;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    n = read(fd, &si, sizeof(si));
    printf("signalfd before the signal: %zd errno %s\n", n,
           errno == EAGAIN ? "EAGAIN" : strerror(errno));
    kill(getpid(), SIGUSR1);
    n = read(fd, &si, sizeof(si));
    printf("signalfd: %zd bytes, signo %u (SIGUSR1 %d), from us %d, cloexec %d\n",
           n, si.ssi_signo, SIGUSR1, si.ssi_pid == (uint32_t)getpid(),
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
    close(fd);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void test_timerfd(void)
{
    struct itimerspec its = { .it_value = { 0, 20 * 1000 * 1000 } }, old, cur;
    uint64_t expirations = 0;
    ssize_t n;
    int fd;

    fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    timerfd_settime(fd, 0, &its, NULL);
    timerfd_gettime(fd, &cur);
    printf("timerfd armed: %d\n", cur.it_value.tv_sec == 0 &&
           cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 20000000);
    n = read(fd, &expirations, 8);
    printf("timerfd: read %zd, expirations %llu\n", n,
           (unsigned long long)expirations);
    memset(&its, 0, sizeof(its));
    its.it_value.tv_sec = 100;
    timerfd_settime(fd, 0, &its, NULL);
    memset(&its, 0, sizeof(its));
    timerfd_settime(fd, 0, &its, &old);
    printf("timerfd old value ~100 s: %d\n",
           old.it_value.tv_sec >= 99 && old.it_value.tv_sec <= 100);
    timerfd_gettime(fd, &cur);
    printf("timerfd disarmed: %d\n",
           cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    close(fd);
}

static void test_inotify(const char *dir)
{
    char buf[4096] __attribute__((aligned(8)));
    char path[128];
    struct inotify_event *ev = (struct inotify_event *)buf;
    ssize_t n;
    int fd, wd;

    fd = inotify_init1(IN_CLOEXEC);
    wd = inotify_add_watch(fd, dir, IN_CREATE | IN_DELETE);
    snprintf(path, sizeof(path), "%s/newfile", dir);
    close(open(path, O_WRONLY | O_CREAT, 0600));
    n = read(fd, buf, sizeof(buf));
    printf("inotify: read %d, wd matches %d, IN_CREATE %d, name %s\n", n > 0,
           ev->wd == wd, (ev->mask & IN_CREATE) != 0, ev->name);
    unlink(path);
    n = read(fd, buf, sizeof(buf));
    printf("inotify: IN_DELETE %d, name %s\n", n > 0 && (ev->mask & IN_DELETE),
           ev->name);
    printf("inotify_rm_watch: %d\n", inotify_rm_watch(fd, wd));
    printf("inotify_add_watch on a missing path: %d errno %s\n",
           inotify_add_watch(fd, "/nonexistent/dir", IN_CREATE),
           errno == ENOENT ? "ENOENT" : strerror(errno));
    close(fd);
}

int main(void)
{
    char dir[] = "/tmp/tern-fdcalls.XXXXXX";
    long r;

    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    test_sendfile(dir);
    test_mmsg();
    test_signalfd();
    test_timerfd();
    test_inotify(dir);
    rmdir(dir);
    /* A size too small for struct clone_args: EINVAL, or ENOSYS. */
    r = syscall(435, NULL, 0);
    printf("clone3: %s\n", r == -1 && (errno == ENOSYS || errno == EINVAL)
           ? "refused cleanly" : "unexpected");
    return 0;
}
