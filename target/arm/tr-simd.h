/*
 * AdvSIMD forms done with IR vector ops (tr-simd-vec.c), called by the
 * decoder in tr-simd-fp.c after it has checked the encoding.  Each
 * returns false when it does not handle the form (or the backend cannot
 * emit it); the caller then calls its helper.
 */
#ifndef TARGET_ARM_TR_SIMD_H
#define TARGET_ARM_TR_SIMD_H

#include <stdbool.h>

/* AND/BIC/ORR/ORN (u = 0, size = op), EOR/BSL/BIT/BIF (u = 1). */
bool simd_vec_logic(int size, bool u, bool q, int rd, int rn, int rm);
/* Three same, integer (opcode = bits 15:11); scalar: 64-bit elements. */
bool simd_vec_3same(int opcode, bool u, int size, bool q, bool scalar,
                    int rd, int rn, int rm);
/* Two-register misc (op = opcode | U << 5). */
bool simd_vec_2misc(int op, int size, bool q, bool scalar, int rd, int rn);
/* Shift by immediate (op = opcode | U << 5, immhb = immh:immb). */
bool simd_vec_shift_imm(int op, int immhb, bool q, bool scalar, int rd,
                        int rn);
/* ZIP/UZP/TRN (opcode = bits 14:12), EXT, TBL/TBX of one register. */
bool simd_vec_permute(int opcode, int size, bool q, int rd, int rn, int rm);
bool simd_vec_ext(int imm4, bool q, int rd, int rn, int rm);
bool simd_vec_tbl(bool tbx, bool q, int rd, int rn, int rm);

#endif
