/*
 * Private to block/: the BlockBackend structure shared by the raw file
 * layer (block-backend.c) and the snapshot overlay (snapshot-overlay.c).
 */
#ifndef BLOCK_INTERNAL_H
#define BLOCK_INTERNAL_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

#include "block/block.h"

#define BLK_DIRECT_ALIGN 4096          /* O_DIRECT offset/length/buffer alignment */
#define OVERLAY_CLUSTER  (64 * 1024)

typedef struct Overlay {
    int fd;                  /* unlinked temporary file, sparse */
    uint64_t nclusters;
    uint8_t *bitmap;         /* bit set: cluster lives in the overlay */
    GRWLock lock;            /* writers exclusive (copy-on-write of a cluster) */
} Overlay;

struct BlockBackend {
    char *name;
    char *filename;
    int fd;
    int64_t length;
    bool readonly;
    bool discard_unmap;
    bool no_flush;           /* cache=unsafe / cache.no-flush=on */
    bool direct;             /* opened with O_DIRECT */
    GRWLock rmw_lock;        /* O_DIRECT: unaligned writes exclusive */
    Overlay *overlay;        /* snapshot=on */
};

/* Raw positional I/O on the image, honouring O_DIRECT alignment. */
int blk_raw_pread(BlockBackend *blk, int64_t offset, void *buf, size_t len);
int blk_raw_pwrite(BlockBackend *blk, int64_t offset, const void *buf, size_t len);

/* snapshot-overlay.c */
bool overlay_create(BlockBackend *blk, GError **errp);
void overlay_free(Overlay *o);
int overlay_pread(BlockBackend *blk, int64_t offset, void *buf, size_t len);
int overlay_pwrite(BlockBackend *blk, int64_t offset, const void *buf, size_t len);

#endif
