/*
 * Per-thread bookkeeping the syscall layer keeps for the thread and signal
 * code (one guest thread today): what set_tid_address, set_robust_list and
 * clone's CLONE_CHILD_CLEARTID asked for.
 */
#ifndef FERRY_SYSCALLS_PROC_H
#define FERRY_SYSCALLS_PROC_H

#include <stdint.h>

typedef struct SysThreadInfo {
    uint32_t clear_child_tid;   /* guest address, 0 if none */
    uint32_t robust_list;       /* guest address of the robust list head */
} SysThreadInfo;

extern SysThreadInfo sys_thread;

#endif
