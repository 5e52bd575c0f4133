/*
 * IR blocks: storage, builders, printer and verifier. The op table comes
 * from ir-ops.def so that names and operand counts never drift apart.
 */
#include "ir.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

const IROpDef ir_op_defs[IR_NB_OPS] = {
#define DEF(name, nout, nin, nconst, fl) [IR_##name] = { #name, nout, nin, nconst, fl },
#include "ir-ops.def"
#undef DEF
};

static const char *const cond_names[] = {
    [IR_COND_EQ] = "eq", [IR_COND_NE] = "ne", [IR_COND_LT] = "lt", [IR_COND_GE] = "ge",
    [IR_COND_LE] = "le", [IR_COND_GT] = "gt", [IR_COND_LTU] = "ltu", [IR_COND_GEU] = "geu",
    [IR_COND_LEU] = "leu", [IR_COND_GTU] = "gtu", [IR_COND_TSTEQ] = "tsteq",
    [IR_COND_TSTNE] = "tstne", [IR_COND_ALWAYS] = "always", [IR_COND_NEVER] = "never",
};

const char *ir_cond_name(IRCond c)
{
    return (unsigned)c < sizeof(cond_names) / sizeof(cond_names[0]) ? cond_names[c] : "?";
}

bool ir_cond_eval(IRCond c, uint32_t a, uint32_t b)
{
    switch (c) {
    case IR_COND_EQ: return a == b;
    case IR_COND_NE: return a != b;
    case IR_COND_LT: return (int32_t)a < (int32_t)b;
    case IR_COND_GE: return (int32_t)a >= (int32_t)b;
    case IR_COND_LE: return (int32_t)a <= (int32_t)b;
    case IR_COND_GT: return (int32_t)a > (int32_t)b;
    case IR_COND_LTU: return a < b;
    case IR_COND_GEU: return a >= b;
    case IR_COND_LEU: return a <= b;
    case IR_COND_GTU: return a > b;
    case IR_COND_TSTEQ: return (a & b) == 0;
    case IR_COND_TSTNE: return (a & b) != 0;
    case IR_COND_ALWAYS: return true;
    case IR_COND_NEVER: return false;
    }
    return false;
}

static void *grow(void *p, uint32_t *cap, size_t elem, uint32_t need)
{
    if (need <= *cap)
        return p;
    uint32_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    p = realloc(p, (size_t)n * elem);
    if (!p)
        ferry_die("out of memory growing the IR");
    *cap = n;
    return p;
}

void ir_block_init(IRBlock *b, const IRGlobalDef *globals, uint32_t nb_globals)
{
    memset(b, 0, sizeof(*b));
    b->temps = grow(NULL, &b->cap_temps, sizeof(IRTempInfo), nb_globals + 64);
    b->temps[0] = (IRTempInfo){ IR_TEMP_LOCAL, 0, "none" };
    for (uint32_t i = 0; i < nb_globals; i++) {
        b->temps[i + 1] = (IRTempInfo){ IR_TEMP_GLOBAL, globals[i].offset, globals[i].name };
        if (globals[i].flag && i + 1 < 64)
            b->flag_globals |= 1ull << (i + 1);
    }
    b->nb_globals = nb_globals;
    b->nb_temps = nb_globals + 1;
}

void ir_block_reset(IRBlock *b, uint32_t pc, uint32_t flags)
{
    b->nb_ops = 0;
    b->nb_temps = b->nb_globals + 1;
    b->nb_labels = 0;
    b->guest_pc = pc;
    b->guest_flags = flags;
    b->guest_size = 0;
    b->nb_insns = 0;
}

void ir_block_copy(IRBlock *dst, const IRBlock *src)
{
    IROp *ops = grow(dst->ops, &dst->cap_ops, sizeof(IROp), src->nb_ops);
    IRTempInfo *temps = grow(dst->temps, &dst->cap_temps, sizeof(IRTempInfo), src->nb_temps);
    uint32_t cap_ops = dst->cap_ops, cap_temps = dst->cap_temps;
    memcpy(ops, src->ops, src->nb_ops * sizeof(IROp));
    memcpy(temps, src->temps, src->nb_temps * sizeof(IRTempInfo));
    *dst = *src;
    dst->ops = ops, dst->cap_ops = cap_ops;
    dst->temps = temps, dst->cap_temps = cap_temps;
}

void ir_block_free(IRBlock *b)
{
    free(b->ops);
    free(b->temps);
    memset(b, 0, sizeof(*b));
}

static IRTemp add_temp(IRBlock *b, IRTempKind kind, uint32_t value)
{
    if (b->nb_temps >= b->cap_temps)
        b->temps = grow(b->temps, &b->cap_temps, sizeof(IRTempInfo), b->nb_temps + 1);
    b->temps[b->nb_temps] = (IRTempInfo){ kind, value, NULL };
    return b->nb_temps++;
}

IRTemp ir_new_temp(IRBlock *b) { return add_temp(b, IR_TEMP_LOCAL, 0); }

/* Repeats of a constant are found through a small direct-mapped cache
 * of value -> temp. An entry is only a hint: it is used only if that temp
 * of b is a constant with that value, so entries left by another block
 * (or by b before ir_block_reset) need no invalidation. Per thread, since
 * front ends may build blocks outside the cache lock (tests do). */
#define IR_CONST_CACHE 256
static __thread IRTemp const_cache[IR_CONST_CACHE];

IRTemp ir_const(IRBlock *b, uint32_t value)
{
    IRTemp *slot = &const_cache[(value * 0x9e3779b1u) >> 24];
    IRTemp t = *slot;
    if (t < b->nb_temps && t > b->nb_globals && b->temps[t].kind == IR_TEMP_CONST && b->temps[t].value == value)
        return t;
    t = add_temp(b, IR_TEMP_CONST, value);
    *slot = t;
    return t;
}

uint32_t ir_new_label(IRBlock *b) { return b->nb_labels++; }

IROp *ir_emit(IRBlock *b, IROpcode opc)
{
    if (b->nb_ops >= b->cap_ops)
        b->ops = grow(b->ops, &b->cap_ops, sizeof(IROp), b->nb_ops + 1);
    IROp *op = &b->ops[b->nb_ops++];
    memset(op, 0, sizeof(*op));
    op->opc = (uint16_t)opc;
    return op;
}

static void emit_args(IRBlock *b, IROpcode opc, uint32_t n, const uint32_t *args)
{
    IROp *op = ir_emit(b, opc);
    memcpy(op->args, args, n * sizeof(uint32_t));
}

#define EMIT(b, opc, ...)                                                                     \
    do {                                                                                      \
        const uint32_t args_[] = { __VA_ARGS__ };                                             \
        emit_args(b, opc, sizeof(args_) / sizeof(args_[0]), args_);                           \
    } while (0)

void ir_gen_insn_start(IRBlock *b, uint32_t pc, uint32_t aux) { EMIT(b, IR_insn_start, pc, aux); b->nb_insns++; }
void ir_gen_mov(IRBlock *b, IRTemp d, IRTemp a) { EMIT(b, IR_mov, d, a); }
void ir_gen_movi(IRBlock *b, IRTemp d, uint32_t v) { EMIT(b, IR_mov, d, ir_const(b, v)); }
void ir_gen_binop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a, IRTemp c) { EMIT(b, opc, d, a, c); }
void ir_gen_unop(IRBlock *b, IROpcode opc, IRTemp d, IRTemp a) { EMIT(b, opc, d, a); }
void ir_gen_extract(IRBlock *b, IRTemp d, IRTemp a, uint32_t pos, uint32_t len) { EMIT(b, IR_extract, d, a, pos, len); }
void ir_gen_sextract(IRBlock *b, IRTemp d, IRTemp a, uint32_t pos, uint32_t len) { EMIT(b, IR_sextract, d, a, pos, len); }
void ir_gen_deposit(IRBlock *b, IRTemp d, IRTemp a, IRTemp v, uint32_t pos, uint32_t len) { EMIT(b, IR_deposit, d, a, v, pos, len); }
void ir_gen_mul2(IRBlock *b, IROpcode opc, IRTemp lo, IRTemp hi, IRTemp a, IRTemp c) { EMIT(b, opc, lo, hi, a, c); }
void ir_gen_addsub2(IRBlock *b, IROpcode opc, IRTemp lo, IRTemp hi, IRTemp al, IRTemp ah, IRTemp bl, IRTemp bh)
{
    EMIT(b, opc, lo, hi, al, ah, bl, bh);
}
void ir_gen_setcond(IRBlock *b, IRCond c, IRTemp d, IRTemp x, IRTemp y) { EMIT(b, IR_setcond, d, x, y, c); }
void ir_gen_movcond(IRBlock *b, IRCond c, IRTemp d, IRTemp c1, IRTemp c2, IRTemp v1, IRTemp v2)
{
    EMIT(b, IR_movcond, d, c1, c2, v1, v2, c);
}
void ir_gen_ld_env(IRBlock *b, IRTemp d, uint32_t offset) { EMIT(b, IR_ld_env, d, offset); }
void ir_gen_st_env(IRBlock *b, IRTemp v, uint32_t offset) { EMIT(b, IR_st_env, v, offset); }
void ir_gen_guest_ld(IRBlock *b, IRTemp d, IRTemp addr, IRMemOp mo) { EMIT(b, IR_guest_ld, d, addr, mo); }
void ir_gen_guest_st(IRBlock *b, IRTemp v, IRTemp addr, IRMemOp mo) { EMIT(b, IR_guest_st, v, addr, mo); }
void ir_gen_guest_cmpxchg(IRBlock *b, IRTemp old, IRTemp addr, IRTemp expected, IRTemp newv, IRMemOp mo)
{
    EMIT(b, IR_guest_cmpxchg, old, addr, expected, newv, mo);
}
void ir_gen_mb(IRBlock *b, IRBarrier kind) { EMIT(b, IR_mb, kind); }
void ir_gen_call(IRBlock *b, const IRHelper *h, IRTemp d, IRTemp a0, IRTemp a1, IRTemp a2, IRTemp a3)
{
    uint32_t nargs = a3 ? 4 : a2 ? 3 : a1 ? 2 : a0 ? 1 : 0;
    EMIT(b, IR_call, d, a0, a1, a2, a3, nargs);
    b->ops[b->nb_ops - 1].helper = h;
}
void ir_gen_label(IRBlock *b, uint32_t label) { EMIT(b, IR_label, label); }
void ir_gen_br(IRBlock *b, uint32_t label) { EMIT(b, IR_br, label); }
void ir_gen_brcond(IRBlock *b, IRCond c, IRTemp x, IRTemp y, uint32_t label) { EMIT(b, IR_brcond, x, y, c, label); }
void ir_gen_exit_direct(IRBlock *b, uint32_t pc, uint32_t flags) { EMIT(b, IR_exit_direct, pc, flags); }
void ir_gen_exit_indirect(IRBlock *b, IRTemp pc, IRTemp flags) { EMIT(b, IR_exit_indirect, pc, flags); }
void ir_gen_exit_helper(IRBlock *b, uint32_t reason, uint32_t pc, uint32_t flags)
{
    EMIT(b, IR_exit_helper, reason, pc, flags);
}
void ir_gen_exit_check(IRBlock *b, uint32_t pc, uint32_t flags) { EMIT(b, IR_exit_check, pc, flags); }
void ir_gen_discard(IRBlock *b, IRTemp g) { EMIT(b, IR_discard, g); }

IROp *ir_insert_ops(IRBlock *b, uint32_t at, uint32_t n)
{
    if (at > b->nb_ops)
        ferry_die("ir_insert_ops: position %u past the end (%u ops)", at, b->nb_ops);
    if (b->nb_ops + n > b->cap_ops)
        b->ops = grow(b->ops, &b->cap_ops, sizeof(IROp), b->nb_ops + n);
    memmove(&b->ops[at + n], &b->ops[at], (b->nb_ops - at) * sizeof(IROp));
    memset(&b->ops[at], 0, n * sizeof(IROp));
    b->nb_ops += n;
    return &b->ops[at];
}

static void print_temp(FILE *f, const IRBlock *b, IRTemp t)
{
    if (t == IR_NONE) {
        fputs("-", f);
        return;
    }
    const IRTempInfo *ti = &b->temps[t];
    switch (ti->kind) {
    case IR_TEMP_GLOBAL: fputs(ti->name ? ti->name : "g?", f); break;
    case IR_TEMP_CONST: fprintf(f, "$0x%x", ti->value); break;
    case IR_TEMP_LOCAL: fprintf(f, "t%u", t); break;
    }
}

void ir_print_op(FILE *f, const IRBlock *b, const IROp *op)
{
    const IROpDef *d = ir_def(op);
    if (op->opc == IR_insn_start) {
        fprintf(f, " ---- %08x %08x\n", op->args[0], op->args[1]);
        return;
    }
    if (op->opc == IR_label) {
        fprintf(f, "L%u:\n", op->args[0]);
        return;
    }
    fprintf(f, " %-14s", d->name);
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->nb_out + d->nb_in; i++, n++) {
        fputs(n ? ", " : "", f);
        print_temp(f, b, op->args[i]);
    }
    for (uint32_t i = 0; i < d->nb_const; i++, n++) {
        uint32_t v = ir_const_arg(op, i);
        fputs(n ? ", " : "", f);
        bool is_cond = (op->opc == IR_setcond || op->opc == IR_movcond || op->opc == IR_brcond) && i == 0;
        bool is_label = (op->opc == IR_br && i == 0) || (op->opc == IR_brcond && i == 1);
        if (is_cond)
            fputs(ir_cond_name((IRCond)v), f);
        else if (is_label)
            fprintf(f, "L%u", v);
        else
            fprintf(f, "0x%x", v);
    }
    if (op->opc == IR_call && op->helper)
        fprintf(f, "  <%s>", op->helper->name);
    fputc('\n', f);
}

void ir_print(FILE *f, const IRBlock *b)
{
    for (uint32_t i = 0; i < b->nb_ops; i++)
        ir_print_op(f, b, &b->ops[i]);
}

const char *ir_verify(const IRBlock *b)
{
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        const IROp *op = &b->ops[i];
        if (op->opc >= IR_NB_OPS)
            return "bad opcode";
        const IROpDef *d = ir_def(op);
        for (uint32_t k = 0; k < d->nb_out; k++) {
            IRTemp t = op->args[k];
            bool optional = op->opc == IR_call;
            if (t >= b->nb_temps || (t == IR_NONE && !optional))
                return "output temp out of range";
            if (t != IR_NONE && b->temps[t].kind == IR_TEMP_CONST)
                return "write to a constant";
        }
        for (uint32_t k = d->nb_out; k < (uint32_t)d->nb_out + d->nb_in; k++) {
            IRTemp t = op->args[k];
            if (t >= b->nb_temps || (t == IR_NONE && op->opc != IR_call))
                return "input temp out of range";
        }
        if (op->opc == IR_call && !op->helper)
            return "call without helper";
        if (op->opc == IR_label || op->opc == IR_br) {
            if (op->args[0] >= b->nb_labels)
                return "label out of range";
        }
        if (op->opc == IR_brcond && ir_const_arg(op, 1) >= b->nb_labels)
            return "label out of range";
        if (op->opc == IR_discard && (op->args[0] >= b->nb_temps || !ir_is_global(b, op->args[0])))
            return "discard of a temp that is not a global";
    }
    if (b->nb_ops && !ir_ends_flow(&b->ops[b->nb_ops - 1]))
        return "block does not end with an exit or a branch";
    return NULL;
}

void ir_count_label_refs(const IRBlock *b, uint8_t *refs)
{
    memset(refs, 0, b->nb_labels);
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        const IROp *op = &b->ops[i];
        if (op->opc == IR_br)
            refs[op->args[0]] = 2;
        else if (op->opc == IR_brcond && refs[ir_const_arg(op, 1)] < 2)
            refs[ir_const_arg(op, 1)]++;
    }
}

bool ir_side_exit_op(const IROp *op)
{
    if (op->opc == IR_discard)
        return true;
    return !(ir_def(op)->flags & (IR_F_MEM | IR_F_CALL | IR_F_BB_END | IR_F_EXIT)) && op->opc != IR_ld_env &&
           op->opc != IR_st_env && op->opc != IR_insn_start && op->opc != IR_exit_check;
}

bool ir_side_exit_at(const IRBlock *b, uint32_t i, const uint8_t *refs, uint32_t *end)
{
    if (i == 0 || i >= b->nb_ops || b->ops[i].opc != IR_label || refs[b->ops[i].args[0]] != 1)
        return false;
    const IROp *prev = &b->ops[i - 1];
    if (!(ir_def(prev)->flags & IR_F_EXIT) && prev->opc != IR_br)
        return false;
    uint32_t j = i + 1;
    while (j < b->nb_ops && ir_side_exit_op(&b->ops[j]))
        j++;
    if (j >= b->nb_ops || b->ops[j].opc != IR_exit_direct)
        return false;
    *end = j;
    return true;
}
