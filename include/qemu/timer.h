/*
 * Clocks and timers.
 *
 *   QEMU_CLOCK_REALTIME  monotonic host time; always runs (monitor, UI).
 *   QEMU_CLOCK_VIRTUAL   guest time: runs only while the VM runs (stops at
 *                        `stop`, continues from the same value at `cont`).
 *   QEMU_CLOCK_HOST      wall-clock time (CLOCK_REALTIME), for RTCs.
 *
 * The virtual clock starts stopped at 0 (the VM is in prelaunch); vm_start()
 * (or qemu_clock_virtual_start()) starts it.  Virtual timers never fire
 * while it is stopped.
 *
 * Timers fire on the main loop with the BQL held.  All values are in
 * nanoseconds.  timer_mod and timer_del may be called from any thread
 * that holds the BQL.
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

typedef enum QEMUClockType {
    QEMU_CLOCK_REALTIME = 0,
    QEMU_CLOCK_VIRTUAL  = 1,
    QEMU_CLOCK_HOST     = 2,
    QEMU_CLOCK_MAX
} QEMUClockType;

#define NANOSECONDS_PER_SECOND 1000000000LL

int64_t qemu_clock_get_ns(QEMUClockType type);
static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / 1000000;
}
/* The virtual clock stops / resumes (runstate changes call these). */
void qemu_clock_virtual_stop(void);
void qemu_clock_virtual_start(void);

typedef struct QEMUTimer QEMUTimer;
typedef void QEMUTimerCB(void *opaque);

QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque);
void timer_free(QEMUTimer *t);
/* Fire once when the clock reaches expire_ns (absolute). */
void timer_mod(QEMUTimer *t, int64_t expire_ns);
void timer_del(QEMUTimer *t);
bool timer_pending(QEMUTimer *t);
int64_t timer_expire_time_ns(QEMUTimer *t);   /* -1 when not pending */

/* For the main loop: ms until the next timer of a running clock (-1: none). */
int timers_next_deadline_ms(void);
/* Run the expired timers (main loop, BQL held). */
void timers_run_expired(void);

#endif /* QEMU_TIMER_H */
