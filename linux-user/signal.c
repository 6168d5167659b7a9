/*
 * Guest signals: dispositions, masks, delivery to guest handlers with
 * arm64 Linux signal frames, rt_sigreturn.
 *
 * Where signals come from:
 *   - synchronous: a guest fault or exception ends cpu_exec() and the
 *     cpu loop calls force_sig_fault() (SIGSEGV, SIGBUS, SIGILL, SIGTRAP);
 *   - asynchronous: every signal the guest has a handler for has a host
 *     handler (host_signal_handler) that records it in the receiving
 *     thread's TaskState (pending bit + siginfo) and calls cpu_exit() on
 *     that thread's CPU.  Generated code stops at the next block start,
 *     cpu_exec() returns, and process_pending_signals() builds the frame.
 *     A host syscall the signal interrupted returns EINTR; restartable
 *     ones are restarted when the handler has SA_RESTART.
 *
 * The guest's blocked set is per thread (TaskState.sigmask) and is
 * mirrored in the host thread's mask (minus the synchronous signals, which
 * tern needs), so the host kernel keeps blocked signals pending and picks
 * the thread for process-directed ones, as Linux does for a native
 * program.
 *
 * The frame is the one arm64 Linux builds (arch/arm64/kernel/signal.c,
 * uapi asm/sigcontext.h): below the interrupted sp (or at the top of the
 * alternate stack) a frame record {x29, x30}, then struct rt_sigframe
 * { siginfo; ucontext } with uc_mcontext.__reserved holding an
 * fpsimd_context, an esr_context after a memory fault, and the
 * terminating null record.  The handler starts with x0 = signal,
 * x1 = &info, x2 = &uc (SA_SIGINFO), sp = the frame, x29 = the frame
 * record, x30 = sa_restorer or, without SA_RESTORER, a two-instruction
 * trampoline tern maps in the guest (Linux uses its vDSO's; tern has no
 * vDSO): mov x8, #139; svc #0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "exec/exec-all.h"
#include "util/log.h"
#include "linux-user/user-internal.h"

/* ------------------------------------------------------------------ */
/* arm64 ABI: structures and constants (uapi asm-generic and asm/)     */

/* struct sigaction as rt_sigaction sees it. */
struct target_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};

#define T_SIG_DFL 0
#define T_SIG_IGN 1

#define T_SA_NOCLDSTOP  0x00000001u
#define T_SA_NOCLDWAIT  0x00000002u
#define T_SA_SIGINFO    0x00000004u
#define T_SA_RESTORER   0x04000000u
#define T_SA_ONSTACK    0x08000000u
#define T_SA_RESTART    0x10000000u
#define T_SA_NODEFER    0x40000000u
#define T_SA_RESETHAND  0x80000000u

/* stack_t */
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

/* struct sigcontext (asm/sigcontext.h) */
struct target_sigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp;
    uint64_t pc;
    uint64_t pstate;
    uint8_t reserved[4096] __attribute__((aligned(16)));
};

/* The kernel's struct ucontext for arm64 (sigset_t padded to 1024 bits). */
struct target_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct target_stack uc_stack;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    struct target_sigcontext uc_mcontext;
};

struct target_rt_sigframe {
    uint8_t info[128];              /* siginfo_t */
    struct target_ucontext uc;
};

/* Records in __reserved: struct _aarch64_ctx { magic; size; } heads. */
#define T_FPSIMD_MAGIC 0x46508001u
#define T_ESR_MAGIC    0x45535201u
#define T_EXTRA_MAGIC  0x45585401u

struct target_fpsimd_context {
    uint32_t magic, size;
    uint32_t fpsr, fpcr;
    uint64_t vregs[64];             /* __uint128_t vregs[32], little-endian */
};

struct target_esr_context {
    uint32_t magic, size;
    uint64_t esr;
};

_Static_assert(offsetof(struct target_sigcontext, reserved) == 288, "sigcontext");
_Static_assert(offsetof(struct target_ucontext, uc_mcontext) == 176, "ucontext");
_Static_assert(offsetof(struct target_rt_sigframe, uc) == 128, "rt_sigframe");
_Static_assert(sizeof(struct target_rt_sigframe) == 4688, "rt_sigframe size");
_Static_assert(sizeof(struct target_fpsimd_context) == 528, "fpsimd_context");

/* Where the records go: fpsimd first, then esr, then the terminator. */
#define FRAME_FPSIMD_OFF 0
#define FRAME_ESR_OFF    (FRAME_FPSIMD_OFF + sizeof(struct target_fpsimd_context))

/* FPCR / FPSR bits that exist (as MSR writes them, target/arm). */
#define T_FPCR_MASK 0x07c80000u
#define T_FPSR_MASK 0x0800009fu

/* ESR_ELx: exception classes and fault status codes Linux reports. */
#define ESR_EC_IABT_LOW 0x20u
#define ESR_EC_DABT_LOW 0x24u
#define ESR_IL          (1u << 25)
#define ESR_WNR         (1u << 6)
#define FSC_TRANS_L3    0x07u
#define FSC_PERM_L3     0x0fu
#define FSC_ALIGN       0x21u

#define SIGBIT(sig) (1ull << ((sig) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

static struct target_sigaction sigact_table[TARGET_NSIG + 1];
static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;

/* The guest address of the rt_sigreturn trampoline (0: not mapped yet). */
static uint64_t sigtramp_addr;

/* Live guest threads (for tkill/tgkill of signals the host cannot carry). */
static TaskState *thread_list;
static pthread_mutex_t thread_list_lock = PTHREAD_MUTEX_INITIALIZER;

/* Signals tern needs for itself: the host handler is always tern's. */
static bool host_owned(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS;
}

static bool sig_is_sync(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
           sig == SIGFPE || sig == SIGTRAP;
}

/*
 * glibc on the host keeps 32 .. SIGRTMIN-1 for itself (cancellation,
 * setxid), and tern keeps the host's SIGRTMAX (TERN_SIG_KICK): it wakes
 * a guest thread out of a blocking host call when another thread queued
 * a signal for it, and carries timer signals for those numbers.  These
 * guest signals never travel as themselves through the host.
 */
static bool host_can_carry(int sig)
{
    return sig >= 1 && sig < TERN_SIG_KICK && !(sig >= 32 && sig < SIGRTMIN);
}

bool signal_host_can_carry(int sig)
{
    return host_can_carry(sig);
}

static bool default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
           sig == SIGWINCH;
}

static bool default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
           sig == SIGTTOU;
}

/* Never let the guest block the signals tern's fault handling needs. */
static void host_mask_from_guest(uint64_t mask, sigset_t *set)
{
    sigemptyset(set);
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        if (!(mask & SIGBIT(sig)) || sig_is_sync(sig) || !host_can_carry(sig)) {
            continue;
        }
        sigaddset(set, sig);
    }
}

/*
 * Set the thread's guest mask and the host mask that mirrors it.  The
 * host also blocks the signals waiting in tern's queue (one slot each):
 * further instances stay queued in the kernel, which keeps real-time
 * signals queued and in order, until tern has delivered the first
 * (process_pending_signals calls this again after each delivery).
 */
static void set_guest_mask(TaskState *ts, uint64_t mask)
{
    sigset_t hset;

    ts->sigmask = mask & ~UNBLOCKABLE;
    host_mask_from_guest(ts->sigmask |
                         __atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE), &hset);
    pthread_sigmask(SIG_SETMASK, &hset, NULL);
}

/* ------------------------------------------------------------------ */
/* Host side: recording signals for the guest                          */

/*
 * Make the thread see its queue: leave generated code at the next block
 * start, and, for another thread, leave a blocking host call too (the
 * kick signal interrupts it, or makes safe_syscall refuse to enter it).
 */
static void kick_thread(TaskState *ts)
{
    if (ts->cpu) {
        cpu_exit(&ts->cpu->parent);
    }
    if (ts != thread_ts && ts->tid) {
        syscall(SYS_tgkill, getpid(), ts->tid, TERN_SIG_KICK);
    }
}

static void queue_signal_info(TaskState *ts, int sig, const void *info)
{
    memcpy(ts->pending_info[sig], info, 128);
    __atomic_or_fetch(&ts->pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
    kick_thread(ts);
}

/*
 * POSIX timers for guest signals the host cannot carry (32, 33, 64):
 * the host timer signals TERN_SIG_KICK; this table, indexed by the
 * kernel's timer id, says which guest signal and value it stands for.
 */
#define MAX_MAPPED_TIMERS 256
static struct {
    int sig;                    /* 0: not a mapped timer (atomic) */
    uint64_t value;
} mapped_timers[MAX_MAPPED_TIMERS];

bool signal_timer_map(int id, int sig, uint64_t value)
{
    if (id < 0 || id >= MAX_MAPPED_TIMERS) {
        return false;
    }
    mapped_timers[id].value = value;
    __atomic_store_n(&mapped_timers[id].sig, sig, __ATOMIC_RELEASE);
    return true;
}

void signal_timer_unmap(int id)
{
    if (id >= 0 && id < MAX_MAPPED_TIMERS) {
        __atomic_store_n(&mapped_timers[id].sig, 0, __ATOMIC_RELEASE);
    }
}

static void kick_handler(int sig, siginfo_t *si, void *puc)
{
    int saved_errno = errno;

    (void)sig;
    if (si->si_code == SI_TIMER && si->si_timerid >= 0 &&
        si->si_timerid < MAX_MAPPED_TIMERS && thread_ts) {
        int gsig = __atomic_load_n(&mapped_timers[si->si_timerid].sig,
                                   __ATOMIC_ACQUIRE);
        if (gsig) {
            siginfo_t info = *si;
            uint64_t v = mapped_timers[si->si_timerid].value;

            info.si_signo = gsig;
            memcpy(&info.si_value, &v, sizeof(v));
            queue_signal_info(thread_ts, gsig, &info);
        }
    }
    /* Otherwise a kick: the queue already holds what it is about. */
    safe_syscall_adjust_pc(puc);
    errno = saved_errno;
}

void queue_host_signal(int sig, const siginfo_t *si)
{
    TaskState *ts = thread_ts;

    if (!ts || sig < 1 || sig > TARGET_NSIG) {
        return;         /* not a guest thread (yet): nothing to run it on */
    }
    queue_signal_info(ts, sig, si);
}

static void host_signal_handler(int sig, siginfo_t *si, void *puc)
{
    int saved_errno = errno;

    if (sig_is_sync(sig) && si->si_code > 0) {
        /* SIGILL/SIGFPE/SIGTRAP raised by tern's own code: a bug. */
        char buf[160];
        int n = snprintf(buf, sizeof(buf), USER_PROG ": internal error: host "
                         "signal %d at address %p; this is a bug in tern\n",
                         sig, si->si_addr);
        if (write(2, buf, n) < 0) {
            /* nothing better to do */
        }
        signal(SIGABRT, SIG_DFL);
        abort();
    }
    queue_host_signal(sig, si);
    if (thread_ts && !sig_is_sync(sig) && host_can_carry(sig)) {
        /* Keep further instances in the kernel until this one is
         * delivered (see set_guest_mask). */
        sigaddset(&((ucontext_t *)puc)->uc_sigmask, sig);
    }
    safe_syscall_adjust_pc(puc);
    errno = saved_errno;
}

/* Put the host disposition in line with the guest's. */
static void apply_host_action(int sig, const struct target_sigaction *ka)
{
    struct sigaction sa;

    if (host_owned(sig) || !host_can_carry(sig) || sig == SIGKILL ||
        sig == SIGSTOP) {
        return;
    }
    memset(&sa, 0, sizeof(sa));
    if (ka->handler == T_SIG_IGN) {
        if (sig_is_sync(sig)) {
            return;     /* from kill(): the cpu loop drops it; faults kill */
        }
        sa.sa_handler = SIG_IGN;
    } else if (ka->handler == T_SIG_DFL) {
        sa.sa_handler = SIG_DFL;
    } else {
        sa.sa_sigaction = host_signal_handler;
        /* No SA_RESTART: a blocking host syscall must return EINTR. */
        sa.sa_flags = SA_SIGINFO;
        sigfillset(&sa.sa_mask);
    }
    if (sig == SIGCHLD) {
        sa.sa_flags |= ka->flags & (T_SA_NOCLDSTOP | T_SA_NOCLDWAIT);
    }
    sigaction(sig, &sa, NULL);
}

void signal_init(void)
{
    /* The guest starts with the dispositions tern inherited. */
    for (int sig = 1; sig <= TARGET_NSIG; sig++) {
        struct sigaction old;
        if (sig == SIGKILL || sig == SIGSTOP || host_owned(sig)) {
            continue;
        }
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            sigact_table[sig].handler = T_SIG_IGN;
        }
    }
    {
        struct sigaction sa;

        memset(&sa, 0, sizeof(sa));
        sa.sa_sigaction = kick_handler;
        sa.sa_flags = SA_SIGINFO;           /* interrupts blocking calls */
        sigfillset(&sa.sa_mask);
        sigaction(TERN_SIG_KICK, &sa, NULL);
    }
    user_fault_handlers_init();
}

void signal_thread_add(TaskState *ts)
{
    ts->tid = (int)syscall(SYS_gettid);
    pthread_mutex_lock(&thread_list_lock);
    ts->next = thread_list;
    thread_list = ts;
    pthread_mutex_unlock(&thread_list_lock);
}

void signal_thread_remove(TaskState *ts)
{
    pthread_mutex_lock(&thread_list_lock);
    for (TaskState **p = &thread_list; *p; p = &(*p)->next) {
        if (*p == ts) {
            *p = ts->next;
            break;
        }
    }
    pthread_mutex_unlock(&thread_list_lock);
}

void signal_fork_child(TaskState *ts)
{
    /* The child runs only this thread; the lock may be held by another. */
    pthread_mutex_init(&thread_list_lock, NULL);
    pthread_mutex_init(&sigact_lock, NULL);
    thread_list = NULL;
    ts->pending = 0;
    set_guest_mask(ts, ts->sigmask);    /* nothing held back any more */
    signal_thread_add(ts);
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

/* ------------------------------------------------------------------ */
/* The frame                                                           */

static struct target_sigaction get_sigaction(int sig)
{
    struct target_sigaction ka;

    pthread_mutex_lock(&sigact_lock);
    ka = sigact_table[sig];
    pthread_mutex_unlock(&sigact_lock);
    return ka;
}

/* Map the rt_sigreturn trampoline (once); 0 if the guest has no room. */
static uint64_t get_sigtramp(void)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static const uint32_t code[2] = {
        0xd2801168,     /* mov x8, #139 (rt_sigreturn) */
        0xd4000001,     /* svc #0 */
    };
    uint64_t addr;

    pthread_mutex_lock(&lock);
    if (!sigtramp_addr) {
        int64_t a = target_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (a > 0 && copy_to_user(a, code, sizeof(code)) == 0 &&
            target_mprotect(a, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC) == 0) {
            sigtramp_addr = a;
        }
    }
    addr = sigtramp_addr;
    pthread_mutex_unlock(&lock);
    return addr;
}

/* Linux's on_sig_stack / sas_ss_flags for a downward-growing stack. */
static bool on_sig_stack(const TaskState *ts, uint64_t sp)
{
    if (ts->ss_flags & T_SS_AUTODISARM) {
        return false;
    }
    return ts->ss_size && sp > ts->ss_sp && sp - ts->ss_sp <= ts->ss_size;
}

static int sas_ss_flags(const TaskState *ts, uint64_t sp)
{
    if (!ts->ss_size) {
        return T_SS_DISABLE;
    }
    return on_sig_stack(ts, sp) ? T_SS_ONSTACK : 0;
}

static void print_fatal(CPUARMState *env, int sig, int code, uint64_t addr)
{
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
}

/* Default action of an asynchronous signal. */
static void default_action(int sig)
{
    if (default_ignores(sig)) {
        return;
    }
    if (default_stops(sig)) {
        kill(getpid(), SIGSTOP);
        return;
    }
    die_with_signal(sig);
}

/*
 * Build the frame for sig with siginfo info and point the CPU at the
 * handler.  false if the frame cannot be written (the caller kills the
 * guest with SIGSEGV, as Linux's force_sigsegv does).
 */
static bool setup_rt_frame(CPUARMState *env, TaskState *ts, int sig,
                           const struct target_sigaction *ka,
                           const uint8_t *info, uint64_t saved_mask)
{
    static __thread struct target_rt_sigframe f;   /* 4.6 KiB: off the stack */
    struct target_fpsimd_context *fp;
    uint64_t sp = env->xregs[31], sp_top, record, frame, restorer;
    uint64_t rec[2];

    sp_top = sp;
    if ((ka->flags & T_SA_ONSTACK) && sas_ss_flags(ts, sp) == 0) {
        sp_top = ts->ss_sp + ts->ss_size;
    }
    record = (sp_top - 16) & ~15ull;
    frame = record - sizeof(struct target_rt_sigframe);
    if (ka->flags & T_SA_RESTORER) {
        restorer = ka->restorer;
    } else {
        restorer = get_sigtramp();
        if (!restorer) {
            return false;
        }
    }

    memset(&f, 0, sizeof(f));
    if (ka->flags & T_SA_SIGINFO) {
        memcpy(f.info, info, sizeof(f.info));
    }
    f.uc.uc_stack.ss_sp = ts->ss_sp;
    f.uc.uc_stack.ss_size = ts->ss_size;
    f.uc.uc_stack.ss_flags = ts->ss_size ? (int32_t)(ts->ss_flags & T_SS_AUTODISARM)
                                         : T_SS_DISABLE;
    f.uc.uc_sigmask = saved_mask;
    f.uc.uc_mcontext.fault_address = ts->fault_address;
    memcpy(f.uc.uc_mcontext.regs, env->xregs, sizeof(f.uc.uc_mcontext.regs));
    f.uc.uc_mcontext.sp = sp;
    f.uc.uc_mcontext.pc = env->pc;
    /* NZCV[31:28], BTYPE[11:10] (as the exception left it). */
    f.uc.uc_mcontext.pstate = arm_get_nzcv(env) | (uint64_t)env->btype << 10;

    fp = (struct target_fpsimd_context *)(f.uc.uc_mcontext.reserved +
                                          FRAME_FPSIMD_OFF);
    fp->magic = T_FPSIMD_MAGIC;
    fp->size = sizeof(*fp);
    fp->fpsr = env->fpsr;
    fp->fpcr = env->fpcr;
    for (int i = 0; i < 32; i++) {
        fp->vregs[2 * i] = env->vregs[i].d[0];
        fp->vregs[2 * i + 1] = env->vregs[i].d[1];
    }
    if (ts->fault_esr) {
        struct target_esr_context esr = {
            .magic = T_ESR_MAGIC, .size = sizeof(esr), .esr = ts->fault_esr,
        };
        memcpy(f.uc.uc_mcontext.reserved + FRAME_ESR_OFF, &esr, sizeof(esr));
    }
    /* The terminator (magic 0, size 0) is the zeroed rest of __reserved. */

    rec[0] = env->xregs[29];
    rec[1] = env->xregs[30];
    if (!page_check_range(frame, sp_top - frame, PAGE_WRITE) ||
        copy_to_user(frame, &f, sizeof(f)) || copy_to_user(record, rec, 16)) {
        return false;
    }
    if ((ts->ss_flags & T_SS_AUTODISARM) && ts->ss_size) {
        ts->ss_sp = 0;
        ts->ss_size = 0;
        ts->ss_flags = 0;
    }

    env->xregs[0] = sig;
    if (ka->flags & T_SA_SIGINFO) {
        env->xregs[1] = frame + offsetof(struct target_rt_sigframe, info);
        env->xregs[2] = frame + offsetof(struct target_rt_sigframe, uc);
    }
    env->xregs[29] = record;
    env->xregs[30] = restorer;
    env->xregs[31] = frame;
    env->pc = ka->handler;
    /*
     * With BTI the handler is entered as if called (Linux's setup_return:
     * BTYPE = 10), so on a guarded page it must start with BTI c or
     * PACIxSP.
     */
    env->btype = arm_feature(env, ARM_FEATURE_BTI) ? 2 : 0;
    /* Exception entry and return clear the local exclusive monitor. */
    env->exclusive_addr = ~0ull;
    return true;
}

/* Run the guest handler of sig (or its default action). */
static void handle_signal(CPUARMState *env, TaskState *ts, int sig,
                          const uint8_t *info)
{
    struct target_sigaction ka = get_sigaction(sig);
    uint64_t saved_mask, new_mask;

    if (ka.handler == T_SIG_IGN) {
        return;
    }
    if (ka.handler == T_SIG_DFL) {
        default_action(sig);
        return;
    }
    /* An interrupted syscall: restart it or let it fail with EINTR. */
    if (ts->restart_syscall) {
        ts->restart_syscall = false;
        if (ka.flags & T_SA_RESTART) {
            env->xregs[0] = ts->restart_x0;
            env->pc -= 4;
        } else {
            env->xregs[0] = (uint64_t)-EINTR;
        }
    }
    saved_mask = ts->sigmask;
    if (ts->in_sigsuspend) {
        ts->in_sigsuspend = false;
        saved_mask = ts->sigsuspend_saved;
    }
    if (!setup_rt_frame(env, ts, sig, &ka, info, saved_mask)) {
        fprintf(stderr, USER_PROG ": cannot write the frame for guest signal "
                "%d (%s) below sp 0x%llx\n", sig, strsignal(sig),
                (unsigned long long)env->xregs[31]);
        die_with_signal(SIGSEGV);
    }
    new_mask = ts->sigmask | ka.mask;
    if (!(ka.flags & T_SA_NODEFER)) {
        new_mask |= SIGBIT(sig);
    }
    set_guest_mask(ts, new_mask);
    if (ka.flags & T_SA_RESETHAND) {
        pthread_mutex_lock(&sigact_lock);
        sigact_table[sig].handler = T_SIG_DFL;
        apply_host_action(sig, &sigact_table[sig]);
        pthread_mutex_unlock(&sigact_lock);
    }
}

static uint32_t fault_esr(const TaskState *ts, int sig, int code, bool fetch)
{
    uint32_t fsc;

    if (sig == SIGBUS && code == BUS_ADRALN) {
        fsc = FSC_ALIGN;
    } else if (sig == SIGSEGV && code == SEGV_ACCERR) {
        fsc = FSC_PERM_L3;
    } else {
        fsc = FSC_TRANS_L3;
    }
    if (fetch) {
        return ESR_EC_IABT_LOW << 26 | ESR_IL | fsc;
    }
    return ESR_EC_DABT_LOW << 26 | ESR_IL | (ts->fault_write ? ESR_WNR : 0) | fsc;
}

void force_sig_fault(CPUARMState *env, int sig, int code, uint64_t addr)
{
    TaskState *ts = thread_ts;
    struct target_sigaction ka = get_sigaction(sig);
    uint8_t info[128];
    int32_t head[3] = { sig, 0, code };
    bool fetch = ts->fault_fetch;

    /*
     * What the sigcontext and its ESR record show (Linux keeps them per
     * thread; BRK leaves them as they were).
     */
    if (sig == SIGSEGV || sig == SIGBUS) {
        ts->fault_address = addr;
        ts->fault_esr = fault_esr(ts, sig, code, fetch);
    } else if (sig == SIGILL) {
        ts->fault_address = 0;
        ts->fault_esr = 0;
    }
    ts->fault_write = false;
    ts->fault_fetch = false;
    /* Blocked or ignored: Linux unblocks it and restores the default. */
    if (ka.handler == T_SIG_DFL || ka.handler == T_SIG_IGN ||
        (ts->sigmask & SIGBIT(sig))) {
        print_fatal(env, sig, code, addr);
        die_with_signal(sig);
    }
    memset(info, 0, sizeof(info));
    memcpy(info, head, sizeof(head));
    memcpy(info + 16, &addr, 8);            /* si_addr */
    handle_signal(env, ts, sig, info);
}

void process_pending_signals(CPUARMState *env)
{
    TaskState *ts = thread_ts;

    for (;;) {
        uint64_t ready = __atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) &
                         ~ts->sigmask;
        uint8_t info[128];
        sigset_t all, old;
        int sig;

        if (!ready) {
            break;
        }
        /* Synchronous ones first (as Linux dequeues them), then the lowest. */
        sig = __builtin_ctzll(ready) + 1;
        for (int s = 1; s <= TARGET_NSIG; s++) {
            if ((ready & SIGBIT(s)) && sig_is_sync(s)) {
                sig = s;
                break;
            }
        }
        /* The host handler must not rewrite info while we copy it. */
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        memcpy(info, ts->pending_info[sig], sizeof(info));
        __atomic_and_fetch(&ts->pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        handle_signal(env, ts, sig, info);
        /* The next instance of sig may come now (unless the handler's
         * mask blocks it). */
        set_guest_mask(ts, ts->sigmask);
    }
    if (ts->restart_syscall) {
        /* No handler ran: the call goes on as if nothing happened. */
        ts->restart_syscall = false;
        env->xregs[0] = ts->restart_x0;
        env->pc -= 4;
    }
    if (ts->in_sigsuspend) {
        ts->in_sigsuspend = false;
        set_guest_mask(ts, ts->sigsuspend_saved);
    }
}

/* ------------------------------------------------------------------ */
/* rt_sigreturn                                                        */

/*
 * Load the frame at sp into env; false: the frame is bad.  In Linux's
 * order (restore_sigframe): a misaligned or unreadable frame changes
 * nothing; otherwise the mask and the general registers, sp, pc and
 * pstate are loaded first, then pstate and the records are checked, so
 * the SIGSEGV for a bad record is raised with the frame's registers.
 */
static bool restore_sigframe(CPUARMState *env, TaskState *ts, uint64_t sp)
{
    static __thread struct target_rt_sigframe f;
    const struct target_sigcontext *sc = &f.uc.uc_mcontext;
    struct target_fpsimd_context fp;
    bool have_fp = false;
    size_t off = 0, limit = sizeof(sc->reserved);

    if (sp & 15) {
        return false;
    }
    if (copy_from_user(&f, sp, sizeof(f))) {
        return false;
    }
    set_guest_mask(ts, f.uc.uc_sigmask);
    memcpy(env->xregs, sc->regs, sizeof(sc->regs));
    env->xregs[31] = sc->sp;
    env->pc = sc->pc;
    arm_set_nzcv(env, (uint32_t)sc->pstate);
    /* BTYPE[11:10] comes back (RES0, ignored, on a core without BTI). */
    env->btype = arm_feature(env, ARM_FEATURE_BTI) ? (sc->pstate >> 10) & 3 : 0;
    env->exclusive_addr = ~0ull;
    /* Only EL0t (M = 0, nRW = 0) with DAIF clear (valid_user_regs). */
    if (sc->pstate & 0x3dfu) {
        return false;
    }
    /* The records: 16-byte aligned, inside __reserved, null-terminated. */
    for (;;) {
        uint32_t head[2];
        if (limit - off < 8 || (off & 15)) {
            return false;
        }
        memcpy(head, sc->reserved + off, 8);
        if (head[0] == 0) {
            if (head[1] != 0) {
                return false;
            }
            break;
        }
        if (head[1] < 8 || head[1] > limit - off) {
            return false;
        }
        switch (head[0]) {
        case T_FPSIMD_MAGIC:
            if (have_fp || head[1] != sizeof(fp)) {
                return false;
            }
            memcpy(&fp, sc->reserved + off, sizeof(fp));
            have_fp = true;
            break;
        case T_ESR_MAGIC:
            break;      /* information for the handler only */
        default:
            /* extra_context, SVE/SME records, or garbage: not ours. */
            return false;
        }
        off += head[1];
    }
    if (!have_fp) {
        return false;
    }
    env->fpsr = fp.fpsr & T_FPSR_MASK;
    env->fpcr = fp.fpcr & T_FPCR_MASK;
    for (int i = 0; i < 32; i++) {
        env->vregs[i].d[0] = fp.vregs[2 * i];
        env->vregs[i].d[1] = fp.vregs[2 * i + 1];
    }
    /* The alternate stack as saved (errors other than EFAULT are ignored). */
    if (do_sigaltstack(sp + offsetof(struct target_rt_sigframe, uc) +
                       offsetof(struct target_ucontext, uc_stack), 0,
                       env->xregs[31]) == -EFAULT) {
        return false;
    }
    return true;
}

int64_t do_rt_sigreturn(CPUARMState *env)
{
    TaskState *ts = thread_ts;
    uint64_t sp = env->xregs[31];

    /* A restart pending from before the handler is forgotten. */
    ts->restart_syscall = false;
    if (!restore_sigframe(env, ts, sp)) {
        /* Linux: arm64_notify_segfault(regs->sp), sp as far as restored. */
        uint64_t addr = env->xregs[31];
        tern_log_mask(LOG_INT, "rt_sigreturn: bad frame at sp 0x%llx\n",
                      (unsigned long long)sp);
        force_sig_fault(env, SIGSEGV,
                        (page_get_flags(addr) & PAGE_VALID) ? SEGV_ACCERR
                                                            : SEGV_MAPERR,
                        addr);
    }
    return -TERN_ESIGRETURN;
}

/* ------------------------------------------------------------------ */
/* The syscalls                                                        */

int do_rt_sigaction(int sig, uint64_t act, uint64_t oact, uint64_t setsize)
{
    struct target_sigaction new, old;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (act && copy_from_user(&new, act, sizeof(new))) {
        return -EFAULT;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    if (act && new.handler > T_SIG_IGN && !(new.flags & T_SA_RESTORER) &&
        !get_sigtramp()) {
        return -ENOMEM;
    }
    pthread_mutex_lock(&sigact_lock);
    old = sigact_table[sig];
    if (act) {
        new.mask &= ~UNBLOCKABLE;
        sigact_table[sig] = new;
        apply_host_action(sig, &new);
        if (new.handler == T_SIG_IGN ||
            (new.handler == T_SIG_DFL && default_ignores(sig))) {
            /* Pending instances are discarded (this thread's, at least). */
            __atomic_and_fetch(&thread_ts->pending, ~SIGBIT(sig),
                               __ATOMIC_SEQ_CST);
        }
    }
    pthread_mutex_unlock(&sigact_lock);
    if (oact && copy_to_user(oact, &old, sizeof(old))) {
        return -EFAULT;
    }
    return 0;
}

int do_rt_sigprocmask(int how, uint64_t set, uint64_t oset, uint64_t setsize)
{
    TaskState *ts = thread_ts;
    uint64_t old = ts->sigmask, new, mask = old;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (set) {
        if (copy_from_user(&new, set, 8)) {
            return -EFAULT;
        }
        switch (how) {
        case 0: mask |= new; break;          /* SIG_BLOCK */
        case 1: mask &= ~new; break;         /* SIG_UNBLOCK */
        case 2: mask = new; break;           /* SIG_SETMASK */
        default: return -EINVAL;
        }
    }
    if (oset && copy_to_user(oset, &old, 8)) {
        return -EFAULT;
    }
    if (set) {
        /* Newly unblocked pending signals: the cpu loop delivers them next. */
        set_guest_mask(ts, mask);
    }
    return 0;
}

int do_sigaltstack(uint64_t uss, uint64_t uoss, uint64_t sp)
{
    TaskState *ts = thread_ts;
    struct target_stack old, new;
    bool on = on_sig_stack(ts, sp);

    memset(&old, 0, sizeof(old));
    old.ss_sp = ts->ss_sp;
    old.ss_size = ts->ss_size;
    old.ss_flags = !ts->ss_size ? T_SS_DISABLE :
                   (on ? T_SS_ONSTACK : 0) | (int32_t)(ts->ss_flags & T_SS_AUTODISARM);
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
            ts->ss_flags = 0;
        } else {
            if (new.ss_size < T_MINSIGSTKSZ) {
                return -ENOMEM;
            }
            ts->ss_sp = new.ss_sp;
            ts->ss_size = new.ss_size;
            ts->ss_flags = new.ss_flags & (int32_t)T_SS_AUTODISARM;
        }
    }
    if (uoss && copy_to_user(uoss, &old, sizeof(old))) {
        return -EFAULT;
    }
    return 0;
}

int64_t do_rt_sigsuspend(uint64_t uset, uint64_t setsize)
{
    TaskState *ts = thread_ts;
    uint64_t mask;
    sigset_t all, hmask;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&mask, uset, 8)) {
        return -EFAULT;
    }
    mask &= ~UNBLOCKABLE;
    /* Atomically with respect to the host handler: check, then wait. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    ts->sigsuspend_saved = ts->sigmask;
    ts->in_sigsuspend = true;
    ts->sigmask = mask;
    if (!(__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & ~mask)) {
        host_mask_from_guest(mask, &hmask);
        sigsuspend(&hmask);
    }
    /* The host mask stays full: process_pending_signals() resets it. */
    host_mask_from_guest(mask, &hmask);
    pthread_sigmask(SIG_SETMASK, &hmask, NULL);
    return -EINTR;
}

int signal_temp_mask_begin(uint64_t uset, uint64_t setsize, uint64_t *gmask,
                           sigset_t *hset)
{
    uint64_t mask;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&mask, uset, 8)) {
        return -EFAULT;
    }
    *gmask = mask & ~UNBLOCKABLE;
    host_mask_from_guest(*gmask, hset);
    return 0;
}

void signal_temp_mask_end(uint64_t gmask, bool interrupted)
{
    TaskState *ts = thread_ts;
    sigset_t hmask;

    if (!interrupted || ts->in_sigsuspend) {
        return;
    }
    /* As after rt_sigsuspend: deliver under gmask, then restore. */
    ts->sigsuspend_saved = ts->sigmask;
    ts->in_sigsuspend = true;
    ts->sigmask = gmask;
    host_mask_from_guest(gmask, &hmask);
    pthread_sigmask(SIG_SETMASK, &hmask, NULL);
}

int64_t do_rt_sigpending(uint64_t uset, uint64_t setsize)
{
    TaskState *ts = thread_ts;
    uint64_t set = __atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE);
    sigset_t hset;

    if (setsize > 8) {
        return -EINVAL;
    }
    if (sigpending(&hset) == 0) {
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if (host_can_carry(sig) && sigismember(&hset, sig) == 1) {
                set |= SIGBIT(sig);
            }
        }
    }
    set &= ts->sigmask;
    return copy_to_user(uset, &set, setsize);
}

/*
 * rt_sigtimedwait: a signal of the set from tern's queue, else a wait in
 * the host's rt_sigtimedwait for the host-carried ones.  Guest signals
 * the host cannot carry (32, 33, 64) only ever come through the queue:
 * whoever queues one kicks this thread (TERN_SIG_KICK), which ends the
 * host wait with EINTR, and the loop looks again.  The wait is entered
 * through safe_syscall with "the set or anything deliverable" as its
 * stop condition, so a signal queued just before it is not slept
 * through.  EINTR goes back to the guest only when a deliverable signal
 * (one with a handler) is what interrupted.
 */
int64_t do_rt_sigtimedwait(uint64_t uset, uint64_t uinfo, uint64_t utimeout,
                           uint64_t setsize)
{
    TaskState *ts = thread_ts;
    uint64_t want;
    struct timespec tmo, deadline, *ptmo = NULL;
    sigset_t all, hset, old;
    siginfo_t si;
    int sig;

    if (setsize != 8) {
        return -EINVAL;
    }
    if (copy_from_user(&want, uset, 8)) {
        return -EFAULT;
    }
    if (utimeout) {
        if (copy_from_user(&tmo, utimeout, sizeof(tmo))) {
            return -EFAULT;
        }
        if (tmo.tv_nsec < 0 || tmo.tv_nsec >= 1000000000 || tmo.tv_sec < 0) {
            return -EINVAL;
        }
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += tmo.tv_sec;
        deadline.tv_nsec += tmo.tv_nsec;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
        ptmo = &tmo;
    }
    want &= ~UNBLOCKABLE;
    host_mask_from_guest(want, &hset);
    sigfillset(&all);
    for (;;) {
        uint64_t ready, stop;
        long r;

        pthread_sigmask(SIG_SETMASK, &all, &old);
        ready = __atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & want;
        if (ready) {
            sig = __builtin_ctzll(ready) + 1;
            memcpy(&si, ts->pending_info[sig], sizeof(si));
            __atomic_and_fetch(&ts->pending, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
            set_guest_mask(ts, ts->sigmask);    /* let the next one come */
            break;
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (ptmo) {
            struct timespec now;

            clock_gettime(CLOCK_MONOTONIC, &now);
            tmo.tv_sec = deadline.tv_sec - now.tv_sec;
            tmo.tv_nsec = deadline.tv_nsec - now.tv_nsec;
            if (tmo.tv_nsec < 0) {
                tmo.tv_sec--;
                tmo.tv_nsec += 1000000000;
            }
            if (tmo.tv_sec < 0) {
                tmo.tv_sec = 0;
                tmo.tv_nsec = 0;
            }
        }
        /* Stop for anything deliverable, or anything of the set. */
        stop = ts->sigmask & ~want;
        r = safe_syscall_masked(&stop, SYS_rt_sigtimedwait, (long)&hset,
                                (long)&si, (long)ptmo, 8);
        if (r > 0) {
            sig = (int)r;
            break;
        }
        if (errno != EINTR) {
            return -errno;                      /* EAGAIN: timed out */
        }
        if (__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & want) {
            continue;
        }
        if (__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & ~ts->sigmask) {
            return -EINTR;                      /* the cpu loop delivers it */
        }
        /* A kick for nothing we wait for: wait on (what time is left). */
        if (ptmo && tmo.tv_sec == 0 && tmo.tv_nsec == 0) {
            return -EAGAIN;
        }
    }
    if (uinfo && copy_to_user(uinfo, &si, 128)) {
        return -EFAULT;
    }
    return sig;
}

/*
 * tkill/tgkill: guest threads are host threads with the same ids, so the
 * host carries the signal; except the signals host glibc keeps for itself
 * (guest glibc uses them too: cancellation, setxid), which tern queues
 * directly when the target is one of its threads.
 */
/* Queue sig with info on tern's thread tid; -ESRCH if there is none. */
static int64_t queue_on_thread(int tid, int sig, const void *info)
{
    TaskState *t;

    pthread_mutex_lock(&thread_list_lock);
    for (t = thread_list; t; t = t->next) {
        if (t->tid == tid) {
            queue_signal_info(t, sig, info);
            break;
        }
    }
    pthread_mutex_unlock(&thread_list_lock);
    return t ? 0 : -ESRCH;
}

int64_t do_tkill(int tgid, int tid, int sig)
{
    int64_t r;

    if (sig > 0 && sig <= TARGET_NSIG && !host_can_carry(sig) &&
        (tgid < 0 || tgid == getpid())) {
        int32_t info[32];

        memset(info, 0, sizeof(info));
        info[0] = sig;
        info[2] = -6;                       /* SI_TKILL */
        info[4] = getpid();                 /* si_pid */
        info[5] = (int32_t)getuid();        /* si_uid */
        return queue_on_thread(tid, sig, info);
    }
    if (tgid < 0) {
        r = syscall(SYS_tkill, tid, sig);
    } else {
        r = syscall(SYS_tgkill, tgid, tid, sig);
    }
    return r < 0 ? -errno : 0;
}

/*
 * rt_sigqueueinfo (tid < 0: to process tgid) and rt_tgsigqueueinfo: the
 * guest's siginfo (the same 128 bytes on both) goes to the host, except
 * for signals the host cannot carry, which tern queues when the target
 * is itself.  Like Linux, a caller may not pose as the kernel or as
 * kill(): si_code must be negative, unless it signals itself.
 */
int64_t do_sigqueueinfo(int tgid, int tid, int sig, uint64_t uinfo)
{
    int32_t info[32];
    long r;

    if (copy_from_user(info, uinfo, sizeof(info))) {
        return -EFAULT;
    }
    if (sig < 0 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if ((info[2] >= 0 || info[2] == -6) && tgid != getpid()) {
        return -EPERM;                      /* SI_USER, SI_KERNEL, SI_TKILL */
    }
    info[0] = sig;
    if (sig && !host_can_carry(sig)) {
        if (tgid != getpid()) {
            return -EINVAL;                 /* cannot travel to another process */
        }
        return queue_on_thread(tid < 0 ? (int)syscall(SYS_gettid) : tid, sig,
                               info);
    }
    if (tid < 0) {
        r = syscall(SYS_rt_sigqueueinfo, tgid, sig, info);
    } else {
        r = syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, info);
    }
    return r < 0 ? -errno : 0;
}
