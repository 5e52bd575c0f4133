/*
 * The IR: a linear list of ops over 32-bit temps, one list per translation
 * unit (TU). Front ends build it with the ir_gen_* functions below; passes
 * rewrite it in place; a backend (x86-64 JIT, or the interpreter) runs it.
 *
 * Temps come in three kinds:
 *   global  a field of the CPU state (guest registers, flags), declared
 *           once by the front end; the allocator keeps it in a host
 *           register within the TU and writes it back where needed;
 *   local   a value private to the TU, valid everywhere in it (across
 *           labels and branches);
 *   const   an immutable 32-bit value.
 * IR_NONE (0) is "no temp" (an unused call argument or result).
 *
 * The IR knows nothing of ARM or of user mode: guest memory is reached only
 * through guest_ld/guest_st/guest_cmpxchg, lowered by the backend.
 */
#ifndef FERRY_TCG_IR_H
#define FERRY_TCG_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    IR_F_SIDE = 1 << 0,
    IR_F_BB_END = 1 << 1,
    IR_F_EXIT = 1 << 2,
    IR_F_MEM = 1 << 3,
    IR_F_CALL = 1 << 4,
};

typedef enum IROpcode {
#define DEF(name, nout, nin, nconst, flags) IR_##name,
#include "ir-ops.def"
#undef DEF
    IR_NB_OPS
} IROpcode;

typedef struct IROpDef {
    const char *name;
    uint8_t nb_out, nb_in, nb_const;
    uint8_t flags;
} IROpDef;

extern const IROpDef ir_op_defs[IR_NB_OPS];

/* Conditions: the low bit inverts (ir_cond_invert is c ^ 1). */
typedef enum IRCond {
    IR_COND_EQ = 0, IR_COND_NE,
    IR_COND_LT, IR_COND_GE,      /* signed */
    IR_COND_LE, IR_COND_GT,
    IR_COND_LTU, IR_COND_GEU,    /* unsigned */
    IR_COND_LEU, IR_COND_GTU,
    IR_COND_TSTEQ, IR_COND_TSTNE, /* (a & b) == 0, (a & b) != 0 */
    IR_COND_ALWAYS, IR_COND_NEVER,
} IRCond;

static inline IRCond ir_cond_invert(IRCond c) { return (IRCond)(c ^ 1); }
bool ir_cond_eval(IRCond c, uint32_t a, uint32_t b);
const char *ir_cond_name(IRCond c);

/* Guest memory access: size in the low 2 bits, then sign-extension. */
typedef enum IRMemOp {
    IR_MO_8 = 0, IR_MO_16 = 1, IR_MO_32 = 2,
    IR_MO_SIZE = 3,
    IR_MO_SIGN = 4,
    IR_MO_S8 = IR_MO_8 | IR_MO_SIGN,
    IR_MO_S16 = IR_MO_16 | IR_MO_SIGN,
} IRMemOp;

typedef enum IRBarrier { IR_MB_FULL = 0 } IRBarrier;

typedef uint32_t IRTemp;
#define IR_NONE ((IRTemp)0)

typedef enum IRTempKind { IR_TEMP_GLOBAL, IR_TEMP_LOCAL, IR_TEMP_CONST } IRTempKind;

typedef struct IRTempInfo {
    IRTempKind kind;
    uint32_t value;          /* const: the value; global: byte offset in the CPU state */
    const char *name;        /* globals only */
} IRTempInfo;

/* A C helper called from translated code. Its C signature is always
 *   uint32_t fn(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
 * (unused arguments are passed as 0). The flags say what it touches so
 * that the allocator syncs only what is needed. */
enum {
    IR_HELPER_READS_GLOBALS = 1 << 0,  /* globals must be in memory before */
    IR_HELPER_WRITES_GLOBALS = 1 << 1, /* globals must be reloaded after */
    IR_HELPER_NO_SIDE = 1 << 2,        /* pure: dead if its result is unused */
};
typedef uint32_t (*IRHelperFn)(void *cpu, uint32_t, uint32_t, uint32_t, uint32_t);
typedef struct IRHelper {
    const char *name;
    IRHelperFn fn;
    uint32_t flags;
} IRHelper;

#define IR_MAX_ARGS 8

typedef struct IROp {
    uint16_t opc;
    uint16_t pad;
    uint32_t args[IR_MAX_ARGS]; /* outputs, inputs (temps), then constants */
    const IRHelper *helper;     /* IR_call only */
} IROp;

/* The globals a front end declares once; every block gets them as temps
 * 1..n, in this order. */
typedef struct IRGlobalDef {
    const char *name;
    uint32_t offset;         /* byte offset in the CPU state */
    /* A condition flag: where the guest overwrites it before reading it,
     * a fault or exit request may show an older value (the passes need
     * not keep it precise there; docs/jit-dead-flags.md). */
    bool flag;
} IRGlobalDef;

typedef struct IRBlock {
    IROp *ops;
    uint32_t nb_ops, cap_ops;
    IRTempInfo *temps;       /* index 0 is IR_NONE */
    uint32_t nb_temps, cap_temps;
    uint32_t nb_globals;     /* temps 1..nb_globals are the globals */
    uint64_t flag_globals;   /* bit t: global temp t (< 64) is a flag (IRGlobalDef.flag) */
    uint32_t nb_labels;
    uint32_t guest_pc;       /* key of the TU: start pc and guest flags */
    uint32_t guest_flags;
    uint32_t guest_size;     /* bytes of guest code covered */
    uint32_t nb_insns;
    /* Translate for code that has proven hot: the front end and backend
     * may spend more time for faster code. Set by the caller before the
     * front end runs; ir_block_reset keeps it. */
    bool hot;
} IRBlock;

void ir_block_init(IRBlock *b, const IRGlobalDef *globals, uint32_t nb_globals);
void ir_block_reset(IRBlock *b, uint32_t pc, uint32_t flags); /* keeps allocations */
void ir_block_free(IRBlock *b);
/* dst becomes a copy of src, in dst's own (reused, grown) arrays. */
void ir_block_copy(IRBlock *dst, const IRBlock *src);

static inline IRTemp ir_global(const IRBlock *b, uint32_t index) { (void)b; return index + 1; }
IRTemp ir_new_temp(IRBlock *b);
IRTemp ir_const(IRBlock *b, uint32_t value);
uint32_t ir_new_label(IRBlock *b);

static inline bool ir_is_const(const IRBlock *b, IRTemp t) { return t != IR_NONE && b->temps[t].kind == IR_TEMP_CONST; }
static inline bool ir_is_global(const IRBlock *b, IRTemp t) { return t != IR_NONE && b->temps[t].kind == IR_TEMP_GLOBAL; }

/* Append an op; returns it so the caller may fill args. */
IROp *ir_emit(IRBlock *b, IROpcode opc);

/* Builders: one per op shape. d is written, the rest read. */
void ir_gen_insn_start(IRBlock *b, uint32_t pc, uint32_t aux);
void ir_gen_mov(IRBlock *b, IRTemp d, IRTemp a);
void ir_gen_movi(IRBlock *b, IRTemp d, uint32_t v);
void ir_gen_binop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a, IRTemp c);
void ir_gen_unop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a);
void ir_gen_extract(IRBlock *b, IRTemp d, IRTemp a, uint32_t pos, uint32_t len);
void ir_gen_sextract(IRBlock *b, IRTemp d, IRTemp a, uint32_t pos, uint32_t len);
void ir_gen_deposit(IRBlock *b, IRTemp d, IRTemp a, IRTemp v, uint32_t pos, uint32_t len);
void ir_gen_mul2(IRBlock *b, IROpcode opc, IRTemp lo, IRTemp hi, IRTemp a, IRTemp c);
void ir_gen_addsub2(IRBlock *b, IROpcode opc, IRTemp lo, IRTemp hi,
                    IRTemp al, IRTemp ah, IRTemp bl, IRTemp bh);
void ir_gen_setcond(IRBlock *b, IRCond c, IRTemp d, IRTemp x, IRTemp y);
void ir_gen_movcond(IRBlock *b, IRCond c, IRTemp d, IRTemp c1, IRTemp c2, IRTemp v1, IRTemp v2);
void ir_gen_ld_env(IRBlock *b, IRTemp d, uint32_t offset);
void ir_gen_st_env(IRBlock *b, IRTemp v, uint32_t offset);
void ir_gen_guest_ld(IRBlock *b, IRTemp d, IRTemp addr, IRMemOp mo);
void ir_gen_guest_st(IRBlock *b, IRTemp v, IRTemp addr, IRMemOp mo);
void ir_gen_guest_cmpxchg(IRBlock *b, IRTemp old, IRTemp addr, IRTemp expected, IRTemp newv, IRMemOp mo);
void ir_gen_mb(IRBlock *b, IRBarrier kind);
/* d may be IR_NONE; unused arguments IR_NONE. */
void ir_gen_call(IRBlock *b, const IRHelper *h, IRTemp d,
                 IRTemp a0, IRTemp a1, IRTemp a2, IRTemp a3);
void ir_gen_label(IRBlock *b, uint32_t label);
void ir_gen_br(IRBlock *b, uint32_t label);
void ir_gen_brcond(IRBlock *b, IRCond c, IRTemp x, IRTemp y, uint32_t label);
void ir_gen_exit_direct(IRBlock *b, uint32_t pc, uint32_t flags);
void ir_gen_exit_indirect(IRBlock *b, IRTemp pc, IRTemp flags);
void ir_gen_exit_helper(IRBlock *b, uint32_t reason, uint32_t pc, uint32_t flags);
/* Leave at (pc, flags) if an exit was requested: see ir-ops.def. */
void ir_gen_exit_check(IRBlock *b, uint32_t pc, uint32_t flags);
/* g (a global) is dead here: see discard in ir-ops.def. */
void ir_gen_discard(IRBlock *b, IRTemp g);

/* Opens a gap of n zeroed ops before op index at (the front end puts a
 * loop head's label in front of code it has already emitted); returns
 * the first. Labels are numbers, not op indices, so branches stay valid. */
IROp *ir_insert_ops(IRBlock *b, uint32_t at, uint32_t n);

/* Operand accessors. */
static inline const IROpDef *ir_def(const IROp *op) { return &ir_op_defs[op->opc]; }
static inline uint32_t ir_nb_args(const IROp *op)
{
    const IROpDef *d = ir_def(op);
    return (uint32_t)d->nb_out + d->nb_in + d->nb_const;
}
static inline uint32_t ir_const_arg(const IROp *op, unsigned i)
{
    const IROpDef *d = ir_def(op);
    return op->args[d->nb_out + d->nb_in + i];
}
/* a op b == b op a. */
static inline bool ir_op_commutative(uint32_t opc)
{
    return opc == IR_add || opc == IR_mul || opc == IR_and || opc == IR_or || opc == IR_xor;
}
/* Control never goes on past op: an exit, or an unconditional branch (a
 * unit may end with the back edge of a loop inside it). Every unit's last
 * op is one. */
static inline bool ir_ends_flow(const IROp *op)
{
    return (ir_def(op)->flags & IR_F_EXIT) || op->opc == IR_br;
}

/* Side exits (a hot unit's superblock shape): a label that one brcond
 * reaches and nothing falls into, followed by ops that may run out of
 * line (no fault, call, branch or state access: ir_side_exit_op) and a
 * direct exit. The backend lowers such a block from the branch's
 * register state; the sink pass moves work the main path does not need
 * into it. refs: per label, 1 per brcond that targets it, 2 or more if
 * anything else does (ir_count_label_refs fills it, nb_labels bytes). */
void ir_count_label_refs(const IRBlock *b, uint8_t *refs);
bool ir_side_exit_op(const IROp *op);
/* Is the label op at index i a side exit's? If so *end is its exit op. */
bool ir_side_exit_at(const IRBlock *b, uint32_t i, const uint8_t *refs, uint32_t *end);

/* Printing (-d op) and checking. */
#include <stdio.h>
void ir_print(FILE *f, const IRBlock *b);
void ir_print_op(FILE *f, const IRBlock *b, const IROp *op);
/* Returns NULL when well formed, else a static message naming the fault. */
const char *ir_verify(const IRBlock *b);

#endif
