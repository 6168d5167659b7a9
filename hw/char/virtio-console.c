/*
 * virtio-console with a single port (no MULTIPORT): the guest's hvc0.
 *
 * Receive: the chardev asks how much we can take (can_read); that is the
 * room in the receive buffer we are filling, popped from receiveq on
 * demand.  Each chunk read is returned to the driver at once so typed
 * characters are not held back.  When the driver posts new buffers we tell
 * the chardev to try again (flow control without dropping input).
 * Transmit: every buffer on transmitq goes to the chardev (blocking on a
 * slow backend, never on an absent peer) and is returned empty.
 */
#include <string.h>

#include <glib.h>

#include "chardev/char.h"
#include "hw/virtio/virtio-console.h"

typedef struct VirtIOConsole {
    VirtIODevice parent;
    Chardev *chardev;          /* property chardev */
    CharBackend chr;
    VirtQueue *rx, *tx;
    VirtQueueElement *rx_elem; /* receive buffer being filled, or NULL */
} VirtIOConsole;

static size_t rx_room(VirtIOConsole *s)
{
    if (!virtio_device_running(&s->parent)) {
        return 0;
    }
    if (!s->rx_elem) {
        s->rx_elem = virtqueue_pop(s->rx, sizeof(VirtQueueElement));
        if (s->rx_elem && s->rx_elem->in_bytes == 0) {
            /* Nothing to write into: hand it back as is. */
            virtqueue_push(s->rx, s->rx_elem, 0);
            g_free(s->rx_elem);
            s->rx_elem = NULL;
            virtio_notify(&s->parent, s->rx);
            return rx_room(s);
        }
    }
    return s->rx_elem ? s->rx_elem->in_bytes : 0;
}

static int console_can_read(void *opaque)
{
    return MIN(rx_room(opaque), (size_t)G_MAXINT / 2);
}

static void console_read(void *opaque, const uint8_t *buf, int size)
{
    VirtIOConsole *s = opaque;

    while (size > 0) {
        size_t room = rx_room(s);
        size_t n;

        if (!room) {
            /* can_read said otherwise; the rest is lost, as on a UART. */
            return;
        }
        n = MIN(room, (size_t)size);
        virtio_iov_from_buf(s->rx_elem->in_sg, s->rx_elem->in_num, 0, buf, n);
        virtqueue_push(s->rx, s->rx_elem, n);
        g_free(s->rx_elem);
        s->rx_elem = NULL;
        virtio_notify(&s->parent, s->rx);
        buf += n;
        size -= n;
    }
}

static void console_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    /* New receive buffers: the chardev may deliver again. */
    qemu_chr_fe_accept_input(&s->chr);
}

static void console_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;
    VirtQueueElement *e;
    bool pushed = false;

    while ((e = virtqueue_pop(vq, sizeof(VirtQueueElement)))) {
        for (unsigned i = 0; i < e->out_num; i++) {
            size_t off = 0;

            while (off < e->out_sg[i].iov_len) {
                int n = MIN(e->out_sg[i].iov_len - off, (size_t)65536);

                qemu_chr_fe_write_all(&s->chr, (uint8_t *)e->out_sg[i].iov_base + off, n);
                off += n;
            }
        }
        virtqueue_push(vq, e, 0);
        g_free(e);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vq);
    }
}

static uint64_t console_get_features(VirtIODevice *vdev)
{
    return 1ULL << VIRTIO_CONSOLE_F_EMERG_WRITE;
}

static void console_get_config(VirtIODevice *vdev)
{
    /* cols/rows unknown (0: no SIZE), one port, emerg_wr reads as 0. */
    memset(vdev->config, 0, VIRTIO_CONSOLE_CFG_SIZE);
    vdev->config[4] = 1;
}

static void console_set_config(VirtIODevice *vdev, unsigned offset, unsigned len)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    /* Emergency write: one character, whatever the state of the queues. */
    if (offset == VIRTIO_CONSOLE_CFG_EMERG_WR &&
        virtio_has_feature(vdev, VIRTIO_CONSOLE_F_EMERG_WRITE)) {
        uint8_t c = vdev->config[VIRTIO_CONSOLE_CFG_EMERG_WR];

        qemu_chr_fe_write_all(&s->chr, &c, 1);
    }
    console_get_config(vdev);
}

static void console_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    if (status & VIRTIO_CONFIG_S_DRIVER_OK) {
        qemu_chr_fe_accept_input(&s->chr);
    }
}

static void console_reset(VirtIODevice *vdev)
{
    VirtIOConsole *s = (VirtIOConsole *)vdev;

    if (s->rx_elem) {
        virtqueue_drop(s->rx, s->rx_elem);
        g_free(s->rx_elem);
        s->rx_elem = NULL;
    }
}

static const VirtioDeviceOps console_ops = {
    .get_features = console_get_features,
    .get_config = console_get_config,
    .set_config = console_set_config,
    .set_status = console_set_status,
    .reset = console_reset,
};

static bool console_realize(DeviceState *dev, GError **errp)
{
    VirtIOConsole *s = (VirtIOConsole *)dev;

    if (!qemu_chr_fe_init(&s->chr, s->chardev, errp)) {
        return false;
    }
    virtio_init(&s->parent, "virtio-console", VIRTIO_ID_CONSOLE,
                VIRTIO_CONSOLE_CFG_SIZE);
    s->parent.ops = &console_ops;
    s->rx = virtio_add_queue(&s->parent, 128, console_handle_rx);
    s->tx = virtio_add_queue(&s->parent, 128, console_handle_tx);
    console_get_config(&s->parent);
    qemu_chr_fe_set_handlers(&s->chr, console_can_read, console_read, NULL, s);
    return true;
}

static void console_unrealize(DeviceState *dev)
{
    VirtIOConsole *s = (VirtIOConsole *)dev;

    qemu_chr_fe_deinit(&s->chr);
    if (s->rx_elem) {
        virtqueue_drop(s->rx, s->rx_elem);
        g_free(s->rx_elem);
        s->rx_elem = NULL;
    }
    virtio_cleanup(&s->parent);
}

static const Property console_props[] = {
    DEFINE_PROP_LINK("chardev", VirtIOConsole, chardev, "chardev"),
    DEFINE_PROP_END,
};

const DeviceClass virtio_console_class = {
    .name = TYPE_VIRTIO_CONSOLE,
    .desc = "virtio console, one port (the guest's hvc0)",
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOConsole),
    .props = console_props,
    .user_creatable = true,
    .realize = console_realize,
    .unrealize = console_unrealize,
};

/* The same device under the name some scripts use. */
const DeviceClass virtio_console_alias_class = {
    .name = "virtconsole-device",
    .desc = "alias of virtio-console-device",
    .parent = TYPE_VIRTIO_CONSOLE,
    .instance_size = sizeof(VirtIOConsole),
    .user_creatable = true,
};

static void virtio_console_register(void)
{
    device_class_register(&virtio_console_class);
    device_class_register(&virtio_console_alias_class);
}
type_init(virtio_console_register)
