/*
 * The KVM accelerator, VM side: opening /dev/kvm with errors a user can
 * act on, the VM, memslots kept equal to the memory API's RAM ranges (a
 * MemoryListener), the in-kernel irqchip and PIT, GSI levels,
 * ioeventfd/irqfd, and --check-host.  The vCPU side is kvm-x86.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "accel/kvm/kvm-internal.h"
#include "hw/boards.h"
#include "sysemu/runstate.h"
#include "util/log.h"

#define KVM_API_VERSION_NEEDED 12
/* Out of the way below 4 GiB, as QEMU's pc machines use (3 pages + 1). */
#define KVM_TSS_ADDR      0xfffbd000ull
#define KVM_IDENTITY_ADDR 0xfeffc000ull

KVMState *kvm_state;

/* Opens /dev/kvm and checks the API version; on failure, a one-line reason. */
static int kvm_open_dev(GString *why)
{
    /* TERN_KVM_DEVICE: another path, so tests can see the errors below. */
    const char *path = g_getenv("TERN_KVM_DEVICE") ? g_getenv("TERN_KVM_DEVICE") : "/dev/kvm";
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT) {
            g_string_append_printf(why, "%s does not exist: the kernel has no KVM "
                                   "(load kvm_intel or kvm_amd, or enable virtualization "
                                   "in the firmware)", path);
        } else if (e == EACCES || e == EPERM) {
            g_string_append_printf(why, "%s: no permission (add yourself to group kvm)", path);
        } else {
            g_string_append_printf(why, "%s: %s", path, g_strerror(e));
        }
        return -1;
    }
    int ver = ioctl(fd, KVM_GET_API_VERSION, 0);
    if (ver != KVM_API_VERSION_NEEDED) {
        g_string_append_printf(why, "%s: not a KVM device or wrong KVM API version (%d; "
                               "tern needs %d)", path, ver, KVM_API_VERSION_NEEDED);
        close(fd);
        return -1;
    }
    return fd;
}

static int kvm_check_extension(int fd, long cap)
{
    int r = ioctl(fd, KVM_CHECK_EXTENSION, cap);
    return r < 0 ? 0 : r;
}

/* Capabilities tern uses; `required` ones make KVM unusable when absent. */
static const struct {
    long cap;
    const char *name;
    bool required;
} kvm_caps[] = {
    { KVM_CAP_USER_MEMORY,    "user-memory",     true },
    { KVM_CAP_SET_TSS_ADDR,   "set-tss-addr",    true },
    { KVM_CAP_EXT_CPUID,      "ext-cpuid",       true },
    { KVM_CAP_IRQCHIP,        "irqchip",         true },
    { KVM_CAP_PIT2,           "pit2",            true },
    { KVM_CAP_IMMEDIATE_EXIT, "immediate-exit",  true },
    { KVM_CAP_SET_IDENTITY_MAP_ADDR, "identity-map-addr", false },
    { KVM_CAP_READONLY_MEM,   "readonly-mem",    false },
    { KVM_CAP_IOEVENTFD,      "ioeventfd",       false },
    { KVM_CAP_IRQFD,          "irqfd",           false },
    { KVM_CAP_NR_MEMSLOTS,    "nr-memslots",     false },
    { KVM_CAP_MP_STATE,       "mp-state",        false },
};

static bool kvm_probe(const char *target, GString *why_not)
{
#if defined(__x86_64__)
    if (strcmp(target, "x86_64") != 0) {
        g_string_append_printf(why_not, "runs only x86_64 guests on this x86_64 host, not %s",
                               target);
        return false;
    }
#else
    g_string_append(why_not, "this build supports KVM only on x86-64 hosts");
    return false;
#endif
    int fd = kvm_open_dev(why_not);
    if (fd < 0) {
        return false;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(kvm_caps); i++) {
        if (kvm_caps[i].required && !kvm_check_extension(fd, kvm_caps[i].cap)) {
            g_string_append_printf(why_not, "/dev/kvm: the kernel lacks KVM capability %s",
                                   kvm_caps[i].name);
            close(fd);
            return false;
        }
    }
    close(fd);
    return true;
}

/* ---- memslots ---- */

static KVMSlot *kvm_slot_find(KVMState *s, uint64_t gpa)
{
    for (int i = 0; i < s->nr_slots; i++) {
        if (s->slots[i].used && s->slots[i].gpa == gpa) {
            return &s->slots[i];
        }
    }
    return NULL;
}

static int kvm_set_slot(KVMState *s, KVMSlot *slot)
{
    struct kvm_userspace_memory_region r = {
        .slot = slot->id,
        .flags = slot->flags,
        .guest_phys_addr = slot->gpa,
        .memory_size = slot->size,
        .userspace_addr = slot->hva,
    };
    return ioctl(s->vmfd, KVM_SET_USER_MEMORY_REGION, &r) < 0 ? -errno : 0;
}

/* The page-aligned part of a RAM section that can become a memslot. */
static bool kvm_section_pages(MemoryRegionSection *sec, uint64_t *gpa, uint64_t *size,
                              uint64_t *hva)
{
    const uint64_t pg = 4096;
    uint64_t start = sec->offset_within_address_space;
    uint64_t end = start + sec->size;
    uint64_t astart = (start + pg - 1) & ~(pg - 1);
    uint64_t aend = end & ~(pg - 1);
    if (!memory_region_is_ram(sec->mr) || aend <= astart) {
        return false;
    }
    *gpa = astart;
    *size = aend - astart;
    *hva = (uint64_t)(uintptr_t)memory_region_get_ram_ptr(sec->mr) +
           sec->offset_within_region + (astart - start);
    /* KVM also needs the host address page aligned. */
    return (*hva & (pg - 1)) == 0;
}

static void kvm_region_add(MemoryListener *l, MemoryRegionSection *sec)
{
    KVMState *s = kvm_state;
    uint64_t gpa, size, hva;

    if (!kvm_section_pages(sec, &gpa, &size, &hva)) {
        /* Not RAM, or too small/misaligned: its accesses exit to the memory API. */
        return;
    }
    KVMSlot *slot = NULL;
    for (int i = 0; i < s->nr_slots; i++) {
        if (!s->slots[i].used) {
            slot = &s->slots[i];
            break;
        }
    }
    if (!slot) {
        fprintf(stderr, "kvm: out of memory slots (%d) for %s at 0x%" PRIx64
                "; its accesses will be slow MMIO exits\n",
                s->nr_slots, memory_region_name(sec->mr), gpa);
        return;
    }
    bool ro = sec->readonly || sec->mr->type == MR_ROM || sec->mr->readonly;
    slot->gpa = gpa;
    slot->size = size;
    slot->hva = hva;
    slot->flags = 0;
    if (ro) {
        if (!s->readonly_mem) {
            /* Without read-only memslots leave ROM to the MMIO path. */
            return;
        }
        slot->flags = KVM_MEM_READONLY;
    }
    int r = kvm_set_slot(s, slot);
    if (r < 0) {
        fprintf(stderr, "kvm: KVM_SET_USER_MEMORY_REGION for %s at 0x%" PRIx64
                " size 0x%" PRIx64 ": %s\n", memory_region_name(sec->mr), gpa, size,
                g_strerror(-r));
        return;
    }
    slot->used = true;
    tern_log_mask(LOG_PAGE, "kvm: slot %u: 0x%" PRIx64 "+0x%" PRIx64 " %s%s\n",
                  slot->id, gpa, size, memory_region_name(sec->mr), ro ? " (ro)" : "");
}

static void kvm_region_del(MemoryListener *l, MemoryRegionSection *sec)
{
    KVMState *s = kvm_state;
    uint64_t gpa, size, hva;

    if (!kvm_section_pages(sec, &gpa, &size, &hva)) {
        return;
    }
    KVMSlot *slot = kvm_slot_find(s, gpa);
    if (!slot) {
        return;
    }
    slot->size = 0;
    slot->flags = 0;
    int r = kvm_set_slot(s, slot);
    if (r < 0) {
        fprintf(stderr, "kvm: removing slot at 0x%" PRIx64 ": %s\n", gpa, g_strerror(-r));
    }
    slot->used = false;
}

/* ---- ioeventfd ---- */

static void kvm_ioeventfd(bool pio, hwaddr addr, const MemoryRegionIoeventfd *e, bool add)
{
    KVMState *s = kvm_state;
    if (!s->ioeventfd) {
        return;
    }
    struct kvm_ioeventfd io = {
        .datamatch = e->match_data ? e->data : 0,
        .addr = addr,
        .len = e->size,
        .fd = e->fd,
        .flags = (e->match_data ? KVM_IOEVENTFD_FLAG_DATAMATCH : 0) |
                 (pio ? KVM_IOEVENTFD_FLAG_PIO : 0) |
                 (add ? 0 : KVM_IOEVENTFD_FLAG_DEASSIGN),
    };
    if (ioctl(s->vmfd, KVM_IOEVENTFD, &io) < 0) {
        /* Not fatal: the write then exits and reaches the region's callback. */
        tern_log_mask(LOG_UNIMP, "kvm: KVM_IOEVENTFD %s at 0x%" PRIx64 ": %s\n",
                      add ? "add" : "del", (uint64_t)addr, g_strerror(errno));
    }
}

static void kvm_mem_eventfd_add(MemoryListener *l, hwaddr a, const MemoryRegionIoeventfd *e)
{
    kvm_ioeventfd(false, a, e, true);
}

static void kvm_mem_eventfd_del(MemoryListener *l, hwaddr a, const MemoryRegionIoeventfd *e)
{
    kvm_ioeventfd(false, a, e, false);
}

static void kvm_io_eventfd_add(MemoryListener *l, hwaddr a, const MemoryRegionIoeventfd *e)
{
    kvm_ioeventfd(true, a, e, true);
}

static void kvm_io_eventfd_del(MemoryListener *l, hwaddr a, const MemoryRegionIoeventfd *e)
{
    kvm_ioeventfd(true, a, e, false);
}

/* ---- interrupts ---- */

static bool kvm_has_irqchip(void)
{
    return kvm_state && kvm_state->irqchip;
}

static void kvm_set_irq(int gsi, int level)
{
    struct kvm_irq_level irq = { .irq = (uint32_t)gsi, .level = (uint32_t)level };
    if (!kvm_state || ioctl(kvm_state->vmfd, KVM_IRQ_LINE, &irq) < 0) {
        tern_log_mask(LOG_GUEST_ERROR, "kvm: KVM_IRQ_LINE gsi %d level %d failed\n",
                      gsi, level);
    }
}

static bool kvm_irqfd_add(int fd, int gsi, int resample_fd)
{
    if (!kvm_state || !kvm_state->irqfd) {
        return false;
    }
    struct kvm_irqfd irqfd = {
        .fd = (uint32_t)fd,
        .gsi = (uint32_t)gsi,
        .flags = resample_fd >= 0 ? KVM_IRQFD_FLAG_RESAMPLE : 0,
        .resamplefd = resample_fd >= 0 ? (uint32_t)resample_fd : 0,
    };
    return ioctl(kvm_state->vmfd, KVM_IRQFD, &irqfd) == 0;
}

static void kvm_irqfd_del(int fd, int gsi)
{
    if (!kvm_state || !kvm_state->irqfd) {
        return;
    }
    struct kvm_irqfd irqfd = {
        .fd = (uint32_t)fd, .gsi = (uint32_t)gsi, .flags = KVM_IRQFD_FLAG_DEASSIGN,
    };
    ioctl(kvm_state->vmfd, KVM_IRQFD, &irqfd);
}

/* ---- the VM ---- */

/* System reset: the in-kernel interrupt controllers and PIT back to the
 * state KVM created them in (the vCPUs are paused; each vCPU's local APIC
 * is reset by its own thread, see reset_pending). */
static void kvm_vm_reset(void *opaque)
{
    KVMState *s = opaque;
    if (!s->have_initial_state) {
        return;
    }
    for (int i = 0; i < 3; i++) {
        if (ioctl(s->vmfd, KVM_SET_IRQCHIP, &s->initial_chips[i]) < 0) {
            fprintf(stderr, "kvm: reset of in-kernel irqchip %d: %s\n", i, g_strerror(errno));
        }
    }
    if (ioctl(s->vmfd, KVM_SET_PIT2, &s->initial_pit) < 0) {
        fprintf(stderr, "kvm: reset of the in-kernel PIT: %s\n", g_strerror(errno));
    }
}

static void kvm_save_initial_state(KVMState *s)
{
    for (int i = 0; i < 3; i++) {
        memset(&s->initial_chips[i], 0, sizeof(s->initial_chips[i]));
        s->initial_chips[i].chip_id = (uint32_t)i;   /* PIC master, slave, IOAPIC */
        if (ioctl(s->vmfd, KVM_GET_IRQCHIP, &s->initial_chips[i]) < 0) {
            return;
        }
    }
    if (ioctl(s->vmfd, KVM_GET_PIT2, &s->initial_pit) < 0) {
        return;
    }
    s->have_initial_state = true;
}

static bool kvm_init(MachineState *ms, GError **errp)
{
    g_autoptr(GString) why = g_string_new(NULL);
    KVMState *s = g_new0(KVMState, 1);

    s->fd = kvm_open_dev(why);
    if (s->fd < 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NODEV, "-accel kvm: %s", why->str);
        g_free(s);
        return false;
    }
    s->run_mmap_size = ioctl(s->fd, KVM_GET_VCPU_MMAP_SIZE, 0);
    s->readonly_mem = kvm_check_extension(s->fd, KVM_CAP_READONLY_MEM);
    s->ioeventfd = kvm_check_extension(s->fd, KVM_CAP_IOEVENTFD);
    s->irqfd = kvm_check_extension(s->fd, KVM_CAP_IRQFD);
    s->immediate_exit = kvm_check_extension(s->fd, KVM_CAP_IMMEDIATE_EXIT);
    s->nr_slots = kvm_check_extension(s->fd, KVM_CAP_NR_MEMSLOTS);
    if (s->nr_slots <= 0) {
        s->nr_slots = 32;
    }
    s->nr_slots = MIN(s->nr_slots, 512);
    s->slots = g_new0(KVMSlot, s->nr_slots);
    for (int i = 0; i < s->nr_slots; i++) {
        s->slots[i].id = (uint32_t)i;
    }

    do {
        s->vmfd = ioctl(s->fd, KVM_CREATE_VM, 0);
    } while (s->vmfd < 0 && errno == EINTR);
    if (s->vmfd < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: KVM_CREATE_VM: %s", g_strerror(errno));
        goto fail;
    }
    if (ioctl(s->vmfd, KVM_SET_TSS_ADDR, (unsigned long)KVM_TSS_ADDR) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: KVM_SET_TSS_ADDR: %s", g_strerror(errno));
        goto fail;
    }
    if (kvm_check_extension(s->fd, KVM_CAP_SET_IDENTITY_MAP_ADDR)) {
        uint64_t id = KVM_IDENTITY_ADDR;
        ioctl(s->vmfd, KVM_SET_IDENTITY_MAP_ADDR, &id);
    }
    /* PIC + IOAPIC + per-vCPU LAPICs in the kernel, then the PIT on GSI 0. */
    if (ioctl(s->vmfd, KVM_CREATE_IRQCHIP, 0) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: KVM_CREATE_IRQCHIP: %s", g_strerror(errno));
        goto fail;
    }
    s->irqchip = true;
    struct kvm_pit_config pit = { .flags = 0 };
    if (ioctl(s->vmfd, KVM_CREATE_PIT2, &pit) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "-accel kvm: KVM_CREATE_PIT2: %s", g_strerror(errno));
        goto fail;
    }
    if (!kvm_x86_cpuid_init(s, ms->cpu_model ? ms->cpu_model : "host", errp)) {
        goto fail;
    }
    kvm_save_initial_state(s);
    kvm_state = s;
    qemu_register_reset(kvm_vm_reset, s);
    kvm_x86_install_kick_signal();

    s->mem_listener = (MemoryListener){
        .name = "kvm-memory",
        .region_add = kvm_region_add,
        .region_del = kvm_region_del,
        .eventfd_add = kvm_mem_eventfd_add,
        .eventfd_del = kvm_mem_eventfd_del,
    };
    memory_listener_register(&s->mem_listener, &address_space_memory);
    s->io_listener = (MemoryListener){
        .name = "kvm-io",
        .eventfd_add = kvm_io_eventfd_add,
        .eventfd_del = kvm_io_eventfd_del,
    };
    memory_listener_register(&s->io_listener, &address_space_io);
    return true;

fail:
    if (s->vmfd >= 0) {
        close(s->vmfd);
    }
    close(s->fd);
    g_free(s->slots);
    g_free(s);
    return false;
}

static void kvm_shutdown(void)
{
    KVMState *s = kvm_state;
    if (!s) {
        return;
    }
    vcpus_destroy_all();
    memory_listener_unregister(&s->mem_listener);
    memory_listener_unregister(&s->io_listener);
}

/* ---- --check-host ---- */

static bool read_first_line(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return false;
    }
    bool ok = fgets(buf, (int)len, f) != NULL;
    fclose(f);
    if (ok) {
        buf[strcspn(buf, "\n")] = 0;
    }
    return ok;
}

static bool cpuinfo_has_flag(const char *flag)
{
    g_autofree char *text = NULL;
    if (!g_file_get_contents("/proc/cpuinfo", &text, NULL, NULL)) {
        return false;
    }
    char *line = strstr(text, "\nflags");
    if (!line) {
        return false;
    }
    char *end = strchr(line + 1, '\n');
    g_autofree char *flags = g_strndup(line, end ? (gsize)(end - line) : strlen(line));
    g_autofree char *needle = g_strdup_printf(" %s ", flag);
    g_autofree char *padded = g_strconcat(flags, " ", NULL);
    return strstr(padded, needle) != NULL;
}

static bool kvm_check_host(FILE *out)
{
    g_autoptr(GString) why = g_string_new(NULL);
    bool usable = true;
    char buf[64];

    bool vmx = cpuinfo_has_flag("vmx"), svm = cpuinfo_has_flag("svm");
    fprintf(out, "cpu virtualization extension: %s\n",
            vmx ? "yes (vmx, Intel VT-x)" : svm ? "yes (svm, AMD-V)" :
            cpuinfo_has_flag("hypervisor")
                ? "not visible (running under a hypervisor: nested KVM may still work)"
                : "no");
    const char *nested = NULL;
    if (read_first_line("/sys/module/kvm_intel/parameters/nested", buf, sizeof(buf))) {
        nested = "kvm_intel";
    } else if (read_first_line("/sys/module/kvm_amd/parameters/nested", buf, sizeof(buf))) {
        nested = "kvm_amd";
    }
    if (nested) {
        fprintf(out, "nested virtualization (%s): %s\n", nested,
                (buf[0] == 'Y' || buf[0] == '1') ? "yes" : "no");
    } else {
        fprintf(out, "nested virtualization: unknown (no kvm_intel/kvm_amd module parameters)\n");
    }
    bool pvm = g_file_test("/sys/module/kvm_pvm", G_FILE_TEST_IS_DIR);
    if (pvm) {
        fprintf(out, "KVM implementation: kvm_pvm (Pagetable-based Virtual Machine: no "
                "hardware virtualization; guest CPL 0 code is emulated and slow, privilege "
                "changes follow the PVM ABI)\n");
    } else if (g_file_test("/sys/module/kvm_intel", G_FILE_TEST_IS_DIR) ||
               g_file_test("/sys/module/kvm_amd", G_FILE_TEST_IS_DIR)) {
        fprintf(out, "KVM implementation: %s (hardware virtualization)\n",
                g_file_test("/sys/module/kvm_intel", G_FILE_TEST_IS_DIR) ? "kvm_intel" : "kvm_amd");
    }
    if (!pvm && cpuinfo_has_flag("hypervisor")) {
        fprintf(out, "this host is itself a guest: KVM here is nested (expect slow guest kernel code)\n");
    }
    int fd = kvm_open_dev(why);
    if (fd < 0) {
        fprintf(out, "/dev/kvm: no (%s)\n", why->str);
        return false;
    }
    fprintf(out, "/dev/kvm: yes (read/write, API version %d)\n", KVM_API_VERSION_NEEDED);
    for (size_t i = 0; i < G_N_ELEMENTS(kvm_caps); i++) {
        int v = kvm_check_extension(fd, kvm_caps[i].cap);
        if (kvm_caps[i].cap == KVM_CAP_NR_MEMSLOTS) {
            fprintf(out, "KVM capability %-18s %d\n", kvm_caps[i].name, v);
            continue;
        }
        fprintf(out, "KVM capability %-18s %s%s\n", kvm_caps[i].name, v ? "yes" : "no",
                (!v && kvm_caps[i].required) ? " (required)" : "");
        if (!v && kvm_caps[i].required) {
            usable = false;
        }
    }
    close(fd);
    fprintf(out, "KVM usable by tern: %s\n", usable ? "yes" : "no");
    return usable;
}

static const AccelOps kvm_ops = {
    .name = "kvm",
    .desc = "Linux KVM (hardware virtualization, same-architecture guests)",
    .probe = kvm_probe,
    .init = kvm_init,
    .create_vcpu = kvm_x86_create_vcpu,
    .thread_fn = kvm_x86_vcpu_thread,
    .kick_vcpu = kvm_x86_kick_vcpu,
    .get_state = kvm_x86_get_state,
    .put_state = kvm_x86_put_state,
    .has_irqchip = kvm_has_irqchip,
    .set_irq = kvm_set_irq,
    .irqfd_add = kvm_irqfd_add,
    .irqfd_del = kvm_irqfd_del,
    .shutdown = kvm_shutdown,
    .check_host = kvm_check_host,
};

static void __attribute__((constructor(150))) kvm_register(void)
{
    accel_register(&kvm_ops);
}
