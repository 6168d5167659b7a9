/*
 * The accelerator interface (blueprint section 2): everything the machine,
 * the command line and sysemu/cpus.c need from whatever runs the vCPUs
 * (KVM in accel/kvm/, later TCG in system mode).  Devices never see it:
 * they raise qemu_irq lines whose handlers the machine points at
 * accel_set_irq(), and they map memory regions that the accelerator learns
 * about through its MemoryListener.
 *
 * Life of an accelerator:
 *   accel_select("kvm" | "tcg" | NULL)   -accel / -enable-kvm / default
 *   accel_init(machine)                  creates the VM, registers the listener
 *   accel_create_vcpu(cpu) per vCPU      starts one host thread per vCPU (parked)
 *   resume_all_vcpus() (sysemu/cpus.h)   vCPUs enter guest code
 *   ... exits are dispatched to the memory API on the vCPU thread ...
 *   accel_shutdown()                     stops and joins the threads
 */
#ifndef ACCEL_ACCEL_H
#define ACCEL_ACCEL_H

#include <glib.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sysemu/cpus.h"

typedef struct MachineState MachineState;
typedef struct AccelOps AccelOps;
typedef struct X86CPUState X86CPUState;

/*
 * A vCPU.  The generic part is managed by softmmu/cpus.c (thread, pause
 * protocol); `accel` belongs to the accelerator, `env` to the target.
 * Fields marked (cpus) are protected by the registry's lock.
 */
struct VCPU {
    int index;
    pthread_t thread;
    bool thread_started;
    long tid;                    /* gettid() of the vCPU thread */

    bool stop;                   /* (cpus) asked to park */
    bool stopped;                /* (cpus) parked outside guest code */
    bool exit_thread;            /* (cpus) leave the thread at the next park */
    bool halted;                 /* waiting for an interrupt (HLT exit) */
    int exit_request;            /* atomic: leave guest code soon (kick) */
    pthread_cond_t resume_cond;  /* (cpus) signalled when stop is cleared */

    const AccelOps *ops;
    void *accel;                 /* accelerator private state */
    X86CPUState *env;            /* target register state (x86-64 for now) */
    /*
     * env is newer than the accelerator's copy (a reset or a boot setter
     * wrote it): push it before the next entry into guest code.
     */
    bool env_dirty;
    /* With env_dirty: first put the accelerator's own per-vCPU state (e.g.
     * KVM's in-kernel local APIC, pending events) back to power-on. */
    bool reset_pending;
    /* Start running at the first resume (false: wait for INIT/SIPI). */
    bool start_runnable;
};

struct AccelOps {
    const char *name;              /* "kvm", "tcg" */
    const char *desc;
    /*
     * Can this accelerator run guests of `target` ("x86_64", "aarch64") on
     * this host?  When not, append the reason (one line, with what to do)
     * to why_not.
     */
    bool (*probe)(const char *target, GString *why_not);
    /* Create the VM and register the accelerator's memory listener(s). */
    bool (*init)(MachineState *ms, GError **errp);
    /* Create the accelerator side of a vCPU; softmmu/cpus.c then runs
     * thread_fn on the vCPU's own thread. */
    bool (*create_vcpu)(VCPU *cpu, GError **errp);
    void *(*thread_fn)(void *cpu);
    /* Pull the vCPU out of guest code (any thread). */
    void (*kick_vcpu)(VCPU *cpu);
    /* Copy registers between cpu->env and the accelerator (vCPU parked or
     * called on the vCPU's own thread). */
    bool (*get_state)(VCPU *cpu);
    bool (*put_state)(VCPU *cpu);
    /* Interrupt lines: is there an in-kernel/accelerated interrupt
     * controller, and set a GSI's level on it. */
    bool (*has_irqchip)(void);
    void (*set_irq)(int gsi, int level);
    /* A write to an ioeventfd region is signalled to fd without an exit
     * (the listener does this); irqfd: a write to fd raises gsi. */
    bool (*irqfd_add)(int fd, int gsi, int resample_fd);
    void (*irqfd_del)(int fd, int gsi);
    /* Stop the vCPU threads' guest side and release the VM. */
    void (*shutdown)(void);
    /* --check-host: print what the host offers this accelerator (one
     * "name: yes/no (detail)" line each); true when it is usable. */
    bool (*check_host)(FILE *out);
};

void accel_register(const AccelOps *ops);
const AccelOps *accel_find(const char *name);

/*
 * -accel NAME[,...] (repeatable in QEMU; here the first usable one of the
 * list wins).  Parsing only: the choice is made by accel_select().
 */
bool accel_add_option(const char *opts, GError **errp);
/* -accel help: every accelerator, usable or not and why, for target. */
void accel_print_help(const char *target, FILE *out);

/*
 * Pick the accelerator for a guest of `target`: the ones asked for on the
 * command line in order, else KVM when usable, else TCG.  On failure
 * *errp says why (one line, naming the option).
 */
const AccelOps *accel_select(const char *target, GError **errp);
const AccelOps *current_accel(void);

/* Thin wrappers over current_accel(). */
bool accel_init(MachineState *ms, GError **errp);
bool accel_has_irqchip(void);
void accel_set_irq(int gsi, int level);
bool accel_irqfd_add(int fd, int gsi, int resample_fd);
void accel_irqfd_del(int fd, int gsi);
void accel_shutdown(void);

/* softmmu/cpus.c: create a vCPU with the current accelerator and start
 * its thread (parked until resume_all_vcpus). */
VCPU *vcpu_create(int index, GError **errp);
/* Called by accelerator threads. */
void vcpu_thread_started(VCPU *cpu);
/* Park here while cpu->stop is set; returns false when the thread must exit. */
bool vcpu_wait_if_stopped(VCPU *cpu);
/* The vCPU stops itself (after a fatal exit) until the next resume. */
void vcpu_park_self(VCPU *cpu);
/* Stop and join every vCPU thread (process exit). */
void vcpus_destroy_all(void);
/* Fetch registers into cpu->env (pausing the vCPU briefly if it runs). */
bool vcpu_sync_state(VCPU *cpu);

/*
 * What the generic vCPU code needs from the guest architecture (the
 * machine installs its target's table): QEMU's target name, the register
 * dump and the page walk, both on cpu->env after vcpu_sync_state().
 */
typedef struct VCPUTargetOps {
    const char *name;                         /* "x86_64" */
    void (*dump_state)(VCPU *cpu, GString *out);
    bool (*virt_to_phys)(VCPU *cpu, uint64_t vaddr, uint64_t *paddr);
} VCPUTargetOps;
void vcpu_set_target_ops(const VCPUTargetOps *ops);
/* The x86-64 table (target/i386/cpu.c). */
extern const VCPUTargetOps x86_64_target_ops;

#endif /* ACCEL_ACCEL_H */
