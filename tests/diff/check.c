/*
 * The generator's filter: which randomly filled encodings may run in both
 * emulators and must give the same result.
 *
 * The encoding tables say only which bits are fixed; what an encoding does
 * (registers read and written, memory operands, branch or not) comes from
 * capstone, a disassembler independent of both emulators. The rules:
 *  - integer instructions only: no branches, exceptions, coprocessor, VFP,
 *    NEON, exclusives, privileged or state-changing (SETEND, CPS) forms;
 *  - no SP or PC operand at all (their values differ between emulators and
 *    most such forms are UNPREDICTABLE), registers r0-r12 and r14 only;
 *  - memory only through the sequence's base register, which points into
 *    the compared buffer, with small offsets and an index register whose
 *    value the generator chose; both are never overwritten (except base
 *    writeback), and the worst-case drift of the base is tracked so every
 *    access stays inside the buffer; multi-word accesses stay word aligned;
 *  - the ARM ARM's UNPREDICTABLE register combinations are excluded
 *    (RdHi == RdLo, writeback with the base transferred, LDRD pairs, ...).
 * A rejected draw is simply drawn again by the generator. Where a free
 * field can be steered instead (base and index register, offset size),
 * the encoding is rewritten and checked again.
 */
#include <capstone/capstone.h>
#include <stdlib.h>
#include <string.h>

#include "difftool.h"

struct DiffChecker {
    csh arm, thumb;
};

DiffChecker *diff_checker_new(void)
{
    DiffChecker *c = calloc(1, sizeof(*c));
    if (!c || cs_open(CS_ARCH_ARM, CS_MODE_ARM, &c->arm) != CS_ERR_OK ||
        cs_open(CS_ARCH_ARM, CS_MODE_THUMB, &c->thumb) != CS_ERR_OK) {
        fprintf(stderr, "difftool: cannot open capstone\n");
        exit(1);
    }
    cs_option(c->arm, CS_OPT_DETAIL, CS_OPT_ON);
    cs_option(c->thumb, CS_OPT_DETAIL, CS_OPT_ON);
    return c;
}

void diff_checker_free(DiffChecker *c)
{
    cs_close(&c->arm);
    cs_close(&c->thumb);
    free(c);
}

static size_t to_bytes(bool thumb, uint32_t enc, unsigned size, uint8_t *b)
{
    if (thumb && size == 4) {
        /* first halfword (bits 31..16) first in memory */
        b[0] = enc >> 16; b[1] = enc >> 24; b[2] = enc; b[3] = enc >> 8;
    } else {
        for (unsigned i = 0; i < size; i++)
            b[i] = enc >> (8 * i);
    }
    return size;
}

void diff_disas(DiffChecker *c, bool thumb, uint32_t enc, unsigned size, char *buf, size_t len)
{
    uint8_t b[4];
    cs_insn *insn;
    csh h = thumb ? c->thumb : c->arm;
    size_t n = cs_disasm(h, b, to_bytes(thumb, enc, size, b), 0x10000, 1, &insn);
    if (n == 0) {
        snprintf(buf, len, "?");
        return;
    }
    snprintf(buf, len, "%s %s", insn->mnemonic, insn->op_str);
    cs_free(insn, n);
}

/* Instructions never drawn, whatever capstone's groups say. */
static const unsigned deny_ids[] = {
    ARM_INS_SVC, ARM_INS_BKPT, ARM_INS_UDF, ARM_INS_HVC, ARM_INS_SMC, ARM_INS_CPS,
    ARM_INS_SETEND, ARM_INS_WFI, ARM_INS_WFE, ARM_INS_SEV, ARM_INS_SEVL, ARM_INS_DBG,
    ARM_INS_CLREX, ARM_INS_LDREX, ARM_INS_LDREXB, ARM_INS_LDREXH, ARM_INS_LDREXD,
    ARM_INS_STREX, ARM_INS_STREXB, ARM_INS_STREXH, ARM_INS_STREXD, ARM_INS_LDA,
    ARM_INS_LDAB, ARM_INS_LDAH, ARM_INS_LDAEX, ARM_INS_LDAEXB, ARM_INS_LDAEXH,
    ARM_INS_LDAEXD, ARM_INS_STL, ARM_INS_STLB, ARM_INS_STLH, ARM_INS_STLEX,
    ARM_INS_STLEXB, ARM_INS_STLEXH, ARM_INS_STLEXD, ARM_INS_SWP, ARM_INS_SWPB,
    ARM_INS_SRSDA, ARM_INS_SRSDB, ARM_INS_SRSIA, ARM_INS_SRSIB, ARM_INS_RFEDA,
    ARM_INS_RFEDB, ARM_INS_RFEIA, ARM_INS_RFEIB, ARM_INS_MRC, ARM_INS_MCR, ARM_INS_MRC2,
    ARM_INS_MCR2, ARM_INS_MRRC, ARM_INS_MRRC2, ARM_INS_MCRR, ARM_INS_MCRR2, ARM_INS_CDP,
    ARM_INS_CDP2, ARM_INS_LDC, ARM_INS_LDCL, ARM_INS_LDC2, ARM_INS_LDC2L, ARM_INS_STC,
    ARM_INS_STCL, ARM_INS_STC2, ARM_INS_STC2L, ARM_INS_BXJ, ARM_INS_ERET, ARM_INS_IT,
    ARM_INS_CBZ, ARM_INS_CBNZ, ARM_INS_TBB, ARM_INS_TBH, ARM_INS_B, ARM_INS_BL,
    ARM_INS_BLX, ARM_INS_BX, ARM_INS_HINT, ARM_INS_TRAP,
    /* MRS: in user mode the non-APSR bits it returns are UNKNOWN; the
     * harness reads the flags with it after every sequence anyway. */
    ARM_INS_MRS,
};

static const unsigned deny_groups[] = {
    ARM_GRP_JUMP, ARM_GRP_CALL, ARM_GRP_INT, ARM_GRP_PRIVILEGE, ARM_GRP_BRANCH_RELATIVE,
    ARM_GRP_CRYPTO, ARM_GRP_FPARMV8, ARM_GRP_NEON, ARM_GRP_TRUSTZONE, ARM_GRP_V8,
    ARM_GRP_VFP2, ARM_GRP_VFP3, ARM_GRP_VFP4, ARM_GRP_MCLASS, ARM_GRP_CRC,
    ARM_GRP_DPVFP, ARM_GRP_VIRTUALIZATION, CS_GRP_RET, CS_GRP_IRET,
};

static const unsigned long_mul_ids[] = {
    ARM_INS_UMULL, ARM_INS_SMULL, ARM_INS_UMLAL, ARM_INS_SMLAL, ARM_INS_UMAAL,
    ARM_INS_SMLALBB, ARM_INS_SMLALBT, ARM_INS_SMLALTB, ARM_INS_SMLALTT, ARM_INS_SMLALD,
    ARM_INS_SMLALDX, ARM_INS_SMLSLD, ARM_INS_SMLSLDX,
};

static const unsigned block_ids[] = {
    ARM_INS_LDM, ARM_INS_LDMDA, ARM_INS_LDMDB, ARM_INS_LDMIB,
    ARM_INS_STM, ARM_INS_STMDA, ARM_INS_STMDB, ARM_INS_STMIB,
};

static bool in_list(const unsigned *list, size_t n, unsigned v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return true;
    return false;
}
#define IN(list, v) in_list(list, sizeof(list) / sizeof(list[0]), v)

/* r0..r12 -> 0..12, lr -> 14, anything else -> -1 */
static int core_reg(int r)
{
    if (r >= ARM_REG_R0 && r <= ARM_REG_R12)
        return r - ARM_REG_R0;
    if (r == ARM_REG_LR)
        return 14;
    return -1;
}

/* The flags, which capstone lists for some flag-setting forms only. */
static bool flag_reg(int r)
{
    return r == ARM_REG_CPSR || r == ARM_REG_APSR || r == ARM_REG_APSR_NZCV;
}

/* Sets the free bits of a register field at bit `lo` (width 3 or 4). */
static bool set_field(const DecodePattern *pat, uint32_t *enc, unsigned lo, unsigned width, unsigned v)
{
    uint32_t m = ((1u << width) - 1) << lo;
    if (pat->mask & m)
        return false;
    *enc = (*enc & ~m) | (v << lo);
    return true;
}

typedef enum { CK_OK, CK_REJECT, CK_RETRY } CkResult;

/* One check of a decoded instruction; CK_RETRY after a rewrite of *enc. */
static CkResult check_insn(DiffCheckState *st, const DecodePattern *pat, uint32_t *enc,
                           unsigned size, cs_insn *insn, int *rewrites, bool *wb_out, const char **why)
{
    cs_arm *d = &insn->detail->arm;
    bool wide = size == 4;

    if (IN(deny_ids, insn->id)) { *why = "denied instruction"; return CK_REJECT; }
    for (unsigned i = 0; i < insn->detail->groups_count; i++)
        if (IN(deny_groups, insn->detail->groups[i])) { *why = "denied group"; return CK_REJECT; }
    if (insn->mnemonic[0] == 'v') { *why = "VFP/NEON"; return CK_REJECT; }
    if (d->usermode) { *why = "user-register LDM/STM"; return CK_REJECT; }

    /* MSR only to the APSR fields a user program owns. */
    if (insn->id == ARM_INS_MSR) {
        int r = d->op_count > 0 && d->operands[0].type == ARM_OP_SYSREG ? d->operands[0].reg : 0;
        if (r != ARM_SYSREG_APSR_NZCVQ && r != ARM_SYSREG_APSR_G && r != ARM_SYSREG_APSR_NZCVQG) {
            *why = "MSR to a control field"; return CK_REJECT;
        }
    }

    /* Operands: every register must be a core register (not SP, PC). */
    int mem_op = -1;
    for (unsigned i = 0; i < d->op_count; i++) {
        cs_arm_op *o = &d->operands[i];
        if (o->type == ARM_OP_REG && core_reg(o->reg) < 0) { *why = "SP/PC/non-core operand"; return CK_REJECT; }
        if (o->type == ARM_OP_MEM) {
            if (core_reg(o->mem.base) < 0 || (o->mem.index && core_reg(o->mem.index) < 0)) {
                *why = "SP/PC base or index"; return CK_REJECT;
            }
            mem_op = (int)i;
        }
        if (o->shift.type >= ARM_SFT_ASR_REG && core_reg((int)o->shift.value) < 0) {
            *why = "SP/PC shift register"; return CK_REJECT;
        }
        if (o->type == ARM_OP_CIMM || o->type == ARM_OP_PIMM) { *why = "coprocessor operand"; return CK_REJECT; }
    }

    if (IN(long_mul_ids, insn->id) && d->operands[0].reg == d->operands[1].reg) {
        *why = "RdLo == RdHi"; return CK_REJECT;
    }
    if (insn->id == ARM_INS_BFI || insn->id == ARM_INS_BFC || insn->id == ARM_INS_SBFX ||
        insn->id == ARM_INS_UBFX) {
        int lsb = d->operands[d->op_count - 2].imm, width = d->operands[d->op_count - 1].imm;
        if (width < 1 || lsb < 0 || lsb + width > 32) { *why = "bitfield msb < lsb"; return CK_REJECT; }
    }

    bool block = IN(block_ids, insn->id);
    /* Capstone 4 leaves writeback clear for some post-indexed forms (LDRT,
     * LDRHT, ...); an offset operand after the memory operand means
     * post-indexed, which always writes the base back. */
    bool writeback = d->writeback || (mem_op >= 0 && (unsigned)mem_op + 1 < d->op_count);
    *wb_out = writeback;
    if (mem_op < 0 && !block)
        return CK_OK;

    /* A memory access: base, transferred registers, index, offset. */
    int base, index = -1, ntransfer = 0;
    uint32_t reach;           /* how far from the base the address may be */
    unsigned span = 8;        /* bytes accessed from the address */
    bool needs_align = insn->id == ARM_INS_LDRD || insn->id == ARM_INS_STRD || block;
    unsigned transfer[16];
    if (block) {
        base = core_reg(d->operands[0].reg);
        for (unsigned i = 1; i < d->op_count; i++)
            transfer[ntransfer++] = (unsigned)core_reg(d->operands[i].reg);
        if (ntransfer < (wide && st->thumb ? 2 : 1)) { *why = "short register list"; return CK_REJECT; }
        reach = 4u * (unsigned)ntransfer + 4;
        span = 4;
    } else {
        cs_arm_op *m = &d->operands[mem_op];
        base = core_reg(m->mem.base);
        for (int i = 0; i < mem_op; i++)
            transfer[ntransfer++] = (unsigned)core_reg(d->operands[i].reg);
        int64_t off = m->mem.disp < 0 ? -(int64_t)m->mem.disp : m->mem.disp;
        arm_shifter sh = m->shift.type;
        unsigned shv = m->shift.value;
        if (m->mem.index)
            index = core_reg(m->mem.index);
        for (unsigned i = (unsigned)mem_op + 1; i < d->op_count; i++) {
            cs_arm_op *o = &d->operands[i];
            if (o->type == ARM_OP_IMM)
                off = o->imm < 0 ? -(int64_t)o->imm : o->imm;
            else if (o->type == ARM_OP_REG) {
                index = core_reg(o->reg);
                sh = o->shift.type;
                shv = o->shift.value;
            }
        }
        if (index >= 0) {
            if (index != st->index_reg) {
                bool ok = wide ? set_field(pat, enc, 0, 4, (unsigned)st->index_reg)
                               : set_field(pat, enc, 6, 3, (unsigned)st->index_reg);
                if (!ok || *rewrites >= 3) { *why = "index register"; return CK_REJECT; }
                (*rewrites)++;
                return CK_RETRY;
            }
            uint32_t v = st->index_value;
            /* RRX shifts the carry flag into bit 31: an address far outside
             * the buffer whenever C is set. */
            if (sh == ARM_SFT_RRX || sh == ARM_SFT_RRX_REG) { *why = "RRX index"; return CK_REJECT; }
            if (sh == ARM_SFT_LSL) v = shv >= 32 ? 0 : v << shv;
            else if (sh == ARM_SFT_LSR || sh == ARM_SFT_ASR) v = shv >= 32 ? 0 : v >> shv;
            else if (sh != ARM_SFT_INVALID && shv != 0) { *why = "rotated index"; return CK_REJECT; }
            off = v;
        }
        if (off > 96) {
            /* Clear the free bits 11..6, where A32 and T32 keep their
             * offsets and shift amounts, and look again. */
            uint32_t m2 = 0xfc0u & ~pat->mask;
            if (!wide || !m2 || (*enc & m2) == 0 || *rewrites >= 3) { *why = "offset too large"; return CK_REJECT; }
            *enc &= ~m2;
            (*rewrites)++;
            return CK_RETRY;
        }
        reach = (uint32_t)off;
        if (needs_align && (off & 3)) { *why = "unaligned multi-word access"; return CK_REJECT; }
        if (insn->id == ARM_INS_LDRD || insn->id == ARM_INS_STRD) {
            /* A32: Rt even, not LR; the register form's Rm not Rt/Rt2.
             * T32: LDRD Rt != Rt2. */
            if (!st->thumb && ((transfer[0] & 1) || transfer[0] == 14)) { *why = "LDRD Rt odd"; return CK_REJECT; }
            if (insn->id == ARM_INS_LDRD && transfer[0] == transfer[1]) { *why = "LDRD Rt == Rt2"; return CK_REJECT; }
            if (index >= 0 && ((unsigned)index == transfer[0] || (unsigned)index == transfer[1])) {
                *why = "LDRD Rm == Rt"; return CK_REJECT;
            }
        }
    }
    if (base != st->base_reg) {
        bool ok;
        if (wide)
            ok = set_field(pat, enc, 16, 4, (unsigned)st->base_reg);
        else
            ok = block ? set_field(pat, enc, 8, 3, (unsigned)st->base_reg)
                       : set_field(pat, enc, 3, 3, (unsigned)st->base_reg);
        if (!ok || *rewrites >= 3) { *why = "base register"; return CK_REJECT; }
        (*rewrites)++;
        return CK_RETRY;
    }
    if (needs_align && !st->base_aligned) { *why = "base may be unaligned"; return CK_REJECT; }
    if (writeback) {
        for (int i = 0; i < ntransfer; i++)
            if ((int)transfer[i] == st->base_reg) { *why = "writeback with the base transferred"; return CK_REJECT; }
    }
    int lo = st->base_lo - (int)reach, hi = st->base_hi + (int)reach + (int)span;
    if (lo < -(int)DIFF_BUF_HALF || hi > (int)DIFF_BUF_HALF) { *why = "access may leave the buffer"; return CK_REJECT; }
    if (writeback) {
        st->base_lo -= (int)reach;
        st->base_hi += (int)reach;
        if (reach & 3)
            st->base_aligned = false;
    }
    return CK_OK;
}

/* LDM/STM: a random list nearly always names SP, PC, the base or the
 * index register, which the rules here reject (T32 forbids SP in the list
 * outright), and A32's S bit asks for the user bank. Those free bits are
 * cleared up front, so block transfers get drawn as often as other lines. */
static void steer_block(const DiffCheckState *st, const DecodePattern *pat, uint32_t *enc, unsigned size)
{
    uint32_t drop = 1u << 13 | 1u << 15 | 1u << st->index_reg | 1u << st->base_reg;
    if (!st->thumb && (*enc & 0x0e000000u) == 0x08000000u)
        drop |= 1u << 22;
    else if (st->thumb && size == 4 && (*enc & 0xfe400000u) == 0xe8000000u &&
             ((*enc >> 23) & 3) != 0 && ((*enc >> 23) & 3) != 3)
        ;
    else if (st->thumb && size == 2 && (*enc & 0xf000u) == 0xc000u)
        drop &= 0xffu;
    else
        return;
    *enc &= ~(drop & ~pat->mask);
}

bool diff_check(DiffChecker *c, DiffCheckState *st, const DecodePattern *pat, uint32_t *enc,
                unsigned size, const char **why)
{
    steer_block(st, pat, enc, size);
    csh h = st->thumb ? c->thumb : c->arm;
    int rewrites = 0;
    DiffCheckState saved = *st;
    for (;;) {
        uint8_t b[4];
        cs_insn *insn;
        *why = "capstone: invalid";
        size_t n = cs_disasm(h, b, to_bytes(st->thumb, *enc, size, b), 0x10000, 1, &insn);
        if (n == 0)
            return false;
        if (insn->size != size) {
            cs_free(insn, n);
            *why = "size";
            return false;
        }
        /* Implicit and explicit registers, read or written. */
        cs_regs rd, wr;
        uint8_t nrd = 0, nwr = 0;
        bool bad = cs_regs_access(h, insn, rd, &nrd, wr, &nwr) != CS_ERR_OK;
        for (unsigned i = 0; !bad && i < nrd; i++)
            bad = core_reg(rd[i]) < 0 && !flag_reg(rd[i]);
        for (unsigned i = 0; !bad && i < nwr; i++)
            bad = core_reg(wr[i]) < 0 && !flag_reg(wr[i]);
        if (bad) {
            cs_free(insn, n);
            *why = "reads or writes SP, PC or a non-core register";
            return false;
        }
        bool wb = false;
        CkResult r = check_insn(st, pat, enc, size, insn, &rewrites, &wb, why);
        if (r == CK_OK) {
            /* Base and index are written only by base writeback. */
            for (unsigned i = 0; i < nwr; i++) {
                int reg = core_reg(wr[i]);
                if (reg == st->index_reg || (reg == st->base_reg && !wb)) {
                    r = CK_REJECT;
                    *why = "writes the base or index register";
                }
            }
        }
        cs_free(insn, n);
        if (r == CK_OK)
            return true;
        if (r == CK_REJECT) {
            *st = saved;
            return false;
        }
        if ((*enc & pat->mask) != pat->value) {
            *st = saved;
            *why = "rewrite left the pattern";
            return false;
        }
    }
}
