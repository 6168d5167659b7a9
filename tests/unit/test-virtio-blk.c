/*
 * virtio-blk-device behind virtio-mmio, driven through the registers and
 * rings by the driver in test-virtio-driver.h, on a temporary raw file:
 * transport identification and feature negotiation, config space, write
 * then read back, flush (the host file holds exactly the data), discard,
 * write-zeroes, get-id, out-of-range sectors (IOERR), unknown requests
 * (UNSUPP), a read-only drive, several requests in flight, a malformed
 * request (NEEDS_RESET, then a reset recovers), and both notification
 * paths (ioeventfd on the main loop, and the register write itself).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <sys/uio.h>

#include "block/block.h"
#include "hw/virtio/virtio-blk.h"
#include "test-virtio-driver.h"

#define DISK_SECTORS 256
#define WAIT_MS      5000

typedef struct BlkFx {
    VDrv d;
    char *path;
    BlockBackend *blk;
    hwaddr hdr, data, status;
} BlkFx;

static unsigned drive_seq;

static void blkfx_setup(BlkFx *f, bool readonly, bool ioeventfd, const char *serial)
{
    GError *err = NULL;
    int fd;
    char *id, *drive_prop, *serial_prop = NULL;
    const char *props[3] = { NULL };
    uint8_t *init = g_malloc(DISK_SECTORS * 512);

    memset(f, 0, sizeof(*f));
    fd = g_file_open_tmp("tern-vblk-XXXXXX", &f->path, &err);
    g_assert_no_error(err);
    /* Recognisable initial contents: sector s is filled with byte s. */
    for (unsigned s = 0; s < DISK_SECTORS; s++) {
        memset(init + s * 512, s & 0xff, 512);
    }
    g_assert_cmpint(write(fd, init, DISK_SECTORS * 512), ==, DISK_SECTORS * 512);
    close(fd);
    g_free(init);

    vd_machine_init(&f->d, ioeventfd);
    id = g_strdup_printf("vblk%u", drive_seq++);
    f->blk = blk_new_open(f->path, id, readonly, &err);
    g_assert_no_error(err);
    g_assert_nonnull(f->blk);
    drive_prop = g_strdup_printf("drive=%s", id);
    props[0] = drive_prop;
    if (serial) {
        serial_prop = g_strdup_printf("serial=%s", serial);
        props[1] = serial_prop;
    }
    vd_plug(&f->d, &virtio_blk_class, props);
    g_free(id);
    g_free(drive_prop);
    g_free(serial_prop);
    f->hdr = vd_alloc(&f->d, 16);
    f->status = vd_alloc(&f->d, 1);
    f->data = vd_alloc(&f->d, 64 * 1024);
}

static void blkfx_start(BlkFx *f, uint64_t features)
{
    g_assert_true(vd_negotiate(&f->d, features));
    vd_queue_setup(&f->d, 0, VD_QNUM);
    vd_driver_ok(&f->d);
}

static void blkfx_teardown(BlkFx *f)
{
    vd_machine_fini(&f->d);
    blk_unref(f->blk);
    g_unlink(f->path);
    g_free(f->path);
}

static uint64_t std_features(void)
{
    return (1ULL << VIRTIO_F_VERSION_1) | (1ULL << VIRTIO_RING_F_EVENT_IDX) |
           (1ULL << VIRTIO_RING_F_INDIRECT_DESC) | (1ULL << VIRTIO_BLK_F_FLUSH) |
           (1ULL << VIRTIO_BLK_F_DISCARD) | (1ULL << VIRTIO_BLK_F_WRITE_ZEROES) |
           (1ULL << VIRTIO_BLK_F_BLK_SIZE) | (1ULL << VIRTIO_BLK_F_SEG_MAX);
}

static void put_hdr(BlkFx *f, uint32_t type, uint64_t sector)
{
    uint8_t h[16] = { 0 };

    type = GUINT32_TO_LE(type);
    sector = GUINT64_TO_LE(sector);
    memcpy(h, &type, 4);
    memcpy(h + 8, &sector, 8);
    vd_mem_write(f->hdr, h, 16);
}

/*
 * One request: header, then data (out if !data_in, in if data_in, none if
 * len 0), then the status byte.  Returns the status; *used_len the length
 * the device reported.
 */
static int do_req(BlkFx *f, uint32_t type, uint64_t sector, uint32_t len, bool data_in,
                  uint32_t *used_len)
{
    VDBuf b[3];
    unsigned n = 0, head;
    uint32_t id = 0, ulen = 0;
    uint8_t st = 0xee;

    vd_mem_write(f->status, &st, 1);
    put_hdr(f, type, sector);
    b[n++] = (VDBuf){ f->hdr, 16, false };
    if (len) {
        b[n++] = (VDBuf){ f->data, len, data_in };
    }
    b[n++] = (VDBuf){ f->status, 1, true };
    head = vd_add(&f->d, 0, b, n);
    vd_kick(&f->d, 0);
    g_assert_true(vd_wait_used(&f->d, 0, &id, &ulen, WAIT_MS));
    g_assert_cmpuint(id, ==, head);
    if (used_len) {
        *used_len = ulen;
    }
    vd_mem_read(f->status, &st, 1);
    return st;
}

static void file_read(BlkFx *f, off_t off, void *buf, size_t len)
{
    int fd = open(f->path, O_RDONLY);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pread(fd, buf, len, off), ==, (ssize_t)len);
    close(fd);
}

/* ------------------------------------------------------------------ */

static void test_identify(void)
{
    BlkFx f;
    uint64_t hf, cap;

    blkfx_setup(&f, false, true, NULL);
    g_assert_cmphex(vd_rd(&f.d, VIRTIO_MMIO_MAGIC_VALUE), ==, 0x74726976);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_VERSION), ==, 2);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_BLOCK);
    hf = vd_host_features(&f.d);
    g_assert_true(hf & (1ULL << VIRTIO_F_VERSION_1));
    g_assert_true(hf & (1ULL << VIRTIO_RING_F_EVENT_IDX));
    g_assert_true(hf & (1ULL << VIRTIO_RING_F_INDIRECT_DESC));
    g_assert_true(hf & (1ULL << VIRTIO_BLK_F_FLUSH));
    g_assert_true(hf & (1ULL << VIRTIO_BLK_F_DISCARD));
    g_assert_true(hf & (1ULL << VIRTIO_BLK_F_WRITE_ZEROES));
    g_assert_false(hf & (1ULL << VIRTIO_BLK_F_RO));
    /* No shared memory regions. */
    g_assert_cmphex(vd_rd(&f.d, VIRTIO_MMIO_SHM_LEN_LOW), ==, 0xffffffff);
    g_assert_cmphex(vd_rd(&f.d, VIRTIO_MMIO_SHM_LEN_HIGH), ==, 0xffffffff);

    /* Without VERSION_1 (a legacy driver) FEATURES_OK does not stick. */
    g_assert_false(vd_negotiate(&f.d, 1ULL << VIRTIO_BLK_F_FLUSH));
    /* Nor with a feature the device does not offer. */
    g_assert_false(vd_negotiate(&f.d, (1ULL << VIRTIO_F_VERSION_1) | (1ULL << 40)));
    g_assert_true(vd_negotiate(&f.d, std_features()));

    /* Config space: capacity (two 32-bit reads), blk_size, byte access. */
    cap = vd_rd(&f.d, VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CFG_CAPACITY) |
          ((uint64_t)vd_rd(&f.d, VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CFG_CAPACITY + 4) << 32);
    g_assert_cmpuint(cap, ==, DISK_SECTORS);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CFG_BLK_SIZE), ==, 512);
    g_assert_cmpuint(address_space_ldl_le(&address_space_memory,
                                          VD_MMIO_BASE + VIRTIO_MMIO_CONFIG, NULL) & 0xff,
                     ==, DISK_SECTORS & 0xff);
    {
        uint8_t b;
        vd_mem_read(VD_MMIO_BASE + VIRTIO_MMIO_CONFIG + 1, &b, 1);
        g_assert_cmpuint(b, ==, DISK_SECTORS >> 8);
    }
    /* Beyond the config space reads as zero. */
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_CONFIG + 0x80), ==, 0);

    /* info qtree: the disk under its transport, with the transport's state. */
    {
        GString *qt = g_string_new(NULL);
        const char *t, *b;

        qdev_qtree_print(qt);
        t = strstr(qt->str, "dev: virtio-mmio");
        b = strstr(qt->str, "dev: virtio-blk-device");
        g_assert_nonnull(t);
        g_assert_nonnull(b);
        g_assert_true(t < b);
        g_assert_nonnull(strstr(qt->str, "backend: virtio-blk-device (id 2)"));
        g_string_free(qt, TRUE);
    }
    blkfx_teardown(&f);
}

static void test_unplugged(void)
{
    VDrv d;
    char *arg;

    vd_machine_init(&d, true);
    g_assert_cmphex(vd_rd(&d, VIRTIO_MMIO_MAGIC_VALUE), ==, 0x74726976);
    g_assert_cmpuint(vd_rd(&d, VIRTIO_MMIO_VERSION), ==, 2);
    g_assert_cmpuint(vd_rd(&d, VIRTIO_MMIO_DEVICE_ID), ==, 0);
    vd_wr(&d, VIRTIO_MMIO_STATUS, 0xf);          /* ignored, no crash */
    g_assert_cmpuint(vd_rd(&d, VIRTIO_MMIO_STATUS), ==, 0);
    arg = virtio_mmio_cmdline_arg(d.transport, 0xd0000000, 5);
    g_assert_cmpstr(arg, ==, "virtio_mmio.device=512@0xd0000000:5");
    g_free(arg);
    vd_machine_fini(&d);
}

/* Register rules of the transport that a careless or hostile driver meets. */
static void test_register_rules(void)
{
    BlkFx f;
    VirtIODevice *vdev;
    uint8_t b = 0x55;

    blkfx_setup(&f, false, true, NULL);
    blkfx_start(&f, std_features());
    vdev = virtio_mmio_get_vdev(f.d.transport);

    /* Registers take 32-bit accesses only: a byte read is 0, a byte write ignored. */
    vd_mem_read(VD_MMIO_BASE + VIRTIO_MMIO_MAGIC_VALUE, &b, 1);
    g_assert_cmpuint(b, ==, 0);
    vd_mem_write(VD_MMIO_BASE + VIRTIO_MMIO_STATUS, "\0", 1);
    g_assert_true(vd_rd(&f.d, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_DRIVER_OK);

    /* A queue that does not exist: size 0, writes ignored. */
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_SEL, 5);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_QUEUE_NUM_MAX), ==, 0);
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_READY, 1);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_QUEUE_READY), ==, 0);
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_NOTIFY, 5);
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_NOTIFY, 0xffffffff);

    /* A live queue's addresses and size cannot be changed under the device. */
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_SEL, 0);
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_NUM, 8);
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_DESC_LOW, 0x1230);
    vd_wr(&f.d, VIRTIO_MMIO_QUEUE_READY, 1);
    g_assert_cmpuint(vdev->vq[0].num, ==, VD_QNUM);
    g_assert_cmphex(vdev->vq[0].desc, ==, f.d.q[0].desc);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_IN, 0, 512, true, NULL), ==, VIRTIO_BLK_S_OK);

    /* The driver cannot clear NEEDS_RESET, nor does it appear by itself. */
    g_assert_false(vd_rd(&f.d, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET);
    g_assert_false(vdev->broken);
    blkfx_teardown(&f);
}

static void test_missing_drive(void)
{
    GError *err = NULL;
    DeviceState *d;

    qemu_init_main_loop();
    d = device_new(virtio_blk_class.name, &err);
    g_assert_no_error(err);
    g_assert_false(device_realize(d, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "drive=ID is required"));
    g_clear_error(&err);
    device_free(d);
}

static void write_read_flush(bool ioeventfd)
{
    BlkFx f;
    uint8_t *pat = g_malloc(8 * 512), *back = g_malloc(8 * 512);
    uint32_t ulen;

    blkfx_setup(&f, false, ioeventfd, NULL);
    blkfx_start(&f, std_features());

    /*
     * Which thread serves the notify: with an ioeventfd the write only
     * signals it and the main loop runs the queue; without, the write
     * itself does (GET_ID completes inside the handler).
     */
    {
        VirtIODevice *vdev = virtio_mmio_get_vdev(f.d.transport);
        VDBuf b[3] = {
            { f.hdr, 16, false }, { f.data, 20, true }, { f.status, 1, true },
        };

        g_assert_cmpint(vdev->vq[0].host_notifier >= 0, ==, ioeventfd);
        put_hdr(&f, VIRTIO_BLK_T_GET_ID, 0);
        vd_add(&f.d, 0, b, 3);
        vd_kick(&f.d, 0);
        g_assert_cmpuint(vd_used_idx(&f.d, 0), ==, ioeventfd ? 0 : 1);
        g_assert_true(vd_wait_used(&f.d, 0, NULL, NULL, WAIT_MS));
    }

    for (unsigned i = 0; i < 8 * 512; i++) {
        pat[i] = (i * 7 + 3) ^ (i >> 9);
    }
    vd_mem_write(f.data, pat, 8 * 512);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_OUT, 3, 8 * 512, false, &ulen), ==,
                    VIRTIO_BLK_S_OK);
    g_assert_cmpuint(ulen, ==, 1);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_FLUSH, 0, 0, false, NULL), ==,
                    VIRTIO_BLK_S_OK);
    g_assert_cmpuint(f.d.irq_raises, >=, 1);
    g_assert_cmpint(f.d.irq_level, ==, 0);      /* acknowledged */

    /* The host file: exactly the data at sectors 3..10, the rest intact. */
    file_read(&f, 3 * 512, back, 8 * 512);
    g_assert_cmpmem(back, 8 * 512, pat, 8 * 512);
    file_read(&f, 2 * 512, back, 512);
    for (unsigned i = 0; i < 512; i++) {
        g_assert_cmpuint(back[i], ==, 2);
    }
    file_read(&f, 11 * 512, back, 512);
    for (unsigned i = 0; i < 512; i++) {
        g_assert_cmpuint(back[i], ==, 11);
    }

    /* Read back through the device, with a split data buffer. */
    memset(back, 0, 8 * 512);
    vd_mem_write(f.data, back, 8 * 512);
    {
        VDBuf b[4] = {
            { f.hdr, 16, false },
            { f.data, 1000, true },
            { f.data + 1000, 8 * 512 - 1000, true },
            { f.status, 1, true },
        };
        uint32_t id = UINT32_MAX;
        uint8_t st;

        put_hdr(&f, VIRTIO_BLK_T_IN, 3);
        vd_add(&f.d, 0, b, 4);
        vd_kick(&f.d, 0);
        g_assert_true(vd_wait_used(&f.d, 0, &id, &ulen, WAIT_MS));
        g_assert_cmpuint(ulen, ==, 8 * 512 + 1);
        vd_mem_read(f.status, &st, 1);
        g_assert_cmpuint(st, ==, VIRTIO_BLK_S_OK);
    }
    vd_mem_read(f.data, back, 8 * 512);
    g_assert_cmpmem(back, 8 * 512, pat, 8 * 512);
    g_free(pat);
    g_free(back);
    blkfx_teardown(&f);
}

static void test_write_read_ioeventfd(void)
{
    write_read_flush(true);
}

static void test_write_read_register_notify(void)
{
    write_read_flush(false);
}

static void test_discard_write_zeroes(void)
{
    BlkFx f;
    uint8_t seg[32] = { 0 }, back[4 * 512];
    uint64_t sector;
    uint32_t num, flags;

    blkfx_setup(&f, false, true, NULL);
    blkfx_start(&f, std_features());

    /* Discard sectors 20..23 (discard=ignore: accepted). */
    sector = GUINT64_TO_LE(20);
    num = GUINT32_TO_LE(4);
    memcpy(seg, &sector, 8);
    memcpy(seg + 8, &num, 4);
    vd_mem_write(f.data, seg, 16);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_DISCARD, 0, 16, false, NULL), ==,
                    VIRTIO_BLK_S_OK);
    /* Discard with flags set is not something we support. */
    flags = GUINT32_TO_LE(1);
    memcpy(seg + 12, &flags, 4);
    vd_mem_write(f.data, seg, 16);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_DISCARD, 0, 16, false, NULL), ==,
                    VIRTIO_BLK_S_UNSUPP);

    /* Write zeroes: two segments, 30..31 and 40 (with unmap allowed). */
    memset(seg, 0, sizeof(seg));
    sector = GUINT64_TO_LE(30);
    num = GUINT32_TO_LE(2);
    memcpy(seg, &sector, 8);
    memcpy(seg + 8, &num, 4);
    sector = GUINT64_TO_LE(40);
    num = GUINT32_TO_LE(1);
    flags = GUINT32_TO_LE(1);
    memcpy(seg + 16, &sector, 8);
    memcpy(seg + 24, &num, 4);
    memcpy(seg + 28, &flags, 4);
    vd_mem_write(f.data, seg, 32);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_WRITE_ZEROES, 0, 32, false, NULL), ==,
                    VIRTIO_BLK_S_OK);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_FLUSH, 0, 0, false, NULL), ==,
                    VIRTIO_BLK_S_OK);
    file_read(&f, 29 * 512, back, 4 * 512);
    for (unsigned i = 0; i < 4 * 512; i++) {
        unsigned sector = 29 + i / 512;
        unsigned expect = (sector == 30 || sector == 31) ? 0 : sector;

        g_assert_cmpuint(back[i], ==, expect);
    }
    file_read(&f, 40 * 512, back, 512);
    for (unsigned i = 0; i < 512; i++) {
        g_assert_cmpuint(back[i], ==, 0);
    }
    /* Out of range write-zeroes. */
    memset(seg, 0, sizeof(seg));
    sector = GUINT64_TO_LE(DISK_SECTORS - 1);
    num = GUINT32_TO_LE(2);
    memcpy(seg, &sector, 8);
    memcpy(seg + 8, &num, 4);
    vd_mem_write(f.data, seg, 16);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_WRITE_ZEROES, 0, 16, false, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    blkfx_teardown(&f);
}

static void test_get_id(void)
{
    BlkFx f;
    char id[VIRTIO_BLK_ID_BYTES + 1] = { 0 };
    uint32_t ulen;

    blkfx_setup(&f, false, true, "tern-serial-1");
    blkfx_start(&f, std_features());
    memset(id, 'x', VIRTIO_BLK_ID_BYTES);
    vd_mem_write(f.data, id, VIRTIO_BLK_ID_BYTES);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_GET_ID, 0, VIRTIO_BLK_ID_BYTES, true, &ulen),
                    ==, VIRTIO_BLK_S_OK);
    g_assert_cmpuint(ulen, ==, VIRTIO_BLK_ID_BYTES + 1);
    vd_mem_read(f.data, id, VIRTIO_BLK_ID_BYTES);
    g_assert_cmpstr(id, ==, "tern-serial-1");
    blkfx_teardown(&f);
}

static void test_out_of_range(void)
{
    BlkFx f;
    uint8_t before[512], after[512];

    blkfx_setup(&f, false, true, NULL);
    blkfx_start(&f, std_features());
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_IN, DISK_SECTORS, 512, true, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_IN, DISK_SECTORS - 1, 1024, true, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_OUT, 1ULL << 63, 512, false, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_OUT, UINT64_MAX, 512, false, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    /* Not a whole number of sectors. */
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_OUT, 0, 100, false, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    /* The last sector itself is fine. */
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_IN, DISK_SECTORS - 1, 512, true, NULL), ==,
                    VIRTIO_BLK_S_OK);
    /* An unknown request type. */
    g_assert_cmpint(do_req(&f, 99, 0, 0, false, NULL), ==, VIRTIO_BLK_S_UNSUPP);
    /* None of that touched the file (sector 0 still holds zeroes, the
     * last sector its own number). */
    memset(before, 0, sizeof(before));
    file_read(&f, 0, after, 512);
    g_assert_cmpmem(after, 512, before, 512);
    memset(before, (DISK_SECTORS - 1) & 0xff, sizeof(before));
    file_read(&f, (DISK_SECTORS - 1) * 512, after, 512);
    g_assert_cmpmem(after, 512, before, 512);
    g_assert_false(virtio_mmio_get_vdev(f.d.transport)->broken);
    blkfx_teardown(&f);
}

static void test_read_only(void)
{
    BlkFx f;
    uint8_t buf[512];

    blkfx_setup(&f, true, true, NULL);
    g_assert_true(vd_host_features(&f.d) & (1ULL << VIRTIO_BLK_F_RO));
    blkfx_start(&f, std_features() | (1ULL << VIRTIO_BLK_F_RO));
    memset(buf, 0x77, sizeof(buf));
    vd_mem_write(f.data, buf, 512);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_OUT, 5, 512, false, NULL), ==,
                    VIRTIO_BLK_S_IOERR);
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_IN, 5, 512, true, NULL), ==,
                    VIRTIO_BLK_S_OK);
    vd_mem_read(f.data, buf, 512);
    for (unsigned i = 0; i < 512; i++) {
        g_assert_cmpuint(buf[i], ==, 5);
    }
    file_read(&f, 5 * 512, buf, 512);
    for (unsigned i = 0; i < 512; i++) {
        g_assert_cmpuint(buf[i], ==, 5);
    }
    blkfx_teardown(&f);
}

/* Many requests published before one kick: all complete, in any order. */
static void test_many_in_flight(void)
{
    BlkFx f;
    enum { N = 16 };
    hwaddr hdr[N], st[N], data[N];
    unsigned heads[N];
    bool seen[N] = { false };

    blkfx_setup(&f, false, true, NULL);
    blkfx_start(&f, std_features());
    for (unsigned i = 0; i < N; i++) {
        uint8_t h[16] = { 0 }, buf[512];
        uint32_t type = GUINT32_TO_LE(VIRTIO_BLK_T_OUT);
        uint64_t sector = GUINT64_TO_LE(100 + i);
        VDBuf b[3];

        hdr[i] = vd_alloc(&f.d, 16);
        st[i] = vd_alloc(&f.d, 1);
        data[i] = vd_alloc(&f.d, 512);
        memcpy(h, &type, 4);
        memcpy(h + 8, &sector, 8);
        vd_mem_write(hdr[i], h, 16);
        memset(buf, 0xc0 + i, 512);
        vd_mem_write(data[i], buf, 512);
        b[0] = (VDBuf){ hdr[i], 16, false };
        b[1] = (VDBuf){ data[i], 512, false };
        b[2] = (VDBuf){ st[i], 1, true };
        heads[i] = vd_add(&f.d, 0, b, 3);
    }
    vd_kick(&f.d, 0);
    for (unsigned n = 0; n < N; n++) {
        uint32_t id = UINT32_MAX;
        bool found = false;

        g_assert_true(vd_wait_used(&f.d, 0, &id, NULL, WAIT_MS));
        for (unsigned i = 0; i < N; i++) {
            if (heads[i] == id) {
                uint8_t s;

                g_assert_false(seen[i]);
                seen[i] = found = true;
                vd_mem_read(st[i], &s, 1);
                g_assert_cmpuint(s, ==, VIRTIO_BLK_S_OK);
            }
        }
        g_assert_true(found);
    }
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_FLUSH, 0, 0, false, NULL), ==,
                    VIRTIO_BLK_S_OK);
    for (unsigned i = 0; i < N; i++) {
        uint8_t buf[512];

        file_read(&f, (100 + i) * 512, buf, 512);
        for (unsigned j = 0; j < 512; j++) {
            g_assert_cmpuint(buf[j], ==, 0xc0 + i);
        }
    }
    blkfx_teardown(&f);
}

/* A request without a status byte breaks the device until a reset. */
static void test_malformed_needs_reset(void)
{
    BlkFx f;
    VDBuf b[1];
    unsigned before;

    blkfx_setup(&f, false, true, NULL);
    blkfx_start(&f, std_features());
    before = f.d.irq_raises;
    put_hdr(&f, VIRTIO_BLK_T_IN, 0);
    b[0] = (VDBuf){ f.hdr, 16, false };
    vd_add(&f.d, 0, b, 1);
    vd_kick(&f.d, 0);
    vd_idle(50);
    g_assert_true(vd_rd(&f.d, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_NEEDS_RESET);
    g_assert_true(vd_rd(&f.d, VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_ISR_CONFIG);
    g_assert_cmpuint(f.d.irq_raises, ==, before + 1);
    g_assert_cmpuint(vd_used_idx(&f.d, 0), ==, 0);
    g_assert_nonnull(strstr(virtio_mmio_get_vdev(f.d.transport)->last_error,
                            "without a 16-byte header or a status byte"));

    /* Reset: the driver starts over and the device works again. */
    vd_wr(&f.d, VIRTIO_MMIO_STATUS, 0);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_STATUS), ==, 0);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_INTERRUPT_STATUS), ==, 0);
    g_assert_cmpint(f.d.irq_level, ==, 0);
    blkfx_start(&f, std_features());
    g_assert_cmpint(do_req(&f, VIRTIO_BLK_T_IN, 7, 512, true, NULL), ==,
                    VIRTIO_BLK_S_OK);
    blkfx_teardown(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-blk/identify", test_identify);
    g_test_add_func("/virtio-blk/unplugged", test_unplugged);
    g_test_add_func("/virtio-blk/register-rules", test_register_rules);
    g_test_add_func("/virtio-blk/missing-drive", test_missing_drive);
    g_test_add_func("/virtio-blk/write-read-flush/ioeventfd", test_write_read_ioeventfd);
    g_test_add_func("/virtio-blk/write-read-flush/register-notify",
                    test_write_read_register_notify);
    g_test_add_func("/virtio-blk/discard-write-zeroes", test_discard_write_zeroes);
    g_test_add_func("/virtio-blk/get-id", test_get_id);
    g_test_add_func("/virtio-blk/out-of-range", test_out_of_range);
    g_test_add_func("/virtio-blk/read-only", test_read_only);
    g_test_add_func("/virtio-blk/many-in-flight", test_many_in_flight);
    g_test_add_func("/virtio-blk/malformed-needs-reset", test_malformed_needs_reset);
    return g_test_run();
}
