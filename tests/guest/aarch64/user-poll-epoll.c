/*
 * epoll (arm64's 16-byte struct epoll_event: the 64-bit data must come
 * back whole), eventfd2, select (pselect6) with and without a signal
 * mask, and sockets: an AF_UNIX stream server (bind/listen/accept4/
 * connect/getsockname/getpeername), a socketpair passing a descriptor
 * with SCM_RIGHTS (sendmsg/recvmsg), sendto/recvfrom on a datagram
 * pair, getsockopt/setsockopt, shutdown.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void check_epoll(void)
{
    int p[2], q[2], ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev, out[8];
    int n;

    printf("epoll_event size %zu\n", sizeof(struct epoll_event));
    if (ep < 0 || pipe(p) || pipe(q)) {
        perror("setup");
        return;
    }
    ev.events = EPOLLIN;
    ev.data.u64 = 0x1122334455667788ull;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xfedcba9876543210ull;
    epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev);
    printf("add twice: %d errno %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, q[0], &ev),
           errno);
    printf("nothing ready: %d\n", epoll_wait(ep, out, 8, 0));
    write(p[1], "a", 1);
    write(q[1], "b", 1);
    n = epoll_wait(ep, out, 8, 100);
    printf("ready: %d\n", n);
    /* The kernel's order: the order in which they became ready. */
    for (int i = 0; i < n; i++) {
        printf("  events 0x%x data 0x%016llx\n", out[i].events,
               (unsigned long long)out[i].data.u64);
    }
    n = epoll_wait(ep, out, 8, 0);
    printf("again (edge-triggered one gone): %d data 0x%016llx\n", n,
           (unsigned long long)out[0].data.u64);
    epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);
    printf("after DEL: %d\n", epoll_wait(ep, out, 8, 0));
    printf("maxevents 0: %d errno %d\n", epoll_wait(ep, out, 0, 0), errno);
    close(ep);
}

static void check_eventfd(void)
{
    int fd = eventfd(3, EFD_NONBLOCK);
    uint64_t v = 5;

    write(fd, &v, 8);
    v = 0;
    printf("eventfd read %zd value %llu\n", read(fd, &v, 8),
           (unsigned long long)v);
    printf("eventfd empty %zd errno %d\n", read(fd, &v, 8), errno);
    close(fd);
}

static void check_select(void)
{
    int p[2];
    fd_set r, w;
    struct timeval tv = { 0, 10000 };
    struct timespec ts = { 0, 0 };
    sigset_t mask;

    pipe(p);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    printf("select empty: %d\n", select(p[0] + 1, &r, NULL, NULL, &tv));
    write(p[1], "z", 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    FD_ZERO(&w);
    FD_SET(p[1], &w);
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    printf("pselect: %d", pselect(p[1] + 1, &r, &w, NULL, &ts, &mask));
    printf(" read %d write %d\n", FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
    close(p[0]);
    close(p[1]);
}

static void check_sockets(void)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX }, b;
    socklen_t len, alen;
    int srv, cli, con, sv[2], type, rcvbuf, one = 1;
    char buf[64], ctl[CMSG_SPACE(sizeof(int))];
    struct iovec iov = { buf, sizeof(buf) };
    struct msghdr m = { 0 };
    struct cmsghdr *c;
    int p[2];

    /* An abstract name (no file left behind), unique to this process. */
    alen = offsetof(struct sockaddr_un, sun_path) + 1 +
           snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "tern-user-poll-%d",
                    (int)getpid());
    srv = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    printf("bind %d listen %d\n",
           bind(srv, (struct sockaddr *)&a, alen),
           listen(srv, 4));
    cli = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("connect %d\n",
           connect(cli, (struct sockaddr *)&a, alen));
    len = sizeof(b);
    con = accept4(srv, (struct sockaddr *)&b, &len, SOCK_NONBLOCK);
    printf("accept4 %s len %u\n", con >= 0 ? "ok" : "failed", len);
    len = sizeof(b);
    getsockname(srv, (struct sockaddr *)&b, &len);
    printf("getsockname same name: %d\n", len == alen && !memcmp(&a, &b, len));
    len = sizeof(b);
    printf("getpeername %d", getpeername(cli, (struct sockaddr *)&b, &len));
    printf(" same name: %d\n", len == alen && !memcmp(&a, &b, len));
    printf("send %zd\n", send(cli, "over the socket", 15, 0));
    memset(buf, 0, sizeof(buf));
    printf("recv %zd '%s'\n", recv(con, buf, sizeof(buf), 0), buf);
    printf("recv again %zd errno %d (EAGAIN %d)\n", recv(con, buf, sizeof(buf), 0),
           errno, EAGAIN);
    len = sizeof(type);
    getsockopt(cli, SOL_SOCKET, SO_TYPE, &type, &len);
    printf("SO_TYPE %d len %u\n", type, len);
    setsockopt(cli, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
    len = sizeof(rcvbuf);
    printf("SO_PASSCRED get %d", getsockopt(cli, SOL_SOCKET, SO_PASSCRED, &rcvbuf, &len));
    printf(" = %d\n", rcvbuf);
    printf("shutdown %d, recv after peer shutdown %zd\n", shutdown(cli, SHUT_WR),
           recv(con, buf, sizeof(buf), 0));
    close(cli);
    close(con);
    close(srv);

    /* SCM_RIGHTS over a socketpair. */
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    pipe(p);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    iov.iov_len = 4;
    memcpy(buf, "fd!", 4);
    m.msg_control = ctl;
    m.msg_controllen = sizeof(ctl);
    c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &p[1], sizeof(int));
    printf("sendmsg %zd\n", sendmsg(sv[0], &m, 0));
    memset(&m, 0, sizeof(m));
    memset(ctl, 0, sizeof(ctl));
    iov.iov_len = sizeof(buf);
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = ctl;
    m.msg_controllen = sizeof(ctl);
    printf("recvmsg %zd '%s' controllen %zu", recvmsg(sv[1], &m, 0), buf,
           (size_t)m.msg_controllen);
    c = CMSG_FIRSTHDR(&m);
    if (c && c->cmsg_type == SCM_RIGHTS) {
        int fd;
        memcpy(&fd, CMSG_DATA(c), sizeof(int));
        write(fd, "via passed fd", 13);
        memset(buf, 0, sizeof(buf));
        read(p[0], buf, sizeof(buf));
        printf(" -> '%s'\n", buf);
    } else {
        printf(" (no descriptor)\n");
    }
    close(sv[0]);
    close(sv[1]);

    socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
    printf("sendto %zd", sendto(sv[0], "dgram", 5, 0, NULL, 0));
    memset(buf, 0, sizeof(buf));
    len = sizeof(b);
    printf(" recvfrom %zd '%s'\n", recvfrom(sv[1], buf, sizeof(buf), 0,
                                           (struct sockaddr *)&b, &len), buf);
    printf("bad buffer: %zd errno %d\n", send(sv[0], (void *)16, 4, 0), errno);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    check_epoll();
    check_eventfd();
    check_select();
    check_sockets();
    return 0;
}
