/* perf's JIT map; see perfmap.h. */
#include "tcg/perfmap.h"

#include <stdio.h>
#include <unistd.h>

static FILE *perfmap;

bool tcg_perfmap_open(void)
{
    char path[64];
    snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
    perfmap = fopen(path, "w");
    return perfmap != NULL;
}

/* Called with the cache lock held, so lines from threads do not mix.
 * Flushed per line: perf reads the file after the process is gone, and a
 * guest exit does not always run stdio's exit handlers. */
void tcg_perfmap_add(const void *code, uint32_t size, uint32_t pc, uint32_t flags, bool hot)
{
    if (!perfmap)
        return;
    fprintf(perfmap, "%lx %x guest_%08x_f%x%s\n", (unsigned long)(uintptr_t)code, size, pc, flags,
            hot ? "_hot" : "");
    fflush(perfmap);
}
