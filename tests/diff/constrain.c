/*
 * The ARM ARM's encoding constraints that the .decode tables do not
 * spell out, applied to every drawn encoding before check.c looks at it.
 *
 * The tables only say which bits are fixed; many ARMv7 encodings are
 * UNPREDICTABLE for some values of their free fields (SBZ fields that are
 * a normal register field of a shared line, T32's duplicated Rm, BFI with
 * msb < lsb, ...). The two emulators may do different things there, both
 * correct, so such draws only hide real differences. Where a field can
 * be steered to its one defined value the encoding is rewritten (cheap,
 * keeps the line's acceptance rate); where no single value is right the
 * draw is rejected and drawn again. capstone is not used here: it decodes
 * some of these encodings into nonsense operands (BFI with msb < lsb).
 *
 * Each rule says which pseudocode condition or (0)/(1) field of ARM DDI
 * 0406C it enforces.
 */
#include <fnmatch.h>
#include <stdio.h>

#include "difftool.h"

static uint32_t bits(uint32_t enc, unsigned hi, unsigned lo)
{
    return (enc >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static uint32_t set_bits(uint32_t enc, unsigned hi, unsigned lo, uint32_t v)
{
    uint32_t m = ((1u << (hi - lo + 1)) - 1) << lo;
    return (enc & ~m) | ((v << lo) & m);
}

/* A32 multiplies (bits 27-24 0000, 7-4 1001): MUL's Ra field is
 * (0)(0)(0)(0). Drawn by the mul table and by A32_LDSTX_reg alike. */
static const char *a32_mul(uint32_t *enc)
{
    if (bits(*enc, 23, 21) == 0)
        *enc = set_bits(*enc, 15, 12, 0);
    return NULL;
}

/* A32 extra loads/stores, register offset: bits 11-8 are (0)(0)(0)(0). */
static const char *a32_ldstx_reg(uint32_t *enc)
{
    *enc = set_bits(*enc, 11, 8, 0);
    return NULL;
}

/* A32 miscellaneous and halfword-multiply space (0001 0xx0, what DP_reg
 * and DP_rsr draw for TST..CMN without S): keep the forms with their
 * SBZ/SBO fields set, reject the rest (branches, MRS, BKPT, unallocated). */
static const char *a32_misc(uint32_t *enc)
{
    uint32_t op = bits(*enc, 22, 21), op2 = bits(*enc, 7, 4);
    if (op2 & 8) {                         /* SMLAxy SMLAWy SMULWy SMLALxy SMULxy */
        if ((op == 1 && (op2 & 2)) || op == 3)
            *enc = set_bits(*enc, 15, 12, 0);
        return NULL;
    }
    if (op2 == 5) {                        /* QADD QSUB QDADD QDSUB */
        *enc = set_bits(*enc, 11, 8, 0);
        return NULL;
    }
    if (op2 == 1 && op == 3) {             /* CLZ: (1)(1)(1)(1) twice */
        *enc = set_bits(set_bits(*enc, 19, 16, 0xf), 11, 8, 0xf);
        return NULL;
    }
    if (op2 == 0 && op == 1) {             /* MSR (register), APSR */
        *enc = set_bits(set_bits(set_bits(*enc, 17, 16, 0), 15, 12, 0xf), 11, 8, 0);
        return bits(*enc, 19, 18) == 0 ? "MSR mask 00" : NULL;
    }
    return "miscellaneous space";
}

/* A32 data processing: TST TEQ CMP CMN have Rd (0)(0)(0)(0); MOV MVN
 * (and the shifts, which are MOV) have Rn (0)(0)(0)(0). Runs after the
 * multiply, extra load/store and miscellaneous rules, which own their
 * parts of this space. */
static const char *a32_dp(uint32_t *enc)
{
    uint32_t op = bits(*enc, 24, 21);
    if ((op & 0xc) == 0x8)      /* S is set: S clear is MOVW/MOVT/MSR/misc */
        *enc = set_bits(*enc, 15, 12, 0);
    else if (op == 0xd || op == 0xf)
        *enc = set_bits(*enc, 19, 16, 0);
    return NULL;
}

/* A32 MSR (immediate): (1)(1)(1)(1) at 15-12; mask 00 is the hint space. */
static const char *a32_msr_imm(uint32_t *enc)
{
    *enc = set_bits(*enc, 15, 12, 0xf);
    return bits(*enc, 19, 18) == 0 ? "MSR mask 00 (hint)" : NULL;
}

/* T32 CLZ, REV, REV16, RBIT, REVSH: "if !Consistent(Rm) then
 * UNPREDICTABLE" (Rm is encoded twice, bits 19-16 and 3-0). */
static const char *t32_same_rm(uint32_t *enc)
{
    *enc = set_bits(*enc, 19, 16, bits(*enc, 3, 0));
    return NULL;
}

/* BFI/BFC: "if msb < lsb then UNPREDICTABLE". */
static const char *a32_bfi(uint32_t *enc)
{
    return bits(*enc, 20, 16) < bits(*enc, 11, 7) ? "BFI msb < lsb" : NULL;
}

static unsigned t32_lsb(uint32_t enc)
{
    return bits(enc, 14, 12) << 2 | bits(enc, 7, 6);
}

static const char *t32_bfi(uint32_t *enc)
{
    return bits(*enc, 4, 0) < t32_lsb(*enc) ? "BFI msb < lsb" : NULL;
}

/* SBFX/UBFX: "if lsbit + widthminus1 > 31 then UNPREDICTABLE". */
static const char *a32_bfx(uint32_t *enc)
{
    return bits(*enc, 11, 7) + bits(*enc, 20, 16) > 31 ? "BFX lsb + width > 32" : NULL;
}

static const char *t32_bfx(uint32_t *enc)
{
    return t32_lsb(*enc) + bits(*enc, 4, 0) > 31 ? "BFX lsb + width > 32" : NULL;
}

/* T32 MSR (register), application level: "if mask == '00' then
 * UNPREDICTABLE" (bits 11-10). */
static const char *t32_msr(uint32_t *enc)
{
    return bits(*enc, 11, 10) == 0 ? "MSR mask 00" : NULL;
}

/* T16 CMP (register) T2: "if n < 8 && m < 8 then UNPREDICTABLE". */
static const char *t16_cmp_hi(uint32_t *enc)
{
    unsigned n = bits(*enc, 7, 7) << 3 | bits(*enc, 2, 0), m = bits(*enc, 6, 3);
    return n < 8 && m < 8 ? "CMP (T2) with two low registers" : NULL;
}

/* Rules by encoding, not by the table line that drew it: lines overlap
 * (A32_LDSTX_reg covers MUL, DP_rsr covers QADD) and the decoder's first
 * match decides what an encoding is. The first matching rule applies.
 * T32 encodings hold the first halfword in bits 31-16. */
typedef struct Constraint {
    uint8_t isa;              /* 0 A32 (condition ignored), 1 T32, 2 T16 */
    uint32_t mask, value;
    DiffRule rule;            /* rewrites *enc, or says why not */
} Constraint;

static const Constraint constraints[] = {
    { 0, 0x0f0000f0, 0x00000090, a32_mul },
    { 0, 0x0e400090, 0x00000090, a32_ldstx_reg },  /* bits 7, 4 set, register offset; SWP */
    { 0, 0x0e000090, 0x00000090, NULL },           /* other extra loads/stores, multiplies */
    { 0, 0x0f900000, 0x01000000, a32_misc },
    { 0, 0x0fb00000, 0x03000000, NULL },           /* MOVW, MOVT */
    { 0, 0x0fb00000, 0x03200000, a32_msr_imm },
    { 0, 0x0c000000, 0x00000000, a32_dp },         /* DP_imm, DP_reg, DP_rsr */
    { 0, 0x0fe00070, 0x07c00010, a32_bfi },
    { 0, 0x0fa00070, 0x07a00050, a32_bfx },
    { 1, 0xfff0f0f0, 0xfab0f080, t32_same_rm },    /* CLZ */
    { 1, 0xfff0f0c0, 0xfa90f080, t32_same_rm },    /* REV REV16 RBIT REVSH */
    { 1, 0xfbf08020, 0xf3600000, t32_bfi },
    { 1, 0xfb708020, 0xf3400000, t32_bfx },
    { 1, 0xffe0d000, 0xf3808000, t32_msr },
    { 2, 0xff00, 0x4500, t16_cmp_hi },
};

/* Lines whose '-' bits are operand fields the translator ignores rather
 * than SBZ bits (the preload hints: U, Rn, the offset): drawn freely. */
static const char *const free_dontcare[] = { "a32-mem:PLD" };

static bool line_matches(const char *glob, const DiffTable *t, const DecodePattern *p)
{
    char full[256];
    snprintf(full, sizeof(full), "%s:%s", t->name, p->name);
    return fnmatch(glob, full, 0) == 0;
}

bool diff_dontcare_free(const DiffTable *t, const DecodePattern *p)
{
    for (size_t i = 0; i < sizeof(free_dontcare) / sizeof(free_dontcare[0]); i++)
        if (line_matches(free_dontcare[i], t, p))
            return true;
    return false;
}

const char *diff_constrain(bool thumb, unsigned size, uint32_t *enc)
{
    unsigned isa = !thumb ? 0 : size == 4 ? 1 : 2;
    for (size_t i = 0; i < sizeof(constraints) / sizeof(constraints[0]); i++) {
        const Constraint *c = &constraints[i];
        if (c->isa != isa || (*enc & c->mask) != c->value)
            continue;
        return c->rule ? c->rule(enc) : NULL;
    }
    return NULL;
}
