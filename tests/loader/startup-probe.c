/*
 * A guest program (armhf, no libc) that checks what the loader and the
 * run-time promise at start-up and through the memory system calls.
 * Each check that fails prints "FAIL name" and the program exits 1;
 * the last line is "ok N" with the number of checks that passed. With an
 * argument "argv0" it prints argv[0]; with "env NAME" it prints $NAME.
 * Built with -nostdlib -ffreestanding by tests/startup.t.
 */
typedef unsigned int u32;

static long sys(long nr, long a, long b, long c, long d, long e, long f)
{
    register long r0 __asm__("r0") = a, r1 __asm__("r1") = b, r2 __asm__("r2") = c;
    register long r3 __asm__("r3") = d, r4 __asm__("r4") = e, r5 __asm__("r5") = f;
    register long r7 __asm__("r7") = nr;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7) : "memory");
    return r0;
}

enum { NR_exit_group = 248, NR_write = 4, NR_brk = 45, NR_mmap2 = 192, NR_munmap = 91,
       NR_mprotect = 125, NR_set_tls = 0xf0005 };

static u32 slen(const char *s) { u32 n = 0; while (s[n]) n++; return n; }
static void puts_(const char *s) { sys(NR_write, 1, (long)s, slen(s), 0, 0, 0); }
static int seq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }
static void putnum(u32 v)
{
    char b[12];
    int i = 11;
    b[i] = 0;
    do b[--i] = (char)('0' + v % 10); while (v /= 10);
    puts_(b + i);
}

static int passed, failed;
static void check(int ok, const char *name)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        puts_("FAIL ");
        puts_(name);
        puts_("\n");
    }
}

typedef int kuser_cmpxchg_t(int oldval, int newval, volatile int *ptr);
typedef void *kuser_get_tls_t(void);
typedef int kuser_cmpxchg64_t(const long long *oldval, const long long *newval, volatile long long *ptr);

static volatile int word = 7;
static volatile long long dword = 0x100000002LL;
static char bss_block[10000];

void probe_main(u32 *sp)
{
    u32 argc = sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    char **e = envp;
    while (*e)
        e++;
    u32 *auxv = (u32 *)(e + 1);

    if (argc >= 2 && seq(argv[1], "argv0")) {
        puts_(argv[0]);
        puts_("\n");
        sys(NR_exit_group, 0, 0, 0, 0, 0, 0);
    }
    if (argc >= 3 && seq(argv[1], "env")) {
        u32 n = slen(argv[2]);
        for (e = envp; *e; e++) {
            char *s = *e;
            u32 i = 0;
            while (i < n && s[i] == argv[2][i]) i++;
            if (i == n && s[n] == '=') {
                puts_(s + n + 1);
                puts_("\n");
                sys(NR_exit_group, 0, 0, 0, 0, 0, 0);
            }
        }
        puts_("(unset)\n");
        sys(NR_exit_group, 0, 0, 0, 0, 0, 0);
    }

    check(((u32)sp & 7) == 0, "sp is 8-byte aligned");
    u32 seen = 0, pagesz = 0, hwcap = 0, phdr = 0, phnum = 0, entry = 0;
    const char *platform = 0, *execfn = 0;
    const unsigned char *random = 0;
    for (u32 *a = auxv; a[0]; a += 2) {
        seen |= a[0] < 32 ? 1u << a[0] : 0;
        switch (a[0]) {
        case 3: phdr = a[1]; break;
        case 5: phnum = a[1]; break;
        case 6: pagesz = a[1]; break;
        case 9: entry = a[1]; break;
        case 15: platform = (const char *)a[1]; break;
        case 16: hwcap = a[1]; break;
        case 25: random = (const unsigned char *)a[1]; break;
        case 31: execfn = (const char *)a[1]; break;
        }
    }
    check(pagesz == 4096, "AT_PAGESZ");
    check(platform && seq(platform, "v7l"), "AT_PLATFORM");
    check(execfn && slen(execfn) > 0, "AT_EXECFN");
    check(random != 0, "AT_RANDOM");
    check((hwcap & (1u << 6)) && (hwcap & (1u << 15)), "AT_HWCAP has VFP and TLS");
    check(phdr && phnum && ((u32 *)phdr)[0] != 0, "AT_PHDR");
    check(entry != 0, "AT_ENTRY");
    u32 want = (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 7) | (1u << 8) | (1u << 9) | (1u << 11) |
               (1u << 12) | (1u << 13) | (1u << 14) | (1u << 15) | (1u << 16) | (1u << 17) | (1u << 23) |
               (1u << 25) | (1u << 26) | (1u << 31);
    check((seen & want) == want, "auxv is complete");

    /* .bss is zero. */
    int zero = 1;
    for (u32 i = 0; i < sizeof(bss_block); i++)
        zero &= bss_block[i] == 0;
    check(zero, ".bss is zero");

    /* The kuser helpers. */
    check(*(volatile u32 *)0xffff0ffc >= 3, "kuser helper version");
    kuser_cmpxchg_t *cmpxchg = (kuser_cmpxchg_t *)0xffff0fc0;
    check(cmpxchg(7, 9, &word) == 0 && word == 9, "kuser cmpxchg stores");
    check(cmpxchg(7, 11, &word) != 0 && word == 9, "kuser cmpxchg refuses");
    kuser_cmpxchg64_t *cmpxchg64 = (kuser_cmpxchg64_t *)0xffff0f60;
    long long o = 0x100000002LL, n = 0x300000004LL;
    check(cmpxchg64(&o, &n, &dword) == 0 && dword == n, "kuser cmpxchg64 stores");
    check(cmpxchg64(&o, &n, &dword) != 0, "kuser cmpxchg64 refuses");
    sys(NR_set_tls, 0x12345678, 0, 0, 0, 0, 0);
    kuser_get_tls_t *get_tls = (kuser_get_tls_t *)0xffff0fe0;
    check(get_tls() == (void *)0x12345678, "kuser get_tls");
    ((void (*)(void))0xffff0fa0)();   /* memory barrier: just returns */

    /* brk grows with zeroed memory and shrinks. */
    u32 b0 = (u32)sys(NR_brk, 0, 0, 0, 0, 0, 0);
    check(b0 != 0 && (b0 & 4095) == 0, "brk(0)");
    u32 b1 = (u32)sys(NR_brk, b0 + 100000, 0, 0, 0, 0, 0);
    check(b1 == b0 + 100000, "brk grows");
    char *heap = (char *)b0;
    zero = 1;
    for (u32 i = 0; i < 100000; i += 997)
        zero &= heap[i] == 0, heap[i] = 1;
    check(zero, "brk memory is zero");
    check((u32)sys(NR_brk, b0 + 10, 0, 0, 0, 0, 0) == b0 + 10, "brk shrinks");

    /* mmap2 / mprotect / munmap. */
    long m = sys(NR_mmap2, 0, 3 * 4096, 3, 0x22, -1, 0);
    int mapped = (unsigned long)m < 0xfffff000u;
    check(mapped && (m & 4095) == 0, "mmap2 anonymous");
    if (mapped) {
        char *p = (char *)m;
        p[0] = 5;
        p[3 * 4096 - 1] = 6;
        check(p[0] + p[3 * 4096 - 1] == 11, "mmap2 memory works");
        check(sys(NR_mprotect, m, 4096, 1, 0, 0, 0) == 0, "mprotect");
        check(sys(NR_munmap, m, 3 * 4096, 0, 0, 0, 0) == 0, "munmap");
        check(sys(NR_write, 1, m, 1, 0, 0, 0) == -14, "write from unmapped memory is EFAULT");
    }
    long fixed = sys(NR_mmap2, 0x20000000, 4096, 3, 0x32, -1, 0);
    check(fixed == 0x20000000, "mmap2 MAP_FIXED");

    puts_(failed ? "not " : "");
    puts_("ok ");
    putnum((u32)passed);
    puts_("\n");
    sys(NR_exit_group, failed ? 1 : 0, 0, 0, 0, 0, 0);
}

__asm__(".text\n.global _start\n.type _start,%function\n_start:\n"
        "  mov r0, sp\n  bl probe_main\n  udf #0\n");
