/*
 * ir_optimize: the ordered list of passes run on every translation unit
 * between the front end and the backend. DCE comes last: the others leave
 * movs and unused results behind for it. Debug builds (FERRY_DEBUG) check
 * the IR after each pass, so a pass that breaks it is named at once.
 * Cold units (translated once, maybe run a few times) get only DCE: the
 * others cost more translation time than they save there (fold too: the
 * backend already turns constant operands into immediates; dropping it
 * from the cold list cut static hello from 22.6M to 19.7M host
 * instructions and /bin/true from 76.6M to 65.9M, callgrind).
 */
#include "opt.h"

#include "util/die.h"

static bool run_fold(IRBlock *b) { ir_opt_fold(b); return true; }
static bool run_dce(IRBlock *b) { ir_opt_dce(b); return true; }

typedef struct IRPass {
    const char *name;
    bool (*run)(IRBlock *b);  /* true if it may have changed b */
    bool if_changed;          /* run only if an earlier pass changed b since this one last ran */
    bool hot_only;            /* worth its time only on hot code */
    bool if_prev_changed;     /* run only if the pass just before it changed b */
} IRPass;

static const IRPass ir_passes[] = {
    { "ifconv", ir_opt_ifconv, false, true, false }, /* conditional instructions -> selects */
    { "fold", run_fold, false, true, false },   /* constants, copies, known branches */
    { "env", ir_opt_env, false, true, false },  /* ld_env/st_env forwarding, dead st_env */
    { "cse", ir_opt_cse, false, true, false },  /* recomputations within a block */
    { "fold", run_fold, true, true, false },    /* again, to propagate the movs env and cse made */
    { "dce", run_dce, false, false, false },     /* dead code, chiefly unread flags */
    { "sink", ir_opt_sink, false, true, false }, /* what only a side exit needs goes there */
    { "dce", run_dce, false, true, true }, /* what sinking left unused */
    { "brfuse", ir_opt_brfuse, false, true, false }, /* setcond/sub + brcond -> brcond */
    { "dce", run_dce, false, true, true }, /* the compares brfuse left unused */
    { "postinc", ir_opt_postinc, false, true, false }, /* add t, g, c; access t; mov g, t -> add g, g, c */
    { "coalesce", ir_opt_coalesce, false, true, false }, /* def t; mov rN, t -> def rN */
};

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
    bool changed = false; /* since the last run of an if_changed pass */
    bool prev = false;    /* the pass just before changed b */
    for (size_t i = 0; i < sizeof(ir_passes) / sizeof(ir_passes[0]); i++) {
        const IRPass *p = &ir_passes[i];
        if ((p->if_changed && !changed) || (p->hot_only && !b->hot) || (p->if_prev_changed && !prev)) {
            prev = false;
            continue;
        }
        bool c = p->run(b);
        prev = c;
        changed = p->if_changed ? false : (changed || (i > 0 && c));
        check_after(b, p->name);
    }
}
