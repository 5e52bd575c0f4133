/*
 * ir_optimize: the ordered list of passes run on every translation unit
 * between the front end and the backend. DCE comes last: the others leave
 * movs and unused results behind for it. The second fold is skipped when
 * env and cse made no movs: it would mostly copy the op list, and startup
 * translates hundreds of TUs. Debug builds (FERRY_DEBUG) check
 * the IR after each pass, so a pass that breaks it is named at once.
 */
#include "opt.h"

#include "util/die.h"

typedef struct IRPass {
    const char *name;
    void (*run)(IRBlock *b);
    bool if_new_movs;         /* only if an earlier pass made movs */
} IRPass;

static const IRPass ir_passes[] = {
    { "fold", ir_opt_fold, false },  /* constants, copies, known branches */
    { "env", ir_opt_env, false },    /* ld_env/st_env forwarding, dead st_env */
    { "cse", ir_opt_cse, false },    /* recomputations within a block */
    { "fold", ir_opt_fold, true },   /* again: propagate the movs env and cse made */
    { "dce", ir_opt_dce, false },    /* dead code, chiefly unread flags */
};

bool ir_opt_new_movs;

#ifdef FERRY_DEBUG
static void check_after(const IRBlock *b, const char *pass)
{
    const char *err = ir_opt_verify(b);
    if (err)
        ferry_die("internal error: IR at %08x broken after pass %s: %s", b->guest_pc, pass, err);
}
#else
static inline void check_after(const IRBlock *b, const char *pass) { (void)b; (void)pass; }
#endif

void ir_optimize(IRBlock *b)
{
    check_after(b, "(front end)");
    ir_opt_new_movs = false;
    for (size_t i = 0; i < sizeof(ir_passes) / sizeof(ir_passes[0]); i++) {
        if (ir_passes[i].if_new_movs && !ir_opt_new_movs)
            continue; /* a fold of folded IR would find nothing new */
        ir_passes[i].run(b);
        check_after(b, ir_passes[i].name);
    }
}
