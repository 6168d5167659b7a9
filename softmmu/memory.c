/*
 * The memory API's region tree (exec/memory.h): building regions, turning
 * each address space's tree into a FlatView, telling listeners what
 * changed, and `info mtree`.  Access dispatch lives in softmmu/physmem.c.
 *
 * Everything here runs with the big lock held, except the FlatView
 * reference taken by address_space_get_flatview, which any thread may do
 * (the pointer swap and the reference are done under fv_lock).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec/memory.h"
#include "hw/qdev.h"
#include "memory-internal.h"

static GPtrArray *address_spaces;       /* AddressSpace *, in creation order */
static unsigned transaction_depth;
static bool update_pending;
static unsigned next_seq;
static GMutex fv_lock;

/* ------------------------------------------------------------------ */
/* Region construction */

static void region_init_common(MemoryRegion *mr, MemoryRegionType type,
                               DeviceState *owner, const char *name,
                               uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->type = type;
    mr->name = g_strdup(name ? name : "anonymous");
    mr->owner = owner;
    mr->size = size;
    mr->enabled = true;
    mr->initialized = true;
    mr->ram_fd = -1;
}

void memory_region_init(MemoryRegion *mr, DeviceState *owner, const char *name,
                        uint64_t size)
{
    region_init_common(mr, MR_CONTAINER, owner, name, size);
}

void memory_region_init_io(MemoryRegion *mr, DeviceState *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    region_init_common(mr, MR_IO, owner, name, size);
    mr->ops = ops;
    mr->opaque = opaque;
}

static bool ram_map(MemoryRegion *mr, int fd, bool share, GError **errp)
{
    void *p;

    if (mr->size == 0) {
        return true;
    }
    if (fd >= 0) {
        p = mmap(NULL, mr->size, PROT_READ | PROT_WRITE,
                 share ? MAP_SHARED : MAP_PRIVATE, fd, 0);
    } else {
        p = mmap(NULL, mr->size, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (p == MAP_FAILED) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot allocate %" PRIu64 " bytes of guest RAM for '%s': %s",
                    mr->size, mr->name, g_strerror(errno));
        return false;
    }
    mr->ram_ptr = p;
    mr->ram_owned = true;
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, DeviceState *owner,
                            const char *name, uint64_t size, GError **errp)
{
    region_init_common(mr, MR_RAM, owner, name, size);
    return ram_map(mr, -1, false, errp);
}

bool memory_region_init_ram_from_file(MemoryRegion *mr, DeviceState *owner,
                                      const char *name, uint64_t size,
                                      const char *path, bool share,
                                      GError **errp)
{
    struct stat st;
    int fd;

    region_init_common(mr, MR_RAM, owner, name, size);
    if (!path) {
        fd = memfd_create(mr->name, MFD_CLOEXEC);
        if (fd < 0) {
            g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "memfd_create for RAM '%s': %s", mr->name, g_strerror(errno));
            return false;
        }
    } else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        /* A directory (e.g. a hugetlbfs mount): a fresh unlinked file in it. */
        char *tmpl = g_build_filename(path, "tern-ram-XXXXXX", NULL);
        fd = mkostemp(tmpl, O_CLOEXEC);
        if (fd >= 0) {
            unlink(tmpl);
        } else {
            g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "cannot create a RAM file in '%s': %s", path, g_strerror(errno));
        }
        g_free(tmpl);
        if (fd < 0) {
            return false;
        }
    } else {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) {
            g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "cannot open RAM file '%s': %s", path, g_strerror(errno));
            return false;
        }
    }
    if (fstat(fd, &st) == 0 && (uint64_t)st.st_size < size &&
        ftruncate(fd, (off_t)size) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot size RAM file for '%s' to %" PRIu64 " bytes: %s",
                    mr->name, size, g_strerror(errno));
        close(fd);
        return false;
    }
    if (!ram_map(mr, fd, share, errp)) {
        close(fd);
        return false;
    }
    mr->ram_fd = fd;
    return true;
}

bool memory_region_init_rom(MemoryRegion *mr, DeviceState *owner,
                            const char *name, uint64_t size, GError **errp)
{
    region_init_common(mr, MR_ROM, owner, name, size);
    return ram_map(mr, -1, false, errp);
}

void memory_region_init_alias(MemoryRegion *mr, DeviceState *owner,
                              const char *name, MemoryRegion *orig,
                              hwaddr offset, uint64_t size)
{
    region_init_common(mr, MR_ALIAS, owner, name, size);
    mr->alias = orig;
    mr->alias_offset = offset;
}

static void memory_update(void)
{
    update_pending = true;
    memory_region_transaction_begin();
    memory_region_transaction_commit();
}

void memory_region_destroy(MemoryRegion *mr)
{
    if (!mr->initialized) {
        return;
    }
    if (mr->container) {
        memory_region_del_subregion(mr->container, mr);
    }
    if (mr->ram_owned && mr->ram_ptr) {
        munmap(mr->ram_ptr, mr->size);
    }
    if (mr->ram_fd >= 0) {
        close(mr->ram_fd);
    }
    if (mr->subregions) {
        for (unsigned i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *c = g_ptr_array_index(mr->subregions, i);
            c->container = NULL;
        }
        g_ptr_array_free(mr->subregions, TRUE);
    }
    if (mr->ioeventfds) {
        g_array_free(mr->ioeventfds, TRUE);
    }
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
    mr->ram_fd = -1;
}

uint8_t *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    if (mr->type == MR_ALIAS) {
        /* Not in the contract, but harmless: follow aliases. */
        uint8_t *p = mr->alias ? memory_region_get_ram_ptr(mr->alias) : NULL;
        return p ? p + mr->alias_offset : NULL;
    }
    return memory_region_is_ram(mr) ? mr->ram_ptr : NULL;
}

/* ------------------------------------------------------------------ */
/* The tree */

/* Subregions are kept sorted the way they are rendered: higher priority
 * first, and among equal priorities the one added later first. */
static gint subregion_cmp(gconstpointer a, gconstpointer b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a;
    const MemoryRegion *y = *(MemoryRegion *const *)b;

    if (x->priority != y->priority) {
        return x->priority > y->priority ? -1 : 1;
    }
    return x->seq > y->seq ? -1 : (x->seq < y->seq ? 1 : 0);
}

static void add_subregion(MemoryRegion *parent, hwaddr offset,
                          MemoryRegion *child, int priority, bool overlap)
{
    g_assert(parent->initialized && child->initialized);
    g_assert(!child->container);
    child->container = parent;
    child->addr = offset;
    child->priority = priority;
    child->may_overlap = overlap;
    child->seq = ++next_seq;
    if (!parent->subregions) {
        parent->subregions = g_ptr_array_new();
    }
    g_ptr_array_add(parent->subregions, child);
    g_ptr_array_sort(parent->subregions, subregion_cmp);
    memory_update();
}

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *child)
{
    add_subregion(parent, offset, child, 0, false);
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *child, int priority)
{
    add_subregion(parent, offset, child, priority, true);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *child)
{
    g_assert(child->container == parent);
    g_ptr_array_remove(parent->subregions, child);
    child->container = NULL;
    memory_update();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        memory_update();
    }
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    if (mr->addr != addr) {
        mr->addr = addr;
        memory_update();
    }
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
    if (mr->readonly != readonly) {
        mr->readonly = readonly;
        memory_update();
    }
}

void memory_region_set_alias_offset(MemoryRegion *mr, hwaddr offset)
{
    if (mr->alias_offset != offset) {
        mr->alias_offset = offset;
        memory_update();
    }
}

void memory_region_add_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data, int fd)
{
    MemoryRegionIoeventfd e = {
        .addr = addr, .size = size, .match_data = match_data,
        .data = data, .fd = fd,
    };

    if (!mr->ioeventfds) {
        mr->ioeventfds = g_array_new(FALSE, FALSE, sizeof(MemoryRegionIoeventfd));
    }
    g_array_append_val(mr->ioeventfds, e);
    memory_update();
}

void memory_region_del_eventfd(MemoryRegion *mr, hwaddr addr, unsigned size,
                               bool match_data, uint64_t data, int fd)
{
    if (!mr->ioeventfds) {
        return;
    }
    for (unsigned i = 0; i < mr->ioeventfds->len; i++) {
        MemoryRegionIoeventfd *e = &g_array_index(mr->ioeventfds, MemoryRegionIoeventfd, i);
        if (e->addr == addr && e->size == size && e->match_data == match_data &&
            (!match_data || e->data == data) && e->fd == fd) {
            g_array_remove_index(mr->ioeventfds, i);
            memory_update();
            return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Flattening */

static hwaddr sat_add(hwaddr a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

/*
 * Fill the holes of [start, end) in the (sorted) array with region mr,
 * whose offset at `start` is `off`.  Ranges already there were rendered
 * first and therefore win.
 */
static void fill_gaps(GArray *a, hwaddr start, hwaddr end, MemoryRegion *mr,
                      hwaddr off, bool ro)
{
    unsigned i = 0;
    hwaddr pos = start;

    while (pos < end) {
        MemoryRegionSection *s = NULL;
        hwaddr gap_end = end;

        /* First existing range ending after pos. */
        while (i < a->len) {
            s = &g_array_index(a, MemoryRegionSection, i);
            if (s->offset_within_address_space + s->size > pos) {
                break;
            }
            i++;
        }
        if (i < a->len) {
            s = &g_array_index(a, MemoryRegionSection, i);
            if (s->offset_within_address_space <= pos) {
                pos = s->offset_within_address_space + s->size;
                i++;
                continue;
            }
            gap_end = MIN(end, s->offset_within_address_space);
        }
        MemoryRegionSection n = {
            .mr = mr,
            .offset_within_region = off + (pos - start),
            .offset_within_address_space = pos,
            .size = gap_end - pos,
            .readonly = ro,
        };
        g_array_insert_val(a, i, n);
        i++;
        pos = gap_end;
    }
}

/* Render mr so that address-space addresses [cs, ce) show mr's offsets
 * from `off` on. */
static void render(GArray *a, MemoryRegion *mr, hwaddr cs, hwaddr ce,
                   hwaddr off, bool ro)
{
    if (!mr->enabled || off >= mr->size) {
        return;
    }
    ce = MIN(ce, sat_add(cs, mr->size - off));
    if (cs >= ce) {
        return;
    }
    ro = ro || mr->readonly;
    if (mr->type == MR_ALIAS) {
        if (mr->alias) {
            render(a, mr->alias, cs, ce, off + mr->alias_offset, ro);
        }
        return;
    }
    if (mr->subregions) {
        hwaddr win_end = off + (ce - cs);
        for (unsigned i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *c = g_ptr_array_index(mr->subregions, i);
            hwaddr lo = MAX(c->addr, off);
            hwaddr hi = MIN(sat_add(c->addr, c->size), win_end);
            if (lo < hi) {
                render(a, c, cs + (lo - off), cs + (hi - off), lo - c->addr, ro);
            }
        }
    }
    if (mr->type != MR_CONTAINER) {
        fill_gaps(a, cs, ce, mr, off, ro || mr->type == MR_ROM);
    }
}

static FlatView *generate_flatview(MemoryRegion *root)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(MemoryRegionSection));
    FlatView *fv = g_new0(FlatView, 1);
    unsigned n = 0;

    if (root) {
        render(a, root, 0, sat_add(0, root->size), 0, false);
    }
    /* Merge neighbours that continue the same region. */
    for (unsigned i = 0; i < a->len; i++) {
        MemoryRegionSection *s = &g_array_index(a, MemoryRegionSection, i);
        if (n > 0) {
            MemoryRegionSection *p = &g_array_index(a, MemoryRegionSection, n - 1);
            if (p->mr == s->mr && p->readonly == s->readonly &&
                p->offset_within_address_space + p->size == s->offset_within_address_space &&
                p->offset_within_region + p->size == s->offset_within_region) {
                p->size += s->size;
                continue;
            }
        }
        g_array_index(a, MemoryRegionSection, n++) = *s;
    }
    fv->ref = 1;
    fv->nr = n;
    fv->ranges = (MemoryRegionSection *)g_array_free(a, n == 0);
    return fv;
}

void flatview_unref(FlatView *fv)
{
    if (fv && g_atomic_int_dec_and_test(&fv->ref)) {
        g_free(fv->ranges);
        g_free(fv);
    }
}

FlatView *address_space_get_flatview(AddressSpace *as)
{
    FlatView *fv;

    g_mutex_lock(&fv_lock);
    fv = as->current;
    g_atomic_int_inc(&fv->ref);
    g_mutex_unlock(&fv_lock);
    return fv;
}

const MemoryRegionSection *flatview_lookup(const FlatView *fv, hwaddr addr)
{
    unsigned lo = 0, hi = fv->nr;

    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        const MemoryRegionSection *s = &fv->ranges[mid];
        if (addr < s->offset_within_address_space) {
            hi = mid;
        } else if (addr - s->offset_within_address_space >= s->size) {
            lo = mid + 1;
        } else {
            return s;
        }
    }
    return NULL;
}

hwaddr flatview_next_start(const FlatView *fv, hwaddr addr)
{
    for (unsigned i = 0; i < fv->nr; i++) {
        if (fv->ranges[i].offset_within_address_space > addr) {
            return fv->ranges[i].offset_within_address_space;
        }
    }
    return UINT64_MAX;
}

bool address_space_find(AddressSpace *as, hwaddr addr, MemoryRegionSection *out)
{
    FlatView *fv = address_space_get_flatview(as);
    const MemoryRegionSection *s = flatview_lookup(fv, addr);

    if (s && out) {
        *out = *s;
    }
    flatview_unref(fv);
    return s != NULL;
}

/* ------------------------------------------------------------------ */
/* Listeners and commits */

typedef struct FlatIoeventfd {
    hwaddr gpa;
    MemoryRegionIoeventfd e;
} FlatIoeventfd;

/* The ioeventfds visible in a view, at their guest-physical addresses. */
static GArray *flatview_ioeventfds(const FlatView *fv)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(FlatIoeventfd));

    for (unsigned i = 0; i < fv->nr; i++) {
        const MemoryRegionSection *s = &fv->ranges[i];
        if (s->mr->type != MR_IO || !s->mr->ioeventfds) {
            continue;
        }
        for (unsigned j = 0; j < s->mr->ioeventfds->len; j++) {
            MemoryRegionIoeventfd *e = &g_array_index(s->mr->ioeventfds,
                                                      MemoryRegionIoeventfd, j);
            if (e->addr >= s->offset_within_region &&
                e->addr - s->offset_within_region < s->size) {
                FlatIoeventfd f = {
                    .gpa = s->offset_within_address_space + (e->addr - s->offset_within_region),
                    .e = *e,
                };
                g_array_append_val(out, f);
            }
        }
    }
    return out;
}

static bool section_eq(const MemoryRegionSection *a, const MemoryRegionSection *b)
{
    return a->mr == b->mr && a->offset_within_region == b->offset_within_region &&
           a->offset_within_address_space == b->offset_within_address_space &&
           a->size == b->size && a->readonly == b->readonly;
}

static bool fv_contains(const FlatView *fv, const MemoryRegionSection *s)
{
    const MemoryRegionSection *t = flatview_lookup(fv, s->offset_within_address_space);
    return t && section_eq(t, s);
}

static bool ioeventfd_eq(const FlatIoeventfd *a, const FlatIoeventfd *b)
{
    return a->gpa == b->gpa && a->e.size == b->e.size &&
           a->e.match_data == b->e.match_data &&
           (!a->e.match_data || a->e.data == b->e.data) && a->e.fd == b->e.fd;
}

static bool ioeventfds_contain(GArray *set, const FlatIoeventfd *f)
{
    for (unsigned i = 0; i < set->len; i++) {
        if (ioeventfd_eq(&g_array_index(set, FlatIoeventfd, i), f)) {
            return true;
        }
    }
    return false;
}

static void notify_changes(AddressSpace *as, FlatView *old, FlatView *new,
                           GArray *old_ev, GArray *new_ev)
{
    for (unsigned li = 0; li < as->listeners->len; li++) {
        MemoryListener *l = g_ptr_array_index(as->listeners, li);
        if (l->begin) {
            l->begin(l);
        }
        /* Deletions before additions, so a replaced range is gone before
         * its successor appears (KVM memslots must not overlap). */
        for (unsigned i = 0; i < old_ev->len; i++) {
            FlatIoeventfd *f = &g_array_index(old_ev, FlatIoeventfd, i);
            if (l->eventfd_del && !ioeventfds_contain(new_ev, f)) {
                l->eventfd_del(l, f->gpa, &f->e);
            }
        }
        for (unsigned i = 0; i < old->nr; i++) {
            if (l->region_del && !fv_contains(new, &old->ranges[i])) {
                l->region_del(l, &old->ranges[i]);
            }
        }
        for (unsigned i = 0; i < new->nr; i++) {
            if (l->region_add && !fv_contains(old, &new->ranges[i])) {
                l->region_add(l, &new->ranges[i]);
            }
        }
        for (unsigned i = 0; i < new_ev->len; i++) {
            FlatIoeventfd *f = &g_array_index(new_ev, FlatIoeventfd, i);
            if (l->eventfd_add && !ioeventfds_contain(old_ev, f)) {
                l->eventfd_add(l, f->gpa, &f->e);
            }
        }
        if (l->commit) {
            l->commit(l);
        }
    }
}

static void address_space_update(AddressSpace *as)
{
    FlatView *new = generate_flatview(as->root);
    FlatView *old = as->current;
    GArray *old_ev = as->ioeventfds;
    GArray *new_ev = flatview_ioeventfds(new);

    g_mutex_lock(&fv_lock);
    as->current = new;
    as->ioeventfds = new_ev;
    g_mutex_unlock(&fv_lock);
    notify_changes(as, old, new, old_ev, new_ev);
    g_array_free(old_ev, TRUE);
    flatview_unref(old);
}

void memory_region_transaction_begin(void)
{
    transaction_depth++;
}

void memory_region_transaction_commit(void)
{
    g_assert(transaction_depth > 0);
    if (--transaction_depth > 0) {
        return;
    }
    /* A listener that changes the map from its callback gets its change
     * applied in another round, not in the middle of this one. */
    while (update_pending) {
        update_pending = false;
        transaction_depth++;
        for (unsigned i = 0; address_spaces && i < address_spaces->len; i++) {
            address_space_update(g_ptr_array_index(address_spaces, i));
        }
        transaction_depth--;
    }
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name);
    as->root = root;
    as->listeners = g_ptr_array_new();
    as->current = generate_flatview(root);
    as->ioeventfds = flatview_ioeventfds(as->current);
    if (!address_spaces) {
        address_spaces = g_ptr_array_new();
    }
    g_ptr_array_add(address_spaces, as);
}

void address_space_destroy(AddressSpace *as)
{
    if (address_spaces) {
        g_ptr_array_remove(address_spaces, as);
    }
    flatview_unref(as->current);
    as->current = NULL;
    if (as->ioeventfds) {
        g_array_free(as->ioeventfds, TRUE);
    }
    g_ptr_array_free(as->listeners, TRUE);
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

void memory_listener_register(MemoryListener *l, AddressSpace *as)
{
    l->as = as;
    g_ptr_array_add(as->listeners, l);
    /* Replay the current view as additions. */
    if (l->begin) {
        l->begin(l);
    }
    for (unsigned i = 0; i < as->current->nr; i++) {
        if (l->region_add) {
            l->region_add(l, &as->current->ranges[i]);
        }
    }
    for (unsigned i = 0; i < as->ioeventfds->len; i++) {
        FlatIoeventfd *f = &g_array_index(as->ioeventfds, FlatIoeventfd, i);
        if (l->eventfd_add) {
            l->eventfd_add(l, f->gpa, &f->e);
        }
    }
    if (l->commit) {
        l->commit(l);
    }
}

void memory_listener_unregister(MemoryListener *l)
{
    if (l->as) {
        g_ptr_array_remove(l->as->listeners, l);
        l->as = NULL;
    }
}

/* ------------------------------------------------------------------ */
/* The machine's memory */

static MemoryRegion system_memory;
static MemoryRegion system_io;
AddressSpace address_space_memory;
AddressSpace address_space_io;

void memory_system_init(void)
{
    if (system_memory.initialized) {
        return;
    }
    memory_region_init(&system_memory, NULL, "system", UINT64_MAX);
    memory_region_init(&system_io, NULL, "io", 65536);
    address_space_init(&address_space_memory, &system_memory, "memory");
    address_space_init(&address_space_io, &system_io, "I/O");
}

MemoryRegion *get_system_memory(void)
{
    memory_system_init();
    return &system_memory;
}

MemoryRegion *get_system_io(void)
{
    memory_system_init();
    return &system_io;
}

/* ------------------------------------------------------------------ */
/* info mtree */

static const char *region_kind(const MemoryRegion *mr)
{
    switch (mr->type) {
    case MR_RAM:
        return mr->readonly ? "rom" : "ram";
    case MR_ROM:
        return "rom";
    case MR_IO:
        return "i/o";
    case MR_ALIAS:
        return mr->alias ? region_kind(mr->alias) : "i/o";
    default:
        return "container";
    }
}

static void print_range(GString *out, hwaddr start, uint64_t size)
{
    /* UINT64_MAX is the root's "whole 64-bit space". */
    g_string_append_printf(out, "%016" PRIx64 "-%016" PRIx64, start,
                           size == UINT64_MAX ? UINT64_MAX :
                           size ? start + (size - 1) : start);
}

static void mtree_print_mr(GString *out, const MemoryRegion *mr, hwaddr base,
                           int level)
{
    g_string_append_printf(out, "%*s", level * 2, "");
    print_range(out, base, mr->size);
    g_string_append_printf(out, " (prio %d, %s): ", mr->priority, region_kind(mr));
    if (mr->type == MR_ALIAS && mr->alias) {
        g_string_append_printf(out, "alias %s @%s ", mr->name, mr->alias->name);
        print_range(out, mr->alias_offset, mr->size);
    } else {
        g_string_append(out, mr->name);
    }
    if (mr->owner && mr->owner->id) {
        g_string_append_printf(out, " (%s)", mr->owner->id);
    }
    if (!mr->enabled) {
        g_string_append(out, " [disabled]");
    }
    g_string_append_c(out, '\n');
    if (mr->subregions) {
        /* Print in address order (ties: the winner first). */
        GPtrArray *kids = g_ptr_array_sized_new(mr->subregions->len);
        for (unsigned i = 0; i < mr->subregions->len; i++) {
            g_ptr_array_add(kids, g_ptr_array_index(mr->subregions, i));
        }
        for (unsigned i = 1; i < kids->len; i++) {
            /* Stable insertion sort by address keeps the priority order. */
            for (unsigned j = i; j > 0; j--) {
                MemoryRegion *x = g_ptr_array_index(kids, j - 1);
                MemoryRegion *y = g_ptr_array_index(kids, j);
                if (x->addr <= y->addr) {
                    break;
                }
                kids->pdata[j - 1] = y;
                kids->pdata[j] = x;
            }
        }
        for (unsigned i = 0; i < kids->len; i++) {
            MemoryRegion *c = g_ptr_array_index(kids, i);
            mtree_print_mr(out, c, base + c->addr, level + 1);
        }
        g_ptr_array_free(kids, TRUE);
    }
}

void memory_mtree_print(GString *out, bool flat)
{
    for (unsigned i = 0; address_spaces && i < address_spaces->len; i++) {
        AddressSpace *as = g_ptr_array_index(address_spaces, i);
        if (!flat) {
            g_string_append_printf(out, "address-space: %s\n", as->name);
            if (as->root) {
                mtree_print_mr(out, as->root, 0, 1);
            }
        } else {
            FlatView *fv = address_space_get_flatview(as);
            g_string_append_printf(out, "FlatView (address-space: %s, root: %s)\n",
                                   as->name, as->root ? as->root->name : "none");
            if (fv->nr == 0) {
                g_string_append(out, "  No rendered FlatView\n");
            }
            for (unsigned j = 0; j < fv->nr; j++) {
                const MemoryRegionSection *s = &fv->ranges[j];
                g_string_append(out, "  ");
                print_range(out, s->offset_within_address_space, s->size);
                g_string_append_printf(out, " (prio %d, %s%s): %s", s->mr->priority,
                                       region_kind(s->mr), s->readonly &&
                                       s->mr->type == MR_RAM ? ", readonly" : "",
                                       s->mr->name);
                if (s->offset_within_region) {
                    g_string_append_printf(out, " @%016" PRIx64, s->offset_within_region);
                }
                g_string_append_c(out, '\n');
            }
            flatview_unref(fv);
        }
        g_string_append_c(out, '\n');
    }
}
