/*
 * Pass-correctness fuzz test: random valid IR blocks (seeded, so a failure
 * is reproducible with FERRY_FUZZ_SEED=n FERRY_FUZZ_ITERS=1) are run in the
 * interpreter before and after the passes, from the same random CPU state
 * and guest memory, and everything observable must agree: globals and the
 * rest of the CPU state, memory, the exit (reason, pc, flags, fault
 * address) and the calls made to helpers with side effects.
 *
 * The blocks use every op, globals aliased by ld_env/st_env, helpers of
 * every kind, guest accesses that fault half-way through a block (so the
 * state at a fault is checked), forward branches nested as if/else,
 * skipped regions, early exits and bounded backward loops.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "tcg/opt/opt.h"
#include "test_ir_util.h"

#define MEM_SIZE 256u
#define NB_LOCALS 10

typedef struct Rng {
    uint64_t s;
} Rng;

static uint32_t rnd(Rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return (uint32_t)((r->s * 0x2545F4914F6CDD1Dull) >> 32);
}
static uint32_t below(Rng *r, uint32_t n) { return rnd(r) % n; }

static uint32_t interesting(Rng *r)
{
    static const uint32_t vals[] = { 0, 1, 2, 31, 32, 0x7fffffff, 0x80000000, 0xffffffff, 0xff, 0x8000, 0xfffffffe };
    switch (below(r, 3)) {
    case 0: return vals[below(r, sizeof(vals) / sizeof(vals[0]))];
    case 1: return below(r, 8);
    default: return rnd(r);
    }
}

/* The helpers: each logs its call so that side effects can be compared. */
static uint64_t call_log;
static void log_call(uint32_t id, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    uint32_t v[5] = { id, a0, a1, a2, a3 };
    for (int i = 0; i < 5; i++)
        call_log = (call_log ^ v[i]) * 0x100000001b3ull;
}
static uint32_t h_reads_fn(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    TestCpu *c = cpu;
    log_call(1, a0, a1, a2, a3);
    return c->g[a0 & 7] + c->g[a1 & 7] * 3 + a2;
}
static uint32_t h_writes_fn(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    TestCpu *c = cpu;
    log_call(2, a0, a1, a2, a3);
    c->g[a0 & 7] = a1 ^ c->g[a2 & 7];
    return a1 + 1;
}
static uint32_t h_pure_fn(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    return a0 * 7 + (a1 >> 3) - a2 + a3;
}
static uint32_t h_plain_fn(void *cpu, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    log_call(3, a0, a1, a2, a3);
    return a0 ^ a1 ^ 0x5a5a;
}
static const IRHelper helpers[] = {
    { "reads", h_reads_fn, IR_HELPER_READS_GLOBALS },
    { "writes", h_writes_fn, IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS },
    { "pure", h_pure_fn, IR_HELPER_NO_SIDE },
    { "plain", h_plain_fn, 0 },
};

typedef struct Gen {
    Rng rng;
    IRBlock *b;
    IRTemp locals[NB_LOCALS];
    uint32_t pc;
    uint32_t budget;   /* ops left to emit */
    IROp recent[8];    /* pure ops emitted lately, to repeat (for CSE) */
    uint32_t nb_recent;
} Gen;

static IRTemp pick_in(Gen *g)
{
    switch (below(&g->rng, 5)) {
    case 0: case 1: return G(g->b, below(&g->rng, TEST_NB_GLOBALS));
    case 2: case 3: return g->locals[below(&g->rng, NB_LOCALS)];
    default: return ir_const(g->b, interesting(&g->rng));
    }
}

static IRTemp pick_out(Gen *g)
{
    return below(&g->rng, 2) ? G(g->b, below(&g->rng, TEST_NB_GLOBALS)) : g->locals[below(&g->rng, NB_LOCALS)];
}

/* An address that is usually inside guest memory, sometimes past it. */
static IRTemp pick_addr(Gen *g)
{
    IRTemp a = pick_in(g);
    if (below(&g->rng, 8) == 0)
        return a;
    if (below(&g->rng, 8) == 0)
        return ir_const(g->b, MEM_SIZE - 1 - below(&g->rng, 3)); /* straddles the end */
    IRTemp t = ir_new_temp(g->b);
    ir_gen_binop(g->b, IR_and, t, a, ir_const(g->b, MEM_SIZE - 4));
    return t;
}

/* A CPU-state offset: a field, half of two fields, or a global's. */
static uint32_t pick_env_offset(Gen *g)
{
    switch (below(&g->rng, 6)) {
    case 0: case 1: return offsetof(TestCpu, g[0]) + 4 * below(&g->rng, TEST_NB_GLOBALS);
    case 2: return offsetof(TestCpu, env[0]) + 2 + 4 * below(&g->rng, 3);
    default: return offsetof(TestCpu, env[0]) + 4 * below(&g->rng, 4);
    }
}

static const IROpcode simple_ops[] = {
    IR_mov, IR_add, IR_sub, IR_mul, IR_and, IR_or, IR_xor, IR_andc, IR_shl, IR_shr, IR_sar, IR_rotr,
    IR_neg, IR_not, IR_ext8s, IR_ext8u, IR_ext16s, IR_ext16u, IR_bswap32, IR_bswap16, IR_clz,
    IR_mulu2, IR_muls2, IR_add2, IR_sub2,
};

static void gen_op(Gen *g)
{
    IRBlock *b = g->b;
    Rng *r = &g->rng;
    uint32_t pos, len;
    g->budget--;
    if (below(r, 4) == 0)
        ir_gen_insn_start(b, g->pc += 4, 0);
    switch (below(r, 18)) {
    case 16: /* an earlier computation again, into the same or another temp */
        if (g->nb_recent) {
            IROp *op = ir_emit(b, IR_add);
            *op = g->recent[below(r, g->nb_recent < 8 ? g->nb_recent : 8)];
            if (below(r, 2))
                op->args[0] = pick_out(g);
            break;
        }
        /* fall through */
    case 17: /* a few accesses to one field (and to halves of it) */
        {
            uint32_t off = pick_env_offset(g);
            for (uint32_t n = 2 + below(r, 3); n--;) {
                uint32_t o = off + (below(r, 3) == 0 && off + 6 <= sizeof(TestCpu) ? 2 : 0);
                if (below(r, 2))
                    ir_gen_ld_env(b, pick_out(g), o);
                else
                    ir_gen_st_env(b, pick_in(g), o);
                if (below(r, 4) == 0)
                    gen_op(g);
            }
        }
        break;
    case 0: case 1: case 2: case 3: case 4: case 5: {
        IROpcode opc = simple_ops[below(r, sizeof(simple_ops) / sizeof(simple_ops[0]))];
        const IROpDef *d = &ir_op_defs[opc];
        IROp *op = ir_emit(b, opc);
        uint32_t n = 0;
        for (uint32_t i = 0; i < d->nb_out; i++)
            op->args[n++] = pick_out(g);
        for (uint32_t i = 0; i < d->nb_in; i++)
            op->args[n++] = below(r, 6) == 0 && i ? op->args[d->nb_out] : pick_in(g);
        if (d->nb_out == 1)
            g->recent[g->nb_recent++ % 8] = *op;
        break;
    }
    case 6:
        pos = below(r, 32);
        len = 1 + below(r, 32 - pos);
        switch (below(r, 3)) {
        case 0: ir_gen_extract(b, pick_out(g), pick_in(g), pos, len); break;
        case 1: ir_gen_sextract(b, pick_out(g), pick_in(g), pos, len); break;
        default: ir_gen_deposit(b, pick_out(g), pick_in(g), pick_in(g), pos, len); break;
        }
        break;
    case 7: {
        IRTemp x = pick_in(g);
        IRTemp y = below(r, 4) ? pick_in(g) : x;
        if (below(r, 2))
            ir_gen_setcond(b, (IRCond)below(r, 14), pick_out(g), x, y);
        else
            ir_gen_movcond(b, (IRCond)below(r, 14), pick_out(g), x, y, pick_in(g), pick_in(g));
        break;
    }
    case 8:
        if (below(r, 2))
            ir_gen_ld_env(b, pick_out(g), pick_env_offset(g));
        else
            ir_gen_st_env(b, pick_in(g), pick_env_offset(g));
        break;
    case 9: {
        static const IRMemOp mops[] = { IR_MO_8, IR_MO_16, IR_MO_32, IR_MO_S8, IR_MO_S16 };
        IRMemOp mo = mops[below(r, 5)];
        IRTemp addr = pick_addr(g);
        switch (below(r, 3)) {
        case 0: ir_gen_guest_ld(b, pick_out(g), addr, mo); break;
        case 1: ir_gen_guest_st(b, pick_in(g), addr, mo); break;
        default: ir_gen_guest_cmpxchg(b, pick_out(g), addr, pick_in(g), pick_in(g), mo); break;
        }
        break;
    }
    case 10: {
        const IRHelper *h = &helpers[below(r, 4)];
        IRTemp d = below(r, 4) ? pick_out(g) : IR_NONE;
        ir_gen_call(b, h, d, pick_in(g), pick_in(g), pick_in(g), below(r, 2) ? pick_in(g) : IR_NONE);
        break;
    }
    case 11:
        ir_gen_mb(b, IR_MB_FULL);
        break;
    default: /* flag-like pattern: several globals written from one value */
        {
            IRTemp v = ir_new_temp(b);
            ir_gen_binop(b, below(r, 2) ? IR_add : IR_sub, v, pick_in(g), pick_in(g));
            ir_gen_mov(b, G(b, 4), v);
            ir_gen_mov(b, G(b, 5), v);
            if (below(r, 2))
                ir_gen_setcond(b, IR_COND_LTU, G(b, 6), v, pick_in(g));
        }
        break;
    }
}

static void gen_exit(Gen *g)
{
    IRBlock *b = g->b;
    switch (below(&g->rng, 3)) {
    case 0: ir_gen_exit_direct(b, 0x8000 + below(&g->rng, 16) * 4, below(&g->rng, 2)); break;
    case 1: ir_gen_exit_indirect(b, pick_in(g), below(&g->rng, 2) ? ir_const(b, 1) : pick_in(g)); break;
    default: ir_gen_exit_helper(b, TCG_EXIT_GUEST + below(&g->rng, 4), g->pc, 0); break;
    }
}

static void gen_region(Gen *g, uint32_t depth);

static void gen_item(Gen *g, uint32_t depth)
{
    IRBlock *b = g->b;
    Rng *r = &g->rng;
    uint32_t k = depth < 3 ? below(r, 14) : 0;
    if (k == 1 || k == 2) {                       /* if */
        uint32_t skip = ir_new_label(b);
        IRTemp x = pick_in(g);
        ir_gen_brcond(b, (IRCond)below(r, 14), x, below(r, 4) ? pick_in(g) : x, skip);
        gen_region(g, depth + 1);
        ir_gen_label(b, skip);
    } else if (k == 3) {                          /* if/else */
        uint32_t l_else = ir_new_label(b), l_end = ir_new_label(b);
        ir_gen_brcond(b, (IRCond)below(r, 14), pick_in(g), pick_in(g), l_else);
        gen_region(g, depth + 1);
        ir_gen_br(b, l_end);
        ir_gen_label(b, l_else);
        gen_region(g, depth + 1);
        ir_gen_label(b, l_end);
    } else if (k == 4) {                          /* bounded loop */
        uint32_t top = ir_new_label(b);
        IRTemp cnt = ir_new_temp(b);              /* not in the pool: body never writes it */
        ir_gen_movi(b, cnt, 0);
        if (below(r, 2)) /* a forward branch to the loop head too */
            ir_gen_brcond(b, (IRCond)below(r, 14), pick_in(g), pick_in(g), top);
        ir_gen_label(b, top);
        gen_region(g, depth + 1);
        ir_gen_binop(b, IR_add, cnt, cnt, ir_const(b, 1));
        ir_gen_brcond(b, IR_COND_LTU, cnt, ir_const(b, 1 + below(r, 3)), top);
    } else if (k == 5 && depth > 0) {             /* early exit */
        gen_exit(g);
        if (below(r, 2))
            gen_op(g);                            /* unreachable */
    } else if (k == 7) {                          /* several branches to one label */
        uint32_t join = ir_new_label(b);
        for (uint32_t n = 2 + below(r, 2); n--;) {
            gen_op(g);
            ir_gen_brcond(b, (IRCond)below(r, 14), pick_in(g), pick_in(g), join);
        }
        gen_op(g);
        if (below(r, 2))
            gen_exit(g); /* the label is then not fallen into */
        ir_gen_label(b, join);
    } else if (k == 6) {                          /* skipped region */
        uint32_t over = ir_new_label(b);
        ir_gen_br(b, over);
        gen_op(g);
        ir_gen_label(b, over);
    } else {
        gen_op(g);
    }
}

static void gen_region(Gen *g, uint32_t depth)
{
    uint32_t n = 1 + below(&g->rng, depth ? 4 : 12);
    for (uint32_t i = 0; i < n && g->budget; i++)
        gen_item(g, depth);
}

static void gen_block(IRBlock *b, uint64_t seed)
{
    Gen g = { .rng = { seed * 0x9E3779B97F4A7C15ull + 1 }, .b = b, .pc = 0x1000, .budget = 60 };
    test_block_init(b);
    ir_gen_insn_start(b, g.pc, 0);
    for (uint32_t i = 0; i < NB_LOCALS; i++) {
        g.locals[i] = ir_new_temp(b);
        if (below(&g.rng, 2))
            ir_gen_movi(b, g.locals[i], interesting(&g.rng));
        else
            ir_gen_mov(b, g.locals[i], G(b, below(&g.rng, TEST_NB_GLOBALS)));
    }
    gen_region(&g, 0);
    gen_exit(&g);
}

typedef struct Outcome {
    uint32_t reason;
    TestCpu cpu;
    uint8_t mem[MEM_SIZE];
    uint64_t calls;
} Outcome;

static void run(const IRBlock *b, const TestCpu *cpu, const uint8_t *mem, Outcome *o)
{
    o->cpu = *cpu;
    memcpy(o->mem, mem, MEM_SIZE);
    call_log = 0;
    o->reason = ir_interp_run_limited(b, &o->cpu.common, (uintptr_t)o->mem, MEM_SIZE, 100000);
    o->calls = call_log;
}

static void random_state(uint64_t seed, TestCpu *cpu, uint8_t *mem)
{
    Rng r = { seed * 0xD1B54A32D192ED03ull + 7 };
    memset(cpu, 0, sizeof(*cpu));
    for (uint32_t i = 0; i < TEST_NB_GLOBALS; i++)
        cpu->g[i] = interesting(&r);
    for (uint32_t i = 0; i < 4; i++)
        cpu->env[i] = interesting(&r);
    for (uint32_t i = 0; i < MEM_SIZE; i++)
        mem[i] = (uint8_t)rnd(&r);
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtoull(s, NULL, 0) : dflt;
}

/* Optimises a copy of b with pass() and compares on a few states. */
static bool fold_pass(IRBlock *b) { ir_opt_fold(b); return true; }
static bool dce_pass(IRBlock *b) { ir_opt_dce(b); return true; }
static bool all_passes(IRBlock *b) { ir_optimize(b); return true; }

static void check_pass(const IRBlock *orig, uint64_t seed, const char *name, bool (*pass)(IRBlock *))
{
    IRBlock opt;
    test_block_copy(&opt, orig);
    pass(&opt);
    const char *err = ir_opt_verify(&opt);
    bool bad = err != NULL;
    for (uint32_t k = 0; k < 3 && !bad; k++) {
        TestCpu cpu;
        uint8_t mem[MEM_SIZE];
        Outcome a, z;
        random_state(seed * 3 + k, &cpu, mem);
        run(orig, &cpu, mem, &a);
        assert_int_not_equal(a.reason, IR_INTERP_OP_LIMIT); /* the generator's loops are bounded */
        run(&opt, &cpu, mem, &z);
        bad = a.reason != z.reason || memcmp(&a.cpu, &z.cpu, sizeof(a.cpu)) ||
              memcmp(a.mem, z.mem, MEM_SIZE) || a.calls != z.calls;
        if (bad)
            print_message("seed %llu state %u: reason %u/%u pc %x/%x\n", (unsigned long long)seed, k, a.reason,
                          z.reason, a.cpu.common.pc, z.cpu.common.pc);
    }
    if (bad) {
        print_message("pass %s broke seed %llu (FERRY_FUZZ_SEED=%llu FERRY_FUZZ_ITERS=1)%s%s\n", name,
                      (unsigned long long)seed, (unsigned long long)seed, err ? ": " : "", err ? err : "");
        char *before = test_ir_dump(orig), *after = test_ir_dump(&opt);
        fprintf(stderr, "--- before:\n%s--- after:\n%s", before, after);
        free(before);
        free(after);
    }
    ir_block_free(&opt);
    assert_false(bad);
}

static void test_fuzz_passes(void **state)
{
    uint64_t first = env_u64("FERRY_FUZZ_SEED", 1), iters = env_u64("FERRY_FUZZ_ITERS", 3000);
    uint64_t ops_before = 0, ops_after = 0;
    for (uint64_t seed = first; seed < first + iters; seed++) {
        IRBlock b;
        gen_block(&b, seed);
        assert_null(ir_opt_verify(&b));
        check_pass(&b, seed, "fold", fold_pass);
        check_pass(&b, seed, "env", ir_opt_env);
        check_pass(&b, seed, "cse", ir_opt_cse);
        check_pass(&b, seed, "dce", dce_pass);
        check_pass(&b, seed, "all", all_passes);
        IRBlock opt;
        test_block_copy(&opt, &b);
        ir_optimize(&opt);
        ops_before += b.nb_ops;
        ops_after += opt.nb_ops;
        ir_block_free(&opt);
        ir_block_free(&b);
    }
    print_message("%llu blocks, %llu ops before the passes, %llu after\n", (unsigned long long)iters,
                  (unsigned long long)ops_before, (unsigned long long)ops_after);
    /* The passes must do something on random code, not just stay correct. */
    assert_true(ops_after < ops_before);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_passes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
