/*
 * Networking: a backend (-netdev user,...) and a NIC (virtio-net-device)
 * are two NetClientStates, each other's peer.  Either side sends Ethernet
 * frames with qemu_send_packet(); the peer's receive() takes them, or,
 * while the peer cannot receive (a NIC without posted buffers), they wait
 * in the peer's queue until it calls qemu_flush_queued_packets().
 *
 *   -netdev user,id=ID[,net=10.0.2.0/24][,host=ADDR][,dhcpstart=ADDR][,dns=ADDR]
 *                [,hostfwd=tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...
 *                [,restrict=on|off][,hostname=NAME]
 *   -device virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]
 *
 * Devices find backends through the qdev link kind "netdev".
 * Everything runs on the main thread with the BQL held.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct NetClientState NetClientState;

typedef struct NetClientInfo {
    const char *type;                 /* "user", "nic" */
    /* A frame from the peer; returns len (taken), 0 (cannot take it now:
     * queue it) or a negative errno (dropped). */
    ssize_t (*receive)(NetClientState *nc, const uint8_t *buf, size_t len);
    /* Optional: false while receive would return 0. */
    bool (*can_receive)(NetClientState *nc);
    /* Optional: free backend state (called by qemu_del_net_client). */
    void (*cleanup)(NetClientState *nc);
    /* Optional: one line for `info network`. */
    void (*describe)(NetClientState *nc, GString *out);
} NetClientInfo;

struct NetClientState {
    const NetClientInfo *info;
    char *name;                       /* the -netdev id, or the NIC's name */
    NetClientState *peer;
    void *opaque;
    GQueue incoming;                  /* frames waiting for this client */
    size_t incoming_bytes;
    uint64_t rx_packets, tx_packets, dropped;
    bool is_netdev;                   /* a backend from -netdev */
};

/* Create a client; with peer, the two become peers (peer must be free). */
NetClientState *qemu_new_net_client(const NetClientInfo *info, NetClientState *peer,
                                    const char *name, void *opaque);
void qemu_del_net_client(NetClientState *nc);

/* Send a frame to nc's peer (no peer: dropped).  Returns len, or 0 if queued. */
ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf, size_t len);
/* nc can receive again: deliver what waits in its queue. */
void qemu_flush_queued_packets(NetClientState *nc);

/* -netdev TYPE,id=ID,... ; "help" lists the types. */
NetClientState *netdev_add_from_opts(const char *opts, GError **errp);
NetClientState *qemu_find_netdev(const char *id);
/* Free every backend (exit). */
void net_cleanup(void);
/* `info network`. */
void net_info_print(GString *out);

/* Backend constructors (net/slirp.c); kv holds the parsed options. */
NetClientState *net_init_slirp(const char *id, GHashTable *kv, GPtrArray *hostfwd,
                               GError **errp);

#endif /* NET_NET_H */
