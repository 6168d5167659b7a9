/*
 * -netdev user: user-mode networking with libslirp.  The guest's frames go
 * to slirp_input(); slirp's frames for the guest come back through its
 * send_packet callback.  slirp's sockets are polled by a GSource on the
 * main loop's glib context (slirp_pollfds_fill in prepare, the sockets'
 * revents back through slirp_pollfds_poll in dispatch, which also runs its
 * TCP timers), and its timers are QEMUTimers.  All of it runs on the main
 * thread with the BQL.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libslirp.h>

#include "net/net.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "util/log.h"

#define NET_ERROR g_quark_from_static_string("net")

typedef struct SlirpState SlirpState;

typedef struct SlirpSource {
    GSource source;
    SlirpState *s;
} SlirpSource;

struct SlirpState {
    NetClientState *nc;
    Slirp *slirp;
    SlirpSource *src;
    GArray *pollfds;          /* GPollFD registered with src */
    int64_t deadline_ns;      /* slirp wants a poll by then (-1: none) */
    GString *desc;            /* for info network */
};

/* ---- polling ---- */

static int to_slirp_events(gushort g)
{
    return ((g & G_IO_IN) ? SLIRP_POLL_IN : 0) |
           ((g & G_IO_OUT) ? SLIRP_POLL_OUT : 0) |
           ((g & G_IO_PRI) ? SLIRP_POLL_PRI : 0) |
           ((g & G_IO_ERR) ? SLIRP_POLL_ERR : 0) |
           ((g & G_IO_HUP) ? SLIRP_POLL_HUP : 0);
}

static gushort to_glib_events(int e)
{
    return ((e & SLIRP_POLL_IN) ? G_IO_IN : 0) |
           ((e & SLIRP_POLL_OUT) ? G_IO_OUT : 0) |
           ((e & SLIRP_POLL_PRI) ? G_IO_PRI : 0) |
           ((e & SLIRP_POLL_ERR) ? G_IO_ERR : 0) |
           ((e & SLIRP_POLL_HUP) ? G_IO_HUP : 0);
}

static int add_poll_cb(int fd, int events, void *opaque)
{
    SlirpState *s = opaque;
    GPollFD pfd = { .fd = fd, .events = to_glib_events(events), .revents = 0 };

    g_array_append_val(s->pollfds, pfd);
    return s->pollfds->len - 1;
}

static int get_revents_cb(int idx, void *opaque)
{
    SlirpState *s = opaque;

    if (idx < 0 || (unsigned)idx >= s->pollfds->len) {
        return 0;
    }
    return to_slirp_events(g_array_index(s->pollfds, GPollFD, idx).revents);
}

static void polls_remove(SlirpState *s)
{
    for (unsigned i = 0; i < s->pollfds->len; i++) {
        g_source_remove_poll(&s->src->source, &g_array_index(s->pollfds, GPollFD, i));
    }
    g_array_set_size(s->pollfds, 0);
}

static gboolean slirp_src_prepare(GSource *source, gint *timeout)
{
    SlirpState *s = ((SlirpSource *)source)->s;
    uint32_t t = UINT32_MAX;

    /* The fd set changes with slirp's sockets: rebuild it every time.  The
     * array is not touched again until the next prepare, so the pointers
     * glib keeps stay valid through poll and check. */
    polls_remove(s);
    slirp_pollfds_fill(s->slirp, &t, add_poll_cb, s);
    for (unsigned i = 0; i < s->pollfds->len; i++) {
        g_source_add_poll(source, &g_array_index(s->pollfds, GPollFD, i));
    }
    if (t == UINT32_MAX) {
        s->deadline_ns = -1;
        *timeout = -1;
    } else {
        s->deadline_ns = qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + (int64_t)t * 1000000;
        *timeout = t > G_MAXINT ? G_MAXINT : (gint)t;
    }
    return t == 0;
}

static gboolean slirp_src_check(GSource *source)
{
    SlirpState *s = ((SlirpSource *)source)->s;

    for (unsigned i = 0; i < s->pollfds->len; i++) {
        if (g_array_index(s->pollfds, GPollFD, i).revents) {
            return TRUE;
        }
    }
    return s->deadline_ns >= 0 && qemu_clock_get_ns(QEMU_CLOCK_REALTIME) >= s->deadline_ns;
}

static gboolean slirp_src_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    SlirpState *s = ((SlirpSource *)source)->s;

    slirp_pollfds_poll(s->slirp, 0, get_revents_cb, s);
    /* Consumed: a stale revents must not make the next check true. */
    for (unsigned i = 0; i < s->pollfds->len; i++) {
        g_array_index(s->pollfds, GPollFD, i).revents = 0;
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs slirp_src_funcs = {
    .prepare = slirp_src_prepare,
    .check = slirp_src_check,
    .dispatch = slirp_src_dispatch,
};

/* ---- slirp callbacks ---- */

static ssize_t cb_send_packet(const void *buf, size_t len, void *opaque)
{
    SlirpState *s = opaque;

    qemu_send_packet(s->nc, buf, len);
    return len;
}

static void cb_guest_error(const char *msg, void *opaque)
{
    tern_log_mask(LOG_GUEST_ERROR, "netdev user: %s\n", msg);
}

static int64_t cb_clock_get_ns(void *opaque)
{
    return qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
}

typedef struct SlirpTimer {
    SlirpState *s;
    SlirpTimerId id;
    void *cb_opaque;
    QEMUTimer *timer;
} SlirpTimer;

static void slirp_timer_fire(void *opaque)
{
    SlirpTimer *t = opaque;

    slirp_handle_timer(t->s->slirp, t->id, t->cb_opaque);
}

static void *cb_timer_new_opaque(SlirpTimerId id, void *cb_opaque, void *opaque)
{
    SlirpTimer *t = g_new0(SlirpTimer, 1);

    t->s = opaque;
    t->id = id;
    t->cb_opaque = cb_opaque;
    t->timer = timer_new_ns(QEMU_CLOCK_REALTIME, slirp_timer_fire, t);
    return t;
}

static void cb_timer_free(void *timer, void *opaque)
{
    SlirpTimer *t = timer;

    timer_free(t->timer);
    g_free(t);
}

static void cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    SlirpTimer *t = timer;

    timer_mod(t->timer, expire_ms * 1000000);
}

static void cb_register_poll_fd(int fd, void *opaque)
{
    /* Polled through slirp_pollfds_fill. */
}

static void cb_unregister_poll_fd(int fd, void *opaque)
{
}

static void cb_notify(void *opaque)
{
    qemu_notify_event();
}

static const SlirpCb slirp_callbacks = {
    .send_packet = cb_send_packet,
    .guest_error = cb_guest_error,
    .clock_get_ns = cb_clock_get_ns,
    .timer_free = cb_timer_free,
    .timer_mod = cb_timer_mod,
    .register_poll_fd = cb_register_poll_fd,
    .unregister_poll_fd = cb_unregister_poll_fd,
    .notify = cb_notify,
    .timer_new_opaque = cb_timer_new_opaque,
};

/* ---- the net client ---- */

static ssize_t slirp_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
    SlirpState *s = nc->opaque;

    slirp_input(s->slirp, buf, len);
    return len;
}

static void slirp_nc_cleanup(NetClientState *nc)
{
    SlirpState *s = nc->opaque;

    polls_remove(s);
    g_source_destroy(&s->src->source);
    g_source_unref(&s->src->source);
    slirp_cleanup(s->slirp);
    g_array_free(s->pollfds, TRUE);
    g_string_free(s->desc, TRUE);
    g_free(s);
}

static void slirp_describe(NetClientState *nc, GString *out)
{
    g_string_append(out, ((SlirpState *)nc->opaque)->desc->str);
}

static const NetClientInfo slirp_info = {
    .type = "user",
    .receive = slirp_receive,
    .cleanup = slirp_nc_cleanup,
    .describe = slirp_describe,
};

/* ---- options ---- */

static bool parse_addr(const char *opt, const char *v, struct in_addr *out, GError **errp)
{
    if (inet_pton(AF_INET, v, out) != 1) {
        g_set_error(errp, NET_ERROR, 0, "-netdev user: %s=%s is not an IPv4 address",
                    opt, v);
        return false;
    }
    return true;
}

static bool parse_port(const char *spec, const char *s, int *port, GError **errp)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < 0 || v > 65535) {
        g_set_error(errp, NET_ERROR, 0, "-netdev user: hostfwd=%s: bad port '%s'",
                    spec, s);
        return false;
    }
    *port = v;
    return true;
}

/* [tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport */
static bool add_hostfwd(SlirpState *s, const char *spec, struct in_addr guest_default,
                        GError **errp)
{
    g_autofree char *copy = g_strdup(spec);
    char *p = copy, *colon, *dash, *gcolon;
    struct in_addr haddr = { .s_addr = INADDR_ANY }, gaddr = guest_default;
    int is_udp = 0, hport, gport;

    colon = strchr(p, ':');
    if (!colon) {
        goto bad;
    }
    *colon = '\0';
    if (strcmp(p, "udp") == 0) {
        is_udp = 1;
    } else if (*p && strcmp(p, "tcp") != 0) {
        goto bad;
    }
    p = colon + 1;
    dash = strchr(p, '-');
    if (!dash) {
        goto bad;
    }
    *dash = '\0';
    colon = strrchr(p, ':');
    if (!colon) {
        goto bad;
    }
    *colon = '\0';
    if (*p && !parse_addr("hostfwd host address", p, &haddr, errp)) {
        return false;
    }
    if (!parse_port(spec, colon + 1, &hport, errp)) {
        return false;
    }
    p = dash + 1;
    gcolon = strrchr(p, ':');
    if (!gcolon) {
        goto bad;
    }
    *gcolon = '\0';
    if (*p && !parse_addr("hostfwd guest address", p, &gaddr, errp)) {
        return false;
    }
    if (!parse_port(spec, gcolon + 1, &gport, errp)) {
        return false;
    }
    if (slirp_add_hostfwd(s->slirp, is_udp, haddr, hport, gaddr, gport) < 0) {
        g_set_error(errp, NET_ERROR, 0, "-netdev user: hostfwd=%s: could not listen "
                    "on host port %d (%s); choose another port", spec, hport,
                    g_strerror(errno));
        return false;
    }
    g_string_append_printf(s->desc, ", hostfwd=%s", spec);
    return true;
bad:
    g_set_error(errp, NET_ERROR, 0, "-netdev user: hostfwd=%s: expected "
                "[tcp|udp]:[hostaddr]:hostport-[guestaddr]:guestport", spec);
    return false;
}

NetClientState *net_init_slirp(const char *id, GHashTable *kv, GPtrArray *hostfwd,
                               GError **errp)
{
    SlirpConfig cfg = { .version = 4 };
    const char *v;
    struct in_addr net, mask, host, dhcp, dns;
    uint32_t base;
    unsigned prefix = 24;
    SlirpState *s;
    GHashTableIter it;
    gpointer key;
    static const char *const known[] = {
        "id", "net", "host", "dhcpstart", "dns", "restrict", "hostname", NULL
    };

    g_hash_table_iter_init(&it, kv);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        if (!g_strv_contains(known, key)) {
            g_set_error(errp, NET_ERROR, 0, "-netdev user: unknown option '%s' "
                        "(known: net, host, dhcpstart, dns, hostfwd, restrict, "
                        "hostname)", (const char *)key);
            return NULL;
        }
    }

    v = g_hash_table_lookup(kv, "net");
    if (!v) {
        v = "10.0.2.0/24";
    }
    {
        g_autofree char *addr = g_strdup(v);
        char *slash = strchr(addr, '/');

        if (slash) {
            char *end;
            long pl = strtol(slash + 1, &end, 10);

            *slash = '\0';
            if (*end || pl < 8 || pl > 30) {
                g_set_error(errp, NET_ERROR, 0, "-netdev user: net=%s: the prefix "
                            "length must be 8..30", v);
                return NULL;
            }
            prefix = pl;
        }
        if (!parse_addr("net", addr, &net, errp)) {
            return NULL;
        }
    }
    mask.s_addr = htonl(~0u << (32 - prefix));
    net.s_addr &= mask.s_addr;
    base = ntohl(net.s_addr);
    host.s_addr = htonl(base | 2);
    dns.s_addr = htonl(base | 3);
    dhcp.s_addr = htonl(base | 15);
    if ((v = g_hash_table_lookup(kv, "host")) && !parse_addr("host", v, &host, errp)) {
        return NULL;
    }
    if ((v = g_hash_table_lookup(kv, "dns")) && !parse_addr("dns", v, &dns, errp)) {
        return NULL;
    }
    if ((v = g_hash_table_lookup(kv, "dhcpstart")) &&
        !parse_addr("dhcpstart", v, &dhcp, errp)) {
        return NULL;
    }
    cfg.in_enabled = true;
    cfg.vnetwork = net;
    cfg.vnetmask = mask;
    cfg.vhost = host;
    cfg.vdhcp_start = dhcp;
    cfg.vnameserver = dns;
    cfg.vhostname = g_hash_table_lookup(kv, "hostname");
    v = g_hash_table_lookup(kv, "restrict");
    cfg.restricted = v && (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0);
    cfg.in6_enabled = false;

    s = g_new0(SlirpState, 1);
    s->pollfds = g_array_new(FALSE, TRUE, sizeof(GPollFD));
    s->deadline_ns = -1;
    s->desc = g_string_new(NULL);
    {
        char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN];

        inet_ntop(AF_INET, &net, a, sizeof(a));
        inet_ntop(AF_INET, &host, b, sizeof(b));
        g_string_append_printf(s->desc, "net=%s/%u, host=%s%s", a, prefix, b,
                               cfg.restricted ? ", restrict=on" : "");
    }
    s->slirp = slirp_new(&cfg, &slirp_callbacks, s);
    if (!s->slirp) {
        g_set_error(errp, NET_ERROR, 0, "-netdev user,id=%s: libslirp refused the "
                    "configuration", id);
        g_array_free(s->pollfds, TRUE);
        g_string_free(s->desc, TRUE);
        g_free(s);
        return NULL;
    }
    s->src = (SlirpSource *)g_source_new(&slirp_src_funcs, sizeof(SlirpSource));
    s->src->s = s;
    g_source_set_name(&s->src->source, "slirp");
    g_source_attach(&s->src->source, g_main_context_default());
    s->nc = qemu_new_net_client(&slirp_info, NULL, id, s);

    for (unsigned i = 0; hostfwd && i < hostfwd->len; i++) {
        if (!add_hostfwd(s, g_ptr_array_index(hostfwd, i), dhcp, errp)) {
            qemu_del_net_client(s->nc);
            return NULL;
        }
    }
    return s->nc;
}
