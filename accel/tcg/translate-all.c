/*
 * Making a block: tb_gen_code() drives the target's translator and the
 * code generator, then appends the search table that maps host code
 * offsets back to guest instructions (blueprint 3.4).  Reading it back:
 * cpu_restore_state().
 *
 * Search table layout (right after the block's host code):
 *
 *   uleb128 n                      number of guest insns
 *   n times:
 *     sleb128 data[j] - prev[j]    for j < TCG_INSN_START_WORDS
 *                                  (prev starts as {tb->pc, 0, ...})
 *     uleb128 end_off - prev_end   host offset where the insn's code ends
 *                                  (prev_end starts at 0)
 *
 * Typical entries take 3 bytes (pc delta, 0, code size).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util/log.h"

/* ------------------------------------------------------------------ */
/* LEB128                                                              */

static uint8_t *put_uleb128(uint8_t *p, const uint8_t *end, uint64_t v)
{
    do {
        uint8_t b = v & 0x7f;
        v >>= 7;
        if (v) {
            b |= 0x80;
        }
        if (p >= end) {
            return NULL;
        }
        *p++ = b;
    } while (v);
    return p;
}

static uint8_t *put_sleb128(uint8_t *p, const uint8_t *end, int64_t v)
{
    bool more;

    do {
        uint8_t b = v & 0x7f;
        v >>= 7;    /* arithmetic shift (gcc) */
        more = !((v == 0 && !(b & 0x40)) || (v == -1 && (b & 0x40)));
        if (more) {
            b |= 0x80;
        }
        if (p >= end) {
            return NULL;
        }
        *p++ = b;
    } while (more);
    return p;
}

/* Read a LEB128 number; signed ones are sign-extended from the last byte. */
static uint64_t get_leb128(const uint8_t **pp, bool is_signed)
{
    const uint8_t *p = *pp;
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t b;

    do {
        b = *p++;
        if (shift < 64) {
            v |= (uint64_t)(b & 0x7f) << shift;
        }
        shift += 7;
    } while (b & 0x80);
    if (is_signed && shift < 64 && (b & 0x40)) {
        v |= ~(uint64_t)0 << shift;
    }
    *pp = p;
    return v;
}

/*
 * Encode the table for the block just generated at p; returns the end,
 * or NULL if it would pass end.
 */
static uint8_t *encode_search(TCGContext *s, TranslationBlock *tb,
                              uint8_t *p, const uint8_t *end)
{
    uint64_t prev[TCG_INSN_START_WORDS] = { tb->pc };
    uint64_t prev_end = 0;
    int n = s->gen_nb_insns;

    p = put_uleb128(p, end, (uint64_t)n);
    for (int i = 0; p && i < n; i++) {
        for (int j = 0; p && j < TCG_INSN_START_WORDS; j++) {
            p = put_sleb128(p, end, (int64_t)(s->gen_insn_data[i][j] - prev[j]));
            prev[j] = s->gen_insn_data[i][j];
        }
        if (p) {
            p = put_uleb128(p, end, s->gen_insn_end_off[i] - prev_end);
            prev_end = s->gen_insn_end_off[i];
        }
    }
    return p;
}

/*
 * Find the insn whose host code contains offset off of tb; fills data[].
 * Returns the insn's index or -1.
 */
static int decode_search(const TranslationBlock *tb, uintptr_t off,
                         uint64_t data[TCG_INSN_START_WORDS])
{
    const uint8_t *p = tb->tc.search;
    uint64_t end = 0;
    uint64_t n;

    if (!p) {
        return -1;
    }
    n = get_leb128(&p, false);
    data[0] = tb->pc;
    for (int j = 1; j < TCG_INSN_START_WORDS; j++) {
        data[j] = 0;
    }
    for (uint64_t i = 0; i < n; i++) {
        for (int j = 0; j < TCG_INSN_START_WORDS; j++) {
            data[j] += get_leb128(&p, true);
        }
        end += get_leb128(&p, false);
        if (off < end) {
            return (int)i;
        }
    }
    return -1;
}

bool cpu_restore_state(CPUState *cpu, uintptr_t host_retaddr)
{
    uint64_t data[TCG_INSN_START_WORDS];
    TranslationBlock *tb;
    uintptr_t host_pc;

    if (!host_retaddr) {
        return false;
    }
    /*
     * A helper's return address points just after its call; the soft-MMU
     * slow path passes the address after the fast-path access.  Either
     * way the byte before it belongs to the insn we want.
     */
    host_pc = host_retaddr - 1;
    tb = tb_find_by_host_pc(host_pc);
    if (!tb) {
        return false;
    }
    if (decode_search(tb, host_pc - (uintptr_t)tb->tc.ptr, data) < 0) {
        return false;
    }
    cpu->tcg_ops->restore_state_to_opc(cpu, tb, data);
    return true;
}

/* ------------------------------------------------------------------ */
/* Generation                                                          */

uint64_t tb_phys_page_of(CPUState *cpu, uint64_t vaddr)
{
    uint64_t mask = tcg_engine.page_mask;
    uint64_t page;

    if (!cpu->tcg_ops->get_phys_page) {
        return vaddr & mask;
    }
    page = cpu->tcg_ops->get_phys_page(cpu, vaddr & mask);
    return page == (uint64_t)-1 ? page : (page & mask);
}

static void log_ops(TCGContext *s, const TranslationBlock *tb)
{
    if (tern_log_enabled(LOG_OP)) {
        FILE *f = tern_log_lock();
        fprintf(f, "OP:  [pc=0x%016llx flags=0x%x cflags=0x%x]\n",
                (unsigned long long)tb->pc, tb->flags, tb->cflags);
        tcg_dump_ops(s, f, false);
        fputc('\n', f);
        tern_log_unlock(f);
    }
}

/*
 * The code buffer is full (tb_lock held once, tb is the block being
 * made).  Other CPUs may be running code in the buffer: flush with all
 * of them stopped.  The lock is dropped meanwhile, so another thread may
 * flush first (then we do not) or translate (e->pending_tb is ours only
 * while we hold the lock).
 */
static void gen_code_flush(CPUState *cpu, TranslationBlock *tb)
{
    TCGEngine *e = &tcg_engine;
    uint64_t gen;

    if (tb_lock_depth != 1 || !cpu->running) {
        /* Not from a CPU loop (tests, loaders): no code is running. */
        tb_flush_locked();
        return;
    }
    gen = e->flush_count;
    e->pending_tb = NULL;
    tb_unlock();
    cpu_exec_end(cpu);
    start_exclusive();
    tb_lock();
    if (e->flush_count == gen) {
        tb_flush_locked();
    }
    tb_unlock();
    end_exclusive();
    cpu_exec_start(cpu);
    tb_lock();
    tcg_engine_thread_enter();
    /* One left by a thread whose translation faulted: ours replaces it. */
    free(e->pending_tb);
    e->pending_tb = tb;
}

TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t cs_base,
                              uint32_t flags, uint32_t cflags)
{
    TCGEngine *e = &tcg_engine;
    TCGContext *s = e->ctx;
    TranslationBlock *tb;
    uint8_t *code_rw, *search_end;
    const uint8_t *buf_end;
    int max_insns, size;
    bool fresh_buffer;

    tb_lock();
    tcg_engine_thread_enter();

    max_insns = cflags & CF_COUNT_MASK;
    if (max_insns == 0 || max_insns > TCG_MAX_INSNS) {
        max_insns = TCG_MAX_INSNS;
    }

    /* A fault while translating (code fetch) longjmps out of here. */
    tb = e->pending_tb;
    if (!tb) {
        tb = aligned_alloc(16, sizeof(*tb));
        if (!tb) {
            tcg_abort_msg("out of memory allocating a translation block");
        }
        e->pending_tb = tb;
    }
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = tb_phys_page_of(cpu, pc);
    tb->page_addr[1] = (uint64_t)-1;
    tb->phys_pc = tb->page_addr[0] == (uint64_t)-1 ? (uint64_t)-1
                  : tb->page_addr[0] | (pc & ~e->page_mask);

    buf_end = s->code_gen_buffer + s->code_gen_buffer_size;

    for (;;) {
        fresh_buffer = s->code_gen_ptr == e->code_start;
        if (s->code_gen_ptr > s->code_gen_highwater) {
            gen_code_flush(cpu, tb);
            continue;
        }
        code_rw = s->code_gen_ptr;
        tb->tc.ptr = tcg_splitwx_to_rx(s, code_rw);

        tcg_func_start(s);
        s->gen_tb = (uintptr_t)tb;
        tb->size = 0;
        tb->icount = 0;
        cpu->tcg_ops->translate_code(cpu, tb, max_insns);
        log_ops(s, tb);

        size = tcg_gen_code(s);
        if (size == -1) {
            /* Code buffer full: start over with an empty one. */
            if (fresh_buffer) {
                tcg_abort_msg("a single block does not fit in the code "
                              "buffer; use a larger -accel tcg,tb-size=");
            }
            gen_code_flush(cpu, tb);
            continue;
        }
        if (size == -2 || (size >= 0 && s->ops_overflow)) {
            /* Too many ops / temps for one block: fewer guest insns. */
            if (max_insns == 1) {
                tcg_abort_msg("one guest instruction at pc 0x%llx needs "
                              "more ops than a block can hold",
                              (unsigned long long)pc);
            }
            max_insns = (max_insns + 1) / 2;
            e->stats.retries_too_big++;
            continue;
        }
        if (size < 0) {
            tcg_abort_msg("tcg_gen_code failed (%d)", size);
        }

        search_end = encode_search(s, tb, code_rw + size, buf_end);
        if (!search_end) {
            if (fresh_buffer) {
                tcg_abort_msg("code buffer too small for one block");
            }
            gen_code_flush(cpu, tb);
            continue;
        }
        break;
    }

    tb->tc.size = (uint32_t)size;
    tb->tc.search = code_rw + size;
    tb->tc.search_size = (uint32_t)(search_end - (code_rw + size));
    for (int n = 0; n < 2; n++) {
        tb->jmp_insn_offset[n] = s->tb_jmp_insn_offset[n];
        tb->jmp_reset_offset[n] = s->tb_jmp_reset_offset[n];
    }
    s->code_gen_ptr = (uint8_t *)(((uintptr_t)search_end + 15) & ~(uintptr_t)15);
    __builtin___clear_cache((char *)tb->tc.ptr, (char *)tb->tc.ptr + size);

    /* The guest code may spill onto a second page. */
    if (tb->size && tb->phys_pc != (uint64_t)-1) {
        uint64_t last = pc + tb->size - 1;
        if ((last ^ pc) & e->page_mask) {
            uint64_t p1 = tb_phys_page_of(cpu, last);
            if (p1 == (uint64_t)-1) {
                tb->phys_pc = (uint64_t)-1;     /* run once, never cache */
            } else {
                tb->page_addr[1] = p1;
            }
        }
    }

    e->pending_tb = NULL;
    tb_register(tb);
    tcg_perfmap_add(tb);
    if (tb->phys_pc != (uint64_t)-1) {
        tb_link_page_and_hash(tb);
    }
    e->stats.translated++;
    cpu->stats.tb_translated++;
    tb_unlock();
    return tb;
}
