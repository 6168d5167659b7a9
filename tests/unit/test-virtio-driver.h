/*
 * A minimal virtio-mmio driver for the device tests (test-virtio-*.c):
 * the guest side written against the registers and rings, as Linux's
 * virtio_mmio + virtio_ring do it, on the machine's system memory.
 *
 * Layout: guest RAM at 0 (VD_RAM_SIZE), rings of queue q at
 * VD_RING_BASE + q * 0x4000, buffers handed out from VD_BUF_BASE up; the
 * transport at VD_MMIO_BASE.  The main loop must be initialised: waiting
 * for a used entry runs main_loop_wait (ioeventfds, worker completions).
 */
#ifndef TEST_VIRTIO_DRIVER_H
#define TEST_VIRTIO_DRIVER_H

#include <string.h>

#include <glib.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio.h"
#include "qemu/main-loop.h"

#define VD_RAM_SIZE   0x400000
#define VD_RING_BASE  0x10000
#define VD_BUF_BASE   0x100000
#define VD_MMIO_BASE  0xd0000000ULL
#define VD_QNUM       64

typedef struct VDBuf {
    hwaddr addr;
    uint32_t len;
    bool write;          /* device writes it */
} VDBuf;

typedef struct VDQueue {
    hwaddr desc, avail, used;
    unsigned num;
    uint16_t avail_idx;  /* next avail index we publish */
    uint16_t used_seen;  /* used entries consumed */
    unsigned next_desc;
} VDQueue;

typedef struct VDrv {
    MemoryRegion ram;
    DeviceState *transport;
    DeviceState *dev;
    qemu_irq irq;
    int irq_level;
    unsigned irq_raises;
    hwaddr buf_next;
    VDQueue q[VIRTIO_QUEUE_MAX];
} VDrv;

static inline uint32_t vd_rd(VDrv *d, hwaddr off)
{
    return address_space_ldl_le(&address_space_memory, VD_MMIO_BASE + off, NULL);
}

static inline void vd_wr(VDrv *d, hwaddr off, uint32_t v)
{
    address_space_stl_le(&address_space_memory, VD_MMIO_BASE + off, v, NULL);
}

static inline void vd_mem_write(hwaddr a, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(&address_space_memory, a, buf, len), ==, MEMTX_OK);
}

static inline void vd_mem_read(hwaddr a, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(&address_space_memory, a, buf, len), ==, MEMTX_OK);
}

static void vd_irq_handler(void *opaque, int n, int level)
{
    VDrv *d = opaque;

    if (level && !d->irq_level) {
        d->irq_raises++;
    }
    d->irq_level = level;
}

/* RAM, main loop and a transport with nothing plugged. */
static inline void vd_machine_init(VDrv *d, bool ioeventfd)
{
    GError *err = NULL;

    memset(d, 0, sizeof(*d));
    qemu_init_main_loop();
    memory_system_init();
    g_assert_true(memory_region_init_ram(&d->ram, NULL, "vd-ram", VD_RAM_SIZE, &err));
    memory_region_add_subregion(get_system_memory(), 0, &d->ram);
    d->transport = device_new(virtio_mmio_class.name, &err);
    g_assert_no_error(err);
    g_assert_true(device_set_prop(d->transport, "ioeventfd", ioeventfd ? "on" : "off",
                                  &err));
    g_assert_true(device_realize(d->transport, &err));
    g_assert_no_error(err);
    memory_region_add_subregion(get_system_memory(), VD_MMIO_BASE,
                                device_mmio(d->transport, 0));
    d->irq = qemu_allocate_irq(vd_irq_handler, d, 0);
    device_connect_irq(d->transport, 0, d->irq);
    d->buf_next = VD_BUF_BASE;
}

static inline void vd_machine_fini(VDrv *d)
{
    memory_region_del_subregion(get_system_memory(), device_mmio(d->transport, 0));
    device_free(d->transport);
    if (d->dev) {
        device_free(d->dev);
    }
    memory_region_del_subregion(get_system_memory(), &d->ram);
    memory_region_destroy(&d->ram);
    qemu_free_irq(d->irq);
}

/* Create (the class reference links the device in), configure (props: "k=v" strings, NULL-terminated), realize, plug. */
static inline void vd_plug(VDrv *d, const DeviceClass *dc, const char *const *props)
{
    GError *err = NULL;

    d->dev = device_new(dc->name, &err);
    g_assert_no_error(err);
    for (unsigned i = 0; props && props[i]; i++) {
        char **kv = g_strsplit(props[i], "=", 2);

        g_assert_true(device_set_prop(d->dev, kv[0], kv[1], &err));
        g_assert_no_error(err);
        g_strfreev(kv);
    }
    g_assert_true(device_realize(d->dev, &err));
    g_assert_no_error(err);
    g_assert_true(virtio_mmio_plug(d->transport, d->dev, &err));
    g_assert_no_error(err);
}

static inline hwaddr vd_alloc(VDrv *d, size_t len)
{
    hwaddr a = d->buf_next;

    d->buf_next += (len + 63) & ~(size_t)63;
    g_assert_cmpuint(d->buf_next, <=, VD_RAM_SIZE);
    return a;
}

static inline uint64_t vd_host_features(VDrv *d)
{
    uint64_t f;

    vd_wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    f = (uint64_t)vd_rd(d, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
    vd_wr(d, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
    return f | vd_rd(d, VIRTIO_MMIO_DEVICE_FEATURES);
}

/* Reset, ACKNOWLEDGE, DRIVER, features; returns whether FEATURES_OK stuck. */
static inline bool vd_negotiate(VDrv *d, uint64_t features)
{
    vd_wr(d, VIRTIO_MMIO_STATUS, 0);
    vd_wr(d, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
    vd_wr(d, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)features);
    vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    vd_wr(d, VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(features >> 32));
    vd_wr(d, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
                                 VIRTIO_CONFIG_S_FEATURES_OK);
    return vd_rd(d, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK;
}

static inline void vd_queue_setup(VDrv *d, unsigned n, unsigned num)
{
    VDQueue *q = &d->q[n];
    hwaddr base = VD_RING_BASE + n * 0x4000;
    uint8_t zero[0x4000] = { 0 };

    g_assert_cmpuint(num, <=, VD_QNUM);
    vd_mem_write(base, zero, sizeof(zero));
    q->num = num;
    q->desc = base;
    q->avail = base + 16 * num;
    q->used = base + 0x2000;
    q->avail_idx = q->used_seen = 0;
    q->next_desc = 0;
    vd_wr(d, VIRTIO_MMIO_QUEUE_SEL, n);
    g_assert_cmpuint(vd_rd(d, VIRTIO_MMIO_QUEUE_READY), ==, 0);
    g_assert_cmpuint(vd_rd(d, VIRTIO_MMIO_QUEUE_NUM_MAX), >=, num);
    vd_wr(d, VIRTIO_MMIO_QUEUE_NUM, num);
    vd_wr(d, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)q->desc);
    vd_wr(d, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(q->desc >> 32));
    vd_wr(d, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)q->avail);
    vd_wr(d, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, 0);
    vd_wr(d, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)q->used);
    vd_wr(d, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, 0);
    vd_wr(d, VIRTIO_MMIO_QUEUE_READY, 1);
    g_assert_cmpuint(vd_rd(d, VIRTIO_MMIO_QUEUE_READY), ==, 1);
}

static inline void vd_driver_ok(VDrv *d)
{
    vd_wr(d, VIRTIO_MMIO_STATUS, vd_rd(d, VIRTIO_MMIO_STATUS) | VIRTIO_CONFIG_S_DRIVER_OK);
}

/* Write a chain of direct descriptors and publish it (no kick); returns the head. */
static inline unsigned vd_add(VDrv *d, unsigned n, const VDBuf *bufs, unsigned cnt)
{
    VDQueue *q = &d->q[n];
    unsigned head = q->next_desc % q->num;

    for (unsigned i = 0; i < cnt; i++) {
        unsigned di = (q->next_desc + i) % q->num;
        uint8_t b[16];
        uint64_t addr = GUINT64_TO_LE(bufs[i].addr);
        uint32_t len = GUINT32_TO_LE(bufs[i].len);
        uint16_t flags = (bufs[i].write ? VRING_DESC_F_WRITE : 0) |
                         (i + 1 < cnt ? VRING_DESC_F_NEXT : 0);
        uint16_t next = (di + 1) % q->num;

        memcpy(b, &addr, 8);
        memcpy(b + 8, &len, 4);
        flags = GUINT16_TO_LE(flags);
        next = GUINT16_TO_LE(next);
        memcpy(b + 12, &flags, 2);
        memcpy(b + 14, &next, 2);
        vd_mem_write(q->desc + 16 * di, b, 16);
    }
    q->next_desc += cnt;
    address_space_stw_le(&address_space_memory, q->avail + 4 + 2 * (q->avail_idx % q->num),
                         head, NULL);
    q->avail_idx++;
    address_space_stw_le(&address_space_memory, q->avail + 2, q->avail_idx, NULL);
    return head;
}

static inline void vd_kick(VDrv *d, unsigned n)
{
    vd_wr(d, VIRTIO_MMIO_QUEUE_NOTIFY, n);
}

static inline uint16_t vd_used_idx(VDrv *d, unsigned n)
{
    return address_space_lduw_le(&address_space_memory, d->q[n].used + 2, NULL);
}

/*
 * Wait (running the main loop) for the next used entry of queue n; false
 * after timeout_ms.  Acknowledges the interrupt like a driver would.
 */
static inline bool vd_wait_used(VDrv *d, unsigned n, uint32_t *id, uint32_t *len,
                                int timeout_ms)
{
    VDQueue *q = &d->q[n];
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    hwaddr e;

    while (vd_used_idx(d, n) == q->used_seen) {
        if (g_get_monotonic_time() > deadline) {
            return false;
        }
        main_loop_wait(10);
    }
    e = q->used + 4 + 8 * (q->used_seen % q->num);
    if (id) {
        *id = address_space_ldl_le(&address_space_memory, e, NULL);
    }
    if (len) {
        *len = address_space_ldl_le(&address_space_memory, e + 4, NULL);
    }
    q->used_seen++;
    vd_wr(d, VIRTIO_MMIO_INTERRUPT_ACK, vd_rd(d, VIRTIO_MMIO_INTERRUPT_STATUS));
    return true;
}

/* Run the main loop for a while (to see that nothing arrives). */
static inline void vd_idle(int ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)ms * 1000;

    while (g_get_monotonic_time() < deadline) {
        main_loop_wait(5);
    }
}

#endif /* TEST_VIRTIO_DRIVER_H */
