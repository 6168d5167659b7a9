/*
 * perf's map of JIT code (-perfmap): one line per translation block in
 * /tmp/perf-PID.map, "START SIZE NAME" in hex, which `perf report` reads
 * to name samples in generated code.  NAME is "tern:0xPC" (the block's
 * guest PC) so that a profile shows which guest code is hot; look the
 * PC up with `-d in_asm` or the guest's own symbols.
 */
#include <stdio.h>
#include <unistd.h>

#include "internal.h"

static FILE *perfmap;

bool tcg_perfmap_open(void)
{
    char path[64];

    snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
    perfmap = fopen(path, "w+");
    return perfmap != NULL;
}

/*
 * In a forked child: it runs the parent's blocks, so its own map starts
 * as a copy of the parent's.
 */
void tcg_perfmap_fork_child(void)
{
    FILE *old = perfmap;
    char buf[4096];
    size_t n;

    if (!old || !tcg_perfmap_open()) {
        perfmap = NULL;
        return;
    }
    rewind(old);
    while ((n = fread(buf, 1, sizeof(buf), old)) > 0) {
        fwrite(buf, 1, n, perfmap);
    }
    fclose(old);
    fflush(perfmap);
}

/* Called under tb_lock() for every new block. */
void tcg_perfmap_add(const TranslationBlock *tb)
{
    if (perfmap) {
        fprintf(perfmap, "%lx %x tern:0x%llx\n", (unsigned long)tb->tc.ptr,
                tb->tc.size, (unsigned long long)tb->pc);
        fflush(perfmap);
    }
}
