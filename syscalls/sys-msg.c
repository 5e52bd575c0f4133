/*
 * sendmsg and recvmsg: struct msghdr holds pointers and sizes (28 bytes
 * on ARM, 56 on x86-64), its iovec array is converted like readv's, and
 * the control messages are re-laid: an ARM cmsghdr is 12 bytes with data
 * aligned to 4, the host's 16 bytes aligned to 8. Payloads are copied as
 * bytes (SCM_RIGHTS' ints, SCM_CREDENTIALS' ucred, IP_PKTINFO...), except
 * the old timestamps, whose timeval/timespec are narrowed to 32 bits.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"

#define ARM_CMSG_HDR 12u
#define ARM_CMSG_ALIGN(n) (((n) + 3u) & ~3u)
#define SYS_MSG_IOV_MAX 1024
#define SYS_MSG_CONTROL_MAX 65536u
#define ARM_SO_TIMESTAMP_OLD 29
#define ARM_SO_TIMESTAMPNS_OLD 35

typedef struct HostMsg {
    struct msghdr msg;
    struct iovec iov[SYS_MSG_IOV_MAX];
    arm_msghdr guest;
} HostMsg;

/* Reads the guest msghdr at addr and builds the host one (name and iovec
 * pointing into guest memory; control buffer allocated by the caller). */
static int msg_from_guest(HostMsg *m, uint32_t addr, bool writing_data)
{
    if (sys_copy_from_guest(&m->guest, addr, sizeof m->guest))
        return -EFAULT;
    arm_msghdr *g = &m->guest;
    memset(&m->msg, 0, sizeof m->msg);
    if (g->msg_iovlen > SYS_MSG_IOV_MAX)
        return -EMSGSIZE;
    if (g->msg_name) {
        if (!(m->msg.msg_name = sys_guest_buf(g->msg_name, g->msg_namelen, writing_data ? PROT_WRITE : PROT_READ)))
            return -EFAULT;
        m->msg.msg_namelen = g->msg_namelen;
    }
    const arm_iovec *giov = sys_guest_buf(g->msg_iov, g->msg_iovlen * (uint32_t)sizeof(arm_iovec), PROT_READ);
    if (!giov)
        return -EFAULT;
    for (uint32_t i = 0; i < g->msg_iovlen; i++) {
        arm_iovec v;
        memcpy(&v, &giov[i], sizeof v);
        m->iov[i].iov_base = sys_guest_buf(v.iov_base, v.iov_len, writing_data ? PROT_WRITE : PROT_READ);
        if (!m->iov[i].iov_base)
            return -EFAULT;
        m->iov[i].iov_len = v.iov_len;
    }
    m->msg.msg_iov = m->iov;
    m->msg.msg_iovlen = g->msg_iovlen;
    m->msg.msg_flags = 0;
    return 0;
}

/* Guest control messages to host ones in buf (size at least twice the
 * guest's length plus a header per message). Returns the host length. */
int64_t sys_cmsg_to_host(const uint8_t *src, uint32_t len, uint8_t *buf, size_t size)
{
    size_t out = 0;
    uint32_t off = 0;
    while (off + ARM_CMSG_HDR <= len) {
        uint32_t clen;
        int32_t level, type;
        memcpy(&clen, src + off, 4);
        memcpy(&level, src + off + 4, 4);
        memcpy(&type, src + off + 8, 4);
        if (clen < ARM_CMSG_HDR || clen > len - off)
            return -EINVAL;
        uint32_t data = clen - ARM_CMSG_HDR;
        if (out + CMSG_SPACE(data) > size)
            return -ENOBUFS;
        struct cmsghdr *h = (struct cmsghdr *)(buf + out);
        memset(h, 0, CMSG_SPACE(data));
        h->cmsg_len = CMSG_LEN(data);
        h->cmsg_level = level;
        h->cmsg_type = type;
        memcpy(CMSG_DATA(h), src + off + ARM_CMSG_HDR, data);
        out += CMSG_SPACE(data);
        off += ARM_CMSG_ALIGN(clen);
    }
    return (int64_t)out;
}

/* Host control messages to the guest's layout in dst (room bytes).
 * Returns the guest length; sets *truncated if some did not fit. */
uint32_t sys_cmsg_to_guest(struct msghdr *hm, uint8_t *dst, uint32_t room, bool *truncated)
{
    uint32_t out = 0;
    *truncated = false;
    for (struct cmsghdr *h = CMSG_FIRSTHDR(hm); h; h = CMSG_NXTHDR(hm, h)) {
        const uint8_t *data = CMSG_DATA(h);
        size_t dlen = h->cmsg_len - CMSG_LEN(0);
        uint8_t conv[16];
        if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == ARM_SO_TIMESTAMP_OLD && dlen == sizeof(struct timeval)) {
            struct timeval tv;
            arm_timeval g;
            memcpy(&tv, data, sizeof tv);
            arm_timeval_from_host(&g, &tv);
            memcpy(conv, &g, sizeof g);
            data = conv;
            dlen = sizeof g;
        } else if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == ARM_SO_TIMESTAMPNS_OLD &&
                   dlen == sizeof(struct timespec)) {
            struct timespec ts;
            arm_timespec32 g;
            memcpy(&ts, data, sizeof ts);
            arm_timespec32_from_host(&g, &ts);
            memcpy(conv, &g, sizeof g);
            data = conv;
            dlen = sizeof g;
        }
        uint32_t need = ARM_CMSG_HDR + (uint32_t)dlen;
        if (out + need > room) {
            /* Like the kernel: a partial SCM_RIGHTS array is not delivered. */
            *truncated = true;
            break;
        }
        uint32_t clen = need;
        int32_t level = h->cmsg_level, type = h->cmsg_type;
        memcpy(dst + out, &clen, 4);
        memcpy(dst + out + 4, &level, 4);
        memcpy(dst + out + 8, &type, 4);
        memcpy(dst + out + ARM_CMSG_HDR, data, dlen);
        uint32_t next = ARM_CMSG_ALIGN(need);
        if (out + next > room)
            next = room - out;
        memset(dst + out + need, 0, next - need);
        out += next;
    }
    return out;
}

int64_t sys_h_sendmsg(ArmCpu *cpu, const SysArgs *a)
{
    HostMsg *m = malloc(sizeof *m);
    uint8_t *control = NULL;
    int64_t r;
    if (!m)
        return -ENOMEM;
    if ((r = msg_from_guest(m, (uint32_t)a->v[1], false)))
        goto out;
    if (m->guest.msg_controllen) {
        uint32_t glen = m->guest.msg_controllen;
        const uint8_t *src = sys_guest_buf(m->guest.msg_control, glen, PROT_READ);
        if (!src) {
            r = -EFAULT;
            goto out;
        }
        if (glen > SYS_MSG_CONTROL_MAX) {
            r = -ENOBUFS;
            goto out;
        }
        size_t size = (size_t)glen * 2 + 64;
        if (!(control = calloc(1, size))) {
            r = -ENOMEM;
            goto out;
        }
        if ((r = sys_cmsg_to_host(src, glen, control, size)) < 0)
            goto out;
        m->msg.msg_control = r ? control : NULL;
        m->msg.msg_controllen = (size_t)r;
    }
    r = sys_host_result(lu_syscall(SYS_sendmsg, (int)sys_s32(a->v[0]), &m->msg, (int)a->v[2]));
out:
    free(control);
    free(m);
    return r;
}

int64_t sys_h_recvmsg(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t addr = (uint32_t)a->v[1];
    HostMsg *m = malloc(sizeof *m);
    uint8_t *control = NULL, *gcontrol = NULL;
    int64_t r;
    if (!m)
        return -ENOMEM;
    if ((r = msg_from_guest(m, addr, true)))
        goto out;
    uint32_t glen = m->guest.msg_controllen;
    if (glen) {
        if (!(gcontrol = sys_guest_buf(m->guest.msg_control, glen, PROT_WRITE))) {
            r = -EFAULT;
            goto out;
        }
        if (glen > SYS_MSG_CONTROL_MAX)
            glen = SYS_MSG_CONTROL_MAX;
        size_t size = (size_t)glen * 2 + 64;
        if (!(control = calloc(1, size))) {
            r = -ENOMEM;
            goto out;
        }
        m->msg.msg_control = control;
        m->msg.msg_controllen = size;
    }
    r = sys_host_result(lu_syscall(SYS_recvmsg, (int)sys_s32(a->v[0]), &m->msg, (int)a->v[2]));
    if (r < 0)
        goto out;
    bool truncated = false;
    uint32_t out_len = glen ? sys_cmsg_to_guest(&m->msg, gcontrol, glen, &truncated) : 0;
    arm_msghdr *g = &m->guest;
    g->msg_namelen = m->msg.msg_name ? m->msg.msg_namelen : 0;
    g->msg_controllen = out_len;
    g->msg_flags = m->msg.msg_flags | (truncated ? MSG_CTRUNC : 0);
    if (sys_copy_to_guest(addr, g, sizeof *g))
        r = -EFAULT;
out:
    free(control);
    free(m);
    return r;
}

/* sendmmsg: the kernel's own loop of sendmsg, stopping at the first
 * error (reported only if nothing was sent); msg_len is set for each. */
int64_t sys_h_sendmmsg(ArmCpu *cpu, const SysArgs *a)
{
    uint32_t vec = (uint32_t)a->v[1], vlen = (uint32_t)a->v[2];
    if (vlen > 1024)
        vlen = 1024;
    uint32_t sent = 0;
    int64_t r = 0;
    for (; sent < vlen; sent++) {
        uint32_t entry = vec + sent * (uint32_t)sizeof(arm_mmsghdr);
        SysArgs one = *a;
        one.v[1] = entry;
        one.v[2] = a->v[3];   /* flags */
        r = sys_h_sendmsg(cpu, &one);
        if (r < 0)
            break;
        uint32_t len = (uint32_t)r;
        if (sys_copy_to_guest(entry + offsetof(arm_mmsghdr, msg_len), &len, 4)) {
            r = -EFAULT;
            break;
        }
    }
    return sent ? (int64_t)sent : r;
}
