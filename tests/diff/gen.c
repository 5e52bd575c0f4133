/*
 * The sequence generator: draws encoding-table lines at random, fills
 * their free bits at random, and keeps what check.c accepts.
 *
 * Every line of every integer table is equally likely (so a rare form gets
 * as many tries as a common one), minus the lines a name in deny.txt
 * excludes. A32 condition fields are set to AL half the time so most
 * instructions execute; Thumb sequences sometimes open an IT block whose
 * instructions are then drawn like any other. Initial registers mix random
 * words with edge values (0, -1, INT_MIN, ...), since carries and overflows
 * live there.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "difftool.h"

typedef struct GenLine {
    const DiffTable *table;
    const DecodePattern *pat;
    uint32_t sbz;             /* '-' bits that must be zero (SBZ) */
    uint64_t tries, accepted;
} GenLine;

struct DiffGen {
    DiffChecker *checker;
    GenLine *lines[2];        /* [thumb] */
    unsigned nlines[2];
    bool verbose;
};

static char **read_deny(const char *path, unsigned *n)
{
    char **v = NULL;
    *n = 0;
    if (!path)
        return NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "difftool: cannot open %s\n", path);
        exit(1);
    }
    char line[512];
    while (fgets(line, sizeof(line), f)) {
        char *p = line + strspn(line, " \t");
        if (*p == '#' || *p == '\n' || *p == 0)
            continue;
        p[strcspn(p, " \t\n#")] = 0;
        v = realloc(v, (*n + 1) * sizeof(*v));
        v[(*n)++] = strdup(p);
    }
    fclose(f);
    return v;
}

/* A deny entry is a glob on "table:NAME" (e.g. "*:SVC*", "t16-*:IT"). */
static bool denied(char **deny, unsigned ndeny, const DiffTable *t, const DecodePattern *p)
{
    char full[256];
    snprintf(full, sizeof(full), "%s:%s", t->name, p->name);
    for (unsigned i = 0; i < ndeny; i++)
        if (fnmatch(deny[i], full, 0) == 0)
            return true;
    return false;
}

DiffGen *diff_gen_new(const char *deny_file, bool verbose)
{
    DiffGen *g = calloc(1, sizeof(*g));
    unsigned ndeny;
    char **deny = read_deny(deny_file, &ndeny);
    g->checker = diff_checker_new();
    g->verbose = verbose;
    for (unsigned t = 0; t < diff_table_count; t++) {
        const DiffTable *tab = &diff_tables[t];
        for (unsigned k = 0; k < tab->count; k++) {
            if (denied(deny, ndeny, tab, &tab->pats[k]))
                continue;
            unsigned th = tab->thumb;
            g->lines[th] = realloc(g->lines[th], (g->nlines[th] + 1) * sizeof(GenLine));
            const DecodePattern *p = &tab->pats[k];
            uint32_t dc = diff_dontcare_free(tab, p) ? 0 : tab->dontcare[k];
            g->lines[th][g->nlines[th]++] = (GenLine){ tab, p, dc, 0, 0 };
        }
    }
    for (unsigned i = 0; i < ndeny; i++)
        free(deny[i]);
    free(deny);
    if (!g->nlines[0] || !g->nlines[1]) {
        fprintf(stderr, "difftool: no %s encodings to draw from\n", g->nlines[0] ? "Thumb" : "A32");
        exit(1);
    }
    return g;
}

void diff_gen_free(DiffGen *g)
{
    diff_checker_free(g->checker);
    free(g->lines[0]);
    free(g->lines[1]);
    free(g);
}

DiffChecker *diff_gen_checker(DiffGen *g) { return g->checker; }

static const uint32_t edge_values[] = {
    0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x80000001,
    0x7fff, 0x8000, 0xffff, 0x10000, 0x7f, 0x80, 0xff, 0x100, 31, 32, 33, 0xffffff80,
};

static uint32_t draw_value(DiffRng *r)
{
    switch (diff_below(r, 4)) {
    case 0: return edge_values[diff_below(r, sizeof(edge_values) / sizeof(edge_values[0]))];
    case 1: return diff_rand(r) & 0xff;
    default: return diff_rand(r);
    }
}

/* One instruction from a random line; false after too many rejections. */
static bool draw_insn(DiffGen *g, DiffRng *r, DiffCheckState *st, DiffInsn *out)
{
    bool th = st->thumb;
    for (int attempt = 0; attempt < 10000; attempt++) {
        GenLine *l = &g->lines[th][diff_below(r, g->nlines[th])];
        const DecodePattern *p = l->pat;
        /* '-' bits are SBZ in the ARM ARM (every SBO field of the integer
         * tables is spelled out as ones), any other value UNPREDICTABLE:
         * always zero, so the emulators' choices there never show. */
        uint32_t enc = ((diff_rand(r) & ~p->mask) | p->value) & ~l->sbz;
        if (p->bits == 16)
            enc &= 0xffff;
        /* A32: a free condition field is AL half the time, never 1111. */
        if (!th && (p->mask & 0xf0000000u) == 0) {
            uint32_t cond = diff_below(r, 2) ? 0xe : diff_below(r, 14);
            enc = (enc & 0x0fffffffu) | cond << 28;
        }
        l->tries++;
        const char *why = diff_constrain(th, p->bits / 8, &enc);
        if (!why && (enc & p->mask) != p->value)
            why = "constraint left the pattern";
        if (why || !diff_check(g->checker, st, p, &enc, p->bits / 8, &why)) {
            if (g->verbose) {
                char dis[128];
                diff_disas(g->checker, th, enc, p->bits / 8, dis, sizeof(dis));
                fprintf(stderr, "reject %s:%s %08x %-32s %s\n", l->table->name, p->name, enc, dis, why);
            }
            continue;
        }
        l->accepted++;
        *out = (DiffInsn){ enc, (uint8_t)(p->bits / 8), false, l->table, p };
        return true;
    }
    return false;
}

void diff_gen_seq(DiffGen *g, uint64_t seed, uint64_t index, DiffIsa isa, DiffSeq *s)
{
    DiffRng r = { diff_mix(seed * 0x100000001b3ull ^ diff_mix(index)) };
    memset(s, 0, sizeof(*s));
    s->seed = seed;
    s->index = index;
    s->thumb = isa == DIFF_ISA_T32 || (isa == DIFF_ISA_BOTH && (index & 1));
    for (unsigned i = 0; i < DIFF_NREGS; i++)
        s->regs[i] = draw_value(&r);
    s->apsr = diff_rand(&r) & DIFF_APSR_MASK;
    s->pool_offset = diff_below(&r, (DIFF_POOL_SIZE - DIFF_BUF_SIZE) / 4) * 4;
    s->base_reg = (int)diff_below(&r, 8);
    s->index_reg = (int)((s->base_reg + 1 + diff_below(&r, 7)) % 8);
    uint32_t index_value = diff_below(&r, 32);
    s->regs[s->index_reg] = index_value;

    DiffCheckState st = {
        .thumb = s->thumb, .base_reg = s->base_reg, .index_reg = s->index_reg,
        .index_value = index_value, .base_aligned = true,
    };
    unsigned want = 1 + diff_below(&r, DIFF_MAX_INSNS), done = 0;
    while (done < want) {
        /* Thumb: an IT block of 1..4 instructions a quarter of the time. */
        unsigned block = 1;
        if (s->thumb && diff_below(&r, 4) == 0 && want - done >= 1) {
            block = 1 + diff_below(&r, want - done < 4 ? want - done : 4);
            uint32_t cond = diff_below(&r, 14);
            /* mask: bits for instructions 2..block (then = cond[0]), then a 1 */
            uint32_t mask = 0;
            for (unsigned k = 1; k < block; k++) {
                uint32_t te = diff_below(&r, 2) ? (cond & 1) : !(cond & 1);
                mask |= te << (4 - k);
            }
            mask |= 1u << (4 - block);
            s->insn[s->count++] = (DiffInsn){ 0xbf00u | cond << 4 | mask, 2, true, NULL, NULL };
        }
        for (unsigned k = 0; k < block; k++) {
            if (!draw_insn(g, &r, &st, &s->insn[s->count])) {
                fprintf(stderr, "difftool: cannot draw an instruction (seed %llu, sequence %llu)\n",
                        (unsigned long long)seed, (unsigned long long)index);
                exit(1);
            }
            s->count++;
            done++;
        }
    }
}

void diff_gen_print_stats(DiffGen *g, FILE *f)
{
    for (unsigned th = 0; th < 2; th++)
        for (unsigned i = 0; i < g->nlines[th]; i++) {
            GenLine *l = &g->lines[th][i];
            fprintf(f, "%-14s %-24s tries %10llu accepted %10llu%s\n", l->table->name, l->pat->name,
                    (unsigned long long)l->tries, (unsigned long long)l->accepted,
                    l->tries && !l->accepted ? "  NEVER ACCEPTED" : "");
        }
}
