/*
 * The "microvm" machine (include/hw/i386/microvm.h): RAM with the hole
 * below 4 GiB, UARTs, the i8042 reset line, isa-debug-exit, eight
 * virtio-mmio transports, N vCPUs, and direct boot of a bzImage or ELF64
 * kernel in 64-bit mode (hw/i386/x86-boot.c).  Interrupt lines go to the
 * accelerator's irqchip by GSI; devices only see their qemu_irq.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "accel/accel.h"
#include "block/block.h"
#include "chardev/char.h"
#include "hw/boards.h"
#include "hw/i386/microvm.h"
#include "hw/i386/pc-devices.h"
#include "hw/i386/x86-boot.h"
#include "hw/qdev.h"
#include "hw/virtio/virtio-mmio.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"

#define NR_GSI 24

typedef struct Microvm {
    MachineState *ms;
    MemoryRegion ram_below, ram_above;    /* aliases into ms->ram */
    uint64_t below_size, above_size;
    qemu_irq gsi[NR_GSI];
    DeviceState *virtio[MICROVM_VIRTIO_SLOTS];
    bool debug_exit;
    uint32_t debug_exit_port;
    char *cmdline;
    X86BootState boot;
} Microvm;

static Microvm microvm;

static const struct {
    uint16_t port;
    int irq;
} serial_ports[] = { { 0x3f8, 4 }, { 0x2f8, 3 }, { 0x3e8, 4 }, { 0x2e8, 3 } };

static void gsi_handler(void *opaque, int n, int level)
{
    accel_set_irq(n, level);
}

static bool microvm_set_prop(MachineState *ms, const char *name, const char *value,
                             GError **errp)
{
    if (!strcmp(name, "debug-exit")) {
        if (strcmp(value, "on") && strcmp(value, "off")) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-M microvm,debug-exit=%s: expected on or off", value);
            return false;
        }
        microvm.debug_exit = !strcmp(value, "on");
        return true;
    }
    if (!strcmp(name, "debug-exit-port")) {
        char *end;
        unsigned long v = strtoul(value, &end, 0);
        if (*end || v == 0 || v > 0xfffe) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-M microvm,debug-exit-port=%s: expected a port number", value);
            return false;
        }
        microvm.debug_exit_port = (uint32_t)v;
        return true;
    }
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                "-M microvm: unknown property '%s' (-M microvm,help lists them)", name);
    return false;
}

static bool map_pio_device(const char *type, uint16_t port, const char *prop_name,
                           const char *prop_value, DeviceState **out, GError **errp)
{
    DeviceState *dev = device_new(type, errp);
    if (!dev) {
        return false;
    }
    if (prop_name && !device_set_prop(dev, prop_name, prop_value, errp)) {
        device_free(dev);
        return false;
    }
    if (!device_realize(dev, errp)) {
        return false;
    }
    memory_region_add_subregion(get_system_io(), port, device_pio(dev, 0));
    if (out) {
        *out = dev;
    }
    return true;
}

static bool microvm_create_serials(MachineState *ms, GError **errp)
{
    for (guint i = 0; ms->serial_chardevs && i < ms->serial_chardevs->len; i++) {
        Chardev *chr = g_ptr_array_index(ms->serial_chardevs, i);
        if (!chr) {
            continue;
        }
        if (i >= G_N_ELEMENTS(serial_ports)) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-serial: microvm has %zu serial ports, %u given",
                        G_N_ELEMENTS(serial_ports), ms->serial_chardevs->len);
            return false;
        }
        DeviceState *dev;
        if (!map_pio_device("isa-serial", serial_ports[i].port, "chardev",
                            qemu_chr_label(chr), &dev, errp)) {
            return false;
        }
        device_connect_irq(dev, 0, microvm.gsi[serial_ports[i].irq]);
    }
    return true;
}

/* The value of key=... in a -device option string, or NULL (g_free it). */
static char *opts_get(const char *opts, const char *key)
{
    g_auto(GStrv) items = g_strsplit(opts, ",", -1);
    size_t len = strlen(key);
    for (int i = 1; items[i]; i++) {
        if (!strncmp(items[i], key, len) && items[i][len] == '=') {
            return g_strdup(items[i] + len + 1);
        }
    }
    return NULL;
}

static bool has_device(MachineState *ms, const char *type)
{
    for (guint i = 0; ms->device_opts && i < ms->device_opts->len; i++) {
        const char *opts = g_ptr_array_index(ms->device_opts, i);
        size_t n = strcspn(opts, ",");
        if (strlen(type) == n && !strncmp(opts, type, n)) {
            return true;
        }
    }
    return false;
}

static bool microvm_create_virtio(MachineState *ms, GError **errp)
{
    for (int i = 0; i < MICROVM_VIRTIO_SLOTS; i++) {
        DeviceState *t = device_new(TYPE_VIRTIO_MMIO, errp);
        if (!t || !device_realize(t, errp)) {
            return false;
        }
        memory_region_add_subregion(get_system_memory(),
                                    MICROVM_VIRTIO_BASE + (hwaddr)i * MICROVM_VIRTIO_STRIDE,
                                    device_mmio(t, 0));
        device_connect_irq(t, 0, microvm.gsi[MICROVM_VIRTIO_GSI + i]);
        microvm.virtio[i] = t;
    }
    /* -drive if=virtio: a virtio-blk-device each, in order. */
    for (guint i = 0; ms->virtio_drives && i < ms->virtio_drives->len; i++) {
        BlockBackend *blk = g_ptr_array_index(ms->virtio_drives, i);
        DeviceState *d = device_new("virtio-blk-device", errp);
        if (!d) {
            return false;
        }
        if (!device_set_prop(d, "drive", blk_name(blk), errp) || !device_realize(d, errp) ||
            !virtio_mmio_plug_free(d, errp)) {
            g_prefix_error(errp, "-drive file=%s,if=virtio: ", blk_filename(blk));
            return false;
        }
    }
    /* -device: virtio devices go into the next free transport. */
    for (guint i = 0; ms->device_opts && i < ms->device_opts->len; i++) {
        const char *opts = g_ptr_array_index(ms->device_opts, i);
        DeviceState *d = device_new_from_opts(opts, errp);
        if (!d) {
            if (!g_str_has_prefix((*errp)->message, "-device")) {
                g_prefix_error(errp, "-device %s: ", opts);
            }
            return false;
        }
        if (device_class_is(d->klass, TYPE_VIRTIO_DEVICE)) {
            if (!virtio_mmio_plug_free(d, errp)) {
                g_prefix_error(errp, "-device %s: ", opts);
                return false;
            }
        } else if (!strcmp(d->klass->name, "isa-debug-exit")) {
            /* QEMU's idiom: -device isa-debug-exit,iobase=0xf4,iosize=4 */
            g_autofree char *base = opts_get(opts, "iobase");
            memory_region_add_subregion(get_system_io(),
                                        base ? strtoul(base, NULL, 0) : 0x501,
                                        device_pio(d, 0));
        } else {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-device %s: microvm places only virtio devices and "
                        "isa-debug-exit", opts);
            return false;
        }
    }
    return true;
}

/* Put every vCPU into the boot state (also on reset). */
static void microvm_set_boot_state(void)
{
    X86BootState *st = &microvm.boot;
    int n = vcpu_count();
    for (int i = 0; i < n; i++) {
        VCPU *cpu = vcpu_get(i);
        X86CPUState *env = cpu->env;
        x86_cpu_reset_state(env, i);
        if (i == 0 || !st->is_bzimage) {
            x86_cpu_set_long_mode_entry(env, st->rip, st->cr3, st->gdt_base, st->gdt_limit,
                                        st->cs.selector, st->ds.selector);
            env->regs[R_ESI] = st->rsi;
            env->regs[R_ESP] = i == 0 ? st->rsp : 0;
            env->regs[R_EDI] = (uint64_t)i;
            env->regs[R_EDX] = (uint64_t)n;
        }
        cpu->start_runnable = !st->is_bzimage;
        cpu->reset_pending = true;
        cpu->env_dirty = true;
    }
}

static bool microvm_load(MachineState *ms, GError **errp)
{
    uint8_t *ram = memory_region_get_ram_ptr(ms->ram);
    X86BootRAM br = {
        .below_4g = ram,
        .below_4g_size = microvm.below_size,
        .above_4g = microvm.above_size ? ram + microvm.below_size : NULL,
        .above_4g_size = microvm.above_size,
    };
    const char *cmdline = microvm.cmdline;

    if (!x86_load_kernel(&br, ms->kernel_filename, ms->initrd_filename, cmdline,
                         &microvm.boot, errp)) {
        g_prefix_error(errp, "-kernel %s: ", ms->kernel_filename);
        return false;
    }
    X86MPIrq extra[MICROVM_VIRTIO_SLOTS];
    for (int i = 0; i < MICROVM_VIRTIO_SLOTS; i++) {
        extra[i] = (X86MPIrq){ .gsi = (uint8_t)(MICROVM_VIRTIO_GSI + i), .level = true };
    }
    X86MPConfig mp = {
        .ncpus = (unsigned)ms->smp,
        .irq0_pin = 0,       /* KVM's default routing: GSI 0 on IOAPIC pin 0 */
        .extra = extra,
        .n_extra = MICROVM_VIRTIO_SLOTS,
    };
    return x86_write_mptable(&br, &mp, errp);
}

static void microvm_reset(void *opaque)
{
    MachineState *ms = opaque;
    g_autoptr(GError) err = NULL;
    if (!microvm_load(ms, &err)) {
        fprintf(stderr, "tern-system-x86_64: reset: %s\n", err->message);
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
        return;
    }
    microvm_set_boot_state();
}

static bool microvm_init(MachineState *ms, GError **errp)
{
    if (!ms->kernel_filename) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-kernel is required: microvm has no firmware (give a bzImage or an "
                    "ELF64 kernel)");
        return false;
    }
    if (ms->initrd_filename && !ms->kernel_filename) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, "-initrd needs -kernel");
        return false;
    }
    if (ms->ram_size < X86_BOOT_MIN_RAM) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-m: microvm needs at least %u MiB of RAM",
                    (unsigned)(X86_BOOT_MIN_RAM >> 20));
        return false;
    }
    if (!microvm.debug_exit_port) {
        microvm.debug_exit_port = MICROVM_DEBUG_EXIT_PORT;
    }
    microvm.ms = ms;

    /* RAM: one block; the part above 3 GiB appears above 4 GiB. */
    ms->ram = g_new0(MemoryRegion, 1);
    if (!memory_region_init_ram(ms->ram, NULL, "pc.ram", ms->ram_size, errp)) {
        g_prefix_error(errp, "-m %" G_GUINT64_FORMAT "M: ", ms->ram_size >> 20);
        return false;
    }
    microvm.below_size = MIN(ms->ram_size, MICROVM_LOW_RAM_MAX);
    microvm.above_size = ms->ram_size - microvm.below_size;
    memory_region_init_alias(&microvm.ram_below, NULL, "ram-below-4g", ms->ram, 0,
                             microvm.below_size);
    memory_region_add_subregion(get_system_memory(), 0, &microvm.ram_below);
    if (microvm.above_size) {
        memory_region_init_alias(&microvm.ram_above, NULL, "ram-above-4g", ms->ram,
                                 microvm.below_size, microvm.above_size);
        memory_region_add_subregion(get_system_memory(), X86_4G, &microvm.ram_above);
    }

    if (!accel_init(ms, errp)) {
        return false;
    }
    for (int i = 0; i < NR_GSI; i++) {
        microvm.gsi[i] = qemu_allocate_irq(gsi_handler, NULL, i);
    }

    if (!microvm_create_serials(ms, errp)) {
        return false;
    }
    DeviceState *kbd = device_new("i8042", errp);
    if (!kbd || !device_realize(kbd, errp)) {
        return false;
    }
    memory_region_add_subregion(get_system_io(), 0x60, device_pio(kbd, 0));
    memory_region_add_subregion(get_system_io(), 0x64, device_pio(kbd, 1));
    /* The built-in debug-exit port, unless -device isa-debug-exit places one. */
    if (microvm.debug_exit && !has_device(ms, "isa-debug-exit")) {
        g_autofree char *port = g_strdup_printf("%u", microvm.debug_exit_port);
        if (!map_pio_device("isa-debug-exit", (uint16_t)microvm.debug_exit_port, "iobase",
                            port, NULL, errp)) {
            return false;
        }
    }
    if (!microvm_create_virtio(ms, errp)) {
        return false;
    }

    /* The kernel command line: -append, then the transports with a device. */
    GString *cmd = g_string_new(ms->kernel_cmdline ? ms->kernel_cmdline : "");
    ms->cmdline_extra = g_string_new(NULL);
    for (int i = 0; i < MICROVM_VIRTIO_SLOTS; i++) {
        if (virtio_mmio_get_vdev(microvm.virtio[i])) {
            g_autofree char *arg = virtio_mmio_cmdline_arg(
                microvm.virtio[i], MICROVM_VIRTIO_BASE + (hwaddr)i * MICROVM_VIRTIO_STRIDE,
                MICROVM_VIRTIO_GSI + i);
            g_string_append_printf(ms->cmdline_extra, "%s%s",
                                   ms->cmdline_extra->len ? " " : "", arg);
        }
    }
    if (ms->cmdline_extra->len) {
        g_string_append_printf(cmd, "%s%s", cmd->len ? " " : "", ms->cmdline_extra->str);
    }
    microvm.cmdline = g_string_free(cmd, FALSE);

    vcpu_set_target_ops(&x86_64_target_ops);
    for (int i = 0; i < ms->smp; i++) {
        if (!vcpu_create(i, errp)) {
            return false;
        }
    }
    if (!microvm_load(ms, errp)) {
        return false;
    }
    microvm_set_boot_state();
    qemu_register_reset(microvm_reset, ms);
    return true;
}

static const MachineClass microvm_machine = {
    .name = "microvm",
    .desc = "microvm (i386): a minimal x86-64 PC without PCI, ACPI or firmware "
            "(virtio-mmio, 16550, direct kernel boot)",
    .target = "x86_64",
    .is_default = true,
    .default_ram_size = 128ull << 20,
    .max_cpus = X86_MPTABLE_MAX_CPUS,
    .init = microvm_init,
    .set_prop = microvm_set_prop,
    .props_help = "  debug-exit=on|off      isa-debug-exit port for test guests (default on)\n"
                  "  debug-exit-port=PORT   its I/O port (default 0x501)\n",
};

static void __attribute__((constructor)) microvm_register(void)
{
    microvm.debug_exit = true;
    machine_class_register(&microvm_machine);
}
