/*
 * virtio-rng-device through virtio-mmio: buffers come back full of bytes
 * that are not all equal and differ between requests; with max-bytes and
 * period the device hands out at most max-bytes per period and serves a
 * waiting buffer when the next period opens.
 */
#include <string.h>

#include <glib.h>

#include "hw/virtio/virtio-rng.h"
#include "test-virtio-driver.h"

static void rng_start(VDrv *d, const char *const *props)
{
    vd_machine_init(d, true);
    vd_plug(d, &virtio_rng_class, props);
    g_assert_cmpuint(vd_rd(d, VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_RNG);
    g_assert_true(vd_negotiate(d, 1ULL << VIRTIO_F_VERSION_1));
    vd_queue_setup(d, 0, 16);
    vd_driver_ok(d);
}

static bool all_equal(const uint8_t *p, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (p[i] != p[0]) {
            return false;
        }
    }
    return true;
}

static void test_bytes(void)
{
    VDrv d;
    hwaddr a, b;
    uint8_t x[64], y[64];
    uint32_t len = 0;

    rng_start(&d, NULL);
    a = vd_alloc(&d, 64);
    b = vd_alloc(&d, 64);
    memset(x, 0, sizeof(x));
    vd_mem_write(a, x, 64);
    vd_mem_write(b, x, 64);
    /* One buffer in two pieces, then another. */
    {
        VDBuf one[2] = { { a, 32, true }, { a + 32, 32, true } };
        VDBuf two[1] = { { b, 64, true } };

        vd_add(&d, 0, one, 2);
        vd_add(&d, 0, two, 1);
    }
    vd_kick(&d, 0);
    g_assert_true(vd_wait_used(&d, 0, NULL, &len, 5000));
    g_assert_cmpuint(len, ==, 64);
    g_assert_true(vd_wait_used(&d, 0, NULL, &len, 5000));
    g_assert_cmpuint(len, ==, 64);
    vd_mem_read(a, x, 64);
    vd_mem_read(b, y, 64);
    g_assert_false(all_equal(x, 64));
    g_assert_false(all_equal(y, 64));
    g_assert_true(memcmp(x, y, 64) != 0);
    g_assert_true(memcmp(x, x + 32, 32) != 0);

    /* Freeing the device unplugs it: the slot reads "no device" again. */
    device_free(d.dev);
    d.dev = NULL;
    g_assert_cmpuint(vd_rd(&d, VIRTIO_MMIO_DEVICE_ID), ==, 0);
    g_assert_null(virtio_mmio_get_vdev(d.transport));
    vd_machine_fini(&d);
}

static void test_rate_limit(void)
{
    static const char *const props[] = { "max-bytes=16", "period=200", NULL };
    VDrv d;
    hwaddr a, b;
    uint32_t len = 0;
    gint64 t0, dt;
    VDBuf one[1], two[1];

    rng_start(&d, props);
    a = vd_alloc(&d, 64);
    b = vd_alloc(&d, 64);
    one[0] = (VDBuf){ a, 64, true };
    two[0] = (VDBuf){ b, 64, true };
    t0 = g_get_monotonic_time();
    vd_add(&d, 0, one, 1);
    vd_kick(&d, 0);
    g_assert_true(vd_wait_used(&d, 0, NULL, &len, 5000));
    g_assert_cmpuint(len, ==, 16);          /* the whole quota, not 64 */

    vd_add(&d, 0, two, 1);
    vd_kick(&d, 0);
    vd_idle(50);
    g_assert_cmpuint(vd_used_idx(&d, 0), ==, 1);   /* waits for the next period */
    g_assert_true(vd_wait_used(&d, 0, NULL, &len, 5000));
    dt = g_get_monotonic_time() - t0;
    g_assert_cmpuint(len, ==, 16);
    g_assert_cmpint(dt, >=, 190 * 1000);
    vd_machine_fini(&d);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-rng/bytes", test_bytes);
    g_test_add_func("/virtio-rng/rate-limit", test_rate_limit);
    return g_test_run();
}
