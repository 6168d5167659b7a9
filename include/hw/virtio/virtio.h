/*
 * virtio devices (blueprint section 4): the common device state, the split
 * virtqueue and the hooks between a device (blk, console, rng, net) and its
 * transport (virtio-mmio).
 *
 * A virtio device is a DeviceState whose class derives from "virtio-device"
 * (DeviceClass.parent = TYPE_VIRTIO_DEVICE).  Its struct starts with a
 * VirtIODevice; its realize calls virtio_init() and virtio_add_queue().
 * The transport (hw/virtio/virtio-mmio.c) reads and writes the fields below
 * on the driver's behalf and is told through VirtioTransportOps when the
 * interrupt status changes.
 *
 * Every value the guest writes into rings and descriptors is untrusted:
 * virtqueue_pop() checks indices, chain lengths, indirect tables and that
 * every buffer lies in guest RAM; on a violation it calls virtio_error(),
 * which logs once, sets DEVICE_NEEDS_RESET and stops the device until the
 * driver resets it.  The device code therefore only ever sees well-formed
 * elements whose iovecs point into guest RAM.
 *
 * Threads: everything here runs with the BQL held.  The host pointers of a
 * popped element may be used by a worker thread until virtqueue_push().
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "exec/memory.h"
#include "hw/qdev.h"

#define TYPE_VIRTIO_DEVICE "virtio-device"

/* Device ids (virtio 1.2, 5). */
#define VIRTIO_ID_NET      1
#define VIRTIO_ID_BLOCK    2
#define VIRTIO_ID_CONSOLE  3
#define VIRTIO_ID_RNG      4

/* Device status bits (2.1). */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE   1
#define VIRTIO_CONFIG_S_DRIVER        2
#define VIRTIO_CONFIG_S_DRIVER_OK     4
#define VIRTIO_CONFIG_S_FEATURES_OK   8
#define VIRTIO_CONFIG_S_NEEDS_RESET   0x40
#define VIRTIO_CONFIG_S_FAILED        0x80

/* Reserved feature bits (6). */
#define VIRTIO_RING_F_INDIRECT_DESC   28
#define VIRTIO_RING_F_EVENT_IDX       29
#define VIRTIO_F_VERSION_1            32
#define VIRTIO_F_ACCESS_PLATFORM      33

/* ISR bits (4.2.2.1 InterruptStatus). */
#define VIRTIO_ISR_QUEUE   1
#define VIRTIO_ISR_CONFIG  2

/* Split ring layout (2.7). */
#define VRING_DESC_F_NEXT       1
#define VRING_DESC_F_WRITE      2
#define VRING_DESC_F_INDIRECT   4
#define VRING_AVAIL_F_NO_INTERRUPT  1
#define VRING_USED_F_NO_NOTIFY      1

#define VIRTQUEUE_MAX_SIZE      1024
/* Queues per device (virtio-net uses 2, console 2, blk 1, rng 1). */
#define VIRTIO_QUEUE_MAX        8
/* Entries of one indirect table we accept (Linux uses at most seg_max + 2). */
#define VIRTQUEUE_MAX_INDIRECT  1024

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;

/* A request taken from the avail ring: read out_sg, write in_sg. */
typedef struct VirtQueueElement {
    unsigned index;            /* head descriptor, returned in the used ring */
    unsigned out_num;          /* pieces the device reads (driver -> device) */
    unsigned in_num;           /* pieces the device writes (device -> driver) */
    struct iovec *out_sg;      /* host pointers into guest RAM */
    struct iovec *in_sg;
    hwaddr *out_addr;          /* guest-physical address of each piece */
    hwaddr *in_addr;
    size_t out_bytes;          /* sum of out_sg lengths */
    size_t in_bytes;
} VirtQueueElement;

typedef void (*VirtIOHandleOutput)(VirtIODevice *vdev, VirtQueue *vq);

/* What the device implements (all optional except where noted). */
typedef struct VirtioDeviceOps {
    /* Host features besides VERSION_1/INDIRECT_DESC/EVENT_IDX. */
    uint64_t (*get_features)(VirtIODevice *vdev);
    /* Refresh vdev->config before the driver reads it. */
    void (*get_config)(VirtIODevice *vdev);
    /* The driver wrote vdev->config (at offset, len bytes). */
    void (*set_config)(VirtIODevice *vdev, unsigned offset, unsigned len);
    /* The driver accepted these features (FEATURES_OK). */
    void (*set_features)(VirtIODevice *vdev, uint64_t features);
    /* Status changed (e.g. DRIVER_OK: start RX). */
    void (*set_status)(VirtIODevice *vdev, uint8_t status);
    /* Back to the initial state: drop in-flight work (called with the
     * queues still set up; virtio_reset clears them afterwards). */
    void (*reset)(VirtIODevice *vdev);
} VirtioDeviceOps;

/* What the transport implements. */
typedef struct VirtioTransportOps {
    /* vdev->isr changed: update the interrupt line. */
    void (*update_irq)(void *opaque);
    /* The device is going away (virtio_cleanup): forget it. */
    void (*unplug)(void *opaque);
} VirtioTransportOps;

struct VirtQueue {
    VirtIODevice *vdev;
    unsigned index;
    unsigned num_max;          /* QueueNumMax */
    unsigned num;              /* QueueNum set by the driver, <= num_max */
    bool ready;                /* QueueReady */
    hwaddr desc;               /* QueueDesc: descriptor table */
    hwaddr avail;              /* QueueDriver: available ring */
    hwaddr used;               /* QueueDevice: used ring */

    uint16_t last_avail_idx;   /* next avail ring entry to take */
    uint16_t shadow_avail_idx; /* avail->idx as last read */
    uint16_t used_idx;         /* our copy of used->idx */
    uint16_t signalled_used;   /* used->idx at the last interrupt (EVENT_IDX) */
    bool signalled_used_valid;
    bool notification;         /* do we want driver notifications? */
    unsigned inuse;            /* popped, not yet pushed */

    VirtIOHandleOutput handle_output;
    int host_notifier;         /* ioeventfd (transport-owned), -1 if none */
};

struct VirtIODevice {
    DeviceState parent;        /* must be first */
    const char *name;          /* "virtio-blk" (for messages) */
    uint16_t device_id;
    const VirtioDeviceOps *ops;

    uint8_t *config;           /* device-specific config space */
    size_t config_len;
    uint32_t config_generation;

    uint64_t host_features;
    uint64_t guest_features;   /* what the driver wrote (DriverFeatures) */
    uint8_t status;
    uint8_t isr;

    unsigned num_queues;
    VirtQueue *vq;             /* VIRTIO_QUEUE_MAX entries, num_queues used */

    /* DMA address space: &address_space_memory unless set before realize. */
    AddressSpace *dma_as;

    /* Error state (virtio_error): set until the driver resets the device. */
    bool broken;
    char *last_error;          /* message of the last virtio_error */
    unsigned errors_logged;    /* how many virtio_error messages were printed */

    /* Set by the transport when the device is plugged. */
    const VirtioTransportOps *transport_ops;
    void *transport_opaque;
    DeviceState *transport;
};

extern const DeviceClass virtio_device_class;

/* ---- for devices ---- */

/* From realize: name for messages, id, config space size. */
void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 size_t config_len);
/* From unrealize: unplugs from the transport, frees queues and config. */
void virtio_cleanup(VirtIODevice *vdev);
/* Adds queue number vdev->num_queues; handler runs on a driver notify. */
VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned max_size,
                            VirtIOHandleOutput handler);
VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n);

static inline bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit)
{
    return (vdev->guest_features >> bit) & 1;
}
/* The driver set DRIVER_OK and the device is not in its error state. */
bool virtio_device_running(const VirtIODevice *vdev);

/*
 * Take the next request: NULL when the queue is empty, not ready, or the
 * device is broken (a malformed chain breaks it here).  sz >= sizeof
 * (VirtQueueElement) lets a device embed the element at the start of its
 * own request struct; free the result with g_free after virtqueue_push
 * (or virtqueue_drop).
 */
void *virtqueue_pop(VirtQueue *vq, size_t sz);
/* Put elem in the used ring with len bytes written to in_sg (fill + flush). */
void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len);
/* Batched form: fill entries at used_idx + idx, then publish count of them. */
void virtqueue_fill(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len,
                    unsigned idx);
void virtqueue_flush(VirtQueue *vq, unsigned count);
/*
 * Give back the element popped last, as if never popped (a device that
 * needs several buffers and found too few).  Unpop in reverse pop order.
 */
void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem);
/* Forget an element without returning it (device reset, error). */
void virtqueue_drop(VirtQueue *vq, VirtQueueElement *elem);
/* Is there a request waiting? */
bool virtqueue_empty(VirtQueue *vq);
/* How many chains are available (re-reads avail->idx; 0 if unusable). */
unsigned virtqueue_pending(VirtQueue *vq);
/* Interrupt the driver for vq unless it suppressed that (flags/used_event). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
/* Ask the driver to (not) notify us about new avail entries. */
void virtio_queue_set_notification(VirtQueue *vq, bool enable);
/* The config space changed: bump generation, config interrupt. */
void virtio_notify_config(VirtIODevice *vdev);

/* Log once, set DEVICE_NEEDS_RESET, stop the device until reset. */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- for transports ---- */

void virtio_plug(VirtIODevice *vdev, DeviceState *transport,
                 const VirtioTransportOps *ops, void *opaque);
void virtio_unplug(VirtIODevice *vdev);
uint64_t virtio_host_features(VirtIODevice *vdev);
/* DriverFeatures write with FEATURES_OK: false if the set is not acceptable. */
bool virtio_set_features(VirtIODevice *vdev, uint64_t features);
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
/* Status 0: everything back to the initial state. */
void virtio_reset(VirtIODevice *vdev);
/* The driver notified queue n. */
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);
/* Config space accesses (little endian, bounds-checked; out of range: 0 / dropped). */
uint32_t virtio_config_read(VirtIODevice *vdev, unsigned offset, unsigned size);
void virtio_config_write(VirtIODevice *vdev, unsigned offset, unsigned size,
                         uint32_t value);
/* The driver enabled queue n (QueueReady=1): check the ring addresses. */
void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready);

/* ---- iovec helpers ---- */

size_t virtio_iov_size(const struct iovec *iov, unsigned cnt);
/* Copy between a flat buffer and the bytes at offset of iov; return bytes copied. */
size_t virtio_iov_to_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                         void *buf, size_t len);
size_t virtio_iov_from_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                           const void *buf, size_t len);
/*
 * A view of iov from offset, at most len bytes, into dst (up to dst_max
 * entries; returns the entry count).
 */
unsigned virtio_iov_slice(const struct iovec *iov, unsigned cnt, size_t offset,
                          size_t len, struct iovec *dst, unsigned dst_max);

#endif /* HW_VIRTIO_VIRTIO_H */
