/*
 * virtio-rng: the driver posts writable buffers on its one queue; we fill
 * them from getrandom() and return them.  With a rate limit, a buffer that
 * does not fit in the current period's quota waits in the ring until a
 * timer opens the next period.
 */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib.h>

#include "hw/virtio/virtio-rng.h"
#include "qemu/timer.h"

/* Bytes per request at most: a 4 GiB buffer must not stall the loop. */
#define RNG_MAX_PER_REQUEST (64 * 1024)

typedef struct VirtIORNG {
    VirtIODevice parent;
    uint64_t max_bytes;        /* property: per period; 0 = unlimited */
    uint32_t period_ms;        /* property */
    VirtQueue *vq;
    uint64_t quota;            /* bytes left in this period */
    QEMUTimer *timer;          /* opens the next period */
} VirtIORNG;

/* Fill len bytes of the element's writable part; returns bytes written. */
static size_t rng_fill(VirtQueueElement *e, size_t len)
{
    size_t done = 0;

    for (unsigned i = 0; i < e->in_num && done < len; i++) {
        uint8_t *p = e->in_sg[i].iov_base;
        size_t want = MIN(e->in_sg[i].iov_len, len - done);
        size_t got = 0;

        while (got < want) {
            ssize_t r = getrandom(p + got, want - got, 0);

            if (r < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return done + got;      /* should not happen; return what we have */
            }
            got += r;
        }
        done += got;
    }
    return done;
}

static void rng_process(VirtIORNG *s)
{
    VirtIODevice *vdev = &s->parent;
    VirtQueueElement *e;
    bool pushed = false;

    if (!virtio_device_running(vdev)) {
        return;
    }
    while (!s->max_bytes || s->quota > 0) {
        size_t len;

        e = virtqueue_pop(s->vq, sizeof(VirtQueueElement));
        if (!e) {
            break;
        }
        len = MIN(e->in_bytes, (size_t)RNG_MAX_PER_REQUEST);
        if (s->max_bytes) {
            len = MIN(len, s->quota);
        }
        len = rng_fill(e, len);
        if (s->max_bytes) {
            s->quota -= len;
        }
        virtqueue_push(s->vq, e, len);
        g_free(e);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, s->vq);
    }
    if (s->max_bytes && s->quota == 0 && !timer_pending(s->timer)) {
        timer_mod(s->timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) +
                            (int64_t)s->period_ms * 1000000);
    }
}

static void rng_period(void *opaque)
{
    VirtIORNG *s = opaque;

    s->quota = s->max_bytes;
    rng_process(s);
}

static void rng_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    rng_process((VirtIORNG *)vdev);
}

static void rng_set_status(VirtIODevice *vdev, uint8_t status)
{
    /* Buffers posted before DRIVER_OK are served now. */
    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        rng_process((VirtIORNG *)vdev);
    }
}

static void rng_reset(VirtIODevice *vdev)
{
    VirtIORNG *s = (VirtIORNG *)vdev;

    timer_del(s->timer);
    s->quota = s->max_bytes;
}

static const VirtioDeviceOps rng_ops = {
    .set_status = rng_set_status,
    .reset = rng_reset,
};

static bool rng_realize(DeviceState *dev, GError **errp)
{
    VirtIORNG *s = (VirtIORNG *)dev;

    if (s->max_bytes && s->period_ms == 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio-rng-device: period must be at least 1 (ms) with max-bytes");
        return false;
    }
    virtio_init(&s->parent, "virtio-rng", VIRTIO_ID_RNG, 0);
    s->parent.ops = &rng_ops;
    s->vq = virtio_add_queue(&s->parent, 64, rng_handle_output);
    s->timer = timer_new_ns(QEMU_CLOCK_REALTIME, rng_period, s);
    s->quota = s->max_bytes;
    return true;
}

static void rng_unrealize(DeviceState *dev)
{
    VirtIORNG *s = (VirtIORNG *)dev;

    timer_free(s->timer);
    s->timer = NULL;
    virtio_cleanup(&s->parent);
}

static const Property rng_props[] = {
    DEFINE_PROP_UINT64("max-bytes", VirtIORNG, max_bytes, 0),
    DEFINE_PROP_UINT32("period", VirtIORNG, period_ms, 1000),
    DEFINE_PROP_END,
};

const DeviceClass virtio_rng_class = {
    .name = TYPE_VIRTIO_RNG,
    .desc = "virtio entropy source (host getrandom)",
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIORNG),
    .props = rng_props,
    .user_creatable = true,
    .realize = rng_realize,
    .unrealize = rng_unrealize,
};

static void virtio_rng_register(void)
{
    device_class_register(&virtio_rng_class);
}
type_init(virtio_rng_register)
