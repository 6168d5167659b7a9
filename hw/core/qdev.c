/*
 * The device model (hw/qdev.h): the registry of device classes, the life
 * of a device (new -> properties -> realize -> reset ... -> unrealize ->
 * free), -device option strings, the regions and IRQ slots a device
 * exports to its machine, and `info qtree`.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hw/qdev.h"
#include "qdev-internal.h"

static GHashTable *classes;       /* name -> const DeviceClass * */
static GPtrArray *all_devices;    /* DeviceState *, in creation order */

/* ------------------------------------------------------------------ */
/* Classes */

void device_class_register(const DeviceClass *dc)
{
    if (!classes) {
        classes = g_hash_table_new(g_str_hash, g_str_equal);
    }
    g_assert(dc->name && dc->instance_size >= sizeof(DeviceState));
    g_hash_table_replace(classes, (gpointer)dc->name, (gpointer)dc);
}

const DeviceClass *device_class_find(const char *name)
{
    return classes && name ? g_hash_table_lookup(classes, name) : NULL;
}

static gint class_cmp(gconstpointer a, gconstpointer b)
{
    const DeviceClass *x = *(const DeviceClass *const *)a;
    const DeviceClass *y = *(const DeviceClass *const *)b;
    return strcmp(x->name, y->name);
}

GPtrArray *device_class_list(void)
{
    GPtrArray *a = g_ptr_array_new();

    if (classes) {
        GHashTableIter it;
        gpointer k, v;
        g_hash_table_iter_init(&it, classes);
        while (g_hash_table_iter_next(&it, &k, &v)) {
            g_ptr_array_add(a, v);
        }
    }
    g_ptr_array_sort(a, class_cmp);
    return a;
}

bool device_class_is(const DeviceClass *dc, const char *name)
{
    for (unsigned depth = 0; dc && depth < 16; depth++) {
        if (strcmp(dc->name, name) == 0) {
            return true;
        }
        dc = dc->parent ? device_class_find(dc->parent) : NULL;
    }
    return false;
}

static const DeviceClass *class_parent(const DeviceClass *dc)
{
    const DeviceClass *p = dc->parent ? device_class_find(dc->parent) : NULL;
    return p == dc ? NULL : p;
}

/* Methods are inherited from the nearest class that defines them. */
#define METHOD(dc, m) ({                                        \
        const DeviceClass *c_ = (dc);                           \
        while (c_ && !c_->m) {                                  \
            c_ = class_parent(c_);                              \
        }                                                       \
        c_ ? c_->m : NULL;                                      \
    })

static void instance_init_chain(DeviceState *dev, const DeviceClass *dc)
{
    const DeviceClass *p = class_parent(dc);

    if (p) {
        instance_init_chain(dev, p);
    }
    if (dc->instance_init) {
        dc->instance_init(dev);
    }
}

/* ------------------------------------------------------------------ */
/* Devices */

DeviceState *device_new(const char *type, GError **errp)
{
    const DeviceClass *dc = device_class_find(type);
    DeviceState *dev;

    if (!dc) {
        g_set_error(errp, QDEV_ERROR, 0,
                    "unknown device type '%s' (-device help lists them)", type);
        return NULL;
    }
    dev = g_malloc0(dc->instance_size);
    dev->klass = dc;
    dev->children = g_ptr_array_new();
    dev->mmio = g_ptr_array_new();
    dev->pio = g_ptr_array_new();
    dev->irq_out = g_ptr_array_new();
    dev->prop_set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    qdev_apply_defaults(dev);
    if (!all_devices) {
        all_devices = g_ptr_array_new();
    }
    g_ptr_array_add(all_devices, dev);
    instance_init_chain(dev, dc);
    return dev;
}

bool device_realize(DeviceState *dev, GError **errp)
{
    bool (*realize)(DeviceState *, GError **) = METHOD(dev->klass, realize);

    if (dev->realized) {
        return true;
    }
    if (realize && !realize(dev, errp)) {
        return false;
    }
    dev->realized = true;
    device_reset(dev);
    return true;
}

void device_reset(DeviceState *dev)
{
    void (*reset)(DeviceState *) = METHOD(dev->klass, reset);

    if (reset) {
        reset(dev);
    }
}

void device_free(DeviceState *dev)
{
    if (!dev) {
        return;
    }
    if (dev->realized) {
        void (*unrealize)(DeviceState *) = METHOD(dev->klass, unrealize);
        if (unrealize) {
            unrealize(dev);
        }
        dev->realized = false;
    }
    for (unsigned i = 0; all_devices && i < all_devices->len; i++) {
        DeviceState *d = g_ptr_array_index(all_devices, i);
        if (d->parent_dev == dev) {
            d->parent_dev = NULL;
        }
    }
    if (dev->parent_dev) {
        g_ptr_array_remove(dev->parent_dev->children, dev);
    }
    if (all_devices) {
        g_ptr_array_remove(all_devices, dev);
    }
    qdev_free_props(dev);
    g_ptr_array_free(dev->children, TRUE);
    g_ptr_array_free(dev->mmio, TRUE);
    g_ptr_array_free(dev->pio, TRUE);
    g_ptr_array_free(dev->irq_out, TRUE);
    g_hash_table_destroy(dev->prop_set);
    g_free(dev->id);
    g_free(dev);
}

void devices_reset_all(void)
{
    for (unsigned i = 0; all_devices && i < all_devices->len; i++) {
        DeviceState *d = g_ptr_array_index(all_devices, i);
        if (d->realized) {
            device_reset(d);
        }
    }
}

DeviceState *device_find_by_id(const char *id)
{
    for (unsigned i = 0; id && all_devices && i < all_devices->len; i++) {
        DeviceState *d = g_ptr_array_index(all_devices, i);
        if (d->id && strcmp(d->id, id) == 0) {
            return d;
        }
    }
    return NULL;
}

GPtrArray *device_list(void)
{
    GPtrArray *a = g_ptr_array_new();

    for (unsigned i = 0; all_devices && i < all_devices->len; i++) {
        DeviceState *d = g_ptr_array_index(all_devices, i);
        if (d->realized) {
            g_ptr_array_add(a, d);
        }
    }
    return a;
}

/* ------------------------------------------------------------------ */
/* -device */

/* Split "a,b=c,,d" at single commas; ",," is a literal comma. */
static GPtrArray *split_opts(const char *s)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new("");

    for (const char *p = s; *p; p++) {
        if (*p == ',') {
            if (p[1] == ',') {
                g_string_append_c(cur, ',');
                p++;
                continue;
            }
            g_ptr_array_add(parts, g_string_free(cur, FALSE));
            cur = g_string_new("");
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    return parts;
}

static void print_types(void)
{
    GPtrArray *a = device_class_list();

    printf("Devices (-device TYPE,help lists a device's properties):\n");
    for (unsigned i = 0; i < a->len; i++) {
        const DeviceClass *dc = g_ptr_array_index(a, i);
        if (!dc->user_creatable) {
            continue;
        }
        if (dc->desc) {
            printf("name \"%s\", desc \"%s\"\n", dc->name, dc->desc);
        } else {
            printf("name \"%s\"\n", dc->name);
        }
    }
    g_ptr_array_free(a, TRUE);
}

DeviceState *device_new_from_opts(const char *opts, GError **errp)
{
    GPtrArray *parts = split_opts(opts ? opts : "");
    const char *type = g_ptr_array_index(parts, 0);
    unsigned first = 1;
    DeviceState *dev = NULL;
    const DeviceClass *dc;
    GError *err = NULL;

    if (g_str_has_prefix(type, "driver=")) {
        type += strlen("driver=");
    }
    if (strcmp(type, "help") == 0 || strcmp(type, "?") == 0) {
        print_types();
        goto out;
    }
    if (!*type) {
        g_set_error(errp, QDEV_ERROR, 0, "-device: missing device type (-device help lists them)");
        goto out;
    }
    dc = device_class_find(type);
    if (!dc) {
        g_set_error(errp, QDEV_ERROR, 0,
                    "-device %s: unknown device type (-device help lists them)", type);
        goto out;
    }
    for (unsigned i = first; i < parts->len; i++) {
        const char *kv = g_ptr_array_index(parts, i);
        if (strcmp(kv, "help") == 0 || strcmp(kv, "?") == 0) {
            GString *h = g_string_new("");
            qdev_props_help(dc, h);
            fputs(h->str, stdout);
            g_string_free(h, TRUE);
            goto out;
        }
    }
    if (!dc->user_creatable) {
        g_set_error(errp, QDEV_ERROR, 0,
                    "-device %s: this device cannot be created with -device "
                    "(the machine creates it)", type);
        goto out;
    }
    dev = device_new(type, errp);
    if (!dev) {
        goto out;
    }
    for (unsigned i = first; i < parts->len; i++) {
        const char *kv = g_ptr_array_index(parts, i);
        const char *eq = strchr(kv, '=');
        char *key;
        bool ok;

        if (!*kv) {
            continue;
        }
        if (!eq) {
            g_set_error(errp, QDEV_ERROR, 0,
                        "-device %s: '%s' is not of the form property=value", type, kv);
            goto fail;
        }
        key = g_strndup(kv, eq - kv);
        if (strcmp(key, "id") == 0) {
            if (device_find_by_id(eq + 1)) {
                g_set_error(errp, QDEV_ERROR, 0,
                            "-device %s: duplicate id '%s'", type, eq + 1);
                g_free(key);
                goto fail;
            }
            g_free(dev->id);
            dev->id = g_strdup(eq + 1);
            ok = true;
        } else {
            ok = device_set_prop(dev, key, eq + 1, &err);
        }
        g_free(key);
        if (!ok) {
            g_propagate_prefixed_error(errp, err, "-device %s: ", type);
            goto fail;
        }
    }
    if (!device_realize(dev, &err)) {
        g_propagate_prefixed_error(errp, err, "-device %s: ", type);
        goto fail;
    }
    goto out;

fail:
    device_free(dev);
    dev = NULL;
out:
    g_ptr_array_free(parts, TRUE);
    return dev;
}

/* ------------------------------------------------------------------ */
/* What a device exports */

void device_init_mmio(DeviceState *dev, MemoryRegion *mr)
{
    g_ptr_array_add(dev->mmio, mr);
}

void device_init_pio(DeviceState *dev, MemoryRegion *mr)
{
    g_ptr_array_add(dev->pio, mr);
}

void device_init_irq(DeviceState *dev, qemu_irq *slot)
{
    g_ptr_array_add(dev->irq_out, slot);
}

MemoryRegion *device_mmio(DeviceState *dev, unsigned n)
{
    return n < dev->mmio->len ? g_ptr_array_index(dev->mmio, n) : NULL;
}

MemoryRegion *device_pio(DeviceState *dev, unsigned n)
{
    return n < dev->pio->len ? g_ptr_array_index(dev->pio, n) : NULL;
}

void device_connect_irq(DeviceState *dev, unsigned n, qemu_irq irq)
{
    if (n >= dev->irq_out->len) {
        fprintf(stderr, "tern: warning: device '%s' has no IRQ output %u (it has %u)\n",
                dev->klass->name, n, dev->irq_out->len);
        return;
    }
    *(qemu_irq *)g_ptr_array_index(dev->irq_out, n) = irq;
}

/* ------------------------------------------------------------------ */
/* info qtree */

/* Where mr sits in `root`'s tree (false if it is not in it). */
static bool region_address(const MemoryRegion *mr, const MemoryRegion *root,
                           hwaddr *addr)
{
    hwaddr a = 0;

    while (mr && mr != root) {
        a += mr->addr;
        mr = mr->container;
    }
    *addr = a;
    return mr == root;
}

static void print_regions(GString *out, const char *what, GPtrArray *regions,
                          MemoryRegion *root, int indent)
{
    for (unsigned i = 0; i < regions->len; i++) {
        MemoryRegion *mr = g_ptr_array_index(regions, i);
        hwaddr a;

        g_string_append_printf(out, "%*s%s ", indent, "", what);
        if (region_address(mr, root, &a)) {
            g_string_append_printf(out, "%016" PRIx64 "/%016" PRIx64 "\n", a, mr->size);
        } else {
            g_string_append_printf(out, "(not mapped)/%016" PRIx64 "\n", mr->size);
        }
    }
}

static void print_device(GString *out, DeviceState *dev, int indent)
{
    g_string_append_printf(out, "%*sdev: %s, id \"%s\"%s\n", indent, "",
                           dev->klass->name, dev->id ? dev->id : "",
                           dev->realized ? "" : " (not realized)");
    indent += 2;
    if (dev->irq_out->len) {
        g_string_append_printf(out, "%*sgpio-out \"irq\" %u\n", indent, "", dev->irq_out->len);
    }
    qdev_props_print(dev, out, indent);
    print_regions(out, "mmio", dev->mmio, get_system_memory(), indent);
    print_regions(out, "pio", dev->pio, get_system_io(), indent);
    {
        void (*info)(DeviceState *, GString *, int) = METHOD(dev->klass, print_info);
        if (info) {
            info(dev, out, indent);
        }
    }
    for (unsigned i = 0; i < all_devices->len; i++) {
        DeviceState *c = g_ptr_array_index(all_devices, i);
        if (c->parent_dev == dev) {
            print_device(out, c, indent + 2);
        }
    }
}

void qdev_qtree_print(GString *out)
{
    g_string_append(out, "bus: main-system-bus\n  type System\n");
    for (unsigned i = 0; all_devices && i < all_devices->len; i++) {
        DeviceState *d = g_ptr_array_index(all_devices, i);
        if (!d->parent_dev) {
            print_device(out, d, 2);
        }
    }
}
