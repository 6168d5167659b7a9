/*
 * The split virtqueue (hw/virtio/virtio.c) against rings the test builds
 * in guest RAM: well-formed chains (direct, indirect, mixed, split across
 * RAM regions, zero-length pieces), notification suppression with and
 * without EVENT_IDX, and hostile rings.  Every hostile ring must put the
 * device into its error state (NEEDS_RESET, one log line, a config
 * interrupt) without touching anything but RAM: the MMIO and ROM regions
 * next to the RAM count every access and must see none.
 *
 * Guest physical map of the test address space:
 *   0x000000-0x07ffff  RAM "ram0"
 *   0x080000-0x0fffff  RAM "ram1" (adjacent: buffers can straddle)
 *   0x100000-0x100fff  MMIO "probe" (counts accesses)
 *   0x180000-0x180fff  ROM
 *   everything else    unmapped
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "exec/memory.h"
#include "hw/virtio/virtio.h"

#define QSIZE     16
#define DESC      0x1000
#define AVAIL     0x2000
#define USED      0x3000
#define BUF       0x10000
#define MMIO_BASE 0x100000
#define ROM_BASE  0x180000

typedef struct Fixture {
    MemoryRegion root, ram0, ram1, probe, rom;
    AddressSpace as;
    VirtIODevice *vdev;
    VirtQueue *vq;
    unsigned probe_accesses;
    unsigned irq_updates;
    uint16_t avail_idx;         /* the driver's next avail index */
} Fixture;

static uint64_t probe_read(void *opaque, hwaddr addr, unsigned size)
{
    ((Fixture *)opaque)->probe_accesses++;
    return 0;
}

static void probe_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
    ((Fixture *)opaque)->probe_accesses++;
}

static const MemoryRegionOps probe_ops = {
    .read = probe_read,
    .write = probe_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
};

static void fx_update_irq(void *opaque)
{
    ((Fixture *)opaque)->irq_updates++;
}

static const VirtioTransportOps fx_transport = { .update_irq = fx_update_irq };

/* ---- driver-side helpers ---- */

static void wr(Fixture *f, hwaddr a, const void *buf, size_t len)
{
    g_assert_cmpint(address_space_write(&f->as, a, buf, len), ==, MEMTX_OK);
}

static void rd(Fixture *f, hwaddr a, void *buf, size_t len)
{
    g_assert_cmpint(address_space_read(&f->as, a, buf, len), ==, MEMTX_OK);
}

static void wr16(Fixture *f, hwaddr a, uint16_t v)
{
    address_space_stw_le(&f->as, a, v, NULL);
}

static uint16_t rd16(Fixture *f, hwaddr a)
{
    return address_space_lduw_le(&f->as, a, NULL);
}

static uint32_t rd32(Fixture *f, hwaddr a)
{
    return address_space_ldl_le(&f->as, a, NULL);
}

static void set_desc_in(Fixture *f, hwaddr table, unsigned i, uint64_t addr,
                        uint32_t len, uint16_t flags, uint16_t next)
{
    uint8_t b[16];

    addr = GUINT64_TO_LE(addr);
    len = GUINT32_TO_LE(len);
    flags = GUINT16_TO_LE(flags);
    next = GUINT16_TO_LE(next);
    memcpy(b, &addr, 8);
    memcpy(b + 8, &len, 4);
    memcpy(b + 12, &flags, 2);
    memcpy(b + 14, &next, 2);
    wr(f, table + 16 * i, b, 16);
}

static void set_desc(Fixture *f, unsigned i, uint64_t addr, uint32_t len,
                     uint16_t flags, uint16_t next)
{
    set_desc_in(f, DESC, i, addr, len, flags, next);
}

/* Make head available (driver side of 2.7.13). */
static void publish(Fixture *f, uint16_t head)
{
    wr16(f, AVAIL + 4 + 2 * (f->avail_idx % QSIZE), head);
    f->avail_idx++;
    wr16(f, AVAIL + 2, f->avail_idx);
}

/*
 * stderr goes to a file while the tests run, so that "logged once" can be
 * checked on the output itself (and expected errors stay out of the log).
 */
static int capture_fd = -1;

static void capture_reset(void)
{
    fflush(stderr);
    g_assert_cmpint(ftruncate(capture_fd, 0), ==, 0);
    g_assert_cmpint(lseek(capture_fd, 0, SEEK_SET), ==, 0);
}

static char *capture_text(void)
{
    off_t len;
    char *buf;

    fflush(stderr);
    len = lseek(capture_fd, 0, SEEK_END);
    buf = g_malloc0(len + 1);
    g_assert_cmpint(pread(capture_fd, buf, len, 0), ==, len);
    return buf;
}

static unsigned count_substr(const char *hay, const char *needle)
{
    unsigned n = 0;

    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) {
        n++;
    }
    return n;
}

static void fixture_setup(Fixture *f, uint64_t features)
{
    GError *err = NULL;

    memset(f, 0, sizeof(*f));
    capture_reset();
    memory_region_init(&f->root, NULL, "test-root", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&f->ram0, NULL, "ram0", 0x80000, &err));
    g_assert_true(memory_region_init_ram(&f->ram1, NULL, "ram1", 0x80000, &err));
    g_assert_true(memory_region_init_rom(&f->rom, NULL, "rom", 0x1000, &err));
    memory_region_init_io(&f->probe, NULL, &probe_ops, f, "probe", 0x1000);
    memory_region_add_subregion(&f->root, 0, &f->ram0);
    memory_region_add_subregion(&f->root, 0x80000, &f->ram1);
    memory_region_add_subregion(&f->root, MMIO_BASE, &f->probe);
    memory_region_add_subregion(&f->root, ROM_BASE, &f->rom);
    address_space_init(&f->as, &f->root, "virtqueue-test");

    f->vdev = g_new0(VirtIODevice, 1);
    f->vdev->dma_as = &f->as;
    virtio_init(f->vdev, "virtio-test", 99, 8);
    f->vq = virtio_add_queue(f->vdev, QSIZE, NULL);
    virtio_plug(f->vdev, NULL, &fx_transport, f);
    f->vdev->guest_features = (1ULL << VIRTIO_F_VERSION_1) | features;
    f->vdev->status = VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
                      VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK;
    f->vq->num = QSIZE;
    f->vq->desc = DESC;
    f->vq->avail = AVAIL;
    f->vq->used = USED;
    virtio_queue_set_ready(f->vdev, 0, true);
    g_assert_true(f->vq->ready);
}

static void fixture_teardown(Fixture *f)
{
    virtio_cleanup(f->vdev);
    g_free(f->vdev);
    address_space_destroy(&f->as);
    memory_region_del_subregion(&f->root, &f->ram0);
    memory_region_del_subregion(&f->root, &f->ram1);
    memory_region_del_subregion(&f->root, &f->probe);
    memory_region_del_subregion(&f->root, &f->rom);
    memory_region_destroy(&f->ram0);
    memory_region_destroy(&f->ram1);
    memory_region_destroy(&f->probe);
    memory_region_destroy(&f->rom);
    memory_region_destroy(&f->root);
}

#define ALL_FEATURES ((1ULL << VIRTIO_RING_F_INDIRECT_DESC) | \
                      (1ULL << VIRTIO_RING_F_EVENT_IDX))

/* ---- well-formed chains ---- */

static void test_direct_chain(void)
{
    Fixture f;
    VirtQueueElement *e;
    uint8_t hdr[16], data[100], reply[64], back[64], got[116];

    fixture_setup(&f, 0);
    for (unsigned i = 0; i < sizeof(hdr); i++) {
        hdr[i] = i;
    }
    for (unsigned i = 0; i < sizeof(data); i++) {
        data[i] = 0x80 + i;
    }
    wr(&f, BUF, hdr, sizeof(hdr));
    wr(&f, BUF + 0x1000, data, sizeof(data));
    set_desc(&f, 3, BUF, 16, VRING_DESC_F_NEXT, 7);
    set_desc(&f, 7, BUF + 0x1000, 100, VRING_DESC_F_NEXT, 1);
    set_desc(&f, 1, BUF + 0x2000, 64, VRING_DESC_F_WRITE, 0);
    publish(&f, 3);

    e = virtqueue_pop(f.vq, sizeof(VirtQueueElement));
    g_assert_nonnull(e);
    g_assert_cmpuint(e->index, ==, 3);
    g_assert_cmpuint(e->out_num, ==, 2);
    g_assert_cmpuint(e->in_num, ==, 1);
    g_assert_cmpuint(e->out_bytes, ==, 116);
    g_assert_cmpuint(e->in_bytes, ==, 64);
    g_assert_cmphex(e->out_addr[1], ==, BUF + 0x1000);
    g_assert_cmphex(e->in_addr[0], ==, BUF + 0x2000);
    g_assert_cmpuint(virtio_iov_to_buf(e->out_sg, e->out_num, 0, got, sizeof(got)),
                     ==, 116);
    g_assert_cmpmem(got, 16, hdr, 16);
    g_assert_cmpmem(got + 16, 100, data, 100);
    for (unsigned i = 0; i < sizeof(reply); i++) {
        reply[i] = 0xa0 ^ i;
    }
    g_assert_cmpuint(virtio_iov_from_buf(e->in_sg, e->in_num, 0, reply, 64), ==, 64);
    g_assert_cmpuint(f.vq->inuse, ==, 1);
    virtqueue_push(f.vq, e, 64);
    g_free(e);
    g_assert_cmpuint(f.vq->inuse, ==, 0);

    g_assert_cmpuint(rd16(&f, USED + 2), ==, 1);
    g_assert_cmpuint(rd32(&f, USED + 4), ==, 3);
    g_assert_cmpuint(rd32(&f, USED + 8), ==, 64);
    rd(&f, BUF + 0x2000, back, sizeof(back));
    g_assert_cmpmem(back, 64, reply, 64);

    g_assert_null(virtqueue_pop(f.vq, sizeof(VirtQueueElement)));
    g_assert_false(f.vdev->broken);
    g_assert_cmpuint(f.probe_accesses, ==, 0);
    fixture_teardown(&f);
}

/* Many requests: the avail and used indices wrap the ring (and 16 bits). */
static void test_ring_wrap(void)
{
    Fixture f;

    fixture_setup(&f, 0);
    f.avail_idx = 0xfff0;
    f.vq->last_avail_idx = 0xfff0;
    f.vq->used_idx = 0xfff0;
    wr16(&f, AVAIL + 2, 0xfff0);
    for (unsigned round = 0; round < 40; round++) {
        VirtQueueElement *e;
        unsigned head = round % QSIZE;

        set_desc(&f, head, BUF + head * 8, 8, VRING_DESC_F_WRITE, 0);
        publish(&f, head);
        e = virtqueue_pop(f.vq, sizeof(*e));
        g_assert_nonnull(e);
        g_assert_cmpuint(e->index, ==, head);
        virtqueue_push(f.vq, e, round);
        g_free(e);
        g_assert_cmpuint(rd16(&f, USED + 2), ==, (uint16_t)(0xfff1 + round));
        g_assert_cmpuint(rd32(&f, USED + 4 + 8 * ((0xfff0 + round) % QSIZE) + 4),
                         ==, round);
    }
    g_assert_false(f.vdev->broken);
    fixture_teardown(&f);
}

static void test_indirect(void)
{
    Fixture f;
    VirtQueueElement *e;
    const hwaddr table = 0x4000;

    fixture_setup(&f, ALL_FEATURES);
    /* Direct header, then an indirect table with out, in, in (entries 0->2->1). */
    set_desc(&f, 0, BUF, 16, VRING_DESC_F_NEXT, 5);
    set_desc(&f, 5, table, 3 * 16, VRING_DESC_F_INDIRECT, 0);
    set_desc_in(&f, table, 0, BUF + 0x100, 32, VRING_DESC_F_NEXT, 2);
    set_desc_in(&f, table, 2, BUF + 0x200, 48, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
    set_desc_in(&f, table, 1, BUF + 0x300, 1, VRING_DESC_F_WRITE, 0);
    publish(&f, 0);
    e = virtqueue_pop(f.vq, sizeof(*e));
    g_assert_nonnull(e);
    g_assert_cmpuint(e->out_num, ==, 2);
    g_assert_cmpuint(e->in_num, ==, 2);
    g_assert_cmphex(e->out_addr[0], ==, BUF);
    g_assert_cmphex(e->out_addr[1], ==, BUF + 0x100);
    g_assert_cmphex(e->in_addr[0], ==, BUF + 0x200);
    g_assert_cmphex(e->in_addr[1], ==, BUF + 0x300);
    g_assert_cmpuint(e->in_bytes, ==, 49);
    virtqueue_push(f.vq, e, 49);
    g_free(e);

    /* An indirect table alone (Linux's usual form). */
    set_desc(&f, 2, table, 2 * 16, VRING_DESC_F_INDIRECT, 0);
    set_desc_in(&f, table, 0, BUF, 16, VRING_DESC_F_NEXT, 1);
    set_desc_in(&f, table, 1, BUF + 0x100, 512, VRING_DESC_F_WRITE, 0);
    publish(&f, 2);
    e = virtqueue_pop(f.vq, sizeof(*e));
    g_assert_nonnull(e);
    g_assert_cmpuint(e->index, ==, 2);
    g_assert_cmpuint(e->out_bytes, ==, 16);
    g_assert_cmpuint(e->in_bytes, ==, 512);
    virtqueue_push(f.vq, e, 0);
    g_free(e);
    g_assert_false(f.vdev->broken);
    fixture_teardown(&f);
}

/* A buffer straddling two RAM regions becomes two pieces; empty pieces vanish. */
static void test_split_and_zero_len(void)
{
    Fixture f;
    VirtQueueElement *e;
    uint8_t pattern[0x20];

    fixture_setup(&f, 0);
    for (unsigned i = 0; i < sizeof(pattern); i++) {
        pattern[i] = 0x11 * i;
    }
    wr(&f, 0x7fff0, pattern, sizeof(pattern));
    set_desc(&f, 0, BUF, 0, VRING_DESC_F_NEXT, 1);
    set_desc(&f, 1, 0x7fff0, 0x20, VRING_DESC_F_NEXT, 2);
    set_desc(&f, 2, BUF + 0x40, 0, VRING_DESC_F_WRITE, 0);
    publish(&f, 0);
    e = virtqueue_pop(f.vq, sizeof(*e));
    g_assert_nonnull(e);
    g_assert_cmpuint(e->out_num, ==, 2);
    g_assert_cmpuint(e->in_num, ==, 0);
    g_assert_cmphex(e->out_addr[0], ==, 0x7fff0);
    g_assert_cmphex(e->out_addr[1], ==, 0x80000);
    g_assert_cmpuint(e->out_sg[0].iov_len, ==, 0x10);
    g_assert_cmpuint(e->out_sg[1].iov_len, ==, 0x10);
    g_assert_cmpmem(e->out_sg[0].iov_base, 0x10, pattern, 0x10);
    g_assert_cmpmem(e->out_sg[1].iov_base, 0x10, pattern + 0x10, 0x10);
    virtqueue_push(f.vq, e, 0);
    g_free(e);
    g_assert_false(f.vdev->broken);
    fixture_teardown(&f);
}

/* Device-embedded elements: sz larger than the element. */
typedef struct BigReq {
    VirtQueueElement elem;
    uint64_t cookie[9];
} BigReq;

static void test_embedded_element(void)
{
    Fixture f;
    BigReq *r;

    fixture_setup(&f, 0);
    set_desc(&f, 0, BUF, 8, VRING_DESC_F_NEXT, 1);
    set_desc(&f, 1, BUF + 8, 8, VRING_DESC_F_WRITE, 0);
    publish(&f, 0);
    r = virtqueue_pop(f.vq, sizeof(BigReq));
    g_assert_nonnull(r);
    memset(r->cookie, 0x5a, sizeof(r->cookie));   /* must not overlap the sg arrays */
    g_assert_cmphex(r->elem.out_addr[0], ==, BUF);
    g_assert_cmphex(r->elem.in_addr[0], ==, BUF + 8);
    virtqueue_push(f.vq, &r->elem, 8);
    g_free(r);
    fixture_teardown(&f);
}

/* ---- notifications ---- */

static void push_one(Fixture *f, unsigned head)
{
    VirtQueueElement *e;

    set_desc(f, head, BUF, 4, VRING_DESC_F_WRITE, 0);
    publish(f, head);
    e = virtqueue_pop(f->vq, sizeof(*e));
    g_assert_nonnull(e);
    virtqueue_push(f->vq, e, 4);
    g_free(e);
}

static void test_no_interrupt_flag(void)
{
    Fixture f;

    fixture_setup(&f, 0);
    wr16(&f, AVAIL, VRING_AVAIL_F_NO_INTERRUPT);
    push_one(&f, 0);
    virtio_notify(f.vdev, f.vq);
    g_assert_cmpuint(f.vdev->isr, ==, 0);
    g_assert_cmpuint(f.irq_updates, ==, 0);

    wr16(&f, AVAIL, 0);
    push_one(&f, 1);
    virtio_notify(f.vdev, f.vq);
    g_assert_cmpuint(f.vdev->isr, ==, VIRTIO_ISR_QUEUE);
    g_assert_cmpuint(f.irq_updates, ==, 1);

    /* Device side: asking the driver not to notify sets used->flags. */
    virtio_queue_set_notification(f.vq, false);
    g_assert_cmpuint(rd16(&f, USED), ==, VRING_USED_F_NO_NOTIFY);
    virtio_queue_set_notification(f.vq, true);
    g_assert_cmpuint(rd16(&f, USED), ==, 0);
    fixture_teardown(&f);
}

static void test_event_idx(void)
{
    Fixture f;
    unsigned irqs;

    fixture_setup(&f, ALL_FEATURES);
    wr16(&f, AVAIL + 4 + 2 * QSIZE, 0);          /* used_event */
    /* The first notify always goes out (nothing signalled yet). */
    push_one(&f, 0);
    virtio_notify(f.vdev, f.vq);
    g_assert_cmpuint(f.irq_updates, ==, 1);
    /* pop published avail_event = last_avail_idx. */
    g_assert_cmpuint(rd16(&f, USED + 4 + 8 * QSIZE), ==, 1);

    /* The driver wants an interrupt only when used idx passes 5. */
    wr16(&f, AVAIL + 4 + 2 * QSIZE, 5);
    irqs = f.irq_updates;
    for (unsigned i = 1; i <= 4; i++) {
        push_one(&f, i);
        virtio_notify(f.vdev, f.vq);
        g_assert_cmpuint(f.irq_updates, ==, irqs);   /* used idx 2..5: no */
    }
    push_one(&f, 5);                                  /* used idx 6: entry 5 used */
    virtio_notify(f.vdev, f.vq);
    g_assert_cmpuint(f.irq_updates, ==, irqs + 1);
    /* Already signalled past the event: quiet again. */
    push_one(&f, 6);
    virtio_notify(f.vdev, f.vq);
    g_assert_cmpuint(f.irq_updates, ==, irqs + 1);

    /* Enabling notifications publishes avail_event = avail idx. */
    virtio_queue_set_notification(f.vq, false);
    set_desc(&f, 9, BUF, 4, VRING_DESC_F_WRITE, 0);
    publish(&f, 9);
    publish(&f, 9);
    virtio_queue_set_notification(f.vq, true);
    g_assert_cmpuint(rd16(&f, USED + 4 + 8 * QSIZE), ==, f.avail_idx);
    /* used->flags is not used with EVENT_IDX. */
    g_assert_cmpuint(rd16(&f, USED), ==, 0);
    fixture_teardown(&f);
}

/* ---- hostile rings ---- */

/* The error state: broken, NEEDS_RESET, one message naming the problem. */
static void assert_broken(Fixture *f, const char *what)
{
    g_assert_true(f->vdev->broken);
    g_assert_true(f->vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
    g_assert_true(f->vdev->isr & VIRTIO_ISR_CONFIG);
    g_assert_cmpuint(f->vdev->errors_logged, ==, 1);
    g_assert_nonnull(f->vdev->last_error);
    if (!strstr(f->vdev->last_error, what)) {
        g_error("error '%s' does not mention '%s'", f->vdev->last_error, what);
    }
    g_assert_true(g_str_has_prefix(f->vdev->last_error, "virtio-test: "));
    /* Stays stopped and quiet until reset. */
    publish(f, 0);
    g_assert_null(virtqueue_pop(f->vq, sizeof(VirtQueueElement)));
    virtio_notify(f->vdev, f->vq);
    virtio_queue_set_notification(f->vq, true);
    g_assert_true(virtqueue_empty(f->vq));
    g_assert_cmpuint(f->vdev->errors_logged, ==, 1);
    /* Exactly one line on stderr, and it is that message. */
    {
        char *out = capture_text();
        char *line = g_strdup_printf("tern: %s\n", f->vdev->last_error);

        g_assert_cmpuint(count_substr(out, "tern: "), ==, 1);
        g_assert_cmpuint(count_substr(out, line), ==, 1);
        g_free(line);
        g_free(out);
    }
    g_assert_cmpuint(f->vq->inuse, ==, 0);
    g_assert_cmpuint(f->probe_accesses, ==, 0);
}

static void pop_expect_error(Fixture *f, uint16_t head, const char *what)
{
    uint16_t used_before = rd16(f, USED + 2);

    publish(f, head);
    g_assert_null(virtqueue_pop(f->vq, sizeof(VirtQueueElement)));
    g_assert_cmpuint(rd16(f, USED + 2), ==, used_before);
    assert_broken(f, what);
}

static void test_bad_loop(void)
{
    Fixture f;

    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 4, BUF, 8, VRING_DESC_F_NEXT, 5);
    set_desc(&f, 5, BUF + 8, 8, VRING_DESC_F_NEXT, 4);
    pop_expect_error(&f, 4, "loop");
    fixture_teardown(&f);

    /* A descriptor pointing at itself. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, BUF, 8, VRING_DESC_F_NEXT, 0);
    pop_expect_error(&f, 0, "loop");
    fixture_teardown(&f);

    /* A loop of zero-length descriptors (nothing mapped, still caught). */
    fixture_setup(&f, 0);
    for (unsigned i = 0; i < QSIZE; i++) {
        set_desc(&f, i, 0, 0, VRING_DESC_F_NEXT, (i + 1) % QSIZE);
    }
    pop_expect_error(&f, 3, "loop");
    fixture_teardown(&f);
}

static void test_bad_index(void)
{
    Fixture f;

    fixture_setup(&f, 0);
    set_desc(&f, 0, BUF, 8, VRING_DESC_F_NEXT, QSIZE);
    pop_expect_error(&f, 0, "next index 16 out of range");
    fixture_teardown(&f);

    fixture_setup(&f, 0);
    pop_expect_error(&f, 200, "head descriptor 200 out of range");
    fixture_teardown(&f);

    /* The avail index runs away from the device. */
    fixture_setup(&f, 0);
    wr16(&f, AVAIL + 2, QSIZE + 1);
    g_assert_null(virtqueue_pop(f.vq, sizeof(VirtQueueElement)));
    assert_broken(&f, "ahead");
    fixture_teardown(&f);
}

static void test_bad_indirect(void)
{
    Fixture f;
    const hwaddr table = 0x4000;

    /* Length not a multiple of 16. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 17, VRING_DESC_F_INDIRECT, 0);
    pop_expect_error(&f, 0, "bad length 17");
    fixture_teardown(&f);

    /* Zero length. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 0, VRING_DESC_F_INDIRECT, 0);
    pop_expect_error(&f, 0, "bad length 0");
    fixture_teardown(&f);

    /* Absurdly long table. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 0xfffffff0, VRING_DESC_F_INDIRECT, 0);
    pop_expect_error(&f, 0, "bad length");
    fixture_teardown(&f);

    /* Nested indirect. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 32, VRING_DESC_F_INDIRECT, 0);
    set_desc_in(&f, table, 0, BUF, 8, VRING_DESC_F_NEXT, 1);
    set_desc_in(&f, table, 1, table, 32, VRING_DESC_F_INDIRECT, 0);
    pop_expect_error(&f, 0, "nested indirect");
    fixture_teardown(&f);

    /* INDIRECT together with NEXT. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 32, VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT, 1);
    pop_expect_error(&f, 0, "INDIRECT and NEXT");
    fixture_teardown(&f);

    /* NEXT inside the table pointing out of it. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 32, VRING_DESC_F_INDIRECT, 0);
    set_desc_in(&f, table, 0, BUF, 8, VRING_DESC_F_NEXT, 2);
    pop_expect_error(&f, 0, "next index 2 out of range");
    fixture_teardown(&f);

    /* A loop inside the table. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, table, 32, VRING_DESC_F_INDIRECT, 0);
    set_desc_in(&f, table, 0, BUF, 8, VRING_DESC_F_NEXT, 1);
    set_desc_in(&f, table, 1, BUF, 8, VRING_DESC_F_NEXT, 0);
    pop_expect_error(&f, 0, "loop");
    fixture_teardown(&f);

    /* The table in MMIO: never read through the device's callbacks. */
    fixture_setup(&f, ALL_FEATURES);
    set_desc(&f, 0, MMIO_BASE, 64, VRING_DESC_F_INDIRECT, 0);
    pop_expect_error(&f, 0, "not in RAM");
    fixture_teardown(&f);

    /* Indirect without the feature negotiated. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, table, 32, VRING_DESC_F_INDIRECT, 0);
    pop_expect_error(&f, 0, "without VIRTIO_RING_F_INDIRECT_DESC");
    fixture_teardown(&f);
}

static void test_bad_addresses(void)
{
    Fixture f;

    /* Unmapped. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, 0x200000, 16, 0, 0);
    pop_expect_error(&f, 0, "not RAM");
    fixture_teardown(&f);

    /* Starts in RAM, runs off its end into nothing. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, 0xfff00, 0x200, VRING_DESC_F_WRITE, 0);
    pop_expect_error(&f, 0, "not writable RAM");
    fixture_teardown(&f);

    /* MMIO, read and write direction. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, MMIO_BASE + 0x10, 16, 0, 0);
    pop_expect_error(&f, 0, "not RAM");
    fixture_teardown(&f);
    fixture_setup(&f, 0);
    set_desc(&f, 0, MMIO_BASE, 4, VRING_DESC_F_WRITE, 0);
    pop_expect_error(&f, 0, "not writable RAM");
    fixture_teardown(&f);

    /* ROM is readable, but not a place for the device to write. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, ROM_BASE, 16, VRING_DESC_F_NEXT, 1);
    set_desc(&f, 1, ROM_BASE + 16, 16, VRING_DESC_F_WRITE, 0);
    pop_expect_error(&f, 0, "not writable RAM");
    fixture_teardown(&f);

    /* Wrapping past 2^64. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, 0xfffffffffffff000ULL, 0x2000, 0, 0);
    pop_expect_error(&f, 0, "wraps");
    fixture_teardown(&f);

    /* Huge length from a valid start. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, BUF, 0xffffffff, 0, 0);
    pop_expect_error(&f, 0, "not RAM");
    fixture_teardown(&f);

    /* Readable after writable. */
    fixture_setup(&f, 0);
    set_desc(&f, 0, BUF, 16, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);
    set_desc(&f, 1, BUF + 16, 16, 0, 0);
    pop_expect_error(&f, 0, "readable descriptor 1 after a writable one");
    fixture_teardown(&f);
}

/* The sum of a chain's lengths must fit used.len (32 bits). */
static void test_bad_total_length(void)
{
    Fixture f;
    MemoryRegion big;
    GError *err = NULL;
    const hwaddr big_base = 0x100000000ULL;

    fixture_setup(&f, 0);
    /* 2 GiB of RAM that is never touched (mmap'ed, not committed). */
    g_assert_true(memory_region_init_ram(&big, NULL, "big", 0x80000000ULL, &err));
    memory_region_add_subregion(&f.root, big_base, &big);
    set_desc(&f, 0, big_base, 0x60000000, VRING_DESC_F_NEXT, 1);
    set_desc(&f, 1, big_base, 0x60000000, VRING_DESC_F_NEXT, 2);
    set_desc(&f, 2, big_base, 0x60000000, 0, 0);
    pop_expect_error(&f, 0, "more than 4 GiB of readable buffers");
    memory_region_del_subregion(&f.root, &big);
    memory_region_destroy(&big);
    fixture_teardown(&f);
}

/* The rings themselves outside RAM. */
static void test_bad_rings(void)
{
    Fixture f;

    /* Descriptor table in MMIO. */
    fixture_setup(&f, 0);
    f.vq->desc = MMIO_BASE;
    pop_expect_error(&f, 0, "not in RAM");
    fixture_teardown(&f);

    /* Used ring in ROM: pop works, the push breaks the device. */
    fixture_setup(&f, 0);
    {
        VirtQueueElement *e;

        f.vq->used = ROM_BASE;
        set_desc(&f, 0, BUF, 4, VRING_DESC_F_WRITE, 0);
        publish(&f, 0);
        e = virtqueue_pop(f.vq, sizeof(*e));
        g_assert_nonnull(e);
        virtqueue_push(f.vq, e, 4);
        g_free(e);
        assert_broken(&f, "not writable RAM");
    }
    fixture_teardown(&f);

    /* Available ring unmapped. */
    fixture_setup(&f, 0);
    f.vq->avail = 0x7ffffffe000ULL;
    g_assert_null(virtqueue_pop(f.vq, sizeof(VirtQueueElement)));
    f.vq->avail = AVAIL;   /* so assert_broken can publish */
    assert_broken(&f, "not in RAM");
    fixture_teardown(&f);

    /* Queue sizes that are not a power of 2 are refused at QueueReady. */
    fixture_setup(&f, 0);
    virtio_reset(f.vdev);
    f.vdev->status = VIRTIO_CONFIG_S_DRIVER_OK;
    f.vq->num = 12;
    virtio_queue_set_ready(f.vdev, 0, true);
    g_assert_false(f.vq->ready);
    g_assert_true(f.vdev->broken);
    fixture_teardown(&f);
}

/* A reset brings a broken device back. */
static void test_reset_recovers(void)
{
    Fixture f;
    VirtQueueElement *e;

    fixture_setup(&f, 0);
    set_desc(&f, 0, BUF, 8, VRING_DESC_F_NEXT, 0);
    pop_expect_error(&f, 0, "loop");

    virtio_reset(f.vdev);
    g_assert_false(f.vdev->broken);
    g_assert_cmpuint(f.vdev->status, ==, 0);
    g_assert_cmpuint(f.vdev->isr, ==, 0);
    g_assert_false(f.vq->ready);

    f.vdev->guest_features = 1ULL << VIRTIO_F_VERSION_1;
    f.vdev->status = VIRTIO_CONFIG_S_DRIVER_OK;
    f.vq->num = QSIZE;
    f.vq->desc = DESC;
    f.vq->avail = AVAIL;
    f.vq->used = USED;
    wr16(&f, AVAIL + 2, 0);
    wr16(&f, USED + 2, 0);
    f.avail_idx = 0;
    virtio_queue_set_ready(f.vdev, 0, true);
    set_desc(&f, 0, BUF, 8, VRING_DESC_F_WRITE, 0);
    publish(&f, 0);
    e = virtqueue_pop(f.vq, sizeof(*e));
    g_assert_nonnull(e);
    virtqueue_push(f.vq, e, 8);
    g_free(e);
    g_assert_cmpuint(rd16(&f, USED + 2), ==, 1);
    g_assert_false(f.vdev->broken);
    fixture_teardown(&f);
}

/*
 * Random rings: descriptor tables, indirect tables and avail entries full
 * of random (but often plausible) values.  Whatever pop returns must lie
 * in RAM and match the descriptors' lengths; otherwise the device broke
 * itself.  MMIO must never be touched.  Run under ASan in CI.
 */
static uint64_t rnd_addr(GRand *r)
{
    switch (g_rand_int_range(r, 0, 8)) {
    case 0: return g_rand_int(r) | ((uint64_t)g_rand_int(r) << 32);
    case 1: return MMIO_BASE + g_rand_int_range(r, 0, 0x1000);
    case 2: return ROM_BASE + g_rand_int_range(r, 0, 0x1000);
    case 3: return 0x100000 - g_rand_int_range(r, 0, 64);
    case 4: return UINT64_MAX - g_rand_int_range(r, 0, 0x1000);
    default: return BUF + g_rand_int_range(r, 0, 0x60000);
    }
}

static uint32_t rnd_len(GRand *r)
{
    switch (g_rand_int_range(r, 0, 6)) {
    case 0: return 0;
    case 1: return g_rand_int(r);
    case 2: return 16 * g_rand_int_range(r, 0, 40);
    default: return g_rand_int_range(r, 1, 0x2000);
    }
}

static void test_random_rings(void)
{
    GRand *r = g_rand_new_with_seed(0x7e57);
    unsigned popped = 0, broken = 0;

    for (unsigned round = 0; round < 400; round++) {
        Fixture f;

        fixture_setup(&f, g_rand_boolean(r) ? ALL_FEATURES : 0);
        for (unsigned i = 0; i < QSIZE; i++) {
            uint16_t flags = g_rand_int_range(r, 0, 8);

            set_desc(&f, i, (flags & VRING_DESC_F_INDIRECT) ? 0x4000 : rnd_addr(r),
                     rnd_len(r), flags, g_rand_int_range(r, 0, QSIZE + 2));
        }
        for (unsigned i = 0; i < 24; i++) {
            set_desc_in(&f, 0x4000, i, rnd_addr(r), rnd_len(r),
                        g_rand_int_range(r, 0, 8), g_rand_int_range(r, 0, 26));
        }
        for (unsigned n = 0; n < 8 && !f.vdev->broken; n++) {
            VirtQueueElement *e;

            publish(&f, g_rand_int_range(r, 0, QSIZE + 1));
            e = virtqueue_pop(f.vq, sizeof(*e));
            if (!e) {
                continue;
            }
            popped++;
            for (unsigned i = 0; i < e->out_num + e->in_num; i++) {
                bool in = i >= e->out_num;
                hwaddr a = in ? e->in_addr[i - e->out_num] : e->out_addr[i];
                size_t l = in ? e->in_sg[i - e->out_num].iov_len : e->out_sg[i].iov_len;

                g_assert_cmpuint(l, >, 0);
                /* Inside ram0/ram1, or (device reads only) the ROM. */
                if (!(a + l <= 0x100000 ||
                      (!in && a >= ROM_BASE && a + l <= ROM_BASE + 0x1000))) {
                    g_error("piece 0x%" PRIx64 "+0x%zx outside RAM", a, l);
                }
                memset(in ? e->in_sg[i - e->out_num].iov_base : e->out_sg[i].iov_base,
                       0x5a, in ? l : 0);
            }
            virtqueue_push(f.vq, e, e->in_bytes);
            g_free(e);
        }
        broken += f.vdev->broken;
        g_assert_cmpuint(f.probe_accesses, ==, 0);
        g_assert_cmpuint(f.vdev->errors_logged, <=, 1);
        fixture_teardown(&f);
    }
    g_test_message("%u elements popped, %u of 400 devices broke", popped, broken);
    /* Both outcomes must have happened, or the generator is useless. */
    g_assert_cmpuint(popped, >, 20);
    g_assert_cmpuint(broken, >, 20);
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    char *path = NULL;
    int ret;

    g_test_init(&argc, &argv, NULL);
    capture_fd = g_file_open_tmp("tern-vq-stderr-XXXXXX", &path, NULL);
    g_assert_cmpint(capture_fd, >=, 0);
    unlink(path);
    g_free(path);
    fflush(stderr);
    dup2(capture_fd, 2);
    g_test_add_func("/virtqueue/direct-chain", test_direct_chain);
    g_test_add_func("/virtqueue/ring-wrap", test_ring_wrap);
    g_test_add_func("/virtqueue/indirect", test_indirect);
    g_test_add_func("/virtqueue/split-and-zero-len", test_split_and_zero_len);
    g_test_add_func("/virtqueue/embedded-element", test_embedded_element);
    g_test_add_func("/virtqueue/notify/no-interrupt-flag", test_no_interrupt_flag);
    g_test_add_func("/virtqueue/notify/event-idx", test_event_idx);
    g_test_add_func("/virtqueue/hostile/loop", test_bad_loop);
    g_test_add_func("/virtqueue/hostile/index", test_bad_index);
    g_test_add_func("/virtqueue/hostile/indirect", test_bad_indirect);
    g_test_add_func("/virtqueue/hostile/addresses", test_bad_addresses);
    g_test_add_func("/virtqueue/hostile/total-length", test_bad_total_length);
    g_test_add_func("/virtqueue/hostile/rings", test_bad_rings);
    g_test_add_func("/virtqueue/hostile/reset-recovers", test_reset_recovers);
    g_test_add_func("/virtqueue/hostile/random-rings", test_random_rings);
    ret = g_test_run();
    close(capture_fd);
    return ret;
}
