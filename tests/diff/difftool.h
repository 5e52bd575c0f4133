/*
 * The differential tester's shared types: a generated sequence of guest
 * instructions with its initial state, the encoding tables it is drawn
 * from, and the layout of the record the guest harness writes for each
 * sequence (harness.S) that the comparator reads back.
 *
 * Everything about a sequence is a pure function of (run seed, sequence
 * index), so the comparator regenerates sequences instead of reading a
 * side file, and one sequence can be rerun alone to reproduce a mismatch.
 */
#ifndef FERRY_DIFFTOOL_H
#define FERRY_DIFFTOOL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Identical to target/arm/translate.h's; redefined so that this host tool
 * does not pull in the translator's headers. */
typedef struct DecodePattern {
    const char *name;
    uint32_t mask, value;
    uint32_t bits;            /* 16 or 32 */
} DecodePattern;

typedef struct DiffTable {
    const char *name;         /* "a32-dp", ... */
    bool thumb;               /* t32-* and t16-* tables */
    const DecodePattern *pats;
    unsigned count;
    const uint32_t *dontcare; /* per line: its '-' bits (SBZ in the ARM ARM) */
} DiffTable;

extern const DiffTable diff_tables[];
extern const unsigned diff_table_count;

#include "tests/diff/layout.h"

#define DIFF_APSR_MASK 0xf80f0000u         /* N Z C V Q and GE[3:0] */
#define DIFF_MAX_INSNS 8
#define DIFF_NREGS 14                      /* r0..r12, r14 */

typedef struct DiffInsn {
    uint32_t enc;             /* T32: first halfword in bits 31..16 */
    uint8_t size;             /* 2 or 4 bytes */
    bool it;                  /* an IT instruction placed by the generator */
    const DiffTable *table;
    const DecodePattern *pat;
} DiffInsn;

typedef struct DiffSeq {
    uint64_t seed;            /* the run seed */
    uint64_t index;           /* sequence number within the run */
    bool thumb;
    unsigned count;
    DiffInsn insn[2 * DIFF_MAX_INSNS];     /* plus up to one IT per instruction */
    uint32_t regs[DIFF_NREGS];             /* initial r0..r12, r14 */
    uint32_t apsr;
    uint32_t pool_offset;
    int base_reg, index_reg;               /* the buffer base, the small index */
} DiffSeq;

typedef enum DiffIsa { DIFF_ISA_A32, DIFF_ISA_T32, DIFF_ISA_BOTH } DiffIsa;

/* gen.c */
typedef struct DiffGen DiffGen;
DiffGen *diff_gen_new(const char *deny_file, bool verbose);
void diff_gen_free(DiffGen *g);
/* Fills *out with sequence `index` of run `seed`. */
void diff_gen_seq(DiffGen *g, uint64_t seed, uint64_t index, DiffIsa isa, DiffSeq *out);
void diff_gen_print_stats(DiffGen *g, FILE *f);

/* check.c: the capstone-based filter that keeps only encodings whose
 * result is architecturally defined and stays inside the harness's rules. */
typedef struct DiffCheckState {
    bool thumb;
    int base_reg, index_reg;
    uint32_t index_value;
    int base_lo, base_hi;     /* possible base offsets from the buffer middle */
    bool base_aligned;        /* every possible base offset is a multiple of 4 */
} DiffCheckState;
typedef struct DiffChecker DiffChecker;
DiffChecker *diff_checker_new(void);
void diff_checker_free(DiffChecker *c);
/* Accepts *enc (possibly rewriting free bits of pat to retarget base/index
 * registers or shrink offsets) and updates st, or returns false. */
bool diff_check(DiffChecker *c, DiffCheckState *st, const DecodePattern *pat, uint32_t *enc,
                unsigned size, const char **why);
/* Disassembles one instruction into buf ("?" if capstone cannot). */
void diff_disas(DiffChecker *c, bool thumb, uint32_t enc, unsigned size, char *buf, size_t len);

/* constrain.c: the ARM ARM's constraints on free fields that the tables
 * do not express. Rewrites *enc to the defined value of such a field, or
 * returns why the draw is UNPREDICTABLE (NULL: fine). */
typedef const char *(*DiffRule)(uint32_t *enc);
const char *diff_constrain(bool thumb, unsigned size, uint32_t *enc);
/* The line's '-' bits are free operand fields, not SBZ/SBO. */
bool diff_dontcare_free(const DiffTable *t, const DecodePattern *p);

/* emit.c */
void diff_emit_batch(FILE *f, DiffGen *g, uint64_t seed, uint64_t first, uint64_t count, DiffIsa isa);

/* rng */
static inline uint64_t diff_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}
typedef struct DiffRng { uint64_t s; } DiffRng;
static inline uint32_t diff_rand(DiffRng *r) { r->s += 0x9e3779b97f4a7c15ull; return (uint32_t)(diff_mix(r->s) >> 32); }
static inline uint32_t diff_below(DiffRng *r, uint32_t n) { return (uint32_t)(((uint64_t)diff_rand(r) * n) >> 32); }

#endif
