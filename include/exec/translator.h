/*
 * The generic translator loop (accel/tcg/translator.c) that targets use
 * to implement TCGCPUOps.translate_code:
 *
 *     tb_start -> [interrupt check] -> { insn_start; translate_insn }*
 *     -> tb_stop -> [exit for the interrupt check]
 *
 * The loop emits the per-block interrupt check (blueprint 3.2): load the
 * check word at env + TERN_CHECK_WORD_OFS, branch if negative to an
 * exit_tb(tb, TB_EXIT_REQUESTED) placed after the block's own exits.
 */
#ifndef EXEC_TRANSLATOR_H
#define EXEC_TRANSLATOR_H

#include "exec/exec-all.h"
#include "tcg/tcg.h"

typedef enum DisasJumpType {
    DISAS_NEXT,         /* keep translating */
    DISAS_TOO_MANY,     /* stopped by the loop: insn limit or page end */
    DISAS_NORETURN,     /* the insn ended the block itself (exit emitted) */
    DISAS_TARGET_0,     /* targets' own reasons from here */
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
    DISAS_TARGET_4,
    DISAS_TARGET_5,
} DisasJumpType;

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint64_t pc_first;      /* tb->pc */
    uint64_t pc_next;       /* the next insn to translate */
    DisasJumpType is_jmp;
    int num_insns;
    int max_insns;
    bool singlestep_enabled;
} DisasContextBase;

typedef struct TranslatorOps {
    /* Set up the target's DisasContext (may lower db->max_insns). */
    void (*init_disas_context)(DisasContextBase *db, CPUState *cpu);
    /* Optional: code at the start of the block, after the interrupt check. */
    void (*tb_start)(DisasContextBase *db, CPUState *cpu);
    /* Emit tcg_gen_insn_start(pc, data) for the insn at db->pc_next. */
    void (*insn_start)(DisasContextBase *db, CPUState *cpu);
    /* Translate one insn and advance db->pc_next; may set db->is_jmp. */
    void (*translate_insn)(DisasContextBase *db, CPUState *cpu);
    /* Emit the block's end for db->is_jmp (goto_tb, exit_tb, ...). */
    void (*tb_stop)(DisasContextBase *db, CPUState *cpu);
    /* Optional: print the guest code of the block (-d in_asm). */
    void (*disas_log)(const DisasContextBase *db, CPUState *cpu, FILE *f);
} TranslatorOps;

void translator_loop(CPUState *cpu, TranslationBlock *tb, int max_insns,
                     const TranslatorOps *ops, DisasContextBase *db);

/*
 * End the block with a jump to the block for pc (a global or temp holding
 * the new guest PC, already written to the CPU state): a probe of the
 * vCPU's jump cache in generated code, then helper_lookup_tb_ptr on a
 * miss.  flags are the translation flags the CPU state has at this point
 * (what get_tb_cpu_state would return): this block's own, tb->flags,
 * unless the block changed them in a way known at translation time (the
 * AArch64 translator: PSTATE.BTYPE after BR/BLR).  cs_base must still be
 * the block's.  Instructions that change the translation state in ways
 * only known at run time must use tcg_gen_lookup_and_goto_ptr() or
 * return to the loop.
 */
void translator_lookup_and_goto_ptr(DisasContextBase *db, TCGv_i64 pc,
                                    uint32_t flags);

/* May the block chain directly (goto_tb) to dest?  (Same page, chaining on.) */
bool translator_use_goto_tb(const DisasContextBase *db, uint64_t dest);

#endif
