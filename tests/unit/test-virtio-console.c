/*
 * virtio-console-device through virtio-mmio with a unix-socket chardev as
 * the host end: bytes written to the socket arrive in the guest's receive
 * buffers (split over several buffers when one is too small, held back
 * while the driver has posted none), the guest's transmit buffers come out
 * of the socket, and an emergency write reaches it too.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "chardev/char.h"
#include "hw/virtio/virtio-console.h"
#include "test-virtio-driver.h"

typedef struct ConFx {
    VDrv d;
    char *dir, *path;
    Chardev *chr;
    int sock;
} ConFx;

static unsigned con_seq;

static void con_setup(ConFx *f)
{
    GError *err = NULL;
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    char *opts, *id, *prop;
    const char *props[2] = { NULL };

    memset(f, 0, sizeof(*f));
    vd_machine_init(&f->d, true);
    f->dir = g_dir_make_tmp("tern-vcon-XXXXXX", &err);
    g_assert_no_error(err);
    f->path = g_build_filename(f->dir, "sock", NULL);
    id = g_strdup_printf("vcon%u", con_seq++);
    opts = g_strdup_printf("socket,id=%s,path=%s,server=on,wait=off", id, f->path);
    f->chr = qemu_chr_new_from_opts(opts, &err);
    g_assert_no_error(err);
    g_assert_nonnull(f->chr);
    prop = g_strdup_printf("chardev=%s", id);
    props[0] = prop;
    vd_plug(&f->d, &virtio_console_class, props);
    g_free(opts);
    g_free(prop);
    g_free(id);

    f->sock = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(f->sock, >=, 0);
    g_strlcpy(sa.sun_path, f->path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(f->sock, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    vd_idle(30);        /* the server accepts */

    g_assert_cmpuint(vd_rd(&f->d, VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_CONSOLE);
    g_assert_true(vd_host_features(&f->d) & (1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE));
    g_assert_false(vd_host_features(&f->d) & (1ULL << VIRTIO_CONSOLE_F_MULTIPORT));
    g_assert_true(vd_negotiate(&f->d, (1ULL << VIRTIO_F_VERSION_1) |
                                      (1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE)));
    vd_queue_setup(&f->d, 0, 16);
    vd_queue_setup(&f->d, 1, 16);
    vd_driver_ok(&f->d);
}

static void con_teardown(ConFx *f)
{
    close(f->sock);
    vd_machine_fini(&f->d);
    qemu_chr_delete(f->chr);
    g_unlink(f->path);
    g_rmdir(f->dir);
    g_free(f->path);
    g_free(f->dir);
}

/* Read exactly len bytes from the socket, running the main loop meanwhile. */
static void sock_read_all(ConFx *f, char *buf, size_t len)
{
    size_t got = 0;
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (got < len) {
        ssize_t n = recv(f->sock, buf + got, len - got, MSG_DONTWAIT);

        if (n > 0) {
            got += n;
            continue;
        }
        g_assert_true(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        main_loop_wait(10);
    }
}

static void test_rx(void)
{
    ConFx f;
    hwaddr a, b;
    uint32_t len = 0;
    char buf[16];

    con_setup(&f);
    /* Input before any receive buffer is posted waits in the socket. */
    g_assert_cmpint(send(f.sock, "hello, guest", 12, 0), ==, 12);
    vd_idle(30);
    g_assert_cmpuint(vd_used_idx(&f.d, 0), ==, 0);

    a = vd_alloc(&f.d, 8);
    b = vd_alloc(&f.d, 16);
    {
        VDBuf one[1] = { { a, 8, true } };
        VDBuf two[1] = { { b, 16, true } };

        vd_add(&f.d, 0, one, 1);
        vd_add(&f.d, 0, two, 1);
    }
    vd_kick(&f.d, 0);
    g_assert_true(vd_wait_used(&f.d, 0, NULL, &len, 5000));
    g_assert_cmpuint(len, ==, 8);
    vd_mem_read(a, buf, 8);
    g_assert_cmpmem(buf, 8, "hello, g", 8);
    g_assert_true(vd_wait_used(&f.d, 0, NULL, &len, 5000));
    g_assert_cmpuint(len, ==, 4);
    vd_mem_read(b, buf, 4);
    g_assert_cmpmem(buf, 4, "uest", 4);
    con_teardown(&f);
}

static void test_tx(void)
{
    ConFx f;
    hwaddr a;
    char buf[32];
    uint32_t len = 99;

    con_setup(&f);
    a = vd_alloc(&f.d, 32);
    vd_mem_write(a, "from the guest\n", 15);
    {
        VDBuf one[2] = { { a, 5, false }, { a + 5, 10, false } };

        vd_add(&f.d, 1, one, 2);
    }
    vd_kick(&f.d, 1);
    g_assert_true(vd_wait_used(&f.d, 1, NULL, &len, 5000));
    g_assert_cmpuint(len, ==, 0);
    sock_read_all(&f, buf, 15);
    g_assert_cmpmem(buf, 15, "from the guest\n", 15);

    /* Emergency write through the config space. */
    vd_mem_write(VD_MMIO_BASE + VIRTIO_MMIO_CONFIG + VIRTIO_CONSOLE_CFG_EMERG_WR, "!", 1);
    sock_read_all(&f, buf, 1);
    g_assert_cmpint(buf[0], ==, '!');
    con_teardown(&f);
}

/* The alias type is the same device (its properties and realize). */
static void test_alias(void)
{
    GError *err = NULL;
    DeviceState *d;

    qemu_init_main_loop();
    g_assert_true(device_class_is(&virtio_console_alias_class, TYPE_VIRTIO_CONSOLE));
    g_assert_true(device_class_is(&virtio_console_alias_class, TYPE_VIRTIO_DEVICE));
    d = device_new("virtconsole-device", &err);
    g_assert_no_error(err);
    g_assert_false(device_set_prop(d, "chardev", "no-such-chardev", &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "no-such-chardev"));
    g_clear_error(&err);
    g_assert_true(device_realize(d, &err));
    g_assert_no_error(err);
    g_assert_cmpuint(((VirtIODevice *)d)->device_id, ==, VIRTIO_ID_CONSOLE);
    g_assert_cmpuint(((VirtIODevice *)d)->num_queues, ==, 2);
    device_free(d);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-console/rx", test_rx);
    g_test_add_func("/virtio-console/tx", test_tx);
    g_test_add_func("/virtio-console/alias", test_alias);
    return g_test_run();
}
