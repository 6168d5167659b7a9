/*
 * The toy guest: CPU state, translator (on the generic translator loop),
 * helpers and MMU for the accel/tcg tests.  See toy.h for the ISA.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "tests/unit/support/toy.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "util/log.h"

CPU_NEG_ASSERT(ToyCPU, neg, env);

#define HELPER_H "tests/unit/support/toy-helper.h"
#include "tcg/helper-proto.h.inc"
#include "tcg/helper-info.c.inc"
#include "tcg/helper-gen.h.inc"
#undef HELPER_H

static TCGv_i64 cpu_regs[16];
static TCGv_i64 cpu_pc;

static inline ToyCPU *toy_of(CPUState *cs)
{
    return (ToyCPU *)((char *)cs - offsetof(ToyCPU, parent));
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

void helper_toy_raise(CPUArchState *env, uint32_t excp_or_code)
{
    CPUToyState *e = (CPUToyState *)env;
    CPUState *cs = env_cpu(env);

    if (excp_or_code == 0xffffffffu) {
        cs->exception_index = TOY_EXCP_HALT;
    } else {
        cs->exception_index = TOY_EXCP_TRAP;
        e->trap_code = excp_or_code;
    }
    cpu_loop_exit_restore(cs, GETPC());
}

void helper_toy_kick(CPUArchState *env)
{
    cpu_exit(env_cpu(env));
}

void helper_toy_count(CPUArchState *env)
{
    ((CPUToyState *)env)->helper_calls++;
}

/* ------------------------------------------------------------------ */
/* Translator                                                          */

typedef struct DisasContext {
    DisasContextBase base;
    ToyCPU *toy;
    uint32_t insn;
} DisasContext;

static uint32_t toy_fetch(ToyCPU *toy, uint64_t pc)
{
    uint32_t insn;

    if (pc + 4 > toy->ram_size || pc + 4 < pc) {
        /* Nothing to execute there: the fault is raised from the loop. */
        toy->env.fault_addr = pc;
        toy->parent.exception_index = TOY_EXCP_PAGEFAULT;
        cpu_loop_exit(&toy->parent);
    }
    memcpy(&insn, toy->ram + pc, 4);
    return insn;
}

static void toy_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;

    dc->toy = toy_of(cs);
}

static void toy_insn_start(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;

    (void)cs;
    dc->insn = toy_fetch(dc->toy, db->pc_next);
    tcg_gen_insn_start(db->pc_next, dc->insn);
}

static void gen_goto_tb(DisasContext *dc, unsigned n, uint64_t dest)
{
    if (translator_use_goto_tb(&dc->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        tcg_gen_exit_tb((uintptr_t)dc->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

static void toy_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;
    uint32_t insn = dc->insn;
    unsigned op = insn >> 24, rd = (insn >> 20) & 15, rs = (insn >> 16) & 15;
    int64_t simm = (int16_t)(insn & 0xffff);
    uint64_t pc = db->pc_next;
    TCGv_i64 t;

    (void)cs;
    db->pc_next += 4;

    switch (op) {
    case TOY_HALT:
        gen_helper_toy_raise(tcg_env, tcg_constant_i32(-1));
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_ADDI:
        tcg_gen_addi_i64(cpu_regs[rd], cpu_regs[rs], simm);
        break;
    case TOY_ADD:
        tcg_gen_add_i64(cpu_regs[rd], cpu_regs[rs], cpu_regs[insn & 15]);
        break;
    case TOY_LUI:
        tcg_gen_movi_i64(cpu_regs[rd], (int64_t)((insn & 0xffff) << 16));
        break;
    case TOY_BNE: {
        TCGLabel *taken = gen_new_label();
        tcg_gen_brcond_i64(TCG_COND_NE, cpu_regs[rd], cpu_regs[rs], taken);
        gen_goto_tb(dc, 0, pc + 4);
        tcg_gen_set_label(taken);
        gen_goto_tb(dc, 1, pc + 4 + 4 * simm);
        db->is_jmp = DISAS_NORETURN;
        break;
    }
    case TOY_JR:
        tcg_gen_mov_i64(cpu_pc, cpu_regs[rs]);
        translator_lookup_and_goto_ptr(db, cpu_pc, db->tb->flags);
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_LD:
    case TOY_ST: {
        MemOp mop = (MemOp)((insn >> 8) & 0xff);
        int64_t off = (int8_t)(insn & 0xff);
        t = tcg_temp_new_i64();
        tcg_gen_addi_i64(t, cpu_regs[rs], off);
        if (op == TOY_LD) {
            tcg_gen_qemu_ld_i64(cpu_regs[rd], t, 0, mop);
        } else {
            tcg_gen_qemu_st_i64(cpu_regs[rd], t, 0, mop);
        }
        tcg_temp_free_i64(t);
        break;
    }
    case TOY_RAISE:
        gen_helper_toy_raise(tcg_env, tcg_constant_i32(insn & 0xffff));
        db->is_jmp = DISAS_NORETURN;
        break;
    case TOY_KICK:
        gen_helper_toy_kick(tcg_env);
        break;
    case TOY_COUNT:
        gen_helper_toy_count(tcg_env);
        break;
    default:
        tcg_gen_movi_i64(cpu_pc, (int64_t)pc);
        gen_helper_toy_raise(tcg_env, tcg_constant_i32(0xdead));
        db->is_jmp = DISAS_NORETURN;
        break;
    }
}

static void toy_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *dc = (DisasContext *)db;

    (void)cs;
    switch (db->is_jmp) {
    case DISAS_NORETURN:
        break;
    default:
        gen_goto_tb(dc, 0, db->pc_next);
        break;
    }
}

static void toy_disas_log(const DisasContextBase *db, CPUState *cs, FILE *f)
{
    ToyCPU *toy = toy_of(cs);

    for (uint64_t pc = db->pc_first; pc < db->pc_next; pc += 4) {
        uint32_t insn;
        memcpy(&insn, toy->ram + pc, 4);
        fprintf(f, "0x%08llx:  %08x\n", (unsigned long long)pc, insn);
    }
}

static const TranslatorOps toy_translator_ops = {
    .init_disas_context = toy_init_disas_context,
    .insn_start = toy_insn_start,
    .translate_insn = toy_translate_insn,
    .tb_stop = toy_tb_stop,
    .disas_log = toy_disas_log,
};

static void toy_translate_code(CPUState *cs, TranslationBlock *tb,
                               int max_insns)
{
    DisasContext dc;

    translator_loop(cs, tb, max_insns, &toy_translator_ops, &dc.base);
}

/* ------------------------------------------------------------------ */
/* CPU hooks                                                           */

static void toy_initialize(void)
{
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };

    for (int i = 0; i < 16; i++) {
        cpu_regs[i] = tcg_global_mem_new_i64(tcg_env,
                                             offsetof(CPUToyState, regs[i]),
                                             names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(tcg_env, offsetof(CPUToyState, pc), "pc");
}

static void toy_get_tb_cpu_state(CPUState *cs, uint64_t *pc,
                                 uint64_t *cs_base, uint32_t *flags)
{
    CPUToyState *env = cpu_env(cs);

    *pc = env->pc;
    *cs_base = 0;
    *flags = env->flags;
}

static void toy_restore_state_to_opc(CPUState *cs, const TranslationBlock *tb,
                                     const uint64_t *data)
{
    CPUToyState *env = cpu_env(cs);

    (void)tb;
    env->pc = data[0];
    env->last_insn = data[1];
}

static void toy_synchronize_from_tb(CPUState *cs, const TranslationBlock *tb)
{
    CPUToyState *env = cpu_env(cs);

    env->pc = tb->pc;
}

static uint64_t toy_get_phys_page(CPUState *cs, uint64_t vaddr)
{
    ToyCPU *toy = toy_of(cs);

    return vaddr < toy->ram_size ? vaddr : (uint64_t)-1;
}

static bool toy_tlb_fill(CPUState *cs, uint64_t addr, int size,
                         MMUAccessType access_type, int mmu_idx, bool probe,
                         uintptr_t retaddr)
{
    ToyCPU *toy = toy_of(cs);
    uint64_t page = addr & ~(uint64_t)(TOY_PAGE_SIZE - 1);

    (void)size;
    toy->tlb_fills++;
    if (page < toy->ram_size) {
        tlb_set_page(cs, addr, page, toy->ram + page,
                     PAGE_READ | PAGE_WRITE | PAGE_EXEC, mmu_idx);
        return true;
    }
    if (page == TOY_MMIO_BASE && toy->mmio_ops &&
        access_type != MMU_INST_FETCH) {
        tlb_set_page_mmio(cs, addr, page, PAGE_READ | PAGE_WRITE, mmu_idx,
                          toy->mmio_ops, toy->mmio_opaque);
        return true;
    }
    if (probe) {
        return false;
    }
    toy->env.fault_addr = addr;
    cs->exception_index = TOY_EXCP_PAGEFAULT;
    cpu_loop_exit_restore(cs, retaddr);
}

static void toy_do_unaligned_access(CPUState *cs, uint64_t addr,
                                    MMUAccessType access_type, int mmu_idx,
                                    uintptr_t retaddr)
{
    ToyCPU *toy = toy_of(cs);

    (void)access_type;
    (void)mmu_idx;
    toy->env.fault_addr = addr;
    cs->exception_index = TOY_EXCP_ALIGN;
    cpu_loop_exit_restore(cs, retaddr);
}

static void toy_dump_state(CPUState *cs, FILE *f)
{
    CPUToyState *env = cpu_env(cs);

    fprintf(f, "pc=%016llx\n", (unsigned long long)env->pc);
    for (int i = 0; i < 16; i++) {
        fprintf(f, "r%-2d=%016llx%c", i, (unsigned long long)env->regs[i],
                (i & 3) == 3 ? '\n' : ' ');
    }
}

const TCGCPUOps toy_tcg_ops = {
    .name = "toy",
    .page_bits = TOY_PAGE_BITS,
    .initialize = toy_initialize,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .translate_code = toy_translate_code,
    .restore_state_to_opc = toy_restore_state_to_opc,
    .synchronize_from_tb = toy_synchronize_from_tb,
    .get_phys_page = toy_get_phys_page,
    .tlb_fill = toy_tlb_fill,
    .do_unaligned_access = toy_do_unaligned_access,
    .dump_state = toy_dump_state,
};

ToyCPU *toy_cpu_new(uint8_t *ram, size_t ram_size)
{
    ToyCPU *toy = aligned_alloc(16, sizeof(ToyCPU));

    memset(toy, 0, sizeof(*toy));
    toy->ram = ram;
    toy->ram_size = ram_size;
    cpu_state_init(&toy->parent, &toy_tcg_ops, &toy->env);
    tcg_cpu_realize(&toy->parent);
    return toy;
}

void toy_cpu_free(ToyCPU *toy)
{
    if (toy) {
        tcg_cpu_unrealize(&toy->parent);
        free(toy);
    }
}

void toy_load(ToyCPU *toy, uint64_t addr, const uint32_t *insns, unsigned n)
{
    g_assert(addr + 4ull * n <= toy->ram_size);
    memcpy(toy->ram + addr, insns, 4ull * n);
    /* Like any loader: code written behind the translator's back. */
    tb_invalidate_phys_range(addr, addr + 4ull * n);
}

ToyCPU *toy_setup(const char *backend, TCGAccelConfig cfg, size_t ram_size)
{
    const TCGBackend *be = tcg_backend_by_name(backend);
    const char *err = NULL;
    uint8_t *ram;
    int r;

    if (!be) {
        g_test_skip("backend not built for this host (the JIT needs an "
                    "x86-64 host)");
        return NULL;
    }
    /* TERN_TEST_LOG=op,out_asm ... logs like -d for debugging a test. */
    if (getenv("TERN_TEST_LOG")) {
        const char *lerr;
        int mask = tern_log_parse(getenv("TERN_TEST_LOG"), &lerr);
        if (mask < 0) {
            g_error("TERN_TEST_LOG: %s", lerr);
        }
        tern_loglevel = mask;
    }
    ram = aligned_alloc(TOY_PAGE_SIZE, ram_size);
    g_assert_nonnull(ram);
    memset(ram, 0, ram_size);
    cfg.backend = be;
    if (cfg.mem_mode == TCG_MEM_USER) {
        cfg.guest_base = (uintptr_t)ram;
    }
    r = tcg_exec_init(&cfg, &err);
    if (r < 0) {
        g_error("tcg_exec_init: %s (%d)", err, r);
    }
    return toy_cpu_new(ram, ram_size);
}

void toy_teardown(ToyCPU *toy)
{
    uint8_t *ram;

    if (!toy) {
        return;
    }
    ram = toy->ram;
    toy_cpu_free(toy);
    tcg_exec_cleanup();
    free(ram);
}

int toy_run(ToyCPU *toy, uint64_t pc)
{
    toy->env.pc = pc;
    return cpu_exec(&toy->parent);
}
