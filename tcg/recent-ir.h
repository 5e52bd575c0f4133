/*
 * The IR of the units interpreted most recently (tcg/exec.c): a unit
 * that runs a second time is compiled, and most second runs come soon
 * after the first (of the units a static hello world compiles, 6 in 10
 * ran for the first time at most 16 units earlier), so its IR is often
 * still here and the front end need not build it again.
 *
 * Called with the cache lock held. Any invalidation of guest code, and a
 * flush, empty it: the IR describes the code as it was when read.
 */
#ifndef FERRY_TCG_RECENT_IR_H
#define FERRY_TCG_RECENT_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/ir.h"

/* Keep b (a cold unit's IR, straight from the front end); b is left
 * holding an unused block with the same globals (ir_block_reset it). */
void tcg_recent_ir_put(IRBlock *b);
/* If the IR of (pc, flags) is kept, move it into dst (whose old block
 * the ring keeps, empty), forget it and return true. */
bool tcg_recent_ir_take(uint32_t pc, uint32_t flags, IRBlock *dst);
void tcg_recent_ir_clear(void);

#endif
