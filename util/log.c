/*
 * Debug logging: the "-d item,..." mask and the "-D file" stream.
 *
 * Records are written under the stdio stream lock (flockfile), so lines
 * from different vCPU threads never interleave within one record.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"

int tern_loglevel;

/* NULL means stderr.  Set once at start-up, before threads exist. */
static FILE *log_file;

static const struct {
    const char *name;
    int mask;
    const char *help;
} log_items[] = {
    { "in_asm",       LOG_IN_ASM,      "guest code being translated" },
    { "op",           LOG_OP,          "IR as generated" },
    { "op_opt",       LOG_OP_OPT,      "IR after the optimizer" },
    { "out_asm",      LOG_OUT_ASM,     "host code generated for each block" },
    { "exec",         LOG_EXEC,        "each block executed" },
    { "int",          LOG_INT,         "interrupts and exceptions" },
    { "unimp",        LOG_UNIMP,       "unimplemented features" },
    { "guest_errors", LOG_GUEST_ERROR, "guest did something wrong" },
    { "cpu",          LOG_CPU,         "CPU state before each block" },
    { "page",         LOG_PAGE,        "page mappings" },
    { "nochain",      LOG_NOCHAIN,     "do not chain blocks (not a log)" },
    { "strace",       LOG_STRACE,      "system calls (user mode)" },
    { "stats",        LOG_STATS,       "block cache statistics at exit" },
};

#define N_LOG_ITEMS (sizeof(log_items) / sizeof(log_items[0]))

static void log_print_help(void)
{
    printf("Log items (-d item[,item...]):\n");
    for (size_t i = 0; i < N_LOG_ITEMS; i++) {
        printf("  %-13s %s\n", log_items[i].name, log_items[i].help);
    }
}

int tern_log_parse(const char *items, const char **err)
{
    static char errbuf[128];
    const char *p = items ? items : "";
    int mask = 0;

    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bool found = false;

        if (len == 4 && strncmp(p, "help", 4) == 0) {
            log_print_help();
            return 0;
        }
        for (size_t i = 0; i < N_LOG_ITEMS && len; i++) {
            if (strlen(log_items[i].name) == len &&
                strncmp(log_items[i].name, p, len) == 0) {
                mask |= log_items[i].mask;
                found = true;
                break;
            }
        }
        /* Empty items ("op,,exec", a trailing comma) are harmless. */
        if (!found && len) {
            snprintf(errbuf, sizeof(errbuf),
                     "unknown log item '%.*s' (-d help lists them)",
                     len > 64 ? 64 : (int)len, p);
            if (err) {
                *err = errbuf;
            }
            return -1;
        }
        p += len;
        if (*p == ',') {
            p++;
        }
    }
    return mask;
}

bool tern_log_set_file(const char *path)
{
    return tern_log_open_file(path, false);
}

bool tern_log_open_file(const char *path, bool append)
{
    FILE *f;

    if (!path || !*path) {
        errno = EINVAL;
        return false;
    }
    if (strcmp(path, "-") == 0) {
        f = NULL;
    } else {
        /*
         * Close-on-exec: a program tern starts must not inherit the log.
         * Append: a tern started by a guest execve continues its parent's
         * log instead of truncating it.
         */
        int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC |
                      (append ? 0 : O_TRUNC), 0666);
        /*
         * O_APPEND in both cases: forked and exec'd processes write to
         * the same file, each line must land at its end.
         */
        f = fd >= 0 ? fdopen(fd, "a") : NULL;
        if (!f) {
            if (fd >= 0) {
                close(fd);
            }
            return false;
        }
        /* Line buffered: a crash loses at most the current line. */
        setvbuf(f, NULL, _IOLBF, 0);
    }
    if (log_file) {
        fclose(log_file);
    }
    log_file = f;
    return true;
}

static FILE *log_stream(void)
{
    return log_file ? log_file : stderr;
}

FILE *tern_log_lock(void)
{
    FILE *f = log_stream();

    flockfile(f);
    return f;
}

void tern_log_unlock(FILE *f)
{
    if (f) {
        funlockfile(f);
    }
}

void tern_log(const char *fmt, ...)
{
    FILE *f = tern_log_lock();
    va_list ap;

    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    tern_log_unlock(f);
}
