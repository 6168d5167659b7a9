/*
 * virtio-rng (virtio 1.2, 5.4): "virtio-rng-device", entropy from the
 * host's getrandom().  Optional rate limit: at most max-bytes bytes per
 * period milliseconds (max-bytes=0, the default: unlimited).
 */
#ifndef HW_VIRTIO_VIRTIO_RNG_H
#define HW_VIRTIO_VIRTIO_RNG_H

#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_RNG "virtio-rng-device"

extern const DeviceClass virtio_rng_class;

#endif /* HW_VIRTIO_VIRTIO_RNG_H */
