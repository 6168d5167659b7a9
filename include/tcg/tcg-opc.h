/*
 * The IR opcode table.  Included several times with different definitions
 * of DEF(name, nb_oargs, nb_iargs, nb_cargs, flags).
 *
 * Argument order in op->args[] is always: outputs, inputs, constants.
 * "Constants" are raw numbers (shift positions, conditions, memop indexes,
 * label numbers ...), never temps.
 *
 * Integer ops carry their width in op->type (TCG_TYPE_I32 or TCG_TYPE_I64);
 * the semantics of every op is written down in docs/tcg-ir.md.
 */

/* Pseudo ops: handled by the register allocator itself. */
DEF(discard,      1, 0, 0, TCG_OPF_NOT_PRESENT)
DEF(set_label,    0, 0, 1, TCG_OPF_BB_END | TCG_OPF_NOT_PRESENT)
/* call: nb_oargs/nb_iargs stored in the op; args = outs, ins, func, info */
DEF(call,         0, 0, 2, TCG_OPF_CALL_CLOBBER | TCG_OPF_NOT_PRESENT)
DEF(insn_start,   0, 0, TCG_INSN_START_WORDS, TCG_OPF_NOT_PRESENT)
DEF(mov,          1, 1, 0, TCG_OPF_INT | TCG_OPF_NOT_PRESENT)
DEF(movi,         1, 0, 1, TCG_OPF_INT | TCG_OPF_NOT_PRESENT)

/* Control flow. */
DEF(br,           0, 0, 1, TCG_OPF_BB_END)
DEF(brcond,       0, 2, 2, TCG_OPF_BB_END | TCG_OPF_COND_BRANCH | TCG_OPF_INT)
DEF(mb,           0, 0, 1, TCG_OPF_SIDE_EFFECTS)

/* Comparison and selection. */
DEF(setcond,      1, 2, 1, TCG_OPF_INT)          /* out = a cond b */
DEF(movcond,      1, 4, 1, TCG_OPF_INT)          /* out = c1 cond c2 ? v1 : v2 */

/* Host memory relative to a base temp (normally env): out, base, offset. */
DEF(ld8u,         1, 1, 1, TCG_OPF_INT)
DEF(ld8s,         1, 1, 1, TCG_OPF_INT)
DEF(ld16u,        1, 1, 1, TCG_OPF_INT)
DEF(ld16s,        1, 1, 1, TCG_OPF_INT)
DEF(ld32u,        1, 1, 1, TCG_OPF_INT)
DEF(ld32s,        1, 1, 1, TCG_OPF_INT)
DEF(ld,           1, 1, 1, TCG_OPF_INT)          /* full width of op->type */
DEF(st8,          0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS)
DEF(st16,         0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS)
DEF(st32,         0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS)
DEF(st,           0, 2, 1, TCG_OPF_INT | TCG_OPF_SIDE_EFFECTS)

/* Arithmetic. */
DEF(add,          1, 2, 0, TCG_OPF_INT)
DEF(sub,          1, 2, 0, TCG_OPF_INT)
DEF(mul,          1, 2, 0, TCG_OPF_INT)
DEF(neg,          1, 1, 0, TCG_OPF_INT)
DEF(div,          1, 2, 0, TCG_OPF_INT)          /* x/0 = 0, MIN/-1 = MIN */
DEF(divu,         1, 2, 0, TCG_OPF_INT)          /* x/0 = 0 */
DEF(rem,          1, 2, 0, TCG_OPF_INT)          /* x%0 = x, MIN%-1 = 0 */
DEF(remu,         1, 2, 0, TCG_OPF_INT)          /* x%0 = x */

/* Logic. */
DEF(and,          1, 2, 0, TCG_OPF_INT)
DEF(or,           1, 2, 0, TCG_OPF_INT)
DEF(xor,          1, 2, 0, TCG_OPF_INT)
DEF(andc,         1, 2, 0, TCG_OPF_INT)          /* a & ~b */
DEF(orc,          1, 2, 0, TCG_OPF_INT)          /* a | ~b */
DEF(not,          1, 1, 0, TCG_OPF_INT)

/* Shifts and rotates: the count is taken modulo the width. */
DEF(shl,          1, 2, 0, TCG_OPF_INT)
DEF(shr,          1, 2, 0, TCG_OPF_INT)
DEF(sar,          1, 2, 0, TCG_OPF_INT)
DEF(rotl,         1, 2, 0, TCG_OPF_INT)
DEF(rotr,         1, 2, 0, TCG_OPF_INT)

/* Extensions within one width. ext32s/ext32u exist only for i64. */
DEF(ext8s,        1, 1, 0, TCG_OPF_INT)
DEF(ext8u,        1, 1, 0, TCG_OPF_INT)
DEF(ext16s,       1, 1, 0, TCG_OPF_INT)
DEF(ext16u,       1, 1, 0, TCG_OPF_INT)
DEF(ext32s,       1, 1, 0, TCG_OPF_INT)
DEF(ext32u,       1, 1, 0, TCG_OPF_INT)
/* Width changes: op->type is the type of the output. */
DEF(ext_i32_i64,  1, 1, 0, TCG_OPF_INT)          /* i64 out = (int32_t)in */
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_INT)          /* i64 out = (uint32_t)in */
DEF(extrl_i64_i32,1, 1, 0, TCG_OPF_INT)          /* i32 out = low half */
DEF(extrh_i64_i32,1, 1, 0, TCG_OPF_INT)          /* i32 out = high half */

/* Bit fields: pos, len are constants; 0 < len, pos + len <= width. */
DEF(deposit,      1, 2, 2, TCG_OPF_INT)          /* out = a with b[len-1:0] at pos */
DEF(extract,      1, 1, 2, TCG_OPF_INT)          /* out = zext(a[pos+len-1:pos]) */
DEF(sextract,     1, 1, 2, TCG_OPF_INT)          /* out = sext(a[pos+len-1:pos]) */
DEF(extract2,     1, 2, 1, TCG_OPF_INT)          /* out = (b:a) >> pos, 0 <= pos < width */

/* Byte swaps: results are zero-extended to the op width. */
DEF(bswap16,      1, 1, 0, TCG_OPF_INT)
DEF(bswap32,      1, 1, 0, TCG_OPF_INT)
DEF(bswap64,      1, 1, 0, TCG_OPF_INT)          /* i64 only */

/* Bit counts: clz/ctz return b when a == 0. */
DEF(clz,          1, 2, 0, TCG_OPF_INT)
DEF(ctz,          1, 2, 0, TCG_OPF_INT)
DEF(ctpop,        1, 1, 0, TCG_OPF_INT)

/* Double-word arithmetic. */
DEF(add2,         2, 4, 0, TCG_OPF_INT)          /* (oh:ol) = (ah:al) + (bh:bl) */
DEF(sub2,         2, 4, 0, TCG_OPF_INT)
DEF(mulu2,        2, 2, 0, TCG_OPF_INT)          /* (oh:ol) = a * b unsigned */
DEF(muls2,        2, 2, 0, TCG_OPF_INT)

/* Guest memory: out/val, addr (always i64), MemOpIdx. May raise. */
DEF(qemu_ld,      1, 1, 1, TCG_OPF_INT | TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)
DEF(qemu_st,      0, 2, 1, TCG_OPF_INT | TCG_OPF_CALL_CLOBBER | TCG_OPF_SIDE_EFFECTS)

/*
 * Vector ops (docs/tcg-ir.md, "Vector ops"): memory to memory.  The one
 * temp argument is the base (env); the constants are the byte offsets of
 * 16-byte slots from it (d first, then the sources) and a vdesc
 * (tcg/tcg-vec.h: element size, 8 or 16 bytes, an immediate).  The slots
 * never alias a global.  A backend implements the (op, vdesc) pairs its
 * vec_supported hook accepts; front ends ask tcg_vec_supported() first.
 */
DEF(vec_not,      0, 1, 3, TCG_OPF_VEC)          /* d = ~a */
DEF(vec_neg,      0, 1, 3, TCG_OPF_VEC)          /* d = -a */
DEF(vec_abs,      0, 1, 3, TCG_OPF_VEC)          /* d = |a| (MIN stays MIN) */
DEF(vec_cnt,      0, 1, 3, TCG_OPF_VEC)          /* bytes: d = popcount(a) */
DEF(vec_shli,     0, 1, 3, TCG_OPF_VEC)          /* d = a << imm, imm < bits */
DEF(vec_shri,     0, 1, 3, TCG_OPF_VEC)          /* d = a >> imm, unsigned */
DEF(vec_sari,     0, 1, 3, TCG_OPF_VEC)          /* d = a >> imm, signed */
DEF(vec_rev,      0, 1, 3, TCG_OPF_VEC)          /* reverse elements in 2^imm-byte groups */
DEF(vec_shrn,     0, 1, 3, TCG_OPF_VEC)          /* narrow (a >> imm) into a half of d */
DEF(vec_and,      0, 1, 4, TCG_OPF_VEC)
DEF(vec_or,       0, 1, 4, TCG_OPF_VEC)
DEF(vec_xor,      0, 1, 4, TCG_OPF_VEC)
DEF(vec_andc,     0, 1, 4, TCG_OPF_VEC)          /* a & ~b */
DEF(vec_orc,      0, 1, 4, TCG_OPF_VEC)          /* a | ~b */
DEF(vec_add,      0, 1, 4, TCG_OPF_VEC)
DEF(vec_sub,      0, 1, 4, TCG_OPF_VEC)
DEF(vec_mul,      0, 1, 4, TCG_OPF_VEC)          /* low half of each product */
DEF(vec_smin,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_smax,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_umin,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_umax,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_cmp,      0, 1, 4, TCG_OPF_VEC)          /* imm = TCGCond: all ones or 0 */
DEF(vec_addp,     0, 1, 4, TCG_OPF_VEC)          /* pairwise over a:b */
DEF(vec_smaxp,    0, 1, 4, TCG_OPF_VEC)
DEF(vec_sminp,    0, 1, 4, TCG_OPF_VEC)
DEF(vec_umaxp,    0, 1, 4, TCG_OPF_VEC)
DEF(vec_uminp,    0, 1, 4, TCG_OPF_VEC)
DEF(vec_zip1,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_zip2,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_uzp1,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_uzp2,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_trn1,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_trn2,     0, 1, 4, TCG_OPF_VEC)
DEF(vec_ext,      0, 1, 4, TCG_OPF_VEC)          /* bytes imm.. of a:b */
DEF(vec_tbl,      0, 1, 4, TCG_OPF_VEC)          /* d[i] = b[i] < 16 ? a[b[i]] : 0 */
DEF(vec_tbx,      0, 1, 4, TCG_OPF_VEC)          /* ... : d[i] */
DEF(vec_bitsel,   0, 1, 5, TCG_OPF_VEC)          /* d = (b & a) | (c & ~a) */

/* Leaving the block. */
DEF(goto_tb,      0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)   /* slot 0/1 */
DEF(exit_tb,      0, 0, 1, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)   /* return value */
DEF(goto_ptr,     0, 1, 0, TCG_OPF_BB_EXIT | TCG_OPF_BB_END)   /* host code ptr */

#undef DEF
