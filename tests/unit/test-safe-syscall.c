/*
 * linux-user/safe-syscall.c: a blocking host call made with safe_syscall
 * must not sleep through a guest signal that is already queued or that
 * arrives between the queue check and the syscall instruction.
 *
 *   - queued and not blocked: EINTR at once, the call never runs;
 *   - queued but blocked by the guest mask, or nothing queued: it runs;
 *   - the host signal handler's pc fix-up: a pc between the check and the
 *     syscall instruction goes to the "interrupted" exit, others stay;
 *   - the race itself: a signal made to arrive with the pc on the
 *     syscall instruction, after the check (see test_race).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/user-internal.h"

#if defined(__x86_64__)
extern const char safe_syscall_start[], safe_syscall_end[],
    safe_syscall_interrupted[];
#endif

#define BIT(sig) (1ull << ((sig) - 1))

static TaskState ts;
static int fds[2];

static void setup(void)
{
    memset(&ts, 0, sizeof(ts));
    thread_ts = &ts;
    if (fds[0] == 0) {
        g_assert_cmpint(pipe(fds), ==, 0);
    }
}

static void test_queued(void)
{
    char c;

    setup();
    alarm(10);
    ts.pending = BIT(SIGUSR1);
    errno = 0;
    g_assert_cmpint(safe_syscall(SYS_read, fds[0], &c, 1), ==, -1);
    g_assert_cmpint(errno, ==, EINTR);
    alarm(0);
}

static void test_blocked_or_none(void)
{
    char c = 0;

    setup();
    alarm(10);
    g_assert_cmpint(write(fds[1], "x", 1), ==, 1);
    ts.pending = BIT(SIGUSR1);
    ts.sigmask = BIT(SIGUSR1);          /* blocked: the call runs */
    g_assert_cmpint(safe_syscall(SYS_read, fds[0], &c, 1), ==, 1);
    g_assert_cmpint(c, ==, 'x');
    g_assert_cmpint(write(fds[1], "y", 1), ==, 1);
    ts.pending = 0;
    ts.sigmask = 0;
    g_assert_cmpint(safe_syscall(SYS_read, fds[0], &c, 1), ==, 1);
    g_assert_cmpint(c, ==, 'y');
    /* Errors come back as -1 and errno, as syscall(2) gives them. */
    g_assert_cmpint(safe_syscall(SYS_read, -1, &c, 1), ==, -1);
    g_assert_cmpint(errno, ==, EBADF);
    alarm(0);
}

#if defined(__x86_64__)
/* p + off, computed as an integer (the labels are not C objects). */
static const uint8_t *at(const char *p, long off)
{
    return (const uint8_t *)((uintptr_t)p + (uintptr_t)off);
}

static void test_pc_fixup(void)
{
    ucontext_t uc;
    static const struct { const char *pc; bool moved; } cases[] = {
        { NULL, false },                /* safe_syscall_start - 1 */
        { NULL, true },                 /* safe_syscall_start */
        { NULL, true },                 /* the syscall instruction */
        { NULL, false },                /* safe_syscall_end */
    };
    const uint8_t *pcs[4] = {
        at(safe_syscall_start, -1), at(safe_syscall_start, 0),
        at(safe_syscall_end, -2), at(safe_syscall_end, 0),
    };

    /* The syscall instruction (0f 05) ends the range. */
    g_assert_cmphex(*at(safe_syscall_end, -2), ==, 0x0f);
    g_assert_cmphex(*at(safe_syscall_end, -1), ==, 0x05);
    for (int i = 0; i < 4; i++) {
        memset(&uc, 0, sizeof(uc));
        uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)pcs[i];
        safe_syscall_adjust_pc(&uc);
        if (cases[i].moved) {
            g_assert_cmphex((uintptr_t)uc.uc_mcontext.gregs[REG_RIP], ==,
                            (uintptr_t)safe_syscall_interrupted);
        } else {
            g_assert_cmphex((uintptr_t)uc.uc_mcontext.gregs[REG_RIP], ==,
                            (uintptr_t)pcs[i]);
        }
    }
}
#endif

/* ------------------------------------------------------------------ */
/* The race, made to happen                                            */

/*
 * The dangerous moment is a signal that arrives after the queue check,
 * with the pc on the syscall instruction.  A real signal lands there
 * only by chance, so the test puts one there: it single-steps the main
 * thread with the trap flag (each instruction then raises SIGTRAP), and
 * when the pc reaches the syscall instruction of safe_syscall_base the
 * SIGTRAP handler does what tern's signal handler does for an arriving
 * guest signal (queue it, fix the pc up) and stops the stepping.  The
 * pipe holds a byte, so a call that went ahead anyway would read it
 * instead of returning EINTR; on an empty pipe it would have slept
 * through the signal.
 */
static volatile int steps, caught;

static void on_step_start(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;

    (void)sig;
    (void)si;
    uc->uc_mcontext.gregs[REG_EFL] |= 0x100;        /* TF */
}

static void on_trap(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];

    (void)sig;
    (void)si;
    if (pc == (uintptr_t)at(safe_syscall_end, -2)) {
        /* "A guest signal arrives now." */
        __atomic_or_fetch(&ts.pending, BIT(SIGUSR1), __ATOMIC_SEQ_CST);
        safe_syscall_adjust_pc(puc);
        caught = 1;
    }
    if (caught || ++steps > 1000000) {
        uc->uc_mcontext.gregs[REG_EFL] &= ~0x100;
    }
}

static void test_race(void)
{
    struct sigaction sa;
    char c;
    long r;

    setup();
    alarm(60);
    g_assert_cmpint(write(fds[1], "z", 1), ==, 1);
    memset(&sa, 0, sizeof(sa));
    sa.sa_flags = SA_SIGINFO;
    sa.sa_sigaction = on_trap;
    sigaction(SIGTRAP, &sa, NULL);
    sa.sa_sigaction = on_step_start;
    sigaction(SIGUSR2, &sa, NULL);

    raise(SIGUSR2);                     /* stepping from here on */
    r = safe_syscall(SYS_read, fds[0], &c, 1);
    g_assert_true(caught);
    g_assert_cmpint(r, ==, -1);
    g_assert_cmpint(errno, ==, EINTR);
    /* The byte is still there: the call never ran. */
    ts.pending = 0;
    g_assert_cmpint(safe_syscall(SYS_read, fds[0], &c, 1), ==, 1);
    g_assert_cmpint(c, ==, 'z');
    alarm(0);
    signal(SIGTRAP, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/safe-syscall/queued", test_queued);
    g_test_add_func("/safe-syscall/blocked-or-none", test_blocked_or_none);
#if defined(__x86_64__)
    g_test_add_func("/safe-syscall/pc-fixup", test_pc_fixup);
    g_test_add_func("/safe-syscall/race", test_race);
#endif
    return g_test_run();
}
