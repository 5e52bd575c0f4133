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

($o, $e, $st) = guest(['bin/cat', '/proc/self/maps']);
my @lines = split /\n/, $o;
my @high = grep { /^([0-9a-f]+)-([0-9a-f]+) / && (hex($2) > 0x100000000) } @lines;
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

($o, $e, $st) = guest(['bin/uname', '-m']);
is($o, "armv7l\n", 'uname -m (coreutils) is armv7l');
($o, $e, $st) = guest(['bin/uname', '-s', '-o']);
is($o, "Linux GNU/Linux\n", 'uname -s -o');
done_testing();
