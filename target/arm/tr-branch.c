/*
 * A64 branches, exception generation and system instructions
 * (op0 = 101x), as EL0 of a Linux process sees them.
 * See target/arm/translate.h for the decoder contract.
 *
 * Exceptions: SVC raises EXCP_SWI with env->pc already pointing at the
 * next instruction (the syscall returns there, as on hardware where
 * ELR_EL1 holds the preferred return address); BRK raises EXCP_BKPT with
 * env->pc at the BRK itself, as does every UNDEF (EXCP_UDEF).  The
 * immediate of SVC/BRK is env->exception_syndrome.
 */
#include "target/arm/translate.h"

/* ------------------------------------------------------------------ */
/* Branches                                                            */

/* B, BL: op 31, imm26. */
static bool trans_b(DisasContext *s, uint32_t insn)
{
    uint64_t dest = s->pc_curr + sextract64(extract32(insn, 0, 26), 0, 26) * 4;

    if (insn >> 31) {
        tcg_gen_movi_i64(cpu_X[30], (int64_t)(s->pc_curr + 4));
    }
    gen_goto_tb(s, 0, dest);
    s->base.is_jmp = DISAS_NORETURN;
    return true;
}

/* Two-way end of block: goto_tb 0 to the next insn, 1 to dest if taken. */
static void gen_cond_branch(DisasContext *s, TCGCond cond, TCGv_i64 v,
                            uint64_t dest)
{
    TCGLabel *taken = gen_new_label();

    tcg_gen_brcondi_i64(cond, v, 0, taken);
    gen_goto_tb(s, 0, s->base.pc_next);
    tcg_gen_set_label(taken);
    gen_goto_tb(s, 1, dest);
    s->base.is_jmp = DISAS_NORETURN;
}

/* B.cond: imm19, o0 = 0, cond. */
static bool trans_b_cond(DisasContext *s, uint32_t insn)
{
    uint64_t dest = s->pc_curr + sextract64(extract32(insn, 5, 19), 0, 19) * 4;
    DisasCompare64 c;

    a64_test_cc(s, &c, extract32(insn, 0, 4));
    if (c.cond == TCG_COND_ALWAYS) {
        gen_goto_tb(s, 0, dest);
        s->base.is_jmp = DISAS_NORETURN;
    } else {
        gen_cond_branch(s, c.cond, c.value, dest);
    }
    return true;
}

/* CBZ, CBNZ: sf, op 24, imm19, Rt. */
static bool trans_cbz(DisasContext *s, uint32_t insn)
{
    uint64_t dest = s->pc_curr + sextract64(extract32(insn, 5, 19), 0, 19) * 4;
    bool sf = extract32(insn, 31, 1);
    TCGv_i64 v = read_cpu_reg(s, extract32(insn, 0, 5), sf);

    gen_cond_branch(s, extract32(insn, 24, 1) ? TCG_COND_NE : TCG_COND_EQ,
                    v, dest);
    return true;
}

/* TBZ, TBNZ: b5 31, op 24, b40 23:19, imm14, Rt. */
static bool trans_tbz(DisasContext *s, uint32_t insn)
{
    uint64_t dest = s->pc_curr + sextract64(extract32(insn, 5, 14), 0, 14) * 4;
    unsigned bit = extract32(insn, 31, 1) << 5 | extract32(insn, 19, 5);
    TCGv_i64 v = read_cpu_reg(s, extract32(insn, 0, 5), true);

    tcg_gen_andi_i64(v, v, (int64_t)(1ull << bit));
    gen_cond_branch(s, extract32(insn, 24, 1) ? TCG_COND_NE : TCG_COND_EQ,
                    v, dest);
    return true;
}

/* BR, BLR, RET (opc 24:21 = 0, 1, 2; op2 = 11111, op3 = 0, op4 = 0). */
static bool trans_br_reg(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 21, 4);
    TCGv_i64 target;

    if (extract32(insn, 16, 5) != 0x1f) {
        return false;
    }
    if (extract32(insn, 10, 6) == 2 || extract32(insn, 10, 6) == 3) {
        return trans_pauth_branch(s, insn);     /* BRAA, RETAA ... */
    }
    if (extract32(insn, 10, 6) != 0 || extract32(insn, 0, 5) != 0 ||
        opc > 2) {
        return false;   /* ERET, DRPS: not at EL0 */
    }
    /* Read first: BLR x30 jumps to the old x30. */
    target = read_cpu_reg(s, extract32(insn, 5, 5), true);
    if (opc == 1) {
        tcg_gen_movi_i64(cpu_X[30], (int64_t)(s->pc_curr + 4));
    }
    tcg_gen_mov_i64(cpu_pc, target);
    if (opc != 2) {
        gen_set_btype(s, extract32(insn, 5, 5), opc == 1);
    }
    s->base.is_jmp = DISAS_JUMP;
    return true;
}

/*
 * BTI (FEAT_BTI).  BR/BLR (and BRAA/BLRAA ...) set PSTATE.BTYPE: BLR 10
 * (a call); BR 01 when the register is x16/x17 (PLT stubs, veneers) or
 * the BR is not on a guarded page, 11 otherwise (a jump).  RET and every
 * other instruction leave 00.  The branch ends the block, and the BTYPE
 * is part of the next block's translation flags, so the store here and
 * the probe's key (next_btype) agree with what the main loop would find.
 */
void gen_set_btype(DisasContext *s, int rn, bool blr)
{
    unsigned bt;

    if (!arm_feature(s->env, ARM_FEATURE_BTI)) {
        return;
    }
    bt = blr ? 2 : (s->guarded_page && rn != 16 && rn != 17) ? 3 : 1;
    tcg_gen_st32_i64(tcg_constant_i64(bt), tcg_env,
                     offsetof(CPUARMState, btype));
    s->next_btype = bt;
}

/*
 * May insn be the first instruction executed on a guarded page with
 * PSTATE.BTYPE = btype (1..3)?  BTI c/j/jc by their targets; PACIASP and
 * PACIBSP are compatible with 01 and 10 but not 11, because Linux sets
 * SCTLR_EL1.BT0 (only x16/x17 may BR onto a function entry); BRK and
 * HLT raise their own exception first.  Anything else is a Branch
 * Target exception (Linux: SIGILL, ILL_ILLOPC, at the instruction).
 */
bool a64_btype_compatible(uint32_t insn, unsigned btype)
{
    if ((insn & 0xfffff01fu) == 0xd503201fu) {      /* the hint space */
        unsigned op = extract32(insn, 5, 7);        /* CRm:op2 */
        if ((op & 0x79) == 0x20) {                  /* BTI {c|j|jc} */
            unsigned targets = (op >> 1) & 3;       /* 1 c, 2 j, 3 jc */
            switch (btype) {
            case 1:
                return targets != 0;
            case 2:
                return targets & 1;
            default:
                return targets & 2;
            }
        }
        if (op == 25 || op == 27) {                 /* PACIASP, PACIBSP */
            return btype != 3;
        }
        return false;
    }
    /* BRK, HLT: exception generation, opc 001 / 010, op2 000, LL 00 */
    return (insn & 0xffe0001fu) == 0xd4200000u ||
           (insn & 0xffe0001fu) == 0xd4400000u;
}

/* ------------------------------------------------------------------ */
/* Exception generation                                                */

/* 11010100 opc 23:21, imm16 20:5, op2 4:2, LL 1:0. */
static bool trans_excp(DisasContext *s, uint32_t insn)
{
    unsigned opc = extract32(insn, 21, 3);
    unsigned op2_ll = extract32(insn, 0, 5);
    uint32_t imm16 = extract32(insn, 5, 16);

    if (opc == 0 && op2_ll == 1) {          /* SVC */
        gen_exception_at(s, s->base.pc_next, EXCP_SWI, imm16);
        return true;
    }
    if (opc == 1 && op2_ll == 0) {          /* BRK */
        gen_exception_insn(s, EXCP_BKPT, imm16);
        return true;
    }
    /* HVC, SMC (UNDEF at EL0), HLT (no halting debug), DCPSn, TSTART... */
    return false;
}

/* ------------------------------------------------------------------ */
/* System: hints, barriers, PSTATE                                     */

/*
 * The hint space (CRm:op2) executes as NOP at EL0 of a user-mode
 * process: YIELD, WFE, WFI, SEV(L) have nothing to wait for or wake up;
 * BTI is a NOP as an instruction (its check is at the block start, see
 * a64_btype_compatible).  The PAuth
 * forms (PACIASP, AUTIASP, XPACLRI ...) work on models with PAuth and
 * are NOPs on the others, as on such cores (tr-pauth.c).
 */
static bool trans_hint(DisasContext *s, uint32_t insn)
{
    gen_pauth_hint(s, extract32(insn, 5, 7));
    return true;
}

/* CLREX, DSB, DMB, ISB: CRm 11:8, op2 7:5. */
static bool trans_barrier(DisasContext *s, uint32_t insn)
{
    unsigned crm = extract32(insn, 8, 4);

    switch (extract32(insn, 5, 3)) {
    case 2:     /* CLREX */
        tcg_gen_movi_i64(cpu_exclusive_addr, -1);
        return true;
    case 4:     /* DSB (incl. SSBB, PSSBB) */
    case 5:     /* DMB */
        switch (crm & 3) {
        case 1:     /* *LD: loads before loads and stores */
            tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_LD_ST | TCG_BAR_SC);
            break;
        case 2:     /* *ST: stores before stores */
            tcg_gen_mb(TCG_MO_ST_ST | TCG_BAR_SC);
            break;
        default:
            tcg_gen_mb(TCG_MO_ALL | TCG_BAR_SC);
            break;
        }
        return true;
    case 6:     /* ISB: context synchronization, leave the block */
        gen_a64_update_pc(s, s->base.pc_next);
        s->base.is_jmp = DISAS_UPDATE;
        return true;
    default:    /* SB (not advertised), TCOMMIT, DSB nXS */
        return false;
    }
}

/* Booleans of the lazy flags. */
static TCGv_i64 gen_flag_z(DisasContext *s)
{
    TCGv_i64 t = new_tmp_a64(s);
    tcg_gen_setcondi_i64(TCG_COND_EQ, t, cpu_ZF, 0);
    return t;
}

static TCGv_i64 gen_flag_v(DisasContext *s)
{
    TCGv_i64 t = new_tmp_a64(s);
    tcg_gen_shri_i64(t, cpu_VF, 63);
    return t;
}

/* MSR (immediate) with op0 = 0, CRn = 4: only FlagM's CFINV/XAFLAG/AXFLAG. */
static bool trans_pstate(DisasContext *s, uint32_t insn)
{
    TCGv_i64 z, c, v, t;

    if (!arm_feature(s->env, ARM_FEATURE_FLAGM) ||
        extract32(insn, 16, 3) != 0 || extract32(insn, 8, 4) != 0) {
        return false;   /* DAIF, SPSel, PAN, UAO, SSBS, DIT, TCO ... */
    }
    switch (extract32(insn, 5, 3)) {
    case 0:     /* CFINV */
        tcg_gen_xori_i64(cpu_CF, cpu_CF, 1);
        return true;
    case 1:     /* XAFLAG: from the "external" float-compare format */
        z = gen_flag_z(s);
        c = new_tmp_a64(s);
        tcg_gen_mov_i64(c, cpu_CF);
        t = new_tmp_a64(s);
        /* N = !C && !Z */
        tcg_gen_or_i64(t, c, z);
        tcg_gen_xori_i64(t, t, 1);
        tcg_gen_neg_i64(cpu_NF, t);
        /* V = !C && Z */
        tcg_gen_andc_i64(t, z, c);
        tcg_gen_neg_i64(cpu_VF, t);
        /* Z = Z && C  (ZF == 0 means Z set) */
        tcg_gen_and_i64(t, z, c);
        tcg_gen_xori_i64(cpu_ZF, t, 1);
        /* C = C || Z */
        tcg_gen_or_i64(cpu_CF, c, z);
        return true;
    case 2:     /* AXFLAG: to the "external" format */
        z = gen_flag_z(s);
        v = gen_flag_v(s);
        /* Z = Z || V */
        tcg_gen_or_i64(z, z, v);
        tcg_gen_xori_i64(cpu_ZF, z, 1);
        /* C = C && !V */
        tcg_gen_andc_i64(cpu_CF, cpu_CF, v);
        tcg_gen_movi_i64(cpu_NF, 0);
        tcg_gen_movi_i64(cpu_VF, 0);
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------------ */
/* System registers                                                    */

/* op0:op1:CRn:CRm:op2 as in bits 20:5 of MRS/MSR/SYS. */
#define SYSREG(op0, op1, crn, crm, op2) \
    ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

#define SR_NZCV         SYSREG(3, 3, 4, 2, 0)
#define SR_FPCR         SYSREG(3, 3, 4, 4, 0)
#define SR_FPSR         SYSREG(3, 3, 4, 4, 1)
#define SR_TPIDR_EL0    SYSREG(3, 3, 13, 0, 2)
#define SR_TPIDRRO_EL0  SYSREG(3, 3, 13, 0, 3)
#define SR_CTR_EL0      SYSREG(3, 3, 0, 0, 1)
#define SR_DCZID_EL0    SYSREG(3, 3, 0, 0, 7)
#define SR_CNTFRQ_EL0   SYSREG(3, 3, 14, 0, 0)
#define SR_CNTVCT_EL0   SYSREG(3, 3, 14, 0, 2)
#define SR_MIDR_EL1     SYSREG(3, 0, 0, 0, 0)
#define SR_MPIDR_EL1    SYSREG(3, 0, 0, 0, 5)
#define SR_REVIDR_EL1   SYSREG(3, 0, 0, 0, 6)

/* Writable FPCR bits: AHP, DN, FZ, RMode, FZ16 (no FP trap support). */
#define FPCR_MASK 0x07c80000u
/* FPSR: QC and the cumulative exception bits IDC, IXC..IOC. */
#define FPSR_MASK 0x0800009fu

/* DC ZVA block: 2^4 words = 64 bytes (DCZID_EL0.BS = 4, DZP = 0). */
#define DCZID_BS 4
#define ZVA_BYTES (4u << DCZID_BS)

/*
 * Cache type: 64-byte I and D lines (IminLine = DminLine = 4), PIPT
 * instruction cache, CWG = ERG = 4.  IDC/DIC stay 0, so programs clean
 * and invalidate as they would on a Cortex-A57; those are NOPs here.
 */
#define CTR_VALUE 0x8444c004ull

/*
 * The generic timer: CNTVCT_EL0 counts at 1 GHz (the frequency ARMv8.6
 * makes mandatory), i.e. it is the host's CLOCK_MONOTONIC in
 * nanoseconds (helper_get_cntvct in op_helper.c).
 */
#define A64_CNTFRQ_HZ 1000000000

/*
 * Bits of an ID register Linux shows to EL0 (arch/arm64 "CPU feature
 * registers" ABI): the visible fields are passed, the rest read as their
 * safe value (ID_AA64PFR0.EL0/EL1 = 1: AArch64 only) or 0.
 */
static uint64_t el0_id_reg(const CPUARMState *env, unsigned key)
{
    const ARMCPUModel *m = env->model;

    switch (key) {
    case SYSREG(3, 0, 0, 5, 0):     /* ID_AA64DFR0_EL1: DebugVer = v8.0 */
        return 6;
    case SYSREG(3, 0, 0, 7, 0):     /* ID_AA64MMFR0_EL1 */
        /* all hidden; TGran4 and TGran64 read as "not implemented" */
        return 0xff000000ull;
    case SYSREG(3, 0, 0, 4, 0):     /* ID_AA64PFR0_EL1 */
        /* FP[19:16], AdvSIMD[23:20], SVE[35:32], DIT[51:48] visible */
        return (m->id_aa64pfr0 & 0x000f000f00ff0000ull) | 0x11;
    case SYSREG(3, 0, 0, 4, 1):     /* ID_AA64PFR1_EL1: BT[3:0], SSBS[7:4] */
        return m->id_aa64pfr1 & 0xff;
    case SYSREG(3, 0, 0, 6, 0):     /* ID_AA64ISAR0_EL1 */
        /* everything but TLB[59:56] and the RES0 low nibble */
        return m->id_aa64isar0 & 0xf0fffffffffffff0ull;
    case SYSREG(3, 0, 0, 6, 1):     /* ID_AA64ISAR1_EL1 */
        return m->id_aa64isar1;
    default:                        /* other ID registers (CRm 2..7): RAZ */
        return 0;
    }
}

static bool trans_mrs_msr(DisasContext *s, uint32_t insn)
{
    bool read = extract32(insn, 21, 1);
    unsigned key = extract32(insn, 5, 16);
    int rt = extract32(insn, 0, 5);
    TCGv_i64 t;

    if (read) {
        TCGv_i64 dst = cpu_reg(s, rt);

        switch (key) {
        case SR_NZCV:
            t = new_tmp_a64(s);
            tcg_gen_shri_i64(dst, cpu_NF, 63);
            tcg_gen_shli_i64(dst, dst, 31);
            tcg_gen_setcondi_i64(TCG_COND_EQ, t, cpu_ZF, 0);
            tcg_gen_shli_i64(t, t, 30);
            tcg_gen_or_i64(dst, dst, t);
            tcg_gen_shli_i64(t, cpu_CF, 29);
            tcg_gen_or_i64(dst, dst, t);
            tcg_gen_shri_i64(t, cpu_VF, 63);
            tcg_gen_shli_i64(t, t, 28);
            tcg_gen_or_i64(dst, dst, t);
            return true;
        case SR_FPCR:
            tcg_gen_ld32u_i64(dst, tcg_env, offsetof(CPUARMState, fpcr));
            return true;
        case SR_FPSR:
            tcg_gen_ld32u_i64(dst, tcg_env, offsetof(CPUARMState, fpsr));
            return true;
        case SR_TPIDR_EL0:
            tcg_gen_ld_i64(dst, tcg_env, offsetof(CPUARMState, tpidr_el0));
            return true;
        case SR_TPIDRRO_EL0:
            tcg_gen_ld_i64(dst, tcg_env, offsetof(CPUARMState, tpidrro_el0));
            return true;
        case SR_CTR_EL0:
            tcg_gen_movi_i64(dst, CTR_VALUE);
            return true;
        case SR_DCZID_EL0:
            tcg_gen_movi_i64(dst, DCZID_BS);
            return true;
        case SR_CNTFRQ_EL0:
            tcg_gen_movi_i64(dst, A64_CNTFRQ_HZ);
            return true;
        case SR_CNTVCT_EL0:
            gen_helper_get_cntvct(dst, tcg_env);
            return true;
        }
        /*
         * Linux emulates MRS of the ID space op0=3 op1=0 CRn=0 with CRm=0
         * (MIDR, MPIDR, REVIDR; the rest SIGILL) and CRm=2..7 (its
         * sanitised user view; unknown registers RAZ).
         */
        if (arm_feature(s->env, ARM_FEATURE_CPUID) &&
            (key & ~0x7fu) == SYSREG(3, 0, 0, 0, 0) &&
            extract32(key, 3, 4) != 1 && extract32(key, 3, 4) <= 7) {
            uint64_t v;

            switch (key) {
            case SR_MIDR_EL1:
                v = s->env->model->midr;
                break;
            case SR_MPIDR_EL1:
                v = 0x80000000ull;      /* RES1 bit 31, affinity 0 */
                break;
            case SR_REVIDR_EL1:
                v = 0;
                break;
            default:
                if (extract32(key, 3, 4) == 0) {
                    return false;   /* CRm = 0: only the three above */
                }
                v = el0_id_reg(s->env, key);
                break;
            }
            tcg_gen_movi_i64(dst, (int64_t)v);
            return true;
        }
        return false;
    }

    switch (key) {
    case SR_NZCV:
        t = read_cpu_reg(s, rt, true);
        tcg_gen_shli_i64(cpu_NF, t, 32);            /* bit 31 -> 63 */
        tcg_gen_shli_i64(cpu_VF, t, 35);            /* bit 28 -> 63 */
        tcg_gen_extract_i64(cpu_CF, t, 29, 1);
        tcg_gen_andi_i64(cpu_ZF, t, 1 << 30);
        tcg_gen_xori_i64(cpu_ZF, cpu_ZF, 1 << 30);  /* nonzero: Z clear */
        return true;
    case SR_FPCR:
        t = read_cpu_reg(s, rt, true);
        tcg_gen_andi_i64(t, t, FPCR_MASK);
        tcg_gen_st32_i64(t, tcg_env, offsetof(CPUARMState, fpcr));
        /* The FP translator may fold FPCR into the block flags later. */
        gen_a64_update_pc(s, s->base.pc_next);
        s->base.is_jmp = DISAS_UPDATE;
        return true;
    case SR_FPSR:
        t = read_cpu_reg(s, rt, true);
        tcg_gen_andi_i64(t, t, FPSR_MASK);
        tcg_gen_st32_i64(t, tcg_env, offsetof(CPUARMState, fpsr));
        return true;
    case SR_TPIDR_EL0:
        t = read_cpu_reg(s, rt, true);
        tcg_gen_st_i64(t, tcg_env, offsetof(CPUARMState, tpidr_el0));
        return true;
    }
    return false;   /* read-only or EL1+ registers */
}

/* SYS (L = 0, op0 = 1): the cache maintenance EL0 may use under Linux. */
static bool trans_sys(DisasContext *s, uint32_t insn)
{
    unsigned key = extract32(insn, 5, 16);
    int rt = extract32(insn, 0, 5);

    switch (key) {
    case SYSREG(1, 3, 7, 4, 1): {   /* DC ZVA */
        TCGv_i64 addr = read_cpu_reg(s, rt, true);
        TCGv_i64 zero = tcg_constant_i64(0);

        tcg_gen_andi_i64(addr, addr, -(int64_t)ZVA_BYTES);
        for (unsigned i = 0; i < ZVA_BYTES / 8; i++) {
            tcg_gen_qemu_st_i64(zero, addr, s->mem_idx, MO_LEUQ);
            tcg_gen_addi_i64(addr, addr, 8);
        }
        return true;
    }
    case SYSREG(1, 3, 7, 11, 1):    /* DC CVAU */
    case SYSREG(1, 3, 7, 10, 1):    /* DC CVAC */
    case SYSREG(1, 3, 7, 14, 1):    /* DC CIVAC */
        /* Coherent data caches: nothing to write back. */
        return true;
    case SYSREG(1, 3, 7, 5, 1):     /* IC IVAU */
        /*
         * Writes to a writable page with code are caught by its write
         * protection, but not writes through another mapping of the same
         * memory (a JIT's writable alias): drop the line's blocks.
         */
        gen_helper_ic_ivau(tcg_env, read_cpu_reg(s, rt, true));
        return true;
    case SYSREG(1, 3, 7, 12, 1):    /* DC CVAP */
        return arm_feature(s->env, ARM_FEATURE_DCPOP);
    }
    return false;
}

const A64Pattern a64_branch_sys_patterns[] = {
    { 0x7c000000, 0x14000000, trans_b, "B/BL" },
    { 0xff000010, 0x54000000, trans_b_cond, "B.cond" },
    { 0x7e000000, 0x34000000, trans_cbz, "CBZ/CBNZ" },
    { 0x7e000000, 0x36000000, trans_tbz, "TBZ/TBNZ" },
    { 0xfe000000, 0xd6000000, trans_br_reg, "branch (register)" },
    { 0xff000000, 0xd4000000, trans_excp, "exception generation" },
    { 0xfffff01f, 0xd503201f, trans_hint, "hint" },
    { 0xfffff01f, 0xd503301f, trans_barrier, "barrier" },
    { 0xfff8f01f, 0xd500401f, trans_pstate, "MSR (immediate)" },
    { 0xfff80000, 0xd5080000, trans_sys, "SYS" },
    { 0xffd00000, 0xd5100000, trans_mrs_msr, "MRS/MSR" },
    { 0, 0, NULL, NULL },
};
