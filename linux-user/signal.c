/*
 * Guest signals, first step: dispositions are recorded and SIG_IGN /
 * SIG_DFL reach the host, so ignored signals stay ignored (also across
 * exec) and default actions happen for real.  Running guest handlers
 * (ARM signal frames, sigreturn) is the next milestone: a signal that
 * has a guest handler gets the host's default action until then.
 *
 * Synchronous signals from guest faults (SIGSEGV, SIGBUS, SIGILL,
 * SIGTRAP) take the default action: a message, then the process dies by
 * that very signal so that the parent (a shell) sees "Segmentation
 * fault" and status 128+N, as for a native program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/log.h"
#include "linux-user/user-internal.h"

#define T_NSIG 64

/* arm64 (generic) struct sigaction as rt_sigaction sees it. */
struct target_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};

#define T_SIG_DFL 0
#define T_SIG_IGN 1
#define T_SA_RESTORER 0x04000000

static struct target_sigaction sigact_table[T_NSIG + 1];

/* Signals tern needs for itself: the guest's setting is only recorded. */
static bool host_owned(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS;
}

static bool sig_is_sync(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
           sig == SIGFPE || sig == SIGTRAP;
}

void signal_init(void)
{
    /* The guest starts with the dispositions tern inherited. */
    for (int sig = 1; sig <= T_NSIG; sig++) {
        struct sigaction old;
        if (sig == SIGKILL || sig == SIGSTOP || host_owned(sig)) {
            continue;
        }
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            sigact_table[sig].handler = T_SIG_IGN;
        }
    }
    user_fault_handlers_init();
}

void die_with_signal(int sig)
{
    struct sigaction sa;
    struct rlimit nocore = { 0, 0 };
    sigset_t set;

    fflush(stdout);
    fflush(stderr);
    /* A core of tern would not help the guest's author. */
    setrlimit(RLIMIT_CORE, &nocore);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
    /* Signals whose default is to be ignored end up here. */
    _exit(128 + sig);
}

void queue_guest_signal(CPUARMState *env, int sig, int code, uint64_t addr)
{
    const struct target_sigaction *ka = &sigact_table[sig];

    if (ka->handler != T_SIG_DFL && ka->handler != T_SIG_IGN) {
        fprintf(stderr, USER_PROG ": guest signal %d (%s) has a handler at "
                "0x%llx, but delivering signals to guest handlers is not "
                "implemented yet\n", sig, strsignal(sig),
                (unsigned long long)ka->handler);
    }
    /* Synchronous signals cannot be ignored: the insn would fault again. */
    fprintf(stderr, USER_PROG ": uncaught guest signal %d (%s) at pc 0x%llx",
            sig, strsignal(sig), (unsigned long long)env->pc);
    if (sig == SIGSEGV || sig == SIGBUS) {
        fprintf(stderr, ", address 0x%llx%s", (unsigned long long)addr,
                sig == SIGSEGV && code == SEGV_MAPERR ? " (not mapped)" :
                sig == SIGSEGV && code == SEGV_ACCERR ? " (no permission)" : "");
    }
    fprintf(stderr, "\n");
    tern_log_mask(LOG_INT, "guest signal %d code %d addr 0x%llx pc 0x%llx\n",
                  sig, code, (unsigned long long)addr,
                  (unsigned long long)env->pc);
    die_with_signal(sig);
}

int do_rt_sigaction(int sig, uint64_t act, uint64_t oact, uint64_t setsize)
{
    struct target_sigaction new, old;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (sig < 1 || sig > T_NSIG) {
        return -EINVAL;
    }
    if (act && copy_from_user(&new, act, sizeof(new))) {
        return -EFAULT;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    old = sigact_table[sig];
    if (act) {
        sigact_table[sig] = new;
        if (!host_owned(sig) && !(sig_is_sync(sig) && new.handler > T_SIG_IGN)) {
            struct sigaction sa;
            memset(&sa, 0, sizeof(sa));
            sigemptyset(&sa.sa_mask);
            /* Guest handlers: the host default until delivery exists. */
            sa.sa_handler = new.handler == T_SIG_IGN ? SIG_IGN : SIG_DFL;
            if (sig <= SIGRTMAX && !(sig >= 32 && sig < SIGRTMIN)) {
                sigaction(sig, &sa, NULL);
            }
        }
    }
    if (oact && copy_to_user(oact, &old, sizeof(old))) {
        return -EFAULT;
    }
    return 0;
}

/* Never let the guest block the signals tern's fault handling needs. */
static void host_mask_from_guest(uint64_t mask, sigset_t *set)
{
    sigemptyset(set);
    for (int sig = 1; sig <= T_NSIG; sig++) {
        if (!(mask & (1ull << (sig - 1))) || sig_is_sync(sig)) {
            continue;
        }
        /* glibc keeps 32..SIGRTMIN-1 for itself; the guest's are its own. */
        if (sig >= 32 && sig < SIGRTMIN) {
            continue;
        }
        if (sig > SIGRTMAX) {
            continue;
        }
        sigaddset(set, sig);
    }
}

int do_rt_sigprocmask(int how, uint64_t set, uint64_t oset, uint64_t setsize)
{
    TaskState *ts = thread_ts;
    uint64_t old = ts->sigmask, new;
    sigset_t hset;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (set) {
        if (copy_from_user(&new, set, 8)) {
            return -EFAULT;
        }
        switch (how) {
        case 0: ts->sigmask |= new; break;           /* SIG_BLOCK */
        case 1: ts->sigmask &= ~new; break;          /* SIG_UNBLOCK */
        case 2: ts->sigmask = new; break;            /* SIG_SETMASK */
        default: return -EINVAL;
        }
        /* SIGKILL and SIGSTOP cannot be blocked. */
        ts->sigmask &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
        host_mask_from_guest(ts->sigmask, &hset);
        pthread_sigmask(SIG_SETMASK, &hset, NULL);
    }
    if (oset && copy_to_user(oset, &old, 8)) {
        return -EFAULT;
    }
    return 0;
}

/* arm64 stack_t. */
struct target_stack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};

#define T_SS_ONSTACK 1
#define T_SS_DISABLE 2
#define T_SS_AUTODISARM (1u << 31)
#define T_MINSIGSTKSZ 5120

int do_sigaltstack(uint64_t uss, uint64_t uoss, uint64_t sp)
{
    TaskState *ts = thread_ts;
    struct target_stack old, new;
    bool on = ts->ss_size && sp - ts->ss_sp < ts->ss_size;

    memset(&old, 0, sizeof(old));
    old.ss_sp = ts->ss_sp;
    old.ss_size = ts->ss_size;
    old.ss_flags = on ? T_SS_ONSTACK : ts->ss_size ? 0 : T_SS_DISABLE;
    if (uss) {
        if (copy_from_user(&new, uss, sizeof(new))) {
            return -EFAULT;
        }
        if (on) {
            return -EPERM;
        }
        if ((uint32_t)new.ss_flags & ~(T_SS_DISABLE | T_SS_ONSTACK | T_SS_AUTODISARM)) {
            return -EINVAL;
        }
        if (new.ss_flags & T_SS_DISABLE) {
            ts->ss_sp = 0;
            ts->ss_size = 0;
        } else {
            if (new.ss_size < T_MINSIGSTKSZ) {
                return -ENOMEM;
            }
            ts->ss_sp = new.ss_sp;
            ts->ss_size = new.ss_size;
        }
        ts->ss_flags = new.ss_flags;
    }
    if (uoss && copy_to_user(uoss, &old, sizeof(old))) {
        return -EFAULT;
    }
    return 0;
}
