/*
 * virtio-mmio transport, version 2 (virtio 1.2, 4.2): a 0x200-byte MMIO
 * window and one level-triggered IRQ line in front of one virtio device.
 *
 * The machine:
 *     DeviceState *t = device_new("virtio-mmio", errp);   device_realize(t, errp);
 *     memory_region_add_subregion(get_system_memory(), base, device_mmio(t, 0));
 *     device_connect_irq(t, 0, irq);
 *     ... later, for -device virtio-blk-device,drive=d0 (realized):
 *     virtio_mmio_plug(t, vdev, errp);      or  virtio_mmio_plug_free(vdev, errp);
 *     cmdline += virtio_mmio_cmdline_arg(t, base, irq_number);
 * A transport without a device reads DeviceID 0 (Linux skips it).
 *
 * Property "ioeventfd" (default on): queue notifications go through an
 * eventfd per queue (memory_region_add_eventfd, so KVM signals it without
 * leaving the kernel) handled on the main loop; off: handled on the
 * notifying vCPU thread.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/qdev.h"
#include "hw/virtio/virtio.h"

#define TYPE_VIRTIO_MMIO  "virtio-mmio"
#define VIRTIO_MMIO_SIZE  0x200
#define VIRTIO_MMIO_MAGIC 0x74726976     /* "virt" */
#define VIRTIO_MMIO_VENDOR 0x6e726574    /* "tern" */

/* Register offsets (4.2.2). */
#define VIRTIO_MMIO_MAGIC_VALUE          0x000
#define VIRTIO_MMIO_VERSION              0x004
#define VIRTIO_MMIO_DEVICE_ID            0x008
#define VIRTIO_MMIO_VENDOR_ID            0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES      0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL  0x014
#define VIRTIO_MMIO_DRIVER_FEATURES      0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL  0x024
#define VIRTIO_MMIO_QUEUE_SEL            0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX        0x034
#define VIRTIO_MMIO_QUEUE_NUM            0x038
#define VIRTIO_MMIO_QUEUE_READY          0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY         0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS     0x060
#define VIRTIO_MMIO_INTERRUPT_ACK        0x064
#define VIRTIO_MMIO_STATUS               0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW       0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH      0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW     0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH    0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW     0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH    0x0a4
#define VIRTIO_MMIO_SHM_SEL              0x0ac
#define VIRTIO_MMIO_SHM_LEN_LOW          0x0b0
#define VIRTIO_MMIO_SHM_LEN_HIGH         0x0b4
#define VIRTIO_MMIO_SHM_BASE_LOW         0x0b8
#define VIRTIO_MMIO_SHM_BASE_HIGH        0x0bc
#define VIRTIO_MMIO_QUEUE_RESET          0x0c0
#define VIRTIO_MMIO_CONFIG_GENERATION    0x0fc
#define VIRTIO_MMIO_CONFIG               0x100

extern const DeviceClass virtio_mmio_class;

/* Put a realized virtio device behind a transport that has none. */
bool virtio_mmio_plug(DeviceState *transport, DeviceState *vdev, GError **errp);
/* Plug into the first realized transport (creation order) without a device. */
bool virtio_mmio_plug_free(DeviceState *vdev, GError **errp);
/* The device behind the transport, or NULL. */
VirtIODevice *virtio_mmio_get_vdev(DeviceState *transport);
/* "virtio_mmio.device=512@0xd0000000:5" for the Linux command line (g_free it). */
char *virtio_mmio_cmdline_arg(DeviceState *transport, hwaddr base, int irq);

#endif /* HW_VIRTIO_VIRTIO_MMIO_H */
