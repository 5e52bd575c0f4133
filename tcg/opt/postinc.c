/*
 * Pass 9 (hot units): write-back addressing updates the base from itself.
 *
 * `ldr r0, [r3, #4]!` and pushes come from the front end as
 *     add t, r3, $4;  guest_ld r0, t;  mov r3, t
 * (r3 may change only once the access cannot fault any more). t is read
 * twice, so the backend cannot fold the add into the access and needs a
 * register for it. Recomputing the copy from the base,
 *     add t, r3, $4;  guest_ld r0, t;  add r3, r3, $4
 * leaves the access as t's only reader: it becomes `mov eax, [ebx + 4]`
 * and the update `add ebx, 4` (tcg/x86_64/lower.c, folded addresses).
 * Post-indexed forms (`ldrb r3, [ip], #1`: the access reads ip itself)
 * lose the add before the access altogether.
 *
 * Applies when t = g + c or g - c with c a constant, g is not written
 * between the two, every other reader of t between them is the address
 * of a guest memory access, and readers after the copy are on the
 * straight path (conditional branches may lie between, no label) while g
 * keeps the value: those read g instead.
 */
#include "opt.h"

/* Is op's read of t (input k) an access's address? */
static bool address_use(const IROp *op, unsigned k)
{
    const IROpDef *d = ir_def(op);
    switch (op->opc) {
    case IR_guest_ld:
    case IR_guest_cmpxchg:
        return k == d->nb_out;
    case IR_guest_st:
        return k == 1;
    default:
        return false;
    }
}

bool ir_opt_postinc(IRBlock *b)
{
    const uint32_t n = b->nb_ops, ng = b->nb_globals;
    ir_opt_scratch_reset();
    uint32_t *reads = ir_opt_scratch(b->nb_temps * sizeof(uint32_t));
    uint32_t *def_at = ir_opt_scratch(b->nb_temps * sizeof(uint32_t)); /* index + 1; 0: none or several */
    uint8_t *defs = ir_opt_scratch(b->nb_temps);
    bool *dead = ir_opt_scratch(n * sizeof(bool));
    for (uint32_t i = 0; i < n; i++) {
        const IROp *op = &b->ops[i];
        const IROpDef *d = ir_def(op);
        for (unsigned k = 0; k < (unsigned)d->nb_out + d->nb_in; k++) {
            IRTemp t = op->args[k];
            if (k < d->nb_out) {
                defs[t] = defs[t] < 2 ? defs[t] + 1 : 2;
                def_at[t] = i + 1;
            } else {
                reads[t]++;
            }
        }
    }
    bool changed = false;
    for (uint32_t j = 0; j < n; j++) {
        IROp *mov = &b->ops[j];
        if (mov->opc != IR_mov)
            continue;
        IRTemp g = mov->args[0], t = mov->args[1];
        if (g == IR_NONE || g > ng || t <= ng || ir_is_const(b, t) || defs[t] != 1 || def_at[t] > j || !def_at[t])
            continue;
        uint32_t i = def_at[t] - 1;
        const IROp *def = &b->ops[i];
        if ((def->opc != IR_add && def->opc != IR_sub) || def->args[1] != g || !ir_is_const(b, def->args[2]))
            continue;
        /* g unchanged since, no other way in, and t read only as an
         * address in between (and by this mov). */
        bool ok = true;
        uint32_t addr_reads = 0;
        for (uint32_t m = i + 1; m < j && ok; m++) {
            const IROp *op = &b->ops[m];
            const IROpDef *d = ir_def(op);
            if (ir_op_may_write(b, op, g) || op->opc == IR_label || op->opc == IR_br)
                ok = false;
            for (unsigned k = d->nb_out; k < (unsigned)d->nb_out + d->nb_in && ok; k++)
                if (op->args[k] == t) {
                    if (address_use(op, k))
                        addr_reads++;
                    else
                        ok = false;
                }
        }
        if (!ok)
            continue;
        /* Later readers of t (copy propagation prefers the older name)
         * read g instead, on the straight path while g keeps the value. */
        uint32_t later = 0, last = j;
        for (uint32_t m = j + 1; m < n && addr_reads + 1 + later < reads[t]; m++) {
            const IROp *op = &b->ops[m];
            if (ir_op_reads(op, t)) {
                later++;
                last = m;
            }
            if (ir_op_may_write(b, op, g) || ((ir_def(op)->flags & IR_F_BB_END) && op->opc != IR_brcond))
                break;
        }
        if (reads[t] != addr_reads + 1 + later)
            continue;
        ir_replace_reads(b, j + 1, last, t, g);
        *mov = *def;
        mov->args[0] = g;
        reads[t] = addr_reads;
        dead[i] = addr_reads == 0; /* post-indexed: the access read g itself */
        changed = true;
    }
    if (changed)
        ir_opt_compact(b, dead);
    return changed;
}
