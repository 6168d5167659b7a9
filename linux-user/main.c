/*
 * tern-aarch64: run an AArch64 Linux program on this host.
 *
 *   tern-aarch64 [options] program [arguments...]
 *
 * Options are spelled as qemu-aarch64 spells them (one or two leading
 * dashes), and most have a TERN_* environment equivalent; the command
 * line wins.  Start-up: reserve the guest address space (mmap.c), create
 * the TCG accelerator in user mode with guest_base, load the program
 * (elfload.c), create the CPU, and run it (cpu_loop.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accel/tcg-opts.h"
#include "exec/exec-all.h"
#include "util/log.h"
#include "linux-user/user-internal.h"

#define TERN_VERSION "0.1"
#define DEFAULT_STACK_SIZE (8ull << 20)

extern char **environ;

static void usage(FILE *f)
{
    fprintf(f,
"usage: tern-aarch64 [options] program [arguments...]\n"
"Runs an AArch64 (arm64) Linux program on this host by binary translation.\n"
"\n"
"Options and their environment equivalents:\n"
"  -h, -help             print this help and exit\n"
"  -version              print the version and exit\n"
"  -L path               the arm64 root: PT_INTERP and absolute paths the\n"
"                        program opens are looked up there first   TERN_LD_PREFIX\n"
"  -cpu model            CPU model (default max; -cpu help lists)  TERN_CPU\n"
"  -E var=value[,...]    set variables in the program's environment TERN_SET_ENV\n"
"  -U var[,...]          remove variables from its environment     TERN_UNSET_ENV\n"
"  -0 argv0              argv[0] for the program                   TERN_ARGV0\n"
"  -s size               stack size (bytes, k/M/G suffix; default 8M) TERN_STACK_SIZE\n"
"  -strace               log every system call                     TERN_STRACE\n"
"  -perfmap              write /tmp/perf-PID.map for perf: generated code\n"
"                        named by guest PC (docs/linux-user.md)     TERN_PERFMAP\n"
"  -d item[,...]         log items (-d help lists them)            TERN_LOG\n"
"  -D logfile            write the log to logfile, not stderr      TERN_LOG_FILENAME\n"
"  -log-append           append to the -D file instead of truncating it\n"
"                        (what an execve'd program's tern gets)\n"
"  -accel tcg[,backend=jit|interp][,tb-size=MiB][,split-wx=on|off][,optimize=on|off]\n"
"                        code generator settings (-accel help)\n");
}

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, USER_PROG ": ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    exit(1);
}

/* ------------------------------------------------------------------ */
/* The guest environment                                               */

static char **genv;
static size_t genv_n;
/* -E / -U lists in command-line order, applied after parsing. */
static char **set_lists;
static bool *set_is_set;
static char **gargv;

static void env_unset(const char *name)
{
    size_t len = strlen(name);

    for (size_t i = 0; i < genv_n; i++) {
        if (!strncmp(genv[i], name, len) && genv[i][len] == '=') {
            memmove(&genv[i], &genv[i + 1], (genv_n - i) * sizeof(char *));
            genv_n--;
            i--;
        }
    }
}

static void env_set(const char *assignment)
{
    const char *eq = strchr(assignment, '=');
    char *name;

    if (!eq || eq == assignment) {
        die("-E %s: expected var=value", assignment);
    }
    name = strndup(assignment, eq - assignment);
    env_unset(name);
    free(name);
    genv = realloc(genv, (genv_n + 2) * sizeof(char *));
    genv[genv_n++] = strdup(assignment);
    genv[genv_n] = NULL;
}

/* -E and -U take comma-separated lists, as in qemu. */
static void env_apply_list(const char *list, bool set)
{
    char *copy = strdup(list), *save = NULL;

    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (set) {
            env_set(t);
        } else {
            env_unset(t);
        }
    }
    free(copy);
}

/* ------------------------------------------------------------------ */

static uint64_t parse_size(const char *opt, const char *v)
{
    char *end;
    unsigned long long n = strtoull(v, &end, 0);

    switch (*end) {
    case 'k': case 'K': n <<= 10; end++; break;
    case 'm': case 'M': n <<= 20; end++; break;
    case 'g': case 'G': n <<= 30; end++; break;
    default: break;
    }
    if (*end || n < 64 * 1024 || n > (4ull << 30)) {
        die("%s %s: expected a size from 64k to 4G", opt, v);
    }
    return GUEST_PAGE_ALIGN(n);
}

static bool opt_is(const char *arg, const char *name)
{
    if (arg[0] != '-') {
        return false;
    }
    arg += arg[1] == '-' ? 2 : 1;
    return !strcmp(arg, name);
}

int main(int argc, char **argv)
{
    const char *sysroot = getenv("TERN_LD_PREFIX");
    const char *cpu_name = getenv("TERN_CPU");
    const char *argv0 = getenv("TERN_ARGV0");
    const char *log_items = getenv("TERN_LOG");
    const char *log_file = getenv("TERN_LOG_FILENAME");
    const char *stack_env = getenv("TERN_STACK_SIZE");
    const char *accel_opts = NULL, *err;
    bool strace = getenv("TERN_STRACE") != NULL;
    bool perfmap = getenv("TERN_PERFMAP") != NULL;
    bool log_append = false;
    uint64_t stack_size = DEFAULT_STACK_SIZE;
    TCGAccelConfig cfg = { 0 };
    char errbuf[512];
    int nlists = 0;
    int i, ret, mask = 0;
    const char *prog;
    ARMCPU *cpu;
    static TaskState ts;

    /* Globals, so that early exits do not count as leaks (LeakSanitizer). */
    set_lists = calloc(argc + 1, sizeof(char *));
    set_is_set = calloc(argc + 1, sizeof(bool));

    /* The program's environment starts as ours. */
    for (genv_n = 0; environ[genv_n]; genv_n++) {
    }
    genv = calloc(genv_n + 1, sizeof(char *));
    memcpy(genv, environ, genv_n * sizeof(char *));
    if (getenv("TERN_SET_ENV")) {
        set_lists[nlists] = getenv("TERN_SET_ENV");
        set_is_set[nlists++] = true;
    }
    if (getenv("TERN_UNSET_ENV")) {
        set_lists[nlists] = getenv("TERN_UNSET_ENV");
        set_is_set[nlists++] = false;
    }
    if (stack_env) {
        stack_size = parse_size("TERN_STACK_SIZE", stack_env);
    }

    for (i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;

        if (o[0] != '-') {
            break;
        }
        if (!strcmp(o, "--")) {
            i++;
            break;
        }
        if (opt_is(o, "h") || opt_is(o, "help")) {
            usage(stdout);
            return 0;
        }
        if (opt_is(o, "version")) {
            printf("tern-aarch64 version " TERN_VERSION "\n");
            return 0;
        }
        if (opt_is(o, "strace")) {
            strace = true;
            continue;
        }
        if (opt_is(o, "perfmap")) {
            perfmap = true;
            continue;
        }
        if (opt_is(o, "log-append")) {
            log_append = true;
            continue;
        }
        if (!(opt_is(o, "L") || opt_is(o, "cpu") || opt_is(o, "E") ||
              opt_is(o, "U") || opt_is(o, "0") || opt_is(o, "d") ||
              opt_is(o, "D") || opt_is(o, "accel") || opt_is(o, "s"))) {
            fprintf(stderr, USER_PROG ": unknown option '%s'\n", o);
            usage(stderr);
            return 1;
        }
        if (!v) {
            die("option '%s' needs an argument", o);
        }
        i++;
        if (opt_is(o, "L")) {
            sysroot = v;
        } else if (opt_is(o, "cpu")) {
            cpu_name = v;
        } else if (opt_is(o, "E") || opt_is(o, "U")) {
            set_lists[nlists] = (char *)v;
            set_is_set[nlists++] = opt_is(o, "E");
        } else if (opt_is(o, "0")) {
            argv0 = v;
        } else if (opt_is(o, "d")) {
            log_items = v;
        } else if (opt_is(o, "D")) {
            log_file = v;
        } else if (opt_is(o, "accel")) {
            accel_opts = v;
        } else if (opt_is(o, "s")) {
            stack_size = parse_size(o, v);
        }
    }

    /* Requests for help lists come before anything else. */
    if (cpu_name && (!strcmp(cpu_name, "help") || !strcmp(cpu_name, "?"))) {
        arm_cpu_list(stdout);
        return 0;
    }
    if (accel_opts && !strcmp(accel_opts, "help")) {
        tcg_accel_help(stdout);
        return 0;
    }
    if (log_items) {
        mask = tern_log_parse(log_items, &err);
        if (mask < 0) {
            die("-d %s: %s", log_items, err);
        }
        if (!strcmp(log_items, "help")) {
            return 0;
        }
    }
    if (strace) {
        mask |= LOG_STRACE;
    }
    if (accel_opts && tcg_accel_parse_opts(accel_opts, &cfg, &err) < 0) {
        die("%s", err);
    }
    user_config.model = arm_cpu_model_by_name(cpu_name ? cpu_name : "max");
    if (!user_config.model) {
        fprintf(stderr, USER_PROG ": -cpu %s: unknown CPU model\n", cpu_name);
        arm_cpu_list(stderr);
        return 1;
    }
    if (i >= argc) {
        fprintf(stderr, USER_PROG ": no program to run\n");
        usage(stderr);
        return 1;
    }
    prog = argv[i];

    for (int l = 0; l < nlists; l++) {
        env_apply_list(set_lists[l], set_is_set[l]);
    }
    if (sysroot && *sysroot) {
        char *r = realpath(sysroot, NULL);
        if (!r) {
            die("-L %s: %s", sysroot, strerror(errno));
        }
        user_config.sysroot = strcmp(r, "/") ? r : NULL;
    }
    if (log_file && !tern_log_open_file(log_file, log_append)) {
        die("-D %s: %s", log_file, strerror(errno));
    }
    tern_loglevel = mask;
    if (perfmap && !tcg_perfmap_open()) {
        die("-perfmap: cannot create /tmp/perf-%d.map: %s", (int)getpid(),
            strerror(errno));
    }
    user_config.stack_size = stack_size;
    {
        /* For execve: this binary and the options that shape a run. */
        char self[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        char **o = calloc(20, sizeof(char *));
        int k = 0;

        if (n > 0) {
            self[n] = 0;
            user_config.tern_path = strdup(self);
        } else {
            user_config.tern_path = argv[0];
        }
        if (user_config.sysroot) {
            o[k++] = "-L";
            o[k++] = (char *)user_config.sysroot;
        }
        if (cpu_name) {
            o[k++] = "-cpu";
            o[k++] = (char *)cpu_name;
        }
        if (stack_env || stack_size != DEFAULT_STACK_SIZE) {
            char *sz = malloc(32);
            snprintf(sz, 32, "%llu", (unsigned long long)stack_size);
            o[k++] = "-s";
            o[k++] = sz;
        }
        if (log_items) {
            o[k++] = "-d";
            o[k++] = (char *)log_items;
        }
        if (log_file) {
            /* The exec'd program's tern adds to this run's log. */
            char *abs = realpath(log_file, NULL);
            o[k++] = "-D";
            o[k++] = abs ? abs : (char *)log_file;
            o[k++] = "-log-append";
        }
        if (accel_opts) {
            o[k++] = "-accel";
            o[k++] = (char *)accel_opts;
        }
        if (strace) {
            o[k++] = "-strace";
        }
        if (perfmap) {
            o[k++] = "-perfmap";
        }
        user_config.exec_opts = o;
        user_config.exec_nopts = k;
    }
    user_config.exec_name = prog;
    {
        char *abs = realpath(prog, NULL);
        user_config.exec_path = abs ? abs : prog;
    }

    /* The guest's argv: ours from the program on, argv[0] maybe replaced. */
    gargv = calloc(argc - i + 1, sizeof(char *));
    for (int k = i; k < argc; k++) {
        gargv[k - i] = argv[k];
    }
    if (argv0) {
        gargv[0] = (char *)argv0;
    }
    user_config.guest_argv = gargv;

    if (!guest_space_init(&err)) {
        die("%s", err);
    }
    cfg.mem_mode = TCG_MEM_USER;
    cfg.guest_base = guest_base;
    cfg.guest_addr_bits = GUEST_SPACE_BITS;
    cfg.guest_guard = GUEST_GUARD_SIZE;
    cfg.user_ld_slow = user_ld_slow;
    cfg.user_st_slow = user_st_slow;
    ret = tcg_exec_init(&cfg, &err);
    if (ret < 0) {
        die("%s: %s", err, strerror(-ret));
    }
    signal_init();

    ret = loader_exec(prog, gargv, genv, &image_info, errbuf, sizeof(errbuf));
    if (ret < 0) {
        fprintf(stderr, USER_PROG ": %s\n", errbuf);
        return -ret;
    }
    proc_save_auxv(image_info.auxv, image_info.auxv_len);

    cpu = aligned_alloc(16, (sizeof(ARMCPU) + 15) & ~(size_t)15);
    if (!cpu) {
        die("out of memory");
    }
    memset(cpu, 0, sizeof(*cpu));
    arm_cpu_init(cpu, user_config.model);
    cpu->env.pc = image_info.entry;
    cpu->env.xregs[31] = image_info.sp;
    ts.cpu = cpu;
    {
        /* The mask survives execve (tern runs again): the guest's view. */
        sigset_t cur;
        pthread_sigmask(SIG_SETMASK, NULL, &cur);
        for (int sig = 1; sig <= TARGET_NSIG; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP && sigismember(&cur, sig) == 1) {
                ts.sigmask |= 1ull << (sig - 1);
            }
        }
    }
    thread_ts = &ts;
    signal_thread_add(&ts);
    cpu_loop(&cpu->env);
}
