/*
 * Network clients and the frames between them (include/net/net.h):
 * the -netdev registry, option parsing, peer delivery with a bounded
 * per-client queue for frames the receiver cannot take yet, and the qdev
 * link kind "netdev".
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "hw/qdev.h"
#include "net/net.h"

/* A receiver that stays blocked must not make us hoard memory. */
#define NET_QUEUE_MAX_PACKETS 1024
#define NET_QUEUE_MAX_BYTES   (4u << 20)

#define NET_ERROR g_quark_from_static_string("net")

static GPtrArray *netdevs;       /* NetClientState * created by -netdev */

typedef struct NetPacket {
    size_t len;
    uint8_t data[];
} NetPacket;

NetClientState *qemu_new_net_client(const NetClientInfo *info, NetClientState *peer,
                                    const char *name, void *opaque)
{
    NetClientState *nc = g_new0(NetClientState, 1);

    nc->info = info;
    nc->name = g_strdup(name);
    nc->opaque = opaque;
    g_queue_init(&nc->incoming);
    if (peer) {
        g_assert(!peer->peer);
        nc->peer = peer;
        peer->peer = nc;
    }
    return nc;
}

static void queue_purge(NetClientState *nc)
{
    NetPacket *p;

    while ((p = g_queue_pop_head(&nc->incoming))) {
        g_free(p);
    }
    nc->incoming_bytes = 0;
}

void qemu_del_net_client(NetClientState *nc)
{
    if (!nc) {
        return;
    }
    if (nc->peer) {
        /* Frames queued for the peer came from us; they may go. */
        queue_purge(nc->peer);
        nc->peer->peer = NULL;
        nc->peer = NULL;
    }
    if (nc->info->cleanup) {
        nc->info->cleanup(nc);
    }
    if (netdevs) {
        g_ptr_array_remove(netdevs, nc);
    }
    queue_purge(nc);
    g_free(nc->name);
    g_free(nc);
}

static bool client_can_receive(NetClientState *nc)
{
    return !nc->info->can_receive || nc->info->can_receive(nc);
}

static void enqueue(NetClientState *to, const uint8_t *buf, size_t len)
{
    NetPacket *p;

    if (g_queue_get_length(&to->incoming) >= NET_QUEUE_MAX_PACKETS ||
        to->incoming_bytes + len > NET_QUEUE_MAX_BYTES) {
        to->dropped++;
        return;
    }
    p = g_malloc(sizeof(*p) + len);
    p->len = len;
    memcpy(p->data, buf, len);
    g_queue_push_tail(&to->incoming, p);
    to->incoming_bytes += len;
}

ssize_t qemu_send_packet(NetClientState *nc, const uint8_t *buf, size_t len)
{
    NetClientState *peer = nc->peer;
    ssize_t ret;

    nc->tx_packets++;
    if (!peer) {
        return len;                    /* nobody listens: gone, like on a wire */
    }
    /* Keep the order: nothing overtakes frames already waiting. */
    if (!g_queue_is_empty(&peer->incoming) || !client_can_receive(peer)) {
        enqueue(peer, buf, len);
        return 0;
    }
    ret = peer->info->receive(peer, buf, len);
    if (ret == 0) {
        enqueue(peer, buf, len);
        return 0;
    }
    if (ret < 0) {
        peer->dropped++;
    } else {
        peer->rx_packets++;
    }
    return len;
}

void qemu_flush_queued_packets(NetClientState *nc)
{
    NetPacket *p;

    while ((p = g_queue_peek_head(&nc->incoming))) {
        ssize_t ret;

        if (!client_can_receive(nc)) {
            return;
        }
        ret = nc->info->receive(nc, p->data, p->len);
        if (ret == 0) {
            return;
        }
        g_queue_pop_head(&nc->incoming);
        nc->incoming_bytes -= p->len;
        if (ret < 0) {
            nc->dropped++;
        } else {
            nc->rx_packets++;
        }
        g_free(p);
    }
}

/* ---- -netdev ---- */

NetClientState *qemu_find_netdev(const char *id)
{
    for (unsigned i = 0; netdevs && i < netdevs->len; i++) {
        NetClientState *nc = g_ptr_array_index(netdevs, i);

        if (strcmp(nc->name, id) == 0) {
            return nc;
        }
    }
    return NULL;
}

NetClientState *netdev_add_from_opts(const char *opts, GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(opts, ",", -1);
    g_autoptr(GHashTable) kv = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                     g_free, g_free);
    g_autoptr(GPtrArray) hostfwd = g_ptr_array_new_with_free_func(g_free);
    const char *type = NULL, *id;
    NetClientState *nc;

    for (unsigned i = 0; parts[i]; i++) {
        char *eq = strchr(parts[i], '=');

        if (i == 0 && !eq) {
            type = parts[i];
            continue;
        }
        if (!eq) {
            g_set_error(errp, NET_ERROR, 0, "-netdev %s: '%s' is not key=value",
                        opts, parts[i]);
            return NULL;
        }
        *eq = '\0';
        if (strcmp(parts[i], "type") == 0) {
            type = eq + 1;
        } else if (strcmp(parts[i], "hostfwd") == 0) {
            g_ptr_array_add(hostfwd, g_strdup(eq + 1));
        } else {
            g_hash_table_replace(kv, g_strdup(parts[i]), g_strdup(eq + 1));
        }
    }
    if (!type || !*type) {
        g_set_error(errp, NET_ERROR, 0, "-netdev %s: the backend type is missing "
                    "(-netdev user,id=ID)", opts);
        return NULL;
    }
    if (strcmp(type, "help") == 0) {
        printf("Available netdev backend types:\nuser\n");
        return NULL;
    }
    id = g_hash_table_lookup(kv, "id");
    if (!id || !*id) {
        g_set_error(errp, NET_ERROR, 0, "-netdev %s: id=ID is required", opts);
        return NULL;
    }
    if (qemu_find_netdev(id)) {
        g_set_error(errp, NET_ERROR, 0, "-netdev %s: a netdev with id '%s' exists "
                    "already", opts, id);
        return NULL;
    }
    if (strcmp(type, "user") == 0) {
        nc = net_init_slirp(id, kv, hostfwd, errp);
    } else {
        g_set_error(errp, NET_ERROR, 0, "-netdev %s: backend type '%s' is not "
                    "supported (only 'user')", opts, type);
        return NULL;
    }
    if (!nc) {
        return NULL;
    }
    nc->is_netdev = true;
    if (!netdevs) {
        netdevs = g_ptr_array_new();
    }
    g_ptr_array_add(netdevs, nc);
    return nc;
}

void net_cleanup(void)
{
    while (netdevs && netdevs->len) {
        qemu_del_net_client(g_ptr_array_index(netdevs, netdevs->len - 1));
    }
}

void net_info_print(GString *out)
{
    for (unsigned i = 0; netdevs && i < netdevs->len; i++) {
        NetClientState *nc = g_ptr_array_index(netdevs, i);

        g_string_append_printf(out, "%s: type=%s", nc->name, nc->info->type);
        if (nc->info->describe) {
            g_string_append(out, ", ");
            nc->info->describe(nc, out);
        }
        g_string_append_printf(out, "\n  \\ peer: %s (tx %" G_GUINT64_FORMAT
                               ", rx %" G_GUINT64_FORMAT ", dropped %" G_GUINT64_FORMAT
                               ")\n", nc->peer ? nc->peer->name : "none",
                               nc->tx_packets, nc->rx_packets, nc->dropped);
    }
}

/* ---- qdev link kind "netdev" ---- */

static void *netdev_link_resolve(const char *id, DeviceState *dev, GError **errp)
{
    NetClientState *nc = qemu_find_netdev(id);

    if (!nc) {
        g_set_error(errp, NET_ERROR, 0, "netdev=%s: no netdev with that id (define "
                    "it with -netdev user,id=%s)", id, id);
        return NULL;
    }
    if (nc->peer) {
        g_set_error(errp, NET_ERROR, 0, "netdev=%s: already connected to %s", id,
                    nc->peer->name);
        return NULL;
    }
    return nc;
}

static void net_link_register(void)
{
    qdev_register_link_kind("netdev", netdev_link_resolve);
}
type_init(net_link_register)
