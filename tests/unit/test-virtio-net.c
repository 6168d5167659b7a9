/*
 * virtio-net-device on -netdev user (libslirp) through virtio-mmio: the
 * MAC in config space; an ARP request from the guest answered by slirp's
 * gateway (the reply waits in the net queue until the driver posts
 * receive buffers); a host TCP connection to a hostfwd port arriving at
 * the guest as a SYN to port 22 (slirp's sockets polled by the main
 * loop); -netdev option errors.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "hw/virtio/virtio-net.h"
#include "net/net.h"
#include "test-virtio-driver.h"

static const uint8_t guest_mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
#define RXBUF_SIZE 1526

typedef struct NetFx {
    VDrv d;
    NetClientState *netdev;
    int port;
    hwaddr rxbuf[4];
} NetFx;

static unsigned net_seq;

static int free_tcp_port(void)
{
    struct sockaddr_in sa = { .sin_family = AF_INET };
    socklen_t sl = sizeof(sa);
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;

    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&sa, &sl), ==, 0);
    port = ntohs(sa.sin_port);
    close(fd);
    return port;
}

static void net_setup(NetFx *f)
{
    GError *err = NULL;
    char *opts, *prop;
    const char *props[2] = { NULL };
    char *id = g_strdup_printf("tnet%u", net_seq++);

    memset(f, 0, sizeof(*f));
    vd_machine_init(&f->d, true);
    f->port = free_tcp_port();
    opts = g_strdup_printf("user,id=%s,hostfwd=tcp:127.0.0.1:%d-:22", id, f->port);
    f->netdev = netdev_add_from_opts(opts, &err);
    g_assert_no_error(err);
    g_assert_nonnull(f->netdev);
    g_assert_true(qemu_find_netdev(id) == f->netdev);
    prop = g_strdup_printf("netdev=%s", id);
    props[0] = prop;
    vd_plug(&f->d, &virtio_net_class, props);
    g_free(opts);
    g_free(prop);
    g_free(id);
}

static void net_start(NetFx *f)
{
    g_assert_true(vd_negotiate(&f->d, (1ULL << VIRTIO_F_VERSION_1) |
                                      (1ULL << VIRTIO_NET_F_MAC) |
                                      (1ULL << VIRTIO_NET_F_STATUS) |
                                      (1ULL << VIRTIO_RING_F_EVENT_IDX)));
    vd_queue_setup(&f->d, 0, 16);
    vd_queue_setup(&f->d, 1, 16);
    vd_driver_ok(&f->d);
    for (unsigned i = 0; i < 4; i++) {
        f->rxbuf[i] = vd_alloc(&f->d, RXBUF_SIZE);
    }
}

static void net_teardown(NetFx *f)
{
    vd_machine_fini(&f->d);
    qemu_del_net_client(f->netdev);
}

static void post_rx(NetFx *f, unsigned i)
{
    VDBuf b[1] = { { f->rxbuf[i], RXBUF_SIZE, true } };

    vd_add(&f->d, 0, b, 1);
}

static void send_frame(NetFx *f, const uint8_t *frame, size_t len)
{
    hwaddr a = vd_alloc(&f->d, 12 + len);
    uint8_t hdr[12] = { 0 };
    VDBuf b[2] = { { a, 12, false }, { a + 12, len, false } };

    vd_mem_write(a, hdr, 12);
    vd_mem_write(a + 12, frame, len);
    vd_add(&f->d, 1, b, 2);
    vd_kick(&f->d, 1);
    g_assert_true(vd_wait_used(&f->d, 1, NULL, NULL, 5000));
}

static size_t arp_request(uint8_t *p)
{
    static const uint8_t ip_guest[4] = { 10, 0, 2, 15 }, ip_gw[4] = { 10, 0, 2, 2 };

    memset(p, 0, 60);
    memset(p, 0xff, 6);
    memcpy(p + 6, guest_mac, 6);
    p[12] = 0x08; p[13] = 0x06;
    p[14] = 0; p[15] = 1;           /* Ethernet */
    p[16] = 0x08; p[17] = 0x00;     /* IPv4 */
    p[18] = 6; p[19] = 4;
    p[20] = 0; p[21] = 1;           /* request */
    memcpy(p + 22, guest_mac, 6);
    memcpy(p + 28, ip_guest, 4);
    memcpy(p + 38, ip_gw, 4);
    return 60;
}

/* Wait for a received frame; returns its length (after the header) into buf. */
static size_t recv_frame(NetFx *f, uint8_t *buf)
{
    uint32_t id = 0, len = 0;
    uint8_t hdr[12];

    g_assert_true(vd_wait_used(&f->d, 0, &id, &len, 5000));
    g_assert_cmpuint(len, >, 12);
    g_assert_cmpuint(len, <=, RXBUF_SIZE);
    /* Descriptor i holds rxbuf[i % 4] (one descriptor per buffer). */
    vd_mem_read(f->rxbuf[id % 4], hdr, 12);
    g_assert_cmpuint(hdr[0], ==, 0);                /* flags */
    g_assert_cmpuint(hdr[1], ==, 0);                /* GSO_NONE */
    g_assert_cmpuint(hdr[10] | (hdr[11] << 8), ==, 1);   /* num_buffers */
    vd_mem_read(f->rxbuf[id % 4] + 12, buf, len - 12);
    return len - 12;
}

static void test_config(void)
{
    NetFx f;
    uint8_t mac[6];
    uint64_t hf;

    net_setup(&f);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_DEVICE_ID), ==, VIRTIO_ID_NET);
    hf = vd_host_features(&f.d);
    g_assert_true(hf & (1ULL << VIRTIO_NET_F_MAC));
    g_assert_true(hf & (1ULL << VIRTIO_NET_F_STATUS));
    vd_mem_read(VD_MMIO_BASE + VIRTIO_MMIO_CONFIG, mac, 6);
    g_assert_cmpmem(mac, 6, guest_mac, 6);
    g_assert_cmpuint(vd_rd(&f.d, VIRTIO_MMIO_CONFIG + 4) >> 16, ==, VIRTIO_NET_S_LINK_UP);
    net_teardown(&f);
}

static void test_arp_and_hostfwd(void)
{
    NetFx f;
    uint8_t frame[1600];
    size_t len;
    int sock;
    struct sockaddr_in sa = { .sin_family = AF_INET };
    bool syn = false;

    net_setup(&f);
    net_start(&f);

    /* The gateway's ARP reply has nowhere to go yet: it waits. */
    len = arp_request(frame);
    send_frame(&f, frame, len);
    vd_idle(50);
    g_assert_cmpuint(vd_used_idx(&f.d, 0), ==, 0);

    for (unsigned i = 0; i < 4; i++) {
        post_rx(&f, i);
    }
    vd_kick(&f.d, 0);
    len = recv_frame(&f, frame);
    g_assert_cmpuint(len, >=, 42);
    g_assert_cmpmem(frame, 6, guest_mac, 6);
    g_assert_cmpuint(frame[12], ==, 0x08);
    g_assert_cmpuint(frame[13], ==, 0x06);
    g_assert_cmpuint(frame[21], ==, 2);                  /* reply */
    g_assert_cmpuint(frame[28], ==, 10);                 /* sender 10.0.2.2 */
    g_assert_cmpuint(frame[31], ==, 2);
    g_assert_cmpuint(frame[41], ==, 15);                 /* target 10.0.2.15 */

    /* A host connection to the forwarded port becomes a SYN to guest port 22. */
    sock = socket(AF_INET, SOCK_STREAM, 0);
    fcntl(sock, F_SETFL, O_NONBLOCK);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sa.sin_port = htons(f.port);
    g_assert_true(connect(sock, (struct sockaddr *)&sa, sizeof(sa)) == 0 ||
                  errno == EINPROGRESS);
    for (unsigned tries = 0; tries < 3 && !syn; tries++) {
        len = recv_frame(&f, frame);
        post_rx(&f, (3 + 1 + tries) % 4);
        vd_kick(&f.d, 0);
        if (len >= 54 && frame[12] == 0x08 && frame[13] == 0x00 && frame[23] == 6) {
            unsigned ihl = (frame[14] & 0xf) * 4;
            const uint8_t *tcp = frame + 14 + ihl;

            g_assert_cmpuint(frame[30], ==, 10);            /* dst 10.0.2.15 */
            g_assert_cmpuint(frame[33], ==, 15);
            g_assert_cmpuint((tcp[2] << 8) | tcp[3], ==, 22);
            g_assert_true(tcp[13] & 0x02);                /* SYN */
            syn = true;
        }
    }
    g_assert_true(syn);
    close(sock);
    net_teardown(&f);
}

/* MRG_RXBUF: a frame spread over several small buffers, num_buffers says how many. */
static void test_mergeable_rx(void)
{
    NetFx f;
    uint8_t frame[128], got[256];
    hwaddr mb[6];
    size_t len, pos = 0;
    unsigned nbuf;
    uint8_t hdr[12];
    VDBuf b[1];

    net_setup(&f);
    g_assert_true(vd_host_features(&f.d) & (1ULL << VIRTIO_NET_F_MRG_RXBUF));
    g_assert_true(vd_negotiate(&f.d, (1ULL << VIRTIO_F_VERSION_1) |
                                     (1ULL << VIRTIO_NET_F_MAC) |
                                     (1ULL << VIRTIO_NET_F_MRG_RXBUF)));
    vd_queue_setup(&f.d, 0, 16);
    vd_queue_setup(&f.d, 1, 16);
    vd_driver_ok(&f.d);
    for (unsigned i = 0; i < 6; i++) {
        mb[i] = vd_alloc(&f.d, 32);
    }
    /* One 32-byte buffer cannot hold header + ARP reply: the frame waits. */
    b[0] = (VDBuf){ mb[0], 32, true };
    vd_add(&f.d, 0, b, 1);
    vd_kick(&f.d, 0);
    len = arp_request(frame);
    send_frame(&f, frame, len);
    vd_idle(50);
    g_assert_cmpuint(vd_used_idx(&f.d, 0), ==, 0);

    for (unsigned i = 1; i < 6; i++) {
        b[0] = (VDBuf){ mb[i], 32, true };
        vd_add(&f.d, 0, b, 1);
    }
    vd_kick(&f.d, 0);
    g_assert_true(vd_wait_used(&f.d, 0, NULL, NULL, 5000));
    vd_mem_read(mb[0], hdr, 12);
    nbuf = hdr[10] | (hdr[11] << 8);
    g_assert_cmpuint(nbuf, >=, 2);
    g_assert_cmpuint(nbuf, <=, 6);
    /* All of the frame's buffers are published together. */
    g_assert_cmpuint(vd_used_idx(&f.d, 0), ==, nbuf);
    for (unsigned i = 0; i < nbuf; i++) {
        hwaddr e = f.d.q[0].used + 4 + 8 * i;
        uint32_t id = address_space_ldl_le(&address_space_memory, e, NULL);
        uint32_t l = address_space_ldl_le(&address_space_memory, e + 4, NULL);
        unsigned skip = i == 0 ? 12 : 0;

        g_assert_cmpuint(id, ==, i);           /* buffers in order */
        g_assert_cmpuint(l, <=, 32);
        g_assert_cmpuint(l, >, skip);
        vd_mem_read(mb[i] + skip, got + pos, l - skip);
        pos += l - skip;
    }
    g_assert_cmpuint(pos, >=, 42);
    g_assert_cmpmem(got, 6, guest_mac, 6);
    g_assert_cmpuint(got[12], ==, 0x08);
    g_assert_cmpuint(got[13], ==, 0x06);
    g_assert_cmpuint(got[21], ==, 2);
    g_assert_cmpuint(got[31], ==, 2);
    net_teardown(&f);
}

static void test_netdev_errors(void)
{
    GError *err = NULL;

    g_assert_null(netdev_add_from_opts("user,id=bad1,hostfwd=bogus", &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "hostfwd=bogus"));
    g_clear_error(&err);
    g_assert_null(netdev_add_from_opts("tap,id=bad2", &err));
    g_assert_nonnull(strstr(err->message, "'tap' is not supported"));
    g_clear_error(&err);
    g_assert_null(netdev_add_from_opts("user", &err));
    g_assert_nonnull(strstr(err->message, "id=ID is required"));
    g_clear_error(&err);
    g_assert_null(netdev_add_from_opts("user,id=bad3,net=10.0.2.0/40", &err));
    g_assert_nonnull(strstr(err->message, "net=10.0.2.0/40"));
    g_clear_error(&err);
    g_assert_null(netdev_add_from_opts("user,id=bad4,frobnicate=1", &err));
    g_assert_nonnull(strstr(err->message, "frobnicate"));
    g_clear_error(&err);
    g_assert_null(qemu_find_netdev("bad1"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/virtio-net/config", test_config);
    g_test_add_func("/virtio-net/arp-and-hostfwd", test_arp_and_hostfwd);
    g_test_add_func("/virtio-net/mergeable-rx", test_mergeable_rx);
    g_test_add_func("/virtio-net/netdev-errors", test_netdev_errors);
    return g_test_run();
}
