/*
 * File and process calls that pass through to the host: extended
 * attributes, mkfifo (mknodat), copy_file_range, splice and tee,
 * preadv2/pwritev2, sync_file_range, readahead, syncfs; capget,
 * personality, membarrier, sched_setscheduler/getparam/rr_get_interval;
 * sigqueue and pthread_sigqueue (rt_sigqueueinfo, rt_tgsigqueueinfo),
 * also with signal 64, which tern queues itself.  Works in the
 * current directory.  Expected output recorded with qemu-aarch64; what
 * depends on the file system (xattrs on tmpfs vs ext4) prints whether
 * the call agreed with a second one, not the error.  qemu-aarch64 7.2
 * refuses sigqueue with signal 64 (EINVAL); the expected lines for it
 * are Linux's (this program built for x86-64 and run natively).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

static volatile int got_sig, got_val, got_code;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_val = si->si_value.sival_int;
    got_code = si->si_code;
}

static void *waiter(void *arg)
{
    (void)arg;
    while (!got_sig) {
        usleep(1000);
    }
    return NULL;
}

int main(void)
{
    const char *f = "files2.tmp", *g = "files2.copy", *fifo = "files2.fifo";
    char buf[64] = { 0 };
    int fd, fd2, p[2], q[2];
    struct stat st;
    ssize_t n;

    unlink(f); unlink(g); unlink(fifo);
    fd = open(f, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (write(fd, "hello, world\n", 13) != 13) {
        return 1;
    }

    /* xattrs: set then get; list holds the name; remove. */
    int s1 = fsetxattr(fd, "user.tern", "v1", 2, 0);
    if (s1 == 0) {
        n = getxattr(f, "user.tern", buf, sizeof(buf));
        printf("xattr get: %zd '%.*s'\n", n, (int)(n > 0 ? n : 0), buf);
        n = flistxattr(fd, buf, sizeof(buf));
        printf("xattr list has it: %s\n", n > 0 && memmem(buf, n, "user.tern", 10) ? "yes" : "no");
        int rm = removexattr(f, "user.tern");
        n = getxattr(f, "user.tern", buf, sizeof(buf));
        printf("xattr remove: %d, then get: %zd (%s)\n", rm, n, strerror(errno));
    } else {
        int e = errno;
        printf("xattr set refused by this file system; get agrees: %s\n",
               getxattr(f, "user.tern", buf, sizeof(buf)) < 0 &&
               (errno == e || errno == ENODATA) ? "yes" : "no");
    }
    errno = 0;
    n = getxattr("nonexistent.file", "user.x", buf, 4);
    printf("xattr on a missing file: %zd %s\n", n, strerror(errno));

    printf("mkfifo: %d\n", mkfifo(fifo, 0600));
    printf("is a fifo: %s\n", stat(fifo, &st) == 0 && S_ISFIFO(st.st_mode) ? "yes" : "no");

    fd2 = open(g, O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t off_in = 7, off_out = 0;
    printf("copy_file_range: %zd\n", copy_file_range(fd, &off_in, fd2, &off_out, 6, 0));
    memset(buf, 0, sizeof(buf));
    pread(fd2, buf, sizeof(buf) - 1, 0);
    printf("copied: '%s', offsets %lld %lld\n", buf, (long long)off_in, (long long)off_out);

    pipe(p);
    pipe(q);
    loff_t off = 0;
    printf("splice file->pipe: %zd\n", splice(fd, &off, p[1], NULL, 5, 0));
    printf("tee pipe->pipe: %zd\n", tee(p[0], q[1], 5, 0));
    memset(buf, 0, sizeof(buf));
    n = read(q[0], buf, sizeof(buf));
    printf("tee'd: '%.*s'\n", (int)n, buf);
    struct iovec iv = { (void *)"vm", 2 };
    printf("vmsplice: %zd\n", vmsplice(p[1], &iv, 1, 0));
    memset(buf, 0, sizeof(buf));
    n = read(p[0], buf, sizeof(buf));
    printf("pipe holds: '%.*s'\n", (int)n, buf);

    char a[4] = { 0 }, b[4] = { 0 };
    struct iovec v2[2] = { { a, 3 }, { b, 3 } };
    printf("preadv2: %zd '%s' '%s'\n", preadv2(fd, v2, 2, 1, 0), a, b);
    struct iovec w = { (void *)"HE", 2 };
    printf("pwritev2: %zd\n", pwritev2(fd, &w, 1, 0, 0));
    printf("sync_file_range: %d, readahead: %zd, syncfs: %d\n",
           sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE),
           readahead(fd, 0, 4096), syncfs(fd));

    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct d[2];
    printf("capget: %ld, version %#x\n", syscall(SYS_capget, &h, d), h.version);
    h.version = 0x12345678;
    long cr = syscall(SYS_capget, &h, d);
    printf("capget with a bad version: %ld (%s), preferred %#x\n", cr, strerror(errno),
           h.version);
    printf("personality: %#x\n", personality(0xffffffff));
    printf("membarrier query: commands %s\n", syscall(SYS_membarrier, 0, 0, -1) >= 0 ? "listed" : "none");
    struct sched_param sp = { 0 };
    printf("sched_setscheduler OTHER: %d, getscheduler: %d\n",
           sched_setscheduler(0, SCHED_OTHER, &sp), sched_getscheduler(0));
    struct timespec rr;
    printf("sched_rr_get_interval: %d\n", sched_rr_get_interval(0, &rr));

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(64, &sa, NULL);
    printf("sigqueue SIGUSR1: %d\n", sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 5 }));
    printf("got %d value %d SI_QUEUE %s\n", got_sig, got_val, got_code == SI_QUEUE ? "yes" : "no");
    got_sig = 0;
    printf("sigqueue 64: %d\n", sigqueue(getpid(), 64, (union sigval){ .sival_int = 6 }));
    printf("got %d value %d SI_QUEUE %s\n", got_sig, got_val, got_code == SI_QUEUE ? "yes" : "no");
    got_sig = 0;
    pthread_t th;
    pthread_create(&th, NULL, waiter, NULL);
    printf("pthread_sigqueue SIGUSR1: %d\n",
           pthread_sigqueue(th, SIGUSR1, (union sigval){ .sival_int = 7 }));
    pthread_join(th, NULL);
    printf("got %d value %d\n", got_sig, got_val);
    errno = 0;
    int sq = (int)syscall(SYS_rt_sigqueueinfo, 1, SIGUSR1, &(siginfo_t){ .si_code = SI_USER });
    printf("sigqueue posing as kill to another process: %d %s\n", sq, strerror(errno));

    close(fd); close(fd2);
    unlink(f); unlink(g); unlink(fifo);
    return 0;
}
