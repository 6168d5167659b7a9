/*
 * The 16550A UART's registers, driven through the port I/O address space
 * (and the MMIO variant through system memory) with a fake chardev backend
 * and an IRQ recorder.
 */
#include <string.h>

#include <glib.h>

#include "chardev/chardev-internal.h"
#include "exec/memory.h"
#include "hw/char/serial.h"
#include "hw/irq.h"
#include "hw/qdev.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3,
       MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

#define BASE 0x3f8

/* ---- a fake backend ---- */

typedef struct FakeChr {
    Chardev parent;
    GByteArray *out;
    int accept;                 /* bytes write() takes; -1: all */
    int accept_input_calls;
} FakeChr;

static int fake_write(Chardev *chr, const uint8_t *buf, int len)
{
    FakeChr *f = (FakeChr *)chr;
    int n = f->accept < 0 ? len : MIN(len, f->accept);

    g_byte_array_append(f->out, buf, n);
    if (f->accept >= 0) {
        f->accept -= n;
    }
    return n;
}

static void fake_accept_input(Chardev *chr)
{
    ((FakeChr *)chr)->accept_input_calls++;
}

static void fake_destroy(Chardev *chr)
{
    g_byte_array_free(((FakeChr *)chr)->out, TRUE);
}

static const ChardevClass fake_class = {
    .kind = "fake",
    .write = fake_write,
    .accept_input = fake_accept_input,
    .destroy = fake_destroy,
};

/* ---- the rig ---- */

typedef struct Rig {
    FakeChr *chr;
    DeviceState *dev;
    SerialState *s;
    qemu_irq irq;
    int level;
    int edges;                  /* 0 -> 1 transitions */
    bool mmio;
    hwaddr base;
    unsigned stride;
} Rig;

static void irq_handler(void *opaque, int n, int level)
{
    Rig *r = opaque;
    if (level && !r->level) {
        r->edges++;
    }
    r->level = level;
}

static Rig *rig_new_type(const char *type, unsigned regshift)
{
    static int seq;
    Rig *r = g_new0(Rig, 1);
    char *label = g_strdup_printf("fake%d", seq++);
    GError *err = NULL;

    memory_system_init();
    r->chr = (FakeChr *)chr_alloc(&fake_class, sizeof(FakeChr), label);
    r->chr->out = g_byte_array_new();
    r->chr->accept = -1;
    r->chr->parent.be_open = true;
    chr_register(&r->chr->parent);

    r->dev = device_new(type, &err);
    g_assert_no_error(err);
    g_assert_true(device_set_prop(r->dev, "chardev", label, &err));
    g_assert_no_error(err);
    if (regshift) {
        char v[8];
        g_snprintf(v, sizeof(v), "%u", regshift);
        g_assert_true(device_set_prop(r->dev, "regshift", v, &err));
    }
    g_assert_true(device_realize(r->dev, &err));
    g_assert_no_error(err);
    r->s = (SerialState *)r->dev;
    r->irq = qemu_allocate_irq(irq_handler, r, 0);
    device_connect_irq(r->dev, 0, r->irq);
    r->mmio = strcmp(type, "serial-mmio") == 0;
    r->stride = 1u << regshift;
    if (r->mmio) {
        r->base = 0x10000000;
        memory_region_add_subregion(get_system_memory(), r->base,
                                    device_mmio(r->dev, 0));
    } else {
        r->base = BASE;
        memory_region_add_subregion(get_system_io(), r->base,
                                    device_pio(r->dev, 0));
    }
    g_free(label);
    return r;
}

static Rig *rig_new(void)
{
    return rig_new_type("isa-serial", 0);
}

static void rig_free(Rig *r)
{
    if (r->mmio) {
        memory_region_del_subregion(get_system_memory(), device_mmio(r->dev, 0));
    } else {
        memory_region_del_subregion(get_system_io(), device_pio(r->dev, 0));
    }
    device_free(r->dev);
    qemu_chr_delete(&r->chr->parent);
    qemu_free_irq(r->irq);
    g_free(r);
}

static uint8_t in(Rig *r, unsigned reg)
{
    uint8_t v = 0xee;
    AddressSpace *as = r->mmio ? &address_space_memory : &address_space_io;
    g_assert_cmpint(address_space_read(as, r->base + reg * r->stride, &v, 1), ==,
                    MEMTX_OK);
    return v;
}

static void out(Rig *r, unsigned reg, uint8_t v)
{
    AddressSpace *as = r->mmio ? &address_space_memory : &address_space_io;
    g_assert_cmpint(address_space_write(as, r->base + reg * r->stride, &v, 1), ==,
                    MEMTX_OK);
}

/* Input from the line, within what the UART says it can take. */
static void feed(Rig *r, const char *s, int n)
{
    g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), >=, n);
    qemu_chr_be_write(&r->chr->parent, (const uint8_t *)s, n);
}

/* ---- tests ---- */

static void test_reset_values(void)
{
    Rig *r = rig_new();

    g_assert_cmphex(in(r, IER), ==, 0x00);
    g_assert_cmphex(in(r, IIR), ==, 0x01);
    g_assert_cmphex(in(r, LCR), ==, 0x00);
    g_assert_cmphex(in(r, MCR), ==, 0x00);
    g_assert_cmphex(in(r, LSR), ==, 0x60);
    g_assert_cmphex(in(r, MSR), ==, 0xb0);     /* DCD, DSR, CTS: a peer is there */
    g_assert_cmpint(r->level, ==, 0);

    /* Reset brings them back after changes. */
    out(r, LCR, 0x03);
    out(r, IER, 0x0f);
    out(r, MCR, 0x0b);
    out(r, SCR, 0x42);
    device_reset(r->dev);
    g_assert_cmphex(in(r, IER), ==, 0x00);
    g_assert_cmphex(in(r, LCR), ==, 0x00);
    g_assert_cmphex(in(r, MCR), ==, 0x00);
    g_assert_cmphex(in(r, SCR), ==, 0x00);
    g_assert_cmpint(r->level, ==, 0);
    rig_free(r);
}

static void test_divisor_lcr(void)
{
    Rig *r = rig_new();

    out(r, LCR, 0x83);                          /* DLAB, 8N1 */
    out(r, DLL, 0x01);
    out(r, DLM, 0x02);
    g_assert_cmphex(in(r, DLL), ==, 0x01);
    g_assert_cmphex(in(r, DLM), ==, 0x02);
    g_assert_cmphex(in(r, LCR), ==, 0x83);
    /* The latches did not touch IER. */
    out(r, LCR, 0x03);
    g_assert_cmphex(in(r, IER), ==, 0x00);
    out(r, IER, 0xff);
    g_assert_cmphex(in(r, IER), ==, 0x0f);      /* upper bits do not exist */
    out(r, IER, 0x00);
    out(r, LCR, 0x83);
    g_assert_cmphex(in(r, DLM), ==, 0x02);

    /* Character time: 0x0201 divisor, 8N1 = 10 bits at 115200/513 baud. */
    out(r, LCR, 0x03);
    g_assert_cmpint(serial_char_time_ns(r->s), ==, 10LL * 1000000000 * 513 / 115200);
    out(r, LCR, 0x83);
    out(r, DLL, 0x01);
    out(r, DLM, 0x00);
    out(r, LCR, 0x03);
    g_assert_cmpint(serial_char_time_ns(r->s), ==, 86805);      /* 10 bits */
    out(r, LCR, 0x1e);                          /* 7 bits, even parity, 2 stop */
    g_assert_cmpint(serial_char_time_ns(r->s), ==, 11LL * 1000000000 / 115200);
    out(r, LCR, 0x04);                          /* 5 bits, 1.5 stop */
    g_assert_cmpint(serial_char_time_ns(r->s), ==, 65104);      /* 7.5 bits */
    rig_free(r);
}

static void test_scratch(void)
{
    Rig *r = rig_new();

    out(r, SCR, 0x5a);
    g_assert_cmphex(in(r, SCR), ==, 0x5a);
    out(r, SCR, 0xa5);
    g_assert_cmphex(in(r, SCR), ==, 0xa5);
    rig_free(r);
}

static void test_thre_interrupt(void)
{
    Rig *r = rig_new();

    out(r, MCR, 0x08);                          /* OUT2: IRQ to the PIC */
    out(r, IER, 0x02);                          /* ETBEI while THR is empty */
    g_assert_cmpint(r->level, ==, 1);
    g_assert_cmphex(in(r, IIR), ==, 0x02);      /* this read clears it */
    g_assert_cmphex(in(r, IIR), ==, 0x01);
    g_assert_cmpint(r->level, ==, 0);

    /* Transmitting: the byte reaches the chardev, THRE comes back. */
    out(r, THR, 'A');
    g_assert_cmpmem(r->chr->out->data, r->chr->out->len, "A", 1);
    g_assert_cmphex(in(r, LSR), ==, 0x60);
    g_assert_cmpint(r->level, ==, 1);
    g_assert_cmpint(r->edges, ==, 2);
    /* Writing THR also clears it (and re-raises when sent). */
    g_assert_cmphex(in(r, IIR), ==, 0x02);
    g_assert_cmpint(r->level, ==, 0);

    /* Linux's THRE test: IER off and on again re-asserts it. */
    out(r, IER, 0x00);
    out(r, IER, 0x02);
    g_assert_cmphex(in(r, IIR), ==, 0x02);
    out(r, IER, 0x02);                          /* no 0 -> 1 change: nothing new */
    g_assert_cmphex(in(r, IIR), ==, 0x01);
    rig_free(r);
}

static void test_tx_backpressure(void)
{
    Rig *r = rig_new();
    int64_t end;

    out(r, FCR, 0x01);
    out(r, MCR, 0x08);
    r->chr->accept = 2;                         /* the backend is slow */
    out(r, THR, 'a');
    out(r, THR, 'b');
    out(r, THR, 'c');
    out(r, THR, 'd');
    out(r, IER, 0x02);
    /* Two went out, two wait in the FIFO: THR is not empty. */
    g_assert_cmpmem(r->chr->out->data, r->chr->out->len, "ab", 2);
    g_assert_cmphex(in(r, LSR) & 0x60, ==, 0x00);
    g_assert_cmphex(in(r, IIR), ==, 0xc1);
    g_assert_cmpint(r->level, ==, 0);

    /* The backend drains: the main loop sends the rest, THRE fires. */
    r->chr->accept = -1;
    end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + 5000;
    while (r->chr->out->len < 4) {
        g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME), <, end);
        main_loop_wait(10);
    }
    g_assert_cmpmem(r->chr->out->data, r->chr->out->len, "abcd", 4);
    g_assert_cmphex(in(r, LSR), ==, 0x60);
    g_assert_cmpint(r->level, ==, 1);
    g_assert_cmphex(in(r, IIR), ==, 0xc2);
    rig_free(r);
}

static void test_priorities(void)
{
    Rig *r = rig_new();

    /* Loopback (16450 mode) makes every source reachable from here. */
    out(r, MCR, 0x12);                          /* LOOP | RTS */
    /* DSR and DCD dropped (external lines gone), CTS stays (RTS). */
    out(r, IER, 0x08);
    g_assert_cmphex(in(r, IIR), ==, 0x00);      /* MSI */
    out(r, IER, 0x0a);
    g_assert_cmphex(in(r, IIR), ==, 0x02);      /* THRE > MSI */
    out(r, IER, 0x0b);
    out(r, THR, 'a');                           /* loops back: data ready */
    g_assert_cmphex(in(r, IIR), ==, 0x04);      /* RDA > THRE */
    out(r, THR, 'b');                           /* overrun */
    out(r, IER, 0x0f);
    g_assert_cmphex(in(r, IIR), ==, 0x06);      /* RLS > RDA */

    g_assert_cmphex(in(r, LSR), ==, 0x63);      /* DR OE THRE TEMT; clears OE */
    g_assert_cmphex(in(r, IIR), ==, 0x04);
    g_assert_cmphex(in(r, RBR), ==, 'b');       /* 16450: the new byte overwrote */
    g_assert_cmphex(in(r, IIR), ==, 0x02);
    g_assert_cmphex(in(r, IIR), ==, 0x00);      /* THRE read away: MSI */
    g_assert_cmphex(in(r, MSR) & 0x0f, ==, 0x0a);   /* DDSR, DDCD */
    g_assert_cmphex(in(r, IIR), ==, 0x01);
    /* IRQ stayed low throughout: loopback forces OUT2 off. */
    g_assert_cmpint(r->edges, ==, 0);
    rig_free(r);
}

static void test_fifo_trigger(void)
{
    static const struct { uint8_t fcr; unsigned level; } t[] = {
        { 0x01, 1 }, { 0x41, 4 }, { 0x81, 8 }, { 0xc1, 14 },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(t); i++) {
        Rig *r = rig_new();
        char buf[16];

        memset(buf, 'a' + i, sizeof(buf));
        out(r, FCR, t[i].fcr);
        out(r, MCR, 0x08);
        out(r, IER, 0x01);
        g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==, 16);
        if (t[i].level > 1) {
            feed(r, buf, t[i].level - 1);
            g_assert_cmphex(in(r, IIR), ==, 0xc1);
            g_assert_cmpint(r->level, ==, 0);
            g_assert_cmphex(in(r, LSR), ==, 0x61);
        }
        feed(r, buf, 1);
        g_assert_cmphex(in(r, IIR), ==, 0xc4);
        g_assert_cmpint(r->level, ==, 1);
        g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==,
                        16 - (int)t[i].level);
        /* Below the level again after one read. */
        g_assert_cmphex(in(r, RBR), ==, 'a' + i);
        g_assert_cmphex(in(r, IIR), ==, 0xc1);
        g_assert_cmpint(r->level, ==, 0);
        rig_free(r);
    }
}

static void test_char_timeout(void)
{
    Rig *r = rig_new();
    int64_t t0, fired, ct, end;

    qemu_clock_virtual_start();
    out(r, LCR, 0x83);
    out(r, DLL, 0x01);                          /* 115200 baud */
    out(r, DLM, 0x00);
    out(r, LCR, 0x03);
    ct = serial_char_time_ns(r->s);
    out(r, FCR, 0x81);                          /* trigger 8 */
    out(r, MCR, 0x08);
    out(r, IER, 0x01);

    t0 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    feed(r, "xy", 2);
    g_assert_cmphex(in(r, IIR), ==, 0xc1);
    end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + 5000;
    while (!r->level) {
        g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME), <, end);
        main_loop_wait(10);
    }
    fired = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    g_assert_cmpint(fired - t0, >=, 4 * ct);
    g_assert_cmphex(in(r, IIR), ==, 0xcc);      /* CTI */

    /* CTI > THRE, and RDA > CTI. */
    out(r, IER, 0x03);
    g_assert_cmphex(in(r, IIR), ==, 0xcc);
    feed(r, "123456", 6);                       /* 8 in the FIFO: trigger */
    g_assert_cmphex(in(r, IIR), ==, 0xc4);

    /* Reading clears CTI; what is left times out again. */
    for (int i = 0; i < 7; i++) {
        in(r, RBR);
    }
    g_assert_cmphex(in(r, IIR), ==, 0xc2);      /* THRE now; CTI cleared */
    out(r, IER, 0x01);
    g_assert_cmphex(in(r, IIR), ==, 0xc1);
    while (in(r, IIR) != 0xcc) {
        g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME), <, end);
        main_loop_wait(10);
    }
    g_assert_cmphex(in(r, RBR), ==, '6');
    g_assert_cmphex(in(r, IIR), ==, 0xc1);
    g_assert_cmphex(in(r, LSR), ==, 0x60);

    /* The virtual clock stopped: no timeout while it is. */
    qemu_clock_virtual_stop();
    feed(r, "z", 1);
    for (int i = 0; i < 5; i++) {
        main_loop_wait(5);
    }
    g_assert_cmphex(in(r, IIR), ==, 0xc1);
    qemu_clock_virtual_start();
    while (in(r, IIR) != 0xcc) {
        g_assert_cmpint(qemu_clock_get_ms(QEMU_CLOCK_REALTIME), <, end);
        main_loop_wait(10);
    }
    g_assert_cmphex(in(r, RBR), ==, 'z');
    rig_free(r);
}

static void test_lsr_bits_break(void)
{
    Rig *r = rig_new();

    g_assert_cmphex(in(r, LSR), ==, 0x60);
    feed(r, "q", 1);
    g_assert_cmphex(in(r, LSR), ==, 0x61);
    g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==, 0);  /* 16450: one byte */
    g_assert_cmphex(in(r, RBR), ==, 'q');
    g_assert_cmphex(in(r, LSR), ==, 0x60);
    g_assert_cmpint(r->chr->accept_input_calls, >=, 1);

    /* A break: a NUL with BI; RLS interrupt until LSR is read. */
    out(r, MCR, 0x08);
    out(r, IER, 0x05);
    qemu_chr_be_event(&r->chr->parent, CHR_EVENT_BREAK);
    g_assert_cmphex(in(r, IIR), ==, 0x06);
    g_assert_cmpint(r->level, ==, 1);
    g_assert_cmphex(in(r, LSR), ==, 0x71);      /* BI DR THRE TEMT */
    g_assert_cmphex(in(r, LSR), ==, 0x61);      /* BI cleared by the read */
    g_assert_cmphex(in(r, IIR), ==, 0x04);
    g_assert_cmphex(in(r, RBR), ==, 0x00);
    g_assert_cmphex(in(r, IIR), ==, 0x01);
    g_assert_cmpint(r->level, ==, 0);

    /* In FIFO mode a break also sets the FIFO error bit. */
    out(r, FCR, 0x01);
    qemu_chr_be_event(&r->chr->parent, CHR_EVENT_BREAK);
    g_assert_cmphex(in(r, LSR), ==, 0xf1);
    g_assert_cmphex(in(r, LSR), ==, 0x61);
    rig_free(r);
}

static void test_fifo_overrun(void)
{
    Rig *r = rig_new();
    char sent[17];

    out(r, FCR, 0x07);                          /* enable + clear both */
    out(r, MCR, 0x10);                          /* loopback */
    g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==, 0);
    for (int i = 0; i < 17; i++) {
        sent[i] = 'A' + i;
        out(r, THR, sent[i]);
    }
    g_assert_cmpint(r->chr->out->len, ==, 0);   /* nothing left the chip */
    g_assert_cmphex(in(r, LSR), ==, 0x63);      /* DR OE THRE TEMT */
    g_assert_cmphex(in(r, LSR), ==, 0x61);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(in(r, RBR), ==, (uint8_t)sent[i]);
    }
    g_assert_cmphex(in(r, LSR), ==, 0x60);      /* the 17th was lost */

    /* FCR clears the receive FIFO. */
    out(r, THR, 'x');
    g_assert_cmphex(in(r, LSR), ==, 0x61);
    out(r, FCR, 0x03);
    g_assert_cmphex(in(r, LSR), ==, 0x60);
    /* Out of loopback the line is heard again. */
    out(r, MCR, 0x00);
    g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==, 16);
    rig_free(r);
}

static void test_loopback_msr(void)
{
    Rig *r = rig_new();

    g_assert_cmphex(in(r, MSR), ==, 0xb0);
    out(r, MCR, 0x1f);                          /* LOOP + DTR RTS OUT1 OUT2 */
    /* CTS=RTS DSR=DTR RI=OUT1 DCD=OUT2; RI rising is no delta. */
    g_assert_cmphex(in(r, MSR), ==, 0xf0);
    g_assert_cmphex(in(r, MSR), ==, 0xf0);
    out(r, MCR, 0x11);                          /* only DTR */
    /* CTS, RI (trailing edge: TERI), DCD changed. */
    g_assert_cmphex(in(r, MSR), ==, 0x2d);
    g_assert_cmphex(in(r, MSR), ==, 0x20);
    out(r, MCR, 0x10);
    g_assert_cmphex(in(r, MSR), ==, 0x02);      /* DDSR, nothing asserted */

    /* Modem status interrupt: EDSSI with a delta pending. */
    out(r, IER, 0x08);
    out(r, MCR, 0x12);
    g_assert_cmphex(in(r, IIR), ==, 0x00);
    g_assert_cmphex(in(r, MSR), ==, 0x11);
    g_assert_cmphex(in(r, IIR), ==, 0x01);

    /* Loopback data does not reach the chardev, and comes back. */
    out(r, THR, 'L');
    g_assert_cmpint(r->chr->out->len, ==, 0);
    g_assert_cmphex(in(r, RBR), ==, 'L');

    /* Leaving loopback: the external lines return (with deltas). */
    out(r, MCR, 0x00);
    g_assert_cmphex(in(r, MSR), ==, 0xba);      /* DCD DSR CTS, DDCD DDSR */
    out(r, THR, 'T');
    g_assert_cmpmem(r->chr->out->data, r->chr->out->len, "T", 1);
    rig_free(r);
}

static void test_out2_gating(void)
{
    Rig *r = rig_new();

    out(r, IER, 0x02);
    g_assert_cmphex(in(r, IIR) & 0x0f, ==, 0x02);   /* pending... (and read) */
    out(r, IER, 0x00);
    out(r, IER, 0x02);
    g_assert_cmpint(r->level, ==, 0);           /* ...but OUT2 is off */
    out(r, MCR, 0x08);
    g_assert_cmpint(r->level, ==, 1);
    out(r, MCR, 0x04);                          /* OUT1 does nothing */
    g_assert_cmpint(r->level, ==, 0);
    out(r, MCR, 0x08);
    g_assert_cmpint(r->level, ==, 1);
    out(r, MCR, 0x18);                          /* loopback forces OUT2 off */
    g_assert_cmpint(r->level, ==, 0);
    rig_free(r);

    /* serial-mmio has no such gate; regshift 2 puts registers 4 apart. */
    r = rig_new_type("serial-mmio", 2);
    out(r, SCR, 0x77);
    g_assert_cmphex(in(r, SCR), ==, 0x77);
    {
        uint32_t v = 0;
        g_assert_cmpint(address_space_read(&address_space_memory,
                                           r->base + 4 * SCR, &v, 4), ==, MEMTX_OK);
        g_assert_cmphex(v, ==, 0x77);           /* a 32-bit access works too */
    }
    out(r, IER, 0x02);
    g_assert_cmpint(r->level, ==, 1);
    g_assert_cmphex(in(r, IIR), ==, 0x02);
    g_assert_cmpint(r->level, ==, 0);
    rig_free(r);
}

static void test_flow_control(void)
{
    Rig *r = rig_new();
    int calls;

    out(r, FCR, 0x01);
    feed(r, "0123456789abcdef", 16);
    g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==, 0);
    g_assert_cmphex(in(r, LSR) & 0x02, ==, 0);  /* no overrun: flow control */
    calls = r->chr->accept_input_calls;
    g_assert_cmphex(in(r, RBR), ==, '0');
    g_assert_cmpint(r->chr->accept_input_calls, ==, calls + 1);
    g_assert_cmpint(qemu_chr_be_can_write(&r->chr->parent), ==, 1);
    feed(r, "g", 1);
    for (int i = 1; i < 16; i++) {
        g_assert_cmphex(in(r, RBR), ==, (uint8_t)"0123456789abcdefg"[i]);
    }
    g_assert_cmphex(in(r, RBR), ==, 'g');
    g_assert_cmphex(in(r, LSR), ==, 0x60);
    rig_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    g_assert_nonnull(serial_class.name);        /* links the device */

    g_test_add_func("/serial/reset-values", test_reset_values);
    g_test_add_func("/serial/divisor-lcr", test_divisor_lcr);
    g_test_add_func("/serial/scratch", test_scratch);
    g_test_add_func("/serial/thre-interrupt", test_thre_interrupt);
    g_test_add_func("/serial/tx-backpressure", test_tx_backpressure);
    g_test_add_func("/serial/priorities", test_priorities);
    g_test_add_func("/serial/fifo-trigger", test_fifo_trigger);
    g_test_add_func("/serial/char-timeout", test_char_timeout);
    g_test_add_func("/serial/lsr-bits-break", test_lsr_bits_break);
    g_test_add_func("/serial/fifo-overrun", test_fifo_overrun);
    g_test_add_func("/serial/loopback-msr", test_loopback_msr);
    g_test_add_func("/serial/out2-gating", test_out2_gating);
    g_test_add_func("/serial/flow-control", test_flow_control);
    return g_test_run();
}
