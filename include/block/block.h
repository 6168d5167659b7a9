/*
 * Block backends: what a disk device (virtio-blk) reads and writes.  Raw
 * image files only for now (qcow2 is a later issue: a qcow2 file given as
 * format=raw is used raw, and format=qcow2 is refused with that reason).
 *
 *   -drive file=PATH,format=raw,if=virtio|none[,id=ID][,readonly=on]
 *          [,cache=writeback|none|writethrough|directsync|unsafe]
 *          [,discard=ignore|unmap][,snapshot=on]
 *   -blockdev driver=raw,node-name=ID,file.driver=file,file.filename=PATH
 *             [,read-only=on][,cache.direct=on][,cache.no-flush=on][,discard=unmap]
 *   (also the short form -blockdev driver=file,node-name=ID,filename=PATH)
 *
 * Semantics:
 *   - blk_flush reaches the disk (fdatasync), except with cache=unsafe.
 *   - cache=none / cache.direct=on open with O_DIRECT (falling back, with a
 *     warning, where the file system refuses it); writethrough and
 *     directsync also open with O_DSYNC.
 *   - readonly: writes, discards and write-zeroes fail with -EROFS.
 *   - snapshot=on: the image is opened read-only and writes go to a
 *     temporary overlay (an unlinked sparse file plus a bitmap of written
 *     clusters), so the image never changes.
 *   - discard=unmap passes discards to the file (fallocate PUNCH_HOLE);
 *     discard=ignore (the default, as in QEMU) accepts and ignores them.
 *
 * Thread safety: blk_pread/pwrite/flush/discard/write_zeroes may run on
 * worker threads (thread_pool_submit) concurrently for different ranges.
 * Everything else runs on the main thread with the BQL.
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

typedef struct BlockBackend BlockBackend;

/* Parse an option string (-drive or -blockdev syntax) and open it.  For
 * -drive, *if_out (may be NULL) receives the if= value ("virtio", "none").
 * The backend is findable by id/node-name (default "drive0", "drive1"...). */
BlockBackend *blk_new_from_drive_opts(const char *opts, char **if_out, GError **errp);
BlockBackend *blk_new_from_blockdev_opts(const char *opts, GError **errp);
/* Open a raw file directly (tests, machines). */
BlockBackend *blk_new_open(const char *path, const char *id, bool readonly,
                           GError **errp);
BlockBackend *blk_find(const char *id);
void blk_unref(BlockBackend *blk);     /* closes and frees (drops a snapshot overlay) */

const char *blk_name(const BlockBackend *blk);
const char *blk_filename(const BlockBackend *blk);
int64_t blk_getlength(BlockBackend *blk);      /* bytes; negative errno on failure */
bool blk_is_read_only(const BlockBackend *blk);
bool blk_supports_discard(const BlockBackend *blk);   /* discard=unmap */

/* Return 0 or a negative errno.  Offsets/lengths beyond the end fail with
 * -EINVAL (callers check against blk_getlength first). */
int blk_pread(BlockBackend *blk, int64_t offset, void *buf, size_t len);
int blk_pwrite(BlockBackend *blk, int64_t offset, const void *buf, size_t len);
/* Vectored forms (virtio descriptors map to several host buffers). */
int blk_preadv(BlockBackend *blk, int64_t offset, const struct iovec *iov, int iovcnt);
int blk_pwritev(BlockBackend *blk, int64_t offset, const struct iovec *iov, int iovcnt);
int blk_flush(BlockBackend *blk);
int blk_discard(BlockBackend *blk, int64_t offset, int64_t len);
/* Zero a range; with may_unmap, may punch a hole instead of writing. */
int blk_write_zeroes(BlockBackend *blk, int64_t offset, int64_t len, bool may_unmap);

#endif /* BLOCK_BLOCK_H */
