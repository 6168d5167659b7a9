/*
 * The generic translator loop (include/exec/translator.h).
 */
#include "internal.h"
#include "exec/translator.h"
#include "tcg/tcg-op.h"
#include "util/log.h"

bool translator_use_goto_tb(const DisasContextBase *db, uint64_t dest)
{
    if (db->tb->cflags & CF_NO_GOTO_TB) {
        return false;
    }
    /*
     * A link bypasses the lookup, i.e. the virtual->physical check: only
     * allow it within the block's own page, whose mapping is the one the
     * block was found by.
     */
    return ((db->pc_first ^ dest) & tcg_engine.page_mask) == 0;
}

/*
 * The indirect-branch probe (blueprint 3.1): the jump-cache lookup of
 * tb_lookup(), in IR, so that a hit jumps to the next block without a
 * helper call.  It compares the entry's key with this block's own
 * (cs_base, cflags) with the flags the caller says the CPU state has
 * here (see translator.h).  A miss calls helper_lookup_tb_ptr,
 * which looks at the real state, searches the hash and refills the entry.
 */
void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc,
                                    uint32_t flags)
{
    TranslationBlock *tb = db->tb;
    TCGLabel *miss;
    TCGv_i64 e, t;

    if (db->singlestep_enabled || (tb->cflags & CF_NO_GOTO_TB) ||
        tern_log_enabled(LOG_NOCHAIN | LOG_EXEC | LOG_CPU)) {
        /* The helper sends these back to the loop; so must we. */
        tcg_gen_lookup_and_goto_ptr();
        return;
    }
    miss = gen_new_label();
    e = tcg_temp_new_i64();
    t = tcg_temp_new_i64();
    /* e = jmp_cache + tb_jmp_cache_hash(pc) * sizeof(entry) */
    tcg_gen_shri_i64(e, pc, 2);
    tcg_gen_shri_i64(t, pc, TB_JMP_CACHE_BITS + 2);
    tcg_gen_xor_i64(e, e, t);
    tcg_gen_andi_i64(e, e, TB_JMP_CACHE_SIZE - 1);
    tcg_gen_shli_i64(e, e, TB_JMP_CACHE_ENTRY_SHIFT);
    tcg_gen_ld_i64(t, tcg_env, TERN_JMP_CACHE_OFS);
    tcg_gen_add_i64(e, e, t);
    tcg_gen_ld_i64(t, e, offsetof(CPUJumpCacheEntry, key));
    tcg_gen_brcondi_i64(TCG_COND_NE, t,
                        (int64_t)tb_jmp_cache_key(tb->cs_base, flags,
                                                  tb->cflags), miss);
    tcg_gen_ld_i64(t, e, offsetof(CPUJumpCacheEntry, pc));
    tcg_gen_brcond_i64(TCG_COND_NE, t, pc, miss);
    tcg_gen_ld_i64(t, e, offsetof(CPUJumpCacheEntry, code));
    tcg_gen_goto_ptr(t);
    tcg_temp_free_i64(e);
    tcg_temp_free_i64(t);
    tcg_gen_set_label(miss);
    tcg_gen_lookup_and_goto_ptr();
}

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db)
{
    uint64_t page_mask = tcg_engine.page_mask;
    TCGLabel *exit_label;

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns;
    db->singlestep_enabled = (tb->cflags & CF_SINGLE_STEP) != 0;

    ops->init_disas_context(db, cpu);

    /*
     * The interrupt check (blueprint 3.2): another thread sets the word
     * negative to stop this vCPU at the next block start.  The word is a
     * global that generated code never writes, so this is one load from
     * env + TERN_CHECK_WORD_OFS and a branch.
     */
    exit_label = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_LT, tcg_engine.check_word, 0, exit_label);

    if (ops->tb_start) {
        ops->tb_start(db, cpu);
    }

    for (;;) {
        db->num_insns++;
        ops->insn_start(db, cpu);
        ops->translate_insn(db, cpu);
        if (db->is_jmp != DISAS_NEXT) {
            break;
        }
        if (db->num_insns >= db->max_insns) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
        /* Stop before the next insn if it starts on another page. */
        if ((db->pc_next ^ db->pc_first) & page_mask) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }

    ops->tb_stop(db, cpu);

    tcg_gen_set_label(exit_label);
    tcg_gen_exit_tb((uintptr_t)tb, TB_EXIT_REQUESTED);

    tb->size = (uint32_t)(db->pc_next - db->pc_first);
    tb->icount = (uint16_t)db->num_insns;

    if (tern_log_enabled(LOG_IN_ASM) && ops->disas_log) {
        FILE *f = tern_log_lock();
        fprintf(f, "----------------\nIN: \n");
        ops->disas_log(db, cpu, f);
        fputc('\n', f);
        tern_log_unlock(f);
    }
}
