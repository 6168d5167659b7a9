/*
 * The pty chardev: a pseudo-terminal pair whose slave side (/dev/pts/N,
 * printed at start like QEMU does) the user opens with screen/minicom.
 *
 * Whether someone has the slave open is learnt from the master: poll()
 * reports POLLHUP while nobody does.  Then the master is not watched (it
 * would report HUP forever) but re-checked by a timer; output is dropped
 * so that a later client does not get a stale screenful.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/chardev-internal.h"
#include "qemu/timer.h"

#define PTY_POLL_NS (200 * 1000 * 1000LL)

typedef struct PtyChardev {
    Chardev parent;
    int fd;                     /* master */
    char *slave;
    bool connected;
    GSource *in_watch;
    QEMUTimer *timer;
} PtyChardev;

static bool pty_peer_present(PtyChardev *p)
{
    struct pollfd pfd = { .fd = p->fd, .events = POLLIN };

    if (poll(&pfd, 1, 0) < 0) {
        return false;
    }
    return !(pfd.revents & POLLHUP);
}

static void pty_ready(Chardev *chr);

static void pty_set_connected(PtyChardev *p, bool connected)
{
    if (connected == p->connected) {
        return;
    }
    p->connected = connected;
    if (connected) {
        timer_del(p->timer);
        p->in_watch = chr_watch_add(&p->parent, p->fd, pty_ready);
        qemu_chr_be_event(&p->parent, CHR_EVENT_OPENED);
    } else {
        chr_watch_remove(&p->in_watch);
        timer_mod(p->timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + PTY_POLL_NS);
        qemu_chr_be_event(&p->parent, CHR_EVENT_CLOSED);
    }
}

static void pty_timer(void *opaque)
{
    PtyChardev *p = opaque;

    if (pty_peer_present(p)) {
        pty_set_connected(p, true);
    } else {
        timer_mod(p->timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + PTY_POLL_NS);
    }
}

static void pty_ready(Chardev *chr)
{
    PtyChardev *p = (PtyChardev *)chr;
    uint8_t buf[1024];
    int want = qemu_chr_be_can_write(chr);
    ssize_t n;

    if (want <= 0) {
        return;
    }
    n = read(p->fd, buf, MIN((size_t)want, sizeof(buf)));
    if (n > 0) {
        qemu_chr_be_write(chr, buf, n);
        return;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    /* EIO: the last slave fd was closed. */
    pty_set_connected(p, false);
}

static int pty_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *p = (PtyChardev *)chr;
    ssize_t n;

    if (!p->connected) {
        if (!pty_peer_present(p)) {
            return len;
        }
        pty_set_connected(p, true);
    }
    n = write(p->fd, buf, len);
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) {
            return 0;
        }
        pty_set_connected(p, false);
        return len;
    }
    return n;
}

static int pty_out_fd(Chardev *chr)
{
    return ((PtyChardev *)chr)->fd;
}

static void pty_destroy(Chardev *chr)
{
    PtyChardev *p = (PtyChardev *)chr;

    chr_watch_remove(&p->in_watch);
    timer_free(p->timer);
    close(p->fd);
    g_free(p->slave);
}

static char *pty_describe(Chardev *chr)
{
    return g_strdup_printf("pty:%s", ((PtyChardev *)chr)->slave);
}

static const ChardevClass pty_class = {
    .kind = "pty",
    .write = pty_write,
    .out_fd = pty_out_fd,
    .destroy = pty_destroy,
    .describe = pty_describe,
};

Chardev *chr_pty_open(const char *label, const ChardevOpts *o, GError **errp)
{
    PtyChardev *p;
    struct termios tty;
    const char *name;
    int fd, sfd;

    fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0 || grantpt(fd) < 0 || unlockpt(fd) < 0 || !(name = ptsname(fd))) {
        g_set_error(errp, CHARDEV_ERROR, 0, "pty: cannot create a pseudo-terminal: %s",
                    g_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return NULL;
    }
    /* Raw mode on the slave side, so bytes pass unchanged both ways. */
    sfd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (sfd >= 0) {
        if (tcgetattr(sfd, &tty) == 0) {
            cfmakeraw(&tty);
            tcsetattr(sfd, TCSAFLUSH, &tty);
        }
        close(sfd);
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);

    p = (PtyChardev *)chr_alloc(&pty_class, sizeof(PtyChardev), label);
    p->fd = fd;
    p->slave = g_strdup(name);
    p->timer = timer_new_ns(QEMU_CLOCK_REALTIME, pty_timer, p);
    fprintf(stderr, "char device redirected to %s (label %s)\n", p->slave,
            label);
    if (pty_peer_present(p)) {
        pty_set_connected(p, true);
    } else {
        timer_mod(p->timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + PTY_POLL_NS);
    }
    return &p->parent;
}
