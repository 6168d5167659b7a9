/*
 * virtio-net: an Ethernet NIC on a net client (include/net/net.h).
 *
 * Transmit: each buffer on transmitq is a 12-byte virtio_net_hdr followed
 * by a complete frame (no offloads are offered); the frame goes to the
 * peer.  Receive: a frame from the peer goes, behind a header saying "no
 * offload", into the next buffer on receiveq (with MRG_RXBUF, into as many
 * buffers as it takes, their number in the header).  With no buffer
 * posted the frame waits in the net layer's queue; when the driver posts
 * buffers (a notify on receiveq) the queue is flushed.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "hw/virtio/virtio-net.h"
#include "net/net.h"
#include "qemu/main-loop.h"

#define NET_QUEUE_SIZE   256
#define NET_MAX_FRAME    65536
/* Frames per transmit run before we let the main loop breathe. */
#define NET_TX_BURST     256

typedef struct VirtIONet {
    VirtIODevice parent;
    NetClientState *netdev;    /* property netdev: the backend */
    char *mac_str;             /* property mac */
    uint8_t mac[6];
    NetClientState *nic;       /* our side */
    VirtQueue *rx, *tx;
    bool mrg_rxbuf;            /* property mrg_rxbuf */
    uint8_t *tx_buf;
    QEMUBH *tx_bh;             /* continues a transmit burst */
} VirtIONet;

static const NetClientInfo virtio_net_info;

/* ---- receive ---- */

static bool net_can_receive(NetClientState *nc)
{
    VirtIONet *s = nc->opaque;

    if (!virtio_device_running(&s->parent) || !s->rx->ready) {
        return true;           /* not ready: receive drops (a cable unplugged) */
    }
    if (virtqueue_empty(s->rx)) {
        /* Ask the driver to tell us when it posts buffers. */
        virtio_queue_set_notification(s->rx, true);
        return !virtqueue_empty(s->rx);
    }
    return true;
}

/* Most receive buffers one frame may take with MRG_RXBUF. */
#define NET_MAX_RX_BUFFERS 64

/*
 * Put one frame (behind its header) into receive buffers: one, or with
 * MRG_RXBUF as many as it takes.  Returns len, 0 if the posted buffers are
 * too few (the frame waits in the net queue), -1 if dropped.
 */
static ssize_t net_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
    VirtIONet *s = nc->opaque;
    VirtIODevice *vdev = &s->parent;
    bool mrg = virtio_has_feature(vdev, VIRTIO_NET_F_MRG_RXBUF);
    VirtQueueElement *elems[NET_MAX_RX_BUFFERS];
    uint32_t lens[NET_MAX_RX_BUFFERS];
    uint8_t hdr[VIRTIO_NET_HDR_SIZE] = { 0 };
    unsigned n = 0;
    size_t off = 0;          /* frame bytes placed */

    if (!virtio_device_running(vdev) || !s->rx->ready) {
        return -1;
    }
    for (;;) {
        VirtQueueElement *e = virtqueue_pop(s->rx, sizeof(VirtQueueElement));
        size_t hdr_len = n == 0 ? VIRTIO_NET_HDR_SIZE : 0;
        size_t chunk;

        if (!e) {
            unsigned had = n;

            /* Too few buffers: give them back, wait for more. */
            while (n > 0) {
                virtqueue_unpop(s->rx, elems[--n]);
                g_free(elems[n]);
            }
            if (vdev->broken) {
                return -1;
            }
            virtio_queue_set_notification(s->rx, true);
            if (virtqueue_pending(s->rx) <= had) {
                return 0;
            }
            off = 0;
            continue;    /* the driver added buffers meanwhile */
        }
        if (e->in_bytes < hdr_len) {
            virtio_error(vdev, "receive buffer %u of %zu bytes cannot hold the "
                         "%d-byte header", e->index, e->in_bytes, VIRTIO_NET_HDR_SIZE);
            virtqueue_drop(s->rx, e);
            g_free(e);
            while (n > 0) {
                virtqueue_drop(s->rx, elems[--n]);
                g_free(elems[n]);
            }
            return -1;
        }
        chunk = MIN(e->in_bytes - hdr_len, len - off);
        virtio_iov_from_buf(e->in_sg, e->in_num, hdr_len, buf + off, chunk);
        off += chunk;
        elems[n] = e;
        lens[n] = hdr_len + chunk;
        n++;
        /* Without MRG_RXBUF a frame larger than the buffer is cut (Linux's
         * buffers fit MTU 1500). */
        if (off == len || !mrg || n == NET_MAX_RX_BUFFERS) {
            break;
        }
    }
    /* flags 0, gso_type NONE, num_buffers. */
    hdr[10] = n & 0xff;
    hdr[11] = n >> 8;
    virtio_iov_from_buf(elems[0]->in_sg, elems[0]->in_num, 0, hdr, sizeof(hdr));
    for (unsigned i = 0; i < n; i++) {
        virtqueue_fill(s->rx, elems[i], lens[i], i);
        g_free(elems[i]);
    }
    virtqueue_flush(s->rx, n);
    virtio_notify(vdev, s->rx);
    return len;
}

static void net_handle_rx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *s = (VirtIONet *)vdev;

    /* New buffers: no more notifies needed until they run out again. */
    virtio_queue_set_notification(vq, false);
    qemu_flush_queued_packets(s->nic);
}

/* ---- transmit ---- */

static void net_handle_tx(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIONet *s = (VirtIONet *)vdev;
    unsigned count = 0;
    VirtQueueElement *e;

    do {
        virtio_queue_set_notification(vq, false);
        while (count < NET_TX_BURST &&
               (e = virtqueue_pop(vq, sizeof(VirtQueueElement)))) {
            size_t len;

            if (e->out_bytes < VIRTIO_NET_HDR_SIZE) {
                virtio_error(vdev, "transmit buffer %u of %zu bytes has no header",
                             e->index, e->out_bytes);
                virtqueue_drop(vq, e);
                g_free(e);
                return;
            }
            len = MIN(e->out_bytes - VIRTIO_NET_HDR_SIZE, (size_t)NET_MAX_FRAME);
            virtio_iov_to_buf(e->out_sg, e->out_num, VIRTIO_NET_HDR_SIZE, s->tx_buf, len);
            if (len >= 14) {
                qemu_send_packet(s->nic, s->tx_buf, len);
            }
            virtqueue_push(vq, e, 0);
            g_free(e);
            count++;
        }
        virtio_queue_set_notification(vq, true);
    } while (count < NET_TX_BURST && !virtqueue_empty(vq));
    if (count) {
        virtio_notify(vdev, vq);
    }
    if (count >= NET_TX_BURST && !virtqueue_empty(vq)) {
        /* More waiting: continue from the main loop. */
        qemu_bh_schedule(s->tx_bh);
    }
}

static void net_tx_bh(void *opaque)
{
    VirtIONet *s = opaque;

    if (virtio_device_running(&s->parent)) {
        net_handle_tx(&s->parent, s->tx);
    }
}

/* ---- virtio hooks ---- */

static uint64_t net_get_features(VirtIODevice *vdev)
{
    VirtIONet *s = (VirtIONet *)vdev;

    return (1ULL << VIRTIO_NET_F_MAC) | (1ULL << VIRTIO_NET_F_STATUS) |
           (s->mrg_rxbuf ? 1ULL << VIRTIO_NET_F_MRG_RXBUF : 0);
}

static void net_get_config(VirtIODevice *vdev)
{
    VirtIONet *s = (VirtIONet *)vdev;
    uint8_t *c = vdev->config;

    memcpy(c + VIRTIO_NET_CFG_MAC, s->mac, 6);
    c[VIRTIO_NET_CFG_STATUS] = VIRTIO_NET_S_LINK_UP;
    c[VIRTIO_NET_CFG_STATUS + 1] = 0;
    c[8] = 1;       /* max_virtqueue_pairs */
    c[9] = 0;
}

static void net_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIONet *s = (VirtIONet *)vdev;

    if (virtio_device_running(vdev)) {
        qemu_flush_queued_packets(s->nic);
    }
}

static const VirtioDeviceOps net_ops = {
    .get_features = net_get_features,
    .get_config = net_get_config,
    .set_status = net_set_status,
};

static const NetClientInfo virtio_net_info = {
    .type = "nic",
    .receive = net_receive,
    .can_receive = net_can_receive,
};

/* ---- device ---- */

static bool parse_mac(const char *str, uint8_t mac[6])
{
    unsigned v[6];
    char extra;

    if (sscanf(str, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
               &extra) != 6) {
        return false;
    }
    for (unsigned i = 0; i < 6; i++) {
        if (v[i] > 0xff) {
            return false;
        }
        mac[i] = v[i];
    }
    return !(mac[0] & 1);     /* not a multicast address */
}

static bool net_realize(DeviceState *dev, GError **errp)
{
    VirtIONet *s = (VirtIONet *)dev;
    char *name;

    if (!parse_mac(s->mac_str ? s->mac_str : "52:54:00:12:34:56", s->mac)) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio-net-device: mac=%s is not a unicast MAC address like "
                    "52:54:00:12:34:56", s->mac_str);
        return false;
    }
    if (s->netdev && s->netdev->peer) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "virtio-net-device: netdev %s is already connected to %s",
                    s->netdev->name, s->netdev->peer->name);
        return false;
    }
    virtio_init(&s->parent, "virtio-net", VIRTIO_ID_NET, VIRTIO_NET_CFG_SIZE);
    s->parent.ops = &net_ops;
    s->rx = virtio_add_queue(&s->parent, NET_QUEUE_SIZE, net_handle_rx);
    s->tx = virtio_add_queue(&s->parent, NET_QUEUE_SIZE, net_handle_tx);
    s->tx_buf = g_malloc(NET_MAX_FRAME);
    s->tx_bh = qemu_bh_new(net_tx_bh, s);
    name = g_strdup_printf("%s.%s", TYPE_VIRTIO_NET, dev->id ? dev->id : "0");
    s->nic = qemu_new_net_client(&virtio_net_info, s->netdev, name, s);
    g_free(name);
    net_get_config(&s->parent);
    return true;
}

static void net_unrealize(DeviceState *dev)
{
    VirtIONet *s = (VirtIONet *)dev;

    qemu_del_net_client(s->nic);
    s->nic = NULL;
    g_free(s->tx_buf);
    qemu_bh_delete(s->tx_bh);
    virtio_cleanup(&s->parent);
}

static const Property net_props[] = {
    DEFINE_PROP_LINK("netdev", VirtIONet, netdev, "netdev"),
    DEFINE_PROP_STRING("mac", VirtIONet, mac_str),
    DEFINE_PROP_BOOL("mrg_rxbuf", VirtIONet, mrg_rxbuf, true),
    DEFINE_PROP_END,
};

const DeviceClass virtio_net_class = {
    .name = TYPE_VIRTIO_NET,
    .desc = "virtio network card",
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIONet),
    .props = net_props,
    .user_creatable = true,
    .realize = net_realize,
    .unrealize = net_unrealize,
};

static void virtio_net_register(void)
{
    device_class_register(&virtio_net_class);
}
type_init(virtio_net_register)
