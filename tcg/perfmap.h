/*
 * perf's map of JIT code (-perfmap, as qemu-arm's): one line per
 * translated unit in /tmp/perf-PID.map, "HOSTADDR SIZE NAME", which
 * `perf report` reads to name samples in generated code. The name says
 * which guest code the unit translates and in which tier. A forked child
 * goes on appending to its parent's file (perf looks for the child's own
 * pid): profile one process at a time.
 */
#ifndef FERRY_TCG_PERFMAP_H
#define FERRY_TCG_PERFMAP_H

#include <stdbool.h>
#include <stdint.h>

/* Open /tmp/perf-<pid>.map; false (with errno) if it cannot be created. */
bool tcg_perfmap_open(void);
/* Record code at host address code, size bytes, translating guest pc. */
void tcg_perfmap_add(const void *code, uint32_t size, uint32_t pc, uint32_t flags, bool hot);

#endif
