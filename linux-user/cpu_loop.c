/*
 * The user-mode CPU loop: run guest code with cpu_exec() and act on
 * whatever made it stop.  The A64 translator has no do_interrupt hook,
 * so every guest exception comes back here:
 *
 *   EXCP_SWI            SVC: syscall x8 with x0..x5, result in x0
 *                       (env->pc already points after the SVC)
 *   EXCP_UDEF           SIGILL (ILL_ILLOPC) at the instruction
 *   EXCP_BTI            the same (a Branch Target exception: BTI)
 *   EXCP_BKPT           SIGTRAP (TRAP_BRKPT) at the BRK
 *   EXCP_DATA_ABORT     SIGSEGV/SIGBUS at exception_vaddr (host fault in
 *                       generated code or a helper's own check)
 *   EXCP_PREFETCH_ABORT SIGSEGV: the pc is not executable
 *   EXCP_UNALIGNED      SIGBUS (BUS_ADRALN)
 *   EXCP_INTERRUPT      cpu_exit() from the host signal handler: a signal
 *                       for the guest is pending
 *
 * After each exit the pending signals the thread does not block are
 * delivered (signal.c): the guest then continues in its handler.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "exec/exec-all.h"
#include "util/log.h"
#include "linux-user/user-internal.h"

__thread TaskState *thread_ts;

/* Calls that Linux restarts after a handler with SA_RESTART (ERESTARTSYS). */
static bool syscall_restartable(int num, uint64_t a2, uint64_t a4)
{
    switch (num) {
    case 63: case 64: case 65: case 66:     /* read write readv writev */
    case 67: case 68: case 69: case 70:     /* pread64 pwrite64 preadv pwritev */
    case 56: case 29: case 25: case 32:     /* openat ioctl fcntl flock */
    case 260: case 95:                      /* wait4 waitid */
    case 202: case 242: case 203:           /* accept accept4 connect */
    case 206: case 207: case 211: case 212: /* sendto recvfrom sendmsg recvmsg */
    case 71: case 76: case 77:              /* sendfile splice tee */
        return true;
    case 98:                                /* futex: WAIT without a timeout */
        return ((a2 & 0x7f) == 0 || (a2 & 0x7f) == 9) && a4 == 0;
    default:
        return false;
    }
}

void cpu_loop(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);
    TaskState *ts = thread_ts;

    for (;;) {
        int trapnr = cpu_exec(cs);

        switch (trapnr) {
        case EXCP_SWI: {
            uint64_t *x = env->xregs;
            uint64_t x0 = x[0];
            int num = (int)x[8];
            int64_t ret;

            /* Exception return clears the local exclusive monitor. */
            env->exclusive_addr = ~0ull;
            ret = do_syscall(env, num, x[0], x[1], x[2], x[3], x[4], x[5]);
            if (ret == -TERN_ESIGRETURN) {
                break;              /* every register came from the frame */
            }
            if (ret == -EINTR && syscall_restartable(num, x[1], x[3])) {
                /* Decided when the signal is delivered (SA_RESTART). */
                ts->restart_syscall = true;
                ts->restart_x0 = x0;
            }
            x[0] = (uint64_t)ret;
            break;
        }
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_UDEF:
        case EXCP_BTI:      /* Linux's do_el0_bti: the same SIGILL */
            force_sig_fault(env, SIGILL, ILL_ILLOPC, env->pc);
            break;
        case EXCP_BKPT:
            force_sig_fault(env, SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        case EXCP_DATA_ABORT:
        case EXCP_PREFETCH_ABORT: {
            int sig = SIGSEGV, code;
            if (ts->fault_signal) {
                sig = ts->fault_signal;
                code = ts->fault_code;
            } else {
                /* Raised by a helper's own check. */
                code = (page_get_flags(env->exception_vaddr) & PAGE_VALID)
                       ? SEGV_ACCERR : SEGV_MAPERR;
            }
            ts->fault_signal = 0;
            ts->fault_fetch = trapnr == EXCP_PREFETCH_ABORT;
            force_sig_fault(env, sig, code, env->exception_vaddr);
            break;
        }
        case EXCP_UNALIGNED:
            force_sig_fault(env, SIGBUS, BUS_ADRALN, env->exception_vaddr);
            break;
        default:
            fprintf(stderr, USER_PROG ": internal error: unexpected exit %d "
                    "(0x%x) from cpu_exec at guest pc 0x%llx; this is a bug "
                    "in tern\n", trapnr, trapnr,
                    (unsigned long long)env->pc);
            abort();
        }
        /* Asynchronous signals, and any a syscall unblocked. */
        process_pending_signals(env);
    }
}
