/*
 * The guest's view of its own /proc files.
 *
 * /proc/self/maps, /proc/self/auxv and /proc/self/cmdline (also spelled
 * /proc/thread-self/..., /proc/<pid>/... with our pid) would show tern's
 * host process: host addresses, tern's binary, tern's auxv and argv.
 * openat() of one of them instead returns a memfd holding what Linux
 * would show the guest:
 *
 *   maps     the host's own maps lines for mappings inside the guest
 *            reservation (so file names, offsets, devices and inodes are
 *            the real ones), with guest addresses, split where the guest
 *            page flags differ and with the guest's permissions (the host
 *            ones differ: guest code is not host-executable, pages with
 *            code may be write-protected); [heap] and [stack] named.
 *   auxv     the auxiliary vector the program was started with.
 *   cmdline  the guest's argv, NUL-terminated strings.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "exec/exec-all.h"
#include "linux-user/user-internal.h"

static uint8_t *saved_auxv;
static size_t saved_auxv_len;

void proc_save_auxv(uint64_t addr, uint64_t len)
{
    free(saved_auxv);
    saved_auxv = malloc(len ? len : 1);
    saved_auxv_len = 0;
    if (saved_auxv && copy_from_user(saved_auxv, addr, len) == 0) {
        saved_auxv_len = len;
    }
}

/* "maps" etc. if path is /proc/{self,thread-self,<pid>,<tid>}/name. */
static const char *proc_self_file(const char *path)
{
    const char *p;
    char *end;
    long pid;

    if (strncmp(path, "/proc/", 6)) {
        return NULL;
    }
    p = path + 6;
    if (!strncmp(p, "self/", 5)) {
        return p + 5;
    }
    if (!strncmp(p, "thread-self/", 12)) {
        return p + 12;
    }
    pid = strtol(p, &end, 10);
    if (end != p && *end == '/' &&
        (pid == getpid() || (thread_ts && pid == thread_ts->tid))) {
        return end + 1;
    }
    return NULL;
}

static void put_line(FILE *f, uint64_t start, uint64_t end, int flags,
                     char shared, unsigned long long off, const char *dev,
                     const char *ino, const char *name)
{
    int n;

    n = fprintf(f, "%08llx-%08llx %c%c%c%c %08llx %s %s",
                (unsigned long long)start, (unsigned long long)end,
                flags & PAGE_READ ? 'r' : '-', flags & PAGE_WRITE ? 'w' : '-',
                flags & PAGE_EXEC ? 'x' : '-', shared, off, dev, ino);
    if (name && *name) {
        /* Linux pads to a fixed column before the name. */
        fprintf(f, "%*s%s", n < 73 ? 73 - n : 1, "", name);
    }
    fputc('\n', f);
}

static int write_maps(FILE *out)
{
    FILE *host = fopen("/proc/self/maps", "re");
    char line[PATH_MAX + 256];
    uint64_t heap_start, heap_end;

    if (!host) {
        return -errno;
    }
    target_brk_range(&heap_start, &heap_end);
    heap_end = GUEST_PAGE_ALIGN(heap_end);
    while (fgets(line, sizeof(line), host)) {
        unsigned long long hs, he, off;
        char perms[8], dev[16], ino[24];
        int name_at = 0;
        char *name, *nl;

        if (sscanf(line, "%llx-%llx %7s %llx %15s %23s %n", &hs, &he, perms,
                   &off, dev, ino, &name_at) < 6) {
            continue;
        }
        name = line + name_at;
        if ((nl = strchr(name, '\n'))) {
            *nl = 0;
        }
        /* Only what lies inside the guest reservation. */
        if (he <= guest_base || hs >= guest_base + GUEST_SPACE_SIZE) {
            continue;
        }
        if (hs < guest_base) {
            hs = guest_base;
        }
        if (he > guest_base + GUEST_SPACE_SIZE) {
            he = guest_base + GUEST_SPACE_SIZE;
        }
        /* Runs of pages with the same guest flags; unmapped ones skipped. */
        for (uint64_t g = hs - guest_base, gend = he - guest_base; g < gend;) {
            int fl = page_get_flags(g) & (PAGE_READ | PAGE_WRITE | PAGE_EXEC |
                                          PAGE_VALID);
            uint64_t r = g + GUEST_PAGE_SIZE;
            unsigned long long roff;
            const char *label = name;

            while (r < gend && (page_get_flags(r) & (PAGE_READ | PAGE_WRITE |
                                PAGE_EXEC | PAGE_VALID)) == fl) {
                r += GUEST_PAGE_SIZE;
            }
            if (!(fl & PAGE_VALID)) {
                g = r;
                continue;
            }
            roff = strcmp(ino, "0") ? off + (g - (hs - guest_base)) : 0;
            if (user_config.sysroot &&
                !strncmp(name, user_config.sysroot, strlen(user_config.sysroot)) &&
                name[strlen(user_config.sysroot)] == '/') {
                /* A file of the sysroot, under the name the guest used. */
                label = name + strlen(user_config.sysroot);
            } else if (!*name || name[0] == '[') {
                label = "";
                if (g < image_info.stack_top && r > image_info.stack_limit &&
                    image_info.stack_top) {
                    label = "[stack]";
                } else if (heap_end > heap_start && g >= heap_start &&
                           r <= heap_end) {
                    label = "[heap]";
                }
            }
            put_line(out, g, r, fl, perms[3] == 's' ? 's' : 'p', roff, dev, ino,
                     label);
            g = r;
        }
    }
    fclose(host);
    return 0;
}

static int write_cmdline(FILE *out)
{
    for (char **a = user_config.guest_argv; a && *a; a++) {
        fwrite(*a, 1, strlen(*a) + 1, out);
    }
    return 0;
}

bool proc_open_emulated(const char *path, int hflags, int64_t *ret)
{
    const char *file = proc_self_file(path);
    int fd, r;
    FILE *f;

    if (!file || (strcmp(file, "maps") && strcmp(file, "auxv") &&
                  strcmp(file, "cmdline"))) {
        return false;
    }
    if ((hflags & O_ACCMODE) != O_RDONLY && geteuid() != 0) {
        /* The files are 0444; root passes the permission check. */
        *ret = -EACCES;
        return true;
    }
    fd = memfd_create("tern-proc", (hflags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        *ret = -errno;
        return true;
    }
    f = fdopen(dup(fd), "w");
    if (!f) {
        *ret = -errno;
        close(fd);
        return true;
    }
    if (!strcmp(file, "maps")) {
        /* Nobody changes the mappings while we read them. */
        tb_lock();
        r = write_maps(f);
        tb_unlock();
    } else if (!strcmp(file, "auxv")) {
        r = fwrite(saved_auxv, 1, saved_auxv_len, f) == saved_auxv_len ? 0 : -EIO;
    } else {
        r = write_cmdline(f);
    }
    if (fclose(f) != 0 && r == 0) {
        r = -EIO;
    }
    if (r < 0) {
        close(fd);
        *ret = r;
        return true;
    }
    lseek(fd, 0, SEEK_SET);
    if (hflags & O_NONBLOCK) {
        fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    *ret = fd;
    return true;
}
