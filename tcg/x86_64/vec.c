/*
 * Vector ops (include/tcg/tcg-vec.h) on the x86-64 JIT: SSE2, plus
 * SSSE3/SSE4.1/SSE4.2 where an op needs them (x86_vec_supported says
 * which).  Each op loads its sources from their slots into XMM0.., works
 * there and stores 16 bytes to d.  The allocator knows no XMM registers,
 * so all of them are scratch here; helpers may clobber them, which does
 * not matter since nothing lives in them between ops.
 *
 * Notation below: X = XMM0 (usually a, then the result), Y = XMM1
 * (usually b), T/U/V = XMM2..XMM4 (temporaries).
 */
#include "x86-backend.h"
#include "tcg/tcg-vec.h"

enum { X = 0, Y = 1, T = 2, U = 3, V = 4, W = 5 };

#define P66 (X86_P_66 | X86_P_0F)
#define P66_38 (X86_P_66 | X86_P_0F38)

/* 66 0F xx (SSE2 integer), by element size where it varies. */
#define OPC_PADD(v)     (P66 | ((v) == 3 ? 0xd4 : 0xfc + (v)))       /* fc fd fe d4 */
#define OPC_PSUB(v)     (P66 | (0xf8 + (v)))                          /* f8 f9 fa fb */
#define OPC_PCMPEQ(v)   (P66 | (0x74 + (v)))                          /* 74 75 76 */
#define OPC_PCMPGT(v)   (P66 | (0x64 + (v)))                          /* 64 65 66 */
#define OPC_PUNPCKL(v)  (P66 | ((v) == 3 ? 0x6c : 0x60 + (v)))
#define OPC_PUNPCKH(v)  (P66 | ((v) == 3 ? 0x6d : 0x68 + (v)))
#define OPC_PAND        (P66 | 0xdb)
#define OPC_PANDN       (P66 | 0xdf)        /* dst = ~dst & src */
#define OPC_POR         (P66 | 0xeb)
#define OPC_PXOR        (P66 | 0xef)
#define OPC_PMULLW      (P66 | 0xd5)
#define OPC_PMINUB      (P66 | 0xda)
#define OPC_PMAXUB      (P66 | 0xde)
#define OPC_PMINSW      (P66 | 0xea)
#define OPC_PMAXSW      (P66 | 0xee)
#define OPC_PACKUSWB    (P66 | 0x67)
#define OPC_PACKSSDW    (P66 | 0x6b)
#define OPC_PSUBUSB     (P66 | 0xd8)
#define OPC_PADDUSB     (P66 | 0xdc)
#define OPC_PSHUFD      (P66 | 0x70)                  /* + imm8 */
#define OPC_PSHUFLW     (X86_P_F2 | X86_P_0F | 0x70)  /* + imm8 */
#define OPC_PSHUFHW     (X86_P_F3 | X86_P_0F | 0x70)  /* + imm8 */
#define OPC_SHUFPS      (X86_P_0F | 0xc6)             /* + imm8 */
#define OPC_MOVDQA      (P66 | 0x6f)                  /* xmm <- xmm */
#define OPC_MOVDQU_LD   (X86_P_F3 | X86_P_0F | 0x6f)
#define OPC_MOVDQU_ST   (X86_P_F3 | X86_P_0F | 0x7f)
#define OPC_MOVQ_LD     (X86_P_F3 | X86_P_0F | 0x7e)  /* also xmm <- xmm */
#define OPC_MOVQ_XR     (P66 | X86_P_W | 0x6e)        /* xmm <- r64 */
/* Shift by immediate: opcode, /digit, imm8. */
#define OPC_SHIFTW      (P66 | 0x71)
#define OPC_SHIFTD      (P66 | 0x72)
#define OPC_SHIFTQ      (P66 | 0x73)
enum { SH_SRL = 2, SH_SRLDQ = 3, SH_SRA = 4, SH_SLL = 6, SH_SLLDQ = 7 };
/* SSSE3 */
#define OPC_PSHUFB      (P66_38 | 0x00)
#define OPC_PABS(v)     (P66_38 | (0x1c + (v)))       /* 1c 1d 1e */
/* SSE4.1 */
#define OPC_PCMPEQQ     (P66_38 | 0x29)
#define OPC_PMINSB      (P66_38 | 0x38)
#define OPC_PMINSD      (P66_38 | 0x39)
#define OPC_PMINUW      (P66_38 | 0x3a)
#define OPC_PMINUD      (P66_38 | 0x3b)
#define OPC_PMAXSB      (P66_38 | 0x3c)
#define OPC_PMAXSD      (P66_38 | 0x3d)
#define OPC_PMAXUW      (P66_38 | 0x3e)
#define OPC_PMAXUD      (P66_38 | 0x3f)
#define OPC_PMULLD      (P66_38 | 0x40)
/* SSE4.2 */
#define OPC_PCMPGTQ     (P66_38 | 0x37)

static void sse(TCGContext *s, int opc, int dst, int src)
{
    x86_modrm(s, opc, dst, src);
}

static void sse_imm(TCGContext *s, int opc, int dst, int src, int imm)
{
    x86_modrm(s, opc, dst, src);
    tcg_out8(s, (uint8_t)imm);
}

static void mov(TCGContext *s, int dst, int src)
{
    if (dst != src) {
        sse(s, OPC_MOVDQA, dst, src);
    }
}

/* Shift each element of r (size vece 1..3) by an immediate; dq: bytes. */
static void shift_imm(TCGContext *s, int vece, int kind, int r, int count)
{
    int opc = vece == 1 ? OPC_SHIFTW : vece == 2 ? OPC_SHIFTD : OPC_SHIFTQ;

    if (count) {
        sse_imm(s, opc, kind, r, count);
    }
}

static void byte_shift(TCGContext *s, int kind, int r, int bytes)
{
    if (bytes) {
        sse_imm(s, OPC_SHIFTQ, kind, r, bytes);
    }
}

/* r = the 64-bit pattern v in both halves. */
static void const64(TCGContext *s, int r, uint64_t v)
{
    if (v == 0) {
        sse(s, OPC_PXOR, r, r);
        return;
    }
    if (v == ~0ull) {
        sse(s, OPC_PCMPEQ(2), r, r);
        return;
    }
    x86_movi(s, true, X86_TMP, (int64_t)v, false);
    sse(s, OPC_MOVQ_XR, r, X86_TMP);
    sse(s, OPC_PUNPCKL(3), r, r);
}

/* The element-size pattern e replicated across 64 bits. */
static uint64_t dup64(unsigned vece, uint64_t e)
{
    switch (vece) {
    case 0: return (e & 0xff) * 0x0101010101010101ull;
    case 1: return (e & 0xffff) * 0x0001000100010001ull;
    case 2: return (e & 0xffffffffull) * 0x0000000100000001ull;
    default: return e;
    }
}

static void load(TCGContext *s, int r, TCGReg base, intptr_t ofs, bool q)
{
    x86_modrm_mem(s, q ? OPC_MOVDQU_LD : OPC_MOVQ_LD, r, base, ofs);
}

/* Store 16 bytes of r to d; q = 0: only the low 8 are the result. */
static void store(TCGContext *s, int r, TCGReg base, intptr_t ofs, bool q)
{
    if (!q) {
        sse(s, OPC_MOVQ_LD, r, r);      /* zero the high half */
    }
    x86_modrm_mem(s, OPC_MOVDQU_ST, r, base, ofs);
}

/* ------------------------------------------------------------------ */
/* Building blocks; each leaves its result in the first register.      */

/* r = all ones in elements where a == b (a is r; b is not changed). */
static void cmp_eq(TCGContext *s, unsigned vece, int r, int b)
{
    if (vece < 3) {
        sse(s, OPC_PCMPEQ(vece), r, b);
    } else if (have_feat(X86_FEAT_SSE41)) {
        sse(s, OPC_PCMPEQQ, r, b);
    } else {
        /* Both 32-bit halves equal. */
        sse(s, OPC_PCMPEQ(2), r, b);
        sse_imm(s, OPC_PSHUFD, W, r, 0xb1);
        sse(s, OPC_PAND, r, W);
    }
}

/* r = a > b signed (r holds a). */
static void cmp_gt(TCGContext *s, unsigned vece, int r, int b)
{
    if (vece < 3) {
        sse(s, OPC_PCMPGT(vece), r, b);
    } else {
        sse(s, OPC_PCMPGTQ, r, b);      /* x86_vec_supported: SSE4.2 */
    }
}

/*
 * r = (a cond b) for a in r, b in b (b may be clobbered): all ones or
 * zero per element.
 */
static void cmp(TCGContext *s, unsigned vece, TCGCond c, int r, int b)
{
    bool invert = false;

    switch (c) {
    case TCG_COND_NE:
        invert = true;
        /* fall through */
    case TCG_COND_EQ:
        cmp_eq(s, vece, r, b);
        break;
    default:
        if (tcg_cond_is_unsigned(c)) {
            /* Unsigned order = signed order with the sign bits flipped. */
            const64(s, T, dup64(vece, 1ull << ((8u << vece) - 1)));
            sse(s, OPC_PXOR, r, T);
            sse(s, OPC_PXOR, b, T);
            c = (TCGCond)(c - TCG_COND_LTU + TCG_COND_LT);
        }
        switch (c) {
        case TCG_COND_LE:                   /* !(a > b) */
            invert = true;
            /* fall through */
        case TCG_COND_GT:
            cmp_gt(s, vece, r, b);
            break;
        case TCG_COND_GE:                   /* !(b > a) */
            invert = true;
            /* fall through */
        default:                            /* LT: b > a */
            cmp_gt(s, vece, b, r);
            mov(s, r, b);
            break;
        }
        break;
    }
    if (invert) {
        sse(s, OPC_PCMPEQ(2), T, T);
        sse(s, OPC_PXOR, r, T);
    }
}

/* r = (mask & y) | (~mask & z); mask in r, y and z clobbered. */
static void vsel(TCGContext *s, int r, int y, int z)
{
    sse(s, OPC_PAND, y, r);
    sse(s, OPC_PANDN, r, z);
    sse(s, OPC_POR, r, y);
}

/* X = min/max(X, Y). */
static void minmax(TCGContext *s, TCGOpcode opc, unsigned vece)
{
    static const int direct[4][4] = {
        /* smin, smax, umin, umax */
        { OPC_PMINSB, OPC_PMAXSB, OPC_PMINUB, OPC_PMAXUB },
        { OPC_PMINSW, OPC_PMAXSW, OPC_PMINUW, OPC_PMAXUW },
        { OPC_PMINSD, OPC_PMAXSD, OPC_PMINUD, OPC_PMAXUD },
        { 0, 0, 0, 0 },
    };
    int k = opc == INDEX_op_vec_smin ? 0 : opc == INDEX_op_vec_smax ? 1
          : opc == INDEX_op_vec_umin ? 2 : 3;
    int o = direct[vece][k];
    bool sse2 = o == OPC_PMINUB || o == OPC_PMAXUB || o == OPC_PMINSW ||
                o == OPC_PMAXSW;

    if (o && (sse2 || have_feat(X86_FEAT_SSE41))) {
        sse(s, o, X, Y);
        return;
    }
    /* mask = a > b (signed or unsigned); max = mask ? a : b. */
    mov(s, U, X);
    mov(s, V, Y);
    cmp(s, vece, k >= 2 ? TCG_COND_GTU : TCG_COND_GT, X, Y);
    if (k & 1) {
        vsel(s, X, U, V);             /* max: a where a > b */
    } else {
        vsel(s, X, V, U);             /* min: b where a > b */
    }
}

/* X = X op Y element-wise for the ops that pairwise forms also use. */
static void elementwise(TCGContext *s, TCGOpcode opc, unsigned vece)
{
    switch (opc) {
    case INDEX_op_vec_add:
    case INDEX_op_vec_addp:
        sse(s, OPC_PADD(vece), X, Y);
        break;
    case INDEX_op_vec_smaxp: minmax(s, INDEX_op_vec_smax, vece); break;
    case INDEX_op_vec_sminp: minmax(s, INDEX_op_vec_smin, vece); break;
    case INDEX_op_vec_umaxp: minmax(s, INDEX_op_vec_umax, vece); break;
    case INDEX_op_vec_uminp: minmax(s, INDEX_op_vec_umin, vece); break;
    default:
        minmax(s, opc, vece);
        break;
    }
}

/* X = the even (odd: uzp2) elements of X:Y, 16 bytes each. */
static void uzp(TCGContext *s, unsigned vece, bool odd)
{
    switch (vece) {
    case 0:
        if (odd) {
            shift_imm(s, 1, SH_SRL, X, 8);
            shift_imm(s, 1, SH_SRL, Y, 8);
        } else {
            const64(s, T, 0x00ff00ff00ff00ffull);
            sse(s, OPC_PAND, X, T);
            sse(s, OPC_PAND, Y, T);
        }
        sse(s, OPC_PACKUSWB, X, Y);
        break;
    case 1:
        if (!odd) {
            shift_imm(s, 2, SH_SLL, X, 16);
            shift_imm(s, 2, SH_SLL, Y, 16);
        }
        shift_imm(s, 2, SH_SRA, X, 16);
        shift_imm(s, 2, SH_SRA, Y, 16);
        sse(s, OPC_PACKSSDW, X, Y);
        break;
    case 2:
        sse_imm(s, OPC_SHUFPS, X, Y, odd ? 0xdd : 0x88);
        break;
    default:
        sse(s, odd ? OPC_PUNPCKH(3) : OPC_PUNPCKL(3), X, Y);
        break;
    }
}

/* Pairwise op over a:b (X, Y), as uzp1(a, b) op uzp2(a, b). */
static void pairwise(TCGContext *s, TCGOpcode opc, unsigned vece, bool q)
{
    if (!q) {
        /* The 8-byte a and b side by side, then pairs within it. */
        sse(s, OPC_PUNPCKL(3), X, Y);
        mov(s, Y, X);
    }
    mov(s, U, X);
    mov(s, V, Y);
    uzp(s, vece, false);                /* X = evens */
    mov(s, W, X);
    mov(s, X, U);
    mov(s, Y, V);
    uzp(s, vece, true);                 /* X = odds */
    mov(s, Y, X);
    mov(s, X, W);
    elementwise(s, opc, vece);
}

/* ------------------------------------------------------------------ */

bool x86_vec_supported(TCGOpcode opc, uint32_t vdesc)
{
    unsigned vece = vdesc_vece(vdesc);

    switch (opc) {
    case INDEX_op_vec_mul:
        return vece != 2 || have_feat(X86_FEAT_SSE41);
    case INDEX_op_vec_smin: case INDEX_op_vec_smax:
    case INDEX_op_vec_umin: case INDEX_op_vec_umax:
    case INDEX_op_vec_smaxp: case INDEX_op_vec_sminp:
    case INDEX_op_vec_umaxp: case INDEX_op_vec_uminp:
        return vece != 3 || have_feat(X86_FEAT_SSE42);
    case INDEX_op_vec_cmp: {
        TCGCond c = (TCGCond)vdesc_imm(vdesc);
        return vece != 3 || c == TCG_COND_EQ || c == TCG_COND_NE ||
               have_feat(X86_FEAT_SSE42);
    }
    case INDEX_op_vec_tbl:
    case INDEX_op_vec_tbx:
        return have_feat(X86_FEAT_SSSE3);
    default:
        return tcg_vec_valid(opc, vdesc);
    }
}

void x86_out_vec(TCGContext *s, const TCGOp *op, const TCGArg *args)
{
    TCGOpcode opc = op->opc;
    int nslots = tcg_vec_nb_slots(opc);
    uint32_t vd = (uint32_t)args[1 + nslots];
    unsigned vece = vdesc_vece(vd), imm = vdesc_imm(vd);
    unsigned bits = 8u << vece;
    bool q = vdesc_q(vd);
    TCGReg base = (TCGReg)args[0];
    intptr_t d = (intptr_t)args[1], a = (intptr_t)args[2];
    intptr_t b = nslots > 2 ? (intptr_t)args[3] : 0;
    int res = X;

    /* TBL's table and SHRN's source are always 16 bytes. */
    load(s, X, base, a, q || opc == INDEX_op_vec_tbl ||
         opc == INDEX_op_vec_tbx || opc == INDEX_op_vec_shrn);
    if (nslots > 2) {
        load(s, Y, base, b, q);
    }

    switch (opc) {
    case INDEX_op_vec_not:
        sse(s, OPC_PCMPEQ(2), T, T);
        sse(s, OPC_PXOR, X, T);
        break;
    case INDEX_op_vec_neg:
        sse(s, OPC_PXOR, Y, Y);
        sse(s, OPC_PSUB(vece), Y, X);
        res = Y;
        break;
    case INDEX_op_vec_abs:
        if (vece < 3 && have_feat(X86_FEAT_SSSE3)) {
            sse(s, OPC_PABS(vece), X, X);
            break;
        }
        /* m = all ones where negative; |x| = (x ^ m) - m. */
        if (vece == 0) {
            sse(s, OPC_PXOR, T, T);
            sse(s, OPC_PCMPGT(0), T, X);
        } else {
            mov(s, T, X);
            shift_imm(s, vece == 1 ? 1 : 2, SH_SRA, T, vece == 1 ? 15 : 31);
            if (vece == 3) {
                sse_imm(s, OPC_PSHUFD, T, T, 0xf5);  /* high dwords' signs */
            }
        }
        sse(s, OPC_PXOR, X, T);
        sse(s, OPC_PSUB(vece), X, T);
        break;
    case INDEX_op_vec_cnt:
        /* Per byte: x - ((x >> 1) & 0x55), pairs of 2, then nibbles. */
        const64(s, U, 0x5555555555555555ull);
        mov(s, T, X);
        shift_imm(s, 1, SH_SRL, T, 1);
        sse(s, OPC_PAND, T, U);
        sse(s, OPC_PSUB(0), X, T);
        const64(s, U, 0x3333333333333333ull);
        mov(s, T, X);
        shift_imm(s, 1, SH_SRL, T, 2);
        sse(s, OPC_PAND, T, U);
        sse(s, OPC_PAND, X, U);
        sse(s, OPC_PADD(0), X, T);
        mov(s, T, X);
        shift_imm(s, 1, SH_SRL, T, 4);
        sse(s, OPC_PADD(0), X, T);
        const64(s, U, 0x0f0f0f0f0f0f0f0full);
        sse(s, OPC_PAND, X, U);
        break;
    case INDEX_op_vec_shli:
        if (vece == 0) {
            shift_imm(s, 1, SH_SLL, X, imm);
            const64(s, T, dup64(0, 0xffu << imm));
            sse(s, OPC_PAND, X, T);
        } else {
            shift_imm(s, vece, SH_SLL, X, imm);
        }
        break;
    case INDEX_op_vec_shri:
    case INDEX_op_vec_sari:
        if (vece == 0) {
            shift_imm(s, 1, SH_SRL, X, imm);
            const64(s, T, dup64(0, 0xffu >> imm));
            sse(s, OPC_PAND, X, T);
        } else if (opc == INDEX_op_vec_shri || vece == 3) {
            shift_imm(s, vece, SH_SRL, X, imm);
        } else {
            shift_imm(s, vece, SH_SRA, X, imm);
            break;
        }
        if (opc == INDEX_op_vec_sari && imm) {
            /* Sign-extend the logical shift: (x ^ m) - m, m = the sign
             * bit's new place. */
            const64(s, T, dup64(vece, 1ull << (bits - 1 - imm)));
            sse(s, OPC_PXOR, X, T);
            sse(s, OPC_PSUB(vece), X, T);
        }
        break;
    case INDEX_op_vec_rev:
        /* Bytes within halfwords first, then halfwords, then words. */
        if (vece == 0) {
            mov(s, T, X);
            shift_imm(s, 1, SH_SLL, X, 8);
            shift_imm(s, 1, SH_SRL, T, 8);
            sse(s, OPC_POR, X, T);
        }
        if (vece <= 1 && imm >= 2) {
            int sel = imm == 2 ? 0xb1 : 0x1b;   /* swap pairs / reverse 4 */
            sse_imm(s, OPC_PSHUFLW, X, X, sel);
            sse_imm(s, OPC_PSHUFHW, X, X, sel);
        }
        if (vece == 2) {
            sse_imm(s, OPC_PSHUFD, X, X, 0xb1);
        }
        break;
    case INDEX_op_vec_shrn:
        switch (vece) {
        case 0:
            shift_imm(s, 1, SH_SRL, X, imm);
            const64(s, T, 0x00ff00ff00ff00ffull);
            sse(s, OPC_PAND, X, T);
            sse(s, OPC_PACKUSWB, X, X);
            break;
        case 1:
            shift_imm(s, 2, SH_SRL, X, imm);
            shift_imm(s, 2, SH_SLL, X, 16);
            shift_imm(s, 2, SH_SRA, X, 16);
            sse(s, OPC_PACKSSDW, X, X);
            break;
        default:
            shift_imm(s, 3, SH_SRL, X, imm);
            sse_imm(s, OPC_PSHUFD, X, X, 0x08);
            break;
        }
        if (q) {
            /* SHRN2: the results go to the high half, the low half stays. */
            load(s, Y, base, d, false);
            sse(s, OPC_PUNPCKL(3), Y, X);
            x86_modrm_mem(s, OPC_MOVDQU_ST, Y, base, d);
            return;
        }
        break;
    case INDEX_op_vec_and: sse(s, OPC_PAND, X, Y); break;
    case INDEX_op_vec_or: sse(s, OPC_POR, X, Y); break;
    case INDEX_op_vec_xor: sse(s, OPC_PXOR, X, Y); break;
    case INDEX_op_vec_andc:
        sse(s, OPC_PANDN, Y, X);        /* ~b & a */
        res = Y;
        break;
    case INDEX_op_vec_orc:
        sse(s, OPC_PCMPEQ(2), T, T);
        sse(s, OPC_PXOR, Y, T);
        sse(s, OPC_POR, X, Y);
        break;
    case INDEX_op_vec_add: sse(s, OPC_PADD(vece), X, Y); break;
    case INDEX_op_vec_sub: sse(s, OPC_PSUB(vece), X, Y); break;
    case INDEX_op_vec_mul:
        if (vece == 1) {
            sse(s, OPC_PMULLW, X, Y);
        } else if (vece == 2) {
            sse(s, OPC_PMULLD, X, Y);
        } else {
            /* Bytes: even products from 16-bit multiplies, masked; odd
             * ones from the high bytes, shifted back up. */
            mov(s, T, X);
            sse(s, OPC_PMULLW, T, Y);
            const64(s, U, 0x00ff00ff00ff00ffull);
            sse(s, OPC_PAND, T, U);
            shift_imm(s, 1, SH_SRL, X, 8);
            shift_imm(s, 1, SH_SRL, Y, 8);
            sse(s, OPC_PMULLW, X, Y);
            shift_imm(s, 1, SH_SLL, X, 8);
            sse(s, OPC_POR, X, T);
        }
        break;
    case INDEX_op_vec_smin: case INDEX_op_vec_smax:
    case INDEX_op_vec_umin: case INDEX_op_vec_umax:
        minmax(s, opc, vece);
        break;
    case INDEX_op_vec_cmp:
        cmp(s, vece, (TCGCond)imm, X, Y);
        break;
    case INDEX_op_vec_addp: case INDEX_op_vec_smaxp:
    case INDEX_op_vec_sminp: case INDEX_op_vec_umaxp:
    case INDEX_op_vec_uminp:
        pairwise(s, opc, vece, q);
        break;
    case INDEX_op_vec_zip1:
        sse(s, OPC_PUNPCKL(vece), X, Y);
        break;
    case INDEX_op_vec_zip2:
        if (q) {
            sse(s, OPC_PUNPCKH(vece), X, Y);
        } else {
            sse(s, OPC_PUNPCKL(vece), X, Y);
            byte_shift(s, SH_SRLDQ, X, 8);
        }
        break;
    case INDEX_op_vec_uzp1:
    case INDEX_op_vec_uzp2:
        if (!q) {
            sse(s, OPC_PUNPCKL(3), X, Y);
            mov(s, Y, X);
        }
        uzp(s, vece, opc == INDEX_op_vec_uzp2);
        break;
    case INDEX_op_vec_trn1:
    case INDEX_op_vec_trn2:
        if (vece == 3) {
            sse(s, opc == INDEX_op_vec_trn1 ? OPC_PUNPCKL(3) : OPC_PUNPCKH(3),
                X, Y);
            break;
        }
        {
            /* trn1: even elements of a, b's even ones moved up;
             * trn2: a's odd ones moved down, odd elements of b. */
            uint64_t lo = dup64(vece + 1, (1ull << bits) - 1);
            int sv = vece + 1;

            if (opc == INDEX_op_vec_trn1) {
                const64(s, T, lo);
                sse(s, OPC_PAND, X, T);
                shift_imm(s, sv, SH_SLL, Y, bits);
            } else {
                shift_imm(s, sv, SH_SRL, X, bits);
                const64(s, T, ~lo);
                sse(s, OPC_PAND, Y, T);
            }
            sse(s, OPC_POR, X, Y);
        }
        break;
    case INDEX_op_vec_ext:
        if (!q) {
            sse(s, OPC_PUNPCKL(3), X, Y);
            byte_shift(s, SH_SRLDQ, X, imm);
        } else if (imm) {
            byte_shift(s, SH_SRLDQ, X, imm);
            byte_shift(s, SH_SLLDQ, Y, 16 - imm);
            sse(s, OPC_POR, X, Y);
        }
        break;
    case INDEX_op_vec_tbl:
    case INDEX_op_vec_tbx:
        /* Indices 16..255 must give 0: add 0x70 with unsigned saturation,
         * so that they have bit 7 set (PSHUFB's "zero") and 0..15 keep
         * their low nibble. */
        mov(s, U, Y);
        const64(s, T, 0x7070707070707070ull);
        sse(s, OPC_PADDUSB, Y, T);
        sse(s, OPC_PSHUFB, X, Y);
        if (opc == INDEX_op_vec_tbx) {
            /* Keep d where the index is out of range. */
            const64(s, T, 0x0f0f0f0f0f0f0f0full);
            sse(s, OPC_PSUBUSB, U, T);      /* 0 iff index < 16 */
            sse(s, OPC_PXOR, T, T);
            sse(s, OPC_PCMPEQ(0), U, T);    /* in range */
            load(s, V, base, d, q);
            vsel(s, U, X, V);
            res = U;
        }
        break;
    case INDEX_op_vec_bitsel:
        load(s, T, base, (intptr_t)args[4], q);
        vsel(s, X, Y, T);
        break;
    default:
        tcg_abort_msg("x86: unexpected vector op %d", opc);
    }
    store(s, res, base, d, q);
}
