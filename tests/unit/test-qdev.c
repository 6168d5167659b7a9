/*
 * The device model (hw/core/qdev.c, qdev-properties.c) and IRQ lines
 * (hw/core/irq.c), with a test device class that has every property type:
 * defaults, parsing and its errors, links through a fake backend kind,
 * -device strings, realize failure, reset, inheritance, info qtree and
 * IRQ routing.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/qdev.h"

typedef struct FakeBackend {
    const char *id;
    int uses;
} FakeBackend;

static FakeBackend backends[] = { { "fb0", 0 }, { "fb1", 0 } };

static void *fake_resolve(const char *id, DeviceState *dev, GError **errp)
{
    for (unsigned i = 0; i < G_N_ELEMENTS(backends); i++) {
        if (strcmp(backends[i].id, id) == 0) {
            backends[i].uses++;
            return &backends[i];
        }
    }
    g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no fake backend '%s'", id);
    return NULL;
}

typedef struct TestDev {
    DeviceState parent;
    bool flag;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t size;
    char *label;
    char *nodef;
    FakeBackend *backend;
    MemoryRegion mmio;
    qemu_irq irq[2];
    int inits, resets, unrealizes;
    bool fail_realize;
} TestDev;

static int unrealize_count;

static uint64_t tdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    return d->u32 + addr;
}

static void tdev_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
    TestDev *d = opaque;
    /* Register 0: raise/lower irq[0] with bit 0, irq[1] with bit 1. */
    if (addr == 0) {
        qemu_set_irq(d->irq[0], v & 1);
        qemu_set_irq(d->irq[1], (v >> 1) & 1);
    }
}

static const MemoryRegionOps tdev_ops = {
    .read = tdev_read, .write = tdev_write,
};

static void tdev_init(DeviceState *dev)
{
    TestDev *d = (TestDev *)dev;

    d->inits++;
    /* Defaults are in place before instance_init. */
    g_assert_cmpuint(d->u32, ==, 115200);
}

static bool tdev_realize(DeviceState *dev, GError **errp)
{
    TestDev *d = (TestDev *)dev;

    if (d->u8 == 99) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, "u8=99 is cursed");
        return false;
    }
    memory_region_init_io(&d->mmio, dev, &tdev_ops, d, "tdev-mmio", 0x100);
    device_init_mmio(dev, &d->mmio);
    device_init_irq(dev, &d->irq[0]);
    device_init_irq(dev, &d->irq[1]);
    return true;
}

static void tdev_reset(DeviceState *dev)
{
    ((TestDev *)dev)->resets++;
}

static void tdev_unrealize(DeviceState *dev)
{
    TestDev *d = (TestDev *)dev;

    if (d->mmio.container) {
        memory_region_del_subregion(d->mmio.container, &d->mmio);
    }
    memory_region_destroy(&d->mmio);
    unrealize_count++;
}

static void tdev_print_info(DeviceState *dev, GString *out, int indent)
{
    g_string_append_printf(out, "%*sextra: resets=%d\n", indent, "", ((TestDev *)dev)->resets);
}

static const Property tdev_props[] = {
    DEFINE_PROP_BOOL("flag", TestDev, flag, true),
    DEFINE_PROP_UINT8("u8", TestDev, u8, 7),
    DEFINE_PROP_UINT16("u16", TestDev, u16, 0x1234),
    DEFINE_PROP_UINT32("u32", TestDev, u32, 115200),
    DEFINE_PROP_UINT64("size", TestDev, size, 4096),
    { .name = "label", .type = PROP_TYPE_STRING, .offset = offsetof(TestDev, label),
      .defstr = "hello" },
    DEFINE_PROP_STRING("nodef", TestDev, nodef),
    DEFINE_PROP_LINK("backend", TestDev, backend, "fake"),
    DEFINE_PROP_END,
};

const DeviceClass test_dev_class = {
    .name = "test-dev", .desc = "a device for tests",
    .instance_size = sizeof(TestDev),
    .props = tdev_props,
    .user_creatable = true,
    .instance_init = tdev_init,
    .realize = tdev_realize,
    .reset = tdev_reset,
    .unrealize = tdev_unrealize,
    .print_info = tdev_print_info,
};

/* A derived type: inherits properties and methods, adds one property. */
typedef struct SubDev {
    TestDev parent;
    uint32_t extra;
} SubDev;

static const Property sub_props[] = {
    DEFINE_PROP_UINT32("extra", SubDev, extra, 5),
    DEFINE_PROP_END,
};

const DeviceClass sub_dev_class = {
    .name = "test-subdev",
    .instance_size = sizeof(SubDev),
    .props = sub_props,
    .parent = "test-dev",
    .user_creatable = true,
};

const DeviceClass hidden_dev_class = {
    .name = "test-hidden",
    .instance_size = sizeof(DeviceState),
};

static void register_types(void)
{
    device_class_register(&test_dev_class);
    device_class_register(&sub_dev_class);
    device_class_register(&hidden_dev_class);
    qdev_register_link_kind("fake", fake_resolve);
}
type_init(register_types)

/* ------------------------------------------------------------------ */

static void test_defaults(void)
{
    TestDev *d = (TestDev *)device_new("test-dev", NULL);

    g_assert_nonnull(d);
    g_assert_true(d->flag);
    g_assert_cmpuint(d->u8, ==, 7);
    g_assert_cmpuint(d->u16, ==, 0x1234);
    g_assert_cmpuint(d->u32, ==, 115200);
    g_assert_cmpuint(d->size, ==, 4096);
    g_assert_cmpstr(d->label, ==, "hello");
    g_assert_null(d->nodef);
    g_assert_null(d->backend);
    g_assert_cmpint(d->inits, ==, 1);
    g_assert_false(d->parent.realized);
    device_free(&d->parent);
}

static void test_set_props(void)
{
    DeviceState *dev = device_new("test-dev", NULL);
    TestDev *d = (TestDev *)dev;
    static const struct { const char *v; bool b; } bools[] = {
        { "on", true }, { "off", false }, { "true", true }, { "false", false },
        { "yes", true }, { "no", false }, { "ON", true },
    };

    for (unsigned i = 0; i < G_N_ELEMENTS(bools); i++) {
        g_assert_true(device_set_prop(dev, "flag", bools[i].v, NULL));
        g_assert_cmpint(d->flag, ==, bools[i].b);
    }
    g_assert_true(device_set_prop(dev, "u8", "255", NULL));
    g_assert_cmpuint(d->u8, ==, 255);
    g_assert_true(device_set_prop(dev, "u16", "0xbeef", NULL));
    g_assert_cmpuint(d->u16, ==, 0xbeef);
    g_assert_true(device_set_prop(dev, "u32", "4294967295", NULL));
    g_assert_cmpuint(d->u32, ==, 0xffffffffu);
    g_assert_true(device_set_prop(dev, "size", "4k", NULL));
    g_assert_cmpuint(d->size, ==, 4096);
    g_assert_true(device_set_prop(dev, "size", "16M", NULL));
    g_assert_cmpuint(d->size, ==, 16u << 20);
    g_assert_true(device_set_prop(dev, "size", "2G", NULL));
    g_assert_cmpuint(d->size, ==, 2ull << 30);
    g_assert_true(device_set_prop(dev, "size", "12345", NULL));
    g_assert_cmpuint(d->size, ==, 12345);
    g_assert_true(device_set_prop(dev, "label", "a,b c", NULL));
    g_assert_cmpstr(d->label, ==, "a,b c");
    g_assert_true(device_set_prop(dev, "nodef", "x", NULL));
    g_assert_cmpstr(d->nodef, ==, "x");
    g_assert_true(device_set_prop(dev, "backend", "fb1", NULL));
    g_assert(d->backend == &backends[1]);
    device_free(dev);
}

static void assert_prop_error(const char *name, const char *value, const char *needle)
{
    DeviceState *dev = device_new("test-dev", NULL);
    GError *err = NULL;

    g_assert_false(device_set_prop(dev, name, value, &err));
    g_assert_nonnull(err);
    if (!strstr(err->message, needle) || !strstr(err->message, name)) {
        g_error("%s=%s: message '%s' lacks '%s' or the property name", name, value,
                err->message, needle);
    }
    g_error_free(err);
    device_free(dev);
}

static void test_prop_errors(void)
{
    assert_prop_error("flag", "maybe", "'maybe' is not a boolean");
    assert_prop_error("flag", "", "is not a boolean");
    assert_prop_error("u8", "256", "out of range");
    assert_prop_error("u8", "-1", "not a");
    assert_prop_error("u16", "12abc", "not a");
    assert_prop_error("u32", "4294967296", "out of range");
    assert_prop_error("u32", "4k", "not a");          /* suffixes only for sizes */
    assert_prop_error("size", "4x", "not a size");
    assert_prop_error("size", "99999999999999999999", "not a size");
    assert_prop_error("size", "20000000T", "not a size");   /* overflows */
    assert_prop_error("bogus", "1", "has no property 'bogus'");
    assert_prop_error("backend", "nope", "no fake backend 'nope'");
}

static void test_unknown_type(void)
{
    GError *err = NULL;

    g_assert_null(device_new("no-such-device", &err));
    g_assert_nonnull(strstr(err->message, "no-such-device"));
    g_clear_error(&err);
    g_assert_null(device_new_from_opts("no-such-device,x=1", &err));
    g_assert_nonnull(strstr(err->message, "no-such-device"));
    g_clear_error(&err);
    g_assert_null(device_new_from_opts("test-hidden", &err));
    g_assert_nonnull(strstr(err->message, "cannot be created with -device"));
    g_clear_error(&err);
}

/* Run device_new_from_opts with stdout sent to a file; return what it printed. */
static char *capture_stdout_of_opts(const char *opts, GError **errp)
{
    char *path = NULL;
    int fd = g_file_open_tmp("tern-qdev-XXXXXX", &path, NULL);
    int saved;
    char *text = NULL;

    g_assert_cmpint(fd, >=, 0);
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    dup2(fd, STDOUT_FILENO);
    g_assert_null(device_new_from_opts(opts, errp));
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    close(fd);
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    unlink(path);
    g_free(path);
    return text;
}

static void test_from_opts(void)
{
    GError *err = NULL;
    DeviceState *dev;
    TestDev *d;

    dev = device_new_from_opts("test-dev,u8=3,label=x,,y,backend=fb0,id=t1", &err);
    g_assert_no_error(err);
    d = (TestDev *)dev;
    g_assert_true(dev->realized);
    g_assert_cmpuint(d->u8, ==, 3);
    g_assert_cmpstr(d->label, ==, "x,y");
    g_assert(d->backend == &backends[0]);
    g_assert_cmpstr(dev->id, ==, "t1");
    g_assert_cmpint(d->resets, ==, 1);          /* reset once after realize */
    g_assert(device_find_by_id("t1") == dev);
    g_assert_null(device_find_by_id("t2"));

    /* A duplicate id is refused, naming it. */
    g_assert_null(device_new_from_opts("test-dev,id=t1", &err));
    g_assert_nonnull(strstr(err->message, "duplicate id 't1'"));
    g_clear_error(&err);
    /* Property errors carry the option and the property. */
    g_assert_null(device_new_from_opts("test-dev,u16=70000", &err));
    g_assert_nonnull(strstr(err->message, "-device test-dev: property 'u16'"));
    g_clear_error(&err);
    g_assert_null(device_new_from_opts("test-dev,u16", &err));
    g_assert_nonnull(strstr(err->message, "'u16' is not of the form property=value"));
    g_clear_error(&err);

    /* Realize failure: NULL with the device's message, nothing left behind. */
    unrealize_count = 0;
    g_assert_null(device_new_from_opts("test-dev,u8=99,id=cursed", &err));
    g_assert_nonnull(strstr(err->message, "u8=99 is cursed"));
    g_clear_error(&err);
    g_assert_null(device_find_by_id("cursed"));
    g_assert_cmpint(unrealize_count, ==, 0);

    /* help: a listing on stdout, NULL without an error. */
    {
        char *h = capture_stdout_of_opts("help", &err);
        g_assert_no_error(err);
        g_assert_nonnull(strstr(h, "name \"test-dev\", desc \"a device for tests\"\n"));
        g_assert_null(strstr(h, "test-hidden"));
        g_free(h);
        h = capture_stdout_of_opts("test-subdev,help", &err);
        g_assert_no_error(err);
        g_assert_nonnull(strstr(h, "test-subdev options:\n  extra=<uint32> (default: 5)\n"));
        g_assert_nonnull(strstr(h, "  size=<size> (default: 4096)\n"));
        g_assert_nonnull(strstr(h, "  backend=<fake>\n"));
        g_free(h);
    }

    device_free(dev);
    g_assert_cmpint(unrealize_count, ==, 1);
    g_assert_null(device_find_by_id("t1"));
}

static void test_inheritance(void)
{
    GError *err = NULL;
    DeviceState *dev = device_new_from_opts("test-subdev,extra=9,u8=4", &err);
    SubDev *s = (SubDev *)dev;

    g_assert_no_error(err);
    g_assert_true(device_class_is(dev->klass, "test-dev"));
    g_assert_true(device_class_is(dev->klass, "test-subdev"));
    g_assert_false(device_class_is(&test_dev_class, "test-subdev"));
    g_assert_cmpuint(s->extra, ==, 9);
    g_assert_cmpuint(s->parent.u8, ==, 4);
    g_assert_cmpuint(s->parent.u32, ==, 115200);     /* parent's default */
    g_assert_cmpint(s->parent.inits, ==, 1);          /* parent's instance_init */
    g_assert_cmpint(s->parent.resets, ==, 1);         /* parent's reset */
    g_assert_nonnull(device_mmio(dev, 0));            /* parent's realize */
    device_free(dev);
}

static void test_lists_and_reset(void)
{
    DeviceState *a = device_new_from_opts("test-dev,id=la", NULL);
    DeviceState *b = device_new("test-dev", NULL);      /* not realized */
    DeviceState *c = device_new_from_opts("test-dev,id=lc", NULL);
    GPtrArray *l = device_list();
    GPtrArray *cl = device_class_list();
    int ia = -1, ic = -1;

    for (unsigned i = 0; i < l->len; i++) {
        g_assert(g_ptr_array_index(l, i) != b);
        if (g_ptr_array_index(l, i) == a) {
            ia = i;
        }
        if (g_ptr_array_index(l, i) == c) {
            ic = i;
        }
    }
    g_assert_cmpint(ia, >=, 0);
    g_assert_cmpint(ic, >, ia);
    g_ptr_array_free(l, TRUE);
    for (unsigned i = 1; i < cl->len; i++) {
        const DeviceClass *x = g_ptr_array_index(cl, i - 1), *y = g_ptr_array_index(cl, i);
        g_assert_cmpint(strcmp(x->name, y->name), <, 0);
    }
    g_assert(device_class_find("test-subdev") == &sub_dev_class);
    g_ptr_array_free(cl, TRUE);

    devices_reset_all();
    devices_reset_all();
    g_assert_cmpint(((TestDev *)a)->resets, ==, 3);
    g_assert_cmpint(((TestDev *)c)->resets, ==, 3);
    g_assert_cmpint(((TestDev *)b)->resets, ==, 0);
    device_free(a);
    device_free(b);
    device_free(c);
}

/* IRQ routing: the device's output lines into a recorder. */
static GString *irq_log;

static void irq_recorder(void *opaque, int n, int level)
{
    g_string_append_printf(irq_log, "%s:%d=%d ", (const char *)opaque, n, level);
}

static void test_irq(void)
{
    DeviceState *dev = device_new_from_opts("test-dev,id=irqdev", NULL);
    qemu_irq *lines = qemu_allocate_irqs(irq_recorder, "pic", 8);
    qemu_irq single = qemu_allocate_irq(irq_recorder, "one", 42);
    MemoryRegion *mr = device_mmio(dev, 0);

    irq_log = g_string_new("");
    g_assert_nonnull(mr);
    g_assert_null(device_mmio(dev, 1));
    memory_region_add_subregion(get_system_memory(), 0x40000000, mr);

    /* Unconnected: setting does nothing. */
    address_space_stl_le(&address_space_memory, 0x40000000, 3, NULL);
    g_assert_cmpstr(irq_log->str, ==, "");

    device_connect_irq(dev, 0, lines[5]);
    device_connect_irq(dev, 1, single);
    device_connect_irq(dev, 2, lines[0]);             /* no such output: ignored */
    address_space_stl_le(&address_space_memory, 0x40000000, 1, NULL);
    address_space_stl_le(&address_space_memory, 0x40000000, 2, NULL);
    g_assert_cmpstr(irq_log->str, ==, "pic:5=1 one:42=0 pic:5=0 one:42=1 ");
    g_string_truncate(irq_log, 0);
    qemu_irq_pulse(lines[3]);
    qemu_irq_raise(NULL);
    g_assert_cmpstr(irq_log->str, ==, "pic:3=1 pic:3=0 ");

    device_free(dev);
    qemu_free_irqs(lines, 8);
    qemu_free_irq(single);
    g_string_free(irq_log, TRUE);
}

static void test_qtree(void)
{
    DeviceState *dev = device_new_from_opts("test-dev,id=qt0,backend=fb1,u16=10", NULL);
    DeviceState *child = device_new_from_opts("test-subdev,id=qt1", NULL);
    GString *out = g_string_new("");

    child->parent_dev = dev;
    memory_region_add_subregion(get_system_memory(), 0xfeb00000, device_mmio(dev, 0));
    qdev_qtree_print(out);
    g_assert_true(g_str_has_prefix(out->str, "bus: main-system-bus\n  type System\n"));
    if (!strstr(out->str,
                "  dev: test-dev, id \"qt0\"\n"
                "    gpio-out \"irq\" 2\n"
                "    flag = true\n"
                "    u8 = 7 (0x7)\n"
                "    u16 = 10 (0xa)\n"
                "    u32 = 115200 (0x1c200)\n"
                "    size = 4096 (0x1000)\n"
                "    label = \"hello\"\n"
                "    nodef = <null>\n"
                "    backend = \"fb1\"\n"
                "    mmio 00000000feb00000/0000000000000100\n"
                "    extra: resets=1\n"
                "      dev: test-subdev, id \"qt1\"\n"
                "        gpio-out \"irq\" 2\n"
                "        extra = 5 (0x5)\n"
                "        flag = true\n")) {
        g_error("unexpected qtree:\n%s", out->str);
    }
    g_assert_nonnull(strstr(out->str, "        mmio (not mapped)/0000000000000100\n"));
    device_free(child);
    device_free(dev);
    g_string_free(out, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_system_init();
    g_test_add_func("/qdev/defaults", test_defaults);
    g_test_add_func("/qdev/set-props", test_set_props);
    g_test_add_func("/qdev/prop-errors", test_prop_errors);
    g_test_add_func("/qdev/unknown-type", test_unknown_type);
    g_test_add_func("/qdev/from-opts", test_from_opts);
    g_test_add_func("/qdev/inheritance", test_inheritance);
    g_test_add_func("/qdev/lists-and-reset", test_lists_and_reset);
    g_test_add_func("/qdev/irq", test_irq);
    g_test_add_func("/qdev/qtree", test_qtree);
    return g_test_run();
}
