/*
 * The main thread's event loop and the big lock (BQL).
 *
 * The main thread runs a glib main loop (GMainContext default) that serves
 * character devices, timers, the monitor, bottom halves and completions
 * of the disk worker pool.  It holds the BQL except while it sleeps in
 * poll().  vCPU threads run guest code without the lock and take it when
 * they leave the guest to touch a device (an MMIO/PIO exit), so device
 * state is only ever touched with the BQL held.
 *
 * Worker threads (thread_pool_submit) run without the lock and must only
 * touch guest RAM (address_space_read/write/map) and their own request.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include <glib.h>
#include <stdbool.h>

/* Creates the loop's state; the calling thread becomes the main thread
 * and holds the BQL on return.  Idempotent. */
void qemu_init_main_loop(void);

/* One iteration: dispatch what is ready, sleeping at most timeout_ms
 * (-1: until something happens) with the BQL released. */
void main_loop_wait(int timeout_ms);
/* Run iterations until main_loop_quit(); returns with the BQL held. */
void main_loop_run(void);
/* Any thread: make main_loop_run return after the current iteration. */
void main_loop_quit(void);
/* Any thread: wake the main loop out of poll(). */
void qemu_notify_event(void);

void bql_lock(void);
void bql_unlock(void);
bool bql_locked(void);          /* by the calling thread */

/* Bottom halves: fn(opaque) runs on the main thread, BQL held, soon after
 * qemu_bh_schedule (callable from any thread; scheduling twice before it
 * runs runs it once). */
typedef struct QEMUBH QEMUBH;
typedef void QEMUBHFunc(void *opaque);
QEMUBH *qemu_bh_new(QEMUBHFunc *fn, void *opaque);
void qemu_bh_schedule(QEMUBH *bh);
void qemu_bh_cancel(QEMUBH *bh);
void qemu_bh_delete(QEMUBH *bh);

/* fd handlers on the main loop (BQL held when they run).  Passing NULL
 * for both removes the fd. */
typedef void IOHandler(void *opaque);
void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write,
                         void *opaque);

/*
 * Worker pool for blocking work (disk I/O): fn(opaque) runs on a worker
 * thread without the BQL; then done(opaque, ret) runs on the main thread
 * with the BQL held.  Requests may complete in any order.
 */
typedef int ThreadPoolFunc(void *opaque);
typedef void ThreadPoolDone(void *opaque, int ret);
void thread_pool_submit(ThreadPoolFunc *fn, ThreadPoolDone *done, void *opaque);
/* Wait (BQL held, dispatching completions) until no request is in flight:
 * used by reset, flush-at-exit and tests. */
void thread_pool_drain(void);

#endif /* QEMU_MAIN_LOOP_H */
