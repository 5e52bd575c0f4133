/*
 * The IR interpreter (see interp.h): a plain switch over the opcodes,
 * written for clarity, not speed, because it is the definition the JIT and
 * the passes are checked against.
 *
 * Semantics of each op (values are uint32_t; "s" means read as int32_t):
 *   mov d,a            d = a
 *   add/sub/mul        modulo 2^32
 *   and/or/xor         bitwise; andc d = a & ~b
 *   shl/shr/sar/rotr   count = b & 31; shr is logical, sar arithmetic
 *   neg/not            d = -a, d = ~a
 *   ext8s/ext8u/...    sign/zero extension of the low 8/16 bits
 *   bswap32            byte reverse; bswap16 swaps bytes 0 and 1, d < 65536
 *   clz                leading zeros, clz(0) = 32
 *   extract a,pos,len  d = (a >> pos) & (2^len - 1); len 0 gives 0
 *   sextract           the same field sign-extended from bit len-1
 *   deposit a,b,pos,len  d = a with bits [pos,pos+len) taken from b's low bits
 *   mulu2/muls2        (lo,hi) = 64-bit product, unsigned/signed
 *   add2/sub2          (lo,hi) = (ah:al) +/- (bh:bl) modulo 2^64
 *   setcond            d = (a cond b) ? 1 : 0   (ir_cond_eval)
 *   movcond            d = (c1 cond c2) ? v1 : v2
 *   ld_env/st_env      32-bit access at byte offset off of the CPU state
 *                      (which is where globals live too: they alias)
 *   guest_ld           load size per memop at guest_base + addr, zero- or
 *                      sign-extended; guest_st stores the low bytes of val
 *   guest_cmpxchg      old = load (extended as guest_ld); if old ==
 *                      expected (all 32 bits) store new's low bytes; d = old
 *   mb                 host full fence
 *   call               d = helper(cpu, a0..a3), IR_NONE args pass 0
 *   label/br/brcond    internal control flow, forward or backward
 *   exit_*             see interp.h; exit_check leaves only if the CPU's
 *                      exit_request is set
 */
#include "interp.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"

static uint32_t mask_bits(uint32_t len)
{
    return len >= 32 ? ~0u : (1u << len) - 1;
}

static uint32_t eval_extract(uint32_t a, uint32_t pos, uint32_t len)
{
    return pos >= 32 ? 0 : (a >> pos) & mask_bits(len);
}

static uint32_t eval_sextract(uint32_t a, uint32_t pos, uint32_t len)
{
    if (len == 0 || pos >= 32)
        return 0;
    uint32_t f = eval_extract(a, pos, len);
    uint32_t sign = 1u << (len > 32 ? 31 : len - 1);
    return (f ^ sign) - sign;
}

static uint32_t eval_deposit(uint32_t a, uint32_t b, uint32_t pos, uint32_t len)
{
    if (pos >= 32)
        return a;
    uint32_t m = mask_bits(len) << pos;
    return (a & ~m) | ((b << pos) & m);
}

static uint32_t eval_clz(uint32_t a)
{
    return a ? (uint32_t)__builtin_clz(a) : 32;
}

/* Inlined into the interpreter's loop; ir_eval_pure for everyone else. */
static inline __attribute__((always_inline)) bool eval_pure(const IROp *op, const uint32_t *in, uint32_t *out)
{
    const IROpDef *d = ir_def(op);
    if (d->flags & IR_F_SIDE)
        return false;
    const uint32_t *k = &op->args[d->nb_out + d->nb_in];
    uint32_t a = d->nb_in > 0 ? in[0] : 0;
    uint32_t b = d->nb_in > 1 ? in[1] : 0;
    uint64_t w;

    switch ((IROpcode)op->opc) {
    case IR_mov: out[0] = a; break;
    case IR_add: out[0] = a + b; break;
    case IR_sub: out[0] = a - b; break;
    case IR_mul: out[0] = a * b; break;
    case IR_and: out[0] = a & b; break;
    case IR_or: out[0] = a | b; break;
    case IR_xor: out[0] = a ^ b; break;
    case IR_andc: out[0] = a & ~b; break;
    case IR_shl: out[0] = a << (b & 31); break;
    case IR_shr: out[0] = a >> (b & 31); break;
    /* Right shift of a negative int is arithmetic in gcc and clang. */
    case IR_sar: out[0] = (uint32_t)((int32_t)a >> (b & 31)); break;
    case IR_rotr: out[0] = (b & 31) ? (a >> (b & 31)) | (a << (32 - (b & 31))) : a; break;
    case IR_neg: out[0] = 0u - a; break;
    case IR_not: out[0] = ~a; break;
    case IR_ext8s: out[0] = (uint32_t)(int32_t)(int8_t)a; break;
    case IR_ext8u: out[0] = a & 0xff; break;
    case IR_ext16s: out[0] = (uint32_t)(int32_t)(int16_t)a; break;
    case IR_ext16u: out[0] = a & 0xffff; break;
    case IR_bswap32: out[0] = __builtin_bswap32(a); break;
    case IR_bswap16: out[0] = ((a & 0xff) << 8) | ((a >> 8) & 0xff); break;
    case IR_clz: out[0] = eval_clz(a); break;
    case IR_extract: out[0] = eval_extract(a, k[0], k[1]); break;
    case IR_sextract: out[0] = eval_sextract(a, k[0], k[1]); break;
    case IR_deposit: out[0] = eval_deposit(a, b, k[0], k[1]); break;
    case IR_mulu2:
        w = (uint64_t)a * b;
        out[0] = (uint32_t)w;
        out[1] = (uint32_t)(w >> 32);
        break;
    case IR_muls2:
        w = (uint64_t)((int64_t)(int32_t)a * (int32_t)b);
        out[0] = (uint32_t)w;
        out[1] = (uint32_t)(w >> 32);
        break;
    case IR_add2:
    case IR_sub2: {
        uint64_t x = ((uint64_t)in[1] << 32) | in[0];
        uint64_t y = ((uint64_t)in[3] << 32) | in[2];
        w = op->opc == IR_add2 ? x + y : x - y;
        out[0] = (uint32_t)w;
        out[1] = (uint32_t)(w >> 32);
        break;
    }
    case IR_setcond: out[0] = ir_cond_eval((IRCond)k[0], a, b); break;
    case IR_movcond: out[0] = ir_cond_eval((IRCond)k[0], a, b) ? in[2] : in[3]; break;
    default:
        /* ld_env reads the CPU state: not pure, though not IR_F_SIDE. */
        return false;
    }
    return true;
}

bool ir_eval_pure(const IROp *op, const uint32_t *in, uint32_t *out) { return eval_pure(op, in, out); }

/* Per-run state. Every operand is reached through slot[t]: the constant
 * in the block, the global's field in the CPU state, or the local's cell
 * (IR_NONE: a cell that reads 0; an IR_NONE output is never written). */
typedef struct Interp {
    const IRBlock *b;
    TcgCpu *cpu;
    uintptr_t guest_base;
    uint64_t mem_size;       /* 0: unchecked */
    uint64_t ops_left;       /* UINT64_MAX: no limit */
    uint32_t **slot;         /* indexed by temp */
    uint32_t cur_pc;
} Interp;

static void bind_slots(const IRBlock *b, TcgCpu *cpu, uint32_t **slot, uint32_t *locals)
{
    /* Temps 1..nb_globals are the globals; the rest constants or locals. */
    for (uint32_t t = 1; t <= b->nb_globals; t++)
        slot[t] = (uint32_t *)(void *)((char *)cpu + b->temps[t].value);
    for (uint32_t t = b->nb_globals + 1; t < b->nb_temps; t++) {
        const IRTempInfo *ti = &b->temps[t];
        if (ti->kind == IR_TEMP_CONST) {
            slot[t] = (uint32_t *)&ti->value;
        } else {
            slot[t] = &locals[t];
            locals[t] = 0;
        }
    }
}

static uint32_t memop_bytes(uint32_t mo) { return 1u << (mo & IR_MO_SIZE); }

/* False (and the fault recorded) if the access is out of bounds. */
static bool mem_check(Interp *s, uint32_t addr, uint32_t mo, bool write)
{
    if (!s->mem_size || (uint64_t)addr + memop_bytes(mo) <= s->mem_size)
        return true;
    TcgCpu *cpu = s->cpu;
    cpu->pc = s->cur_pc;
    cpu->flags = s->b->guest_flags;
    cpu->exit_reason = TCG_EXIT_FAULT;
    cpu->fault_addr = addr;
    cpu->fault_write = write;
    return false;
}

static uint32_t mem_ld(const Interp *s, uint32_t addr, uint32_t mo)
{
    const void *p = (const void *)(s->guest_base + addr);
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8:
        memcpy(&u8, p, 1);
        return (mo & IR_MO_SIGN) ? (uint32_t)(int32_t)(int8_t)u8 : u8;
    case IR_MO_16:
        memcpy(&u16, p, 2);
        return (mo & IR_MO_SIGN) ? (uint32_t)(int32_t)(int16_t)u16 : u16;
    default:
        memcpy(&u32, p, 4);
        return u32;
    }
}

static void mem_st(const Interp *s, uint32_t addr, uint32_t mo, uint32_t v)
{
    void *p = (void *)(s->guest_base + addr);
    uint8_t u8 = (uint8_t)v;
    uint16_t u16 = (uint16_t)v;
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8: memcpy(p, &u8, 1); break;
    case IR_MO_16: memcpy(p, &u16, 2); break;
    default: memcpy(p, &v, 4); break;
    }
}

/* One atomic compare-and-swap of the access's size, as the JIT's lock
 * cmpxchg: other guest threads may run. The old value is extended as a
 * load of mo would be and compared on all 32 bits: an expected value that
 * no such extension gives never matches, and nothing is stored. */
#define CMPXCHG_SIZED(type, stype)                                                        \
    do {                                                                                  \
        type old = (type)expected;                                                        \
        uint32_t ext = (mo & IR_MO_SIGN) ? (uint32_t)(int32_t)(stype)old : old;            \
        if (ext == expected)                                                              \
            __atomic_compare_exchange_n((type *)p, &old, (type)v, false, __ATOMIC_SEQ_CST,   \
                                        __ATOMIC_SEQ_CST);                                \
        else                                                                              \
            old = __atomic_load_n((type *)p, __ATOMIC_SEQ_CST);                             \
        return (mo & IR_MO_SIGN) ? (uint32_t)(int32_t)(stype)old : old;                    \
    } while (0)

static uint32_t mem_cmpxchg(const Interp *s, uint32_t addr, uint32_t mo, uint32_t expected, uint32_t v)
{
    void *p = (void *)(s->guest_base + addr);
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8: CMPXCHG_SIZED(uint8_t, int8_t);
    case IR_MO_16: CMPXCHG_SIZED(uint16_t, int16_t);
    default: CMPXCHG_SIZED(uint32_t, int32_t);
    }
}

__thread const IRInterpAccess *ir_interp_access;

/* The record is filled and published before the access and withdrawn
 * after it; the signal fences keep the compiler from moving the host
 * access across either store (the fault handler runs on this thread). */
static inline void access_begin(IRInterpAccess *a, const Interp *s, bool write)
{
    *a = (IRInterpAccess){ s->cur_pc, s->b->guest_flags, write };
    ir_interp_access = a;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}

static inline void access_end(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    ir_interp_access = NULL;
}

/* Op index of each label, found once per run. */
static uint32_t *find_labels(const IRBlock *b, uint32_t *buf, uint32_t buf_len)
{
    uint32_t *pos = b->nb_labels <= buf_len ? buf : malloc(b->nb_labels * sizeof(uint32_t));
    if (!pos)
        ferry_die("out of memory in the IR interpreter");
    for (uint32_t i = 0; i < b->nb_labels; i++)
        pos[i] = UINT32_MAX;
    for (uint32_t i = 0; i < b->nb_ops; i++)
        if (b->ops[i].opc == IR_label && b->ops[i].args[0] < b->nb_labels)
            pos[b->ops[i].args[0]] = i;
    return pos;
}

static uint32_t run(Interp *s)
{
    const IRBlock *b = s->b;
    TcgCpu *cpu = s->cpu;
    uint32_t **slot = s->slot;
    uint32_t label_buf[64];
    uint32_t *label_pos = NULL;   /* found at the first branch taken */
    uint32_t reason = TCG_EXIT_NONE;
    uint32_t i = 0;
    IRInterpAccess acc;

    for (;;) {
        if (i >= b->nb_ops)
            ferry_die("IR interpreter: ran off the end of the block at %08x", b->guest_pc);
        if (s->ops_left-- == 0) {
            reason = IR_INTERP_OP_LIMIT;
            goto done;
        }
        const IROp *op = &b->ops[i++];
        if (op->opc == IR_insn_start) { /* a fifth of a cold unit's ops */
            s->cur_pc = op->args[0];
            continue;
        }
        const IROpDef *d = ir_def(op);
        const uint32_t *k = &op->args[d->nb_out + d->nb_in];
        uint32_t in[4], out[2];
        for (uint32_t j = 0; j < d->nb_in; j++)
            in[j] = *slot[op->args[d->nb_out + j]];

        if (eval_pure(op, in, out)) {
            for (uint32_t j = 0; j < d->nb_out; j++)
                if (op->args[j] != IR_NONE)
                    *slot[op->args[j]] = out[j];
            continue;
        }
        switch ((IROpcode)op->opc) {
        case IR_ld_env: memcpy(slot[op->args[0]], (char *)cpu + k[0], 4); break;
        case IR_st_env: memcpy((char *)cpu + k[0], &in[0], 4); break;
        /* Each host access is bracketed by ir_interp_access, for the
         * host fault handler (interp.h). */
        case IR_guest_ld:
            if (!mem_check(s, in[0], k[0], false))
                goto fault;
            access_begin(&acc, s, false);
            out[0] = mem_ld(s, in[0], k[0]);
            access_end();
            *slot[op->args[0]] = out[0];
            break;
        case IR_guest_st:
            if (!mem_check(s, in[1], k[0], true))
                goto fault;
            access_begin(&acc, s, true);
            mem_st(s, in[1], k[0], in[0]);
            access_end();
            break;
        case IR_guest_cmpxchg:
            if (!mem_check(s, in[0], k[0], true))
                goto fault;
            access_begin(&acc, s, true);
            out[0] = mem_cmpxchg(s, in[0], k[0], in[1], in[2]);
            access_end();
            *slot[op->args[0]] = out[0];
            break;
        case IR_mb: __atomic_thread_fence(__ATOMIC_SEQ_CST); break;
        case IR_call:
            if (!op->helper)
                ferry_die("IR interpreter: call without a helper");
            out[0] = op->helper->fn(cpu, in[0], in[1], in[2], in[3]);
            if (op->args[0] != IR_NONE)
                *slot[op->args[0]] = out[0];
            break;
        case IR_label: break;
        case IR_discard: break;   /* the old value stays; nobody reads it */
        case IR_brcond:
            if (!ir_cond_eval((IRCond)k[0], in[0], in[1]))
                break;
            /* fall through */
        case IR_br: {
            uint32_t l = op->opc == IR_br ? k[0] : k[1];
            if (!label_pos)
                label_pos = find_labels(b, label_buf, 64);
            if (l >= b->nb_labels || label_pos[l] == UINT32_MAX)
                ferry_die("IR interpreter: branch to undefined label L%u", l);
            i = label_pos[l];
            break;
        }
        case IR_exit_direct:
            cpu->pc = k[0];
            cpu->flags = k[1];
            goto done;
        case IR_exit_indirect:
            cpu->pc = in[0];
            cpu->flags = in[1];
            goto done;
        case IR_exit_check:
            if (!__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED))
                break;
            cpu->pc = k[0];
            cpu->flags = k[1];
            reason = TCG_EXIT_REQUEST;
            goto done;
        case IR_exit_helper:
            reason = k[0];
            cpu->exit_reason = k[0];
            cpu->pc = k[1];
            cpu->flags = k[2];
            goto done;
        default:
            ferry_die("IR interpreter: unknown op %s", d->name);
        }
    }
fault:
    reason = TCG_EXIT_FAULT;
done:
    if (label_pos && label_pos != label_buf)
        free(label_pos);
    return reason;
}

uint32_t ir_interp_run_limited(const IRBlock *b, TcgCpu *cpu, uintptr_t guest_base, uint64_t mem_size,
                               uint64_t max_ops)
{
    uint32_t local_buf[256];
    uint32_t *slot_buf[256];
    uint32_t *locals = local_buf, **slot = slot_buf;
    if (b->nb_temps > 256) {
        locals = malloc(b->nb_temps * sizeof(uint32_t));
        slot = malloc(b->nb_temps * sizeof(uint32_t *));
        if (!locals || !slot)
            ferry_die("out of memory in the IR interpreter");
    }
    bind_slots(b, cpu, slot, locals);
    /* IR_NONE reads 0 (a call's unused arguments). */
    uint32_t none = 0;
    slot[IR_NONE] = &none;
    Interp s = { b, cpu, guest_base, mem_size, max_ops, slot, b->guest_pc };
    uint32_t reason = run(&s);
    if (locals != local_buf) {
        free(locals);
        free(slot);
    }
    return reason;
}

uint32_t ir_interp_run_checked(const IRBlock *b, TcgCpu *cpu, uintptr_t guest_base, uint64_t mem_size)
{
    return ir_interp_run_limited(b, cpu, guest_base, mem_size, UINT64_MAX);
}

uint32_t ir_interp_run(const IRBlock *b, TcgCpu *cpu, uintptr_t guest_base)
{
    return ir_interp_run_limited(b, cpu, guest_base, 0, UINT64_MAX);
}
