/* System information: time/gettimeofday/clock_gettime (sane, monotonic,
 * consistent with each other), nanosleep, times, getpid/getppid/gettid,
 * uids, uname (sysname Linux; machine printed and normalised by the
 * harness, which requires armv7l from the guest), sysconf, getrlimit,
 * umask, gethostname agreeing with uname, and 64-bit time (time64 calls:
 * clock_gettime64 and friends) where glibc uses them.
 */
#include "guest.h"
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int64_t ns(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec; }

int main(void)
{
    time_t now = time(NULL);
    printf("time after 2023: %d\n", now > 1672531200);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday agrees with time: %d usec in range: %d\n",
           tv.tv_sec - now >= 0 && tv.tv_sec - now < 5, tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    struct timespec m1, m2, rt, res;
    clock_gettime(CLOCK_MONOTONIC, &m1);
    struct timespec nap = { 0, 20 * 1000 * 1000 };
    int r = nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &m2);
    int64_t slept = ns(&m2) - ns(&m1);
    printf("nanosleep=%d slept at least 20ms: %d less than 5s: %d\n", r, slept >= 20000000, slept < 5000000000ll);
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("realtime agrees: %d nsec in range: %d\n", rt.tv_sec - now >= 0 && rt.tv_sec - now < 5,
           rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000);
    printf("clock_getres monotonic ok: %d\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(&res) > 0 && ns(&res) <= 1000000);
    struct timespec cpu;
    volatile uint32_t spin = 0;
    for (uint32_t i = 0; i < 3000000; i++) spin += i;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
    printf("process cputime positive: %d\n", ns(&cpu) > 0);
    struct tms t;
    printf("times ok: %d\n", times(&t) != (clock_t)-1);
    struct tm tm;
    time_t fixed = 1700000000;
    gmtime_r(&fixed, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j", &tm);
    printf("gmtime(1700000000) = %s\n", buf);
    printf("mktime roundtrip: %d\n", timegm(&tm) == fixed);

    pid_t pid = getpid();
    printf("pid positive: %d stable: %d ppid positive: %d\n", pid > 0, pid == getpid(), getppid() > 0);
    printf("gettid == pid (main thread): %d\n", (pid_t)syscall(SYS_gettid) == pid);
    printf("uid==euid: %d gid==egid: %d\n", getuid() == geteuid(), getgid() == getegid());
    struct utsname u;
    uname(&u);
    printf("sysname=%s\n", u.sysname);
    printf("machine=%s\n", u.machine);
    printf("release nonempty: %d\n", u.release[0] != 0);
    char host[256];
    gethostname(host, sizeof host);
    printf("hostname matches uname: %d\n", strcmp(host, u.nodename) == 0);
    printf("pagesize=%ld\n", sysconf(_SC_PAGESIZE));
    printf("clk_tck=%ld\n", sysconf(_SC_CLK_TCK));
    printf("nprocessors positive: %d\n", sysconf(_SC_NPROCESSORS_ONLN) > 0);
    struct rlimit rl;
    int rlok = getrlimit(RLIMIT_NOFILE, &rl) == 0;
    printf("getrlimit nofile ok: %d cur<=max: %d\n", rlok,
           rl.rlim_max == RLIM_INFINITY || rl.rlim_cur <= rl.rlim_max);
    mode_t old = umask(077);
    mode_t back = umask(old);
    printf("umask set/get: %03o\n", (unsigned)back);
    errno = 0;
    r = nanosleep(&(struct timespec){ 0, 2000000000 }, NULL);
    printf("nanosleep bad nsec: %d errno=%s\n", r, errno == EINVAL ? "EINVAL" : "other");
    return 0;
}
