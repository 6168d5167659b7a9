/*
 * The VM's run state and the requests that change it (sysemu/runstate.h).
 *
 * Requests arrive from any thread and are only recorded here (atomically);
 * the main loop calls main_loop_should_exit() after every iteration, which
 * acts on them with the BQL held: pausing vCPUs, resetting devices,
 * deciding to exit.
 */
#include <glib.h>
#include <stdio.h>

#include "hw/qdev.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"

bool no_reboot;
bool no_shutdown;

static RunState current_state = RUN_STATE_PRELAUNCH;
static int shutdown_requested;        /* ShutdownCause, atomic */
static int reset_requested;           /* ShutdownCause, atomic */
static int powerdown_requested;       /* atomic */
static int vmstop_requested = -1;     /* RunState or -1, atomic */
static int exit_status;
static int exit_status_requested = -1;   /* atomic; qemu_system_exit_request */

static void (*powerdown_fn)(void *opaque);
static void *powerdown_opaque;

typedef struct Hook {
    void (*fn)(void *opaque);
    void *opaque;
} Hook;
static GArray *reset_hooks;

typedef struct Notifier {
    RunStateNotify *fn;
    void *opaque;
} Notifier;
static GArray *notifiers;

static const char *const state_names[] = {
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
};

RunState runstate_get(void)
{
    return current_state;
}

const char *runstate_name(RunState s)
{
    if ((unsigned)s < G_N_ELEMENTS(state_names) && state_names[s]) {
        return state_names[s];
    }
    return "unknown";
}

bool runstate_is_running(void)
{
    return current_state == RUN_STATE_RUNNING;
}

static void runstate_set(RunState s, ShutdownCause why)
{
    if (s == current_state) {
        return;
    }
    current_state = s;
    if (notifiers) {
        for (guint i = 0; i < notifiers->len; i++) {
            Notifier *n = &g_array_index(notifiers, Notifier, i);
            n->fn(n->opaque, s, why);
        }
    }
}

void runstate_add_notifier(RunStateNotify *fn, void *opaque)
{
    if (!notifiers) {
        notifiers = g_array_new(FALSE, FALSE, sizeof(Notifier));
    }
    Notifier n = { fn, opaque };
    g_array_append_val(notifiers, n);
}

void vm_start(void)
{
    if (current_state == RUN_STATE_RUNNING) {
        return;
    }
    qemu_clock_virtual_start();
    runstate_set(RUN_STATE_RUNNING, SHUTDOWN_CAUSE_NONE);
    resume_all_vcpus();
}

void vm_stop(RunState to)
{
    if (current_state != RUN_STATE_RUNNING) {
        /* Already stopped: only the reported state changes. */
        if (current_state != to) {
            runstate_set(to, SHUTDOWN_CAUSE_NONE);
        }
        return;
    }
    pause_all_vcpus();
    qemu_clock_virtual_stop();
    runstate_set(to, SHUTDOWN_CAUSE_NONE);
}

void qemu_system_shutdown_request(ShutdownCause cause)
{
    g_atomic_int_set(&shutdown_requested, cause);
    qemu_notify_event();
}

void qemu_system_reset_request(ShutdownCause cause)
{
    if (no_reboot && cause != SHUTDOWN_CAUSE_HOST_RESET) {
        qemu_system_shutdown_request(cause);
        return;
    }
    g_atomic_int_set(&reset_requested, cause);
    qemu_notify_event();
}

void qemu_system_powerdown_request(void)
{
    g_atomic_int_set(&powerdown_requested, 1);
    qemu_notify_event();
}

void qemu_system_vmstop_request(RunState to)
{
    g_atomic_int_set(&vmstop_requested, (int)to);
    qemu_notify_event();
}

void qemu_system_exit_request(int status)
{
    g_atomic_int_set(&exit_status_requested, status);
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
}

void qemu_register_powerdown_handler(void (*fn)(void *opaque), void *opaque)
{
    powerdown_fn = fn;
    powerdown_opaque = opaque;
}

bool qemu_powerdown_supported(void)
{
    return powerdown_fn != NULL;
}

void qemu_register_reset(void (*fn)(void *opaque), void *opaque)
{
    if (!reset_hooks) {
        reset_hooks = g_array_new(FALSE, FALSE, sizeof(Hook));
    }
    Hook h = { fn, opaque };
    g_array_append_val(reset_hooks, h);
}

static void system_reset(void)
{
    bool was_running = current_state == RUN_STATE_RUNNING;

    if (was_running) {
        pause_all_vcpus();
    }
    thread_pool_drain();
    devices_reset_all();
    if (reset_hooks) {
        for (guint i = 0; i < reset_hooks->len; i++) {
            Hook *h = &g_array_index(reset_hooks, Hook, i);
            h->fn(h->opaque);
        }
    }
    if (was_running) {
        resume_all_vcpus();
    }
}

bool main_loop_should_exit(void)
{
    int cause = g_atomic_int_exchange(&shutdown_requested, SHUTDOWN_CAUSE_NONE);
    if (cause != SHUTDOWN_CAUSE_NONE) {
        bool host = cause == SHUTDOWN_CAUSE_HOST_QMP_QUIT ||
                    cause == SHUTDOWN_CAUSE_HOST_SIGNAL ||
                    cause == SHUTDOWN_CAUSE_HOST_UI;
        int requested = g_atomic_int_exchange(&exit_status_requested, -1);
        if (cause == SHUTDOWN_CAUSE_HOST_ERROR) {
            exit_status = 1;
        } else if (requested >= 0) {
            exit_status = requested;
        } else {
            exit_status = 0;
        }
        if (no_shutdown && !host && cause != SHUTDOWN_CAUSE_HOST_ERROR && requested < 0) {
            vm_stop(RUN_STATE_SHUTDOWN);
            runstate_set(RUN_STATE_SHUTDOWN, (ShutdownCause)cause);
            return false;
        }
        if (current_state == RUN_STATE_RUNNING) {
            pause_all_vcpus();
        }
        runstate_set(RUN_STATE_SHUTDOWN, (ShutdownCause)cause);
        return true;
    }
    int reset = g_atomic_int_exchange(&reset_requested, SHUTDOWN_CAUSE_NONE);
    if (reset != SHUTDOWN_CAUSE_NONE) {
        system_reset();
    }
    if (g_atomic_int_exchange(&powerdown_requested, 0) && powerdown_fn) {
        powerdown_fn(powerdown_opaque);
    }
    int stop = g_atomic_int_exchange(&vmstop_requested, -1);
    if (stop >= 0) {
        vm_stop((RunState)stop);
    }
    return false;
}

int qemu_exit_status(void)
{
    return exit_status;
}
