/*
 * virtio-blk: reads sector 0 of the disk (the test wrote a known text
 * there), writes sectors 1-2 with a pattern, flushes, and reports.  The
 * host then checks that the image file holds exactly those bytes
 * (virtio-blk.post).
 */
#include "guest.h"

#define VIRTIO_BLK_T_IN    0
#define VIRTIO_BLK_T_OUT   1
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_F_FLUSH 9

struct blk_req { u32 type; u32 reserved; u64 sector; };

static struct virtq vq __attribute__((aligned(4096)));
static struct blk_req req;
static u8 data[1024] __attribute__((aligned(512)));
static volatile u8 status;

static int blk_io(u32 type, u64 sector, u32 len)
{
    req.type = type;
    req.reserved = 0;
    req.sector = sector;
    status = 0xff;
    u64 addr[3] = { (u64)&req, (u64)data, (u64)&status };
    u32 lens[3] = { sizeof(req), len, 1 };
    u8 wr[3] = { 0, type == VIRTIO_BLK_T_IN, 1 };
    if (len) {
        virtq_submit(&vq, 3, addr, lens, wr);
    } else {
        u64 a2[2] = { addr[0], addr[2] };
        u32 l2[2] = { lens[0], 1 };
        u8 w2[2] = { 0, 1 };
        virtq_submit(&vq, 2, a2, l2, w2);
    }
    return status;
}

void guest_main(u64 cpu, u64 ncpus)
{
    u64 base = virtio_find(2);
    if (!base) {
        serial_puts("no virtio-blk device\n");
        debug_exit(GUEST_FAIL);
    }
    if (!virtio_init(base, 1u << VIRTIO_BLK_F_FLUSH) || !virtq_setup(&vq, base, 0)) {
        serial_puts("virtio-blk: setup failed\n");
        debug_exit(GUEST_FAIL);
    }
    virtio_driver_ok(base);

    int st = blk_io(VIRTIO_BLK_T_IN, 0, 512);
    data[40] = 0;
    serial_puts("read status ");
    serial_put_dec((u64)st);
    serial_puts(": ");
    serial_puts((const char *)data);
    serial_puts("\n");

    for (unsigned i = 0; i < 1024; i++) {
        data[i] = (u8)(i * 7 + 3);
    }
    st = blk_io(VIRTIO_BLK_T_OUT, 1, 1024);
    serial_puts("write status ");
    serial_put_dec((u64)st);
    st = blk_io(VIRTIO_BLK_T_FLUSH, 0, 0);
    serial_puts(", flush status ");
    serial_put_dec((u64)st);
    serial_puts("\n");
    debug_exit(GUEST_PASS);
}
