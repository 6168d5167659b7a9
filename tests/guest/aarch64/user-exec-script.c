/*
 * execve beyond the plain case, and waitid/wait4:
 *   - a "#!interpreter arg" script whose interpreter is this (AArch64)
 *     program: the child gets interpreter, arg, script, argv[1..];
 *   - a script whose interpreter is that script (nested, as Linux allows);
 *   - "#!/bin/sh" (the system's shell runs it), its exit status;
 *   - an executable file that is neither ELF nor script: ENOEXEC;
 *   - argv[0] is passed as given; the blocked signal mask survives exec;
 *   - waitid(P_PID) for an exit and for a death by signal (si_code,
 *     si_status, si_pid), wait4 with WNOHANG while the child runs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char dir[64];

static void put_file(const char *name, const char *text, char *path)
{
    int fd;

    snprintf(path, 128, "%s/%s", dir, name);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, text, strlen(text));
    close(fd);
}

/* Run path with argv in a child; report how it ended (waitid). */
static void run(const char *what, const char *path, char **argv)
{
    siginfo_t si;
    pid_t pid;

    pid = fork();
    if (pid == 0) {
        execve(path, argv, environ);
        printf("  execve failed: errno %d\n", errno);
        _exit(99);
    }
    memset(&si, 0, sizeof(si));
    if (waitid(P_PID, pid, &si, WEXITED) < 0) {
        perror("waitid");
        return;
    }
    printf("%s: code %d status %d pid ok %d\n", what, si.si_code, si.si_status,
           si.si_pid == pid);
}

int main(int argc, char **argv)
{
    char self[256], s1[128], s2[128], s3[128], plain[128], text[512];
    ssize_t n;

    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "--from-script")) {
        printf("  interpreted: argc %d arg '%s'", argc, argv[1]);
        for (int i = 2; i < argc; i++) {
            const char *b = strrchr(argv[i], '/');
            printf(" '%s'", b ? b + 1 : argv[i]);
        }
        printf("\n");
        return 3;
    }
    if (argc > 1 && !strcmp(argv[1], "--show")) {
        sigset_t cur;
        sigprocmask(SIG_BLOCK, NULL, &cur);
        printf("  argv[0] '%s', SIGUSR1 blocked %d, SIGUSR2 blocked %d\n",
               argv[0], sigismember(&cur, SIGUSR1), sigismember(&cur, SIGUSR2));
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "--die")) {
        kill(getpid(), SIGTERM);
        return 1;
    }

    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n < 0) {
        perror("readlink");
        return 1;
    }
    self[n] = 0;
    strcpy(dir, "/tmp/tern-exec-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }

    snprintf(text, sizeof(text), "#!%s  --from-script  \nnot read\n", self);
    put_file("script1", text, s1);
    run("script", s1, (char *[]){ "s1", "x", "y z", NULL });
    snprintf(text, sizeof(text), "#! %s\n", s1);
    put_file("script2", text, s2);
    run("nested script", s2, (char *[]){ "s2", "w", NULL });
    put_file("script3", "#!/bin/sh\necho '  shell script'; exit 5\n", s3);
    run("sh script", s3, (char *[]){ "s3", NULL });
    put_file("plain", "echo not a program\n", plain);
    run("plain text", plain, (char *[]){ "plain", NULL });

    {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR1);
        sigprocmask(SIG_BLOCK, &set, NULL);
        run("argv0 and mask", "/proc/self/exe",
            (char *[]){ "custom-name", "--show", NULL });
        sigprocmask(SIG_UNBLOCK, &set, NULL);
    }
    run("killed", "/proc/self/exe", (char *[]){ "x", "--die", NULL });

    {
        int st = 0, p[2];
        pid_t pid;
        pipe(p);
        pid = fork();
        if (pid == 0) {
            char c;
            read(p[0], &c, 1);
            _exit(4);
        }
        printf("WNOHANG while running: %d\n", (int)wait4(pid, &st, WNOHANG, NULL));
        write(p[1], "g", 1);
        printf("wait4: pid ok %d exited %d status %d\n",
               wait4(pid, &st, 0, NULL) == pid, WIFEXITED(st), WEXITSTATUS(st));
        printf("no children: %d errno %d\n", (int)wait4(-1, &st, 0, NULL), errno);
    }

    unlink(s1);
    unlink(s2);
    unlink(s3);
    unlink(plain);
    rmdir(dir);
    return 0;
}
