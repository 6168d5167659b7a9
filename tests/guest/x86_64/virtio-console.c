/*
 * virtio-console (hvc0): sends a greeting on the transmit queue, then
 * reads one line from the receive queue and sends it back prefixed with
 * "echo: ".  The host side is a stdio chardev fed from a file.
 */
#include "guest.h"

static struct virtq rxq __attribute__((aligned(4096)));
static struct virtq txq __attribute__((aligned(4096)));
static char line[128];
static char out[160];

static void send(const char *s, u32 len)
{
    u64 a = (u64)s;
    u8 w = 0;
    virtq_submit(&txq, 1, &a, &len, &w);
}

void guest_main(u64 cpu, u64 ncpus)
{
    u64 base = virtio_find(3);
    if (!base || !virtio_init(base, 0) || !virtq_setup(&rxq, base, 0) ||
        !virtq_setup(&txq, base, 1)) {
        serial_puts("no usable virtio-console device\n");
        debug_exit(GUEST_FAIL);
    }
    virtio_driver_ok(base);
    static const char hello[] = "hello over virtio-console\n";
    send(hello, sizeof(hello) - 1);

    /* Receive until a newline (the device may split the input). */
    u32 n = 0;
    while (n == 0 || line[n - 1] != '\n') {
        u64 a = (u64)(line + n);
        u32 l = (u32)(sizeof(line) - 1 - n);
        u8 w = 1;
        if (l == 0) {
            break;
        }
        n += virtq_submit(&rxq, 1, &a, &l, &w);
    }
    const char *p = "echo: ";
    u32 m = 0;
    while (*p) {
        out[m++] = *p++;
    }
    for (u32 i = 0; i < n; i++) {
        out[m++] = line[i];
    }
    send(out, m);
    serial_puts("virtio-console: echoed ");
    serial_put_dec(n);
    serial_puts(" bytes\n");
    debug_exit(GUEST_PASS);
}
