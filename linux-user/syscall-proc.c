/*
 * Processes: execve, wait4, waitid.
 *
 * execve of an AArch64 program keeps it under tern: the host runs this
 * tern-aarch64 binary again (its /proc/self/exe, found at start-up) with
 * the options of the current run and the guest's filename, argv and envp.
 * The file is examined first, as Linux's binfmt handlers would:
 *
 *   AArch64 ELF        tern-aarch64 [options] -0 argv[0] file argv[1..]
 *   x86-64 ELF         the host runs it itself (this host's binfmt)
 *   other ELF, other   -ENOEXEC (the guest's shell then tries sh)
 *   "#!interp [arg]"   interp [arg] file argv[1..], with interp looked up
 *                      in the sysroot first and examined the same way
 *                      (up to 4 levels of scripts, then -ELOOP)
 *
 * "/proc/self/exe" names the current guest program.  A file that does not
 * exist, is not executable or is a directory gives -ENOENT/-EACCES as
 * access(X_OK) says, and the guest goes on running.
 *
 * wait4 and waitid pass through: arm64's struct rusage (144 bytes), the
 * status word and siginfo_t (128 bytes) have x86-64's layout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/log.h"
#include "linux-user/user-internal.h"

#define EM_AARCH64_NUM  183
#define EM_X86_64_NUM   62
#define BINPRM_BUF      256
#define MAX_SCRIPT_DEPTH 4

/* A growable NULL-terminated vector of strings (not owned). */
typedef struct StrVec {
    const char **v;
    size_t n, cap;
} StrVec;

static void sv_push(StrVec *s, const char *str)
{
    if (s->n + 2 > s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->v = realloc(s->v, s->cap * sizeof(char *));
        if (!s->v) {
            fprintf(stderr, USER_PROG ": out of memory\n");
            abort();
        }
    }
    s->v[s->n++] = str;
    s->v[s->n] = NULL;
}

/* The guest's NULL-terminated array of string pointers; 0 or -EFAULT. */
static int get_guest_strv(uint64_t uv, StrVec *out)
{
    sv_push(out, NULL);     /* allocate, keep the terminator */
    out->n = 0;
    if (!uv) {
        return 0;           /* Linux accepts a NULL argv/envp */
    }
    for (uint64_t i = 0;; i++) {
        uint64_t p;
        const char *s;

        if (copy_from_user(&p, uv + 8 * i, 8)) {
            return -EFAULT;
        }
        if (!p) {
            return 0;
        }
        s = lock_user_string(p);
        if (!s) {
            return -EFAULT;
        }
        if (i >= (1u << 20)) {
            return -E2BIG;
        }
        sv_push(out, s);
    }
}

enum { KIND_AARCH64, KIND_HOST, KIND_SCRIPT };

/*
 * What kind of program is host path `file`: a KIND_*, or -errno.  For a
 * script, buf holds its first line, NUL-terminated.
 */
static int classify(const char *file, char *buf, size_t *len)
{
    struct stat st;
    ssize_t n;
    int fd;

    if (access(file, X_OK) < 0) {
        return -errno;
    }
    if (stat(file, &st) < 0) {
        return -errno;
    }
    if (!S_ISREG(st.st_mode)) {
        return -EACCES;
    }
    fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -errno;
    }
    n = pread(fd, buf, BINPRM_BUF - 1, 0);
    close(fd);
    if (n < 0) {
        return -errno;
    }
    buf[n] = 0;
    *len = (size_t)n;
    if (n >= 20 && !memcmp(buf, "\177ELF", 4)) {
        unsigned machine = (uint8_t)buf[18] | (uint8_t)buf[19] << 8;
        unsigned type = (uint8_t)buf[16] | (uint8_t)buf[17] << 8;

        if (buf[4] != 2 || buf[5] != 1 || (type != 2 && type != 3)) {
            return -ENOEXEC;    /* not a 64-bit little-endian executable */
        }
        if (machine == EM_AARCH64_NUM) {
            return KIND_AARCH64;
        }
        if (machine == EM_X86_64_NUM) {
            return KIND_HOST;
        }
        return -ENOEXEC;
    }
    if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
        return KIND_SCRIPT;
    }
    return -ENOEXEC;
}

/*
 * Split "#!interp arg\n" as Linux does: interp up to the first blank,
 * the rest of the line (blanks trimmed at both ends) is one argument.
 * Returns false when there is no interpreter.
 */
static bool parse_shebang(char *buf, size_t len, char **interp, char **arg)
{
    char *p = buf + 2, *end = memchr(buf, '\n', len);
    char *e;

    if (!end) {
        end = buf + len;
    }
    *end = 0;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    if (!*p) {
        return false;
    }
    *interp = p;
    while (*p && *p != ' ' && *p != '\t') {
        p++;
    }
    *arg = NULL;
    if (*p) {
        *p++ = 0;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        e = p + strlen(p);
        while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
            *--e = 0;
        }
        if (*p) {
            *arg = p;
        }
    }
    return true;
}

/* The host file for a guest path: the guest program itself, or the sysroot's. */
static const char *host_file(const char *gpath, char *buf, size_t len)
{
    if (is_proc_self_exe(gpath)) {
        return user_config.exec_path;
    }
    return user_path(gpath, buf, len);
}

int64_t do_execve(uint64_t upath, uint64_t uargv, uint64_t uenvp)
{
    StrVec argv = { 0 }, envp = { 0 }, hargv = { 0 };
    char hbuf[PATH_MAX], line[MAX_SCRIPT_DEPTH][BINPRM_BUF];
    const char *gpath = lock_user_string(upath);
    const char *file;
    int64_t ret;
    int kind, depth = 0;
    size_t len = 0;

    if (!gpath) {
        return -EFAULT;
    }
    ret = get_guest_strv(uargv, &argv);
    if (!ret) {
        ret = get_guest_strv(uenvp, &envp);
    }
    if (ret) {
        goto out;
    }
    file = host_file(gpath, hbuf, sizeof(hbuf));
    for (;;) {
        char *interp, *arg;
        StrVec nargv = { 0 };

        kind = classify(file, line[depth], &len);
        if (kind < 0) {
            ret = kind;
            goto out;
        }
        if (kind != KIND_SCRIPT) {
            break;
        }
        if (depth == MAX_SCRIPT_DEPTH - 1) {
            ret = -ELOOP;
            goto out;
        }
        if (!parse_shebang(line[depth], len, &interp, &arg)) {
            ret = -ENOEXEC;
            goto out;
        }
        /* interp [arg] script argv[1..] */
        sv_push(&nargv, interp);
        if (arg) {
            sv_push(&nargv, arg);
        }
        sv_push(&nargv, gpath);
        for (size_t i = 1; i < argv.n; i++) {
            sv_push(&nargv, argv.v[i]);
        }
        free(argv.v);
        argv = nargv;
        gpath = interp;
        depth++;
        /* The interpreter: the sysroot's if it exists, else the host's. */
        file = host_file(gpath, hbuf, sizeof(hbuf));
    }

    fflush(NULL);
    if (kind == KIND_HOST) {
        execve(file, (char *const *)argv.v, (char *const *)envp.v);
        ret = -errno;
        goto out;
    }
    sv_push(&hargv, user_config.tern_path);
    for (int i = 0; i < user_config.exec_nopts; i++) {
        sv_push(&hargv, user_config.exec_opts[i]);
    }
    sv_push(&hargv, "-0");
    sv_push(&hargv, argv.n ? argv.v[0] : "");
    sv_push(&hargv, "--");
    sv_push(&hargv, file);
    for (size_t i = 1; i < argv.n; i++) {
        sv_push(&hargv, argv.v[i]);
    }
    execve(user_config.tern_path, (char *const *)hargv.v,
           (char *const *)envp.v);
    ret = -errno;
    tern_log_mask(LOG_UNIMP, "execve: cannot run %s again: %s\n",
                  user_config.tern_path, strerror(errno));
out:
    free(argv.v);
    free(envp.v);
    free(hargv.v);
    return ret;
}

int64_t do_wait4(int pid, uint64_t ustatus, int options, uint64_t urusage)
{
    void *status = NULL, *ru = NULL;

    if (ustatus && !(status = lock_user(ustatus, 4, PAGE_WRITE))) {
        return -EFAULT;
    }
    if (urusage && !(ru = lock_user(urusage, 144, PAGE_WRITE))) {
        return -EFAULT;
    }
    {
        long r = safe_syscall(SYS_wait4, pid, status, options, ru);
        return r < 0 ? -errno : r;
    }
}

int64_t do_waitid(int idtype, int id, uint64_t uinfo, int options,
                  uint64_t urusage)
{
    void *info = NULL, *ru = NULL;
    long r;

    if (uinfo && !(info = lock_user(uinfo, 128, PAGE_WRITE))) {
        return -EFAULT;
    }
    if (urusage && !(ru = lock_user(urusage, 144, PAGE_WRITE))) {
        return -EFAULT;
    }
    r = safe_syscall(SYS_waitid, idtype, id, info, options, ru);
    return r < 0 ? -errno : r;
}
