/*
 * The device model: every device is one file in hw/ that registers a
 * DeviceClass (type name, instance size, properties, realize/reset) and
 * exposes MMIO/PIO regions and IRQ lines.  A machine creates devices by
 * type name, sets properties, realizes them and maps their regions; the
 * -device command-line option does the same for user-creatable types.
 *
 *     typedef struct SerialState {
 *         DeviceState parent;          // must be first
 *         MemoryRegion io;
 *         qemu_irq irq;
 *         CharBackend chr;
 *         uint32_t baudbase;
 *     } SerialState;
 *
 *     static const Property serial_props[] = {
 *         DEFINE_PROP_CHARDEV("chardev", SerialState, chr),
 *         DEFINE_PROP_UINT32("baudbase", SerialState, baudbase, 115200),
 *         DEFINE_PROP_END,
 *     };
 *     const DeviceClass serial_class = {
 *         .name = "isa-serial", .desc = "16550A UART",
 *         .instance_size = sizeof(SerialState),
 *         .props = serial_props,
 *         .instance_init = serial_init, .realize = serial_realize,
 *         .reset = serial_reset,
 *     };
 *     type_init(serial_register) -> device_class_register(&serial_class)
 *
 * Convention: the DeviceClass is a non-static const named NAME_class and
 * declared in the device's header, so a unit test that references it
 * links the device (and its constructor) from the archive.
 *
 * Devices never know which accelerator runs the vCPUs: they see the memory
 * API (exec/memory.h), IRQ lines (hw/irq.h) and backends (chardev, block,
 * net) through properties.
 *
 * All of it runs with the big lock held.
 */
#ifndef HW_QDEV_H
#define HW_QDEV_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec/memory.h"
#include "hw/irq.h"

typedef struct DeviceClass DeviceClass;
typedef struct Property Property;

typedef enum PropertyType {
    PROP_TYPE_BOOL,
    PROP_TYPE_UINT8,
    PROP_TYPE_UINT16,
    PROP_TYPE_UINT32,
    PROP_TYPE_UINT64,     /* accepts size suffixes: 4k, 1M, 2G */
    PROP_TYPE_STRING,     /* char *, owned by the device (g_free at finalize) */
    PROP_TYPE_LINK,       /* a backend found by id: see link_kind */
} PropertyType;

struct Property {
    const char *name;
    PropertyType type;
    size_t offset;            /* of the field in the instance struct */
    uint64_t defval;          /* integers and bools */
    const char *defstr;       /* strings */
    /*
     * PROP_TYPE_LINK: the kind of backend ("chardev", "drive", "netdev");
     * the field is a pointer that the kind's resolver fills in
     * (qdev_register_link_kind).
     */
    const char *link_kind;
};

#define DEFINE_PROP_BOOL(n, S, f, d) \
    { .name = (n), .type = PROP_TYPE_BOOL, .offset = offsetof(S, f), .defval = (d) }
#define DEFINE_PROP_UINT8(n, S, f, d) \
    { .name = (n), .type = PROP_TYPE_UINT8, .offset = offsetof(S, f), .defval = (d) }
#define DEFINE_PROP_UINT16(n, S, f, d) \
    { .name = (n), .type = PROP_TYPE_UINT16, .offset = offsetof(S, f), .defval = (d) }
#define DEFINE_PROP_UINT32(n, S, f, d) \
    { .name = (n), .type = PROP_TYPE_UINT32, .offset = offsetof(S, f), .defval = (d) }
#define DEFINE_PROP_UINT64(n, S, f, d) \
    { .name = (n), .type = PROP_TYPE_UINT64, .offset = offsetof(S, f), .defval = (d) }
#define DEFINE_PROP_STRING(n, S, f) \
    { .name = (n), .type = PROP_TYPE_STRING, .offset = offsetof(S, f) }
#define DEFINE_PROP_LINK(n, S, f, kind) \
    { .name = (n), .type = PROP_TYPE_LINK, .offset = offsetof(S, f), .link_kind = (kind) }
#define DEFINE_PROP_END { .name = NULL }

struct DeviceClass {
    const char *name;             /* type name: "virtio-blk-device", "isa-serial" */
    const char *desc;
    size_t instance_size;         /* >= sizeof(DeviceState) */
    const Property *props;        /* NULL or DEFINE_PROP_END terminated */
    bool user_creatable;          /* may -device create it? */
    /* Optional: the type this one extends (virtio devices: "virtio-device").
     * The parent's properties apply too; the parent's instance_init runs
     * before this one's; realize/reset/unrealize/print_info left NULL are
     * taken from the nearest ancestor that has them. */
    const char *parent;

    /* After allocation and property defaults; before properties are set. */
    void (*instance_init)(DeviceState *dev);
    /* Properties are set; create regions, IRQs, connect backends.  On
     * failure set *errp and return false (the device is then freed). */
    bool (*realize)(DeviceState *dev, GError **errp);
    /* Back to power-on state (also called once after realize). */
    void (*reset)(DeviceState *dev);
    void (*unrealize)(DeviceState *dev);
    /* Optional: extra lines for `info qtree` (indent already applied by caller). */
    void (*print_info)(DeviceState *dev, GString *out, int indent);
};

struct DeviceState {
    const DeviceClass *klass;
    char *id;                     /* -device ...,id=; may be NULL */
    bool realized;
    DeviceState *parent_dev;      /* for info qtree: e.g. virtio device under its transport */
    GPtrArray *children;
    GPtrArray *mmio;              /* MemoryRegion * the device exposes (sysbus style) */
    GPtrArray *pio;               /* port I/O regions */
    GPtrArray *irq_out;           /* qemu_irq * slots the machine connects (qemu_irq *) */
    GHashTable *prop_set;         /* names of properties set explicitly */
};

/* type_init(fn): run fn at program start (devices register their class). */
#define type_init(fn) \
    static void __attribute__((constructor)) fn##_ctor(void) { fn(); }

void device_class_register(const DeviceClass *dc);
const DeviceClass *device_class_find(const char *name);
/* All registered classes, sorted by name (for -device help); a new array
 * the caller frees with g_ptr_array_free(a, TRUE). */
GPtrArray *device_class_list(void);
/* Is dc the type `name` or derived from it? */
bool device_class_is(const DeviceClass *dc, const char *name);

/* Allocate, zero, apply property defaults, call instance_init. */
DeviceState *device_new(const char *type, GError **errp);
/* From a string value, as the command line gives it. */
bool device_set_prop(DeviceState *dev, const char *name, const char *value,
                     GError **errp);
/*
 * -device TYPE,prop=val,...,id=ID ; realizes it (",," is a literal comma;
 * "driver=TYPE" is accepted for TYPE).  "help" lists the user-creatable
 * types and "TYPE,help" the type's properties, on stdout; both return NULL
 * with *errp left unset.  On any error the device is freed.
 */
DeviceState *device_new_from_opts(const char *opts, GError **errp);
/* Realize, then reset once.  On failure the device stays unrealized and
 * the caller frees it (device_free does not call unrealize then). */
bool device_realize(DeviceState *dev, GError **errp);
void device_reset(DeviceState *dev);
/* Unrealize (if realized) and free. */
void device_free(DeviceState *dev);
/* Reset every realized device (system_reset). */
void devices_reset_all(void);
/* The device with this id, or NULL. */
DeviceState *device_find_by_id(const char *id);
/* Every realized device, in creation order; a new array the caller frees
 * with g_ptr_array_free(a, TRUE). */
GPtrArray *device_list(void);

/* A device exports its regions and IRQ output slots for the machine. */
void device_init_mmio(DeviceState *dev, MemoryRegion *mr);
void device_init_pio(DeviceState *dev, MemoryRegion *mr);
void device_init_irq(DeviceState *dev, qemu_irq *slot);
MemoryRegion *device_mmio(DeviceState *dev, unsigned n);
MemoryRegion *device_pio(DeviceState *dev, unsigned n);
/* Connect output n to a line (stores it into the device's slot). */
void device_connect_irq(DeviceState *dev, unsigned n, qemu_irq irq);

/*
 * Link properties: the chardev/block/net layers register how to find a
 * backend by id, so qdev depends on none of them.  The resolver returns
 * the backend pointer stored into the field, or NULL with *errp set.
 */
typedef void *(*QdevLinkResolver)(const char *id, DeviceState *dev, GError **errp);
void qdev_register_link_kind(const char *kind, QdevLinkResolver resolve);

/* `info qtree`. */
void qdev_qtree_print(GString *out);

#endif /* HW_QDEV_H */
