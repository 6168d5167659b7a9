/*
 * State shared by the KVM accelerator's VM part (kvm-all.c: /dev/kvm, the
 * VM, memslots, interrupts, ioeventfds) and its vCPU part (kvm-x86.c:
 * vCPU setup, register sync, the KVM_RUN loop).
 */
#ifndef ACCEL_KVM_INTERNAL_H
#define ACCEL_KVM_INTERNAL_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stdint.h>

#include "accel/accel.h"
#include "exec/memory.h"

typedef struct KVMSlot {
    bool used;
    uint32_t id;
    uint64_t gpa;
    uint64_t size;
    uint64_t hva;
    uint32_t flags;
} KVMSlot;

typedef struct KVMState {
    int fd;                       /* /dev/kvm */
    int vmfd;
    int run_mmap_size;
    int nr_slots;
    KVMSlot *slots;
    bool irqchip;
    bool readonly_mem;
    bool ioeventfd;
    bool irqfd;
    bool immediate_exit;
    MemoryListener mem_listener;
    MemoryListener io_listener;
    /* KVM_GET_SUPPORTED_CPUID filtered by -cpu; copied per vCPU. */
    struct kvm_cpuid2 *cpuid;
    int unmapped_reports;         /* unmapped MMIO/PIO accesses reported so far */
    /* The in-kernel PICs, IOAPIC and PIT as KVM created them, restored on
     * a system reset. */
    struct kvm_irqchip initial_chips[3];
    struct kvm_pit_state2 initial_pit;
    bool have_initial_state;
} KVMState;

extern KVMState *kvm_state;

/* Per-vCPU accelerator state (VCPU.accel). */
typedef struct KVMVCPU {
    int fd;
    struct kvm_run *run;
    bool io_pending;              /* an IO/MMIO exit awaits completion by KVM_RUN */
    struct kvm_lapic_state initial_lapic;   /* power-on local APIC */
    bool have_initial_lapic;
} KVMVCPU;

/* kvm-x86.c */
bool kvm_x86_cpuid_init(KVMState *s, const char *cpu_model, GError **errp);
bool kvm_x86_create_vcpu(VCPU *cpu, GError **errp);
void *kvm_x86_vcpu_thread(void *opaque);
void kvm_x86_kick_vcpu(VCPU *cpu);
bool kvm_x86_get_state(VCPU *cpu);
bool kvm_x86_put_state(VCPU *cpu);
void kvm_x86_install_kick_signal(void);

#endif /* ACCEL_KVM_INTERNAL_H */
