/*
 * Pass 3b: value numbering within basic blocks (common subexpressions).
 *
 * A side-effect-free op with one output that recomputes what an earlier op
 * of the block computed, from the same inputs, becomes a mov from the
 * earlier result (or vanishes if its output already holds it). Entries
 * live in a hash table keyed by opcode, inputs and constants (inputs of
 * commutative ops in a fixed order); instead of scanning the table when a
 * temp changes, every temp carries a version bumped at each definition,
 * and an entry is valid only while its inputs and its result keep the
 * versions they had. Globals change also at calls to helpers that write
 * them and at st_env over them. A label starts a new generation (an empty
 * table); a brcond's fall-through keeps it. Generations run on from TU to
 * TU, so the table is allocated and cleared only when it grows.
 *
 * ld_env is left to the env pass: it reads the CPU state, not temps.
 */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

typedef struct CseEntry {
    uint32_t gen;        /* valid in this generation only; 0: empty */
    IROp key;            /* the op with its output cleared */
    IRTemp result;
    uint32_t in_ver[4], out_ver;
} CseEntry;

typedef struct Cse {
    IRBlock *b;
    uint32_t *ver;
    CseEntry *tab;
    uint32_t mask;
    uint32_t gen;
} Cse;

static bool eligible(const IROp *op)
{
    const IROpDef *d = ir_def(op);
    return !(d->flags & IR_F_SIDE) && d->nb_out == 1 && op->opc != IR_mov && op->opc != IR_ld_env;
}

static uint32_t hash_key(const IROp *key)
{
    uint32_t h = 2166136261u ^ key->opc;
    for (uint32_t i = 1; i < ir_nb_args(key); i++)
        h = (h ^ key->args[i]) * 16777619u;
    return h ^ (h >> 15);
}

static bool same_key(const IROp *a, const IROp *b)
{
    return a->opc == b->opc && !memcmp(a->args, b->args, ir_nb_args(a) * sizeof(uint32_t));
}

static bool entry_valid(const Cse *c, const CseEntry *e)
{
    const IROpDef *d = ir_def(&e->key);
    for (uint32_t k = 0; k < d->nb_in; k++)
        if (c->ver[e->key.args[1 + k]] != e->in_ver[k])
            return false;
    return c->ver[e->result] == e->out_ver;
}

/* The slot holding key, or the empty slot where it would go. */
static CseEntry *probe(Cse *c, const IROp *key)
{
    for (uint32_t i = hash_key(key);; i++) {
        CseEntry *e = &c->tab[i & c->mask];
        if (e->gen != c->gen || same_key(&e->key, key))
            return e;
    }
}

static void bump(Cse *c, IRTemp t)
{
    if (t != IR_NONE)
        c->ver[t]++;
}

static void do_op(Cse *c, IROp *op)
{
    const IROpDef *d = ir_def(op);
    IROp key = *op;
    key.args[0] = IR_NONE;
    key.helper = NULL;
    if (ir_op_commutative(op->opc) && key.args[1] > key.args[2]) {
        key.args[1] = op->args[2];
        key.args[2] = op->args[1];
    }
    CseEntry *e = probe(c, &key);
    IRTemp out = op->args[0];
    if (e->gen == c->gen && entry_valid(c, e)) {
        if (e->result == out) {
            op->opc = IR_NB_OPS; /* marks the op dead */
            return;
        }
        *op = (IROp){ .opc = IR_mov, .args = { out, e->result } };
        bump(c, out);
        return;
    }
    e->gen = c->gen;
    e->key = key;
    e->result = out;
    for (uint32_t k = 0; k < d->nb_in; k++)
        e->in_ver[k] = c->ver[key.args[1 + k]];
    bump(c, out);
    e->out_ver = c->ver[out];
}

/* The table outlives the pass: entries of earlier TUs are from older
 * generations, hence empty, so a TU neither allocates nor clears it. */
static CseEntry *cse_tab;
static uint32_t cse_size, cse_gen;

bool ir_opt_cse(IRBlock *b)
{
    uint32_t size = cse_size ? cse_size : 64;
    while (size < 2 * b->nb_ops + 2)
        size *= 2;
    if (size != cse_size || cse_gen > UINT32_MAX - b->nb_ops - 2) {
        free(cse_tab);
        cse_tab = calloc(size, sizeof(CseEntry));
        if (!cse_tab)
            ferry_die("out of memory in value numbering");
        cse_size = size;
        cse_gen = 0;
    }
    Cse c = { .b = b, .tab = cse_tab, .mask = size - 1, .gen = ++cse_gen };
    ir_opt_scratch_reset();
    c.ver = ir_opt_scratch((b->nb_temps + 1) * sizeof(uint32_t));
    bool *dead = ir_opt_scratch(b->nb_ops + 1);
    bool changed = false, any_dead = false;

    for (uint32_t i = 0; i < b->nb_ops; i++) {
        IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        if (eligible(op)) {
            uint16_t opc = op->opc;
            do_op(&c, op);
            changed |= op->opc != opc;
            dead[i] = op->opc == IR_NB_OPS;
            any_dead |= dead[i];
            continue;
        }
        for (uint32_t j = 0; j < d->nb_out; j++)
            bump(&c, op->args[j]);
        if (op->opc == IR_label)
            c.gen = ++cse_gen;
        if (op->opc == IR_call && (op->helper->flags & IR_HELPER_WRITES_GLOBALS))
            for (uint32_t g = 1; g <= b->nb_globals; g++)
                bump(&c, g);
        if (op->opc == IR_st_env)
            for (uint32_t g = 1; g <= b->nb_globals; g++)
                if (ir_env_overlaps(b, g, ir_const_arg(op, 0)))
                    bump(&c, g);
    }
    if (any_dead)
        ir_opt_compact(b, dead);
    return changed;
}
