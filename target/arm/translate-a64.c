/*
 * The A64 translator: globals, the per-instruction loop, dispatch by
 * instruction class, block ends, condition codes and exceptions.
 * The instructions themselves live in the tr-*.c class files
 * (see target/arm/translate.h for the decoder contract).
 */
#include <string.h>

#include <capstone/capstone.h>

#include "target/arm/translate.h"
#include "exec/cpu-ldst.h"
#include "util/log.h"

TCGv_i64 cpu_X[32];
TCGv_i64 cpu_pc;
TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

void arm_translate_init(void)
{
    static const char *const names[32] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
        "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
        "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
        "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp",
    };

    for (int i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new_i64(tcg_env,
                                          offsetof(CPUARMState, xregs[i]),
                                          names[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, pc), "pc");
    cpu_NF = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i64(tcg_env, offsetof(CPUARMState, VF), "VF");
    cpu_exclusive_addr = tcg_global_mem_new_i64(
        tcg_env, offsetof(CPUARMState, exclusive_addr), "exclusive_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(
        tcg_env, offsetof(CPUARMState, exclusive_val), "exclusive_val");
    cpu_exclusive_high = tcg_global_mem_new_i64(
        tcg_env, offsetof(CPUARMState, exclusive_high), "exclusive_high");
}

/* ------------------------------------------------------------------ */
/* Temps and registers                                                 */

TCGv_i64 new_tmp_a64(DisasContext *s)
{
    tcg_debug_assert(s->ntmp < (int)(sizeof(s->tmp) / sizeof(s->tmp[0])));
    return s->tmp[s->ntmp++] = tcg_temp_new_i64();
}

TCGv_i64 new_tmp_a64_zero(DisasContext *s)
{
    TCGv_i64 t = new_tmp_a64(s);

    tcg_gen_movi_i64(t, 0);
    return t;
}

static void free_tmp_a64(DisasContext *s)
{
    for (int i = 0; i < s->ntmp; i++) {
        tcg_temp_free_i64(s->tmp[i]);
    }
    s->ntmp = 0;
}

TCGv_i64 cpu_reg(DisasContext *s, int reg)
{
    /* Writes to XZR go to a temp nobody reads (liveness drops them). */
    return reg == 31 ? new_tmp_a64(s) : cpu_X[reg];
}

TCGv_i64 cpu_reg_sp(DisasContext *s, int reg)
{
    (void)s;
    return cpu_X[reg];
}

TCGv_i64 read_cpu_reg(DisasContext *s, int reg, bool sf)
{
    TCGv_i64 v = new_tmp_a64(s);

    if (reg == 31) {
        tcg_gen_movi_i64(v, 0);
    } else if (sf) {
        tcg_gen_mov_i64(v, cpu_X[reg]);
    } else {
        tcg_gen_ext32u_i64(v, cpu_X[reg]);
    }
    return v;
}

TCGv_i64 read_cpu_reg_sp(DisasContext *s, int reg, bool sf)
{
    TCGv_i64 v = new_tmp_a64(s);

    if (sf) {
        tcg_gen_mov_i64(v, cpu_X[reg]);
    } else {
        tcg_gen_ext32u_i64(v, cpu_X[reg]);
    }
    return v;
}

/* ------------------------------------------------------------------ */
/* Flags (lazy form: see target/arm/cpu.h)                             */

void gen_set_nzcv_from_logic(TCGv_i64 result, bool sf)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_NF, result);
        tcg_gen_mov_i64(cpu_ZF, result);
    } else {
        tcg_gen_ext32s_i64(cpu_NF, result);
        tcg_gen_ext32u_i64(cpu_ZF, result);
    }
    tcg_gen_movi_i64(cpu_CF, 0);
    tcg_gen_movi_i64(cpu_VF, 0);
}

/*
 * The common tail of ADDS/ADCS/SUBS: V from the sign bits of res, a and b
 * (an add overflows when a and b agree in sign and res does not; a
 * subtract when they differ and res differs from a), then N, Z and the
 * result.  dest may be the same temp as a or b: it is written last.
 */
static void gen_nzv_dest(bool sf, bool is_sub, TCGv_i64 dest, TCGv_i64 res,
                         TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 t = tcg_temp_new_i64();

    tcg_gen_xor_i64(cpu_VF, res, a);
    tcg_gen_xor_i64(t, a, b);
    if (is_sub) {
        tcg_gen_and_i64(cpu_VF, cpu_VF, t);
    } else {
        tcg_gen_andc_i64(cpu_VF, cpu_VF, t);
    }
    tcg_temp_free_i64(t);
    if (sf) {
        tcg_gen_mov_i64(cpu_NF, res);
        tcg_gen_mov_i64(cpu_ZF, res);
        tcg_gen_mov_i64(dest, res);
    } else {
        tcg_gen_ext32s_i64(cpu_VF, cpu_VF);
        tcg_gen_ext32s_i64(cpu_NF, res);
        tcg_gen_ext32u_i64(cpu_ZF, res);
        tcg_gen_ext32u_i64(dest, res);
    }
}

/*
 * In the 32-bit forms the operands arrive zero-extended from 32 bits
 * (read_cpu_reg with sf = 0), so the 64-bit sum holds the carry in bit 32.
 */
void gen_add_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 res = tcg_temp_new_i64();

    if (sf) {
        TCGv_i64 zero = tcg_constant_i64(0);
        tcg_gen_add2_i64(res, cpu_CF, a, zero, b, zero);
    } else {
        tcg_gen_add_i64(res, a, b);
        tcg_gen_shri_i64(cpu_CF, res, 32);
    }
    gen_nzv_dest(sf, false, dest, res, a, b);
    tcg_temp_free_i64(res);
}

/* ARM's carry after a subtraction is "no borrow": C = (a >= b) unsigned. */
void gen_sub_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 res = tcg_temp_new_i64();

    tcg_gen_sub_i64(res, a, b);
    tcg_gen_setcond_i64(TCG_COND_GEU, cpu_CF, a, b);
    gen_nzv_dest(sf, true, dest, res, a, b);
    tcg_temp_free_i64(res);
}

/* a + b + C.  (SBC/SBCS pass ~b, zero-extended from 32 bits if !sf.) */
void gen_adc_cc(bool sf, TCGv_i64 dest, TCGv_i64 a, TCGv_i64 b)
{
    TCGv_i64 res = tcg_temp_new_i64();

    if (sf) {
        TCGv_i64 zero = tcg_constant_i64(0);
        TCGv_i64 c = tcg_temp_new_i64();

        tcg_gen_add2_i64(res, c, a, zero, cpu_CF, zero);
        tcg_gen_add2_i64(res, cpu_CF, res, c, b, zero);
        tcg_temp_free_i64(c);
    } else {
        tcg_gen_add_i64(res, a, b);
        tcg_gen_add_i64(res, res, cpu_CF);
        tcg_gen_shri_i64(cpu_CF, res, 32);
    }
    gen_nzv_dest(sf, false, dest, res, a, b);
    tcg_temp_free_i64(res);
}

/*
 * The condition cc as "c->value c->cond 0".  c->value is either a flag
 * global or a per-insn temp: callers must not write it.
 */
void a64_test_cc(DisasContext *s, DisasCompare64 *c, int cc)
{
    TCGv_i64 t;

    switch (cc >> 1) {
    case 0:     /* EQ / NE: Z */
        c->cond = TCG_COND_EQ;
        c->value = cpu_ZF;
        break;
    case 1:     /* CS / CC: C */
        c->cond = TCG_COND_NE;
        c->value = cpu_CF;
        break;
    case 2:     /* MI / PL: N */
        c->cond = TCG_COND_LT;
        c->value = cpu_NF;
        break;
    case 3:     /* VS / VC: V */
        c->cond = TCG_COND_LT;
        c->value = cpu_VF;
        break;
    case 4:     /* HI / LS: C && !Z  <=>  (-CF & ZF) != 0 */
        t = new_tmp_a64(s);
        tcg_gen_neg_i64(t, cpu_CF);
        tcg_gen_and_i64(t, t, cpu_ZF);
        c->cond = TCG_COND_NE;
        c->value = t;
        break;
    case 5:     /* GE / LT: N == V */
        t = new_tmp_a64(s);
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        c->cond = TCG_COND_GE;
        c->value = t;
        break;
    case 6:     /* GT / LE: !Z && N == V  <=>  (ZF & ~((NF ^ VF) >> 63)) != 0 */
        t = new_tmp_a64(s);
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_sari_i64(t, t, 63);
        tcg_gen_andc_i64(t, cpu_ZF, t);
        c->cond = TCG_COND_NE;
        c->value = t;
        break;
    default:    /* AL, NV: always */
        c->cond = TCG_COND_ALWAYS;
        c->value = tcg_constant_i64(0);
        return;
    }
    if (cc & 1) {
        c->cond = tcg_invert_cond(c->cond);
    }
}


/* ------------------------------------------------------------------ */
/* Block ends and exceptions                                           */

void gen_a64_update_pc(DisasContext *s, uint64_t pc)
{
    (void)s;
    tcg_gen_movi_i64(cpu_pc, (int64_t)pc);
}

void gen_goto_tb(DisasContext *s, int n, uint64_t dest)
{
    if (translator_use_goto_tb(&s->base, dest)) {
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        tcg_gen_exit_tb((uintptr_t)s->base.tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, (int64_t)dest);
        /* A direct branch: BTYPE is 00 by now (a64_translate_insn). */
        translator_lookup_and_goto_ptr(&s->base, cpu_pc, 0);
    }
}

void gen_exception_at(DisasContext *s, uint64_t pc, int excp,
                      uint32_t syndrome)
{
    gen_a64_update_pc(s, pc);
    gen_helper_exception(tcg_env, tcg_constant_i32(excp),
                         tcg_constant_i32((int32_t)syndrome));
    s->base.is_jmp = DISAS_NORETURN;
}

void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome)
{
    gen_exception_at(s, s->pc_curr, excp, syndrome);
}

void unallocated_encoding(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF, s->insn);
}

/* ------------------------------------------------------------------ */
/* The translator loop hooks                                           */

static const A64Pattern *const class_tables[16] = {
    /* op0 = bits 28:25 */
    [0x8] = a64_dp_imm_patterns,     [0x9] = a64_dp_imm_patterns,
    [0xa] = a64_branch_sys_patterns, [0xb] = a64_branch_sys_patterns,
    [0x4] = a64_ldst_patterns,       [0x6] = a64_ldst_patterns,
    [0xc] = a64_ldst_patterns,       [0xe] = a64_ldst_patterns,
    [0x5] = a64_dp_reg_patterns,     [0xd] = a64_dp_reg_patterns,
    [0x7] = a64_simd_fp_patterns,    [0xf] = a64_simd_fp_patterns,
    /* 0x0-0x3: reserved (UDF), SME, SVE, unallocated */
};

static void a64_init_disas_context(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;

    s->env = cpu_env(cs);
    s->mem_idx = 0;
    s->ntmp = 0;
    s->btype = db->tb->flags & ARM_TBFLAG_BTYPE_MASK;
    s->next_btype = 0;
    /* Blocks never span pages: the first insn's page is the block's. */
    s->guarded_page = arm_feature(s->env, ARM_FEATURE_BTI) &&
                      page_check_range(db->pc_first, 1, PAGE_EXEC | PAGE_BTI);
}

static void a64_insn_start(DisasContextBase *db, CPUState *cs)
{
    (void)cs;
    tcg_gen_insn_start(db->pc_next, 0);
}

static void a64_translate_insn(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;
    const A64Pattern *p;
    bool ok = false;

    s->pc_curr = db->pc_next;
    if (s->pc_curr & 3) {
        /*
         * A branch to a misaligned address: the PC alignment fault comes
         * with the fetch (Linux: SIGBUS, BUS_ADRALN, si_addr = the pc).
         * Only a block's first insn can get here: the rest follow it.
         */
        db->pc_next += 4;
        tcg_gen_st_i64(tcg_constant_i64((int64_t)s->pc_curr), tcg_env,
                       offsetof(CPUARMState, exception_vaddr));
        gen_exception_insn(s, EXCP_UNALIGNED, 0);     /* ends the block */
        return;
    }
    /* May longjmp to cpu_exec (instruction fetch fault). */
    s->insn = cpu_ldl_code(cs, s->pc_curr);
    db->pc_next += 4;

    if (s->btype && s->pc_curr == db->pc_first) {
        /*
         * Entered by an indirect branch that left PSTATE.BTYPE != 00: on
         * a guarded page the insn must be a compatible landing pad.  The
         * exception leaves BTYPE as it is (the signal frame's pstate shows
         * it); otherwise the insn executes with BTYPE back to 00.
         */
        if (s->guarded_page && !a64_btype_compatible(s->insn, s->btype)) {
            gen_exception_insn(s, EXCP_BTI, s->insn);
            return;
        }
        tcg_gen_st32_i64(tcg_constant_i64(0), tcg_env,
                         offsetof(CPUARMState, btype));
    }

    p = class_tables[extract32(s->insn, 25, 4)];
    if (p) {
        for (; p->trans; p++) {
            if ((s->insn & p->mask) == p->value) {
                ok = p->trans(s, s->insn);
                break;
            }
        }
    }
    if (!ok) {
        if (tern_log_enabled(LOG_UNIMP)) {
            tern_log("unallocated or unimplemented A64 insn at 0x%016llx: "
                     "%08x%s%s\n", (unsigned long long)s->pc_curr, s->insn,
                     p && p->trans ? " (" : "",
                     p && p->trans ? p->name : "");
        }
        unallocated_encoding(s);
    }
    free_tmp_a64(s);
}

static void a64_tb_stop(DisasContextBase *db, CPUState *cs)
{
    DisasContext *s = (DisasContext *)db;

    (void)cs;
    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(s, 0, db->pc_next);
        break;
    case DISAS_JUMP:
        /* Branches to registers change only BTYPE, known here. */
        translator_lookup_and_goto_ptr(&s->base, cpu_pc, s->next_btype);
        break;
    case DISAS_UPDATE:
        tcg_gen_exit_tb(0, 0);
        break;
    case DISAS_NORETURN:
    default:
        break;
    }
}

static void a64_disas_log(const DisasContextBase *db, CPUState *cs, FILE *f)
{
    csh handle;
    bool have_cs = cs_open(CS_ARCH_ARM64, CS_MODE_ARM, &handle) == CS_ERR_OK;

    for (uint64_t pc = db->pc_first; pc < db->pc_next; pc += 4) {
        uint32_t insn = cpu_ldl_code(cs, pc);
        uint8_t bytes[4];
        cs_insn *ci = NULL;
        size_t n = 0;

        memcpy(bytes, &insn, 4);    /* A64 code is little-endian */
        if (have_cs) {
            n = cs_disasm(handle, bytes, 4, pc, 1, &ci);
        }
        if (n == 1) {
            fprintf(f, "0x%016llx:  %08x      %-8s %s\n",
                    (unsigned long long)pc, insn, ci->mnemonic, ci->op_str);
        } else {
            fprintf(f, "0x%016llx:  %08x      .inst 0x%08x\n",
                    (unsigned long long)pc, insn, insn);
        }
        if (ci) {
            cs_free(ci, n);
        }
    }
    if (have_cs) {
        cs_close(&handle);
    }
}

static const TranslatorOps a64_translator_ops = {
    .init_disas_context = a64_init_disas_context,
    .insn_start = a64_insn_start,
    .translate_insn = a64_translate_insn,
    .tb_stop = a64_tb_stop,
    .disas_log = a64_disas_log,
};

void arm_translate_code(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext dc;

    memset(&dc, 0, sizeof(dc));
    translator_loop(cpu, tb, max_insns, &a64_translator_ops, &dc.base);
}
