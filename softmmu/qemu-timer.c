/*
 * Clocks and timers (qemu/timer.h).
 *
 * Each clock has a list of pending timers sorted by expiry.  The main loop
 * asks for the nearest deadline before it sleeps and runs what expired
 * after it wakes.  The virtual clock is the monotonic clock minus the time
 * spent stopped; it starts stopped at 0 and vm_start() starts it.
 *
 * Timer lists are protected by the BQL (timer_mod/timer_del callers hold
 * it); the clock values themselves may be read from any thread.
 */
#include <pthread.h>
#include <time.h>

#include <glib.h>

#include "qemu/main-loop.h"
#include "qemu/timer.h"

struct QEMUTimer {
    QEMUClockType type;
    QEMUTimerCB *cb;
    void *opaque;
    int64_t expire;             /* valid while pending */
    bool pending;
    QEMUTimer *next;
};

static QEMUTimer *timer_lists[QEMU_CLOCK_MAX];

/* Virtual clock state. */
static pthread_mutex_t vclock_lock = PTHREAD_MUTEX_INITIALIZER;
static bool vclock_running;
static int64_t vclock_offset;   /* running: virtual = monotonic - offset */
static int64_t vclock_frozen;   /* stopped: the value it stopped at */

static int64_t get_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    int64_t v;

    switch (type) {
    case QEMU_CLOCK_REALTIME:
        return get_ns(CLOCK_MONOTONIC);
    case QEMU_CLOCK_HOST:
        return get_ns(CLOCK_REALTIME);
    case QEMU_CLOCK_VIRTUAL:
    default:
        pthread_mutex_lock(&vclock_lock);
        v = vclock_running ? get_ns(CLOCK_MONOTONIC) - vclock_offset
                           : vclock_frozen;
        pthread_mutex_unlock(&vclock_lock);
        return v;
    }
}

static bool clock_running(QEMUClockType type)
{
    bool r = true;

    if (type == QEMU_CLOCK_VIRTUAL) {
        pthread_mutex_lock(&vclock_lock);
        r = vclock_running;
        pthread_mutex_unlock(&vclock_lock);
    }
    return r;
}

void qemu_clock_virtual_stop(void)
{
    pthread_mutex_lock(&vclock_lock);
    if (vclock_running) {
        vclock_frozen = get_ns(CLOCK_MONOTONIC) - vclock_offset;
        vclock_running = false;
    }
    pthread_mutex_unlock(&vclock_lock);
}

void qemu_clock_virtual_start(void)
{
    pthread_mutex_lock(&vclock_lock);
    if (!vclock_running) {
        vclock_offset = get_ns(CLOCK_MONOTONIC) - vclock_frozen;
        vclock_running = true;
    }
    pthread_mutex_unlock(&vclock_lock);
    /* Pending virtual timers count again: recompute the sleep. */
    qemu_notify_event();
}

QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    QEMUTimer *t = g_new0(QEMUTimer, 1);

    g_assert((unsigned)type < QEMU_CLOCK_MAX);
    t->type = type;
    t->cb = cb;
    t->opaque = opaque;
    return t;
}

void timer_del(QEMUTimer *t)
{
    QEMUTimer **p;

    if (!t || !t->pending) {
        return;
    }
    for (p = &timer_lists[t->type]; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->next = NULL;
    t->pending = false;
}

void timer_free(QEMUTimer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}

void timer_mod(QEMUTimer *t, int64_t expire_ns)
{
    QEMUTimer **p;

    timer_del(t);
    t->expire = expire_ns;
    t->pending = true;
    /* After timers with the same expiry: equal deadlines fire in order. */
    for (p = &timer_lists[t->type]; *p && (*p)->expire <= expire_ns;
         p = &(*p)->next) {
    }
    t->next = *p;
    *p = t;
    if (p == &timer_lists[t->type]) {
        /* A new earliest deadline: the main loop may be sleeping longer. */
        qemu_notify_event();
    }
}

bool timer_pending(QEMUTimer *t)
{
    return t && t->pending;
}

int64_t timer_expire_time_ns(QEMUTimer *t)
{
    return timer_pending(t) ? t->expire : -1;
}

int timers_next_deadline_ms(void)
{
    int64_t best = -1;

    for (int c = 0; c < QEMU_CLOCK_MAX; c++) {
        QEMUTimer *head = timer_lists[c];
        int64_t d;

        if (!head || !clock_running(c)) {
            continue;
        }
        d = head->expire - qemu_clock_get_ns(c);
        if (d < 0) {
            d = 0;
        }
        if (best < 0 || d < best) {
            best = d;
        }
    }
    if (best < 0) {
        return -1;
    }
    /* Round up so the loop never wakes just before the deadline. */
    best = (best + 999999) / 1000000;
    return best > G_MAXINT ? G_MAXINT : (int)best;
}

void timers_run_expired(void)
{
    for (int c = 0; c < QEMU_CLOCK_MAX; c++) {
        int64_t now;

        if (!timer_lists[c] || !clock_running(c)) {
            continue;
        }
        now = qemu_clock_get_ns(c);
        /* Re-read the head each time: callbacks add and remove timers. */
        while (timer_lists[c] && timer_lists[c]->expire <= now &&
               clock_running(c)) {
            QEMUTimer *t = timer_lists[c];
            timer_lists[c] = t->next;
            t->next = NULL;
            t->pending = false;
            t->cb(t->opaque);
        }
    }
}
