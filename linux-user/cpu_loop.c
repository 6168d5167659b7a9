/*
 * The user-mode CPU loop: run guest code with cpu_exec() and act on
 * whatever made it stop.  The A64 translator has no do_interrupt hook,
 * so every guest exception comes back here:
 *
 *   EXCP_SWI            SVC: syscall x8 with x0..x5, result in x0
 *                       (env->pc already points after the SVC)
 *   EXCP_UDEF           SIGILL (ILL_ILLOPC) at the instruction
 *   EXCP_BKPT           SIGTRAP (TRAP_BRKPT) at the BRK
 *   EXCP_DATA_ABORT     SIGSEGV/SIGBUS at exception_vaddr (host fault in
 *                       generated code or a helper's own check)
 *   EXCP_PREFETCH_ABORT SIGSEGV: the pc is not executable
 *   EXCP_UNALIGNED      SIGBUS (BUS_ADRALN)
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "exec/exec-all.h"
#include "util/log.h"
#include "linux-user/user-internal.h"

__thread TaskState *thread_ts;

void cpu_loop(CPUARMState *env)
{
    CPUState *cs = env_cpu(env);
    TaskState *ts = thread_ts;

    for (;;) {
        int trapnr = cpu_exec(cs);

        switch (trapnr) {
        case EXCP_SWI: {
            uint64_t *x = env->xregs;
            /* Exception return clears the local exclusive monitor. */
            env->exclusive_addr = ~0ull;
            x[0] = (uint64_t)do_syscall(env, (int)x[8], x[0], x[1], x[2],
                                        x[3], x[4], x[5]);
            break;
        }
        case EXCP_INTERRUPT:
        case EXCP_YIELD:
        case EXCP_HLT:
        case EXCP_HALTED:
            break;
        case EXCP_UDEF:
            queue_guest_signal(env, SIGILL, ILL_ILLOPC, env->pc);
        case EXCP_BKPT:
            queue_guest_signal(env, SIGTRAP, TRAP_BRKPT, env->pc);
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
            queue_guest_signal(env, sig, code, env->exception_vaddr);
        }
        case EXCP_UNALIGNED:
            queue_guest_signal(env, SIGBUS, BUS_ADRALN, env->exception_vaddr);
        default:
            fprintf(stderr, USER_PROG ": internal error: unexpected exit %d "
                    "(0x%x) from cpu_exec at guest pc 0x%llx; this is a bug "
                    "in tern\n", trapnr, trapnr,
                    (unsigned long long)env->pc);
            abort();
        }
    }
}
