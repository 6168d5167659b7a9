/*
 * IRQ lines.  A device holds qemu_irq outputs and sets their level; what
 * is on the other end (an interrupt controller model, the in-kernel
 * irqchip of KVM, a test's recorder) is the machine's business.  A NULL
 * qemu_irq is an unconnected line: setting it does nothing.
 *
 * Handlers run on the thread that set the line, with the big lock held.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include <stdbool.h>

typedef struct IRQState *qemu_irq;
typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

/* One line whose level changes call handler(opaque, n, level). */
qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n);
/* count lines numbered 0..count-1; free with qemu_free_irqs. */
qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int count);
void qemu_free_irq(qemu_irq irq);
void qemu_free_irqs(qemu_irq *irqs, int count);

void qemu_set_irq(qemu_irq irq, int level);
static inline void qemu_irq_raise(qemu_irq irq) { qemu_set_irq(irq, 1); }
static inline void qemu_irq_lower(qemu_irq irq) { qemu_set_irq(irq, 0); }
static inline void qemu_irq_pulse(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
    qemu_set_irq(irq, 0);
}

#endif /* HW_IRQ_H */
