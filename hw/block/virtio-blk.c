/*
 * virtio-blk (virtio 1.2, 5.2): a disk on a block backend.
 *
 * The queue handler (vCPU thread on a QueueNotify exit, or the main loop
 * for an ioeventfd) pops requests, checks them against the disk size and
 * hands reads, writes, flushes, discards and write-zeroes to the worker
 * pool; the completion runs on the main thread with the BQL, writes the
 * status byte, returns the buffers in the used ring and interrupts the
 * driver.  GET_ID and malformed/unsupported requests complete at once.
 * A request whose layout breaks the spec (no header, no status byte) is a
 * driver bug: virtio_error(), the device waits for a reset.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <sys/uio.h>

#include <glib.h>

#include "block/block.h"
#include "hw/virtio/virtio-blk.h"
#include "qemu/main-loop.h"

#define BLK_MAX_SEGS       32          /* discard / write-zeroes segments */
#define BLK_MAX_DISCARD    0x3fffff    /* sectors per segment */

typedef struct VirtIOBlock {
    VirtIODevice parent;
    BlockBackend *blk;         /* property drive */
    char *serial;              /* property serial */
    uint32_t queue_size;       /* property queue-size */
    VirtQueue *vq;
    unsigned inflight;         /* submitted to the pool, not completed */
} VirtIOBlock;

typedef struct BlkSeg {
    uint64_t sector;
    uint32_t num;
    uint32_t flags;
} BlkSeg;

typedef struct VirtIOBlockReq {
    VirtQueueElement elem;     /* must be first: virtqueue_pop allocates us */
    VirtIOBlock *s;
    uint32_t type;
    uint64_t sector;
    struct iovec *iov;         /* the data part of the request */
    unsigned iovcnt;
    size_t data_len;
    BlkSeg segs[BLK_MAX_SEGS];
    unsigned nseg;
} VirtIOBlockReq;

static int64_t blk_sectors(VirtIOBlock *s)
{
    int64_t len = blk_getlength(s->blk);

    return len < 0 ? 0 : len / VIRTIO_BLK_SECTOR_SIZE;
}

static void stl(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, 4);
}

/* ---- completion ---- */

/* Status byte, used ring, free.  The caller notifies. */
static void req_complete(VirtIOBlockReq *r, uint8_t status, uint32_t written)
{
    VirtQueueElement *e = &r->elem;

    virtio_iov_from_buf(e->in_sg, e->in_num, e->in_bytes - 1, &status, 1);
    virtqueue_push(r->s->vq, e, written + 1);
    g_free(r->iov);
    g_free(r);
}

static int req_work(void *opaque)
{
    VirtIOBlockReq *r = opaque;
    BlockBackend *blk = r->s->blk;
    int64_t off = (int64_t)r->sector * VIRTIO_BLK_SECTOR_SIZE;
    int ret = 0;

    switch (r->type) {
    case VIRTIO_BLK_T_IN:
        return blk_preadv(blk, off, r->iov, r->iovcnt);
    case VIRTIO_BLK_T_OUT:
        return blk_pwritev(blk, off, r->iov, r->iovcnt);
    case VIRTIO_BLK_T_FLUSH:
        return blk_flush(blk);
    case VIRTIO_BLK_T_DISCARD:
    case VIRTIO_BLK_T_WRITE_ZEROES:
        for (unsigned i = 0; i < r->nseg && ret == 0; i++) {
            int64_t o = (int64_t)r->segs[i].sector * VIRTIO_BLK_SECTOR_SIZE;
            int64_t l = (int64_t)r->segs[i].num * VIRTIO_BLK_SECTOR_SIZE;

            if (r->type == VIRTIO_BLK_T_DISCARD) {
                ret = blk_discard(blk, o, l);
            } else {
                ret = blk_write_zeroes(blk, o, l, r->segs[i].flags & 1);
            }
        }
        return ret;
    }
    return -ENOTSUP;
}

static void req_done(void *opaque, int ret)
{
    VirtIOBlockReq *r = opaque;
    VirtIOBlock *s = r->s;
    uint32_t written = (ret == 0 && r->type == VIRTIO_BLK_T_IN) ? r->data_len : 0;

    s->inflight--;
    req_complete(r, ret == 0 ? VIRTIO_BLK_S_OK : VIRTIO_BLK_S_IOERR, written);
    virtio_notify(&s->parent, s->vq);
}

/* ---- checking and dispatching one request ---- */

static bool range_ok(VirtIOBlock *s, uint64_t sector, uint64_t nsectors)
{
    uint64_t cap = blk_sectors(s);

    return sector <= cap && nsectors <= cap - sector;
}

/* Returns a status to complete with now, or -1 when submitted. */
static int req_prepare(VirtIOBlock *s, VirtIOBlockReq *r)
{
    VirtQueueElement *e = &r->elem;
    unsigned max = MAX(e->in_num, e->out_num);

    switch (r->type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT:
        if (r->type == VIRTIO_BLK_T_IN) {
            r->data_len = e->in_bytes - 1;
            r->iov = g_new(struct iovec, max ? max : 1);
            r->iovcnt = virtio_iov_slice(e->in_sg, e->in_num, 0, r->data_len,
                                         r->iov, max);
        } else {
            if (blk_is_read_only(s->blk)) {
                return VIRTIO_BLK_S_IOERR;
            }
            r->data_len = e->out_bytes - 16;
            r->iov = g_new(struct iovec, max ? max : 1);
            r->iovcnt = virtio_iov_slice(e->out_sg, e->out_num, 16, r->data_len,
                                         r->iov, max);
        }
        if (r->data_len % VIRTIO_BLK_SECTOR_SIZE ||
            !range_ok(s, r->sector, r->data_len / VIRTIO_BLK_SECTOR_SIZE)) {
            return VIRTIO_BLK_S_IOERR;
        }
        if (r->data_len == 0) {
            return VIRTIO_BLK_S_OK;
        }
        return -1;
    case VIRTIO_BLK_T_FLUSH:
        return -1;
    case VIRTIO_BLK_T_DISCARD:
    case VIRTIO_BLK_T_WRITE_ZEROES: {
        size_t len = e->out_bytes - 16;
        uint8_t raw[16];

        if (len == 0 || len % 16 || len / 16 > BLK_MAX_SEGS) {
            return VIRTIO_BLK_S_UNSUPP;
        }
        r->nseg = len / 16;
        for (unsigned i = 0; i < r->nseg; i++) {
            BlkSeg *g = &r->segs[i];

            virtio_iov_to_buf(e->out_sg, e->out_num, 16 + 16 * i, raw, 16);
            memcpy(&g->sector, raw, 8);
            memcpy(&g->num, raw + 8, 4);
            memcpy(&g->flags, raw + 12, 4);
            g->sector = GUINT64_FROM_LE(g->sector);
            g->num = GUINT32_FROM_LE(g->num);
            g->flags = GUINT32_FROM_LE(g->flags);
            /* Discard has no flags; write-zeroes only "unmap". */
            if (g->flags & ~(r->type == VIRTIO_BLK_T_DISCARD ? 0u : 1u)) {
                return VIRTIO_BLK_S_UNSUPP;
            }
            if (g->num > BLK_MAX_DISCARD || !range_ok(s, g->sector, g->num)) {
                return VIRTIO_BLK_S_IOERR;
            }
        }
        if (blk_is_read_only(s->blk)) {
            return VIRTIO_BLK_S_IOERR;
        }
        return -1;
    }
    default:
        return VIRTIO_BLK_S_UNSUPP;
    }
}

/* Returns true if the request completed at once (caller notifies). */
static bool req_handle(VirtIOBlock *s, VirtIOBlockReq *r)
{
    VirtQueueElement *e = &r->elem;
    uint8_t hdr[16];
    int status;

    r->s = s;
    if (e->out_bytes < 16 || e->in_bytes < 1) {
        virtio_error(&s->parent, "request %u without a 16-byte header or a "
                     "status byte (%zu readable, %zu writable bytes)",
                     e->index, e->out_bytes, e->in_bytes);
        virtqueue_drop(s->vq, e);
        g_free(r);
        return false;
    }
    virtio_iov_to_buf(e->out_sg, e->out_num, 0, hdr, 16);
    memcpy(&r->type, hdr, 4);
    memcpy(&r->sector, hdr + 8, 8);
    r->type = GUINT32_FROM_LE(r->type);
    r->sector = GUINT64_FROM_LE(r->sector);

    if (r->type == VIRTIO_BLK_T_GET_ID) {
        char id[VIRTIO_BLK_ID_BYTES] = { 0 };
        size_t n = MIN((size_t)VIRTIO_BLK_ID_BYTES, e->in_bytes - 1);

        if (s->serial) {
            memcpy(id, s->serial, strnlen(s->serial, sizeof(id)));
        }
        virtio_iov_from_buf(e->in_sg, e->in_num, 0, id, n);
        req_complete(r, VIRTIO_BLK_S_OK, n);
        return true;
    }
    status = req_prepare(s, r);
    if (status >= 0) {
        req_complete(r, status, 0);
        return true;
    }
    s->inflight++;
    thread_pool_submit(req_work, req_done, r);
    return false;
}

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;
    bool completed = false;
    VirtIOBlockReq *r;

    do {
        virtio_queue_set_notification(vq, false);
        while ((r = virtqueue_pop(vq, sizeof(VirtIOBlockReq)))) {
            completed |= req_handle(s, r);
        }
        virtio_queue_set_notification(vq, true);
    } while (!virtqueue_empty(vq));
    if (completed) {
        virtio_notify(vdev, vq);
    }
}

/* ---- virtio hooks ---- */

static uint64_t virtio_blk_get_features(VirtIODevice *vdev)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;
    uint64_t f = (1ULL << VIRTIO_BLK_F_SEG_MAX) | (1ULL << VIRTIO_BLK_F_BLK_SIZE) |
                 (1ULL << VIRTIO_BLK_F_FLUSH) | (1ULL << VIRTIO_BLK_F_DISCARD) |
                 (1ULL << VIRTIO_BLK_F_WRITE_ZEROES);

    if (blk_is_read_only(s->blk)) {
        f |= 1ULL << VIRTIO_BLK_F_RO;
    }
    return f;
}

static void virtio_blk_get_config(VirtIODevice *vdev)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;
    uint8_t *c = vdev->config;
    uint64_t cap = GUINT64_TO_LE((uint64_t)blk_sectors(s));

    memset(c, 0, VIRTIO_BLK_CFG_SIZE);
    memcpy(c + VIRTIO_BLK_CFG_CAPACITY, &cap, 8);
    /* Linux adds 2 descriptors (header, status) to seg_max. */
    stl(c + VIRTIO_BLK_CFG_SEG_MAX, s->queue_size - 2);
    stl(c + VIRTIO_BLK_CFG_BLK_SIZE, VIRTIO_BLK_SECTOR_SIZE);
    c[VIRTIO_BLK_CFG_NUM_QUEUES] = 1;
    stl(c + VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS, BLK_MAX_DISCARD);
    stl(c + VIRTIO_BLK_CFG_MAX_DISCARD_SEG, BLK_MAX_SEGS);
    stl(c + VIRTIO_BLK_CFG_DISCARD_ALIGNMENT, 1);
    stl(c + VIRTIO_BLK_CFG_MAX_WZ_SECTORS, BLK_MAX_DISCARD);
    stl(c + VIRTIO_BLK_CFG_MAX_WZ_SEG, BLK_MAX_SEGS);
    c[VIRTIO_BLK_CFG_WZ_MAY_UNMAP] = blk_supports_discard(s->blk);
}

static void virtio_blk_reset(VirtIODevice *vdev)
{
    VirtIOBlock *s = (VirtIOBlock *)vdev;

    /* Workers write into guest buffers: finish them before the driver
     * may reuse that memory. */
    if (s->inflight) {
        thread_pool_drain();
    }
}

static const VirtioDeviceOps virtio_blk_ops = {
    .get_features = virtio_blk_get_features,
    .get_config = virtio_blk_get_config,
    .reset = virtio_blk_reset,
};

/* ---- device ---- */

static bool virtio_blk_realize(DeviceState *dev, GError **errp)
{
    VirtIOBlock *s = (VirtIOBlock *)dev;
    VirtIODevice *vdev = &s->parent;

    if (!s->blk) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio-blk-device: drive=ID is required (the id of a "
                    "-drive ...,if=none or -blockdev)");
        return false;
    }
    if (s->queue_size < 4 || s->queue_size > VIRTQUEUE_MAX_SIZE ||
        (s->queue_size & (s->queue_size - 1))) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio-blk-device: queue-size=%u must be a power of 2 "
                    "between 4 and %u", s->queue_size, VIRTQUEUE_MAX_SIZE);
        return false;
    }
    if (s->serial && strlen(s->serial) > VIRTIO_BLK_ID_BYTES) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio-blk-device: serial '%s' is longer than %d characters",
                    s->serial, VIRTIO_BLK_ID_BYTES);
        return false;
    }
    virtio_init(vdev, "virtio-blk", VIRTIO_ID_BLOCK, VIRTIO_BLK_CFG_SIZE);
    vdev->ops = &virtio_blk_ops;
    s->vq = virtio_add_queue(vdev, s->queue_size, virtio_blk_handle_output);
    return true;
}

static void virtio_blk_unrealize(DeviceState *dev)
{
    VirtIOBlock *s = (VirtIOBlock *)dev;

    if (s->inflight) {
        thread_pool_drain();
    }
    virtio_cleanup(&s->parent);
}

static const Property virtio_blk_props[] = {
    DEFINE_PROP_LINK("drive", VirtIOBlock, blk, "drive"),
    DEFINE_PROP_STRING("serial", VirtIOBlock, serial),
    DEFINE_PROP_UINT32("queue-size", VirtIOBlock, queue_size, 256),
    DEFINE_PROP_END,
};

const DeviceClass virtio_blk_class = {
    .name = TYPE_VIRTIO_BLK,
    .desc = "virtio block device (virtio-mmio)",
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOBlock),
    .props = virtio_blk_props,
    .user_creatable = true,
    .realize = virtio_blk_realize,
    .unrealize = virtio_blk_unrealize,
};

static void virtio_blk_register(void)
{
    device_class_register(&virtio_blk_class);
}
type_init(virtio_blk_register)
