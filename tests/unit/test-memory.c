/*
 * The memory API (softmmu/memory.c, softmmu/physmem.c): flattening of
 * overlapping regions, priorities, aliases, containers with a background,
 * enable/disable/move, listener callbacks, MMIO dispatch (.valid, .impl,
 * endianness), accesses crossing regions, DMA map, ioeventfds, ROM and
 * memfd RAM.  Each test builds its own address space.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <glib.h>

#include "exec/memory.h"

/* ------------------------------------------------------------------ */
/* Helpers */

/* The flat view as "start-end:name@offset" lines, for exact comparisons. */
static char *flat_string(AddressSpace *as)
{
    FlatView *fv = address_space_get_flatview(as);
    GString *s = g_string_new("");

    for (unsigned i = 0; i < fv->nr; i++) {
        MemoryRegionSection *r = &fv->ranges[i];
        g_string_append_printf(s, "%" G_GINT64_MODIFIER "x-%" G_GINT64_MODIFIER "x:%s@%"
                               G_GINT64_MODIFIER "x%s\n",
                               r->offset_within_address_space,
                               r->offset_within_address_space + r->size,
                               r->mr->name, r->offset_within_region,
                               r->readonly ? " ro" : "");
    }
    flatview_unref(fv);
    return g_string_free(s, FALSE);
}

#define assert_flat(as, expected) do {           \
        char *f_ = flat_string(as);              \
        g_assert_cmpstr(f_, ==, expected);       \
        g_free(f_);                              \
    } while (0)

/* A recording MMIO device. */
typedef struct TestDev {
    GString *log;             /* "r4@0 w2@6=1234 " ... */
    uint64_t regs[8];         /* read values per 8-byte slot */
    uint64_t read_value;      /* if nonzero, every read returns this */
} TestDev;

static uint64_t tdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;

    g_string_append_printf(d->log, "r%u@%x ", size, (unsigned)addr);
    if (d->read_value) {
        return d->read_value;
    }
    return d->regs[(addr / 8) % 8] + addr;
}

static void tdev_write(void *opaque, hwaddr addr, uint64_t data, unsigned size)
{
    TestDev *d = opaque;

    g_string_append_printf(d->log, "w%u@%x=%" G_GINT64_MODIFIER "x ", size,
                           (unsigned)addr, data);
}

static char *take_log(TestDev *d)
{
    char *s = g_strdup(d->log->str);
    g_string_truncate(d->log, 0);
    return s;
}

#define assert_log(d, expected) do {             \
        char *l_ = take_log(d);                  \
        g_assert_cmpstr(l_, ==, expected);       \
        g_free(l_);                              \
    } while (0)

static const MemoryRegionOps tdev_ops = {
    .read = tdev_read, .write = tdev_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
};

static TestDev *tdev_new(void)
{
    TestDev *d = g_new0(TestDev, 1);
    d->log = g_string_new("");
    return d;
}

static void tdev_free(TestDev *d)
{
    g_string_free(d->log, TRUE);
    g_free(d);
}

/* ------------------------------------------------------------------ */

static void test_priorities(void)
{
    MemoryRegion root, ram, io, c, d;
    AddressSpace as;
    TestDev *dev = tdev_new();

    memory_region_init(&root, NULL, "root", 0x10000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram(&ram, NULL, "ram", 0x4000, NULL));
    memory_region_add_subregion(&root, 0, &ram);
    assert_flat(&as, "0-4000:ram@0\n");

    /* Higher priority wins where they overlap. */
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "io", 0x1000);
    memory_region_add_subregion_overlap(&root, 0x1000, &io, 1);
    assert_flat(&as, "0-1000:ram@0\n1000-2000:io@0\n2000-4000:ram@2000\n");

    /* Among equal priorities with _overlap, the one added later wins;
     * a lower priority one added later still loses. */
    memory_region_init_io(&c, NULL, &tdev_ops, dev, "c", 0x1000);
    memory_region_init_io(&d, NULL, &tdev_ops, dev, "d", 0x1000);
    memory_region_add_subregion_overlap(&root, 0x1800, &c, 1);
    assert_flat(&as, "0-1000:ram@0\n1000-1800:io@0\n1800-2800:c@0\n2800-4000:ram@2800\n");
    memory_region_add_subregion_overlap(&root, 0x2000, &d, 1);
    assert_flat(&as, "0-1000:ram@0\n1000-1800:io@0\n1800-2000:c@0\n"
                     "2000-3000:d@0\n3000-4000:ram@3000\n");

    /* Removing the winner uncovers what was below it. */
    memory_region_del_subregion(&root, &d);
    assert_flat(&as, "0-1000:ram@0\n1000-1800:io@0\n1800-2800:c@0\n2800-4000:ram@2800\n");
    memory_region_del_subregion(&root, &c);
    memory_region_del_subregion(&root, &io);
    assert_flat(&as, "0-4000:ram@0\n");

    /* A lower priority region never shows where a higher one is. */
    memory_region_add_subregion_overlap(&root, 0x3800, &io, -1);
    assert_flat(&as, "0-4000:ram@0\n4000-4800:io@800\n");

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &io);
    memory_region_destroy(&ram);
    memory_region_destroy(&io);
    memory_region_destroy(&c);
    memory_region_destroy(&d);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_aliases(void)
{
    MemoryRegion root, ram, win, win2;
    AddressSpace as;
    uint8_t *p;
    uint32_t v = 0;

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram(&ram, NULL, "ram", 0x4000, NULL));
    p = memory_region_get_ram_ptr(&ram);
    memory_region_add_subregion(&root, 0, &ram);

    /* A 4 KiB window onto ram+0x1000 at 0x8000. */
    memory_region_init_alias(&win, NULL, "win", &ram, 0x1000, 0x1000);
    memory_region_add_subregion(&root, 0x8000, &win);
    /* An alias of the alias: 1 KiB at win+0x800, i.e. ram+0x1800. */
    memory_region_init_alias(&win2, NULL, "win2", &win, 0x800, 0x400);
    memory_region_add_subregion(&root, 0x9000, &win2);
    assert_flat(&as, "0-4000:ram@0\n8000-9000:ram@1000\n9000-9400:ram@1800\n");

    g_assert_cmpint(address_space_write(&as, 0x9004, "\x11\x22\x33\x44", 4), ==, MEMTX_OK);
    g_assert_cmphex(p[0x1804], ==, 0x11);
    g_assert_cmpint(address_space_read(&as, 0x8804, &v, 4), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x44332211);
    g_assert_cmphex(address_space_ldl_le(&as, 0x1804, NULL), ==, 0x44332211);

    /* Moving the window's offset moves what it shows. */
    memory_region_set_alias_offset(&win, 0x2000);
    assert_flat(&as, "0-4000:ram@0\n8000-9000:ram@2000\n9000-9400:ram@2800\n");

    /* The window is clipped to its target's size. */
    memory_region_set_alias_offset(&win, 0x3800);
    assert_flat(&as, "0-4000:ram@0\n8000-8800:ram@3800\n");

    /* A read-only alias makes its ranges read-only, not the original. */
    memory_region_set_alias_offset(&win, 0x1000);
    memory_region_set_readonly(&win, true);
    assert_flat(&as, "0-4000:ram@0\n8000-9000:ram@1000 ro\n9000-9400:ram@1800 ro\n");
    g_assert_cmpint(address_space_write(&as, 0x8000, "\x99", 1), ==, MEMTX_ERROR);
    g_assert_cmphex(p[0x1000], ==, 0);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &win2);
    memory_region_del_subregion(&root, &win);
    memory_region_destroy(&win2);
    memory_region_destroy(&win);
    memory_region_destroy(&ram);
    memory_region_destroy(&root);
}

static void test_background_and_changes(void)
{
    MemoryRegion root, bg, a, b;
    AddressSpace as;
    TestDev *dev = tdev_new();

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    /* An I/O container: its own callbacks answer where no child is. */
    memory_region_init_io(&bg, NULL, &tdev_ops, dev, "bg", 0x4000);
    g_assert(memory_region_init_ram(&a, NULL, "a", 0x1000, NULL));
    g_assert(memory_region_init_ram(&b, NULL, "b", 0x1000, NULL));
    memory_region_add_subregion(&bg, 0x1000, &a);
    memory_region_add_subregion(&root, 0x10000, &bg);
    assert_flat(&as, "10000-11000:bg@0\n11000-12000:a@0\n12000-14000:bg@2000\n");

    memory_region_add_subregion(&bg, 0x3000, &b);
    assert_flat(&as, "10000-11000:bg@0\n11000-12000:a@0\n12000-13000:bg@2000\n"
                     "13000-14000:b@0\n");

    memory_region_set_enabled(&a, false);
    assert_flat(&as, "10000-13000:bg@0\n13000-14000:b@0\n");
    memory_region_set_enabled(&a, true);
    memory_region_set_address(&a, 0);
    assert_flat(&as, "10000-11000:a@0\n11000-13000:bg@1000\n13000-14000:b@0\n");
    /* Moving the container moves everything in it. */
    memory_region_set_address(&bg, 0x20000);
    assert_flat(&as, "20000-21000:a@0\n21000-23000:bg@1000\n23000-24000:b@0\n");
    /* A child sticking out of its container is clipped. */
    memory_region_set_address(&b, 0x3800);
    assert_flat(&as, "20000-21000:a@0\n21000-23800:bg@1000\n23800-24000:b@0\n");
    memory_region_set_enabled(&bg, false);
    assert_flat(&as, "");

    address_space_destroy(&as);
    memory_region_destroy(&a);
    memory_region_destroy(&b);
    memory_region_destroy(&bg);
    memory_region_destroy(&root);
    tdev_free(dev);
}

/* ------------------------------------------------------------------ */
/* Listeners */

typedef struct RecListener {
    MemoryListener l;
    GString *log;
} RecListener;

static void rec_begin(MemoryListener *l)
{
    g_string_append(((RecListener *)l)->log, "begin\n");
}

static void rec_commit(MemoryListener *l)
{
    g_string_append(((RecListener *)l)->log, "commit\n");
}

static void rec_section(MemoryListener *l, const char *what, MemoryRegionSection *s)
{
    g_string_append_printf(((RecListener *)l)->log, "%s %s %" G_GINT64_MODIFIER "x+%"
                           G_GINT64_MODIFIER "x@%" G_GINT64_MODIFIER "x\n",
                           what, s->mr->name, s->offset_within_address_space,
                           s->size, s->offset_within_region);
}

static void rec_add(MemoryListener *l, MemoryRegionSection *s)
{
    rec_section(l, "add", s);
}

static void rec_del(MemoryListener *l, MemoryRegionSection *s)
{
    rec_section(l, "del", s);
}

static void rec_ev(MemoryListener *l, const char *what, hwaddr addr,
                   const MemoryRegionIoeventfd *e)
{
    g_string_append_printf(((RecListener *)l)->log, "%s %" G_GINT64_MODIFIER "x/%u=%"
                           G_GINT64_MODIFIER "x\n", what, addr, e->size, e->data);
}

static void rec_ev_add(MemoryListener *l, hwaddr addr, const MemoryRegionIoeventfd *e)
{
    rec_ev(l, "evadd", addr, e);
}

static void rec_ev_del(MemoryListener *l, hwaddr addr, const MemoryRegionIoeventfd *e)
{
    rec_ev(l, "evdel", addr, e);
}

static void assert_rec(RecListener *r, const char *expected)
{
    g_assert_cmpstr(r->log->str, ==, expected);
    g_string_truncate(r->log, 0);
}

static void test_listener(void)
{
    MemoryRegion root, ram, io, hidden;
    AddressSpace as;
    TestDev *dev = tdev_new();
    RecListener r = {
        .l = { .name = "rec", .begin = rec_begin, .commit = rec_commit,
               .region_add = rec_add, .region_del = rec_del,
               .eventfd_add = rec_ev_add, .eventfd_del = rec_ev_del },
        .log = g_string_new(""),
    };

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram(&ram, NULL, "ram", 0x4000, NULL));
    memory_region_add_subregion(&root, 0, &ram);

    /* Registration replays the current view. */
    memory_listener_register(&r.l, &as);
    assert_rec(&r, "begin\nadd ram 0+4000@0\ncommit\n");

    /* An overlapping region splits the RAM range: the old range goes,
     * the pieces come (deletions first). */
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "io", 0x1000);
    memory_region_add_subregion_overlap(&root, 0x1000, &io, 1);
    assert_rec(&r, "begin\ndel ram 0+4000@0\nadd ram 0+1000@0\nadd io 1000+1000@0\n"
                   "add ram 2000+2000@2000\ncommit\n");

    /* Only what changed is reported: moving io beyond the RAM. */
    memory_region_set_address(&io, 0x8000);
    assert_rec(&r, "begin\ndel ram 0+1000@0\ndel io 1000+1000@0\ndel ram 2000+2000@2000\n"
                   "add ram 0+4000@0\nadd io 8000+1000@0\ncommit\n");
    memory_region_set_address(&io, 0x9000);
    assert_rec(&r, "begin\ndel io 8000+1000@0\nadd io 9000+1000@0\ncommit\n");

    /* A transaction: one begin/commit and the net effect only. */
    memory_region_transaction_begin();
    memory_region_set_enabled(&io, false);
    memory_region_set_address(&io, 0xa000);
    memory_region_set_enabled(&io, true);
    assert_rec(&r, "");
    memory_region_transaction_commit();
    assert_rec(&r, "begin\ndel io 9000+1000@0\nadd io a000+1000@0\ncommit\n");

    /* A change that the view does not show: begin/commit, nothing else. */
    memory_region_init_io(&hidden, NULL, &tdev_ops, dev, "hidden", 0x100);
    memory_region_add_subregion_overlap(&root, 0x100, &hidden, -5);
    assert_rec(&r, "begin\ncommit\n");

    /* ioeventfds are reported with their guest-physical address. */
    memory_region_add_eventfd(&io, 0x10, 4, true, 7, 99);
    assert_rec(&r, "begin\nevadd a010/4=7\ncommit\n");
    memory_region_set_address(&io, 0xb000);
    assert_rec(&r, "begin\nevdel a010/4=7\ndel io a000+1000@0\nadd io b000+1000@0\n"
                   "evadd b010/4=7\ncommit\n");
    memory_region_del_eventfd(&io, 0x10, 4, true, 7, 99);
    assert_rec(&r, "begin\nevdel b010/4=7\ncommit\n");

    memory_listener_unregister(&r.l);
    memory_region_set_address(&io, 0xc000);
    assert_rec(&r, "");

    address_space_destroy(&as);
    memory_region_destroy(&io);
    memory_region_destroy(&hidden);
    memory_region_destroy(&ram);
    memory_region_destroy(&root);
    g_string_free(r.log, TRUE);
    tdev_free(dev);
}

/* ------------------------------------------------------------------ */
/* Dispatch */

static void test_dispatch_valid(void)
{
    static const MemoryRegionOps ops = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .min_access_size = 4, .max_access_size = 4 },
    };
    MemoryRegion root, io;
    AddressSpace as;
    TestDev *dev = tdev_new();
    uint8_t b = 0;
    uint32_t w = 0;

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    memory_region_init_io(&io, NULL, &ops, dev, "strict", 0x100);
    memory_region_add_subregion(&root, 0x1000, &io);
    dev->read_value = 0x12345678;

    g_assert_cmpint(address_space_read(&as, 0x1004, &w, 4), ==, MEMTX_OK);
    g_assert_cmphex(w, ==, 0x12345678);
    assert_log(dev, "r4@4 ");
    /* Too small: refused, reads all ones, the device sees nothing. */
    g_assert_cmpint(address_space_read(&as, 0x1004, &b, 1), ==, MEMTX_ERROR);
    g_assert_cmphex(b, ==, 0xff);
    g_assert_cmpint(address_space_write(&as, 0x1004, &b, 1), ==, MEMTX_ERROR);
    /* Misaligned: split into pieces that are too small, refused too. */
    g_assert_cmpint(address_space_read(&as, 0x1002, &w, 4), ==, MEMTX_ERROR);
    g_assert_cmphex(w, ==, 0xffffffff);
    assert_log(dev, "");
    g_assert(io.logged_bad_access);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &io);
    memory_region_destroy(&io);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_dispatch_impl(void)
{
    static const MemoryRegionOps split_ops = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .max_access_size = 8 },
        .impl = { .max_access_size = 4 },
    };
    static const MemoryRegionOps byte_ops = {
        .read = tdev_read, .write = tdev_write,
        .impl = { .max_access_size = 1 },
    };
    static const MemoryRegionOps wide_ops = {
        .read = tdev_read, .write = tdev_write,
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };
    MemoryRegion root, s, b, w;
    AddressSpace as;
    TestDev *dev = tdev_new();
    uint64_t q;
    uint32_t l;
    uint8_t c;

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    memory_region_init_io(&s, NULL, &split_ops, dev, "split", 0x100);
    memory_region_init_io(&b, NULL, &byte_ops, dev, "bytes", 0x100);
    memory_region_init_io(&w, NULL, &wide_ops, dev, "wide", 0x100);
    memory_region_add_subregion(&root, 0x1000, &s);
    memory_region_add_subregion(&root, 0x2000, &b);
    memory_region_add_subregion(&root, 0x3000, &w);

    /* 8-byte access, callbacks take at most 4: two calls, low half first. */
    dev->regs[1] = 0;
    q = address_space_ldq_le(&as, 0x1008, NULL);
    assert_log(dev, "r4@8 r4@c ");
    g_assert_cmphex(q, ==, 0x0000000c00000008ull);
    address_space_stq_le(&as, 0x1010, 0x1122334455667788ull, NULL);
    assert_log(dev, "w4@10=55667788 w4@14=11223344 ");

    /* 4-byte access, callbacks take bytes: four calls combined LE. */
    dev->read_value = 0;
    l = address_space_ldl_le(&as, 0x2004, NULL);
    assert_log(dev, "r1@4 r1@5 r1@6 r1@7 ");
    g_assert_cmphex(l, ==, 0x07060504);
    address_space_stl_le(&as, 0x2008, 0xa1b2c3d4, NULL);
    assert_log(dev, "w1@8=d4 w1@9=c3 w1@a=b2 w1@b=a1 ");

    /* 1-byte access, callbacks want 4: an aligned 4-byte read, the byte
     * extracted from it. */
    dev->read_value = 0x44332211;
    g_assert_cmpint(address_space_read(&as, 0x3006, &c, 1), ==, MEMTX_OK);
    assert_log(dev, "r4@4 ");
    g_assert_cmphex(c, ==, 0x33);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &s);
    memory_region_del_subregion(&root, &b);
    memory_region_del_subregion(&root, &w);
    memory_region_destroy(&s);
    memory_region_destroy(&b);
    memory_region_destroy(&w);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_dispatch_endian(void)
{
    static const MemoryRegionOps be_ops = {
        .read = tdev_read, .write = tdev_write,
        .endianness = DEVICE_BIG_ENDIAN,
        .valid = { .max_access_size = 8 },
        .impl = { .max_access_size = 4 },
    };
    MemoryRegion root, io;
    AddressSpace as;
    TestDev *dev = tdev_new();
    uint8_t bytes[8];

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    memory_region_init_io(&io, NULL, &be_ops, dev, "be", 0x100);
    memory_region_add_subregion(&root, 0x1000, &io);

    /* The device's value appears in memory most significant byte first. */
    dev->read_value = 0x11223344;
    g_assert_cmpint(address_space_read(&as, 0x1000, bytes, 4), ==, MEMTX_OK);
    g_assert_cmpmem(bytes, 4, "\x11\x22\x33\x44", 4);
    assert_log(dev, "r4@0 ");
    /* A little-endian guest store of 0xaabbccdd is 0xddccbbaa to it. */
    address_space_stl_le(&as, 0x1004, 0xaabbccdd, NULL);
    assert_log(dev, "w4@4=ddccbbaa ");
    /* 8 bytes split in two: the first half is the high half of a BE value. */
    address_space_write(&as, 0x1008, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    assert_log(dev, "w4@8=1020304 w4@c=5060708 ");
    /* 2-byte access is a 2-byte BE value. */
    dev->read_value = 0xbeef;
    g_assert_cmphex(address_space_lduw_le(&as, 0x1010, NULL), ==, 0xefbe);
    assert_log(dev, "r2@10 ");

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &io);
    memory_region_destroy(&io);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_spanning(void)
{
    MemoryRegion root, ram, io;
    AddressSpace as;
    TestDev *dev = tdev_new();
    uint8_t buf[16];
    uint8_t *p;

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram(&ram, NULL, "ram", 0x1000, NULL));
    p = memory_region_get_ram_ptr(&ram);
    memcpy(p + 0xffc, "\xa1\xa2\xa3\xa4", 4);
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "io", 4);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x1000, &io);
    dev->read_value = 0x44332211;

    /* RAM, then the device (one 4-byte access), then nothing. */
    g_assert_cmpint(address_space_read(&as, 0xffc, buf, 12), ==, MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 12, "\xa1\xa2\xa3\xa4\x11\x22\x33\x44\xff\xff\xff\xff", 12);
    assert_log(dev, "r4@0 ");
    /* Writes across the same ranges: RAM updated, device called, rest dropped. */
    g_assert_cmpint(address_space_write(&as, 0xffe, "\x01\x02\x03\x04\x05\x06\x07\x08", 8),
                    ==, MEMTX_DECODE_ERROR);
    g_assert_cmpmem(p + 0xffc, 4, "\xa1\xa2\x01\x02", 4);
    assert_log(dev, "w4@0=6050403 ");
    /* Entirely unmapped. */
    g_assert_cmpint(address_space_read(&as, 0x5000, buf, 16), ==, MEMTX_DECODE_ERROR);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(buf[i], ==, 0xff);
    }
    g_assert_true(address_space_find(&as, 0x1002, NULL));
    g_assert_false(address_space_find(&as, 0x1004, NULL));

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_del_subregion(&root, &io);
    memory_region_destroy(&ram);
    memory_region_destroy(&io);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_map(void)
{
    MemoryRegion root, ram, rom, io;
    AddressSpace as;
    TestDev *dev = tdev_new();
    hwaddr len;
    uint8_t *h;

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram(&ram, NULL, "ram", 0x1000, NULL));
    g_assert(memory_region_init_rom(&rom, NULL, "rom", 0x1000, NULL));
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "io", 0x1000);
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x1000, &io);
    memory_region_add_subregion(&root, 0x2000, &rom);

    len = 0x100;
    h = address_space_map(&as, 0xff0, &len, true);
    g_assert_nonnull(h);
    g_assert(h == memory_region_get_ram_ptr(&ram) + 0xff0);
    g_assert_cmpuint(len, ==, 0x10);          /* shortened at the end of RAM */
    memset(h, 0x5a, len);
    address_space_unmap(&as, h, len, true, len);
    g_assert_cmphex(address_space_ldl_le(&as, 0xffc, NULL), ==, 0x5a5a5a5a);

    len = 4;
    g_assert_null(address_space_map(&as, 0x1000, &len, false));   /* MMIO */
    g_assert_cmpuint(len, ==, 0);
    len = 4;
    g_assert_null(address_space_map(&as, 0x2000, &len, true));    /* ROM write */
    g_assert_cmpuint(len, ==, 0);
    len = 4;
    h = address_space_map(&as, 0x2000, &len, false);              /* ROM read */
    g_assert_nonnull(h);
    address_space_unmap(&as, h, len, false, len);
    len = 4;
    g_assert_null(address_space_map(&as, 0x9000, &len, false));   /* nothing */
    assert_log(dev, "");

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_del_subregion(&root, &io);
    memory_region_del_subregion(&root, &rom);
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
    memory_region_destroy(&io);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_ioeventfd(void)
{
    MemoryRegion root, io;
    AddressSpace as;
    TestDev *dev = tdev_new();
    int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    uint64_t cnt = 0;

    g_assert_cmpint(fd, >=, 0);
    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "notify", 0x100);
    memory_region_add_subregion(&root, 0x1000, &io);
    memory_region_add_eventfd(&io, 0x50, 4, true, 2, fd);

    /* Matching write: the eventfd fires, the device is not called. */
    address_space_stl_le(&as, 0x1050, 2, NULL);
    assert_log(dev, "");
    g_assert_cmpint(read(fd, &cnt, sizeof(cnt)), ==, sizeof(cnt));
    g_assert_cmpuint(cnt, ==, 1);
    /* Other data, another size or another address: the device is called. */
    address_space_stl_le(&as, 0x1050, 3, NULL);
    address_space_stw_le(&as, 0x1050, 2, NULL);
    address_space_stl_le(&as, 0x1054, 2, NULL);
    assert_log(dev, "w4@50=3 w2@50=2 w4@54=2 ");
    g_assert_cmpint(read(fd, &cnt, sizeof(cnt)), ==, -1);
    g_assert_cmpint(errno, ==, EAGAIN);
    /* Reads are never taken. */
    dev->read_value = 9;
    g_assert_cmphex(address_space_ldl_le(&as, 0x1050, NULL), ==, 9);
    assert_log(dev, "r4@50 ");
    /* Removed: back to the device. */
    memory_region_del_eventfd(&io, 0x50, 4, true, 2, fd);
    address_space_stl_le(&as, 0x1050, 2, NULL);
    assert_log(dev, "w4@50=2 ");

    close(fd);
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &io);
    memory_region_destroy(&io);
    memory_region_destroy(&root);
    tdev_free(dev);
}

static void test_rom_and_memfd(void)
{
    MemoryRegion root, rom, ram;
    AddressSpace as;
    uint8_t buf[4];

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_rom(&rom, NULL, "rom", 0x1000, NULL));
    memcpy(memory_region_get_ram_ptr(&rom), "ROM!", 4);
    memory_region_add_subregion(&root, 0x10000, &rom);
    assert_flat(&as, "10000-11000:rom@0 ro\n");
    g_assert_cmpint(address_space_write(&as, 0x10000, "xxxx", 4), ==, MEMTX_ERROR);
    g_assert_cmpint(address_space_read(&as, 0x10000, buf, 4), ==, MEMTX_OK);
    g_assert_cmpmem(buf, 4, "ROM!", 4);

    /* memfd-backed RAM: guest writes are visible through the fd. */
    g_assert(memory_region_init_ram_from_file(&ram, NULL, "shared", 0x2000, NULL,
                                              true, NULL));
    g_assert_cmpint(ram.ram_fd, >=, 0);
    memory_region_add_subregion(&root, 0, &ram);
    address_space_write(&as, 0x1ffc, "fdok", 4);
    g_assert_cmpint(pread(ram.ram_fd, buf, 4, 0x1ffc), ==, 4);
    g_assert_cmpmem(buf, 4, "fdok", 4);
    /* And writes through the fd are visible to the guest. */
    g_assert_cmpint(pwrite(ram.ram_fd, "back", 4, 0x10), ==, 4);
    g_assert_cmpint(address_space_read(&as, 0x10, buf, 4), ==, MEMTX_OK);
    g_assert_cmpmem(buf, 4, "back", 4);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &rom);
    memory_region_del_subregion(&root, &ram);
    memory_region_destroy(&rom);
    memory_region_destroy(&ram);
    memory_region_destroy(&root);
}

/* RAM from a named file (shared: the file sees guest writes) and from a
 * directory (a fresh unlinked file in it). */
static void test_ram_file(void)
{
    MemoryRegion root, ram, dirram;
    AddressSpace as;
    char *path = NULL;
    int fd = g_file_open_tmp("tern-ram-XXXXXX", &path, NULL);
    char buf[4];
    int rfd;

    g_assert_cmpint(fd, >=, 0);
    close(fd);
    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram_from_file(&ram, NULL, "file", 0x3000, path, true, NULL));
    g_assert(memory_region_init_ram_from_file(&dirram, NULL, "dir", 0x1000,
                                              g_get_tmp_dir(), false, NULL));
    memory_region_add_subregion(&root, 0, &ram);
    memory_region_add_subregion(&root, 0x3000, &dirram);
    address_space_write(&as, 0x2ffe, "abcd", 4);
    rfd = open(path, O_RDONLY);
    g_assert_cmpint(rfd, >=, 0);
    g_assert_cmpint(pread(rfd, buf, 2, 0x2ffe), ==, 2);
    g_assert_cmpmem(buf, 2, "ab", 2);
    g_assert_cmpint(lseek(rfd, 0, SEEK_END), ==, 0x3000);     /* sized to the region */
    close(rfd);
    g_assert_cmpmem(memory_region_get_ram_ptr(&dirram), 2, "cd", 2);

    address_space_destroy(&as);
    memory_region_destroy(&ram);
    memory_region_destroy(&dirram);
    memory_region_destroy(&root);
    unlink(path);
    g_free(path);
}

/* A listener that changes the map from its callback: the change is applied
 * in a second round, and the view ends up with both regions. */
static MemoryRegion *reentrant_root, *reentrant_extra;

static void reentrant_add(MemoryListener *l, MemoryRegionSection *s)
{
    if (strcmp(s->mr->name, "trigger") == 0 && !reentrant_extra->container) {
        memory_region_add_subregion(reentrant_root, 0x8000, reentrant_extra);
    }
    rec_add(l, s);
}

static void test_listener_reentrant(void)
{
    MemoryRegion root, trig, extra;
    AddressSpace as;
    TestDev *dev = tdev_new();
    RecListener r = {
        .l = { .begin = rec_begin, .commit = rec_commit, .region_add = reentrant_add,
               .region_del = rec_del },
        .log = g_string_new(""),
    };

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    memory_region_init_io(&trig, NULL, &tdev_ops, dev, "trigger", 0x100);
    memory_region_init_io(&extra, NULL, &tdev_ops, dev, "extra", 0x100);
    reentrant_root = &root;
    reentrant_extra = &extra;
    memory_listener_register(&r.l, &as);
    assert_rec(&r, "begin\ncommit\n");
    memory_region_add_subregion(&root, 0x1000, &trig);
    assert_rec(&r, "begin\nadd trigger 1000+100@0\ncommit\n"
                   "begin\nadd extra 8000+100@0\ncommit\n");
    assert_flat(&as, "1000-1100:trigger@0\n8000-8100:extra@0\n");

    memory_listener_unregister(&r.l);
    address_space_destroy(&as);
    memory_region_destroy(&trig);
    memory_region_destroy(&extra);
    memory_region_destroy(&root);
    g_string_free(r.log, TRUE);
    tdev_free(dev);
}

static void test_ram_file_error(void)
{
    MemoryRegion ram;
    GError *err = NULL;

    g_assert_false(memory_region_init_ram_from_file(&ram, NULL, "bad", 0x1000,
                                                    "/nonexistent-dir/x/ram", true, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "/nonexistent-dir/x/ram"));
    g_error_free(err);
    memory_region_destroy(&ram);
}

static void test_system_and_mtree(void)
{
    MemoryRegion ram, io, alias;
    TestDev *dev = tdev_new();
    GString *out = g_string_new("");

    memory_system_init();
    memory_system_init();
    g_assert(memory_region_init_ram(&ram, NULL, "pc.ram", 0x100000, NULL));
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "uart", 8);
    memory_region_init_alias(&alias, NULL, "ram-hi", &ram, 0x1000, 0x1000);
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    memory_region_add_subregion_overlap(get_system_memory(), 0x100000000ull, &alias, 2);
    memory_region_add_subregion(get_system_io(), 0x3f8, &io);

    address_space_stl_le(&address_space_memory, 0x1000, 0xfeedbeef, NULL);
    g_assert_cmphex(address_space_ldl_le(&address_space_memory, 0x100000000ull, NULL),
                    ==, 0xfeedbeef);
    dev->read_value = 0x60;
    g_assert_cmphex(address_space_lduw_le(&address_space_io, 0x3fc, NULL), ==, 0x60);
    assert_log(dev, "r2@4 ");
    /* Misaligned (and .valid.unaligned unset): split into aligned pieces. */
    g_assert_cmphex(address_space_lduw_le(&address_space_io, 0x3fd, NULL), ==, 0x6060);
    assert_log(dev, "r1@5 r1@6 ");

    memory_mtree_print(out, false);
    g_assert_nonnull(strstr(out->str, "address-space: memory\n"
                                      "  0000000000000000-ffffffffffffffff (prio 0, container): system\n"
                                      "    0000000000000000-00000000000fffff (prio 0, ram): pc.ram\n"
                                      "    0000000100000000-0000000100000fff (prio 2, ram): alias ram-hi "
                                      "@pc.ram 0000000000001000-0000000000001fff\n"));
    g_assert_nonnull(strstr(out->str, "address-space: I/O\n"
                                      "  0000000000000000-000000000000ffff (prio 0, container): io\n"
                                      "    00000000000003f8-00000000000003ff (prio 0, i/o): uart\n"));
    g_string_truncate(out, 0);
    memory_mtree_print(out, true);
    g_assert_nonnull(strstr(out->str, "  0000000100000000-0000000100000fff (prio 0, ram): pc.ram"
                                      " @0000000000001000\n"));

    memory_region_del_subregion(get_system_memory(), &ram);
    memory_region_del_subregion(get_system_memory(), &alias);
    memory_region_del_subregion(get_system_io(), &io);
    memory_region_destroy(&alias);
    memory_region_destroy(&ram);
    memory_region_destroy(&io);
    g_string_free(out, TRUE);
    tdev_free(dev);
}

/* Worker threads reading RAM while the main thread changes the map. */
typedef struct ThreadArg {
    AddressSpace *as;
    volatile bool stop;
    unsigned bad;
} ThreadArg;

static gpointer reader(gpointer opaque)
{
    ThreadArg *t = opaque;

    while (!t->stop) {
        uint32_t v = 0;
        address_space_read(t->as, 0x100, &v, 4);
        if (v != 0x01020304) {
            t->bad++;
        }
    }
    return NULL;
}

static void test_threads(void)
{
    MemoryRegion root, ram, io;
    AddressSpace as;
    TestDev *dev = tdev_new();
    ThreadArg t = { .as = &as };
    GThread *th;

    memory_region_init(&root, NULL, "root", 0x100000);
    address_space_init(&as, &root, "test");
    g_assert(memory_region_init_ram(&ram, NULL, "ram", 0x1000, NULL));
    memory_region_add_subregion(&root, 0, &ram);
    address_space_stl_le(&as, 0x100, 0x01020304, NULL);
    memory_region_init_io(&io, NULL, &tdev_ops, dev, "io", 0x10);
    th = g_thread_new("reader", reader, &t);
    for (int i = 0; i < 2000; i++) {
        memory_region_add_subregion(&root, 0x800 + (i % 16) * 0x10, &io);
        memory_region_del_subregion(&root, &io);
    }
    t.stop = true;
    g_thread_join(th);
    g_assert_cmpuint(t.bad, ==, 0);

    address_space_destroy(&as);
    memory_region_del_subregion(&root, &ram);
    memory_region_destroy(&ram);
    memory_region_destroy(&io);
    memory_region_destroy(&root);
    tdev_free(dev);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/priorities", test_priorities);
    g_test_add_func("/memory/aliases", test_aliases);
    g_test_add_func("/memory/background-and-changes", test_background_and_changes);
    g_test_add_func("/memory/listener", test_listener);
    g_test_add_func("/memory/dispatch-valid", test_dispatch_valid);
    g_test_add_func("/memory/dispatch-impl", test_dispatch_impl);
    g_test_add_func("/memory/dispatch-endian", test_dispatch_endian);
    g_test_add_func("/memory/spanning", test_spanning);
    g_test_add_func("/memory/map", test_map);
    g_test_add_func("/memory/ioeventfd", test_ioeventfd);
    g_test_add_func("/memory/rom-and-memfd", test_rom_and_memfd);
    g_test_add_func("/memory/ram-file", test_ram_file);
    g_test_add_func("/memory/listener-reentrant", test_listener_reentrant);
    g_test_add_func("/memory/ram-file-error", test_ram_file_error);
    g_test_add_func("/memory/system-and-mtree", test_system_and_mtree);
    g_test_add_func("/memory/threads", test_threads);
    return g_test_run();
}
