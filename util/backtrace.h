/*
 * A host backtrace for ferry's own crash reports. ferry-arm uses libunwind
 * (backtrace-unwind.c); ferry-arm-static uses glibc's unwinder
 * (backtrace-glibc.c) because Debian's libunwind.a is not built as PIC and
 * so cannot go into a static PIE.
 */
#ifndef FERRY_UTIL_BACKTRACE_H
#define FERRY_UTIL_BACKTRACE_H

#include <stdio.h>

void ferry_print_backtrace(FILE *f);

#endif
