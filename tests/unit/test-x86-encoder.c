/*
 * Tests of the x86-64 JIT backend (tcg/x86_64/).
 *
 *  - /x86/encode/...: instruction encodings checked against capstone;
 *  - /x86/ops/...: every integer op run through the whole pipeline
 *    (allocator + backend) and compared with the reference evaluator of
 *    tests/unit/support/irtest.c, for many operand patterns (constants,
 *    repeated inputs, live inputs, outputs over inputs, i32 values with
 *    garbage in the high half), with and without the BMI/LZCNT/POPCNT/
 *    MOVBE extensions;
 *  - /x86/qemu/...: guest accesses in user mode and through the soft-MMU
 *    fast path and slow path;
 *  - /x86/chain/...: goto_tb patching, goto_ptr, exit_tb values, calls.
 */
#define _GNU_SOURCE
#include <glib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config-host.h"

#ifdef CONFIG_JIT_X86_64
#include <capstone/capstone.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "exec/tlb-common.h"
#include "exec/tb-exit.h"
#include "irtest.h"
#include "tcg/x86_64/encode.h"

/* ------------------------------------------------------------------ */
/* Encoder                                                             */

static TCGContext *enc_ctx;
static uint8_t enc_buf[4096];

static void enc_reset(void)
{
    if (!enc_ctx) {
        enc_ctx = g_malloc0(sizeof(*enc_ctx));
    }
    enc_ctx->code_buf = enc_ctx->code_ptr = enc_buf;
    enc_ctx->code_gen_highwater = enc_buf + sizeof(enc_buf) - 256;
    enc_ctx->splitwx_diff = 0;
    tcg_ctx = enc_ctx;
}

/* Disassemble what was emitted since enc_reset as "mnem ops; mnem ops". */
static char *enc_text(void)
{
    csh h;
    cs_insn *insn;
    size_t n;
    GString *str = g_string_new(NULL);
    size_t len = enc_ctx->code_ptr - enc_buf;

    g_assert_cmpint(cs_open(CS_ARCH_X86, CS_MODE_64, &h), ==, CS_ERR_OK);
    n = cs_disasm(h, enc_buf, len, 0x1000, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        if (i) {
            g_string_append(str, "; ");
        }
        g_string_append_printf(str, "%s%s%s", insn[i].mnemonic,
                               insn[i].op_str[0] ? " " : "", insn[i].op_str);
        len -= insn[i].size;
    }
    if (n) {
        cs_free(insn, n);
    }
    cs_close(&h);
    if (len) {
        g_string_append_printf(str, " <%zu undecoded bytes>", len);
    }
    return g_string_free(str, false);
}

#define CHECK_ASM(expect) do {                                          \
        char *t_ = enc_text();                                          \
        if (strcmp(t_, expect) != 0) {                                  \
            fprintf(stderr, "line %d: got \"%s\" want \"%s\"\n", __LINE__, \
                           t_, expect);                                 \
            g_test_fail();                                              \
        }                                                               \
        g_free(t_);                                                     \
        enc_reset();                                                    \
    } while (0)

static void test_encode_basic(void)
{
    TCGContext *s;

    enc_reset();
    s = enc_ctx;

    x86_mov(s, true, X86_RAX, X86_R15);
    x86_mov(s, false, X86_R9, X86_RSI);
    CHECK_ASM("mov rax, r15; mov r9d, esi");

    x86_movi(s, true, X86_RAX, 0, false);
    x86_movi(s, true, X86_R10, 0, true);
    x86_movi(s, true, X86_RBX, 0xffffffffll, false);
    x86_movi(s, true, X86_R12, -1, false);
    x86_movi(s, true, X86_RCX, 0x123456789ll, false);
    x86_movi(s, false, X86_RDX, -1, false);
    CHECK_ASM("xor eax, eax; mov r10d, 0; mov ebx, 0xffffffff; "
              "mov r12, -1; movabs rcx, 0x123456789; "
              "mov edx, 0xffffffff");

    /* Bases that need SIB (rsp, r12) or a displacement (rbp, r13). */
    x86_ld(s, true, X86_RAX, X86_RSP, 0);
    x86_ld(s, true, X86_RAX, X86_R12, 8);
    x86_ld(s, true, X86_RAX, X86_RBP, 0);
    x86_ld(s, true, X86_RAX, X86_R13, 0);
    x86_ld(s, false, X86_R8, X86_RDI, 0x1000);
    x86_st(s, true, X86_R15, X86_RSP, -8);
    x86_st(s, false, X86_RCX, X86_R11, -0x12345);
    CHECK_ASM("mov rax, qword ptr [rsp]; mov rax, qword ptr [r12 + 8]; "
              "mov rax, qword ptr [rbp]; mov rax, qword ptr [r13]; "
              "mov r8d, dword ptr [rdi + 0x1000]; "
              "mov qword ptr [rsp - 8], r15; "
              "mov dword ptr [r11 - 0x12345], ecx");

    x86_lea(s, true, X86_RAX, X86_RBX, X86_R13, 0, 0);
    x86_lea(s, true, X86_R9, X86_R13, X86_RBP, 3, 0x40);
    x86_lea(s, false, X86_RAX, X86_NOREG, X86_RCX, 1, 0);
    x86_modrm_sib(s, OPC_MOVL_GvEv | X86_P_W, X86_RDX, X86_NOREG, X86_NOREG,
                  0, 0x1234);
    CHECK_ASM("lea rax, [rbx + r13]; lea r9, [r13 + rbp*8 + 0x40]; "
              "lea eax, [rcx*2]; mov rdx, qword ptr [0x1234]");

    x86_arith_ri(s, ARITH_ADD, true, X86_RAX, 1);
    x86_arith_ri(s, ARITH_SUB, false, X86_R14, 0x1000);
    x86_arith_ri(s, ARITH_AND, true, X86_RSP, -16);
    x86_arith_rr(s, ARITH_CMP, true, X86_R8, X86_RDI);
    x86_arith_rr(s, ARITH_XOR, false, X86_RAX, X86_R9);
    CHECK_ASM("add rax, 1; sub r14d, 0x1000; and rsp, 0xfffffffffffffff0; "
              "cmp r8, rdi; xor eax, r9d");

    x86_ext8u(s, X86_RAX, X86_RSI);
    x86_ext8u(s, X86_RDI, X86_RBX);
    x86_ext8s(s, true, X86_R8, X86_RDI);
    x86_ext16u(s, X86_RAX, X86_R12);
    x86_ext16s(s, false, X86_RAX, X86_RCX);
    x86_ext32u(s, X86_RAX, X86_RAX);
    x86_ext32s(s, X86_R15, X86_RDX);
    CHECK_ASM("movzx eax, sil; movzx edi, bl; movsx r8, dil; "
              "movzx eax, r12w; movsx eax, cx; mov eax, eax; "
              "movsxd r15, edx");

    x86_shift_ri(s, SHIFT_SHL, true, X86_RAX, 1);
    x86_shift_ri(s, SHIFT_SAR, false, X86_R10, 31);
    x86_shift_ri(s, SHIFT_ROR, true, X86_RBX, 63);
    x86_shift_cl(s, SHIFT_SHR, true, X86_R13);
    x86_rol16_8(s, X86_RSI);
    x86_bswap(s, true, X86_R9);
    x86_bswap(s, false, X86_RAX);
    CHECK_ASM("shl rax, 1; sar r10d, 0x1f; ror rbx, 0x3f; shr r13, cl; "
              "rol si, 8; bswap r9; bswap eax");

    x86_push(s, X86_RBP);
    x86_push(s, X86_R15);
    x86_pop(s, X86_R12);
    x86_grp3(s, EXT3_NEG, true, X86_R11);
    x86_grp3(s, EXT3_IDIV, false, X86_RCX);
    x86_modrm(s, OPC_SETCC + JCC_L, 0, X86_RSI);
    x86_modrm(s, (OPC_CMOVCC + JCC_A) | X86_P_W, X86_RAX, X86_R8);
    CHECK_ASM("push rbp; push r15; pop r12; neg r11; idiv ecx; setl sil; "
              "cmova rax, r8");
}

static void test_encode_ext(void)
{
    TCGContext *s;

    enc_reset();
    s = enc_ctx;

    x86_vex_modrm(s, OPC_ANDN | X86_P_W, X86_RAX, X86_R9, X86_R12);
    x86_vex_modrm(s, OPC_ANDN, X86_R10, X86_RBX, X86_RCX);
    x86_vex_modrm(s, OPC_SHLX | X86_P_W, X86_R8, X86_R15, X86_RDX);
    x86_vex_modrm(s, OPC_SHRX, X86_RAX, X86_RCX, X86_R13);
    x86_vex_modrm(s, OPC_SARX | X86_P_W, X86_RSI, X86_RDI, X86_RBX);
    x86_vex_modrm(s, OPC_RORX | X86_P_W, X86_R11, 0, X86_RAX);
    tcg_out8(s, 32);
    CHECK_ASM("andn rax, r9, r12; andn r10d, ebx, ecx; shlx r8, rdx, r15; "
              "shrx eax, r13d, ecx; sarx rsi, rbx, rdi; rorx r11, rax, 0x20");

    x86_modrm(s, OPC_LZCNT | X86_P_W, X86_RAX, X86_R9);
    x86_modrm(s, OPC_TZCNT, X86_R8, X86_RCX);
    x86_modrm(s, OPC_POPCNT | X86_P_W, X86_RDX, X86_RDX);
    x86_modrm(s, OPC_BSR, X86_R11, X86_RAX);
    x86_modrm(s, OPC_BSF | X86_P_W, X86_R11, X86_R15);
    CHECK_ASM("lzcnt rax, r9; tzcnt r8d, ecx; popcnt rdx, rdx; bsr r11d, eax; "
              "bsf r11, r15");

    x86_modrm_sib(s, OPC_MOVBE_GyMy | X86_P_66, X86_RAX, X86_RDI, X86_R12,
                  0, 0);
    x86_modrm_sib(s, OPC_MOVBE_GyMy | X86_P_W, X86_R9, X86_R14, X86_RBX,
                  0, 0);
    x86_modrm_sib(s, OPC_MOVBE_MyGy, X86_RSI, X86_RDI, X86_RAX, 0, 0);
    x86_modrm(s, OPC_SHRD_Ib | X86_P_W, X86_R10, X86_RAX);
    tcg_out8(s, 5);
    CHECK_ASM("movbe ax, word ptr [rdi + r12]; movbe r9, qword ptr [r14 + rbx]; "
              "movbe dword ptr [rdi + rax], esi; shrd rax, r10, 5");
}

/* ------------------------------------------------------------------ */
/* Whole-pipeline op tests                                             */

static IRTCtx *jit(void)
{
    IRTCtx *c = irt_ctx("jit");
    g_assert(c);
    return c;
}

static unsigned g_all_features;
static unsigned nb_runs;

static const uint64_t interesting[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100,
    0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0xffffffff80000000ull,
    0x123456789abcdef0ull, 0x00ff00ff00ff00ffull, 0x8000000000000001ull,
    0xffffffff7fffffffull,
};
#define N_INTERESTING G_N_ELEMENTS(interesting)

/* Operand patterns. */
enum {
    PAT_GLOBALS,        /* distinct globals in, fresh globals out */
    PAT_CONST_LAST,     /* last input is a constant */
    PAT_CONST_FIRST,    /* first input is a constant */
    PAT_SAME,           /* every input is the same global */
    PAT_LIVE,           /* inputs stay live after the op */
    PAT_OUT_IN,         /* out0 is the first input global */
    PAT_GARBAGE,        /* i32 inputs from extrl of i64 (garbage high) */
    PAT_TEMPS,          /* inputs copied to temps that die at the op */
    NB_PAT,
};

static TCGTemp *global_of(IRTCtx *c, TCGType t, int i)
{
    return t == TCG_TYPE_I32 ? tcgv_i32_temp(c->g32[i])
                             : tcgv_i64_temp(c->g64[i]);
}

static void set_global(IRTEnv *env, TCGType t, int i, uint64_t v)
{
    if (t == TCG_TYPE_I32) {
        env->g32[i] = (env->g32[i] & 0xffffffff00000000ull) | (uint32_t)v;
    } else {
        env->g64[i] = v;
    }
}

/*
 * Build and run one op: out globals start at index 20; input globals at
 * 0..; compare the whole env and return false (with messages) on
 * mismatch.
 */
static bool run_op(TCGOpcode opc, TCGType t, TCGType in_t, int nout, int nin,
                   const uint64_t *in, int ncon, const uint64_t *con,
                   int pat, bool optimize)
{
    IRTCtx *c = jit();
    IRTEnv env, ref;
    TCGTemp *it[4], *ot[2];
    TCGOp *op;
    uintptr_t rexit, jexit;
    char err[256];
    int n = 0, r;

    irt_env_init(&env, nb_runs * 7919u + opc);
    nb_runs++;
    for (int i = 0; i < nin; i++) {
        set_global(&env, in_t, i, in[i]);
        env.g64[40 + i] = in[i] ^ 0xa5a5a5a500000000ull;
    }

    irt_begin(c);
    for (int i = 0; i < nin; i++) {
        uint64_t v = in_t == TCG_TYPE_I32 ? (uint32_t)in[i] : in[i];
        if ((pat == PAT_CONST_LAST && i == nin - 1) ||
            (pat == PAT_CONST_FIRST && i == 0)) {
            it[i] = tcg_constant_internal(in_t, (int64_t)v);
        } else if (pat == PAT_SAME) {
            it[i] = global_of(c, in_t, 0);
        } else if (pat == PAT_GARBAGE && in_t == TCG_TYPE_I32) {
            TCGv_i32 x = tcg_temp_new_i32();
            tcg_gen_extrl_i64_i32(x, c->g64[40 + i]);
            it[i] = tcgv_i32_temp(x);
        } else if (pat == PAT_TEMPS) {
            TCGTemp *x = tcg_temp_new_internal(in_t, TEMP_EBB);
            if (in_t == TCG_TYPE_I32) {
                tcg_gen_mov_i32(temp_tcgv_i32(x), c->g32[i]);
            } else {
                tcg_gen_mov_i64(temp_tcgv_i64(x), c->g64[i]);
            }
            it[i] = x;
        } else {
            it[i] = global_of(c, in_t, i);
        }
    }
    for (int i = 0; i < nout; i++) {
        ot[i] = (pat == PAT_OUT_IN && i == 0 && in_t == t)
                ? global_of(c, t, 0) : global_of(c, t, 20 + i);
    }
    op = tcg_emit_op(opc, t, nout + nin + ncon);
    for (int i = 0; i < nout; i++) {
        op->args[n++] = temp_arg(ot[i]);
    }
    for (int i = 0; i < nin; i++) {
        op->args[n++] = temp_arg(it[i]);
    }
    for (int i = 0; i < ncon; i++) {
        op->args[n++] = con[i];
    }
    if (pat == PAT_LIVE) {
        for (int i = 0; i < nin; i++) {
            if (in_t == TCG_TYPE_I32) {
                tcg_gen_add_i32(c->g32[30 + i], temp_tcgv_i32(it[i]),
                                temp_tcgv_i32(it[i]));
            } else {
                tcg_gen_add_i64(c->g64[30 + i], temp_tcgv_i64(it[i]),
                                temp_tcgv_i64(it[i]));
            }
        }
    }

    ref = env;
    if (!irt_eval(c, &ref, NULL, &rexit, 1000, err, sizeof(err))) {
        g_test_message("reference failed: %s", err);
        irt_dump(c, stderr, "reference failure");
        return false;
    }
    r = irt_finish(c, optimize);
    g_assert_cmpint(r, >, 0);
    jexit = irt_exec(c, &env, NULL);
    if (jexit != rexit || !irt_env_equal(&ref, &env, stderr, "ref", "jit")) {
        fprintf(stderr, "mismatch: op %s %s pat %d opt %d feat %#x in",
                tcg_op_defs[opc].name, t == TCG_TYPE_I32 ? "i32" : "i64",
                pat, optimize, x86_host_features);
        for (int i = 0; i < nin; i++) {
            fprintf(stderr, " %#" PRIx64, in[i]);
        }
        for (int i = 0; i < ncon; i++) {
            fprintf(stderr, " c%" PRIu64, con[i]);
        }
        fprintf(stderr, "\n");
        c->s->be->disas(stderr, tcg_splitwx_to_rx(c->s, c->s->code_buf),
                        c->last_size);
        return false;
    }
    return true;
}

static uint64_t rng_state = 12345;

static uint64_t pick(int k)
{
    if (k >= 0 && (unsigned)k < N_INTERESTING) {
        return interesting[k];
    }
    switch (irt_rand_below(&rng_state, 4)) {
    case 0:
        return interesting[irt_rand_below(&rng_state, N_INTERESTING)];
    case 1:
        return irt_rand(&rng_state) & 0xff;
    default:
        return irt_rand(&rng_state);
    }
}

static bool pattern_ok(int pat, int nin)
{
    if ((pat == PAT_CONST_LAST || pat == PAT_CONST_FIRST || pat == PAT_SAME)
        && nin < 1) {
        return false;
    }
    return true;
}

/* Run opc over a grid of values and all operand patterns. */
static void check_op(TCGOpcode opc, TCGType t, TCGType in_t, int nout, int nin,
                     int ncon, const uint64_t *con, int iters)
{
    uint64_t in[4];

    for (int k = 0; k < iters; k++) {
        for (int i = 0; i < nin; i++) {
            in[i] = pick(i == 0 ? k % (int)(N_INTERESTING + 8)
                                : k / (int)(N_INTERESTING + 8) - 1);
        }
        for (int pat = 0; pat < NB_PAT; pat++) {
            if (!pattern_ok(pat, nin)) {
                continue;
            }
            if (!run_op(opc, t, in_t, nout, nin, in, ncon, con, pat,
                        k & 1)) {
                g_test_fail();
                g_error("op %s failed", tcg_op_defs[opc].name);
            }
        }
    }
}

static const TCGOpcode binops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_div, INDEX_op_divu,
    INDEX_op_rem, INDEX_op_remu, INDEX_op_and, INDEX_op_or, INDEX_op_xor,
    INDEX_op_andc, INDEX_op_orc, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar,
    INDEX_op_rotl, INDEX_op_rotr, INDEX_op_clz, INDEX_op_ctz,
};

static const TCGOpcode unops[] = {
    INDEX_op_neg, INDEX_op_not, INDEX_op_ext8s, INDEX_op_ext8u,
    INDEX_op_ext16s, INDEX_op_ext16u, INDEX_op_bswap16, INDEX_op_bswap32,
    INDEX_op_ctpop,
};

static void run_all_ops(unsigned features, bool quick)
{
    static const TCGType types[2] = { TCG_TYPE_I32, TCG_TYPE_I64 };
    int it2 = quick ? 60 : (int)((N_INTERESTING + 8) * 6);
    int it1 = quick ? 40 : (int)(N_INTERESTING + 8) * 2;

    x86_set_host_features(features);
    for (int ti = 0; ti < 2; ti++) {
        TCGType t = types[ti];
        for (size_t i = 0; i < G_N_ELEMENTS(binops); i++) {
            check_op(binops[i], t, t, 1, 2, 0, NULL, it2);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(unops); i++) {
            check_op(unops[i], t, t, 1, 1, 0, NULL, it1);
        }
        for (unsigned cnd = 0; cnd < 14; cnd++) {
            uint64_t con[1] = { cnd };
            if (cnd == 6 || cnd == 7) {
                continue;
            }
            check_op(INDEX_op_setcond, t, t, 1, 2, 1, con, quick ? 30 : 120);
            check_op(INDEX_op_movcond, t, t, 1, 4, 1, con, quick ? 20 : 60);
        }
        check_op(INDEX_op_add2, t, t, 2, 4, 0, NULL, it2 / 2);
        check_op(INDEX_op_sub2, t, t, 2, 4, 0, NULL, it2 / 2);
        check_op(INDEX_op_mulu2, t, t, 2, 2, 0, NULL, it2 / 2);
        check_op(INDEX_op_muls2, t, t, 2, 2, 0, NULL, it2 / 2);
        for (unsigned pos = 0; pos < tcg_type_bits(t); pos += 1 + pos / 8) {
            uint64_t con2[1] = { pos };
            check_op(INDEX_op_extract2, t, t, 1, 2, 1, con2, 6);
            for (unsigned len = 1; pos + len <= tcg_type_bits(t);
                 len += 1 + len / 4) {
                uint64_t con[2] = { pos, len };
                check_op(INDEX_op_deposit, t, t, 1, 2, 2, con, 3);
                check_op(INDEX_op_extract, t, t, 1, 1, 2, con, 2);
                check_op(INDEX_op_sextract, t, t, 1, 1, 2, con, 2);
            }
        }
    }
    check_op(INDEX_op_bswap64, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, it1);
    check_op(INDEX_op_ext32s, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, it1);
    check_op(INDEX_op_ext32u, TCG_TYPE_I64, TCG_TYPE_I64, 1, 1, 0, NULL, it1);
    check_op(INDEX_op_ext_i32_i64, TCG_TYPE_I64, TCG_TYPE_I32, 1, 1, 0, NULL,
             it1);
    check_op(INDEX_op_extu_i32_i64, TCG_TYPE_I64, TCG_TYPE_I32, 1, 1, 0, NULL,
             it1);
    check_op(INDEX_op_extrl_i64_i32, TCG_TYPE_I32, TCG_TYPE_I64, 1, 1, 0,
             NULL, it1);
    check_op(INDEX_op_extrh_i64_i32, TCG_TYPE_I32, TCG_TYPE_I64, 1, 1, 0,
             NULL, it1);
    x86_set_host_features(g_all_features);
}

static void test_ops_ext(void)
{
    run_all_ops(g_all_features, false);
}

static void test_ops_noext(void)
{
    run_all_ops(0, false);
}

/* Each extension alone (catches a fallback depending on another). */
static void test_ops_each_ext(void)
{
    for (int b = 0; b < 5; b++) {
        if (g_all_features & (1u << b)) {
            run_all_ops(1u << b, true);
        }
    }
}

/* Host ld/st at env offsets, with constant stores. */
static void test_host_ldst(void)
{
    static const TCGOpcode lds[] = {
        INDEX_op_ld8u, INDEX_op_ld8s, INDEX_op_ld16u, INDEX_op_ld16s,
        INDEX_op_ld32u, INDEX_op_ld32s, INDEX_op_ld,
    };
    static const TCGOpcode sts[] = {
        INDEX_op_st8, INDEX_op_st16, INDEX_op_st32, INDEX_op_st,
    };
    IRTCtx *c = jit();

    for (int ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TCG_TYPE_I64 : TCG_TYPE_I32;
        for (int k = 0; k < 40; k++) {
            for (int cst = 0; cst < 2; cst++) {
                IRTEnv env, ref;
                uintptr_t rexit;
                char err[256];
                uint64_t v = pick(k);
                intptr_t ofs = IRT_SCRATCH_OFS(k % 8) + (k / 8) % 8;

                irt_env_init(&env, k);
                set_global(&env, t, 1, v);
                irt_begin(c);
                for (size_t i = 0; i < G_N_ELEMENTS(lds); i++) {
                    TCGOp *op;
                    if (t == TCG_TYPE_I32 && (lds[i] == INDEX_op_ld32u ||
                                              lds[i] == INDEX_op_ld32s)) {
                        continue;
                    }
                    op = tcg_emit_op(lds[i], t, 3);
                    op->args[0] = temp_arg(global_of(c, t, 2 + i));
                    op->args[1] = temp_arg(tcgv_ptr_temp(c->env));
                    op->args[2] = ofs;
                }
                for (size_t i = 0; i < G_N_ELEMENTS(sts); i++) {
                    TCGOp *op;
                    if (t == TCG_TYPE_I32 && sts[i] == INDEX_op_st32) {
                        continue;
                    }
                    op = tcg_emit_op(sts[i], t, 3);
                    op->args[0] = temp_arg(cst ? tcg_constant_internal(t,
                                                     (int64_t)v)
                                               : global_of(c, t, 1));
                    op->args[1] = temp_arg(tcgv_ptr_temp(c->env));
                    op->args[2] = IRT_SCRATCH_OFS(8 + i) + k % 5;
                }
                ref = env;
                g_assert(irt_eval(c, &ref, NULL, &rexit, 1000, err,
                                  sizeof(err)));
                g_assert_cmpint(irt_finish(c, false), >, 0);
                irt_exec(c, &env, NULL);
                if (!irt_env_equal(&ref, &env, stderr, "ref", "jit")) {
                    g_test_fail();
                    g_error("host ld/st mismatch k=%d const=%d", k, cst);
                }
            }
        }
    }
}

/* Conditional branches with every condition and constant operands. */
static void test_branches(void)
{
    IRTCtx *c = jit();

    for (int ti = 0; ti < 2; ti++) {
        TCGType t = ti ? TCG_TYPE_I64 : TCG_TYPE_I32;
        for (unsigned cnd = 0; cnd < 14; cnd++) {
            if (cnd == 6 || cnd == 7) {
                continue;
            }
            for (int k = 0; k < 80; k++) {
                uint64_t a = pick(k % 40), b = pick(k / 2);
                for (int cst = 0; cst < 3; cst++) {
                    IRTEnv env, ref;
                    uintptr_t rexit, jexit;
                    char err[256];
                    TCGLabel *l;

                    irt_env_init(&env, k);
                    set_global(&env, t, 0, a);
                    set_global(&env, t, 1, b);
                    irt_begin(c);
                    l = gen_new_label();
                    if (t == TCG_TYPE_I32) {
                        tcg_gen_movi_i32(c->g32[5], 1);
                        if (cst == 1) {
                            tcg_gen_brcondi_i32(cnd, c->g32[0], (int32_t)b, l);
                        } else {
                            tcg_gen_brcond_i32(cnd, c->g32[0],
                                               c->g32[cst == 2 ? 0 : 1], l);
                        }
                        tcg_gen_movi_i32(c->g32[5], 2);
                    } else {
                        tcg_gen_movi_i64(c->g64[5], 1);
                        if (cst == 1) {
                            tcg_gen_brcondi_i64(cnd, c->g64[0], (int64_t)b, l);
                        } else {
                            tcg_gen_brcond_i64(cnd, c->g64[0],
                                               c->g64[cst == 2 ? 0 : 1], l);
                        }
                        tcg_gen_movi_i64(c->g64[5], 2);
                    }
                    tcg_gen_set_label(l);
                    ref = env;
                    g_assert(irt_eval(c, &ref, NULL, &rexit, 1000, err,
                                      sizeof(err)));
                    g_assert_cmpint(irt_finish(c, false), >, 0);
                    jexit = irt_exec(c, &env, NULL);
                    if (jexit != rexit ||
                        !irt_env_equal(&ref, &env, stderr, "ref", "jit")) {
                        g_test_fail();
                        g_error("brcond %u mismatch", cnd);
                    }
                }
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Guest memory                                                        */

static const MemOp test_mops[] = {
    MO_UB, MO_SB, MO_LEUW, MO_SW, MO_LEUL, MO_SL, MO_LEUQ,
    MO_BEUW, MO_BEUW | MO_SIGN, MO_BEUL, MO_BEUL | MO_SIGN, MO_BEUQ,
    MO_LEUL | MO_ALIGN, MO_BEUQ | MO_ALIGN_4, MO_LEUW | MO_ALIGN,
};

/* One load and one store per memop, user mode, against the reference. */
static void run_qemu_user(unsigned features)
{
    IRTCtx *c = jit();
    uint8_t guest[IRT_GUEST_SIZE], gref[IRT_GUEST_SIZE];

    x86_set_host_features(features);
    for (size_t m = 0; m < G_N_ELEMENTS(test_mops); m++) {
        MemOp mop = test_mops[m];
        for (int ti = 0; ti < 2; ti++) {
            TCGType t = ti ? TCG_TYPE_I64 : TCG_TYPE_I32;
            if (t == TCG_TYPE_I32 && (mop & MO_SIZE) == MO_64) {
                continue;
            }
            for (int k = 0; k < 24; k++) {
                IRTEnv env, ref;
                uintptr_t rexit;
                char err[256];
                uint64_t st = k * 31 + m;
                unsigned amask = memop_alignment(mop) - 1;

                irt_env_init(&env, k + 100 * m);
                for (size_t i = 0; i < sizeof(guest); i++) {
                    guest[i] = (uint8_t)irt_rand(&st);
                }
                env.g64[0] = irt_rand_below(&st, IRT_GUEST_SIZE - 8) & ~amask;
                env.g64[1] = irt_rand_below(&st, IRT_GUEST_SIZE - 8) & ~amask;
                set_global(&env, t, 2, pick(k));
                irt_begin(c);
                if (t == TCG_TYPE_I32) {
                    tcg_gen_qemu_ld_i32(c->g32[3], c->g64[0], 0, mop);
                    tcg_gen_qemu_st_i32(c->g32[2], c->g64[1], 0, mop);
                    tcg_gen_qemu_st_i32(tcg_constant_i32((int32_t)pick(k + 1)),
                                        c->g64[0], 0, mop);
                } else {
                    tcg_gen_qemu_ld_i64(c->g64[3], c->g64[0], 0, mop);
                    tcg_gen_qemu_st_i64(c->g64[2], c->g64[1], 0, mop);
                    tcg_gen_qemu_st_i64(tcg_constant_i64((int64_t)pick(k + 1)),
                                        c->g64[0], 0, mop);
                }
                ref = env;
                memcpy(gref, guest, sizeof(guest));
                g_assert(irt_eval(c, &ref, gref, &rexit, 1000, err,
                                  sizeof(err)));
                g_assert_cmpint(irt_finish(c, k & 1), >, 0);
                irt_exec(c, &env, guest);
                if (!irt_env_equal(&ref, &env, stderr, "ref", "jit") ||
                    !irt_guest_equal(gref, guest, sizeof(guest), stderr,
                                     "ref", "jit")) {
                    c->s->be->disas(stderr,
                                    tcg_splitwx_to_rx(c->s, c->s->code_buf),
                                    c->last_size);
                    g_test_fail();
                    g_error("qemu user mismatch mop %#x type %d", mop, t);
                }
            }
        }
    }
    x86_set_host_features(g_all_features);
}

static void test_qemu_user(void)
{
    run_qemu_user(g_all_features);
    run_qemu_user(0);
}

/*
 * Soft-MMU: a CPUTLBDescFast array placed right before the IRTEnv, 16
 * entries per MMU index; guest page p (4 KiB) maps to the harness' guest
 * buffer when present in the TLB.  The slow path helpers perform the
 * access on the same buffer and count calls.
 */
#define SM_PAGE_BITS 12
#define SM_NENT 16

typedef struct SmState {
    CPUTLBDescFast fast[NB_MMU_MODES];
    IRTEnv env;
} SmState;

static CPUTLBEntry sm_table[NB_MMU_MODES][SM_NENT];
static unsigned sm_ld_calls, sm_st_calls;
static uintptr_t sm_last_ra;
static uint8_t *sm_guest;       /* host address of guest address sm_base */
static uint64_t sm_base;

static uint64_t sm_load(uint64_t addr, MemOp mop)
{
    unsigned size = memop_size(mop);
    uint64_t v = 0;

    g_assert(addr >= sm_base && addr - sm_base + size <= IRT_GUEST_SIZE + 4096);
    memcpy(&v, sm_guest + (addr - sm_base), size);
    if (mop & MO_BSWAP) {
        v = __builtin_bswap64(v) >> (64 - 8 * size);
    }
    if ((mop & MO_SIGN) && size < 8) {
        v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    }
    return v;
}

static uint64_t sm_ld_slow(void *env, uint64_t addr, MemOpIdx oi,
                           uintptr_t ra)
{
    (void)env;
    sm_ld_calls++;
    sm_last_ra = ra;
    return sm_load(addr, get_memop(oi));
}

static void sm_st_slow(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                       uintptr_t ra)
{
    MemOp mop = get_memop(oi);
    unsigned size = memop_size(mop);

    (void)env;
    sm_st_calls++;
    sm_last_ra = ra;
    g_assert(addr >= sm_base && addr - sm_base + size <= IRT_GUEST_SIZE + 4096);
    if (mop & MO_BSWAP) {
        val = __builtin_bswap64(val) >> (64 - 8 * size);
    }
    memcpy(sm_guest + (addr - sm_base), &val, size);
}

static void sm_setup_tlb(SmState *st, IRTCtx *c, unsigned mmu, bool present,
                         uint64_t flags)
{
    for (unsigned i = 0; i < NB_MMU_MODES; i++) {
        st->fast[i].mask = (SM_NENT - 1) << CPU_TLB_ENTRY_BITS;
        st->fast[i].table = sm_table[i];
        for (unsigned e = 0; e < SM_NENT; e++) {
            sm_table[i][e].addr_read = -1;
            sm_table[i][e].addr_write = -1;
            sm_table[i][e].addr_code = -1;
            sm_table[i][e].addend = 0;
        }
    }
    if (present) {
        /* the guest buffer is exactly page 0 */
        sm_table[mmu][0].addr_read = 0 | flags;
        sm_table[mmu][0].addr_write = 0 | flags;
        sm_table[mmu][0].addend = (uintptr_t)c->guest;
    }
}

static void run_qemu_softmmu(unsigned features)
{
    IRTCtx *c = jit();
    SmState *st = g_malloc0(sizeof(*st));
    uint8_t guest[IRT_GUEST_SIZE], gref[IRT_GUEST_SIZE];

    x86_set_host_features(features);
    sm_guest = c->guest;
    sm_base = 0;
    for (size_t m = 0; m < G_N_ELEMENTS(test_mops); m++) {
        MemOp mop = test_mops[m];
        for (int ti = 0; ti < 2; ti++) {
            TCGType t = ti ? TCG_TYPE_I64 : TCG_TYPE_I32;
            if (t == TCG_TYPE_I32 && (mop & MO_SIZE) == MO_64) {
                continue;
            }
            /* k: 0..3 present+aligned, 4 absent, 5 flagged (MMIO),
             * 6 misaligned, 7 page crossing. */
            for (int k = 0; k < 8; k++) {
                IRTEnv ref;
                uintptr_t rexit;
                char err[256];
                uint64_t rs = k * 131 + m;
                unsigned mmu = (k * 5 + (unsigned)m) % NB_MMU_MODES;
                unsigned size = memop_size(mop);
                unsigned amask = memop_alignment(mop) - 1;
                bool expect_slow;
                uint64_t a0, a1;
                int r;

                irt_env_init(&st->env, k + 100 * m);
                for (size_t i = 0; i < sizeof(guest); i++) {
                    guest[i] = (uint8_t)irt_rand(&rs);
                }
                a0 = irt_rand_below(&rs, IRT_GUEST_SIZE - 64) & ~(uint64_t)7;
                a1 = irt_rand_below(&rs, IRT_GUEST_SIZE - 64) & ~(uint64_t)7;
                expect_slow = k >= 4;
                if (k == 6) {
                    a0 += 1;
                    a1 += 1;
                    expect_slow = amask != 0;
                } else if (k == 7) {
                    /* crossing into page 1 is not possible in the buffer:
                     * make the access end exactly at the page end
                     * instead (fast), unless it is a byte. */
                    a0 = IRT_GUEST_SIZE - size;
                    a1 = IRT_GUEST_SIZE - size;
                    expect_slow = false;
                }
                sm_setup_tlb(st, c, mmu, k != 4,
                             k == 5 ? TLB_MMIO(SM_PAGE_BITS) : 0);
                st->env.g64[0] = a0;
                st->env.g64[1] = a1;
                set_global(&st->env, t, 2, pick(k * 3));

                irt_begin(c);
                c->s->mem_mode = TCG_MEM_SOFTMMU;
                c->s->softmmu.page_bits = SM_PAGE_BITS;
                c->s->softmmu.tlb_fast_ofs = -(intptr_t)sizeof(st->fast);
                c->s->ld_slow = sm_ld_slow;
                c->s->st_slow = sm_st_slow;
                if (t == TCG_TYPE_I32) {
                    tcg_gen_qemu_ld_i32(c->g32[3], c->g64[0], mmu, mop);
                    tcg_gen_qemu_st_i32(c->g32[2], c->g64[1], mmu, mop);
                    tcg_gen_qemu_st_i32(tcg_constant_i32(0x5a5a1234),
                                        c->g64[0], mmu, mop);
                } else {
                    tcg_gen_qemu_ld_i64(c->g64[3], c->g64[0], mmu, mop);
                    tcg_gen_qemu_st_i64(c->g64[2], c->g64[1], mmu, mop);
                    tcg_gen_qemu_st_i64(tcg_constant_i64(0x5a5a12345678ll),
                                        c->g64[0], mmu, mop);
                }
                ref = st->env;
                memcpy(gref, guest, sizeof(guest));
                g_assert(irt_eval(c, &ref, gref, &rexit, 1000, err,
                                  sizeof(err)));
                r = irt_finish(c, k & 1);
                g_assert_cmpint(r, >, 0);
                sm_ld_calls = sm_st_calls = 0;
                sm_last_ra = 0;
                irt_exec(c, &st->env, guest);
                if (!irt_env_equal(&ref, &st->env, stderr, "ref", "jit") ||
                    !irt_guest_equal(gref, guest, sizeof(guest), stderr,
                                     "ref", "jit")) {
                    c->s->be->disas(stderr,
                                    tcg_splitwx_to_rx(c->s, c->s->code_buf),
                                    c->last_size);
                    g_test_fail();
                    g_error("qemu softmmu mismatch mop %#x type %d k %d",
                            mop, t, k);
                }
                if (expect_slow) {
                    g_assert_cmpuint(sm_ld_calls, ==, 1);
                    g_assert_cmpuint(sm_st_calls, ==, 2);
                    /* retaddr points into the block's fast path code */
                    g_assert(sm_last_ra > (uintptr_t)c->s->code_buf);
                    g_assert(sm_last_ra < (uintptr_t)c->s->code_buf +
                             c->last_size);
                } else {
                    g_assert_cmpuint(sm_ld_calls + sm_st_calls, ==, 0);
                }
            }
        }
    }
    c->s->mem_mode = TCG_MEM_USER;
    x86_set_host_features(g_all_features);
    g_free(st);
}

static void test_qemu_softmmu(void)
{
    run_qemu_softmmu(g_all_features);
    run_qemu_softmmu(0);
}

/* A page-crossing access must miss even though the page is mapped. */
static void test_qemu_softmmu_cross(void)
{
    IRTCtx *c = jit();
    SmState *st = g_malloc0(sizeof(*st));
    const uint64_t page = 0x10000;  /* TLB index 0 with 16 entries */
    int r;

    sm_setup_tlb(st, c, 1, false, 0);
    sm_table[1][0].addr_read = page;
    sm_table[1][0].addr_write = page;
    sm_table[1][0].addend = (uintptr_t)c->guest - page;
    sm_guest = c->guest;
    sm_base = page;
    irt_env_init(&st->env, 1);
    irt_begin(c);
    c->s->mem_mode = TCG_MEM_SOFTMMU;
    c->s->softmmu.page_bits = SM_PAGE_BITS;
    c->s->softmmu.tlb_fast_ofs = -(intptr_t)sizeof(st->fast);
    c->s->ld_slow = sm_ld_slow;
    c->s->st_slow = sm_st_slow;
    tcg_gen_qemu_ld_i32(c->g32[3], c->g64[0], 1, MO_LEUW);
    tcg_gen_qemu_ld_i64(c->g64[4], c->g64[0], 1, MO_BEUQ | MO_ALIGN_2);
    r = irt_finish(c, true);
    g_assert_cmpint(r, >, 0);
    memset(c->guest, 0, IRT_GUEST_SIZE + 16);
    c->guest[4088] = 0x11;
    c->guest[4095] = 0x12;
    c->guest[4096] = 0x34;

    st->env.g64[0] = page + 4088;        /* both fit in the page: fast */
    sm_ld_calls = 0;
    irt_exec(c, &st->env, NULL);
    g_assert_cmpuint(sm_ld_calls, ==, 0);
    g_assert_cmphex((uint32_t)st->env.g32[3], ==, 0x11);
    g_assert_cmphex(st->env.g64[4], ==, 0x1100000000000012ull);

    st->env.g64[0] = page + 4094;        /* 8-byte one crosses */
    sm_ld_calls = 0;
    irt_exec(c, &st->env, NULL);
    g_assert_cmpuint(sm_ld_calls, ==, 1);
    g_assert_cmphex((uint32_t)st->env.g32[3], ==, 0x1200);
    g_assert_cmphex(st->env.g64[4], ==, 0x0012340000000000ull);

    st->env.g64[0] = page + 4095;        /* both cross (and misaligned) */
    sm_ld_calls = 0;
    irt_exec(c, &st->env, NULL);
    g_assert_cmpuint(sm_ld_calls, ==, 2);
    g_assert_cmphex((uint32_t)st->env.g32[3], ==, 0x3412);

    st->env.g64[0] = page + 4093;        /* misaligned for MO_ALIGN_2 */
    sm_ld_calls = 0;
    irt_exec(c, &st->env, NULL);
    g_assert_cmpuint(sm_ld_calls, ==, 1);

    c->s->mem_mode = TCG_MEM_USER;
    sm_base = 0;
    g_free(st);
}

/* ------------------------------------------------------------------ */
/* Chaining, calls                                                     */

static const void *gen_block_at(IRTCtx *c, uint8_t *where)
{
    int r;

    c->s->code_gen_ptr = where;
    c->s->optimize = true;
    r = tcg_gen_code(c->s);
    g_assert_cmpint(r, >, 0);
    return tcg_splitwx_to_rx(c->s, c->s->code_buf);
}

static void test_goto_tb(void)
{
    IRTCtx *c = jit();
    IRTEnv env;
    const void *b, *a;
    uint8_t *code_a;
    uintptr_t ret;
    uint16_t jmp0, jmp1, reset0;

    /* Block B: g64[7] = 77; exit with 0x1000|3. */
    irt_begin(c);
    tcg_gen_movi_i64(c->g64[7], 77);
    tcg_gen_exit_tb(0x1000, TB_EXIT_REQUESTED);
    b = gen_block_at(c, c->code_start);

    /* Block A: g64[6] = g64[0] + 1; two goto_tb slots. */
    irt_begin(c);
    for (int i = 0; i < 5; i++) {
        TCGLabel *l = gen_new_label();
        tcg_gen_addi_i64(c->g64[6], c->g64[0], 1);
        tcg_gen_brcondi_i64(TCG_COND_EQ, c->g64[0], 0, l);
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(0x2000, 0);
        tcg_gen_set_label(l);
        tcg_gen_goto_tb(1);
        tcg_gen_exit_tb(0x2000, 1);
        code_a = c->code_start + 1024 + i;   /* vary the alignment */
        a = gen_block_at(c, code_a);
        jmp0 = c->s->tb_jmp_insn_offset[0];
        jmp1 = c->s->tb_jmp_insn_offset[1];
        reset0 = c->s->tb_jmp_reset_offset[0];
        g_assert_cmpuint(jmp0, !=, 0xffff);
        g_assert_cmpuint(jmp1, !=, 0xffff);
        g_assert_cmpuint(reset0, ==, jmp0 + 5);
        g_assert_cmpuint(((uintptr_t)code_a + jmp0 + 1) & 3, ==, 0);
        g_assert_cmpuint(code_a[jmp0], ==, 0xe9);

        irt_env_init(&env, 3);
        env.g64[0] = 5;
        ret = c->s->be->tb_exec(c->s, &env, a);
        g_assert_cmphex(ret, ==, 0x2000);
        g_assert_cmpuint(env.g64[6], ==, 6);
        env.g64[0] = 0;
        ret = c->s->be->tb_exec(c->s, &env, a);
        g_assert_cmphex(ret, ==, 0x2001);

        /* Link slot 0 to B. */
        c->s->be->set_jmp_target((uintptr_t)a + jmp0, (uintptr_t)code_a + jmp0,
                                 (uintptr_t)b);
        env.g64[0] = 5;
        env.g64[7] = 0;
        ret = c->s->be->tb_exec(c->s, &env, a);
        g_assert_cmphex(ret, ==, 0x1003);
        g_assert_cmpuint(env.g64[7], ==, 77);
        /* Unlink. */
        c->s->be->set_jmp_target((uintptr_t)a + jmp0, (uintptr_t)code_a + jmp0,
                                 (uintptr_t)a + reset0);
        ret = c->s->be->tb_exec(c->s, &env, a);
        g_assert_cmphex(ret, ==, 0x2000);
        irt_begin(c);
    }
}

static void test_goto_ptr_and_epilogue(void)
{
    IRTCtx *c = jit();
    IRTEnv env;
    const void *b, *a;
    uintptr_t ret;

    irt_begin(c);
    tcg_gen_movi_i64(c->g64[7], 99);
    tcg_gen_exit_tb(0x3000, 0);
    b = gen_block_at(c, c->code_start);

    irt_begin(c);
    tcg_gen_addi_i64(c->g64[6], c->g64[6], 1);
    tcg_gen_goto_ptr(c->g64[0]);
    a = gen_block_at(c, c->code_start + 1024);

    irt_env_init(&env, 4);
    env.g64[0] = (uintptr_t)b;
    env.g64[6] = 10;
    ret = c->s->be->tb_exec(c->s, &env, a);
    g_assert_cmphex(ret, ==, 0x3000);
    g_assert_cmpuint(env.g64[7], ==, 99);
    g_assert_cmpuint(env.g64[6], ==, 11);
    env.g64[0] = (uintptr_t)c->s->code_gen_epilogue;
    ret = c->s->be->tb_exec(c->s, &env, a);
    g_assert_cmphex(ret, ==, 0);
    g_assert_cmpuint(env.g64[6], ==, 12);
}

/* Helper calls with 0..6 arguments and values live across them. */
static void test_calls(void)
{
    IRTCtx *c = jit();

    for (int k = 0; k < 40; k++) {
        IRTEnv env, ref;
        uintptr_t rexit;
        char err[256];
        TCGv_i64 t0;
        TCGv_i32 t1;

        irt_env_init(&env, k);
        irt_begin(c);
        t0 = tcg_temp_new_i64();
        t1 = tcg_temp_new_i32();
        tcg_gen_add_i64(t0, c->g64[0], c->g64[1]);
        tcg_gen_xor_i32(t1, c->g32[0], c->g32[1]);
        gen_helper_irt_h0(c->g64[10]);
        gen_helper_irt_h1(c->g32[10], c->g32[2]);
        gen_helper_irt_h2(c->g64[11], c->g32[3], c->g64[3]);
        gen_helper_irt_h3(c->g64[12], t0, c->g32[4], t1);
        gen_helper_irt_h4(c->g32[11], c->g64[4], c->g32[5], t0, t1);
        gen_helper_irt_h5(c->g64[13], t1, c->g64[5], c->g32[6], c->g64[6],
                          c->g32[7]);
        gen_helper_irt_h6(c->g64[14], t0, c->g32[8], c->g64[7], t1,
                          c->g64[8], c->g64[9]);
        gen_helper_irt_h6w(c->g32[12], c->g32[13], c->g32[14], c->g32[15],
                           t1, c->g32[16], c->g32[17]);
        tcg_gen_add_i64(c->g64[15], t0, c->g64[2]);
        tcg_gen_add_i32(c->g32[18], t1, c->g32[18]);
        gen_helper_irt_env_write(c->env, t0);
        gen_helper_irt_env_read(c->g64[16], c->env);
        ref = env;
        g_assert(irt_eval(c, &ref, NULL, &rexit, 1000, err, sizeof(err)));
        g_assert_cmpint(irt_finish(c, k & 1), >, 0);
        irt_exec(c, &env, NULL);
        if (!irt_env_equal(&ref, &env, stderr, "ref", "jit")) {
            g_test_fail();
            g_error("call mismatch k=%d", k);
        }
    }
}


/*
 * A split (W^X) code buffer: the same memory mapped rw and rx at
 * different addresses, as accel/tcg does.  Covers relocations, rip-relative
 * and absolute branches, the slow path's return address, goto_tb patching.
 */
typedef struct SplitEnv {
    CPUTLBDescFast fast[NB_MMU_MODES];
    uint64_t g[8];
} SplitEnv;

static uint64_t split_helper(uint64_t a, uint64_t b)
{
    return a * 3 + b;
}

static TCGHelperInfo split_helper_info = {
    .func = (void *)split_helper,
    .name = "split_helper",
    .flags = TCG_CALL_NO_RWG_SE,
    .typemask = (dh_typecode_i64 << 0) | (dh_typecode_i64 << 3)
              | (dh_typecode_i64 << 6),
    .nb_args = 2,
};

static void test_split_wx(void)
{
    const size_t size = 1 << 20;
    int fd = memfd_create("x86-test", 0);
    uint8_t *rw, *rx;
    TCGContext *s;
    SplitEnv *env = g_malloc0(sizeof(*env));
    TCGv_i64 g[8];
    TCGLabel *loop;
    const void *blk_a, *blk_b;
    uint16_t jmp0;
    uint8_t *a_rw;
    uint8_t page[4096 + 16];
    uintptr_t ret;
    int r;

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(ftruncate(fd, size), ==, 0);
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    rx = mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    g_assert(rw != MAP_FAILED && rx != MAP_FAILED);
    close(fd);

    s = tcg_context_new(&tcg_backend_x86_64);
    g_assert(s);
    s->mem_mode = TCG_MEM_SOFTMMU;
    s->softmmu.page_bits = SM_PAGE_BITS;
    s->softmmu.tlb_fast_ofs = -(intptr_t)sizeof(env->fast);
    s->ld_slow = sm_ld_slow;
    s->st_slow = sm_st_slow;
    tcg_set_code_buffer(s, rw, size, rx - rw);
    tcg_emit_prologue(s);
    g_assert((const uint8_t *)s->code_gen_prologue >= rx &&
             (const uint8_t *)s->code_gen_prologue < rx + 4096);
    tcg_func_start(s);
    for (int i = 0; i < 8; i++) {
        g[i] = tcg_global_mem_new_i64(tcg_env, 8 * i, "g");
    }

    /* Block B: g[7] = 0x77, exit 0x4000|1. */
    tcg_func_start(s);
    tcg_gen_movi_i64(g[7], 0x77);
    tcg_gen_exit_tb(0x4000, 1);
    r = tcg_gen_code(s);
    g_assert_cmpint(r, >, 0);
    blk_b = tcg_splitwx_to_rx(s, s->code_buf);
    s->code_gen_ptr = s->code_ptr + 64;

    /* Block A: a loop summing g[0]..1 into g[1]; a TLB-missing load of
     * g[2] into g[3]; a helper call; goto_tb 0; exit. */
    tcg_func_start(s);
    {
        TCGv_i64 i = tcg_temp_new_tb_i64(), sum = tcg_temp_new_tb_i64();
        TCGv_i64 args_[2];
        TCGTemp *hargs[2];
        tcg_gen_mov_i64(i, g[0]);
        tcg_gen_movi_i64(sum, 0);
        loop = gen_new_label();
        tcg_gen_set_label(loop);
        tcg_gen_add_i64(sum, sum, i);
        tcg_gen_subi_i64(i, i, 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, i, 0, loop);
        tcg_gen_mov_i64(g[1], sum);
        tcg_gen_qemu_ld_i64(g[3], g[2], 3, MO_LEUL | MO_SIGN);
        tcg_gen_qemu_st_i64(g[1], g[2], 3, MO_BEUW);
        args_[0] = g[0];
        args_[1] = g[1];
        hargs[0] = tcgv_i64_temp(args_[0]);
        hargs[1] = tcgv_i64_temp(args_[1]);
        tcg_gen_callN(&split_helper_info, tcgv_i64_temp(g[4]), hargs);
        {
            TCGLabel *fwd = gen_new_label();     /* forward: relocation */
            tcg_gen_brcondi_i64(TCG_COND_EQ, g[5], 0, fwd);
            tcg_gen_addi_i64(g[6], g[6], 1);
            tcg_gen_set_label(fwd);
        }
        tcg_gen_goto_tb(0);
        tcg_gen_exit_tb(0x5000, 0);
    }
    r = tcg_gen_code(s);
    g_assert_cmpint(r, >, 0);
    a_rw = s->code_buf;
    blk_a = tcg_splitwx_to_rx(s, a_rw);
    jmp0 = s->tb_jmp_insn_offset[0];

    /* TLB: every entry invalid, so the access takes the slow path. */
    for (unsigned m = 0; m < NB_MMU_MODES; m++) {
        env->fast[m].mask = (SM_NENT - 1) << CPU_TLB_ENTRY_BITS;
        env->fast[m].table = sm_table[m];
        for (unsigned e = 0; e < SM_NENT; e++) {
            sm_table[m][e].addr_read = -1;
            sm_table[m][e].addr_write = -1;
        }
    }
    memset(page, 0, sizeof(page));
    page[100] = 0xfe;
    page[101] = 0xff;
    page[102] = 0xff;
    page[103] = 0xff;
    sm_guest = page;
    sm_base = 0;
    env->g[0] = 10;
    env->g[2] = 100;
    sm_ld_calls = sm_st_calls = 0;
    sm_last_ra = 0;
    ret = s->be->tb_exec(s, env->g, blk_a);
    g_assert_cmphex(ret, ==, 0x5000);
    g_assert_cmpuint(env->g[1], ==, 55);
    g_assert_cmphex(env->g[3], ==, (uint64_t)-2);
    g_assert_cmpuint(page[100], ==, 0);
    g_assert_cmpuint(page[101], ==, 55);
    g_assert_cmpuint(env->g[4], ==, 10 * 3 + 55);
    g_assert_cmpuint(env->g[6], ==, 0);
    g_assert_cmpuint(sm_ld_calls, ==, 1);
    g_assert_cmpuint(sm_st_calls, ==, 1);
    g_assert(sm_last_ra > (uintptr_t)blk_a &&
             sm_last_ra < (uintptr_t)blk_a + r);

    /* Now through the fast path (page 0 mapped, addend to page[]). */
    sm_table[3][0].addr_read = 0;
    sm_table[3][0].addr_write = 0;
    sm_table[3][0].addend = (uintptr_t)page;
    sm_ld_calls = sm_st_calls = 0;
    env->g[0] = 3;
    env->g[5] = 1;
    page[101] = 0;
    ret = s->be->tb_exec(s, env->g, blk_a);
    g_assert_cmphex(ret, ==, 0x5000);
    g_assert_cmpuint(env->g[1], ==, 6);
    g_assert_cmpuint(page[101], ==, 6);
    g_assert_cmpuint(env->g[6], ==, 1);
    g_assert_cmpuint(sm_ld_calls + sm_st_calls, ==, 0);

    /* Link goto_tb 0 to B through the rw view. */
    s->be->set_jmp_target((uintptr_t)blk_a + jmp0, (uintptr_t)a_rw + jmp0,
                          (uintptr_t)blk_b);
    ret = s->be->tb_exec(s, env->g, blk_a);
    g_assert_cmphex(ret, ==, 0x4001);
    g_assert_cmpuint(env->g[7], ==, 0x77);

    tcg_context_free(s);
    munmap(rw, size);
    munmap(rx, size);
    g_free(env);
}

static void test_disas(void)
{
    IRTCtx *c = jit();
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    irt_begin(c);
    tcg_gen_add_i64(c->g64[0], c->g64[1], c->g64[2]);
    g_assert_cmpint(irt_finish(c, false), >, 0);
    c->s->be->disas(f, tcg_splitwx_to_rx(c->s, c->s->code_buf), c->last_size);
    fclose(f);
    g_assert(strstr(buf, "0x") == buf);
    g_assert(strstr(buf, ":  mov"));
    g_assert(strstr(buf, "jmp") || strstr(buf, "ret"));
    free(buf);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_all_features = x86_host_features;
    if (getenv("TERN_X86_NO_EXT")) {
        g_assert_cmpuint(x86_host_features, ==, 0);
    }

    g_test_add_func("/x86/encode/basic", test_encode_basic);
    g_test_add_func("/x86/encode/ext", test_encode_ext);
    if (irt_have_jit()) {
        g_test_add_func("/x86/ops/ext", test_ops_ext);
        g_test_add_func("/x86/ops/noext", test_ops_noext);
        g_test_add_func("/x86/ops/each-ext", test_ops_each_ext);
        g_test_add_func("/x86/host-ldst", test_host_ldst);
        g_test_add_func("/x86/branches", test_branches);
        g_test_add_func("/x86/qemu/user", test_qemu_user);
        g_test_add_func("/x86/qemu/softmmu", test_qemu_softmmu);
        g_test_add_func("/x86/qemu/softmmu-cross", test_qemu_softmmu_cross);
        g_test_add_func("/x86/chain/goto-tb", test_goto_tb);
        g_test_add_func("/x86/chain/goto-ptr", test_goto_ptr_and_epilogue);
        g_test_add_func("/x86/calls", test_calls);
        g_test_add_func("/x86/disas", test_disas);
        g_test_add_func("/x86/split-wx", test_split_wx);
    }
    return g_test_run();
}

#else   /* !CONFIG_JIT_X86_64 */

static void test_no_jit(void)
{
    g_test_skip("this build has no x86-64 JIT backend (non-x86-64 host or "
                "configure --disable-jit)");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/not-built", test_no_jit);
    return g_test_run();
}

#endif
