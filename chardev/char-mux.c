/*
 * The mux: one backend (usually stdio) shared by several frontends (the
 * serial port and the monitor), with QEMU's Ctrl-A escapes:
 *
 *   C-a h   help          C-a x   quit (shutdown request, cause host-ui)
 *   C-a c   next frontend C-a b   send a break to the focused frontend
 *   C-a a   a literal C-a (C-a C-a too)
 *   C-a s, C-a t          accepted and ignored: there is no -snapshot commit
 *                         and no timestamping yet
 *
 * Output from every frontend goes to the backend; input goes to the
 * focused one, through a small buffer per frontend so that escapes are
 * seen even while the focused frontend is briefly full.
 *
 * Focus: the first frontend attached has it (the serial port: the machine
 * is created before the monitors).  The mux "opens" on the first main loop
 * iteration, when every frontend is attached: the others are told
 * CHR_EVENT_MUX_OUT, then everyone CHR_EVENT_OPENED (so a monitor does not
 * print its prompt over the guest's console).  Ctrl-A c and
 * qemu_chr_fe_take_focus move the focus (MUX_OUT to the old, MUX_IN to
 * the new frontend).
 */
#include <string.h>

#include "chardev/chardev-internal.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

#define MUX_MAX 4
#define MUX_BUF 64
#define ESCAPE_CHAR 0x01

typedef struct MuxChardev {
    Chardev parent;
    Chardev *drv;
    CharBackend drv_be;          /* the mux as the backend's frontend */
    CharBackend *fe[MUX_MAX];
    int focus;                   /* -1: nobody */
    bool got_escape;
    bool opened;                 /* OPENED broadcast done */
    QEMUBH *open_bh;
    uint8_t buf[MUX_MAX][MUX_BUF];
    int len[MUX_MAX];
} MuxChardev;

static const ChardevClass mux_class;

bool chr_is_mux(Chardev *chr)
{
    return chr && chr->cls == &mux_class;
}

static void mux_send_event(MuxChardev *m, int i, QEMUChrEvent ev)
{
    CharBackend *be = m->fe[i];
    if (be && be->event) {
        be->event(be->opaque, ev);
    }
}

static void mux_set_focus(MuxChardev *m, int tag)
{
    int old = m->focus;

    if (tag == old) {
        return;
    }
    m->focus = tag;
    if (old >= 0) {
        mux_send_event(m, old, CHR_EVENT_MUX_OUT);
    }
    if (tag >= 0 && old >= 0) {
        mux_send_event(m, tag, CHR_EVENT_MUX_IN);
    }
}

void qemu_chr_fe_take_focus(CharBackend *be)
{
    if (chr_is_mux(be->chr)) {
        mux_set_focus((MuxChardev *)be->chr, be->tag);
    }
}

static void mux_flush(MuxChardev *m, int i)
{
    CharBackend *be = i >= 0 ? m->fe[i] : NULL;

    while (be && be->read && m->len[i] > 0) {
        int n = be->can_read ? be->can_read(be->opaque) : m->len[i];
        if (n <= 0) {
            return;
        }
        n = MIN(n, m->len[i]);
        be->read(be->opaque, m->buf[i], n);
        /* The handler may have detached the frontend. */
        if (m->fe[i] != be) {
            return;
        }
        memmove(m->buf[i], m->buf[i] + n, m->len[i] - n);
        m->len[i] -= n;
    }
}

static void mux_puts(MuxChardev *m, const char *s)
{
    qemu_chr_fe_write_all(&m->drv_be, (const uint8_t *)s, (int)strlen(s));
}

static void mux_help(MuxChardev *m)
{
    mux_puts(m, "\r\n"
             "C-a h    print this help\r\n"
             "C-a x    exit emulator\r\n"
             "C-a s    save disk data back to file (not supported; ignored)\r\n"
             "C-a t    toggle console timestamps (not supported; ignored)\r\n"
             "C-a b    send break (magic sysrq)\r\n"
             "C-a c    switch between console and monitor\r\n"
             "C-a a    sends C-a (so does C-a C-a)\r\n");
}

/* One input byte: -1 if it was an escape (consumed), else the byte to deliver. */
static int mux_proc_byte(MuxChardev *m, uint8_t ch)
{
    if (!m->got_escape) {
        if (ch == ESCAPE_CHAR) {
            m->got_escape = true;
            return -1;
        }
        return ch;
    }
    m->got_escape = false;
    switch (ch) {
    case ESCAPE_CHAR:
    case 'a':
        return ESCAPE_CHAR;
    case 'h':
    case '?':
        mux_help(m);
        break;
    case 'x':
        mux_puts(m, "tern: Terminated\r\n");
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    case 'b':
        if (m->focus >= 0) {
            mux_send_event(m, m->focus, CHR_EVENT_BREAK);
        }
        break;
    case 'c': {
        /* The next attached frontend after the focused one. */
        for (int k = 1; k <= MUX_MAX; k++) {
            int i = (m->focus + k) % MUX_MAX;
            if (m->fe[i]) {
                mux_set_focus(m, i);
                break;
            }
        }
        break;
    }
    default:
        break;                   /* s, t and unknown escapes: ignored */
    }
    return -1;
}

static int mux_can_read(void *opaque)
{
    MuxChardev *m = opaque;

    if (m->focus < 0) {
        return MUX_BUF;          /* escapes still work; data is dropped */
    }
    return MUX_BUF - m->len[m->focus];
}

static void mux_read(void *opaque, const uint8_t *buf, int size)
{
    MuxChardev *m = opaque;

    for (int k = 0; k < size; k++) {
        int c = mux_proc_byte(m, buf[k]);
        int f = m->focus;
        if (c >= 0 && f >= 0 && m->len[f] < MUX_BUF) {
            m->buf[f][m->len[f]++] = (uint8_t)c;
        }
        /* Deliver as we go so that a focus switch keeps the order. */
        if (c >= 0 && f >= 0) {
            mux_flush(m, f);
        }
    }
}

static void mux_event(void *opaque, QEMUChrEvent ev)
{
    MuxChardev *m = opaque;

    m->parent.be_open = m->drv->be_open;
    if (ev == CHR_EVENT_OPENED && !m->opened) {
        return;                  /* the open BH will announce it */
    }
    for (int i = 0; i < MUX_MAX; i++) {
        mux_send_event(m, i, ev);
    }
}

/* First main loop iteration: every frontend is attached by now. */
static void mux_open_bh(void *opaque)
{
    MuxChardev *m = opaque;

    m->opened = true;
    m->parent.be_open = m->drv->be_open;
    for (int i = 0; i < MUX_MAX; i++) {
        if (i != m->focus) {
            mux_send_event(m, i, CHR_EVENT_MUX_OUT);
        }
    }
    if (m->drv->be_open) {
        for (int i = 0; i < MUX_MAX; i++) {
            mux_send_event(m, i, CHR_EVENT_OPENED);
        }
    }
}

static int mux_write(Chardev *chr, const uint8_t *buf, int len)
{
    return qemu_chr_fe_write(&((MuxChardev *)chr)->drv_be, buf, len);
}

static int mux_out_fd(Chardev *chr)
{
    Chardev *drv = ((MuxChardev *)chr)->drv;
    return drv->cls->out_fd ? drv->cls->out_fd(drv) : -1;
}

static void mux_accept_input(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;
    mux_flush(m, m->focus);
}

static bool mux_fe_attach(Chardev *chr, CharBackend *be, GError **errp)
{
    MuxChardev *m = (MuxChardev *)chr;

    for (int i = 0; i < MUX_MAX; i++) {
        if (!m->fe[i]) {
            m->fe[i] = be;
            m->len[i] = 0;
            be->tag = i;
            return true;
        }
    }
    g_set_error(errp, CHARDEV_ERROR, 0,
                "mux chardev '%s' already has %d frontends", chr->label, MUX_MAX);
    return false;
}

static void mux_fe_detach(Chardev *chr, CharBackend *be)
{
    MuxChardev *m = (MuxChardev *)chr;
    int tag = be->tag;

    if (tag < 0 || tag >= MUX_MAX || m->fe[tag] != be) {
        return;
    }
    m->fe[tag] = NULL;
    m->len[tag] = 0;
    if (m->focus == tag) {
        m->focus = -1;
        for (int i = 0; i < MUX_MAX; i++) {
            if (m->fe[i]) {
                mux_set_focus(m, i);
                break;
            }
        }
    }
}

static void mux_fe_handlers_set(Chardev *chr, CharBackend *be)
{
    MuxChardev *m = (MuxChardev *)chr;

    if (!be->read && !be->event) {
        return;
    }
    if (m->focus < 0) {
        m->focus = be->tag;     /* the first frontend: no change to announce */
    } else if (m->opened && m->focus != be->tag) {
        /* Attached after the open: it starts without the focus. */
        mux_send_event(m, be->tag, CHR_EVENT_MUX_OUT);
    }
    if (m->opened && m->drv->be_open && be->event) {
        be->event(be->opaque, CHR_EVENT_OPENED);
    }
}

static void mux_destroy(Chardev *chr)
{
    MuxChardev *m = (MuxChardev *)chr;

    for (int i = 0; i < MUX_MAX; i++) {
        if (m->fe[i]) {
            m->fe[i]->chr = NULL;
            m->fe[i] = NULL;
        }
    }
    qemu_bh_delete(m->open_bh);
    qemu_chr_fe_deinit(&m->drv_be);
    qemu_chr_delete(m->drv);
}

static char *mux_describe(Chardev *chr)
{
    char *d = qemu_chr_describe(((MuxChardev *)chr)->drv);
    char *r = g_strdup_printf("mux:%s", d);
    g_free(d);
    return r;
}

static const ChardevClass mux_class = {
    .kind = "mux",
    .write = mux_write,
    .out_fd = mux_out_fd,
    .accept_input = mux_accept_input,
    .fe_attach = mux_fe_attach,
    .fe_detach = mux_fe_detach,
    .fe_handlers_set = mux_fe_handlers_set,
    .destroy = mux_destroy,
    .describe = mux_describe,
};

Chardev *chr_mux_open(const char *label, Chardev *drv, GError **errp)
{
    MuxChardev *m = (MuxChardev *)chr_alloc(&mux_class, sizeof(MuxChardev), label);

    m->drv = drv;
    m->focus = -1;
    if (!qemu_chr_fe_init(&m->drv_be, drv, errp)) {
        g_free(m->parent.label);
        g_free(m);
        return NULL;
    }
    qemu_chr_fe_set_handlers(&m->drv_be, mux_can_read, mux_read, mux_event, m);
    m->parent.be_open = drv->be_open;
    m->open_bh = qemu_bh_new(mux_open_bh, m);
    qemu_bh_schedule(m->open_bh);
    return &m->parent;
}
