/*
 * Register allocation and code emission: tcg_gen_code().
 *
 * A greedy, local allocator walking the op list once (blueprint 3.5).
 * Every temp is in one of four places: dead, a host register, its memory
 * slot (env for globals, the stack frame for other temps), or a known
 * constant not yet materialised.  For each op the backend tells, through
 * op_constraints(), which registers each argument may use, which output
 * shares an input's register (two-address forms), and which registers it
 * clobbers.  The allocator loads inputs, frees clobbered registers,
 * assigns outputs, lets the backend emit the instruction, and then obeys
 * the op's life bits from liveness: free dead temps, store outputs that
 * must reach memory.  At labels and block exits everything a later reader
 * might need goes to memory.
 */
#include <string.h>

#include "tcg/tcg.h"
#include "util/log.h"

static inline bool regset_has(TCGRegSet set, TCGReg r)
{
    return (set >> r) & 1;
}

static void bail(TCGContext *s)
{
    s->ops_overflow = true;
}

/* ------------------------------------------------------------------ */
/* Memory slots                                                        */

static void temp_allocate_frame(TCGContext *s, TCGTemp *ts)
{
    intptr_t off = (s->current_frame_offset + 7) & ~(intptr_t)7;

    if (off + 8 > s->be->frame_start + s->be->frame_size) {
        /* Out of spill slots: the caller retries with a smaller block. */
        bail(s);
        off = s->be->frame_start;
    } else {
        s->current_frame_offset = off + 8;
    }
    ts->mem_offset = off;
    ts->mem_base = s->frame_temp;
    ts->mem_allocated = true;
}

static void temp_store(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    if (!ts->mem_allocated) {
        temp_allocate_frame(s, ts);
    }
    s->be->out_st(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
}

/* ------------------------------------------------------------------ */
/* Registers                                                           */

static void temp_sync(TCGContext *s, TCGTemp *ts, TCGRegSet allocated);

/* Make reg free: its temp (if any) keeps living in memory. */
static void tcg_reg_free(TCGContext *s, TCGReg reg, TCGRegSet allocated)
{
    TCGTemp *ts = s->reg_to_temp[reg];

    if (!ts) {
        return;
    }
    if (ts->kind == TEMP_CONST) {
        ts->val_type = TEMP_VAL_CONST;
    } else {
        temp_sync(s, ts, allocated | (1ull << reg));
        ts->val_type = TEMP_VAL_MEM;
    }
    s->reg_to_temp[reg] = NULL;
}

/* Pick a register from required, avoiding allocated; spill if needed. */
static TCGReg tcg_reg_alloc(TCGContext *s, TCGRegSet required,
                            TCGRegSet allocated, TCGRegSet pref)
{
    const TCGBackend *be = s->be;
    TCGRegSet set = required & ~allocated & ~s->reserved_regs;
    int pass;

    if (!set) {
        tcg_abort_msg("no register satisfies a constraint");
    }
    /* First a free preferred register, then any free one. */
    for (pass = 0; pass < 2; pass++) {
        TCGRegSet want = pass == 0 ? (set & pref) : set;
        for (int i = 0; i < be->alloc_order_len; i++) {
            TCGReg r = be->alloc_order[i];
            if (regset_has(want, r) && !s->reg_to_temp[r]) {
                return r;
            }
        }
    }
    /* Spill: prefer a register whose value is already in memory. */
    for (pass = 0; pass < 2; pass++) {
        for (int i = 0; i < be->alloc_order_len; i++) {
            TCGReg r = be->alloc_order[i];
            if (regset_has(set, r)) {
                TCGTemp *ts = s->reg_to_temp[r];
                if (pass == 1 || ts->mem_coherent || ts->kind == TEMP_CONST) {
                    tcg_reg_free(s, r, allocated);
                    return r;
                }
            }
        }
    }
    tcg_abort_msg("register allocation failed");
}

/* Put the value of ts in reg without changing ownership (a raw copy). */
static void temp_copy_to_reg(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        if (ts->reg != reg) {
            s->be->out_mov(s, ts->type, reg, ts->reg);
        }
        break;
    case TEMP_VAL_CONST:
        s->be->out_movi(s, ts->type, reg, ts->val);
        break;
    case TEMP_VAL_MEM:
        s->be->out_ld(s, ts->type, reg, ts->mem_base->reg, ts->mem_offset);
        break;
    case TEMP_VAL_DEAD:
        /* Reading an undefined temp: any value will do; use 0. */
        s->be->out_movi(s, ts->type, reg, 0);
        break;
    }
}

/* Make ts live in a register from required (it owns that register). */
static void temp_load(TCGContext *s, TCGTemp *ts, TCGRegSet required,
                      TCGRegSet allocated, TCGRegSet pref)
{
    TCGReg reg;

    if (ts->val_type == TEMP_VAL_REG && regset_has(required, ts->reg)) {
        return;
    }
    if (ts->kind == TEMP_FIXED) {
        tcg_abort_msg("fixed register does not satisfy a constraint");
    }
    reg = tcg_reg_alloc(s, required, allocated, pref);
    temp_copy_to_reg(s, ts, reg);
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    } else if (ts->val_type == TEMP_VAL_MEM) {
        ts->mem_coherent = true;
    } else if (ts->val_type == TEMP_VAL_DEAD) {
        ts->mem_coherent = false;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    s->reg_to_temp[reg] = ts;
}

/* Store ts to memory if the register/constant copy is newer. */
static void temp_sync(TCGContext *s, TCGTemp *ts, TCGRegSet allocated)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        return;
    }
    switch (ts->val_type) {
    case TEMP_VAL_REG:
        if (!ts->mem_coherent) {
            temp_store(s, ts, ts->reg);
            ts->mem_coherent = true;
        }
        break;
    case TEMP_VAL_CONST: {
        /* Materialise it in a register first. */
        TCGRegSet all = ((s->be->nb_regs == 64) ? ~0ull
                         : (1ull << s->be->nb_regs) - 1);
        temp_load(s, ts, all, allocated, 0);
        temp_store(s, ts, ts->reg);
        ts->mem_coherent = true;
        break;
    }
    default:
        break;
    }
}

/* The temp is not needed in a register any more. */
static void temp_dead(TCGContext *s, TCGTemp *ts)
{
    if (ts->kind == TEMP_FIXED) {
        return;
    }
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    }
    switch (ts->kind) {
    case TEMP_GLOBAL:
        ts->val_type = TEMP_VAL_MEM;   /* liveness made memory current */
        ts->mem_coherent = true;
        break;
    case TEMP_CONST:
        ts->val_type = TEMP_VAL_CONST;
        break;
    case TEMP_TB:
        /* Liveness stored it wherever a later label needs it. */
        ts->val_type = ts->mem_allocated ? TEMP_VAL_MEM : TEMP_VAL_DEAD;
        ts->mem_coherent = ts->mem_allocated;
        break;
    default:
        ts->val_type = TEMP_VAL_DEAD;
        break;
    }
}

/* Store and forget the register copy. */
static void temp_save(TCGContext *s, TCGTemp *ts, TCGRegSet allocated)
{
    if (ts->kind == TEMP_FIXED) {
        return;
    }
    temp_sync(s, ts, allocated);
    if (ts->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ts->reg] = NULL;
    }
    if (ts->kind == TEMP_CONST) {
        ts->val_type = TEMP_VAL_CONST;
    } else if (ts->val_type != TEMP_VAL_DEAD) {
        ts->val_type = TEMP_VAL_MEM;
    }
}

/* Is the memory copy of ts older than its register or constant value? */
static inline bool temp_is_dirty(const TCGTemp *ts)
{
    return ts->val_type == TEMP_VAL_CONST ||
           (ts->val_type == TEMP_VAL_REG && !ts->mem_coherent);
}

static void sync_globals(TCGContext *s, TCGRegSet allocated)
{
    for (int i = 0; i < s->nb_globals; i++) {
        if (temp_is_dirty(&s->temps[i])) {
            temp_sync(s, &s->temps[i], allocated);
        }
    }
}

static void save_globals(TCGContext *s, TCGRegSet allocated)
{
    for (int i = 0; i < s->nb_globals; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->val_type == TEMP_VAL_REG || ts->val_type == TEMP_VAL_CONST) {
            temp_save(s, ts, allocated);
        }
    }
}

/* Labels and unconditional branches: a canonical state, all in memory. */
static void tcg_reg_alloc_bb_end(TCGContext *s, TCGRegSet allocated)
{
    save_globals(s, allocated);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB) {
            temp_save(s, ts, allocated);
        } else {
            /* EBB temps die at labels; constants go back to constants. */
            temp_dead(s, ts);
        }
    }
}

/* Conditional branches: the target expects memory, fall-through regs. */
static void tcg_reg_alloc_cbranch(TCGContext *s, TCGRegSet allocated)
{
    sync_globals(s, allocated);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        if (ts->kind == TEMP_TB) {
            temp_sync(s, ts, allocated);
        }
    }
}

/* Leaving the block: globals to memory, temps are gone. */
static void tcg_reg_alloc_exit(TCGContext *s, TCGRegSet allocated)
{
    save_globals(s, allocated);
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        temp_dead(s, &s->temps[i]);
    }
}

/* ------------------------------------------------------------------ */
/* Per-op allocation                                                   */

/* Apply the output's life bits after its value has been computed. */
static void output_done(TCGContext *s, TCGTemp *ts, uint32_t life, int n,
                        TCGRegSet allocated)
{
    if (NEED_SYNC_ARG(life, n)) {
        temp_sync(s, ts, allocated);
    }
    if (IS_DEAD_ARG(life, n)) {
        temp_dead(s, ts);
    }
}

static void set_output_reg(TCGContext *s, TCGTemp *ts, TCGReg reg)
{
    if (ts->kind == TEMP_FIXED || ts->kind == TEMP_CONST) {
        tcg_abort_msg("op writes a fixed or constant temp");
    }
    if (ts->val_type == TEMP_VAL_REG && ts->reg != reg) {
        s->reg_to_temp[ts->reg] = NULL;
    }
    ts->val_type = TEMP_VAL_REG;
    ts->reg = reg;
    ts->mem_coherent = false;
    s->reg_to_temp[reg] = ts;
}

static void tcg_reg_alloc_movi(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    int64_t val = (int64_t)op->args[1];

    if (op->type == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    if (ots->kind == TEMP_FIXED || ots->kind == TEMP_CONST) {
        tcg_abort_msg("movi to a fixed or constant temp");
    }
    if (ots->val_type == TEMP_VAL_REG) {
        s->reg_to_temp[ots->reg] = NULL;
    }
    ots->val_type = TEMP_VAL_CONST;
    ots->val = val;
    ots->mem_coherent = false;
    output_done(s, ots, op->life, 0, s->reserved_regs);
}

static void tcg_reg_alloc_mov(TCGContext *s, const TCGOp *op)
{
    TCGTemp *ots = arg_temp(op->args[0]);
    TCGTemp *ts = arg_temp(op->args[1]);
    TCGRegSet all = (1ull << s->be->nb_regs) - 1;
    uint32_t life = op->life;

    if (ots->kind == TEMP_FIXED || ots->kind == TEMP_CONST) {
        tcg_abort_msg("mov to a fixed or constant temp");
    }
    if (ts->val_type == TEMP_VAL_CONST) {
        /* Propagate the constant lazily. */
        int64_t val = ts->val;
        if (IS_DEAD_ARG(life, 1)) {
            temp_dead(s, ts);
        }
        if (ots->val_type == TEMP_VAL_REG) {
            s->reg_to_temp[ots->reg] = NULL;
        }
        ots->val_type = TEMP_VAL_CONST;
        ots->val = val;
        ots->mem_coherent = false;
        output_done(s, ots, life, 0, s->reserved_regs);
        return;
    }
    if (IS_DEAD_ARG(life, 0) && !NEED_SYNC_ARG(life, 0)) {
        if (IS_DEAD_ARG(life, 1)) {
            temp_dead(s, ts);
        }
        return;
    }
    if (ts->val_type == TEMP_VAL_MEM || ts->val_type == TEMP_VAL_DEAD) {
        temp_load(s, ts, all, s->reserved_regs, 0);
    }
    if (IS_DEAD_ARG(life, 1) && ts->kind != TEMP_FIXED &&
        ts->kind != TEMP_CONST) {
        /* Rename: the output takes over the input's register. */
        TCGReg reg = ts->reg;
        temp_dead(s, ts);
        set_output_reg(s, ots, reg);
    } else {
        TCGRegSet allocated = s->reserved_regs | (1ull << ts->reg);
        TCGReg reg;
        if (ots->val_type == TEMP_VAL_REG && ots->reg != ts->reg) {
            reg = ots->reg;
        } else {
            reg = tcg_reg_alloc(s, all, allocated, 0);
        }
        s->be->out_mov(s, ots->type, reg, ts->reg);
        set_output_reg(s, ots, reg);
        if (IS_DEAD_ARG(life, 1)) {
            temp_dead(s, ts);
        }
    }
    output_done(s, ots, life, 0, s->reserved_regs);
}

static void tcg_reg_alloc_call(TCGContext *s, const TCGOp *op)
{
    const TCGBackend *be = s->be;
    int nb_o = op->call_oargs, nb_i = op->call_iargs;
    const TCGHelperInfo *info =
        (const TCGHelperInfo *)(uintptr_t)op->args[nb_o + nb_i + 1];
    uint32_t life = op->life;
    TCGRegSet allocated = s->reserved_regs;

    /* Arguments into the argument registers, as raw copies. */
    for (int i = 0; i < nb_i; i++) {
        TCGTemp *ts = arg_temp(op->args[nb_o + i]);
        TCGReg reg = be->call_iarg_regs[i];

        if (reg < 0) {
            tcg_abort_msg("helper %s has %d arguments; the %s backend passes "
                          "at most %d", info->name, nb_i, be->name, i);
        }
        if (ts->val_type != TEMP_VAL_REG || ts->reg != reg) {
            tcg_reg_free(s, reg, allocated);
            temp_copy_to_reg(s, ts, reg);
        }
        allocated |= 1ull << reg;
    }
    for (int i = 0; i < nb_i; i++) {
        if (IS_DEAD_ARG(life, nb_o + i)) {
            temp_dead(s, arg_temp(op->args[nb_o + i]));
        }
    }

    /* Registers the callee may clobber. */
    for (TCGReg r = 0; r < be->nb_regs; r++) {
        if (regset_has(be->call_clobber_regs, r)) {
            tcg_reg_free(s, r, allocated);
        }
    }

    /* What the helper may do to globals. */
    if (!(info->flags & TCG_CALL_NO_WRITE_GLOBALS)) {
        save_globals(s, allocated);
    } else if (!(info->flags & TCG_CALL_NO_READ_GLOBALS)) {
        sync_globals(s, allocated);
    }

    be->out_call(s, info);

    if (nb_o) {
        TCGTemp *ots = arg_temp(op->args[0]);
        TCGReg reg = be->call_oarg_reg;
        if (s->reg_to_temp[reg]) {
            tcg_abort_msg("return register still owned after a call");
        }
        set_output_reg(s, ots, reg);
        output_done(s, ots, life, 0, s->reserved_regs);
    }
}

static void tcg_reg_alloc_op(TCGContext *s, const TCGOp *op)
{
    const TCGBackend *be = s->be;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = def->nb_oargs, nb_i = def->nb_iargs, nb_a = def->nb_args;
    TCGArgConstraint ct[TCG_MAX_OP_ARGS];
    TCGArg new_args[TCG_MAX_OP_ARGS];
    int const_args[TCG_MAX_OP_ARGS];
    TCGRegSet i_allocated = s->reserved_regs, i_live = 0, o_allocated;
    TCGRegSet clobbers;
    uint32_t life = op->life;

    memset(ct, 0, sizeof(ct));
    for (int i = 0; i < nb_o + nb_i; i++) {
        ct[i].alias = -1;
    }
    memset(const_args, 0, sizeof(const_args));
    clobbers = be->op_constraints(op, ct);

    /* Inputs. */
    for (int k = 0; k < nb_i; k++) {
        int i = nb_o + k;
        TCGTemp *ts = arg_temp(op->args[i]);
        bool aliased = false;

        if (ts->val_type == TEMP_VAL_CONST && ct[i].ct &&
            be->const_match(ts->val, op->type, ct[i].ct)) {
            const_args[i] = 1;
            new_args[i] = (TCGArg)ts->val;
            continue;
        }
        for (int o = 0; o < nb_o; o++) {
            if (ct[o].alias == i) {
                aliased = true;
            }
        }
        if ((aliased && (!IS_DEAD_ARG(life, i) || ts->kind == TEMP_FIXED ||
                         ts->kind == TEMP_CONST ||
                         (ts->val_type == TEMP_VAL_REG &&
                          regset_has(i_allocated, ts->reg)))) ||
            (ts->kind == TEMP_FIXED && !regset_has(ct[i].regs, ts->reg))) {
            /* The output will overwrite this register (or another input
             * of this op already uses it), or a fixed register is not
             * allowed here: use a copy.  The original stays untouched
             * while the copy's register is chosen. */
            TCGReg reg;
            TCGRegSet protect = 0;
            if (ts->val_type == TEMP_VAL_REG) {
                protect = 1ull << ts->reg;
            }
            reg = tcg_reg_alloc(s, ct[i].regs, i_allocated | protect, 0);
            temp_copy_to_reg(s, ts, reg);
            new_args[i] = reg;
            i_allocated |= 1ull << reg;
            continue;
        }
        temp_load(s, ts, ct[i].regs, i_allocated, 0);
        new_args[i] = ts->reg;
        i_allocated |= 1ull << ts->reg;
        if (!IS_DEAD_ARG(life, i) || ts->kind == TEMP_FIXED) {
            i_live |= 1ull << ts->reg;
        }
    }

    if (def->flags & TCG_OPF_BB_EXIT) {
        tcg_reg_alloc_exit(s, i_allocated);
    } else if (def->flags & TCG_OPF_COND_BRANCH) {
        tcg_reg_alloc_cbranch(s, i_allocated);
    } else if (def->flags & TCG_OPF_BB_END) {
        tcg_reg_alloc_bb_end(s, i_allocated);
    } else {
        /* Dead inputs free their registers for the outputs. */
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            if (IS_DEAD_ARG(life, i) && !const_args[i]) {
                temp_dead(s, arg_temp(op->args[i]));
            }
        }
        if (def->flags & TCG_OPF_CALL_CLOBBER) {
            clobbers |= be->call_clobber_regs;
        }
        for (TCGReg r = 0; r < be->nb_regs; r++) {
            if (regset_has(clobbers, r)) {
                tcg_reg_free(s, r, i_allocated);
            }
        }
        if (def->flags & TCG_OPF_SIDE_EFFECTS) {
            sync_globals(s, i_allocated);
        }

        /* Outputs. */
        o_allocated = s->reserved_regs;
        for (int k = 0; k < nb_o; k++) {
            TCGTemp *ts = arg_temp(op->args[k]);
            TCGReg reg;

            if (ct[k].alias >= 0) {
                reg = (TCGReg)new_args[ct[k].alias];
                if (s->reg_to_temp[reg] && s->reg_to_temp[reg] != ts) {
                    /* Only possible for a dead input that is also an
                     * output of this op: drop the stale ownership. */
                    tcg_reg_free(s, reg, i_allocated | o_allocated);
                }
            } else if (ct[k].newreg) {
                reg = tcg_reg_alloc(s, ct[k].regs, i_allocated | o_allocated,
                                    op->output_pref[k & 1]);
            } else {
                reg = tcg_reg_alloc(s, ct[k].regs, i_live | o_allocated,
                                    op->output_pref[k & 1]);
            }
            set_output_reg(s, ts, reg);
            new_args[k] = reg;
            o_allocated |= 1ull << reg;
        }
    }

    for (int i = nb_o + nb_i; i < nb_a; i++) {
        new_args[i] = op->args[i];
    }
    be->out_op(s, op, new_args, const_args);

    if (def->flags & TCG_OPF_BB_END) {
        /* Branch inputs die after the compare. */
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            if (IS_DEAD_ARG(life, i) && !const_args[i]) {
                temp_dead(s, arg_temp(op->args[i]));
            }
        }
        return;
    }
    for (int k = 0; k < nb_o; k++) {
        output_done(s, arg_temp(op->args[k]), life, k, s->reserved_regs);
    }
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */

static void reset_alloc_state(TCGContext *s)
{
    memset(s->reg_to_temp, 0, sizeof(s->reg_to_temp));
    s->current_frame_offset = s->be->frame_start;
    for (int i = 0; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        switch (ts->kind) {
        case TEMP_FIXED:
            ts->val_type = TEMP_VAL_REG;
            break;
        case TEMP_GLOBAL:
            ts->val_type = TEMP_VAL_MEM;
            ts->mem_coherent = true;
            break;
        case TEMP_CONST:
            ts->val_type = TEMP_VAL_CONST;
            break;
        default:
            ts->val_type = TEMP_VAL_DEAD;
            ts->mem_allocated = false;
            ts->mem_coherent = false;
            break;
        }
    }
}

static void log_ops(TCGContext *s, const char *title)
{
    FILE *f = tern_log_lock();
    fprintf(f, "%s:\n", title);
    tcg_dump_ops(s, f, false);
    fputc('\n', f);
    tern_log_unlock(f);
}

int tcg_gen_code(TCGContext *s)
{
    int n;

    tcg_ctx = s;
    if (s->ops_overflow) {
        return -2;
    }
    if (s->optimize) {
        tcg_optimize(s);
    }
    if (tern_log_enabled(LOG_OP_OPT)) {
        log_ops(s, "OP after optimization");
    }
    tcg_liveness_analysis(s);

    reset_alloc_state(s);
    s->code_buf = s->code_ptr = s->code_gen_ptr;
    s->gen_nb_insns = 0;

    QTAILQ_FOREACH_OP(op, s) {
        switch (op->opc) {
        case INDEX_op_insn_start:
            n = s->gen_nb_insns;
            if (n >= TCG_MAX_INSNS) {
                return -2;
            }
            if (n > 0) {
                s->gen_insn_end_off[n - 1] = tcg_current_code_size(s);
            }
            for (int i = 0; i < TCG_INSN_START_WORDS; i++) {
                s->gen_insn_data[n][i] = op->args[i];
            }
            s->gen_nb_insns = n + 1;
            break;
        case INDEX_op_discard:
            temp_dead(s, arg_temp(op->args[0]));
            break;
        case INDEX_op_set_label:
            tcg_reg_alloc_bb_end(s, s->reserved_regs);
            tcg_out_label(s, arg_label(op->args[0]));
            break;
        case INDEX_op_movi:
            tcg_reg_alloc_movi(s, op);
            break;
        case INDEX_op_mov:
            tcg_reg_alloc_mov(s, op);
            break;
        case INDEX_op_call:
            tcg_reg_alloc_call(s, op);
            break;
        default:
            tcg_reg_alloc_op(s, op);
            break;
        }
        if (s->code_ptr > s->code_gen_highwater) {
            return -1;
        }
        if (s->ops_overflow) {
            return -2;
        }
    }
    if (s->gen_nb_insns > 0) {
        s->gen_insn_end_off[s->gen_nb_insns - 1] = tcg_current_code_size(s);
    }
    if (!s->be->tb_finalize(s) || s->code_ptr > s->code_gen_highwater) {
        return -1;
    }
    if (s->ops_overflow) {
        return -2;
    }
    tcg_resolve_block_relocs(s);

    __builtin___clear_cache((char *)tcg_splitwx_to_rx(s, s->code_buf),
                            (char *)tcg_splitwx_to_rx(s, s->code_ptr));

    if (tern_log_enabled(LOG_OUT_ASM)) {
        FILE *f = tern_log_lock();
        fprintf(f, "OUT: [size=%zu, backend %s]\n", tcg_current_code_size(s),
                s->be->name);
        s->be->disas(f, tcg_splitwx_to_rx(s, s->code_buf),
                     tcg_current_code_size(s));
        fputc('\n', f);
        tern_log_unlock(f);
    }
    return (int)tcg_current_code_size(s);
}
