/*
 * Debug logging, QEMU style: -d item[,item...] selects what is logged,
 * -D file sends it to a file (default stderr).
 */
#ifndef UTIL_LOG_H
#define UTIL_LOG_H

#include <stdbool.h>
#include <stdio.h>

enum {
    LOG_IN_ASM      = 1 << 0,   /* guest code being translated */
    LOG_OP          = 1 << 1,   /* IR as generated */
    LOG_OP_OPT      = 1 << 2,   /* IR after the optimizer */
    LOG_OUT_ASM     = 1 << 3,   /* host code (capstone) */
    LOG_EXEC        = 1 << 4,   /* each block executed */
    LOG_INT         = 1 << 5,   /* interrupts and exceptions */
    LOG_UNIMP       = 1 << 6,   /* unimplemented features */
    LOG_GUEST_ERROR = 1 << 7,   /* guest did something wrong */
    LOG_CPU         = 1 << 8,   /* CPU state before each block */
    LOG_PAGE        = 1 << 9,   /* page mappings */
    LOG_NOCHAIN     = 1 << 10,  /* do not chain blocks */
    LOG_STRACE      = 1 << 11,  /* syscalls (user mode) */
    LOG_STATS       = 1 << 12,  /* translation statistics at exit */
};

extern int tern_loglevel;

static inline bool tern_log_enabled(int mask)
{
    return (tern_loglevel & mask) != 0;
}

/*
 * Parse "-d" items ("op,out_asm").  Returns the mask, or -1 after writing
 * a message naming the bad item to *err (static storage).  "help" lists
 * the items on stdout and returns 0.
 */
int tern_log_parse(const char *items, const char **err);
/* Redirect the log to path ("-D"); false with errno set on failure. */
bool tern_log_set_file(const char *path);
/* The same, appending to an existing file when append is true. */
bool tern_log_open_file(const char *path, bool append);
/* The stream to write to, locked for a multi-line record. */
FILE *tern_log_lock(void);
void tern_log_unlock(FILE *f);
void tern_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define tern_log_mask(mask, ...) \
    do { if (tern_log_enabled(mask)) tern_log(__VA_ARGS__); } while (0)

#endif
