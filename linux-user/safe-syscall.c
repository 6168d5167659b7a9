/*
 * Blocking host system calls without the signal race.
 *
 * A guest signal arrives as a host signal: tern's handler queues it and
 * the cpu loop delivers it after the current block or system call
 * (signal.c).  A blocking host call (read, futex, ppoll, ...) is cut
 * short with EINTR when the signal comes while it waits, because the
 * handlers have no SA_RESTART.  That leaves a window: a signal that
 * arrives after the cpu loop looked at the queue and before the host
 * call starts waiting is only seen when the call returns, which may be
 * never (a read on a pipe nobody writes, a futex nobody wakes).
 *
 * safe_syscall closes it.  The check of the queue and the syscall
 * instruction are a few instructions of assembly between two labels;
 * the signal handler, when the interrupted host pc is inside that range
 * (checked, not yet in the kernel), moves it to a path that returns
 * -EINTR instead of entering the call (safe_syscall_adjust_pc).  A
 * signal after the syscall instruction interrupts the call in the
 * kernel as before.  Either way the cpu loop sees -EINTR, delivers the
 * signal and restarts the call or not as Linux would (cpu_loop.c).
 *
 * Hosts other than x86-64 use the plain syscall (the window stays open).
 */
#define _GNU_SOURCE 1    /* REG_RIP */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/user-internal.h"

#if defined(__x86_64__)
/*
 * long safe_syscall_base(const uint64_t *pending, const uint64_t *mask,
 *                        long nr, long a1, long a2, long a3, long a4,
 *                        long a5, long a6);
 * Returns the raw kernel result (-errno on failure), or -EINTR without
 * entering the kernel when (*pending & ~*mask) != 0.
 */
long safe_syscall_base(const uint64_t *pending, const uint64_t *mask, long nr,
                       long a1, long a2, long a3, long a4, long a5, long a6);
extern const char safe_syscall_start[], safe_syscall_end[],
    safe_syscall_interrupted[];

__asm__(
    ".text\n"
    ".globl safe_syscall_base\n"
    ".type safe_syscall_base, @function\n"
    "safe_syscall_base:\n"
    "    push %rbx\n"
    "    push %r12\n"
    "    mov %rdi, %rbx\n"          /* pending */
    "    mov %rsi, %r12\n"          /* mask */
    "    mov %rdx, %rax\n"          /* number */
    "    mov %rcx, %rdi\n"          /* a1..a3 */
    "    mov %r8, %rsi\n"
    "    mov %r9, %rdx\n"
    "    mov 24(%rsp), %r10\n"      /* a4..a6 from the stack */
    "    mov 32(%rsp), %r8\n"
    "    mov 40(%rsp), %r9\n"
    ".globl safe_syscall_start\n"
    "safe_syscall_start:\n"
    "    mov (%r12), %rcx\n"        /* rcx and r11 are the kernel's anyway */
    "    not %rcx\n"
    "    and (%rbx), %rcx\n"
    "    jnz safe_syscall_interrupted\n"
    "    syscall\n"
    ".globl safe_syscall_end\n"
    "safe_syscall_end:\n"
    "    pop %r12\n"
    "    pop %rbx\n"
    "    ret\n"
    ".globl safe_syscall_interrupted\n"
    "safe_syscall_interrupted:\n"
    "    mov $-4, %rax\n"           /* -EINTR */
    "    pop %r12\n"
    "    pop %rbx\n"
    "    ret\n"
    ".size safe_syscall_base, . - safe_syscall_base\n");

long safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                   long a6)
{
    TaskState *ts = thread_ts;
    long r;

    if (!ts) {
        return syscall(nr, a1, a2, a3, a4, a5, a6);
    }
    r = safe_syscall_base(&ts->pending, &ts->sigmask, nr, a1, a2, a3, a4, a5,
                          a6);
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

long safe_syscall_masked(const uint64_t *mask, long nr, long a1, long a2,
                         long a3, long a4)
{
    TaskState *ts = thread_ts;
    long r = safe_syscall_base(&ts->pending, mask, nr, a1, a2, a3, a4, 0, 0);

    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

void safe_syscall_adjust_pc(void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];

    if (pc >= (uintptr_t)safe_syscall_start && pc < (uintptr_t)safe_syscall_end) {
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_interrupted;
    }
}
#else
long safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                   long a6)
{
    return syscall(nr, a1, a2, a3, a4, a5, a6);
}

long safe_syscall_masked(const uint64_t *mask, long nr, long a1, long a2,
                         long a3, long a4)
{
    (void)mask;
    return syscall(nr, a1, a2, a3, a4);
}

void safe_syscall_adjust_pc(void *puc)
{
    (void)puc;
}
#endif
