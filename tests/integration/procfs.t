#!/usr/bin/perl
# The guest's view of its own identity through /proc and uname, which
# configure scripts and runtimes read: /proc/self/exe names the guest
# program, /proc/self/maps shows only the guest's 32-bit address space
# (not ferry-arm's own host mappings), /proc/cpuinfo describes an ARMv7
# CPU, and uname -m is armv7l (see docs: "guest-visible identity is ARM").
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/../lib";
use FerryTest;
use Test::More;

need_sysroot();
my $s = sysroot();
my ($o, $e, $st) = guest(['bin/readlink', '/proc/self/exe']);
like($o, qr{^\Q$s\E/(usr/)?bin/readlink\n\z}, '/proc/self/exe is the guest program') or diag($e);
# ... through a link: lstat sees a symlink (ls -l shows it as one), stat
# the program.
($o, $e, $st) = guest(['bin/ls', '-l', '/proc/self/exe']);
like($o, qr{^l\S+ .* /proc/self/exe -> \Q$s\E/(usr/)?bin/ls\n\z}, 'ls -l /proc/self/exe: a link to the guest program') or diag($o, $e);
($o, $e, $st) = guest(['bin/stat', '-L', '-c', '%F', '/proc/self/exe']);
is($o, "regular file\n", 'stat -L /proc/self/exe: the program itself') or diag($e);

($o, $e, $st) = guest(['bin/cat', '/proc/self/maps']);
my @lines = split /\n/, $o;
# An end address of more than 8 hex digits is above 4 GiB.
my @high = grep { /^[0-9a-f]+-([0-9a-f]+) / && length($1) > 8 } @lines;
ok(@lines > 3 && !@high && $o !~ /ferry-arm/, '/proc/self/maps shows the 32-bit guest address space only')
    or why_failed('/proc/self/maps shows the 32-bit guest address space only',
                  scalar(@lines) . " lines, " . scalar(@high) . " above 4 GiB:\n" . join("\n", @high[0 .. ($#high < 4 ? $#high : 4)]));
ok(scalar(grep { m{/usr/bin/cat$} } @lines) >= 1, '/proc/self/maps names the guest program') or diag($o);

SKIP: {
    skip('qemu-arm shows the host CPU in /proc/cpuinfo', 1) if runner_name() eq 'qemu-arm';
    ($o, $e, $st) = guest(['bin/cat', '/proc/cpuinfo']);
    ok($o =~ /^model name\s*:\s*ARMv7/m && $o =~ /^CPU architecture\s*:\s*7/m && $o =~ /^Features\s*:.*\bvfp\b/m,
       '/proc/cpuinfo describes an ARMv7 CPU with VFP')
        or why_failed('/proc/cpuinfo describes an ARMv7 CPU with VFP', substr($o, 0, 600));
}

# The same AT_HWCAP bits and their names in three places: the initial auxv
# as glibc prints it (LD_SHOW_AUXV, set with -E for the guest only: in the
# runner's own environment it would make a dynamic runner's host ld.so
# print too), /proc/self/auxv, and /proc/cpuinfo's Features.
my @hwcap_names = qw(swp half thumb 26bit fastmult fpa vfp edsp java iwmmxt crunch thumbee
                     neon vfpv3 vfpv3d16 tls vfpv4 idiva idivt vfpd32 lpae evtstrm);
my $s_true = "$s/bin/true";
($o, $e, $st) = run_cmd([runner_cmd(), '-E', 'LD_SHOW_AUXV=1', '-L', $s, $s_true]);
my %aux = map { /^(AT_\w+):\s*(.*?)\s*$/ ? ($1 => $2) : () } split /\n/, $o;
is($aux{AT_PLATFORM} // '', 'v7l', 'LD_SHOW_AUXV: AT_PLATFORM is v7l') or diag($o, $e);
my @shown = split ' ', ($aux{AT_HWCAP} // '');
ok(@shown && !grep({ !/^[a-z0-9]+$/ } @shown), 'LD_SHOW_AUXV: AT_HWCAP is a list of ARM feature names') or diag($o);

# /proc/self/auxv: 32-bit (type, value) pairs ending in AT_NULL.
($o, $e, $st) = guest(['bin/od', '-A', 'n', '-t', 'x4', '-v', '/proc/self/auxv']);
my @w = map { hex } split ' ', $o;
my %av;
for (my $i = 0; $i + 1 < @w; $i += 2) { $av{$w[$i]} //= $w[$i + 1]; }
my @from_auxv = grep { defined($av{16}) && ($av{16} >> $_) & 1 } 0 .. $#hwcap_names;
ok(@w >= 8 && @w % 2 == 0 && $w[-2] == 0 && $w[-1] == 0 && ($av{6} // 0) == 4096 && ($av{15} // 0) != 0,
   '/proc/self/auxv is the guest\'s 32-bit auxv (AT_PAGESZ 4096, AT_PLATFORM, AT_NULL at the end)')
    or diag("words: @w[0 .. ($#w < 40 ? $#w : 40)]\n$e");
is(join(' ', map { $hwcap_names[$_] } @from_auxv), join(' ', @shown),
   '/proc/self/auxv AT_HWCAP has the bits LD_SHOW_AUXV names');

SKIP: {
    skip('qemu-arm shows the host CPU in /proc/cpuinfo', 1) if runner_name() eq 'qemu-arm';
    ($o, $e, $st) = guest(['bin/cat', '/proc/cpuinfo']);
    my @blocks = grep { /^processor/m } split /\n\n/, $o;
    my @feat = map { /^Features\s*:\s*(.*?)\s*$/m ? $1 : '' } @blocks;
    ok(@blocks >= 1 && !grep({ $_ ne join(' ', @shown) } @feat),
       '/proc/cpuinfo Features match AT_HWCAP on every processor')
        or diag("AT_HWCAP: @shown\n", join("\n", @feat));
}

# /proc/self/cmdline is the guest's argv (argv[0] as -0 sets it), not the
# runner's command line (which has -L and the runner's path).
($o, $e, $st) = guest(['bin/cat', '/proc/self/cmdline']);
is($o, "$s/bin/cat\0/proc/self/cmdline\0", '/proc/self/cmdline (coreutils cat) is the guest argv') or diag($e);
($o, $e, $st) = run_cmd([runner_cmd(), '-0', 'cat', '-L', $s, "$s/bin/busybox", '/proc/self/cmdline']);
is($o, "cat\0/proc/self/cmdline\0", '/proc/self/cmdline (busybox as cat through -0) is the guest argv') or diag($e);

# /proc/self/environ is the guest's environment (-E adds to it).
($o, $e, $st) = run_cmd([runner_cmd(), '-E', 'FERRY_PROCFS_T=yes', '-L', $s, "$s/bin/cat", '/proc/self/environ']);
my @env = split /\0/, $o;
ok((grep { $_ eq 'FERRY_PROCFS_T=yes' } @env) && (grep { $_ eq 'LC_ALL=C' } @env),
   '/proc/self/environ is the guest environment') or diag($o, $e);

# The same maps under /proc/PID and /proc/thread-self, read by the shell
# process itself (a child would be another process with its own maps).
for my $dir ('$$', 'thread-self') {
    ($o, $e, $st) = guest(['bin/busybox', 'sh', '-c', "while read l; do echo \"\$l\"; done < /proc/$dir/maps"]);
    my @m = split /\n/, $o;
    ok(@m > 3 && !grep({ !/^[0-9a-f]{8}-[0-9a-f]{8} [r-][w-][x-][ps] [0-9a-f]{8} / } @m)
       && (grep { m{/bin/busybox$} } @m) && (grep { /\[stack\]$/ } @m),
       "/proc/$dir/maps is the guest's (busybox sh)") or diag($o, $e);
}

# A generated file is read-only (root may open the host's for writing,
# but its writes fail), and stat still works on the path.
($o, $e, $st) = guest(['bin/busybox', 'sh', '-c', 'echo x > /proc/self/maps; echo $?']);
like($o, qr/^[1-9]\d*\n\z/, '/proc/self/maps cannot be opened for writing') or diag($o, $e);
($o, $e, $st) = guest(['bin/stat', '-c', '%F', '/proc/self/maps', '/proc/cpuinfo']);
is($o, "regular empty file\nregular empty file\n", 'stat of /proc/self/maps and /proc/cpuinfo') or diag($e);

($o, $e, $st) = guest(['bin/uname', '-m']);
is($o, "armv7l\n", 'uname -m (coreutils) is armv7l');
($o, $e, $st) = guest(['bin/uname', '-s', '-o']);
is($o, "Linux GNU/Linux\n", 'uname -s -o');
done_testing();
