/*
 * Sockets, the calls whose arguments are plain: socket addresses
 * (sockaddr_in, _in6, _un, _nl...) are byte layouts shared by every Linux
 * architecture, socklen_t is 32-bit on both sides, and SOCK_NONBLOCK /
 * SOCK_CLOEXEC are O_NONBLOCK / O_CLOEXEC, which ARM and x86-64 place
 * alike. socket, bind, connect, listen, shutdown and sendto are
 * passthrough rows; the calls with in/out length pointers are here.
 * Socket options are a table of (level, name, shape): only those whose
 * value has the same layout, or a known conversion (the 32-bit timeval
 * of SO_RCVTIMEO/SO_SNDTIMEO), are passed; the rest are ENOPROTOOPT and
 * logged. sendmsg/recvmsg (struct msghdr and cmsg alignment differ) are
 * in sys-msg.c.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi.h"
#include "syscalls/sys.h"
#include "util/log.h"

/* An address buffer and its in/out length, as accept and getsockname
 * take them: NULL pointers stay NULL; the length word is checked, then
 * the buffer for as many bytes as it says. */
static int guest_addr_out(uint32_t addr, uint32_t len_addr, void **addr_out, socklen_t **len_out)
{
    *addr_out = NULL;
    *len_out = NULL;
    if (!len_addr)
        return addr ? -EFAULT : 0;
    socklen_t *len = sys_guest_buf(len_addr, 4, PROT_READ | PROT_WRITE);
    if (!len)
        return -EFAULT;
    if ((int32_t)*len < 0)
        return -EINVAL;
    if (addr && !(*addr_out = sys_guest_buf(addr, *len, PROT_WRITE)))
        return -EFAULT;
    *len_out = len;
    return 0;
}

static int64_t do_accept4(const SysArgs *a, int flags)
{
    void *addr;
    socklen_t *len;
    int err = guest_addr_out((uint32_t)a->v[1], (uint32_t)a->v[2], &addr, &len);
    if (err)
        return err;
    return sys_host_result(lu_syscall(SYS_accept4, (int)sys_s32(a->v[0]), addr, len, flags));
}

int64_t sys_h_accept(ArmCpu *cpu, const SysArgs *a) { return do_accept4(a, 0); }
int64_t sys_h_accept4(ArmCpu *cpu, const SysArgs *a) { return do_accept4(a, (int)a->v[3]); }

static int64_t do_getname(const SysArgs *a, long host_nr)
{
    void *addr;
    socklen_t *len;
    if (!a->v[1] || !a->v[2])
        return -EFAULT;
    int err = guest_addr_out((uint32_t)a->v[1], (uint32_t)a->v[2], &addr, &len);
    if (err)
        return err;
    return sys_host_result(syscall(host_nr, (int)sys_s32(a->v[0]), addr, len));
}

int64_t sys_h_getsockname(ArmCpu *cpu, const SysArgs *a) { return do_getname(a, SYS_getsockname); }
int64_t sys_h_getpeername(ArmCpu *cpu, const SysArgs *a) { return do_getname(a, SYS_getpeername); }

int64_t sys_h_socketpair(ArmCpu *cpu, const SysArgs *a)
{
    void *sv = sys_guest_buf((uint32_t)a->v[3], 8, PROT_WRITE);
    if (!sv || !a->v[3])
        return -EFAULT;
    return sys_host_result(syscall(SYS_socketpair, (int)sys_s32(a->v[0]), (int)sys_s32(a->v[1]),
                                   (int)sys_s32(a->v[2]), sv));
}

/* send and recv are sendto and recvfrom without an address. */
int64_t sys_h_send(ArmCpu *cpu, const SysArgs *a)
{
    void *buf = sys_guest_buf((uint32_t)a->v[1], (uint32_t)a->v[2], PROT_READ);
    if (!buf)
        return -EFAULT;
    return sys_host_result(syscall(SYS_sendto, (int)sys_s32(a->v[0]), buf, (size_t)(uint32_t)a->v[2],
                                   (int)a->v[3], NULL, 0));
}

int64_t sys_h_recv(ArmCpu *cpu, const SysArgs *a)
{
    void *buf = sys_guest_buf((uint32_t)a->v[1], (uint32_t)a->v[2], PROT_WRITE);
    if (!buf)
        return -EFAULT;
    return sys_host_result(lu_syscall(SYS_recvfrom, (int)sys_s32(a->v[0]), buf, (size_t)(uint32_t)a->v[2],
                                   (int)a->v[3], NULL, NULL));
}

int64_t sys_h_recvfrom(ArmCpu *cpu, const SysArgs *a)
{
    void *buf = sys_guest_buf((uint32_t)a->v[1], (uint32_t)a->v[2], PROT_WRITE);
    void *addr;
    socklen_t *len;
    if (!buf)
        return -EFAULT;
    int err = guest_addr_out((uint32_t)a->v[4], (uint32_t)a->v[5], &addr, &len);
    if (err)
        return err;
    return sys_host_result(lu_syscall(SYS_recvfrom, (int)sys_s32(a->v[0]), buf, (size_t)(uint32_t)a->v[2],
                                   (int)a->v[3], addr, len));
}

/* --- socket options --- */

enum { OPT_SAME, OPT_TIMEVAL32 };

/* Options whose value is an int or a struct of fixed-width fields
 * (linger, ucred, ip_mreqn, tcp_info...), the same bytes on both sides. */
static const struct { int level, name; uint8_t shape; } sockopts[] = {
    { SOL_SOCKET, SO_DEBUG, OPT_SAME },        { SOL_SOCKET, SO_REUSEADDR, OPT_SAME },
    { SOL_SOCKET, SO_TYPE, OPT_SAME },         { SOL_SOCKET, SO_ERROR, OPT_SAME },
    { SOL_SOCKET, SO_DONTROUTE, OPT_SAME },    { SOL_SOCKET, SO_BROADCAST, OPT_SAME },
    { SOL_SOCKET, SO_SNDBUF, OPT_SAME },       { SOL_SOCKET, SO_RCVBUF, OPT_SAME },
    { SOL_SOCKET, SO_SNDBUFFORCE, OPT_SAME },  { SOL_SOCKET, SO_RCVBUFFORCE, OPT_SAME },
    { SOL_SOCKET, SO_KEEPALIVE, OPT_SAME },    { SOL_SOCKET, SO_OOBINLINE, OPT_SAME },
    { SOL_SOCKET, SO_PRIORITY, OPT_SAME },     { SOL_SOCKET, SO_LINGER, OPT_SAME },
    { SOL_SOCKET, SO_REUSEPORT, OPT_SAME },    { SOL_SOCKET, SO_PASSCRED, OPT_SAME },
    { SOL_SOCKET, SO_PEERCRED, OPT_SAME },     { SOL_SOCKET, SO_RCVLOWAT, OPT_SAME },
    { SOL_SOCKET, SO_SNDLOWAT, OPT_SAME },     { SOL_SOCKET, SO_ACCEPTCONN, OPT_SAME },
    { SOL_SOCKET, SO_PROTOCOL, OPT_SAME },     { SOL_SOCKET, SO_DOMAIN, OPT_SAME },
    { SOL_SOCKET, 20 /* SO_RCVTIMEO_OLD */, OPT_TIMEVAL32 },
    { SOL_SOCKET, 21 /* SO_SNDTIMEO_OLD */, OPT_TIMEVAL32 },
    { SOL_SOCKET, 66 /* SO_RCVTIMEO_NEW: two s64 */, OPT_SAME },
    { SOL_SOCKET, 67 /* SO_SNDTIMEO_NEW */, OPT_SAME },
    { IPPROTO_TCP, TCP_NODELAY, OPT_SAME },    { IPPROTO_TCP, TCP_MAXSEG, OPT_SAME },
    { IPPROTO_TCP, TCP_CORK, OPT_SAME },       { IPPROTO_TCP, TCP_KEEPIDLE, OPT_SAME },
    { IPPROTO_TCP, TCP_KEEPINTVL, OPT_SAME },  { IPPROTO_TCP, TCP_KEEPCNT, OPT_SAME },
    { IPPROTO_TCP, TCP_INFO, OPT_SAME },       { IPPROTO_TCP, TCP_QUICKACK, OPT_SAME },
    { IPPROTO_TCP, TCP_USER_TIMEOUT, OPT_SAME },
    { IPPROTO_IP, IP_TOS, OPT_SAME },          { IPPROTO_IP, IP_TTL, OPT_SAME },
    { IPPROTO_IP, IP_RECVERR, OPT_SAME },      { IPPROTO_IP, IP_MULTICAST_TTL, OPT_SAME },
    { IPPROTO_IP, IP_MULTICAST_LOOP, OPT_SAME },{ IPPROTO_IP, IP_ADD_MEMBERSHIP, OPT_SAME },
    { IPPROTO_IP, IP_DROP_MEMBERSHIP, OPT_SAME },{ IPPROTO_IP, IP_MULTICAST_IF, OPT_SAME },
    { IPPROTO_IP, IP_PKTINFO, OPT_SAME },      { IPPROTO_IP, IP_MTU_DISCOVER, OPT_SAME },
    { IPPROTO_IPV6, IPV6_V6ONLY, OPT_SAME },   { IPPROTO_IPV6, IPV6_UNICAST_HOPS, OPT_SAME },
    { IPPROTO_IPV6, IPV6_MULTICAST_HOPS, OPT_SAME },{ IPPROTO_IPV6, IPV6_RECVPKTINFO, OPT_SAME },
    { IPPROTO_IPV6, IPV6_TCLASS, OPT_SAME },   { IPPROTO_IPV6, IPV6_RECVERR, OPT_SAME },
};

static int sockopt_shape(int level, int name)
{
    for (size_t i = 0; i < sizeof sockopts / sizeof sockopts[0]; i++)
        if (sockopts[i].level == level && sockopts[i].name == name)
            return sockopts[i].shape;
    ferry_log(FERRY_LOG_unimp, "ferry-arm: unimplemented socket option level %d name %d\n", level, name);
    return -1;
}

int64_t sys_h_setsockopt(ArmCpu *cpu, const SysArgs *a)
{
    int fd = (int)sys_s32(a->v[0]), level = (int)sys_s32(a->v[1]), name = (int)sys_s32(a->v[2]);
    uint32_t val_addr = (uint32_t)a->v[3], len = (uint32_t)a->v[4];
    int shape = sockopt_shape(level, name);
    if (shape < 0)
        return -ENOPROTOOPT;
    if (shape == OPT_TIMEVAL32) {
        arm_timeval g;
        struct timeval tv;
        if (len < sizeof g)
            return -EINVAL;
        if (sys_copy_from_guest(&g, val_addr, sizeof g))
            return -EFAULT;
        arm_timeval_to_host(&tv, &g);
        return sys_host_result(setsockopt(fd, level, name, &tv, sizeof tv));
    }
    void *val = sys_guest_buf(val_addr, len, PROT_READ);
    if (!val)
        return -EFAULT;
    return sys_host_result(setsockopt(fd, level, name, val_addr ? val : NULL, len));
}

int64_t sys_h_getsockopt(ArmCpu *cpu, const SysArgs *a)
{
    int fd = (int)sys_s32(a->v[0]), level = (int)sys_s32(a->v[1]), name = (int)sys_s32(a->v[2]);
    void *val;
    socklen_t *len;
    int shape = sockopt_shape(level, name);
    if (shape < 0)
        return -ENOPROTOOPT;
    int err = guest_addr_out((uint32_t)a->v[3], (uint32_t)a->v[4], &val, &len);
    if (err)
        return err;
    if (!len)
        return -EFAULT;
    if (shape == OPT_TIMEVAL32) {
        struct timeval tv;
        socklen_t hl = sizeof tv;
        arm_timeval g;
        if (*len < sizeof g)
            return -EINVAL;
        if (getsockopt(fd, level, name, &tv, &hl) < 0)
            return -errno;
        arm_timeval_from_host(&g, &tv);
        if (sys_copy_to_guest((uint32_t)a->v[3], &g, sizeof g))
            return -EFAULT;
        *len = sizeof g;
        return 0;
    }
    return sys_host_result(getsockopt(fd, level, name, val, len));
}
