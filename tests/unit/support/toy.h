/*
 * "toy": a made-up 32-bit guest for the accel/tcg tests (and demos).
 *
 * 16 64-bit registers r0..r15 (r0 is an ordinary register), a PC, 4-byte
 * little-endian instructions, 4 KiB pages.  Encoding:
 *
 *   31      24 23  20 19  16 15                0
 *   [  op     |  rd  |  rs  |       imm16       ]
 *
 *   HALT                 raise TOY_EXCP_HALT (pc = this insn)
 *   ADDI  rd, rs, imm    rd = rs + sext(imm16)
 *   ADD   rd, rs, rt     rd = rs + rt            (rt = imm16 & 15)
 *   BNE   rd, rs, off    if rd != rs: pc += 4 + 4 * sext(off) (goto_tb 1)
 *                        else pc += 4                        (goto_tb 0)
 *   JR    rs             pc = rs                 (lookup_and_goto_ptr)
 *   LD    rd, [rs + o8]  rd = load(mop)          (imm16 = mop << 8 | o8)
 *   ST    rd, [rs + o8]  store(mop) rd
 *   RAISE imm            helper: exception TOY_EXCP_TRAP, trap_code = imm,
 *                        state restored to this insn from the search table
 *   KICK                 helper: cpu_exit() on itself (check word)
 *   COUNT                helper: helper_calls++
 *   LUI   rd, imm        rd = imm16 << 16
 *
 * Memory: RAM at guest physical 0 .. ram_size, identity-mapped; in soft-MMU
 * mode one MMIO page at TOY_MMIO_BASE (toy->mmio_ops) and faults
 * (TOY_EXCP_PAGEFAULT) elsewhere; misaligned MO_ALIGN accesses raise
 * TOY_EXCP_ALIGN.  In user mode guest_base = ram.
 */
#ifndef TESTS_TOY_H
#define TESTS_TOY_H

#include <stdint.h>

#include "accel/tcg.h"
#include "exec/cputlb.h"
#include "exec/exec-all.h"

enum {
    TOY_HALT  = 0x00,
    TOY_ADDI  = 0x01,
    TOY_ADD   = 0x02,
    TOY_BNE   = 0x03,
    TOY_JR    = 0x04,
    TOY_LD    = 0x05,
    TOY_ST    = 0x06,
    TOY_RAISE = 0x07,
    TOY_KICK  = 0x08,
    TOY_COUNT = 0x09,
    TOY_LUI   = 0x0a,
};

enum {
    TOY_EXCP_HALT = 1,
    TOY_EXCP_TRAP = 2,
    TOY_EXCP_PAGEFAULT = 3,
    TOY_EXCP_ALIGN = 4,
    TOY_EXCP_ILLEGAL = 5,
};

#define TOY_PAGE_BITS 12
#define TOY_PAGE_SIZE (1u << TOY_PAGE_BITS)
#define TOY_MMIO_BASE 0x100000u

typedef struct CPUToyState {
    uint64_t regs[16];
    uint64_t pc;
    uint64_t trap_code;
    uint64_t fault_addr;
    uint64_t last_insn;       /* data[1] of the restored insn */
    uint64_t helper_calls;
    uint32_t flags;           /* part of the block key */
} CPUToyState;

typedef struct ToyCPU {
    CPUState parent;
    CPUNegativeOffsetState neg;
    CPUToyState env;
    uint8_t *ram;
    size_t ram_size;
    const TLBMMIOOps *mmio_ops;
    void *mmio_opaque;
    unsigned tlb_fills;       /* calls of the tlb_fill hook */
} ToyCPU;

extern const TCGCPUOps toy_tcg_ops;

/* Create and realize a toy CPU on RAM (the accelerator is initialized). */
ToyCPU *toy_cpu_new(uint8_t *ram, size_t ram_size);
void toy_cpu_free(ToyCPU *toy);
/* Copy instructions to guest RAM at addr (invalidating stale blocks). */
void toy_load(ToyCPU *toy, uint64_t addr, const uint32_t *insns, unsigned n);

/*
 * Test fixture: allocate ram_size bytes of guest RAM, initialize the
 * accelerator with cfg on the named backend ("jit", "interp"; guest_base
 * is set to the RAM in user mode) and create a toy CPU.  Returns NULL
 * after g_test_skip() when the backend is not built for this host.
 */
ToyCPU *toy_setup(const char *backend, TCGAccelConfig cfg, size_t ram_size);
/* Undo toy_setup: CPU, accelerator, RAM. */
void toy_teardown(ToyCPU *toy);
/* Set pc and run until cpu_exec returns; returns its result. */
int toy_run(ToyCPU *toy, uint64_t pc);

static inline CPUState *toy_cs(ToyCPU *t) { return &t->parent; }

/* Assembler (constant expressions, usable in static initializers). */
#define toy_insn(op, rd, rs, imm) \
    ((uint32_t)((op) & 0xff) << 24 | (uint32_t)((rd) & 15) << 20 | \
     (uint32_t)((rs) & 15) << 16 | ((uint32_t)(imm) & 0xffff))
#define T_HALT()            toy_insn(TOY_HALT, 0, 0, 0)
#define T_ADDI(d, s, i)     toy_insn(TOY_ADDI, d, s, (uint32_t)(i))
#define T_ADD(d, s, t)      toy_insn(TOY_ADD, d, s, t)
#define T_BNE(d, s, off)    toy_insn(TOY_BNE, d, s, (uint32_t)(off))
#define T_JR(s)             toy_insn(TOY_JR, 0, s, 0)
#define T_LD(d, s, o, mop)  toy_insn(TOY_LD, d, s, ((mop) & 0xff) << 8 | ((o) & 0xff))
#define T_ST(d, s, o, mop)  toy_insn(TOY_ST, d, s, ((mop) & 0xff) << 8 | ((o) & 0xff))
#define T_RAISE(i)          toy_insn(TOY_RAISE, 0, 0, i)
#define T_KICK()            toy_insn(TOY_KICK, 0, 0, 0)
#define T_COUNT()           toy_insn(TOY_COUNT, 0, 0, 0)
#define T_LUI(d, i)         toy_insn(TOY_LUI, d, 0, i)

#endif
