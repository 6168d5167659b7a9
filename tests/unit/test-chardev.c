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
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "chardev/char.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "sysemu/runstate.h"

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

static gpointer quit_thread(gpointer opaque)
{
    g_usleep(20000);
    main_loop_quit();
    return NULL;
}

static void test_run_quit(void)
{
    GThread *th = g_thread_new("quit", quit_thread, NULL);
    int64_t t0 = qemu_clock_get_ms(QEMU_CLOCK_REALTIME);

    main_loop_run();                /* returns once the other thread quits it */
    g_assert_true(bql_locked());
    g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME) - t0, >=, 15);
    g_thread_join(th);
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

/* ================= character devices ================= */

static char *tmpdir;

/* A frontend that records what it gets. */
typedef struct FakeFE {
    CharBackend be;
    GByteArray *in;
    int room;                   /* what can_read answers */
    QEMUChrEvent ev[64];
    int nev;
} FakeFE;

static int fe_can_read(void *opaque)
{
    FakeFE *f = opaque;
    return f->room;
}

static void fe_read(void *opaque, const uint8_t *buf, int size)
{
    FakeFE *f = opaque;
    g_assert_cmpint(size, <=, f->room);
    g_byte_array_append(f->in, buf, size);
}

static void fe_event(void *opaque, QEMUChrEvent ev)
{
    FakeFE *f = opaque;
    g_assert_cmpint(f->nev, <, 64);
    f->ev[f->nev++] = ev;
}

static void fe_attach(FakeFE *f, Chardev *chr)
{
    GError *err = NULL;

    memset(f, 0, sizeof(*f));
    f->in = g_byte_array_new();
    f->room = 1024;
    g_assert_true(qemu_chr_fe_init(&f->be, chr, &err));
    g_assert_no_error(err);
    qemu_chr_fe_set_handlers(&f->be, fe_can_read, fe_read, fe_event, f);
}

static void fe_detach(FakeFE *f)
{
    qemu_chr_fe_deinit(&f->be);
    g_byte_array_free(f->in, TRUE);
}

static int fe_count(FakeFE *f, QEMUChrEvent ev)
{
    int n = 0;
    for (int i = 0; i < f->nev; i++) {
        n += f->ev[i] == ev;
    }
    return n;
}

static bool fe_has(FakeFE *f, const char *s)
{
    size_t n = strlen(s);
    return f->in->len == n && memcmp(f->in->data, s, n) == 0;
}

/* Run the loop until cond(arg) or fail after 5 s. */
static void pump_until(bool (*cond)(void *), void *arg)
{
    int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + 5000;

    while (!cond(arg)) {
        g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME), <, end);
        main_loop_wait(20);
    }
}

static void pump(int ms)
{
    int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + ms;
    int64_t left;

    while ((left = end - qemu_clock_get_ms(QEMU_CLOCK_REALTIME)) > 0) {
        main_loop_wait((int)left);
    }
}

typedef struct InWait {
    FakeFE *f;
    size_t len;
} InWait;

static bool in_reached(void *opaque)
{
    InWait *w = opaque;
    return w->f->in->len >= w->len;
}

static void wait_input(FakeFE *f, size_t len)
{
    InWait w = { f, len };
    pump_until(in_reached, &w);
}

typedef struct EvWait {
    FakeFE *f;
    QEMUChrEvent ev;
    int count;
} EvWait;

static bool ev_reached(void *opaque)
{
    EvWait *w = opaque;
    return fe_count(w->f, w->ev) >= w->count;
}

static void wait_event(FakeFE *f, QEMUChrEvent ev, int count)
{
    EvWait w = { f, ev, count };
    pump_until(ev_reached, &w);
}

static int unix_connect(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

static void send_str(int fd, const char *s)
{
    g_assert_cmpint(write(fd, s, strlen(s)), ==, (ssize_t)strlen(s));
}

/* Read from a peer fd while running the loop until it has got `want`. */
static GString *read_until(int fd, const char *want)
{
    GString *got = g_string_new(NULL);
    int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + 5000;

    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    while (!strstr(got->str, want)) {
        char buf[512];
        ssize_t n;

        g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME), <, end);
        main_loop_wait(10);
        while ((n = read(fd, buf, sizeof(buf))) > 0) {
            g_string_append_len(got, buf, n);
        }
    }
    return got;
}

/* ---- mux ---- */

static void test_mux_escapes(void)
{
    char *path = g_build_filename(tmpdir, "mux.sock", NULL);
    char *opts = g_strdup_printf("socket,id=mx,path=%s,server=on,wait=off,mux=on", path);
    GError *err = NULL;
    Chardev *chr = qemu_chr_new_from_opts(opts, &err);
    FakeFE serial, mon;
    GString *out;
    int c;

    g_assert_no_error(err);
    g_assert_nonnull(chr);
    g_assert_true(qemu_chr_find("mx") == chr);
    g_assert_nonnull(qemu_chr_find("mx-base"));

    /* The serial port attaches first and keeps the focus; the monitor,
     * attached later, hears MUX_OUT when the mux opens. */
    fe_attach(&serial, chr);
    fe_attach(&mon, chr);
    g_assert_cmpint(mon.be.tag, !=, serial.be.tag);
    g_assert_cmpint(mon.nev + serial.nev, ==, 0);
    main_loop_wait(0);
    g_assert_cmpint(mon.nev, ==, 1);
    g_assert_cmpint(mon.ev[0], ==, CHR_EVENT_MUX_OUT);
    g_assert_cmpint(serial.nev, ==, 0);

    /* OPENED (to both) once the peer connects. */
    c = unix_connect(path);
    wait_event(&serial, CHR_EVENT_OPENED, 1);
    wait_event(&mon, CHR_EVENT_OPENED, 1);
    g_assert_cmpint(mon.ev[1], ==, CHR_EVENT_OPENED);
    g_assert_cmpint(serial.nev, ==, 1);

    /* Plain input goes to the focused frontend only. */
    send_str(c, "hi");
    wait_input(&serial, 2);
    g_assert_true(fe_has(&serial, "hi"));
    g_assert_cmpint(mon.in->len, ==, 0);

    /* C-a c: focus to the monitor, with events. */
    send_str(c, "\x01" "cx");
    wait_input(&mon, 1);
    g_assert_true(fe_has(&mon, "x"));
    g_assert_cmpint(fe_count(&serial, CHR_EVENT_MUX_OUT), ==, 1);
    g_assert_cmpint(fe_count(&mon, CHR_EVENT_MUX_IN), ==, 1);
    g_assert_cmpint(mon.ev[mon.nev - 1], ==, CHR_EVENT_MUX_IN);
    g_assert_true(fe_has(&serial, "hi"));

    /* And back; C-a a and C-a C-a send a literal C-a. */
    send_str(c, "\x01" "c" "\x01" "a" "\x01\x01" "z");
    wait_input(&serial, 5);
    g_assert_cmpmem(serial.in->data, serial.in->len, "hi\x01\x01z", 5);
    g_assert_cmpint(fe_count(&serial, CHR_EVENT_MUX_IN), ==, 1);
    g_assert_cmpint(fe_count(&mon, CHR_EVENT_MUX_OUT), ==, 2);

    /* C-a b: a break to the focused frontend; unknown escapes vanish. */
    send_str(c, "\x01" "b" "\x01" "q" "!");
    wait_input(&serial, 6);
    g_assert_cmpmem(serial.in->data, serial.in->len, "hi\x01\x01z!", 6);
    g_assert_cmpint(fe_count(&serial, CHR_EVENT_BREAK), ==, 1);
    g_assert_cmpint(fe_count(&mon, CHR_EVENT_BREAK), ==, 0);

    /* Output of both frontends reaches the backend, focused or not. */
    g_assert_cmpint(qemu_chr_fe_write(&mon.be, (const uint8_t *)"(mon)", 5), ==, 5);
    g_assert_cmpint(qemu_chr_fe_write(&serial.be, (const uint8_t *)"[ser]", 5), ==, 5);
    out = read_until(c, "[ser]");
    g_assert_cmpstr(out->str, ==, "(mon)[ser]");
    g_string_free(out, TRUE);

    /* C-a h prints the help to the backend. */
    send_str(c, "\x01" "h");
    out = read_until(c, "C-a c");
    g_assert_nonnull(strstr(out->str, "C-a x    exit emulator"));
    g_string_free(out, TRUE);

    /* A full frontend: input waits in the mux and comes with accept_input. */
    serial.room = 0;
    send_str(c, "late");
    pump(50);
    g_assert_cmpint(serial.in->len, ==, 6);
    serial.room = 2;
    qemu_chr_fe_accept_input(&serial.be);
    serial.room = 1024;
    wait_input(&serial, 10);
    g_assert_cmpmem(serial.in->data, serial.in->len, "hi\x01\x01z!late", 10);

    /* C-a x: a shutdown request (host-ui) the main loop acts on. */
    g_assert_false(main_loop_should_exit());
    send_str(c, "\x01" "x");
    out = read_until(c, "Terminated");
    g_string_free(out, TRUE);
    g_assert_true(main_loop_should_exit());
    g_assert_cmpint(serial.in->len, ==, 10);

    close(c);
    wait_event(&serial, CHR_EVENT_CLOSED, 1);
    g_assert_cmpint(fe_count(&mon, CHR_EVENT_CLOSED), ==, 1);
    fe_detach(&serial);
    fe_detach(&mon);
    qemu_chr_delete(chr);
    g_assert_null(qemu_chr_find("mx"));
    g_assert_null(qemu_chr_find("mx-base"));
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_free(opts);
    g_free(path);
}

/* ---- file ---- */

static void test_file_backend(void)
{
    char *path = g_build_filename(tmpdir, "out.txt", NULL);
    char *spec = g_strdup_printf("file:%s", path);
    static const uint8_t bytes[] = { 'a', 0, 0xff, '\r', '\n', 0x01, 'z' };
    GError *err = NULL;
    Chardev *chr = qemu_chr_new("file0", spec, &err);
    FakeFE f;
    gchar *data;
    gsize len;
    char *d;

    g_assert_no_error(err);
    g_assert_nonnull(chr);
    d = qemu_chr_describe(chr);
    g_assert_cmpstr(d, ==, spec);
    g_free(d);
    fe_attach(&f, chr);
    g_assert_cmpint(fe_count(&f, CHR_EVENT_OPENED), ==, 1);
    g_assert_cmpint(qemu_chr_fe_write(&f.be, bytes, 3), ==, 3);
    g_assert_cmpint(qemu_chr_fe_write_all(&f.be, bytes + 3, 4), ==, 4);
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_assert_cmpmem(data, len, bytes, sizeof(bytes));
    g_free(data);
    /* No input ever. */
    pump(20);
    g_assert_cmpint(f.in->len, ==, 0);
    fe_detach(&f);
    qemu_chr_delete(chr);

    /* -chardev file with append=on keeps what was there. */
    g_free(spec);
    spec = g_strdup_printf("file,id=file1,path=%s,append=on", path);
    chr = qemu_chr_new_from_opts(spec, &err);
    g_assert_no_error(err);
    fe_attach(&f, chr);
    g_assert_cmpint(qemu_chr_fe_write(&f.be, (const uint8_t *)"++", 2), ==, 2);
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_assert_cmpint(len, ==, sizeof(bytes) + 2);
    g_assert_cmpmem(data + sizeof(bytes), 2, "++", 2);
    g_free(data);
    fe_detach(&f);
    qemu_chr_delete(chr);
    g_assert_cmpint(unlink(path), ==, 0);
    g_free(spec);
    g_free(path);
}

/* ---- sockets ---- */

static void socket_roundtrip(FakeFE *f, int c, const char *in, const char *out)
{
    GString *got;
    size_t base = f->in->len;

    send_str(c, in);
    wait_input(f, base + strlen(in));
    g_assert_cmpmem(f->in->data + base, f->in->len - base, in, strlen(in));
    g_assert_cmpint(qemu_chr_fe_write_all(&f->be, (const uint8_t *)out,
                                          strlen(out)), ==, (int)strlen(out));
    got = read_until(c, out);
    g_assert_cmpstr(got->str, ==, out);
    g_string_free(got, TRUE);
}

static void test_socket_unix_reconnect(void)
{
    char *path = g_build_filename(tmpdir, "s.sock", NULL);
    char *spec = g_strdup_printf("unix:%s,server,nowait", path);
    GError *err = NULL;
    Chardev *chr = qemu_chr_new("sock0", spec, &err);
    FakeFE f;
    int c;

    g_assert_no_error(err);
    g_assert_nonnull(chr);
    fe_attach(&f, chr);
    g_assert_cmpint(f.nev, ==, 0);          /* nobody connected yet */
    /* Output without a client is dropped, not blocking. */
    g_assert_cmpint(qemu_chr_fe_write(&f.be, (const uint8_t *)"lost", 4), ==, 4);

    c = unix_connect(path);
    wait_event(&f, CHR_EVENT_OPENED, 1);
    socket_roundtrip(&f, c, "hello", "world");
    close(c);
    wait_event(&f, CHR_EVENT_CLOSED, 1);

    /* The next client is accepted after the first left. */
    c = unix_connect(path);
    wait_event(&f, CHR_EVENT_OPENED, 2);
    socket_roundtrip(&f, c, "again", "fine");
    close(c);
    wait_event(&f, CHR_EVENT_CLOSED, 2);
    g_assert_cmpint(f.nev, ==, 4);

    fe_detach(&f);
    qemu_chr_delete(chr);
    g_free(spec);
    g_free(path);
}

static void test_socket_tcp(void)
{
    GError *err = NULL;
    Chardev *chr = qemu_chr_new_from_opts(
        "socket,id=tcp0,host=127.0.0.1,port=0,server=on,wait=off", &err);
    struct sockaddr_in sa = { .sin_family = AF_INET };
    char *d, *colon;
    FakeFE f;
    int c;

    g_assert_no_error(err);
    d = qemu_chr_describe(chr);
    g_assert_true(g_str_has_prefix(d, "tcp:127.0.0.1:"));
    colon = strrchr(d, ':');            /* tcp:HOST:PORT,server=on */
    g_assert_nonnull(colon);
    sa.sin_port = htons(atoi(colon + 1));
    g_assert_cmpint(ntohs(sa.sin_port), >, 0);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    fe_attach(&f, chr);
    c = socket(AF_INET, SOCK_STREAM, 0);
    g_assert_cmpint(connect(c, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    wait_event(&f, CHR_EVENT_OPENED, 1);
    socket_roundtrip(&f, c, "tcp-in", "tcp-out");
    close(c);
    wait_event(&f, CHR_EVENT_CLOSED, 1);
    fe_detach(&f);
    qemu_chr_delete(chr);
    g_free(d);
}

static gpointer late_connect(gpointer opaque)
{
    const char *path = opaque;
    int c = -1;

    /* Retry until the server is listening. */
    for (int i = 0; i < 500 && c < 0; i++) {
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        g_usleep(10000);
        c = socket(AF_UNIX, SOCK_STREAM, 0);
        g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
        if (connect(c, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
            close(c);
            c = -1;
        }
    }
    return GINT_TO_POINTER(c);
}

static void test_socket_wait(void)
{
    char *path = g_build_filename(tmpdir, "w.sock", NULL);
    char *spec = g_strdup_printf("unix:%s,server", path);
    GThread *th = g_thread_new("connect", late_connect, path);
    GError *err = NULL;
    Chardev *chr = qemu_chr_new("wait0", spec, &err);   /* blocks until connected */
    FakeFE f;
    int c;

    g_assert_no_error(err);
    c = GPOINTER_TO_INT(g_thread_join(th));
    g_assert_cmpint(c, >=, 0);
    fe_attach(&f, chr);
    /* Already connected when the frontend came: it hears OPENED at once. */
    g_assert_cmpint(fe_count(&f, CHR_EVENT_OPENED), ==, 1);
    socket_roundtrip(&f, c, "w", "ok");
    close(c);
    fe_detach(&f);
    qemu_chr_delete(chr);
    g_free(spec);
    g_free(path);
}

/* ---- pty ---- */

static void test_pty(void)
{
    GError *err = NULL;
    Chardev *chr = qemu_chr_new("pty0", "pty", &err);
    char *d;
    FakeFE f;
    GString *got;
    int s;

    g_assert_no_error(err);
    d = qemu_chr_describe(chr);
    g_assert_true(g_str_has_prefix(d, "pty:/dev/pts/"));
    fe_attach(&f, chr);
    s = open(d + 4, O_RDWR | O_NOCTTY);
    g_assert_cmpint(s, >=, 0);
    wait_event(&f, CHR_EVENT_OPENED, 1);
    /* Raw both ways: a CR and a Ctrl-C pass unchanged. */
    send_str(s, "ping\r\x03");
    wait_input(&f, 6);
    g_assert_cmpmem(f.in->data, f.in->len, "ping\r\x03", 6);
    g_assert_cmpint(qemu_chr_fe_write_all(&f.be, (const uint8_t *)"pong\n", 5), ==, 5);
    got = read_until(s, "pong\n");
    g_assert_cmpstr(got->str, ==, "pong\n");
    g_string_free(got, TRUE);
    close(s);
    wait_event(&f, CHR_EVENT_CLOSED, 1);
    fe_detach(&f);
    qemu_chr_delete(chr);
    g_free(d);
}

/* ---- stdio on pipes ---- */

static void test_stdio_pipes(void)
{
    int in[2], out[2], save0 = dup(0), save1 = dup(1);
    GError *err = NULL;
    Chardev *chr;
    FakeFE f;
    GString *got;
    int64_t t0;

    g_assert_cmpint(pipe(in), ==, 0);
    g_assert_cmpint(pipe(out), ==, 0);
    fflush(stdout);
    dup2(in[0], 0);
    dup2(out[1], 1);
    chr = qemu_chr_new("stdio0", "stdio", &err);
    g_assert_no_error(err);
    fe_attach(&f, chr);
    /* Only one stdio. */
    g_assert_null(qemu_chr_new("stdio1", "stdio", &err));
    g_assert_nonnull(strstr(err->message, "stdio is already used by chardev 'stdio0'"));
    g_clear_error(&err);

    send_str(in[1], "typed");
    wait_input(&f, 5);
    g_assert_true(fe_has(&f, "typed"));
    g_assert_cmpint(qemu_chr_fe_write_all(&f.be, (const uint8_t *)"shown", 5), ==, 5);
    got = read_until(out[0], "shown");
    g_assert_cmpstr(got->str, ==, "shown");
    g_string_free(got, TRUE);

    /* End of input: the loop sleeps instead of spinning on EOF. */
    close(in[1]);
    pump(20);
    t0 = qemu_clock_get_ms(QEMU_CLOCK_REALTIME);
    main_loop_wait(100);
    g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME) - t0, >=, 90);

    fe_detach(&f);
    qemu_chr_delete(chr);
    dup2(save0, 0);
    dup2(save1, 1);
    close(save0);
    close(save1);
    close(in[0]);
    close(out[0]);
    close(out[1]);
}

/* ---- parse errors ---- */

typedef struct BadSpec {
    bool chardev;               /* -chardev syntax (else -serial) */
    const char *spec;
    const char *msg;            /* must appear in the error */
} BadSpec;

static void test_parse_errors(void)
{
    static const BadSpec bad[] = {
        { false, "bogus", "'bogus': unknown character device" },
        { false, "file:", "missing file name (file:PATH)" },
        { false, "tcp:localhost", "expected tcp:HOST:PORT" },
        { false, "unix:", "missing socket path" },
        { false, "unix:/tmp/x,server,colour=red", "unknown option 'colour'" },
        { false, "chardev:nope", "no chardev with id 'nope'" },
        { false, "file:/nonexistent-dir/x", "cannot open '/nonexistent-dir/x' for writing" },
        { false, "", "empty" },
        { true, "", "missing backend" },
        { true, "file,path=/tmp/x", "id=ID is required" },
        { true, "foo,id=a", "unknown backend 'foo'" },
        { true, "socket,id=s", "give path=PATH (unix) or host=HOST,port=PORT" },
        { true, "socket,id=s,path=/tmp/x,server=maybe", "'server' must be on or off, not 'maybe'" },
        { true, "null,id=n,mux=perhaps", "'mux' must be on or off" },
        { true, "null,id=n,junk", "'junk' is not key=value" },
        { true, "socket,id=s,host=256.1.1.1,port=1,server=on,wait=off", "tcp:256.1.1.1:1" },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        Chardev *chr = bad[i].chardev ? qemu_chr_new_from_opts(bad[i].spec, &err)
                                      : qemu_chr_new("bad", bad[i].spec, &err);
        g_assert_null(chr);
        g_assert_nonnull(err);
        if (!strstr(err->message, bad[i].msg)) {
            g_error("'%s': message '%s' lacks '%s'", bad[i].spec, err->message,
                    bad[i].msg);
        }
        g_error_free(err);
    }

    /* Duplicate ids; a second frontend on a plain backend; "none". */
    {
        GError *err = NULL;
        Chardev *n = qemu_chr_new_from_opts("null,id=dup", &err);
        FakeFE a;
        CharBackend b;

        g_assert_no_error(err);
        g_assert_null(qemu_chr_new_from_opts("null,id=dup", &err));
        g_assert_nonnull(strstr(err->message, "a chardev with id 'dup' already exists"));
        g_clear_error(&err);
        fe_attach(&a, n);
        g_assert_false(qemu_chr_fe_init(&b, n, &err));
        g_assert_nonnull(strstr(err->message, "chardev 'dup' is already in use"));
        g_clear_error(&err);
        g_assert_cmpint(qemu_chr_fe_write(&a.be, (const uint8_t *)"x", 1), ==, 1);
        fe_detach(&a);
        qemu_chr_delete(n);
        g_assert_null(qemu_chr_new("none0", "none", &err));
        g_assert_no_error(err);
    }
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("tern-chardev-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    main_thread = g_thread_self();
    qemu_init_main_loop();
    g_assert_true(bql_locked());

    g_test_add_func("/main-loop/bh-other-thread", test_bh_other_thread);
    g_test_add_func("/main-loop/bh-coalesce-cancel", test_bh_coalesce_cancel);
    g_test_add_func("/main-loop/run-quit", test_run_quit);
    g_test_add_func("/main-loop/fd-handler", test_fd_handler);
    g_test_add_func("/main-loop/timers-order", test_timers_order);
    g_test_add_func("/main-loop/virtual-clock-stops", test_virtual_clock_stops);
    g_test_add_func("/main-loop/thread-pool", test_thread_pool);
    g_test_add_func("/chardev/mux-escapes", test_mux_escapes);
    g_test_add_func("/chardev/file", test_file_backend);
    g_test_add_func("/chardev/socket-unix-reconnect", test_socket_unix_reconnect);
    g_test_add_func("/chardev/socket-tcp", test_socket_tcp);
    g_test_add_func("/chardev/socket-wait", test_socket_wait);
    g_test_add_func("/chardev/pty", test_pty);
    g_test_add_func("/chardev/stdio-pipes", test_stdio_pipes);
    g_test_add_func("/chardev/parse-errors", test_parse_errors);
    ret = g_test_run();
    if (rmdir(tmpdir) != 0) {
        /* A test left a file behind: say so rather than litter /tmp quietly. */
        g_printerr("test-chardev: could not remove %s: %s\n", tmpdir, g_strerror(errno));
    }
    g_free(tmpdir);
    return ret;
}
