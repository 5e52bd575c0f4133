/* Logging by category; see log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

unsigned ferry_log_mask;
FILE *ferry_log_file;

static const struct {
    const char *name;
    const char *help;
} log_items[] = {
#define X(name, help) { #name, help },
    FERRY_LOG_ITEMS(X)
#undef X
};

bool ferry_log_parse(const char *items, unsigned *mask, const char **bad)
{
    static char badbuf[64];
    unsigned m = 0;
    const char *p = items;
    while (*p) {
        size_t n = strcspn(p, ",");
        bool found = false;
        for (unsigned i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++) {
            if (strlen(log_items[i].name) == n && !strncmp(p, log_items[i].name, n)) {
                m |= 1u << i;
                found = true;
            }
        }
        if (n == 3 && !strncmp(p, "all", 3)) {
            m = ~0u;
            found = true;
        }
        if (!found) {
            snprintf(badbuf, sizeof(badbuf), "%.*s", (int)(n < 60 ? n : 60), p);
            *bad = badbuf;
            return false;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    *mask = m;
    return true;
}

void ferry_log_print_help(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (unsigned i = 0; i < sizeof(log_items) / sizeof(log_items[0]); i++)
        fprintf(f, "%-14s %s\n", log_items[i].name, log_items[i].help);
}

int ferry_log_set_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    setvbuf(f, NULL, _IOLBF, 0);
    ferry_log_file = f;
    return 0;
}

void ferry_log(unsigned item, const char *fmt, ...)
{
    if (!(ferry_log_mask & item))
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(ferry_log_file ? ferry_log_file : stderr, fmt, ap);
    va_end(ap);
}
