/*
 * pidfd_open and pidfd_send_signal: a forked child waiting in pause()
 * is killed through its pidfd.  Expected output recorded with
 * qemu-aarch64.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
int main(){ pid_t c = fork(); if (c == 0) { pause(); return 0; } int fd = syscall(SYS_pidfd_open, c, 0); printf("pidfd %s\n", fd >= 0 ? "ok" : "fail"); printf("send: %ld\n", syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0)); int st; waitpid(c, &st, 0); printf("child killed by %d\n", WTERMSIG(st)); }
