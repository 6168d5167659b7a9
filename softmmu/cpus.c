/*
 * The registry of system-mode vCPUs (sysemu/cpus.h) and the generic
 * pause/resume protocol.  Accelerators add their vCPUs with vcpu_register()
 * and provide the per-vCPU operations through VCPUClassOps; the monitor
 * and run-state code only call the functions of sysemu/cpus.h.
 *
 * This first version only keeps the list; the KVM accelerator fills in
 * the thread, kick and pause machinery.
 */
#include <glib.h>

#include "sysemu/cpus.h"

static GPtrArray *vcpus;

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

void pause_all_vcpus(void)
{
}

void resume_all_vcpus(void)
{
}

bool all_vcpus_paused(void)
{
    return true;
}
