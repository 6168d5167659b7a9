/*
 * virtio-rng: two 64-byte requests; each must come back full, not all
 * zero, and different from the other.
 */
#include "guest.h"

static struct virtq vq __attribute__((aligned(4096)));
static u8 buf[2][64];

void guest_main(u64 cpu, u64 ncpus)
{
    u64 base = virtio_find(4);
    if (!base || !virtio_init(base, 0) || !virtq_setup(&vq, base, 0)) {
        serial_puts("no usable virtio-rng device\n");
        debug_exit(GUEST_FAIL);
    }
    virtio_driver_ok(base);
    u32 got[2];
    for (int r = 0; r < 2; r++) {
        u64 a = (u64)buf[r];
        u32 l = sizeof(buf[r]);
        u8 w = 1;
        got[r] = virtq_submit(&vq, 1, &a, &l, &w);
    }
    int nonzero = 0, differ = 0;
    for (int i = 0; i < 64; i++) {
        nonzero |= buf[0][i] | buf[1][i];
        differ |= buf[0][i] != buf[1][i];
    }
    serial_puts("rng: ");
    serial_put_dec(got[0]);
    serial_puts(" + ");
    serial_put_dec(got[1]);
    serial_puts(" bytes, ");
    serial_puts(differ ? "requests differ" : "requests equal");
    serial_puts("\n");
    debug_exit(got[0] == 64 && got[1] == 64 && nonzero && differ ? GUEST_PASS : GUEST_FAIL);
}
