/*
 * virtio-blk (virtio 1.2, 5.2): "virtio-blk-device", property drive=ID
 * (a block backend, include/block/block.h), serial=STRING for GET_ID.
 * Requests are served off the vCPU thread: see docs/virtio.md.
 */
#ifndef HW_VIRTIO_VIRTIO_BLK_H
#define HW_VIRTIO_VIRTIO_BLK_H

#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_BLK "virtio-blk-device"

/* Feature bits. */
#define VIRTIO_BLK_F_SIZE_MAX      1
#define VIRTIO_BLK_F_SEG_MAX       2
#define VIRTIO_BLK_F_GEOMETRY      4
#define VIRTIO_BLK_F_RO            5
#define VIRTIO_BLK_F_BLK_SIZE      6
#define VIRTIO_BLK_F_FLUSH         9
#define VIRTIO_BLK_F_TOPOLOGY      10
#define VIRTIO_BLK_F_CONFIG_WCE    11
#define VIRTIO_BLK_F_MQ            12
#define VIRTIO_BLK_F_DISCARD       13
#define VIRTIO_BLK_F_WRITE_ZEROES  14

/* Request types. */
#define VIRTIO_BLK_T_IN            0
#define VIRTIO_BLK_T_OUT           1
#define VIRTIO_BLK_T_FLUSH         4
#define VIRTIO_BLK_T_GET_ID        8
#define VIRTIO_BLK_T_DISCARD       11
#define VIRTIO_BLK_T_WRITE_ZEROES  13

/* Status byte. */
#define VIRTIO_BLK_S_OK            0
#define VIRTIO_BLK_S_IOERR         1
#define VIRTIO_BLK_S_UNSUPP        2

#define VIRTIO_BLK_ID_BYTES        20
#define VIRTIO_BLK_SECTOR_SIZE     512

/* Config space offsets (struct virtio_blk_config). */
#define VIRTIO_BLK_CFG_CAPACITY               0
#define VIRTIO_BLK_CFG_SIZE_MAX               8
#define VIRTIO_BLK_CFG_SEG_MAX                12
#define VIRTIO_BLK_CFG_BLK_SIZE               20
#define VIRTIO_BLK_CFG_NUM_QUEUES             34
#define VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS    36
#define VIRTIO_BLK_CFG_MAX_DISCARD_SEG        40
#define VIRTIO_BLK_CFG_DISCARD_ALIGNMENT      44
#define VIRTIO_BLK_CFG_MAX_WZ_SECTORS         48
#define VIRTIO_BLK_CFG_MAX_WZ_SEG             52
#define VIRTIO_BLK_CFG_WZ_MAY_UNMAP           56
#define VIRTIO_BLK_CFG_SIZE                   60

extern const DeviceClass virtio_blk_class;

#endif /* HW_VIRTIO_VIRTIO_BLK_H */
