/*
 * The table of units still being interpreted (see first-runs.h): open
 * addressing over (pc, flags) keys, doubled at half load. An entry with
 * flags == UINT32_MAX is empty (no guest uses all flag bits). A unit
 * leaves the table when it is compiled, so it holds the units that ran
 * once (or fewer than tcg_first_runs times), not every unit seen.
 */
#include "tcg/first-runs.h"

#include <stdlib.h>
#include <string.h>

#include "tcg/cache.h"
#include "util/die.h"

uint32_t tcg_first_runs;

typedef struct FirstRun {
    uint32_t pc, flags;
    uint32_t left;           /* interpreted runs still to come */
} FirstRun;

static FirstRun *table;
static uint32_t bits, used;

#define MIN_BITS 10

static uint32_t slot_of(uint32_t pc, uint32_t flags, uint32_t b)
{
    return tcg_key_mix(pc, flags) >> (32 - b);
}

static FirstRun *find(FirstRun *t, uint32_t b, uint32_t pc, uint32_t flags)
{
    uint32_t mask = (1u << b) - 1;
    for (uint32_t i = slot_of(pc, flags, b);; i = (i + 1) & mask)
        if (t[i].flags == UINT32_MAX || (t[i].pc == pc && t[i].flags == flags))
            return &t[i];
}

static FirstRun *new_table(uint32_t b)
{
    FirstRun *t = malloc(((size_t)1 << b) * sizeof(FirstRun));
    if (!t)
        ferry_die("out of memory for the first-runs table");
    memset(t, 0xff, ((size_t)1 << b) * sizeof(FirstRun));
    return t;
}

static void grow(void)
{
    uint32_t nb = bits ? bits + 1 : MIN_BITS;
    FirstRun *t = new_table(nb);
    for (uint32_t i = 0; table && i < (1u << bits); i++)
        if (table[i].flags != UINT32_MAX)
            *find(t, nb, table[i].pc, table[i].flags) = table[i];
    free(table);
    table = t;
    bits = nb;
}

/* Removes e, moving later entries of its probe run back so that every
 * entry stays reachable from its home slot (no tombstones). */
static void erase(FirstRun *e)
{
    uint32_t mask = (1u << bits) - 1;
    uint32_t hole = (uint32_t)(e - table);
    for (uint32_t j = (hole + 1) & mask; table[j].flags != UINT32_MAX; j = (j + 1) & mask) {
        uint32_t home = slot_of(table[j].pc, table[j].flags, bits);
        /* Entry j may fill the hole unless its home lies in (hole, j]. */
        bool stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
        if (!stays) {
            table[hole] = table[j];
            hole = j;
        }
    }
    table[hole].flags = UINT32_MAX;
    used--;
}

bool tcg_first_runs_take(uint32_t pc, uint32_t flags)
{
    if (tcg_first_runs == 0 || flags == UINT32_MAX)
        return false;
    if (!table || 2 * (used + 1) > (1u << bits))
        grow();
    FirstRun *e = find(table, bits, pc, flags);
    if (e->flags == UINT32_MAX) {
        *e = (FirstRun){ pc, flags, tcg_first_runs - 1 };
        used++;
        return true;
    }
    if (e->left == 0) {
        /* It is compiled now: the cache has it, the table need not. */
        erase(e);
        return false;
    }
    e->left--;
    return true;
}

void tcg_first_runs_clear(void)
{
    free(table);
    table = NULL;
    bits = used = 0;
}
