/*
 * virtio-blk load for tests/bench/x86-kvm.sh: `count=` 4 KiB requests, one
 * in flight, sequential or pseudo-random over the first `span=` MiB of the
 * disk (`mode=0` sequential read, 1 sequential write, 2 random read,
 * 3 random write; kernel command line).  The host times runs with
 * count=N against count=0.  Every status must be OK.
 */
#include "guest.h"

struct blk_req { u32 type; u32 reserved; u64 sector; };

static struct virtq vq __attribute__((aligned(4096)));
static struct blk_req req;
static u8 data[4096] __attribute__((aligned(4096)));
static volatile u8 status;

void guest_main(u64 cpu, u64 ncpus)
{
    u64 count = cmdline_u64("count", 0);
    u64 mode = cmdline_u64("mode", 0);
    u64 blocks = cmdline_u64("span", 64) * 256;      /* 4 KiB blocks */
    u64 base = virtio_find(2);
    if (!base || !virtio_init(base, 0) || !virtq_setup(&vq, base, 0)) {
        serial_puts("no usable virtio-blk device\n");
        debug_exit(GUEST_FAIL);
    }
    virtio_driver_ok(base);
    u64 x = 88172645463325252ul, bad = 0;
    for (u64 i = 0; i < count; i++) {
        u64 blk = i % blocks;
        if (mode >= 2) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            blk = x % blocks;
        }
        req.type = (mode & 1) ? 1 : 0;
        req.reserved = 0;
        req.sector = blk * 8;
        status = 0xff;
        u64 a[3] = { (u64)&req, (u64)data, (u64)&status };
        u32 l[3] = { sizeof(req), sizeof(data), 1 };
        u8 w[3] = { 0, !(mode & 1), 1 };
        virtq_submit(&vq, 3, a, l, w);
        bad += status != 0;
    }
    serial_puts(bad ? "blk-bench: errors\n" : "blk-bench: done\n");
    debug_exit(bad ? GUEST_FAIL : GUEST_PASS);
}
