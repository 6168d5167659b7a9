/*
 * virtio-net (virtio 1.2, 5.1): "virtio-net-device", properties
 * netdev=ID (a -netdev backend) and mac=52:54:00:12:34:56.  Features MAC
 * and STATUS, MRG_RXBUF (property mrg_rxbuf=on|off); no offloads (the
 * guest sends complete frames with their checksums).
 */
#ifndef HW_VIRTIO_VIRTIO_NET_H
#define HW_VIRTIO_VIRTIO_NET_H

#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_NET "virtio-net-device"

#define VIRTIO_NET_F_MAC        5
#define VIRTIO_NET_F_MRG_RXBUF  15
#define VIRTIO_NET_F_STATUS     16

#define VIRTIO_NET_S_LINK_UP    1

/* struct virtio_net_hdr with VERSION_1 (num_buffers included). */
#define VIRTIO_NET_HDR_SIZE     12

/* Config: mac[6], status u16, max_virtqueue_pairs u16. */
#define VIRTIO_NET_CFG_MAC      0
#define VIRTIO_NET_CFG_STATUS   6
#define VIRTIO_NET_CFG_SIZE     10

extern const DeviceClass virtio_net_class;

#endif /* HW_VIRTIO_VIRTIO_NET_H */
