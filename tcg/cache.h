/*
 * The code cache: one lazily-committed executable buffer, a hash table
 * from (guest pc, guest flags) to translation units, direct-jump chaining
 * and invalidation. Translation units are laid out in the buffer in the
 * order they were made, so a host pc maps back to its unit by binary
 * search (precise faults). The buffer is never compacted: when it fills,
 * everything is flushed.
 *
 * Lookups are lock-free reads of the hash chains; every change (insert,
 * chain, invalidate, flush) happens under tcg_cache_lock. Chain patches
 * and tier-up entry patches are single aligned atomic stores, so other
 * threads may run the code meanwhile; a flush (and an invalidation that
 * hits units, which clears every thread's jump cache) first stops every
 * other thread outside the cache (exclusive_begin in cache.c).
 */
#ifndef FERRY_TCG_CACHE_H
#define FERRY_TCG_CACHE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/exec.h"
#include "tcg/ir.h"
#include "tcg/x86_64/emit.h"

typedef struct TcgTU TcgTU;

/* One exit_direct of a unit: a patchable jmp rel32 that goes to its stub
 * (store pc/flags, return to the dispatcher) or, chained, to the target. */
typedef struct TcgExit {
    TcgTU *owner;
    TcgTU *target;           /* chained to, or NULL */
    struct TcgExit *next_in; /* next exit chained into the same target */
    uint32_t jmp_off;        /* offset of the jmp's rel32 in owner->code */
    uint32_t stub_off;       /* where the unchained jmp goes */
    uint32_t pc, flags;      /* the guest target */
} TcgExit;

/* Guest state at each memory access that may fault: globals whose current
 * value is in a host register (not yet in the CPU state) at host offsets
 * [start, end), and the kind of access. The fault handler copies them from the signal context, so
 * translated code never stores globals just because an access might fault. */
typedef struct TcgFaultReg {
    uint16_t env_off;        /* the global's byte offset in the CPU state */
    uint8_t reg;             /* host register number, or 16: the value below */
    uint32_t value;
} TcgFaultReg;

/* Start-up translates hundreds of units, each with a map entry per
 * memory access: the entries are small, and consecutive accesses with
 * the same globals in the same registers share their TcgFaultReg list. */
typedef struct TcgFaultSync {
    uint32_t start;          /* host code offset of the access */
    uint32_t first;          /* its TcgFaultReg entries: first, count */
    uint8_t len;             /* the access covers [start, start + len) */
    uint8_t count;
    uint8_t write;           /* a store or cmpxchg (whatever the host reports) */
} TcgFaultSync;

struct TcgTU {
    uint32_t pc, flags, guest_size;
    bool valid;
    uint8_t *code;
    uint32_t code_size;
    uint32_t nb_insns;       /* host offset -> guest pc map, offsets ascending */
    uint32_t *insn_off;
    uint32_t *insn_pc;
    uint32_t nb_exits;
    TcgExit *exits;
    TcgExit *incoming;       /* exits of other units chained to this one */
    uint32_t nb_fsync;       /* ascending start offsets */
    TcgFaultSync *fsync;
    TcgFaultReg *fregs;      /* one allocation with fsync */
    TcgTU *hash_next;
    uint32_t live_index;     /* position in the list of valid units */
    bool hot;                /* translated with the full (expensive) settings */
    int32_t *counter;        /* cold units: runs left before tier-up (in the
                              * counter area, rip-reachable); NULL: no count */
};

/* A unit key (pc, flags) mixed into 32 bits; tables keyed by units take
 * its top bits. */
static inline uint32_t tcg_key_mix(uint32_t pc, uint32_t flags)
{
    return (pc >> 1) * 0x9e3779b1u ^ flags * 0x85ebca6bu;
}

/* The jump cache index for a guest pc (also computed inline by the code
 * exit_indirect lowers to: keep both in step). */
static inline uint32_t tcg_jc_hash(uint32_t pc)
{
    /* Folding in the bits above the index keeps code 8 KiB apart (a
     * caller and its callee in different pages) from sharing an entry. */
    return (((pc >> 12) ^ pc) >> 1) & (TCG_JMP_CACHE_SIZE - 1);
}

extern pthread_mutex_t tcg_cache_lock;
/* Bumped by every flush: exits returned before it are stale. */
extern uint32_t tcg_cache_generation;

typedef uintptr_t (*TcgEnterFn)(TcgCpu *cpu, const void *code, uintptr_t guest_base);
extern TcgEnterFn tcg_cache_enter;       /* the prologue */
extern const void *tcg_cache_epilogue;  /* returns rax to tcg_cache_enter's caller */
extern uintptr_t tcg_cache_guest_base;

/* Dispatcher iterations on this thread (tests check that chained and
 * jump-cache exits stay out of the dispatcher). */
extern __thread uint64_t tcg_stat_dispatch;

void tcg_cache_init(void);
void tcg_cache_register_cpu(TcgCpu *cpu);
void tcg_cache_unregister_cpu(TcgCpu *cpu);
/* The thread that runs cpu says where its running flag is: nonzero while
 * it is inside tcg_exec and not blocked (see exec.c, "Threads"). */
void tcg_cache_bind_running(TcgCpu *cpu, int32_t *running);
/* After fork, in the child: self is the only CPU left. */
void tcg_cache_fork_child(TcgCpu *self);
/* Set while a flush or invalidation waits for the other threads to stop:
 * a thread entering tcg_exec then waits for the lock (exec.c). */
extern int32_t tcg_cache_exclusive_pending;
TcgTU *tcg_cache_lookup(uint32_t pc, uint32_t flags);
/* Metadata for the unit b will become (insn map and exits sized from b). */
TcgTU *tcg_cache_new_tu(const IRBlock *b);
/* The free part of the code buffer, for the lowering to write into. */
X86Buf tcg_cache_code_buf(void);
/* The unit's code is at buf.start .. buf.ptr: publish it. */
void tcg_cache_commit(TcgTU *tu, const X86Buf *buf);
void tcg_cache_discard(TcgTU *tu);
/* Runs of a new cold unit before it asks to be retranslated hot. */
extern uint32_t tcg_cache_tier_runs;
/* new (committed) takes old's place: old's predecessors are chained to
 * new, jump-cache entries of old point to new, old's entry jumps to new
 * when no other thread exists (see cache.c), and old is dropped from the
 * lookup. Its code stays until the next flush. */
void tcg_cache_replace(TcgTU *old, TcgTU *new_tu);
/* Drops every unit. Stops the world first (the caller holds the lock and
 * is not running: see tcg_cache_bind_running). */
void tcg_cache_flush(void);
/* Use at most bytes of the code buffer (tests: force flushes). 0 = all. */
void tcg_cache_set_limit(size_t bytes);
void tcg_cache_chain(TcgExit *e, TcgTU *target);
/* The unit whose code contains host_pc (valid or not), or NULL. */
TcgTU *tcg_cache_find_host(const void *host_pc);
bool tcg_cache_contains(const void *host_pc);
/* Drops the units in [start, end); stops the world if there are any
 * (same conditions as tcg_cache_flush). */
void tcg_cache_invalidate(uint32_t start, uint32_t end);
/* Fill cpu's jump-cache entry for tu. */
void tcg_cache_jc_fill(TcgCpu *cpu, TcgTU *tu);

#endif
