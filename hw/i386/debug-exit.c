/*
 * isa-debug-exit: a port whose write ends the process with status
 * (value << 1) | 1, for test guests (include/hw/i386/pc-devices.h).
 */
#include "hw/i386/pc-devices.h"
#include "sysemu/runstate.h"

typedef struct DebugExitState {
    DeviceState parent;
    MemoryRegion io;
    uint32_t iobase;
    uint32_t iosize;
} DebugExitState;

static uint64_t debug_exit_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void debug_exit_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    qemu_system_exit_request((int)(((val << 1) | 1) & 0xff));
}

static const MemoryRegionOps debug_exit_ops = {
    .read = debug_exit_read,
    .write = debug_exit_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static bool debug_exit_realize(DeviceState *dev, GError **errp)
{
    DebugExitState *s = (DebugExitState *)dev;
    if (s->iosize == 0 || s->iosize > 4 || s->iobase + s->iosize > 0x10000) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "isa-debug-exit: iobase=0x%x iosize=%u is not a valid port range",
                    s->iobase, s->iosize);
        return false;
    }
    memory_region_init_io(&s->io, dev, &debug_exit_ops, s, "isa-debug-exit", s->iosize);
    device_init_pio(dev, &s->io);
    return true;
}

static const Property debug_exit_props[] = {
    DEFINE_PROP_UINT32("iobase", DebugExitState, iobase, 0x501),
    DEFINE_PROP_UINT32("iosize", DebugExitState, iosize, 2),
    DEFINE_PROP_END,
};

const DeviceClass isa_debug_exit_class = {
    .name = "isa-debug-exit",
    .desc = "exit the emulator with status (value << 1) | 1 (for test guests)",
    .instance_size = sizeof(DebugExitState),
    .props = debug_exit_props,
    .user_creatable = true,
    .realize = debug_exit_realize,
};

static void debug_exit_register(void)
{
    device_class_register(&isa_debug_exit_class);
}
type_init(debug_exit_register)
