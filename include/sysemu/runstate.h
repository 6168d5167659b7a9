/*
 * The VM's run state and the requests that change it.
 *
 * Requests (shutdown, reset, powerdown, stop) may come from any thread:
 * a vCPU (the guest wrote to a reset register, triple-faulted), the
 * monitor, a signal.  They are recorded and acted upon by the main loop,
 * which pauses the vCPUs (sysemu/cpus.h) before touching machine state.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include <stdbool.h>

typedef enum RunState {
    RUN_STATE_PRELAUNCH,       /* before the first cont (-S) */
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,          /* stop */
    RUN_STATE_SHUTDOWN,        /* the guest powered off (with -no-shutdown) */
    RUN_STATE_INTERNAL_ERROR,  /* the accelerator could not continue */
    RUN_STATE_GUEST_PANICKED,
} RunState;

typedef enum ShutdownCause {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_ERROR,      /* an error in the emulator or accelerator */
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,   /* quit command */
    SHUTDOWN_CAUSE_HOST_SIGNAL,     /* SIGINT/SIGTERM/SIGHUP */
    SHUTDOWN_CAUSE_HOST_UI,         /* Ctrl-A x, window closed */
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,  /* the guest powered off */
    SHUTDOWN_CAUSE_GUEST_RESET,     /* the guest asked for a reset */
    SHUTDOWN_CAUSE_GUEST_PANIC,
    SHUTDOWN_CAUSE_TRIPLE_FAULT,    /* reported as a reset, like hardware */
    SHUTDOWN_CAUSE_HOST_RESET,      /* system_reset command */
} ShutdownCause;

RunState runstate_get(void);
const char *runstate_name(RunState s);        /* QMP's spelling: "running", "paused" ... */
bool runstate_is_running(void);

/* Main thread, BQL held. */
void vm_start(void);                  /* cont */
void vm_stop(RunState to);            /* stop: pauses every vCPU, stops the virtual clock */

/* Any thread. */
void qemu_system_shutdown_request(ShutdownCause cause);
void qemu_system_reset_request(ShutdownCause cause);
void qemu_system_powerdown_request(void);
void qemu_system_vmstop_request(RunState to);
/*
 * The guest asks the process to exit with `status` (the debug-exit port
 * device used by tests): a shutdown whose exit status is status, whatever
 * -no-shutdown says.
 */
void qemu_system_exit_request(int status);

/* The machine registers how a powerdown request reaches the guest
 * (e.g. an ACPI/GPIO button or an i8042 key).  Without one, powerdown
 * is refused with an error. */
void qemu_register_powerdown_handler(void (*fn)(void *opaque), void *opaque);
bool qemu_powerdown_supported(void);

/* The machine's reset routine (registers, boot state), run by a reset
 * after devices_reset_all(). */
void qemu_register_reset(void (*fn)(void *opaque), void *opaque);

/*
 * Options: -no-reboot turns a reset request into a shutdown; -no-shutdown
 * keeps the process (paused, state "shutdown") after the guest powers off.
 */
extern bool no_reboot;
extern bool no_shutdown;

/*
 * Main loop helper: act on pending requests.  Returns true when the process
 * should exit (the exit status is then exit_status_for_shutdown()).
 */
bool main_loop_should_exit(void);
int qemu_exit_status(void);

/* Listeners for run-state changes (the monitor emits QMP events). */
typedef void RunStateNotify(void *opaque, RunState s, ShutdownCause why);
void runstate_add_notifier(RunStateNotify *fn, void *opaque);

#endif /* SYSEMU_RUNSTATE_H */
