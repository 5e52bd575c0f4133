/* Flag-setting data processing in ARM state: for operand pairs at the
 * edges of signed and unsigned ranges, each of ADDS SUBS RSBS ADCS SBCS
 * (with carry in both 0 and 1) ANDS EORS ORRS BICS MULS, compares (CMP CMN
 * TST TEQ) and shifter carry-out (LSLS LSRS ASRS RORS RRXS by 0, 1, 31,
 * 32, 33 via register) print the result and NZCV. ARM's carry after a
 * subtraction is NOT borrow, the opposite of x86. */
#include "asm.h"
        .arm
        .text
        .global _start
_start:
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 0,0 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 0,0 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 0,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000000
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 1,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 1,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 1,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000001
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 0,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 0,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 0,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000000
        ldr     r9, =0x00000001
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 1,0 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 1,0 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 1,0 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000001
        ldr     r9, =0x00000000
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 7fffffff,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 7fffffff,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 7fffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x7fffffff
        ldr     r9, =0x00000001
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 80000000,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 80000000,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 80000000,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x00000001
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 80000000,80000000 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 80000000,80000000 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 80000000,80000000 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x80000000
        ldr     r9, =0x80000000
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs ffffffff,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs ffffffff,1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls ffffffff,1 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0x00000001
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs ffffffff,ffffffff c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs ffffffff,ffffffff c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls ffffffff,ffffffff c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0xffffffff
        ldr     r9, =0xffffffff
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 5,fffffffb c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 5,fffffffb c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 5,fffffffb c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x00000005
        ldr     r9, =0xfffffffb
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adds    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adds 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        subs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "subs 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rsbs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rsbs 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 12345678,87654321 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        adcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "adcs 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 12345678,87654321 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        sbcs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "sbcs 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        ands    r10, r8, r9
        mrs     r11, apsr
        SHOW    "ands 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        eors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "eors 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        orrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "orrs 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        bics    r10, r8, r9
        mrs     r11, apsr
        SHOW    "bics 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        muls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "muls 12345678,87654321 c1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        cmp     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        cmn     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        tst     r8, r9
        mrs     r0, apsr
        bl      put_flags
        ldr     r8, =0x12345678
        ldr     r9, =0x87654321
        teq     r8, r9
        mrs     r0, apsr
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x80000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 80000001 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 80000001 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 80000001 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 80000001 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 80000001 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 80000001 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 80000001 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 80000001 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 80000001 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 80000001 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 80000001 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 80000001 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 80000001 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 80000001 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 80000001 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 80000001 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 80000001 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 80000001 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 80000001 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 80000001 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        rrxs    r10, r8
        mrs     r11, apsr
        SHOW    "rrxs 80000001 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x80000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rrxs    r10, r8
        mrs     r11, apsr
        SHOW    "rrxs 80000001 c1", r10
        mov     r0, r11
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x40000000
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 40000000 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 40000000 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 40000000 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 40000000 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 40000000 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 40000000 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 40000000 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 40000000 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 40000000 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 40000000 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 40000000 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 40000000 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 40000000 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 40000000 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 40000000 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 40000000 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 40000000 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 40000000 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 40000000 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 40000000 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r0, #0
        msr     APSR_nzcvq, r0
        rrxs    r10, r8
        mrs     r11, apsr
        SHOW    "rrxs 40000000 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x40000000
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rrxs    r10, r8
        mrs     r11, apsr
        SHOW    "rrxs 40000000 c1", r10
        mov     r0, r11
        bl      put_flags
        b       1f
        .ltorg
1:
        ldr     r8, =0x00000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 1 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 1 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 1 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 1 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsls    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsls 1 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 1 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 1 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 1 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 1 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        lsrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "lsrs 1 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 1 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 1 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 1 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 1 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        asrs    r10, r8, r9
        mrs     r11, apsr
        SHOW    "asrs 1 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #0
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 1 by 0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #1
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 1 by 1", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #31
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 1 by 31", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #32
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 1 by 32", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r9, #33
        mov     r0, #0x20000000         @ C=1 in, to see when it is kept
        msr     APSR_nzcvq, r0
        rors    r10, r8, r9
        mrs     r11, apsr
        SHOW    "rors 1 by 33", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r0, #0
        msr     APSR_nzcvq, r0
        rrxs    r10, r8
        mrs     r11, apsr
        SHOW    "rrxs 1 c0", r10
        mov     r0, r11
        bl      put_flags
        ldr     r8, =0x00000001
        mov     r0, #0x20000000
        msr     APSR_nzcvq, r0
        rrxs    r10, r8
        mrs     r11, apsr
        SHOW    "rrxs 1 c1", r10
        mov     r0, r11
        bl      put_flags
        b       1f
        .ltorg
1:
        EXIT    0
