/*
 * The guest heap (brk): it starts at the first page after the loaded
 * program and grows and shrinks in whole pages through the guest mmap
 * layer, so the page tracker and lu_access_ok see it like any mapping.
 * Growing never moves or replaces another mapping (MAP_FIXED_NOREPLACE):
 * a break that would collide is refused, as the kernel refuses it.
 */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "util/log.h"

static uint32_t brk_start, brk_cur;
static pthread_mutex_t brk_lock = PTHREAD_MUTEX_INITIALIZER;

void lu_brk_init(uint32_t start)
{
    brk_start = brk_cur = (uint32_t)lu_page_round_up(start);
}

uint32_t lu_brk_start(void) { return brk_start; }

uint32_t lu_brk(uint32_t new_brk)
{
    pthread_mutex_lock(&brk_lock);
    if (new_brk < brk_start || (uint64_t)new_brk > lu_space_size()) {
        uint32_t cur = brk_cur;
        pthread_mutex_unlock(&brk_lock);
        return cur;
    }
    uint64_t old_end = lu_page_round_up(brk_cur), new_end = lu_page_round_up(new_brk);
    if (new_end > old_end) {
        int64_t r = lu_mmap((uint32_t)old_end, (uint32_t)(new_end - old_end), PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
        if (r < 0) {
            ferry_log(FERRY_LOG_page, "page: brk 0x%x refused (%d)\n", new_brk, (int)r);
            uint32_t cur = brk_cur;
            pthread_mutex_unlock(&brk_lock);
            return cur;
        }
    } else if (new_end < old_end) {
        lu_munmap((uint32_t)new_end, (uint32_t)(old_end - new_end));
    }
    /* Memory the break gives back and takes again inside its last page
     * must read as zero, like fresh heap. */
    if (new_brk > brk_cur) {
        uint64_t zero_end = new_brk < old_end ? new_brk : old_end;
        if (zero_end > brk_cur)
            memset(g2h(brk_cur), 0, zero_end - brk_cur);
    }
    brk_cur = new_brk;
    pthread_mutex_unlock(&brk_lock);
    return new_brk;
}
