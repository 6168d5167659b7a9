/*
 * Block backends (block/block.h): raw image files opened from -drive and
 * -blockdev options, with the cache modes, flush, discard, write-zeroes
 * and read-only semantics the header documents; snapshot=on sends writes
 * to block/snapshot-overlay.c.  Also the qdev link kind "drive".
 *
 * I/O functions use pread/pwrite on one fd and may run on worker threads
 * concurrently.  With O_DIRECT, accesses that are not 4 KiB aligned go
 * through an aligned bounce buffer (unaligned writes read-modify-write,
 * exclusive against other writes).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "block/block.h"
#include "hw/qdev.h"
#include "block-internal.h"

#define BLOCK_ERROR g_quark_from_static_string("block-error")

static GPtrArray *backends;          /* BlockBackend *, main thread only */

/* ------------------------------------------------------------------ */
/* Raw I/O */

static int full_pread(int fd, void *buf, size_t len, int64_t off)
{
    uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pread(fd, p, len, off);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            memset(p, 0, len);        /* past the end of the file: zeros */
            return 0;
        }
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

static int full_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    const uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, off);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

static bool is_aligned(int64_t offset, const void *buf, size_t len)
{
    return ((uint64_t)offset | (uintptr_t)buf | len) % BLK_DIRECT_ALIGN == 0;
}

int blk_raw_pread(BlockBackend *blk, int64_t offset, void *buf, size_t len)
{
    int64_t start, end;
    uint8_t *bounce;
    int ret;

    if (!blk->direct || is_aligned(offset, buf, len)) {
        return full_pread(blk->fd, buf, len, offset);
    }
    start = offset & ~(int64_t)(BLK_DIRECT_ALIGN - 1);
    end = (offset + (int64_t)len + BLK_DIRECT_ALIGN - 1) & ~(int64_t)(BLK_DIRECT_ALIGN - 1);
    if (posix_memalign((void **)&bounce, BLK_DIRECT_ALIGN, end - start)) {
        return -ENOMEM;
    }
    ret = full_pread(blk->fd, bounce, end - start, start);
    if (ret == 0) {
        memcpy(buf, bounce + (offset - start), len);
    }
    free(bounce);
    return ret;
}

int blk_raw_pwrite(BlockBackend *blk, int64_t offset, const void *buf, size_t len)
{
    int64_t start, end;
    uint8_t *bounce;
    int ret;

    if (!blk->direct) {
        return full_pwrite(blk->fd, buf, len, offset);
    }
    if (is_aligned(offset, buf, len) ||
        ((uint64_t)offset | len) % BLK_DIRECT_ALIGN == 0) {
        /* Only the buffer may need copying: no read-modify-write. */
        g_rw_lock_reader_lock(&blk->rmw_lock);
        if (is_aligned(offset, buf, len)) {
            ret = full_pwrite(blk->fd, buf, len, offset);
        } else if (posix_memalign((void **)&bounce, BLK_DIRECT_ALIGN, len)) {
            ret = -ENOMEM;
        } else {
            memcpy(bounce, buf, len);
            ret = full_pwrite(blk->fd, bounce, len, offset);
            free(bounce);
        }
        g_rw_lock_reader_unlock(&blk->rmw_lock);
        return ret;
    }
    start = offset & ~(int64_t)(BLK_DIRECT_ALIGN - 1);
    end = (offset + (int64_t)len + BLK_DIRECT_ALIGN - 1) & ~(int64_t)(BLK_DIRECT_ALIGN - 1);
    if (posix_memalign((void **)&bounce, BLK_DIRECT_ALIGN, end - start)) {
        return -ENOMEM;
    }
    g_rw_lock_writer_lock(&blk->rmw_lock);
    ret = full_pread(blk->fd, bounce, end - start, start);
    if (ret == 0) {
        memcpy(bounce + (offset - start), buf, len);
        /* Do not grow the file past its end by rounding up. */
        ret = full_pwrite(blk->fd, bounce, end - start, start);
        if (ret == 0 && end > blk->length && ftruncate(blk->fd, blk->length) < 0) {
            ret = -errno;
        }
    }
    g_rw_lock_writer_unlock(&blk->rmw_lock);
    free(bounce);
    return ret;
}

/* ------------------------------------------------------------------ */
/* The public I/O interface */

static int check_range(BlockBackend *blk, int64_t offset, uint64_t len)
{
    if (offset < 0 || (uint64_t)offset > (uint64_t)blk->length ||
        len > (uint64_t)blk->length - (uint64_t)offset) {
        return -EINVAL;
    }
    return 0;
}

int blk_pread(BlockBackend *blk, int64_t offset, void *buf, size_t len)
{
    int ret = check_range(blk, offset, len);

    if (ret < 0 || len == 0) {
        return ret;
    }
    return blk->overlay ? overlay_pread(blk, offset, buf, len)
                        : blk_raw_pread(blk, offset, buf, len);
}

int blk_pwrite(BlockBackend *blk, int64_t offset, const void *buf, size_t len)
{
    int ret = check_range(blk, offset, len);

    if (ret < 0) {
        return ret;
    }
    if (blk->readonly) {
        return -EROFS;
    }
    if (len == 0) {
        return 0;
    }
    return blk->overlay ? overlay_pwrite(blk, offset, buf, len)
                        : blk_raw_pwrite(blk, offset, buf, len);
}

static size_t iov_size(const struct iovec *iov, int iovcnt)
{
    size_t n = 0;

    for (int i = 0; i < iovcnt; i++) {
        n += iov[i].iov_len;
    }
    return n;
}

int blk_preadv(BlockBackend *blk, int64_t offset, const struct iovec *iov, int iovcnt)
{
    size_t total = iov_size(iov, iovcnt);
    int ret = check_range(blk, offset, total);

    if (ret < 0) {
        return ret;
    }
    /* Each piece on its own: the pieces are guest buffers of any size. */
    for (int i = 0; i < iovcnt && ret == 0; i++) {
        ret = blk_pread(blk, offset, iov[i].iov_base, iov[i].iov_len);
        offset += iov[i].iov_len;
    }
    return ret;
}

int blk_pwritev(BlockBackend *blk, int64_t offset, const struct iovec *iov, int iovcnt)
{
    size_t total = iov_size(iov, iovcnt);
    int ret = check_range(blk, offset, total);

    if (ret < 0) {
        return ret;
    }
    if (blk->readonly) {
        return -EROFS;
    }
    for (int i = 0; i < iovcnt && ret == 0; i++) {
        ret = blk_pwrite(blk, offset, iov[i].iov_base, iov[i].iov_len);
        offset += iov[i].iov_len;
    }
    return ret;
}

int blk_flush(BlockBackend *blk)
{
    /* The overlay is thrown away at exit: nothing to make durable. */
    if (blk->no_flush || blk->readonly || blk->overlay) {
        return 0;
    }
    return fdatasync(blk->fd) < 0 ? -errno : 0;
}

static int write_zero_buffer(BlockBackend *blk, int64_t offset, int64_t len)
{
    size_t chunk = 1024 * 1024;
    void *zeros;
    int ret = 0;

    if (posix_memalign(&zeros, BLK_DIRECT_ALIGN, chunk)) {
        return -ENOMEM;
    }
    memset(zeros, 0, chunk);
    while (len > 0 && ret == 0) {
        size_t n = (size_t)MIN((int64_t)chunk, len);
        ret = blk->overlay ? overlay_pwrite(blk, offset, zeros, n)
                           : blk_raw_pwrite(blk, offset, zeros, n);
        offset += n;
        len -= n;
    }
    free(zeros);
    return ret;
}

static int punch_hole(BlockBackend *blk, int64_t offset, int64_t len)
{
    if (fallocate(blk->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, len) < 0) {
        return -errno;
    }
    return 0;
}

int blk_discard(BlockBackend *blk, int64_t offset, int64_t len)
{
    int ret = check_range(blk, offset, len < 0 ? UINT64_MAX : (uint64_t)len);

    if (ret < 0) {
        return ret;
    }
    if (blk->readonly) {
        return -EROFS;
    }
    if (!blk->discard_unmap || len == 0) {
        return 0;
    }
    if (blk->overlay) {
        /* Discarded data may read as anything; zeros in the overlay keep
         * the image untouched. */
        return write_zero_buffer(blk, offset, len);
    }
    ret = punch_hole(blk, offset, len);
    /* A file system without hole punching: discard is only a hint. */
    return ret == -EOPNOTSUPP ? 0 : ret;
}

int blk_write_zeroes(BlockBackend *blk, int64_t offset, int64_t len, bool may_unmap)
{
    int ret = check_range(blk, offset, len < 0 ? UINT64_MAX : (uint64_t)len);

    if (ret < 0) {
        return ret;
    }
    if (blk->readonly) {
        return -EROFS;
    }
    if (len == 0) {
        return 0;
    }
    if (!blk->overlay) {
        if (may_unmap && blk->discard_unmap && punch_hole(blk, offset, len) == 0) {
            return 0;
        }
        if (!blk->direct || ((uint64_t)offset | (uint64_t)len) % BLK_DIRECT_ALIGN == 0) {
            if (fallocate(blk->fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE,
                          offset, len) == 0) {
                return 0;
            }
        }
    }
    return write_zero_buffer(blk, offset, len);
}

/* ------------------------------------------------------------------ */
/* Opening */

typedef struct OpenOpts {
    const char *what;        /* "-drive", "-blockdev" or NULL */
    char *file;
    char *id;
    char *format;
    bool readonly;
    bool direct;
    bool dsync;
    bool no_flush;
    bool discard_unmap;
    bool snapshot;
} OpenOpts;

static char *default_name(void)
{
    for (unsigned n = 0;; n++) {
        char *name = g_strdup_printf("drive%u", n);
        if (!blk_find(name)) {
            return name;
        }
        g_free(name);
    }
}

static BlockBackend *blk_open(const OpenOpts *o, GError **errp)
{
    BlockBackend *blk;
    int flags, fd;
    off_t len;
    char magic[4];
    bool base_ro = o->readonly || o->snapshot;
    const char *pfx = o->what ? o->what : "";
    const char *sep = o->what ? ": " : "";

    if (o->id && blk_find(o->id)) {
        g_set_error(errp, BLOCK_ERROR, 0, "%s%sa drive with id '%s' already exists",
                    pfx, sep, o->id);
        return NULL;
    }
    flags = (base_ro ? O_RDONLY : O_RDWR) | O_CLOEXEC;
    if (o->dsync) {
        flags |= O_DSYNC;
    }
    fd = open(o->file, flags | (o->direct ? O_DIRECT : 0));
    if (fd < 0 && o->direct && errno == EINVAL) {
        fprintf(stderr, "tern: warning: %s: the file system does not support O_DIRECT "
                "(cache=none / cache.direct=on); using the host page cache\n", o->file);
        fd = open(o->file, flags);
    } else if (fd >= 0 && o->direct) {
        flags |= O_DIRECT;
    }
    if (fd < 0) {
        int e = errno;
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(e),
                    "%s%scould not open disk image '%s'%s: %s", pfx, sep, o->file,
                    base_ro ? " (read-only)" : "", g_strerror(e));
        return NULL;
    }
    len = lseek(fd, 0, SEEK_END);
    if (len < 0) {
        int e = errno;
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(e),
                    "%s%scannot get the size of '%s': %s", pfx, sep, o->file, g_strerror(e));
        close(fd);
        return NULL;
    }
    /* No format given: refuse to treat a qcow2 image as raw by accident. */
    if (!o->format && pread(fd, magic, 4, 0) == 4 && memcmp(magic, "QFI\xfb", 4) == 0 &&
        !(flags & O_DIRECT)) {
        g_set_error(errp, BLOCK_ERROR, 0,
                    "%s%s'%s' is a qcow2 image; qcow2 is not supported yet: convert it "
                    "with qemu-img convert -O raw, or pass format=raw to use the bytes as they are",
                    pfx, sep, o->file);
        close(fd);
        return NULL;
    }
    blk = g_new0(BlockBackend, 1);
    blk->fd = fd;
    blk->name = o->id ? g_strdup(o->id) : default_name();
    blk->filename = g_strdup(o->file);
    blk->length = len;
    blk->readonly = o->readonly;
    blk->direct = (flags & O_DIRECT) != 0;
    blk->no_flush = o->no_flush;
    blk->discard_unmap = o->discard_unmap;
    g_rw_lock_init(&blk->rmw_lock);
    if (o->snapshot && !o->readonly && !overlay_create(blk, errp)) {
        g_prefix_error(errp, "%s%s", pfx, sep);
        close(fd);
        g_rw_lock_clear(&blk->rmw_lock);
        g_free(blk->name);
        g_free(blk->filename);
        g_free(blk);
        return NULL;
    }
    if (!backends) {
        backends = g_ptr_array_new();
    }
    g_ptr_array_add(backends, blk);
    return blk;
}

BlockBackend *blk_new_open(const char *path, const char *id, bool readonly,
                           GError **errp)
{
    OpenOpts o = { .file = (char *)path, .id = (char *)id, .readonly = readonly,
                   .format = (char *)"raw" };

    return blk_open(&o, errp);
}

/* Split at single commas (",," is a literal comma) into key/value pairs. */
static GPtrArray *split_opts(const char *s)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new("");

    for (const char *p = s; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',') {
            g_ptr_array_add(parts, g_string_free(cur, FALSE));
            cur = g_string_new("");
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    return parts;
}

static bool parse_bool(const char *what, const char *key, const char *v, bool *out,
                       GError **errp)
{
    if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "yes")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "no")) {
        *out = false;
    } else {
        g_set_error(errp, BLOCK_ERROR, 0, "%s: %s='%s': expected on or off", what, key, v);
        return false;
    }
    return true;
}

static bool check_format(const char *what, const char *fmt, GError **errp)
{
    if (!strcmp(fmt, "raw") || !strcmp(fmt, "file")) {
        return true;
    }
    if (!strcmp(fmt, "qcow2")) {
        g_set_error(errp, BLOCK_ERROR, 0,
                    "%s: qcow2 is not supported yet (a later issue); convert the image with "
                    "qemu-img convert -O raw IMAGE.qcow2 IMAGE.raw and use format=raw", what);
    } else {
        g_set_error(errp, BLOCK_ERROR, 0,
                    "%s: unknown format '%s' (supported: raw)", what, fmt);
    }
    return false;
}

static void open_opts_clear(OpenOpts *o)
{
    g_free(o->file);
    g_free(o->id);
    g_free(o->format);
}

BlockBackend *blk_new_from_drive_opts(const char *opts, char **if_out, GError **errp)
{
    GPtrArray *parts = split_opts(opts ? opts : "");
    OpenOpts o = { .what = "-drive" };
    char *iface = NULL;
    BlockBackend *blk = NULL;

    for (unsigned i = 0; i < parts->len; i++) {
        char *kv = g_ptr_array_index(parts, i);
        char *eq = strchr(kv, '=');
        const char *key = kv, *val = eq ? eq + 1 : "on";
        bool ok = true;

        if (!*kv) {
            continue;
        }
        if (eq) {
            *eq = '\0';
        }
        if (!strcmp(key, "file")) {
            g_free(o.file);
            o.file = g_strdup(val);
        } else if (!strcmp(key, "format")) {
            g_free(o.format);
            o.format = g_strdup(val);
            ok = check_format("-drive", val, errp);
        } else if (!strcmp(key, "if")) {
            if (strcmp(val, "virtio") && strcmp(val, "none")) {
                g_set_error(errp, BLOCK_ERROR, 0,
                            "-drive: if=%s is not supported (use if=virtio or if=none)", val);
                ok = false;
            }
            g_free(iface);
            iface = g_strdup(val);
        } else if (!strcmp(key, "id")) {
            g_free(o.id);
            o.id = g_strdup(val);
        } else if (!strcmp(key, "readonly") || !strcmp(key, "read-only")) {
            ok = parse_bool("-drive", key, val, &o.readonly, errp);
        } else if (!strcmp(key, "snapshot")) {
            ok = parse_bool("-drive", key, val, &o.snapshot, errp);
        } else if (!strcmp(key, "cache")) {
            o.direct = o.dsync = o.no_flush = false;
            if (!strcmp(val, "none")) {
                o.direct = true;
            } else if (!strcmp(val, "writethrough")) {
                o.dsync = true;
            } else if (!strcmp(val, "directsync")) {
                o.direct = o.dsync = true;
            } else if (!strcmp(val, "unsafe")) {
                o.no_flush = true;
            } else if (strcmp(val, "writeback")) {
                g_set_error(errp, BLOCK_ERROR, 0,
                            "-drive: cache=%s: expected writeback, none, writethrough, "
                            "directsync or unsafe", val);
                ok = false;
            }
        } else if (!strcmp(key, "discard")) {
            if (!strcmp(val, "unmap") || !strcmp(val, "on")) {
                o.discard_unmap = true;
            } else if (!strcmp(val, "ignore") || !strcmp(val, "off")) {
                o.discard_unmap = false;
            } else {
                g_set_error(errp, BLOCK_ERROR, 0,
                            "-drive: discard=%s: expected ignore or unmap", val);
                ok = false;
            }
        } else if (!strcmp(key, "media") && !strcmp(val, "disk")) {
            /* the only media we have */
        } else {
            g_set_error(errp, BLOCK_ERROR, 0,
                        "-drive: unknown option '%s' (known: file, format, if, id, readonly, "
                        "cache, discard, snapshot)", key);
            ok = false;
        }
        if (!ok) {
            goto out;
        }
    }
    if (!o.file || !*o.file) {
        g_set_error(errp, BLOCK_ERROR, 0, "-drive: file=PATH is required");
        goto out;
    }
    blk = blk_open(&o, errp);
    if (blk && if_out) {
        *if_out = g_strdup(iface ? iface : "virtio");
    }
out:
    g_free(iface);
    open_opts_clear(&o);
    g_ptr_array_free(parts, TRUE);
    return blk;
}

BlockBackend *blk_new_from_blockdev_opts(const char *opts, GError **errp)
{
    GPtrArray *parts = split_opts(opts ? opts : "");
    OpenOpts o = { .what = "-blockdev" };
    char *driver = NULL, *file_driver = NULL;
    BlockBackend *blk = NULL;
    bool ok = true;

    for (unsigned i = 0; i < parts->len && ok; i++) {
        char *kv = g_ptr_array_index(parts, i);
        char *eq = strchr(kv, '=');
        const char *key = kv, *val = eq ? eq + 1 : "on";

        if (!*kv) {
            continue;
        }
        if (eq) {
            *eq = '\0';
        }
        if (!strcmp(key, "driver")) {
            g_free(driver);
            driver = g_strdup(val);
        } else if (!strcmp(key, "node-name")) {
            g_free(o.id);
            o.id = g_strdup(val);
        } else if (!strcmp(key, "file.driver")) {
            g_free(file_driver);
            file_driver = g_strdup(val);
        } else if (!strcmp(key, "file.filename") || !strcmp(key, "filename")) {
            g_free(o.file);
            o.file = g_strdup(val);
        } else if (!strcmp(key, "read-only")) {
            ok = parse_bool("-blockdev", key, val, &o.readonly, errp);
        } else if (!strcmp(key, "cache.direct") || !strcmp(key, "file.cache.direct")) {
            ok = parse_bool("-blockdev", key, val, &o.direct, errp);
        } else if (!strcmp(key, "cache.no-flush") || !strcmp(key, "file.cache.no-flush")) {
            ok = parse_bool("-blockdev", key, val, &o.no_flush, errp);
        } else if (!strcmp(key, "discard") || !strcmp(key, "file.discard")) {
            if (!strcmp(val, "unmap") || !strcmp(val, "on")) {
                o.discard_unmap = true;
            } else if (!strcmp(val, "ignore") || !strcmp(val, "off")) {
                o.discard_unmap = false;
            } else {
                g_set_error(errp, BLOCK_ERROR, 0,
                            "-blockdev: discard=%s: expected ignore or unmap", val);
                ok = false;
            }
        } else {
            g_set_error(errp, BLOCK_ERROR, 0,
                        "-blockdev: unknown option '%s' (known: driver, node-name, "
                        "file.driver, file.filename, filename, read-only, cache.direct, "
                        "cache.no-flush, discard)", key);
            ok = false;
        }
    }
    if (!ok) {
        goto out;
    }
    if (!driver) {
        g_set_error(errp, BLOCK_ERROR, 0, "-blockdev: driver= is required (driver=raw or driver=file)");
        goto out;
    }
    if (!check_format("-blockdev", driver, errp)) {
        goto out;
    }
    if (file_driver && strcmp(file_driver, "file")) {
        g_set_error(errp, BLOCK_ERROR, 0,
                    "-blockdev: file.driver=%s is not supported (use file.driver=file)",
                    file_driver);
        goto out;
    }
    if (!o.file || !*o.file) {
        g_set_error(errp, BLOCK_ERROR, 0, "-blockdev: %s is required",
                    strcmp(driver, "file") ? "file.filename=PATH" : "filename=PATH");
        goto out;
    }
    o.format = g_strdup(driver);
    blk = blk_open(&o, errp);
out:
    g_free(driver);
    g_free(file_driver);
    open_opts_clear(&o);
    g_ptr_array_free(parts, TRUE);
    return blk;
}

BlockBackend *blk_find(const char *id)
{
    for (unsigned i = 0; id && backends && i < backends->len; i++) {
        BlockBackend *b = g_ptr_array_index(backends, i);
        if (!strcmp(b->name, id)) {
            return b;
        }
    }
    return NULL;
}

void blk_unref(BlockBackend *blk)
{
    if (!blk) {
        return;
    }
    if (backends) {
        g_ptr_array_remove(backends, blk);
    }
    if (blk->overlay) {
        overlay_free(blk->overlay);
    }
    close(blk->fd);
    g_rw_lock_clear(&blk->rmw_lock);
    g_free(blk->name);
    g_free(blk->filename);
    g_free(blk);
}

const char *blk_name(const BlockBackend *blk)
{
    return blk->name;
}

const char *blk_filename(const BlockBackend *blk)
{
    return blk->filename;
}

int64_t blk_getlength(BlockBackend *blk)
{
    return blk->length;
}

bool blk_is_read_only(const BlockBackend *blk)
{
    return blk->readonly;
}

bool blk_supports_discard(const BlockBackend *blk)
{
    return blk->discard_unmap && !blk->readonly;
}

/* ------------------------------------------------------------------ */
/* The qdev link kind "drive" */

static void *drive_link_resolve(const char *id, DeviceState *dev, GError **errp)
{
    BlockBackend *blk = blk_find(id);

    if (!blk) {
        g_set_error(errp, BLOCK_ERROR, 0,
                    "drive=%s: no drive with that id (define it with -drive if=none,id=%s,... "
                    "or -blockdev ...,node-name=%s)", id, id, id);
    }
    return blk;
}

static void drive_link_register(void)
{
    qdev_register_link_kind("drive", drive_link_resolve);
}
type_init(drive_link_register)
