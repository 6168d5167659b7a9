/*
 * tern's tiny code generator: the intermediate representation (IR), the
 * translation context and the interface every host backend implements.
 *
 * Life of a block's code (docs/tcg.md tells it in prose):
 *   front end emits ops (tcg_gen_*)  ->  optimizer (tcg/optimize.c)
 *   -> liveness (tcg/liveness.c)     ->  register allocation and emission
 *      (tcg/regalloc.c) calling the backend's tcg_out_* hooks
 *   -> backend finalize (slow paths), relocations resolved.
 *
 * Guest-neutral: nothing here knows about any guest architecture.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "exec/memop.h"

/* ------------------------------------------------------------------ */
/* Basic types                                                         */

typedef uint64_t TCGArg;
typedef uint64_t TCGRegSet;     /* one bit per host register, <= 64 regs */
typedef int TCGReg;

typedef enum TCGType {
    TCG_TYPE_I32,
    TCG_TYPE_I64,
    TCG_TYPE_V64,               /* room for AdvSIMD; no ops use them yet */
    TCG_TYPE_V128,
    TCG_TYPE_COUNT,
    TCG_TYPE_PTR = TCG_TYPE_I64, /* hosts are 64-bit */
} TCGType;

static inline unsigned tcg_type_bits(TCGType t)
{
    return t == TCG_TYPE_I32 ? 32 : t == TCG_TYPE_V128 ? 128 : 64;
}

/*
 * Conditions.  The low bit inverts (x ^ 1 is the inverse condition);
 * bit 1 set means "signed" for ordered compares.
 */
typedef enum TCGCond {
    TCG_COND_NEVER  = 0,
    TCG_COND_ALWAYS = 1,
    TCG_COND_EQ     = 8,
    TCG_COND_NE     = 9,
    TCG_COND_LT     = 2,
    TCG_COND_GE     = 3,
    TCG_COND_LE     = 4,
    TCG_COND_GT     = 5,
    TCG_COND_LTU    = 10,
    TCG_COND_GEU    = 11,
    TCG_COND_LEU    = 12,
    TCG_COND_GTU    = 13,
} TCGCond;

static inline TCGCond tcg_invert_cond(TCGCond c)
{
    return (TCGCond)(c ^ 1);
}

/* The condition that holds for (b, a) when c holds for (a, b). */
static inline TCGCond tcg_swap_cond(TCGCond c)
{
    switch (c) {
    case TCG_COND_LT:  return TCG_COND_GT;
    case TCG_COND_GT:  return TCG_COND_LT;
    case TCG_COND_LE:  return TCG_COND_GE;
    case TCG_COND_GE:  return TCG_COND_LE;
    case TCG_COND_LTU: return TCG_COND_GTU;
    case TCG_COND_GTU: return TCG_COND_LTU;
    case TCG_COND_LEU: return TCG_COND_GEU;
    case TCG_COND_GEU: return TCG_COND_LEU;
    default:           return c;
    }
}

static inline bool tcg_cond_is_unsigned(TCGCond c)
{
    return c >= TCG_COND_LTU;
}

/* "eq", "ltu", ... for dumps and disassembly. */
const char *tcg_cond_name(TCGCond c);

/* Evaluate a condition on two values of the given width. */
bool tcg_cond_eval(TCGCond c, TCGType type, uint64_t a, uint64_t b);

/* Memory barrier kinds for the mb op (what must be ordered). */
enum {
    TCG_MO_LD_LD = 0x01,
    TCG_MO_ST_LD = 0x02,
    TCG_MO_LD_ST = 0x04,
    TCG_MO_ST_ST = 0x08,
    TCG_MO_ALL   = 0x0f,
    TCG_BAR_SC   = 0x10,        /* sequentially consistent */
};

/* Opcodes. */
#define TCG_INSN_START_WORDS 2  /* guest PC + one target-defined word */

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "tcg/tcg-opc.h"
    NB_OPS,
} TCGOpcode;

enum {
    TCG_OPF_BB_EXIT      = 0x01,  /* leaves the block: globals to memory */
    TCG_OPF_BB_END       = 0x02,  /* ends a basic block */
    TCG_OPF_CALL_CLOBBER = 0x04,  /* clobbers call-clobbered registers */
    TCG_OPF_SIDE_EFFECTS = 0x08,  /* never removed; globals synced first */
    TCG_OPF_NOT_PRESENT  = 0x10,  /* handled by the allocator, not out_op */
    TCG_OPF_COND_BRANCH  = 0x20,
    TCG_OPF_INT          = 0x40,  /* typed i32/i64 integer op */
    TCG_OPF_VEC          = 0x80,  /* vector op on memory slots (tcg-vec.h) */
};

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs, nb_args;
    uint8_t flags;
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

#define TCG_MAX_OP_ARGS 12
#define TCG_MAX_CALL_IARGS 7
#define TCG_MAX_INSNS 512         /* guest instructions per block */

/* ------------------------------------------------------------------ */
/* Temporaries                                                         */

typedef enum TCGTempKind {
    TEMP_EBB,       /* dies at the end of its extended basic block (a label) */
    TEMP_TB,        /* lives across labels within the block */
    TEMP_GLOBAL,    /* backed by memory at mem_base + mem_offset */
    TEMP_FIXED,     /* pinned to one host register (env) */
    TEMP_CONST,     /* an interned constant, see tcg_constant_* */
} TCGTempKind;

typedef enum TCGTempVal {
    TEMP_VAL_DEAD,
    TEMP_VAL_REG,
    TEMP_VAL_MEM,
    TEMP_VAL_CONST,
} TCGTempVal;

typedef struct TCGTemp {
    TCGType type;
    TCGTempKind kind;
    const char *name;              /* globals only */

    /* where the value lives in memory */
    struct TCGTemp *mem_base;      /* env for globals, frame for others */
    intptr_t mem_offset;
    bool mem_allocated;

    /* register allocator state */
    TCGTempVal val_type;
    TCGReg reg;
    bool mem_coherent;
    int64_t val;                   /* TEMP_CONST / TEMP_VAL_CONST value */

    /* liveness scratch */
    uint8_t state;
    TCGRegSet pref;

    bool allocated;                /* in use (not on a free list) */
    void *state_ptr;               /* optimizer scratch */
} TCGTemp;

/* Typed handles the front end uses; .t is the index into s->temps. */
typedef struct { int t; } TCGv_i32;
typedef struct { int t; } TCGv_i64;
typedef TCGv_i64 TCGv_ptr;

/* ------------------------------------------------------------------ */
/* Labels and relocations                                              */

typedef struct TCGRelocation {
    struct TCGRelocation *next;
    void *code_ptr;                /* rw address of the field to patch */
    int type;                      /* backend-defined */
    intptr_t addend;
} TCGRelocation;

typedef struct TCGLabel {
    int id;
    bool has_value;
    bool present;                  /* a set_label op exists */
    bool refs;                     /* some branch targets it */
    uintptr_t value;               /* rx address once bound */
    TCGRelocation *relocs;
} TCGLabel;

/* ------------------------------------------------------------------ */
/* Ops                                                                 */

/* Op life bits, computed by liveness. */
#define SYNC_ARG(n)   (1u << (n))          /* output n: store to memory */
#define DEAD_ARG(n)   (1u << ((n) + 2))    /* arg n: dead after this op */
#define IS_DEAD_ARG(life, n) (((life) & DEAD_ARG(n)) != 0)
#define NEED_SYNC_ARG(life, n) (((life) & SYNC_ARG(n)) != 0)

typedef struct TCGOp {
    TCGOpcode opc;
    TCGType type;                  /* width of an integer op */
    uint8_t nargs;
    uint8_t call_oargs, call_iargs;
    uint32_t life;
    struct TCGOp *prev, *next;
    TCGArg args[TCG_MAX_OP_ARGS];
    TCGRegSet output_pref[2];
} TCGOp;

#define TCGOP_CALLO(op) ((op)->call_oargs)
#define TCGOP_CALLI(op) ((op)->call_iargs)

/* ------------------------------------------------------------------ */
/* Helpers (C functions called from generated code)                    */

enum {
    TCG_CALL_NO_READ_GLOBALS  = 0x1,   /* does not read env globals */
    TCG_CALL_NO_WRITE_GLOBALS = 0x2,   /* does not write env globals */
    TCG_CALL_NO_SIDE_EFFECTS  = 0x4,   /* pure: removable if unused */
    TCG_CALL_NO_RWG = TCG_CALL_NO_READ_GLOBALS | TCG_CALL_NO_WRITE_GLOBALS,
    TCG_CALL_NO_WG_SE = TCG_CALL_NO_WRITE_GLOBALS | TCG_CALL_NO_SIDE_EFFECTS,
    TCG_CALL_NO_RWG_SE = TCG_CALL_NO_RWG | TCG_CALL_NO_SIDE_EFFECTS,
};

/* Per-slot type codes in TCGHelperInfo.typemask, 3 bits each. */
enum {
    dh_typecode_void = 0,
    dh_typecode_i32  = 2,
    dh_typecode_s32  = 3,
    dh_typecode_i64  = 4,
    dh_typecode_s64  = 5,
    dh_typecode_ptr  = 6,
};
#define dh_typecode_env dh_typecode_ptr

typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    unsigned typemask;       /* slot 0: return; slot n: argument n-1 */
    unsigned nb_args;
    void *cif;               /* ffi_cif *, built on first use */
    struct TCGHelperInfo *next;
} TCGHelperInfo;

static inline unsigned tcg_helper_typecode(const TCGHelperInfo *info, int slot)
{
    return (info->typemask >> (3 * slot)) & 7;
}

/* Build (once) the libffi description of a helper. Thread-safe. */
void *tcg_helper_ffi_cif(TCGHelperInfo *info);



/* ------------------------------------------------------------------ */
/* Backend interface                                                   */

/* Register constraints of one op argument. */
typedef struct TCGArgConstraint {
    TCGRegSet regs;          /* allowed registers (0 = must be constant) */
    int8_t alias;            /* output: index of the input it must share */
    bool newreg;             /* output must not overlap any input */
    uint16_t ct;             /* backend bits: which constants are accepted */
} TCGArgConstraint;

typedef struct TCGBackend TCGBackend;
typedef struct TCGContext TCGContext;

struct TCGBackend {
    const char *name;                 /* "x86_64", "interp" */
    int nb_regs;
    const char *const *reg_names;
    const TCGReg *alloc_order;
    int alloc_order_len;
    TCGRegSet reserved_regs;
    TCGRegSet call_clobber_regs;
    const TCGReg *call_iarg_regs;     /* TCG_MAX_CALL_IARGS of them */
    TCGReg call_oarg_reg;             /* return value */
    TCGReg env_reg;                   /* holds the CPU state pointer */
    TCGReg frame_reg;                 /* spill slots are frame_reg + off */
    intptr_t frame_start, frame_size;

    /*
     * Fill args_ct[0 .. nb_oargs + nb_iargs) for an op (outputs first,
     * then inputs).  Returns the registers the op clobbers as scratch:
     * the allocator frees them (saving live values) after placing the
     * inputs and before allocating the outputs, so an input may sit in a
     * clobbered register only if the backend reads it before clobbering.
     * Ops flagged TCG_OPF_CALL_CLOBBER clobber call_clobber_regs as well.
     */
    TCGRegSet (*op_constraints)(const TCGOp *op, TCGArgConstraint *args_ct);
    /* May the constant val be passed for a constraint with bits ct? */
    bool (*const_match)(int64_t val, TCGType type, unsigned ct);

    /* Code emission. */
    void (*out_prologue)(TCGContext *s);
    void (*out_mov)(TCGContext *s, TCGType type, TCGReg ret, TCGReg arg);
    void (*out_movi)(TCGContext *s, TCGType type, TCGReg ret, int64_t val);
    void (*out_ld)(TCGContext *s, TCGType type, TCGReg ret, TCGReg base,
                   intptr_t ofs);
    void (*out_st)(TCGContext *s, TCGType type, TCGReg arg, TCGReg base,
                   intptr_t ofs);
    /*
     * Emit one op.  args[] are registers for temp args (or constant values
     * where const_args[i] is true), then the op's constant args verbatim.
     */
    void (*out_op)(TCGContext *s, const TCGOp *op, const TCGArg *args,
                   const int *const_args);
    /* Call a helper; arguments already in call_iarg_regs. */
    void (*out_call)(TCGContext *s, const TCGHelperInfo *info);
    /* Bind a relocation to its final value. */
    bool (*patch_reloc)(void *code_ptr_rw, int type, uintptr_t value,
                        intptr_t addend);
    /* Emit out-of-line slow paths; false if the buffer overflowed. */
    bool (*tb_finalize)(TCGContext *s);

    /* Run code: returns the exit_tb value (see TB_EXIT_* in exec/tb.h). */
    uintptr_t (*tb_exec)(TCGContext *s, void *env, const void *code_rx);
    /* Point goto_tb slot at jmp_rx (rw view jmp_rw) to code at addr. */
    void (*set_jmp_target)(uintptr_t jmp_rx, uintptr_t jmp_rw,
                           uintptr_t addr);
    /* Disassemble generated code for -d out_asm. */
    void (*disas)(FILE *f, const void *code_rx, size_t size);
    /* Can out_op emit vector op opc with this vdesc (tcg/tcg-vec.h)? */
    bool (*vec_supported)(TCGOpcode opc, uint32_t vdesc);
};

extern const TCGBackend tcg_backend_x86_64;
extern const TCGBackend tcg_backend_interp;

/* How guest memory is reached by qemu_ld/qemu_st. */
typedef enum TCGMemMode {
    TCG_MEM_USER,       /* host = guest_base + addr */
    TCG_MEM_SOFTMMU,    /* inline TLB lookup, helpers on a miss */
} TCGMemMode;

/* Parameters of the soft-MMU fast path (system mode). */
typedef struct TCGSoftmmuParams {
    int page_bits;              /* guest page size, log2 */
    /*
     * Offset from env of CPUTLBDescFast[NB_MMU_MODES] (mask, table),
     * see exec/tlb-common.h; normally negative (the TLB sits before env).
     */
    intptr_t tlb_fast_ofs;
} TCGSoftmmuParams;

/* ------------------------------------------------------------------ */
/* The translation context                                             */

#define TCG_MAX_TEMPS 1024
#define TCG_MAX_LABELS 512
#define TCG_MAX_OPS 16384
#define TCG_HIGHWATER 4096          /* bytes kept free at the buffer end */
#define TCG_CONST_HASH 512          /* interned constants per block (x2) */
#define TCG_MAX_RELOCS 4096

struct TCGContext {
    const TCGBackend *be;
    void *be_data;                  /* backend private state */

    /* IR */
    int nb_globals, nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];
    TCGOp *ops;                     /* pool, TCG_MAX_OPS entries */
    int nb_ops;
    TCGOp *first_op, *last_op;
    TCGLabel labels[TCG_MAX_LABELS];
    int nb_labels;
    TCGTemp *env_temp, *frame_temp;
    bool ops_overflow;              /* too many ops/temps/labels */
    uint16_t const_hash[TCG_CONST_HASH];  /* temp index + 1 */
    int nb_consts;
    int free_temps[2][TCG_TYPE_COUNT];    /* [is TB temp][type]: idx + 1 */
    TCGRelocation relocs[TCG_MAX_RELOCS];
    int nb_relocs;

    /* Options. */
    bool optimize;                  /* run tcg/optimize.c */
    TCGMemMode mem_mode;
    uintptr_t guest_base;           /* user mode */
    unsigned guest_addr_bits;       /* user mode: addresses >= 1 << bits go
                                       to ld_slow/st_slow (0: unchecked) */
    intptr_t guest_limit_ofs;       /* env offset of 1 << guest_addr_bits
                                       (CPUNegativeOffsetState.guest_limit) */
    unsigned guest_guard;           /* PROT_NONE bytes after the limit */
    TCGSoftmmuParams softmmu;
    /* Helpers used by the soft-MMU slow path (accel/tcg provides them). */
    uint64_t (*ld_slow)(void *env, uint64_t addr, MemOpIdx oi,
                        uintptr_t retaddr);
    void (*st_slow)(void *env, uint64_t addr, uint64_t val, MemOpIdx oi,
                    uintptr_t retaddr);

    /* Code buffer: rw view for writing, rx view (same when no W^X). */
    uint8_t *code_gen_buffer;       /* rw */
    size_t code_gen_buffer_size;
    intptr_t splitwx_diff;          /* rx - rw */
    uint8_t *code_gen_ptr;          /* next free byte (rw) */
    uint8_t *code_gen_highwater;
    uint8_t *code_buf;              /* start of the block being emitted */
    uint8_t *code_ptr;              /* emission point (rw) */
    const void *code_gen_prologue;  /* rx: entry from C */
    const void *code_gen_epilogue;  /* rx: "exit_tb 0" */
    const void *tb_ret_addr;        /* rx: return the value in ret reg */

    /* Per block being generated. */
    uint64_t gen_insn_data[TCG_MAX_INSNS][TCG_INSN_START_WORDS];
    uint32_t gen_insn_end_off[TCG_MAX_INSNS];
    int gen_nb_insns;
    uint16_t tb_jmp_insn_offset[2];   /* goto_tb jump, patchable */
    uint16_t tb_jmp_reset_offset[2];  /* code after goto_tb */
    uintptr_t gen_tb;                 /* exit_tb value base (TB ptr) */

    /* Register allocator state. */
    TCGRegSet reserved_regs;
    TCGTemp *reg_to_temp[64];
    intptr_t current_frame_offset;

    /* Logging. */
    FILE *logfile;
};

extern __thread TCGContext *tcg_ctx;

/* rw <-> rx conversions for a split (W^X) code buffer. */
static inline const void *tcg_splitwx_to_rx(TCGContext *s, void *rw)
{
    return rw ? (const void *)((uint8_t *)rw + s->splitwx_diff) : NULL;
}

static inline void *tcg_splitwx_to_rw(TCGContext *s, const void *rx)
{
    return rx ? (void *)((const uint8_t *)rx - s->splitwx_diff) : NULL;
}

static inline size_t tcg_current_code_size(TCGContext *s)
{
    return s->code_ptr - s->code_buf;
}

/* ------------------------------------------------------------------ */
/* Context management (tcg/tcg.c)                                      */

/* Create a context on a backend; env_reg is pinned as the "env" global. */
TCGContext *tcg_context_new(const TCGBackend *be);
void tcg_context_free(TCGContext *s);
/* Select the backend by name ("jit", "x86_64", "interp"); NULL = default. */
const TCGBackend *tcg_backend_by_name(const char *name);
const TCGBackend *tcg_backend_default(void);

/* Point the context at a code buffer and emit the prologue there. */
void tcg_set_code_buffer(TCGContext *s, void *rw, size_t size,
                         intptr_t splitwx_diff);
void tcg_emit_prologue(TCGContext *s);

/* Start a new block: drop all non-global temps, ops and labels. */
void tcg_func_start(TCGContext *s);

/* Globals (done once, after tcg_context_new). */
TCGv_i32 tcg_global_mem_new_i32(TCGv_ptr base, intptr_t ofs, const char *n);
TCGv_i64 tcg_global_mem_new_i64(TCGv_ptr base, intptr_t ofs, const char *n);
extern __thread TCGv_ptr tcg_env;   /* the CPU state pointer */

/* Temps. */
TCGTemp *tcg_temp_new_internal(TCGType type, TCGTempKind kind);
TCGTemp *tcg_constant_internal(TCGType type, int64_t val);
void tcg_temp_free_internal(TCGTemp *ts);

static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return &tcg_ctx->temps[v.t]; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return &tcg_ctx->temps[v.t]; }
static inline TCGTemp *tcgv_ptr_temp(TCGv_ptr v) { return &tcg_ctx->temps[v.t]; }
static inline int temp_idx(TCGTemp *ts) { return (int)(ts - tcg_ctx->temps); }
static inline TCGArg temp_arg(TCGTemp *ts) { return (TCGArg)temp_idx(ts); }
static inline TCGTemp *arg_temp(TCGArg a) { return &tcg_ctx->temps[a]; }
static inline TCGv_i32 temp_tcgv_i32(TCGTemp *ts) { return (TCGv_i32){ temp_idx(ts) }; }
static inline TCGv_i64 temp_tcgv_i64(TCGTemp *ts) { return (TCGv_i64){ temp_idx(ts) }; }

static inline TCGv_i32 tcg_temp_new_i32(void)
{ return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_EBB)); }
static inline TCGv_i64 tcg_temp_new_i64(void)
{ return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_EBB)); }
/* Temps that survive labels ("local" temps). */
static inline TCGv_i32 tcg_temp_new_tb_i32(void)
{ return temp_tcgv_i32(tcg_temp_new_internal(TCG_TYPE_I32, TEMP_TB)); }
static inline TCGv_i64 tcg_temp_new_tb_i64(void)
{ return temp_tcgv_i64(tcg_temp_new_internal(TCG_TYPE_I64, TEMP_TB)); }
static inline TCGv_i32 tcg_constant_i32(int32_t v)
{ return temp_tcgv_i32(tcg_constant_internal(TCG_TYPE_I32, v)); }
static inline TCGv_i64 tcg_constant_i64(int64_t v)
{ return temp_tcgv_i64(tcg_constant_internal(TCG_TYPE_I64, v)); }
static inline void tcg_temp_free_i32(TCGv_i32 v) { tcg_temp_free_internal(tcgv_i32_temp(v)); }
static inline void tcg_temp_free_i64(TCGv_i64 v) { tcg_temp_free_internal(tcgv_i64_temp(v)); }

/* Labels. */
TCGLabel *gen_new_label(void);
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)l->id; }
static inline TCGLabel *arg_label(TCGArg a) { return &tcg_ctx->labels[a]; }

/* Op list. */
TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type, unsigned nargs);
TCGOp *tcg_op_insert_before(TCGContext *s, TCGOp *old, TCGOpcode opc,
                            TCGType type, unsigned nargs);
TCGOp *tcg_op_insert_after(TCGContext *s, TCGOp *old, TCGOpcode opc,
                           TCGType type, unsigned nargs);
void tcg_op_remove(TCGContext *s, TCGOp *op);
#define QTAILQ_FOREACH_OP(op, s) \
    for (TCGOp *op = (s)->first_op; op; op = op->next)
#define QTAILQ_FOREACH_OP_SAFE(op, s, nxt) \
    for (TCGOp *op = (s)->first_op, *nxt = op ? op->next : NULL; op; \
         op = nxt, nxt = op ? op->next : NULL)

/* Emit a call of a registered helper. */
void tcg_gen_callN(TCGHelperInfo *info, TCGTemp *ret, TCGTemp **args);

/* ------------------------------------------------------------------ */
/* Passes                                                              */

void tcg_optimize(TCGContext *s);           /* tcg/optimize.c */
void tcg_liveness_analysis(TCGContext *s);  /* tcg/liveness.c */

/*
 * Generate host code for the current op list at s->code_gen_ptr.
 * Returns the code size, -1 if the code buffer is full (flush and retry),
 * -2 if the block is too big for the allocator (retry with fewer insns).
 */
int tcg_gen_code(TCGContext *s);

/* Dump the op list (-d op / op_opt). */
void tcg_dump_ops(TCGContext *s, FILE *f, bool with_life);

/* Relocations (used by backends). */
void tcg_out_reloc(TCGContext *s, void *code_ptr, int type, TCGLabel *l,
                   intptr_t addend);
void tcg_out_label(TCGContext *s, TCGLabel *l);
/* Patch every recorded relocation (end of a block; regalloc.c). */
void tcg_resolve_block_relocs(TCGContext *s);

/* Byte emitters (backends). */
static inline void tcg_out8(TCGContext *s, uint8_t v) { *s->code_ptr++ = v; }
static inline void tcg_out16(TCGContext *s, uint16_t v)
{ __builtin_memcpy(s->code_ptr, &v, 2); s->code_ptr += 2; }
static inline void tcg_out32(TCGContext *s, uint32_t v)
{ __builtin_memcpy(s->code_ptr, &v, 4); s->code_ptr += 4; }
static inline void tcg_out64(TCGContext *s, uint64_t v)
{ __builtin_memcpy(s->code_ptr, &v, 8); s->code_ptr += 8; }
static inline void tcg_patch32(void *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }

/*
 * Return address for helpers that may raise: the host address inside the
 * block that called them.  The interpreter backend sets tci_retaddr
 * around each helper call (to the end of the call instruction) and
 * clears it afterwards; the execution loop clears it after a longjmp.
 */
extern __thread uintptr_t tci_retaddr;
#define GETPC() \
    (tci_retaddr ? tci_retaddr : (uintptr_t)__builtin_return_address(0))

/* Fatal internal error (a bug in tern, never the guest's fault). */
void tcg_abort_msg(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define tcg_debug_assert(x) \
    do { if (!(x)) tcg_abort_msg("%s:%d: assertion %s failed", \
                                 __FILE__, __LINE__, #x); } while (0)

#endif
