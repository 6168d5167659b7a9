/*
 * The KVM accelerator, vCPU side, for x86-64: CPUID from
 * KVM_GET_SUPPORTED_CPUID filtered by -cpu host[,-feat,+feat], vCPU
 * creation, register sync between X86CPUState and KVM, the kick, and the
 * KVM_RUN loop that sends port I/O and MMIO exits to the memory API.
 *
 * The loop (one host thread per vCPU):
 *   park while paused -> push dirty registers -> KVM_RUN ->
 *   IO/MMIO: take the BQL, address_space_rw on address_space_io/memory,
 *            drop it (the next KVM_RUN completes the guest instruction)
 *   SHUTDOWN (triple fault), SYSTEM_EVENT: a reset/shutdown request
 *   FAIL_ENTRY, INTERNAL_ERROR, unknown: registers + code bytes on stderr,
 *            a HOST_ERROR shutdown request, the vCPU parks (never spins)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "accel/kvm/kvm-internal.h"
#include "exec/memory.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"
#include "util/log.h"

#define SIG_KICK SIGUSR1
#define MAX_UNMAPPED_REPORTS 10

/* ---- CPUID ---- */

static struct kvm_cpuid_entry2 *cpuid_find(struct kvm_cpuid2 *c, uint32_t leaf,
                                           uint32_t subleaf)
{
    for (uint32_t i = 0; i < c->nent; i++) {
        struct kvm_cpuid_entry2 *e = &c->entries[i];
        if (e->function == leaf &&
            (!(e->flags & KVM_CPUID_FLAG_SIGNIFCANT_INDEX) || e->index == subleaf)) {
            return e;
        }
    }
    return NULL;
}

static uint32_t *cpuid_reg(struct kvm_cpuid_entry2 *e, X86CpuidReg r)
{
    switch (r) {
    case CPUID_EAX: return &e->eax;
    case CPUID_EBX: return &e->ebx;
    case CPUID_ECX: return &e->ecx;
    default:        return &e->edx;
    }
}

typedef struct CpuidFilter {
    struct kvm_cpuid2 *c;
    const char *model;
} CpuidFilter;

/* -feature clears the bit; +feature needs KVM to offer it. */
static bool cpuid_filter_one(void *opaque, const X86Feature *f, bool on, GError **errp)
{
    CpuidFilter *flt = opaque;
    struct kvm_cpuid_entry2 *e = cpuid_find(flt->c, f->leaf, f->subleaf);
    uint32_t *reg = e ? cpuid_reg(e, f->reg) : NULL;
    if (on) {
        if (!reg || !(*reg & (1u << f->bit))) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-cpu %s: feature '%s' is not offered by KVM on this host",
                        flt->model, f->name);
            return false;
        }
    } else if (reg) {
        *reg &= ~(1u << f->bit);
    }
    return true;
}

bool kvm_x86_cpuid_init(KVMState *s, const char *cpu_model, GError **errp)
{
    struct kvm_cpuid2 *c = NULL;
    int nent = 64;

    for (;;) {
        c = g_realloc(c, sizeof(*c) + (size_t)nent * sizeof(c->entries[0]));
        memset(c, 0, sizeof(*c));
        c->nent = (uint32_t)nent;
        if (ioctl(s->fd, KVM_GET_SUPPORTED_CPUID, c) == 0) {
            break;
        }
        if (errno != E2BIG || nent >= 4096) {
            g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "-accel kvm: KVM_GET_SUPPORTED_CPUID: %s", g_strerror(errno));
            g_free(c);
            return false;
        }
        nent *= 2;
    }

    CpuidFilter flt = { .c = c, .model = cpu_model };
    if (!x86_cpu_model_parse(cpu_model, cpuid_filter_one, &flt, errp)) {
        g_free(c);
        return false;
    }
    g_free(s->cpuid);
    s->cpuid = c;
    return true;
}

/* ---- vCPU creation ---- */

static void kick_handler(int sig)
{
    (void)sig;  /* its only job is to make KVM_RUN return EINTR */
}

void kvm_x86_install_kick_signal(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = kick_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;      /* no SA_RESTART: KVM_RUN must return */
    sigaction(SIG_KICK, &sa, NULL);
}

bool kvm_x86_create_vcpu(VCPU *cpu, GError **errp)
{
    KVMState *s = kvm_state;
    KVMVCPU *k = g_new0(KVMVCPU, 1);

    k->fd = ioctl(s->vmfd, KVM_CREATE_VCPU, (unsigned long)cpu->index);
    if (k->fd < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: KVM_CREATE_VCPU %d: %s", cpu->index, g_strerror(errno));
        g_free(k);
        return false;
    }
    k->run = mmap(NULL, (size_t)s->run_mmap_size, PROT_READ | PROT_WRITE, MAP_SHARED,
                  k->fd, 0);
    if (k->run == MAP_FAILED) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: mmap of vCPU %d's kvm_run: %s", cpu->index,
                    g_strerror(errno));
        close(k->fd);
        g_free(k);
        return false;
    }

    /* This vCPU's CPUID: the filtered table with its own APIC id. */
    struct kvm_cpuid2 *c = g_memdup2(s->cpuid, sizeof(*s->cpuid) +
                                     s->cpuid->nent * sizeof(s->cpuid->entries[0]));
    for (uint32_t i = 0; i < c->nent; i++) {
        struct kvm_cpuid_entry2 *e = &c->entries[i];
        if (e->function == 1) {
            e->ebx = (e->ebx & 0x00ffffffu) | ((uint32_t)cpu->index << 24);
        } else if (e->function == 0xb || e->function == 0x1f) {
            e->edx = (uint32_t)cpu->index;
        }
    }
    int r = ioctl(k->fd, KVM_SET_CPUID2, c);
    g_free(c);
    if (r < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: KVM_SET_CPUID2 on vCPU %d: %s", cpu->index,
                    g_strerror(errno));
        munmap(k->run, (size_t)s->run_mmap_size);
        close(k->fd);
        g_free(k);
        return false;
    }
    k->have_initial_lapic = ioctl(k->fd, KVM_GET_LAPIC, &k->initial_lapic) == 0;
    cpu->accel = k;
    if (!cpu->env) {
        cpu->env = g_new0(X86CPUState, 1);
        x86_cpu_reset_state(cpu->env, cpu->index);
    }
    return true;
}

/* ---- register sync ---- */

static void seg_to_kvm(const X86Segment *s, struct kvm_segment *k)
{
    *k = (struct kvm_segment){
        .base = s->base, .limit = s->limit, .selector = s->selector,
        .type = s->type, .present = s->present, .dpl = s->dpl, .db = s->db,
        .s = s->s, .l = s->l, .g = s->g, .avl = s->avl, .unusable = s->unusable,
    };
}

static void seg_from_kvm(const struct kvm_segment *k, X86Segment *s)
{
    *s = (X86Segment){
        .base = k->base, .limit = k->limit, .selector = k->selector,
        .type = k->type, .present = k->present, .dpl = k->dpl, .db = k->db,
        .s = k->s, .l = k->l, .g = k->g, .avl = k->avl, .unusable = k->unusable,
    };
}

static const uint32_t sync_msrs[] = {
    MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK, MSR_KERNEL_GS_BASE, MSR_IA32_CR_PAT,
};

static uint64_t *msr_field(X86CPUState *env, uint32_t idx)
{
    switch (idx) {
    case MSR_STAR:           return &env->star;
    case MSR_LSTAR:          return &env->lstar;
    case MSR_CSTAR:          return &env->cstar;
    case MSR_SFMASK:         return &env->sfmask;
    case MSR_KERNEL_GS_BASE: return &env->kernel_gs_base;
    default:                 return &env->pat;
    }
}

typedef struct {
    struct kvm_msrs hdr;
    struct kvm_msr_entry e[G_N_ELEMENTS(sync_msrs) + 1];
} MsrBuf;

bool kvm_x86_get_state(VCPU *cpu)
{
    KVMVCPU *k = cpu->accel;
    X86CPUState *env = cpu->env;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;

    if (cpu->env_dirty) {
        return true;       /* env is the newer copy */
    }
    if (ioctl(k->fd, KVM_GET_REGS, &regs) < 0 || ioctl(k->fd, KVM_GET_SREGS, &sregs) < 0) {
        return false;
    }
    const __u64 *gp[16] = {
        &regs.rax, &regs.rcx, &regs.rdx, &regs.rbx, &regs.rsp, &regs.rbp, &regs.rsi,
        &regs.rdi, &regs.r8, &regs.r9, &regs.r10, &regs.r11, &regs.r12, &regs.r13,
        &regs.r14, &regs.r15,
    };
    for (int i = 0; i < 16; i++) {
        env->regs[i] = *gp[i];
    }
    env->rip = regs.rip;
    env->rflags = regs.rflags;
    const struct kvm_segment *ks[X86_NR_SEGS] = {
        &sregs.es, &sregs.cs, &sregs.ss, &sregs.ds, &sregs.fs, &sregs.gs,
        &sregs.ldt, &sregs.tr,
    };
    for (int i = 0; i < X86_NR_SEGS; i++) {
        seg_from_kvm(ks[i], &env->segs[i]);
    }
    env->gdt = (X86DTable){ sregs.gdt.base, sregs.gdt.limit };
    env->idt = (X86DTable){ sregs.idt.base, sregs.idt.limit };
    env->cr0 = sregs.cr0;
    env->cr2 = sregs.cr2;
    env->cr3 = sregs.cr3;
    env->cr4 = sregs.cr4;
    env->cr8 = sregs.cr8;
    env->efer = sregs.efer;
    env->apic_base = sregs.apic_base;

    MsrBuf mb;
    memset(&mb, 0, sizeof(mb));
    mb.hdr.nmsrs = G_N_ELEMENTS(sync_msrs);
    for (size_t i = 0; i < G_N_ELEMENTS(sync_msrs); i++) {
        mb.e[i].index = sync_msrs[i];
    }
    int n = ioctl(k->fd, KVM_GET_MSRS, &mb);
    for (int i = 0; i < n && i < (int)G_N_ELEMENTS(sync_msrs); i++) {
        *msr_field(env, mb.e[i].index) = mb.e[i].data;
    }
    if (ioctl(k->fd, KVM_GET_FPU, &fpu) == 0) {
        env->fcw = fpu.fcw;
        env->mxcsr = fpu.mxcsr;
    }
    /* With the in-kernel irqchip a halted vCPU waits inside KVM_RUN. */
    struct kvm_mp_state mp;
    if (ioctl(k->fd, KVM_GET_MP_STATE, &mp) == 0) {
        cpu->halted = mp.mp_state == KVM_MP_STATE_HALTED;
    }
    return true;
}

bool kvm_x86_put_state(VCPU *cpu)
{
    KVMVCPU *k = cpu->accel;
    X86CPUState *env = cpu->env;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;

    memset(&regs, 0, sizeof(regs));
    __u64 *gp[16] = {
        &regs.rax, &regs.rcx, &regs.rdx, &regs.rbx, &regs.rsp, &regs.rbp, &regs.rsi,
        &regs.rdi, &regs.r8, &regs.r9, &regs.r10, &regs.r11, &regs.r12, &regs.r13,
        &regs.r14, &regs.r15,
    };
    for (int i = 0; i < 16; i++) {
        *gp[i] = env->regs[i];
    }
    regs.rip = env->rip;
    regs.rflags = env->rflags;

    /* Start from KVM's sregs so the interrupt bitmap stays sane. */
    if (ioctl(k->fd, KVM_GET_SREGS, &sregs) < 0) {
        return false;
    }
    struct kvm_segment *ks[X86_NR_SEGS] = {
        &sregs.es, &sregs.cs, &sregs.ss, &sregs.ds, &sregs.fs, &sregs.gs,
        &sregs.ldt, &sregs.tr,
    };
    for (int i = 0; i < X86_NR_SEGS; i++) {
        seg_to_kvm(&env->segs[i], ks[i]);
    }
    sregs.gdt.base = env->gdt.base;
    sregs.gdt.limit = env->gdt.limit;
    sregs.idt.base = env->idt.base;
    sregs.idt.limit = env->idt.limit;
    sregs.cr0 = env->cr0;
    sregs.cr2 = env->cr2;
    sregs.cr3 = env->cr3;
    sregs.cr4 = env->cr4;
    sregs.cr8 = env->cr8;
    sregs.efer = env->efer;
    sregs.apic_base = env->apic_base;
    memset(sregs.interrupt_bitmap, 0, sizeof(sregs.interrupt_bitmap));

    memset(&fpu, 0, sizeof(fpu));
    fpu.fcw = env->fcw;
    fpu.mxcsr = env->mxcsr;

    MsrBuf mb;
    memset(&mb, 0, sizeof(mb));
    mb.hdr.nmsrs = G_N_ELEMENTS(sync_msrs);
    for (size_t i = 0; i < G_N_ELEMENTS(sync_msrs); i++) {
        mb.e[i].index = sync_msrs[i];
        mb.e[i].data = *msr_field(env, sync_msrs[i]);
    }

    if (cpu->reset_pending) {
        /* Power-on local APIC, no pending exception, interrupt or NMI. */
        struct kvm_vcpu_events ev;
        memset(&ev, 0, sizeof(ev));
        if ((k->have_initial_lapic && ioctl(k->fd, KVM_SET_LAPIC, &k->initial_lapic) < 0) ||
            ioctl(k->fd, KVM_SET_VCPU_EVENTS, &ev) < 0) {
            fprintf(stderr, "kvm: vCPU %d: reset of the local APIC/events failed: %s\n",
                    cpu->index, g_strerror(errno));
        }
        cpu->reset_pending = false;
    }
    if (ioctl(k->fd, KVM_SET_SREGS, &sregs) < 0 ||
        ioctl(k->fd, KVM_SET_REGS, &regs) < 0 ||
        ioctl(k->fd, KVM_SET_FPU, &fpu) < 0 ||
        ioctl(k->fd, KVM_SET_MSRS, &mb) != (int)G_N_ELEMENTS(sync_msrs)) {
        fprintf(stderr, "kvm: vCPU %d: setting registers failed: %s\n", cpu->index,
                g_strerror(errno));
        return false;
    }
    /* Application processors either start with the BSP (tern's ELF boot
     * convention) or wait for INIT/SIPI from the guest (Linux). */
    struct kvm_mp_state mp = {
        .mp_state = (cpu->index == 0 || cpu->start_runnable) ? KVM_MP_STATE_RUNNABLE
                                                             : KVM_MP_STATE_UNINITIALIZED,
    };
    ioctl(k->fd, KVM_SET_MP_STATE, &mp);
    return true;
}

/* ---- the kick ---- */

void kvm_x86_kick_vcpu(VCPU *cpu)
{
    KVMVCPU *k = cpu->accel;
    g_atomic_int_set(&cpu->exit_request, 1);
    __atomic_store_n(&k->run->immediate_exit, 1, __ATOMIC_SEQ_CST);
    if (cpu->thread_started) {
        pthread_kill(cpu->thread, SIG_KICK);
    }
}

/* ---- fatal exits: say what happened, never spin ---- */

static void report_state(VCPU *cpu, const char *what)
{
    g_autoptr(GString) out = g_string_new(NULL);
    X86CPUState *env = cpu->env;

    cpu->env_dirty = false;
    kvm_x86_get_state(cpu);
    g_string_append_printf(out, "tern-system-x86_64: vCPU %d: %s\n", cpu->index, what);
    x86_cpu_dump_state(env, out);
    uint64_t pa;
    uint8_t code[16];
    if (x86_cpu_virt_to_phys(env, env->rip, &pa) &&
        address_space_read(&address_space_memory, pa, code, sizeof(code)) == MEMTX_OK) {
        g_string_append(out, "Code at RIP:");
        for (size_t i = 0; i < sizeof(code); i++) {
            g_string_append_printf(out, " %02x", code[i]);
        }
        g_string_append_c(out, '\n');
    } else {
        g_string_append(out, "Code at RIP: not readable (unmapped)\n");
    }
    /* The top of the stack: for a kernel that stopped in a helper, the
     * return addresses there name its caller (look them up in System.map). */
    g_string_append(out, "Stack at RSP:");
    for (int i = 0; i < 8; i++) {
        uint64_t word, va = env->regs[R_ESP] + 8 * i;  /* byte order: guest = host */
        if ((va & 0xfff) > 0x1000 - 8 ||  /* a misaligned word across pages: stop */
            !x86_cpu_virt_to_phys(env, va, &pa) ||
            address_space_read(&address_space_memory, pa, &word, 8) != MEMTX_OK) {
            g_string_append(out, i ? " (end of readable stack)" : " not readable");
            break;
        }
        g_string_append_printf(out, "%s%016" PRIx64, i == 4 ? "\n             " : " ", word);
    }
    g_string_append_c(out, '\n');
    fputs(out->str, stderr);
    fflush(stderr);
}

static void report_unmapped(VCPU *cpu, const char *kind, bool is_write, uint64_t addr,
                            unsigned len)
{
    KVMState *s = kvm_state;
    int n = g_atomic_int_add(&s->unmapped_reports, 1);
    if (n < MAX_UNMAPPED_REPORTS || tern_log_enabled(LOG_GUEST_ERROR)) {
        fprintf(stderr, "tern-system-x86_64: vCPU %d: guest %s %s of %u bytes at unmapped "
                "address 0x%" PRIx64 " (%s; the guest continues)\n", cpu->index, kind,
                is_write ? "write" : "read", len, addr,
                is_write ? "ignored" : "reads as all ones");
        if (n + 1 == MAX_UNMAPPED_REPORTS && !tern_log_enabled(LOG_GUEST_ERROR)) {
            fprintf(stderr, "tern-system-x86_64: further unmapped accesses are not reported "
                    "(-d guest_errors shows them)\n");
        }
    }
}

/*
 * Instructions KVM says it could not emulate, which tern completes
 * itself.  Only some nested KVMs get here (kvm_pvm emulates guest kernel
 * code and lacks a few instructions, docs/kvm.md); with hardware
 * virtualization these never need KVM's emulator.
 *   INT3   the breakpoint trap: RIP past it, #BP injected
 *   FWAIT  waits for pending x87 exceptions: with none pending (FSW.ES
 *          clear) it does nothing; otherwise it is left to fail
 * Returns false for anything else (the caller reports the exit).
 */
static bool complete_unemulated(VCPU *cpu, struct kvm_run *run)
{
    KVMVCPU *k = cpu->accel;
    struct kvm_regs regs;
    struct kvm_vcpu_events ev;
    struct kvm_fpu fpu;
    uint8_t insn;

    if (run->emulation_failure.ndata >= 1 &&
        (run->emulation_failure.flags &
         KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES) &&
        run->emulation_failure.insn_size >= 1) {
        insn = run->emulation_failure.insn_bytes[0];
    } else {
        return false;
    }
    if ((insn != 0xcc && insn != 0x9b) || ioctl(k->fd, KVM_GET_REGS, &regs) < 0) {
        return false;
    }
    if (insn == 0x9b) {
        if (ioctl(k->fd, KVM_GET_FPU, &fpu) < 0 || (fpu.fsw & 0x80)) {
            return false;
        }
        regs.rip += 1;
        return ioctl(k->fd, KVM_SET_REGS, &regs) == 0;
    }
    if (ioctl(k->fd, KVM_GET_VCPU_EVENTS, &ev) < 0) {
        return false;
    }
    regs.rip += 1;
    memset(&ev.exception, 0, sizeof(ev.exception));
    ev.exception.injected = 1;
    ev.exception.nr = 3;
    ev.flags = 0;
    return ioctl(k->fd, KVM_SET_REGS, &regs) == 0 &&
           ioctl(k->fd, KVM_SET_VCPU_EVENTS, &ev) == 0;
}

/* Returns false when the vCPU must stop (fatal exit). */
static bool handle_exit(VCPU *cpu, struct kvm_run *run)
{
    KVMVCPU *k = cpu->accel;

    switch (run->exit_reason) {
    case KVM_EXIT_IO: {
        uint8_t *data = (uint8_t *)run + run->io.data_offset;
        bool out = run->io.direction == KVM_EXIT_IO_OUT;
        bool unmapped = false;
        bql_lock();
        for (uint32_t i = 0; i < run->io.count; i++) {
            MemTxResult r = address_space_rw(&address_space_io, run->io.port,
                                             data + (size_t)i * run->io.size,
                                             run->io.size, out);
            unmapped |= r == MEMTX_DECODE_ERROR;
        }
        bql_unlock();
        if (unmapped && tern_log_enabled(LOG_GUEST_ERROR)) {
            report_unmapped(cpu, "port I/O", out, run->io.port, run->io.size);
        }
        k->io_pending = true;
        return true;
    }
    case KVM_EXIT_MMIO: {
        bql_lock();
        MemTxResult r = address_space_rw(&address_space_memory, run->mmio.phys_addr,
                                         run->mmio.data, run->mmio.len,
                                         run->mmio.is_write);
        bql_unlock();
        if (r == MEMTX_DECODE_ERROR) {
            report_unmapped(cpu, "MMIO", run->mmio.is_write, run->mmio.phys_addr,
                            run->mmio.len);
        }
        k->io_pending = true;
        return true;
    }
    case KVM_EXIT_HLT:
        /* Only without an in-kernel irqchip, which tern always creates. */
        cpu->halted = true;
        usleep(1000);
        cpu->halted = false;
        return true;
    case KVM_EXIT_INTR:
        return true;
    case KVM_EXIT_SHUTDOWN: {
        /* A guest that triple-faults again after every reset would fill the
         * terminal: full reports for the first few only. */
        static int reports;
        if (g_atomic_int_add(&reports, 1) < 3) {
            report_state(cpu, "guest triple fault (KVM_EXIT_SHUTDOWN): resetting the machine"
                         " (-no-reboot: exiting)");
        } else {
            fprintf(stderr, "tern-system-x86_64: vCPU %d: guest triple fault again: "
                    "resetting the machine\n", cpu->index);
        }
        qemu_system_reset_request(SHUTDOWN_CAUSE_TRIPLE_FAULT);
        return false;
    }
    case KVM_EXIT_SYSTEM_EVENT:
        switch (run->system_event.type) {
        case KVM_SYSTEM_EVENT_SHUTDOWN:
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
            return false;
        case KVM_SYSTEM_EVENT_RESET:
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
            return false;
        case KVM_SYSTEM_EVENT_CRASH:
            report_state(cpu, "guest crash (KVM_SYSTEM_EVENT_CRASH)");
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_PANIC);
            return false;
        default:
            return true;
        }
    case KVM_EXIT_FAIL_ENTRY: {
        g_autofree char *what = g_strdup_printf(
            "KVM could not enter the guest (KVM_EXIT_FAIL_ENTRY, hardware reason 0x%llx)",
            (unsigned long long)run->fail_entry.hardware_entry_failure_reason);
        report_state(cpu, what);
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
        return false;
    }
    case KVM_EXIT_INTERNAL_ERROR: {
        if (run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION &&
            complete_unemulated(cpu, run)) {
            return true;
        }
        g_autofree char *what = g_strdup_printf(
            "KVM internal error (KVM_EXIT_INTERNAL_ERROR, suberror %u%s)",
            run->internal.suberror,
            run->internal.suberror == KVM_INTERNAL_ERROR_EMULATION
                ? ": KVM could not emulate an instruction" : "");
        report_state(cpu, what);
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
        return false;
    }
    default: {
        g_autofree char *what = g_strdup_printf("unhandled KVM exit reason %u",
                                                run->exit_reason);
        report_state(cpu, what);
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
        return false;
    }
    }
}

/* Let KVM finish the instruction of a pending IO/MMIO exit without
 * running further guest code, so that registers are consistent. */
static void complete_pending_io(KVMVCPU *k)
{
    if (!k->io_pending) {
        return;
    }
    k->run->immediate_exit = 1;
    ioctl(k->fd, KVM_RUN, 0);
    k->run->immediate_exit = 0;
    k->io_pending = false;
}

void *kvm_x86_vcpu_thread(void *opaque)
{
    VCPU *cpu = opaque;
    KVMVCPU *k = cpu->accel;
    struct kvm_run *run = k->run;
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIG_KICK);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    g_autofree char *name = g_strdup_printf("CPU %d/KVM", cpu->index);
    pthread_setname_np(pthread_self(), name);
    vcpu_thread_started(cpu);

    for (;;) {
        if (g_atomic_int_get(&cpu->exit_request) || cpu->stop) {
            complete_pending_io(k);
        }
        if (!vcpu_wait_if_stopped(cpu)) {
            break;
        }
        if (cpu->env_dirty) {
            if (!kvm_x86_put_state(cpu)) {
                qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
                vcpu_park_self(cpu);
                continue;
            }
            cpu->env_dirty = false;
        }
        __atomic_store_n(&run->immediate_exit, 0, __ATOMIC_SEQ_CST);
        if (g_atomic_int_exchange(&cpu->exit_request, 0)) {
            continue;   /* re-check stop before entering */
        }
        int r = ioctl(k->fd, KVM_RUN, 0);
        if (r < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                k->io_pending = false;   /* KVM completed it before returning */
                continue;
            }
            g_autofree char *what = g_strdup_printf("KVM_RUN failed: %s", g_strerror(errno));
            report_state(cpu, what);
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_ERROR);
            vcpu_park_self(cpu);
            continue;
        }
        k->io_pending = false;
        if (!handle_exit(cpu, run)) {
            vcpu_park_self(cpu);
        }
    }
    return NULL;
}
