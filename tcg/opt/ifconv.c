/*
 * Pass 0 (hot units): if-conversion of short conditional regions.
 *
 * A front end translates a conditionally executed instruction (an ARM
 * condition field, a Thumb IT block) as
 *     brcond c1, c2, cond, L      -- skip when cond holds
 *     ...the instruction's ops...
 *   L:
 * The label splits the unit into basic blocks, and at a label the backend
 * forgets every register and writes every global back: a loop full of
 * IT-conditional moves and adds pays a store for each dirty guest register
 * at every one of them, and a mispredicted branch besides. When the region
 * is short and cannot fault, call out or leave, this pass computes it
 * unconditionally into fresh temps and selects the results:
 *     ...the ops, writing fresh temps instead of globals...
 *     movcond g, c1, c2, new_g, g, !cond    -- for each global written
 * which keeps the block whole. Temps written in the region and used
 * outside it are selected the same way; temps private to the region are
 * left as they are. Condition inputs that the region overwrites are
 * copied first, so every select tests the values the branch would have.
 */
#include "opt.h"

#include <string.h>

/* Longer regions cost more to run unconditionally than the branch. */
#define IFCONV_MAX_OPS 16
#define IFCONV_MAX_OUTS 6

bool ir_opt_ifconv(IRBlock *b)
{
    const uint32_t n = b->nb_ops;
    ir_opt_scratch_reset();
    uint8_t *refs = ir_opt_scratch(b->nb_labels + 1);
    ir_count_label_refs(b, refs);
    /* First and last op referencing each temp (temps added by this pass
     * are never looked up). */
    const uint32_t nt = b->nb_temps;
    uint32_t *first = ir_opt_scratch_uninit(nt * sizeof(uint32_t));
    uint32_t *last = ir_opt_scratch(nt * sizeof(uint32_t));
    memset(first, 0xff, nt * sizeof(uint32_t));
    bool any = false;
    for (uint32_t i = 0; i < n; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        any |= op->opc == IR_brcond;
        for (unsigned k = 0; k < (unsigned)d->nb_out + d->nb_in; k++) {
            IRTemp t = op->args[k];
            if (first[t] == UINT32_MAX)
                first[t] = i;
            last[t] = i;
        }
    }
    if (!any)
        return false;

    uint32_t cap;
    IROp *out = ir_opt_ops_buf(3 * n + 1, &cap);
    uint32_t m = 0;
    bool changed = false;
    for (uint32_t i = 0; i < n; i++) {
        const IROp *br = &b->ops[i];
        out[m] = *br;
        if (br->opc != IR_brcond) {
            m++;
            continue;
        }
        IRCond cond = (IRCond)ir_const_arg(br, 0);
        uint32_t label = ir_const_arg(br, 1);
        /* The region: up to the label, which only this branch targets. */
        uint32_t j = i + 1;
        while (j < n && j - i - 1 <= IFCONV_MAX_OPS && ir_op_pure(&b->ops[j]))
            j++;
        if (cond == IR_COND_ALWAYS || cond == IR_COND_NEVER || refs[label] != 1 || j >= n || j == i + 1 ||
            j - i - 1 > IFCONV_MAX_OPS || b->ops[j].opc != IR_label || b->ops[j].args[0] != label) {
            m++;
            continue;
        }
        /* What the region writes that anyone outside it sees. */
        IRTemp outs[IFCONV_MAX_OUTS];
        unsigned nouts = 0;
        bool fits = true;
        for (uint32_t k = i + 1; k < j && fits; k++) {
            const IROp *op = &b->ops[k];
            for (unsigned o = 0; o < ir_def(op)->nb_out; o++) {
                IRTemp t = op->args[o];
                bool seen_outside = t <= b->nb_globals || first[t] <= i || last[t] > j;
                bool known = false;
                for (unsigned q = 0; q < nouts; q++)
                    known |= outs[q] == t;
                if (!seen_outside || known)
                    continue;
                if (nouts == IFCONV_MAX_OUTS)
                    fits = false;
                else
                    outs[nouts++] = t;
            }
        }
        if (!fits) {
            m++;
            continue;
        }
        /* The condition's inputs, as they are before the region. */
        IRTemp c[2] = { br->args[0], br->args[1] };
        for (unsigned q = 0; q < 2; q++) {
            bool written = false;
            for (unsigned o = 0; o < nouts; o++)
                written |= outs[o] == c[q];
            if (!written)
                continue;
            IRTemp copy = ir_new_temp(b);
            out[m++] = (IROp){ .opc = IR_mov, .args = { copy, c[q] } };
            c[q] = copy;
        }
        /* The region, each visible output renamed to a fresh temp. */
        IRTemp fresh[IFCONV_MAX_OUTS];
        for (unsigned o = 0; o < nouts; o++)
            fresh[o] = IR_NONE;
        for (uint32_t k = i + 1; k < j; k++) {
            IROp op = b->ops[k];
            const IROpDef *d = ir_def(&op);
            for (unsigned a = d->nb_out; a < (unsigned)d->nb_out + d->nb_in; a++)
                for (unsigned o = 0; o < nouts; o++)
                    if (op.args[a] == outs[o] && fresh[o] != IR_NONE)
                        op.args[a] = fresh[o];
            for (unsigned a = 0; a < d->nb_out; a++)
                for (unsigned o = 0; o < nouts; o++)
                    if (op.args[a] == outs[o]) {
                        fresh[o] = ir_new_temp(b);
                        op.args[a] = fresh[o];
                    }
            out[m++] = op;
        }
        /* Select: the new value unless the branch would have skipped. */
        for (unsigned o = 0; o < nouts; o++)
            out[m++] = (IROp){ .opc = IR_movcond,
                               .args = { outs[o], c[0], c[1], fresh[o], outs[o], ir_cond_invert(cond) } };
        i = j; /* the label goes: nothing branches to it any more */
        changed = true;
    }
    if (!changed)
        return false;
    ir_opt_replace_ops(b, out, m, cap);
    return true;
}
