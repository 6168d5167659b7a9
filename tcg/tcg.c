/*
 * The translation context: op table, temps, labels, the op list, helper
 * calls, relocations and backend selection.  The passes live next door:
 * optimize.c, liveness.c, regalloc.c (which also drives the backend).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config-host.h"
#include "tcg/tcg.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) \
    [INDEX_op_##n] = { .name = #n, .nb_oargs = o, .nb_iargs = i, \
                       .nb_cargs = c, .nb_args = o + i + c, .flags = f },
#include "tcg/tcg-opc.h"
};

__thread TCGContext *tcg_ctx;
__thread TCGv_ptr tcg_env;

void tcg_abort_msg(const char *fmt, ...)
{
    va_list ap;

    fputs("tern: internal error in the code generator: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b)
{
    int64_t sa, sb;

    if (type == TCG_TYPE_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER:  return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ:     return a == b;
    case TCG_COND_NE:     return a != b;
    case TCG_COND_LT:     return sa < sb;
    case TCG_COND_GE:     return sa >= sb;
    case TCG_COND_LE:     return sa <= sb;
    case TCG_COND_GT:     return sa > sb;
    case TCG_COND_LTU:    return a < b;
    case TCG_COND_GEU:    return a >= b;
    case TCG_COND_LEU:    return a <= b;
    case TCG_COND_GTU:    return a > b;
    }
    tcg_abort_msg("bad condition %d", c);
}

/* ------------------------------------------------------------------ */
/* Backends                                                            */

const TCGBackend *tcg_backend_default(void)
{
#ifdef CONFIG_JIT_X86_64
    const char *env = getenv("TERN_TCG_BACKEND");
    if (env && *env) {
        const TCGBackend *be = tcg_backend_by_name(env);
        if (be) {
            return be;
        }
        fprintf(stderr, "tern: TERN_TCG_BACKEND=%s: unknown backend "
                "(use jit or interp)\n", env);
        exit(1);
    }
    return &tcg_backend_x86_64;
#else
    return &tcg_backend_interp;
#endif
}

const TCGBackend *tcg_backend_by_name(const char *name)
{
    if (!name) {
        return tcg_backend_default();
    }
    if (!strcmp(name, "interp") || !strcmp(name, "tci")) {
        return &tcg_backend_interp;
    }
#ifdef CONFIG_JIT_X86_64
    if (!strcmp(name, "jit") || !strcmp(name, "x86_64")) {
        return &tcg_backend_x86_64;
    }
#endif
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Context                                                             */

static TCGTemp *tcg_fixed_temp(TCGContext *s, TCGReg reg, const char *name)
{
    TCGTemp *ts = &s->temps[s->nb_temps++];

    memset(ts, 0, sizeof(*ts));
    ts->type = TCG_TYPE_PTR;
    ts->kind = TEMP_FIXED;
    ts->name = name;
    ts->reg = reg;
    ts->val_type = TEMP_VAL_REG;
    ts->allocated = true;
    s->reserved_regs |= 1ull << reg;
    return ts;
}

TCGContext *tcg_context_new(const TCGBackend *be)
{
    TCGContext *s = calloc(1, sizeof(*s));

    if (!s) {
        return NULL;
    }
    s->ops = calloc(TCG_MAX_OPS + 1, sizeof(TCGOp));
    if (!s->ops) {
        free(s);
        return NULL;
    }
    s->be = be;
    s->optimize = true;
    s->mem_mode = TCG_MEM_USER;
    s->reserved_regs = be->reserved_regs;
    tcg_ctx = s;
    s->env_temp = tcg_fixed_temp(s, be->env_reg, "env");
    s->frame_temp = tcg_fixed_temp(s, be->frame_reg, "_frame");
    s->nb_globals = s->nb_temps;
    tcg_env = (TCGv_ptr){ temp_idx(s->env_temp) };
    tcg_func_start(s);
    return s;
}

void tcg_context_free(TCGContext *s)
{
    if (!s) {
        return;
    }
    if (tcg_ctx == s) {
        tcg_ctx = NULL;
    }
    free(s->ops);
    free(s);
}

void tcg_set_code_buffer(TCGContext *s, void *rw, size_t size,
                         intptr_t splitwx_diff)
{
    s->code_gen_buffer = rw;
    s->code_gen_buffer_size = size;
    s->splitwx_diff = splitwx_diff;
    s->code_gen_ptr = rw;
    s->code_gen_highwater = (uint8_t *)rw + size - TCG_HIGHWATER;
}

static void tcg_resolve_relocs(TCGContext *s);

void tcg_emit_prologue(TCGContext *s)
{
    s->nb_labels = 0;
    s->code_buf = s->code_ptr = s->code_gen_ptr;
    s->be->out_prologue(s);
    tcg_resolve_relocs(s);
    s->code_gen_ptr = (uint8_t *)(((uintptr_t)s->code_ptr + 63) & ~(uintptr_t)63);
    __builtin___clear_cache((char *)tcg_splitwx_to_rx(s, s->code_buf),
                            (char *)tcg_splitwx_to_rx(s, s->code_ptr));
}

void tcg_func_start(TCGContext *s)
{
    tcg_ctx = s;
    tcg_env = (TCGv_ptr){ temp_idx(s->env_temp) };
    s->nb_temps = s->nb_globals;
    s->nb_ops = 0;
    s->first_op = s->last_op = NULL;
    s->nb_labels = 0;
    s->ops_overflow = false;
    s->gen_nb_insns = 0;
    s->tb_jmp_insn_offset[0] = s->tb_jmp_insn_offset[1] = 0xffff;
    s->tb_jmp_reset_offset[0] = s->tb_jmp_reset_offset[1] = 0xffff;
    memset(s->const_hash, 0, sizeof(s->const_hash));
    s->nb_consts = 0;
    s->nb_relocs = 0;
    memset(s->free_temps, 0, sizeof(s->free_temps));
}

/* ------------------------------------------------------------------ */
/* Temps                                                               */

static TCGTemp *tcg_global_alloc(TCGType type, intptr_t ofs, const char *n)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts;

    if (s->nb_globals != s->nb_temps) {
        tcg_abort_msg("globals must be created before any temp");
    }
    if (s->nb_temps >= TCG_MAX_TEMPS / 2) {
        tcg_abort_msg("too many globals");
    }
    ts = &s->temps[s->nb_temps++];
    s->nb_globals++;
    memset(ts, 0, sizeof(*ts));
    ts->type = type;
    ts->kind = TEMP_GLOBAL;
    ts->name = n;
    ts->mem_base = s->env_temp;
    ts->mem_offset = ofs;
    ts->mem_allocated = true;
    ts->val_type = TEMP_VAL_MEM;
    ts->mem_coherent = true;
    ts->allocated = true;
    return ts;
}

TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t ofs, const char *n)
{
    if (base.t != tcg_env.t) {
        tcg_abort_msg("globals must be based on env");
    }
    return temp_tcgv_i32(tcg_global_alloc(TCG_TYPE_I32, ofs, n));
}

TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t ofs, const char *n)
{
    if (base.t != tcg_env.t) {
        tcg_abort_msg("globals must be based on env");
    }
    return temp_tcgv_i64(tcg_global_alloc(TCG_TYPE_I64, ofs, n));
}

/* A throwaway temp handed out when a block exceeds the limits. */
static TCGTemp *tcg_overflow_temp(TCGContext *s, TCGType type)
{
    TCGTemp *ts = &s->temps[TCG_MAX_TEMPS - 1];

    s->ops_overflow = true;
    memset(ts, 0, sizeof(*ts));
    ts->type = type;
    ts->kind = TEMP_EBB;
    return ts;
}

TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    TCGTemp *ts;
    int k = kind == TEMP_TB;

    if (s->free_temps[k][type]) {
        ts = &s->temps[s->free_temps[k][type] - 1];
        s->free_temps[k][type] = (int)ts->val;
    } else {
        if (s->nb_temps >= TCG_MAX_TEMPS - 1) {
            return tcg_overflow_temp(s, type);
        }
        ts = &s->temps[s->nb_temps++];
    }
    memset(ts, 0, sizeof(*ts));
    ts->type = type;
    ts->kind = kind;
    ts->val_type = TEMP_VAL_DEAD;
    ts->allocated = true;
    return ts;
}

void tcg_temp_free_internal(TCGTemp *ts)
{
    TCGContext *s = tcg_ctx;
    int k;

    if (ts->kind != TEMP_EBB && ts->kind != TEMP_TB) {
        return;         /* globals and constants are never freed */
    }
    if (!ts->allocated || ts == &s->temps[TCG_MAX_TEMPS - 1]) {
        return;
    }
    ts->allocated = false;
    k = ts->kind == TEMP_TB;
    ts->val = s->free_temps[k][ts->type];
    s->free_temps[k][ts->type] = temp_idx(ts) + 1;
}

TCGTemp *tcg_constant_internal(TCGType type, int64_t val)
{
    TCGContext *s = tcg_ctx;
    uint64_t h;
    unsigned i;
    TCGTemp *ts;

    if (type == TCG_TYPE_I32) {
        val = (int32_t)val;
    }
    h = ((uint64_t)val * 0x9e3779b97f4a7c15ull) ^ type;
    for (i = (h >> 40) % TCG_CONST_HASH; ; i = (i + 1) % TCG_CONST_HASH) {
        int idx = s->const_hash[i];
        if (!idx) {
            break;
        }
        ts = &s->temps[idx - 1];
        if (ts->type == type && ts->val == val) {
            return ts;
        }
    }
    if (s->nb_temps >= TCG_MAX_TEMPS - 1 || s->nb_consts >= TCG_CONST_HASH / 2) {
        return tcg_overflow_temp(s, type);
    }
    ts = &s->temps[s->nb_temps++];
    memset(ts, 0, sizeof(*ts));
    ts->type = type;
    ts->kind = TEMP_CONST;
    ts->val = val;
    ts->val_type = TEMP_VAL_CONST;
    ts->allocated = true;
    s->const_hash[i] = temp_idx(ts) + 1;
    s->nb_consts++;
    return ts;
}

/* ------------------------------------------------------------------ */
/* Labels                                                              */

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    TCGLabel *l;

    if (s->nb_labels >= TCG_MAX_LABELS - 1) {
        s->ops_overflow = true;
        l = &s->labels[TCG_MAX_LABELS - 1];
        memset(l, 0, sizeof(*l));
        l->id = TCG_MAX_LABELS - 1;
        return l;
    }
    l = &s->labels[s->nb_labels];
    memset(l, 0, sizeof(*l));
    l->id = s->nb_labels++;
    return l;
}

void tcg_out_reloc(TCGContext *s, void *code_ptr, int type, TCGLabel *l,
                   intptr_t addend)
{
    TCGRelocation *r;

    if (s->nb_relocs >= TCG_MAX_RELOCS) {
        s->ops_overflow = true;
        return;
    }
    r = &s->relocs[s->nb_relocs++];
    r->code_ptr = code_ptr;
    r->type = type;
    r->addend = addend;
    r->next = l->relocs;
    l->relocs = r;
}

void tcg_out_label(TCGContext *s, TCGLabel *l)
{
    l->has_value = true;
    l->value = (uintptr_t)tcg_splitwx_to_rx(s, s->code_ptr);
}

static void tcg_resolve_relocs(TCGContext *s)
{
    for (int i = 0; i < s->nb_labels; i++) {
        TCGLabel *l = &s->labels[i];
        for (TCGRelocation *r = l->relocs; r; r = r->next) {
            if (!l->has_value) {
                tcg_abort_msg("branch to label %d that was never set", i);
            }
            if (!s->be->patch_reloc(r->code_ptr, r->type, l->value,
                                    r->addend)) {
                tcg_abort_msg("relocation out of range");
            }
        }
        l->relocs = NULL;
    }
    s->nb_relocs = 0;
}

void tcg_resolve_block_relocs(TCGContext *s)
{
    tcg_resolve_relocs(s);
}

/* ------------------------------------------------------------------ */
/* Op list                                                             */

static TCGOp *tcg_op_alloc(TCGContext *s, TCGOpcode opc, TCGType type,
                           unsigned nargs)
{
    TCGOp *op;

    if (s->nb_ops >= TCG_MAX_OPS || nargs > TCG_MAX_OP_ARGS) {
        s->ops_overflow = true;
        op = &s->ops[TCG_MAX_OPS];      /* scratch, never linked */
    } else {
        op = &s->ops[s->nb_ops++];
    }
    /* The caller fills args[0 .. nargs); clear only the rest. */
    op->opc = opc;
    op->type = type;
    op->nargs = nargs;
    op->call_oargs = op->call_iargs = 0;
    op->life = 0;
    op->prev = op->next = NULL;
    op->output_pref[0] = op->output_pref[1] = 0;
    return op;
}

TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, unsigned nargs)
{
    TCGContext *s = tcg_ctx;
    TCGOp *op = tcg_op_alloc(s, opc, type, nargs);

    if (op == &s->ops[TCG_MAX_OPS]) {
        return op;
    }
    op->prev = s->last_op;
    if (s->last_op) {
        s->last_op->next = op;
    } else {
        s->first_op = op;
    }
    s->last_op = op;
    return op;
}

TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, type, nargs);

    if (op == &s->ops[TCG_MAX_OPS]) {
        return op;
    }
    op->next = old;
    op->prev = old->prev;
    if (old->prev) {
        old->prev->next = op;
    } else {
        s->first_op = op;
    }
    old->prev = op;
    return op;
}

TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, unsigned nargs)
{
    TCGOp *op = tcg_op_alloc(s, opc, type, nargs);

    if (op == &s->ops[TCG_MAX_OPS]) {
        return op;
    }
    op->prev = old;
    op->next = old->next;
    if (old->next) {
        old->next->prev = op;
    } else {
        s->last_op = op;
    }
    old->next = op;
    return op;
}

void tcg_op_remove(TCGContext *s, TCGOp *op)
{
    if (op->prev) {
        op->prev->next = op->next;
    } else {
        s->first_op = op->next;
    }
    if (op->next) {
        op->next->prev = op->prev;
    } else {
        s->last_op = op->prev;
    }
    op->prev = op->next = NULL;
}

/* ------------------------------------------------------------------ */
/* Helper calls                                                        */

void tcg_gen_callN(TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args)
{
    unsigned nb_o = ret != NULL, nb_i = info->nb_args, i, pi = 0;
    TCGOp *op;

    if (nb_i > TCG_MAX_CALL_IARGS) {
        tcg_abort_msg("helper %s has too many arguments", info->name);
    }
    if ((tcg_helper_typecode(info, 0) == dh_typecode_void) != (ret == NULL)) {
        tcg_abort_msg("helper %s: return value mismatch", info->name);
    }
    op = tcg_emit_op(INDEX_op_call, TCG_TYPE_I64, nb_o + nb_i + 2);
    op->call_oargs = nb_o;
    op->call_iargs = nb_i;
    if (ret) {
        op->args[pi++] = temp_arg(ret);
    }
    for (i = 0; i < nb_i; i++) {
        op->args[pi++] = temp_arg(args[i]);
    }
    op->args[pi++] = (TCGArg)(uintptr_t)info->func;
    op->args[pi++] = (TCGArg)(uintptr_t)info;
}
