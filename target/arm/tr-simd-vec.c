/*
 * AdvSIMD forms done with the IR's vector ops (include/tcg/tcg-vec.h):
 * the common element-wise integer, logical, compare, shift, permute and
 * table-lookup instructions.  tr-simd-fp.c decodes and checks the
 * encoding, then asks here first; a function returns false when the
 * backend cannot emit the op (tcg_vec_supported) or the form is not
 * done here, and the caller falls back to its helper (simd_helper.c).
 *
 * Each op reads V registers from env and writes Vd there: a 64-bit
 * (Q = 0) form is an 8-byte op, which zeroes the top of Vd as the
 * architecture requires; a scalar form on 64-bit elements is the same
 * 8-byte op on one element.
 */
#include "target/arm/translate.h"
#include "target/arm/tr-simd.h"
#include "tcg/tcg-vec.h"

static intptr_t vreg(int n)
{
    return vreg_ofs(n, 0);
}

/* Slots the front end uses for intermediate values and zero. */
#define VZERO ((intptr_t)offsetof(CPUARMState, vscratch[0]))
#define VTMP  ((intptr_t)offsetof(CPUARMState, vscratch[1]))

static bool ok2(TCGOpcode opc, unsigned vece, bool q, unsigned imm)
{
    return tcg_vec_supported(opc, tcg_vdesc(vece, q, imm));
}

static void vec2(TCGOpcode opc, unsigned vece, bool q, unsigned imm,
                 intptr_t d, intptr_t a)
{
    tcg_gen_vec2(opc, tcg_vdesc(vece, q, imm), d, a);
}

static void vec3(TCGOpcode opc, unsigned vece, bool q, unsigned imm,
                 intptr_t d, intptr_t a, intptr_t b)
{
    tcg_gen_vec3(opc, tcg_vdesc(vece, q, imm), d, a, b);
}

/* ------------------------------------------------------------------ */
/* Three same                                                          */

bool simd_vec_logic(int size, bool u, bool q, int rd, int rn, int rm)
{
    static const TCGOpcode plain[4] = {
        INDEX_op_vec_and, INDEX_op_vec_andc, INDEX_op_vec_or, INDEX_op_vec_orc,
    };
    uint32_t vd = tcg_vdesc(0, q, 0);

    if (!u) {
        if (!tcg_vec_supported(plain[size], vd)) {
            return false;
        }
        tcg_gen_vec3(plain[size], vd, vreg(rd), vreg(rn), vreg(rm));
        return true;
    }
    if (size == 0) {
        if (!tcg_vec_supported(INDEX_op_vec_xor, vd)) {
            return false;
        }
        tcg_gen_vec3(INDEX_op_vec_xor, vd, vreg(rd), vreg(rn), vreg(rm));
        return true;
    }
    if (!tcg_vec_supported(INDEX_op_vec_bitsel, vd)) {
        return false;
    }
    switch (size) {
    case 1:     /* BSL: d = (n & d) | (m & ~d) */
        tcg_gen_vec4(INDEX_op_vec_bitsel, vd, vreg(rd), vreg(rd), vreg(rn),
                     vreg(rm));
        break;
    case 2:     /* BIT: d = (n & m) | (d & ~m) */
        tcg_gen_vec4(INDEX_op_vec_bitsel, vd, vreg(rd), vreg(rm), vreg(rn),
                     vreg(rd));
        break;
    default:    /* BIF: d = (d & m) | (n & ~m) */
        tcg_gen_vec4(INDEX_op_vec_bitsel, vd, vreg(rd), vreg(rm), vreg(rd),
                     vreg(rn));
        break;
    }
    return true;
}

/*
 * Vector (scalar = false) or scalar (64-bit elements, q = 0) three-same
 * integer op; the caller has checked the encoding.
 */
bool simd_vec_3same(int opcode, bool u, int size, bool q, bool scalar,
                    int rd, int rn, int rm)
{
    TCGOpcode opc;
    unsigned imm = 0;

    if (scalar) {
        q = false;              /* one 64-bit element, top of Vd zeroed */
    }
    switch (opcode) {
    case 0x10:                                  /* ADD, SUB */
        opc = u ? INDEX_op_vec_sub : INDEX_op_vec_add;
        break;
    case 0x06:                                  /* CMGT, CMHI */
        opc = INDEX_op_vec_cmp;
        imm = u ? TCG_COND_GTU : TCG_COND_GT;
        break;
    case 0x07:                                  /* CMGE, CMHS */
        opc = INDEX_op_vec_cmp;
        imm = u ? TCG_COND_GEU : TCG_COND_GE;
        break;
    case 0x11:
        if (u) {                                /* CMEQ */
            opc = INDEX_op_vec_cmp;
            imm = TCG_COND_EQ;
            break;
        }
        /* CMTST: (n & m) != 0 */
        if (!ok2(INDEX_op_vec_and, size, q, 0) ||
            !ok2(INDEX_op_vec_cmp, size, q, TCG_COND_NE)) {
            return false;
        }
        vec3(INDEX_op_vec_and, size, q, 0, VTMP, vreg(rn), vreg(rm));
        vec3(INDEX_op_vec_cmp, size, q, TCG_COND_NE, vreg(rd), VTMP, VZERO);
        return true;
    case 0x0c:                                  /* SMAX, UMAX */
        opc = u ? INDEX_op_vec_umax : INDEX_op_vec_smax;
        break;
    case 0x0d:                                  /* SMIN, UMIN */
        opc = u ? INDEX_op_vec_umin : INDEX_op_vec_smin;
        break;
    case 0x13:                                  /* MUL (PMUL: helper) */
        if (u) {
            return false;
        }
        opc = INDEX_op_vec_mul;
        break;
    case 0x12: {                                /* MLA, MLS */
        TCGOpcode acc = u ? INDEX_op_vec_sub : INDEX_op_vec_add;
        if (scalar || !ok2(INDEX_op_vec_mul, size, q, 0) ||
            !ok2(acc, size, q, 0)) {
            return false;
        }
        vec3(INDEX_op_vec_mul, size, q, 0, VTMP, vreg(rn), vreg(rm));
        vec3(acc, size, q, 0, vreg(rd), vreg(rd), VTMP);
        return true;
    }
    case 0x14:                                  /* SMAXP, UMAXP */
        opc = u ? INDEX_op_vec_umaxp : INDEX_op_vec_smaxp;
        break;
    case 0x15:                                  /* SMINP, UMINP */
        opc = u ? INDEX_op_vec_uminp : INDEX_op_vec_sminp;
        break;
    case 0x17:                                  /* ADDP */
        if (u) {
            return false;
        }
        opc = INDEX_op_vec_addp;
        break;
    default:
        return false;
    }
    if (scalar && opc != INDEX_op_vec_add && opc != INDEX_op_vec_sub &&
        opc != INDEX_op_vec_cmp) {
        return false;
    }
    if (!ok2(opc, size, q, imm)) {
        return false;
    }
    vec3(opc, size, q, imm, vreg(rd), vreg(rn), vreg(rm));
    return true;
}

/* ------------------------------------------------------------------ */
/* Two-register miscellaneous                                          */

/* op = opcode | U << 5, as in tr-simd-fp.c's do_2misc. */
bool simd_vec_2misc(int op, int size, bool q, bool scalar, int rd, int rn)
{
    TCGOpcode opc;
    unsigned imm = 0;
    TCGCond zc;

    if (scalar) {
        q = false;
    }
    switch (op) {
    case 0x00: opc = INDEX_op_vec_rev; imm = 3; break;     /* REV64 */
    case 0x20: opc = INDEX_op_vec_rev; imm = 2; break;     /* REV32 */
    case 0x01: opc = INDEX_op_vec_rev; imm = 1; break;     /* REV16 */
    case 0x05: opc = INDEX_op_vec_cnt; break;              /* CNT */
    case 0x25:                                             /* NOT */
        if (size != 0) {
            return false;                                  /* RBIT */
        }
        opc = INDEX_op_vec_not;
        break;
    case 0x0b: opc = INDEX_op_vec_abs; break;              /* ABS */
    case 0x2b: opc = INDEX_op_vec_neg; break;              /* NEG */
    case 0x12:                                             /* XTN, XTN2 */
        if (scalar || !ok2(INDEX_op_vec_shrn, size, q, 0)) {
            return false;
        }
        vec2(INDEX_op_vec_shrn, size, q, 0, vreg(rd), vreg(rn));
        return true;
    case 0x08: zc = TCG_COND_GT; goto cmp_zero;            /* CMGT #0 */
    case 0x28: zc = TCG_COND_GE; goto cmp_zero;            /* CMGE #0 */
    case 0x09: zc = TCG_COND_EQ; goto cmp_zero;            /* CMEQ #0 */
    case 0x29: zc = TCG_COND_LE; goto cmp_zero;            /* CMLE #0 */
    case 0x0a: zc = TCG_COND_LT;                           /* CMLT #0 */
    cmp_zero:
        if (!ok2(INDEX_op_vec_cmp, size, q, zc)) {
            return false;
        }
        vec3(INDEX_op_vec_cmp, size, q, zc, vreg(rd), vreg(rn), VZERO);
        return true;
    default:
        return false;
    }
    if (scalar && opc != INDEX_op_vec_abs && opc != INDEX_op_vec_neg) {
        return false;
    }
    if (!ok2(opc, size, q, imm)) {
        return false;
    }
    vec2(opc, size, q, imm, vreg(rd), vreg(rn));
    return true;
}

/* ------------------------------------------------------------------ */
/* Shift by immediate                                                  */

/* op = opcode | U << 5; immhb = immh:immb (immh != 0). */
bool simd_vec_shift_imm(int op, int immhb, bool q, bool scalar, int rd,
                        int rn)
{
    int immh = immhb >> 3;
    unsigned vece = immh & 8 ? 3 : immh & 4 ? 2 : immh & 2 ? 1 : 0;
    unsigned bits = 8u << vece;
    unsigned right = 2 * bits - (unsigned)immhb;     /* SSHR, SHRN, ... */
    unsigned left = (unsigned)immhb - bits;          /* SHL */

    if (scalar) {
        q = false;
    }
    switch (op) {
    case 0x0a:                                      /* SHL */
        if (!ok2(INDEX_op_vec_shli, vece, q, left)) {
            return false;
        }
        vec2(INDEX_op_vec_shli, vece, q, left, vreg(rd), vreg(rn));
        return true;
    case 0x00:                                      /* SSHR */
    case 0x20:                                      /* USHR */
    case 0x02:                                      /* SSRA */
    case 0x22: {                                    /* USRA */
        bool sign = !(op & 0x20), acc = op & 2;
        intptr_t dst = acc ? VTMP : vreg(rd);

        if (acc && !ok2(INDEX_op_vec_add, vece, q, 0)) {
            return false;
        }
        if (right == bits && !sign) {
            /* USHR #esize: zero; USRA #esize adds nothing. */
            if (!ok2(INDEX_op_vec_xor, 0, q, 0)) {
                return false;
            }
            if (!acc) {
                vec3(INDEX_op_vec_xor, 0, q, 0, vreg(rd), vreg(rn), vreg(rn));
            } else if (!q) {
                /* Vd's top half still has to be cleared. */
                vec3(INDEX_op_vec_add, vece, q, 0, vreg(rd), vreg(rd), VZERO);
            }
            return true;
        }
        if (right == bits) {
            right = bits - 1;                       /* SSHR #esize: signs */
        }
        if (!ok2(sign ? INDEX_op_vec_sari : INDEX_op_vec_shri, vece, q,
                 right)) {
            return false;
        }
        vec2(sign ? INDEX_op_vec_sari : INDEX_op_vec_shri, vece, q, right,
             dst, vreg(rn));
        if (acc) {
            vec3(INDEX_op_vec_add, vece, q, 0, vreg(rd), vreg(rd), VTMP);
        }
        return true;
    }
    case 0x10:                                      /* SHRN, SHRN2 */
        /* immh gives the result's element size; the source is twice. */
        if (scalar || !ok2(INDEX_op_vec_shrn, vece, q, right)) {
            return false;
        }
        vec2(INDEX_op_vec_shrn, vece, q, right, vreg(rd), vreg(rn));
        return true;
    default:
        return false;
    }
}

/* ------------------------------------------------------------------ */
/* Permutes, EXT, TBL/TBX                                              */

/* opcode = bits 14:12 (1 UZP1, 2 TRN1, 3 ZIP1, 5 UZP2, 6 TRN2, 7 ZIP2). */
bool simd_vec_permute(int opcode, int size, bool q, int rd, int rn, int rm)
{
    static const TCGOpcode ops[8] = {
        [1] = INDEX_op_vec_uzp1, [2] = INDEX_op_vec_trn1,
        [3] = INDEX_op_vec_zip1, [5] = INDEX_op_vec_uzp2,
        [6] = INDEX_op_vec_trn2, [7] = INDEX_op_vec_zip2,
    };
    TCGOpcode opc = ops[opcode & 7];

    if (!opc || !ok2(opc, size, q, 0)) {
        return false;
    }
    vec3(opc, size, q, 0, vreg(rd), vreg(rn), vreg(rm));
    return true;
}

bool simd_vec_ext(int imm4, bool q, int rd, int rn, int rm)
{
    if (!ok2(INDEX_op_vec_ext, 0, q, imm4)) {
        return false;
    }
    vec3(INDEX_op_vec_ext, 0, q, imm4, vreg(rd), vreg(rn), vreg(rm));
    return true;
}

/* TBL/TBX with a one-register table (len = 0). */
bool simd_vec_tbl(bool tbx, bool q, int rd, int rn, int rm)
{
    TCGOpcode opc = tbx ? INDEX_op_vec_tbx : INDEX_op_vec_tbl;

    if (!ok2(opc, 0, q, 0)) {
        return false;
    }
    vec3(opc, 0, q, 0, vreg(rd), vreg(rn), vreg(rm));
    return true;
}
