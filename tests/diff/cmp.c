/*
 * Compares the records two emulators wrote for the same batch and reports
 * each differing sequence with everything needed to act on it: seed and
 * index (the reproducer command), the instructions with their table lines,
 * the initial state, and each differing register, flag or memory word.
 *
 * A mismatch whose instructions and differences all match an entry of
 * known-qemu-bugs.txt is counted as known, not as a failure; the list
 * names each reference-emulator bug and says why it is one.
 */
#include <fnmatch.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "difftool.h"

DiffChecker *diff_gen_checker(DiffGen *g);

typedef struct Known {
    char id[64], mnemonic[64], item[64];
} Known;

static Known *read_known(const char *path, unsigned *n)
{
    Known *v = NULL;
    *n = 0;
    if (!path)
        return NULL;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "difftool: cannot open %s\n", path);
        exit(1);
    }
    char line[1024];
    while (fgets(line, sizeof(line), f)) {
        Known k;
        if (line[0] == '#' || sscanf(line, "%63s %63s %63s", k.id, k.mnemonic, k.item) != 3)
            continue;
        v = realloc(v, (*n + 1) * sizeof(*v));
        v[(*n)++] = k;
    }
    fclose(f);
    return v;
}

static uint32_t word(const uint8_t *p, unsigned off)
{
    return (uint32_t)p[off] | (uint32_t)p[off + 1] << 8 | (uint32_t)p[off + 2] << 16 | (uint32_t)p[off + 3] << 24;
}

/* Differences between two records, as item names ("r3", "apsr", "mem"). */
static unsigned record_diffs(const uint8_t *a, const uint8_t *b, const char **items)
{
    static const char *reg_names[DIFF_NREGS] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6",
                                                 "r7", "r8", "r9", "r10", "r11", "r12", "r14" };
    unsigned n = 0;
    if ((word(a, DIFF_REC_APSR) ^ word(b, DIFF_REC_APSR)) & DIFF_APSR_MASK)
        items[n++] = "apsr";
    for (unsigned r = 0; r < DIFF_NREGS; r++)
        if (word(a, DIFF_REC_REGS + 4 * r) != word(b, DIFF_REC_REGS + 4 * r))
            items[n++] = reg_names[r];
    if (word(a, DIFF_REC_TRAP) != word(b, DIFF_REC_TRAP))
        items[n++] = "signal";
    if (memcmp(a + DIFF_REC_BUF, b + DIFF_REC_BUF, DIFF_BUF_SIZE))
        items[n++] = "mem";
    return n;
}

static const char *known_match(const Known *known, unsigned nknown, DiffChecker *c, const DiffSeq *s,
                               const char **items, unsigned nitems)
{
    for (unsigned k = 0; k < nknown; k++) {
        bool insn_hit = false;
        for (unsigned i = 0; i < s->count && !insn_hit; i++) {
            char dis[128];
            diff_disas(c, s->thumb, s->insn[i].enc, s->insn[i].size, dis, sizeof(dis));
            dis[strcspn(dis, " ")] = 0;
            insn_hit = fnmatch(known[k].mnemonic, dis, 0) == 0;
        }
        bool all = insn_hit;
        for (unsigned j = 0; j < nitems && all; j++)
            all = fnmatch(known[k].item, items[j], 0) == 0;
        if (all)
            return known[k].id;
    }
    return NULL;
}

void diff_print_seq(FILE *f, DiffChecker *c, const DiffSeq *s)
{
    fprintf(f, "  %s sequence, base r%d -> buffer+%d, index r%d = %" PRIu32 "\n", s->thumb ? "Thumb" : "A32",
            s->base_reg, DIFF_BUF_HALF, s->index_reg, s->regs[s->index_reg]);
    for (unsigned i = 0; i < s->count; i++) {
        const DiffInsn *in = &s->insn[i];
        char dis[128];
        diff_disas(c, s->thumb, in->enc, in->size, dis, sizeof(dis));
        fprintf(f, "    %0*" PRIx32 "%*s %-36s [%s:%s]\n", in->size * 2, in->enc, 10 - in->size * 2, "", dis,
                in->it ? "gen" : in->table->name, in->it ? "IT" : in->pat->name);
    }
    fprintf(f, "  initial:");
    for (int r = 0; r < DIFF_NREGS; r++)
        if (r != s->base_reg)
            fprintf(f, " r%d=%08" PRIx32, r == 13 ? 14 : r, s->regs[r]);
    fprintf(f, " apsr=%08" PRIx32 " pool+%" PRIu32 "\n", s->apsr, s->pool_offset);
}

static void print_diffs(FILE *f, const uint8_t *a, const uint8_t *b, const char *na, const char *nb)
{
    uint32_t sa = word(a, DIFF_REC_TRAP), sb = word(b, DIFF_REC_TRAP);
    if (sa != sb)
        fprintf(f, "  signal: %s=%" PRIu32 " %s=%" PRIu32 "  (0: none; 4 SIGILL, 7 SIGBUS, 8 SIGFPE, 11 SIGSEGV)\n",
                na, sa, nb, sb);
    uint32_t pa = word(a, DIFF_REC_APSR) & DIFF_APSR_MASK, pb = word(b, DIFF_REC_APSR) & DIFF_APSR_MASK;
    if (pa != pb)
        fprintf(f, "  apsr: %s=%08" PRIx32 " %s=%08" PRIx32 "  (NZCVQ.....GE)\n", na, pa, nb, pb);
    for (unsigned r = 0; r < DIFF_NREGS; r++) {
        uint32_t x = word(a, DIFF_REC_REGS + 4 * r), y = word(b, DIFF_REC_REGS + 4 * r);
        if (x != y)
            fprintf(f, "  r%u: %s=%08" PRIx32 " %s=%08" PRIx32 "\n", r == 13 ? 14 : r, na, x, nb, y);
    }
    for (unsigned o = 0; o < DIFF_BUF_SIZE; o += 4) {
        uint32_t x = word(a, DIFF_REC_BUF + o), y = word(b, DIFF_REC_BUF + o);
        if (x != y)
            fprintf(f, "  mem[base%+d]: %s=%08" PRIx32 " %s=%08" PRIx32 "\n", (int)o - DIFF_BUF_HALF, na, x, nb, y);
    }
}

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "difftool: cannot open %s\n", path);
        exit(1);
    }
    size_t cap = 1 << 20, n = 0;
    uint8_t *p = malloc(cap);
    size_t k;
    while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap)
            p = realloc(p, cap *= 2);
    }
    fclose(f);
    if (!p) {
        fprintf(stderr, "difftool: out of memory\n");
        exit(1);
    }
    *len = n;
    return p;
}

/* Returns the number of unexplained mismatches; prints "RESUME n" when an
 * output stops early (its emulator died at sequence n-1). */
unsigned diff_compare(DiffGen *g, uint64_t seed, uint64_t first, uint64_t count, DiffIsa isa,
                      const char *known_file, const char *ref_path, const char *test_path,
                      const char *ref_name, const char *test_name, unsigned *nknown_hits)
{
    DiffChecker *c = diff_gen_checker(g);
    unsigned nknown, bad = 0;
    uint64_t traps = 0;
    Known *known = read_known(known_file, &nknown);
    size_t la, lb;
    uint8_t *a = slurp(ref_path, &la), *b = slurp(test_path, &lb);
    uint64_t na = la / DIFF_REC_SIZE, nb = lb / DIFF_REC_SIZE, n = na < nb ? na : nb;
    *nknown_hits = 0;
    for (uint64_t i = 0; i < n; i++) {
        const uint8_t *ra = a + i * DIFF_REC_SIZE, *rb = b + i * DIFF_REC_SIZE;
        const char *items[DIFF_NREGS + 2];
        unsigned nitems = record_diffs(ra, rb, items);
        if (word(ra, DIFF_REC_SEQ) != (uint32_t)(first + i) || word(rb, DIFF_REC_SEQ) != (uint32_t)(first + i)) {
            printf("BROKEN seed=%" PRIu64 " seq=%" PRIu64 ": record out of order\n", seed, first + i);
            bad++;
            break;
        }
        if (!nitems) {
            traps += word(ra, DIFF_REC_TRAP) != 0;
            continue;
        }
        DiffSeq s;
        diff_gen_seq(g, seed, first + i, isa, &s);
        const char *id = known_match(known, nknown, c, &s, items, nitems);
        if (id) {
            (*nknown_hits)++;
            printf("KNOWN %s seed=%" PRIu64 " seq=%" PRIu64 "\n", id, seed, first + i);
            continue;
        }
        bad++;
        printf("MISMATCH seed=%" PRIu64 " seq=%" PRIu64 " isa=%s  (rerun: tests/diff/run --seed %" PRIu64
               " --first %" PRIu64 " --count 1 --isa %s)\n",
               seed, first + i, s.thumb ? "t32" : "a32", seed, first + i,
               isa == DIFF_ISA_A32 ? "a32" : isa == DIFF_ISA_T32 ? "t32" : "both");
        diff_print_seq(stdout, c, &s);
        print_diffs(stdout, ra, rb, ref_name, test_name);
    }
    if (n < count && (na != nb || n < count)) {
        uint64_t at = first + n;
        DiffSeq s;
        diff_gen_seq(g, seed, at, isa, &s);
        const char *who = na < nb ? ref_name : nb < na ? test_name : "both";
        printf("STOPPED %s at seed=%" PRIu64 " seq=%" PRIu64 " isa=%s (its output ends there)\n", who, seed, at,
               s.thumb ? "t32" : "a32");
        diff_print_seq(stdout, c, &s);
        if (na != nb)
            bad++;
        printf("RESUME %" PRIu64 "\n", at + 1);
    }
    printf("STATS compared=%" PRIu64 " trapped_both=%" PRIu64 "\n", n, traps);
    free(a);
    free(b);
    free(known);
    return bad;
}
