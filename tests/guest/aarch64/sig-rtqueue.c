/*
 * Real-time signals queue, standard ones do not: while blocked, three
 * sigqueue()s of SIGRTMIN+1 (values 1, 2, 3), one of SIGRTMIN (value 9)
 * and three of SIGUSR1; unblocked, the handler must see SIGRTMIN+1
 * three times with 1, 2, 3 in that order, SIGRTMIN once and SIGUSR1
 * once (in the order Linux delivers them, as recorded).  tern keeps
 * a signal blocked on the host while one instance waits in its own
 * queue, so the kernel holds the rest (linux-user/signal.c,
 * set_guest_mask).  Expected output recorded with qemu-aarch64.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static int sigs[16], vals[16], n;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (n < 16) {
        sigs[n] = sig;
        vals[n++] = si->si_value.sival_int;
    }
}

int main(void)
{
    struct sigaction sa = { 0 };
    sigset_t s;
    int rt = SIGRTMIN;

    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(rt, &sa, NULL);
    sigaction(rt + 1, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&s);
    sigaddset(&s, rt);
    sigaddset(&s, rt + 1);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL);
    for (int i = 1; i <= 3; i++) {
        sigqueue(getpid(), rt + 1, (union sigval){ .sival_int = i });
        sigqueue(getpid(), SIGUSR1, (union sigval){ .sival_int = 10 + i });
    }
    sigqueue(getpid(), rt, (union sigval){ .sival_int = 9 });
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    printf("%d deliveries:", n);
    for (int i = 0; i < n; i++) {
        printf(" %s=%d", sigs[i] == SIGUSR1 ? "USR1" : sigs[i] == rt ? "RTMIN"
                                                     : "RTMIN+1", vals[i]);
    }
    printf("\n");
    return 0;
}
