/*
 * The 16550A UART ("isa-serial", "serial-mmio"), with the register
 * semantics Linux's 8250 driver relies on:
 *
 *   0 RBR/THR (DLL with LCR.DLAB)   1 IER (DLM)   2 IIR/FCR   3 LCR
 *   4 MCR   5 LSR   6 MSR   7 SCR
 *
 * Interrupt sources, highest priority first: receiver line status (LSR
 * OE/PE/FE/BI; cleared by reading LSR), received data at the FIFO trigger
 * level (cleared by reading RBR below it), character timeout (data sat in
 * the FIFO for 4 character times; cleared by reading RBR), THR empty
 * (set when the transmitter drains or IER.ETBEI goes 0 -> 1 while empty;
 * cleared by reading IIR while it is the reported source or by writing
 * THR), modem status (MSR delta bits; cleared by reading MSR).
 *
 * Transmission is immediate: bytes go to the chardev as soon as THR is
 * written; if the chardev takes fewer, the rest stays in the TX FIFO (LSR
 * THRE clear) and is retried from the main loop when the backend can take
 * it, so a vCPU never waits.  Input is flow-controlled: the chardev hands
 * over only what fits in the RX FIFO.
 *
 * On PCs the UART's interrupt output reaches the PIC only while MCR.OUT2
 * is set (a gate on the board, which Linux sets when it uses the IRQ), and
 * in loopback mode OUT2 is forced inactive, so there is no IRQ either;
 * "isa-serial" models that gate, "serial-mmio" does not.
 */
#include <inttypes.h>
#include <string.h>

#include "hw/char/serial.h"
#include "qemu/main-loop.h"

#define UART_IER_RDI   0x01
#define UART_IER_THRI  0x02
#define UART_IER_RLSI  0x04
#define UART_IER_MSI   0x08

#define UART_IIR_NO_INT 0x01
#define UART_IIR_MSI    0x00
#define UART_IIR_THRI   0x02
#define UART_IIR_RDI    0x04
#define UART_IIR_RLSI   0x06
#define UART_IIR_CTI    0x0c
#define UART_IIR_ID     0x0e
#define UART_IIR_FIFO   0xc0

#define UART_FCR_FE     0x01
#define UART_FCR_RFR    0x02
#define UART_FCR_XFR    0x04

#define UART_LCR_DLAB   0x80

#define UART_MCR_DTR    0x01
#define UART_MCR_RTS    0x02
#define UART_MCR_OUT1   0x04
#define UART_MCR_OUT2   0x08
#define UART_MCR_LOOP   0x10

#define UART_LSR_DR     0x01
#define UART_LSR_OE     0x02
#define UART_LSR_PE     0x04
#define UART_LSR_FE     0x08
#define UART_LSR_BI     0x10
#define UART_LSR_THRE   0x20
#define UART_LSR_TEMT   0x40
#define UART_LSR_FIFOE  0x80
#define UART_LSR_INT_ANY (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

#define UART_MSR_DCTS   0x01
#define UART_MSR_DDSR   0x02
#define UART_MSR_TERI   0x04
#define UART_MSR_DDCD   0x08
#define UART_MSR_CTS    0x10
#define UART_MSR_DSR    0x20
#define UART_MSR_RI     0x40
#define UART_MSR_DCD    0x80
#define UART_MSR_ANY_DELTA 0x0f

/* The modem lines outside: a connected, ready peer. */
#define EXTERNAL_LINES (UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS)

/* ---- FIFOs ---- */

static void fifo_reset(SerialFifo *f)
{
    f->head = f->count = 0;
}

static void fifo_push(SerialFifo *f, uint8_t v)
{
    f->data[(f->head + f->count) % SERIAL_FIFO_SIZE] = v;
    f->count++;
}

static uint8_t fifo_pop(SerialFifo *f)
{
    uint8_t v = f->data[f->head];
    f->head = (f->head + 1) % SERIAL_FIFO_SIZE;
    f->count--;
    return v;
}

static bool fifo_enabled(SerialState *s)
{
    return s->fcr & UART_FCR_FE;
}

/* How many bytes the receiver holds: 16 with FIFOs, 1 without. */
static unsigned rx_capacity(SerialState *s)
{
    return fifo_enabled(s) ? SERIAL_FIFO_SIZE : 1;
}

/* ---- timing ---- */

int64_t serial_char_time_ns(SerialState *s)
{
    unsigned wl = 5 + (s->lcr & 3);
    unsigned parity = (s->lcr & 0x08) ? 1 : 0;
    /* In half bits: start + data + parity, then 1, 1.5 (5-bit) or 2 stop bits. */
    unsigned half_bits = 2 * (1 + wl + parity) +
                         ((s->lcr & 0x04) ? (wl == 5 ? 3 : 4) : 2);
    uint64_t div = s->divider ? s->divider : 1;
    uint64_t base = s->baudbase ? s->baudbase : 115200;

    return (int64_t)(half_bits * (uint64_t)NANOSECONDS_PER_SECOND * div / (2 * base));
}

/* ---- interrupts ---- */

static void serial_update_irq(SerialState *s)
{
    uint8_t id = UART_IIR_NO_INT;
    int level;

    if ((s->ier & UART_IER_RLSI) && (s->lsr & UART_LSR_INT_ANY)) {
        id = UART_IIR_RLSI;
    } else if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR) &&
               (!fifo_enabled(s) || s->rx.count >= s->rx_trigger)) {
        id = UART_IIR_RDI;
    } else if ((s->ier & UART_IER_RDI) && s->timeout_ipending) {
        id = UART_IIR_CTI;
    } else if ((s->ier & UART_IER_THRI) && s->thr_ipending) {
        id = UART_IIR_THRI;
    } else if ((s->ier & UART_IER_MSI) && (s->msr & UART_MSR_ANY_DELTA)) {
        id = UART_IIR_MSI;
    }
    s->iir = id | (fifo_enabled(s) ? UART_IIR_FIFO : 0);

    level = id != UART_IIR_NO_INT;
    if (s->gate_out2 && (!(s->mcr & UART_MCR_OUT2) || (s->mcr & UART_MCR_LOOP))) {
        level = 0;
    }
    if (level != s->irq_level) {
        s->irq_level = level;
        qemu_set_irq(s->irq, level);
    }
}

/* ---- receive ---- */

static void rx_timeout_rearm(SerialState *s)
{
    if (fifo_enabled(s) && s->rx.count) {
        timer_mod(s->fifo_timeout, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                                   4 * serial_char_time_ns(s));
    } else {
        timer_del(s->fifo_timeout);
    }
}

static void serial_timeout_cb(void *opaque)
{
    SerialState *s = opaque;

    if (fifo_enabled(s) && s->rx.count) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

/* One character arrives in the receiver (no IRQ update). */
static void rx_byte(SerialState *s, uint8_t v)
{
    if (s->rx.count >= rx_capacity(s)) {
        s->lsr |= UART_LSR_OE;
        if (!fifo_enabled(s)) {
            /* 16450 mode: the new character overwrites RBR. */
            fifo_reset(&s->rx);
            fifo_push(&s->rx, v);
        }
        /* FIFO mode: the character in the shift register is lost. */
    } else {
        fifo_push(&s->rx, v);
    }
    s->lsr |= UART_LSR_DR;
    rx_timeout_rearm(s);
}

static void rx_clear(SerialState *s)
{
    fifo_reset(&s->rx);
    s->lsr &= ~(UART_LSR_DR | UART_LSR_FIFOE);
    s->timeout_ipending = false;
    timer_del(s->fifo_timeout);
    qemu_chr_fe_accept_input(&s->chr);
}

static int serial_can_receive(void *opaque)
{
    SerialState *s = opaque;

    if (s->mcr & UART_MCR_LOOP) {
        return 0;               /* the receiver listens to the transmitter */
    }
    return (int)(rx_capacity(s) - s->rx.count);
}

static void serial_receive(void *opaque, const uint8_t *buf, int size)
{
    SerialState *s = opaque;

    if (s->mcr & UART_MCR_LOOP) {
        return;
    }
    for (int i = 0; i < size; i++) {
        rx_byte(s, buf[i]);
    }
    serial_update_irq(s);
}

static void serial_event(void *opaque, QEMUChrEvent event)
{
    SerialState *s = opaque;

    if (event == CHR_EVENT_BREAK && !(s->mcr & UART_MCR_LOOP)) {
        /* A break arrives as a NUL character with BI. */
        rx_byte(s, 0);
        s->lsr |= UART_LSR_BI;
        if (fifo_enabled(s)) {
            s->lsr |= UART_LSR_FIFOE;
        }
        serial_update_irq(s);
    }
}

/* ---- transmit ---- */

static void serial_xmit(SerialState *s);

static void serial_out_ready(void *opaque)
{
    SerialState *s = opaque;

    s->out_watch = 0;
    serial_xmit(s);
}

static void serial_xmit(SerialState *s)
{
    if (s->out_watch) {
        return;                 /* the watch will continue */
    }
    while (s->tx.count) {
        uint8_t buf[SERIAL_FIFO_SIZE];
        unsigned n = 0;
        int w;

        if (s->mcr & UART_MCR_LOOP) {
            rx_byte(s, fifo_pop(&s->tx));
            continue;
        }
        for (unsigned i = 0; i < s->tx.count; i++) {
            buf[n++] = s->tx.data[(s->tx.head + i) % SERIAL_FIFO_SIZE];
        }
        w = qemu_chr_fe_write(&s->chr, buf, (int)n);
        if (w < 0) {
            w = (int)n;         /* a broken backend: the bytes are lost */
        }
        for (int i = 0; i < w; i++) {
            fifo_pop(&s->tx);
        }
        if ((unsigned)w < n) {
            s->out_watch = qemu_chr_fe_add_out_watch(&s->chr, serial_out_ready, s);
            serial_update_irq(s);
            return;
        }
    }
    s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
    s->thr_ipending = true;
    serial_update_irq(s);
}

/* ---- modem lines ---- */

static void serial_update_msr(SerialState *s)
{
    uint8_t lines, old = s->msr, delta = 0;

    if (s->mcr & UART_MCR_LOOP) {
        lines = ((s->mcr & UART_MCR_RTS) ? UART_MSR_CTS : 0) |
                ((s->mcr & UART_MCR_DTR) ? UART_MSR_DSR : 0) |
                ((s->mcr & UART_MCR_OUT1) ? UART_MSR_RI : 0) |
                ((s->mcr & UART_MCR_OUT2) ? UART_MSR_DCD : 0);
    } else {
        lines = EXTERNAL_LINES;
    }
    if ((old ^ lines) & UART_MSR_CTS) {
        delta |= UART_MSR_DCTS;
    }
    if ((old ^ lines) & UART_MSR_DSR) {
        delta |= UART_MSR_DDSR;
    }
    if ((old & UART_MSR_RI) && !(lines & UART_MSR_RI)) {
        delta |= UART_MSR_TERI;         /* trailing edge only */
    }
    if ((old ^ lines) & UART_MSR_DCD) {
        delta |= UART_MSR_DDCD;
    }
    s->msr = lines | (old & UART_MSR_ANY_DELTA) | delta;
}

/* ---- registers ---- */

static uint8_t serial_reg_read(SerialState *s, unsigned reg)
{
    uint8_t ret = 0;

    switch (reg) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            return s->divider & 0xff;
        }
        if (s->rx.count) {
            bool was_full = s->rx.count >= rx_capacity(s);
            s->rbr = fifo_pop(&s->rx);
            if (was_full) {
                qemu_chr_fe_accept_input(&s->chr);
            }
        }
        ret = s->rbr;
        if (!s->rx.count) {
            s->lsr &= ~(UART_LSR_DR | UART_LSR_FIFOE);
        }
        s->timeout_ipending = false;
        rx_timeout_rearm(s);
        serial_update_irq(s);
        return ret;
    case 1:
        return (s->lcr & UART_LCR_DLAB) ? s->divider >> 8 : s->ier;
    case 2:
        ret = s->iir;
        if ((ret & UART_IIR_ID) == UART_IIR_THRI) {
            s->thr_ipending = false;
            serial_update_irq(s);
        }
        return ret;
    case 3:
        return s->lcr;
    case 4:
        return s->mcr;
    case 5:
        ret = s->lsr;
        if (s->lsr & (UART_LSR_INT_ANY | UART_LSR_FIFOE)) {
            s->lsr &= ~(UART_LSR_INT_ANY | UART_LSR_FIFOE);
            serial_update_irq(s);
        }
        return ret;
    case 6:
        ret = s->msr;
        if (s->msr & UART_MSR_ANY_DELTA) {
            s->msr &= ~UART_MSR_ANY_DELTA;
            serial_update_irq(s);
        }
        return ret;
    case 7:
    default:
        return s->scr;
    }
}

static void serial_reg_write(SerialState *s, unsigned reg, uint8_t v)
{
    switch (reg) {
    case 0:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | v;
            return;
        }
        if (fifo_enabled(s)) {
            if (s->tx.count < SERIAL_FIFO_SIZE) {
                fifo_push(&s->tx, v);
            }
        } else {
            /* One holding register: a byte the backend has not taken yet
             * is overwritten, as on a 16450 written while not empty. */
            fifo_reset(&s->tx);
            fifo_push(&s->tx, v);
        }
        s->thr_ipending = false;
        s->lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
        serial_update_irq(s);
        serial_xmit(s);
        return;
    case 1:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0x00ff) | (v << 8);
            return;
        }
        v &= 0x0f;
        /* Enabling THRE interrupts while THR is empty raises one. */
        if ((v & ~s->ier & UART_IER_THRI) && (s->lsr & UART_LSR_THRE)) {
            s->thr_ipending = true;
        }
        s->ier = v;
        serial_update_irq(s);
        return;
    case 2: {
        bool was = fifo_enabled(s);
        bool now = v & UART_FCR_FE;

        if (was != now) {
            /* Switching the FIFOs on or off empties them. */
            v |= UART_FCR_RFR | UART_FCR_XFR;
        }
        if (now || was) {
            if (v & UART_FCR_RFR) {
                rx_clear(s);
            }
            if (v & UART_FCR_XFR) {
                fifo_reset(&s->tx);
                if (s->out_watch) {
                    g_source_remove(s->out_watch);
                    s->out_watch = 0;
                }
                s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
                s->thr_ipending = true;
            }
        }
        /* The other bits only take with FCR0 set. */
        s->fcr = now ? (v & 0xc9) : 0;
        static const unsigned trigger[4] = { 1, 4, 8, 14 };
        s->rx_trigger = trigger[s->fcr >> 6];
        serial_update_irq(s);
        return;
    }
    case 3:
        s->lcr = v;
        return;
    case 4: {
        uint8_t old = s->mcr;
        s->mcr = v & 0x1f;
        if ((old ^ s->mcr) & (UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_RTS |
                              UART_MCR_OUT1 | UART_MCR_OUT2)) {
            serial_update_msr(s);
        }
        if ((old & UART_MCR_LOOP) && !(s->mcr & UART_MCR_LOOP)) {
            /* The receiver listens to the line again. */
            qemu_chr_fe_accept_input(&s->chr);
        }
        serial_update_irq(s);
        return;
    }
    case 5:
    case 6:
        return;                 /* LSR/MSR writes: factory test only */
    case 7:
    default:
        s->scr = v;
        return;
    }
}

/* The register a bus offset selects (-1 for the padding of a wide stride). */
static int serial_reg_of(SerialState *s, hwaddr addr)
{
    hwaddr mask = ((hwaddr)1 << s->regshift) - 1;

    if (addr & mask) {
        return -1;
    }
    return (int)((addr >> s->regshift) & 7);
}

static uint64_t serial_io_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialState *s = opaque;
    int reg = serial_reg_of(s, addr);

    return reg < 0 ? 0 : serial_reg_read(s, (unsigned)reg);
}

static void serial_io_write(void *opaque, hwaddr addr, uint64_t data,
                            unsigned size)
{
    SerialState *s = opaque;
    int reg = serial_reg_of(s, addr);

    if (reg >= 0) {
        serial_reg_write(s, (unsigned)reg, (uint8_t)data);
    }
}

static const MemoryRegionOps serial_pio_ops = {
    .read = serial_io_read,
    .write = serial_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* MMIO boards may use 32-bit accesses with a 4-byte stride. */
static const MemoryRegionOps serial_mmio_ops = {
    .read = serial_io_read,
    .write = serial_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- device ---- */

static void serial_reset(DeviceState *dev)
{
    SerialState *s = (SerialState *)dev;

    if (s->out_watch) {
        g_source_remove(s->out_watch);
        s->out_watch = 0;
    }
    timer_del(s->fifo_timeout);
    fifo_reset(&s->rx);
    fifo_reset(&s->tx);
    s->divider = 12;                    /* 9600 baud */
    s->ier = 0;
    s->lcr = 0;
    s->mcr = 0;
    s->fcr = 0;
    s->scr = 0;
    s->rbr = 0;
    s->rx_trigger = 1;
    s->lsr = UART_LSR_THRE | UART_LSR_TEMT;
    s->msr = EXTERNAL_LINES;
    s->thr_ipending = false;
    s->timeout_ipending = false;
    s->irq_level = 0;
    qemu_set_irq(s->irq, 0);
    serial_update_irq(s);
    qemu_chr_fe_accept_input(&s->chr);
}

static bool serial_realize_common(SerialState *s, const MemoryRegionOps *ops,
                                  uint64_t size, GError **errp)
{
    if (!qemu_chr_fe_init(&s->chr, s->chardev, errp)) {
        return false;
    }
    qemu_chr_fe_set_handlers(&s->chr, serial_can_receive, serial_receive,
                             serial_event, s);
    s->fifo_timeout = timer_new_ns(QEMU_CLOCK_VIRTUAL, serial_timeout_cb, s);
    memory_region_init_io(&s->io, &s->parent, ops, s, s->parent.klass->name, size);
    return true;
}

static bool isa_serial_realize(DeviceState *dev, GError **errp)
{
    SerialState *s = (SerialState *)dev;

    s->regshift = 0;
    s->gate_out2 = true;
    if (!serial_realize_common(s, &serial_pio_ops, 8, errp)) {
        return false;
    }
    device_init_pio(dev, &s->io);
    return true;
}

static bool serial_mmio_realize(DeviceState *dev, GError **errp)
{
    SerialState *s = (SerialState *)dev;

    if (s->regshift > 3) {
        g_set_error(errp, g_quark_from_static_string("serial"), 0,
                    "serial-mmio: regshift must be 0..3, not %u", s->regshift);
        return false;
    }
    s->gate_out2 = false;
    if (!serial_realize_common(s, &serial_mmio_ops, 8u << s->regshift, errp)) {
        return false;
    }
    device_init_mmio(dev, &s->io);
    return true;
}

static void serial_instance_init(DeviceState *dev)
{
    SerialState *s = (SerialState *)dev;
    device_init_irq(dev, &s->irq);
}

static void serial_unrealize(DeviceState *dev)
{
    SerialState *s = (SerialState *)dev;

    if (s->out_watch) {
        g_source_remove(s->out_watch);
        s->out_watch = 0;
    }
    timer_free(s->fifo_timeout);
    s->fifo_timeout = NULL;
    qemu_chr_fe_deinit(&s->chr);
    memory_region_destroy(&s->io);      /* also unmaps it */
}

static void serial_print_info(DeviceState *dev, GString *out, int indent)
{
    SerialState *s = (SerialState *)dev;
    uint64_t div = s->divider ? s->divider : 1;

    g_string_append_printf(out, "%*sbaud %" PRIu64 ", lcr 0x%02x, mcr 0x%02x, "
                           "irq %s\n", indent, "", (s->baudbase ? s->baudbase : 115200) / div,
                           s->lcr, s->mcr, s->irq_level ? "raised" : "lowered");
}

static const Property isa_serial_props[] = {
    DEFINE_PROP_LINK("chardev", SerialState, chardev, "chardev"),
    DEFINE_PROP_UINT32("iobase", SerialState, iobase, 0x3f8),
    DEFINE_PROP_UINT32("irq", SerialState, isa_irq, 4),
    DEFINE_PROP_UINT32("baudbase", SerialState, baudbase, 115200),
    DEFINE_PROP_END,
};

static const Property serial_mmio_props[] = {
    DEFINE_PROP_LINK("chardev", SerialState, chardev, "chardev"),
    DEFINE_PROP_UINT32("regshift", SerialState, regshift, 0),
    DEFINE_PROP_UINT32("baudbase", SerialState, baudbase, 115200),
    DEFINE_PROP_END,
};

const DeviceClass serial_class = {
    .name = "isa-serial",
    .desc = "16550A UART on ISA ports (IRQ gated by MCR.OUT2)",
    .instance_size = sizeof(SerialState),
    .props = isa_serial_props,
    .instance_init = serial_instance_init,
    .realize = isa_serial_realize,
    .reset = serial_reset,
    .unrealize = serial_unrealize,
    .print_info = serial_print_info,
};

const DeviceClass serial_mmio_class = {
    .name = "serial-mmio",
    .desc = "16550A UART, memory mapped (registers 1 << regshift apart)",
    .instance_size = sizeof(SerialState),
    .props = serial_mmio_props,
    .instance_init = serial_instance_init,
    .realize = serial_mmio_realize,
    .reset = serial_reset,
    .unrealize = serial_unrealize,
    .print_info = serial_print_info,
};

static void serial_register(void)
{
    device_class_register(&serial_class);
    device_class_register(&serial_mmio_class);
}
type_init(serial_register)
