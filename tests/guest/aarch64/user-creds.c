/*
 * Credentials: set*uid/set*gid with the ids the process already has (so
 * it works as any user), getres*id, setfsuid returning the old id, and
 * posix_spawn with POSIX_SPAWN_RESETIDS (glibc's child calls setresuid,
 * which GNU make's recipes depend on).  In a second thread as well:
 * glibc runs a set*id call in every thread (signal 33).  Expected output
 * recorded with qemu-aarch64.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/fsuid.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *idle(void *arg)
{
    (void)arg;
    usleep(200000);
    return NULL;
}

int main(void)
{
    uid_t u = getuid(), r, e, s;
    gid_t g = getgid(), rg, eg, sg;
    posix_spawnattr_t at;
    pthread_t th;
    pid_t pid;
    int st;
    char *argv[] = { "/bin/true", NULL };

    printf("setresuid: %d\n", setresuid((uid_t)-1, u, (uid_t)-1));
    printf("setresgid: %d\n", setresgid((gid_t)-1, g, (gid_t)-1));
    printf("setreuid: %d\n", setreuid((uid_t)-1, u));
    printf("setregid: %d\n", setregid((gid_t)-1, g));
    printf("setuid: %d\n", setuid(u));
    printf("setgid: %d\n", setgid(g));
    getresuid(&r, &e, &s);
    getresgid(&rg, &eg, &sg);
    printf("ids unchanged: %s\n",
           r == u && e == u && s == u && rg == g && eg == g && sg == g ? "yes" : "no");
    printf("setfsuid returns the old one: %s\n", setfsuid(u) == (int)u ? "yes" : "no");
    printf("setfsgid returns the old one: %s\n", setfsgid(g) == (int)g ? "yes" : "no");

    pthread_create(&th, NULL, idle, NULL);
    printf("setuid with two threads: %d\n", setuid(u));
    pthread_join(th, NULL);

    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_RESETIDS);
    printf("posix_spawn RESETIDS: %d\n",
           posix_spawn(&pid, "/bin/true", NULL, &at, argv, environ));
    waitpid(pid, &st, 0);
    printf("child exit status: %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
