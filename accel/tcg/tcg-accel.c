/*
 * The TCG accelerator instance: code buffer, translation context, lock
 * and the list of vCPUs.  See include/accel/tcg.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "exec/cputlb.h"

TCGEngine tcg_engine;
__thread int tb_lock_depth;
__thread CPUState *current_cpu;

/* ------------------------------------------------------------------ */
/* Lock                                                                */

void tb_lock(void)
{
    pthread_mutex_lock(&tcg_engine.lock);
    tb_lock_depth++;
}

void tb_unlock(void)
{
    tb_lock_depth--;
    pthread_mutex_unlock(&tcg_engine.lock);
}

static void init_lock(void)
{
    pthread_mutexattr_t attr;

    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&tcg_engine.lock, &attr);
    pthread_mutexattr_destroy(&attr);
}

/*
 * fork() (user mode: the guest forks) must not happen in the middle of a
 * translation on another thread, and the child, which has only the forking
 * thread, must not inherit a lock owned by a thread that does not exist
 * there: take the lock around fork and give the child a fresh one.
 */
static bool atfork_registered;

static void fork_prepare(void)
{
    if (tcg_engine.initialized) {
        tb_lock();
    }
}

static void fork_parent(void)
{
    if (tcg_engine.initialized) {
        tb_unlock();
    }
}

static void fork_child(void)
{
    if (tcg_engine.initialized) {
        tb_lock_depth = 0;
        init_lock();
        cpu_exclusive_fork_child();
    }
}

/* A longjmp out of a locked region (a fault while translating) lands here. */
void tb_lock_reset_after_longjmp(void)
{
    while (tb_lock_depth > 0) {
        tb_unlock();
    }
}

/* ------------------------------------------------------------------ */
/* Code buffer                                                         */

static size_t host_page_size(void)
{
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (size_t)p : 4096;
}

/*
 * Where the executable view should go: just below our own program text,
 * so that generated code reaches helpers with a direct rel32 call (x86-64)
 * instead of loading a 64-bit address first.  Only a hint: the kernel may
 * put the mapping elsewhere, and the backends check the distance.
 */
static void *code_buffer_hint(size_t size)
{
    uintptr_t text = (uintptr_t)&tcg_exec_init;
    uintptr_t gap = (size_t)64 << 20, align = (size_t)2 << 20;

    if (text < size + gap + align) {
        return NULL;
    }
    return (void *)((text - size - gap) & ~(align - 1));
}

static int alloc_code_buffer(size_t size, bool split_wx, const char **err)
{
    TCGEngine *e = &tcg_engine;

    e->memfd = -1;
    if (!split_wx) {
        void *p = mmap(code_buffer_hint(size), size,
                       PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p != MAP_FAILED) {
            e->buf_rw = e->buf_rx = p;
            return 0;
        }
        /* Hardened hosts refuse rwx mappings; fall back to two views. */
    }

    int fd = memfd_create("tern-jit", MFD_CLOEXEC);
    if (fd < 0) {
        *err = "cannot create the code buffer (memfd_create failed); "
               "try -accel tcg,split-wx=off";
        return -errno;
    }
    if (ftruncate(fd, (off_t)size) < 0) {
        int r = -errno;
        close(fd);
        *err = "cannot size the code buffer; try a smaller -accel tcg,tb-size=";
        return r;
    }
    void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (rw == MAP_FAILED) {
        int r = -errno;
        close(fd);
        *err = "cannot map the code buffer; try a smaller -accel tcg,tb-size=";
        return r;
    }
    void *rx = mmap(code_buffer_hint(size), size, PROT_READ | PROT_EXEC,
                    MAP_SHARED, fd, 0);
    if (rx == MAP_FAILED) {
        int r = -errno;
        munmap(rw, size);
        close(fd);
        *err = "cannot map the code buffer executable (W^X); the host "
               "forbids executable shared mappings";
        return r;
    }
    e->memfd = fd;
    e->buf_rw = rw;
    e->buf_rx = rx;
    return 0;
}

static void free_code_buffer(void)
{
    TCGEngine *e = &tcg_engine;

    if (e->buf_rx && e->buf_rx != e->buf_rw) {
        munmap(e->buf_rx, e->buf_size);
    }
    if (e->buf_rw) {
        munmap(e->buf_rw, e->buf_size);
    }
    if (e->memfd >= 0) {
        close(e->memfd);
    }
    e->buf_rw = e->buf_rx = NULL;
    e->memfd = -1;
}

/* ------------------------------------------------------------------ */
/* Init / cleanup                                                      */

int tcg_exec_init(const TCGAccelConfig *cfg, const char **err)
{
    TCGEngine *e = &tcg_engine;
    static const char *dummy;
    size_t size;
    int r;

    if (!err) {
        err = &dummy;
    }
    if (e->initialized) {
        *err = "the TCG accelerator is already initialized";
        return -EBUSY;
    }
    memset(e, 0, sizeof(*e));
    e->memfd = -1;

    e->be = cfg->backend ? cfg->backend : tcg_backend_default();
    if (!e->be) {
        *err = "no TCG backend available on this host";
        return -ENOENT;
    }

    size = cfg->tb_size_bytes;
    if (!size) {
        size_t mb = cfg->tb_size_mb ? cfg->tb_size_mb : TCG_DEFAULT_TB_SIZE_MB;
        if (mb > (SIZE_MAX >> 21)) {
            *err = "-accel tcg,tb-size= is too large";
            return -EINVAL;
        }
        size = mb << 20;
    }
    /* Room for the prologue and at least one big block. */
    if (size < 4 * TCG_HIGHWATER) {
        size = 4 * TCG_HIGHWATER;
    }
    size = (size + host_page_size() - 1) & ~(host_page_size() - 1);
    if (size > (size_t)INT32_MAX) {
        *err = "-accel tcg,tb-size= must be below 2048 (MiB)";
        return -EINVAL;
    }
    e->buf_size = size;

    r = alloc_code_buffer(size, cfg->split_wx, err);
    if (r < 0) {
        return r;
    }

    e->ctx = tcg_context_new(e->be);
    if (!e->ctx) {
        free_code_buffer();
        *err = "out of memory creating the translation context";
        return -ENOMEM;
    }
    e->env = tcg_env;
    /*
     * The interrupt-check word as a (read-only) global: the allocator
     * loads it from env at its first use in each block, which is the
     * block start.  Globals must exist before any target global.
     */
    e->check_word = tcg_global_mem_new_i32(tcg_env, TERN_CHECK_WORD_OFS,
                                           "check_word");
    e->ctx->optimize = !cfg->no_optimize;
    e->ctx->mem_mode = cfg->mem_mode;
    e->ctx->guest_base = cfg->guest_base;
    if (cfg->mem_mode == TCG_MEM_USER && cfg->guest_addr_bits) {
        e->ctx->guest_addr_bits = cfg->guest_addr_bits;
        e->ctx->guest_limit_ofs = TERN_GUEST_LIMIT_OFS;
        e->ctx->guest_guard = cfg->guest_guard;
        e->ctx->ld_slow = cfg->user_ld_slow;
        e->ctx->st_slow = cfg->user_st_slow;
    }
    e->mem_mode = cfg->mem_mode;

    tcg_set_code_buffer(e->ctx, e->buf_rw, size, e->buf_rx - e->buf_rw);
    tcg_emit_prologue(e->ctx);
    e->code_start = e->ctx->code_gen_ptr;

    init_lock();
    if (!atfork_registered) {
        pthread_atfork(fork_prepare, fork_parent, fork_child);
        atfork_registered = true;
    }

    tb_maint_init();
    e->stats.code_size = size - (e->code_start - e->buf_rw) - TCG_HIGHWATER;
    e->initialized = true;
    return 0;
}

void tcg_exec_cleanup(void)
{
    TCGEngine *e = &tcg_engine;

    if (!e->initialized) {
        return;
    }
    while (e->cpus) {
        tcg_cpu_unrealize(e->cpus);
    }
    tb_maint_cleanup();
    tcg_context_free(e->ctx);
    free_code_buffer();
    pthread_mutex_destroy(&e->lock);
    memset(e, 0, sizeof(*e));
    e->memfd = -1;
}

bool tcg_exec_initialized(void)
{
    return tcg_engine.initialized;
}

TCGContext *tcg_exec_context(void)
{
    return tcg_engine.ctx;
}

void tcg_engine_thread_enter(void)
{
    tcg_ctx = tcg_engine.ctx;
    tcg_env = tcg_engine.env;
}

/* ------------------------------------------------------------------ */
/* CPUs                                                                */

void cpu_state_init(CPUState *cpu, const TCGCPUOps *ops, void *env)
{
    memset(cpu, 0, sizeof(*cpu));
    cpu->tcg_ops = ops;
    cpu->env_ptr = env;
    cpu->neg = (CPUNegativeOffsetState *)env - 1;
    cpu->neg->cpu = cpu;
    cpu->neg->icount_decr.u32 = 0;
    cpu->exception_index = EXCP_NONE;
}

void tcg_cpu_realize(CPUState *cpu)
{
    TCGEngine *e = &tcg_engine;
    const TCGCPUOps *ops = cpu->tcg_ops;
    bool inited = false;

    if (!e->initialized) {
        tcg_abort_msg("tcg_cpu_realize before tcg_exec_init");
    }
    if (ops->page_bits < 10 || ops->page_bits > 30) {
        tcg_abort_msg("target %s: page_bits %d out of range",
                      ops->name ? ops->name : "?", ops->page_bits);
    }

    tb_lock();
    if (!e->page_bits) {
        e->page_bits = ops->page_bits;
        e->page_mask = ~((1ull << ops->page_bits) - 1);
    } else if (e->page_bits != ops->page_bits) {
        tcg_abort_msg("CPUs with different page sizes in one machine");
    }

    tcg_engine_thread_enter();
    for (int i = 0; i < e->nb_inited_ops; i++) {
        inited |= e->inited_ops[i] == ops;
    }
    if (!inited) {
        if (e->nb_inited_ops == (int)G_N_ELEMENTS(e->inited_ops)) {
            tcg_abort_msg("too many targets in one machine");
        }
        e->inited_ops[e->nb_inited_ops++] = ops;
        if (ops->initialize) {
            ops->initialize();
        }
    }

    cpu->tb_jmp_cache = g_new0(CPUJumpCache, 1);
    tb_jmp_cache_clear(cpu);                /* zero is a valid key */
    cpu->neg->jmp_cache = cpu->tb_jmp_cache;
    cpu->neg->guest_limit = e->ctx->guest_addr_bits
                            ? 1ull << e->ctx->guest_addr_bits : UINT64_MAX;
    if (e->mem_mode == TCG_MEM_SOFTMMU) {
        TCGContext *s = e->ctx;
        s->softmmu.page_bits = ops->page_bits;
        s->softmmu.tlb_fast_ofs = TERN_TLB_FAST_OFS;
        s->ld_slow = tlb_ld_slow;
        s->st_slow = tlb_st_slow;
        tlb_init(cpu, ops->page_bits);
    }

    int idx = 0;
    CPUState **pp = &e->cpus;
    while (*pp) {
        idx++;
        pp = &(*pp)->next_cpu;
    }
    cpu->cpu_index = idx;
    cpu->next_cpu = NULL;
    *pp = cpu;
    tb_unlock();
}

void tcg_cpu_unrealize(CPUState *cpu)
{
    TCGEngine *e = &tcg_engine;

    tb_lock();
    for (CPUState **pp = &e->cpus; *pp; pp = &(*pp)->next_cpu) {
        if (*pp == cpu) {
            *pp = cpu->next_cpu;
            break;
        }
    }
    cpu->next_cpu = NULL;
    g_free(cpu->tb_jmp_cache);
    cpu->tb_jmp_cache = NULL;
    if (cpu->neg) {
        cpu->neg->jmp_cache = NULL;
    }
    tlb_destroy(cpu);
    tb_unlock();
}

CPUState *tcg_first_cpu(void)
{
    return tcg_engine.cpus;
}
