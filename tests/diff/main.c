/*
 * difftool: the host half of the differential tester.
 *
 *   difftool gen   --seed S --first F --count N --isa I > batch.S
 *   difftool cmp   --seed S --first F --count N --isa I REF.out TEST.out
 *   difftool show  --seed S --first F --count N --isa I
 *   difftool stats --seed S --first F --count N --isa I
 *
 * gen writes a batch for harness.S; cmp regenerates the same sequences to
 * explain each difference between two emulators' records; show prints
 * sequences; stats prints how often each table line was drawn and
 * accepted (a line never accepted is a coverage hole to look at).
 * tests/diff/run drives these.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "difftool.h"

DiffChecker *diff_gen_checker(DiffGen *g);
void diff_print_seq(FILE *f, DiffChecker *c, const DiffSeq *s);
unsigned diff_compare(DiffGen *g, uint64_t seed, uint64_t first, uint64_t count, DiffIsa isa,
                      const char *known_file, const char *ref_path, const char *test_path,
                      const char *ref_name, const char *test_name, unsigned *nknown_hits);

static void usage(void)
{
    fprintf(stderr, "usage: difftool gen|cmp|show|stats --seed S [--first F] [--count N] [--isa a32|t32|both]\n"
                    "                [--deny FILE] [--known FILE] [--names REF,TEST] [-v] [REF.out TEST.out]\n");
    exit(1);
}

static uint64_t number(const char *s)
{
    char *end;
    uint64_t v = strtoull(s, &end, 0);
    if (!*s || *end) {
        fprintf(stderr, "difftool: not a number: '%s'\n", s);
        exit(1);
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        usage();
    const char *cmd = argv[1], *deny = NULL, *known = NULL, *files[2] = { NULL, NULL };
    char names[2][64] = { "ref", "test" };
    uint64_t seed = 1, first = 0, count = 1;
    DiffIsa isa = DIFF_ISA_BOTH;
    bool verbose = false;
    unsigned nfiles = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-v")) { verbose = true; continue; }
        if (a[0] != '-') {
            if (nfiles == 2)
                usage();
            files[nfiles++] = a;
            continue;
        }
        if (!v)
            usage();
        i++;
        if (!strcmp(a, "--seed")) seed = number(v);
        else if (!strcmp(a, "--first")) first = number(v);
        else if (!strcmp(a, "--count")) count = number(v);
        else if (!strcmp(a, "--deny")) deny = v;
        else if (!strcmp(a, "--known")) known = v;
        else if (!strcmp(a, "--names")) {
            if (sscanf(v, "%63[^,],%63s", names[0], names[1]) != 2)
                usage();
        } else if (!strcmp(a, "--isa")) {
            if (!strcmp(v, "a32")) isa = DIFF_ISA_A32;
            else if (!strcmp(v, "t32")) isa = DIFF_ISA_T32;
            else if (!strcmp(v, "both")) isa = DIFF_ISA_BOTH;
            else usage();
        } else
            usage();
    }
    DiffGen *g = diff_gen_new(deny, verbose);
    int rc = 0;
    if (!strcmp(cmd, "gen")) {
        diff_emit_batch(stdout, g, seed, first, count, isa);
    } else if (!strcmp(cmd, "show") || !strcmp(cmd, "stats")) {
        for (uint64_t i = 0; i < count; i++) {
            DiffSeq s;
            diff_gen_seq(g, seed, first + i, isa, &s);
            if (cmd[1] == 'h') {
                printf("seed=%" PRIu64 " seq=%" PRIu64 "\n", seed, first + i);
                diff_print_seq(stdout, diff_gen_checker(g), &s);
            }
        }
        if (cmd[1] == 't')
            diff_gen_print_stats(g, stdout);
    } else if (!strcmp(cmd, "cmp")) {
        if (nfiles != 2)
            usage();
        unsigned known_hits;
        unsigned bad = diff_compare(g, seed, first, count, isa, known, files[0], files[1], names[0], names[1],
                                    &known_hits);
        rc = bad ? 1 : 0;
    } else
        usage();
    diff_gen_free(g);
    return rc;
}
