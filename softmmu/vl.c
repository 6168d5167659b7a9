/*
 * The system emulator's command line (QEMU's spellings), the machine
 * registry, and the life of the process: parse -> pick the accelerator
 * -> build the machine -> vm_start (unless -S) -> main loop until a
 * shutdown request -> stop the vCPUs, restore the terminal, exit with the
 * guest's status.
 *
 * Every bad option, value or file is one line naming the option on stderr
 * and exit status 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "accel/accel.h"
#include "block/block.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/qdev.h"
#include "monitor/monitor.h"
#include "net/net.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "target/i386/cpu.h"
#include "util/log.h"

#define PROG "tern-system-x86_64"
#define TERN_SYSTEM_VERSION "0.1"
#define TARGET_NAME "x86_64"

/* The monitor is optional at link time: without it -monitor/-qmp say so. */
extern bool monitor_init_from_opts(const char *option, const char *value, GError **errp)
    __attribute__((weak));
extern bool monitor_init_hmp(Chardev *chr, GError **errp) __attribute__((weak));

/* ---- machine registry ---- */

static GPtrArray *machine_classes;

void machine_class_register(const MachineClass *mc)
{
    if (!machine_classes) {
        machine_classes = g_ptr_array_new();
    }
    g_ptr_array_add(machine_classes, (gpointer)mc);
}

const MachineClass *machine_class_find(const char *name)
{
    for (guint i = 0; machine_classes && i < machine_classes->len; i++) {
        const MachineClass *mc = g_ptr_array_index(machine_classes, i);
        if (!strcmp(mc->name, name)) {
            return mc;
        }
    }
    return NULL;
}

const MachineClass *machine_class_default(void)
{
    for (guint i = 0; machine_classes && i < machine_classes->len; i++) {
        const MachineClass *mc = g_ptr_array_index(machine_classes, i);
        if (mc->is_default) {
            return mc;
        }
    }
    return NULL;
}

void machine_print_help(FILE *out)
{
    fprintf(out, "Supported machines are:\n");
    for (guint i = 0; machine_classes && i < machine_classes->len; i++) {
        const MachineClass *mc = g_ptr_array_index(machine_classes, i);
        fprintf(out, "%-20s %s%s\n", mc->name, mc->desc, mc->is_default ? " (default)" : "");
    }
}

/* ---- errors ---- */

static G_NORETURN void die(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, PROG ": ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    chardev_stdio_restore_tty();
    exit(1);
}

static void die_error(GError *err)
{
    die("%s", err->message);
}

/* "-OPT SPEC: message", unless the message already names the option. */
static G_NORETURN void die_opt(const char *opt, const char *spec, GError *err)
{
    if (g_str_has_prefix(err->message, opt)) {
        die("%s", err->message);
    }
    die("%s %s: %s", opt, spec, err->message);
}

static void usage(void)
{
    printf(
"usage: " PROG " [options]\n"
"Runs an x86-64 virtual machine (QEMU's option spellings).\n\n"
"Machine:\n"
"  -M, -machine NAME[,prop=value...]  machine type (-M help); default microvm\n"
"  -m SIZE               RAM (default MiB; suffixes K, M, G), default 128M\n"
"  -smp N                number of vCPUs (one host thread each)\n"
"  -cpu host[,-feat,+feat]  CPUID as KVM offers it, minus/plus features named as\n"
"                        in /proc/cpuinfo (e.g. -cpu host,-avx512f,-xsave)\n"
"  -accel kvm|tcg        accelerator (-accel help); -enable-kvm = -accel kvm\n"
"  --check-host          report what this host offers for virtualization\n"
"Boot:\n"
"  -kernel FILE          bzImage (Linux boot protocol) or ELF64, entered in 64-bit mode\n"
"  -initrd FILE          initial ramdisk\n"
"  -append CMDLINE       kernel command line\n"
"Devices and backends:\n"
"  -serial SPEC          stdio | file:PATH | pty | unix:PATH,server[,nowait] |\n"
"                        tcp:HOST:PORT,server[,nowait] | null | none | mon:stdio |\n"
"                        chardev:ID (repeatable: COM1, COM2, ...)\n"
"  -chardev BACKEND,id=ID[,...]   a character device\n"
"  -drive file=PATH,format=raw,if=virtio|none[,id=ID][,readonly=on][,cache=...]\n"
"  -blockdev driver=raw,node-name=ID,file.driver=file,file.filename=PATH\n"
"  -device TYPE[,prop=value...]   add a device (-device help)\n"
"  -netdev user,id=ID[,hostfwd=...]   a network backend\n"
"Display and control:\n"
"  -nographic            no display; serial (and monitor) multiplexed on stdio,\n"
"                        Ctrl-A x quits, Ctrl-A c switches to the monitor\n"
"  -display none         no display\n"
"  -monitor SPEC         human monitor on a chardev (-serial syntax)\n"
"  -qmp SPEC             QMP on a chardev, e.g. unix:/tmp/qmp.sock,server,nowait\n"
"  -S                    do not start the vCPUs (wait for cont)\n"
"  -no-reboot            exit instead of rebooting\n"
"  -no-shutdown          stay (paused) when the guest powers off\n"
"  -name NAME            a name for the VM\n"
"  -d item[,...]         log items (-d help); -D FILE log to a file\n"
"  -version              print the version\n"
"  -h, --help            this help\n\n"
"Exit status: 0 after a guest poweroff or quit, (v << 1) | 1 when the guest\n"
"writes v to the isa-debug-exit port (0x501), 1 on an error.\n");
}

/* ---- option values ---- */

static uint64_t parse_size_mib(const char *opt, const char *v)
{
    const char *p = v;
    if (g_str_has_prefix(p, "size=")) {
        p += 5;
    }
    char *end;
    errno = 0;
    double d = strtod(p, &end);
    if (end == p || errno || d <= 0) {
        die("-%s %s: expected a size such as 512M or 2G", opt, v);
    }
    uint64_t mult = 1ull << 20;     /* QEMU's default unit for -m */
    switch (*end) {
    case 0: break;
    case 'k': case 'K': mult = 1ull << 10; end++; break;
    case 'm': case 'M': mult = 1ull << 20; end++; break;
    case 'g': case 'G': mult = 1ull << 30; end++; break;
    case 't': case 'T': mult = 1ull << 40; end++; break;
    default: die("-%s %s: unknown size suffix '%s' (K, M, G, T)", opt, v, end);
    }
    if (*end == 'B' || *end == 'b' || *end == 'i') {
        end += (*end == 'i' && (end[1] == 'B' || end[1] == 'b')) ? 2 : 1;
    }
    if (*end && *end != ',') {
        die("-%s %s: trailing characters '%s'", opt, v, end);
    }
    double bytes = d * (double)mult;
    if (bytes > (double)(1ull << 46)) {
        die("-%s %s: too large", opt, v);
    }
    return ((uint64_t)bytes + 4095) & ~4095ull;
}

static int parse_smp(const char *v)
{
    /* N, cpus=N, N,sockets=...,cores=...,threads=... (topology ignored). */
    g_auto(GStrv) items = g_strsplit(v, ",", -1);
    long n = -1;
    for (int i = 0; items[i]; i++) {
        const char *it = items[i];
        const char *val = it;
        if (g_str_has_prefix(it, "cpus=")) {
            val = it + 5;
        } else if (strchr(it, '=')) {
            if (g_str_has_prefix(it, "sockets=") || g_str_has_prefix(it, "cores=") ||
                g_str_has_prefix(it, "threads=") || g_str_has_prefix(it, "maxcpus=")) {
                continue;
            }
            die("-smp %s: unknown parameter '%s'", v, it);
        } else if (i != 0) {
            die("-smp %s: unexpected '%s'", v, it);
        }
        char *end;
        n = strtol(val, &end, 10);
        if (*end || n < 1) {
            die("-smp %s: expected a number of vCPUs >= 1", v);
        }
    }
    if (n < 1) {
        die("-smp %s: expected a number of vCPUs", v);
    }
    return (int)n;
}

static void check_readable(const char *opt, const char *path)
{
    if (access(path, R_OK) != 0) {
        die("-%s %s: %s", opt, path, g_strerror(errno));
    }
}

/* ---- signals ---- */

static void termsig_handler(int sig)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = termsig_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* ---- the option table ---- */

typedef struct MonitorReq {
    char *option;
    char *value;
} MonitorReq;

/* What the command line asked for; static so that the early exits (help,
 * errors) leave nothing unreachable behind. */
static MachineState machine;
static GPtrArray *serial_specs, *chardev_specs, *drive_specs, *blockdev_specs,
                 *netdev_specs;
static GArray *monitors;

int qemu_main(int argc, char **argv)
{
    MachineState *ms = &machine;
    const char *machine_opt = NULL;
    const char *cpu = "host";
    bool nographic = false, start_paused = false, check_host = false;
    bool accel_help = false;
    int smp = 1;
    uint64_t ram_size = 0;
    serial_specs = g_ptr_array_new();
    chardev_specs = g_ptr_array_new();
    drive_specs = g_ptr_array_new();
    blockdev_specs = g_ptr_array_new();
    netdev_specs = g_ptr_array_new();
    monitors = g_array_new(FALSE, FALSE, sizeof(MonitorReq));
    g_autoptr(GError) err = NULL;

    ms->device_opts = g_ptr_array_new();
    ms->serial_chardevs = g_ptr_array_new();
    ms->virtio_drives = g_ptr_array_new();
    ms->netdev_ids = g_ptr_array_new_with_free_func(g_free);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) {
            die("'%s': not an option (options start with '-'; -h lists them)", a);
        }
        const char *o = a + 1;
        if (o[0] == '-') {
            o++;                /* --opt is -opt */
        }
        /* Options without a value. */
        if (!strcmp(o, "h") || !strcmp(o, "help")) {
            usage();
            return 0;
        } else if (!strcmp(o, "version")) {
            printf(PROG " version " TERN_SYSTEM_VERSION " (tern, QEMU-compatible command line)\n");
            return 0;
        } else if (!strcmp(o, "enable-kvm")) {
            if (!accel_add_option("kvm", &err)) {
                die_error(err);
            }
            continue;
        } else if (!strcmp(o, "nographic")) {
            nographic = true;
            continue;
        } else if (!strcmp(o, "S")) {
            start_paused = true;
            continue;
        } else if (!strcmp(o, "no-reboot")) {
            no_reboot = true;
            continue;
        } else if (!strcmp(o, "no-shutdown")) {
            no_shutdown = true;
            continue;
        } else if (!strcmp(o, "check-host")) {
            check_host = true;
            continue;
        }
        /* Options with a value. */
        static const char *const with_value[] = {
            "M", "machine", "m", "smp", "cpu", "accel", "kernel", "initrd", "append",
            "serial", "chardev", "display", "monitor", "qmp", "qmp-pretty", "mon",
            "drive", "blockdev", "device", "netdev", "name", "d", "D", NULL,
        };
        bool known = false;
        for (int k = 0; with_value[k]; k++) {
            known |= !strcmp(o, with_value[k]);
        }
        if (!known) {
            die("-%s: unknown option (-h lists them)", o);
        }
        if (i + 1 >= argc) {
            die("-%s: requires an argument", o);
        }
        const char *v = argv[++i];
        if (!strcmp(o, "M") || !strcmp(o, "machine")) {
            machine_opt = v;
        } else if (!strcmp(o, "m")) {
            ram_size = parse_size_mib(o, v);
        } else if (!strcmp(o, "smp")) {
            smp = parse_smp(v);
        } else if (!strcmp(o, "cpu")) {
            cpu = v;
        } else if (!strcmp(o, "accel")) {
            if (!strcmp(v, "help")) {
                accel_help = true;
            } else if (!accel_add_option(v, &err)) {
                die_error(err);
            }
        } else if (!strcmp(o, "kernel")) {
            check_readable(o, v);
            ms->kernel_filename = g_strdup(v);
        } else if (!strcmp(o, "initrd")) {
            check_readable(o, v);
            ms->initrd_filename = g_strdup(v);
        } else if (!strcmp(o, "append")) {
            ms->kernel_cmdline = g_strdup(v);
        } else if (!strcmp(o, "serial")) {
            g_ptr_array_add(serial_specs, (gpointer)v);
        } else if (!strcmp(o, "chardev")) {
            g_ptr_array_add(chardev_specs, (gpointer)v);
        } else if (!strcmp(o, "display")) {
            if (strcmp(v, "none") != 0) {
                die("-display %s: only -display none is supported (tern has no display yet)", v);
            }
        } else if (!strcmp(o, "monitor") || !strcmp(o, "qmp") || !strcmp(o, "qmp-pretty") ||
                   !strcmp(o, "mon")) {
            MonitorReq r = { g_strdup(o), g_strdup(v) };
            g_array_append_val(monitors, r);
        } else if (!strcmp(o, "drive")) {
            g_ptr_array_add(drive_specs, (gpointer)v);
        } else if (!strcmp(o, "blockdev")) {
            g_ptr_array_add(blockdev_specs, (gpointer)v);
        } else if (!strcmp(o, "device")) {
            if (!strcmp(v, "help")) {
                g_autoptr(GPtrArray) list = device_class_list();
                printf("Devices (-device TYPE[,prop=value...]):\n");
                for (guint k = 0; k < list->len; k++) {
                    const DeviceClass *dc = g_ptr_array_index(list, k);
                    if (dc->user_creatable) {
                        printf("  %-24s %s\n", dc->name, dc->desc ? dc->desc : "");
                    }
                }
                return 0;
            }
            g_ptr_array_add(ms->device_opts, (gpointer)v);
        } else if (!strcmp(o, "netdev")) {
            g_ptr_array_add(netdev_specs, (gpointer)v);
        } else if (!strcmp(o, "name")) {
            ms->name = g_strdup(g_str_has_prefix(v, "guest=") ? v + 6 : v);
        } else if (!strcmp(o, "d")) {
            const char *lerr;
            int mask = tern_log_parse(v, &lerr);
            if (mask < 0) {
                die("-d %s: %s", v, lerr);
            }
            if (!strcmp(v, "help")) {
                return 0;
            }
            tern_loglevel = mask;
        } else if (!strcmp(o, "D")) {
            if (!tern_log_set_file(v)) {
                die("-D %s: %s", v, g_strerror(errno));
            }
        }
    }

    /* ---- the machine type ---- */
    const MachineClass *mc = machine_class_default();
    g_auto(GStrv) mparts = machine_opt ? g_strsplit(machine_opt, ",", -1) : NULL;
    int mfirst = 0;
    if (mparts && mparts[0]) {
        const char *name = mparts[0];
        if (g_str_has_prefix(name, "type=")) {
            name += 5;
        }
        if (!strcmp(name, "help") || !strcmp(name, "?")) {
            machine_print_help(stdout);
            return 0;
        }
        if (*name && !strchr(name, '=')) {
            mc = machine_class_find(name);
            if (!mc) {
                die("-M %s: unknown machine type '%s' (-M help lists them)", machine_opt, name);
            }
            mfirst = 1;
        }
    }
    if (!mc) {
        die("no machine types are built in");
    }
    ms->mc = mc;
    if (mparts) {
        for (int k = mfirst; mparts[k]; k++) {
            if (!strcmp(mparts[k], "help")) {
                printf("%s properties:\n%s", mc->name, mc->props_help ? mc->props_help : "");
                return 0;
            }
            g_autofree char *key = g_strndup(mparts[k], strcspn(mparts[k], "="));
            const char *val = strchr(mparts[k], '=') ? strchr(mparts[k], '=') + 1 : "on";
            if (!strcmp(key, "accel")) {
                if (!accel_add_option(val, &err)) {
                    die_error(err);
                }
            } else if (!mc->set_prop || !mc->set_prop(ms, key, val, &err)) {
                if (err) {
                    die_error(err);
                }
                die("-M %s: unknown property '%s'", machine_opt, key);
            }
        }
    }

    if (accel_help) {
        accel_print_help(mc->target, stdout);
        return 0;
    }
    if (check_host) {
        bool usable = false;
        const AccelOps *kvm = accel_find("kvm");
        if (kvm && kvm->check_host) {
            usable = kvm->check_host(stdout);
        } else {
            printf("KVM: not built into this tern (configure found no <linux/kvm.h>)\n");
        }
        return usable ? 0 : 1;
    }

    ms->ram_size = ram_size ? ram_size : mc->default_ram_size;
    ms->smp = smp;
    if (mc->max_cpus && smp > mc->max_cpus) {
        die("-smp %d: machine %s supports at most %d vCPUs", smp, mc->name, mc->max_cpus);
    }
    ms->cpu_model = g_strdup(cpu);
    if (!strcmp(cpu, "help")) {
        printf("CPU models under KVM: host (alias max), with ,-feature / ,+feature:\n");
        unsigned n;
        const X86Feature *t = x86_feature_table(&n);
        for (unsigned k = 0; k < n; k++) {
            printf("%s%s", t[k].name, (k + 1) % 8 ? " " : "\n");
        }
        printf("\n");
        return 0;
    }

    /* Names are checked before the accelerator (which checks availability). */
    if (!x86_cpu_model_parse(cpu, NULL, NULL, &err)) {
        die_error(err);
    }
    const AccelOps *accel = accel_select(mc->target, &err);
    if (!accel) {
        const AccelOps *tcg = accel_find("tcg");
        g_autoptr(GString) why = g_string_new(NULL);
        if (tcg && strstr(err->message, "-accel tcg") == NULL && tcg->probe(mc->target, why)) {
            die("%s — use -accel tcg", err->message);
        }
        die("%s", err->message);
    }

    /* ---- the rest of the process ---- */
    memory_system_init();
    qemu_init_main_loop();
    install_signals();

    for (guint k = 0; k < chardev_specs->len; k++) {
        const char *spec = g_ptr_array_index(chardev_specs, k);
        if (!qemu_chr_new_from_opts(spec, &err)) {
            die_opt("-chardev", spec, err);
        }
    }
    Chardev *mux_stdio = NULL;
    if (serial_specs->len == 0) {
        /* QEMU's default with -nographic: the serial port and the monitor
         * share stdio.  Without a display tern does the same by default,
         * unless a -monitor/-qmp already takes stdio (then the serial
         * port goes nowhere, as QEMU's does without a display). */
        bool stdio_taken = false;
        for (guint k = 0; k < monitors->len; k++) {
            const char *v = g_array_index(monitors, MonitorReq, k).value;
            stdio_taken |= !strcmp(v, "stdio") || !strcmp(v, "mon:stdio");
        }
        g_ptr_array_add(serial_specs, (gpointer)(stdio_taken ? "null" : "mon:stdio"));
    }
    for (guint k = 0; k < serial_specs->len; k++) {
        const char *spec = g_ptr_array_index(serial_specs, k);
        g_autofree char *label = g_strdup_printf("serial%u", k);
        Chardev *chr = qemu_chr_new(label, spec, &err);
        if (err) {
            die_opt("-serial", spec, err);
        }
        if (!strcmp(spec, "mon:stdio")) {
            mux_stdio = chr;
        }
        g_ptr_array_add(ms->serial_chardevs, chr);
    }

    for (guint k = 0; k < blockdev_specs->len; k++) {
        const char *spec = g_ptr_array_index(blockdev_specs, k);
        if (!blk_new_from_blockdev_opts(spec, &err)) {
            die_opt("-blockdev", spec, err);
        }
    }
    for (guint k = 0; k < drive_specs->len; k++) {
        const char *spec = g_ptr_array_index(drive_specs, k);
        g_autofree char *ifname = NULL;
        BlockBackend *blk = blk_new_from_drive_opts(spec, &ifname, &err);
        if (!blk) {
            die_opt("-drive", spec, err);
        }
        if (!ifname || !strcmp(ifname, "virtio")) {
            g_ptr_array_add(ms->virtio_drives, blk);
        } else if (strcmp(ifname, "none") != 0) {
            die("-drive %s: if=%s is not supported by machine %s (virtio or none)",
                spec, ifname, mc->name);
        }
    }
    for (guint k = 0; k < netdev_specs->len; k++) {
        const char *spec = g_ptr_array_index(netdev_specs, k);
        if (!netdev_add_from_opts(spec, &err)) {
            if (!err) {
                return 0;       /* -netdev help */
            }
            die("%s", err->message);
        }
    }

    if (!bql_locked()) {
        bql_lock();
    }
    if (!mc->init(ms, &err)) {
        die_error(err);
    }

    /* Monitors: after the machine, so that `info` commands have something to show. */
    for (guint k = 0; k < monitors->len; k++) {
        MonitorReq *r = &g_array_index(monitors, MonitorReq, k);
        if (!monitor_init_from_opts) {
            die("-%s %s: the monitor is not implemented yet in this build", r->option, r->value);
        }
        if (!monitor_init_from_opts(r->option, r->value, &err)) {
            g_autofree char *o = g_strdup_printf("-%s", r->option);
            die_opt(o, r->value, err);
        }
    }
    if (monitors->len == 0 && monitor_init_hmp) {
        /* The human monitor shares stdio with the serial port (Ctrl-A c);
         * with -nographic and the serial port elsewhere, it has stdio to
         * itself, as in QEMU. */
        Chardev *mon = mux_stdio;
        bool stdio_used = false;
        for (guint k = 0; k < serial_specs->len; k++) {
            const char *spec = g_ptr_array_index(serial_specs, k);
            stdio_used |= g_str_has_suffix(spec, "stdio");
        }
        if (!mon && nographic && !stdio_used) {
            mon = qemu_chr_new("compat_monitor0", "mon:stdio", &err);
            if (!mon) {
                die("-nographic: monitor on stdio: %s", err ? err->message : "no chardev");
            }
        }
        if (mon && !monitor_init_hmp(mon, &err)) {
            die("-nographic: monitor on stdio: %s", err->message);
        }
    }

    if (start_paused) {
        /* stays in "prelaunch" until cont */
    } else {
        vm_start();
    }
    while (!main_loop_should_exit()) {
        main_loop_wait(-1);
    }

    accel_shutdown();
    vcpus_destroy_all();
    thread_pool_drain();
    net_cleanup();
    chardev_stdio_restore_tty();
    fflush(stdout);
    return qemu_exit_status();
}
