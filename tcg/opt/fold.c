/*
 * Pass 1: constant folding, copy propagation and branch folding, in one
 * forward walk over the TU.
 *
 * What is known about each temp is a constant value, or "holds the same
 * value as these other temps". The fall-through of a brcond keeps it all,
 * since that op is its only way in. At a label, copies are forgotten, and
 * constants are kept only if every way in agrees on them: each forward
 * branch to the label leaves the constants it knows (intersected with
 * those of earlier branches to it), and the label intersects them with
 * the fall-through's (a simple forward data-flow; ARM conditional
 * instructions branch forward over one instruction, so constants set
 * before them survive). A label that some backward branch targets forgets
 * everything. Ops whose inputs are all known are evaluated with
 * ir_eval_pure, the interpreter's own definition, so folding cannot
 * disagree with execution; algebraic identities (x+0, x&0, x^x, shifts by
 * 0, ...) turn ops into movs, and redundant movs vanish.
 *
 * A brcond whose outcome is known becomes a br or vanishes; code after a
 * br or an exit up to the next label is unreachable and dropped; a br to
 * the label right after it is dropped; a label nobody branches to any more
 * is dropped, so the blocks around it merge and folding carries on. An
 * exit_indirect to a known (pc, flags) becomes an exit_direct, which the
 * backend can chain. Constant operands are put second (see canonicalize).
 *
 * Copies form rings of temps holding equal values; a use is replaced by
 * the ring member that got its value first (the source of the copies), so
 * the later movs become dead for the DCE pass. The ring is updated when
 * a member is redefined: by an op's output, by st_env over a global, or by
 * a helper that may write globals.
 */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "tcg/interp.h"
#include "util/die.h"

typedef struct Fold {
    IRBlock *b;
    uint32_t n0;        /* temps when the pass started; later ones are consts */
    bool *known;        /* per temp: val[] holds its value */
    uint32_t *val;
    IRTemp *next, *prev; /* ring of temps with equal values */
    uint32_t *seq;      /* when the temp joined its ring (smaller: older) */
    uint32_t seq_counter;
    uint32_t *refs;     /* per label: branches that still target it */
    bool *backward;     /* per label: some branch after it targets it */
    IRTemp *klist;      /* temps that may be known or in a ring (a superset) */
    bool *in_klist;
    uint32_t nb_klist;
    struct FoldSnap {   /* per label: constants all branches so far agree on */
        IRTemp *temp;
        uint32_t *val;
        uint32_t n;
        bool taken;     /* some branch has left its constants */
    } *snap;
    IROp *out;
    uint32_t nb_out;
    bool unreachable;
} Fold;

static bool get_const(const Fold *f, IRTemp t, uint32_t *v)
{
    if (t == IR_NONE)
        return false;
    if (ir_is_const(f->b, t)) {
        *v = f->b->temps[t].value;
        return true;
    }
    if (t < f->n0 && f->known[t]) {
        *v = f->val[t];
        return true;
    }
    return false;
}

/* t is about to be redefined: drop what was known about it. */
static void forget(Fold *f, IRTemp t)
{
    if (t == IR_NONE || t >= f->n0)
        return;
    f->known[t] = false;
    f->next[f->prev[t]] = f->next[t];
    f->prev[f->next[t]] = f->prev[t];
    f->next[t] = f->prev[t] = t;
}

/* Only the temps on klist can be anything but "unknown, alone": forgetting
 * everything costs what was learnt, not the number of temps. */
static void forget_all(Fold *f)
{
    for (uint32_t i = 0; i < f->nb_klist; i++) {
        IRTemp t = f->klist[i];
        f->known[t] = false;
        f->next[t] = f->prev[t] = t;
        f->in_klist[t] = false;
    }
    f->nb_klist = 0;
}

static void touch(Fold *f, IRTemp t)
{
    if (!f->in_klist[t]) {
        f->in_klist[t] = true;
        f->klist[f->nb_klist++] = t;
    }
}

static void set_known(Fold *f, IRTemp t, uint32_t v)
{
    f->known[t] = true;
    f->val[t] = v;
    touch(f, t);
}

/* A forward branch to label l: the constants known here reach l. */
static void leave_constants(Fold *f, uint32_t l)
{
    struct FoldSnap *sn = &f->snap[l];
    if (f->backward[l])
        return;
    if (!sn->taken) {
        sn->taken = true;
        if (!sn->temp) {
            sn->temp = ir_opt_scratch(f->n0 * sizeof(IRTemp));
            sn->val = ir_opt_scratch(f->n0 * sizeof(uint32_t));
        }
        sn->n = 0;
        for (uint32_t i = 0; i < f->nb_klist; i++) {
            IRTemp t = f->klist[i];
            if (f->known[t]) {
                sn->temp[sn->n] = t;
                sn->val[sn->n++] = f->val[t];
            }
        }
        return;
    }
    uint32_t w = 0;
    for (uint32_t i = 0; i < sn->n; i++) {
        IRTemp t = sn->temp[i];
        if (f->known[t] && f->val[t] == sn->val[i]) {
            sn->temp[w] = t;
            sn->val[w++] = sn->val[i];
        }
    }
    sn->n = w;
}

/* The state at label l: the constants every way in agrees on. */
static void enter_label(Fold *f, uint32_t l, bool fallen_into)
{
    struct FoldSnap *sn = &f->snap[l];
    if (f->backward[l] || !sn->taken) {
        forget_all(f);
        return;
    }
    uint32_t w = 0;
    for (uint32_t i = 0; i < sn->n; i++) {
        IRTemp t = sn->temp[i];
        if (!fallen_into || (f->known[t] && f->val[t] == sn->val[i])) {
            sn->temp[w] = t;
            sn->val[w++] = sn->val[i];
        }
    }
    forget_all(f);
    for (uint32_t i = 0; i < w; i++)
        set_known(f, sn->temp[i], sn->val[i]);
}

static void forget_globals(Fold *f)
{
    for (uint32_t g = 1; g <= f->b->nb_globals; g++)
        forget(f, g);
}

/* The best temp to read t's value from: a constant, else the oldest member
 * of t's ring. */
static IRTemp canon(Fold *f, IRTemp t)
{
    uint32_t v;
    if (t == IR_NONE || ir_is_const(f->b, t))
        return t;
    if (get_const(f, t, &v))
        return ir_const(f->b, v);
    IRTemp best = t;
    for (IRTemp u = f->next[t]; u != t; u = f->next[u])
        if (f->seq[u] < f->seq[best])
            best = u;
    return best;
}

static bool same_ring(const Fold *f, IRTemp a, IRTemp b)
{
    if (a >= f->n0 || b >= f->n0)
        return false;
    for (IRTemp u = f->next[a]; u != a; u = f->next[u])
        if (u == b)
            return true;
    return false;
}

static void emit(Fold *f, const IROp *op)
{
    f->out[f->nb_out++] = *op;
}

/* d = s, where s is already canonical; dropped if d already holds it. */
static void emit_mov(Fold *f, IRTemp d, IRTemp s)
{
    uint32_t v;
    if (d == s)
        return;
    if (get_const(f, s, &v)) {
        if (f->known[d] && f->val[d] == v)
            return;
        forget(f, d);
        set_known(f, d, v);
    } else {
        if (same_ring(f, d, s))
            return;
        forget(f, d);
        touch(f, d);
        touch(f, s);
        if (f->next[s] == s)
            f->seq[s] = ++f->seq_counter;
        f->seq[d] = ++f->seq_counter;
        f->next[d] = f->next[s];
        f->prev[d] = s;
        f->prev[f->next[s]] = d;
        f->next[s] = d;
    }
    IROp mov = { .opc = IR_mov, .args = { d, s } };
    emit(f, &mov);
}

/* The outcome of "x cond y" if it is known: 1 true, 0 false, -1 unknown. */
static int decide(const Fold *f, IRCond c, IRTemp x, IRTemp y)
{
    uint32_t vx = 0, vy = 0;
    bool kx = get_const(f, x, &vx), ky = get_const(f, y, &vy);
    if (c == IR_COND_ALWAYS || c == IR_COND_NEVER)
        return c == IR_COND_ALWAYS;
    if (kx && ky)
        return ir_cond_eval(c, vx, vy);
    if (x == y) {
        switch (c) {
        case IR_COND_EQ: case IR_COND_GE: case IR_COND_LE: case IR_COND_GEU: case IR_COND_LEU: return 1;
        case IR_COND_NE: case IR_COND_LT: case IR_COND_GT: case IR_COND_LTU: case IR_COND_GTU: return 0;
        default: return -1;
        }
    }
    if (ky && vy == 0 && (c == IR_COND_LTU || c == IR_COND_GEU))
        return c == IR_COND_GEU;
    if (((kx && vx == 0) || (ky && vy == 0)) && (c == IR_COND_TSTEQ || c == IR_COND_TSTNE))
        return c == IR_COND_TSTEQ;
    return -1;
}

typedef enum Simple { SIMPLE_NONE, SIMPLE_COPY, SIMPLE_CONST } Simple;

/* Algebraic identities of the one-output ops; inputs are canonical, so
 * equal temps hold equal values. */
static Simple simplify(const Fold *f, const IROp *op, IRTemp *copy, uint32_t *value)
{
    IRTemp a = op->args[1], b = op->args[2];
    uint32_t va = 0, vb = 0;
    bool ka = ir_def(op)->nb_in > 0 && get_const(f, a, &va); /* ld_env: args[1] is an offset */
    bool kb = ir_def(op)->nb_in > 1 && get_const(f, b, &vb);
    int r;
#define COPY(t) return (*copy = (t), SIMPLE_COPY)
#define CONST(v) return (*value = (v), SIMPLE_CONST)

    switch ((IROpcode)op->opc) {
    case IR_add:
        if (kb && vb == 0) COPY(a);
        if (ka && va == 0) COPY(b);
        break;
    case IR_sub:
        if (kb && vb == 0) COPY(a);
        if (a == b) CONST(0);
        break;
    case IR_mul:
        if ((ka && va == 0) || (kb && vb == 0)) CONST(0);
        if (kb && vb == 1) COPY(a);
        if (ka && va == 1) COPY(b);
        break;
    case IR_and:
        if ((ka && va == 0) || (kb && vb == 0)) CONST(0);
        if (kb && vb == ~0u) COPY(a);
        if (ka && va == ~0u) COPY(b);
        if (a == b) COPY(a);
        break;
    case IR_or:
        if ((ka && va == ~0u) || (kb && vb == ~0u)) CONST(~0u);
        if (kb && vb == 0) COPY(a);
        if (ka && va == 0) COPY(b);
        if (a == b) COPY(a);
        break;
    case IR_xor:
        if (kb && vb == 0) COPY(a);
        if (ka && va == 0) COPY(b);
        if (a == b) CONST(0);
        break;
    case IR_andc:
        if ((ka && va == 0) || (kb && vb == ~0u) || a == b) CONST(0);
        if (kb && vb == 0) COPY(a);
        break;
    case IR_shl:
    case IR_shr:
        if (kb && (vb & 31) == 0) COPY(a);
        if (ka && va == 0) CONST(0);
        break;
    case IR_sar:
    case IR_rotr:
        if (kb && (vb & 31) == 0) COPY(a);
        if (ka && (va == 0 || va == ~0u)) CONST(va);
        break;
    case IR_extract:
    case IR_sextract:
        if (ir_const_arg(op, 0) == 0 && ir_const_arg(op, 1) == 32) COPY(a);
        break;
    case IR_deposit:
        if (ir_const_arg(op, 0) == 0 && ir_const_arg(op, 1) == 32) COPY(b);
        if (ir_const_arg(op, 1) == 0) COPY(a);
        break;
    case IR_setcond:
        if ((r = decide(f, (IRCond)ir_const_arg(op, 0), a, b)) >= 0) CONST((uint32_t)r);
        break;
    case IR_movcond:
        if ((r = decide(f, (IRCond)ir_const_arg(op, 0), a, b)) >= 0) COPY(op->args[r ? 3 : 4]);
        if (op->args[3] == op->args[4]) COPY(op->args[3]);
        break;
    default:
        break;
    }
    return SIMPLE_NONE;
#undef COPY
#undef CONST
}

/* Replaces a side-effect-free op by movs when its result is known. */
static bool try_fold(Fold *f, const IROp *op)
{
    const IROpDef *d = ir_def(op);
    uint32_t in[4], out[2], v;
    bool all_const = true;
    IRTemp copy;
    for (uint32_t k = 0; k < d->nb_in; k++)
        all_const &= get_const(f, op->args[d->nb_out + k], &in[k]);
    if (all_const && ir_eval_pure(op, in, out)) {
        for (uint32_t j = 0; j < d->nb_out; j++)
            emit_mov(f, op->args[j], ir_const(f->b, out[j]));
        return true;
    }
    if (d->nb_out != 1)
        return false;
    switch (simplify(f, op, &copy, &v)) {
    case SIMPLE_COPY: emit_mov(f, op->args[0], copy); return true;
    case SIMPLE_CONST: emit_mov(f, op->args[0], ir_const(f->b, v)); return true;
    case SIMPLE_NONE: break;
    }
    return false;
}

static void do_label(Fold *f, const IROp *op)
{
    uint32_t l = op->args[0];
    if (f->nb_out && f->out[f->nb_out - 1].opc == IR_br && f->out[f->nb_out - 1].args[0] == l) {
        f->nb_out--;
        f->refs[l]--;
        f->unreachable = false;
    }
    if (f->refs[l] == 0)
        return; /* only fallen into: the block goes on */
    enter_label(f, l, !f->unreachable);
    f->unreachable = false;
    emit(f, op);
}

/* The condition that holds for (b, a) when c holds for (a, b). */
static const uint8_t cond_swapped[] = {
    [IR_COND_EQ] = IR_COND_EQ, [IR_COND_NE] = IR_COND_NE,
    [IR_COND_LT] = IR_COND_GT, [IR_COND_GE] = IR_COND_LE,
    [IR_COND_LE] = IR_COND_GE, [IR_COND_GT] = IR_COND_LT,
    [IR_COND_LTU] = IR_COND_GTU, [IR_COND_GEU] = IR_COND_LEU,
    [IR_COND_LEU] = IR_COND_GEU, [IR_COND_GTU] = IR_COND_LTU,
    [IR_COND_TSTEQ] = IR_COND_TSTEQ, [IR_COND_TSTNE] = IR_COND_TSTNE,
    [IR_COND_ALWAYS] = IR_COND_ALWAYS, [IR_COND_NEVER] = IR_COND_NEVER,
};

/* Puts a constant operand second, where backends take immediates, and
 * turns "sub x, c" into "add x, -c" so that value numbering sees that
 * "sp - 4" and "sp + -4" (ARM push sequences) are one value. */
static void canonicalize(Fold *f, IROp *op)
{
    IRBlock *b = f->b;
    uint32_t x = 0, y = 1, c;
    switch ((IROpcode)op->opc) {
    case IR_add: case IR_mul: case IR_and: case IR_or: case IR_xor:
        x = 1, y = 2;
        break;
    case IR_setcond: case IR_movcond:
        x = 1, y = 2;
        /* fall through */
    case IR_brcond:
        c = ir_const_arg(op, 0);
        if (ir_is_const(b, op->args[x]) && !ir_is_const(b, op->args[y]) && c < sizeof(cond_swapped))
            op->args[ir_nb_args(op) - ir_def(op)->nb_const] = cond_swapped[c];
        break;
    case IR_sub:
        if (ir_is_const(b, op->args[2]) && !ir_is_const(b, op->args[1]) && b->temps[op->args[2]].value) {
            op->opc = IR_add;
            op->args[2] = ir_const(b, 0u - b->temps[op->args[2]].value);
        }
        return;
    default:
        return;
    }
    if (ir_is_const(b, op->args[x]) && !ir_is_const(b, op->args[y])) {
        IRTemp t = op->args[x];
        op->args[x] = op->args[y];
        op->args[y] = t;
    }
}

/* Index in the output of the op that last wrote t within the current
 * block (back to the last label), or UINT32_MAX, also if something may
 * have written it since. */
static uint32_t last_write(const Fold *f, IRTemp t)
{
    for (uint32_t i = f->nb_out; i-- > 0;) {
        const IROp *op = &f->out[i];
        if (ir_op_writes(op, t))
            return i;
        if (op->opc == IR_label || ir_op_may_write(f->b, op, t))
            return UINT32_MAX;
    }
    return UINT32_MAX;
}

static bool written_since(const Fold *f, uint32_t at, IRTemp t)
{
    for (uint32_t i = at + 1; i < f->nb_out; i++)
        if (ir_op_may_write(f->b, &f->out[i], t))
            return true;
    return false;
}

/* Selects the if-conversion of `ite hs; movhs r4, #1; movlo r4, #0`
 * makes (gcc's way to a boolean):
 *     movcond r4, c, 0, ne, $1, r4;  movcond r4, c, 0, eq, $0, r4
 * The second picks its "else" value only where the first picked its
 * "then" value, so that is what it reads: movcond r4, c, 0, eq, $0, $1,
 * which is a setcond. */
static void fold_select(Fold *f, IROp *op)
{
    IRTemp x = op->args[1], y = op->args[2];
    IRCond c = (IRCond)ir_const_arg(op, 0);
    uint32_t at = last_write(f, op->args[4]);
    if (at != UINT32_MAX) {
        const IROp *in = &f->out[at];
        if (in->opc == IR_movcond && in->args[1] == x && in->args[2] == y &&
            ir_const_arg(in, 0) == ir_cond_invert(c) && c < IR_COND_ALWAYS && !written_since(f, at, x) &&
            !written_since(f, at, y) && !written_since(f, at, in->args[3]))
            op->args[4] = in->args[3];
    }
    uint32_t a, b;
    if (get_const(f, op->args[3], &a) && get_const(f, op->args[4], &b) && (a ^ b) == 1 && (a | b) == 1 &&
        c < IR_COND_ALWAYS)
        *op = (IROp){ .opc = IR_setcond, .args = { op->args[0], x, y, a ? c : ir_cond_invert(c) } };
}

static void do_op(Fold *f, IROp *op)
{
    const IROpDef *d = ir_def(op);
    for (uint32_t k = d->nb_out; k < (uint32_t)d->nb_out + d->nb_in; k++)
        op->args[k] = canon(f, op->args[k]);
    canonicalize(f, op);

    switch ((IROpcode)op->opc) {
    case IR_mov:
        emit_mov(f, op->args[0], op->args[1]);
        return;
    case IR_brcond: {
        int r = decide(f, (IRCond)ir_const_arg(op, 0), op->args[0], op->args[1]);
        uint32_t l = ir_const_arg(op, 1);
        if (r < 0) {
            leave_constants(f, l);
            emit(f, op);
        } else if (r) {
            IROp br = { .opc = IR_br, .args = { l } };
            leave_constants(f, l);
            emit(f, &br);
            f->unreachable = true;
        } else {
            f->refs[l]--;
        }
        return;
    }
    case IR_br:
        leave_constants(f, op->args[0]);
        emit(f, op);
        f->unreachable = true;
        return;
    case IR_movcond:
        fold_select(f, op);
        break;
    case IR_exit_indirect: {
        uint32_t pc, flags;
        if (get_const(f, op->args[0], &pc) && get_const(f, op->args[1], &flags))
            *op = (IROp){ .opc = IR_exit_direct, .args = { pc, flags } };
        emit(f, op);
        f->unreachable = true;
        return;
    }
    case IR_call:
        emit(f, op);
        forget(f, op->args[0]);
        if (op->helper->flags & IR_HELPER_WRITES_GLOBALS)
            forget_globals(f);
        return;
    case IR_st_env:
        emit(f, op);
        for (uint32_t g = 1; g <= f->b->nb_globals; g++)
            if (ir_env_overlaps(f->b, g, ir_const_arg(op, 0)))
                forget(f, g);
        return;
    default:
        break;
    }
    if (!(d->flags & IR_F_SIDE) && try_fold(f, op))
        return;
    emit(f, op);
    for (uint32_t j = 0; j < d->nb_out; j++)
        forget(f, op->args[j]);
    if ((d->flags & IR_F_BB_END) && !(d->flags & IR_F_MEM) && op->opc != IR_brcond)
        f->unreachable = true; /* br and the exits */
}

/* The per-temp state that forget_all resets: kept from TU to TU and left
 * clean ("unknown, alone", nothing on klist) at the end of every run, so
 * that a TU pays neither for clearing nor for allocating it. Translation
 * holds tcg_cache_lock, so one copy serves every thread. */
static struct {
    bool *known, *in_klist;
    IRTemp *next, *prev, *klist;
    uint32_t cap;
} clean;

static void *fold_grow(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        ferry_die("out of memory in constant folding");
    return p;
}

static void clean_reserve(uint32_t n)
{
    if (n <= clean.cap)
        return;
    uint32_t cap = clean.cap ? clean.cap : 64;
    while (cap < n)
        cap *= 2;
    clean.known = fold_grow(clean.known, cap * sizeof(bool));
    clean.in_klist = fold_grow(clean.in_klist, cap * sizeof(bool));
    clean.next = fold_grow(clean.next, cap * sizeof(IRTemp));
    clean.prev = fold_grow(clean.prev, cap * sizeof(IRTemp));
    clean.klist = fold_grow(clean.klist, cap * sizeof(IRTemp));
    for (uint32_t t = clean.cap; t < cap; t++) {
        clean.known[t] = clean.in_klist[t] = false;
        clean.next[t] = clean.prev[t] = t;
    }
    clean.cap = cap;
}

void ir_opt_fold(IRBlock *b)
{
    Fold f = { .b = b, .n0 = b->nb_temps };
    uint32_t n = f.n0 ? f.n0 : 1;
    ir_opt_scratch_reset();
    clean_reserve(n);
    f.known = clean.known;
    f.in_klist = clean.in_klist;
    f.next = clean.next;
    f.prev = clean.prev;
    f.klist = clean.klist;
    /* val and seq are written before they are read (when a temp becomes
     * known or joins a ring). */
    f.val = ir_opt_scratch_uninit(n * sizeof(uint32_t));
    f.seq = ir_opt_scratch_uninit(n * sizeof(uint32_t));
    f.refs = ir_opt_scratch((b->nb_labels + 1) * sizeof(uint32_t));
    f.backward = ir_opt_scratch((b->nb_labels + 1) * sizeof(bool));
    f.snap = ir_opt_scratch((b->nb_labels + 1) * sizeof(*f.snap));
    bool *seen = ir_opt_scratch((b->nb_labels + 1) * sizeof(bool));
    uint32_t cap;
    f.out = ir_opt_ops_buf(2 * b->nb_ops + 1, &cap);

    for (uint32_t i = 0; i < b->nb_ops; i++) {
        const IROp *op = &b->ops[i];
        uint32_t l = op->opc == IR_br ? op->args[0] : op->opc == IR_brcond ? ir_const_arg(op, 1) : UINT32_MAX;
        if (op->opc == IR_label)
            seen[op->args[0]] = true;
        if (l == UINT32_MAX)
            continue;
        f.refs[l]++;
        f.backward[l] |= seen[l];
    }
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        IROp op = b->ops[i];
        if (op.opc == IR_label) {
            do_label(&f, &op);
        } else if (f.unreachable) {
            if (op.opc == IR_br)
                f.refs[op.args[0]]--;
            else if (op.opc == IR_brcond)
                f.refs[ir_const_arg(&op, 1)]--;
        } else {
            do_op(&f, &op);
        }
    }
    forget_all(&f); /* leaves the kept state clean for the next run */
    ir_opt_replace_ops(b, f.out, f.nb_out, cap);
}
