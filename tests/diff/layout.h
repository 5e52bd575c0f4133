/*
 * Memory layout shared by the generator (C) and the guest harness (asm):
 * the record written after each sequence and the sequence table entries.
 * Plain #defines only, so that harness.S can include it.
 */
#ifndef FERRY_DIFF_LAYOUT_H
#define FERRY_DIFF_LAYOUT_H

#define DIFF_BUF_SIZE 512          /* compared memory buffer, bytes */
#define DIFF_BUF_HALF (DIFF_BUF_SIZE / 2)  /* the base register starts mid-buffer */
#define DIFF_GUARD 4096            /* unused space around it, in case */
#define DIFF_POOL_SIZE 4096        /* buffer contents: a window of this pool */

/* Record written per sequence: */
#define DIFF_REC_SEQ 0             /* sequence index (low 32 bits) */
#define DIFF_REC_APSR 4            /* MRS APSR after the sequence */
#define DIFF_REC_REGS 8            /* r0..r12, r14 */
#define DIFF_REC_TRAP 64           /* 0, or the signal that stopped the sequence */
#define DIFF_REC_BUF 80            /* the buffer */
#define DIFF_REC_SIZE (DIFF_REC_BUF + DIFF_BUF_SIZE)

/* Sequence table entry: r0..r12, r14, entry address (bit 0: Thumb), APSR,
 * pool offset, sequence index. The harness loads r0..pc with one LDM. */
#define DIFF_TAB_APSR 60
#define DIFF_TAB_POOL 64
#define DIFF_TAB_SEQ 68
#define DIFF_TAB_SIZE 72

#endif
