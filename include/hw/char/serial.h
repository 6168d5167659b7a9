/*
 * The 16550A UART: "isa-serial" (8 I/O ports, IRQ gated by MCR.OUT2 as on
 * PCs) and "serial-mmio" (registers 1 << regshift bytes apart, IRQ not
 * gated), both backed by a chardev.
 *
 * Properties:
 *   chardev=ID        the backend (none: output dropped, no input)
 *   iobase=0x3f8      isa-serial: where the machine maps the ports
 *   irq=4             isa-serial: the ISA IRQ the machine wires it to
 *   regshift=0        serial-mmio: register stride
 *   baudbase=115200   input clock / 16: baud = baudbase / divisor
 *
 * The machine maps device_pio(dev, 0) (isa-serial) or device_mmio(dev, 0)
 * (serial-mmio) and connects IRQ output 0.
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev.h"
#include "qemu/timer.h"

#define SERIAL_FIFO_SIZE 16

typedef struct SerialFifo {
    uint8_t data[SERIAL_FIFO_SIZE];
    unsigned head, count;
} SerialFifo;

typedef struct SerialState {
    DeviceState parent;             /* must be first */
    MemoryRegion io;
    qemu_irq irq;
    CharBackend chr;

    /* Properties. */
    Chardev *chardev;
    uint32_t iobase;
    uint32_t isa_irq;
    uint32_t regshift;
    uint32_t baudbase;

    bool gate_out2;                 /* isa-serial: IRQ only with MCR.OUT2 */

    /* Registers. */
    uint16_t divider;
    uint8_t ier, iir, lcr, mcr, lsr, msr, scr, fcr;
    uint8_t rbr;                    /* last byte read (reads of an empty RBR) */
    unsigned rx_trigger;            /* 1, 4, 8 or 14 */
    SerialFifo rx, tx;
    bool thr_ipending;              /* THRE interrupt pending (cleared by IIR read) */
    bool timeout_ipending;          /* character timeout pending */
    int irq_level;

    QEMUTimer *fifo_timeout;        /* character timeout, virtual clock */
    guint out_watch;                /* waiting for the chardev to take output */
} SerialState;

/* "isa-serial" and "serial-mmio". */
extern const DeviceClass serial_class;
extern const DeviceClass serial_mmio_class;

/* One character's time on the wire at the current divisor and LCR (ns). */
int64_t serial_char_time_ns(SerialState *s);

#endif /* HW_CHAR_SERIAL_H */
