/*
 * The accelerator registry and choice for system mode (accel/accel.h):
 * -accel NAME, -enable-kvm, the default (KVM when it can run the guest's
 * architecture here, else TCG) and `-accel help`.
 *
 * TCG in system mode is registered here so that it is listed with the
 * reason it cannot be used yet: the translator front end exists only for
 * AArch64 guests, and system-mode TCG (soft-MMU vCPU loop) is a later issue.
 */
#include <stdio.h>
#include <string.h>

#include "accel/accel.h"

static GPtrArray *accels;          /* const AccelOps * */
static GPtrArray *requested;       /* char * names from -accel, in order */
static const AccelOps *chosen;

void accel_register(const AccelOps *ops)
{
    if (!accels) {
        accels = g_ptr_array_new();
    }
    g_ptr_array_add(accels, (gpointer)ops);
}

const AccelOps *accel_find(const char *name)
{
    for (guint i = 0; accels && i < accels->len; i++) {
        const AccelOps *ops = g_ptr_array_index(accels, i);
        if (!strcmp(ops->name, name)) {
            return ops;
        }
    }
    return NULL;
}

bool accel_add_option(const char *opts, GError **errp)
{
    /* "kvm", "tcg", "kvm:tcg" (QEMU's old fallback list), "kvm,opt=..." */
    g_autofree char *name = g_strndup(opts, strcspn(opts, ","));
    g_auto(GStrv) alts = g_strsplit(name, ":", -1);

    if (strchr(opts, ',')) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-accel %s: options are not supported yet (only the accelerator name)",
                    opts);
        return false;
    }
    for (int i = 0; alts[i]; i++) {
        if (!accel_find(alts[i])) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-accel %s: unknown accelerator '%s' (-accel help lists them)",
                        opts, alts[i]);
            return false;
        }
        if (!requested) {
            requested = g_ptr_array_new_with_free_func(g_free);
        }
        g_ptr_array_add(requested, g_strdup(alts[i]));
    }
    return true;
}

void accel_print_help(const char *target, FILE *out)
{
    fprintf(out, "Accelerators for %s guests:\n", target);
    for (guint i = 0; accels && i < accels->len; i++) {
        const AccelOps *ops = g_ptr_array_index(accels, i);
        g_autoptr(GString) why = g_string_new(NULL);
        bool ok = ops->probe(target, why);
        fprintf(out, "  %-4s %-8s %s\n", ops->name, ok ? "usable" : "unusable",
                ok ? ops->desc : why->str);
    }
}

const AccelOps *accel_select(const char *target, GError **errp)
{
    g_autoptr(GString) why = g_string_new(NULL);

    if (requested && requested->len) {
        for (guint i = 0; i < requested->len; i++) {
            const char *name = g_ptr_array_index(requested, i);
            const AccelOps *ops = accel_find(name);
            g_string_truncate(why, 0);
            if (ops->probe(target, why)) {
                chosen = ops;
                return ops;
            }
            if (i + 1 == requested->len) {
                g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                            "-accel %s: %s", name, why->str);
            }
        }
        return NULL;
    }
    /* Default: KVM when it can run this guest, else TCG. */
    const AccelOps *kvm = accel_find("kvm");
    g_autoptr(GString) kvm_why = g_string_new(NULL);
    if (kvm && kvm->probe(target, kvm_why)) {
        chosen = kvm;
        return kvm;
    }
    const AccelOps *tcg = accel_find("tcg");
    if (tcg && tcg->probe(target, why)) {
        chosen = tcg;
        return tcg;
    }
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                "no accelerator can run %s guests here: kvm: %s; tcg: %s",
                target, kvm ? kvm_why->str : "not built (configure found no KVM)",
                why->str);
    return NULL;
}

const AccelOps *current_accel(void)
{
    return chosen;
}

bool accel_init(MachineState *ms, GError **errp)
{
    return chosen->init(ms, errp);
}

bool accel_has_irqchip(void)
{
    return chosen && chosen->has_irqchip && chosen->has_irqchip();
}

void accel_set_irq(int gsi, int level)
{
    if (chosen && chosen->set_irq) {
        chosen->set_irq(gsi, level);
    }
}

bool accel_irqfd_add(int fd, int gsi, int resample_fd)
{
    return chosen && chosen->irqfd_add && chosen->irqfd_add(fd, gsi, resample_fd);
}

void accel_irqfd_del(int fd, int gsi)
{
    if (chosen && chosen->irqfd_del) {
        chosen->irqfd_del(fd, gsi);
    }
}

void accel_shutdown(void)
{
    if (chosen && chosen->shutdown) {
        chosen->shutdown();
    }
}

/* ---- TCG in system mode: listed, not usable yet ---- */

static bool tcg_sys_probe(const char *target, GString *why_not)
{
    if (!strcmp(target, "x86_64")) {
        g_string_append(why_not,
                        "no x86-64 translator yet (only AArch64 guests are translated)");
    } else {
        g_string_append_printf(why_not,
                               "system-mode TCG for %s guests is not implemented yet "
                               "(user mode only: tern-aarch64)", target);
    }
    return false;
}

static const AccelOps tcg_sys_ops = {
    .name = "tcg",
    .desc = "binary translation (TCG)",
    .probe = tcg_sys_probe,
};

/* KVM registers itself from accel/kvm (built only when configure found it);
 * TCG goes last so that it is listed after KVM. */
static void __attribute__((constructor(200))) accel_tcg_sys_register(void)
{
    accel_register(&tcg_sys_ops);
}
