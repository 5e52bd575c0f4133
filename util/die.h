/*
 * Fatal errors: one message on stderr, prefixed with the program name.
 * ferry_die is for ferry's own failures (out of memory, broken invariants);
 * ferry_fail is for bad input from the user (exit status 1).
 */
#ifndef FERRY_UTIL_DIE_H
#define FERRY_UTIL_DIE_H

extern const char *ferry_progname;

__attribute__((noreturn, format(printf, 1, 2))) void ferry_die(const char *fmt, ...);
__attribute__((noreturn, format(printf, 2, 3))) void ferry_fail(int status, const char *fmt, ...);

#define FERRY_ASSERT(cond)                                                                    \
    do {                                                                                      \
        if (!(cond))                                                                          \
            ferry_die("internal error: %s:%d: assertion '%s' failed", __FILE__, __LINE__, #cond); \
    } while (0)

#endif
