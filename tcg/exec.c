/*
 * The execution engine: the dispatcher loop, translation on a cache
 * miss, chaining of direct exits, jump-cache refills, and precise guest
 * faults from host SIGSEGV/SIGBUS.
 *
 *   tcg_exec: lookup (pc, flags) -> [miss: translate -> IR -> ir_optimize
 *             -> x86_lower_tu -> commit] -> chain the exit we came from
 *             -> enter the code through the prologue -> handle the exit:
 *             unchained direct exit (chain next time round), jump-cache
 *             miss (refill), or a reason the run-time must handle.
 *
 * A unit's first runs (tcg_first_runs; none by default, the user-mode
 * run-time asks for one) are interpreted: its IR, from the front end
 * alone, runs in the IR interpreter and no code is made (interpret()).
 * Then two tiers: a unit is first translated cold (IRBlock.hot false: the
 * front end and backend skip their costly optimisations), counts its runs
 * at entry, and after tcg_cache_tier_runs exits with TCG_EXIT_TIER_UP;
 * tier_up() retranslates it hot and tcg_cache_replace() puts it in the old
 * one's place. Most code runs a few times: startup stays cheap.
 *
 * Translation takes the cache lock; running code takes none. Per-thread
 * state is the TcgCpu and the __thread fault context below.
 *
 * Threads: tcg_running is 1 while this thread is in tcg_exec and may
 * hold unit pointers (and so may not see its code flushed); it drops to
 * 0 on return and while blocked waiting for the cache lock (cache_lock),
 * since the thread that holds the lock may be waiting for this one to
 * stop. After any such wait, unit pointers taken before it are
 * revalidated against tcg_cache_generation.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>


#include "tcg/backend.h"
#include "tcg/cache.h"
#include "tcg/exec.h"
#include "tcg/first-runs.h"
#include "tcg/interp.h"
#include "tcg/opt/opt.h"
#include "tcg/perfmap.h"
#include "tcg/recent-ir.h"
#include "util/backtrace.h"
#include "util/capstone.h"
#include "util/die.h"
#include "util/log.h"

bool (*tcg_read_code)(uint32_t addr, void *dst, uint32_t size);

__thread uint64_t tcg_stat_dispatch;
static const TcgGuest *tcg_guest;
static IRBlock tcg_block;           /* under tcg_cache_lock */
static __thread TcgCpu *tcg_current_cpu;
/* See "Threads" above; the cache's entry for the CPU this thread runs
 * points at it (tcg_cache_bind_running), so a flush can wait for it. */
static __thread int32_t tcg_running;
static __thread TcgCpu *tcg_bound_cpu;
static __thread sigjmp_buf *tcg_fault_jmp;
static __thread bool tcg_altstack_done;
/* This thread's copy of a unit it interprets (the lock is not held
 * while the guest code runs). */
static __thread IRBlock tcg_interp_block;

#define ALTSTACK_SIZE (64 * 1024)

static FILE *log_out(void) { return ferry_log_file ? ferry_log_file : stderr; }

void tcg_set_guest_base(uintptr_t base)
{
    pthread_mutex_lock(&tcg_cache_lock);
    if (base != tcg_cache_guest_base) {
        tcg_cache_guest_base = base;
        /* Translated memory accesses bake in whether a base is added. */
        if (tcg_cache_enter)
            tcg_cache_flush();
    }
    pthread_mutex_unlock(&tcg_cache_lock);
}

/* ---- threads ---- */

/* Take the cache lock, from inside tcg_exec or not. */
static void cache_lock(void)
{
    if (pthread_mutex_trylock(&tcg_cache_lock) == 0)
        return;
    int32_t was_running = tcg_running;
    __atomic_store_n(&tcg_running, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&tcg_cache_lock);
    /* Nobody can be stopping the world while we hold the lock. */
    __atomic_store_n(&tcg_running, was_running, __ATOMIC_SEQ_CST);
}

/* Mark this thread running unless a flush is waiting for the world to
 * stop: then wait for it (it holds the lock) and try again. The store and
 * the load pair with exclusive_begin's (store pending, load running). */
static void exec_start(void)
{
    for (;;) {
        __atomic_store_n(&tcg_running, 1, __ATOMIC_SEQ_CST);
        if (!__atomic_load_n(&tcg_cache_exclusive_pending, __ATOMIC_SEQ_CST))
            return;
        __atomic_store_n(&tcg_running, 0, __ATOMIC_SEQ_CST);
        pthread_mutex_lock(&tcg_cache_lock);
        pthread_mutex_unlock(&tcg_cache_lock);
    }
}

/* ---- faults ---- */

static uint32_t tu_guest_pc(const TcgTU *tu, const uint8_t *host_pc)
{
    uint32_t off = (uint32_t)(host_pc - tu->code), pc = tu->pc;
    for (uint32_t i = 0; i < tu->nb_insns && tu->insn_off[i] <= off; i++)
        pc = tu->insn_pc[i];
    return pc;
}

/* Globals that were only in host registers at the faulting access go
 * back into the CPU state from the signal context; the access kind comes
 * from the map too (a cmpxchg that only read is still a write to the guest). */
static void tu_restore_globals(const TcgTU *tu, const uint8_t *host_pc, TcgCpu *cpu, const ucontext_t *uc)
{
    cpu->fault_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
    static const int greg[16] = {
        REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
        REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    };
    uint32_t off = (uint32_t)(host_pc - tu->code);
    for (uint32_t i = 0; i < tu->nb_fsync; i++) {
        const TcgFaultSync *s = &tu->fsync[i];
        if (off < s->start || off >= s->start + s->len)
            continue;
        for (uint32_t k = 0; k < s->count; k++) {
            const TcgFaultReg *r = &tu->fregs[s->first + k];
            uint32_t v = r->reg < 16 ? (uint32_t)uc->uc_mcontext.gregs[greg[r->reg]] : r->value;
            memcpy((char *)cpu + r->env_off, &v, 4);
        }
        cpu->fault_write = s->write;
        return;
    }
}

static void crash_report(int sig, siginfo_t *si, void *host_pc)
{
    fprintf(stderr, "%s: internal error: host signal %d (%s) at pc %p, address %p\n",
            ferry_progname ? ferry_progname : "ferry", sig, strsignal(sig), host_pc, si->si_addr);
    ferry_print_backtrace(stderr);
}

void tcg_handle_host_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    uint8_t *host_pc = (uint8_t *)uc->uc_mcontext.gregs[REG_RIP];
    TcgCpu *cpu = tcg_current_cpu;
    /* A guest access by the interpreter: the state is already precise. */
    const IRInterpAccess *acc = ir_interp_access;
    uintptr_t guest_off = (uintptr_t)si->si_addr - tcg_cache_guest_base;
    if (cpu && tcg_fault_jmp && acc && guest_off < (1ull << 32) + 0x10000u) {
        ir_interp_access = NULL;
        cpu->pc = acc->pc;
        cpu->flags = acc->flags;
        cpu->exit_reason = TCG_EXIT_FAULT;
        cpu->fault_addr = (uint32_t)guest_off;
        cpu->fault_write = acc->write;
        siglongjmp(*tcg_fault_jmp, 1);
    }
    if (cpu && tcg_fault_jmp && tcg_cache_contains(host_pc)) {
        TcgTU *tu = tcg_cache_find_host(host_pc);
        if (tu) {
            tu_restore_globals(tu, host_pc, cpu, uc);
            cpu->pc = tu_guest_pc(tu, host_pc);
            cpu->flags = tu->flags;
            cpu->exit_reason = TCG_EXIT_FAULT;
            cpu->fault_addr = (uint32_t)((uintptr_t)si->si_addr - tcg_cache_guest_base);
            siglongjmp(*tcg_fault_jmp, 1);
        }
    }
}

static void tcg_fault_handler(int sig, siginfo_t *si, void *ucv)
{
    tcg_handle_host_fault(sig, si, ucv);
    ucontext_t *uc = ucv;
    void *host_pc = (void *)uc->uc_mcontext.gregs[REG_RIP];
    crash_report(sig, si, host_pc);
    signal(SIGABRT, SIG_DFL);
    abort();
}

void tcg_install_fault_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = tcg_fault_handler;
    /* NODEFER: we leave by siglongjmp without restoring the mask (no
     * sigprocmask on every tcg_exec), so the signal must stay unblocked. */
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

/* Faults on a guest stack overflow must not need that stack: the handler
 * runs on a per-thread alternate stack (the run-time's, if it set one). */
static __thread void *tcg_altstack;

static void setup_altstack(void)
{
    stack_t old;
    tcg_altstack_done = true;
    if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE))
        return;
    tcg_altstack = malloc(ALTSTACK_SIZE);
    stack_t ss = { .ss_sp = tcg_altstack, .ss_size = ALTSTACK_SIZE, .ss_flags = 0 };
    if (!ss.ss_sp)
        ferry_die("out of memory for the signal stack");
    if (sigaltstack(&ss, NULL) != 0)
        ferry_die("sigaltstack failed");
}

/* ---- setup ---- */

void tcg_init(const TcgGuest *guest)
{
    tcg_guest = guest;
    tcg_cache_init();
    ir_block_init(&tcg_block, guest->globals, guest->nb_globals);
    tcg_install_fault_handlers();
}

void tcg_cpu_init(TcgCpu *cpu)
{
    cpu->jmp_cache = malloc(TCG_JMP_CACHE_SIZE * sizeof(TcgJmpEntry));
    if (!cpu->jmp_cache)
        ferry_die("out of memory for the jump cache");
    for (uint32_t i = 0; i < TCG_JMP_CACHE_SIZE; i++)
        cpu->jmp_cache[i] = (TcgJmpEntry){ 0xffffffffu, 0xffffffffu, NULL };
    cpu->backend = NULL;
    tcg_cache_register_cpu(cpu);
}

void tcg_fork_prepare(void) { pthread_mutex_lock(&tcg_cache_lock); }
void tcg_fork_parent(void) { pthread_mutex_unlock(&tcg_cache_lock); }

void tcg_fork_child(TcgCpu *self)
{
    /* The lock's owner was the parent's thread: make it afresh. */
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&tcg_cache_lock, &attr);
    pthread_mutexattr_destroy(&attr);
    tcg_cache_fork_child(self);
}

void tcg_cpu_release(TcgCpu *cpu)
{
    tcg_cache_unregister_cpu(cpu);
    free(cpu->jmp_cache);
    cpu->jmp_cache = NULL;
    /* The signal stack is the calling thread's: only if it ran cpu (a
     * creator dropping a thread that never started keeps its own). */
    if (tcg_bound_cpu != cpu)
        return;
    tcg_bound_cpu = NULL;
    ir_block_free(&tcg_interp_block);
    if (tcg_altstack) {
        stack_t off = { .ss_flags = SS_DISABLE };
        sigaltstack(&off, NULL);
        free(tcg_altstack);
        tcg_altstack = NULL;
    }
    tcg_altstack_done = false;
}

/* Whole 4 KiB pages: a front end may have looked at code elsewhere in a
 * unit's page (the ARM dead-flags lookahead reads the targets of its
 * exits), so a change anywhere in the page drops the unit. */
#define TCG_INVALIDATE_PAGE 0x1000u

void tcg_invalidate(uint32_t start, uint32_t end)
{
    start &= ~(TCG_INVALIDATE_PAGE - 1);
    end = end > ~(TCG_INVALIDATE_PAGE - 1) ? 0xffffffffu : (end + TCG_INVALIDATE_PAGE - 1) & ~(TCG_INVALIDATE_PAGE - 1);
    /* Called from a helper inside tcg_exec, this thread must not count
     * as running while it stops the others. */
    int32_t was_running = tcg_running;
    __atomic_store_n(&tcg_running, 0, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&tcg_cache_lock);
    tcg_cache_invalidate(start, end);
    pthread_mutex_unlock(&tcg_cache_lock);
    if (was_running)
        exec_start();
}

/* ---- translation ---- */

static void log_out_asm(const TcgTU *tu)
{
    const char *why = "";
    const FerryCapstone *lib = ferry_capstone(&why);
    csh cs;
    if (!lib || lib->open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fprintf(log_out(), "OUT: [guest 0x%08x] (no disassembler: %s)\n", tu->pc, lib ? "capstone cannot open x86-64" : why);
        return;
    }
    cs_insn *insn;
    size_t n = lib->disasm(cs, tu->code, tu->code_size, (uint64_t)(uintptr_t)tu->code, 0, &insn);
    FILE *f = log_out();
    fprintf(f, "OUT: [guest 0x%08x flags 0x%x] %u bytes at %p\n", tu->pc, tu->flags, tu->code_size, (void *)tu->code);
    uint32_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t off = (uint32_t)(insn[i].address - (uintptr_t)tu->code);
        while (k < tu->nb_insns && tu->insn_off[k] <= off)
            fprintf(f, "  -- guest 0x%08x\n", tu->insn_pc[k++]);
        fprintf(f, "  0x%04x: %s %s\n", off, insn[i].mnemonic, insn[i].op_str);
    }
    fprintf(f, "\n");
    if (n)
        lib->free(insn, n);
    lib->close(&cs);
}

void tcg_set_tier_threshold(uint32_t n)
{
    pthread_mutex_lock(&tcg_cache_lock);
    tcg_cache_tier_runs = n;
    pthread_mutex_unlock(&tcg_cache_lock);
}

/* The front end, into tcg_block; called with the lock held. False if
 * the guest code cannot be read. */
static bool front_end(TcgCpu *cpu, uint32_t pc, uint32_t flags, bool hot)
{
    IRBlock *b = &tcg_block;
    ir_block_reset(b, pc, flags);
    b->hot = hot;
    if (!tcg_guest->translate(cpu, pc, flags, b))
        return false;
    if (ferry_log_enabled(FERRY_LOG_in_asm) && tcg_guest->disas)
        tcg_guest->disas(log_out(), pc, flags, b->guest_size);
    if (ferry_log_enabled(FERRY_LOG_op)) {
        fprintf(log_out(), "OP: [guest 0x%08x flags 0x%x]\n", pc, flags);
        ir_print(log_out(), b);
    }
    return true;
}

/* Called with the lock held. NULL if the guest code cannot be read. */
static TcgTU *translate(TcgCpu *cpu, uint32_t pc, uint32_t flags, bool hot)
{
    IRBlock *b = &tcg_block;
    hot = hot || tcg_cache_tier_runs == 0;
    /* A cold unit interpreted a moment ago: its IR may still be kept. */
    if ((hot || !tcg_recent_ir_take(pc, flags, b)) && !front_end(cpu, pc, flags, hot))
        return NULL;
    ir_optimize(b);
    if (ferry_log_enabled(FERRY_LOG_op_opt)) {
        fprintf(log_out(), "OP after optimization: [guest 0x%08x flags 0x%x]\n", pc, flags);
        ir_print(log_out(), b);
    }
    TcgTU *tu = tcg_cache_new_tu(b);
    for (int attempt = 0;; attempt++) {
        X86Buf buf = tcg_cache_code_buf();
        if (x86_lower_tu(b, &buf, tu)) {
            tcg_cache_commit(tu, &buf);
            break;
        }
        if (attempt == 1)
            ferry_die("translation unit at 0x%08x is too large to lower", pc);
        /* Other threads stop; this one holds the lock, so it need not
         * wait when it marks itself running again. */
        int32_t was_running = tcg_running;
        __atomic_store_n(&tcg_running, 0, __ATOMIC_SEQ_CST);
        tcg_cache_flush();
        __atomic_store_n(&tcg_running, was_running, __ATOMIC_SEQ_CST);
    }
    if (ferry_log_enabled(FERRY_LOG_out_asm))
        log_out_asm(tu);
    tcg_perfmap_add(tu->code, tu->code_size, pc, flags, b->hot);
    return tu;
}

TcgTU *tcg_tu_get(TcgCpu *cpu, uint32_t pc, uint32_t flags)
{
    TcgTU *tu = tcg_cache_lookup(pc, flags);
    if (tu)
        return tu;
    cache_lock();
    tu = tcg_cache_lookup(pc, flags);
    if (!tu)
        tu = translate(cpu, pc, flags, false);
    pthread_mutex_unlock(&tcg_cache_lock);
    return tu;
}

/* The cold unit at (cpu->pc, cpu->flags) asked to be made hot. */
static void tier_up(TcgCpu *cpu)
{
    cache_lock();
    TcgTU *old = tcg_cache_lookup(cpu->pc, cpu->flags);
    if (old && !old->hot) {
        uint32_t gen = tcg_cache_generation;
        TcgTU *tu = translate(cpu, cpu->pc, cpu->flags, true);
        /* A flush while translating took old with it. */
        if (tu && gen == tcg_cache_generation)
            tcg_cache_replace(old, tu);
        else if (!tu && old->counter)
            *old->counter = INT32_MAX;
    }
    pthread_mutex_unlock(&tcg_cache_lock);
}

/* The dispatcher is about to run the unit at (cpu->pc, cpu->flags),
 * compiled or interpreted: count it, and log it for -d exec and -d cpu
 * (units reached through a chained exit or the jump cache run without
 * the dispatcher, as in qemu). */
static void dispatch_note(const TcgCpu *cpu, bool interpreted)
{
    tcg_stat_dispatch++;
    if (ferry_log_enabled(FERRY_LOG_exec))
        ferry_log(FERRY_LOG_exec, "exec: 0x%08x flags 0x%x%s\n", cpu->pc, cpu->flags,
                  interpreted ? " (interpreted)" : "");
    if (ferry_log_enabled(FERRY_LOG_cpu) && tcg_guest->dump)
        tcg_guest->dump(log_out(), cpu);
}

/* The guest code at cpu->pc cannot be read: a fault there. */
static uint32_t code_fault(TcgCpu *cpu)
{
    cpu->fault_addr = cpu->pc;
    cpu->fault_write = 0;
    cpu->exit_reason = TCG_EXIT_FAULT;
    return TCG_EXIT_FAULT;
}

/* Should this run of the unit at (cpu->pc, cpu->flags), which has no
 * code yet, be interpreted (tcg/first-runs.h)? Not when every unit is
 * hot at once (-tier 0 tests the hot tier on every run). Lock held. */
static bool interpret_first(TcgCpu *cpu)
{
    return tcg_cache_tier_runs != 0 && tcg_first_runs_take(cpu->pc, cpu->flags);
}

/* Runs the unit at (cpu->pc, cpu->flags) once in the IR interpreter, as
 * the front end builds it (no passes: they would cost more than they
 * save on one run). Called with the lock held; releases it before the
 * guest code runs. Returns what the unit's code would have returned. */
static uintptr_t interpret(TcgCpu *cpu)
{
    bool ok = front_end(cpu, cpu->pc, cpu->flags, false);
    if (ok) {
        ir_block_copy(&tcg_interp_block, &tcg_block);
        tcg_recent_ir_put(&tcg_block);
    }
    pthread_mutex_unlock(&tcg_cache_lock);
    if (!ok)
        return code_fault(cpu);
    dispatch_note(cpu, true);
    return ir_interp_run(&tcg_interp_block, cpu, tcg_cache_guest_base);
}

/* ---- the loop ---- */

uint32_t tcg_exec(TcgCpu *cpu)
{
    sigjmp_buf jb;
    sigjmp_buf *volatile prev = tcg_fault_jmp;
    TcgCpu *volatile prev_cpu = tcg_current_cpu;
    volatile uint32_t reason;
    if (!tcg_altstack_done)
        setup_altstack();
    if (sigsetjmp(jb, 0)) {
        /* A guest memory fault in translated code: the handler set pc,
         * fault_addr and exit_reason. */
        reason = TCG_EXIT_FAULT;
        goto out;
    }
    tcg_fault_jmp = &jb;
    tcg_current_cpu = cpu;
    if (tcg_bound_cpu != cpu) {
        tcg_cache_bind_running(cpu, &tcg_running);
        tcg_bound_cpu = cpu;
    }
    exec_start();

    TcgExit *from = NULL;
    uint32_t from_gen = 0;
    bool refill = false;
    for (;;) {
        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED)) {
            reason = TCG_EXIT_REQUEST;
            break;
        }
        /* Stable while this thread runs: only it could flush now. */
        uint32_t gen = tcg_cache_generation;
        TcgTU *tu = tcg_cache_lookup(cpu->pc, cpu->flags);
        uintptr_t r;
        if (!tu || from) {
            cache_lock();
            /* cache_lock may have waited through a flush. */
            if (!tu || gen != tcg_cache_generation) {
                tu = tcg_cache_lookup(cpu->pc, cpu->flags);
                if (!tu && interpret_first(cpu)) {
                    from = NULL;
                    refill = false;
                    r = interpret(cpu);
                    goto ran;
                }
                if (!tu)
                    tu = translate(cpu, cpu->pc, cpu->flags, false);
            }
            if (tu && from && from_gen == tcg_cache_generation)
                tcg_cache_chain(from, tu);
            pthread_mutex_unlock(&tcg_cache_lock);
            from = NULL;
        }
        if (!tu) {
            reason = code_fault(cpu);
            break;
        }
        if (refill) {
            tcg_cache_jc_fill(cpu, tu);
            refill = false;
        }
        dispatch_note(cpu, false);
        r = tcg_cache_enter(cpu, tu->code, tcg_cache_guest_base);
    ran:
        if (r >= 4096) {
            from = (TcgExit *)r;
            from_gen = tcg_cache_generation;
        } else if (r == TCG_EXIT_NONE) {
            refill = true;
        } else if (r == TCG_EXIT_TIER_UP) {
            tier_up(cpu);
            refill = true;
        } else {
            reason = (uint32_t)r;
            break;
        }
    }
out:
    __atomic_store_n(&tcg_running, prev_cpu != NULL, __ATOMIC_RELEASE);
    if (reason == TCG_EXIT_REQUEST)
        __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_RELAXED);
    tcg_fault_jmp = prev;
    tcg_current_cpu = prev_cpu;
    return reason;
}
