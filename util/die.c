/* Fatal errors; see die.h. */
#include "die.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

const char *ferry_progname = "ferry-arm";

static void vreport(const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", ferry_progname);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void ferry_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    abort();
}

void ferry_fail(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(fmt, ap);
    va_end(ap);
    exit(status);
}
