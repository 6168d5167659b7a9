/*
 * Access dispatch for the memory API (exec/memory.h): address_space_rw
 * and friends walk the FlatView, copy to/from guest RAM and turn accesses
 * to I/O regions into device callbacks following each region's .valid
 * (what the guest may do) and .impl (what the callbacks can take) rules.
 * Also DMA map/unmap.
 *
 * Any thread may call these.  RAM is copied without locks (the FlatView is
 * immutable and referenced for the duration); device callbacks run with
 * the big lock, taken here if the calling thread does not hold it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exec/memory.h"
#include "qemu/main-loop.h"
#include "memory-internal.h"

/* ------------------------------------------------------------------ */
/* I/O regions */

static uint64_t bytes_to_value(const uint8_t *b, unsigned n, DeviceEndian e)
{
    uint64_t v = 0;

    for (unsigned j = 0; j < n; j++) {
        unsigned shift = e == DEVICE_BIG_ENDIAN ? 8 * (n - 1 - j) : 8 * j;
        v |= (uint64_t)b[j] << shift;
    }
    return v;
}

static void value_to_bytes(uint64_t v, uint8_t *b, unsigned n, DeviceEndian e)
{
    for (unsigned j = 0; j < n; j++) {
        unsigned shift = e == DEVICE_BIG_ENDIAN ? 8 * (n - 1 - j) : 8 * j;
        b[j] = (uint8_t)(v >> shift);
    }
}

static void log_bad_access_once(MemoryRegion *mr, const char *what, hwaddr off,
                                unsigned size)
{
    if (!mr->logged_bad_access) {
        mr->logged_bad_access = true;
        fprintf(stderr, "tern: warning: %s of %u byte%s at offset 0x%" PRIx64
                " of region '%s' refused (logged once per region)\n",
                what, size, size == 1 ? "" : "s", off, mr->name);
    }
}

/*
 * One access the guest may make (already checked against .valid), done
 * with callbacks of the sizes .impl allows: blocks of c bytes covering
 * [off, off+size), assembled byte by byte in the device's byte order.
 * A write smaller than impl.min writes zeros to the block's other bytes.
 */
static void io_access_impl(MemoryRegion *mr, hwaddr off, uint8_t *buf,
                           unsigned size, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned imin = ops->impl.min_access_size ? ops->impl.min_access_size : 1;
    unsigned imax = ops->impl.max_access_size ? ops->impl.max_access_size : 4;
    unsigned c = size > imax ? imax : (size < imin ? imin : size);
    hwaddr start = ops->impl.unaligned ? off : off & ~(hwaddr)(c - 1);
    hwaddr end = off + size;

    for (hwaddr blk = start; blk < end; blk += c) {
        uint8_t b[8] = { 0 };
        hwaddr lo = MAX(blk, off), hi = MIN(blk + c, end);

        if (is_write) {
            memcpy(b + (lo - blk), buf + (lo - off), hi - lo);
            if (ops->write) {
                ops->write(mr->opaque, blk, bytes_to_value(b, c, ops->endianness), c);
            }
        } else {
            uint64_t v = ops->read ? ops->read(mr->opaque, blk, c) : 0;
            value_to_bytes(v, b, c, ops->endianness);
            memcpy(buf + (lo - off), b + (lo - blk), hi - lo);
        }
    }
}

/* A write the region's ioeventfds take instead of the device. */
static bool io_ioeventfd(MemoryRegion *mr, hwaddr off, const uint8_t *buf,
                         unsigned size)
{
    uint64_t v;

    if (!mr->ioeventfds || mr->ioeventfds->len == 0) {
        return false;
    }
    v = bytes_to_value(buf, size, mr->ops->endianness);
    for (unsigned i = 0; i < mr->ioeventfds->len; i++) {
        MemoryRegionIoeventfd *e = &g_array_index(mr->ioeventfds, MemoryRegionIoeventfd, i);
        if (e->addr == off && (e->size == 0 || e->size == size) &&
            (!e->match_data || e->data == v)) {
            uint64_t one = 1;
            if (write(e->fd, &one, sizeof(one)) < 0) {
                /* EAGAIN: the counter is saturated, the reader is woken anyway. */
            }
            return true;
        }
    }
    return false;
}

/* One guest access of `size` bytes at offset off of I/O region mr. */
static MemTxResult io_access(MemoryRegion *mr, hwaddr off, uint8_t *buf,
                             unsigned size, bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmin = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
    unsigned vmax = ops->valid.max_access_size ? ops->valid.max_access_size : 4;
    bool locked;

    if (size < vmin || size > vmax ||
        (!ops->valid.unaligned && (off & (size - 1)))) {
        log_bad_access_once(mr, is_write ? "write" : "read", off, size);
        if (!is_write) {
            memset(buf, 0xff, size);
        }
        return MEMTX_ERROR;
    }
    locked = bql_locked();
    if (!locked) {
        bql_lock();
    }
    if (!is_write || !io_ioeventfd(mr, off, buf, size)) {
        io_access_impl(mr, off, buf, size, is_write);
    }
    if (!locked) {
        bql_unlock();
    }
    return MEMTX_OK;
}

/* The size of the next guest access to an I/O region: as big as .valid
 * allows, naturally aligned unless unaligned accesses are valid. */
static unsigned io_access_size(const MemoryRegion *mr, hwaddr off, hwaddr len)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned vmax = ops->valid.max_access_size ? ops->valid.max_access_size : 4;
    hwaddr l = MIN(len, (hwaddr)MIN(vmax, 8u));

    if (!ops->valid.unaligned && off) {
        l = MIN(l, off & -off);
    }
    while (l & (l - 1)) {
        l &= l - 1;           /* round down to a power of two */
    }
    return (unsigned)l;
}

/* ------------------------------------------------------------------ */
/* Address spaces */

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf,
                             hwaddr len, bool is_write)
{
    FlatView *fv = address_space_get_flatview(as);
    uint8_t *p = buf;
    MemTxResult res = MEMTX_OK;

    while (len > 0) {
        const MemoryRegionSection *s = flatview_lookup(fv, addr);
        hwaddr l;

        if (!s || (s->mr->type == MR_IO && !s->mr->ops)) {
            hwaddr next = s ? s->offset_within_address_space + s->size
                            : flatview_next_start(fv, addr);
            l = (next <= addr || next - addr > len) ? len : next - addr;
            if (!is_write) {
                memset(p, 0xff, l);
            }
            res = MAX(res, MEMTX_DECODE_ERROR);
        } else {
            hwaddr in = addr - s->offset_within_address_space;
            hwaddr off = s->offset_within_region + in;
            MemoryRegion *mr = s->mr;

            l = MIN(len, s->size - in);
            if (mr->type == MR_IO) {
                l = io_access_size(mr, off, l);
                MemTxResult r = io_access(mr, off, p, (unsigned)l, is_write);
                res = MAX(res, r);   /* not inline: MAX evaluates twice */
            } else if (!is_write) {
                memcpy(p, mr->ram_ptr + off, l);
            } else if (s->readonly) {
                log_bad_access_once(mr, "write to read-only memory", off, (unsigned)MIN(l, UINT32_MAX));
                res = MAX(res, MEMTX_ERROR);
            } else {
                memcpy(mr->ram_ptr + off, p, l);
            }
        }
        p += l;
        len -= l;
        if (addr + l < addr) {
            break;                /* wrapped past the top of the address space */
        }
        addr += l;
    }
    flatview_unref(fv);
    return res;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len)
{
    return address_space_rw(as, addr, buf, len, false);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf,
                                hwaddr len)
{
    return address_space_rw(as, addr, (void *)buf, len, true);
}

static uint64_t ld_le(AddressSpace *as, hwaddr addr, unsigned size, MemTxResult *res)
{
    uint8_t b[8];
    MemTxResult r = address_space_rw(as, addr, b, size, false);

    if (res) {
        *res = r;
    }
    return bytes_to_value(b, size, DEVICE_LITTLE_ENDIAN);
}

static void st_le(AddressSpace *as, hwaddr addr, uint64_t v, unsigned size,
                  MemTxResult *res)
{
    uint8_t b[8];
    MemTxResult r;

    value_to_bytes(v, b, size, DEVICE_LITTLE_ENDIAN);
    r = address_space_rw(as, addr, b, size, true);
    if (res) {
        *res = r;
    }
}

uint16_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxResult *res)
{
    return (uint16_t)ld_le(as, addr, 2, res);
}

uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxResult *res)
{
    return (uint32_t)ld_le(as, addr, 4, res);
}

uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxResult *res)
{
    return ld_le(as, addr, 8, res);
}

void address_space_stw_le(AddressSpace *as, hwaddr addr, uint16_t v, MemTxResult *res)
{
    st_le(as, addr, v, 2, res);
}

void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t v, MemTxResult *res)
{
    st_le(as, addr, v, 4, res);
}

void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t v, MemTxResult *res)
{
    st_le(as, addr, v, 8, res);
}

/* ------------------------------------------------------------------ */
/* DMA mappings: each holds a reference to the view it was made in. */

typedef struct Mapping {
    void *host;
    FlatView *fv;
} Mapping;

static GMutex map_lock;
static GArray *mappings;

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen, bool is_write)
{
    FlatView *fv = address_space_get_flatview(as);
    const MemoryRegionSection *s = flatview_lookup(fv, addr);
    Mapping m;

    if (!s || !memory_region_is_ram(s->mr) || (is_write && s->readonly) ||
        !s->mr->ram_ptr || *plen == 0) {
        flatview_unref(fv);
        *plen = 0;
        return NULL;
    }
    *plen = MIN(*plen, s->size - (addr - s->offset_within_address_space));
    m.host = s->mr->ram_ptr + s->offset_within_region +
             (addr - s->offset_within_address_space);
    m.fv = fv;
    g_mutex_lock(&map_lock);
    if (!mappings) {
        mappings = g_array_new(FALSE, FALSE, sizeof(Mapping));
    }
    g_array_append_val(mappings, m);
    g_mutex_unlock(&map_lock);
    return m.host;
}

void address_space_unmap(AddressSpace *as, void *host, hwaddr len, bool is_write,
                         hwaddr access_len)
{
    FlatView *fv = NULL;

    (void)as;
    (void)len;
    (void)is_write;
    (void)access_len;
    if (!host) {
        return;
    }
    g_mutex_lock(&map_lock);
    for (unsigned i = 0; mappings && i < mappings->len; i++) {
        Mapping *m = &g_array_index(mappings, Mapping, i);
        if (m->host == host) {
            fv = m->fv;
            g_array_remove_index_fast(mappings, i);
            break;
        }
    }
    g_mutex_unlock(&map_lock);
    flatview_unref(fv);
}
