/*
 * -strace: every guest syscall with its arguments and result, one line
 * each, in the format qemu-aarch64 uses:
 *   PID name(arg,arg,...) = result
 *   PID name(...) = -1 errno=2 (No such file or directory)
 * The call is printed before it runs (so a call that blocks or never
 * returns is visible), the result after.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"
#include "linux-user/user-internal.h"

typedef struct SyscallDesc {
    const char *name;
    const char *args;
} SyscallDesc;

#define MAX_SYSCALL 451

static const SyscallDesc syscall_table[MAX_SYSCALL] = {
#define SYSCALL(num, nm, a) [num] = { #nm, a },
#include "linux-user/syscall_nr.h"
#undef SYSCALL
};

const char *syscall_name(int num)
{
    if (num >= 0 && num < MAX_SYSCALL && syscall_table[num].name) {
        return syscall_table[num].name;
    }
    return NULL;
}

static void print_string(FILE *f, uint64_t addr)
{
    const char *s = lock_user_string(addr);
    int n = 0;

    if (!s) {
        fprintf(f, "0x%llx", (unsigned long long)addr);
        return;
    }
    fputc('"', f);
    for (; *s && n < 64; s++, n++) {
        unsigned char c = *s;
        if (c == '"' || c == '\\') {
            fprintf(f, "\\%c", c);
        } else if (c == '\n') {
            fputs("\\n", f);
        } else if (c < 32 || c >= 127) {
            fprintf(f, "\\%03o", c);
        } else {
            fputc(c, f);
        }
    }
    fputc('"', f);
    if (*s) {
        fputs("...", f);
    }
}

void strace_print_call(int num, const uint64_t *args)
{
    const char *name = syscall_name(num);
    const char *fmt = name ? syscall_table[num].args : "xxxxxx";
    FILE *f = tern_log_lock();

    if (name) {
        fprintf(f, "%d %s(", (int)getpid(), name);
    } else {
        fprintf(f, "%d syscall_%d(", (int)getpid(), num);
    }
    for (int i = 0; fmt[i] && i < 6; i++) {
        uint64_t a = args[i];
        if (i) {
            fputc(',', f);
        }
        switch (fmt[i]) {
        case 'd': fprintf(f, "%d", (int)a); break;
        case 'l': fprintf(f, "%lld", (long long)a); break;
        case 'u': fprintf(f, "%llu", (unsigned long long)a); break;
        case 'o': fprintf(f, "0%llo", (unsigned long long)a); break;
        case 'f':
            if ((int)a == -100) {
                fputs("AT_FDCWD", f);
            } else {
                fprintf(f, "%d", (int)a);
            }
            break;
        case 's': print_string(f, a); break;
        case 'p':
            if (a == 0) {
                fputs("NULL", f);
                break;
            }
            /* fall through */
        default: fprintf(f, "0x%llx", (unsigned long long)a); break;
        }
    }
    fputc(')', f);
    fflush(f);
    tern_log_unlock(f);
}

void strace_print_ret(int num, int64_t ret)
{
    FILE *f = tern_log_lock();

    if (ret < 0 && ret >= -4095) {
        fprintf(f, " = -1 errno=%d (%s)\n", (int)-ret, strerror((int)-ret));
    } else if (num == 222 || num == 214 || num == 216) {
        /* mmap, brk, mremap: addresses */
        fprintf(f, " = 0x%llx\n", (unsigned long long)ret);
    } else {
        fprintf(f, " = %lld\n", (long long)ret);
    }
    tern_log_unlock(f);
}
