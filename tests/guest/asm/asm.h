/* Shared macros for the freestanding assembly tests (no libc).
 * Everything prints through asm/lib.S (ARM code, reached by BL/BLX from
 * either instruction set): the helpers clobber r0-r3, r12 and lr only,
 * so tests keep their values in r4-r11. */
        .syntax unified

#define SYS_exit        1
#define SYS_write       4
#define SYS_getpid      20
#define SYS_exit_group  248
#define ARM_set_tls     0x0f0005

/* Print a string literal (no newline added). */
        .macro PUTS text
        .pushsection .rodata.str, "aMS", %progbits, 1
.Ls\@:  .asciz "\text"
        .popsection
        ldr     r0, =.Ls\@
        bl      put_str
        .endm

/* Print "label=XXXXXXXX\n" for a register. */
        .macro SHOW label, reg
        .pushsection .rodata.str, "aMS", %progbits, 1
.Ls\@:  .asciz "\label="
        .popsection
        push    {\reg}
        ldr     r0, =.Ls\@
        bl      put_str
        pop     {r0}
        bl      put_hexln
        .endm

/* Print the NZCV flags as "nzcv=XXXX\n" (letters upper-case when set). */
        .macro SHOWFLAGS
        mrs     r0, apsr
        bl      put_flags
        .endm

        .macro EXIT code
        mov     r0, #\code
        bl      do_exit
        .endm
