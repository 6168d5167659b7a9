/*
 * Vector ops of the IR (the vec_* entries of tcg-opc.h): their
 * descriptor, the front-end API and the C reference implementation.
 *
 * A vector op works on 16-byte slots of host memory at fixed offsets from
 * a base, which is always env: guest vector registers are fields of the
 * CPU state, and an op reads its sources there and writes its result
 * there.  Nothing is kept in host vector registers between ops, so the
 * register allocator, liveness and the optimizer need no vector types;
 * a backend loads, computes and stores within one op (on x86-64: a few
 * SSE instructions).  docs/tcg-ir.md has the semantics of every op.
 *
 * The vdesc constant:
 *   bits 0..1   vece: element size, 1 << vece bytes (0 = 8 bits .. 3 = 64)
 *   bit 2       q: the op works on 16 bytes (1) or on the low 8 (0)
 *   bits 8..15  imm: shift count, TCGCond, byte index, group size
 * An op writes all 16 bytes of d: its result in the first 8 or 16, zeros
 * after.  The one exception is vec_shrn with q = 1 (AArch64's SHRN2),
 * which writes the high 8 bytes and keeps the low 8.
 */
#ifndef TCG_TCG_VEC_H
#define TCG_TCG_VEC_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/tcg.h"

#define TCG_VEC_BYTES 16        /* size of a slot */

static inline uint32_t tcg_vdesc(unsigned vece, bool q, unsigned imm)
{
    return (vece & 3) | (q ? 4u : 0) | (imm & 0xff) << 8;
}

static inline unsigned vdesc_vece(uint32_t vdesc) { return vdesc & 3; }
static inline bool vdesc_q(uint32_t vdesc) { return (vdesc & 4) != 0; }
static inline unsigned vdesc_oprsz(uint32_t vdesc) { return vdesc & 4 ? 16 : 8; }
static inline unsigned vdesc_imm(uint32_t vdesc) { return (vdesc >> 8) & 0xff; }

/* Number of slot offsets (d and sources) of a vector op. */
static inline int tcg_vec_nb_slots(TCGOpcode opc)
{
    return tcg_op_defs[opc].nb_cargs - 1;
}

/*
 * Is (opc, vdesc) a well-formed vector op?  Element sizes, immediates
 * and conditions each op allows (docs/tcg-ir.md).  The emitters below
 * assert it; the tests use it to enumerate ops.
 */
bool tcg_vec_valid(TCGOpcode opc, uint32_t vdesc);

/*
 * Front end: can the current context's backend emit this op?  If not,
 * the front end does the operation another way (AArch64: its helper).
 */
bool tcg_vec_supported(TCGOpcode opc, uint32_t vdesc);

/* Emit a vector op on slots at env + offset. */
void tcg_gen_vec2(TCGOpcode opc, uint32_t vdesc, intptr_t d, intptr_t a);
void tcg_gen_vec3(TCGOpcode opc, uint32_t vdesc, intptr_t d, intptr_t a,
                  intptr_t b);
void tcg_gen_vec4(TCGOpcode opc, uint32_t vdesc, intptr_t d, intptr_t a,
                  intptr_t b, intptr_t c);

/*
 * The reference implementation, in C: run vector op opc on the slots at
 * base + ofs[i] (ofs[0] = d).  The interpreter backend executes vector
 * ops with it.
 */
void tcg_vec_eval(TCGOpcode opc, uint32_t vdesc, void *base,
                  const intptr_t *ofs);

#endif
