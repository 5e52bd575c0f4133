/*
 * Helpers shared by the optimisation passes: replacing and compacting a
 * block's op list, memory reused from TU to TU (so that a pass costs no
 * malloc/free per TU: startup translates hundreds of TUs), and a
 * verifier for what passes are likely to break (labels and branch
 * targets), on top of ir_verify.
 */
#include "opt.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

void ir_replace_reads(IRBlock *b, uint32_t from, uint32_t to, IRTemp t, IRTemp g)
{
    for (uint32_t m = from; m <= to && m < b->nb_ops; m++) {
        IROp *op = &b->ops[m];
        const IROpDef *d = ir_def(op);
        for (unsigned k = d->nb_out; k < (unsigned)d->nb_out + d->nb_in; k++)
            if (op->args[k] == t)
                op->args[k] = g;
    }
}

void ir_opt_compact(IRBlock *b, const bool *dead)
{
    uint32_t w = 0;
    while (w < b->nb_ops && !dead[w])
        w++; /* ops before the first dead one stay where they are */
    for (uint32_t i = w; i < b->nb_ops; i++)
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

/* ---- memory reused from TU to TU ---- */

/* Passes run one TU at a time (translation holds tcg_cache_lock), so one
 * retired op list and one scratch arena serve every thread; per-thread
 * copies would leak with each guest thread that translated. */
static IROp *spare_ops;
static uint32_t spare_cap;

void ir_opt_replace_ops(IRBlock *b, IROp *ops, uint32_t n, uint32_t cap)
{
    if (b->ops && b->cap_ops > spare_cap) {
        free(spare_ops);
        spare_ops = b->ops;
        spare_cap = b->cap_ops;
    } else {
        free(b->ops);
    }
    b->ops = ops;
    b->nb_ops = n;
    b->cap_ops = cap;
}

IROp *ir_opt_ops_buf(uint32_t need, uint32_t *cap)
{
    IROp *ops = spare_ops;
    if (!ops || spare_cap < need) {
        free(ops);
        *cap = need;
        ops = malloc((size_t)need * sizeof(IROp));
        if (!ops)
            ferry_die("out of memory for IR ops");
    } else {
        *cap = spare_cap;
    }
    spare_ops = NULL;
    spare_cap = 0;
    return ops;
}

/* The arena: a chunk list, newest first. A pass that outgrows the newest
 * chunk gets a new one (earlier pointers stay valid); the next reset
 * replaces them all by one chunk big enough for what was used. */
typedef struct ScratchChunk {
    struct ScratchChunk *prev;
    size_t size, used;
    _Alignas(16) uint8_t data[];
} ScratchChunk;

static ScratchChunk *scratch;
static size_t scratch_total; /* handed out since the reset */

static ScratchChunk *scratch_chunk(size_t size, ScratchChunk *prev)
{
    ScratchChunk *c = malloc(sizeof(ScratchChunk) + size);
    if (!c)
        ferry_die("out of memory for optimizer scratch");
    *c = (ScratchChunk){ .prev = prev, .size = size, .used = 0 };
    return c;
}

void ir_opt_scratch_reset(void)
{
    if (scratch && scratch->prev) {
        while (scratch) {
            ScratchChunk *c = scratch;
            scratch = c->prev;
            free(c);
        }
        scratch = scratch_chunk(2 * scratch_total, NULL);
    }
    if (scratch)
        scratch->used = 0;
    scratch_total = 0;
}

void *ir_opt_scratch_uninit(size_t bytes)
{
    bytes = (bytes + 15) & ~(size_t)15;
    scratch_total += bytes;
    if (!scratch || scratch->used + bytes > scratch->size)
        scratch = scratch_chunk(bytes > 4096 ? 2 * bytes : 8192, scratch);
    void *p = scratch->data + scratch->used;
    scratch->used += bytes;
    return p;
}

void *ir_opt_scratch(size_t bytes)
{
    return memset(ir_opt_scratch_uninit(bytes), 0, bytes);
}
