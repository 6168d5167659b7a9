/*
 * Guest signals the host cannot carry as themselves (32 and 33, which
 * the host's glibc keeps, and 64, which tern keeps: linux-user/signal.c)
 * and threads blocked in the host kernel:
 *   - pthread_cancel of a thread blocked in read() (glibc sends signal
 *     32 with tgkill; tern queues it and must wake the thread);
 *   - a SIGEV_THREAD timer (glibc's helper thread waits for signal 32
 *     with sigwaitinfo; the host timer signals tern's own signal);
 *   - signal 64 sent by another thread to one waiting in sigwaitinfo,
 *     and to one blocked in a pipe read with a handler;
 *   - a timer with signal 64 and a value;
 *   - kill(getpid(), 64) to the process itself.
 * Expected output: the same program built for x86-64 and run natively
 * (qemu-aarch64 7.2 does not finish it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile pid_t waiter_tid;
static volatile int got64, timer_runs;
static volatile int h64_value;

static void *blocked_reader(void *arg)
{
    char c;
    (void)arg;
    if (read(fds[0], &c, 1) < 0) {
        return (void *)1;
    }
    return NULL;
}

static void on_timer(union sigval v)
{
    if (v.sival_int == 7) {
        __atomic_add_fetch(&timer_runs, 1, __ATOMIC_SEQ_CST);
    }
}

static void *sigwaiter(void *arg)
{
    sigset_t s;
    siginfo_t si;
    (void)arg;
    sigemptyset(&s);
    sigaddset(&s, 64);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    waiter_tid = (pid_t)syscall(SYS_gettid);
    if (sigwaitinfo(&s, &si) == 64) {
        got64 = 1;
    }
    return NULL;
}

static void on64(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    h64_value = si->si_code == SI_TIMER ? si->si_value.sival_int : -1;
}

static void *handled_reader(void *arg)
{
    char c;
    ssize_t n;
    (void)arg;
    waiter_tid = (pid_t)syscall(SYS_gettid);
    n = read(fds[0], &c, 1);
    return (void *)(long)(n < 0 && errno == EINTR);
}

int main(void)
{
    pthread_t th;
    void *ret;
    struct sigevent ev;
    struct itimerspec its;
    struct sigaction sa;
    timer_t t;

    if (pipe(fds) != 0) {
        perror("pipe");
        return 1;
    }

    pthread_create(&th, NULL, blocked_reader, NULL);
    usleep(50000);
    pthread_cancel(th);
    pthread_join(th, &ret);
    printf("cancel of a blocked read: %s\n",
           ret == PTHREAD_CANCELED ? "canceled" : "not canceled");

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_timer;
    ev.sigev_value.sival_int = 7;
    printf("SIGEV_THREAD timer: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
    memset(&its, 0, sizeof(its));
    its.it_value.tv_nsec = 2000000;
    its.it_interval.tv_nsec = 2000000;
    timer_settime(t, 0, &its, NULL);
    while (__atomic_load_n(&timer_runs, __ATOMIC_SEQ_CST) < 3) {
        usleep(1000);
    }
    timer_delete(t);
    printf("callback ran with its value: at least 3 times\n");

    pthread_create(&th, NULL, sigwaiter, NULL);
    while (!waiter_tid) {
        usleep(1000);
    }
    usleep(20000);
    syscall(SYS_tgkill, getpid(), waiter_tid, 64);
    pthread_join(th, NULL);
    printf("sigwaitinfo(64) from another thread: %s\n", got64 ? "yes" : "no");

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on64;
    sa.sa_flags = SA_SIGINFO;               /* no SA_RESTART */
    sigaction(64, &sa, NULL);
    waiter_tid = 0;
    pthread_create(&th, NULL, handled_reader, NULL);
    while (!waiter_tid) {
        usleep(1000);
    }
    usleep(20000);
    syscall(SYS_tgkill, getpid(), waiter_tid, 64);
    pthread_join(th, &ret);
    printf("signal 64 interrupts a blocked read: %s\n", ret ? "EINTR" : "no");

    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = 64;
    ev.sigev_value.sival_int = 99;
    h64_value = 0;
    timer_create(CLOCK_MONOTONIC, &ev, &t);
    memset(&its, 0, sizeof(its));
    its.it_value.tv_nsec = 1000000;
    timer_settime(t, 0, &its, NULL);
    while (!h64_value) {
        usleep(1000);
    }
    timer_delete(t);
    printf("timer with signal 64: value %d\n", h64_value);

    h64_value = 0;
    kill(getpid(), 64);
    printf("kill(getpid(), 64): handler ran: %s\n", h64_value == -1 ? "yes" : "no");
    return 0;
}
