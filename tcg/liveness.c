/*
 * Liveness: one backward pass over the block.
 *
 * For every temp we track, walking from the end towards the start, what
 * the code *after* the current op needs:
 *   TS_DEAD  the value in a register is not read again;
 *   TS_MEM   the value must be in its memory slot (globals at block exits,
 *            before helpers that read globals, before ops that may raise;
 *            TB temps across labels).
 * From that each op gets its life bits: DEAD_ARG(n) (free the register
 * after this op) and SYNC_ARG(n) (store the output right after computing
 * it).  Ops without side effects whose outputs are all dead are removed,
 * and so are calls of pure helpers (TCG_CALL_NO_SIDE_EFFECTS).
 */
#include "tcg/tcg.h"

enum { TS_DEAD = 1, TS_MEM = 2 };

static bool temp_is_global(const TCGTemp *ts)
{
    return ts->kind == TEMP_GLOBAL || ts->kind == TEMP_FIXED;
}

/* End of the block: globals to memory, everything else dead. */
static void la_func_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->state = temp_is_global(ts) ? TS_DEAD | TS_MEM : TS_DEAD;
    }
}

/* A label or unconditional branch: TB temps and globals to memory. */
static void la_bb_end(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_GLOBAL:
        case TEMP_FIXED:
        case TEMP_TB:
            ts->state = TS_DEAD | TS_MEM;
            break;
        default:
            ts->state = TS_DEAD;
            break;
        }
    }
}

/* A conditional branch: the target needs globals and TB temps in memory;
 * the fall-through keeps whatever it needs in registers. */
static void la_bb_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (temp_is_global(ts) || ts->kind == TEMP_TB) {
            ts->state |= TS_MEM;
        }
    }
}

/* Globals must be in memory (a helper reads them, or we may raise). */
static void la_global_sync(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state |= TS_MEM;
    }
}

/* A helper may write globals: registers holding them go stale. */
static void la_global_kill(TCGContext *s)
{
    for (int i = 0; i < s->nb_globals; i++) {
        s->temps[i].state = TS_DEAD | TS_MEM;
    }
}

void tcg_liveness_analysis(TCGContext *s)
{
    la_func_end(s);

    for (TCGOp *op = s->last_op, *prev; op; op = prev) {
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_o, nb_i;
        uint32_t life = 0;
        unsigned call_flags = 0;

        prev = op->prev;

        switch (op->opc) {
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_discard:
            arg_temp(op->args[0])->state = TS_DEAD;
            continue;
        case INDEX_op_call: {
            const TCGHelperInfo *info;
            nb_o = op->call_oargs;
            nb_i = op->call_iargs;
            info = (const TCGHelperInfo *)(uintptr_t)op->args[nb_o + nb_i + 1];
            call_flags = info->flags;
            break;
        }
        default:
            nb_o = def->nb_oargs;
            nb_i = def->nb_iargs;
            break;
        }

        /* Remove ops whose every output is dead and that do nothing else. */
        if (nb_o > 0) {
            bool removable = op->opc == INDEX_op_call
                ? (call_flags & TCG_CALL_NO_SIDE_EFFECTS) != 0
                : !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END));
            if (removable) {
                bool all_dead = true;
                for (int i = 0; i < nb_o; i++) {
                    if (arg_temp(op->args[i])->state != TS_DEAD) {
                        all_dead = false;
                    }
                }
                if (all_dead) {
                    tcg_op_remove(s, op);
                    continue;
                }
            }
        }

        /* Outputs: their value before this op is not needed. */
        for (int i = 0; i < nb_o; i++) {
            TCGTemp *ts = arg_temp(op->args[i]);
            if (ts->state & TS_DEAD) {
                life |= DEAD_ARG(i);
            }
            if ((ts->state & TS_MEM) && ts->kind != TEMP_CONST) {
                life |= SYNC_ARG(i);
            }
            ts->state = TS_DEAD;
        }

        /* What the op itself requires of the other temps. */
        if (op->opc == INDEX_op_call) {
            if (!(call_flags & TCG_CALL_NO_WRITE_GLOBALS)) {
                la_global_kill(s);
            } else if (!(call_flags & TCG_CALL_NO_READ_GLOBALS)) {
                la_global_sync(s);
            }
        } else if (def->flags & TCG_OPF_BB_EXIT) {
            la_func_end(s);
        } else if (def->flags & TCG_OPF_COND_BRANCH) {
            la_bb_sync(s);
        } else if (def->flags & TCG_OPF_BB_END) {
            la_bb_end(s);
        } else if (def->flags & TCG_OPF_SIDE_EFFECTS) {
            la_global_sync(s);
        }

        /* Inputs: dead here if nothing later reads them; then live. */
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            if (arg_temp(op->args[i])->state & TS_DEAD) {
                life |= DEAD_ARG(i);
            }
        }
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            arg_temp(op->args[i])->state &= ~TS_DEAD;
        }
        op->life = life;
    }
}
