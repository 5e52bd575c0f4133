/*
 * Logging by category (-d ITEMS). The mask is checked at run time; the
 * hot categories (exec, cpu) are also gated at compile time by
 * FERRY_LOG_HOT so release builds pay nothing for them.
 */
#ifndef FERRY_UTIL_LOG_H
#define FERRY_UTIL_LOG_H

#include <stdbool.h>
#include <stdio.h>

#define FERRY_LOG_ITEMS(X)                                              \
    X(in_asm, "show guest code as it is translated")                    \
    X(op, "show the IR as built by the front end")                      \
    X(op_opt, "show the IR after the optimisation passes")              \
    X(out_asm, "show the host code generated for each unit")            \
    X(exec, "show each translation unit as it runs")                    \
    X(cpu, "show the guest registers before each unit the dispatcher runs") \
    X(strace, "log system calls (same as -strace)")                     \
    X(unimp, "log unimplemented system calls and instructions")         \
    X(page, "log guest memory mappings")                                \
    X(guest_errors, "log guest errors (bad syscall arguments, ...)")

enum {
#define X(name, help) FERRY_LOG_BIT_##name,
    FERRY_LOG_ITEMS(X)
#undef X
};
enum {
#define X(name, help) FERRY_LOG_##name = 1u << FERRY_LOG_BIT_##name,
    FERRY_LOG_ITEMS(X)
#undef X
};

extern unsigned ferry_log_mask;
extern FILE *ferry_log_file;

static inline bool ferry_log_enabled(unsigned item) { return (ferry_log_mask & item) != 0; }

/* Parses "in_asm,op" (or "help", which prints the list and returns false).
 * On an unknown item, returns false and sets *bad to it. */
bool ferry_log_parse(const char *items, unsigned *mask, const char **bad);
void ferry_log_print_help(FILE *f);
int ferry_log_set_file(const char *path);

__attribute__((format(printf, 2, 3))) void ferry_log(unsigned item, const char *fmt, ...);

#endif
