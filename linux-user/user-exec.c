/*
 * Guest memory as the translator and generated code reach it in user
 * mode, and what happens when that goes wrong.
 *
 * Generated code accesses guest memory directly at guest_base + addr.
 * An access to a page the guest has not mapped (or may not write) hits
 * the PROT_NONE reservation or a read-only mapping: the host raises
 * SIGSEGV (or SIGBUS past the end of a mapped file).  The handler below
 * finds the guest instruction from the host pc (the block's search
 * table, blueprint 3.4; under the interpreter from tci_retaddr),
 * restores the guest state and leaves generated code for the cpu loop
 * with EXCP_DATA_ABORT, which becomes the guest's SIGSEGV/SIGBUS with
 * si_addr = the guest address.  A fault anywhere else is a bug in tern.
 * Writes to pages write-protected for their translated code are not
 * guest faults: the handler invalidates the code and lets them run.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "accel/tcg.h"
#include "exec/cpu-ldst.h"
#include "exec/exec-all.h"
#include "tcg/tcg.h"
#include "linux-user/user-internal.h"

bool guest_range_executable(uint64_t addr, uint64_t len)
{
    return page_check_range(addr, len, PAGE_EXEC);
}

uint32_t cpu_ldl_code(CPUState *cpu, uint64_t addr)
{
    uint32_t insn;

    if (!guest_range_executable(addr, 4)) {
        CPUARMState *env = cpu_env(cpu);
        /* Blocks never span pages, so this is the block's first insn. */
        env->pc = addr;
        env->exception_vaddr = addr;
        if (thread_ts) {
            thread_ts->fault_signal = SIGSEGV;
            thread_ts->fault_code = (page_get_flags(addr) & PAGE_VALID)
                                    ? SEGV_ACCERR : SEGV_MAPERR;
        }
        cpu_loop_exit_excp(cpu, EXCP_PREFETCH_ABORT, 0);
    }
    memcpy(&insn, g2h(addr), 4);    /* little-endian host and guest */
    return insn;
}

static void write_str(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

static void internal_fault(int sig, siginfo_t *si, uintptr_t host_pc)
{
    char buf[256];

    snprintf(buf, sizeof(buf),
             USER_PROG ": internal error: host signal %d (%s) at host pc %p, "
             "address %p; this is a bug in tern\n",
             sig, strsignal(sig), (void *)host_pc, si->si_addr);
    write_str(buf);
    signal(SIGABRT, SIG_DFL);
    abort();
}

static void host_fault_handler(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    uintptr_t host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t host_addr = (uintptr_t)si->si_addr;
    CPUState *cpu = current_cpu;
    uintptr_t retaddr;
    bool in_code, restored = false;
    sigset_t set;

    if (si->si_code <= 0) {
        /*
         * Sent with kill()/tgkill(), by the guest or someone else: an
         * asynchronous signal for the guest (its handler, or the default
         * action from the cpu loop).
         */
        queue_host_signal(sig, si);
        return;
    }
    /*
     * A write to a page the guest may write but we protected because
     * blocks were translated from it (self-modifying code, a JIT):
     * invalidate them, unprotect, and let the store run again.  Blocks
     * are never freed by this, so if the running block was one of them
     * it finishes with its old code and then goes back to the loop.
     */
    if (sig == SIGSEGV && si->si_code == SEGV_ACCERR && h2g_valid(host_addr) &&
        (uc->uc_mcontext.gregs[REG_ERR] & 2) &&
        page_unprotect_for_write(h2g(host_addr))) {
        return;
    }
    if (!cpu || !cpu->in_exec) {
        internal_fault(sig, si, host_pc);
    }
    retaddr = tci_retaddr;
    in_code = retaddr != 0 || tb_find_by_host_pc(host_pc) != NULL;
    if (!in_code && !h2g_valid(host_addr)) {
        internal_fault(sig, si, host_pc);
    }
    if (retaddr) {
        restored = cpu_restore_state(cpu, retaddr);
    } else if (in_code) {
        /* The faulting host insn starts at host_pc: pass "one past" it. */
        restored = cpu_restore_state(cpu, host_pc + 1);
    }
    /*
     * Otherwise a C helper touched guest memory: the pc is that of the
     * last block boundary (helpers that access guest memory should check
     * it first; docs/linux-user.md).
     */
    (void)restored;
    {
        CPUARMState *env = cpu_env(cpu);
        uint64_t gaddr = host_addr - guest_base;
        env->exception_vaddr = gaddr;
        if (thread_ts) {
            thread_ts->fault_signal = sig;
            /* x86 page-fault error code: bit 1 = write access. */
            thread_ts->fault_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
            if (sig == SIGSEGV) {
                thread_ts->fault_code = (page_get_flags(gaddr) & PAGE_VALID)
                                        ? SEGV_ACCERR : SEGV_MAPERR;
            } else {
                thread_ts->fault_code = si->si_code;
            }
        }
    }
    /* We leave the handler by longjmp: unblock what the kernel blocked. */
    sigemptyset(&set);
    sigaddset(&set, SIGSEGV);
    sigaddset(&set, SIGBUS);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    cpu->exception_index = EXCP_DATA_ABORT;
    cpu_loop_exit(cpu);
}

/*
 * Generated code found a guest address at or above 1 TiB, outside the
 * host reservation (user mode's limit, GUEST_SPACE_BITS; Linux's is
 * 256 TiB, but tern never maps anything there): what a native program
 * gets for an address nothing is mapped at, SIGSEGV SEGV_MAPERR, with
 * the precise pc of the access.
 */
static void __attribute__((noreturn))
user_bad_address(void *env_ptr, uint64_t addr, bool store, uintptr_t retaddr)
{
    CPUARMState *env = env_ptr;
    CPUState *cpu = env_cpu(env);

    cpu_restore_state(cpu, retaddr);
    /* addr is bits 55:0 sign-extended from bit 55 (TBI, clean_addr):
     * what Linux reports too (untagged_addr; SA_EXPOSE_TAGBITS, which
     * would keep the tag, is not supported). */
    env->exception_vaddr = addr;
    if (thread_ts) {
        thread_ts->fault_signal = SIGSEGV;
        thread_ts->fault_code = SEGV_MAPERR;
        thread_ts->fault_write = store;
        thread_ts->fault_fetch = false;
    }
    cpu->exception_index = EXCP_DATA_ABORT;
    cpu_loop_exit(cpu);
}

uint64_t user_ld_slow(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr)
{
    (void)oi;
    user_bad_address(env, addr, false, retaddr);
}

void user_st_slow(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                  uintptr_t retaddr)
{
    (void)val;
    (void)oi;
    user_bad_address(env, addr, true, retaddr);
}

void user_fault_handlers_init(void)
{
    static char altstack[64 * 1024];
    struct sigaction sa;
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };

    /* So that even a host stack overflow in tern is reported. */
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    /* Pages with translated code are write-protected (mmap.c). */
    tb_set_page_hooks(page_protect_code, page_unprotect_code);
}
