/*
 * Machines: a machine type is a memory map, a device list and a boot
 * recipe (hw/i386/microvm.c).  softmmu/vl.c fills a MachineState from the
 * command line, picks the accelerator, and calls the class's init.
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "exec/memory.h"

typedef struct MachineState MachineState;
typedef struct MachineClass MachineClass;

struct MachineClass {
    const char *name;             /* -M NAME */
    const char *desc;
    const char *target;           /* guest architecture: "x86_64" */
    bool is_default;
    uint64_t default_ram_size;
    int max_cpus;
    /* Build the machine: RAM, devices, vCPUs, boot state.  Runs after the
     * accelerator is chosen (current_accel()) and before accel_init's VM
     * sees the memory map (the machine calls accel_init itself, once RAM
     * exists, so that memslots appear at registration). */
    bool (*init)(MachineState *ms, GError **errp);
    /* Optional `-M NAME,prop=value` properties; false with *errp on an
     * unknown property or bad value. */
    bool (*set_prop)(MachineState *ms, const char *name, const char *value,
                     GError **errp);
    const char *props_help;       /* one line per property, for -M NAME,help */
};

/* Block/net/device requests collected from the command line. */
typedef struct MachineDrive {
    void *blk;                    /* BlockBackend * */
    char *if_name;                /* "virtio", "none" */
} MachineDrive;

struct MachineState {
    const MachineClass *mc;
    uint64_t ram_size;
    int smp;
    char *cpu_model;              /* "host", "host,-avx512f" */
    char *kernel_filename;
    char *initrd_filename;
    char *kernel_cmdline;
    char *name;                   /* -name */
    MemoryRegion *ram;            /* the whole of guest RAM */

    /* -serial backends, in order (Chardev *); NULL entries are "none". */
    GPtrArray *serial_chardevs;
    /* -drive if=virtio backends (BlockBackend *). */
    GPtrArray *virtio_drives;
    /* -device option strings, created by the machine (it knows where a
     * virtio device plugs in). */
    GPtrArray *device_opts;
    /* -netdev ids (the net layer opened them). */
    GPtrArray *netdev_ids;

    /* Machine-type properties (free-form: the class interprets them). */
    GHashTable *props;

    /* Filled by the machine: extra kernel command-line text it appended
     * (e.g. virtio_mmio.device=...). */
    GString *cmdline_extra;
};

void machine_class_register(const MachineClass *mc);
const MachineClass *machine_class_find(const char *name);
const MachineClass *machine_class_default(void);
/* -M help */
void machine_print_help(FILE *out);

#endif /* HW_BOARDS_H */
