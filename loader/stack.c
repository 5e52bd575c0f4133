/*
 * The initial process stack, laid out as Linux's binfmt_elf does for an
 * ARM process (top to bottom):
 *
 *   NULL word | AT_EXECFN string | argv strings, envp strings |
 *   AT_PLATFORM string | 16 AT_RANDOM bytes | (align 16) |
 *   auxv pairs ... AT_NULL | envp[] NULL | argv[] NULL | argc  <- sp
 *
 * sp is 16-byte aligned (the EABI needs 8). The builder works on any host
 * buffer standing for the guest range, so it is tested without a guest.
 */
#include "loader/loader.h"

#include <string.h>

typedef struct StackWriter {
    uint8_t *host_top;
    uint32_t guest_top;
} StackWriter;

static void *host_at(const StackWriter *w, uint32_t guest)
{
    return w->host_top - (w->guest_top - guest);
}

static void put_word(const StackWriter *w, uint32_t guest, uint32_t v)
{
    memcpy(host_at(w, guest), &v, 4);   /* the host is little-endian, like the guest */
}

static uint32_t put_string(const StackWriter *w, uint32_t guest, const char *s)
{
    size_t n = strlen(s) + 1;
    memcpy(host_at(w, guest), s, n);
    return guest + (uint32_t)n;
}

bool lu_stack_build(void *host_top, uint32_t guest_top, uint32_t size, const LuStackArgs *a, LuStackLayout *out)
{
    StackWriter w = { host_top, guest_top };
    size_t envc = 0;
    uint64_t strings = 0;
    while (a->envp && a->envp[envc])
        strings += strlen(a->envp[envc++]) + 1;
    for (int i = 0; i < a->argc; i++)
        strings += strlen(a->argv[i]) + 1;
    size_t nb_aux = a->nb_auxv + 4;   /* + AT_PLATFORM, AT_RANDOM, AT_EXECFN, AT_NULL */
    uint64_t words = 1 + (uint64_t)a->argc + 1 + envc + 1 + 2 * nb_aux;
    uint64_t need = 4 + strlen(a->execfn) + 1 + strings + strlen(a->platform) + 1 + 16 + 32 + words * 4;
    /* Leave most of the stack to the program, as the kernel leaves it at
     * least three quarters of its limit. */
    if (need > size / 4 * 3 || need > guest_top)
        return false;

    uint32_t p = guest_top - 4;
    put_word(&w, p, 0);
    p -= (uint32_t)strlen(a->execfn) + 1;
    uint32_t execfn_addr = p;
    put_string(&w, p, a->execfn);

    p -= (uint32_t)strings;
    uint32_t argv_strings = p, s = p;
    for (int i = 0; i < a->argc; i++)
        s = put_string(&w, s, a->argv[i]);
    uint32_t envp_strings = s;
    for (size_t i = 0; i < envc; i++)
        s = put_string(&w, s, a->envp[i]);
    out->arg_start = argv_strings;
    out->arg_end = out->env_start = envp_strings;
    out->env_end = s;

    p -= (uint32_t)strlen(a->platform) + 1;
    uint32_t platform_addr = p;
    put_string(&w, p, a->platform);
    p = (p - 16) & ~3u;
    uint32_t random_addr = p;
    memcpy(host_at(&w, p), a->random, 16);

    p &= ~15u;
    uint32_t sp = (p - (uint32_t)words * 4) & ~15u;
    uint32_t q = sp;
    put_word(&w, q, (uint32_t)a->argc);
    q += 4;
    out->argv_addr = q;
    for (int i = 0; i < a->argc; i++, q += 4) {
        put_word(&w, q, argv_strings);
        argv_strings += (uint32_t)strlen(a->argv[i]) + 1;
    }
    put_word(&w, q, 0);
    q += 4;
    out->envp_addr = q;
    for (size_t i = 0; i < envc; i++, q += 4) {
        put_word(&w, q, envp_strings);
        envp_strings += (uint32_t)strlen(a->envp[i]) + 1;
    }
    put_word(&w, q, 0);
    q += 4;
    out->auxv_addr = q;
    for (size_t i = 0; i < a->nb_auxv; i++, q += 8) {
        put_word(&w, q, a->auxv[i][0]);
        put_word(&w, q + 4, a->auxv[i][1]);
    }
    const uint32_t tail[4][2] = {
        { AT_PLATFORM, platform_addr }, { AT_RANDOM, random_addr }, { AT_EXECFN, execfn_addr }, { AT_NULL, 0 },
    };
    for (size_t i = 0; i < 4; i++, q += 8) {
        put_word(&w, q, tail[i][0]);
        put_word(&w, q + 4, tail[i][1]);
    }
    out->auxv_len = q - out->auxv_addr;
    out->sp = sp;
    return true;
}
