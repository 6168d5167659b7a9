/*
 * The stdio chardev: input from fd 0, output to fd 1.
 *
 * On a terminal, stdin is put in raw mode (no echo, no line editing; with
 * signal=off, as for mon:stdio, Ctrl-C is passed to the guest too) and the
 * saved state is restored on every exit path: atexit, SIGINT/SIGTERM/SIGHUP
 * (the first asks the main loop to shut down, a second kills the process
 * the default way) and fatal signals (SIGSEGV, SIGABRT...: restore, then
 * die the default way).
 *
 * stdin need not be a terminal: a pipe works, and at end of file (or with
 * /dev/null) the input watch is removed, so there is no busy loop.
 * Output never blocks for long: it is written only when poll() says fd 1
 * can take it, and what does not fit is left to the caller.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/chardev-internal.h"
#include "sysemu/runstate.h"

typedef struct StdioChardev {
    Chardev parent;
    GSource *in_watch;
} StdioChardev;

static StdioChardev *stdio_instance;

static struct termios saved_tty;
static volatile sig_atomic_t tty_saved;
static volatile sig_atomic_t term_signals;

void chardev_stdio_restore_tty(void)
{
    if (tty_saved) {
        tcsetattr(0, TCSANOW, &saved_tty);
    }
}

static void term_signal_handler(int sig)
{
    chardev_stdio_restore_tty();
    if (term_signals++ == 0) {
        /* Only an atomic store and an eventfd write: signal safe. */
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void fatal_signal_handler(int sig)
{
    chardev_stdio_restore_tty();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_signal_handlers(bool tty)
{
    static const int term[] = { SIGINT, SIGTERM, SIGHUP };
    static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
    struct sigaction sa, old;

    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = term_signal_handler;
    for (unsigned i = 0; i < G_N_ELEMENTS(term); i++) {
        /* Leave a handler main() installed alone. */
        if (sigaction(term[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
            sigaction(term[i], &sa, NULL);
        }
    }
    if (!tty) {
        return;
    }
    sa.sa_handler = fatal_signal_handler;
    sa.sa_flags = SA_NODEFER;
    for (unsigned i = 0; i < G_N_ELEMENTS(fatal); i++) {
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
            sigaction(fatal[i], &sa, NULL);
        }
    }
}

static void set_raw(bool allow_signals)
{
    struct termios tty;

    if (tcgetattr(0, &saved_tty) < 0) {
        return;
    }
    tty = saved_tty;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                     ICRNL | IXON);
    tty.c_oflag |= OPOST;       /* keep \n -> \r\n for our own messages */
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (!allow_signals) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tty_saved = 1;
    atexit(chardev_stdio_restore_tty);
    tcsetattr(0, TCSANOW, &tty);
}

static void stdio_ready(Chardev *chr)
{
    StdioChardev *s = (StdioChardev *)chr;
    uint8_t buf[1024];
    int want = qemu_chr_be_can_write(chr);
    ssize_t n;

    if (want <= 0) {
        return;
    }
    n = read(0, buf, MIN((size_t)want, sizeof(buf)));
    if (n > 0) {
        qemu_chr_be_write(chr, buf, n);
        return;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    /* End of input (or a dead fd): stop polling it. */
    chr_watch_remove(&s->in_watch);
}

static int stdio_write(Chardev *chr, const uint8_t *buf, int len)
{
    struct pollfd p = { .fd = 1, .events = POLLOUT };
    ssize_t n;

    if (poll(&p, 1, 0) <= 0) {
        return 0;
    }
    if (p.revents & (POLLERR | POLLNVAL)) {
        return len;             /* nobody reads stdout any more: drop */
    }
    /* A pipe with room takes PIPE_BUF bytes without blocking. */
    n = write(1, buf, MIN(len, 512));
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) {
            return 0;
        }
        return errno == EPIPE ? len : -1;
    }
    return n;
}

static int stdio_out_fd(Chardev *chr)
{
    return 1;
}

static void stdio_destroy(Chardev *chr)
{
    StdioChardev *s = (StdioChardev *)chr;
    chr_watch_remove(&s->in_watch);
    chardev_stdio_restore_tty();
    if (stdio_instance == s) {
        stdio_instance = NULL;
    }
}

static const ChardevClass stdio_class = {
    .kind = "stdio",
    .write = stdio_write,
    .out_fd = stdio_out_fd,
    .destroy = stdio_destroy,
};

Chardev *chr_stdio_open(const char *label, const ChardevOpts *o, GError **errp)
{
    StdioChardev *s;
    bool tty = isatty(0);

    if (stdio_instance) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "stdio is already used by chardev '%s' (share it with "
                    "mon:stdio or -chardev stdio,mux=on)",
                    stdio_instance->parent.label);
        return NULL;
    }
    s = (StdioChardev *)chr_alloc(&stdio_class, sizeof(StdioChardev), label);
    if (tty && !tty_saved) {
        set_raw(o->signal);
    }
    install_signal_handlers(tty);
    s->in_watch = chr_watch_add(&s->parent, 0, stdio_ready);
    s->parent.be_open = true;
    stdio_instance = s;
    return &s->parent;
}
