/*
 * Guest memory as the syscall layer sees it: every pointer a guest passes
 * is checked against the guest's mappings (lu_access_ok) before ferry
 * touches it, so a bad pointer is -EFAULT for the guest, never a crash of
 * ferry or a write into ferry's own memory.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "syscalls/sys.h"

#define SYS_PAGE 4096u

void *sys_guest_buf(uint32_t addr, uint32_t len, int prot)
{
    if (len == 0)
        return g2h(addr);
    if ((uint64_t)addr + len > 0x100000000ull || !lu_access_ok(addr, len, prot))
        return NULL;
    return g2h(addr);
}

int sys_copy_from_guest(void *dst, uint32_t src, uint32_t len)
{
    const void *p = sys_guest_buf(src, len, PROT_READ);
    if (!p)
        return -EFAULT;
    memcpy(dst, p, len);
    return 0;
}

int sys_copy_to_guest(uint32_t dst, const void *src, uint32_t len)
{
    void *p = sys_guest_buf(dst, len, PROT_WRITE);
    if (!p)
        return -EFAULT;
    memcpy(p, src, len);
    return 0;
}

/* Scans page by page, so a string that ends just before an unmapped page
 * is fine and one that runs into it is -EFAULT. */
int sys_guest_str(uint32_t addr, size_t max, const char **out)
{
    uint64_t a = addr;
    size_t seen = 0;
    if (addr == 0)
        return -EFAULT;
    while (seen < max) {
        uint32_t chunk = SYS_PAGE - (uint32_t)(a % SYS_PAGE);
        if (chunk > max - seen)
            chunk = (uint32_t)(max - seen);
        if (a + chunk > 0x100000000ull || !lu_access_ok((uint32_t)a, chunk, PROT_READ))
            return -EFAULT;
        if (memchr(g2h((uint32_t)a), 0, chunk)) {
            *out = g2h(addr);
            return 0;
        }
        seen += chunk;
        a += chunk;
    }
    return -ENAMETOOLONG;
}

int sys_guest_path(uint32_t addr, char *buf, size_t size, const char **out)
{
    const char *p;
    int err = sys_guest_str(addr, 4096, &p);
    if (err)
        return err;
    *out = lu_path(p, buf, size);
    return 0;
}
