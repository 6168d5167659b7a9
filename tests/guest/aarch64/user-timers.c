/*
 * POSIX timers (timer_create/settime/gettime/getoverrun/delete): a
 * periodic CLOCK_MONOTONIC timer signalling SIGUSR1 with a value, one
 * with SIGEV_NONE read back with timer_gettime, the default sigevent
 * (SIGALRM), one aimed at a thread
 * (SIGEV_THREAD_ID), and the errors.  Expected output recorded with
 * qemu-aarch64; where the output depends on timing it only says whether
 * a value is in range.
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

static volatile sig_atomic_t count, last_value, last_code, last_sig, thread_hits;
static volatile pid_t hit_tid;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (sig == SIGUSR2) {
        thread_hits++;
        hit_tid = (pid_t)syscall(SYS_gettid);
        return;
    }
    count++;
    last_sig = sig;
    last_value = si->si_value.sival_int;
    last_code = si->si_code;
}

static pid_t worker_tid;
static volatile int worker_stop;

static void *worker(void *arg)
{
    sigset_t s;

    (void)arg;
    worker_tid = (pid_t)syscall(SYS_gettid);
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    while (!worker_stop) {
        usleep(1000);
    }
    return NULL;
}

int main(void)
{
    struct sigaction sa;
    struct sigevent ev;
    struct itimerspec its, cur;
    timer_t t1, t2, t3, t4;
    sigset_t block;
    pthread_t th;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    /* 1: periodic, 5 ms, SIGUSR1 with value 42. */
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    ev.sigev_value.sival_int = 42;
    printf("create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t1));
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 5000000;
    its.it_interval = its.it_value;
    printf("settime: %d\n", timer_settime(t1, 0, &its, NULL));
    while (count < 3) {
        pause();
    }
    its.it_value.tv_nsec = 0;
    its.it_interval.tv_nsec = 0;
    timer_settime(t1, 0, &its, NULL);
    printf("signals: %d, value %d, si_code SI_TIMER: %s\n", (int)count,
           (int)last_value, last_code == SI_TIMER ? "yes" : "no");
    printf("delete: %d\n", timer_delete(t1));

    /* 2: SIGEV_NONE, read back. */
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_NONE;
    timer_create(CLOCK_REALTIME, &ev, &t2);
    its.it_value.tv_sec = 100;
    its.it_value.tv_nsec = 0;
    its.it_interval.tv_sec = 7;
    its.it_interval.tv_nsec = 0;
    timer_settime(t2, 0, &its, NULL);
    timer_gettime(t2, &cur);
    printf("gettime: interval %ld s, remaining in (99, 100]: %s\n",
           (long)cur.it_interval.tv_sec,
           cur.it_value.tv_sec >= 99 && cur.it_value.tv_sec <= 100 ? "yes" : "no");
    printf("overrun: %d\n", timer_getoverrun(t2));
    timer_delete(t2);

    /* 3: the default sigevent: SIGALRM, value = the timer id. */
    count = 0;
    timer_create(CLOCK_MONOTONIC, NULL, &t3);
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 2000000;
    its.it_interval.tv_sec = 0;
    its.it_interval.tv_nsec = 0;
    timer_settime(t3, 0, &its, NULL);
    while (count < 1) {
        pause();
    }
    printf("default: signal %d, si_code SI_TIMER: %s\n", (int)last_sig,
           last_code == SI_TIMER ? "yes" : "no");
    timer_delete(t3);

    /* 4: SIGEV_THREAD_ID to a worker thread (SIGUSR2 blocked here). */
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &block, NULL);
    pthread_create(&th, NULL, worker, NULL);
    while (!worker_tid) {
        usleep(100);
    }
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = SIGUSR2;
    ev._sigev_un._tid = worker_tid;
    printf("thread timer: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t4));
    its.it_value.tv_nsec = 2000000;
    timer_settime(t4, 0, &its, NULL);
    while (!thread_hits) {
        usleep(1000);
    }
    printf("delivered to the worker: %s\n", hit_tid == worker_tid ? "yes" : "no");
    timer_delete(t4);
    worker_stop = 1;
    pthread_join(th, NULL);

    /* Errors. */
    errno = 0;
    printf("delete bad: %d %s\n", timer_delete((timer_t)(long)12345),
           strerror(errno));
    memset(&ev, 0, sizeof(ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = 1000;
    errno = 0;
    printf("bad signal: %d %s\n", timer_create(CLOCK_MONOTONIC, &ev, &t1),
           strerror(errno));
    errno = 0;
    printf("bad clock: %d %s\n", timer_create(12345, NULL, &t1), strerror(errno));
    return 0;
}
