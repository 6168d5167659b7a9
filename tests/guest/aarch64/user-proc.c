/*
 * /proc/self/maps, /proc/self/auxv, /proc/self/cmdline and
 * /proc/self/exe show the guest's view, also as /proc/<pid>/...:
 *   - maps is in Linux's format, with guest addresses: the mapping that
 *     holds the entry point is r-xp and names this program, the one
 *     holding a local variable is [stack] and rw-p, the lines are sorted
 *     and do not overlap, and a fresh mmap shows up with its permissions;
 *   - auxv has AT_PAGESZ 4096, and AT_ENTRY / AT_PHDR as getauxval says;
 *   - cmdline holds argv.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

static char buf[65536];

static ssize_t slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    ssize_t n, total = 0;

    if (fd < 0) {
        return -1;
    }
    while ((n = read(fd, buf + total, sizeof(buf) - 1 - total)) > 0) {
        total += n;
    }
    close(fd);
    buf[total] = 0;
    return total;
}

/* The maps line containing addr: its perms and name; 0 if none. */
static int find_map(unsigned long addr, char *perms, char *name, int *sorted)
{
    unsigned long prev_end = 0;
    int found = 0;

    *sorted = 1;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long s, e, off, ino;
        char p[8], dev[16], nm[256] = "";
        int n = sscanf(line, "%lx-%lx %7s %lx %15s %lu %255s", &s, &e, p, &off,
                       dev, &ino, nm);
        if (n < 6 || s >= e || s < prev_end) {
            *sorted = 0;
        }
        prev_end = e;
        if (addr >= s && addr < e) {
            strcpy(perms, p);
            strcpy(name, nm);
            found = 1;
        }
    }
    return found;
}

int main(int argc, char **argv);

static void check_maps(const char *path, const char *label, unsigned long entry)
{
    char perms[8] = "", name[256] = "";
    int local = 0, sorted;
    const char *base;

    if (slurp(path) < 0) {
        printf("%s: cannot open\n", path);
        return;
    }
    find_map(entry, perms, name, &sorted);
    base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    printf("%s: entry in %s %s, sorted %d\n", label, perms, base, sorted);
    slurp(path);
    find_map((unsigned long)&local, perms, name, &sorted);
    printf("%s: stack %s %s\n", label, perms, name);
    slurp(path);
    find_map((unsigned long)main, perms, name, &sorted);
    base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
    printf("%s: main in %s %s\n", label, perms, base);
}

int main(int argc, char **argv)
{
    unsigned long entry = getauxval(AT_ENTRY), phdr = getauxval(AT_PHDR);
    char path[64], perms[8] = "", name[256] = "", link[256];
    int sorted, pagesz_ok = 0, entry_ok = 0, phdr_ok = 0, n_aux = 0;
    ssize_t n;
    void *m;

    (void)argc;
    check_maps("/proc/self/maps", "/proc/self/maps", entry);
    snprintf(path, sizeof(path), "/proc/%d/maps", (int)getpid());
    check_maps(path, "/proc/<pid>/maps", entry);

    m = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect((char *)m + 4096, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
    slurp("/proc/self/maps");
    find_map((unsigned long)m, perms, name, &sorted);
    printf("mmap: %s", perms);
    slurp("/proc/self/maps");
    find_map((unsigned long)m + 4096, perms, name, &sorted);
    printf(" then %s", perms);
    slurp("/proc/self/maps");
    find_map((unsigned long)m + 8192, perms, name, &sorted);
    printf(" then %s\n", perms);
    munmap(m, 3 * 4096);
    slurp("/proc/self/maps");
    printf("after munmap: %s\n",
           find_map((unsigned long)m, perms, name, &sorted) ? "still there" : "gone");

    n = slurp("/proc/self/auxv");
    for (Elf64_auxv_t *a = (Elf64_auxv_t *)buf;
         (char *)(a + 1) <= buf + n && a->a_type != AT_NULL; a++) {
        n_aux++;
        pagesz_ok |= a->a_type == AT_PAGESZ && a->a_un.a_val == 4096;
        entry_ok |= a->a_type == AT_ENTRY && a->a_un.a_val == entry;
        phdr_ok |= a->a_type == AT_PHDR && a->a_un.a_val == phdr;
    }
    printf("auxv: %s, AT_PAGESZ 4096 %d, AT_ENTRY %d, AT_PHDR %d, ends with "
           "AT_NULL %d\n", n_aux > 10 ? "many entries" : "too few", pagesz_ok,
           entry_ok, phdr_ok,
           n >= 16 && ((Elf64_auxv_t *)(buf + n) - 1)->a_type == AT_NULL);

    n = slurp("/proc/self/cmdline");
    printf("cmdline: %zd bytes, argv[0] matches %d, argv[1] \"%s\"\n", n,
           !strcmp(buf, argv[0]), buf + strlen(buf) + 1);

    n = readlink("/proc/self/exe", link, sizeof(link) - 1);
    link[n > 0 ? n : 0] = 0;
    printf("exe: %s\n", strrchr(link, '/') ? strrchr(link, '/') + 1 : link);
    return 0;
}
