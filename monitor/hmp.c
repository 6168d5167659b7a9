/*
 * The human monitor (HMP): QEMU's `(qemu)` prompt, here `(tern)`.
 *
 * hmp_execute() runs one command line and appends its output to a GString,
 * so the same code serves the interactive monitor on a chardev
 * (monitor/monitor.c reads lines and prints the prompt) and QMP's
 * human-monitor-command.
 *
 * Commands: help, info (status, registers, cpus, mtree, qtree, version),
 * cpu N, x/FMT ADDR, xp/FMT ADDR, stop, cont/c, system_reset,
 * system_powerdown, quit/q.
 */
#include <capstone/capstone.h>
#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "exec/memory.h"
#include "hw/qdev.h"
#include "monitor/monitor.h"
#include "monitor/monitor-internal.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

/* The vCPU `info registers` and `x` use; `cpu N` selects it. */
static int selected_cpu;

typedef struct HMPCommand {
    const char *name;
    const char *alias;
    const char *args;
    const char *help;
    void (*fn)(GString *out, const char *arg);
} HMPCommand;

static const HMPCommand hmp_commands[];
static const HMPCommand info_commands[];

static VCPU *current_vcpu(GString *out)
{
    VCPU *cpu = vcpu_get(selected_cpu);
    if (!cpu) {
        cpu = vcpu_get(0);
    }
    if (!cpu) {
        g_string_append(out, "No CPU available\n");
    }
    return cpu;
}

/* ---- info ---- */

static void info_status(GString *out, const char *arg)
{
    RunState s = runstate_get();
    const char *what;

    switch (s) {
    case RUN_STATE_RUNNING:
        what = "running";
        break;
    case RUN_STATE_PRELAUNCH:
        what = "paused (prelaunch)";
        break;
    case RUN_STATE_PAUSED:
        what = "paused";
        break;
    case RUN_STATE_SHUTDOWN:
        what = "paused (shutdown)";
        break;
    case RUN_STATE_INTERNAL_ERROR:
        what = "paused (internal-error)";
        break;
    case RUN_STATE_GUEST_PANICKED:
        what = "paused (guest-panicked)";
        break;
    default:
        what = runstate_name(s);
        break;
    }
    g_string_append_printf(out, "VM status: %s\n", what);
}

static void info_registers(GString *out, const char *arg)
{
    if (arg && *arg) {
        /* "info registers -a": every vCPU. */
        if (strcmp(arg, "-a") == 0) {
            for (int i = 0; i < vcpu_count(); i++) {
                g_string_append_printf(out, "CPU#%d\n", i);
                vcpu_dump_state(vcpu_get(i), out);
            }
            return;
        }
        g_string_append_printf(out, "info registers: unknown argument '%s' (use -a for all vCPUs)\n", arg);
        return;
    }
    VCPU *cpu = current_vcpu(out);
    if (cpu) {
        vcpu_dump_state(cpu, out);
    }
}

static void info_cpus(GString *out, const char *arg)
{
    for (int i = 0; i < vcpu_count(); i++) {
        VCPU *cpu = vcpu_get(i);
        g_string_append_printf(out, "%c CPU #%d: thread_id=%ld%s\n",
                               i == selected_cpu ? '*' : ' ', vcpu_index(cpu),
                               vcpu_thread_id(cpu),
                               vcpu_is_halted(cpu) ? " (halted)" : "");
    }
}

static void info_mtree(GString *out, const char *arg)
{
    bool flat = arg && (strcmp(arg, "-f") == 0);
    if (arg && *arg && !flat) {
        g_string_append_printf(out, "info mtree: unknown argument '%s' (use -f for the flat views)\n", arg);
        return;
    }
    memory_mtree_print(out, flat);
}

static void info_qtree(GString *out, const char *arg)
{
    qdev_qtree_print(out);
}

static void info_version(GString *out, const char *arg)
{
    g_string_append_printf(out, "%s\n", TERN_MONITOR_VERSION_STRING);
}

static void info_help(GString *out, const char *arg);

static void cmd_info(GString *out, const char *arg)
{
    if (!arg || !*arg) {
        info_help(out, NULL);
        return;
    }
    char *name = g_strdup(arg);
    char *rest = name + strcspn(name, " \t");
    if (*rest) {
        *rest++ = '\0';
        rest += strspn(rest, " \t");
    }
    for (const HMPCommand *c = info_commands; c->name; c++) {
        if (strcmp(c->name, name) == 0) {
            c->fn(out, rest);
            g_free(name);
            return;
        }
    }
    g_string_append_printf(out, "info: unknown item '%s' (try 'info' for the list)\n", name);
    g_free(name);
}

/* ---- memory dumps: x /FMT addr, xp /FMT addr ---- */

typedef struct DumpFormat {
    long count;
    char format;   /* x d u o c i */
    int size;      /* 1 2 4 8 */
} DumpFormat;

static bool parse_format(const char *s, DumpFormat *f, GString *out)
{
    f->count = 1;
    f->format = 'x';
    f->size = 4;
    bool size_given = false;

    if (*s == '\0') {
        return true;
    }
    char *end;
    if (isdigit((unsigned char)*s)) {
        f->count = strtol(s, &end, 10);
        s = end;
    }
    for (; *s; s++) {
        switch (*s) {
        case 'x': case 'd': case 'u': case 'o': case 'c': case 'i':
            f->format = *s;
            break;
        case 'b': f->size = 1; size_given = true; break;
        case 'h': f->size = 2; size_given = true; break;
        case 'w': f->size = 4; size_given = true; break;
        case 'g': f->size = 8; size_given = true; break;
        default:
            g_string_append_printf(out, "invalid format character '%c' (count, then one of x d u o c i, then one of b h w g)\n", *s);
            return false;
        }
    }
    if (f->format == 'c' && !size_given) {
        f->size = 1;
    }
    if (f->count <= 0 || f->count > 65536) {
        g_string_append_printf(out, "count must be between 1 and 65536\n");
        return false;
    }
    return true;
}

/* Addresses: a number (0x.., 0.., decimal), optionally +/- more numbers. */
static bool parse_address(const char *s, uint64_t *addr, GString *out)
{
    uint64_t v = 0;
    int sign = 1;
    bool any = false;

    while (*s) {
        while (isspace((unsigned char)*s)) {
            s++;
        }
        if (!*s) {
            break;
        }
        if (any) {
            if (*s == '+') {
                sign = 1;
            } else if (*s == '-') {
                sign = -1;
            } else {
                g_string_append_printf(out, "bad address expression near '%s'\n", s);
                return false;
            }
            s++;
            while (isspace((unsigned char)*s)) {
                s++;
            }
        }
        char *end;
        errno = 0;
        uint64_t n = strtoull(s, &end, 0);
        if (end == s || errno) {
            g_string_append_printf(out, "bad address '%s'\n", s);
            return false;
        }
        v = sign > 0 ? v + n : v - n;
        any = true;
        s = end;
    }
    if (!any) {
        g_string_append(out, "address expected\n");
        return false;
    }
    *addr = v;
    return true;
}

static bool read_bytes(bool physical, VCPU *cpu, uint64_t addr, uint8_t *buf,
                       size_t len, GString *out)
{
    for (size_t done = 0; done < len;) {
        uint64_t pa = addr + done;
        size_t chunk = len - done;
        if (!physical) {
            /* Translate page by page. */
            size_t in_page = 4096 - ((addr + done) & 4095);
            if (chunk > in_page) {
                chunk = in_page;
            }
            if (!vcpu_virt_to_phys(cpu, addr + done, &pa)) {
                g_string_append_printf(out, "Cannot access memory at 0x%" PRIx64 "\n",
                                       addr + done);
                return false;
            }
        }
        if (address_space_read(&address_space_memory, pa, buf + done, chunk) != MEMTX_OK) {
            g_string_append_printf(out, "Cannot access memory at 0x%" PRIx64 "\n",
                                   addr + done);
            return false;
        }
        done += chunk;
    }
    return true;
}

static void disassemble(GString *out, uint64_t addr, const uint8_t *buf,
                        size_t len, long count)
{
    const char *target = vcpu_target_name();
    cs_arch arch = CS_ARCH_X86;
    cs_mode mode = CS_MODE_64;
    csh h;
    cs_insn *insn;

    if (strcmp(target, "aarch64") == 0) {
        arch = CS_ARCH_ARM64;
        mode = CS_MODE_LITTLE_ENDIAN;
    }
    if (cs_open(arch, mode, &h) != CS_ERR_OK) {
        g_string_append(out, "disassembler unavailable\n");
        return;
    }
    size_t n = cs_disasm(h, buf, len, addr, count, &insn);
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(out, "0x%016" PRIx64 ":  %s %s\n", insn[i].address,
                               insn[i].mnemonic, insn[i].op_str);
    }
    if (n == 0) {
        g_string_append_printf(out, "0x%016" PRIx64 ":  (bad)\n", addr);
    }
    cs_free(insn, n);
    cs_close(&h);
}

static void memory_dump(GString *out, const char *arg, bool physical)
{
    DumpFormat f;
    const char *fmt = "";
    char *fmtbuf = NULL;

    if (!arg) {
        arg = "";
    }
    if (*arg == '/') {
        size_t n = strcspn(arg + 1, " \t");
        fmtbuf = g_strndup(arg + 1, n);
        fmt = fmtbuf;
        arg += 1 + n;
    }
    if (!parse_format(fmt, &f, out)) {
        g_free(fmtbuf);
        return;
    }
    g_free(fmtbuf);

    uint64_t addr;
    if (!parse_address(arg, &addr, out)) {
        return;
    }
    VCPU *cpu = NULL;
    if (!physical) {
        cpu = current_vcpu(out);
        if (!cpu) {
            return;
        }
    }

    if (f.format == 'i') {
        /* Up to 15 bytes per x86 instruction; read what is readable. */
        size_t len = (size_t)f.count * 16;
        uint8_t *buf = g_malloc0(len);
        size_t ok = 0;
        GString *ignored = g_string_new(NULL);
        while (ok < len && read_bytes(physical, cpu, addr + ok, buf + ok, 1, ignored)) {
            ok++;
        }
        g_string_free(ignored, TRUE);
        if (ok == 0) {
            g_string_append_printf(out, "Cannot access memory at 0x%" PRIx64 "\n", addr);
        } else {
            disassemble(out, addr, buf, ok, f.count);
        }
        g_free(buf);
        return;
    }

    size_t len = (size_t)f.count * f.size;
    uint8_t *buf = g_malloc(len);
    if (!read_bytes(physical, cpu, addr, buf, len, out)) {
        g_free(buf);
        return;
    }
    /* 16 bytes per line, like QEMU (8 for chars). */
    int per_line = f.format == 'c' ? 8 : 16 / f.size;
    if (per_line < 1) {
        per_line = 1;
    }
    for (long i = 0; i < f.count; i++) {
        if (i % per_line == 0) {
            if (i) {
                g_string_append_c(out, '\n');
            }
            g_string_append_printf(out, "%016" PRIx64 ":", addr + (uint64_t)i * f.size);
        }
        uint64_t v = 0;
        for (int b = f.size - 1; b >= 0; b--) {
            v = (v << 8) | buf[i * f.size + b];    /* guest memory is little endian */
        }
        int bits = f.size * 8;
        switch (f.format) {
        case 'x':
            g_string_append_printf(out, " 0x%0*" PRIx64, f.size * 2, v);
            break;
        case 'u':
            g_string_append_printf(out, " %" PRIu64, v);
            break;
        case 'd': {
            int64_t sv = bits == 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
            g_string_append_printf(out, " %" PRId64, sv);
            break;
        }
        case 'o':
            g_string_append_printf(out, " %#" PRIo64, v);
            break;
        case 'c':
            if (v >= 0x20 && v < 0x7f) {
                g_string_append_printf(out, " '%c'", (int)v);
            } else {
                g_string_append_printf(out, " '\\x%02x'", (unsigned)(v & 0xff));
            }
            break;
        }
    }
    g_string_append_c(out, '\n');
    g_free(buf);
}

static void cmd_x(GString *out, const char *arg)
{
    memory_dump(out, arg, false);
}

static void cmd_xp(GString *out, const char *arg)
{
    memory_dump(out, arg, true);
}

/* ---- control ---- */

static void cmd_stop(GString *out, const char *arg)
{
    vm_stop(RUN_STATE_PAUSED);
}

static void cmd_cont(GString *out, const char *arg)
{
    RunState s = runstate_get();
    if (s == RUN_STATE_SHUTDOWN || s == RUN_STATE_INTERNAL_ERROR) {
        g_string_append_printf(out, "cannot continue: the VM is in state '%s' (use system_reset first)\n",
                               runstate_name(s));
        return;
    }
    vm_start();
}

static void cmd_quit(GString *out, const char *arg)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void cmd_system_reset(GString *out, const char *arg)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_RESET);
}

static void cmd_system_powerdown(GString *out, const char *arg)
{
    if (!qemu_powerdown_supported()) {
        g_string_append(out, "system_powerdown: this machine has no power button the guest can see\n");
        return;
    }
    qemu_system_powerdown_request();
}

static void cmd_cpu(GString *out, const char *arg)
{
    char *end;
    long n = arg ? strtol(arg, &end, 0) : -1;
    if (!arg || end == arg || *end || n < 0 || n >= vcpu_count()) {
        g_string_append_printf(out, "cpu: give a vCPU index between 0 and %d\n", vcpu_count() - 1);
        return;
    }
    selected_cpu = (int)n;
}

static void list_commands(GString *out, const HMPCommand *table, const char *prefix)
{
    for (const HMPCommand *c = table; c->name; c++) {
        GString *name = g_string_new(prefix);
        g_string_append(name, c->name);
        if (c->alias) {
            g_string_append_printf(name, "|%s", c->alias);
        }
        if (c->args) {
            g_string_append_printf(name, " %s", c->args);
        }
        g_string_append_printf(out, "%-28s -- %s\n", name->str, c->help);
        g_string_free(name, TRUE);
    }
}

static void info_help(GString *out, const char *arg)
{
    list_commands(out, info_commands, "info ");
}

static void cmd_help(GString *out, const char *arg)
{
    list_commands(out, hmp_commands, "");
}

static const HMPCommand info_commands[] = {
    { "cpus", NULL, NULL, "show the vCPUs", info_cpus },
    { "mtree", NULL, "[-f]", "show the memory tree (-f: flat views)", info_mtree },
    { "qtree", NULL, NULL, "show the device tree", info_qtree },
    { "registers", NULL, "[-a]", "show the vCPU registers (-a: all vCPUs)", info_registers },
    { "status", NULL, NULL, "show the VM status (running|paused)", info_status },
    { "version", NULL, NULL, "show the version", info_version },
    { NULL },
};

static const HMPCommand hmp_commands[] = {
    { "cont", "c", NULL, "resume emulation", cmd_cont },
    { "cpu", NULL, "index", "set the default vCPU", cmd_cpu },
    { "help", "?", NULL, "show the help", cmd_help },
    { "info", NULL, "[subcommand]", "show information about the system state", cmd_info },
    { "quit", "q", NULL, "quit the emulator", cmd_quit },
    { "stop", NULL, NULL, "stop emulation", cmd_stop },
    { "system_powerdown", NULL, NULL, "send a power-down request to the guest", cmd_system_powerdown },
    { "system_reset", NULL, NULL, "reset the system", cmd_system_reset },
    { "x", NULL, "/fmt addr", "virtual memory dump starting at addr", cmd_x },
    { "xp", NULL, "/fmt addr", "physical memory dump starting at addr", cmd_xp },
    { NULL },
};

void hmp_execute(const char *cmdline, GString *out)
{
    while (isspace((unsigned char)*cmdline)) {
        cmdline++;
    }
    if (!*cmdline) {
        return;
    }
    /* The command name ends at a blank or, for x/xp, at the '/'. */
    size_t n = strcspn(cmdline, " \t/");
    char *name = g_strndup(cmdline, n);
    const char *arg = cmdline + n;
    while (*arg == ' ' || *arg == '\t') {
        arg++;
    }
    char *args = g_strdup(arg);
    g_strchomp(args);

    for (const HMPCommand *c = hmp_commands; c->name; c++) {
        if (strcmp(c->name, name) == 0 || (c->alias && strcmp(c->alias, name) == 0)) {
            c->fn(out, args);
            g_free(name);
            g_free(args);
            return;
        }
    }
    g_string_append_printf(out, "unknown command: '%s' (try 'help')\n", name);
    g_free(name);
    g_free(args);
}
