/*
 * Code cache: see cache.h. The buffer is reserved with MAP_NORESERVE and
 * committed by the kernel page by page as code is written, so startup
 * costs one mmap. Unit metadata lives on the heap; code is never freed
 * individually (an invalidated unit's code stays until the next flush, so
 * a thread still inside it is safe and its faults still map back).
 */
#include "cache.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tcg/backend.h"
#include "tcg/first-runs.h"
#include "tcg/recent-ir.h"
#include "util/die.h"

#define CODE_BUF_SIZE (128u << 20)
/* The tier-up counters of cold units live in the last pages of the
 * mapping, not executable and apart from code (writes near code would be
 * self-modifying code to the host CPU), within rip-relative reach. */
#define COUNTER_AREA_SIZE (2u << 20)
#define COUNTER_MAX (COUNTER_AREA_SIZE / sizeof(int32_t))
/* The unit hash table starts with 2^HASH_MIN_BITS buckets and grows 4x
 * whenever it holds twice as many valid units as buckets, up to
 * 2^HASH_MAX_BITS: a fixed big table has every page touched by the first
 * few hundred units (the hash spreads them), 256 KiB of startup RSS. */
#define HASH_MIN_BITS 10
#define HASH_MAX_BITS 17
#define MAX_CPUS 256

pthread_mutex_t tcg_cache_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
uint32_t tcg_cache_generation;
TcgEnterFn tcg_cache_enter;
const void *tcg_cache_epilogue;
uintptr_t tcg_cache_guest_base;
uint32_t tcg_cache_tier_runs = 2000;
static int32_t *counters;
static uint32_t nb_counters;

static uint8_t *code_buf, *code_start, *code_ptr, *code_end;
/* Lookups read the table without the lock, so a table that growth
 * replaces is kept (all of them together are smaller than the current
 * one): a reader still on it may follow a unit already moved to another
 * chain and miss what it looks for; tcg_tu_get looks again under the
 * lock, so a miss costs only that. */
typedef struct HashTable {
    struct HashTable *retired;
    uint32_t bits;
    TcgTU *slot[];
} HashTable;
static HashTable *hash;
/* Committed units in code order (for host pc -> unit). The fault handler
 * reads the list without the lock, so growth publishes a new copy and
 * keeps the old one until the next flush (when no thread runs). */
typedef struct UnitList {
    struct UnitList *retired;
    uint32_t nb, cap;
    TcgTU *unit[];
} UnitList;
static UnitList *units;
/* Valid units, unordered (invalidation scans only these). */
static TcgTU **live;
static uint32_t nb_live, cap_live;
static TcgCpu *cpus[MAX_CPUS];
static int32_t *cpu_running[MAX_CPUS];   /* the running flag of the thread that runs cpus[i] */
static uint32_t nb_cpus;
int32_t tcg_cache_exclusive_pending;

static uint32_t hash_key(const HashTable *t, uint32_t pc, uint32_t flags)
{
    return tcg_key_mix(pc, flags) >> (32 - t->bits);
}

static HashTable *hash_new(uint32_t bits, HashTable *retired)
{
    HashTable *t = calloc(1, sizeof(HashTable) + ((size_t)1 << bits) * sizeof(TcgTU *));
    if (!t)
        ferry_die("out of memory for the code cache table");
    t->bits = bits;
    t->retired = retired;
    return t;
}

/* Called with the lock held, before inserting a unit. */
static void hash_maybe_grow(void)
{
    HashTable *old = hash;
    if (old->bits >= HASH_MAX_BITS || nb_live < (2u << old->bits))
        return;
    HashTable *t = hash_new(old->bits + 2 > HASH_MAX_BITS ? HASH_MAX_BITS : old->bits + 2, old);
    for (uint32_t i = 0; i < (1u << old->bits); i++) {
        for (TcgTU *tu = old->slot[i], *next; tu; tu = next) {
            next = tu->hash_next;
            TcgTU **head = &t->slot[hash_key(t, tu->pc, tu->flags)];
            /* Readers may be walking the old table (atomic, see above). */
            __atomic_store_n(&tu->hash_next, *head, __ATOMIC_RELAXED);
            *head = tu;
        }
    }
    __atomic_store_n(&hash, t, __ATOMIC_RELEASE);
}

void tcg_cache_init(void)
{
    if (code_buf)
        return;
    code_buf = mmap(NULL, CODE_BUF_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (code_buf == MAP_FAILED)
        ferry_die("cannot map the code cache (%u MiB)", CODE_BUF_SIZE >> 20);
    hash = hash_new(HASH_MIN_BITS, NULL);
    X86Buf b = { code_buf, code_buf, code_buf + CODE_BUF_SIZE, 0 };
    x86_gen_prologue(&b, &tcg_cache_enter, &tcg_cache_epilogue);
    code_start = code_ptr = (uint8_t *)(((uintptr_t)b.ptr + 63) & ~(uintptr_t)63);
    code_end = code_buf + CODE_BUF_SIZE - COUNTER_AREA_SIZE;
    counters = (int32_t *)(void *)code_end;
    if (mprotect(counters, COUNTER_AREA_SIZE, PROT_READ | PROT_WRITE) != 0)
        ferry_die("cannot set up the tier-up counters");
}

void tcg_cache_set_limit(size_t bytes)
{
    pthread_mutex_lock(&tcg_cache_lock);
    tcg_cache_flush();
    code_end = bytes && bytes < CODE_BUF_SIZE - (size_t)(code_start - code_buf) ? code_start + bytes
                                                                              : code_buf + CODE_BUF_SIZE;
    pthread_mutex_unlock(&tcg_cache_lock);
}

static void jc_clear(TcgJmpEntry *jc)
{
    for (uint32_t i = 0; i < TCG_JMP_CACHE_SIZE; i++)
        jc[i] = (TcgJmpEntry){ 0xffffffffu, 0xffffffffu, NULL };
}

void tcg_cache_register_cpu(TcgCpu *cpu)
{
    pthread_mutex_lock(&tcg_cache_lock);
    if (nb_cpus == MAX_CPUS)
        ferry_die("too many guest threads (%d)", MAX_CPUS);
    cpu_running[nb_cpus] = NULL;
    cpus[nb_cpus++] = cpu;
    pthread_mutex_unlock(&tcg_cache_lock);
}

void tcg_cache_unregister_cpu(TcgCpu *cpu)
{
    pthread_mutex_lock(&tcg_cache_lock);
    for (uint32_t i = 0; i < nb_cpus; i++) {
        if (cpus[i] == cpu) {
            nb_cpus--;
            cpus[i] = cpus[nb_cpus];
            cpu_running[i] = cpu_running[nb_cpus];
            break;
        }
    }
    pthread_mutex_unlock(&tcg_cache_lock);
}

void tcg_cache_bind_running(TcgCpu *cpu, int32_t *running)
{
    pthread_mutex_lock(&tcg_cache_lock);
    for (uint32_t i = 0; i < nb_cpus; i++)
        if (cpus[i] == cpu)
            cpu_running[i] = running;
    pthread_mutex_unlock(&tcg_cache_lock);
}

void tcg_cache_fork_child(TcgCpu *self)
{
    int32_t *running = NULL;
    for (uint32_t i = 0; i < nb_cpus; i++)
        if (cpus[i] == self)
            running = cpu_running[i];
    nb_cpus = 0;
    cpu_running[nb_cpus] = running;
    cpus[nb_cpus++] = self;
    tcg_cache_exclusive_pending = 0;
}

/* Stop the world, with the lock held: every registered thread leaves
 * translated code and the dispatcher (its running flag drops to 0)
 * before the caller frees or rewrites code and unit metadata. A thread
 * coming into tcg_exec meanwhile sees the pending flag and waits for the
 * lock; one in translated code meets its exit_request at the next unit
 * entry. The caller's own running flag must be 0. Flushes are rare (a
 * full buffer, code unmapped), so the wait simply yields. */
static void exclusive_begin(void)
{
    __atomic_store_n(&tcg_cache_exclusive_pending, 1, __ATOMIC_SEQ_CST);
    for (uint32_t i = 0; i < nb_cpus; i++) {
        while (cpu_running[i] && __atomic_load_n(cpu_running[i], __ATOMIC_SEQ_CST)) {
            __atomic_store_n(&cpus[i]->exit_request, 1, __ATOMIC_RELAXED);
            sched_yield();
        }
    }
}

static void exclusive_end(void)
{
    __atomic_store_n(&tcg_cache_exclusive_pending, 0, __ATOMIC_SEQ_CST);
}

static void jc_clear_all(void)
{
    for (uint32_t i = 0; i < nb_cpus; i++)
        if (cpus[i]->jmp_cache)
            jc_clear(cpus[i]->jmp_cache);
}

void tcg_cache_jc_fill(TcgCpu *cpu, TcgTU *tu)
{
    TcgJmpEntry *e = &cpu->jmp_cache[tcg_jc_hash(tu->pc)];
    e->pc = tu->pc;
    e->flags = tu->flags;
    e->host_code = tu->code;
}

TcgTU *tcg_cache_lookup(uint32_t pc, uint32_t flags)
{
    const HashTable *t = __atomic_load_n(&hash, __ATOMIC_ACQUIRE);
    TcgTU *tu = __atomic_load_n(&t->slot[hash_key(t, pc, flags)], __ATOMIC_ACQUIRE);
    for (; tu; tu = __atomic_load_n(&tu->hash_next, __ATOMIC_ACQUIRE))
        if (tu->pc == pc && tu->flags == flags && __atomic_load_n(&tu->valid, __ATOMIC_RELAXED))
            return tu;
    return NULL;
}

TcgTU *tcg_cache_new_tu(const IRBlock *b)
{
    uint32_t ni = 0, ne = 0;
    for (uint32_t i = 0; i < b->nb_ops; i++) {
        ni += b->ops[i].opc == IR_insn_start;
        ne += b->ops[i].opc == IR_exit_direct;
    }
    size_t size = sizeof(TcgTU) + ne * sizeof(TcgExit) + 2 * ni * sizeof(uint32_t);
    TcgTU *tu = calloc(1, size);
    if (!tu)
        ferry_die("out of memory for a translation unit");
    tu->exits = (TcgExit *)(tu + 1);
    tu->insn_off = (uint32_t *)(tu->exits + ne);
    tu->insn_pc = tu->insn_off + ni;
    tu->pc = b->guest_pc;
    tu->flags = b->guest_flags;
    tu->guest_size = b->guest_size;
    tu->hot = b->hot;
    /* Out of counters: the unit stays cold until the next flush. */
    if (!b->hot && nb_counters < COUNTER_MAX) {
        tu->counter = &counters[nb_counters++];
        *tu->counter = (int32_t)tcg_cache_tier_runs;
    }
    return tu;
}

X86Buf tcg_cache_code_buf(void)
{
    return (X86Buf){ code_ptr, code_ptr, code_end, 0 };
}

void tcg_cache_commit(TcgTU *tu, const X86Buf *buf)
{
    tu->code = buf->start;
    tu->code_size = (uint32_t)(buf->ptr - buf->start);
    tu->valid = true;
    code_ptr = (uint8_t *)(((uintptr_t)buf->ptr + 15) & ~(uintptr_t)15);
    if (!units || units->nb == units->cap) {
        uint32_t cap = units ? units->cap * 2 : 1024;
        UnitList *l = malloc(sizeof(UnitList) + cap * sizeof(TcgTU *));
        if (!l)
            ferry_die("out of memory for the unit list");
        l->retired = units;
        l->nb = units ? units->nb : 0;
        l->cap = cap;
        if (units)
            memcpy(l->unit, units->unit, units->nb * sizeof(TcgTU *));
        __atomic_store_n(&units, l, __ATOMIC_RELEASE);
    }
    units->unit[units->nb] = tu;
    __atomic_store_n(&units->nb, units->nb + 1, __ATOMIC_RELEASE);
    if (nb_live == cap_live) {
        cap_live = cap_live ? cap_live * 2 : 1024;
        live = realloc(live, cap_live * sizeof(*live));
        if (!live)
            ferry_die("out of memory for the unit list");
    }
    tu->live_index = nb_live;
    live[nb_live++] = tu;
    hash_maybe_grow();
    TcgTU **head = &hash->slot[hash_key(hash, tu->pc, tu->flags)];
    tu->hash_next = *head;
    __atomic_store_n(head, tu, __ATOMIC_RELEASE);
}

static void tu_free(TcgTU *tu)
{
    free(tu->fsync);
    free(tu);
}

void tcg_cache_discard(TcgTU *tu) { tu_free(tu); }

void tcg_cache_flush(void)
{
    exclusive_begin();
    if (units) {
        for (uint32_t i = 0; i < units->nb; i++)
            tu_free(units->unit[i]);
        units->nb = 0;
        for (UnitList *l = units->retired, *next; l; l = next) {
            next = l->retired;
            free(l);
        }
        units->retired = NULL;
    }
    nb_live = 0;
    memset(hash->slot, 0, ((size_t)1 << hash->bits) * sizeof(TcgTU *));
    code_ptr = code_start;
    nb_counters = 0;
    tcg_first_runs_clear();
    tcg_recent_ir_clear();
    jc_clear_all();
    __atomic_store_n(&tcg_cache_generation, tcg_cache_generation + 1, __ATOMIC_RELEASE);
    exclusive_end();
}

static void unchain(TcgExit *e)
{
    x86_patch_rel32(e->owner->code + e->jmp_off, e->owner->code + e->stub_off);
    e->target = NULL;
    e->next_in = NULL;
}

void tcg_cache_chain(TcgExit *e, TcgTU *target)
{
    if (e->target || !e->owner->valid || !target->valid)
        return;
    e->target = target;
    e->next_in = target->incoming;
    target->incoming = e;
    x86_patch_rel32(e->owner->code + e->jmp_off, target->code);
}

static void tu_invalidate(TcgTU *tu)
{
    __atomic_store_n(&tu->valid, false, __ATOMIC_RELAXED);
    TcgTU *last = live[--nb_live];
    live[tu->live_index] = last;
    last->live_index = tu->live_index;
    TcgTU **p = &hash->slot[hash_key(hash, tu->pc, tu->flags)];
    while (*p && *p != tu)
        p = &(*p)->hash_next;
    if (*p)
        __atomic_store_n(p, tu->hash_next, __ATOMIC_RELEASE);
    /* Jumps into it go back to their stubs. */
    for (TcgExit *e = tu->incoming, *next; e; e = next) {
        next = e->next_in;
        unchain(e);
    }
    tu->incoming = NULL;
    /* Its own chained exits leave their targets' lists. */
    for (uint32_t i = 0; i < tu->nb_exits; i++) {
        TcgExit *e = &tu->exits[i];
        if (!e->target)
            continue;
        TcgExit **q = &e->target->incoming;
        while (*q && *q != e)
            q = &(*q)->next_in;
        if (*q)
            *q = e->next_in;
        unchain(e);
    }
}

void tcg_cache_replace(TcgTU *old, TcgTU *new_tu)
{
    for (TcgExit *e = old->incoming, *next; e; e = next) {
        next = e->next_in;
        e->target = new_tu;
        e->next_in = new_tu->incoming;
        new_tu->incoming = e;
        x86_patch_rel32(e->owner->code + e->jmp_off, new_tu->code);
    }
    old->incoming = NULL;
    tu_invalidate(old);
    /* Jump caches that hold old: only its own slot can. Other threads
     * may be reading their entries; the code pointer is one aligned
     * word, and both codes stay valid, so a CAS of that word is enough. */
    for (uint32_t i = 0; i < nb_cpus; i++) {
        TcgJmpEntry *e = cpus[i]->jmp_cache ? &cpus[i]->jmp_cache[tcg_jc_hash(old->pc)] : NULL;
        const void *expect = old->code;
        if (e && e->pc == old->pc && e->flags == old->flags)
            __atomic_compare_exchange_n(&e->host_code, &expect, new_tu->code, false, __ATOMIC_RELEASE,
                                        __ATOMIC_RELAXED);
    }
    /* With other threads about, old's code is left alone: the jmp below
     * is longer than old's first instruction, and a thread just past that
     * instruction would run the jmp's last byte. Alone, nobody can be. */
    if (nb_cpus > 1)
        return;
    /* One aligned 8-byte store, so a thread entering old sees either the
     * old first instruction or the whole jmp (units start 16-aligned). */
    uint8_t patch[8];
    memcpy(patch, old->code, 8);
    patch[0] = 0xe9;
    int32_t rel = (int32_t)(new_tu->code - (old->code + 5));
    memcpy(patch + 1, &rel, 4);
    uint64_t v;
    memcpy(&v, patch, 8);
    __atomic_store_n((uint64_t *)(void *)old->code, v, __ATOMIC_RELEASE);
}

static bool tu_in_range(const TcgTU *tu, uint32_t start, uint32_t end)
{
    uint32_t size = tu->guest_size ? tu->guest_size : 1;
    return tu->pc < end && start < (uint64_t)tu->pc + size;
}

/* Other threads may be inside the units being dropped (their code stays
 * until the next flush, so that is safe) and in their jump caches, which
 * are cleared: that needs them stopped, but only when a unit is hit
 * (munmap and mprotect of data pages are common in threaded programs). */
void tcg_cache_invalidate(uint32_t start, uint32_t end)
{
    /* Interpreted units have no code to drop, but their IR may be kept. */
    tcg_recent_ir_clear();
    uint32_t i = 0;
    while (i < nb_live && !tu_in_range(live[i], start, end))
        i++;
    if (i == nb_live)
        return;
    exclusive_begin();
    while (i < nb_live) {
        if (tu_in_range(live[i], start, end))
            tu_invalidate(live[i]);   /* moves the last unit into slot i */
        else
            i++;
    }
    jc_clear_all();
    exclusive_end();
}

bool tcg_cache_contains(const void *host_pc)
{
    const uint8_t *p = host_pc;
    return code_buf && p >= code_buf && p < code_buf + CODE_BUF_SIZE;
}

TcgTU *tcg_cache_find_host(const void *host_pc)
{
    const uint8_t *p = host_pc;
    const UnitList *l = __atomic_load_n(&units, __ATOMIC_ACQUIRE);
    if (!l)
        return NULL;
    uint32_t lo = 0, hi = __atomic_load_n(&l->nb, __ATOMIC_ACQUIRE);
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (l->unit[mid]->code <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    TcgTU *tu = l->unit[lo - 1];
    return p < tu->code + tu->code_size ? tu : NULL;
}
