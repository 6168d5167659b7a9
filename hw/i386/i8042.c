/*
 * A minimal i8042 keyboard controller (include/hw/i386/pc-devices.h): the
 * command/status port and the data port, with no keyboard or mouse behind
 * them.  Its reason to exist is command 0xFE, which pulses the CPU reset
 * line: Linux's reboot=k and many tiny OSes reset the machine that way.
 */
#include "hw/i386/pc-devices.h"
#include "sysemu/runstate.h"

#define STAT_OBF     0x01   /* output buffer full */
#define STAT_SYS     0x04   /* system flag: self-test passed */
#define STAT_CMD     0x08   /* last write was a command */

typedef struct I8042State {
    DeviceState parent;
    MemoryRegion data_io;
    MemoryRegion cmd_io;
    uint8_t status;
    uint8_t out;            /* output buffer */
    uint8_t ctr;            /* controller command byte */
    uint8_t pending_cmd;    /* command waiting for its data byte (0x60, 0xD1...) */
} I8042State;

static void i8042_output(I8042State *s, uint8_t v)
{
    s->out = v;
    s->status |= STAT_OBF;
}

static uint64_t i8042_data_read(void *opaque, hwaddr addr, unsigned size)
{
    I8042State *s = opaque;
    s->status &= ~STAT_OBF;
    return s->out;
}

static void i8042_data_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    I8042State *s = opaque;
    s->status &= ~STAT_CMD;
    switch (s->pending_cmd) {
    case 0x60:
        s->ctr = (uint8_t)val;
        break;
    case 0xd1:                  /* output port: bit 0 low = reset */
        if (!(val & 1)) {
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        break;
    default:
        /* A byte for the (absent) keyboard: it answers nothing. */
        break;
    }
    s->pending_cmd = 0;
}

static uint64_t i8042_status_read(void *opaque, hwaddr addr, unsigned size)
{
    I8042State *s = opaque;
    return s->status;
}

static void i8042_cmd_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    I8042State *s = opaque;
    s->status |= STAT_CMD;
    switch (val) {
    case 0x20:                  /* read command byte */
        i8042_output(s, s->ctr);
        break;
    case 0x60:                  /* write command byte: data follows */
    case 0xd1:                  /* write output port: data follows */
        s->pending_cmd = (uint8_t)val;
        break;
    case 0xa7: s->ctr |= 0x20; break;     /* disable aux port */
    case 0xa8: s->ctr &= ~0x20; break;    /* enable aux port */
    case 0xa9:                  /* aux interface test: 0 = ok */
    case 0xab:                  /* keyboard interface test */
        i8042_output(s, 0x00);
        break;
    case 0xaa:                  /* controller self-test */
        i8042_output(s, 0x55);
        break;
    case 0xad: s->ctr |= 0x10; break;     /* disable keyboard */
    case 0xae: s->ctr &= ~0x10; break;    /* enable keyboard */
    case 0xfe:                  /* pulse reset line */
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        break;
    default:
        break;
    }
}

static const MemoryRegionOps i8042_data_ops = {
    .read = i8042_data_read,
    .write = i8042_data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps i8042_cmd_ops = {
    .read = i8042_status_read,
    .write = i8042_cmd_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static bool i8042_realize(DeviceState *dev, GError **errp)
{
    I8042State *s = (I8042State *)dev;
    memory_region_init_io(&s->data_io, dev, &i8042_data_ops, s, "i8042-data", 1);
    memory_region_init_io(&s->cmd_io, dev, &i8042_cmd_ops, s, "i8042-cmd", 1);
    device_init_pio(dev, &s->data_io);
    device_init_pio(dev, &s->cmd_io);
    return true;
}

static void i8042_reset(DeviceState *dev)
{
    I8042State *s = (I8042State *)dev;
    s->status = STAT_SYS;
    s->out = 0;
    s->ctr = 0x30;      /* both ports disabled (nothing attached), no IRQs */
    s->pending_cmd = 0;
}

const DeviceClass i8042_class = {
    .name = "i8042",
    .desc = "PS/2 controller, reset line only (no keyboard or mouse)",
    .instance_size = sizeof(I8042State),
    .realize = i8042_realize,
    .reset = i8042_reset,
};

static void i8042_register(void)
{
    device_class_register(&i8042_class);
}
type_init(i8042_register)
