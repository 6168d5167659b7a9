/*
 * Character devices: the registry of backends, the -serial and -chardev
 * parsers, the frontend API devices and the monitor use, the backend-side
 * helpers (input, events) and the input watch every fd backend shares.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib-unix.h>

#include "chardev/chardev-internal.h"
#include "hw/qdev.h"
#include "qemu/main-loop.h"

G_DEFINE_QUARK(tern-chardev-error-quark, chardev_error)

/* ---- registry ---- */

static GPtrArray *chardevs;       /* Chardev *, in creation order */

Chardev *chr_alloc(const ChardevClass *cls, size_t size, const char *label)
{
    Chardev *chr = g_malloc0(size);
    chr->cls = cls;
    chr->label = g_strdup(label);
    return chr;
}

void chr_register(Chardev *chr)
{
    if (!chardevs) {
        chardevs = g_ptr_array_new();
    }
    g_ptr_array_add(chardevs, chr);
}

Chardev *qemu_chr_find(const char *id)
{
    if (!chardevs || !id) {
        return NULL;
    }
    for (guint i = 0; i < chardevs->len; i++) {
        Chardev *chr = g_ptr_array_index(chardevs, i);
        if (strcmp(chr->label, id) == 0) {
            return chr;
        }
    }
    return NULL;
}

void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    if (!chardevs) {
        return;
    }
    for (guint i = 0; i < chardevs->len; i++) {
        fn(g_ptr_array_index(chardevs, i), opaque);
    }
}

const char *qemu_chr_label(Chardev *chr)
{
    return chr ? chr->label : NULL;
}

char *qemu_chr_describe(Chardev *chr)
{
    if (chr->cls->describe) {
        return chr->cls->describe(chr);
    }
    return g_strdup(chr->cls->kind);
}

void qemu_chr_delete(Chardev *chr)
{
    if (!chr) {
        return;
    }
    if (chardevs) {
        g_ptr_array_remove(chardevs, chr);
    }
    if (chr->be) {
        chr->be->chr = NULL;
        chr->be = NULL;
    }
    if (chr->cls->destroy) {
        chr->cls->destroy(chr);
    }
    g_free(chr->label);
    g_free(chr);
}

/* ---- backend side ---- */

int qemu_chr_be_can_write(Chardev *chr)
{
    CharBackend *be = chr->be;

    if (!be || !be->read) {
        return 0;
    }
    if (!be->can_read) {
        return 4096;
    }
    return be->can_read(be->opaque);
}

void qemu_chr_be_write(Chardev *chr, const uint8_t *buf, int len)
{
    CharBackend *be = chr->be;

    if (be && be->read && len > 0) {
        be->read(be->opaque, buf, len);
    }
}

void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event)
{
    CharBackend *be = chr->be;

    if (event == CHR_EVENT_OPENED) {
        chr->be_open = true;
    } else if (event == CHR_EVENT_CLOSED) {
        chr->be_open = false;
    }
    if (be && be->event) {
        be->event(be->opaque, event);
    }
}

/* ---- the input watch ----
 *
 * prepare() asks the frontend how much it can take; the fd is only in the
 * poll set while that is > 0.  (Leaving it in with no events would still
 * report POLLHUP and spin.)
 */
typedef struct ChrWatch {
    GSource source;
    Chardev *chr;
    int fd;
    gpointer tag;               /* NULL while not polled */
    ChrReadyFn *fn;
} ChrWatch;

static gboolean chr_watch_prepare(GSource *source, gint *timeout)
{
    ChrWatch *w = (ChrWatch *)source;
    bool want = qemu_chr_be_can_write(w->chr) > 0;

    *timeout = -1;
    if (want && !w->tag) {
        w->tag = g_source_add_unix_fd(source, w->fd,
                                      G_IO_IN | G_IO_HUP | G_IO_ERR);
    } else if (!want && w->tag) {
        g_source_remove_unix_fd(source, w->tag);
        w->tag = NULL;
    }
    return FALSE;
}

static gboolean chr_watch_check(GSource *source)
{
    ChrWatch *w = (ChrWatch *)source;
    return w->tag && g_source_query_unix_fd(source, w->tag) != 0;
}

static gboolean chr_watch_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    ChrWatch *w = (ChrWatch *)source;

    if (w->tag && g_source_query_unix_fd(source, w->tag) != 0 &&
        qemu_chr_be_can_write(w->chr) > 0) {
        w->fn(w->chr);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs chr_watch_funcs = {
    .prepare = chr_watch_prepare,
    .check = chr_watch_check,
    .dispatch = chr_watch_dispatch,
};

GSource *chr_watch_add(Chardev *chr, int fd, ChrReadyFn *fn)
{
    ChrWatch *w = (ChrWatch *)g_source_new(&chr_watch_funcs, sizeof(ChrWatch));

    w->chr = chr;
    w->fd = fd;
    w->fn = fn;
    g_source_attach(&w->source, g_main_context_default());
    qemu_notify_event();
    return &w->source;
}

void chr_watch_remove(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

/* ---- frontends ---- */

bool qemu_chr_fe_init(CharBackend *be, Chardev *chr, GError **errp)
{
    memset(be, 0, sizeof(*be));
    if (!chr) {
        return true;            /* an unconnected frontend: output is dropped */
    }
    if (chr->cls->fe_attach) {
        if (!chr->cls->fe_attach(chr, be, errp)) {
            return false;
        }
    } else {
        if (chr->be) {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "chardev '%s' is already in use by another device "
                        "(use a mux: -chardev ...,mux=on or mon:)", chr->label);
            return false;
        }
        chr->be = be;
    }
    be->chr = chr;
    return true;
}

void qemu_chr_fe_deinit(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (chr) {
        if (chr->cls->fe_detach) {
            chr->cls->fe_detach(chr, be);
        } else if (chr->be == be) {
            chr->be = NULL;
        }
    }
    memset(be, 0, sizeof(*be));
}

void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *can_read,
                              IOReadHandler *read, IOEventHandler *event,
                              void *opaque)
{
    Chardev *chr = be->chr;

    be->can_read = can_read;
    be->read = read;
    be->event = event;
    be->opaque = opaque;
    if (!chr) {
        return;
    }
    if (chr->cls->fe_handlers_set) {
        chr->cls->fe_handlers_set(chr, be);
    } else if (chr->be_open && event) {
        /* Attaching to a backend that is already up: say so. */
        event(opaque, CHR_EVENT_OPENED);
    }
    /* The input watches re-check can_read. */
    qemu_notify_event();
}

int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len)
{
    Chardev *chr = be->chr;

    if (!chr) {
        return len;
    }
    if (len <= 0) {
        return 0;
    }
    return chr->cls->write(chr, buf, len);
}

int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
    Chardev *chr = be->chr;
    int done = 0;

    if (!chr) {
        return len;
    }
    while (done < len) {
        int n = chr->cls->write(chr, buf + done, len - done);
        if (n < 0) {
            return done ? done : -1;
        }
        if (n == 0) {
            int fd = chr->cls->out_fd ? chr->cls->out_fd(chr) : -1;
            if (fd >= 0) {
                struct pollfd p = { .fd = fd, .events = POLLOUT };
                poll(&p, 1, 100);
            } else {
                g_usleep(1000);
            }
        }
        done += n;
    }
    return done;
}

void qemu_chr_fe_accept_input(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (chr && chr->cls->accept_input) {
        chr->cls->accept_input(chr);
    }
    qemu_notify_event();
}

typedef struct OutWatch {
    void (*fn)(void *opaque);
    void *opaque;
} OutWatch;

static gboolean out_watch_fire(gpointer data)
{
    OutWatch *w = data;
    w->fn(w->opaque);
    return G_SOURCE_REMOVE;
}

static gboolean out_watch_fd_fire(gint fd, GIOCondition cond, gpointer data)
{
    return out_watch_fire(data);
}

guint qemu_chr_fe_add_out_watch(CharBackend *be, void (*fn)(void *opaque),
                                void *opaque)
{
    Chardev *chr = be->chr;
    OutWatch *w = g_new0(OutWatch, 1);
    int fd = chr && chr->cls->out_fd ? chr->cls->out_fd(chr) : -1;
    guint id;

    w->fn = fn;
    w->opaque = opaque;
    if (fd >= 0) {
        id = g_unix_fd_add_full(G_PRIORITY_DEFAULT, fd,
                                G_IO_OUT | G_IO_ERR | G_IO_HUP,
                                out_watch_fd_fire, w, g_free);
    } else {
        id = g_timeout_add_full(G_PRIORITY_DEFAULT, 1, out_watch_fire, w, g_free);
    }
    qemu_notify_event();
    return id;
}

/* ---- parsing ---- */

static bool parse_bool(const char *opt, const char *key, const char *v,
                       bool *out, GError **errp)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false")) {
        *out = false;
        return true;
    }
    g_set_error(errp, CHARDEV_ERROR, 0,
                "%s: '%s' must be on or off, not '%s'", opt, key, v);
    return false;
}

/*
 * key=value pairs after the backend (or after the -serial address);
 * bare "server" and "nowait" are the legacy spellings.
 */
static bool parse_kv(const char *opt, char **items, ChardevOpts *o,
                     GError **errp)
{
    for (char **p = items; *p; p++) {
        char *item = *p, *eq = strchr(item, '=');
        const char *v;

        if (!eq) {
            if (!strcmp(item, "server")) {
                o->server = true;
            } else if (!strcmp(item, "nowait")) {
                o->wait = false;
                o->has_wait = true;
            } else if (!strcmp(item, "wait")) {
                o->wait = true;
                o->has_wait = true;
            } else if (*item) {
                g_set_error(errp, CHARDEV_ERROR, 0,
                            "%s: '%s' is not key=value", opt, item);
                return false;
            }
            continue;
        }
        *eq = '\0';
        v = eq + 1;
        if (!strcmp(item, "id")) {
            o->id = v;
        } else if (!strcmp(item, "path")) {
            o->path = v;
        } else if (!strcmp(item, "host")) {
            o->host = v;
        } else if (!strcmp(item, "port")) {
            o->port = v;
        } else if (!strcmp(item, "server")) {
            if (!parse_bool(opt, item, v, &o->server, errp)) {
                return false;
            }
        } else if (!strcmp(item, "wait")) {
            if (!parse_bool(opt, item, v, &o->wait, errp)) {
                return false;
            }
            o->has_wait = true;
        } else if (!strcmp(item, "signal")) {
            if (!parse_bool(opt, item, v, &o->signal, errp)) {
                return false;
            }
        } else if (!strcmp(item, "append")) {
            if (!parse_bool(opt, item, v, &o->append, errp)) {
                return false;
            }
        } else if (!strcmp(item, "mux")) {
            if (!parse_bool(opt, item, v, &o->mux, errp)) {
                return false;
            }
        } else {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "%s: unknown option '%s' (known: id, path, host, port, "
                        "server, wait, signal, append, mux)", opt, item);
            return false;
        }
    }
    return true;
}

static bool label_free(const char *opt, const char *label, GError **errp)
{
    if (qemu_chr_find(label)) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "%s: a chardev with id '%s' already exists", opt, label);
        return false;
    }
    return true;
}

/* Create the backend o->backend, wrapped in a mux if o->mux; registers. */
static Chardev *chr_create(const char *opt, const char *label,
                           const ChardevOpts *o, GError **errp)
{
    Chardev *chr;
    char *base_label = o->mux ? g_strdup_printf("%s-base", label) : g_strdup(label);

    if (!label_free(opt, label, errp) || !label_free(opt, base_label, errp)) {
        g_free(base_label);
        return NULL;
    }
    if (!strcmp(o->backend, "null")) {
        chr = chr_null_open(base_label, o, errp);
    } else if (!strcmp(o->backend, "file")) {
        chr = chr_file_open(base_label, o, errp);
    } else if (!strcmp(o->backend, "stdio")) {
        chr = chr_stdio_open(base_label, o, errp);
    } else if (!strcmp(o->backend, "pty")) {
        chr = chr_pty_open(base_label, o, errp);
    } else if (!strcmp(o->backend, "socket")) {
        chr = chr_socket_open(base_label, o, errp);
    } else {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "%s: unknown backend '%s' (known: stdio, file, pty, socket, null)",
                    opt, o->backend);
        chr = NULL;
    }
    g_free(base_label);
    if (!chr) {
        return NULL;
    }
    chr_register(chr);
    if (o->mux) {
        Chardev *mux = chr_mux_open(label, chr, errp);
        if (!mux) {
            qemu_chr_delete(chr);
            return NULL;
        }
        chr_register(mux);
        return mux;
    }
    return chr;
}

static void prefix_error(GError **errp, const char *prefix)
{
    if (errp && *errp) {
        g_prefix_error(errp, "%s", prefix);
    }
}

Chardev *qemu_chr_new_from_opts(const char *opts, GError **errp)
{
    char **items = g_strsplit(opts ? opts : "", ",", -1);
    ChardevOpts o = { .wait = true, .signal = true };
    char *opt = NULL;
    Chardev *chr = NULL;

    if (!items[0] || !*items[0]) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "-chardev: missing backend (e.g. -chardev stdio,id=ID)");
        goto out;
    }
    o.backend = items[0];
    opt = g_strdup_printf("-chardev %s", o.backend);
    if (!parse_kv(opt, items + 1, &o, errp)) {
        goto out;
    }
    if (!o.id || !*o.id) {
        g_set_error(errp, CHARDEV_ERROR, 0, "%s: id=ID is required", opt);
        goto out;
    }
    chr = chr_create(opt, o.id, &o, errp);
out:
    g_free(opt);
    g_strfreev(items);
    return chr;
}

/* unix:PATH,opts or tcp:HOST:PORT,opts -> a socket ChardevOpts. */
static bool parse_socket_compat(const char *what, const char *spec, char **items,
                                ChardevOpts *o, GError **errp)
{
    o->backend = "socket";
    if (!strcmp(what, "unix")) {
        o->path = spec;
        if (!*spec) {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "-serial unix: missing socket path (unix:PATH,server,nowait)");
            return false;
        }
    } else {
        char *colon = strrchr(spec, ':');
        if (!colon || !colon[1]) {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "-serial tcp:%s: expected tcp:HOST:PORT (HOST may be empty)",
                        spec);
            return false;
        }
        *colon = '\0';
        o->host = spec;
        o->port = colon + 1;
    }
    return parse_kv("-serial socket", items, o, errp);
}

Chardev *qemu_chr_new(const char *label, const char *spec, GError **errp)
{
    ChardevOpts o = { .wait = true, .signal = true };
    char *copy, **items = NULL;
    const char *p;
    Chardev *chr = NULL;

    if (!spec || !*spec) {
        g_set_error(errp, CHARDEV_ERROR, 0, "empty chardev specification");
        return NULL;
    }
    if (!strcmp(spec, "none")) {
        return NULL;            /* no device at all; *errp untouched */
    }
    if (g_str_has_prefix(spec, "chardev:")) {
        chr = qemu_chr_find(spec + 8);
        if (!chr) {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "'%s': no chardev with id '%s' (define it with -chardev ...,id=%s)",
                        spec, spec + 8, spec + 8);
        }
        return chr;
    }
    if (g_str_has_prefix(spec, "mon:")) {
        spec += 4;
        o.mux = true;
        /* The monitor shares stdio: Ctrl-C goes to the guest (QEMU does
         * the same for mon:stdio); Ctrl-A x quits. */
        if (!strcmp(spec, "stdio")) {
            o.signal = false;
        }
    }
    copy = g_strdup(spec);
    items = g_strsplit(copy, ",", -1);
    p = items[0];
    if (!strcmp(p, "stdio") || !strcmp(p, "null") || !strcmp(p, "pty")) {
        o.backend = p;
        if (!parse_kv("-serial", items + 1, &o, errp)) {
            goto out;
        }
    } else if (g_str_has_prefix(p, "file:")) {
        o.backend = "file";
        o.path = p + 5;
        if (!*o.path) {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "'%s': missing file name (file:PATH)", spec);
            goto out;
        }
        if (!parse_kv("-serial file", items + 1, &o, errp)) {
            goto out;
        }
    } else if (g_str_has_prefix(p, "unix:")) {
        if (!parse_socket_compat("unix", items[0] + 5, items + 1, &o, errp)) {
            goto out;
        }
    } else if (g_str_has_prefix(p, "tcp:")) {
        if (!parse_socket_compat("tcp", items[0] + 4, items + 1, &o, errp)) {
            goto out;
        }
    } else {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "'%s': unknown character device (expected stdio, mon:stdio, "
                    "file:PATH, pty, null, none, unix:PATH[,server][,nowait], "
                    "tcp:[HOST]:PORT[,server][,nowait] or chardev:ID)", spec);
        goto out;
    }
    chr = chr_create("-serial", label, &o, errp);
    if (!chr) {
        char *pre = g_strdup_printf("'%s': ", spec);
        prefix_error(errp, pre);
        g_free(pre);
    }
out:
    g_strfreev(items);
    g_free(copy);
    return chr;
}

/* ---- qdev link kind "chardev" ---- */

static void *chardev_link_resolve(const char *id, DeviceState *dev, GError **errp)
{
    Chardev *chr = qemu_chr_find(id);

    if (!chr) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "chardev=%s: no chardev with that id (define it with "
                    "-chardev ...,id=%s)", id, id);
    }
    return chr;
}

static void chardev_link_register(void)
{
    qdev_register_link_kind("chardev", chardev_link_resolve);
}
type_init(chardev_link_register)
