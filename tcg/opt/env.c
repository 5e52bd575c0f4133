/*
 * Pass 3a: redundant ld_env/st_env elimination within basic blocks.
 *
 * CPU-state fields that are not globals (VFP registers, the exclusive
 * monitor, TLS...) are reached with ld_env/st_env. Within a block:
 *   - a ld_env of a field whose value a temp still holds (from an earlier
 *     st_env or ld_env of it) becomes a mov from that temp;
 *   - a st_env of the value the field already holds vanishes;
 *   - a st_env overwritten by a later st_env of the same field, with
 *     nothing in between that could observe the field, vanishes.
 * Observers of the CPU state: ld_env over the field, calls (helpers get the
 * CPU pointer), IR_F_MEM ops (a fault exposes the state), exits and the
 * end of the block (another path may read it). Helpers may also write any
 * field, so calls forget everything. Offsets that overlap a global are
 * left alone (globals are the other passes' business). What is known
 * survives a brcond's fall-through, not a label.
 */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

#define ENV_SLOTS 32

typedef struct EnvSlot {
    uint32_t off;
    IRTemp value;        /* holds the field's value; IR_NONE: unknown */
    uint32_t pending;    /* index+1 of a st_env nobody has observed yet */
} EnvSlot;

typedef struct Env {
    IRBlock *b;
    EnvSlot slot[ENV_SLOTS];
    uint32_t nb_slots;
    bool *dead;
    bool changed;
} Env;

static bool overlaps(uint32_t a, uint32_t b) { return a < b + 4 && b < a + 4; }

static bool aliases_global(const IRBlock *b, uint32_t off)
{
    for (uint32_t g = 1; g <= b->nb_globals; g++)
        if (ir_env_overlaps(b, g, off))
            return true;
    return false;
}

/* Everything observed and forgotten (calls, labels). */
static void forget_all(Env *e) { e->nb_slots = 0; }

/* The state is observed: pending stores must stay. */
static void observe_all(Env *e)
{
    for (uint32_t i = 0; i < e->nb_slots; i++)
        e->slot[i].pending = 0;
}

/* Forgets slots whose value temp is t (t is being redefined). */
static void forget_value(Env *e, IRTemp t)
{
    for (uint32_t i = 0; i < e->nb_slots; i++)
        if (e->slot[i].value == t)
            e->slot[i].value = IR_NONE;
}

/* The slot for exactly off, after dropping the facts about overlapping
 * offsets (observed=true: they were read, so their stores stay). */
static EnvSlot *slot_for(Env *e, uint32_t off, bool observed)
{
    EnvSlot *found = NULL;
    for (uint32_t i = 0; i < e->nb_slots; i++) {
        EnvSlot *s = &e->slot[i];
        if (s->off == off)
            found = s;
        else if (overlaps(s->off, off)) {
            s->value = IR_NONE;
            if (observed)
                s->pending = 0;
        }
    }
    if (found)
        return found;
    if (e->nb_slots == ENV_SLOTS) {
        /* Full: forget the oldest (its pending store simply stays). */
        memmove(&e->slot[0], &e->slot[1], (ENV_SLOTS - 1) * sizeof(EnvSlot));
        e->nb_slots--;
    }
    found = &e->slot[e->nb_slots++];
    *found = (EnvSlot){ off, IR_NONE, 0 };
    return found;
}

static void do_ld(Env *e, IROp *op, uint32_t idx)
{
    uint32_t off = ir_const_arg(op, 0);
    IRTemp d = op->args[0];
    EnvSlot *s = slot_for(e, off, true);
    s->pending = 0;
    if (s->value == d) {
        e->dead[idx] = e->changed = true; /* d holds it already */
        return;
    }
    if (s->value != IR_NONE) {
        IRTemp v = s->value;
        *op = (IROp){ .opc = IR_mov, .args = { d, v } };
        e->changed = true;
        forget_value(e, d);
        return;
    }
    forget_value(e, d);
    s->value = d;
}

static void do_st(Env *e, IROp *op, uint32_t idx)
{
    uint32_t off = ir_const_arg(op, 0);
    IRTemp v = op->args[0];
    EnvSlot *s = slot_for(e, off, false);
    if (s->value == v) {
        e->dead[idx] = e->changed = true; /* already holds it */
        return;
    }
    if (s->pending)
        e->dead[s->pending - 1] = e->changed = true; /* overwritten unseen */
    s->value = v;
    s->pending = idx + 1;
}

bool ir_opt_env(IRBlock *b)
{
    /* Most TUs touch no field but globals: nothing to do then. */
    uint32_t first = 0;
    while (first < b->nb_ops && b->ops[first].opc != IR_ld_env && b->ops[first].opc != IR_st_env)
        first++;
    if (first == b->nb_ops)
        return false;
    Env e = { .b = b };
    ir_opt_scratch_reset();
    e.dead = ir_opt_scratch(b->nb_ops ? b->nb_ops : 1);
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        if ((op->opc == IR_ld_env || op->opc == IR_st_env) && !aliases_global(b, ir_const_arg(op, 0))) {
            if (op->opc == IR_ld_env)
                do_ld(&e, op, i);
            else
                do_st(&e, op, i);
            continue;
        }
        if (op->opc == IR_ld_env) {
            slot_for(&e, ir_const_arg(op, 0), true);
        } else if (op->opc == IR_st_env) {
            /* It writes a global: temps that held fields still do, but
             * that global no longer holds a field's value. */
            slot_for(&e, ir_const_arg(op, 0), false)->value = IR_NONE;
            for (uint32_t g = 1; g <= b->nb_globals; g++)
                if (ir_env_overlaps(b, g, ir_const_arg(op, 0)))
                    forget_value(&e, g);
        } else if (op->opc == IR_call || op->opc == IR_label) {
            forget_all(&e);
        } else if (d->flags & (IR_F_MEM | IR_F_BB_END)) {
            observe_all(&e);
        }
        for (uint32_t j = 0; j < d->nb_out; j++)
            if (op->args[j] != IR_NONE)
                forget_value(&e, op->args[j]);
    }
    if (e.changed)
        ir_opt_compact(b, e.dead);
    return e.changed;
}
