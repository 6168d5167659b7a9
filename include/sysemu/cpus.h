/*
 * System-mode vCPUs as the rest of the emulator sees them, whatever
 * accelerator runs them (accel/accel.h).  The monitor, the gdb stub and
 * the run-state code use only this.
 *
 * One host thread per vCPU.  pause/resume are called from the main thread
 * with the BQL held; pause returns once every vCPU is out of guest code and
 * parked (KVM: kicked out of KVM_RUN; TCG: out of translated code), so
 * machine state and registers may then be read and changed.
 */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct VCPU VCPU;   /* defined by accel/ and the target */

int vcpu_count(void);
VCPU *vcpu_get(int index);
int vcpu_index(const VCPU *cpu);
/* Host thread id (gettid) of the vCPU's thread; 0 before it started. */
long vcpu_thread_id(const VCPU *cpu);
/* QEMU's "target" for query-cpus-fast: "x86_64", "aarch64". */
const char *vcpu_target_name(void);
bool vcpu_is_halted(const VCPU *cpu);

/* `info registers`: fetches the state from the accelerator first. */
void vcpu_dump_state(VCPU *cpu, GString *out);
/* The monitor's `x`: translate a guest-virtual address with the vCPU's
 * current page tables.  false when unmapped. */
bool vcpu_virt_to_phys(VCPU *cpu, uint64_t vaddr, uint64_t *paddr);

void pause_all_vcpus(void);
void resume_all_vcpus(void);
bool all_vcpus_paused(void);

#endif /* SYSEMU_CPUS_H */
