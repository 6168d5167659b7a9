/*
 * virtio-mmio transport, version 2 ("modern" only; virtio 1.2, 4.2.2):
 * the register block a driver uses to negotiate features, set up queues
 * and get interrupts, in front of one VirtIODevice.
 *
 * Queue notifications: with the "ioeventfd" property on (default), each
 * ready queue gets an eventfd bound to QueueNotify with its index as the
 * datamatch.  KVM signals it in the kernel, the memory core signals it for
 * everything else, and the main loop runs the device's queue handler; the
 * vCPU never waits for the device.  With it off, QueueNotify runs the
 * handler on the notifying thread.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <glib.h>

#include "hw/virtio/virtio-mmio.h"
#include "qemu/main-loop.h"
#include "util/log.h"

typedef struct VirtIOMMIOProxy VirtIOMMIOProxy;

typedef struct VirtIOMMIONotifier {
    VirtIOMMIOProxy *proxy;
    unsigned n;
    int fd;              /* -1: none */
} VirtIOMMIONotifier;

struct VirtIOMMIOProxy {
    DeviceState parent;
    MemoryRegion iomem;
    qemu_irq irq;
    bool ioeventfd;                   /* property */

    VirtIODevice *vdev;               /* NULL: no device (DeviceID 0) */
    uint32_t device_features_sel;
    uint32_t driver_features_sel;
    uint64_t driver_features;
    uint32_t queue_sel;
    uint32_t shm_sel;
    VirtIOMMIONotifier notifier[VIRTIO_QUEUE_MAX];
};

/* Realized transports, in creation order (virtio_mmio_plug_free). */
static GPtrArray *transports;

static void proxy_update_irq(void *opaque)
{
    VirtIOMMIOProxy *p = opaque;

    qemu_set_irq(p->irq, p->vdev && p->vdev->isr != 0);
}

static void notifiers_stop_all(VirtIOMMIOProxy *p);

/* The device is being freed: the transport reads DeviceID 0 again. */
static void proxy_unplug(void *opaque)
{
    VirtIOMMIOProxy *p = opaque;

    notifiers_stop_all(p);
    p->vdev = NULL;
    qemu_set_irq(p->irq, 0);
}

static const VirtioTransportOps proxy_transport_ops = {
    .update_irq = proxy_update_irq,
    .unplug = proxy_unplug,
};

/* ---- ioeventfd ---- */

static void notifier_read(void *opaque)
{
    VirtIOMMIONotifier *nt = opaque;
    uint64_t cnt;

    /* Drain the counter; one handler run serves every notify since. */
    if (read(nt->fd, &cnt, sizeof(cnt)) < 0 && errno != EAGAIN) {
        return;
    }
    if (nt->proxy->vdev) {
        virtio_queue_notify(nt->proxy->vdev, nt->n);
    }
}

static void notifier_start(VirtIOMMIOProxy *p, unsigned n)
{
    VirtIOMMIONotifier *nt = &p->notifier[n];
    int fd;

    if (!p->ioeventfd || nt->fd >= 0) {
        return;
    }
    fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        /* Not fatal: notifies then take the register path. */
        return;
    }
    nt->proxy = p;
    nt->n = n;
    nt->fd = fd;
    p->vdev->vq[n].host_notifier = fd;
    qemu_set_fd_handler(fd, notifier_read, NULL, nt);
    memory_region_add_eventfd(&p->iomem, VIRTIO_MMIO_QUEUE_NOTIFY, 4, true, n, fd);
}

static void notifier_stop(VirtIOMMIOProxy *p, unsigned n)
{
    VirtIOMMIONotifier *nt = &p->notifier[n];

    if (nt->fd < 0) {
        return;
    }
    memory_region_del_eventfd(&p->iomem, VIRTIO_MMIO_QUEUE_NOTIFY, 4, true, n, nt->fd);
    qemu_set_fd_handler(nt->fd, NULL, NULL, NULL);
    /* A notify still in the counter is dropped with it: the queue is being
     * disabled, reset or freed, so there is nothing to serve. */
    close(nt->fd);
    nt->fd = -1;
    if (p->vdev) {
        p->vdev->vq[n].host_notifier = -1;
    }
}

static void notifiers_stop_all(VirtIOMMIOProxy *p)
{
    for (unsigned n = 0; n < VIRTIO_QUEUE_MAX; n++) {
        notifier_stop(p, n);
    }
}

/* ---- registers ---- */

static void proxy_reset_regs(VirtIOMMIOProxy *p)
{
    p->device_features_sel = 0;
    p->driver_features_sel = 0;
    p->driver_features = 0;
    p->queue_sel = 0;
    p->shm_sel = 0;
}

static void proxy_device_reset(VirtIOMMIOProxy *p)
{
    notifiers_stop_all(p);
    if (p->vdev) {
        virtio_reset(p->vdev);
    }
    proxy_reset_regs(p);
    proxy_update_irq(p);
}

static VirtQueue *proxy_cur_vq(VirtIOMMIOProxy *p)
{
    return p->vdev ? virtio_get_queue(p->vdev, p->queue_sel) : NULL;
}

static void guest_error(VirtIOMMIOProxy *p, const char *what, hwaddr addr,
                        unsigned size)
{
    tern_log_mask(LOG_GUEST_ERROR, "virtio-mmio: %s at offset 0x%" HWADDR_PRIx
                  " size %u\n", what, addr, size);
}

static uint64_t proxy_read(void *opaque, hwaddr addr, unsigned size)
{
    VirtIOMMIOProxy *p = opaque;
    VirtIODevice *vdev = p->vdev;
    VirtQueue *vq;

    if (addr >= VIRTIO_MMIO_CONFIG) {
        return vdev ? virtio_config_read(vdev, addr - VIRTIO_MMIO_CONFIG, size) : 0;
    }
    if (size != 4 || (addr & 3)) {
        guest_error(p, "register read not 32-bit aligned", addr, size);
        return 0;
    }
    switch (addr) {
    case VIRTIO_MMIO_MAGIC_VALUE:
        return VIRTIO_MMIO_MAGIC;
    case VIRTIO_MMIO_VERSION:
        return 2;
    case VIRTIO_MMIO_DEVICE_ID:
        return vdev ? vdev->device_id : 0;
    case VIRTIO_MMIO_VENDOR_ID:
        return VIRTIO_MMIO_VENDOR;
    }
    if (!vdev) {
        return 0;
    }
    vq = proxy_cur_vq(p);
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES:
        if (p->device_features_sel > 1) {
            return 0;
        }
        return (uint32_t)(virtio_host_features(vdev) >> (32 * p->device_features_sel));
    case VIRTIO_MMIO_QUEUE_NUM_MAX:
        return vq ? vq->num_max : 0;
    case VIRTIO_MMIO_QUEUE_READY:
        return vq ? vq->ready : 0;
    case VIRTIO_MMIO_INTERRUPT_STATUS:
        return vdev->isr;
    case VIRTIO_MMIO_STATUS:
        return vdev->status;
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
        return vq ? (uint32_t)vq->desc : 0;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        return vq ? (uint32_t)(vq->desc >> 32) : 0;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
        return vq ? (uint32_t)vq->avail : 0;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        return vq ? (uint32_t)(vq->avail >> 32) : 0;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
        return vq ? (uint32_t)vq->used : 0;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        return vq ? (uint32_t)(vq->used >> 32) : 0;
    case VIRTIO_MMIO_SHM_LEN_LOW:
    case VIRTIO_MMIO_SHM_LEN_HIGH:
    case VIRTIO_MMIO_SHM_BASE_LOW:
    case VIRTIO_MMIO_SHM_BASE_HIGH:
        /* No shared memory regions: length -1 means "no such region". */
        return 0xffffffff;
    case VIRTIO_MMIO_QUEUE_RESET:
        return 0;
    case VIRTIO_MMIO_CONFIG_GENERATION:
        return vdev->config_generation;
    default:
        guest_error(p, "read of a write-only or unknown register", addr, size);
        return 0;
    }
}

static void proxy_write_status(VirtIOMMIOProxy *p, uint32_t val)
{
    VirtIODevice *vdev = p->vdev;
    uint8_t status = val & 0xff;

    if (status == 0) {
        proxy_device_reset(p);
        return;
    }
    if ((status & VIRTIO_CONFIG_S_FEATURES_OK) &&
        !(vdev->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
        /* A set we cannot accept: FEATURES_OK stays clear, the driver sees it. */
        if (!virtio_set_features(vdev, p->driver_features)) {
            status &= ~VIRTIO_CONFIG_S_FEATURES_OK;
        }
    }
    virtio_set_status(vdev, status);
}

static void proxy_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    VirtIOMMIOProxy *p = opaque;
    VirtIODevice *vdev = p->vdev;
    uint32_t val = data;
    VirtQueue *vq;

    if (!vdev) {
        return;
    }
    if (addr >= VIRTIO_MMIO_CONFIG) {
        virtio_config_write(vdev, addr - VIRTIO_MMIO_CONFIG, size, val);
        return;
    }
    if (size != 4 || (addr & 3)) {
        guest_error(p, "register write not 32-bit aligned", addr, size);
        return;
    }
    vq = proxy_cur_vq(p);
    switch (addr) {
    case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        p->device_features_sel = val;
        return;
    case VIRTIO_MMIO_DRIVER_FEATURES:
        if (p->driver_features_sel == 0) {
            p->driver_features = (p->driver_features & ~0xffffffffULL) | val;
        } else if (p->driver_features_sel == 1) {
            p->driver_features = (p->driver_features & 0xffffffffULL) |
                                 ((uint64_t)val << 32);
        }
        return;
    case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        p->driver_features_sel = val;
        return;
    case VIRTIO_MMIO_QUEUE_SEL:
        p->queue_sel = val;
        return;
    case VIRTIO_MMIO_QUEUE_NUM:
        if (vq && !vq->ready) {
            vq->num = val;
        }
        return;
    case VIRTIO_MMIO_QUEUE_READY:
        if (!vq) {
            return;
        }
        if (val & 1) {
            virtio_queue_set_ready(vdev, vq->index, true);
            if (vq->ready) {
                notifier_start(p, vq->index);
            }
        } else {
            notifier_stop(p, vq->index);
            virtio_queue_set_ready(vdev, vq->index, false);
        }
        return;
    case VIRTIO_MMIO_QUEUE_NOTIFY:
        if (val < vdev->num_queues) {
            virtio_queue_notify(vdev, val);
        }
        return;
    case VIRTIO_MMIO_INTERRUPT_ACK:
        vdev->isr &= ~val;
        proxy_update_irq(p);
        return;
    case VIRTIO_MMIO_STATUS:
        proxy_write_status(p, val);
        return;
    case VIRTIO_MMIO_SHM_SEL:
        p->shm_sel = val;
        return;
    case VIRTIO_MMIO_QUEUE_RESET:
        return;     /* VIRTIO_F_RING_RESET is not offered */
    }
    /* Queue addresses: only while the queue is not live (4.2.2). */
    if (!vq || vq->ready) {
        guest_error(p, "write to a queue register of a ready/absent queue", addr, size);
        return;
    }
    switch (addr) {
    case VIRTIO_MMIO_QUEUE_DESC_LOW:
        vq->desc = (vq->desc & ~0xffffffffULL) | val;
        break;
    case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        vq->desc = (vq->desc & 0xffffffffULL) | ((uint64_t)val << 32);
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
        vq->avail = (vq->avail & ~0xffffffffULL) | val;
        break;
    case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        vq->avail = (vq->avail & 0xffffffffULL) | ((uint64_t)val << 32);
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
        vq->used = (vq->used & ~0xffffffffULL) | val;
        break;
    case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        vq->used = (vq->used & 0xffffffffULL) | ((uint64_t)val << 32);
        break;
    default:
        guest_error(p, "write to a read-only or unknown register", addr, size);
        break;
    }
}

static const MemoryRegionOps proxy_ops = {
    .read = proxy_read,
    .write = proxy_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- device ---- */

static void proxy_instance_init(DeviceState *dev)
{
    VirtIOMMIOProxy *p = (VirtIOMMIOProxy *)dev;

    for (unsigned n = 0; n < VIRTIO_QUEUE_MAX; n++) {
        p->notifier[n].fd = -1;
    }
}

static bool proxy_realize(DeviceState *dev, GError **errp)
{
    VirtIOMMIOProxy *p = (VirtIOMMIOProxy *)dev;

    memory_region_init_io(&p->iomem, dev, &proxy_ops, p, "virtio-mmio",
                          VIRTIO_MMIO_SIZE);
    device_init_mmio(dev, &p->iomem);
    device_init_irq(dev, &p->irq);
    if (!transports) {
        transports = g_ptr_array_new();
    }
    g_ptr_array_add(transports, p);
    return true;
}

static void proxy_reset(DeviceState *dev)
{
    proxy_device_reset((VirtIOMMIOProxy *)dev);
}

static void proxy_unrealize(DeviceState *dev)
{
    VirtIOMMIOProxy *p = (VirtIOMMIOProxy *)dev;

    notifiers_stop_all(p);
    if (p->vdev) {
        virtio_unplug(p->vdev);
        p->vdev = NULL;
    }
    if (transports) {
        g_ptr_array_remove(transports, p);
    }
    memory_region_destroy(&p->iomem);
}

static void proxy_print_info(DeviceState *dev, GString *out, int indent)
{
    VirtIOMMIOProxy *p = (VirtIOMMIOProxy *)dev;

    if (!p->vdev) {
        g_string_append_printf(out, "%*sbackend: none\n", indent, "");
        return;
    }
    g_string_append_printf(out, "%*sbackend: %s (id %u), status 0x%02x, isr 0x%x%s\n",
                           indent, "", p->vdev->parent.klass->name,
                           p->vdev->device_id, p->vdev->status, p->vdev->isr,
                           p->vdev->broken ? ", needs reset" : "");
}

static const Property proxy_props[] = {
    DEFINE_PROP_BOOL("ioeventfd", VirtIOMMIOProxy, ioeventfd, true),
    DEFINE_PROP_END,
};

const DeviceClass virtio_mmio_class = {
    .name = TYPE_VIRTIO_MMIO,
    .desc = "virtio-mmio transport (version 2)",
    .instance_size = sizeof(VirtIOMMIOProxy),
    .props = proxy_props,
    .user_creatable = false,
    .instance_init = proxy_instance_init,
    .realize = proxy_realize,
    .reset = proxy_reset,
    .unrealize = proxy_unrealize,
    .print_info = proxy_print_info,
};

static bool is_transport(DeviceState *dev)
{
    return dev && dev->klass && device_class_is(dev->klass, TYPE_VIRTIO_MMIO);
}

bool virtio_mmio_plug(DeviceState *transport, DeviceState *dev, GError **errp)
{
    VirtIOMMIOProxy *p = (VirtIOMMIOProxy *)transport;
    VirtIODevice *vdev = (VirtIODevice *)dev;

    if (!is_transport(transport) || !transport->realized) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio_mmio_plug: not a realized virtio-mmio transport");
        return false;
    }
    if (!dev || !device_class_is(dev->klass, TYPE_VIRTIO_DEVICE) || !dev->realized) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "device '%s' is not a realized virtio device",
                    dev && dev->klass ? dev->klass->name : "?");
        return false;
    }
    if (p->vdev || vdev->transport) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                    "%s", p->vdev ? "the virtio-mmio transport already has a device"
                                  : "the virtio device is already plugged");
        return false;
    }
    p->vdev = vdev;
    virtio_plug(vdev, transport, &proxy_transport_ops, p);
    proxy_device_reset(p);
    return true;
}

bool virtio_mmio_plug_free(DeviceState *dev, GError **errp)
{
    for (unsigned i = 0; transports && i < transports->len; i++) {
        VirtIOMMIOProxy *p = g_ptr_array_index(transports, i);

        if (!p->vdev) {
            return virtio_mmio_plug(&p->parent, dev, errp);
        }
    }
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOSPC,
                "no free virtio-mmio slot for device '%s' (all %u are in use)",
                dev && dev->klass ? dev->klass->name : "?",
                transports ? transports->len : 0);
    return false;
}

VirtIODevice *virtio_mmio_get_vdev(DeviceState *transport)
{
    return is_transport(transport) ? ((VirtIOMMIOProxy *)transport)->vdev : NULL;
}

char *virtio_mmio_cmdline_arg(DeviceState *transport, hwaddr base, int irq)
{
    return g_strdup_printf("virtio_mmio.device=%u@0x%" HWADDR_PRIx ":%d",
                           VIRTIO_MMIO_SIZE, base, irq);
}

static void virtio_mmio_register(void)
{
    device_class_register(&virtio_mmio_class);
}
type_init(virtio_mmio_register)
