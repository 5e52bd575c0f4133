/*
 * How execve decides who runs a program (syscalls/sys-exec.c), exposed
 * for its tests.
 */
#ifndef FERRY_SYSCALLS_EXEC_H
#define FERRY_SYSCALLS_EXEC_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { SYS_EXEC_HOST, SYS_EXEC_ARM_ELF, SYS_EXEC_SCRIPT } SysExecKind;

/* From the file's first bytes: a 32-bit little-endian ARM ELF, a #!
 * script, or anything else (the host's business). */
SysExecKind sys_exec_classify(const unsigned char *head, size_t len);
/* The #! line's interpreter and its optional single argument. */
bool sys_exec_parse_shebang(const char *head, size_t len, char *interp, size_t isize, char *arg, size_t asize);

#endif
