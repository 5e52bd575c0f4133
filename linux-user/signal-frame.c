/*
 * The guest's signal frames, laid out as the ARM EABI kernel lays them out
 * (arch/arm/kernel/signal.c), so that glibc, unwinders and debuggers that
 * look into them find what they expect:
 *
 *   sigframe    (handler without SA_SIGINFO)  { ucontext uc; u32 retcode[4]; }
 *   rt_sigframe (SA_SIGINFO)                  { siginfo info; sigframe sig; }
 *
 * ucontext: uc_flags, uc_link, uc_stack, uc_mcontext (struct sigcontext:
 * trap_no, error_code, oldmask, r0..r10, fp, ip, sp, lr, pc, cpsr,
 * fault_address), uc_sigmask, padding to 232, then uc_regspace whose first
 * block is the VFP one (VFP_MAGIC, size 288, d0-d31, fpscr, fpexc...)
 * followed by a zero end marker. The frame is 8-aligned below the
 * interrupted sp (or at the top of the alternate stack). The handler
 * returns through sa_restorer, or the kernel's sigreturn code in the kuser
 * page (lu_sigreturn_base; also written to retcode[] like the kernel).
 *
 * Also the siginfo conversion between the host's 64-bit layout and the
 * guest's 32-bit one, by the kernel's layout classes (kill, timer, rt,
 * child, fault, poll, sys).
 */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/signal.h"
#include "linux-user/user.h"

#define CPSR_T (1u << 5)
#define CPSR_GE_SHIFT 16
#define ARM_FPSCR_MASK 0xfff7009fu
#define VFP_MAGIC 0x56465001u
#define UC_FLAGS_SIGFRAME 0x5ac3c35au   /* the kernel's mark for a non-RT frame */

typedef struct arm_sigcontext {
    uint32_t trap_no, error_code, oldmask;
    uint32_t regs[16];        /* arm_r0..arm_r10, fp, ip, sp, lr, pc */
    uint32_t cpsr, fault_address;
} arm_sigcontext;
ARM_ABI_CHECK(arm_sigcontext, 84);

typedef struct arm_ucontext {
    uint32_t flags, link;
    arm_stack stack;
    arm_sigcontext mcontext;
    uint32_t sigmask[2];
    uint32_t unused[30];
    uint32_t regspace[128] __attribute__((aligned(8)));
} arm_ucontext;
ARM_ABI_CHECK(arm_ucontext, 744);
ARM_ABI_AT(arm_ucontext, mcontext, 20);
ARM_ABI_AT(arm_ucontext, sigmask, 104);
ARM_ABI_AT(arm_ucontext, regspace, 232);

/* struct vfp_sigframe: magic, size, struct user_vfp (d0-d31, fpscr, padded
 * to 8), struct user_vfp_exc (fpexc, fpinst, fpinst2). */
typedef struct arm_vfp_sigframe {
    uint32_t magic, size;
    uint64_t fpregs[32];
    uint32_t fpscr, pad0;
    uint32_t fpexc, fpinst, fpinst2, pad1;
} arm_vfp_sigframe;
ARM_ABI_CHECK(arm_vfp_sigframe, 288);
ARM_ABI_AT(arm_vfp_sigframe, fpscr, 264);
ARM_ABI_AT(arm_vfp_sigframe, fpexc, 272);

typedef struct arm_sigframe {
    arm_ucontext uc;
    uint32_t retcode[4];
} arm_sigframe;
ARM_ABI_CHECK(arm_sigframe, 760);

typedef struct arm_rt_sigframe {
    arm_siginfo info;
    arm_sigframe sig;
} arm_rt_sigframe;
ARM_ABI_CHECK(arm_rt_sigframe, 888);
ARM_ABI_AT(arm_rt_sigframe, sig, 128);

/* The kernel's sigreturn_codes[]: ARM sigreturn (2 words), Thumb sigreturn
 * (1 word), ARM rt_sigreturn (2), Thumb rt_sigreturn (1). A handler at
 * address H returns to base + 4 * idx (+1 for Thumb), idx = 2 * thumb
 * (+3 for SA_SIGINFO). loader/kuser.c puts the same words in the page. */
const uint32_t lu_sigreturn_codes[6] = {
    0xe3a07077, /* mov r7, #119 (sigreturn) */
    0xef900077, /* swi 0x900077 */
    0xdf002777, /* movs r7, #119; svc 0 */
    0xe3a070ad, /* mov r7, #173 (rt_sigreturn) */
    0xef9000ad, /* swi 0x9000ad */
    0xdf0027ad, /* movs r7, #173; svc 0 */
};

uint32_t lu_sigreturn_base;

static bool on_altstack(const LuSigThread *t, uint32_t sp)
{
    (void)t;
    return lu_sigaltstack_on(sp);
}

/* uc_stack as the kernel's __save_altstack writes it. */
static arm_stack saved_altstack(const LuSigThread *t, uint32_t sp)
{
    arm_stack s = t->altstack;
    uint32_t autodisarm = (uint32_t)s.ss_flags & LU_SS_AUTODISARM;
    if (!s.ss_size)
        s.ss_flags = LU_SS_DISABLE;
    else
        s.ss_flags = (on_altstack(t, sp) ? LU_SS_ONSTACK : 0) | (int32_t)autodisarm;
    return s;
}

static void save_vfp(const ArmCpu *cpu, uint32_t *regspace)
{
    arm_vfp_sigframe v;
    memset(&v, 0, sizeof v);
    v.magic = VFP_MAGIC;
    v.size = sizeof v;
    memcpy(v.fpregs, cpu->vfp_d, sizeof v.fpregs);
    v.fpscr = cpu->fpscr;
    v.fpexc = cpu->fpexc;
    memcpy(regspace, &v, sizeof v);
    regspace[sizeof v / 4] = 0;   /* end_magic */
}

static void fill_sigcontext(arm_sigcontext *sc, const ArmCpu *cpu, const LuSigThread *t, uint64_t mask)
{
    sc->trap_no = t->trap_no;
    sc->error_code = t->error_code;
    sc->fault_address = t->fault_address;
    sc->oldmask = (uint32_t)mask;
    memcpy(sc->regs, cpu->regs, 15 * 4);
    sc->regs[15] = cpu->common.pc;
    sc->cpsr = arm_cpsr_read(cpu);
}

bool lu_sigframe_setup(ArmCpu *cpu, int sig, const arm_siginfo *info, const LuSigAction *act,
                       uint64_t saved_mask)
{
    LuSigThread *t = lu_signal_thread();
    bool rt = act->flags & LU_SA_SIGINFO;
    uint32_t sp = cpu->regs[13];
    bool switch_stack = (act->flags & LU_SA_ONSTACK) && t->altstack.ss_size && !on_altstack(t, sp);
    if (switch_stack)
        sp = t->altstack.ss_sp + t->altstack.ss_size;
    uint32_t size = rt ? sizeof(arm_rt_sigframe) : sizeof(arm_sigframe);
    uint32_t frame = (sp - size) & ~7u;
    if (frame > sp || !lu_access_ok(frame, size, PROT_READ | PROT_WRITE))
        return false;

    arm_rt_sigframe f;
    memset(&f, 0, sizeof f);
    arm_sigframe *sf = &f.sig;
    if (rt) {
        f.info = *info;
        sf->uc.stack = saved_altstack(t, cpu->regs[13]);
    } else {
        sf->uc.flags = UC_FLAGS_SIGFRAME;
    }
    fill_sigcontext(&sf->uc.mcontext, cpu, t, saved_mask);
    sf->uc.sigmask[0] = (uint32_t)saved_mask;
    sf->uc.sigmask[1] = (uint32_t)(saved_mask >> 32);
    save_vfp(cpu, sf->uc.regspace);

    uint32_t handler = act->handler;
    bool thumb = handler & 1;
    unsigned idx = (thumb ? 2 : 0) + (rt ? 3 : 0);
    sf->retcode[0] = lu_sigreturn_codes[idx];
    sf->retcode[1] = lu_sigreturn_codes[idx + 1];
    uint32_t sf_addr = frame + (rt ? offsetof(arm_rt_sigframe, sig) : 0);
    uint32_t lr;
    if (act->flags & LU_SA_RESTORER)
        lr = act->restorer;
    else if (lu_sigreturn_base)
        lr = lu_sigreturn_base + 4 * idx + thumb;
    else
        lr = sf_addr + offsetof(arm_sigframe, retcode) + thumb;

    if (rt)
        memcpy(g2h(frame), &f, sizeof f);
    else
        memcpy(g2h(frame), sf, sizeof *sf);
    if (switch_stack && ((uint32_t)t->altstack.ss_flags & LU_SS_AUTODISARM))
        t->altstack = (arm_stack){ 0, LU_SS_DISABLE, 0 };

    cpu->regs[0] = (uint32_t)sig;
    if (rt) {
        cpu->regs[1] = frame;
        cpu->regs[2] = sf_addr + offsetof(arm_sigframe, uc);
    }
    cpu->regs[13] = frame;
    cpu->regs[14] = lr;
    cpu->common.pc = handler & ~1u;
    /* The kernel clears NZCVQ and the IT state, sets T from the handler's
     * bit 0 and keeps GE. */
    cpu->common.flags = thumb ? ARM_FLAG_THUMB : 0;
    arm_cpsr_write_nzcvq(cpu, 0);
    cpu->excl_addr = ~0u;
    return true;
}

static bool restore_vfp(ArmCpu *cpu, const uint32_t *regspace)
{
    arm_vfp_sigframe v;
    memcpy(&v, regspace, sizeof v);
    if (v.magic != VFP_MAGIC || v.size != sizeof v)
        return false;
    memcpy(cpu->vfp_d, v.fpregs, sizeof v.fpregs);
    cpu->fpscr = v.fpscr & ARM_FPSCR_MASK;
    return true;
}

bool lu_sigframe_restore(ArmCpu *cpu, bool rt)
{
    uint32_t frame = cpu->regs[13];
    uint32_t uc_addr = frame + (rt ? offsetof(arm_rt_sigframe, sig) : 0);
    arm_ucontext uc;
    if ((frame & 7) || !lu_access_ok(uc_addr, sizeof uc, PROT_READ))
        goto bad;
    memcpy(&uc, g2h(uc_addr), sizeof uc);
    if (!restore_vfp(cpu, uc.regspace))
        goto bad;
    const arm_sigcontext *sc = &uc.mcontext;
    memcpy(cpu->regs, sc->regs, 15 * 4);
    uint32_t cpsr = sc->cpsr;
    arm_cpsr_write_nzcvq(cpu, cpsr);
    cpu->GE = (cpsr >> CPSR_GE_SHIFT) & 0xf;
    uint32_t it = ((cpsr >> 25) & 3) | ((cpsr >> 10) & 0x3f) << 2;
    bool thumb = cpsr & CPSR_T;
    cpu->common.flags = (thumb ? ARM_FLAG_THUMB : 0) | (thumb ? it << ARM_FLAG_IT_SHIFT : 0);
    cpu->common.pc = sc->regs[15] & (thumb ? ~1u : ~3u);
    cpu->excl_addr = ~0u;
    lu_signal_set_blocked((uint64_t)uc.sigmask[1] << 32 | uc.sigmask[0]);
    if (rt)
        lu_sigaltstack_set(&uc.stack, frame);   /* errors other than a fault are ignored */
    return true;
bad:
    lu_signal_force(cpu, SIGSEGV, 0x80 /* SI_KERNEL */, 0);
    return false;
}

/* ---- siginfo ---- */

enum { SIL_KILL, SIL_TIMER, SIL_RT, SIL_CHLD, SIL_FAULT, SIL_POLL, SIL_SYS };

static int siginfo_layout(int sig, int code)
{
    if (code > 0 && code != 0x80 /* SI_KERNEL */) {
        switch (sig) {
        case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
            return SIL_FAULT;
        case SIGCHLD:
            return SIL_CHLD;
        case SIGIO:
            return SIL_POLL;
        case SIGSYS:
            return SIL_SYS;
        }
        return SIL_KILL;
    }
    if (code == SI_TIMER)
        return SIL_TIMER;
    if (code == SI_SIGIO)
        return SIL_POLL;
    return code < 0 ? SIL_RT : SIL_KILL;
}

/* The guest's 32-bit union at offset 12, as words. */
#define G(i) w[3 + (i)]

void lu_siginfo_from_host(arm_siginfo *out, const void *host_siginfo)
{
    const siginfo_t *si = host_siginfo;
    uint32_t w[32];
    memset(w, 0, sizeof w);
    w[0] = (uint32_t)si->si_signo;
    w[1] = (uint32_t)si->si_errno;
    w[2] = (uint32_t)si->si_code;
    switch (siginfo_layout(si->si_signo, si->si_code)) {
    case SIL_KILL:
        G(0) = (uint32_t)si->si_pid, G(1) = si->si_uid;
        break;
    case SIL_RT:
        G(0) = (uint32_t)si->si_pid, G(1) = si->si_uid, G(2) = (uint32_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_TIMER:
        G(0) = (uint32_t)si->si_timerid, G(1) = (uint32_t)si->si_overrun;
        G(2) = (uint32_t)(uintptr_t)si->si_value.sival_ptr;
        break;
    case SIL_CHLD:
        G(0) = (uint32_t)si->si_pid, G(1) = si->si_uid, G(2) = (uint32_t)si->si_status;
        G(3) = (uint32_t)si->si_utime, G(4) = (uint32_t)si->si_stime;
        break;
    case SIL_FAULT:
        /* A host address: the guest's if it is in the guest space. */
        G(0) = (uint32_t)((uintptr_t)si->si_addr - guest_base);
        break;
    case SIL_POLL:
        G(0) = (uint32_t)si->si_band, G(1) = (uint32_t)si->si_fd;
        break;
    case SIL_SYS:
        G(0) = (uint32_t)(uintptr_t)si->si_call_addr, G(1) = (uint32_t)si->si_syscall, G(2) = si->si_arch;
        break;
    }
    memcpy(out, w, sizeof w);
}

void lu_siginfo_to_host(void *host_siginfo, const arm_siginfo *in)
{
    siginfo_t *si = host_siginfo;
    uint32_t w[32];
    memcpy(w, in, sizeof w);
    memset(si, 0, sizeof *si);
    si->si_signo = (int)w[0];
    si->si_errno = (int)w[1];
    si->si_code = (int)w[2];
    switch (siginfo_layout((int)w[0], (int)w[2])) {
    case SIL_TIMER:
        si->si_timerid = (int)G(0), si->si_overrun = (int)G(1), si->si_value.sival_ptr = (void *)(uintptr_t)G(2);
        break;
    case SIL_CHLD:
        si->si_pid = (pid_t)G(0), si->si_uid = G(1), si->si_status = (int)G(2);
        si->si_utime = (int32_t)G(3), si->si_stime = (int32_t)G(4);
        break;
    case SIL_FAULT:
        si->si_addr = g2h(G(0));
        break;
    case SIL_POLL:
        si->si_band = (int32_t)G(0), si->si_fd = (int)G(1);
        break;
    default:   /* kill, rt, sys: pid, uid, value */
        si->si_pid = (pid_t)G(0), si->si_uid = G(1), si->si_value.sival_ptr = (void *)(uintptr_t)G(2);
        break;
    }
}
