/*
 * clone(): guest threads and processes.
 *
 * A thread (CLONE_VM|CLONE_THREAD|CLONE_SIGHAND, what pthread_create
 * asks for) becomes a host thread with its own ARMCPU: a copy of the
 * parent's registers with x0 = 0, the new stack and TLS.  All threads
 * share the guest address space, the translated code and the file
 * descriptors, as on Linux; guest futexes are host futexes on the same
 * memory, and LDXR/STXR and LSE atomics are host atomics (the helpers).
 *
 * Anything without CLONE_VM (fork), and vfork (CLONE_VM|CLONE_VFORK, as
 * posix_spawn uses it), becomes a host fork(): the child gets a copy of
 * everything.  A vfork child therefore cannot pass data back to its
 * parent through memory (posix_spawn's error report is lost).
 *
 * The arm64 argument order is clone(flags, newsp, parent_tid, tls,
 * child_tid).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "exec/exec-all.h"
#include "linux-user/user-internal.h"

#define T_CLONE_VM             0x00000100
#define T_CLONE_FS             0x00000200
#define T_CLONE_FILES          0x00000400
#define T_CLONE_SIGHAND        0x00000800
#define T_CLONE_PIDFD          0x00001000
#define T_CLONE_VFORK          0x00004000
#define T_CLONE_THREAD         0x00010000
#define T_CLONE_SYSVSEM        0x00040000
#define T_CLONE_SETTLS         0x00080000
#define T_CLONE_PARENT_SETTID  0x00100000
#define T_CLONE_CHILD_CLEARTID 0x00200000
#define T_CLONE_DETACHED       0x00400000
#define T_CLONE_CHILD_SETTID   0x01000000

#define THREAD_FLAGS (T_CLONE_VM | T_CLONE_FS | T_CLONE_FILES | T_CLONE_SIGHAND | \
                      T_CLONE_THREAD | T_CLONE_SYSVSEM | T_CLONE_SETTLS |       \
                      T_CLONE_PARENT_SETTID | T_CLONE_CHILD_CLEARTID |          \
                      T_CLONE_DETACHED | T_CLONE_CHILD_SETTID)

static pthread_mutex_t clone_lock = PTHREAD_MUTEX_INITIALIZER;
static int nthreads = 1;

typedef struct NewThread {
    ARMCPU *cpu;
    TaskState *ts;
    uint64_t flags, ptid, ctid;
    sigset_t sigmask;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int tid;
} NewThread;

static void *thread_start(void *arg)
{
    NewThread *nt = arg;
    ARMCPU *cpu = nt->cpu;
    int tid = (int)syscall(SYS_gettid);
    sigset_t mask = nt->sigmask;

    thread_ts = nt->ts;
    signal_thread_add(nt->ts);
    if (nt->flags & T_CLONE_CHILD_SETTID) {
        copy_to_user(nt->ctid, &tid, 4);
    }
    if (nt->flags & T_CLONE_PARENT_SETTID) {
        copy_to_user(nt->ptid, &tid, 4);
    }
    if (nt->flags & T_CLONE_CHILD_CLEARTID) {
        nt->ts->clear_child_tid = nt->ctid;
    }
    pthread_mutex_lock(&nt->mu);
    nt->tid = tid;
    pthread_cond_signal(&nt->cv);
    pthread_mutex_unlock(&nt->mu);
    /* nt belongs to the parent from here on. */
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    cpu_loop(&cpu->env);
}

static int64_t new_thread(CPUARMState *env, uint64_t flags, uint64_t newsp,
                          uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    NewThread nt;
    pthread_attr_t attr;
    pthread_t th;
    sigset_t all;
    ARMCPU *cpu;
    TaskState *ts;
    int r;

    if ((flags & ~(uint64_t)(THREAD_FLAGS | 0xff)) ||
        !(flags & T_CLONE_SIGHAND) || !(flags & T_CLONE_THREAD)) {
        return -EINVAL;
    }
    cpu = aligned_alloc(16, (sizeof(ARMCPU) + 15) & ~(size_t)15);
    ts = calloc(1, sizeof(*ts));
    if (!cpu || !ts) {
        free(cpu);
        free(ts);
        return -ENOMEM;
    }
    memset(cpu, 0, sizeof(*cpu));

    pthread_mutex_lock(&clone_lock);
    arm_cpu_init(cpu, env->model);
    cpu->env = *env;
    cpu->env.xregs[0] = 0;
    if (newsp) {
        cpu->env.xregs[31] = newsp;
    }
    if (flags & T_CLONE_SETTLS) {
        cpu->env.tpidr_el0 = tls;
    }
    cpu->env.exclusive_addr = ~0ull;
    ts->cpu = cpu;
    ts->sigmask = thread_ts->sigmask;

    memset(&nt, 0, sizeof(nt));
    nt.cpu = cpu;
    nt.ts = ts;
    nt.flags = flags;
    nt.ptid = ptid;
    nt.ctid = ctid;
    nt.tid = 0;
    pthread_mutex_init(&nt.mu, NULL);
    pthread_cond_init(&nt.cv, NULL);

    /* The thread starts with every signal blocked, then takes ours. */
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &nt.sigmask);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    __atomic_add_fetch(&nthreads, 1, __ATOMIC_SEQ_CST);
    r = pthread_create(&th, &attr, thread_start, &nt);
    pthread_sigmask(SIG_SETMASK, &nt.sigmask, NULL);
    pthread_attr_destroy(&attr);
    if (r != 0) {
        __atomic_sub_fetch(&nthreads, 1, __ATOMIC_SEQ_CST);
        pthread_mutex_unlock(&clone_lock);
        /* The CPU stays registered with the accelerator; it never runs. */
        free(ts);
        return -r;
    }
    pthread_mutex_lock(&nt.mu);
    while (nt.tid == 0) {
        pthread_cond_wait(&nt.cv, &nt.mu);
    }
    pthread_mutex_unlock(&nt.mu);
    pthread_mutex_unlock(&clone_lock);
    pthread_cond_destroy(&nt.cv);
    pthread_mutex_destroy(&nt.mu);
    return nt.tid;
}

static int64_t new_process(CPUARMState *env, uint64_t flags, uint64_t newsp,
                           uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    pid_t pid;

    if (flags & (T_CLONE_THREAD | T_CLONE_SIGHAND | T_CLONE_PIDFD)) {
        return -EINVAL;
    }
    /* No other thread may hold the translation lock across the fork. */
    pthread_mutex_lock(&clone_lock);
    tb_lock();
    if ((flags & 0xff) == SIGCHLD || (flags & 0xff) == 0) {
        pid = fork();
    } else {
        pid = (pid_t)syscall(SYS_clone, (unsigned long)(flags & 0xff), NULL,
                             NULL, NULL, 0);
    }
    tb_unlock();
    pthread_mutex_unlock(&clone_lock);
    if (pid < 0) {
        return -errno;
    }
    if (pid == 0) {
        int tid = (int)syscall(SYS_gettid);
        nthreads = 1;
        tcg_perfmap_fork_child();
        signal_fork_child(thread_ts);
        if (newsp) {
            env->xregs[31] = newsp;
        }
        if (flags & T_CLONE_SETTLS) {
            env->tpidr_el0 = tls;
        }
        if (flags & T_CLONE_CHILD_SETTID) {
            copy_to_user(ctid, &tid, 4);
        }
        if (flags & T_CLONE_CHILD_CLEARTID) {
            thread_ts->clear_child_tid = ctid;
        }
        return 0;
    }
    if (flags & T_CLONE_PARENT_SETTID) {
        copy_to_user(ptid, &pid, 4);
    }
    return pid;
}

int64_t do_clone(CPUARMState *env, uint64_t flags, uint64_t newsp,
                 uint64_t ptid, uint64_t tls, uint64_t ctid)
{
    if ((flags & T_CLONE_VM) && !(flags & T_CLONE_VFORK)) {
        return new_thread(env, flags, newsp, ptid, tls, ctid);
    }
    return new_process(env, flags & ~(uint64_t)(T_CLONE_VM | T_CLONE_VFORK),
                       newsp, ptid, tls, ctid);
}

void do_thread_exit(int status)
{
    TaskState *ts = thread_ts;

    if (__atomic_sub_fetch(&nthreads, 1, __ATOMIC_SEQ_CST) <= 0) {
        user_exit(status);
    }
    signal_thread_remove(ts);
    if (ts->clear_child_tid) {
        uint32_t zero = 0;
        if (copy_to_user(ts->clear_child_tid, &zero, 4) == 0) {
            syscall(SYS_futex, g2h(ts->clear_child_tid), 1 /* FUTEX_WAKE */,
                    INT_MAX, NULL, NULL, 0);
        }
    }
    pthread_exit(NULL);
}
