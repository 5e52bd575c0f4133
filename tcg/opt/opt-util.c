/*
 * Helpers shared by the optimisation passes: replacing and compacting a
 * block's op list, and a verifier for what passes are likely to break
 * (labels and branch targets), on top of ir_verify.
 */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

void ir_opt_replace_ops(IRBlock *b, IROp *ops, uint32_t n, uint32_t cap)
{
    free(b->ops);
    b->ops = ops;
    b->nb_ops = n;
    b->cap_ops = cap;
}

void ir_opt_compact(IRBlock *b, const bool *dead)
{
    uint32_t w = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        if (!dead[i])
            b->ops[w++] = b->ops[i];
    b->nb_ops = w;
}

const char *ir_opt_verify(const IRBlock *b)
{
    const char *err = ir_verify(b);
    if (err)
        return err;
    uint8_t *defined = calloc(b->nb_labels ? b->nb_labels : 1, 1);
    if (!defined)
        ferry_die("out of memory verifying the IR");
    for (uint32_t i = 0; i < b->nb_ops && !err; i++)
        if (b->ops[i].opc == IR_label && defined[b->ops[i].args[0]]++)
            err = "label defined twice";
    for (uint32_t i = 0; i < b->nb_ops && !err; i++) {
        const IROp *op = &b->ops[i];
        if ((op->opc == IR_br || op->opc == IR_brcond) && !defined[ir_const_arg(op, op->opc == IR_brcond)])
            err = "branch to an undefined label";
    }
    free(defined);
    return err;
}
