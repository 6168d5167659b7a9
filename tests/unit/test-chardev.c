/*
 * The main loop (BQL, bottom halves, fd handlers, timers, the worker pool)
 * and the character devices (mux escapes, file, unix socket, pty, option
 * parsing).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"

static GThread *main_thread;

/* Iterate the loop until *flag is set (or fail after timeout_ms). */
static void wait_until(volatile int *flag, int timeout_ms)
{
    int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + timeout_ms;

    while (!g_atomic_int_get(flag)) {
        int64_t left = end - qemu_clock_get_ms(QEMU_CLOCK_REALTIME);
        g_assert_cmpint(left, >, 0);
        main_loop_wait((int)left);
    }
}

/* ---- bottom halves ---- */

typedef struct BHTest {
    int runs;
    int done;
    bool on_main;
    bool locked;
    QEMUBH *bh;
} BHTest;

static void bh_cb(void *opaque)
{
    BHTest *t = opaque;
    t->runs++;
    t->on_main = g_thread_self() == main_thread;
    t->locked = bql_locked();
    g_atomic_int_set(&t->done, 1);
}

static gpointer bh_thread(gpointer opaque)
{
    BHTest *t = opaque;
    g_usleep(20000);            /* the main thread is asleep in poll by now */
    qemu_bh_schedule(t->bh);
    return NULL;
}

static void test_bh_other_thread(void)
{
    BHTest t = { 0 };
    GThread *th;

    t.bh = qemu_bh_new(bh_cb, &t);
    th = g_thread_new("bh", bh_thread, &t);
    wait_until(&t.done, 5000);
    g_thread_join(th);
    g_assert_cmpint(t.runs, ==, 1);
    g_assert_true(t.on_main);
    g_assert_true(t.locked);
    qemu_bh_delete(t.bh);
}

static void test_bh_coalesce_cancel(void)
{
    BHTest t = { 0 };

    t.bh = qemu_bh_new(bh_cb, &t);
    qemu_bh_schedule(t.bh);
    qemu_bh_schedule(t.bh);
    main_loop_wait(0);
    main_loop_wait(0);
    g_assert_cmpint(t.runs, ==, 1);

    qemu_bh_schedule(t.bh);
    qemu_bh_cancel(t.bh);
    main_loop_wait(0);
    g_assert_cmpint(t.runs, ==, 1);

    /* Deleting a scheduled BH: it never runs. */
    qemu_bh_schedule(t.bh);
    qemu_bh_delete(t.bh);
    main_loop_wait(0);
    g_assert_cmpint(t.runs, ==, 1);
}

/* ---- fd handlers ---- */

typedef struct FdTest {
    int fd;
    char buf[16];
    int len;
    int done;
} FdTest;

static void fd_read_cb(void *opaque)
{
    FdTest *t = opaque;
    ssize_t n = read(t->fd, t->buf + t->len, sizeof(t->buf) - t->len);
    g_assert_cmpint(n, >, 0);
    t->len += n;
    if (t->len >= 3) {
        g_atomic_int_set(&t->done, 1);
    }
}

static void test_fd_handler(void)
{
    int p[2];
    FdTest t = { 0 };

    g_assert_cmpint(pipe(p), ==, 0);
    t.fd = p[0];
    qemu_set_fd_handler(p[0], fd_read_cb, NULL, &t);
    g_assert_cmpint(write(p[1], "abc", 3), ==, 3);
    wait_until(&t.done, 5000);
    g_assert_cmpmem(t.buf, t.len, "abc", 3);
    qemu_set_fd_handler(p[0], NULL, NULL, NULL);
    /* Removed: more data does not call the handler. */
    g_assert_cmpint(write(p[1], "d", 1), ==, 1);
    main_loop_wait(10);
    g_assert_cmpint(t.len, ==, 3);
    close(p[0]);
    close(p[1]);
}

/* ---- timers ---- */

typedef struct TimerRec {
    int order[8];
    int n;
    int done;
} TimerRec;

typedef struct TimerArg {
    TimerRec *rec;
    int id;
} TimerArg;

static void timer_cb(void *opaque)
{
    TimerArg *a = opaque;
    g_assert_true(bql_locked());
    a->rec->order[a->rec->n++] = a->id;
    if (a->rec->n == 3) {
        g_atomic_int_set(&a->rec->done, 1);
    }
}

static void test_timers_order(void)
{
    TimerRec rec = { 0 };
    TimerArg args[3] = { { &rec, 1 }, { &rec, 2 }, { &rec, 3 } };
    QEMUTimer *t[3];
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME), start = now;

    for (int i = 0; i < 3; i++) {
        t[i] = timer_new_ns(QEMU_CLOCK_REALTIME, timer_cb, &args[i]);
    }
    /* Armed out of order: 3 ms, 1 ms, 2 ms. */
    timer_mod(t[2], now + 30000000);
    timer_mod(t[0], now + 10000000);
    timer_mod(t[1], now + 20000000);
    g_assert_true(timer_pending(t[0]));
    g_assert_cmpint(timer_expire_time_ns(t[0]), ==, now + 10000000);
    wait_until(&rec.done, 5000);
    g_assert_cmpint(rec.order[0], ==, 1);
    g_assert_cmpint(rec.order[1], ==, 2);
    g_assert_cmpint(rec.order[2], ==, 3);
    /* Nothing fired early. */
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - start, >=, 30000000);
    g_assert_false(timer_pending(t[2]));
    g_assert_cmpint(timer_expire_time_ns(t[2]), ==, -1);

    /* A deleted timer does not fire. */
    rec.n = 0;
    rec.done = 0;
    timer_mod(t[0], qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + 1000000);
    timer_del(t[0]);
    g_assert_cmpint(timers_next_deadline_ms(), ==, -1);
    main_loop_wait(10);
    g_assert_cmpint(rec.n, ==, 0);
    for (int i = 0; i < 3; i++) {
        timer_free(t[i]);
    }
}

static void test_virtual_clock_stops(void)
{
    TimerRec rec = { 0 };
    TimerArg arg = { &rec, 7 };
    QEMUTimer *t = timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, &arg);
    int64_t v0, v1;

    qemu_clock_virtual_start();
    v0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_usleep(5000);
    v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(v1 - v0, >=, 5000000);

    qemu_clock_virtual_stop();
    v0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    timer_mod(t, v0 + 2000000);
    /* Stopped: neither the clock nor the timer move. */
    g_assert_cmpint(timers_next_deadline_ms(), ==, -1);
    for (int i = 0; i < 4; i++) {
        main_loop_wait(10);
    }
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, v0);
    g_assert_cmpint(rec.n, ==, 0);

    /* Running again, it continues from where it stopped. */
    qemu_clock_virtual_start();
    v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(v1 - v0, <, 2000000);
    while (rec.n == 0) {
        main_loop_wait(100);
    }
    g_assert_cmpint(rec.order[0], ==, 7);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), >=, v0 + 2000000);
    timer_free(t);
}

/* ---- the worker pool ---- */

typedef struct PoolTest {
    int in;
    int out;
    bool worker_ok;
    bool done_ok;
    int *count;
} PoolTest;

static int pool_fn(void *opaque)
{
    PoolTest *p = opaque;
    p->worker_ok = g_thread_self() != main_thread && !bql_locked();
    g_usleep(2000);
    return p->in * 2;
}

static void pool_done(void *opaque, int ret)
{
    PoolTest *p = opaque;
    p->out = ret;
    p->done_ok = g_thread_self() == main_thread && bql_locked();
    (*p->count)++;
}

static void test_thread_pool(void)
{
    PoolTest p[16];
    int count = 0;

    for (int i = 0; i < 16; i++) {
        p[i] = (PoolTest){ .in = i + 1, .count = &count };
        thread_pool_submit(pool_fn, pool_done, &p[i]);
    }
    thread_pool_drain();
    g_assert_cmpint(count, ==, 16);
    for (int i = 0; i < 16; i++) {
        g_assert_cmpint(p[i].out, ==, 2 * (i + 1));
        g_assert_true(p[i].worker_ok);
        g_assert_true(p[i].done_ok);
    }

    /* Completions also arrive through the loop without a drain. */
    count = 0;
    for (int i = 0; i < 4; i++) {
        p[i] = (PoolTest){ .in = 10 + i, .count = &count };
        thread_pool_submit(pool_fn, pool_done, &p[i]);
    }
    while (count < 4) {
        main_loop_wait(1000);
    }
    for (int i = 0; i < 4; i++) {
        g_assert_cmpint(p[i].out, ==, 2 * (10 + i));
        g_assert_true(p[i].done_ok);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    main_thread = g_thread_self();
    qemu_init_main_loop();
    g_assert_true(bql_locked());

    g_test_add_func("/main-loop/bh-other-thread", test_bh_other_thread);
    g_test_add_func("/main-loop/bh-coalesce-cancel", test_bh_coalesce_cancel);
    g_test_add_func("/main-loop/fd-handler", test_fd_handler);
    g_test_add_func("/main-loop/timers-order", test_timers_order);
    g_test_add_func("/main-loop/virtual-clock-stops", test_virtual_clock_stops);
    g_test_add_func("/main-loop/thread-pool", test_thread_pool);
    return g_test_run();
}
