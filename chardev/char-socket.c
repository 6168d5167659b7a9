/*
 * The socket chardev: a unix or TCP stream socket, as a server (one client
 * at a time; after it leaves, the next one is accepted) or as a client.
 *
 *   unix:PATH,server[,nowait]          -chardev socket,id=X,path=PATH,server=on[,wait=off]
 *   tcp:[HOST]:PORT,server[,nowait]    -chardev socket,id=X,host=H,port=P,server=on[,wait=off]
 *
 * A server waits for its first client before startup continues unless
 * wait=off (nowait), as QEMU does.  Output while no client is connected is
 * dropped; output the socket cannot take right now is left to the caller.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "chardev/chardev-internal.h"
#include "qemu/main-loop.h"

typedef struct SocketChardev {
    Chardev parent;
    bool is_unix;
    bool server;
    char *path;
    char *host;
    char *port;
    int listen_fd;
    int fd;                     /* the connected peer, -1 when none */
    GSource *in_watch;
} SocketChardev;

static void sock_ready(Chardev *chr);
static void sock_accept(void *opaque);

static void sock_connected(SocketChardev *s, int fd)
{
    s->fd = fd;
    if (s->listen_fd >= 0) {
        /* One client at a time: stop accepting while it is here. */
        qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
    }
    s->in_watch = chr_watch_add(&s->parent, fd, sock_ready);
    qemu_chr_be_event(&s->parent, CHR_EVENT_OPENED);
}

static void sock_disconnect(SocketChardev *s)
{
    if (s->fd < 0) {
        return;
    }
    chr_watch_remove(&s->in_watch);
    close(s->fd);
    s->fd = -1;
    if (s->server && s->listen_fd >= 0) {
        qemu_set_fd_handler(s->listen_fd, sock_accept, NULL, s);
    }
    qemu_chr_be_event(&s->parent, CHR_EVENT_CLOSED);
}

static void sock_accept(void *opaque)
{
    SocketChardev *s = opaque;
    int fd;

    if (s->fd >= 0) {
        return;
    }
    fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
        sock_connected(s, fd);
    }
}

static void sock_ready(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;
    uint8_t buf[4096];
    int want = qemu_chr_be_can_write(chr);
    ssize_t n;

    if (want <= 0 || s->fd < 0) {
        return;
    }
    n = recv(s->fd, buf, MIN((size_t)want, sizeof(buf)), 0);
    if (n > 0) {
        qemu_chr_be_write(chr, buf, n);
        return;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return;
    }
    sock_disconnect(s);
}

static int sock_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = (SocketChardev *)chr;
    ssize_t n;

    if (s->fd < 0) {
        return len;             /* nobody listening: dropped */
    }
    n = send(s->fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) {
            return 0;
        }
        sock_disconnect(s);
        return len;
    }
    return n;
}

static int sock_out_fd(Chardev *chr)
{
    return ((SocketChardev *)chr)->fd;
}

static char *sock_describe(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    if (s->is_unix) {
        return g_strdup_printf("unix:%s%s", s->path, s->server ? ",server=on" : "");
    }
    return g_strdup_printf("tcp:%s:%s%s", s->host ? s->host : "", s->port,
                           s->server ? ",server=on" : "");
}

static void sock_destroy(Chardev *chr)
{
    SocketChardev *s = (SocketChardev *)chr;

    chr_watch_remove(&s->in_watch);
    if (s->fd >= 0) {
        close(s->fd);
    }
    if (s->listen_fd >= 0) {
        qemu_set_fd_handler(s->listen_fd, NULL, NULL, NULL);
        close(s->listen_fd);
        if (s->is_unix) {
            unlink(s->path);
        }
    }
    g_free(s->path);
    g_free(s->host);
    g_free(s->port);
}

static const ChardevClass socket_class = {
    .kind = "socket",
    .write = sock_write,
    .out_fd = sock_out_fd,
    .destroy = sock_destroy,
    .describe = sock_describe,
};

static int unix_socket(SocketChardev *s, GError **errp)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    struct stat st;
    int fd;

    if (strlen(s->path) >= sizeof(sa.sun_path)) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "socket path '%s' is too long (at most %zu bytes)",
                    s->path, sizeof(sa.sun_path) - 1);
        return -1;
    }
    strcpy(sa.sun_path, s->path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        g_set_error(errp, CHARDEV_ERROR, 0, "socket: %s", g_strerror(errno));
        return -1;
    }
    if (s->server) {
        /* A stale socket from an earlier run is replaced (as QEMU does). */
        if (lstat(s->path, &st) == 0 && S_ISSOCK(st.st_mode)) {
            unlink(s->path);
        }
        if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0) {
            g_set_error(errp, CHARDEV_ERROR, 0, "cannot listen on unix:%s: %s",
                        s->path, g_strerror(errno));
            close(fd);
            return -1;
        }
    } else if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        g_set_error(errp, CHARDEV_ERROR, 0, "cannot connect to unix:%s: %s",
                    s->path, g_strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int tcp_socket(SocketChardev *s, GError **errp)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
        .ai_flags = s->server ? AI_PASSIVE : 0,
    };
    struct addrinfo *res, *ai;
    const char *host = s->host && *s->host ? s->host : NULL;
    int fd = -1, err = 0, rc;

    rc = getaddrinfo(host ? host : (s->server ? NULL : "localhost"), s->port,
                     &hints, &res);
    if (rc != 0) {
        g_set_error(errp, CHARDEV_ERROR, 0, "tcp:%s:%s: %s", host ? host : "",
                    s->port, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int one = 1;
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        if (s->server) {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
            if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0) {
                break;
            }
        } else if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        g_set_error(errp, CHARDEV_ERROR, 0, "cannot %s tcp:%s:%s: %s",
                    s->server ? "listen on" : "connect to", host ? host : "",
                    s->port, g_strerror(err));
        return -1;
    }
    if (s->server) {
        /* port=0 picks a free port: report the real one. */
        struct sockaddr_storage ss;
        socklen_t len = sizeof(ss);
        char serv[NI_MAXSERV];
        if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0 &&
            getnameinfo((struct sockaddr *)&ss, len, NULL, 0, serv, sizeof(serv),
                        NI_NUMERICSERV) == 0) {
            g_free(s->port);
            s->port = g_strdup(serv);
        }
    }
    return fd;
}

Chardev *chr_socket_open(const char *label, const ChardevOpts *o, GError **errp)
{
    SocketChardev *s;
    int fd;

    if (!o->path && !(o->port && *o->port)) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "socket: give path=PATH (unix) or host=HOST,port=PORT (tcp)");
        return NULL;
    }
    if (o->path && o->port) {
        g_set_error(errp, CHARDEV_ERROR, 0,
                    "socket: path= and port= cannot both be given");
        return NULL;
    }
    s = (SocketChardev *)chr_alloc(&socket_class, sizeof(SocketChardev), label);
    s->is_unix = o->path != NULL;
    s->server = o->server;
    s->path = g_strdup(o->path);
    s->host = g_strdup(o->host);
    s->port = g_strdup(o->port);
    s->listen_fd = -1;
    s->fd = -1;

    fd = s->is_unix ? unix_socket(s, errp) : tcp_socket(s, errp);
    if (fd < 0) {
        g_free(s->path);
        g_free(s->host);
        g_free(s->port);
        g_free(s->parent.label);
        g_free(s);
        return NULL;
    }
    if (!s->server) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        sock_connected(s, fd);
        return &s->parent;
    }
    s->listen_fd = fd;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (o->wait) {
        char *d = sock_describe(&s->parent);
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int cfd = -1;

        fprintf(stderr, "tern: waiting for connection on: %s\n", d);
        g_free(d);
        while (cfd < 0) {
            /* A signal (Ctrl-C) while waiting: give up. */
            if (poll(&p, 1, -1) < 0) {
                break;
            }
            cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (cfd < 0 && errno != EAGAIN && errno != EINTR &&
                errno != ECONNABORTED) {
                break;
            }
        }
        if (cfd < 0) {
            g_set_error(errp, CHARDEV_ERROR, 0,
                        "interrupted while waiting for a connection");
            sock_destroy(&s->parent);
            g_free(s->parent.label);
            g_free(s);
            return NULL;
        }
        sock_connected(s, cfd);
        return &s->parent;
    }
    qemu_set_fd_handler(fd, sock_accept, NULL, s);
    return &s->parent;
}
