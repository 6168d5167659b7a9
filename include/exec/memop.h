/*
 * MemOp: how a guest memory access is performed (size, sign, byte order,
 * alignment requirement).  MemOpIdx adds the MMU index.
 */
#ifndef EXEC_MEMOP_H
#define EXEC_MEMOP_H

#include <stdint.h>

typedef enum MemOp {
    MO_8     = 0,
    MO_16    = 1,
    MO_32    = 2,
    MO_64    = 3,
    MO_SIZE  = 3,       /* log2 of the access size in bytes */

    MO_SIGN  = 4,       /* sign-extend the loaded value */

    MO_BSWAP = 8,       /* byte order opposite to the host's */
    MO_LE    = 0,       /* hosts are little-endian (configure checks) */
    MO_BE    = MO_BSWAP,

    /*
     * Alignment requirement: 0 = none, 1..6 = 2^n bytes,
     * MO_ALIGN (7) = the access size.  A misaligned access raises
     * the target's alignment fault through the slow path.
     */
    MO_ASHIFT = 4,
    MO_AMASK  = 7 << MO_ASHIFT,
    MO_UNALN  = 0,
    MO_ALIGN_2  = 1 << MO_ASHIFT,
    MO_ALIGN_4  = 2 << MO_ASHIFT,
    MO_ALIGN_8  = 3 << MO_ASHIFT,
    MO_ALIGN_16 = 4 << MO_ASHIFT,
    MO_ALIGN_32 = 5 << MO_ASHIFT,
    MO_ALIGN_64 = 6 << MO_ASHIFT,
    MO_ALIGN    = MO_AMASK,

    /*
     * MO_FOLLOW: this access ends at most MO_FOLLOW_SPAN bytes above the
     * address of an access made just before it by the same guest
     * instruction, with no branch between (the second register of
     * LDP/STP, the high half of a Q register).  That first access was
     * checked, so in user mode this one may skip the address check when
     * the host reservation is followed by a PROT_NONE guard of at least
     * MO_FOLLOW_SPAN bytes (TCGContext.guest_guard): at worst it lands in
     * the guard and faults there, like an access to an unmapped page.
     * Nothing else treats it differently.
     */
    MO_FOLLOW   = 1 << 7,

    MO_UB   = MO_8,
    MO_UW   = MO_16,
    MO_UL   = MO_32,
    MO_UQ   = MO_64,
    MO_SB   = MO_SIGN | MO_8,
    MO_SW   = MO_SIGN | MO_16,
    MO_SL   = MO_SIGN | MO_32,
    MO_LEUW = MO_LE | MO_UW,
    MO_LEUL = MO_LE | MO_UL,
    MO_LEUQ = MO_LE | MO_UQ,
    MO_BEUW = MO_BE | MO_UW,
    MO_BEUL = MO_BE | MO_UL,
    MO_BEUQ = MO_BE | MO_UQ,
} MemOp;

/* How far above the checked access a MO_FOLLOW access may end. */
#define MO_FOLLOW_SPAN 64

static inline unsigned memop_size(MemOp op)
{
    return 1u << (op & MO_SIZE);
}

/* Required alignment in bytes (1 = none). */
static inline unsigned memop_alignment(MemOp op)
{
    unsigned a = (op & MO_AMASK) >> MO_ASHIFT;
    if (a == MO_ALIGN >> MO_ASHIFT) {
        return memop_size(op);
    }
    return 1u << a;
}

/* MemOpIdx: the memop in bits 4.., the MMU index in bits 0..3. */
typedef uint32_t MemOpIdx;
#define MMU_IDX_BITS 4
#define NB_MMU_MODES (1 << MMU_IDX_BITS)

static inline MemOpIdx make_memop_idx(MemOp op, unsigned mmu_idx)
{
    return ((MemOpIdx)op << MMU_IDX_BITS) | (mmu_idx & (NB_MMU_MODES - 1));
}

static inline MemOp get_memop(MemOpIdx oi)
{
    return (MemOp)(oi >> MMU_IDX_BITS);
}

static inline unsigned get_mmuidx(MemOpIdx oi)
{
    return oi & (NB_MMU_MODES - 1);
}

#endif
