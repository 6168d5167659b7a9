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
