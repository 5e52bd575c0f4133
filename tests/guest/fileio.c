/* File I/O in a scratch directory (argv[1]): open/read/write/lseek,
 * pread/pwrite, stat/fstat/lstat (the 32-bit stat64 layout), ftruncate,
 * rename/unlink/mkdir/rmdir, symlink/readlink, dup/dup2, fcntl, pipe,
 * directory listing with opendir/readdir (getdents64), stdio on files,
 * access, chdir/getcwd, and errno values of failing calls.
 * GUEST-TEST: args @TMP@
 */
/* 64-bit off_t and stat on armhf too, as Debian builds its packages. */
#define _FILE_OFFSET_BITS 64
#include "guest.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: errno=%d\n", path, errno); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        char kind = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
        char *s = malloc(strlen(e->d_name) + 3);
        sprintf(s, "%c %s", kind, e->d_name);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    printf("listing %s (%d entries):", path, n);
    for (int i = 0; i < n; i++) { printf(" [%s]", names[i]); free(names[i]); }
    printf("\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1]) != 0) { printf("usage: fileio SCRATCHDIR\n"); return 2; }
    int fd = open("data.bin", O_CREAT | O_RDWR | O_TRUNC, 0640);
    printf("open fd>=3: %d\n", fd >= 3);
    char buf[8192];
    for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (char)(i * 7);
    printf("write=%zd\n", write(fd, buf, sizeof buf));
    /* One call per statement: the order of evaluating arguments is unspecified. */
    long long o1 = lseek(fd, 0, SEEK_END);
    long long o2 = lseek(fd, 100, SEEK_SET);
    long long o3 = lseek(fd, 50, SEEK_CUR);
    printf("lseek end=%lld set=%lld cur=%lld\n", o1, o2, o3);
    char in[64];
    ssize_t r = read(fd, in, 16);
    printf("read=%zd first=%d last=%d\n", r, (unsigned char)in[0], (unsigned char)in[15]);
    printf("pwrite=%zd\n", pwrite(fd, "HELLO", 5, 8000));
    r = pread(fd, in, 10, 7998);
    printf("pread=%zd '%.2x%.2x%.5s%.2x'\n", r, (unsigned char)in[0], (unsigned char)in[1], in + 2, (unsigned char)in[7]);
    printf("off after pread=%lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    /* A file larger than 4 GiB needs 64-bit offsets (sparse, so cheap). */
    off_t big = lseek(fd, 5000000000ll, SEEK_SET);
    ssize_t w1 = write(fd, "x", 1);
    printf("lseek 5e9=%lld write=%zd\n", (long long)big, w1);
    struct stat st;
    fstat(fd, &st);
    printf("fstat size=%lld mode=%o regular=%d nlink=%d\n", (long long)st.st_size,
           (unsigned)(st.st_mode & 07777), S_ISREG(st.st_mode), (int)st.st_nlink);
    printf("ftruncate=%d\n", ftruncate(fd, 1000));
    stat("data.bin", &st);
    printf("stat size=%lld blocks>0=%d\n", (long long)st.st_size, st.st_blocks > 0);
    printf("mtime sane=%d\n", st.st_mtime > 1600000000);
    int fd2 = dup(fd);
    printf("dup ok=%d shared offset=%lld\n", fd2 > fd, (long long)lseek(fd2, 0, SEEK_CUR));
    printf("dup2=%d\n", dup2(fd, 20));
    printf("fcntl getfd cloexec=%d\n", fcntl(20, F_GETFD) & FD_CLOEXEC);
    fcntl(20, F_SETFD, FD_CLOEXEC);
    printf("fcntl after set=%d getfl rdwr=%d\n", fcntl(20, F_GETFD) & FD_CLOEXEC, (fcntl(20, F_GETFL) & O_ACCMODE) == O_RDWR);
    close(20); close(fd2); close(fd);

    int mk1 = mkdir("sub", 0755);
    int mk2 = mkdir("sub", 0755) ? errno : 0;
    printf("mkdir=%d mkdir again errno=%d\n", mk1, mk2);
    FILE *f = fopen("sub/text.txt", "w");
    for (int i = 0; i < 100; i++) fprintf(f, "line %d: %s\n", i, i % 3 ? "fizz" : "buzz");
    fclose(f);
    f = fopen("sub/text.txt", "r");
    char line[64];
    int lines = 0;
    Sum s;
    sum_init(&s);
    while (fgets(line, sizeof line, f)) { lines++; for (char *c = line; *c; c++) sum_add(&s, (unsigned char)*c); }
    fclose(f);
    printf("fgets lines=%d\n", lines);
    sum_print("text content", &s);
    printf("symlink=%d\n", symlink("text.txt", "sub/link"));
    char target[64];
    ssize_t tl = readlink("sub/link", target, sizeof target);
    printf("readlink=%zd '%.*s'\n", tl, (int)(tl > 0 ? tl : 0), target);
    lstat("sub/link", &st);
    printf("lstat is link=%d\n", S_ISLNK(st.st_mode));
    printf("rename=%d\n", rename("data.bin", "sub/data.renamed"));
    int ac1 = access("sub/data.renamed", R_OK | W_OK);
    int ac2 = access("nothing", F_OK) ? errno : 0;
    printf("access ok=%d missing errno=%d\n", ac1, ac2);
    printf("open missing errno=%d (ENOENT=%d)\n", open("nothing", O_RDONLY) < 0 ? errno : 0, ENOENT);
    for (int i = 0; i < 5; i++) { char n[32]; sprintf(n, "sub/f%d", i); close(open(n, O_CREAT | O_WRONLY, 0600)); }
    list_dir("sub");
    char cwd[4096];
    printf("chdir sub=%d\n", chdir("sub"));
    printf("getcwd ends with /sub=%d\n", getcwd(cwd, sizeof cwd) && strcmp(cwd + strlen(cwd) - 4, "/sub") == 0);
    int ul = unlink("f0");
    int rd = rmdir("../sub") ? errno : 0;
    printf("unlink=%d rmdir nonempty errno=%d\n", ul, rd);
    list_dir(".");
    int p[2];
    printf("pipe=%d\n", pipe(p));
    printf("pipe write=%zd\n", write(p[1], "through the pipe", 16));
    close(p[1]);
    r = read(p[0], in, sizeof in);
    char got[64];
    memcpy(got, in, sizeof got);
    ssize_t eof = read(p[0], in, sizeof in);
    printf("pipe read=%zd '%.*s' eof read=%zd\n", r, (int)r, got, eof);
    close(p[0]);
    printf("bad fd write errno=%d (EBADF=%d)\n", write(99, "x", 1) < 0 ? errno : 0, EBADF);
    return 0;
}
