/*
 * Lowering of IR to x86-64.
 *
 * Pipeline (tcg/exec.c drives it):
 *   front end translate() -> IR -> ir_optimize() -> x86_lower_tu():
 *     for each op: sync globals/locals as the op's kind requires,
 *     ra_op() places the operands per the constraint table below,
 *     one emitter writes the instruction(s), ra_op_done() updates state;
 *     memory accesses also record a fault map entry (lo_fault_sync)
 *   -> tcg_cache_commit() -> run via the prologue.
 *
 * Guest pcs for faults come from insn_start positions in code order, so a
 * front end puts each label at a guest instruction boundary (followed by
 * an insn_start) or inside one instruction (no insn_start between the
 * branch and its label).
 *
 * Host registers: rbp = TcgCpu *, r14 = guest_base, r11 = scratch,
 * rsp = spill frame; the rest is allocated (tcg/regalloc.c).
 *
 * Every unit starts with an exit_request check and ends with the
 * out-of-line stub that leaves for it. Exits return to the epilogue with
 * rax = exit reason, or rax = the TcgExit * of a direct exit that is not
 * chained yet (always > TCG_EXIT_GUEST range: a heap pointer).
 */
#include <cpuid.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/backend.h"
#include "tcg/regalloc.h"
#include "util/die.h"

enum { SY_NONE, SY_MEM, SY_CALL, SY_BB, SY_EXIT };

typedef struct Lower Lower;
typedef void LowerFn(Lower *l, const IROp *op, const RaLoc *loc);

typedef struct X86OpInfo {
    const char *con[6];      /* outputs, then inputs */
    uint16_t clobber;
    uint8_t sync;
    uint8_t sub;             /* X86Arith / X86Shift for the shared emitters */
    LowerFn *emit;
} X86OpInfo;

typedef struct LabelFix {
    uint32_t label, disp_off;
} LabelFix;

/* What a label leads to (hot units): an ordinary block, or a side exit's
 * block (pure ops and discards, then a direct exit elsewhere or back to
 * the unit's own start) that only one brcond reaches. */
enum { LX_NONE, LX_EXIT, LX_SELF };

/* A side exit lowered out of line: the brcond's jcc (disp_off) goes to
 * code emitted after the main path, which lowers the exit's block from
 * the register state saved at the branch (snap bytes into Lower.snaps). */
typedef struct SideFork {
    uint32_t disp_off, label;  /* label LO_FORK_REQUEST: an exit_check's */
    uint32_t pc, flags;        /* exit_check: where the guest is */
    size_t snap;
} SideFork;
#define LO_FORK_REQUEST UINT32_MAX

struct Lower {
    RegAlloc ra;
    X86Buf *buf;
    const IRBlock *blk;
    TcgTU *tu;
    uint32_t nb_insn, nb_exit;
    int32_t *label_off;
    uint32_t cap_labels;
    LabelFix *fix;
    uint32_t nb_fix, cap_fix;
    bool have_lzcnt;
    /* fault sync points of the unit being lowered */
    TcgFaultSync *fs;
    uint32_t nb_fs, cap_fs;
    TcgFaultReg *fr;
    uint32_t nb_fr, cap_fr;
    /* hot units: label kinds (LX_*), their positions and the exit op that
     * ends a side exit's block, the out-of-line side exits, the loop */
    uint8_t *label_exit;
    uint32_t *label_at, *label_end;
    uint32_t cap_lx, cap_lat, cap_lend;
    SideFork *fork;
    uint32_t nb_fork, cap_fork;
    uint8_t *snaps;
    size_t snaps_used, snaps_cap;
    bool loop;
    size_t loop_head;
    /* hot units: shl ops folded into the add that uses them (lo_scan_lea):
     * fused_shl[j] is the shl's index + 1 for add j, 0 for other ops */
    uint32_t *fused_shl;
    uint32_t cap_fused;
    /* guest_base 0: adds folded into the address of the access that is
     * their only reader (lo_scan_addr): addr_add[j] is the add's index + 1
     * for access j; folded[i] marks the add, which is not lowered */
    uint32_t *addr_add, *def_at;
    uint8_t *folded;
    uint32_t cap_addr, cap_def, cap_folded;
    bool fold_addr;
};

/* Translation runs under the cache lock: one lowering state suffices. */
static Lower lower;

static const X86Cond x86_cond[] = {
    [IR_COND_EQ] = X86_CC_E,   [IR_COND_NE] = X86_CC_NE,  [IR_COND_LT] = X86_CC_L,
    [IR_COND_GE] = X86_CC_GE,  [IR_COND_LE] = X86_CC_LE,  [IR_COND_GT] = X86_CC_G,
    [IR_COND_LTU] = X86_CC_B,  [IR_COND_GEU] = X86_CC_AE, [IR_COND_LEU] = X86_CC_BE,
    [IR_COND_GTU] = X86_CC_A,  [IR_COND_TSTEQ] = X86_CC_E, [IR_COND_TSTNE] = X86_CC_NE,
};

static const X86OpInfo x86_ops[IR_NB_OPS];
#define SUB(op) (x86_ops[(op)->opc].sub)

#define ENV(field) x86_mem(RA_REG_ENV, (int32_t)offsetof(TcgCpu, field))
#define R(i) (loc[i].reg)

/* ---- prologue / epilogue ---- */

static const X86Reg saved_regs[] = { X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15 };
#define NB_SAVED (sizeof(saved_regs) / sizeof(saved_regs[0]))
/* Six pushes leave rsp 8 off 16-byte alignment; the frame fixes that so
 * helper calls from translated code see an aligned stack. */
#define FRAME_SIZE (RA_FRAME_SLOTS * 4 + 8)

/* Shared tails of the ways out (x86_gen_prologue): a unit's own stub is
 * `mov rax, imm64; jmp stub`, and the stub copies the guest (pc, flags)
 * pair at rax + offset into the CPU state. rax is the TcgExit * for a
 * direct exit and the TcgTU * for the unit-level ways out (an exit
 * request at entry, a tier-up). Per unit and per exit that is two
 * instructions instead of four: less to emit when cold code is
 * translated, and less code. */
enum { LEAVE_EXIT, LEAVE_REQUEST, LEAVE_TIER_UP, LEAVE_NB };
static const void *leave_stub[LEAVE_NB];

_Static_assert(offsetof(TcgCpu, flags) == offsetof(TcgCpu, pc) + 4, "pc, flags: one 8-byte copy");
_Static_assert(offsetof(TcgExit, flags) == offsetof(TcgExit, pc) + 4, "pc, flags: one 8-byte copy");
_Static_assert(offsetof(TcgTU, flags) == offsetof(TcgTU, pc) + 4, "pc, flags: one 8-byte copy");

static void gen_leave_stub(X86Buf *buf, unsigned kind, int32_t pair_off, uint32_t reason, const void *epilogue)
{
    leave_stub[kind] = buf->ptr;
    x86_emit_load64(buf, RA_REG_TMP, x86_mem(X86_RAX, pair_off));
    x86_emit_store64(buf, x86_mem(RA_REG_ENV, (int32_t)offsetof(TcgCpu, pc)), RA_REG_TMP);
    if (kind != LEAVE_EXIT)
        x86_emit_mov_ri32(buf, X86_RAX, reason);
    x86_emit_jmp_rel32(buf, epilogue);
}

void x86_gen_prologue(X86Buf *buf, TcgEnterFn *enter, const void **epilogue)
{
    *enter = (TcgEnterFn)(void *)buf->ptr;
    for (unsigned i = 0; i < NB_SAVED; i++)
        x86_emit_push(buf, saved_regs[i]);
    x86_emit_arith_ri64(buf, X86_SUB, X86_RSP, FRAME_SIZE);
    x86_emit_mov_rr64(buf, RA_REG_ENV, X86_RDI);
    x86_emit_mov_rr64(buf, RA_REG_GBASE, X86_RDX);
    x86_emit_jmp_r(buf, X86_RSI);
    *epilogue = buf->ptr;
    x86_emit_arith_ri64(buf, X86_ADD, X86_RSP, FRAME_SIZE);
    for (unsigned i = NB_SAVED; i-- > 0;)
        x86_emit_pop(buf, saved_regs[i]);
    x86_emit_ret(buf);
    gen_leave_stub(buf, LEAVE_EXIT, (int32_t)offsetof(TcgExit, pc), 0, *epilogue);
    gen_leave_stub(buf, LEAVE_REQUEST, (int32_t)offsetof(TcgTU, pc), TCG_EXIT_REQUEST, *epilogue);
    gen_leave_stub(buf, LEAVE_TIER_UP, (int32_t)offsetof(TcgTU, pc), TCG_EXIT_TIER_UP, *epilogue);
}

/* ---- shared pieces ---- */

static void lo_leave(Lower *l, uint32_t pc, uint32_t flags)
{
    x86_emit_store_i32(l->buf, ENV(pc), (int32_t)pc);
    x86_emit_store_i32(l->buf, ENV(flags), (int32_t)flags);
}

static void lo_return(Lower *l, uint32_t reason)
{
    x86_emit_mov_ri32(l->buf, X86_RAX, reason);
    x86_emit_jmp_rel32(l->buf, tcg_cache_epilogue);
}

/* Leave through a shared stub, with rax = p (see leave_stub). */
static void lo_leave_via(Lower *l, unsigned kind, const void *p)
{
    x86_emit_mov_ri64(l->buf, X86_RAX, (uint64_t)(uintptr_t)p);
    x86_emit_jmp_rel32(l->buf, leave_stub[kind]);
}

/* Guest memory operand for a zero-extended 32-bit guest address. User
 * mode: one host access at guest_base + addr. A soft-TLB lowering for
 * system mode replaces this function (and the fault map stays the same). */
static X86Mem lo_guest_mem(Lower *l, X86Reg addr)
{
    if (tcg_cache_guest_base == 0)
        return x86_mem(addr, 0);
    return x86_mem_bi(RA_REG_GBASE, addr);
}

static void lo_cmp(Lower *l, IRCond c, const RaLoc *a, const RaLoc *b)
{
    bool tst = c == IR_COND_TSTEQ || c == IR_COND_TSTNE;
    if (b->is_imm) {
        if (tst)
            x86_emit_test_ri32(l->buf, a->reg, b->imm);
        else if (b->imm == 0 && (c == IR_COND_EQ || c == IR_COND_NE))
            x86_emit_test_rr32(l->buf, a->reg, a->reg);
        else
            x86_emit_arith_ri32(l->buf, X86_CMP, a->reg, (int32_t)b->imm);
    } else if (tst) {
        x86_emit_test_rr32(l->buf, a->reg, b->reg);
    } else {
        x86_emit_arith_rr32(l->buf, X86_CMP, a->reg, b->reg);
    }
}

static void lo_jump_label(Lower *l, X86Cond cc, bool always, uint32_t label)
{
    size_t at = always ? x86_emit_jmp_rel32(l->buf, l->buf->ptr) : x86_emit_jcc_rel32(l->buf, cc, l->buf->ptr);
    if (l->nb_fix == l->cap_fix) {
        l->cap_fix = l->cap_fix ? l->cap_fix * 2 : 16;
        l->fix = realloc(l->fix, l->cap_fix * sizeof(*l->fix));
        if (!l->fix)
            ferry_die("out of memory lowering a unit");
    }
    l->fix[l->nb_fix++] = (LabelFix){ label, (uint32_t)at };
}

static void *lo_grow(void *p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    *cap = *cap ? *cap * 2 : 64;
    if (*cap < need)
        *cap = need;
    p = realloc(p, *cap * elem);
    if (!p)
        ferry_die("out of memory lowering a unit");
    return p;
}

/* A memory access at host offsets [start, end): remember which globals
 * are only in registers there, so a fault can rebuild the guest state
 * (see TcgFaultSync) instead of the code storing them first. */
static void lo_fault_sync(Lower *l, const IROp *op, uint32_t start, uint32_t end)
{
    if (end - start > UINT8_MAX)
        ferry_die("fault map: an access of %u bytes", end - start);
    l->fs = lo_grow(l->fs, &l->cap_fs, l->nb_fs + 1, sizeof(*l->fs));
    l->fr = lo_grow(l->fr, &l->cap_fr, l->nb_fr + l->blk->nb_globals, sizeof(*l->fr));
    TcgFaultReg *regs = &l->fr[l->nb_fr];
    unsigned n = ra_dirty_globals(&l->ra, regs);
    TcgFaultSync *fs = &l->fs[l->nb_fs++];
    *fs = (TcgFaultSync){ start, l->nb_fr, (uint8_t)(end - start), (uint8_t)n, op->opc != IR_guest_ld };
    /* The same list as the access before: share it. */
    const TcgFaultSync *prev = fs > l->fs ? fs - 1 : NULL;
    bool same = prev && prev->count == n;
    for (unsigned i = 0; same && i < n; i++) {
        const TcgFaultReg *a = &l->fr[prev->first + i];
        same = a->env_off == regs[i].env_off && a->reg == regs[i].reg && a->value == regs[i].value;
    }
    if (same)
        fs->first = prev->first;
    else
        l->nb_fr += n;
}

/* ---- emitters, one per op shape ---- */

static void lo_nothing(Lower *l, const IROp *op, const RaLoc *loc) {}

static void lo_insn_start(Lower *l, const IROp *op, const RaLoc *loc)
{
    TcgTU *tu = l->tu;
    tu->insn_off[l->nb_insn] = (uint32_t)x86_buf_offset(l->buf);
    tu->insn_pc[l->nb_insn] = op->args[0];
    l->nb_insn++;
}

static void lo_mov(Lower *l, const IROp *op, const RaLoc *loc)
{
    if (loc[1].is_imm)
        x86_emit_mov_ri32(l->buf, R(0), loc[1].imm);
    else if (R(0) != R(1))
        x86_emit_mov_rr32(l->buf, R(0), R(1));
}

/* d = a op b, where d may differ from a ('p' constraint). */
static void lo_arith(Lower *l, const IROp *op, const RaLoc *loc)
{
    X86Arith a = (X86Arith)SUB(op);
    if (R(0) != R(1)) {
        if (a == X86_ADD && loc[2].is_imm) {
            x86_emit_lea32(l->buf, R(0), x86_mem(R(1), (int32_t)loc[2].imm));
            return;
        }
        if (a == X86_ADD) {
            /* d = a + b in one instruction instead of mov + add. */
            x86_emit_lea32(l->buf, R(0), x86_mem_bi(R(1), R(2)));
            return;
        }
        x86_emit_mov_rr32(l->buf, R(0), R(1));
    }
    if (loc[2].is_imm)
        x86_emit_arith_ri32(l->buf, a, R(0), (int32_t)loc[2].imm);
    else
        x86_emit_arith_rr32(l->buf, a, R(0), R(2));
}

static void lo_mul(Lower *l, const IROp *op, const RaLoc *loc)
{
    if (loc[2].is_imm) {
        x86_emit_imul_rri32(l->buf, R(0), R(1), (int32_t)loc[2].imm);
        return;
    }
    if (R(0) != R(1))
        x86_emit_mov_rr32(l->buf, R(0), R(1));
    x86_emit_imul_rr32(l->buf, R(0), R(2));
}

static void lo_andc(Lower *l, const IROp *op, const RaLoc *loc)
{
    if (loc[2].is_imm) {
        x86_emit_arith_ri32(l->buf, X86_AND, R(0), (int32_t)~loc[2].imm);
        return;
    }
    x86_emit_mov_rr32(l->buf, RA_REG_TMP, R(2));
    x86_emit_not32(l->buf, RA_REG_TMP);
    x86_emit_arith_rr32(l->buf, X86_AND, R(0), RA_REG_TMP);
}

static void lo_shift(Lower *l, const IROp *op, const RaLoc *loc)
{
    X86Shift s = (X86Shift)SUB(op);
    if (!loc[2].is_imm)
        x86_emit_shift_cl32(l->buf, s, R(0));
    else if (loc[2].imm & 31)
        x86_emit_shift_ri32(l->buf, s, R(0), loc[2].imm & 31);
}

static void lo_grp3(Lower *l, const IROp *op, const RaLoc *loc) { x86_emit_grp3_r32(l->buf, SUB(op), R(0)); }

static void lo_ext(Lower *l, const IROp *op, const RaLoc *loc)
{
    static void (*const fn[])(X86Buf *, X86Reg, X86Reg) = {
        x86_emit_movsx8_rr, x86_emit_movzx8_rr, x86_emit_movsx16_rr, x86_emit_movzx16_rr,
    };
    fn[SUB(op)](l->buf, R(0), R(1));
}

static void lo_bswap32(Lower *l, const IROp *op, const RaLoc *loc) { x86_emit_bswap32(l->buf, R(0)); }

static void lo_bswap16(Lower *l, const IROp *op, const RaLoc *loc)
{
    x86_emit_bswap32(l->buf, R(0));
    x86_emit_shift_ri32(l->buf, X86_SHR, R(0), 16);
}

static void lo_clz(Lower *l, const IROp *op, const RaLoc *loc)
{
    if (l->have_lzcnt) {
        x86_emit_lzcnt32(l->buf, R(0), R(1));
        return;
    }
    /* bsr gives the index of the top set bit (ZF for 0); 31 - i == i ^ 31,
     * and 63 ^ 31 == 32 covers clz(0). */
    x86_emit_bsr32(l->buf, R(0), R(1));
    x86_emit_mov_ri32(l->buf, RA_REG_TMP, 63);
    x86_emit_cmov32(l->buf, X86_CC_E, R(0), RA_REG_TMP);
    x86_emit_arith_ri32(l->buf, X86_XOR, R(0), 31);
}

static uint32_t lo_mask(uint32_t len) { return len >= 32 ? 0xffffffffu : (1u << len) - 1; }

static void lo_extract(Lower *l, const IROp *op, const RaLoc *loc)
{
    uint32_t pos = ir_const_arg(op, 0), len = ir_const_arg(op, 1);
    X86Reg d = R(0);
    if (pos == 0 && len == 8)
        x86_emit_movzx8_rr(l->buf, d, d);
    else if (pos == 0 && len == 16)
        x86_emit_movzx16_rr(l->buf, d, d);
    else {
        if (pos)
            x86_emit_shift_ri32(l->buf, X86_SHR, d, (uint8_t)pos);
        if (pos + len < 32)
            x86_emit_arith_ri32(l->buf, X86_AND, d, (int32_t)lo_mask(len));
    }
}

static void lo_sextract(Lower *l, const IROp *op, const RaLoc *loc)
{
    uint32_t pos = ir_const_arg(op, 0), len = ir_const_arg(op, 1);
    X86Reg d = R(0);
    if (pos == 0 && len == 8)
        x86_emit_movsx8_rr(l->buf, d, d);
    else if (pos == 0 && len == 16)
        x86_emit_movsx16_rr(l->buf, d, d);
    else if (len < 32) {
        if (32 - pos - len)
            x86_emit_shift_ri32(l->buf, X86_SHL, d, (uint8_t)(32 - pos - len));
        x86_emit_shift_ri32(l->buf, X86_SAR, d, (uint8_t)(32 - len));
    }
}

static void lo_deposit(Lower *l, const IROp *op, const RaLoc *loc)
{
    uint32_t pos = ir_const_arg(op, 0), len = ir_const_arg(op, 1);
    uint32_t mask = lo_mask(len), field = pos >= 32 ? 0 : mask << pos;
    X86Reg d = R(0);
    if (loc[2].is_imm) {
        uint32_t v = (loc[2].imm & mask) << (pos & 31);
        if (field != 0xffffffffu)
            x86_emit_arith_ri32(l->buf, X86_AND, d, (int32_t)~field);
        else
            x86_emit_mov_ri32(l->buf, d, 0);
        if (v)
            x86_emit_arith_ri32(l->buf, X86_OR, d, (int32_t)v);
        return;
    }
    if (field == 0xffffffffu) {
        x86_emit_mov_rr32(l->buf, d, R(2));
        return;
    }
    x86_emit_mov_rr32(l->buf, RA_REG_TMP, R(2));
    if (pos + len < 32)
        x86_emit_arith_ri32(l->buf, X86_AND, RA_REG_TMP, (int32_t)mask);
    if (pos)
        x86_emit_shift_ri32(l->buf, X86_SHL, RA_REG_TMP, (uint8_t)pos);
    x86_emit_arith_ri32(l->buf, X86_AND, d, (int32_t)~field);
    x86_emit_arith_rr32(l->buf, X86_OR, d, RA_REG_TMP);
}

static void lo_mul2(Lower *l, const IROp *op, const RaLoc *loc) { x86_emit_grp3_r32(l->buf, SUB(op), R(3)); }

/* (lo, hi) = (al, ah) op (bl, bh): add/adc or sub/sbb. */
static void lo_addsub2(Lower *l, const IROp *op, const RaLoc *loc)
{
    X86Arith lo = (X86Arith)SUB(op), hi = lo == X86_ADD ? X86_ADC : X86_SBB;
    if (loc[4].is_imm)
        x86_emit_arith_ri32(l->buf, lo, R(0), (int32_t)loc[4].imm);
    else
        x86_emit_arith_rr32(l->buf, lo, R(0), R(4));
    if (loc[5].is_imm)
        x86_emit_arith_ri32(l->buf, hi, R(1), (int32_t)loc[5].imm);
    else
        x86_emit_arith_rr32(l->buf, hi, R(1), R(5));
}

static void lo_setcond(Lower *l, const IROp *op, const RaLoc *loc)
{
    IRCond c = (IRCond)ir_const_arg(op, 0);
    if (c == IR_COND_ALWAYS || c == IR_COND_NEVER) {
        x86_emit_mov_ri32(l->buf, R(0), c == IR_COND_ALWAYS);
        return;
    }
    /* The output is a fresh register, distinct from the inputs: clear it
     * before the compare (xor would clobber the flags after). */
    x86_emit_arith_rr32(l->buf, X86_XOR, R(0), R(0));
    lo_cmp(l, c, &loc[1], &loc[2]);
    x86_emit_setcc8(l->buf, x86_cond[c], R(0));
}

static void lo_movcond(Lower *l, const IROp *op, const RaLoc *loc)
{
    IRCond c = (IRCond)ir_const_arg(op, 0);
    if (c == IR_COND_NEVER)
        return;
    if (c == IR_COND_ALWAYS) {
        x86_emit_mov_rr32(l->buf, R(0), R(3));
        return;
    }
    lo_cmp(l, c, &loc[1], &loc[2]);
    x86_emit_cmov32(l->buf, x86_cond[c], R(0), R(3));
}

static void lo_ld_env(Lower *l, const IROp *op, const RaLoc *loc)
{
    x86_emit_load32(l->buf, R(0), x86_mem(RA_REG_ENV, (int32_t)ir_const_arg(op, 0)));
}

static void lo_st_env(Lower *l, const IROp *op, const RaLoc *loc)
{
    X86Mem m = x86_mem(RA_REG_ENV, (int32_t)ir_const_arg(op, 0));
    if (loc[0].is_imm)
        x86_emit_store_i32(l->buf, m, (int32_t)loc[0].imm);
    else
        x86_emit_store32(l->buf, m, R(0));
}

/* Guest loads and stores by IRMemOp (size and sign). */
static void (*const lo_load_fn[8])(X86Buf *, X86Reg, X86Mem) = {
    [IR_MO_8] = x86_emit_load8u, [IR_MO_16] = x86_emit_load16u, [IR_MO_32] = x86_emit_load32,
    [IR_MO_S8] = x86_emit_load8s, [IR_MO_S16] = x86_emit_load16s,
    [IR_MO_32 | IR_MO_SIGN] = x86_emit_load32,
};
static void (*const lo_store_fn[3])(X86Buf *, X86Mem, X86Reg) = { x86_emit_store8, x86_emit_store16, x86_emit_store32 };

static void lo_guest_ld(Lower *l, const IROp *op, const RaLoc *loc)
{
    lo_load_fn[ir_const_arg(op, 0) & 7](l->buf, R(0), lo_guest_mem(l, R(1)));
}

static void lo_guest_st(Lower *l, const IROp *op, const RaLoc *loc)
{
    lo_store_fn[ir_const_arg(op, 0) & IR_MO_SIZE](l->buf, lo_guest_mem(l, R(1)), R(0));
}

static void lo_guest_cmpxchg(Lower *l, const IROp *op, const RaLoc *loc)
{
    static void (*const ext[8])(X86Buf *, X86Reg, X86Reg) = {
        [IR_MO_8] = x86_emit_movzx8_rr, [IR_MO_16] = x86_emit_movzx16_rr,
        [IR_MO_S8] = x86_emit_movsx8_rr, [IR_MO_S16] = x86_emit_movsx16_rr,
    };
    static void (*const load[8])(X86Buf *, X86Reg, X86Mem) = {
        [IR_MO_8] = x86_emit_load8u, [IR_MO_16] = x86_emit_load16u,
        [IR_MO_S8] = x86_emit_load8s, [IR_MO_S16] = x86_emit_load16s,
    };
    uint32_t mo = ir_const_arg(op, 0) & 7;
    X86Buf *b = l->buf;
    X86Mem m = lo_guest_mem(l, R(1));
    if (!ext[mo]) {
        x86_emit_lock_cmpxchg(b, IR_MO_32, m, R(3));
        return;
    }
    /* The IR compares the extended old value with all 32 bits of expected;
     * a narrow cmpxchg compares only al/ax. An expected value that no
     * narrow value extends to fails without a store: just read old. */
    ext[mo](b, RA_REG_TMP, X86_RAX);
    x86_emit_arith_rr32(b, X86_CMP, RA_REG_TMP, X86_RAX);
    size_t to_read = x86_emit_jcc_rel32(b, X86_CC_NE, b->ptr);
    x86_emit_lock_cmpxchg(b, mo & IR_MO_SIZE, m, R(3));
    size_t to_done = x86_emit_jmp_rel32(b, b->ptr);
    if (b->overflow)
        return;
    x86_patch_rel32(b->start + to_read, b->ptr);
    load[mo](b, X86_RAX, m);
    if (b->overflow)
        return;
    x86_patch_rel32(b->start + to_done, b->ptr);
    /* A narrow cmpxchg leaves the upper bits of eax as they were. */
    ext[mo](b, X86_RAX, X86_RAX);
}

static void lo_mb(Lower *l, const IROp *op, const RaLoc *loc) { x86_emit_mfence(l->buf); }

static void lo_call(Lower *l, const IROp *op, const RaLoc *loc)
{
    static const X86Reg arg_regs[4] = { X86_RSI, X86_RDX, X86_RCX, X86_R8 };
    for (unsigned k = 0; k < 4; k++)
        if (op->args[1 + k] == IR_NONE)
            x86_emit_mov_ri32(l->buf, arg_regs[k], 0);
    x86_emit_mov_rr64(l->buf, X86_RDI, RA_REG_ENV);
    x86_emit_mov_ri64(l->buf, RA_REG_TMP, (uint64_t)(uintptr_t)op->helper->fn);
    x86_emit_call_r(l->buf, RA_REG_TMP);
}

static void lo_label(Lower *l, const IROp *op, const RaLoc *loc)
{
    l->label_off[op->args[0]] = (int32_t)x86_buf_offset(l->buf);
}

static void lo_br(Lower *l, const IROp *op, const RaLoc *loc)
{
    int32_t at = l->label_off[op->args[0]];
    if (at >= 0) /* back to a loop head: already placed */
        x86_emit_jmp_rel32(l->buf, l->buf->start + at);
    else
        lo_jump_label(l, X86_CC_O, true, op->args[0]);
}

static void lo_brcond(Lower *l, const IROp *op, const RaLoc *loc)
{
    IRCond c = (IRCond)ir_const_arg(op, 0);
    uint32_t label = ir_const_arg(op, 1);
    if (c == IR_COND_NEVER)
        return;
    if (c == IR_COND_ALWAYS) {
        lo_jump_label(l, X86_CC_O, true, label);
        return;
    }
    lo_cmp(l, c, &loc[0], &loc[1]);
    lo_jump_label(l, x86_cond[c], false, label);
}

static void lo_exit_direct(Lower *l, const IROp *op, const RaLoc *loc)
{
    TcgExit *e = &l->tu->exits[l->nb_exit++];
    /* The rel32 is patched while other threads may run it: keep it in
     * one aligned word. */
    while (((x86_buf_offset(l->buf) + 1) & 3) && !l->buf->overflow)
        x86_emit_nop(l->buf);
    size_t at = x86_emit_jmp_rel32(l->buf, l->buf->ptr + 5);
    e->owner = l->tu;
    e->target = NULL;
    e->next_in = NULL;
    e->jmp_off = (uint32_t)at;
    e->stub_off = (uint32_t)x86_buf_offset(l->buf);
    e->pc = op->args[0];
    e->flags = op->args[1];
    lo_leave_via(l, LEAVE_EXIT, e);
}

static void lo_exit_indirect(Lower *l, const IROp *op, const RaLoc *loc)
{
    X86Buf *b = l->buf;
    X86Reg pc = R(0), t = RA_REG_TMP;
    x86_emit_store32(b, ENV(pc), pc);
    if (loc[1].is_imm)
        x86_emit_store_i32(b, ENV(flags), (int32_t)loc[1].imm);
    else
        x86_emit_store32(b, ENV(flags), R(1));
    /* Inline jump-cache probe; index as in tcg_jc_hash(). */
    x86_emit_mov_rr32(b, t, pc);
    x86_emit_shift_ri32(b, X86_SHR, t, 12);
    x86_emit_arith_rr32(b, X86_XOR, t, pc);
    x86_emit_shift_ri32(b, X86_SHR, t, 1);
    x86_emit_arith_ri32(b, X86_AND, t, TCG_JMP_CACHE_SIZE - 1);
    x86_emit_shift_ri64(b, X86_SHL, t, 4);
    x86_emit_arith_rm64(b, X86_ADD, t, ENV(jmp_cache));
    x86_emit_cmp_mr32(b, x86_mem(t, offsetof(TcgJmpEntry, pc)), pc);
    size_t miss1 = x86_emit_jcc_rel32(b, X86_CC_NE, b->ptr);
    if (loc[1].is_imm)
        x86_emit_cmp_mi32(b, x86_mem(t, offsetof(TcgJmpEntry, flags)), (int32_t)loc[1].imm);
    else
        x86_emit_cmp_mr32(b, x86_mem(t, offsetof(TcgJmpEntry, flags)), R(1));
    size_t miss2 = x86_emit_jcc_rel32(b, X86_CC_NE, b->ptr);
    x86_emit_load64(b, t, x86_mem(t, offsetof(TcgJmpEntry, host_code)));
    x86_emit_jmp_r(b, t);
    if (b->overflow)
        return;
    x86_patch_rel32(b->start + miss1, b->ptr);
    x86_patch_rel32(b->start + miss2, b->ptr);
    lo_return(l, TCG_EXIT_NONE);
}

static void lo_exit_helper(Lower *l, const IROp *op, const RaLoc *loc)
{
    uint32_t reason = op->args[0];
    lo_leave(l, op->args[1], op->args[2]);
    x86_emit_store_i32(l->buf, ENV(exit_reason), (int32_t)reason);
    lo_return(l, reason);
}

/* ---- hot loops ---- */

/* A direct exit back to the unit's own start. */
static bool lo_is_self_exit(const IRBlock *blk, const IROp *op)
{
    return op->opc == IR_exit_direct && op->args[0] == blk->guest_pc && op->args[1] == blk->guest_flags;
}

/* Hot units: what each label leads to (l->label_exit, label_at, label_end)
 * and whether the unit loops, to its own start or to a label inside it.
 * *body_end is the last branch back to the unit's start (UINT32_MAX if
 * none) and *has_calls whether the unit calls helpers. A side exit is
 * `brcond ..., L` with `L: <pure ops, discards>; exit_direct`, L reached
 * by that brcond only. */
static bool lo_scan_labels(Lower *l, uint32_t *body_end, bool *has_calls)
{
    const IRBlock *blk = l->blk;
    bool found = false;
    *has_calls = false;
    uint8_t refs[blk->nb_labels + 1];
    ir_count_label_refs(blk, refs);
    for (uint32_t i = 0; i < blk->nb_ops; i++) {
        const IROp *op = &blk->ops[i];
        if (op->opc == IR_call)
            *has_calls = true;
        if (op->opc != IR_label)
            continue;
        uint32_t lab = op->args[0], end;
        l->label_at[lab] = i;
        l->label_exit[lab] = LX_NONE;
        if (ir_side_exit_at(blk, i, refs, &end)) {
            l->label_exit[lab] = lo_is_self_exit(blk, &blk->ops[end]) ? LX_SELF : LX_EXIT;
            l->label_end[lab] = end;
        }
    }
    /* An exit right after its label is reached by the branches to it. */
    bool after_label = false;
    for (uint32_t i = 0; i < blk->nb_ops; i++) {
        const IROp *op = &blk->ops[i];
        /* Back edges: to the unit's start, or to a label before the
         * branch (a loop head inside the unit). */
        bool to_start = (lo_is_self_exit(blk, op) && !after_label) ||
                        (op->opc == IR_brcond && l->label_exit[ir_const_arg(op, 1)] == LX_SELF);
        bool inner = (op->opc == IR_br && l->label_at[op->args[0]] < i) ||
                     (op->opc == IR_brcond && l->label_at[ir_const_arg(op, 1)] < i);
        after_label = op->opc == IR_label || (after_label && ir_side_exit_op(op));
        if (to_start)
            *body_end = i;
        found |= to_start || inner;
    }
    return found;
}

/* The fall-through back edge: non-pinned globals go home (the loop head
 * expects them there) and the pinned ones stay in their registers. */
static void lo_back_edge(Lower *l)
{
    ra_end_block(&l->ra, false, true, false);
    x86_emit_jmp_rel32(l->buf, l->buf->start + l->loop_head);
}

/* Records an out-of-line path for the jcc at offset at, to be lowered
 * after the main path from the register state here. */
static void lo_fork(Lower *l, size_t at, uint32_t label, uint32_t pc, uint32_t flags)
{
    size_t size = ra_snapshot_size(&l->ra);
    if (l->snaps_used + size > l->snaps_cap) {
        l->snaps_cap = (l->snaps_used + size) * 2;
        l->snaps = realloc(l->snaps, l->snaps_cap);
        if (!l->snaps)
            ferry_die("out of memory lowering a unit");
    }
    ra_snapshot(&l->ra, l->snaps + l->snaps_used);
    l->fork = lo_grow(l->fork, &l->cap_fork, l->nb_fork + 1, sizeof(*l->fork));
    l->fork[l->nb_fork++] = (SideFork){ (uint32_t)at, label, pc, flags, l->snaps_used };
    l->snaps_used += size;
}

/* brcond to a side exit (hot units): compare, and branch to the exit's
 * block, lowered after the main path from the registers as they are
 * here; the fall-through path keeps every value where it is and stores
 * nothing. Called between ra_op and ra_op_done. */
static void lo_side_exit(Lower *l, const IROp *op, const RaLoc *loc)
{
    IRCond c = (IRCond)ir_const_arg(op, 0);
    lo_cmp(l, c, &loc[0], &loc[1]);
    size_t at = x86_emit_jcc_rel32(l->buf, x86_cond[c], l->buf->ptr);
    lo_fork(l, at, ir_const_arg(op, 1), 0, 0);
}

/* exit_check (a loop head inside the unit): leave out of line, with the
 * guest state written back, when another thread or a signal asks. */
static void lo_exit_check(Lower *l, const IROp *op, const RaLoc *loc)
{
    x86_emit_cmp_mi32(l->buf, ENV(exit_request), 0);
    size_t at = x86_emit_jcc_rel32(l->buf, X86_CC_NE, l->buf->ptr);
    lo_fork(l, at, LO_FORK_REQUEST, op->args[0], op->args[1]);
}

static void lo_op(Lower *l, uint32_t i);

/* The side exits' blocks, each from its branch's register state. */
static void lo_emit_side_exits(Lower *l)
{
    X86Buf *b = l->buf;
    for (uint32_t f = 0; f < l->nb_fork && !b->overflow; f++) {
        const SideFork *sf = &l->fork[f];
        uint8_t *start = b->ptr;
        x86_patch_rel32(b->start + sf->disp_off, start);
        ra_restore(&l->ra, l->snaps + sf->snap);
        if (sf->label == LO_FORK_REQUEST) {
            ra_end_block(&l->ra, false, true, true);
            lo_leave(l, sf->pc, sf->flags);
            lo_return(l, TCG_EXIT_REQUEST);
            continue;
        }
        for (uint32_t i = l->label_at[sf->label] + 1; i <= l->label_end[sf->label] && !b->overflow; i++)
            lo_op(l, i);
        /* A back edge with nothing to write back is one jmp: the branch
         * goes straight to its target. */
        if (!b->overflow && b->ptr - start == 5 && start[0] == 0xe9) {
            int32_t rel;
            memcpy(&rel, start + 1, 4);
            x86_patch_rel32(b->start + sf->disp_off, start + 5 + rel);
            b->ptr = start;
        }
    }
}

/* ---- scaled-index adds ---- */

/* `shl t, x, $k; ...; add d, a, t` with k <= 3 and t used nowhere else is
 * one `lea d, [a + x << k]` (table lookups, array indexing). Marks each
 * such add with its shl, which is then not lowered. Within a basic block
 * only, and only if x keeps its value up to the add. */
static void lo_scan_lea(Lower *l)
{
    const IRBlock *blk = l->blk;
    RegAlloc *ra = &l->ra;
    memset(l->fused_shl, 0, blk->nb_ops * sizeof(uint32_t));
    for (uint32_t i = 0; i < blk->nb_ops; i++) {
        const IROp *sh = &blk->ops[i];
        if (sh->opc != IR_shl)
            continue;
        IRTemp t = sh->args[0], x = sh->args[1], k = sh->args[2];
        if (t <= blk->nb_globals || ra->cross[t] || !ir_is_const(blk, k) || blk->temps[k].value - 1 > 2 ||
            ir_is_const(blk, x))
            continue;
        uint32_t j = ra->last_use[t];
        if (j <= i)
            continue;
        const IROp *add = &blk->ops[j];
        if (add->opc != IR_add || (add->args[1] == t) == (add->args[2] == t) ||
            ir_is_const(blk, add->args[add->args[1] == t ? 2 : 1]))
            continue;
        bool ok = true;
        for (uint32_t m = i + 1; m < j && ok; m++) {
            const IROp *op = &blk->ops[m];
            const IROpDef *d = ir_def(op);
            if (d->flags & (IR_F_BB_END | IR_F_EXIT | IR_F_CALL))
                ok = false;
            for (unsigned o = 0; o < d->nb_out; o++)
                ok &= op->args[o] != x;
            for (unsigned a = 0; a < (unsigned)d->nb_out + d->nb_in; a++)
                ok &= op->args[a] != t; /* the add is t's only reader */
        }
        if (!ok)
            continue;
        l->fused_shl[j] = i + 1;
        if (x > blk->nb_globals && ra->last_use[x] < j)
            ra->last_use[x] = j; /* x is read at the add now */
    }
}

/* "r" for every operand: the ops the lowering puts together itself. */
static const RaCons lo_any_reg[4] = {
    { .fixed = X86_NOREG, .alias = -1 }, { .fixed = X86_NOREG, .alias = -1 },
    { .fixed = X86_NOREG, .alias = -1 }, { .fixed = X86_NOREG, .alias = -1 },
};

/* A load with a folded address: the output is written last. */
static const RaCons lo_folded_load[4] = {
    { .fixed = X86_NOREG, .alias = -1, .late = true }, { .fixed = X86_NOREG, .alias = -1 },
    { .fixed = X86_NOREG, .alias = -1 }, { .fixed = X86_NOREG, .alias = -1 },
};

/* The parts of the address an add (or a fused scaled add) computes:
 * base a, index x (a register, a constant or IR_NONE) and x's shift. */
static void lo_addr_parts(const Lower *l, uint32_t add_index, IRTemp *a, IRTemp *x, int *shift)
{
    const IRBlock *blk = l->blk;
    const IROp *add = &blk->ops[add_index];
    const IROp *sh = blk->hot && l->fused_shl[add_index] ? &blk->ops[l->fused_shl[add_index] - 1] : NULL;
    *a = add->args[1], *x = add->args[2], *shift = 0;
    if (sh) {
        *a = add->args[1] == sh->args[0] ? add->args[2] : add->args[1];
        *x = sh->args[1];
        *shift = (int)blk->temps[sh->args[2]].value;
    } else if (ir_is_const(blk, *a)) {
        *a = add->args[2], *x = add->args[1];
    }
}

/* With guest_base 0, `add t, a, b` (or a fused scaled add) whose only
 * reader is the address of a guest load or store goes into that access's
 * memory operand with a 32-bit address size: [a + b], [a + disp],
 * [a + x << k], wrapping at 4 GiB as the guest's addresses do. Within a
 * basic block, with no call in between, and only if the add's inputs keep
 * their values up to the access. */
static void lo_scan_addr(Lower *l)
{
    const IRBlock *blk = l->blk;
    RegAlloc *ra = &l->ra;
    const uint32_t ng = blk->nb_globals;
    memset(l->addr_add, 0, blk->nb_ops * sizeof(uint32_t));
    memset(l->folded, 0, blk->nb_ops);
    for (uint32_t j = 0; j < blk->nb_ops; j++) {
        const IROp *op = &blk->ops[j];
        const IROpDef *d = ir_def(op);
        if (op->opc == IR_guest_ld || op->opc == IR_guest_st) {
            IRTemp t = op->args[1];
            /* def_at[] holds stale indices for temps not defined yet in
             * this unit: the op found must really define t. */
            uint32_t i = t > ng && !ir_is_const(blk, t) ? l->def_at[t] : UINT32_MAX;
            if (i < j && blk->ops[i].opc == IR_add && blk->ops[i].args[0] == t && !ra->cross[t] &&
                ra->last_use[t] == j && !l->folded[i]) {
                IRTemp a, x;
                int shift;
                lo_addr_parts(l, i, &a, &x, &shift);
                bool ok = !ir_is_const(blk, a);
                for (uint32_t m = i + 1; m < j && ok; m++) {
                    const IROp *o = &blk->ops[m];
                    const IROpDef *od = ir_def(o);
                    if (od->flags & (IR_F_BB_END | IR_F_EXIT | IR_F_CALL))
                        ok = false;
                    for (unsigned k = 0; k < (unsigned)od->nb_out + od->nb_in; k++)
                        ok &= o->args[k] != t;
                    for (unsigned k = 0; k < od->nb_out; k++)
                        ok &= o->args[k] != a && o->args[k] != x;
                }
                if (ok) {
                    l->addr_add[j] = i + 1;
                    l->folded[i] = 1;
                    if (a > ng && ra->last_use[a] < j)
                        ra->last_use[a] = j;
                    if (x > ng && !ir_is_const(blk, x) && ra->last_use[x] < j)
                        ra->last_use[x] = j;
                }
            }
        }
        for (unsigned k = 0; k < d->nb_out; k++)
            if (op->args[k] > ng)
                l->def_at[op->args[k]] = j;
    }
}

/* A guest access with its address add folded in (lo_scan_addr). */
static void lo_folded_access(Lower *l, const IROp *op, uint32_t add_index)
{
    const IRBlock *blk = l->blk;
    RegAlloc *ra = &l->ra;
    IRTemp a, x;
    int shift;
    lo_addr_parts(l, add_index, &a, &x, &shift);
    int32_t disp = 0;
    if (ir_is_const(blk, x)) {
        disp = (int32_t)blk->temps[x].value;
        x = IR_NONE;
    }
    /* One output and three inputs, as guest_cmpxchg: (d | -), (v | -), a, x. */
    bool load = op->opc == IR_guest_ld;
    IROp syn = { .opc = IR_guest_cmpxchg,
                 .args = { load ? op->args[0] : IR_NONE, load ? IR_NONE : op->args[0], a, x } };
    RaLoc loc[IR_MAX_ARGS];
    ra_op(ra, &syn, load ? lo_folded_load : lo_any_reg, 0, loc);
    X86Mem m = { .base = loc[2].reg, .index = x == IR_NONE ? X86_NOREG : loc[3].reg, .shift = shift,
                 .disp = disp, .addr32 = true };
    uint32_t start = (uint32_t)x86_buf_offset(l->buf);
    if (load)
        lo_load_fn[ir_const_arg(op, 0) & 7](l->buf, loc[0].reg, m);
    else
        lo_store_fn[ir_const_arg(op, 0) & IR_MO_SIZE](l->buf, m, loc[1].reg);
    lo_fault_sync(l, op, start, (uint32_t)x86_buf_offset(l->buf));
    ra_op_done(ra, &syn, loc);
}

/* The add of a fused pair: d = a + (x << k). */
static void lo_scaled_add(Lower *l, const IROp *add, const IROp *sh)
{
    RegAlloc *ra = &l->ra;
    IRTemp t = sh->args[0];
    IROp op = { .opc = IR_add, .args = { add->args[0], add->args[add->args[1] == t ? 2 : 1], sh->args[1] } };
    RaLoc loc[IR_MAX_ARGS];
    ra_op(ra, &op, lo_any_reg, 0, loc);
    X86Mem m = { .base = loc[1].reg, .index = loc[2].reg, .shift = (int)l->blk->temps[sh->args[2]].value };
    x86_emit_lea32(l->buf, loc[0].reg, m);
    ra_op_done(ra, &op, loc);
}

/* ---- the table: constraints and emitter per op ---- */

#define ALU(name, a) [IR_##name] = { { "p", "r", "ri" }, 0, SY_NONE, a, lo_arith }
#define SHIFT(name, s) [IR_##name] = { { "0", "r", "ci" }, 0, SY_NONE, s, lo_shift }
#define UN(name, fn, sub) [IR_##name] = { { "0", "r" }, 0, SY_NONE, sub, fn }
#define EXT(name, sub) [IR_##name] = { { "rl", "r" }, 0, SY_NONE, sub, lo_ext }

static const X86OpInfo x86_ops[IR_NB_OPS] = {
    [IR_insn_start] = { { 0 }, 0, SY_NONE, 0, lo_insn_start },
    [IR_mov] = { { "0", "r" }, 0, SY_NONE, 0, lo_nothing },
    ALU(add, X86_ADD), ALU(sub, X86_SUB), ALU(and, X86_AND), ALU(or, X86_OR), ALU(xor, X86_XOR),
    [IR_mul] = { { "p", "r", "ri" }, 0, SY_NONE, 0, lo_mul },
    [IR_andc] = { { "0", "r", "ri" }, 0, SY_NONE, 0, lo_andc },
    SHIFT(shl, X86_SHL), SHIFT(shr, X86_SHR), SHIFT(sar, X86_SAR), SHIFT(rotr, X86_ROR),
    UN(neg, lo_grp3, X86_GRP3_NEG), UN(not, lo_grp3, X86_GRP3_NOT),
    EXT(ext8s, 0), EXT(ext8u, 1), EXT(ext16s, 2), EXT(ext16u, 3),
    UN(bswap32, lo_bswap32, 0), UN(bswap16, lo_bswap16, 0),
    [IR_clz] = { { "r", "r" }, 0, SY_NONE, 0, lo_clz },
    [IR_extract] = { { "0", "r" }, 0, SY_NONE, 0, lo_extract },
    [IR_sextract] = { { "0", "r" }, 0, SY_NONE, 0, lo_sextract },
    [IR_deposit] = { { "0", "r", "ri" }, 0, SY_NONE, 0, lo_deposit },
    [IR_mulu2] = { { "a", "d", "a", "r" }, 0, SY_NONE, X86_GRP3_MUL, lo_mul2 },
    [IR_muls2] = { { "a", "d", "a", "r" }, 0, SY_NONE, X86_GRP3_IMUL, lo_mul2 },
    [IR_add2] = { { "0", "1", "r", "r", "ri", "ri" }, 0, SY_NONE, X86_ADD, lo_addsub2 },
    [IR_sub2] = { { "0", "1", "r", "r", "ri", "ri" }, 0, SY_NONE, X86_SUB, lo_addsub2 },
    [IR_setcond] = { { "r", "r", "ri" }, 0, SY_NONE, 0, lo_setcond },
    [IR_movcond] = { { "3", "r", "ri", "r", "r" }, 0, SY_NONE, 0, lo_movcond },
    [IR_ld_env] = { { "r" }, 0, SY_NONE, 0, lo_ld_env },
    [IR_st_env] = { { "ri" }, 0, SY_NONE, 0, lo_st_env },
    [IR_guest_ld] = { { "rl", "r" }, 0, SY_MEM, 0, lo_guest_ld },
    [IR_guest_st] = { { "r", "r" }, 0, SY_MEM, 0, lo_guest_st },
    [IR_guest_cmpxchg] = { { "a", "r", "a", "r" }, 0, SY_MEM, 0, lo_guest_cmpxchg },
    [IR_mb] = { { 0 }, 0, SY_NONE, 0, lo_mb },
    [IR_call] = { { "a", "S", "d", "c", "8" }, RA_CALLER_SAVED, SY_CALL, 0, lo_call },
    [IR_label] = { { 0 }, 0, SY_BB, 0, lo_label },
    [IR_br] = { { 0 }, 0, SY_BB, 0, lo_br },
    [IR_brcond] = { { "r", "ri" }, 0, SY_BB, 0, lo_brcond },
    [IR_exit_direct] = { { 0 }, 0, SY_EXIT, 0, lo_exit_direct },
    [IR_exit_indirect] = { { "r", "ri" }, 0, SY_EXIT, 0, lo_exit_indirect },
    [IR_exit_helper] = { { 0 }, 0, SY_EXIT, 0, lo_exit_helper },
    [IR_exit_check] = { { 0 }, 0, SY_NONE, 0, lo_exit_check },
    [IR_discard] = { { 0 }, 0, SY_NONE, 0, lo_nothing },
};

/* A constant moved into a temp is an immediate, not a register copy. */
static const X86OpInfo x86_mov_const = { { "r", "ri" }, 0, SY_NONE, 0, lo_mov };

/* The constraint strings above, parsed once (lo_parse_cons): slot
 * IR_NB_OPS is x86_mov_const's. */
static RaCons x86_cons[IR_NB_OPS + 1][6];

static void lo_parse_cons(void)
{
    for (unsigned op = 0; op <= IR_NB_OPS; op++) {
        const X86OpInfo *info = op < IR_NB_OPS ? &x86_ops[op] : &x86_mov_const;
        for (unsigned k = 0; k < 6; k++)
            x86_cons[op][k] = ra_parse_cons(info->con[k]);
    }
}

static bool lo_has_lzcnt(void)
{
    unsigned a, b, c, d;
    return __get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5));
}

/* Lowers op i: registers per its constraints, then its emitter. */
static void lo_op(Lower *l, uint32_t i)
{
    const IRBlock *blk = l->blk;
    RegAlloc *ra = &l->ra;
    X86Buf *buf = l->buf;
    const IROp *op = &blk->ops[i];
    const X86OpInfo *info = &x86_ops[op->opc];
    const RaCons *cons = x86_cons[op->opc];
    if (op->opc == IR_mov && ir_is_const(blk, op->args[1])) {
        info = &x86_mov_const;
        cons = x86_cons[IR_NB_OPS];
    }
    RaLoc loc[IR_MAX_ARGS];
    ra->op_index = i;
    if (l->loop && lo_is_self_exit(blk, op)) {
        lo_back_edge(l);
        return;
    }
    if (l->fold_addr && l->folded[i])
        return; /* lowered with its access */
    if (l->fold_addr && l->addr_add[i]) {
        lo_folded_access(l, op, l->addr_add[i] - 1);
        return;
    }
    if (blk->hot && op->opc == IR_shl && l->fused_shl[ra->last_use[op->args[0]]] == i + 1 &&
        op->args[0] > blk->nb_globals)
        return; /* lowered with its add */
    if (blk->hot && l->fused_shl[i]) {
        lo_scaled_add(l, op, &blk->ops[l->fused_shl[i] - 1]);
        return;
    }
    if (blk->hot && op->opc == IR_brcond && l->label_exit[ir_const_arg(op, 1)] != LX_NONE &&
        ir_const_arg(op, 0) != IR_COND_ALWAYS && ir_const_arg(op, 0) != IR_COND_NEVER) {
        ra_op(ra, op, cons, info->clobber, loc);
        lo_side_exit(l, op, loc);
        ra_op_done(ra, op, loc);
        return;
    }
    if (op->opc == IR_mov && ir_is_const(blk, op->args[1]) && ir_is_global(blk, op->args[0]) &&
        !ra_is_pinned(ra, op->args[0])) {
        ra_set_global_const(ra, op->args[0], blk->temps[op->args[1]].value);
        return;
    }

    /* `add g, t, g`: the operand that is also the output goes first, so
     * the two-operand x86 form needs no copy (`add g, t`). */
    IROp swapped;
    if (op->args[2] == op->args[0] && ir_op_commutative(op->opc) && op->args[1] != op->args[0] &&
        !ir_is_const(blk, op->args[1])) {
        swapped = *op;
        swapped.args[1] = op->args[2];
        swapped.args[2] = op->args[1];
        op = &swapped;
    }
    uint32_t hflags = op->opc == IR_call ? op->helper->flags : 0;
    bool helper_globals = hflags & (IR_HELPER_READS_GLOBALS | IR_HELPER_WRITES_GLOBALS);
    if (info->sync == SY_CALL && helper_globals)
        ra_sync_globals(ra);
    IRTemp env_global = IR_NONE;
    if (op->opc == IR_ld_env || op->opc == IR_st_env) {
        env_global = ra_global_at(ra, ir_const_arg(op, 0), 4);
        if (env_global != IR_NONE && op->opc == IR_ld_env)
            ra_flush_temp(ra, env_global);
    }
    ra_op(ra, op, cons, info->clobber, loc);
    if (info->sync == SY_BB || info->sync == SY_EXIT)
        ra_end_block(ra, info->sync == SY_BB, op->opc != IR_brcond, info->sync == SY_EXIT);
    uint32_t start = (uint32_t)x86_buf_offset(buf);
    info->emit(l, op, loc);
    if (info->sync == SY_MEM)
        lo_fault_sync(l, op, start, (uint32_t)x86_buf_offset(buf));
    /* Before the outputs are bound: the call's result may be a global. */
    if (hflags & IR_HELPER_WRITES_GLOBALS)
        ra_drop_globals(ra);
    ra_op_done(ra, op, loc);
    if (env_global != IR_NONE && op->opc == IR_st_env)
        ra_forget_temp(ra, env_global);
    /* A dead global is not written back. */
    if (op->opc == IR_discard)
        ra_discard_global(ra, ir_const_arg(op, 0));
}

bool x86_lower_tu(const IRBlock *blk, X86Buf *buf, TcgTU *tu)
{
    static bool inited;
    Lower *l = &lower;
    if (!inited) {
        ra_init(&l->ra);
        lo_parse_cons();
        l->have_lzcnt = lo_has_lzcnt();
        inited = true;
    }
    l->buf = buf;
    l->blk = blk;
    l->tu = tu;
    l->nb_insn = l->nb_exit = 0;
    l->nb_fix = 0;
    l->nb_fs = l->nb_fr = 0;
    if (blk->nb_labels > l->cap_labels) {
        l->label_off = realloc(l->label_off, blk->nb_labels * sizeof(int32_t));
        if (!l->label_off)
            ferry_die("out of memory lowering a unit");
        l->cap_labels = blk->nb_labels;
    }
    for (uint32_t i = 0; i < blk->nb_labels; i++)
        l->label_off[i] = -1;
    l->label_exit = lo_grow(l->label_exit, &l->cap_lx, blk->nb_labels, 1);
    l->label_at = lo_grow(l->label_at, &l->cap_lat, blk->nb_labels, sizeof(uint32_t));
    l->fused_shl = lo_grow(l->fused_shl, &l->cap_fused, blk->nb_ops + 1, sizeof(uint32_t));
    l->addr_add = lo_grow(l->addr_add, &l->cap_addr, blk->nb_ops + 1, sizeof(uint32_t));
    l->folded = lo_grow(l->folded, &l->cap_folded, blk->nb_ops + 1, 1);
    l->def_at = lo_grow(l->def_at, &l->cap_def, blk->nb_temps + 1, sizeof(uint32_t));
    l->nb_fork = 0;
    l->snaps_used = 0;
    l->label_end = lo_grow(l->label_end, &l->cap_lend, blk->nb_labels, sizeof(uint32_t));
    if (!ra_begin(&l->ra, blk, buf))
        return false;
    RegAlloc *ra = &l->ra;
    if (blk->hot)
        lo_scan_lea(l);
    l->fold_addr = tcg_cache_guest_base == 0;
    if (l->fold_addr)
        lo_scan_addr(l);

    /* A hot loop keeps its busiest globals in registers from its head
     * on; its back edges jump to the head instead of leaving the unit. */
    uint32_t body_end = UINT32_MAX;
    bool has_calls = false;
    l->loop = blk->hot && lo_scan_labels(l, &body_end, &has_calls);
    if (l->loop) {
        /* With no guest_base, its register is free for a guest value. */
        ra_pin_loop_globals(ra, body_end, has_calls, tcg_cache_guest_base == 0 ? RA_REG_GBASE : X86_NOREG);
        ra_loop_head(ra);
        l->loop_head = x86_buf_offset(buf);
    }
    /* Entry (and loop head): leave at once if another thread or a signal
     * asked. */
    x86_emit_cmp_mi32(buf, ENV(exit_request), 0);
    size_t req = x86_emit_jcc_rel32(buf, X86_CC_NE, buf->ptr);
    /* Cold units count their runs and ask for a hot retranslation. */
    size_t tier = 0;
    if (tu->counter) {
        x86_emit_dec_rip32(buf, tu->counter);
        tier = x86_emit_jcc_rel32(buf, X86_CC_E, buf->ptr);
    }

    for (uint32_t i = 0; i < blk->nb_ops && !buf->overflow; i++) {
        const IROp *op = &blk->ops[i];
        /* A fifth of a cold unit's ops: no registers, no code. */
        if (op->opc == IR_insn_start) {
            lo_insn_start(l, op, NULL);
            continue;
        }
        /* A side exit's block is lowered out of line (lo_side_exit). */
        if (blk->hot && op->opc == IR_label && l->label_exit[op->args[0]] != LX_NONE) {
            i = l->label_end[op->args[0]];
            continue;
        }
        lo_op(l, i);
    }
    /* Falling off the end is a front-end bug; never run into the void. */
    if (blk->nb_ops == 0 || !ir_ends_flow(&blk->ops[blk->nb_ops - 1]))
        ferry_die("translation unit at 0x%08x does not end with an exit or a branch", blk->guest_pc);

    lo_emit_side_exits(l);
    if (buf->overflow)
        return false;
    x86_patch_rel32(buf->start + req, buf->ptr);
    if (l->loop) {
        /* From the loop head: the pinned globals the unit writes are only
         * in their registers. */
        ra_loop_head(ra);
        ra_store_pinned(ra);
    }
    lo_leave_via(l, LEAVE_REQUEST, tu);
    if (tu->counter) {
        x86_patch_rel32(buf->start + tier, buf->ptr);
        lo_leave_via(l, LEAVE_TIER_UP, tu);
    }
    if (buf->overflow)
        return false;
    for (uint32_t i = 0; i < l->nb_fix; i++) {
        int32_t at = l->label_off[l->fix[i].label];
        if (at < 0)
            ferry_die("translation unit at 0x%08x branches to an unbound label", blk->guest_pc);
        x86_patch_rel32(buf->start + l->fix[i].disp_off, buf->start + at);
    }
    tu->nb_insns = l->nb_insn;
    tu->nb_exits = l->nb_exit;
    free(tu->fsync);
    tu->fsync = NULL;
    tu->fregs = NULL;
    tu->nb_fsync = l->nb_fs;
    if (l->nb_fs) {
        size_t fs_size = l->nb_fs * sizeof(TcgFaultSync);
        tu->fsync = malloc(fs_size + l->nb_fr * sizeof(TcgFaultReg));
        if (!tu->fsync)
            ferry_die("out of memory for a unit's fault map");
        tu->fregs = (TcgFaultReg *)(void *)((char *)tu->fsync + fs_size);
        memcpy(tu->fsync, l->fs, fs_size);
        memcpy(tu->fregs, l->fr, l->nb_fr * sizeof(TcgFaultReg));
    }
    return true;
}
