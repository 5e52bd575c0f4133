/*
 * The strace printer: `name(args) = result` in strace's style, driven by
 * the argument and result kinds of the same table rows the dispatcher
 * uses. Strings are quoted and cut at SYS_STRACE_STR bytes; an output
 * buffer is shown after the call with what the call put there; errors
 * read `-1 ENOENT (No such file or directory)`. Formatting goes into a
 * caller's buffer so it can be tested without a guest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "syscalls/sys.h"

#define SYS_STRACE_STR 32

typedef struct StraceOut {
    char *buf;
    size_t size, len;
} StraceOut;

__attribute__((format(printf, 2, 3))) static void out_printf(StraceOut *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(o->buf + (room ? o->len : 0), room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

/* Quotes n bytes as strace does: C escapes, octal for the rest. */
static void out_quoted(StraceOut *o, const unsigned char *p, size_t n, bool more)
{
    out_printf(o, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        switch (c) {
        case '\n': out_printf(o, "\\n"); break;
        case '\t': out_printf(o, "\\t"); break;
        case '\r': out_printf(o, "\\r"); break;
        case '"': out_printf(o, "\\\""); break;
        case '\\': out_printf(o, "\\\\"); break;
        default:
            if (c >= 0x20 && c < 0x7f)
                out_printf(o, "%c", c);
            else
                out_printf(o, "\\%o", c);
        }
    }
    out_printf(o, "\"%s", more ? "..." : "");
}

static void out_guest_string(StraceOut *o, uint32_t addr)
{
    const char *s;
    if (sys_guest_str(addr, 4096, &s) != 0) {
        out_printf(o, "0x%x", addr);
        return;
    }
    size_t n = strlen(s);
    out_quoted(o, (const unsigned char *)s, n > SYS_STRACE_STR ? SYS_STRACE_STR : n, n > SYS_STRACE_STR);
}

static void out_guest_buf(StraceOut *o, uint32_t addr, uint64_t len)
{
    size_t n = len > SYS_STRACE_STR ? SYS_STRACE_STR : (size_t)len;
    const unsigned char *p = sys_guest_buf(addr, (uint32_t)n, PROT_READ);
    if (!p || addr == 0) {
        out_printf(o, "0x%x", addr);
        return;
    }
    out_quoted(o, p, n, len > n);
}

/* Open flags by their ARM values. */
static const struct { uint32_t bit; const char *name; } arm_oflag_names[] = {
    { 00000100, "O_CREAT" },     { 00000200, "O_EXCL" },     { 00000400, "O_NOCTTY" },
    { 00001000, "O_TRUNC" },     { 00002000, "O_APPEND" },   { 00004000, "O_NONBLOCK" },
    { 00010000, "O_DSYNC" },     { 00020000, "O_ASYNC" },    { 00040000, "O_DIRECTORY" },
    { 00100000, "O_NOFOLLOW" },  { 00200000, "O_DIRECT" },   { 00400000, "O_LARGEFILE" },
    { 01000000, "O_NOATIME" },   { 02000000, "O_CLOEXEC" },  { 04000000, "O_SYNC" },
    { 010000000, "O_PATH" },     { 020000000, "O_TMPFILE" },
};

static void out_oflags(StraceOut *o, uint32_t flags)
{
    static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
    out_printf(o, "%s", acc[flags & 3]);
    flags &= ~3u;
    /* O_SYNC includes O_DSYNC and O_TMPFILE includes O_DIRECTORY: the
     * smaller flag is not named again inside the composite one. */
    uint32_t hidden = 0;
    if ((flags & 04010000) == 04010000)
        hidden |= 00010000;
    if ((flags & 020040000) == 020040000)
        hidden |= 00040000;
    for (size_t i = 0; i < sizeof arm_oflag_names / sizeof arm_oflag_names[0]; i++) {
        uint32_t bit = arm_oflag_names[i].bit;
        if ((flags & bit) && !(hidden & bit)) {
            out_printf(o, "|%s", arm_oflag_names[i].name);
            flags &= ~bit;
        }
    }
    flags &= ~hidden;
    if (flags)
        out_printf(o, "|%#o", flags);
}

static void out_arg(StraceOut *o, const SysArgs *a, unsigned i, int64_t ret, bool returned)
{
    uint64_t v = a->v[i];
    uint32_t v32 = (uint32_t)v;
    const char *name;
    switch (a->entry->args[i].kind) {
    case SYS_ARG_int:
    case SYS_ARG_fd:
        out_printf(o, "%d", (int32_t)v32);
        break;
    case SYS_ARG_dirfd:
        if ((int32_t)v32 == AT_FDCWD)
            out_printf(o, "AT_FDCWD");
        else
            out_printf(o, "%d", (int32_t)v32);
        break;
    case SYS_ARG_sig:
        name = (v32 > 0 && v32 < 32) ? sigabbrev_np((int)v32) : NULL;
        if (name)
            out_printf(o, "SIG%s", name);
        else
            out_printf(o, "%d", (int32_t)v32);
        break;
    case SYS_ARG_uint:
    case SYS_ARG_size:
    case SYS_ARG_uid16:
        out_printf(o, "%u", v32);
        break;
    case SYS_ARG_mode:
        out_printf(o, "0%o", v32);
        break;
    case SYS_ARG_ptr:
        if (v32 == 0)
            out_printf(o, "NULL");
        else
            out_printf(o, "0x%x", v32);
        break;
    case SYS_ARG_path:
    case SYS_ARG_str:
        if (v32 == 0)
            out_printf(o, "NULL");
        else
            out_guest_string(o, v32);
        break;
    case SYS_ARG_ibuf:
        out_guest_buf(o, v32, a->v[i + 1]);
        break;
    case SYS_ARG_obuf:
        if (returned && ret >= 0)
            out_guest_buf(o, v32, (uint64_t)ret);
        else
            out_printf(o, "0x%x", v32);
        break;
    case SYS_ARG_oflags:
        out_oflags(o, v32);
        break;
    case SYS_ARG_ioctl:
        name = sys_ioctl_name(v32);
        if (name)
            out_printf(o, "%s", name);
        else
            out_printf(o, "0x%x", v32);
        break;
    case SYS_ARG_off64:
        out_printf(o, "%lld", (long long)v);
        break;
    default: /* hex */
        out_printf(o, "0x%x", v32);
        break;
    }
}

static void out_result(StraceOut *o, const SysArgs *a, int64_t ret)
{
    if (ret < 0 && ret >= -4095) {
        int err = (int)-ret;
        const char *name = strerrorname_np(err);
        if (name)
            out_printf(o, "-1 %s (%s)", name, strerror(err));
        else
            out_printf(o, "-1 errno %d", err);
        return;
    }
    switch (a->entry->ret) {
    case SYS_RET_hex:
        out_printf(o, "0x%x", (uint32_t)ret);
        break;
    case SYS_RET_mode:
        out_printf(o, "0%o", (uint32_t)ret);
        break;
    default:
        out_printf(o, "%d", (int32_t)ret);
        break;
    }
}

size_t sys_strace_format(char *buf, size_t size, const SysArgs *a, int64_t ret, bool returned)
{
    StraceOut o = { buf, size, 0 };
    if (size)
        buf[0] = 0;
    out_printf(&o, "%s(", a->entry->name);
    for (unsigned i = 0; i < a->entry->nargs; i++) {
        if (i)
            out_printf(&o, ", ");
        out_arg(&o, a, i, ret, returned);
    }
    out_printf(&o, ") = ");
    if (returned)
        out_result(&o, a, ret);
    else
        out_printf(&o, "?");
    return o.len < size ? o.len : (size ? size - 1 : 0);
}
