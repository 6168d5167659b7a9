/*
 * The registry of system-mode vCPUs (sysemu/cpus.h) and the generic
 * pause/resume protocol, whatever accelerator runs them (accel/accel.h).
 *
 * Each vCPU has a host thread running the accelerator's thread_fn, which
 * calls vcpu_wait_if_stopped() before every entry into guest code.  To
 * pause, the main thread sets cpu->stop on each vCPU, kicks it out of
 * guest code, and waits (with the BQL released, since a vCPU may be
 * waiting for it to finish an MMIO dispatch) until every vCPU reports
 * itself parked.  Resume clears stop and wakes them.
 */
#define _GNU_SOURCE
#include <glib.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "accel/accel.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"

static GPtrArray *vcpus;
static pthread_mutex_t cpus_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t parked_cond = PTHREAD_COND_INITIALIZER;
static const VCPUTargetOps *target_ops;
static __thread VCPU *current_vcpu;

void vcpu_set_target_ops(const VCPUTargetOps *ops)
{
    target_ops = ops;
}

int vcpu_count(void)
{
    return vcpus ? (int)vcpus->len : 0;
}

VCPU *vcpu_get(int index)
{
    if (!vcpus || index < 0 || (guint)index >= vcpus->len) {
        return NULL;
    }
    return g_ptr_array_index(vcpus, index);
}

int vcpu_index(const VCPU *cpu)
{
    return cpu->index;
}

long vcpu_thread_id(const VCPU *cpu)
{
    return __atomic_load_n(&cpu->tid, __ATOMIC_SEQ_CST);
}

const char *vcpu_target_name(void)
{
    return target_ops ? target_ops->name : "none";
}

bool vcpu_is_halted(const VCPU *cpu)
{
    return cpu->halted;
}

VCPU *vcpu_create(int index, GError **errp)
{
    const AccelOps *ops = current_accel();
    VCPU *cpu = g_new0(VCPU, 1);

    cpu->index = index;
    cpu->ops = ops;
    cpu->stop = true;              /* parked until the first resume */
    pthread_cond_init(&cpu->resume_cond, NULL);
    if (!ops->create_vcpu(cpu, errp)) {
        pthread_cond_destroy(&cpu->resume_cond);
        g_free(cpu);
        return NULL;
    }
    if (!vcpus) {
        vcpus = g_ptr_array_new();
    }
    g_ptr_array_add(vcpus, cpu);
    int err = pthread_create(&cpu->thread, NULL, ops->thread_fn, cpu);
    if (err) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(err),
                    "vCPU %d: cannot create its thread: %s", index, g_strerror(err));
        g_ptr_array_remove(vcpus, cpu);
        return NULL;
    }
    cpu->thread_started = true;
    return cpu;
}

void vcpu_thread_started(VCPU *cpu)
{
    current_vcpu = cpu;
    __atomic_store_n(&cpu->tid, (long)gettid(), __ATOMIC_SEQ_CST);
}

bool vcpu_wait_if_stopped(VCPU *cpu)
{
    bool keep_going;

    pthread_mutex_lock(&cpus_lock);
    while (cpu->stop && !cpu->exit_thread) {
        if (!cpu->stopped) {
            cpu->stopped = true;
            pthread_cond_broadcast(&parked_cond);
        }
        pthread_cond_wait(&cpu->resume_cond, &cpus_lock);
    }
    cpu->stopped = cpu->exit_thread;
    if (cpu->exit_thread) {
        pthread_cond_broadcast(&parked_cond);
    }
    keep_going = !cpu->exit_thread;
    pthread_mutex_unlock(&cpus_lock);
    return keep_going;
}

void vcpu_park_self(VCPU *cpu)
{
    pthread_mutex_lock(&cpus_lock);
    cpu->stop = true;
    pthread_mutex_unlock(&cpus_lock);
}

static bool all_parked_locked(void)
{
    for (guint i = 0; vcpus && i < vcpus->len; i++) {
        VCPU *cpu = g_ptr_array_index(vcpus, i);
        if (cpu->thread_started && !cpu->stopped) {
            return false;
        }
    }
    return true;
}

void pause_all_vcpus(void)
{
    if (!vcpus) {
        return;
    }
    pthread_mutex_lock(&cpus_lock);
    for (guint i = 0; i < vcpus->len; i++) {
        VCPU *cpu = g_ptr_array_index(vcpus, i);
        cpu->stop = true;
    }
    pthread_mutex_unlock(&cpus_lock);
    for (guint i = 0; i < vcpus->len; i++) {
        VCPU *cpu = g_ptr_array_index(vcpus, i);
        if (cpu != current_vcpu && cpu->ops->kick_vcpu) {
            cpu->ops->kick_vcpu(cpu);
        }
    }
    /* A vCPU may be waiting for the BQL to finish an exit: let it. */
    bool had_bql = bql_locked();
    if (had_bql) {
        bql_unlock();
    }
    pthread_mutex_lock(&cpus_lock);
    while (!all_parked_locked()) {
        pthread_cond_wait(&parked_cond, &cpus_lock);
    }
    pthread_mutex_unlock(&cpus_lock);
    if (had_bql) {
        bql_lock();
    }
}

void resume_all_vcpus(void)
{
    if (!vcpus) {
        return;
    }
    pthread_mutex_lock(&cpus_lock);
    for (guint i = 0; i < vcpus->len; i++) {
        VCPU *cpu = g_ptr_array_index(vcpus, i);
        cpu->stop = false;
        pthread_cond_signal(&cpu->resume_cond);
    }
    pthread_mutex_unlock(&cpus_lock);
}

bool all_vcpus_paused(void)
{
    pthread_mutex_lock(&cpus_lock);
    bool r = all_parked_locked();
    pthread_mutex_unlock(&cpus_lock);
    return r;
}

void vcpus_destroy_all(void)
{
    if (!vcpus) {
        return;
    }
    pthread_mutex_lock(&cpus_lock);
    for (guint i = 0; i < vcpus->len; i++) {
        VCPU *cpu = g_ptr_array_index(vcpus, i);
        cpu->exit_thread = true;
        cpu->stop = true;
        pthread_cond_signal(&cpu->resume_cond);
    }
    pthread_mutex_unlock(&cpus_lock);
    bool had_bql = bql_locked();
    if (had_bql) {
        bql_unlock();
    }
    for (guint i = 0; i < vcpus->len; i++) {
        VCPU *cpu = g_ptr_array_index(vcpus, i);
        if (cpu->ops->kick_vcpu) {
            cpu->ops->kick_vcpu(cpu);
        }
        if (cpu->thread_started) {
            pthread_join(cpu->thread, NULL);
            cpu->thread_started = false;
        }
    }
    if (had_bql) {
        bql_lock();
    }
}

bool vcpu_sync_state(VCPU *cpu)
{
    if (!cpu->ops->get_state) {
        return false;
    }
    if (cpu == current_vcpu || !cpu->thread_started || all_vcpus_paused()) {
        return cpu->ops->get_state(cpu);
    }
    pause_all_vcpus();
    bool ok = cpu->ops->get_state(cpu);
    resume_all_vcpus();
    return ok;
}

void vcpu_dump_state(VCPU *cpu, GString *out)
{
    if (!target_ops || !vcpu_sync_state(cpu)) {
        g_string_append_printf(out, "CPU#%d: registers not available\n", cpu->index);
        return;
    }
    g_string_append_printf(out, "CPU#%d%s\n", cpu->index, cpu->halted ? " (halted)" : "");
    target_ops->dump_state(cpu, out);
}

bool vcpu_virt_to_phys(VCPU *cpu, uint64_t vaddr, uint64_t *paddr)
{
    if (!target_ops || !vcpu_sync_state(cpu)) {
        return false;
    }
    return target_ops->virt_to_phys(cpu, vaddr, paddr);
}
