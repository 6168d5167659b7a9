/*
 * The memory API (blueprint section 4): how a machine's physical address
 * space is described, and how anything (a vCPU's MMIO exit, the soft-MMU
 * filling its TLB, a device doing DMA) finds what is at an address.
 *
 * A machine builds a tree of MemoryRegions:
 *
 *   - RAM:        host memory the guest sees directly (KVM memslots, TLB
 *                 entries pointing at host pages).  Anonymous, or backed by
 *                 a file / memfd (shared with another process).
 *   - ROM:        like RAM, but guest writes are ignored (and logged once).
 *   - I/O (MMIO): every access calls the device's read/write callbacks.
 *   - alias:      a window onto (part of) another region, at another address.
 *   - container:  holds subregions at offsets, each with a priority; a
 *                 higher priority wins where they overlap, equal priorities
 *                 must not overlap (unless added with _overlap, where the
 *                 one added later wins).  A container may also be RAM or
 *                 I/O itself: its subregions cover it ("background").
 *
 * An AddressSpace has one root region.  Whenever the tree changes, the
 * tree is flattened into a FlatView: a sorted array of non-overlapping
 * ranges, each saying "this guest-physical range is region R from offset O".
 * Lookups are a binary search in that array.  MemoryListeners (the KVM
 * accelerator, later the TCG TLB) are told which ranges appeared and
 * disappeared, once per transaction.
 *
 * Threads: building and changing regions, and dispatching to I/O callbacks,
 * happen with the big lock held (sysemu/main-loop.h).  A FlatView is
 * immutable and reference counted, so address_space_read/write/map to RAM
 * are safe from any thread (virtio-blk's worker threads); when such an
 * access reaches an I/O region from a thread that does not hold the big
 * lock, the lock is taken around the callback.
 *
 * Access rules for I/O regions (MemoryRegionOps): .valid says what the guest
 * may do (other sizes or misaligned accesses fail with MEMTX_ERROR: reads
 * return all ones, writes are dropped, both logged once per region);
 * .impl says what the callbacks can handle (default: 1..4 bytes, aligned),
 * and the core splits or combines accesses to fit, in the device's
 * endianness.  The buffer interface (address_space_rw) is in guest memory
 * order, i.e. little endian for both guests we have (x86-64, AArch64 LE).
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include <glib.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t hwaddr;
#define HWADDR_PRIx PRIx64

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;
typedef struct MemoryListener MemoryListener;
typedef struct DeviceState DeviceState;

typedef enum MemTxResult {
    MEMTX_OK           = 0,
    MEMTX_ERROR        = 1,   /* the device refused the access (size, alignment, ROM write) */
    MEMTX_DECODE_ERROR = 2,   /* nothing is mapped there */
} MemTxResult;

typedef enum DeviceEndian {
    DEVICE_LITTLE_ENDIAN = 0,
    DEVICE_BIG_ENDIAN    = 1,
} DeviceEndian;

typedef struct MemoryRegionOps {
    /* addr is the offset inside the region; size is 1, 2, 4 or 8. */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    DeviceEndian endianness;
    struct {
        unsigned min_access_size;   /* 0 means 1 */
        unsigned max_access_size;   /* 0 means 4 */
        bool unaligned;             /* may the guest access it misaligned? */
    } valid;
    struct {
        unsigned min_access_size;   /* 0 means 1 */
        unsigned max_access_size;   /* 0 means 4 */
        bool unaligned;
    } impl;
} MemoryRegionOps;

typedef enum MemoryRegionType {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM,
    MR_IO,
    MR_ALIAS,
} MemoryRegionType;

/* One ioeventfd: a guest write of `data` (if match_data) to addr..addr+size
 * of region mr signals fd instead of calling the write callback. */
typedef struct MemoryRegionIoeventfd {
    hwaddr addr;          /* offset in the region */
    unsigned size;        /* 0: any size */
    bool match_data;
    uint64_t data;
    int fd;               /* an eventfd */
} MemoryRegionIoeventfd;

/*
 * Treat as opaque outside softmmu/memory.c, but it is embedded in device
 * structs, so its layout is public.
 */
struct MemoryRegion {
    MemoryRegionType type;
    char *name;
    DeviceState *owner;           /* for info mtree / qtree; may be NULL */
    uint64_t size;                /* UINT64_MAX allowed only for the root container */
    bool enabled;
    bool readonly;                /* RAM that guest writes may not change */
    bool initialized;

    /* MR_RAM / MR_ROM */
    uint8_t *ram_ptr;
    int ram_fd;                   /* -1 unless file/memfd backed */
    bool ram_owned;               /* munmap at destroy */

    /* MR_IO */
    const MemoryRegionOps *ops;
    void *opaque;
    bool logged_bad_access;

    /* MR_ALIAS */
    MemoryRegion *alias;
    hwaddr alias_offset;

    /* Placement inside the parent container. */
    MemoryRegion *container;
    hwaddr addr;
    int priority;
    bool may_overlap;
    unsigned seq;                 /* insertion order, breaks ties when overlapping */

    /* Subregions (this region is a container, or has a background). */
    GPtrArray *subregions;

    /* ioeventfds registered on this region (MR_IO). */
    GArray *ioeventfds;           /* of MemoryRegionIoeventfd */
};

/* A piece of the flattened address space. */
typedef struct MemoryRegionSection {
    MemoryRegion *mr;             /* the leaf: RAM, ROM or I/O (aliases resolved) */
    hwaddr offset_within_region;
    hwaddr offset_within_address_space;
    uint64_t size;
    bool readonly;
} MemoryRegionSection;

struct FlatView {
    gint ref;
    unsigned nr;
    MemoryRegionSection *ranges;  /* sorted by address, non-overlapping */
};

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *current;            /* replaced atomically; see address_space_get_flatview */
    GPtrArray *listeners;
    GArray *ioeventfds;           /* private to softmmu/memory.c: the view's ioeventfds */
};

struct MemoryListener {
    const char *name;
    /* Called around each batch of changes. */
    void (*begin)(MemoryListener *l);
    void (*commit)(MemoryListener *l);
    /*
     * A range appeared or disappeared.  A range whose region, offset or
     * flags changed is reported as del then add.  On registration the
     * current view is replayed as region_add calls.
     */
    void (*region_add)(MemoryListener *l, MemoryRegionSection *s);
    void (*region_del)(MemoryListener *l, MemoryRegionSection *s);
    /* ioeventfds appeared / disappeared (addr is the guest-physical address). */
    void (*eventfd_add)(MemoryListener *l, hwaddr addr, const MemoryRegionIoeventfd *e);
    void (*eventfd_del)(MemoryListener *l, hwaddr addr, const MemoryRegionIoeventfd *e);
    AddressSpace *as;
};

/* ---- building regions ---- */

void memory_region_init(MemoryRegion *mr, DeviceState *owner, const char *name,
                        uint64_t size);
void memory_region_init_io(MemoryRegion *mr, DeviceState *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
/* Anonymous RAM (zero filled, mmap'ed, MADV_MERGEABLE off). */
bool memory_region_init_ram(MemoryRegion *mr, DeviceState *owner,
                            const char *name, uint64_t size, GError **errp);
/*
 * RAM from a file (path) or, with path NULL, from a new memfd; share=true
 * maps it MAP_SHARED so another process (or the file) sees guest writes.
 */
bool memory_region_init_ram_from_file(MemoryRegion *mr, DeviceState *owner,
                                      const char *name, uint64_t size,
                                      const char *path, bool share,
                                      GError **errp);
/* ROM: RAM whose contents the machine fills (memory_region_get_ram_ptr). */
bool memory_region_init_rom(MemoryRegion *mr, DeviceState *owner,
                            const char *name, uint64_t size, GError **errp);
void memory_region_init_alias(MemoryRegion *mr, DeviceState *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size);
/* Unmaps RAM it allocated; the region must not be mapped anywhere. */
void memory_region_destroy(MemoryRegion *mr);

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *child);
void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *child, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *child);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
void memory_region_set_readonly(MemoryRegion *mr, bool readonly);
void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset);

void memory_region_add_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data, int fd);
void memory_region_del_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data, int fd);

static inline uint64_t memory_region_size(const MemoryRegion *mr) { return mr->size; }
static inline const char *memory_region_name(const MemoryRegion *mr) { return mr->name; }
static inline bool memory_region_is_ram(const MemoryRegion *mr)
{
    return mr->type == MR_RAM || mr->type == MR_ROM;
}
/* Host pointer to the start of a RAM/ROM region (NULL otherwise). */
uint8_t *memory_region_get_ram_ptr(MemoryRegion *mr);

/*
 * Batch changes: listeners see one begin/commit around all of them and the
 * view is rebuilt once.  Nests; every change outside a transaction is its
 * own transaction.
 */
void memory_region_transaction_begin(void);
void memory_region_transaction_commit(void);

/* ---- address spaces ---- */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);

/* A reference to the current view; drop it with flatview_unref. */
FlatView *address_space_get_flatview(AddressSpace *as);
void flatview_unref(FlatView *fv);

/*
 * What is at addr: the section containing it (size is the rest of that
 * section from its start).  Returns false for unmapped addresses.
 */
bool address_space_find(AddressSpace *as, hwaddr addr, MemoryRegionSection *out);

/*
 * Read or write len bytes at addr in guest memory order.  Crosses region
 * boundaries; splits I/O accesses to what the device accepts.  Unmapped
 * bytes read as 0xff and writes to them are dropped; the result is the
 * worst MemTxResult seen.  Never touches host memory outside guest RAM.
 */
MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, void *buf,
                             hwaddr len, bool is_write);
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf,
                                hwaddr len);
/* Single little-endian values (virtio rings, page tables). */
uint16_t address_space_lduw_le(AddressSpace *as, hwaddr addr, MemTxResult *res);
uint32_t address_space_ldl_le(AddressSpace *as, hwaddr addr, MemTxResult *res);
uint64_t address_space_ldq_le(AddressSpace *as, hwaddr addr, MemTxResult *res);
void address_space_stw_le(AddressSpace *as, hwaddr addr, uint16_t v, MemTxResult *res);
void address_space_stl_le(AddressSpace *as, hwaddr addr, uint32_t v, MemTxResult *res);
void address_space_stq_le(AddressSpace *as, hwaddr addr, uint64_t v, MemTxResult *res);

/*
 * Direct access for DMA: a host pointer to guest RAM at addr, valid for
 * *plen bytes (shortened to the end of the RAM range; 0 and NULL when addr
 * is not RAM, or is ROM and is_write).  The caller keeps the pointer only
 * until address_space_unmap; it must not outlive a memory-map change
 * (the mapping holds a FlatView reference, so RAM it points to stays
 * allocated until unmap).
 */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen, bool is_write);
void address_space_unmap(AddressSpace *as, void *host, hwaddr len, bool is_write,
                         hwaddr access_len);

/* ---- listeners ---- */

void memory_listener_register(MemoryListener *l, AddressSpace *as);
/* After unregister the listener gets no more callbacks (no del replay). */
void memory_listener_unregister(MemoryListener *l);

/* ---- the machine's system memory ---- */

/* The root container of the machine's physical address space (64-bit). */
MemoryRegion *get_system_memory(void);
/* x86 port I/O space (64 KiB); empty on machines without one. */
MemoryRegion *get_system_io(void);
extern AddressSpace address_space_memory;
extern AddressSpace address_space_io;
/* Creates the two above; idempotent. */
void memory_system_init(void);

/* ---- the monitor's views ---- */

/* `info mtree`: the region tree of every address space; with flat, the flat views. */
void memory_mtree_print(GString *out, bool flat);

#endif /* EXEC_MEMORY_H */
