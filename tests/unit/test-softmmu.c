/*
 * The soft-MMU path (accel/tcg/cputlb.c) on the toy guest, both backends:
 * TLB hit / miss -> tlb_fill, MMIO pages -> callbacks, code pages ->
 * TLB_NOTDIRTY -> block invalidation + write, accesses crossing a page,
 * byte order and sign extension, alignment faults, page faults, all with
 * the guest state restored precisely to the faulting instruction.
 */
#include <string.h>

#include <glib.h>

#include "tests/unit/support/toy.h"

#define RAM_SIZE (64 * 1024)
#define DATA 0x2000

static ToyCPU *setup(const char *be)
{
    TCGAccelConfig cfg = {
        .tb_size_mb = 4,
        .mem_mode = TCG_MEM_SOFTMMU,
    };
    return toy_setup(be, cfg, RAM_SIZE);
}

/* Little-endian helpers for RAM contents. */
static uint64_t ram_ld(ToyCPU *toy, uint64_t addr, unsigned size)
{
    uint64_t v = 0;
    memcpy(&v, toy->ram + addr, size);
    return v;
}

/* ------------------------------------------------------------------ */

static void test_hit_miss(const void *data)
{
    ToyCPU *toy = setup(data);
    static const uint32_t prog[] = {
        /* 0 */  T_ADDI(5, 0, DATA),
        /* 4 */  T_ADDI(1, 0, 0x1234),
        /* 8 */  T_ST(1, 5, 8, MO_LEUQ),
        /* 12 */ T_LD(2, 5, 8, MO_LEUQ),
        /* 16 */ T_LD(3, 5, 8, MO_UB),
        /* 20 */ T_ST(1, 5, -8, MO_LEUW),
        /* 24 */ T_HALT(),
    };
    unsigned fills;

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmphex(toy->env.regs[2], ==, 0x1234);
    g_assert_cmphex(toy->env.regs[3], ==, 0x34);
    g_assert_cmphex(ram_ld(toy, DATA + 8, 8), ==, 0x1234);
    g_assert_cmphex(ram_ld(toy, DATA - 8, 2), ==, 0x1234);
    /* One fill per data page (0x1000 and 0x2000), shared by ld and st. */
    fills = toy->tlb_fills;
    g_assert_cmpuint(fills, ==, 2);

    /* Second run: all hits, no fill. */
    memset(toy->env.regs, 0, sizeof(toy->env.regs));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmphex(toy->env.regs[2], ==, 0x1234);
    g_assert_cmpuint(toy->tlb_fills, ==, fills);

    /* Flushing one page refills only that one. */
    tlb_flush_page(toy_cs(toy), DATA + 0x123);
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->tlb_fills, ==, fills + 1);

    /* A full flush refills both. */
    tlb_flush(toy_cs(toy));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->tlb_fills, ==, fills + 3);
    toy_teardown(toy);
}

/* ------------------------------------------------------------------ */
/* MMIO                                                                */

typedef struct MMIOLog {
    unsigned reads, writes;
    uint64_t last_addr, last_val;
    unsigned last_size;
} MMIOLog;

static uint64_t mmio_read(void *opaque, CPUState *cpu, uint64_t paddr,
                          unsigned size, uintptr_t retaddr)
{
    MMIOLog *log = opaque;

    (void)cpu;
    (void)retaddr;
    log->reads++;
    log->last_addr = paddr;
    log->last_size = size;
    /* A recognisable value depending on the offset. */
    return 0x8070605040302010ull + (paddr & 0xff);
}

static void mmio_write(void *opaque, CPUState *cpu, uint64_t paddr,
                       uint64_t val, unsigned size, uintptr_t retaddr)
{
    MMIOLog *log = opaque;

    (void)cpu;
    (void)retaddr;
    log->writes++;
    log->last_addr = paddr;
    log->last_val = val;
    log->last_size = size;
}

static const TLBMMIOOps mmio_ops = { .read = mmio_read, .write = mmio_write };

static void test_mmio(const void *data)
{
    ToyCPU *toy = setup(data);
    MMIOLog log = { 0 };
    static const uint32_t prog[] = {
        /* 0 */  T_LUI(5, TOY_MMIO_BASE >> 16),
        /* 4 */  T_ADDI(1, 0, 0x55),
        /* 8 */  T_ST(1, 5, 8, MO_LEUL),
        /* 12 */ T_LD(2, 5, 4, MO_LEUL),
        /* 16 */ T_LD(3, 5, 0, MO_BEUL),
        /* 20 */ T_LD(4, 5, 0, MO_SL),
        /* 24 */ T_LD(6, 5, 0x10, MO_LEUQ),
        /* 28 */ T_ST(1, 5, 2, MO_BEUW),
        /* 32 */ T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy->mmio_ops = &mmio_ops;
    toy->mmio_opaque = &log;
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);

    g_assert_cmpuint(log.reads, ==, 4);
    g_assert_cmpuint(log.writes, ==, 2);
    g_assert_cmphex(toy->env.regs[2], ==, 0x40302014);
    g_assert_cmphex(toy->env.regs[3], ==, 0x10203040);          /* swapped */
    g_assert_cmphex(toy->env.regs[4], ==, 0x40302010);          /* positive */
    g_assert_cmphex(toy->env.regs[6], ==, 0x8070605040302020ull);
    /* The last write: 0x55 as a big-endian halfword at +2. */
    g_assert_cmphex(log.last_addr, ==, TOY_MMIO_BASE + 2);
    g_assert_cmpuint(log.last_size, ==, 2);
    g_assert_cmphex(log.last_val, ==, 0x5500);

    /* Every access goes through the callbacks, also when cached. */
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(log.reads, ==, 8);
    g_assert_cmpuint(log.writes, ==, 4);
    toy_teardown(toy);
}

static uint64_t mmio_read_neg(void *opaque, CPUState *cpu, uint64_t paddr,
                              unsigned size, uintptr_t retaddr)
{
    (void)opaque; (void)cpu; (void)paddr; (void)size; (void)retaddr;
    return 0x80000001u;
}

static void test_sign_extend(const void *data)
{
    ToyCPU *toy = setup(data);
    static const TLBMMIOOps neg_ops = { .read = mmio_read_neg };
    static const uint32_t prog[] = {
        T_LUI(5, TOY_MMIO_BASE >> 16),
        T_LD(1, 5, 0, MO_SL),
        T_LD(2, 5, 0, MO_UL),
        T_LD(3, 5, 0, MO_SW),
        T_LD(4, 5, 0, MO_SB),
        T_ADDI(6, 0, DATA),
        T_ADDI(7, 0, -2),               /* 0xff..fe */
        T_ST(7, 6, 0, MO_LEUQ),
        T_LD(8, 6, 0, MO_SB),
        T_LD(9, 6, 0, MO_UW),
        T_LD(10, 6, 0, MO_BEUW),
        T_LD(11, 6, 0, MO_SW | MO_BE),
        T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy->mmio_ops = &neg_ops;
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmphex(toy->env.regs[1], ==, 0xffffffff80000001ull);
    g_assert_cmphex(toy->env.regs[2], ==, 0x80000001ull);
    g_assert_cmphex(toy->env.regs[3], ==, 1);
    g_assert_cmphex(toy->env.regs[4], ==, 1);
    g_assert_cmphex(toy->env.regs[8], ==, (uint64_t)-2);
    g_assert_cmphex(toy->env.regs[9], ==, 0xfffe);
    g_assert_cmphex(toy->env.regs[10], ==, 0xfeff);
    g_assert_cmphex(toy->env.regs[11], ==, (uint64_t)(int16_t)0xfeff);
    toy_teardown(toy);
}

/* ------------------------------------------------------------------ */
/* Code pages: TLB_NOTDIRTY                                            */

static void test_notdirty(const void *data)
{
    ToyCPU *toy = setup(data);
    const uint32_t new_insn = T_ADDI(3, 0, 99);
    static const uint32_t victim[] = {
        /* 0x100 */ T_ADDI(3, 0, 1),
        /* 0x104 */ T_HALT(),
    };
    const uint32_t patcher[] = {
        /* 0x000 */ T_LUI(1, new_insn >> 16),
        /* 0x004 */ T_ADDI(1, 1, new_insn & 0x7fff),
        /* 0x008 */ T_ADDI(5, 0, 0x100),
        /* 0x00c */ T_ST(1, 5, 0, MO_LEUL),    /* patch the victim */
        /* 0x010 */ T_JR(5),                    /* and run it */
    };
    TBStats st0, st1;

    if (!toy) {
        return;
    }
    g_assert_cmphex(new_insn & 0x8000, ==, 0);
    toy_load(toy, 0x100, victim, G_N_ELEMENTS(victim));
    toy_load(toy, 0, patcher, G_N_ELEMENTS(patcher));

    /* Translate and run the victim: page 0 now holds code. */
    g_assert_cmpint(toy_run(toy, 0x100), ==, TOY_EXCP_HALT);
    g_assert_cmpuint(toy->env.regs[3], ==, 1);
    g_assert_true(tb_page_has_code(0));
    g_assert_nonnull(tb_lookup(toy_cs(toy), 0x100, 0, 0, 0));
    tb_get_stats(&st0);

    /* The guest stores over the victim's first instruction. */
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmphex(ram_ld(toy, 0x100, 4), ==, new_insn);
    g_assert_cmpuint(toy->env.regs[3], ==, 99);
    tb_get_stats(&st1);
    g_assert_cmpuint(st1.invalidated, >=, st0.invalidated + 1);

    /* Writes to the same page that touch no block only write. */
    static const uint32_t writer[] = {
        /* 0x200 */ T_ADDI(5, 0, 0x800),
        /* 0x204 */ T_ADDI(1, 0, 0x4321),
        /* 0x208 */ T_ST(1, 5, 0, MO_LEUL),
        /* 0x20c */ T_HALT(),
    };
    toy_load(toy, 0x200, writer, G_N_ELEMENTS(writer));
    tb_get_stats(&st0);
    g_assert_cmpint(toy_run(toy, 0x200), ==, TOY_EXCP_HALT);
    g_assert_cmphex(ram_ld(toy, 0x800, 4), ==, 0x4321);
    tb_get_stats(&st1);
    g_assert_cmpuint(st1.invalidated, ==, st0.invalidated);
    toy_teardown(toy);
}

/* Once a page's last block dies, its stores are fast again (no flag). */
static void test_notdirty_cleared(const void *data)
{
    ToyCPU *toy = setup(data);
    static const uint32_t prog[] = {
        /* 0x3000 */ T_ADDI(5, 0, 0x40),
        /* 0x3004 */ T_ADDI(1, 0, 7),
        /* 0x3008 */ T_ST(1, 5, 0, MO_LEUQ),   /* page 0 */
        /* 0x300c */ T_HALT(),
    };
    static const uint32_t code0[] = { T_HALT() };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, code0, 1);
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_true(tb_page_has_code(0));

    toy_load(toy, 0x3000, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0x3000), ==, TOY_EXCP_HALT);
    g_assert_cmphex(ram_ld(toy, 0x40, 8), ==, 7);
    /* The store hit no block, page 0 keeps its code and its flag. */
    g_assert_true(tb_page_has_code(0));

    tb_invalidate_phys_page(0);
    g_assert_false(tb_page_has_code(0));
    CPUTLB *t = toy_cs(toy)->tlb;
    unsigned idx = 0;
    g_assert_cmphex(t->table[0][idx].addr_write, ==, 0);  /* page 0, no flags */
    toy_teardown(toy);
}

/* ------------------------------------------------------------------ */
/* Page crossing, alignment, faults                                    */

static void test_cross_page(const void *data)
{
    ToyCPU *toy = setup(data);
    static const uint32_t prog[] = {
        /* 0 */  T_ADDI(5, 0, 0x2ffe),
        /* 4 */  T_LD(1, 5, 0, MO_LEUL),
        /* 8 */  T_LD(2, 5, 0, MO_BEUL),
        /* 12 */ T_LD(3, 5, -4, MO_LEUQ),
        /* 16 */ T_LUI(6, 0x1122),
        /* 20 */ T_ADDI(6, 6, 0x3344),
        /* 24 */ T_ST(6, 5, 1, MO_LEUL),      /* 0x2fff .. 0x3002 */
        /* 28 */ T_HALT(),
    };
    static const uint8_t bytes[] = {
        0xa1, 0xa2, 0xa3, 0xa4, 0x11, 0x22, 0x33, 0x44, 0x55,
    };

    if (!toy) {
        return;
    }
    memcpy(toy->ram + 0x2ffa, bytes, sizeof(bytes));
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_HALT);
    g_assert_cmphex(toy->env.regs[1], ==, 0x44332211);
    g_assert_cmphex(toy->env.regs[2], ==, 0x11223344);
    g_assert_cmphex(toy->env.regs[3], ==, 0x44332211a4a3a2a1ull);
    g_assert_cmphex(ram_ld(toy, 0x2fff, 4), ==, 0x11223344);
    g_assert_cmphex(toy->ram[0x2ffe], ==, 0x11);      /* untouched */
    g_assert_cmphex(toy->ram[0x2ffd], ==, 0xa4);      /* untouched */
    g_assert_cmphex(toy->ram[0x3003], ==, 0);
    toy_teardown(toy);
}

/* A page-crossing store whose second page faults writes nothing. */
static void test_cross_page_fault(const void *data)
{
    ToyCPU *toy = setup(data);
    static const uint32_t prog[] = {
        /* 0 */  T_ADDI(5, 0, 0x7fff),
        /* 4 */  T_ADD(5, 5, 5),               /* 0xfffe */
        /* 8 */  T_ADDI(1, 0, -1),
        /* 12 */ T_ST(1, 5, 0, MO_LEUL),       /* 0xfffe .. 0x10001 */
        /* 16 */ T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_PAGEFAULT);
    g_assert_cmphex(toy->env.pc, ==, 12);
    g_assert_cmphex(toy->env.fault_addr, ==, RAM_SIZE);
    g_assert_cmphex(toy->env.regs[5], ==, 0xfffe);
    g_assert_cmphex(toy->env.regs[1], ==, (uint64_t)-1);
    g_assert_cmphex(ram_ld(toy, 0xfffe, 2), ==, 0);
    toy_teardown(toy);
}

static void test_alignment(const void *data)
{
    ToyCPU *toy = setup(data);
    static const uint32_t prog[] = {
        /* 0 */  T_ADDI(5, 0, DATA),
        /* 4 */  T_ADDI(1, 0, 42),
        /* 8 */  T_ST(1, 5, 4, MO_LEUL | MO_ALIGN),   /* aligned: fine */
        /* 12 */ T_LD(2, 5, 4, MO_LEUL | MO_ALIGN),
        /* 16 */ T_LD(3, 5, 2, MO_LEUL),              /* unaligned, allowed */
        /* 20 */ T_ADDI(4, 0, 7),
        /* 24 */ T_LD(6, 5, 2, MO_LEUL | MO_ALIGN),   /* fault */
        /* 28 */ T_ADDI(7, 0, 1),
        /* 32 */ T_HALT(),
    };
    static const uint32_t prog2[] = {
        /* 0x100 */ T_ADDI(5, 0, DATA),
        /* 0x104 */ T_ST(1, 5, 1, MO_LEUW | MO_ALIGN_2),
        /* 0x108 */ T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    toy_load(toy, 0x100, prog2, G_N_ELEMENTS(prog2));
    g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_ALIGN);
    g_assert_cmphex(toy->env.pc, ==, 24);
    g_assert_cmphex(toy->env.last_insn, ==, T_LD(6, 5, 2, MO_LEUL | MO_ALIGN));
    g_assert_cmphex(toy->env.fault_addr, ==, DATA + 2);
    g_assert_cmpuint(toy->env.regs[2], ==, 42);
    g_assert_cmphex(toy->env.regs[3], ==, 42u << 16);
    g_assert_cmpuint(toy->env.regs[4], ==, 7);
    g_assert_cmpuint(toy->env.regs[6], ==, 0);
    g_assert_cmpuint(toy->env.regs[7], ==, 0);

    g_assert_cmpint(toy_run(toy, 0x100), ==, TOY_EXCP_ALIGN);
    g_assert_cmphex(toy->env.pc, ==, 0x104);
    g_assert_cmphex(toy->env.fault_addr, ==, DATA + 1);
    g_assert_cmphex(ram_ld(toy, DATA, 4), ==, 0);
    toy_teardown(toy);
}

static void test_page_fault(const void *data)
{
    ToyCPU *toy = setup(data);
    static const uint32_t prog[] = {
        /* 0 */  T_ADDI(1, 0, 11),
        /* 4 */  T_LUI(5, 0x5),                 /* 0x50000: unmapped */
        /* 8 */  T_ADDI(2, 0, 22),
        /* 12 */ T_LD(3, 5, 0x10, MO_LEUQ),
        /* 16 */ T_ADDI(4, 0, 33),
        /* 20 */ T_HALT(),
    };

    if (!toy) {
        return;
    }
    toy_load(toy, 0, prog, G_N_ELEMENTS(prog));
    for (int round = 0; round < 2; round++) {
        memset(toy->env.regs, 0, sizeof(toy->env.regs));
        g_assert_cmpint(toy_run(toy, 0), ==, TOY_EXCP_PAGEFAULT);
        g_assert_cmphex(toy->env.pc, ==, 12);
        g_assert_cmphex(toy->env.fault_addr, ==, 0x50010);
        g_assert_cmpuint(toy->env.regs[1], ==, 11);
        g_assert_cmpuint(toy->env.regs[2], ==, 22);
        g_assert_cmpuint(toy->env.regs[4], ==, 0);
    }
    toy_teardown(toy);
}

/* C accessors share the slow path (used by helpers and loaders). */
static void test_cpu_ld_st(const void *data)
{
    ToyCPU *toy = setup(data);
    CPUState *cs;

    if (!toy) {
        return;
    }
    cs = toy_cs(toy);
    cpu_st_mmu(cs, DATA + 0xffe, 0x0102030405060708ull,
               make_memop_idx(MO_LEUQ, 0), 0);
    g_assert_cmphex(cpu_ld_mmu(cs, DATA + 0xffe, make_memop_idx(MO_LEUQ, 0), 0),
                    ==, 0x0102030405060708ull);
    g_assert_cmphex(cpu_ld_mmu(cs, DATA + 0xffe, make_memop_idx(MO_BEUQ, 0), 0),
                    ==, 0x0807060504030201ull);
    g_assert_cmphex(toy->ram[DATA + 0xffe], ==, 0x08);
    g_assert_cmphex(toy->ram[DATA + 0x1005], ==, 0x01);
    g_assert_cmpuint(tlb_get_phys_page_code(cs, 0x1234, NULL), ==, 0x1000);
    g_assert_cmphex(tlb_get_phys_page_code(cs, 0x90000, NULL), ==, (uint64_t)-1);
    toy_teardown(toy);
}

static void add(const char *name, GTestDataFunc fn)
{
    static const char *const backends[] = { "jit", "interp" };

    for (unsigned i = 0; i < G_N_ELEMENTS(backends); i++) {
        char *path = g_strdup_printf("/softmmu/%s/%s", backends[i], name);
        g_test_add_data_func(path, backends[i], fn);
        g_free(path);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    add("hit-miss", test_hit_miss);
    add("mmio", test_mmio);
    add("sign-extend", test_sign_extend);
    add("notdirty", test_notdirty);
    add("notdirty-cleared", test_notdirty_cleared);
    add("cross-page", test_cross_page);
    add("cross-page-fault", test_cross_page_fault);
    add("alignment", test_alignment);
    add("page-fault", test_page_fault);
    add("cpu-ld-st", test_cpu_ld_st);
    return g_test_run();
}
