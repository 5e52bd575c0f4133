/*
 * tcg/first-runs.c: a unit's first runs are interpreted, then it is
 * compiled and leaves the table. Checked against a plain model over many
 * keys that collide in the table (same home slot, long probe runs), with
 * removals in the middle of probe runs and growth.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tcg/first-runs.h"

static void test_runs(void **state)
{
    tcg_first_runs_clear();
    tcg_first_runs = 0;
    assert_false(tcg_first_runs_take(0x1000, 0));   /* 0: compile at once */
    tcg_first_runs = 2;
    assert_true(tcg_first_runs_take(0x1000, 0));
    assert_true(tcg_first_runs_take(0x1000, 0));
    assert_false(tcg_first_runs_take(0x1000, 0));   /* compiled: forgotten */
    assert_true(tcg_first_runs_take(0x1000, 1));    /* flags are part of the key */
    assert_true(tcg_first_runs_take(0x1000, 0));    /* dropped code starts over */
    assert_false(tcg_first_runs_take(0x1000, UINT32_MAX));
    tcg_first_runs_clear();
    assert_true(tcg_first_runs_take(0x1000, 1));
    tcg_first_runs = 0;
    tcg_first_runs_clear();
}

/* Many keys, each taken until compiled, in an interleaved order; the
 * model counts the runs each key has had. */
static void test_model(void **state)
{
    enum { KEYS = 6000, RUNS = 3 };
    static uint8_t runs[KEYS];
    memset(runs, 0, sizeof(runs));
    tcg_first_runs_clear();
    tcg_first_runs = RUNS;
    uint32_t x = 12345;
    for (unsigned step = 0; step < 60000; step++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        uint32_t k = x % KEYS;
        /* pcs 2 apart and a few flag values: many share home slots */
        bool interp = tcg_first_runs_take(0x10000 + 2 * (k / 4), k % 4);
        bool want = runs[k] < RUNS;
        assert_int_equal(interp, want);
        runs[k] = want ? runs[k] + 1 : 0;   /* compiled, then "dropped" */
    }
    tcg_first_runs = 0;
    tcg_first_runs_clear();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runs),
        cmocka_unit_test(test_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
