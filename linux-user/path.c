/*
 * -L PREFIX: the guest sees the prefix as its root where the prefix has the
 * file, and the host's file elsewhere, as qemu-arm does. So a guest
 * opening /lib/ld-linux-armhf.so.3 gets PREFIX/lib/ld-linux-armhf.so.3,
 * while /tmp/out (absent from the prefix) is the host's /tmp/out.
 *
 * Nothing is cached: each lookup is one faccessat() that does not follow
 * a final symlink (a dangling link in the prefix still names the prefix's
 * file). The kernel's own trees (/proc, /dev, /sys) always mean the
 * host's: an empty /proc directory in a sysroot must not hide them.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/user.h"


static bool is_kernel_tree(const char *path)
{
    static const char *const trees[] = { "/proc", "/dev", "/sys" };
    for (size_t i = 0; i < sizeof(trees) / sizeof(trees[0]); i++) {
        size_t n = strlen(trees[i]);
        if (!strncmp(path, trees[i], n) && (path[n] == 0 || path[n] == '/'))
            return true;
    }
    return false;
}

const char *lu_path(const char *guest_path, char *buf, size_t size)
{
    const char *prefix = lu_process.ld_prefix;
    if (!prefix || !guest_path || guest_path[0] != '/' || is_kernel_tree(guest_path))
        return guest_path;
    int n = snprintf(buf, size, "%s%s", prefix, guest_path);
    if (n < 0 || (size_t)n >= size)
        return guest_path;
    if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        return buf;
    return guest_path;
}
