/* Host backtrace through glibc's unwinder, for the static build; see backtrace.h. */
#include "backtrace.h"

#include <execinfo.h>

void ferry_print_backtrace(FILE *f)
{
    void *frames[64];
    int n = backtrace(frames, 64);
    fflush(f);
    backtrace_symbols_fd(frames, n, fileno(f));
}
