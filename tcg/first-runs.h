/*
 * A unit's first runs are interpreted, not compiled (tcg/exec.c): most
 * units of a short program run once (a static hello world: 7 in 10;
 * Debian's /bin/true: 6 in 10), and the IR interpreter runs a unit for a
 * small fraction of what lowering it to x86-64 costs (docs/startup.md).
 * This table remembers how many interpreted runs each (pc, flags) has
 * left; when none are left, the unit is compiled.
 *
 * Called with the cache lock held. A cache flush clears the table (it
 * would otherwise grow with every unit ever seen).
 */
#ifndef FERRY_TCG_FIRST_RUNS_H
#define FERRY_TCG_FIRST_RUNS_H

#include <stdbool.h>
#include <stdint.h>

/* Interpreted runs before a unit is compiled (0: compile at once, the
 * default of the engine; the user-mode run-time sets 1). */
extern uint32_t tcg_first_runs;

/* Should this run of (pc, flags) be interpreted? Counts it if so; if
 * not, the caller compiles the unit and the table forgets it (a later
 * run finds the code; if the code is dropped, the unit starts over). */
bool tcg_first_runs_take(uint32_t pc, uint32_t flags);
void tcg_first_runs_clear(void);

#endif
