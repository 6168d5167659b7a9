/*
 * virtio core: device state shared by every virtio device, the split
 * virtqueue (descriptor table, available ring, used ring; indirect
 * descriptors; event index) and the error state.
 *
 * Guest memory is only touched through address_space_map on the device's
 * DMA address space, so nothing here can reach outside guest RAM or into
 * an MMIO region (a ring placed on a device register would otherwise
 * re-enter that device).  Every index and length the guest wrote is
 * checked before use; a violation is a virtio_error().
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "hw/virtio/virtio.h"

#define smp_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

/* A device logs at most this many errors in its lifetime (hostile guests). */
#define VIRTIO_MAX_ERRORS_LOGGED 10
/* Host buffer pieces per element (a descriptor may span RAM regions). */
#define VIRTQUEUE_MAX_PIECES (4 * VIRTQUEUE_MAX_SIZE)

/* ------------------------------------------------------------------ */
/* Guest RAM access */

/*
 * Copy len bytes between buf and guest RAM at addr.  False if any byte is
 * not RAM (or not writable RAM for a write) or the range wraps.  Used for
 * the rings and descriptor tables, always with the BQL held, so the memory
 * map cannot change under us and no mapping needs to be pinned.
 */
static bool ram_rw(VirtIODevice *vdev, hwaddr addr, void *buf, hwaddr len,
                   bool is_write)
{
    uint8_t *p = buf;

    if (len && addr + (len - 1) < addr) {
        return false;
    }
    while (len) {
        MemoryRegionSection s;
        uint8_t *host;
        hwaddr l;

        if (!address_space_find(vdev->dma_as, addr, &s) ||
            !memory_region_is_ram(s.mr) || !s.mr->ram_ptr ||
            (is_write && (s.readonly || s.mr->readonly || s.mr->type == MR_ROM)) ||
            addr < s.offset_within_address_space ||
            addr - s.offset_within_address_space >= s.size) {
            return false;
        }
        l = s.size - (addr - s.offset_within_address_space);
        if (l > len) {
            l = len;
        }
        host = s.mr->ram_ptr + s.offset_within_region +
               (addr - s.offset_within_address_space);
        if (is_write) {
            memcpy(host, p, l);
        } else {
            memcpy(p, host, l);
        }
        addr += l;
        p += l;
        len -= l;
    }
    return true;
}

static bool ram_ld16(VirtQueue *vq, hwaddr addr, uint16_t *v, const char *what)
{
    uint8_t b[2];

    if (!ram_rw(vq->vdev, addr, b, 2, false)) {
        virtio_error(vq->vdev, "queue %u: %s at 0x%" HWADDR_PRIx " is not in RAM",
                     vq->index, what, addr);
        return false;
    }
    *v = b[0] | (b[1] << 8);
    return true;
}

static bool ram_st16(VirtQueue *vq, hwaddr addr, uint16_t v, const char *what)
{
    uint8_t b[2] = { v & 0xff, v >> 8 };

    if (!ram_rw(vq->vdev, addr, b, 2, true)) {
        virtio_error(vq->vdev, "queue %u: %s at 0x%" HWADDR_PRIx
                     " is not writable RAM", vq->index, what, addr);
        return false;
    }
    return true;
}

/* Ring field addresses (2.7.6, 2.7.8). */
static hwaddr avail_flags_addr(VirtQueue *vq) { return vq->avail; }
static hwaddr avail_idx_addr(VirtQueue *vq) { return vq->avail + 2; }
static hwaddr avail_ring_addr(VirtQueue *vq, unsigned i) { return vq->avail + 4 + 2 * i; }
static hwaddr used_event_addr(VirtQueue *vq) { return vq->avail + 4 + 2 * vq->num; }
static hwaddr used_flags_addr(VirtQueue *vq) { return vq->used; }
static hwaddr used_idx_addr(VirtQueue *vq) { return vq->used + 2; }
static hwaddr used_ring_addr(VirtQueue *vq, unsigned i) { return vq->used + 4 + 8 * i; }
static hwaddr avail_event_addr(VirtQueue *vq) { return vq->used + 4 + 8 * vq->num; }

/* ------------------------------------------------------------------ */
/* Errors */

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (vdev->broken) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_free(vdev->last_error);
    vdev->last_error = g_strdup_printf("%s: %s", vdev->name ? vdev->name : "virtio",
                                       msg);
    g_free(msg);
    if (vdev->errors_logged < VIRTIO_MAX_ERRORS_LOGGED) {
        vdev->errors_logged++;
        fprintf(stderr, "tern: %s%s\n", vdev->last_error,
                vdev->errors_logged == VIRTIO_MAX_ERRORS_LOGGED ?
                " (further errors of this device are not logged)" : "");
    }
    vdev->broken = true;
    vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    if (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) {
        virtio_notify_config(vdev);
    }
}

/* ------------------------------------------------------------------ */
/* Device setup */

void virtio_init(VirtIODevice *vdev, const char *name, uint16_t device_id,
                 size_t config_len)
{
    vdev->name = name;
    vdev->device_id = device_id;
    vdev->config_len = config_len;
    vdev->config = g_malloc0(config_len ? config_len : 1);
    vdev->vq = g_new0(VirtQueue, VIRTIO_QUEUE_MAX);
    vdev->num_queues = 0;
    if (!vdev->dma_as) {
        vdev->dma_as = &address_space_memory;
    }
}

void virtio_cleanup(VirtIODevice *vdev)
{
    if (vdev->transport_ops && vdev->transport_ops->unplug) {
        vdev->transport_ops->unplug(vdev->transport_opaque);
    }
    virtio_unplug(vdev);
    g_free(vdev->config);
    vdev->config = NULL;
    g_free(vdev->vq);
    vdev->vq = NULL;
    vdev->num_queues = 0;
    g_free(vdev->last_error);
    vdev->last_error = NULL;
}

static void virtqueue_reset(VirtQueue *vq)
{
    vq->num = vq->num_max;
    vq->ready = false;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = vq->shadow_avail_idx = vq->used_idx = 0;
    vq->signalled_used = 0;
    vq->signalled_used_valid = false;
    vq->notification = true;
    vq->inuse = 0;
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, unsigned max_size,
                            VirtIOHandleOutput handler)
{
    VirtQueue *vq;

    g_assert(vdev->num_queues < VIRTIO_QUEUE_MAX);
    g_assert(max_size > 0 && max_size <= VIRTQUEUE_MAX_SIZE &&
             (max_size & (max_size - 1)) == 0);
    vq = &vdev->vq[vdev->num_queues];
    vq->vdev = vdev;
    vq->index = vdev->num_queues++;
    vq->num_max = max_size;
    vq->handle_output = handler;
    vq->host_notifier = -1;
    virtqueue_reset(vq);
    return vq;
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n)
{
    return n < vdev->num_queues ? &vdev->vq[n] : NULL;
}

bool virtio_device_running(const VirtIODevice *vdev)
{
    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

/* ------------------------------------------------------------------ */
/* Popping a descriptor chain */

typedef struct VRingDesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
} VRingDesc;

static bool read_desc(VirtIODevice *vdev, hwaddr table, unsigned i, VRingDesc *d)
{
    uint8_t b[16];

    if (!ram_rw(vdev, table + 16 * (hwaddr)i, b, 16, false)) {
        return false;
    }
    memcpy(&d->addr, b, 8);
    memcpy(&d->len, b + 8, 4);
    memcpy(&d->flags, b + 12, 2);
    memcpy(&d->next, b + 14, 2);
    d->addr = GUINT64_FROM_LE(d->addr);
    d->len = GUINT32_FROM_LE(d->len);
    d->flags = GUINT16_FROM_LE(d->flags);
    d->next = GUINT16_FROM_LE(d->next);
    return true;
}

/* The pieces of one element being collected. */
typedef struct ChainMap {
    GArray *iov[2];     /* struct iovec: [0] out, [1] in */
    GArray *addr[2];    /* hwaddr */
    uint64_t bytes[2];
    unsigned pieces;
} ChainMap;

static void chain_unmap(VirtIODevice *vdev, ChainMap *cm)
{
    for (int dir = 0; dir < 2; dir++) {
        for (unsigned i = 0; i < cm->iov[dir]->len; i++) {
            struct iovec *v = &g_array_index(cm->iov[dir], struct iovec, i);
            address_space_unmap(vdev->dma_as, v->iov_base, v->iov_len, dir, 0);
        }
    }
}

/* Map one buffer descriptor; false (error already reported) on failure. */
static bool chain_map_buffer(VirtQueue *vq, ChainMap *cm, const VRingDesc *d,
                             unsigned di)
{
    VirtIODevice *vdev = vq->vdev;
    int dir = (d->flags & VRING_DESC_F_WRITE) ? 1 : 0;
    hwaddr addr = d->addr;
    hwaddr len = d->len;

    if (addr + (len - 1) < addr) {
        virtio_error(vdev, "queue %u: descriptor %u: buffer 0x%" HWADDR_PRIx
                     "+0x%" HWADDR_PRIx " wraps around the address space",
                     vq->index, di, addr, len);
        return false;
    }
    while (len) {
        hwaddr l = len;
        void *host;
        struct iovec v;

        if (++cm->pieces > VIRTQUEUE_MAX_PIECES) {
            virtio_error(vdev, "queue %u: descriptor chain maps to more than %u pieces",
                         vq->index, VIRTQUEUE_MAX_PIECES);
            return false;
        }
        host = address_space_map(vdev->dma_as, addr, &l, dir == 1);
        if (!host || l == 0) {
            if (host) {
                address_space_unmap(vdev->dma_as, host, 0, dir == 1, 0);
            }
            virtio_error(vdev, "queue %u: descriptor %u: buffer 0x%" HWADDR_PRIx
                         "+0x%x: 0x%" HWADDR_PRIx " is not %sRAM", vq->index, di,
                         d->addr, d->len, addr, dir ? "writable " : "");
            return false;
        }
        if (l > len) {
            l = len;
        }
        v.iov_base = host;
        v.iov_len = l;
        g_array_append_val(cm->iov[dir], v);
        g_array_append_val(cm->addr[dir], addr);
        addr += l;
        len -= l;
    }
    cm->bytes[dir] += d->len;
    /* used.len is 32 bits: a chain's buffers must be describable by it. */
    if (cm->bytes[dir] > UINT32_MAX) {
        virtio_error(vdev, "queue %u: descriptor chain has more than 4 GiB of "
                     "%s buffers", vq->index, dir ? "writable" : "readable");
        return false;
    }
    return true;
}

/* Walk the chain starting at head; false (error reported) if malformed. */
static bool chain_walk(VirtQueue *vq, unsigned head, ChainMap *cm)
{
    VirtIODevice *vdev = vq->vdev;
    hwaddr table = vq->desc;
    unsigned max = vq->num;
    unsigned i = head;
    unsigned count = 0;
    bool indirect = false;

    for (;;) {
        VRingDesc d;

        if (!read_desc(vdev, table, i, &d)) {
            virtio_error(vdev, "queue %u: %sdescriptor %u at 0x%" HWADDR_PRIx
                         " is not in RAM", vq->index, indirect ? "indirect " : "",
                         i, table + 16 * (hwaddr)i);
            return false;
        }
        if (++count > max) {
            virtio_error(vdev, "queue %u: descriptor chain loop at index %u "
                         "(more than %u %sdescriptors)", vq->index, i, max,
                         indirect ? "indirect " : "");
            return false;
        }
        if (d.flags & VRING_DESC_F_INDIRECT) {
            if (indirect) {
                virtio_error(vdev, "queue %u: nested indirect descriptor at "
                             "index %u", vq->index, i);
                return false;
            }
            if (!virtio_has_feature(vdev, VIRTIO_RING_F_INDIRECT_DESC)) {
                virtio_error(vdev, "queue %u: indirect descriptor %u without "
                             "VIRTIO_RING_F_INDIRECT_DESC", vq->index, i);
                return false;
            }
            if (d.flags & VRING_DESC_F_NEXT) {
                virtio_error(vdev, "queue %u: descriptor %u has both INDIRECT "
                             "and NEXT", vq->index, i);
                return false;
            }
            if (d.len == 0 || d.len % 16 != 0 ||
                d.len / 16 > VIRTQUEUE_MAX_INDIRECT) {
                virtio_error(vdev, "queue %u: indirect table at descriptor %u has "
                             "bad length %u (a multiple of 16, at most %u entries)",
                             vq->index, i, d.len, VIRTQUEUE_MAX_INDIRECT);
                return false;
            }
            if (d.addr + (d.len - 1) < d.addr) {
                virtio_error(vdev, "queue %u: indirect table at descriptor %u "
                             "wraps around the address space", vq->index, i);
                return false;
            }
            indirect = true;
            table = d.addr;
            max = d.len / 16;
            i = 0;
            count = 0;
            continue;
        }
        if (d.len) {
            if (!(d.flags & VRING_DESC_F_WRITE) && cm->iov[1]->len) {
                virtio_error(vdev, "queue %u: readable descriptor %u after a "
                             "writable one", vq->index, i);
                return false;
            }
            if (!chain_map_buffer(vq, cm, &d, i)) {
                return false;
            }
        }
        if (!(d.flags & VRING_DESC_F_NEXT)) {
            return true;
        }
        if (d.next >= max) {
            virtio_error(vdev, "queue %u: descriptor %u: next index %u out of "
                         "range (%u %sdescriptors)", vq->index, i, d.next, max,
                         indirect ? "indirect " : "");
            return false;
        }
        i = d.next;
    }
}

/* Read avail->idx into the shadow; false if the device broke. */
static bool vring_fetch_avail_idx(VirtQueue *vq)
{
    uint16_t idx;

    if (!ram_ld16(vq, avail_idx_addr(vq), &idx, "available ring index")) {
        return false;
    }
    if ((uint16_t)(idx - vq->last_avail_idx) > vq->num) {
        virtio_error(vq->vdev, "queue %u: available index %u is %u entries ahead "
                     "of the device (queue size %u)", vq->index, idx,
                     (uint16_t)(idx - vq->last_avail_idx), vq->num);
        return false;
    }
    vq->shadow_avail_idx = idx;
    return true;
}

static bool vq_usable(VirtQueue *vq)
{
    return vq->ready && vq->num && !vq->vdev->broken;
}

bool virtqueue_empty(VirtQueue *vq)
{
    if (!vq_usable(vq)) {
        return true;
    }
    if (vq->shadow_avail_idx != vq->last_avail_idx) {
        return false;
    }
    if (!vring_fetch_avail_idx(vq)) {
        return true;
    }
    return vq->shadow_avail_idx == vq->last_avail_idx;
}

unsigned virtqueue_pending(VirtQueue *vq)
{
    if (!vq_usable(vq) || !vring_fetch_avail_idx(vq)) {
        return 0;
    }
    return (uint16_t)(vq->shadow_avail_idx - vq->last_avail_idx);
}

void *virtqueue_pop(VirtQueue *vq, size_t sz)
{
    VirtIODevice *vdev = vq->vdev;
    VirtQueueElement *elem;
    ChainMap cm;
    uint16_t head;
    unsigned n[2];
    uint8_t *p;
    bool ok;

    g_assert(sz >= sizeof(VirtQueueElement));
    if (virtqueue_empty(vq)) {
        return NULL;
    }
    /* The ring entries were written before the index. */
    smp_rmb();
    if (!ram_ld16(vq, avail_ring_addr(vq, vq->last_avail_idx % vq->num), &head,
                  "available ring entry")) {
        return NULL;
    }
    if (head >= vq->num) {
        virtio_error(vdev, "queue %u: available ring entry %u: head descriptor "
                     "%u out of range (queue size %u)", vq->index,
                     vq->last_avail_idx, head, vq->num);
        return NULL;
    }

    for (int dir = 0; dir < 2; dir++) {
        cm.iov[dir] = g_array_new(false, false, sizeof(struct iovec));
        cm.addr[dir] = g_array_new(false, false, sizeof(hwaddr));
        cm.bytes[dir] = 0;
    }
    cm.pieces = 0;
    ok = chain_walk(vq, head, &cm);
    if (!ok) {
        chain_unmap(vdev, &cm);
        elem = NULL;
        goto out;
    }

    /* One allocation: the caller's struct, then the four arrays. */
    n[0] = cm.iov[0]->len;
    n[1] = cm.iov[1]->len;
    sz = (sz + 15) & ~(size_t)15;
    elem = g_malloc0(sz + (n[0] + n[1]) * (sizeof(struct iovec) + sizeof(hwaddr)));
    p = (uint8_t *)elem + sz;
    elem->index = head;
    elem->out_num = n[0];
    elem->in_num = n[1];
    elem->out_sg = (struct iovec *)p;
    p += n[0] * sizeof(struct iovec);
    elem->in_sg = (struct iovec *)p;
    p += n[1] * sizeof(struct iovec);
    elem->out_addr = (hwaddr *)p;
    p += n[0] * sizeof(hwaddr);
    elem->in_addr = (hwaddr *)p;
    if (n[0]) {
        memcpy(elem->out_sg, cm.iov[0]->data, n[0] * sizeof(struct iovec));
        memcpy(elem->out_addr, cm.addr[0]->data, n[0] * sizeof(hwaddr));
    }
    if (n[1]) {
        memcpy(elem->in_sg, cm.iov[1]->data, n[1] * sizeof(struct iovec));
        memcpy(elem->in_addr, cm.addr[1]->data, n[1] * sizeof(hwaddr));
    }
    elem->out_bytes = cm.bytes[0];
    elem->in_bytes = cm.bytes[1];

    vq->last_avail_idx++;
    vq->inuse++;
    if (virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX) && vq->notification) {
        ram_st16(vq, avail_event_addr(vq), vq->last_avail_idx, "avail_event");
    }
out:
    for (int dir = 0; dir < 2; dir++) {
        g_array_free(cm.iov[dir], true);
        g_array_free(cm.addr[dir], true);
    }
    return elem;
}

/* ------------------------------------------------------------------ */
/* Returning buffers */

static void elem_unmap(VirtIODevice *vdev, const VirtQueueElement *elem, size_t len)
{
    for (unsigned i = 0; i < elem->in_num; i++) {
        size_t l = elem->in_sg[i].iov_len;
        size_t written = MIN(len, l);

        address_space_unmap(vdev->dma_as, elem->in_sg[i].iov_base, l, true, written);
        len -= written;
    }
    for (unsigned i = 0; i < elem->out_num; i++) {
        address_space_unmap(vdev->dma_as, elem->out_sg[i].iov_base,
                            elem->out_sg[i].iov_len, false, elem->out_sg[i].iov_len);
    }
}

void virtqueue_unpop(VirtQueue *vq, VirtQueueElement *elem)
{
    elem_unmap(vq->vdev, elem, 0);
    vq->last_avail_idx--;
    if (vq->inuse) {
        vq->inuse--;
    }
}

void virtqueue_drop(VirtQueue *vq, VirtQueueElement *elem)
{
    elem_unmap(vq->vdev, elem, 0);
    if (vq->inuse) {
        vq->inuse--;
    }
}

void virtqueue_fill(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len,
                    unsigned idx)
{
    uint8_t b[8];
    uint32_t id = GUINT32_TO_LE(elem->index);
    uint32_t l = GUINT32_TO_LE(len);

    elem_unmap(vq->vdev, elem, len);
    if (vq->inuse) {
        vq->inuse--;
    }
    if (!vq_usable(vq)) {
        return;
    }
    memcpy(b, &id, 4);
    memcpy(b + 4, &l, 4);
    if (!ram_rw(vq->vdev, used_ring_addr(vq, (uint16_t)(vq->used_idx + idx) % vq->num),
                b, 8, true)) {
        virtio_error(vq->vdev, "queue %u: used ring at 0x%" HWADDR_PRIx
                     " is not writable RAM", vq->index, vq->used);
    }
}

void virtqueue_flush(VirtQueue *vq, unsigned count)
{
    uint16_t old = vq->used_idx;
    uint16_t new = old + count;

    if (!vq_usable(vq)) {
        return;
    }
    /* The entries are visible before the index that publishes them. */
    smp_wmb();
    if (!ram_st16(vq, used_idx_addr(vq), new, "used ring index")) {
        return;
    }
    vq->used_idx = new;
    /* So many entries went by unsignalled that the window is ambiguous. */
    if ((int16_t)(new - vq->signalled_used) < (uint16_t)(new - old)) {
        vq->signalled_used_valid = false;
    }
}

void virtqueue_push(VirtQueue *vq, const VirtQueueElement *elem, uint32_t len)
{
    virtqueue_fill(vq, elem, len, 0);
    virtqueue_flush(vq, 1);
}

/* ------------------------------------------------------------------ */
/* Notifications */

static bool vring_need_event(uint16_t event, uint16_t new, uint16_t old)
{
    return (uint16_t)(new - event - 1) < (uint16_t)(new - old);
}

static bool virtio_should_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    /* Our used ring writes before reading the driver's suppression fields. */
    smp_mb();
    if (virtio_has_feature(vdev, VIRTIO_RING_F_EVENT_IDX)) {
        uint16_t old = vq->signalled_used;
        bool valid = vq->signalled_used_valid;
        uint16_t event;

        vq->signalled_used = vq->used_idx;
        vq->signalled_used_valid = true;
        if (!ram_ld16(vq, used_event_addr(vq), &event, "used_event")) {
            return false;
        }
        return !valid || vring_need_event(event, vq->used_idx, old);
    } else {
        uint16_t flags;

        if (!ram_ld16(vq, avail_flags_addr(vq), &flags, "available ring flags")) {
            return false;
        }
        return !(flags & VRING_AVAIL_F_NO_INTERRUPT);
    }
}

static void virtio_update_irq(VirtIODevice *vdev)
{
    if (vdev->transport_ops && vdev->transport_ops->update_irq) {
        vdev->transport_ops->update_irq(vdev->transport_opaque);
    }
}

void virtio_notify(VirtIODevice *vdev, VirtQueue *vq)
{
    if (!vq_usable(vq) || !virtio_should_notify(vdev, vq)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_QUEUE;
    virtio_update_irq(vdev);
}

void virtio_notify_config(VirtIODevice *vdev)
{
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vdev->config_generation++;
    vdev->isr |= VIRTIO_ISR_CONFIG;
    virtio_update_irq(vdev);
}

void virtio_queue_set_notification(VirtQueue *vq, bool enable)
{
    vq->notification = enable;
    if (!vq_usable(vq)) {
        return;
    }
    if (virtio_has_feature(vq->vdev, VIRTIO_RING_F_EVENT_IDX)) {
        if (enable) {
            /* Notify us for anything beyond what we have seen. */
            if (!vring_fetch_avail_idx(vq)) {
                return;
            }
            ram_st16(vq, avail_event_addr(vq), vq->shadow_avail_idx, "avail_event");
        }
    } else {
        ram_st16(vq, used_flags_addr(vq), enable ? 0 : VRING_USED_F_NO_NOTIFY,
                 "used ring flags");
    }
    if (enable) {
        /* The flag is visible before we look at the ring again. */
        smp_mb();
    }
}

/* ------------------------------------------------------------------ */
/* Transport side */

void virtio_plug(VirtIODevice *vdev, DeviceState *transport,
                 const VirtioTransportOps *ops, void *opaque)
{
    vdev->transport = transport;
    vdev->transport_ops = ops;
    vdev->transport_opaque = opaque;
    /* info qtree shows the device under its transport. */
    vdev->parent.parent_dev = transport;
    if (transport && transport->children) {
        g_ptr_array_add(transport->children, vdev);
    }
}

void virtio_unplug(VirtIODevice *vdev)
{
    if (vdev->transport && vdev->transport->children) {
        g_ptr_array_remove(vdev->transport->children, vdev);
    }
    vdev->transport = NULL;
    vdev->transport_ops = NULL;
    vdev->transport_opaque = NULL;
    vdev->parent.parent_dev = NULL;
}

uint64_t virtio_host_features(VirtIODevice *vdev)
{
    uint64_t f = (1ULL << VIRTIO_F_VERSION_1) |
                 (1ULL << VIRTIO_RING_F_INDIRECT_DESC) |
                 (1ULL << VIRTIO_RING_F_EVENT_IDX);

    if (vdev->ops && vdev->ops->get_features) {
        f |= vdev->ops->get_features(vdev);
    }
    vdev->host_features = f;
    return f;
}

bool virtio_set_features(VirtIODevice *vdev, uint64_t features)
{
    uint64_t host = virtio_host_features(vdev);

    /* Only the modern interface: VERSION_1 is mandatory. */
    if ((features & ~host) || !(features & (1ULL << VIRTIO_F_VERSION_1))) {
        return false;
    }
    vdev->guest_features = features;
    if (vdev->ops && vdev->ops->set_features) {
        vdev->ops->set_features(vdev, features);
    }
    return true;
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    if (status == 0) {
        virtio_reset(vdev);
        return;
    }
    /* NEEDS_RESET is the device's to set; the driver cannot clear it. */
    vdev->status = status | (vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
    if (vdev->ops && vdev->ops->set_status) {
        vdev->ops->set_status(vdev, vdev->status);
    }
}

void virtio_reset(VirtIODevice *vdev)
{
    if (vdev->ops && vdev->ops->reset) {
        vdev->ops->reset(vdev);
    }
    for (unsigned i = 0; i < vdev->num_queues; i++) {
        virtqueue_reset(&vdev->vq[i]);
    }
    vdev->status = 0;
    vdev->isr = 0;
    vdev->guest_features = 0;
    vdev->broken = false;
    virtio_update_irq(vdev);
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (vq && vq_usable(vq) && vq->handle_output) {
        vq->handle_output(vdev, vq);
    }
}

void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready)
{
    VirtQueue *vq = virtio_get_queue(vdev, n);

    if (!vq) {
        return;
    }
    if (!ready) {
        vq->ready = false;
        return;
    }
    if (vq->ready) {
        return;         /* already live: its indices must not restart */
    }
    if (vq->num == 0 || vq->num > vq->num_max || (vq->num & (vq->num - 1))) {
        virtio_error(vdev, "queue %u: size %u is not a power of 2 up to %u",
                     n, vq->num, vq->num_max);
        return;
    }
    if ((vq->desc & 15) || (vq->avail & 1) || (vq->used & 3)) {
        virtio_error(vdev, "queue %u: misaligned rings (desc 0x%" HWADDR_PRIx
                     ", driver 0x%" HWADDR_PRIx ", device 0x%" HWADDR_PRIx ")",
                     n, vq->desc, vq->avail, vq->used);
        return;
    }
    vq->last_avail_idx = vq->shadow_avail_idx = vq->used_idx = 0;
    vq->signalled_used_valid = false;
    vq->inuse = 0;
    vq->ready = true;
}

uint32_t virtio_config_read(VirtIODevice *vdev, unsigned offset, unsigned size)
{
    uint32_t v = 0;

    if (size > 4 || offset > vdev->config_len || size > vdev->config_len - offset) {
        return 0;
    }
    if (vdev->ops && vdev->ops->get_config) {
        vdev->ops->get_config(vdev);
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint32_t)vdev->config[offset + i] << (8 * i);
    }
    return v;
}

void virtio_config_write(VirtIODevice *vdev, unsigned offset, unsigned size,
                         uint32_t value)
{
    if (size > 4 || offset > vdev->config_len || size > vdev->config_len - offset) {
        return;
    }
    if (!vdev->ops || !vdev->ops->set_config) {
        return;     /* read-only config space */
    }
    for (unsigned i = 0; i < size; i++) {
        vdev->config[offset + i] = value >> (8 * i);
    }
    vdev->ops->set_config(vdev, offset, size);
}

/* ------------------------------------------------------------------ */
/* iovec helpers */

size_t virtio_iov_size(const struct iovec *iov, unsigned cnt)
{
    size_t n = 0;

    for (unsigned i = 0; i < cnt; i++) {
        n += iov[i].iov_len;
    }
    return n;
}

static size_t iov_copy(const struct iovec *iov, unsigned cnt, size_t offset,
                       void *buf, size_t len, bool to_iov)
{
    uint8_t *p = buf;
    size_t done = 0;

    for (unsigned i = 0; i < cnt && done < len; i++) {
        size_t l;

        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        l = MIN(iov[i].iov_len - offset, len - done);
        if (to_iov) {
            memcpy((uint8_t *)iov[i].iov_base + offset, p + done, l);
        } else {
            memcpy(p + done, (uint8_t *)iov[i].iov_base + offset, l);
        }
        done += l;
        offset = 0;
    }
    return done;
}

size_t virtio_iov_to_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                         void *buf, size_t len)
{
    return iov_copy(iov, cnt, offset, buf, len, false);
}

size_t virtio_iov_from_buf(const struct iovec *iov, unsigned cnt, size_t offset,
                           const void *buf, size_t len)
{
    return iov_copy(iov, cnt, offset, (void *)buf, len, true);
}

unsigned virtio_iov_slice(const struct iovec *iov, unsigned cnt, size_t offset,
                          size_t len, struct iovec *dst, unsigned dst_max)
{
    unsigned n = 0;

    for (unsigned i = 0; i < cnt && len && n < dst_max; i++) {
        size_t l;

        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        l = MIN(iov[i].iov_len - offset, len);
        dst[n].iov_base = (uint8_t *)iov[i].iov_base + offset;
        dst[n].iov_len = l;
        n++;
        len -= l;
        offset = 0;
    }
    return n;
}

/* ------------------------------------------------------------------ */

/* The abstract parent type: device_class_is(dc, "virtio-device"). */
const DeviceClass virtio_device_class = {
    .name = TYPE_VIRTIO_DEVICE,
    .desc = "virtio device (abstract)",
    .instance_size = sizeof(VirtIODevice),
    .user_creatable = false,
};

static void virtio_register(void)
{
    device_class_register(&virtio_device_class);
}
type_init(virtio_register)
