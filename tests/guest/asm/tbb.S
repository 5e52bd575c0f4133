/* Table branches in Thumb-2: TBB (byte offsets) and TBH (halfword
 * offsets, with cases far enough away to need them) dispatching over
 * every index, each case adding its own value; and CBZ/CBNZ loops. */
#include "asm.h"
        .thumb
        .text
        .global _start
        .thumb_func
_start:
        mov     r4, #0                  @ index
        mov     r5, #0                  @ accumulated result
1:      tbb     [pc, r4]
tbb_table:
        .byte   (c0 - tbb_table) / 2, (c1 - tbb_table) / 2, (c2 - tbb_table) / 2
        .byte   (c3 - tbb_table) / 2, (c1 - tbb_table) / 2, (c0 - tbb_table) / 2
        .balign 2
c0:     add     r5, r5, #1
        b       2f
c1:     add     r5, r5, #0x10
        b       2f
c2:     add     r5, r5, #0x100
        b       2f
c3:     add     r5, r5, #0x1000
2:      add     r4, r4, #1
        cmp     r4, #6
        bne     1b
        SHOW    "tbb", r5

        mov     r4, #0
        mov     r5, #0
3:      tbh     [pc, r4, lsl #1]
tbh_table:
        .hword  (h0 - tbh_table) / 2, (h1 - tbh_table) / 2, (h2 - tbh_table) / 2, (h1 - tbh_table) / 2
h0:     add     r5, r5, #3
        b.w     4f
        .space  600                     @ beyond a byte table's 510-byte reach
h1:     add     r5, r5, #0x30
        b.w     4f
        .space  1200
h2:     add     r5, r5, #0x300
4:      add     r4, r4, #1
        cmp     r4, #4
        bne.w   3b
        SHOW    "tbh", r5

        /* CBZ/CBNZ: count down, counting the zero and nonzero tests. */
        mov     r0, #5
        mov     r5, #0
        mov     r6, #0
5:      cbz     r0, 6f
        add     r5, r5, #1
        sub     r0, r0, #1
        b       5b
6:      mov     r1, #3
7:      add     r6, r6, #0x10
        sub     r1, r1, #1
        cbnz    r1, 8f              @ CBZ/CBNZ only branch forwards
        b       9f
8:      b       7b
9:
        orr     r5, r5, r6, lsl #8
        SHOW    "cbz/cbnz", r5
        EXIT    0
