/*
 * virtio-console (virtio 1.2, 5.3): "virtio-console-device" (alias
 * "virtconsole-device"), one port without MULTIPORT: receiveq 0 carries
 * bytes from the chardev to the guest (/dev/hvc0), transmitq 1 the guest's
 * output to the chardev.  Property chardev=ID.  Also offers EMERG_WRITE.
 */
#ifndef HW_VIRTIO_VIRTIO_CONSOLE_H
#define HW_VIRTIO_VIRTIO_CONSOLE_H

#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_CONSOLE "virtio-console-device"

#define VIRTIO_CONSOLE_F_SIZE         0
#define VIRTIO_CONSOLE_F_MULTIPORT    1
#define VIRTIO_CONSOLE_F_EMERG_WRITE  2

/* Config space: cols u16, rows u16, max_nr_ports u32, emerg_wr u32. */
#define VIRTIO_CONSOLE_CFG_EMERG_WR   8
#define VIRTIO_CONSOLE_CFG_SIZE       12

extern const DeviceClass virtio_console_class;
extern const DeviceClass virtio_console_alias_class;

#endif /* HW_VIRTIO_VIRTIO_CONSOLE_H */
