/*
 * Register allocation: see regalloc.h for the scheme. The only host
 * knowledge here is the four moves (reg<-reg, reg<-imm, reg<-memory,
 * memory<-reg) and where a temp lives in memory (the CPU state at the
 * pinned register for globals, a frame slot for locals).
 */
#include "regalloc.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

/* Allocation order: callee-saved first (they survive helper calls), the
 * registers with fixed roles (rcx for shifts, rax/rdx for mul2) last. */
static const X86Reg ra_order[] = {
    X86_RBX, X86_R12, X86_R13, X86_R15, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_RDX, X86_RCX, X86_RAX,
};
#define RA_NB_REGS (sizeof(ra_order) / sizeof(ra_order[0]))
#define RA_ALLOCATABLE ((1u << X86_RBX) | (1u << X86_R12) | (1u << X86_R13) | (1u << X86_R15) | \
                        (1u << X86_RSI) | (1u << X86_RDI) | (1u << X86_R8) | (1u << X86_R9) |   \
                        (1u << X86_R10) | (1u << X86_RDX) | (1u << X86_RCX) | (1u << X86_RAX))

void ra_init(RegAlloc *ra) { memset(ra, 0, sizeof(*ra)); }

void ra_free(RegAlloc *ra)
{
    free(ra->reg);
    free(ra->mem_ok);
    free(ra->cval_ok);
    free(ra->cval);
    free(ra->cross);
    free(ra->slot);
    free(ra->last_use);
    free(ra->cval_bits);
    free(ra->pin_written);
    free(ra->cand_mark);
    memset(ra, 0, sizeof(*ra));
}

static void *ra_grow(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        ferry_die("out of memory in the register allocator");
    return p;
}

bool ra_begin(RegAlloc *ra, const IRBlock *blk, X86Buf *buf)
{
    uint32_t n = blk->nb_temps;
    if (n > ra->cap_temps) {
        ra->reg = ra_grow(ra->reg, n);
        ra->mem_ok = ra_grow(ra->mem_ok, n);
        ra->cval_ok = ra_grow(ra->cval_ok, n);
        ra->cval = ra_grow(ra->cval, n * sizeof(uint32_t));
        ra->cross = ra_grow(ra->cross, n);
        ra->slot = ra_grow(ra->slot, n * sizeof(int32_t));
        ra->last_use = ra_grow(ra->last_use, n * sizeof(uint32_t));
        ra->pin_written = ra_grow(ra->pin_written, n);
        ra->cand_mark = ra_grow(ra->cand_mark, n);
        memset(ra->cand_mark, 0, n);
        ra->cap_temps = n;
    }
    uint32_t words = blk->nb_globals / 64 + 1; /* bit t for global t */
    if (words > ra->cval_words) {
        ra->cval_bits = ra_grow(ra->cval_bits, words * sizeof(uint64_t));
        ra->cval_words = words;
    }
    memset(ra->cval_bits, 0, ra->cval_words * sizeof(uint64_t));
    ra->blk = blk;
    ra->buf = buf;
    ra->op_index = 0;
    ra->locked = 0;
    ra->pinned = 0;
    ra->nb_slots = 0;
    memset(ra->reg_temp, 0, sizeof(ra->reg_temp));
    ra->used = 0;
    memset(ra->reg, -1, n);
    memset(ra->mem_ok, 1, n);     /* globals in the state, consts anywhere */
    memset(ra->cval_ok, 0, n);
    memset(ra->cross, 0, n);
    memset(ra->slot, -1, n * sizeof(int32_t));
    memset(ra->last_use, 0, n * sizeof(uint32_t));

    /* Liveness: last reference, and whether a local spans a label (the
     * only place where registers are forgotten and values come from
     * memory; a conditional branch's fall-through keeps its registers,
     * and a local used on both sides of one but of no label is never
     * needed at a branch target). The region a temp was first seen in is
     * kept in slot[] for the pass. */
    /* Globals (temps 1..nb_globals) need none of this: their liveness is
     * answered from their kind, and they never get a slot; so only temps
     * above nb_globals are tracked (IR_NONE, 0, is below too). */
    const uint32_t ng = blk->nb_globals;
    const IROp *ops = blk->ops;
    const uint32_t nops = blk->nb_ops;
    uint32_t *last_use = ra->last_use;
    int32_t *slot = ra->slot;
    uint8_t *cross = ra->cross;
    int32_t bb = 0;
    for (uint32_t i = 0; i < nops; i++) {
        const IROp *op = &ops[i];
        const IROpDef *d = ir_def(op);
        const unsigned na = (unsigned)d->nb_out + d->nb_in;
        for (unsigned k = 0; k < na; k++) {
            IRTemp t = op->args[k];
            if (t <= ng)
                continue;
            last_use[t] = i;
            int32_t s0 = slot[t];
            if (s0 < 0)
                slot[t] = bb;
            else if (s0 != bb)
                cross[t] = 1;
        }
        if (op->opc == IR_label)
            bb++;
    }
    for (uint32_t t = ng + 1; t < n; t++) {
        slot[t] = -1;
        if (cross[t]) {
            if (blk->temps[t].kind != IR_TEMP_LOCAL)
                cross[t] = 0;
            else
                slot[t] = (int32_t)ra->nb_slots++;
        }
    }
    return ra->nb_slots <= RA_FRAME_SLOTS;
}

/* cval_ok[] and its bit set change together. */
static void ra_cval_set(RegAlloc *ra, IRTemp t, uint32_t v)
{
    ra->cval_ok[t] = 1;
    ra->cval[t] = v;
    ra->cval_bits[t / 64] |= 1ull << (t % 64);
}

static void ra_cval_clear(RegAlloc *ra, IRTemp t)
{
    if (!ra->cval_ok[t])
        return;
    ra->cval_ok[t] = 0;
    ra->cval_bits[t / 64] &= ~(1ull << (t % 64));
}

/* Calls body with t bound to each global whose cval_ok is set. */
#define RA_FOR_CVAL(ra, t, body)                                               \
    for (uint32_t w_ = 0; w_ < (ra)->cval_words; w_++)                         \
        for (uint64_t m_ = (ra)->cval_bits[w_]; m_; m_ &= m_ - 1) {            \
            IRTemp t = w_ * 64 + (uint32_t)__builtin_ctzll(m_);                \
            body                                                               \
        }

static X86Mem ra_home(RegAlloc *ra, IRTemp t)
{
    if (ra->blk->temps[t].kind == IR_TEMP_GLOBAL)
        return x86_mem(RA_REG_ENV, (int32_t)ra->blk->temps[t].value);
    if (ra->slot[t] < 0) {
        if (ra->nb_slots >= RA_FRAME_SLOTS)
            ferry_die("translation unit needs more than %d spill slots", RA_FRAME_SLOTS);
        ra->slot[t] = (int32_t)ra->nb_slots++;
    }
    return x86_mem(X86_RSP, ra->slot[t] * 4);
}

/* Is t's value needed after the current op? */
/* A global's value from op `from` on is dead if the next op that touches
 * it overwrites it: scanning forward, a plain write (output) before any
 * read, and before anything that may look at the CPU state (a memory op's
 * fault map, a call, ld_env/st_env, a branch, a label or an exit). */
#define RA_DEAD_SCAN 64u

static __attribute__((noinline)) bool ra_global_dead_from(const RegAlloc *ra, IRTemp t, uint32_t from)
{
    const IRBlock *b = ra->blk;
    for (uint32_t i = from; i < b->nb_ops && i < from + RA_DEAD_SCAN; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        for (unsigned k = d->nb_out; k < (unsigned)d->nb_out + d->nb_in; k++)
            if (op->args[k] == t)
                return false;
        if ((d->flags & (IR_F_MEM | IR_F_CALL | IR_F_BB_END | IR_F_EXIT)) || op->opc == IR_ld_env ||
            op->opc == IR_st_env)
            return false;
        for (unsigned k = 0; k < d->nb_out; k++)
            if (op->args[k] == t)
                return true;
    }
    return false;
}

static inline __attribute__((always_inline)) bool ra_live_after(const RegAlloc *ra, IRTemp t)
{
    /* Cold code: no scan ahead; a global is assumed read again. Temps
     * 1..nb_globals are the globals (t is never IR_NONE here). */
    if (t <= ra->blk->nb_globals)
        return !ra->blk->hot || !ra_global_dead_from(ra, t, ra->op_index + 1);
    if (ra->cross[t])
        return true;
    return ra->last_use[t] > ra->op_index;
}

/* Is t's value needed by the current op or later? (While the current op's
 * operands are being placed, its own inputs still count.) */
static inline __attribute__((always_inline)) bool ra_live_from(const RegAlloc *ra, IRTemp t)
{
    if (t <= ra->blk->nb_globals || ra->cross[t]) /* a global, or spans a label */
        return true;
    return ra->last_use[t] >= ra->op_index;
}

static void ra_assign(RegAlloc *ra, IRTemp t, X86Reg r)
{
    ra->reg_temp[r] = t;
    ra->used |= (uint16_t)(1u << r);
    ra->reg[t] = (int8_t)r;
}

bool ra_is_pinned(const RegAlloc *ra, IRTemp t)
{
    return ra->reg[t] >= 0 && (ra->pinned >> ra->reg[t]) & 1;
}

static void ra_unassign(RegAlloc *ra, X86Reg r)
{
    IRTemp t = ra->reg_temp[r];
    if (t != IR_NONE)
        ra->reg[t] = -1;
    ra->reg_temp[r] = IR_NONE;
    ra->used &= (uint16_t)~(1u << r);
}

/* Make memory current for t (if anyone will read it). */
static void ra_store(RegAlloc *ra, IRTemp t)
{
    if (ra->mem_ok[t])
        return;
    if (ra->reg[t] < 0) {
        if (ra->cval_ok[t]) {
            x86_emit_store_i32(ra->buf, ra_home(ra, t), (int32_t)ra->cval[t]);
            ra->mem_ok[t] = 1;
        }
        return;
    }
    if (!ra_live_from(ra, t))
        return;
    x86_emit_store32(ra->buf, ra_home(ra, t), (X86Reg)ra->reg[t]);
    ra->mem_ok[t] = 1;
}

static X86Reg ra_pick(RegAlloc *ra, uint16_t avoid)
{
    /* The free registers as a bit set: the first of ra_order in it, with
     * no look at reg_temp[]. */
    uint32_t avail = RA_ALLOCATABLE & ~(uint32_t)(ra->locked | avoid | ra->used);
    if (!avail)
        return X86_NOREG;
    for (unsigned i = 0;; i++) {
        X86Reg r = ra_order[i];
        if (avail & (1u << r))
            return r;
    }
}

/* Empty register r: move its value to a free register outside avoid, or
 * write it to memory. */
static void ra_evict(RegAlloc *ra, X86Reg r, uint16_t avoid)
{
    IRTemp t = ra->reg_temp[r];
    if (t == IR_NONE)
        return;
    if (ra_live_from(ra, t) && !ra->mem_ok[t]) {
        X86Reg n = ra_pick(ra, avoid | (1u << r));
        if (n != X86_NOREG) {
            x86_emit_mov_rr32(ra->buf, n, r);
            ra_unassign(ra, r);
            ra_assign(ra, t, n);
            return;
        }
        ra_store(ra, t);
    }
    ra_unassign(ra, r);
}

/* Ops from the current one until each candidate temp is read again
 * within the current basic block (a write first, or the block's end,
 * counts as never: at a label every register is forgotten anyway). One
 * bounded scan for all candidates: the ops' arguments are checked against
 * a per-temp mark, not once per candidate. */
#define RA_NEXT_USE_SCAN 128u
#define RA_NEVER (RA_NEXT_USE_SCAN + 1)

static void ra_next_uses(RegAlloc *ra, const IRTemp *cand, unsigned n, uint32_t *dist)
{
    const IRBlock *b = ra->blk;
    uint8_t *mark = ra->cand_mark;   /* candidate index + 1, 0 for others */
    for (unsigned c = 0; c < n; c++) {
        mark[cand[c]] = (uint8_t)(c + 1);
        dist[c] = RA_NEVER;
    }
    unsigned left = n;
    uint32_t end = ra->op_index + RA_NEXT_USE_SCAN;
    for (uint32_t i = ra->op_index; left && i < b->nb_ops && i < end; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        /* Reads first: an op that reads and writes a temp reads it. */
        for (unsigned k = d->nb_out; k < (unsigned)d->nb_out + d->nb_in; k++) {
            unsigned c = mark[op->args[k]];
            if (c) {
                dist[c - 1] = i - ra->op_index;
                mark[op->args[k]] = 0;
                left--;
            }
        }
        for (unsigned k = 0; k < d->nb_out; k++) {
            unsigned c = mark[op->args[k]];
            if (c) {
                mark[op->args[k]] = 0;   /* overwritten: never read again */
                left--;
            }
        }
        if (op->opc == IR_label || (d->flags & IR_F_EXIT))
            break;
    }
    for (unsigned c = 0; c < n; c++)
        mark[cand[c]] = 0;
}

/* A register not locked and not in avoid, emptied if necessary. */
static X86Reg ra_alloc(RegAlloc *ra, uint16_t avoid)
{
    X86Reg r = ra_pick(ra, avoid);
    if (r != X86_NOREG)
        return r;
    /* A dead value if there is one (the first in allocation order); else
     * the value read again furthest ahead (Belady), a clean one (no store
     * needed) on a tie, the first in allocation order on a full tie. */
    X86Reg victim = X86_NOREG;
    X86Reg creg[RA_NB_REGS];
    IRTemp cand[RA_NB_REGS];
    unsigned n = 0;
    uint32_t best = 0;
    bool dead = false;
    for (unsigned i = 0; i < RA_NB_REGS; i++) {
        X86Reg c = ra_order[i];
        if ((ra->locked | avoid | ra->pinned) & (1u << c))
            continue;
        IRTemp t = ra->reg_temp[c];
        if (!ra_live_from(ra, t)) {
            victim = c;
            dead = true;
            break;
        }
        /* Cold code: the scan ahead costs more than it saves. */
        if (!ra->blk->hot) {
            if (victim == X86_NOREG || (ra->mem_ok[t] && !best)) {
                victim = c;
                best = ra->mem_ok[t];
            }
            continue;
        }
        creg[n] = c;
        cand[n++] = t;
    }
    if (!dead && n) {
        uint32_t dist[RA_NB_REGS];
        ra_next_uses(ra, cand, n, dist);
        for (unsigned c = 0; c < n; c++) {
            uint32_t score = dist[c] * 2 + ra->mem_ok[cand[c]];
            if (victim == X86_NOREG || score > best) {
                victim = creg[c];
                best = score;
            }
        }
    }
    if (victim == X86_NOREG)
        ferry_die("register allocator: no register left");
    ra_evict(ra, victim, avoid);
    return victim;
}

/* Bring t's value into register r (which is empty or holds t). */
static void ra_fill(RegAlloc *ra, IRTemp t, X86Reg r)
{
    const IRTempInfo *ti = &ra->blk->temps[t];
    if (ti->kind == IR_TEMP_CONST)
        x86_emit_mov_ri32(ra->buf, r, ti->value);
    else if (ra->cval_ok[t]) {
        /* From now on the register is the value's home. */
        x86_emit_mov_ri32(ra->buf, r, ra->cval[t]);
        ra_cval_clear(ra, t);
    }
    else if (ti->kind == IR_TEMP_GLOBAL || ra->slot[t] >= 0)
        x86_emit_load32(ra->buf, r, ra_home(ra, t));
    /* else: a local read before any write; its value is undefined. */
}

/* The fixed-register letters. */
static const struct { char c; X86Reg reg; } ra_fixed_letters[] = {
    { 'a', X86_RAX }, { 'c', X86_RCX }, { 'd', X86_RDX }, { 'S', X86_RSI }, { '8', X86_R8 },
};

RaCons ra_parse_cons(const char *s)
{
    RaCons c = { .fixed = X86_NOREG, .alias = -1 };
    for (; s && *s; s++) {
        bool known = true;
        if (*s == 'i')
            c.imm = true;
        else if (*s == 'p')
            c.prefer_in0 = true;
        else if (*s == 'l')
            c.late = true;
        else if (*s >= '0' && *s <= '3')
            c.alias = (int8_t)(*s - '0');
        else if (*s != 'r') {
            known = false;
            for (size_t i = 0; i < sizeof(ra_fixed_letters) / sizeof(ra_fixed_letters[0]); i++)
                if (ra_fixed_letters[i].c == *s) {
                    c.fixed = (int8_t)ra_fixed_letters[i].reg;
                    known = true;
                }
        }
        if (!known)
            ferry_die("register allocator: unknown constraint letter '%c'", *s);
    }
    return c;
}

static bool ra_is_fixed(const RaCons *c) { return c->fixed != X86_NOREG; }

/* Does the constant t satisfy constraint c as an immediate? */
static bool ra_imm_ok(const RegAlloc *ra, IRTemp t, const RaCons *c)
{
    return c->imm && (ra->blk->temps[t].kind == IR_TEMP_CONST || (ra->cval_ok[t] && ra->reg[t] < 0));
}

static uint32_t ra_imm_value(const RegAlloc *ra, IRTemp t)
{
    return ra->blk->temps[t].kind == IR_TEMP_CONST ? ra->blk->temps[t].value : ra->cval[t];
}

void ra_op(RegAlloc *ra, const IROp *op, const RaCons *cons, uint16_t clobber, RaLoc *loc)
{
    const IROpDef *d = ir_def(op);
    unsigned nout = d->nb_out, nin = d->nb_in;
    ra->locked = 0;
    uint16_t out_fixed = 0;
    for (unsigned k = 0; k < nout; k++)
        if (op->args[k] != IR_NONE && ra_is_fixed(&cons[k]))
            out_fixed |= 1u << cons[k].fixed;
    uint16_t kill = clobber | out_fixed;

    /* 1. Fixed-register inputs first: the value is copied there (or
     *    loaded there if it lives nowhere else). */
    for (unsigned k = 0; k < nin; k++) {
        IRTemp t = op->args[nout + k];
        const RaCons *c = &cons[nout + k];
        if (t == IR_NONE) {
            loc[nout + k] = (RaLoc){ false, 0, 0 };
            continue;
        }
        if (!ra_is_fixed(c) || ra_imm_ok(ra, t, c))
            continue;
        X86Reg r = (X86Reg)c->fixed;
        if (ra->reg[t] != (int8_t)r) {
            ra_evict(ra, r, kill);
            if (ra->reg[t] >= 0) {
                x86_emit_mov_rr32(ra->buf, r, (X86Reg)ra->reg[t]);
            } else {
                ra_fill(ra, t, r);
                ra_assign(ra, t, r);
            }
        }
        ra->locked |= 1u << r;
        loc[nout + k] = (RaLoc){ false, r, 0 };
    }
    /* 2. Other inputs: immediates where allowed, else any register. */
    for (unsigned k = 0; k < nin; k++) {
        IRTemp t = op->args[nout + k];
        const RaCons *c = &cons[nout + k];
        if (t == IR_NONE)
            continue;
        bool imm = ra_imm_ok(ra, t, c);
        if (ra_is_fixed(c) && !imm)
            continue;
        if (imm) {
            loc[nout + k] = (RaLoc){ true, X86_NOREG, ra_imm_value(ra, t) };
            continue;
        }
        if (ra->reg[t] < 0) {
            X86Reg r = ra_alloc(ra, kill);
            ra_fill(ra, t, r);
            ra_assign(ra, t, r);
        }
        ra->locked |= 1u << ra->reg[t];
        loc[nout + k] = (RaLoc){ false, (X86Reg)ra->reg[t], 0 };
    }
    /* 3. Registers the op destroys: values there that must survive move
     *    out first (an input keeps its register for this op as a copy). */
    for (uint32_t m = kill; m; m &= m - 1) { /* the set bits only */
        unsigned r = (unsigned)__builtin_ctz(m);
        if (ra->reg_temp[r] == IR_NONE)
            continue;
        IRTemp t = ra->reg_temp[r];
        if (ra->locked & (1u << r)) {
            if (ra_live_after(ra, t)) {
                X86Reg n = ra_alloc(ra, kill);
                x86_emit_mov_rr32(ra->buf, n, (X86Reg)r);
                ra_unassign(ra, (X86Reg)r);
                ra_assign(ra, t, n);
            } else {
                ra_unassign(ra, (X86Reg)r);
            }
        } else {
            ra_evict(ra, (X86Reg)r, kill);
        }
    }
    /* 4. Outputs. */
    for (unsigned k = 0; k < nout; k++) {
        IRTemp t = op->args[k];
        const RaCons *c = &cons[k];
        if (t == IR_NONE) {
            loc[k] = (RaLoc){ false, 0, 0 };
            continue;
        }
        X86Reg r;
        /* A pinned global is computed in its own register where the op
         * allows; else in another one and copied there (ra_op_done). Its
         * register is locked only if the global is also an input, which
         * a late output ('l') may overwrite anyway. */
        bool pinned_out = ra_is_pinned(ra, t);
        X86Reg pin = pinned_out ? (X86Reg)ra->reg[t] : X86_NOREG;
        bool pin_free = pinned_out && (!(ra->locked & (1u << pin)) || c->late);
        if (c->alias >= 0) {
            unsigned in = (unsigned)c->alias;
            RaLoc *src = &loc[nout + in];
            if (src->is_imm)
                ferry_die("register allocator: aliased input is an immediate");
            r = src->reg;
            if (r != pin && (pin_free || (ra->pinned & (1u << r)))) {
                /* The input's value goes to a register the op may
                 * destroy: the pinned output's own, or a fresh one when
                 * the input is a pinned global that must survive. */
                X86Reg n = pin_free ? pin : ra_alloc(ra, kill);
                x86_emit_mov_rr32(ra->buf, n, r);
                ra->locked |= 1u << n;
                loc[k] = (RaLoc){ false, n, 0 };
                continue;
            }
            /* With two outputs, an aliased register read again by another
             * input would be clobbered before that read: use a copy. */
            bool shared = false;
            if (nout > 1)
                for (unsigned j = 0; j < nin; j++)
                    if (j != in && !loc[nout + j].is_imm && op->args[nout + j] != IR_NONE &&
                        loc[nout + j].reg == r)
                        shared = true;
            IRTemp holder = ra->reg_temp[r];
            if (shared) {
                X86Reg n = ra_alloc(ra, kill);
                x86_emit_mov_rr32(ra->buf, n, r);
                r = n;
            } else if (holder != IR_NONE && holder != t && ra_live_after(ra, holder)) {
                /* The input's temp lives on: it moves, this register
                 * becomes the output. */
                X86Reg n = ra_alloc(ra, kill);
                x86_emit_mov_rr32(ra->buf, n, r);
                ra_unassign(ra, r);
                ra_assign(ra, holder, n);
            } else if (holder != IR_NONE && holder != t) {
                ra_unassign(ra, r);
            }
        } else if (c->prefer_in0) {
            const RaLoc *src = &loc[nout];
            IRTemp holder = src->is_imm ? IR_NONE : ra->reg_temp[src->reg];
            if (pin_free) {
                r = pin;
            } else if (!src->is_imm && (holder == IR_NONE || holder == t ||
                                        (!ra_live_after(ra, holder) && !ra_is_pinned(ra, holder)))) {
                r = src->reg;
                if (holder != IR_NONE && holder != t)
                    ra_unassign(ra, r);
            } else {
                r = ra_alloc(ra, kill);
            }
        } else if (ra_is_fixed(c)) {
            r = (X86Reg)c->fixed;
        } else if (pin_free) {
            r = pin;
        } else {
            r = ra_alloc(ra, kill);
        }
        ra->locked |= 1u << r;
        loc[k] = (RaLoc){ false, r, 0 };
    }
}

void ra_op_done(RegAlloc *ra, const IROp *op, const RaLoc *loc)
{
    const IROpDef *d = ir_def(op);
    unsigned nout = d->nb_out, nin = d->nb_in;
    ra->locked = 0;
    /* Inputs at their last use free their register. */
    for (unsigned k = 0; k < nin; k++) {
        IRTemp t = op->args[nout + k];
        if (t == IR_NONE || ra->reg[t] < 0 || ra_is_pinned(ra, t) || ra_live_after(ra, t))
            continue;
        ra_unassign(ra, (X86Reg)ra->reg[t]);
    }
    for (unsigned k = 0; k < nout; k++) {
        IRTemp t = op->args[k];
        if (t == IR_NONE)
            continue;
        X86Reg r = loc[k].reg;
        if (ra_is_pinned(ra, t)) {
            if (r != (X86Reg)ra->reg[t])
                x86_emit_mov_rr32(ra->buf, (X86Reg)ra->reg[t], r);
            ra->mem_ok[t] = 0;
            continue;
        }
        if (ra->reg[t] >= 0 && ra->reg[t] != (int8_t)r)
            ra_unassign(ra, (X86Reg)ra->reg[t]);
        if (ra->reg_temp[r] != IR_NONE && ra->reg_temp[r] != t)
            ra_unassign(ra, r);
        ra_assign(ra, t, r);
        ra->mem_ok[t] = 0;
        ra_cval_clear(ra, t);
        if (!ra_live_after(ra, t))
            ra_unassign(ra, r);
    }
}

/* A dirty global is in a register (found through reg_temp[]) or is a
 * constant with no register (found through cval_bits[]): neither walk
 * visits every global. */
static TcgFaultReg ra_fault_reg(const RegAlloc *ra, IRTemp t, unsigned reg, uint32_t value)
{
    return (TcgFaultReg){ (uint16_t)ra->blk->temps[t].value, (uint8_t)reg, value };
}

unsigned ra_dirty_globals(const RegAlloc *ra, TcgFaultReg *out)
{
    unsigned n = 0;
    for (uint32_t m = ra->used; m; m &= m - 1) { /* the busy registers */
        unsigned r = (unsigned)__builtin_ctz(m);
        IRTemp t = ra->reg_temp[r];
        if (t > ra->blk->nb_globals || ra->mem_ok[t])
            continue;
        out[n++] = ra_fault_reg(ra, t, r, 0);
    }
    RA_FOR_CVAL(ra, t, {
        if (ra->mem_ok[t] || ra->reg[t] >= 0)
            continue;
        out[n++] = ra_fault_reg(ra, t, RA_CONST_REG, ra->cval[t]);
    })
    return n;
}

void ra_set_global_const(RegAlloc *ra, IRTemp t, uint32_t v)
{
    if (ra->reg[t] >= 0)
        ra_unassign(ra, (X86Reg)ra->reg[t]);
    ra_cval_set(ra, t, v);
    ra->mem_ok[t] = 0;
}

/* Globals holding a known constant and no register. */
static void ra_store_const_globals(RegAlloc *ra, bool forget)
{
    RA_FOR_CVAL(ra, t, {
        if (ra->reg[t] < 0)
            ra_store(ra, t);
        if (forget)
            ra_cval_clear(ra, t);
    })
}

void ra_sync_globals(RegAlloc *ra)
{
    ra_store_const_globals(ra, false);
    for (unsigned r = 0; r < 16; r++) {
        IRTemp t = ra->reg_temp[r];
        if (t != IR_NONE && ra->blk->temps[t].kind == IR_TEMP_GLOBAL)
            ra_store(ra, t);
    }
}

/* A pinned global's memory copy is the truth (a helper or st_env wrote
 * it): its register follows. */
static void ra_reload_pinned(RegAlloc *ra, IRTemp t)
{
    x86_emit_load32(ra->buf, (X86Reg)ra->reg[t], ra_home(ra, t));
    ra->mem_ok[t] = 1;
}

void ra_drop_globals(RegAlloc *ra)
{
    RA_FOR_CVAL(ra, t, { ra_cval_clear(ra, t); })
    for (unsigned r = 0; r < 16; r++) {
        IRTemp t = ra->reg_temp[r];
        if (t == IR_NONE || ra->blk->temps[t].kind != IR_TEMP_GLOBAL)
            continue;
        if (ra->pinned & (1u << r))
            ra_reload_pinned(ra, t);
        else
            ra_unassign(ra, (X86Reg)r);
    }
}

void ra_end_block(RegAlloc *ra, bool keep_locals, bool forget, bool exit)
{
    ra_store_const_globals(ra, forget);
    for (uint32_t m = ra->used; m; m &= m - 1) { /* the busy registers */
        unsigned r = (unsigned)__builtin_ctz(m);
        IRTemp t = ra->reg_temp[r];
        if (ra->pinned & (1u << r)) {
            if (exit)
                ra_store(ra, t);
            if (forget)
                ra->mem_ok[t] = !ra->pin_written[t];
            continue;
        }
        IRTempKind k = ra->blk->temps[t].kind;
        if (k == IR_TEMP_GLOBAL || (keep_locals && k == IR_TEMP_LOCAL && ra->cross[t]))
            ra_store(ra, t);
        if (forget)
            ra_unassign(ra, (X86Reg)r);
    }
}

IRTemp ra_global_at(const RegAlloc *ra, uint32_t off, uint32_t size)
{
    for (uint32_t g = 1; g <= ra->blk->nb_globals; g++) {
        uint32_t go = ra->blk->temps[g].value;
        if (off < go + 4 && go < off + size)
            return g;
    }
    return IR_NONE;
}

void ra_flush_temp(RegAlloc *ra, IRTemp t)
{
    ra_store(ra, t);
}

void ra_forget_temp(RegAlloc *ra, IRTemp t)
{
    if (ra_is_pinned(ra, t)) {
        ra_reload_pinned(ra, t);
        return;
    }
    if (ra->reg[t] >= 0)
        ra_unassign(ra, (X86Reg)ra->reg[t]);
    ra->mem_ok[t] = 1;
    ra_cval_clear(ra, t);
}

void ra_discard_global(RegAlloc *ra, IRTemp t)
{
    if (ra_is_pinned(ra, t))
        ra->mem_ok[t] = 1; /* no write-back: the value is dead */
    else
        ra_forget_temp(ra, t);
}

/* Pin registers in the order they are handed out: callee-saved first
 * (helper calls keep them), then caller-saved ones that no op constraint
 * names (so no fixed operand or clobber ever displaces a pinned value). */
static const X86Reg ra_pin_order[] = { X86_RBX, X86_R12, X86_R13, X86_R15, X86_RDI, X86_R9, X86_R10 };
/* With helper calls, two callee-saved registers stay for the values that
 * live across a call. */
#define RA_PIN_WITH_CALLS 2

unsigned ra_pin_loop_globals(RegAlloc *ra, uint32_t body_end, bool has_calls, X86Reg spare)
{
    const IRBlock *b = ra->blk;
    const uint32_t ng = b->nb_globals;
    /* Loops run more often than the code around them: the uses in the
     * loop back to the unit's start (ops up to body_end) and in each loop
     * inside the unit (a label to the last branch back to it) weigh 16
     * times as much per level of nesting, up to two levels. step[i] is
     * the change of nesting depth at op i. */
    const uint32_t nops = b->nb_ops;
    uint32_t label_at[b->nb_labels + 1], loop_end[b->nb_labels + 1];
    int16_t step[nops + 1];
    memset(loop_end, 0, sizeof(loop_end));
    memset(step, 0, sizeof(step));
    for (uint32_t l = 0; l < b->nb_labels; l++)
        label_at[l] = UINT32_MAX;
    for (uint32_t i = 0; i < nops; i++) {
        const IROp *op = &b->ops[i];
        uint32_t l = op->opc == IR_br ? op->args[0] : op->opc == IR_brcond ? ir_const_arg(op, 1) : UINT32_MAX;
        if (op->opc == IR_label)
            label_at[op->args[0]] = i;
        else if (l != UINT32_MAX && label_at[l] != UINT32_MAX)
            loop_end[l] = i; /* a branch back: the loop reaches here */
    }
    for (uint32_t l = 0; l < b->nb_labels; l++)
        if (loop_end[l])
            step[label_at[l]]++, step[loop_end[l] + 1]--;
    if (body_end != UINT32_MAX && body_end < nops)
        step[0]++, step[body_end + 1]--;
    uint32_t uses[ng + 1];
    memset(uses, 0, sizeof(uses));
    int depth = 0;
    for (uint32_t i = 0; i < nops; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        depth += step[i];
        uint32_t weight = 1u << (4 * (depth < 2 ? depth : 2));
        for (unsigned k = 0; k < (unsigned)d->nb_out + d->nb_in; k++)
            if (op->args[k] != IR_NONE && op->args[k] <= ng)
                uses[op->args[k]] += weight;
    }
    /* The spare register (callee-saved) goes first in line. */
    X86Reg order[sizeof(ra_pin_order) / sizeof(ra_pin_order[0]) + 1];
    unsigned nregs = 0;
    if (spare != X86_NOREG)
        order[nregs++] = spare;
    unsigned max = nregs + (has_calls ? RA_PIN_WITH_CALLS : sizeof(ra_pin_order) / sizeof(ra_pin_order[0]));
    for (unsigned i = 0; i < sizeof(ra_pin_order) / sizeof(ra_pin_order[0]); i++)
        order[nregs++] = ra_pin_order[i];
    unsigned n = 0;
    for (; n < max; n++) {
        IRTemp best = IR_NONE;
        for (IRTemp g = 1; g <= ng; g++)
            if (uses[g] && (best == IR_NONE || uses[g] > uses[best]))
                best = g;
        if (best == IR_NONE)
            break;
        uses[best] = 0;
        X86Reg r = order[n];
        x86_emit_load32(ra->buf, r, ra_home(ra, best));
        ra_assign(ra, best, r);
        ra->pinned |= (uint16_t)(1u << r);
        ra->mem_ok[best] = 1;
        ra->pin_written[best] = 0;
    }
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        for (unsigned k = 0; k < d->nb_out; k++)
            if (op->args[k] != IR_NONE && op->args[k] <= ng && ra_is_pinned(ra, op->args[k]))
                ra->pin_written[op->args[k]] = 1;
    }
    return n;
}

void ra_loop_head(RegAlloc *ra)
{
    for (uint32_t m = ra->pinned; m; m &= m - 1) {
        IRTemp t = ra->reg_temp[__builtin_ctz(m)];
        ra->mem_ok[t] = !ra->pin_written[t];
    }
}

void ra_store_pinned(RegAlloc *ra)
{
    for (uint32_t m = ra->pinned; m; m &= m - 1)
        ra_store(ra, ra->reg_temp[__builtin_ctz(m)]);
}

/* Snapshot layout: reg_temp[16], used, then per temp reg, mem_ok, cval_ok,
 * cval, then the cval bit set. */
size_t ra_snapshot_size(const RegAlloc *ra)
{
    size_t n = ra->blk->nb_temps;
    return sizeof(ra->reg_temp) + sizeof(uint32_t) + n * (3 + sizeof(uint32_t)) + ra->cval_words * sizeof(uint64_t);
}

void ra_snapshot(const RegAlloc *ra, void *buf)
{
    size_t n = ra->blk->nb_temps;
    uint8_t *p = buf;
    memcpy(p, ra->reg_temp, sizeof(ra->reg_temp)), p += sizeof(ra->reg_temp);
    uint32_t used = ra->used;
    memcpy(p, &used, sizeof(used)), p += sizeof(used);
    memcpy(p, ra->reg, n), p += n;
    memcpy(p, ra->mem_ok, n), p += n;
    memcpy(p, ra->cval_ok, n), p += n;
    memcpy(p, ra->cval, n * sizeof(uint32_t)), p += n * sizeof(uint32_t);
    memcpy(p, ra->cval_bits, ra->cval_words * sizeof(uint64_t));
}

void ra_restore(RegAlloc *ra, const void *buf)
{
    size_t n = ra->blk->nb_temps;
    const uint8_t *p = buf;
    memcpy(ra->reg_temp, p, sizeof(ra->reg_temp)), p += sizeof(ra->reg_temp);
    uint32_t used;
    memcpy(&used, p, sizeof(used)), p += sizeof(used);
    ra->used = (uint16_t)used;
    memcpy(ra->reg, p, n), p += n;
    memcpy(ra->mem_ok, p, n), p += n;
    memcpy(ra->cval_ok, p, n), p += n;
    memcpy(ra->cval, p, n * sizeof(uint32_t)), p += n * sizeof(uint32_t);
    memcpy(ra->cval_bits, p, ra->cval_words * sizeof(uint64_t));
    ra->locked = 0;
}
