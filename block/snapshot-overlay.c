/*
 * snapshot=on (block/block.h): the image is opened read-only and every
 * write goes to an unlinked, sparse temporary file of the same size.  A
 * bitmap says which 64 KiB clusters live in the overlay; a partial write
 * to a cluster not yet there first copies the cluster from the image.
 * Reads take each cluster from wherever it lives.  The image never
 * changes; the overlay vanishes when the backend is closed (or the
 * process dies).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "block-internal.h"

static int tmp_file(void)
{
    const char *dir = g_get_tmp_dir();
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

    if (fd < 0) {
        /* O_TMPFILE unsupported here: create and unlink at once. */
        char *path = g_build_filename(dir, "tern-snapshot-XXXXXX", NULL);
        fd = g_mkstemp_full(path, O_RDWR | O_CLOEXEC, 0600);
        if (fd >= 0) {
            unlink(path);
        }
        g_free(path);
    }
    return fd;
}

bool overlay_create(BlockBackend *blk, GError **errp)
{
    Overlay *o;
    int fd = tmp_file();

    if (fd < 0 || ftruncate(fd, blk->length) < 0) {
        int e = errno;
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(e),
                    "snapshot=on: cannot create the temporary overlay for '%s' in %s: %s "
                    "(set TMPDIR to a writable directory)",
                    blk->filename, g_get_tmp_dir(), g_strerror(e));
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    o = g_new0(Overlay, 1);
    o->fd = fd;
    o->nclusters = ((uint64_t)blk->length + OVERLAY_CLUSTER - 1) / OVERLAY_CLUSTER;
    o->bitmap = g_malloc0(o->nclusters / 8 + 1);
    g_rw_lock_init(&o->lock);
    blk->overlay = o;
    return true;
}

void overlay_free(Overlay *o)
{
    close(o->fd);
    g_free(o->bitmap);
    g_rw_lock_clear(&o->lock);
    g_free(o);
}

static bool in_overlay(const Overlay *o, uint64_t c)
{
    return o->bitmap[c / 8] & (1u << (c % 8));
}

static int ovl_pread(int fd, void *buf, size_t len, int64_t off)
{
    uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pread(fd, p, len, off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0) {
            memset(p, 0, len);
            return 0;
        }
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

static int ovl_pwrite(int fd, const void *buf, size_t len, int64_t off)
{
    const uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EIO;
        }
        p += n;
        off += n;
        len -= n;
    }
    return 0;
}

int overlay_pread(BlockBackend *blk, int64_t offset, void *buf, size_t len)
{
    Overlay *o = blk->overlay;
    uint8_t *p = buf;
    int ret = 0;

    g_rw_lock_reader_lock(&o->lock);
    while (len > 0 && ret == 0) {
        uint64_t c = (uint64_t)offset / OVERLAY_CLUSTER;
        size_t n = MIN(len, (size_t)((c + 1) * OVERLAY_CLUSTER - (uint64_t)offset));

        ret = in_overlay(o, c) ? ovl_pread(o->fd, p, n, offset)
                               : blk_raw_pread(blk, offset, p, n);
        p += n;
        offset += n;
        len -= n;
    }
    g_rw_lock_reader_unlock(&o->lock);
    return ret;
}

int overlay_pwrite(BlockBackend *blk, int64_t offset, const void *buf, size_t len)
{
    Overlay *o = blk->overlay;
    const uint8_t *p = buf;
    uint8_t *cluster = NULL;
    int ret = 0;

    g_rw_lock_writer_lock(&o->lock);
    while (len > 0 && ret == 0) {
        uint64_t c = (uint64_t)offset / OVERLAY_CLUSTER;
        int64_t cstart = (int64_t)(c * OVERLAY_CLUSTER);
        int64_t cend = MIN(cstart + OVERLAY_CLUSTER, blk->length);
        size_t n = MIN(len, (size_t)(cend - offset));

        if (in_overlay(o, c) || (offset == cstart && offset + (int64_t)n == cend)) {
            ret = ovl_pwrite(o->fd, p, n, offset);
        } else {
            /* Copy the cluster up from the image, then apply the write. */
            if (!cluster) {
                cluster = g_malloc(OVERLAY_CLUSTER);
            }
            ret = blk_raw_pread(blk, cstart, cluster, cend - cstart);
            if (ret == 0) {
                memcpy(cluster + (offset - cstart), p, n);
                ret = ovl_pwrite(o->fd, cluster, cend - cstart, cstart);
            }
        }
        if (ret == 0) {
            o->bitmap[c / 8] |= 1u << (c % 8);
        }
        p += n;
        offset += n;
        len -= n;
    }
    g_rw_lock_writer_unlock(&o->lock);
    g_free(cluster);
    return ret;
}
