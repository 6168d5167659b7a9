/*
 * User mode (tern-aarch64): what the files of linux-user/ share.
 *
 *   main.c       options, environment, start-up
 *   elfload.c    ELF loader, initial stack and auxv
 *   mmap.c       the guest address space: reservation, page flags,
 *                mmap/munmap/mprotect/mremap, brk
 *   user-exec.c  guest memory as the translator sees it (cpu_ldl_code),
 *                host SIGSEGV/SIGBUS from guest accesses
 *   cpu_loop.c   cpu_exec() and what its exits mean (syscall, signal)
 *   syscall.c    the generic arm64 syscall ABI on top of the host's
 *   strace.c     -strace
 *   signal.c     guest signals: dispositions, masks, frames, sigreturn
 *   procfs.c     /proc/self/maps, auxv, cmdline as the guest sees them
 *
 * docs/linux-user.md describes how they fit.
 */
#ifndef LINUX_USER_INTERNAL_H
#define LINUX_USER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <sys/types.h>

#include "exec/cpu-ldst.h"
#include "target/arm/cpu.h"

/* ------------------------------------------------------------------ */
/* Guest address space (mmap.c)                                        */

/*
 * The guest sees addresses 0 .. GUEST_SPACE_SIZE-1; host address =
 * guest_base + guest address.  The whole range is reserved at start-up
 * (PROT_NONE, MAP_NORESERVE), so guest mappings never collide with tern's.
 */
#define GUEST_SPACE_BITS   40
#define GUEST_SPACE_SIZE   (1ull << GUEST_SPACE_BITS)
#define GUEST_GUARD_SIZE   (64 * 1024)  /* PROT_NONE after the guest space */
#define GUEST_PAGE_BITS    TARGET_PAGE_BITS
#define GUEST_PAGE_SIZE    (1ull << GUEST_PAGE_BITS)
#define GUEST_PAGE_MASK    (~(GUEST_PAGE_SIZE - 1))
#define GUEST_PAGE_ALIGN(x) (((x) + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK)
/* Lowest address mmap hands out (Linux's default mmap_min_addr). */
#define GUEST_MMAP_MIN     0x10000ull

/* Page flags beyond PAGE_READ/WRITE/EXEC (exec/cpu-common.h). */
#define PAGE_VALID   0x08   /* mapped in the guest */
/*
 * The guest may write (PAGE_WRITE) but the host page is read-only
 * because blocks were translated from it: the first write faults, the
 * fault handler invalidates the blocks and gives write access back
 * (self-modifying code, blueprint 3.8).
 */
#define PAGE_CODE_PROT 0x10
/* PAGE_BTI (0x20, exec/cpu-common.h): a guarded page, from PROT_BTI. */

/* arm64's PROT_BTI, as target_mmap/target_mprotect take it. */
#define T_PROT_BTI  0x10

extern uintptr_t guest_base;

static inline void *g2h(uint64_t addr)
{
    return (void *)(guest_base + (uintptr_t)addr);
}

static inline bool guest_addr_valid(uint64_t addr)
{
    return addr < GUEST_SPACE_SIZE;
}

/* Is host address h inside the guest reservation? */
static inline bool h2g_valid(uintptr_t h)
{
    return h >= guest_base && h - guest_base < GUEST_SPACE_SIZE;
}

static inline uint64_t h2g(uintptr_t h)
{
    return (uint64_t)(h - guest_base);
}

/* Reserve the address space and the page table; false with a message. */
bool guest_space_init(const char **err);

int page_get_flags(uint64_t addr);
/* Set the flags of [start, end) (page-aligned) to flags. */
void page_set_flags(uint64_t start, uint64_t end, int flags);
/* Do all pages of [start, start+len) have all of flags (and PAGE_VALID)? */

/*
 * The Linux calls, on guest addresses.  Return the guest address / 0, or
 * a negative errno.  prot and flags use the arm64 (= generic) values.
 */
int64_t target_mmap(uint64_t addr, uint64_t len, int prot, int flags,
                    int fd, int64_t offset);
int target_munmap(uint64_t addr, uint64_t len);
int target_mprotect(uint64_t addr, uint64_t len, int prot);
int64_t target_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                      int flags, uint64_t new_addr);
int target_madvise(uint64_t addr, uint64_t len, int advice);

/*
 * The guest may write at addr but the host page was write-protected for
 * its translated code: invalidate the page's blocks, restore write
 * access and return true (the faulting write can be retried).  False if
 * the guest may not write there (a real fault).  Any thread, also from
 * the SIGSEGV handler.
 */
bool page_unprotect_for_write(uint64_t addr);
/* tb_set_page_hooks() callbacks (under tb_lock). */
void page_protect_code(uint64_t page);
void page_unprotect_code(uint64_t page);

/* A free range of len bytes: at hint if free, else the highest below
 * the mmap base; 0 if none (0 is never free). */
uint64_t mmap_find_vma(uint64_t hint, uint64_t len);
/* Where top-down mmap placement starts (set by the loader). */
void mmap_set_base(uint64_t base);

/* brk: the program break starts at start (page-aligned end of bss). */
void target_set_brk(uint64_t start);
uint64_t target_brk(uint64_t new_brk);
/* Where the heap starts and the current break. */
void target_brk_range(uint64_t *start, uint64_t *cur);

/*
 * Guest buffers for syscalls.  NULL (the caller returns -EFAULT) unless
 * every page of [addr, addr+len) is mapped with the access (PAGE_READ or
 * PAGE_WRITE).  len 0 is always fine.
 */
void *lock_user(uint64_t addr, uint64_t len, int access);
/* A NUL-terminated guest string; NULL if any byte is unreadable. */
const char *lock_user_string(uint64_t addr);
/* Copy to / from the guest; 0 or -EFAULT. */
int copy_to_user(uint64_t addr, const void *src, size_t len);
int copy_from_user(void *dst, uint64_t addr, size_t len);

/* ------------------------------------------------------------------ */
/* The process (main.c, elfload.c)                                     */

typedef struct ImageInfo {
    uint64_t load_bias;     /* ET_DYN: where it was placed; ET_EXEC: 0 */
    uint64_t entry;         /* e_entry + load_bias */
    uint64_t phdr;          /* guest address of the program headers */
    uint64_t phnum, phent;
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t brk;           /* page-aligned end of the highest segment */
    uint64_t interp_base;   /* AT_BASE (0: no interpreter) */
    uint64_t interp_entry;
    bool exec_stack;        /* PT_GNU_STACK with PF_X */
    uint64_t stack_top, stack_limit;
    uint64_t sp;            /* initial stack pointer (argc) */
    uint64_t auxv, auxv_len;/* the auxv on the guest stack (for /proc/self/auxv later) */
} ImageInfo;

typedef struct UserConfig {
    const char *sysroot;        /* -L (NULL: none) */
    const char *exec_path;      /* the program, absolute */
    const char *exec_name;      /* as given on the command line (AT_EXECFN) */
    const ARMCPUModel *model;
    uint64_t stack_size;
    /*
     * execve of an AArch64 program runs tern again: the host path of this
     * tern-aarch64 and the options to pass (-L, -cpu, -s, -d, -D, -accel,
     * -strace with their effective values), NULL-terminated.
     */
    const char *tern_path;
    char **exec_opts;
    int exec_nopts;
    char **guest_argv;          /* the program's argv (/proc/self/cmdline) */
} UserConfig;

extern UserConfig user_config;
extern ImageInfo image_info;

/*
 * Load the program and its interpreter, build the stack.  0, or -1 with
 * a one-line message (naming the file) in errbuf.
 */
int loader_exec(const char *path, char *const argv[], char *const envp[],
                ImageInfo *info, char *errbuf, size_t errlen);

/* AT_HWCAP / AT_HWCAP2 for a CPU model. */
uint64_t arm_model_hwcap(const ARMCPUModel *m);
uint64_t arm_model_hwcap2(const ARMCPUModel *m);

/*
 * For guest path arguments: a path inside the sysroot when one is set,
 * the path is absolute and the file exists there; else the path itself.
 * Returns buf or path.
 */
const char *user_path(const char *path, char *buf, size_t len);

/* A host call's result as a syscall returns it: -errno on failure. */
static inline int64_t host_ret(long r)
{
    return r < 0 ? -errno : r;
}

/* ------------------------------------------------------------------ */
/* Running (cpu_loop.c, syscall.c, strace.c, signal.c)                 */

/* Guest signal numbers are 1..TARGET_NSIG (the same numbers as the host's). */
#define TARGET_NSIG 64

typedef struct TaskState {
    ARMCPU *cpu;
    int tid;                    /* host (= guest) thread id */
    struct TaskState *next;     /* the list of live threads (signal.c) */
    uint64_t clear_child_tid;   /* set_tid_address */
    /* A host fault turned into a guest one (user-exec.c -> cpu_loop.c). */
    int fault_signal, fault_code;
    bool fault_write;           /* the faulting access was a store */
    bool fault_fetch;           /* ... an instruction fetch */
    /* The last fault, as sigcontext.fault_address and the ESR record show it. */
    uint64_t fault_address, fault_esr;
    /* sigaltstack */
    uint64_t ss_sp, ss_size;
    int ss_flags;
    uint64_t sigmask;           /* the guest's blocked set (bit n-1 = signal n) */
    /*
     * Signals that arrived (host handler, or queued by tern) and are not
     * delivered yet: bit n-1, atomic; the siginfo of each, as the host
     * gave it (arm64 and x86-64 share the 128-byte layout).
     */
    uint64_t pending;
    uint8_t pending_info[TARGET_NSIG + 1][128];
    /* rt_sigsuspend: the mask to restore once a handler ran. */
    bool in_sigsuspend;
    uint64_t sigsuspend_saved;
    /* A syscall interrupted by a signal, restartable under SA_RESTART. */
    bool restart_syscall;
    uint64_t restart_x0;
} TaskState;

extern __thread TaskState *thread_ts;

/* user-exec.c: generated code's calls for guest addresses at or above
 * GUEST_SPACE_SIZE (they raise the guest's SIGSEGV). */
uint64_t user_ld_slow(void *env, uint64_t addr, MemOpIdx oi, uintptr_t retaddr);
void user_st_slow(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                  uintptr_t retaddr);

/*
 * A host syscall that may block (safe-syscall.c): like syscall(2), -1
 * with errno on failure, but a guest signal that arrives just before the
 * call starts waiting makes it return EINTR instead of blocking.
 * safe_syscall(SYS_read, fd, buf, n): up to six arguments.
 */
long safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5,
                   long a6);
#define safe_syscall(...) safe_syscall_pick(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0)
#define safe_syscall_pick(nr, a, b, c, d, e, f, ...)                         \
    safe_syscall6((long)(nr), (long)(a), (long)(b), (long)(c), (long)(d),    \
                  (long)(e), (long)(f))
/* The same with the signals that stop it given as ~*mask (instead of
 * those the guest does not block): for waits on blocked signals. */
long safe_syscall_masked(const uint64_t *mask, long nr, long a1, long a2,
                         long a3, long a4);
/* From the host signal handler: move a pc between the check and the
 * syscall instruction to the "interrupted" exit. */
void safe_syscall_adjust_pc(void *puc);

/* Run the CPU until the guest exits; never returns. */
void cpu_loop(CPUARMState *env) __attribute__((noreturn));

/* One syscall: arguments x0..x5, result (negative errno on failure). */
int64_t do_syscall(CPUARMState *env, int num, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6);
/* End the process: flush the log, exit with status. */
void user_exit(int status) __attribute__((noreturn));

/* execve, wait4, waitid (syscall-proc.c). */
int64_t do_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp);
int64_t do_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage);
int64_t do_waitid(int idtype, int id, uint64_t uinfo, int options,
                  uint64_t urusage);
/*
 * Host iovecs for a guest array of cnt (at most T_IOV_MAX) struct iovec
 * (same layout), each buffer checked for access; cnt or -errno.
 */
#define T_IOV_MAX 1024
struct iovec;
int64_t lock_iovec(struct iovec *iov, uint64_t uiov, int64_t cnt, int access);
/*
 * /proc/self/{maps,auxv,cmdline} as the guest sees them (procfs.c): for
 * those paths true, with a file descriptor or -errno in *ret.
 */
bool proc_open_emulated(const char *path, int hflags, int64_t *ret);
/* Keep the initial auxv (guest stack at addr) for /proc/self/auxv. */
void proc_save_auxv(uint64_t addr, uint64_t len);
/* Is path /proc/self/exe (or /proc/<our pid>/exe)? (syscall.c) */
bool is_proc_self_exe(const char *path);

/*
 * poll/select/epoll/eventfd and sockets (syscall-io.c): true when num is
 * one of them, with the result in *ret.
 */
bool do_io_syscall(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret);

/*
 * sendfile, sendmmsg/recvmmsg, signalfd4, timerfd_*, inotify_*
 * (syscall-fd.c): true when num is one of them, with the result in *ret.
 */
/* syscall-file.c: xattrs, mknodat, copy_file_range, splice, preadv2 ... */
bool do_file_syscall(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                     uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret);
bool do_fd_syscall(int num, uint64_t a1, uint64_t a2, uint64_t a3,
                   uint64_t a4, uint64_t a5, uint64_t a6, int64_t *ret);

/* clone (thread.c): threads on host threads, fork for the rest. */
int64_t do_clone(CPUARMState *env, uint64_t flags, uint64_t newsp,
                 uint64_t ptid, uint64_t tls, uint64_t ctid);
/* exit of one thread (the last one ends the process). */
void do_thread_exit(int status) __attribute__((noreturn));

/* -strace (LOG_STRACE). */
void strace_print_call(int num, const uint64_t *args);
void strace_print_ret(int num, int64_t ret);
const char *syscall_name(int num);

/* Signals (signal.c). */
void signal_init(void);
/* Host handlers for faults in guest accesses (user-exec.c). */
void user_fault_handlers_init(void);
/*
 * A synchronous guest signal (guest fault, undefined insn, BRK) at the
 * current pc: the guest's handler gets a frame (the cpu loop then runs
 * it), or, without a handler or with the signal blocked or ignored, the
 * default action kills the process with a message.
 */
void force_sig_fault(CPUARMState *env, int sig, int code, uint64_t addr);
/* tern's own host signal (signal.c): wakes threads, carries timers. */
#define TERN_SIG_KICK SIGRTMAX
/* Can guest signal sig travel as the same host signal (not 32, 33, 64)? */
bool signal_host_can_carry(int sig);
/* Host timer id -> the guest signal and value it stands for, for timers
 * whose guest signal the host cannot carry (they signal TERN_SIG_KICK). */
bool signal_timer_map(int id, int sig, uint64_t value);
void signal_timer_unmap(int id);
/* Deliver the pending signals the thread does not block (cpu loop). */
void process_pending_signals(CPUARMState *env);
/* Async-signal-safe: record a host signal for this thread's guest. */
void queue_host_signal(int sig, const siginfo_t *si);
/* Terminate like a process killed by sig would (the shell sees it). */
void die_with_signal(int sig) __attribute__((noreturn));
/* Threads known to signal.c (tkill/tgkill to guest-reserved signals). */
void signal_thread_add(TaskState *ts);
void signal_thread_remove(TaskState *ts);
/* A new process (fork): no pending signals, only this thread. */
void signal_fork_child(TaskState *ts);
int do_rt_sigaction(int sig, uint64_t act, uint64_t oact, uint64_t setsize);
int do_rt_sigprocmask(int how, uint64_t set, uint64_t oset, uint64_t setsize);
int do_sigaltstack(uint64_t ss, uint64_t oss, uint64_t sp);
int64_t do_rt_sigreturn(CPUARMState *env);
int64_t do_rt_sigsuspend(uint64_t set, uint64_t setsize);
int64_t do_rt_sigpending(uint64_t set, uint64_t setsize);
/* rt_sigqueueinfo (tid -1) and rt_tgsigqueueinfo. */
int64_t do_sigqueueinfo(int tgid, int tid, int sig, uint64_t uinfo);
int64_t do_rt_sigtimedwait(uint64_t set, uint64_t info, uint64_t timeout,
                           uint64_t setsize);
int64_t do_tkill(int tgid, int tid, int sig);
/*
 * ppoll/pselect6/epoll_pwait with a signal mask: *hset is the host set to
 * wait with (the guest set minus what tern needs); 0 or -errno.  After the
 * call, signal_temp_mask_end(gmask, interrupted): when interrupted (EINTR)
 * the handlers run with gmask installed and the old mask comes back after
 * them, as Linux does for these calls.
 */
int signal_temp_mask_begin(uint64_t uset, uint64_t setsize, uint64_t *gmask,
                           sigset_t *hset);
void signal_temp_mask_end(uint64_t gmask, bool interrupted);

/*
 * do_syscall results that are not for x0:
 *   -TERN_ERESTARTSYS  interrupted by a signal; restarted when the handler
 *                      has SA_RESTART (or no handler ran), else -EINTR
 *   -TERN_ESIGRETURN   rt_sigreturn restored every register, x0 included
 */
#define TERN_ERESTARTSYS 512
#define TERN_ESIGRETURN  4094

/* Program name for messages ("tern-aarch64"). */
#define USER_PROG "tern-aarch64"

#endif
