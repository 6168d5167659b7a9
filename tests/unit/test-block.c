/*
 * Block backends (block/): raw file I/O round trips, read-only, the
 * snapshot=on overlay (the image never changes), discard with hole
 * punching, write-zeroes, O_DIRECT with unaligned accesses, -drive and
 * -blockdev parsing with their errors, the "drive" qdev link, and
 * concurrent writers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <glib.h>

#include "block/block.h"
#include "hw/qdev.h"

#define MIB (1024 * 1024)

/* A temporary image of `size` bytes filled with a position-dependent pattern. */
static char *make_image(size_t size, uint8_t **contents)
{
    char *path = NULL;
    int fd = g_file_open_tmp("tern-blk-XXXXXX", &path, NULL);
    uint8_t *buf = g_malloc(size);

    g_assert_cmpint(fd, >=, 0);
    for (size_t i = 0; i < size; i++) {
        buf[i] = (uint8_t)(i * 7 + (i >> 12) + 1) | 1;      /* never zero */
    }
    g_assert_cmpint(write(fd, buf, size), ==, (ssize_t)size);
    g_assert_cmpint(fsync(fd), ==, 0);
    close(fd);
    if (contents) {
        *contents = buf;
    } else {
        g_free(buf);
    }
    return path;
}

static uint8_t *file_contents(const char *path, size_t *len)
{
    char *data = NULL;
    gsize l = 0;

    g_assert_true(g_file_get_contents(path, &data, &l, NULL));
    *len = l;
    return (uint8_t *)data;
}

static void remove_image(char *path)
{
    unlink(path);
    g_free(path);
}

/* ------------------------------------------------------------------ */

static void test_roundtrip(void)
{
    uint8_t *model;
    char *path = make_image(MIB, &model);
    GError *err = NULL;
    BlockBackend *blk = blk_new_open(path, "rt", false, &err);
    uint8_t buf[5000], *disk;
    struct iovec iov[3];
    char a[3] = "abc", b[1] = { 'd' }, c[4] = "efgh";
    size_t len;

    g_assert_no_error(err);
    g_assert(blk_find("rt") == blk);
    g_assert_cmpstr(blk_name(blk), ==, "rt");
    g_assert_cmpstr(blk_filename(blk), ==, path);
    g_assert_cmpint(blk_getlength(blk), ==, MIB);
    g_assert_false(blk_is_read_only(blk));
    g_assert_false(blk_supports_discard(blk));

    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (uint8_t)(i ^ 0x5a);
    }
    g_assert_cmpint(blk_pwrite(blk, 4096 + 13, buf, sizeof(buf)), ==, 0);
    memcpy(model + 4096 + 13, buf, sizeof(buf));
    memset(buf, 0, sizeof(buf));
    g_assert_cmpint(blk_pread(blk, 4096, buf, sizeof(buf)), ==, 0);
    g_assert_cmpmem(buf, sizeof(buf), model + 4096, sizeof(buf));

    /* Vectored. */
    iov[0] = (struct iovec){ a, 3 };
    iov[1] = (struct iovec){ b, 1 };
    iov[2] = (struct iovec){ c, 4 };
    g_assert_cmpint(blk_pwritev(blk, MIB - 8, iov, 3), ==, 0);
    memcpy(model + MIB - 8, "abcdefgh", 8);
    memset(a, 0, 3);
    memset(c, 0, 4);
    g_assert_cmpint(blk_preadv(blk, MIB - 8, iov, 3), ==, 0);
    g_assert_cmpmem(a, 3, "abc", 3);
    g_assert_cmpmem(c, 4, "efgh", 4);

    /* Out of range: -EINVAL, nothing written. */
    g_assert_cmpint(blk_pwrite(blk, MIB - 4, buf, 8), ==, -EINVAL);
    g_assert_cmpint(blk_pread(blk, MIB, buf, 1), ==, -EINVAL);
    g_assert_cmpint(blk_pread(blk, -1, buf, 1), ==, -EINVAL);
    g_assert_cmpint(blk_pwritev(blk, MIB - 4, iov, 3), ==, -EINVAL);

    g_assert_cmpint(blk_flush(blk), ==, 0);
    blk_unref(blk);
    g_assert_null(blk_find("rt"));

    disk = file_contents(path, &len);
    g_assert_cmpuint(len, ==, MIB);
    g_assert_cmpmem(disk, len, model, MIB);
    g_free(disk);
    g_free(model);
    remove_image(path);
}

static void test_readonly(void)
{
    uint8_t *model, *disk;
    char *path = make_image(256 * 1024, &model);
    char *opts = g_strdup_printf("file=%s,format=raw,if=none,readonly=on,discard=unmap", path);
    GError *err = NULL;
    char *iface = NULL;
    BlockBackend *blk = blk_new_from_drive_opts(opts, &iface, &err);
    uint8_t buf[512];
    size_t len;

    g_assert_no_error(err);
    g_assert_cmpstr(iface, ==, "none");
    g_assert_true(blk_is_read_only(blk));
    g_assert_false(blk_supports_discard(blk));
    memset(buf, 0, sizeof(buf));
    g_assert_cmpint(blk_pwrite(blk, 0, buf, sizeof(buf)), ==, -EROFS);
    g_assert_cmpint(blk_discard(blk, 0, 4096), ==, -EROFS);
    g_assert_cmpint(blk_write_zeroes(blk, 0, 4096, true), ==, -EROFS);
    g_assert_cmpint(blk_pread(blk, 512, buf, sizeof(buf)), ==, 0);
    g_assert_cmpmem(buf, sizeof(buf), model + 512, sizeof(buf));
    g_assert_cmpint(blk_flush(blk), ==, 0);
    blk_unref(blk);

    disk = file_contents(path, &len);
    g_assert_cmpmem(disk, len, model, 256 * 1024);
    g_free(disk);
    g_free(iface);
    g_free(opts);
    g_free(model);
    remove_image(path);
}

static void test_snapshot(void)
{
    const size_t size = 1 * MIB + 12345;        /* last cluster partial */
    uint8_t *orig, *model, *disk, *buf;
    char *path = make_image(size, &orig);
    char *opts = g_strdup_printf("file=%s,format=raw,snapshot=on,id=snap", path);
    GError *err = NULL;
    BlockBackend *blk = blk_new_from_drive_opts(opts, NULL, &err);
    const size_t C = 64 * 1024;
    static const struct { size_t off, len; } writes[] = {
        { 100, 50 },                  /* partial, first cluster */
        { 2 * 64 * 1024, 64 * 1024 }, /* a whole cluster */
        { 3 * 64 * 1024 - 10, 20 },   /* across two clusters */
        { 120, 10 },                  /* again in an overlay cluster */
        { 1 * MIB + 12000, 345 },     /* the partial last cluster, to the end */
        { 5 * 64 * 1024 + 1, 3 * 64 * 1024 },  /* several, unaligned */
    };
    size_t len;

    g_assert_no_error(err);
    g_assert_false(blk_is_read_only(blk));
    model = g_memdup2(orig, size);
    buf = g_malloc(size);
    for (unsigned w = 0; w < G_N_ELEMENTS(writes); w++) {
        uint8_t *data = g_malloc(writes[w].len);
        for (size_t i = 0; i < writes[w].len; i++) {
            data[i] = (uint8_t)(0xa0 + w + i);
        }
        g_assert_cmpint(blk_pwrite(blk, writes[w].off, data, writes[w].len), ==, 0);
        memcpy(model + writes[w].off, data, writes[w].len);
        g_free(data);
    }
    /* Reads of every shape see the writes over the image. */
    g_assert_cmpint(blk_pread(blk, 0, buf, size), ==, 0);
    g_assert_cmpmem(buf, size, model, size);
    for (size_t off = 0; off + 3000 < size; off += C / 3 + 777) {
        g_assert_cmpint(blk_pread(blk, off, buf, 3000), ==, 0);
        g_assert_cmpmem(buf, 3000, model + off, 3000);
    }
    /* write_zeroes and discard go to the overlay as well. */
    g_assert_cmpint(blk_write_zeroes(blk, 10 * C + 5, 100, true), ==, 0);
    memset(model + 10 * C + 5, 0, 100);
    g_assert_cmpint(blk_pread(blk, 10 * C, buf, C), ==, 0);
    g_assert_cmpmem(buf, C, model + 10 * C, C);
    g_assert_cmpint(blk_flush(blk), ==, 0);

    /* The image did not change, before or after closing. */
    disk = file_contents(path, &len);
    g_assert_cmpmem(disk, len, orig, size);
    g_free(disk);
    blk_unref(blk);
    disk = file_contents(path, &len);
    g_assert_cmpmem(disk, len, orig, size);
    g_free(disk);

    g_free(buf);
    g_free(model);
    g_free(orig);
    g_free(opts);
    remove_image(path);
}

static void test_discard(void)
{
    const size_t size = 4 * MIB;
    char *path = make_image(size, NULL);
    char *opts = g_strdup_printf("file=%s,discard=unmap,id=dis", path);
    char *opts2 = g_strdup_printf("file=%s,id=ign", path);
    GError *err = NULL;
    BlockBackend *blk = blk_new_from_drive_opts(opts, NULL, &err);
    struct stat before, after;
    uint8_t *buf = g_malloc(2 * MIB);

    g_assert_no_error(err);
    g_assert_true(blk_supports_discard(blk));
    g_assert_cmpint(stat(path, &before), ==, 0);
    g_assert_cmpint(blk_discard(blk, MIB, 2 * MIB), ==, 0);
    g_assert_cmpint(stat(path, &after), ==, 0);
    g_test_message("st_blocks %lld -> %lld", (long long)before.st_blocks,
                   (long long)after.st_blocks);
    /* 2 MiB are 4096 blocks of 512 bytes. */
    g_assert_cmpint(before.st_blocks - after.st_blocks, >=, 4096);
    g_assert_cmpint(after.st_size, ==, size);
    g_assert_cmpint(blk_pread(blk, MIB, buf, 2 * MIB), ==, 0);
    for (size_t i = 0; i < 2 * MIB; i++) {
        if (buf[i]) {
            g_error("byte %zu of the discarded range is 0x%x", i, buf[i]);
        }
    }
    g_assert_cmpint(blk_pread(blk, MIB - 1, buf, 1), ==, 0);
    g_assert_cmpuint(buf[0], !=, 0);
    g_assert_cmpint(blk_pread(blk, 3 * MIB, buf, 1), ==, 0);
    g_assert_cmpuint(buf[0], !=, 0);
    blk_unref(blk);

    /* discard=ignore (the default): accepted, nothing happens. */
    blk = blk_new_from_drive_opts(opts2, NULL, &err);
    g_assert_no_error(err);
    g_assert_false(blk_supports_discard(blk));
    g_assert_cmpint(blk_discard(blk, 0, MIB), ==, 0);
    g_assert_cmpint(blk_pread(blk, 4096, buf, 1), ==, 0);
    g_assert_cmpuint(buf[0], !=, 0);
    blk_unref(blk);

    g_free(buf);
    g_free(opts);
    g_free(opts2);
    remove_image(path);
}

static void test_write_zeroes(void)
{
    uint8_t *model, *disk;
    char *path = make_image(MIB, &model);
    GError *err = NULL;
    BlockBackend *blk = blk_new_open(path, NULL, false, &err);
    size_t len;

    g_assert_no_error(err);
    g_assert_true(g_str_has_prefix(blk_name(blk), "drive"));
    g_assert_cmpint(blk_write_zeroes(blk, 1000, 70000, false), ==, 0);
    memset(model + 1000, 0, 70000);
    g_assert_cmpint(blk_write_zeroes(blk, 200000, 4096, true), ==, 0);
    memset(model + 200000, 0, 4096);
    g_assert_cmpint(blk_write_zeroes(blk, MIB - 10, 20, false), ==, -EINVAL);
    blk_unref(blk);
    disk = file_contents(path, &len);
    g_assert_cmpuint(len, ==, MIB);
    g_assert_cmpmem(disk, len, model, MIB);
    g_free(disk);
    g_free(model);
    remove_image(path);
}

/* cache=none: O_DIRECT where the file system has it, unaligned accesses
 * through bounce buffers; the result is the same bytes. */
static void test_direct(void)
{
    const size_t size = MIB + 1000;             /* not a multiple of 4 KiB */
    uint8_t *model, *disk, buf[9000];
    char *path = make_image(size, &model);
    char *opts = g_strdup_printf("file=%s,cache=none", path);
    GError *err = NULL;
    BlockBackend *blk = blk_new_from_drive_opts(opts, NULL, &err);
    size_t len;

    g_assert_no_error(err);
    for (size_t i = 0; i < sizeof(buf); i++) {
        buf[i] = (uint8_t)(i * 3);
    }
    g_assert_cmpint(blk_pwrite(blk, 4096, buf, 4096), ==, 0);
    memcpy(model + 4096, buf, 4096);
    g_assert_cmpint(blk_pwrite(blk, 10001, buf + 1, 7777), ==, 0);
    memcpy(model + 10001, buf + 1, 7777);
    g_assert_cmpint(blk_pwrite(blk, size - 100, buf, 100), ==, 0);
    memcpy(model + size - 100, buf, 100);
    g_assert_cmpint(blk_pread(blk, 3, buf, 9000), ==, 0);
    g_assert_cmpmem(buf, 9000, model + 3, 9000);
    g_assert_cmpint(blk_pread(blk, size - 500, buf + 1, 500), ==, 0);
    g_assert_cmpmem(buf + 1, 500, model + size - 500, 500);
    g_assert_cmpint(blk_write_zeroes(blk, 20000, 5000, false), ==, 0);
    memset(model + 20000, 0, 5000);
    g_assert_cmpint(blk_flush(blk), ==, 0);
    blk_unref(blk);

    disk = file_contents(path, &len);
    g_assert_cmpuint(len, ==, size);
    g_assert_cmpmem(disk, len, model, size);
    g_free(disk);
    g_free(model);
    g_free(opts);
    remove_image(path);
}

static void assert_drive_error(const char *opts, bool blockdev, const char *needle)
{
    GError *err = NULL;
    BlockBackend *blk = blockdev ? blk_new_from_blockdev_opts(opts, &err)
                                 : blk_new_from_drive_opts(opts, NULL, &err);

    g_assert_null(blk);
    g_assert_nonnull(err);
    if (!strstr(err->message, needle)) {
        g_error("%s: message '%s' lacks '%s'", opts, err->message, needle);
    }
    g_error_free(err);
}

static void test_parsing(void)
{
    char *path = make_image(64 * 1024, NULL);
    char *s;
    GError *err = NULL;
    BlockBackend *blk;
    char *iface = NULL;
    int fd;

    assert_drive_error("file=/nonexistent/disk.img", false,
                       "could not open disk image '/nonexistent/disk.img'");
    assert_drive_error("file=/nonexistent/disk.img", false, "No such file");
    assert_drive_error("format=raw", false, "file=PATH is required");
    s = g_strdup_printf("file=%s,bogus=1", path);
    assert_drive_error(s, false, "unknown option 'bogus'");
    g_free(s);
    s = g_strdup_printf("file=%s,format=qcow2", path);
    assert_drive_error(s, false, "qcow2 is not supported yet");
    assert_drive_error(s, false, "qemu-img convert -O raw");
    g_free(s);
    s = g_strdup_printf("file=%s,format=vmdk", path);
    assert_drive_error(s, false, "unknown format 'vmdk'");
    g_free(s);
    s = g_strdup_printf("file=%s,cache=sometimes", path);
    assert_drive_error(s, false, "cache=sometimes");
    g_free(s);
    s = g_strdup_printf("file=%s,readonly=perhaps", path);
    assert_drive_error(s, false, "readonly='perhaps'");
    g_free(s);
    s = g_strdup_printf("file=%s,if=ide", path);
    assert_drive_error(s, false, "if=ide is not supported");
    g_free(s);
    /* A directory is not an image; the message names it. */
    s = g_strdup_printf("file=%s", g_get_tmp_dir());
    assert_drive_error(s, false, g_get_tmp_dir());
    g_free(s);

    /* -drive with every option. */
    s = g_strdup_printf("file=%s,format=raw,if=virtio,id=d0,cache=writethrough,"
                        "discard=unmap,snapshot=off,readonly=off", path);
    blk = blk_new_from_drive_opts(s, &iface, &err);
    g_assert_no_error(err);
    g_assert_cmpstr(iface, ==, "virtio");
    g_assert(blk_find("d0") == blk);
    g_assert_true(blk_supports_discard(blk));
    g_free(iface);
    iface = NULL;
    /* Same id again: refused. */
    assert_drive_error(s, false, "'d0' already exists");
    g_free(s);
    blk_unref(blk);

    /* -blockdev, long and short forms. */
    s = g_strdup_printf("driver=raw,node-name=n0,file.driver=file,file.filename=%s,"
                        "read-only=on,cache.direct=off,cache.no-flush=on,discard=unmap", path);
    blk = blk_new_from_blockdev_opts(s, &err);
    g_assert_no_error(err);
    g_assert(blk_find("n0") == blk);
    g_assert_true(blk_is_read_only(blk));
    g_assert_cmpint(blk_getlength(blk), ==, 64 * 1024);
    blk_unref(blk);
    g_free(s);
    s = g_strdup_printf("driver=file,node-name=n1,filename=%s", path);
    blk = blk_new_from_blockdev_opts(s, &err);
    g_assert_no_error(err);
    g_assert(blk_find("n1") == blk);
    g_assert_false(blk_is_read_only(blk));
    blk_unref(blk);
    g_free(s);
    s = g_strdup_printf("driver=qcow2,node-name=q,file.driver=file,file.filename=%s", path);
    assert_drive_error(s, true, "qcow2 is not supported yet");
    g_free(s);
    s = g_strdup_printf("driver=raw,node-name=x,file.filename=%s,colour=blue", path);
    assert_drive_error(s, true, "unknown option 'colour'");
    g_free(s);
    assert_drive_error("driver=raw,node-name=x", true, "file.filename=PATH is required");
    assert_drive_error("node-name=x,filename=/tmp/x", true, "driver= is required");
    assert_drive_error("driver=raw,file.driver=file,file.filename=/nonexistent/b.img", true,
                       "'/nonexistent/b.img'");

    /* A qcow2 file without format=: refused, not silently used raw. */
    fd = open(path, O_WRONLY);
    g_assert_cmpint(pwrite(fd, "QFI\xfb", 4, 0), ==, 4);
    close(fd);
    s = g_strdup_printf("file=%s", path);
    assert_drive_error(s, false, "is a qcow2 image");
    g_free(s);
    s = g_strdup_printf("file=%s,format=raw", path);
    blk = blk_new_from_drive_opts(s, NULL, &err);
    g_assert_no_error(err);
    blk_unref(blk);
    g_free(s);
    remove_image(path);
}

/* The "drive" link kind: a device property that names a backend. */
typedef struct DiskDev {
    DeviceState parent;
    BlockBackend *blk;
} DiskDev;

static const Property disk_props[] = {
    DEFINE_PROP_LINK("drive", DiskDev, blk, "drive"),
    DEFINE_PROP_END,
};

const DeviceClass test_disk_class = {
    .name = "test-disk",
    .instance_size = sizeof(DiskDev),
    .props = disk_props,
    .user_creatable = true,
};

static void test_drive_link(void)
{
    char *path = make_image(4096, NULL);
    GError *err = NULL;
    BlockBackend *blk = blk_new_open(path, "hd0", false, &err);
    DeviceState *dev;

    g_assert_no_error(err);
    device_class_register(&test_disk_class);
    dev = device_new_from_opts("test-disk,drive=hd0", &err);
    g_assert_no_error(err);
    g_assert(((DiskDev *)dev)->blk == blk);
    device_free(dev);
    g_assert_null(device_new_from_opts("test-disk,drive=hd9", &err));
    g_assert_nonnull(strstr(err->message, "drive=hd9: no drive with that id"));
    g_clear_error(&err);
    blk_unref(blk);
    remove_image(path);
}

typedef struct Writer {
    BlockBackend *blk;
    unsigned index;
    int failures;
} Writer;

#define WRITER_SPAN (256 * 1024)

static gpointer writer_thread(gpointer opaque)
{
    Writer *w = opaque;
    uint8_t buf[4096];

    for (unsigned i = 0; i < WRITER_SPAN / sizeof(buf); i++) {
        memset(buf, (int)(w->index * 64 + i % 64), sizeof(buf));
        if (blk_pwrite(w->blk, (int64_t)w->index * WRITER_SPAN + i * sizeof(buf),
                       buf, sizeof(buf)) != 0) {
            w->failures++;
        }
    }
    return NULL;
}

static void run_writers(const char *opts_fmt)
{
    char *path = make_image(4 * WRITER_SPAN, NULL);
    char *opts = g_strdup_printf(opts_fmt, path);
    GError *err = NULL;
    BlockBackend *blk = blk_new_from_drive_opts(opts, NULL, &err);
    Writer w[4];
    GThread *t[4];
    uint8_t *disk;
    size_t len;

    g_assert_no_error(err);
    for (unsigned i = 0; i < 4; i++) {
        w[i] = (Writer){ .blk = blk, .index = i };
        t[i] = g_thread_new("writer", writer_thread, &w[i]);
    }
    for (unsigned i = 0; i < 4; i++) {
        g_thread_join(t[i]);
        g_assert_cmpint(w[i].failures, ==, 0);
    }
    g_assert_cmpint(blk_flush(blk), ==, 0);
    blk_unref(blk);
    disk = file_contents(path, &len);
    g_assert_cmpuint(len, ==, 4 * WRITER_SPAN);
    for (size_t off = 0; off < len; off++) {
        unsigned idx = off / WRITER_SPAN, blkno = (off % WRITER_SPAN) / 4096;
        if (disk[off] != (uint8_t)(idx * 64 + blkno % 64)) {
            g_error("byte %zu is 0x%x", off, disk[off]);
        }
    }
    g_free(disk);
    g_free(opts);
    remove_image(path);
}

static void test_concurrent(void)
{
    run_writers("file=%s");
    run_writers("file=%s,cache=none");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/block/roundtrip", test_roundtrip);
    g_test_add_func("/block/readonly", test_readonly);
    g_test_add_func("/block/snapshot", test_snapshot);
    g_test_add_func("/block/discard", test_discard);
    g_test_add_func("/block/write-zeroes", test_write_zeroes);
    g_test_add_func("/block/direct", test_direct);
    g_test_add_func("/block/parsing", test_parsing);
    g_test_add_func("/block/drive-link", test_drive_link);
    g_test_add_func("/block/concurrent", test_concurrent);
    return g_test_run();
}
