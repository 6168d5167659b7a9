/*
 * The main thread's event loop (qemu/main-loop.h): the big lock, a glib
 * main loop iterated by hand so the lock is dropped only while polling,
 * bottom halves, fd handlers and the worker pool for blocking I/O.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"

/* ---- the big lock ---- */

static pthread_mutex_t bql = PTHREAD_MUTEX_INITIALIZER;
static __thread bool bql_held;

void bql_lock(void)
{
    if (bql_held) {
        fprintf(stderr, "tern: bql_lock: already held by this thread\n");
        abort();
    }
    pthread_mutex_lock(&bql);
    bql_held = true;
}

void bql_unlock(void)
{
    if (!bql_held) {
        fprintf(stderr, "tern: bql_unlock: not held by this thread\n");
        abort();
    }
    bql_held = false;
    pthread_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return bql_held;
}

/* ---- bottom halves ----
 *
 * A scheduled BH sits once on the pending queue (queued); scheduled says
 * whether it should still run (cancel clears it).  Deleting a queued BH
 * only marks it; the runner frees it when it comes to it.
 */
struct QEMUBH {
    QEMUBHFunc *fn;
    void *opaque;
    bool scheduled;
    bool queued;
    bool deleted;
};

static GMutex bh_lock;
static GPtrArray *bh_pending;     /* QEMUBH *, under bh_lock */

QEMUBH *qemu_bh_new(QEMUBHFunc *fn, void *opaque)
{
    QEMUBH *bh = g_new0(QEMUBH, 1);
    bh->fn = fn;
    bh->opaque = opaque;
    return bh;
}

void qemu_bh_schedule(QEMUBH *bh)
{
    bool notify = false;

    g_mutex_lock(&bh_lock);
    if (!bh->deleted && !bh->scheduled) {
        bh->scheduled = true;
        if (!bh->queued) {
            bh->queued = true;
            if (!bh_pending) {
                bh_pending = g_ptr_array_new();
            }
            g_ptr_array_add(bh_pending, bh);
        }
        notify = true;
    }
    g_mutex_unlock(&bh_lock);
    if (notify) {
        qemu_notify_event();
    }
}

void qemu_bh_cancel(QEMUBH *bh)
{
    g_mutex_lock(&bh_lock);
    bh->scheduled = false;
    g_mutex_unlock(&bh_lock);
}

void qemu_bh_delete(QEMUBH *bh)
{
    bool free_now;

    if (!bh) {
        return;
    }
    g_mutex_lock(&bh_lock);
    bh->scheduled = false;
    bh->deleted = true;
    free_now = !bh->queued;
    g_mutex_unlock(&bh_lock);
    if (free_now) {
        g_free(bh);
    }
}

static bool bh_any_pending(void)
{
    bool any;

    g_mutex_lock(&bh_lock);
    any = bh_pending && bh_pending->len > 0;
    g_mutex_unlock(&bh_lock);
    return any;
}

/* Run the BHs queued so far (those scheduled while running wait for the
 * next iteration, so a BH rescheduling itself cannot starve the loop). */
static void bh_run_pending(void)
{
    GPtrArray *batch;

    g_mutex_lock(&bh_lock);
    batch = bh_pending;
    bh_pending = NULL;
    g_mutex_unlock(&bh_lock);
    if (!batch) {
        return;
    }
    for (guint i = 0; i < batch->len; i++) {
        QEMUBH *bh = g_ptr_array_index(batch, i);
        bool run, del;

        g_mutex_lock(&bh_lock);
        bh->queued = false;
        run = bh->scheduled && !bh->deleted;
        bh->scheduled = false;
        del = bh->deleted;
        g_mutex_unlock(&bh_lock);
        if (del) {
            g_free(bh);
        } else if (run) {
            bh->fn(bh->opaque);
        }
    }
    g_ptr_array_free(batch, TRUE);
}

/* ---- fd handlers: one GSource per fd ---- */

typedef struct FdSource {
    GSource source;
    int fd;
    gpointer tag;
    IOHandler *fd_read;
    IOHandler *fd_write;
    void *opaque;
} FdSource;

static GHashTable *fd_sources;    /* fd -> FdSource *, main thread / BQL */

static gboolean fd_source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    FdSource *s = (FdSource *)source;
    GIOCondition rev = g_source_query_unix_fd(source, s->tag);

    if ((rev & (G_IO_IN | G_IO_HUP | G_IO_ERR)) && s->fd_read) {
        s->fd_read(s->opaque);
    }
    /* The read handler may have removed or changed this source. */
    if (!g_source_is_destroyed(source) &&
        (rev & (G_IO_OUT | G_IO_ERR)) && s->fd_write) {
        s->fd_write(s->opaque);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs fd_source_funcs = {
    .dispatch = fd_source_dispatch,
};

static GIOCondition fd_events(IOHandler *fd_read, IOHandler *fd_write)
{
    GIOCondition ev = 0;
    if (fd_read) {
        ev |= G_IO_IN | G_IO_HUP | G_IO_ERR;
    }
    if (fd_write) {
        ev |= G_IO_OUT | G_IO_ERR;
    }
    return ev;
}

void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque)
{
    FdSource *s;

    if (!fd_sources) {
        fd_sources = g_hash_table_new(g_direct_hash, g_direct_equal);
    }
    s = g_hash_table_lookup(fd_sources, GINT_TO_POINTER(fd));
    if (!fd_read && !fd_write) {
        if (s) {
            g_hash_table_remove(fd_sources, GINT_TO_POINTER(fd));
            g_source_destroy(&s->source);
            g_source_unref(&s->source);
        }
        return;
    }
    if (!s) {
        s = (FdSource *)g_source_new(&fd_source_funcs, sizeof(FdSource));
        s->fd = fd;
        s->tag = g_source_add_unix_fd(&s->source, fd,
                                      fd_events(fd_read, fd_write));
        g_hash_table_insert(fd_sources, GINT_TO_POINTER(fd), s);
        s->fd_read = fd_read;
        s->fd_write = fd_write;
        s->opaque = opaque;
        g_source_attach(&s->source, g_main_context_default());
    } else {
        s->fd_read = fd_read;
        s->fd_write = fd_write;
        s->opaque = opaque;
        g_source_modify_unix_fd(&s->source, s->tag,
                                fd_events(fd_read, fd_write));
    }
    qemu_notify_event();
}

/* ---- the loop ---- */

static bool loop_initialized;
static int quit_requested;        /* atomic */
static GPollFD *poll_fds;
static gint poll_fds_n;

static void thread_pool_init(void);

void qemu_init_main_loop(void)
{
    if (!loop_initialized) {
        loop_initialized = true;
        thread_pool_init();
    }
    if (!bql_locked()) {
        bql_lock();
    }
}

void qemu_notify_event(void)
{
    g_main_context_wakeup(g_main_context_default());
}

void main_loop_wait(int timeout_ms)
{
    GMainContext *ctx = g_main_context_default();
    gint max_prio, gtimeout, n;
    int timeout = timeout_ms, t;
    bool acquired = g_main_context_acquire(ctx);

    g_main_context_prepare(ctx, &max_prio);
    for (;;) {
        n = g_main_context_query(ctx, max_prio, &gtimeout, poll_fds, poll_fds_n);
        if (n <= poll_fds_n) {
            break;
        }
        poll_fds = g_renew(GPollFD, poll_fds, n);
        poll_fds_n = n;
    }
    if (gtimeout >= 0 && (timeout < 0 || gtimeout < timeout)) {
        timeout = gtimeout;
    }
    t = timers_next_deadline_ms();
    if (t >= 0 && (timeout < 0 || t < timeout)) {
        timeout = t;
    }
    if (bh_any_pending()) {
        timeout = 0;
    }

    /* Only here do other threads get the device state. */
    if (timeout != 0 && bql_locked()) {
        bql_unlock();
        g_poll(poll_fds, n, timeout);
        bql_lock();
    } else {
        g_poll(poll_fds, n, timeout);
    }

    g_main_context_check(ctx, max_prio, poll_fds, n);
    g_main_context_dispatch(ctx);
    bh_run_pending();
    timers_run_expired();
    if (acquired) {
        g_main_context_release(ctx);
    }
}

void main_loop_run(void)
{
    if (!bql_locked()) {
        bql_lock();
    }
    while (!g_atomic_int_get(&quit_requested)) {
        main_loop_wait(-1);
    }
    g_atomic_int_set(&quit_requested, 0);
}

void main_loop_quit(void)
{
    g_atomic_int_set(&quit_requested, 1);
    qemu_notify_event();
}

/* ---- the worker pool ----
 *
 * Requests go to a queue served by up to POOL_MAX threads (started on
 * demand, then kept).  A finished request moves to the done queue and a
 * BH runs its completion on the main thread with the BQL held.
 */
#define POOL_MAX 4

typedef struct PoolReq {
    ThreadPoolFunc *fn;
    ThreadPoolDone *done;
    void *opaque;
    int ret;
} PoolReq;

static GMutex pool_lock;
static GCond pool_work_cond;      /* a request was queued */
static GCond pool_done_cond;      /* a request finished */
static GQueue pool_work = G_QUEUE_INIT;
static GQueue pool_done = G_QUEUE_INIT;
static int pool_threads, pool_idle;
static int pool_inflight;         /* submitted, completion not yet run */
static QEMUBH *pool_bh;

static gpointer pool_worker(gpointer arg)
{
    g_mutex_lock(&pool_lock);
    for (;;) {
        PoolReq *r;

        while (g_queue_is_empty(&pool_work)) {
            pool_idle++;
            g_cond_wait(&pool_work_cond, &pool_lock);
            pool_idle--;
        }
        r = g_queue_pop_head(&pool_work);
        g_mutex_unlock(&pool_lock);
        r->ret = r->fn(r->opaque);
        g_mutex_lock(&pool_lock);
        g_queue_push_tail(&pool_done, r);
        g_cond_broadcast(&pool_done_cond);
        qemu_bh_schedule(pool_bh);
    }
    return NULL;
}

/* Run finished requests' completions (main thread, BQL held). */
static void pool_complete(void *opaque)
{
    for (;;) {
        PoolReq *r;

        g_mutex_lock(&pool_lock);
        r = g_queue_pop_head(&pool_done);
        g_mutex_unlock(&pool_lock);
        if (!r) {
            return;
        }
        /* Counted out first: a completion may itself drain. */
        g_mutex_lock(&pool_lock);
        pool_inflight--;
        g_mutex_unlock(&pool_lock);
        r->done(r->opaque, r->ret);
        g_free(r);
    }
}

static void thread_pool_init(void)
{
    if (!pool_bh) {
        pool_bh = qemu_bh_new(pool_complete, NULL);
    }
}

void thread_pool_submit(ThreadPoolFunc *fn, ThreadPoolDone *done, void *opaque)
{
    PoolReq *r = g_new0(PoolReq, 1);

    r->fn = fn;
    r->done = done;
    r->opaque = opaque;
    g_mutex_lock(&pool_lock);
    if (!pool_bh) {
        pool_bh = qemu_bh_new(pool_complete, NULL);
    }
    pool_inflight++;
    g_queue_push_tail(&pool_work, r);
    if (pool_idle == 0 && pool_threads < POOL_MAX) {
        GThread *t = g_thread_new("tern-worker", pool_worker, NULL);
        g_thread_unref(t);
        pool_threads++;
    }
    g_cond_signal(&pool_work_cond);
    g_mutex_unlock(&pool_lock);
}

void thread_pool_drain(void)
{
    for (;;) {
        bool idle, have_done;

        pool_complete(NULL);
        g_mutex_lock(&pool_lock);
        idle = pool_inflight == 0;
        have_done = !g_queue_is_empty(&pool_done);
        if (!idle && !have_done) {
            /* Workers may need the BQL (an access reaching an I/O region). */
            bool locked = bql_locked();
            if (locked) {
                g_mutex_unlock(&pool_lock);
                bql_unlock();
                g_mutex_lock(&pool_lock);
            }
            while (g_queue_is_empty(&pool_done)) {
                g_cond_wait(&pool_done_cond, &pool_lock);
            }
            g_mutex_unlock(&pool_lock);
            if (locked) {
                bql_lock();
            }
            continue;
        }
        g_mutex_unlock(&pool_lock);
        if (idle) {
            return;
        }
    }
}
