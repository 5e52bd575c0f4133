/*
 * C helpers for the ARM synchronization instructions that the IR cannot
 * express: a 64-bit compare-and-swap for STREXD.
 */
#ifndef FERRY_ARM_HELPERS_SYNC_H
#define FERRY_ARM_HELPERS_SYNC_H

#include "tcg/ir.h"

/* status = strexd(cpu, addr, lo, hi): 0 if the doubleword was stored. */
extern const IRHelper arm_helper_strexd;

#endif
